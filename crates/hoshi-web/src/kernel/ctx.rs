//! The request context: language, the signed-in user and session, cookies, CSRF checks.

use axum::extract::FromRequestParts;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use hoshi_core::Lang;
use hoshi_store::orgs::{self, Membership, Role};
use hoshi_store::sessions::{self, Session};
use hoshi_store::users::{self, User};

use crate::kernel::error::{AppError, AppResult};
use crate::kernel::i18n::Tr;
use crate::{Shared, now};

pub const SESSION_COOKIE: &str = "hoshi_session";
pub const PRE_COOKIE: &str = "hoshi_pre";
pub const LANG_COOKIE: &str = "hoshi_lang";

/// Everything a handler needs to know about who is asking.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub user: Option<User>,
    pub session: Option<Session>,
    pub token: Option<String>,
    /// The pre-login CSRF cookie, if the browser sent one.
    pub pre: Option<String>,
    pub client: String,
    /// The user has no second factor yet but must have one (see `users::mfa_required`).
    pub mfa_required: bool,
    /// The membership in the organisation of an `/o/{org}/…` path, read in the same
    /// transaction as the session (one round of statements fewer per organisation page).
    member_of: Option<(String, Option<Membership>)>,
}

/// The `{org}` of an `/o/{org}/…` path, when it has the shape of an id.
fn org_in_path(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/o/")?;
    let id = rest.split('/').next()?;
    hoshi_store::is_id(id).then_some(id)
}

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|kv| {
            let (k, v) = kv.trim().split_once('=')?;
            (k == name).then_some(v)
        })
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Path=/, Secure behind TLS.
pub fn set_cookie(name: &str, value: &str, max_age: Option<i64>, secure: bool) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if secure {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).unwrap_or_else(|_| HeaderValue::from_static("invalid=1"))
}

pub fn clear_cookie(name: &str, secure: bool) -> HeaderValue {
    set_cookie(name, "", Some(0), secure)
}

pub fn add_cookie(headers: &mut HeaderMap, v: HeaderValue) {
    headers.append(SET_COOKIE, v);
}

impl FromRequestParts<Shared> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Shared,
    ) -> Result<Self, Self::Rejection> {
        let headers = &parts.headers;
        let token = cookie(headers, SESSION_COOKIE)
            .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
            .map(str::to_string);
        let pre = cookie(headers, PRE_COOKIE)
            .filter(|t| t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()))
            .map(str::to_string);
        // Japanese unless the visitor chose English with the switch (cookie) or in their account.
        let cookie_lang = cookie(headers, LANG_COOKIE).and_then(Lang::parse);
        let mut ctx = Ctx {
            lang: cookie_lang.unwrap_or(Lang::Ja),
            user: None,
            session: None,
            token: None,
            pre,
            client: crate::kernel::http::client_addr(parts, &state.config.trusted_proxies),
            mfa_required: false,
            member_of: None,
        };
        if let Some(tok) = token {
            let t = tok.clone();
            let org = org_in_path(parts.uri.path()).map(str::to_string);
            let found = state
                .db(move |s| {
                    let n = now();
                    // Session, account and the second-factor rule in one read transaction.
                    let found = s.read(|c| {
                        let Some(sess) = sessions::get(c, n, &t)? else {
                            return Ok(None);
                        };
                        let user = users::get(c, &sess.user_id)?;
                        let required = !user.mfa_enrolled() && users::mfa_required(c, &user.id)?;
                        let member = match org {
                            Some(o) => {
                                let m = orgs::membership(c, &user.id, &o)?;
                                Some((o, m))
                            }
                            None => None,
                        };
                        Ok(Some((sess, user, required, member)))
                    })?;
                    let Some((sess, user, required, member)) = found else {
                        return Ok(None);
                    };
                    // A disabled account has no session (disabling ends them; this is the
                    // belt to that brace).
                    if user.disabled {
                        return Ok(None);
                    }
                    // Extend the idle deadline at most once a minute. Not under the store-wide
                    // write lock: when a minute has passed, every request of the session in
                    // flight wants to touch it, and queueing them all behind the lock (each
                    // with its own commit) stalled both servers' pages for up to two seconds
                    // in the two-server benchmark.
                    if n - sess.last_seen > 60 {
                        s.write_unlocked(|tx| sessions::touch(tx, n, &t))?;
                    }
                    Ok(Some((sess, user, required, member)))
                })
                .await?;
            if let Some((sess, user, required, member)) = found {
                ctx.mfa_required = required;
                ctx.member_of = member;
                ctx.lang = Lang::parse(&user.lang).unwrap_or(Lang::Ja);
                crate::kernel::error::set_request_language(ctx.lang);
                ctx.user = Some(user);
                ctx.session = Some(sess);
                ctx.token = Some(tok);
            }
        }
        Ok(ctx)
    }
}

