//! Page handlers.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use hoshi_core::{Answer, Catalog, Evaluation, Lang, Status};
use hoshi_store::assessments::{self, AnswerRow, AssessmentRow, NewAssessment};
use hoshi_store::orgs::{self, Role};
use hoshi_store::users::{self, NewUser};
use hoshi_store::{StoreError, audit, new_token, sessions};
use serde::Deserialize;

use crate::auth::{self, base32, otpauth_uri, password_problems, qr_svg, totp_match};
use crate::ctx::{
    Ctx, LANG_COOKIE, PRE_COOKIE, SESSION_COOKIE, add_cookie, clear_cookie, set_cookie,
};
use crate::error::{AppError, AppForm, AppResult};
use crate::i18n::Tr;
use crate::{Shared, now};

/// What every page's layout needs.
pub struct Page {
    pub t: Tr,
    pub title: String,
    pub nav: Option<String>,
    pub csrf: String,
    pub flash: Option<String>,
}

impl Page {
    pub fn new(ctx: &Ctx, title: &str) -> Page {
        let t = ctx.t();
        Page {
            t,
            title: t.s(title).to_string(),
            nav: ctx
                .user
                .as_ref()
                .filter(|_| ctx.user().is_ok())
                .map(|u| u.display_name.clone()),
            csrf: ctx.csrf(),
            flash: None,
        }
    }

    fn flash(mut self, key: Option<&str>) -> Page {
        self.flash = key.map(|k| self.t.s(k).to_string());
        self
    }
}

/// Escapes text for HTML (for the few fragments built in code, such as SVG charts).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

pub fn html(t: impl Template) -> Response {
    match t.render() {
        Ok(s) => Html(s).into_response(),
        Err(e) => AppError::Internal(format!("template: {e}")).into_response(),
    }
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessageT<'a> {
    status: String,
    ja: &'a str,
    en: &'a str,
}

/// The bilingual message page used for errors.
pub fn render_message(status: StatusCode, ja: &str, en: &str) -> String {
    MessageT {
        status: format!(
            "{} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        ),
        ja,
        en,
    }
    .render()
    .unwrap_or_else(|_| format!("{status}"))
}

/// Sets a fresh pre-login CSRF cookie when the browser has none; returns its value.
pub(crate) fn pre_token(ctx: &Ctx, state: &Shared, headers: &mut HeaderMap) -> String {
    match &ctx.pre {
        Some(p) => p.clone(),
        None => {
            let p = new_token();
            add_cookie(
                headers,
                set_cookie(PRE_COOKIE, &p, Some(3600), state.config.secure_cookies),
            );
            p
        }
    }
}

pub(crate) fn with_headers(headers: HeaderMap, r: Response) -> Response {
    let mut r = r;
    for (k, v) in headers.iter() {
        r.headers_mut().append(k, v.clone());
    }
    r
}

fn lang_of(t: &Tr) -> Lang {
    t.lang
}

// ---------------------------------------------------------------- home, set-up, sign-in

#[derive(Template)]
#[template(path = "home.html")]
struct HomeT {
    p: Page,
    orgs: Vec<OrgRow>,
    mfa: bool,
}

struct OrgRow {
    id: String,
    name: String,
    role: String,
}

fn role_label(t: &Tr, r: Role) -> String {
    t.s(match r {
        Role::Owner => "role_owner",
        Role::Editor => "role_editor",
        Role::Viewer => "role_viewer",
    })
    .to_string()
}

pub async fn home(State(state): State<Shared>, ctx: Ctx) -> AppResult<Response> {
    if ctx.user.is_none() {
        let admins = state.db(|s| s.read(users::admin_count)).await?;
        if admins == 0 {
            return Err(AppError::BadRequest(
                "hoshi is not set up yet: open the one-time set-up link printed in the server log (hoshi serve).".into(),
            ));
        }
        return Err(AppError::Login);
    }
    let (u, _) = ctx.user()?;
    let uid = u.id.clone();
    let ms = state
        .db(move |s| s.read(|c| orgs::for_user(c, &uid)))
        .await?;
    let t = ctx.t();
    Ok(html(HomeT {
        p: Page::new(&ctx, "orgs"),
        orgs: ms
            .into_iter()
            .map(|m| OrgRow {
                id: m.org.id,
                name: m.org.name,
                role: role_label(&t, m.role),
            })
            .collect(),
        mfa: u.mfa_enrolled(),
    }))
}

#[derive(Template)]
#[template(path = "setup.html")]
struct SetupT {
    p: Page,
    heading: String,
    intro: String,
    button: String,
    action: String,
    pre: String,
    errors: Vec<String>,
    display_name: String,
    email: String,
}

#[derive(Deserialize)]
pub struct SignupForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password2: String,
}

fn valid_email(e: &str) -> bool {
    let e = e.trim();
    let Some((local, domain)) = e.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && e.len() <= 254
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !e.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The fields of any sign-up form.
pub struct SignupCheck<'a> {
    pub display_name: &'a str,
    pub email: &'a str,
    pub password: &'a str,
    pub password2: &'a str,
}

/// Checks a sign-up form; returns the error messages (empty when fine).
fn signup_problems(t: &Tr, f: &SignupForm) -> Vec<String> {
    signup_errors(
        t,
        &SignupCheck {
            display_name: &f.display_name,
            email: &f.email,
            password: &f.password,
            password2: &f.password2,
        },
    )
}

/// Who acts on a single-use link (supplier or expert invitation): the signed-in user (the form's
/// CSRF token checked), or a visitor who signs up on the link's page (the pre-session token
/// checked, then [`signup_through_link`]). Returns (user id, new session token if one was made).
pub async fn user_or_signup(
    state: &Shared,
    ctx: &Ctx,
    csrf: &str,
    f: SignupCheck<'_>,
    link_valid: impl FnOnce(&hoshi_store::Connection) -> hoshi_store::Result<()> + Send + 'static,
) -> AppResult<(String, Option<String>)> {
    if let Ok((u, _)) = ctx.user() {
        ctx.check_csrf(csrf)?;
        return Ok((u.id.clone(), None));
    }
    ctx.check_pre(csrf)?;
    let (uid, session) = signup_through_link(state, ctx, f, link_valid).await?;
    Ok((uid, Some(session)))
}

/// Creates an account for someone arriving through a single-use link (supplier or expert
/// invitation) and a signed-in session: the form is checked, the e-mail must be free, the password
/// is hashed off the async threads, and `link_valid` re-checks the link in the same transaction
/// that creates the user. Returns (user id, session token).
async fn signup_through_link(
    state: &Shared,
    ctx: &Ctx,
    f: SignupCheck<'_>,
    link_valid: impl FnOnce(&hoshi_store::Connection) -> hoshi_store::Result<()> + Send + 'static,
) -> AppResult<(String, String)> {
    if let Some(e) = signup_errors(&ctx.t(), &f).into_iter().next() {
        return Err(AppError::BadRequest(e));
    }
    let email = f.email.to_string();
    if state
        .db(move |s| s.read(|c| users::by_email(c, &email)))
        .await?
        .is_some()
    {
        return Err(AppError::BadRequest("email_taken".into()));
    }
    let hash = state.hash_password(f.password.to_string()).await?;
    let (name, email, lang) = (
        f.display_name.to_string(),
        f.email.to_string(),
        ctx.lang.code().to_string(),
    );
    state
        .db(move |s| {
            s.write(|tx| {
                link_valid(tx)?;
                let u = users::create(
                    tx,
                    now(),
                    None,
                    users::NewUser {
                        email: &email,
                        display_name: &name,
                        password_hash: &hash,
                        is_admin: false,
                        lang: &lang,
                    },
                )?;
                let (session, _) = hoshi_store::sessions::create(tx, now(), &u.id, true)?;
                Ok((u.id, session))
            })
        })
        .await
}

