//! Expert review of an assessment and the management declaration.
//!
//! Status flow: draft → submitted → in-review → returned | confirmed; a confirmed result expires
//! when its valid-until date passes (derived on read). Every step is audited.

use crate::db::{ReadTx, WriteTx};
use crate::params;
use hoshi_core::{ReviewStatus, ReviewStep, UserError};
use serde::Serialize;

use crate::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Review {
    pub assessment_id: String,
    pub status: ReviewStatus,
    pub expert_user: Option<String>,
    pub submitted_at: Option<i64>,
    pub confirmed_at: Option<i64>,
    pub valid_until: Option<String>,
    pub officer_name: Option<String>,
    pub officer_title: Option<String>,
    pub declared_on: Option<String>,
    pub declared_by: Option<String>,
    pub statement: Option<String>,
    pub updated_at: i64,
    /// For ★4: the evaluation body reviewing on its organisation's behalf.
    pub evaluator_org: Option<String>,
    /// The officer declared in person, under their own account (with a second factor).
    pub declared_in_person: bool,
    /// A declaration recorded on an officer's behalf: the evidence holding the officer's signed
    /// statement.
    pub declaration_evidence: Option<String>,
}

pub(crate) const COLUMNS: &str = "assessment_id, status, expert_user, submitted_at, confirmed_at, valid_until, officer_name, officer_title, declared_on, declared_by, statement, updated_at, evaluator_org, declared_in_person, declaration_evidence";

pub(crate) fn row(r: &crate::db::Row) -> crate::Result<Review> {
    Ok(Review {
        assessment_id: r.get(0)?,
        status: {
            let id: String = r.get(1)?;
            ReviewStatus::parse(&id)
                .ok_or_else(|| crate::db::type_error(1, format!("unknown review status {id:?}")))?
        },
        expert_user: r.get(2)?,
        submitted_at: r.get(3)?,
        confirmed_at: r.get(4)?,
        valid_until: r.get(5)?,
        officer_name: r.get(6)?,
        officer_title: r.get(7)?,
        declared_on: r.get(8)?,
        declared_by: r.get(9)?,
        statement: r.get(10)?,
        updated_at: r.get(11)?,
        evaluator_org: r.get(12)?,
        declared_in_person: r.get(13)?,
        declaration_evidence: r.get(14)?,
    })
}

/// The review of an assessment of the organisation in scope; `None` while it is a draft nobody
/// submitted (or the assessment is someone else's).
pub fn get(c: &ReadTx, scope: &crate::OrgScope, assessment_id: &str) -> Result<Option<Review>> {
    let cols: String = COLUMNS
        .split(", ")
        .map(|col| format!("v.{col}"))
        .collect::<Vec<_>>()
        .join(", ");
    c.query_opt(
        &format!(
            "SELECT {cols} FROM reviews v JOIN assessments a ON a.id = v.assessment_id
             WHERE v.assessment_id = ?1 AND a.org_id = ?2"
        ),
        params![assessment_id, scope.org_id()],
        row,
    )
}

/// The review of an assessment, for the store's own checks and writes.
pub(crate) fn of_assessment(c: &ReadTx, assessment_id: &str) -> Result<Option<Review>> {
    c.query_opt(
        &format!("SELECT {COLUMNS} FROM reviews WHERE assessment_id = ?1"),
        params![assessment_id],
        row,
    )
}

use serde_json::json;

use crate::audit::{self, Change};
use crate::{StoreError, new_id, new_token, token_hash};

/// Answers can change only while the assessment is a draft or was returned.
pub fn editable(c: &ReadTx, assessment_id: &str) -> Result<bool> {
    Ok(of_assessment(c, assessment_id)?.is_none_or(|r| r.status.answers_editable()))
}

