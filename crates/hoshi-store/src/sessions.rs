//! Sessions: the cookie holds a random token; the database holds only its hash.

use crate::db::{ReadTx, WriteTx};
use crate::params;

use crate::{Result, new_token, token_hash};

/// A session ends after this long, however active.
pub const ABSOLUTE_SECONDS: i64 = 12 * 3600;
/// A session ends after this long without a request.
pub const IDLE_SECONDS: i64 = 2 * 3600;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user_id: String,
    /// The second factor was checked in this session (or the user has none and may skip it).
    pub mfa_ok: bool,
    pub csrf: String,
    pub created_at: i64,
    pub last_seen: i64,
}

/// Creates a session; returns the cookie token and the CSRF token.
pub fn create(tx: &WriteTx, now: i64, user_id: &str, mfa_ok: bool) -> Result<(String, String)> {
    let token = new_token();
    let csrf = new_token();
    tx.execute(
        "INSERT INTO sessions (id_hash, user_id, mfa_ok, csrf, created_at, last_seen, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
        params![
            token_hash(&token),
            user_id,
            mfa_ok as i64,
            csrf,
            now,
            now + IDLE_SECONDS
        ],
    )?;
    Ok((token, csrf))
}

/// The live session for a cookie token, if any.
pub fn get(c: &ReadTx, now: i64, token: &str) -> Result<Option<Session>> {
    c.query_opt(
        "SELECT user_id, mfa_ok, csrf, created_at, last_seen FROM sessions
             WHERE id_hash = ?1 AND expires_at > ?2 AND created_at > ?3",
        params![token_hash(token), now, now - ABSOLUTE_SECONDS],
        |r| {
            Ok(Session {
                user_id: r.get(0)?,
                mfa_ok: r.get::<i64>(1)? != 0,
                csrf: r.get(2)?,
                created_at: r.get(3)?,
                last_seen: r.get(4)?,
            })
        },
    )
}

/// Extends the idle deadline.
/// Extends a session's idle deadline, unless another request did in the last minute. Safe
/// without the store-wide write lock ([`crate::Store::write_unlocked`]): concurrent touches of
/// one session wait for each other's row, and all but the first change nothing.
pub fn touch(tx: &WriteTx, now: i64, token: &str) -> Result<()> {
    tx.execute(
        "UPDATE sessions SET last_seen = ?2, expires_at = ?3 WHERE id_hash = ?1 AND last_seen < ?2 - 60",
        params![token_hash(token), now, now + IDLE_SECONDS],
    )?;
    Ok(())
}

pub fn delete(tx: &WriteTx, token: &str) -> Result<()> {
    tx.execute(
        "DELETE FROM sessions WHERE id_hash = ?1",
        [token_hash(token)],
    )?;
    Ok(())
}

/// Ends every session of a user (on enrolling a second factor, on a password change).
pub fn end_all(tx: &WriteTx, user_id: &str) -> Result<usize> {
    tx.execute("DELETE FROM sessions WHERE user_id = ?1", [user_id])
}

pub fn purge_expired(tx: &WriteTx, now: i64) -> Result<usize> {
    tx.execute(
        "DELETE FROM sessions WHERE expires_at <= ?1 OR created_at <= ?2",
        params![now, now - ABSOLUTE_SECONDS],
    )
}

/// Keeps a TOTP secret between showing the QR code and confirming the first code.
pub fn set_pending_totp(tx: &WriteTx, token: &str, secret: Option<&str>) -> Result<()> {
    tx.execute(
        "UPDATE sessions SET pending_totp = ?2 WHERE id_hash = ?1",
        params![token_hash(token), secret],
    )?;
    Ok(())
}

pub fn pending_totp(c: &ReadTx, token: &str) -> Result<Option<String>> {
    Ok(c.query_opt(
        "SELECT pending_totp FROM sessions WHERE id_hash = ?1",
        [token_hash(token)],
        |r| r.get::<Option<String>>(0),
    )?
    .flatten())
}
