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

/// The fixtures' index with the NVD records of Windows desktop software
/// (`nvd-desktop`, kept out of `nvd`, which other tests count) added.
fn imported_with_desktop(d: &Path) -> PathBuf {
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
        s(&f.join("nvd-desktop")),
        s(&f.join("kev")),
        s(&f.join("epss")),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    db
}

#[test]
fn check_a_get_package_list() {
    let d = tempfile::tempdir().unwrap();
    let db = imported_with_desktop(d.path());
    let csv = fixtures().join("windows/get-package-ps51-unicode.csv");
    let (code, r, err) = check_json(&db, &[&csv]);
    assert_eq!(code, Some(1), "High findings open past 14 days\n{err}");
    assert_eq!(r["components"], 15);
    // The desktop programs of hoshi's table get their CPE from the name: Chrome, Zoom,
    // Acrobat, Java 8 Update 391, 7-Zip and Edge are each named by one of the records.
    assert_eq!(r["totals"]["findings"], 6);
    let mut ids: Vec<&str> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "CVE-2024-20731",
            "CVE-2024-20918",
            "CVE-2024-21388",
            "CVE-2024-7971",
            "CVE-2025-0411",
            "CVE-2025-49457"
        ]
    );
    // The NuGet package has a package URL; the other 8 (Office, サクラエディタ, CubePDF,
    // Lhaplus, the VC++ runtime, two updates, PSWindowsUpdate) are named as not checked.
    assert!(
        err.contains("構成要素 15 件のうち 8 件は、パッケージ URL も CPE もない"),
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
    let db = imported_with_desktop(d.path());
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
    assert_eq!(o.status.code(), Some(1), "{out}{err}");
    // 7-Zip, Acrobat Reader, Chrome, Edge, Firefox and the Java runtime by their package
    // identifiers; Notepad++ 8.6.2 is checked and past its record's range.
    assert!(
        out.starts_with(
            "12 components checked on 2026-12-02: 6 vulnerabilities, 5 open past 14 days"
        ),
        "{out}"
    );
    assert!(
        out.contains("[Critical] Mozilla.Firefox.ja 121.0.1 — CVE-2024-9680"),
        "{out}"
    );
    // Zoom's "5.17.31030" (no patch number), WinMerge, PowerShell, the VC++ runtime and the
    // Store app are not checked.
    assert!(
        err.contains("5 of 12 components were not checked: no package URL or CPE"),
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

// `hoshi vulns db update`, against a server on this machine that serves the same fixtures the
// way the real sources publish them: OSV as a zip per ecosystem, EPSS gzipped, NVD as CVE API
// 2.0 answers in pages. Nothing here reaches the internet: every source is given.

/// A plain HTTP server on 127.0.0.1 answering each request by `route(path)` (status, body), and
/// keeping every request's head.
struct Server {
    url: String,
    requests: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

fn serve(route: impl Fn(&str) -> (u16, Vec<u8>) + Send + 'static) -> Server {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let requests = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = requests.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut req = Vec::new();
            let mut buf = [0u8; 4096];
            while !req.windows(4).any(|w| w == b"\r\n\r\n") {
                match s.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => req.extend_from_slice(&buf[..n]),
                }
            }
            let head = String::from_utf8_lossy(&req).into_owned();
            let path = head.split(' ').nth(1).unwrap_or("").to_string();
            log.lock().unwrap().push(head);
            let (code, body) = route(&path);
            let mut out = format!(
                "HTTP/1.1 {code} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            )
            .into_bytes();
            out.extend_from_slice(&body);
            let _ = s.write_all(&out);
        }
    });
    Server { url, requests }
}

