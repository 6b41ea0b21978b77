//! # hoshi-web
//!
//! `hoshi serve`: a server-rendered web application on axum. Pages are askama templates checked at
//! compile time; forms work without JavaScript; assets are embedded. Every request is treated as
//! hostile: CSRF tokens on every form, a cross-site check on every unsafe method, strict security
//! headers (CSP without inline script, no framing), sessions renewed at login, MFA enforced for
//! administrators, and every organisation-scoped query checked against the user's membership.
//!
//! The crate is a small [`kernel`] plus one folder per feature; each feature registers its routes
//! with the access they need ([`kernel::routes`]), and [`router`] merges them. See
//! ARCHITECTURE.md for the code map.

pub mod kernel;

mod account;
mod accounts;
mod admin;
pub mod api;
mod assessments;
pub mod assets;
pub mod attest;
pub mod backups;
mod cycle;
mod docs;
mod evidence;
pub mod exposure;
mod incidents;
pub mod jobs;
pub mod mailcheck;
mod orgs;
mod registers;
mod report;
mod review;
pub mod server;
mod supply;

pub use kernel::auth;
pub use kernel::routes::{Access, RouteInfo};
pub use kernel::time::now;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use hoshi_catalog::Registry;
use hoshi_store::{Store, users};

use crate::attest::keys;
use crate::kernel::error::AppError;
use crate::kernel::routes::Routes;

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
    /// Typesets PDF reports. `hoshi-web` does not link Typst: the binary hands in
    /// `hoshi_typst::Typst`.
    pub renderer: Arc<dyn hoshi_pdf::Render>,
    /// Reverse proxies whose `X-Forwarded-For` names the client (none: the TCP peer is).
    pub trusted_proxies: Vec<kernel::proxy::IpNet>,
    /// What the exposure check may scan and how much.
    pub scan: exposure::ScanPolicy,
    /// The vulnerability data patch reports check against (the binary's index in the data
    /// directory; [`assets::NoVulnData`] where none is set up).
    pub vulns: Arc<dyn assets::VulnSource>,
    /// Which backup repositories this server may open, and the restic program.
    pub backup: backups::BackupPolicy,
    /// What the mail domain posture check may ask and connect to.
    pub posture: mailcheck::PosturePolicy,
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
    /// The catalogs that can be assessed: bundled plus imported. Replaced whole when an
    /// administrator imports a workbook; readers hold their `Arc` for the request.
    catalogs: std::sync::RwLock<Arc<Registry>>,
    pub config: Config,
    /// Sign-in attempts per client address in the current minute (the account lock is in the DB).
    pub attempts: Mutex<HashMap<String, (Instant, u32)>>,
    /// At most two password hashes at once: Argon2id is deliberately expensive.
    pub hashing: tokio::sync::Semaphore,
    /// Wakes the mail worker when something was queued.
    pub mail_wake: tokio::sync::Notify,
    /// Each buyer's computed portfolio, reused while the store's portfolio generation and the
    /// date are unchanged (see `supply::cache::load`).
    pub portfolios: Mutex<HashMap<String, supply::cache::CachedPortfolio>>,
    /// Supplier files checked and previewed, waiting for the buyer's confirmation
    /// (`supply::bulk::Pending`: 30 minutes, one per buyer and user, bounded in memory).
    pub supplier_uploads: Mutex<supply::bulk::Pending>,
    /// The instance's signing keys (opened at start by `open_keys`).
    pub keys: std::sync::RwLock<Option<keys::Keystore>>,
    /// Large exports (Excel) built at once, at most: one per core.
    pub exports: tokio::sync::Semaphore,
    /// One computation per buyer at a time: concurrent requests after a change wait for it.
    pub portfolio_flights: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    /// One catalog import at a time (each builds the next registry from the current one).
    pub catalog_import: tokio::sync::Mutex<()>,
    /// Wakes the scan worker when a scan was queued.
    pub scan_wake: tokio::sync::Notify,
    /// Wakes the backup worker when a verification was queued.
    pub backup_wake: tokio::sync::Notify,
}

pub type Shared = Arc<AppState>;

/// Sign-in attempts allowed per client address per minute.
pub const ATTEMPTS_PER_MINUTE: u32 = 20;

