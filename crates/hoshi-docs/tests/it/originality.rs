//! No copied sentences: every Japanese sentence of every draft is compared, as character
//! 12-gram shingles, with the official criteria and the seed material. Also: every cited
//! criterion exists.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use hoshi_docs::{Kind, draft};

use crate::fixture::{full, text};

const N: usize = 12;
const LIMIT: f64 = 0.40;
const MIN_LEN: usize = 15;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shared() -> Option<PathBuf> {
    let p = manifest().join("../../../shared");
    p.join("reference/scs-star3-criteria.tsv")
        .is_file()
        .then_some(p)
}

fn normalise(s: &str) -> Vec<char> {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

fn sentences(s: &str) -> Vec<String> {
    s.replace("\\n", "\n")
        .split(['。', '！', '？', '\n', '|', '\t'])
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

fn shingles(chars: &[char]) -> HashSet<String> {
    if chars.len() < N {
        return HashSet::new();
    }
    chars.windows(N).map(|w| w.iter().collect()).collect()
}

/// (source sentences, shingle → indexes of the sentences that contain it)
fn sources() -> (Vec<String>, HashMap<String, Vec<usize>>) {
    let mut texts = vec![
        std::fs::read_to_string(manifest().join("tests/fixtures/criteria-cited.tsv")).unwrap(),
    ];
    match shared() {
        Some(dir) => {
            texts.push(
                std::fs::read_to_string(dir.join("reference/scs-star3-criteria.tsv")).unwrap(),
            );
            let mut seeds: Vec<_> = std::fs::read_dir(dir.join("seeds"))
                .map(|r| r.flatten().map(|e| e.path()).collect())
                .unwrap_or_default();
            seeds.sort();
            for p in seeds
                .into_iter()
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            {
                texts.push(std::fs::read_to_string(p).unwrap());
            }
        }
        None => println!(
            "originality: /work/shared is not reachable from {}; comparing with tests/fixtures/criteria-cited.tsv only",
            manifest().display()
        ),
    }
    let mut sents = Vec::new();
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    for t in &texts {
        for s in sentences(t) {
            let id = sents.len();
            for sh in shingles(&normalise(&s)) {
                index.entry(sh).or_default().push(id);
            }
            sents.push(s);
        }
    }
    (sents, index)
}

#[test]
fn no_drafted_sentence_copies_the_sources() {
    let (src, index) = sources();
    assert!(src.len() > 30, "too few source sentences: {}", src.len());
    // (overlap, drafted sentence, source sentence), the highest per drafted sentence.
    let mut all: Vec<(f64, String, String)> = Vec::new();
    let mut compared = 0;
    for k in Kind::ALL {
        let doc = draft(k, &full(), true).doc;
        for s in sentences(&text(&doc)) {
            let n = normalise(&s);
            if n.len() < MIN_LEN {
                continue;
            }
            compared += 1;
            let mine = shingles(&n);
            let mut counts: HashMap<usize, usize> = HashMap::new();
            for sh in &mine {
                if let Some(ids) = index.get(sh) {
                    let uniq: HashSet<&usize> = ids.iter().collect();
                    for id in uniq {
                        *counts.entry(*id).or_default() += 1;
                    }
                }
            }
            if let Some((id, c)) = counts
                .into_iter()
                .max_by_key(|(id, c)| (*c, usize::MAX - id))
            {
                all.push((c as f64 / mine.len() as f64, s.clone(), src[id].clone()));
            }
        }
    }
    all.sort_by(|a, b| b.0.total_cmp(&a.0));
    println!(
        "originality: {compared} drafted sentences compared with {} source sentences; highest shingle overlaps:",
        src.len()
    );
    for (r, mine, theirs) in all.iter().take(3) {
        println!(
            "  {:.1}%\n    drafted: {mine}\n    source:  {theirs}",
            r * 100.0
        );
    }
    let worst = all.first().cloned().unwrap_or_default();
    assert!(compared > 150, "only {compared} sentences compared");
    assert!(
        worst.0 <= LIMIT,
        "a drafted sentence shares {:.0}% of its {N}-grams with a source sentence:\n  {}\n  {}",
        worst.0 * 100.0,
        worst.1,
        worst.2
    );
}

#[test]
fn every_cited_criterion_exists() {
    let file = match shared() {
        Some(d) => d.join("reference/scs-star3-criteria.tsv"),
        None => {
            println!(
                "criteria: /work/shared absent; checking against tests/fixtures/criteria-cited.tsv"
            );
            manifest().join("tests/fixtures/criteria-cited.tsv")
        }
    };
    let ids: HashSet<String> = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .skip(1)
        .filter_map(|l| l.split('\t').next().map(str::to_string))
        .collect();
    assert!(ids.len() >= 30);
    for k in Kind::ALL {
        for c in k.criteria() {
            assert!(
                ids.contains(*c),
                "{k:?} cites {c}, which is not a ★3 criterion"
            );
        }
    }
    // The brief's anchors.
    assert!(Kind::Policy.criteria().contains(&"1-3-1-1"));
    assert!(Kind::Backup.criteria().contains(&"4-3-4-3"));
    for c in [
        "6-1-1-1", "6-1-1-2", "6-1-1-3", "6-1-1-4", "6-1-1-5", "6-1-1-6",
    ] {
        assert!(Kind::Incident.criteria().contains(&c));
    }
    assert!(Kind::IncidentReport.criteria().contains(&"6-1-1-5"));
}
