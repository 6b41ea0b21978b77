//! The whole check on real data: a real SBOM and appliance against real OSV, NVD and KEV records,
//! with the 14-day rule judged on a fixed day. Expected values worked out by hand from the
//! records (dates: `date` arithmetic, not the code under test).

use hoshi_vulns::check::Data;
use hoshi_vulns::kev::Catalog;
use hoshi_vulns::nvd;
use hoshi_vulns::osv::Record;
use hoshi_vulns::sbom::{Component, cyclonedx_json};

fn data(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn db() -> Data {
    let mut d = Data::default();
    for f in [
        "osv/GHSA-57j2-w4cx-62h2.json",
        "osv/GHSA-jfh8-c2jp-5v3q.json",
        "osv/GHSA-p6mc-m468-83gw.json",
        "osv/PYSEC-2023-100.json",
    ] {
        d.add_osv(Record::parse(&data(f)).unwrap());
    }
    for c in nvd::parse(&data("nvd/CVE-2024-21762.json")).unwrap() {
        d.add_nvd(c);
    }
    d.kev = Some(Catalog::parse(&data("kev/known_exploited_vulnerabilities-subset.json")).unwrap());
    d
}

#[test]
fn an_sbom_and_a_firewall_with_the_fourteen_day_rule() {
    let mut components = cyclonedx_json(&data("sbom/dropwizard-1.3.15.cdx.json")).unwrap();
    // The asset register's firewall, named by CPE.
    components.push(Component {
        name: "FortiGate 60F".into(),
        version: Some("7.2.6".into()),
        purl: None,
        cpe: Some("cpe:2.3:o:fortinet:fortios:7.2.6:*:*:*:*:*:*:*".into()),
    });
    let found = db().check(&components, "2026-12-02");
    assert_eq!(found.len(), 2, "{found:#?}");
    // KEV first: FortiOS 7.2.6, CVE-2024-21762 (9.8, ransomware use known, published
    // 2024-02-09: 1,027 days before 2026-12-02).
    let f = &found[0];
    assert_eq!(f.component, 167);
    assert_eq!(f.id, "CVE-2024-21762");
    assert!(f.kev && f.ransomware);
    assert_eq!(f.cvss, Some(9.8));
    assert_eq!(f.severity, "critical");
    assert_eq!(f.days_open, Some(1027));
    assert!(f.overdue);
    // Then jackson-databind 2.9.10: CVE-2020-36518, CVSS 7.5 from the record's vector, fixed in
    // 2.12.6.1, advisory of 2022-03-12: 1,726 days.
    let j = &found[1];
    assert_eq!(components[j.component].name, "jackson-databind");
    assert_eq!(j.cves, ["CVE-2020-36518"]);
    assert_eq!((j.cvss, j.severity.as_str()), (Some(7.5), "high"));
    assert_eq!(j.fixed, ["2.12.6.1"]);
    assert_eq!(j.fix_published.as_deref(), Some("2022-03-12"));
    assert_eq!(j.days_open, Some(1726));
    assert!(j.overdue && !j.kev);
    // Eight days after the advisory the same finding is not overdue yet.
    let early = db().check(&components, "2022-03-20");
    let j = early
        .iter()
        .find(|f| f.id == "GHSA-57j2-w4cx-62h2")
        .unwrap();
    assert_eq!(j.days_open, Some(8));
    assert!(!j.overdue);
}
