//! Unbounded decimal numbers: version parts are compared by value however many digits they have
//! (Go pseudo-versions and Debian snapshots carry 14-digit timestamps, some strings far more), so
//! nothing is converted to a machine integer and nothing can overflow.

use std::cmp::Ordering;

/// A non-negative decimal number kept as its digits without leading zeros (zero is the empty
/// string). Longer means larger; equal lengths compare digit by digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Num(Box<str>);

impl Num {
    /// `digits` must be ASCII digits only (it may be empty, which reads as zero).
    pub(crate) fn from_digits(digits: &str) -> Num {
        debug_assert!(digits.bytes().all(|b| b.is_ascii_digit()));
        Num(digits.trim_start_matches('0').into())
    }

    pub(crate) fn is_zero(&self) -> bool {
        self.0.is_empty()
    }
}

impl Default for Num {
    /// Zero.
    fn default() -> Self {
        Num::from_digits("")
    }
}

impl Ord for Num {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.as_bytes().cmp(other.0.as_bytes()))
    }
}

impl PartialOrd for Num {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Splits `s` at the end of its leading run of ASCII digits.
pub(crate) fn split_digits(s: &str) -> (&str, &str) {
    let end = s
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(s.len());
    s.split_at(end)
}

/// Whether `s` is a non-empty run of ASCII digits.
pub(crate) fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_by_value_not_text() {
        let n = Num::from_digits;
        assert!(n("9") < n("10"));
        assert_eq!(n("007"), n("7"));
        assert_eq!(n(""), n("000"));
        assert!(n("0").is_zero());
        assert!(n("99999999999999999999999999") < n("100000000000000000000000000"));
        assert!(n("20230101000000") > n("20221231235959"));
    }
}
