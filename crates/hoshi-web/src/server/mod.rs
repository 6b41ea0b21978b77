//! `hoshi serve`: start-up, the listener and graceful shutdown.

mod demo;
pub mod listen;

pub use demo::{DEMO_BUYER, DEMO_SUPPLIER, seed_demo};

use std::net::SocketAddr;
use std::path::PathBuf;

use hoshi_catalog::Registry;
use hoshi_store::users::{self};
use hoshi_store::{Store, new_token};

use crate::{AppState, Config, now, router};

pub struct ServeOptions {
    /// The data directory's SQLite file, or a PostgreSQL server shared with other servers.
    pub database: hoshi_store::Database,
    pub listen: SocketAddr,
    pub data: PathBuf,
    pub public_url: Option<String>,
    pub max_upload: usize,
    pub demo: bool,
    pub catalogs: Registry,
    /// Days a confirmed result stays valid: (★3, ★4).
    pub validity: (u32, u32),
    /// SMTP settings, checked already.
    pub mail: Option<std::sync::Arc<hoshi_mail::SmtpConfig>>,
    /// Fetching other instances' key sets.
    pub issuers: hoshi_mail::https::FetchOptions,
    /// The PDF typesetter (the binary hands in `hoshi_typst::Typst`).
    pub renderer: std::sync::Arc<dyn hoshi_pdf::Render>,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<crate::kernel::proxy::IpNet>,
    pub scan: crate::exposure::ScanPolicy,
    /// The vulnerability data patch reports check against.
    pub vulns: std::sync::Arc<dyn crate::assets::VulnSource>,
    /// Which backup repositories may be opened.
    pub backup: crate::backups::BackupPolicy,
    /// The mail domain posture check's resolver and the networks it may connect to.
    pub posture: crate::mailcheck::PosturePolicy,
}

/// The running server's settings from the options.
fn config(opts: &ServeOptions, public_url: &str) -> Config {
    Config {
        secure_cookies: public_url.starts_with("https://"),
        public_url: public_url.to_string(),
        max_upload: opts.max_upload,
        data_dir: opts.data.clone(),
        validity: opts.validity,
        mail: opts.mail.clone(),
        issuers: opts.issuers.clone(),
        renderer: opts.renderer.clone(),
        trusted_proxies: opts.trusted_proxies.clone(),
        scan: opts.scan.clone(),
        vulns: opts.vulns.clone(),
        backup: opts.backup.clone(),
        posture: opts.posture.clone(),
    }
}

/// Runs until Ctrl-C or SIGTERM.
pub async fn serve(opts: ServeOptions) -> Result<(), String> {
    let database = opts.database.clone();
    let store = tokio::task::spawn_blocking(move || Store::connect(&database))
        .await
        .map_err(|e| e.to_string())?
        .map_err(|e| format!("{}: {e}", opts.database.describe()))?;
    let swept = store.sweep_partial_blobs();
    if swept > 0 {
        tracing::warn!(
            files = swept,
            "removed half-written evidence files left by a crash"
        );
    }
    let public_url = opts
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", opts.listen));

    if store.read(users::admin_count).map_err(|e| e.to_string())? == 0 {
        let token = new_token();
        store
            .write(|tx| users::create_setup_token(tx, now(), &token))
            .map_err(|e| e.to_string())?;
        println!(
            "hoshi: 最初の管理者を作成するには、次のリンクを開いてください（1回限り有効） / open this one-time link to create the first administrator:"
        );
        println!("  {}/setup/{token}", public_url.trim_end_matches('/'));
    }
    if opts.demo {
        let password = format!("demo-{}", &new_token()[..12]);
        let hash = crate::kernel::auth::hash_password(&password)?;
        if seed_demo(&store, &opts.catalogs, &hash)? {
            println!(
                "hoshi --demo: デモ用アカウントを作成しました / demo accounts created (password: {password}):"
            );
            println!("  {} — {}", DEMO_SUPPLIER.0, DEMO_SUPPLIER.2);
            println!("  {} — {}", DEMO_BUYER.0, DEMO_BUYER.2);
        } else {
            println!(
                "hoshi --demo: demo data exists already (accounts {} and {}).",
                DEMO_SUPPLIER.0, DEMO_BUYER.0
            );
        }
    }

    let config = config(&opts, &public_url);
    // Catalogs imported on any server of a shared database.
    let (catalogs, catalog_stamp) = if store.is_shared() {
        let (reg, stamp) = crate::jobs::catalogs::with_database_catalogs(&opts.catalogs, &store)
            .map_err(|e| format!("catalogs in the database: {e}"))?;
        (reg, Some(stamp))
    } else {
        (opts.catalogs, None)
    };
    let state = AppState::new(store, catalogs, config);
    state
        .open_keys()
        .map_err(|e| format!("signing keys: {e}"))?;
    if let Some(k) = state
        .keys
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .as_ref()
    {
        tracing::info!(key = %k.active().key_id(), "signing key ready");
    }
    let app = router(state.clone());
    let listener = tokio::net::TcpListener::bind(opts.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", opts.listen))?;
    tracing::info!(listen = %opts.listen, data = %opts.data.display(), "hoshi serving");
    println!("hoshi: {public_url}");
    match &opts.mail {
        Some(m) => tracing::info!(smtp = %m.host, port = m.port, "mail goes out through SMTP"),
        None => tracing::info!(
            "no SMTP set up: invitation links are shown for copying, nothing is mailed"
        ),
    }
    crate::jobs::outbox::spawn_background(state.clone());
    if let Some(stamp) = catalog_stamp {
        crate::jobs::catalogs::spawn_reload(state.clone(), stamp);
    }
    listen::serve(listener, app, listen::Limits::default(), shutdown()).await;
    tracing::info!("hoshi stopped");
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
