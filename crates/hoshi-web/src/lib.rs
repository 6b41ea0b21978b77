//! # hoshi-web
//!
//! `hoshi serve`: a server-rendered web application on axum. Pages are askama templates checked at
//! compile time; forms work without JavaScript; assets are embedded. Every request is treated as
//! hostile: CSRF tokens on every form, a cross-site check on every unsafe method, strict security
//! headers (CSP without inline script, no framing), sessions renewed at login, MFA enforced for
//! administrators, and every organisation-scoped query checked against the user's membership.

pub mod api;
pub mod attest;
pub mod auth;
pub mod ctx;
pub mod error;
pub mod evidence;
pub mod i18n;
pub mod keys;
pub mod mail;
pub mod pages;
pub mod report;
pub mod review;
pub mod server;
pub mod supply;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hoshi_catalog::Registry;
use hoshi_store::Store;

use crate::error::AppError;

/// Settings for a running server.
#[derive(Debug, Clone)]
pub struct Config {
    /// Mark cookies `Secure` (behind TLS).
    pub secure_cookies: bool,
    /// Base URL for links printed or shown (set-up, invitations).
    pub public_url: String,
    /// Largest upload accepted, in bytes.
    pub max_upload: usize,
    pub data_dir: PathBuf,
    /// How long a confirmed result stays valid, per level: (★3 days, ★4 days).
    pub validity: (u32, u32),
    /// Where to send mail; `None`: nothing is mailed and people copy links instead.
    pub mail: Option<Arc<hoshi_mail::SmtpConfig>>,
    /// How issuers' key sets are fetched when a buyer imports an attestation (public HTTPS
    /// addresses only unless configured for a closed network).
    pub issuers: hoshi_mail::https::FetchOptions,
}

impl Config {
    /// Days a confirmed result of `level` stays valid (one year unless configured).
    pub fn validity_days(&self, level: u8) -> u32 {
        match level {
            4 => self.validity.1,
            _ => self.validity.0,
        }
    }
}

/// Shared by every request.
pub struct AppState {
    pub store: Store,
    pub catalogs: Registry,
    pub config: Config,
    /// Sign-in attempts per client address in the current minute (the account lock is in the DB).
    pub attempts: Mutex<HashMap<String, (Instant, u32)>>,
    /// At most two password hashes at once: Argon2id is deliberately expensive.
    pub hashing: tokio::sync::Semaphore,
    /// Wakes the mail worker when something was queued.
    pub mail_wake: tokio::sync::Notify,
    /// Each buyer's computed portfolio, reused while the store's portfolio generation and the
    /// date are unchanged (see `supply::load_lines`).
    pub portfolios: Mutex<HashMap<String, supply::CachedPortfolio>>,
    /// The instance's signing keys (opened at start by `open_keys`).
    pub keys: std::sync::RwLock<Option<keys::Keystore>>,
    /// Large exports (Excel) built at once, at most: one per core.
    pub exports: tokio::sync::Semaphore,
    /// One computation per buyer at a time: concurrent requests after a change wait for it.
    pub portfolio_flights: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

pub type Shared = Arc<AppState>;

/// Sign-in attempts allowed per client address per minute.
pub const ATTEMPTS_PER_MINUTE: u32 = 20;

impl AppState {
    pub fn new(store: Store, catalogs: Registry, config: Config) -> Shared {
        Arc::new(AppState {
            store,
            catalogs,
            config,
            attempts: Mutex::new(HashMap::new()),
            hashing: tokio::sync::Semaphore::new(2),
            mail_wake: tokio::sync::Notify::new(),
            portfolios: Mutex::new(HashMap::new()),
            keys: std::sync::RwLock::new(None),
            exports: tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            ),
            portfolio_flights: Mutex::new(HashMap::new()),
        })
    }

    /// Opens (or creates on first start) the signing keys in the data directory.
    pub fn open_keys(&self) -> Result<(), String> {
        let ks = keys::Keystore::open(&self.config.data_dir, &hoshi_core::time::date(now()))?;
        *self.keys.write().unwrap_or_else(|p| p.into_inner()) = Some(ks);
        Ok(())
    }

