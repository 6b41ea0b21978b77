//! The clock, in one place: seconds now, today's date, days until a date. Everything else takes
//! the time as a value. Dates and times are those of Japan (JST, UTC+9): a result "valid until
//! 2027-12-01" ends at midnight in Japan, where the scheme and its users are.

use hoshi_core::time;

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Today's date in Japan as YYYY-MM-DD.
pub fn today() -> String {
    time::date_jst(now())
}

/// The date `days` from today in Japan, YYYY-MM-DD.
pub fn date_plus(days: i64) -> String {
    time::date_jst(now() + days * 86_400)
}

/// Days from today (in Japan) until `date` (YYYY-MM-DD); negative when past.
pub fn days_until(date: &str) -> Option<i64> {
    let (y, m, d) = time::parse_date(date)?;
    Some(time::days_from_civil(y, m, d) - (now() + time::JST_OFFSET).div_euclid(86_400))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_until_inverts_the_calendar() {
        assert_eq!(days_until(&today()), Some(0));
        assert_eq!(days_until(&date_plus(30)), Some(30));
        assert_eq!(days_until(&date_plus(-400)), Some(-400));
        assert_eq!(days_until("2026-13"), None);
    }
}
