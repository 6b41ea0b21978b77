//! The yearly cycle's rules in the store, on SQLite and PostgreSQL alike: tasks from the
//! templates once, a check moving the due date forward from the latest check, revisions,
//! reminders claimed once per due date and kind, training attendance of members only, and
//! organisations kept apart.

use hoshi_core::Lang;
use hoshi_core::UserError;
use hoshi_core::cycle::{CheckInput, Outcome, SessionInput, TEMPLATES, TaskInput};
use hoshi_store::cycle;
use hoshi_store::users::{self, NewUser};
use hoshi_store::{OrgScope, StoreError};

fn setup() -> (
    tempfile::TempDir,
    hoshi_store::Store,
    String,
    String,
    String,
) {
    let d = tempfile::tempdir().unwrap();
    let s = hoshi_store::db::testing::open(d.path());
    let (u, org, other) = hoshi_store::db::testing::owner_with_two_orgs(&s);
    (d, s, u, org, other)
}

fn task(due: &str) -> TaskInput {
    TaskInput {
        criterion: "1-2-1-3".into(),
        title: "体制の点検".into(),
        look_at: "連絡先リスト".into(),
        interval_months: 12,
        next_due: due.into(),
    }
}

fn check(on: &str, outcome: Outcome) -> CheckInput {
    CheckInput {
        checked_on: on.into(),
        looked_at: "役割表と連絡先リスト".into(),
        outcome: Some(outcome),
        note: "担当者の異動を反映".into(),
    }
}

#[test]
fn templates_are_added_once_and_deactivated_ones_are_not_proposed_again() {
    let (_d, s, u, org, other) = setup();
    let n = s
        .write(|tx| cycle::add_templates(tx, 10, &u, &org, Lang::Ja, "2026-12-01"))
        .unwrap();
    assert_eq!(n, TEMPLATES.len());
    let scope = OrgScope::operator(&org);
    let tasks = s.read(|c| cycle::list(c, &scope)).unwrap();
    assert_eq!(tasks.len(), TEMPLATES.len());
    assert!(tasks.iter().all(|t| t.active));
    // Spread over the year: the quarterly ones next month, the yearly ones one a month.
    let due = |c: &str| {
        tasks
            .iter()
            .find(|t| t.criterion_id == c)
            .unwrap()
            .next_due
            .clone()
    };
    assert_eq!(due("4-1-1-3"), "2027-01-01");
    assert_eq!(due("4-1-2-6"), "2027-01-01");
    assert_eq!(due("1-2-1-3"), "2027-01-01");
    assert_eq!(due("2-1-1-2"), "2027-02-01");
    assert_eq!(due("6-1-1-6"), "2027-08-01");
    let quarterly = tasks.iter().find(|t| t.criterion_id == "4-1-1-3").unwrap();
    assert_eq!(quarterly.interval_months, 3);
    assert_eq!(quarterly.owner_id, None);

    // Deactivated: kept, and not proposed again.
    s.write(|tx| cycle::set_active(tx, 11, &u, &org, &quarterly.id, false))
        .unwrap();
    assert_eq!(
        s.write(|tx| cycle::add_templates(tx, 12, &u, &org, Lang::En, "2026-12-01"))
            .unwrap(),
        0
    );
    let tasks = s.read(|c| cycle::list(c, &scope)).unwrap();
    assert!(!tasks.last().unwrap().active, "deactivated last");

    // The other organisation sees none of them, and cannot touch them.
    let other_scope = OrgScope::operator(&other);
    assert!(s.read(|c| cycle::list(c, &other_scope)).unwrap().is_empty());
    assert!(matches!(
        s.read(|c| cycle::get(c, &other_scope, &quarterly.id)),
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        s.write(|tx| cycle::set_active(tx, 13, &u, &other, &quarterly.id, true)),
        Err(StoreError::NotFound)
    ));
    // English templates in the other organisation.
    s.write(|tx| cycle::add_templates(tx, 12, &u, &other, Lang::En, "2026-12-01"))
        .unwrap();
    let en = s.read(|c| cycle::list(c, &other_scope)).unwrap();
    assert!(
        en.iter()
            .any(|t| t.title == "Yearly review of the security roles")
    );
}

