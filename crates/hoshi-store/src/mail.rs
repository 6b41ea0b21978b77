//! The mail outbox and expiry reminders.
//!
//! Mail is written here in the same transaction as the change that causes it; a worker outside
//! the store sends it and reports back with [`mark_sent`] / [`mark_failed`]. Transient failures are
//! retried with growing delays; after [`MAX_ATTEMPTS`] or a permanent refusal the row is marked
//! failed and stays as a record, shown to the people who caused the mail.

use crate::db::{ReadTx, WriteTx};
use crate::params;
use hoshi_core::UserError;
use serde::Serialize;

use crate::{Result, StoreError, new_id};

/// Attempts before a message is given up.
pub const MAX_ATTEMPTS: i64 = 8;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outgoing {
    pub id: String,
    pub org_id: Option<String>,
    pub kind: String,
    pub ref_id: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: i64,
    pub attempts: i64,
    pub sent_at: Option<i64>,
    pub failed_at: Option<i64>,
    pub last_error: Option<String>,
}

const COLUMNS: &str = "id, org_id, kind, ref_id, recipient, subject, body, created_at, attempts, sent_at, failed_at, last_error";

fn row(r: &crate::db::Row) -> crate::Result<Outgoing> {
    Ok(Outgoing {
        id: r.get(0)?,
        org_id: r.get(1)?,
        kind: r.get(2)?,
        ref_id: r.get(3)?,
        recipient: r.get(4)?,
        subject: r.get(5)?,
        body: r.get(6)?,
        created_at: r.get(7)?,
        attempts: r.get(8)?,
        sent_at: r.get(9)?,
        failed_at: r.get(10)?,
        last_error: r.get(11)?,
    })
}

/// What to send. The caller has checked the address.
pub struct NewMail<'a> {
    pub org_id: Option<&'a str>,
    /// e.g. `supplier_invite`, `expiry_reminder`.
    pub kind: &'a str,
    /// What the mail is about (a relationship or assessment id), to show its delivery status.
    pub ref_id: &'a str,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

pub fn enqueue(tx: &WriteTx, now: i64, m: NewMail) -> Result<String> {
    if m.recipient.is_empty() || m.recipient.len() > 254 || m.subject.chars().count() > 300 {
        return Err(StoreError::Rule(UserError::MailBad));
    }
    let id = new_id();
    tx.execute(
        "INSERT INTO mail_outbox (id, org_id, kind, ref_id, recipient, subject, body, created_at, next_attempt_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![id, m.org_id, m.kind, m.ref_id, m.recipient, m.subject, m.body, now],
    )?;
    Ok(id)
}

/// How long a claimed message stays invisible to other servers (longer than any send takes).
pub const LEASE_SECS: i64 = 300;

/// Claims up to `limit` messages due for an attempt, oldest first, for this sender (`claim`, a
/// fresh token per pass): their next attempt moves past the lease, so no other server sends them
/// meanwhile. The check is repeated in the UPDATE's own condition, so of two servers claiming at
/// once each message goes to exactly one. A sender that dies leaves its messages due again when
/// the lease has passed.
pub fn claim_due(tx: &WriteTx, now: i64, limit: i64, claim: &str) -> Result<Vec<Outgoing>> {
    let mut rows = tx.query_map(
        &format!(
            "UPDATE mail_outbox SET claim = ?3, next_attempt_at = ?1 + ?4
             WHERE id IN (SELECT id FROM mail_outbox
                          WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?1
                          ORDER BY next_attempt_at, id LIMIT ?2)
               AND sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?1
             RETURNING {COLUMNS}"
        ),
        params![now, limit, claim, LEASE_SECS],
        row,
    )?;
    rows.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.id.cmp(&b.id)));
    Ok(rows)
}

/// Messages due for an attempt, oldest first (for display and tests; senders use [`claim_due`]).
pub fn due(c: &ReadTx, now: i64, limit: i64) -> Result<Vec<Outgoing>> {
    c.query_map(
        &format!(
            "SELECT {COLUMNS} FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id LIMIT ?2"
        ),
        params![now, limit],
        row,
    )
}

/// Records a message as sent by the holder of `claim`.
pub fn mark_sent(tx: &WriteTx, now: i64, id: &str, claim: &str) -> Result<()> {
    tx.execute(
        "UPDATE mail_outbox SET sent_at = ?2, attempts = attempts + 1, last_error = NULL, claim = NULL
         WHERE id = ?1 AND claim = ?3",
        params![id, now, claim],
    )?;
    Ok(())
}

