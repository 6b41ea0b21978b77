//! Buyers and suppliers in the browser: the buyer's portfolio and supplier pages, registration
//! with the decision tree, invitations, the supplier's acceptance and its sharing controls.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use hoshi_core::{LevelAnswers, Question, decide};
use hoshi_store::orgs::{self, Role};
use hoshi_store::supply::{self, NewRelationship, PortfolioRow, Scope};
use hoshi_store::{StoreError, assessments};
use serde::Deserialize;

use crate::ctx::{Ctx, PRE_COOKIE, SESSION_COOKIE, add_cookie, set_cookie};
use crate::error::{AppError, AppForm, AppResult, CsrfOnly};
use crate::i18n::Tr;
use crate::pages::{Page, html};
use crate::{Shared, now};

/// Where a supplier stands, as the buyer sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum State_ {
    Invited,
    NotShared,
    Draft,
    Submitted,
    InReview,
    Returned,
    Confirmed,
    Expired,
}

impl State_ {
    pub const ALL: [State_; 8] = [
        State_::Invited,
        State_::NotShared,
        State_::Draft,
        State_::Submitted,
        State_::InReview,
        State_::Returned,
        State_::Confirmed,
        State_::Expired,
    ];

    pub fn id(self) -> &'static str {
        match self {
            State_::Invited => "invited",
            State_::NotShared => "not-shared",
            State_::Draft => "draft",
            State_::Submitted => "submitted",
            State_::InReview => "in-review",
            State_::Returned => "returned",
            State_::Confirmed => "confirmed",
            State_::Expired => "expired",
        }
    }

    pub fn label(self, t: &Tr) -> &'static str {
        t.s(match self {
            State_::Invited => "st_invited",
            State_::NotShared => "st_not_shared",
            State_::Draft => "st_draft",
            State_::Submitted => "st_submitted",
            State_::InReview => "st_in_review",
            State_::Returned => "st_returned",
            State_::Confirmed => "st_confirmed",
            State_::Expired => "st_expired",
        })
    }
}

/// The derived view of one portfolio line.
pub struct Line {
    pub row: PortfolioRow,
    pub state: State_,
    /// Level reached: shared, confirmed by an expert, declared by management, still valid; or a
    /// verified attestation from another hoshi instance, still valid.
    pub achieved: Option<u8>,
    pub overdue: bool,
    pub expiring: bool,
    /// The supplier's name in lower case, for search.
    pub name_lower: String,
}

pub fn line(row: PortfolioRow, today: &str, expiring_before: &str) -> Line {
    let state = if row.relationship.supplier_org.is_none() {
        State_::Invited
    } else if row.scope.is_none() {
        State_::NotShared
    } else {
        match row.review_status.as_deref() {
            Some("submitted") => State_::Submitted,
            Some("in-review") => State_::InReview,
            Some("returned") => State_::Returned,
            Some("confirmed") if row.valid_until.as_deref().is_some_and(|v| v < today) => {
                State_::Expired
            }
            Some("confirmed") => State_::Confirmed,
            _ => State_::Draft,
        }
    };
    let here = (state == State_::Confirmed && row.declared)
        .then_some(row.assessment_level)
        .flatten();
    // A verified attestation from another instance counts while it is within its validity.
    let imported = row
        .imported
        .as_ref()
        .filter(|(_, until)| until.as_str() >= today)
        .map(|(level, _)| *level);
    let achieved = here.max(imported);
    let overdue = row
        .relationship
        .due_date
        .as_deref()
        .is_some_and(|d| d < today)
        && achieved.is_none_or(|a| a < row.relationship.required_level);
    let expiring = state == State_::Confirmed
        && row
            .valid_until
            .as_deref()
            .is_some_and(|v| v < expiring_before);
    Line {
        name_lower: row.relationship.supplier_name.to_lowercase(),
        row,
        state,
        achieved,
        overdue,
        expiring,
    }
}

fn today_and_soon() -> (String, String) {
    (
        hoshi_core::time::date(now()),
        hoshi_core::time::date(now() + 60 * 86_400),
    )
}

// ---------------------------------------------------------------- portfolio

#[derive(Deserialize, Default)]
pub struct PortfolioQuery {
    #[serde(default)]
    status: String,
    #[serde(default)]
    flag: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    sort: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: Option<usize>,
    #[serde(default)]
    created: Option<String>,
}

pub struct LineView {
    pub id: String,
    pub name: String,
    pub number: String,
    pub required: String,
    pub achieved: String,
    pub state: String,
    pub state_id: &'static str,
    pub due: String,
    pub overdue: bool,
    pub expiring: bool,
    pub valid_until: String,
}

