//! Mail domain posture checks kept for an organisation (issue 15): each run of `hoshi-posture`
//! on the organisation's own mail domains, with the report (`hoshi-posture/1` JSON) and its
//! printable page in Japanese and English as the caller rendered them; the store reads neither.
//!
//! A check connects to other people's servers, so an organisation starts one at a time and at
//! most once a minute ([`claim`]), on every server sharing the database: the claim is a row
//! written under the write lock, finished by [`record`] or [`release`]; a claim older than
//! [`LEASE`] seconds is taken to have ended (a server stopped mid-check).
//!
//! Reads take an [`OrgScope`]: another organisation's checks are not found.

use serde_json::json;

use crate::audit::{self, Change};
use crate::db::{ReadTx, Row, WriteTx};
use crate::params;
use crate::{OrgScope, Result, new_id};

/// Seconds between two starts of an organisation's checks.
pub const MIN_INTERVAL: i64 = 60;
/// Seconds after which an unfinished claim no longer blocks (longer than a check may run).
pub const LEASE: i64 = 180;

/// The answer to [`claim`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// The check may run; finish it with [`record`] or [`release`].
    Granted,
    /// Another check of the organisation is running.
    Running,
    /// The last check started less than a minute ago: wait this many seconds.
    TooSoon { seconds: i64 },
}

/// Claims the right to run a check for `org_id` now.
pub fn claim(tx: &WriteTx, now: i64, actor: &str, org_id: &str) -> Result<Claim> {
    let last: Option<(i64, Option<i64>)> = tx.query_opt(
        "SELECT started_at, finished_at FROM mail_posture_claims WHERE org_id = ?1",
        [org_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if let Some((started, finished)) = last {
        let since = now - started;
        if finished.is_none() && since < LEASE {
            return Ok(Claim::Running);
        }
        if since < MIN_INTERVAL {
            return Ok(Claim::TooSoon {
                seconds: MIN_INTERVAL - since.max(0),
            });
        }
    }
    tx.execute(
        "INSERT INTO mail_posture_claims (org_id, started_by, started_at, finished_at)
         VALUES (?1, ?2, ?3, NULL)
         ON CONFLICT (org_id) DO UPDATE SET started_by = ?2, started_at = ?3, finished_at = NULL",
        params![org_id, actor, now],
    )?;
    Ok(Claim::Granted)
}

/// Ends a claimed check that kept nothing (it failed or ran out of time). The minute between
/// starts still counts from its start.
pub fn release(tx: &WriteTx, now: i64, org_id: &str) -> Result<()> {
    tx.execute(
        "UPDATE mail_posture_claims SET finished_at = ?2 WHERE org_id = ?1",
        params![org_id, now],
    )?;
    Ok(())
}

/// What a finished check keeps.
pub struct NewRun<'a> {
    /// The domains checked, separated by spaces.
    pub domains: &'a str,
    /// The DKIM selectors asked for, separated by spaces (empty: the common ones).
    pub selectors: &'a str,
    /// The worst finding: `good`, `info`, `low`, `medium` or `high`.
    pub worst: &'a str,
    pub high: i64,
    pub medium: i64,
    pub low: i64,
    /// The `hoshi-posture/1` report.
    pub report: &'a str,
    /// The printable page, in Japanese and in English.
    pub page_ja: &'a str,
    pub page_en: &'a str,
}

/// Keeps a finished check with its audit entry (domains and counts) and ends the claim.
pub fn record(tx: &WriteTx, now: i64, actor: &str, org_id: &str, run: NewRun) -> Result<String> {
    let id = new_id();
    tx.execute(
        "INSERT INTO mail_posture_runs (id, org_id, checked_by, checked_at, domains, selectors,
             worst, high, medium, low, report, page_ja, page_en)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            id,
            org_id,
            actor,
            now,
            run.domains,
            run.selectors,
            run.worst,
            run.high,
            run.medium,
            run.low,
            run.report,
            run.page_ja,
            run.page_en
        ],
    )?;
    release(tx, now, org_id)?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "mail_posture.check",
            target: &format!("mail_posture:{id}"),
            before: None,
            after: Some(json!({"domains": run.domains, "selectors": run.selectors,
                "worst": run.worst, "high": run.high, "medium": run.medium, "low": run.low})),
        },
    )?;
    Ok(id)
}

/// A check as listed (without its report and pages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostureRun {
    pub id: String,
    pub checked_by_name: String,
    pub checked_at: i64,
    pub domains: String,
    pub selectors: String,
    pub worst: String,
    pub high: i64,
    pub medium: i64,
    pub low: i64,
}

const COLUMNS: &str = "p.id, u.display_name, p.checked_at, p.domains, p.selectors, p.worst,
    p.high, p.medium, p.low";

fn run_row(r: &Row) -> Result<PostureRun> {
    Ok(PostureRun {
        id: r.get(0)?,
        checked_by_name: r.get(1)?,
        checked_at: r.get(2)?,
        domains: r.get(3)?,
        selectors: r.get(4)?,
        worst: r.get(5)?,
        high: r.get(6)?,
        medium: r.get(7)?,
        low: r.get(8)?,
    })
}

/// The organisation's checks, newest first, at most `limit`.
pub fn list(c: &ReadTx, scope: &OrgScope, limit: i64) -> Result<Vec<PostureRun>> {
    c.query_map(
        &format!(
            "SELECT {COLUMNS} FROM mail_posture_runs p JOIN users u ON u.id = p.checked_by
             WHERE p.org_id = ?1 ORDER BY p.checked_at DESC, p.id DESC LIMIT ?2"
        ),
        params![scope.org_id(), limit],
        run_row,
    )
}

