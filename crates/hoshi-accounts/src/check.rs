//! The checks: accounts in, findings and a summary out. Pure — `today` is passed in.
//!
//! # Suggested status per criterion (the rules)
//!
//! "Enabled" means not marked disabled; an account whose state the export does not give counts
//! as enabled. Only enabled accounts are checked, except for disabled-but-privileged leftovers.
//!
//! | Criterion | No data | Met | Partial | Not met |
//! |---|---|---|---|---|
//! | 4-1-3-2 MFA | no enabled cloud account with a known MFA state | every enabled cloud account has MFA | some lack MFA (no admin, under half), or some are unknown | an enabled cloud admin lacks MFA, or half or more lack it |
//! | 4-1-1-3 unused IDs | no sign-in data | no unused, never-used or not-seen account | unused/never-used ≤ 5 % of the enabled accounts with sign-in data, or only not-seen ones | more than 5 % |
//! | 4-1-2-6 unused admin IDs | no admin or no sign-in data, or an admin not seen | no unused admin | — | any unused admin |
//! | 4-1-2-2 few, unshared admins | no admin data | within the limit, none shared | more admins than the limit | a shared admin ID |
//! | 4-1-2-5 admins known | no admin data | every admin ID names a person | a shared admin ID (its user unknown) | — |
//! | 4-1-1-2 shared IDs | — | no shared or generic ID | shared IDs found (allowed only with a usage log, which an export cannot show) | — |
//! | 4-1-1-4 rights removed | nothing found (an export cannot show the rest) | — | disabled accounts still privileged | — |
//!
//! The admin limit (4-1-2-2) per system: more than `max(3, enabled accounts ÷ 10)` enabled
//! administrators is "too many".
//!
//! # Accounts a sign-in log does not show
//!
//! An account missing from an Entra ID sign-in log ([`SignIn::NotSince`]) has not signed in
//! since the log's first day. When that is more than `stale_days` ago it is unused, the days
//! counted from the log's first day (so at least that many). When the log is shorter — the
//! portal keeps 7 days (Free) or 30 days (P1/P2) — nothing can be concluded: the account is
//! "not seen" (low severity, 4-1-1-3), and the criterion cannot be suggested as met.

use crate::date::Day;
use crate::model::{Account, SignIn, System};
use crate::shared::shared_reason;
use hoshi_core::Lang;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Critical,
    High,
    Medium,
    Low,
    Info,
}

impl Severity {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Critical, Lang::Ja) => "緊急",
            (Severity::High, Lang::Ja) => "高",
            (Severity::Medium, Lang::Ja) => "中",
            (Severity::Low, Lang::Ja) => "低",
            (Severity::Info, Lang::Ja) => "情報",
            (Severity::Critical, Lang::En) => "critical",
            (Severity::High, Lang::En) => "high",
            (Severity::Medium, Lang::En) => "medium",
            (Severity::Low, Lang::En) => "low",
            (Severity::Info, Lang::En) => "info",
        }
    }
}

/// What a finding is about; the code is stable (JSON, logs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    AdminNoMfa,
    AdminShared,
    NoMfa,
    AdminUnused,
    AdminTooMany,
    Unused,
    NeverUsed,
    SharedId,
    DisabledPrivileged,
    NotSeen,
    PasswordNeverExpires,
    AdminListed,
}

