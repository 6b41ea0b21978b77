//! Personal access tokens for the JSON API.

use hoshi_core::UserError;
use std::collections::HashMap;

use hoshi_store::orgs::{self};

use crate::kernel::ctx::Ctx;
use crate::kernel::prelude::*;

struct TokenView {
    id: String,
    name: String,
    org: String,
    access: String,
    expires: String,
    live: bool,
}

#[derive(Template)]
#[template(path = "account/tokens.html")]
struct TokensT {
    p: Page,
    tokens: Vec<TokenView>,
    orgs: Vec<(String, String)>,
    new_token: Option<String>,
    fs: FormState,
}

async fn render_tokens(
    state: &Shared,
    ctx: &Ctx,
    new_token: Option<String>,
    fs: FormState,
) -> AppResult<Response> {
    let (u, _) = ctx.user()?;
    let uid = u.id.clone();
    let (list, ms) = state
        .db(move |s| {
            s.read(|c| {
                Ok((
                    hoshi_store::tokens::for_user(c, &uid)?,
                    orgs::for_user(c, &uid)?,
                ))
            })
        })
        .await?;
    let t = ctx.t();
    let n = now();
    let names: HashMap<String, String> = ms
        .iter()
        .map(|m| (m.org.id.clone(), m.org.name.clone()))
        .collect();
    Ok(html(TokensT {
        p: Page::new(ctx, "tokens"),
        tokens: list
            .into_iter()
            .map(|k| TokenView {
                live: k.revoked_at.is_none() && k.expires_at > n,
                id: k.id,
                name: k.name,
                org: names.get(&k.org_id).cloned().unwrap_or_default(),
                access: t
                    .s(if k.can_write {
                        "token_rw"
                    } else {
                        "token_read"
                    })
                    .to_string(),
                expires: ctx.time(k.expires_at),
            })
            .collect(),
        orgs: ms.into_iter().map(|m| (m.org.id, m.org.name)).collect(),
        new_token,
        fs,
    }))
}

pub async fn tokens_page(State(state): State<Shared>, ctx: Ctx) -> AppResult<Response> {
    render_tokens(&state, &ctx, None, FormState::default()).await
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    org: String,
    #[serde(default)]
    days: String,
    #[serde(default)]
    write: Option<String>,
}

pub async fn create_token(
    State(state): State<Shared>,
    SignedForm { ctx, form: f, .. }: SignedForm<TokenForm>,
) -> AppResult<Response> {
    // The organisation comes with the form: the membership is checked here.
    let m = ctx.org(&state, &f.org).await?;
    let write_value = if f.write.is_some() { "1" } else { "" };
    let fs = FormState::new(
        "token",
        &[
            ("name", &f.name),
            ("org", &f.org),
            ("days", &f.days),
            ("write", write_value),
        ],
    );
    let created = async {
        let days: i64 = hoshi_core::text::half_width_digits(&f.days)
            .trim()
            .parse()
            .map_err(|_| AppError::BadRequest(UserError::TokenDaysBad))?;
        if !(1..=366).contains(&days) {
            return Err(AppError::BadRequest(UserError::TokenDaysBad));
        }
        let uid = ctx.user()?.0.id.clone();
        let (oid, name, write) = (m.org.id.clone(), f.name.clone(), f.write.is_some());
        state
            .db(move |s| {
                s.write(|tx| hoshi_store::tokens::create(tx, now(), &uid, &oid, &name, write, days))
            })
            .await
    }
    .await;
    match checked(created, fs, ctx.lang)? {
        Ok((_, token)) => render_tokens(&state, &ctx, Some(token), FormState::default()).await,
        Err(fs) => Ok(unprocessable(render_tokens(&state, &ctx, None, fs).await?)),
    }
}

pub async fn revoke_token(
    State(state): State<Shared>,
    Path(id): Path<TokenId>,
    SignedForm { user, .. }: SignedForm<CsrfOnly>,
) -> AppResult<Response> {
    let uid = user.id.clone();
    state
        .db(move |s| s.write(|tx| hoshi_store::tokens::revoke(tx, now(), &uid, &id)))
        .await?;
    Ok(Redirect::to("/account/tokens").into_response())
}
