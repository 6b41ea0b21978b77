//! Recurring tasks: the list with a calendar of the next twelve months, adding the ★3 checks,
//! one task's page with its history and the check form, and the task kept as evidence.

use std::collections::HashMap;

use hoshi_core::Status;
use hoshi_core::cycle::{self as core, CheckInput, Due, Outcome, Problem, TaskId, TaskInput};
use hoshi_store::cycle::{self, Check, Task};
use hoshi_store::orgs::Membership;

use crate::evidence::choose::{self, Spec, Suggestion};
use crate::evidence::kept::KeptFile;
use crate::kernel::prelude::*;

/// A task as the list and its page show it.
pub(crate) struct TaskRow {
    pub id: String,
    pub title: String,
    pub criterion: String,
    pub owner: String,
    pub interval: String,
    pub next_due: String,
    pub last_check: String,
    /// `overdue`, `soon`, `later` or `inactive`.
    pub state: &'static str,
    pub state_label: String,
    pub state_class: &'static str,
    pub active: bool,
}

fn interval_label(t: &Tr, months: u32) -> String {
    match months {
        12 => t.s("cy_every_year").to_string(),
        24 | 36 => t
            .s("cy_every_n_years")
            .replace("{n}", &(months / 12).to_string()),
        m => t.s("cy_every_n_months").replace("{n}", &m.to_string()),
    }
}

fn state_of(t: &Tr, task: &Task, today: &str) -> (&'static str, String, &'static str) {
    let (state, class) = if task.active {
        match core::due_state(&task.next_due, today) {
            Due::Overdue => ("overdue", "s-not-met"),
            Due::Soon => ("soon", "s-partial"),
            Due::Later => ("later", "s-met"),
        }
    } else {
        ("inactive", "s-unanswered")
    };
    let label = match state {
        "overdue" => t.s("cy_state_overdue"),
        "soon" => t.s("cy_state_soon"),
        "later" => t.s("cy_state_later"),
        _ => t.s("cy_state_inactive"),
    };
    (state, label.to_string(), class)
}

pub(super) fn row(t: &Tr, lang: Lang, task: &Task, today: &str) -> TaskRow {
    let (state, state_label, class) = state_of(t, task, today);
    TaskRow {
        id: task.id.clone(),
        title: task.title.clone(),
        criterion: task.criterion_id.clone(),
        owner: task
            .owner_name
            .clone()
            .unwrap_or_else(|| t.s("cy_owner_none").to_string()),
        interval: interval_label(t, task.interval_months),
        next_due: task.next_due.clone(),
        last_check: match &task.last_check {
            Some((on, outcome)) => format!("{on} {}", outcome.label(lang)),
            None => t.s("cy_never_checked").to_string(),
        },
        state,
        state_label,
        state_class: class,
        active: task.active,
    }
}

