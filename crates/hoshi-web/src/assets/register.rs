//! The register page: every asset with its support status, the spreadsheet import and export,
//! the yearly review, and the patch reports.

use hoshi_core::asset::{AssetKind, support_ended};
use hoshi_core::time::{date_jst, days_from_civil, parse_date};
use hoshi_store::assets::{self, Asset, Review, VulnReport};
use hoshi_xlsx::register as sheet;

use crate::kernel::prelude::*;

/// A year: the register is reviewed at least this often (3-1-1-4).
pub(super) const REVIEW_DAYS: i64 = 365;

pub(super) struct AssetRow {
    pub id: String,
    pub tag: String,
    pub kind: String,
    pub name: String,
    pub product: String,
    pub owner: String,
    pub support_end: String,
    /// `s-not-met` past support, `s-partial` within 90 days, empty otherwise.
    pub support_class: &'static str,
    pub support_note: String,
    pub software: i64,
}

pub(super) struct ReportRow {
    pub id: String,
    pub when: String,
    pub by: String,
    pub findings: i64,
    pub overdue: i64,
    pub support_ended: i64,
}

#[derive(Template)]
#[template(path = "assets/register.html")]
struct RegisterT {
    p: Page,
    org_id: String,
    org_name: String,
    can_edit: bool,
    fs: FormState,
    rows: Vec<AssetRow>,
    total: usize,
    kinds: Vec<(String, String, usize)>,
    kind: String,
    ended: usize,
    imported: Option<String>,
    ignored: String,
    reviewed: bool,
    last_review: Option<String>,
    review_due: String,
    review_overdue: bool,
    reports: Vec<ReportRow>,
    no_data: bool,
    attached: bool,
}

#[derive(Deserialize, Default)]
pub struct Flash {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    created: Option<usize>,
    #[serde(default)]
    updated: Option<usize>,
    #[serde(default)]
    unchanged: Option<usize>,
    #[serde(default)]
    ignored: String,
    #[serde(default)]
    reviewed: Option<u8>,
    #[serde(default)]
    no_data: Option<u8>,
    #[serde(default)]
    attached: Option<u8>,
}

/// Today in Japan.
pub(super) fn today() -> String {
    date_jst(now())
}

/// Days from `a` to `b` (`YYYY-MM-DD`).
fn days_between(a: &str, b: &str) -> Option<i64> {
    let (y1, m1, d1) = parse_date(a)?;
    let (y2, m2, d2) = parse_date(b)?;
    Some(days_from_civil(y2, m2, d2) - days_from_civil(y1, m1, d1))
}

pub(super) fn kind_label(code: &str, lang: Lang) -> String {
    AssetKind::from_code(code).map_or_else(|| code.to_string(), |k| k.label(lang).to_string())
}

/// The support status of an asset on `today`: class and words.
pub(super) fn support_status(t: &Tr, end: &str, today: &str) -> (&'static str, String) {
    if end.is_empty() {
        return ("", String::new());
    }
    if support_ended(end, today) {
        return ("s-not-met", t.s("assets_support_ended").to_string());
    }
    match days_between(today, end) {
        Some(d) if d <= 90 => ("s-partial", t.s("assets_support_soon").to_string()),
        _ => ("", String::new()),
    }
}

