//! One register: its entries with what needs attention, the form to add one, the spreadsheet
//! import (all rows or none) and export, the templates.

use hoshi_store::registers::{self as store, Entry, Fields};
use hoshi_xlsx::registers::{self as sheet, Column, Kind, Type};

use super::{attention, intro_key, kind_of, said};
use crate::kernel::prelude::*;

/// Characters of a long value shown in the table; the entry's page shows all.
const SHOWN_CHARS: usize = 80;

/// One field of the entry form.
pub(super) struct FieldView {
    pub key: &'static str,
    pub label: &'static str,
    /// `short`, `long`, `date`, `select` or `hours`.
    pub input: &'static str,
    pub value: String,
    pub options: Vec<(&'static str, &'static str)>,
    pub hint: &'static str,
    pub error: Option<String>,
}

/// The hint of a column, as a text key ("" for none).
fn hint_key(kind: Kind, key: &str) -> &'static str {
    match (kind, key) {
        (Kind::Confidential, "recipients") => "reg_hint_recipients",
        (Kind::Confidential, "location") => "reg_hint_location",
        (Kind::Services, "requirements") => "reg_hint_requirements",
        (Kind::Services, "certifications") => "reg_hint_certifications",
        (Kind::Connections, "method") => "reg_hint_method",
        (Kind::Connections, "our_assets") => "reg_hint_our_assets",
        (Kind::Partners, "incident_role") => "reg_hint_incident_role",
        (Kind::Partners, "notify_hours") => "reg_hint_notify_hours",
        _ => "",
    }
}

/// The form's fields for `kind`, with `values` (stored or typed) and the problems of `form`.
pub(super) fn field_views(
    ctx: &Ctx,
    kind: Kind,
    values: &Fields,
    fs: &FormState,
    form: &str,
) -> Vec<FieldView> {
    let t = ctx.t();
    kind.columns()
        .iter()
        .map(|c: &Column| FieldView {
            key: c.key,
            label: c.header(ctx.lang),
            input: match c.ty {
                Type::Short => "short",
                Type::Long => "long",
                Type::Date => "date",
                Type::YesNo | Type::Class => "select",
                Type::Hours => "hours",
            },
            value: values.get(c.key).cloned().unwrap_or_default(),
            options: sheet::choices(c.ty, ctx.lang),
            hint: match hint_key(kind, c.key) {
                "" => "",
                k => said(&t, k),
            },
            error: fs.error(form, c.key).map(str::to_string),
        })
        .collect()
}

/// The columns the table shows per register (the entry's page shows every one).
fn table_columns(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Confidential => &[
            "name",
            "classification",
            "owner",
            "department",
            "location",
            "recipients",
        ],
        Kind::Services => &[
            "name",
            "provider",
            "data",
            "requirements",
            "certifications",
            "terms_reviewed",
        ],
        Kind::Connections => &["name", "party", "method", "our_assets", "requirements"],
        Kind::Partners => &[
            "name",
            "receives",
            "nda",
            "nda_expires",
            "incident_role",
            "notify_hours",
        ],
    }
}

pub(super) struct EntryRow {
    pub id: String,
    pub name: String,
    /// (value, whether it is a date or a short code kept on one line).
    pub cells: Vec<(String, bool)>,
    pub flags: Vec<(&'static str, &'static str)>,
}