fn set_status(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    aid: &str,
    step: ReviewStep,
) -> Result<Review> {
    let r = of_assessment(tx, aid)?.ok_or(StoreError::Rule(UserError::ReviewNoExpert))?;
    let to = r
        .status
        .after(step)
        .ok_or(StoreError::Rule(UserError::ReviewWrongState(r.status)))?;
    tx.execute(
        "UPDATE reviews SET status = ?2, updated_at = ?3 WHERE assessment_id = ?1",
        params![aid, to.id(), now],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: &format!("review.{}", to.id()),
            target: &format!("assessment:{aid}"),
            before: Some(json!({"status": r.status.id()})),
            after: Some(json!({"status": to.id()})),
        },
    )?;
    Ok(of_assessment(tx, aid)?.expect("exists"))
}

/// A single-use link for an expert to review `aid` (of `org_id`, checked by the caller).
pub fn invite_expert(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    aid: &str,
    days: i64,
) -> Result<String> {
    crate::assessments::of_org(tx, org_id, aid)?;
    reviewer_may_change(tx, aid)?;
    let token = new_token();
    tx.execute(
        "INSERT INTO review_invites (token_hash, assessment_id, created_by, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![token_hash(&token), aid, actor, now, now + days * 86_400],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "review.invite_expert",
            target: &format!("assessment:{aid}"),
            before: None,
            after: Some(json!({"expires_at": now + days * 86_400})),
        },
    )?;
    Ok(token)
}

/// Refuses a new reviewer once the review has started or ended.
fn reviewer_may_change(c: &ReadTx, aid: &str) -> Result<()> {
    match of_assessment(c, aid)? {
        Some(r) if !r.status.reviewer_replaceable() => {
            Err(StoreError::Rule(UserError::ReviewWrongState(r.status)))
        }
        _ => Ok(()),
    }
}

