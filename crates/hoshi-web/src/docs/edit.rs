//! Editing a document: the newest version's title and sections in one form (a heading and a
//! text per section, one empty section at the end to add one; a section left with neither is
//! dropped), with a note saying what changed. A save is a new version on top of the version the
//! editor opened; if someone saved in between, it is refused and the editor's text is shown
//! again to carry over. `redraft` makes a new version from the organisation's information as it
//! is now (after the "information for documents" page was filled in, say).

use hoshi_core::{DocumentId, UserError};
use hoshi_docs::{Section, markup};
use hoshi_store::documents::{self as store, NewVersion};

use super::doc::{kind_of, load, sections};
use crate::kernel::prelude::*;

pub(crate) struct SectionField {
    pub index: usize,
    pub key: String,
    pub heading: String,
    pub body: String,
    pub rows: usize,
    pub error: String,
}

#[derive(Template)]
#[template(path = "docs/edit.html")]
struct EditT {
    p: Page,
    org_id: String,
    org_name: String,
    doc_id: String,
    doc_title: String,
    base: i64,
    title: String,
    note: String,
    fields: Vec<SectionField>,
    fs: FormState,
}

fn fields(secs: &[Section], errors: &[(usize, String)]) -> Vec<SectionField> {
    let mut out: Vec<SectionField> = secs
        .iter()
        .enumerate()
        .map(|(i, s)| SectionField {
            index: i,
            key: s.key.clone(),
            heading: s.heading.clone(),
            body: s.body.clone(),
            rows: (s.body.lines().count() + 2).clamp(4, 30),
            error: String::new(),
        })
        .collect();
    if out.len() < markup::MAX_SECTIONS {
        out.push(SectionField {
            index: out.len(),
            key: String::new(),
            heading: String::new(),
            body: String::new(),
            rows: 4,
            error: String::new(),
        });
    }
    for (i, e) in errors {
        if let Some(f) = out.get_mut(*i) {
            f.error = e.clone();
        }
    }
    out
}

#[allow(clippy::too_many_arguments, reason = "the form's parts")]
async fn render(
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    doc_id: &str,
    doc_title: String,
    base: i64,
    title: String,
    note: String,
    fields: Vec<SectionField>,
    fs: FormState,
) -> AppResult<Response> {
    let t = ctx.t();
    let mut p = Page::new(ctx, "docs_edit");
    p.title = format!("{} — {doc_title} — {}", t.s("docs_edit"), m.org.name);
    Ok(html(EditT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        doc_id: doc_id.to_string(),
        doc_title,
        base,
        title,
        note,
        fields,
        fs,
    }))
}

/// `GET /o/{org}/docs/{doc}/edit`
pub async fn page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Editor>,
    Path((_, id)): Path<(OrgId, DocumentId)>,
) -> AppResult<Response> {
    let (doc, v) = load(&state, &m, id.as_str(), None).await?;
    let secs = sections(&v);
    render(
        &ctx,
        &m,
        &doc.id,
        v.title.clone(),
        doc.latest,
        v.title.clone(),
        String::new(),
        fields(&secs, &[]),
        FormState::default(),
    )
    .await
}

/// The sections sent: `key_N`, `heading_N`, `body_N` for N = 0, 1, …; empty ones dropped.
fn sent_sections(form: &[(String, String)]) -> Result<Vec<Section>, AppError> {
    let get = |k: String| {
        form.iter()
            .rev()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.replace("\r\n", "\n"))
    };
    let mut out = Vec::new();
    for i in 0..=markup::MAX_SECTIONS {
        let (Some(heading), Some(body)) = (get(format!("heading_{i}")), get(format!("body_{i}")))
        else {
            break;
        };
        if i == markup::MAX_SECTIONS {
            return Err(AppError::BadRequest(UserError::BadRequest));
        }
        let key = get(format!("key_{i}")).unwrap_or_default();
        let (heading, body) = (heading.trim().to_string(), body.trim_end().to_string());
        if heading.is_empty() && body.trim().is_empty() {
            continue;
        }
        out.push(Section {
            key: if key.is_empty() {
                format!("s{i}")
            } else {
                key.chars().take(40).collect()
            },
            heading,
            body,
        });
    }
    Ok(out)
}

