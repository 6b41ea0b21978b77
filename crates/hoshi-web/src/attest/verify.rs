//! The public verification page.

use axum::extract::{Query, State};
use axum::response::Response;
use hoshi_core::Lang;
use hoshi_core::UserError;
use hoshi_store::attestations::{self};
use serde::Deserialize;

use super::import::failure_row;
use crate::Shared;
use crate::kernel::ctx::Ctx;
use crate::kernel::error::{AppError, AppResult};
use crate::kernel::form::{FormState, unprocessable};

pub struct VerifyResult {
    pub valid: bool,
    /// (code, message)
    pub failures: Vec<(String, String)>,
    pub id: String,
    /// (organisation, level, catalog edition, valid until, confirmed by, declared by)
    pub summary: Option<(String, u8, String, String, String, String)>,
}

#[derive(askama::Template)]
#[template(path = "attest/verify.html")]
struct VerifyT {
    p: crate::kernel::page::Page,
    pre: String,
    result: Option<VerifyResult>,
    /// The upload form shown again with its problem (no file, too large, cut off).
    fs: FormState,
}

fn verify_page(state: &Shared, ctx: &Ctx, result: Option<VerifyResult>) -> Response {
    verify_page_with(state, ctx, result, FormState::default())
}

fn verify_page_with(
    state: &Shared,
    ctx: &Ctx,
    result: Option<VerifyResult>,
    fs: FormState,
) -> Response {
    let mut headers = axum::http::HeaderMap::new();
    let pre = crate::kernel::page::pre_token(ctx, state, &mut headers);
    crate::kernel::page::with_headers(
        headers,
        crate::kernel::page::html(VerifyT {
            p: crate::kernel::page::Page::new(ctx, "verify_title"),
            pre,
            result,
            fs,
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
    let mp = mp.map_err(|_| AppError::BadRequest(UserError::BadRequest))?;
    let read = match read_envelope(mp).await {
        Ok((csrf, bytes)) => {
            ctx.check_pre(&csrf)?;
            if bytes.is_empty() {
                Err(UserError::VerifyNoFile)
            } else {
                Ok(bytes)
            }
        }
        Err(e) => Err(e),
    };
    match read {
        Ok(bytes) => {
            let result = check(&state, &bytes, ctx.lang).await?;
            Ok(verify_page(&state, &ctx, Some(result)))
        }
        Err(e) => {
            let fs = FormState::new("verify", &[]).problem(&e, ctx.lang);
            Ok(unprocessable(verify_page_with(&state, &ctx, None, fs)))
        }
    }
}

/// The CSRF field and the file of a verification upload, or what kept them from being read.
async fn read_envelope(mut mp: axum::extract::Multipart) -> Result<(String, Vec<u8>), UserError> {
    let (mut csrf, mut bytes) = (String::new(), Vec::new());
    while let Some(field) = mp.next_field().await.map_err(|e| {
        match crate::kernel::upload::unreadable(&e, hoshi_attest::MAX_ENVELOPE_BYTES) {
            UserError::EvidenceTooLarge { .. } => UserError::VerifyTooLarge,
            other => other,
        }
    })? {
        match field.name().unwrap_or("") {
            "_csrf" => {
                csrf = field
                    .text()
                    .await
                    .map_err(|_| UserError::UploadUnreadable)?
            }
            "file" => {
                let b = field.bytes().await.map_err(|_| UserError::VerifyTooLarge)?;
                if b.len() > hoshi_attest::MAX_ENVELOPE_BYTES {
                    return Err(UserError::VerifyTooLarge);
                }
                bytes = b.to_vec();
            }
            _ => {}
        }
    }
    Ok((csrf, bytes))
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
    let today = crate::kernel::time::today();
    let v = hoshi_attest::verify(
        bytes,
        &hoshi_attest::VerifyInput {
            keys: &keys,
            revoked: &revoked,
            today: &today,
            files: &[],
        },
    );
    // What the file claims is shown only when the signature holds (valid, or authentic but
    // expired or revoked): a forged or altered file's claims are never laid out as a result.
    let authentic = v.failures.iter().all(|f| {
        matches!(
            f,
            hoshi_attest::Failure::Expired(_) | hoshi_attest::Failure::Revoked(_)
        )
    });
    Ok(VerifyResult {
        valid: v.valid(),
        failures: v.failures.iter().map(|f| failure_row(f, lang)).collect(),
        id: if authentic {
            v.id.clone().unwrap_or_default()
        } else {
            String::new()
        },
        summary: v.statement.as_ref().filter(|_| authentic).map(|s| {
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
                declaration_line(&p.declaration, lang),
            )
        }),
    })
}

/// The declaration as the verify page states it, with how it was made.
fn declaration_line(d: &hoshi_attest::Declaration, lang: Lang) -> String {
    let how = match (d.method.as_str(), lang) {
        (hoshi_attest::IN_PERSON, Lang::Ja) => "、役員本人が宣誓".to_string(),
        (hoshi_attest::IN_PERSON, Lang::En) => ", declared in person by the officer".to_string(),
        (hoshi_attest::RECORDED, Lang::Ja) => format!(
            "、役員の署名済み宣誓書を代理で記録（SHA-256 {}…）",
            d.statement_sha256.get(..16).unwrap_or_default()
        ),
        (hoshi_attest::RECORDED, Lang::En) => format!(
            ", the officer's signed statement recorded on their behalf (SHA-256 {}…)",
            d.statement_sha256.get(..16).unwrap_or_default()
        ),
        _ => String::new(),
    };
    format!("{} {} ({}{how})", d.officer_title, d.officer_name, d.date)
}
