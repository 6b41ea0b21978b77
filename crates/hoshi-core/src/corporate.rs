//! 法人番号 (Japanese corporate number): 13 digits, the first a check digit over the other twelve.
//!
//! Check digit = 9 − (Σ Pₙ × Qₙ mod 9), where Pₙ is the n-th digit of the 12-digit base counted
//! from the right and Qₙ is 1 for odd n and 2 for even n.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorporateNumberError {
    /// Not 13 digits (after removing spaces and hyphens).
    Length(usize),
    /// A character that is not a digit.
    NotDigit(char),
    /// The check digit does not match.
    CheckDigit { expected: u32, found: u32 },
}

impl fmt::Display for CorporateNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CorporateNumberError::Length(n) => write!(f, "a 法人番号 has 13 digits, this has {n}"),
            CorporateNumberError::NotDigit(c) => write!(f, "`{c}` is not a digit"),
            CorporateNumberError::CheckDigit { expected, found } => {
                write!(
                    f,
                    "the check digit is {found} but should be {expected}: the number is mistyped"
                )
            }
        }
    }
}

impl std::error::Error for CorporateNumberError {}

/// The check digit for a 12-digit base.
pub fn check_digit(base: &[u32; 12]) -> u32 {
    let sum: u32 = base
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| d * if i % 2 == 0 { 1 } else { 2 })
        .sum();
    9 - sum % 9
}

/// Validates a 法人番号 and returns it as 13 ASCII digits. Full-width digits, spaces and hyphens
/// are accepted in the input.
pub fn validate(input: &str) -> Result<String, CorporateNumberError> {
    let mut digits = Vec::with_capacity(13);
    for c in input.chars() {
        match c {
            ' ' | '\u{3000}' | '-' | '－' | 'ー' => continue,
            '0'..='9' => digits.push(c as u32 - '0' as u32),
            '０'..='９' => digits.push(c as u32 - '０' as u32),
            other => return Err(CorporateNumberError::NotDigit(other)),
        }
    }
    if digits.len() != 13 {
        return Err(CorporateNumberError::Length(digits.len()));
    }
    let mut base = [0u32; 12];
    base.copy_from_slice(&digits[1..]);
    let expected = check_digit(&base);
    if digits[0] != expected {
        return Err(CorporateNumberError::CheckDigit {
            expected,
            found: digits[0],
        });
    }
    Ok(digits.iter().map(|d| char::from(b'0' + *d as u8)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_numbers_validate() {
        // 国税庁 and a large manufacturer, as published in the 法人番号公表サイト.
        assert_eq!(validate("7000012050002").unwrap(), "7000012050002");
        assert_eq!(validate("1180301018771").unwrap(), "1180301018771");
        assert_eq!(
            validate("１１８０３０１０１８７７１").unwrap(),
            "1180301018771"
        );
        assert_eq!(validate("1-1803-0101-8771").unwrap(), "1180301018771");
    }

    #[test]
    fn mistakes_are_caught() {
        assert_eq!(
            validate("2180301018771"),
            Err(CorporateNumberError::CheckDigit {
                expected: 1,
                found: 2
            })
        );
        assert_eq!(
            validate("1180301018711")
                .map_err(|e| matches!(e, CorporateNumberError::CheckDigit { .. })),
            Err(true)
        );
        assert_eq!(
            validate("118030101877"),
            Err(CorporateNumberError::Length(12))
        );
        assert_eq!(
            validate("11803010187A1"),
            Err(CorporateNumberError::NotDigit('A'))
        );
        // Swapping two adjacent digits is caught unless they are 0 and 9 (their weights differ by 1).
        let n: Vec<char> = "1180301018771".chars().collect();
        for i in 1..12 {
            if n[i] != n[i + 1] {
                let mut s = n.clone();
                s.swap(i, i + 1);
                let swapped: String = s.into_iter().collect();
                assert!(validate(&swapped).is_err(), "{swapped}");
            }
        }
    }
}
