//! Evidence records (files and links) and their links to criteria.

use crate::db::{ReadTx, WriteTx};
use crate::params;
use hoshi_core::UserError;
use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Change};
use crate::{Result, StoreError, new_id};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub id: String,
    pub org_id: String,
    pub kind: String,
    pub title: String,
    pub file_name: Option<String>,
    pub sha256: Option<String>,
    pub size: Option<i64>,
    pub media_type: Option<String>,
    pub url: Option<String>,
    /// YYYY-MM-DD
    pub effective_date: String,
    /// YYYY-MM-DD, when the evidence stops being valid.
    pub expires_date: Option<String>,
    pub created_by: String,
    pub created_at: i64,
}

impl Evidence {
    /// Expired on `today` (YYYY-MM-DD, compared as text).
    pub fn expired(&self, today: &str) -> bool {
        self.expires_date.as_deref().is_some_and(|d| d < today)
    }
}

const COLUMNS: &str = "id, org_id, kind, title, file_name, sha256, size, media_type, url, effective_date, expires_date, created_by, created_at";

fn row(r: &crate::db::Row) -> crate::Result<Evidence> {
    Ok(Evidence {
        id: r.get(0)?,
        org_id: r.get(1)?,
        kind: r.get(2)?,
        title: r.get(3)?,
        file_name: r.get(4)?,
        sha256: r.get(5)?,
        size: r.get(6)?,
        media_type: r.get(7)?,
        url: r.get(8)?,
        effective_date: r.get(9)?,
        expires_date: r.get(10)?,
        created_by: r.get(11)?,
        created_at: r.get(12)?,
    })
}

/// A file or a link to record.
pub enum Source<'a> {
    File {
        file_name: &'a str,
        sha256: &'a str,
        size: i64,
        media_type: &'a str,
    },
    Link {
        url: &'a str,
    },
}

pub struct NewEvidence<'a> {
    pub org_id: &'a str,
    pub title: &'a str,
    pub source: Source<'a>,
    pub effective_date: &'a str,
    pub expires_date: Option<&'a str>,
}

fn is_date(s: &str) -> bool {
    hoshi_core::time::parse_date(s).is_some_and(|(y, ..)| (1990..=2200).contains(&y))
}

pub fn create(tx: &WriteTx, now: i64, actor: &str, e: NewEvidence) -> Result<Evidence> {
    let title = e.title.trim();
    if title.is_empty() || title.chars().count() > 200 {
        return Err(StoreError::Rule(UserError::EvidenceTitle));
    }
    if !is_date(e.effective_date) {
        return Err(StoreError::Rule(UserError::EvidenceDate));
    }
    if let Some(x) = e.expires_date {
        if !is_date(x) {
            return Err(StoreError::Rule(UserError::EvidenceDate));
        }
        if x < e.effective_date {
            return Err(StoreError::Rule(UserError::EvidenceExpiryBefore));
        }
    }
    let id = new_id();
    let (kind, file_name, sha, size, media, url) = match e.source {
        Source::File {
            file_name,
            sha256,
            size,
            media_type,
        } => (
            "file",
            Some(file_name),
            Some(sha256),
            Some(size),
            Some(media_type),
            None,
        ),
        Source::Link { url } => ("link", None, None, None, None, Some(url)),
    };
    tx.execute(
        "INSERT INTO evidence (id, org_id, kind, title, file_name, sha256, size, media_type, url, effective_date, expires_date, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![id, e.org_id, kind, title, file_name, sha, size, media, url, e.effective_date, e.expires_date, actor, now],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(e.org_id),
            action: "evidence.create",
            target: &format!("evidence:{id}"),
            before: None,
            after: Some(
                json!({"kind": kind, "title": title, "file_name": file_name, "sha256": sha, "url": url,
                "effective_date": e.effective_date, "expires_date": e.expires_date}),
            ),
        },
    )?;
    of_org(tx, e.org_id, &id)
}

/// The evidence `id` of the organisation in scope; `NotFound` for any other organisation's.
pub fn get(c: &ReadTx, scope: &crate::OrgScope, id: &str) -> Result<Evidence> {
    of_org(c, scope.org_id(), id)
}

