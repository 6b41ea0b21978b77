//! One document: a version's text (the one in force for viewers; the newest for editors, or any
//! with `?v=N`), its history, and the steps of its life — approval by an owner (refused while a
//! `〔未設定：…〕` place is left), publication with an effective date, and each member's
//! confirmation that they read the version in force.

use std::collections::HashMap;

use hoshi_core::DocumentId;
use hoshi_core::UserError;
use hoshi_docs::{Kind, Section, markup};
use hoshi_store::documents::{self as store, Document, Version};

use super::list::{lang_label, state_of};
use crate::kernel::prelude::*;

pub(crate) struct SectionV {
    pub heading: String,
    /// Escaped by `hoshi_docs::html`.
    pub html: String,
}

pub(crate) struct VersionLine {
    pub version: i64,
    pub author: String,
    pub when: String,
    pub note: String,
    pub approved: String,
    pub published: String,
    pub shown: bool,
}

#[derive(Template)]
#[template(path = "docs/doc.html")]
struct DocT {
    p: Page,
    org_id: String,
    org_name: String,
    doc: Document,
    kind_title: &'static str,
    lang_label: &'static str,
    criteria: String,
    state: String,
    state_class: &'static str,
    can_edit: bool,
    is_owner: bool,
    /// The version shown.
    v: Version,
    sections: Vec<SectionV>,
    placeholders: Vec<String>,
    /// The version shown is the newest.
    is_latest: bool,
    /// The version shown is the one in force.
    in_force: bool,
    can_approve: bool,
    can_publish: bool,
    needs_reading: bool,
    my_read: String,
    /// (name, when they confirmed; empty: not yet).
    readers: Vec<(String, String)>,
    read_count: usize,
    versions: Vec<VersionLine>,
    effective_on: String,
    fs: FormState,
}

/// A document of the organisation and the version a member may see: `want` (a number), or
/// the newest for editors and the version in force for viewers. Viewers never see drafts.
pub(crate) async fn load(
    state: &Shared,
    m: &hoshi_store::orgs::Membership,
    doc_id: &str,
    want: Option<i64>,
) -> AppResult<(Document, Version)> {
    let (scope, id) = (m.scope().clone(), doc_id.to_string());
    let can_edit = m.role >= Role::Editor;
    let found = state
        .db(move |s| {
            s.read(|c| {
                let Some(d) = store::get(c, &scope, &id)? else {
                    return Ok(None);
                };
                let n = match want {
                    Some(n) => n,
                    None if can_edit => d.latest,
                    None => match d.published {
                        Some(p) => p,
                        None => return Ok(None),
                    },
                };
                if !can_edit && Some(n) != d.published {
                    return Ok(None);
                }
                Ok(store::version(c, &scope, &id, n)?.map(|v| (d, v)))
            })
        })
        .await?;
    found.ok_or(AppError::NotFound)
}

/// The sections of a version as kept; unreadable JSON shows as no sections.
pub(crate) fn sections(v: &Version) -> Vec<Section> {
    serde_json::from_str(&v.sections).unwrap_or_default()
}

