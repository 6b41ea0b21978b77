//! Signing in: password, then the second factor; signing out.

use hoshi_core::UserError;
use hoshi_store::sessions;
use hoshi_store::users::{self};

use crate::kernel::auth::{self, totp_match};
use crate::kernel::ctx::{Ctx, SESSION_COOKIE, add_cookie, set_cookie};
use crate::kernel::prelude::*;

#[derive(Template)]
#[template(path = "account/login.html")]
struct LoginT {
    p: Page,
    pre: String,
    email: String,
    error: Option<String>,
    /// `--demo`: the demo accounts, named on the page.
    demo: Option<(&'static str, &'static str)>,
}

/// The demo accounts, when `--demo` made them.
async fn demo_accounts(state: &Shared) -> AppResult<Option<(&'static str, &'static str)>> {
    let exists = state
        .db(|s| s.read(|c| users::by_email(c, crate::server::DEMO_SUPPLIER.0)))
        .await?
        .is_some();
    Ok(exists.then_some((crate::server::DEMO_SUPPLIER.0, crate::server::DEMO_BUYER.0)))
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

#[derive(Deserialize, Default)]
pub struct NextQuery {
    next: Option<String>,
    /// `reset=done` after a new password was set with a reset link.
    #[serde(default)]
    reset: Option<String>,
}

/// Only a path on this site is accepted as a place to return to: it starts with one `/` and
/// holds only visible ASCII. Browsers drop tabs and line breaks inside URLs, so "/\t/evil.example"
/// would become "//evil.example", another site; a line break would also break the header.
pub(super) fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && n.len() < 200
                && n.bytes().all(|b| b.is_ascii_graphic() && b != b'\\') =>
        {
            n
        }
        _ => "/",
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        for ok in ["/", "/o/abc/a/def?x=1#c-1", "/reviews"] {
            assert_eq!(safe_next(Some(ok)), ok);
        }
        for bad in [
            "//evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\nSet-Cookie: x=1",
            "/\\evil.example",
            "/ /evil.example",
            "https://evil.example",
            "evil.example",
            "/\u{3000}",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/");
    }
}

/// The pause message, with the minutes left (at least one).
fn paused_message(until: i64, now: i64) -> UserError {
    UserError::AccountLocked {
        minutes: ((until - now) + 59).max(60) / 60,
    }
}

pub async fn login_form(
    State(state): State<Shared>,
    ctx: Ctx,
    Query(q): Query<NextQuery>,
) -> AppResult<Response> {
    if ctx.user().is_ok() {
        return Ok(Redirect::to("/").into_response());
    }
    let mut headers = HeaderMap::new();
    let pre = pre_token(&ctx, &state, &mut headers);
    let demo = demo_accounts(&state).await?;
    let reset_done = q.reset.as_deref() == Some("done");
    Ok(with_headers(
        headers,
        html(LoginT {
            p: Page::new(&ctx, "login").flash(reset_done.then_some("password_reset_done")),
            pre,
            email: String::new(),
            error: None,
            demo,
        }),
    ))
}

/// Where a user goes once the password was right: the second factor, its set-up when it is
/// required and missing, or back where they were going.
async fn after_password(
    state: &Shared,
    user: &users::User,
    next: Option<&str>,
) -> AppResult<String> {
    Ok(if user.mfa_enrolled() {
        format!(
            "/login/mfa{}",
            next.map(|n| format!(
                "?next={}",
                hoshi_core::text::percent_encode(safe_next(Some(n)), b"/")
            ))
            .unwrap_or_default()
        )
    } else if state
        .db({
            let uid = user.id.clone();
            move |s| s.read(|c| users::mfa_required(c, &uid))
        })
        .await?
    {
        "/account/mfa".to_string()
    } else {
        safe_next(next).to_string()
    })
}