#[derive(Template)]
#[template(path = "portfolio.html")]
struct PortfolioT {
    p: Page,
    org_id: String,
    org_name: String,
    lines: Vec<LineView>,
    total: usize,
    shown: usize,
    page: usize,
    pages: usize,
    chart: String,
    states: Vec<(&'static str, String, usize)>,
    f_status: String,
    f_flag: String,
    f_level: String,
    f_sort: String,
    f_q: String,
    query: String,
    can_edit: bool,
    questions: Vec<(String, String)>,
}

pub const PAGE_SIZE: usize = 200;

fn filtered<'a>(lines: &'a [Line], q: &PortfolioQuery) -> Vec<&'a Line> {
    let needle = q.q.trim().to_lowercase();
    // An unknown level matches nothing (0 is no level).
    let level = (!q.level.is_empty()).then(|| q.level.parse::<u8>().unwrap_or(0));
    let mut v: Vec<&Line> = lines
        .iter()
        .filter(|l| q.status.is_empty() || l.state.id() == q.status)
        .filter(|l| match q.flag.as_str() {
            "overdue" => l.overdue,
            "expiring" => l.expiring,
            _ => true,
        })
        .filter(|l| level.is_none_or(|lv| l.row.relationship.required_level == lv))
        .filter(|l| {
            needle.is_empty()
                || l.name_lower.contains(&needle)
                || l.row.relationship.corporate_number.contains(&needle)
        })
        .collect();
    match q.sort.as_str() {
        "due" => v.sort_by(|a, b| {
            (
                a.row.relationship.due_date.is_none(),
                &a.row.relationship.due_date,
            )
                .cmp(&(
                    b.row.relationship.due_date.is_none(),
                    &b.row.relationship.due_date,
                ))
        }),
        "status" => v.sort_by_key(|l| l.state),
        "level" => v.sort_by_key(|l| std::cmp::Reverse(l.row.relationship.required_level)),
        _ => {}
    }
    v
}

fn view(t: &Tr, l: &Line) -> LineView {
    let r = &l.row.relationship;
    LineView {
        id: r.id.clone(),
        name: r.supplier_name.clone(),
        number: r.corporate_number.clone(),
        required: format!("★{}", r.required_level),
        achieved: l
            .achieved
            .map(|a| format!("★{a}"))
            .unwrap_or_else(|| "—".into()),
        state: l.state.label(t).to_string(),
        state_id: l.state.id(),
        due: r.due_date.clone().unwrap_or_default(),
        overdue: l.overdue,
        expiring: l.expiring,
        valid_until: l.row.valid_until.clone().unwrap_or_default(),
    }
}

/// Counts by status as horizontal bars.
fn status_chart(t: &Tr, counts: &[(State_, usize)]) -> String {
    let max = counts.iter().map(|c| c.1).max().unwrap_or(0).max(1);
    let row = 26.0;
    let label_w = 170.0;
    let bar_w = 360.0;
    let h = row * counts.len() as f64 + 8.0;
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {h}" width="100%" role="img" aria-label="{}">"#,
        label_w + bar_w + 60.0,
        crate::pages::esc(t.s("status_counts"))
    );
    for (i, (st, n)) in counts.iter().enumerate() {
        let y = i as f64 * row + 4.0;
        let w = bar_w * (*n as f64) / (max as f64);
        let colour = match st {
            State_::Confirmed => "#2e7d32",
            State_::Expired | State_::Returned => "#c62828",
            State_::Invited | State_::NotShared => "#90a4ae",
            _ => "#f9a825",
        };
        s.push_str(&format!(
            r#"<text x="0" y="{:.1}" font-size="13" dominant-baseline="middle">{}</text><rect x="{label_w}" y="{y:.1}" width="{w:.1}" height="18" fill="{colour}"/><text x="{:.1}" y="{:.1}" font-size="13" dominant-baseline="middle">{n}</text>"#,
            y + 9.0,
            crate::pages::esc(st.label(t)),
            label_w + w + 6.0,
            y + 9.0
        ));
    }
    s.push_str("</svg>");
    s
}

/// A buyer's portfolio as computed at a store generation on a date.
#[derive(Clone)]
pub struct CachedPortfolio {
    generation: i64,
    today: String,
    lines: Arc<Vec<Line>>,
}

/// Buyers whose portfolios are kept in memory at most (the least recently computed go first).
const CACHED_BUYERS: usize = 256;

/// The cached portfolio if it is at least as new as `generation` (generations only grow).
fn cached(state: &Shared, org_id: &str, generation: i64, today: &str) -> Option<Arc<Vec<Line>>> {
    let map = state.portfolios.lock().unwrap_or_else(|p| p.into_inner());
    map.get(org_id)
        .filter(|c| c.generation >= generation && c.today == today)
        .map(|c| c.lines.clone())
}

