//! Importing workbooks in the official layout, built here with merged cells.

use hoshi_catalog::{Registry, parse_catalog, to_toml};
use hoshi_core::{Assessment, Catalog, Lang};
use hoshi_xlsx::fixture::{Options, Row, edition_rows, workbook};
use hoshi_xlsx::{IpaOptions, import_ipa};
use sha2::{Digest, Sha256};

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

fn err(bytes: Vec<u8>) -> String {
    import_ipa(bytes, &opts(), Some(&scs()))
        .expect_err("should fail")
        .to_string()
}

#[test]
fn the_official_layout_imports_with_counts_and_provenance() {
    let rows = edition_rows(&star3_ids());
    assert_eq!(rows.len(), 153);
    let bytes = workbook(&rows, &Options::default());
    let sha: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let guide = scs();
    let imp = import_ipa(bytes, &opts(), Some(&guide)).unwrap();
    assert_eq!(imp.counts.get(&3), Some(&81));
    assert_eq!(imp.counts.get(&4), Some(&72));
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
    let c = &imp.catalog;
    assert_eq!(
        c.framework.edition, "2026-03-27",
        "edition read from the title row"
    );
    assert_eq!(c.framework.source.as_ref().unwrap().sha256, sha);
    assert_eq!(c.requirements.len(), 43);
    assert_eq!(
        c.requirements
            .iter()
            .filter(|r| r.levels.contains(&3))
            .count(),
        26
    );
    // Merged requirement cells reach every criterion row.
    for cr in &c.criteria {
        let req = c.requirement(&cr.requirement).unwrap();
        assert_eq!(
            req.text.ja.as_deref(),
            Some(format!("要求事項 {} の文言（テスト用）", cr.requirement).as_str())
        );
        assert_eq!(
            cr.text.ja.as_deref(),
            Some(format!("評価基準 {} の文言（テスト用）", cr.id).as_str()),
            "official wording kept"
        );
    }
    // ★3 criteria carry hoshi's guidance and tags; ★4 ones inherit the requirement's threats.
    let patch = c.criterion("4-4-4-2").unwrap();
    assert_eq!(patch.guidance, guide.criterion("4-4-4-2").unwrap().guidance);
    assert!(
        c.criteria
            .iter()
            .filter(|x| x.level == 4)
            .all(|x| !x.threats.is_empty())
    );
    // The stored form validates, and ★4 can now be assessed.
    let back =
        parse_catalog("scs-ipa.toml", &to_toml(c).unwrap()).unwrap_or_else(|e| panic!("{e}"));
    let a = Assessment::new(&back, 4);
    let e = hoshi_core::evaluate(&back, &a).unwrap();
    assert_eq!(e.overall.total, 153);
    assert_eq!(e.gaps.len(), 153);
    assert!(
        e.categories
            .iter()
            .all(|x| !x.name.get(Lang::Ja).is_empty())
    );
}

#[test]
fn different_counts_give_a_warning_not_an_error() {
    let mut rows = edition_rows(&star3_ids());
    rows.retain(|r| r.criterion_no != "4-4-3-2");
    let imp = import_ipa(workbook(&rows, &Options::default()), &opts(), None).unwrap();
    assert_eq!(imp.counts.get(&4), Some(&71));
    assert!(
        imp.warnings[0]
            .to_string()
            .contains("81 ★3 and 71 added ★4"),
        "{:?}",
        imp.warnings
    );
}

#[test]
fn wrong_sheet_or_header_is_named() {
    let rows = edition_rows(&star3_ids());
    let e = err(workbook(
        &rows,
        &Options {
            sheet_name: "Sheet1".into(),
            ..Options::default()
        },
    ));
    assert!(
        e.contains("no sheet named `★3・★4要求事項・評価基準`") && e.contains("Sheet1"),
        "{e}"
    );
    let mut o = Options::default();
    o.headers[10] = "基準番号".into();
    let e = err(workbook(&rows, &o));
    assert!(e.contains("row 2") && e.contains("評価基準No"), "{e}");
}

