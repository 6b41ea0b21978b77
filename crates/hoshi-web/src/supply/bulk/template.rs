//! The template a buyer fills in (CSV UTF-8 with BOM, or .xlsx), in the buyer's language: the
//! header row and one example row, which the import refuses until it is deleted. The page's
//! column guide is built from the same list of fields.

use axum::response::Response;

use super::check::Field;
use crate::kernel::error::{AppError, AppResult};
use crate::kernel::guard::{Editor, Member};
use crate::kernel::i18n::Tr;
use crate::kernel::page::download;

/// The template's example row, in the template's order.
fn example(t: &Tr) -> Vec<String> {
    Field::ALL
        .iter()
        .map(|f| match f {
            Field::Name => format!("{}{}", t.s("bulk_example_mark"), t.s("bulk_example_name")),
            Field::Number => "7000012050002".to_string(),
            Field::Due => crate::kernel::time::date_plus(90),
            Field::Answer(hoshi_core::Question::UnacceptableDelay) => t.s("yes").to_string(),
            Field::Answer(_) => t.s("no").to_string(),
            Field::ContactName => t.s("bulk_example_contact").to_string(),
            Field::ContactEmail => "eigyo@example.jp".to_string(),
            Field::Supplies => t.s("bulk_example_supplies").to_string(),
        })
        .collect()
}

fn headers(t: &Tr) -> Vec<String> {
    Field::ALL.iter().map(|f| f.header(t.lang)).collect()
}

/// `GET /o/{org}/suppliers/import/template.csv`: UTF-8 with BOM (Excel opens it as UTF-8).
pub async fn template_csv(Member { ctx, .. }: Member<Editor>) -> Response {
    let t = ctx.t();
    let line = |cells: Vec<String>| {
        cells
            .iter()
            .map(|c| super::super::export::csv_field(c))
            .collect::<Vec<_>>()
            .join(",")
    };
    let body = format!("\u{feff}{}\r\n{}\r\n", line(headers(&t)), line(example(&t)));
    let name = format!("{}.csv", t.s("bulk_template_file"));
    download("text/csv; charset=utf-8", &name, body.into_bytes())
}

/// `GET /o/{org}/suppliers/import/template.xlsx`: one sheet, every cell text.
pub async fn template_xlsx(Member { ctx, .. }: Member<Editor>) -> AppResult<Response> {
    use hoshi_xlsx::TableCell as C;
    let t = ctx.t();
    let row = example(&t).into_iter().map(C::Text).collect();
    let head = headers(&t);
    let bytes =
        tokio::task::spawn_blocking(move || hoshi_xlsx::table(t.s("bulk_sheet"), &head, &[row]))
            .await?
            .map_err(|e| AppError::Internal(e.to_string()))?;
    let name = format!("{}.xlsx", t.s("bulk_template_file"));
    Ok(download(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &name,
        bytes,
    ))
}

/// One line of the page's column guide.
pub struct GuideRow {
    pub header: String,
    pub required: bool,
    pub what: String,
}

/// The columns, what each takes and whether it is required.
pub fn guide(t: &Tr) -> Vec<GuideRow> {
    Field::ALL
        .iter()
        .map(|f| GuideRow {
            header: f.header(t.lang),
            required: f.required(),
            what: t
                .s(match f {
                    Field::Name => "bulk_d_name",
                    Field::Number => "bulk_d_number",
                    Field::Due => "bulk_d_due",
                    Field::Answer(_) => "bulk_d_question",
                    Field::ContactName => "bulk_d_contact",
                    Field::ContactEmail => "bulk_d_email",
                    Field::Supplies => "bulk_d_supplies",
                })
                .to_string(),
        })
        .collect()
}

/// The sheet read from a workbook: the template's, in either language.
pub fn sheet_names() -> [&'static str; 2] {
    hoshi_core::Lang::ALL.map(|l| Tr::new(l).s("bulk_sheet"))
}
