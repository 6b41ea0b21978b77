//! Importing answers from an Excel workbook (an export or a filled official workbook).

use crate::kernel::path::Path;
use axum::extract::State;
use axum::response::Response;
use hoshi_core::UserError;
use hoshi_core::{AssessmentId, OrgId};

use crate::kernel::error::AppResult;
use crate::kernel::form::{FormState, unprocessable};
use crate::kernel::guard::{Editor, Member, OrgUpload};
use crate::{Shared, now};

/// The answers of a workbook for this assessment, or why it cannot be used.
async fn read_workbook(
    bytes: Vec<u8>,
    row: &hoshi_store::assessments::AssessmentRow,
    c: &hoshi_core::Catalog,
    org_name: &str,
) -> Result<hoshi_xlsx::AnswerImport, UserError> {
    if bytes.is_empty() {
        return Err(UserError::VerifyNoFile);
    }
    let (wb, meta) = tokio::task::spawn_blocking(move || hoshi_xlsx::read_meta(bytes))
        .await
        .map_err(|_| UserError::WorkbookUnreadable)?
        .map_err(|e| {
            tracing::info!(error = %e, "Excel import: unreadable workbook");
            UserError::WorkbookUnreadable
        })?;
    if let Some(meta) = &meta
        && (meta.catalog != row.catalog || meta.edition != row.edition)
    {
        return Err(UserError::ImportOtherCatalog);
    }
    hoshi_xlsx::import(wb, c, row.level, org_name).map_err(|e| {
        tracing::info!(error = %e, "Excel import: no answer sheet");
        UserError::WorkbookUnreadable
    })
}

#[derive(askama::Template)]
#[template(path = "assessments/import_result.html")]
struct ImportT {
    p: crate::kernel::page::Page,
    org_id: String,
    org_name: String,
    id: String,
    title: String,
    summary: String,
    problems: Vec<String>,
}

/// `POST /o/{org}/a/{id}/import.xlsx`: answers from a filled-in workbook. Only answers that
/// differ are written (each with its audit entry); every row not taken is reported.
pub async fn import_xlsx(
    State(state): State<Shared>,
    Path((_org, id)): Path<(OrgId, AssessmentId)>,
    upload: OrgUpload<Editor>,
) -> AppResult<Response> {
    let limit = state.config.max_upload.min(hoshi_xlsx::MAX_FILE_BYTES);
    let (Member { ctx, m, .. }, up) = upload.read_or_problem(limit).await?;
    let (u, _) = ctx.user()?;
    let (row, c) = crate::kernel::page::assessment_and_catalog(&state, m.scope(), &id).await?;
    let c = &*c;
    let read = match up {
        Ok(up) => read_workbook(up.bytes, &row, c, &m.org.name).await,
        Err(e) => Err(e),
    };
    let imported = match read {
        Ok(i) => i,
        Err(e) => {
            let fs = FormState::new("import", &[]).problem(&e, ctx.lang);
            return Ok(unprocessable(
                super::overview::render_assessment(&state, &ctx, &m, &id, None, fs).await?,
            ));
        }
    };
    let (uid, oid, aid) = (u.id.clone(), m.org.id.clone(), row.id.clone());
    let answers = imported.assessment.answers.clone();
    let (changed, same) = state
        .db(move |s| {
            s.write(|tx| {
                let (mut changed, mut same) = (0, 0);
                for (crit, answer) in &answers {
                    let current = hoshi_store::assessments::answer(tx, &aid, crit)?;
                    if current.as_ref().is_some_and(|r| &r.answer == answer) {
                        same += 1;
                        continue;
                    }
                    let version = current.map(|r| r.version).unwrap_or(0);
                    hoshi_store::assessments::save_answer(
                        tx,
                        now(),
                        &uid,
                        &oid,
                        &aid,
                        crit,
                        version,
                        answer,
                    )?;
                    changed += 1;
                }
                Ok((changed, same))
            })
        })
        .await?;
    let t = ctx.t();
    let summary = match t.lang {
        hoshi_core::Lang::Ja => format!(
            "シート「{}」の {} 行を読み取り、{changed} 件の回答を更新しました（変更なし {same} 件、取り込めなかった行 {} 件）。",
            imported.sheet,
            imported.taken,
            imported.problems.len()
        ),
        hoshi_core::Lang::En => format!(
            "Read {} rows of sheet `{}`: {changed} answers updated, {same} unchanged, {} rows not taken.",
            imported.taken,
            imported.sheet,
            imported.problems.len()
        ),
    };
    let mut p = crate::kernel::page::Page::new(&ctx, "import_title");
    p.title = format!("{} — {}", t.s("import_title"), row.title);
    Ok(crate::kernel::page::html(ImportT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        id: row.id.clone(),
        title: row.title.clone(),
        summary,
        problems: imported
            .problems
            .iter()
            .map(|p| p.message(t.lang))
            .collect(),
    }))
}
