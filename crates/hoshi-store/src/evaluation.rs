//! ★4: evaluation bodies and their per-requirement results.
//!
//! An organisation declares itself an evaluation body (accreditation and registration number, as
//! it states them). A supplier's ★4 assessment is reviewed by such a body: its members record, per
//! requirement, the outcome of document review, on-site review and technical verification. The
//! review's status flow is the same as for ★3 (see [`crate::reviews`]).

use crate::db::{ReadTx, WriteTx};
use crate::params;
use hoshi_core::{ReviewStatus, UserError};
use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Change};
use crate::{Result, StoreError};

/// The three ways a ★4 requirement is verified.
pub const METHODS: [&str; 3] = ["document", "onsite", "technical"];
/// Outcomes: met, not met, not applicable to this supplier.
pub const RESULTS: [&str; 3] = ["pass", "fail", "na"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Body {
    pub org_id: String,
    pub accreditation: String,
    pub registration_number: String,
}

pub fn body_of(c: &ReadTx, org_id: &str) -> Result<Option<Body>> {
    c
        .query_opt(
            "SELECT org_id, accreditation, registration_number FROM evaluation_bodies WHERE org_id = ?1",
            [org_id],
            |r| {
                Ok(Body {
                    org_id: r.get(0)?,
                    accreditation: r.get(1)?,
                    registration_number: r.get(2)?,
                })
            },
        )
}

/// An owner declares (or updates) the organisation as an evaluation body.
pub fn register_body(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    accreditation: &str,
    registration: &str,
) -> Result<Body> {
    let (a, r) = (accreditation.trim(), registration.trim());
    if a.is_empty() || a.chars().count() > 200 || r.is_empty() || r.chars().count() > 100 {
        return Err(StoreError::Rule(UserError::EvaluationBodyBad));
    }
    let before = body_of(tx, org_id)?;
    tx.execute(
        "INSERT INTO evaluation_bodies (org_id, accreditation, registration_number, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (org_id) DO UPDATE SET accreditation = excluded.accreditation, registration_number = excluded.registration_number",
        params![org_id, a, r, now],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "evaluation_body.register",
            target: &format!("org:{org_id}"),
            before: before.map(|b| json!({"accreditation": b.accreditation, "registration_number": b.registration_number})),
            after: Some(json!({"accreditation": a, "registration_number": r})),
        },
    )?;
    Ok(body_of(tx, org_id)?.expect("just written"))
}

/// Evaluation bodies in which `user` is an owner or editor: (org id, org name).
pub fn bodies_of_user(c: &ReadTx, user: &str) -> Result<Vec<(String, String)>> {
    let rows = c.query_map(
        "SELECT o.id, o.name FROM evaluation_bodies b JOIN orgs o ON o.id = b.org_id
         JOIN memberships m ON m.org_id = o.id
         WHERE m.user_id = ?1 AND m.role IN ('owner', 'editor') ORDER BY o.name",
        [user],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(rows)
}

/// True when `user` acts for evaluation body `org_id` (owner or editor).
pub fn acts_for(c: &ReadTx, user: &str, org_id: &str) -> Result<bool> {
    Ok(
        crate::orgs::membership(c, user, org_id)?.is_some_and(|m| m.role.can_edit())
            && body_of(c, org_id)?.is_some(),
    )
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvalResult {
    pub requirement_id: String,
    pub method: String,
    pub result: String,
    pub note: String,
    pub recorded_by: String,
    pub recorded_at: i64,
}

/// The ★4 results recorded for an assessment of the organisation in scope.
pub fn results(c: &ReadTx, scope: &crate::OrgScope, aid: &str) -> Result<Vec<EvalResult>> {
    let rows = c.query_map(
        "SELECT e.requirement_id, e.method, e.result, e.note, e.recorded_by, e.recorded_at
         FROM evaluation_results e JOIN assessments a ON a.id = e.assessment_id
         WHERE e.assessment_id = ?1 AND a.org_id = ?2 ORDER BY e.requirement_id, e.method",
        params![aid, scope.org_id()],
        |r| {
            Ok(EvalResult {
                requirement_id: r.get(0)?,
                method: r.get(1)?,
                result: r.get(2)?,
                note: r.get(3)?,
                recorded_by: r.get(4)?,
                recorded_at: r.get(5)?,
            })
        },
    )?;
    Ok(rows)
}

/// Records the three results for one requirement (the caller checked that the requirement belongs
/// to the assessment's level and that `actor` acts for the assigned body). Only while in review.
#[allow(clippy::too_many_arguments)]
pub fn record(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    aid: &str,
    requirement: &str,
    outcomes: &[(&str, &str)],
    note: &str,
) -> Result<()> {
    let r = crate::reviews::of_assessment(tx, aid)?.ok_or(StoreError::NotFound)?;
    if r.status != ReviewStatus::InReview {
        return Err(StoreError::Rule(UserError::ReviewWrongState(r.status)));
    }
    let note = note.trim();
    if note.chars().count() > 2000 {
        return Err(StoreError::Rule(UserError::EvaluationBad));
    }
    for (method, result) in outcomes {
        if !METHODS.contains(method) || !RESULTS.contains(result) {
            return Err(StoreError::Rule(UserError::EvaluationBad));
        }
        tx.execute(
            "INSERT INTO evaluation_results (assessment_id, requirement_id, method, result, note, recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (assessment_id, requirement_id, method) DO UPDATE SET result = excluded.result, note = excluded.note, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at",
            params![aid, requirement, method, result, note, actor, now],
        )?;
    }
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "evaluation.record",
            target: &format!("assessment:{aid}/{requirement}"),
            before: None,
            after: Some(
                json!({"results": outcomes.iter().map(|(m, r)| json!({"method": m, "result": r})).collect::<Vec<_>>(), "note": note}),
            ),
        },
    )?;
    Ok(())
}
