//! Every kind drafted in both languages: filled from complete data, placeholders from none.

use std::collections::BTreeSet;

use hoshi_docs::markup::{self, placeholders};
use hoshi_docs::*;

use crate::fixture::{full, marker, text};

#[test]
fn codes_round_trip_and_metadata_is_complete() {
    let mut codes = BTreeSet::new();
    for k in Kind::ALL {
        assert_eq!(Kind::from_code(k.code()), Some(k));
        assert!(codes.insert(k.code()), "duplicate code {}", k.code());
        for ja in [true, false] {
            assert!(!k.title(ja).is_empty());
            assert!(k.summary(ja).chars().count() > 20, "{k:?} summary");
        }
        assert!(!k.criteria().is_empty(), "{k:?} cites no criterion");
        assert!(
            k.uses().contains(&Datum::Company),
            "{k:?} does not name the company"
        );
    }
    assert_eq!(Kind::from_code("nope"), None);
    assert_eq!(Kind::from_code(""), None);
    for d in Datum::ALL {
        assert!(!d.label(true).is_empty() && !d.label(false).is_empty());
    }
    let reading: Vec<_> = Kind::ALL
        .into_iter()
        .filter(|k| k.needs_reading())
        .collect();
    assert_eq!(
        reading,
        [
            Kind::Policy,
            Kind::Confidentiality,
            Kind::Accounts,
            Kind::Devices,
            Kind::Incident
        ]
    );
}

#[test]
fn full_inputs_name_every_datum_and_leave_no_placeholder() {
    let inputs = full();
    for k in Kind::ALL {
        for ja in [true, false] {
            let d = draft(k, &inputs, ja);
            let t = text(&d.doc);
            assert_eq!(d.doc.kind, k);
            assert_eq!(d.doc.ja, ja);
            assert_eq!(d.doc.title, k.title(ja));
            assert!(
                d.missing.is_empty(),
                "{k:?} ja={ja}: missing {:?}",
                d.missing
            );
            let ph: Vec<String> = d
                .doc
                .sections
                .iter()
                .flat_map(|s| placeholders(&s.body))
                .collect();
            assert!(ph.is_empty(), "{k:?} ja={ja}: placeholders {ph:?}");
            for datum in k.uses() {
                let m = marker(k, *datum, ja);
                assert!(!m.is_empty(), "no marker for {k:?}/{datum:?}");
                assert!(t.contains(m), "{k:?} ja={ja}: {datum:?} ({m}) not in\n{t}");
            }
            // Keys are unique and every body passes the markup check.
            let keys: BTreeSet<_> = d.doc.sections.iter().map(|s| s.key.as_str()).collect();
            assert_eq!(keys.len(), d.doc.sections.len(), "{k:?}: duplicate keys");
            assert!(d.doc.sections.len() <= markup::MAX_SECTIONS);
            markup::check_sections(&d.doc.sections)
                .unwrap_or_else(|e| panic!("{k:?} ja={ja}: {e:?}"));
        }
    }
}

#[test]
fn english_drafts_have_no_japanese_apart_from_the_data() {
    let inputs = full();
    for k in Kind::ALL {
        let d = draft(k, &inputs, false);
        let mut t = text(&d.doc);
        // Remove the company's own data (Japanese in the fixture).
        for datum in Datum::ALL {
            for ja in [true, false] {
                t = t.replace(marker(k, datum, ja), "");
            }
        }
        let i = full();
        for s in [
            &i.representative.title,
            &i.security_lead.title,
            &i.it_contact.title,
            &i.people[0].name,
            &i.people[0].title,
            &i.people[1].title,
            &i.assets[0].kind,
            &i.assets[0].owner,
            &i.assets[0].place,
            &i.services[0].purpose,
            &i.services[0].owner,
            &i.backups[0].what,
            &i.backups[0].place,
            &i.backups[0].schedule,
            &i.backups[1].name,
            &i.backups[1].what,
            &i.backups[1].place,
            &i.backups[1].schedule,
            &i.rules.classes[1],
            &i.rules.classes[2],
            "警視庁",
        ] {
            t = t.replace(s, "");
        }
        for line in i.backups.iter().flat_map(|b| b.restore.lines()) {
            let l = line.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
            t = t.replace(l, "");
        }
        let jp: String = t
            .chars()
            .filter(|c| {
                ('\u{3040}'..='\u{30ff}').contains(c) || ('\u{4e00}'..='\u{9fff}').contains(c)
            })
            .collect();
        assert!(
            jp.is_empty(),
            "{k:?}: Japanese left in the English draft: {jp}\n{t}"
        );
    }
}

