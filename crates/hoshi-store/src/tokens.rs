//! Personal access tokens for the JSON API. The token itself is shown once; only its hash is kept.

use crate::db::{ReadTx, WriteTx};
use crate::params;
use hoshi_core::UserError;
use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Change};
use crate::{Result, StoreError, new_id, new_token, token_hash};

/// Tokens look like `hoshi_` followed by 64 hex digits.
pub const PREFIX: &str = "hoshi_";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiToken {
    pub id: String,
    pub user_id: String,
    pub org_id: String,
    pub name: String,
    pub can_write: bool,
    pub created_at: i64,
    pub expires_at: i64,
    pub last_used: Option<i64>,
    pub revoked_at: Option<i64>,
}

const COLUMNS: &str =
    "id, user_id, org_id, name, can_write, created_at, expires_at, last_used, revoked_at";

fn row(r: &crate::db::Row) -> crate::Result<ApiToken> {
    Ok(ApiToken {
        id: r.get(0)?,
        user_id: r.get(1)?,
        org_id: r.get(2)?,
        name: r.get(3)?,
        can_write: r.get::<i64>(4)? != 0,
        created_at: r.get(5)?,
        expires_at: r.get(6)?,
        last_used: r.get(7)?,
        revoked_at: r.get(8)?,
    })
}

/// Creates a token for `user_id` in `org_id` (the caller checked the membership); returns the
/// token string, which is not stored.
pub fn create(
    tx: &WriteTx,
    now: i64,
    user_id: &str,
    org_id: &str,
    name: &str,
    can_write: bool,
    days: i64,
) -> Result<(ApiToken, String)> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(StoreError::Rule(UserError::TokenNameBad));
    }
    if !(1..=366).contains(&days) {
        return Err(StoreError::Rule(UserError::TokenDaysBad));
    }
    let id = new_id();
    let token = format!("{PREFIX}{}", new_token());
    tx.execute(
        "INSERT INTO api_tokens (id, token_hash, user_id, org_id, name, can_write, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![id, token_hash(&token), user_id, org_id, name, can_write as i64, now, now + days * 86_400],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(user_id),
            org_id: Some(org_id),
            action: "token.create",
            target: &format!("token:{id}"),
            before: None,
            after: Some(
                json!({"name": name, "can_write": can_write, "expires_at": now + days * 86_400}),
            ),
        },
    )?;
    let t = tx.query_row(
        &format!("SELECT {COLUMNS} FROM api_tokens WHERE id = ?1"),
        [&id],
        row,
    )?;
    Ok((t, token))
}

pub fn for_user(c: &ReadTx, user_id: &str) -> Result<Vec<ApiToken>> {
    let rows = c.query_map(
        &format!("SELECT {COLUMNS} FROM api_tokens WHERE user_id = ?1 ORDER BY created_at DESC"),
        [user_id],
        row,
    )?;
    Ok(rows)
}

/// The live token behind a bearer string: not revoked, not expired.
pub fn authenticate(c: &ReadTx, now: i64, token: &str) -> Result<Option<ApiToken>> {
    if !token.starts_with(PREFIX) || token.len() != PREFIX.len() + 64 {
        return Ok(None);
    }
    c
        .query_opt(
            &format!("SELECT {COLUMNS} FROM api_tokens WHERE token_hash = ?1 AND revoked_at IS NULL AND expires_at > ?2"),
            params![token_hash(token), now],
            row,
        )
}

pub fn touch(tx: &WriteTx, now: i64, id: &str) -> Result<()> {
    tx.execute(
        "UPDATE api_tokens SET last_used = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    Ok(())
}

/// Revokes one of the user's own tokens.
pub fn revoke(tx: &WriteTx, now: i64, user_id: &str, id: &str) -> Result<()> {
    let t = tx
        .query_opt(
            &format!("SELECT {COLUMNS} FROM api_tokens WHERE id = ?1 AND user_id = ?2"),
            params![id, user_id],
            row,
        )?
        .ok_or(StoreError::NotFound)?;
    tx.execute(
        "UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
        params![id, now],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(user_id),
            org_id: Some(&t.org_id),
            action: "token.revoke",
            target: &format!("token:{id}"),
            before: None,
            after: None,
        },
    )?;
    Ok(())
}
