//! Issuing signed results (attestations), downloading and revoking them, and the public
//! revocation list.

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use hoshi_attest::{
    CategorySummary, Declaration, Envelope, ExpertConfirmation, Organisation, Predicate, Statement,
    Subject,
};
use hoshi_core::Lang;
use hoshi_store::assessments;
use hoshi_store::attestations::{self, NewAttestation};
use hoshi_store::orgs::Role;
use serde::Deserialize;

use crate::ctx::Ctx;
use crate::error::{AppError, AppForm, AppResult, CsrfOnly};
use crate::{Shared, now};

/// `POST /o/{org}/a/{id}/attest`: an owner issues a signed result of a confirmed, declared,
/// still valid assessment.
pub async fn issue(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, id)): Path<(String, String)>,
    AppForm(f): AppForm<CsrfOnly>,
) -> AppResult<Response> {
    ctx.check_csrf(&f._csrf)?;
    let m = ctx.org_role(&state, &org, Role::Owner).await?;
    let (row, c) = crate::pages::assessment_and_catalog(&state, &m.org.id, &id).await?;
    let today = hoshi_core::time::date(now());
    let (aid, oid, r2, t2) = (row.id.clone(), m.org.id.clone(), row.clone(), today.clone());
    let (review, confirmer, material, corporate_number) = state
        .db(move |s| {
            s.read(|c| {
                let r = hoshi_store::reviews::get(c, &aid)?;
                let who = match &r {
                    Some(r) => crate::report::confirmer(c, r)?,
                    None => None,
                };
                let material = crate::report::material(c, &r2, &t2)?;
                let number = hoshi_store::orgs::corporate_number(c, &oid)?;
                Ok((r, who, material, number))
            })
        })
        .await?;
    let review = review
        .filter(|r| r.status == "confirmed")
        .ok_or_else(|| AppError::BadRequest("attest_not_confirmed".into()))?;
    let (Some(officer_name), Some(officer_title), Some(declared_on)) = (
        review.officer_name.clone(),
        review.officer_title.clone(),
        review.declared_on.clone(),
    ) else {
        return Err(AppError::BadRequest("attest_not_declared".into()));
    };
    let valid_until = review.valid_until.clone().unwrap_or_default();
    if valid_until.as_str() < today.as_str() {
        return Err(AppError::BadRequest("attest_expired".into()));
    }
    let who = confirmer.ok_or_else(|| AppError::BadRequest("attest_not_confirmed".into()))?;
    let answers = material.answers.clone();
    let e = hoshi_core::evaluate_unchecked(c, &assessments::to_core(&row, &answers, &m.org.name));
    let categories: Vec<CategorySummary> = e
        .categories
        .iter()
        .map(|k| CategorySummary {
            id: k.id.clone(),
            name: k.name.get(Lang::Ja).to_string(),
            percent: k.progress.percent(),
        })
        .collect();
    // The result the attestation names by digest: the answers and the per-category summary.
    let result = serde_json::json!({
        "assessment": row.id,
        "title": row.title,
        "organisation": m.org.name,
        "catalog": row.catalog,
        "edition": row.edition,
        "level": row.level,
        "verdict": if e.target_reached { "met" } else { "not-met" },
        "categories": categories.iter().map(|k| serde_json::json!({"id": k.id, "percent": k.percent})).collect::<Vec<_>>(),
        "answers": answers.values().map(|a| (a.criterion_id.clone(), serde_json::json!(a.answer.status))).collect::<serde_json::Map<_, _>>(),
    });
    let result_json = serde_json::to_vec(&result).map_err(|e| AppError::Internal(e.to_string()))?;
    // The id is chosen first so that the report can print it (and its QR code) before both are
    // signed together.
    let att_id = hoshi_store::random_hex(32);
    let issuer = state.config.public_url.trim_end_matches('/').to_string();
    let pdf = crate::report::render(
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
                confirmed_on: review
                    .confirmed_at
                    .map(hoshi_core::time::date)
                    .unwrap_or_default(),
            },
            declaration: Declaration {
                officer_name,
                officer_title,
                date: declared_on,
            },
            issued_at: hoshi_core::time::rfc3339(now()),
            valid_until: valid_until.clone(),
            issuer,
        },
    );
    let envelope = {
        let keys = state.keys.read().unwrap_or_else(|p| p.into_inner());
        let ks = keys
            .as_ref()
            .ok_or_else(|| AppError::Internal("signing keys are not open".into()))?;
        Envelope::sign(&statement, ks.active())
    };
    let keyid = envelope.signatures[0].keyid.clone();
    let env_text =
        String::from_utf8(envelope.to_json()).map_err(|e| AppError::Internal(e.to_string()))?;
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