fn asset_row(ctx: &Ctx, a: &Asset, today: &str) -> AssetRow {
    let t = ctx.t();
    let (support_class, support_note) = support_status(&t, &a.input.support_end, today);
    let i = &a.input;
    // The maker once: `Microsoft 365 Business Standard`, not `Microsoft Microsoft 365 …`.
    let maker = if i.model.starts_with(&i.maker) || i.os.starts_with(&i.maker) {
        ""
    } else {
        i.maker.as_str()
    };
    let product = [maker, i.model.as_str(), i.os.as_str(), i.version.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    AssetRow {
        id: a.id.clone(),
        tag: i.tag.clone(),
        kind: kind_label(&i.kind, ctx.lang),
        name: i.name.clone(),
        product,
        owner: i.owner.clone(),
        support_end: i.support_end.clone(),
        support_class,
        support_note,
        software: a.software,
    }
}

pub(super) fn report_row(ctx: &Ctx, r: &VulnReport) -> ReportRow {
    ReportRow {
        id: r.id.clone(),
        when: ctx.time(r.created_at),
        by: r.created_by_name.clone(),
        findings: r.findings,
        overdue: r.overdue,
        support_ended: r.support_ended,
    }
}

/// When the next review is due: a year after the last one, or after the first asset.
pub(super) fn review_due(last: Option<&Review>, first_asset: Option<i64>) -> Option<i64> {
    last.map(|r| r.reviewed_at)
        .or(first_asset)
        .map(|t| t + REVIEW_DAYS * 86_400)
}

/// The register page, with `fs` when its import form is shown again.
pub(super) async fn render_register(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    flash: Flash,
    fs: FormState,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let (list, reviews, reports) = state
        .db(move |s| {
            s.read(|c| {
                Ok((
                    assets::list(c, &scope)?,
                    assets::reviews(c, &scope, 1)?,
                    assets::reports(c, &scope, 20)?,
                ))
            })
        })
        .await?;
    let today = today();
    let kinds = AssetKind::ALL
        .iter()
        .map(|k| {
            (
                k.code().to_string(),
                k.label(ctx.lang).to_string(),
                list.iter().filter(|a| a.input.kind == k.code()).count(),
            )
        })
        .filter(|(_, _, n)| *n > 0)
        .collect();
    let ended = list
        .iter()
        .filter(|a| a.input.support_ended(&today))
        .count();
    let rows = list
        .iter()
        .filter(|a| flash.kind.is_empty() || a.input.kind == flash.kind)
        .map(|a| asset_row(ctx, a, &today))
        .collect();
    let t = ctx.t();
    let imported = flash.created.map(|c| {
        format!(
            "{} {} {c} · {} {} · {} {}",
            t.s("assets_imported"),
            t.s("assets_created"),
            t.s("assets_changed"),
            flash.updated.unwrap_or(0),
            t.s("assets_unchanged"),
            flash.unchanged.unwrap_or(0)
        )
    });
    let first = list.iter().map(|a| a.updated_at).min();
    let due = review_due(reviews.first(), first);
    let mut p = Page::new(ctx, "assets_title");
    p.title = format!("{} — {}", t.s("assets_title"), m.org.name);
    Ok(html(RegisterT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        can_edit: m.role >= Role::Editor,
        fs,
        total: list.len(),
        rows,
        kinds,
        kind: flash.kind.clone(),
        ended,
        imported,
        ignored: flash.ignored.chars().take(500).collect(),
        reviewed: flash.reviewed.is_some(),
        last_review: reviews
            .first()
            .map(|r| format!("{} · {}", ctx.time(r.reviewed_at), r.reviewed_by_name)),
        review_due: due.map(date_jst).unwrap_or_default(),
        review_overdue: due.is_some_and(|d| d < now()),
        reports: reports.iter().map(|r| report_row(ctx, r)).collect(),
        no_data: flash.no_data.is_some(),
        attached: flash.attached.is_some(),
    }))
}

/// `GET /o/{org}/assets[?kind=pc]`
pub async fn register_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Query(flash): Query<Flash>,
) -> AppResult<Response> {
    render_register(&state, &ctx, &m, flash, FormState::default()).await
}

async fn all_inputs(
    state: &Shared,
    m: &hoshi_store::orgs::Membership,
) -> AppResult<Vec<hoshi_core::asset::AssetInput>> {
    let scope = m.scope().clone();
    let list = state
        .db(move |s| s.read(|c| assets::list(c, &scope)))
        .await?;
    Ok(list.into_iter().map(|a| a.input).collect())
}

