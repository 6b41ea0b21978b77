//! The incident kit (issue 16): what a small company does when an incident happens, and what
//! the law asks after a personal-data leak. Pure: dates and times in, texts and dates out.
//!
//! - [`Kind`]: the incident types the kit has a guided first-24-hours checklist for
//!   ([`checklist`]: ordered steps grouped by the five [`Phase`]s of 6-1-1-1 — discovery and
//!   report, first response, investigation, recovery, final report) and a drill scenario
//!   ([`Kind::scenario`]) for tabletop exercises with management.
//! - [`Report`]: the incident's report form (what happened, systems, data, people, what we did,
//!   contact, the leak facts, a contractual notice period) — the facts the notices are drafted
//!   from ([`notice::draft`]) and the duties computed from ([`duties`], [`contract_due`]).
//! - Whether a personal-data leak must be reported to the Personal Information Protection
//!   Commission (PPC) and the people told, and by when — under the Act on the Protection of
//!   Personal Information and its Enforcement Rules (art. 7: the four grounds; art. 8: the
//!   preliminary and final reports).
//!
//! ## How the final report's 30 / 60 days are counted
//!
//! The Enforcement Rules art. 8(2) ask for the final report (確報) "within 30 days" (60 for a
//! leak possibly caused by a wrongful act) of learning of the situation; the PPC's general
//! guideline treats it in 通則編 3-5-3-4 (確報), the preliminary report in 3-5-3-3 (速報:
//! "promptly", about 3 to 5 days as a guide). What was checked (December 2026, in the stored copies the
//! project's search tool holds): the PPC's own page on leaks
//! (<https://www.ppc.go.jp/personalinfo/legal/leakAction/>) lists the four grounds and the
//! 60-day case without a counting rule; practitioners' summaries quoting 3-5-3-4 (e.g.
//! <https://www.businesslawyers.jp/practices/1433>, 弁護士法人三宅法律事務所: "発覚日から30日以内",
//! 60 for the wrongful-act ground) also state the period without saying whether the day of
//! learning counts. No primary text was found that settles the first day. The default rule for periods
//! in days is 民法 140 条 (初日不算入: the first day is not counted unless the period starts at
//! midnight), under which learning on 12-20 makes 2027-01-19 the last day of 30; counting the
//! day of learning as day 1 gives 2027-01-18. hoshi shows the earlier day — the 30th (60th)
//! day counting the day of learning as day 1 — and says so in the duty's text: a report sent
//! by that day is on time under either reading, and the company is never told a date that
//! might be one day late. The preliminary report's "about 3 to 5 days" is shown the same way:
//! the 3rd to the 5th day, the day of learning being day 1. Days are calendar days: a last day
//! on a weekend or holiday is not moved (nothing found says it would be, and moving it could
//! only make the date later).

use serde::{Deserialize, Serialize};

use crate::Lang;
use crate::time::{JST_OFFSET, civil, days_from_civil, parse_date};

mod checklist;
pub mod notice;

pub use checklist::{Step, checklist, step};

pub use crate::id::IncidentId;

