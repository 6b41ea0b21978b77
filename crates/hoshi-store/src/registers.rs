//! The organisation's registers (issue 16): confidential information, external services,
//! connections to others' systems, partners with confidentiality agreements and incident roles.
//!
//! One table for the four registers: an entry is its register (`kind`), its name (unique in the
//! register, compared folded), its columns as a JSON object, and a revision. Which columns a
//! register has and what their values may be is `hoshi_xlsx::registers`' check, done by the
//! caller for the form and the file alike; the store keeps the rules about state: unique names,
//! revisions (a save over an older revision is refused), an import that writes every row or
//! none, the audit entry of every write, reads scoped to one organisation.

use std::collections::BTreeMap;

use hoshi_core::UserError;
use hoshi_core::asset::fold;
use serde_json::json;

use crate::audit::{self, Change};
use crate::db::{ReadTx, Row, WriteTx};
use crate::params;
use crate::{OrgScope, Result, StoreError, new_id};

/// The registers' codes.
pub const KINDS: [&str; 4] = ["confidential", "services", "connections", "partners"];

/// An entry's columns: key → value.
pub type Fields = BTreeMap<String, String>;

/// An entry as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub fields: Fields,
    /// `form` or `file`.
    pub source: String,
    pub rev: i64,
    pub updated_by_name: String,
    pub updated_at: i64,
}

const COLUMNS: &str =
    "e.id, e.kind, e.name, e.fields, e.source, e.rev, u.display_name, e.updated_at";
const FROM: &str = "register_entries e JOIN users u ON u.id = e.updated_by";

fn entry_row(r: &Row) -> Result<Entry> {
    let text: String = r.get(3)?;
    Ok(Entry {
        id: r.get(0)?,
        kind: r.get(1)?,
        name: r.get(2)?,
        fields: serde_json::from_str(&text)
            .map_err(|e| StoreError::Io(format!("register entry fields: {e}")))?,
        source: r.get(4)?,
        rev: r.get(5)?,
        updated_by_name: r.get(6)?,
        updated_at: r.get(7)?,
    })
}

fn known(kind: &str) -> Result<()> {
    if KINDS.contains(&kind) {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

/// How many entries each register of the organisation holds: (kind, count), every kind.
pub fn counts(c: &ReadTx, scope: &OrgScope) -> Result<Vec<(&'static str, i64)>> {
    let found: Vec<(String, i64)> = c.query_map(
        "SELECT kind, COUNT(*) FROM register_entries WHERE org_id = ?1 GROUP BY kind",
        [scope.org_id()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(KINDS
        .iter()
        .map(|k| {
            let n = found.iter().find(|(f, _)| f == k).map_or(0, |(_, n)| *n);
            (*k, n)
        })
        .collect())
}

/// One register of the organisation, by name.
pub fn list(c: &ReadTx, scope: &OrgScope, kind: &str) -> Result<Vec<Entry>> {
    known(kind)?;
    c.query_map(
        &format!(
            "SELECT {COLUMNS} FROM {FROM} WHERE e.org_id = ?1 AND e.kind = ?2
             ORDER BY e.name_key, e.id"
        ),
        params![scope.org_id(), kind],
        entry_row,
    )
}

/// One entry of the organisation's register `kind`; another organisation's (or register's) is
/// not found.
pub fn get(c: &ReadTx, scope: &OrgScope, kind: &str, id: &str) -> Result<Entry> {
    known(kind)?;
    c.query_row(
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE e.id = ?1 AND e.org_id = ?2 AND e.kind = ?3"),
        params![id, scope.org_id(), kind],
        entry_row,
    )
}

fn by_name(c: &ReadTx, org_id: &str, kind: &str, key: &str) -> Result<Option<Entry>> {
    c.query_opt(
        &format!(
            "SELECT {COLUMNS} FROM {FROM} WHERE e.org_id = ?1 AND e.kind = ?2 AND e.name_key = ?3"
        ),
        params![org_id, kind, key],
        entry_row,
    )
}

/// The entry's name and its folded form; an entry without a name breaks the caller's check.
fn name_of(fields: &Fields) -> Result<(String, String)> {
    let name = fields.get("name").map_or("", |n| n.trim()).to_string();
    if name.is_empty() {
        return Err(StoreError::Rule(UserError::RegRequired { field: "name" }));
    }
    let key = fold(&name);
    Ok((name, key))
}

fn encode(fields: &Fields) -> String {
    serde_json::to_string(fields).unwrap_or_else(|_| "{}".into())
}

fn insert(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    kind: &str,
    fields: &Fields,
    source: &str,
) -> Result<String> {
    let (name, key) = name_of(fields)?;
    let id = new_id();
    let n = tx.execute(
        "INSERT INTO register_entries (id, org_id, kind, name, name_key, fields, source, rev,
             created_by, created_at, updated_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?9, ?8, ?9)
         ON CONFLICT (org_id, kind, name_key) DO NOTHING",
        params![
            id,
            org_id,
            kind,
            name,
            key,
            encode(fields),
            source,
            actor,
            now
        ],
    )?;
    if n == 0 {
        return Err(StoreError::Rule(UserError::RegEntryExists { name }));
    }
    Ok(id)
}

fn write_fields(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    id: &str,
    fields: &Fields,
) -> Result<()> {
    let (name, key) = name_of(fields)?;
    tx.execute(
        "UPDATE register_entries SET name = ?3, name_key = ?4, fields = ?5, rev = rev + 1,
             updated_by = ?6, updated_at = ?7
         WHERE id = ?1 AND org_id = ?2",
        params![id, org_id, name, key, encode(fields), actor, now],
    )?;
    Ok(())
}

fn audit_entry(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    action: &str,
    target: &str,
    (before, after): (Option<serde_json::Value>, Option<serde_json::Value>),
) -> Result<()> {
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action,
            target,
            before,
            after,
        },
    )?;
    Ok(())
}

fn snapshot(kind: &str, fields: &Fields) -> serde_json::Value {
    json!({"kind": kind, "fields": fields})
}

/// Adds an entry typed in the form.
pub fn create(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    kind: &str,
    fields: &Fields,
) -> Result<Entry> {
    known(kind)?;
    let id = insert(tx, now, actor, org_id, kind, fields, "form")?;
    audit_entry(
        tx,
        now,
        actor,
        org_id,
        "register.create",
        &format!("register_entry:{id}"),
        (None, Some(snapshot(kind, fields))),
    )?;
    get(tx, &OrgScope::checked(org_id), kind, &id)
}

/// Saves a changed entry, only if nobody changed it since revision `rev` was read.
#[allow(
    clippy::too_many_arguments,
    reason = "who, where, which revision, what"
)]
pub fn update(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    kind: &str,
    id: &str,
    rev: i64,
    fields: &Fields,
) -> Result<Entry> {
    let scope = OrgScope::checked(org_id);
    let before = get(tx, &scope, kind, id)?;
    if before.rev != rev {
        return Err(StoreError::Rule(UserError::RegEntryChanged));
    }
    let (name, key) = name_of(fields)?;
    if let Some(other) = by_name(tx, org_id, kind, &key)?
        && other.id != id
    {
        return Err(StoreError::Rule(UserError::RegEntryExists { name }));
    }
    write_fields(tx, now, actor, org_id, id, fields)?;
    audit_entry(
        tx,
        now,
        actor,
        org_id,
        "register.update",
        &format!("register_entry:{id}"),
        (
            Some(snapshot(kind, &before.fields)),
            Some(snapshot(kind, fields)),
        ),
    )?;
    get(tx, &scope, kind, id)
}

