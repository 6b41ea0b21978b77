//! Address lists (`From`, `To`, `Reply-To` …) read leniently: display names in quotes or not,
//! encoded words in them (decoded only after the address was found, so an encoded `<` or `,`
//! cannot forge one), comments, groups, source routes, and the unquoted `Yamada, Taro <t@x>`
//! some mailers write.

use super::Address;
use super::charset::decode_words;
use super::punycode;

/// One address as written, before it is split.
#[derive(Default)]
struct Raw {
    /// The text outside angle brackets and comments: the display name, or the address itself.
    phrase: String,
    angle: Option<String>,
    comment: String,
    /// Kept as characters arrive, so the checks below cost nothing however long the phrase
    /// (recomputing them made a list of thousands of empty entries quadratic).
    content: bool,
    has_at: bool,
}

impl Raw {
    fn is_empty(&self) -> bool {
        !self.content && self.angle.is_none()
    }

    fn push(&mut self, c: char) {
        self.phrase.push(c);
        self.content |= !c.is_whitespace();
        self.has_at |= c == '@';
    }
}

/// The most of an address header read, and the most addresses taken from it.
const MAX_VALUE: usize = 64 * 1024;
const MAX_ADDRESSES: usize = 1000;

/// The addresses in an address-list header value (unfolded, not yet RFC 2047-decoded).
pub fn parse_list(value: &str) -> Vec<Address> {
    let mut end = value.len().min(MAX_VALUE);
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    let mut raws = split(&value[..end])
        .into_iter()
        .take(MAX_ADDRESSES)
        .peekable();
    let mut out = Vec::new();
    let mut carry = String::new();
    while let Some(mut raw) = raws.next() {
        if !carry.is_empty() {
            raw.phrase = format!("{carry}, {}", raw.phrase.trim());
            carry.clear();
        }
        // `Yamada, Taro <t@x>`: a piece with no address of its own joins the next name.
        let bare = raw.angle.is_none() && !raw.has_at;
        if bare && raws.peek().is_some_and(|next| next.angle.is_some()) {
            carry = raw.phrase.trim().to_string();
            continue;
        }
        if let Some(a) = address(&raw) {
            out.push(a);
        }
    }
    out
}

/// The list cut into addresses at commas and semicolons outside quotes, comments and angle
/// brackets; group names (`undisclosed-recipients:`) dropped.
fn split(value: &str) -> Vec<Raw> {
    let mut raws = Vec::new();
    let mut cur = Raw::default();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let mut escaped = false;
                for q in chars.by_ref() {
                    match (escaped, q) {
                        (false, '\\') => escaped = true,
                        (false, '"') => break,
                        _ => {
                            cur.push(q);
                            escaped = false;
                        }
                    }
                }
            }
            '(' => {
                let text = comment(&mut chars);
                if !cur.comment.is_empty() {
                    cur.comment.push(' ');
                }
                cur.content |= !text.trim().is_empty();
                cur.comment.push_str(&text);
                cur.phrase.push(' ');
            }
            '<' => {
                let inner: String = chars.by_ref().take_while(|&c| c != '>').collect();
                if cur.angle.is_none() {
                    cur.angle = Some(inner);
                }
            }
            ',' | ';' => {
                if !cur.is_empty() {
                    raws.push(std::mem::take(&mut cur));
                }
            }
            ':' if cur.angle.is_none() && !cur.has_at => {
                cur = Raw::default();
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        raws.push(cur);
    }
    raws
}

/// The rest of a comment whose `(` was read: its text, nested comments kept as written.
fn comment(chars: &mut std::str::Chars<'_>) -> String {
    let mut depth = 1usize;
    let mut text = String::new();
    let mut escaped = false;
    for c in chars.by_ref() {
        if escaped {
            text.push(c);
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '(' => {
                depth += 1;
                text.push(c);
            }
            ')' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
                text.push(c);
            }
            c => text.push(c),
        }
    }
    text
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The display name: encoded words decoded, white space collapsed.
fn display(s: &str) -> String {
    collapse(&decode_words(&collapse(s)))
}

