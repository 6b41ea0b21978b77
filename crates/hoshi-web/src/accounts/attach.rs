//! A check as evidence: its counts-only summary kept as a file, linked to the criteria the
//! exports inform in one assessment, with the status the check suggests for each preselected —
//! which the member takes, changes or leaves alone (through `evidence/kept.rs`).
//!
//! The file is the summary exactly as kept with the check: dates, formats and row counts,
//! counts per check and the suggestion per criterion — never an account name or ID, since
//! evidence may be shared with buyers and experts. Criteria the exports cannot tell about
//! ("no data") are not linked.

use std::collections::HashMap;

use hoshi_core::Status;
use hoshi_store::assessments;

use super::page::{basis, load};
use super::{SummaryDoc, status_label};
use crate::evidence::kept;
use crate::kernel::prelude::*;

/// How long the evidence is valid from the day of the check. Accounts change every week
/// (people join and leave, MFA gets registered, administrators are named), so a check says
/// little after a quarter: 90 days, the same span as the default "unused" threshold, after
/// which the supplier is expected to check again.
const VALID_DAYS: i64 = 90;

/// The last day the evidence of a check made on `day` is valid.
fn expires(day: &str) -> AppResult<String> {
    use hoshi_core::time::{date, days_from_civil, parse_date};
    let (y, m, d) =
        parse_date(day).ok_or_else(|| AppError::Internal(format!("account check date {day}")))?;
    Ok(date((days_from_civil(y, m, d) + VALID_DAYS) * 86_400))
}

struct Row {
    criterion: String,
    version: i64,
    text: String,
    current: String,
    suggested: String,
    suggested_value: &'static str,
    basis: String,
    class: &'static str,
}

#[derive(Template)]
#[template(path = "accounts/attach.html")]
struct AttachT {
    p: Page,
    org_id: String,
    org_name: String,
    check_id: String,
    when: String,
    assessments: Vec<(String, String)>,
    chosen: String,
    rows: Vec<Row>,
    fs: FormState,
}

/// A suggestion as the form's value (`keep` for one the page should not preselect).
fn form_value(status: &str) -> &'static str {
    match status {
        "met" => "met",
        "partial" => "partial",
        "not_met" => "not-met",
        _ => "keep",
    }
}

/// The criteria of assessment `aid` the check informs, with their current answers.
async fn rows_for(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    aid: &str,
    s: &SummaryDoc,
) -> AppResult<(String, Vec<Row>)> {
    let (row, catalog) = assessment_and_catalog(state, m.scope(), aid).await?;
    let (scope, a) = (m.scope().clone(), row.id.clone());
    let answers = state
        .db(move |s| s.read(|c| assessments::answers(c, &scope, &a)))
        .await?;
    let t = ctx.t();
    let mut out = Vec::new();
    for c in s.statuses.iter().filter(|c| c.status != "no_data") {
        let Some(cr) = catalog
            .criterion(&c.criterion)
            .filter(|cr| cr.level <= row.level)
        else {
            continue;
        };
        let (suggested, class) = status_label(&t, &c.status);
        let answer = answers.get(&c.criterion);
        out.push(Row {
            criterion: c.criterion.clone(),
            version: answer.map_or(0, |r| r.version),
            text: cr.text.get(ctx.lang).to_string(),
            current: answer
                .map_or(Status::Unanswered, |r| r.answer.status)
                .label()
                .get(ctx.lang)
                .to_string(),
            suggested,
            suggested_value: form_value(&c.status),
            basis: basis(ctx, s, &c.criterion),
            class,
        });
    }
    Ok((row.id, out))
}

async fn render(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    id: &str,
    chosen: &str,
    fs: FormState,
) -> AppResult<Response> {
    let (held, s) = load(state, m, id).await?;
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
        rows_for(state, ctx, m, &chosen, &s).await?.1
    };
    let t = ctx.t();
    let mut p = Page::new(ctx, "accounts_attach_title");
    p.title = format!("{} — {}", t.s("accounts_attach_title"), m.org.name);
    Ok(html(AttachT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        check_id: held.check.id.clone(),
        when: ctx.time(held.check.created_at),
        assessments: list
            .iter()
            .map(|a| (a.id.clone(), a.title.clone()))
            .collect(),
        chosen,
        rows,
        fs,
    }))
}

/// `GET /o/{org}/accounts/{check}/evidence[?a=ASSESSMENT]`
pub async fn attach_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Editor>,
    Path((_, id)): Path<(OrgId, hoshi_core::AccountCheckId)>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let chosen = q.get("a").cloned().unwrap_or_default();
    render(&state, &ctx, &m, id.as_str(), &chosen, FormState::default()).await
}

/// `POST /o/{org}/accounts/{check}/evidence`: fields `assessment` and per criterion shown
/// `status:CRITERION` and `version:CRITERION`.
pub async fn attach(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, hoshi_core::AccountCheckId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form,
    }: OrgForm<Editor, Vec<(String, String)>>,
) -> AppResult<Response> {
    let aid = form
        .iter()
        .rev()
        .find(|(n, _)| n == "assessment")
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_default();
    let (held, s) = load(&state, &m, id.as_str()).await?;
    let (arow, rows) = rows_for(&state, &ctx, &m, &aid, &s).await?;
    if rows.is_empty() {
        // The page offers no form then: nothing would be linked.
        return Err(AppError::BadRequest(hoshi_core::UserError::BadRequest));
    }
    let criteria: Vec<String> = rows.iter().map(|r| r.criterion.clone()).collect();
    let choices = kept::choices(&form, &criteria)?;
    let c = &held.check;
    let file = kept::KeptFile {
        // The summary exactly as kept with the check: counts only.
        bytes: held.summary.clone().into_bytes(),
        file_name: format!("hoshi-accounts-summary-{}.json", c.today),
        media_type: "application/json",
        title: format!("{} {}", ctx.t().s("accounts_evidence_title"), c.today),
        effective: c.today.clone(),
        expires: expires(&c.today)?,
    };
    let uid = ctx.user()?.0.id.clone();
    let done = kept::attach(&state, &uid, m.scope(), &arow, file, choices).await;
    match checked(done, FormState::new("attach", &[]), ctx.lang)? {
        Ok(()) => Ok(Redirect::to(&format!(
            "/o/{}/accounts/{}?attached=1",
            m.org.id,
            id.as_str()
        ))
        .into_response()),
        Err(fs) => Ok(unprocessable(
            render(&state, &ctx, &m, id.as_str(), &aid, fs).await?,
        )),
    }
}
