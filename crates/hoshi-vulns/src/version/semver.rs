//! Semantic Versioning 2.0.0: `MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]`.
//!
//! Parsing follows the specification strictly (three numeric parts, no leading zeros in numeric
//! identifiers, identifiers of `[0-9A-Za-z-]` and never empty). One addition: a leading `v`, as
//! Go module versions are written (`v1.2.3`, `v0.0.0-20210101000000-abcdef012345`,
//! `v2.0.0+incompatible`).
//!
//! Order (spec §11): the three numbers by value; a version without pre-release is newer than one
//! with; pre-release identifiers left to right, numeric ones by value and older than
//! alphanumeric ones, alphanumeric ones by ASCII order, and a shorter list older when it is a
//! prefix of the longer. Build metadata takes no part.

use super::admit;
use super::num::{Num, all_digits};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Key {
    core: [Num; 3],
    pre: Pre,
}

/// Variant order is the version order: any pre-release before the release.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Pre {
    Some(Vec<Ident>),
    Release,
}

/// Variant order: numeric identifiers before alphanumeric ones.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Ident {
    Numeric(Num),
    Alpha(Box<str>),
}

pub(crate) fn parse(s: &str) -> Option<Key> {
    let s = admit(s)?;
    let s = s.strip_prefix('v').unwrap_or(s);
    let (rest, build) = match s.split_once('+') {
        Some((r, b)) => (r, Some(b)),
        None => (s, None),
    };
    if let Some(build) = build
        && !build.split('.').all(is_identifier)
    {
        return None;
    }
    let (core, pre) = match rest.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (rest, None),
    };
    let mut parts = core.split('.');
    let mut next_number = || parts.next().filter(|p| is_number(p)).map(Num::from_digits);
    let core = [next_number()?, next_number()?, next_number()?];
    if parts.next().is_some() {
        return None;
    }
    let pre = match pre {
        None => Pre::Release,
        Some(p) => Pre::Some(p.split('.').map(pre_ident).collect::<Option<_>>()?),
    };
    Some(Key { core, pre })
}

/// A numeric part: digits, no leading zero unless it is `0`.
fn is_number(s: &str) -> bool {
    all_digits(s) && (s == "0" || !s.starts_with('0'))
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn pre_ident(s: &str) -> Option<Ident> {
    if !is_identifier(s) {
        return None;
    }
    if all_digits(s) {
        is_number(s).then(|| Ident::Numeric(Num::from_digits(s)))
    } else {
        Some(Ident::Alpha(s.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Scheme, assert_ascending, parse_ok};

    #[test]
    fn specification_example_order() {
        assert_ascending(
            Scheme::SemVer,
            &[
                &["1.0.0-alpha"],
                &["1.0.0-alpha.1"],
                &["1.0.0-alpha.beta"],
                &["1.0.0-beta"],
                &["1.0.0-beta.2"],
                &["1.0.0-beta.11"],
                &["1.0.0-rc.1"],
                &[
                    "1.0.0",
                    "1.0.0+20130313144700",
                    "v1.0.0",
                    "1.0.0+exp.sha.5114f85",
                ],
                &["1.0.1"],
                &["1.1.0"],
                &["2.0.0"],
                &["10.0.0"],
            ],
        );
    }

    #[test]
    fn real_npm_and_crates_versions() {
        // lodash (prototype pollution fixed in 4.17.12/4.17.19/4.17.21)
        assert_ascending(
            Scheme::SemVer,
            &[
                &["4.17.4"],
                &["4.17.11"],
                &["4.17.12"],
                &["4.17.19"],
                &["4.17.21"],
            ],
        );
        // openssl crate, tokio, and npm pre-releases of next.js
        assert_ascending(
            Scheme::SemVer,
            &[
                &["0.10.9"],
                &["0.10.38"],
                &["0.10.55"],
                &["0.10.60"],
                &["0.11.0"],
            ],
        );
        assert_ascending(
            Scheme::SemVer,
            &[
                &["1.18.4"],
                &["1.20.3"],
                &["1.21.0-alpha.1"],
                &["1.21.0"],
                &["1.38.2"],
            ],
        );
        assert_ascending(
            Scheme::SemVer,
            &[
                &["13.4.20-canary.0"],
                &["13.4.20-canary.9"],
                &["13.4.20-canary.10"],
                &["13.4.20"],
                &["14.1.1"],
            ],
        );
    }

    #[test]
    fn go_module_versions() {
        assert_ascending(
            Scheme::SemVer,
            &[
                &["v0.0.0-20190308221718-c2843e01d9a2"],
                &["v0.0.0-20211202192323-5770296d904e"],
                &[
                    "v0.0.0-20220314234659-1baeb1ce4c0b",
                    "0.0.0-20220314234659-1baeb1ce4c0b",
                ],
                &["v0.1.0"],
                &["0.17.0"],
                &["v1.4.0-rc.1"],
                &["v1.4.0"],
                &["v2.0.0+incompatible", "2.0.0"],
            ],
        );
    }

    #[test]
    fn refuses_what_the_spec_refuses() {
        for bad in [
            "1",
            "1.2",
            "1.2.3.4",
            "01.2.3",
            "1.02.3",
            "1.2.3-",
            "1.2.3-a..b",
            "1.2.3-01",
            "1.2.3+",
            "1.2.3+a_b",
            "V1.2.3",
            "vv1.2.3",
            "1.2.3-é",
            "a.b.c",
            "-1.2.3",
            "1.2.-3",
        ] {
            assert!(!parse_ok(Scheme::SemVer, bad), "{bad}");
        }
        for good in [
            "0.0.0",
            "1.2.3-0a",
            "1.2.3-alpha-1.0",
            "1.2.3+001",
            "1.2.3----RC-x",
        ] {
            assert!(parse_ok(Scheme::SemVer, good), "{good}");
        }
    }
}
