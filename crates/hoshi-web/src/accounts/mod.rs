//! Account exports checked in the browser (issue 14): an editor uploads what the admin consoles
//! export (Microsoft 365 active users, Entra ID registration details, Google Workspace users,
//! Active Directory's `Export-Csv`), `hoshi-accounts` reads and checks them, and the result is
//! kept (`upload`: the list of checks and the upload form; `page`: one check, findings worst
//! first with the accounts they name, the full report as JSON; `attach`: the check as evidence
//! with the status it suggests per criterion).
//!
//! Two documents are kept per check. The report names accounts (IDs, display names) and stays
//! with the organisation's members. The summary holds counts only — no name, no ID, no file
//! name — and is the only thing that becomes evidence, since evidence may be shared with buyers
//! and experts.

mod attach;
mod page;
mod texts;
mod upload;

pub(crate) use texts::TEXTS;

use hoshi_accounts::{Format, Severity, Suggested};
use hoshi_store::orgs::Role;
use serde::{Deserialize, Serialize};

use crate::kernel::i18n::Tr;
use crate::kernel::routes::{Access, Routes};

pub(crate) fn routes() -> Routes {
    let viewer = Access::Member(Role::Viewer);
    let editor = Access::Member(Role::Editor);
    Routes::new()
        .get("/o/{org}/accounts", viewer, upload::list_page)
        .post("/o/{org}/accounts", editor, upload::upload)
        .get("/o/{org}/accounts/{check}", viewer, page::check_page)
        .get(
            "/o/{org}/accounts/{check}/report.json",
            viewer,
            page::report_json,
        )
        .get(
            "/o/{org}/accounts/{check}/evidence",
            editor,
            attach::attach_page,
        )
        .post("/o/{org}/accounts/{check}/evidence", editor, attach::attach)
}

/// One file a check read: its format, how many accounts (users, for a sign-in log) it held,
/// and the days a sign-in log covers.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct SourceCount {
    pub format: String,
    pub rows: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<(String, String)>,
}

/// A criterion's suggested status (`met`, `partial`, `not_met`, `no_data`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct CriterionStatus {
    pub criterion: String,
    pub status: String,
}

/// The counts-only summary of a check: what is kept as evidence. It must never hold an account
/// name or ID, a file name or anything read from a file's cells.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct SummaryDoc {
    pub format: u32,
    pub kind: String,
    /// The day the accounts were checked against (`YYYY-MM-DD`, Japan).
    pub today: String,
    pub stale_days: i64,
    pub sources: Vec<SourceCount>,
    pub accounts: usize,
    pub enabled: usize,
    pub admins: usize,
    pub mfa_known: usize,
    pub mfa_missing: usize,
    /// Findings per check code, every check listed.
    pub counts: Vec<(String, usize)>,
    /// In the order the library gives them.
    pub statuses: Vec<CriterionStatus>,
}

impl SummaryDoc {
    pub const KIND: &'static str = "hoshi-accounts-summary";

    pub fn count(&self, code: &str) -> usize {
        self.counts
            .iter()
            .find(|(c, _)| c == code)
            .map_or(0, |(_, n)| *n)
    }
}

pub(crate) fn status_code(s: Suggested) -> &'static str {
    match s {
        Suggested::Met => "met",
        Suggested::Partial => "partial",
        Suggested::NotMet => "not_met",
        Suggested::NoData => "no_data",
    }
}

pub(crate) fn severity_code(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "critical",
        Severity::High => "high",
        Severity::Medium => "medium",
        Severity::Low => "low",
        Severity::Info => "info",
    }
}

pub(crate) fn severity_of(code: &str) -> Option<Severity> {
    [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Info,
    ]
    .into_iter()
    .find(|s| severity_code(*s) == code)
}

/// The badge class of a severity.
pub(crate) fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "s-not-met",
        Severity::Medium => "s-partial",
        Severity::Low | Severity::Info => "s-unanswered",
    }
}

/// A suggested status as shown, with its badge class.
pub(crate) fn status_label(t: &Tr, code: &str) -> (String, &'static str) {
    let lang = t.lang;
    match code {
        "met" => (
            hoshi_core::Status::Met.label().get(lang).to_string(),
            "s-met",
        ),
        "partial" => (
            hoshi_core::Status::Partial.label().get(lang).to_string(),
            "s-partial",
        ),
        "not_met" => (
            hoshi_core::Status::NotMet.label().get(lang).to_string(),
            "s-not-met",
        ),
        _ => (t.s("accounts_no_data").to_string(), "s-unanswered"),
    }
}

/// An export format as people know it (the code itself for one this build does not know).
pub(crate) fn format_label(lang: hoshi_core::Lang, code: &str) -> String {
    Format::DETECTED
        .into_iter()
        .find(|f| f.code() == code)
        .map_or_else(|| code.to_string(), |f| f.label(lang).to_string())
}