    /// Runs a store operation off the async threads.
    pub async fn db<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&Store) -> hoshi_store::Result<T> + Send + 'static,
    ) -> Result<T, AppError> {
        let me = self.clone();
        Ok(tokio::task::spawn_blocking(move || f(&me.store)).await??)
    }

    /// Counts a sign-in attempt from `client`; false when the client is over the limit.
    pub fn allow_attempt(&self, client: &str) -> bool {
        let mut map = match self.attempts.lock() {
            Ok(m) => m,
            Err(p) => p.into_inner(),
        };
        let now = Instant::now();
        if map.len() > 100_000 {
            map.retain(|_, (t, _)| now.duration_since(*t) < Duration::from_secs(60));
        }
        let e = map.entry(client.to_string()).or_insert((now, 0));
        if now.duration_since(e.0) >= Duration::from_secs(60) {
            *e = (now, 0);
        }
        e.1 += 1;
        e.1 <= ATTEMPTS_PER_MINUTE
    }

    /// Hashes a password on a blocking thread, at most two at a time.
    pub async fn hash_password(self: &Arc<Self>, password: String) -> Result<String, AppError> {
        let _permit = self
            .hashing
            .acquire()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        tokio::task::spawn_blocking(move || auth::hash_password(&password))
            .await?
            .map_err(AppError::Internal)
    }

    pub async fn verify_password(
        self: &Arc<Self>,
        password: String,
        hash: String,
    ) -> Result<bool, AppError> {
        let _permit = self
            .hashing
            .acquire()
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
        Ok(tokio::task::spawn_blocking(move || auth::verify_password(&password, &hash)).await?)
    }
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

const CSS: &str = include_str!("../assets/hoshi.css");

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

async fn healthz() -> &'static str {
    "ok"
}

/// `GET /licences.txt`: the licences of what the binary ships, the embedded font above all
/// (the SIL OFL asks for its notice to travel with the font).
async fn licences() -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!(
            "hoshi is licensed under the Apache License 2.0.\n\nPDF reports embed the following font.\n\n{}",
            hoshi_pdf::FONT_LICENCE
        ),
    )
        .into_response()
}

/// `GET /.well-known/hoshi-keys.json`: every public key of this instance, active and retired.
async fn published_keys(axum::extract::State(state): axum::extract::State<Shared>) -> Response {
    let body = state
        .keys
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .as_ref()
        .map(|k| k.key_set().to_json());
    match body {
        Some(b) => (
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CACHE_CONTROL, "public, max-age=300"),
            ],
            b,
        )
            .into_response(),
        None => AppError::NotFound.into_response(),
    }
}

