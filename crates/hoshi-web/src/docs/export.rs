//! A document's version as a Word file (`hoshi_docs::docx`) or a PDF (the deployment's
//! typesetter), and the version in force kept as evidence: its PDF linked to the criteria the
//! document serves, through the shared page on which the member chooses the assessment and the
//! statuses (`evidence::choose`). A document suggests no status of its own accord: having
//! written a rule is not yet doing what it says, so the member decides per criterion.

use std::collections::HashMap;

use hoshi_core::{DocumentId, UserError};
use hoshi_docs::{Doc, Meta};
use hoshi_store::documents::{Document, Version};

use super::doc::{kind_of, load, sections};
use crate::evidence::choose::{self, Spec, Suggestion};
use crate::evidence::kept::KeptFile;
use crate::kernel::page::file_name;
use crate::kernel::prelude::*;

/// The document and what an export prints around it.
fn doc_and_meta(
    m: &hoshi_store::orgs::Membership,
    d: &Document,
    v: &Version,
) -> AppResult<(Doc, Meta)> {
    let kind = kind_of(d)?;
    let doc = Doc {
        kind,
        ja: d.lang == "ja",
        title: v.title.clone(),
        sections: sections(v),
    };
    let meta = Meta {
        company: m.org.name.clone(),
        version: u32::try_from(v.version).unwrap_or(u32::MAX),
        draft: v.published_at.is_none(),
        effective_on: v.effective_on.clone(),
        approved_by: v.approved_by_name.clone(),
        approved_on: v.approved_at.map(hoshi_core::time::date_jst),
    };
    Ok((doc, meta))
}

fn wanted(q: &HashMap<String, String>) -> AppResult<Option<i64>> {
    match q.get("v") {
        None => Ok(None),
        Some(s) => s.parse().map(Some).map_err(|_| AppError::NotFound),
    }
}

fn name(m: &hoshi_store::orgs::Membership, v: &Version, ext: &str) -> String {
    file_name(
        &m.org.name,
        &format!("{} v{}", v.title, v.version),
        &hoshi_core::time::date_jst(now()),
        ext,
    )
}

/// `GET /o/{org}/docs/{doc}/docx[?v=N]`
pub async fn docx(
    State(state): State<Shared>,
    Member { m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, DocumentId)>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let (d, v) = load(&state, &m, id.as_str(), wanted(&q)?).await?;
    let (doc, meta) = doc_and_meta(&m, &d, &v)?;
    Ok(download(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        &name(&m, &v, "docx"),
        hoshi_docs::docx::write(&doc, &meta),
    ))
}

async fn render_pdf(state: &Shared, doc: Doc, meta: Meta) -> AppResult<Vec<u8>> {
    let renderer = state.config.renderer.clone();
    tokio::task::spawn_blocking(move || renderer.document(&doc, &meta))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.0))
}

/// `GET /o/{org}/docs/{doc}/pdf[?v=N]`
pub async fn pdf(
    State(state): State<Shared>,
    Member { m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, DocumentId)>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let (d, v) = load(&state, &m, id.as_str(), wanted(&q)?).await?;
    let (doc, meta) = doc_and_meta(&m, &d, &v)?;
    let bytes = render_pdf(&state, doc, meta).await?;
    Ok(download("application/pdf", &name(&m, &v, "pdf"), bytes))
}

fn spec(ctx: &Ctx, m: &hoshi_store::orgs::Membership, d: &Document, v: &Version) -> Spec {
    let t = ctx.t();
    let kind = kind_of(d).ok();
    let reason = match ctx.lang {
        Lang::Ja => format!(
            "「{}」第 {} 版（施行日 {}）。文書があることを示します。規程どおりに運用しているかは、各基準の内容に照らして判断してください。",
            v.title,
            v.version,
            v.effective_on.clone().unwrap_or_default()
        ),
        Lang::En => format!(
            "\"{}\", version {} (effective {}). It shows the document exists; judge against each criterion whether the rules are followed.",
            v.title,
            v.version,
            v.effective_on.clone().unwrap_or_default()
        ),
    };
    Spec {
        heading: t.s("docs_attach_title").to_string(),
        intro: t.s("docs_attach_intro").to_string(),
        basis: t.s("docs_attach_basis").to_string(),
        action: format!("/o/{}/docs/{}/evidence", m.org.id, d.id),
        crumbs: vec![
            (format!("/o/{}/docs", m.org.id), t.s("docs_title").into()),
            (format!("/o/{}/docs/{}", m.org.id, d.id), v.title.clone()),
        ],
        // Documents are reviewed at least yearly.
        default_days: 366,
        suggestions: kind
            .map(|k| k.criteria())
            .unwrap_or_default()
            .iter()
            .map(|c| Suggestion {
                criterion: (*c).to_string(),
                status: None,
                reason: reason.clone(),
            })
            .collect(),
    }
}

/// The version in force; a document not yet published cannot be kept as evidence.
async fn in_force(
    state: &Shared,
    m: &hoshi_store::orgs::Membership,
    id: &str,
) -> AppResult<(Document, Version)> {
    let (d, _) = load(state, m, id, None).await?;
    let Some(p) = d.published else {
        return Err(AppError::BadRequest(UserError::DocWrongState));
    };
    load(state, m, id, Some(p)).await
}

/// `GET /o/{org}/docs/{doc}/evidence[?a=ASSESSMENT]`
pub async fn attach_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Editor>,
    Path((_, id)): Path<(OrgId, DocumentId)>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let (d, v) = in_force(&state, &m, id.as_str()).await?;
    let chosen = q.get("a").cloned().unwrap_or_default();
    let spec = spec(&ctx, &m, &d, &v);
    choose::page(&state, &ctx, &m, &spec, &chosen, FormState::default()).await
}

/// `POST /o/{org}/docs/{doc}/evidence`
pub async fn attach(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, DocumentId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form,
    }: OrgForm<Editor, Vec<(String, String)>>,
) -> AppResult<Response> {
    let (d, v) = in_force(&state, &m, id.as_str()).await?;
    let spec = spec(&ctx, &m, &d, &v);
    let (doc, meta) = doc_and_meta(&m, &d, &v)?;
    let bytes = render_pdf(&state, doc, meta).await?;
    let made = hoshi_core::time::date_jst(now());
    let file = name(&m, &v, "pdf");
    let title = format!("{} v{}", v.title, v.version);
    let done = format!("/o/{}/docs/{}?attached=1", m.org.id, d.id);
    choose::save(
        &state,
        &ctx,
        &m,
        &spec,
        &form,
        move |days| KeptFile {
            bytes,
            file_name: file,
            media_type: "application/pdf",
            title,
            expires: hoshi_core::time::date_jst(now() + days * 86_400),
            effective: made,
        },
        done,
    )
    .await
}
