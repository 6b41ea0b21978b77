//! Buyers and suppliers in the store.

use hoshi_core::LevelAnswers;
use hoshi_store::OrgScope;
use hoshi_store::assessments::{self, NewAssessment};
use hoshi_store::db::testing::RawWrite;
use hoshi_store::supply::{self, NewRelationship, Scope};
use hoshi_store::users::{self, NewUser};
use hoshi_store::{Store, StoreError, orgs};

fn store() -> (tempfile::TempDir, Store) {
    let d = tempfile::tempdir().unwrap();
    let s = hoshi_store::db::testing::open(d.path());
    (d, s)
}

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

fn rel<'a>(buyer: &'a str, number: &'a str) -> NewRelationship<'a> {
    NewRelationship {
        buyer_org: buyer,
        supplier_name: "精密部品株式会社",
        corporate_number: number,
        contact_name: "購買 一郎",
        contact_email: "kobai@example.jp",
        supplies: "切削加工部品",
        answers: LevelAnswers {
            confidential_info: false,
            unacceptable_delay: true,
            system_access: false,
        },
        due_date: Some("2027-03-31"),
    }
}

#[test]
fn register_invite_accept_share_revoke() {
    let (_d, s) = store();
    let (b, sup, other) = (
        user(&s, "buyer@example.jp"),
        user(&s, "supplier@example.jp"),
        user(&s, "other@example.jp"),
    );
    let buyer = s.write(|tx| orgs::create(tx, 1, &b, "発注商事")).unwrap();
    let supplier = s.write(|tx| orgs::create(tx, 1, &sup, "精密部品")).unwrap();
    let stranger = s.write(|tx| orgs::create(tx, 1, &other, "無関係")).unwrap();

    // A mistyped 法人番号 is refused with the reason.
    let e = s.write(|tx| supply::create(tx, 2, &b, rel(&buyer.id, "2180301018771")));
    assert!(matches!(
        e,
        Err(StoreError::Rule(hoshi_core::UserError::CorporateNumber(
            hoshi_core::corporate::CorporateNumberError::CheckDigit { .. }
        )))
    ));
    let r = s
        .write(|tx| supply::create(tx, 2, &b, rel(&buyer.id, "1180301018771")))
        .unwrap();
    assert_eq!(r.required_level, 4, "unacceptable delay → ★4");
    assert!(matches!(
        s.write(|tx| supply::create(tx, 2, &b, rel(&buyer.id, "1-1803-0101-8771"))),
        Err(StoreError::Rule(hoshi_core::UserError::RelationshipExists))
    ));

    let token = s
        .write(|tx| supply::invite(tx, 3, &b, &buyer.id, &r.id, 14))
        .unwrap();
    // Only an owner of the accepting organisation may accept into it.
    assert!(
        s.write(|tx| supply::accept(tx, 4, &other, &token, &supplier.id))
            .is_err()
    );
    let accepted = s
        .write(|tx| supply::accept(tx, 4, &sup, &token, &supplier.id))
        .unwrap();
    assert_eq!(accepted.supplier_org.as_deref(), Some(supplier.id.as_str()));
    assert!(
        matches!(
            s.write(|tx| supply::accept(tx, 5, &other, &token, &stranger.id)),
            Err(StoreError::Rule(hoshi_core::UserError::InvitationInvalid))
        ),
        "single use"
    );

    let a = s
        .write(|tx| {
            assessments::create(
                tx,
                6,
                &sup,
                NewAssessment {
                    org_id: &supplier.id,
                    title: "★3",
                    catalog: "scs",
                    edition: "2026-03-27",
                    level: 3,
                },
            )
        })
        .unwrap();
    // Sharing with a buyer one is not related to, or another organisation's assessment: refused.
    assert!(matches!(
        s.write(|tx| supply::share(tx, 7, &other, &stranger.id, &r.id, &a.id, Scope::Full)),
        Err(StoreError::Rule(hoshi_core::UserError::ShareUnrelated))
    ));
    let stranger_a = s
        .write(|tx| {
            assessments::create(
                tx,
                6,
                &other,
                NewAssessment {
                    org_id: &stranger.id,
                    title: "x",
                    catalog: "scs",
                    edition: "2026-03-27",
                    level: 3,
                },
            )
        })
        .unwrap();
    assert!(matches!(
        s.write(|tx| supply::share(
            tx,
            7,
            &sup,
            &supplier.id,
            &r.id,
            &stranger_a.id,
            Scope::Full
        )),
        Err(StoreError::NotFound)
    ));

    s.write(|tx| supply::share(tx, 8, &sup, &supplier.id, &r.id, &a.id, Scope::Summary))
        .unwrap();
    let p = s
        .read(|c| supply::portfolio(c, &OrgScope::operator(&buyer.id)))
        .unwrap();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].scope, Some(Scope::Summary));
    assert_eq!(p[0].assessment_id.as_deref(), Some(a.id.as_str()));
    assert_eq!(p[0].supplier_org_name.as_deref(), Some("精密部品"));
    // The buyer cannot see the relationship through the supplier's door, and vice versa.
    assert!(
        s.read(|c| supply::for_buyer_one(c, &OrgScope::operator(&supplier.id), &r.id))
            .is_err()
    );
    assert!(
        s.read(|c| supply::shared_with(c, &OrgScope::operator(&supplier.id), &r.id))
            .unwrap()
            .is_none()
    );

    s.write(|tx| supply::revoke(tx, 9, &sup, &supplier.id, &r.id))
        .unwrap();
    let p = s
        .read(|c| supply::portfolio(c, &OrgScope::operator(&buyer.id)))
        .unwrap();
    assert_eq!(
        (p[0].scope, p[0].assessment_id.clone()),
        (None, None),
        "revoked at once"
    );
    // Each side's history holds its own acts: the buyer registered and invited, the supplier
    // accepted, shared and revoked.
    let history = |org: &str| -> Vec<String> {
        s.read(|c| {
            hoshi_store::audit::for_target(
                c,
                &OrgScope::operator(org),
                &format!("relationship:{}", r.id),
                20,
            )
        })
        .unwrap()
        .into_iter()
        .rev()
        .map(|e| e.action)
        .collect()
    };
    assert_eq!(
        history(&buyer.id),
        ["relationship.create", "relationship.invite"]
    );
    assert_eq!(
        history(&supplier.id),
        ["relationship.accept", "share.set", "share.revoke"]
    );
}

