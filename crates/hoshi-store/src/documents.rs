//! The organisation's documents (issue 16): one document per kind and language, every saved
//! version (title, sections as JSON, author, what changed), the approval and publication of a
//! version with its effective date, members' confirmations that they read the version in force,
//! and the organisation's answers the drafts are filled with. The store reads neither the
//! sections nor the answers: they are JSON the web layer writes with `hoshi-docs`.
//!
//! A version's life: saved (a draft) → approved (by an owner, the newest version only) →
//! published (an approved newest version, with its effective date; it replaces the version in
//! force). Saving again makes a new draft version and leaves the published one in force until
//! the new one is published. Versions are never changed or deleted once saved, so the history
//! shows who wrote what and who approved it.
//!
//! Reads take an [`OrgScope`]; writes take the organisation's id and find documents only within
//! it, so another organisation's document id is simply not found.

use serde_json::json;

use crate::audit::{self, Change};
use crate::db::{ReadTx, Row, WriteTx};
use crate::params;
use crate::{OrgScope, Result, StoreError, new_id};
use hoshi_core::UserError;

/// A document as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub id: String,
    /// `hoshi_docs::Kind::code`.
    pub kind: String,
    /// `ja` or `en`.
    pub lang: String,
    /// The newest version's title.
    pub title: String,
    pub latest: i64,
    /// The version in force.
    pub published: Option<i64>,
    /// The version in force's effective date.
    pub effective_on: Option<String>,
    /// Whether the newest version is approved.
    pub latest_approved: bool,
    pub created_at: i64,
    /// When the newest version was saved, and by whom.
    pub updated_at: i64,
    pub updated_by_name: String,
}

/// One saved version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub version: i64,
    pub title: String,
    /// The sections as JSON (empty in lists).
    pub sections: String,
    pub note: String,
    pub author_name: String,
    pub created_at: i64,
    pub approved_by_name: Option<String>,
    pub approved_at: Option<i64>,
    pub published_by_name: Option<String>,
    pub published_at: Option<i64>,
    pub effective_on: Option<String>,
}

impl Version {
    /// Approved, published or not.
    pub fn approved(&self) -> bool {
        self.approved_at.is_some()
    }
}

const DOC_COLUMNS: &str = "d.id, d.kind, d.lang, v.title, d.latest, d.published, pv.effective_on,
    v.approved_at, d.created_at, v.created_at, u.display_name";

const DOC_FROM: &str = "documents d
    JOIN document_versions v ON v.doc_id = d.id AND v.version = d.latest
    JOIN users u ON u.id = v.author
    LEFT JOIN document_versions pv ON pv.doc_id = d.id AND pv.version = d.published";

fn doc_row(r: &Row) -> Result<Document> {
    Ok(Document {
        id: r.get(0)?,
        kind: r.get(1)?,
        lang: r.get(2)?,
        title: r.get(3)?,
        latest: r.get(4)?,
        published: r.get(5)?,
        effective_on: r.get(6)?,
        latest_approved: r.get::<Option<i64>>(7)?.is_some(),
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
        updated_by_name: r.get(10)?,
    })
}

/// The organisation's documents, by kind and language.
pub fn list(c: &ReadTx, scope: &OrgScope) -> Result<Vec<Document>> {
    c.query_map(
        &format!(
            "SELECT {DOC_COLUMNS} FROM {DOC_FROM} WHERE d.org_id = ?1 ORDER BY d.kind, d.lang"
        ),
        [scope.org_id()],
        doc_row,
    )
}

/// One document of the organisation.
pub fn get(c: &ReadTx, scope: &OrgScope, doc_id: &str) -> Result<Option<Document>> {
    c.query_opt(
        &format!("SELECT {DOC_COLUMNS} FROM {DOC_FROM} WHERE d.org_id = ?1 AND d.id = ?2"),
        params![scope.org_id(), doc_id],
        doc_row,
    )
}

const VERSION_COLUMNS: &str = "v.version, v.title, v.note, au.display_name, v.created_at,
    ap.display_name, v.approved_at, pu.display_name, v.published_at, v.effective_on";

