//! PEP 440 (PyPI): `[N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]`, with the spellings the PEP
//! normalises: case-insensitive, a leading `v`, `-`, `_` or `.` (or nothing) around the
//! pre-release, post-release and development markers, `alpha`/`beta`/`c`/`pre`/`preview` for
//! `a`/`b`/`rc`, `rev`/`r` for `post`, `1.0-1` for `1.0.post1`, a marker without a number
//! meaning 0, numbers with leading zeros, and `-`/`_` between local segments.
//!
//! Order: epoch; the release with trailing zeros ignored (`1.0` == `1.0.0`); then
//! pre-release < none, except that a development release without pre- or post-release sorts
//! before every pre-release of its release (`1.0.dev0` < `1.0a0`); then no post-release <
//! post-release; then development release < none; then no local version < local version, local
//! segments compared one by one, numeric segments by value and after alphanumeric ones.

use super::admit;
use super::num::{Num, split_digits};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Key {
    epoch: Num,
    release: Vec<Num>,
    pre: Pre,
    post: Option<Num>,
    dev: Dev,
    local: Option<Vec<Local>>,
}

/// Variant order is the version order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Pre {
    /// Only a development release (`1.0.dev3`): before all pre-releases of `1.0`.
    DevOnly,
    Some(PreKind, Num),
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum PreKind {
    Alpha,
    Beta,
    Rc,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Dev {
    Some(Num),
    None,
}

/// Alphanumeric segments before numeric ones.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Local {
    Text(Box<str>),
    Number(Num),
}

/// Spellings of the pre-release markers, longest first so `alpha` is not read as `a`+`lpha`.
const PRE_LABELS: [(&str, PreKind); 8] = [
    ("alpha", PreKind::Alpha),
    ("a", PreKind::Alpha),
    ("beta", PreKind::Beta),
    ("b", PreKind::Beta),
    ("preview", PreKind::Rc),
    ("pre", PreKind::Rc),
    ("rc", PreKind::Rc),
    ("c", PreKind::Rc),
];

pub(crate) fn parse(s: &str) -> Option<Key> {
    let lower = admit(s)?.to_ascii_lowercase();
    let mut rest = lower.strip_prefix('v').unwrap_or(&lower);
    let epoch = match rest.split_once('!') {
        Some((e, r)) if super::num::all_digits(e) => {
            rest = r;
            Num::from_digits(e)
        }
        Some(_) => return None,
        None => Num::from_digits(""),
    };
    let (mut release, r) = parse_release(rest)?;
    rest = r;
    while release.last().is_some_and(Num::is_zero) {
        release.pop();
    }
    let pre = match marker(rest, &PRE_LABELS) {
        Some((kind, n, r)) => {
            rest = r;
            Some((kind, n))
        }
        None => None,
    };
    let post = match post_release(rest) {
        Some((n, r)) => {
            rest = r;
            Some(n)
        }
        None => None,
    };
    let dev = match marker(rest, &[("dev", ())]) {
        Some(((), n, r)) => {
            rest = r;
            Some(n)
        }
        None => None,
    };
    let local = match rest.strip_prefix('+') {
        Some(l) => Some(parse_local(l)?),
        None if rest.is_empty() => None,
        None => return None,
    };
    let pre = match (pre, &post, &dev) {
        (Some((kind, n)), _, _) => Pre::Some(kind, n),
        (None, None, Some(_)) => Pre::DevOnly,
        (None, _, _) => Pre::None,
    };
    let dev = dev.map_or(Dev::None, Dev::Some);
    Some(Key {
        epoch,
        release,
        pre,
        post,
        dev,
        local,
    })
}

/// `N(.N)*` at the start of `s`.
fn parse_release(s: &str) -> Option<(Vec<Num>, &str)> {
    let mut release = Vec::new();
    let mut rest = s;
    loop {
        let (digits, r) = split_digits(rest);
        if digits.is_empty() {
            return None;
        }
        release.push(Num::from_digits(digits));
        rest = r;
        match rest.strip_prefix('.') {
            Some(r) if r.starts_with(|c: char| c.is_ascii_digit()) => rest = r,
            _ => return Some((release, rest)),
        }
    }
}

fn strip_separator(s: &str) -> &str {
    s.strip_prefix(['-', '_', '.']).unwrap_or(s)
}

/// `[sep]label[sep][N]` at the start of `s` for one of `labels`; a missing number is 0.
fn marker<'a, T: Copy>(s: &'a str, labels: &[(&str, T)]) -> Option<(T, Num, &'a str)> {
    let body = strip_separator(s);
    let (value, after) = labels
        .iter()
        .find_map(|(label, value)| body.strip_prefix(label).map(|r| (*value, r)))?;
    let after_sep = strip_separator(after);
    let (digits, r) = split_digits(after_sep);
    if digits.is_empty() {
        // A separator with no number after it still belongs to this marker (`1.0a-`), as the
        // PEP's grammar allows; whatever follows needs no separator of its own.
        return Some((value, Num::from_digits(""), after_sep));
    }
    Some((value, Num::from_digits(digits), r))
}

