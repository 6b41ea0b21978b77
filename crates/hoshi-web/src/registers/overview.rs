//! The registers' overview: the four registers with counts, what needs attention and the criteria
//! each serves; the asset register and the account checks, kept by their own features, shown
//! beside them.

use hoshi_store::{account_checks, assets, registers as store};
use hoshi_xlsx::registers::Kind;

use super::{attention, intro_key, said};
use crate::kernel::prelude::*;

pub(super) struct RegisterCard {
    code: &'static str,
    title: &'static str,
    intro: &'static str,
    criteria: String,
    count: i64,
    attention: usize,
}

#[derive(Template)]
#[template(path = "registers/overview.html")]
struct OverviewT {
    p: Page,
    org_id: String,
    org_name: String,
    cards: Vec<RegisterCard>,
    assets: usize,
    last_check: Option<String>,
}

/// `GET /o/{org}/registers`
pub async fn overview(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let (counts, lists, assets, checks) = state
        .db(move |s| {
            s.read(|c| {
                let lists = Kind::ALL
                    .iter()
                    .map(|k| store::list(c, &scope, k.code()))
                    .collect::<hoshi_store::Result<Vec<_>>>()?;
                Ok((
                    store::counts(c, &scope)?,
                    lists,
                    assets::list(c, &scope)?.len(),
                    account_checks::list(c, &scope, 1)?,
                ))
            })
        })
        .await?;
    let t = ctx.t();
    let today = today();
    let cards = Kind::ALL
        .iter()
        .zip(&lists)
        .map(|(k, list)| RegisterCard {
            code: k.code(),
            title: k.title(ctx.lang),
            intro: said(&t, intro_key(*k)),
            criteria: k.criteria().join(", "),
            count: counts
                .iter()
                .find(|(c, _)| *c == k.code())
                .map_or(0, |(_, n)| *n),
            attention: list
                .iter()
                .filter(|e| !attention(*k, &e.fields, &today).is_empty())
                .count(),
        })
        .collect();
    let last_check = checks.first().map(|c| {
        format!(
            "{} · {} {} · {} {}",
            ctx.time(c.created_at),
            t.s("reg_accounts_count"),
            c.accounts,
            t.s("reg_findings_count"),
            c.findings
        )
    });
    Ok(html(OverviewT {
        p: Page::new(&ctx, "registers_title"),
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        cards,
        assets,
        last_check,
    }))
}