const VERSION_FROM: &str = "document_versions v
    JOIN documents d ON d.id = v.doc_id
    JOIN users au ON au.id = v.author
    LEFT JOIN users ap ON ap.id = v.approved_by
    LEFT JOIN users pu ON pu.id = v.published_by";

fn version_row(r: &Row, sections: String) -> Result<Version> {
    Ok(Version {
        version: r.get(0)?,
        title: r.get(1)?,
        sections,
        note: r.get(2)?,
        author_name: r.get(3)?,
        created_at: r.get(4)?,
        approved_by_name: r.get(5)?,
        approved_at: r.get(6)?,
        published_by_name: r.get(7)?,
        published_at: r.get(8)?,
        effective_on: r.get(9)?,
    })
}

/// Every version of a document, newest first, without their sections.
pub fn versions(c: &ReadTx, scope: &OrgScope, doc_id: &str) -> Result<Vec<Version>> {
    c.query_map(
        &format!(
            "SELECT {VERSION_COLUMNS} FROM {VERSION_FROM}
             WHERE d.org_id = ?1 AND v.doc_id = ?2 ORDER BY v.version DESC"
        ),
        params![scope.org_id(), doc_id],
        |r| version_row(r, String::new()),
    )
}

/// One version with its sections.
pub fn version(
    c: &ReadTx,
    scope: &OrgScope,
    doc_id: &str,
    version: i64,
) -> Result<Option<Version>> {
    c.query_opt(
        &format!(
            "SELECT {VERSION_COLUMNS}, v.sections FROM {VERSION_FROM}
             WHERE d.org_id = ?1 AND v.doc_id = ?2 AND v.version = ?3"
        ),
        params![scope.org_id(), doc_id, version],
        |r| version_row(r, r.get(10)?),
    )
}

/// What a save writes.
pub struct NewVersion<'a> {
    pub title: &'a str,
    /// The sections as JSON.
    pub sections: &'a str,
    /// What changed, in the author's words (may be empty).
    pub note: &'a str,
}

fn check_title(title: &str) -> Result<()> {
    let n = title.trim().chars().count();
    if n == 0 || n > 200 {
        return Err(StoreError::Rule(UserError::DocTitleBad));
    }
    Ok(())
}

/// Creates a document of `kind` in `lang` with its first version; refused when the organisation
/// already has it.
pub fn create(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    kind: &str,
    lang: &str,
    first: NewVersion,
) -> Result<String> {
    check_title(first.title)?;
    let exists: Option<String> = tx.query_opt(
        "SELECT id FROM documents WHERE org_id = ?1 AND kind = ?2 AND lang = ?3",
        params![org_id, kind, lang],
        |r| r.get(0),
    )?;
    if exists.is_some() {
        return Err(StoreError::Rule(UserError::DocExists));
    }
    let id = new_id();
    tx.execute(
        "INSERT INTO documents (id, org_id, kind, lang, created_by, created_at, latest, published)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, NULL)",
        params![id, org_id, kind, lang, actor, now],
    )?;
    insert_version(tx, now, actor, &id, 1, &first)?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "document.create",
            target: &format!("document:{id}"),
            before: None,
            after: Some(json!({"kind": kind, "lang": lang, "title": first.title})),
        },
    )?;
    Ok(id)
}

fn insert_version(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    doc_id: &str,
    version: i64,
    v: &NewVersion,
) -> Result<()> {
    tx.execute(
        "INSERT INTO document_versions (doc_id, version, title, sections, note, author, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            doc_id,
            version,
            v.title.trim(),
            v.sections,
            v.note.trim(),
            actor,
            now
        ],
    )?;
    Ok(())
}

