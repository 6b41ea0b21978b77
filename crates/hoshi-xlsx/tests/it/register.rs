//! The asset register as a spreadsheet: the template and the export read back unchanged, the
//! encodings Japanese offices write, other people's headers, and every bad row named.

use hoshi_core::asset::AssetInput;
use hoshi_core::{Lang, UserError};
use hoshi_xlsx::register::{self, RegisterError};

fn read_ok(bytes: &[u8]) -> register::Register {
    match register::read(bytes) {
        Ok(r) => r,
        Err(e) => panic!("refused: {:?}", e.lines(Lang::Ja)),
    }
}

fn read_err(bytes: &[u8]) -> RegisterError {
    match register::read(bytes) {
        Ok(r) => panic!("read a bad file: {r:?}"),
        Err(e) => e,
    }
}

fn assets(r: &register::Register) -> Vec<AssetInput> {
    r.assets.iter().map(|(_, a)| a.clone()).collect()
}

#[test]
fn the_export_reads_back_unchanged_as_csv_and_as_excel_in_both_languages() {
    for lang in [Lang::Ja, Lang::En] {
        let example = register::example(lang);
        let normalised: Vec<AssetInput> = example.iter().cloned().map(|a| a.normalised()).collect();
        let csv = register::to_csv(&example, lang);
        assert!(csv.starts_with(b"\xEF\xBB\xBF"), "Excel needs the BOM");
        let back = read_ok(&csv);
        assert_eq!(assets(&back), normalised);
        assert!(back.ignored.is_empty());
        let xlsx = register::to_xlsx(&example, lang).unwrap();
        assert_eq!(assets(&read_ok(&xlsx)), normalised);
    }
}

#[test]
fn the_empty_template_is_refused_as_empty_not_as_unreadable() {
    let e = read_err(&register::to_csv(&[], Lang::Ja));
    assert_eq!(e.problems[0].error, UserError::RegisterEmpty);
    // The Excel template carries an example sheet; only the register sheet is read.
    let e = read_err(&register::to_xlsx(&[], Lang::Ja).unwrap());
    assert_eq!(e.problems[0].error, UserError::RegisterEmpty);
}

#[test]
fn shift_jis_with_other_peoples_headers_and_an_extra_column() {
    let text = "資産番号,区分,機器名,メーカ,ファームウェア,Ver,EOL,購入日\r\n\
                NW-01,ＵＴＭ,本社ＵＴＭ,ヤマハ,Rev.,15.02.29,2027/3/31,2021/4/1\r\n\
                PC-07,ノートパソコン,営業 ノート,富士通,Windows 10 Pro,22H2,2025年10月14日,\r\n";
    let (sjis, _, bad) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!bad);
    let r = read_ok(&sjis);
    let a = assets(&r);
    assert_eq!(a.len(), 2);
    assert_eq!(a[0].tag, "NW-01");
    assert_eq!(a[0].kind, "network");
    assert_eq!(a[0].maker, "ヤマハ");
    assert_eq!(a[0].support_end, "2027-03-31");
    assert_eq!(a[1].kind, "pc");
    assert_eq!(a[1].support_end, "2025-10-14");
    assert_eq!(r.ignored, vec!["購入日".to_string()]);
    assert!(!r.columns.contains(&"owner"), "owner was not in the file");
}

#[test]
fn utf16_tab_separated_as_excel_saves_unicode_text() {
    let text = "管理番号\t種別\t名称\r\nSV-1\tサーバー\tファイルサーバー\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let a = assets(&read_ok(&bytes));
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].kind, "server");
    assert_eq!(a[0].name, "ファイルサーバー");
}

