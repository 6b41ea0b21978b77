//! Judging appliance firmware with an imported vulnerability index (real NVD records and a real
//! subset of CISA's KEV catalog, the fixtures of `crates/hoshi-vulns/tests/data`) and with the
//! bundled table when no index was imported: the judge alone, and a whole scan of a responder on
//! loopback that imitates a Cisco ASA's AnyConnect endpoints.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;

use hoshi_core::Lang;
use hoshi_scan::findings::{Category, Finding, Severity};
use hoshi_scan::fingerprint::{Db, Match};
use hoshi_scan::identify::Identified;
use hoshi_scan::judge::judge;
use hoshi_scan::vulns::{Imported, Knowledge, Source, Table};
use hoshi_vulns::index::Index;

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../hoshi-vulns/tests/data")
}

/// The index `hoshi vulns db import` would build from the NVD fixtures and the KEV subset.
fn fixtures() -> Index {
    let mut ix = Index::load("", "", None, None).unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(data_dir().join("nvd"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.push(data_dir().join("kev/known_exploited_vulnerabilities-subset.json"));
    files.sort();
    for f in files {
        ix.add(&std::fs::read(&f).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
    }
    ix
}

fn imported() -> Imported {
    let ix = fixtures();
    let m = ix.manifest("2025-09-01");
    Imported::new(
        ix.data().unwrap(),
        "2025-09-01",
        m.snapshot(Lang::En),
        m.snapshot(Lang::Ja),
    )
}

/// What identification reports for an appliance of hoshi-scan's product `key`.
fn appliance(key: &str, product: &str, version: Option<&str>, build: Option<&str>) -> Identified {
    Identified {
        service: Some("https".into()),
        product: Some(product.into()),
        version: version.map(str::to_string),
        build: build.map(str::to_string),
        matches: vec![Match {
            rule: key.into(),
            vendor: "-".into(),
            product: product.into(),
            kind: "remote-access-vpn".into(),
            version: None,
            build: None,
            vulns: Some(key.into()),
            evidence: Vec::new(),
        }],
        ..Identified::default()
    }
}

fn of(findings: &[Finding], c: Category) -> Option<&Finding> {
    findings.iter().find(|f| f.category == c)
}

fn ids(f: &Finding) -> Vec<&str> {
    f.cves.iter().map(|c| c.id.as_str()).collect()
}

#[test]
fn an_imported_index_names_fortios_7_2_5_known_exploited() {
    let k = imported();
    let fortios = appliance("fortinet-fortios", "FortiGate SSL-VPN", Some("7.2.5"), None);
    let f = judge(443, &fortios, &k, Lang::En);
    let kev = of(&f, Category::KnownExploited).expect("known-exploited");
    assert_eq!(kev.severity, Severity::Critical);
    // 7.2.5 lies in CVE-2024-21762's range (7.2.0 up to 7.2.7), not in CVE-2022-42475's
    // (7.2.0 up to 7.2.3).
    assert_eq!(ids(kev), ["CVE-2024-21762"]);
    let c = &kev.cves[0];
    assert!(c.kev && c.ransomware, "{c:?}");
    assert_eq!(c.cvss, Some(9.8));
    // 7.2.2 has both, the catalog's ransomware use on each.
    let f = judge(
        443,
        &appliance("fortinet-fortios", "FortiGate SSL-VPN", Some("7.2.2"), None),
        &k,
        Lang::En,
    );
    let kev = of(&f, Category::KnownExploited).expect("known-exploited");
    let mut got = ids(kev);
    got.sort_unstable();
    assert_eq!(got, ["CVE-2022-42475", "CVE-2024-21762"]);
    // 7.2.7 is fixed: only the exposure of the portal remains.
    let f = judge(
        443,
        &appliance("fortinet-fortios", "FortiGate SSL-VPN", Some("7.2.7"), None),
        &k,
        Lang::En,
    );
    assert!(of(&f, Category::KnownExploited).is_none(), "{f:?}");
    assert!(of(&f, Category::OutdatedSoftware).is_none(), "{f:?}");
    assert!(of(&f, Category::RemoteAccessVpn).is_some());
    assert_eq!(k.source(), Source::ImportedIndex);
    assert!(
        k.snapshot()
            .starts_with("vulnerability index: OSV 0 records"),
        "{}",
        k.snapshot()
    );
    assert!(
        k.snapshot().contains("KEV catalogVersion 2025.08.25"),
        "{}",
        k.snapshot()
    );
    assert!(
        k.snapshot_ja().starts_with("脆弱性の索引: "),
        "{}",
        k.snapshot_ja()
    );
}

#[test]
fn vendor_version_forms_reach_nvds_cpe_names() {
    let k = imported();
    // PAN-OS: the hotfix is CPE's update field. 10.2.9-h1 is the fix of CVE-2024-3400.
    assert!(k.vulns_of("paloalto-panos", "10.2.9-h1").is_empty());
    let f = judge(
        443,
        &appliance(
            "paloalto-panos",
            "GlobalProtect portal (PAN-OS)",
            Some("10.2.9-h1"),
            None,
        ),
        &k,
        Lang::En,
    );
    assert!(f.iter().all(|f| f.cves.is_empty()), "{f:?}");
    let h = k.vulns_of("paloalto-panos", "10.2.9");
    assert_eq!(h.len(), 1, "{h:?}");
    assert_eq!(h[0].id, "CVE-2024-3400");
    assert_eq!(h[0].severity.as_deref(), Some("critical"));
    assert_eq!(h[0].published.as_deref(), Some("2024-04-12"));
    // Not in the KEV subset imported: an outdated version, not a known-exploited one.
    assert!(!h[0].kev);
    let f = judge(
        443,
        &appliance(
            "paloalto-panos",
            "GlobalProtect portal (PAN-OS)",
            Some("10.2.9"),
            None,
        ),
        &k,
        Lang::En,
    );
    let o = of(&f, Category::OutdatedSoftware).expect("outdated-software");
    assert_eq!(o.severity, Severity::High);
    assert_eq!(ids(o), ["CVE-2024-3400"]);
    // NetScaler is checked under both of NVD's products (ADC and Gateway): one CVE, once.
    let h = k.vulns_of("citrix-netscaler", "13.1-49.13");
    assert_eq!(
        h.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        ["CVE-2023-4966"]
    );
    assert!(k.vulns_of("citrix-netscaler", "13.1-49.15").is_empty());
    // Ivanti's R-release, Cisco's train notation, SonicWall's firmware strings.
    assert!(
        k.vulns_of("ivanti-connect-secure", "22.7R2.3")
            .iter()
            .any(|h| h.id == "CVE-2025-0282")
    );
    assert!(
        !k.vulns_of("ivanti-connect-secure", "22.7R2.5")
            .iter()
            .any(|h| h.id == "CVE-2025-0282")
    );
    assert_eq!(k.vulns_of("cisco-asa", "9.12(3)9")[0].id, "CVE-2020-3452");
    assert!(k.vulns_of("cisco-asa", "9.12(3)12").is_empty());
    assert_eq!(
        k.vulns_of("sonicwall-sma100", "10.2.1.2-24sv")[0].id,
        "CVE-2023-44221"
    );
    // Nothing to ask about a version that cannot be read, or a product hoshi-vulns does not know.
    assert!(k.vulns_of("paloalto-panos", "unknown").is_empty());
    assert!(k.vulns_of("openssh", "7.4").is_empty());
}

#[test]
fn build_dates_are_judged_by_the_bundled_table_with_an_index_too() {
    let k = imported();
    let f = judge(
        10443,
        &appliance(
            "fortinet-fortios",
            "FortiGate SSL-VPN",
            None,
            Some("2023-11-20"),
        ),
        &k,
        Lang::Ja,
    );
    let p = of(&f, Category::PredatesFixes).expect("predates-fixes");
    assert!(p.cves.iter().any(|c| c.id == "CVE-2024-21762" && c.kev));
    assert!(
        k.snapshot()
            .contains("firmware build dates: appliance table "),
        "{}",
        k.snapshot()
    );
}

#[test]
fn without_an_index_the_bundled_table_still_answers() {
    let t = Table::bundled();
    let k: &dyn Knowledge = &t;
    assert_eq!(k.source(), Source::BundledTable);
    assert!(k.snapshot().starts_with("appliance table "));
    assert!(k.snapshot_ja().starts_with("同梱の機器脆弱性表 "));
    let f = judge(
        443,
        &appliance("fortinet-fortios", "FortiGate SSL-VPN", Some("7.2.5"), None),
        k,
        Lang::Ja,
    );
    let kev = of(&f, Category::KnownExploited).expect("known-exploited");
    assert!(ids(kev).contains(&"CVE-2024-21762"));
}

#[test]
fn when_the_index_goes_away_mid_scan_the_table_answers_and_the_report_says_so() {
    let k = Imported::with_checker(|_| Ok(None), "OSV 0 records".into(), "OSV 0 件".into());
    assert!(!k.snapshot().contains("could not be read"));
    let h = k.vulns_of("fortinet-fortios", "7.2.5");
    assert!(h.iter().any(|h| h.id == "CVE-2024-21762" && h.kev));
    assert!(
        k.snapshot().contains("could not be read"),
        "{}",
        k.snapshot()
    );
    assert!(
        k.snapshot_ja().contains("読めなかった"),
        "{}",
        k.snapshot_ja()
    );
    let k = Imported::with_checker(|_| Err("broken".into()), String::new(), String::new());
    assert!(!k.vulns_of("fortinet-fortios", "7.2.5").is_empty());
}

#[test]
fn every_product_the_scan_judges_has_cpe_names() {
    let t = Table::bundled();
    for e in &t.cve {
        assert!(
            hoshi_vulns::appliance::by_scan_id(&e.product).is_some(),
            "{}: {}",
            e.id,
            e.product
        );
    }
    let db = Db::bundled();
    let keys = db
        .http
        .iter()
        .filter_map(|r| r.vulns.as_deref())
        .chain(db.banner.iter().filter_map(|r| r.vulns.as_deref()));
    for k in keys {
        assert!(hoshi_vulns::appliance::by_scan_id(k).is_some(), "{k}");
        assert!(!hoshi_scan::vulns::appliance_components(k, "1.0").is_empty());
    }
}

/// A Cisco ASA's WebVPN sign-in page and the version its AnyConnect configuration exchange
/// states (`9.12(3)9`: before the fix of CVE-2020-3452).
fn asa_server(l: TcpListener) {
    for s in l.incoming() {
        let Ok(mut s) = s else { continue };
        std::thread::spawn(move || {
            let mut req = Vec::new();
            let mut buf = [0u8; 1024];
            while !req.windows(4).any(|w| w == b"\r\n\r\n") {
                match s.read(&mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => req.extend_from_slice(&buf[..n]),
                }
            }
            let path = String::from_utf8_lossy(&req)
                .split_whitespace()
                .nth(1)
                .unwrap_or("/")
                .to_string();
            let (status, cookie, body) = match path.as_str() {
                "/+CSCOE+/logon.html" => (
                    "200 OK",
                    "Set-Cookie: webvpnlogin=1; secure\r\n",
                    "<html><head><title>SSL VPN Service</title><link href=\"/+CSCOU+/portal.css\" rel=\"stylesheet\"></head></html>",
                ),
                "/CSCOSSLC/config-auth" => (
                    "200 OK",
                    "",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><config-auth client=\"vpn\" type=\"complete\"><version who=\"sg\">9.12(3)9</version></config-auth>",
                ),
                _ => ("404 Not Found", "", "not found"),
            };
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\n{cookie}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        });
    }
}

async fn scan_asa(k: &dyn Knowledge) -> serde_json::Value {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || asa_server(l));
    let opts = hoshi_scan::scan::Options {
        targets: vec!["127.0.0.1".into()],
        ports: hoshi_scan::ports::Ports::parse(&port.to_string()).unwrap(),
        ports_label: port.to_string(),
        probe_timeout: std::time::Duration::from_secs(2),
        lang: Lang::En,
        ..Default::default()
    };
    let r = hoshi_scan::scan::run(&opts, &Db::bundled(), k)
        .await
        .unwrap();
    serde_json::to_value(&r).unwrap()
}

fn port_findings(r: &serde_json::Value) -> &serde_json::Value {
    let p = &r["hosts"][0]["ports"][0];
    assert_eq!(p["version"], "9.12(3)9", "{p}");
    &p["findings"]
}

fn finding<'a>(r: &'a serde_json::Value, category: &str) -> Option<&'a serde_json::Value> {
    port_findings(r)
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["category"] == category)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_scan_judges_with_the_data_it_was_given_and_says_which() {
    // The imported index: CVE-2020-3452 from NVD; the KEV subset imported does not list it.
    let r = scan_asa(&imported()).await;
    assert_eq!(r["data"]["vulnerability_source"], "imported-index");
    let v = r["data"]["vulnerabilities"].as_str().unwrap();
    assert!(v.starts_with("vulnerability index: "), "{v}");
    assert!(
        r["data"]["vulnerabilities_ja"]
            .as_str()
            .unwrap()
            .starts_with("脆弱性の索引")
    );
    let o = finding(&r, "outdated-software").expect("outdated-software");
    assert_eq!(o["severity"], "high");
    assert_eq!(o["cves"][0]["id"], "CVE-2020-3452");
    assert_eq!(o["cves"][0]["kev"], false);
    assert!(finding(&r, "known-exploited").is_none());
    // The bundled table (whose KEV snapshot lists it) for a server without an index.
    let r = scan_asa(&Table::bundled()).await;
    assert_eq!(r["data"]["vulnerability_source"], "bundled-table");
    assert!(
        r["data"]["vulnerabilities"]
            .as_str()
            .unwrap()
            .starts_with("appliance table ")
    );
    let k = finding(&r, "known-exploited").expect("known-exploited");
    assert!(
        k["cves"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "CVE-2020-3452" && c["kev"] == true),
        "{k}"
    );
}
