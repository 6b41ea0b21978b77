//! Engine invariants under property tests, over generated catalogs and assessments.

use hoshi_core::*;
use proptest::prelude::*;

fn text(s: &str) -> Text {
    Text::new(s, s)
}

/// A catalog with `levels` criteria levels (3, or 3 and 4) spread over categories.
fn catalog(crit_levels: &[u8], threats: &[usize], efforts: &[usize]) -> Catalog {
    let mut requirements = Vec::new();
    let mut criteria = Vec::new();
    for (i, &lvl) in crit_levels.iter().enumerate() {
        let cat = (i % 3) + 1;
        let req = format!("{cat}-1-{}", i / 3 + 1);
        if !requirements.iter().any(|r: &Requirement| r.id == req) {
            requirements.push(Requirement {
                id: req.clone(),
                category: cat.to_string(),
                levels: vec![3, 4],
                title: text("r"),
                text: text("r"),
                summarised: false,
                measures: vec![],
                threats: vec![],
                sub_category: None,
            });
        }
        criteria.push(Criterion {
            id: format!("{req}-{}", i + 1),
            requirement: req,
            level: lvl,
            text: text("c"),
            guidance: text("g"),
            evidence: TextList::default(),
            measure: None,
            threats: vec![Threat::ALL[threats[i % threats.len()] % Threat::ALL.len()]],
            effort: Effort::ALL[efforts[i % efforts.len()] % 3],
            xref: vec![],
        });
    }
    Catalog {
        framework: Framework {
            id: "gen".into(),
            edition: "1".into(),
            title: text("t"),
            publisher: text("p"),
            source_url: "about:gen".into(),
            effective_date: "2026-01-01".into(),
            licence: text("l"),
            languages: vec![Lang::Ja, Lang::En],
            origin: Origin::Hoshi,
            note: None,
            source: None,
        },
        levels: vec![
            LevelDef {
                rank: 3,
                label: text("★3"),
                name: text("3"),
                summarised: false,
            },
            LevelDef {
                rank: 4,
                label: text("★4"),
                name: text("4"),
                summarised: false,
            },
        ],
        categories: (1..=3)
            .map(|i| Category {
                id: i.to_string(),
                name: text("c"),
            })
            .collect(),
        requirements,
        criteria,
    }
}

fn status_strategy() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}

fn answer(status: Status) -> Answer {
    if status == Status::NotApplicable {
        Answer::not_applicable("対象の機器がないため").unwrap()
    } else {
        Answer::with_status(status)
    }
}

fn setup() -> impl Strategy<Value = (Vec<u8>, Vec<usize>, Vec<usize>, Vec<Status>, u8)> {
    (1usize..40).prop_flat_map(|n| {
        (
            prop::collection::vec(prop::sample::select(vec![3u8, 4]), n),
            prop::collection::vec(0usize..10, 1..5),
            prop::collection::vec(0usize..3, 1..4),
            prop::collection::vec(status_strategy(), n),
            prop::sample::select(vec![3u8, 4]),
        )
    })
}

