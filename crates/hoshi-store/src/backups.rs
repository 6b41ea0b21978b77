//! Backup repositories registered for verification (issue 14): the targets with their policy and
//! sealed credentials, the restore procedure kept with each target (SCS 4-3-4-3), and the
//! verification runs — queued by a member or the schedule, claimed by one server with a lease,
//! finished only by the claimant.
//!
//! The store never sees a password: `secret` and `offsite_secret` arrive sealed by the web
//! layer and leave only through [`secrets`], which the verification worker calls. Lists and
//! pages read targets without them.

use hoshi_core::UserError;
use serde_json::json;

use crate::audit::{self, Change};
use crate::db::{ReadTx, Row, WriteTx};
use crate::params;
use crate::{OrgScope, Result, StoreError, new_id};

/// A target as pages show it (no secrets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub id: String,
    pub org_id: String,
    pub name: String,
    pub location: String,
    pub offsite_location: String,
    pub host: String,
    /// Paths the policy requires, one per line as entered.
    pub paths: Vec<String>,
    pub max_age_days: i64,
    pub restore_sample: i64,
    /// `check --read-data-subset` as a percentage; 0: structure only.
    pub read_data_percent: i64,
    /// Verification every this many days; 0: only when asked.
    pub every_days: i64,
    pub next_at: Option<i64>,
    pub responsible: String,
    pub password_kept: String,
    pub steps: String,
    pub procedure_by_name: Option<String>,
    pub procedure_at: Option<i64>,
    pub rev: i64,
    pub updated_by_name: String,
    pub updated_at: i64,
}

const COLUMNS: &str = "t.id, t.org_id, t.name, t.location, t.offsite_location, t.host, t.paths,
    t.max_age_days, t.restore_sample, t.read_data_percent, t.every_days, t.next_at, t.responsible,
    t.password_kept, t.steps, p.display_name, t.procedure_at, t.rev, u.display_name, t.updated_at";
const FROM: &str = "backup_targets t JOIN users u ON u.id = t.updated_by
    LEFT JOIN users p ON p.id = t.procedure_by";

fn target_row(r: &Row) -> Result<Target> {
    let paths: String = r.get(6)?;
    Ok(Target {
        id: r.get(0)?,
        org_id: r.get(1)?,
        name: r.get(2)?,
        location: r.get(3)?,
        offsite_location: r.get(4)?,
        host: r.get(5)?,
        paths: paths
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect(),
        max_age_days: r.get(7)?,
        restore_sample: r.get(8)?,
        read_data_percent: r.get(9)?,
        every_days: r.get(10)?,
        next_at: r.get(11)?,
        responsible: r.get(12)?,
        password_kept: r.get(13)?,
        steps: r.get(14)?,
        procedure_by_name: r.get(15)?,
        procedure_at: r.get(16)?,
        rev: r.get(17)?,
        updated_by_name: r.get(18)?,
        updated_at: r.get(19)?,
    })
}

/// The organisation's targets by name.
pub fn targets(c: &ReadTx, scope: &OrgScope) -> Result<Vec<Target>> {
    c.query_map(
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE t.org_id = ?1 ORDER BY t.name, t.id"),
        [scope.org_id()],
        target_row,
    )
}

/// One target of the organisation in scope; `NotFound` for anyone else's.
pub fn get(c: &ReadTx, scope: &OrgScope, id: &str) -> Result<Target> {
    c.query_row(
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE t.id = ?1 AND t.org_id = ?2"),
        params![id, scope.org_id()],
        target_row,
    )
}

