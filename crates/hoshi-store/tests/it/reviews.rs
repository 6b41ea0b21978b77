//! Expert review and management declaration in the store.

use hoshi_core::{Answer, Status};
use hoshi_store::assessments::{self, NewAssessment};
use hoshi_store::users::{self, NewUser};
use hoshi_store::{Store, StoreError, orgs, reviews};

fn user(s: &Store, email: &str) -> String {
    s.write(|tx| {
        users::create(
            tx,
            1,
            None,
            NewUser {
                email,
                display_name: email,
                password_hash: "x",
                is_admin: false,
                lang: "ja",
            },
        )
    })
    .unwrap()
    .id
}

fn invalid(r: Result<impl std::fmt::Debug, StoreError>, key: &str) {
    match r {
        Err(StoreError::Rule(e)) if e.code() == key => {}
        other => panic!("expected the rule {key}, got {other:?}"),
    }
}

#[test]
fn draft_submit_review_return_confirm_declare() {
    let d = tempfile::tempdir().unwrap();
    let s = hoshi_store::db::testing::open(d.path());
    let (owner, expert, other) = (
        user(&s, "owner@example.jp"),
        user(&s, "expert@example.jp"),
        user(&s, "other@example.jp"),
    );
    let org = s.write(|tx| orgs::create(tx, 1, &owner, "受注")).unwrap();
    let a = s
        .write(|tx| {
            assessments::create(
                tx,
                2,
                &owner,
                NewAssessment {
                    org_id: &org.id,
                    title: "★3",
                    catalog: "scs",
                    edition: "e",
                    level: 3,
                },
            )
        })
        .unwrap();
    let save = |v: i64, st: Status| {
        s.write(|tx| {
            assessments::save_answer(
                tx,
                3,
                &owner,
                &org.id,
                &a.id,
                "1-2-1-1",
                v,
                &Answer::with_status(st),
            )
        })
    };
    save(0, Status::Partial).unwrap();

    invalid(
        s.write(|tx| reviews::submit(tx, 3, &owner, &org.id, &a.id)),
        "review_no_expert",
    );
    let token = s
        .write(|tx| reviews::invite_expert(tx, 4, &owner, &org.id, &a.id, 14))
        .unwrap();
    invalid(
        s.write(|tx| {
            reviews::accept_expert(tx, 5, &owner, &token, "情報処理安全確保支援士", "123456")
        }),
        "expert_is_member",
    );
    invalid(
        s.write(|tx| reviews::accept_expert(tx, 5, &expert, &token, " ", "123456")),
        "expert_profile_bad",
    );
    s.write(|tx| {
        reviews::accept_expert(
            tx,
            5,
            &expert,
            &token,
            "情報処理安全確保支援士",
            "第012345号",
        )
    })
    .unwrap();
    invalid(
        s.write(|tx| reviews::accept_expert(tx, 5, &other, &token, "x", "y")),
        "invite_invalid",
    );

    // Only the assigned expert sees it.
    assert!(
        s.read(|c| reviews::for_expert_one(c, &other, &a.id))
            .is_err()
    );
    assert_eq!(
        s.read(|c| reviews::for_expert(c, &expert)).unwrap().len(),
        1
    );

    // A second invitation, issued now and kept unused.
    let spare = s
        .write(|tx| reviews::invite_expert(tx, 5, &owner, &org.id, &a.id, 14))
        .unwrap();
    s.write(|tx| reviews::submit(tx, 6, &owner, &org.id, &a.id))
        .unwrap();
    invalid(save(1, Status::Met), "assessment_locked");
    invalid(
        s.write(|tx| reviews::confirm(tx, 7, &expert, &a.id, "2027-11-21")),
        "review_wrong_state",
    );
    s.write(|tx| reviews::start(tx, 7, &expert, &a.id)).unwrap();
    s.write(|tx| {
        reviews::comment(
            tx,
            8,
            &expert,
            &org.id,
            &a.id,
            "1-2-1-1",
            "役割分担表の承認記録を添付してください",
        )
    })
    .unwrap();
    invalid(
        s.write(|tx| reviews::return_for_changes(tx, 9, &expert, &a.id, "  ")),
        "return_reason_missing",
    );
    s.write(|tx| reviews::return_for_changes(tx, 9, &expert, &a.id, "承認記録がありません"))
        .unwrap();
    save(1, Status::Met).unwrap();
    invalid(
        s.write(|tx| {
            reviews::declare(
                tx,
                10,
                &owner,
                &org.id,
                &a.id,
                reviews::Declarer::InPerson,
                "2026-11-21",
                "宣誓文",
            )
        }),
        "declare_not_confirmed",
    );
    s.write(|tx| reviews::submit(tx, 11, &owner, &org.id, &a.id))
        .unwrap();
    s.write(|tx| reviews::start(tx, 12, &expert, &a.id))
        .unwrap();
    assert!(matches!(
        s.write(|tx| reviews::start(tx, 12, &other, &a.id)),
        Err(StoreError::NotFound)
    ));
    let r = s
        .write(|tx| reviews::confirm(tx, 13, &expert, &a.id, "2027-11-21"))
        .unwrap();
    assert_eq!(
        (r.status.id(), r.valid_until.as_deref()),
        ("confirmed", Some("2027-11-21"))
    );
    invalid(save(2, Status::NotMet), "assessment_locked");
    // Confirmed: no more comments, and the confirming expert cannot be replaced (neither a new
    // invitation nor one issued before confirmation can be used).
    invalid(
        s.write(|tx| reviews::comment(tx, 13, &expert, &org.id, &a.id, "1-2-1-1", "追記")),
        "review_wrong_state",
    );
    invalid(
        s.write(|tx| reviews::invite_expert(tx, 13, &owner, &org.id, &a.id, 7)),
        "review_wrong_state",
    );
    invalid(
        s.write(|tx| reviews::accept_expert(tx, 13, &other, &spare, "資格", "番号")),
        "review_wrong_state",
    );
    // In person: only a member recorded as an officer, and only with a second factor.
    let in_person = |now| {
        s.write(|tx| {
            reviews::declare(
                tx,
                now,
                &owner,
                &org.id,
                &a.id,
                reviews::Declarer::InPerson,
                "2026-11-21",
                "宣誓文",
            )
        })
    };
    invalid(in_person(14), "declare_not_officer");
    s.write(|tx| {
        hoshi_store::orgs::set_officer(tx, 14, &owner, &org.id, &owner, Some(" 代表取締役 "))
    })
    .unwrap();
    invalid(in_person(14), "declare_needs_mfa");
    // On an officer's behalf: only with the signed statement, a file of this organisation.
    let behalf = |evidence: &str| {
        s.write(|tx| {
            reviews::declare(
                tx,
                14,
                &owner,
                &org.id,
                &a.id,
                reviews::Declarer::OnBehalf {
                    officer_name: "山田 太郎",
                    officer_title: "代表取締役",
                    evidence_id: evidence,
                },
                "2026-11-21",
                "宣誓文",
            )
        })
    };
    invalid(behalf(&"0".repeat(32)), "declare_statement_missing");
    s.write(|tx| hoshi_store::users::enable_totp(tx, 14, &owner, "JBSWY3DPEHPK3PXP", 1, &[]))
        .unwrap();
    let r = in_person(15).unwrap();
    assert_eq!(r.officer_title.as_deref(), Some("代表取締役"));
    assert!(r.declared_in_person);
    assert_eq!(r.declaration_evidence, None);
    // The comment is read in the organisation's scope, and nothing of it in any other.
    let own = hoshi_store::OrgScope::operator(&org.id);
    let other = hoshi_store::OrgScope::operator(&"0".repeat(32));
    assert_eq!(
        s.read(|c| reviews::comments(c, &own, &a.id)).unwrap().len(),
        2,
        "the comment and the reason for the return"
    );
    assert!(
        s.read(|c| reviews::comments(c, &other, &a.id))
            .unwrap()
            .is_empty()
    );
    assert!(
        s.read(|c| reviews::get(c, &other, &a.id))
            .unwrap()
            .is_none()
    );
    assert!(s.read(|c| reviews::get(c, &own, &a.id)).unwrap().is_some());
    let actions: Vec<String> = s
        .read(|c| hoshi_store::audit::for_target(c, &own, &format!("assessment:{}", a.id), 50))
        .unwrap()
        .into_iter()
        .rev()
        .map(|e| e.action)
        .filter(|x| x.starts_with("review."))
        .collect();
    assert_eq!(
        actions,
        [
            "review.invite_expert",
            "review.expert_assigned",
            "review.invite_expert",
            "review.submitted",
            "review.in-review",
            "review.comment",
            "review.comment",
            "review.returned",
            "review.submitted",
            "review.in-review",
            "review.confirmed",
            "review.valid_until",
            "review.declare"
        ]
    );
}
