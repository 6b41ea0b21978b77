//! Moving an SQLite data directory to PostgreSQL (`hoshi db migrate-to`): every table, the
//! evidence files into the database, then a check that the counts match and the audit chain is
//! intact with the same head. The target must be empty; the rows go in one transaction, so a
//! failure leaves nothing half-copied (evidence files already copied are content-addressed and
//! harmless).

use crate::db::{Owned, ToValue, WriteTx};
use crate::{Backend, Result, Store, StoreError, audit};

/// The tables in an order that keeps every reference valid while rows are inserted. Not copied:
/// `schema_migrations` (the target has its own), `portfolio_generations` (counters; caches
/// start empty), `sign_in_budget` (a minute's counts), `evidence_blobs` (empty on SQLite; the
/// files are copied from the data directory), `audit_head` (set from the copied chain),
/// `mail_posture_claims` (each organisation's latest posture check start, a minute's rule).
pub const TABLES: &[&str] = &[
    "users",
    "recovery_codes",
    "sessions",
    "setup_tokens",
    "orgs",
    "memberships",
    "invitations",
    "assessments",
    "answers",
    "audit_log",
    "evidence",
    "evidence_links",
    "api_tokens",
    "relationships",
    "relationship_invites",
    "shares",
    "expert_profiles",
    "reviews",
    "review_invites",
    "review_comments",
    "mail_outbox",
    "reminders",
    "evaluation_bodies",
    "evaluation_results",
    "attestations",
    "report_inputs",
    "imported_attestations",
    "login_throttle",
    "password_resets",
    "catalog_files",
    "bulk_previews",
    "deployment_settings",
    "scan_targets",
    "scans",
    "scan_schedules",
    "assets",
    "asset_inventories",
    "asset_software",
    "asset_reviews",
    "vuln_reports",
    "asset_review_reminders",
    "account_checks",
    "backup_targets",
    "backup_runs",
    "fraud_profiles",
    "mail_checks",
    "mail_posture_runs",
    "documents",
    "document_versions",
    "document_reads",
    "document_inputs",
    "recurring_tasks",
    "task_checks",
    "task_reminders",
    "training_sessions",
    "training_attendance",
    "incidents",
    "incident_events",
    "register_entries",
];

/// What was moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// Rows per table, as counted in both databases afterwards.
    pub rows: Vec<(&'static str, i64)>,
    pub files: usize,
    pub file_bytes: u64,
    pub audit_entries: i64,
    pub audit_head: String,
}

fn count(s: &Store, table: &str) -> Result<i64> {
    s.read(|c| c.query_row(&format!("SELECT COUNT(*) FROM {table}"), (), |r| r.get(0)))
}

/// Copies everything from `source` (SQLite) into `target` (PostgreSQL, empty), then checks.
/// `progress` hears each step.
pub fn copy_all(source: &Store, target: &Store, progress: &mut dyn FnMut(&str)) -> Result<Moved> {
    let Backend::Sqlite(src) = &source.backend else {
        return Err(StoreError::Io(
            "the source must be an SQLite data directory".into(),
        ));
    };
    if !target.is_shared() {
        return Err(StoreError::Io(
            "the target must be a PostgreSQL database".into(),
        ));
    }
    for t in ["users", "orgs", "audit_log"] {
        let n = count(target, t)?;
        if n > 0 {
            return Err(StoreError::Io(format!(
                "the target database is not empty ({n} rows in {t}); migrate into a new, empty database"
            )));
        }
    }
    let before = source.read(audit::verify)?;
    if let Some((seq, why)) = &before.first_broken {
        return Err(StoreError::Io(format!(
            "the source's audit chain is broken at entry {seq} ({}); nothing was copied",
            why.reason(hoshi_core::Lang::En)
        )));
    }

    // Evidence files first: content-addressed, each in its own small transaction.
    let shas: Vec<String> = source.read(|c| {
        c.query_map(
            "SELECT DISTINCT sha256 FROM evidence WHERE sha256 IS NOT NULL ORDER BY sha256",
            (),
            |r| r.get(0),
        )
    })?;
    let mut file_bytes = 0u64;
    for (i, sha) in shas.iter().enumerate() {
        let bytes = source.get_blob(sha)?;
        file_bytes += bytes.len() as u64;
        target.put_blob(&bytes)?;
        if (i + 1) % 100 == 0 {
            progress(&format!("evidence files: {} of {}", i + 1, shas.len()));
        }
    }
    progress(&format!(
        "evidence files: {} ({} bytes)",
        shas.len(),
        file_bytes
    ));

    // Every row, in one transaction on the target, from one snapshot of the source.
    let conn = src.reader()?;
    target.write(|tx| {
        for table in TABLES {
            let n = copy_table(&conn, tx, table)?;
            progress(&format!("{table}: {n} rows"));
        }
        tx.execute(
            "UPDATE audit_head SET seq = ?1, hash = ?2 WHERE id = 1",
            crate::params![before.entries, before.head],
        )?;
        Ok(())
    })?;

    // Check: the same counts on both sides, the chain intact with the same head.
    let mut rows = Vec::new();
    for table in TABLES {
        let (a, b) = (count(source, table)?, count(target, table)?);
        if a != b {
            return Err(StoreError::Io(format!(
                "{table}: {a} rows in the source but {b} in the target"
            )));
        }
        rows.push((*table, b));
    }
    let after = target.read(audit::verify)?;
    if after.first_broken.is_some() || after.head != before.head || after.entries != before.entries
    {
        return Err(StoreError::Io(format!(
            "the audit chain in the target does not match the source ({} entries, head {}; source {} entries, head {})",
            after.entries, after.head, before.entries, before.head
        )));
    }
    for sha in &shas {
        target.get_blob(sha)?;
    }
    Ok(Moved {
        rows,
        files: shas.len(),
        file_bytes,
        audit_entries: after.entries,
        audit_head: after.head,
    })
}

fn copy_table(src: &rusqlite::Connection, tx: &WriteTx, table: &str) -> Result<i64> {
    let mut st = src.prepare(&format!("SELECT * FROM {table}"))?;
    let names: Vec<String> = st.column_names().map(str::to_string).collect();
    let insert = format!(
        "INSERT INTO {table} ({}) VALUES ({})",
        names.join(", "),
        (1..=names.len())
            .map(|i| format!("?{i}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut rows = st.query([])?;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        let mut values = Vec::with_capacity(names.len());
        for i in 0..names.len() {
            use rusqlite::types::ValueRef as V;
            values.push(match r.get_ref(i)? {
                V::Null => Owned::Null,
                V::Integer(x) => Owned::Int(x),
                V::Real(x) => Owned::Real(x),
                V::Text(t) => Owned::Text(String::from_utf8_lossy(t).into_owned()),
                V::Blob(b) => Owned::Blob(b.to_vec()),
            });
        }
        let params: Vec<&dyn ToValue> = values.iter().map(|v| v as &dyn ToValue).collect();
        tx.execute(&insert, &params[..])?;
        n += 1;
    }
    Ok(n)
}
