//! Errors as responses: every bad request gets a 4xx page with a specific message; internal
//! failures are logged and answered without details.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use hoshi_core::Lang;

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
    /// Bad input, with a message key or text for the user.
    BadRequest(String),
    TooMany,
    /// Someone else saved first (optimistic concurrency).
    Conflict,
    Internal(String),
}

pub type AppResult<T> = Result<T, AppError>;

impl From<hoshi_store::StoreError> for AppError {
    fn from(e: hoshi_store::StoreError) -> Self {
        match e {
            hoshi_store::StoreError::NotFound => AppError::NotFound,
            hoshi_store::StoreError::Invalid(m) => AppError::BadRequest(m),
            hoshi_store::StoreError::Conflict { .. } => AppError::Conflict,
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(e: tokio::task::JoinError) -> Self {
        AppError::Internal(format!("a background task failed: {e}"))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (ja, en) = (Tr::new(Lang::Ja), Tr::new(Lang::En));
        let (status, key) = match self {
            AppError::Login => return Redirect::to("/login").into_response(),
            AppError::Mfa => return Redirect::to("/login/mfa").into_response(),
            AppError::EnrolMfa => return Redirect::to("/account/mfa").into_response(),
            AppError::NotFound => (StatusCode::NOT_FOUND, "not_found".to_string()),
            AppError::Forbidden => (StatusCode::FORBIDDEN, "forbidden".to_string()),
            AppError::Csrf => (StatusCode::FORBIDDEN, "csrf".to_string()),
            AppError::BadRequest(m) => (StatusCode::BAD_REQUEST, m),
            AppError::TooMany => (StatusCode::TOO_MANY_REQUESTS, "too_many".to_string()),
            AppError::Conflict => (StatusCode::CONFLICT, "conflict".to_string()),
            AppError::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, "internal".to_string())
            }
        };
        // The user's language may not be known yet: say it in both, Japanese first.
        // A key may carry a detail after ": " (shown as is).
        let (k, detail) = key
            .split_once(": ")
            .map(|(k, d)| (k.to_string(), Some(d.to_string())))
            .unwrap_or((key.clone(), None));
        let with = |t: &Tr| match &detail {
            Some(d) if t.s(&k) != k => format!("{} ({d})", t.s(&k)),
            _ => t.s(&key).to_string(),
        };
        let body = render_message(status, &with(&ja), &with(&en));
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

impl<T, S> axum::extract::FromRequest<S> for AppForm<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_form = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(AppError::BadRequest(
                "bad_form: expected application/x-www-form-urlencoded".into(),
            ));
        }
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|e| AppError::BadRequest(format!("bad_form: {}", e.body_text())))?;
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
                return Err(AppError::BadRequest(format!(
                    "bad_form: field `{name}` is not valid UTF-8"
                )));
            }
        }
        serde_urlencoded::from_bytes::<T>(&bytes)
            .map(AppForm)
            .map_err(|e| AppError::BadRequest(format!("bad_form: {e}")))
    }
}
