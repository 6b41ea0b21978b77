//! The assessment's audited history.

use std::collections::HashMap;

use hoshi_store::audit;
use hoshi_store::orgs::{self};

use super::overview::load;
use crate::kernel::prelude::*;

#[derive(Template)]
#[template(path = "assessments/history.html")]
struct HistoryT {
    p: Page,
    org_id: String,
    org_name: String,
    id: String,
    title: String,
    entries: Vec<(i64, String, String, String, String, String)>,
}

pub async fn history_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, AssessmentId)>,
) -> AppResult<Response> {
    let (row, _) = load(&state, &m, &id).await?;
    let (aid, scope) = (row.id.clone(), m.scope().clone());
    let (entries, names) = state
        .db(move |s| {
            s.read(|c| {
                let entries = audit::for_target(c, &scope, &format!("assessment:{aid}"), 500)?;
                let names: HashMap<String, String> = orgs::members(c, &scope)?
                    .into_iter()
                    .map(|m| (m.user_id, m.display_name))
                    .collect();
                Ok((entries, names))
            })
        })
        .await?;
    let entries = entries
        .into_iter()
        .map(|e| {
            let what = match e.target.split_once('/') {
                Some((_, crit)) => format!("{} {crit}", e.action),
                None => e.action.clone(),
            };
            (
                e.seq,
                fmt_time(e.at),
                e.actor
                    .as_ref()
                    .and_then(|a| names.get(a).cloned())
                    .unwrap_or_else(|| e.actor.clone().unwrap_or_default()),
                what,
                e.before.unwrap_or_default(),
                e.after.unwrap_or_default(),
            )
        })
        .collect();
    let mut p = Page::new(&ctx, "history");
    p.title = format!("{} — {}", ctx.t().s("history"), row.title);
    Ok(html(HistoryT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        id: row.id.clone(),
        title: row.title.clone(),
        entries,
    }))
}
