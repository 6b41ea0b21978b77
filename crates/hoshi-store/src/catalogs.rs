//! What the instance records about its catalogs. The catalogs themselves are files (bundled, or
//! imported into `<data>/catalogs/`); the store counts the assessments that rest on one and keeps
//! the audit entry of an administrator's import.

use crate::db::{ReadTx, WriteTx};
use crate::params;
use serde_json::json;

use crate::Result;
use crate::audit::{self, Change};

/// How many assessments, of any organisation, use `catalog@edition`. Only a number leaves the
/// store: the administrator's catalog page shows it, and a catalog in use is never replaced.
pub fn assessments_using(c: &ReadTx, catalog: &str, edition: &str) -> Result<i64> {
    c.query_row(
        "SELECT COUNT(*) FROM assessments WHERE catalog = ?1 AND edition = ?2",
        params![catalog, edition],
        |r| r.get(0),
    )
}

/// The audit entry of an administrator's import of the official workbook.
pub fn record_import(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    pin: &str,
    sha256: &str,
    replaced: bool,
) -> Result<()> {
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: None,
            action: if replaced {
                "catalog.replace"
            } else {
                "catalog.import"
            },
            target: &format!("catalog:{pin}"),
            before: None,
            after: Some(json!({ "sha256": sha256 })),
        },
    )?;
    Ok(())
}