#[test]
fn a_check_moves_the_due_date_from_the_latest_check() {
    let (_d, s, u, org, other) = setup();
    let id = s
        .write(|tx| cycle::create(tx, 10, &u, &org, &task("2026-03-31"), Some(&u)))
        .unwrap();
    let scope = OrgScope::operator(&org);

    // Done late, on 10 April: next due a year after the check.
    let next = s
        .write(|tx| {
            cycle::record_check(
                tx,
                20,
                &u,
                &org,
                &id,
                "2026-04-15",
                &check("2026-04-10", Outcome::Ok),
            )
        })
        .unwrap();
    assert_eq!(next, "2027-04-10");
    let t = s.read(|c| cycle::get(c, &scope, &id)).unwrap();
    assert_eq!(t.next_due, "2027-04-10");
    assert_eq!(t.last_check, Some(("2026-04-10".into(), Outcome::Ok)));
    assert_eq!(t.owner_name.as_deref(), Some("オーナー"));

    // An older check entered afterwards does not pull the date back.
    let next = s
        .write(|tx| {
            cycle::record_check(
                tx,
                30,
                &u,
                &org,
                &id,
                "2026-04-15",
                &check("2026-01-05", Outcome::Findings),
            )
        })
        .unwrap();
    assert_eq!(next, "2027-04-10");
    let history = s.read(|c| cycle::checks(c, &scope, &id)).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].checked_on, "2026-04-10");
    assert_eq!(history[0].due_was, "2026-03-31");
    assert_eq!(history[1].outcome, Outcome::Findings);
    assert_eq!(history[0].checked_by_name, "オーナー");

    // A future day, or another organisation's task: refused, nothing written.
    assert!(matches!(
        s.write(|tx| cycle::record_check(
            tx,
            40,
            &u,
            &org,
            &id,
            "2026-04-15",
            &check("2026-04-16", Outcome::Ok)
        )),
        Err(StoreError::Rule(UserError::BadRequest))
    ));
    assert!(matches!(
        s.write(|tx| cycle::record_check(
            tx,
            40,
            &u,
            &other,
            &id,
            "2026-04-15",
            &check("2026-04-15", Outcome::Ok)
        )),
        Err(StoreError::NotFound)
    ));
    assert!(
        s.read(|c| cycle::checks(c, &OrgScope::operator(&other), &id))
            .unwrap()
            .is_empty()
    );
    assert_eq!(s.read(|c| cycle::checks(c, &scope, &id)).unwrap().len(), 2);

    // A deactivated task takes no checks.
    s.write(|tx| cycle::set_active(tx, 50, &u, &org, &id, false))
        .unwrap();
    assert!(
        s.write(|tx| cycle::record_check(
            tx,
            60,
            &u,
            &org,
            &id,
            "2026-04-15",
            &check("2026-04-15", Outcome::Ok)
        ))
        .is_err()
    );
}

#[test]
fn edits_go_over_the_revision_seen_and_owners_must_be_members() {
    let (_d, s, u, org, _other) = setup();
    let id = s
        .write(|tx| cycle::create(tx, 10, &u, &org, &task("2026-05-01"), None))
        .unwrap();
    let scope = OrgScope::operator(&org);
    let t = s.read(|c| cycle::get(c, &scope, &id)).unwrap();
    let mut changed = task("2026-06-30");
    changed.interval_months = 6;
    s.write(|tx| cycle::update(tx, 20, &u, &org, &id, t.rev, &changed, Some(&u)))
        .unwrap();
    let after = s.read(|c| cycle::get(c, &scope, &id)).unwrap();
    assert_eq!(
        (after.next_due.as_str(), after.interval_months, after.rev),
        ("2026-06-30", 6, t.rev + 1)
    );
    // The revision seen before: a conflict.
    assert!(matches!(
        s.write(|tx| cycle::update(tx, 30, &u, &org, &id, t.rev, &changed, None)),
        Err(StoreError::Conflict { .. })
    ));
    // Someone who is not a member cannot own it; a bad interval is refused.
    let stranger = s
        .write(|tx| {
            users::create(
                tx,
                1000,
                None,
                NewUser {
                    email: "x@example.jp",
                    display_name: "部外者",
                    password_hash: "x",
                    is_admin: false,
                    lang: "en",
                },
            )
        })
        .unwrap();
    assert!(matches!(
        s.write(|tx| cycle::update(
            tx,
            40,
            &u,
            &org,
            &id,
            after.rev,
            &changed,
            Some(&stranger.id)
        )),
        Err(StoreError::Rule(UserError::BadRequest))
    ));
    changed.interval_months = 7;
    assert!(
        s.write(|tx| cycle::create(tx, 10, &u, &org, &changed, None))
            .is_err()
    );
}