fn attachment(content: String, name: &str) -> Response {
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
    ctx: Ctx,
    Path((org, att)): Path<(String, String)>,
) -> AppResult<Response> {
    let a = load(&state, &ctx, &org, &att).await?;
    Ok(attachment(
        a.envelope,
        &format!("hoshi-attestation-{}.intoto.json", &a.id[..12]),
    ))
}

/// `GET /o/{org}/attestations/{att}/report.pdf`: the PDF report the attestation names, byte for
/// byte as signed (members).
pub async fn report_pdf(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, att)): Path<(String, String)>,
) -> AppResult<Response> {
    let a = load(&state, &ctx, &org, &att).await?;
    let (oid, id) = (a.org_id.clone(), a.id.clone());
    let pdf = state
        .db(move |s| s.read(|c| attestations::report_pdf(c, &oid, &id)))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(crate::report::pdf_response(pdf, "report.pdf"))
}

/// `GET /o/{org}/attestations/{att}/result.json`: the result the attestation names (members).
pub async fn result(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, att)): Path<(String, String)>,
) -> AppResult<Response> {
    let a = load(&state, &ctx, &org, &att).await?;
    Ok(attachment(a.result_json, "result.json"))
}

async fn load(
    state: &Shared,
    ctx: &Ctx,
    org: &str,
    att: &str,
) -> AppResult<attestations::Attestation> {
    let m = ctx.org(state, org).await?;
    if att.len() != 64 || !att.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let (oid, id) = (m.org.id.clone(), att.to_string());
    state
        .db(move |s| s.read(|c| attestations::get(c, &oid, &id)))
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
    ctx: Ctx,
    Path((org, att)): Path<(String, String)>,
    AppForm(f): AppForm<RevokeForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&f._csrf)?;
    let m = ctx.org_role(&state, &org, Role::Owner).await?;
    let a = load(&state, &ctx, &org, &att).await?;
    let uid = ctx.user()?.0.id.clone();
    let (oid, id) = (m.org.id.clone(), a.id.clone());
    state
        .db(move |s| s.write(|tx| attestations::revoke(tx, now(), &uid, &oid, &id, &f.reason)))
        .await?;
    Ok(Redirect::to(&format!("/o/{org}/a/{}#attestations", a.assessment_id)).into_response())
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

// ---------------------------------------------------------------- the verification page

pub struct VerifyResult {
    pub valid: bool,
    /// (code, message)
    pub failures: Vec<(String, String)>,
    pub id: String,
    /// (organisation, level, catalog edition, valid until, confirmed by, declared by)
    pub summary: Option<(String, u8, String, String, String, String)>,
}

#[derive(askama::Template)]
#[template(path = "verify.html")]
struct VerifyT {
    p: crate::pages::Page,
    pre: String,
    result: Option<VerifyResult>,
}

fn verify_page(state: &Shared, ctx: &Ctx, result: Option<VerifyResult>) -> Response {
    let mut headers = axum::http::HeaderMap::new();
    let pre = crate::pages::pre_token(ctx, state, &mut headers);
    crate::pages::with_headers(
        headers,
        crate::pages::html(VerifyT {
            p: crate::pages::Page::new(ctx, "verify_title"),
            pre,
            result,
        }),
    )
}

/// `GET /verify`: anyone may check an attestation against this instance's keys.
#[derive(Deserialize)]
pub struct VerifyQuery {
    #[serde(default)]
    id: String,
}

