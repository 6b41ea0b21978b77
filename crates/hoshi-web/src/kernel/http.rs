//! HTTP layers and the few routes that belong to no feature: security headers on every
//! response, the same-origin check on every unsafe method, the style sheet, health and licences.

use std::net::SocketAddr;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::Shared;
use crate::kernel::error::AppError;
use crate::kernel::routes::{Access, Routes};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/healthz", Access::Public, healthz)
        .get("/licences.txt", Access::Public, licences)
        .get("/static/hoshi.css", Access::Public, css)
        .get("/static/hoshi.js", Access::Public, script)
}

const SCRIPT: &str = include_str!("../../assets/hoshi.js");

/// The guards against irreversible clicks and leaving with unsaved answers.
async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        SCRIPT,
    )
        .into_response()
}

const CSS: &str = include_str!("../../assets/hoshi.css");

async fn css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        CSS,
    )
        .into_response()
}

/// `GET /healthz`: "ok" while the database answers and the data directory can be written;
/// otherwise 503 with what is wrong (a full or read-only disk shows here before users meet it).
/// On a shared PostgreSQL database the server writes nothing to its data directory (it may be a
/// read-only mount holding the signing keys), so only the database is checked.
async fn healthz(State(state): State<Shared>) -> Response {
    let db = state.db(|s| s.read(hoshi_store::ping)).await;
    let disk = if state.store.is_shared() {
        Ok(())
    } else {
        let probe = state
            .config
            .data_dir
            .join(format!(".healthz-{}", hoshi_store::new_id()));
        std::fs::write(&probe, b"ok").and_then(|_| std::fs::remove_file(&probe))
    };
    match (db, disk) {
        (Ok(_), Ok(())) => "ok".into_response(),
        (db, disk) => {
            let mut problems = Vec::new();
            if let Err(e) = db {
                problems.push(format!("database: {e:?}"));
            }
            if let Err(e) = disk {
                problems.push(format!("data directory not writable: {e}"));
            }
            tracing::error!(problems = %problems.join("; "), "health check failed");
            (
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                problems.join("\n"),
            )
                .into_response()
        }
    }
}

/// `GET /licences.txt`: the licences of what the binary ships, the embedded font above all
/// (the SIL OFL asks for its notice to travel with the font).
async fn licences(State(state): State<Shared>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!(
            "hoshi is licensed under the Apache License 2.0.\n\nPDF reports embed the following font.\n\n{}",
            state.config.renderer.notices()
        ),
    )
        .into_response()
}

/// Security headers on every response.
pub(crate) async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut HeaderMap, k: header::HeaderName, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    // A handler that set a stricter policy keeps it (evidence downloads are sandboxed).
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        set(
            h,
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        );
    }
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::REFERRER_POLICY, "same-origin");
    set(
        h,
        header::HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        h,
        header::HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=()",
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        set(h, header::CACHE_CONTROL, "no-store");
    }
    res
}

/// A request that announces a body over the limit is answered 413 at once, before a byte of the
/// body is read (the page names the limit, in the request's language). Bodies without a length
/// are cut at the limit when read.
pub(crate) async fn refuse_oversized(
    State(limit): State<usize>,
    req: Request,
    next: Next,
) -> Response {
    let announced = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > limit as u64) {
        let lang = crate::kernel::error::request_language();
        let max_mb = (limit - 64 * 1024).div_ceil(1024 * 1024);
        let message = hoshi_core::UserError::EvidenceTooLarge { max_mb }.message(lang);
        let t = crate::kernel::i18n::Tr::new(lang);
        let body = crate::kernel::page::render_message(
            axum::http::StatusCode::PAYLOAD_TOO_LARGE,
            &t,
            &message,
        );
        let mut r = (axum::http::StatusCode::PAYLOAD_TOO_LARGE, body).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        r.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return r;
    }
    next.run(req).await
}

/// Refuses state-changing requests sent from another site (on top of per-form CSRF tokens).
pub(crate) async fn same_origin(req: Request, next: Next) -> Response {
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if unsafe_method {
        let headers = req.headers();
        let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
        if matches!(fetch_site, Some("cross-site") | Some("same-site")) {
            return AppError::Csrf.into_response();
        }
        if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
            let host = headers
                .get(header::HOST)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            let origin_host = origin.split("://").nth(1).unwrap_or("");
            if origin == "null" || origin_host != host {
                return AppError::Csrf.into_response();
            }
        }
    }
    next.run(req).await
}

pub(crate) async fn not_found() -> Response {
    AppError::NotFound.into_response()
}

/// Client address for throttling: the TCP peer, or behind a trusted reverse proxy the client it
/// forwards for (see [`crate::kernel::proxy`]).
pub fn client_addr(
    parts: &axum::http::request::Parts,
    trusted: &[crate::kernel::proxy::IpNet],
) -> String {
    let Some(peer) = parts
        .extensions
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
    else {
        return "local".into();
    };
    let forwarded: Vec<&str> = parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    crate::kernel::proxy::client(peer, &forwarded, trusted).to_string()
}
