//! Answers through Excel: export, fill in, import back; filled-in official workbooks.

use std::io::{Read, Write};

use hoshi_catalog::Registry;
use hoshi_core::{Answer, Assessment, Catalog, Lang, Status};
use hoshi_xlsx::fixture::{Options, edition_rows, workbook};
use hoshi_xlsx::{Workbook, export, import, read_meta};

fn scs() -> Catalog {
    Registry::bundled().unwrap().get("scs").unwrap().clone()
}

fn sample(c: &Catalog) -> Assessment {
    let mut a = Assessment::new(c, 3);
    a.organisation = "株式会社サンプル".into();
    a.set(
        "1-2-1-1",
        Answer {
            status: Status::Met,
            reason: "体制表あり".into(),
            evidence: vec!["体制表 v2.pdf".into(), "取締役会議事録 2026-04".into()],
            note: "補足\n2行目".into(),
        },
    )
    .unwrap();
    a.set("4-4-4-2", Answer::with_status(Status::Partial))
        .unwrap();
    a.set("4-1-3-2", Answer::with_status(Status::NotMet))
        .unwrap();
    a.set(
        "7-1-1-1",
        Answer::not_applicable("重要システムなし").unwrap(),
    )
    .unwrap();
    a
}

/// Replaces `from` with `to` in one part of an xlsx (a person editing the file in Excel).
fn edit_part(xlsx: &[u8], part: &str, f: impl Fn(String) -> String) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let mut e = src.by_index(i).unwrap();
        let name = e.name().unwrap().to_string();
        let mut data = Vec::new();
        e.read_to_end(&mut data).unwrap();
        if name == part {
            data = f(String::from_utf8(data).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn export_then_import_round_trips() {
    let c = scs();
    let a = sample(&c);
    for lang in Lang::ALL {
        let bytes = export(&c, &a, lang).unwrap();
        let (wb, meta) = read_meta(bytes).unwrap();
        let meta = meta.expect("hoshi sheet");
        assert_eq!(
            (meta.catalog.as_str(), meta.edition.as_str(), meta.level),
            ("scs", "2026-03-27", Some(3))
        );
        let imp = import(wb, &c, 3, &meta.organisation).unwrap();
        assert!(imp.problems.is_empty(), "{:?}", imp.problems);
        assert_eq!(imp.taken, 81);
        assert_eq!(imp.assessment.answers, a.answers);
        assert_eq!(imp.assessment.organisation, "株式会社サンプル");
    }
}

#[test]
fn export_uses_the_official_layout_with_a_drop_down_and_merges() {
    let c = scs();
    let bytes = export(&c, &sample(&c), Lang::Ja).unwrap();
    let mut wb = Workbook::open(bytes.clone()).unwrap();
    let s = wb.sheet(hoshi_xlsx::SHEET).unwrap();
    let headers: Vec<&str> = (2..=13).map(|col| s.value(2, col)).collect();
    assert_eq!(
        headers,
        [
            "大分類No.",
            "大分類",
            "中分類No.",
            "中分類",
            "要求事項No.",
            "★3",
            "★4",
            "要求事項名",
            "要求事項",
            "★3/★4",
            "評価基準No.",
            "評価基準"
        ]
    );
    let answers: Vec<&str> = (15..=18).map(|col| s.value(2, col)).collect();
    assert_eq!(
        answers,
        ["自己評価", "理由", "根拠および実施する事", "補足情報"]
    );
    assert_eq!(s.value(3, 12), "1-2-1-1");
    assert_eq!(s.value(3, 15), "○");
    // 4-1-2 has eight criteria: its requirement cells are one merged range of eight rows.
    let row = (3..=90).find(|&r| s.value(r, 12) == "4-1-2-1").unwrap();
    let m = s.merge_at(row, 6).expect("requirement ID merged");
    assert_eq!(m.last_row - m.first_row + 1, 8);
    assert_eq!(
        s.value(row + 7, 6),
        "4-1-2",
        "merged value reaches the last row"
    );
    // The drop-down on column O.
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    z.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(
        xml.contains("<dataValidation type=\"list\""),
        "data validation present"
    );
    assert!(xml.contains("sqref=\"O3:O83\""), "on O3:O83");
    assert!(xml.contains("○,△,✖,対象外"));
}

#[test]
fn hand_filled_export_reports_bad_rows_and_keeps_the_rest() {
    let c = scs();
    let bytes = export(&c, &Assessment::new(&c, 3), Lang::Ja).unwrap();
    // Fill in by editing cells as Excel would: inline strings and a formula in column O.
    let filled = edit_part(&bytes, "xl/worksheets/sheet1.xml", |xml| {
        let mut xml = xml;
        let put = |xml: &mut String, cell: &str, content: &str| {
            let start = xml
                .find(&format!("<c r=\"{cell}\""))
                .unwrap_or_else(|| panic!("{cell}"));
            let end = start
                + xml[start..]
                    .find("</c>")
                    .map(|i| i + 4)
                    .or_else(|| xml[start..].find("/>").map(|i| i + 2))
                    .unwrap();
            xml.replace_range(start..end, &format!("<c r=\"{cell}\" {content}</c>"));
        };
        put(&mut xml, "O3", "t=\"inlineStr\"><is><t>○</t></is>");
        put(&mut xml, "O4", "t=\"inlineStr\"><is><t>◎</t></is>");
        put(&mut xml, "O5", "t=\"str\"><f>IF(1,\"○\",\"\")</f><v>○</v>");
        put(&mut xml, "O6", "t=\"inlineStr\"><is><t>対象外</t></is>");
        put(&mut xml, "L7", "t=\"inlineStr\"><is><t>9-9-9-9</t></is>");
        put(&mut xml, "O7", "t=\"inlineStr\"><is><t>○</t></is>");
        put(&mut xml, "L8", "t=\"inlineStr\"><is><t>1-2-1-1</t></is>");
        put(&mut xml, "O8", "t=\"inlineStr\"><is><t>✖</t></is>");
        put(&mut xml, "O9", "t=\"inlineStr\"><is><t>×</t></is>");
        xml
    });
    let (wb, meta) = read_meta(filled).unwrap();
    let imp = import(wb, &c, 3, &meta.unwrap().organisation).unwrap();
    let msgs: Vec<String> = imp.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(msgs.len(), 5, "{msgs:#?}");
    assert!(
        msgs[0].starts_with("row 4 (column O), 1-2-1-2: unknown mark `◎`"),
        "{msgs:#?}"
    );
    assert!(
        msgs[1].starts_with("row 5 (column O), 1-2-1-3: a formula (`=IF(1,\"○\",\"\")`)"),
        "{msgs:#?}"
    );
    assert!(
        msgs[2].starts_with("row 6 (column P), 1-2-3-1: 対象外 needs a reason"),
        "{msgs:#?}"
    );
    assert!(
        msgs[3].starts_with("row 7 (column L), 9-9-9-9: unknown criterion ID"),
        "{msgs:#?}"
    );
    assert!(
        msgs[4].starts_with(
            "row 8 (column L), 1-2-1-1: the same criterion ID appears again (first on row 3)"
        ),
        "{msgs:#?}"
    );
    assert_eq!(
        imp.assessment.status("1-2-1-1"),
        Status::Met,
        "the first row is kept"
    );
    assert_eq!(
        imp.assessment.status("1-3-1-2"),
        Status::NotMet,
        "× (row 9) is read as ✖"
    );
    assert_eq!(imp.taken, 81 - 5, "every other row is kept");
}

#[test]
fn a_filled_in_official_workbook_imports_without_a_hoshi_sheet() {
    let c = scs();
    let ids: Vec<String> = c.criteria_for_level(3).map(|x| x.id.clone()).collect();
    let mut rows = edition_rows(&ids);
    for r in rows.iter_mut() {
        match r.criterion_no.as_str() {
            "4-4-4-2" => {
                r.answer = [
                    "✖".into(),
                    "境界のVPN装置の更新が未対応".into(),
                    "更新計画書\n保守契約".into(),
                    String::new(),
                ]
            }
            "1-2-1-1" => r.answer = ["○".into(), String::new(), "体制表".into(), String::new()],
            "7-1-1-1" => {
                r.answer = [
                    "対象外".into(),
                    "重要システムなし".into(),
                    String::new(),
                    String::new(),
                ]
            }
            _ => {}
        }
    }
    let (wb, meta) = read_meta(workbook(&rows, &Options::default())).unwrap();
    assert!(meta.is_none());
    let imp = import(wb, &c, 3, "").unwrap();
    // ★4 criteria of the official workbook are not in the bundled catalog: reported, not fatal.
    let unknown: Vec<_> = imp
        .problems
        .iter()
        .filter(|p| matches!(p.issue, hoshi_xlsx::RowIssue::UnknownId { .. }))
        .collect();
    assert_eq!(unknown.len(), 72);
    assert_eq!(imp.problems.len(), 72);
    assert_eq!(imp.assessment.status("4-4-4-2"), Status::NotMet);
    assert_eq!(
        imp.assessment.answers["4-4-4-2"].evidence,
        ["更新計画書", "保守契約"]
    );
    assert_eq!(imp.assessment.status("7-1-1-1"), Status::NotApplicable);
    assert_eq!(imp.assessment.status("1-2-1-1"), Status::Met);
}

/// A catalog imported from the official workbook keeps its 中分類 names, and the export writes
/// them in column E (the bundled catalog has none, so E stays empty there).
#[test]
fn export_fills_sub_category_names_from_an_imported_catalog() {
    let full = hoshi_xlsx::fixture::full_catalog(&scs()).unwrap();
    let req = full.requirement("1-2-1").unwrap();
    let sub = req.sub_category.as_ref().expect("the import keeps 中分類");
    assert_eq!(sub.id, "1-2");
    // It survives the catalog file format.
    let text = hoshi_catalog::to_toml(&full).unwrap();
    let again = hoshi_catalog::parse_catalog("scs-ipa.toml", &text).unwrap();
    assert_eq!(
        again.requirement("1-2-1").unwrap().sub_category,
        req.sub_category
    );

    let a = Assessment::new(&full, 3);
    let mut wb = Workbook::open(export(&full, &a, Lang::Ja).unwrap()).unwrap();
    let sheet = wb.sheet(hoshi_xlsx::SHEET).unwrap();
    assert_eq!(sheet.value(3, 4), "1-2", "中分類No");
    assert_eq!(sheet.value(3, 5), sub.name.get(Lang::Ja), "中分類");
    // With evidence, a second sheet lists it; without, there is none.
    let ev = hoshi_xlsx::EvidenceLine {
        criterion: "1-2-1-1".into(),
        title: "体制図".into(),
        file_name: "体制図.pdf".into(),
        sha256: "ab".repeat(32),
        effective_date: "2026-04-01".into(),
        ..Default::default()
    };
    let bytes = hoshi_xlsx::export_with_evidence(&full, &a, Lang::Ja, &[ev]).unwrap();
    let mut wb = Workbook::open(bytes).unwrap();
    let es = wb.sheet(hoshi_xlsx::EVIDENCE_SHEET).unwrap();
    assert_eq!(
        (es.value(2, 1), es.value(2, 3), es.value(2, 4)),
        ("1-2-1-1", "体制図.pdf", "ab".repeat(32).as_str())
    );
    let mut plain = Workbook::open(export(&full, &a, Lang::Ja).unwrap()).unwrap();
    assert!(plain.sheet(hoshi_xlsx::EVIDENCE_SHEET).is_err());
}