/// `GET /verify` (`?id=` from a report's QR code: the attestation issued here under that id,
/// verified now).
pub async fn verify_form(
    State(state): State<Shared>,
    ctx: Ctx,
    Query(q): Query<VerifyQuery>,
) -> AppResult<Response> {
    if q.id.is_empty() {
        return Ok(verify_page(&state, &ctx, None));
    }
    let id = q.id.to_ascii_lowercase();
    let envelope = if hoshi_attest::is_id(&id) {
        let i = id.clone();
        match state
            .db(move |s| s.read(|c| attestations::envelope_by_id(c, &i)))
            .await
        {
            Ok(e) => Some(e),
            Err(AppError::NotFound) => None,
            Err(e) => return Err(e),
        }
    } else {
        None
    };
    let result = match envelope {
        Some((e, published)) => {
            let mut r = check(&state, e.as_bytes(), ctx.lang).await?;
            // Revoked ids are listed publicly: for one that was never on the register, say only
            // that it is revoked, not whose it was.
            if !published && r.failures.iter().any(|(code, _)| code == "revoked") {
                r.summary = None;
            }
            r
        }
        None => VerifyResult {
            valid: false,
            failures: vec![(
                "unknown-id".into(),
                ctx.t().s("verify_unknown_id").to_string(),
            )],
            id,
            summary: None,
        },
    };
    Ok(verify_page(&state, &ctx, Some(result)))
}

/// `POST /verify`: the uploaded attestation, checked against this instance's published keys and
/// revocation list; every reason is shown.
pub async fn verify_upload(
    State(state): State<Shared>,
    ctx: Ctx,
    mp: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> AppResult<Response> {
    let mut mp = mp.map_err(|_| AppError::BadRequest("bad_request".into()))?;
    let (mut csrf, mut bytes) = (String::new(), Vec::new());
    while let Some(field) = mp
        .next_field()
        .await
        .map_err(|e| AppError::BadRequest(format!("the upload could not be read: {e}")))?
    {
        match field.name().unwrap_or("") {
            "_csrf" => {
                csrf = field
                    .text()
                    .await
                    .map_err(|_| AppError::BadRequest("bad_request".into()))?
            }
            "file" => {
                let b = field
                    .bytes()
                    .await
                    .map_err(|_| AppError::BadRequest("verify_too_large".into()))?;
                if b.len() > hoshi_attest::MAX_ENVELOPE_BYTES {
                    return Err(AppError::BadRequest("verify_too_large".into()));
                }
                bytes = b.to_vec();
            }
            _ => {}
        }
    }
    ctx.check_pre(&csrf)?;
    if bytes.is_empty() {
        return Err(AppError::BadRequest("verify_no_file".into()));
    }
    let result = check(&state, &bytes, ctx.lang).await?;
    Ok(verify_page(&state, &ctx, Some(result)))
}

/// Verifies an envelope against this instance's keys and revocation list.
async fn check(state: &Shared, bytes: &[u8], lang: Lang) -> AppResult<VerifyResult> {
    let keys = state
        .keys
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .as_ref()
        .map(|k| k.key_set().clone())
        .unwrap_or_default();
    let revoked: Vec<String> = state
        .db(|s| s.read(attestations::revoked))
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let today = hoshi_core::time::date(now());
    let v = hoshi_attest::verify(
        bytes,
        &hoshi_attest::VerifyInput {
            keys: &keys,
            revoked: &revoked,
            today: &today,
            files: &[],
        },
    );
    Ok(VerifyResult {
        valid: v.valid(),
        failures: v.failures.iter().map(|f| failure_row(f, lang)).collect(),
        id: v.id.clone().unwrap_or_default(),
        summary: v.statement.as_ref().map(|s| {
            let p = &s.predicate;
            (
                p.organisation.name.clone(),
                p.level,
                format!("{} {}", p.catalog, p.edition),
                p.valid_until.clone(),
                format!(
                    "{} ({} {})",
                    p.confirmation.name,
                    p.confirmation.qualification,
                    p.confirmation.registration_number
                ),
                format!(
                    "{} {} ({})",
                    p.declaration.officer_title, p.declaration.officer_name, p.declaration.date
                ),
            )
        }),
    })
}

// ---------------------------------------------------------------- the public register

#[derive(Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    publish: String,
}

/// `POST /o/{org}/attestations/{att}/publish`: an owner lists or withdraws an attestation on
/// the public register (`publish=1` / `publish=0`).
pub async fn publish(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, att)): Path<(String, String)>,
    AppForm(f): AppForm<PublishForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&f._csrf)?;
    let m = ctx.org_role(&state, &org, Role::Owner).await?;
    let a = load(&state, &ctx, &org, &att).await?;
    let on = match f.publish.as_str() {
        "1" => true,
        "0" => false,
        _ => return Err(AppError::BadRequest("bad_request".into())),
    };
    let uid = ctx.user()?.0.id.clone();
    let (oid, id) = (m.org.id.clone(), a.id.clone());
    state
        .db(move |s| s.write(|tx| attestations::set_published(tx, now(), &uid, &oid, &id, on)))
        .await?;
    Ok(Redirect::to(&format!("/o/{org}/a/{}#attestations", a.assessment_id)).into_response())
}