/// One month of the calendar.
pub(super) struct Month {
    pub label: String,
    pub current: bool,
    /// (task id, title, due date, state class).
    pub items: Vec<(String, String, String, &'static str)>,
}

/// The next twelve months from today's, each with the checks due in it: every occurrence of
/// an active task (a quarterly check appears four times); an overdue one in this month.
fn calendar(lang: Lang, tasks: &[Task], today: &str) -> Vec<Month> {
    let months = core::twelve_months(today);
    let mut out: Vec<Month> = months
        .iter()
        .enumerate()
        .map(|(i, (y, m))| Month {
            label: match lang {
                Lang::Ja => format!("{y}年{m}月"),
                Lang::En => format!("{y}-{m:02}"),
            },
            current: i == 0,
            items: Vec::new(),
        })
        .collect();
    let Some(&(last_y, last_m)) = months.last() else {
        return out;
    };
    let end = format!("{last_y:04}-{last_m:02}-31");
    let index = |d: &str| {
        months
            .iter()
            .position(|(y, m)| d.starts_with(&format!("{y:04}-{m:02}-")))
    };
    for t in tasks.iter().filter(|t| t.active) {
        let mut base = t.next_due.clone();
        if core::due_state(&base, today) == Due::Overdue {
            out[0]
                .items
                .push((t.id.clone(), t.title.clone(), base.clone(), "s-not-met"));
            // The check done today starts the next interval.
            base = core::add_months(today, t.interval_months).unwrap_or_default();
        }
        // Counted from the first date each time, so that month ends do not drift (31 January,
        // 30 April, 31 July); at most one occurrence a month over twelve months.
        for k in 0..12u32 {
            let Some(due) = core::add_months(&base, k * t.interval_months) else {
                break;
            };
            if due.as_str() > end.as_str() {
                break;
            }
            if let Some(i) = index(&due) {
                let class = if core::due_state(&due, today) == Due::Soon {
                    "s-partial"
                } else {
                    "s-met"
                };
                out[i]
                    .items
                    .push((t.id.clone(), t.title.clone(), due.clone(), class));
            }
        }
    }
    for m in &mut out {
        m.items.sort_by(|a, b| a.2.cmp(&b.2));
    }
    out
}

#[derive(Deserialize, Default)]
pub struct TaskForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    rev: String,
    #[serde(default)]
    criterion: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    look_at: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    interval: String,
    #[serde(default)]
    next_due: String,
}

impl TaskForm {
    fn values(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("criterion", &self.criterion),
            ("title", &self.title),
            ("look_at", &self.look_at),
            ("owner", &self.owner),
            ("interval", &self.interval),
            ("next_due", &self.next_due),
        ]
    }

    fn input(&self) -> TaskInput {
        TaskInput {
            criterion: self.criterion.trim().to_string(),
            title: self.title.trim().to_string(),
            look_at: self.look_at.trim().replace("\r\n", "\n"),
            interval_months: self.interval.trim().parse().unwrap_or(0),
            next_due: self.next_due.trim().to_string(),
        }
    }
}

/// What the task form offers: the ★3 criteria and the members.
pub(super) struct Choices {
    pub criteria: Vec<(String, String)>,
    pub members: Vec<(String, String)>,
    pub intervals: Vec<(String, String)>,
}

fn criteria(state: &Shared, lang: Lang) -> Vec<(String, String)> {
    let registry = state.catalogs();
    let Some(c) = registry.get("scs") else {
        return Vec::new();
    };
    c.criteria_for_level(3)
        .map(|cr| {
            let text = cr.text.get(lang);
            let mut short: String = text.chars().take(40).collect();
            if short.len() < text.len() {
                short.push('…');
            }
            (cr.id.clone(), format!("{} {short}", cr.id))
        })
        .collect()
}

async fn choices(state: &Shared, ctx: &Ctx, m: &Membership) -> AppResult<Choices> {
    let scope = m.scope().clone();
    let members = state
        .db(move |s| s.read(|c| hoshi_store::orgs::members(c, &scope)))
        .await?;
    let t = ctx.t();
    Ok(Choices {
        criteria: criteria(state, ctx.lang),
        members: members
            .into_iter()
            .map(|x| (x.user_id, x.display_name))
            .collect(),
        intervals: core::INTERVALS
            .iter()
            .map(|&i| (i.to_string(), interval_label(&t, i)))
            .collect(),
    })
}

/// Problems of a task form: the core rules, the criterion among the catalog's, the owner among
/// the members.
fn task_problems(f: &TaskForm, ch: &Choices) -> Vec<Problem> {
    let input = f.input();
    let mut out = input.problems();
    if !input.criterion.is_empty()
        && !ch.criteria.is_empty()
        && !ch.criteria.iter().any(|(id, _)| *id == input.criterion)
        && !out.contains(&Problem::Criterion)
    {
        out.insert(0, Problem::Criterion);
    }
    out
}

fn with_problems(mut fs: FormState, problems: &[Problem], lang: Lang) -> FormState {
    for p in problems {
        fs = fs.message(Some(p.field()), p.message(lang));
    }
    fs
}

