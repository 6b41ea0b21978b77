//! The yearly cycle's recurring tasks, their checks and training records (issue 16).
//!
//! - A task ([`Task`]) is a check an organisation repeats: the criterion it keeps current, what
//!   to look at, an owner (a member, or nobody: then the owners are reminded), the interval and
//!   the next due date (Japan's date, `YYYY-MM-DD`). Tasks are deactivated, never deleted, so
//!   their checks stay as a record.
//! - Recording a check ([`record_check`]) moves the next due date forward in the same
//!   transaction: the interval counted from the latest check recorded (a check entered late for
//!   an earlier day does not pull the date back).
//! - Reminders ([`claim_reminder`]) are claimed by an insert, once per task, due date and kind
//!   (`soon`, `overdue`), so several servers on one database or a restart send each once.
//! - Training sessions keep who attended: members by id (with their name as it was) and others
//!   by the name typed.
//!
//! Input rules are `hoshi_core::cycle`'s; the caller shows them beside the fields, and the store
//! refuses the same input as a bad request. Reads take an [`OrgScope`]; writes take the
//! organisation their caller checked and verify the rows belong to it.

use hoshi_core::UserError;
use hoshi_core::cycle::{self, CheckInput, Outcome, SessionInput, TaskInput};
use serde_json::json;

use crate::audit::{self, Change};
use crate::db::{ReadTx, Row, WriteTx};
use crate::params;
use crate::{OrgScope, Result, StoreError, new_id};

/// A recurring task as stored, with its latest check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub id: String,
    pub org_id: String,
    pub criterion_id: String,
    pub title: String,
    pub look_at: String,
    pub owner_id: Option<String>,
    /// The owner's display name (`None` when no owner is set).
    pub owner_name: Option<String>,
    pub interval_months: u32,
    pub next_due: String,
    pub active: bool,
    pub rev: i64,
    /// The latest check: (day, result).
    pub last_check: Option<(String, Outcome)>,
}

const TASK_COLUMNS: &str = "t.id, t.org_id, t.criterion_id, t.title, t.look_at, t.owner_id,
    u.display_name, t.interval_months, t.next_due, t.active, t.rev,
    (SELECT MAX(k.checked_on) FROM task_checks k WHERE k.task_id = t.id),
    (SELECT k.result FROM task_checks k WHERE k.task_id = t.id
       ORDER BY k.checked_on DESC, k.recorded_at DESC LIMIT 1)";
const TASK_FROM: &str = "recurring_tasks t LEFT JOIN users u ON u.id = t.owner_id";

fn task_row(r: &Row) -> Result<Task> {
    let last_on: Option<String> = r.get(11)?;
    let last_result: Option<String> = r.get(12)?;
    let months: i64 = r.get(7)?;
    Ok(Task {
        id: r.get(0)?,
        org_id: r.get(1)?,
        criterion_id: r.get(2)?,
        title: r.get(3)?,
        look_at: r.get(4)?,
        owner_id: r.get(5)?,
        owner_name: r.get(6)?,
        interval_months: u32::try_from(months).unwrap_or(12),
        next_due: r.get(8)?,
        active: r.get(9)?,
        rev: r.get(10)?,
        last_check: last_on.zip(last_result.as_deref().and_then(Outcome::parse)),
    })
}

/// The organisation's tasks: active ones first by due date, then the deactivated ones.
pub fn list(c: &ReadTx, scope: &OrgScope) -> Result<Vec<Task>> {
    c.query_map(
        &format!(
            "SELECT {TASK_COLUMNS} FROM {TASK_FROM} WHERE t.org_id = ?1
             ORDER BY t.active DESC, t.next_due, t.criterion_id, t.id"
        ),
        [scope.org_id()],
        task_row,
    )
}

/// One task of the organisation; another organisation's is not found.
pub fn get(c: &ReadTx, scope: &OrgScope, id: &str) -> Result<Task> {
    c.query_row(
        &format!("SELECT {TASK_COLUMNS} FROM {TASK_FROM} WHERE t.id = ?1 AND t.org_id = ?2"),
        params![id, scope.org_id()],
        task_row,
    )
}