fn zip_of(files: &[PathBuf]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for f in files {
        let name = f.file_name().unwrap().to_str().unwrap();
        w.start_file(name, opts).unwrap();
        w.write_all(&std::fs::read(f).unwrap()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// The `.json` files of a fixture directory, sorted.
fn fixture_files(dir: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(fixtures().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    v.sort();
    v
}

/// The fixtures as the sources publish them: `/osv/PyPI/all.zip` and `/osv/Maven/all.zip` (the
/// OSV records split between them), `/kev.json`, `/epss.csv.gz`, and `/nvd?…` answering in
/// pages of 6 records by `startIndex`.
fn published() -> impl Fn(&str) -> (u16, Vec<u8>) + Send + 'static {
    let osv = fixture_files("osv");
    let (first, second) = osv.split_at(2);
    let pypi = zip_of(first);
    let maven = zip_of(second);
    let kev =
        std::fs::read(fixtures().join("kev/known_exploited_vulnerabilities-subset.json")).unwrap();
    let epss = gzip(&std::fs::read(fixtures().join("epss/epss_scores-2024-12-16.csv")).unwrap());
    let cves: Vec<serde_json::Value> = fixture_files("nvd")
        .iter()
        .map(|f| serde_json::from_slice(&std::fs::read(f).unwrap()).unwrap())
        .collect();
    move |path: &str| match path {
        "/osv/PyPI/all.zip" => (200, pypi.clone()),
        "/osv/Maven/all.zip" => (200, maven.clone()),
        "/kev.json" => (200, kev.clone()),
        "/epss.csv.gz" => (200, epss.clone()),
        p if p.starts_with("/nvd?") => {
            let start: usize = p
                .split('&')
                .find_map(|kv| kv.strip_prefix("startIndex="))
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            let page: Vec<serde_json::Value> = cves
                .iter()
                .skip(start)
                .take(6)
                .map(|c| serde_json::json!({ "cve": c }))
                .collect();
            let answer = serde_json::json!({
                "resultsPerPage": page.len(),
                "startIndex": start,
                "totalResults": cves.len(),
                "format": "NVD_CVE",
                "version": "2.0",
                "timestamp": "2026-12-02T00:00:00.000",
                "vulnerabilities": page,
            });
            (200, serde_json::to_vec(&answer).unwrap())
        }
        _ => (404, Vec::new()),
    }
}

/// `hoshi vulns db update --db DB` with every source on `server` (so nothing reaches the
/// internet), `more` after them, in `lang`.
fn update(db: &Path, server: &str, more: &[&str], lang: &str) -> Output {
    let mut args = vec![
        "vulns".to_string(),
        "db".into(),
        "update".into(),
        "--db".into(),
        s(db).into(),
        "--ecosystems".into(),
        "PyPI,Maven".into(),
    ];
    for (name, path) in [
        ("kev", "/kev.json"),
        ("epss", "/epss.csv.gz"),
        ("osv", "/osv"),
        ("nvd", "/nvd"),
    ] {
        args.push("--source".into());
        args.push(format!("{name}={server}{path}"));
    }
    args.extend(more.iter().map(|m| m.to_string()));
    Command::new(env!("CARGO_BIN_EXE_hoshi"))
        .args(&args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("HOSHI_LANG", lang)
        .env("NVD_API_KEY", "test-key")
        .output()
        .expect("run hoshi")
}

/// Every file of an index directory, by name.
fn index_files(db: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(db)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = if p.is_dir() {
                Vec::new()
            } else {
                std::fs::read(&p).unwrap()
            };
            (name, bytes)
        })
        .collect();
    v.sort();
    v
}

#[test]
fn update_fetches_what_import_reads_and_pages_through_nvd() {
    let d = tempfile::tempdir().unwrap();
    let server = serve(published());
    let db = d.path().join("fetched");
    let o = update(&db, &server.url, &[], "ja");
    let out = String::from_utf8_lossy(&o.stdout);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{out}{err}");
    // 1 KEV, 1 EPSS, 2 OSV zips, 2 NVD pages; 8 files in them (4 OSV records in the zips).
    assert!(
        out.contains("6 件をダウンロードし、8 個のファイルを取り込みました（OSV 4 件、NVD 10 件、KEV 12 件、EPSS 2 件）"),
        "{out}"
    );

    // The same index as an import of the same files, byte for byte.
    let imported = imported(&d.path().join("imported"));
    assert_eq!(index_files(&db), index_files(&imported));

    // NVD: a window of the last 119 days (an index without NVD records), the largest page,
    // two pages by startIndex, the API key in its header.
    let requests = server.requests.lock().unwrap().clone();
    let nvd: Vec<&String> = requests
        .iter()
        .filter(|r| r.starts_with("GET /nvd?"))
        .collect();
    assert_eq!(nvd.len(), 2, "{requests:?}");
    for (r, start) in nvd.iter().zip(["startIndex=0 ", "startIndex=6 "]) {
        let line = r.lines().next().unwrap();
        assert!(line.contains("lastModStartDate="), "{line}");
        assert!(line.contains(".000%2B00:00&lastModEndDate="), "{line}");
        assert!(line.contains("&resultsPerPage=2000&"), "{line}");
        assert!(line.contains(start), "{line}");
        assert!(r.contains("\r\napiKey: test-key\r\n"), "{r}");
    }
    assert!(
        !std::fs::read_dir(&db).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with('.')),
        "the download directory is gone"
    );

    // Again: NVD from the newest record's lastModified on (2025-10-28, more than one window
    // of 119 days ago: several windows, end to end), the index the same.
    let before = index_files(&db);
    let asked = server.requests.lock().unwrap().len();
    let o = update(&db, &server.url, &[], "en");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("(OSV 4, NVD "), "{out}");
    assert!(out.contains(", KEV 12, EPSS 2)"), "{out}");
    assert_eq!(index_files(&db), before);
    let requests = server.requests.lock().unwrap().clone();
    let field = |r: &str, name: &str| -> String {
        let line = r.lines().next().unwrap();
        let at = line.find(&format!("{name}=")).unwrap() + name.len() + 1;
        line[at..].split(['&', ' ']).next().unwrap().to_string()
    };
    let windows: Vec<(String, String)> = requests[asked..]
        .iter()
        .filter(|r| r.starts_with("GET /nvd?") && field(r, "startIndex") == "0")
        .map(|r| (field(r, "lastModStartDate"), field(r, "lastModEndDate")))
        .collect();
    assert!(windows.len() >= 2, "{windows:?}");
    assert_eq!(windows[0].0, "2025-10-28T13:54:01.000%2B00:00");
    for w in windows.windows(2) {
        assert_eq!(w[0].1, w[1].0, "{windows:?}");
    }
}