#[test]
fn one_supplier_serves_many_buyers_but_not_itself() {
    let (_d, s) = store();
    let (b1, b2, sup) = (
        user(&s, "b1@example.jp"),
        user(&s, "b2@example.jp"),
        user(&s, "s@example.jp"),
    );
    let buyer1 = s.write(|tx| orgs::create(tx, 1, &b1, "発注1")).unwrap();
    let buyer2 = s.write(|tx| orgs::create(tx, 1, &b2, "発注2")).unwrap();
    let supplier = s.write(|tx| orgs::create(tx, 1, &sup, "受注")).unwrap();
    let r1 = s
        .write(|tx| supply::create(tx, 2, &b1, rel(&buyer1.id, "7000012050002")))
        .unwrap();
    let r2 = s
        .write(|tx| supply::create(tx, 2, &b2, rel(&buyer2.id, "7000012050002")))
        .unwrap();
    for (b, buyer, r) in [(&b1, &buyer1, &r1), (&b2, &buyer2, &r2)] {
        let t = s
            .write(|tx| supply::invite(tx, 3, b, &buyer.id, &r.id, 7))
            .unwrap();
        s.write(|tx| supply::accept(tx, 4, &sup, &t, &supplier.id))
            .unwrap();
    }
    assert_eq!(
        s.read(|c| supply::buyers(c, &OrgScope::operator(&supplier.id)))
            .unwrap()
            .len(),
        2
    );
    // A buyer cannot make itself its own supplier; an expired link is refused.
    let own = s
        .write(|tx| supply::create(tx, 5, &b1, rel(&buyer1.id, "1180301018771")))
        .unwrap();
    let t = s
        .write(|tx| supply::invite(tx, 5, &b1, &buyer1.id, &own.id, 7))
        .unwrap();
    assert!(matches!(
        s.write(|tx| supply::accept(tx, 6, &b1, &t, &buyer1.id)),
        Err(StoreError::Rule(hoshi_core::UserError::SupplierIsBuyer))
    ));
    let t = s
        .write(|tx| supply::invite(tx, 5, &b1, &buyer1.id, &own.id, 1))
        .unwrap();
    assert!(
        s.read(|c| supply::invitation(c, 5 + 86_401, &t))
            .unwrap()
            .is_none(),
        "expired"
    );
}

