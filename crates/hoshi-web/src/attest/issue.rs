//! Issuing signed results, downloads, revocation and the public revocation list.

use crate::kernel::path::Path;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use hoshi_attest::{
    CategorySummary, Declaration, Envelope, ExpertConfirmation, Organisation, Predicate, Statement,
    Subject,
};
use hoshi_core::Lang;
use hoshi_core::UserError;
use hoshi_core::{AssessmentId, AttestationId, OrgId};
use hoshi_store::assessments;
use hoshi_store::attestations::{self, NewAttestation};
use serde::Deserialize;

use crate::kernel::error::{AppError, AppResult, CsrfOnly};
use crate::kernel::form::{FormState, checked, unprocessable};
use crate::kernel::guard::{Member, OrgForm, Owner, Viewer};
use crate::{Shared, now};

/// What the officer declared on a confirmed review, and until when the confirmation holds.
struct Declared {
    officer_name: String,
    officer_title: String,
    declared_on: String,
    valid_until: String,
    /// `IN_PERSON`, `RECORDED`, or empty for a declaration made before hoshi told them apart.
    method: &'static str,
    /// The signed statement's SHA-256, for a recorded declaration.
    statement_sha256: String,
}

impl Declared {
    /// The declaration as the attestation states it.
    fn into_declaration(self) -> Declaration {
        Declaration {
            officer_name: self.officer_name,
            officer_title: self.officer_title,
            date: self.declared_on,
            method: self.method.to_string(),
            statement_sha256: self.statement_sha256,
        }
    }
}

/// The day the expert or evaluation body confirmed the review.
fn confirmed_on(review: &hoshi_store::reviews::Review) -> String {
    review
        .confirmed_at
        .map(hoshi_core::time::date_jst)
        .unwrap_or_default()
}

/// Each category's share of criteria met, named in Japanese (the attestation's language).
fn category_summaries(e: &hoshi_core::Evaluation) -> Vec<CategorySummary> {
    e.categories
        .iter()
        .map(|k| CategorySummary {
            id: k.id.clone(),
            name: k.name.get(Lang::Ja).to_string(),
            percent: k.progress.percent(),
        })
        .collect()
}

/// A review that may be attested: confirmed, declared by an officer, still valid `today`.
fn declared_review(
    review: Option<hoshi_store::reviews::Review>,
    statement_sha256: Option<String>,
    today: &str,
) -> AppResult<(hoshi_store::reviews::Review, Declared)> {
    let review = review
        .filter(|r| r.status == hoshi_core::ReviewStatus::Confirmed)
        .ok_or(AppError::BadRequest(UserError::AttestNotConfirmed))?;
    let (Some(officer_name), Some(officer_title), Some(declared_on)) = (
        review.officer_name.clone(),
        review.officer_title.clone(),
        review.declared_on.clone(),
    ) else {
        return Err(AppError::BadRequest(UserError::AttestNotDeclared));
    };
    let valid_until = review.valid_until.clone().unwrap_or_default();
    if valid_until.as_str() < today {
        return Err(AppError::BadRequest(UserError::AttestExpired));
    }
    let method = match (review.declared_in_person, &statement_sha256) {
        (true, _) => hoshi_attest::IN_PERSON,
        (false, Some(_)) => hoshi_attest::RECORDED,
        (false, None) => "",
    };
    Ok((
        review,
        Declared {
            officer_name,
            officer_title,
            declared_on,
            valid_until,
            method,
            statement_sha256: statement_sha256.unwrap_or_default(),
        },
    ))
}

/// The result the attestation names by digest: the answers and the per-category summary.
fn result_json(
    row: &assessments::AssessmentRow,
    org_name: &str,
    e: &hoshi_core::Evaluation,
    categories: &[CategorySummary],
    answers: &std::collections::BTreeMap<String, assessments::AnswerRow>,
) -> AppResult<Vec<u8>> {
    let result = serde_json::json!({
        "assessment": row.id,
        "title": row.title,
        "organisation": org_name,
        "catalog": row.catalog,
        "edition": row.edition,
        "level": row.level,
        "verdict": if e.target_reached { "met" } else { "not-met" },
        "categories": categories.iter().map(|k| serde_json::json!({"id": k.id, "percent": k.percent})).collect::<Vec<_>>(),
        "answers": answers.values().map(|a| (a.criterion_id.clone(), serde_json::json!(a.answer.status))).collect::<serde_json::Map<_, _>>(),
    });
    serde_json::to_vec(&result).map_err(|e| AppError::Internal(e.to_string()))
}