/// Every line of a buyer's portfolio. Reading the whole portfolio of 10,000 suppliers takes tens
/// of milliseconds, so the result is kept and reused until the store's portfolio generation (bumped
/// by triggers on every relevant change, by any writer) or the date moves. Checking the generation
/// is one tiny query, so a change is visible on the very next request.
async fn load_lines(state: &Shared, org_id: &str) -> AppResult<Arc<Vec<Line>>> {
    let generation = state.db(|s| s.read(supply::portfolio_generation)).await?;
    let (today, soon) = today_and_soon();
    if let Some(lines) = cached(state, org_id, generation, &today) {
        return Ok(lines);
    }
    let flight = {
        let mut f = state
            .portfolio_flights
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if f.len() > CACHED_BUYERS * 4 {
            f.retain(|_, m| Arc::strong_count(m) > 1);
        }
        f.entry(org_id.to_string()).or_default().clone()
    };
    let _one = flight.lock().await;
    // Someone else may have computed it (at this generation or later) while we waited.
    if let Some(lines) = cached(state, org_id, generation, &today) {
        return Ok(lines);
    }
    let oid = org_id.to_string();
    // The generation is read in the same snapshot as the rows, so the tag is never newer than
    // the data it labels.
    let (generation, rows) = state
        .db(move |s| {
            s.read(|c| {
                c.execute_batch("BEGIN")?;
                let r = (|| {
                    Ok((
                        supply::portfolio_generation(c)?,
                        supply::portfolio(c, &oid)?,
                    ))
                })();
                c.execute_batch("COMMIT")?;
                r
            })
        })
        .await?;
    let lines: Arc<Vec<Line>> =
        Arc::new(rows.into_iter().map(|r| line(r, &today, &soon)).collect());
    let mut map = state.portfolios.lock().unwrap_or_else(|p| p.into_inner());
    if map.len() >= CACHED_BUYERS && !map.contains_key(org_id) {
        map.clear();
    }
    map.insert(
        org_id.to_string(),
        CachedPortfolio {
            generation,
            today,
            lines: lines.clone(),
        },
    );
    Ok(lines)
}

pub async fn portfolio(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(org): Path<String>,
    Query(q): Query<PortfolioQuery>,
) -> AppResult<Response> {
    let m = ctx.org(&state, &org).await?;
    let all = load_lines(&state, &m.org.id).await?;
    let t = ctx.t();
    let counts: Vec<(State_, usize)> = State_::ALL
        .iter()
        .map(|s| (*s, all.iter().filter(|l| l.state == *s).count()))
        .collect();
    let total = all.len();
    let lines = filtered(&all, &q);
    let shown = lines.len();
    let pages = shown.div_ceil(PAGE_SIZE).max(1);
    let page = q.page.unwrap_or(1).clamp(1, pages);
    let views: Vec<LineView> = lines
        .iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|l| view(&t, l))
        .collect();
    let query = format!(
        "status={}&flag={}&level={}&sort={}&q={}",
        enc(&q.status),
        enc(&q.flag),
        enc(&q.level),
        enc(&q.sort),
        enc(&q.q)
    );
    let mut p = Page::new(&ctx, "portfolio");
    p.title = format!("{} — {}", t.s("portfolio"), m.org.name);
    if q.created.is_some() {
        p.flash = Some(t.s("saved").to_string());
    }
    Ok(html(PortfolioT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        lines: views,
        total,
        shown,
        page,
        pages,
        chart: status_chart(&t, &counts),
        states: counts
            .iter()
            .map(|(s, n)| (s.id(), s.label(&t).to_string(), *n))
            .collect(),
        f_status: q.status.clone(),
        f_flag: q.flag.clone(),
        f_level: q.level.clone(),
        f_sort: q.sort.clone(),
        f_q: q.q.clone(),
        query,
        can_edit: m.role.can_edit(),
        questions: Question::ALL
            .iter()
            .map(|q| (q.id().to_string(), q.prompt().get(t.lang).to_string()))
            .collect(),
    }))
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn csv_field(s: &str) -> String {
    // Quote everything; neutralise spreadsheet formulas (=, +, -, @ at the start).
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// `GET /o/{org}/suppliers.csv`: the filtered portfolio as CSV (UTF-8 with BOM, for Excel).
pub async fn portfolio_csv(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(org): Path<String>,
    Query(q): Query<PortfolioQuery>,
) -> AppResult<Response> {
    let m = ctx.org(&state, &org).await?;
    let t = ctx.t();
    let all = load_lines(&state, &m.org.id).await?;
    let lines = filtered(&all, &q);
    let mut out = String::from("\u{feff}");
    let head = [
        "supplier",
        "corporate_number",
        "required_level",
        "achieved_level",
        "status",
        "due_date",
        "overdue",
        "expiring",
        "valid_until",
    ];
    out.push_str(&head.join(","));
    out.push_str("\r\n");
    for l in &lines {
        let v = view(&t, l);
        let fields = [
            v.name,
            v.number,
            l.row.relationship.required_level.to_string(),
            l.achieved.map(|a| a.to_string()).unwrap_or_default(),
            l.state.id().to_string(),
            v.due,
            l.overdue.to_string(),
            l.expiring.to_string(),
            v.valid_until,
        ];
        out.push_str(
            &fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"hoshi-suppliers.csv\"".to_string(),
            ),
        ],
        out,
    )
        .into_response())
}

