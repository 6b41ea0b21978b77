//! Facts every server of a deployment must agree on, kept in the database they share.

use crate::db::WriteTx;
use crate::{Result, params};

/// Checks the active signing key of a starting server against the deployment's: records it when
/// none is recorded yet; returns the recorded key id when it is another one.
pub fn check_signing_key(tx: &WriteTx, key_id: &str) -> Result<Option<String>> {
    tx.execute(
        "INSERT INTO deployment_settings (name, value) VALUES ('signing_key', ?1) ON CONFLICT (name) DO NOTHING",
        [key_id],
    )?;
    let recorded: String = tx.query_row(
        "SELECT value FROM deployment_settings WHERE name = 'signing_key'",
        (),
        |r| r.get(0),
    )?;
    Ok((recorded != key_id).then_some(recorded))
}

/// Records a new active signing key (after `hoshi keys rotate`).
pub fn set_signing_key(tx: &WriteTx, key_id: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO deployment_settings (name, value) VALUES ('signing_key', ?1)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        params![key_id],
    )?;
    Ok(())
}