/// The assessment and organisation behind an unused, unexpired expert invitation.
pub fn expert_invitation(
    c: &ReadTx,
    now: i64,
    token: &str,
) -> Result<Option<(crate::assessments::AssessmentRow, String)>> {
    let found: Option<(String, String)> = c.query_opt(
        "SELECT a.org_id, a.id FROM review_invites i JOIN assessments a ON a.id = i.assessment_id
             WHERE i.token_hash = ?1 AND i.used_at IS NULL AND i.expires_at > ?2",
        params![token_hash(token), now],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let Some((org, aid)) = found else {
        return Ok(None);
    };
    let a = crate::assessments::of_org(c, &org, &aid)?;
    let name: String = c.query_row("SELECT name FROM orgs WHERE id = ?1", [&org], |r| r.get(0))?;
    Ok(Some((a, name)))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpertProfile {
    pub user_id: String,
    pub qualification: String,
    pub registration_number: String,
}

pub fn profile(c: &ReadTx, user: &str) -> Result<Option<ExpertProfile>> {
    c
        .query_opt(
            "SELECT user_id, qualification, registration_number FROM expert_profiles WHERE user_id = ?1",
            [user],
            |r| Ok(ExpertProfile { user_id: r.get(0)?, qualification: r.get(1)?, registration_number: r.get(2)? }),
        )
}

/// The expert accepts: the profile is recorded and the expert is assigned to the assessment.
pub fn accept_expert(
    tx: &WriteTx,
    now: i64,
    user: &str,
    token: &str,
    qualification: &str,
    registration: &str,
) -> Result<String> {
    let (a, _) =
        expert_invitation(tx, now, token)?.ok_or(StoreError::Rule(UserError::InvitationInvalid))?;
    if a.level >= 4 {
        // ★4 is reviewed by an evaluation body, not by an individual expert.
        return Err(StoreError::Rule(UserError::Star4NeedsBody));
    }
    let (q, reg) = (qualification.trim(), registration.trim());
    if q.is_empty() || q.chars().count() > 200 || reg.is_empty() || reg.chars().count() > 100 {
        return Err(StoreError::Rule(UserError::ExpertProfileBad));
    }
    if crate::orgs::membership(tx, user, &a.org_id)?.is_some() {
        return Err(StoreError::Rule(UserError::ExpertIsMember));
    }
    reviewer_may_change(tx, &a.id)?;
    tx.execute(
        "INSERT INTO expert_profiles (user_id, qualification, registration_number, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (user_id) DO UPDATE SET qualification = excluded.qualification, registration_number = excluded.registration_number",
        params![user, q, reg, now],
    )?;
    let used = tx.execute(
        "UPDATE review_invites SET used_at = ?2, used_by = ?3 WHERE token_hash = ?1 AND used_at IS NULL",
        params![token_hash(token), now, user],
    )?;
    if used != 1 {
        return Err(StoreError::Rule(UserError::InvitationInvalid));
    }
    tx.execute(
        "INSERT INTO reviews (assessment_id, status, expert_user, updated_at) VALUES (?1, 'draft', ?2, ?3)
         ON CONFLICT (assessment_id) DO UPDATE SET expert_user = excluded.expert_user, updated_at = excluded.updated_at",
        params![a.id, user, now],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(user),
            org_id: Some(&a.org_id),
            action: "review.expert_assigned",
            target: &format!("assessment:{}", a.id),
            before: None,
            after: Some(json!({"expert": user, "qualification": q, "registration_number": reg})),
        },
    )?;
    Ok(a.id)
}

/// A member of an evaluation body accepts a ★4 review on the body's behalf.
pub fn accept_evaluator(
    tx: &WriteTx,
    now: i64,
    user: &str,
    token: &str,
    body_org: &str,
) -> Result<String> {
    let (a, _) =
        expert_invitation(tx, now, token)?.ok_or(StoreError::Rule(UserError::InvitationInvalid))?;
    if a.level < 4 {
        return Err(StoreError::Rule(UserError::EvaluatorForStar4Only));
    }
    if !crate::evaluation::acts_for(tx, user, body_org)? {
        return Err(StoreError::Rule(UserError::EvaluatorNotBody));
    }
    if body_org == a.org_id || crate::orgs::membership(tx, user, &a.org_id)?.is_some() {
        return Err(StoreError::Rule(UserError::ExpertIsMember));
    }
    reviewer_may_change(tx, &a.id)?;
    let used = tx.execute(
        "UPDATE review_invites SET used_at = ?2, used_by = ?3 WHERE token_hash = ?1 AND used_at IS NULL",
        params![token_hash(token), now, user],
    )?;
    if used != 1 {
        return Err(StoreError::Rule(UserError::InvitationInvalid));
    }
    tx.execute(
        "INSERT INTO reviews (assessment_id, status, expert_user, evaluator_org, updated_at) VALUES (?1, 'draft', ?2, ?3, ?4)
         ON CONFLICT (assessment_id) DO UPDATE SET expert_user = excluded.expert_user, evaluator_org = excluded.evaluator_org, updated_at = excluded.updated_at",
        params![a.id, user, body_org, now],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(user),
            org_id: Some(&a.org_id),
            action: "review.evaluator_assigned",
            target: &format!("assessment:{}", a.id),
            before: None,
            after: Some(json!({"evaluator": user, "evaluation_body": body_org})),
        },
    )?;
    Ok(a.id)
}

/// The supplier asks the assigned expert to confirm.
/// Takes a submission back before the reviewer has started: the answers can be changed again.
pub fn withdraw(tx: &WriteTx, now: i64, actor: &str, org_id: &str, aid: &str) -> Result<Review> {
    crate::assessments::of_org(tx, org_id, aid)?;
    set_status(tx, now, actor, org_id, aid, ReviewStep::Withdraw)
}

pub fn submit(tx: &WriteTx, now: i64, actor: &str, org_id: &str, aid: &str) -> Result<Review> {
    crate::assessments::of_org(tx, org_id, aid)?;
    let r = set_status(tx, now, actor, org_id, aid, ReviewStep::Submit)?;
    tx.execute(
        "UPDATE reviews SET submitted_at = ?2 WHERE assessment_id = ?1",
        params![aid, now],
    )?;
    Ok(Review {
        submitted_at: Some(now),
        ..r
    })
}