/// The owner field: a member's id, or empty for none; anything else is a forged form.
fn owner_of(f: &TaskForm, ch: &Choices) -> AppResult<Option<String>> {
    let o = f.owner.trim();
    if o.is_empty() {
        return Ok(None);
    }
    if ch.members.iter().any(|(id, _)| id == o) {
        Ok(Some(o.to_string()))
    } else {
        Err(AppError::BadRequest(hoshi_core::UserError::BadRequest))
    }
}

#[derive(Template)]
#[template(path = "cycle/list.html")]
struct ListT {
    p: Page,
    org_id: String,
    org_name: String,
    can_edit: bool,
    rows: Vec<TaskRow>,
    overdue: usize,
    soon: usize,
    months: Vec<Month>,
    /// Templates whose criterion has no task yet.
    missing: Vec<String>,
    ch: Choices,
    fs: FormState,
    default_due: String,
}

async fn render_list(
    state: &Shared,
    ctx: &Ctx,
    m: &Membership,
    fs: FormState,
    flash: Option<&str>,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let tasks = state
        .db(move |s| s.read(|c| cycle::list(c, &scope)))
        .await?;
    let today = today();
    let t = ctx.t();
    let rows: Vec<TaskRow> = tasks.iter().map(|k| row(&t, ctx.lang, k, &today)).collect();
    let mut p = with_flash(Page::new(ctx, "cycle_title"), flash);
    p.title = format!("{} — {}", t.s("cycle_title"), m.org.name);
    Ok(html(ListT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        can_edit: m.role >= Role::Editor,
        overdue: rows.iter().filter(|r| r.state == "overdue").count(),
        soon: rows.iter().filter(|r| r.state == "soon").count(),
        months: calendar(ctx.lang, &tasks, &today),
        missing: core::TEMPLATES
            .iter()
            .filter(|tp| !tasks.iter().any(|k| k.criterion_id == tp.criterion))
            .map(|tp| format!("{} {}", tp.criterion, tp.title(ctx.lang)))
            .collect(),
        rows,
        ch: choices(state, ctx, m).await?,
        fs,
        default_due: core::add_months(&today, 1).unwrap_or(today),
    }))
}

/// Which confirmation the address asks for (`?checked=1` …).
fn flash_key(q: &HashMap<String, String>) -> Option<&'static str> {
    [
        "added",
        "created",
        "saved",
        "checked",
        "attached",
        "deactivated",
        "activated",
    ]
    .into_iter()
    .find(|k| q.contains_key(*k))
}

/// The page with the confirmation `which` asks for.
fn with_flash(p: Page, which: Option<&str>) -> Page {
    p.flash(which.map(|k| match k {
        "added" => "cy_flash_added",
        "created" => "cy_flash_created",
        "checked" => "cy_flash_checked",
        "attached" => "cy_flash_attached",
        "deactivated" => "cy_flash_deactivated",
        "activated" => "cy_flash_activated",
        _ => "cy_flash_saved",
    }))
}

/// `GET /o/{org}/cycle`
pub async fn list_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    render_list(&state, &ctx, &m, FormState::default(), flash_key(&q)).await
}

/// `POST /o/{org}/cycle`: adds a task.
pub async fn create(
    State(state): State<Shared>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, TaskForm>,
) -> AppResult<Response> {
    let ch = choices(&state, &ctx, &m).await?;
    let owner = owner_of(&f, &ch)?;
    let problems = task_problems(&f, &ch);
    if !problems.is_empty() {
        let fs = with_problems(FormState::new("task", &f.values()), &problems, ctx.lang);
        return Ok(unprocessable(
            render_list(&state, &ctx, &m, fs, None).await?,
        ));
    }
    let (uid, org, input) = (ctx.user()?.0.id.clone(), m.org.id.clone(), f.input());
    let id = state
        .db(move |s| s.write(|tx| cycle::create(tx, now(), &uid, &org, &input, owner.as_deref())))
        .await?;
    Ok(Redirect::to(&format!("/o/{}/cycle/{id}?created=1", m.org.id)).into_response())
}