#[test]
fn not_a_workbook() {
    assert!(err(b"%PDF-1.7 not a workbook".to_vec()).contains("not an .xlsx"));
    let good = workbook(&edition_rows(&star3_ids()), &Options::default());
    let e = err(good[..good.len() / 2].to_vec());
    assert!(
        e.contains("damaged or truncated") || e.contains("not a readable"),
        "{e}"
    );
    assert!(err(Vec::new()).contains("not an .xlsx"));
}

#[test]
fn structural_problems_are_listed_by_row_and_nothing_is_imported() {
    let mut rows = edition_rows(&star3_ids());
    rows[5].criterion_no = rows[4].criterion_no.clone(); // duplicate
    rows[10].criterion_no = "4-1-3".into(); // malformed
    rows[20].level = "★5".into(); // bad level
    rows[30].criterion_no = "9-9-9-9".into(); // not under its requirement
    let e = err(workbook(&rows, &Options::default()));
    assert!(e.contains("4 problem(s); nothing was imported"), "{e}");
    assert!(
        e.contains(&format!(
            "row {} (L{}): criterion ID `{}` appears again (first on row {})",
            8, 8, rows[4].criterion_no, 7
        )),
        "{e}"
    );
    assert!(
        e.contains("row 13 (L13): criterion ID `4-1-3` is not of the form"),
        "{e}"
    );
    assert!(
        e.contains("row 23 (K23): level `★5` is neither ★3 nor ★4"),
        "{e}"
    );
    assert!(
        e.contains("row 33 (L33): criterion `9-9-9-9` is not under its requirement"),
        "{e}"
    );
}

#[test]
fn unmerged_blank_requirement_cells_are_not_guessed() {
    // Without merges only the first row of a requirement carries its ID; hoshi does not guess.
    let rows = edition_rows(&star3_ids());
    let blank = Options {
        merge: false,
        blank_below: true,
        ..Options::default()
    };
    let e = err(workbook(&rows, &blank));
    assert!(
        e.contains("nothing was imported") && e.contains("row 4 (F4): requirement ID ``"),
        "{e}"
    );
    // Repeating the value on every row (no merges) is fine.
    let repeated = Options {
        merge: false,
        ..Options::default()
    };
    let imp = import_ipa(workbook(&rows, &repeated), &opts(), None).unwrap();
    assert_eq!(imp.catalog.criteria.len(), 153);
}

#[test]
fn edition_comes_from_the_title_or_the_option() {
    let rows = edition_rows(&star3_ids());
    let no_date = Options {
        title: "SCS評価制度 要求事項・評価基準".into(),
        ..Options::default()
    };
    assert!(err(workbook(&rows, &no_date)).contains("--edition"));
    let o = IpaOptions {
        edition: Some("2026-03-27".into()),
        ..opts()
    };
    assert!(import_ipa(workbook(&rows, &no_date), &o, None).is_ok());
    let reiwa = Options {
        title: "令和8年3月27日 公開".into(),
        ..Options::default()
    };
    let imp = import_ipa(workbook(&rows, &reiwa), &opts(), None).unwrap();
    assert_eq!(imp.catalog.framework.edition, "2026-03-27");
}

#[test]
fn a_row_struct_is_constructible() {
    // Guards the fixture API used by the CLI tests.
    let r = Row {
        category_no: "1".into(),
        category: "ガバナンスの整備".into(),
        requirement_no: "1-2-1".into(),
        star3: true,
        star4: true,
        level: "★3".into(),
        criterion_no: "1-2-1-1".into(),
        criterion: "x".into(),
        answer: Default::default(),
        formula_in_o: None,
    };
    let imp = import_ipa(workbook(&[r], &Options::default()), &opts(), None).unwrap();
    assert_eq!(imp.catalog.criteria.len(), 1);
}