#[test]
fn overdue_and_reminders_are_given_once_per_due_date_and_kind() {
    let (_d, s, u, org, other) = setup();
    let late = s
        .write(|tx| cycle::create(tx, 10, &u, &org, &task("2026-04-01"), None))
        .unwrap();
    let soon = s
        .write(|tx| cycle::create(tx, 10, &u, &org, &task("2026-04-20"), Some(&u)))
        .unwrap();
    let later = s
        .write(|tx| cycle::create(tx, 10, &u, &other, &task("2026-09-01"), None))
        .unwrap();
    let scope = OrgScope::operator(&org);
    let overdue = s.read(|c| cycle::overdue(c, &scope, "2026-04-10")).unwrap();
    assert_eq!(
        overdue.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(),
        [late.as_str()]
    );
    let coming = s.read(|c| cycle::coming_due(c, "2026-04-24")).unwrap();
    let ids: Vec<&str> = coming.iter().map(|c| c.task_id.as_str()).collect();
    assert_eq!(ids, [late.as_str(), soon.as_str()]);
    assert!(!ids.contains(&later.as_str()));
    assert_eq!(coming[0].org_name, "星川精機");

    // Claimed once per (task, due, kind).
    assert!(
        s.write(|tx| cycle::claim_reminder(tx, 1, &soon, "2026-04-20", "soon"))
            .unwrap()
    );
    assert!(
        !s.write(|tx| cycle::claim_reminder(tx, 2, &soon, "2026-04-20", "soon"))
            .unwrap()
    );
    assert!(
        s.write(|tx| cycle::claim_reminder(tx, 3, &soon, "2026-04-20", "overdue"))
            .unwrap()
    );
    assert!(
        s.write(|tx| cycle::claim_reminder(tx, 4, &soon, "2027-04-20", "soon"))
            .unwrap()
    );
    assert!(
        s.write(|tx| cycle::claim_reminder(tx, 5, &soon, "2027-04-20", "later"))
            .is_err()
    );

    // The owner is reminded; without one, the organisation's owners.
    let to = s.read(|c| cycle::recipients(c, &org, Some(&u))).unwrap();
    assert_eq!(to, vec![("owner@example.jp".to_string(), "ja".to_string())]);
    let to = s.read(|c| cycle::recipients(c, &org, None)).unwrap();
    assert_eq!(to.len(), 1);
    let deactivated = s.write(|tx| cycle::set_active(tx, 6, &u, &org, &late, false));
    assert!(deactivated.is_ok());
    assert!(
        s.read(|c| cycle::overdue(c, &scope, "2026-04-10"))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn training_keeps_members_and_other_attendees() {
    let (_d, s, u, org, other) = setup();
    let session = SessionInput {
        held_on: "2026-04-10".into(),
        title: "インシデント初動訓練".into(),
        topic: "ランサムウェア感染時の連絡".into(),
        trainer: "情報システム課".into(),
        minutes: "90".into(),
        members: vec![u.clone(), u.clone()],
        others: vec!["派遣 一郎".into()],
    };
    let id = s
        .write(|tx| cycle::record_session(tx, 10, &u, &org, "2026-04-10", &session))
        .unwrap();
    let scope = OrgScope::operator(&org);
    let got = s.read(|c| cycle::session(c, &scope, &id)).unwrap();
    assert_eq!(
        got.attendees,
        vec![
            (Some(u.clone()), "オーナー".to_string()),
            (None, "派遣 一郎".to_string())
        ]
    );
    assert_eq!(got.minutes, 90);
    assert_eq!(s.read(|c| cycle::sessions(c, &scope)).unwrap().len(), 1);
    assert!(matches!(
        s.read(|c| cycle::session(c, &OrgScope::operator(&other), &id)),
        Err(StoreError::NotFound)
    ));

    // A non-member ticked, a session in the future, nobody attending: refused.
    let mut bad = session.clone();
    bad.members = vec!["0".repeat(32)];
    assert!(
        s.write(|tx| cycle::record_session(tx, 10, &u, &org, "2026-04-10", &bad))
            .is_err()
    );
    let mut bad = session.clone();
    bad.held_on = "2026-04-11".into();
    assert!(
        s.write(|tx| cycle::record_session(tx, 10, &u, &org, "2026-04-10", &bad))
            .is_err()
    );
    let mut bad = session;
    bad.members.clear();
    bad.others.clear();
    assert!(
        s.write(|tx| cycle::record_session(tx, 10, &u, &org, "2026-04-10", &bad))
            .is_err()
    );
    assert_eq!(s.read(|c| cycle::sessions(c, &scope)).unwrap().len(), 1);
}