/// Security headers on every response.
async fn security_headers(req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut HeaderMap, k: header::HeaderName, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    set(
        h,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
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

/// Refuses state-changing requests sent from another site (on top of per-form CSRF tokens).
async fn same_origin(req: Request, next: Next) -> Response {
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

async fn not_found() -> Response {
    AppError::NotFound.into_response()
}

/// The whole application.
pub fn router(state: Shared) -> Router {
    let upload_limit = state.config.max_upload + 64 * 1024;
    Router::new()
        .route("/", get(pages::home))
        .route("/healthz", get(healthz))
        .route("/licences.txt", get(licences))
        .route("/.well-known/hoshi-keys.json", get(published_keys))
        .route("/.well-known/hoshi-revoked.json", get(attest::revoked_list))
        .route(
            "/verify",
            get(attest::verify_form).post(attest::verify_upload),
        )
        .route("/o/{org}/a/{id}/attest", post(attest::issue))
        .route("/o/{org}/attestations/{att}", get(attest::download))
        .route(
            "/o/{org}/attestations/{att}/result.json",
            get(attest::result),
        )
        .route(
            "/o/{org}/attestations/{att}/report.pdf",
            get(attest::report_pdf),
        )
        .route("/o/{org}/attestations/{att}/revoke", post(attest::revoke))
        .route("/o/{org}/attestations/{att}/publish", post(attest::publish))
        .route("/register", get(attest::register_page))
        .route("/register/{file}", get(attest::register_download))
        .route("/static/hoshi.css", get(css))
        .route("/setup/{token}", get(pages::setup_form).post(pages::setup))
        .route("/login", get(pages::login_form).post(pages::login))
        .route("/login/mfa", get(pages::mfa_form).post(pages::mfa))
        .route("/logout", post(pages::logout))
        .route("/lang", post(pages::switch_lang))
        .route("/account", get(pages::account))
        .route(
            "/account/mfa",
            get(pages::mfa_setup_form).post(pages::mfa_setup),
        )
        .route(
            "/account/tokens",
            get(pages::tokens_page).post(pages::create_token),
        )
        .route("/account/tokens/{id}/revoke", post(pages::revoke_token))
        .route("/api/openapi.json", get(api::openapi_json))
        .route("/api/v1/catalogs", get(api::catalogs))
        .route("/api/v1/assessments", get(api::list).post(api::create))
        .route("/api/v1/assessments/{id}", get(api::get))
        .route("/api/v1/assessments/{id}/report", get(api::report))
        .route(
            "/api/v1/assessments/{id}/answers/{criterion}",
            axum::routing::put(api::put_answer),
        )
        .route("/orgs", post(pages::create_org))
        .route(
            "/invite/{token}",
            get(pages::invite_form).post(pages::invite_accept),
        )
        .route("/o/{org}", get(pages::org_page))
        .route("/o/{org}/invitations", post(pages::create_invitation))
        .route(
            "/o/{org}/corporate-number",
            post(pages::set_corporate_number),
        )
        .route("/o/{org}/assessments", post(pages::create_assessment))
        .route("/o/{org}/a/{id}", get(pages::assessment_page))
        .route("/o/{org}/a/{id}/c/{cat}", get(pages::category_page))
        .route("/o/{org}/a/{id}/answer/{crit}", post(pages::save_answer))
        .route("/o/{org}/a/{id}/gaps", get(pages::gaps_page))
        .route("/o/{org}/a/{id}/roadmap", get(pages::roadmap_page))
        .route("/o/{org}/a/{id}/history", get(pages::history_page))
        .route("/o/{org}/a/{id}/report.pdf", get(report::download))
        .route("/o/{org}/a/{id}/report-inputs", post(report::save_inputs))
        .route("/o/{org}/a/{id}/evidence/{crit}", post(evidence::upload))
        .route("/o/{org}/a/{id}/evidence/{crit}/link", post(evidence::link))
        .route("/o/{org}/evidence", get(pages::evidence_page))
        .route("/o/{org}/a/{id}/review/invite", post(review::invite_expert))
        .route("/o/{org}/a/{id}/review/submit", post(review::submit))
        .route("/o/{org}/a/{id}/review/declare", post(review::declare))
        .route("/o/{org}/evaluation-body", post(review::register_body))
        .route(
            "/expert-invite/{token}",
            get(review::expert_invite_page).post(review::expert_accept),
        )
        .route("/reviews", get(review::reviews_page))
        .route(
            "/reviews/{aid}",
            get(review::review_page).post(review::review_action),
        )
        .route(
            "/reviews/{aid}/evidence/{eid}",
            get(review::expert_download),
        )
        .route(
            "/o/{org}/suppliers",
            get(supply::portfolio).post(supply::register),
        )
        .route("/o/{org}/suppliers.csv", get(supply::portfolio_csv))
        .route("/o/{org}/suppliers.xlsx", get(supply::portfolio_xlsx))
        .route("/o/{org}/suppliers/{rel}", get(supply::supplier_page))
        .route("/o/{org}/suppliers/{rel}/invite", post(supply::invite))
        .route(
            "/o/{org}/suppliers/{rel}/attestations",
            post(attest::import),
        )
        .route(
            "/o/{org}/suppliers/{rel}/attestations/{att}/remove",
            post(attest::remove_imported),
        )
        .route(
            "/o/{org}/suppliers/{rel}/attestations/{att}/recheck",
            post(attest::recheck_imported),
        )
        .route(
            "/o/{org}/suppliers/{rel}/evidence/{eid}",
            get(supply::shared_evidence),
        )
        .route(
            "/supplier-invite/{token}",
            get(supply::invite_page).post(supply::accept),
        )
        .route("/o/{org}/buyers", get(supply::buyers_page))
        .route("/o/{org}/buyers/{rel}/share", post(supply::share))
        .route("/o/{org}/buyers/{rel}/revoke", post(supply::revoke))
        .route("/o/{org}/members/{user}", post(pages::change_member))
        .route("/o/{org}/a/{id}/import.xlsx", post(evidence::import_xlsx))
        .route("/o/{org}/evidence/{eid}/download", get(evidence::download))
        .route("/o/{org}/a/{id}/export.json", get(pages::export_json))
        .route("/o/{org}/a/{id}/export.xlsx", get(pages::export_xlsx))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(upload_limit))
        .layer(middleware::from_fn(same_origin))
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

/// Client address for throttling: the TCP peer (a reverse proxy should be configured to limit too).
pub fn client_addr(req_ext: &axum::http::Extensions) -> String {
    req_ext
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "local".into())
}

/// A plain response with a status, for the few non-HTML answers.
pub fn plain(status: StatusCode, text: &'static str) -> Response {
    (status, Body::from(text)).into_response()
}
