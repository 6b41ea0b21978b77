//! Catalogs imported on another server: with several servers on one database, an imported
//! catalog file is kept in the database, and every server adds it to its registry at start and
//! within 30 seconds of an import elsewhere.

use hoshi_catalog::{Registry, parse_catalog};
use hoshi_store::{Store, catalogs};

use crate::Shared;

/// `reg` with every catalog file kept in the database put in (replacing one of the same
/// edition); the stamp of what was read. A file that does not parse is skipped with a warning.
pub fn with_database_catalogs(
    reg: &Registry,
    store: &Store,
) -> hoshi_store::Result<(Registry, String)> {
    let (stamp, files) = store.read(|c| Ok((catalogs::files_stamp(c)?, catalogs::files(c)?)))?;
    let mut next = reg.clone();
    for (name, text) in files {
        let label = format!("database:{name}");
        match parse_catalog(&label, &text) {
            Ok(c) => {
                next.put(c, &label);
            }
            Err(e) => tracing::warn!(file = %name, error = %e, "catalog in the database skipped"),
        }
    }
    Ok((next, stamp))
}

/// Checks every 30 s whether another server imported a catalog, and loads it.
pub fn spawn_reload(state: Shared, mut stamp: String) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(30));
        tick.tick().await;
        loop {
            tick.tick().await;
            let now = state.db(|s| s.read(catalogs::files_stamp)).await;
            match now {
                Ok(n) if n != stamp => {
                    let current = state.catalogs();
                    let loaded = state.db(move |s| with_database_catalogs(&current, s)).await;
                    match loaded {
                        Ok((next, n)) => {
                            state.replace_catalogs(next);
                            tracing::info!("catalogs imported on another server loaded");
                            stamp = n;
                        }
                        Err(e) => tracing::warn!(error = ?e, "catalogs in the database unreadable"),
                    }
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = ?e, "catalogs in the database unreadable"),
            }
        }
    });
}
