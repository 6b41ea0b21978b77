//! Buyers and suppliers through the web pages.

use crate::common::*;
use axum::http::StatusCode;
use hoshi_store::db::testing::RawWrite as _;

async fn buyer(app: &App) -> (Client, String) {
    let (mut c, _, _) = admin(app).await;
    let home = c.get("/").await;
    let org = c
        .post(
            "/orgs",
            &[("_csrf", &home.csrf()), ("name", "発注自動車株式会社")],
        )
        .await
        .location()
        .trim_start_matches("/o/")
        .to_string();
    (c, org)
}

fn register<'a>(csrf: &'a str, number: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("_csrf", csrf),
        ("supplier_name", "精密部品工業株式会社"),
        ("corporate_number", number),
        ("contact_name", "営業 花子"),
        ("contact_email", "eigyo@example.jp"),
        ("supplies", "ブレーキ部品の切削加工"),
        ("confidential-info", "no"),
        ("unacceptable-delay", "no"),
        ("system-access", "no"),
        ("due_date", "2027-03-31"),
    ]
}

#[tokio::test]
async fn register_invite_accept_share_and_revoke() {
    let app = app();
    let (mut b, org) = buyer(&app).await;
    let page = b.get(&format!("/o/{org}/suppliers")).await;
    let csrf = page.csrf();
    // A mistyped 法人番号: the form again (422) with everything typed and the message beside
    // the number, nothing registered.
    let r = b
        .post(
            &format!("/o/{org}/suppliers"),
            &register(&csrf, "2180301018771"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("id=\"corporate_number-error\">法人番号の検査用数字")
            && !r.body.contains("check digit"),
        "{}",
        r.body
    );
    assert!(r.body.contains("value=\"2180301018771\""));
    assert!(r.body.contains("value=\"no\" checked"), "answers kept");
    // An unanswered question: the message beside that question.
    let mut partial = register(&csrf, "1180301018771");
    partial.retain(|(k, _)| *k != "system-access");
    let r = b.post(&format!("/o/{org}/suppliers"), &partial).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("id=\"system-access-error\">3つの質問すべてに")
    );

    let r = b
        .post(
            &format!("/o/{org}/suppliers"),
            &register(&csrf, "1180301018771"),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let rel = r.location().rsplit('/').next().unwrap().to_string();
    let page = b.get(&format!("/o/{org}/suppliers/{rel}")).await;
    assert!(page.body.contains("★3") && page.body.contains("まだ承諾されていません"));
    let inv = b
        .post(
            &format!("/o/{org}/suppliers/{rel}/invite"),
            &[("_csrf", &page.csrf())],
        )
        .await;
    let link = inv.body.split("/supplier-invite/").nth(1).unwrap()[..64].to_string();

    // The record can be corrected (a mistyped due date comes back in place, nothing changed),
    // and a link sent to the wrong person cancelled; a new one works.
    // The buyer's home leads to its suppliers.
    let home = b.get("/").await;
    assert!(
        home.body.contains(&format!(
            "<a href=\"/o/{org}/suppliers\">取引先（受注企業） 1</a>"
        )),
        "{}",
        home.body
    );
    let sp = b.get(&format!("/o/{org}/suppliers/{rel}")).await;
    let edit = |name: &'static str, due: &'static str| {
        vec![
            ("_csrf", sp.csrf()),
            ("supplier_name", name.to_string()),
            ("contact_name", "営業 次郎".to_string()),
            ("contact_email", "jiro@example.jp".to_string()),
            ("supplies", "ブレーキ部品".to_string()),
            ("due_date", due.to_string()),
        ]
    };
    let bad = edit("精密部品工業（株）", "2027-02-30");
    let bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = b
        .post(&format!("/o/{org}/suppliers/{rel}/edit"), &bad)
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("value=\"精密部品工業（株）\""),
        "typed values stay"
    );
    let good = edit("精密部品工業（株）", "２０２７-０３-３１");
    let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = b
        .post(&format!("/o/{org}/suppliers/{rel}/edit"), &good)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let sp = b.get(&format!("/o/{org}/suppliers/{rel}")).await;
    assert!(sp.body.contains("<h1>精密部品工業（株）</h1>") && sp.body.contains("2027-03-31"));
    b.post(
        &format!("/o/{org}/suppliers/{rel}/cancel-invite"),
        &[("_csrf", &sp.csrf())],
    )
    .await;
    assert_eq!(
        Client::new(&app)
            .get(&format!("/supplier-invite/{link}"))
            .await
            .status,
        StatusCode::BAD_REQUEST,
        "the cancelled link no longer works"
    );
    let inv = b
        .post(
            &format!("/o/{org}/suppliers/{rel}/invite"),
            &[("_csrf", &sp.csrf())],
        )
        .await;
    let link = inv.body.split("/supplier-invite/").nth(1).unwrap()[..64].to_string();

    // The supplier, new to hoshi, accepts: an account and an organisation are created.
    let mut s = Client::new(&app);
    let form = s.get(&format!("/supplier-invite/{link}")).await;
    // A weak password: the form again with the message beside it, the rest as typed, no account.
    let r = s
        .post(
            &format!("/supplier-invite/{link}"),
            &[
                ("_csrf", &form.csrf()),
                ("org", "new"),
                ("org_name", "精密部品工業株式会社"),
                ("display_name", "営業 花子"),
                ("email", "eigyo@example.jp"),
                ("password", "short"),
                ("password2", "short"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("id=\"password-error\">パスワードは10文字以上にしてください")
    );
    assert!(
        r.body.contains("value=\"営業 花子\"") && r.body.contains("value=\"eigyo@example.jp\"")
    );
    assert!(
        app.state
            .store
            .read(|c| hoshi_store::users::by_email(c, "eigyo@example.jp"))
            .unwrap()
            .is_none()
    );
    assert!(form.body.contains("発注自動車株式会社") && form.body.contains("★3"));
    let r = s
        .post(
            &format!("/supplier-invite/{link}"),
            &[
                ("_csrf", &form.csrf()),
                ("org", "new"),
                ("org_name", "精密部品工業株式会社"),
                ("display_name", "営業 花子"),
                ("email", "eigyo@example.jp"),
                ("password", "hibari-no-uta-42"),
                ("password2", "hibari-no-uta-42"),
            ],
        )
        .await;
    let sorg = r
        .location()
        .trim_start_matches("/o/")
        .trim_end_matches("/buyers")
        .to_string();
    assert_eq!(r.location(), format!("/o/{sorg}/buyers"), "{}", r.body);
    // The link is used up.
    assert_eq!(
        Client::new(&app)
            .get(&format!("/supplier-invite/{link}"))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );

    // The supplier answers a little and shares a summary.
    let home = s.get(&format!("/o/{sorg}")).await;
    let a = s
        .post(
            &format!("/o/{sorg}/assessments"),
            &[
                ("_csrf", &home.csrf()),
                ("title", "2026年度 ★3"),
                ("catalog", "scs@2026-03-27:3"),
            ],
        )
        .await
        .location()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    enrol(&mut s).await;
    let cat = s.get(&format!("/o/{sorg}/a/{a}/c/1")).await;
    s.post(
        &format!("/o/{sorg}/a/{a}/answer/1-2-1-1"),
        &[
            ("_csrf", &cat.csrf()),
            ("version", "0"),
            ("status", "met"),
            ("note", "社外秘の補足メモ"),
        ],
    )
    .await;
    // Evidence on that criterion: a file the buyer may fetch only under full sharing.
    let pdf = b"%PDF-1.7\n% shared evidence\n%%EOF\n";
    let r = s
        .post_multipart(
            &format!("/o/{sorg}/a/{a}/evidence/1-2-1-1"),
            &[
                ("_csrf", &cat.csrf()),
                ("title", "セキュリティ体制図"),
                ("effective_date", "2026-04-01"),
            ],
            &[("file", "体制図.pdf", pdf)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let eid = s
        .get(&format!("/o/{sorg}/evidence"))
        .await
        .body
        .split("/evidence/")
        .filter_map(|x| x.get(..32))
        .find(|x| x.chars().all(|c| c.is_ascii_hexdigit()))
        .unwrap()
        .to_string();
    let buyers = s.get(&format!("/o/{sorg}/buyers")).await;
    assert!(buyers.body.contains("発注自動車株式会社"));
    assert!(
        !buyers.body.contains("★4 を求めています"),
        "★3 asked, nothing to warn"
    );
    // Had the buyer asked for ★4, the supplier is told plainly that ★3 does not meet it, and
    // (with no ★4 catalog loaded) who can make ★4 possible.
    let r2 = rel.clone();
    app.state
        .store
        .write(move |tx| {
            tx.sql_execute(
                "UPDATE relationships SET required_level = 4 WHERE id = ?1",
                [&r2],
            )?;
            Ok(())
        })
        .unwrap();
    let asked4 = s.get(&format!("/o/{sorg}/buyers")).await;
    assert!(
        asked4
            .body
            .contains("★3 の自己評価や確認結果では、この要求を満たしません")
    );
    assert!(asked4.body.contains("公式ワークブック"));
    let r2 = rel.clone();
    app.state
        .store
        .write(move |tx| {
            tx.sql_execute(
                "UPDATE relationships SET required_level = 3 WHERE id = ?1",
                [&r2],
            )?;
            Ok(())
        })
        .unwrap();
    let r = s
        .post(
            &format!("/o/{sorg}/buyers/{rel}/share"),
            &[
                ("_csrf", &buyers.csrf()),
                ("assessment", &a),
                ("scope", "summary"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // The buyer sees the summary, not the answers.
    let view = b.get(&format!("/o/{org}/suppliers/{rel}")).await;
    assert!(
        view.body.contains("2026年度 ★3") && view.body.contains("<svg"),
        "summary shows the chart"
    );
    assert!(
        !view.body.contains("社外秘の補足メモ"),
        "answers are not part of a summary"
    );
    // No document is in force yet; once the supplier publishes its policy the buyer sees its
    // name, version and effective date — never its text.
    assert!(view.body.contains("公開されている文書はまだありません"));
    {
        use hoshi_store::documents as docs;
        let owner: String = app
            .state
            .store
            .read(|c| {
                Ok(
                    hoshi_store::orgs::members(c, &hoshi_store::OrgScope::operator(&sorg))?[0]
                        .user_id
                        .clone(),
                )
            })
            .unwrap();
        app.state
            .store
            .write(|tx| {
                let id = docs::create(
                    tx,
                    1,
                    &owner,
                    &sorg,
                    "policy",
                    "ja",
                    docs::NewVersion {
                        title: "情報セキュリティ基本方針",
                        sections: r#"[{"key":"a","heading":"目的","body":"社外秘の方針本文"}]"#,
                        note: "",
                    },
                )?;
                docs::approve(tx, 2, &owner, &sorg, &id, 1)?;
                docs::publish(tx, 3, &owner, &sorg, &id, 1, "2026-04-01")
            })
            .unwrap();
    }
    let view = b.get(&format!("/o/{org}/suppliers/{rel}")).await;
    assert!(
        view.body.contains("情報セキュリティ基本方針 (日本語)"),
        "{}",
        view.body
    );
    assert!(view.body.contains("2026-04-01"));
    assert!(
        !view.body.contains("社外秘の方針本文"),
        "the text is not shared"
    );
    let portfolio = b.get(&format!("/o/{org}/suppliers")).await;
    assert!(portfolio.body.contains("自己評価中"));
    // With a summary shared, the buyer sees the progress, and it follows the next answer saved.
    let total = app
        .state
        .catalogs()
        .get("scs")
        .unwrap()
        .criteria_for_level(3)
        .count();
    let pct = |n: usize| format!("<td class=\"nowrap\">{}%</td>", n * 100 / total);
    assert!(portfolio.body.contains(&pct(1)), "{}", portfolio.body);
    let cat = s.get(&format!("/o/{sorg}/a/{a}/c/1")).await;
    let r = s
        .post(
            &format!("/o/{sorg}/a/{a}/c/1/answers"),
            &[
                ("_csrf", &cat.csrf()),
                ("version.1-2-1-2", "0"),
                ("status.1-2-1-2", "met"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let portfolio = b.get(&format!("/o/{org}/suppliers")).await;
    assert!(
        portfolio.body.contains(&pct(2)),
        "the cache saw the new answer"
    );
    // Under a summary the evidence is neither listed nor downloadable.
    assert!(!view.body.contains("セキュリティ体制図"));
    let evidence_url = format!("/o/{org}/suppliers/{rel}/evidence/{eid}");
    assert_eq!(b.get(&evidence_url).await.status, StatusCode::NOT_FOUND);
    // Full: answers and gaps.
    s.post(
        &format!("/o/{sorg}/buyers/{rel}/share"),
        &[
            ("_csrf", &buyers.csrf()),
            ("assessment", &a),
            ("scope", "full"),
        ],
    )
    .await;
    assert!(
        b.get(&format!("/o/{org}/suppliers/{rel}"))
            .await
            .body
            .contains("1-2-1-1")
    );
    // CSV export of the portfolio (formulas neutralised, UTF-8 with BOM).
    let (st, h, csv) = b.get_bytes(&format!("/o/{org}/suppliers.csv")).await;
    assert_eq!(st, StatusCode::OK);
    assert!(
        h.get("content-disposition")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.starts_with('\u{feff}')
            && csv.contains("\"取引先名（会社名）\",\"法人番号（13桁）\"")
            && csv.contains(
                "\"精密部品工業（株）\",\"1180301018771\",\"3\",\"\",\"2%\",\"自己評価中\""
            ),
        "{csv}"
    );

    // The same list as an Excel workbook, Japanese headers, levels as numbers.
    let (st, _, xlsx) = b.get_bytes(&format!("/o/{org}/suppliers.xlsx")).await;
    assert_eq!(st, StatusCode::OK);
    let mut wb = hoshi_xlsx::Workbook::open(xlsx).unwrap();
    let sheet = wb.sheet("取引先一覧").unwrap();
    assert_eq!(sheet.value(1, 1), "取引先名（会社名）");
    assert_eq!(sheet.value(2, 1), "精密部品工業（株）");
    assert_eq!(sheet.value(2, 2), "1180301018771");
    assert_eq!(sheet.value(2, 3), "3");
    assert_eq!(sheet.max_row(), 2);

    // Full sharing: the evidence is listed and downloads byte for byte.
    let view = b.get(&format!("/o/{org}/suppliers/{rel}")).await;
    assert!(view.body.contains("セキュリティ体制図"), "{}", view.body);
    let (st, _, got) = b.get_bytes(&evidence_url).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(got, pdf);
    // Any other evidence id: not found.
    let other = format!("/o/{org}/suppliers/{rel}/evidence/{}", "0".repeat(32));
    assert_eq!(b.get(&other).await.status, StatusCode::NOT_FOUND);

    // Revoked: hidden on the very next request.
    s.post(
        &format!("/o/{sorg}/buyers/{rel}/revoke"),
        &[("_csrf", &buyers.csrf())],
    )
    .await;
    let view = b.get(&format!("/o/{org}/suppliers/{rel}")).await;
    assert!(
        view.body.contains("取引先はまだ何も共有していません")
            && !view.body.contains("2026年度 ★3")
    );
    assert_eq!(b.get(&evidence_url).await.status, StatusCode::NOT_FOUND);
    assert!(
        b.get(&format!("/o/{org}/suppliers"))
            .await
            .body
            .contains("未共有")
    );

    // The supplier cannot see the buyer's portfolio, nor the buyer the supplier's pages.
    assert_eq!(
        s.get(&format!("/o/{org}/suppliers")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        s.get(&format!("/o/{org}/suppliers/{rel}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        b.get(&format!("/o/{sorg}/buyers")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        b.get(&format!("/o/{sorg}/a/{a}")).await.status,
        StatusCode::NOT_FOUND
    );
    // A buyer cannot share on the supplier's behalf; an editor of the supplier cannot either.
    let bc = b.get(&format!("/o/{org}")).await.csrf();
    assert_eq!(
        b.post(
            &format!("/o/{sorg}/buyers/{rel}/share"),
            &[("_csrf", &bc), ("assessment", &a), ("scope", "full")]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn portfolio_filters_and_sorting() {
    let app = app();
    let (mut b, org) = buyer(&app).await;
    let csrf = b.get(&format!("/o/{org}/suppliers")).await.csrf();
    let numbers = ["1180301018771", "7000012050002"];
    for (i, n) in numbers.iter().enumerate() {
        let mut f = register(&csrf, n);
        let name = format!("取引先{i}");
        f[1] = ("supplier_name", Box::leak(name.into_boxed_str()));
        if i == 1 {
            f[7] = ("unacceptable-delay", "yes");
            f[9] = ("due_date", "2020-01-01");
        }
        assert_eq!(
            b.post(&format!("/o/{org}/suppliers"), &f).await.status,
            StatusCode::SEE_OTHER
        );
    }
    let all = b.get(&format!("/o/{org}/suppliers")).await;
    assert!(all.body.contains("取引先0") && all.body.contains("取引先1"));
    let four = b.get(&format!("/o/{org}/suppliers?level=4")).await;
    assert!(!four.body.contains("取引先0") && four.body.contains("取引先1"));
    let overdue = b.get(&format!("/o/{org}/suppliers?flag=overdue")).await;
    assert!(
        !overdue.body.contains(">取引先0<") && overdue.body.contains(">取引先1<"),
        "only the past due date is overdue"
    );
    let found = b.get(&format!("/o/{org}/suppliers?q=7000012050002")).await;
    assert!(found.body.contains(">取引先1<") && !found.body.contains(">取引先0<"));
    // Registering the same company twice is refused.
    let r = b
        .post(
            &format!("/o/{org}/suppliers"),
            &register(&csrf, "7000012050002"),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("すでに登録されています"));
}

/// A result signed by another hoshi instance's key (not this server's).
fn foreign(
    key: &hoshi_attest::SigningKey,
    id: &str,
    number: Option<&str>,
    valid_until: &str,
    issuer: &str,
) -> Vec<u8> {
    use hoshi_attest::*;
    let st = Statement::new(
        vec![Subject::sha256("result.json", b"{}")],
        Predicate {
            id: id.into(),
            organisation: Organisation {
                name: "精密部品工業株式会社".into(),
                corporate_number: number.map(str::to_string),
            },
            catalog: "scs".into(),
            edition: "2026-03-27".into(),
            level: 3,
            verdict: "met".into(),
            categories: vec![],
            confirmation: ExpertConfirmation {
                name: "外部 専門家".into(),
                qualification: "情報処理安全確保支援士".into(),
                registration_number: "第000001号".into(),
                confirmed_on: "2026-11-01".into(),
            },
            declaration: Declaration {
                officer_name: "社長 太郎".into(),
                officer_title: "代表取締役".into(),
                date: "2026-11-02".into(),
                ..Default::default()
            },
            issued_at: "2026-11-03T00:00:00Z".into(),
            valid_until: valid_until.into(),
            issuer: issuer.into(),
        },
    );
    Envelope::sign(&st, key).to_json()
}

#[tokio::test]
async fn buyer_imports_an_attestation_from_another_instance() {
    // The other hoshi: an HTTPS server on loopback with a throw-away CA, publishing its keys and
    // revocation list where every hoshi does.
    let pki = tempfile::tempdir().unwrap();
    let (ca, tls) = hoshi_mail::sink::openssl_pki(pki.path()).unwrap();
    let other_site = hoshi_mail::https::FileServer::start(tls).await.unwrap();
    let issuer = other_site.url();
    let other = hoshi_attest::SigningKey::generate().unwrap();
    other_site.set(
        "/.well-known/hoshi-keys.json",
        hoshi_attest::KeySet::single(&other.public(), "2026-11-01").to_json(),
    );
    other_site.set(
        "/.well-known/hoshi-revoked.json",
        br#"{"revoked": []}"#.to_vec(),
    );

    let roots = hoshi_mail::load_pem_certs(&ca).unwrap();
    let app = app_with(|c| {
        c.issuers = hoshi_mail::https::FetchOptions {
            extra_roots: roots,
            allow_loopback_http: false,
            allow_private: true, // the test's issuer is on loopback
        }
    });
    let (mut b, org) = buyer(&app).await;
    let csrf = b.get(&format!("/o/{org}/suppliers")).await.csrf();
    let r = b
        .post(
            &format!("/o/{org}/suppliers"),
            &register(&csrf, "1180301018771"),
        )
        .await;
    let rel = r.location().rsplit('/').next().unwrap().to_string();
    let page = format!("/o/{org}/suppliers/{rel}");
    let import = format!("/o/{org}/suppliers/{rel}/attestations");
    let csrf = b.get(&page).await.csrf();
    let id = "a1".repeat(32);
    let good = foreign(&other, &id, Some("1180301018771"), "2099-12-31", &issuer);

    // Refused, with the reason, and nothing kept: a payload swapped under a signature; a result
    // the supplier signed itself but that names the real issuer (its key is not the issuer's);
    // expired; another company; no 法人番号; an issuer that is not https.
    let mut tampered: serde_json::Value = serde_json::from_slice(&good).unwrap();
    let forged = foreign(&other, &id, Some("1180301018771"), "2100-12-31", &issuer);
    let forged: serde_json::Value = serde_json::from_slice(&forged).unwrap();
    tampered["payload"] = forged["payload"].clone();
    let self_signed = foreign(
        &hoshi_attest::SigningKey::generate().unwrap(),
        &"d4".repeat(32),
        Some("1180301018771"),
        "2099-12-31",
        &issuer,
    );
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (serde_json::to_vec(&tampered).unwrap(), "bad-signature"),
        (self_signed, "unknown-key"),
        (
            foreign(
                &other,
                &"b2".repeat(32),
                Some("1180301018771"),
                "2020-01-01",
                &issuer,
            ),
            "expired",
        ),
        (
            foreign(
                &other,
                &"c3".repeat(32),
                Some("7000012050002"),
                "2099-12-31",
                &issuer,
            ),
            "別の組織（法人番号 7000012050002）",
        ),
        (
            foreign(&other, &"e5".repeat(32), None, "2099-12-31", &issuer),
            "法人番号が記載されていない",
        ),
        (
            foreign(
                &other,
                &"f6".repeat(32),
                Some("1180301018771"),
                "2099-12-31",
                "http://127.0.0.1:9",
            ),
            "https:// のアドレスではない",
        ),
    ];
    for (env, reason) in cases {
        let r = b
            .post_multipart(
                &import,
                &[("_csrf", &csrf)],
                &[("envelope", "a.intoto.json", &env)],
            )
            .await;
        // The supplier page again with the import form open and every reason in it.
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{reason}");
        assert!(r.body.contains(reason), "{reason}: {}", r.body);
        assert!(r.body.contains("何も保存していません"), "{reason}");
    }
    assert!(
        !b.get(&page).await.body.contains("検証済み"),
        "nothing kept"
    );
    let port = b.get(&format!("/o/{org}/suppliers")).await;
    assert!(
        !port.body.contains("<td>★3</td><td>★3</td>"),
        "nothing achieved yet"
    );

    // Imported: verified with the keys fetched from the issuer; the level counts.
    let r = b
        .post_multipart(
            &import,
            &[("_csrf", &csrf)],
            &[("envelope", "a.intoto.json", &good)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let view = b.get(&page).await;
    assert!(view.body.contains("検証済み") && view.body.contains(&issuer));
    let port = b.get(&format!("/o/{org}/suppliers")).await;
    assert!(
        port.body.contains("<td>★3</td><td>★3</td>"),
        "{}",
        port.body
    );

    // The scheduled re-check: nothing is due right after the import (it was just checked).
    assert_eq!(hoshi_web::jobs::recheck_imported(&app.state).await, 0);
    let a_day_ago = |app: &App| {
        app.state
            .store
            .write(|tx| {
                tx.sql_execute(
                    "UPDATE imported_attestations SET checked_at = checked_at - 86401",
                    (),
                )
            })
            .unwrap()
    };
    // A day later the issuer's list cannot be read: noted on the page, still counted.
    a_day_ago(&app);
    other_site.set(
        "/.well-known/hoshi-revoked.json",
        b"<html>maintenance</html>".to_vec(),
    );
    assert_eq!(hoshi_web::jobs::recheck_imported(&app.state).await, 1);
    let view = b.get(&page).await;
    assert!(view.body.contains("前回の定期確認に失敗"), "{}", view.body);
    assert!(
        b.get(&format!("/o/{org}/suppliers"))
            .await
            .body
            .contains("<td>★3</td><td>★3</td>")
    );
    // The issuer revokes it: the next scheduled check records it without anyone asking, and the
    // buyer's very next page shows the supplier without the level.
    other_site.set(
        "/.well-known/hoshi-revoked.json",
        serde_json::to_vec(&serde_json::json!({"revoked": [{"id": id}]})).unwrap(),
    );
    a_day_ago(&app);
    assert_eq!(hoshi_web::jobs::recheck_imported(&app.state).await, 1);
    let view = b.get(&page).await;
    assert!(view.body.contains("<code>revoked</code>"), "{}", view.body);
    assert!(!view.body.contains("前回の定期確認に失敗"));
    assert!(
        !b.get(&format!("/o/{org}/suppliers"))
            .await
            .body
            .contains("<td>★3</td><td>★3</td>")
    );
    // A revoked one is not checked again.
    a_day_ago(&app);
    assert_eq!(hoshi_web::jobs::recheck_imported(&app.state).await, 0);

    // The issuer revokes it; a re-check fetches the new list: shown revoked, no longer counts.
    other_site.set(
        "/.well-known/hoshi-revoked.json",
        serde_json::to_vec(&serde_json::json!({"revoked": [{"id": id}]})).unwrap(),
    );
    let r = b
        .post(&format!("{import}/{id}/recheck"), &[("_csrf", &csrf)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let view = b.get(&page).await;
    assert!(view.body.contains("<code>revoked</code>"), "{}", view.body);
    let port = b.get(&format!("/o/{org}/suppliers")).await;
    assert!(!port.body.contains("<td>★3</td><td>★3</td>"));
    // Even if the issuer's list later forgets it, the recorded revocation stays.
    other_site.set(
        "/.well-known/hoshi-revoked.json",
        br#"{"revoked": []}"#.to_vec(),
    );
    let r = b
        .post_multipart(
            &import,
            &[("_csrf", &csrf)],
            &[("envelope", "a.intoto.json", &good)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(b.get(&page).await.body.contains("<code>revoked</code>"));
    assert!(
        !b.get(&format!("/o/{org}/suppliers"))
            .await
            .body
            .contains("<td>★3</td><td>★3</td>")
    );

    // Removing it takes it off the page.
    let r = b
        .post(&format!("{import}/{id}/remove"), &[("_csrf", &csrf)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(!b.get(&page).await.body.contains(&id[..16]));
}

#[tokio::test]
async fn the_server_fetches_issuer_keys_from_public_addresses_only() {
    // Default settings: an issuer on this machine (or any private network) is not contacted.
    let app = app();
    let (mut b, org) = buyer(&app).await;
    let csrf = b.get(&format!("/o/{org}/suppliers")).await.csrf();
    let r = b
        .post(
            &format!("/o/{org}/suppliers"),
            &register(&csrf, "1180301018771"),
        )
        .await;
    let rel = r.location().rsplit('/').next().unwrap().to_string();
    let key = hoshi_attest::SigningKey::generate().unwrap();
    let env = foreign(
        &key,
        &"a1".repeat(32),
        Some("1180301018771"),
        "2099-12-31",
        "https://127.0.0.1:9",
    );
    let r = b
        .post_multipart(
            &format!("/o/{org}/suppliers/{rel}/attestations"),
            &[("_csrf", &csrf)],
            &[("envelope", "a.intoto.json", &env)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("社内・ローカル（プライベート）のアドレス"),
        "{}",
        r.body
    );
}

/// An archived supplier leaves the portfolio (and its counts) but stays on record, listed apart
/// and brought back with one click.
#[tokio::test]
async fn archived_suppliers_leave_the_portfolio_and_come_back() {
    let app = app();
    let (mut b, org) = buyer(&app).await;
    let page = b.get(&format!("/o/{org}/suppliers")).await;
    let r = b
        .post(
            &format!("/o/{org}/suppliers"),
            &register(&page.csrf(), "1180301018771"),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let rel = r.location().rsplit('/').next().unwrap().to_string();
    let sp = b.get(&format!("/o/{org}/suppliers/{rel}")).await;
    let archive = |action: &'static str| vec![("_csrf", sp.csrf()), ("action", action.to_string())];
    let f = archive("archive");
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    b.post(&format!("/o/{org}/suppliers/{rel}/archive"), &f)
        .await;
    let port = b.get(&format!("/o/{org}/suppliers")).await;
    let listed = |body: &str| {
        body.contains(&format!(
            "href=\"/o/{org}/suppliers/{rel}\">精密部品工業株式会社</a><br>"
        ))
    };
    assert!(!listed(&port.body), "out of the list");
    assert!(port.body.contains("id=\"archived-suppliers\""));
    let sp = b.get(&format!("/o/{org}/suppliers/{rel}")).await;
    assert!(sp.body.contains("id=\"archived\""));
    let f = archive("restore");
    let f: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    b.post(&format!("/o/{org}/suppliers/{rel}/archive"), &f)
        .await;
    let port = b.get(&format!("/o/{org}/suppliers")).await;
    assert!(!port.body.contains("id=\"archived-suppliers\""));
    assert!(listed(&port.body), "back in the list: {}", port.body);
}
