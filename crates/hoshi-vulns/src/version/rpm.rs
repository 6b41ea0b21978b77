//! RPM package versions: `[epoch:]version[-release]`, compared as rpm does (`rpmvercmp`).
//!
//! Parsing: the epoch is the digits before a `:` (0 when absent, so `0:1.2-3` = `1.2-3`); the
//! release is what follows the last `-`. Version and release may contain ASCII alphanumerics and
//! `. _ + ~ ^`; the version must contain a digit, the release must not be empty, and a version
//! holds no `-` (rpm forbids it).
//!
//! Order: epoch by value, then version, then release, each split into segments: runs of digits,
//! runs of letters, and the single characters `~` and `^`; every other character only separates
//! (`1.0` = `1_0`). Segments compare left to right, a part that runs out continuing with "end":
//!
//! `~` < end < `^` < letters (byte order) < digits (by value).
//!
//! So `1.0~rc1` < `1.0` < `1.0^git1` < `1.0.1`, `1.0a` < `1.0.1`, `5.5p1` < `5.5p10`. This is
//! exactly what rpmvercmp decides, written as one token order (which also shows it is a total
//! order). One choice of ours: rpm skips the release when either side has none, which is not
//! an order (`1.0` would equal both `1.0-1` and `1.0-2`); here a missing release is an empty
//! one, older than any release that does not start with `~`.

use super::num::{Num, all_digits};
use super::{admit, cmp_padded};
use std::cmp::Ordering;

#[derive(Debug, Clone)]
pub(crate) struct Key {
    epoch: Num,
    version: Vec<Seg>,
    release: Vec<Seg>,
}

/// Variant order is the segment order; `End` only pads the shorter part.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Seg {
    Tilde,
    End,
    Caret,
    Alpha(Box<[u8]>),
    Digits(Num),
}