fn cut(s: &str) -> String {
    let mut out: String = s.chars().take(SHOWN_CHARS).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

fn entry_row(ctx: &Ctx, kind: Kind, e: &Entry, today: &str) -> EntryRow {
    let t = ctx.t();
    EntryRow {
        id: e.id.clone(),
        name: e.name.clone(),
        cells: table_columns(kind)[1..]
            .iter()
            .map(|k| {
                let v = e.fields.get(*k).map_or("", String::as_str);
                let one_line = kind
                    .column(k)
                    .is_some_and(|c| matches!(c.ty, Type::Date | Type::Hours | Type::YesNo));
                (cut(&sheet::display(kind, k, v, ctx.lang)), one_line)
            })
            .collect(),
        flags: attention(kind, &e.fields, today)
            .into_iter()
            .map(|(class, key)| (class, said(&t, key)))
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "registers/list.html")]
struct ListT {
    p: Page,
    org_id: String,
    org_name: String,
    kind: &'static str,
    title: &'static str,
    intro: &'static str,
    criteria: String,
    can_edit: bool,
    fs: FormState,
    heads: Vec<&'static str>,
    rows: Vec<EntryRow>,
    attention: usize,
    fields: Vec<FieldView>,
    imported: Option<String>,
    ignored: String,
    saved: bool,
    deleted: bool,
    attached: bool,
    columns_guide: String,
}

#[derive(Deserialize, Default)]
pub struct Flash {
    #[serde(default)]
    created: Option<usize>,
    #[serde(default)]
    updated: Option<usize>,
    #[serde(default)]
    unchanged: Option<usize>,
    #[serde(default)]
    ignored: String,
    #[serde(default)]
    saved: Option<u8>,
    #[serde(default)]
    deleted: Option<u8>,
    #[serde(default)]
    attached: Option<u8>,
}

pub(super) async fn entries(
    state: &Shared,
    m: &hoshi_store::orgs::Membership,
    kind: Kind,
) -> AppResult<Vec<Entry>> {
    let scope = m.scope().clone();
    state
        .db(move |s| s.read(|c| store::list(c, &scope, kind.code())))
        .await
}

/// The register's page, with `fs` when its add or import form is shown again.
async fn render_list(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    kind: Kind,
    flash: Flash,
    fs: FormState,
) -> AppResult<Response> {
    let list = entries(state, m, kind).await?;
    let today = today();
    let t = ctx.t();
    let rows: Vec<EntryRow> = list
        .iter()
        .map(|e| entry_row(ctx, kind, e, &today))
        .collect();
    let typed: Fields = kind
        .columns()
        .iter()
        .map(|c| (c.key.to_string(), fs.value("entry", c.key, "").to_string()))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let imported = flash.created.map(|c| {
        format!(
            "{} {} {c} · {} {} · {} {}",
            t.s("reg_imported"),
            t.s("reg_created"),
            t.s("reg_updated"),
            flash.updated.unwrap_or(0),
            t.s("reg_unchanged"),
            flash.unchanged.unwrap_or(0)
        )
    });
    let mut p = Page::new(ctx, "registers_title");
    p.title = format!("{} — {}", kind.title(ctx.lang), m.org.name);
    Ok(html(ListT {
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        kind: kind.code(),
        title: kind.title(ctx.lang),
        intro: said(&t, intro_key(kind)),
        criteria: kind.criteria().join(", "),
        can_edit: m.role >= Role::Editor,
        heads: table_columns(kind)
            .iter()
            .filter_map(|k| kind.column(k).map(|c| c.header(ctx.lang)))
            .collect(),
        attention: rows.iter().filter(|r| !r.flags.is_empty()).count(),
        rows,
        fields: field_views(ctx, kind, &typed, &fs, "entry"),
        imported,
        ignored: flash.ignored.chars().take(500).collect(),
        saved: flash.saved.is_some(),
        deleted: flash.deleted.is_some(),
        attached: flash.attached.is_some(),
        columns_guide: sheet::headers_of(kind, ctx.lang).join(if ctx.lang == Lang::Ja {
            "、"
        } else {
            ", "
        }),
        fs,
        p,
    }))
}

/// `GET /o/{org}/registers/{kind}`
pub async fn list_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, kind)): Path<(OrgId, String)>,
    Query(flash): Query<Flash>,
) -> AppResult<Response> {
    let kind = kind_of(&kind)?;
    render_list(&state, &ctx, &m, kind, flash, FormState::default()).await
}

