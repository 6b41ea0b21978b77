//! `hoshi vulns` as a user runs it: importing real public records (the fixtures of
//! crates/hoshi-vulns/tests/data, sources in their READMEs), a refused import that changes
//! nothing, and checking a real SBOM and a real Debian package list with the 14-day rule.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn hoshi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hoshi"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("HOSHI_LANG")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("run hoshi")
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../hoshi-vulns/tests/data")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn import_then_check_an_sbom_and_a_package_list() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("vulns");
    let f = fixtures();
    let o = hoshi(&[
        "vulns",
        "db",
        "import",
        "--db",
        s(&db),
        s(&f.join("osv")),
        s(&f.join("nvd")),
        s(&f.join("kev")),
        s(&f.join("epss")),
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        out.contains("OSV 4 件、NVD 1 件、KEV 12 件、EPSS 2 件"),
        "{out}"
    );
    let manifest = std::fs::read(db.join("manifest.json")).unwrap();

    // A file that is no vulnerability data: named, and the index stays as it was.
    let junk = d.path().join("junk");
    std::fs::create_dir(&junk).unwrap();
    std::fs::write(junk.join("notes.json"), br#"{"hello": "world"}"#).unwrap();
    let o = hoshi(&["vulns", "db", "import", "--db", s(&db), s(&junk)]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(err.contains("notes.json"), "{err}");
    assert!(err.contains("索引は変更していません"), "{err}");
    assert_eq!(std::fs::read(db.join("manifest.json")).unwrap(), manifest);

    // Dropwizard's SBOM and a Debian 12 package list, judged on 2026-12-02.
    let o = hoshi(&[
        "vulns",
        "check",
        "--db",
        s(&db),
        "--format",
        "json",
        "--today",
        "2026-12-02",
        s(&f.join("sbom/dropwizard-1.3.15.cdx.json")),
        s(&f.join("packages/dpkg-query-debian12.txt")),
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    // The dpkg list has a line that is not a package: named with its number, nothing checked.
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("dpkg-query-debian12.txt:42:"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.is_empty());
    let clean = d.path().join("dpkg.txt");
    let text = std::fs::read_to_string(f.join("packages/dpkg-query-debian12.txt")).unwrap();
    std::fs::write(
        &clean,
        text.lines()
            .filter(|l| l.contains('\t'))
            .collect::<Vec<_>>()
            .join("\n"),
    )
    .unwrap();
    let o = hoshi(&[
        "vulns",
        "check",
        "--db",
        s(&db),
        "--format",
        "json",
        "--today",
        "2026-12-02",
        s(&f.join("sbom/dropwizard-1.3.15.cdx.json")),
        s(&clean),
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "overdue findings exit 1\n{out}");
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["format"], 1);
    assert_eq!(r["components"], 167 + 41);
    assert_eq!(r["totals"]["findings"], 1);
    let j = &r["findings"][0];
    assert_eq!(j["component"]["name"], "jackson-databind");
    assert_eq!(
        j["component"]["purl"],
        "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.10"
    );
    assert_eq!(j["aliases"], serde_json::json!(["CVE-2020-36518"]));
    assert_eq!(j["severity"], "high");
    assert_eq!(j["cvss"], 7.5);
    assert_eq!(j["fixed"], serde_json::json!(["2.12.6.1"]));
    assert_eq!(j["fix_published"], "2022-03-12");
    assert_eq!(j["days_open"], 1726);
    assert_eq!(j["overdue"], true);
    assert_eq!(j["epss"], 0.00361);
    assert!(
        r["data"]
            .as_str()
            .unwrap()
            .contains("catalogVersion 2025.08.25")
    );
    assert!(
        r["data"]
            .as_str()
            .unwrap()
            .contains("EPSS scores of 2024-12-16")
    );

    // In English, as text.
    let o = Command::new(env!("CARGO_BIN_EXE_hoshi"))
        .args([
            "vulns",
            "check",
            "--db",
            s(&db),
            "--today",
            "2022-03-20",
            s(&f.join("sbom/dropwizard-1.3.15.cdx.json")),
        ])
        .env("HOSHI_LANG", "en")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "8 days after the advisory: not overdue yet\n{out}"
    );
    assert!(out.contains("published 2022-03-12 (8 days ago)"), "{out}");
    assert!(out.contains("0 open past 14 days"), "{out}");
}

#[test]
fn a_check_without_an_index_says_what_to_do() {
    let d = tempfile::tempdir().unwrap();
    let o = hoshi(&[
        "vulns",
        "check",
        "--db",
        s(&d.path().join("none")),
        s(&fixtures().join("sbom/dropwizard-1.3.15.cdx.json")),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("hoshi vulns db import"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
