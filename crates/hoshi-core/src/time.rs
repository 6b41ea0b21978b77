//! Calendar arithmetic on Unix timestamps (no clock: callers pass the time).

/// (year, month, day, hour, minute, second) in UTC for `secs` since 1970-01-01 (H. Hinnant's
/// days-to-civil algorithm).
pub fn civil(secs: i64) -> (i64, i64, i64, i64, i64, i64) {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d, rem / 3600, rem % 3600 / 60, rem % 60)
}

/// `2026-11-21T06:52:00Z`
pub fn rfc3339(secs: i64) -> String {
    let (y, m, d, h, mi, s) = civil(secs);
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// Japan Standard Time, UTC+9 all year (no daylight saving): the scheme's and its users' time.
pub const JST_OFFSET: i64 = 9 * 3600;

/// `2026-11-21 15:52 JST`: a moment as people in Japan read it.
pub fn minutes_jst(secs: i64) -> String {
    let (y, m, d, h, mi, _) = civil(secs + JST_OFFSET);
    format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02} JST")
}

/// `2026-11-21`: the date in Japan at `secs`.
pub fn date_jst(secs: i64) -> String {
    date(secs + JST_OFFSET)
}

/// `2026-11-21 06:52 UTC`
pub fn minutes(secs: i64) -> String {
    let (y, m, d, h, mi, _) = civil(secs);
    format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02} UTC")
}

/// `2026-11-21`
pub fn date(secs: i64) -> String {
    let (y, m, d, ..) = civil(secs);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 of a civil date (the inverse of [`civil`]).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `YYYY-MM-DD` as (year, month, day), only for a date that exists (no 2027-02-30).
pub fn parse_date(s: &str) -> Option<(i64, i64, i64)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || d < 1 {
        return None;
    }
    // The day exists when it round-trips through the calendar.
    let (y2, m2, d2, ..) = civil(days_from_civil(y, m, d) * 86_400);
    ((y2, m2, d2) == (y, m, d)).then_some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_only_when_they_exist() {
        assert_eq!(parse_date("2026-11-21"), Some((2026, 11, 21)));
        assert_eq!(parse_date("2028-02-29"), Some((2028, 2, 29)));
        for bad in [
            "2027-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-1-01",
            "２０２６-11-21",
            "+026-11-21",
            "2026/11/21",
            "",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        for secs in [0, 951_782_400, 1_795_248_452, -86_400] {
            let (y, m, d, ..) = civil(secs);
            assert_eq!(days_from_civil(y, m, d), secs.div_euclid(86_400));
        }
    }

    #[test]
    fn known_dates() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_795_244_400), "2026-11-21T07:00:00Z");
        assert_eq!(date(-86_400), "1969-12-31");
        assert_eq!(minutes(1_774_569_600), "2026-03-27 00:00 UTC");
    }

    #[test]
    fn japan_is_nine_hours_ahead() {
        // 2026-03-26 15:30 UTC is already the 27th in Japan.
        let t = 1_774_569_600 - 30 * 60 - 8 * 3600;
        assert_eq!(minutes(t), "2026-03-26 15:30 UTC");
        assert_eq!(minutes_jst(t), "2026-03-27 00:30 JST");
        assert_eq!(
            (date(t).as_str(), date_jst(t).as_str()),
            ("2026-03-26", "2026-03-27")
        );
    }
}
