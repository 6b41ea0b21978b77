//! The exposure check's rules in the store, on SQLite and PostgreSQL alike: declarations, one
//! scan per organisation at a time, the daily budget, the lease, only the claimant finishing,
//! the schedule queuing a rescan once.

use hoshi_store::exposure::{self, Finished, NewScan, NewTarget};
use hoshi_store::users::{self, NewUser};
use hoshi_store::{OrgScope, StoreError, orgs};

fn setup() -> (tempfile::TempDir, hoshi_store::Store, String, String) {
    let d = tempfile::tempdir().unwrap();
    let s = hoshi_store::db::testing::open(d.path());
    let u = s
        .write(|tx| {
            users::create(
                tx,
                1000,
                None,
                NewUser {
                    email: "owner@example.jp",
                    display_name: "オーナー",
                    password_hash: "x",
                    is_admin: false,
                    lang: "ja",
                },
            )
        })
        .unwrap();
    let org = s
        .write(|tx| orgs::create(tx, 1000, &u.id, "星川精機"))
        .unwrap();
    (d, s, u.id, org.id)
}

fn scan<'a>(by: Option<&'a str>, targets: &'a [String], day_start: i64) -> NewScan<'a> {
    NewScan {
        requested_by: by,
        ports: "top",
        targets,
        daily_max: 2,
        day_start,
    }
}

#[test]
fn declarations_are_unique_and_ranges_wait_for_an_owner() {
    let (_d, s, uid, org) = setup();
    let t = |target: &'static str, kind: &'static str, confirmed: bool| NewTarget {
        target,
        kind,
        addresses: if kind == "range" { 16 } else { 1 },
        confirmed,
    };
    s.write(|tx| exposure::declare(tx, 2000, &uid, &org, t("203.0.113.7", "address", true)))
        .unwrap();
    let dup =
        s.write(|tx| exposure::declare(tx, 2001, &uid, &org, t("203.0.113.7", "address", false)));
    assert!(matches!(
        dup,
        Err(StoreError::Rule(
            hoshi_core::UserError::ScanTargetExists { .. }
        ))
    ));
    let waiting = s
        .write(|tx| exposure::declare(tx, 2002, &uid, &org, t("203.0.113.16/28", "range", false)))
        .unwrap();
    assert!(
        !waiting.active(false),
        "an editor's declaration waits for an owner"
    );
    s.write(|tx| exposure::confirm(tx, 2003, &uid, &org, &waiting.id))
        .unwrap();
    let scope = OrgScope::operator(&org);
    let all = s.read(|c| exposure::targets(c, &scope)).unwrap();
    assert_eq!(all.len(), 2);
    assert!(all.iter().all(|t| t.active(false)));
    assert!(
        all.iter().all(|t| !t.active(true)),
        "not approved by an administrator yet"
    );
    assert_eq!(all[1].confirmed_by_name.as_deref(), Some("オーナー"));
    // The administrator's list has both; approving one and refusing the other.
    let list = s.read(exposure::awaiting_approval).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].1, "星川精機");
    s.write(|tx| exposure::decide(tx, 2005, &uid, &all[1].id, true))
        .unwrap();
    s.write(|tx| exposure::decide(tx, 2006, &uid, &all[0].id, false))
        .unwrap();
    let all = s.read(|c| exposure::targets(c, &scope)).unwrap();
    assert_eq!(all.len(), 1, "the refused one is gone");
    assert!(all[0].active(true));
    assert!(s.read(exposure::awaiting_approval).unwrap().is_empty());
    // Another organisation's id finds nothing.
    let other = s
        .write(|tx| orgs::create(tx, 1000, &uid, "別会社"))
        .unwrap();
    assert!(matches!(
        s.write(|tx| exposure::remove(tx, 2004, &uid, &other.id, &waiting.id)),
        Err(StoreError::NotFound)
    ));
}

