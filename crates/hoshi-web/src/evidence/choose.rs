//! The page on which a member keeps something hoshi made as evidence (`kept`): choose the
//! assessment, see per criterion the current answer and what the subject suggests, keep or set
//! each status, say how long the evidence stays valid. One page and one save for every
//! subject that uses it (backup verifications and restore procedures so far).
//!
//! A subject that suggests no criterion (a mail domain posture check: no criterion asks for it)
//! gets a choice of one criterion of the assessment's level, or none — the file is then kept
//! in the organisation's evidence list only; answers are left as they are.

use hoshi_core::{Status, UserError};
use hoshi_store::assessments;

use super::kept::{self, KeptFile};
use crate::kernel::prelude::*;

/// What the subject suggests for one criterion; `status: None` links without suggesting.
pub(crate) struct Suggestion {
    pub criterion: String,
    pub status: Option<Status>,
    pub reason: String,
}

/// The subject being kept.
pub(crate) struct Spec {
    pub heading: String,
    pub intro: String,
    /// The header of the column saying what the subject shows.
    pub basis: String,
    /// The form's address.
    pub action: String,
    /// Crumbs after the organisation: (address, label).
    pub crumbs: Vec<(String, String)>,
    pub default_days: i64,
    pub suggestions: Vec<Suggestion>,
}

pub(crate) struct Row {
    criterion: String,
    version: i64,
    text: String,
    current: String,
    suggested: String,
    suggested_value: &'static str,
    reason: String,
    reason_class: &'static str,
}

#[derive(Template)]
#[template(path = "evidence/choose.html")]
struct ChooseT {
    p: Page,
    org_id: String,
    org_name: String,
    crumbs: Vec<(String, String)>,
    heading: String,
    intro: String,
    basis: String,
    action: String,
    assessments: Vec<(String, String)>,
    chosen: String,
    rows: Vec<Row>,
    /// The subject suggests nothing: the member may pick one criterion (id, label), or none.
    picking: bool,
    picks: Vec<(String, String)>,
    picked: String,
    fs: FormState,
    valid_days: String,
}

/// The criteria of assessment `aid`'s level, for a subject that suggests none: (id, label).
async fn picks(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    aid: &str,
) -> AppResult<(String, Vec<(String, String)>)> {
    let (row, catalog) = assessment_and_catalog(state, m.scope(), aid).await?;
    let out = catalog
        .criteria_for_level(row.level)
        .map(|c| {
            let text = c.text.get(ctx.lang);
            let mut short: String = text.chars().take(60).collect();
            if short.len() < text.len() {
                short.push('…');
            }
            (c.id.clone(), format!("{} {short}", c.id))
        })
        .collect();
    Ok((row.id, out))
}

async fn rows(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    aid: &str,
    spec: &Spec,
) -> AppResult<(String, Vec<Row>)> {
    let (row, catalog) = assessment_and_catalog(state, m.scope(), aid).await?;
    let (scope, a) = (m.scope().clone(), row.id.clone());
    let answers = state
        .db(move |s| s.read(|c| assessments::answers(c, &scope, &a)))
        .await?;
    let mut out = Vec::new();
    for s in &spec.suggestions {
        let Some(cr) = catalog
            .criterion(&s.criterion)
            .filter(|c| c.level <= row.level)
        else {
            continue;
        };
        let (suggested_value, reason_class) = match s.status {
            Some(Status::Met) => ("met", "s-met"),
            Some(Status::Partial) => ("partial", "s-partial"),
            Some(Status::NotMet) => ("not-met", "s-not-met"),
            _ => ("keep", "s-unanswered"),
        };
        out.push(Row {
            criterion: s.criterion.clone(),
            version: answers.get(&s.criterion).map_or(0, |r| r.version),
            text: cr.text.get(ctx.lang).to_string(),
            current: answers
                .get(&s.criterion)
                .map_or(Status::Unanswered, |r| r.answer.status)
                .label()
                .get(ctx.lang)
                .to_string(),
            suggested: s
                .status
                .map(|st| st.label().get(ctx.lang).to_string())
                .unwrap_or_default(),
            suggested_value,
            reason: s.reason.clone(),
            reason_class,
        });
    }
    Ok((row.id, out))
}

/// The page, for assessment `chosen` (the only one when there is one).
pub(crate) async fn page(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    spec: &Spec,
    chosen: &str,
    fs: FormState,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let list = state
        .db(move |s| s.read(|c| assessments::list(c, &scope)))
        .await?;
    let chosen = if chosen.is_empty() && list.len() == 1 {
        list[0].id.clone()
    } else {
        chosen.to_string()
    };
    let picking = spec.suggestions.is_empty() && !chosen.is_empty();
    let (rows, picks) = if chosen.is_empty() {
        (Vec::new(), Vec::new())
    } else if picking {
        (Vec::new(), picks(state, ctx, m, &chosen).await?.1)
    } else {
        (rows(state, ctx, m, &chosen, spec).await?.1, Vec::new())
    };
    let mut p = Page::new(ctx, "scan_attach_title");
    p.title = format!("{} — {}", spec.heading, m.org.name);
    Ok(html(ChooseT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        crumbs: spec.crumbs.clone(),
        heading: spec.heading.clone(),
        intro: spec.intro.clone(),
        basis: spec.basis.clone(),
        action: spec.action.clone(),
        assessments: list
            .iter()
            .map(|a| (a.id.clone(), a.title.clone()))
            .collect(),
        chosen,
        rows,
        picking,
        picks,
        picked: fs.value("attach", "criterion", "").to_string(),
        valid_days: fs
            .value("attach", "valid_days", &spec.default_days.to_string())
            .to_string(),
        fs,
    }))
}

/// Saves the form (`assessment`, `valid_days`, per criterion `status:`/`version:`; or, for a
/// subject without suggestions, `criterion`, possibly empty): the file `make(days)` builds is
/// kept and linked, the chosen statuses saved; then `done` is opened.
pub(crate) async fn save(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    spec: &Spec,
    form: &[(String, String)],
    make: impl FnOnce(i64) -> KeptFile,
    done: String,
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
    let picked = field("criterion");
    let fs = FormState::new("attach", &[("valid_days", &valid), ("criterion", &picked)]);
    let (aid_checked, choices) = if spec.suggestions.is_empty() {
        let (aid_checked, picks) = picks(state, ctx, m, &aid).await?;
        // One criterion of the assessment's level, linked with its answer left as it is.
        let choices = match picked.as_str() {
            "" => Vec::new(),
            c if picks.iter().any(|(id, _)| id == c) => vec![(picked.clone(), None, 0)],
            _ => return Err(AppError::BadRequest(UserError::BadRequest)),
        };
        (aid_checked, choices)
    } else {
        let (aid_checked, rows) = rows(state, ctx, m, &aid, spec).await?;
        let criteria: Vec<String> = rows.iter().map(|r| r.criterion.clone()).collect();
        (aid_checked, kept::choices(form, &criteria)?)
    };
    let saved = match valid.parse::<i64>().ok().filter(|d| (1..=366).contains(d)) {
        None => Err(AppError::BadRequest(UserError::ScanValidDays)),
        Some(days) => {
            let uid = ctx.user()?.0.id.clone();
            kept::attach(state, &uid, m.scope(), &aid_checked, make(days), choices).await
        }
    };
    match checked(saved, fs, ctx.lang)? {
        Ok(()) => Ok(Redirect::to(&done).into_response()),
        Err(fs) => Ok(unprocessable(page(state, ctx, m, spec, &aid, fs).await?)),
    }
}
