#![no_main]
//! Catalog files: any bytes must give a catalog or positioned errors, never a panic.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(c) = hoshi_catalog::parse_catalog("fuzz.toml", text) {
            // Whatever loads must also survive the writer and load again.
            let text = hoshi_catalog::to_toml(&c).expect("a valid catalog serialises");
            let again = hoshi_catalog::parse_catalog("again.toml", &text);
            assert!(again.is_ok(), "a valid catalog must round-trip");
        }
    }
});