/// Checks sign-up fields; returns the error messages (empty when fine).
pub fn signup_errors(t: &Tr, f: &SignupCheck) -> Vec<String> {
    let mut errors = Vec::new();
    let name = f.display_name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        errors.push(t.s("name_required").to_string());
    }
    if !valid_email(f.email) {
        errors.push(t.s("email_invalid").to_string());
    }
    for p in password_problems(f.password, f.email, name) {
        errors.push(t.s(&format!("pw_{p}")).to_string());
    }
    if f.password != f.password2 {
        errors.push(t.s("pw_mismatch").to_string());
    }
    errors
}

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
        return Err(AppError::BadRequest("setup_invalid".into()));
    }
    let mut headers = HeaderMap::new();
    let pre = pre_token(&ctx, &state, &mut headers);
    let t = ctx.t();
    Ok(with_headers(
        headers,
        html(SetupT {
            p: Page::new(&ctx, "setup_title"),
            heading: t.s("setup_title").into(),
            intro: t.s("setup_intro").into(),
            button: t.s("create").into(),
            action: format!("/setup/{token}"),
            pre,
            errors: vec![],
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
        let mut r = html(SetupT {
            p: Page::new(&ctx, "setup_title"),
            heading: t.s("setup_title").into(),
            intro: t.s("setup_intro").into(),
            button: t.s("create").into(),
            action: format!("/setup/{token}"),
            pre,
            errors,
            display_name: f.display_name.clone(),
            email: f.email.clone(),
        });
        *r.status_mut() = StatusCode::BAD_REQUEST;
        return Ok(with_headers(headers, r));
    }
    let hash = state.hash_password(f.password.clone()).await?;
    let lang = lang_of(&t).code().to_string();
    let (session, _csrf) = state
        .db(move |s| {
            s.write(|tx| {
                let n = now();
                users::consume_setup_token(tx, n, &token)
                    .map_err(|_| StoreError::Invalid("setup_invalid".into()))?;
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

#[derive(Template)]
#[template(path = "login.html")]
struct LoginT {
    p: Page,
    pre: String,
    email: String,
    error: Option<String>,
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
    saved: Option<String>,
}

/// Only same-site paths are accepted as a place to return to.
fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n)
            if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') && n.len() < 200 =>
        {
            n
        }
        _ => "/",
    }
}

pub async fn login_form(State(state): State<Shared>, ctx: Ctx) -> AppResult<Response> {
    if ctx.user().is_ok() {
        return Ok(Redirect::to("/").into_response());
    }
    let mut headers = HeaderMap::new();
    let pre = pre_token(&ctx, &state, &mut headers);
    Ok(with_headers(
        headers,
        html(LoginT {
            p: Page::new(&ctx, "login"),
            pre,
            email: String::new(),
            error: None,
        }),
    ))
}

pub async fn login(
    State(state): State<Shared>,
    ctx: Ctx,
    Query(q): Query<NextQuery>,
    AppForm(f): AppForm<LoginForm>,
) -> AppResult<Response> {
    ctx.check_pre(&f._csrf)?;
    if !state.allow_attempt(&ctx.client) {
        return Err(AppError::TooMany);
    }
    let t = ctx.t();
    let fail = |key: &str, status: StatusCode| {
        let mut r = html(LoginT {
            p: Page::new(&ctx, "login"),
            pre: ctx.pre.clone().unwrap_or_default(),
            email: f.email.clone(),
            error: Some(t.s(key).to_string()),
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
        return Ok(fail("login_failed", StatusCode::UNAUTHORIZED));
    };
    let n = now();
    if user.locked_until.is_some_and(|l| l > n) {
        return Ok(fail("locked", StatusCode::TOO_MANY_REQUESTS));
    }
    if !state
        .verify_password(f.password.clone(), user.password_hash.clone())
        .await?
    {
        let uid = user.id.clone();
        let after = state
            .db(move |s| s.write(|tx| users::login_failed(tx, now(), &uid)))
            .await?;
        tracing::info!(user = %user.id, failures = after.failed_logins, "sign-in failed: wrong password");
        let key = if after.locked_until.is_some_and(|l| l > n) {
            "locked"
        } else {
            "login_failed"
        };
        return Ok(fail(key, StatusCode::UNAUTHORIZED));
    }
    // A new session on every sign-in (no fixation); the old one, if any, ends.
    let old = ctx.token.clone();
    let uid = user.id.clone();
    let mfa_done = !user.mfa_enrolled();
    let (token, _) = state
        .db(move |s| {
            s.write(|tx| {
                if let Some(o) = &old {
                    sessions::delete(tx, o)?;
                }
                users::login_succeeded(tx, &uid)?;
                sessions::create(tx, now(), &uid, mfa_done)
            })
        })
        .await?;
    tracing::info!(user = %user.id, "signed in with password");
    let to = if user.mfa_enrolled() {
        format!(
            "/login/mfa{}",
            q.next
                .as_deref()
                .map(|n| format!("?next={}", url_escape(safe_next(Some(n)))))
                .unwrap_or_default()
        )
    } else if user.is_admin {
        "/account/mfa".to_string()
    } else {
        safe_next(q.next.as_deref()).to_string()
    };
    let mut r = Redirect::to(&to).into_response();
    add_cookie(
        r.headers_mut(),
        set_cookie(SESSION_COOKIE, &token, None, state.config.secure_cookies),
    );
    Ok(r)
}

fn url_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "mfa.html")]
struct MfaT {
    p: Page,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    code: String,
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
    if !state.allow_attempt(&ctx.client) {
        return Err(AppError::TooMany);
    }
    let Some(secret) = u.totp_secret.clone() else {
        return Ok(Redirect::to("/").into_response());
    };
    let n = now();
    if u.locked_until.is_some_and(|l| l > n) {
        return Err(AppError::BadRequest("locked".into()));
    }
    let uid = u.id.clone();
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
                    users::login_failed(tx, now(), &uid)?;
                    return Ok(None);
                }
                users::login_succeeded(tx, &uid)?;
                sessions::delete(tx, &old)?;
                Ok(Some(sessions::create(tx, now(), &uid, true)?))
            })
        })
        .await?;
    match ok {
        Some((token, _)) => {
            tracing::info!(user = %u.id, "second factor accepted");
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

#[derive(Template)]
#[template(path = "mfa_setup.html")]
struct MfaSetupT {
    p: Page,
    required: bool,
    qr: String,
    secret: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "recovery.html")]
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
        required: u.is_admin,
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
            required: u.is_admin,
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

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    _csrf: String,
}