/// The portfolio generation moves with every change a portfolio shows (so cached portfolios are
/// recomputed on the next request) and stays put for answers, which a portfolio does not show.
#[test]
fn the_portfolio_generation_tracks_exactly_what_portfolios_show() {
    let (_d, s) = store();
    let (b, sup) = (
        user(&s, "buyer@example.jp"),
        user(&s, "supplier@example.jp"),
    );
    let buyer = s.write(|tx| orgs::create(tx, 1, &b, "発注商事")).unwrap();
    let supplier = s.write(|tx| orgs::create(tx, 1, &sup, "精密部品")).unwrap();
    // Another buyer with a supplier of its own: nothing below concerns it.
    let other = s.write(|tx| orgs::create(tx, 1, &b, "別の発注者")).unwrap();
    s.write(|tx| supply::create(tx, 1, &b, rel(&other.id, "7000012050002")))
        .unwrap();
    let generation_of = |org: &str| {
        s.read(|c| supply::portfolio_generation(c, &OrgScope::operator(org)))
            .unwrap()
    };
    let other_before = generation_of(&other.id);
    assert!(
        other_before > 0,
        "its own registration moved its generation"
    );
    let g = || generation_of(&buyer.id);
    let mut last = g();
    let mut moved = |what: &str| {
        let now = g();
        assert!(now > last, "{what} must move the generation");
        last = now;
    };
    let r = s
        .write(|tx| supply::create(tx, 1, &b, rel(&buyer.id, "1180301018771")))
        .unwrap();
    moved("registering a supplier");
    let token = s
        .write(|tx| supply::invite(tx, 1, &b, &buyer.id, &r.id, 14))
        .unwrap();
    s.write(|tx| supply::accept(tx, 2, &sup, &token, &supplier.id))
        .unwrap();
    moved("accepting");
    let a = s
        .write(|tx| {
            assessments::create(
                tx,
                2,
                &sup,
                NewAssessment {
                    org_id: &supplier.id,
                    title: "★3",
                    catalog: "scs",
                    edition: "2026-03-27",
                    level: 3,
                },
            )
        })
        .unwrap();
    s.write(|tx| supply::share(tx, 3, &sup, &supplier.id, &r.id, &a.id, Scope::Status))
        .unwrap();
    moved("sharing");
    let answer = |crit: &'static str, version: i64| {
        s.write(|tx| {
            assessments::save_answer(
                tx,
                4,
                &sup,
                &supplier.id,
                &a.id,
                crit,
                version,
                &hoshi_core::Answer::with_status(hoshi_core::Status::Met),
            )
        })
        .unwrap();
    };
    // Shared as a status only, an answer is not part of any portfolio.
    let before = g();
    answer("1-2-1-1", 0);
    assert_eq!(g(), before, "an answer under a status-only share");
    // Shared as a summary, the buyer sees the progress: an answer moves the generation.
    s.write(|tx| supply::share(tx, 3, &sup, &supplier.id, &r.id, &a.id, Scope::Summary))
        .unwrap();
    moved("sharing a summary");
    answer("1-2-1-2", 0);
    moved("an answer of an assessment shared as a summary");
    s.write(|tx| {
        tx.sql_execute(
            "INSERT INTO reviews (assessment_id, status, updated_at) VALUES (?1, 'submitted', 5)",
            [&a.id],
        )?;
        Ok(())
    })
    .unwrap();
    moved("a review status");
    s.write(|tx| supply::revoke(tx, 6, &sup, &supplier.id, &r.id))
        .unwrap();
    moved("revoking");
    assert_eq!(
        generation_of(&other.id),
        other_before,
        "another buyer's portfolio is not invalidated by this buyer's supplier"
    );
}

