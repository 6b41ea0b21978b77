//! Users, login throttling, TOTP secrets, recovery codes and the one-time set-up token.

use hoshi_core::UserError;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Change};
use crate::{Result, StoreError, new_id, token_hash};

/// Failed logins before the account is locked.
pub const LOCK_AFTER: i64 = 10;
/// How long a lock lasts, in seconds.
pub const LOCK_SECONDS: i64 = 15 * 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: String,
    pub email: String,
    pub display_name: String,
    #[serde(skip)]
    pub password_hash: String,
    pub is_admin: bool,
    pub lang: String,
    #[serde(skip)]
    pub totp_secret: Option<String>,
    #[serde(skip)]
    pub totp_last_step: Option<i64>,
    pub failed_logins: i64,
    pub locked_until: Option<i64>,
    pub created_at: i64,
}

impl User {
    pub fn mfa_enrolled(&self) -> bool {
        self.totp_secret.is_some()
    }
}

const COLUMNS: &str = "id, email, display_name, password_hash, is_admin, lang, totp_secret, totp_last_step, failed_logins, locked_until, created_at";

fn row(r: &rusqlite::Row) -> rusqlite::Result<User> {
    Ok(User {
        id: r.get(0)?,
        email: r.get(1)?,
        display_name: r.get(2)?,
        password_hash: r.get(3)?,
        is_admin: r.get::<_, i64>(4)? != 0,
        lang: r.get(5)?,
        totp_secret: r.get(6)?,
        totp_last_step: r.get(7)?,
        failed_logins: r.get(8)?,
        locked_until: r.get(9)?,
        created_at: r.get(10)?,
    })
}

/// E-mail addresses are compared case-insensitively.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub fn get(c: &Connection, id: &str) -> Result<User> {
    Ok(c.query_row(
        &format!("SELECT {COLUMNS} FROM users WHERE id = ?1"),
        [id],
        row,
    )?)
}

pub fn by_email(c: &Connection, email: &str) -> Result<Option<User>> {
    Ok(c.query_row(
        &format!("SELECT {COLUMNS} FROM users WHERE email = ?1"),
        [normalise_email(email)],
        row,
    )
    .optional()?)
}

pub fn count(c: &Connection) -> Result<i64> {
    Ok(c.query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))?)
}

/// Administrators; the set-up link works only while there are none.
pub fn admin_count(c: &Connection) -> Result<i64> {
    Ok(
        c.query_row("SELECT COUNT(*) FROM users WHERE is_admin = 1", [], |r| {
            r.get(0)
        })?,
    )
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub is_admin: bool,
    pub lang: &'a str,
}

pub fn create(tx: &Transaction, now: i64, actor: Option<&str>, u: NewUser) -> Result<User> {
    let email = normalise_email(u.email);
    if by_email(tx, &email)?.is_some() {
        return Err(StoreError::Rule(UserError::EmailTaken));
    }
    let id = new_id();
    tx.execute(
        "INSERT INTO users (id, email, display_name, password_hash, is_admin, lang, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id,
            email,
            u.display_name.trim(),
            u.password_hash,
            u.is_admin as i64,
            u.lang,
            now
        ],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor.unwrap_or(&id)),
            org_id: None,
            action: "user.create",
            target: &format!("user:{id}"),
            before: None,
            after: Some(
                json!({"email": email, "display_name": u.display_name.trim(), "is_admin": u.is_admin}),
            ),
        },
    )?;
    get(tx, &id)
}

/// Records a failed login; locks the account after `LOCK_AFTER` failures in a row.
pub fn login_failed(tx: &Transaction, now: i64, id: &str) -> Result<User> {
    tx.execute(
        "UPDATE users SET failed_logins = failed_logins + 1,
             locked_until = CASE WHEN failed_logins + 1 >= ?2 THEN ?3 ELSE locked_until END
         WHERE id = ?1",
        params![id, LOCK_AFTER, now + LOCK_SECONDS],
    )?;
    let u = get(tx, id)?;
    if u.failed_logins == LOCK_AFTER {
        audit::append(
            tx,
            now,
            Change {
                actor: None,
                org_id: None,
                action: "user.locked",
                target: &format!("user:{id}"),
                before: None,
                after: Some(
                    json!({"failed_logins": u.failed_logins, "locked_until": u.locked_until}),
                ),
            },
        )?;
    }
    Ok(u)
}