pub async fn logout(
    State(state): State<Shared>,
    ctx: Ctx,
    AppForm(f): AppForm<CsrfForm>,
) -> AppResult<Response> {
    if let Some(tok) = ctx.token.clone() {
        ctx.check_csrf(&f._csrf)?;
        state
            .db(move |s| s.write(|tx| sessions::delete(tx, &tok)))
            .await?;
    }
    let mut r = Redirect::to("/login").into_response();
    add_cookie(
        r.headers_mut(),
        clear_cookie(SESSION_COOKIE, state.config.secure_cookies),
    );
    Ok(r)
}

#[derive(Deserialize)]
pub struct LangForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    lang: String,
}

pub async fn switch_lang(
    State(state): State<Shared>,
    ctx: Ctx,
    headers: HeaderMap,
    AppForm(f): AppForm<LangForm>,
) -> AppResult<Response> {
    let lang = Lang::parse(&f.lang).ok_or_else(|| AppError::BadRequest("bad_request".into()))?;
    if let Some(u) = ctx.user.clone() {
        ctx.check_csrf(&f._csrf)?;
        let code = lang.code().to_string();
        state
            .db(move |s| s.write(|tx| users::set_lang(tx, &u.id, &code)))
            .await?;
    }
    // Back to the page the switch was pressed on (same site only).
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| rest[i..].to_string()));
    let mut r = Redirect::to(safe_next(back.as_deref())).into_response();
    add_cookie(
        r.headers_mut(),
        set_cookie(
            LANG_COOKIE,
            lang.code(),
            Some(365 * 86_400),
            state.config.secure_cookies,
        ),
    );
    Ok(r)
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountT {
    p: Page,
    name: String,
    email: String,
    mfa: bool,
    codes_left: i64,
}

pub async fn account(State(state): State<Shared>, ctx: Ctx) -> AppResult<Response> {
    let (u, _) = ctx.user()?;
    let uid = u.id.clone();
    let left = state
        .db(move |s| s.read(|c| users::recovery_codes_left(c, &uid)))
        .await?;
    Ok(html(AccountT {
        p: Page::new(&ctx, "account"),
        name: u.display_name.clone(),
        email: u.email.clone(),
        mfa: u.mfa_enrolled(),
        codes_left: left,
    }))
}

// ---------------------------------------------------------------- organisations

#[derive(Deserialize)]
pub struct NameForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    name: String,
}

pub async fn create_org(
    State(state): State<Shared>,
    ctx: Ctx,
    AppForm(f): AppForm<NameForm>,
) -> AppResult<Response> {
    let (u, _) = ctx.user()?;
    ctx.check_csrf(&f._csrf)?;
    let uid = u.id.clone();
    let org = state
        .db(move |s| s.write(|tx| orgs::create(tx, now(), &uid, &f.name)))
        .await?;
    Ok(Redirect::to(&format!("/o/{}", org.id)).into_response())
}

struct AssessmentSummary {
    id: String,
    title: String,
    catalog: String,
    level: String,
    percent: u32,
    verdict: String,
}

#[derive(Template)]
#[template(path = "org.html")]
struct OrgT {
    p: Page,
    org_id: String,
    org_name: String,
    assessments: Vec<AssessmentSummary>,
    can_edit: bool,
    can_manage: bool,
    catalogs: Vec<(String, String)>,
    /// (name, e-mail, role label, user id, role id)
    members: Vec<(String, String, String, String, String)>,
    invite_link: Option<String>,
    /// The organisation's declaration as a ★4 evaluation body: (accreditation, registration no.).
    body: Option<(String, String)>,
    /// 法人番号, printed in signed results.
    corporate_number: String,
}

/// Catalog and level choices for a new assessment: `id@edition:level`.
fn catalog_choices(state: &Shared, lang: Lang) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for c in state.catalogs.iter() {
        for l in c.levels.iter().filter(|l| !l.summarised) {
            out.push((
                format!("{}:{}", c.pin(), l.rank),
                format!(
                    "{} — {} ({})",
                    l.label.get(lang),
                    c.framework.title.get(lang),
                    c.pin()
                ),
            ));
        }
    }
    out
}

async fn render_org(
    state: &Shared,
    ctx: &Ctx,
    org_id: &str,
    invite_link: Option<String>,
) -> AppResult<Response> {
    let m = ctx.org(state, org_id).await?;
    let oid = org_id.to_string();
    let (rows, members, answers, (body, corporate_number)) = state
        .db(move |s| {
            s.read(|c| {
                let rows = assessments::list(c, &oid)?;
                let members = orgs::members(c, &oid)?;
                let mut answers = Vec::new();
                for r in &rows {
                    answers.push(assessments::answers(c, &r.id)?);
                }
                let body = hoshi_store::evaluation::body_of(c, &oid)?
                    .map(|b| (b.accreditation, b.registration_number));
                let number = orgs::corporate_number(c, &oid)?.unwrap_or_default();
                Ok((rows, members, answers, (body, number)))
            })
        })
        .await?;
    let t = ctx.t();
    let lang = ctx.lang;
    let summaries = rows
        .iter()
        .zip(&answers)
        .map(|(r, a)| {
            let (percent, verdict, level) = match catalog_for(state, r) {
                Ok(c) => {
                    let e = hoshi_core::evaluate_unchecked(c, &assessments::to_core(r, a, ""));
                    let label = c
                        .level(r.level)
                        .map(|l| l.label.get(lang).to_string())
                        .unwrap_or_default();
                    (e.overall.percent(), e.verdict_line(c, lang), label)
                }
                Err(_) => (0, String::new(), r.level.to_string()),
            };
            AssessmentSummary {
                id: r.id.clone(),
                title: r.title.clone(),
                catalog: format!("{}@{}", r.catalog, r.edition),
                level,
                percent,
                verdict,
            }
        })
        .collect();
    let mut p = Page::new(ctx, "orgs");
    p.title = m.org.name.clone();
    Ok(html(OrgT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        assessments: summaries,
        can_edit: m.role.can_edit(),
        can_manage: m.role.can_manage(),
        catalogs: catalog_choices(state, lang),
        members: members
            .into_iter()
            .map(|x| {
                (
                    x.display_name,
                    x.email,
                    role_label(&t, x.role),
                    x.user_id,
                    x.role.id().to_string(),
                )
            })
            .collect(),
        invite_link,
        body,
        corporate_number,
    }))
}

pub async fn org_page(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(org): Path<String>,
) -> AppResult<Response> {
    render_org(&state, &ctx, &org, None).await
}

#[derive(Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    role: String,
}

pub async fn create_invitation(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(org): Path<String>,
    AppForm(f): AppForm<RoleForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&f._csrf)?;
    let m = ctx.org_role(&state, &org, Role::Owner).await?;
    let role = Role::parse(&f.role).ok_or_else(|| AppError::BadRequest("bad_request".into()))?;
    let uid = ctx.user()?.0.id.clone();
    let oid = m.org.id.clone();
    let token = state
        .db(move |s| s.write(|tx| orgs::invite(tx, now(), &uid, &oid, role, 7)))
        .await?;
    let link = format!(
        "{}/invite/{token}",
        state.config.public_url.trim_end_matches('/')
    );
    render_org(&state, &ctx, &org, Some(link)).await
}

