//! Test helpers: a scripted TCP responder on loopback that plays a server's side of a protocol
//! with real bytes, and records everything the probe sent to it.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use crate::{Log, Probe};

/// One step of a responder's script.
pub enum Step {
    /// Send these bytes.
    Write(Vec<u8>),
    /// Wait until this many more bytes arrived (or the client closed).
    Read(usize),
    /// Wait until what arrived in this step contains the pattern (or the client closed).
    ReadUntil(Vec<u8>),
    /// Wait this many milliseconds.
    Pause(u64),
    /// Close the connection now, without waiting for the client.
    Close,
}

/// A probe configuration for tests: the given timeout, a fresh log.
pub fn probe_for(timeout: Duration) -> Probe {
    Probe {
        timeout,
        host: None,
        log: Log::default(),
    }
}

/// Serves one script per connection, in order, on a loopback port. After a script ends, the
/// responder keeps reading until the client closes (at most a few seconds), so the bytes of every
/// connection are complete when the handle resolves.
pub async fn serve(scripts: Vec<Vec<Step>>) -> (SocketAddr, JoinHandle<Vec<Vec<u8>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let handle = tokio::spawn(async move {
        let mut received = Vec::new();
        for script in scripts {
            let Ok(Ok((stream, _))) =
                tokio::time::timeout(Duration::from_secs(10), listener.accept()).await
            else {
                break;
            };
            received.push(play(stream, script).await);
        }
        received
    });
    (addr, handle)
}

async fn play(mut stream: TcpStream, script: Vec<Step>) -> Vec<u8> {
    let mut got = Vec::new();
    for step in script {
        match step {
            Step::Write(bytes) => {
                if stream.write_all(&bytes).await.is_err() {
                    return got;
                }
            }
            Step::Read(n) => {
                let want = got.len() + n;
                while got.len() < want {
                    if !read_some(&mut stream, &mut got).await {
                        return got;
                    }
                }
            }
            Step::ReadUntil(pattern) => {
                let from = got.len();
                while !got[from..].windows(pattern.len()).any(|w| w == pattern) {
                    if !read_some(&mut stream, &mut got).await {
                        return got;
                    }
                }
            }
            Step::Pause(ms) => tokio::time::sleep(Duration::from_millis(ms)).await,
            Step::Close => return got,
        }
    }
    while read_some(&mut stream, &mut got).await {}
    got
}

/// Reads once into `got`; false on close, error or a long silence.
async fn read_some(stream: &mut TcpStream, got: &mut Vec<u8>) -> bool {
    let mut chunk = [0u8; 4096];
    match tokio::time::timeout(Duration::from_secs(5), stream.read(&mut chunk)).await {
        Ok(Ok(n)) if n > 0 => {
            got.extend_from_slice(&chunk[..n]);
            true
        }
        _ => false,
    }
}

/// Looks for a server program: on the PATH or at one of the usual absolute places.
pub fn find_program(names: &[&str]) -> Option<std::path::PathBuf> {
    for name in names {
        let path = std::path::Path::new(name);
        if path.is_absolute() {
            if path.is_file() {
                return Some(path.to_path_buf());
            }
            continue;
        }
        if let Some(dirs) = std::env::var_os("PATH") {
            for dir in std::env::split_paths(&dirs) {
                let candidate = dir.join(name);
                if candidate.is_file() {
                    return Some(candidate);
                }
            }
        }
    }
    None
}

/// A free loopback TCP port (bound and released; good enough for a test server).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// A child process that is killed when the test ends, however it ends.
pub struct Child(pub std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Waits until something listens on `addr` (a real server starting up), at most `wait`.
pub async fn wait_for_listener(addr: SocketAddr, wait: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + wait;
    while tokio::time::Instant::now() < deadline {
        if TcpStream::connect(addr).await.is_ok() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}