impl Ord for Key {
    fn cmp(&self, other: &Self) -> Ordering {
        self.epoch
            .cmp(&other.epoch)
            .then_with(|| cmp_padded(&self.version, &other.version, &Seg::End))
            .then_with(|| cmp_padded(&self.release, &other.release, &Seg::End))
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Key {}

pub(crate) fn parse(s: &str) -> Option<Key> {
    let s = admit(s)?;
    let (epoch, rest) = match s.split_once(':') {
        Some((e, r)) if all_digits(e) => (Num::from_digits(e), r),
        Some(_) => return None,
        None => (Num::default(), s),
    };
    let (version, release) = match rest.split_once('-') {
        Some((v, r)) => (v, Some(r)),
        None => (rest, None),
    };
    let allowed = |part: &str| {
        part.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._+~^".contains(&b))
    };
    if !allowed(version) || !version.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Some(r) = release
        && (r.is_empty() || !allowed(r))
    {
        return None;
    }
    Some(Key {
        epoch,
        version: segments(version),
        release: release.map(segments).unwrap_or_default(),
    })
}

fn segments(s: &str) -> Vec<Seg> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let run = |pred: fn(&u8) -> bool| {
            bytes[i..]
                .iter()
                .position(|c| !pred(c))
                .map_or(bytes.len(), |n| i + n)
        };
        match b {
            b'~' => out.push(Seg::Tilde),
            b'^' => out.push(Seg::Caret),
            _ if b.is_ascii_digit() => {
                let end = run(u8::is_ascii_digit);
                out.push(Seg::Digits(Num::from_digits(&s[i..end])));
                i = end;
                continue;
            }
            _ if b.is_ascii_alphabetic() => {
                let end = run(u8::is_ascii_alphabetic);
                out.push(Seg::Alpha(bytes[i..end].into()));
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Scheme, assert_ascending, parse_ok};

    #[test]
    fn rpmvercmp_segment_rules() {
        let pairs_ascending: &[(&str, &str)] = &[
            ("1.0", "2.0"),
            ("2.0", "2.0.1"),
            ("2.0.1", "2.0.1a"),
            ("5.5p1", "5.5p2"),
            ("5.5p2", "5.5p10"),
            ("10xyz", "10.1xyz"),
            ("xyz10", "xyz10.1"),
            ("xyz.4", "8"),
            ("1b.fc17", "1g.fc17"),
            ("1.fc17", "1g.fc17"),
            ("1b.fc17", "1.fc17"),
            ("2a", "2.0"),
            ("1.0a", "1.0.1"),
            ("6.0", "6.0.rc1"),
            ("1.0~rc1", "1.0"),
            ("1.0~rc1", "1.0~rc2"),
            ("1.0~rc1~git123", "1.0~rc1"),
            ("1.0", "1.0^"),
            ("1.0", "1.0^git1"),
            ("1.0^git1", "1.01"),
            ("1.0^20160101", "1.0.1"),
            ("1.0^git1~pre", "1.0^git1"),
            ("1.0^git1", "1.0^git2"),
            ("1.0~rc1", "1.0~rc1^git1"),
            ("1.0~rc1^git1", "1.0"),
            ("1.0^", "1.0^git1"),
        ];
        for (a, b) in pairs_ascending {
            assert_ascending(Scheme::Rpm, &[&[a], &[b]]);
        }
        for group in [
            &["1.0", "1_0", "1+0", "1..0", "1.0.", "01.000"][..],
            &["xyz.4", "xyz_4"],
            &["1.0^", "1.0^."],
            &["1a+", "1a_", "1a"],
        ] {
            assert_ascending(Scheme::Rpm, &[group]);
        }
    }

    #[test]
    fn epoch_version_release() {
        assert_ascending(
            Scheme::Rpm,
            &[
                &["1.2"],
                &["1.2-1", "0:1.2-1", "1.2-01"],
                &["1.2-1.el9"],
                &["1.2-2"],
                &["1.3-0"],
                &["1:0.1-1"],
            ],
        );
        assert_ascending(Scheme::Rpm, &[&["1.2-~1"], &["1.2", "0:1.2"], &["1.2-0"]]);
    }

    #[test]
    fn real_rhel_family_packages() {
        // openssl (epoch 1) and kernel in RHEL/AlmaLinux/Rocky 9 errata
        assert_ascending(
            Scheme::Rpm,
            &[
                &["3.0.7-27.el9"],
                &["1:3.0.7-24.el9"],
                &["1:3.0.7-25.el9"],
                &["1:3.0.7-27.el9"],
                &["1:3.0.7-27.el9_4.1"],
                &["1:3.0.7-28.el9_4"],
            ],
        );
        assert_ascending(
            Scheme::Rpm,
            &[
                &["5.14.0-284.11.1.el9_2"],
                &["5.14.0-362.8.1.el9_3"],
                &["5.14.0-362.13.1.el9_3"],
                &["5.14.0-362.18.1.el9_3"],
                &["5.14.0-427.13.1.el9_4"],
            ],
        );
        // glibc in EL8: a z-stream rebuild sorts after the base release
        assert_ascending(
            Scheme::Rpm,
            &[
                &["2.28-225.el8"],
                &["2.28-225.el8_8.6"],
                &["2.28-236.el8_9.7"],
            ],
        );
        // sudo, openssh, curl with dist tags
        assert_ascending(
            Scheme::Rpm,
            &[
                &["1.9.5p2-9.el9"],
                &["1.9.5p2-10.el9_3"],
                &["1.9.13p3-1.el9"],
            ],
        );
        assert_ascending(
            Scheme::Rpm,
            &[&["8.7p1-34.el9"], &["8.7p1-34.el9_3.3"], &["8.7p1-38.el9"]],
        );
        assert_ascending(
            Scheme::Rpm,
            &[
                &["7.76.1-26.el9"],
                &["7.76.1-26.el9_3.2"],
                &["7.76.1-29.el9_4"],
            ],
        );
        // Fedora snapshots and pre-releases
        assert_ascending(
            Scheme::Rpm,
            &[
                &["2.0~beta1-1.fc39"],
                &["2.0~rc1-1.fc39"],
                &["2.0-1.fc39"],
                &["2.0^20231101git1a2b3c-1.fc39"],
                &["2.0.1-1.fc39"],
            ],
        );
    }

    #[test]
    fn refuses_non_versions() {
        for bad in [
            "abc", "1.0-", "x:1.0-1", ":1.0", "1.0-1-2", "1.0 1", "1.0/1", "1.0-é", "~-1",
        ] {
            assert!(!parse_ok(Scheme::Rpm, bad), "{bad}");
        }
    }
}
