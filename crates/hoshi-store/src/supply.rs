//! Buyers and suppliers: relationships, invitations per relationship, consented sharing.
//!
//! A buyer sees a supplier's assessment only through a share row, at the scope the supplier
//! chose; deleting the row revokes it, so the very next read sees nothing.

use crate::db::{ReadTx, WriteTx};
use crate::params;
use hoshi_core::UserError;
use hoshi_core::{LevelAnswers, decide};
use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Change};
use crate::orgs::{self, Role};
use crate::{Result, StoreError, new_id, new_token, token_hash};

/// What a buyer may see of a shared assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Status and verdict only.
    Status,
    /// Plus progress per category.
    Summary,
    /// Everything: answers, gaps and evidence.
    Full,
}

impl Scope {
    pub fn id(self) -> &'static str {
        match self {
            Scope::Status => "status",
            Scope::Summary => "summary",
            Scope::Full => "full",
        }
    }

    pub fn parse(s: &str) -> Option<Scope> {
        match s {
            "status" => Some(Scope::Status),
            "summary" => Some(Scope::Summary),
            "full" => Some(Scope::Full),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Relationship {
    pub id: String,
    pub buyer_org: String,
    pub supplier_org: Option<String>,
    pub supplier_name: String,
    pub corporate_number: String,
    pub contact_name: String,
    pub contact_email: String,
    pub supplies: String,
    pub answers: LevelAnswers,
    pub required_level: u8,
    pub due_date: Option<String>,
    pub created_at: i64,
    pub accepted_at: Option<i64>,
}

const COLUMNS: &str = "r.id, r.buyer_org, r.supplier_org, r.supplier_name, r.corporate_number, r.contact_name, r.contact_email, r.supplies, r.q_confidential, r.q_delay, r.q_access, r.required_level, r.due_date, r.created_at, r.accepted_at";

fn row(r: &crate::db::Row) -> crate::Result<Relationship> {
    Ok(Relationship {
        id: r.get(0)?,
        buyer_org: r.get(1)?,
        supplier_org: r.get(2)?,
        supplier_name: r.get(3)?,
        corporate_number: r.get(4)?,
        contact_name: r.get(5)?,
        contact_email: r.get(6)?,
        supplies: r.get(7)?,
        answers: LevelAnswers {
            confidential_info: r.get::<i64>(8)? != 0,
            unacceptable_delay: r.get::<i64>(9)? != 0,
            system_access: r.get::<i64>(10)? != 0,
        },
        required_level: r.get::<i64>(11)?.clamp(0, 255) as u8,
        due_date: r.get(12)?,
        created_at: r.get(13)?,
        accepted_at: r.get(14)?,
    })
}

#[derive(Clone, Copy)]
pub struct NewRelationship<'a> {
    pub buyer_org: &'a str,
    pub supplier_name: &'a str,
    pub corporate_number: &'a str,
    pub contact_name: &'a str,
    pub contact_email: &'a str,
    pub supplies: &'a str,
    pub answers: LevelAnswers,
    pub due_date: Option<&'a str>,
}

fn is_date(s: &str) -> bool {
    hoshi_core::time::parse_date(s).is_some_and(|(y, ..)| (2000..=2200).contains(&y))
}

/// What a buyer may change in a supplier's record (the 法人番号 and the decision stay).
pub struct RecordEdit<'a> {
    pub supplier_name: &'a str,
    pub contact_name: &'a str,
    pub contact_email: &'a str,
    pub supplies: &'a str,
    pub due_date: Option<&'a str>,
}

/// Every rule of a supplier record's free fields that `e` breaks, in the form's order.
fn record_problems(e: &RecordEdit) -> Vec<UserError> {
    let mut out = Vec::new();
    let name = e.supplier_name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        out.push(UserError::SupplierNameBad);
    }
    if let Some(d) = e.due_date
        && !is_date(d)
    {
        out.push(UserError::DueDateBad);
    }
    for (field, v, max) in [
        ("contact", e.contact_name, 200),
        ("email", e.contact_email, 254),
        ("supplies", e.supplies, 2000),
    ] {
        if v.chars().count() > max {
            out.push(UserError::TooLong { field, max });
        }
    }
    out
}

