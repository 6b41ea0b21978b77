//! Path parameters as types. Handlers take ids as [`hoshi_core::OrgId`], [`hoshi_core::AssessmentId`]
//! and the like; a path whose parameter is not such an id is "not found", like any other URL
//! that names nothing (axum's own `Path` would answer 400 with an English text).

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::kernel::error::AppError;

/// The path parameters, decoded into `T` (a tuple of ids and strings, or one of them).
pub struct Path<T>(pub T);

impl<T, S> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Path<T>, AppError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| Path(v))
            .map_err(|_| AppError::NotFound)
    }
}
