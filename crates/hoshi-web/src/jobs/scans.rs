//! Running scans inside `hoshi serve` (the exposure check, `crate::exposure`): queued scans are claimed with a lease (one server runs
//! each, another takes over a scan whose server died), run with this server's scan policy,
//! stored with the report's SHA-256, compared with the organisation's previous scan, and a new
//! critical finding is mailed to its owners. Rescans are queued from the schedules.
//!
//! Appliance firmware is judged against the server's imported vulnerability index when it has
//! one (`config.vulns`, the same data as the asset register's checks), else against the
//! bundled appliance table.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use hoshi_core::Lang;
use hoshi_scan::findings::Severity;
use hoshi_scan::fingerprint::Db;
use hoshi_scan::ports::Ports;
use hoshi_scan::scan::{Options, Permit};
use hoshi_scan::view::{Located, ReportView, diff};
use hoshi_scan::vulns::{Imported, Knowledge, Table};
use hoshi_store::OrgScope;
use hoshi_store::exposure::{self, Finished, Scan};
use hoshi_store::mail::{self, NewMail};
use sha2::{Digest, Sha256};

use crate::exposure::{alert_text, day_start_jst};
use crate::{Shared, now};

/// How long a claimed scan is the claimant's; longer than any scan runs ([`MAX_RUN`]).
const LEASE_SECS: i64 = 3600;
/// A scan still running after this is stopped and recorded as failed.
const MAX_RUN: Duration = Duration::from_secs(50 * 60);

fn knowledge() -> &'static (Db, Table) {
    static K: OnceLock<(Db, Table)> = OnceLock::new();
    K.get_or_init(|| (Db::bundled(), Table::bundled()))
}

/// The vulnerability knowledge of one scan: the server's imported index when it has one (asked
/// once here, off the async threads, so that a first use loads it there), else the bundled
/// table. An index that cannot be read is logged and the table used; the report names the
/// data either way.
async fn vulnerability_knowledge(state: &Shared) -> Box<dyn Knowledge> {
    let source = state.config.vulns.clone();
    let today = hoshi_core::time::date_jst(now());
    let t = today.clone();
    let s = source.clone();
    let probe = tokio::task::spawn_blocking(move || s.check(&[], &t)).await;
    match probe {
        Ok(Ok(Some(c))) => Box::new(Imported::with_checker(
            move |components| {
                source
                    .check(components, &today)
                    .map(|o| o.map(|c| c.findings))
            },
            c.snapshot_en,
            c.snapshot_ja,
        )),
        Ok(Ok(None)) => Box::new(knowledge().1.clone()),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "vulnerability index unreadable; scans use the bundled appliance table");
            Box::new(knowledge().1.clone())
        }
        Err(e) => {
            tracing::warn!(error = %e, "vulnerability index check ended abnormally; scans use the bundled appliance table");
            Box::new(knowledge().1.clone())
        }
    }
}

/// Starts the worker: scans when woken (a scan was queued here) or every half minute (queued
/// by another server), rescans when their schedule is due.
pub fn spawn(state: Shared) {
    tokio::spawn(async move {
        let tick = state.config.scan.tick;
        let mut last_schedule: Option<tokio::time::Instant> = None;
        loop {
            if last_schedule.is_none_or(|t| t.elapsed() >= tick) {
                last_schedule = Some(tokio::time::Instant::now());
                queue_scheduled(&state).await;
            }
            while run_one(&state).await {}
            tokio::select! {
                _ = state.scan_wake.notified() => {},
                _ = tokio::time::sleep(tick.min(Duration::from_secs(30))) => {},
            }
        }
    });
}

/// Queues the rescans that are due.
pub async fn queue_scheduled(state: &Shared) -> usize {
    let (max, approval) = (state.config.scan.daily_max, state.config.scan.approval);
    match state
        .db(move |s| {
            s.write(|tx| {
                let n = now();
                exposure::queue_due(tx, n, approval, max, day_start_jst(n))
            })
        })
        .await
    {
        Ok(q) => q.len(),
        Err(e) => {
            tracing::warn!(error = ?e, "scan schedules unreadable");
            0
        }
    }
}

/// Claims and runs one queued scan; false when none was waiting.
pub async fn run_one(state: &Shared) -> bool {
    let claim = hoshi_store::new_id();
    let c2 = claim.clone();
    let scan = match state
        .db(move |s| s.write(|tx| exposure::claim(tx, now(), &c2, LEASE_SECS)))
        .await
    {
        Ok(Some(scan)) => scan,
        Ok(None) => return false,
        Err(e) => {
            tracing::warn!(error = ?e, "scan queue unreadable");
            return false;
        }
    };
    tracing::info!(scan = %scan.id, org = %scan.org_id, ports = %scan.ports, "scan started");
    // Each scan in its own task: a panic in it becomes a failed scan, not a dead worker.
    let (st, sc) = (state.clone(), scan.clone());
    let outcome = match tokio::spawn(async move { execute(&st, &sc).await }).await {
        Ok(o) => o,
        Err(e) => {
            tracing::error!(scan = %scan.id, error = %e, "scan task ended abnormally");
            Err("検査中に内部エラーが発生しました。\nthe scan stopped on an internal error".into())
        }
    };
    let id = scan.id.clone();
    let stored = match outcome {
        Ok((json, worst, open, findings)) => {
            let sha = hex(&Sha256::digest(json.as_bytes()));
            let (c, i) = (claim.clone(), id.clone());
            let w = worst.map(|w| w.code().to_string());
            state
                .db(move |s| {
                    s.write(|tx| {
                        exposure::finish(
                            tx,
                            now(),
                            &i,
                            &c,
                            Finished {
                                report: &json,
                                sha256: &sha,
                                worst: w.as_deref(),
                                open_ports: open,
                                findings,
                            },
                        )
                    })
                })
                .await
        }
        Err(message) => {
            tracing::info!(scan = %id, %message, "scan failed");
            let (c, i) = (claim.clone(), id.clone());
            state
                .db(move |s| s.write(|tx| exposure::fail(tx, now(), &i, &c, &message)))
                .await
        }
    };
    match stored {
        Ok(true) => {
            tracing::info!(scan = %id, "scan finished");
            alert_new_critical(state, &scan).await;
        }
        Ok(false) => tracing::warn!(scan = %id, "scan taken over by another server"),
        Err(e) => tracing::warn!(scan = %id, error = ?e, "scan result not stored"),
    }
    true
}

