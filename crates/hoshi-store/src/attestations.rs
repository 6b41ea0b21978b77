//! Attestations this instance issued, and their revocation.

use crate::db::{ReadTx, WriteTx};
use crate::params;
use hoshi_core::UserError;
use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Change};
use crate::{Result, StoreError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attestation {
    pub id: String,
    pub org_id: String,
    pub assessment_id: String,
    pub keyid: String,
    pub level: u8,
    pub valid_until: String,
    pub envelope: String,
    pub result_json: String,
    pub issued_by: String,
    pub issued_at: i64,
    pub revoked_at: Option<i64>,
    pub revoke_reason: Option<String>,
    pub published_at: Option<i64>,
}

const COLUMNS: &str = "id, org_id, assessment_id, keyid, level, valid_until, envelope, result_json, issued_by, issued_at, revoked_at, revoke_reason, published_at";

fn row(r: &crate::db::Row) -> crate::Result<Attestation> {
    Ok(Attestation {
        id: r.get(0)?,
        org_id: r.get(1)?,
        assessment_id: r.get(2)?,
        keyid: r.get(3)?,
        level: r.get(4)?,
        valid_until: r.get(5)?,
        envelope: r.get(6)?,
        result_json: r.get(7)?,
        issued_by: r.get(8)?,
        issued_at: r.get(9)?,
        revoked_at: r.get(10)?,
        revoke_reason: r.get(11)?,
        published_at: r.get(12)?,
    })
}

/// What was signed, to be recorded.
pub struct NewAttestation<'a> {
    pub id: &'a str,
    pub org_id: &'a str,
    pub assessment_id: &'a str,
    pub keyid: &'a str,
    pub level: u8,
    pub valid_until: &'a str,
    pub envelope: &'a str,
    pub result_json: &'a str,
    /// The PDF report named as the second subject.
    pub report_pdf: Option<&'a [u8]>,
    /// When the review was confirmed, as read before signing: recording fails if the review
    /// changed meanwhile (returned, re-confirmed), so nothing signed describes a past state.
    pub confirmed_at: Option<i64>,
}

/// Records an issued attestation (the caller checked the assessment is confirmed and declared).
pub fn record(tx: &WriteTx, now: i64, actor: &str, a: NewAttestation) -> Result<Attestation> {
    crate::assessments::of_org(tx, a.org_id, a.assessment_id)?;
    let current: Option<(String, Option<i64>)> = tx.query_opt(
        "SELECT status, confirmed_at FROM reviews WHERE assessment_id = ?1",
        [a.assessment_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if current
        != Some((
            hoshi_core::ReviewStatus::Confirmed.id().to_string(),
            a.confirmed_at,
        ))
    {
        return Err(StoreError::Rule(UserError::AttestReviewChanged));
    }
    tx.execute(
        "INSERT INTO attestations (id, org_id, assessment_id, keyid, level, valid_until, envelope, result_json, issued_by, issued_at, report_pdf) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![a.id, a.org_id, a.assessment_id, a.keyid, a.level, a.valid_until, a.envelope, a.result_json, actor, now, a.report_pdf],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(a.org_id),
            action: "attestation.issue",
            target: &format!("assessment:{}", a.assessment_id),
            before: None,
            after: Some(
                json!({"attestation": a.id, "keyid": a.keyid, "valid_until": a.valid_until}),
            ),
        },
    )?;
    of_org(tx, a.org_id, a.id)
}

/// One attestation of an organisation.
pub fn get(c: &ReadTx, scope: &crate::OrgScope, id: &str) -> Result<Attestation> {
    of_org(c, scope.org_id(), id)
}

pub(crate) fn of_org(c: &ReadTx, org_id: &str, id: &str) -> Result<Attestation> {
    c.query_opt(
        &format!("SELECT {COLUMNS} FROM attestations WHERE org_id = ?1 AND id = ?2"),
        params![org_id, id],
        row,
    )?
    .ok_or(StoreError::NotFound)
}

/// The PDF report an attestation names, exactly as issued (none for attestations issued before
/// reports were signed).
pub fn report_pdf(c: &ReadTx, scope: &crate::OrgScope, id: &str) -> Result<Option<Vec<u8>>> {
    let org_id = scope.org_id();
    c.query_opt(
        "SELECT report_pdf FROM attestations WHERE org_id = ?1 AND id = ?2",
        params![org_id, id],
        |r| r.get(0),
    )?
    .ok_or(StoreError::NotFound)
}

/// The attestations of an assessment, newest first.
pub fn for_assessment(c: &ReadTx, scope: &crate::OrgScope, aid: &str) -> Result<Vec<Attestation>> {
    let org_id = scope.org_id();
    let rows = c.query_map(
&format!(
        "SELECT {COLUMNS} FROM attestations WHERE org_id = ?1 AND assessment_id = ?2 ORDER BY issued_at DESC, id"
    ),
params![org_id, aid], row)?;
    Ok(rows)
}

/// Revokes an attestation; takes effect in the published revocation list at once.
pub fn revoke(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    id: &str,
    reason: &str,
) -> Result<()> {
    let a = of_org(tx, org_id, id)?;
    if a.revoked_at.is_some() {
        return Err(StoreError::Rule(UserError::AttestationRevokedAlready));
    }
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(StoreError::Rule(UserError::AttestationReasonBad));
    }
    tx.execute(
        "UPDATE attestations SET revoked_at = ?3, revoked_by = ?4, revoke_reason = ?5 WHERE org_id = ?1 AND id = ?2",
        params![org_id, id, now, actor, reason],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "attestation.revoke",
            target: &format!("assessment:{}", a.assessment_id),
            before: None,
            after: Some(json!({"attestation": id, "reason": reason})),
        },
    )?;
    Ok(())
}

