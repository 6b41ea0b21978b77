//! What `hoshi mail check` writes: the stable JSON report (format 1), the text for a terminal,
//! and the filter mode's `X-Hoshi-Fraud:` header.
//!
//! JSON, format 1 (fields are only ever added):
//!
//! ```json
//! {
//!   "format": 1,
//!   "organisation": "星川精機株式会社",
//!   "messages": [
//!     {"file": "inbox/123.eml", "message_id": "<…>", "from": "星川 太郎 <…@gmail.com>",
//!      "subject": "【至急】グループ作成依頼", "verdict": "fraud", "score": 100,
//!      "reasons": [{"code": "impersonated_officer", "detail": "…", "ja": "…", "en": "…",
//!                   "points": 45}],
//!      "advice": {"ja": "…", "en": "…"}}
//!   ],
//!   "totals": {"messages": 1, "fraud": 1, "suspicious": 0, "ok": 0}
//! }
//! ```

use hoshi_core::Lang;
use serde::Serialize;

use crate::judge::{Judgement, Reason, Verdict};
use crate::message::Address;

/// One checked mail.
#[derive(Debug, Clone, Serialize)]
pub struct Checked {
    pub file: String,
    pub message_id: String,
    pub from: String,
    pub subject: String,
    pub verdict: Verdict,
    pub score: u32,
    pub reasons: Vec<Reason>,
    pub advice: Advice,
}

#[derive(Debug, Clone, Serialize)]
pub struct Advice {
    pub ja: String,
    pub en: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub messages: usize,
    pub fraud: usize,
    pub suspicious: usize,
    pub ok: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub format: u32,
    pub organisation: String,
    pub messages: Vec<Checked>,
    pub totals: Totals,
}

impl Checked {
    pub fn new(file: String, m: &crate::message::Message, j: Judgement) -> Checked {
        let from = m.from.as_ref().map(Address::shown).unwrap_or_default();
        Checked {
            file,
            message_id: m.message_id.clone().unwrap_or_default(),
            from,
            subject: m.subject.clone(),
            verdict: j.verdict,
            score: j.score,
            reasons: j.reasons,
            advice: Advice {
                ja: j.advice_ja,
                en: j.advice_en,
            },
        }
    }
}

impl Report {
    pub fn new(organisation: &str, messages: Vec<Checked>) -> Report {
        let mut totals = Totals {
            messages: messages.len(),
            ..Totals::default()
        };
        for m in &messages {
            match m.verdict {
                Verdict::Fraud => totals.fraud += 1,
                Verdict::Suspicious => totals.suspicious += 1,
                Verdict::Ok => totals.ok += 1,
            }
        }
        Report {
            format: 1,
            organisation: organisation.to_string(),
            messages,
            totals,
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into());
        s.push('\n');
        s
    }

    /// The report for a terminal: flagged mails first with their reasons and what to do.
    pub fn to_text(&self, lang: Lang) -> String {
        use std::fmt::Write as _;
        let ja = lang == Lang::Ja;
        let mut o = String::new();
        let mut order: Vec<&Checked> = self.messages.iter().collect();
        order.sort_by(|a, b| b.verdict.cmp(&a.verdict).then(b.score.cmp(&a.score)));
        for m in order {
            let label = match (m.verdict, ja) {
                (Verdict::Fraud, true) => "詐欺の疑いが強い",
                (Verdict::Fraud, false) => "FRAUD",
                (Verdict::Suspicious, true) => "要注意",
                (Verdict::Suspicious, false) => "SUSPICIOUS",
                (Verdict::Ok, true) => "問題なし",
                (Verdict::Ok, false) => "ok",
            };
            let _ = writeln!(
                o,
                "{}  [{label} {}]  {}",
                printable(&m.file),
                m.score,
                printable(&m.subject)
            );
            if m.verdict == Verdict::Ok {
                continue;
            }
            let _ = writeln!(
                o,
                "  {} {}",
                if ja { "差出人:" } else { "From:" },
                printable(&m.from)
            );
            for r in m
                .reasons
                .iter()
                .filter(|r| r.points > 0 || r.code == "bank_change_rule")
            {
                let _ = writeln!(o, "  - {}", if ja { &r.ja } else { &r.en });
            }
            let advice = if ja { &m.advice.ja } else { &m.advice.en };
            if !advice.is_empty() {
                let _ = writeln!(o, "  → {advice}");
            }
        }
        let t = &self.totals;
        let _ = writeln!(
            o,
            "{}",
            if ja {
                format!(
                    "{} 通: 詐欺の疑いが強い {}、要注意 {}、問題なし {}",
                    t.messages, t.fraud, t.suspicious, t.ok
                )
            } else {
                format!(
                    "{} messages: {} fraud, {} suspicious, {} ok",
                    t.messages, t.fraud, t.suspicious, t.ok
                )
            }
        );
        o
    }
}

