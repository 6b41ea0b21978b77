//! The asset register's records: assets (one per asset number in an organisation, changed only
//! by whoever saw the current revision), the software last read for each asset, the yearly
//! reviews of the register, and the patch reports kept as evidence.
//!
//! Whether an entry is well-formed is `hoshi_core::asset`'s check, done by the caller; the store
//! keeps the rules about state: unique numbers, revisions, an import that writes every row or
//! none.

use hoshi_core::UserError;
use hoshi_core::asset::AssetInput;
use serde_json::json;

use crate::audit::{self, Change};
use crate::db::{ReadTx, Row, WriteTx};
use crate::params;
use crate::{OrgScope, Result, StoreError, new_id};

/// An asset as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    pub id: String,
    pub input: AssetInput,
    /// `form`, `file` or `scan`.
    pub source: String,
    pub rev: i64,
    pub updated_by_name: String,
    pub updated_at: i64,
    /// Components of the software list last uploaded (0 without one).
    pub software: i64,
}

const COLUMNS: &str =
    "a.id, a.tag, a.kind, a.name, a.maker, a.model, a.os, a.version, a.cpe, a.owner,
    a.location, a.maintainer, a.support_end, a.notes, a.source, a.rev, u.display_name, a.updated_at,
    COALESCE(i.components, 0)";
const FROM: &str = "assets a JOIN users u ON u.id = a.updated_by
    LEFT JOIN asset_inventories i ON i.asset_id = a.id";

fn asset_row(r: &Row) -> Result<Asset> {
    Ok(Asset {
        id: r.get(0)?,
        input: AssetInput {
            tag: r.get(1)?,
            kind: r.get(2)?,
            name: r.get(3)?,
            maker: r.get(4)?,
            model: r.get(5)?,
            os: r.get(6)?,
            version: r.get(7)?,
            cpe: r.get(8)?,
            owner: r.get(9)?,
            location: r.get(10)?,
            maintainer: r.get(11)?,
            support_end: r.get(12)?,
            notes: r.get(13)?,
        },
        source: r.get(14)?,
        rev: r.get(15)?,
        updated_by_name: r.get(16)?,
        updated_at: r.get(17)?,
        software: r.get(18)?,
    })
}

/// The organisation's register, by asset number.
pub fn list(c: &ReadTx, scope: &OrgScope) -> Result<Vec<Asset>> {
    c.query_map(
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE a.org_id = ?1 ORDER BY a.tag"),
        [scope.org_id()],
        asset_row,
    )
}

/// One asset of the organisation; another organisation's is not found.
pub fn get(c: &ReadTx, scope: &OrgScope, id: &str) -> Result<Asset> {
    c.query_row(
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE a.id = ?1 AND a.org_id = ?2"),
        params![id, scope.org_id()],
        asset_row,
    )
}

fn by_tag(c: &ReadTx, org_id: &str, tag: &str) -> Result<Option<Asset>> {
    c.query_opt(
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE a.org_id = ?1 AND a.tag = ?2"),
        params![org_id, tag],
        asset_row,
    )
}

fn fields(a: &AssetInput) -> serde_json::Value {
    json!({"tag": a.tag, "kind": a.kind, "name": a.name, "maker": a.maker, "model": a.model,
        "os": a.os, "version": a.version, "cpe": a.cpe, "owner": a.owner, "location": a.location,
        "maintainer": a.maintainer, "support_end": a.support_end, "notes": a.notes})
}

fn insert(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    a: &AssetInput,
    source: &str,
) -> Result<String> {
    let id = new_id();
    let n = tx.execute(
        "INSERT INTO assets (id, org_id, tag, kind, name, maker, model, os, version, cpe, owner,
             location, maintainer, support_end, notes, source, rev, created_by, created_at,
             updated_by, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, 1, ?17, ?18, ?17, ?18)
         ON CONFLICT (org_id, tag) DO NOTHING",
        params![
            id,
            org_id,
            a.tag,
            a.kind,
            a.name,
            a.maker,
            a.model,
            a.os,
            a.version,
            a.cpe,
            a.owner,
            a.location,
            a.maintainer,
            a.support_end,
            a.notes,
            source,
            actor,
            now
        ],
    )?;
    if n == 0 {
        return Err(StoreError::Rule(UserError::AssetTagExists {
            tag: a.tag.clone(),
        }));
    }
    Ok(id)
}

fn write_fields(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    id: &str,
    a: &AssetInput,
) -> Result<()> {
    tx.execute(
        "UPDATE assets SET tag = ?3, kind = ?4, name = ?5, maker = ?6, model = ?7, os = ?8,
             version = ?9, cpe = ?10, owner = ?11, location = ?12, maintainer = ?13,
             support_end = ?14, notes = ?15, rev = rev + 1, updated_by = ?16, updated_at = ?17
         WHERE id = ?1 AND org_id = ?2",
        params![
            id,
            org_id,
            a.tag,
            a.kind,
            a.name,
            a.maker,
            a.model,
            a.os,
            a.version,
            a.cpe,
            a.owner,
            a.location,
            a.maintainer,
            a.support_end,
            a.notes,
            actor,
            now
        ],
    )?;
    Ok(())
}