impl Check {
    pub const ALL: [Check; 12] = [
        Check::AdminNoMfa,
        Check::AdminShared,
        Check::NoMfa,
        Check::AdminUnused,
        Check::AdminTooMany,
        Check::Unused,
        Check::NeverUsed,
        Check::SharedId,
        Check::DisabledPrivileged,
        Check::NotSeen,
        Check::PasswordNeverExpires,
        Check::AdminListed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Check::AdminNoMfa => "admin_no_mfa",
            Check::AdminShared => "admin_shared",
            Check::NoMfa => "no_mfa",
            Check::AdminUnused => "admin_unused",
            Check::AdminTooMany => "admin_too_many",
            Check::Unused => "unused",
            Check::NeverUsed => "never_used",
            Check::SharedId => "shared_id",
            Check::DisabledPrivileged => "disabled_privileged",
            Check::NotSeen => "not_seen",
            Check::PasswordNeverExpires => "password_never_expires",
            Check::AdminListed => "admin_listed",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Check::AdminNoMfa | Check::AdminShared => Severity::Critical,
            Check::NoMfa | Check::AdminUnused => Severity::High,
            Check::AdminTooMany
            | Check::Unused
            | Check::NeverUsed
            | Check::SharedId
            | Check::DisabledPrivileged => Severity::Medium,
            Check::NotSeen | Check::PasswordNeverExpires => Severity::Low,
            Check::AdminListed => Severity::Info,
        }
    }

    /// The SCS ★3 criteria the check bears on.
    pub fn criteria(self) -> &'static [&'static str] {
        match self {
            Check::AdminNoMfa | Check::NoMfa => &["4-1-3-2"],
            Check::AdminShared => &["4-1-2-2", "4-1-2-5", "4-1-1-2"],
            Check::AdminUnused => &["4-1-2-6"],
            Check::AdminTooMany => &["4-1-2-2"],
            Check::Unused | Check::NeverUsed | Check::NotSeen => &["4-1-1-3"],
            Check::SharedId => &["4-1-1-2"],
            Check::DisabledPrivileged => &["4-1-1-4", "4-1-2-6"],
            Check::PasswordNeverExpires => &["4-1-3-1"],
            Check::AdminListed => &["4-1-2-5"],
        }
    }

    pub fn title(self, lang: Lang) -> &'static str {
        let (ja, en) = match self {
            Check::AdminNoMfa => ("多要素認証のない管理者", "Administrator without MFA"),
            Check::AdminShared => ("共有の管理者 ID", "Shared administrator ID"),
            Check::NoMfa => ("多要素認証のないアカウント", "Account without MFA"),
            Check::AdminUnused => ("使われていない管理者 ID", "Unused administrator ID"),
            Check::AdminTooMany => ("管理者が多すぎます", "Too many administrators"),
            Check::Unused => (
                "長く使われていないアカウント",
                "Account unused for a long time",
            ),
            Check::NeverUsed => ("一度も使われていないアカウント", "Account never used"),
            Check::SharedId => ("共有または汎用の ID", "Shared or generic ID"),
            Check::DisabledPrivileged => (
                "管理者権限が残った無効アカウント",
                "Disabled account still privileged",
            ),
            Check::NotSeen => (
                "サインイン ログに現れないアカウント",
                "Account not seen in the sign-in log",
            ),
            Check::PasswordNeverExpires => ("パスワードが無期限", "Password never expires"),
            Check::AdminListed => ("管理者 ID", "Administrator ID"),
        };
        pick(lang, ja, en)
    }

    /// What to do, in plain words.
    pub fn advice(self, lang: Lang) -> &'static str {
        let (ja, en) = match self {
            Check::AdminNoMfa => (
                "管理者アカウントは乗っ取られたときの被害が最も大きいため、今すぐ多要素認証（認証アプリやセキュリティキー）を登録し、登録しないとサインインできない設定にしてください。",
                "An administrator account does the most damage when taken over: register MFA (an authenticator app or security key) now and require it for sign-in.",
            ),
            Check::AdminShared => (
                "管理者 ID を複数人で使っていると、誰が操作したのか後から分かりません。管理者一人ひとりに個人の管理者 ID を発行し、共有 ID は無効にしてください。どうしても残す場合は、使った人・日時・作業内容を記録してください。",
                "With a shared administrator ID nobody can tell afterwards who did what. Give each administrator a personal admin ID and disable the shared one; if it must stay, log who used it, when and for what.",
            ),
            Check::NoMfa => (
                "パスワードだけでは、漏えいや使い回しで簡単に乗っ取られます。このアカウントに多要素認証を登録してもらい、組織全体で必須にしてください。",
                "A password alone is easily taken over after a leak or reuse. Have this user register MFA and make it mandatory across the organisation.",
            ),
            Check::AdminUnused => (
                "使われていない管理者 ID は、気付かれないまま悪用されるおそれがあります。必要がなければ無効化し、必要なら管理者権限を外してください。",
                "An unused administrator ID can be abused unnoticed. Disable it if it is not needed, or remove its administrator rights.",
            ),
            Check::AdminTooMany => (
                "管理者権限を持つ人が業務に必要な人数より多くなっています。本当に必要な人を決め、それ以外の人からは管理者権限を外してください。",
                "More people hold administrator rights than the work needs. Decide who really needs them and remove the rights from everyone else.",
            ),
            Check::Unused => (
                "長く使われていないアカウントは、退職者や異動者のものが残っている可能性があります。本人と上長に確認し、不要なら無効化してください。",
                "A long-unused account may belong to someone who has left or moved. Check with the person and their manager, and disable it if it is not needed.",
            ),
            Check::NeverUsed => (
                "作成後一度も使われていないアカウントです。設定作業や保守のために作ったまま残っていないか確認し、不要なら無効化してください。",
                "This account has never been used since it was created. Check whether it was left over from set-up or maintenance, and disable it if it is not needed.",
            ),
            Check::SharedId => (
                "共有や汎用の ID は、誰が使ったのか後から分かりません。一人ひとりに個人の ID を発行し、共用のメールボックスは委任やグループで扱ってください。残す場合は、利用者・日時・目的の記録を残してください。",
                "With a shared or generic ID nobody can tell afterwards who used it. Give everyone a personal ID and handle shared mailboxes through delegation or groups; if it must stay, log who used it, when and why.",
            ),
            Check::DisabledPrivileged => (
                "無効化されていても管理者権限が残っていると、再度有効にされたときにそのまま悪用されます。管理者グループやロールから外してください。",
                "A disabled account that keeps administrator rights is dangerous the moment it is re-enabled. Remove it from administrator groups and roles.",
            ),
            Check::NotSeen => (
                "渡されたサインイン ログの期間中に、このアカウントの成功したサインインはありません。ただしログの期間が「長く使われていない」とする日数より短いため、使われていないとまでは言えません。Microsoft Entra 管理センターでこのユーザーの最終サインイン日時を確認するか、より長い期間のログを合わせて確認してください。",
                "The sign-in log given holds no successful sign-in of this account, but it covers fewer days than the unused threshold, so the account cannot be called unused yet. Check the user's last sign-in in the Microsoft Entra admin center, or check again with logs covering a longer period.",
            ),
            Check::PasswordNeverExpires => (
                "パスワードが無期限に設定されています。定期的な変更は必須ではありませんが、漏えいに気付けるよう多要素認証を使い、長く推測されにくいパスワードにしてください。サービス用アカウントなら用途と管理者を記録してください。",
                "The password is set never to expire. Regular changes are not required, but use MFA and a long, hard-to-guess password; for a service account, record its purpose and owner.",
            ),
            Check::AdminListed => (
                "この ID は管理者権限を持っています。管理者の一覧として、誰の ID で、なぜ必要かを確認してください。",
                "This ID holds administrator rights. Confirm, as the list of administrators, whose ID it is and why it is needed.",
            ),
        };
        pick(lang, ja, en)
    }
}

