//! Refusals of the official workbook, typed and in both languages: what the web page and the CLI
//! show the user.

use std::io::Write;

use hoshi_catalog::Registry;
use hoshi_core::{Catalog, Lang};
use hoshi_xlsx::fixture::{Options, edition_rows, workbook};
use hoshi_xlsx::{
    IpaError, IpaOptions, IpaProblem, IpaRowProblem, IpaWarning, SHEET, Workbook, import,
    import_ipa,
};

fn scs() -> Catalog {
    Registry::bundled().unwrap().get("scs").unwrap().clone()
}

fn star3_ids() -> Vec<String> {
    scs().criteria_for_level(3).map(|c| c.id.clone()).collect()
}

fn opts() -> IpaOptions {
    IpaOptions {
        id: "scs-ipa".into(),
        file_name: "official.xlsx".into(),
        imported_at: "2026-11-21T00:00:00Z".into(),
        edition: None,
    }
}

fn refused(bytes: Vec<u8>) -> IpaError {
    import_ipa(bytes, &opts(), None).expect_err("should be refused")
}

/// Display is the English message and details, one per indented line.
fn assert_display_is_english(e: &IpaError) {
    let mut text = e.message(Lang::En);
    for d in e.details(Lang::En) {
        text.push_str(&format!("\n  {d}"));
    }
    assert_eq!(e.to_string(), text);
}

#[test]
fn a_header_mismatch_names_sheet_row_and_missing_columns() {
    let mut o = Options::default();
    o.headers[10] = "基準番号".into();
    let e = refused(workbook(&edition_rows(&star3_ids()), &o));
    assert_eq!(
        e,
        IpaError::Header {
            sheet: SHEET.into(),
            row: 2,
            missing: vec!["評価基準No".into()],
        }
    );
    assert_eq!(
        e.message(Lang::Ja),
        "シート『★3・★4要求事項・評価基準』の 2 行目の見出しが公式の様式と一致しません。見つからない列: 評価基準No。"
    );
    assert!(e.details(Lang::Ja).is_empty());
    assert_eq!(
        e.to_string(),
        "sheet `★3・★4要求事項・評価基準` row 2: the header does not match the official layout; missing column(s): 評価基準No"
    );
}

#[test]
fn bad_rows_are_typed_and_name_row_and_cell_in_japanese() {
    let mut rows = edition_rows(&star3_ids());
    rows[10].criterion_no = "4-1-3".into(); // malformed, row 13
    rows[20].level = "★5".into(); // row 23
    rows[30].criterion_no = "9-9-9-9".into(); // not under its requirement, row 33
    let req = rows[30].requirement_no.clone();
    let e = refused(workbook(&rows, &Options::default()));
    let IpaError::Rows { sheet, problems } = &e else {
        panic!("{e:?}");
    };
    assert_eq!(sheet, SHEET);
    assert_eq!(
        problems[0],
        IpaRowProblem {
            row: 13,
            column: Some("L".into()),
            problem: IpaProblem::CriterionId { id: "4-1-3".into() },
        }
    );
    assert_eq!(problems[0].cell().as_deref(), Some("L13"));
    assert_eq!(
        problems[1].problem,
        IpaProblem::Level {
            text: "★5".into()
        }
    );
    assert_eq!(
        e.message(Lang::Ja),
        "シート『★3・★4要求事項・評価基準』に 3 件の問題があるため、何も取り込んでいません。"
    );
    assert_eq!(
        e.details(Lang::Ja),
        vec![
            "13 行目（L13）：評価基準No「4-1-3」が「大分類-中分類-要求事項-番号」の形（例: 4-1-3-2）になっていません。".to_string(),
            "23 行目（K23）：★3/★4 の欄が「★5」になっています。★3 または ★4 を記入してください。".to_string(),
            format!("33 行目（L33）：評価基準No「9-9-9-9」は、要求事項No「{req}」で始まる必要があります。"),
        ]
    );
    assert_eq!(
        e.details(Lang::En)[2],
        format!("row 33 (L33): criterion `9-9-9-9` is not under its requirement `{req}`")
    );
    assert_display_is_english(&e);
}

