//! A patch report as evidence: kept as a file (dated, SHA-256, valid for a set period), linked
//! to SCS 4-4-4-1 (supported products only) and 4-4-4-2 (serious fixes within 14 days) in one
//! assessment, with the status the report suggests for each — which the member takes, changes
//! or leaves alone.

use std::collections::HashMap;

use hoshi_core::{Status, UserError, VulnReportId};
use hoshi_store::assessments::{self, AssessmentRow};

use super::report::load;
use crate::evidence::kept;
use crate::kernel::prelude::*;

/// Patch status changes with every release: a month unless the member says otherwise.
const DEFAULT_VALID_DAYS: i64 = 30;

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
    report_id: String,
    when: String,
    assessments: Vec<(String, String)>,
    chosen: String,
    rows: Vec<Row>,
    fs: FormState,
    valid_days: String,
}

async fn rows_for(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    aid: &str,
    report: &hoshi_vulns::report::Report,
) -> AppResult<(AssessmentRow, Vec<Row>)> {
    let (row, catalog) = assessment_and_catalog(state, m.scope(), aid).await?;
    let (scope, a) = (m.scope().clone(), row.id.clone());
    let answers = state
        .db(move |s| s.read(|c| assessments::answers(c, &scope, &a)))
        .await?;
    let t = ctx.t();
    let mut out = Vec::new();
    for (crit, ok) in report.suggestions() {
        let Some(cr) = catalog.criterion(crit).filter(|c| c.level <= row.level) else {
            continue;
        };
        let status = if ok { Status::Met } else { Status::NotMet };
        let reason = match (crit, ok) {
            ("4-4-4-1", true) => t.s("vulns_suggest_support_met"),
            ("4-4-4-1", false) => t.s("vulns_suggest_support_not_met"),
            (_, true) => t.s("vulns_suggest_met"),
            (_, false) => t.s("vulns_suggest_not_met"),
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
            suggested: status.label().get(ctx.lang).to_string(),
            suggested_value: if ok { "met" } else { "not-met" }.to_string(),
            reason: reason.to_string(),
            reason_class: if ok { "s-met" } else { "s-not-met" },
        });
    }
    Ok((row, out))
}

async fn render(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    id: &str,
    chosen: &str,
    fs: FormState,
) -> AppResult<Response> {
    let (row, report, _) = load(state, m, id).await?;
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
        rows_for(state, ctx, m, &chosen, &report).await?.1
    };
    let mut p = Page::new(ctx, "vulns_attach_title");
    p.title = format!("{} — {}", ctx.t().s("vulns_attach_title"), m.org.name);
    Ok(html(AttachT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        report_id: row.id.clone(),
        when: ctx.time(row.created_at),
        assessments: list
            .iter()
            .map(|a| (a.id.clone(), a.title.clone()))
            .collect(),
        chosen,
        rows,
        valid_days: fs
            .value("attach", "valid_days", &DEFAULT_VALID_DAYS.to_string())
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
    render(&state, &ctx, &m, id.as_str(), &chosen, FormState::default()).await
}

/// `POST /o/{org}/vulns/{report}/evidence`: fields `assessment`, `valid_days` and per criterion
/// shown `status:CRITERION` and `version:CRITERION`.
pub async fn attach(
    State(state): State<Shared>,
    Path((org, id)): Path<(OrgId, VulnReportId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form,
    }: OrgForm<Editor, Vec<(String, String)>>,
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
    let (row, report, _) = load(&state, &m, id.as_str()).await?;
    let (arow, rows) = rows_for(&state, &ctx, &m, &aid, &report).await?;
    let criteria: Vec<String> = rows.iter().map(|r| r.criterion.clone()).collect();
    let choices = kept::choices(&form, &criteria)?;
    let done = match valid.parse::<i64>().ok().filter(|d| (1..=366).contains(d)) {
        None => Err(AppError::BadRequest(UserError::ScanValidDays)),
        Some(days) => {
            let uid = ctx.user()?.0.id.clone();
            let scope = m.scope().clone();
            let (_, json) = state
                .db(move |s| s.read(|c| hoshi_store::assets::report(c, &scope, &row.id)))
                .await?;
            let made = hoshi_core::time::date_jst(row.created_at);
            let file = kept::KeptFile {
                bytes: json.into_bytes(),
                file_name: format!("hoshi-vulns-{made}.json"),
                media_type: "application/json",
                title: format!("{} {made}", ctx.t().s("vulns_evidence_title")),
                expires: hoshi_core::time::date_jst(row.created_at + days * 86_400),
                effective: made,
            };
            kept::attach(&state, &uid, m.scope(), &arow.id, file, choices).await
        }
    };
    match checked(done, fs, ctx.lang)? {
        Ok(()) => Ok(Redirect::to(&format!("/o/{org}/vulns/{id}?attached=1")).into_response()),
        Err(fs) => Ok(unprocessable(
            render(&state, &ctx, &m, id.as_str(), &aid, fs).await?,
        )),
    }
}
