//! Debian package versions (Debian Policy §5.6.12): `[epoch:]upstream_version[-debian_revision]`.
//!
//! Parsing: the epoch is the digits before the first `:` (0 when absent); the revision is
//! everything after the last `-` (absent means empty, which compares like `0`); the upstream
//! version must start with a digit (the policy's "should", enforced here so that words are not
//! taken for versions) and may contain alphanumerics and `. + ~ -`, and `:` after an epoch, as
//! dpkg accepts; the revision alphanumerics and `. + ~`.
//!
//! Order: epochs by value, then upstream versions, then revisions, each with the policy's
//! algorithm: alternately the longest non-digit prefix, compared character by character where
//! `~` sorts before everything, even the end of the part, then the end of the part, then letters
//! (in ASCII order), then all other characters (in ASCII order); and the longest digit prefix,
//! compared as a number (empty is 0).

use super::admit;
use super::num::{Num, all_digits, split_digits};
use std::cmp::Ordering;

#[derive(Debug, Clone)]
pub(crate) struct Key {
    epoch: Num,
    upstream: Box<str>,
    revision: Box<str>,
}

impl Ord for Key {
    fn cmp(&self, other: &Self) -> Ordering {
        self.epoch
            .cmp(&other.epoch)
            .then_with(|| verrevcmp(&self.upstream, &other.upstream))
            .then_with(|| verrevcmp(&self.revision, &other.revision))
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

pub(crate) fn parse(s: &str) -> Option<Key> {
    let s = admit(s)?;
    let (epoch, rest) = match s.split_once(':') {
        Some((e, r)) if all_digits(e) => (Num::from_digits(e), r),
        Some(_) => return None,
        None => (Num::default(), s),
    };
    let (upstream, revision) = match rest.rsplit_once('-') {
        Some((_, "")) => return None,
        Some((u, r)) => (u, r),
        None => (rest, ""),
    };
    let upstream_ok = upstream.starts_with(|c: char| c.is_ascii_digit())
        && upstream
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".+~-:".contains(&b));
    let revision_ok = revision
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b".+~".contains(&b));
    if !upstream_ok || !revision_ok {
        return None;
    }
    Some(Key {
        epoch,
        upstream: upstream.into(),
        revision: revision.into(),
    })
}

/// Weight of a character in a non-digit run; `None` is the end of the run (a digit or the end
/// of the string).
fn weight(c: Option<u8>) -> i32 {
    match c {
        None => 0,
        Some(b'~') => -1,
        Some(c) if c.is_ascii_alphabetic() => i32::from(c),
        Some(c) => i32::from(c) + 256,
    }
}

/// The policy's comparison of an upstream version or a revision.
fn verrevcmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    while !a.is_empty() || !b.is_empty() {
        let (ta, ra) = split_non_digits(a);
        let (tb, rb) = split_non_digits(b);
        let len = ta.len().max(tb.len());
        for i in 0..len {
            let (ca, cb) = (ta.as_bytes().get(i).copied(), tb.as_bytes().get(i).copied());
            match weight(ca).cmp(&weight(cb)) {
                Ordering::Equal => {}
                other => return other,
            }
        }
        let (da, ra) = split_digits(ra);
        let (db, rb) = split_digits(rb);
        match Num::from_digits(da).cmp(&Num::from_digits(db)) {
            Ordering::Equal => {}
            other => return other,
        }
        (a, b) = (ra, rb);
    }
    Ordering::Equal
}

fn split_non_digits(s: &str) -> (&str, &str) {
    let end = s
        .bytes()
        .position(|b| b.is_ascii_digit())
        .unwrap_or(s.len());
    s.split_at(end)
}

#[cfg(test)]
mod tests {
    use super::super::{Scheme, assert_ascending, parse_ok};