/// Adds an asset typed in the form (or found by a scan: `source`).
pub fn create(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    a: &AssetInput,
    source: &str,
) -> Result<Asset> {
    let id = insert(tx, now, actor, org_id, a, source)?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "asset.create",
            target: &format!("asset:{id}"),
            before: None,
            after: Some(fields(a)),
        },
    )?;
    get(tx, &OrgScope::checked(org_id), &id)
}

/// Saves a changed asset, only if nobody changed it since revision `rev` was read.
pub fn update(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    id: &str,
    rev: i64,
    a: &AssetInput,
) -> Result<Asset> {
    let scope = OrgScope::checked(org_id);
    let before = get(tx, &scope, id)?;
    if before.rev != rev {
        return Err(StoreError::Rule(UserError::AssetChanged));
    }
    if a.tag != before.input.tag
        && let Some(other) = by_tag(tx, org_id, &a.tag)?
        && other.id != id
    {
        return Err(StoreError::Rule(UserError::AssetTagExists {
            tag: a.tag.clone(),
        }));
    }
    write_fields(tx, now, actor, org_id, id, a)?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "asset.update",
            target: &format!("asset:{id}"),
            before: Some(fields(&before.input)),
            after: Some(fields(a)),
        },
    )?;
    get(tx, &scope, id)
}

/// Removes an asset with its software list.
pub fn delete(tx: &WriteTx, now: i64, actor: &str, org_id: &str, id: &str) -> Result<()> {
    let before = get(tx, &OrgScope::checked(org_id), id)?;
    tx.execute("DELETE FROM asset_software WHERE asset_id = ?1", [id])?;
    tx.execute("DELETE FROM asset_inventories WHERE asset_id = ?1", [id])?;
    tx.execute(
        "DELETE FROM assets WHERE id = ?1 AND org_id = ?2",
        params![id, org_id],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "asset.delete",
            target: &format!("asset:{id}"),
            before: Some(fields(&before.input)),
            after: None,
        },
    )?;
    Ok(())
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Imported {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
}

/// Where imported rows come from: a register file (its name) or a scan (its id).
#[derive(Debug, Clone, Copy)]
pub enum From<'a> {
    File(&'a str),
    Scan(&'a str),
}

/// Writes a register file (or what a scan found): a new asset number is added, a known one
/// updated in the columns given (`columns`, the keys of `hoshi_xlsx::register`) — a column
/// missing leaves that field as it was. Assets not in the rows stay. All in the caller's
/// transaction: every row or none.
pub fn import(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    rows: &[AssetInput],
    columns: &[&str],
    from: From,
) -> Result<Imported> {
    let (source, file_name) = match from {
        From::File(f) => ("file", f),
        From::Scan(s) => ("scan", s),
    };
    let mut done = Imported::default();
    for new in rows {
        match by_tag(tx, org_id, &new.tag)? {
            None => {
                insert(tx, now, actor, org_id, new, source)?;
                done.created += 1;
            }
            Some(old) => {
                let merged = merge(&old.input, new, columns);
                if merged == old.input {
                    done.unchanged += 1;
                } else {
                    write_fields(tx, now, actor, org_id, &old.id, &merged)?;
                    done.updated += 1;
                }
            }
        }
    }
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "asset.import",
            target: &format!("org:{org_id}"),
            before: None,
            after: Some(
                json!({"file": file_name, "rows": rows.len(), "created": done.created,
                "updated": done.updated, "unchanged": done.unchanged}),
            ),
        },
    )?;
    Ok(done)
}

/// `old` with the fields the file holds taken from `new`.
fn merge(old: &AssetInput, new: &AssetInput, columns: &[&str]) -> AssetInput {
    let mut m = old.clone();
    let pick = |key: &str, o: &mut String, n: &String| {
        if columns.contains(&key) {
            o.clone_from(n);
        }
    };
    pick("kind", &mut m.kind, &new.kind);
    pick("name", &mut m.name, &new.name);
    pick("maker", &mut m.maker, &new.maker);
    pick("model", &mut m.model, &new.model);
    pick("os", &mut m.os, &new.os);
    pick("version", &mut m.version, &new.version);
    pick("cpe", &mut m.cpe, &new.cpe);
    pick("owner", &mut m.owner, &new.owner);
    pick("location", &mut m.location, &new.location);
    pick("maintainer", &mut m.maintainer, &new.maintainer);
    pick("support_end", &mut m.support_end, &new.support_end);
    pick("notes", &mut m.notes, &new.notes);
    m
}

