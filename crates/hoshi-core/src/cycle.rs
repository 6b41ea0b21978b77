//! The yearly cycle (issue 16, part 3): the checks ★3 asks a company to repeat, as recurring
//! tasks. Pure: dates come in as `YYYY-MM-DD` text (Japan's date, chosen by the caller) and go
//! out the same way.
//!
//! Decisions:
//! - **Which criteria.** Every ★3 criterion whose wording asks for something at least once a year
//!   (1-2-1-3, 2-1-1-2, 3-1-1-4, 3-1-4-2, 4-2-2-1, 4-2-2-3, 6-1-1-4, 6-1-1-6), plus the two that
//!   ask for unused IDs to be removed (4-1-1-3, 4-1-2-6): "unused for a certain period" can only be
//!   noticed by looking at the accounts regularly, so they get a quarterly review. Everything
//!   else in ★3 is a one-time set-up or an event-driven rule and is not a recurring task.
//! - **The next due date runs from the day a check was done**, not from the previous due date:
//!   "at least once a year" is about the gap between two checks, so a check done late does not
//!   leave the next one due in a few weeks, and one done early does not stretch the gap.
//! - **Month arithmetic clamps to the month's end**: a check on 31 March with a one-month
//!   interval is next due on 30 April; 29 February plus a year is 28 February.
//! - **An overdue check lowers the suggestion, never the answer.** "Met" becomes "partially met"
//!   (the arrangement exists, but its yearly check is not current); other statuses stay as they
//!   are — a not-met criterion is not made worse, and a partial one is already partial.
//! - **Reminders**: one "coming due" reminder [`REMIND_DAYS`] days before the due date and one
//!   when it has passed; the store claims each once per task and due date.

use crate::Lang;
use crate::assessment::Status;
use crate::time::{civil, days_from_civil, parse_date};

/// Days before the due date from which a task is "coming due" (highlighted, reminded).
pub const REMIND_DAYS: i64 = 14;

/// The intervals a task may have, in months.
pub const INTERVALS: [u32; 6] = [1, 3, 6, 12, 24, 36];

/// Limits of the text fields.
pub const TITLE_MAX: usize = 200;
pub const TEXT_MAX: usize = 5000;
pub const NAME_MAX: usize = 100;
/// Attendees of one session (members and other names together).
pub const ATTENDEES_MAX: usize = 1000;

/// A check the criteria ask for, as hoshi proposes it (in the project's own words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    /// The criterion the check keeps current (its answer is what an overdue check lowers).
    pub criterion: &'static str,
    pub title: (&'static str, &'static str),
    /// What to look at, as a short checklist.
    pub look_at: (&'static str, &'static str),
    pub months: u32,
}

impl Template {
    pub fn title(&self, lang: Lang) -> &'static str {
        pick(lang, self.title)
    }

    pub fn look_at(&self, lang: Lang) -> &'static str {
        pick(lang, self.look_at)
    }
}

