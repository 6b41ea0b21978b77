//! A rough estimate of what a security incident would cost a small firm, as ranges.
//!
//! The base figures are the typical amounts for small and medium-sized companies that IPA
//! published in its 2024 survey of SME information security (quoted in the seminar this project
//! grew from): legal advice ¥0.3–1M; a call centre for three months ¥7–10M; prepaid cards sent
//! to 10,000 people ¥6.5M; an investigation of cause and extent ¥3–4M; system recovery and
//! prevention "a few million to tens of millions"; lost sales of several months when the
//! business stops. How each figure is scaled by the user's inputs is written next to the line
//! (`basis`) so that a reader can follow and challenge it. Nothing here is a quote or a
//! prediction: it is an order of magnitude for a management discussion.

use crate::model::{Lang, Text};

/// What the user tells us about the organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Inputs {
    /// Personal or customer records held (people who would have to be informed after a leak).
    pub records: u64,
    /// Annual revenue in yen.
    pub revenue_yen: u64,
    /// Days the business would stand still.
    pub stoppage_days: u32,
}

/// Upper bounds on inputs, so that arithmetic cannot overflow and a typo is caught.
pub const MAX_RECORDS: u64 = 1_000_000_000;
pub const MAX_REVENUE_YEN: u64 = 100_000_000_000_000; // ¥100 trillion
pub const MAX_STOPPAGE_DAYS: u32 = 3_650;

impl Inputs {
    /// Checks the inputs; the message names the field and what was expected.
    pub fn check(&self) -> Result<(), String> {
        if self.records > MAX_RECORDS {
            return Err(format!("records: at most {MAX_RECORDS} expected"));
        }
        if self.revenue_yen > MAX_REVENUE_YEN {
            return Err(format!("revenue: at most {MAX_REVENUE_YEN} yen expected"));
        }
        if self.stoppage_days > MAX_STOPPAGE_DAYS {
            return Err(format!(
                "stoppage days: at most {MAX_STOPPAGE_DAYS} days expected"
            ));
        }
        Ok(())
    }
}

fn digits(s: &str) -> String {
    crate::text::half_width_digits(s)
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '_' | '，'))
        .collect()
}

/// A whole number, digits with optional `,` or `_` separators.
pub fn parse_count(s: &str) -> Result<u64, String> {
    let d = digits(s);
    let v: u64 = d
        .parse()
        .map_err(|_| format!("expected a whole number such as 20000, got {s:?}"))?;
    if v > MAX_RECORDS {
        return Err(format!("at most {} expected", MAX_RECORDS));
    }
    Ok(v)
}

/// Yen: digits with separators, optionally ending in 万 or 億 (`12億`, `3000万`, `1.5億`).
pub fn parse_yen(s: &str) -> Result<u64, String> {
    let d = digits(s);
    let d = d.trim_end_matches('円');
    let (num, unit) = if let Some(n) = d.strip_suffix('億') {
        (n, 100_000_000u64)
    } else if let Some(n) = d.strip_suffix('万') {
        (n, 10_000u64)
    } else {
        (d, 1u64)
    };
    let bad = || format!("expected an amount in yen such as 1200000000, 12億 or 3000万, got {s:?}");
    let (int, frac) = num.split_once('.').unwrap_or((num, ""));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || (unit == 1 && !frac.is_empty())
    {
        return Err(bad());
    }
    let whole: u64 = int.parse().map_err(|_| bad())?;
    let mut v = whole.checked_mul(unit).ok_or_else(bad)?;
    let mut scale = unit;
    for b in frac.bytes() {
        scale /= 10;
        if scale == 0 {
            return Err(bad());
        }
        v = v.checked_add(u64::from(b - b'0') * scale).ok_or_else(bad)?;
    }
    if v > MAX_REVENUE_YEN {
        return Err(format!("at most {} yen expected", MAX_REVENUE_YEN));
    }
    Ok(v)
}

/// One kind of cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub key: &'static str,
    pub label: Text,
    pub low: u64,
    pub high: u64,
    /// How the range was obtained.
    pub basis: Text,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Estimate {
    pub inputs: Inputs,
    pub lines: Vec<Line>,
    pub low: u64,
    pub high: u64,
}

const MAN: u64 = 10_000;

/// Rounds to whole 万円 (¥10,000): down for lower bounds, up for upper bounds.
fn round_down(v: u64) -> u64 {
    v / MAN * MAN
}
fn round_up(v: u64) -> u64 {
    v.div_ceil(MAN) * MAN
}