/// The sealed credentials of a target: (main repository, off-site repository or `""`). Only
/// the verification worker reads them.
pub fn secrets(c: &ReadTx, scope: &OrgScope, id: &str) -> Result<(String, String)> {
    c.query_row(
        "SELECT secret, offsite_secret FROM backup_targets WHERE id = ?1 AND org_id = ?2",
        params![id, scope.org_id()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// What a form sets. Secrets are sealed already; `None` keeps the stored one.
pub struct TargetInput<'a> {
    pub name: &'a str,
    pub location: &'a str,
    pub secret: Option<&'a str>,
    pub offsite_location: &'a str,
    pub offsite_secret: Option<&'a str>,
    pub host: &'a str,
    pub paths: &'a [String],
    pub max_age_days: i64,
    pub restore_sample: i64,
    pub read_data_percent: i64,
    pub every_days: i64,
}

/// The audit view of a target's settings (never a secret; whether one was replaced).
fn settings(t: &TargetInput) -> serde_json::Value {
    json!({
        "name": t.name, "location": t.location, "offsite_location": t.offsite_location,
        "host": t.host, "paths": t.paths, "max_age_days": t.max_age_days,
        "restore_sample": t.restore_sample, "read_data_percent": t.read_data_percent,
        "every_days": t.every_days,
        "password_replaced": t.secret.is_some(),
        "offsite_password_replaced": t.offsite_secret.is_some(),
    })
}

fn name_taken(tx: &WriteTx, org_id: &str, name: &str, except: &str) -> Result<()> {
    let other: Option<String> = tx.query_opt(
        "SELECT id FROM backup_targets WHERE org_id = ?1 AND name = ?2 AND id <> ?3",
        params![org_id, name, except],
        |r| r.get(0),
    )?;
    if other.is_some() {
        return Err(StoreError::Rule(UserError::BackupNameTaken {
            name: name.to_string(),
        }));
    }
    Ok(())
}

fn next_at(now: i64, every_days: i64) -> Option<i64> {
    (every_days > 0).then_some(now + every_days * 86_400)
}

/// Registers a target; a new one needs its password.
pub fn create(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    t: &TargetInput,
) -> Result<Target> {
    let Some(secret) = t.secret else {
        return Err(StoreError::Rule(UserError::BackupPasswordMissing));
    };
    name_taken(tx, org_id, t.name, "")?;
    let id = new_id();
    tx.execute(
        "INSERT INTO backup_targets (id, org_id, name, location, secret, offsite_location,
            offsite_secret, host, paths, max_age_days, restore_sample, read_data_percent,
            every_days, next_at, rev, created_by, created_at, updated_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 1, ?15, ?16, ?15, ?16)",
        params![
            id,
            org_id,
            t.name,
            t.location,
            secret,
            t.offsite_location,
            t.offsite_secret.unwrap_or(""),
            t.host,
            t.paths.join("\n"),
            t.max_age_days,
            t.restore_sample,
            t.read_data_percent,
            t.every_days,
            next_at(now, t.every_days),
            actor,
            now
        ],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "backup.create",
            target: &format!("backup:{id}"),
            before: None,
            after: Some(settings(t)),
        },
    )?;
    get(tx, &OrgScope::checked(org_id), &id)
}

/// Changes a target's settings, only over the revision the member saw.
pub fn update(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    id: &str,
    rev: i64,
    t: &TargetInput,
) -> Result<Target> {
    let scope = OrgScope::checked(org_id);
    let before = get(tx, &scope, id)?;
    if before.rev != rev {
        return Err(StoreError::Rule(UserError::BackupChanged));
    }
    name_taken(tx, org_id, t.name, id)?;
    tx.execute(
        "UPDATE backup_targets SET name = ?3, location = ?4, offsite_location = ?5, host = ?6,
            paths = ?7, max_age_days = ?8, restore_sample = ?9, read_data_percent = ?10,
            every_days = ?11, next_at = ?12, rev = rev + 1, updated_by = ?13, updated_at = ?14
         WHERE id = ?1 AND org_id = ?2",
        params![
            id,
            org_id,
            t.name,
            t.location,
            t.offsite_location,
            t.host,
            t.paths.join("\n"),
            t.max_age_days,
            t.restore_sample,
            t.read_data_percent,
            t.every_days,
            if t.every_days == before.every_days {
                before.next_at.or(next_at(now, t.every_days))
            } else {
                next_at(now, t.every_days)
            },
            actor,
            now
        ],
    )?;
    if let Some(s) = t.secret {
        tx.execute(
            "UPDATE backup_targets SET secret = ?2 WHERE id = ?1",
            params![id, s],
        )?;
    }
    if let Some(s) = t.offsite_secret {
        tx.execute(
            "UPDATE backup_targets SET offsite_secret = ?2 WHERE id = ?1",
            params![id, s],
        )?;
    }
    if t.offsite_location.is_empty() {
        tx.execute(
            "UPDATE backup_targets SET offsite_secret = '' WHERE id = ?1",
            [id],
        )?;
    }
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "backup.update",
            target: &format!("backup:{id}"),
            before: Some(json!({"name": before.name, "location": before.location,
                "offsite_location": before.offsite_location, "host": before.host,
                "paths": before.paths, "max_age_days": before.max_age_days,
                "restore_sample": before.restore_sample, "every_days": before.every_days})),
            after: Some(settings(t)),
        },
    )?;
    get(tx, &scope, id)
}

