//! Dates as the consoles and PowerShell write them. Only the calendar day is kept: the checks
//! count days, and an export's time zone is rarely stated.

use serde::Serialize;

/// A calendar day, as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "String")]
pub struct Day(pub i64);

impl Day {
    /// The day of a date that exists (no 2026-02-30).
    pub fn ymd(y: i64, m: i64, d: i64) -> Option<Day> {
        if !(1900..=9999).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        let days = hoshi_core::time::days_from_civil(y, m, d);
        let (y2, m2, d2, ..) = hoshi_core::time::civil(days * 86_400);
        (y2 == y && m2 == m && d2 == d).then_some(Day(days))
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        hoshi_core::time::date(self.0 * 86_400)
    }
}

impl From<Day> for String {
    fn from(d: Day) -> String {
        d.iso()
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.iso())
    }
}

/// A date and optional time in the forms the exports use:
/// - ISO 8601: `2026-11-30`, `2026-11-30T09:15:02Z`, `2026-11-30 09:15:02+09:00`;
/// - PowerShell in ja-JP, Google and the Japanese consoles: `2026/11/30 9:15:02`, `2026/11/30`;
/// - PowerShell in en-US: `11/30/2026 9:15:02 AM`. A first number over 12 (`30/11/2026`) is
///   read as day/month/year; `01/02/2026` is always month/day as en-US writes it.
///
/// The time part is checked for shape (digits, `:`, `.`, AM/PM, 午前/午後, a zone such as `Z`,
/// `UTC`, `JST`, `GMT+9`, `+09:00`) and otherwise ignored.
pub fn parse(s: &str) -> Option<Day> {
    let s = hoshi_core::text::half_width_digits(s.trim());
    let (date, time) = match s.find(['T', ' ']) {
        Some(i) if s.as_bytes()[i] == b' ' || i == 10 => (&s[..i], &s[i + 1..]),
        _ => (s.as_str(), ""),
    };
    if !time_shaped(time) {
        return None;
    }
    let date = date.trim_end_matches(',');
    let sep = if date.contains('/') { '/' } else { '-' };
    let parts: Vec<&str> = date.split(sep).collect();
    let [a, b, c] = parts[..] else {
        return None;
    };
    let num = |p: &str| -> Option<i64> {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let (a, b, c, a_len) = (num(a)?, num(b)?, num(c)?, a.len());
    if a_len == 4 {
        Day::ymd(a, b, c)
    } else if sep == '/' && c >= 1000 {
        if a > 12 {
            Day::ymd(c, b, a)
        } else {
            Day::ymd(c, a, b)
        }
    } else {
        None
    }
}

fn time_shaped(t: &str) -> bool {
    t.split_whitespace().all(|w| {
        let w = w.trim_start_matches("午前").trim_start_matches("午後");
        w.is_empty()
            || matches!(
                w.to_ascii_uppercase().as_str(),
                "AM" | "PM" | "UTC" | "GMT" | "JST" | "Z"
            )
            || w.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | '+' | '-' | 'Z' | 'z'))
            || (w.len() > 3
                && matches!(&w[..3], "GMT" | "UTC")
                && w[3..]
                    .chars()
                    .all(|c| c.is_ascii_digit() || "+-:".contains(c)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_the_exports_write() {
        let d = Day::ymd(2026, 11, 30).unwrap();
        for s in [
            "2026/11/30 9:15:02",
            "2026/11/30",
            "11/30/2026 9:15:02 AM",
            "30/11/2026 09:15",
            "2026-11-30T09:15:02Z",
            "2026-11-30T09:15:02.1234567+09:00",
            "2026-11-30 09:15:02 UTC",
            "2026/11/30 午前 9:15:02",
            "２０２６/１１/３０",
            "2026/11/30 9:15 GMT+9",
        ] {
            assert_eq!(parse(s), Some(d), "{s}");
        }
        assert_eq!(parse("01/02/2026"), Day::ymd(2026, 1, 2));
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for s in [
            "",
            "2026/13/01",
            "2026/02/30",
            "yesterday",
            "2026-11-30 soon",
            "30.11.2026",
            "11/30/26",
            "2026/11",
            "1/1/1/2026",
        ] {
            assert_eq!(parse(s), None, "{s}");
        }
    }
}
