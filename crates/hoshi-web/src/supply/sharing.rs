//! The supplier's side: its buyers, and what it shares with each.

use crate::kernel::path::Path;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use hoshi_core::UserError;
use hoshi_core::decide;
use hoshi_core::{OrgId, RelationshipId};
use hoshi_store::assessments;
use hoshi_store::supply::{self, Scope};
use serde::Deserialize;

use super::scope_label;
use crate::kernel::error::{AppError, AppResult, CsrfOnly};
use crate::kernel::guard::{Member, OrgForm, Owner, Viewer};
use crate::kernel::page::{Page, html};
use crate::{Shared, now};

pub struct BuyerView {
    pub rel_id: String,
    pub buyer: String,
    pub required: String,
    pub due: String,
    pub reasons: Vec<String>,
    pub shared_title: String,
    pub shared_scope: String,
    pub shared_assessment: String,
    pub scope_id: String,
    /// The buyer requires ★4 and what is shared (if anything) is below it.
    star4_short: bool,
    /// A ★4 assessment exists or can be started here.
    star4_startable: bool,
}

#[derive(Template)]
#[template(path = "supply/buyers.html")]
struct BuyersT {
    p: Page,
    org_id: String,
    org_name: String,
    buyers: Vec<BuyerView>,
    assessments: Vec<(String, String)>,
    can_manage: bool,
}

pub async fn buyers_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let (rels, list) = state
        .db(move |s| s.read(|c| Ok((supply::buyers(c, &scope)?, assessments::list(c, &scope)?))))
        .await?;
    let t = ctx.t();
    let lang = t.lang;
    let titles: std::collections::HashMap<String, String> = list
        .iter()
        .map(|a| (a.id.clone(), a.title.clone()))
        .collect();
    let levels: std::collections::HashMap<String, u8> =
        list.iter().map(|a| (a.id.clone(), a.level)).collect();
    // ★4 can be started once a catalog with assessable ★4 criteria is loaded (the official
    // workbook imported); until then the supplier is told who can make it possible.
    let star4_startable = list.iter().any(|a| a.level >= 4)
        || state
            .catalogs()
            .iter()
            .any(|c| c.level(4).is_some_and(|l| !l.summarised));
    let mut p = Page::new(&ctx, "buyers");
    p.title = format!("{} — {}", t.s("buyers"), m.org.name);
    Ok(html(BuyersT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        buyers: rels
            .into_iter()
            .map(|(r, name, sh)| {
                let d = decide(r.answers);
                BuyerView {
                    rel_id: r.id.clone(),
                    buyer: name,
                    required: format!("★{}", r.required_level),
                    due: r.due_date.clone().unwrap_or_default(),
                    reasons: d
                        .reasons
                        .iter()
                        .filter(|x| x.answer)
                        .map(|x| x.text.get(lang).to_string())
                        .collect(),
                    shared_title: sh
                        .as_ref()
                        .and_then(|s| titles.get(&s.assessment_id).cloned())
                        .unwrap_or_default(),
                    shared_scope: sh
                        .as_ref()
                        .map(|s| scope_label(&t, s.scope).to_string())
                        .unwrap_or_default(),
                    shared_assessment: sh
                        .as_ref()
                        .map(|s| s.assessment_id.clone())
                        .unwrap_or_default(),
                    // A buyer asking for ★4 is not served by a ★3 result: say so plainly.
                    star4_short: r.required_level >= 4
                        && sh
                            .as_ref()
                            .and_then(|s| levels.get(&s.assessment_id))
                            .is_none_or(|l| *l < 4),
                    star4_startable,
                    scope_id: sh
                        .as_ref()
                        .map(|s| s.scope.id().to_string())
                        .unwrap_or_default(),
                }
            })
            .collect(),
        assessments: list.into_iter().map(|a| (a.id, a.title)).collect(),
        can_manage: m.role.can_manage(),
    }))
}

#[derive(Deserialize)]
pub struct ShareForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    assessment: String,
    #[serde(default)]
    scope: String,
}

/// `POST /o/{org}/buyers/{rel}/share`: the supplier's owner decides what this buyer sees.
pub async fn share(
    State(state): State<Shared>,
    Path((org, rel)): Path<(OrgId, RelationshipId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Owner, ShareForm>,
) -> AppResult<Response> {
    let scope = Scope::parse(&f.scope).ok_or(AppError::BadRequest(UserError::BadRequest))?;
    if !hoshi_store::is_id(&f.assessment) {
        return Err(AppError::BadRequest(UserError::ShareUnrelated));
    }
    let uid = ctx.user()?.0.id.clone();
    let oid = m.org.id.clone();
    state
        .db(move |s| s.write(|tx| supply::share(tx, now(), &uid, &oid, &rel, &f.assessment, scope)))
        .await?;
    Ok(Redirect::to(&format!("/o/{org}/buyers")).into_response())
}

/// `POST /o/{org}/buyers/{rel}/revoke`: stop sharing with this buyer, from the next request on.
pub async fn revoke(
    State(state): State<Shared>,
    Path((org, rel)): Path<(OrgId, RelationshipId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: _,
    }: OrgForm<Owner, CsrfOnly>,
) -> AppResult<Response> {
    let uid = ctx.user()?.0.id.clone();
    let oid = m.org.id.clone();
    state
        .db(move |s| s.write(|tx| supply::revoke(tx, now(), &uid, &oid, &rel)))
        .await?;
    Ok(Redirect::to(&format!("/o/{org}/buyers")).into_response())
}
