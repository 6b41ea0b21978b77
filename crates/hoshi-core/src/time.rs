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

/// The time zones a person can choose to read times in. Japan time is the default and the
/// scheme's own (dates that decide validity and deadlines are always Japan's); the others serve
/// staff of suppliers and buyers abroad. Daylight saving follows today's rules of each region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Zone {
    #[default]
    Tokyo,
    Seoul,
    Shanghai,
    Taipei,
    Singapore,
    Manila,
    Bangkok,
    HoChiMinh,
    Jakarta,
    Kolkata,
    Utc,
    London,
    Berlin,
    NewYork,
    Chicago,
    LosAngeles,
}

/// How a zone changes its clock.
enum Dst {
    None,
    /// The EU rule: from the last Sunday of March to the last Sunday of October, at 01:00 UTC.
    Europe,
    /// The US rule: from the second Sunday of March to the first Sunday of November, at 02:00
    /// local time.
    UnitedStates,
}

impl Zone {
    pub const ALL: [Zone; 16] = [
        Zone::Tokyo,
        Zone::Seoul,
        Zone::Shanghai,
        Zone::Taipei,
        Zone::Singapore,
        Zone::Manila,
        Zone::Bangkok,
        Zone::HoChiMinh,
        Zone::Jakarta,
        Zone::Kolkata,
        Zone::Utc,
        Zone::London,
        Zone::Berlin,
        Zone::NewYork,
        Zone::Chicago,
        Zone::LosAngeles,
    ];

    /// The IANA name, as stored.
    pub fn id(self) -> &'static str {
        match self {
            Zone::Tokyo => "Asia/Tokyo",
            Zone::Seoul => "Asia/Seoul",
            Zone::Shanghai => "Asia/Shanghai",
            Zone::Taipei => "Asia/Taipei",
            Zone::Singapore => "Asia/Singapore",
            Zone::Manila => "Asia/Manila",
            Zone::Bangkok => "Asia/Bangkok",
            Zone::HoChiMinh => "Asia/Ho_Chi_Minh",
            Zone::Jakarta => "Asia/Jakarta",
            Zone::Kolkata => "Asia/Kolkata",
            Zone::Utc => "UTC",
            Zone::London => "Europe/London",
            Zone::Berlin => "Europe/Berlin",
            Zone::NewYork => "America/New_York",
            Zone::Chicago => "America/Chicago",
            Zone::LosAngeles => "America/Los_Angeles",
        }
    }

    pub fn parse(s: &str) -> Option<Zone> {
        Zone::ALL.into_iter().find(|z| z.id() == s)
    }

    /// (Japanese, English) name for a choice list.
    pub fn label(self) -> (&'static str, &'static str) {
        match self {
            Zone::Tokyo => ("日本時間（東京）", "Japan (Tokyo)"),
            Zone::Seoul => ("韓国（ソウル）", "Korea (Seoul)"),
            Zone::Shanghai => ("中国（上海）", "China (Shanghai)"),
            Zone::Taipei => ("台湾（台北）", "Taiwan (Taipei)"),
            Zone::Singapore => ("シンガポール", "Singapore"),
            Zone::Manila => ("フィリピン（マニラ）", "Philippines (Manila)"),
            Zone::Bangkok => ("タイ（バンコク）", "Thailand (Bangkok)"),
            Zone::HoChiMinh => ("ベトナム（ホーチミン）", "Vietnam (Ho Chi Minh City)"),
            Zone::Jakarta => ("インドネシア（ジャカルタ）", "Indonesia (Jakarta)"),
            Zone::Kolkata => ("インド", "India"),
            Zone::Utc => ("協定世界時（UTC）", "Coordinated Universal Time (UTC)"),
            Zone::London => ("英国（ロンドン）", "United Kingdom (London)"),
            Zone::Berlin => (
                "中央ヨーロッパ（ベルリン、パリ）",
                "Central Europe (Berlin, Paris)",
            ),
            Zone::NewYork => ("米国東部（ニューヨーク）", "US Eastern (New York)"),
            Zone::Chicago => ("米国中部（シカゴ）", "US Central (Chicago)"),
            Zone::LosAngeles => ("米国西部（ロサンゼルス）", "US Pacific (Los Angeles)"),
        }
    }

    /// Standard offset from UTC in seconds, and the daylight-saving rule.
    fn rule(self) -> (i64, Dst) {
        let h = 3600;
        match self {
            Zone::Tokyo | Zone::Seoul => (9 * h, Dst::None),
            Zone::Shanghai | Zone::Taipei | Zone::Singapore | Zone::Manila => (8 * h, Dst::None),
            Zone::Bangkok | Zone::HoChiMinh | Zone::Jakarta => (7 * h, Dst::None),
            Zone::Kolkata => (5 * h + 30 * 60, Dst::None),
            Zone::Utc => (0, Dst::None),
            Zone::London => (0, Dst::Europe),
            Zone::Berlin => (h, Dst::Europe),
            Zone::NewYork => (-5 * h, Dst::UnitedStates),
            Zone::Chicago => (-6 * h, Dst::UnitedStates),
            Zone::LosAngeles => (-8 * h, Dst::UnitedStates),
        }
    }

    /// The offset from UTC in seconds at the moment `secs`.
    pub fn offset_at(self, secs: i64) -> i64 {
        let (standard, dst) = self.rule();
        let (year, ..) = civil(secs + standard);
        let summer = match dst {
            Dst::None => false,
            Dst::Europe => {
                let start = last_sunday(year, 3) * 86_400 + 3600;
                let end = last_sunday(year, 10) * 86_400 + 3600;
                (start..end).contains(&secs)
            }
            Dst::UnitedStates => {
                // 02:00 local standard time, and 02:00 local daylight time at the end.
                let start = nth_sunday(year, 3, 2) * 86_400 + 2 * 3600 - standard;
                let end = nth_sunday(year, 11, 1) * 86_400 + 2 * 3600 - (standard + 3600);
                (start..end).contains(&secs)
            }
        };
        standard + if summer { 3600 } else { 0 }
    }

    /// `2026-11-21 15:52 JST`, `2026-07-01 08:52 (UTC+2)`: a moment in this zone.
    pub fn minutes(self, secs: i64) -> String {
        if self == Zone::Tokyo {
            return minutes_jst(secs);
        }
        let off = self.offset_at(secs);
        let (y, m, d, h, mi, _) = civil(secs + off);
        let sign = if off < 0 { '-' } else { '+' };
        let (oh, om) = (off.abs() / 3600, off.abs() % 3600 / 60);
        let zone = if om == 0 {
            format!("UTC{sign}{oh}")
        } else {
            format!("UTC{sign}{oh}:{om:02}")
        };
        let zone = if off == 0 { "UTC".to_string() } else { zone };
        format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02} ({zone})")
    }
}

