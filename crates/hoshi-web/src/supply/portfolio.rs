//! The buyer's portfolio: every supplier with required and achieved level, filters, paging, chart.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use hoshi_core::Question;
use hoshi_store::supply::PortfolioRow;
use serde::Deserialize;

use super::cache::load;
use crate::Shared;
use crate::kernel::ctx::Ctx;
use crate::kernel::error::AppResult;
use crate::kernel::form::FormState;
use crate::kernel::guard::{Member, Viewer};
use crate::kernel::i18n::Tr;
use crate::kernel::page::{Page, html};

pub(super) fn enc(s: &str) -> String {
    hoshi_core::text::percent_encode(s, b"")
}

/// Where a supplier stands, as the buyer sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SupplierState {
    Invited,
    NotShared,
    Draft,
    Submitted,
    InReview,
    Returned,
    Confirmed,
    Expired,
    /// Confirmed, but the supplier revoked its signed result.
    Revoked,
}

impl SupplierState {
    pub const ALL: [SupplierState; 9] = [
        SupplierState::Invited,
        SupplierState::NotShared,
        SupplierState::Draft,
        SupplierState::Submitted,
        SupplierState::InReview,
        SupplierState::Returned,
        SupplierState::Confirmed,
        SupplierState::Expired,
        SupplierState::Revoked,
    ];

    pub fn id(self) -> &'static str {
        match self {
            SupplierState::Invited => "invited",
            SupplierState::NotShared => "not-shared",
            SupplierState::Draft => "draft",
            SupplierState::Submitted => "submitted",
            SupplierState::InReview => "in-review",
            SupplierState::Returned => "returned",
            SupplierState::Confirmed => "confirmed",
            SupplierState::Expired => "expired",
            SupplierState::Revoked => "revoked",
        }
    }

    pub fn label(self, t: &Tr) -> &'static str {
        t.s(match self {
            SupplierState::Invited => "st_invited",
            SupplierState::NotShared => "st_not_shared",
            SupplierState::Draft => "st_draft",
            SupplierState::Submitted => "st_submitted",
            SupplierState::InReview => "st_in_review",
            SupplierState::Returned => "st_returned",
            SupplierState::Confirmed => "st_confirmed",
            SupplierState::Expired => "st_expired",
            SupplierState::Revoked => "st_revoked",
        })
    }
}

/// The derived view of one portfolio line.
pub struct Line {
    pub row: PortfolioRow,
    pub state: SupplierState,
    /// Level reached: shared, confirmed by an expert, declared by management, still valid; or a
    /// verified attestation from another hoshi instance, still valid.
    pub achieved: Option<u8>,
    pub overdue: bool,
    pub expiring: bool,
    /// A level was reached, but below the one required (★3 where ★4 was asked for).
    pub short: bool,
    /// Share of the shared assessment's criteria met or not applicable, when the supplier
    /// shares at least a summary.
    pub progress: Option<u32>,
    /// The supplier's name in lower case, for search.
    pub name_lower: String,
}

pub fn line(row: PortfolioRow, today: &str, expiring_before: &str) -> Line {
    let state = if row.relationship.supplier_org.is_none() {
        SupplierState::Invited
    } else if row.scope.is_none() {
        SupplierState::NotShared
    } else {
        match row.review_status.as_deref() {
            Some("submitted") => SupplierState::Submitted,
            Some("in-review") => SupplierState::InReview,
            Some("returned") => SupplierState::Returned,
            Some("confirmed") if row.result_revoked => SupplierState::Revoked,
            Some("confirmed") if row.valid_until.as_deref().is_some_and(|v| v < today) => {
                SupplierState::Expired
            }
            Some("confirmed") => SupplierState::Confirmed,
            _ => SupplierState::Draft,
        }
    };
    let here = (state == SupplierState::Confirmed && row.declared)
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
    let expiring = state == SupplierState::Confirmed
        && row
            .valid_until
            .as_deref()
            .is_some_and(|v| v < expiring_before);
    let short = achieved.is_some_and(|a| a < row.relationship.required_level);
    Line {
        name_lower: row.relationship.supplier_name.to_lowercase(),
        row,
        state,
        achieved,
        overdue,
        expiring,
        short,
        progress: None,
    }
}

pub(super) fn today_and_soon() -> (String, String) {
    (
        crate::kernel::time::today(),
        crate::kernel::time::date_plus(60),
    )
}

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
    /// Suppliers just registered from a file.
    #[serde(default)]
    imported: Option<usize>,
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
    pub short: bool,
    pub progress: String,
    pub valid_until: String,
}

#[derive(Template)]
#[template(path = "supply/portfolio.html")]
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
    /// The registration form shown again with its problems.
    fs: FormState,
    /// Archived suppliers: (relationship id, name).
    archived: Vec<(String, String)>,
}

pub const PAGE_SIZE: usize = 200;