fn pick(lang: Lang, ja: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ja => ja,
        Lang::En => en,
    }
}

/// The account a finding names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccountRef {
    pub id: String,
    pub name: String,
    pub row: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub check: Check,
    pub severity: Severity,
    pub system: System,
    /// `None` for findings about a whole system (too many administrators).
    pub account: Option<AccountRef>,
    pub criteria: &'static [&'static str],
    /// Days since the last sign-in (unused accounts; for an account a sign-in log does not show,
    /// days since the log's first day, so at least that many), or the administrator count.
    pub number: Option<i64>,
    /// What the finding was judged on: the generic ID or name, or the admin roles.
    pub detail: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub today: Day,
    /// An enabled account not used for more than this many days is unused.
    pub stale_days: i64,
}

impl Options {
    pub const DEFAULT_STALE_DAYS: i64 = 90;

    pub fn new(today: Day) -> Options {
        Options {
            today,
            stale_days: Self::DEFAULT_STALE_DAYS,
        }
    }
}

/// The suggested status of a criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Suggested {
    Met,
    Partial,
    NotMet,
    /// The exports cannot tell.
    NoData,
}

impl Suggested {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Suggested::Met, Lang::Ja) => "実施済み",
            (Suggested::Partial, Lang::Ja) => "一部実施",
            (Suggested::NotMet, Lang::Ja) => "未実施",
            (Suggested::NoData, Lang::Ja) => "判断材料なし",
            (Suggested::Met, Lang::En) => "met",
            (Suggested::Partial, Lang::En) => "partial",
            (Suggested::NotMet, Lang::En) => "not met",
            (Suggested::NoData, Lang::En) => "no data",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CriterionStatus {
    pub criterion: &'static str,
    pub status: Suggested,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub accounts: usize,
    pub enabled: usize,
    pub admins: usize,
    /// Enabled cloud accounts whose MFA state the exports give, and those without MFA.
    pub mfa_known: usize,
    pub mfa_missing: usize,
    pub counts: Vec<(Check, usize)>,
    pub statuses: Vec<CriterionStatus>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Worst first.
    pub findings: Vec<Finding>,
    pub summary: Summary,
}

