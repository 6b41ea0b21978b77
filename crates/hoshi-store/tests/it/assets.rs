//! The asset register's rules in the store, on SQLite and PostgreSQL alike: unique asset
//! numbers, revisions, an import that writes every row or none and only the columns it has,
//! software lists replaced whole, organisations kept apart.

use hoshi_core::UserError;
use hoshi_core::asset::AssetInput;
use hoshi_store::assets::{self, FileRef, Software};
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

fn pc(tag: &str, name: &str) -> AssetInput {
    AssetInput {
        tag: tag.into(),
        kind: "pc".into(),
        name: name.into(),
        os: "Windows 11 Pro".into(),
        version: "23H2".into(),
        ..AssetInput::default()
    }
}

fn rule(r: Result<impl std::fmt::Debug, StoreError>) -> UserError {
    match r {
        Err(StoreError::Rule(e)) => e,
        other => panic!("expected a rule, got {other:?}"),
    }
}

#[test]
fn numbers_are_unique_and_a_stale_form_does_not_overwrite() {
    let (_d, s, uid, org, other) = setup();
    let a = s
        .write(|tx| assets::create(tx, 2000, &uid, &org, &pc("PC-1", "経理 PC"), "form"))
        .unwrap();
    assert_eq!(a.rev, 1);
    let dup = s.write(|tx| assets::create(tx, 2001, &uid, &org, &pc("PC-1", "別"), "form"));
    assert_eq!(rule(dup), UserError::AssetTagExists { tag: "PC-1".into() });
    // Another organisation may use the same number.
    s.write(|tx| assets::create(tx, 2001, &uid, &other, &pc("PC-1", "他社"), "form"))
        .unwrap();

    let b = s
        .write(|tx| assets::create(tx, 2002, &uid, &org, &pc("PC-2", "総務 PC"), "form"))
        .unwrap();
    let changed = AssetInput {
        owner: "山田".into(),
        ..a.input.clone()
    };
    let saved = s
        .write(|tx| assets::update(tx, 2003, &uid, &org, &a.id, 1, &changed))
        .unwrap();
    assert_eq!(saved.rev, 2);
    assert_eq!(saved.input.owner, "山田");
    // A second person saving from the page they opened at revision 1.
    let stale = s.write(|tx| assets::update(tx, 2004, &uid, &org, &a.id, 1, &pc("PC-1", "x")));
    assert_eq!(rule(stale), UserError::AssetChanged);
    // Renaming onto another asset's number.
    let clash = s.write(|tx| assets::update(tx, 2005, &uid, &org, &b.id, 1, &pc("PC-1", "x")));
    assert_eq!(
        rule(clash),
        UserError::AssetTagExists { tag: "PC-1".into() }
    );

    // Another organisation's asset is not found through this one.
    let scope_other = OrgScope::operator(&other);
    assert!(matches!(
        s.read(|c| assets::get(c, &scope_other, &a.id)),
        Err(StoreError::NotFound)
    ));
    let del = s.write(|tx| assets::delete(tx, 2006, &uid, &other, &a.id));
    assert!(matches!(del, Err(StoreError::NotFound)));
    let list = s
        .read(|c| assets::list(c, &OrgScope::operator(&org)))
        .unwrap();
    assert_eq!(
        list.iter()
            .map(|a| a.input.tag.as_str())
            .collect::<Vec<_>>(),
        ["PC-1", "PC-2"]
    );
}

