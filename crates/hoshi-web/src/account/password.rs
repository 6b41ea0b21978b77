//! Passwords: changing one's own (the current password first), setting a new one through a
//! one-time reset link, and the page that says how to get such a link.

use hoshi_core::UserError;
use hoshi_store::{sessions, users};

use crate::kernel::auth::password_problems;
use crate::kernel::ctx::{SESSION_COOKIE, add_cookie, set_cookie};
use crate::kernel::prelude::*;

#[derive(Template)]
#[template(path = "account/password.html")]
struct PasswordT {
    p: Page,
    /// The change form or the reset form shown again.
    fs: FormState,
    /// `Some(token)`: the reset form of that link; `None`: the change form of the signed-in user.
    reset: Option<String>,
    pre: String,
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password2: String,
}

/// The problems of a new password (policy, confirmation).
fn new_password_problems(f: &PasswordForm, user: &users::User) -> Vec<UserError> {
    let mut out: Vec<UserError> = password_problems(&f.password, &user.email, &user.display_name)
        .into_iter()
        .map(UserError::Password)
        .collect();
    if f.password != f.password2 {
        out.push(UserError::PasswordMismatch);
    }
    out
}

/// `GET /account/password`: the change form.
pub async fn change_form(Signed { ctx, .. }: Signed) -> AppResult<Response> {
    Ok(html(PasswordT {
        p: Page::new(&ctx, "password_change"),
        fs: FormState::default(),
        reset: None,
        pre: String::new(),
    }))
}

/// `POST /account/password`: the current password, then the new one twice. Every other session
/// of the user ends; this device gets a new session.
pub async fn change(
    State(state): State<Shared>,
    SignedForm { ctx, user, form: f }: SignedForm<PasswordForm>,
) -> AppResult<Response> {
    let mut problems = Vec::new();
    let ok = state
        .verify_password(f.current_password.clone(), user.password_hash.clone())
        .await?;
    if !ok {
        // A stolen session must not become a way to guess the password: failures count like
        // sign-in failures from this address.
        let (uid, client) = (user.id.clone(), ctx.client.clone());
        state
            .db(move |s| s.write(|tx| users::login_failed(tx, now(), &uid, &client)))
            .await?;
        problems.push(UserError::CurrentPasswordWrong);
    }
    problems.extend(new_password_problems(&f, &user));
    if !problems.is_empty() {
        let fs = problems
            .iter()
            .fold(FormState::new("password", &[]), |fs, e| {
                fs.problem(e, ctx.lang)
            });
        return Ok(unprocessable(html(PasswordT {
            p: Page::new(&ctx, "password_change"),
            fs,
            reset: None,
            pre: String::new(),
        })));
    }
    let hash = state.hash_password(f.password.clone()).await?;
    let (uid, mfa_ok) = (user.id.clone(), true);
    let (token, _) = state
        .db(move |s| {
            s.write(|tx| {
                users::set_password(tx, now(), Some(&uid), &uid, &hash)?;
                sessions::create(tx, now(), &uid, mfa_ok)
            })
        })
        .await?;
    tracing::info!(user = %user.id, "password changed; other sessions ended");
    let mut r = Redirect::to("/account?password=changed").into_response();
    add_cookie(
        r.headers_mut(),
        set_cookie(SESSION_COOKIE, &token, None, state.config.secure_cookies),
    );
    Ok(r)
}

/// `GET /reset/{token}`: the form to set a new password with a reset link.
pub async fn reset_form(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let tk = token.clone();
    state
        .db(move |s| s.read(|c| users::reset_user(c, now(), &tk)))
        .await?
        .ok_or(AppError::BadRequest(UserError::ResetLinkInvalid))?;
    let mut headers = HeaderMap::new();
    let pre = pre_token(&ctx, &state, &mut headers);
    Ok(with_headers(
        headers,
        html(PasswordT {
            p: Page::new(&ctx, "password_reset"),
            fs: FormState::default(),
            reset: Some(token),
            pre,
        }),
    ))
}

/// `POST /reset/{token}`: sets the new password; every session of the user ends, and the user
/// signs in again (with the second factor, when enrolled).
pub async fn reset(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(token): Path<String>,
    AppForm(f): AppForm<PasswordForm>,
) -> AppResult<Response> {
    ctx.check_pre(&f._csrf)?;
    let tk = token.clone();
    let user = state
        .db(move |s| s.read(|c| users::reset_user(c, now(), &tk)))
        .await?
        .ok_or(AppError::BadRequest(UserError::ResetLinkInvalid))?;
    let problems = new_password_problems(&f, &user);
    if !problems.is_empty() {
        let fs = problems
            .iter()
            .fold(FormState::new("password", &[]), |fs, e| {
                fs.problem(e, ctx.lang)
            });
        let mut headers = HeaderMap::new();
        let pre = pre_token(&ctx, &state, &mut headers);
        return Ok(unprocessable(with_headers(
            headers,
            html(PasswordT {
                p: Page::new(&ctx, "password_reset"),
                fs,
                reset: Some(token),
                pre,
            }),
        )));
    }
    let hash = state.hash_password(f.password.clone()).await?;
    state
        .db(move |s| s.write(|tx| users::use_reset(tx, now(), &token, &hash)))
        .await?;
    tracing::info!(user = %user.id, "password set with a reset link");
    Ok(Redirect::to("/login?reset=done").into_response())
}

#[derive(Template)]
#[template(path = "account/forgot.html")]
struct ForgotT {
    p: Page,
}

/// `GET /login/forgot`: how to get a reset link.
pub async fn forgot(ctx: Ctx) -> AppResult<Response> {
    Ok(html(ForgotT {
        p: Page::new(&ctx, "password_forgot"),
    }))
}