#[test]
fn many_suppliers_at_once_or_none() {
    let (_d, s) = store();
    let b = user(&s, "bulk@example.jp");
    let buyer = s.write(|tx| orgs::create(tx, 1, &b, "発注重工")).unwrap();
    let scope = OrgScope::operator(&buyer.id);
    // Every rule the single registration checks, all at once.
    let mut bad = rel(&buyer.id, "2180301018771");
    bad.supplier_name = " ";
    bad.due_date = Some("2027-02-30");
    let codes: Vec<&str> = supply::new_problems(&bad)
        .iter()
        .map(|e| e.code())
        .collect();
    assert_eq!(
        codes,
        ["supplier_name_bad", "due_date_bad", "corporate_number_bad"]
    );
    assert!(supply::new_problems(&rel(&buyer.id, "7000012050002")).is_empty());

    // The second row repeats the first's number: the transaction rolls back, nothing stays.
    let rows = [
        rel(&buyer.id, "7000012050002"),
        rel(&buyer.id, "1180301018771"),
        rel(&buyer.id, "1180301018771"),
    ];
    let e = s.write(|tx| supply::create_many(tx, 2, &b, &buyer.id, "取引先.csv", &rows));
    assert!(matches!(
        e,
        Err(StoreError::Rule(hoshi_core::UserError::RelationshipExists))
    ));
    assert!(
        s.read(|c| supply::registered(c, &scope))
            .unwrap()
            .is_empty()
    );

    let mut star3 = rel(&buyer.id, "1180301018771");
    star3.answers = LevelAnswers::default();
    star3.supplier_name = "切削工業株式会社";
    let ids = s
        .write(|tx| {
            supply::create_many(
                tx,
                2,
                &b,
                &buyer.id,
                "取引先.csv",
                &[rel(&buyer.id, "7000012050002"), star3],
            )
        })
        .unwrap();
    assert_eq!(ids.len(), 2);
    let mut reg = s.read(|c| supply::registered(c, &scope)).unwrap();
    reg.sort();
    assert_eq!(
        reg,
        [
            ("1180301018771".to_string(), "切削工業株式会社".to_string()),
            ("7000012050002".to_string(), "精密部品株式会社".to_string())
        ]
    );
    let p = s.read(|c| supply::portfolio(c, &scope)).unwrap();
    let mut levels: Vec<u8> = p.iter().map(|r| r.relationship.required_level).collect();
    levels.sort();
    assert_eq!(levels, [3, 4]);
    // One entry per supplier, as the single registration writes, and one for the file.
    let actions: Vec<String> = s
        .read(|c| hoshi_store::audit::for_target(c, &scope, "", 20))
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .filter(|a| a.starts_with("relationship."))
        .collect();
    assert_eq!(
        actions,
        [
            "relationship.import",
            "relationship.create",
            "relationship.create"
        ]
    );
    // Another buyer's row in the list is refused.
    let other = rel("someone-else", "7000012050002");
    assert!(
        s.write(|tx| supply::create_many(tx, 3, &b, &buyer.id, "x.csv", &[other]))
            .is_err()
    );
}
