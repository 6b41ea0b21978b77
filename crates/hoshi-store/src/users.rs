//! Users, login throttling, TOTP secrets, recovery codes and the one-time set-up token.

use crate::db::{ReadTx, WriteTx};
use crate::params;
use hoshi_core::UserError;
use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Change};
use crate::{Result, StoreError, new_id, token_hash};

/// Failed sign-ins from one address that cost nothing; each further one pauses sign-in to that
/// account from that address.
pub const FREE_FAILURES: i64 = 5;
/// The first pause, in seconds; it doubles with every further failure.
pub const FIRST_PAUSE: i64 = 60;
/// The longest pause, in seconds.
pub const MAX_PAUSE: i64 = 60 * 60;

/// The pause after `failures` failures in a row, in seconds (0: none).
pub fn pause_after(failures: i64) -> i64 {
    if failures <= FREE_FAILURES {
        return 0;
    }
    let doublings = (failures - FREE_FAILURES - 1).min(10) as u32;
    (FIRST_PAUSE << doublings).min(MAX_PAUSE)
}

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
    /// An administrator disabled the account: no sign-in, no session, no API token.
    pub disabled: bool,
    pub last_login_at: Option<i64>,
    pub created_at: i64,
    /// The zone times are shown in (`hoshi_core::time::Zone` id); `None`: Japan time.
    pub time_zone: Option<String>,
}

impl User {
    pub fn mfa_enrolled(&self) -> bool {
        self.totp_secret.is_some()
    }
}

const COLUMNS: &str = "id, email, display_name, password_hash, is_admin, lang, totp_secret, totp_last_step, disabled_at, last_login_at, created_at, time_zone";

fn row(r: &crate::db::Row) -> crate::Result<User> {
    Ok(User {
        id: r.get(0)?,
        email: r.get(1)?,
        display_name: r.get(2)?,
        password_hash: r.get(3)?,
        is_admin: r.get::<i64>(4)? != 0,
        lang: r.get(5)?,
        totp_secret: r.get(6)?,
        totp_last_step: r.get(7)?,
        disabled: r.get::<Option<i64>>(8)?.is_some(),
        last_login_at: r.get(9)?,
        created_at: r.get(10)?,
        time_zone: r.get(11)?,
    })
}

/// E-mail addresses are compared case-insensitively.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub fn get(c: &ReadTx, id: &str) -> Result<User> {
    c.query_row(
        &format!("SELECT {COLUMNS} FROM users WHERE id = ?1"),
        [id],
        row,
    )
}

pub fn by_email(c: &ReadTx, email: &str) -> Result<Option<User>> {
    c.query_opt(
        &format!("SELECT {COLUMNS} FROM users WHERE email = ?1"),
        [normalise_email(email)],
        row,
    )
}

pub fn count(c: &ReadTx) -> Result<i64> {
    c.query_row("SELECT COUNT(*) FROM users", (), |r| r.get(0))
}

/// Administrators; the set-up link works only while there are none.
pub fn admin_count(c: &ReadTx) -> Result<i64> {
    c.query_row(
        "SELECT COUNT(*) FROM users WHERE is_admin = TRUE",
        (),
        |r| r.get(0),
    )
}

pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub is_admin: bool,
    pub lang: &'a str,
}

