//! The KEV reader on a real subset of the catalog (tests/data/kev).

use hoshi_vulns::kev::Catalog;

#[test]
fn the_catalog_with_its_ransomware_flags() {
    let path = format!(
        "{}/tests/data/kev/known_exploited_vulnerabilities-subset.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let c = Catalog::parse(&std::fs::read(path).unwrap()).unwrap();
    assert_eq!(c.version, "2025.08.25");
    assert_eq!(c.entries.len(), 12);
    let forti = c.get("CVE-2024-21762").unwrap();
    assert_eq!(
        (forti.vendor.as_str(), forti.product.as_str()),
        ("Fortinet", "FortiOS")
    );
    assert!(forti.ransomware);
    assert_eq!(forti.date_added, "2024-02-09");
    assert!(
        !c.get("CVE-2022-41328").unwrap().ransomware,
        "Unknown is not Known"
    );
    assert!(c.get("CVE-2021-44228").is_none(), "not in the subset");
}
