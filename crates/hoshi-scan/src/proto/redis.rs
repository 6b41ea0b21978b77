//! Redis (and servers speaking its RESP protocol: Valkey, KeyDB…): one inline `PING`. `+PONG`
//! means anyone can run commands without a password; `-NOAUTH` (or another error) means a
//! password is required; `-DENIED` is Redis's protected mode refusing remote clients. No
//! command that reads or changes data is sent.

use std::net::SocketAddr;

use super::{exchange, printable};
use crate::Probe;

/// The request: an inline command (no RESP framing needed).
pub const PING: &[u8] = b"PING\r\n";

/// What a Redis-protocol server showed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Facts {
    /// `+PONG`: commands run without authentication.
    pub open: bool,
    /// An error reply that asks for a password (`-NOAUTH`, `-NOPERM`, or `-ERR` mentioning
    /// authentication or a password, or Redis before 2.8's "operation not permitted").
    pub auth_required: bool,
    /// `-DENIED`: protected mode refuses clients that are not on loopback.
    pub protected_mode: bool,
    /// The reply line as sent (at most 200 characters).
    pub reply: String,
}

/// Parses the first reply line to PING. Only replies that RESP servers give count: `+PONG` and
/// `-` errors with an upper-case error word. `+OK …` (a POP3 greeting) and the like are not Redis.
pub fn parse(buf: &[u8]) -> Option<Facts> {
    let nl = buf.iter().position(|&b| b == b'\n')?;
    let line = buf[..nl].strip_suffix(b"\r").unwrap_or(&buf[..nl]);
    let reply = printable(line, 200);
    if line == b"+PONG" {
        return Some(Facts {
            open: true,
            auth_required: false,
            protected_mode: false,
            reply,
        });
    }
    let err = line.strip_prefix(b"-")?;
    let word_len = err.iter().position(|&b| b == b' ').unwrap_or(err.len());
    let word = &err[..word_len];
    if word.is_empty() || !word.iter().all(u8::is_ascii_uppercase) {
        return None;
    }
    let lower = reply.to_ascii_lowercase();
    let asks_password = matches!(word, b"NOAUTH" | b"NOPERM" | b"WRONGPASS")
        || (word == b"ERR"
            && ["auth", "password", "not permitted"]
                .iter()
                .any(|w| lower.contains(w)));
    if word == b"ERR" && !asks_password {
        // POP3 answers "-ERR Unknown command" too; without a greeting first it could be
        // anything, so only Redis's own wording counts.
        if !lower.contains("unknown command") || !lower.contains('\'') {
            return None;
        }
    }
    Some(Facts {
        open: false,
        auth_required: asks_password,
        protected_mode: word == b"DENIED",
        reply,
    })
}

/// Sends PING to `addr` and reads the first reply line.
pub async fn probe(addr: SocketAddr, p: &Probe) -> Option<Facts> {
    let enough = |b: &[u8]| b.contains(&b'\n');
    let answer = exchange(addr, p, "redis", Some(PING), enough, 4096)
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
    fn replies() {
        let f = parse(b"+PONG\r\n").unwrap();
        assert!(f.open && !f.auth_required);
        let f = parse(b"-NOAUTH Authentication required.\r\n").unwrap();
        assert!(!f.open && f.auth_required);
        let f = parse(b"-ERR operation not permitted\r\n").unwrap();
        assert!(f.auth_required);
        assert!(parse(b"-ERR something else\r\n").is_none());
        let f = parse(b"-ERR Client sent AUTH, but no password is set\r\n").unwrap();
        assert!(f.auth_required);
        let f = parse(
            b"-DENIED Redis is running in protected mode because protected mode is enabled\r\n",
        )
        .unwrap();
        assert!(f.protected_mode && !f.open);
        let f = parse(b"-ERR unknown command 'PING', with args beginning with: \r\n").unwrap();
        assert!(!f.open && !f.auth_required);
        assert!(parse(b"+OK POP3 server ready\r\n").is_none());
        assert!(parse(b"-ERR Unknown command\r\n").is_none());
        assert!(parse(b"HTTP/1.1 400 Bad Request\r\n").is_none());
        assert!(parse(b"+PONG").is_none());
        assert!(parse(b"-\r\n").is_none());
    }

    #[tokio::test]
    async fn probe_sends_ping_only() {
        let (addr, server) = serve(vec![vec![
            Step::Read(6),
            Step::Write(b"+PONG\r\n".to_vec()),
        ]])
        .await;
        let p = probe_for(Duration::from_secs(3));
        assert!(probe(addr, &p).await.unwrap().open);
        assert_eq!(server.await.unwrap()[0], PING);
    }

    /// Against a real redis-server when one is installed (package redis-server): once open,
    /// once with a password.
    #[tokio::test]
    async fn real_redis() {
        let Some(redis) = find_program(&["/usr/bin/redis-server", "redis-server"]) else {
            eprintln!("skipped: redis-server is not installed (Debian package redis-server)");
            return;
        };
        let dir = tempfile::tempdir().unwrap();
        let p = probe_for(Duration::from_secs(5));
        for password in [None, Some("test-only-secret")] {
            let port = free_port();
            let mut cmd = std::process::Command::new(&redis);
            cmd.args([
                "--port",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
            ])
            .args(["--appendonly", "no", "--daemonize", "no"])
            .arg("--dir")
            .arg(dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
            if let Some(pw) = password {
                cmd.args(["--requirepass", pw]);
            }
            let _child = Child(cmd.spawn().expect("redis-server starts"));
            let addr: SocketAddr = ([127, 0, 0, 1], port).into();
            assert!(
                wait_for_listener(addr, Duration::from_secs(10)).await,
                "redis listens"
            );
            let f = probe(addr, &p).await.expect("redis answers");
            assert_eq!(f.open, password.is_none(), "{f:?}");
            assert_eq!(f.auth_required, password.is_some(), "{f:?}");
        }
    }
}