#[derive(askama::Template)]
#[template(path = "register.html")]
struct RegisterT {
    p: crate::pages::Page,
    /// (id, organisation, level, valid until)
    entries: Vec<(String, String, u8, String)>,
}

/// `GET /register`: organisations that chose to publish a valid signed result — their name,
/// level and validity, and the signed file; nothing else.
pub async fn register_page(State(state): State<Shared>, ctx: Ctx) -> AppResult<Response> {
    let today = hoshi_core::time::date(now());
    let list = state
        .db(move |s| s.read(|c| attestations::register(c, &today)))
        .await?;
    Ok(crate::pages::html(RegisterT {
        p: crate::pages::Page::new(&ctx, "register_title"),
        entries: list
            .into_iter()
            .map(|e| (e.id, e.org_name, e.level, e.valid_until))
            .collect(),
    }))
}

/// `GET /register/{att}.json`: the signed file of a published attestation.
pub async fn register_download(
    State(state): State<Shared>,
    Path(file): Path<String>,
) -> AppResult<Response> {
    let id = file.strip_suffix(".json").unwrap_or("").to_string();
    if id.len() != 64 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let i2 = id.clone();
    let env = state
        .db(move |s| s.read(|c| attestations::published_envelope(c, &i2)))
        .await?;
    Ok(attachment(
        env,
        &format!("hoshi-attestation-{}.intoto.json", &id[..12]),
    ))
}

// ---------------------------------------------------------------- importing for a supplier

/// An imported attestation as the buyer's supplier page shows it, verified again now.
pub struct ImportedView {
    pub id: String,
    pub issuer: String,
    pub organisation: String,
    pub corporate_number: String,
    pub level: u8,
    pub valid_until: String,
    pub valid: bool,
    /// (code, message) for each reason it does not verify today.
    pub failures: Vec<(String, String)>,
}

pub(crate) fn imported_view(a: &attestations::Imported, today: &str, lang: Lang) -> ImportedView {
    let keys = hoshi_attest::parse_keys(a.keys_json.as_bytes()).unwrap_or_default();
    let revoked = a
        .revoked_json
        .as_deref()
        .and_then(|r| hoshi_attest::parse_revoked(r.as_bytes()).ok())
        .unwrap_or_default();
    let mut v = hoshi_attest::verify(
        a.envelope.as_bytes(),
        &hoshi_attest::VerifyInput {
            keys: &keys,
            revoked: &revoked,
            today,
            files: &[],
        },
    );
    // A revocation once recorded stays, whatever list was fetched later.
    if a.revoked
        && !v
            .failures
            .iter()
            .any(|f| matches!(f, hoshi_attest::Failure::Revoked(_)))
    {
        v.failures
            .push(hoshi_attest::Failure::Revoked(a.id.clone()));
    }
    ImportedView {
        id: a.id.clone(),
        issuer: a.issuer.clone(),
        organisation: a.organisation.clone(),
        corporate_number: a.corporate_number.clone().unwrap_or_default(),
        level: a.level,
        valid_until: a.valid_until.clone(),
        valid: v.valid(),
        failures: v.failures.iter().map(|f| failure_row(f, lang)).collect(),
    }
}