/// The assessment `aid` if `expert` is its assigned expert.
pub fn for_expert_one(
    c: &ReadTx,
    expert: &str,
    aid: &str,
) -> Result<(crate::OrgScope, crate::assessments::AssessmentRow, Review)> {
    let r = of_assessment(c, aid)?.ok_or(StoreError::NotFound)?;
    let allowed = match &r.evaluator_org {
        // ★4: whoever acts for the assigned evaluation body.
        Some(body) => crate::evaluation::acts_for(c, expert, body)?,
        None => r.expert_user.as_deref() == Some(expert),
    };
    if !allowed {
        return Err(StoreError::NotFound);
    }
    let org: String = c.query_row("SELECT org_id FROM assessments WHERE id = ?1", [aid], |x| {
        x.get(0)
    })?;
    Ok((
        crate::OrgScope::checked(&org),
        crate::assessments::of_org(c, &org, aid)?,
        r,
    ))
}

/// Assessments assigned to an expert, with the organisation's name.
pub fn for_expert(
    c: &ReadTx,
    expert: &str,
) -> Result<Vec<(crate::assessments::AssessmentRow, String, Review)>> {
    let ids = c
        .query_map(
"SELECT a.org_id, a.id, o.name FROM reviews v JOIN assessments a ON a.id = v.assessment_id JOIN orgs o ON o.id = a.org_id
         WHERE (v.evaluator_org IS NULL AND v.expert_user = ?1)
            OR v.evaluator_org IN (SELECT b.org_id FROM evaluation_bodies b JOIN memberships m ON m.org_id = b.org_id WHERE m.user_id = ?1 AND m.role IN ('owner', 'editor'))
         ORDER BY v.updated_at DESC",
[expert], |r| {
            Ok((
                r.get::<String>(0)?,
                r.get::<String>(1)?,
                r.get::<String>(2)?,
            ))
        })?
        ;
    let mut out = Vec::new();
    for (org, aid, name) in ids {
        let a = crate::assessments::of_org(c, &org, &aid)?;
        let r = of_assessment(c, &aid)?.expect("joined");
        out.push((a, name, r));
    }
    Ok(out)
}

pub fn start(tx: &WriteTx, now: i64, expert: &str, aid: &str) -> Result<Review> {
    let (_, a, _) = for_expert_one(tx, expert, aid)?;
    set_status(tx, now, expert, &a.org_id, aid, ReviewStep::Start)
}

/// Sends the assessment back for changes with the reviewer's reason, which the supplier sees as a
/// general comment (no criterion).
pub fn return_for_changes(
    tx: &WriteTx,
    now: i64,
    expert: &str,
    aid: &str,
    reason: &str,
) -> Result<Review> {
    let (_, a, _) = for_expert_one(tx, expert, aid)?;
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > 5000 {
        return Err(StoreError::Rule(UserError::ReturnReasonMissing));
    }
    comment(tx, now, expert, &a.org_id, aid, "", reason)?;
    set_status(tx, now, expert, &a.org_id, aid, ReviewStep::Return)
}

