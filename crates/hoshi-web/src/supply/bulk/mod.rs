//! Registering many suppliers at once from a CSV file or an Excel workbook.
//!
//! All or nothing, in two steps. The upload ([`upload`]) reads the file ([`read`]), maps its
//! header row ([`check::columns`]) and checks every row with the single registration's rules
//! plus what only a file can get wrong ([`check::check`]). If any row has a problem, nothing is
//! kept and the page lists every problem by row and column (422) so the buyer fixes the file and
//! sends it again. Otherwise the page previews what will be registered (★3 × a, ★4 × b) and the
//! file stays on the server under a random token ([`pending`]); the confirmation ([`confirm`])
//! names only the token, checks the rows again inside the write transaction and registers them
//! all in it ([`hoshi_store::supply::create_many`]).

mod check;
mod pending;
mod read;
mod template;

use std::time::Instant;

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use hoshi_core::OrgId;
use hoshi_store::orgs::Membership;
use hoshi_store::supply;
use serde::Deserialize;

pub(super) use self::check::group;
use self::check::{Checked, Columns, Registered};
pub use self::pending::Pending;
use self::read::FileProblem;
pub use self::template::{template_csv, template_xlsx};
use crate::kernel::ctx::Ctx;
use crate::kernel::error::AppResult;
use crate::kernel::form::{FormState, checked, unprocessable};
use crate::kernel::guard::{Editor, Member, OrgForm, OrgUpload};
use crate::kernel::i18n::Tr;
use crate::kernel::page::{Page, html};
use crate::kernel::path::Path;
use crate::{Shared, now};

/// Problems listed in the summary at the top; the table below has them all.
const LISTED: usize = 50;

/// What the page shows besides the upload form and the guide.
enum Outcome {
    Form,
    /// Nothing was registered: every row, with the problems of the bad ones.
    Refused(Report),
    /// Everything can be registered; `token` confirms it.
    Preview(Report, String),
}

struct Report {
    file_name: String,
    rows: Vec<Checked>,
    columns: Columns,
}

pub struct RowView {
    pub row: u32,
    pub name: String,
    pub number: String,
    pub level: String,
    pub due: String,
    /// (column as the file heads it, message)
    pub problems: Vec<(String, String)>,
    pub notes: Vec<String>,
}

#[derive(Template)]
#[template(path = "supply/import.html")]
struct ImportT {
    p: Page,
    org_id: String,
    org_name: String,
    fs: FormState,
    file_name: String,
    /// What will be registered, or why nothing was.
    summary: String,
    refused: bool,
    token: String,
    register_button: String,
    rows: Vec<RowView>,
    /// The first problems as sentences naming row and column, and a note on the rest.
    listed: Vec<String>,
    more: String,
    guide: Vec<template::GuideRow>,
    limits: String,
}

fn row_view(c: &Checked, cols: &Columns, t: &Tr) -> RowView {
    RowView {
        row: c.row,
        name: check::clip(&c.name, 100),
        number: check::clip(&c.number, 20),
        level: c
            .level()
            .map_or_else(|| "—".to_string(), |l| format!("★{l}")),
        due: check::clip(c.due.as_deref().unwrap_or(""), 20),
        problems: c
            .problems
            .iter()
            .map(|(f, m)| (check::clip(&cols.header(*f, t.lang), 40), m.clone()))
            .collect(),
        notes: c.notes.clone(),
    }
}

/// The first [`LISTED`] problems as sentences, and how many more there are.
fn listed(rows: &[RowView], t: &Tr) -> (Vec<String>, String) {
    let all = rows.iter().flat_map(|r| {
        r.problems.iter().map(move |(col, m)| {
            t.s("bulk_row_problem")
                .replace("{row}", &r.row.to_string())
                .replace("{column}", col)
                .replace("{message}", m)
        })
    });
    let total: usize = rows.iter().map(|r| r.problems.len()).sum();
    let first: Vec<String> = all.take(LISTED).collect();
    let more = if total > LISTED {
        t.s("bulk_more_problems")
            .replace("{n}", &check::group(total - LISTED))
    } else {
        String::new()
    };
    (first, more)
}