/// The kinds of incident the kit has a checklist and a drill scenario for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Ransomware that came in through a VPN appliance (the most common way in for Japanese
    /// victims).
    RansomwareVpn,
    /// A payment requested in the president's name (business e-mail compromise).
    CeoFraud,
    /// A business partner or contractor had a breach that affects our information.
    SupplierBreach,
    /// A PC, phone or storage medium lost or stolen.
    LostDevice,
    /// Anything else: a general checklist.
    Other,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::RansomwareVpn,
        Kind::CeoFraud,
        Kind::SupplierBreach,
        Kind::LostDevice,
        Kind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::RansomwareVpn => "ransomware_vpn",
            Kind::CeoFraud => "ceo_fraud",
            Kind::SupplierBreach => "supplier_breach",
            Kind::LostDevice => "lost_device",
            Kind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Kind::RansomwareVpn, Lang::Ja) => "ランサムウェア（VPN 装置から侵入）",
            (Kind::CeoFraud, Lang::Ja) => "社長をかたる送金指示（ビジネスメール詐欺）",
            (Kind::SupplierBreach, Lang::Ja) => "取引先・委託先での情報漏えい",
            (Kind::LostDevice, Lang::Ja) => "PC・スマートフォン・記録媒体の紛失・盗難",
            (Kind::Other, Lang::Ja) => "その他のインシデント",
            (Kind::RansomwareVpn, Lang::En) => "Ransomware (in through a VPN device)",
            (Kind::CeoFraud, Lang::En) => "Payment request in the president's name (CEO fraud)",
            (Kind::SupplierBreach, Lang::En) => "Breach at a business partner or contractor",
            (Kind::LostDevice, Lang::En) => "Lost or stolen PC, phone or storage medium",
            (Kind::Other, Lang::En) => "Other incident",
        }
    }

    /// The situation read out at the start of a tabletop drill.
    pub fn scenario(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Kind::RansomwareVpn, Lang::Ja) => {
                "月曜日の朝 8 時半、出社した社員から「共有フォルダーのファイルが開けず、見慣れない英語の文書が置かれている」と電話がありました。VPN 装置のログには、週末の深夜に見覚えのない接続が残っています。"
            }
            (Kind::CeoFraud, Lang::Ja) => {
                "社長の名前を名乗るフリーメールのアドレスから経理担当者へ「極秘の案件なので LINE グループを作って QR コードを送ってほしい。今日中に振込が必要だ」と届きました。担当者は、指示どおりにすでに 1 件振り込んだと言っています。"
            }
            (Kind::SupplierBreach, Lang::Ja) => {
                "図面の加工を委託している取引先から「当社のサーバーがランサムウェアに感染し、お預かりしているデータが外部に出た可能性がある」と電話がありました。詳しいことはまだ分からないそうです。"
            }
            (Kind::LostDevice, Lang::Ja) => {
                "営業担当者が、帰りの電車にノート PC を置き忘れたと連絡してきました。顧客名簿と見積書が入っています。ディスクを暗号化していたかどうかは、本人にも分かりません。"
            }
            (Kind::Other, Lang::Ja) => {
                "いつもと違うことが起きた、という報告が入りました。何が起きているのか、誰に知らせるのかを確かめながら進めてください。"
            }
            (Kind::RansomwareVpn, Lang::En) => {
                "Monday, 8:30. A member of staff calls: files on the shared drive will not open and an unfamiliar English text file has appeared next to them. The VPN device's log shows connections nobody recognises, late on Saturday night."
            }
            (Kind::CeoFraud, Lang::En) => {
                "A free-mail address using the president's name writes to the accounting clerk: a confidential deal, please open a LINE group and send its QR code, a transfer is needed today. The clerk says one transfer has already been made as instructed."
            }
            (Kind::SupplierBreach, Lang::En) => {
                "The contractor who machines parts from our drawings calls: their server was hit by ransomware and the data we gave them may have been taken. They do not know more yet."
            }
            (Kind::LostDevice, Lang::En) => {
                "A salesperson reports leaving a laptop on the train home. It holds the customer list and quotations. They do not know whether its disk was encrypted."
            }
            (Kind::Other, Lang::En) => {
                "Someone reports that something unusual is happening. Work out what is going on and whom to tell as you go."
            }
        }
    }
}

/// The five phases an incident procedure covers (SCS 6-1-1-1), in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Phase {
    Discovery,
    Containment,
    Investigation,
    Recovery,
    FinalReport,
}