/// `-N` (implicit post-release) or `[sep](post|rev|r)[sep][N]`.
fn post_release(s: &str) -> Option<(Num, &str)> {
    if let Some(r) = s.strip_prefix('-') {
        let (digits, r) = split_digits(r);
        if !digits.is_empty() {
            return Some((Num::from_digits(digits), r));
        }
    }
    marker(s, &[("post", ()), ("rev", ()), ("r", ())]).map(|((), n, r)| (n, r))
}

/// `[a-z0-9]+([-_.][a-z0-9]+)*` after the `+`.
fn parse_local(s: &str) -> Option<Vec<Local>> {
    s.split(['-', '_', '.'])
        .map(|seg| {
            if seg.is_empty() || !seg.bytes().all(|b| b.is_ascii_alphanumeric()) {
                None
            } else if seg.bytes().all(|b| b.is_ascii_digit()) {
                Some(Local::Number(Num::from_digits(seg)))
            } else {
                Some(Local::Text(seg.into()))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::{Scheme, assert_ascending, parse_ok};

    #[test]
    fn pep_example_order() {
        // The order given in PEP 440's "Summary of permitted suffixes and relative ordering".
        assert_ascending(
            Scheme::Pep440,
            &[
                &["1.dev0", "1.0.dev0"],
                &["1.0.dev456"],
                &["1.0a1"],
                &["1.0a2.dev456"],
                &["1.0a12.dev456"],
                &["1.0a12"],
                &["1.0b1.dev456"],
                &["1.0b2"],
                &["1.0b2.post345.dev456"],
                &["1.0b2.post345"],
                &["1.0rc1.dev456"],
                &["1.0rc1"],
                &["1.0", "1", "1.0.0", "v1.0", "0!1.0"],
                &["1.0+abc.5"],
                &["1.0+abc.7"],
                &["1.0+5"],
                &["1.0.post456.dev34"],
                &["1.0.post456"],
                &["1.0.15"],
                &["1.1.dev1"],
                &["1!0.1"],
            ],
        );
    }

    #[test]
    fn normalised_spellings_are_equal() {
        let groups: &[&[&str]] = &[
            &["1.0.dev0", "1.0dev", "1.0-dev", "1.0_DEV0", "1.0.dev"],
            &["1.0a0", "1.0a", "1.0.alpha", "1.0-ALPHA-0"],
            &[
                "1.0a1",
                "1.0.0a1",
                "1.0alpha1",
                "1.0.a.1",
                "1.0-a_1",
                "v1.0a1",
                "1.00A01",
            ],
            &["1.0b1", "1.0beta1", "1.0-b1"],
            &["1.0rc1", "1.0c1", "1.0pre1", "1.0preview1", "1.0-rc.1"],
            &["1.0", " 1.0 "],
            &["1.0+ubuntu.1", "1.0+ubuntu-1", "1.0+UBUNTU_1"],
            &[
                "1.0.post1",
                "1.0-1",
                "1.0post1",
                "1.0.rev1",
                "1.0r1",
                "1.0-post-1",
                "1.0.post.1",
            ],
            &["1.0.post2"],
        ];
        assert_ascending(Scheme::Pep440, groups);
    }

    #[test]
    fn real_pypi_versions() {
        // Django, cryptography, Pillow, urllib3, Jinja2 as they appear in OSV records.
        assert_ascending(
            Scheme::Pep440,
            &[
                &["3.2"],
                &["3.2.18"],
                &["3.2.19"],
                &["4.0"],
                &["4.0.10"],
                &["4.1a1"],
                &["4.1b1"],
                &["4.1rc1"],
                &["4.1"],
                &["4.2.7"],
                &["5.0.dev20230101"],
                &["5.0a1"],
                &["5.0"],
            ],
        );
        assert_ascending(
            Scheme::Pep440,
            &[
                &["3.3.2"],
                &["39.0.1"],
                &["41.0.2"],
                &["41.0.6"],
                &["42.0.0"],
            ],
        );
        assert_ascending(
            Scheme::Pep440,
            &[
                &["1.26.17"],
                &["1.26.18"],
                &["2.0.0a1"],
                &["2.0.0"],
                &["2.0.7"],
                &["2.2.2"],
            ],
        );
        assert_ascending(
            Scheme::Pep440,
            &[&["9.5.0"], &["10.0.0"], &["10.0.1"], &["10.3.0"]],
        );
        assert_ascending(
            Scheme::Pep440,
            &[
                &["2.11.3"],
                &["3.0.0a1"],
                &["3.0.0rc1"],
                &["3.0.0"],
                &["3.1.3"],
                &["3.1.4"],
            ],
        );
        assert_ascending(Scheme::Pep440, &[&["2020.1"], &["1!2.0"], &["2!0.1"]]);
    }

    #[test]
    fn refuses_non_versions() {
        for bad in [
            "1.0-",
            "1.0+",
            "1.0+a..b",
            "1.0+é",
            "a1.0",
            ".1",
            "1..0",
            "1.0.",
            "1.0a1b1",
            "1.0dev1a1",
            "1.0.post1.post2",
            "!1.0",
            "x!1.0",
            "1.0 beta",
            "1.0~1",
            "1.0-foo",
            "1.0.devx",
        ] {
            assert!(!parse_ok(Scheme::Pep440, bad), "{bad}");
        }
    }
}