/// Confirms; the caller checked that the self-assessment reaches its level.
pub fn confirm(
    tx: &WriteTx,
    now: i64,
    expert: &str,
    aid: &str,
    valid_until: &str,
) -> Result<Review> {
    let (_, a, r) = for_expert_one(tx, expert, aid)?;
    match &r.evaluator_org {
        Some(body) => {
            crate::evaluation::body_of(tx, body)?
                .ok_or(StoreError::Rule(UserError::EvaluatorNotBody))?;
        }
        None => {
            if a.level >= 4 {
                return Err(StoreError::Rule(UserError::EvaluatorForStar4Only));
            }
            profile(tx, expert)?.ok_or(StoreError::Rule(UserError::ExpertProfileBad))?;
        }
    }
    set_status(tx, now, expert, &a.org_id, aid, ReviewStep::Confirm)?;
    tx.execute(
        "UPDATE reviews SET confirmed_at = ?2, valid_until = ?3 WHERE assessment_id = ?1",
        params![aid, now, valid_until],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(expert),
            org_id: Some(&a.org_id),
            action: "review.valid_until",
            target: &format!("assessment:{aid}"),
            before: None,
            after: Some(json!({"valid_until": valid_until})),
        },
    )?;
    Ok(of_assessment(tx, aid)?.expect("exists"))
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    pub id: String,
    pub criterion_id: String,
    pub author: String,
    pub author_name: String,
    pub body: String,
    pub created_at: i64,
}

pub fn comment(
    tx: &WriteTx,
    now: i64,
    author: &str,
    org_id: &str,
    aid: &str,
    criterion: &str,
    body: &str,
) -> Result<()> {
    let body = comment_body(body)?;
    let status = of_assessment(tx, aid)?.map_or(ReviewStatus::Draft, |r| r.status);
    if !status.takes_comments() {
        return Err(StoreError::Rule(UserError::ReviewWrongState(status)));
    }
    insert_comment(
        tx,
        now,
        author,
        org_id,
        aid,
        criterion,
        body,
        "review.comment",
    )
}

/// The supplier's answer to the reviewer's comments on a criterion (a member of `org_id`, checked
/// by the caller), while the review is in progress or after a return.
pub fn reply(
    tx: &WriteTx,
    now: i64,
    author: &str,
    org_id: &str,
    aid: &str,
    criterion: &str,
    body: &str,
) -> Result<()> {
    crate::assessments::of_org(tx, org_id, aid)?;
    let body = comment_body(body)?;
    let status = of_assessment(tx, aid)?.map_or(ReviewStatus::Draft, |r| r.status);
    if !status.takes_replies() {
        return Err(StoreError::Rule(UserError::ReviewWrongState(status)));
    }
    insert_comment(
        tx,
        now,
        author,
        org_id,
        aid,
        criterion,
        body,
        "review.reply",
    )
}

/// A comment's text, trimmed: 1 to 5,000 characters.
fn comment_body(body: &str) -> Result<&str> {
    let body = body.trim();
    if body.is_empty() || body.chars().count() > 5000 {
        return Err(StoreError::Rule(UserError::CommentBad));
    }
    Ok(body)
}

/// Stores a comment (the reviewer's or the supplier's answer) with its audit entry.
#[allow(clippy::too_many_arguments)]
fn insert_comment(
    tx: &WriteTx,
    now: i64,
    author: &str,
    org_id: &str,
    aid: &str,
    criterion: &str,
    body: &str,
    action: &str,
) -> Result<()> {
    let id = new_id();
    tx.execute(
        "INSERT INTO review_comments (id, assessment_id, criterion_id, author, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, aid, criterion, author, body, now],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(author),
            org_id: Some(org_id),
            action,
            target: &format!("assessment:{aid}/{criterion}"),
            before: None,
            after: Some(json!({"comment": body})),
        },
    )?;
    Ok(())
}

/// The expert's comments on an assessment of the organisation in scope.
pub fn comments(c: &ReadTx, scope: &crate::OrgScope, aid: &str) -> Result<Vec<Comment>> {
    let rows = c.query_map(
"SELECT m.id, m.criterion_id, m.author, u.display_name, m.body, m.created_at FROM review_comments m JOIN users u ON u.id = m.author
         JOIN assessments a ON a.id = m.assessment_id
         WHERE m.assessment_id = ?1 AND a.org_id = ?2 ORDER BY m.created_at, m.id",
params![aid, scope.org_id()], |r| {
        Ok(Comment {
            id: r.get(0)?,
            criterion_id: r.get(1)?,
            author: r.get(2)?,
            author_name: r.get(3)?,
            body: r.get(4)?,
            created_at: r.get(5)?,
        })
    })?;
    Ok(rows)
}