#[derive(Template)]
#[template(path = "invite.html")]
struct InviteT {
    p: Page,
    org_name: String,
    role: String,
    token: String,
}

pub async fn invite_form(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let tk = token.clone();
    let inv = state
        .db(move |s| s.read(|c| orgs::invitation(c, now(), &tk)))
        .await?
        .ok_or_else(|| AppError::BadRequest("invite_invalid".into()))?;
    let t = ctx.t();
    if ctx.user().is_ok() {
        return Ok(html(InviteT {
            p: Page::new(&ctx, "invite_title"),
            org_name: inv.org.name,
            role: role_label(&t, inv.role),
            token,
        }));
    }
    let mut headers = HeaderMap::new();
    let pre = pre_token(&ctx, &state, &mut headers);
    Ok(with_headers(
        headers,
        html(SetupT {
            p: Page::new(&ctx, "invite_title"),
            heading: format!("{}: {}", t.s("invite_to"), inv.org.name),
            intro: format!(
                "{} {} (/login?next=/invite/…)",
                t.s("invite_signup"),
                t.s("have_account")
            ),
            button: t.s("invite_signup").into(),
            action: format!("/invite/{token}"),
            pre,
            errors: vec![],
            display_name: String::new(),
            email: String::new(),
        }),
    ))
}

pub async fn invite_accept(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(token): Path<String>,
    AppForm(f): AppForm<SignupForm>,
) -> AppResult<Response> {
    if let Ok((u, _)) = ctx.user() {
        ctx.check_csrf(&f._csrf)?;
        let uid = u.id.clone();
        let org = state
            .db(move |s| s.write(|tx| orgs::accept(tx, now(), &uid, &token)))
            .await
            .map_err(|e| match e {
                AppError::NotFound => AppError::BadRequest("invite_invalid".into()),
                other => other,
            })?;
        return Ok(Redirect::to(&format!("/o/{}", org.id)).into_response());
    }
    // A new account that joins at once.
    ctx.check_pre(&f._csrf)?;
    let t = ctx.t();
    let mut errors = signup_problems(&t, &f);
    let email = f.email.clone();
    if errors.is_empty()
        && state
            .db(move |s| s.read(|c| users::by_email(c, &email)))
            .await?
            .is_some()
    {
        errors.push(t.s("email_taken").to_string());
    }
    if !errors.is_empty() {
        let mut headers = HeaderMap::new();
        let pre = pre_token(&ctx, &state, &mut headers);
        let mut r = html(SetupT {
            p: Page::new(&ctx, "invite_title"),
            heading: t.s("invite_title").into(),
            intro: t.s("have_account").into(),
            button: t.s("invite_signup").into(),
            action: format!("/invite/{token}"),
            pre,
            errors,
            display_name: f.display_name.clone(),
            email: f.email.clone(),
        });
        *r.status_mut() = StatusCode::BAD_REQUEST;
        return Ok(with_headers(headers, r));
    }
    let hash = state.hash_password(f.password.clone()).await?;
    let lang = ctx.lang.code().to_string();
    let (org, session) = state
        .db(move |s| {
            s.write(|tx| {
                let n = now();
                // Check the invitation first so that no account is created for a dead link.
                orgs::invitation(tx, n, &token)?
                    .ok_or_else(|| StoreError::Invalid("invite_invalid".into()))?;
                let u = users::create(
                    tx,
                    n,
                    None,
                    NewUser {
                        email: &f.email,
                        display_name: &f.display_name,
                        password_hash: &hash,
                        is_admin: false,
                        lang: &lang,
                    },
                )?;
                let org = orgs::accept(tx, n, &u.id, &token)?;
                let (sess, _) = sessions::create(tx, n, &u.id, true)?;
                Ok((org, sess))
            })
        })
        .await?;
    let mut r = Redirect::to(&format!("/o/{}", org.id)).into_response();
    add_cookie(
        r.headers_mut(),
        set_cookie(SESSION_COOKIE, &session, None, state.config.secure_cookies),
    );
    Ok(r)
}

// ---------------------------------------------------------------- assessments

#[derive(Deserialize)]
pub struct NewAssessmentForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    catalog: String,
}

pub async fn create_assessment(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(org): Path<String>,
    AppForm(f): AppForm<NewAssessmentForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&f._csrf)?;
    let m = ctx.org_role(&state, &org, Role::Editor).await?;
    let (pin, level) = f
        .catalog
        .rsplit_once(':')
        .and_then(|(p, l)| Some((p.to_string(), l.parse::<u8>().ok()?)))
        .ok_or_else(|| AppError::BadRequest("bad_request".into()))?;
    let c = state
        .catalogs
        .get(&pin)
        .filter(|c| c.pin() == pin)
        .ok_or_else(|| AppError::BadRequest(format!("unknown catalog {pin}")))?;
    if c.level(level).is_none_or(|l| l.summarised) {
        return Err(AppError::BadRequest(format!(
            "{} cannot be assessed at level {level}",
            c.pin()
        )));
    }
    let (cid, ced) = (c.framework.id.clone(), c.framework.edition.clone());
    let uid = ctx.user()?.0.id.clone();
    let oid = m.org.id.clone();
    let row = state
        .db(move |s| {
            s.write(|tx| {
                assessments::create(
                    tx,
                    now(),
                    &uid,
                    NewAssessment {
                        org_id: &oid,
                        title: &f.title,
                        catalog: &cid,
                        edition: &ced,
                        level,
                    },
                )
            })
        })
        .await?;
    Ok(Redirect::to(&format!("/o/{}/a/{}", row.org_id, row.id)).into_response())
}

/// An assessment of `org_id` (already checked by the caller) with its catalog.
pub async fn assessment_and_catalog<'a>(
    state: &'a Shared,
    org_id: &str,
    id: &str,
) -> AppResult<(AssessmentRow, &'a Catalog)> {
    if !hoshi_store::is_id(id) {
        return Err(AppError::NotFound);
    }
    let (oid, aid) = (org_id.to_string(), id.to_string());
    let row = state
        .db(move |s| s.read(|c| assessments::get(c, &oid, &aid)))
        .await?;
    let c = catalog_for(state, &row)?;
    Ok((row, c))
}

/// The catalog edition an assessment was made against.
pub fn catalog_for<'a>(state: &'a Shared, a: &AssessmentRow) -> AppResult<&'a Catalog> {
    state
        .catalogs
        .get(&format!("{}@{}", a.catalog, a.edition))
        .ok_or_else(|| {
            AppError::Internal(format!("catalog {}@{} is not loaded", a.catalog, a.edition))
        })
}

/// Loads an assessment the user may see, with its answers and catalog.
async fn load(
    state: &Shared,
    ctx: &Ctx,
    org: &str,
    id: &str,
) -> AppResult<(
    orgs::Membership,
    AssessmentRow,
    std::collections::BTreeMap<String, AnswerRow>,
)> {
    let m = ctx.org(state, org).await?;
    if !hoshi_store::is_id(id) {
        return Err(AppError::NotFound);
    }
    let (oid, aid) = (m.org.id.clone(), id.to_string());
    let (row, answers) = state
        .db(move |s| {
            s.read(|c| {
                let row = assessments::get(c, &oid, &aid)?;
                let answers = assessments::answers(c, &aid)?;
                Ok((row, answers))
            })
        })
        .await?;
    Ok((m, row, answers))
}

