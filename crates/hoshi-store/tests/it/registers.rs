//! The registers' rules in the store, on SQLite and PostgreSQL alike: names unique per register
//! (compared folded), revisions, an import that writes every row or none and only the columns it
//! has, audit entries, organisations and registers kept apart.

use hoshi_core::UserError;
use hoshi_store::db::testing::RawSql as _;
use hoshi_store::registers::{self, Fields};
use hoshi_store::users::{self, NewUser};
use hoshi_store::{OrgScope, StoreError, orgs};

fn setup() -> (
    tempfile::TempDir,
    hoshi_store::Store,
    String,
    String,
    String,
) {
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
    let other = s
        .write(|tx| orgs::create(tx, 1000, &u.id, "別会社"))
        .unwrap();
    (d, s, u.id, org.id, other.id)
}

fn f(pairs: &[(&str, &str)]) -> Fields {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect()
}

fn rule<T: std::fmt::Debug>(r: Result<T, StoreError>) -> UserError {
    match r {
        Err(StoreError::Rule(e)) => e,
        other => panic!("expected a rule, got {other:?}"),
    }
}

#[test]
fn entries_are_saved_over_their_revision_only() {
    let (_d, s, u, org, _) = setup();
    let scope = OrgScope::operator(&org);
    let e = s
        .write(|tx| {
            registers::create(
                tx,
                2000,
                &u,
                &org,
                "partners",
                &f(&[("name", "A社"), ("nda", "yes")]),
            )
        })
        .unwrap();
    assert_eq!(e.rev, 1);
    assert_eq!(e.fields["nda"], "yes");
    assert_eq!(e.updated_by_name, "オーナー");
    // The same name, folded (full width), in the same register is refused; in another it is not.
    let dup =
        s.write(|tx| registers::create(tx, 2001, &u, &org, "partners", &f(&[("name", "Ａ社")])));
    assert_eq!(
        rule(dup),
        UserError::RegEntryExists {
            name: "Ａ社".into()
        }
    );
    s.write(|tx| registers::create(tx, 2001, &u, &org, "services", &f(&[("name", "A社")])))
        .unwrap();
    // Saved over revision 1: revision 2. A second save over revision 1 is refused.
    let e2 = s
        .write(|tx| {
            registers::update(
                tx,
                2002,
                &u,
                &org,
                "partners",
                &e.id,
                1,
                &f(&[("name", "A社"), ("nda", "no")]),
            )
        })
        .unwrap();
    assert_eq!((e2.rev, e2.fields["nda"].as_str()), (2, "no"));
    let stale = s.write(|tx| {
        registers::update(
            tx,
            2003,
            &u,
            &org,
            "partners",
            &e.id,
            1,
            &f(&[("name", "A社 改")]),
        )
    });
    assert_eq!(rule(stale), UserError::RegEntryChanged);
    let stale = s.write(|tx| registers::delete(tx, 2003, &u, &org, "partners", &e.id, 1));
    assert_eq!(rule(stale), UserError::RegEntryChanged);
    assert_eq!(
        s.read(|c| registers::get(c, &scope, "partners", &e.id))
            .unwrap()
            .fields["nda"],
        "no"
    );
    // Renaming onto another entry's name is refused.
    let b = s
        .write(|tx| registers::create(tx, 2004, &u, &org, "partners", &f(&[("name", "B社")])))
        .unwrap();
    let clash = s.write(|tx| {
        registers::update(
            tx,
            2005,
            &u,
            &org,
            "partners",
            &b.id,
            1,
            &f(&[("name", "a社")]),
        )
    });
    assert!(matches!(rule(clash), UserError::RegEntryExists { .. }));
    // An entry is found only in its own register.
    assert!(matches!(
        s.read(|c| registers::get(c, &scope, "services", &e.id)),
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        s.read(|c| registers::list(c, &scope, "assets")),
        Err(StoreError::NotFound)
    ));
    s.write(|tx| registers::delete(tx, 2006, &u, &org, "partners", &e.id, 2))
        .unwrap();
    let counts = s.read(|c| registers::counts(c, &scope)).unwrap();
    assert_eq!(
        counts,
        [
            ("confidential", 0),
            ("services", 1),
            ("connections", 0),
            ("partners", 1)
        ]
    );
    // Every write left its audit entry.
    let count = |action: &str| -> i64 {
        s.read(|c| {
            c.sql_row(
                "SELECT COUNT(*) FROM audit_log WHERE action = ?1 AND org_id = ?2",
                hoshi_store::params![action, org],
                |r| r.get(0),
            )
        })
        .unwrap()
    };
    assert_eq!(count("register.create"), 3);
    assert_eq!(count("register.update"), 1);
    assert_eq!(count("register.delete"), 1);
}

