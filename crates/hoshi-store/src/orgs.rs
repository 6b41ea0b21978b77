//! Organisations, memberships with roles, and invitation links.

use crate::db::{ReadTx, WriteTx};
use crate::params;
use hoshi_core::UserError;
use serde::Serialize;
use serde_json::json;

use crate::audit::{self, Change};
use crate::{Result, StoreError, new_id, new_token, token_hash};

/// What a member may do in an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Viewer,
    Editor,
    Owner,
}

impl Role {
    pub fn id(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Editor => "editor",
            Role::Owner => "owner",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "viewer" => Some(Role::Viewer),
            "editor" => Some(Role::Editor),
            "owner" => Some(Role::Owner),
            _ => None,
        }
    }

    pub fn can_edit(self) -> bool {
        self >= Role::Editor
    }

    pub fn can_manage(self) -> bool {
        self == Role::Owner
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Org {
    pub id: String,
    pub name: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Membership {
    pub org: Org,
    pub role: Role,
    /// The member's title as an officer (役員) of the organisation, when an owner recorded one:
    /// only an officer makes the management declaration in person.
    pub officer_title: Option<String>,
    /// Made only here: a membership is the check that opens the organisation's data.
    #[serde(skip)]
    scope: crate::OrgScope,
}

impl Membership {
    /// The member's organisation, for the store functions that read its data.
    pub fn scope(&self) -> &crate::OrgScope {
        &self.scope
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    pub user_id: String,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub officer_title: Option<String>,
}

fn role_of(s: String) -> crate::Result<Role> {
    Role::parse(&s).ok_or_else(|| crate::db::type_error(0, format!("unknown role {s:?}")))
}

pub fn create(tx: &WriteTx, now: i64, owner: &str, name: &str) -> Result<Org> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(StoreError::Rule(UserError::OrgNameBad));
    }
    let id = new_id();
    tx.execute(
        "INSERT INTO orgs (id, name, created_at) VALUES (?1, ?2, ?3)",
        params![id, name, now],
    )?;
    tx.execute(
        "INSERT INTO memberships (org_id, user_id, role, created_at) VALUES (?1, ?2, 'owner', ?3)",
        params![id, owner, now],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(owner),
            org_id: Some(&id),
            action: "org.create",
            target: &format!("org:{id}"),
            before: None,
            after: Some(json!({"name": name, "owner": owner})),
        },
    )?;
    Ok(Org {
        id,
        name: name.to_string(),
        created_at: now,
    })
}

/// The organisations a user belongs to, with the user's role in each.
pub fn for_user(c: &ReadTx, user_id: &str) -> Result<Vec<Membership>> {
    let rows = c.query_map(
"SELECT o.id, o.name, o.created_at, m.role, m.officer_title FROM memberships m JOIN orgs o ON o.id = m.org_id
         WHERE m.user_id = ?1 ORDER BY o.name, o.id",
[user_id], |r| {
        let id: String = r.get(0)?;
        Ok(Membership {
            scope: crate::OrgScope::checked(&id),
            org: Org {
                id,
                name: r.get(1)?,
                created_at: r.get(2)?,
            },
            role: role_of(r.get(3)?)?,
            officer_title: r.get(4)?,
        })
    })?;
    Ok(rows)
}

/// The user's membership in `org_id`, or `None` when the user may not see the organisation.
pub fn membership(c: &ReadTx, user_id: &str, org_id: &str) -> Result<Option<Membership>> {
    c
        .query_opt(
            "SELECT o.id, o.name, o.created_at, m.role, m.officer_title FROM memberships m JOIN orgs o ON o.id = m.org_id
             WHERE m.user_id = ?1 AND m.org_id = ?2",
            params![user_id, org_id],
            |r| {
                let id: String = r.get(0)?;
                Ok(Membership {
                    scope: crate::OrgScope::checked(&id),
                    org: Org {
                        id,
                        name: r.get(1)?,
                        created_at: r.get(2)?,
                    },
                    role: role_of(r.get(3)?)?,
                    officer_title: r.get(4)?,
                })
            },
        )
}