/// One piece of software found on an asset.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Software {
    pub name: String,
    pub version: String,
    /// Package URL, or empty.
    pub purl: String,
    /// CPE 2.3, or empty.
    pub cpe: String,
}

/// The file a software list came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inventory {
    /// The reader that read it (`cyclonedx`, `spdx`, `dpkg`, `rpm`, …).
    pub kind: String,
    pub file_name: String,
    pub sha256: String,
    pub components: i64,
    pub uploaded_by_name: String,
    pub uploaded_at: i64,
}

/// The file a software list is read from.
pub struct FileRef<'a> {
    pub kind: &'a str,
    pub file_name: &'a str,
    pub sha256: &'a str,
}

/// Replaces an asset's software list with the one read from a file.
pub fn set_software(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    asset_id: &str,
    file: FileRef,
    items: &[Software],
) -> Result<()> {
    let FileRef {
        kind,
        file_name,
        sha256,
    } = file;
    let asset = get(tx, &OrgScope::checked(org_id), asset_id)?;
    tx.execute("DELETE FROM asset_software WHERE asset_id = ?1", [asset_id])?;
    tx.execute(
        "DELETE FROM asset_inventories WHERE asset_id = ?1",
        [asset_id],
    )?;
    tx.execute(
        "INSERT INTO asset_inventories (asset_id, org_id, kind, file_name, sha256, components, uploaded_by, uploaded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![asset_id, org_id, kind, file_name, sha256, items.len() as i64, actor, now],
    )?;
    for (i, s) in items.iter().enumerate() {
        tx.execute(
            "INSERT INTO asset_software (asset_id, org_id, seq, name, version, purl, cpe)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![asset_id, org_id, i as i64, s.name, s.version, s.purl, s.cpe],
        )?;
    }
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "asset.software",
            target: &format!("asset:{asset_id}"),
            before: None,
            after: Some(
                json!({"tag": asset.input.tag, "kind": kind, "file": file_name,
                "sha256": sha256, "components": items.len()}),
            ),
        },
    )?;
    Ok(())
}

/// The software list of one asset and the file it came from.
pub fn software(
    c: &ReadTx,
    scope: &OrgScope,
    asset_id: &str,
) -> Result<(Option<Inventory>, Vec<Software>)> {
    let inv = c.query_opt(
        "SELECT i.kind, i.file_name, i.sha256, i.components, u.display_name, i.uploaded_at
         FROM asset_inventories i JOIN users u ON u.id = i.uploaded_by
         WHERE i.asset_id = ?1 AND i.org_id = ?2",
        params![asset_id, scope.org_id()],
        |r| {
            Ok(Inventory {
                kind: r.get(0)?,
                file_name: r.get(1)?,
                sha256: r.get(2)?,
                components: r.get(3)?,
                uploaded_by_name: r.get(4)?,
                uploaded_at: r.get(5)?,
            })
        },
    )?;
    let items = c.query_map(
        "SELECT name, version, purl, cpe FROM asset_software
         WHERE asset_id = ?1 AND org_id = ?2 ORDER BY seq",
        params![asset_id, scope.org_id()],
        software_row,
    )?;
    Ok((inv, items))
}

fn software_row(r: &Row) -> Result<Software> {
    Ok(Software {
        name: r.get(0)?,
        version: r.get(1)?,
        purl: r.get(2)?,
        cpe: r.get(3)?,
    })
}

/// Every asset's software, with the asset's id, for checking the whole register at once.
pub fn all_software(c: &ReadTx, scope: &OrgScope) -> Result<Vec<(String, Software)>> {
    c.query_map(
        "SELECT asset_id, name, version, purl, cpe FROM asset_software
         WHERE org_id = ?1 ORDER BY asset_id, seq",
        [scope.org_id()],
        |r| {
            Ok((
                r.get(0)?,
                Software {
                    name: r.get(1)?,
                    version: r.get(2)?,
                    purl: r.get(3)?,
                    cpe: r.get(4)?,
                },
            ))
        },
    )
}

/// A review of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub reviewed_by_name: String,
    pub reviewed_at: i64,
    pub assets: i64,
    pub note: String,
}

/// Records that a member looked through the whole register (SCS 3-1-1-4).
pub fn record_review(tx: &WriteTx, now: i64, actor: &str, org_id: &str, note: &str) -> Result<()> {
    let n: i64 = tx.query_row(
        "SELECT COUNT(*) FROM assets WHERE org_id = ?1",
        [org_id],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO asset_reviews (id, org_id, reviewed_by, reviewed_at, assets, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![new_id(), org_id, actor, now, n, note],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "asset.review",
            target: &format!("org:{org_id}"),
            before: None,
            after: Some(json!({"assets": n, "note": note})),
        },
    )?;
    Ok(())
}