/// Who makes the management declaration.
#[derive(Debug, Clone, Copy)]
pub enum Declarer<'a> {
    /// The acting user, a member recorded as an officer, under their own account with a second
    /// factor: their name comes from the account, their title from the membership.
    InPerson,
    /// An owner records the declaration of an officer without an account here; the officer's
    /// signed statement is the organisation's file evidence `evidence_id`.
    OnBehalf {
        officer_name: &'a str,
        officer_title: &'a str,
        evidence_id: &'a str,
    },
}

/// The management declaration of a confirmed result (the exact statement shown is kept).
#[allow(clippy::too_many_arguments)]
pub fn declare(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    aid: &str,
    who: Declarer,
    date: &str,
    statement: &str,
) -> Result<Review> {
    crate::assessments::of_org(tx, org_id, aid)?;
    let r = of_assessment(tx, aid)?.ok_or(StoreError::Rule(UserError::DeclareNotConfirmed))?;
    if r.status != ReviewStatus::Confirmed {
        return Err(StoreError::Rule(UserError::DeclareNotConfirmed));
    }
    let (name, title, in_person, evidence) = declarer(tx, actor, org_id, who)?;
    if name.is_empty()
        || title.is_empty()
        || name.chars().count() > 100
        || title.chars().count() > 100
        || date.len() != 10
    {
        return Err(StoreError::Rule(UserError::DeclareBad));
    }
    tx.execute(
        "UPDATE reviews SET officer_name = ?2, officer_title = ?3, declared_on = ?4, declared_by = ?5, statement = ?6, updated_at = ?7, declared_in_person = ?8, declaration_evidence = ?9 WHERE assessment_id = ?1",
        params![aid, name, title, date, actor, statement, now, in_person, evidence],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "review.declare",
            target: &format!("assessment:{aid}"),
            before: None,
            after: Some(json!({
                "officer_name": name,
                "officer_title": title,
                "date": date,
                "statement": statement,
                "in_person": in_person,
                "signed_statement": evidence,
            })),
        },
    )?;
    Ok(of_assessment(tx, aid)?.expect("exists"))
}

/// The declaring officer's name and title, whether in person, and the signed statement's
/// evidence — or why this declarer cannot declare.
fn declarer(
    tx: &WriteTx,
    actor: &str,
    org_id: &str,
    who: Declarer,
) -> Result<(String, String, bool, Option<String>)> {
    match who {
        Declarer::InPerson => {
            let (name, title, mfa): (String, Option<String>, bool) = tx
                .query_opt(
                    "SELECT u.display_name, m.officer_title, u.totp_secret IS NOT NULL
                     FROM memberships m JOIN users u ON u.id = m.user_id
                     WHERE m.org_id = ?1 AND m.user_id = ?2",
                    params![org_id, actor],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )?
                .ok_or(StoreError::NotFound)?;
            let title = title.ok_or(StoreError::Rule(UserError::DeclareNotOfficer))?;
            if !mfa {
                return Err(StoreError::Rule(UserError::DeclareNeedsMfa));
            }
            Ok((name.trim().to_string(), title, true, None))
        }
        Declarer::OnBehalf {
            officer_name,
            officer_title,
            evidence_id,
        } => {
            let file: Option<Option<String>> = tx.query_opt(
                "SELECT sha256 FROM evidence WHERE id = ?1 AND org_id = ?2",
                params![evidence_id, org_id],
                |r| r.get(0),
            )?;
            if !matches!(file, Some(Some(_))) {
                return Err(StoreError::Rule(UserError::DeclareStatementMissing));
            }
            Ok((
                officer_name.trim().to_string(),
                officer_title.trim().to_string(),
                false,
                Some(evidence_id.to_string()),
            ))
        }
    }
}