type Outcome = (String, Option<Severity>, i64, i64);

/// Runs the scan with this server's policy; the error is the reason in Japanese, a line break,
/// then English (`exposure::page` shows the reader's line).
async fn execute(state: &Shared, scan: &Scan) -> Result<Outcome, String> {
    let both = |f: &dyn Fn(Lang) -> String| format!("{}\n{}", f(Lang::Ja), f(Lang::En));
    let ports = Ports::parse(&scan.ports).map_err(|e| both(&|l| e.message(l)))?;
    let policy = Arc::new(state.config.scan.clone());
    let p2 = policy.clone();
    let mut opts = Options {
        targets: scan.target_list(),
        ports,
        ports_label: scan.ports.clone(),
        max_addresses: policy.max_addresses,
        lang: Lang::Ja,
        permit: Some(Permit(Arc::new(move |a| p2.permits(a)))),
        ..Options::default()
    };
    opts.sweep.rate = policy.rate;
    // A server has other work: fewer sockets at once than the command line's default.
    opts.sweep.max_parallel = 512;
    let db = &knowledge().0;
    let vulns = vulnerability_knowledge(state).await;
    let report = match tokio::time::timeout(
        MAX_RUN,
        hoshi_scan::scan::run(&opts, db, vulns.as_ref()),
    )
    .await
    {
        Ok(Ok(r)) => r,
        // A refused address is not named: on a server it could reveal what a name resolves
        // to inside the server's own network.
        Ok(Err(hoshi_scan::target::TargetError::NotPermitted { spec, .. })) => {
            return Err(format!(
                "「{spec}」が指すアドレスは、このサーバーからはスキャンできません（インターネット上のアドレスではないか、管理者が許可していません）。何も送信していません。\n\
                 the address `{spec}` points to may not be scanned from this server (not an internet address, or not allowed by the administrator); nothing was sent"
            ));
        }
        Ok(Err(e)) => return Err(both(&|l| e.message(l))),
        Err(_) => {
            return Err(
                "50 分以内に終わらなかったため中止しました。対象かポートを減らしてください。\nstopped after 50 minutes: scan fewer targets or ports"
                    .into(),
            );
        }
    };
    let json = serde_json::to_string(&report).map_err(|e| e.to_string())?;
    let findings: usize = report.summary.findings.values().sum();
    Ok((
        json,
        report.summary.worst,
        report.summary.open as i64,
        findings as i64,
    ))
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Mails the organisation's owners when the scan found a critical exposure its previous scan
/// did not have (the first scan: any critical one).
async fn alert_new_critical(state: &Shared, scan: &Scan) {
    if state.config.mail.is_none() {
        return;
    }
    let (org, id) = (scan.org_id.clone(), scan.id.clone());
    let base = state.config.public_url.trim_end_matches('/').to_string();
    let queued = state
        .db(move |s| {
            let scope = OrgScope::operator(&org);
            let (scan, prev, org_name, owners) = s.read(|c| {
                let scan = exposure::get(c, &scope, &id)?;
                let prev = exposure::previous_done(c, &scope, &scan)?;
                let name = hoshi_store::orgs::name(c, &org)?;
                Ok((scan, prev, name, exposure::owner_emails(c, &org)?))
            })?;
            let Some(new) = scan
                .report
                .as_deref()
                .and_then(|r| ReportView::parse(r).ok())
            else {
                return Ok(0);
            };
            let old = prev
                .as_ref()
                .and_then(|p| p.report.as_deref())
                .and_then(|r| ReportView::parse(r).ok());
            let fresh: Vec<Located> = match &old {
                Some(old) => diff(old, &new).new,
                None => new.findings(),
            };
            let critical: Vec<&Located> = fresh
                .iter()
                .filter(|l| l.finding.severity == Severity::Critical)
                .collect();
            if critical.is_empty() {
                return Ok(0);
            }
            let link = format!("{base}/o/{org}/exposure/scans/{id}");
            let (subject, body) = alert_text(&org_name, &critical, &link);
            s.write(|tx| {
                let mut n = 0;
                for r in &owners {
                    if hoshi_mail::check_address(r).is_ok() {
                        mail::enqueue(
                            tx,
                            now(),
                            NewMail {
                                org_id: Some(&org),
                                kind: "scan_alert",
                                ref_id: &id,
                                recipient: r,
                                subject: &subject,
                                body: &body,
                            },
                        )?;
                        n += 1;
                    }
                }
                Ok(n)
            })
        })
        .await;
    match queued {
        Ok(n) if n > 0 => state.mail_wake.notify_one(),
        Ok(_) => {}
        Err(e) => tracing::warn!(error = ?e, "scan alert not queued"),
    }
}
