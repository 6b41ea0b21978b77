//! The fraud mail check's records: the organisation profile (the TOML text the check reads,
//! checked by the caller; saved only over the revision the owner saw) and one row per mail
//! checked — verdict, score and signal codes, never the mail.

use hoshi_core::UserError;
use serde_json::json;

use crate::audit::{self, Change};
use crate::db::{ReadTx, WriteTx};
use crate::params;
use crate::{OrgScope, Result, StoreError, new_id};

/// The stored profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredProfile {
    pub profile: String,
    pub rev: i64,
    pub updated_by_name: String,
    pub updated_at: i64,
}

pub fn profile(c: &ReadTx, scope: &OrgScope) -> Result<Option<StoredProfile>> {
    c.query_opt(
        "SELECT f.profile, f.rev, u.display_name, f.updated_at FROM fraud_profiles f
         JOIN users u ON u.id = f.updated_by WHERE f.org_id = ?1",
        [scope.org_id()],
        |r| {
            Ok(StoredProfile {
                profile: r.get(0)?,
                rev: r.get(1)?,
                updated_by_name: r.get(2)?,
                updated_at: r.get(3)?,
            })
        },
    )
}

/// Saves the profile over revision `rev` (0: none stored yet).
pub fn save_profile(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    rev: i64,
    text: &str,
) -> Result<()> {
    let current = profile(tx, &OrgScope::checked(org_id))?;
    if current.as_ref().map_or(0, |p| p.rev) != rev {
        return Err(StoreError::Rule(UserError::FraudProfileChanged));
    }
    if current.is_some() {
        tx.execute(
            "UPDATE fraud_profiles SET profile = ?2, rev = rev + 1, updated_by = ?3, updated_at = ?4
             WHERE org_id = ?1",
            params![org_id, text, actor, now],
        )?;
    } else {
        tx.execute(
            "INSERT INTO fraud_profiles (org_id, profile, rev, updated_by, updated_at)
             VALUES (?1, ?2, 1, ?3, ?4)",
            params![org_id, text, actor, now],
        )?;
    }
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "fraud_profile.save",
            target: &format!("org:{org_id}"),
            before: current.map(|c| json!({"rev": c.rev, "bytes": c.profile.len()})),
            after: Some(json!({"rev": rev + 1, "bytes": text.len()})),
        },
    )?;
    Ok(())
}

/// One checked mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailCheck {
    pub id: String,
    pub checked_by_name: String,
    pub checked_at: i64,
    pub verdict: String,
    pub score: i64,
    /// Signal codes, comma-separated.
    pub codes: String,
}

pub fn record(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    verdict: &str,
    score: i64,
    codes: &str,
) -> Result<String> {
    let id = new_id();
    tx.execute(
        "INSERT INTO mail_checks (id, org_id, checked_by, checked_at, verdict, score, codes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, org_id, actor, now, verdict, score, codes],
    )?;
    Ok(id)
}

/// The organisation's latest checks, newest first.
pub fn recent(c: &ReadTx, scope: &OrgScope, limit: i64) -> Result<Vec<MailCheck>> {
    c.query_map(
        "SELECT m.id, u.display_name, m.checked_at, m.verdict, m.score, m.codes
         FROM mail_checks m JOIN users u ON u.id = m.checked_by
         WHERE m.org_id = ?1 ORDER BY m.checked_at DESC, m.id LIMIT ?2",
        params![scope.org_id(), limit],
        |r| {
            Ok(MailCheck {
                id: r.get(0)?,
                checked_by_name: r.get(1)?,
                checked_at: r.get(2)?,
                verdict: r.get(3)?,
                score: r.get(4)?,
                codes: r.get(5)?,
            })
        },
    )
}

/// How many mails were checked since `since` (Unix seconds), per verdict: (ok, suspicious, fraud).
pub fn counts(c: &ReadTx, scope: &OrgScope, since: i64) -> Result<(i64, i64, i64)> {
    let rows: Vec<(String, i64)> = c.query_map(
        "SELECT verdict, COUNT(*) FROM mail_checks WHERE org_id = ?1 AND checked_at >= ?2
         GROUP BY verdict",
        params![scope.org_id(), since],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let get = |v: &str| rows.iter().find(|(k, _)| k == v).map_or(0, |(_, n)| *n);
    Ok((get("ok"), get("suspicious"), get("fraud")))
}

/// Every check since `since` (Unix seconds), oldest first: (when, verdict, codes). At most
/// 100,000 rows — more than a small company checks in a year.
pub fn since(c: &ReadTx, scope: &OrgScope, since: i64) -> Result<Vec<(i64, String, String)>> {
    c.query_map(
        "SELECT checked_at, verdict, codes FROM mail_checks WHERE org_id = ?1 AND checked_at >= ?2
         ORDER BY checked_at, id LIMIT 100000",
        params![scope.org_id(), since],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}
