//! PostgreSQL: the 8-byte SSLRequest (protocol 3, "Message Formats") is answered with one byte,
//! `S` (TLS offered) or `N` (no TLS), or by an ancient or odd server with an ErrorResponse. Any
//! of the three proves a PostgreSQL server (or a pooler speaking its protocol). The probe sends
//! nothing else: no StartupMessage, so no user name, no database, no login. The server's
//! version is not visible before authentication, so none is reported.

use std::net::SocketAddr;

use super::{exchange, printable};
use crate::Probe;

/// SSLRequest: length 8, then the request code 80877103 (1234 in the high half, 5679 low).
pub const SSL_REQUEST: [u8; 8] = [0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f];

/// What a PostgreSQL server showed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Facts {
    /// Whether it offers TLS; `None` when it answered with an error.
    pub tls: Option<bool>,
    /// An ErrorResponse instead of S/N.
    pub error: Option<PgError>,
}

/// The fields of an ErrorResponse that identify it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PgError {
    /// `FATAL`, `ERROR`.
    pub severity: Option<String>,
    /// The SQLSTATE (`0A000`).
    pub code: Option<String>,
    pub message: Option<String>,
}

/// Whether a read of the answer can stop.
pub fn answer_done(buf: &[u8]) -> bool {
    match buf.first() {
        None => false,
        Some(b'E') => match buf.get(1..5) {
            Some(l) => buf.len() > u32::from_be_bytes([l[0], l[1], l[2], l[3]]) as usize,
            None => false,
        },
        Some(_) => true,
    }
}

/// Parses the answer to an SSLRequest. `S`/`N` must be the whole answer: a server that adds
/// bytes is not following the protocol.
pub fn parse(buf: &[u8]) -> Option<Facts> {
    match buf {
        b"S" => Some(Facts {
            tls: Some(true),
            error: None,
        }),
        b"N" => Some(Facts {
            tls: Some(false),
            error: None,
        }),
        [b'E', ..] => parse_error(buf).map(|e| Facts {
            tls: None,
            error: Some(e),
        }),
        _ => None,
    }
}

/// Parses an ErrorResponse: `E`, a length, then fields (a type byte and a C string each) ended
/// by a zero byte.
pub fn parse_error(buf: &[u8]) -> Option<PgError> {
    let len = u32::from_be_bytes(buf.get(1..5)?.try_into().ok()?) as usize;
    if !(5..=8192).contains(&len) {
        return None;
    }
    let mut body = buf.get(5..1 + len)?;
    let mut err = PgError {
        severity: None,
        code: None,
        message: None,
    };
    loop {
        let (&kind, rest) = body.split_first()?;
        if kind == 0 {
            break;
        }
        let nul = rest.iter().position(|&b| b == 0)?;
        let value = Some(printable(&rest[..nul], 512));
        match kind {
            b'S' => err.severity = value,
            b'C' => err.code = value,
            b'M' => err.message = value,
            _ => {}
        }
        body = &rest[nul + 1..];
    }
    (err.severity.is_some() || err.code.is_some() || err.message.is_some()).then_some(err)
}

