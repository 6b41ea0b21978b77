//! Bad catalog files get every problem reported with its position.

use hoshi_catalog::parse_catalog;

const HEAD: &str = r#"format = "hoshi-catalog/1"

[framework]
id = "demo"
edition = "1"
title = { ja = "デモ", en = "Demo" }
publisher = { ja = "hoshi", en = "hoshi" }
source_url = "about:demo"
effective_date = "2026-01-01"
licence = { ja = "Apache-2.0", en = "Apache-2.0" }
languages = ["ja", "en"]

[[level]]
rank = 3
label = { ja = "★3", en = "★3" }
name = { ja = "基礎", en = "Basic" }

[[category]]
id = "1"
name = { ja = "分類", en = "Category" }

[[requirement]]
id = "1-1-1"
category = "1"
levels = [3]
title = { ja = "要求", en = "Req" }
text = { ja = "要求の文", en = "Requirement text" }
"#;

fn criterion(id: &str, req: &str, extra: &str) -> String {
    format!(
        r#"
[[criterion]]
id = "{id}"
requirement = "{req}"
level = 3
text = {{ ja = "基準", en = "Criterion" }}
guidance = {{ ja = "手引き", en = "Guidance" }}
evidence = {{ ja = ["記録"], en = ["Record"] }}
threats = ["governance"]
effort = "low"
{extra}
"#
    )
}

fn errors(text: &str) -> Vec<String> {
    parse_catalog("demo.toml", text)
        .expect_err("should fail")
        .items
        .iter()
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn a_valid_file_loads() {
    let text = format!("{HEAD}{}", criterion("1-1-1-1", "1-1-1", ""));
    let c = parse_catalog("demo.toml", &text).unwrap();
    assert_eq!(c.criteria.len(), 1);
}

#[test]
fn duplicate_id_is_reported_at_its_line() {
    let text = format!(
        "{HEAD}{}{}",
        criterion("1-1-1-1", "1-1-1", ""),
        criterion("1-1-1-1", "1-1-1", "")
    );
    let line = text
        .match_indices("id = \"1-1-1-1\"")
        .nth(1)
        .map(|(i, _)| text[..i].matches('\n').count() + 1)
        .unwrap();
    let e = errors(&text);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].starts_with(&format!("demo.toml:{line}:")), "{e:?}");
    assert!(e[0].contains("defined twice"), "{e:?}");
}

#[test]
fn orphan_criterion_and_wrong_prefix() {
    let text = format!(
        "{HEAD}{}{}",
        criterion("1-1-2-1", "1-1-2", ""),
        criterion("2-1-1-1", "1-1-1", "")
    );
    let e = errors(&text);
    assert!(
        e.iter()
            .any(|m| m.contains("requirement `1-1-2`, which is not defined")),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|m| m.contains("does not belong under requirement `1-1-1`")),
        "{e:?}"
    );
}

#[test]
fn unknown_vocabulary_and_keys() {
    let bad_threat = format!(
        "{HEAD}{}",
        criterion("1-1-1-1", "1-1-1", "measure = \"firewalls\"")
    );
    let e = errors(&bad_threat);
    assert!(
        e[0].contains("unknown measure `firewalls`") && e[0].contains("patching"),
        "{e:?}"
    );

    let typo = format!("{HEAD}{}", criterion("1-1-1-1", "1-1-1", "efort = \"low\""));
    let e = errors(&typo);
    assert!(e[0].contains("efort"), "{e:?}");
    assert!(e[0].starts_with("demo.toml:"), "{e:?}");
}

#[test]
fn missing_language_and_bad_level() {
    let text = HEAD.replace(
        "text = { ja = \"要求の文\", en = \"Requirement text\" }",
        "text = { ja = \"要求の文\" }",
    ) + &criterion("1-1-1-1", "1-1-1", "").replace("level = 3", "level = 4");
    let e = errors(&text);
    assert!(
        e.iter()
            .any(|m| m.contains("requirement 1-1-1 text has no `en` text")),
        "{e:?}"
    );
    assert!(
        e.iter()
            .any(|m| m.contains("level 4, which is not defined")),
        "{e:?}"
    );
}

#[test]
fn syntax_error_has_a_position() {
    let e = errors("format = \"hoshi-catalog/1\"\n[framework\nid = 1\n");
    assert!(e[0].starts_with("demo.toml:2:"), "{e:?}");
}

#[test]
fn oversized_file_is_refused() {
    let text = "#".repeat(hoshi_catalog::MAX_FILE_BYTES + 1);
    assert!(errors(&text)[0].contains("at most"));
}