#[test]
fn empty_inputs_list_exactly_the_missing_data_with_placeholders() {
    let inputs = Inputs::default();
    for k in Kind::ALL {
        for ja in [true, false] {
            let d = draft(k, &inputs, ja);
            let want: BTreeSet<Datum> = k
                .uses()
                .iter()
                .copied()
                .filter(|d| *d != Datum::Rules)
                .collect();
            let got: BTreeSet<Datum> = d.missing.iter().copied().collect();
            assert_eq!(got, want, "{k:?} ja={ja}");
            assert_eq!(got.len(), d.missing.len(), "{k:?}: duplicates in missing");
            let ph: BTreeSet<String> = d
                .doc
                .sections
                .iter()
                .flat_map(|s| placeholders(&s.body))
                .collect();
            for datum in &want {
                let p = if ja {
                    format!("〔未設定：{}〕", datum.label(true))
                } else {
                    format!("[not set: {}]", datum.label(false))
                };
                assert!(ph.contains(&p), "{k:?} ja={ja}: {p} not found in {ph:?}");
            }
            assert_eq!(ph.len(), want.len(), "{k:?} ja={ja}: {ph:?}");
        }
    }
}

#[test]
fn zero_rules_are_missing_and_tokyo_is_the_metropolitan_police() {
    let mut i = full();
    i.rules.password_min_len = 0;
    i.rules.retention_years = 0;
    i.prefecture = "東京都".into();
    assert_eq!(draft(Kind::Accounts, &i, true).missing, [Datum::Rules]);
    assert_eq!(draft(Kind::Backup, &i, false).missing, [Datum::Rules]);
    let t = text(&draft(Kind::Incident, &i, true).doc);
    assert!(t.contains("警視庁 サイバー犯罪相談窓口"));
    i.prefecture = "Osaka".into();
    let t = text(&draft(Kind::Incident, &i, false).doc);
    assert!(t.contains("Osaka Prefectural Police"));
}

#[test]
fn backup_has_one_section_per_target_and_uses_the_recorded_steps() {
    let mut i = full();
    let d = draft(Kind::Backup, &i, true);
    let targets: Vec<_> = d
        .doc
        .sections
        .iter()
        .filter(|s| s.key.starts_with("target-"))
        .collect();
    assert_eq!(targets.len(), 2);
    assert!(targets[0].heading.contains("図面サーバ"));
    assert!(
        targets[0]
            .body
            .contains("スナップショットから対象フォルダを選ぶ")
    );
    // Own numbering is replaced, not doubled.
    assert!(!targets[0].body.contains("1. 1."));
    // Without recorded steps: generic steps and a placeholder.
    i.backups[1].restore.clear();
    let d = draft(Kind::Backup, &i, true);
    assert_eq!(d.missing, [Datum::Backups]);
    let t = &d
        .doc
        .sections
        .iter()
        .find(|s| s.key == "target-2")
        .unwrap()
        .body;
    assert!(t.contains("〔未設定：バックアップ対象〕"));
}

#[test]
fn hostile_inputs_cannot_break_the_markup() {
    let mut i = full();
    i.company = "悪い|会社\n- 偽の項目\n## 見出し\u{7}".into();
    i.customers = vec!["| x | y |".into(), "".into(), "\n".into()];
    i.rules.classes = vec!["  ".into()];
    for k in Kind::ALL {
        for ja in [true, false] {
            let d = draft(k, &i, ja);
            markup::check_sections(&d.doc.sections).unwrap_or_else(|e| panic!("{k:?}: {e:?}"));
            for s in &d.doc.sections {
                assert!(!s.body.contains("\n- 偽の項目"), "{k:?}");
                assert!(!s.body.contains('\u{7}'));
            }
        }
    }
}

#[test]
fn huge_inputs_stay_within_the_limits() {
    let mut i = full();
    let long = "長".repeat(100_000);
    i.company = long.clone();
    i.security_lead.name = long.clone();
    i.people = vec![
        Person {
            name: long.clone(),
            ..Person::default()
        };
        5000
    ];
    i.assets = vec![
        AssetLine {
            name: "PC".into(),
            ..AssetLine::default()
        };
        5000
    ];
    i.services = vec![
        ServiceLine {
            name: "SaaS".into(),
            ..ServiceLine::default()
        };
        5000
    ];
    i.customers = vec!["顧客".into(); 5000];
    i.backups = vec![
        BackupLine {
            name: "NAS".into(),
            restore: "手順\n".repeat(10_000),
            ..BackupLine::default()
        };
        500
    ];
    i.rules.classes = vec!["区分".into(); 500];
    for k in Kind::ALL {
        for ja in [true, false] {
            let d = draft(k, &i, ja);
            markup::check_sections(&d.doc.sections)
                .unwrap_or_else(|e| panic!("{k:?} ja={ja}: {:?}", &e[..e.len().min(3)]));
        }
    }
    // Long rows stop at the size budget, short ones at the row limit; the rest is counted.
    let d = draft(Kind::Roles, &i, true);
    assert!(text(&d.doc).contains("件は、hoshi の一覧で管理しています。"));
    let d = draft(Kind::Devices, &i, false);
    assert!(text(&d.doc).contains("4900 more are kept in the list in hoshi."));
}
