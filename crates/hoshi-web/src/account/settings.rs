//! Signing out, the language switch and the account page.

use hoshi_core::Lang;
use hoshi_core::UserError;
use hoshi_store::sessions;
use hoshi_store::users::{self};

use super::login::safe_next;
use crate::kernel::ctx::{Ctx, LANG_COOKIE, SESSION_COOKIE, add_cookie, clear_cookie, set_cookie};
use crate::kernel::prelude::*;

pub async fn logout(
    State(state): State<Shared>,
    ctx: Ctx,
    AppForm(f): AppForm<CsrfOnly>,
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
    let lang = Lang::parse(&f.lang).ok_or(AppError::BadRequest(UserError::BadRequest))?;
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
#[template(path = "account/account.html")]
struct AccountT {
    p: Page,
    name: String,
    email: String,
    mfa: bool,
    codes_left: i64,
    admin: bool,
    /// (IANA id, label, chosen) for the time-zone choice.
    zones: Vec<(&'static str, &'static str, bool)>,
    /// An example of a time as it will be shown: now, in the chosen zone.
    now_shown: String,
}

/// `?password=changed` after a password change: the page says so.
#[derive(Deserialize, Default)]
pub struct AccountQuery {
    #[serde(default)]
    password: String,
    #[serde(default)]
    zone: String,
}

pub async fn account(
    State(state): State<Shared>,
    ctx: Ctx,
    Query(q): Query<AccountQuery>,
) -> AppResult<Response> {
    let (u, _) = ctx.user()?;
    let uid = u.id.clone();
    let left = state
        .db(move |s| s.read(|c| users::recovery_codes_left(c, &uid)))
        .await?;
    let changed = q.password == "changed";
    let zone_saved = q.zone == "saved";
    let chosen = ctx.zone();
    Ok(html(AccountT {
        admin: u.is_admin,
        zones: hoshi_core::time::Zone::ALL
            .into_iter()
            .map(|z| {
                let (ja, en) = z.label();
                let label = if ctx.lang == Lang::Ja { ja } else { en };
                (z.id(), label, z == chosen)
            })
            .collect(),
        now_shown: ctx.time(crate::now()),
        p: Page::new(&ctx, "account").flash(if changed {
            Some("password_changed")
        } else {
            zone_saved.then_some("time_zone_saved")
        }),
        name: u.display_name.clone(),
        email: u.email.clone(),
        mfa: u.mfa_enrolled(),
        codes_left: left,
    }))
}

#[derive(Deserialize)]
pub struct ZoneForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    time_zone: String,
}

/// `POST /account/time-zone`: the zone this person reads times in (Japan time by default; the
/// dates that decide validity and deadlines stay Japan's whatever is chosen).
pub async fn set_time_zone(
    State(state): State<Shared>,
    SignedForm { user, form: f, .. }: SignedForm<ZoneForm>,
) -> AppResult<Response> {
    let zone = hoshi_core::time::Zone::parse(&f.time_zone)
        .ok_or(AppError::BadRequest(UserError::BadRequest))?;
    let stored = (zone != hoshi_core::time::Zone::Tokyo).then(|| zone.id().to_string());
    state
        .db(move |s| s.write(|tx| users::set_time_zone(tx, &user.id, stored.as_deref())))
        .await?;
    Ok(Redirect::to("/account?zone=saved").into_response())
}