/// Runs every check.
pub fn check(accounts: &[Account], opts: &Options) -> Report {
    let mut findings = Vec::new();
    for a in accounts {
        account_findings(a, opts, &mut findings);
    }
    admin_counts(accounts, &mut findings);
    findings.sort_by(|a, b| {
        (
            a.severity,
            a.check,
            a.system.label(),
            a.account.as_ref().map(|r| &r.id),
        )
            .cmp(&(
                b.severity,
                b.check,
                b.system.label(),
                b.account.as_ref().map(|r| &r.id),
            ))
    });
    let admin_not_seen = accounts.iter().any(|a| {
        a.is_enabled() && a.is_admin() && matches!(usage(a, opts), Some(Usage::NotSeen(_)))
    });
    let summary = summarise(accounts, &findings, admin_not_seen);
    Report { findings, summary }
}

fn finding(a: &Account, check: Check, number: Option<i64>, detail: Option<String>) -> Finding {
    Finding {
        check,
        severity: check.severity(),
        system: a.system.clone(),
        account: Some(AccountRef {
            id: a.id.clone(),
            name: a.name.clone(),
            row: a.row,
        }),
        criteria: check.criteria(),
        number,
        detail,
    }
}

/// What the sign-in data says about an account's use, when it says something worth a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Usage {
    /// Not used for this many days (at least, for an account a sign-in log does not show).
    Unused(i64),
    NeverUsed,
    /// Not in a sign-in log covering this many days, fewer than `stale_days`.
    NotSeen(i64),
}

fn usage(a: &Account, opts: &Options) -> Option<Usage> {
    // A new account has had no chance to be used yet.
    let old = a
        .created
        .is_none_or(|c| opts.today.0 - c.0 > opts.stale_days);
    match a.last_sign_in {
        SignIn::Unknown => None,
        SignIn::On(d) => {
            let days = opts.today.0 - d.0;
            (days > opts.stale_days).then_some(Usage::Unused(days))
        }
        SignIn::Never => old.then_some(Usage::NeverUsed),
        // Created within the log's period and not in it: never used.
        SignIn::NotSince(d) if a.created.is_some_and(|c| c >= d) => old.then_some(Usage::NeverUsed),
        SignIn::NotSince(d) => {
            let days = opts.today.0 - d.0;
            if days > opts.stale_days {
                Some(Usage::Unused(days))
            } else {
                old.then_some(Usage::NotSeen(days))
            }
        }
    }
}

fn account_findings(a: &Account, opts: &Options, out: &mut Vec<Finding>) {
    let admin = a.is_admin();
    if !a.is_enabled() {
        // krbtgt is disabled by design and keeps adminCount = 1 in every domain.
        let krbtgt = a.system == System::ActiveDirectory && a.id.eq_ignore_ascii_case("krbtgt");
        if admin && !krbtgt {
            out.push(finding(a, Check::DisabledPrivileged, None, roles(a)));
        }
        return;
    }
    if a.system.cloud() && a.mfa == Some(false) {
        let c = if admin {
            Check::AdminNoMfa
        } else {
            Check::NoMfa
        };
        out.push(finding(a, c, None, None));
    }
    if let Some(reason) = shared_reason(a) {
        let c = if admin {
            Check::AdminShared
        } else {
            Check::SharedId
        };
        out.push(finding(a, c, None, Some(reason)));
    }
    match usage(a, opts) {
        Some(Usage::Unused(days)) => {
            let c = if admin {
                Check::AdminUnused
            } else {
                Check::Unused
            };
            out.push(finding(a, c, Some(days), None));
        }
        Some(Usage::NeverUsed) => {
            let c = if admin {
                Check::AdminUnused
            } else {
                Check::NeverUsed
            };
            out.push(finding(a, c, None, None));
        }
        Some(Usage::NotSeen(days)) => out.push(finding(a, Check::NotSeen, Some(days), None)),
        None => {}
    }
    if a.password_never_expires == Some(true) {
        out.push(finding(a, Check::PasswordNeverExpires, None, None));
    }
    if admin {
        out.push(finding(a, Check::AdminListed, None, roles(a)));
    }
}