/// `POST /o/{org}/cycle/templates`: adds the ★3 checks not yet present, their first due dates
/// spread over the coming months.
pub async fn add_templates(
    State(state): State<Shared>,
    OrgForm {
        member: Member { ctx, m, .. },
        ..
    }: OrgForm<Editor, CsrfOnly>,
) -> AppResult<Response> {
    let (uid, org, lang) = (ctx.user()?.0.id.clone(), m.org.id.clone(), ctx.lang);
    let day = today();
    state
        .db(move |s| s.write(|tx| cycle::add_templates(tx, now(), &uid, &org, lang, &day)))
        .await?;
    Ok(Redirect::to(&format!("/o/{}/cycle?added=1", m.org.id)).into_response())
}

#[derive(Template)]
#[template(path = "cycle/task.html")]
struct TaskT {
    p: Page,
    org_id: String,
    org_name: String,
    can_edit: bool,
    r: TaskRow,
    look_at: String,
    criterion_text: String,
    checks: Vec<CheckRow>,
    /// The edit form's values.
    form: TaskFormValues,
    ch: Choices,
    fs: FormState,
    today: String,
    /// The overdue warning's text (empty when not overdue).
    lowered: String,
}

pub(super) struct TaskFormValues {
    pub rev: i64,
    pub criterion: String,
    pub title: String,
    pub look_at: String,
    pub owner: String,
    pub interval: String,
    pub next_due: String,
}

pub(super) struct CheckRow {
    pub checked_on: String,
    pub by: String,
    pub looked_at: String,
    pub outcome: String,
    pub outcome_class: &'static str,
    pub note: String,
    pub due_was: String,
    pub due_next: String,
}

fn check_row(c: &Check, lang: Lang) -> CheckRow {
    CheckRow {
        checked_on: c.checked_on.clone(),
        by: c.checked_by_name.clone(),
        looked_at: c.looked_at.clone(),
        outcome: c.outcome.label(lang).to_string(),
        outcome_class: match c.outcome {
            Outcome::Ok => "s-met",
            Outcome::Findings => "s-partial",
        },
        note: c.note.clone(),
        due_was: c.due_was.clone(),
        due_next: c.due_next.clone(),
    }
}

async fn load(state: &Shared, m: &Membership, id: &str) -> AppResult<(Task, Vec<Check>)> {
    let (scope, id) = (m.scope().clone(), id.to_string());
    state
        .db(move |s| s.read(|c| Ok((cycle::get(c, &scope, &id)?, cycle::checks(c, &scope, &id)?))))
        .await
}

async fn render_task(
    state: &Shared,
    ctx: &Ctx,
    m: &Membership,
    id: &str,
    fs: FormState,
    flash: Option<&str>,
) -> AppResult<Response> {
    let (task, checks) = load(state, m, id).await?;
    let t = ctx.t();
    let today = today();
    let r = row(&t, ctx.lang, &task, &today);
    let ch = choices(state, ctx, m).await?;
    let v = |field: &'static str, stored: &str| fs.value("task", field, stored).to_string();
    let form = TaskFormValues {
        rev: task.rev,
        criterion: v("criterion", &task.criterion_id),
        title: v("title", &task.title),
        look_at: v("look_at", &task.look_at),
        owner: v("owner", task.owner_id.as_deref().unwrap_or_default()),
        interval: v("interval", &task.interval_months.to_string()),
        next_due: v("next_due", &task.next_due),
    };
    let criterion_text = state
        .catalogs()
        .get("scs")
        .and_then(|c| {
            c.criterion(&task.criterion_id)
                .map(|x| x.text.get(ctx.lang).to_string())
        })
        .unwrap_or_default();
    let mut p = with_flash(Page::new(ctx, "cycle_title"), flash);
    p.title = format!("{} — {}", task.title, m.org.name);
    Ok(html(TaskT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        can_edit: m.role >= Role::Editor,
        lowered: if r.state == "overdue" && !task.criterion_id.is_empty() {
            core::lowered_reason(ctx.lang, &task.title, &task.next_due)
        } else {
            String::new()
        },
        r,
        look_at: task.look_at.clone(),
        criterion_text,
        checks: checks.iter().map(|c| check_row(c, ctx.lang)).collect(),
        form,
        ch,
        fs,
        today,
    }))
}

