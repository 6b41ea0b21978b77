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
    /// Mail is set up: the page asks for the address and mails a link.
    mailing: bool,
    pre: String,
    /// The request was taken (said the same whether or not the address has an account).
    sent: bool,
}

/// `GET /login/forgot`: a reset link by mail when this hoshi sends mail; otherwise how to get
/// one from an administrator.
pub async fn forgot(State(state): State<Shared>, ctx: Ctx) -> AppResult<Response> {
    let mut headers = HeaderMap::new();
    let pre = pre_token(&ctx, &state, &mut headers);
    Ok(with_headers(
        headers,
        html(ForgotT {
            p: Page::new(&ctx, "password_forgot"),
            mailing: state.config.mail.is_some(),
            pre,
            sent: false,
        }),
    ))
}

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    email: String,
}

/// `POST /login/forgot`: mails a one-time reset link to the address, when it belongs to an
/// enabled account and no link was mailed to it in the last 15 minutes. The answer is the same
/// in every case, so the page tells nobody which addresses have an account.
pub async fn forgot_send(
    State(state): State<Shared>,
    ctx: Ctx,
    AppForm(f): AppForm<ForgotForm>,
) -> AppResult<Response> {
    ctx.check_pre(&f._csrf)?;
    if state.config.mail.is_none() {
        return Err(AppError::NotFound);
    }
    if !state.allow_attempt(&ctx.client).await? {
        return Err(AppError::TooMany);
    }
    let email = f.email.trim().to_string();
    if hoshi_mail::check_address(&email).is_ok() {
        let base = state.config.public_url.trim_end_matches('/').to_string();
        let queued = state
            .db(move |s| {
                s.write(|tx| {
                    let n = now();
                    let Some((u, token)) = users::self_reset(tx, n, &email)? else {
                        return Ok(false);
                    };
                    let link = format!("{base}/reset/{token}");
                    let (subject, body) = reset_mail(&u, &link, n + users::RESET_HOURS * 3600);
                    hoshi_store::mail::enqueue(
                        tx,
                        n,
                        hoshi_store::mail::NewMail {
                            org_id: None,
                            kind: "password_reset",
                            ref_id: &u.id,
                            recipient: &u.email,
                            subject: &subject,
                            body: &body,
                        },
                    )?;
                    Ok(true)
                })
            })
            .await?;
        if queued {
            state.mail_wake.notify_one();
        }
    }
    let mut headers = HeaderMap::new();
    let pre = pre_token(&ctx, &state, &mut headers);
    Ok(with_headers(
        headers,
        html(ForgotT {
            p: Page::new(&ctx, "password_forgot"),
            mailing: true,
            pre,
            sent: true,
        }),
    ))
}

/// The reset mail, in the person's language with the other below.
fn reset_mail(u: &users::User, link: &str, expires_at: i64) -> (String, String) {
    let expires = u
        .time_zone
        .as_deref()
        .and_then(hoshi_core::time::Zone::parse)
        .unwrap_or_default()
        .minutes(expires_at);
    let ja = format!(
        "{name} 様\n\n\
         hoshi のパスワード再設定のご依頼を受け付けました。次のリンクを開き、新しいパスワードを設定してください。\n\n\
         {link}\n\n\
         このリンクは1回限り有効で、{expires} まで使えます。パスワードを設定すると、ほかの端末のログインはすべて終了します。\n\
         お心当たりがない場合は、このメールを破棄してください。リンクを開かない限り、パスワードは変わりません。\n",
        name = u.display_name,
    );
    let en = format!(
        "Hello {name},\n\n\
         Someone (hopefully you) asked to reset your hoshi password. Open this link to set a new one:\n\n\
         {link}\n\n\
         It works once, until {expires}. Setting a password signs you out everywhere else. \
         If you did not ask for this, ignore this message: your password stays as it is.\n",
        name = u.display_name,
    );
    if u.lang == "en" {
        (
            "[hoshi] Reset your password / パスワードの再設定".to_string(),
            format!("{en}\n----\n{ja}"),
        )
    } else {
        (
            "【hoshi】パスワードの再設定".to_string(),
            format!("{ja}\n----\n{en}"),
        )
    }
}
