//! A plain table as a workbook: one sheet, a bold frozen header row with filters, sized columns.
//! Used for exports such as a buyer's supplier portfolio.

use rust_xlsxwriter::{Format, FormatBorder, Workbook};

use crate::XlsxError;
use crate::answers::xerr;

/// One cell of a table row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Bool(bool),
    Empty,
}

/// Writes `headers` and `rows` to a one-sheet workbook named `sheet`. Text is always written as
/// text (never as a formula), so a supplier name like `=HYPERLINK(…)` stays inert.
pub fn table(sheet: &str, headers: &[String], rows: &[Vec<Cell>]) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    // Rows go to a temporary file as they are written: a 10,000-row export stays small in memory.
    let ws = wb.add_worksheet_with_constant_memory().map_err(xerr)?;
    ws.set_name(sheet).map_err(xerr)?;
    let head = Format::new()
        .set_bold()
        .set_background_color("#DCE6F1")
        .set_border_bottom(FormatBorder::Thin);
    let mut widths: Vec<usize> = headers.iter().map(|h| display_width(h)).collect();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &head)
            .map_err(xerr)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            match cell {
                Cell::Text(s) => {
                    ws.write_string(r, col, s).map_err(xerr)?;
                    if let Some(w) = widths.get_mut(c) {
                        *w = (*w).max(display_width(s));
                    }
                }
                Cell::Number(n) => {
                    ws.write_number(r, col, *n).map_err(xerr)?;
                }
                Cell::Bool(b) => {
                    ws.write_boolean(r, col, *b).map_err(xerr)?;
                }
                Cell::Empty => {}
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w as f64 + 2.0).min(60.0))
            .map_err(xerr)?;
    }
    ws.set_freeze_panes(1, 0).map_err(xerr)?;
    if !headers.is_empty() {
        ws.autofilter(0, 0, rows.len() as u32, headers.len() as u16 - 1)
            .map_err(xerr)?;
    }
    wb.save_to_buffer().map_err(xerr)
}

/// Columns for a string: wide (CJK) characters count two.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Workbook as Reader;

    #[test]
    fn a_table_reads_back_with_formulas_kept_as_text() {
        let bytes = table(
            "取引先",
            &["名前".into(), "レベル".into(), "期限超過".into()],
            &[
                vec![
                    Cell::Text("=HYPERLINK(\"x\")".into()),
                    Cell::Number(3.0),
                    Cell::Bool(true),
                ],
                vec![
                    Cell::Text("精密部品工業株式会社".into()),
                    Cell::Empty,
                    Cell::Bool(false),
                ],
            ],
        )
        .unwrap();
        let mut wb = Reader::open(bytes).unwrap();
        let sheet = wb.sheet("取引先").unwrap();
        assert_eq!(sheet.value(1, 1), "名前");
        assert_eq!(sheet.value(2, 1), "=HYPERLINK(\"x\")");
        assert_eq!(sheet.value(3, 1), "精密部品工業株式会社");
        assert_eq!(sheet.value(2, 2), "3");
        // Every stored cell, row by row; empty cells are not stored.
        let cells: Vec<(u32, u32)> = sheet.cells().map(|(at, _)| at).collect();
        assert_eq!(
            cells,
            [
                (1, 1),
                (1, 2),
                (1, 3),
                (2, 1),
                (2, 2),
                (2, 3),
                (3, 1),
                (3, 3)
            ]
        );
    }
}
