//! Saving one answer, with optimistic concurrency.

use hoshi_core::{Answer, AnswerInput};
use hoshi_store::assessments::{self};

use super::category::{Again, Typed, render_category, render_table};
use crate::kernel::prelude::*;
use hoshi_core::UserError;

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    evidence: String,
    #[serde(default)]
    note: String,
}

#[derive(Template)]
#[template(path = "assessments/conflict.html")]
struct ConflictT {
    p: Page,
    org_id: String,
    id: String,
    category_id: String,
    criterion: String,
    mine: (String, String, String, String),
    theirs: (String, String, String, String),
}

pub async fn save_answer(
    State(state): State<Shared>,
    Path((org, id, crit)): Path<(OrgId, AssessmentId, String)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, AnswerForm>,
) -> AppResult<Response> {
    let (row, c) = assessment_and_catalog(&state, m.scope(), &id).await?;
    let c = &*c;
    let criterion = c
        .criterion(&crit)
        .filter(|cr| cr.level <= row.level)
        .ok_or(AppError::NotFound)?;
    let category_id = c
        .category_of(criterion)
        .map(|x| x.id.clone())
        .unwrap_or_default();
    let version: i64 = f
        .version
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest(UserError::BadRequest))?;
    let evidence: Vec<&str> = f.evidence.lines().collect();
    let input = AnswerInput {
        status: &f.status,
        reason: &f.reason,
        evidence: &evidence,
        note: &f.note,
    };
    let answer = match input.validate() {
        Ok(a) => a,
        Err(e) => {
            let mut again = Again::default();
            again.typed.insert(
                crit.clone(),
                Typed {
                    version,
                    status: f.status.clone(),
                    reason: f.reason.clone(),
                    evidence: f.evidence.clone(),
                    note: f.note.clone(),
                    problems: vec![(e.field(), e.message(ctx.lang))],
                    theirs: None,
                },
            );
            let page = render_category(&state, &ctx, &m, (&id, &category_id), false, again).await?;
            return Ok(unprocessable(page));
        }
    };
    let uid = ctx.user()?.0.id.clone();
    let (oid, aid, cid, a2) = (
        m.org.id.clone(),
        row.id.clone(),
        crit.clone(),
        answer.clone(),
    );
    let saved = state
        .db(move |s| {
            s.write(|tx| assessments::save_answer(tx, now(), &uid, &oid, &aid, &cid, version, &a2))
        })
        .await;
    match saved {
        Ok(_) => Ok(Redirect::to(&format!(
            "/o/{org}/a/{id}/c/{category_id}?saved={crit}#c-{crit}"
        ))
        .into_response()),
        Err(AppError::Conflict) => {
            let (aid, cid) = (row.id.clone(), crit.clone());
            let current = state
                .db(move |s| s.read(|c| assessments::answer(c, &aid, &cid)))
                .await?;
            let lang = ctx.lang;
            let show = |a: &Answer| {
                (
                    a.status.label().get(lang).to_string(),
                    a.reason.clone(),
                    a.evidence.join("\n"),
                    a.note.clone(),
                )
            };
            let theirs = current.map(|r| show(&r.answer)).unwrap_or_default();
            let mut r = html(ConflictT {
                p: Page::new(&ctx, "conflict"),
                org_id: org.to_string(),
                id: id.to_string(),
                category_id,
                criterion: crit,
                mine: show(&answer),
                theirs,
            });
            *r.status_mut() = StatusCode::CONFLICT;
            Ok(r)
        }
        Err(e) => Err(e),
    }
}

/// What one criterion's fields of the category form hold.
#[derive(Default)]
struct Fields {
    version: Option<String>,
    status: Option<String>,
    reason: String,
    evidence: String,
    note: String,
}

/// The category form's fields, by criterion, for the criteria of this page only. A field is
/// named `<field>.<criterion>`.
fn fields_by_criterion(
    form: Vec<(String, String)>,
    on_page: &[&hoshi_core::Criterion],
) -> std::collections::BTreeMap<String, Fields> {
    let mut out: std::collections::BTreeMap<String, Fields> = Default::default();
    for (k, v) in form {
        let Some((field, crit)) = k.split_once('.') else {
            continue;
        };
        if !on_page.iter().any(|c| c.id == crit) {
            continue;
        }
        let f = out.entry(crit.to_string()).or_default();
        match field {
            "version" => f.version = Some(v),
            "status" => f.status = Some(v),
            "reason" => f.reason = v,
            "evidence" => f.evidence = v,
            "note" => f.note = v,
            _ => {}
        }
    }
    out
}

/// A change to write: the criterion, the version the form was made from, the new answer.
type Change = (String, i64, Answer);