/// The rules of a supplier record's free fields: the first one broken.
fn check_record(e: &RecordEdit) -> Result<()> {
    match record_problems(e).into_iter().next() {
        Some(e) => Err(StoreError::Rule(e)),
        None => Ok(()),
    }
}

/// Every rule a new supplier breaks before the store is asked (name, due date, lengths, then the
/// 法人番号's check digit): [`create`] refuses with the first, a bulk registration lists them all.
/// Whether the 法人番号 is already registered is checked by [`create`] and [`registered`].
pub fn new_problems(n: &NewRelationship) -> Vec<UserError> {
    let mut out = record_problems(&RecordEdit {
        supplier_name: n.supplier_name,
        contact_name: n.contact_name,
        contact_email: n.contact_email,
        supplies: n.supplies,
        due_date: n.due_date,
    });
    if let Err(e) = hoshi_core::corporate::validate(n.corporate_number) {
        out.push(UserError::CorporateNumber(e));
    }
    out
}

/// The buyer corrects a supplier's record: name, contact, what it supplies, due date.
pub fn update(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    buyer_org: &str,
    id: &str,
    e: RecordEdit,
) -> Result<Relationship> {
    check_record(&e)?;
    let before = buyer_rel(tx, buyer_org, id)?;
    tx.execute(
        "UPDATE relationships SET supplier_name = ?2, contact_name = ?3, contact_email = ?4, supplies = ?5, due_date = ?6
         WHERE id = ?1",
        params![
            id,
            e.supplier_name.trim(),
            e.contact_name.trim(),
            e.contact_email.trim(),
            e.supplies.trim(),
            e.due_date
        ],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(buyer_org),
            action: "relationship.update",
            target: &format!("relationship:{id}"),
            before: Some(
                json!({"supplier_name": before.supplier_name, "contact_name": before.contact_name,
                "contact_email": before.contact_email, "supplies": before.supplies, "due_date": before.due_date}),
            ),
            after: Some(
                json!({"supplier_name": e.supplier_name.trim(), "contact_name": e.contact_name.trim(),
                "contact_email": e.contact_email.trim(), "supplies": e.supplies.trim(), "due_date": e.due_date}),
            ),
        },
    )?;
    buyer_rel(tx, buyer_org, id)
}

/// Archives a supplier (it leaves the portfolio, stays on record) or brings it back.
pub fn set_archived(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    buyer_org: &str,
    id: &str,
    archived: bool,
) -> Result<()> {
    buyer_rel(tx, buyer_org, id)?;
    tx.execute(
        "UPDATE relationships SET archived_at = ?2 WHERE id = ?1",
        params![id, archived.then_some(now)],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(buyer_org),
            action: if archived {
                "relationship.archive"
            } else {
                "relationship.restore"
            },
            target: &format!("relationship:{id}"),
            before: None,
            after: None,
        },
    )?;
    Ok(())
}

