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
    &hoshi_store::WriteTx,
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
    agree: Option<String>,
}

/// `POST /o/{org}/a/{id}/review/declare`: an officer declares in person, under their own account
/// (a member an owner recorded as an officer, with a second factor).
pub async fn declare(
    State(state): State<Shared>,
    Path((org, id)): Path<(OrgId, AssessmentId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Viewer, DeclareForm>,
) -> AppResult<Response> {
    let agree = if f.agree.is_some() { "1" } else { "" };
    let fs = FormState::new("declaration", &[("agree", agree)]);
    let declared = match f.agree {
        None => Err(AppError::BadRequest(UserError::DeclareAgree)),
        Some(_) => record_declaration(&state, &ctx, &m, &id, Who::InPerson).await,
    };
    declared_or_again(
        &state,
        &ctx,
        &m,
        (&org, &id),
        checked(declared, fs, ctx.lang)?,
    )
    .await
}

/// `POST /o/{org}/a/{id}/review/declare-recorded`: an owner records the declaration of an
/// officer who has no account here, with the statement the officer signed (a PDF or a scan),
/// which is kept as the organisation's evidence and named by its SHA-256 in the signed result.
pub async fn declare_recorded(
    State(state): State<Shared>,
    Path((org, id)): Path<(OrgId, AssessmentId)>,
    upload: OrgUpload<Owner>,
) -> AppResult<Response> {
    let (Member { ctx, m, .. }, up) = upload.read_or_problem(state.config.max_upload).await?;
    let up = match up {
        Ok(up) => up,
        Err(e) => {
            let fs = FormState::new("declaration_recorded", &[]).problem(&e, ctx.lang);
            return declared_or_again(&state, &ctx, &m, (&org, &id), Err(fs)).await;
        }
    };
    let fs = FormState::new(
        "declaration_recorded",
        &[
            ("officer_name", &up.officer_name),
            ("officer_title", &up.officer_title),
            ("agree", if up.agree { "1" } else { "" }),
        ],
    );
    let declared = if up.agree {
        let (name, title) = (up.officer_name.clone(), up.officer_title.clone());
        let statement =
            crate::evidence::files::store_signed_file(&state, &up.file_name, up.bytes).await;
        match statement {
            Ok(file) => {
                let who = Who::OnBehalf { name, title, file };
                record_declaration(&state, &ctx, &m, &id, who).await
            }
            Err(e) => Err(e),
        }
    } else {
        Err(AppError::BadRequest(UserError::DeclareAgree))
    };
    declared_or_again(
        &state,
        &ctx,
        &m,
        (&org, &id),
        checked(declared, fs, ctx.lang)?,
    )
    .await
}

/// Back to the assessment after a declaration, or its page again with the form's problems.
async fn declared_or_again(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    (org, id): (&OrgId, &AssessmentId),
    r: Result<(), FormState>,
) -> AppResult<Response> {
    match r {
        Ok(()) => Ok(Redirect::to(&format!("/o/{org}/a/{id}")).into_response()),
        Err(fs) => Ok(unprocessable(
            crate::assessments::overview::render_assessment(state, ctx, m, id, None, fs).await?,
        )),
    }
}

/// Who declares, as the handler received it.
enum Who {
    InPerson,
    OnBehalf {
        name: String,
        title: String,
        file: crate::evidence::files::SignedFile,
    },
}

/// Records the declaration (and, on an officer's behalf, the signed statement as evidence) in
/// one transaction.
async fn record_declaration(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    id: &str,
    who: Who,
) -> AppResult<()> {
    let (row, c) = crate::kernel::page::assessment_and_catalog(state, m.scope(), id).await?;
    let level = c
        .level(row.level)
        .map(|l| l.label.get(ctx.lang).to_string())
        .unwrap_or_default();
    let text = statement(ctx.lang, &m.org.name, &level, row.level >= 4);
    let uid = ctx.user()?.0.id.clone();
    let (oid, aid) = (m.org.id.clone(), row.id.clone());
    let today = crate::kernel::time::today();
    let evidence_title = match ctx.lang {
        Lang::Ja => "経営層の宣誓書（署名済み）",
        Lang::En => "Management declaration (signed)",
    };
    state
        .db(move |s| {
            s.write(|tx| {
                let who = match &who {
                    Who::InPerson => reviews::Declarer::InPerson,
                    Who::OnBehalf { name, title, file } => {
                        if name.trim().is_empty() || title.trim().is_empty() {
                            return Err(hoshi_store::StoreError::Rule(UserError::DeclareBad));
                        }
                        let e = hoshi_store::evidence::create(
                            tx,
                            now(),
                            &uid,
                            hoshi_store::evidence::NewEvidence {
                                org_id: &oid,
                                title: &format!("{evidence_title} — {title} {name}"),
                                source: hoshi_store::evidence::Source::File {
                                    file_name: &file.name,
                                    sha256: &file.sha,
                                    size: file.size,
                                    media_type: file.media,
                                },
                                effective_date: &today,
                                expires_date: None,
                            },
                        )?;
                        return reviews::declare(
                            tx,
                            now(),
                            &uid,
                            &oid,
                            &aid,
                            reviews::Declarer::OnBehalf {
                                officer_name: name,
                                officer_title: title,
                                evidence_id: &e.id,
                            },
                            &today,
                            &text,
                        );
                    }
                };
                reviews::declare(tx, now(), &uid, &oid, &aid, who, &today, &text)
            })
        })
        .await?;
    Ok(())
}
