//! The labelled corpus (tests/corpus, see its README) stays readable: every file listed once,
//! every mail parsed with a sender, a subject and a text in Japanese or English, and judged
//! without a panic. The figures themselves (precision, recall, false positives on the held-out
//! part) come from `examples/corpus_eval.rs`; a test asserting them would invite tuning.

use std::collections::HashSet;
use std::path::Path;

use hoshi_fraud::judge::judge;
use hoshi_fraud::message::parse;
use hoshi_fraud::profile::Profile;

#[test]
fn every_corpus_mail_is_listed_once_read_and_judged() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let profile = Profile::parse(&std::fs::read_to_string(dir.join("profile.toml")).unwrap())
        .expect("the corpus profile is valid");
    let labels = std::fs::read_to_string(dir.join("labels.tsv")).unwrap();
    let mut seen = HashSet::new();
    let mut fraud = 0;
    for line in labels.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() >= 3, "{line}");
        assert!(
            seen.insert(cols[0].to_string()),
            "listed twice: {}",
            cols[0]
        );
        assert!(matches!(cols[1], "fraud" | "ok"), "{line}");
        fraud += usize::from(cols[1] == "fraud");
        let m = parse(&std::fs::read(dir.join(cols[0])).unwrap());
        assert!(m.from.is_some(), "{}: no sender", cols[0]);
        assert!(!m.subject.is_empty(), "{}: no subject", cols[0]);
        assert!(!m.text.trim().is_empty(), "{}: no text", cols[0]);
        assert!(!m.text.contains('\u{FFFD}'), "{}: undecoded bytes", cols[0]);
        let _ = judge(&m, &profile);
    }
    for split in ["train", "holdout"] {
        for e in std::fs::read_dir(dir.join(split)).unwrap() {
            let name = format!("{split}/{}", e.unwrap().file_name().to_string_lossy());
            assert!(seen.contains(&name), "{name} is not in labels.tsv");
        }
    }
    assert!(
        seen.len() >= 100 && fraud * 3 >= seen.len(),
        "{} mails, {fraud} fraud",
        seen.len()
    );
}
