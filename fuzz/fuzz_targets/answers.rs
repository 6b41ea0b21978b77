#![no_main]
//! Answer files: parse and check against the bundled SCS catalog.
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn scs() -> &'static hoshi_core::Catalog {
    static C: OnceLock<hoshi_core::Catalog> = OnceLock::new();
    C.get_or_init(|| {
        hoshi_catalog::Registry::bundled()
            .unwrap()
            .get("scs")
            .unwrap()
            .clone()
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(f) = hoshi_answers::parse("fuzz.yaml", text)
        && let Ok(a) = f.to_assessment(scs())
    {
        let _ = hoshi_core::evaluate(scs(), &a);
    }
});
