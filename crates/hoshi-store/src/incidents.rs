//! Incident records and their hash-chained timelines (issue 16, the incident kit).
//!
//! An incident (or a tabletop drill, `drill`) belongs to one organisation: its type, title, when
//! the company learned of it, open or closed, and its report form as the JSON of
//! `hoshi_core::incident::Report` (the store does not read it). Everything that happens to it is
//! an event on its timeline — opened, a note, a checklist step ticked or unticked, the report
//! form saved (the event carries the saved JSON, so the form's history is in the chain), a
//! notice drafted, closed; for drills started and ended.
//!
//! Events are append-only (there is no function to change or remove one) and hash-chained per
//! incident with the audit log's link function ([`crate::audit`]'s `chain_hash`): each event's
//! hash covers the previous event's hash and its own fields (incident, number, time, who, kind,
//! text). The incident row holds the newest event's number and hash, taken first by every append
//! (`UPDATE … RETURNING`), so two appends never compute the same next event and [`verify`]
//! notices a deleted newest event as well as an edited, removed or reordered one. Every write
//! also appends its audit entry in the same transaction.
//!
//! Reads take an [`OrgScope`]: another organisation's incident is not found. Writes take the
//! organisation id the caller checked and find only that organisation's incidents.

use serde_json::{Value, json};

use crate::audit::{self, Broken, Change, GENESIS, chain_hash};
use crate::db::{ReadTx, Row, WriteTx};
use crate::params;
use crate::{OrgScope, Result, StoreError, new_id};

/// The kinds of timeline event.
pub const EVENT_KINDS: [&str; 9] = [
    "opened",
    "note",
    "step_done",
    "step_undone",
    "facts_changed",
    "notice_drafted",
    "closed",
    "drill_started",
    "drill_ended",
];

/// The events a caller appends with [`append`]; the others are written by [`open`],
/// [`save_report`] and [`close`].
const APPENDABLE: [&str; 4] = ["note", "step_done", "step_undone", "notice_drafted"];

/// A new incident or drill.
pub struct NewIncident<'a> {
    /// `hoshi_core::incident::Kind::code`.
    pub kind: &'a str,
    pub title: &'a str,
    pub drill: bool,
    /// When the company learned of it (a drill: when it started).
    pub known_at: i64,
    /// The report form's JSON.
    pub report: &'a str,
    /// The first event's text (e.g. the drill's scenario).
    pub body: &'a str,
}

/// An incident as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incident {
    pub id: String,
    pub org_id: String,
    pub kind: String,
    pub title: String,
    pub drill: bool,
    pub opened_by_name: String,
    pub opened_at: i64,
    pub known_at: i64,
    pub closed: bool,
    pub closed_by_name: Option<String>,
    pub closed_at: Option<i64>,
    pub report: String,
    /// The number of events on its timeline.
    pub events: i64,
}

/// One event of a timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub seq: i64,
    pub at: i64,
    pub actor: String,
    pub actor_name: String,
    pub kind: String,
    pub body: String,
    pub prev_hash: String,
    pub hash: String,
}

fn event_hash(
    prev: &str,
    incident: &str,
    seq: i64,
    at: i64,
    actor: &str,
    kind: &str,
    body: &str,
) -> String {
    chain_hash(prev, &json!([incident, seq, at, actor, kind, body]))
}

/// Opens an incident (or starts a drill) with its first event (`opened` / `drill_started`) and
/// the audit entry; returns its id.
pub fn open(tx: &WriteTx, now: i64, actor: &str, org_id: &str, n: NewIncident) -> Result<String> {
    let id = new_id();
    tx.execute(
        "INSERT INTO incidents (id, org_id, kind, title, drill, opened_by, opened_at, known_at,
             status, closed_by, closed_at, report, event_seq, event_head)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'open', NULL, NULL, ?9, 0, ?10)",
        params![
            id,
            org_id,
            n.kind,
            n.title,
            i64::from(n.drill),
            actor,
            now,
            n.known_at,
            n.report,
            GENESIS
        ],
    )?;
    let first = if n.drill { "drill_started" } else { "opened" };
    push(tx, now, actor, &id, first, n.body)?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: if n.drill {
                "incident.drill_start"
            } else {
                "incident.open"
            },
            target: &format!("incident:{id}"),
            before: None,
            after: Some(json!({"kind": n.kind, "title": n.title, "known_at": n.known_at})),
        },
    )?;
    Ok(id)
}

