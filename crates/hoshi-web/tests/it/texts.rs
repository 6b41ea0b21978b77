//! The text tables and every message a user can be shown: each key exists once, in Japanese and
//! English; every key the code or a template asks for exists; no key sits unused; and nothing a
//! Japanese user reads carries an English sentence.

use std::path::{Path, PathBuf};

use hoshi_core::{Lang, UserError};
use hoshi_web::kernel::i18n;

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, ext, out);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
}

/// The string literals that are results inside the balanced parentheses after each `opener`
/// (`t.s(match x { "a" => "key_a", … })` gives `key_a`, not the pattern `a`).
fn keys_after(text: &str, opener: &str, out: &mut Vec<String>) {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(i) = text[from..].find(opener).map(|i| i + from) {
        let mut k = i + opener.len();
        let mut depth = 1;
        let start = k;
        while k < b.len() && depth > 0 {
            match b[k] {
                b'(' => depth += 1,
                b')' => depth -= 1,
                b'"' => {
                    let end = text[k + 1..].find('"').map(|e| e + k + 1).unwrap();
                    let lit = &text[k + 1..end];
                    let after = text[end + 1..].trim_start();
                    let is_pattern = after.starts_with("=>") || after.starts_with('|');
                    if !is_pattern
                        && !lit.is_empty()
                        && lit.starts_with(|c: char| c.is_ascii_lowercase())
                        && lit
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    {
                        out.push(lit.to_string());
                    }
                    k = end;
                }
                _ => {}
            }
            k += 1;
        }
        from = start.max(k);
    }
}

/// Every key the source and the templates ask for: `.s("…")`, `.flash(… "…")` and the title
/// of `Page::new(ctx, "…")`.
fn used_keys() -> Vec<(String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    files(&root.join("src"), "rs", &mut paths);
    files(&root.join("templates"), "html", &mut paths);
    let mut used = Vec::new();
    for p in paths {
        if p.ends_with("kernel/i18n.rs") || p.file_name().is_some_and(|n| n == "texts.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        let mut keys = Vec::new();
        keys_after(&text, ".s(", &mut keys);
        keys_after(&text, ".flash(", &mut keys);
        let mut from = 0;
        while let Some(i) = text[from..].find("Page::new(").map(|i| i + from) {
            let rest = &text[i..];
            if let Some(q) = rest.find(", \"") {
                let lit = &rest[q + 3..];
                keys.push(lit[..lit.find('"').unwrap()].to_string());
            }
            from = i + 1;
        }
        let name = p.strip_prefix(&root).unwrap().display().to_string();
        used.extend(keys.into_iter().map(|k| (k, name.clone())));
    }
    used
}

/// A run of three or more English words: what a Japanese page must not contain. Command names
/// and product names the Japanese text uses on purpose are taken out first.
fn english_sentence(text: &str) -> Option<String> {
    let mut t = text.to_string();
    for allowed in [
        "hoshi serve",
        "hoshi vulns db import",
        "--allow-private-issuers",
        "multipart/form-data",
        "YYYY-MM-DD",
        "hoshi-fraud-profile/1",
    ] {
        t = t.replace(allowed, " ");
    }
    let mut run: Vec<String> = Vec::new();
    let mut word = String::new();
    let flush = |run: &mut Vec<String>, word: &mut String| {
        if word.len() >= 2 {
            run.push(std::mem::take(word));
        } else {
            word.clear();
        }
    };
    for c in t.chars().chain(std::iter::once('。')) {
        if c.is_ascii_alphabetic() || c == '\'' {
            word.push(c);
        } else if c == ' ' || c == ',' || c == '-' {
            flush(&mut run, &mut word);
        } else {
            flush(&mut run, &mut word);
            if run.len() >= 3 {
                return Some(run.join(" "));
            }
            run.clear();
        }
        if run.len() >= 3 {
            return Some(run.join(" "));
        }
    }
    None
}

#[test]
fn the_detector_finds_english_and_leaves_japanese_alone() {
    assert!(english_sentence("法人番号が正しくありません (the check digit is 3)").is_some());
    assert!(english_sentence("認証アプリ（Microsoft Authenticator など）").is_none());
    assert!(english_sentence("hoshi serve を --allow-private-issuers 付きで起動").is_none());
    assert!(english_sentence("Excel ワークブック（.xlsx）、IPA の公式ワークブック").is_none());
}

#[test]
fn every_key_once_in_both_languages_and_every_used_key_exists() {
    let keys = i18n::keys();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    for w in sorted.windows(2) {
        assert_ne!(w[0], w[1], "the key {} is defined in two tables", w[0]);
    }
    for k in &keys {
        for lang in Lang::ALL {
            let text = i18n::text(k, lang).unwrap();
            assert!(!text.trim().is_empty(), "{k} is empty in {lang}");
        }
    }
    let used = used_keys();
    assert!(used.len() > 300, "the scan found only {} uses", used.len());
    let missing: Vec<String> = used
        .iter()
        .filter(|(k, _)| i18n::text(k, Lang::Ja).is_none())
        .map(|(k, file)| format!("{k} ({file})"))
        .collect();
    assert!(missing.is_empty(), "keys used but not defined: {missing:?}");
    let unused: Vec<&&str> = keys
        .iter()
        .filter(|k| !used.iter().any(|(u, _)| u == *k))
        .collect();
    assert!(unused.is_empty(), "keys defined but never used: {unused:?}");
}

#[test]
fn no_english_sentence_in_japanese_texts_or_messages() {
    for k in i18n::keys() {
        let ja = i18n::text(k, Lang::Ja).unwrap();
        assert_eq!(english_sentence(ja), None, "text {k}: {ja}");
    }
    for e in UserError::examples() {
        let ja = e.message(Lang::Ja);
        assert_eq!(english_sentence(&ja), None, "{}: {ja}", e.code());
    }
}

/// The text a person sees on a page: tags removed.
fn visible(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[tokio::test]
async fn every_error_page_is_japanese_only_by_default() {
    use axum::response::IntoResponse;
    use hoshi_web::kernel::error::AppError;
    for e in UserError::examples() {
        let code = e.code();
        let res = AppError::BadRequest(e).into_response();
        assert_eq!(res.status(), axum::http::StatusCode::BAD_REQUEST);
        let body = axum::body::to_bytes(res.into_body(), 1 << 20)
            .await
            .unwrap();
        let html = String::from_utf8(body.to_vec()).unwrap();
        assert!(html.contains("<html lang=\"ja\">"), "{code}");
        let text = visible(&html);
        assert_eq!(english_sentence(&text), None, "{code}: {text}");
    }
}
