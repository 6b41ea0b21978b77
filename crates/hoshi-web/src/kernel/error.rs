//! Errors as responses. What the user can fix is a [`UserError`] (closed set, message in
//! Japanese and English, the form field it belongs to); everything else is a fixed kind (not
//! found, forbidden, expired form, conflict) or an internal failure that is logged and answered
//! without details.
//!
//! A dead-end error page is in the language of the request: the visitor's choice (cookie) or the
//! signed-in user's setting, Japanese when neither is known. [`request_language`] is set for the
//! whole request by [`with_request_language`] and refined by the [`Ctx`] extractor once it knows
//! the user.
//!
//! [`Ctx`]: crate::kernel::ctx::Ctx

use std::cell::Cell;

use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use hoshi_core::{Lang, UserError};

use crate::kernel::ctx::{LANG_COOKIE, cookie};
use crate::kernel::i18n::Tr;
use crate::kernel::page::render_message;

#[derive(Debug)]
pub enum AppError {
    /// Not signed in: go to the sign-in page.
    Login,
    /// Signed in with a password, second factor still to give.
    Mfa,
    /// An administrator without MFA: enrol first.
    EnrolMfa,
    NotFound,
    Forbidden,
    Csrf,
    /// Something the user can fix.
    BadRequest(UserError),
    TooMany,
    /// Someone else saved first (optimistic concurrency).
    Conflict,
    /// The server cannot write: its disk is full or read-only. Nothing was saved.
    Storage(String),
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl From<UserError> for AppError {
    fn from(e: UserError) -> Self {
        AppError::BadRequest(e)
    }
}

impl From<hoshi_store::StoreError> for AppError {
    fn from(e: hoshi_store::StoreError) -> Self {
        match e {
            hoshi_store::StoreError::NotFound => AppError::NotFound,
            hoshi_store::StoreError::Rule(e) => AppError::BadRequest(e),
            hoshi_store::StoreError::Forbidden => AppError::Forbidden,
            hoshi_store::StoreError::Conflict { .. } => AppError::Conflict,
            hoshi_store::StoreError::Db(e) if e.is_storage() => AppError::Storage(e.to_string()),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(e: tokio::task::JoinError) -> Self {
        AppError::Internal(format!("a background task failed: {e}"))
    }
}

tokio::task_local! {
    static REQUEST_LANGUAGE: Cell<Lang>;
}

/// The language of the request being handled (Japanese outside a request).
pub fn request_language() -> Lang {
    REQUEST_LANGUAGE.try_with(Cell::get).unwrap_or(Lang::Ja)
}

/// Records the language of the request once the user is known (their account's setting).
pub fn set_request_language(lang: Lang) {
    let _ = REQUEST_LANGUAGE.try_with(|c| c.set(lang));
}

/// Layer: the request's language from the visitor's cookie (Japanese by default), for every
/// response made while handling it, error pages included.
pub async fn with_request_language(req: Request, next: Next) -> Response {
    let lang = cookie(req.headers(), LANG_COOKIE)
        .and_then(Lang::parse)
        .unwrap_or(Lang::Ja);
    REQUEST_LANGUAGE.scope(Cell::new(lang), next.run(req)).await
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let lang = request_language();
        let t = Tr::new(lang);
        let (status, message) = match self {
            AppError::Login => return Redirect::to("/login").into_response(),
            AppError::Mfa => return Redirect::to("/login/mfa").into_response(),
            AppError::EnrolMfa => return Redirect::to("/account/mfa").into_response(),
            AppError::NotFound => (StatusCode::NOT_FOUND, t.s("not_found").to_string()),
            AppError::Forbidden => (StatusCode::FORBIDDEN, t.s("forbidden").to_string()),
            AppError::Csrf => (StatusCode::FORBIDDEN, t.s("csrf").to_string()),
            AppError::BadRequest(e) => (StatusCode::BAD_REQUEST, e.message(lang)),
            AppError::TooMany => (StatusCode::TOO_MANY_REQUESTS, t.s("too_many").to_string()),
            AppError::Conflict => (StatusCode::CONFLICT, t.s("conflict").to_string()),
            AppError::Storage(detail) => {
                tracing::error!(%detail, "cannot write: disk full or read-only");
                (
                    StatusCode::SERVICE_UNAVAILABLE,
                    t.s("storage_full").to_string(),
                )
            }
            AppError::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    t.s("internal").to_string(),
                )
            }
        };
        let body = render_message(status, &t, &message);
        let mut r = (status, body).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            "text/html; charset=utf-8".parse().expect("static"),
        );
        r
    }
}

/// A form with nothing but its CSRF token (buttons that act on what the path names).
#[derive(serde::Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    pub _csrf: String,
}

/// A form, decoded strictly: a field that is not valid UTF-8 after percent-decoding is refused
/// (the framework's decoder would silently replace it with U+FFFD and the garbage would be saved).
/// Rejections become our 400 page with a readable message.
pub struct AppForm<T>(pub T);

fn percent_decode(s: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                let v = u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
                out.push(v);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    Some(out)
}

/// The body of a form (`application/x-www-form-urlencoded`), read whole.
pub async fn form_bytes<S: Send + Sync>(
    req: axum::extract::Request,
    state: &S,
) -> AppResult<axum::body::Bytes> {
    use axum::extract::FromRequest;
    let is_form = req
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(AppError::BadRequest(UserError::BadForm));
    }
    axum::body::Bytes::from_request(req, state)
        .await
        .map_err(|e| {
            tracing::info!(error = %e.body_text(), "form body not read");
            AppError::BadRequest(UserError::BadForm)
        })
}

/// The (first) value of `name` in a form body, percent-decoded; `None` when absent or not UTF-8.
pub fn form_field(bytes: &[u8], name: &str) -> Option<String> {
    bytes.split(|b| *b == b'&').find_map(|pair| {
        let (k, v) = match pair.iter().position(|b| *b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &pair[..0]),
        };
        let key = percent_decode(k)?;
        (key == name.as_bytes())
            .then(|| percent_decode(v).and_then(|v| String::from_utf8(v).ok()))
            .flatten()
    })
}

/// Decodes a form body strictly: a field that is not valid UTF-8 after percent-decoding is
/// refused, not replaced.
pub fn decode_form<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> AppResult<T> {
    for pair in bytes.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
        let (k, v) = match pair.iter().position(|b| *b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &pair[..0]),
        };
        let key = percent_decode(k).and_then(|k| String::from_utf8(k).ok());
        let ok =
            key.is_some() && percent_decode(v).is_some_and(|v| std::str::from_utf8(&v).is_ok());
        if !ok {
            let name = key.unwrap_or_else(|| "?".into());
            tracing::info!(field = %name, "form field is not valid UTF-8");
            return Err(AppError::BadRequest(UserError::BadForm));
        }
    }
    serde_urlencoded::from_bytes::<T>(bytes).map_err(|e| {
        tracing::info!(error = %e, "form not decoded");
        AppError::BadRequest(UserError::BadForm)
    })
}

impl<T, S> axum::extract::FromRequest<S> for AppForm<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = form_bytes(req, state).await?;
        decode_form(&bytes).map(AppForm)
    }
}