#[test]
fn one_scan_at_a_time_within_a_daily_budget_finished_only_by_its_claimant() {
    let (_d, s, uid, org) = setup();
    let targets = vec!["203.0.113.7".to_string()];
    let first = s
        .write(|tx| exposure::request(tx, 10_000, &org, scan(Some(&uid), &targets, 0)))
        .unwrap();
    let busy = s.write(|tx| exposure::request(tx, 10_001, &org, scan(Some(&uid), &targets, 0)));
    assert!(matches!(
        busy,
        Err(StoreError::Rule(hoshi_core::UserError::ScanBusy))
    ));
    // Two servers: one claims it, the other finds nothing while the lease runs.
    let a = s
        .write(|tx| exposure::claim(tx, 10_002, "a", 600))
        .unwrap()
        .unwrap();
    assert_eq!(a.id, first);
    assert!(
        s.write(|tx| exposure::claim(tx, 10_003, "b", 600))
            .unwrap()
            .is_none()
    );
    // "a" dies; after its lease "b" takes over, and "a" can no longer write a result.
    let b = s
        .write(|tx| exposure::claim(tx, 10_700, "b", 600))
        .unwrap()
        .unwrap();
    assert_eq!(b.id, first);
    let f = |report: &'static str| Finished {
        report,
        sha256: "00",
        worst: None,
        open_ports: 0,
        findings: 0,
    };
    assert!(
        !s.write(|tx| exposure::finish(tx, 10_701, &first, "a", f("{}")))
            .unwrap()
    );
    assert!(
        s.write(|tx| exposure::finish(tx, 10_702, &first, "b", f("{\"x\":1}")))
            .unwrap()
    );
    let scope = OrgScope::operator(&org);
    let done = s.read(|c| exposure::get(c, &scope, &first)).unwrap();
    assert_eq!(done.state, "done");
    assert_eq!(done.report.as_deref(), Some("{\"x\":1}"));
    // The budget: two a day.
    let second = s
        .write(|tx| exposure::request(tx, 10_800, &org, scan(Some(&uid), &targets, 0)))
        .unwrap();
    let c = s
        .write(|tx| exposure::claim(tx, 10_801, "a", 600))
        .unwrap()
        .unwrap();
    assert!(
        s.write(|tx| exposure::fail(tx, 10_802, &c.id, "a", "理由"))
            .unwrap()
    );
    let over = s.write(|tx| exposure::request(tx, 10_900, &org, scan(Some(&uid), &targets, 0)));
    assert!(matches!(
        over,
        Err(StoreError::Rule(hoshi_core::UserError::ScanDailyLimit {
            max: 2
        }))
    ));
    // The next day counts afresh; the previous finished scan is what a scan is compared with.
    let third = s
        .write(|tx| exposure::request(tx, 100_000, &org, scan(Some(&uid), &targets, 90_000)))
        .unwrap();
    let t = s.read(|c| exposure::get(c, &scope, &third)).unwrap();
    let prev = s.read(|c| exposure::previous_done(c, &scope, &t)).unwrap();
    assert_eq!(prev.map(|p| p.id), Some(first.clone()));
    assert_ne!(second, third);
}

#[test]
fn a_due_schedule_queues_one_rescan_of_the_active_targets() {
    let (_d, s, uid, org) = setup();
    s.write(|tx| {
        exposure::declare(
            tx,
            2000,
            &uid,
            &org,
            NewTarget {
                target: "203.0.113.7",
                kind: "address",
                addresses: 1,
                confirmed: true,
            },
        )?;
        exposure::declare(
            tx,
            2000,
            &uid,
            &org,
            NewTarget {
                target: "203.0.113.32/28",
                kind: "range",
                addresses: 16,
                confirmed: false,
            },
        )
    })
    .unwrap();
    s.write(|tx| exposure::set_schedule(tx, 3000, &uid, &org, 7, "top"))
        .unwrap();
    assert!(matches!(
        s.write(|tx| exposure::set_schedule(tx, 3000, &uid, &org, 91, "top")),
        Err(StoreError::Rule(hoshi_core::UserError::ScanEveryBad))
    ));
    // Not due yet; then due once: the next time moved a week on.
    assert!(
        s.write(|tx| exposure::queue_due(tx, 3000 + 86_400, false, 10, 0))
            .unwrap()
            .is_empty()
    );
    let due = 3000 + 7 * 86_400;
    let q = s
        .write(|tx| exposure::queue_due(tx, due, false, 10, 0))
        .unwrap();
    assert_eq!(q.len(), 1);
    assert!(
        s.write(|tx| exposure::queue_due(tx, due + 1, false, 10, 0))
            .unwrap()
            .is_empty()
    );
    let scope = OrgScope::operator(&org);
    let queued = s.read(|c| exposure::get(c, &scope, &q[0].1)).unwrap();
    assert_eq!(queued.requested_by_name, None, "by the schedule");
    assert_eq!(
        queued.target_list(),
        ["203.0.113.7"],
        "the waiting range is left out"
    );
    let sched = s.read(|c| exposure::schedule(c, &scope)).unwrap().unwrap();
    assert_eq!(sched.next_at, due + 7 * 86_400);
    // Due again while that scan still waits: tried again in an hour, not a week later.
    let again = due + 7 * 86_400;
    assert!(
        s.write(|tx| exposure::queue_due(tx, again, false, 10, 0))
            .unwrap()
            .is_empty()
    );
    let sched = s.read(|c| exposure::schedule(c, &scope)).unwrap().unwrap();
    assert_eq!(sched.next_at, again + 3600);
}
