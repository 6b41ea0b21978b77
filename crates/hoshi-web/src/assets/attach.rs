//! A patch report as evidence: kept as a file (dated, SHA-256, valid for a set period), linked
//! to SCS 4-4-4-1 (supported products only) and 4-4-4-2 (serious fixes within 14 days) in one
//! assessment, with the status the report suggests for each — which the member takes, changes
//! or leaves alone. The register itself the same way, as its Excel export, for 3-1-1-1, 3-1-1-2
//! and 3-1-2-2 (hoshi cannot tell whether a register is complete: it suggests no status there).

use std::collections::HashMap;

use hoshi_core::{Status, UserError, VulnReportId};
use hoshi_store::assessments::{self, AssessmentRow};

use super::report::load;
use crate::evidence::kept;
use crate::kernel::prelude::*;

/// Patch status changes with every release: a month unless the member says otherwise.
const DEFAULT_VALID_DAYS: i64 = 30;
/// The register is reviewed yearly (3-1-1-4): a year.
const REGISTER_VALID_DAYS: i64 = 366;

struct Row {
    criterion: String,
    version: i64,
    text: String,
    current: String,
    suggested: String,
    suggested_value: String,
    reason: String,
    reason_class: &'static str,
}

#[derive(Template)]
#[template(path = "assets/attach.html")]
struct AttachT {
    p: Page,
    org_id: String,
    org_name: String,
    heading: String,
    intro: String,
    /// The header of the column saying what the subject shows.
    basis: String,
    /// The form's address and the page the crumbs lead back to.
    action: String,
    back: String,
    when: String,
    assessments: Vec<(String, String)>,
    chosen: String,
    rows: Vec<Row>,
    fs: FormState,
    valid_days: String,
}

/// What is being attached: a patch report, or the register.
enum Subject {
    Report(String),
    Register,
}

impl Subject {
    fn action(&self, org: &str) -> String {
        match self {
            Subject::Report(id) => format!("/o/{org}/vulns/{id}/evidence"),
            Subject::Register => format!("/o/{org}/assets/evidence"),
        }
    }
}

/// The register's criteria: 3-1-1-1 and 3-1-1-2 (PCs, servers, network devices are known),
/// 3-1-2-2 (their makers, OS, models and maintainers are known).
const REGISTER_CRITERIA: [&str; 3] = ["3-1-1-1", "3-1-1-2", "3-1-2-2"];

async fn rows_for(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    aid: &str,
    report: Option<&hoshi_vulns::report::Report>,
) -> AppResult<(AssessmentRow, Vec<Row>)> {
    let (row, catalog) = assessment_and_catalog(state, m.scope(), aid).await?;
    let (scope, a) = (m.scope().clone(), row.id.clone());
    let answers = state
        .db(move |s| s.read(|c| assessments::answers(c, &scope, &a)))
        .await?;
    let t = ctx.t();
    let mut out = Vec::new();
    let suggestions: Vec<(&str, Option<bool>)> = match report {
        Some(r) => r
            .suggestions()
            .into_iter()
            .map(|(c, ok)| (c, Some(ok)))
            .collect(),
        None => REGISTER_CRITERIA.iter().map(|c| (*c, None)).collect(),
    };
    for (crit, ok) in suggestions {
        let Some(cr) = catalog.criterion(crit).filter(|c| c.level <= row.level) else {
            continue;
        };
        let reason = match (crit, ok) {
            (_, None) => t.s("assets_register_link_only"),
            ("4-4-4-1", Some(true)) => t.s("vulns_suggest_support_met"),
            ("4-4-4-1", Some(false)) => t.s("vulns_suggest_support_not_met"),
            (_, Some(true)) => t.s("vulns_suggest_met"),
            (_, Some(false)) => t.s("vulns_suggest_not_met"),
        };
        let (suggested, suggested_value, reason_class) = match ok {
            Some(true) => (
                Status::Met.label().get(ctx.lang).to_string(),
                "met",
                "s-met",
            ),
            Some(false) => (
                Status::NotMet.label().get(ctx.lang).to_string(),
                "not-met",
                "s-not-met",
            ),
            None => (t.s("assets_link_only").to_string(), "keep", "s-unanswered"),
        };
        out.push(Row {
            criterion: crit.to_string(),
            version: answers.get(crit).map_or(0, |r| r.version),
            text: cr.text.get(ctx.lang).to_string(),
            current: answers
                .get(crit)
                .map_or(Status::Unanswered, |r| r.answer.status)
                .label()
                .get(ctx.lang)
                .to_string(),
            suggested,
            suggested_value: suggested_value.to_string(),
            reason: reason.to_string(),
            reason_class,
        });
    }
    Ok((row, out))
}

async fn render(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    subject: &Subject,
    chosen: &str,
    fs: FormState,
) -> AppResult<Response> {
    let t = ctx.t();
    let (report, when, back, heading, intro) = match subject {
        Subject::Report(id) => {
            let (row, report, _) = load(state, m, id).await?;
            (
                Some(report),
                ctx.time(row.created_at),
                format!("/o/{}/vulns/{id}", m.org.id),
                t.s("vulns_attach_title"),
                t.s("vulns_attach_intro"),
            )
        }
        Subject::Register => (
            None,
            String::new(),
            String::new(),
            t.s("assets_register_attach_title"),
            t.s("assets_register_attach_intro"),
        ),
    };
    let scope = m.scope().clone();
    let list = state
        .db(move |s| s.read(|c| assessments::list(c, &scope)))
        .await?;
    let chosen = if chosen.is_empty() && list.len() == 1 {
        list[0].id.clone()
    } else {
        chosen.to_string()
    };
    let rows = if chosen.is_empty() {
        Vec::new()
    } else {
        rows_for(state, ctx, m, &chosen, report.as_ref()).await?.1
    };
    let mut p = Page::new(ctx, "vulns_attach_title");
    p.title = format!("{heading} — {}", m.org.name);
    let default_days = match subject {
        Subject::Report(_) => DEFAULT_VALID_DAYS,
        Subject::Register => REGISTER_VALID_DAYS,
    };
    Ok(html(AttachT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        heading: heading.to_string(),
        intro: intro.to_string(),
        basis: match subject {
            Subject::Report(_) => t.s("vulns_report_title"),
            Subject::Register => t.s("assets_title"),
        }
        .to_string(),
        action: subject.action(&m.org.id),
        back,
        when,
        assessments: list
            .iter()
            .map(|a| (a.id.clone(), a.title.clone()))
            .collect(),
        chosen,
        rows,
        valid_days: fs
            .value("attach", "valid_days", &default_days.to_string())
            .to_string(),
        fs,
    }))
}