/// `GET /o/{org}/cycle/{task}`
pub async fn task_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, TaskId)>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    render_task(
        &state,
        &ctx,
        &m,
        id.as_str(),
        FormState::default(),
        flash_key(&q),
    )
    .await
}

/// `POST /o/{org}/cycle/{task}`: changes the task, over the revision the member saw.
pub async fn update(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, TaskId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, TaskForm>,
) -> AppResult<Response> {
    let id = id.as_str().to_string();
    let rev: i64 = f
        .rev
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest(hoshi_core::UserError::BadRequest))?;
    let ch = choices(&state, &ctx, &m).await?;
    let owner = owner_of(&f, &ch)?;
    let problems = task_problems(&f, &ch);
    if !problems.is_empty() {
        let fs = with_problems(FormState::new("task", &f.values()), &problems, ctx.lang);
        return Ok(unprocessable(
            render_task(&state, &ctx, &m, &id, fs, None).await?,
        ));
    }
    let (uid, org, input, tid) = (
        ctx.user()?.0.id.clone(),
        m.org.id.clone(),
        f.input(),
        id.clone(),
    );
    state
        .db(move |s| {
            s.write(|tx| cycle::update(tx, now(), &uid, &org, &tid, rev, &input, owner.as_deref()))
        })
        .await?;
    Ok(Redirect::to(&format!("/o/{}/cycle/{id}?saved=1", m.org.id)).into_response())
}

#[derive(Deserialize, Default)]
pub struct CheckForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    checked_on: String,
    #[serde(default)]
    looked_at: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    note: String,
}

/// `POST /o/{org}/cycle/{task}/checks`: records a check; the due date moves forward.
pub async fn record_check(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, TaskId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, CheckForm>,
) -> AppResult<Response> {
    let id = id.as_str().to_string();
    let input = CheckInput {
        checked_on: f.checked_on.trim().to_string(),
        looked_at: f.looked_at.trim().replace("\r\n", "\n"),
        outcome: Outcome::parse(f.outcome.trim()),
        note: f.note.trim().replace("\r\n", "\n"),
    };
    if !f.outcome.trim().is_empty() && input.outcome.is_none() {
        return Err(AppError::BadRequest(hoshi_core::UserError::BadRequest));
    }
    let today = today();
    let problems = input.problems(&today);
    // A deactivated task takes no checks (the page offers none).
    let (task, _) = load(&state, &m, &id).await?;
    if !task.active {
        return Err(AppError::BadRequest(hoshi_core::UserError::BadRequest));
    }
    if !problems.is_empty() {
        let fs = FormState::new(
            "check",
            &[
                ("checked_on", &f.checked_on),
                ("looked_at", &f.looked_at),
                ("outcome", &f.outcome),
                ("note", &f.note),
            ],
        );
        let fs = with_problems(fs, &problems, ctx.lang);
        return Ok(unprocessable(
            render_task(&state, &ctx, &m, &id, fs, None).await?,
        ));
    }
    let (uid, org, tid) = (ctx.user()?.0.id.clone(), m.org.id.clone(), id.clone());
    state
        .db(move |s| s.write(|tx| cycle::record_check(tx, now(), &uid, &org, &tid, &today, &input)))
        .await?;
    Ok(Redirect::to(&format!("/o/{}/cycle/{id}?checked=1", m.org.id)).into_response())
}

#[derive(Deserialize, Default)]
pub struct ActiveForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    active: String,
}