/// How many suppliers (not archived) the buyer has, and how many buyers the organisation supplies.
pub fn counts(c: &ReadTx, scope: &crate::OrgScope) -> Result<(i64, i64)> {
    c.query_row(
        "SELECT (SELECT COUNT(*) FROM relationships WHERE buyer_org = ?1 AND archived_at IS NULL),
                (SELECT COUNT(*) FROM relationships WHERE supplier_org = ?1)",
        [scope.org_id()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// The buyer's archived suppliers: (relationship id, name, archived at).
pub fn archived(c: &ReadTx, buyer: &crate::OrgScope) -> Result<Vec<(String, String, i64)>> {
    let rows = c.query_map(
        "SELECT id, supplier_name, archived_at FROM relationships
         WHERE buyer_org = ?1 AND archived_at IS NOT NULL ORDER BY supplier_name, id",
        [buyer.org_id()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    Ok(rows)
}

/// Whether the buyer archived the relationship.
pub fn is_archived(c: &ReadTx, buyer: &crate::OrgScope, id: &str) -> Result<bool> {
    c.query_row(
        "SELECT archived_at IS NOT NULL FROM relationships WHERE id = ?1 AND buyer_org = ?2",
        params![id, buyer.org_id()],
        |r| r.get(0),
    )
}

/// Ends every unused invitation link of a relationship (sent to the wrong person, say); returns
/// how many were still open.
pub fn cancel_invitations(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    buyer_org: &str,
    id: &str,
) -> Result<usize> {
    buyer_rel(tx, buyer_org, id)?;
    let n = tx.execute(
        "UPDATE relationship_invites SET expires_at = ?2 WHERE relationship_id = ?1 AND used_at IS NULL AND expires_at > ?2",
        params![id, now],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(buyer_org),
            action: "relationship.invite_cancel",
            target: &format!("relationship:{id}"),
            before: None,
            after: Some(json!({"cancelled": n})),
        },
    )?;
    Ok(n)
}

/// Registers a supplier; the required level comes from the decision tree.
pub fn create(tx: &WriteTx, now: i64, actor: &str, n: NewRelationship) -> Result<Relationship> {
    let name = n.supplier_name.trim();
    if let Some(e) = new_problems(&n).into_iter().next() {
        return Err(StoreError::Rule(e));
    }
    let number = hoshi_core::corporate::validate(n.corporate_number)
        .map_err(|e| StoreError::Rule(UserError::CorporateNumber(e)))?;
    let exists: bool = tx.query_row(
        "SELECT COUNT(*) > 0 FROM relationships WHERE buyer_org = ?1 AND corporate_number = ?2",
        params![n.buyer_org, number],
        |r| r.get(0),
    )?;
    if exists {
        return Err(StoreError::Rule(UserError::RelationshipExists));
    }
    let decision = decide(n.answers);
    let id = new_id();
    tx.execute(
        "INSERT INTO relationships (id, buyer_org, supplier_name, corporate_number, contact_name, contact_email, supplies,
             q_confidential, q_delay, q_access, required_level, due_date, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            id,
            n.buyer_org,
            name,
            number,
            n.contact_name.trim(),
            n.contact_email.trim(),
            n.supplies.trim(),
            n.answers.confidential_info as i64,
            n.answers.unacceptable_delay as i64,
            n.answers.system_access as i64,
            decision.level as i64,
            n.due_date,
            actor,
            now
        ],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(n.buyer_org),
            action: "relationship.create",
            target: &format!("relationship:{id}"),
            before: None,
            after: Some(
                json!({"supplier_name": name, "corporate_number": number, "answers": n.answers,
                "required_level": decision.level, "due_date": n.due_date}),
            ),
        },
    )?;
    buyer_rel(tx, n.buyer_org, &id)
}

/// Registers many suppliers at once, each exactly as [`create`] does (same rules, one audit entry
/// each), plus one `relationship.import` entry naming the file; all or nothing, since the caller's
/// transaction rolls back on the first refusal. Returns the new relationships' ids in order.
pub fn create_many(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    buyer_org: &str,
    file_name: &str,
    rows: &[NewRelationship],
) -> Result<Vec<String>> {
    let mut ids = Vec::with_capacity(rows.len());
    let mut levels = [0usize; 2];
    for n in rows {
        if n.buyer_org != buyer_org {
            return Err(StoreError::Rule(UserError::BadRequest));
        }
        let r = create(tx, now, actor, *n)?;
        levels[usize::from(r.required_level >= 4)] += 1;
        ids.push(r.id);
    }
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(buyer_org),
            action: "relationship.import",
            target: &format!("org:{buyer_org}"),
            before: None,
            after: Some(json!({"file": file_name, "suppliers": ids.len(),
                "star3": levels[0], "star4": levels[1]})),
        },
    )?;
    Ok(ids)
}

