//! Vendor firmware and other versions without a published scheme: FortiOS `7.2.8`, PAN-OS
//! `10.2.9-h1`, Ivanti Connect Secure `22.7R2.3`, NetScaler `13.1-49.13`, SonicOS
//! `7.0.1-5035`, Cisco ASA `9.16(4)48`, Cisco IOS XE `17.9.4a`, and the ecosystems mapped here
//! for want of their own scheme (see [`super::Scheme::from_osv_ecosystem`]).
//!
//! Parsing: printable ASCII (spaces allowed inside) with at least one digit; a leading `v`/`V`
//! before a digit is dropped. The string is cut into runs of digits and runs of letters; every
//! other character (`.`, `-`, `_`, `(`, `)`, `+`, space, …) only separates, so `9.16(4)48` reads
//! 9, 16, 4, 48 and `10.2.9-h1` reads 10, 2, 9, h, 1.
//!
//! Order: the runs compare left to right, numbers by value, letters case-insensitively; a
//! version that runs out continues with "end", and
//!
//! `dev`/`snapshot` < `alpha` < `beta` < `pre`/`preview` < `rc` < end < other letters < numbers.
//!
//! So a letter run after the numbers marks a later build — PAN-OS hotfixes (`10.2.9` <
//! `10.2.9-h1` < `10.2.9-h12` < `10.2.10`), Ivanti releases (`22.7` < `22.7R1` < `22.7R2.3`),
//! Cisco rebuilds (`17.9.4` < `17.9.4a`), apk revisions (`1.2-r0` < `1.2-r1`) — except the
//! usual pre-release words, which mark an earlier one (`2.0.0-rc1` < `2.0.0`); and a letter is
//! older than a number in the same place (`1.2a` < `1.2.1`, as rpm and Maven have it).
//! Separators do not count: `1.2-3` = `1.2.3` = `1.2(3)`; trailing zeros neither: `7.2` = `7.2.0`.

use super::num::Num;
use super::{admit, cmp_padded};
use std::cmp::Ordering;

/// Variant order is the run order described above.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Run {
    /// A pre-release word, by rank.
    Pre(u8),
    End,
    Word(Box<str>),
    Number(Num),
}

#[derive(Debug, Clone)]
pub(crate) struct Key(Vec<Run>);

impl Ord for Key {
    fn cmp(&self, other: &Self) -> Ordering {
        cmp_padded(&self.0, &other.0, &Run::End)
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
    if !s.bytes().all(|b| b.is_ascii_graphic() || b == b' ')
        || !s.bytes().any(|b| b.is_ascii_digit())
    {
        return None;
    }
    let s = match s.strip_prefix(['v', 'V']) {
        Some(r) if r.starts_with(|c: char| c.is_ascii_digit()) => r,
        _ => s,
    };
    let bytes = s.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let class: fn(&u8) -> bool = if b.is_ascii_digit() {
            u8::is_ascii_digit
        } else if b.is_ascii_alphabetic() {
            u8::is_ascii_alphabetic
        } else {
            i += 1;
            continue;
        };
        let end = bytes[i..]
            .iter()
            .position(|c| !class(c))
            .map_or(bytes.len(), |n| i + n);
        let text = &s[i..end];
        runs.push(if b.is_ascii_digit() {
            Run::Number(Num::from_digits(text))
        } else {
            word(text)
        });
        i = end;
    }
    // Trailing zeros name the same release (`7.2` = `7.2.0`, `2.0-rc1` = `2.0.0-rc1`, as
    // vendors and NVD's CPE ranges mean them): zero runs before the end or before a pre-release
    // word are dropped. A canonical form, so the order stays total.
    let mut kept: Vec<Run> = Vec::with_capacity(runs.len());
    for (i, r) in runs.iter().enumerate() {
        let zero = matches!(r, Run::Number(n) if n.is_zero());
        let only_zeros_then_pre_or_end = || {
            runs[i + 1..]
                .iter()
                .find(|x| !matches!(x, Run::Number(n) if n.is_zero()))
                .is_none_or(|x| matches!(x, Run::Pre(_)))
        };
        if zero && i > 0 && only_zeros_then_pre_or_end() {
            continue;
        }
        kept.push(r.clone());
    }
    Some(Key(kept))
}

