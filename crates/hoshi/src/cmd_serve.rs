//! `hoshi serve`

use std::path::Path;

use anyhow::{Result, anyhow};

use crate::cli::ServeArgs;
use crate::files::load_registry;

pub fn run(args: ServeArgs, data: &Path) -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("HOSHI_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_target(false)
        .init();
    let catalogs = load_registry(data)?;
    let opts = hoshi_web::server::ServeOptions {
        listen: args.listen,
        data: data.to_path_buf(),
        public_url: args.public_url,
        max_upload: args.max_upload_mb.saturating_mul(1024 * 1024),
        demo: args.demo,
        catalogs,
        validity: (args.validity_days_star3, args.validity_days_star4),
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| anyhow!("cannot start the runtime: {e}"))?;
    rt.block_on(hoshi_web::server::serve(opts))
        .map_err(|e| anyhow!(e))
}