fn pick(lang: Lang, (ja, en): (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

pub use crate::id::{SessionId, TaskId};

/// The recurring checks of ★3, in catalog order.
pub const TEMPLATES: [Template; 10] = [
    Template {
        criterion: "1-2-1-3",
        title: (
            "セキュリティ推進体制の年次点検",
            "Yearly review of the security roles",
        ),
        look_at: (
            "担当役員と担当部署の役割・責任が現状と合っているか、異動や退職で空席になった役割がないかを確認します。連絡先リストの電話番号・メールアドレスが今も通じるかを確かめ、変更があれば更新します。",
            "Check that the responsible officer's and department's roles still match reality and that no role was left empty by transfers or departures. Make sure the phone numbers and addresses in the contact list still work, and update what changed.",
        ),
        months: 12,
    },
    Template {
        criterion: "2-1-1-2",
        title: (
            "取引先との関係・接続先の年次点検",
            "Yearly review of partners and connections",
        ),
        look_at: (
            "取引先ごとの業務上の関係と、相手のシステムへの接続（VPN、共有フォルダー、EDI、クラウド）の一覧を見直します。取引が終わった相手の接続やアカウントが残っていないか、新しい取引先が漏れていないかを確認します。",
            "Go through the list of partners, what you do with each, and every connection to their systems (VPN, shared folders, EDI, cloud). Look for connections or accounts left from partners you no longer work with, and for new partners missing from the list.",
        ),
        months: 12,
    },
    Template {
        criterion: "3-1-1-4",
        title: (
            "機器・ソフトウェア管理ルールの遵守状況の点検",
            "Yearly check that the device rules are followed",
        ),
        look_at: (
            "資産台帳と実際の機器を突き合わせ、導入・設置・ネットワーク接続・パッチ適用のルールどおりに管理されているかを確認します。台帳にない機器、サポートが終了した OS やソフトウェア、更新が止まっている機器を洗い出します。",
            "Compare the asset register with the devices actually in use and check that installation, placement, network connection and patching follow your rules. List devices missing from the register, operating systems or software past their support end, and devices no longer updated.",
        ),
        months: 12,
    },
    Template {
        criterion: "3-1-4-2",
        title: (
            "情報の管理ルールの年次見直し",
            "Yearly review of the information handling rules",
        ),
        look_at: (
            "機密区分ごとの取扱いルール（保管場所、持ち出し、共有、廃棄）が今の業務や使っているサービスに合っているかを見直します。新しく扱い始めた重要情報が区分されているか、ルールの改定が必要かを判断します。",
            "Review whether the handling rules per classification (where it is kept, taking it out, sharing, disposal) still fit your work and the services you use. Decide whether newly handled important information has a classification and whether the rules need revising.",
        ),
        months: 12,
    },
    Template {
        criterion: "4-1-1-3",
        title: ("不要なユーザIDの棚卸し", "Review of unneeded user IDs"),
        look_at: (
            "退職者・異動者のユーザIDと、しばらく使われていないユーザIDが残っていないかを、人事の異動情報や最終サインイン日と突き合わせて確認します。不要なものは削除または無効化し、その件数を記録します。",
            "Compare user IDs with the staff changes from HR and with last sign-in dates to find IDs of people who left or moved and IDs that have not been used for a while. Delete or disable those no longer needed and record how many.",
        ),
        months: 3,
    },
    Template {
        criterion: "4-1-2-6",
        title: (
            "不要な管理者IDの棚卸し",
            "Review of unneeded administrator IDs",
        ),
        look_at: (
            "サーバー、ネットワーク機器、クラウドサービスの管理者IDを一覧にし、担当を外れた人のIDや使われていないIDが残っていないかを確認します。不要なものは削除または無効化します。",
            "List the administrator IDs of servers, network devices and cloud services and look for IDs of people no longer in charge and IDs that are not used. Delete or disable those no longer needed.",
        ),
        months: 3,
    },
    Template {
        criterion: "4-2-2-1",
        title: (
            "インシデント対応の教育・訓練の実施",
            "Incident response training",
        ),
        look_at: (
            "役員・従業員・派遣社員・受入出向者の全員を対象に、インシデントが起きたときの報告先と最初の行動を教育します。資料の配布に加え、集合教育か e ラーニングで行い、研修の記録（日付・内容・出席者）を残します。",
            "Train everyone — officers, employees, agency staff and seconded staff — on whom to tell and what to do first when an incident happens. Besides handing out material, hold a session or e-learning, and record date, content and attendees.",
        ),
        months: 12,
    },
    Template {
        criterion: "4-2-2-3",
        title: (
            "教育・訓練の内容の年次点検",
            "Yearly review of the training content",
        ),
        look_at: (
            "昨年度の教育・訓練の内容と受講状況を振り返り、最近の攻撃の手口（ランサムウェア、なりすましメールなど）や社内の体制変更が反映されているかを確認します。受講していない人への対応と、次回の改善点を決めます。",
            "Look back at last year's training and who attended, and check that it reflects recent attacks (ransomware, impersonation mails) and changes in your own organisation. Decide how to reach those who missed it and what to improve next time.",
        ),
        months: 12,
    },
    Template {
        criterion: "6-1-1-4",
        title: (
            "インシデント対応体制の年次点検",
            "Yearly review of the incident response set-up",
        ),
        look_at: (
            "インシデント発生時の役割分担と連絡体制が現状と合っているかを確認します。担当者の異動、外部の連絡先（保守業者、保険会社、警察、IPA など）の変更がないかを確かめ、手順書と連絡先を更新します。",
            "Check that the roles and the chain of contacts for an incident match the current organisation. Look for staff changes and changed outside contacts (maintenance vendors, insurer, police, IPA), and update the procedure and the contact list.",
        ),
        months: 12,
    },
    Template {
        criterion: "6-1-1-6",
        title: (
            "インシデント事例と対策の社内共有",
            "Sharing incident cases and measures internally",
        ),
        look_at: (
            "この一年に社内外で起きた重大なインシデントの事例と、自社で取った・取るべき対策をまとめ、各部署に共有します。共有した日付、方法（会議、社内掲示、メール）と対象の部署を記録します。",
            "Summarise serious incidents of the past year, inside or outside the company, with the measures you took or should take, and share them with every department. Record the date, how it was shared (meeting, notice board, mail) and which departments.",
        ),
        months: 12,
    },
];

/// The template for `criterion`, if ★3 asks for a recurring check there.
pub fn template(criterion: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.criterion == criterion)
}

/// The criteria whose records a training session is evidence for.
pub const TRAINING_CRITERIA: [&str; 2] = ["4-2-2-1", "4-2-2-2"];

/// `date` plus `months`, the day clamped to the end of the target month (31 January + 1 month =
/// 28 or 29 February). `None` for a date that does not exist.
pub fn add_months(date: &str, months: u32) -> Option<String> {
    let (y, m, d) = parse_date(date)?;
    let total = y * 12 + (m - 1) + i64::from(months);
    let (ny, nm) = (total.div_euclid(12), total.rem_euclid(12) + 1);
    let last = days_in_month(ny, nm);
    Some(format!("{ny:04}-{nm:02}-{:02}", d.min(last)))
}

fn days_in_month(y: i64, m: i64) -> i64 {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    days_from_civil(ny, nm, 1) - days_from_civil(y, m, 1)
}

/// The next due date after a check done on `checked_on` (see the module's decisions).
pub fn next_due(checked_on: &str, months: u32) -> Option<String> {
    add_months(checked_on, months)
}

/// Days from `today` to `date` (negative when past); `None` when either is not a date.
pub fn days_between(today: &str, date: &str) -> Option<i64> {
    let (y, m, d) = parse_date(today)?;
    let (y2, m2, d2) = parse_date(date)?;
    Some(days_from_civil(y2, m2, d2) - days_from_civil(y, m, d))
}

/// `date` plus `days`.
pub fn add_days(date: &str, days: i64) -> Option<String> {
    let (y, m, d) = parse_date(date)?;
    let (y2, m2, d2, ..) = civil((days_from_civil(y, m, d) + days) * 86_400);
    Some(format!("{y2:04}-{m2:02}-{d2:02}"))
}

/// Where a task stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Due {
    /// Past its due date (the due date itself is still "coming due": the check may be done that
    /// day).
    Overdue,
    /// Within [`REMIND_DAYS`] days of its due date.
    Soon,
    Later,
}