pub(super) fn filtered<'a>(lines: &'a [Line], q: &PortfolioQuery) -> Vec<&'a Line> {
    let needle = q.q.trim().to_lowercase();
    // An unknown level matches nothing (0 is no level).
    let level = (!q.level.is_empty()).then(|| q.level.parse::<u8>().unwrap_or(0));
    let mut v: Vec<&Line> = lines
        .iter()
        .filter(|l| q.status.is_empty() || l.state.id() == q.status)
        .filter(|l| match q.flag.as_str() {
            "overdue" => l.overdue,
            "expiring" => l.expiring,
            "short" => l.short,
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

pub(super) fn view(t: &Tr, l: &Line) -> LineView {
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
        short: l.short,
        progress: l.progress.map(|p| format!("{p}%")).unwrap_or_default(),
        valid_until: l.row.valid_until.clone().unwrap_or_default(),
    }
}

/// Counts by status as horizontal bars.
fn status_chart(t: &Tr, counts: &[(SupplierState, usize)]) -> String {
    let max = counts.iter().map(|c| c.1).max().unwrap_or(0).max(1);
    let row = 26.0;
    let label_w = 170.0;
    let bar_w = 360.0;
    let h = row * counts.len() as f64 + 8.0;
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {h}" width="100%" role="img" aria-label="{}">"#,
        label_w + bar_w + 60.0,
        crate::kernel::page::esc(t.s("status_counts"))
    );
    for (i, (st, n)) in counts.iter().enumerate() {
        let y = i as f64 * row + 4.0;
        let w = bar_w * (*n as f64) / (max as f64);
        let colour = match st {
            SupplierState::Confirmed => "#2e7d32",
            SupplierState::Expired | SupplierState::Returned | SupplierState::Revoked => "#c62828",
            SupplierState::Invited | SupplierState::NotShared => "#90a4ae",
            _ => "#f9a825",
        };
        s.push_str(&format!(
            r#"<text x="0" y="{:.1}" font-size="13" dominant-baseline="middle">{}</text><rect x="{label_w}" y="{y:.1}" width="{w:.1}" height="18" fill="{colour}"/><text x="{:.1}" y="{:.1}" font-size="13" dominant-baseline="middle">{n}</text>"#,
            y + 9.0,
            crate::kernel::page::esc(st.label(t)),
            label_w + w + 6.0,
            y + 9.0
        ));
    }
    s.push_str("</svg>");
    s
}

pub async fn portfolio(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Query(q): Query<PortfolioQuery>,
) -> AppResult<Response> {
    render_portfolio(&state, &ctx, &m, &q, FormState::default()).await
}

/// The portfolio page; `fs` holds the registration form when it is shown again.
pub(super) async fn render_portfolio(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    q: &PortfolioQuery,
    fs: FormState,
) -> AppResult<Response> {
    let loaded = load(state, m.scope()).await?;
    let all = &loaded.lines;
    let archived = loaded.archived.clone();
    let t = ctx.t();
    let counts: Vec<(SupplierState, usize)> = SupplierState::ALL
        .iter()
        .map(|s| (*s, all.iter().filter(|l| l.state == *s).count()))
        .collect();
    let total = all.len();
    let lines = filtered(all, q);
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
    let mut p = Page::new(ctx, "portfolio");
    p.title = format!("{} — {}", t.s("portfolio"), m.org.name);
    if q.created.is_some() {
        p.flash = Some(t.s("saved").to_string());
    }
    if let Some(n) = q.imported {
        p.flash = Some(
            t.s("bulk_registered")
                .replace("{n}", &super::bulk::group(n)),
        );
    }
    Ok(html(PortfolioT {
        archived,
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
        fs,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use hoshi_store::supply::{Relationship, Scope};

    fn row(required: u8, level: u8, revoked: bool) -> PortfolioRow {
        PortfolioRow {
            relationship: Relationship {
                id: "r".into(),
                buyer_org: "b".into(),
                supplier_org: Some("s".into()),
                supplier_name: "精密部品".into(),
                corporate_number: "1180301018771".into(),
                contact_name: String::new(),
                contact_email: String::new(),
                supplies: String::new(),
                answers: hoshi_core::LevelAnswers {
                    confidential_info: required >= 4,
                    unacceptable_delay: false,
                    system_access: required >= 4,
                },
                required_level: required,
                due_date: None,
                created_at: 0,
                accepted_at: Some(1),
            },
            supplier_org_name: Some("精密部品".into()),
            scope: Some(Scope::Summary),
            assessment_id: Some("a".into()),
            assessment_level: Some(level),
            review_status: Some("confirmed".into()),
            valid_until: Some("2027-12-01".into()),
            declared: true,
            imported: None,
            result_revoked: revoked,
            assessment_pin: Some("scs@2026-03-27".into()),
            done_answers: 0,
        }
    }

    #[test]
    fn a_level_below_the_one_required_is_a_shortfall() {
        let l = line(row(4, 3, false), "2026-12-02", "2027-01-31");
        assert_eq!(
            (l.state, l.achieved, l.short),
            (SupplierState::Confirmed, Some(3), true)
        );
        let l = line(row(3, 3, false), "2026-12-02", "2027-01-31");
        assert_eq!((l.achieved, l.short), (Some(3), false));
    }

    #[test]
    fn a_revoked_result_counts_for_nothing() {
        let l = line(row(3, 3, true), "2026-12-02", "2027-01-31");
        assert_eq!(
            (l.state, l.achieved, l.short),
            (SupplierState::Revoked, None, false)
        );
    }
}