/// What was sent for the criteria on a page, checked against what is stored: what to show again
/// per criterion, and the changes to write (criterion, the version it was made from, answer).
fn check_answers(
    form: Vec<(String, String)>,
    on_page: &[&hoshi_core::Criterion],
    stored: &std::collections::BTreeMap<String, assessments::AnswerRow>,
    lang: Lang,
) -> AppResult<(Again, Vec<Change>)> {
    let mut again = Again::default();
    let mut changes: Vec<Change> = Vec::new();
    for (crit, f) in fields_by_criterion(form, on_page) {
        let version: i64 = f
            .version
            .as_deref()
            .unwrap_or("0")
            .trim()
            .parse()
            .map_err(|_| AppError::BadRequest(UserError::BadRequest))?;
        let current = stored.get(&crit);
        let current_answer = current.map(|r| r.answer.clone()).unwrap_or_default();
        let current_version = current.map_or(0, |r| r.version);
        let status = f
            .status
            .clone()
            .unwrap_or_else(|| current_answer.status.id().to_string());
        let evidence: Vec<&str> = f.evidence.lines().collect();
        let input = AnswerInput {
            status: &status,
            reason: &f.reason,
            evidence: &evidence,
            note: &f.note,
        };
        let mut typed = Typed {
            version,
            status: status.clone(),
            reason: f.reason.clone(),
            evidence: f.evidence.clone(),
            note: f.note.clone(),
            problems: vec![],
            theirs: None,
        };
        match input.validate() {
            Err(e) => typed.problems.push((e.field(), e.message(lang))),
            Ok(a) if a == current_answer => {}
            Ok(_) if current_version != version => {
                typed.version = current_version;
                typed.theirs = Some(shown(&current_answer, lang));
            }
            Ok(a) => changes.push((crit.clone(), version, a)),
        }
        again.typed.insert(crit, typed);
    }
    Ok((again, changes))
}

/// Whether any criterion comes back with a problem or someone else's answer.
fn refused(again: &Again) -> bool {
    again
        .typed
        .values()
        .any(|t| !t.problems.is_empty() || t.theirs.is_some())
}

/// Writes every change in one transaction; `Ok(false)` when someone saved one of them in the
/// moment between reading and writing (then nothing was written).
async fn write_answers(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    aid: &str,
    changes: Vec<Change>,
) -> AppResult<bool> {
    if changes.is_empty() {
        return Ok(true);
    }
    let (uid, oid, aid) = (ctx.user()?.0.id.clone(), m.org.id.clone(), aid.to_string());
    let saved = state
        .db(move |s| {
            s.write(|tx| {
                for (crit, version, a) in &changes {
                    assessments::save_answer(tx, now(), &uid, &oid, &aid, crit, *version, a)?;
                }
                Ok(())
            })
        })
        .await;
    match saved {
        Ok(()) => Ok(true),
        Err(AppError::Conflict) => Ok(false),
        Err(e) => Err(e),
    }
}

/// `POST /o/{org}/a/{id}/c/{cat}/answers`: every criterion changed on the category page, saved
/// together. Criteria whose input equals what is stored are left alone. If any changed criterion
/// has a problem, or someone else saved it since the page was opened, nothing is saved: the page
/// comes back with everything typed, the problem beside each criterion concerned and, for a
/// conflict, the other person's answer.
pub async fn save_category(
    State(state): State<Shared>,
    Path((org, id, cat)): Path<(OrgId, AssessmentId, String)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form,
    }: OrgForm<Editor, Vec<(String, String)>>,
) -> AppResult<Response> {
    let (row, stored) = super::overview::load(&state, &m, &id).await?;
    let catalog = crate::kernel::page::catalog_for(&state, &row)?;
    let c = &*catalog;
    let category = c.category(&cat).ok_or(AppError::NotFound)?;
    let on_page: Vec<&hoshi_core::Criterion> = c
        .criteria_for_level(row.level)
        .filter(|cr| c.category_of(cr).is_some_and(|k| k.id == category.id))
        .collect();
    let (mut again, changes) = check_answers(form, &on_page, &stored, ctx.lang)?;
    if refused(&again) {
        let page = render_category(&state, &ctx, &m, (&id, &cat), false, again).await?;
        return Ok(unprocessable(page));
    }
    if !write_answers(&state, &ctx, &m, &row.id, changes).await? {
        again.fs = FormState::new("answers", &[]).message(None, ctx.t().s("conflict").to_string());
        let page = render_category(&state, &ctx, &m, (&id, &cat), false, again).await?;
        return Ok(unprocessable(page));
    }
    Ok(Redirect::to(&format!("/o/{org}/a/{id}/c/{cat}?saved=1")).into_response())
}

/// `POST /o/{org}/a/{id}/table/answers`: the compact table of every criterion of the level,
/// saved like a category page (all or nothing, conflicts per criterion).
pub async fn save_table(
    State(state): State<Shared>,
    Path((org, id)): Path<(OrgId, AssessmentId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form,
    }: OrgForm<Editor, Vec<(String, String)>>,
) -> AppResult<Response> {
    let (row, stored) = super::overview::load(&state, &m, &id).await?;
    let catalog = crate::kernel::page::catalog_for(&state, &row)?;
    let on_page: Vec<&hoshi_core::Criterion> = catalog.criteria_for_level(row.level).collect();
    let (mut again, changes) = check_answers(form, &on_page, &stored, ctx.lang)?;
    if refused(&again) {
        let page = render_table(&state, &ctx, &m, &id, false, again).await?;
        return Ok(unprocessable(page));
    }
    if !write_answers(&state, &ctx, &m, &row.id, changes).await? {
        again.fs = FormState::new("answers", &[]).message(None, ctx.t().s("conflict").to_string());
        let page = render_table(&state, &ctx, &m, &id, false, again).await?;
        return Ok(unprocessable(page));
    }
    Ok(Redirect::to(&format!("/o/{org}/a/{id}/table?saved=1")).into_response())
}

/// An answer as the page shows it: (status, reason, evidence, note).
fn shown(a: &Answer, lang: Lang) -> (String, String, String, String) {
    (
        a.status.label().get(lang).to_string(),
        a.reason.clone(),
        a.evidence.join("\n"),
        a.note.clone(),
    )
}
