//! Answer files: template round-trip, positioned errors, hostile input.

use hoshi_answers::{parse, write};
use hoshi_catalog::Registry;
use hoshi_core::{Answer, Assessment, Catalog, Lang, Status};
use proptest::prelude::*;

fn scs() -> Catalog {
    Registry::bundled().unwrap().get("scs").unwrap().clone()
}

fn errors(text: &str) -> Vec<String> {
    let c = scs();
    match parse("answers.yaml", text) {
        Err(e) => e.items.iter().map(|p| p.to_string()).collect(),
        Ok(f) => f
            .to_assessment(&c)
            .expect_err("should fail")
            .items
            .iter()
            .map(|p| p.to_string())
            .collect(),
    }
}

#[test]
fn template_round_trips_with_every_kind_of_answer() {
    let c = scs();
    let mut a = Assessment::new(&c, 3);
    a.organisation = "株式会社サンプル \"東京\"".into();
    a.set(
        "1-2-1-1",
        Answer {
            status: Status::Met,
            reason: "体制表あり".into(),
            evidence: vec!["体制表 v2.pdf".into(), "https://intra.example/x#y".into()],
            note: "複数行の\n補足: コロン: と # 記号".into(),
        },
    )
    .unwrap();
    a.set("4-4-4-2", Answer::with_status(Status::Partial))
        .unwrap();
    a.set("4-1-3-2", Answer::with_status(Status::NotMet))
        .unwrap();
    a.set(
        "7-1-1-1",
        Answer::not_applicable("- 重要システムなし: yes / no").unwrap(),
    )
    .unwrap();
    for lang in Lang::ALL {
        let text = write(&c, &a, lang);
        let back = parse("answers.yaml", &text)
            .unwrap()
            .to_assessment(&c)
            .unwrap();
        // Unanswered entries are written but carry no information.
        let mut back_answers = back.answers.clone();
        back_answers.retain(|_, v| *v != Answer::default());
        assert_eq!(back_answers, a.answers);
        assert_eq!(back.organisation, a.organisation);
    }
}

#[test]
fn template_lists_every_level_3_criterion() {
    let c = scs();
    let text = write(&c, &Assessment::new(&c, 3), Lang::Ja);
    let f = parse("answers.yaml", &text).unwrap();
    assert_eq!(f.to_assessment(&c).unwrap().answers.len(), 81);
    assert!(
        text.contains("# 4-4-4-2 "),
        "criterion text is in the comments"
    );
}

fn minimal(body: &str) -> String {
    format!(
        "format: hoshi-answers/1\ncatalog: scs\nedition: \"2026-03-27\"\nlevel: 3\nanswers:\n{body}"
    )
}

#[test]
fn marks_and_japanese_words_are_accepted() {
    let c = scs();
    let text = minimal(
        "  1-2-1-1: {status: ○}\n  1-2-1-2: {status: △}\n  1-2-1-3: {status: ✖}\n  1-2-3-1: {status: 対象外, reason: 派遣社員なし}\n  1-2-3-2: {status: 実施済み}\n",
    );
    let a = parse("a.yaml", &text).unwrap().to_assessment(&c).unwrap();
    assert_eq!(a.status("1-2-1-1"), Status::Met);
    assert_eq!(a.status("1-2-1-2"), Status::Partial);
    assert_eq!(a.status("1-2-1-3"), Status::NotMet);
    assert_eq!(a.status("1-2-3-1"), Status::NotApplicable);
    assert_eq!(a.status("1-2-3-2"), Status::Met);
}

#[test]
fn problems_name_the_line_and_the_criterion() {
    let text = minimal(
        "  1-2-1-1:\n    status: met\n  9-9-9-9:\n    status: met\n  1-2-1-2:\n    status: done\n  1-2-1-3:\n    status: not-applicable\n",
    );
    let e = errors(&text);
    assert_eq!(e.len(), 3, "{e:?}");
    assert!(
        e[0].starts_with("answers.yaml:8:3: 9-9-9-9: unknown criterion ID"),
        "{e:?}"
    );
    assert!(
        e[1].starts_with("answers.yaml:10:3: 1-2-1-2: unknown status `done`"),
        "{e:?}"
    );
    assert!(
        e[2].starts_with("answers.yaml:12:3: 1-2-1-3: status not-applicable needs a reason"),
        "{e:?}"
    );
}

#[test]
fn structural_problems_have_positions() {
    let e = errors(&minimal("  1-2-1-1:\n    stauts: met\n"));
    assert!(
        e[0].contains("stauts") && e[0].starts_with("answers.yaml:7:"),
        "{e:?}"
    );
    let e = errors(&minimal(
        "  1-2-1-1:\n    status: met\n  1-2-1-1:\n    status: not-met\n",
    ));
    assert!(e[0].contains("duplicate"), "{e:?}");
    let e =
        errors("format: hoshi-answers/1\ncatalog: scs\nedition: \"2026-03-27\"\nlevel: three\n");
    assert!(e[0].starts_with("answers.yaml:4:"), "{e:?}");
    let e = errors(&minimal("  1-2-1-1:\n    status: met\n").replace("2026-03-27", "2020-01-01"));
    assert!(e[0].contains("scs@2020-01-01"), "{e:?}");
}

#[test]
fn alias_bombs_and_deep_nesting_are_refused() {
    let mut bomb = String::from("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
    let mut prev = 'a';
    for name in 'b'..='k' {
        bomb.push_str(&format!("{name}: &{name} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
        prev = name;
    }
    assert!(parse("bomb.yaml", &bomb).is_err());
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(parse("deep.yaml", &deep).is_err());
    let big = "#".repeat(hoshi_answers::MAX_FILE_BYTES + 1);
    assert!(
        parse("big.yaml", &big).unwrap_err().items[0]
            .message
            .contains("at most")
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    #[test]
    fn never_panics_on_arbitrary_text(s in "\\PC{0,300}") {
        let c = scs();
        if let Ok(f) = parse("x.yaml", &s) {
            let _ = f.to_assessment(&c);
        }
    }

    #[test]
    fn never_panics_on_mutated_templates(cut in 0usize..4000, insert in "[ :\\-\\[\\]{}&*!|>'\"#%@`\n\t]{0,6}") {
        let c = scs();
        let mut text = write(&c, &Assessment::new(&c, 3), Lang::Ja);
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) { at -= 1; }
        text.insert_str(at, &insert);
        if let Ok(f) = parse("x.yaml", &text) {
            let _ = f.to_assessment(&c);
        }
    }
}