/// `POST /o/{org}/suppliers/{rel}/attestations`: a buyer's editor attaches a supplier's
/// attestation issued by another hoshi instance. The issuer's public keys and revocation list
/// are fetched from the issuer named in the attestation (`/.well-known/…` over HTTPS), never
/// taken from whoever uploads the file. Only a valid attestation for this supplier (same
/// 法人番号) is kept; otherwise every reason is shown and nothing is stored.
pub async fn import(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, rel)): Path<(String, String)>,
    mp: Result<axum::extract::Multipart, axum::extract::multipart::MultipartRejection>,
) -> AppResult<Response> {
    // Who may act is settled before the body is read.
    let m = ctx.org_role(&state, &org, Role::Editor).await?;
    if !hoshi_store::is_id(&rel) {
        return Err(AppError::NotFound);
    }
    let mut mp = mp.map_err(|_| AppError::BadRequest("bad_request".into()))?;
    let (mut csrf, mut envelope) = (String::new(), Vec::new());
    while let Some(field) = mp
        .next_field()
        .await
        .map_err(|e| AppError::BadRequest(format!("the upload could not be read: {e}")))?
    {
        let name = field.name().unwrap_or("").to_string();
        let bytes = field
            .bytes()
            .await
            .map_err(|_| AppError::BadRequest("verify_too_large".into()))?;
        if bytes.len() > hoshi_attest::MAX_ENVELOPE_BYTES {
            return Err(AppError::BadRequest(format!("import_too_large: {name}")));
        }
        match name.as_str() {
            "_csrf" => csrf = String::from_utf8_lossy(&bytes).to_string(),
            "envelope" => envelope = bytes.to_vec(),
            _ => {}
        }
    }
    ctx.check_csrf(&csrf)?;
    if envelope.is_empty() {
        return Err(AppError::BadRequest("verify_no_file".into()));
    }
    import_envelope(&state, &ctx, &m.org.id, &rel, envelope).await?;
    Ok(Redirect::to(&format!("/o/{org}/suppliers/{rel}#imported")).into_response())
}

/// `POST /o/{org}/suppliers/{rel}/attestations/{att}/recheck`: fetch the issuer's keys and
/// revocation list again for an imported attestation.
pub async fn recheck_imported(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, rel, att)): Path<(String, String, String)>,
    AppForm(f): AppForm<CsrfOnly>,
) -> AppResult<Response> {
    ctx.check_csrf(&f._csrf)?;
    let m = ctx.org_role(&state, &org, Role::Editor).await?;
    if !hoshi_store::is_id(&rel) || !hoshi_attest::is_id(&att) {
        return Err(AppError::NotFound);
    }
    let (oid, rid, id) = (m.org.id.clone(), rel.clone(), att.clone());
    let stored = state
        .db(move |s| s.read(|c| attestations::imported_one(c, &oid, &rid, &id)))
        .await?;
    import_envelope(&state, &ctx, &m.org.id, &rel, stored.envelope.into_bytes()).await?;
    Ok(Redirect::to(&format!("/o/{org}/suppliers/{rel}#imported")).into_response())
}

/// A reason for failure as pages show it: (code, message).
fn failure_row(f: &hoshi_attest::Failure, lang: Lang) -> (String, String) {
    (f.code().to_string(), f.message(lang))
}

/// The 400 for an attestation that was not imported, with every reason.
fn not_imported(failures: &[hoshi_attest::Failure], lang: Lang) -> AppError {
    let reasons: Vec<String> = failures
        .iter()
        .map(|f| {
            let (code, message) = failure_row(f, lang);
            format!("[{code}] {message}")
        })
        .collect();
    AppError::BadRequest(format!("import_invalid: {}", reasons.join(" / ")))
}

/// Largest key set or revocation list fetched from an issuer.
const ISSUER_FILE_LIMIT: usize = 1024 * 1024;

