//! NVD CPE matching on a real record (tests/data/nvd).

use hoshi_vulns::nvd::{Product, parse};

#[test]
fn fortios_and_fortiproxy_ranges_of_cve_2024_21762() {
    let path = format!(
        "{}/tests/data/nvd/CVE-2024-21762.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let all = parse(&std::fs::read(path).unwrap()).unwrap();
    let cve = &all[0];
    assert_eq!(cve.id, "CVE-2024-21762");
    assert_eq!(cve.cvss().map(|c| c.0), Some(9.8));
    let fortios = |version| Product {
        part: "o",
        vendor: "fortinet",
        product: "fortios",
        version,
        update: "*",
    };
    for affected in [
        "7.2.6", "7.2.0", "7.4.2", "7.0.13", "6.4.14", "6.2.15", "6.0.17",
    ] {
        assert!(cve.affects(&fortios(affected)).is_some(), "{affected}");
    }
    for fixed in [
        "7.2.7", "7.4.3", "7.0.14", "6.4.15", "6.2.16", "6.0.18", "7.6.0", "5.6.14",
    ] {
        assert!(cve.affects(&fortios(fixed)).is_none(), "{fixed}");
    }
    assert_eq!(
        cve.affects(&fortios("7.2.6")).unwrap(),
        "cpe:2.3:o:fortinet:fortios:*:*:*:*:*:*:*:* >= 7.2.0, < 7.2.7"
    );
    // FortiProxy 7.2.8 is affected, its 7.2.9 not; another vendor's product never.
    let proxy = |version| Product {
        part: "a",
        vendor: "fortinet",
        product: "fortiproxy",
        version,
        update: "*",
    };
    assert!(cve.affects(&proxy("7.2.8")).is_some());
    assert!(cve.affects(&proxy("7.2.9")).is_none());
    let other = Product {
        part: "o",
        vendor: "paloaltonetworks",
        product: "pan-os",
        version: "7.2.6",
        update: "*",
    };
    assert!(cve.affects(&other).is_none());
}