/// `GET /o/{org}/suppliers.xlsx`: the filtered portfolio as an Excel workbook, headers in the
/// user's language, levels as numbers and flags as TRUE/FALSE so that buyers can filter and sum.
pub async fn portfolio_xlsx(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(org): Path<String>,
    Query(q): Query<PortfolioQuery>,
) -> AppResult<Response> {
    use hoshi_xlsx::TableCell as C;
    let m = ctx.org(&state, &org).await?;
    // Building a workbook is CPU- and memory-heavy: at most as many at once as there are cores.
    let _slot = state
        .exports
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let t = ctx.t();
    let all = load_lines(&state, &m.org.id).await?;
    let lines = filtered(&all, &q);
    let headers: Vec<String> = [
        "supplier_name",
        "corporate_number",
        "required_level",
        "achieved_level",
        "status",
        "due_date",
        "overdue",
        "expiring",
        "valid_until",
    ]
    .iter()
    .map(|k| t.s(k).to_string())
    .collect();
    let rows: Vec<Vec<C>> = lines
        .iter()
        .map(|l| {
            let v = view(&t, l);
            let text = |s: String| if s.is_empty() { C::Empty } else { C::Text(s) };
            vec![
                C::Text(v.name),
                C::Text(v.number),
                C::Number(f64::from(l.row.relationship.required_level)),
                l.achieved
                    .map(|a| C::Number(f64::from(a)))
                    .unwrap_or(C::Empty),
                C::Text(v.state),
                text(v.due),
                C::Bool(l.overdue),
                C::Bool(l.expiring),
                text(v.valid_until),
            ]
        })
        .collect();
    let bytes = tokio::task::spawn_blocking(move || {
        hoshi_xlsx::table(t.s("portfolio_sheet"), &headers, &rows)
    })
    .await?
    .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"hoshi-suppliers.xlsx\"".to_string(),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// `GET /o/{org}/suppliers/{rel}/evidence/{eid}`: a buyer downloads an evidence file, only while
/// the supplier shares everything with it and only evidence linked to the shared assessment.
pub async fn shared_evidence(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, rel, eid)): Path<(String, String, String)>,
) -> AppResult<Response> {
    let m = ctx.org(&state, &org).await?;
    if !hoshi_store::is_id(&rel) || !hoshi_store::is_id(&eid) {
        return Err(AppError::NotFound);
    }
    let (oid, rid, eid2) = (m.org.id.clone(), rel.clone(), eid.clone());
    let supplier = state
        .db(move |s| {
            s.read(|c| {
                let r = supply::for_buyer_one(c, &oid, &rid)?;
                let (Some(sh), Some(so)) = (supply::share_of(c, &r.id)?, r.supplier_org) else {
                    return Err(hoshi_store::StoreError::NotFound);
                };
                if sh.scope != Scope::Full {
                    return Err(hoshi_store::StoreError::NotFound);
                }
                let linked = hoshi_store::evidence::for_assessment(c, &sh.assessment_id)?
                    .iter()
                    .any(|(_, e)| e.id == eid2 && e.org_id == so);
                if linked {
                    Ok(so)
                } else {
                    Err(hoshi_store::StoreError::NotFound)
                }
            })
        })
        .await?;
    crate::evidence::send_file(&state, &supplier, &eid).await
}

#[derive(Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    supplier_name: String,
    #[serde(default)]
    corporate_number: String,
    #[serde(default)]
    contact_name: String,
    #[serde(default)]
    contact_email: String,
    #[serde(default)]
    supplies: String,
    #[serde(default, rename = "confidential-info")]
    confidential_info: String,
    #[serde(default, rename = "unacceptable-delay")]
    unacceptable_delay: String,
    #[serde(default, rename = "system-access")]
    system_access: String,
    #[serde(default)]
    due_date: String,
}

fn yes_no(v: &str, what: &str) -> AppResult<bool> {
    match v {
        "yes" => Ok(true),
        "no" => Ok(false),
        _ => Err(AppError::BadRequest(format!("decision_unanswered: {what}"))),
    }
}

