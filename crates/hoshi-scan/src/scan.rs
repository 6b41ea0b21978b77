//! One whole scan: resolve the targets, sweep the ports, identify every open port, judge what
//! was found, and put it all in a [`Report`].

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use hoshi_core::Lang;
use tokio::sync::Semaphore;

use crate::fingerprint::Db;
use crate::identify::{Identified, identify};
use crate::ports::Ports;
use crate::report::{Host, Port, Report, Request, Snapshot};
use crate::sweep::{self, State};
use crate::target::{Target, TargetError};
use crate::vulns::Knowledge;
use crate::{Log, Probe, now};

/// What the user asked for.
#[derive(Debug, Clone)]
pub struct Options {
    pub targets: Vec<String>,
    pub ports: Ports,
    /// How the ports were asked for (`top`, `all`, the list), for the report.
    pub ports_label: String,
    pub sweep: sweep::Config,
    /// The longest wait for one answer while identifying.
    pub probe_timeout: Duration,
    /// Ports identified at once.
    pub identify_parallel: usize,
    /// List closed ports one by one (otherwise only counted).
    pub show_closed: bool,
    /// Addresses one scan may cover.
    pub max_addresses: usize,
    pub lang: Lang,
    /// Which addresses may be scanned, checked after names are resolved and ranges expanded
    /// (none: every address the user named). The web application allows only public addresses
    /// and those its administrator names.
    pub permit: Option<Permit>,
}

/// A rule saying which addresses a scan may touch.
#[derive(Clone)]
pub struct Permit(pub Arc<dyn Fn(std::net::IpAddr) -> bool + Send + Sync>);

impl std::fmt::Debug for Permit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Permit(..)")
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            targets: Vec::new(),
            ports: Ports::top(),
            ports_label: "top".into(),
            sweep: sweep::Config::default(),
            probe_timeout: Duration::from_secs(3),
            identify_parallel: 64,
            show_closed: false,
            max_addresses: 4096,
            lang: Lang::Ja,
            permit: None,
        }
    }
}

/// Runs a scan of what the user named, judging firmware versions with `vulns` (the bundled
/// [`crate::vulns::Table`] or an [`crate::vulns::Imported`] index).
pub async fn run(opts: &Options, db: &Db, vulns: &dyn Knowledge) -> Result<Report, TargetError> {
    let started = now();
    let targets = crate::target::expand(&opts.targets, opts.max_addresses).await?;
    if let Some(Permit(allowed)) = &opts.permit
        && let Some(t) = targets.iter().find(|t| !allowed(t.address))
    {
        return Err(TargetError::NotPermitted {
            spec: t.host.clone().unwrap_or_else(|| t.address.to_string()),
            address: t.address,
        });
    }
    let addresses: Vec<_> = targets.iter().map(|t| t.address).collect();
    let swept = sweep::sweep(&addresses, &opts.ports, &opts.sweep).await;
    let log = Log::default();
    let open: Vec<(Target, u16)> = swept
        .ports
        .iter()
        .filter(|p| p.state == State::Open)
        .filter_map(|p| {
            let t = targets.iter().find(|t| t.address == p.address)?;
            Some((t.clone(), p.port))
        })
        .collect();
    // Identify every open port (the network), then judge what was seen (the knowledge).
    let found: Vec<(SocketAddr, Port)> = identify_all(&open, opts, db, &log)
        .await
        .into_iter()
        .map(|(addr, id)| {
            let findings = crate::judge::judge(addr.port(), &id, vulns, opts.lang);
            (addr, id.into_port(addr.port(), findings))
        })
        .collect();
    let mut hosts = Vec::new();
    for t in &targets {
        let mine = swept.ports.iter().filter(|p| p.address == t.address);
        let mut host = Host {
            address: t.address,
            host_name: t.host.clone(),
            ports: Vec::new(),
            closed: 0,
            filtered: 0,
        };
        for p in mine {
            match p.state {
                State::Closed => host.closed += 1,
                State::Filtered => host.filtered += 1,
                State::Open => {}
            }
            let listed = p.state == State::Open || (opts.show_closed && p.state == State::Closed);
            if !listed {
                continue;
            }
            let addr = SocketAddr::new(p.address, p.port);
            host.ports
                .push(match found.iter().find(|(a, _)| *a == addr) {
                    Some((_, port)) => port.clone(),
                    None => bare(p.port, p.state),
                });
        }
        hosts.push(host);
    }
    let mut report = Report {
        format: 1,
        hoshi_version: env!("CARGO_PKG_VERSION").to_string(),
        started_at: hoshi_core::time::rfc3339(started),
        finished_at: hoshi_core::time::rfc3339(now()),
        data: Snapshot {
            fingerprints: format!("hoshi fingerprints format {} of {}", db.format, db.updated),
            vulnerabilities: vulns.snapshot(),
            vulnerabilities_ja: vulns.snapshot_ja(),
            vulnerability_source: vulns.source(),
        },
        request: Request {
            targets: opts.targets.clone(),
            ports: opts.ports_label.clone(),
            port_count: opts.ports.len(),
        },
        hosts,
        summary: Default::default(),
        stats: swept.stats,
        sent: log.entries(),
    };
    report.summarise();
    Ok(report)
}

fn bare(port: u16, state: State) -> Port {
    Port {
        port,
        state,
        service: None,
        vendor: None,
        product: None,
        version: None,
        build: None,
        tls: None,
        evidence: Vec::new(),
        facts: serde_json::Value::Null,
        findings: Vec::new(),
    }
}

/// Identifies the open ports, a bounded number at a time.
async fn identify_all(
    open: &[(Target, u16)],
    opts: &Options,
    db: &Db,
    log: &Log,
) -> Vec<(SocketAddr, Identified)> {
    let limit = Arc::new(Semaphore::new(opts.identify_parallel.max(1)));
    let db = Arc::new(db.clone());
    let mut set = tokio::task::JoinSet::new();
    for (t, port) in open {
        let addr = SocketAddr::new(t.address, *port);
        let probe = Probe {
            timeout: opts.probe_timeout,
            host: t.host.clone(),
            log: log.clone(),
        };
        let (limit, db) = (limit.clone(), db.clone());
        set.spawn(async move {
            let _permit = limit.acquire_owned().await;
            let id: Identified = identify(addr, &probe, &db).await;
            (addr, id)
        });
    }
    let mut out = Vec::new();
    while let Some(r) = set.join_next().await {
        if let Ok(x) = r {
            out.push(x);
        }
    }
    out
}