impl Due {
    pub fn id(self) -> &'static str {
        match self {
            Due::Overdue => "overdue",
            Due::Soon => "soon",
            Due::Later => "later",
        }
    }
}

/// Where a task due on `due` stands on `today`. A malformed date counts as overdue, so that it
/// is noticed rather than forgotten.
pub fn due_state(due: &str, today: &str) -> Due {
    match days_between(today, due) {
        Some(d) if d < 0 => Due::Overdue,
        Some(d) if d <= REMIND_DAYS => Due::Soon,
        Some(_) => Due::Later,
        None => Due::Overdue,
    }
}

/// The status hoshi suggests for a criterion answered `status` while one of its checks is
/// overdue (see the module's decisions).
pub fn lowered(status: Status) -> Status {
    match status {
        Status::Met => Status::Partial,
        other => other,
    }
}

/// Why the suggestion is lowered, for a check that was due on `due`.
pub fn lowered_reason(lang: Lang, title: &str, due: &str) -> String {
    match lang {
        Lang::Ja => format!(
            "定期的な確認「{title}」の期限（{due}）を過ぎています。確認を記録するまで、この基準は「一部実施」が目安です。"
        ),
        Lang::En => format!(
            "The recurring check \"{title}\" was due on {due}. Until the check is recorded, \"partially met\" is the suggested status."
        ),
    }
}

