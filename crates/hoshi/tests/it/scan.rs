//! `hoshi scan` as a user runs it, against responders on loopback that imitate what real
//! products show in public: an SSH server offering old algorithms and a SonicWall SMA 100
//! sign-in page of a firmware with known-exploited flaws — judged by the bundled appliance table
//! in a data directory without a vulnerability index, and by the index `hoshi vulns db import`
//! made of real NVD records and KEV entries (crates/hoshi-vulns/tests/data) where there is one.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};

/// `hoshi` with the data directory `data`.
fn hoshi_in(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hoshi"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("HOSHI_LANG")
        .env("LANG", "C.UTF-8")
        .env("HOSHI_DATA", data)
        .output()
        .expect("run hoshi")
}

/// `hoshi` with an empty data directory (no vulnerability index).
fn hoshi(args: &[&str]) -> Output {
    let data = tempfile::tempdir().unwrap();
    hoshi_in(data.path(), args)
}

/// An SSH name-list.
fn list(s: &str) -> Vec<u8> {
    let mut v = u32::try_from(s.len()).unwrap().to_be_bytes().to_vec();
    v.extend_from_slice(s.as_bytes());
    v
}

/// The server's identification line and KEXINIT (RFC 4253 §4.2, §7.1) of an old OpenSSH.
fn ssh_server(l: TcpListener) {
    for s in l.incoming() {
        let Ok(mut s) = s else { continue };
        std::thread::spawn(move || {
            let _ = s.write_all(b"SSH-2.0-OpenSSH_7.4\r\n");
            let mut payload = vec![20u8];
            payload.extend_from_slice(&[7; 16]);
            for l in [
                "diffie-hellman-group14-sha1,diffie-hellman-group1-sha1",
                "ssh-rsa,ssh-dss",
                "aes128-ctr,aes128-cbc,3des-cbc",
                "aes128-ctr,aes128-cbc,3des-cbc",
                "hmac-sha2-256,hmac-md5",
                "hmac-sha2-256,hmac-md5",
                "none",
                "none",
                "",
                "",
            ] {
                payload.extend(list(l));
            }
            payload.extend_from_slice(&[0, 0, 0, 0, 0]);
            let pad = 8 - (payload.len() + 5) % 8 + 4;
            let mut packet = u32::try_from(payload.len() + pad + 1)
                .unwrap()
                .to_be_bytes()
                .to_vec();
            packet.push(u8::try_from(pad).unwrap());
            packet.extend(payload);
            packet.extend(std::iter::repeat_n(0u8, pad));
            let _ = s.write_all(&packet);
            let mut buf = [0u8; 256];
            let _ = s.read(&mut buf);
        });
    }
}

/// A SonicWall SMA 100 "Virtual Office" portal, firmware 10.2.1.2-24sv.
fn sma_server(l: TcpListener) {
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
            let (status, body) = match path.as_str() {
                "/" => ("302 Found\r\nLocation: /cgi-bin/welcome", String::new()),
                "/cgi-bin/welcome" => (
                    "200 OK",
                    "<html><head><title>Virtual Office</title><meta name=\"portalName\" content=\"VirtualOffice\">\
                     <link href=\"/swl_styles.10.2.1.2-24sv.css\" rel=\"stylesheet\"></head>\
                     <body><form action=\"/cgi-bin/userLogin.cgi\" method=\"post\"><input type=\"password\" name=\"pwd\"></form></body></html>"
                        .to_string(),
                ),
                _ => ("404 Not Found", "not found".to_string()),
            };
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nServer: SonicWALL SSL-VPN Web Server\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        });
    }
}