/// `POST /o/{org}/suppliers`: register a supplier; the decision tree sets the required level.
pub async fn register(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(org): Path<String>,
    AppForm(f): AppForm<RegisterForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&f._csrf)?;
    let m = ctx.org_role(&state, &org, Role::Editor).await?;
    let answers = LevelAnswers {
        confidential_info: yes_no(&f.confidential_info, "confidential-info")?,
        unacceptable_delay: yes_no(&f.unacceptable_delay, "unacceptable-delay")?,
        system_access: yes_no(&f.system_access, "system-access")?,
    };
    let uid = ctx.user()?.0.id.clone();
    let oid = m.org.id.clone();
    let rel = state
        .db(move |s| {
            s.write(|tx| {
                supply::create(
                    tx,
                    now(),
                    &uid,
                    NewRelationship {
                        buyer_org: &oid,
                        supplier_name: &f.supplier_name,
                        corporate_number: &f.corporate_number,
                        contact_name: &f.contact_name,
                        contact_email: &f.contact_email,
                        supplies: &f.supplies,
                        answers,
                        due_date: Some(f.due_date.trim()).filter(|d| !d.is_empty()),
                    },
                )
            })
        })
        .await?;
    Ok(Redirect::to(&format!("/o/{org}/suppliers/{}", rel.id)).into_response())
}

// ---------------------------------------------------------------- one supplier, as the buyer sees it

pub struct Shared_ {
    pub scope: String,
    pub title: String,
    pub level: String,
    pub status: String,
    pub verdict: String,
    pub reached: bool,
    pub valid_until: String,
    pub declared: String,
    pub percent: u32,
    pub chart: String,
    pub gaps: Vec<(String, String, String, u8)>,
    pub answers: Vec<(String, String, String, String)>,
    /// Evidence linked to the shared assessment (full sharing only).
    pub evidence: Vec<SharedEvidence>,
    pub summary: bool,
    pub full: bool,
}

pub struct SharedEvidence {
    pub criterion: String,
    pub id: String,
    pub title: String,
    pub file: String,
    pub effective: String,
    pub expired: bool,
}

#[derive(Template)]
#[template(path = "supplier.html")]
struct SupplierT {
    p: Page,
    org_id: String,
    org_name: String,
    rel_id: String,
    name: String,
    number: String,
    contact: String,
    supplies: String,
    required: String,
    reasons: Vec<(String, String)>,
    advice: String,
    due: String,
    accepted: bool,
    supplier_org_name: String,
    invite_link: Option<String>,
    /// Delivery of the latest invitation mail, in words.
    mail_status: Option<String>,
    mailing: bool,
    shared: Option<Shared_>,
    can_edit: bool,
    /// Signed results from other hoshi instances, verified again on every view.
    imported: Vec<crate::attest::ImportedView>,
}

/// "Sent to … at …", "waiting", or "could not be sent: …".
fn mail_status(t: &crate::i18n::Tr, m: &hoshi_store::mail::Outgoing) -> String {
    if let Some(at) = m.sent_at {
        format!(
            "{} {} ({})",
            t.s("mail_sent"),
            m.recipient,
            hoshi_core::time::minutes(at)
        )
    } else if m.failed_at.is_some() {
        format!(
            "{} {} — {}",
            t.s("mail_failed"),
            m.recipient,
            m.last_error.clone().unwrap_or_default()
        )
    } else {
        let mut s = format!("{} {}", t.s("mail_queued"), m.recipient);
        if let Some(e) = &m.last_error {
            s.push_str(&format!(" — {} ({e})", t.s("mail_retrying")));
        }
        s
    }
}