/// The document's newest version number and the version in force, within the organisation.
fn head(tx: &WriteTx, org_id: &str, doc_id: &str) -> Result<(i64, Option<i64>)> {
    tx.query_opt(
        "SELECT latest, published FROM documents WHERE org_id = ?1 AND id = ?2",
        params![org_id, doc_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?
    .ok_or(StoreError::NotFound)
}

/// Saves a new version on top of `base` (the version the author started from); refused with
/// [`UserError::DocChanged`] when someone saved a newer one meanwhile. Returns the new number.
pub fn save(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    doc_id: &str,
    base: i64,
    v: NewVersion,
) -> Result<i64> {
    check_title(v.title)?;
    let (latest, _) = head(tx, org_id, doc_id)?;
    if latest != base {
        return Err(StoreError::Rule(UserError::DocChanged { latest }));
    }
    let next = latest + 1;
    insert_version(tx, now, actor, doc_id, next, &v)?;
    tx.execute(
        "UPDATE documents SET latest = ?2 WHERE id = ?1",
        params![doc_id, next],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "document.save",
            target: &format!("document:{doc_id}"),
            before: Some(json!({"version": latest})),
            after: Some(json!({"version": next, "title": v.title.trim(), "note": v.note.trim()})),
        },
    )?;
    Ok(next)
}

/// Whether `version` is approved, and when.
fn approval(tx: &WriteTx, doc_id: &str, version: i64) -> Result<Option<i64>> {
    tx.query_row(
        "SELECT approved_at FROM document_versions WHERE doc_id = ?1 AND version = ?2",
        params![doc_id, version],
        |r| r.get(0),
    )
}

/// Approves the newest version (not yet approved). The caller has checked that it has no
/// places left to fill.
pub fn approve(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    doc_id: &str,
    version: i64,
) -> Result<()> {
    let (latest, _) = head(tx, org_id, doc_id)?;
    if latest != version || approval(tx, doc_id, version)?.is_some() {
        return Err(StoreError::Rule(UserError::DocWrongState));
    }
    tx.execute(
        "UPDATE document_versions SET approved_by = ?3, approved_at = ?4
         WHERE doc_id = ?1 AND version = ?2",
        params![doc_id, version, actor, now],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "document.approve",
            target: &format!("document:{doc_id}"),
            before: None,
            after: Some(json!({"version": version})),
        },
    )?;
    Ok(())
}

/// Publishes the approved newest version with its effective date (`YYYY-MM-DD`, on or after the
/// approval's day `approved_on`, which the caller computes in the organisation's time zone). It
/// becomes the version in force.
#[allow(clippy::too_many_arguments, reason = "one write, each value named")]
pub fn publish(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    doc_id: &str,
    version: i64,
    effective_on: &str,
) -> Result<()> {
    let (latest, published) = head(tx, org_id, doc_id)?;
    if latest != version || published == Some(version) {
        return Err(StoreError::Rule(UserError::DocWrongState));
    }
    if approval(tx, doc_id, version)?.is_none() {
        return Err(StoreError::Rule(UserError::DocWrongState));
    }
    if hoshi_core::time::parse_date(effective_on).is_none() {
        return Err(StoreError::Rule(UserError::DocEffectiveDateBad));
    }
    tx.execute(
        "UPDATE document_versions SET published_by = ?3, published_at = ?4, effective_on = ?5
         WHERE doc_id = ?1 AND version = ?2",
        params![doc_id, version, actor, now, effective_on],
    )?;
    tx.execute(
        "UPDATE documents SET published = ?2 WHERE id = ?1",
        params![doc_id, version],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "document.publish",
            target: &format!("document:{doc_id}"),
            before: published.map(|p| json!({"version": p})),
            after: Some(json!({"version": version, "effective_on": effective_on})),
        },
    )?;
    Ok(())
}

/// Records that `user` read the version in force (`version`); a second confirmation keeps the
/// first time. Refused when `version` is not the one in force.
pub fn confirm_read(
    tx: &WriteTx,
    now: i64,
    user: &str,
    org_id: &str,
    doc_id: &str,
    version: i64,
) -> Result<()> {
    let (_, published) = head(tx, org_id, doc_id)?;
    if published != Some(version) {
        return Err(StoreError::Rule(UserError::DocWrongState));
    }
    tx.execute(
        "INSERT INTO document_reads (doc_id, version, user_id, read_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (doc_id, version, user_id) DO NOTHING",
        params![doc_id, version, user, now],
    )?;
    Ok(())
}