/// The 法人番号 and name of every supplier the buyer registered, archived ones included (a
/// 法人番号 can be registered once per buyer).
pub fn registered(c: &ReadTx, buyer: &crate::OrgScope) -> Result<Vec<(String, String)>> {
    let rows = c.query_map(
        "SELECT corporate_number, supplier_name FROM relationships WHERE buyer_org = ?1",
        [buyer.org_id()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(rows)
}

/// A relationship as its buyer sees it; `NotFound` for anyone else's.
/// The buyer's relationship `id`; `NotFound` for any other buyer's.
pub fn for_buyer_one(c: &ReadTx, buyer: &crate::OrgScope, id: &str) -> Result<Relationship> {
    buyer_rel(c, buyer.org_id(), id)
}

pub(crate) fn buyer_rel(c: &ReadTx, buyer_org: &str, id: &str) -> Result<Relationship> {
    c.query_row(
        &format!("SELECT {COLUMNS} FROM relationships r WHERE r.id = ?1 AND r.buyer_org = ?2"),
        params![id, buyer_org],
        row,
    )
}

/// A relationship as its supplier sees it; `NotFound` for anyone else's.
pub(crate) fn for_supplier_one(c: &ReadTx, supplier_org: &str, id: &str) -> Result<Relationship> {
    c.query_row(
        &format!("SELECT {COLUMNS} FROM relationships r WHERE r.id = ?1 AND r.supplier_org = ?2"),
        params![id, supplier_org],
        row,
    )
}

/// Creates a single-use invitation link for the relationship (the previous unused one stops working).
pub fn invite(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    buyer_org: &str,
    id: &str,
    days: i64,
) -> Result<String> {
    let r = buyer_rel(tx, buyer_org, id)?;
    if r.supplier_org.is_some() {
        return Err(StoreError::Rule(UserError::RelationshipAccepted));
    }
    tx.execute(
        "UPDATE relationship_invites SET expires_at = ?2 WHERE relationship_id = ?1 AND used_at IS NULL AND expires_at > ?2",
        params![id, now],
    )?;
    let token = new_token();
    tx.execute(
        "INSERT INTO relationship_invites (token_hash, relationship_id, created_by, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![token_hash(&token), id, actor, now, now + days * 86_400],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(buyer_org),
            action: "relationship.invite",
            target: &format!("relationship:{id}"),
            before: None,
            after: Some(json!({"expires_at": now + days * 86_400})),
        },
    )?;
    Ok(token)
}

/// The relationship behind an unused, unexpired invitation, with the buyer's name.
pub fn invitation(c: &ReadTx, now: i64, token: &str) -> Result<Option<(Relationship, String)>> {
    c
        .query_opt(
            &format!(
                "SELECT {COLUMNS}, o.name FROM relationship_invites i JOIN relationships r ON r.id = i.relationship_id
                 JOIN orgs o ON o.id = r.buyer_org
                 WHERE i.token_hash = ?1 AND i.used_at IS NULL AND i.expires_at > ?2 AND r.supplier_org IS NULL"
            ),
            params![token_hash(token), now],
            |r| Ok((row(r)?, r.get::<String>(15)?)),
        )
}

/// The supplier accepts the invitation into `supplier_org`, which `user` must own.
pub fn accept(
    tx: &WriteTx,
    now: i64,
    user: &str,
    token: &str,
    supplier_org: &str,
) -> Result<Relationship> {
    let (rel, _) =
        invitation(tx, now, token)?.ok_or(StoreError::Rule(UserError::InvitationInvalid))?;
    let m = orgs::membership(tx, user, supplier_org)?.ok_or(StoreError::NotFound)?;
    if m.role != Role::Owner {
        return Err(StoreError::Forbidden);
    }
    if rel.buyer_org == supplier_org {
        return Err(StoreError::Rule(UserError::SupplierIsBuyer));
    }
    let linked: bool = tx.query_row(
        "SELECT COUNT(*) > 0 FROM relationships WHERE buyer_org = ?1 AND supplier_org = ?2",
        params![rel.buyer_org, supplier_org],
        |r| r.get(0),
    )?;
    if linked {
        return Err(StoreError::Rule(UserError::SupplierAlreadyLinked));
    }
    let used = tx.execute(
        "UPDATE relationship_invites SET used_at = ?2, used_by = ?3 WHERE token_hash = ?1 AND used_at IS NULL",
        params![token_hash(token), now, user],
    )?;
    if used != 1 {
        return Err(StoreError::Rule(UserError::InvitationInvalid));
    }
    tx.execute(
        "UPDATE relationships SET supplier_org = ?2, accepted_at = ?3 WHERE id = ?1 AND supplier_org IS NULL",
        params![rel.id, supplier_org, now],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(user),
            org_id: Some(supplier_org),
            action: "relationship.accept",
            target: &format!("relationship:{}", rel.id),
            before: None,
            after: Some(json!({"buyer_org": rel.buyer_org, "supplier_org": supplier_org})),
        },
    )?;
    for_supplier_one(tx, supplier_org, &rel.id)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Share {
    pub relationship_id: String,
    pub assessment_id: String,
    pub scope: Scope,
    pub shared_by: String,
    pub shared_at: i64,
}

/// What the supplier of the buyer's relationship `relationship_id` shares, with the scope that
/// opens the supplier's data as far as the share goes; `None` when nothing is shared (or the
/// relationship is not the buyer's).
pub fn shared_with(
    c: &ReadTx,
    buyer: &crate::OrgScope,
    relationship_id: &str,
) -> Result<Option<(Share, crate::OrgScope)>> {
    let supplier: Option<Option<String>> = c.query_opt(
        "SELECT supplier_org FROM relationships WHERE id = ?1 AND buyer_org = ?2",
        params![relationship_id, buyer.org_id()],
        |r| r.get(0),
    )?;
    let Some(Some(supplier)) = supplier else {
        return Ok(None);
    };
    Ok(share_of(c, relationship_id)?.map(|s| (s, crate::OrgScope::checked(supplier))))
}

/// The share of a relationship, for the store's own use.
pub(crate) fn share_of(c: &ReadTx, relationship_id: &str) -> Result<Option<Share>> {
    c
        .query_opt(
            "SELECT relationship_id, assessment_id, scope, shared_by, shared_at FROM shares WHERE relationship_id = ?1",
            [relationship_id],
            |r| {
                let scope: String = r.get(2)?;
                Ok(Share {
                    relationship_id: r.get(0)?,
                    assessment_id: r.get(1)?,
                    scope: Scope::parse(&scope).unwrap_or(Scope::Status),
                    shared_by: r.get(3)?,
                    shared_at: r.get(4)?,
                })
            },
        )
}

/// The supplier shares one of its assessments with the buyer of a relationship.
pub fn share(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    supplier_org: &str,
    relationship_id: &str,
    assessment_id: &str,
    scope: Scope,
) -> Result<()> {
    let rel = for_supplier_one(tx, supplier_org, relationship_id).map_err(|e| match e {
        StoreError::NotFound => StoreError::Rule(UserError::ShareUnrelated),
        other => other,
    })?;
    crate::assessments::of_org(tx, supplier_org, assessment_id)?;
    let before = share_of(tx, relationship_id)?;
    tx.execute(
        "INSERT INTO shares (relationship_id, assessment_id, scope, shared_by, shared_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (relationship_id) DO UPDATE SET assessment_id = excluded.assessment_id, scope = excluded.scope,
             shared_by = excluded.shared_by, shared_at = excluded.shared_at",
        params![relationship_id, assessment_id, scope.id(), actor, now],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(supplier_org),
            action: "share.set",
            target: &format!("relationship:{}", rel.id),
            before: before.map(|b| json!({"assessment": b.assessment_id, "scope": b.scope.id()})),
            after: Some(
                json!({"assessment": assessment_id, "scope": scope.id(), "buyer_org": rel.buyer_org}),
            ),
        },
    )?;
    Ok(())
}