fn evaluate(
    c: &Catalog,
    row: &AssessmentRow,
    answers: &std::collections::BTreeMap<String, AnswerRow>,
    org: &str,
) -> Evaluation {
    hoshi_core::evaluate_unchecked(c, &assessments::to_core(row, answers, org))
}

#[derive(Template)]
#[template(path = "assessment.html")]
struct AssessmentT {
    p: Page,
    org_id: String,
    org_name: String,
    id: String,
    title: String,
    catalog: String,
    level_label: String,
    verdict: String,
    reached: bool,
    percent: u32,
    counts: String,
    chart: String,
    categories: Vec<(String, String, u32, u32)>,
    can_edit: bool,
    review: ReviewBox,
    /// Signed results of this assessment: (id, issued, valid until, revoked note, published).
    attestations: Vec<(String, String, String, Option<String>, bool)>,
    can_attest: bool,
    can_manage: bool,
    /// Inputs of the report's damage-cost estimate as the form shows them.
    report_inputs: (String, String, String),
}

/// The review section of the assessment page.
pub struct ReviewBox {
    pub status: String,
    pub status_id: String,
    pub expert: String,
    pub expert_link: Option<String>,
    pub can_submit: bool,
    pub locked: bool,
    pub valid_until: String,
    pub declared: String,
    pub can_declare: bool,
    pub statement: String,
    pub comments: usize,
    /// "Expires in N days" or "expired", for a confirmed result near or past its date.
    pub expiry_banner: Option<(bool, String)>,
    /// ★4: reviewed by an evaluation body.
    pub star4: bool,
}

fn counts_text(t: &Tr, p: &hoshi_core::Progress) -> String {
    [
        (Status::Met, p.met),
        (Status::Partial, p.partial),
        (Status::NotMet, p.not_met),
        (Status::NotApplicable, p.not_applicable),
        (Status::Unanswered, p.unanswered),
    ]
    .iter()
    .map(|(s, n)| format!("{} {n}", s.label().get(t.lang)))
    .collect::<Vec<_>>()
    .join(" / ")
}

pub async fn assessment_page(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, id)): Path<(String, String)>,
) -> AppResult<Response> {
    render_assessment(&state, &ctx, &org, &id, None).await
}

/// The assessment overview (verdict, chart, review); `expert_link` is shown once after inviting.
pub async fn render_assessment(
    state: &Shared,
    ctx: &Ctx,
    org: &str,
    id: &str,
    expert_link: Option<String>,
) -> AppResult<Response> {
    let (m, row, answers) = load(state, ctx, org, id).await?;
    let aid = row.id.clone();
    let oid2 = m.org.id.clone();
    let (review, expert, comments, (atts, report_inputs)) = state
        .db(move |s| {
            s.read(|c| {
                let r = hoshi_store::reviews::get(c, &aid)?;
                let body = match r.as_ref().and_then(|r| r.evaluator_org.clone()) {
                    Some(o) => {
                        let name: String =
                            c.query_row("SELECT name FROM orgs WHERE id = ?1", [&o], |x| x.get(0))?;
                        let b = hoshi_store::evaluation::body_of(c, &o)?;
                        Some(format!(
                            "{name} ({} {})",
                            b.as_ref().map(|b| b.accreditation.as_str()).unwrap_or(""),
                            b.as_ref()
                                .map(|b| b.registration_number.as_str())
                                .unwrap_or("")
                        ))
                    }
                    None => None,
                };
                let expert = match r.as_ref().and_then(|r| r.expert_user.clone()) {
                    _ if body.is_some() => body,
                    Some(uid) => {
                        let u = users::get(c, &uid)?;
                        let p = hoshi_store::reviews::profile(c, &uid)?;
                        Some(format!(
                            "{} ({} {})",
                            u.display_name,
                            p.as_ref().map(|p| p.qualification.as_str()).unwrap_or(""),
                            p.as_ref()
                                .map(|p| p.registration_number.as_str())
                                .unwrap_or("")
                        ))
                    }
                    None => None,
                };
                let comments = hoshi_store::reviews::comments(c, &aid)?.len();
                let atts = hoshi_store::attestations::for_assessment(c, &oid2, &aid)?;
                let inputs = hoshi_store::reports::get(c, &oid2, &aid)?;
                Ok((r, expert, comments, (atts, inputs)))
            })
        })
        .await?;
    let c = catalog_for(state, &row)?;
    let e = evaluate(c, &row, &answers, &m.org.name);
    let lang = ctx.lang;
    let t = ctx.t();
    let today = hoshi_core::time::date(now());
    let status_id = review
        .as_ref()
        .map(|r| r.status.clone())
        .unwrap_or_else(|| "draft".into());
    let level_label = c
        .level(row.level)
        .map(|l| l.label.get(lang).to_string())
        .unwrap_or_default();
    let expiry_banner = review
        .as_ref()
        .filter(|r| r.status == "confirmed")
        .and_then(|r| r.valid_until.as_deref())
        .and_then(|v| Some((v, crate::mail::days_until(v)?)))
        .and_then(|(v, days)| {
            if days < 0 {
                Some((true, t.s("expired_banner").replace("{date}", v)))
            } else if days <= crate::mail::REMINDER_DAYS[0] {
                Some((
                    false,
                    t.s("expiring_banner")
                        .replace("{date}", v)
                        .replace("{days}", &days.to_string()),
                ))
            } else {
                None
            }
        });
    let review_box = ReviewBox {
        expiry_banner,
        status: crate::review::status_label(&t, review.as_ref(), &today),
        can_submit: m.role.can_edit()
            && expert.is_some()
            && matches!(status_id.as_str(), "draft" | "returned"),
        locked: matches!(status_id.as_str(), "submitted" | "in-review" | "confirmed"),
        valid_until: review
            .as_ref()
            .and_then(|r| r.valid_until.clone())
            .unwrap_or_default(),
        declared: crate::review::declared_text(review.as_ref()),
        can_declare: m.role.can_manage()
            && status_id == "confirmed"
            && review.as_ref().is_some_and(|r| r.declared_on.is_none()),
        statement: crate::review::statement(lang, &m.org.name, &level_label, row.level >= 4),
        star4: row.level >= 4,
        status_id,
        expert: expert.unwrap_or_default(),
        expert_link,
        comments,
    };
    let mut p = Page::new(ctx, "assessments");
    p.title = row.title.clone();
    Ok(html(AssessmentT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        id: row.id.clone(),
        title: row.title.clone(),
        catalog: format!("{} ({})", c.framework.title.get(lang), c.pin()),
        level_label: c
            .level(row.level)
            .map(|l| l.name.get(lang).to_string())
            .unwrap_or_default(),
        verdict: e.verdict_line(c, lang),
        reached: e.target_reached,
        percent: e.overall.percent(),
        counts: counts_text(&t, &e.overall),
        chart: hoshi_report::category_chart(&e, lang),
        categories: e
            .categories
            .iter()
            .map(|x| {
                (
                    x.id.clone(),
                    x.name.get(lang).to_string(),
                    x.progress.done(),
                    x.progress.total,
                )
            })
            .collect(),
        can_edit: m.role.can_edit(),
        can_attest: m.role.can_manage()
            && review.as_ref().is_some_and(|r| {
                r.status == "confirmed"
                    && r.declared_on.is_some()
                    && r.valid_until
                        .as_deref()
                        .is_some_and(|v| v >= today.as_str())
            }),
        can_manage: m.role.can_manage(),
        report_inputs: crate::report::inputs_view(report_inputs),
        review: review_box,
        attestations: atts
            .into_iter()
            .map(|a| {
                (
                    a.id,
                    fmt_time(a.issued_at),
                    a.valid_until,
                    a.revoked_at.map(|at| {
                        format!("{} — {}", fmt_time(at), a.revoke_reason.unwrap_or_default())
                    }),
                    a.published_at.is_some(),
                )
            })
            .collect(),
    }))
}