#[test]
fn a_scan_names_the_appliance_its_firmware_and_the_exploited_flaws() {
    let ssh = TcpListener::bind("127.0.0.1:0").unwrap();
    let web = TcpListener::bind("127.0.0.1:0").unwrap();
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let (p_ssh, p_web, p_closed) = (
        ssh.local_addr().unwrap().port(),
        web.local_addr().unwrap().port(),
        closed.local_addr().unwrap().port(),
    );
    drop(closed);
    std::thread::spawn(move || ssh_server(ssh));
    std::thread::spawn(move || sma_server(web));
    let ports = format!("{p_ssh},{p_web},{p_closed}");
    let o = hoshi(&[
        "scan",
        "127.0.0.1",
        "--ports",
        &ports,
        "--format",
        "json",
        "--timeout",
        "2",
    ]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(3),
        "critical findings exit 3\n{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let r: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(r["format"], 1);
    assert_eq!(r["data"]["vulnerability_source"], "bundled-table");
    assert!(
        r["data"]["vulnerabilities"]
            .as_str()
            .unwrap()
            .starts_with("appliance table "),
        "{}",
        r["data"]
    );
    let host = &r["hosts"][0];
    assert_eq!(host["address"], "127.0.0.1");
    assert_eq!(host["closed"], 1, "{host}");
    let port = |p: u16| {
        host["ports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["port"] == p)
            .unwrap_or_else(|| panic!("port {p} missing: {host}"))
            .clone()
    };
    let s = port(p_ssh);
    assert_eq!(s["state"], "open");
    assert_eq!(s["service"], "ssh");
    assert_eq!(s["product"], "OpenSSH");
    assert_eq!(s["version"], "7.4");
    let cats: Vec<&str> = s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["category"].as_str())
        .collect();
    assert!(
        cats.contains(&"weak-ssh") && cats.contains(&"ssh-exposed"),
        "{cats:?}"
    );
    let w = port(p_web);
    assert_eq!(w["service"], "http");
    assert_eq!(w["product"], "SonicWall SMA 100 (Virtual Office)");
    assert_eq!(w["version"], "10.2.1.2-24sv");
    let kev = w["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["category"] == "known-exploited")
        .unwrap_or_else(|| panic!("no known-exploited finding: {w}"));
    assert_eq!(kev["severity"], "critical");
    let cve = kev["cves"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "CVE-2021-20038")
        .expect("CVE-2021-20038");
    assert_eq!(cve["kev"], true);
    assert_eq!(cve["ransomware"], true);
    assert!(
        kev["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c == "4-4-4-2")
    );
    assert!(
        kev["title"].as_str().unwrap().contains("悪用"),
        "Japanese by default: {kev}"
    );
    // Everything sent is on record, and nothing but plain requests went to the portal.
    let sent = r["sent"].as_array().unwrap();
    let to_web: Vec<&serde_json::Value> = sent
        .iter()
        .filter(|x| x["address"] == format!("127.0.0.1:{p_web}"))
        .collect();
    assert!(to_web.iter().any(|x| {
        x["preview"]
            .as_str()
            .unwrap()
            .starts_with("GET /cgi-bin/welcome ")
    }));
    for x in &to_web {
        let p = x["preview"].as_str().unwrap();
        assert!(
            p.starts_with("GET ") || x["probe"] == "tls",
            "unexpected request: {p}"
        );
    }
}

#[test]
fn the_html_report_is_one_page_worst_first_in_the_users_language() {
    let web = TcpListener::bind("127.0.0.1:0").unwrap();
    let p_web = web.local_addr().unwrap().port();
    std::thread::spawn(move || sma_server(web));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("exposure.html");
    let o = hoshi(&[
        "scan",
        "127.0.0.1",
        "--ports",
        &p_web.to_string(),
        "--format",
        "html",
        "-o",
        out.to_str().unwrap(),
        "--timeout",
        "2",
    ]);
    assert_eq!(
        o.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"ja\">"));
    assert!(html.contains("外部公開状況の検査結果"));
    assert!(html.contains("SonicWall"), "{html}");
    assert!(html.contains("(KEV)"));
    assert!(
        !html.contains("<script") && !html.contains("src=\"http"),
        "self-contained"
    );
}

#[test]
fn targets_and_ports_that_cannot_be_read_are_named() {
    let o = hoshi(&["scan", "192.0.2.0/8x"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("192.0.2.0/8x") && err.contains("プレフィックス"),
        "{err}"
    );
    let o = hoshi(&["scan", "127.0.0.1", "--ports", "22,99999"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("99999") && err.contains("1〜65535"), "{err}");
    let o = hoshi(&["--lang", "en", "scan", "10.0.0.0/8"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("16777216 addresses"), "{err}");
}

/// Starts the SMA 100 portal on loopback; its port.
fn sma() -> u16 {
    let web = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = web.local_addr().unwrap().port();
    std::thread::spawn(move || sma_server(web));
    port
}

fn findings(r: &serde_json::Value) -> Vec<serde_json::Value> {
    r["hosts"][0]["ports"][0]["findings"]
        .as_array()
        .unwrap_or_else(|| panic!("no findings: {r}"))
        .clone()
}

#[test]
fn an_imported_vulnerability_index_judges_the_firmware_and_the_report_says_so() {
    let data = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../hoshi-vulns/tests/data");
    let o = hoshi_in(
        data.path(),
        &[
            "vulns",
            "db",
            "import",
            fixtures.join("nvd").to_str().unwrap(),
            fixtures.join("kev").to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(data.path().join("vulns/manifest.json").exists());
    let port = sma().to_string();
    let scan = [
        "scan",
        "127.0.0.1",
        "--ports",
        &port,
        "--format",
        "json",
        "--timeout",
        "2",
    ];
    // <data>/vulns is used by default. Its NVD record of the SMA 100 firmware: CVE-2023-44221
    // (up to 10.2.1.9-57sv), not in the KEV subset imported; the table's CVE-2021-20038 is not
    // among the records imported.
    let o = hoshi_in(data.path(), &scan);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(3),
        "a high finding exits 3\n{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let r: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(r["data"]["vulnerability_source"], "imported-index");
    let v = r["data"]["vulnerabilities"].as_str().unwrap();
    assert!(
        v.starts_with("vulnerability index: OSV 0 records") && v.contains("NVD 10 records"),
        "{v}"
    );
    assert!(
        r["data"]["vulnerabilities_ja"]
            .as_str()
            .unwrap()
            .starts_with("脆弱性の索引: ")
    );
    let f = findings(&r);
    let o_s = f
        .iter()
        .find(|f| f["category"] == "outdated-software")
        .unwrap_or_else(|| panic!("no outdated-software: {f:?}"));
    assert_eq!(o_s["severity"], "high");
    assert_eq!(o_s["cves"][0]["id"], "CVE-2023-44221");
    assert_eq!(o_s["cves"][0]["kev"], false);
    assert!(
        !f.iter().any(|f| f["category"] == "known-exploited"),
        "{f:?}"
    );
    // The text report names the data in the reader's language.
    let o = hoshi_in(
        data.path(),
        &["scan", "127.0.0.1", "--ports", &port, "--timeout", "2"],
    );
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("脆弱性データ: 脆弱性の索引: "), "{text}");
    // --vulns-db names another index; one that is not there is an error, nothing is scanned.
    let other = hoshi(&[
        "scan",
        "127.0.0.1",
        "--ports",
        &port,
        "--format",
        "json",
        "--timeout",
        "2",
        "--vulns-db",
        data.path().join("vulns").to_str().unwrap(),
    ]);
    let r: serde_json::Value = serde_json::from_slice(&other.stdout).expect("JSON");
    assert_eq!(r["data"]["vulnerability_source"], "imported-index");
    let missing = data.path().join("nowhere");
    let o = hoshi_in(
        data.path(),
        &[
            "scan",
            "127.0.0.1",
            "--ports",
            &port,
            "--vulns-db",
            missing.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("脆弱性の索引がありません") && err.contains("nowhere"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn an_index_without_nvd_records_leaves_appliances_to_the_bundled_table() {
    let data = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../hoshi-vulns/tests/data");
    // Only the KEV catalog: nothing names an appliance's versions.
    let o = hoshi_in(
        data.path(),
        &[
            "vulns",
            "db",
            "import",
            fixtures.join("kev").to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let port = sma().to_string();
    let o = hoshi_in(
        data.path(),
        &[
            "--lang",
            "en",
            "scan",
            "127.0.0.1",
            "--ports",
            &port,
            "--format",
            "json",
            "--timeout",
            "2",
        ],
    );
    assert_eq!(o.status.code(), Some(3));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("holds no NVD records"), "{err}");
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(r["data"]["vulnerability_source"], "bundled-table");
    assert!(findings(&r).iter().any(|f| {
        f["category"] == "known-exploited"
            && f["cves"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["id"] == "CVE-2021-20038")
    }));
}