impl Ctx {
    pub fn t(&self) -> Tr {
        Tr::new(self.lang)
    }

    /// The zone the signed-in person reads times in (Japan time for everyone else).
    pub fn zone(&self) -> hoshi_core::time::Zone {
        self.user
            .as_ref()
            .and_then(|u| u.time_zone.as_deref())
            .and_then(hoshi_core::time::Zone::parse)
            .unwrap_or_default()
    }

    /// A moment as this person reads it: `2026-11-21 15:52 JST`, or in their own zone.
    pub fn time(&self, secs: i64) -> String {
        self.zone().minutes(secs)
    }

    /// A fully signed-in user: password, and the second factor when enrolled. Administrators
    /// must have enrolled.
    pub fn user(&self) -> AppResult<(&User, &Session)> {
        let (u, s) = self.password_user()?;
        if u.mfa_enrolled() && !s.mfa_ok {
            return Err(AppError::Mfa);
        }
        if self.mfa_required && !u.mfa_enrolled() {
            return Err(AppError::EnrolMfa);
        }
        Ok((u, s))
    }

    /// A user who has given the password (the second factor may still be missing).
    pub fn password_user(&self) -> AppResult<(&User, &Session)> {
        match (&self.user, &self.session) {
            (Some(u), Some(s)) => Ok((u, s)),
            _ => Err(AppError::Login),
        }
    }

    /// Checks the CSRF token of a signed-in form.
    pub fn check_csrf(&self, sent: &str) -> AppResult<()> {
        match &self.session {
            Some(s) if constant_eq(s.csrf.as_bytes(), sent.as_bytes()) => Ok(()),
            _ => Err(AppError::Csrf),
        }
    }

    /// Checks the CSRF token of a pre-login form against its cookie (double submit).
    pub fn check_pre(&self, sent: &str) -> AppResult<()> {
        match &self.pre {
            Some(p) if constant_eq(p.as_bytes(), sent.as_bytes()) => Ok(()),
            _ => Err(AppError::Csrf),
        }
    }

    pub fn csrf(&self) -> String {
        self.session
            .as_ref()
            .map(|s| s.csrf.clone())
            .unwrap_or_default()
    }

    /// The user's membership in `org_id`; an organisation the user does not belong to is
    /// "not found" (its existence is not revealed).
    pub async fn org(&self, state: &Shared, org_id: &str) -> AppResult<Membership> {
        let (u, _) = self.user()?;
        if !hoshi_store::is_id(org_id) {
            return Err(AppError::NotFound);
        }
        if let Some((o, m)) = &self.member_of
            && o == org_id
        {
            return m.clone().ok_or(AppError::NotFound);
        }
        let (uid, oid) = (u.id.clone(), org_id.to_string());
        state
            .db(move |s| s.read(|c| orgs::membership(c, &uid, &oid)))
            .await?
            .ok_or(AppError::NotFound)
    }

    /// Like `org`, but the role must allow `need`.
    pub async fn org_role(
        &self,
        state: &Shared,
        org_id: &str,
        need: Role,
    ) -> AppResult<Membership> {
        let m = self.org(state, org_id).await?;
        if m.role < need {
            return Err(AppError::Forbidden);
        }
        Ok(m)
    }
}

fn constant_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() || a.is_empty() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
