//! Writes a workbook in the official IPA layout (placeholder wording, 81 ★3 + 72 ★4 criteria,
//! merged cells) to the path given, for trying `hoshi catalog import-ipa` and for fuzz seeds.
//!
//! `cargo run -p hoshi-xlsx --example official_fixture -- official-layout.xlsx`

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: official_fixture <out.xlsx>");
        std::process::exit(2);
    };
    let reg = hoshi_catalog::Registry::bundled().expect("bundled catalogs");
    let ids: Vec<String> = reg
        .get("scs")
        .expect("scs")
        .criteria_for_level(3)
        .map(|c| c.id.clone())
        .collect();
    let rows = hoshi_xlsx::fixture::edition_rows(&ids);
    let bytes = hoshi_xlsx::fixture::workbook(&rows, &Default::default());
    if let Err(e) = std::fs::write(&path, bytes) {
        eprintln!("cannot write {path}: {e}");
        std::process::exit(1);
    }
    println!("wrote {path} ({} criteria)", rows.len());
}