/// A member and whether (when) they confirmed reading a version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reader {
    pub user_id: String,
    pub name: String,
    pub read_at: Option<i64>,
}

/// The organisation's members with their confirmation of `version`, those who have not
/// confirmed first, then by name.
pub fn readers(c: &ReadTx, scope: &OrgScope, doc_id: &str, version: i64) -> Result<Vec<Reader>> {
    c.query_map(
        "SELECT u.id, u.display_name, r.read_at
         FROM memberships m JOIN users u ON u.id = m.user_id
         LEFT JOIN document_reads r ON r.user_id = u.id AND r.doc_id = ?2 AND r.version = ?3
         WHERE m.org_id = ?1 AND EXISTS (SELECT 1 FROM documents d WHERE d.id = ?2 AND d.org_id = ?1)
         ORDER BY CASE WHEN r.read_at IS NULL THEN 0 ELSE 1 END, u.display_name, u.id",
        params![scope.org_id(), doc_id, version],
        |r| {
            Ok(Reader {
                user_id: r.get(0)?,
                name: r.get(1)?,
                read_at: r.get(2)?,
            })
        },
    )
}

/// The organisation's answers the drafts are filled with (JSON), if saved.
pub fn inputs(c: &ReadTx, scope: &OrgScope) -> Result<Option<String>> {
    c.query_opt(
        "SELECT inputs FROM document_inputs WHERE org_id = ?1",
        [scope.org_id()],
        |r| r.get(0),
    )
}

/// Saves the organisation's answers for drafts.
pub fn save_inputs(tx: &WriteTx, now: i64, actor: &str, org_id: &str, inputs: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO document_inputs (org_id, inputs, updated_by, updated_at)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (org_id) DO UPDATE SET inputs = ?2, updated_by = ?3, updated_at = ?4",
        params![org_id, inputs, actor, now],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "document.inputs",
            target: &format!("org:{org_id}"),
            before: None,
            after: None,
        },
    )?;
    Ok(())
}

#[cfg(all(test, feature = "testing"))]
mod tests {
    use super::*;
    use crate::Store;

    fn setup() -> (tempfile::TempDir, Store, String, String, String) {
        let d = tempfile::tempdir().unwrap();
        let s = crate::db::testing::open(d.path());
        let (u, org, other) = crate::db::testing::owner_with_two_orgs(&s);
        (d, s, u, org, other)
    }

    fn v<'a>(title: &'a str, sections: &'a str) -> NewVersion<'a> {
        NewVersion {
            title,
            sections,
            note: "",
        }
    }

    fn rule(r: Result<impl std::fmt::Debug>) -> UserError {
        match r {
            Err(StoreError::Rule(e)) => e,
            other => panic!("expected a rule, got {other:?}"),
        }
    }