#[test]
fn a_blank_requirement_cell_says_so_in_japanese() {
    let blank = Options {
        merge: false,
        blank_below: true,
        ..Options::default()
    };
    let e = refused(workbook(&edition_rows(&star3_ids()), &blank));
    let ja = e.details(Lang::Ja);
    assert!(
        ja[0].starts_with("4 行目（F4）：要求事項No が空欄です。"),
        "{ja:?}"
    );
}

#[test]
fn only_the_first_50_row_problems_are_listed() {
    let mut rows = edition_rows(&star3_ids());
    for r in &mut rows {
        r.level = "★5".into();
    }
    let e = refused(workbook(&rows, &Options::default()));
    let IpaError::Rows { problems, .. } = &e else {
        panic!("{e:?}");
    };
    assert_eq!(problems.len(), 153, "all problems are kept");
    let en = e.details(Lang::En);
    assert_eq!(en.len(), 51);
    assert_eq!(en[50], "… and 103 more");
    assert_eq!(e.details(Lang::Ja)[50], "… ほか 103 件");
    assert!(e.to_string().starts_with("sheet `★3・★4要求事項・評価基準`: 153 problem(s); nothing was imported\n  row 3 (K3): level `★5`"));
}

#[test]
fn a_workbook_without_the_official_sheet_is_not_the_official_workbook() {
    let e = refused(workbook(
        &edition_rows(&star3_ids()),
        &Options {
            sheet_name: "Sheet1".into(),
            ..Options::default()
        },
    ));
    assert_eq!(
        e,
        IpaError::NotOfficial {
            sheets: vec!["Sheet1".into()]
        }
    );
    assert_eq!(
        e.message(Lang::Ja),
        "IPA 公式の要求事項・評価基準のワークブックではありません。シート『★3・★4要求事項・評価基準』が見つかりません（このファイルのシート: Sheet1）。"
    );
    assert_eq!(
        e.to_string(),
        "this is not the official requirements workbook: no sheet named `★3・★4要求事項・評価基準` (sheets found: Sheet1)"
    );
}

#[test]
fn a_broken_zip_is_unreadable_in_both_languages() {
    let good = workbook(&edition_rows(&star3_ids()), &Options::default());
    let e = refused(good[..good.len() / 2].to_vec());
    let IpaError::Unreadable(x) = &e else {
        panic!("{e:?}");
    };
    assert!(
        x.message.contains("damaged or truncated") || x.message.contains("not a readable"),
        "{x}"
    );
    let ja = e.message(Lang::Ja);
    assert!(ja.contains("壊れている"), "{ja}");
    assert_eq!(e.to_string(), x.to_string());

    let e = refused(b"%PDF-1.7 not a workbook".to_vec());
    assert!(
        e.message(Lang::Ja)
            .starts_with("このファイルは .xlsx 形式のワークブックではありません"),
        "{e:?}"
    );
    assert!(
        e.message(Lang::En)
            .starts_with("this is not an .xlsx workbook")
    );

    // A ZIP that is not a workbook.
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    w.start_file("hello.txt", zip::write::SimpleFileOptions::default())
        .unwrap();
    w.write_all(b"hi").unwrap();
    let e = refused(w.finish().unwrap().into_inner());
    assert_eq!(
        e.message(Lang::Ja),
        "この ZIP ファイルは Excel のワークブックではありません（xl/workbook.xml がありません）。"
    );
}