/// The organisation's newest check with its report, if any.
pub fn latest(c: &ReadTx, scope: &OrgScope) -> Result<Option<(PostureRun, String)>> {
    c.query_opt(
        &format!(
            "SELECT {COLUMNS}, p.report FROM mail_posture_runs p
             JOIN users u ON u.id = p.checked_by
             WHERE p.org_id = ?1 ORDER BY p.checked_at DESC, p.id DESC LIMIT 1"
        ),
        [scope.org_id()],
        |r| Ok((run_row(r)?, r.get(9)?)),
    )
}

/// The printable page of the organisation's newest check, in Japanese (`ja`) or English, with
/// the check; `None` when it has none.
pub fn latest_page(c: &ReadTx, scope: &OrgScope, ja: bool) -> Result<Option<(PostureRun, String)>> {
    let column = if ja { "p.page_ja" } else { "p.page_en" };
    c.query_opt(
        &format!(
            "SELECT {COLUMNS}, {column} FROM mail_posture_runs p
             JOIN users u ON u.id = p.checked_by
             WHERE p.org_id = ?1 ORDER BY p.checked_at DESC, p.id DESC LIMIT 1"
        ),
        [scope.org_id()],
        |r| Ok((run_row(r)?, r.get(9)?)),
    )
}

#[cfg(all(test, feature = "testing"))]
mod tests {
    use super::*;
    use crate::Store;

    fn setup() -> (tempfile::TempDir, Store, String, String, String) {
        let d = tempfile::tempdir().unwrap();
        let s = crate::db::testing::open(d.path());
        let (u, org, other) = crate::db::testing::owner_with_two_orgs(&s);
        (d, s, u, org, other)
    }

    fn run<'a>(worst: &'a str, report: &'a str) -> NewRun<'a> {
        NewRun {
            domains: "hoshikawa-seiki.co.jp",
            selectors: "s1",
            worst,
            high: 0,
            medium: 1,
            low: 2,
            report,
            page_ja: "<p>日本語</p>",
            page_en: "<p>English</p>",
        }
    }

    #[test]
    fn one_check_at_a_time_and_once_a_minute_per_organisation() {
        let (_d, s, u, org, other) = setup();
        let claim_at = |t: i64, o: &str| s.write(|tx| claim(tx, t, &u, o)).unwrap();
        assert_eq!(claim_at(2000, &org), Claim::Granted);
        // Running: refused, even after the minute, until the lease passes.
        assert_eq!(claim_at(2010, &org), Claim::Running);
        assert_eq!(claim_at(2100, &org), Claim::Running);
        // Another organisation is not held up.
        assert_eq!(claim_at(2010, &other), Claim::Granted);
        // A claim left by a stopped server ends with its lease.
        assert_eq!(claim_at(2000 + LEASE, &org), Claim::Granted);
        // Finished (nothing kept): the minute still counts from the start.
        s.write(|tx| release(tx, 2000 + LEASE + 5, &org)).unwrap();
        assert_eq!(
            claim_at(2000 + LEASE + 20, &org),
            Claim::TooSoon { seconds: 40 }
        );
        assert_eq!(claim_at(2000 + LEASE + 60, &org), Claim::Granted);
        // Recording ends the claim too.
        s.write(|tx| record(tx, 2000 + LEASE + 70, &u, &org, run("medium", "{}")))
            .unwrap();
        assert!(matches!(
            claim_at(2000 + LEASE + 80, &org),
            Claim::TooSoon { .. }
        ));
    }

    #[test]
    fn checks_are_kept_newest_first_within_the_organisation() {
        let (_d, s, u, org, other) = setup();
        let scope = OrgScope::operator(&org);
        assert!(s.read(|c| latest(c, &scope)).unwrap().is_none());
        let first = s
            .write(|tx| record(tx, 2000, &u, &org, run("high", "{\"n\":1}")))
            .unwrap();
        let second = s
            .write(|tx| record(tx, 3000, &u, &org, run("medium", "{\"n\":2}")))
            .unwrap();
        let all = s.read(|c| list(c, &scope, 10)).unwrap();
        let ids: Vec<&str> = all.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, [second.as_str(), first.as_str()]);
        assert_eq!(all[1].worst, "high");
        assert_eq!(all[0].checked_by_name, "オーナー");
        assert_eq!((all[0].medium, all[0].low), (1, 2));
        let (run, report) = s.read(|c| latest(c, &scope)).unwrap().unwrap();
        assert_eq!(
            (run.id.as_str(), report.as_str()),
            (second.as_str(), "{\"n\":2}")
        );
        let (_, page) = s.read(|c| latest_page(c, &scope, true)).unwrap().unwrap();
        assert_eq!(page, "<p>日本語</p>");
        let (_, page) = s.read(|c| latest_page(c, &scope, false)).unwrap().unwrap();
        assert_eq!(page, "<p>English</p>");
        // Each kept check is in the audit log.
        let n: i64 = s
            .read(|c| {
                c.query_row(
                    "SELECT COUNT(*) FROM audit_log WHERE action = 'mail_posture.check'",
                    (),
                    |r| r.get(0),
                )
            })
            .unwrap();
        assert_eq!(n, 2);
        let elsewhere = OrgScope::operator(&other);
        assert!(s.read(|c| list(c, &elsewhere, 10)).unwrap().is_empty());
        assert!(s.read(|c| latest(c, &elsewhere)).unwrap().is_none());
        assert!(
            s.read(|c| latest_page(c, &elsewhere, true))
                .unwrap()
                .is_none()
        );
    }
}