fn file_name(m: &hoshi_store::orgs::Membership, what: &str, ext: &str) -> String {
    format!("{}_{what}_{}.{ext}", m.org.name, today())
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// `GET /o/{org}/assets/register.csv`
pub async fn export_csv(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
) -> AppResult<Response> {
    let all = all_inputs(&state, &m).await?;
    let name = file_name(&m, ctx.t().s("assets_title"), "csv");
    Ok(download(
        "text/csv; charset=utf-8",
        &name,
        sheet::to_csv(&all, ctx.lang),
    ))
}

/// `GET /o/{org}/assets/register.xlsx`
pub async fn export_xlsx(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
) -> AppResult<Response> {
    let all = all_inputs(&state, &m).await?;
    let bytes = sheet::to_xlsx(&all, ctx.lang)
        .map_err(|e| AppError::Internal(format!("register export: {e}")))?;
    let name = file_name(&m, ctx.t().s("assets_title"), "xlsx");
    Ok(download(XLSX, &name, bytes))
}

/// `GET /o/{org}/assets/template.csv`
pub async fn template_csv(Member { ctx, .. }: Member<Viewer>) -> AppResult<Response> {
    let name = format!(
        "{}_{}.csv",
        ctx.t().s("assets_title"),
        ctx.t().s("assets_template")
    );
    Ok(download(
        "text/csv; charset=utf-8",
        &name,
        sheet::to_csv(&[], ctx.lang),
    ))
}

/// `GET /o/{org}/assets/template.xlsx`
pub async fn template_xlsx(Member { ctx, .. }: Member<Viewer>) -> AppResult<Response> {
    let bytes = sheet::to_xlsx(&[], ctx.lang)
        .map_err(|e| AppError::Internal(format!("register template: {e}")))?;
    let name = format!(
        "{}_{}.xlsx",
        ctx.t().s("assets_title"),
        ctx.t().s("assets_template")
    );
    Ok(download(XLSX, &name, bytes))
}

/// `POST /o/{org}/assets/import`: a register file, all rows or none.
pub async fn import(State(state): State<Shared>, upload: OrgUpload<Editor>) -> AppResult<Response> {
    let (Member { ctx, m, .. }, up) = upload.read_or_problem(state.config.max_upload).await?;
    let fs = FormState::new("import", &[]);
    let up = match up {
        Ok(up) => up,
        Err(e) => {
            let fs = fs.problem(&e, ctx.lang);
            return Ok(unprocessable(
                render_register(&state, &ctx, &m, Flash::default(), fs).await?,
            ));
        }
    };
    let read = match sheet::read(&up.bytes) {
        Ok(r) => r,
        Err(e) => {
            let mut fs = fs;
            for line in e.lines(ctx.lang) {
                fs = fs.message(Some("file"), line);
            }
            return Ok(unprocessable(
                render_register(&state, &ctx, &m, Flash::default(), fs).await?,
            ));
        }
    };
    let uid = ctx.user()?.0.id.clone();
    let org = m.org.id.clone();
    let file = up.file_name.clone();
    let rows: Vec<_> = read.assets.into_iter().map(|(_, a)| a).collect();
    let columns = read.columns.clone();
    let done = state
        .db(move |s| {
            s.write(|tx| {
                assets::import(
                    tx,
                    now(),
                    &uid,
                    &org,
                    &rows,
                    &columns,
                    assets::From::File(&file),
                )
            })
        })
        .await;
    match checked(done, fs, ctx.lang)? {
        Ok(d) => {
            let ignored = hoshi_core::text::percent_encode(&read.ignored.join("、"), b"");
            Ok(Redirect::to(&format!(
                "/o/{}/assets?created={}&updated={}&unchanged={}&ignored={ignored}#import",
                m.org.id, d.created, d.updated, d.unchanged
            ))
            .into_response())
        }
        Err(fs) => Ok(unprocessable(
            render_register(&state, &ctx, &m, Flash::default(), fs).await?,
        )),
    }
}

#[derive(Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    note: String,
}

/// `POST /o/{org}/assets/review`: records the yearly review.
pub async fn review(
    State(state): State<Shared>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, ReviewForm>,
) -> AppResult<Response> {
    let note = f.note.trim().to_string();
    let fs = FormState::new("review", &[("note", &note)]);
    let done = if note.chars().count() > hoshi_core::asset::MAX_NOTES {
        Err(AppError::BadRequest(hoshi_core::UserError::TooLong {
            field: "note",
            max: hoshi_core::asset::MAX_NOTES,
        }))
    } else {
        let uid = ctx.user()?.0.id.clone();
        let org = m.org.id.clone();
        state
            .db(move |s| s.write(|tx| assets::record_review(tx, now(), &uid, &org, &note)))
            .await
    };
    match checked(done, fs, ctx.lang)? {
        Ok(()) => {
            Ok(Redirect::to(&format!("/o/{}/assets?reviewed=1#review", m.org.id)).into_response())
        }
        Err(fs) => Ok(unprocessable(
            render_register(&state, &ctx, &m, Flash::default(), fs).await?,
        )),
    }
}