#[test]
fn an_import_writes_every_row_or_none_and_only_its_columns() {
    let (_d, s, u, org, _) = setup();
    let scope = OrgScope::operator(&org);
    s.write(|tx| {
        registers::create(
            tx,
            2000,
            &u,
            &org,
            "services",
            &f(&[
                ("name", "Microsoft 365"),
                ("provider", "日本マイクロソフト"),
                ("notes", "全社"),
            ]),
        )
    })
    .unwrap();
    // A file with the name and requirements columns: the known service gets its requirements
    // and keeps its provider; a new one is added.
    let rows = [
        f(&[("name", "microsoft 365"), ("requirements", "多要素認証")]),
        f(&[("name", "kintone"), ("requirements", "IP 制限")]),
    ];
    let done = s
        .write(|tx| {
            registers::import(
                tx,
                3000,
                &u,
                &org,
                "services",
                &rows,
                &["name", "requirements", "notes"],
                "services.csv",
            )
        })
        .unwrap();
    assert_eq!((done.created, done.updated, done.unchanged), (1, 1, 0));
    let list = s.read(|c| registers::list(c, &scope, "services")).unwrap();
    assert_eq!(list.len(), 2);
    // Matched folded; the file's spelling of the name is kept.
    let m365 = list.iter().find(|e| e.name == "microsoft 365").unwrap();
    assert_eq!(m365.fields["provider"], "日本マイクロソフト");
    assert_eq!(m365.fields["requirements"], "多要素認証");
    assert!(
        !m365.fields.contains_key("notes"),
        "an empty cell empties the value"
    );
    assert_eq!(m365.rev, 2);
    assert_eq!(
        list.iter().find(|e| e.name == "kintone").unwrap().source,
        "file"
    );
    // The same file again changes nothing.
    let again = s
        .write(|tx| {
            registers::import(
                tx,
                3001,
                &u,
                &org,
                "services",
                &rows,
                &["name", "requirements", "notes"],
                "services.csv",
            )
        })
        .unwrap();
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 2));
    // A row the store refuses (no name) leaves nothing of the file written.
    let bad = [f(&[("name", "Box")]), f(&[("provider", "x")])];
    let r = s.write(|tx| {
        registers::import(
            tx,
            3002,
            &u,
            &org,
            "services",
            &bad,
            &["name", "provider"],
            "bad.csv",
        )
    });
    assert_eq!(rule(r), UserError::RegRequired { field: "name" });
    let list = s.read(|c| registers::list(c, &scope, "services")).unwrap();
    assert_eq!(list.len(), 2, "Box was not kept");
}

#[test]
fn organisations_are_kept_apart() {
    let (_d, s, u, org, other) = setup();
    let e = s
        .write(|tx| {
            registers::create(
                tx,
                2000,
                &u,
                &org,
                "confidential",
                &f(&[("name", "顧客名簿")]),
            )
        })
        .unwrap();
    let theirs = OrgScope::operator(&other);
    assert!(
        s.read(|c| registers::list(c, &theirs, "confidential"))
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        s.read(|c| registers::get(c, &theirs, "confidential", &e.id)),
        Err(StoreError::NotFound)
    ));
    // Writes through the other organisation find nothing either.
    assert!(matches!(
        s.write(|tx| registers::update(
            tx,
            2001,
            &u,
            &other,
            "confidential",
            &e.id,
            1,
            &f(&[("name", "x")])
        )),
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        s.write(|tx| registers::delete(tx, 2001, &u, &other, "confidential", &e.id, 1)),
        Err(StoreError::NotFound)
    ));
    // The same name is free in the other organisation.
    s.write(|tx| {
        registers::create(
            tx,
            2002,
            &u,
            &other,
            "confidential",
            &f(&[("name", "顧客名簿")]),
        )
    })
    .unwrap();
    assert_eq!(
        s.read(|c| registers::list(c, &OrgScope::operator(&org), "confidential"))
            .unwrap()
            .len(),
        1
    );
}
