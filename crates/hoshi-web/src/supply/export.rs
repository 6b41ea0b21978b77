//! The portfolio as CSV and Excel.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::cache::load;
use super::portfolio::{PortfolioQuery, filtered, view};
use crate::Shared;
use crate::kernel::error::{AppError, AppResult};
use crate::kernel::guard::{Member, Viewer};

pub(super) fn csv_field(s: &str) -> String {
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
    Member { ctx, m, .. }: Member<Viewer>,
    Query(q): Query<PortfolioQuery>,
) -> AppResult<Response> {
    let t = ctx.t();
    let loaded = load(&state, m.scope()).await?;
    let lines = filtered(&loaded.lines, &q);
    let mut out = String::from("\u{feff}");
    // In the user's language, like the page and the workbook: a buyer opens it in Excel.
    let head = [
        t.s("supplier_name"),
        t.s("corporate_number"),
        t.s("required_level"),
        t.s("achieved_level"),
        t.s("progress"),
        t.s("status"),
        t.s("due_date"),
        t.s("overdue"),
        t.s("expiring"),
        t.s("valid_until"),
    ];
    out.push_str(&head.map(csv_field).join(","));
    out.push_str("\r\n");
    let yes_no = |b: bool| t.s(if b { "yes" } else { "no" }).to_string();
    for l in &lines {
        let v = view(&t, l);
        let fields = [
            v.name,
            v.number,
            l.row.relationship.required_level.to_string(),
            l.achieved.map(|a| a.to_string()).unwrap_or_default(),
            v.progress,
            v.state,
            v.due,
            yes_no(l.overdue),
            yes_no(l.expiring),
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
    let name = crate::kernel::page::file_name(
        &m.org.name,
        t.s("portfolio"),
        &crate::kernel::time::today(),
        "csv",
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                crate::kernel::page::attachment(&name),
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
    Member { ctx, m, .. }: Member<Viewer>,
    Query(q): Query<PortfolioQuery>,
) -> AppResult<Response> {
    use hoshi_xlsx::TableCell as C;
    // Building a workbook is CPU- and memory-heavy: at most as many at once as there are cores.
    let _slot = state
        .exports
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let t = ctx.t();
    let loaded = load(&state, m.scope()).await?;
    let lines = filtered(&loaded.lines, &q);
    let headers: Vec<String> = [
        t.s("supplier_name"),
        t.s("corporate_number"),
        t.s("required_level"),
        t.s("achieved_level"),
        t.s("status"),
        t.s("due_date"),
        t.s("overdue"),
        t.s("expiring"),
        t.s("valid_until"),
    ]
    .map(str::to_string)
    .to_vec();
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
