//! Maven versions, after the "Version Order Specification" of the POM reference and the
//! behaviour of `ComparableVersion` in Maven 3.
//!
//! Tokens: the string (ASCII-lowercased) is cut at `.` and `-` and wherever digits meet
//! non-digits; the separator before each token is kept, a digit/non-digit boundary counting as
//! `-`, the first token counting as `.`. An empty token is `0`. Every other character
//! (including `_` and `+`) belongs to a qualifier, as in Maven 3.
//!
//! Qualifiers: `alpha` < `beta` < `milestone` < `rc` = `cr` < `snapshot` < `""` = `ga` =
//! `final` = `release` < `sp` < any other qualifier (those in ASCII order). `a`, `b` and `m`
//! directly followed by a digit mean `alpha`, `beta` and `milestone` (`1.0a1` = `1.0-alpha-1`).
//!
//! Normal form: the tokens form groups, each starting at a `-`. In every group, trailing "null"
//! tokens (`0` and the qualifiers equal to `""`) are dropped (`1.0.0` = `1`, `1.0-ga` = `1`,
//! `1-ga-1` = `1-1`), and so is a run of zeros directly before a qualifier (`1.0.0.Beta2` is
//! `1.Beta2`). That last rule is ours, see below.
//!
//! Order: the token lists are compared left to right, the shorter one continuing with "nothing"
//! (the release). Tokens order as
//!
//! pre-release qualifiers (`alpha`..`snapshot`) < nothing / `""` / `ga` < `sp` and unknown
//! qualifiers < `-number` < `.number`,
//!
//! qualifiers ordered by the table above and, for the same qualifier, `.` before `-`; numbers
//! by value. Hence `1-snapshot` < `1` < `1-sp` < `1-foo` < `1-1` < `1.1`,
//! `1.0.0.Beta2` < `1.0.0` < `1.0.0.SP1` < `1.0.1`, `1.0-1` < `1.0.1`.
//!
//! Where this differs from Maven: Maven's own comparison is not transitive on some mixes of
//! separators (it has `1-alpha` < `1` < `1.sp` and also `1.sp` < `1-alpha`, because a hyphen
//! list beats any dotted qualifier), and the written specification pads `.` positions with `0`,
//! which would put `1.0.0.SP1` before `1.0.0`. A total order has to give somewhere; this one
//! compares a qualifier by its name before its separator (so `1.sp` > `1-alpha`) and treats
//! zeros before a qualifier as absent (so `1.0.0.beta` = `1.beta`, where Maven has the former
//! newer). Both only matter when one artifact mixes spellings, which real release lines do not.

use super::num::Num;
use super::{admit, cmp_padded};
use std::cmp::Ordering;

/// Variant order is the token order described in the module documentation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Tok {
    /// A pre-release qualifier: rank (alpha 0 … snapshot 4), then `.` (0) before `-` (1).
    PreQualifier(u8, u8),
    /// Nothing more, or a qualifier equal to the release (`ga`, `final`, `release`).
    End,
    /// `sp` (rank 0, empty text) or an unknown qualifier (rank 1, its text); then the separator.
    PostQualifier(u8, Box<str>, u8),
    HyphenNumber(Num),
    DotNumber(Num),
}

#[derive(Debug, Clone)]
pub(crate) struct Key(Vec<Tok>);

impl Ord for Key {
    fn cmp(&self, other: &Self) -> Ordering {
        cmp_padded(&self.0, &other.0, &Tok::End)
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Key {}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A raw token before normalisation.
#[derive(Debug, Clone)]
struct Raw {
    hyphen: bool,
    item: Item,
}

#[derive(Debug, Clone)]
enum Item {
    Number(Num),
    /// Canonical qualifier text (aliases resolved, `""` for the release).
    Qualifier(String),
}

impl Item {
    fn is_null(&self) -> bool {
        match self {
            Item::Number(n) => n.is_zero(),
            Item::Qualifier(q) => q.is_empty(),
        }
    }
}

pub(crate) fn parse(s: &str) -> Option<Key> {
    let s = admit(s)?;
    if !s.bytes().all(|b| b.is_ascii_graphic()) || !s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let raw = tokenize(&s.to_ascii_lowercase());
    Some(Key(normalise(raw).into_iter().map(to_tok).collect()))
}

fn tokenize(s: &str) -> Vec<Raw> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut hyphen = false;
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'.' || b == b'-' {
            out.push(raw(&s[start..i], hyphen, false));
            hyphen = b == b'-';
            start = i + 1;
        } else if i > start && bytes[i - 1].is_ascii_digit() != b.is_ascii_digit() {
            out.push(raw(&s[start..i], hyphen, b.is_ascii_digit()));
            hyphen = true;
            start = i;
        }
        i += 1;
    }
    if start < bytes.len() || bytes.last().is_some_and(|&b| b == b'.' || b == b'-') {
        out.push(raw(&s[start..], hyphen, false));
    }
    out
}