/// The result of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Looked at and found as it should be.
    Ok,
    /// Looked at; something must be fixed (written in the note).
    Findings,
}

impl Outcome {
    pub fn id(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Findings => "findings",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        match s {
            "ok" => Some(Outcome::Ok),
            "findings" => Some(Outcome::Findings),
            _ => None,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Outcome::Ok => pick(lang, ("問題なし", "No findings")),
            Outcome::Findings => pick(lang, ("指摘あり（対応が必要）", "Findings to act on")),
        }
    }
}

/// A problem with what was typed into a cycle form: the field and the message in both
/// languages. (The forms' own rules; the store refuses the same input as a bad request.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Empty or only spaces.
    Required {
        field: &'static str,
    },
    TooLong {
        field: &'static str,
        max: usize,
    },
    /// Not a real day written `YYYY-MM-DD`.
    Date {
        field: &'static str,
    },
    /// A check or session recorded for a day that has not come yet.
    Future {
        field: &'static str,
    },
    /// Not one of [`INTERVALS`].
    Interval,
    /// Not a criterion id like `1-2-1-3`.
    Criterion,
    /// Minutes of a session out of 1–1440.
    Minutes,
    /// A session without anybody attending.
    NoAttendees,
    TooManyAttendees,
}

impl Problem {
    /// The form field the message belongs beside.
    pub fn field(&self) -> &'static str {
        match self {
            Problem::Required { field }
            | Problem::TooLong { field, .. }
            | Problem::Date { field }
            | Problem::Future { field } => field,
            Problem::Interval => "interval",
            Problem::Criterion => "criterion",
            Problem::Minutes => "minutes",
            Problem::NoAttendees | Problem::TooManyAttendees => "attendees",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let ja = matches!(lang, Lang::Ja);
        match self {
            Problem::Required { field } => match (*field, ja) {
                ("title", true) => "名前を入力してください。".into(),
                ("title", false) => "Please give it a name.".into(),
                ("looked_at", true) => "確認した内容（見た資料や対象）を入力してください。".into(),
                ("looked_at", false) => "Say what was looked at.".into(),
                ("outcome", true) => "結果を選んでください。".into(),
                ("outcome", false) => "Choose the result.".into(),
                ("note", true) => {
                    "指摘ありのときは、見つかったことと対応をメモに書いてください。".into()
                }
                ("note", false) => {
                    "With findings, note what was found and what will be done.".into()
                }
                (_, true) => "入力してください。".into(),
                (_, false) => "Please fill this in.".into(),
            },
            Problem::TooLong { max, .. } if ja => format!("{max}文字以内で入力してください。"),
            Problem::TooLong { max, .. } => format!("Please keep this within {max} characters."),
            Problem::Date { .. } if ja => {
                "日付は YYYY-MM-DD の形式で、実在する日を入力してください。".into()
            }
            Problem::Date { .. } => "Enter a real day written YYYY-MM-DD.".into(),
            Problem::Future { .. } if ja => {
                "まだ来ていない日付です。実際に行った日を入力してください。".into()
            }
            Problem::Future { .. } => {
                "That day has not come yet; enter the day it was actually done.".into()
            }
            Problem::Interval if ja => "間隔は一覧から選んでください。".into(),
            Problem::Interval => "Choose an interval from the list.".into(),
            Problem::Criterion if ja => "評価基準は一覧から選んでください。".into(),
            Problem::Criterion => "Choose a criterion from the list.".into(),
            Problem::Minutes if ja => "時間は1〜1440分で入力してください。".into(),
            Problem::Minutes => "Enter the length as 1 to 1440 minutes.".into(),
            Problem::NoAttendees if ja => "出席者を1人以上選ぶか、名前を入力してください。".into(),
            Problem::NoAttendees => "Tick at least one member or type a name.".into(),
            Problem::TooManyAttendees if ja => {
                format!("出席者は{ATTENDEES_MAX}人までです。")
            }
            Problem::TooManyAttendees => {
                format!("A session records at most {ATTENDEES_MAX} attendees.")
            }
        }
    }
}