/// Every revoked attestation id with the time of revocation (the published list).
pub fn revoked(c: &ReadTx) -> Result<Vec<(String, i64)>> {
    let rows = c.query_map(
"SELECT id, revoked_at FROM attestations WHERE revoked_at IS NOT NULL ORDER BY revoked_at, id",
(), |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows)
}

/// Lists (or withdraws) an attestation on the public register. Only unrevoked ones can be listed.
pub fn set_published(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    id: &str,
    publish: bool,
) -> Result<()> {
    let a = of_org(tx, org_id, id)?;
    if publish && a.revoked_at.is_some() {
        return Err(StoreError::Rule(UserError::AttestationRevokedAlready));
    }
    tx.execute(
        "UPDATE attestations SET published_at = ?3 WHERE org_id = ?1 AND id = ?2",
        params![org_id, id, publish.then_some(now)],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: if publish {
                "attestation.publish"
            } else {
                "attestation.unpublish"
            },
            target: &format!("assessment:{}", a.assessment_id),
            before: None,
            after: Some(json!({"attestation": id})),
        },
    )?;
    Ok(())
}

/// One line of the public register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegisterEntry {
    pub id: String,
    pub org_name: String,
    /// The 法人番号 the signed result names (empty when it names none).
    pub corporate_number: String,
    pub level: u8,
    pub valid_until: String,
    pub published_at: i64,
}

/// Published, unrevoked attestations still valid on `today`, by organisation name.
pub fn register(c: &ReadTx, today: &str) -> Result<Vec<RegisterEntry>> {
    let rows = c.query_map(
"SELECT a.id, o.name, a.level, a.valid_until, a.published_at, COALESCE(o.corporate_number, '')
         FROM attestations a JOIN orgs o ON o.id = a.org_id
         WHERE a.published_at IS NOT NULL AND a.revoked_at IS NULL AND a.valid_until >= ?1
         ORDER BY o.name, a.level DESC, a.id",
[today], |r| {
        Ok(RegisterEntry {
            id: r.get(0)?,
            org_name: r.get(1)?,
            level: r.get(2)?,
            valid_until: r.get(3)?,
            published_at: r.get(4)?,
            corporate_number: r.get(5)?,
        })
    })?;
    Ok(rows)
}

/// The envelope of a published, unrevoked attestation (for the public register's download).
pub fn published_envelope(c: &ReadTx, id: &str) -> Result<String> {
    c.query_opt(
        "SELECT envelope FROM attestations WHERE id = ?1 AND published_at IS NOT NULL AND revoked_at IS NULL",
        [id],
        |r| r.get(0),
    )?
    .ok_or(StoreError::NotFound)
}

