//! The yearly cycle (issue 16): recurring checks the criteria ask for, their reminders and records; training sessions.
//!
//! - `tasks`: the list with each task's owner, due date, last check and state, a calendar of the
//!   next twelve months, the ★3 checks added in one click (`hoshi_core::cycle::TEMPLATES`), a
//!   task's page with its history, the form to record a check (which moves the due date) and
//!   the task kept as evidence for its criterion through `evidence/choose.rs`.
//! - `training`: sessions with who attended (members ticked, others by name) and each member's
//!   attendance, kept as evidence for 4-2-2-1/4-2-2-2.
//! - [`Warnings`]: the overdue checks per criterion, shown on the assessment with the lowered
//!   suggestion (the saved answer is never changed).
//! - `shared`: what a buyer sees of the checks, by the share's scope (on the supplier's page).
//! - Reminders are mailed by `jobs::cycle`.
//!
//! Decisions: recording checks and sessions is for editors (a viewer reads); a check's page is
//! kept as evidence by an editor; task texts from the templates are written in the language of
//! the member who adds them (they are the organisation's own from then on and can be edited).

pub(crate) mod shared;
mod tasks;
mod texts;
mod training;

pub(crate) use texts::TEXTS;

use std::collections::HashMap;

use hoshi_core::Status;
use hoshi_core::cycle::{self as core};
use hoshi_store::orgs::Role;

use crate::Shared;
use crate::kernel::error::AppResult;
use crate::kernel::routes::{Access, Routes};

pub(crate) fn routes() -> Routes {
    let viewer = Access::Member(Role::Viewer);
    let editor = Access::Member(Role::Editor);
    Routes::new()
        .get("/o/{org}/cycle", viewer, tasks::list_page)
        .post("/o/{org}/cycle", editor, tasks::create)
        .post("/o/{org}/cycle/templates", editor, tasks::add_templates)
        .get("/o/{org}/cycle/training", viewer, training::page)
        .post("/o/{org}/cycle/training", editor, training::record)
        .get(
            "/o/{org}/cycle/training/{session}/evidence",
            editor,
            training::attach_page,
        )
        .post(
            "/o/{org}/cycle/training/{session}/evidence",
            editor,
            training::attach,
        )
        .get("/o/{org}/cycle/{task}", viewer, tasks::task_page)
        .post("/o/{org}/cycle/{task}", editor, tasks::update)
        .post("/o/{org}/cycle/{task}/checks", editor, tasks::record_check)
        .post("/o/{org}/cycle/{task}/active", editor, tasks::set_active)
        .get("/o/{org}/cycle/{task}/evidence", editor, tasks::attach_page)
        .post("/o/{org}/cycle/{task}/evidence", editor, tasks::attach)
}

/// One overdue check as the assessment shows it beside its criterion.
pub(crate) struct Warning {
    pub title: String,
    pub due: String,
    pub link: String,
    /// The lowered suggestion's label, when it differs from the answer; empty otherwise.
    pub suggested: String,
}

/// The organisation's overdue checks by criterion, read once for an assessment page.
pub(crate) struct Warnings {
    lang: hoshi_core::Lang,
    by_criterion: HashMap<String, Vec<(String, String, String)>>,
    org_id: String,
}

impl Warnings {
    /// The criteria with an overdue check, in order: (category, criterion).
    pub fn criteria(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .by_criterion
            .keys()
            .map(|c| {
                (
                    c.split('-').next().unwrap_or_default().to_string(),
                    c.clone(),
                )
            })
            .collect();
        out.sort_by(|a, b| {
            crate::cycle::criterion_order(&a.1).cmp(&crate::cycle::criterion_order(&b.1))
        });
        out
    }

    /// The warnings for criterion `id` answered `status` (a status id, as the page holds it).
    pub fn of(&self, id: &str, status: &str) -> Vec<Warning> {
        let Some(list) = self.by_criterion.get(id) else {
            return Vec::new();
        };
        let status = Status::parse(status).unwrap_or_default();
        let lowered = core::lowered(status);
        list.iter()
            .map(|(task, title, due)| Warning {
                title: title.clone(),
                due: due.clone(),
                link: format!("/o/{}/cycle/{task}", self.org_id),
                suggested: if lowered == status {
                    String::new()
                } else {
                    lowered.label().get(self.lang).to_string()
                },
            })
            .collect()
    }
}

/// A criterion id as numbers, to sort `4-1-10-1` after `4-1-2-1`.
fn criterion_order(id: &str) -> Vec<u32> {
    id.split('-').map(|p| p.parse().unwrap_or(0)).collect()
}

/// The overdue checks of the organisation `scope` opens, today in Japan.
pub(crate) async fn overdue_warnings(
    state: &Shared,
    scope: &hoshi_store::OrgScope,
    lang: hoshi_core::Lang,
) -> AppResult<Warnings> {
    let today = crate::kernel::time::today();
    let sc = scope.clone();
    let tasks = state
        .db(move |s| s.read(|c| hoshi_store::cycle::overdue(c, &sc, &today)))
        .await?;
    let mut by_criterion: HashMap<String, Vec<(String, String, String)>> = HashMap::new();
    for t in tasks.into_iter().filter(|t| !t.criterion_id.is_empty()) {
        by_criterion
            .entry(t.criterion_id)
            .or_default()
            .push((t.id, t.title, t.next_due));
    }
    Ok(Warnings {
        lang,
        by_criterion,
        org_id: scope.org_id().to_string(),
    })
}