pub struct EvidenceView {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub detail: String,
    pub dates: String,
    pub expired: bool,
}

struct CritView {
    evidence_items: Vec<EvidenceView>,
    /// Expert comments: (author, time, text).
    comments: Vec<(String, String, String)>,
    id: String,
    text: String,
    guidance: String,
    evidence_examples: Vec<String>,
    status: String,
    status_label: String,
    reason: String,
    evidence: String,
    note: String,
    version: i64,
    updated: String,
}

struct ReqView {
    id: String,
    title: String,
    text: String,
    criteria: Vec<CritView>,
}

#[derive(Template)]
#[template(path = "category.html")]
struct CategoryT {
    p: Page,
    org_id: String,
    org_name: String,
    id: String,
    title: String,
    category: String,
    category_id: String,
    all_categories: Vec<(String, String)>,
    requirements: Vec<ReqView>,
    statuses: Vec<(String, String)>,
    can_edit: bool,
    org_evidence: Vec<(String, String)>,
}

/// `2026-11-21 09:30 UTC` from Unix seconds.
pub fn fmt_time(ts: i64) -> String {
    hoshi_core::time::minutes(ts)
}

pub async fn category_page(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, id, cat)): Path<(String, String, String)>,
    Query(q): Query<NextQuery>,
) -> AppResult<Response> {
    let (m, row, answers) = load(&state, &ctx, &org, &id).await?;
    let c = catalog_for(&state, &row)?;
    let category = c.category(&cat).ok_or(AppError::NotFound)?;
    let (aid, oid) = (row.id.clone(), m.org.id.clone());
    let (linked, all_evidence, comments) = state
        .db(move |s| {
            s.read(|c| {
                Ok((
                    hoshi_store::evidence::for_assessment(c, &aid)?,
                    hoshi_store::evidence::list(c, &oid)?,
                    hoshi_store::reviews::comments(c, &aid)?,
                ))
            })
        })
        .await?;
    let today = crate::evidence::today();
    let view = |e: &hoshi_store::evidence::Evidence| EvidenceView {
        id: e.id.clone(),
        title: e.title.clone(),
        kind: e.kind.clone(),
        detail: e.file_name.clone().or(e.url.clone()).unwrap_or_default(),
        dates: match &e.expires_date {
            Some(x) => format!("{} – {x}", e.effective_date),
            None => format!("{} –", e.effective_date),
        },
        expired: e.expired(&today),
    };
    let lang = ctx.lang;
    let in_level: Vec<&hoshi_core::Criterion> = c.criteria_for_level(row.level).collect();
    let requirements = c
        .requirements
        .iter()
        .filter(|r| r.category == category.id)
        .filter_map(|r| {
            let criteria: Vec<CritView> = in_level
                .iter()
                .filter(|cr| cr.requirement == r.id)
                .map(|cr| {
                    let a = answers.get(&cr.id);
                    let ans = a.map(|x| x.answer.clone()).unwrap_or_default();
                    CritView {
                        comments: comments
                            .iter()
                            .filter(|m| m.criterion_id == cr.id)
                            .map(|m| {
                                (
                                    m.author_name.clone(),
                                    fmt_time(m.created_at),
                                    m.body.clone(),
                                )
                            })
                            .collect(),
                        evidence_items: linked
                            .iter()
                            .filter(|(k, _)| k == &cr.id)
                            .map(|(_, e)| view(e))
                            .collect(),
                        id: cr.id.clone(),
                        text: cr.text.get(lang).to_string(),
                        guidance: cr.guidance.get(lang).to_string(),
                        evidence_examples: cr.evidence.get(lang).to_vec(),
                        status: ans.status.id().to_string(),
                        status_label: ans.status.label().get(lang).to_string(),
                        reason: ans.reason,
                        evidence: ans.evidence.join("\n"),
                        note: ans.note,
                        version: a.map(|x| x.version).unwrap_or(0),
                        updated: a.map(|x| fmt_time(x.updated_at)).unwrap_or_default(),
                    }
                })
                .collect();
            (!criteria.is_empty()).then(|| ReqView {
                id: r.id.clone(),
                title: r.title.get(lang).to_string(),
                text: r.text.get(lang).to_string(),
                criteria,
            })
        })
        .collect::<Vec<_>>();
    if requirements.is_empty() {
        return Err(AppError::NotFound);
    }
    let mut p = Page::new(&ctx, "categories").flash(q.saved.as_ref().map(|_| "saved"));
    p.title = format!(
        "{} {} — {}",
        category.id,
        category.name.get(lang),
        row.title
    );
    let all_categories = c
        .categories
        .iter()
        .filter(|k| {
            in_level
                .iter()
                .any(|cr| c.category_of(cr).map(|x| &x.id) == Some(&k.id))
        })
        .map(|k| (k.id.clone(), k.name.get(lang).to_string()))
        .collect();
    Ok(html(CategoryT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        id: row.id.clone(),
        title: row.title.clone(),
        category: format!("{} {}", category.id, category.name.get(lang)),
        category_id: category.id.clone(),
        all_categories,
        requirements,
        statuses: Status::ALL
            .iter()
            .map(|s| (s.id().to_string(), s.label().get(lang).to_string()))
            .collect(),
        can_edit: m.role.can_edit(),
        org_evidence: all_evidence
            .iter()
            .map(|e| (e.id.clone(), format!("{} ({})", e.title, e.effective_date)))
            .collect(),
    }))
}

#[derive(Template)]
#[template(path = "evidence.html")]
struct EvidenceListT {
    p: Page,
    org_id: String,
    org_name: String,
    items: Vec<(EvidenceView, usize, bool)>,
}