/// Records a failed attempt; gives up when `permanent` or after [`MAX_ATTEMPTS`]. The next try
/// waits 1, 2, 4 … minutes, at most six hours.
pub fn mark_failed(tx: &WriteTx, now: i64, id: &str, error: &str, permanent: bool) -> Result<()> {
    let attempts: i64 = tx
        .query_opt(
            "SELECT attempts FROM mail_outbox WHERE id = ?1",
            [id],
            |r| r.get(0),
        )?
        .ok_or(StoreError::NotFound)?;
    let attempts = attempts + 1;
    let give_up = permanent || attempts >= MAX_ATTEMPTS;
    let delay = (60_i64 << (attempts - 1).min(12)).min(6 * 3600);
    let error: String = error.chars().take(500).collect();
    tx.execute(
        "UPDATE mail_outbox SET attempts = ?2, last_error = ?3, next_attempt_at = ?4, failed_at = ?5, claim = NULL WHERE id = ?1",
        params![
            id,
            attempts,
            error,
            now + delay,
            give_up.then_some(now)
        ],
    )?;
    Ok(())
}

/// The newest mail about `ref_id` of `kind`, for its delivery status.
pub fn latest_for(
    c: &ReadTx,
    scope: &crate::OrgScope,
    kind: &str,
    ref_id: &str,
) -> Result<Option<Outgoing>> {
    c
        .query_opt(
            &format!("SELECT {COLUMNS} FROM mail_outbox WHERE org_id = ?1 AND kind = ?2 AND ref_id = ?3 ORDER BY created_at DESC, id DESC LIMIT 1"),
            params![scope.org_id(), kind, ref_id],
            row,
        )
}

/// Everything in the outbox (for the administrator's view and tests), newest first.
pub fn recent(c: &ReadTx, limit: i64) -> Result<Vec<Outgoing>> {
    let rows = c.query_map(
        &format!("SELECT {COLUMNS} FROM mail_outbox ORDER BY created_at DESC, id DESC LIMIT ?1"),
        [limit],
        row,
    )?;
    Ok(rows)
}

/// A confirmed result whose validity ends on or before a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Expiring {
    pub assessment_id: String,
    pub org_id: String,
    pub org_name: String,
    pub title: String,
    pub level: u8,
    pub valid_until: String,
}

/// Confirmed results valid until a date in `(from, to]` (YYYY-MM-DD, compared as text).
pub fn expiring_between(c: &ReadTx, from: &str, to: &str) -> Result<Vec<Expiring>> {
    let rows = c.query_map(
        "SELECT a.id, a.org_id, o.name, a.title, a.level, v.valid_until FROM reviews v
         JOIN assessments a ON a.id = v.assessment_id JOIN orgs o ON o.id = a.org_id
         WHERE v.status = 'confirmed' AND v.valid_until > ?1 AND v.valid_until <= ?2
         ORDER BY v.valid_until, a.id",
        params![from, to],
        |r| {
            Ok(Expiring {
                assessment_id: r.get(0)?,
                org_id: r.get(1)?,
                org_name: r.get(2)?,
                title: r.get(3)?,
                level: r.get(4)?,
                valid_until: r.get(5)?,
            })
        },
    )?;
    Ok(rows)
}

/// Records that reminder `kind` was given for `aid` (with an audit entry by the system); false
/// when it had been already.
pub fn claim_reminder(tx: &WriteTx, now: i64, aid: &str, kind: &str) -> Result<bool> {
    let fresh = tx.execute(
        "INSERT INTO reminders (assessment_id, kind, sent_at) VALUES (?1, ?2, ?3) ON CONFLICT (assessment_id, kind) DO NOTHING",
        params![aid, kind, now],
    )? == 1;
    if fresh {
        let org: Option<String> =
            tx.query_opt("SELECT org_id FROM assessments WHERE id = ?1", [aid], |r| {
                r.get(0)
            })?;
        crate::audit::append(
            tx,
            now,
            crate::audit::Change {
                actor: None,
                org_id: org.as_deref(),
                action: "review.expiry_reminder",
                target: &format!("assessment:{aid}"),
                before: None,
                after: Some(serde_json::json!({"threshold": kind})),
            },
        )?;
    }
    Ok(fresh)
}

/// E-mail addresses of an organisation's owners and editors (who act on reminders).
pub fn org_editors(c: &ReadTx, org_id: &str) -> Result<Vec<String>> {
    let rows = c.query_map(
"SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.org_id = ?1 AND m.role IN ('owner', 'editor') ORDER BY u.email",
[org_id], |r| r.get(0))?;
    Ok(rows)
}