/// `POST /o/{org}/cycle/{task}/active`: deactivates (`active=0`) or reactivates (`active=1`).
pub async fn set_active(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, TaskId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, ActiveForm>,
) -> AppResult<Response> {
    let active = match f.active.as_str() {
        "1" => true,
        "0" => false,
        _ => return Err(AppError::BadRequest(hoshi_core::UserError::BadRequest)),
    };
    let (uid, org, tid) = (
        ctx.user()?.0.id.clone(),
        m.org.id.clone(),
        id.as_str().to_string(),
    );
    state
        .db(move |s| s.write(|tx| cycle::set_active(tx, now(), &uid, &org, &tid, active)))
        .await?;
    let flash = if active { "activated" } else { "deactivated" };
    Ok(Redirect::to(&format!("/o/{}/cycle/{id}?{flash}=1", m.org.id)).into_response())
}

/// The task's record as one printable page: what it asks, its state, every check.
fn document(task: &Task, checks: &[Check], org: &str, lang: Lang, today: &str) -> String {
    let t = Tr::new(lang);
    let r = row(&t, lang, task, today);
    let dl = |k: &str, v: &str| format!("<dt>{}</dt><dd>{}</dd>", esc(t.s(k)), esc(v));
    let mut body = format!(
        "<h1>{}</h1>\n<p class=\"muted\">{} · {}</p>\n<dl>{}{}{}{}{}{}</dl>\n<h2>{}</h2>\n",
        esc(&task.title),
        esc(org),
        esc(&format!("{} {today}", t.s("cy_doc_made"))),
        dl("cy_criterion", &task.criterion_id),
        dl("cy_owner", &r.owner),
        dl("cy_interval", &r.interval),
        dl("cy_next_due", &task.next_due),
        dl("cy_state", &r.state_label),
        dl("cy_look_at", &task.look_at),
        esc(t.s("cy_history")),
    );
    if checks.is_empty() {
        body.push_str(&format!("<p>{}</p>\n", esc(t.s("cy_never_checked"))));
    } else {
        body.push_str(&format!(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
            esc(t.s("cy_checked_on")),
            esc(t.s("cy_checked_by")),
            esc(t.s("cy_looked_at")),
            esc(t.s("cy_outcome")),
            esc(t.s("cy_note")),
        ));
        for c in checks {
            body.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                esc(&c.checked_on),
                esc(&c.checked_by_name),
                esc(&c.looked_at),
                esc(c.outcome.label(lang)),
                esc(&c.note),
            ));
        }
        body.push_str("</tbody></table>\n");
    }
    let code = match lang {
        Lang::Ja => "ja",
        Lang::En => "en",
    };
    hoshi_core::html::page(code, &esc(&task.title), "", &body)
}

/// What the record suggests for the task's criterion: met when the last check is current and
/// found nothing; partially met when it is overdue or found something; nothing without a check.
fn suggestion(t: &Tr, lang: Lang, task: &Task, today: &str) -> Suggestion {
    let overdue = core::due_state(&task.next_due, today) == Due::Overdue;
    let (status, reason) = match (&task.last_check, overdue) {
        (None, _) => (None, t.s("cy_suggest_none").to_string()),
        (Some(_), true) => (
            Some(core::lowered(Status::Met)),
            core::lowered_reason(lang, &task.title, &task.next_due),
        ),
        (Some((_, Outcome::Findings)), false) => (
            Some(Status::Partial),
            t.s("cy_suggest_findings").to_string(),
        ),
        (Some((_, Outcome::Ok)), false) => (Some(Status::Met), t.s("cy_suggest_ok").to_string()),
    };
    Suggestion {
        criterion: task.criterion_id.clone(),
        status,
        reason,
    }
}