/// The restore procedure's fields (SCS 4-3-4-3).
pub struct Procedure<'a> {
    pub responsible: &'a str,
    pub password_kept: &'a str,
    pub steps: &'a str,
}

/// Saves the restore procedure over the revision the member saw.
pub fn save_procedure(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    id: &str,
    rev: i64,
    p: &Procedure,
) -> Result<Target> {
    let scope = OrgScope::checked(org_id);
    let before = get(tx, &scope, id)?;
    if before.rev != rev {
        return Err(StoreError::Rule(UserError::BackupChanged));
    }
    tx.execute(
        "UPDATE backup_targets SET responsible = ?3, password_kept = ?4, steps = ?5,
            procedure_by = ?6, procedure_at = ?7, rev = rev + 1
         WHERE id = ?1 AND org_id = ?2",
        params![
            id,
            org_id,
            p.responsible,
            p.password_kept,
            p.steps,
            actor,
            now
        ],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "backup.procedure",
            target: &format!("backup:{id}"),
            before: Some(json!({"responsible": before.responsible,
                "password_kept": before.password_kept, "steps": before.steps})),
            after: Some(json!({"responsible": p.responsible,
                "password_kept": p.password_kept, "steps": p.steps})),
        },
    )?;
    get(tx, &scope, id)
}

/// Removes a target with its runs.
pub fn delete(tx: &WriteTx, now: i64, actor: &str, org_id: &str, id: &str) -> Result<()> {
    let before = get(tx, &OrgScope::checked(org_id), id)?;
    tx.execute("DELETE FROM backup_runs WHERE target_id = ?1", [id])?;
    tx.execute(
        "DELETE FROM backup_targets WHERE id = ?1 AND org_id = ?2",
        params![id, org_id],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "backup.delete",
            target: &format!("backup:{id}"),
            before: Some(json!({"name": before.name, "location": before.location})),
            after: None,
        },
    )?;
    Ok(())
}

/// One verification. `result` is filled only by [`run`] (lists leave it out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub id: String,
    pub org_id: String,
    pub target_id: String,
    /// `None`: queued by the schedule.
    pub requested_by_name: Option<String>,
    pub requested_at: i64,
    /// `queued`, `running`, `done` or `failed`.
    pub state: String,
    pub started_at: Option<i64>,
    pub finished_at: Option<i64>,
    pub passed: Option<bool>,
    pub sha256: Option<String>,
    /// Why it could not run: Japanese, a line break, English.
    pub error: Option<String>,
    pub alerted_at: Option<i64>,
    pub result: Option<String>,
}

const RUN_COLUMNS: &str = "r.id, r.org_id, r.target_id, u.display_name, r.requested_at, r.state,
    r.started_at, r.finished_at, r.passed, r.sha256, r.error, r.alerted_at";

fn run_row(r: &Row) -> Result<Run> {
    let passed: Option<i64> = r.get(8)?;
    Ok(Run {
        id: r.get(0)?,
        org_id: r.get(1)?,
        target_id: r.get(2)?,
        requested_by_name: r.get(3)?,
        requested_at: r.get(4)?,
        state: r.get(5)?,
        started_at: r.get(6)?,
        finished_at: r.get(7)?,
        passed: passed.map(|p| p != 0),
        sha256: r.get(9)?,
        error: r.get(10)?,
        alerted_at: r.get(11)?,
        result: None,
    })
}