impl Phase {
    pub const ALL: [Phase; 5] = [
        Phase::Discovery,
        Phase::Containment,
        Phase::Investigation,
        Phase::Recovery,
        Phase::FinalReport,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Phase::Discovery => "discovery",
            Phase::Containment => "containment",
            Phase::Investigation => "investigation",
            Phase::Recovery => "recovery",
            Phase::FinalReport => "final_report",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Phase::Discovery, Lang::Ja) => "① 発見と報告",
            (Phase::Containment, Lang::Ja) => "② 初動対応",
            (Phase::Investigation, Lang::Ja) => "③ 調査と対処",
            (Phase::Recovery, Lang::Ja) => "④ 復旧",
            (Phase::FinalReport, Lang::Ja) => "⑤ 最終報告",
            (Phase::Discovery, Lang::En) => "1. Discovery and report",
            (Phase::Containment, Lang::En) => "2. First response",
            (Phase::Investigation, Lang::En) => "3. Investigation",
            (Phase::Recovery, Lang::En) => "4. Recovery",
            (Phase::FinalReport, Lang::En) => "5. Final report",
        }
    }
}

/// The report form of an incident: the facts known so far, as the people handling it typed
/// them. Every field may be empty while the facts are unknown; the notices then show a
/// placeholder to fill in. Kept as JSON with the incident (unknown fields are ignored, missing
/// ones empty, so older records still read).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Report {
    /// What happened, in a few sentences.
    pub what_happened: String,
    /// The systems, devices and accounts affected.
    pub systems: String,
    /// The information involved (items such as names, addresses, card numbers, drawings).
    pub data: String,
    /// How many people's personal data is involved, when known.
    pub people: Option<u64>,
    /// What has been done so far.
    pub actions: String,
    /// Whom the recipients of a notice contact (a desk, a phone number, an address).
    pub contact: String,
    /// Personal data is (or may be) involved: the PPC duties are looked at.
    pub personal_data: bool,
    pub sensitive: bool,
    pub financial_harm: bool,
    pub wrongful_purpose: bool,
    pub strongly_encrypted: bool,
    /// A contract asks the company to tell its customer within this many hours of learning of
    /// an incident (optional; set per incident, since contracts differ).
    pub contract_hours: Option<u32>,
    /// A drill's participants (names and roles), recorded when it ends.
    pub participants: String,
}

impl Report {
    /// The leak facts, when personal data is involved.
    pub fn leak_facts(&self) -> Option<LeakFacts> {
        self.personal_data.then_some(LeakFacts {
            sensitive: self.sensitive,
            financial_harm: self.financial_harm,
            wrongful_purpose: self.wrongful_purpose,
            people: self.people.unwrap_or(0),
            strongly_encrypted: self.strongly_encrypted,
        })
    }
}

/// The moment a contract's "tell us within `hours` hours" ends, for an incident learned of at
/// `known_at` (Unix seconds).
pub fn contract_due(known_at: i64, hours: u32) -> i64 {
    known_at + i64::from(hours) * 3600
}

/// A moment typed in Japan time as `YYYY-MM-DDTHH:MM` (an HTML `datetime-local` field; seconds
/// allowed), as Unix seconds; `None` for anything else or a date that does not exist.
pub fn parse_jst_minutes(s: &str) -> Option<i64> {
    let s = s.trim();
    let (date, time) = s.split_once('T').or_else(|| s.split_once(' '))?;
    let (y, m, d) = parse_date(date)?;
    let mut parts = time.split(':');
    let h: i64 = two_digits(parts.next()?)?;
    let mi: i64 = two_digits(parts.next()?)?;
    let sec: i64 = match parts.next() {
        Some(x) => two_digits(x)?,
        None => 0,
    };
    if parts.next().is_some() || h > 23 || mi > 59 || sec > 59 {
        return None;
    }
    Some(days_from_civil(y, m, d) * 86_400 + h * 3600 + mi * 60 + sec - JST_OFFSET)
}