/// The filter mode: the message with any `X-Hoshi-Fraud*` header it arrived with removed (a
/// sender could write `X-Hoshi-Fraud: ok` itself) and hoshi's own added at the top:
/// `X-Hoshi-Fraud: fraud; score=100; reasons=impersonated_officer,asks_channel_move` and
/// `X-Hoshi-Fraud-Summary:` with the first reasons and the advice in Japanese (an encoded word).
pub fn with_header(raw: &[u8], j: &Judgement) -> Vec<u8> {
    let codes: Vec<&str> = j
        .reasons
        .iter()
        .filter(|r| r.points > 0)
        .map(|r| r.code)
        .collect();
    let nl = newline(raw);
    let mut block = Vec::with_capacity(512);
    block.extend_from_slice(
        format!(
            "X-Hoshi-Fraud: {}; score={}{}",
            j.verdict.code(),
            j.score,
            if codes.is_empty() {
                String::new()
            } else {
                format!(
                    ";{}  reasons={}",
                    std::str::from_utf8(nl).unwrap_or("\n"),
                    codes.join(",")
                )
            }
        )
        .as_bytes(),
    );
    block.extend_from_slice(nl);
    if j.verdict != Verdict::Ok {
        let mut summary: Vec<&str> = j
            .reasons
            .iter()
            .filter(|r| r.points > 0)
            .take(3)
            .map(|r| r.ja.as_str())
            .collect();
        summary.push(&j.advice_ja);
        block.extend_from_slice(b"X-Hoshi-Fraud-Summary:");
        for word in encoded_words(&summary.join(" ")) {
            block.extend_from_slice(b" ");
            block.extend_from_slice(word.as_bytes());
            block.extend_from_slice(nl);
        }
    }
    insert(raw, &block)
}

/// A mail the filter could not judge (no readable profile, too large): `X-Hoshi-Fraud:
/// unchecked`, and any `X-Hoshi-Fraud` header it arrived with removed all the same — a sender
/// must never be able to pass its own `ok` on.
pub fn unchecked(raw: &[u8]) -> Vec<u8> {
    let nl = newline(raw);
    let mut block = b"X-Hoshi-Fraud: unchecked".to_vec();
    block.extend_from_slice(nl);
    insert(raw, &block)
}

fn newline(raw: &[u8]) -> &'static [u8] {
    if raw.windows(2).any(|w| w == b"\r\n") {
        b"\r\n"
    } else {
        b"\n"
    }
}

/// `raw` with `block` added at the top of its headers (after an mbox `From ` line, if it has
/// one) and every `X-Hoshi-Fraud*` header of the header block, with its continuation lines,
/// removed.
fn insert(raw: &[u8], block: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len() + block.len());
    let mut lines = raw.split_inclusive(|b| *b == b'\n').peekable();
    if lines.peek().is_some_and(|l| l.starts_with(b"From ")) {
        out.extend_from_slice(lines.next().unwrap_or_default());
    }
    out.extend_from_slice(block);
    let mut in_headers = true;
    let mut dropping = false;
    for line in lines {
        if in_headers {
            let bare = line.strip_suffix(b"\n").unwrap_or(line);
            let bare = bare.strip_suffix(b"\r").unwrap_or(bare);
            if bare.is_empty() {
                in_headers = false;
                dropping = false;
            } else if bare[0] == b' ' || bare[0] == b'\t' {
                if dropping {
                    continue;
                }
            } else {
                dropping = bare.len() >= 13 && bare[..13].eq_ignore_ascii_case(b"x-hoshi-fraud");
                if dropping {
                    continue;
                }
            }
        }
        out.extend_from_slice(line);
    }
    out
}

/// Text for a terminal: control characters (escape sequences, carriage returns) a sender put
/// in a subject or name shown as spaces.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// UTF-8 text as RFC 2047 base64 encoded words of at most 75 characters, split on character
/// boundaries.
fn encoded_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        // 45 bytes of UTF-8 → 60 base64 characters + 12 for the wrapper.
        if chunk.len() + c.len_utf8() > 45 {
            out.push(format!(
                "=?UTF-8?B?{}?=",
                hoshi_core::base64::encode(chunk.as_bytes())
            ));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        out.push(format!(
            "=?UTF-8?B?{}?=",
            hoshi_core::base64::encode(chunk.as_bytes())
        ));
    }
    out
}