/// A target's runs, newest first.
pub fn runs(c: &ReadTx, scope: &OrgScope, target_id: &str, limit: i64) -> Result<Vec<Run>> {
    c.query_map(
        &format!(
            "SELECT {RUN_COLUMNS} FROM backup_runs r LEFT JOIN users u ON u.id = r.requested_by
             WHERE r.org_id = ?1 AND r.target_id = ?2 ORDER BY r.requested_at DESC, r.id LIMIT ?3"
        ),
        params![scope.org_id(), target_id, limit],
        run_row,
    )
}

/// The newest run of each of the organisation's targets.
pub fn latest_runs(c: &ReadTx, scope: &OrgScope) -> Result<Vec<Run>> {
    c.query_map(
        &format!(
            "SELECT {RUN_COLUMNS} FROM backup_runs r LEFT JOIN users u ON u.id = r.requested_by
             WHERE r.org_id = ?1 AND r.requested_at = (SELECT MAX(requested_at) FROM backup_runs
                 x WHERE x.target_id = r.target_id)
             ORDER BY r.requested_at DESC, r.id"
        ),
        [scope.org_id()],
        run_row,
    )
}

/// The newest finished run of a target whose restore test passed, with its result: the figures
/// the restore procedure shows.
pub fn last_passed(c: &ReadTx, scope: &OrgScope, target_id: &str) -> Result<Option<Run>> {
    let id: Option<String> = c.query_opt(
        "SELECT id FROM backup_runs WHERE org_id = ?1 AND target_id = ?2 AND state = 'done'
           AND passed = 1 ORDER BY finished_at DESC, id DESC LIMIT 1",
        params![scope.org_id(), target_id],
        |r| r.get(0),
    )?;
    id.map(|id| run(c, scope, &id)).transpose()
}

/// One run of the organisation in scope, with its result; `NotFound` for anyone else's.
pub fn run(c: &ReadTx, scope: &OrgScope, id: &str) -> Result<Run> {
    c.query_row(
        &format!(
            "SELECT {RUN_COLUMNS}, r.result FROM backup_runs r
             LEFT JOIN users u ON u.id = r.requested_by WHERE r.id = ?1 AND r.org_id = ?2"
        ),
        params![id, scope.org_id()],
        |r| {
            let mut run = run_row(r)?;
            run.result = r.get(12)?;
            Ok(run)
        },
    )
}

/// Queues a verification of a target; refused while one is queued or running.
pub fn request(
    tx: &WriteTx,
    now: i64,
    org_id: &str,
    target_id: &str,
    requested_by: Option<&str>,
) -> Result<String> {
    get(tx, &OrgScope::checked(org_id), target_id)?;
    let busy: i64 = tx.query_row(
        "SELECT COUNT(*) FROM backup_runs WHERE target_id = ?1 AND state IN ('queued', 'running')",
        [target_id],
        |r| r.get(0),
    )?;
    if busy > 0 {
        return Err(StoreError::Rule(UserError::BackupBusy));
    }
    let id = new_id();
    tx.execute(
        "INSERT INTO backup_runs (id, org_id, target_id, requested_by, requested_at, state)
         VALUES (?1, ?2, ?3, ?4, ?5, 'queued')",
        params![id, org_id, target_id, requested_by, now],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: requested_by,
            org_id: Some(org_id),
            action: "backup.request",
            target: &format!("backup-run:{id}"),
            before: None,
            after: Some(json!({"target": target_id, "scheduled": requested_by.is_none()})),
        },
    )?;
    Ok(id)
}

