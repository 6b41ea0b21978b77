//! `/setup/{token}`: the one-time link that creates the first administrator.

use hoshi_core::UserError;
use hoshi_store::users::{self, NewUser};
use hoshi_store::{StoreError, sessions};

use crate::kernel::ctx::{Ctx, SESSION_COOKIE, add_cookie, set_cookie};
use crate::kernel::prelude::*;
use crate::kernel::signup::{SignupForm, SignupPage, signup_problems};

pub async fn setup_form(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let tk = token.clone();
    if !state
        .db(move |s| s.read(|c| users::setup_token_valid(c, &tk)))
        .await?
    {
        return Err(AppError::BadRequest(UserError::SetupLinkInvalid));
    }
    let mut headers = HeaderMap::new();
    let pre = pre_token(&ctx, &state, &mut headers);
    let t = ctx.t();
    Ok(with_headers(
        headers,
        html(SignupPage {
            p: Page::new(&ctx, "setup_title"),
            heading: t.s("setup_title").into(),
            intro: t.s("setup_intro").into(),
            button: t.s("create").into(),
            action: format!("/setup/{token}"),
            pre,
            fs: FormState::default(),
            display_name: String::new(),
            email: String::new(),
        }),
    ))
}

pub async fn setup(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(token): Path<String>,
    AppForm(f): AppForm<SignupForm>,
) -> AppResult<Response> {
    ctx.check_pre(&f._csrf)?;
    let t = ctx.t();
    let errors = signup_problems(&t, &f);
    if !errors.is_empty() {
        let mut headers = HeaderMap::new();
        let pre = pre_token(&ctx, &state, &mut headers);
        let r = html(SignupPage {
            p: Page::new(&ctx, "setup_title"),
            heading: t.s("setup_title").into(),
            intro: t.s("setup_intro").into(),
            button: t.s("create").into(),
            action: format!("/setup/{token}"),
            pre,
            fs: errors,
            display_name: f.display_name.clone(),
            email: f.email.clone(),
        });
        return Ok(with_headers(headers, unprocessable(r)));
    }
    let hash = state.hash_password(f.password.clone()).await?;
    let lang = t.lang.code().to_string();
    let (session, _csrf) = state
        .db(move |s| {
            s.write(|tx| {
                let n = now();
                users::consume_setup_token(tx, n, &token)
                    .map_err(|_| StoreError::Rule(UserError::SetupLinkInvalid))?;
                let u = users::create(
                    tx,
                    n,
                    None,
                    NewUser {
                        email: &f.email,
                        display_name: &f.display_name,
                        password_hash: &hash,
                        is_admin: true,
                        lang: &lang,
                    },
                )?;
                sessions::create(tx, n, &u.id, false)
            })
        })
        .await?;
    let mut r = Redirect::to("/account/mfa").into_response();
    add_cookie(
        r.headers_mut(),
        set_cookie(SESSION_COOKIE, &session, None, state.config.secure_cookies),
    );
    Ok(r)
}
