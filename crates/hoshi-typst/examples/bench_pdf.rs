//! PDF benchmark: a full ★4 assessment (81 + 72 = 153 criteria, from a workbook in the official
//! layout), 300 consecutive reports in one process, each different; prints the time of each and the
//! resident memory after reports 1, 2, 10, 50, 100, 200 and 300.
//!
//! cargo run --release -p hoshi-typst --example bench_pdf
#![allow(
    clippy::too_many_lines,
    reason = "a benchmark script, read as one sequence of measured steps"
)]

use std::time::Instant;

use hoshi_catalog::Registry;
use hoshi_core::damage::Inputs;
use hoshi_core::{Answer, Assessment, Lang, Status};
use hoshi_pdf::{AttestationRef, Confirmation, Doc, EvidenceRef, Extras, Render};

fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let reg = Registry::bundled().expect("bundled catalogs");
    let scs = reg.get("scs").expect("scs").clone();
    let catalog = hoshi_xlsx::fixture::full_catalog(&scs).expect("fixture imports");
    let mut a = Assessment::new(&catalog, 4);
    a.organisation = "株式会社ベンチマーク製作所".into();
    let ids: Vec<String> = catalog
        .criteria_for_level(4)
        .map(|c| c.id.clone())
        .collect();
    let mut evidence = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let status = [
            Status::Met,
            Status::Met,
            Status::Partial,
            Status::NotMet,
            Status::Unanswered,
        ][i % 5];
        let mut ans = Answer::with_status(status);
        ans.evidence = vec![format!("規程集 {}章", i % 12 + 1)];
        a.set(id.clone(), ans).expect("answer");
        evidence.push(EvidenceRef {
            criteria: vec![id.clone()],
            name: format!("evidence-{i:03}.pdf"),
            kind: "file".into(),
            effective: "2026-04-01".into(),
            expires: String::new(),
        });
    }
    let e = hoshi_core::evaluate(&catalog, &a).expect("valid assessment");
    let mut extras = Extras {
        title: "2026年度 ★4 自己評価".into(),
        date: "2026-11-21".into(),
        evidence,
        cost: Some(Inputs {
            records: 30_000,
            revenue_yen: 2_000_000_000,
            stoppage_days: 14,
        }),
        confirmation: Some(Confirmation {
            confirmer: "評価機関サンプル".into(),
            qualification: "登録評価機関".into(),
            confirmed_on: "2026-11-10".into(),
            officer_name: "佐藤 一郎".into(),
            officer_title: "代表取締役".into(),
            declared_on: "2026-11-12".into(),
        }),
        attestation: Some(AttestationRef {
            id: "cd".repeat(32),
            verify_url: format!("https://hoshi.example.jp/verify?id={}", "cd".repeat(32)),
            valid_until: "2027-11-09".into(),
        }),
    };
    println!("criteria in the assessment: {}", ids.len());
    println!("gaps at the start: {}", e.gaps.len());
    let start_rss = rss_kb();
    let mut times = Vec::new();
    let mut size = 0;
    // Every report differs from the one before (title, one answer, the estimate's inputs), as
    // reports of different suppliers would: Typst's memoisation cannot replay a previous result.
    for i in 1..=300 {
        let t = Instant::now();
        extras.title = format!("2026年度 ★4 自己評価 第{i}版");
        extras.cost = Some(Inputs {
            records: 1_000 * i as u64,
            revenue_yen: 2_000_000_000,
            stoppage_days: (i % 30) as u32,
        });
        let id = &ids[i % ids.len()];
        let flip = if a.status(id) == Status::Met {
            Status::NotMet
        } else {
            Status::Met
        };
        a.set(id.clone(), Answer::with_status(flip))
            .expect("answer");
        let e = hoshi_core::evaluate(&catalog, &a).expect("valid assessment");
        let doc = Doc::build(&catalog, &a, &e, Lang::Ja, &extras);
        let pdf = hoshi_typst::Typst.render(&doc).expect("report renders");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        size = pdf.len();
        if i == 100 {
            std::fs::write("target/bench-report.pdf", &pdf).ok();
        }
        if [1, 2, 10, 50, 100, 200, 300].contains(&i) {
            println!(
                "after report {i:>3}: {:>8.1} ms, RSS {:>7} KB",
                times[i - 1],
                rss_kb()
            );
        }
    }
    let first = times[0];
    let mut rest = times[1..].to_vec();
    rest.sort_by(|x, y| x.total_cmp(y));
    let pct = |p: f64| rest[((rest.len() as f64 - 1.0) * p).round() as usize];
    println!("PDF size: {size} bytes");
    println!("first report (cold: fonts, library, template): {first:.1} ms");
    println!(
        "reports 2-300: median {:.1} ms, p90 {:.1} ms, max {:.1} ms",
        pct(0.5),
        pct(0.9),
        pct(1.0)
    );
    println!("RSS before: {start_rss} KB, after 300: {} KB", rss_kb());
}
