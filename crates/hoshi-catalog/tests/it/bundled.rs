//! The bundled catalogs: the real SCS ★3 content, its structure and its thresholds.

use hoshi_catalog::{Registry, parse_catalog, to_toml};
use hoshi_core::{Lang, Measure};

/// The 81 official ★3 criterion IDs in workbook order (IPA, 2026-03-27).
const STAR3_IDS: [&str; 81] = [
    "1-2-1-1", "1-2-1-2", "1-2-1-3", "1-2-3-1", "1-2-3-2", "1-3-1-1", "1-3-1-2", "1-3-1-3",
    "2-1-1-1", "2-1-1-2", "2-1-2-1", "2-1-4-1", "3-1-1-1", "3-1-1-2", "3-1-1-3", "3-1-1-4",
    "3-1-2-1", "3-1-2-2", "3-1-3-1", "3-1-3-2", "3-1-4-1", "3-1-4-2", "3-1-4-3", "4-1-1-1",
    "4-1-1-2", "4-1-1-3", "4-1-1-4", "4-1-2-1", "4-1-2-2", "4-1-2-3", "4-1-2-4", "4-1-2-5",
    "4-1-2-6", "4-1-2-7", "4-1-2-8", "4-1-3-1", "4-1-3-2", "4-1-3-3", "4-1-3-4", "4-1-4-1",
    "4-1-4-2", "4-1-5-1", "4-1-5-2", "4-1-5-3", "4-1-5-4", "4-1-5-5", "4-1-6-1", "4-1-6-2",
    "4-1-6-3", "4-1-7-1", "4-2-2-1", "4-2-2-2", "4-2-2-3", "4-3-4-1", "4-3-4-2", "4-3-4-3",
    "4-4-1-1", "4-4-1-2", "4-4-1-3", "4-4-4-1", "4-4-4-2", "4-4-5-1", "4-4-5-2", "4-4-5-3",
    "4-5-1-1", "4-5-1-2", "4-5-1-3", "4-5-1-4", "4-5-1-5", "4-5-1-6", "4-5-1-7", "5-1-1-1",
    "5-1-1-2", "5-1-1-3", "6-1-1-1", "6-1-1-2", "6-1-1-3", "6-1-1-4", "6-1-1-5", "6-1-1-6",
    "7-1-1-1",
];

fn scs() -> hoshi_core::Catalog {
    Registry::bundled()
        .expect("bundled catalogs load")
        .get("scs")
        .expect("scs")
        .clone()
}

#[test]
fn star3_has_the_81_official_criteria_in_order() {
    let c = scs();
    let ids: Vec<&str> = c.criteria_for_level(3).map(|c| c.id.as_str()).collect();
    assert_eq!(ids, STAR3_IDS);
}

#[test]
fn per_category_counts_match_the_scheme() {
    let c = scs();
    let mut counts = Vec::new();
    for cat in &c.categories {
        let n = c
            .criteria_for_level(3)
            .filter(|cr| c.category_of(cr).map(|x| x.id.as_str()) == Some(cat.id.as_str()))
            .count();
        counts.push(n);
    }
    assert_eq!(counts, [8, 4, 11, 48, 3, 6, 1]);
    let star3_reqs = c
        .requirements
        .iter()
        .filter(|r| r.levels.contains(&3))
        .count();
    assert_eq!(star3_reqs, 26);
    assert_eq!(c.requirements_for_level(4).count(), 43);
    let star4_only: Vec<&str> = c
        .requirements
        .iter()
        .filter(|r| r.levels == [4])
        .map(|r| r.id.as_str())
        .collect();
    assert_eq!(star4_only.len(), 17);
    assert!(
        c.requirements
            .iter()
            .filter(|r| r.levels == [4])
            .all(|r| r.summarised)
    );
    assert!(c.level(4).unwrap().summarised, "★4 is marked as summarised");
}

#[test]
fn every_criterion_is_bilingual_with_guidance_and_evidence() {
    let c = scs();
    for cr in &c.criteria {
        for l in Lang::ALL {
            assert!(cr.text.exact(l).is_some(), "{} text {l}", cr.id);
            assert!(cr.guidance.exact(l).is_some(), "{} guidance {l}", cr.id);
        }
        assert!(
            !cr.evidence.ja.is_empty() && cr.evidence.ja.len() == cr.evidence.en.len(),
            "{}",
            cr.id
        );
        assert!(!cr.threats.is_empty(), "{}", cr.id);
    }
}

/// The numbers that give the criteria their meaning must survive our rewording.
#[test]
fn thresholds_are_kept() {
    let c = scs();
    let text = |id: &str, l: Lang| c.criterion(id).unwrap().text.get(l).to_string();
    let ja = |id: &str| text(id, Lang::Ja);
    let en = |id: &str| text(id, Lang::En);
    // 14 days; Critical/High; CVSS base score 7.0; the four targets.
    for needle in ["14", "7.0", "CVSS"] {
        assert!(ja("4-4-4-2").contains(needle), "4-4-4-2 ja lacks {needle}");
        assert!(en("4-4-4-2").contains(needle), "4-4-4-2 en lacks {needle}");
    }
    assert!(en("4-4-4-2").contains("Critical") && en("4-4-4-2").contains("High"));
    for needle in ["ファームウェア", "ミドルウェア", "ブラウザ"] {
        assert!(ja("4-4-4-2").contains(needle), "4-4-4-2 lacks {needle}");
    }
    // Passwords: 8 with MFA or a 10-try lockout, otherwise 10 with upper, lower case and digits.
    for needle in ["8", "10"] {
        assert!(ja("4-1-5-3").contains(needle), "4-1-5-3 lacks {needle}");
    }
    assert!(ja("4-1-3-4").contains('8'));
    // Device lock: 10 failures; 6-character PIN or password.
    assert!(ja("4-1-4-1").contains("10"));
    assert!(ja("4-1-4-2").contains('6'));
    // Yearly reviews.
    for id in [
        "1-2-1-3", "2-1-1-2", "3-1-1-4", "3-1-4-2", "4-2-2-3", "6-1-1-4",
    ] {
        assert!(
            ja(id).contains("年に1回") || ja(id).contains("年1回") || ja(id).contains("毎年"),
            "{id}: {}",
            ja(id)
        );
    }
    // Authorities and competent ministries in the incident contact routes.
    assert!(ja("6-1-1-2").contains("省庁"));
}

#[test]
fn priority_measures_cross_reference_scs() {
    let reg = Registry::bundled().unwrap();
    let p8 = reg.get("priority8").unwrap();
    let scs = reg.get("scs").unwrap();
    assert_eq!(p8.requirements.len(), 8);
    for m in Measure::ALL {
        let req = p8
            .requirement(m.id())
            .unwrap_or_else(|| panic!("measure {m} missing"));
        let xrefs: Vec<_> = p8
            .criteria
            .iter()
            .filter(|c| c.requirement == req.id)
            .flat_map(|c| c.xref.iter())
            .filter(|x| x.framework == "scs")
            .collect();
        assert!(!xrefs.is_empty(), "measure {m} has no SCS cross-reference");
        for x in xrefs {
            assert!(scs.criterion(&x.id).is_some(), "{m} -> {}", x.id);
        }
    }
    assert!(reg.check_xrefs().is_empty());
}

#[test]
fn bundled_catalogs_round_trip_through_the_writer() {
    for c in Registry::bundled().unwrap().iter() {
        let text = to_toml(c).unwrap();
        let back = parse_catalog("round-trip.toml", &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(&back, c);
    }
}