/// The estimate for `inputs` (call [`Inputs::check`] first; larger values are clamped).
pub fn estimate(inputs: &Inputs) -> Estimate {
    let records = inputs.records.min(MAX_RECORDS);
    let revenue = inputs.revenue_yen.min(MAX_REVENUE_YEN);
    let days = u64::from(inputs.stoppage_days.min(MAX_STOPPAGE_DAYS));
    let mut lines = Vec::new();

    lines.push(Line {
        key: "legal",
        label: Text::new("法律相談", "Legal advice"),
        low: 300_000,
        high: 1_000_000,
        basis: Text::new(
            "弁護士への初期相談の目安です（規模によらず発生します）。",
            "Typical first legal consultation; arises whatever the size.",
        ),
    });

    // The survey's three-month call centre serves a leak of about 10,000 people; smaller leaks
    // are scaled down in proportion, larger ones keep the survey's range (the number of staff
    // grows less than the number of people).
    let share = records.min(10_000);
    lines.push(Line {
        key: "call_centre",
        label: Text::new("コールセンター", "Call centre"),
        low: round_down(7_000_000 * share / 10_000),
        high: round_up(10_000_000 * share / 10_000),
        basis: Text::new(
            "約1万人分の漏えいで3か月運営した場合を基準に、保有件数に比例させています（1万件以上は同額）。",
            "Three months for a leak of about 10,000 people, scaled to the records held (capped at that size).",
        ),
    });

    lines.push(Line {
        key: "apology",
        label: Text::new("お詫び（見舞品）", "Apology gifts"),
        low: 0,
        high: round_up(650 * records),
        basis: Text::new(
            "1人あたり650円のプリペイドカードを全件に送る場合を上限とし、送らない場合を下限としています。",
            "Up to a ¥650 prepaid card for every record held; none at the lower end.",
        ),
    });

    lines.push(Line {
        key: "investigation",
        label: Text::new("原因・被害範囲の調査", "Investigation of cause and extent"),
        low: 3_000_000,
        high: 4_000_000,
        basis: Text::new(
            "端末1台の調査の目安です。複数台の調査が必要になると数千万円に達することがあります。",
            "One device; investigating several devices can reach tens of millions of yen.",
        ),
    });

    // "A few million to tens of millions": one million to thirty million, the upper end rising
    // with the length of the stoppage (a long stoppage means a wide rebuild).
    let recovery_high = (10_000_000 + 500_000 * days).min(30_000_000);
    lines.push(Line {
        key: "recovery",
        label: Text::new("システム復旧・再発防止", "System recovery and prevention"),
        low: 1_000_000,
        high: recovery_high,
        basis: Text::new(
            "数百万円から数千万円とされる範囲を、停止日数に応じて上限1,000万円〜3,000万円で見積もっています。",
            "From one million; the upper end grows with the stoppage from ¥10M to at most ¥30M.",
        ),
    });

    // Lost sales: half of the revenue of the stopped days at the lower end (some orders wait),
    // all of it plus half again for the slow return after the restart at the upper end.
    let per_day = revenue / 365;
    lines.push(Line {
        key: "lost_sales",
        label: Text::new("売上の減少", "Lost sales"),
        low: round_down(per_day * days / 2),
        high: round_up(per_day * days * 3 / 2),
        basis: Text::new(
            "年商の1日分×停止日数を基に、下限はその半分、上限は再開後の回復期間を含めて1.5倍としています。",
            "One day of revenue × days stopped: half of it at the lower end, 1.5 times at the upper end to cover the slow return after restarting.",
        ),
    });

    let low = lines.iter().map(|l| l.low).sum();
    let high = lines.iter().map(|l| l.high).sum();
    Estimate {
        inputs: *inputs,
        lines,
        low,
        high,
    }
}

/// An amount in yen for people: `1億2,300万円`, `30万円`, `¥12,300,000`.
pub fn yen(v: u64, lang: Lang) -> String {
    match lang {
        Lang::En => format!("¥{}", grouped(v)),
        Lang::Ja => {
            if v == 0 {
                return "0円".into();
            }
            let oku = v / 100_000_000;
            let man = (v % 100_000_000) / MAN;
            let rest = v % MAN;
            let mut s = String::new();
            if oku > 0 {
                s.push_str(&format!("{}億", grouped(oku)));
            }
            if man > 0 {
                s.push_str(&format!("{}万", grouped(man)));
            }
            if rest > 0 {
                s.push_str(&grouped(rest));
            }
            s.push('円');
            s
        }
    }
}

