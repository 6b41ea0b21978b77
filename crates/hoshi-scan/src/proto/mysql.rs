//! MySQL and MariaDB: the server speaks first with its handshake packet (protocol 10), which
//! carries the version string, or with an error packet when it refuses the client's address
//! ("Host '…' is not allowed to connect", 1130) — either way the database is reachable. The probe
//! sends nothing.

use std::net::SocketAddr;

use super::{Conn, printable};
use crate::Probe;

/// CLIENT_SSL in the capability flags: the server can switch to TLS.
const CLIENT_SSL: u32 = 0x0800;
/// CLIENT_PLUGIN_AUTH: the handshake names its authentication plugin.
const CLIENT_PLUGIN_AUTH: u32 = 0x0008_0000;

/// The largest greeting we read.
const MAX_PACKET: usize = 16 * 1024;

/// What a MySQL-protocol server showed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Facts {
    /// `MySQL`, `MariaDB` or `TiDB`, from the version string; `None` for an error packet.
    pub product: Option<String>,
    /// The numeric version (`8.0.36`, `10.11.6`).
    pub version: Option<String>,
    /// The version string as sent (`5.5.5-10.11.6-MariaDB-0+deb12u1`).
    pub server_version: Option<String>,
    /// The handshake protocol (10; 9 for servers older than MySQL 3.22).
    pub protocol: Option<u8>,
    /// Whether the server offers TLS (CLIENT_SSL); `None` if not shown.
    pub tls: Option<bool>,
    /// The default authentication plugin (`caching_sha2_password`, `mysql_native_password`).
    pub auth_plugin: Option<String>,
    /// An error packet instead of a handshake: code and message.
    pub error_code: Option<u16>,
    pub error: Option<String>,
}

/// The payload of the packet at the start of `buf` (3-byte little-endian length, sequence id).
/// `None` until it is complete, or if it is no plausible first packet (sequence not 0, empty or
/// huge).
pub fn first_packet(buf: &[u8]) -> Option<&[u8]> {
    let head = buf.get(..4)?;
    let len = usize::from(head[0]) | (usize::from(head[1]) << 8) | (usize::from(head[2]) << 16);
    if head[3] != 0 || len == 0 || len > MAX_PACKET {
        return None;
    }
    buf.get(4..4 + len)
}

/// Whether a read of the greeting can stop: a whole packet, or bytes that cannot become one.
pub fn greeting_done(buf: &[u8]) -> bool {
    match buf.get(..4) {
        None => false,
        Some(h) => {
            let len = usize::from(h[0]) | (usize::from(h[1]) << 8) | (usize::from(h[2]) << 16);
            h[3] != 0 || len == 0 || len > MAX_PACKET || buf.len() >= 4 + len
        }
    }
}

/// Reads a NUL-terminated string from the start of `bytes`: the string and what follows.
fn cstring(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let nul = bytes.iter().position(|&b| b == 0)?;
    Some((&bytes[..nul], &bytes[nul + 1..]))
}

/// Product and numeric version from a version string. MariaDB 10.x prefixes "5.5.5-" so that
/// old clients accept it; the real version follows.
pub fn product(server_version: &str) -> (String, Option<String>) {
    let lower = server_version.to_ascii_lowercase();
    let (name, rest) = if lower.contains("mariadb") {
        (
            "MariaDB",
            server_version
                .strip_prefix("5.5.5-")
                .unwrap_or(server_version),
        )
    } else if lower.contains("tidb") {
        // TiDB reports a MySQL-compatible version first, its own after "-TiDB-v".
        let own = lower
            .find("tidb-v")
            .map_or(server_version, |at| &server_version[at + 6..]);
        ("TiDB", own)
    } else {
        ("MySQL", server_version)
    };
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(rest.len());
    let version = rest[..end].trim_end_matches('.');
    let version = (version.contains('.') && version.starts_with(|c: char| c.is_ascii_digit()))
        .then(|| version.to_string());
    (name.to_string(), version)
}

/// Parses the server's first packet: a handshake (protocol 10 or 9) or an error packet.
pub fn parse(buf: &[u8]) -> Option<Facts> {
    let payload = first_packet(buf)?;
    match payload[0] {
        0xff => parse_error(&payload[1..]),
        10 | 9 => parse_handshake(payload),
        _ => None,
    }
}

fn parse_error(body: &[u8]) -> Option<Facts> {
    let code = u16::from_le_bytes([*body.first()?, *body.get(1)?]);
    let mut msg = &body[2..];
    // "#" and a five-character SQLSTATE come first in 4.1-style errors.
    if msg.first() == Some(&b'#') && msg.len() >= 6 {
        msg = &msg[6..];
    }
    if !(1000..5000).contains(&code) || msg.is_empty() {
        return None;
    }
    Some(Facts {
        product: None,
        version: None,
        server_version: None,
        protocol: None,
        tls: None,
        auth_plugin: None,
        error_code: Some(code),
        error: Some(printable(msg, 512)),
    })
}