/// The import page: the outcome of a file if there is one, the upload form and the guide.
fn render(ctx: &Ctx, m: &Membership, outcome: Outcome, fs: FormState) -> Response {
    let t = ctx.t();
    let mut p = Page::new(ctx, "bulk_title");
    p.title = format!("{} — {}", t.s("bulk_title"), m.org.name);
    let (report, refused, token) = match outcome {
        Outcome::Form => (None, false, String::new()),
        Outcome::Refused(r) => (Some(r), true, String::new()),
        Outcome::Preview(r, token) => (Some(r), false, token),
    };
    let rows: Vec<RowView> = report
        .as_ref()
        .map(|r| r.rows.iter().map(|c| row_view(c, &r.columns, &t)).collect())
        .unwrap_or_default();
    let (listed, more) = listed(&rows, &t);
    let (star3, star4) = report.as_ref().map_or((0, 0), |r| check::levels(&r.rows));
    let n = check::group(rows.len());
    let summary = if refused {
        let bad = rows.iter().filter(|r| !r.problems.is_empty()).count();
        t.s("bulk_refused")
            .replace("{rows}", &n)
            .replace("{bad}", &check::group(bad))
    } else {
        t.s("bulk_preview")
            .replace("{n}", &n)
            .replace("{star3}", &check::group(star3))
            .replace("{star4}", &check::group(star4))
    };
    html(ImportT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        fs,
        file_name: report.map(|r| r.file_name).unwrap_or_default(),
        summary,
        refused,
        token,
        register_button: t.s("bulk_register_button").replace("{n}", &n),
        rows,
        listed,
        more,
        guide: template::guide(&t),
        limits: t
            .s("bulk_limits")
            .replace("{rows}", &check::group(read::MAX_ROWS))
            .replace("{mb}", &(read::MAX_FILE_BYTES / (1024 * 1024)).to_string()),
    })
}

/// `GET /o/{org}/suppliers/import`: the upload form, the templates and what each column takes.
pub async fn import_page(Member { ctx, m, .. }: Member<Editor>) -> Response {
    render(&ctx, &m, Outcome::Form, FormState::default())
}

/// The file's name without its folders, as the report names it.
fn base_name(name: &str) -> String {
    name.rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .chars()
        .take(200)
        .collect()
}

/// The table and its columns, or every reason the file cannot be used.
async fn read_file(
    bytes: Vec<u8>,
    file_name: &str,
    t: Tr,
) -> AppResult<Result<(read::Table, Columns), Vec<String>>> {
    if bytes.is_empty() {
        let p = if file_name.is_empty() {
            FileProblem::NoFile
        } else {
            FileProblem::Empty
        };
        return Ok(Err(vec![check::file_message(&p, &t)]));
    }
    let sheets = template::sheet_names();
    let table = match tokio::task::spawn_blocking(move || read::read(bytes, &sheets)).await? {
        Ok(table) => table,
        Err(p) => return Ok(Err(vec![check::file_message(&p, &t)])),
    };
    match check::columns(&table) {
        Ok(cols) => Ok(Ok((table, cols))),
        Err(problems) => Ok(Err(problems
            .iter()
            .map(|p| check::column_message(p, &t, table.header.number))
            .collect())),
    }
}