/// The `〔未設定：…〕` places left in `sections`, each once.
pub(crate) fn placeholders(sections: &[Section]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in sections {
        for p in markup::placeholders(&s.heading)
            .into_iter()
            .chain(markup::placeholders(&s.body))
        {
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    out
}

pub(crate) fn kind_of(d: &Document) -> AppResult<Kind> {
    Kind::from_code(&d.kind).ok_or_else(|| AppError::Internal(format!("kind {}", d.kind)))
}

/// The history's lines, in the reader's time zone and language.
fn version_lines(all: &[Version], shown: i64, ctx: &Ctx) -> Vec<VersionLine> {
    let t = ctx.t();
    all.iter()
        .map(|x| VersionLine {
            version: x.version,
            author: x.author_name.clone(),
            when: ctx.time(x.created_at),
            note: x.note.clone(),
            approved: match (&x.approved_by_name, x.approved_at) {
                (Some(n), Some(at)) => format!("{} · {n}", ctx.time(at)),
                _ => String::new(),
            },
            published: match (&x.effective_on, &x.published_by_name) {
                (Some(e), Some(n)) => format!("{} {e} · {n}", t.s("docs_effective")),
                _ => String::new(),
            },
            shown: x.version == shown,
        })
        .collect()
}

#[allow(clippy::too_many_arguments, reason = "the page's parts")]
async fn render(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    doc_id: &str,
    want: Option<i64>,
    fs: FormState,
    effective_on: String,
    flash: Option<&str>,
) -> AppResult<Response> {
    let (doc, v) = load(state, m, doc_id, want).await?;
    let kind = kind_of(&doc)?;
    let can_edit = m.role >= Role::Editor;
    let uid = ctx.user()?.0.id.clone();
    let (scope, id) = (m.scope().clone(), doc.id.clone());
    let published = doc.published;
    let (all, readers) = state
        .db(move |s| {
            s.read(|c| {
                let all = if can_edit {
                    store::versions(c, &scope, &id)?
                } else {
                    Vec::new()
                };
                let readers = match published {
                    Some(p) => store::readers(c, &scope, &id, p)?,
                    None => Vec::new(),
                };
                Ok((all, readers))
            })
        })
        .await?;
    let t = ctx.t();
    let ja = ctx.lang == Lang::Ja;
    let secs = sections(&v);
    let placeholders = placeholders(&secs);
    let is_latest = v.version == doc.latest;
    let in_force = Some(v.version) == doc.published;
    let (state_label, state_class) = state_of(&doc, &t);
    let my_read = readers
        .iter()
        .find(|r| r.user_id == uid)
        .and_then(|r| r.read_at)
        .map(|at| ctx.time(at))
        .unwrap_or_default();
    let read_count = readers.iter().filter(|r| r.read_at.is_some()).count();
    let versions = version_lines(&all, v.version, ctx);
    let mut p = Page::new(ctx, "docs_title").flash(match flash.unwrap_or_default() {
        "drafted" => Some("docs_flash_drafted"),
        "saved" => Some("docs_flash_saved"),
        "approved" => Some("docs_flash_approved"),
        "published" => Some("docs_flash_published"),
        "read" => Some("docs_flash_read"),
        "attached" => Some("docs_flash_attached"),
        _ => None,
    });
    p.title = format!("{} — {}", v.title, m.org.name);
    Ok(html(DocT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        kind_title: kind.title(ja),
        lang_label: lang_label(&doc.lang, &t),
        criteria: kind.criteria().join(", "),
        state: state_label,
        state_class,
        can_edit,
        is_owner: m.role == Role::Owner,
        sections: secs
            .iter()
            .map(|s| SectionV {
                heading: s.heading.clone(),
                html: hoshi_docs::html::body(&s.body),
            })
            .collect(),
        can_approve: is_latest && !v.approved(),
        can_publish: is_latest && v.approved() && !in_force,
        placeholders,
        is_latest,
        in_force,
        needs_reading: kind.needs_reading(),
        my_read,
        readers: readers
            .iter()
            .map(|r| {
                (
                    r.name.clone(),
                    r.read_at.map(|at| ctx.time(at)).unwrap_or_default(),
                )
            })
            .collect(),
        read_count,
        versions,
        effective_on: if effective_on.is_empty() {
            today()
        } else {
            effective_on
        },
        doc,
        v,
        fs,
    }))
}

fn wanted(q: &HashMap<String, String>) -> AppResult<Option<i64>> {
    match q.get("v") {
        None => Ok(None),
        Some(s) => s.parse().map(Some).map_err(|_| AppError::NotFound),
    }
}

/// `GET /o/{org}/docs/{doc}[?v=N]`
pub async fn page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, DocumentId)>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let flash = [
        "drafted",
        "saved",
        "approved",
        "published",
        "read",
        "attached",
    ]
    .into_iter()
    .find(|k| q.contains_key(*k));
    render(
        &state,
        &ctx,
        &m,
        id.as_str(),
        wanted(&q)?,
        FormState::default(),
        String::new(),
        flash,
    )
    .await
}