fn parse_handshake(payload: &[u8]) -> Option<Facts> {
    let protocol = payload[0];
    let (raw_version, rest) = cstring(&payload[1..])?;
    if raw_version.is_empty()
        || raw_version.len() > 128
        || !raw_version.iter().all(|b| (b' '..=b'~').contains(b))
        || !raw_version[0].is_ascii_digit()
    {
        return None;
    }
    let server_version = String::from_utf8_lossy(raw_version).into_owned();
    let (product, version) = product(&server_version);
    let (mut tls, mut auth_plugin) = (None, None);
    if protocol == 10 {
        // connection id (4), auth data part 1 (8), filler (1), capabilities low (2).
        if let Some(low) = rest.get(13..15) {
            let mut caps = u32::from(u16::from_le_bytes([low[0], low[1]]));
            // charset (1), status (2), capabilities high (2), auth data length (1), reserved (10).
            if let Some(high) = rest.get(18..20) {
                caps |= u32::from(u16::from_le_bytes([high[0], high[1]])) << 16;
                let data_len = usize::from(*rest.get(20).unwrap_or(&0));
                let part2 = data_len.saturating_sub(8).max(13);
                if caps & CLIENT_PLUGIN_AUTH != 0
                    && let Some((name, _)) = rest.get(31 + part2..).and_then(cstring)
                    && !name.is_empty()
                    && name.iter().all(|b| b.is_ascii_graphic())
                {
                    auth_plugin = Some(String::from_utf8_lossy(name).into_owned());
                }
            }
            tls = Some(caps & CLIENT_SSL != 0);
        }
    }
    Some(Facts {
        product: Some(product),
        version,
        server_version: Some(server_version),
        protocol: Some(protocol),
        tls,
        auth_plugin,
        error_code: None,
        error: None,
    })
}

/// Reads the greeting of the MySQL-protocol server at `addr`; sends nothing.
pub async fn probe(addr: SocketAddr, p: &Probe) -> Option<Facts> {
    let mut conn = Conn::open(addr, p, "mysql").await.ok()?;
    conn.read_until(greeting_done, MAX_PACKET + 4).await.ok()?;
    parse(&conn.buf)
}

/// Builds a protocol-10 handshake packet (for fixtures).
pub fn handshake(version: &str, capabilities: u32, plugin: &str) -> Vec<u8> {
    let mut p = vec![10];
    p.extend_from_slice(version.as_bytes());
    p.push(0);
    p.extend_from_slice(&42u32.to_le_bytes()); // connection id
    p.extend_from_slice(b"abcdefgh"); // auth data part 1
    p.push(0);
    p.extend_from_slice(&(capabilities as u16).to_le_bytes());
    p.push(0x2d); // utf8mb4
    p.extend_from_slice(&2u16.to_le_bytes()); // status: autocommit
    p.extend_from_slice(&((capabilities >> 16) as u16).to_le_bytes());
    p.push(21); // auth data length: 8 + 13
    p.extend_from_slice(&[0; 10]);
    p.extend_from_slice(b"ijklmnopqrst\0");
    p.extend_from_slice(plugin.as_bytes());
    p.push(0);
    packet(&p)
}

