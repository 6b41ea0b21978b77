//! Saving one answer, with optimistic concurrency.

use hoshi_core::{Answer, AnswerInput};
use hoshi_store::assessments::{self};

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
    let fs = FormState::new(
        "answer",
        &[
            ("status", &f.status),
            ("reason", &f.reason),
            ("evidence", &f.evidence),
            ("note", &f.note),
        ],
    );
    let input = AnswerInput {
        status: &f.status,
        reason: &f.reason,
        evidence: &evidence,
        note: &f.note,
    };
    let answer = match input.validate() {
        Ok(a) => a,
        Err(e) => {
            let again = super::category::AnswerAgain {
                criterion: crit.clone(),
                version,
                fs: fs.problem(&e, ctx.lang),
            };
            let page = super::category::render_category(
                &state,
                &ctx,
                &m,
                (&id, &category_id),
                false,
                Some(again),
            )
            .await?;
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
