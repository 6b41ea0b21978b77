//! Exports of an assessment: JSON and Excel.

use hoshi_store::assessments::{self};

use super::overview::load;
use crate::kernel::page::file_name;
use crate::kernel::prelude::*;

pub async fn export_json(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, AssessmentId)>,
) -> AppResult<Response> {
    let (row, answers) = load(&state, &m, &id).await?;
    let (scope, aid) = (m.scope().clone(), row.id.clone());
    let evidence = state
        .db(move |s| s.read(|c| hoshi_store::evidence::for_assessment(c, &scope, &aid)))
        .await?;
    let catalog = catalog_for(&state, &row)?;
    let c = &*catalog;
    let a = assessments::to_core(&row, &answers, &m.org.name);
    let e = hoshi_core::evaluate_unchecked(c, &a);
    let report = hoshi_report::Report {
        catalog: c,
        assessment: &a,
        evaluation: &e,
        lang: ctx.lang,
    }
    .render(hoshi_report::Format::Json);
    let body = serde_json::json!({
        "assessment": {"id": row.id, "title": row.title, "catalog": row.catalog, "edition": row.edition, "level": row.level},
        "answers": a.answers,
        // What backs the answers: each piece of evidence with the criterion it is linked to (the
        // files themselves stay in hoshi; the SHA-256 names them).
        "evidence": evidence.iter().map(|(crit, ev)| serde_json::json!({
            "criterion": crit, "id": ev.id, "title": ev.title, "kind": ev.kind,
            "file_name": ev.file_name, "sha256": ev.sha256, "url": ev.url,
            "effective_date": ev.effective_date, "expires_date": ev.expires_date,
        })).collect::<Vec<_>>(),
        "report": serde_json::from_str::<serde_json::Value>(&report).unwrap_or_default(),
    });
    Ok(download(
        "application/json",
        &file_name(
            &m.org.name,
            &row.title,
            &crate::kernel::time::today(),
            "json",
        ),
        body.to_string().into_bytes(),
    ))
}

pub async fn export_xlsx(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, AssessmentId)>,
) -> AppResult<Response> {
    let (row, answers) = load(&state, &m, &id).await?;
    let (scope, aid) = (m.scope().clone(), row.id.clone());
    let evidence: Vec<hoshi_xlsx::EvidenceLine> = state
        .db(move |s| s.read(|c| hoshi_store::evidence::for_assessment(c, &scope, &aid)))
        .await?
        .into_iter()
        .map(|(criterion, e)| hoshi_xlsx::EvidenceLine {
            criterion,
            title: e.title,
            file_name: e.file_name.unwrap_or_default(),
            sha256: e.sha256.unwrap_or_default(),
            url: e.url.unwrap_or_default(),
            effective_date: e.effective_date,
            expires_date: e.expires_date.unwrap_or_default(),
        })
        .collect();
    let catalog = catalog_for(&state, &row)?;
    let c = &*catalog;
    let a = assessments::to_core(&row, &answers, &m.org.name);
    let bytes = hoshi_xlsx::export_with_evidence(c, &a, ctx.lang, &evidence)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &file_name(
            &m.org.name,
            &row.title,
            &crate::kernel::time::today(),
            "xlsx",
        ),
        bytes,
    ))
}