impl AppState {
    pub fn new(store: Store, catalogs: Registry, config: Config) -> Shared {
        Arc::new(AppState {
            store,
            catalogs: std::sync::RwLock::new(Arc::new(catalogs)),
            config,
            attempts: Mutex::new(HashMap::new()),
            hashing: tokio::sync::Semaphore::new(2),
            mail_wake: tokio::sync::Notify::new(),
            portfolios: Mutex::new(HashMap::new()),
            supplier_uploads: Mutex::new(supply::bulk::Pending::default()),
            keys: std::sync::RwLock::new(None),
            exports: tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            ),
            portfolio_flights: Mutex::new(HashMap::new()),
            catalog_import: tokio::sync::Mutex::new(()),
            scan_wake: tokio::sync::Notify::new(),
            backup_wake: tokio::sync::Notify::new(),
        })
    }

    /// The catalogs as they are now (an import replaces them for later requests).
    pub fn catalogs(&self) -> Arc<Registry> {
        self.catalogs
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Puts a new set of catalogs in place (after an administrator imported a workbook).
    pub fn replace_catalogs(&self, catalogs: Registry) {
        *self.catalogs.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(catalogs);
    }

    /// Opens (or creates on first start) the signing keys in the data directory. On a shared
    /// database the directory must hold the deployment's key already (every server is given
    /// the same one), and a key other than the one the deployment recorded is refused.
    pub fn open_keys(&self) -> Result<(), String> {
        let ks = if self.store.is_shared() {
            let ks = keys::Keystore::open_existing(&self.config.data_dir)?;
            let id = ks.active().key_id().to_string();
            let other = self
                .store
                .write(|tx| hoshi_store::deployment::check_signing_key(tx, &id))
                .map_err(|e| e.to_string())?;
            if let Some(recorded) = other {
                return Err(format!(
                    "this server's signing key {id} is not the deployment's ({recorded}): give every server the same key directory (after `hoshi keys rotate`, run it with --database so the deployment records the new key)"
                ));
            }
            ks
        } else {
            keys::Keystore::open(&self.config.data_dir, &crate::kernel::time::today())?
        };
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

    /// Gives back an attempt that succeeded (right password, right code): only failures use up
    /// an address's budget, so a whole office behind one NAT address can sign in at nine.
    pub async fn refund_attempt(self: &Arc<Self>, client: &str) -> Result<(), AppError> {
        if self.store.is_shared() {
            let client = client.to_string();
            return self
                .db(move |s| s.write_unlocked(|tx| users::refund_sign_in(tx, &client, now())))
                .await;
        }
        self.refund_attempt_here(client);
        Ok(())
    }

    /// Counts a sign-in attempt from `client`; false when the client is over the limit. With
    /// several servers on one database the count is kept in the database, so the limit holds
    /// for the whole deployment; a single server counts in memory.
    pub async fn allow_attempt(self: &Arc<Self>, client: &str) -> Result<bool, AppError> {
        if self.store.is_shared() {
            let client = client.to_string();
            let n = self
                .db(move |s| s.write_unlocked(|tx| users::count_sign_in(tx, &client, now())))
                .await?;
            return Ok(n <= i64::from(ATTEMPTS_PER_MINUTE));
        }
        Ok(self.allow_attempt_here(client))
    }

    fn refund_attempt_here(&self, client: &str) {
        let mut map = match self.attempts.lock() {
            Ok(m) => m,
            Err(p) => p.into_inner(),
        };
        if let Some(e) = map.get_mut(client) {
            e.1 = e.1.saturating_sub(1);
        }
    }

    fn allow_attempt_here(&self, client: &str) -> bool {
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

/// Every text table: the kernel's, then each feature's. Keys are unique across them (tested).
pub(crate) const TEXT_TABLES: &[&[(&str, &str, &str)]] = &[
    kernel::i18n::TEXTS,
    account::TEXTS,
    admin::TEXTS,
    orgs::TEXTS,
    assessments::TEXTS,
    evidence::TEXTS,
    exposure::TEXTS,
    assets::TEXTS,
    backups::TEXTS,
    mailcheck::TEXTS,
    accounts::TEXTS,
    review::TEXTS,
    supply::TEXTS,
    attest::TEXTS,
    docs::TEXTS,
    cycle::TEXTS,
    incidents::TEXTS,
    registers::TEXTS,
];

/// Every route of the application with its declared access, from the features' route lists.
fn routes() -> Routes {
    Routes::new()
        .merge(kernel::http::routes())
        .merge(account::routes())
        .merge(admin::routes())
        .merge(orgs::routes())
        .merge(assessments::routes())
        .merge(evidence::routes())
        .merge(exposure::routes())
        .merge(assets::routes())
        .merge(backups::routes())
        .merge(mailcheck::routes())
        .merge(accounts::routes())
        .merge(report::routes())
        .merge(review::routes())
        .merge(supply::routes())
        .merge(attest::routes())
        .merge(docs::routes())
        .merge(cycle::routes())
        .merge(incidents::routes())
        .merge(registers::routes())
        .merge(api::routes())
}

/// The route table: (method, path, access) of every route the router serves.
pub fn route_table() -> Vec<RouteInfo> {
    routes().table().to_vec()
}

/// The whole application.
pub fn router(state: Shared) -> Router {
    let upload_limit = state.config.max_upload + 64 * 1024;
    routes()
        .into_router()
        .fallback(kernel::http::not_found)
        .layer(DefaultBodyLimit::max(upload_limit))
        .layer(middleware::from_fn_with_state(
            upload_limit,
            kernel::http::refuse_oversized,
        ))
        .layer(middleware::from_fn(kernel::http::same_origin))
        .layer(middleware::from_fn(kernel::error::with_request_language))
        .layer(middleware::from_fn(kernel::http::security_headers))
        .with_state(state)
}