fn assess(c: &Catalog, statuses: &[Status], level: u8) -> Assessment {
    let mut a = Assessment::new(c, level);
    for (cr, &s) in c.criteria.iter().zip(statuses) {
        a.set(cr.id.clone(), answer(s)).unwrap();
    }
    a
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Marking an unanswered criterion met never lowers progress (overall, per category, per level).
    #[test]
    fn answering_met_never_lowers_progress((levels, th, ef, statuses, target) in setup(), pick in any::<prop::sample::Index>()) {
        let c = catalog(&levels, &th, &ef);
        let a = assess(&c, &statuses, target);
        let unanswered: Vec<&Criterion> = c.criteria.iter().filter(|cr| a.status(&cr.id) == Status::Unanswered).collect();
        prop_assume!(!unanswered.is_empty());
        let chosen = pick.get(&unanswered);
        let before = evaluate(&c, &a).unwrap();
        let mut b = a.clone();
        b.set(chosen.id.clone(), Answer::with_status(Status::Met)).unwrap();
        let after = evaluate(&c, &b).unwrap();
        prop_assert!(after.overall.ratio() >= before.overall.ratio());
        prop_assert!(after.overall.percent() >= before.overall.percent());
        for (x, y) in before.categories.iter().zip(&after.categories) {
            prop_assert!(y.progress.ratio() >= x.progress.ratio());
        }
        for (x, y) in before.levels.iter().zip(&after.levels) {
            prop_assert!(y.progress.done() >= x.progress.done());
            prop_assert!(!x.reached || y.reached);
        }
        prop_assert!(after.gaps.len() <= before.gaps.len());
    }

    /// A level is reached exactly when every criterion up to it is met or justified N/A.
    #[test]
    fn verdict_is_all_or_nothing((levels, th, ef, statuses, target) in setup()) {
        let c = catalog(&levels, &th, &ef);
        let a = assess(&c, &statuses, target);
        let e = evaluate(&c, &a).unwrap();
        for l in &e.levels {
            let all = c.criteria.iter().filter(|cr| cr.level <= l.rank).all(|cr| a.status(&cr.id).is_satisfied());
            prop_assert_eq!(l.reached, all);
        }
        prop_assert_eq!(e.gaps.is_empty(), e.target_reached);
        // The gap list is sorted by risk.
        for w in e.gaps.windows(2) {
            prop_assert!(w[0].risk >= w[1].risk);
        }
        // Every gap is in exactly one roadmap phase.
        let in_roadmap: usize = e.roadmap.iter().map(|p| p.criteria.len()).sum();
        prop_assert_eq!(in_roadmap, e.gaps.len());
    }

    /// The verdict for a level depends only on that level's criteria.
    #[test]
    fn verdict_ignores_higher_levels((levels, th, ef, statuses, _t) in setup(), other in prop::collection::vec(status_strategy(), 40)) {
        let c = catalog(&levels, &th, &ef);
        let a = assess(&c, &statuses, 3);
        let mut b = a.clone();
        for (cr, &s) in c.criteria.iter().zip(&other) {
            if cr.level > 3 {
                b.set(cr.id.clone(), answer(s)).unwrap();
            }
        }
        let ea = evaluate(&c, &a).unwrap();
        let eb = evaluate(&c, &b).unwrap();
        prop_assert_eq!(ea.levels[0].reached, eb.levels[0].reached);
        prop_assert_eq!(ea.target_reached, eb.target_reached);
        prop_assert_eq!(ea.overall, eb.overall);
        prop_assert_eq!(ea.gaps, eb.gaps);
    }

    /// Not applicable without a reason is rejected, whatever the whitespace.
    #[test]
    fn not_applicable_needs_a_reason(ws in "[ \t\n\u{3000}]{0,5}") {
        prop_assert!(Answer::not_applicable(ws.clone()).is_err());
        let mut a = Assessment::new(&catalog(&[3], &[0], &[0]), 3);
        let bad = Answer { status: Status::NotApplicable, reason: ws, ..Answer::default() };
        prop_assert!(a.set("1-1-1-1", bad.clone()).is_err());
        a.answers.insert("1-1-1-1".into(), bad);
        let c = catalog(&[3], &[0], &[0]);
        prop_assert!(evaluate(&c, &a).is_err());
    }
}

#[test]
fn ransomware_doors_come_first() {
    // Same effort, different threats: the gap list follows the threat order.
    let c = catalog(&[3; 10], &[9, 8, 7, 6, 5, 4, 3, 2, 1, 0], &[0]);
    let a = Assessment::new(&c, 3);
    let e = evaluate(&c, &a).unwrap();
    let threats: Vec<Threat> = e.gaps.iter().map(|g| g.threat).collect();
    assert_eq!(threats, Threat::ALL);
    assert_eq!(e.gaps[0].phase, Phase::Now);
}

#[test]
fn unknown_criterion_and_wrong_catalog_are_reported() {
    let c = catalog(&[3, 3], &[0], &[0]);
    let mut a = Assessment::new(&c, 3);
    a.answers
        .insert("9-9-9-9".into(), Answer::with_status(Status::Met));
    a.edition = "2".into();
    let issues = evaluate(&c, &a).unwrap_err();
    assert!(
        issues
            .iter()
            .any(|i| matches!(i, AssessmentIssue::UnknownCriterion { id } if id == "9-9-9-9"))
    );
    assert!(
        issues
            .iter()
            .any(|i| matches!(i, AssessmentIssue::CatalogMismatch { .. }))
    );
}

#[test]
fn edition_diff_finds_each_kind_of_change() {
    let old = catalog(&[3, 3, 3, 3], &[0], &[0]);
    let mut new = old.clone();
    new.framework.edition = "2".into();
    new.criteria[0].text = text("changed wording");
    new.criteria[1].level = 4;
    let removed = new.criteria.remove(3).id;
    let mut added = new.criteria[2].clone();
    added.id = format!("{}-9", added.requirement);
    new.criteria.push(added.clone());
    let d = diff(&old, &new);
    let find = |id: &str| {
        d.criteria
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.changes.clone())
    };
    assert_eq!(find(&old.criteria[0].id), Some(vec![Change::TextChanged]));
    assert_eq!(
        find(&old.criteria[1].id),
        Some(vec![Change::LevelChanged { from: 3, to: 4 }])
    );
    assert_eq!(find(&removed), Some(vec![Change::Removed]));
    assert_eq!(find(&added.id), Some(vec![Change::Added]));
    assert_eq!(d.unchanged, 1);

    let mut a = Assessment::new(&old, 3);
    a.set(removed.clone(), Answer::with_status(Status::Met))
        .unwrap();
    a.set(old.criteria[0].id.clone(), Answer::with_status(Status::Met))
        .unwrap();
    let m = migrate(&a, &old, &new);
    assert!(!m.migrated.answers.contains_key(&removed));
    assert_eq!(m.migrated.status(&old.criteria[0].id), Status::Met);
    assert_eq!(m.migrated.edition, "2");
    assert!(evaluate(&new, &m.migrated).is_ok());
}