pub async fn login(
    State(state): State<Shared>,
    ctx: Ctx,
    Query(q): Query<NextQuery>,
    AppForm(f): AppForm<LoginForm>,
) -> AppResult<Response> {
    ctx.check_pre(&f._csrf)?;
    if !state.allow_attempt(&ctx.client).await? {
        return Err(AppError::TooMany);
    }
    let t = ctx.t();
    let fail = |message: &str, status: StatusCode| {
        let mut r = html(LoginT {
            p: Page::new(&ctx, "login"),
            pre: ctx.pre.clone().unwrap_or_default(),
            email: f.email.clone(),
            error: Some(message.to_string()),
            demo: None,
        });
        *r.status_mut() = status;
        r
    };
    let email = f.email.clone();
    let user = state
        .db(move |s| s.read(|c| users::by_email(c, &email)))
        .await?;
    let Some(user) = user else {
        // Same work as for a real account, so timing does not tell which addresses exist.
        let _ = state
            .verify_password(f.password.clone(), auth::dummy_hash().to_string())
            .await?;
        tracing::info!(client = %ctx.client, "sign-in failed: unknown account");
        return Ok(fail(t.s("login_failed"), StatusCode::UNAUTHORIZED));
    };
    let n = now();
    let (uid, client) = (user.id.clone(), ctx.client.clone());
    let paused = state
        .db(move |s| s.read(|c| users::paused_until(c, n, &uid, &client)))
        .await?;
    if let Some(until) = paused {
        return Ok(fail(
            &paused_message(until, n).message(t.lang),
            StatusCode::TOO_MANY_REQUESTS,
        ));
    }
    if !state
        .verify_password(f.password.clone(), user.password_hash.clone())
        .await?
    {
        let (uid, client) = (user.id.clone(), ctx.client.clone());
        let paused = state
            .db(move |s| s.write(|tx| users::login_failed(tx, now(), &uid, &client)))
            .await?;
        tracing::info!(user = %user.id, client = %ctx.client, "sign-in failed: wrong password");
        let message = match paused {
            Some(until) => paused_message(until, n).message(t.lang),
            None => t.s("login_failed").to_string(),
        };
        return Ok(fail(&message, StatusCode::UNAUTHORIZED));
    }
    if user.disabled {
        return Ok(fail(
            &UserError::AccountDisabled.message(t.lang),
            StatusCode::FORBIDDEN,
        ));
    }
    // A new session on every sign-in (no fixation); the old one, if any, ends.
    let old = ctx.token.clone();
    let (uid, client) = (user.id.clone(), ctx.client.clone());
    let mfa_done = !user.mfa_enrolled();
    let (token, _) = state
        .db(move |s| {
            s.write(|tx| {
                if let Some(o) = &old {
                    sessions::delete(tx, o)?;
                }
                users::login_succeeded(tx, now(), &uid, &client)?;
                sessions::create(tx, now(), &uid, mfa_done)
            })
        })
        .await?;
    tracing::info!(user = %user.id, "signed in with password");
    state.refund_attempt(&ctx.client).await?;
    let to = after_password(&state, &user, q.next.as_deref()).await?;
    let mut r = Redirect::to(&to).into_response();
    add_cookie(
        r.headers_mut(),
        set_cookie(SESSION_COOKIE, &token, None, state.config.secure_cookies),
    );
    Ok(r)
}

#[derive(Template)]
#[template(path = "account/mfa.html")]
struct MfaT {
    p: Page,
    error: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct CodeForm {
    #[serde(default)]
    pub(super) _csrf: String,
    #[serde(default)]
    pub(super) code: String,
}

pub async fn mfa_form(ctx: Ctx) -> AppResult<Response> {
    let (u, s) = ctx.password_user()?;
    if !u.mfa_enrolled() || s.mfa_ok {
        return Ok(Redirect::to("/").into_response());
    }
    Ok(html(MfaT {
        p: Page::new(&ctx, "mfa_title"),
        error: None,
    }))
}

pub async fn mfa(
    State(state): State<Shared>,
    ctx: Ctx,
    Query(q): Query<NextQuery>,
    AppForm(f): AppForm<CodeForm>,
) -> AppResult<Response> {
    let (u, _) = ctx.password_user()?;
    ctx.check_csrf(&f._csrf)?;
    if !state.allow_attempt(&ctx.client).await? {
        return Err(AppError::TooMany);
    }
    let Some(secret) = u.totp_secret.clone() else {
        return Ok(Redirect::to("/").into_response());
    };
    let n = now();
    let (uid, client) = (u.id.clone(), ctx.client.clone());
    let paused = state
        .db(move |s| s.read(|c| users::paused_until(c, n, &uid, &client)))
        .await?;
    if let Some(until) = paused {
        return Err(AppError::BadRequest(paused_message(until, n)));
    }
    let (uid, client) = (u.id.clone(), ctx.client.clone());
    let code = f.code.trim().to_string();
    let old = ctx.token.clone().unwrap_or_default();
    let step = totp_match(&secret, &code, n);
    let ok = state
        .db(move |s| {
            s.write(|tx| {
                let accepted = match step {
                    Some(st) => users::use_totp_step(tx, &uid, st)?,
                    None => code.len() >= 8 && users::use_recovery_code(tx, now(), &uid, &code)?,
                };
                if !accepted {
                    users::login_failed(tx, now(), &uid, &client)?;
                    return Ok(None);
                }
                users::login_succeeded(tx, now(), &uid, &client)?;
                sessions::delete(tx, &old)?;
                Ok(Some(sessions::create(tx, now(), &uid, true)?))
            })
        })
        .await?;
    match ok {
        Some((token, _)) => {
            tracing::info!(user = %u.id, "second factor accepted");
            state.refund_attempt(&ctx.client).await?;
            let mut r = Redirect::to(safe_next(q.next.as_deref())).into_response();
            add_cookie(
                r.headers_mut(),
                set_cookie(SESSION_COOKIE, &token, None, state.config.secure_cookies),
            );
            Ok(r)
        }
        None => {
            let mut r = html(MfaT {
                p: Page::new(&ctx, "mfa_title"),
                error: Some(ctx.t().s("mfa_failed").to_string()),
            });
            *r.status_mut() = StatusCode::UNAUTHORIZED;
            Ok(r)
        }
    }
}
