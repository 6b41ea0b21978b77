//! FTP (RFC 959): the greeting names the server, FEAT (RFC 2389) tells whether it offers TLS
//! (`AUTH TLS`, RFC 4217). The probe sends `FEAT` and `QUIT` only: no USER, no PASS, no
//! anonymous login.

use std::net::SocketAddr;

use super::{Conn, Reply, parse_reply, reply_done};
use crate::Probe;

/// Servers that name themselves in their greeting.
const PRODUCTS: &[(&str, &str)] = &[
    ("vsFTPd", "vsFTPd"),
    ("ProFTPD", "ProFTPD"),
    ("Pure-FTPd", "Pure-FTPd"),
    ("FileZilla Server", "FileZilla Server"),
    ("Microsoft FTP Service", "Microsoft FTP Service"),
    ("Serv-U FTP Server", "Serv-U"),
    ("wu-", "WU-FTPD"),
    ("Gene6 FTP Server", "Gene6 FTP Server"),
    ("WS_FTP Server", "WS_FTP Server"),
    ("Titan FTP Server", "Titan FTP Server"),
    ("CrushFTP", "CrushFTP"),
    ("Xlight FTP Server", "Xlight FTP Server"),
    ("bftpd", "bftpd"),
    ("FRITZ!Box", "FRITZ!Box"),
];

/// What an FTP server showed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Facts {
    /// The greeting's code: 220 ready, 421 refused (too many connections, not allowed).
    pub code: u16,
    /// The greeting's text, lines joined.
    pub greeting: String,
    pub product: Option<String>,
    pub version: Option<String>,
    /// The FEAT list (`None` if FEAT was not answered with 211).
    pub features: Option<Vec<String>>,
    /// Whether `AUTH TLS` (or `AUTH SSL`) is offered; `None` if FEAT did not tell.
    pub auth_tls: Option<bool>,
}

/// Parses an FTP greeting: a reply whose code is 1xx, 2xx or 4xx (120 "ready in n minutes",
/// 220 ready, 421 service not available).
pub fn parse_greeting(buf: &[u8]) -> Option<Facts> {
    let (code, greeting, product, version) = super::greeting(buf, &[120, 220, 421], PRODUCTS)?;
    Some(Facts {
        code,
        greeting,
        product,
        version,
        features: None,
        auth_tls: None,
    })
}

/// The features in a FEAT reply (211, one feature per inner line); `None` for any other code.
pub fn parse_feat(reply: &Reply) -> Option<Vec<String>> {
    if reply.code != 211 {
        return None;
    }
    // A one-line 211 lists nothing; otherwise the features sit between the first and last line.
    let inner = reply
        .lines
        .get(1..reply.lines.len() - 1)
        .unwrap_or_default();
    Some(
        inner
            .iter()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect(),
    )
}

/// Whether a feature list offers TLS through `AUTH` (RFC 4217: `AUTH TLS`, older `AUTH SSL`).
pub fn offers_auth_tls(features: &[String]) -> bool {
    features.iter().any(|f| {
        let f = f.to_ascii_uppercase();
        f.strip_prefix("AUTH ").is_some_and(|mechs| {
            mechs
                .split([' ', ';'])
                .any(|m| m.starts_with("TLS") || m == "SSL")
        })
    })
}