/// `GET /o/{org}/vulns/{report}/evidence[?a=ASSESSMENT]`
pub async fn attach_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Editor>,
    Path((_, id)): Path<(OrgId, VulnReportId)>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let chosen = q.get("a").cloned().unwrap_or_default();
    let subject = Subject::Report(id.as_str().to_string());
    render(&state, &ctx, &m, &subject, &chosen, FormState::default()).await
}

/// `GET /o/{org}/assets/evidence[?a=ASSESSMENT]`
pub async fn register_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Editor>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let chosen = q.get("a").cloned().unwrap_or_default();
    render(
        &state,
        &ctx,
        &m,
        &Subject::Register,
        &chosen,
        FormState::default(),
    )
    .await
}

/// `POST /o/{org}/vulns/{report}/evidence`: fields `assessment`, `valid_days` and per criterion
/// shown `status:CRITERION` and `version:CRITERION`.
pub async fn attach(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, VulnReportId)>,
    OrgForm { member, form }: OrgForm<Editor, Vec<(String, String)>>,
) -> AppResult<Response> {
    save(
        &state,
        member,
        form,
        Subject::Report(id.as_str().to_string()),
    )
    .await
}

/// `POST /o/{org}/assets/evidence`: the register's Excel export as evidence, same fields.
pub async fn attach_register(
    State(state): State<Shared>,
    OrgForm { member, form }: OrgForm<Editor, Vec<(String, String)>>,
) -> AppResult<Response> {
    save(&state, member, form, Subject::Register).await
}

/// The file a subject is kept as, with its title and the day it was made.
async fn file_of(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    subject: &Subject,
    days: i64,
) -> AppResult<kept::KeptFile> {
    let scope = m.scope().clone();
    match subject {
        Subject::Report(id) => {
            let id = id.clone();
            let (row, json) = state
                .db(move |s| s.read(|c| hoshi_store::assets::report(c, &scope, &id)))
                .await?;
            let made = hoshi_core::time::date_jst(row.created_at);
            Ok(kept::KeptFile {
                bytes: json.into_bytes(),
                file_name: format!("hoshi-vulns-{made}.json"),
                media_type: "application/json",
                title: format!("{} {made}", ctx.t().s("vulns_evidence_title")),
                expires: hoshi_core::time::date_jst(row.created_at + days * 86_400),
                effective: made,
            })
        }
        Subject::Register => {
            let list = state
                .db(move |s| s.read(|c| hoshi_store::assets::list(c, &scope)))
                .await?;
            let inputs: Vec<_> = list.into_iter().map(|a| a.input).collect();
            let bytes = hoshi_xlsx::register::to_xlsx(&inputs, ctx.lang)
                .map_err(|e| AppError::Internal(format!("register export: {e}")))?;
            let n = now();
            let made = hoshi_core::time::date_jst(n);
            Ok(kept::KeptFile {
                bytes,
                file_name: format!("asset-register-{made}.xlsx"),
                media_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                title: format!("{} {made}", ctx.t().s("assets_title")),
                expires: hoshi_core::time::date_jst(n + days * 86_400),
                effective: made,
            })
        }
    }
}

async fn save(
    state: &Shared,
    Member { ctx, m, .. }: Member<Editor>,
    form: Vec<(String, String)>,
    subject: Subject,
) -> AppResult<Response> {
    let field = |k: &str| {
        form.iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let aid = field("assessment");
    let valid = field("valid_days");
    let fs = FormState::new("attach", &[("valid_days", &valid)]);
    let report = match &subject {
        Subject::Report(id) => Some(load(state, &m, id).await?.1),
        Subject::Register => None,
    };
    let (arow, rows) = rows_for(state, &ctx, &m, &aid, report.as_ref()).await?;
    let criteria: Vec<String> = rows.iter().map(|r| r.criterion.clone()).collect();
    let choices = kept::choices(&form, &criteria)?;
    let done = match valid.parse::<i64>().ok().filter(|d| (1..=366).contains(d)) {
        None => Err(AppError::BadRequest(UserError::ScanValidDays)),
        Some(days) => {
            let uid = ctx.user()?.0.id.clone();
            let file = file_of(state, &ctx, &m, &subject, days).await?;
            kept::attach(state, &uid, m.scope(), &arow.id, file, choices).await
        }
    };
    match checked(done, fs, ctx.lang)? {
        Ok(()) => Ok(Redirect::to(&match &subject {
            Subject::Report(id) => format!("/o/{}/vulns/{id}?attached=1", m.org.id),
            Subject::Register => format!("/o/{}/assets?attached=1#list", m.org.id),
        })
        .into_response()),
        Err(fs) => Ok(unprocessable(
            render(state, &ctx, &m, &subject, &aid, fs).await?,
        )),
    }
}