pub fn members(c: &ReadTx, scope: &crate::OrgScope) -> Result<Vec<Member>> {
    let org_id = scope.org_id();
    let rows = c.query_map(
"SELECT u.id, u.email, u.display_name, m.role, m.officer_title FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.org_id = ?1 ORDER BY u.display_name, u.email",
[org_id], |r| {
        Ok(Member {
            user_id: r.get(0)?,
            email: r.get(1)?,
            display_name: r.get(2)?,
            role: role_of(r.get(3)?)?,
            officer_title: r.get(4)?,
        })
    })?;
    Ok(rows)
}

/// Creates a single-use invitation link token for `org_id`, valid for `days`.
pub fn invite(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    role: Role,
    days: i64,
) -> Result<String> {
    let token = new_token();
    tx.execute(
        "INSERT INTO invitations (token_hash, org_id, role, created_by, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            token_hash(&token),
            org_id,
            role.id(),
            actor,
            now,
            now + days * 86_400
        ],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "org.invite",
            target: &format!("org:{org_id}"),
            before: None,
            after: Some(json!({"role": role.id(), "expires_at": now + days * 86_400})),
        },
    )?;
    Ok(token)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub org: Org,
    pub role: Role,
    pub expires_at: i64,
}

/// The invitation behind a token, if it is unused and not expired.
pub fn invitation(c: &ReadTx, now: i64, token: &str) -> Result<Option<Invitation>> {
    c
        .query_opt(
            "SELECT o.id, o.name, o.created_at, i.role, i.expires_at FROM invitations i JOIN orgs o ON o.id = i.org_id
             WHERE i.token_hash = ?1 AND i.used_at IS NULL AND i.expires_at > ?2",
            params![token_hash(token), now],
            |r| {
                Ok(Invitation {
                    org: Org {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        created_at: r.get(2)?,
                    },
                    role: role_of(r.get(3)?)?,
                    expires_at: r.get(4)?,
                })
            },
        )
}

/// Accepts an invitation: the user joins with the invited role (or keeps a higher one).
pub fn accept(tx: &WriteTx, now: i64, user_id: &str, token: &str) -> Result<Org> {
    let inv = invitation(tx, now, token)?.ok_or(StoreError::NotFound)?;
    let n = tx.execute(
        "UPDATE invitations SET used_at = ?2, used_by = ?3 WHERE token_hash = ?1 AND used_at IS NULL",
        params![token_hash(token), now, user_id],
    )?;
    if n != 1 {
        return Err(StoreError::NotFound);
    }
    let current = membership(tx, user_id, &inv.org.id)?;
    let new_role = current
        .as_ref()
        .map(|m| m.role.max(inv.role))
        .unwrap_or(inv.role);
    if current.as_ref().is_none_or(|m| m.role < inv.role) {
        tx.execute(
            "INSERT INTO memberships (org_id, user_id, role, created_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role",
            params![inv.org.id, user_id, inv.role.id(), now],
        )?;
    }
    audit::append(
        tx,
        now,
        Change {
            actor: Some(user_id),
            org_id: Some(&inv.org.id),
            action: "org.join",
            target: &format!("org:{}", inv.org.id),
            before: current.map(|m| json!({"role": m.role.id()})),
            after: Some(json!({"role": new_role.id(), "user": user_id})),
        },
    )?;
    Ok(inv.org)
}

fn owners(c: &ReadTx, org_id: &str) -> Result<i64> {
    c.query_row(
        "SELECT COUNT(*) FROM memberships WHERE org_id = ?1 AND role = 'owner'",
        [org_id],
        |r| r.get(0),
    )
}

