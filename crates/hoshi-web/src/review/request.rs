//! The supplier's side: inviting an expert, submitting for review, the management declaration.

use hoshi_core::UserError;
use hoshi_store::reviews::{self};

use super::view::statement;
use crate::kernel::prelude::*;

/// `POST /o/{org}/a/{id}/review/invite`: a single-use link for the expert.
pub async fn invite_expert(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, AssessmentId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: _,
    }: OrgForm<Editor, CsrfOnly>,
) -> AppResult<Response> {
    let (row, _) = crate::kernel::page::assessment_and_catalog(&state, m.scope(), &id).await?;
    let uid = ctx.user()?.0.id.clone();
    let (oid, aid) = (m.org.id.clone(), row.id.clone());
    let done = state
        .db(move |s| s.write(|tx| reviews::invite_expert(tx, now(), &uid, &oid, &aid, 14)))
        .await;
    // Once the review has started (or ended) the reviewer stays: the page says why.
    match checked(done, FormState::new("review", &[]), ctx.lang)? {
        Ok(token) => {
            let link = format!(
                "{}/expert-invite/{token}",
                state.config.public_url.trim_end_matches('/')
            );
            let fs = FormState::default();
            crate::assessments::overview::render_assessment(&state, &ctx, &m, &id, Some(link), fs)
                .await
        }
        Err(fs) => Ok(unprocessable(
            crate::assessments::overview::render_assessment(&state, &ctx, &m, &id, None, fs)
                .await?,
        )),
    }
}

/// A review step the supplier takes (submit, withdraw): `OrgForm` checked, the step applied,
/// and a refusal shown on the assessment page.
type SupplierStep = fn(
    &hoshi_store::Transaction,
    i64,
    &str,
    &str,
    &str,
) -> hoshi_store::Result<hoshi_store::reviews::Review>;

async fn supplier_step(
    state: Shared,
    (org, id): (OrgId, AssessmentId),
    Member { ctx, m, .. }: Member<Editor>,
    step: SupplierStep,
) -> AppResult<Response> {
    let uid = ctx.user()?.0.id.clone();
    let (oid, aid) = (m.org.id.clone(), id.to_string());
    let done = state
        .db(move |s| s.write(|tx| step(tx, now(), &uid, &oid, &aid)))
        .await;
    match checked(done, FormState::new("review", &[]), ctx.lang)? {
        Ok(_) => Ok(Redirect::to(&format!("/o/{org}/a/{id}")).into_response()),
        Err(fs) => Ok(unprocessable(
            crate::assessments::overview::render_assessment(&state, &ctx, &m, &id, None, fs)
                .await?,
        )),
    }
}

/// `POST /o/{org}/a/{id}/review/submit`: ask the assigned expert to confirm.
pub async fn submit(
    State(state): State<Shared>,
    Path(path): Path<(OrgId, AssessmentId)>,
    OrgForm { member, form: _ }: OrgForm<Editor, CsrfOnly>,
) -> AppResult<Response> {
    supplier_step(state, path, member, reviews::submit).await
}

/// `POST /o/{org}/a/{id}/review/withdraw`: take the submission back before the reviewer starts.
pub async fn withdraw(
    State(state): State<Shared>,
    Path(path): Path<(OrgId, AssessmentId)>,
    OrgForm { member, form: _ }: OrgForm<Editor, CsrfOnly>,
) -> AppResult<Response> {
    supplier_step(state, path, member, reviews::withdraw).await
}

#[derive(Deserialize)]
pub struct DeclareForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    officer_name: String,
    #[serde(default)]
    officer_title: String,
    #[serde(default)]
    agree: Option<String>,
}

/// `POST /o/{org}/a/{id}/review/declare`: an owner signs the management declaration.
pub async fn declare(
    State(state): State<Shared>,
    Path((org, id)): Path<(OrgId, AssessmentId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Owner, DeclareForm>,
) -> AppResult<Response> {
    let agree = if f.agree.is_some() { "1" } else { "" };
    let fs = FormState::new(
        "declaration",
        &[
            ("officer_name", &f.officer_name),
            ("officer_title", &f.officer_title),
            ("agree", agree),
        ],
    );
    let declared = declare_checked(&state, &ctx, &m, &id, &f).await;
    match checked(declared, fs, ctx.lang)? {
        Ok(()) => Ok(Redirect::to(&format!("/o/{org}/a/{id}")).into_response()),
        Err(fs) => Ok(unprocessable(
            crate::assessments::overview::render_assessment(&state, &ctx, &m, &id, None, fs)
                .await?,
        )),
    }
}

/// Checks the declaration and records it.
async fn declare_checked(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    id: &str,
    f: &DeclareForm,
) -> AppResult<()> {
    if f.agree.is_none() {
        return Err(AppError::BadRequest(UserError::DeclareAgree));
    }
    let (row, c) = crate::kernel::page::assessment_and_catalog(state, m.scope(), id).await?;
    let level = c
        .level(row.level)
        .map(|l| l.label.get(ctx.lang).to_string())
        .unwrap_or_default();
    let text = statement(ctx.lang, &m.org.name, &level, row.level >= 4);
    let uid = ctx.user()?.0.id.clone();
    let (oid, aid) = (m.org.id.clone(), row.id.clone());
    let today = crate::kernel::time::today();
    let (name, title) = (f.officer_name.clone(), f.officer_title.clone());
    state
        .db(move |s| {
            s.write(|tx| {
                reviews::declare(tx, now(), &uid, &oid, &aid, &name, &title, &today, &text)
            })
        })
        .await?;
    Ok(())
}
