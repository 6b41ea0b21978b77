#![no_main]
//! Filled-in answer workbooks on arbitrary bytes.
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
    if let Ok((wb, _meta)) = hoshi_xlsx::read_meta(data.to_vec()) {
        let _ = hoshi_xlsx::import(wb, scs(), 3, "");
    }
});
