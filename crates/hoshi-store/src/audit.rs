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
    chain_hash(
        prev,
        &serde_json::json!([seq, at, actor, org, action, target, before, after]),
    )
}

/// One link of a hash chain: SHA-256 (hex) over the previous link's hash, a newline and the
/// entry's canonical content (`fields`, a JSON array, serialised compactly). The audit log and
/// each incident's timeline (`crate::incidents`) chain their entries with it.
pub(crate) fn chain_hash(prev: &str, fields: &Value) -> String {
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(b"\n");
    h.update(fields.to_string().as_bytes());
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
///
/// The chain's head row is taken first (`UPDATE … RETURNING` locks it until the transaction
/// ends), so writers on several servers append one after another: none computes the same next
/// entry from the same tail.
pub fn append(tx: &WriteTx, now: i64, c: Change) -> Result<i64> {
    let (seq, prev): (i64, String) = tx.query_row(
        "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash",
        (),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
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
    tx.execute("UPDATE audit_head SET hash = ?1 WHERE id = 1", [&hash])?;
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
    /// The first entry that does not match; `None` when the chain is intact.
    pub first_broken: Option<(i64, Broken)>,
    /// The newest entry's hash (what the server writes to its log, to compare later).
    pub head: String,
}

/// The chain's newest entry: its number and hash (0 and the genesis hash while empty). The server
/// writes it to its log, so a later `hoshi audit verify --recorded` can tell whether the newest
/// entries were lost.
pub fn head(c: &ReadTx) -> Result<(i64, String)> {
    c.query_row("SELECT seq, hash FROM audit_head WHERE id = 1", (), |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
}

/// Why an entry does not match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Broken {
    /// The entry is not there; the next one present has this number.
    Missing { next: i64 },
    /// Its link to the previous entry does not match.
    Link,
    /// Its content was changed after it was written.
    Content,
    /// The newest entries, up to this number, are gone (the chain's head row names it).
    Truncated { head: i64 },
    /// It is not the entry recorded elsewhere (e.g. in the server's log) under this number.
    NotAsRecorded,
}

impl Broken {
    pub fn reason(&self, lang: hoshi_core::Lang) -> String {
        use hoshi_core::Lang::{En, Ja};
        match (self, lang) {
            (Broken::Missing { next }, Ja) => {
                format!("記録がありません（次にある記録は {next} 番目です）")
            }
            (Broken::Missing { next }, En) => format!("it is missing (the next entry is {next})"),
            (Broken::Link, Ja) => "直前の記録とのつながりが一致しません".into(),
            (Broken::Link, En) => "its link to the previous entry does not match".into(),
            (Broken::Content, Ja) => "書き込まれた後に内容が変更されています".into(),
            (Broken::Content, En) => "its content was changed after it was written".into(),
            (Broken::Truncated { head }, Ja) => {
                format!("{head} 番目までの最新の記録が失われています")
            }
            (Broken::Truncated { head }, En) => {
                format!("the newest entries, up to {head}, are gone")
            }
            (Broken::NotAsRecorded, Ja) => "別の場所に控えた記録と一致しません".into(),
            (Broken::NotAsRecorded, En) => "it is not the entry recorded elsewhere".into(),
        }
    }
}

/// Recomputes the whole chain, checks that its newest entry is the one the head row names, and,
/// when `recorded` is given (an entry number and hash kept elsewhere, e.g. from the server's log),
/// that the chain still holds that entry unchanged.
pub fn verify(c: &ReadTx) -> Result<Verification> {
    verify_against(c, None)
}

pub fn verify_against(c: &ReadTx, recorded: Option<(i64, &str)>) -> Result<Verification> {
    let mut prev = GENESIS.to_string();
    let mut expected_seq = 1;
    let mut n = 0;
    let mut first_broken = None;
    let mut recorded_seen = false;
    c.each(
        &format!("SELECT {COLUMNS} FROM audit_log ORDER BY seq"),
        (),
        |r| {
            let e = row(r)?;
            n += 1;
            if e.seq != expected_seq {
                first_broken = Some((expected_seq, Broken::Missing { next: e.seq }));
                return Ok(false);
            }
            if e.prev_hash != prev {
                first_broken = Some((e.seq, Broken::Link));
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
                first_broken = Some((e.seq, Broken::Content));
                return Ok(false);
            }
            if let Some((seq, hash)) = recorded
                && seq == e.seq
            {
                recorded_seen = true;
                if hash != e.hash {
                    first_broken = Some((e.seq, Broken::NotAsRecorded));
                    return Ok(false);
                }
            }
            prev = e.hash;
            expected_seq += 1;
            Ok(true)
        },
    )?;
    if first_broken.is_none() {
        let head: Option<i64> =
            c.query_opt("SELECT seq FROM audit_head WHERE id = 1", (), |r| r.get(0))?;
        if let Some(head) = head
            && head >= expected_seq
        {
            first_broken = Some((expected_seq, Broken::Truncated { head }));
        } else if let Some((seq, _)) = recorded
            && !recorded_seen
        {
            first_broken = Some((seq.max(expected_seq), Broken::Truncated { head: seq }));
        }
    }
    Ok(Verification {
        entries: n,
        first_broken,
        head: prev,
    })
}
