//! The exposure check's records: declared targets, scans (queued, claimed with a lease by one
//! server, finished with the report) and the rescan schedule.
//!
//! What may be declared (syntax, public addresses, range sizes) is the caller's check; the store
//! keeps the rules about state: one scan per organisation at a time, a daily budget, a range
//! counting only once an owner confirmed it, and only the claimant finishing a scan.

use hoshi_core::UserError;
use serde_json::json;

use crate::audit::{self, Change};
use crate::db::{ReadTx, WriteTx};
use crate::params;
use crate::{OrgScope, Result, StoreError, new_id};

/// A declared address, range or host name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub id: String,
    pub org_id: String,
    /// As declared, in canonical form (lowercase host name, `a.b.c.d`, `base/prefix`).
    pub target: String,
    /// `address`, `range` or `host`.
    pub kind: String,
    pub addresses: i64,
    pub declared_by: String,
    pub declared_by_name: String,
    pub declared_at: i64,
    pub confirmed_by_name: Option<String>,
    pub confirmed_at: Option<i64>,
    pub approved_by_name: Option<String>,
    pub approved_at: Option<i64>,
}

impl Target {
    /// Counts for scans: confirmed by an owner and, where the server asks for it
    /// (`needs_approval`), approved by an administrator of the instance.
    pub fn active(&self, needs_approval: bool) -> bool {
        self.confirmed_at.is_some() && (!needs_approval || self.approved_at.is_some())
    }
}

const TARGET_COLUMNS: &str = "t.id, t.org_id, t.target, t.kind, t.addresses, t.declared_by, d.display_name, t.declared_at, c.display_name, t.confirmed_at, a.display_name, t.approved_at";
const TARGET_FROM: &str = "scan_targets t JOIN users d ON d.id = t.declared_by
             LEFT JOIN users c ON c.id = t.confirmed_by LEFT JOIN users a ON a.id = t.approved_by";

fn target_row(r: &crate::db::Row) -> Result<Target> {
    Ok(Target {
        id: r.get(0)?,
        org_id: r.get(1)?,
        target: r.get(2)?,
        kind: r.get(3)?,
        addresses: r.get(4)?,
        declared_by: r.get(5)?,
        declared_by_name: r.get(6)?,
        declared_at: r.get(7)?,
        confirmed_by_name: r.get(8)?,
        confirmed_at: r.get(9)?,
        approved_by_name: r.get(10)?,
        approved_at: r.get(11)?,
    })
}

fn target_of(c: &ReadTx, org_id: &str, id: &str) -> Result<Target> {
    c.query_row(
        &format!("SELECT {TARGET_COLUMNS} FROM {TARGET_FROM} WHERE t.id = ?1 AND t.org_id = ?2"),
        params![id, org_id],
        target_row,
    )
}

/// The organisation's declared targets, in the order they were declared.
pub fn targets(c: &ReadTx, scope: &OrgScope) -> Result<Vec<Target>> {
    c.query_map(
        &format!(
            "SELECT {TARGET_COLUMNS} FROM {TARGET_FROM} WHERE t.org_id = ?1
             ORDER BY t.declared_at, t.target"
        ),
        [scope.org_id()],
        target_row,
    )
}

/// What a member declares.
pub struct NewTarget<'a> {
    pub target: &'a str,
    pub kind: &'a str,
    pub addresses: i64,
    /// Declared by an owner (who, for a range, ticked that the company runs it): confirmed at
    /// once. An editor's declaration waits for an owner.
    pub confirmed: bool,
}

/// Records a declaration (with its audit entry).
pub fn declare(tx: &WriteTx, now: i64, actor: &str, org_id: &str, t: NewTarget) -> Result<Target> {
    let id = new_id();
    let confirmed = t.confirmed;
    let n = tx.execute(
        "INSERT INTO scan_targets (id, org_id, target, kind, addresses, declared_by, declared_at, confirmed_by, confirmed_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (org_id, target) DO NOTHING",
        params![
            id,
            org_id,
            t.target,
            t.kind,
            t.addresses,
            actor,
            now,
            confirmed.then_some(actor),
            confirmed.then_some(now)
        ],
    )?;
    if n == 0 {
        return Err(StoreError::Rule(UserError::ScanTargetExists {
            target: t.target.to_string(),
        }));
    }
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "scan_target.declare",
            target: &format!("scan_target:{id}"),
            before: None,
            after: Some(
                json!({"target": t.target, "kind": t.kind, "addresses": t.addresses,
                "confirmed": confirmed}),
            ),
        },
    )?;
    target_of(tx, org_id, &id)
}

