//! A register's export kept as evidence for its criteria, through the shared page
//! (`evidence/choose.rs`): what the register suggests per criterion, the member decides.

use std::collections::HashMap;

use hoshi_core::Status;
use hoshi_store::registers::Entry;
use hoshi_xlsx::registers::{self as sheet, Kind};

use super::list::{XLSX, entries};
use super::{attention, kind_of};
use crate::evidence::choose::{self, Spec, Suggestion};
use crate::evidence::kept::KeptFile;
use crate::kernel::prelude::*;

/// The criteria the register's completeness speaks for; the others are linked, their answers
/// kept (3-1-4-1 asks for the rules, which are a document, not this list).
fn judged(kind: Kind, criterion: &str) -> bool {
    !matches!((kind, criterion), (Kind::Confidential, "3-1-4-1"))
}

fn spec(ctx: &Ctx, m: &hoshi_store::orgs::Membership, kind: Kind, list: &[Entry]) -> Spec {
    let t = ctx.t();
    let today = today();
    let open = list
        .iter()
        .filter(|e| !attention(kind, &e.fields, &today).is_empty())
        .count();
    let (status, reason) = match (list.len(), open) {
        (0, _) => (None, t.s("reg_suggest_empty").to_string()),
        (_, 0) => (Some(Status::Met), t.s("reg_suggest_complete").to_string()),
        (_, n) => (
            Some(Status::Partial),
            format!("{} {n}", t.s("reg_suggest_attention")),
        ),
    };
    Spec {
        heading: format!("{} — {}", kind.title(ctx.lang), t.s("reg_attach_title")),
        intro: t.s("reg_attach_intro").to_string(),
        basis: kind.title(ctx.lang).to_string(),
        action: format!("/o/{}/registers/{}/evidence", m.org.id, kind.code()),
        crumbs: vec![
            (
                format!("/o/{}/registers", m.org.id),
                t.s("registers_title").into(),
            ),
            (
                format!("/o/{}/registers/{}", m.org.id, kind.code()),
                kind.title(ctx.lang).into(),
            ),
        ],
        // Registers are reviewed at least yearly.
        default_days: 366,
        suggestions: kind
            .criteria()
            .iter()
            .map(|c| {
                if judged(kind, c) {
                    Suggestion {
                        criterion: (*c).to_string(),
                        status,
                        reason: reason.clone(),
                    }
                } else {
                    Suggestion {
                        criterion: (*c).to_string(),
                        status: None,
                        reason: t.s("reg_suggest_rules").to_string(),
                    }
                }
            })
            .collect(),
    }
}

/// `GET /o/{org}/registers/{kind}/evidence[?a=ASSESSMENT]`
pub async fn attach_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Editor>,
    Path((_, kind)): Path<(OrgId, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let kind = kind_of(&kind)?;
    let list = entries(&state, &m, kind).await?;
    let chosen = q.get("a").cloned().unwrap_or_default();
    let spec = spec(&ctx, &m, kind, &list);
    choose::page(&state, &ctx, &m, &spec, &chosen, FormState::default()).await
}

/// `POST /o/{org}/registers/{kind}/evidence`: the register's Excel export kept and linked.
pub async fn attach(
    State(state): State<Shared>,
    Path((_, kind)): Path<(OrgId, String)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form,
    }: OrgForm<Editor, Vec<(String, String)>>,
) -> AppResult<Response> {
    let kind = kind_of(&kind)?;
    let list = entries(&state, &m, kind).await?;
    let spec = spec(&ctx, &m, kind, &list);
    let all: Vec<_> = list.into_iter().map(|e| e.fields).collect();
    let bytes = sheet::to_xlsx(kind, &all, ctx.lang)
        .map_err(|e| AppError::Internal(format!("register export: {e}")))?;
    let n = now();
    let made = hoshi_core::time::date_jst(n);
    let title = format!("{} {made}", kind.title(ctx.lang));
    let file_name = format!("register-{}-{made}.xlsx", kind.code());
    let done = format!("/o/{}/registers/{}?attached=1#list", m.org.id, kind.code());
    choose::save(
        &state,
        &ctx,
        &m,
        &spec,
        &form,
        move |days| KeptFile {
            bytes,
            file_name,
            media_type: XLSX,
            title,
            expires: hoshi_core::time::date_jst(n + days * 86_400),
            effective: made,
        },
        done,
    )
    .await
}
