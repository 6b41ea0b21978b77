//! What the instance records about its catalogs. The catalogs themselves are files (bundled, or
//! imported into `<data>/catalogs/`; with several servers on PostgreSQL, imported files are kept
//! in the database so that every server loads them); the store counts the assessments that rest
//! on one and keeps the audit entry of an administrator's import.

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

/// Keeps an imported catalog file (TOML) in the database for every server, replacing an earlier
/// one of the same name. Run in the transaction that records the import.
pub fn save_file(tx: &WriteTx, now: i64, file_name: &str, content: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO catalog_files (file_name, content, imported_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (file_name) DO UPDATE SET content = excluded.content, imported_at = excluded.imported_at",
        params![file_name, content, now],
    )?;
    Ok(())
}

/// The catalog files kept in the database: (file name, content), by name.
pub fn files(c: &ReadTx) -> Result<Vec<(String, String)>> {
    c.query_map(
        "SELECT file_name, content FROM catalog_files ORDER BY file_name",
        (),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Changes whenever a catalog file is added or replaced (a server compares it to reload).
pub fn files_stamp(c: &ReadTx) -> Result<String> {
    c.query_row(
        "SELECT COUNT(*), COALESCE(MAX(imported_at), 0), COALESCE(SUM(LENGTH(content)), 0) FROM catalog_files",
        (),
        |r| {
            Ok(format!(
                "{}:{}:{}",
                r.get::<i64>(0)?,
                r.get::<i64>(1)?,
                r.get::<i64>(2)?
            ))
        },
    )
}