pub fn create(tx: &WriteTx, now: i64, actor: Option<&str>, u: NewUser) -> Result<User> {
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

/// Until when sign-in to `user_id` from `client` is paused, if it is at `now`.
pub fn paused_until(c: &ReadTx, now: i64, user_id: &str, client: &str) -> Result<Option<i64>> {
    let until: Option<Option<i64>> = c.query_opt(
        "SELECT blocked_until FROM login_throttle WHERE user_id = ?1 AND client = ?2",
        params![user_id, client],
        |r| r.get(0),
    )?;
    Ok(until.flatten().filter(|u| *u > now))
}

/// Records a failed password or code from `client`; returns until when sign-in from there is
/// now paused, if it is. Other addresses and the user's API tokens are not affected.
pub fn login_failed(tx: &WriteTx, now: i64, id: &str, client: &str) -> Result<Option<i64>> {
    tx.execute(
        "INSERT INTO login_throttle (user_id, client, failures, updated_at) VALUES (?1, ?2, 1, ?3)
         ON CONFLICT (user_id, client) DO UPDATE SET failures = login_throttle.failures + 1, updated_at = excluded.updated_at",
        params![id, client, now],
    )?;
    let failures: i64 = tx.query_row(
        "SELECT failures FROM login_throttle WHERE user_id = ?1 AND client = ?2",
        params![id, client],
        |r| r.get(0),
    )?;
    let pause = pause_after(failures);
    if pause == 0 {
        return Ok(None);
    }
    let until = now + pause;
    tx.execute(
        "UPDATE login_throttle SET blocked_until = ?3 WHERE user_id = ?1 AND client = ?2",
        params![id, client, until],
    )?;
    if failures == FREE_FAILURES + 1 {
        audit::append(
            tx,
            now,
            Change {
                actor: None,
                org_id: None,
                action: "user.login_paused",
                target: &format!("user:{id}"),
                before: None,
                after: Some(json!({"client": client, "failures": failures, "until": until})),
            },
        )?;
    }
    Ok(Some(until))
}

/// A successful sign-in from `client` clears its failures and is remembered as the last.
pub fn login_succeeded(tx: &WriteTx, now: i64, id: &str, client: &str) -> Result<()> {
    tx.execute(
        "DELETE FROM login_throttle WHERE user_id = ?1 AND client = ?2",
        params![id, client],
    )?;
    tx.execute(
        "UPDATE users SET last_login_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    Ok(())
}

/// Sets a new password (already hashed) and ends every session of the user; `actor` is the user
/// (a change) or nobody (a reset link).
pub fn set_password(
    tx: &WriteTx,
    now: i64,
    actor: Option<&str>,
    id: &str,
    password_hash: &str,
) -> Result<()> {
    tx.execute(
        "UPDATE users SET password_hash = ?2 WHERE id = ?1",
        params![id, password_hash],
    )?;
    crate::sessions::end_all(tx, id)?;
    tx.execute("DELETE FROM login_throttle WHERE user_id = ?1", [id])?;
    audit::append(
        tx,
        now,
        Change {
            actor,
            org_id: None,
            action: "user.password_set",
            target: &format!("user:{id}"),
            before: None,
            after: None,
        },
    )?;
    Ok(())
}

/// Hours a password-reset link stays usable.
pub const RESET_HOURS: i64 = 24;

/// A one-time link to set a new password for `id`, issued by an administrator (`actor`) or by
/// the mailed request (`None`). Earlier unused links of the user stop working.
pub fn create_reset(tx: &WriteTx, now: i64, actor: Option<&str>, id: &str) -> Result<String> {
    get(tx, id)?;
    tx.execute(
        "UPDATE password_resets SET used_at = ?2 WHERE user_id = ?1 AND used_at IS NULL",
        params![id, now],
    )?;
    let token = crate::new_token();
    tx.execute(
        "INSERT INTO password_resets (token_hash, user_id, created_by, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![token_hash(&token), id, actor, now, now + RESET_HOURS * 3600],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor,
            org_id: None,
            action: "user.reset_link",
            target: &format!("user:{id}"),
            before: None,
            after: Some(json!({"expires_at": now + RESET_HOURS * 3600})),
        },
    )?;
    Ok(token)
}

/// Seconds between two reset links a person may ask for by mail.
pub const RESET_MAIL_GAP: i64 = 15 * 60;

/// A reset link asked for by mail for `email`: the user and the link's token, or `None` when the
/// address has no enabled account or a link was mailed in the last [`RESET_MAIL_GAP`] seconds
/// (so nobody can flood a mailbox). The page says the same in every case.
pub fn self_reset(tx: &WriteTx, now: i64, email: &str) -> Result<Option<(User, String)>> {
    let Some(u) = by_email(tx, email)? else {
        return Ok(None);
    };
    if u.disabled {
        return Ok(None);
    }
    let recent: i64 = tx.query_row(
        "SELECT COUNT(*) FROM password_resets WHERE user_id = ?1 AND created_by IS NULL AND created_at > ?2",
        params![u.id, now - RESET_MAIL_GAP],
        |r| r.get(0),
    )?;
    if recent > 0 {
        return Ok(None);
    }
    let token = create_reset(tx, now, None, &u.id)?;
    Ok(Some((u, token)))
}

/// The user a reset link is for, while it is unused and unexpired.
pub fn reset_user(c: &ReadTx, now: i64, token: &str) -> Result<Option<User>> {
    let id: Option<String> = c
        .query_opt(
            "SELECT user_id FROM password_resets WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2",
            params![token_hash(token), now],
            |r| r.get(0),
        )?;
    match id {
        Some(id) => Ok(Some(get(c, &id)?)),
        None => Ok(None),
    }
}

/// Uses a reset link: the new password is set and every session ends.
pub fn use_reset(tx: &WriteTx, now: i64, token: &str, password_hash: &str) -> Result<User> {
    let u = reset_user(tx, now, token)?.ok_or(StoreError::Rule(UserError::ResetLinkInvalid))?;
    tx.execute(
        "UPDATE password_resets SET used_at = ?2 WHERE token_hash = ?1",
        params![token_hash(token), now],
    )?;
    set_password(tx, now, None, &u.id, password_hash)?;
    Ok(u)
}

/// Whether the user must use a second factor: administrators, experts (an expert profile),
/// people acting for an evaluation body, and owners of an organisation that holds an
/// assessment — everyone who can sign, confirm or change who sees a supplier's weaknesses.
pub fn mfa_required(c: &ReadTx, id: &str) -> Result<bool> {
    c.query_row(
        // Each part from its small side: the person's owner memberships (an index on user and
        // role), the few evaluation bodies. Before, the person's every membership was walked
        // twice, on every page: a third of a page's CPU for a member of 1,000 organisations
        // (found with perf on the web benchmark).
        "SELECT EXISTS(SELECT 1 FROM users WHERE id = ?1 AND is_admin = TRUE)
             OR EXISTS(SELECT 1 FROM expert_profiles WHERE user_id = ?1)
             OR EXISTS(SELECT 1 FROM evaluation_bodies b
                       WHERE EXISTS(SELECT 1 FROM memberships m
                                    WHERE m.org_id = b.org_id AND m.user_id = ?1
                                      AND m.role IN ('owner', 'editor')))
             OR EXISTS(SELECT 1 FROM memberships m
                       WHERE m.user_id = ?1 AND m.role = 'owner'
                         AND EXISTS(SELECT 1 FROM assessments a WHERE a.org_id = m.org_id))",
        [id],
        |r| r.get(0),
    )
}

/// Every account, for the administrator's list (by name).
pub fn list(c: &ReadTx) -> Result<Vec<User>> {
    let rows = c.query_map(
        &format!("SELECT {COLUMNS} FROM users ORDER BY display_name, email"),
        (),
        row,
    )?;
    Ok(rows)
}

/// Disables or enables an account. Disabling ends its sessions; an administrator cannot disable
/// their own account or the last active administrator.
pub fn set_disabled(tx: &WriteTx, now: i64, actor: &str, id: &str, disabled: bool) -> Result<()> {
    let u = get(tx, id)?;
    if disabled && (actor == id || (u.is_admin && active_admins(tx)? <= 1)) {
        return Err(StoreError::Rule(UserError::LastAdmin));
    }
    tx.execute(
        "UPDATE users SET disabled_at = ?2 WHERE id = ?1",
        params![id, disabled.then_some(now)],
    )?;
    if disabled {
        crate::sessions::end_all(tx, id)?;
    }
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: None,
            action: if disabled {
                "user.disable"
            } else {
                "user.enable"
            },
            target: &format!("user:{id}"),
            before: None,
            after: None,
        },
    )?;
    Ok(())
}