    #[test]
    fn policy_tilde_and_letters() {
        // Policy: "~~" < "~~a" < "~" < "" < "a"; letters before other characters.
        assert_ascending(
            Scheme::Debian,
            &[
                &["1.0~~"],
                &["1.0~~a"],
                &["1.0~"],
                &["1.0"],
                &["1.0a"],
                &["1.0+"],
                &["1.0.1"],
            ],
        );
        assert_ascending(
            Scheme::Debian,
            &[
                &["1.0~rc1"],
                &["1.0~rc2"],
                &["1.0", "1.0-0", "0:1.0", "1.00"],
                &["1.0-1"],
            ],
        );
        assert_ascending(Scheme::Debian, &[&["1.2"], &["1.10"], &["1.a"], &["1.+"]]);
    }

    #[test]
    fn epochs_win() {
        assert_ascending(
            Scheme::Debian,
            &[
                &["9.0", "0:9.0"],
                &["1:0.1", "01:0.1"],
                &["2:8.2.2434-3+deb11u1"],
                &["10:0"],
            ],
        );
    }

    #[test]
    fn real_debian_packages() {
        // openssl in bullseye and bookworm security updates
        assert_ascending(
            Scheme::Debian,
            &[
                &["1.1.1n-0+deb11u3"],
                &["1.1.1n-0+deb11u4"],
                &["1.1.1n-0+deb11u5"],
                &["1.1.1w-0+deb11u1"],
                &["3.0.11-1~deb12u1"],
                &["3.0.11-1~deb12u2"],
                &["3.0.11-1"],
                &["3.0.13-1~deb12u1"],
            ],
        );
        // glibc, sudo, curl, linux
        assert_ascending(
            Scheme::Debian,
            &[
                &["2.31-13+deb11u5"],
                &["2.31-13+deb11u6"],
                &["2.36-9+deb12u4"],
            ],
        );
        assert_ascending(
            Scheme::Debian,
            &[
                &["1.9.5p2-3"],
                &["1.9.5p2-3+deb11u1"],
                &["1.9.13p3-1+deb12u1"],
            ],
        );
        assert_ascending(
            Scheme::Debian,
            &[
                &["7.74.0-1.3+deb11u7"],
                &["7.88.1-10+deb12u4"],
                &["7.88.1-10+deb12u5"],
            ],
        );
        assert_ascending(
            Scheme::Debian,
            &[
                &["5.10.197-1"],
                &["5.10.205-2"],
                &["6.1.0"],
                &["6.1.66-1"],
                &["6.1.69-1"],
            ],
        );
        // vim carries an epoch
        assert_ascending(
            Scheme::Debian,
            &[
                &["9.0.1378-2"],
                &["2:8.2.2434-3+deb11u1"],
                &["2:9.0.1378-2"],
            ],
        );
    }

    #[test]
    fn real_ubuntu_packages() {
        assert_ascending(
            Scheme::Debian,
            &[
                &["2.35-0ubuntu3"],
                &["2.35-0ubuntu3.1"],
                &["2.35-0ubuntu3.4"],
                &["2.35-0ubuntu3.10"],
                &["2.35-1"],
            ],
        );
        assert_ascending(
            Scheme::Debian,
            &[
                &["1:2.38.1-1"],
                &["1:2.38.1-1ubuntu1"],
                &["1:2.38.1-1ubuntu1.1"],
            ],
        );
        assert_ascending(
            Scheme::Debian,
            &[&["5.15.0-91.101"], &["5.15.0-92.102"], &["5.15.0-100.110"]],
        );
        assert_ascending(
            Scheme::Debian,
            &[
                &["3.0.2-0ubuntu1.10"],
                &["3.0.2-0ubuntu1.12"],
                &["3.0.2-0ubuntu1.15"],
            ],
        );
    }

    #[test]
    fn refuses_non_versions() {
        for bad in [
            "1.0-", ":1.0", "a:1.0", "1:", "abc", "1.0-a-", "1.0_1", "1.0-1_2", "1.0 1", "-1",
            "1.0-1:2", "1.0é",
        ] {
            assert!(!parse_ok(Scheme::Debian, bad), "{bad}");
        }
        for good in [
            "1:1.0-1",
            "1.0-1-1",
            "1:1.0:2-1",
            "0.0",
            "1.0+dfsg-1~bpo11+1",
        ] {
            assert!(parse_ok(Scheme::Debian, good), "{good}");
        }
    }
}