#[test]
fn an_import_adds_updates_only_its_columns_and_is_all_or_nothing() {
    let (_d, s, uid, org, _) = setup();
    let scope = OrgScope::operator(&org);
    let mut first = pc("PC-1", "経理 PC");
    first.location = "本社 2F".into();
    s.write(|tx| assets::create(tx, 2000, &uid, &org, &first, "form"))
        .unwrap();
    // The file has no location column: the location typed in the form stays.
    let rows = vec![
        AssetInput {
            version: "24H2".into(),
            ..pc("PC-1", "経理 PC")
        },
        pc("PC-2", "総務 PC"),
        pc("PC-3", "営業 PC"),
    ];
    let cols = ["tag", "kind", "name", "os", "version"];
    let done = s
        .write(|tx| {
            assets::import(
                tx,
                2001,
                &uid,
                &org,
                &rows,
                &cols,
                assets::From::File("台帳.xlsx"),
            )
        })
        .unwrap();
    assert_eq!((done.created, done.updated, done.unchanged), (2, 1, 0));
    let list = s.read(|c| assets::list(c, &scope)).unwrap();
    assert_eq!(list[0].input.version, "24H2");
    assert_eq!(list[0].input.location, "本社 2F");
    assert_eq!(list[0].rev, 2);
    // The same file again changes nothing.
    let again = s
        .write(|tx| {
            assets::import(
                tx,
                2002,
                &uid,
                &org,
                &rows,
                &cols,
                assets::From::File("台帳.xlsx"),
            )
        })
        .unwrap();
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 3));

    // A failure half-way (here: the database refusing a row) leaves nothing written.
    let before = s.read(|c| assets::list(c, &scope)).unwrap();
    let bad = vec![pc("PC-4", "新規"), pc("PC-5", &"x".repeat(10))];
    let r: Result<(), StoreError> = s.write(|tx| {
        assets::import(
            tx,
            2003,
            &uid,
            &org,
            &bad,
            &cols,
            assets::From::File("x.csv"),
        )?;
        Err(StoreError::Rule(UserError::RegisterEmpty))
    });
    assert!(r.is_err());
    assert_eq!(s.read(|c| assets::list(c, &scope)).unwrap(), before);
}

#[test]
fn a_software_list_is_replaced_whole_and_the_review_is_recorded() {
    let (_d, s, uid, org, _) = setup();
    let scope = OrgScope::operator(&org);
    let a = s
        .write(|tx| {
            assets::create(
                tx,
                2000,
                &uid,
                &org,
                &pc("SV-1", "ファイルサーバー"),
                "form",
            )
        })
        .unwrap();
    let sw = |n: &str, v: &str| Software {
        name: n.into(),
        version: v.into(),
        purl: format!("pkg:deb/debian/{n}@{v}"),
        cpe: String::new(),
    };
    let file = |name: &'static str| FileRef {
        kind: "dpkg",
        file_name: name,
        sha256: "00",
    };
    s.write(|tx| {
        assets::set_software(
            tx,
            2001,
            &uid,
            &org,
            &a.id,
            file("a.txt"),
            &[sw("openssl", "3.0.11-1"), sw("bash", "5.2.15-2")],
        )
    })
    .unwrap();
    s.write(|tx| {
        assets::set_software(
            tx,
            2002,
            &uid,
            &org,
            &a.id,
            file("b.txt"),
            &[sw("openssl", "3.0.15-1")],
        )
    })
    .unwrap();
    let (inv, items) = s.read(|c| assets::software(c, &scope, &a.id)).unwrap();
    assert_eq!(inv.unwrap().file_name, "b.txt");
    assert_eq!(items, vec![sw("openssl", "3.0.15-1")]);
    assert_eq!(s.read(|c| assets::list(c, &scope)).unwrap()[0].software, 1);
    assert_eq!(
        s.read(|c| assets::all_software(c, &scope)).unwrap().len(),
        1
    );

    // Never reviewed: the clock starts with the first asset.
    assert_eq!(
        s.read(assets::review_clocks).unwrap(),
        vec![(org.clone(), 2000)]
    );
    s.write(|tx| assets::record_review(tx, 5000, &uid, &org, "全台を確認しました"))
        .unwrap();
    let reviews = s.read(|c| assets::reviews(c, &scope, 10)).unwrap();
    assert_eq!(reviews[0].assets, 1);
    assert_eq!(reviews[0].reviewed_by_name, "オーナー");
    assert_eq!(
        s.read(assets::review_clocks).unwrap(),
        vec![(org.clone(), 5000)]
    );
    assert!(
        s.write(|tx| assets::claim_review_reminder(tx, 6000, &org, "2027-01-01:d30"))
            .unwrap()
    );
    assert!(
        !s.write(|tx| assets::claim_review_reminder(tx, 6001, &org, "2027-01-01:d30"))
            .unwrap()
    );

    // Deleting the asset takes its software with it.
    s.write(|tx| assets::delete(tx, 7000, &uid, &org, &a.id))
        .unwrap();
    assert!(
        s.read(|c| assets::all_software(c, &scope))
            .unwrap()
            .is_empty()
    );
}
