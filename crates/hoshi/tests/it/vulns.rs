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
    // Every NVD record committed as a fixture is imported, one file each.
    let nvd = std::fs::read_dir(f.join("nvd"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "json")
        })
        .count();
    assert!(
        out.contains(&format!("OSV 4 件、NVD {nvd} 件、KEV 12 件、EPSS 2 件")),
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

/// An index of the real records of crates/hoshi-vulns/tests/data, in `d`.
fn imported(d: &Path) -> PathBuf {
    let db = d.join("vulns");
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
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    db
}

/// `hoshi vulns check --format json --today 2026-12-02` of `files`: exit code, report, stderr.
fn check_json(db: &Path, files: &[&Path]) -> (Option<i32>, serde_json::Value, String) {
    let mut args = vec![
        "vulns",
        "check",
        "--db",
        s(db),
        "--format",
        "json",
        "--today",
        "2026-12-02",
    ];
    args.extend(files.iter().map(|f| s(f)));
    let o = hoshi(&args);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    let report = serde_json::from_slice(&o.stdout).unwrap_or(serde_json::Value::Null);
    (o.status.code(), report, err)
}

#[test]
fn check_a_cyclonedx_xml_sbom() {
    let d = tempfile::tempdir().unwrap();
    let db = imported(d.path());
    let xml = fixtures().join("sbom/juice-shop-npm-subset.cdx.xml");
    let (code, r, err) = check_json(&db, &[&xml]);
    assert_eq!(code, Some(1), "an overdue finding\n{err}");
    assert_eq!(r["components"], 12);
    assert_eq!(r["totals"]["findings"], 1);
    // The lodash that sanitize-html nests, not the fixed one at the top level.
    let j = &r["findings"][0];
    assert_eq!(j["id"], "GHSA-p6mc-m468-83gw");
    assert_eq!(j["component"]["purl"], "pkg:npm/lodash@2.4.2");

    // XML with a DOCTYPE is refused, with the line, in the reader's language.
    let hostile = d.path().join("bom.xml");
    std::fs::write(
        &hostile,
        "<?xml version=\"1.0\"?>\n<!DOCTYPE bom [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"/>\n",
    )
    .unwrap();
    let (code, r, err) = check_json(&db, &[&hostile]);
    assert_eq!(code, Some(1));
    assert_eq!(r, serde_json::Value::Null, "nothing is checked");
    assert!(
        err.contains("bom.xml: 2 行目: 文書型宣言（<!DOCTYPE>）は受け付けていません"),
        "{err}"
    );
}

#[test]
fn check_an_spdx_tag_value_sbom() {
    let d = tempfile::tempdir().unwrap();
    let db = imported(d.path());
    let spdx = fixtures().join("sbom/juchu-web-2.4.0.spdx");
    let (code, r, err) = check_json(&db, &[&spdx]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(r["components"], 5);
    let ids: Vec<&str> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    // jackson-databind first: the EPSS fixture scores its CVE and not Log4Shell's.
    assert_eq!(ids, ["GHSA-57j2-w4cx-62h2", "GHSA-jfh8-c2jp-5v3q"]);
    // The product itself has neither package URL nor CPE: said, not silently passed.
    assert!(
        err.contains("構成要素 5 件のうち 1 件は、パッケージ URL も CPE もない"),
        "{err}"
    );

    // A <text> never closed: where it opened.
    let text = std::fs::read_to_string(&spdx).unwrap();
    let broken = d.path().join("broken.spdx");
    std::fs::write(&broken, text.replace("禁じます。</text>", "禁じます。")).unwrap();
    let (code, _, err) = check_json(&db, &[&broken]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("broken.spdx: 97 行目で始まる <text> が </text> で閉じられていません。"),
        "{err}"
    );
}

#[test]
fn check_a_get_package_list() {
    let d = tempfile::tempdir().unwrap();
    let db = imported(d.path());
    let csv = fixtures().join("windows/get-package-ps51-unicode.csv");
    let (code, r, err) = check_json(&db, &[&csv]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(r["components"], 15);
    assert_eq!(r["totals"]["findings"], 0);
    // Only the NuGet package can be matched yet; the others are named as not checked.
    assert!(
        err.contains("構成要素 15 件のうち 14 件は、パッケージ URL も CPE もない"),
        "{err}"
    );

    let text =
        std::fs::read_to_string(fixtures().join("windows/get-package-select-ps7.csv")).unwrap();
    let broken = d.path().join("packages.csv");
    std::fs::write(
        &broken,
        text.replace(
            "\"Lhaplus\",\"1.74\",\"Programs\",\"\"",
            "\"Lhaplus\",\"1.74\"",
        ),
    )
    .unwrap();
    let (code, r, err) = check_json(&db, &[&broken]);
    assert_eq!(code, Some(1));
    assert_eq!(r, serde_json::Value::Null);
    assert!(
        err.contains(
            "packages.csv:11: 項目が 2 個あります。見出し行と同じ 4 個である必要があります。"
        ),
        "{err}"
    );
    assert!(
        err.contains("1 行が Get-Package の一覧として読み取れません"),
        "{err}"
    );
}

#[test]
fn check_a_winget_export() {
    let d = tempfile::tempdir().unwrap();
    let db = imported(d.path());
    let json = fixtures().join("windows/winget-export-include-versions.json");
    let o = Command::new(env!("CARGO_BIN_EXE_hoshi"))
        .args([
            "vulns",
            "check",
            "--db",
            s(&db),
            "--today",
            "2026-12-02",
            s(&json),
        ])
        .env("HOSHI_LANG", "en")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{out}{err}");
    assert!(
        out.starts_with("12 components checked on 2026-12-02: 0 vulnerabilities"),
        "{out}"
    );
    assert!(
        err.contains("12 of 12 components were not checked: no package URL or CPE"),
        "{err}"
    );
    // JSON that is none of the formats says which ones it could have been.
    let other = d.path().join("other.json");
    std::fs::write(&other, br#"{"Name": "x"}"#).unwrap();
    let (code, _, err) = check_json(&db, &[&other]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("winget export のファイル（\"Sources\"）"),
        "{err}"
    );
}

/// The asset register itself as input: appliances recognised by maker and OS (no CPE typed),
/// the real NVD records of their firmware, support ends, and assets that give nothing to check.
#[test]
fn check_the_asset_register() {
    let d = tempfile::tempdir().unwrap();
    let db = imported(d.path());
    let reg = d.path().join("資産台帳.csv");
    std::fs::write(
        &reg,
        "\u{feff}管理番号,種別,名称,メーカー,OS・ファームウェア,バージョン,サポート終了日\r\n\
         NW-001,ネットワーク機器,本社 VPN 装置,フォーティネット,FortiOS,7.2.6,\r\n\
         NW-002,ネットワーク機器,支店 VPN 装置,Palo Alto Networks,PAN-OS,10.2.9-h1,\r\n\
         NW-003,ネットワーク機器,リモート接続,Ivanti,Connect Secure,22.7R2.3,\r\n\
         PC-001,PC,経理部 ノートPC,富士通,Windows 10 Pro,22H2,2025-10-14\r\n",
    )
    .unwrap();
    let (code, r, err) = check_json(&db, &[&reg]);
    assert_eq!(code, Some(1), "overdue and past support: {err}");
    let on = |asset: &str| -> Vec<String> {
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["component"]["asset"] == asset)
            .map(|f| f["id"].as_str().unwrap().to_string())
            .collect()
    };
    // CVE-2024-21762: FortiOS 7.2.0 <= v < 7.2.7; PAN-OS 10.2.9-h1 is the fix of CVE-2024-3400;
    // CVE-2025-0282 lists connect_secure 22.7:r2.3.
    assert_eq!(on("NW-001"), vec!["CVE-2024-21762".to_string()]);
    assert!(on("NW-002").is_empty(), "{r}");
    assert_eq!(on("NW-003"), vec!["CVE-2025-0282".to_string()]);
    assert_eq!(r["support_ended"][0]["asset"], "PC-001");
    assert_eq!(r["unchecked"][0], "PC-001 経理部 ノートPC");
    assert_eq!(r["findings"][0]["kev"], true);

    // The same as a page, and a bad register named by row.
    let o = hoshi(&[
        "vulns",
        "check",
        "--db",
        s(&db),
        "--format",
        "html",
        "--today",
        "2026-12-02",
        "--lang",
        "ja",
        s(&reg),
    ]);
    let html = String::from_utf8_lossy(&o.stdout);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("NW-001: FortiOS 7.2.6"), "{html}");
    assert!(html.contains("サポートが終了した資産"));
    let bad = d.path().join("bad.csv");
    std::fs::write(&bad, "管理番号,種別,名称\nPC-1,冷蔵庫,休憩室\n").unwrap();
    let (code, _, err) = check_json(&db, &[&bad]);
    assert_ne!(code, Some(0), "{err}");
    assert!(
        err.contains("bad.csv: 2 行目（種別）: 種別「冷蔵庫」は使えません"),
        "{err}"
    );
}