/// Removes an entry, only if nobody changed it since revision `rev` was read.
pub fn delete(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    kind: &str,
    id: &str,
    rev: i64,
) -> Result<()> {
    let before = get(tx, &OrgScope::checked(org_id), kind, id)?;
    if before.rev != rev {
        return Err(StoreError::Rule(UserError::RegEntryChanged));
    }
    tx.execute(
        "DELETE FROM register_entries WHERE id = ?1 AND org_id = ?2",
        params![id, org_id],
    )?;
    audit_entry(
        tx,
        now,
        actor,
        org_id,
        "register.delete",
        &format!("register_entry:{id}"),
        (Some(snapshot(kind, &before.fields)), None),
    )
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Imported {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// Writes a register file: a new name is added, a known one (compared folded) updated in the
/// columns the file has (`columns`) — a column missing leaves that value as it was. Entries not
/// in the file stay. All in the caller's transaction: every row or none (the first refusal
/// returns an error and the caller's transaction is rolled back).
#[allow(clippy::too_many_arguments, reason = "who, where, which file, what")]
pub fn import(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    kind: &str,
    rows: &[Fields],
    columns: &[&str],
    file_name: &str,
) -> Result<Imported> {
    known(kind)?;
    let mut done = Imported::default();
    for new in rows {
        let (_, key) = name_of(new)?;
        match by_name(tx, org_id, kind, &key)? {
            None => {
                insert(tx, now, actor, org_id, kind, new, "file")?;
                done.created += 1;
            }
            Some(old) => {
                let merged = merge(&old.fields, new, columns);
                if merged == old.fields {
                    done.unchanged += 1;
                } else {
                    write_fields(tx, now, actor, org_id, &old.id, &merged)?;
                    done.updated += 1;
                }
            }
        }
    }
    audit_entry(
        tx,
        now,
        actor,
        org_id,
        "register.import",
        &format!("org:{org_id}"),
        (
            None,
            Some(json!({"kind": kind, "file": file_name, "rows": rows.len(),
            "created": done.created, "updated": done.updated, "unchanged": done.unchanged})),
        ),
    )?;
    Ok(done)
}

/// `old` with the columns the file holds taken from `new` (an empty cell empties the value).
fn merge(old: &Fields, new: &Fields, columns: &[&str]) -> Fields {
    let mut m = old.clone();
    for c in columns {
        match new.get(*c) {
            Some(v) if !v.is_empty() => {
                m.insert((*c).to_string(), v.clone());
            }
            _ => {
                m.remove(*c);
            }
        }
    }
    m
}
