//! SPF records (RFC 7208): parsed term by term, with the syntax errors a receiver would reject
//! the whole record for. Counting DNS lookups needs the included records and is done in
//! `check`.

use std::net::{Ipv4Addr, Ipv6Addr};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    Pass,
    Fail,
    SoftFail,
    Neutral,
}

impl Qualifier {
    pub fn sign(self) -> char {
        match self {
            Qualifier::Pass => '+',
            Qualifier::Fail => '-',
            Qualifier::SoftFail => '~',
            Qualifier::Neutral => '?',
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mechanism {
    All,
    Include(String),
    A(Option<String>),
    Mx(Option<String>),
    Ptr(Option<String>),
    Ip4(String),
    Ip6(String),
    Exists(String),
}

impl Mechanism {
    /// Whether a receiver spends one of its ten DNS lookups on this mechanism.
    pub fn costs_lookup(&self) -> bool {
        matches!(
            self,
            Mechanism::Include(_)
                | Mechanism::A(_)
                | Mechanism::Mx(_)
                | Mechanism::Ptr(_)
                | Mechanism::Exists(_)
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub qualifier: Qualifier,
    pub mechanism: Mechanism,
    /// The term as written, for messages and for suggested records.
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub directives: Vec<Directive>,
    pub redirect: Option<String>,
    pub exp: Option<String>,
}

impl Record {
    /// The qualifier of `all`, if the record has one.
    pub fn all(&self) -> Option<Qualifier> {
        self.directives
            .iter()
            .find(|d| d.mechanism == Mechanism::All)
            .map(|d| d.qualifier)
    }

    /// Terms after `all`, which no receiver ever reads.
    pub fn after_all(&self) -> Vec<&str> {
        match self
            .directives
            .iter()
            .position(|d| d.mechanism == Mechanism::All)
        {
            Some(i) => self.directives[i + 1..]
                .iter()
                .map(|d| d.text.as_str())
                .collect(),
            None => Vec::new(),
        }
    }
}

/// What is wrong with a term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub term: String,
    pub ja: String,
    pub en: String,
}

fn err(term: &str, ja: &str, en: &str) -> SyntaxError {
    SyntaxError {
        term: term.to_string(),
        ja: ja.to_string(),
        en: en.to_string(),
    }
}

/// A TXT string is an SPF record when it starts with `v=spf1` followed by a space or nothing.
pub fn is_spf(txt: &str) -> bool {
    let t = txt.trim_start();
    t.len() >= 6
        && t.as_bytes()[..6].eq_ignore_ascii_case(b"v=spf1")
        && (t.len() == 6 || t.as_bytes()[6] == b' ')
}

pub fn parse(txt: &str) -> Result<Record, SyntaxError> {
    if !is_spf(txt) {
        return Err(err(
            txt,
            "v=spf1 で始まっていません",
            "does not start with v=spf1",
        ));
    }
    let mut rec = Record::default();
    for term in txt.trim()[6..].split(' ').filter(|t| !t.is_empty()) {
        if let Some((name, value)) = modifier(term) {
            let slot = match name.to_ascii_lowercase().as_str() {
                "redirect" => &mut rec.redirect,
                "exp" => &mut rec.exp,
                _ => continue,
            };
            if slot.is_some() {
                return Err(err(
                    term,
                    "同じ修飾子が2回あります",
                    "the same modifier appears twice",
                ));
            }
            domain_spec(term, value)?;
            *slot = Some(value.to_string());
            continue;
        }
        rec.directives.push(directive(term)?);
    }
    Ok(rec)
}

/// `name=value` where the name is a letter followed by letters, digits, `-`, `_` or `.`.
fn modifier(term: &str) -> Option<(&str, &str)> {
    let (name, value) = term.split_once('=')?;
    let mut c = name.chars();
    let first = c.next()?;
    (first.is_ascii_alphabetic()
        && c.all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '.'))
        && !name.contains(':'))
    .then_some((name, value))
}

fn directive(term: &str) -> Result<Directive, SyntaxError> {
    let (qualifier, rest) = match term.as_bytes()[0] {
        b'+' => (Qualifier::Pass, &term[1..]),
        b'-' => (Qualifier::Fail, &term[1..]),
        b'~' => (Qualifier::SoftFail, &term[1..]),
        b'?' => (Qualifier::Neutral, &term[1..]),
        _ => (Qualifier::Pass, term),
    };
    let (name, arg) = match rest.find([':', '/']) {
        Some(i) if rest.as_bytes()[i] == b':' => (&rest[..i], Some(&rest[i + 1..])),
        Some(i) => (&rest[..i], Some(&rest[i..])),
        None => (rest, None),
    };
    let mechanism = match name.to_ascii_lowercase().as_str() {
        "all" => {
            if arg.is_some() {
                return Err(err(term, "all は引数を取りません", "all takes no argument"));
            }
            Mechanism::All
        }
        "include" => Mechanism::Include(required_domain(term, arg)?),
        "exists" => Mechanism::Exists(required_domain(term, arg)?),
        "a" => Mechanism::A(domain_and_cidr(term, arg)?),
        "mx" => Mechanism::Mx(domain_and_cidr(term, arg)?),
        "ptr" => Mechanism::Ptr(match arg {
            Some(a) if !a.starts_with('/') => {
                domain_spec(term, a)?;
                Some(a.to_string())
            }
            Some(_) => return Err(err(term, "ptr に CIDR は書けません", "ptr takes no CIDR")),
            None => None,
        }),
        "ip4" => Mechanism::Ip4(network(term, arg, false)?),
        "ip6" => Mechanism::Ip6(network(term, arg, true)?),
        _ => {
            return Err(err(
                term,
                "知らない仕組み（メカニズム）です。綴りを確かめてください",
                "unknown mechanism; check the spelling",
            ));
        }
    };
    Ok(Directive {
        qualifier,
        mechanism,
        text: term.to_string(),
    })
}

fn required_domain(term: &str, arg: Option<&str>) -> Result<String, SyntaxError> {
    match arg {
        Some(a) if !a.is_empty() && !a.starts_with('/') => {
            domain_spec(term, a)?;
            Ok(a.to_string())
        }
        _ => Err(err(
            term,
            "ドメイン名が書かれていません",
            "the domain is missing",
        )),
    }
}

/// `a` and `mx`: an optional domain and an optional dual CIDR length (`/24`, `//64`, `/24//64`).
fn domain_and_cidr(term: &str, arg: Option<&str>) -> Result<Option<String>, SyntaxError> {
    let Some(arg) = arg else { return Ok(None) };
    let (domain, cidr) = match arg.find('/') {
        Some(i) => (&arg[..i], &arg[i..]),
        None => (arg, ""),
    };
    if !cidr.is_empty() {
        let (v4, v6) = match cidr.strip_prefix("//") {
            Some(v6) => ("", v6),
            None => {
                let c = &cidr[1..];
                match c.split_once("//") {
                    Some((a, b)) => (a, b),
                    None => (c, ""),
                }
            }
        };
        let ok4 = v4.is_empty() || v4.parse::<u8>().is_ok_and(|n| n <= 32);
        let ok6 = v6.is_empty() || v6.parse::<u8>().is_ok_and(|n| n <= 128);
        if !ok4 || !ok6 {
            return Err(err(
                term,
                "プレフィックス長が正しくありません（IPv4 は 0〜32、IPv6 は 0〜128）",
                "bad prefix length (IPv4 0–32, IPv6 0–128)",
            ));
        }
    }
    if domain.is_empty() {
        if arg.starts_with('/') {
            return Ok(None);
        }
        return Err(err(term, "ドメイン名が空です", "empty domain"));
    }
    domain_spec(term, domain)?;
    Ok(Some(domain.to_string()))
}

fn network(term: &str, arg: Option<&str>, v6: bool) -> Result<String, SyntaxError> {
    let Some(arg) = arg.filter(|a| !a.is_empty()) else {
        return Err(err(term, "アドレスがありません", "the address is missing"));
    };
    let (addr, len) = match arg.split_once('/') {
        Some((a, l)) => (a, Some(l)),
        None => (arg, None),
    };
    let (addr_ok, max) = if v6 {
        (addr.parse::<Ipv6Addr>().is_ok(), 128)
    } else {
        (addr.parse::<Ipv4Addr>().is_ok(), 32)
    };
    let len_ok = len.is_none_or(|l| l.parse::<u8>().is_ok_and(|n| n <= max));
    if !addr_ok || !len_ok {
        return Err(if v6 {
            err(
                term,
                "IPv6 アドレスまたはプレフィックス長が正しくありません",
                "not an IPv6 address or prefix length",
            )
        } else {
            err(
                term,
                "IPv4 アドレスまたはプレフィックス長が正しくありません（例: ip4:192.0.2.0/24）",
                "not an IPv4 address or prefix length (e.g. ip4:192.0.2.0/24)",
            )
        });
    }
    Ok(arg.to_string())
}

/// A domain-spec: macros (`%{d}`, `%%`, `%_`, `%-`) and name characters; a name without macros
/// needs a dot and a top label that is not all digits.
fn domain_spec(term: &str, s: &str) -> Result<(), SyntaxError> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut has_macro = false;
    while i < b.len() {
        match b[i] {
            b'%' => {
                has_macro = true;
                match b.get(i + 1) {
                    Some(b'%' | b'_' | b'-') => i += 2,
                    Some(b'{') => {
                        let Some(end) = s[i..].find('}') else {
                            return Err(err(term, "マクロが閉じていません", "unclosed macro"));
                        };
                        let body = &s[i + 2..i + end];
                        let letter_ok = body
                            .chars()
                            .next()
                            .is_some_and(|c| "slodiphcrtvSLODIPHCRTV".contains(c));
                        if !letter_ok {
                            return Err(err(
                                term,
                                "マクロの文字が正しくありません",
                                "bad macro letter",
                            ));
                        }
                        i += end + 1;
                    }
                    _ => {
                        return Err(err(
                            term,
                            "% の後が正しくありません",
                            "bad character after %",
                        ));
                    }
                }
            }
            c if c.is_ascii_graphic() => i += 1,
            _ => {
                return Err(err(
                    term,
                    "ドメイン名に使えない文字があります",
                    "character not allowed in a domain",
                ));
            }
        }
    }
    if !has_macro {
        let name = s.trim_end_matches('.');
        let top = name.rsplit('.').next().unwrap_or("");
        if !name.contains('.') || top.is_empty() || top.bytes().all(|c| c.is_ascii_digit()) {
            return Err(err(
                term,
                "完全なドメイン名ではありません（例: include:_spf.example.co.jp）",
                "not a fully qualified domain (e.g. include:_spf.example.com)",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_typical_record() {
        let r = parse(
            "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a mx:mail.example.co.jp/24 \
             include:spf.protection.outlook.com ~all",
        )
        .unwrap();
        assert_eq!(r.directives.len(), 6);
        assert_eq!(r.all(), Some(Qualifier::SoftFail));
        assert_eq!(
            r.directives
                .iter()
                .filter(|d| d.mechanism.costs_lookup())
                .count(),
            3
        );
    }

    #[test]
    fn rejects_what_receivers_reject() {
        for (bad, term) in [
            ("v=spf1 ip4:192.0.2.300 -all", "ip4:192.0.2.300"),
            ("v=spf1 ip4:192.0.2.0/33 -all", "ip4:192.0.2.0/33"),
            ("v=spf1 include: -all", "include:"),
            (
                "v=spf1 incude:_spf.google.com -all",
                "incude:_spf.google.com",
            ),
            ("v=spf1 include:localhost -all", "include:localhost"),
            (
                "v=spf1 redirect=a.example redirect=b.example",
                "redirect=b.example",
            ),
            ("v=spf1 all:x", "all:x"),
        ] {
            let e = parse(bad).expect_err(bad);
            assert_eq!(e.term, term, "{bad}");
            assert!(!e.ja.is_empty());
        }
        assert!(!is_spf("v=spf10 -all"));
        assert!(is_spf("v=spf1"));
        assert!(is_spf("V=SPF1 -all"));
    }

    #[test]
    fn redirect_unknown_modifiers_and_terms_after_all() {
        let r = parse("v=spf1 -all mx foo=bar redirect=_spf.example.jp").unwrap();
        assert_eq!(r.redirect.as_deref(), Some("_spf.example.jp"));
        assert_eq!(r.after_all(), vec!["mx"]);
        let m = parse("v=spf1 exists:%{i}._spf.example.jp a/24 mx//64 -all").unwrap();
        assert_eq!(m.directives[1].mechanism, Mechanism::A(None));
        assert_eq!(m.directives[2].mechanism, Mechanism::Mx(None));
    }
}
