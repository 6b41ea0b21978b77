//! Hostile workbooks: refused quickly, with a message, never a panic or a huge allocation.

use std::io::Write;

use hoshi_xlsx::{IpaOptions, Workbook, import_ipa};
use proptest::prelude::*;

fn zip_of(parts: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in parts {
        w.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn minimal(sheet_xml: Vec<u8>) -> Vec<u8> {
    zip_of(&[
        ("xl/workbook.xml", br#"<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="&#9733;3&#12539;&#9733;4&#35201;&#27714;&#20107;&#38917;&#12539;&#35413;&#20385;&#22522;&#28310;" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_vec()),
        ("xl/_rels/workbook.xml.rels", br#"<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_vec()),
        ("xl/worksheets/sheet1.xml", sheet_xml),
    ])
}

fn opts() -> IpaOptions {
    IpaOptions {
        id: "x".into(),
        file_name: "x.xlsx".into(),
        imported_at: "t".into(),
        edition: Some("2026-03-27".into()),
    }
}

#[test]
fn zip_bomb_stops_at_the_limit() {
    // 80 MB of spaces compress to well under 1 MB.
    let mut big = b"<worksheet><sheetData>".to_vec();
    big.extend(std::iter::repeat_n(b' ', 80 * 1024 * 1024));
    big.extend(b"</sheetData></worksheet>");
    let bytes = minimal(big);
    assert!(bytes.len() < hoshi_xlsx::MAX_FILE_BYTES);
    let e = import_ipa(bytes, &opts(), None).unwrap_err().to_string();
    assert!(e.contains("decompresses to more than"), "{e}");
}

#[test]
fn a_far_away_cell_costs_nothing() {
    let xml = br#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>y</t></is></c></row></sheetData></worksheet>"#;
    let started = std::time::Instant::now();
    let e = import_ipa(minimal(xml.to_vec()), &opts(), None)
        .unwrap_err()
        .to_string();
    assert!(e.contains("row 2") && e.contains("header"), "{e}");
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn broken_xml_and_bad_references_are_reported() {
    let e = import_ipa(
        minimal(b"<worksheet><sheetData><row><c r=\"B2\"".to_vec()),
        &opts(),
        None,
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("not well-formed") || e.contains("header"), "{e}");
    let e = import_ipa(minimal(b"<worksheet><sheetData><row r=\"1\"><c r=\"ZZZZ1\"><v>1</v></c></row></sheetData></worksheet>".to_vec()), &opts(), None).unwrap_err().to_string();
    assert!(e.contains("invalid cell reference `ZZZZ1`"), "{e}");
    let e = import_ipa(minimal(b"<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>99</v></c></row></sheetData></worksheet>".to_vec()), &opts(), None).unwrap_err().to_string();
    assert!(e.contains("shared string 99 does not exist"), "{e}");
    let e = import_ipa(zip_of(&[("hello.txt", b"hi".to_vec())]), &opts(), None)
        .unwrap_err()
        .to_string();
    assert!(e.contains("not an Excel workbook"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Random damage to a real workbook never panics.
    #[test]
    fn damaged_workbooks_never_panic(flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..20), cut in any::<prop::sample::Index>()) {
        let rows = hoshi_xlsx::fixture::edition_rows(&["1-2-1-1".to_string(), "4-4-4-2".to_string()]);
        let mut bytes = hoshi_xlsx::fixture::workbook(&rows, &hoshi_xlsx::fixture::Options::default());
        for (i, b) in &flips {
            let at = i.index(bytes.len());
            bytes[at] = *b;
        }
        let keep = cut.index(bytes.len() + 1).max(bytes.len() / 2);
        bytes.truncate(keep);
        let _ = import_ipa(bytes.clone(), &opts(), None);
        if let Ok(mut wb) = Workbook::open(bytes) {
            for name in wb.sheet_names() {
                let _ = wb.sheet(&name);
            }
        }
    }

    /// Arbitrary sheet XML never panics.
    #[test]
    fn arbitrary_sheet_xml_never_panics(body in "(<row( r=\"[0-9]{1,8}\")?>|</row>|<c( r=\"[A-Z]{1,4}[0-9]{1,8}\")?( t=\"(s|inlineStr|b|str|e)\")?>|</c>|<v>[0-9a-z&;#]{0,6}</v>|<f>[A-Z(),]{0,6}</f>|<is><t>[^<]{0,5}</t></is>|<mergeCell ref=\"[A-Z]{1,3}[0-9]{1,7}:[A-Z]{1,3}[0-9]{1,7}\"/>){0,30}") {
        let xml = format!("<worksheet><sheetData>{body}</sheetData></worksheet>");
        let _ = import_ipa(minimal(xml.into_bytes()), &opts(), None);
    }
}