/// The entry typed in a form: its fields (the register's columns only) and the state to show it
/// again.
pub(super) fn typed(kind: Kind, form: &[(String, String)]) -> (Fields, FormState, String) {
    let get = |k: &str| {
        form.iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let raw: Fields = kind
        .columns()
        .iter()
        .map(|c| (c.key.to_string(), get(c.key)))
        .collect();
    let values: Vec<(&'static str, &str)> = kind
        .columns()
        .iter()
        .map(|c| (c.key, raw.get(c.key).map_or("", String::as_str)))
        .collect();
    (raw.clone(), FormState::new("entry", &values), get("rev"))
}

/// The check of `hoshi_xlsx::registers`, its problems beside their fields.
pub(super) fn checked_fields(
    kind: Kind,
    raw: &Fields,
    fs: FormState,
    lang: Lang,
) -> Result<Fields, FormState> {
    sheet::check(kind, raw).map_err(|errs| errs.iter().fold(fs, |fs, e| fs.problem(e, lang)))
}

/// `POST /o/{org}/registers/{kind}`: adds an entry.
pub async fn create(
    State(state): State<Shared>,
    Path((_, kind)): Path<(OrgId, String)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form,
    }: OrgForm<Editor, Vec<(String, String)>>,
) -> AppResult<Response> {
    let kind = kind_of(&kind)?;
    let (raw, fs, _) = typed(kind, &form);
    let fields = match checked_fields(kind, &raw, fs.clone(), ctx.lang) {
        Ok(f) => f,
        Err(fs) => {
            return Ok(unprocessable(
                render_list(&state, &ctx, &m, kind, Flash::default(), fs).await?,
            ));
        }
    };
    let uid = ctx.user()?.0.id.clone();
    let org = m.org.id.clone();
    let done = state
        .db(move |s| s.write(|tx| store::create(tx, now(), &uid, &org, kind.code(), &fields)))
        .await;
    match checked(done, fs, ctx.lang)? {
        Ok(_) => Ok(Redirect::to(&format!(
            "/o/{}/registers/{}?saved=1#list",
            m.org.id,
            kind.code()
        ))
        .into_response()),
        Err(fs) => Ok(unprocessable(
            render_list(&state, &ctx, &m, kind, Flash::default(), fs).await?,
        )),
    }
}

/// `POST /o/{org}/registers/{kind}/import`: a register file, all rows or none.
pub async fn import(
    State(state): State<Shared>,
    Path((_, kind)): Path<(OrgId, String)>,
    upload: OrgUpload<Editor>,
) -> AppResult<Response> {
    let kind = kind_of(&kind)?;
    let (Member { ctx, m, .. }, up) = upload.read_or_problem(state.config.max_upload).await?;
    let fs = FormState::new("import", &[]);
    let up = match up {
        Ok(up) => up,
        Err(e) => {
            let fs = fs.problem(&e, ctx.lang);
            return Ok(unprocessable(
                render_list(&state, &ctx, &m, kind, Flash::default(), fs).await?,
            ));
        }
    };
    let read = match sheet::read(kind, &up.bytes) {
        Ok(r) => r,
        Err(e) => {
            let fs = e
                .lines(ctx.lang)
                .into_iter()
                .fold(fs, |fs, line| fs.message(Some("file"), line));
            return Ok(unprocessable(
                render_list(&state, &ctx, &m, kind, Flash::default(), fs).await?,
            ));
        }
    };
    let uid = ctx.user()?.0.id.clone();
    let org = m.org.id.clone();
    let file = up.file_name.clone();
    let rows: Vec<Fields> = read.entries.into_iter().map(|(_, f)| f).collect();
    let columns = read.columns.clone();
    let done = state
        .db(move |s| {
            s.write(|tx| store::import(tx, now(), &uid, &org, kind.code(), &rows, &columns, &file))
        })
        .await;
    match checked(done, fs, ctx.lang)? {
        Ok(d) => {
            let ignored = hoshi_core::text::percent_encode(&read.ignored.join("、"), b"");
            Ok(Redirect::to(&format!(
                "/o/{}/registers/{}?created={}&updated={}&unchanged={}&ignored={ignored}#import",
                m.org.id,
                kind.code(),
                d.created,
                d.updated,
                d.unchanged
            ))
            .into_response())
        }
        Err(fs) => Ok(unprocessable(
            render_list(&state, &ctx, &m, kind, Flash::default(), fs).await?,
        )),
    }
}

pub(super) const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn file_name(org: &str, kind: Kind, lang: Lang, ext: &str) -> String {
    format!("{org}_{}_{}.{ext}", kind.title(lang), today())
}

/// The register's entries as the spreadsheet writes them.
pub(super) async fn all_fields(
    state: &Shared,
    m: &hoshi_store::orgs::Membership,
    kind: Kind,
) -> AppResult<Vec<Fields>> {
    Ok(entries(state, m, kind)
        .await?
        .into_iter()
        .map(|e| e.fields)
        .collect())
}

/// `GET /o/{org}/registers/{kind}/export.csv`
pub async fn export_csv(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, kind)): Path<(OrgId, String)>,
) -> AppResult<Response> {
    let kind = kind_of(&kind)?;
    let all = all_fields(&state, &m, kind).await?;
    Ok(download(
        "text/csv; charset=utf-8",
        &file_name(&m.org.name, kind, ctx.lang, "csv"),
        sheet::to_csv(kind, &all, ctx.lang),
    ))
}

/// `GET /o/{org}/registers/{kind}/export.xlsx`
pub async fn export_xlsx(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, kind)): Path<(OrgId, String)>,
) -> AppResult<Response> {
    let kind = kind_of(&kind)?;
    let all = all_fields(&state, &m, kind).await?;
    let bytes = sheet::to_xlsx(kind, &all, ctx.lang)
        .map_err(|e| AppError::Internal(format!("register export: {e}")))?;
    Ok(download(
        XLSX,
        &file_name(&m.org.name, kind, ctx.lang, "xlsx"),
        bytes,
    ))
}

fn template_name(ctx: &Ctx, kind: Kind, ext: &str) -> String {
    format!(
        "{}_{}.{ext}",
        kind.title(ctx.lang),
        ctx.t().s("reg_template")
    )
}

/// `GET /o/{org}/registers/{kind}/template.csv`
pub async fn template_csv(
    Member { ctx, .. }: Member<Viewer>,
    Path((_, kind)): Path<(OrgId, String)>,
) -> AppResult<Response> {
    let kind = kind_of(&kind)?;
    Ok(download(
        "text/csv; charset=utf-8",
        &template_name(&ctx, kind, "csv"),
        sheet::to_csv(kind, &[], ctx.lang),
    ))
}

/// `GET /o/{org}/registers/{kind}/template.xlsx`
pub async fn template_xlsx(
    Member { ctx, .. }: Member<Viewer>,
    Path((_, kind)): Path<(OrgId, String)>,
) -> AppResult<Response> {
    let kind = kind_of(&kind)?;
    let bytes = sheet::to_xlsx(kind, &[], ctx.lang)
        .map_err(|e| AppError::Internal(format!("register template: {e}")))?;
    Ok(download(XLSX, &template_name(&ctx, kind, "xlsx"), bytes))
}