#[test]
fn a_failed_update_names_the_address_and_leaves_the_index_alone() {
    let d = tempfile::tempdir().unwrap();
    let db = imported(d.path());
    let before = index_files(&db);
    let good = published();
    let unchanged = |o: &Output, says: &[&str]| {
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        for s in says {
            assert!(err.contains(s), "{s:?} not in\n{err}");
        }
        assert!(err.contains("索引は変更していません"), "{err}");
        assert_eq!(index_files(&db), before);
    };

    // The server answers 500 for the KEV catalog.
    let server = serve(move |p| match p {
        "/kev.json" => (500, b"oops".to_vec()),
        _ => good(p),
    });
    let o = update(&db, &server.url, &[], "ja");
    unchanged(
        &o,
        &[
            &format!("{}/kev.json がエラーを返しました", server.url),
            "500",
        ],
    );
    // Nothing after the failed download was asked for.
    assert_eq!(server.requests.lock().unwrap().len(), 1);

    // Garbage where the EPSS file and an OSV export should be: both named.
    let good = published();
    let server = serve(move |p| match p {
        "/epss.csv.gz" => (200, b"<html>maintenance</html>".to_vec()),
        "/osv/Maven/all.zip" => (200, b"PK\x03\x04 not really a zip".to_vec()),
        _ => good(p),
    });
    let o = update(&db, &server.url, &[], "ja");
    unchanged(
        &o,
        &[
            &format!("{}/epss.csv.gz: ", server.url),
            &format!(
                "{}/osv/Maven/all.zip: not a readable zip archive",
                server.url
            ),
            "2 個のファイルを読み取れませんでした",
        ],
    );

    // A KEV catalog where an OSV export should be: the wrong kind.
    let good = published();
    let kev =
        std::fs::read(fixtures().join("kev/known_exploited_vulnerabilities-subset.json")).unwrap();
    let server = serve(move |p| match p {
        "/osv/PyPI/all.zip" => {
            let dir = tempfile::tempdir().unwrap();
            let f = dir.path().join("kev.json");
            std::fs::write(&f, &kev).unwrap();
            (200, zip_of(&[f]))
        }
        _ => good(p),
    });
    let o = update(&db, &server.url, &[], "ja");
    unchanged(
        &o,
        &[&format!(
            "{}/osv/PyPI/all.zip: kev.json: KEV data where OSV was expected",
            server.url
        )],
    );

    // More than --max-mb: the download is refused.
    let good = published();
    let server = serve(move |p| match p {
        "/kev.json" => (200, vec![b' '; 2 * 1024 * 1024]),
        _ => good(p),
    });
    let o = update(&db, &server.url, &["--max-mb", "1"], "ja");
    unchanged(
        &o,
        &[
            &format!("{}/kev.json からの応答が上限を超えました", server.url),
            "--max-mb",
        ],
    );

    // A zip bomb: 9 MB of spaces in a few KB unpacks past 8 × --max-mb.
    let good = published();
    let bomb = {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("GHSA-bomb.json");
        std::fs::write(&f, vec![b' '; 9 * 1024 * 1024]).unwrap();
        zip_of(&[f])
    };
    assert!(bomb.len() < 100 * 1024);
    let server = serve(move |p| match p {
        "/osv/Maven/all.zip" => (200, bomb.clone()),
        _ => good(p),
    });
    let o = update(&db, &server.url, &["--max-mb", "1"], "en");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("unpack to more than the limit"), "{err}");
    assert_eq!(index_files(&db), before);
}

#[test]
fn an_offline_machine_is_told_so_and_plain_http_elsewhere_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let fresh = d.path().join("vulns");
    // Port 1 on this machine: nothing listens, the connection is refused at once.
    let o = update(&fresh, "http://127.0.0.1:1", &[], "ja");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("http://127.0.0.1:1/kev.json に接続できませんでした。このコンピューターがインターネットにつながっているか確認してください"),
        "{err}"
    );
    assert!(err.contains("hoshi vulns db import"), "{err}");
    assert!(!fresh.exists(), "no empty index directory left behind");

    let o = update(
        &fresh,
        "http://127.0.0.1:1",
        &["--source", "kev=http://example.com/kev.json"],
        "en",
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("--source kev=http://example.com/kev.json: give an https:// address"),
        "{err}"
    );
    let o = update(
        &fresh,
        "http://127.0.0.1:1",
        &["--source", "cve=https://x"],
        "en",
    );
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("the source is one of kev, epss, osv, nvd"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
