//! The list of the organisation's documents: for every kind hoshi drafts, what it is for, the
//! criteria it serves and, per language, its state (draft, approved, in force since…) and how
//! many members confirmed reading the version in force. Editors draft a missing one here.

use hoshi_core::UserError;
use hoshi_docs::Kind;
use hoshi_store::documents::{self as store, Document, NewVersion};

use crate::kernel::prelude::*;

pub(crate) struct KindRow {
    pub code: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    pub criteria: String,
    pub docs: Vec<DocLine>,
    /// Languages not yet drafted (code, label).
    pub missing: Vec<(&'static str, &'static str)>,
}

pub(crate) struct DocLine {
    pub id: String,
    pub lang_label: &'static str,
    pub title: String,
    pub state: String,
    pub state_class: &'static str,
    /// "3 / 5" when members must confirm reading; empty otherwise.
    pub reads: String,
    /// The version in force is not yet confirmed by the person looking.
    pub unread: bool,
}

#[derive(Template)]
#[template(path = "docs/list.html")]
struct ListT {
    p: Page,
    org_id: String,
    org_name: String,
    can_edit: bool,
    kinds: Vec<KindRow>,
    fs: FormState,
}

/// A document's state for a list, in the reader's language, and its CSS class.
pub(crate) fn state_of(d: &Document, t: &Tr) -> (String, &'static str) {
    match (d.published, d.latest_approved) {
        (Some(p), _) if p == d.latest => (
            format!(
                "{} ({} {})",
                t.s("docs_state_published"),
                t.s("docs_effective"),
                d.effective_on.clone().unwrap_or_default()
            ),
            "s-met",
        ),
        (Some(_), true) => (
            format!(
                "{} · {}",
                t.s("docs_state_published_older"),
                t.s("docs_state_approved_new")
            ),
            "s-partial",
        ),
        (Some(_), false) => (
            format!(
                "{} · {}",
                t.s("docs_state_published_older"),
                t.s("docs_state_draft_new")
            ),
            "s-partial",
        ),
        (None, true) => (t.s("docs_state_approved").to_string(), "s-partial"),
        (None, false) => (t.s("docs_state_draft").to_string(), "s-unanswered"),
    }
}

pub(crate) fn lang_label(code: &str, t: &Tr) -> &'static str {
    match code {
        "ja" => t.s("docs_lang_ja"),
        _ => t.s("docs_lang_en"),
    }
}

async fn render(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    fs: FormState,
    flash: Option<&str>,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let uid = ctx.user()?.0.id.clone();
    let (docs, members, my_reads) = state
        .db(move |s| {
            s.read(|c| {
                let docs = store::list(c, &scope)?;
                let members = hoshi_store::orgs::members(c, &scope)?.len();
                let mut reads = Vec::new();
                for d in &docs {
                    if let Some(v) = d.published {
                        let rs = store::readers(c, &scope, &d.id, v)?;
                        let n = rs.iter().filter(|r| r.read_at.is_some()).count();
                        let mine = rs.iter().any(|r| r.user_id == uid && r.read_at.is_some());
                        reads.push((d.id.clone(), n, mine));
                    }
                }
                Ok((docs, members, reads))
            })
        })
        .await?;
    let t = ctx.t();
    let can_edit = m.role >= Role::Editor;
    let ja = ctx.lang == Lang::Ja;
    let kinds = Kind::ALL
        .into_iter()
        .map(|k| {
            let mine: Vec<&Document> = docs.iter().filter(|d| d.kind == k.code()).collect();
            let lines = mine
                .iter()
                // Viewers see only what is in force.
                .filter(|d| can_edit || d.published.is_some())
                .map(|d| {
                    let (state, state_class) = state_of(d, &t);
                    let read = my_reads.iter().find(|(id, _, _)| id == &d.id);
                    DocLine {
                        id: d.id.clone(),
                        lang_label: lang_label(&d.lang, &t),
                        title: d.title.clone(),
                        state,
                        state_class,
                        reads: match read {
                            Some((_, n, _)) if k.needs_reading() => format!("{n} / {members}"),
                            _ => String::new(),
                        },
                        unread: k.needs_reading() && read.is_some_and(|(_, _, mine)| !mine),
                    }
                })
                .collect();
            let missing = ["ja", "en"]
                .into_iter()
                .filter(|l| !mine.iter().any(|d| d.lang == *l))
                .map(|l| (l, lang_label(l, &t)))
                .collect();
            KindRow {
                code: k.code(),
                title: k.title(ja),
                summary: k.summary(ja),
                criteria: k.criteria().join(", "),
                docs: lines,
                missing,
            }
        })
        .collect();
    let mut p = Page::new(ctx, "docs_title").flash(flash);
    p.title = format!("{} — {}", t.s("docs_title"), m.org.name);
    Ok(html(ListT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        can_edit,
        kinds,
        fs,
    }))
}

/// `GET /o/{org}/docs`
pub async fn page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
) -> AppResult<Response> {
    render(&state, &ctx, &m, FormState::default(), None).await
}

#[derive(Deserialize, Default)]
pub struct CreateForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    lang: String,
}

/// `POST /o/{org}/docs`: drafts a document of a kind in a language from the organisation's
/// information and opens it.
pub async fn create(
    State(state): State<Shared>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, CreateForm>,
) -> AppResult<Response> {
    let kind = Kind::from_code(&f.kind).ok_or(AppError::BadRequest(UserError::BadRequest))?;
    let lang = match f.lang.as_str() {
        "ja" => Lang::Ja,
        "en" => Lang::En,
        _ => return Err(AppError::BadRequest(UserError::BadLang)),
    };
    let inputs = super::inputs::inputs(&state, &m, lang).await?;
    let draft = hoshi_docs::draft(kind, &inputs, lang == Lang::Ja);
    let sections = serde_json::to_string(&draft.doc.sections)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let title = draft.doc.title.clone();
    let uid = ctx.user()?.0.id.clone();
    let org = m.org.id.clone();
    let note = ctx.t().s("docs_note_drafted").to_string();
    let done = state
        .db(move |s| {
            s.write(|tx| {
                store::create(
                    tx,
                    now(),
                    &uid,
                    &org,
                    kind.code(),
                    lang.code(),
                    NewVersion {
                        title: &title,
                        sections: &sections,
                        note: &note,
                    },
                )
            })
        })
        .await;
    match checked(done, FormState::new("create", &[]), ctx.lang)? {
        Ok(id) => Ok(Redirect::to(&format!("/o/{}/docs/{id}?drafted=1", m.org.id)).into_response()),
        Err(fs) => Ok(unprocessable(render(&state, &ctx, &m, fs, None).await?)),
    }
}
