//! The OSV matcher on real records (tests/data/osv, sources in its README).

use hoshi_vulns::osv::{Record, Why};

fn record(name: &str) -> Record {
    let path = format!("{}/tests/data/osv/{name}", env!("CARGO_MANIFEST_DIR"));
    Record::parse(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn log4shell_ranges_in_maven_order() {
    let r = record("GHSA-jfh8-c2jp-5v3q.json");
    assert_eq!(r.cves(), ["CVE-2021-44228"]);
    let core = "org.apache.logging.log4j:log4j-core";
    for affected in [
        "2.14.1",
        "2.13.0",
        "2.0-beta9",
        "2.0",
        "2.3",
        "2.11.1",
        "2.12.1",
    ] {
        assert!(r.affects("Maven", core, affected).is_some(), "{affected}");
    }
    for safe in ["2.15.0", "2.16.0", "2.17.1", "2.3.1", "2.12.2", "2.12.4"] {
        assert!(r.affects("Maven", core, safe).is_none(), "{safe}");
    }
    assert_eq!(
        r.affects("Maven", core, "2.14.1")
            .unwrap()
            .describe(hoshi_core::Lang::En),
        ">= 2.13.0, < 2.15.0"
    );
    // Another artifact of the same group is not this record's package.
    assert!(
        r.affects("Maven", "org.apache.logging.log4j:log4j-api", "2.14.1")
            .is_none()
    );
}

#[test]
fn lodash_from_the_first_version() {
    let r = record("GHSA-p6mc-m468-83gw.json");
    assert_eq!(
        r.affects("npm", "lodash", "4.17.15"),
        Some(Why::InRange {
            introduced: None,
            fixed: Some("4.17.20".into()),
            last_affected: None
        })
    );
    assert!(r.affects("npm", "lodash", "4.17.20").is_none());
    assert!(r.affects("npm", "lodash", "4.17.21").is_none());
    assert!(r.affects("npm", "lodash-es", "4.17.19").is_some());
    // npm names are exact; PyPI's normalisation does not apply.
    assert!(r.affects("npm", "Lodash", "4.17.15").is_none());
}

#[test]
fn django_windows_given_out_of_order_and_the_version_list() {
    let r = record("PYSEC-2023-100.json");
    assert_eq!(r.cves(), ["CVE-2023-36053"]);
    for affected in ["3.2", "3.2.19", "4.0", "4.1.9", "4.2", "4.2.2"] {
        assert!(
            r.affects("PyPI", "Django", affected).is_some(),
            "{affected}"
        );
    }
    // 4.2rc1 comes before 4.2 in PEP 440 and after 4.1.10: outside every window, and the
    // record does not list it.
    for safe in ["3.1.14", "3.2.20", "4.1.10", "4.2.3", "5.0", "4.2rc1"] {
        assert!(r.affects("PyPI", "django", safe).is_none(), "{safe}");
    }
    assert_eq!(
        r.affects("PyPI", "django", "4.1.9")
            .unwrap()
            .describe(hoshi_core::Lang::En),
        ">= 4.0, < 4.1.10"
    );
}

#[test]
fn hostile_records_are_refused_not_panicked_on() {
    assert!(Record::parse(b"").is_err());
    assert!(Record::parse(b"[]").is_err());
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(Record::parse(deep.as_bytes()).is_err());
    let big = vec![b' '; hoshi_vulns::osv::MAX_RECORD_BYTES + 1];
    assert!(Record::parse(&big).is_err());
    // A withdrawn record affects nothing.
    let mut r = record("GHSA-p6mc-m468-83gw.json");
    r.withdrawn = Some("2024-01-01T00:00:00Z".into());
    assert!(r.affects("npm", "lodash", "4.17.15").is_none());
}