/// Digits in groups of three: `1,200,000`.
pub fn grouped(v: u64) -> String {
    let digits = v.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// `low〜high` in the reader's language.
pub fn range(low: u64, high: u64, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("{}〜{}", yen(low, lang), yen(high, lang)),
        Lang::En => format!("{} – {}", yen(low, lang), yen(high, lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line<'a>(e: &'a Estimate, key: &str) -> &'a Line {
        e.lines.iter().find(|l| l.key == key).unwrap()
    }

    #[test]
    fn survey_figures_at_the_reference_size() {
        let e = estimate(&Inputs {
            records: 10_000,
            revenue_yen: 365_000_000,
            stoppage_days: 10,
        });
        assert_eq!(
            (line(&e, "legal").low, line(&e, "legal").high),
            (300_000, 1_000_000)
        );
        assert_eq!(
            (line(&e, "call_centre").low, line(&e, "call_centre").high),
            (7_000_000, 10_000_000)
        );
        assert_eq!(line(&e, "apology").high, 6_500_000);
        assert_eq!(
            (
                line(&e, "investigation").low,
                line(&e, "investigation").high
            ),
            (3_000_000, 4_000_000)
        );
        assert_eq!(line(&e, "recovery").high, 15_000_000);
        // ¥1M a day for 10 days: ¥5M – ¥15M.
        assert_eq!(
            (line(&e, "lost_sales").low, line(&e, "lost_sales").high),
            (5_000_000, 15_000_000)
        );
        assert_eq!(e.low, e.lines.iter().map(|l| l.low).sum::<u64>());
        assert!(e.lines.iter().all(|l| l.low <= l.high));
    }

    #[test]
    fn no_records_no_leak_costs_and_no_stoppage_no_lost_sales() {
        let e = estimate(&Inputs::default());
        assert_eq!(line(&e, "call_centre").high, 0);
        assert_eq!(line(&e, "apology").high, 0);
        assert_eq!(line(&e, "lost_sales").high, 0);
        assert_eq!(e.low, 300_000 + 3_000_000 + 1_000_000);
    }

    #[test]
    fn scales_grow_with_inputs_and_never_overflow() {
        let small = estimate(&Inputs {
            records: 500,
            revenue_yen: 100_000_000,
            stoppage_days: 3,
        });
        let big = estimate(&Inputs {
            records: 50_000,
            revenue_yen: 10_000_000_000,
            stoppage_days: 30,
        });
        assert!(big.low > small.low && big.high > small.high);
        assert_eq!(line(&small, "call_centre").low, 350_000);
        let max = estimate(&Inputs {
            records: u64::MAX,
            revenue_yen: u64::MAX,
            stoppage_days: u32::MAX,
        });
        assert!(max.high >= max.low);
        assert!(
            Inputs {
                records: u64::MAX,
                ..Inputs::default()
            }
            .check()
            .unwrap_err()
            .starts_with("records")
        );
    }

    #[test]
    fn amounts_as_people_write_them() {
        assert_eq!(parse_yen("12億"), Ok(1_200_000_000));
        assert_eq!(parse_yen("3.5億"), Ok(350_000_000));
        assert_eq!(parse_yen("3000万円"), Ok(30_000_000));
        assert_eq!(parse_yen("1,200,000,000"), Ok(1_200_000_000));
        assert!(parse_yen("12兆").is_err());
        assert!(parse_yen("-5").is_err());
        assert!(parse_yen("1.5").is_err());
        assert!(parse_yen("").is_err());
        assert!(parse_yen("99999999999999999999").is_err());
        assert_eq!(parse_count("20,000"), Ok(20_000));
        assert!(parse_count("2万").is_err());
    }

    #[test]
    fn yen_reads_naturally() {
        assert_eq!(yen(300_000, Lang::Ja), "30万円");
        assert_eq!(yen(123_000_000, Lang::Ja), "1億2,300万円");
        assert_eq!(yen(15_000, Lang::Ja), "1万5,000円");
        assert_eq!(yen(0, Lang::Ja), "0円");
        assert_eq!(yen(12_300_000, Lang::En), "¥12,300,000");
        assert_eq!(range(300_000, 1_000_000, Lang::Ja), "30万円〜100万円");
    }
}