fn two_digits(s: &str) -> Option<i64> {
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// The `datetime-local` value (`YYYY-MM-DDTHH:MM`) of a moment in Japan time.
pub fn jst_minutes_value(secs: i64) -> String {
    let (y, m, d, h, mi, _) = civil(secs + JST_OFFSET);
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}")
}

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
            // The 3rd to the 5th day, the day of learning being day 1 (as for the final report).
            from: Some(add_days(day, 2)),
            by: Some(add_days(day, 4)),
            ja: "個人情報保護委員会へ速報します（知った後すぐに。目安は 3〜5 日以内。その時点で分かっていることだけで構いません）。".into(),
            en: "Send the preliminary report to the PPC (promptly after learning of it; about 3 to 5 days; what is known so far is enough).".into(),
        },
        Duty {
            code: "ppc_final",
            from: None,
            by: Some(add_days(day, final_days - 1)),
            ja: format!("個人情報保護委員会へ確報します（知った日から {final_days} 日以内。表示の日付は知った日を 1 日目として数えた最終日で、翌日から数える場合より 1 日早く、どちらの数え方でも間に合う日です）。"),
            en: format!("Send the final report to the PPC (within {final_days} days of learning of it; the date shown counts that day as day 1, one day earlier than counting from the next day, so it is on time either way)."),
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
    fn the_final_report_date_is_the_earlier_reading_of_the_period() {
        let f = LeakFacts {
            people: 2000,
            ..LeakFacts::default()
        };
        // Learned on 12-20: counting that day as day 1 the 30th day is 01-18; counting from the
        // next day (民法 140 条) it would be 01-19. The earlier one is shown.
        let d = duties(&f, "2026-12-20").unwrap();
        assert_eq!(by(&d, "ppc_final").as_deref(), Some("2027-01-18"));
        assert!(d[1].ja.contains("1 日早く"), "{}", d[1].ja);
        // Learned on the first of a month: the 30th day is the 30th.
        let d = duties(&f, "2026-04-01").unwrap();
        assert_eq!(by(&d, "ppc_final").as_deref(), Some("2026-04-30"));
    }

    #[test]
    fn times_typed_in_japan_time_and_the_contract_period() {
        // 2026-12-03 10:00 JST is 01:00 UTC.
        let t = parse_jst_minutes("2026-12-03T10:00").unwrap();
        assert_eq!(crate::time::rfc3339(t), "2026-12-03T01:00:00Z");
        assert_eq!(parse_jst_minutes("2026-12-03 10:00:30"), Some(t + 30));
        assert_eq!(jst_minutes_value(t), "2026-12-03T10:00");
        for bad in [
            "",
            "2026-12-03",
            "2026-12-03T24:00",
            "2026-02-30T09:00",
            "2026-12-03T9:00",
            "2026-12-03T10:00:00:00",
            "２０２６-12-03T10:00",
        ] {
            assert_eq!(parse_jst_minutes(bad), None, "{bad}");
        }
        // 24 hours after 23:30 on the last day of the year.
        let k = parse_jst_minutes("2026-12-31T23:30").unwrap();
        assert_eq!(
            crate::time::minutes_jst(contract_due(k, 24)),
            "2027-01-01 23:30 JST"
        );
    }

    #[test]
    fn the_report_gives_leak_facts_only_for_personal_data() {
        let r = Report {
            people: Some(5),
            sensitive: true,
            ..Report::default()
        };
        assert_eq!(r.leak_facts(), None, "no personal data ticked");
        let r = Report {
            personal_data: true,
            ..r
        };
        assert_eq!(grounds(&r.leak_facts().unwrap()), vec![Ground::Sensitive]);
        assert_eq!(Kind::parse("ceo_fraud"), Some(Kind::CeoFraud));
        assert_eq!(Kind::parse("CEO_FRAUD"), None);
        assert!(Kind::ALL.iter().all(|k| Kind::parse(k.code()) == Some(*k)));
        assert!(IncidentId::parse("0123456789abcdef0123456789abcdef").is_some());
        assert!(IncidentId::parse("0123456789ABCDEF0123456789abcdef").is_none());
        assert!(IncidentId::parse("0123").is_none());
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
        // The 3rd to the 5th day, 12-20 being day 1.
        assert_eq!(pre.from.as_deref(), Some("2026-12-22"));
        assert_eq!(pre.by.as_deref(), Some("2026-12-24"));
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
