//! Incident records in the store, on SQLite and PostgreSQL alike: the timeline is appended in
//! order and hash-chained per incident, `verify` names the first event that was edited, removed
//! or lost, a closed incident takes no more events, and another organisation's incidents are
//! not found.

use hoshi_store::audit::{self, Broken};
use hoshi_store::db::testing::{RawWrite as _, owner_with_two_orgs};
use hoshi_store::incidents::{self, NewIncident};
use hoshi_store::{OrgScope, StoreError};

fn new(kind: &'static str, drill: bool) -> NewIncident<'static> {
    NewIncident {
        kind,
        title: "VPN 装置からの侵入",
        drill,
        known_at: 1_790_000_000,
        report: "{}",
        body: "",
    }
}

#[test]
fn the_timeline_is_appended_in_order_and_its_chain_detects_tampering() {
    let d = tempfile::tempdir().unwrap();
    let s = hoshi_store::db::testing::open(d.path());
    let (uid, org, other) = owner_with_two_orgs(&s);
    let id = s
        .write(|tx| incidents::open(tx, 2000, &uid, &org, new("ransomware_vpn", false)))
        .unwrap();
    let second = s
        .write(|tx| incidents::open(tx, 2001, &uid, &org, new("ceo_fraud", false)))
        .unwrap();
    for (i, (kind, body)) in [
        ("step_done", "rw_isolate"),
        ("note", "LAN ケーブルを抜きました"),
        ("step_done", "rw_vpn"),
        ("step_undone", "rw_isolate"),
    ]
    .iter()
    .enumerate()
    {
        let seq = s
            .write(|tx| incidents::append(tx, 2010 + i as i64, &uid, &org, &id, kind, body))
            .unwrap();
        assert_eq!(seq, i as i64 + 2, "events are numbered per incident");
    }
    // Another incident's chain is its own.
    s.write(|tx| incidents::append(tx, 2020, &uid, &org, &second, "note", "銀行に電話"))
        .unwrap();
    assert!(
        s.write(|tx| incidents::save_report(tx, 2030, &uid, &org, &id, r#"{"people":3}"#))
            .unwrap()
    );
    assert!(
        !s.write(|tx| incidents::save_report(tx, 2031, &uid, &org, &id, r#"{"people":3}"#))
            .unwrap(),
        "an unchanged form writes nothing"
    );
    let scope = OrgScope::operator(&org);
    let ev = s.read(|c| incidents::events(c, &scope, &id)).unwrap();
    let kinds: Vec<&str> = ev.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "opened",
            "step_done",
            "note",
            "step_done",
            "step_undone",
            "facts_changed"
        ]
    );
    assert_eq!(ev[1].actor_name, "オーナー");
    assert_eq!(incidents::steps_done(&ev), vec!["rw_vpn".to_string()]);
    assert!(ev.windows(2).all(|w| w[1].prev_hash == w[0].hash));
    let v = s.read(|c| incidents::verify(c, &scope, &id)).unwrap();
    assert_eq!((v.events, v.first_broken.clone()), (6, None));
    assert_eq!(v.head, ev[5].hash);
    // Every write has its audit entry; the audit chain is intact.
    let a = s.read(audit::verify).unwrap();
    assert_eq!(a.first_broken, None);
    let entries = s
        .read(|c| audit::for_target(c, &scope, &format!("incident:{id}"), 50))
        .unwrap();
    assert_eq!(entries.len(), 6);

    // Someone edits a note directly in the database: the chain breaks at that event.
    s.write(|tx| {
        tx.sql_execute(
            "UPDATE incident_events SET body = 'ケーブルは抜いていません' WHERE incident_id = ?1 AND seq = 3",
            [&id],
        )
    })
    .unwrap();
    let v = s.read(|c| incidents::verify(c, &scope, &id)).unwrap();
    assert_eq!(v.first_broken, Some((3, Broken::Content)));
    // The other incident is untouched.
    let v2 = s.read(|c| incidents::verify(c, &scope, &second)).unwrap();
    assert_eq!(v2.first_broken, None);
    // A removed event is named; so is a lost newest one.
    s.write(|tx| {
        tx.sql_execute(
            "DELETE FROM incident_events WHERE incident_id = ?1 AND seq = 2",
            [&id],
        )
    })
    .unwrap();
    let v = s.read(|c| incidents::verify(c, &scope, &id)).unwrap();
    assert_eq!(v.first_broken, Some((2, Broken::Missing { next: 3 })));
    s.write(|tx| {
        tx.sql_execute(
            "DELETE FROM incident_events WHERE incident_id = ?1 AND seq = 2",
            [&second],
        )
    })
    .unwrap();
    let v2 = s.read(|c| incidents::verify(c, &scope, &second)).unwrap();
    assert_eq!(v2.first_broken, Some((2, Broken::Truncated { head: 2 })));

    // Another organisation finds nothing and writes nothing.
    let outside = OrgScope::operator(&other);
    assert!(matches!(
        s.read(|c| incidents::get(c, &outside, &id)),
        Err(StoreError::NotFound)
    ));
    assert!(
        s.read(|c| incidents::events(c, &outside, &id))
            .unwrap()
            .is_empty()
    );
    assert!(s.read(|c| incidents::list(c, &outside)).unwrap().is_empty());
    assert!(matches!(
        s.write(|tx| incidents::append(tx, 3000, &uid, &other, &id, "note", "x")),
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        s.write(|tx| incidents::close(tx, 3000, &uid, &other, &id, "", None)),
        Err(StoreError::NotFound)
    ));
}

#[test]
fn closing_is_final_and_open_incidents_are_listed_first() {
    let d = tempfile::tempdir().unwrap();
    let s = hoshi_store::db::testing::open(d.path());
    let (uid, org, _) = owner_with_two_orgs(&s);
    let drill = s
        .write(|tx| incidents::open(tx, 1000, &uid, &org, new("lost_device", true)))
        .unwrap();
    let real = s
        .write(|tx| incidents::open(tx, 900, &uid, &org, new("other", false)))
        .unwrap();
    // Only notes, ticks and drafted notices are appended by callers.
    for kind in [
        "opened",
        "closed",
        "facts_changed",
        "drill_ended",
        "whatever",
    ] {
        assert!(matches!(
            s.write(|tx| incidents::append(tx, 1001, &uid, &org, &drill, kind, "")),
            Err(StoreError::Rule(_))
        ));
    }
    s.write(|tx| {
        incidents::close(
            tx,
            1000 + 47 * 60,
            &uid,
            &org,
            &drill,
            "47 分 · 社長、総務部長",
            Some(r#"{"participants":"社長、総務部長"}"#),
        )
    })
    .unwrap();
    assert!(matches!(
        s.write(|tx| incidents::append(tx, 5000, &uid, &org, &drill, "note", "後から")),
        Err(StoreError::Rule(_))
    ));
    assert!(matches!(
        s.write(|tx| incidents::close(tx, 5000, &uid, &org, &drill, "", None)),
        Err(StoreError::Rule(_))
    ));
    let scope = OrgScope::operator(&org);
    let list = s.read(|c| incidents::list(c, &scope)).unwrap();
    assert_eq!(
        list.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(),
        [real.as_str(), drill.as_str()],
        "the open incident first, although the drill is newer"
    );
    let d2 = &list[1];
    assert!(d2.drill && d2.closed);
    assert_eq!(d2.closed_at, Some(1000 + 47 * 60));
    assert_eq!(d2.closed_by_name.as_deref(), Some("オーナー"));
    assert_eq!(d2.report, r#"{"participants":"社長、総務部長"}"#);
    let ev = s.read(|c| incidents::events(c, &scope, &drill)).unwrap();
    let kinds: Vec<&str> = ev.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["drill_started", "facts_changed", "drill_ended"]);
    assert_eq!(ev[2].body, "47 分 · 社長、総務部長");
    let v = s.read(|c| incidents::verify(c, &scope, &drill)).unwrap();
    assert_eq!(v.first_broken, None);
}