/// The register's reviews, newest first.
pub fn reviews(c: &ReadTx, scope: &OrgScope, limit: i64) -> Result<Vec<Review>> {
    c.query_map(
        "SELECT u.display_name, r.reviewed_at, r.assets, r.note
         FROM asset_reviews r JOIN users u ON u.id = r.reviewed_by
         WHERE r.org_id = ?1 ORDER BY r.reviewed_at DESC LIMIT ?2",
        params![scope.org_id(), limit],
        |r| {
            Ok(Review {
                reviewed_by_name: r.get(0)?,
                reviewed_at: r.get(1)?,
                assets: r.get(2)?,
                note: r.get(3)?,
            })
        },
    )
}

/// Organisations with a register, with when it was last reviewed (or, never reviewed, when its
/// first asset was added): the yearly reminder's input.
pub fn review_clocks(c: &ReadTx) -> Result<Vec<(String, i64)>> {
    c.query_map(
        "SELECT a.org_id, COALESCE(MAX(r.reviewed_at), MIN(a.created_at))
         FROM assets a LEFT JOIN asset_reviews r ON r.org_id = a.org_id
         GROUP BY a.org_id",
        (),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Marks a review reminder as sent; false when it was sent already (another server, a restart).
pub fn claim_review_reminder(tx: &WriteTx, now: i64, org_id: &str, kind: &str) -> Result<bool> {
    let fresh = tx.execute(
        "INSERT INTO asset_review_reminders (org_id, kind, sent_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (org_id, kind) DO NOTHING",
        params![org_id, kind, now],
    )? == 1;
    if fresh {
        audit::append(
            tx,
            now,
            Change {
                actor: None,
                org_id: Some(org_id),
                action: "asset.review_reminder",
                target: &format!("org:{org_id}"),
                before: None,
                after: Some(json!({"threshold": kind})),
            },
        )?;
    }
    Ok(fresh)
}

/// A patch report kept as evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VulnReport {
    pub id: String,
    pub created_by_name: String,
    pub created_at: i64,
    pub snapshot: String,
    pub findings: i64,
    pub overdue: i64,
    pub support_ended: i64,
    pub sha256: String,
}

/// What a new patch report holds.
pub struct NewReport<'a> {
    pub snapshot: &'a str,
    /// `hoshi vulns` JSON (format 1).
    pub report: &'a str,
    pub sha256: &'a str,
    pub findings: i64,
    pub overdue: i64,
    pub support_ended: i64,
}

/// Keeps a patch report.
pub fn save_report(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    r: NewReport,
) -> Result<String> {
    let id = new_id();
    tx.execute(
        "INSERT INTO vuln_reports (id, org_id, created_by, created_at, snapshot, report, sha256,
             findings, overdue, support_ended)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id,
            org_id,
            actor,
            now,
            r.snapshot,
            r.report,
            r.sha256,
            r.findings,
            r.overdue,
            r.support_ended
        ],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "vuln_report.create",
            target: &format!("vuln_report:{id}"),
            before: None,
            after: Some(json!({"snapshot": r.snapshot, "sha256": r.sha256,
                "findings": r.findings, "overdue": r.overdue, "support_ended": r.support_ended})),
        },
    )?;
    Ok(id)
}

const REPORT_COLUMNS: &str = "v.id, u.display_name, v.created_at, v.snapshot, v.findings,
    v.overdue, v.support_ended, v.sha256";

fn report_row(r: &Row) -> Result<VulnReport> {
    Ok(VulnReport {
        id: r.get(0)?,
        created_by_name: r.get(1)?,
        created_at: r.get(2)?,
        snapshot: r.get(3)?,
        findings: r.get(4)?,
        overdue: r.get(5)?,
        support_ended: r.get(6)?,
        sha256: r.get(7)?,
    })
}

/// The organisation's patch reports, newest first.
pub fn reports(c: &ReadTx, scope: &OrgScope, limit: i64) -> Result<Vec<VulnReport>> {
    c.query_map(
        &format!(
            "SELECT {REPORT_COLUMNS} FROM vuln_reports v JOIN users u ON u.id = v.created_by
             WHERE v.org_id = ?1 ORDER BY v.created_at DESC LIMIT ?2"
        ),
        params![scope.org_id(), limit],
        report_row,
    )
}

/// One patch report with its JSON.
pub fn report(c: &ReadTx, scope: &OrgScope, id: &str) -> Result<(VulnReport, String)> {
    c.query_row(
        &format!(
            "SELECT {REPORT_COLUMNS}, v.report FROM vuln_reports v JOIN users u ON u.id = v.created_by
             WHERE v.id = ?1 AND v.org_id = ?2"
        ),
        params![id, scope.org_id()],
        |r| Ok((report_row(r)?, r.get(8)?)),
    )
}