/// The organisation's active tasks due before `today` (overdue), by due date.
pub fn overdue(c: &ReadTx, scope: &OrgScope, today: &str) -> Result<Vec<Task>> {
    c.query_map(
        &format!(
            "SELECT {TASK_COLUMNS} FROM {TASK_FROM}
             WHERE t.org_id = ?1 AND t.active = 1 AND t.next_due < ?2
             ORDER BY t.next_due, t.id"
        ),
        params![scope.org_id(), today],
        task_row,
    )
}

fn bad() -> StoreError {
    StoreError::Rule(UserError::BadRequest)
}

/// The owner must be a member of the organisation.
fn check_owner(tx: &WriteTx, org_id: &str, owner: Option<&str>) -> Result<()> {
    let Some(owner) = owner else { return Ok(()) };
    let n: i64 = tx.query_row(
        "SELECT COUNT(*) FROM memberships WHERE org_id = ?1 AND user_id = ?2",
        params![org_id, owner],
        |r| r.get(0),
    )?;
    if n == 0 { Err(bad()) } else { Ok(()) }
}

fn fields(t: &TaskInput, owner: Option<&str>) -> serde_json::Value {
    json!({"criterion": t.criterion, "title": t.title, "look_at": t.look_at, "owner": owner,
        "interval_months": t.interval_months, "next_due": t.next_due})
}

fn insert_task(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    t: &TaskInput,
    owner: Option<&str>,
) -> Result<String> {
    if !t.problems().is_empty() {
        return Err(bad());
    }
    check_owner(tx, org_id, owner)?;
    let id = new_id();
    tx.execute(
        "INSERT INTO recurring_tasks (id, org_id, criterion_id, title, look_at, owner_id,
             interval_months, next_due, active, rev, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1, 1, ?9, ?10, ?10)",
        params![
            id,
            org_id,
            t.criterion,
            t.title.trim(),
            t.look_at.trim(),
            owner,
            i64::from(t.interval_months),
            t.next_due.trim(),
            actor,
            now
        ],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "cycle.task_create",
            target: &format!("cycle_task:{id}"),
            before: None,
            after: Some(fields(t, owner)),
        },
    )?;
    Ok(id)
}

/// Adds a task; its id.
pub fn create(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    t: &TaskInput,
    owner: Option<&str>,
) -> Result<String> {
    insert_task(tx, now, actor, org_id, t, owner)
}

/// Adds a task for every template whose criterion has no task yet (active or not: a task an
/// organisation deactivated is not proposed again). Returns how many were added.
///
/// First due dates are spread over the year rather than all falling on one day: checks more
/// frequent than yearly are first due a month after `today`, the yearly ones one a month from
/// the month after (a small organisation then has about one yearly check a month).
pub fn add_templates(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    lang: hoshi_core::Lang,
    today: &str,
) -> Result<usize> {
    let present: Vec<String> = tx.query_map(
        "SELECT DISTINCT criterion_id FROM recurring_tasks WHERE org_id = ?1",
        [org_id],
        |r| r.get(0),
    )?;
    let mut added = 0;
    let mut yearly = 0;
    for t in &cycle::TEMPLATES {
        let offset = if t.months < 12 {
            1
        } else {
            yearly += 1;
            yearly
        };
        if present.iter().any(|p| p == t.criterion) {
            continue;
        }
        let input = TaskInput {
            criterion: t.criterion.to_string(),
            title: t.title(lang).to_string(),
            look_at: t.look_at(lang).to_string(),
            interval_months: t.months,
            next_due: cycle::add_months(today, offset).ok_or_else(bad)?,
        };
        insert_task(tx, now, actor, org_id, &input, None)?;
        added += 1;
    }
    Ok(added)
}