pub fn login_succeeded(tx: &Transaction, id: &str) -> Result<()> {
    tx.execute(
        "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

pub fn set_lang(tx: &Transaction, id: &str, lang: &str) -> Result<()> {
    tx.execute(
        "UPDATE users SET lang = ?2 WHERE id = ?1",
        params![id, lang],
    )?;
    Ok(())
}

/// Stores a confirmed TOTP secret and fresh recovery codes (as hashes).
pub fn enable_totp(
    tx: &Transaction,
    now: i64,
    id: &str,
    secret: &str,
    step: i64,
    recovery_codes: &[String],
) -> Result<()> {
    tx.execute(
        "UPDATE users SET totp_secret = ?2, totp_last_step = ?3 WHERE id = ?1",
        params![id, secret, step],
    )?;
    // Sessions opened with the password alone end: from now on every session has passed the
    // second factor (the caller opens a new one for the device that enrolled).
    crate::sessions::end_all(tx, id)?;
    tx.execute("DELETE FROM recovery_codes WHERE user_id = ?1", [id])?;
    for code in recovery_codes {
        tx.execute(
            "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?1, ?2)",
            params![id, token_hash(&normalise_code(code))],
        )?;
    }
    audit::append(
        tx,
        now,
        Change {
            actor: Some(id),
            org_id: None,
            action: "user.mfa.enable",
            target: &format!("user:{id}"),
            before: None,
            after: Some(json!({"method": "totp", "recovery_codes": recovery_codes.len()})),
        },
    )?;
    Ok(())
}

/// Accepts a TOTP time step only if it is newer than the last one used (no replay).
pub fn use_totp_step(tx: &Transaction, id: &str, step: i64) -> Result<bool> {
    let n = tx.execute(
        "UPDATE users SET totp_last_step = ?2 WHERE id = ?1 AND (totp_last_step IS NULL OR totp_last_step < ?2)",
        params![id, step],
    )?;
    Ok(n == 1)
}

fn normalise_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Uses a recovery code once. Returns whether it was valid and unused.
pub fn use_recovery_code(tx: &Transaction, now: i64, id: &str, code: &str) -> Result<bool> {
    let n = tx.execute(
        "UPDATE recovery_codes SET used_at = ?3 WHERE user_id = ?1 AND code_hash = ?2 AND used_at IS NULL",
        params![id, token_hash(&normalise_code(code)), now],
    )?;
    if n == 1 {
        audit::append(
            tx,
            now,
            Change {
                actor: Some(id),
                org_id: None,
                action: "user.mfa.recovery_code_used",
                target: &format!("user:{id}"),
                before: None,
                after: None,
            },
        )?;
    }
    Ok(n == 1)
}

pub fn recovery_codes_left(c: &Connection, id: &str) -> Result<i64> {
    Ok(c.query_row(
        "SELECT COUNT(*) FROM recovery_codes WHERE user_id = ?1 AND used_at IS NULL",
        [id],
        |r| r.get(0),
    )?)
}

/// Creates the one-time set-up token for the first administrator (only while there is none).
pub fn create_setup_token(tx: &Transaction, now: i64, token: &str) -> Result<()> {
    tx.execute("DELETE FROM setup_tokens WHERE used_at IS NULL", [])?;
    tx.execute(
        "INSERT INTO setup_tokens (token_hash, created_at) VALUES (?1, ?2)",
        params![token_hash(token), now],
    )?;
    Ok(())
}

/// Consumes the set-up token. Fails if it is unknown, used, or a user already exists.
pub fn consume_setup_token(tx: &Transaction, now: i64, token: &str) -> Result<()> {
    if admin_count(tx)? > 0 {
        return Err(StoreError::Rule(UserError::SetupLinkInvalid));
    }
    let n = tx.execute(
        "UPDATE setup_tokens SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL",
        params![token_hash(token), now],
    )?;
    if n == 1 {
        Ok(())
    } else {
        Err(StoreError::NotFound)
    }
}

pub fn setup_token_valid(c: &Connection, token: &str) -> Result<bool> {
    Ok(c.query_row(
        "SELECT COUNT(*) > 0 FROM setup_tokens WHERE token_hash = ?1 AND used_at IS NULL",
        [token_hash(token)],
        |r| r.get(0),
    )? && admin_count(c)? == 0)
}