fn text(field: &'static str, v: &str, max: usize, required: bool, out: &mut Vec<Problem>) {
    if required && v.trim().is_empty() {
        out.push(Problem::Required { field });
    } else if v.chars().count() > max {
        out.push(Problem::TooLong { field, max });
    }
}

fn past_date(field: &'static str, v: &str, today: &str, out: &mut Vec<Problem>) {
    match days_between(today, v.trim()) {
        None => out.push(Problem::Date { field }),
        Some(d) if d > 0 => out.push(Problem::Future { field }),
        Some(_) => {}
    }
}

/// Whether `s` looks like a criterion id (`1-2-1-3`).
pub fn is_criterion_id(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

/// A task as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskInput {
    /// The criterion it keeps current (empty: none).
    pub criterion: String,
    pub title: String,
    pub look_at: String,
    pub interval_months: u32,
    pub next_due: String,
}

impl TaskInput {
    /// Every problem with the task, in field order.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        if !self.criterion.is_empty() && !is_criterion_id(&self.criterion) {
            out.push(Problem::Criterion);
        }
        text("title", &self.title, TITLE_MAX, true, &mut out);
        text("look_at", &self.look_at, TEXT_MAX, false, &mut out);
        if !INTERVALS.contains(&self.interval_months) {
            out.push(Problem::Interval);
        }
        if parse_date(self.next_due.trim()).is_none() {
            out.push(Problem::Date { field: "next_due" });
        }
        out
    }
}

/// A check as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckInput {
    pub checked_on: String,
    pub looked_at: String,
    pub outcome: Option<Outcome>,
    pub note: String,
}

impl CheckInput {
    /// Every problem with the check, given today's date: it must have been done by today, say
    /// what was looked at, and findings need a note saying what they were.
    pub fn problems(&self, today: &str) -> Vec<Problem> {
        let mut out = Vec::new();
        past_date("checked_on", &self.checked_on, today, &mut out);
        text("looked_at", &self.looked_at, TEXT_MAX, true, &mut out);
        match self.outcome {
            None => out.push(Problem::Required { field: "outcome" }),
            Some(Outcome::Findings) => text("note", &self.note, TEXT_MAX, true, &mut out),
            Some(Outcome::Ok) => text("note", &self.note, TEXT_MAX, false, &mut out),
        }
        out
    }
}

/// A training session as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionInput {
    pub held_on: String,
    pub title: String,
    pub topic: String,
    pub trainer: String,
    pub minutes: String,
    /// Members who attended (user ids; the caller checks they are members).
    pub members: Vec<String>,
    /// Others who attended (agency staff, seconded staff), one name each.
    pub others: Vec<String>,
}