/// An owner confirms a waiting declaration. Confirming one confirmed already changes nothing.
pub fn confirm(tx: &WriteTx, now: i64, actor: &str, org_id: &str, id: &str) -> Result<()> {
    let t = target_of(tx, org_id, id)?;
    if t.confirmed_at.is_some() {
        return Ok(());
    }
    tx.execute(
        "UPDATE scan_targets SET confirmed_by = ?3, confirmed_at = ?4 WHERE id = ?1 AND org_id = ?2",
        params![id, org_id, actor, now],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "scan_target.confirm",
            target: &format!("scan_target:{id}"),
            before: None,
            after: Some(json!({"target": t.target})),
        },
    )?;
    Ok(())
}

/// Targets of every organisation confirmed by their owners and waiting for an administrator's
/// approval, oldest first, with the organisation's name (the administrator's list).
pub fn awaiting_approval(c: &ReadTx) -> Result<Vec<(Target, String)>> {
    c.query_map(
        &format!(
            "SELECT {TARGET_COLUMNS}, o.name FROM {TARGET_FROM} JOIN orgs o ON o.id = t.org_id
             WHERE t.confirmed_at IS NOT NULL AND t.approved_at IS NULL
             ORDER BY t.confirmed_at, t.id LIMIT 500"
        ),
        params![],
        |r| Ok((target_row(r)?, r.get(12)?)),
    )
}

/// An administrator approves a confirmed target for scanning (or, `approve = false`, refuses it:
/// the declaration is removed). The organisation's id comes from the stored row.
pub fn decide(tx: &WriteTx, now: i64, admin: &str, id: &str, approve: bool) -> Result<()> {
    let org: Option<String> = tx.query_opt(
        "SELECT org_id FROM scan_targets WHERE id = ?1 AND confirmed_at IS NOT NULL",
        [id],
        |r| r.get(0),
    )?;
    let org = org.ok_or(StoreError::NotFound)?;
    let t = target_of(tx, &org, id)?;
    if approve {
        tx.execute(
            "UPDATE scan_targets SET approved_by = ?2, approved_at = ?3 WHERE id = ?1 AND approved_at IS NULL",
            params![id, admin, now],
        )?;
    } else {
        tx.execute("DELETE FROM scan_targets WHERE id = ?1", [id])?;
    }
    audit::append(
        tx,
        now,
        Change {
            actor: Some(admin),
            org_id: Some(&org),
            action: if approve {
                "scan_target.approve"
            } else {
                "scan_target.refuse"
            },
            target: &format!("scan_target:{id}"),
            before: None,
            after: Some(json!({"target": t.target})),
        },
    )?;
    Ok(())
}

/// Removes a declaration; scans already run keep the targets they covered.
pub fn remove(tx: &WriteTx, now: i64, actor: &str, org_id: &str, id: &str) -> Result<()> {
    let t = target_of(tx, org_id, id)?;
    tx.execute(
        "DELETE FROM scan_targets WHERE id = ?1 AND org_id = ?2",
        params![id, org_id],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "scan_target.remove",
            target: &format!("scan_target:{id}"),
            before: Some(json!({"target": t.target, "kind": t.kind})),
            after: None,
        },
    )?;
    Ok(())
}

/// One scan. `report` is filled only by [`get`] (lists leave it out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scan {
    pub id: String,
    pub org_id: String,
    /// `None`: queued by the schedule.
    pub requested_by_name: Option<String>,
    pub requested_at: i64,
    pub ports: String,
    /// The targets as a JSON array of strings.
    pub targets: String,
    /// `queued`, `running`, `done` or `failed`.
    pub state: String,
    pub started_at: Option<i64>,
    pub finished_at: Option<i64>,
    pub sha256: Option<String>,
    pub worst: Option<String>,
    pub open_ports: Option<i64>,
    pub findings: Option<i64>,
    pub error: Option<String>,
    pub report: Option<String>,
}