    #[test]
    fn a_version_is_saved_approved_published_and_read() {
        let (_d, s, u, org, _) = setup();
        let scope = OrgScope::operator(&org);
        let id = s
            .write(|tx| create(tx, 100, &u, &org, "policy", "ja", v("基本方針", "[]")))
            .unwrap();
        // The same kind and language twice is refused.
        assert_eq!(
            rule(s.write(|tx| create(tx, 101, &u, &org, "policy", "ja", v("x", "[]")))),
            UserError::DocExists
        );
        // A save from an old base is refused; from the newest it makes version 2.
        let two = s
            .write(|tx| save(tx, 110, &u, &org, &id, 1, v("基本方針 改", "[1]")))
            .unwrap();
        assert_eq!(two, 2);
        assert_eq!(
            rule(s.write(|tx| save(tx, 111, &u, &org, &id, 1, v("old", "[]")))),
            UserError::DocChanged { latest: 2 }
        );
        // Publishing before approval, or approving an older version, is refused.
        assert_eq!(
            rule(s.write(|tx| publish(tx, 120, &u, &org, &id, 2, "2026-12-03"))),
            UserError::DocWrongState
        );
        assert_eq!(
            rule(s.write(|tx| approve(tx, 120, &u, &org, &id, 1))),
            UserError::DocWrongState
        );
        s.write(|tx| approve(tx, 121, &u, &org, &id, 2)).unwrap();
        assert_eq!(
            rule(s.write(|tx| approve(tx, 122, &u, &org, &id, 2))),
            UserError::DocWrongState
        );
        // Reading is confirmed only for the version in force.
        assert_eq!(
            rule(s.write(|tx| confirm_read(tx, 123, &u, &org, &id, 2))),
            UserError::DocWrongState
        );
        s.write(|tx| publish(tx, 130, &u, &org, &id, 2, "2026-12-03"))
            .unwrap();
        s.write(|tx| confirm_read(tx, 140, &u, &org, &id, 2))
            .unwrap();
        s.write(|tx| confirm_read(tx, 150, &u, &org, &id, 2))
            .unwrap();
        let d = s.read(|c| get(c, &scope, &id)).unwrap().unwrap();
        assert_eq!(d.latest, 2);
        assert_eq!(d.published, Some(2));
        assert_eq!(d.effective_on.as_deref(), Some("2026-12-03"));
        assert!(d.latest_approved);
        let readers = s.read(|c| readers(c, &scope, &id, 2)).unwrap();
        assert_eq!(readers.len(), 1);
        assert_eq!(
            readers[0].read_at,
            Some(140),
            "the first confirmation is kept"
        );
        // A new draft leaves version 2 in force.
        s.write(|tx| save(tx, 160, &u, &org, &id, 2, v("基本方針 第3版", "[]")))
            .unwrap();
        let d = s.read(|c| get(c, &scope, &id)).unwrap().unwrap();
        assert_eq!((d.latest, d.published), (3, Some(2)));
        assert!(!d.latest_approved);
        let all = s.read(|c| versions(c, &scope, &id)).unwrap();
        assert_eq!(
            all.iter().map(|v| v.version).collect::<Vec<_>>(),
            vec![3, 2, 1]
        );
        let two = s.read(|c| version(c, &scope, &id, 2)).unwrap().unwrap();
        assert_eq!(two.sections, "[1]");
        assert!(two.approved());
        assert_eq!(two.effective_on.as_deref(), Some("2026-12-03"));
    }

    #[test]
    fn another_organisations_document_is_not_found() {
        let (_d, s, u, org, other) = setup();
        let id = s
            .write(|tx| create(tx, 100, &u, &org, "policy", "ja", v("基本方針", "[]")))
            .unwrap();
        let theirs = OrgScope::operator(&other);
        assert!(s.read(|c| get(c, &theirs, &id)).unwrap().is_none());
        assert!(s.read(|c| version(c, &theirs, &id, 1)).unwrap().is_none());
        assert!(s.read(|c| versions(c, &theirs, &id)).unwrap().is_empty());
        assert!(s.read(|c| readers(c, &theirs, &id, 1)).unwrap().is_empty());
        assert!(matches!(
            s.write(|tx| save(tx, 110, &u, &other, &id, 1, v("x", "[]"))),
            Err(StoreError::NotFound)
        ));
        assert!(matches!(
            s.write(|tx| approve(tx, 110, &u, &other, &id, 1)),
            Err(StoreError::NotFound)
        ));
        assert!(s.read(|c| list(c, &theirs)).unwrap().is_empty());
    }

    #[test]
    fn inputs_are_kept_per_organisation() {
        let (_d, s, u, org, other) = setup();
        assert!(
            s.read(|c| inputs(c, &OrgScope::operator(&org)))
                .unwrap()
                .is_none()
        );
        s.write(|tx| save_inputs(tx, 100, &u, &org, "{\"a\":1}"))
            .unwrap();
        s.write(|tx| save_inputs(tx, 101, &u, &org, "{\"a\":2}"))
            .unwrap();
        assert_eq!(
            s.read(|c| inputs(c, &OrgScope::operator(&org))).unwrap(),
            Some("{\"a\":2}".into())
        );
        assert!(
            s.read(|c| inputs(c, &OrgScope::operator(&other)))
                .unwrap()
                .is_none()
        );
    }
}