#[derive(Deserialize, Default)]
pub struct StepForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    effective_on: String,
}

fn version_of(f: &StepForm) -> AppResult<i64> {
    f.version
        .parse()
        .map_err(|_| AppError::BadRequest(UserError::BadRequest))
}

/// `POST /o/{org}/docs/{doc}/approve`
pub async fn approve(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, DocumentId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Owner, StepForm>,
) -> AppResult<Response> {
    let n = version_of(&f)?;
    let (_, v) = load(&state, &m, id.as_str(), Some(n)).await?;
    let left = placeholders(&sections(&v));
    let done = if left.is_empty() {
        let uid = ctx.user()?.0.id.clone();
        let (org, doc) = (m.org.id.clone(), id.as_str().to_string());
        state
            .db(move |s| s.write(|tx| store::approve(tx, now(), &uid, &org, &doc, n)))
            .await
    } else {
        Err(AppError::BadRequest(UserError::DocPlaceholders {
            items: left,
        }))
    };
    match checked(done, FormState::new("approve", &[]), ctx.lang)? {
        Ok(()) => Ok(Redirect::to(&format!(
            "/o/{}/docs/{}?v={n}&approved=1",
            m.org.id,
            id.as_str()
        ))
        .into_response()),
        Err(fs) => Ok(unprocessable(
            render(
                &state,
                &ctx,
                &m,
                id.as_str(),
                Some(n),
                fs,
                String::new(),
                None,
            )
            .await?,
        )),
    }
}

/// `POST /o/{org}/docs/{doc}/publish`
pub async fn publish(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, DocumentId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Owner, StepForm>,
) -> AppResult<Response> {
    let n = version_of(&f)?;
    let (_, v) = load(&state, &m, id.as_str(), Some(n)).await?;
    let effective = f.effective_on.trim().to_string();
    let approved_on = v.approved_at.map(hoshi_core::time::date_jst);
    // On or after the approval's day: a rule cannot be in force before management approved it.
    let date_ok = hoshi_core::time::parse_date(&effective).is_some()
        && approved_on
            .as_deref()
            .is_none_or(|a| effective.as_str() >= a);
    let done = if date_ok {
        let uid = ctx.user()?.0.id.clone();
        let (org, doc, e) = (m.org.id.clone(), id.as_str().to_string(), effective.clone());
        state
            .db(move |s| s.write(|tx| store::publish(tx, now(), &uid, &org, &doc, n, &e)))
            .await
    } else {
        Err(AppError::BadRequest(UserError::DocEffectiveDateBad))
    };
    let fs = FormState::new("publish", &[("effective_on", &effective)]);
    match checked(done, fs, ctx.lang)? {
        Ok(()) => Ok(
            Redirect::to(&format!("/o/{}/docs/{}?published=1", m.org.id, id.as_str()))
                .into_response(),
        ),
        Err(fs) => Ok(unprocessable(
            render(&state, &ctx, &m, id.as_str(), Some(n), fs, effective, None).await?,
        )),
    }
}

/// `POST /o/{org}/docs/{doc}/read`: the member confirms reading the version in force.
pub async fn confirm_read(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, DocumentId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Viewer, StepForm>,
) -> AppResult<Response> {
    let n = version_of(&f)?;
    let uid = ctx.user()?.0.id.clone();
    let (org, doc) = (m.org.id.clone(), id.as_str().to_string());
    let done = state
        .db(move |s| s.write(|tx| store::confirm_read(tx, now(), &uid, &org, &doc, n)))
        .await;
    match checked(done, FormState::new("read", &[]), ctx.lang)? {
        Ok(()) => Ok(
            Redirect::to(&format!("/o/{}/docs/{}?read=1", m.org.id, id.as_str())).into_response(),
        ),
        Err(fs) => Ok(unprocessable(
            render(&state, &ctx, &m, id.as_str(), None, fs, String::new(), None).await?,
        )),
    }
}