fn active_admins(c: &ReadTx) -> Result<i64> {
    c.query_row(
        "SELECT COUNT(*) FROM users WHERE is_admin = TRUE AND disabled_at IS NULL",
        (),
        |r| r.get(0),
    )
}

/// Removes a user's second factor (lost phone): the TOTP secret and recovery codes go, every
/// session ends, and the user enrols again at the next sign-in.
pub fn reset_mfa(tx: &WriteTx, now: i64, actor: &str, id: &str) -> Result<()> {
    get(tx, id)?;
    tx.execute(
        "UPDATE users SET totp_secret = NULL, totp_last_step = NULL WHERE id = ?1",
        [id],
    )?;
    tx.execute("DELETE FROM recovery_codes WHERE user_id = ?1", [id])?;
    crate::sessions::end_all(tx, id)?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: None,
            action: "user.mfa.reset",
            target: &format!("user:{id}"),
            before: None,
            after: None,
        },
    )?;
    Ok(())
}

/// The zone a person reads times in; `None` for Japan time.
pub fn set_time_zone(tx: &WriteTx, id: &str, zone: Option<&str>) -> Result<()> {
    tx.execute(
        "UPDATE users SET time_zone = ?2 WHERE id = ?1",
        params![id, zone],
    )?;
    Ok(())
}