/// Frames a payload as packet 0 (for fixtures).
pub fn packet(payload: &[u8]) -> Vec<u8> {
    let len = payload.len() as u32;
    let mut out = len.to_le_bytes()[..3].to_vec();
    out.push(0);
    out.extend_from_slice(payload);
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::{Step, probe_for, serve};
    use super::*;
    use std::time::Duration;

    #[test]
    fn mysql_8_handshake() {
        let f = parse(&handshake(
            "8.0.36",
            0xdfff_f7ff | CLIENT_SSL,
            "caching_sha2_password",
        ))
        .unwrap();
        assert_eq!(f.product.as_deref(), Some("MySQL"));
        assert_eq!(f.version.as_deref(), Some("8.0.36"));
        assert_eq!(f.tls, Some(true));
        assert_eq!(f.auth_plugin.as_deref(), Some("caching_sha2_password"));
        assert_eq!(f.protocol, Some(10));
    }

    #[test]
    fn mariadb_versions() {
        let f = parse(&handshake(
            "5.5.5-10.11.6-MariaDB-0+deb12u1",
            0x0008_0000,
            "mysql_native_password",
        ))
        .unwrap();
        assert_eq!(f.product.as_deref(), Some("MariaDB"));
        assert_eq!(f.version.as_deref(), Some("10.11.6"));
        assert_eq!(
            f.server_version.as_deref(),
            Some("5.5.5-10.11.6-MariaDB-0+deb12u1")
        );
        assert_eq!(f.tls, Some(false));
        assert_eq!(
            product("11.4.2-MariaDB-ubu2404"),
            ("MariaDB".into(), Some("11.4.2".into()))
        );
        assert_eq!(
            product("5.7.25-TiDB-v7.1.0"),
            ("TiDB".into(), Some("7.1.0".into()))
        );
        assert_eq!(
            product("8.0.36-0ubuntu0.22.04.1"),
            ("MySQL".into(), Some("8.0.36".into()))
        );
        assert_eq!(product("8"), ("MySQL".into(), None));
    }

    #[test]
    fn error_packets_still_prove_mysql() {
        let msg = b"Host '192.0.2.7' is not allowed to connect to this MySQL server";
        let mut payload = vec![0xff];
        payload.extend_from_slice(&1130u16.to_le_bytes());
        payload.extend_from_slice(msg);
        let f = parse(&packet(&payload)).unwrap();
        assert_eq!(f.error_code, Some(1130));
        assert!(f.error.unwrap().starts_with("Host '192.0.2.7'"));
        assert_eq!(f.product, None);
        let mut payload = vec![0xff];
        payload.extend_from_slice(&1040u16.to_le_bytes());
        payload.extend_from_slice(b"#08004Too many connections");
        assert_eq!(
            parse(&packet(&payload)).unwrap().error.as_deref(),
            Some("Too many connections")
        );
    }

    #[test]
    fn other_services_and_garbage_are_not_mysql() {
        assert!(parse(b"SSH-2.0-OpenSSH_9.2p1\r\n").is_none());
        assert!(parse(b"220 (vsFTPd 3.0.3)\r\n").is_none());
        assert!(parse(&packet(b"\x0aabc")).is_none()); // no NUL after the version
        assert!(parse(&packet(b"\x0a\x00")).is_none());
        assert!(parse(&packet(b"\xff\x01")).is_none());
        assert!(parse(&[1, 0, 0, 1, 10]).is_none()); // sequence 1
        let good = handshake("8.0.36", 0xffff_ffff, "caching_sha2_password");
        for cut in 0..good.len() {
            assert!(parse(&good[..cut]).is_none());
        }
        assert!(greeting_done(b"SSH-2.0-"));
        assert!(!greeting_done(&good[..10]));
    }

    #[tokio::test]
    async fn probe_reads_the_greeting_and_sends_nothing() {
        let greeting = handshake("8.0.36", 0x0008_0800, "caching_sha2_password");
        let (addr, server) = serve(vec![vec![
            Step::Write(greeting[..7].to_vec()),
            Step::Pause(20),
            Step::Write(greeting[7..].to_vec()),
        ]])
        .await;
        let p = probe_for(Duration::from_secs(3));
        let f = probe(addr, &p).await.unwrap();
        assert_eq!((f.version.as_deref(), f.tls), (Some("8.0.36"), Some(true)));
        assert!(server.await.unwrap()[0].is_empty());
        assert!(p.log.entries().is_empty());
    }

    /// Against a real MariaDB when one is installed (package mariadb-server): a data directory
    /// made here, the server on a free loopback port, its greeting read.
    #[tokio::test]
    async fn real_mariadb() {
        use super::super::testing::{Child, find_program, free_port, wait_for_listener};
        use std::process::{Command, Stdio};
        let (Some(server), Some(install)) = (
            find_program(&["/usr/sbin/mariadbd", "mariadbd"]),
            find_program(&["/usr/bin/mariadb-install-db", "mariadb-install-db"]),
        ) else {
            eprintln!("skipped: MariaDB is not installed (Debian package mariadb-server)");
            return;
        };
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let user = format!("--user={}", whoami());
        let made = Command::new(install)
            .args([
                "--no-defaults",
                "--skip-test-db",
                "--auth-root-authentication-method=normal",
            ])
            .arg(format!("--datadir={}", data.display()))
            .arg(&user)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        assert!(made, "mariadb-install-db");
        let port = free_port();
        let child = Command::new(server)
            .arg("--no-defaults")
            .arg(format!("--datadir={}", data.display()))
            .arg(format!("--socket={}", dir.path().join("sock").display()))
            .arg(format!("--port={port}"))
            .args([
                "--bind-address=127.0.0.1",
                "--skip-log-bin",
                "--innodb-buffer-pool-size=8M",
            ])
            .arg(&user)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("mariadbd starts");
        let _child = Child(child);
        let addr: SocketAddr = ([127, 0, 0, 1], port).into();
        assert!(
            wait_for_listener(addr, Duration::from_secs(30)).await,
            "mariadbd listens"
        );
        let p = probe_for(Duration::from_secs(5));
        let f = probe(addr, &p).await.expect("MariaDB greets");
        assert_eq!(f.product.as_deref(), Some("MariaDB"), "{f:?}");
        assert!(f.version.is_some(), "{f:?}");
        assert_eq!(f.protocol, Some(10));
    }

    fn whoami() -> String {
        std::process::Command::new("id")
            .arg("-un")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_else(|_| "root".to_string())
    }
}