/// One token; `before_digit` says whether a digit follows directly (`a1` is `alpha-1`).
fn raw(text: &str, hyphen: bool, before_digit: bool) -> Raw {
    let item = if text.is_empty() || text.bytes().all(|b| b.is_ascii_digit()) {
        Item::Number(Num::from_digits(text))
    } else {
        Item::Qualifier(canonical_qualifier(text, before_digit).to_owned())
    };
    Raw { hyphen, item }
}

fn canonical_qualifier(text: &str, before_digit: bool) -> &str {
    match text {
        "a" if before_digit => "alpha",
        "b" if before_digit => "beta",
        "m" if before_digit => "milestone",
        "cr" => "rc",
        "ga" | "final" | "release" => "",
        other => other,
    }
}

/// Drops, in every `-` group, the trailing null tokens and the zeros right before a qualifier.
fn normalise(raw: Vec<Raw>) -> Vec<Raw> {
    let mut out = Vec::with_capacity(raw.len());
    let mut group: Vec<Raw> = Vec::new();
    for tok in raw {
        if tok.hyphen && !group.is_empty() {
            flush_group(&mut group, &mut out);
        }
        group.push(tok);
    }
    flush_group(&mut group, &mut out);
    out
}

fn flush_group(group: &mut Vec<Raw>, out: &mut Vec<Raw>) {
    let hyphen = group.first().is_some_and(|t| t.hyphen);
    while group.last().is_some_and(|t| t.item.is_null()) {
        group.pop();
    }
    let mut kept: Vec<Raw> = Vec::with_capacity(group.len());
    for tok in group.drain(..) {
        if matches!(tok.item, Item::Qualifier(_)) {
            while kept
                .last()
                .is_some_and(|t| matches!(&t.item, Item::Number(n) if n.is_zero()))
            {
                kept.pop();
            }
        }
        kept.push(tok);
    }
    if let Some(first) = kept.first_mut() {
        first.hyphen = hyphen;
    }
    out.extend(kept);
}