/// Changes a member's role; the last owner cannot be demoted.
pub fn set_role(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    user_id: &str,
    role: Role,
) -> Result<()> {
    let before = membership(tx, user_id, org_id)?.ok_or(StoreError::NotFound)?;
    if before.role == Role::Owner && role != Role::Owner && owners(tx, org_id)? <= 1 {
        return Err(StoreError::Rule(UserError::LastOwner));
    }
    tx.execute(
        "UPDATE memberships SET role = ?3 WHERE org_id = ?1 AND user_id = ?2",
        params![org_id, user_id, role.id()],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "org.role",
            target: &format!("org:{org_id}"),
            before: Some(json!({"user": user_id, "role": before.role.id()})),
            after: Some(json!({"user": user_id, "role": role.id()})),
        },
    )?;
    Ok(())
}

/// Records a member as an officer with `title` (代表取締役, 取締役 CISO…), or, with `None`, that
/// they are not one.
pub fn set_officer(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    user_id: &str,
    title: Option<&str>,
) -> Result<()> {
    let before = membership(tx, user_id, org_id)?.ok_or(StoreError::NotFound)?;
    let title = title.map(str::trim).filter(|t| !t.is_empty());
    if title.is_some_and(|t| t.chars().count() > 100) {
        return Err(StoreError::Rule(UserError::OfficerTitleBad));
    }
    tx.execute(
        "UPDATE memberships SET officer_title = ?3 WHERE org_id = ?1 AND user_id = ?2",
        params![org_id, user_id, title],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "org.officer",
            target: &format!("org:{org_id}"),
            before: Some(json!({"user": user_id, "officer_title": before.officer_title})),
            after: Some(json!({"user": user_id, "officer_title": title})),
        },
    )?;
    Ok(())
}

/// Removes a member; the last owner cannot leave or be removed.
pub fn remove(tx: &WriteTx, now: i64, actor: &str, org_id: &str, user_id: &str) -> Result<()> {
    let before = membership(tx, user_id, org_id)?.ok_or(StoreError::NotFound)?;
    if before.role == Role::Owner && owners(tx, org_id)? <= 1 {
        return Err(StoreError::Rule(UserError::LastOwner));
    }
    tx.execute(
        "DELETE FROM memberships WHERE org_id = ?1 AND user_id = ?2",
        params![org_id, user_id],
    )?;
    // Their API tokens for this organisation stop working with the membership; revoke them too.
    tx.execute(
        "UPDATE api_tokens SET revoked_at = ?3 WHERE org_id = ?1 AND user_id = ?2 AND revoked_at IS NULL",
        params![org_id, user_id, now],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "org.remove",
            target: &format!("org:{org_id}"),
            before: Some(json!({"user": user_id, "role": before.role.id()})),
            after: None,
        },
    )?;
    Ok(())
}

/// The organisation's 法人番号, when an owner has given it.
pub fn corporate_number(c: &ReadTx, scope: &crate::OrgScope) -> Result<Option<String>> {
    corporate_number_of(c, scope.org_id())
}

pub(crate) fn corporate_number_of(c: &ReadTx, org_id: &str) -> Result<Option<String>> {
    c.query_opt(
        "SELECT corporate_number FROM orgs WHERE id = ?1",
        [org_id],
        |r| r.get(0),
    )?
    .ok_or(StoreError::NotFound)
}

/// Sets or clears the 法人番号 (the caller validated it).
pub fn set_corporate_number(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    number: Option<&str>,
) -> Result<()> {
    let before = corporate_number_of(tx, org_id)?;
    tx.execute(
        "UPDATE orgs SET corporate_number = ?2 WHERE id = ?1",
        params![org_id, number],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "org.corporate_number",
            target: &format!("org:{org_id}"),
            before: Some(json!(before)),
            after: Some(json!(number)),
        },
    )?;
    Ok(())
}

/// An organisation's name.
pub fn name(c: &ReadTx, org_id: &str) -> Result<String> {
    c.query_opt("SELECT name FROM orgs WHERE id = ?1", [org_id], |r| {
        r.get(0)
    })?
    .ok_or(StoreError::NotFound)
}