/// Revokes the share of a relationship, effective for the next request.
pub fn revoke(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    supplier_org: &str,
    relationship_id: &str,
) -> Result<()> {
    let rel = for_supplier_one(tx, supplier_org, relationship_id)?;
    let before = share_of(tx, relationship_id)?.ok_or(StoreError::NotFound)?;
    tx.execute(
        "DELETE FROM shares WHERE relationship_id = ?1",
        [relationship_id],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(supplier_org),
            action: "share.revoke",
            target: &format!("relationship:{}", rel.id),
            before: Some(
                json!({"assessment": before.assessment_id, "scope": before.scope.id(), "buyer_org": rel.buyer_org}),
            ),
            after: None,
        },
    )?;
    Ok(())
}

/// One line of a buyer's portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PortfolioRow {
    pub relationship: Relationship,
    pub supplier_org_name: Option<String>,
    pub scope: Option<Scope>,
    pub assessment_id: Option<String>,
    pub assessment_level: Option<u8>,
    pub review_status: Option<String>,
    pub valid_until: Option<String>,
    pub declared: bool,
    /// The imported attestation (issued by another instance) valid the longest: level and last
    /// day of validity. Verified when imported.
    pub imported: Option<(u8, String)>,
    /// The latest signed result of the shared assessment was revoked by the supplier.
    pub result_revoked: bool,
    /// The shared assessment's catalog pin (`catalog@edition`).
    pub assessment_pin: Option<String>,
    /// Criteria of the shared assessment answered met or not applicable.
    pub done_answers: i64,
}

