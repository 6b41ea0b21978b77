//! The store on a real SQLite file.

use hoshi_core::{Answer, Status};
use hoshi_store::assessments::{self, NewAssessment};
use hoshi_store::db::testing::{RawSql, RawWrite};
use hoshi_store::orgs::{self, Role};
use hoshi_store::users::{self, NewUser};
use hoshi_store::{Store, StoreError, audit, sessions};

fn store() -> (tempfile::TempDir, Store) {
    let d = tempfile::tempdir().unwrap();
    let s = hoshi_store::db::testing::open(d.path());
    (d, s)
}

fn user(s: &Store, email: &str) -> users::User {
    s.write(|tx| {
        users::create(
            tx,
            1000,
            None,
            NewUser {
                email,
                display_name: "テスト",
                password_hash: "x",
                is_admin: false,
                lang: "ja",
            },
        )
    })
    .unwrap()
}

#[test]
fn reopening_applies_migrations_once() {
    let d = tempfile::tempdir().unwrap();
    let count = |s: &Store| -> (i64, i64) {
        s.read(|c| {
            c.sql_row(
                "SELECT COUNT(*), MAX(version) FROM schema_migrations",
                (),
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
        })
        .unwrap()
    };
    let first = count(&hoshi_store::db::testing::open(d.path()));
    let again = count(&hoshi_store::db::testing::open(d.path()));
    assert_eq!(first, again, "reopening applies nothing again");
    assert_eq!(
        first.1 as usize,
        hoshi_store::migration_count(),
        "the schema is at the newest migration"
    );
}

#[test]
fn emails_are_unique_case_insensitively() {
    let (_d, s) = store();
    user(&s, "Taro@Example.jp");
    let e = s.write(|tx| {
        users::create(
            tx,
            1,
            None,
            NewUser {
                email: "taro@example.JP",
                display_name: "x",
                password_hash: "x",
                is_admin: false,
                lang: "ja",
            },
        )
    });
    assert!(matches!(
        e,
        Err(StoreError::Rule(hoshi_core::UserError::EmailTaken))
    ));
    assert!(
        s.read(|c| users::by_email(c, " TARO@example.jp "))
            .unwrap()
            .is_some()
    );
}

#[test]
fn failures_pause_sign_in_per_address_with_back_off() {
    let (_d, s) = store();
    let u = user(&s, "a@example.jp");
    let fail = |now: i64, client: &str| {
        s.write(|tx| users::login_failed(tx, now, &u.id, client))
            .unwrap()
    };
    for _ in 0..users::FREE_FAILURES {
        assert_eq!(fail(2000, "192.0.2.1"), None);
    }
    // The next failures pause for 1, 2, 4 … minutes, at most an hour.
    assert_eq!(fail(2000, "192.0.2.1"), Some(2000 + 60));
    assert_eq!(fail(2000, "192.0.2.1"), Some(2000 + 120));
    assert_eq!(users::pause_after(40), users::MAX_PAUSE);
    let paused = |now: i64, client: &str| {
        s.read(|c| users::paused_until(c, now, &u.id, client))
            .unwrap()
    };
    assert_eq!(paused(2001, "192.0.2.1"), Some(2120));
    assert_eq!(paused(2121, "192.0.2.1"), None, "over when the time is up");
    assert_eq!(
        paused(2001, "198.51.100.1"),
        None,
        "another address is not paused"
    );
    // Success from that address clears its count.
    s.write(|tx| users::login_succeeded(tx, 2200, &u.id, "192.0.2.1"))
        .unwrap();
    assert_eq!(fail(3000, "192.0.2.1"), None);
}

#[test]
fn totp_steps_cannot_be_replayed_and_recovery_codes_work_once() {
    let (_d, s) = store();
    let u = user(&s, "a@example.jp");
    s.write(|tx| {
        users::enable_totp(
            tx,
            1,
            &u.id,
            "SECRET",
            100,
            &["abcd-efgh".into(), "ijkl-mnop".into()],
        )
    })
    .unwrap();
    assert!(
        !s.write(|tx| users::use_totp_step(tx, &u.id, 100)).unwrap(),
        "the enrolment step is used"
    );
    assert!(s.write(|tx| users::use_totp_step(tx, &u.id, 101)).unwrap());
    assert!(
        !s.write(|tx| users::use_totp_step(tx, &u.id, 101)).unwrap(),
        "replay refused"
    );
    assert!(
        s.write(|tx| users::use_recovery_code(tx, 5, &u.id, "ABCD EFGH"))
            .unwrap()
    );
    assert!(
        !s.write(|tx| users::use_recovery_code(tx, 6, &u.id, "abcd-efgh"))
            .unwrap()
    );
    assert_eq!(s.read(|c| users::recovery_codes_left(c, &u.id)).unwrap(), 1);
}

#[test]
fn sessions_expire_when_idle_or_old() {
    let (_d, s) = store();
    let u = user(&s, "a@example.jp");
    let (tok, csrf) = s
        .write(|tx| sessions::create(tx, 10_000, &u.id, false))
        .unwrap();
    let got = s.read(|c| sessions::get(c, 10_001, &tok)).unwrap().unwrap();
    assert_eq!(got.csrf, csrf);
    assert!(
        s.read(|c| sessions::get(c, 10_000 + sessions::IDLE_SECONDS + 1, &tok))
            .unwrap()
            .is_none()
    );
    s.write(|tx| sessions::touch(tx, 10_000 + 3600, &tok))
        .unwrap();
    assert!(
        s.read(|c| sessions::get(c, 10_000 + sessions::IDLE_SECONDS + 1, &tok))
            .unwrap()
            .is_some()
    );
    assert!(
        s.read(|c| sessions::get(c, 10_000 + sessions::ABSOLUTE_SECONDS + 1, &tok))
            .unwrap()
            .is_none()
    );
    assert!(
        s.read(|c| sessions::get(c, 10_001, "not-a-token"))
            .unwrap()
            .is_none()
    );
}

#[test]
fn assessments_are_scoped_to_their_organisation() {
    let (_d, s) = store();
    let a = user(&s, "a@example.jp");
    let b = user(&s, "b@example.jp");
    let org_a = s
        .write(|tx| orgs::create(tx, 1, &a.id, "株式会社A"))
        .unwrap();
    let org_b = s
        .write(|tx| orgs::create(tx, 1, &b.id, "株式会社B"))
        .unwrap();
    let asmt = s
        .write(|tx| {
            assessments::create(
                tx,
                2,
                &a.id,
                NewAssessment {
                    org_id: &org_a.id,
                    title: "★3 2026",
                    catalog: "scs",
                    edition: "2026-03-27",
                    level: 3,
                },
            )
        })
        .unwrap();
    // Reads take the scope a membership check gives: another organisation's member's scope
    // finds nothing.
    let scope = |user: &str, org: &str| {
        s.read(|c| hoshi_store::orgs::membership(c, user, org))
            .unwrap()
            .unwrap()
            .scope()
            .clone()
    };
    let (scope_a, scope_b) = (scope(&a.id, &org_a.id), scope(&b.id, &org_b.id));
    assert!(s.read(|c| assessments::get(c, &scope_a, &asmt.id)).is_ok());
    assert!(matches!(
        s.read(|c| assessments::get(c, &scope_b, &asmt.id)),
        Err(StoreError::NotFound)
    ));
    let r = s.write(|tx| {
        assessments::save_answer(
            tx,
            3,
            &b.id,
            &org_b.id,
            &asmt.id,
            "1-2-1-1",
            0,
            &Answer::with_status(Status::Met),
        )
    });
    assert!(
        matches!(r, Err(StoreError::NotFound)),
        "another organisation cannot write"
    );
    assert!(
        s.read(|c| orgs::membership(c, &b.id, &org_a.id))
            .unwrap()
            .is_none()
    );
    assert_eq!(s.read(|c| orgs::for_user(c, &a.id)).unwrap().len(), 1);
}

#[test]
fn concurrent_edits_get_a_conflict_not_an_overwrite() {
    let (_d, s) = store();
    let a = user(&s, "a@example.jp");
    let org = s.write(|tx| orgs::create(tx, 1, &a.id, "A")).unwrap();
    let asmt = s
        .write(|tx| {
            assessments::create(
                tx,
                2,
                &a.id,
                NewAssessment {
                    org_id: &org.id,
                    title: "t",
                    catalog: "scs",
                    edition: "e",
                    level: 3,
                },
            )
        })
        .unwrap();
    let first = s
        .write(|tx| {
            assessments::save_answer(
                tx,
                3,
                &a.id,
                &org.id,
                &asmt.id,
                "4-4-4-2",
                0,
                &Answer::with_status(Status::Partial),
            )
        })
        .unwrap();
    assert_eq!(first.version, 1);
    // Two people both loaded version 1; the first save wins, the second gets a conflict.
    s.write(|tx| {
        assessments::save_answer(
            tx,
            4,
            &a.id,
            &org.id,
            &asmt.id,
            "4-4-4-2",
            1,
            &Answer::with_status(Status::Met),
        )
    })
    .unwrap();
    let second = s.write(|tx| {
        assessments::save_answer(
            tx,
            5,
            &a.id,
            &org.id,
            &asmt.id,
            "4-4-4-2",
            1,
            &Answer::with_status(Status::NotMet),
        )
    });
    assert!(matches!(
        second,
        Err(StoreError::Conflict { current_version: 2 })
    ));
    let stored = s
        .read(|c| assessments::answer(c, &asmt.id, "4-4-4-2"))
        .unwrap()
        .unwrap();
    assert_eq!(stored.answer.status, Status::Met);
    // N/A without a reason is refused and nothing is written.
    let bad = Answer {
        status: Status::NotApplicable,
        ..Answer::default()
    };
    assert!(matches!(
        s.write(|tx| assessments::save_answer(tx, 6, &a.id, &org.id, &asmt.id, "7-1-1-1", 0, &bad)),
        Err(StoreError::Rule(hoshi_core::UserError::NaNeedsReason))
    ));
    assert!(
        s.read(|c| assessments::answer(c, &asmt.id, "7-1-1-1"))
            .unwrap()
            .is_none()
    );
}

#[test]
fn invitations_are_single_use_and_expire() {
    let (_d, s) = store();
    let a = user(&s, "a@example.jp");
    let b = user(&s, "b@example.jp");
    let c_ = user(&s, "c@example.jp");
    let org = s.write(|tx| orgs::create(tx, 1, &a.id, "A")).unwrap();
    let tok = s
        .write(|tx| orgs::invite(tx, 100, &a.id, &org.id, Role::Editor, 7))
        .unwrap();
    s.write(|tx| orgs::accept(tx, 200, &b.id, &tok)).unwrap();
    assert_eq!(
        s.read(|c| orgs::membership(c, &b.id, &org.id))
            .unwrap()
            .unwrap()
            .role,
        Role::Editor
    );
    assert!(
        matches!(
            s.write(|tx| orgs::accept(tx, 201, &c_.id, &tok)),
            Err(StoreError::NotFound)
        ),
        "reuse refused"
    );
    let old = s
        .write(|tx| orgs::invite(tx, 100, &a.id, &org.id, Role::Viewer, 1))
        .unwrap();
    assert!(
        matches!(
            s.write(|tx| orgs::accept(tx, 100 + 86_401, &c_.id, &old)),
            Err(StoreError::NotFound)
        ),
        "expired"
    );
    let e = s.write(|tx| orgs::set_role(tx, 300, &a.id, &org.id, &a.id, Role::Viewer));
    assert!(matches!(
        e,
        Err(StoreError::Rule(hoshi_core::UserError::LastOwner))
    ));
}

#[test]
fn setup_token_is_single_use_and_only_before_the_first_user() {
    let (_d, s) = store();
    s.write(|tx| users::create_setup_token(tx, 1, "tok"))
        .unwrap();
    assert!(s.read(|c| users::setup_token_valid(c, "tok")).unwrap());
    assert!(!s.read(|c| users::setup_token_valid(c, "other")).unwrap());
    s.write(|tx| users::consume_setup_token(tx, 2, "tok"))
        .unwrap();
    assert!(
        s.write(|tx| users::consume_setup_token(tx, 3, "tok"))
            .is_err()
    );
}

#[test]
fn the_audit_chain_detects_edits_and_deletions() {
    let (d, s) = store();
    let a = user(&s, "a@example.jp");
    let org = s.write(|tx| orgs::create(tx, 1, &a.id, "A")).unwrap();
    let asmt = s
        .write(|tx| {
            assessments::create(
                tx,
                2,
                &a.id,
                NewAssessment {
                    org_id: &org.id,
                    title: "t",
                    catalog: "scs",
                    edition: "e",
                    level: 3,
                },
            )
        })
        .unwrap();
    for (i, st) in [Status::Partial, Status::Met, Status::NotMet]
        .iter()
        .enumerate()
    {
        s.write(|tx| {
            assessments::save_answer(
                tx,
                10 + i as i64,
                &a.id,
                &org.id,
                &asmt.id,
                "4-4-4-2",
                i as i64,
                &Answer::with_status(*st),
            )
        })
        .unwrap();
    }
    let v = s.read(audit::verify).unwrap();
    assert_eq!(v.entries, 6);
    assert_eq!(v.first_broken, None);
    let history = s
        .read(|c| {
            audit::for_target(
                c,
                &hoshi_store::OrgScope::operator(&org.id),
                &format!("assessment:{}", asmt.id),
                50,
            )
        })
        .unwrap();
    assert_eq!(history.len(), 4);
    assert!(history[0].after.as_deref().unwrap().contains("not-met"));
    drop(s);

    // Someone edits an answer's record directly in the database file.
    let s = hoshi_store::db::testing::open(d.path());
    s.write(|tx| {
        tx.sql_execute(
            "UPDATE audit_log SET after_json = replace(after_json, 'not-met', 'met') WHERE seq = 6",
            (),
        )
    })
    .unwrap();
    let v = s.read(audit::verify).unwrap();
    assert_eq!(v.first_broken.as_ref().map(|b| b.0), Some(6));
    assert_eq!(v.first_broken.unwrap().1, audit::Broken::Content);
    s.write(|tx| tx.sql_execute("DELETE FROM audit_log WHERE seq = 3", ()))
        .unwrap();
    let v = s.read(audit::verify).unwrap();
    assert_eq!(v.first_broken.as_ref().map(|b| b.0), Some(3));
    assert_eq!(
        v.first_broken.unwrap().1,
        audit::Broken::Missing { next: 4 }
    );
}

#[test]
fn losing_the_newest_audit_entries_is_detected() {
    let (_d, s) = store();
    let u = user(&s, "a@example.jp");
    for i in 0..4 {
        s.write(|tx| orgs::create(tx, 2000 + i, &u.id, &format!("組織{i}")))
            .unwrap();
    }
    let (seq, hash) = s.read(audit::head).unwrap();
    let v = s.read(audit::verify).unwrap();
    assert_eq!(
        (v.first_broken, v.entries, v.head.clone()),
        (None, seq, hash.clone())
    );
    // The recorded head matches while nothing is lost; another hash under that number does not.
    let ok = s
        .read(|c| audit::verify_against(c, Some((seq, &hash))))
        .unwrap();
    assert_eq!(ok.first_broken, None);
    let other = "0".repeat(64);
    let bad = s
        .read(|c| audit::verify_against(c, Some((seq, &other))))
        .unwrap();
    assert_eq!(bad.first_broken, Some((seq, audit::Broken::NotAsRecorded)));
    // The last two entries vanish (a restore from an older copy, a lost write): the head row
    // still names them.
    s.write(|tx| tx.sql_execute("DELETE FROM audit_log WHERE seq > ?1", [seq - 2]))
        .unwrap();
    let v = s.read(audit::verify).unwrap();
    assert_eq!(
        v.first_broken,
        Some((seq - 1, audit::Broken::Truncated { head: seq }))
    );
    // Head row and entries both rolled back together: only the record kept elsewhere tells.
    s.write(|tx| {
        tx.sql_execute(
            "UPDATE audit_head SET seq = ?1, hash = (SELECT hash FROM audit_log WHERE seq = ?1)",
            [seq - 2],
        )
    })
    .unwrap();
    assert_eq!(s.read(audit::verify).unwrap().first_broken, None);
    let v = s
        .read(|c| audit::verify_against(c, Some((seq, &hash))))
        .unwrap();
    assert_eq!(
        v.first_broken,
        Some((seq, audit::Broken::Truncated { head: seq }))
    );
    // Appending goes on from the head row.
    s.write(|tx| orgs::create(tx, 3000, &u.id, "後の組織"))
        .unwrap();
    assert_eq!(s.read(audit::verify).unwrap().first_broken, None);
}

#[test]
fn each_mail_is_claimed_by_one_sender_until_its_lease_passes() {
    use hoshi_store::mail::{self, LEASE_SECS, NewMail};
    let (_d, s) = store();
    let ids: Vec<String> = (0..3)
        .map(|i| {
            s.write(|tx| {
                mail::enqueue(
                    tx,
                    100 + i,
                    NewMail {
                        org_id: None,
                        kind: "test",
                        ref_id: "",
                        recipient: "to@example.jp",
                        subject: "件名",
                        body: "本文",
                    },
                )
            })
            .unwrap()
        })
        .collect();
    let first = s.write(|tx| mail::claim_due(tx, 200, 2, "one")).unwrap();
    let second = s.write(|tx| mail::claim_due(tx, 200, 50, "two")).unwrap();
    let third = s.write(|tx| mail::claim_due(tx, 200, 50, "three")).unwrap();
    let got = |v: &[mail::Outgoing]| v.iter().map(|m| m.id.clone()).collect::<Vec<_>>();
    assert_eq!(
        got(&first),
        ids[..2].to_vec(),
        "oldest first, at most the limit"
    );
    assert_eq!(got(&second), ids[2..].to_vec(), "only what nobody holds");
    assert!(third.is_empty());
    // A sender that does not hold the claim cannot mark it sent.
    s.write(|tx| mail::mark_sent(tx, 201, &ids[0], "two"))
        .unwrap();
    s.write(|tx| mail::mark_sent(tx, 201, &ids[1], "one"))
        .unwrap();
    // "one" died before sending ids[0]: after the lease it is due again, and only it.
    let later = s
        .write(|tx| mail::claim_due(tx, 200 + LEASE_SECS, 50, "four"))
        .unwrap();
    assert_eq!(got(&later), vec![ids[0].clone(), ids[2].clone()]);
}

/// TLS to PostgreSQL: with `sslmode=require` the server's certificate is verified — against
/// the CA given, and refused without it. (Needs the server `scripts/with-postgres` starts.)
#[test]
fn tls_to_postgresql_verifies_the_server() {
    let (Ok(server), Ok(ca)) = (
        std::env::var(hoshi_store::db::testing::TEST_DATABASE),
        std::env::var("HOSHI_TEST_DATABASE_CA"),
    ) else {
        eprintln!("skipped: no PostgreSQL test server with TLS (scripts/with-postgres starts one)");
        return;
    };
    let url = format!("{server}?sslmode=require");
    let s = Store::open_postgres_with(&url, Some(std::path::Path::new(&ca))).unwrap();
    let ssl: bool = s
        .read(|c| {
            c.sql_row(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                (),
                |r| r.get(0),
            )
        })
        .unwrap();
    assert!(ssl, "the connection is encrypted");
    let e = Store::open_postgres_with(&url, None)
        .err()
        .expect("refused");
    assert!(e.to_string().contains("certificate"), "{e}");
    let e = Store::open_postgres_with(&url, Some(std::path::Path::new("/nonexistent.pem")))
        .err()
        .expect("refused");
    assert!(e.to_string().contains("/nonexistent.pem"), "{e}");
}
