//! A buyer registers many suppliers at once from a CSV file or an Excel workbook: the template,
//! the per-row report, all or nothing, the preview and its confirmation.

use crate::common::*;
use axum::http::StatusCode;
use hoshi_core::{Lang, Question};

async fn buyer(app: &App) -> (Client, String) {
    let (mut c, _, _) = admin(app).await;
    let org = new_org(&mut c, "発注重工業株式会社").await;
    (c, org)
}

/// A valid 法人番号 from a small number (check digit computed).
fn number(n: u64) -> String {
    let base = format!("{:012}", n * 7_919);
    let digits: Vec<u32> = base.chars().map(|c| c.to_digit(10).unwrap()).collect();
    let mut b = [0u32; 12];
    b.copy_from_slice(&digits);
    format!("{}{base}", hoshi_core::corporate::check_digit(&b))
}

/// The Japanese question of `q`, as the template heads its column.
fn question(q: Question) -> String {
    q.prompt().get(Lang::Ja).to_string()
}

const HEAD: &str =
    "取引先名,法人番号,回答期限,confidential-info,unacceptable-delay,system-access\r\n";

async fn upload(c: &mut Client, org: &str, name: &str, bytes: &[u8]) -> Resp {
    let page = c.get(&format!("/o/{org}/suppliers/import")).await;
    c.post_multipart(
        &format!("/o/{org}/suppliers/import"),
        &[("_csrf", &page.csrf())],
        &[("file", name, bytes)],
    )
    .await
}

fn token(r: &Resp) -> String {
    let i = r.body.find("name=\"token\" value=\"").expect("a preview") + 20;
    r.body[i..i + 64].to_string()
}

/// The buyer's suppliers as (name, 法人番号, required level), from the portfolio's CSV export.
async fn portfolio(c: &mut Client, org: &str) -> Vec<(String, String, String)> {
    let r = c.get(&format!("/o/{org}/suppliers.csv")).await;
    let mut rows: Vec<(String, String, String)> = r
        .body
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split("\",\"").map(|s| s.trim_matches('"')).collect();
            (f[0].to_string(), f[1].to_string(), f[2].to_string())
        })
        .collect();
    rows.sort();
    rows
}