pub fn set_lang(tx: &WriteTx, id: &str, lang: &str) -> Result<()> {
    tx.execute(
        "UPDATE users SET lang = ?2 WHERE id = ?1",
        params![id, lang],
    )?;
    Ok(())
}

/// Stores a confirmed TOTP secret and fresh recovery codes (as hashes).
pub fn enable_totp(
    tx: &WriteTx,
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
pub fn use_totp_step(tx: &WriteTx, id: &str, step: i64) -> Result<bool> {
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
pub fn use_recovery_code(tx: &WriteTx, now: i64, id: &str, code: &str) -> Result<bool> {
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

pub fn recovery_codes_left(c: &ReadTx, id: &str) -> Result<i64> {
    c.query_row(
        "SELECT COUNT(*) FROM recovery_codes WHERE user_id = ?1 AND used_at IS NULL",
        [id],
        |r| r.get(0),
    )
}

/// Creates the one-time set-up token for the first administrator (only while there is none).
///
/// Links printed by earlier starts stay valid for a day: with several servers on one database,
/// each start prints its own link and the first one used wins (the others stop working once an
/// administrator exists).
pub fn create_setup_token(tx: &WriteTx, now: i64, token: &str) -> Result<()> {
    tx.execute(
        "DELETE FROM setup_tokens WHERE used_at IS NULL AND created_at < ?1",
        [now - 86_400],
    )?;
    tx.execute(
        "INSERT INTO setup_tokens (token_hash, created_at) VALUES (?1, ?2)",
        params![token_hash(token), now],
    )?;
    Ok(())
}

/// Consumes the set-up token. Fails if it is unknown, used, or a user already exists.
pub fn consume_setup_token(tx: &WriteTx, now: i64, token: &str) -> Result<()> {
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

pub fn setup_token_valid(c: &ReadTx, token: &str) -> Result<bool> {
    Ok(c.query_row(
        "SELECT COUNT(*) > 0 FROM setup_tokens WHERE token_hash = ?1 AND used_at IS NULL",
        [token_hash(token)],
        |r| r.get(0),
    )? && admin_count(c)? == 0)
}

/// Counts a sign-in attempt from `client` in the minute of `now` (whichever server takes it);
/// returns the attempts of that minute so far. Run with [`crate::Store::write_unlocked`].
pub fn count_sign_in(tx: &WriteTx, client: &str, now: i64) -> Result<i64> {
    tx.query_row(
        "INSERT INTO sign_in_budget (client, minute, n) VALUES (?1, ?2, 1)
         ON CONFLICT (client, minute) DO UPDATE SET n = sign_in_budget.n + 1
         RETURNING n",
        params![client, now / 60],
        |r| r.get(0),
    )
}

/// Gives back an attempt that succeeded.
pub fn refund_sign_in(tx: &WriteTx, client: &str, now: i64) -> Result<()> {
    tx.execute(
        "UPDATE sign_in_budget SET n = n - 1 WHERE client = ?1 AND minute = ?2 AND n > 0",
        params![client, now / 60],
    )?;
    Ok(())
}

/// Forgets the counts of minutes before the last one.
pub fn purge_sign_in_budget(tx: &WriteTx, now: i64) -> Result<usize> {
    tx.execute(
        "DELETE FROM sign_in_budget WHERE minute < ?1",
        [now / 60 - 1],
    )
}
