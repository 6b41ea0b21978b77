//! Account checks kept for an organisation (issue 14): uploaded account exports checked by
//! `hoshi-accounts`. Each row keeps the full report (account names and IDs: for the
//! organisation's members only) and a counts-only summary (what may become evidence), both as
//! the caller rendered them; the store does not read either.
//!
//! Reads take an [`OrgScope`]: another organisation's check is not found.

use serde_json::json;

use crate::audit::{self, Change};
use crate::db::{ReadTx, Row, WriteTx};
use crate::params;
use crate::{OrgScope, Result, new_id};

/// A check as listed (without its report and summary).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountCheck {
    pub id: String,
    pub created_by_name: String,
    pub created_at: i64,
    /// `YYYY-MM-DD` (Japan): the day the accounts were checked against.
    pub today: String,
    pub stale_days: i64,
    /// The files read (JSON, as the caller wrote it).
    pub sources: String,
    /// SHA-256 of the report, hex.
    pub sha256: String,
    pub accounts: i64,
    pub findings: i64,
    /// The worst severity found (`critical` … `low`), empty when nothing was found.
    pub worst: String,
}

/// A check with what it kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptCheck {
    pub check: AccountCheck,
    /// The full report (JSON), with account names.
    pub report: String,
    /// The counts-only summary (JSON).
    pub summary: String,
}

/// What a new check holds.
pub struct NewCheck<'a> {
    pub today: &'a str,
    pub stale_days: i64,
    pub sources: &'a str,
    pub report: &'a str,
    pub summary: &'a str,
    pub sha256: &'a str,
    pub accounts: i64,
    pub findings: i64,
    pub worst: &'a str,
}

/// Keeps a check, with its audit entry (counts only: no account names enter the audit log).
pub fn insert(tx: &WriteTx, now: i64, actor: &str, org_id: &str, c: NewCheck) -> Result<String> {
    let id = new_id();
    tx.execute(
        "INSERT INTO account_checks (id, org_id, created_by, created_at, today, stale_days,
             sources, report, summary, sha256, accounts, findings, worst)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            id,
            org_id,
            actor,
            now,
            c.today,
            c.stale_days,
            c.sources,
            c.report,
            c.summary,
            c.sha256,
            c.accounts,
            c.findings,
            c.worst
        ],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "account_check.create",
            target: &format!("account_check:{id}"),
            before: None,
            after: Some(json!({"today": c.today, "stale_days": c.stale_days,
                "sha256": c.sha256, "accounts": c.accounts, "findings": c.findings,
                "worst": c.worst})),
        },
    )?;
    Ok(id)
}

const COLUMNS: &str = "k.id, u.display_name, k.created_at, k.today, k.stale_days, k.sources,
    k.sha256, k.accounts, k.findings, k.worst";

fn check_row(r: &Row) -> Result<AccountCheck> {
    Ok(AccountCheck {
        id: r.get(0)?,
        created_by_name: r.get(1)?,
        created_at: r.get(2)?,
        today: r.get(3)?,
        stale_days: r.get(4)?,
        sources: r.get(5)?,
        sha256: r.get(6)?,
        accounts: r.get(7)?,
        findings: r.get(8)?,
        worst: r.get(9)?,
    })
}

/// The organisation's checks, newest first, at most `limit`.
pub fn list(c: &ReadTx, scope: &OrgScope, limit: i64) -> Result<Vec<AccountCheck>> {
    c.query_map(
        &format!(
            "SELECT {COLUMNS} FROM account_checks k JOIN users u ON u.id = k.created_by
             WHERE k.org_id = ?1 ORDER BY k.created_at DESC, k.id DESC LIMIT ?2"
        ),
        params![scope.org_id(), limit],
        check_row,
    )
}

/// One check of the organisation with its report and summary; another organisation's is not
/// found.
pub fn get(c: &ReadTx, scope: &OrgScope, id: &str) -> Result<KeptCheck> {
    c.query_row(
        &format!(
            "SELECT {COLUMNS}, k.report, k.summary FROM account_checks k
             JOIN users u ON u.id = k.created_by
             WHERE k.id = ?1 AND k.org_id = ?2"
        ),
        params![id, scope.org_id()],
        |r| {
            Ok(KeptCheck {
                check: check_row(r)?,
                report: r.get(10)?,
                summary: r.get(11)?,
            })
        },
    )
}

#[cfg(all(test, feature = "testing"))]
mod tests {
    use super::*;
    use crate::StoreError;

    fn new_check<'a>(today: &'a str, report: &'a str) -> NewCheck<'a> {
        NewCheck {
            today,
            stale_days: 90,
            sources: r#"[{"format":"m365_users","rows":2}]"#,
            report,
            summary: r#"{"accounts":2}"#,
            sha256: "00",
            accounts: 2,
            findings: 1,
            worst: "high",
        }
    }

    #[test]
    fn kept_listed_newest_first_and_kept_within_the_organisation() {
        let d = tempfile::tempdir().unwrap();
        let s = crate::db::testing::open(d.path());
        let (u, org, other) = crate::db::testing::owner_with_two_orgs(&s);
        let first = s
            .write(|tx| insert(tx, 2000, &u, &org, new_check("2026-12-01", "{\"a\":1}")))
            .unwrap();
        let second = s
            .write(|tx| insert(tx, 3000, &u, &org, new_check("2026-12-02", "{\"a\":2}")))
            .unwrap();
        let scope = OrgScope::operator(&org);
        let all = s.read(|c| list(c, &scope, 10)).unwrap();
        let ids: Vec<&str> = all.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, [second.as_str(), first.as_str()]);
        assert_eq!(all[0].created_by_name, "オーナー");
        assert_eq!(all[0].worst, "high");
        let kept = s.read(|c| get(c, &scope, &first)).unwrap();
        assert_eq!(kept.report, "{\"a\":1}");
        assert_eq!(kept.check.today, "2026-12-01");
        let elsewhere = OrgScope::operator(&other);
        assert!(matches!(
            s.read(|c| get(c, &elsewhere, &first)),
            Err(StoreError::NotFound)
        ));
        assert!(s.read(|c| list(c, &elsewhere, 10)).unwrap().is_empty());
    }
}
