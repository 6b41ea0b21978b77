//! Enrolling the second factor (TOTP) and the recovery codes.

use hoshi_store::sessions;
use hoshi_store::users::{self};

use super::login::CodeForm;
use crate::kernel::auth::{base32, otpauth_uri, qr_svg, totp_match};
use crate::kernel::ctx::{Ctx, SESSION_COOKIE, add_cookie, set_cookie};
use crate::kernel::prelude::*;

#[derive(Template)]
#[template(path = "account/mfa_setup.html")]
struct MfaSetupT {
    p: Page,
    required: bool,
    qr: String,
    secret: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "account/recovery.html")]
struct RecoveryT {
    p: Page,
    codes: Vec<String>,
}

pub async fn mfa_setup_form(State(state): State<Shared>, ctx: Ctx) -> AppResult<Response> {
    let (u, _) = ctx.password_user()?;
    if u.mfa_enrolled() {
        return Ok(Redirect::to("/account").into_response());
    }
    let secret = base32(&hoshi_store::random_bytes(20));
    let token = ctx.token.clone().unwrap_or_default();
    let sec = secret.clone();
    state
        .db(move |s| s.write(|tx| sessions::set_pending_totp(tx, &token, Some(&sec))))
        .await?;
    let mut p = Page::new(&ctx, "mfa_setup_title");
    p.csrf = ctx.csrf();
    Ok(html(MfaSetupT {
        p,
        required: ctx.mfa_required,
        qr: qr_svg(&otpauth_uri(&secret, &u.email)),
        secret,
        error: None,
    }))
}

fn recovery_codes() -> Vec<String> {
    (0..10)
        .map(|_| {
            let b = base32(&hoshi_store::random_bytes(5)).to_lowercase();
            format!("{}-{}", &b[..4], &b[4..8])
        })
        .collect()
}

pub async fn mfa_setup(
    State(state): State<Shared>,
    ctx: Ctx,
    AppForm(f): AppForm<CodeForm>,
) -> AppResult<Response> {
    let (u, _) = ctx.password_user()?;
    ctx.check_csrf(&f._csrf)?;
    if u.mfa_enrolled() {
        return Ok(Redirect::to("/account").into_response());
    }
    let token = ctx.token.clone().unwrap_or_default();
    let tk = token.clone();
    let Some(secret) = state
        .db(move |s| s.read(|c| sessions::pending_totp(c, &tk)))
        .await?
    else {
        return Ok(Redirect::to("/account/mfa").into_response());
    };
    let Some(step) = totp_match(&secret, &f.code, now()) else {
        let mut r = html(MfaSetupT {
            p: Page::new(&ctx, "mfa_setup_title"),
            required: ctx.mfa_required,
            qr: qr_svg(&otpauth_uri(&secret, &u.email)),
            secret,
            error: Some(ctx.t().s("mfa_failed").to_string()),
        });
        *r.status_mut() = StatusCode::BAD_REQUEST;
        return Ok(r);
    };
    let codes = recovery_codes();
    let (uid, c2) = (u.id.clone(), codes.clone());
    let (new_token, _) = state
        .db(move |s| {
            s.write(|tx| {
                users::enable_totp(tx, now(), &uid, &secret, step, &c2)?;
                sessions::delete(tx, &token)?;
                sessions::create(tx, now(), &uid, true)
            })
        })
        .await?;
    let mut ctx2 = ctx.clone();
    if let Some(user) = ctx2.user.as_mut() {
        user.totp_secret = Some("set".into());
    }
    if let Some(sess) = ctx2.session.as_mut() {
        sess.mfa_ok = true;
    }
    let mut r = html(RecoveryT {
        p: Page::new(&ctx2, "recovery_title"),
        codes,
    });
    add_cookie(
        r.headers_mut(),
        set_cookie(
            SESSION_COOKIE,
            &new_token,
            None,
            state.config.secure_cookies,
        ),
    );
    Ok(r)
}
