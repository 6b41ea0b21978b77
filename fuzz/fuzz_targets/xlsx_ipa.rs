#![no_main]
//! The official workbook import on arbitrary bytes.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = hoshi_xlsx::IpaOptions {
        id: "scs-ipa".into(),
        file_name: "fuzz.xlsx".into(),
        imported_at: "2026-01-01T00:00:00Z".into(),
        edition: Some("2026-03-27".into()),
    };
    let _ = hoshi_xlsx::import_ipa(data.to_vec(), &opts, None);
});