/// Fetches the issuer's keys and revocation list, verifies, and stores (or records a revocation
/// of an attestation already imported).
async fn import_envelope(
    state: &Shared,
    ctx: &Ctx,
    buyer: &str,
    rel: &str,
    envelope: Vec<u8>,
) -> AppResult<()> {
    let lang = ctx.lang;
    // Who claims to have issued it (unverified: it only says where to fetch the keys from; a
    // false claim fails the signature check against the real issuer's keys).
    let st = hoshi_attest::read_unverified(&envelope)
        .map_err(|f| not_imported(std::slice::from_ref(&f), lang))?;
    let issuer = st.predicate.issuer.trim_end_matches('/').to_string();
    if !issuer.starts_with("https://") {
        return Err(AppError::BadRequest(format!(
            "import_issuer_not_https: {issuer}"
        )));
    }
    let opts = &state.config.issuers;
    let keys_bytes = hoshi_mail::https::get(
        &format!("{issuer}/.well-known/hoshi-keys.json"),
        ISSUER_FILE_LIMIT,
        opts,
    )
    .await
    .map_err(|e| AppError::BadRequest(format!("import_fetch_failed: {e}")))?;
    let revoked_bytes = hoshi_mail::https::get(
        &format!("{issuer}/.well-known/hoshi-revoked.json"),
        ISSUER_FILE_LIMIT,
        opts,
    )
    .await
    .map_err(|e| AppError::BadRequest(format!("import_fetch_failed: {e}")))?;
    let key_set = hoshi_attest::KeySet::from_json(&keys_bytes)
        .map_err(|e| AppError::BadRequest(format!("import_bad_keys: {e}")))?;
    let revoked_list = hoshi_attest::parse_revoked(&revoked_bytes)
        .map_err(|e| AppError::BadRequest(format!("import_bad_revoked: {e}")))?;
    let today = hoshi_core::time::date(now());
    let v = hoshi_attest::verify(
        &envelope,
        &hoshi_attest::VerifyInput {
            keys: &key_set,
            revoked: &revoked_list,
            today: &today,
            files: &[],
        },
    );
    let revoked_text = String::from_utf8_lossy(&revoked_bytes).to_string();
    // The issuer revoked one already imported: record it.
    if let Some(id) = &v.id
        && !v.failures.is_empty()
        && v.failures
            .iter()
            .all(|f| matches!(f, hoshi_attest::Failure::Revoked(_)))
    {
        let (oid, rid, aid) = (buyer.to_string(), rel.to_string(), id.clone());
        let known = state
            .db(move |s| s.read(|c| attestations::imported_one(c, &oid, &rid, &aid)))
            .await;
        if known.is_ok() {
            let uid = ctx.user()?.0.id.clone();
            let (oid, rid, aid) = (buyer.to_string(), rel.to_string(), id.clone());
            state
                .db(move |s| {
                    s.write(|tx| {
                        attestations::mark_imported_revoked(
                            tx,
                            now(),
                            &uid,
                            &oid,
                            &rid,
                            &aid,
                            &revoked_text,
                        )
                    })
                })
                .await?;
            return Ok(());
        }
    }
    if !v.valid() {
        return Err(not_imported(&v.failures, lang));
    }
    let (Some(statement), Some(id)) = (v.statement, v.id) else {
        return Err(AppError::BadRequest("import_invalid".into()));
    };
    let p = statement.predicate;
    let (oid, rid) = (buyer.to_string(), rel.to_string());
    let r = state
        .db(move |s| s.read(|c| hoshi_store::supply::for_buyer_one(c, &oid, &rid)))
        .await?;
    // The attestation must name the supplier by 法人番号: a name alone could be anyone's.
    match &p.organisation.corporate_number {
        Some(n) if n == &r.corporate_number => {}
        Some(n) => {
            return Err(AppError::BadRequest(format!(
                "import_other_org: {n} ≠ {}",
                r.corporate_number
            )));
        }
        None => return Err(AppError::BadRequest("import_no_number".into())),
    }
    let row = attestations::Imported {
        relationship_id: r.id.clone(),
        id,
        envelope: String::from_utf8(envelope)
            .map_err(|_| AppError::BadRequest("import_invalid".into()))?,
        keys_json: String::from_utf8(key_set.to_json())
            .map_err(|e| AppError::Internal(e.to_string()))?,
        revoked_json: Some(revoked_text),
        issuer: p.issuer,
        organisation: p.organisation.name,
        corporate_number: p.organisation.corporate_number,
        level: p.level,
        valid_until: p.valid_until,
        imported_at: now(),
        revoked: false,
    };
    let uid = ctx.user()?.0.id.clone();
    let oid = buyer.to_string();
    state
        .db(move |s| s.write(|tx| attestations::import(tx, now(), &uid, &oid, &row)))
        .await?;
    Ok(())
}

/// `POST /o/{org}/suppliers/{rel}/attestations/{att}/remove`: the buyer detaches an imported
/// attestation.
pub async fn remove_imported(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, rel, att)): Path<(String, String, String)>,
    AppForm(f): AppForm<CsrfOnly>,
) -> AppResult<Response> {
    ctx.check_csrf(&f._csrf)?;
    let m = ctx.org_role(&state, &org, Role::Editor).await?;
    if !hoshi_store::is_id(&rel) || !hoshi_attest::is_id(&att) {
        return Err(AppError::NotFound);
    }
    let uid = ctx.user()?.0.id.clone();
    let (oid, rid, id) = (m.org.id.clone(), rel.clone(), att.clone());
    state
        .db(move |s| s.write(|tx| attestations::remove_imported(tx, now(), &uid, &oid, &rid, &id)))
        .await?;
    Ok(Redirect::to(&format!("/o/{org}/suppliers/{rel}#imported")).into_response())
}