/// Changes a task, if it is still at revision `rev` (else [`StoreError::Conflict`]).
#[allow(clippy::too_many_arguments)]
pub fn update(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    id: &str,
    rev: i64,
    t: &TaskInput,
    owner: Option<&str>,
) -> Result<()> {
    if !t.problems().is_empty() {
        return Err(bad());
    }
    let before = get(tx, &OrgScope::checked(org_id), id)?;
    if before.rev != rev {
        return Err(StoreError::Conflict {
            current_version: before.rev,
        });
    }
    check_owner(tx, org_id, owner)?;
    tx.execute(
        "UPDATE recurring_tasks SET criterion_id = ?3, title = ?4, look_at = ?5, owner_id = ?6,
             interval_months = ?7, next_due = ?8, rev = rev + 1, updated_at = ?9
         WHERE id = ?1 AND org_id = ?2",
        params![
            id,
            org_id,
            t.criterion,
            t.title.trim(),
            t.look_at.trim(),
            owner,
            i64::from(t.interval_months),
            t.next_due.trim(),
            now
        ],
    )?;
    let was = TaskInput {
        criterion: before.criterion_id.clone(),
        title: before.title.clone(),
        look_at: before.look_at.clone(),
        interval_months: before.interval_months,
        next_due: before.next_due.clone(),
    };
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "cycle.task_update",
            target: &format!("cycle_task:{id}"),
            before: Some(fields(&was, before.owner_id.as_deref())),
            after: Some(fields(t, owner)),
        },
    )?;
    Ok(())
}

/// Deactivates (or reactivates) a task; its checks stay.
pub fn set_active(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    id: &str,
    active: bool,
) -> Result<()> {
    let n = tx.execute(
        "UPDATE recurring_tasks SET active = ?3, rev = rev + 1, updated_at = ?4
         WHERE id = ?1 AND org_id = ?2",
        params![id, org_id, i64::from(active), now],
    )?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: if active {
                "cycle.task_activate"
            } else {
                "cycle.task_deactivate"
            },
            target: &format!("cycle_task:{id}"),
            before: None,
            after: None,
        },
    )?;
    Ok(())
}

/// One recorded check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub id: String,
    pub checked_on: String,
    pub checked_by_name: String,
    pub looked_at: String,
    pub outcome: Outcome,
    pub note: String,
    pub due_was: String,
    pub due_next: String,
    pub recorded_at: i64,
}

/// The task's checks, newest first.
pub fn checks(c: &ReadTx, scope: &OrgScope, task_id: &str) -> Result<Vec<Check>> {
    c.query_map(
        "SELECT k.id, k.checked_on, u.display_name, k.looked_at, k.result, k.note, k.due_was,
                k.due_next, k.recorded_at
         FROM task_checks k JOIN users u ON u.id = k.checked_by
         WHERE k.task_id = ?1 AND k.org_id = ?2
         ORDER BY k.checked_on DESC, k.recorded_at DESC",
        params![task_id, scope.org_id()],
        |r| {
            let result: String = r.get(4)?;
            Ok(Check {
                id: r.get(0)?,
                checked_on: r.get(1)?,
                checked_by_name: r.get(2)?,
                looked_at: r.get(3)?,
                outcome: Outcome::parse(&result).unwrap_or(Outcome::Findings),
                note: r.get(5)?,
                due_was: r.get(6)?,
                due_next: r.get(7)?,
                recorded_at: r.get(8)?,
            })
        },
    )
}

/// Records a check of an active task done on `input.checked_on` (by `today`, Japan's date) and
/// moves its next due date to the interval after the latest check. Returns the new due date.
pub fn record_check(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    task_id: &str,
    today: &str,
    input: &CheckInput,
) -> Result<String> {
    let (Some(outcome), true) = (input.outcome, input.problems(today).is_empty()) else {
        return Err(bad());
    };
    let task = get(tx, &OrgScope::checked(org_id), task_id)?;
    if !task.active {
        return Err(bad());
    }
    let checked_on = input.checked_on.trim();
    let latest = match &task.last_check {
        Some((on, _)) if on.as_str() > checked_on => on.as_str(),
        _ => checked_on,
    };
    let next = cycle::next_due(latest, task.interval_months).ok_or_else(bad)?;
    tx.execute(
        "INSERT INTO task_checks (id, task_id, org_id, checked_on, checked_by, looked_at, result,
             note, due_was, due_next, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            new_id(),
            task_id,
            org_id,
            checked_on,
            actor,
            input.looked_at.trim(),
            outcome.id(),
            input.note.trim(),
            task.next_due,
            next,
            now
        ],
    )?;
    tx.execute(
        "UPDATE recurring_tasks SET next_due = ?3, rev = rev + 1, updated_at = ?4
         WHERE id = ?1 AND org_id = ?2",
        params![task_id, org_id, next, now],
    )?;
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "cycle.check",
            target: &format!("cycle_task:{task_id}"),
            before: Some(json!({"next_due": task.next_due})),
            after: Some(json!({"checked_on": checked_on, "result": outcome.id(),
                "looked_at": input.looked_at.trim(), "note": input.note.trim(), "next_due": next})),
        },
    )?;
    Ok(next)
}