/// The envelope of any attestation issued here, by id (the verification link printed in a
/// report: the id is 256 random bits, so knowing it means holding the report or the file —
/// except for revoked ones, whose ids are public), and whether it is on the public register.
pub fn envelope_by_id(c: &ReadTx, id: &str) -> Result<(String, bool)> {
    c.query_opt(
        "SELECT envelope, published_at IS NOT NULL FROM attestations WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?
    .ok_or(StoreError::NotFound)
}

/// An attestation issued elsewhere that a buyer attached to a supplier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Imported {
    pub relationship_id: String,
    pub id: String,
    pub envelope: String,
    pub keys_json: String,
    pub revoked_json: Option<String>,
    pub issuer: String,
    pub organisation: String,
    pub corporate_number: Option<String>,
    pub level: u8,
    pub valid_until: String,
    pub imported_at: i64,
    /// The issuer's revocation list named it at some import or re-check.
    pub revoked: bool,
    /// When the scheduled re-check last fetched the issuer's revocation list.
    pub checked_at: Option<i64>,
    /// Why the last scheduled re-check could not be done (`None` after one that worked).
    pub check_problem: Option<String>,
}

const IMPORTED: &str = "relationship_id, id, envelope, keys_json, revoked_json, issuer, organisation, corporate_number, level, valid_until, imported_at, revoked, checked_at, check_problem";

fn imported_row(r: &crate::db::Row) -> crate::Result<Imported> {
    Ok(Imported {
        relationship_id: r.get(0)?,
        id: r.get(1)?,
        envelope: r.get(2)?,
        keys_json: r.get(3)?,
        revoked_json: r.get(4)?,
        issuer: r.get(5)?,
        organisation: r.get(6)?,
        corporate_number: r.get(7)?,
        level: r.get::<i64>(8)?.clamp(0, 255) as u8,
        valid_until: r.get(9)?,
        imported_at: r.get(10)?,
        revoked: r.get::<i64>(11)? != 0,
        checked_at: r.get(12)?,
        check_problem: r.get(13)?,
    })
}

/// Attaches a verified attestation to one of the buyer's suppliers; importing the same one again
/// refreshes it (envelope, keys, revocation list) — a revocation already recorded stays.
pub fn import(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    buyer_org: &str,
    a: &Imported,
) -> Result<Imported> {
    crate::supply::buyer_rel(tx, buyer_org, &a.relationship_id)?;
    tx.execute(
        "INSERT INTO imported_attestations (relationship_id, id, envelope, keys_json, revoked_json, issuer, organisation, corporate_number, level, valid_until, imported_by, imported_at, checked_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)
         ON CONFLICT (relationship_id, id) DO UPDATE SET envelope = excluded.envelope,
           keys_json = excluded.keys_json,
           revoked_json = CASE WHEN imported_attestations.revoked = TRUE THEN imported_attestations.revoked_json
                               ELSE COALESCE(excluded.revoked_json, imported_attestations.revoked_json) END,
           issuer = excluded.issuer, organisation = excluded.organisation,
           corporate_number = excluded.corporate_number, level = excluded.level,
           valid_until = excluded.valid_until,
           imported_by = excluded.imported_by, imported_at = excluded.imported_at,
           checked_at = excluded.checked_at, check_problem = NULL",
        params![a.relationship_id, a.id, a.envelope, a.keys_json, a.revoked_json, a.issuer, a.organisation, a.corporate_number, a.level, a.valid_until, actor, now],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(buyer_org),
            action: "attestation.import",
            target: &format!("relationship:{}", a.relationship_id),
            before: None,
            after: Some(
                json!({"attestation": a.id, "issuer": a.issuer, "level": a.level, "valid_until": a.valid_until}),
            ),
        },
    )?;
    imported_of(tx, buyer_org, &a.relationship_id, &a.id)
}

pub fn imported_one(c: &ReadTx, buyer: &crate::OrgScope, rel: &str, id: &str) -> Result<Imported> {
    imported_of(c, buyer.org_id(), rel, id)
}

fn imported_of(c: &ReadTx, buyer_org: &str, rel: &str, id: &str) -> Result<Imported> {
    crate::supply::buyer_rel(c, buyer_org, rel)?;
    c.query_opt(
        &format!(
            "SELECT {IMPORTED} FROM imported_attestations WHERE relationship_id = ?1 AND id = ?2"
        ),
        params![rel, id],
        imported_row,
    )?
    .ok_or(StoreError::NotFound)
}

/// The imported attestations of one supplier of the buyer, newest validity first.
pub fn imported(c: &ReadTx, buyer: &crate::OrgScope, rel: &str) -> Result<Vec<Imported>> {
    let buyer_org = buyer.org_id();
    crate::supply::buyer_rel(c, buyer_org, rel)?;
    let rows = c.query_map(
&format!(
        "SELECT {IMPORTED} FROM imported_attestations WHERE relationship_id = ?1 ORDER BY valid_until DESC, id"
    ),
[rel], imported_row)?;
    Ok(rows)
}