pub async fn evidence_page(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(org): Path<String>,
) -> AppResult<Response> {
    let m = ctx.org(&state, &org).await?;
    let oid = m.org.id.clone();
    let items = state
        .db(move |s| {
            s.read(|c| {
                let mut out = Vec::new();
                for e in hoshi_store::evidence::list(c, &oid)? {
                    let uses = hoshi_store::evidence::uses(c, &e.id)?.len();
                    out.push((e, uses));
                }
                Ok(out)
            })
        })
        .await?;
    let today = crate::evidence::today();
    let mut p = Page::new(&ctx, "evidence_items");
    p.title = format!("{} — {}", ctx.t().s("evidence_items"), m.org.name);
    Ok(html(EvidenceListT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        items: items
            .into_iter()
            .map(|(e, n)| {
                let file = e.kind == "file";
                (
                    EvidenceView {
                        id: e.id.clone(),
                        title: e.title.clone(),
                        kind: e.kind.clone(),
                        detail: e.file_name.clone().or(e.url.clone()).unwrap_or_default(),
                        dates: match &e.expires_date {
                            Some(x) => format!("{} – {x}", e.effective_date),
                            None => format!("{} –", e.effective_date),
                        },
                        expired: e.expired(&today),
                    },
                    n,
                    file,
                )
            })
            .collect(),
    }))
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    evidence: String,
    #[serde(default)]
    note: String,
}

#[derive(Template)]
#[template(path = "conflict.html")]
struct ConflictT {
    p: Page,
    org_id: String,
    id: String,
    category_id: String,
    criterion: String,
    mine: (String, String, String, String),
    theirs: (String, String, String, String),
}

const MAX_TEXT: usize = 20_000;

pub async fn save_answer(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, id, crit)): Path<(String, String, String)>,
    AppForm(f): AppForm<AnswerForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&f._csrf)?;
    let m = ctx.org_role(&state, &org, Role::Editor).await?;
    let (row, c) = assessment_and_catalog(&state, &m.org.id, &id).await?;
    let criterion = c
        .criterion(&crit)
        .filter(|cr| cr.level <= row.level)
        .ok_or(AppError::NotFound)?;
    let category_id = c
        .category_of(criterion)
        .map(|x| x.id.clone())
        .unwrap_or_default();
    let status = Status::parse(&f.status)
        .ok_or_else(|| AppError::BadRequest(format!("unknown status `{}`", f.status)))?;
    let version: i64 = f
        .version
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest("bad_request".into()))?;
    for v in [&f.reason, &f.evidence, &f.note] {
        if v.chars().count() > MAX_TEXT {
            return Err(AppError::BadRequest(format!(
                "a text field is longer than {MAX_TEXT} characters"
            )));
        }
    }
    let answer = Answer {
        status,
        reason: f.reason.trim().to_string(),
        evidence: f
            .evidence
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect(),
        note: f.note.trim().to_string(),
    };
    if answer.check().is_err() {
        return Err(AppError::BadRequest("na_needs_reason".into()));
    }
    let uid = ctx.user()?.0.id.clone();
    let (oid, aid, cid, a2) = (
        m.org.id.clone(),
        row.id.clone(),
        crit.clone(),
        answer.clone(),
    );
    let saved = state
        .db(move |s| {
            s.write(|tx| assessments::save_answer(tx, now(), &uid, &oid, &aid, &cid, version, &a2))
        })
        .await;
    match saved {
        Ok(_) => Ok(Redirect::to(&format!(
            "/o/{org}/a/{id}/c/{category_id}?saved={crit}#c-{crit}"
        ))
        .into_response()),
        Err(AppError::Conflict) => {
            let (aid, cid) = (row.id.clone(), crit.clone());
            let current = state
                .db(move |s| s.read(|c| assessments::answer(c, &aid, &cid)))
                .await?;
            let lang = ctx.lang;
            let show = |a: &Answer| {
                (
                    a.status.label().get(lang).to_string(),
                    a.reason.clone(),
                    a.evidence.join("\n"),
                    a.note.clone(),
                )
            };
            let theirs = current.map(|r| show(&r.answer)).unwrap_or_default();
            let mut r = html(ConflictT {
                p: Page::new(&ctx, "conflict"),
                org_id: org,
                id,
                category_id,
                criterion: crit,
                mine: show(&answer),
                theirs,
            });
            *r.status_mut() = StatusCode::CONFLICT;
            Ok(r)
        }
        Err(e) => Err(e),
    }
}

struct GapView {
    id: String,
    category: String,
    text: String,
    status: String,
    risk: u8,
    threat: String,
    measure: String,
    effort: String,
    phase: String,
}

#[derive(Template)]
#[template(path = "gaps.html")]
struct GapsT {
    p: Page,
    org_id: String,
    org_name: String,
    id: String,
    title: String,
    gaps: Vec<GapView>,
}

pub async fn gaps_page(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let (m, row, answers) = load(&state, &ctx, &org, &id).await?;
    let c = catalog_for(&state, &row)?;
    let e = evaluate(c, &row, &answers, &m.org.name);
    let lang = ctx.lang;
    let gaps = e
        .gaps
        .iter()
        .map(|g| GapView {
            id: g.criterion.clone(),
            category: g.category.clone(),
            text: c
                .criterion(&g.criterion)
                .map(|x| x.text.get(lang).to_string())
                .unwrap_or_default(),
            status: g.status.label().get(lang).to_string(),
            risk: g.risk,
            threat: g.threat.label().get(lang).to_string(),
            measure: g
                .measure
                .map(|x| x.label().get(lang).to_string())
                .unwrap_or_else(|| "—".into()),
            effort: g.effort.label().get(lang).to_string(),
            phase: g.phase.label().get(lang).to_string(),
        })
        .collect();
    let mut p = Page::new(&ctx, "gaps");
    p.title = format!("{} — {}", ctx.t().s("gaps"), row.title);
    Ok(html(GapsT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        id: row.id.clone(),
        title: row.title.clone(),
        gaps,
    }))
}

#[derive(Template)]
#[template(path = "roadmap.html")]
struct RoadmapT {
    p: Page,
    org_id: String,
    org_name: String,
    id: String,
    title: String,
    phases: Vec<(String, Vec<RoadmapItem>)>,
}

/// (category ID, criterion ID, short text).
type RoadmapItem = (String, String, String);

pub async fn roadmap_page(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let (m, row, answers) = load(&state, &ctx, &org, &id).await?;
    let c = catalog_for(&state, &row)?;
    let e = evaluate(c, &row, &answers, &m.org.name);
    let lang = ctx.lang;
    let phases = e
        .roadmap
        .iter()
        .map(|ph| {
            (
                ph.label.get(lang).to_string(),
                ph.criteria
                    .iter()
                    .map(|id| {
                        let cr = c.criterion(id);
                        (
                            cr.and_then(|x| c.category_of(x))
                                .map(|k| k.id.clone())
                                .unwrap_or_default(),
                            id.clone(),
                            cr.map(|x| hoshi_report_short(x.text.get(lang)))
                                .unwrap_or_default(),
                        )
                    })
                    .collect(),
            )
        })
        .collect();
    let mut p = Page::new(&ctx, "roadmap");
    p.title = format!("{} — {}", ctx.t().s("roadmap"), row.title);
    Ok(html(RoadmapT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        id: row.id.clone(),
        title: row.title.clone(),
        phases,
    }))
}

fn hoshi_report_short(s: &str) -> String {
    let first = s.lines().next().unwrap_or("");
    if first.chars().count() > 70 {
        format!("{}…", first.chars().take(69).collect::<String>())
    } else {
        first.to_string()
    }
}

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryT {
    p: Page,
    org_id: String,
    org_name: String,
    id: String,
    title: String,
    entries: Vec<(i64, String, String, String, String, String)>,
}

