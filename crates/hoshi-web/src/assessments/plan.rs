//! The gap list and the roadmap.

use super::overview::{evaluate, load};
use crate::kernel::prelude::*;

struct GapView {
    id: String,
    category: String,
    text: String,
    status: String,
    risk: u8,
    threat: String,
    measure: String,
    effort: String,
    phase: String,
}

#[derive(Template)]
#[template(path = "assessments/gaps.html")]
struct GapsT {
    p: Page,
    org_id: String,
    org_name: String,
    id: String,
    title: String,
    gaps: Vec<GapView>,
}

pub async fn gaps_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, AssessmentId)>,
) -> AppResult<Response> {
    let (row, answers) = load(&state, &m, &id).await?;
    let catalog = catalog_for(&state, &row)?;
    let c = &*catalog;
    let e = evaluate(c, &row, &answers, &m.org.name);
    let lang = ctx.lang;
    let gaps = e
        .gaps
        .iter()
        .map(|g| GapView {
            id: g.criterion.clone(),
            category: g.category.clone(),
            text: c
                .criterion(&g.criterion)
                .map(|x| x.text.get(lang).to_string())
                .unwrap_or_default(),
            status: g.status.label().get(lang).to_string(),
            risk: g.risk,
            threat: g.threat.label().get(lang).to_string(),
            measure: g
                .measure
                .map(|x| x.label().get(lang).to_string())
                .unwrap_or_else(|| "—".into()),
            effort: g.effort.label().get(lang).to_string(),
            phase: g.phase.label().get(lang).to_string(),
        })
        .collect();
    let mut p = Page::new(&ctx, "gaps");
    p.title = format!("{} — {}", ctx.t().s("gaps"), row.title);
    Ok(html(GapsT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        id: row.id.clone(),
        title: row.title.clone(),
        gaps,
    }))
}

#[derive(Template)]
#[template(path = "assessments/roadmap.html")]
struct RoadmapT {
    p: Page,
    org_id: String,
    org_name: String,
    id: String,
    title: String,
    phases: Vec<(String, Vec<RoadmapItem>)>,
}

/// (category ID, criterion ID, short text).
type RoadmapItem = (String, String, String);

pub async fn roadmap_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, AssessmentId)>,
) -> AppResult<Response> {
    let (row, answers) = load(&state, &m, &id).await?;
    let catalog = catalog_for(&state, &row)?;
    let c = &*catalog;
    let e = evaluate(c, &row, &answers, &m.org.name);
    let lang = ctx.lang;
    let phases = e
        .roadmap
        .iter()
        .map(|ph| {
            (
                ph.label.get(lang).to_string(),
                ph.criteria
                    .iter()
                    .map(|id| {
                        let cr = c.criterion(id);
                        (
                            cr.and_then(|x| c.category_of(x))
                                .map(|k| k.id.clone())
                                .unwrap_or_default(),
                            id.clone(),
                            cr.map(|x| hoshi_report_short(x.text.get(lang)))
                                .unwrap_or_default(),
                        )
                    })
                    .collect(),
            )
        })
        .collect();
    let mut p = Page::new(&ctx, "roadmap");
    p.title = format!("{} — {}", ctx.t().s("roadmap"), row.title);
    Ok(html(RoadmapT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        id: row.id.clone(),
        title: row.title.clone(),
        phases,
    }))
}

fn hoshi_report_short(s: &str) -> String {
    let first = s.lines().next().unwrap_or("");
    if first.chars().count() > 70 {
        format!("{}…", first.chars().take(69).collect::<String>())
    } else {
        first.to_string()
    }
}