async fn render_supplier(
    state: &Shared,
    ctx: &Ctx,
    org: &str,
    rel: &str,
    invite_link: Option<String>,
) -> AppResult<Response> {
    let m = ctx.org(state, org).await?;
    if !hoshi_store::is_id(rel) {
        return Err(AppError::NotFound);
    }
    let (oid, rid) = (m.org.id.clone(), rel.to_string());
    let (r, supplier_name, shared, (mail, imported)) = state
        .db(move |s| {
            s.read(|c| {
                let r = supply::for_buyer_one(c, &oid, &rid)?;
                let name = match &r.supplier_org {
                    Some(so) => Some(hoshi_store::orgs::name(c, so)?),
                    None => None,
                };
                // What the supplier shares: read through the share row on every request.
                let shared = match (supply::share_of(c, &r.id)?, &r.supplier_org) {
                    (Some(sh), Some(so)) => {
                        let a = assessments::get(c, so, &sh.assessment_id)?;
                        let answers = assessments::answers(c, &a.id)?;
                        let review = crate::review::review_of(c, &a.id)?;
                        let evidence = if sh.scope == Scope::Full {
                            hoshi_store::evidence::for_assessment(c, &a.id)?
                        } else {
                            vec![]
                        };
                        Some((sh, a, answers, review, evidence))
                    }
                    _ => None,
                };
                let mail = hoshi_store::mail::latest_for(c, &oid, "supplier_invite", &r.id)?;
                let imported = hoshi_store::attestations::imported(c, &oid, &r.id)?;
                Ok((r, name, shared, (mail, imported)))
            })
        })
        .await?;
    let t = ctx.t();
    let lang = t.lang;
    let d = decide(r.answers);
    let shared = match shared {
        None => None,
        Some((sh, a, answers, review, evidence)) => {
            let c = crate::pages::catalog_for(state, &a)?;
            let e = hoshi_core::evaluate_unchecked(c, &assessments::to_core(&a, &answers, ""));
            let (today, _) = today_and_soon();
            let status = crate::review::status_label(&t, review.as_ref(), &today);
            let summary = sh.scope >= Scope::Summary;
            let full = sh.scope == Scope::Full;
            Some(Shared_ {
                scope: t.s(&format!("scope_{}", sh.scope.id())).to_string(),
                title: a.title.clone(),
                level: c
                    .level(a.level)
                    .map(|l| l.label.get(lang).to_string())
                    .unwrap_or_default(),
                status,
                verdict: e.verdict_line(c, lang),
                reached: e.target_reached,
                valid_until: review
                    .as_ref()
                    .and_then(|r| r.valid_until.clone())
                    .unwrap_or_default(),
                declared: crate::review::declared_text(review.as_ref()),
                percent: if summary { e.overall.percent() } else { 0 },
                chart: if summary {
                    hoshi_report::category_chart(&e, lang)
                } else {
                    String::new()
                },
                gaps: if full {
                    e.gaps
                        .iter()
                        .map(|g| {
                            (
                                g.criterion.clone(),
                                c.criterion(&g.criterion)
                                    .map(|x| x.text.get(lang).to_string())
                                    .unwrap_or_default(),
                                g.status.label().get(lang).to_string(),
                                g.risk,
                            )
                        })
                        .collect()
                } else {
                    vec![]
                },
                answers: if full {
                    answers
                        .values()
                        .map(|x| {
                            (
                                x.criterion_id.clone(),
                                x.answer.status.label().get(lang).to_string(),
                                x.answer.reason.clone(),
                                x.answer.evidence.join(" / "),
                            )
                        })
                        .collect()
                } else {
                    vec![]
                },
                evidence: evidence
                    .into_iter()
                    .map(|(crit, e)| SharedEvidence {
                        expired: e.expired(&today),
                        criterion: crit,
                        id: e.id,
                        title: e.title,
                        file: e.file_name.or(e.url).unwrap_or_default(),
                        effective: e.effective_date,
                    })
                    .collect(),
                summary,
                full,
            })
        }
    };
    let mut p = Page::new(ctx, "portfolio");
    p.title = format!("{} — {}", r.supplier_name, m.org.name);
    Ok(html(SupplierT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        rel_id: r.id.clone(),
        name: r.supplier_name.clone(),
        number: r.corporate_number.clone(),
        contact: [r.contact_name.clone(), r.contact_email.clone()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" / "),
        supplies: r.supplies.clone(),
        required: format!("★{}", r.required_level),
        reasons: d
            .reasons
            .iter()
            .map(|x| {
                (
                    t.s(if x.answer { "yes" } else { "no" }).to_string(),
                    x.text.get(lang).to_string(),
                )
            })
            .collect(),
        advice: d.advice.get(lang).to_string(),
        due: r.due_date.clone().unwrap_or_default(),
        accepted: r.supplier_org.is_some(),
        supplier_org_name: supplier_name.unwrap_or_default(),
        invite_link,
        mail_status: mail.map(|x| mail_status(&t, &x)),
        mailing: state.config.mail.is_some(),
        shared,
        can_edit: m.role.can_edit(),
        imported: {
            let (today, _) = today_and_soon();
            imported
                .iter()
                .map(|a| crate::attest::imported_view(a, &today, lang))
                .collect()
        },
    }))
}

pub async fn supplier_page(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, rel)): Path<(String, String)>,
) -> AppResult<Response> {
    render_supplier(&state, &ctx, &org, &rel, None).await
}

/// Days an invitation link stays usable.
pub const INVITE_DAYS: i64 = 14;