/// `POST /o/{org}/suppliers/import`: checks the file; a preview when every row is right, else
/// every problem (422). Nothing is registered here.
pub async fn upload(
    State(state): State<Shared>,
    Path(_org): Path<OrgId>,
    upload: OrgUpload<Editor>,
) -> AppResult<Response> {
    let limit = state.config.max_upload.min(read::MAX_FILE_BYTES);
    let (Member { ctx, m, .. }, up) = upload.read_or_problem(limit).await?;
    let t = ctx.t();
    let fs = FormState::new("import", &[]);
    let up = match up {
        Ok(up) => up,
        Err(e) => {
            let fs = fs.problem(&e, ctx.lang);
            return Ok(unprocessable(render(&ctx, &m, Outcome::Form, fs)));
        }
    };
    let file_name = base_name(&up.file_name);
    // With several servers the confirmation may reach another one: the file goes to the database.
    let kept = state.store.is_shared().then(|| up.bytes.clone());
    let (table, columns) = match read_file(up.bytes, &file_name, t).await? {
        Ok(v) => v,
        Err(messages) => {
            let fs = messages
                .into_iter()
                .fold(fs, |fs, msg| fs.message(Some("file"), msg));
            return Ok(unprocessable(render(&ctx, &m, Outcome::Form, fs)));
        }
    };
    let scope = m.scope().clone();
    let registered = state
        .db(move |s| s.read(|c| supply::registered(c, &scope)))
        .await?;
    let rows = check::check(&table, &columns, &Registered::new(&registered), &t);
    let report = Report {
        file_name: file_name.clone(),
        rows,
        columns: columns.clone(),
    };
    if report.rows.iter().any(|r| !r.problems.is_empty()) {
        let page = render(&ctx, &m, Outcome::Refused(report), FormState::default());
        return Ok(unprocessable(page));
    }
    let token = match kept {
        Some(file) => {
            let token = hoshi_store::new_token();
            let (scope, uid, name, tk) = (
                m.scope().clone(),
                ctx.user()?.0.id.clone(),
                file_name,
                token.clone(),
            );
            state
                .db(move |s| {
                    s.write(|tx| supply::put_preview(tx, now(), &tk, &scope, &uid, &name, &file))
                })
                .await?;
            token
        }
        None => {
            let upload = pending::Upload {
                org: m.org.id.clone(),
                user: ctx.user()?.0.id.clone(),
                file_name,
                table,
                columns,
            };
            state
                .supplier_uploads
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .put(upload, Instant::now())
        }
    };
    let page = render(
        &ctx,
        &m,
        Outcome::Preview(report, token),
        FormState::default(),
    );
    Ok(page)
}

/// The previewed upload of `token`: from this server's memory, or — with several servers on one
/// database — from the database, read again from the file.
async fn take_upload(
    state: &Shared,
    token: &str,
    m: &hoshi_store::orgs::Membership,
    uid: &str,
    t: Tr,
) -> AppResult<Option<pending::Upload>> {
    if !state.store.is_shared() {
        return Ok(state
            .supplier_uploads
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take(token, &m.org.id, uid, Instant::now()));
    }
    let (scope, user, tk) = (m.scope().clone(), uid.to_string(), token.to_string());
    let Some((file_name, file)) = state
        .db(move |s| s.write(|tx| supply::take_preview(tx, now(), &tk, &scope, &user)))
        .await?
    else {
        return Ok(None);
    };
    Ok(match read_file(file, &file_name, t).await? {
        Ok((table, columns)) => Some(pending::Upload {
            org: m.org.id.clone(),
            user: uid.to_string(),
            file_name,
            table,
            columns,
        }),
        Err(_) => None,
    })
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    token: String,
}

/// `POST /o/{org}/suppliers/import/confirm`: registers the previewed file, checked again in the
/// write transaction, all rows or none; then the portfolio, which shows them at once.
pub async fn confirm(
    State(state): State<Shared>,
    Path(org): Path<OrgId>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, ConfirmForm>,
) -> AppResult<Response> {
    let t = ctx.t();
    let uid = ctx.user()?.0.id.clone();
    let taken = take_upload(&state, &f.token, &m, &uid, t).await?;
    let fs = FormState::new("import", &[]);
    let Some(up) = taken else {
        let fs = fs.message(None, t.s("bulk_expired").to_string());
        return Ok(unprocessable(render(&ctx, &m, Outcome::Form, fs)));
    };
    let (scope, oid) = (m.scope().clone(), m.org.id.clone());
    let done = state
        .db(move |s| {
            s.write(|tx| {
                let registered = Registered::new(&supply::registered(tx, &scope)?);
                let rows = check::check(&up.table, &up.columns, &registered, &t);
                let new: Vec<_> = rows
                    .iter()
                    .filter_map(|r| r.new_relationship(&oid))
                    .collect();
                if new.len() < rows.len() {
                    return Ok(Err(Report {
                        file_name: up.file_name.clone(),
                        columns: up.columns.clone(),
                        rows,
                    }));
                }
                supply::create_many(tx, now(), &uid, &oid, &up.file_name, &new)?;
                Ok(Ok(new.len()))
            })
        })
        .await;
    match checked(done, fs, ctx.lang)? {
        Ok(Ok(n)) => Ok(Redirect::to(&format!("/o/{org}/suppliers?imported={n}")).into_response()),
        Ok(Err(report)) => Ok(unprocessable(render(
            &ctx,
            &m,
            Outcome::Refused(report),
            FormState::default(),
        ))),
        Err(fs) => Ok(unprocessable(render(&ctx, &m, Outcome::Form, fs))),
    }
}