/// Records that the issuer revoked an imported attestation (the buyer brought a revocation list
/// naming it): it stays listed, shown as revoked, and no longer counts.
pub fn mark_imported_revoked(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    buyer_org: &str,
    rel: &str,
    id: &str,
    revoked_json: &str,
) -> Result<()> {
    imported_of(tx, buyer_org, rel, id)?;
    tx.execute(
        "UPDATE imported_attestations SET revoked = TRUE, revoked_json = ?3 WHERE relationship_id = ?1 AND id = ?2",
        params![rel, id, revoked_json],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(buyer_org),
            action: "attestation.import_revoked",
            target: &format!("relationship:{rel}"),
            before: None,
            after: Some(json!({"attestation": id})),
        },
    )?;
    Ok(())
}

/// An imported attestation due for the scheduled re-check: still counted (not revoked, not past
/// its validity on `today`), checked before `before` or never.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recheck {
    pub buyer_org: String,
    pub relationship_id: String,
    pub id: String,
    pub issuer: String,
}

/// The imported attestations of every buyer that are due for a re-check, oldest check first;
/// for the scheduled job only (it reads across organisations).
pub fn imported_due(c: &ReadTx, today: &str, before: i64, limit: i64) -> Result<Vec<Recheck>> {
    let rows = c.query_map(
        "SELECT r.buyer_org, i.relationship_id, i.id, i.issuer
         FROM imported_attestations i JOIN relationships r ON r.id = i.relationship_id
         WHERE i.revoked = FALSE AND i.valid_until >= ?1 AND COALESCE(i.checked_at, 0) < ?2
         ORDER BY COALESCE(i.checked_at, 0), i.imported_at, i.id LIMIT ?3",
        params![today, before, limit],
        |r| {
            Ok(Recheck {
                buyer_org: r.get(0)?,
                relationship_id: r.get(1)?,
                id: r.get(2)?,
                issuer: r.get(3)?,
            })
        },
    )?;
    Ok(rows)
}

/// What a scheduled re-check found.
pub enum Rechecked<'a> {
    /// The issuer's list does not name it.
    Valid,
    /// The issuer's list names it (the list as fetched, kept with it).
    Revoked { revoked_json: &'a str },
    /// The list could not be fetched or read: why, for the buyer's page.
    Problem(&'a str),
}

/// Records a scheduled re-check; a revocation is recorded like one found at import, with the
/// audit entry naming no person.
pub fn record_recheck(tx: &WriteTx, now: i64, due: &Recheck, found: Rechecked) -> Result<()> {
    let problem = match found {
        Rechecked::Problem(p) => Some(p),
        _ => None,
    };
    tx.execute(
        "UPDATE imported_attestations SET checked_at = ?3, check_problem = ?4 WHERE relationship_id = ?1 AND id = ?2",
        params![due.relationship_id, due.id, now, problem],
    )?;
    if let Rechecked::Revoked { revoked_json } = found {
        tx.execute(
            "UPDATE imported_attestations SET revoked = TRUE, revoked_json = ?3 WHERE relationship_id = ?1 AND id = ?2",
            params![due.relationship_id, due.id, revoked_json],
        )?;
        audit::append(
            tx,
            now,
            Change {
                actor: None,
                org_id: Some(&due.buyer_org),
                action: "attestation.import_revoked",
                target: &format!("relationship:{}", due.relationship_id),
                before: None,
                after: Some(json!({"attestation": due.id, "by": "scheduled re-check"})),
            },
        )?;
    }
    Ok(())
}

/// Removes an imported attestation from a supplier (nothing to do when it is already gone; the
/// supplier must be the buyer's).
pub fn remove_imported(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    buyer_org: &str,
    rel: &str,
    id: &str,
) -> Result<()> {
    let a = match imported_of(tx, buyer_org, rel, id) {
        Ok(a) => a,
        Err(StoreError::NotFound) => {
            crate::supply::buyer_rel(tx, buyer_org, rel)?;
            return Ok(());
        }
        Err(e) => return Err(e),
    };
    tx.execute(
        "DELETE FROM imported_attestations WHERE relationship_id = ?1 AND id = ?2",
        params![rel, id],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(buyer_org),
            action: "attestation.unimport",
            target: &format!("relationship:{rel}"),
            before: Some(json!({"attestation": a.id, "issuer": a.issuer})),
            after: None,
        },
    )?;
    Ok(())
}