impl Scan {
    pub fn target_list(&self) -> Vec<String> {
        serde_json::from_str(&self.targets).unwrap_or_default()
    }
}

const SCAN_COLUMNS: &str = "s.id, s.org_id, u.display_name, s.requested_at, s.ports, s.targets, s.state, s.started_at, s.finished_at, s.sha256, s.worst, s.open_ports, s.findings, s.error";

fn scan_row(r: &crate::db::Row) -> Result<Scan> {
    Ok(Scan {
        id: r.get(0)?,
        org_id: r.get(1)?,
        requested_by_name: r.get(2)?,
        requested_at: r.get(3)?,
        ports: r.get(4)?,
        targets: r.get(5)?,
        state: r.get(6)?,
        started_at: r.get(7)?,
        finished_at: r.get(8)?,
        sha256: r.get(9)?,
        worst: r.get(10)?,
        open_ports: r.get(11)?,
        findings: r.get(12)?,
        error: r.get(13)?,
        report: None,
    })
}

/// The organisation's scans, newest first.
pub fn scans(c: &ReadTx, scope: &OrgScope, limit: i64) -> Result<Vec<Scan>> {
    c.query_map(
        &format!(
            "SELECT {SCAN_COLUMNS} FROM scans s LEFT JOIN users u ON u.id = s.requested_by
             WHERE s.org_id = ?1 ORDER BY s.requested_at DESC, s.id LIMIT ?2"
        ),
        params![scope.org_id(), limit],
        scan_row,
    )
}

/// One scan of the organisation in scope, with its report; `NotFound` for anyone else's.
pub fn get(c: &ReadTx, scope: &OrgScope, id: &str) -> Result<Scan> {
    c.query_row(
        &format!(
            "SELECT {SCAN_COLUMNS}, s.report FROM scans s LEFT JOIN users u ON u.id = s.requested_by
             WHERE s.id = ?1 AND s.org_id = ?2"
        ),
        params![id, scope.org_id()],
        |r| {
            let mut s = scan_row(r)?;
            s.report = r.get(14)?;
            Ok(s)
        },
    )
}

/// The last scan that had finished when `scan` was asked for, with its report: what a scan is
/// compared with. (An organisation's scans never overlap: one is queued or running at a time.)
pub fn previous_done(c: &ReadTx, scope: &OrgScope, scan: &Scan) -> Result<Option<Scan>> {
    let id: Option<String> = c.query_opt(
        "SELECT id FROM scans WHERE org_id = ?1 AND state = 'done' AND id <> ?3
           AND finished_at <= ?2
         ORDER BY finished_at DESC, requested_at DESC, id DESC LIMIT 1",
        params![scope.org_id(), scan.requested_at, scan.id],
        |r| r.get(0),
    )?;
    id.map(|id| get(c, scope, &id)).transpose()
}

/// What a new scan covers.
pub struct NewScan<'a> {
    /// `None`: the schedule.
    pub requested_by: Option<&'a str>,
    pub ports: &'a str,
    pub targets: &'a [String],
    /// Scans of the organisation allowed since `day_start` (Unix seconds).
    pub daily_max: u32,
    pub day_start: i64,
}

/// Queues a scan. Refused while one of the organisation's is queued or running, or when the
/// day's budget is used up.
pub fn request(tx: &WriteTx, now: i64, org_id: &str, n: NewScan) -> Result<String> {
    if n.targets.is_empty() {
        return Err(StoreError::Rule(UserError::ScanNoTargets));
    }
    let busy: i64 = tx.query_row(
        "SELECT COUNT(*) FROM scans WHERE org_id = ?1 AND state IN ('queued', 'running')",
        [org_id],
        |r| r.get(0),
    )?;
    if busy > 0 {
        return Err(StoreError::Rule(UserError::ScanBusy));
    }
    let today: i64 = tx.query_row(
        "SELECT COUNT(*) FROM scans WHERE org_id = ?1 AND requested_at >= ?2",
        params![org_id, n.day_start],
        |r| r.get(0),
    )?;
    if today >= i64::from(n.daily_max) {
        return Err(StoreError::Rule(UserError::ScanDailyLimit {
            max: n.daily_max,
        }));
    }
    let id = new_id();
    let targets = serde_json::to_string(n.targets).unwrap_or_else(|_| "[]".into());
    tx.execute(
        "INSERT INTO scans (id, org_id, requested_by, requested_at, ports, targets, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'queued')",
        params![id, org_id, n.requested_by, now, n.ports, targets],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: n.requested_by,
            org_id: Some(org_id),
            action: "scan.request",
            target: &format!("scan:{id}"),
            before: None,
            after: Some(json!({"targets": n.targets, "ports": n.ports,
                "scheduled": n.requested_by.is_none()})),
        },
    )?;
    Ok(id)
}

