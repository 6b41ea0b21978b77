//! `hoshi serve`

use std::path::Path;

use anyhow::{Result, anyhow};

use crate::cli::ServeArgs;
use crate::files::load_registry;

/// SMTP settings from the flags, checked now so that a mistake stops the start, not the first mail.
fn smtp_config(args: &ServeArgs) -> Result<Option<hoshi_mail::SmtpConfig>> {
    let Some(host) = args.smtp_host.clone() else {
        return Ok(None);
    };
    let from = args
        .smtp_from
        .clone()
        .ok_or_else(|| anyhow!("--smtp-host needs --smtp-from (the sender address)"))?;
    let security = hoshi_mail::Security::parse(&args.smtp_security)
        .ok_or_else(|| anyhow!("--smtp-security must be starttls, tls or none"))?;
    let auth = match &args.smtp_user {
        Some(user) => {
            let pass = std::env::var("HOSHI_SMTP_PASSWORD").map_err(|_| {
                anyhow!("--smtp-user is set: put the password in the environment variable HOSHI_SMTP_PASSWORD")
            })?;
            Some((user.clone(), pass))
        }
        None => None,
    };
    let extra_roots = match &args.smtp_ca_file {
        Some(p) => {
            let pem = std::fs::read(p).map_err(|e| anyhow!("{}: {e}", p.display()))?;
            hoshi_mail::load_pem_certs(&pem).map_err(|e| anyhow!("{}: {e}", p.display()))?
        }
        None => vec![],
    };
    let helo = args
        .public_url
        .as_deref()
        .and_then(|u| u.split("://").nth(1))
        .and_then(|r| r.split(['/', ':']).next())
        .filter(|h| !h.is_empty())
        .unwrap_or("localhost")
        .to_string();
    let cfg = hoshi_mail::SmtpConfig {
        host,
        port: args.smtp_port,
        security,
        auth,
        from,
        from_name: args.smtp_from_name.clone(),
        helo,
        timeout: std::time::Duration::from_secs(30),
        extra_roots,
    };
    cfg.validate().map_err(|e| anyhow!("{e}"))?;
    Ok(Some(cfg))
}

pub fn run(args: ServeArgs, data: &Path, database: hoshi_store::Database) -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("HOSHI_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_target(false)
        .init();
    let catalogs = load_registry(data)?;
    let mail = smtp_config(&args)?.map(std::sync::Arc::new);
    crate::memory::give_back_after_peaks();

    let issuer_roots = match &args.issuer_ca_file {
        Some(p) => {
            let pem = std::fs::read(p).map_err(|e| anyhow!("{}: {e}", p.display()))?;
            hoshi_mail::load_pem_certs(&pem).map_err(|e| anyhow!("{}: {e}", p.display()))?
        }
        None => vec![],
    };
    let opts = hoshi_web::server::ServeOptions {
        database,
        listen: args.listen,
        data: data.to_path_buf(),
        public_url: args.public_url,
        max_upload: args.max_upload_mb.saturating_mul(1024 * 1024),
        demo: args.demo,
        catalogs,
        validity: (args.validity_days_star3, args.validity_days_star4),
        mail,
        issuers: hoshi_mail::https::FetchOptions {
            extra_roots: issuer_roots,
            allow_loopback_http: false,
            allow_private: args.allow_private_issuers,
        },
        renderer: std::sync::Arc::new(hoshi_typst::Typst),
        trusted_proxies: args.trusted_proxies,
        scan: hoshi_web::exposure::ScanPolicy {
            allow: args.scan_allow,
            daily_max: args.scan_daily_max,
            approval: !args.scan_without_approval,
            ..hoshi_web::exposure::ScanPolicy::default()
        },
        vulns: std::sync::Arc::new(crate::cmd_vulns::DirVulns::new(data.join("vulns"))),
        backup: hoshi_web::backups::BackupPolicy {
            restic: args.restic,
            local_roots: args.backup_roots,
            allow: args.backup_allow,
            allow_sftp: args.backup_allow_sftp,
            ..hoshi_web::backups::BackupPolicy::default()
        },
        posture: hoshi_web::mailcheck::PosturePolicy {
            dns: args.posture.dns,
            allow: args.posture.posture_allow,
            ..hoshi_web::mailcheck::PosturePolicy::default()
        },
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads(8)
        .enable_all()
        .build()
        .map_err(|e| anyhow!("cannot start the runtime: {e}"))?;
    rt.block_on(hoshi_web::server::serve(opts))
        .map_err(|e| anyhow!(e))
}
