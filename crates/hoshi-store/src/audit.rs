//! The audit log: append-only and hash-chained.
//!
//! Each entry's hash is SHA-256 over the previous entry's hash and the entry's own canonical
//! content (a JSON array of its fields). Editing, deleting or reordering any entry breaks the chain
//! from that entry on; `verify` recomputes it and names the first entry that does not match.

use crate::db::{ReadTx, WriteTx};
use crate::params;
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::{Result, hex};

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub seq: i64,
    pub at: i64,
    pub actor: Option<String>,
    pub org_id: Option<String>,
    pub action: String,
    pub target: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// What is hashed for an entry.
#[allow(clippy::too_many_arguments)]
fn entry_hash(
    prev: &str,
    seq: i64,
    at: i64,
    actor: Option<&str>,
    org: Option<&str>,
    action: &str,
    target: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> String {
    let canonical =
        serde_json::json!([seq, at, actor, org, action, target, before, after]).to_string();
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(b"\n");
    h.update(canonical.as_bytes());
    hex(&h.finalize())
}

/// A change to record.
pub struct Change<'a> {
    pub actor: Option<&'a str>,
    pub org_id: Option<&'a str>,
    pub action: &'a str,
    pub target: &'a str,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// Appends an entry in the caller's transaction (so the change and its record commit together).
pub fn append(tx: &WriteTx, now: i64, c: Change) -> Result<i64> {
    let last: Option<(i64, String)> = tx.query_opt(
        "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
        (),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let (seq, prev) = match last {
        Some((s, h)) => (s + 1, h),
        None => (1, GENESIS.to_string()),
    };
    let before = c.before.map(|v| v.to_string());
    let after = c.after.map(|v| v.to_string());
    let hash = entry_hash(
        &prev,
        seq,
        now,
        c.actor,
        c.org_id,
        c.action,
        c.target,
        before.as_deref(),
        after.as_deref(),
    );
    tx.execute(
        "INSERT INTO audit_log (seq, at, actor, org_id, action, target, before_json, after_json, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![seq, now, c.actor, c.org_id, c.action, c.target, before, after, prev, hash],
    )?;
    Ok(seq)
}

fn row(r: &crate::db::Row) -> crate::Result<Entry> {
    Ok(Entry {
        seq: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        org_id: r.get(3)?,
        action: r.get(4)?,
        target: r.get(5)?,
        before: r.get(6)?,
        after: r.get(7)?,
        prev_hash: r.get(8)?,
        hash: r.get(9)?,
    })
}

const COLUMNS: &str =
    "seq, at, actor, org_id, action, target, before_json, after_json, prev_hash, hash";

/// Entries whose target starts with `prefix` (for example `assessment:<id>`), newest first.
/// The latest entries of the organisation in scope about targets starting with `prefix`.
pub fn for_target(
    c: &ReadTx,
    scope: &crate::OrgScope,
    prefix: &str,
    limit: i64,
) -> Result<Vec<Entry>> {
    let rows = c.query_map(
&format!(
        "SELECT {COLUMNS} FROM audit_log WHERE substr(target, 1, ?3) = ?1 AND org_id = ?4 ORDER BY seq DESC LIMIT ?2"
    ),

        params![prefix, limit, prefix.chars().count() as i64, scope.org_id()],
        row,
    )?;
    Ok(rows)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    pub entries: i64,
    /// The first entry that does not match, with the reason; `None` when the chain is intact.
    pub first_broken: Option<(i64, String)>,
    pub head: String,
}

/// Recomputes the whole chain.
pub fn verify(c: &ReadTx) -> Result<Verification> {
    let mut prev = GENESIS.to_string();
    let mut expected_seq = 1;
    let mut n = 0;
    let mut first_broken = None;
    c.each(
        &format!("SELECT {COLUMNS} FROM audit_log ORDER BY seq"),
        (),
        |r| {
            let e = row(r)?;
            n += 1;
            if e.seq != expected_seq {
                first_broken = Some((
                    expected_seq,
                    format!(
                        "entry {expected_seq} is missing (the next entry is {})",
                        e.seq
                    ),
                ));
                return Ok(false);
            }
            if e.prev_hash != prev {
                first_broken = Some((
                    e.seq,
                    "its link to the previous entry does not match".into(),
                ));
                return Ok(false);
            }
            let h = entry_hash(
                &prev,
                e.seq,
                e.at,
                e.actor.as_deref(),
                e.org_id.as_deref(),
                &e.action,
                &e.target,
                e.before.as_deref(),
                e.after.as_deref(),
            );
            if h != e.hash {
                first_broken = Some((e.seq, "its content was changed after it was written".into()));
                return Ok(false);
            }
            prev = e.hash;
            expected_seq += 1;
            Ok(true)
        },
    )?;
    Ok(Verification {
        entries: n,
        first_broken,
        head: prev,
    })
}
