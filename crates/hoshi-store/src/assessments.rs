//! Assessments and their answers, with optimistic concurrency on each answer.
//!
//! Every read takes the organisation ID along with the assessment ID, so an assessment of another
//! organisation is simply not found.

use hoshi_core::UserError;
use std::collections::BTreeMap;

use crate::db::{ReadTx, WriteTx};
use crate::params;
use hoshi_core::{Answer, Assessment, Status};
use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Change};
use crate::{Result, StoreError, new_id};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssessmentRow {
    pub id: String,
    pub org_id: String,
    pub title: String,
    pub catalog: String,
    pub edition: String,
    pub level: u8,
    pub created_by: String,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerRow {
    pub criterion_id: String,
    pub answer: Answer,
    pub version: i64,
    pub updated_by: String,
    pub updated_at: i64,
}

const COLUMNS: &str =
    "id, org_id, title, catalog, edition, level, created_by, created_at, updated_at";

fn row(r: &crate::db::Row) -> crate::Result<AssessmentRow> {
    Ok(AssessmentRow {
        id: r.get(0)?,
        org_id: r.get(1)?,
        title: r.get(2)?,
        catalog: r.get(3)?,
        edition: r.get(4)?,
        level: r.get::<i64>(5)?.clamp(0, 255) as u8,
        created_by: r.get(6)?,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

pub struct NewAssessment<'a> {
    pub org_id: &'a str,
    pub title: &'a str,
    pub catalog: &'a str,
    pub edition: &'a str,
    pub level: u8,
}

pub fn create(tx: &WriteTx, now: i64, actor: &str, a: NewAssessment) -> Result<AssessmentRow> {
    let title = a.title.trim();
    if title.is_empty() || title.chars().count() > 200 {
        return Err(StoreError::Rule(UserError::TitleBad));
    }
    let id = new_id();
    tx.execute(
        "INSERT INTO assessments (id, org_id, title, catalog, edition, level, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![id, a.org_id, title, a.catalog, a.edition, a.level as i64, actor, now],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(a.org_id),
            action: "assessment.create",
            target: &format!("assessment:{id}"),
            before: None,
            after: Some(
                json!({"title": title, "catalog": a.catalog, "edition": a.edition, "level": a.level}),
            ),
        },
    )?;
    of_org(tx, a.org_id, &id)
}

pub fn list(c: &ReadTx, scope: &crate::OrgScope) -> Result<Vec<AssessmentRow>> {
    let org_id = scope.org_id();
    let rows = c.query_map(
        &format!(
            "SELECT {COLUMNS} FROM assessments WHERE org_id = ?1 ORDER BY updated_at DESC, id"
        ),
        [org_id],
        row,
    )?;
    Ok(rows)
}

/// The assessment `id` of the organisation in scope; `NotFound` for any other organisation's.
pub fn get(c: &ReadTx, scope: &crate::OrgScope, id: &str) -> Result<AssessmentRow> {
    of_org(c, scope.org_id(), id)
}

/// The assessment `id` of organisation `org_id` (for the store's own writes, which were given a
/// checked organisation); `NotFound` for any other organisation's.
pub(crate) fn of_org(c: &ReadTx, org_id: &str, id: &str) -> Result<AssessmentRow> {
    c.query_row(
        &format!("SELECT {COLUMNS} FROM assessments WHERE id = ?1 AND org_id = ?2"),
        params![id, org_id],
        row,
    )
}

fn answer_row(r: &crate::db::Row) -> crate::Result<AnswerRow> {
    let status: String = r.get(1)?;
    let evidence: String = r.get(3)?;
    Ok(AnswerRow {
        criterion_id: r.get(0)?,
        answer: Answer {
            status: Status::parse(&status).unwrap_or(Status::Unanswered),
            reason: r.get(2)?,
            evidence: evidence
                .lines()
                .map(str::to_string)
                .filter(|l| !l.is_empty())
                .collect(),
            note: r.get(4)?,
        },
        version: r.get(5)?,
        updated_by: r.get(6)?,
        updated_at: r.get(7)?,
    })
}

/// All answers of an assessment of the organisation in scope (none for anyone else's).
pub fn answers(
    c: &ReadTx,
    scope: &crate::OrgScope,
    assessment_id: &str,
) -> Result<BTreeMap<String, AnswerRow>> {
    let rows = c.query_map(
"SELECT n.criterion_id, n.status, n.reason, n.evidence, n.note, n.version, n.updated_by, n.updated_at
         FROM answers n JOIN assessments a ON a.id = n.assessment_id
         WHERE n.assessment_id = ?1 AND a.org_id = ?2",
params![assessment_id, scope.org_id()], answer_row)?;
    let mut out = BTreeMap::new();
    for r in rows {
        out.insert(r.criterion_id.clone(), r);
    }
    Ok(out)
}

pub fn answer(c: &ReadTx, assessment_id: &str, criterion_id: &str) -> Result<Option<AnswerRow>> {
    c.query_opt(
        "SELECT criterion_id, status, reason, evidence, note, version, updated_by, updated_at
             FROM answers WHERE assessment_id = ?1 AND criterion_id = ?2",
        params![assessment_id, criterion_id],
        answer_row,
    )
}

/// The assessment as the engine sees it.
pub fn to_core(
    a: &AssessmentRow,
    answers: &BTreeMap<String, AnswerRow>,
    organisation: &str,
) -> Assessment {
    Assessment {
        catalog: a.catalog.clone(),
        edition: a.edition.clone(),
        level: a.level,
        organisation: organisation.to_string(),
        answers: answers
            .iter()
            .map(|(k, v)| (k.clone(), v.answer.clone()))
            .collect(),
    }
}

fn answer_json(a: &Answer) -> serde_json::Value {
    json!({"status": a.status.id(), "reason": a.reason, "evidence": a.evidence, "note": a.note})
}

/// Saves one answer if nobody changed it since `expected_version` (0 = not answered yet).
/// Returns the stored row; `Conflict` carries the version someone else wrote.
#[allow(clippy::too_many_arguments)]
pub fn save_answer(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    assessment_id: &str,
    criterion_id: &str,
    expected_version: i64,
    answer: &Answer,
) -> Result<AnswerRow> {
    answer
        .check()
        .map_err(|hoshi_core::AnswerError::MissingReason| {
            StoreError::Rule(UserError::NaNeedsReason)
        })?;
    let a = of_org(tx, org_id, assessment_id)?;
    if !crate::reviews::editable(tx, assessment_id)? {
        return Err(StoreError::Rule(UserError::AssessmentLocked));
    }
    let before = self::answer(tx, assessment_id, criterion_id)?;
    let current = before.as_ref().map(|b| b.version).unwrap_or(0);
    if current != expected_version {
        return Err(StoreError::Conflict {
            current_version: current,
        });
    }
    if before.as_ref().is_some_and(|b| &b.answer == answer) {
        return Ok(before.expect("checked"));
    }
    // Compare-and-set on the version, in the statement itself: with several servers on one
    // database, two saves from the same version cannot both pass the check above (each reads
    // before the other writes); the second one's statement finds the version moved and changes
    // nothing, so it ends in a conflict instead of overwriting the first.
    let evidence = answer.evidence.join("\n");
    let values = params![
        assessment_id,
        criterion_id,
        answer.status.id(),
        answer.reason,
        evidence,
        answer.note,
        current + 1,
        actor,
        now,
        current
    ];
    let changed = if current == 0 {
        tx.execute(
            "INSERT INTO answers (assessment_id, criterion_id, status, reason, evidence, note, version, updated_by, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (assessment_id, criterion_id) DO NOTHING",
            &values[..9],
        )?
    } else {
        tx.execute(
            "UPDATE answers SET status = ?3, reason = ?4, evidence = ?5, note = ?6, version = ?7,
                 updated_by = ?8, updated_at = ?9
             WHERE assessment_id = ?1 AND criterion_id = ?2 AND version = ?10",
            values,
        )?
    };
    if changed != 1 {
        let now_at = self::answer(tx, assessment_id, criterion_id)?.map_or(0, |b| b.version);
        return Err(StoreError::Conflict {
            current_version: now_at,
        });
    }
    tx.execute(
        "UPDATE assessments SET updated_at = ?2 WHERE id = ?1",
        params![assessment_id, now],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(&a.org_id),
            action: "answer.save",
            target: &format!("assessment:{assessment_id}/{criterion_id}"),
            before: before.as_ref().map(|b| answer_json(&b.answer)),
            after: Some(answer_json(answer)),
        },
    )?;
    self::answer(tx, assessment_id, criterion_id)?.ok_or(StoreError::NotFound)
}