pub(crate) fn of_org(c: &ReadTx, org_id: &str, id: &str) -> Result<Evidence> {
    c.query_row(
        &format!("SELECT {COLUMNS} FROM evidence WHERE id = ?1 AND org_id = ?2"),
        params![id, org_id],
        row,
    )
}

pub fn list(c: &ReadTx, scope: &crate::OrgScope) -> Result<Vec<Evidence>> {
    let org_id = scope.org_id();
    let rows = c.query_map(
        &format!("SELECT {COLUMNS} FROM evidence WHERE org_id = ?1 ORDER BY created_at DESC, id"),
        [org_id],
        row,
    )?;
    Ok(rows)
}

/// Links evidence to a criterion of an assessment; both must belong to `org_id`.
pub fn link(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    evidence_id: &str,
    assessment_id: &str,
    criterion_id: &str,
) -> Result<()> {
    of_org(tx, org_id, evidence_id)?;
    crate::assessments::of_org(tx, org_id, assessment_id)?;
    let n = tx.execute(
        "INSERT INTO evidence_links (evidence_id, assessment_id, criterion_id, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (evidence_id, assessment_id, criterion_id) DO NOTHING",
        params![evidence_id, assessment_id, criterion_id, actor, now],
    )?;
    if n == 1 {
        audit::append(
            tx,
            now,
            Change {
                actor: Some(actor),
                org_id: Some(org_id),
                action: "evidence.link",
                target: &format!("assessment:{assessment_id}/{criterion_id}"),
                before: None,
                after: Some(json!({"evidence": evidence_id})),
            },
        )?;
    }
    Ok(())
}

pub fn unlink(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    evidence_id: &str,
    assessment_id: &str,
    criterion_id: &str,
) -> Result<()> {
    crate::assessments::of_org(tx, org_id, assessment_id)?;
    let n = tx.execute(
        "DELETE FROM evidence_links WHERE evidence_id = ?1 AND assessment_id = ?2 AND criterion_id = ?3",
        params![evidence_id, assessment_id, criterion_id],
    )?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "evidence.unlink",
            target: &format!("assessment:{assessment_id}/{criterion_id}"),
            before: Some(json!({"evidence": evidence_id})),
            after: None,
        },
    )?;
    Ok(())
}

/// Evidence linked to each criterion of an assessment of the organisation in scope.
pub fn for_assessment(
    c: &ReadTx,
    scope: &crate::OrgScope,
    assessment_id: &str,
) -> Result<Vec<(String, Evidence)>> {
    let cols: String = COLUMNS
        .split(", ")
        .map(|col| format!("e.{col}"))
        .collect::<Vec<_>>()
        .join(", ");
    let rows = c.query_map(
        &format!(
        "SELECT l.criterion_id, {cols} FROM evidence_links l JOIN evidence e ON e.id = l.evidence_id
         WHERE l.assessment_id = ?1 AND e.org_id = ?2 ORDER BY l.criterion_id, e.created_at"
    ),
        params![assessment_id, scope.org_id()],
        |r| {
            let crit: String = r.get(0)?;
            let e = Evidence {
                id: r.get(1)?,
                org_id: r.get(2)?,
                kind: r.get(3)?,
                title: r.get(4)?,
                file_name: r.get(5)?,
                sha256: r.get(6)?,
                size: r.get(7)?,
                media_type: r.get(8)?,
                url: r.get(9)?,
                effective_date: r.get(10)?,
                expires_date: r.get(11)?,
                created_by: r.get(12)?,
                created_at: r.get(13)?,
            };
            Ok((crit, e))
        },
    )?;
    Ok(rows)
}

/// Where an evidence item is used: (assessment id, criterion id).
/// Where evidence of the organisation in scope is used: (assessment, criterion).
pub fn uses(
    c: &ReadTx,
    scope: &crate::OrgScope,
    evidence_id: &str,
) -> Result<Vec<(String, String)>> {
    let rows = c.query_map(
"SELECT l.assessment_id, l.criterion_id FROM evidence_links l JOIN evidence e ON e.id = l.evidence_id
         WHERE l.evidence_id = ?1 AND e.org_id = ?2 ORDER BY l.assessment_id, l.criterion_id",
params![evidence_id, scope.org_id()], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    Ok(rows)
}