fn to_tok(raw: Raw) -> Tok {
    let sep = u8::from(raw.hyphen);
    match raw.item {
        Item::Number(n) if raw.hyphen => Tok::HyphenNumber(n),
        Item::Number(n) => Tok::DotNumber(n),
        Item::Qualifier(q) => match q.as_str() {
            "alpha" => Tok::PreQualifier(0, sep),
            "beta" => Tok::PreQualifier(1, sep),
            "milestone" => Tok::PreQualifier(2, sep),
            "rc" => Tok::PreQualifier(3, sep),
            "snapshot" => Tok::PreQualifier(4, sep),
            "" => Tok::End,
            "sp" => Tok::PostQualifier(0, "".into(), sep),
            _ => Tok::PostQualifier(1, q.into(), sep),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Scheme, assert_ascending, parse_ok};

    #[test]
    fn specification_examples() {
        assert_ascending(Scheme::Maven, &[&["1"], &["1.1"]]);
        assert_ascending(Scheme::Maven, &[&["1-snapshot"], &["1"], &["1-sp"]]);
        assert_ascending(Scheme::Maven, &[&["1-foo2"], &["1-foo10"]]);
        assert_ascending(Scheme::Maven, &[&["1.foo"], &["1-foo"], &["1-1"], &["1.1"]]);
        assert_ascending(
            Scheme::Maven,
            &[&[
                "1.ga", "1-ga", "1-0", "1.0", "1", "1.0.0", "1.", "1-", "1.final", "1.0-0.0",
            ]],
        );
        assert_ascending(Scheme::Maven, &[&["1-ga"], &["1-sp"]]);
        assert_ascending(Scheme::Maven, &[&["1-ga.1"], &["1-sp.1"]]);
        assert_ascending(Scheme::Maven, &[&["1-sp-1"], &["1-ga-1", "1-1"]]);
        assert_ascending(
            Scheme::Maven,
            &[&["1-a1", "1-alpha-1", "1alpha1", "1.0a1", "1.0-A1"]],
        );
        assert_ascending(Scheme::Maven, &[&["1.0.0-foo.0.0", "1-foo"]]);
    }

    #[test]
    fn comparable_version_documented_order() {
        // The sorted list Maven's own ComparableVersion tests use (qualifier ladder).
        assert_ascending(
            Scheme::Maven,
            &[
                &["1.0a1-SNAPSHOT"],
                &["1.0-alpha1", "1.0-a1", "1.0ALPHA1", "1.0AlphA1"],
                &["1.0beta1-SNAPSHOT"],
                &["1.0-b2"],
                &["1.0-beta3.SNAPSHOT"],
                &["1.0-beta3"],
                &["1.0-milestone1-SNAPSHOT"],
                &["1.0-m2"],
                &["1.0-rc1-SNAPSHOT"],
                &["1.0-cr1", "1.0-rc1", "1.0-RC1"],
                &["1.0-SNAPSHOT"],
                &["1.0", "1.0-ga", "1.0-final", "1.0-RELEASE", "1.0.0.Final"],
                &["1.0-sp"],
                &["1.0-a"],
                &["1.0-whatever"],
                &["1.0.z"],
                &["1.0.1"],
                &["1.0.1.0.0.0.0.0.0.0.0.0.0.0.1"],
            ],
        );
    }

    #[test]
    fn real_artifact_versions() {
        // log4j-core (Log4Shell and follow-ups)
        assert_ascending(
            Scheme::Maven,
            &[
                &["2.0-alpha1"],
                &["2.0-beta9"],
                &["2.0-rc1"],
                &["2.0-rc2"],
                &["2.0", "2.0.0"],
                &["2.3.1"],
                &["2.12.2"],
                &["2.12.4"],
                &["2.15.0"],
                &["2.16.0"],
                &["2.17.1"],
            ],
        );
        // jackson-databind micro-patches; Maven puts `.pr1` after the release it precedes
        assert_ascending(
            Scheme::Maven,
            &[
                &["2.9.10"],
                &["2.9.10.1"],
                &["2.9.10.8"],
                &["2.10.0"],
                &["2.10.0.pr1"],
            ],
        );
        // JBoss / Hibernate / Netty style dotted qualifiers
        assert_ascending(
            Scheme::Maven,
            &[
                &["6.0.0.Alpha1"],
                &["6.0.0.Beta1"],
                &["6.0.0.Beta2"],
                &["6.0.0.CR1"],
                &["6.0.0.Final", "6.0.0", "6.0.0.GA"],
                &["6.0.0.SP1"],
                &["6.0.1.Final"],
            ],
        );
        assert_ascending(
            Scheme::Maven,
            &[
                &["4.1.86.Final"],
                &["4.1.87.Final"],
                &["4.1.100.Final"],
                &["4.2.0.Alpha1"],
            ],
        );
        // Spring (old .RELEASE suffix equals the bare number), Tomcat milestones, Guava flavours
        assert_ascending(
            Scheme::Maven,
            &[
                &["4.3.29.RELEASE"],
                &["4.3.30.RELEASE"],
                &["5.2.20.RELEASE", "5.2.20"],
                &["5.3.0-M1"],
                &["5.3.0-RC1"],
                &["5.3.18"],
            ],
        );
        assert_ascending(
            Scheme::Maven,
            &[
                &["9.0.0.M1"],
                &["9.0.0.M26"],
                &["9.0.0"],
                &["9.0.1"],
                &["9.0.83"],
                &["10.1.16"],
            ],
        );
        assert_ascending(
            Scheme::Maven,
            &[
                &["r09"],
                &["10.0"],
                &["30.1-android"],
                &["30.1-jre"],
                &["32.0.0-android"],
            ],
        );
        // commons-text: 1.9 < 1.10.0 (Text4Shell fix)
        assert_ascending(Scheme::Maven, &[&["1.9"], &["1.10.0"]]);
        // A build number after a hyphen is older than the next dotted patch
        assert_ascending(
            Scheme::Maven,
            &[&["1.0"], &["1.0-1"], &["1.0-2"], &["1.0.1"]],
        );
    }

    #[test]
    fn refuses_non_versions() {
        for bad in [
            "LATEST",
            "NotAVersionString",
            "1.0 beta",
            "1.0\t1",
            "1.0é",
            "-",
            "...",
        ] {
            assert!(!parse_ok(Scheme::Maven, bad), "{bad}");
        }
    }
}
