//! The scan worker judges appliance firmware with the server's imported vulnerability data
//! (`config.vulns`, here the real NVD records and KEV subset of `crates/hoshi-vulns/tests/data`)
//! and with the bundled table on a server without any; the report names which. The appliance is
//! a responder on loopback imitating a Cisco ASA's AnyConnect endpoints at 9.12(3)9.

use std::path::PathBuf;
use std::sync::Arc;

use hoshi_vulns::index::{Index, Manifest};
use hoshi_vulns::sbom::Component;
use hoshi_web::assets::{Checked, VulnSource};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::common::*;

/// The NVD fixtures and the KEV subset, imported.
struct Fixtures {
    data: hoshi_vulns::check::Data,
    manifest: Manifest,
}

impl Fixtures {
    fn load() -> Fixtures {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../hoshi-vulns/tests/data");
        let mut ix = Index::load("", "", None, None).unwrap();
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("nvd"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.push(dir.join("kev/known_exploited_vulnerabilities-subset.json"));
        files.sort();
        for f in files {
            ix.add(&std::fs::read(&f).unwrap()).unwrap();
        }
        Fixtures {
            data: ix.data().unwrap(),
            manifest: ix.manifest("2025-09-01"),
        }
    }
}

impl VulnSource for Fixtures {
    fn check(&self, components: &[Component], today: &str) -> Result<Option<Checked>, String> {
        Ok(Some(Checked {
            findings: self.data.check(components, today),
            snapshot_en: self.manifest.snapshot(hoshi_core::Lang::En),
            snapshot_ja: self.manifest.snapshot(hoshi_core::Lang::Ja),
        }))
    }
}

async fn asa() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = l.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((mut s, _)) = l.accept().await {
            tokio::spawn(async move {
                let mut req = Vec::new();
                let mut buf = [0u8; 1024];
                while !req.windows(4).any(|w| w == b"\r\n\r\n") {
                    match s.read(&mut buf).await {
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
                let head = format!(
                    "HTTP/1.1 {status}\r\n{cookie}Content-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = s.write_all(head.as_bytes()).await;
                let _ = s.write_all(body.as_bytes()).await;
            });
        }
    });
    port
}

/// Runs one scan of the responder on `app` and returns its report.
async fn scan(app: &App) -> serde_json::Value {
    let (mut owner, _, _) = admin(app).await;
    let org = new_org(&mut owner, "星川精機株式会社").await;
    app.state
        .store
        .write(|tx| {
            let uid: String = {
                use hoshi_store::db::testing::RawSql as _;
                tx.sql_row(
                    "SELECT id FROM users WHERE email = 'admin@example.jp'",
                    hoshi_store::params![],
                    |r| r.get(0),
                )?
            };
            let t = hoshi_store::exposure::declare(
                tx,
                1,
                &uid,
                &org,
                hoshi_store::exposure::NewTarget {
                    target: "127.0.0.1",
                    kind: "address",
                    addresses: 1,
                    confirmed: true,
                },
            )?;
            hoshi_store::exposure::decide(tx, 2, &uid, &t.id, true)
        })
        .unwrap();
    let port = asa().await;
    let exposure = format!("/o/{org}/exposure");
    let page = owner.get(&exposure).await;
    let r = owner
        .post(
            &format!("{exposure}/scans"),
            &[("_csrf", &page.csrf()), ("ports", &port.to_string())],
        )
        .await;
    let url = r.location().to_string();
    assert!(url.contains("/exposure/scans/"), "{}", r.body);
    assert!(hoshi_web::jobs::scans::run_one(&app.state).await);
    let (status, _, json) = owner.get_bytes(&format!("{url}/report.json")).await;
    assert_eq!(status, axum::http::StatusCode::OK);
    let report: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(
        report["hosts"][0]["ports"][0]["version"], "9.12(3)9",
        "{report}"
    );
    report
}

fn finding<'a>(r: &'a serde_json::Value, category: &str) -> Option<&'a serde_json::Value> {
    r["hosts"][0]["ports"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["category"] == category)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_scan_worker_judges_firmware_with_the_servers_imported_data() {
    let app = app_with(|c| c.vulns = Arc::new(Fixtures::load()));
    let r = scan(&app).await;
    assert_eq!(r["data"]["vulnerability_source"], "imported-index");
    let v = r["data"]["vulnerabilities"].as_str().unwrap();
    assert!(v.contains("NVD 10 records"), "{v}");
    assert!(
        r["data"]["vulnerabilities_ja"]
            .as_str()
            .unwrap()
            .starts_with("脆弱性の索引: ")
    );
    // CVE-2020-3452 from NVD; the imported KEV subset does not list it.
    let o = finding(&r, "outdated-software").expect("outdated-software");
    assert_eq!(o["cves"][0]["id"], "CVE-2020-3452");
    assert_eq!(o["cves"][0]["kev"], false);
    assert!(finding(&r, "known-exploited").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_imported_data_the_scan_worker_uses_the_bundled_table() {
    let app = app();
    let r = scan(&app).await;
    assert_eq!(r["data"]["vulnerability_source"], "bundled-table");
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
