//! The organisation's evidence list.

use crate::kernel::prelude::*;

pub struct EvidenceView {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub detail: String,
    pub dates: String,
    pub expired: bool,
}

#[derive(Template)]
#[template(path = "evidence/evidence.html")]
struct EvidenceListT {
    p: Page,
    org_id: String,
    org_name: String,
    items: Vec<(EvidenceView, usize, bool)>,
}

pub async fn evidence_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let items = state
        .db(move |s| {
            s.read(|c| {
                let mut out = Vec::new();
                for e in hoshi_store::evidence::list(c, &scope)? {
                    let uses = hoshi_store::evidence::uses(c, &scope, &e.id)?.len();
                    out.push((e, uses));
                }
                Ok(out)
            })
        })
        .await?;
    let today = crate::kernel::time::today();
    let mut p = Page::new(&ctx, "evidence_items");
    p.title = format!("{} — {}", ctx.t().s("evidence_items"), m.org.name);
    Ok(html(EvidenceListT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        items: items
            .into_iter()
            .map(|(e, n)| {
                let file = e.kind == "file";
                (
                    EvidenceView {
                        id: e.id.clone(),
                        title: e.title.clone(),
                        kind: e.kind.clone(),
                        detail: e.file_name.clone().or(e.url.clone()).unwrap_or_default(),
                        dates: match &e.expires_date {
                            Some(x) => format!("{} – {x}", e.effective_date),
                            None => format!("{} –", e.effective_date),
                        },
                        expired: e.expired(&today),
                    },
                    n,
                    file,
                )
            })
            .collect(),
    }))
}