/// A run claimed for running: the oldest queued one, or one whose claimant's lease ran out.
pub fn claim(tx: &WriteTx, now: i64, claim: &str, lease_secs: i64) -> Result<Option<Run>> {
    let due: Option<(String, String)> = tx.query_opt(
        "SELECT id, org_id FROM backup_runs
         WHERE state = 'queued' OR (state = 'running' AND claim_until < ?1)
         ORDER BY requested_at, id LIMIT 1",
        [now],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let Some((id, org)) = due else {
        return Ok(None);
    };
    tx.execute(
        "UPDATE backup_runs SET state = 'running', claim = ?2, claim_until = ?3, started_at = ?4
         WHERE id = ?1",
        params![id, claim, now + lease_secs, now],
    )?;
    run(tx, &OrgScope::operator(&org), &id).map(Some)
}

fn audit_end(
    tx: &WriteTx,
    now: i64,
    id: &str,
    action: &str,
    after: serde_json::Value,
) -> Result<()> {
    let org: String = tx.query_row("SELECT org_id FROM backup_runs WHERE id = ?1", [id], |r| {
        r.get(0)
    })?;
    audit::append(
        tx,
        now,
        Change {
            actor: None,
            org_id: Some(&org),
            action,
            target: &format!("backup-run:{id}"),
            before: None,
            after: Some(after),
        },
    )?;
    Ok(())
}

/// Records the result of a run still held by `claim`; false when the claim was lost.
pub fn finish(
    tx: &WriteTx,
    now: i64,
    id: &str,
    claim: &str,
    passed: bool,
    result: &str,
    sha256: &str,
) -> Result<bool> {
    let n = tx.execute(
        "UPDATE backup_runs SET state = 'done', finished_at = ?3, passed = ?4, result = ?5,
            sha256 = ?6, claim = NULL, claim_until = NULL
         WHERE id = ?1 AND claim = ?2 AND state = 'running'",
        params![id, claim, now, i64::from(passed), result, sha256],
    )?;
    if n == 1 {
        audit_end(
            tx,
            now,
            id,
            "backup.finish",
            json!({"passed": passed, "sha256": sha256}),
        )?;
    }
    Ok(n == 1)
}

/// Records why a run could not verify the repository (no result at all).
pub fn fail(tx: &WriteTx, now: i64, id: &str, claim: &str, error: &str) -> Result<bool> {
    let n = tx.execute(
        "UPDATE backup_runs SET state = 'failed', finished_at = ?3, passed = 0, error = ?4,
            claim = NULL, claim_until = NULL
         WHERE id = ?1 AND claim = ?2 AND state = 'running'",
        params![id, claim, now, error],
    )?;
    if n == 1 {
        audit_end(tx, now, id, "backup.fail", json!({"error": error}))?;
    }
    Ok(n == 1)
}

/// Marks a run's alert as queued; false when it had been already (another server).
pub fn mark_alerted(tx: &WriteTx, now: i64, id: &str) -> Result<bool> {
    Ok(tx.execute(
        "UPDATE backup_runs SET alerted_at = ?2 WHERE id = ?1 AND alerted_at IS NULL",
        params![id, now],
    )? == 1)
}

/// Queues the scheduled verifications that are due (the next time moves forward in the same
/// transaction, so two servers never queue the same one; a target whose run is still waiting
/// is tried again an hour later). Returns the queued runs' (organisation, run) ids.
pub fn queue_due(tx: &WriteTx, now: i64) -> Result<Vec<(String, String)>> {
    let due: Vec<(String, String, i64)> = tx.query_map(
        "SELECT id, org_id, every_days FROM backup_targets
         WHERE every_days > 0 AND next_at IS NOT NULL AND next_at <= ?1 ORDER BY next_at LIMIT 100",
        [now],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let mut queued = Vec::new();
    for (id, org, every) in due {
        tx.execute(
            "UPDATE backup_targets SET next_at = ?2 WHERE id = ?1",
            params![id, now + every * 86_400],
        )?;
        match request(tx, now, &org, &id, None) {
            Ok(run) => queued.push((org, run)),
            Err(StoreError::Rule(UserError::BackupBusy)) => {
                tx.execute(
                    "UPDATE backup_targets SET next_at = ?2 WHERE id = ?1",
                    params![id, now + 3600],
                )?;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(queued)
}
