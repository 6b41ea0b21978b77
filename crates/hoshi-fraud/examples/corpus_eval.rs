//! Precision, recall and false positives of the fraud check on the labelled corpus
//! (`tests/corpus`, see its README): `cargo run --release -p hoshi-fraud --example corpus_eval
//! [train|holdout|holdout-first|holdout-new|all] [--list]`. A mail counts as flagged when its verdict is not `ok` (a
//! `suspicious` mail warns the reader too). `--list` names the misjudged mails — use it on
//! `train` only: `holdout` is for the figures, never for tuning.

use std::path::Path;
use std::time::Instant;

use hoshi_fraud::judge::{Judge, Verdict};
use hoshi_fraud::message::parse;
use hoshi_fraud::profile::Profile;

#[allow(clippy::too_many_lines, reason = "one report, read top to bottom")]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let split = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "train".into());
    let list = args.iter().any(|a| a == "--list");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let profile = Profile::parse(&std::fs::read_to_string(dir.join("profile.toml")).unwrap())
        .expect("profile");
    let labels = std::fs::read_to_string(dir.join("labels.tsv")).unwrap();
    let mut rows = Vec::new();
    for line in labels
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 || cols[0] == "file" {
            continue;
        }
        // `holdout-first` / `holdout-new`: the held-out mails written with the corpus
        // (001–055) and the later batch (056 onward, written after the detector's second
        // version and never used for anything but these figures).
        let number: u32 = cols[0]
            .rsplit('/')
            .next()
            .and_then(|f| f.strip_suffix(".eml"))
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        let keep = match split.as_str() {
            "all" => true,
            "holdout-first" => cols[0].starts_with("holdout/") && number <= 55,
            "holdout-new" => cols[0].starts_with("holdout/") && number >= 56,
            s => cols[0].starts_with(&format!("{s}/")),
        };
        if !keep {
            continue;
        }
        rows.push((cols[0].to_string(), cols[1] == "fraud", cols[2].to_string()));
    }
    let bytes: Vec<Vec<u8>> = rows
        .iter()
        .map(|(f, _, _)| std::fs::read(dir.join(f)).unwrap())
        .collect();
    let (mut tp, mut fp, mut fne, mut tn) = (0, 0, 0, 0);
    let (mut bank, mut bank_hit) = (0, 0);
    let mut wrong = Vec::new();
    let mut wrong_kinds: std::collections::BTreeMap<String, usize> = Default::default();
    let mut verdicts = Vec::new();
    // The profile is prepared once, as a mail filter or the web check would.
    let judge = Judge::new(&profile);
    for ((file, fraud, kind), b) in rows.iter().zip(&bytes) {
        let m = parse(b);
        let j = judge.judge(&m);
        let flagged = j.verdict != Verdict::Ok;
        verdicts.push(j.verdict);
        match (*fraud, flagged) {
            (true, true) => tp += 1,
            (true, false) => {
                fne += 1;
                *wrong_kinds.entry(format!("missed {kind}")).or_default() += 1;
                wrong.push(format!("missed  {file} ({kind}) score {}", j.score));
            }
            (false, true) => {
                fp += 1;
                *wrong_kinds
                    .entry(format!("false positive {kind}"))
                    .or_default() += 1;
                let codes: Vec<&str> = j
                    .reasons
                    .iter()
                    .filter(|r| r.points > 0)
                    .map(|r| r.code)
                    .collect();
                wrong.push(format!(
                    "false+  {file} ({kind}) score {} {codes:?}",
                    j.score
                ));
            }
            (false, false) => tn += 1,
        }
        if kind == "bec-bank-change" {
            bank += 1;
            if flagged {
                bank_hit += 1;
            }
        }
    }
    // Throughput: parse and judge every mail of the split repeatedly for about a second.
    let started = Instant::now();
    let mut n = 0usize;
    while started.elapsed().as_secs_f64() < 1.0 {
        for b in &bytes {
            let m = parse(b);
            std::hint::black_box(judge.judge(&m));
            n += 1;
        }
    }
    let rate = n as f64 / started.elapsed().as_secs_f64();
    let fraud = tp + fne;
    let legit = fp + tn;
    println!(
        "split {split}: {} mails ({fraud} fraud, {legit} legitimate)",
        rows.len()
    );
    println!(
        "recall {:.3} ({tp}/{fraud}), precision {:.3}, false positives {fp} ({:.1} per 100 legitimate), bank-account changes caught {bank_hit}/{bank}",
        tp as f64 / fraud.max(1) as f64,
        tp as f64 / (tp + fp).max(1) as f64,
        100.0 * fp as f64 / legit.max(1) as f64
    );
    let fraud_v = verdicts.iter().filter(|v| **v == Verdict::Fraud).count();
    let susp_v = verdicts
        .iter()
        .filter(|v| **v == Verdict::Suspicious)
        .count();
    println!(
        "verdicts: {fraud_v} fraud, {susp_v} suspicious, {} ok",
        verdicts.len() - fraud_v - susp_v
    );
    println!("throughput: {rate:.0} messages/s on one core (parse + judge)");
    // Kinds only (no file, no content): enough to report, too little to tune on.
    for (k, n) in &wrong_kinds {
        println!("{k}: {n}");
    }
    if list {
        for w in wrong {
            println!("{w}");
        }
    }
}