/// A number that changes (by triggers, in the writing transaction) whenever anything the
/// buyer's portfolio shows changes: its relationships, shares, the shared assessments' reviews,
/// levels, answers and signed results, its suppliers' names. Other buyers' changes leave it alone.
pub fn portfolio_generation(c: &ReadTx, buyer: &crate::OrgScope) -> Result<i64> {
    Ok(c.query_opt(
        "SELECT n FROM portfolio_generations WHERE buyer_org = ?1",
        [buyer.org_id()],
        |r| r.get(0),
    )?
    .unwrap_or(0))
}

/// A buyer's portfolio as one snapshot: what a cache keeps until the generation moves.
#[derive(Debug, Clone)]
pub struct PortfolioSnapshot {
    /// The portfolio generation the rows were read at.
    pub generation: i64,
    /// Every supplier not archived, with what each shared.
    pub rows: Vec<PortfolioRow>,
    /// The archived suppliers: (relationship id, name, archived at). Archiving bumps the
    /// generation too, so they can be kept beside the rows.
    pub archived: Vec<(String, String, i64)>,
}

/// The portfolio generation, the buyer's rows and archived suppliers, read in the caller's one
/// transaction (one snapshot), so the generation a cache tags them with is never newer than they.
pub fn portfolio_snapshot(c: &ReadTx, buyer: &crate::OrgScope) -> Result<PortfolioSnapshot> {
    Ok(PortfolioSnapshot {
        generation: portfolio_generation(c, buyer)?,
        rows: portfolio(c, buyer)?,
        archived: archived(c, buyer)?,
    })
}

/// Every supplier of a buyer, with what each shared (one query).
pub fn portfolio(c: &ReadTx, buyer: &crate::OrgScope) -> Result<Vec<PortfolioRow>> {
    let buyer_org = buyer.org_id();
    let rows = c.query_map(
&format!(
        "SELECT {COLUMNS}, so.name, s.scope, s.assessment_id, a.level, v.status, v.valid_until, v.declared_on,
                (SELECT i.level || ' ' || i.valid_until FROM imported_attestations i
                 WHERE i.relationship_id = r.id AND i.revoked = FALSE ORDER BY i.valid_until DESC, i.level DESC LIMIT 1),
                (SELECT t.revoked_at IS NOT NULL FROM attestations t
                 WHERE t.assessment_id = s.assessment_id ORDER BY t.issued_at DESC, t.id DESC LIMIT 1),
                a.catalog || '@' || a.edition,
                d.n
         FROM relationships r
         LEFT JOIN orgs so ON so.id = r.supplier_org
         LEFT JOIN shares s ON s.relationship_id = r.id
         LEFT JOIN assessments a ON a.id = s.assessment_id
         LEFT JOIN reviews v ON v.assessment_id = s.assessment_id
         -- The answered criteria of every shared assessment, counted in one pass (a count per
         -- row took 10,000 index scans: 207 → 71 ms on PostgreSQL with 10,000 suppliers).
         LEFT JOIN (SELECT n.assessment_id, COUNT(*) AS n FROM answers n
                    WHERE n.status IN ('met', 'not-applicable')
                      AND n.assessment_id IN (SELECT s2.assessment_id FROM shares s2
                                              JOIN relationships r2 ON r2.id = s2.relationship_id
                                              WHERE r2.buyer_org = ?1)
                    GROUP BY n.assessment_id) d ON d.assessment_id = s.assessment_id
         WHERE r.buyer_org = ?1 AND r.archived_at IS NULL
         ORDER BY r.supplier_name, r.id"
    ),
[buyer_org], |r| {
        let scope: Option<String> = r.get(16)?;
        Ok(PortfolioRow {
            relationship: row(r)?,
            supplier_org_name: r.get(15)?,
            scope: scope.as_deref().and_then(Scope::parse),
            assessment_id: r.get(17)?,
            assessment_level: r.get::<Option<i64>>(18)?.map(|l| l.clamp(0, 255) as u8),
            review_status: r.get(19)?,
            valid_until: r.get(20)?,
            declared: r.get::<Option<String>>(21)?.is_some(),
            imported: r.get::<Option<String>>(22)?.and_then(|s| {
                let (level, until) = s.split_once(' ')?;
                Some((level.parse().ok()?, until.to_string()))
            }),
            result_revoked: r.get::<Option<bool>>(23)?.unwrap_or(false),
            assessment_pin: r.get(24)?,
            done_answers: r.get::<Option<i64>>(25)?.unwrap_or(0),
        })
    })?;
    Ok(rows)
}

