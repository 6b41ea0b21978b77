//! NuGet versions: `Major[.Minor[.Patch[.Revision]]][-Label(.Label)*][+Metadata]`.
//!
//! Missing numeric parts are 0 (`1.0` = `1.0.0` = `1.0.0.0`); leading zeros are allowed and
//! ignored, as NuGet normalises them. Pre-release labels follow SemVer 2 but ignore case (NuGet
//! compares them case-insensitively): a numeric label is older than an alphanumeric one,
//! numeric labels compare by value, alphanumeric ones by ASCII order of their lowercase form,
//! and a shorter list of labels is older when it is a prefix of the longer one. A version with
//! labels is older than the same numbers without. Metadata after `+` is ignored.

use super::admit;
use super::num::{Num, all_digits};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Key {
    numbers: [Num; 4],
    pre: Pre,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Pre {
    Some(Vec<Label>),
    Release,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Label {
    Numeric(Num),
    Alpha(Box<str>),
}

pub(crate) fn parse(s: &str) -> Option<Key> {
    let s = admit(s)?;
    let (rest, metadata) = match s.split_once('+') {
        Some((r, m)) => (r, Some(m)),
        None => (s, None),
    };
    if let Some(m) = metadata
        && !m.split('.').all(is_label)
    {
        return None;
    }
    let (core, pre) = match rest.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (rest, None),
    };
    let parts: Vec<&str> = core.split('.').collect();
    if parts.len() > 4 || !parts.iter().all(|p| all_digits(p)) {
        return None;
    }
    let mut numbers: [Num; 4] = Default::default();
    for (slot, part) in numbers.iter_mut().zip(&parts) {
        *slot = Num::from_digits(part);
    }
    let pre = match pre {
        None => Pre::Release,
        Some(p) => Pre::Some(p.split('.').map(label).collect::<Option<_>>()?),
    };
    Some(Key { numbers, pre })
}

fn is_label(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn label(s: &str) -> Option<Label> {
    if !is_label(s) {
        None
    } else if all_digits(s) {
        Some(Label::Numeric(Num::from_digits(s)))
    } else {
        Some(Label::Alpha(s.to_ascii_lowercase().into()))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Scheme, assert_ascending, parse_ok};

    #[test]
    fn four_part_numbers_and_padding() {
        assert_ascending(
            Scheme::NuGet,
            &[
                &["1.0", "1.0.0", "1.0.0.0", "1", "01.00.000", "1.0.0+build.5"],
                &["1.0.0.1"],
                &["1.0.1"],
                &["1.1"],
                &["1.10"],
                &["2.0.0.0"],
            ],
        );
    }

    #[test]
    fn prerelease_labels_ignore_case() {
        assert_ascending(
            Scheme::NuGet,
            &[
                &["1.0.0-1"],
                &["1.0.0-alpha", "1.0.0-ALPHA", "1.0.0-Alpha"],
                &["1.0.0-alpha.2"],
                &["1.0.0-alpha.10"],
                &["1.0.0-alpha.beta"],
                &["1.0.0-Beta", "1.0.0-beta"],
                &["1.0.0-beta1"],
                &["1.0.0-RC.1", "1.0.0-rc.1+sha.abc"],
                &["1.0.0"],
            ],
        );
    }

    #[test]
    fn real_nuget_packages() {
        // Newtonsoft.Json (GHSA-5crp-9r3c-p9vr: fixed in 13.0.1)
        assert_ascending(
            Scheme::NuGet,
            &[
                &["9.0.1"],
                &["12.0.3"],
                &["13.0.1-beta1"],
                &["13.0.1"],
                &["13.0.3"],
            ],
        );
        // .NET runtime packages with preview and rc builds
        assert_ascending(
            Scheme::NuGet,
            &[
                &["5.0.17"],
                &["6.0.0-preview.7.21377.19"],
                &["6.0.0-rc.1.21451.13"],
                &["6.0.0-rc.2.21480.5"],
                &["6.0.0"],
                &["6.0.25"],
                &["8.0.0"],
            ],
        );
        // System.Net.Http, System.Text.Encodings.Web, Microsoft.Data.SqlClient
        assert_ascending(Scheme::NuGet, &[&["4.1.0"], &["4.3.0"], &["4.3.4"]]);
        assert_ascending(
            Scheme::NuGet,
            &[&["4.5.0"], &["4.5.1"], &["5.0.0"], &["5.0.1"]],
        );
        assert_ascending(
            Scheme::NuGet,
            &[
                &["2.1.6"],
                &["2.1.7"],
                &["5.1.2"],
                &["5.1.3"],
                &["5.2.0-preview1.23109.1"],
            ],
        );
    }

    #[test]
    fn refuses_non_versions() {
        for bad in [
            "1.0.0.0.0",
            "1.0.",
            ".1",
            "1..0",
            "v1.0",
            "1.0-",
            "1.0-a..b",
            "1.0+",
            "1.0-a_b",
            "1.a",
            "1.0.0-ü",
        ] {
            assert!(!parse_ok(Scheme::NuGet, bad), "{bad}");
        }
    }
}
