//! What the law asks after a personal-data leak (issue 16, incident kit; first part): whether a
//! leak must be reported to the Personal Information Protection Commission (PPC) and the people
//! told, and by when — under the Act on the Protection of Personal Information and its
//! Enforcement Rules (art. 7: the four grounds; art. 8: the preliminary and final reports).
//!
//! Deadlines are counted from the day the company learned of the leak. The final report's last
//! day is shown counting that day as day 1 (the 30th or 60th day), the earlier of the two ways
//! of counting, so the date shown is never late. Pure: dates in, dates out.

use crate::time::{civil, days_from_civil, parse_date};

/// What is known about a leak (or a possible one) of personal data.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LeakFacts {
    /// Sensitive personal information (要配慮個人情報: health, criminal record, beliefs …).
    pub sensitive: bool,
    /// Data whose misuse may cause financial harm (card numbers, internet-banking IDs).
    pub financial_harm: bool,
    /// Possibly done for a wrongful purpose (unauthorised access, theft by an insider).
    pub wrongful_purpose: bool,
    /// How many people's data.
    pub people: u64,
    /// Protected by strong encryption (or similar) so that it cannot be read: no duty then.
    pub strongly_encrypted: bool,
}

/// A ground that makes a leak reportable (Enforcement Rules art. 7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ground {
    Sensitive,
    FinancialHarm,
    WrongfulPurpose,
    OverThousand,
}

impl Ground {
    pub fn label(self, ja: bool) -> &'static str {
        match (self, ja) {
            (Ground::Sensitive, true) => "要配慮個人情報が含まれる",
            (Ground::FinancialHarm, true) => "不正に使われると財産的被害が生じるおそれがある",
            (Ground::WrongfulPurpose, true) => {
                "不正の目的によるおそれがある（不正アクセス、持ち出し等）"
            }
            (Ground::OverThousand, true) => "本人の数が 1,000 人を超える",
            (Ground::Sensitive, false) => "sensitive personal information",
            (Ground::FinancialHarm, false) => "misuse may cause financial harm",
            (Ground::WrongfulPurpose, false) => {
                "possibly a wrongful act (unauthorised access, theft)"
            }
            (Ground::OverThousand, false) => "more than 1,000 people",
        }
    }
}

/// The grounds that apply; empty: the leak need not be reported (it should still be recorded).
pub fn grounds(f: &LeakFacts) -> Vec<Ground> {
    if f.strongly_encrypted {
        return Vec::new();
    }
    let mut g = Vec::new();
    if f.sensitive {
        g.push(Ground::Sensitive);
    }
    if f.financial_harm {
        g.push(Ground::FinancialHarm);
    }
    if f.wrongful_purpose {
        g.push(Ground::WrongfulPurpose);
    }
    if f.people > 1000 {
        g.push(Ground::OverThousand);
    }
    g
}

/// One duty with its dates (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duty {
    pub code: &'static str,
    /// The earliest day the guidance has in mind (the preliminary report's "3 to 5 days").
    pub from: Option<String>,
    /// The last day.
    pub by: Option<String>,
    pub ja: String,
    pub en: String,
}

fn add_days(day: i64, n: i64) -> String {
    let (y, m, d, _, _, _) = civil((day + n) * 86_400);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The duties after learning of a leak on `known_on` (`YYYY-MM-DD`); `None` for a date that
/// does not exist, an empty list when nothing must be reported.
pub fn duties(f: &LeakFacts, known_on: &str) -> Option<Vec<Duty>> {
    let (y, m, d) = parse_date(known_on)?;
    let day = days_from_civil(y, m, d);
    let g = grounds(f);
    if g.is_empty() {
        return Some(Vec::new());
    }
    let final_days = if g.contains(&Ground::WrongfulPurpose) {
        60
    } else {
        30
    };
    Some(vec![
        Duty {
            code: "ppc_preliminary",
            from: Some(add_days(day, 3)),
            by: Some(add_days(day, 5)),
            ja: "個人情報保護委員会へ速報します（知った後すぐに。目安は 3〜5 日以内。その時点で分かっていることだけで構いません）。".into(),
            en: "Send the preliminary report to the PPC (promptly after learning of it; about 3 to 5 days; what is known so far is enough).".into(),
        },
        Duty {
            code: "ppc_final",
            from: None,
            by: Some(add_days(day, final_days - 1)),
            ja: format!("個人情報保護委員会へ確報します（知った日から {final_days} 日以内。知った日を 1 日目として数えた最終日です）。"),
            en: format!("Send the final report to the PPC (within {final_days} days of learning of it; the last day counting that day as day 1)."),
        },
        Duty {
            code: "notify_individuals",
            from: None,
            by: None,
            ja: "本人へ、状況に応じて速やかに通知します（連絡先が分からない場合は公表などの代わりの措置をとります）。".into(),
            en: "Tell the people concerned promptly, as the situation allows (if they cannot be reached, publish a notice or take another substitute measure).".into(),
        },
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by(d: &[Duty], code: &str) -> Option<String> {
        d.iter().find(|x| x.code == code).and_then(|x| x.by.clone())
    }

    #[test]
    fn which_leaks_are_reportable() {
        let none = LeakFacts {
            people: 1000,
            ..LeakFacts::default()
        };
        assert!(grounds(&none).is_empty(), "1,000 is not more than 1,000");
        let many = LeakFacts {
            people: 1001,
            ..LeakFacts::default()
        };
        assert_eq!(grounds(&many), vec![Ground::OverThousand]);
        let one = LeakFacts {
            people: 1,
            sensitive: true,
            ..LeakFacts::default()
        };
        assert_eq!(grounds(&one), vec![Ground::Sensitive]);
        let locked = LeakFacts {
            strongly_encrypted: true,
            ..one
        };
        assert!(grounds(&locked).is_empty());
        assert_eq!(duties(&none, "2026-12-03"), Some(Vec::new()));
        assert_eq!(duties(&one, "2026-02-30"), None);
    }

    #[test]
    fn deadlines_cross_month_and_year_ends() {
        let card = LeakFacts {
            people: 3,
            financial_harm: true,
            ..LeakFacts::default()
        };
        let d = duties(&card, "2026-12-20").unwrap();
        let pre = d.iter().find(|x| x.code == "ppc_preliminary").unwrap();
        assert_eq!(pre.from.as_deref(), Some("2026-12-23"));
        assert_eq!(pre.by.as_deref(), Some("2026-12-25"));
        // Day 1 is 12-20, so day 30 is 2027-01-18.
        assert_eq!(by(&d, "ppc_final").as_deref(), Some("2027-01-18"));
        // Unauthorised access: 60 days, through a leap February.
        let hack = LeakFacts {
            people: 10,
            wrongful_purpose: true,
            ..LeakFacts::default()
        };
        let d = duties(&hack, "2028-01-15").unwrap();
        assert_eq!(by(&d, "ppc_final").as_deref(), Some("2028-03-14"));
        assert!(d[1].ja.contains("60 日以内"));
    }
}
