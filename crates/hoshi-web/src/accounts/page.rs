//! One check: the summary, the suggested answer per criterion, the findings worst first grouped
//! by check with the accounts they name and what to do, and the full report as JSON. Members
//! of the organisation only: the report names accounts.

use std::collections::HashMap;

use hoshi_accounts::{Check, System};
use hoshi_store::account_checks::{self, KeptCheck};

use super::upload::sources_text;
use super::{SummaryDoc, severity_class, severity_of, status_label};
use crate::kernel::prelude::*;

/// A finding as kept in the report (`hoshi_accounts::Finding` serialised).
#[derive(Deserialize)]
struct StoredFinding {
    check: String,
    severity: String,
    system: StoredSystem,
    account: Option<StoredAccount>,
    #[serde(default)]
    criteria: Vec<String>,
    number: Option<i64>,
    detail: Option<String>,
}

#[derive(Deserialize)]
struct StoredSystem {
    kind: String,
    #[serde(default)]
    name: String,
}

#[derive(Deserialize)]
struct StoredAccount {
    id: String,
    name: String,
    row: usize,
}

#[derive(Deserialize)]
struct StoredReport {
    findings: Vec<StoredFinding>,
}

impl StoredSystem {
    fn label(&self) -> String {
        match self.kind.as_str() {
            "microsoft365" => System::Microsoft365.label().to_string(),
            "google_workspace" => System::GoogleWorkspace.label().to_string(),
            "active_directory" => System::ActiveDirectory.label().to_string(),
            _ => self.name.clone(),
        }
    }
}

/// A check by its code (`None`: a code this build does not know).
pub(super) fn check_of(code: &str) -> Option<Check> {
    Check::ALL.into_iter().find(|c| c.code() == code)
}

pub(super) struct StatusRow {
    pub criterion: String,
    pub label: String,
    pub class: &'static str,
    pub basis: String,
}

struct FindingRow {
    id: String,
    name: String,
    system: String,
    row: String,
    detail: String,
}

/// The findings of one check, with what to do.
struct Group {
    title: String,
    severity: String,
    severity_class: &'static str,
    criteria: String,
    advice: String,
    rows: Vec<FindingRow>,
}

#[derive(Template)]
#[template(path = "accounts/check.html")]
struct CheckT {
    p: Page,
    org_id: String,
    org_name: String,
    can_edit: bool,
    check_id: String,
    when: String,
    by: String,
    today: String,
    stale_days: i64,
    sha256: String,
    sources: String,
    s: SummaryDoc,
    statuses: Vec<StatusRow>,
    groups: Vec<Group>,
    attached: bool,
}

/// The counts a criterion's suggestion rests on: each check bearing on it with its count.
pub(super) fn basis(ctx: &Ctx, s: &SummaryDoc, criterion: &str) -> String {
    let mut parts: Vec<String> = Check::ALL
        .into_iter()
        .filter(|c| c.criteria().contains(&criterion))
        .map(|c| format!("{}: {}", c.title(ctx.lang), s.count(c.code())))
        .collect();
    if criterion == "4-1-3-2" {
        parts.push(format!(
            "{}: {}",
            ctx.t().s("accounts_mfa_known"),
            s.mfa_known
        ));
    }
    parts.join(" · ")
}

pub(super) fn status_rows(ctx: &Ctx, s: &SummaryDoc) -> Vec<StatusRow> {
    let t = ctx.t();
    s.statuses
        .iter()
        .map(|c| {
            let (label, class) = status_label(&t, &c.status);
            StatusRow {
                criterion: c.criterion.clone(),
                label,
                class,
                basis: basis(ctx, s, &c.criterion),
            }
        })
        .collect()
}

