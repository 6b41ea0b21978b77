//! The opt-in public register of signed results.

use crate::kernel::path::Path;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use hoshi_core::UserError;
use hoshi_core::{AttestationId, OrgId};
use hoshi_store::attestations::{self};
use serde::Deserialize;

use super::issue::{attachment, load};
use crate::kernel::ctx::Ctx;
use crate::kernel::error::{AppError, AppResult};
use crate::kernel::guard::{Member, OrgForm, Owner};
use crate::{Shared, now};

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
    Path((org, att)): Path<(OrgId, AttestationId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Owner, PublishForm>,
) -> AppResult<Response> {
    let a = load(&state, &m, att).await?;
    let on = match f.publish.as_str() {
        "1" => true,
        "0" => false,
        _ => return Err(AppError::BadRequest(UserError::BadRequest)),
    };
    let uid = ctx.user()?.0.id.clone();
    let (oid, id) = (m.org.id.clone(), a.id.clone());
    state
        .db(move |s| s.write(|tx| attestations::set_published(tx, now(), &uid, &oid, &id, on)))
        .await?;
    Ok(Redirect::to(&format!("/o/{org}/a/{}#attestations", a.assessment_id)).into_response())
}

#[derive(askama::Template)]
#[template(path = "attest/register.html")]
struct RegisterT {
    p: crate::kernel::page::Page,
    /// (id, organisation, 法人番号, level, valid until)
    entries: Vec<(String, String, String, u8, String)>,
    /// The search as typed.
    q: String,
}

/// `?q=`: part of a name, or a 法人番号.
#[derive(serde::Deserialize, Default)]
pub struct RegisterQuery {
    #[serde(default)]
    q: String,
}

/// `GET /register`: organisations that chose to publish a valid signed result — their name,
/// level and validity, and the signed file; nothing else.
pub async fn register_page(
    State(state): State<Shared>,
    ctx: Ctx,
    axum::extract::Query(rq): axum::extract::Query<RegisterQuery>,
) -> AppResult<Response> {
    let today = crate::kernel::time::today();
    let list = state
        .db(move |s| s.read(|c| attestations::register(c, &today)))
        .await?;
    // A name matches in part (ignoring case and full-width forms); a number matches whole.
    let q = hoshi_core::text::half_width_digits(rq.q.trim()).to_lowercase();
    let digits: String = q.chars().filter(char::is_ascii_digit).collect();
    let wanted = |e: &attestations::RegisterEntry| {
        q.is_empty()
            || e.org_name.to_lowercase().contains(&q)
            || (digits.len() == 13 && e.corporate_number == digits)
    };
    Ok(crate::kernel::page::html(RegisterT {
        p: crate::kernel::page::Page::new(&ctx, "register_title"),
        entries: list
            .into_iter()
            .filter(wanted)
            .map(|e| (e.id, e.org_name, e.corporate_number, e.level, e.valid_until))
            .collect(),
        q: rq.q,
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
