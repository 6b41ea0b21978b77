//! Reading a multipart upload with a size limit. Callers check who is asking *before* reading
//! the body (an outsider's upload is refused without reading it).

use axum::extract::Multipart;
use hoshi_core::UserError;

use crate::kernel::error::{AppError, AppResult};

#[derive(Default)]
pub struct Upload {
    pub csrf: String,
    pub title: String,
    pub effective: String,
    pub expires: String,
    pub url: String,
    /// The edition date of an official workbook (administrator's catalog import).
    pub edition: String,
    /// A ticked "replace" box.
    pub replace: bool,
    /// A declaration recorded on an officer's behalf: the officer and the ticked "agree" box.
    pub officer_name: String,
    pub officer_title: String,
    pub agree: bool,
    /// The distribution a `dpkg-query` list comes from (a software list upload).
    pub distro: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// The problem of an upload over `limit` bytes, in whole megabytes.
pub fn too_large(limit: usize) -> UserError {
    UserError::EvidenceTooLarge {
        max_mb: limit.div_ceil(1024 * 1024),
    }
}

/// A multipart body that could not be read: over the body limit, or cut off.
pub fn unreadable(e: &axum::extract::multipart::MultipartError, limit: usize) -> UserError {
    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        too_large(limit)
    } else {
        tracing::info!(error = %e, "multipart body not read");
        UserError::UploadUnreadable
    }
}

pub async fn read_upload(mut mp: Multipart, limit: usize) -> AppResult<Upload> {
    let mut u = Upload::default();
    while let Some(field) = mp
        .next_field()
        .await
        .map_err(|e| AppError::BadRequest(unreadable(&e, limit)))?
    {
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            u.file_name = field.file_name().unwrap_or("").to_string();
            let bytes = field
                .bytes()
                .await
                .map_err(|e| AppError::BadRequest(unreadable(&e, limit)))?;
            if bytes.len() > limit {
                return Err(AppError::BadRequest(too_large(limit)));
            }
            u.bytes = bytes.to_vec();
        } else {
            let text = field
                .text()
                .await
                .map_err(|_| AppError::BadRequest(UserError::BadRequest))?;
            if text.len() > 4000 {
                return Err(AppError::BadRequest(UserError::BadRequest));
            }
            match name.as_str() {
                "_csrf" => u.csrf = text,
                "title" => u.title = text,
                "effective_date" => u.effective = text,
                "expires_date" => u.expires = text,
                "url" => u.url = text.trim().to_string(),
                "edition" => u.edition = text.trim().to_string(),
                "replace" => u.replace = !text.is_empty(),
                "officer_name" => u.officer_name = text,
                "officer_title" => u.officer_title = text,
                "agree" => u.agree = !text.is_empty(),
                "distro" => u.distro = text.trim().to_string(),
                _ => {}
            }
        }
    }
    Ok(u)
}