/// A scan claimed for running: the oldest queued one, or one whose claimant's lease ran out.
pub fn claim(tx: &WriteTx, now: i64, claim: &str, lease_secs: i64) -> Result<Option<Scan>> {
    let due: Option<(String, String)> = tx.query_opt(
        "SELECT id, org_id FROM scans WHERE state = 'queued' OR (state = 'running' AND claim_until < ?1)
         ORDER BY requested_at, id LIMIT 1",
        [now],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let Some((id, org)) = due else {
        return Ok(None);
    };
    tx.execute(
        "UPDATE scans SET state = 'running', claim = ?2, claim_until = ?3, started_at = ?4
         WHERE id = ?1",
        params![id, claim, now + lease_secs, now],
    )?;
    get(tx, &OrgScope::operator(&org), &id).map(Some)
}

/// The audit entry of a scan that ended (`scan.finish` or `scan.fail`), under its organisation.
fn audit_end(
    tx: &WriteTx,
    now: i64,
    id: &str,
    action: &str,
    after: serde_json::Value,
) -> Result<()> {
    let org: String = tx.query_row("SELECT org_id FROM scans WHERE id = ?1", [id], |r| r.get(0))?;
    audit::append(
        tx,
        now,
        Change {
            actor: None,
            org_id: Some(&org),
            action,
            target: &format!("scan:{id}"),
            before: None,
            after: Some(after),
        },
    )?;
    Ok(())
}

/// What a finished scan found.
pub struct Finished<'a> {
    pub report: &'a str,
    pub sha256: &'a str,
    pub worst: Option<&'a str>,
    pub open_ports: i64,
    pub findings: i64,
}

/// Records the report of a scan still held by `claim`; false when the claim was lost (another
/// server took it over after the lease ran out) and nothing was written.
pub fn finish(tx: &WriteTx, now: i64, id: &str, claim: &str, f: Finished) -> Result<bool> {
    let n = tx.execute(
        "UPDATE scans SET state = 'done', finished_at = ?3, report = ?4, sha256 = ?5, worst = ?6,
                open_ports = ?7, findings = ?8, claim = NULL, claim_until = NULL
         WHERE id = ?1 AND claim = ?2 AND state = 'running'",
        params![
            id,
            claim,
            now,
            f.report,
            f.sha256,
            f.worst,
            f.open_ports,
            f.findings
        ],
    )?;
    if n == 1 {
        let after = json!({"sha256": f.sha256, "worst": f.worst,
            "open_ports": f.open_ports, "findings": f.findings});
        audit_end(tx, now, id, "scan.finish", after)?;
    }
    Ok(n == 1)
}

/// Records why a scan could not run (Japanese, a line break, English; written by the caller), with its
/// audit entry (a refused address stays on record).
pub fn fail(tx: &WriteTx, now: i64, id: &str, claim: &str, error: &str) -> Result<bool> {
    let n = tx.execute(
        "UPDATE scans SET state = 'failed', finished_at = ?3, error = ?4, claim = NULL, claim_until = NULL
         WHERE id = ?1 AND claim = ?2 AND state = 'running'",
        params![id, claim, now, error],
    )?;
    if n == 1 {
        audit_end(tx, now, id, "scan.fail", json!({"error": error}))?;
    }
    Ok(n == 1)
}

/// The rescan schedule of an organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub every_days: i64,
    pub ports: String,
    pub next_at: i64,
}

pub fn schedule(c: &ReadTx, scope: &OrgScope) -> Result<Option<Schedule>> {
    c.query_opt(
        "SELECT every_days, ports, next_at FROM scan_schedules WHERE org_id = ?1",
        [scope.org_id()],
        |r| {
            Ok(Schedule {
                every_days: r.get(0)?,
                ports: r.get(1)?,
                next_at: r.get(2)?,
            })
        },
    )
}