fn finding_row(ctx: &Ctx, f: &StoredFinding) -> FindingRow {
    let t = ctx.t();
    let number = f.number.map(|n| match f.check.as_str() {
        "unused" | "admin_unused" => format!("{n} {}", t.s("accounts_days")),
        "admin_too_many" => format!("{}: {n}", t.s("accounts_admins")),
        _ => n.to_string(),
    });
    // What a shared ID was judged on is often the ID itself: not repeated.
    let judged = f
        .detail
        .clone()
        .filter(|d| f.account.as_ref().is_none_or(|a| *d != a.id));
    let detail = [number, judged]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let (id, name, row) = f.account.as_ref().map_or_else(
        || (String::new(), String::new(), String::new()),
        |a| {
            (
                a.id.clone(),
                // The display name once: not when it only repeats the ID.
                if a.name == a.id {
                    String::new()
                } else {
                    a.name.clone()
                },
                a.row.to_string(),
            )
        },
    );
    FindingRow {
        id,
        name,
        system: f.system.label(),
        row,
        detail,
    }
}

/// Findings grouped by check, in the report's order (worst first).
fn groups(ctx: &Ctx, findings: &[StoredFinding]) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for f in findings {
        let i = *at.entry(f.check.as_str()).or_insert_with(|| {
            let check = check_of(&f.check);
            let sev = severity_of(&f.severity);
            out.push(Group {
                title: check.map_or_else(|| f.check.clone(), |c| c.title(ctx.lang).to_string()),
                severity: sev.map_or_else(|| f.severity.clone(), |s| s.label(ctx.lang).to_string()),
                severity_class: sev.map_or("", severity_class),
                criteria: f.criteria.join(", "),
                advice: check.map_or_else(String::new, |c| c.advice(ctx.lang).to_string()),
                rows: Vec::new(),
            });
            out.len() - 1
        });
        out[i].rows.push(finding_row(ctx, f));
    }
    out
}

/// One check of the organisation, its report read back.
pub(super) async fn load(
    state: &Shared,
    m: &hoshi_store::orgs::Membership,
    id: &str,
) -> AppResult<(KeptCheck, SummaryDoc)> {
    let (scope, id) = (m.scope().clone(), id.to_string());
    let kept = state
        .db(move |s| s.read(|c| account_checks::get(c, &scope, &id)))
        .await?;
    let summary: SummaryDoc = serde_json::from_str(&kept.summary)
        .map_err(|e| AppError::Internal(format!("account check {}: {e}", kept.check.id)))?;
    Ok((kept, summary))
}

#[derive(Deserialize, Default)]
pub struct Flash {
    #[serde(default)]
    attached: Option<u8>,
}

/// `GET /o/{org}/accounts/{check}`
pub async fn check_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, hoshi_core::AccountCheckId)>,
    Query(flash): Query<Flash>,
) -> AppResult<Response> {
    let (kept, s) = load(&state, &m, id.as_str()).await?;
    let report: StoredReport = serde_json::from_str(&kept.report)
        .map_err(|e| AppError::Internal(format!("account check {}: {e}", kept.check.id)))?;
    let t = ctx.t();
    let c = &kept.check;
    let mut p = Page::new(&ctx, "accounts_check_title");
    p.title = format!("{} — {}", t.s("accounts_check_title"), m.org.name);
    Ok(html(CheckT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        can_edit: m.role >= Role::Editor,
        check_id: c.id.clone(),
        when: ctx.time(c.created_at),
        by: c.created_by_name.clone(),
        today: c.today.clone(),
        stale_days: c.stale_days,
        sha256: c.sha256.clone(),
        sources: sources_text(&t, &s.sources),
        statuses: status_rows(&ctx, &s),
        groups: groups(&ctx, &report.findings),
        s,
        attached: flash.attached.is_some(),
    }))
}

/// `GET /o/{org}/accounts/{check}/report.json`: the full report exactly as kept.
pub async fn report_json(
    State(state): State<Shared>,
    Member { m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, hoshi_core::AccountCheckId)>,
) -> AppResult<Response> {
    let (kept, _) = load(&state, &m, id.as_str()).await?;
    Ok(download(
        "application/json",
        &format!("hoshi-accounts-{}.json", kept.check.today),
        kept.report.into_bytes(),
    ))
}
