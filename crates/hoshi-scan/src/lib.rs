//! hoshi's exposure check (`hoshi scan`): what a company exposes to the internet, seen the way
//! an attacker's scanner sees it, without harming anything.
//!
//! 1. [`target`] turns what the user named (host names, addresses, CIDR ranges) into addresses.
//! 2. [`sweep`] finds open, closed and filtered TCP ports with plain `connect()` (no root), with a
//!    congestion window and retransmission timeouts measured from the answers, like TCP's own.
//! 3. [`identify`] asks every open port what it is: a banner if the server speaks first, then TLS
//!    ([`tls`], certificate facts from [`x509`]), HTTP ([`http`]) and the binary handshakes of
//!    [`proto`] (SSH, RDP, SMB, databases, VNC, Telnet, mail and file transfer).
//! 4. [`fingerprint`] names products and versions from data (`data/fingerprints.toml`), and
//!    [`vulns`] the CVEs of a version: from the index `hoshi vulns db import` wrote, handed in
//!    by the caller, or the bundled table (`data/appliance-vulns.toml`: CISA KEV and NVD).
//! 5. [`judge`] turns what was seen into [`findings`] tied to SCS criteria, with advice.
//! 6. [`report`] writes text, JSON (documented in `docs/scan.md`) and HTML.
//!
//! Non-intrusive by design: no exploit payload, no login attempt, no password guessing; every
//! byte a probe sends is recorded in the [`Log`].

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub mod findings;
pub mod fingerprint;
pub mod html;
pub mod http;
pub mod identify;
pub mod judge;
pub mod ports;
pub mod proto;
pub mod report;
pub mod scan;
pub mod sweep;
pub mod target;
pub mod tls;
pub mod view;
pub mod vulns;
pub mod x509;

/// Seconds since the Unix epoch (one clock for report times and certificate checks).
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
}

/// Everything the scan sent, in order: `(address, probe, bytes sent)`. Reported with the scan so
/// the owner of a target can see exactly what reached it.
#[derive(Clone, Default)]
pub struct Log {
    inner: Arc<Mutex<Vec<Sent>>>,
}

/// One message a probe sent.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Sent {
    pub address: SocketAddr,
    /// The probe's name (`ssh`, `tls`, `http`, `rdp`…).
    pub probe: String,
    pub bytes: usize,
    /// The first bytes, printable ASCII kept and everything else as `\xNN`.
    pub preview: String,
}

impl Log {
    /// Records that `probe` sent `bytes` to `address`.
    pub fn sent(&self, address: SocketAddr, probe: &str, bytes: &[u8]) {
        let preview = bytes
            .iter()
            .take(64)
            .map(|b| match b {
                b' '..=b'~' if *b != b'\\' => char::from(*b).to_string(),
                _ => format!("\\x{b:02x}"),
            })
            .collect();
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(Sent {
                address,
                probe: probe.to_string(),
                bytes: bytes.len(),
                preview,
            });
    }

    /// Everything recorded so far.
    pub fn entries(&self) -> Vec<Sent> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}

/// What every probe is given: how long to wait for an answer, and where to record what it sends.
#[derive(Clone)]
pub struct Probe {
    /// The longest wait for one answer (connect, a banner, a reply).
    pub timeout: Duration,
    /// The host name the user gave, for TLS SNI and HTTP `Host:` (the address otherwise).
    pub host: Option<String>,
    pub log: Log,
}