/// Signs the statement with the active key: (key id, envelope JSON).
fn sign(state: &Shared, statement: &Statement) -> AppResult<(String, String)> {
    let envelope = {
        let keys = state.keys.read().unwrap_or_else(|p| p.into_inner());
        let ks = keys
            .as_ref()
            .ok_or_else(|| AppError::Internal("signing keys are not open".into()))?;
        Envelope::sign(statement, ks.active())
    };
    let keyid = envelope.signatures[0].keyid.clone();
    let env_text =
        String::from_utf8(envelope.to_json()).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((keyid, env_text))
}

/// What a signed result is made of, read in one snapshot: the review, who confirmed it, the
/// report's material and the organisation's 法人番号.
async fn read_material(
    state: &Shared,
    scope: &hoshi_store::OrgScope,
    row: &assessments::AssessmentRow,
    today: &str,
) -> AppResult<(
    Option<hoshi_store::reviews::Review>,
    Option<crate::report::Confirmer>,
    crate::report::Material,
    Option<String>,
    Option<String>,
)> {
    let (aid, scope, r2, t2) = (
        row.id.clone(),
        scope.clone(),
        row.clone(),
        today.to_string(),
    );
    state
        .db(move |s| {
            s.read(|c| {
                let r = hoshi_store::reviews::get(c, &scope, &aid)?;
                let who = match &r {
                    Some(r) => crate::report::confirmer(c, r)?,
                    None => None,
                };
                let material = crate::report::material(c, &scope, &r2, &t2)?;
                let number = hoshi_store::orgs::corporate_number(c, &scope)?;
                // A declaration recorded on an officer's behalf: the signed statement's hash.
                let statement = match r.as_ref().and_then(|r| r.declaration_evidence.clone()) {
                    Some(eid) => hoshi_store::evidence::get(c, &scope, &eid)?.sha256,
                    None => None,
                };
                Ok((r, who, material, number, statement))
            })
        })
        .await
}

/// `POST /o/{org}/a/{id}/attest`: an owner issues a signed result of a confirmed, declared,
/// still valid assessment.
pub async fn issue(
    State(state): State<Shared>,
    Path((org, id)): Path<(OrgId, AssessmentId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: _,
    }: OrgForm<Owner, CsrfOnly>,
) -> AppResult<Response> {
    let (row, c) = crate::kernel::page::assessment_and_catalog(&state, m.scope(), &id).await?;
    let c = &*c;
    let today = crate::kernel::time::today();
    let (review, confirmer, material, corporate_number, statement) =
        read_material(&state, m.scope(), &row, &today).await?;
    let (review, declared) = declared_review(review, statement, &today)?;
    let valid_until = declared.valid_until.clone();
    let who = confirmer.ok_or(AppError::BadRequest(UserError::AttestNotConfirmed))?;
    let answers = material.answers.clone();
    let e = hoshi_core::evaluate_unchecked(c, &assessments::to_core(&row, &answers, &m.org.name));
    let categories = category_summaries(&e);
    let result_json = result_json(&row, &m.org.name, &e, &categories, &answers)?;
    // The id is chosen first so that the report can print it (and its QR code) before both are
    // signed together.
    let att_id = hoshi_store::random_hex(32);
    let issuer = state.config.public_url.trim_end_matches('/').to_string();
    let pdf = crate::report::render(
        &state,
        c,
        &row,
        &m.org.name,
        material,
        Lang::Ja,
        Some(hoshi_pdf::AttestationRef {
            id: att_id.clone(),
            verify_url: format!("{issuer}/verify?id={att_id}"),
            valid_until: valid_until.clone(),
        }),
    )
    .await?;
    let statement = Statement::new(
        vec![
            Subject::sha256("result.json", &result_json),
            Subject::sha256("report.pdf", &pdf),
        ],
        Predicate {
            id: att_id.clone(),
            organisation: Organisation {
                name: m.org.name.clone(),
                corporate_number,
            },
            catalog: row.catalog.clone(),
            edition: row.edition.clone(),
            level: row.level,
            verdict: if e.target_reached { "met" } else { "not-met" }.into(),
            categories,
            confirmation: ExpertConfirmation {
                name: who.name,
                qualification: who.qualification,
                registration_number: who.registration_number,
                confirmed_on: confirmed_on(&review),
            },
            declaration: declared.into_declaration(),
            issued_at: hoshi_core::time::rfc3339(now()),
            valid_until: valid_until.clone(),
            issuer,
        },
    );
    let (keyid, env_text) = sign(&state, &statement)?;
    let result_text =
        String::from_utf8(result_json).map_err(|e| AppError::Internal(e.to_string()))?;
    let uid = ctx.user()?.0.id.clone();
    let confirmed_at = review.confirmed_at;
    let (oid, aid, level) = (m.org.id.clone(), row.id.clone(), row.level);
    state
        .db(move |s| {
            s.write(|tx| {
                attestations::record(
                    tx,
                    now(),
                    &uid,
                    NewAttestation {
                        id: &att_id,
                        org_id: &oid,
                        assessment_id: &aid,
                        keyid: &keyid,
                        level,
                        valid_until: &valid_until,
                        envelope: &env_text,
                        result_json: &result_text,
                        report_pdf: Some(&pdf),
                        confirmed_at,
                    },
                )
            })
        })
        .await?;
    Ok(Redirect::to(&format!("/o/{org}/a/{id}#attestations")).into_response())
}