pub async fn history_page(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let (m, row, _) = load(&state, &ctx, &org, &id).await?;
    let (aid, oid) = (row.id.clone(), m.org.id.clone());
    let (entries, names) = state
        .db(move |s| {
            s.read(|c| {
                let entries = audit::for_target(c, &format!("assessment:{aid}"), 500)?;
                let names: HashMap<String, String> = orgs::members(c, &oid)?
                    .into_iter()
                    .map(|m| (m.user_id, m.display_name))
                    .collect();
                Ok((entries, names))
            })
        })
        .await?;
    let entries = entries
        .into_iter()
        .map(|e| {
            let what = match e.target.split_once('/') {
                Some((_, crit)) => format!("{} {crit}", e.action),
                None => e.action.clone(),
            };
            (
                e.seq,
                fmt_time(e.at),
                e.actor
                    .as_ref()
                    .and_then(|a| names.get(a).cloned())
                    .unwrap_or_else(|| e.actor.clone().unwrap_or_default()),
                what,
                e.before.unwrap_or_default(),
                e.after.unwrap_or_default(),
            )
        })
        .collect();
    let mut p = Page::new(&ctx, "history");
    p.title = format!("{} — {}", ctx.t().s("history"), row.title);
    Ok(html(HistoryT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        id: row.id.clone(),
        title: row.title.clone(),
        entries,
    }))
}

fn download(content_type: &'static str, name: &str, body: Vec<u8>) -> Response {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{safe}\""),
            ),
        ],
        body,
    )
        .into_response()
}

pub async fn export_json(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let (m, row, answers) = load(&state, &ctx, &org, &id).await?;
    let c = catalog_for(&state, &row)?;
    let a = assessments::to_core(&row, &answers, &m.org.name);
    let e = hoshi_core::evaluate_unchecked(c, &a);
    let report = hoshi_report::Report {
        catalog: c,
        assessment: &a,
        evaluation: &e,
        lang: ctx.lang,
    }
    .render(hoshi_report::Format::Json);
    let body = serde_json::json!({
        "assessment": {"id": row.id, "title": row.title, "catalog": row.catalog, "edition": row.edition, "level": row.level},
        "answers": a.answers,
        "report": serde_json::from_str::<serde_json::Value>(&report).unwrap_or_default(),
    });
    Ok(download(
        "application/json",
        &format!("hoshi-{}.json", row.id),
        body.to_string().into_bytes(),
    ))
}

pub async fn export_xlsx(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, id)): Path<(String, String)>,
) -> AppResult<Response> {
    let (m, row, answers) = load(&state, &ctx, &org, &id).await?;
    let c = catalog_for(&state, &row)?;
    let a = assessments::to_core(&row, &answers, &m.org.name);
    let bytes =
        hoshi_xlsx::export(c, &a, ctx.lang).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &format!("hoshi-{}.xlsx", row.id),
        bytes,
    ))
}

// ---------------------------------------------------------------- API tokens

struct TokenView {
    id: String,
    name: String,
    org: String,
    access: String,
    expires: String,
    live: bool,
}

#[derive(Template)]
#[template(path = "tokens.html")]
struct TokensT {
    p: Page,
    tokens: Vec<TokenView>,
    orgs: Vec<(String, String)>,
    new_token: Option<String>,
}

async fn render_tokens(
    state: &Shared,
    ctx: &Ctx,
    new_token: Option<String>,
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
                expires: fmt_time(k.expires_at),
            })
            .collect(),
        orgs: ms.into_iter().map(|m| (m.org.id, m.org.name)).collect(),
        new_token,
    }))
}

pub async fn tokens_page(State(state): State<Shared>, ctx: Ctx) -> AppResult<Response> {
    render_tokens(&state, &ctx, None).await
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
    ctx: Ctx,
    AppForm(f): AppForm<TokenForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&f._csrf)?;
    let m = ctx.org(&state, &f.org).await?;
    let days: i64 = f
        .days
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest("token_days_bad".into()))?;
    if !(1..=366).contains(&days) {
        return Err(AppError::BadRequest("token_days_bad".into()));
    }
    let uid = ctx.user()?.0.id.clone();
    let (oid, name, write) = (m.org.id.clone(), f.name.clone(), f.write.is_some());
    let (_, token) = state
        .db(move |s| {
            s.write(|tx| hoshi_store::tokens::create(tx, now(), &uid, &oid, &name, write, days))
        })
        .await?;
    render_tokens(&state, &ctx, Some(token)).await
}

pub async fn revoke_token(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(id): Path<String>,
    AppForm(f): AppForm<CsrfForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&f._csrf)?;
    let uid = ctx.user()?.0.id.clone();
    if !hoshi_store::is_id(&id) {
        return Err(AppError::NotFound);
    }
    state
        .db(move |s| s.write(|tx| hoshi_store::tokens::revoke(tx, now(), &uid, &id)))
        .await?;
    Ok(Redirect::to("/account/tokens").into_response())
}

/// `POST /o/{org}/members/{user}`: an owner changes a member's role or removes them.
pub async fn change_member(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, user)): Path<(String, String)>,
    AppForm(f): AppForm<RoleForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&f._csrf)?;
    let m = ctx.org_role(&state, &org, Role::Owner).await?;
    if !hoshi_store::is_id(&user) {
        return Err(AppError::NotFound);
    }
    let actor = ctx.user()?.0.id.clone();
    let oid = m.org.id.clone();
    if f.role == "remove" {
        state
            .db(move |s| s.write(|tx| orgs::remove(tx, now(), &actor, &oid, &user)))
            .await?;
    } else {
        let role =
            Role::parse(&f.role).ok_or_else(|| AppError::BadRequest("bad_request".into()))?;
        state
            .db(move |s| s.write(|tx| orgs::set_role(tx, now(), &actor, &oid, &user, role)))
            .await?;
    }
    Ok(Redirect::to(&format!("/o/{org}")).into_response())
}

#[derive(Deserialize)]
pub struct CorporateNumberForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    corporate_number: String,
}

/// `POST /o/{org}/corporate-number`: an owner sets (or, blank, clears) the organisation's
/// 法人番号; the check digit is verified.
pub async fn set_corporate_number(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(org): Path<String>,
    AppForm(f): AppForm<CorporateNumberForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&f._csrf)?;
    let m = ctx.org_role(&state, &org, Role::Owner).await?;
    let number = if f.corporate_number.trim().is_empty() {
        None
    } else {
        Some(
            hoshi_core::corporate::validate(&f.corporate_number)
                .map_err(|e| AppError::BadRequest(format!("corporate_number_bad: {e}")))?,
        )
    };
    let uid = ctx.user()?.0.id.clone();
    let oid = m.org.id.clone();
    state
        .db(move |s| {
            s.write(|tx| orgs::set_corporate_number(tx, now(), &uid, &oid, number.as_deref()))
        })
        .await?;
    Ok(Redirect::to(&format!("/o/{org}#corporate-number")).into_response())
}