/// Each section's markup problems, as (index, message) and as the user error of the first.
fn problems(secs: &[Section], lang: Lang) -> (Vec<(usize, String)>, Option<UserError>) {
    let mut out = Vec::new();
    let mut first = None;
    for (i, s) in secs.iter().enumerate() {
        if s.heading.chars().count() > 200 {
            let e = UserError::TooLong {
                field: "heading",
                max: 200,
            };
            out.push((i, e.message(lang)));
            first.get_or_insert(e);
            continue;
        }
        if let Err(ps) = markup::check(&s.body) {
            let p = &ps[0];
            let e = UserError::DocSectionBad {
                heading: s.heading.clone(),
                line: p.line,
                detail_ja: p.message_ja.clone(),
                detail_en: p.message_en.clone(),
            };
            out.push((i, e.message(lang)));
            first.get_or_insert(e);
        }
    }
    (out, first)
}

/// `POST /o/{org}/docs/{doc}/edit`
pub async fn save(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, DocumentId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form,
    }: OrgForm<Editor, Vec<(String, String)>>,
) -> AppResult<Response> {
    let field = |k: &str| {
        form.iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let base: i64 = field("base")
        .parse()
        .map_err(|_| AppError::BadRequest(UserError::BadRequest))?;
    let (title, note) = (field("title"), field("note"));
    let secs = sent_sections(&form)?;
    // The document must be the organisation's (and the base one of its versions).
    let (doc, _) = load(&state, &m, id.as_str(), Some(base)).await?;
    let (errors, first) = problems(&secs, ctx.lang);
    let done = if let Some(e) = first {
        Err(AppError::BadRequest(e))
    } else if note.chars().count() > 500 {
        Err(AppError::BadRequest(UserError::TooLong {
            field: "note",
            max: 500,
        }))
    } else {
        let sections =
            serde_json::to_string(&secs).map_err(|e| AppError::Internal(e.to_string()))?;
        let uid = ctx.user()?.0.id.clone();
        let (org, doc_id, title, note) = (
            m.org.id.clone(),
            doc.id.clone(),
            title.clone(),
            note.clone(),
        );
        state
            .db(move |s| {
                s.write(|tx| {
                    store::save(
                        tx,
                        now(),
                        &uid,
                        &org,
                        &doc_id,
                        base,
                        NewVersion {
                            title: &title,
                            sections: &sections,
                            note: &note,
                        },
                    )
                })
            })
            .await
    };
    let fs = FormState::new("edit", &[("title", &title), ("note", &note)]);
    match checked(done, fs, ctx.lang)? {
        Ok(n) => Ok(
            Redirect::to(&format!("/o/{}/docs/{}?v={n}&saved=1", m.org.id, doc.id)).into_response(),
        ),
        Err(fs) => Ok(unprocessable(
            render(
                &ctx,
                &m,
                &doc.id,
                title.clone(),
                base,
                title,
                note,
                fields(&secs, &errors),
                fs,
            )
            .await?,
        )),
    }
}

#[derive(Deserialize, Default)]
pub struct RedraftForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    base: String,
}

/// `POST /o/{org}/docs/{doc}/redraft`: a new version drafted from the information as it is now.
pub async fn redraft(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, DocumentId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, RedraftForm>,
) -> AppResult<Response> {
    let base: i64 = f
        .base
        .parse()
        .map_err(|_| AppError::BadRequest(UserError::BadRequest))?;
    let (doc, _) = load(&state, &m, id.as_str(), Some(base)).await?;
    let kind = kind_of(&doc)?;
    let lang = Lang::parse(&doc.lang).unwrap_or(Lang::Ja);
    let inputs = super::inputs::inputs(&state, &m, lang).await?;
    let draft = hoshi_docs::draft(kind, &inputs, lang == Lang::Ja);
    let sections = serde_json::to_string(&draft.doc.sections)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let uid = ctx.user()?.0.id.clone();
    let (org, doc_id) = (m.org.id.clone(), doc.id.clone());
    let note = ctx.t().s("docs_note_redrafted").to_string();
    let title = draft.doc.title;
    let done = state
        .db(move |s| {
            s.write(|tx| {
                store::save(
                    tx,
                    now(),
                    &uid,
                    &org,
                    &doc_id,
                    base,
                    NewVersion {
                        title: &title,
                        sections: &sections,
                        note: &note,
                    },
                )
            })
        })
        .await;
    match done {
        Ok(n) => Ok(
            Redirect::to(&format!("/o/{}/docs/{}?v={n}&saved=1", m.org.id, doc.id)).into_response(),
        ),
        Err(e) => Err(e),
    }
}