#[test]
fn every_bad_row_is_named_with_its_column_and_nothing_is_returned() {
    let text = "管理番号,種別,名称,サポート終了日,CPE\n\
                PC-1,PC,経理 PC,2027-03-31,\n\
                PC-2,冷蔵庫,休憩室,,\n\
                PC-3,PC,総務 PC,2027-02-30,\n\
                PC-1,PC,重複,,\n\
                ,PC,番号なし,,\n\
                NW-1,ネットワーク機器,VPN,,cpe:/o:fortinet:fortios\n";
    // The same rows whether lines end in LF or CRLF (Excel writes CRLF).
    let crlf = text.replace('\n', "\r\n");
    assert_eq!(read_err(crlf.as_bytes()), read_err(text.as_bytes()));
    let e = read_err(text.as_bytes());
    let got: Vec<(usize, Option<&str>)> = e.problems.iter().map(|p| (p.row, p.column)).collect();
    assert_eq!(
        got,
        vec![
            (3, Some("kind")),
            (4, Some("support_end")),
            (5, Some("tag")),
            (6, Some("tag")),
            (7, Some("cpe")),
        ]
    );
    let lines = e.lines(Lang::Ja);
    assert!(
        lines[0].starts_with("3 行目（種別）: 種別「冷蔵庫」は使えません"),
        "{}",
        lines[0]
    );
    assert!(lines[2].contains("2 行目にもあります"), "{}", lines[2]);
    let en = e.lines(Lang::En);
    assert!(en[1].starts_with("Row 4 (Support end):"), "{}", en[1]);
}

#[test]
fn a_file_without_known_headers_or_with_a_column_twice_is_refused() {
    let e = read_err("a,b,c\n1,2,3\n".as_bytes());
    assert_eq!(e.problems[0].error, UserError::RegisterNoHeader);
    let e = read_err("管理番号,名称,機器名\nA,B,C\n".as_bytes());
    assert_eq!(
        e.problems[0].error,
        UserError::RegisterColumnTwice {
            column: "機器名".into()
        }
    );
    // Binary garbage: neither CSV nor a workbook.
    let e = read_err(&[0x00, 0xFF, 0x80, 0x81, 0x00, 0x9F]);
    assert_eq!(e.problems[0].error, UserError::RegisterUnreadable);
    let e = read_err(b"PK\x03\x04not really a zip");
    assert_eq!(e.problems[0].error, UserError::RegisterUnreadable);
}

#[test]
fn an_export_does_not_hand_excel_a_formula() {
    let a = AssetInput {
        tag: "PC-9".into(),
        kind: "pc".into(),
        name: "=HYPERLINK(\"http://203.0.113.9\",\"x\")".into(),
        ..AssetInput::default()
    };
    let csv = String::from_utf8(register::to_csv(&[a], Lang::Ja)).unwrap();
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
}

#[test]
fn excel_date_cells_are_read_as_dates() {
    // A date typed into Excel is stored as a serial number (46477 = 2027-03-31).
    let rows = vec![
        (
            1,
            vec!["管理番号".into(), "名称".into(), "サポート終了日".into()],
        ),
        (2, vec!["SV-1".into(), "NAS".into(), "46477".into()]),
    ];
    let r = register::from_rows(&rows).unwrap();
    assert_eq!(r.assets[0].1.support_end, "2027-03-31");
    assert_eq!(r.assets[0].1.kind, "other", "no kind column: other");
}

#[test]
fn registers_are_told_from_other_lists() {
    assert!(register::looks_like_register(&register::to_csv(
        &[],
        Lang::Ja
    )));
    assert!(register::looks_like_register(&register::to_csv(
        &[],
        Lang::En
    )));
    assert!(register::looks_like_register(
        &register::to_xlsx(&[], Lang::Ja).unwrap()
    ));
    assert!(!register::looks_like_register(
        b"\"Name\",\"Version\",\"ProviderName\",\"Source\"\r\n\"7-Zip\",\"23.01\",\"Programs\",\"\"\r\n"
    ));
    assert!(!register::looks_like_register(b"bash\t5.2.15-2\n"));
    assert!(!register::looks_like_register(
        b"{\"bomFormat\":\"CycloneDX\"}"
    ));
}