fn roles(a: &Account) -> Option<String> {
    (!a.admin_roles.is_empty()).then(|| a.admin_roles.join(", "))
}

/// The administrator limit of a system with `enabled` enabled accounts.
pub fn admin_limit(enabled: usize) -> usize {
    (enabled / 10).max(3)
}

fn admin_counts(accounts: &[Account], out: &mut Vec<Finding>) {
    let mut systems: Vec<&System> = Vec::new();
    for a in accounts {
        if !systems.contains(&&a.system) {
            systems.push(&a.system);
        }
    }
    for s in systems {
        let enabled: Vec<&Account> = accounts
            .iter()
            .filter(|a| &a.system == s && a.is_enabled())
            .collect();
        let admins = enabled.iter().filter(|a| a.is_admin()).count();
        if admins > admin_limit(enabled.len()) {
            out.push(Finding {
                check: Check::AdminTooMany,
                severity: Check::AdminTooMany.severity(),
                system: s.clone(),
                account: None,
                criteria: Check::AdminTooMany.criteria(),
                number: Some(admins as i64),
                detail: None,
            });
        }
    }
}

fn summarise(accounts: &[Account], findings: &[Finding], admin_not_seen: bool) -> Summary {
    let count = |c: Check| findings.iter().filter(|f| f.check == c).count();
    let enabled: Vec<&Account> = accounts.iter().filter(|a| a.is_enabled()).collect();
    let cloud: Vec<&&Account> = enabled.iter().filter(|a| a.system.cloud()).collect();
    let mfa_known = cloud.iter().filter(|a| a.mfa.is_some()).count();
    let mfa_missing = count(Check::NoMfa) + count(Check::AdminNoMfa);
    let admin_data = accounts.iter().any(|a| a.admin.is_some());
    let with_sign_in = enabled
        .iter()
        .filter(|a| a.last_sign_in != SignIn::Unknown)
        .count();
    let admin_sign_in = enabled
        .iter()
        .any(|a| a.is_admin() && a.last_sign_in != SignIn::Unknown);
    use Suggested as S;
    let mfa = if mfa_known == 0 {
        S::NoData
    } else if count(Check::AdminNoMfa) > 0 || mfa_missing * 2 >= mfa_known {
        S::NotMet
    } else if mfa_missing > 0 || mfa_known < cloud.len() {
        S::Partial
    } else {
        S::Met
    };
    let unused = count(Check::Unused) + count(Check::NeverUsed);
    let stale = if with_sign_in == 0 {
        S::NoData
    } else if unused == 0 && count(Check::NotSeen) == 0 {
        S::Met
    } else if unused * 20 <= with_sign_in {
        S::Partial
    } else {
        S::NotMet
    };
    let shared_admin = count(Check::AdminShared) > 0;
    let statuses = [
        ("4-1-3-2", mfa),
        ("4-1-1-3", stale),
        (
            "4-1-2-6",
            match (admin_data && admin_sign_in, count(Check::AdminUnused)) {
                (false, _) => S::NoData,
                (true, 0) if admin_not_seen => S::NoData,
                (true, 0) => S::Met,
                _ => S::NotMet,
            },
        ),
        (
            "4-1-2-2",
            match (admin_data, shared_admin, count(Check::AdminTooMany)) {
                (false, ..) => S::NoData,
                (true, true, _) => S::NotMet,
                (true, false, 0) => S::Met,
                _ => S::Partial,
            },
        ),
        (
            "4-1-2-5",
            match (admin_data, shared_admin) {
                (false, _) => S::NoData,
                (true, false) => S::Met,
                (true, true) => S::Partial,
            },
        ),
        (
            "4-1-1-2",
            if count(Check::SharedId) + count(Check::AdminShared) == 0 {
                S::Met
            } else {
                S::Partial
            },
        ),
        (
            "4-1-1-4",
            if count(Check::DisabledPrivileged) > 0 {
                S::Partial
            } else {
                S::NoData
            },
        ),
    ]
    .into_iter()
    .map(|(criterion, status)| CriterionStatus { criterion, status })
    .collect();
    Summary {
        accounts: accounts.len(),
        enabled: enabled.len(),
        admins: enabled.iter().filter(|a| a.is_admin()).count(),
        mfa_known,
        mfa_missing,
        counts: Check::ALL.iter().map(|&c| (c, count(c))).collect(),
        statuses,
    }
}
