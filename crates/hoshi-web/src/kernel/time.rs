//! The clock, in one place: seconds now, today's date, days until a date. Everything else takes
//! the time as a value.

use hoshi_core::time;

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Today's date (UTC) as YYYY-MM-DD.
pub fn today() -> String {
    time::date(now())
}

/// The date `days` from today (UTC), YYYY-MM-DD.
pub fn date_plus(days: i64) -> String {
    time::date(now() + days * 86_400)
}

/// Days from today (UTC) until `date` (YYYY-MM-DD); negative when past.
pub fn days_until(date: &str) -> Option<i64> {
    let (y, m, d) = time::parse_date(date)?;
    Some(time::days_from_civil(y, m, d) - now().div_euclid(86_400))
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