/// Sends an SSLRequest to `addr` and reads the answer.
pub async fn probe(addr: SocketAddr, p: &Probe) -> Option<Facts> {
    let answer = exchange(addr, p, "postgres", Some(&SSL_REQUEST), answer_done, 8192)
        .await
        .ok()?;
    parse(&answer)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{Step, probe_for, serve};
    use super::*;
    use std::time::Duration;

    fn error_response(fields: &[(u8, &str)]) -> Vec<u8> {
        let mut body = Vec::new();
        for (kind, value) in fields {
            body.push(*kind);
            body.extend_from_slice(value.as_bytes());
            body.push(0);
        }
        body.push(0);
        let mut out = vec![b'E'];
        out.extend_from_slice(&(body.len() as u32 + 4).to_be_bytes());
        out.extend_from_slice(&body);
        out
    }

    #[test]
    fn ssl_request_is_the_documented_code() {
        assert_eq!(
            u32::from_be_bytes(SSL_REQUEST[4..].try_into().unwrap()),
            80_877_103
        );
    }

    #[test]
    fn answers() {
        assert_eq!(parse(b"S").unwrap().tls, Some(true));
        assert_eq!(parse(b"N").unwrap().tls, Some(false));
        let e = error_response(&[
            (b'S', "FATAL"),
            (b'C', "0A000"),
            (b'M', "unsupported frontend protocol 1234.5679"),
        ]);
        assert!(answer_done(&e));
        assert!(!answer_done(&e[..e.len() - 1]));
        let f = parse(&e).unwrap();
        assert_eq!(f.tls, None);
        let err = f.error.unwrap();
        assert_eq!(err.code.as_deref(), Some("0A000"));
        assert_eq!(err.severity.as_deref(), Some("FATAL"));
        assert!(parse(b"SSH-2.0-x\r\n").is_none());
        assert!(parse(b"NO").is_none());
        assert!(parse(b"").is_none());
        assert!(parse(b"E\xff\xff\xff\xff").is_none());
        assert!(parse(&error_response(&[])).is_none());
        for cut in 0..e.len() {
            assert!(parse(&e[..cut]).is_none());
        }
    }

    #[tokio::test]
    async fn probe_sends_only_the_ssl_request() {
        let (addr, server) = serve(vec![
            vec![Step::Read(8), Step::Write(b"S".to_vec())],
            vec![Step::Read(8), Step::Write(b"N".to_vec())],
        ])
        .await;
        let p = probe_for(Duration::from_secs(3));
        assert_eq!(probe(addr, &p).await.unwrap().tls, Some(true));
        assert_eq!(probe(addr, &p).await.unwrap().tls, Some(false));
        let got = server.await.unwrap();
        assert_eq!(got, [SSL_REQUEST.to_vec(), SSL_REQUEST.to_vec()]);
        assert_eq!(p.log.entries().len(), 2);
    }

    /// Against a real PostgreSQL: the throw-away server of `scripts/with-postgres` when its
    /// address is given (TLS on there), else a cluster made here if `initdb` is installed.
    #[tokio::test]
    async fn real_postgres() {
        let p = probe_for(Duration::from_secs(5));
        if let Some(addr) = real::from_env() {
            let f = probe(addr, &p).await.expect("PostgreSQL answers");
            assert_eq!(f.tls, Some(true), "with-postgres runs with ssl=on");
            return;
        }
        let Some(cluster) = real::Cluster::start().await else {
            return;
        };
        let f = probe(cluster.addr, &p).await.expect("PostgreSQL answers");
        assert_eq!(f.tls, Some(false), "the test cluster runs without TLS");
    }

    mod real {
        use super::super::super::testing::{free_port, wait_for_listener};
        use std::net::SocketAddr;
        use std::path::PathBuf;
        use std::process::{Command, Stdio};
        use std::time::Duration;

        /// The address in HOSHI_TEST_DATABASE_URL (`postgres://user@127.0.0.1:port/db`).
        pub fn from_env() -> Option<SocketAddr> {
            let url = std::env::var("HOSHI_TEST_DATABASE_URL").ok()?;
            let rest = url.split_once("://")?.1;
            let host_port = rest.split('/').next()?.rsplit('@').next()?;
            host_port.parse().ok()
        }

        /// A throw-away cluster in a temporary directory, stopped and deleted on drop.
        pub struct Cluster {
            pub addr: SocketAddr,
            bin: PathBuf,
            dir: tempfile::TempDir,
        }

        fn pg_bin() -> Option<PathBuf> {
            let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
                .ok()?
                .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
                .filter(|d| d.join("initdb").is_file())
                .collect();
            dirs.sort();
            dirs.pop()
        }

        /// Runs a PostgreSQL tool, as the postgres user when we are root (initdb refuses root).
        fn run(bin: &std::path::Path, tool: &str, args: &[&str]) -> bool {
            let tool = bin.join(tool);
            let mut cmd = if is_root() {
                let mut c = Command::new("runuser");
                c.args(["-u", "postgres", "--"]).arg(tool);
                c
            } else {
                Command::new(tool)
            };
            cmd.args(args)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        }

        fn is_root() -> bool {
            Command::new("id")
                .arg("-u")
                .output()
                .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
        }

        impl Cluster {
            pub async fn start() -> Option<Cluster> {
                let Some(bin) = pg_bin() else {
                    eprintln!("skipped: PostgreSQL is not installed (Debian package postgresql)");
                    return None;
                };
                let dir = tempfile::tempdir().ok()?;
                let path = dir.path().to_str()?.to_string();
                if is_root() {
                    let owned = Command::new("chown")
                        .args(["postgres", &path])
                        .status()
                        .is_ok_and(|s| s.success());
                    assert!(owned, "chown of the cluster directory to postgres");
                }
                let data = format!("{path}/data");
                assert!(
                    run(
                        &bin,
                        "initdb",
                        &[
                            "-D",
                            &data,
                            "-A",
                            "trust",
                            "-U",
                            "hoshi",
                            "--no-instructions"
                        ]
                    ),
                    "initdb"
                );
                let port = free_port();
                let opts = format!("-p {port} -k {path} -c listen_addresses=127.0.0.1 -c ssl=off");
                let log = format!("{path}/log");
                assert!(
                    run(
                        &bin,
                        "pg_ctl",
                        &["-D", &data, "-l", &log, "-w", "-o", &opts, "start"]
                    ),
                    "pg_ctl start"
                );
                let addr: SocketAddr = ([127, 0, 0, 1], port).into();
                let cluster = Cluster { addr, bin, dir };
                assert!(wait_for_listener(addr, Duration::from_secs(10)).await);
                Some(cluster)
            }
        }

        impl Drop for Cluster {
            fn drop(&mut self) {
                let data = self.dir.path().join("data");
                if let Some(data) = data.to_str() {
                    run(
                        &self.bin,
                        "pg_ctl",
                        &["-D", data, "-m", "immediate", "stop"],
                    );
                }
            }
        }
    }
}