fn spec(ctx: &Ctx, m: &Membership, task: &Task) -> Spec {
    let t = ctx.t();
    Spec {
        heading: format!("{} — {}", t.s("cy_attach_title"), task.title),
        intro: t.s("cy_attach_intro").to_string(),
        basis: t.s("cy_history").to_string(),
        action: format!("/o/{}/cycle/{}/evidence", m.org.id, task.id),
        crumbs: vec![
            (format!("/o/{}/cycle", m.org.id), t.s("cycle_title").into()),
            (
                format!("/o/{}/cycle/{}", m.org.id, task.id),
                task.title.clone(),
            ),
        ],
        // Valid until the next check is due, at most a year (the form's limit).
        default_days: (i64::from(task.interval_months) * 31).min(366),
        suggestions: if task.criterion_id.is_empty() {
            Vec::new()
        } else {
            vec![suggestion(&t, ctx.lang, task, &today())]
        },
    }
}

/// `GET /o/{org}/cycle/{task}/evidence[?a=ASSESSMENT]`
pub async fn attach_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Editor>,
    Path((_, id)): Path<(OrgId, TaskId)>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let (task, _) = load(&state, &m, id.as_str()).await?;
    let chosen = q.get("a").cloned().unwrap_or_default();
    choose::page(
        &state,
        &ctx,
        &m,
        &spec(&ctx, &m, &task),
        &chosen,
        FormState::default(),
    )
    .await
}

/// `POST /o/{org}/cycle/{task}/evidence`
pub async fn attach(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, TaskId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form,
    }: OrgForm<Editor, Vec<(String, String)>>,
) -> AppResult<Response> {
    let (task, checks) = load(&state, &m, id.as_str()).await?;
    let spec = spec(&ctx, &m, &task);
    let n = now();
    let made = hoshi_core::time::date_jst(n);
    let body = document(&task, &checks, &m.org.name, ctx.lang, &made);
    let title = format!("{} {made}", task.title);
    let done = format!("/o/{}/cycle/{}?attached=1", m.org.id, task.id);
    choose::save(
        &state,
        &ctx,
        &m,
        &spec,
        &form,
        move |days| KeptFile {
            bytes: body.into_bytes(),
            file_name: format!("recurring-check-{made}.html"),
            media_type: "text/html",
            title,
            expires: hoshi_core::time::date_jst(n + days * 86_400),
            effective: made,
        },
        done,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(id: &str, due: &str, months: u32, active: bool) -> Task {
        Task {
            id: id.into(),
            org_id: "o".into(),
            criterion_id: "4-1-1-3".into(),
            title: id.into(),
            look_at: String::new(),
            owner_id: None,
            owner_name: None,
            interval_months: months,
            next_due: due.into(),
            active,
            rev: 1,
            last_check: None,
        }
    }

    #[test]
    fn the_calendar_repeats_frequent_checks_and_puts_overdue_ones_in_this_month() {
        let tasks = [
            task("quarterly", "2027-01-31", 3, true),
            task("late", "2026-11-30", 12, true),
            task("yearly", "2027-06-15", 12, true),
            task("stopped", "2027-02-01", 12, false),
        ];
        let m = calendar(Lang::Ja, &tasks, "2026-12-10");
        assert_eq!(m.len(), 12);
        assert_eq!(m[0].label, "2026年12月");
        assert!(m[0].current && !m[1].current);
        let ids = |i: usize| m[i].items.iter().map(|x| x.0.as_str()).collect::<Vec<_>>();
        // Overdue: this month, marked; its next occurrence a year after today.
        assert_eq!(ids(0), ["late"]);
        assert_eq!(m[0].items[0].3, "s-not-met");
        assert_eq!(ids(1), ["quarterly"]);
        // Month ends clamp: 31 January + 3 months = 30 April.
        assert_eq!(m[4].items[0].2, "2027-04-30");
        assert_eq!(ids(6), ["yearly"]);
        assert_eq!(ids(7), ["quarterly"]);
        assert_eq!(
            m[7].items[0].2, "2027-07-31",
            "no drift from the month ends"
        );
        assert_eq!(ids(10), ["quarterly"]);
        let all: usize = m.iter().map(|x| x.items.len()).sum();
        assert_eq!(all, 6, "deactivated ones are left out");
    }
}