/// The incident `id` of `org_id`, locked for this transaction's appends: (open, drill).
fn writable(tx: &WriteTx, org_id: &str, id: &str) -> Result<(bool, bool)> {
    let row: Option<(String, i64)> = tx.query_opt(
        "SELECT status, drill FROM incidents WHERE id = ?1 AND org_id = ?2",
        params![id, org_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let (status, drill) = row.ok_or(StoreError::NotFound)?;
    Ok((status == "open", drill != 0))
}

/// Appends one event to the chain (no checks: the callers make them).
fn push(tx: &WriteTx, now: i64, actor: &str, id: &str, kind: &str, body: &str) -> Result<i64> {
    let (seq, prev): (i64, String) = tx.query_row(
        "UPDATE incidents SET event_seq = event_seq + 1 WHERE id = ?1 RETURNING event_seq, event_head",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let hash = event_hash(&prev, id, seq, now, actor, kind, body);
    tx.execute(
        "INSERT INTO incident_events (incident_id, seq, at, actor, kind, body, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![id, seq, now, actor, kind, body, prev, hash],
    )?;
    tx.execute(
        "UPDATE incidents SET event_head = ?2 WHERE id = ?1",
        params![id, hash],
    )?;
    Ok(seq)
}

fn refuse_closed(open: bool) -> Result<()> {
    if open {
        Ok(())
    } else {
        Err(StoreError::Rule(hoshi_core::UserError::BadRequest))
    }
}

fn audit_event(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    id: &str,
    after: Value,
) -> Result<()> {
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "incident.event",
            target: &format!("incident:{id}"),
            before: None,
            after: Some(after),
        },
    )?;
    Ok(())
}

/// Appends a note, a ticked or unticked step (`body`: the step's code) or a drafted notice to an
/// open incident; returns the event's number. A closed incident refuses (its record is final).
pub fn append(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    id: &str,
    kind: &str,
    body: &str,
) -> Result<i64> {
    if !APPENDABLE.contains(&kind) {
        return Err(StoreError::Rule(hoshi_core::UserError::BadRequest));
    }
    let (open, _) = writable(tx, org_id, id)?;
    refuse_closed(open)?;
    let seq = push(tx, now, actor, id, kind, body)?;
    // Notes can be long and are in the chain already: the audit entry names them by number.
    let after = if kind == "note" {
        json!({"seq": seq, "kind": kind})
    } else {
        json!({"seq": seq, "kind": kind, "body": body})
    };
    audit_event(tx, now, actor, org_id, id, after)?;
    Ok(seq)
}

/// Saves the report form of an open incident (`facts_changed`, whose text is the saved JSON);
/// nothing is written when it did not change. Returns whether it changed.
pub fn save_report(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    id: &str,
    report: &str,
) -> Result<bool> {
    let (open, _) = writable(tx, org_id, id)?;
    refuse_closed(open)?;
    let current: String =
        tx.query_row("SELECT report FROM incidents WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
    if current == report {
        return Ok(false);
    }
    tx.execute(
        "UPDATE incidents SET report = ?2 WHERE id = ?1",
        params![id, report],
    )?;
    let seq = push(tx, now, actor, id, "facts_changed", report)?;
    audit_event(
        tx,
        now,
        actor,
        org_id,
        id,
        json!({"seq": seq, "kind": "facts_changed"}),
    )?;
    Ok(true)
}

/// Closes an open incident or ends a drill (`closed` / `drill_ended` with `body`: the outcome,
/// for a drill its length and participants); `report`, when given, is saved with it.
pub fn close(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    id: &str,
    body: &str,
    report: Option<&str>,
) -> Result<()> {
    let (open, drill) = writable(tx, org_id, id)?;
    refuse_closed(open)?;
    if let Some(r) = report {
        save_report(tx, now, actor, org_id, id, r)?;
    }
    tx.execute(
        "UPDATE incidents SET status = 'closed', closed_by = ?2, closed_at = ?3 WHERE id = ?1",
        params![id, actor, now],
    )?;
    let kind = if drill { "drill_ended" } else { "closed" };
    push(tx, now, actor, id, kind, body)?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: if drill {
                "incident.drill_end"
            } else {
                "incident.close"
            },
            target: &format!("incident:{id}"),
            before: None,
            after: Some(json!({"body": body})),
        },
    )?;
    Ok(())
}

const COLUMNS: &str = "i.id, i.org_id, i.kind, i.title, i.drill, o.display_name, i.opened_at,
    i.known_at, i.status, c.display_name, i.closed_at, i.report, i.event_seq";