/// An active task whose due date is on or before a horizon, for the reminder job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coming {
    pub task_id: String,
    pub org_id: String,
    pub org_name: String,
    pub title: String,
    pub criterion_id: String,
    pub next_due: String,
    pub owner_id: Option<String>,
}

/// Active tasks of every organisation due on or before `horizon` (the reminder job's input).
pub fn coming_due(c: &ReadTx, horizon: &str) -> Result<Vec<Coming>> {
    c.query_map(
        "SELECT t.id, t.org_id, o.name, t.title, t.criterion_id, t.next_due, t.owner_id
         FROM recurring_tasks t JOIN orgs o ON o.id = t.org_id
         WHERE t.active = 1 AND t.next_due <= ?1
         ORDER BY t.next_due, t.id",
        [horizon],
        |r| {
            Ok(Coming {
                task_id: r.get(0)?,
                org_id: r.get(1)?,
                org_name: r.get(2)?,
                title: r.get(3)?,
                criterion_id: r.get(4)?,
                next_due: r.get(5)?,
                owner_id: r.get(6)?,
            })
        },
    )
}

/// Who is reminded of a task: its owner while a member of the organisation, else the
/// organisation's owners — as (address, language).
pub fn recipients(c: &ReadTx, org_id: &str, owner: Option<&str>) -> Result<Vec<(String, String)>> {
    if let Some(owner) = owner {
        let found: Option<(String, String)> = c.query_opt(
            "SELECT u.email, u.lang FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.org_id = ?1 AND m.user_id = ?2 AND u.disabled_at IS NULL",
            params![org_id, owner],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if let Some(f) = found {
            return Ok(vec![f]);
        }
    }
    c.query_map(
        "SELECT u.email, u.lang FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.org_id = ?1 AND m.role = 'owner' AND u.disabled_at IS NULL ORDER BY u.email",
        [org_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// Marks reminder `kind` (`soon` or `overdue`) for the task's due date `due` as given; false
/// when it had been (another server, an earlier pass).
pub fn claim_reminder(
    tx: &WriteTx,
    now: i64,
    task_id: &str,
    due: &str,
    kind: &str,
) -> Result<bool> {
    if !matches!(kind, "soon" | "overdue") {
        return Err(bad());
    }
    let fresh = tx.execute(
        "INSERT INTO task_reminders (task_id, due, kind, sent_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (task_id, due, kind) DO NOTHING",
        params![task_id, due, kind, now],
    )? == 1;
    if fresh {
        let org: Option<String> = tx.query_opt(
            "SELECT org_id FROM recurring_tasks WHERE id = ?1",
            [task_id],
            |r| r.get(0),
        )?;
        audit::append(
            tx,
            now,
            Change {
                actor: None,
                org_id: org.as_deref(),
                action: "cycle.reminder",
                target: &format!("cycle_task:{task_id}"),
                before: None,
                after: Some(json!({"due": due, "kind": kind})),
            },
        )?;
    }
    Ok(fresh)
}

/// One training session with who attended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: String,
    pub held_on: String,
    pub title: String,
    pub topic: String,
    pub trainer: String,
    pub minutes: i64,
    pub recorded_by_name: String,
    pub recorded_at: i64,
    /// (member's user id, name) in the order recorded; `None` for someone without an account.
    pub attendees: Vec<(Option<String>, String)>,
}

fn attendees(c: &ReadTx, session_id: &str) -> Result<Vec<(Option<String>, String)>> {
    c.query_map(
        "SELECT user_id, name FROM training_attendance WHERE session_id = ?1 ORDER BY seq",
        [session_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

const SESSION_COLUMNS: &str = "s.id, s.held_on, s.title, s.topic, s.trainer, s.minutes,
    u.display_name, s.recorded_at";

fn session_row(r: &Row) -> Result<Session> {
    Ok(Session {
        id: r.get(0)?,
        held_on: r.get(1)?,
        title: r.get(2)?,
        topic: r.get(3)?,
        trainer: r.get(4)?,
        minutes: r.get(5)?,
        recorded_by_name: r.get(6)?,
        recorded_at: r.get(7)?,
        attendees: Vec::new(),
    })
}

/// The organisation's sessions, newest first, with attendees.
pub fn sessions(c: &ReadTx, scope: &OrgScope) -> Result<Vec<Session>> {
    let mut out = c.query_map(
        &format!(
            "SELECT {SESSION_COLUMNS} FROM training_sessions s JOIN users u ON u.id = s.recorded_by
             WHERE s.org_id = ?1 ORDER BY s.held_on DESC, s.recorded_at DESC"
        ),
        [scope.org_id()],
        session_row,
    )?;
    for s in &mut out {
        s.attendees = attendees(c, &s.id)?;
    }
    Ok(out)
}

/// One session of the organisation; another organisation's is not found.
pub fn session(c: &ReadTx, scope: &OrgScope, id: &str) -> Result<Session> {
    let mut s = c.query_row(
        &format!(
            "SELECT {SESSION_COLUMNS} FROM training_sessions s JOIN users u ON u.id = s.recorded_by
             WHERE s.id = ?1 AND s.org_id = ?2"
        ),
        params![id, scope.org_id()],
        session_row,
    )?;
    s.attendees = attendees(c, &s.id)?;
    Ok(s)
}

/// Records a training session held by `today` with its attendees: the members ticked (each
/// must be a member; kept with their name as it is now) and the other names typed. Its id.
pub fn record_session(
    tx: &WriteTx,
    now: i64,
    actor: &str,
    org_id: &str,
    today: &str,
    s: &SessionInput,
) -> Result<String> {
    let Some(minutes) = s.minutes().filter(|_| s.problems(today).is_empty()) else {
        return Err(bad());
    };
    let mut people: Vec<(Option<String>, String)> = Vec::new();
    for uid in &s.members {
        let name: Option<String> = tx.query_opt(
            "SELECT u.display_name FROM memberships m JOIN users u ON u.id = m.user_id
             WHERE m.org_id = ?1 AND m.user_id = ?2",
            params![org_id, uid],
            |r| r.get(0),
        )?;
        let name = name.ok_or_else(bad)?;
        if !people
            .iter()
            .any(|(u, _)| u.as_deref() == Some(uid.as_str()))
        {
            people.push((Some(uid.clone()), name));
        }
    }
    people.extend(s.others.iter().map(|n| (None, n.trim().to_string())));
    let id = new_id();
    tx.execute(
        "INSERT INTO training_sessions (id, org_id, held_on, title, topic, trainer, minutes,
             recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id,
            org_id,
            s.held_on.trim(),
            s.title.trim(),
            s.topic.trim(),
            s.trainer.trim(),
            minutes,
            actor,
            now
        ],
    )?;
    for (seq, (uid, name)) in people.iter().enumerate() {
        tx.execute(
            "INSERT INTO training_attendance (session_id, seq, user_id, name)
             VALUES (?1, ?2, ?3, ?4)",
            params![id, seq as i64, uid, name],
        )?;
    }
    audit::append(
        tx,
        now,
        Change {
            actor: Some(actor),
            org_id: Some(org_id),
            action: "cycle.training",
            target: &format!("training:{id}"),
            before: None,
            after: Some(json!({"held_on": s.held_on.trim(), "title": s.title.trim(),
                "minutes": minutes, "attendees": people.len()})),
        },
    )?;
    Ok(id)
}
