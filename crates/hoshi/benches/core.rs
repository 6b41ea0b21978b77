//! Benchmarks for the core (issue aims in brackets):
//! - loading all bundled catalogs [< 5 ms];
//! - scoring 10,000 assessments of 153 criteria on one core [≥ 1,000,000 criterion evaluations/s].
//!
//! Run: `cargo bench -p hoshi --bench core`. Prints figures; asserts nothing.

use std::hint::black_box;
use std::time::{Duration, Instant};

use hoshi_catalog::Registry;
use hoshi_core::{Answer, Assessment, Status, evaluate, evaluate_unchecked};

fn stats(mut v: Vec<Duration>) -> (Duration, Duration, Duration) {
    v.sort();
    let mean = v.iter().sum::<Duration>() / v.len() as u32;
    (v[0], v[v.len() / 2], mean)
}

fn main() {
    // 1. Loading the bundled catalogs (parse + validate + cross-reference check).
    let mut times = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        let r = Registry::bundled().expect("bundled");
        black_box(&r);
        times.push(t.elapsed());
    }
    let (min, median, mean) = stats(times);
    println!(
        "load bundled catalogs (scs + priority8): min {min:?}, median {median:?}, mean {mean:?}  [aim < 5 ms]"
    );

    // 2. A 153-criterion catalog: the official layout (fixture) imported like the real workbook.
    let reg = Registry::bundled().unwrap();
    let scs = reg.get("scs").unwrap();
    let ids: Vec<String> = scs.criteria_for_level(3).map(|c| c.id.clone()).collect();
    let bytes = hoshi_xlsx::fixture::workbook(
        &hoshi_xlsx::fixture::edition_rows(&ids),
        &Default::default(),
    );
    let opts = hoshi_xlsx::IpaOptions {
        id: "scs-ipa".into(),
        file_name: "bench.xlsx".into(),
        imported_at: "2026-11-21T00:00:00Z".into(),
        edition: None,
    };
    let t = Instant::now();
    let catalog = hoshi_xlsx::import_ipa(bytes, &opts, Some(scs))
        .unwrap()
        .catalog;
    println!("import a 153-criterion workbook: {:?}", t.elapsed());
    assert_eq!(catalog.criteria.len(), 153);

    // 10,000 assessments with a deterministic mix of statuses (xorshift).
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let assessments: Vec<Assessment> = (0..10_000)
        .map(|_| {
            let mut a = Assessment::new(&catalog, 4);
            for c in &catalog.criteria {
                let s = Status::ALL[(next() % 5) as usize];
                let ans = if s == Status::NotApplicable {
                    Answer::not_applicable("該当なし").unwrap()
                } else {
                    Answer::with_status(s)
                };
                a.answers.insert(c.id.clone(), ans);
            }
            a
        })
        .collect();
    let evaluations = (assessments.len() * catalog.criteria.len()) as f64;

    for (name, checked) in [
        ("evaluate (checks the assessment first)", true),
        ("evaluate_unchecked", false),
    ] {
        let mut runs = Vec::new();
        for _ in 0..5 {
            let t = Instant::now();
            let mut gaps = 0usize;
            for a in &assessments {
                let e = if checked {
                    evaluate(&catalog, a).unwrap()
                } else {
                    evaluate_unchecked(&catalog, a)
                };
                gaps += e.gaps.len();
            }
            black_box(gaps);
            runs.push(t.elapsed());
        }
        let (min, median, _) = stats(runs);
        println!(
            "score 10,000 × 153 with {name}: median {median:?} (best {min:?}) = {:.2} M criterion evaluations/s  [aim ≥ 1 M/s, one core]",
            evaluations / median.as_secs_f64() / 1e6
        );
    }
}