const FROM: &str = "FROM incidents i JOIN users o ON o.id = i.opened_by
    LEFT JOIN users c ON c.id = i.closed_by";

fn incident_row(r: &Row) -> Result<Incident> {
    let drill: i64 = r.get(4)?;
    let status: String = r.get(8)?;
    Ok(Incident {
        id: r.get(0)?,
        org_id: r.get(1)?,
        kind: r.get(2)?,
        title: r.get(3)?,
        drill: drill != 0,
        opened_by_name: r.get(5)?,
        opened_at: r.get(6)?,
        known_at: r.get(7)?,
        closed: status == "closed",
        closed_by_name: r.get(9)?,
        closed_at: r.get(10)?,
        report: r.get(11)?,
        events: r.get(12)?,
    })
}

/// The organisation's incidents and drills: open ones first, then the newest first.
pub fn list(c: &ReadTx, scope: &OrgScope) -> Result<Vec<Incident>> {
    c.query_map(
        &format!(
            "SELECT {COLUMNS} {FROM} WHERE i.org_id = ?1
             ORDER BY CASE WHEN i.status = 'open' THEN 0 ELSE 1 END, i.opened_at DESC, i.id DESC"
        ),
        [scope.org_id()],
        incident_row,
    )
}

/// One incident of the organisation in scope.
pub fn get(c: &ReadTx, scope: &OrgScope, id: &str) -> Result<Incident> {
    c.query_opt(
        &format!("SELECT {COLUMNS} {FROM} WHERE i.id = ?1 AND i.org_id = ?2"),
        params![id, scope.org_id()],
        incident_row,
    )?
    .ok_or(StoreError::NotFound)
}

/// The timeline of an incident of the organisation in scope, oldest first.
pub fn events(c: &ReadTx, scope: &OrgScope, id: &str) -> Result<Vec<Event>> {
    c.query_map(
        "SELECT e.seq, e.at, e.actor, u.display_name, e.kind, e.body, e.prev_hash, e.hash
         FROM incident_events e JOIN incidents i ON i.id = e.incident_id
         JOIN users u ON u.id = e.actor
         WHERE e.incident_id = ?1 AND i.org_id = ?2 ORDER BY e.seq",
        params![id, scope.org_id()],
        |r| {
            Ok(Event {
                seq: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                actor_name: r.get(3)?,
                kind: r.get(4)?,
                body: r.get(5)?,
                prev_hash: r.get(6)?,
                hash: r.get(7)?,
            })
        },
    )
}

/// The result of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub events: i64,
    /// The first event that does not match (its number and why); `None` when intact.
    pub first_broken: Option<(i64, Broken)>,
    /// The newest event's hash (the genesis hash while empty).
    pub head: String,
}

/// Recomputes an incident's chain from the first event, and checks that its newest event is
/// the one the incident row names.
pub fn verify(c: &ReadTx, scope: &OrgScope, id: &str) -> Result<Verification> {
    let inc = get(c, scope, id)?;
    let head: String = c.query_row(
        "SELECT event_head FROM incidents WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let mut prev = GENESIS.to_string();
    let mut expected = 1;
    let mut first_broken = None;
    let list = events(c, scope, id)?;
    for e in &list {
        if e.seq != expected {
            first_broken = Some((expected, Broken::Missing { next: e.seq }));
            break;
        }
        if e.prev_hash != prev {
            first_broken = Some((e.seq, Broken::Link));
            break;
        }
        if event_hash(&prev, id, e.seq, e.at, &e.actor, &e.kind, &e.body) != e.hash {
            first_broken = Some((e.seq, Broken::Content));
            break;
        }
        prev.clone_from(&e.hash);
        expected += 1;
    }
    if first_broken.is_none() && (inc.events >= expected || head != prev) {
        first_broken = Some((expected, Broken::Truncated { head: inc.events }));
    }
    Ok(Verification {
        events: list.len() as i64,
        first_broken,
        head: prev,
    })
}

/// The checklist steps ticked on a timeline (replayed: the last tick or untick of each wins).
pub fn steps_done(events: &[Event]) -> Vec<String> {
    let mut done: Vec<String> = Vec::new();
    for e in events {
        match e.kind.as_str() {
            "step_done" if !done.contains(&e.body) => done.push(e.body.clone()),
            "step_undone" => done.retain(|d| d != &e.body),
            _ => {}
        }
    }
    done
}