/// The buyers of a supplier, with the buyer's name and the current share.
pub fn buyers(
    c: &ReadTx,
    supplier: &crate::OrgScope,
) -> Result<Vec<(Relationship, String, Option<Share>)>> {
    let supplier_org = supplier.org_id();
    let rels = c.query_map(
        &format!(
            "SELECT {COLUMNS}, o.name FROM relationships r JOIN orgs o ON o.id = r.buyer_org
         WHERE r.supplier_org = ?1 ORDER BY o.name, r.id"
        ),
        [supplier_org],
        |r| Ok((row(r)?, r.get::<String>(15)?)),
    )?;
    let mut out = Vec::new();
    for (rel, name) in rels {
        let s = share_of(c, &rel.id)?;
        out.push((rel, name, s));
    }
    Ok(out)
}

/// How long a bulk registration preview can be confirmed, in seconds.
pub const PREVIEW_SECS: i64 = 30 * 60;

/// Keeps the file of a bulk registration preview until its confirmation (with several servers
/// on one database; a single server keeps it in memory). One per buyer and person: an earlier
/// preview of the same person is replaced. The token is kept only as its hash.
pub fn put_preview(
    tx: &WriteTx,
    now: i64,
    token: &str,
    buyer: &crate::OrgScope,
    user: &str,
    file_name: &str,
    file: &[u8],
) -> Result<()> {
    tx.execute(
        "DELETE FROM bulk_previews WHERE created_at < ?1 OR (org_id = ?2 AND user_id = ?3)",
        params![now - PREVIEW_SECS, buyer.org_id(), user],
    )?;
    tx.execute(
        "INSERT INTO bulk_previews (id, org_id, user_id, payload, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            crate::token_hash(token),
            buyer.org_id(),
            user,
            serde_json::json!({"file_name": file_name, "file": hoshi_core::base64::encode(file)})
                .to_string(),
            now
        ],
    )?;
    Ok(())
}

/// The file (name, bytes) of preview `token` when it is this person's, for this buyer, and still
/// valid; removed in any case (a confirmation is used once).
pub fn take_preview(
    tx: &WriteTx,
    now: i64,
    token: &str,
    buyer: &crate::OrgScope,
    user: &str,
) -> Result<Option<(String, Vec<u8>)>> {
    let hash = crate::token_hash(token);
    let found = tx.query_opt(
        "SELECT org_id, user_id, payload, created_at FROM bulk_previews WHERE id = ?1",
        [&hash],
        |r| {
            Ok((
                r.get::<String>(0)?,
                r.get::<String>(1)?,
                r.get::<String>(2)?,
                r.get::<i64>(3)?,
            ))
        },
    )?;
    let Some((org, owner, payload, at)) = found else {
        return Ok(None);
    };
    if org != buyer.org_id() || owner != user {
        return Ok(None);
    }
    tx.execute("DELETE FROM bulk_previews WHERE id = ?1", [&hash])?;
    if now - at >= PREVIEW_SECS {
        return Ok(None);
    }
    let v: serde_json::Value = serde_json::from_str(&payload)
        .map_err(|e| StoreError::Io(format!("bulk preview unreadable: {e}")))?;
    let name = v["file_name"].as_str().unwrap_or("").to_string();
    let file = v["file"]
        .as_str()
        .and_then(hoshi_core::base64::decode)
        .ok_or_else(|| StoreError::Io("bulk preview unreadable".into()))?;
    Ok(Some((name, file)))
}
