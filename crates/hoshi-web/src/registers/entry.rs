//! One entry of a register: every column, what needs attention, the form saved only over the
//! revision the member saw, and its removal.

use hoshi_core::RegisterEntryId;
use hoshi_store::registers::{self as store, Entry};
use hoshi_xlsx::registers::{self as sheet, Kind};

use super::list::{FieldView, checked_fields, field_views, typed};
use super::{attention, kind_of, said};
use crate::kernel::prelude::*;

#[derive(Template)]
#[template(path = "registers/entry.html")]
struct EntryT {
    p: Page,
    org_id: String,
    org_name: String,
    kind: &'static str,
    title: &'static str,
    id: String,
    name: String,
    rev: i64,
    updated: String,
    summary: Vec<(&'static str, String)>,
    flags: Vec<(&'static str, &'static str)>,
    can_edit: bool,
    fs: FormState,
    fields: Vec<FieldView>,
}

async fn load(
    state: &Shared,
    m: &hoshi_store::orgs::Membership,
    kind: Kind,
    id: RegisterEntryId,
) -> AppResult<Entry> {
    let scope = m.scope().clone();
    state
        .db(move |s| s.read(|c| store::get(c, &scope, kind.code(), id.as_str())))
        .await
}

/// The entry's page; with `fs` the form shows what was typed and the problems.
async fn render_entry(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    kind: Kind,
    id: RegisterEntryId,
    fs: FormState,
) -> AppResult<Response> {
    let e = load(state, m, kind, id).await?;
    let t = ctx.t();
    let values = if fs.form == "entry" {
        kind.columns()
            .iter()
            .map(|c| (c.key.to_string(), fs.value("entry", c.key, "").to_string()))
            .collect()
    } else {
        e.fields.clone()
    };
    let mut p = Page::new(ctx, "registers_title");
    p.title = format!("{} — {}", e.name, kind.title(ctx.lang));
    Ok(html(EntryT {
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        kind: kind.code(),
        title: kind.title(ctx.lang),
        id: e.id.clone(),
        name: e.name.clone(),
        rev: e.rev,
        updated: format!("{} · {}", ctx.time(e.updated_at), e.updated_by_name),
        summary: kind
            .columns()
            .iter()
            .map(|c| {
                let v = e.fields.get(c.key).map_or("", String::as_str);
                (
                    c.header(ctx.lang),
                    sheet::display(kind, c.key, v, ctx.lang).into_owned(),
                )
            })
            .collect(),
        flags: attention(kind, &e.fields, &today())
            .into_iter()
            .map(|(class, key)| (class, said(&t, key)))
            .collect(),
        can_edit: m.role >= Role::Editor,
        fields: field_views(ctx, kind, &values, &fs, "entry"),
        fs,
        p,
    }))
}

/// `GET /o/{org}/registers/{kind}/{entry}`
pub async fn entry_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, kind, id)): Path<(OrgId, String, RegisterEntryId)>,
) -> AppResult<Response> {
    let kind = kind_of(&kind)?;
    render_entry(&state, &ctx, &m, kind, id, FormState::default()).await
}

/// `POST /o/{org}/registers/{kind}/{entry}`: saves the entry over the revision the form showed.
pub async fn update(
    State(state): State<Shared>,
    Path((_, kind, id)): Path<(OrgId, String, RegisterEntryId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form,
    }: OrgForm<Editor, Vec<(String, String)>>,
) -> AppResult<Response> {
    let kind = kind_of(&kind)?;
    let (raw, fs, rev) = typed(kind, &form);
    let rev: i64 = rev
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest(hoshi_core::UserError::BadRequest))?;
    let fields = match checked_fields(kind, &raw, fs.clone(), ctx.lang) {
        Ok(f) => f,
        Err(fs) => {
            return Ok(unprocessable(
                render_entry(&state, &ctx, &m, kind, id, fs).await?,
            ));
        }
    };
    let uid = ctx.user()?.0.id.clone();
    let org = m.org.id.clone();
    let done = state
        .db(move |s| {
            s.write(|tx| {
                store::update(
                    tx,
                    now(),
                    &uid,
                    &org,
                    kind.code(),
                    id.as_str(),
                    rev,
                    &fields,
                )
            })
        })
        .await;
    match checked(done, fs, ctx.lang)? {
        Ok(_) => Ok(Redirect::to(&format!(
            "/o/{}/registers/{}?saved=1#list",
            m.org.id,
            kind.code()
        ))
        .into_response()),
        Err(fs) => Ok(unprocessable(
            render_entry(&state, &ctx, &m, kind, id, fs).await?,
        )),
    }
}

#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    rev: String,
}

/// `POST /o/{org}/registers/{kind}/{entry}/delete`: removes the entry, if unchanged since shown.
pub async fn delete(
    State(state): State<Shared>,
    Path((_, kind, id)): Path<(OrgId, String, RegisterEntryId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form,
    }: OrgForm<Editor, DeleteForm>,
) -> AppResult<Response> {
    let kind = kind_of(&kind)?;
    let rev: i64 = form
        .rev
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest(hoshi_core::UserError::BadRequest))?;
    let uid = ctx.user()?.0.id.clone();
    let org = m.org.id.clone();
    let done = state
        .db(move |s| {
            s.write(|tx| store::delete(tx, now(), &uid, &org, kind.code(), id.as_str(), rev))
        })
        .await;
    match checked(done, FormState::new("delete", &[]), ctx.lang)? {
        Ok(()) => Ok(Redirect::to(&format!(
            "/o/{}/registers/{}?deleted=1#list",
            m.org.id,
            kind.code()
        ))
        .into_response()),
        Err(fs) => Ok(unprocessable(
            render_entry(&state, &ctx, &m, kind, id, fs).await?,
        )),
    }
}