/// Reads the greeting of the FTP server at `addr`, asks FEAT, says QUIT.
pub async fn probe(addr: SocketAddr, p: &Probe) -> Option<Facts> {
    let mut conn = Conn::open(addr, p, "ftp").await.ok()?;
    conn.read_until(reply_done, 16 * 1024).await.ok()?;
    let mut facts = parse_greeting(&conn.buf)?;
    if facts.code != 220 {
        return Some(facts);
    }
    conn.buf.clear();
    if conn.send(b"FEAT\r\n").await.is_err() {
        return Some(facts);
    }
    if conn.read_until(reply_done, 16 * 1024).await.is_ok()
        && let Some((reply, _)) = parse_reply(&conn.buf)
        && let Some(features) = parse_feat(&reply)
    {
        facts.auth_tls = Some(offers_auth_tls(&features));
        facts.features = Some(features);
    }
    let _ = conn.send(b"QUIT\r\n").await;
    Some(facts)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{
        Step, find_program, free_port, probe_for, serve, wait_for_listener,
    };
    use super::*;
    use std::time::Duration;

    #[test]
    fn greetings_name_the_server() {
        let cases: [(&[u8], Option<&str>, Option<&str>); 7] = [
            (b"220 (vsFTPd 3.0.3)\r\n", Some("vsFTPd"), Some("3.0.3")),
            (
                b"220 ProFTPD 1.3.8 Server (Debian) [::ffff:192.0.2.1]\r\n",
                Some("ProFTPD"),
                Some("1.3.8"),
            ),
            (
                b"220---------- Welcome to Pure-FTPd [privsep] [TLS] ----------\r\n220-You are user number 1 of 50 allowed.\r\n220 This is a private system.\r\n",
                Some("Pure-FTPd"),
                None,
            ),
            (
                b"220-FileZilla Server 1.8.0\r\n220 Please visit https://filezilla-project.org/\r\n",
                Some("FileZilla Server"),
                Some("1.8.0"),
            ),
            (
                b"220-FileZilla Server version 0.9.60 beta\r\n220 written by Tim Kosse\r\n",
                Some("FileZilla Server"),
                Some("0.9.60"),
            ),
            (b"220 Microsoft FTP Service\r\n", Some("Microsoft FTP Service"), None),
            (b"220 ftp.example.org ready\r\n", None, None),
        ];
        for (bytes, product, version) in cases {
            let f = parse_greeting(bytes).unwrap();
            assert_eq!(f.code, 220);
            assert_eq!(f.product.as_deref(), product, "{f:?}");
            assert_eq!(f.version.as_deref(), version, "{f:?}");
        }
        let refused = parse_greeting(b"421 Too many connections\r\n").unwrap();
        assert_eq!(
            (refused.code, refused.greeting.as_str()),
            (421, "Too many connections")
        );
        assert!(parse_greeting(b"SSH-2.0-OpenSSH_9.2\r\n").is_none());
        assert!(parse_greeting(b"250 ok\r\n").is_none());
        assert!(parse_greeting(b"220-unfinished\r\n").is_none());
    }

    #[test]
    fn feat_lists_and_auth_tls() {
        let feat = b"211-Features:\r\n AUTH TLS\r\n PBSZ\r\n PROT\r\n EPSV\r\n UTF8\r\n211 End\r\n";
        let (reply, _) = parse_reply(feat).unwrap();
        let list = parse_feat(&reply).unwrap();
        assert_eq!(list, ["AUTH TLS", "PBSZ", "PROT", "EPSV", "UTF8"]);
        assert!(offers_auth_tls(&list));
        let ssl = ["AUTH SSL;TLS-C".to_string()];
        assert!(offers_auth_tls(&ssl));
        let plain = b"211-Features:\r\n EPRT\r\n MDTM\r\n211 End\r\n";
        let list = parse_feat(&parse_reply(plain).unwrap().0).unwrap();
        assert!(!offers_auth_tls(&list));
        assert!(parse_feat(&parse_reply(b"500 Unknown command\r\n").unwrap().0).is_none());
        assert_eq!(
            parse_feat(&parse_reply(b"211 no features\r\n").unwrap().0),
            Some(vec![])
        );
    }

    #[tokio::test]
    async fn probe_asks_feat_and_quits_without_login() {
        let (addr, server) = serve(vec![vec![
            Step::Write(b"220 (vsFTPd 3.0.3)\r\n".to_vec()),
            Step::ReadUntil(b"\r\n".to_vec()),
            Step::Write(b"211-Features:\r\n AUTH TLS\r\n PASV\r\n".to_vec()),
            Step::Pause(20),
            Step::Write(b"211 End\r\n".to_vec()),
            Step::ReadUntil(b"\r\n".to_vec()),
            Step::Write(b"221 Goodbye.\r\n".to_vec()),
        ]])
        .await;
        let p = probe_for(Duration::from_secs(3));
        let facts = probe(addr, &p).await.unwrap();
        assert_eq!(facts.product.as_deref(), Some("vsFTPd"));
        assert_eq!(facts.auth_tls, Some(true));
        assert_eq!(facts.features.unwrap(), ["AUTH TLS", "PASV"]);
        assert_eq!(server.await.unwrap()[0], b"FEAT\r\nQUIT\r\n");
        let log: Vec<_> = p.log.entries().into_iter().map(|e| e.preview).collect();
        assert_eq!(log, ["FEAT\\x0d\\x0a", "QUIT\\x0d\\x0a"]);
    }

    #[tokio::test]
    async fn probe_reports_a_refusal_without_asking_more() {
        let (addr, server) = serve(vec![vec![Step::Write(
            b"421 Service not available\r\n".to_vec(),
        )]])
        .await;
        let p = probe_for(Duration::from_secs(2));
        let facts = probe(addr, &p).await.unwrap();
        assert_eq!((facts.code, facts.auth_tls), (421, None));
        assert!(server.await.unwrap()[0].is_empty());
    }

    /// Against a real vsftpd when one is installed (package vsftpd).
    #[tokio::test]
    async fn real_vsftpd() {
        let Some(vsftpd) = find_program(&["/usr/sbin/vsftpd", "vsftpd"]) else {
            eprintln!("skipped: vsftpd is not installed (Debian package vsftpd)");
            return;
        };
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        let port = free_port();
        let config = dir.path().join("vsftpd.conf");
        let text = format!(
            "listen=YES\nlisten_ipv6=NO\nlisten_address=127.0.0.1\nlisten_port={port}\n\
             background=NO\nanonymous_enable=NO\nlocal_enable=YES\nssl_enable=NO\n\
             secure_chroot_dir={}\nrun_as_launching_user=YES\nseccomp_sandbox=NO\n\
             isolate=NO\nisolate_network=NO\n",
            empty.display()
        );
        std::fs::write(&config, text).unwrap();
        let child = std::process::Command::new(vsftpd)
            .arg(&config)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("vsftpd starts");
        let _child = super::super::testing::Child(child);
        let addr: SocketAddr = ([127, 0, 0, 1], port).into();
        assert!(
            wait_for_listener(addr, Duration::from_secs(10)).await,
            "vsftpd listens"
        );
        let p = probe_for(Duration::from_secs(5));
        let facts = probe(addr, &p).await.expect("vsftpd answers");
        assert_eq!(facts.code, 220);
        assert_eq!(facts.product.as_deref(), Some("vsFTPd"));
        assert!(facts.version.is_some(), "{facts:?}");
        let features = facts.features.expect("vsftpd answers FEAT");
        assert!(features.iter().any(|f| f == "PASV"), "{features:?}");
        assert_eq!(facts.auth_tls, Some(false));
    }
}
