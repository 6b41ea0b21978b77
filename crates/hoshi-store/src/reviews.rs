//! Expert review of an assessment and the management declaration.
//!
//! Status flow: draft → submitted → in-review → returned | confirmed; a confirmed result expires
//! when its valid-until date passes (derived on read). Every step is audited.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Review {
    pub assessment_id: String,
    pub status: String,
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
}

pub(crate) const COLUMNS: &str = "assessment_id, status, expert_user, submitted_at, confirmed_at, valid_until, officer_name, officer_title, declared_on, declared_by, statement, updated_at";

pub(crate) fn row(r: &rusqlite::Row) -> rusqlite::Result<Review> {
    Ok(Review {
        assessment_id: r.get(0)?,
        status: r.get(1)?,
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
    })
}

/// The review of an assessment; `None` while it is a draft nobody submitted.
pub fn get(c: &Connection, assessment_id: &str) -> Result<Option<Review>> {
    Ok(c.query_row(
        &format!("SELECT {COLUMNS} FROM reviews WHERE assessment_id = ?1"),
        params![assessment_id],
        row,
    )
    .optional()?)
}