fn address(raw: &Raw) -> Option<Address> {
    let (spec, display_text) = match &raw.angle {
        Some(inner) => {
            let name = if raw.phrase.trim().is_empty() {
                &raw.comment
            } else {
                &raw.phrase
            };
            // A source route (`<@relay.example:user@host>`) is dropped.
            let spec = match inner.rfind(':') {
                Some(p) if inner.trim_start().starts_with('@') => &inner[p + 1..],
                _ => inner.as_str(),
            };
            (spec.to_string(), display(name))
        }
        None => (raw.phrase.clone(), display(&raw.comment)),
    };
    let spec: String = spec.chars().filter(|c| !c.is_whitespace()).collect();
    let (local, domain) = match spec.rfind('@') {
        Some(p) => (&spec[..p], &spec[p + 1..]),
        None => (spec.as_str(), ""),
    };
    if local.is_empty() && domain.is_empty() {
        return None;
    }
    let domain = domain.trim_end_matches('.').to_lowercase();
    Some(Address {
        display: display_text,
        local: local.to_string(),
        domain_unicode: punycode::to_unicode(&domain),
        domain,
    })
}

/// The address of a `Return-Path` (the envelope sender): the text in angle brackets, or the
/// value itself; empty for the null sender `<>`.
pub fn return_path(value: &str) -> String {
    let v = value.trim();
    match (v.find('<'), v.rfind('>')) {
        (Some(a), Some(b)) if a < b => v[a + 1..b].trim().to_string(),
        _ => v.to_string(),
    }
}

/// The message ids (`<…>`, brackets removed) in a `Message-ID`, `In-Reply-To` or `References`
/// value; bare words when there are no brackets.
pub fn message_ids(value: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut rest = value;
    while let Some(a) = rest.find('<') {
        let Some(b) = rest[a..].find('>') else {
            break;
        };
        let id = rest[a + 1..a + b].trim();
        if !id.is_empty() {
            ids.push(id.to_string());
        }
        rest = &rest[a + b + 1..];
    }
    if ids.is_empty() {
        ids = value.split_whitespace().map(str::to_string).collect();
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(v: &str) -> Address {
        parse_list(v).into_iter().next().unwrap_or_default()
    }

    #[test]
    fn display_forms() {
        let a = one("\"Yamada Taro\" <Taro@Example.CO.JP>");
        assert_eq!(
            (a.display.as_str(), a.local.as_str()),
            ("Yamada Taro", "Taro")
        );
        assert_eq!(a.domain, "example.co.jp");
        let a = one("taro@example.jp (山田 太郎)");
        assert_eq!(
            (a.display.as_str(), a.domain.as_str()),
            ("山田 太郎", "example.jp")
        );
        let a = one("=?UTF-8?B?5bGx55Sw?= =?UTF-8?B?5aSq6YOO?= <t@x.jp>");
        assert_eq!(a.display, "山田太郎");
        let a = one("<@relay.example:user@host.example>");
        assert_eq!(
            (a.local.as_str(), a.domain.as_str()),
            ("user", "host.example")
        );
    }

    #[test]
    fn a_display_name_holding_an_address_is_only_a_name() {
        let a = one("\"社長 <ceo@aoba.co.jp>\" <boss.aoba@gmail.com>");
        assert_eq!(a.display, "社長 <ceo@aoba.co.jp>");
        assert_eq!(a.domain, "gmail.com");
        // Encoded words are decoded after the address was found.
        let a = one("=?UTF-8?Q?ceo=40aoba=2Eco=2Ejp_=3Cceo=40aoba=2Eco=2Ejp=3E?= <x@evil.example>");
        assert_eq!(a.domain, "evil.example");
        assert_eq!(a.display, "ceo@aoba.co.jp <ceo@aoba.co.jp>");
    }

    #[test]
    fn lists_and_groups() {
        let l = parse_list("a@x.jp, \"B, C\" <b@y.jp>; undisclosed-recipients:;");
        assert_eq!(l.len(), 2);
        assert_eq!(l[1].display, "B, C");
        let l = parse_list("Team: a@x.jp, b@x.jp;, c@y.jp");
        assert_eq!(
            l.iter().map(|a| a.local.as_str()).collect::<Vec<_>>(),
            ["a", "b", "c"]
        );
        let l = parse_list("Yamada, Taro <taro@x.jp>");
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].display, "Yamada, Taro");
        assert!(parse_list("<>").is_empty());
        let a = one("x@xn--wgv71a119e.jp");
        assert_eq!(a.domain_unicode, "日本語.jp");
    }

    #[test]
    fn ids_and_return_path() {
        assert_eq!(message_ids(" <a@b> <c@d>\t"), ["a@b", "c@d"]);
        assert_eq!(message_ids("a@b"), ["a@b"]);
        assert_eq!(return_path("<bounce@x.jp>"), "bounce@x.jp");
        assert_eq!(return_path("<>"), "");
    }
}