/// `POST /o/{org}/suppliers/{rel}/invite`: a fresh single-use link (mailed when SMTP is set up).
pub async fn invite(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, rel)): Path<(String, String)>,
    AppForm(f): AppForm<CsrfOnly>,
) -> AppResult<Response> {
    ctx.check_csrf(&f._csrf)?;
    let m = ctx.org_role(&state, &org, Role::Editor).await?;
    if !hoshi_store::is_id(&rel) {
        return Err(AppError::NotFound);
    }
    let uid = ctx.user()?.0.id.clone();
    let (oid, rid) = (m.org.id.clone(), rel.clone());
    let base = state.config.public_url.trim_end_matches('/').to_string();
    let mailing = state.config.mail.is_some();
    let buyer = m.org.name.clone();
    let (link, queued) = state
        .db(move |s| {
            s.write(|tx| {
                let n = now();
                let token = supply::invite(tx, n, &uid, &oid, &rid, INVITE_DAYS)?;
                let link = format!("{base}/supplier-invite/{token}");
                // Mailed when SMTP is set up and the contact's address is usable; the mail is
                // queued in this transaction, so it exists exactly when the invitation does.
                let r = supply::for_buyer_one(tx, &oid, &rid)?;
                let queued = mailing && hoshi_mail::check_address(&r.contact_email).is_ok();
                if queued {
                    let (subject, body) = crate::mail::supplier_invite_text(
                        &buyer,
                        &r,
                        &link,
                        n + INVITE_DAYS * 86_400,
                    );
                    hoshi_store::mail::enqueue(
                        tx,
                        n,
                        hoshi_store::mail::NewMail {
                            org_id: Some(&oid),
                            kind: "supplier_invite",
                            ref_id: &rid,
                            recipient: &r.contact_email,
                            subject: &subject,
                            body: &body,
                        },
                    )?;
                }
                Ok((link, queued))
            })
        })
        .await?;
    if queued {
        state.mail_wake.notify_one();
    }
    render_supplier(&state, &ctx, &org, &rel, Some(link)).await
}

// ---------------------------------------------------------------- the supplier's side

#[derive(Template)]
#[template(path = "supplier_invite.html")]
struct SupplierInviteT {
    p: Page,
    token: String,
    buyer: String,
    supplier_name: String,
    required: String,
    due: String,
    supplies: String,
    signed_in: bool,
    owned: Vec<(String, String)>,
    pre: String,
}

pub async fn invite_page(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let tk = token.clone();
    let (rel, buyer) = state
        .db(move |s| s.read(|c| supply::invitation(c, now(), &tk)))
        .await?
        .ok_or_else(|| AppError::BadRequest("supplier_invite_invalid".into()))?;
    let mut headers = HeaderMap::new();
    let (signed_in, owned) = match ctx.user() {
        Ok((u, _)) => {
            let uid = u.id.clone();
            let ms = state
                .db(move |s| s.read(|c| orgs::for_user(c, &uid)))
                .await?;
            (
                true,
                ms.into_iter()
                    .filter(|m| m.role == Role::Owner && m.org.id != rel.buyer_org)
                    .map(|m| (m.org.id, m.org.name))
                    .collect(),
            )
        }
        Err(_) => (false, vec![]),
    };
    let pre = match &ctx.pre {
        Some(p) => p.clone(),
        None => {
            let p = hoshi_store::new_token();
            add_cookie(
                &mut headers,
                set_cookie(PRE_COOKIE, &p, Some(3600), state.config.secure_cookies),
            );
            p
        }
    };
    let mut r = html(SupplierInviteT {
        p: Page::new(&ctx, "supplier_invite_title"),
        token,
        buyer,
        supplier_name: rel.supplier_name.clone(),
        required: format!("★{}", rel.required_level),
        due: rel.due_date.clone().unwrap_or_default(),
        supplies: rel.supplies.clone(),
        signed_in,
        owned,
        pre,
    });
    for (k, v) in headers.iter() {
        r.headers_mut().append(k, v.clone());
    }
    Ok(r)
}

#[derive(Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    org: String,
    #[serde(default)]
    org_name: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password2: String,
}

/// `POST /supplier-invite/{token}`: accept into an owned organisation or a new one (creating the
/// account first when the visitor has none).
pub async fn accept(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(token): Path<String>,
    AppForm(f): AppForm<AcceptForm>,
) -> AppResult<Response> {
    let tk = token.clone();
    let (user_id, new_session) = crate::pages::user_or_signup(
        &state,
        &ctx,
        &f._csrf,
        crate::pages::SignupCheck {
            display_name: &f.display_name,
            email: &f.email,
            password: &f.password,
            password2: &f.password2,
        },
        move |tx| {
            supply::invitation(tx, now(), &tk)?
                .ok_or_else(|| StoreError::Invalid("supplier_invite_invalid".into()))?;
            Ok(())
        },
    )
    .await?;
    let (uid, tk, org_choice, org_name) = (
        user_id.clone(),
        token.clone(),
        f.org.clone(),
        f.org_name.clone(),
    );
    let rel = state
        .db(move |s| {
            s.write(|tx| {
                let (rel, _) = supply::invitation(tx, now(), &tk)?
                    .ok_or_else(|| StoreError::Invalid("supplier_invite_invalid".into()))?;
                let org_id = if org_choice == "new" || org_choice.is_empty() {
                    let name = if org_name.trim().is_empty() {
                        rel.supplier_name.clone()
                    } else {
                        org_name.clone()
                    };
                    orgs::create(tx, now(), &uid, &name)?.id
                } else {
                    org_choice.clone()
                };
                supply::accept(tx, now(), &uid, &tk, &org_id)
            })
        })
        .await?;
    let supplier = rel.supplier_org.clone().unwrap_or_default();
    let mut r = Redirect::to(&format!("/o/{supplier}/buyers")).into_response();
    if let Some(sess) = new_session {
        add_cookie(
            r.headers_mut(),
            set_cookie(SESSION_COOKIE, &sess, None, state.config.secure_cookies),
        );
    }
    Ok(r)
}