#[tokio::test]
async fn a_good_file_is_previewed_then_registered_at_once() {
    let app = app();
    let (mut b, org) = buyer(&app).await;
    let page = b.get(&format!("/o/{org}/suppliers")).await;
    assert!(page.body.contains(&format!(
        "href=\"/o/{org}/suppliers/import\">CSV・Excel でまとめて登録"
    )));
    let page = b.get(&format!("/o/{org}/suppliers/import")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("1行でも問題があれば、1件も登録しません"));

    // The template: UTF-8 with BOM, Japanese headers with the questions as written, one example.
    let (s, h, csv) = b
        .get_bytes(&format!("/o/{org}/suppliers/import/template.csv"))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        h[axum::http::header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains(".csv")
    );
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("\u{feff}\"取引先名\",\"法人番号\",\"回答期限\""));
    for q in Question::ALL {
        assert!(csv.contains(&question(q)), "{q:?}");
    }
    let mut lines = csv.lines();
    let header = lines.next().unwrap().to_string();
    assert!(lines.next().unwrap().contains("【記入例】"));
    // Sent back as it comes, the example row is refused.
    let r = upload(&mut b, &org, "template.csv", csv.as_bytes()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("テンプレートの記入例の行です"),
        "{}",
        r.body
    );

    // Three suppliers: answers in every accepted spelling, dates as Excel writes them.
    let file = format!(
        "{header}\r\n\
         精密部品工業株式会社,{},2027/3/31,いいえ,はい,いいえ,営業 花子,eigyo@example.jp,ブレーキ部品\r\n\
         \"株式会社 \"\"月光\"\" 製作所\",{},,no,NO,×,,,\r\n\
         =1+2,{},2027-04-01,○,0,1,,,\r\n",
        number(1),
        number(2),
        number(3)
    );
    let r = upload(&mut b, &org, "取引先.csv", file.as_bytes()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body
            .contains("3 件の取引先を登録します（★3: 1 件、★4: 2 件）"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("株式会社 &#34;月光&#34; 製作所")
            || r.body.contains("株式会社 &quot;月光&quot; 製作所")
    );
    assert!(r.body.contains("3 件を登録する"));
    // Nothing is registered before the confirmation.
    assert!(portfolio(&mut b, &org).await.is_empty());
    let t = token(&r);
    let r = b
        .post(
            &format!("/o/{org}/suppliers/import/confirm"),
            &[("_csrf", &page.csrf()), ("token", &t)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("/o/{org}/suppliers?imported=3"));
    let list = b.get(r.location()).await;
    assert!(list.body.contains("3 件の取引先を登録しました。"));
    assert!(
        list.body.contains("(3)"),
        "the portfolio shows them at once"
    );
    let mut expected = vec![
        (
            "精密部品工業株式会社".to_string(),
            number(1),
            "4".to_string(),
        ),
        (
            "株式会社 \"\"月光\"\" 製作所".to_string(),
            number(2),
            "3".to_string(),
        ),
        ("'=1+2".to_string(), number(3), "4".to_string()),
    ];
    expected.sort();
    assert_eq!(portfolio(&mut b, &org).await, expected);
    // The record holds what the file said.
    let i = list.body.find("精密部品工業株式会社").unwrap();
    let rel = &list.body[i - 34..i - 2];
    let sp = b.get(&format!("/o/{org}/suppliers/{rel}")).await;
    assert!(sp.body.contains("2027-03-31") && sp.body.contains("eigyo@example.jp"));

    // A confirmation is used once.
    let again = b
        .post(
            &format!("/o/{org}/suppliers/import/confirm"),
            &[("_csrf", &page.csrf()), ("token", &t)],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("確認画面の有効期限（30分）が過ぎたか"));
    // The same file again: every row is already registered, nothing is previewed.
    let r = upload(&mut b, &org, "取引先.csv", file.as_bytes()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.body
            .matches("この法人番号の取引先はすでに登録されています。")
            .count(),
        // In the summary at the top and in the table.
        6
    );
    assert_eq!(portfolio(&mut b, &org).await.len(), 3);
}

#[tokio::test]
async fn one_bad_row_registers_nothing_and_every_problem_names_row_and_column() {
    let app = app();
    let (mut b, org) = buyer(&app).await;
    let file = format!(
        "{HEAD}\
         精密部品工業株式会社,{},2027-03-31,no,no,no\r\n\
         誤記工業株式会社,2180301018771,,no,no,no\r\n\
         未回答商事,{},,yes,,no\r\n\
         重複工業,{},,no,no,no\r\n\
         ,{},2027-02-30,たぶん,no,no\r\n",
        number(1),
        number(2),
        number(1),
        number(4)
    );
    let r = upload(&mut b, &org, "取引先.csv", file.as_bytes()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("5 行のうち 4 行に問題があるため、1件も登録していません。"),
        "{}",
        r.body
    );
    for expected in [
        "3 行目「法人番号」: 法人番号の検査用数字（先頭の1桁）が合いません。",
        "4 行目「unacceptable-delay」: 回答がありません。「はい」か「いいえ」を入力してください。",
        "5 行目「法人番号」: この法人番号は 2 行目と重複しています。",
        "6 行目「取引先名」: 取引先名は1〜200文字にしてください。",
        "6 行目「回答期限」: 期限は YYYY-MM-DD の形式で、実在する日を入力してください。",
        "6 行目「confidential-info」: 「たぶん」は回答として読み取れません。",
    ] {
        assert!(r.body.contains(expected), "{expected}\n{}", r.body);
    }
    assert!(!r.body.contains("check digit"), "Japanese only");
    assert!(!r.body.contains("name=\"token\""), "nothing to confirm");
    assert!(portfolio(&mut b, &org).await.is_empty());

    // The file's own headers name the columns: here the questions as the template writes them.
    let head = format!(
        "取引先名,法人番号,\"{}\",\"{}\",\"{}\"\r\n",
        question(Question::ConfidentialInfo),
        question(Question::UnacceptableDelay),
        question(Question::SystemAccess)
    );
    let r = upload(
        &mut b,
        &org,
        "a.csv",
        format!("{head}精密部品,{},はい,,いいえ\r\n", number(1)).as_bytes(),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Long headers are cut short in the report.
    let q: String = question(Question::UnacceptableDelay)
        .chars()
        .take(40)
        .collect();
    assert!(
        r.body
            .contains(&format!("2 行目「{q}…」: 回答がありません")),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn a_workbook_registers_like_a_csv_file() {
    use hoshi_xlsx::TableCell as C;
    let app = app();
    let (mut b, org) = buyer(&app).await;
    // The Excel template opens and has the same columns.
    let (s, _, bytes) = b
        .get_bytes(&format!("/o/{org}/suppliers/import/template.xlsx"))
        .await;
    assert_eq!(s, StatusCode::OK);
    let mut wb = hoshi_xlsx::Workbook::open(bytes).unwrap();
    let sheet = wb.sheet("取引先").unwrap();
    assert_eq!(sheet.value(1, 1), "取引先名");
    assert_eq!(sheet.value(1, 4), question(Question::ConfidentialInfo));
    assert!(sheet.value(2, 1).starts_with("【記入例】"));

    // As Excel saves what a buyer types: numbers for the 法人番号, dates and 1/0, and TRUE/FALSE.
    let mut headers: Vec<String> = ["取引先名", "法人番号", "回答期限"]
        .map(str::to_string)
        .to_vec();
    headers.extend(Question::ALL.map(question));
    let row = |name: &str, n: u64, due: C, a: C| {
        vec![
            C::Text(name.into()),
            C::Number(number(n).parse().unwrap()),
            due,
            a,
            C::Number(0.0),
            C::Bool(false),
        ]
    };
    let bytes = hoshi_xlsx::table(
        "取引先",
        &headers,
        &[
            row(
                "精密部品工業株式会社",
                1,
                C::Number(46477.0),
                C::Number(1.0),
            ),
            vec![C::Empty; 6],
            row("月光製作所", 2, C::Empty, C::Text("いいえ".into())),
        ],
    )
    .unwrap();
    let r = upload(&mut b, &org, "取引先.xlsx", &bytes).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body
            .contains("2 件の取引先を登録します（★3: 1 件、★4: 1 件）")
    );
    assert!(r.body.contains("2027-03-31"), "the date serial as a date");
    let page = b.get(&format!("/o/{org}/suppliers")).await;
    let done = b
        .post(
            &format!("/o/{org}/suppliers/import/confirm"),
            &[("_csrf", &page.csrf()), ("token", &token(&r))],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(
        portfolio(&mut b, &org).await,
        [
            ("月光製作所".to_string(), number(2), "3".to_string()),
            (
                "精密部品工業株式会社".to_string(),
                number(1),
                "4".to_string()
            ),
        ]
    );
    // A formula counts by the result the workbook stores (a cell without one: see `bulk::read`).
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    let n7 = number(7);
    let name = rust_xlsxwriter::Formula::new("=\"数式\"&\"工業\"").set_result("数式工業");
    ws.write_formula(1, 0, name).unwrap();
    let n = rust_xlsxwriter::Formula::new(format!("={n7}")).set_result(&n7);
    ws.write_formula(1, 1, n).unwrap();
    for c in 3..=5 {
        ws.write_formula(
            1,
            c,
            rust_xlsxwriter::Formula::new("=1=0").set_result("FALSE"),
        )
        .unwrap();
    }
    let r = upload(&mut b, &org, "f.xlsx", &wb.save_to_buffer().unwrap()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains(&format!(
            "<td>数式工業</td><td class=\"nowrap\">{n7}</td><td>★3</td>"
        )),
        "{}",
        r.body
    );
    // Row numbers are the sheet's (row 3 is empty).
    let bad = hoshi_xlsx::table(
        "Sheet1",
        &headers,
        &[
            row("星", 5, C::Empty, C::Bool(true)),
            vec![C::Empty; 6],
            row("星2", 6, C::Text("来月".into()), C::Bool(true)),
        ],
    )
    .unwrap();
    let r = upload(&mut b, &org, "x.xlsx", &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("4 行目「回答期限」"), "{}", r.body);
}

#[tokio::test]
async fn a_registration_between_preview_and_confirmation_is_caught() {
    let app = app();
    let (mut b, org) = buyer(&app).await;
    let file = format!(
        "{HEAD}一号工業,{},,no,no,no\r\n二号工業,{},,no,no,no\r\n",
        number(1),
        number(2)
    );
    let preview = upload(&mut b, &org, "a.csv", file.as_bytes()).await;
    assert_eq!(preview.status, StatusCode::OK);
    // Meanwhile a colleague registers the second supplier by hand.
    let page = b.get(&format!("/o/{org}/suppliers")).await;
    let n2 = number(2);
    let r = b
        .post(
            &format!("/o/{org}/suppliers"),
            &[
                ("_csrf", &page.csrf()),
                ("supplier_name", "二号工業"),
                ("corporate_number", &n2),
                ("confidential-info", "no"),
                ("unacceptable-delay", "no"),
                ("system-access", "no"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = b
        .post(
            &format!("/o/{org}/suppliers/import/confirm"),
            &[("_csrf", &page.csrf()), ("token", &token(&preview))],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("3 行目「法人番号」: この法人番号の取引先はすでに登録されています。")
    );
    assert_eq!(portfolio(&mut b, &org).await.len(), 1, "none of the file's");

    // A preview is its uploader's: a colleague cannot confirm it, nor can a forged request.
    let preview = upload(
        &mut b,
        &org,
        "a.csv",
        format!("{HEAD}一号工業,{},,no,no,no\r\n", number(1)).as_bytes(),
    )
    .await;
    let mut editor = join(&app, &mut b, &org, "editor", "editor@example.jp").await;
    let page = editor.get(&format!("/o/{org}/suppliers/import")).await;
    let r = editor
        .post(
            &format!("/o/{org}/suppliers/import/confirm"),
            &[("_csrf", &page.csrf()), ("token", &token(&preview))],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = b
        .post(
            &format!("/o/{org}/suppliers/import/confirm"),
            &[("_csrf", "forged"), ("token", &token(&preview))],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(portfolio(&mut b, &org).await.len(), 1);
    // A viewer may not even look at the import page or upload.
    let mut viewer = join(&app, &mut b, &org, "viewer", "viewer@example.jp").await;
    let csrf = viewer.get(&format!("/o/{org}/suppliers")).await.csrf();
    assert_eq!(
        viewer
            .get(&format!("/o/{org}/suppliers/import"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let r = viewer
        .post_multipart(
            &format!("/o/{org}/suppliers/import"),
            &[("_csrf", &csrf)],
            &[("file", "a.csv", file.as_bytes())],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(
        !viewer
            .get(&format!("/o/{org}/suppliers"))
            .await
            .body
            .contains("/suppliers/import\"")
    );
}

#[tokio::test]
async fn hostile_files_get_a_message_never_a_crash() {
    let app = app();
    let (mut b, org) = buyer(&app).await;
    let long = format!("{HEAD}{},{},,no,no,no\r\n", "長".repeat(100_000), number(1));
    let mut junk: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    junk[0] = 0x81;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("", Vec::new(), "ファイルを選んでください。"),
        ("empty.csv", Vec::new(), "ファイルに何も入っていません。"),
        (
            "junk.csv",
            junk,
            "「CSV UTF-8 (コンマ区切り)」を選んで保存し直す",
        ),
        // 取引先名,… in Shift_JIS.
        (
            "sjis.csv",
            b"\x8e\xe6\x88\xf8\x90\xe6\x96\xbc,\x96\x40\x90\x6c\x94\xd4\x8d\x86\r\n".to_vec(),
            "Shift_JIS などで保存した CSV は読み込めません",
        ),
        (
            "commas.csv",
            ",".repeat(900_000).into_bytes(),
            "ファイルに何も入っていません。",
        ),
        (
            "wide.csv",
            format!("{}\n1", "a,".repeat(40)).into_bytes(),
            "1 行目に、30 列を超えるデータがあります。",
        ),
        (
            "head.csv",
            HEAD.as_bytes().to_vec(),
            "見出しの行の下に、取引先の行がありません。",
        ),
        (
            "quote.csv",
            format!("{HEAD}\"星,{},,no,no,no\r\n", number(1)).into_bytes(),
            "2 行目で始まるダブルクォーテーション",
        ),
        (
            "long.csv",
            long.into_bytes(),
            "2 行目「取引先名」: 取引先名は1〜200文字にしてください。",
        ),
        (
            "cols.csv",
            "取引先名,備考\r\n星,メモ\r\n".as_bytes().to_vec(),
            "B 列の見出し「備考」は読み取れません。",
        ),
        (
            "old.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1".to_vec(),
            "古い Excel 形式（.xls）",
        ),
        (
            "broken.xlsx",
            b"PK\x03\x04\x14\x00junk".to_vec(),
            ".xlsx 形式のワークブックとして読み取れません",
        ),
        (
            "many.csv",
            format!("{HEAD}{}", "星,1,,no,no,no\r\n".repeat(5_001)).into_bytes(),
            "取引先の行が 5,000 行を超えています。",
        ),
    ];
    for (name, bytes, expected) in cases {
        let r = upload(&mut b, &org, name, &bytes).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}\n{}",
            r.body
        );
        assert!(r.body.contains(expected), "{name}: {expected}\n{}", r.body);
    }
    // Over the server's upload limit (1 MB in tests): the limit, at the form.
    let big = ",".repeat(10 * 1024 * 1024);
    let r = upload(&mut b, &org, "big.csv", big.as_bytes()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("id=\"bulk-file-error\">ファイルが大きすぎます。1 MB 以下"),
        "{}",
        r.body
    );
    assert!(portfolio(&mut b, &org).await.is_empty());
}

#[tokio::test]
async fn five_thousand_rows_in_one_transaction_and_english_throughout() {
    let app = app_with(|c| c.max_upload = 5 * 1024 * 1024);
    let (mut b, org) = buyer(&app).await;
    // An English-speaking buyer gets the template, the page and the problems in English.
    let home = b.get("/").await;
    b.post("/lang", &[("_csrf", &home.csrf()), ("lang", "en")])
        .await;
    let (_, _, csv) = b
        .get_bytes(&format!("/o/{org}/suppliers/import/template.csv"))
        .await;
    let csv = String::from_utf8(csv).unwrap();
    let header = csv.lines().next().unwrap().trim_start_matches('\u{feff}');
    assert!(header.starts_with("\"Supplier name\",\"Corporate number\",\"Due date\""));
    let bad = format!("{header}\r\nStar Works,{},,yes,no,maybe,,,\r\n", number(1));
    let r = upload(&mut b, &org, "a.csv", bad.as_bytes()).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // The column as the file heads it, cut short: the English question.
    assert!(
        r.body.contains(
            "Row 2, “Can the supplier&#39;s environment connect t…”: “maybe” is not an answer"
        ),
        "{}",
        r.body
    );

    // The largest file accepted: 5,000 rows, checked, previewed and registered at once.
    let mut file = String::from(HEAD);
    for i in 0..5_000u64 {
        let access = if i % 4 == 0 { "yes" } else { "no" };
        file.push_str(&format!(
            "取引先{i}株式会社,{},2027-03-31,no,no,{access}\r\n",
            number(i + 10)
        ));
    }
    let r = upload(&mut b, &org, "all.csv", file.as_bytes()).await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "{}",
        &r.body[..r.body.len().min(2000)]
    );
    assert!(
        r.body
            .contains("5,000 suppliers will be registered (★3: 3,750, ★4: 1,250)")
    );
    let page = b.get(&format!("/o/{org}/suppliers")).await;
    let done = b
        .post(
            &format!("/o/{org}/suppliers/import/confirm"),
            &[("_csrf", &page.csrf()), ("token", &token(&r))],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let list = b.get(done.location()).await;
    assert!(list.body.contains("5,000 suppliers registered."));
    assert!(list.body.contains("(5000)"));
    // One more row is refused whole.
    let r = upload(
        &mut b,
        &org,
        "more.csv",
        format!("{file}x,1,,no,no,no\r\n").as_bytes(),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("more than 5,000 supplier rows"));
}
