//! What a buyer sees of a supplier's yearly checks (issue 16, part 5), read through the share
//! row on every request like the rest of the shared view:
//! - a status-only share shows nothing of them;
//! - a summary share shows how many active checks are on schedule and how many are overdue, and
//!   the day of the latest check;
//! - a full share adds each check's name, criterion, next due date, last check and state.
//!
//! Never what was looked at or the notes: those reach a buyer only as evidence the supplier kept
//! and shared in full.

use hoshi_core::cycle::{self as core, Due};
use hoshi_store::supply::{self, Scope};

use super::tasks::{TaskRow, row};
use crate::kernel::prelude::*;

/// The supplier's yearly checks as the buyer's share allows.
pub(crate) struct SharedChecks {
    pub total: usize,
    pub on_time: usize,
    pub overdue: usize,
    /// The day of the latest check of any task (empty: none).
    pub last: String,
    /// Each active check (a full share only).
    pub rows: Vec<TaskRow>,
}

/// The checks of the supplier of the buyer's relationship `rel`, as far as it shares; `None`
/// without a share or with a status-only one.
pub(crate) async fn shared_checks(
    state: &Shared,
    buyer: &hoshi_store::OrgScope,
    rel: &str,
    lang: Lang,
) -> AppResult<Option<SharedChecks>> {
    let (buyer, rel) = (buyer.clone(), rel.to_string());
    let found = state
        .db(move |s| {
            s.read(|c| match supply::shared_with(c, &buyer, &rel)? {
                Some((sh, so)) if sh.scope != Scope::Status => {
                    Ok(Some((sh.scope, hoshi_store::cycle::list(c, &so)?)))
                }
                _ => Ok(None),
            })
        })
        .await?;
    let Some((scope, tasks)) = found else {
        return Ok(None);
    };
    let today = today();
    let t = Tr::new(lang);
    let active: Vec<_> = tasks.iter().filter(|k| k.active).collect();
    let overdue = active
        .iter()
        .filter(|k| core::due_state(&k.next_due, &today) == Due::Overdue)
        .count();
    Ok(Some(SharedChecks {
        total: active.len(),
        on_time: active.len() - overdue,
        overdue,
        last: tasks
            .iter()
            .filter_map(|k| k.last_check.as_ref().map(|(on, _)| on.clone()))
            .max()
            .unwrap_or_default(),
        rows: if scope == Scope::Full {
            active.iter().map(|k| row(&t, lang, k, &today)).collect()
        } else {
            Vec::new()
        },
    }))
}
