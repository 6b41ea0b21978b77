//! Errors as responses: every bad request gets a 4xx page with a specific message; internal
//! failures are logged and answered without details.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use hoshi_core::Lang;

use crate::i18n::Tr;
use crate::pages::render_message;

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
        let body = render_message(status, ja.s(&key), en.s(&key));
        let mut r = (status, body).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            "text/html; charset=utf-8".parse().expect("static"),
        );
        r
    }
}