/// Day number (days since 1970-01-01) of the weekday of a date: 0 = Sunday.
fn weekday(days: i64) -> i64 {
    (days + 4).rem_euclid(7)
}

/// Days since 1970-01-01 of the last Sunday of `month` in `year`.
fn last_sunday(year: i64, month: i64) -> i64 {
    let next = if month == 12 {
        days_from_civil(year + 1, 1, 1)
    } else {
        days_from_civil(year, month + 1, 1)
    };
    let last = next - 1;
    last - weekday(last)
}

/// Days since 1970-01-01 of the `n`th Sunday of `month` in `year`.
fn nth_sunday(year: i64, month: i64, n: i64) -> i64 {
    let first = days_from_civil(year, month, 1);
    first + (7 - weekday(first)) % 7 + 7 * (n - 1)
}

#[cfg(test)]
mod zone_tests {
    use super::*;

    fn at(y: i64, m: i64, d: i64, h: i64, mi: i64) -> i64 {
        days_from_civil(y, m, d) * 86_400 + h * 3600 + mi * 60
    }

    #[test]
    fn daylight_saving_switches_at_the_published_moments() {
        // EU 2026: 29 March 01:00 UTC → 25 October 01:00 UTC.
        assert_eq!(Zone::Berlin.offset_at(at(2026, 3, 29, 0, 59)), 3600);
        assert_eq!(Zone::Berlin.offset_at(at(2026, 3, 29, 1, 0)), 7200);
        assert_eq!(Zone::London.offset_at(at(2026, 10, 25, 0, 59)), 3600);
        assert_eq!(Zone::London.offset_at(at(2026, 10, 25, 1, 0)), 0);
        // US 2026: 8 March 02:00 EST (07:00 UTC) → 1 November 02:00 EDT (06:00 UTC).
        assert_eq!(Zone::NewYork.offset_at(at(2026, 3, 8, 6, 59)), -5 * 3600);
        assert_eq!(Zone::NewYork.offset_at(at(2026, 3, 8, 7, 0)), -4 * 3600);
        assert_eq!(Zone::NewYork.offset_at(at(2026, 11, 1, 5, 59)), -4 * 3600);
        assert_eq!(Zone::NewYork.offset_at(at(2026, 11, 1, 6, 0)), -5 * 3600);
        // Los Angeles 2027: 14 March 10:00 UTC.
        assert_eq!(
            Zone::LosAngeles.offset_at(at(2027, 3, 14, 9, 59)),
            -8 * 3600
        );
        assert_eq!(
            Zone::LosAngeles.offset_at(at(2027, 3, 14, 10, 0)),
            -7 * 3600
        );
    }

    #[test]
    fn moments_read_in_each_zone() {
        let t = at(2026, 7, 1, 6, 52);
        assert_eq!(Zone::Tokyo.minutes(t), "2026-07-01 15:52 JST");
        assert_eq!(Zone::Utc.minutes(t), "2026-07-01 06:52 (UTC)");
        assert_eq!(Zone::Berlin.minutes(t), "2026-07-01 08:52 (UTC+2)");
        assert_eq!(Zone::Kolkata.minutes(t), "2026-07-01 12:22 (UTC+5:30)");
        assert_eq!(Zone::Chicago.minutes(t), "2026-07-01 01:52 (UTC-5)");
        assert_eq!(Zone::HoChiMinh.minutes(t), "2026-07-01 13:52 (UTC+7)");
        for z in Zone::ALL {
            assert_eq!(Zone::parse(z.id()), Some(z));
        }
        assert_eq!(Zone::parse("Mars/Olympus"), None);
    }
}