pub struct BuyerView {
    pub rel_id: String,
    pub buyer: String,
    pub required: String,
    pub due: String,
    pub reasons: Vec<String>,
    pub shared_title: String,
    pub shared_scope: String,
    pub shared_assessment: String,
    pub scope_id: String,
}

#[derive(Template)]
#[template(path = "buyers.html")]
struct BuyersT {
    p: Page,
    org_id: String,
    org_name: String,
    buyers: Vec<BuyerView>,
    assessments: Vec<(String, String)>,
    can_manage: bool,
}

pub async fn buyers_page(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(org): Path<String>,
) -> AppResult<Response> {
    let m = ctx.org(&state, &org).await?;
    let oid = m.org.id.clone();
    let (rels, list) = state
        .db(move |s| s.read(|c| Ok((supply::buyers(c, &oid)?, assessments::list(c, &oid)?))))
        .await?;
    let t = ctx.t();
    let lang = t.lang;
    let titles: std::collections::HashMap<String, String> = list
        .iter()
        .map(|a| (a.id.clone(), a.title.clone()))
        .collect();
    let mut p = Page::new(&ctx, "buyers");
    p.title = format!("{} — {}", t.s("buyers"), m.org.name);
    Ok(html(BuyersT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        buyers: rels
            .into_iter()
            .map(|(r, name, sh)| {
                let d = decide(r.answers);
                BuyerView {
                    rel_id: r.id.clone(),
                    buyer: name,
                    required: format!("★{}", r.required_level),
                    due: r.due_date.clone().unwrap_or_default(),
                    reasons: d
                        .reasons
                        .iter()
                        .filter(|x| x.answer)
                        .map(|x| x.text.get(lang).to_string())
                        .collect(),
                    shared_title: sh
                        .as_ref()
                        .and_then(|s| titles.get(&s.assessment_id).cloned())
                        .unwrap_or_default(),
                    shared_scope: sh
                        .as_ref()
                        .map(|s| t.s(&format!("scope_{}", s.scope.id())).to_string())
                        .unwrap_or_default(),
                    shared_assessment: sh
                        .as_ref()
                        .map(|s| s.assessment_id.clone())
                        .unwrap_or_default(),
                    scope_id: sh
                        .as_ref()
                        .map(|s| s.scope.id().to_string())
                        .unwrap_or_default(),
                }
            })
            .collect(),
        assessments: list.into_iter().map(|a| (a.id, a.title)).collect(),
        can_manage: m.role.can_manage(),
    }))
}

#[derive(Deserialize)]
pub struct ShareForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    assessment: String,
    #[serde(default)]
    scope: String,
}

/// `POST /o/{org}/buyers/{rel}/share`: the supplier's owner decides what this buyer sees.
pub async fn share(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, rel)): Path<(String, String)>,
    AppForm(f): AppForm<ShareForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&f._csrf)?;
    let m = ctx.org_role(&state, &org, Role::Owner).await?;
    let scope = Scope::parse(&f.scope).ok_or_else(|| AppError::BadRequest("bad_request".into()))?;
    if !hoshi_store::is_id(&rel) || !hoshi_store::is_id(&f.assessment) {
        return Err(AppError::BadRequest("share_unrelated".into()));
    }
    let uid = ctx.user()?.0.id.clone();
    let oid = m.org.id.clone();
    state
        .db(move |s| s.write(|tx| supply::share(tx, now(), &uid, &oid, &rel, &f.assessment, scope)))
        .await?;
    Ok(Redirect::to(&format!("/o/{org}/buyers")).into_response())
}

/// `POST /o/{org}/buyers/{rel}/revoke`: stop sharing with this buyer, from the next request on.
pub async fn revoke(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, rel)): Path<(String, String)>,
    AppForm(f): AppForm<CsrfOnly>,
) -> AppResult<Response> {
    ctx.check_csrf(&f._csrf)?;
    let m = ctx.org_role(&state, &org, Role::Owner).await?;
    if !hoshi_store::is_id(&rel) {
        return Err(AppError::NotFound);
    }
    let uid = ctx.user()?.0.id.clone();
    let oid = m.org.id.clone();
    state
        .db(move |s| s.write(|tx| supply::revoke(tx, now(), &uid, &oid, &rel)))
        .await?;
    Ok(Redirect::to(&format!("/o/{org}/buyers")).into_response())
}