/// Sets (every_days > 0) or stops (0) the rescans; the first one is due `every_days` from now.
pub fn set_schedule(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    every_days: i64,
    ports: &str,
) -> Result<()> {
    if !(0..=90).contains(&every_days) {
        return Err(StoreError::Rule(UserError::ScanEveryBad));
    }
    if every_days == 0 {
        tx.execute("DELETE FROM scan_schedules WHERE org_id = ?1", [org_id])?;
    } else {
        tx.execute(
            "INSERT INTO scan_schedules (org_id, every_days, ports, next_at, set_by, set_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (org_id) DO UPDATE SET every_days = ?2, ports = ?3, next_at = ?4,
               set_by = ?5, set_at = ?6",
            params![
                org_id,
                every_days,
                ports,
                now + every_days * 86_400,
                actor,
                now
            ],
        )?;
    }
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "scan.schedule",
            target: &format!("org:{org_id}"),
            before: None,
            after: Some(json!({"every_days": every_days, "ports": ports})),
        },
    )?;
    Ok(())
}

/// Queues the rescans that are due (one per organisation; its next time moves forward in the
/// same transaction, so two servers never queue the same one). An organisation with nothing
/// to scan is skipped until its next time; one with a scan waiting or no scans left today is
/// tried again an hour later. Returns the queued
/// scans' (organisation, scan) ids.
pub fn queue_due(
    tx: &WriteTx,
    now: i64,
    needs_approval: bool,
    daily_max: u32,
    day_start: i64,
) -> Result<Vec<(String, String)>> {
    let due: Vec<(String, i64, String)> = tx.query_map(
        "SELECT org_id, every_days, ports FROM scan_schedules WHERE next_at <= ?1 ORDER BY next_at LIMIT 100",
        [now],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let mut queued = Vec::new();
    for (org, every, ports) in due {
        tx.execute(
            "UPDATE scan_schedules SET next_at = ?2 WHERE org_id = ?1",
            params![org, now + every * 86_400],
        )?;
        let targets: Vec<String> = targets(tx, &OrgScope::operator(&org))?
            .into_iter()
            .filter(|t| t.active(needs_approval))
            .map(|t| t.target)
            .collect();
        let n = NewScan {
            requested_by: None,
            ports: &ports,
            targets: &targets,
            daily_max,
            day_start,
        };
        match request(tx, now, &org, n) {
            Ok(id) => queued.push((org, id)),
            // Another scan is waiting or the day's budget is spent: try again in an hour
            // rather than skip a whole interval.
            Err(StoreError::Rule(UserError::ScanBusy | UserError::ScanDailyLimit { .. })) => {
                tx.execute(
                    "UPDATE scan_schedules SET next_at = ?2 WHERE org_id = ?1",
                    params![org, now + 3600],
                )?;
            }
            Err(StoreError::Rule(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(queued)
}

/// A finished scan as a buyer or expert sees it beside an evidence file with its report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanStamp {
    pub finished_at: i64,
    pub targets: Vec<String>,
}

/// Every finished scan's report by its SHA-256: an evidence file with one of these hashes is
/// hoshi's own scan result (when and what it covered), not a document the organisation made.
pub fn report_hashes(
    c: &ReadTx,
    scope: &OrgScope,
) -> Result<std::collections::BTreeMap<String, ScanStamp>> {
    let rows: Vec<(String, i64, String)> = c.query_map(
        "SELECT sha256, finished_at, targets FROM scans
         WHERE org_id = ?1 AND state = 'done' AND sha256 IS NOT NULL",
        [scope.org_id()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok(rows
        .into_iter()
        .map(|(sha, finished_at, targets)| {
            let targets = serde_json::from_str(&targets).unwrap_or_default();
            (
                sha,
                ScanStamp {
                    finished_at,
                    targets,
                },
            )
        })
        .collect())
}

/// Addresses of the organisation's owners, for alerts about its exposure.
pub fn owner_emails(c: &ReadTx, org_id: &str) -> Result<Vec<String>> {
    c.query_map(
        "SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.org_id = ?1 AND m.role = 'owner' ORDER BY u.email",
        [org_id],
        |r| r.get(0),
    )
}