impl SessionInput {
    /// Every problem with the session, given today's date.
    pub fn problems(&self, today: &str) -> Vec<Problem> {
        let mut out = Vec::new();
        past_date("held_on", &self.held_on, today, &mut out);
        text("title", &self.title, TITLE_MAX, true, &mut out);
        text("topic", &self.topic, TEXT_MAX, false, &mut out);
        text("trainer", &self.trainer, NAME_MAX, false, &mut out);
        if self.minutes().is_none() {
            out.push(Problem::Minutes);
        }
        if self.others.iter().any(|n| n.chars().count() > NAME_MAX) {
            out.push(Problem::TooLong {
                field: "attendees",
                max: NAME_MAX,
            });
        }
        let n = self.members.len() + self.others.len();
        if n == 0 {
            out.push(Problem::NoAttendees);
        } else if n > ATTENDEES_MAX {
            out.push(Problem::TooManyAttendees);
        }
        out
    }

    /// The length in minutes, when it is 1–1440.
    pub fn minutes(&self) -> Option<i64> {
        let m: i64 = self.minutes.trim().parse().ok()?;
        (1..=1440).contains(&m).then_some(m)
    }
}

/// Names typed one per line (or separated by commas or the Japanese comma), trimmed, without
/// empty ones and repeats.
pub fn split_names(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in text.split(['\n', ',', '、', '，']) {
        let n = n.trim();
        if !n.is_empty() && !out.iter().any(|o| o == n) {
            out.push(n.to_string());
        }
    }
    out
}