pub(super) fn attachment(content: String, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        content,
    )
        .into_response()
}

/// `GET /o/{org}/attestations/{att}`: the signed envelope (members).
pub async fn download(
    State(state): State<Shared>,
    Member { m, .. }: Member<Viewer>,
    Path((_, att)): Path<(OrgId, AttestationId)>,
) -> AppResult<Response> {
    let a = load(&state, &m, att).await?;
    Ok(attachment(
        a.envelope,
        &format!("hoshi-attestation-{}.intoto.json", &a.id[..12]),
    ))
}

/// `GET /o/{org}/attestations/{att}/report.pdf`: the PDF report the attestation names, byte for
/// byte as signed (members).
pub async fn report_pdf(
    State(state): State<Shared>,
    Member { m, .. }: Member<Viewer>,
    Path((_, att)): Path<(OrgId, AttestationId)>,
) -> AppResult<Response> {
    let a = load(&state, &m, att).await?;
    let (scope, id) = (m.scope().clone(), a.id.clone());
    let pdf = state
        .db(move |s| s.read(|c| attestations::report_pdf(c, &scope, &id)))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(crate::report::pdf_response(pdf, "report.pdf"))
}

/// `GET /o/{org}/attestations/{att}/result.json`: the result the attestation names (members).
pub async fn result(
    State(state): State<Shared>,
    Member { m, .. }: Member<Viewer>,
    Path((_, att)): Path<(OrgId, AttestationId)>,
) -> AppResult<Response> {
    let a = load(&state, &m, att).await?;
    Ok(attachment(a.result_json, "result.json"))
}

pub(super) async fn load(
    state: &Shared,
    m: &hoshi_store::orgs::Membership,
    att: AttestationId,
) -> AppResult<attestations::Attestation> {
    let (scope, id) = (m.scope().clone(), att);
    state
        .db(move |s| s.read(|c| attestations::get(c, &scope, &id)))
        .await
}

#[derive(Deserialize)]
pub struct RevokeForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    reason: String,
}

/// `POST /o/{org}/attestations/{att}/revoke`: an owner revokes; listed publicly at once.
pub async fn revoke(
    State(state): State<Shared>,
    Path((org, att)): Path<(OrgId, AttestationId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Owner, RevokeForm>,
) -> AppResult<Response> {
    let a = load(&state, &m, att).await?;
    let uid = ctx.user()?.0.id.clone();
    let (oid, id) = (m.org.id.clone(), a.id.clone());
    let fs = FormState::new("revoke", &[("reason", &f.reason)]).at(&a.id);
    let done = state
        .db(move |s| s.write(|tx| attestations::revoke(tx, now(), &uid, &oid, &id, &f.reason)))
        .await;
    match checked(done, fs, ctx.lang)? {
        Ok(()) => Ok(
            Redirect::to(&format!("/o/{org}/a/{}#attestations", a.assessment_id)).into_response(),
        ),
        Err(fs) => Ok(unprocessable(
            crate::assessments::overview::render_assessment(
                &state,
                &ctx,
                &m,
                &a.assessment_id,
                None,
                fs,
            )
            .await?,
        )),
    }
}

/// `GET /.well-known/hoshi-revoked.json`: every attestation this instance revoked.
pub async fn revoked_list(State(state): State<Shared>) -> AppResult<Response> {
    let list = state.db(|s| s.read(attestations::revoked)).await?;
    let body = serde_json::json!({
        "issuer": state.config.public_url.trim_end_matches('/'),
        "revoked": list.iter().map(|(id, at)| serde_json::json!({"id": id, "revoked_at": hoshi_core::time::rfc3339(*at)})).collect::<Vec<_>>(),
    });
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        serde_json::to_vec_pretty(&body).map_err(|e| AppError::Internal(e.to_string()))?,
    )
        .into_response())
}
