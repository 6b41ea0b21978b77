//! memcached's text protocol: one `version` command. An answer means anyone can read and write
//! the cache (the text protocol has no authentication). No key is read or stored.

use std::net::SocketAddr;

use super::exchange;
use crate::Probe;

/// The request.
pub const VERSION: &[u8] = b"version\r\n";

/// What a memcached server showed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Facts {
    /// The version it reported (`1.6.18`).
    pub version: String,
}

/// Parses the answer `VERSION 1.6.18`.
pub fn parse(buf: &[u8]) -> Option<Facts> {
    let nl = buf.iter().position(|&b| b == b'\n')?;
    let line = buf[..nl].strip_suffix(b"\r").unwrap_or(&buf[..nl]);
    let version = line.strip_prefix(b"VERSION ")?;
    if version.is_empty()
        || version.len() > 64
        || !version[0].is_ascii_digit()
        || !version.iter().all(|b| b.is_ascii_graphic())
    {
        return None;
    }
    Some(Facts {
        version: String::from_utf8_lossy(version).into_owned(),
    })
}

/// Asks the memcached server at `addr` for its version.
pub async fn probe(addr: SocketAddr, p: &Probe) -> Option<Facts> {
    let enough = |b: &[u8]| b.contains(&b'\n');
    let answer = exchange(addr, p, "memcached", Some(VERSION), enough, 1024)
        .await
        .ok()?;
    parse(&answer)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{
        Child, Step, find_program, free_port, probe_for, serve, wait_for_listener,
    };
    use super::*;
    use std::time::Duration;

    #[test]
    fn answers() {
        assert_eq!(parse(b"VERSION 1.6.18\r\n").unwrap().version, "1.6.18");
        assert!(parse(b"VERSION \r\n").is_none());
        assert!(parse(b"ERROR\r\n").is_none());
        assert!(parse(b"VERSION 1.6").is_none());
        assert!(parse(b"VERSION x\x00\r\n").is_none());
    }

    #[tokio::test]
    async fn probe_asks_version_only() {
        let (addr, server) = serve(vec![vec![
            Step::Read(VERSION.len()),
            Step::Write(b"VERSION 1.6.21\r\n".to_vec()),
        ]])
        .await;
        let p = probe_for(Duration::from_secs(3));
        assert_eq!(probe(addr, &p).await.unwrap().version, "1.6.21");
        assert_eq!(server.await.unwrap()[0], VERSION);
    }

    /// Against a real memcached when one is installed (package memcached).
    #[tokio::test]
    async fn real_memcached() {
        let Some(memcached) = find_program(&["/usr/bin/memcached", "memcached"]) else {
            eprintln!("skipped: memcached is not installed (Debian package memcached)");
            return;
        };
        let port = free_port();
        let child = std::process::Command::new(memcached)
            .args([
                "-l",
                "127.0.0.1",
                "-p",
                &port.to_string(),
                "-U",
                "0",
                "-m",
                "8",
                "-u",
                "nobody",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("memcached starts");
        let _child = Child(child);
        let addr: SocketAddr = ([127, 0, 0, 1], port).into();
        assert!(
            wait_for_listener(addr, Duration::from_secs(10)).await,
            "memcached listens"
        );
        let p = probe_for(Duration::from_secs(5));
        let f = probe(addr, &p).await.expect("memcached answers");
        assert!(f.version.starts_with("1."), "{f:?}");
    }
}