/// The months of the year a calendar shows, from `today`'s month: (year, month).
pub fn twelve_months(today: &str) -> Vec<(i64, i64)> {
    let Some((y, m, _)) = parse_date(today) else {
        return Vec::new();
    };
    (0..12)
        .map(|i| {
            let t = y * 12 + (m - 1) + i;
            (t.div_euclid(12), t.rem_euclid(12) + 1)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_clamp_to_the_end_of_the_month() {
        assert_eq!(add_months("2026-01-31", 1).unwrap(), "2026-02-28");
        assert_eq!(add_months("2028-01-31", 1).unwrap(), "2028-02-29");
        assert_eq!(add_months("2026-03-31", 1).unwrap(), "2026-04-30");
        assert_eq!(add_months("2028-02-29", 12).unwrap(), "2029-02-28");
        assert_eq!(add_months("2028-02-29", 48).unwrap(), "2032-02-29");
        assert_eq!(add_months("2026-11-15", 3).unwrap(), "2027-02-15");
        assert_eq!(add_months("2026-12-01", 12).unwrap(), "2027-12-01");
        assert_eq!(add_months("2026-12-31", 36).unwrap(), "2029-12-31");
        assert_eq!(add_months("2026-02-30", 1), None);
        assert_eq!(next_due("2026-04-10", 12).unwrap(), "2027-04-10");
    }

    #[test]
    fn due_states_around_the_window() {
        let due = "2026-06-30";
        assert_eq!(due_state(due, "2026-06-01"), Due::Later);
        assert_eq!(due_state(due, "2026-06-15"), Due::Later);
        assert_eq!(due_state(due, "2026-06-16"), Due::Soon);
        assert_eq!(due_state(due, "2026-06-30"), Due::Soon);
        assert_eq!(due_state(due, "2026-07-01"), Due::Overdue);
        assert_eq!(due_state("garbage", "2026-07-01"), Due::Overdue);
        assert_eq!(days_between("2027-12-31", "2028-03-01"), Some(61));
        assert_eq!(add_days("2028-02-28", 1).unwrap(), "2028-02-29");
        assert_eq!(add_days("2026-01-01", -1).unwrap(), "2025-12-31");
    }

    #[test]
    fn an_overdue_check_lowers_only_met() {
        assert_eq!(lowered(Status::Met), Status::Partial);
        for s in [
            Status::Partial,
            Status::NotMet,
            Status::NotApplicable,
            Status::Unanswered,
        ] {
            assert_eq!(lowered(s), s);
        }
        let why = lowered_reason(Lang::Ja, "体制の点検", "2026-04-01");
        assert!(why.contains("2026-04-01") && why.contains("一部実施"));
        assert!(lowered_reason(Lang::En, "x", "2026-04-01").contains("partially met"));
    }

    #[test]
    fn templates_name_real_criteria_once_with_both_languages() {
        let mut seen = Vec::new();
        for t in &TEMPLATES {
            assert!(is_criterion_id(t.criterion), "{}", t.criterion);
            assert!(!seen.contains(&t.criterion), "{} twice", t.criterion);
            seen.push(t.criterion);
            assert!(INTERVALS.contains(&t.months));
            for (ja, en) in [t.title, t.look_at] {
                assert!(!ja.is_empty() && !en.is_empty());
                assert!(ja.chars().any(|c| c > '\u{3000}'), "{ja}");
                assert!(en.is_ascii() || en.contains('—'), "{en}");
            }
            // Japanese in the polite form, as every text of hoshi.
            assert!(t.look_at.0.ends_with("ます。"), "{}", t.look_at.0);
            let input = TaskInput {
                criterion: t.criterion.into(),
                title: t.title.0.into(),
                look_at: t.look_at.0.into(),
                interval_months: t.months,
                next_due: "2026-12-01".into(),
            };
            assert_eq!(input.problems(), vec![]);
        }
        assert_eq!(template("6-1-1-4").unwrap().months, 12);
        assert!(template("4-3-4-1").is_none());
    }

    #[test]
    fn task_problems_name_their_fields() {
        let bad = TaskInput {
            criterion: "1-2-x".into(),
            title: "  ".into(),
            look_at: "あ".repeat(TEXT_MAX + 1),
            interval_months: 7,
            next_due: "2026-02-30".into(),
        };
        let fields: Vec<&str> = bad.problems().iter().map(Problem::field).collect();
        assert_eq!(
            fields,
            ["criterion", "title", "look_at", "interval", "next_due"]
        );
        for p in bad.problems() {
            assert!(!p.message(Lang::Ja).is_empty());
            assert!(p.message(Lang::En).is_ascii());
        }
    }

    #[test]
    fn checks_are_for_days_that_came_and_findings_need_a_note() {
        let mut c = CheckInput {
            checked_on: "2026-05-01".into(),
            looked_at: "連絡先リスト".into(),
            outcome: Some(Outcome::Ok),
            note: String::new(),
        };
        assert!(c.problems("2026-05-01").is_empty());
        assert_eq!(
            c.problems("2026-04-30"),
            vec![Problem::Future {
                field: "checked_on"
            }]
        );
        c.outcome = Some(Outcome::Findings);
        assert_eq!(
            c.problems("2026-05-02"),
            vec![Problem::Required { field: "note" }]
        );
        c.outcome = None;
        c.checked_on = "5/1".into();
        let fields: Vec<&str> = c
            .problems("2026-05-02")
            .iter()
            .map(Problem::field)
            .collect();
        assert_eq!(fields, ["checked_on", "outcome"]);
    }

    #[test]
    fn sessions_need_someone_attending() {
        let mut s = SessionInput {
            held_on: "2026-05-01".into(),
            title: "標的型メール訓練".into(),
            minutes: "60".into(),
            ..SessionInput::default()
        };
        assert_eq!(s.problems("2026-05-01"), vec![Problem::NoAttendees]);
        s.others = split_names("派遣 一郎、 派遣 二郎\n派遣 一郎\n\n");
        assert_eq!(s.others, ["派遣 一郎", "派遣 二郎"]);
        assert!(s.problems("2026-05-01").is_empty());
        s.minutes = "0".into();
        assert_eq!(s.problems("2026-05-01"), vec![Problem::Minutes]);
    }

    #[test]
    fn the_calendar_starts_this_month() {
        let m = twelve_months("2026-11-21");
        assert_eq!(m.len(), 12);
        assert_eq!(m[0], (2026, 11));
        assert_eq!(m[2], (2027, 1));
        assert_eq!(m[11], (2027, 10));
    }
}