#[test]
fn an_empty_sheet_and_a_missing_edition_are_explained() {
    let e = refused(workbook(&[], &Options::default()));
    assert_eq!(
        e,
        IpaError::Empty {
            sheet: SHEET.into(),
            header_row: 2
        }
    );
    assert_eq!(
        e.to_string(),
        "sheet `★3・★4要求事項・評価基準`: 1 problem(s); nothing was imported\n  sheet `★3・★4要求事項・評価基準` has no criteria below the header on row 2"
    );
    assert!(e.message(Lang::Ja).contains("評価基準がありません"));

    let no_date = Options {
        title: "SCS評価制度 要求事項・評価基準".into(),
        ..Options::default()
    };
    let e = refused(workbook(&edition_rows(&star3_ids()), &no_date));
    assert!(matches!(e, IpaError::NoEdition { header_row: 2, .. }));
    assert!(
        e.message(Lang::Ja).contains("版の日付") && e.message(Lang::Ja).contains("--edition"),
        "{e:?}"
    );
}

#[test]
fn count_warnings_are_typed_and_bilingual() {
    let mut rows = edition_rows(&star3_ids());
    rows.retain(|r| r.criterion_no != "4-4-3-2");
    let imp = import_ipa(workbook(&rows, &Options::default()), &opts(), None).unwrap();
    assert_eq!(
        imp.warnings,
        vec![IpaWarning::CriteriaCount {
            star3: 81,
            star4_added: 71
        }]
    );
    assert!(
        imp.warnings[0]
            .message(Lang::Ja)
            .starts_with("このワークブックの評価基準は ★3 が 81 件、★4 で追加されるものが 71 件（計 152 件）です。"),
        "{}",
        imp.warnings[0].message(Lang::Ja)
    );
}

#[test]
fn the_options_are_checked_with_bilingual_messages() {
    assert_eq!(opts().check(), Ok(()));
    let bad_id = IpaOptions {
        id: "SCS_ipa".into(),
        ..opts()
    };
    let e = bad_id.check().unwrap_err();
    assert_eq!(
        e,
        IpaError::BadId {
            id: "SCS_ipa".into()
        }
    );
    assert_eq!(
        e.to_string(),
        "--id `SCS_ipa` must be lower-case letters, digits and '-'"
    );
    assert!(e.message(Lang::Ja).contains("英小文字・数字"));
    assert!(
        IpaOptions {
            id: String::new(),
            ..opts()
        }
        .check()
        .is_err()
    );
    for edition in ["2026/03/27", "abcd-ef-gh", "2026-3-27", ""] {
        let e = IpaOptions {
            edition: Some(edition.into()),
            ..opts()
        }
        .check()
        .unwrap_err();
        assert!(matches!(e, IpaError::BadEdition { .. }), "{edition}: {e:?}");
        assert!(e.message(Lang::Ja).contains("YYYY-MM-DD"));
    }
    let dated = IpaOptions {
        edition: Some("2026-03-27".into()),
        ..opts()
    };
    assert_eq!(dated.check(), Ok(()));
}

#[test]
fn reader_and_answer_import_errors_have_a_japanese_message() {
    // A workbook without an answer sheet: the answers import says so in Japanese too.
    let bytes = workbook(
        &edition_rows(&star3_ids()),
        &Options {
            headers: vec!["x".into(); 12],
            answer_headers: false,
            ..Options::default()
        },
    );
    let wb = Workbook::open(bytes).unwrap();
    let e = import(wb, &scs(), 3, "").unwrap_err();
    assert!(
        e.message
            .starts_with("no sheet with a `評価基準No.` column")
    );
    assert!(
        e.message_in(Lang::Ja)
            .starts_with("「評価基準No.」列と「自己評価」列のあるシートが見つかりません"),
        "{}",
        e.message_ja
    );
    assert_eq!(e.message_in(Lang::En), e.message);
    assert!(e.details_in(Lang::Ja).is_empty());
    // Too large a file.
    let e = Workbook::open(vec![0; hoshi_xlsx::MAX_FILE_BYTES + 1])
        .err()
        .unwrap();
    assert!(e.message_in(Lang::Ja).contains("20 MB"), "{}", e.message_ja);
}