fn word(text: &str) -> Run {
    let lower = text.to_ascii_lowercase();
    match lower.as_str() {
        "dev" | "snapshot" => Run::Pre(0),
        "alpha" => Run::Pre(1),
        "beta" => Run::Pre(2),
        "pre" | "preview" => Run::Pre(3),
        "rc" => Run::Pre(4),
        _ => Run::Word(lower.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Scheme, assert_ascending, parse_ok};

    #[test]
    fn fortios() {
        assert_ascending(
            Scheme::Generic,
            &[
                &["6.4.15"],
                &["7.0.0"],
                &["7.0.14"],
                &["7.2.0"],
                &["7.2.7"],
                &["7.2.8", "v7.2.8", "7.2.08"],
                &["7.2.10"],
                &["7.4.0"],
                &["7.4.4"],
            ],
        );
    }

    #[test]
    fn pan_os_hotfixes() {
        assert_ascending(
            Scheme::Generic,
            &[
                &["10.2.9"],
                &["10.2.9-h1"],
                &["10.2.9-h12"],
                &["10.2.10"],
                &["10.2.10-h2"],
                &["11.0.4-h1"],
                &["11.1.0-h3"],
                &["11.1.1"],
                &["11.1.2-h3"],
            ],
        );
    }

    #[test]
    fn ivanti_connect_secure() {
        assert_ascending(
            Scheme::Generic,
            &[
                &["9.1R14"],
                &["9.1R18"],
                &["9.1R18.3"],
                &["22.7R1"],
                &["22.7R2", "22.7r2"],
                &["22.7R2.2"],
                &["22.7R2.3"],
                &["22.7R2.10"],
            ],
        );
    }

    #[test]
    fn netscaler_and_sonicos_builds() {
        assert_ascending(
            Scheme::Generic,
            &[
                &["12.1-55.302"],
                &["13.0-92.21"],
                &["13.1-49.13"],
                &["13.1-49.15"],
                &["13.1-51.15"],
                &["14.1-8.50"],
                &["14.1-12.35"],
            ],
        );
        assert_ascending(
            Scheme::Generic,
            &[
                &["6.5.4.15-116n"],
                &["7.0.1-5035"],
                &["7.0.1-5145"],
                &["7.1.1-7040"],
                &["7.1.1-7058"],
            ],
        );
    }

    #[test]
    fn cisco_trains() {
        assert_ascending(
            Scheme::Generic,
            &[
                &["9.12(4)65"],
                &["9.16(4)"],
                &["9.16(4)48"],
                &["9.16(4)57"],
                &["9.17(1)"],
                &["9.18(4)22"],
            ],
        );
        assert_ascending(
            Scheme::Generic,
            &[
                &["17.6.5"],
                &["17.9.4"],
                &["17.9.4a"],
                &["17.9.5"],
                &["17.12.1"],
            ],
        );
    }

    #[test]
    fn pre_release_words_and_separators() {
        assert_ascending(
            Scheme::Generic,
            &[
                &["2.0.0-dev"],
                &["2.0.0-alpha1"],
                &["2.0.0-beta"],
                &["2.0.0-beta2", "2.0.0-BETA-2"],
                &["2.0.0-RC1", "2.0.0rc1", "2.0-rc1"],
                &["2.0.0", "2.0", "2"],
                &["2.0.0-p1"],
                &["2.0.0.1", "2.0.0-1", "2.0.0(1)", "2.0.0 1"],
            ],
        );
        // apk-style revisions (Alpine)
        assert_ascending(
            Scheme::Generic,
            &[
                &["1.36.1-r5"],
                &["1.36.1-r15"],
                &["3.1.4_rc1-r0"],
                &["3.1.4-r0"],
                &["3.1.4-r1"],
            ],
        );
    }

    #[test]
    fn refuses_non_versions() {
        for bad in ["latest", "n/a", "--", "1.0\t2", "1.0é", "\u{0}1"] {
            assert!(!parse_ok(Scheme::Generic, bad), "{bad}");
        }
    }
}
