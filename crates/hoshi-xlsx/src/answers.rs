//! Exchanging answers as Excel: export in the official column layout with the answer columns
//! suppliers already use (O 自己評価, P 理由, Q 根拠および実施する事, R 補足情報), and import of filled-in
//! copies — also of the official workbook itself — row by row.

use std::collections::HashMap;

use hoshi_core::{Answer, Assessment, Catalog, Criterion, Lang, Status};
use rust_xlsxwriter::{
    DataValidation, Format, FormatAlign, FormatBorder, Workbook as XWorkbook, Worksheet,
};

use crate::ipa::{ANSWER_HEADERS, OFFICIAL_HEADERS, SHEET, find_columns, normalise_id};
use crate::read::{Sheet, Workbook, col_name};
use crate::{XlsxError, normalise_header};

/// The sheet hoshi adds (hidden) to remember which catalog, edition and level a workbook is for.
pub const META_SHEET: &str = "hoshi";
pub const META_FORMAT: &str = "hoshi-xlsx/1";

/// The marks of column O.
pub const MARKS: [&str; 4] = ["○", "△", "✖", "対象外"];

pub fn mark(status: Status) -> &'static str {
    match status {
        Status::Met => "○",
        Status::Partial => "△",
        Status::NotMet => "✖",
        Status::NotApplicable => "対象外",
        Status::Unanswered => "",
    }
}

/// Reads a mark typed in column O. Accepts the common variants people type.
pub fn parse_mark(s: &str) -> Option<Status> {
    let t = s.trim();
    match t {
        "" => Some(Status::Unanswered),
        "○" | "◯" | "〇" | "o" | "O" => Some(Status::Met),
        "△" | "▲" => Some(Status::Partial),
        "✖" | "×" | "✕" | "✗" | "x" | "X" => Some(Status::NotMet),
        "対象外" | "-" | "－" | "ー" | "N/A" | "n/a" | "NA" => Some(Status::NotApplicable),
        _ => None,
    }
}

/// A failure of the workbook writer.
pub(crate) fn xerr(e: rust_xlsxwriter::XlsxError) -> XlsxError {
    XlsxError::new(
        format!("cannot write the workbook: {e}"),
        format!("ワークブックを書き出せませんでした（{e}）。"),
    )
}

/// One piece of evidence linked to a criterion, for the export's evidence sheet.
#[derive(Debug, Clone, Default)]
pub struct EvidenceLine {
    pub criterion: String,
    pub title: String,
    /// The file's name, or empty for a link.
    pub file_name: String,
    /// The file's SHA-256, or empty for a link.
    pub sha256: String,
    /// The link, or empty for a file.
    pub url: String,
    pub effective_date: String,
    pub expires_date: String,
}

/// Name of the sheet listing the evidence behind the answers.
pub const EVIDENCE_SHEET: &str = "証跡";

/// Writes the assessment's criteria in the official layout (columns B–M) with the answer columns
/// O–R, merged category and requirement cells, a drop-down on O and a hidden `hoshi` sheet.
pub fn export(
    catalog: &Catalog,
    assessment: &Assessment,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    export_with_evidence(catalog, assessment, lang, &[])
}

/// Like [`export`], with a second sheet listing the evidence files and links behind the answers
/// (criterion, title, file name and SHA-256 or link, dates). The sheet is for reading: importing
/// the workbook back reads the answers only.
pub fn export_with_evidence(
    catalog: &Catalog,
    assessment: &Assessment,
    lang: Lang,
    evidence: &[EvidenceLine],
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = XWorkbook::new();
    let formats = Formats::new();
    let ws = wb.add_worksheet();
    ws.set_name(SHEET).map_err(xerr)?;
    write_header(ws, catalog, assessment, lang, &formats)?;
    let criteria: Vec<_> = catalog.criteria_for_level(assessment.level).collect();
    let mut runs = Runs::default();
    for (i, c) in criteria.iter().enumerate() {
        let row = FIRST_ROW + i as u32;
        push_requirement_runs(&mut runs, catalog, c, row, lang);
        let a = assessment.answers.get(&c.id).cloned().unwrap_or_default();
        write_criterion_row(ws, row, c, &a, lang, &formats)?;
    }
    runs.write(ws, &formats.wrap)?;
    add_mark_validation(ws, criteria.len())?;
    if !evidence.is_empty() {
        write_evidence_sheet(&mut wb, evidence, lang, &formats)?;
    }
    write_meta_sheet(&mut wb, assessment)?;
    wb.save_to_buffer().map_err(xerr)
}

/// The evidence sheet: one row per piece of evidence and criterion it backs.
fn write_evidence_sheet(
    wb: &mut XWorkbook,
    evidence: &[EvidenceLine],
    lang: Lang,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(EVIDENCE_SHEET).map_err(xerr)?;
    let headers: [&str; 6] = match lang {
        Lang::Ja => [
            "評価基準No",
            "証跡の名称",
            "ファイル名またはリンク",
            "SHA-256",
            "有効開始日",
            "有効期限",
        ],
        Lang::En => [
            "Criterion",
            "Evidence",
            "File name or link",
            "SHA-256",
            "Effective from",
            "Expires",
        ],
    };
    for (i, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, *h, &formats.head)
            .map_err(xerr)?;
    }
    for (i, e) in evidence.iter().enumerate() {
        let row = 1 + i as u32;
        let place = if e.file_name.is_empty() {
            &e.url
        } else {
            &e.file_name
        };
        for (col, value) in [
            &e.criterion,
            &e.title,
            place,
            &e.sha256,
            &e.effective_date,
            &e.expires_date,
        ]
        .into_iter()
        .enumerate()
        {
            ws.write_string_with_format(row, col as u16, value, &formats.wrap)
                .map_err(xerr)?;
        }
    }
    for (col, width) in [
        (0u16, 12.0),
        (1, 36.0),
        (2, 36.0),
        (3, 30.0),
        (4, 12.0),
        (5, 12.0),
    ] {
        ws.set_column_width(col, width).map_err(xerr)?;
    }
    Ok(())
}

/// First worksheet row (0-based) that holds a criterion.
const FIRST_ROW: u32 = 2;

/// Cell formats of the exported sheet.
struct Formats {
    /// Wrapped, top-aligned, thin border: the official columns.
    wrap: Format,
    /// Column headers.
    head: Format,
    /// The answer columns O–R.
    answer: Format,
    /// The heading on the first row.
    title: Format,
}

impl Formats {
    /// The formats the export uses.
    fn new() -> Formats {
        let wrap = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Top)
            .set_border(FormatBorder::Thin)
            .set_font_name("BIZ UDGothic");
        let head = wrap
            .clone()
            .set_bold()
            .set_background_color("DCE6F1")
            .set_align(FormatAlign::Center);
        let answer = wrap.clone().set_background_color("FFF9E6");
        let title = Format::new()
            .set_bold()
            .set_font_size(13)
            .set_font_name("BIZ UDGothic");
        Formats {
            wrap,
            head,
            answer,
            title,
        }
    }
}

/// Writes the heading, the column headers and widths, and freezes the top two rows.
fn write_header(
    ws: &mut Worksheet,
    catalog: &Catalog,
    assessment: &Assessment,
    lang: Lang,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let level_label = catalog
        .level(assessment.level)
        .map(|l| l.label.get(lang).to_string())
        .unwrap_or_default();
    let mut heading = format!(
        "{}（{}・{level_label}）",
        catalog.framework.title.get(lang),
        catalog.pin()
    );
    if !assessment.organisation.is_empty() {
        heading.push_str(&format!(" — {}", assessment.organisation));
    }
    ws.write_string_with_format(0, 1, &heading, &formats.title)
        .map_err(xerr)?;
    for (i, h) in OFFICIAL_HEADERS.iter().enumerate() {
        ws.write_string_with_format(1, 1 + i as u16, *h, &formats.head)
            .map_err(xerr)?;
    }
    for (i, h) in ANSWER_HEADERS.iter().enumerate() {
        ws.write_string_with_format(1, 14 + i as u16, *h, &formats.head)
            .map_err(xerr)?;
    }
    for (col, w) in [
        (0u16, 2.0),
        (1, 6.0),
        (2, 12.0),
        (3, 7.0),
        (4, 12.0),
        (5, 9.0),
        (6, 4.0),
        (7, 4.0),
        (8, 20.0),
        (9, 40.0),
        (10, 6.0),
        (11, 10.0),
        (12, 60.0),
        (13, 2.0),
        (14, 9.0),
        (15, 30.0),
        (16, 36.0),
        (17, 30.0),
    ] {
        ws.set_column_width(col, w).map_err(xerr)?;
    }
    ws.set_freeze_panes(2, 0).map_err(xerr)?;
    Ok(())
}

/// Runs of equal values in a column, merged like the official workbook: (column, first row,
/// last row, key and value joined by NUL).
#[derive(Default)]
struct Runs(Vec<(u16, u32, u32, String)>);

impl Runs {
    /// Extends the column's last run when it ends just above `row` with the same key and value,
    /// else starts a new run.
    fn push(&mut self, col: u16, row: u32, key: &str, value: String) {
        if let Some(last) = self.0.iter_mut().rev().find(|r| r.0 == col)
            && last.2 + 1 == row
            && last.3 == format!("{key}\u{0}{value}")
        {
            last.2 = row;
            return;
        }
        self.0.push((col, row, row, format!("{key}\u{0}{value}")));
    }

    /// Writes each run: merged when it spans rows, a plain cell otherwise.
    fn write(self, ws: &mut Worksheet, wrap: &Format) -> Result<(), XlsxError> {
        for (col, from, to, key) in self.0 {
            let value = key.split_once('\u{0}').map(|(_, v)| v).unwrap_or("");
            if to > from {
                ws.merge_range(from, col, to, col, value, wrap)
                    .map_err(xerr)?;
            } else {
                ws.write_string_with_format(from, col, value, wrap)
                    .map_err(xerr)?;
            }
        }
        Ok(())
    }
}

/// Adds the category, sub-category and requirement cells (columns B–J) of a criterion's row.
fn push_requirement_runs(runs: &mut Runs, catalog: &Catalog, c: &Criterion, row: u32, lang: Lang) {
    let req = catalog.requirement(&c.requirement);
    let cat = req.and_then(|r| catalog.category(&r.category));
    let cat_id = cat.map(|c| c.id.clone()).unwrap_or_default();
    let sub_id = c
        .requirement
        .rsplit_once('-')
        .map(|(s, _)| s.to_string())
        .unwrap_or_default();
    let req_key = c.requirement.clone();
    let star = |level: u8| {
        if req.is_some_and(|r| r.levels.contains(&level)) {
            "○".into()
        } else {
            String::new()
        }
    };
    runs.push(1, row, &cat_id, cat_id.clone());
    runs.push(
        2,
        row,
        &cat_id,
        cat.map(|c| c.name.get(lang).to_string())
            .unwrap_or_default(),
    );
    runs.push(3, row, &sub_id, sub_id.clone());
    let sub_name = req
        .and_then(|r| r.sub_category.as_ref())
        .map(|s| s.name.get(lang).to_string())
        .unwrap_or_default();
    runs.push(4, row, &sub_id, sub_name);
    runs.push(5, row, &req_key, c.requirement.clone());
    runs.push(6, row, &req_key, star(3));
    runs.push(7, row, &req_key, star(4));
    runs.push(
        8,
        row,
        &req_key,
        req.map(|r| r.title.get(lang).to_string())
            .unwrap_or_default(),
    );
    runs.push(
        9,
        row,
        &req_key,
        req.map(|r| r.text.get(lang).to_string())
            .unwrap_or_default(),
    );
}

/// Writes a criterion's level, ID and text (K–M) and its answer (O–R).
fn write_criterion_row(
    ws: &mut Worksheet,
    row: u32,
    c: &Criterion,
    a: &Answer,
    lang: Lang,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let (wrap, answer) = (&formats.wrap, &formats.answer);
    ws.write_string_with_format(row, 10, format!("★{}", c.level), wrap)
        .map_err(xerr)?;
    ws.write_string_with_format(row, 11, &c.id, wrap)
        .map_err(xerr)?;
    ws.write_string_with_format(row, 12, c.text.get(lang), wrap)
        .map_err(xerr)?;
    ws.write_string_with_format(row, 14, mark(a.status), answer)
        .map_err(xerr)?;
    ws.write_string_with_format(row, 15, &a.reason, answer)
        .map_err(xerr)?;
    ws.write_string_with_format(row, 16, a.evidence.join("\n"), answer)
        .map_err(xerr)?;
    ws.write_string_with_format(row, 17, &a.note, answer)
        .map_err(xerr)?;
    Ok(())
}

/// Puts the drop-down of marks on column O of the `count` criterion rows (none when empty).
fn add_mark_validation(ws: &mut Worksheet, count: usize) -> Result<(), XlsxError> {
    if count == 0 {
        return Ok(());
    }
    let last = FIRST_ROW + count as u32 - 1;
    let dv = DataValidation::new()
        .allow_list_strings(&MARKS)
        .map_err(xerr)?
        .set_input_title("自己評価")
        .map_err(xerr)?
        .set_input_message("○ 実施済み / △ 一部実施 / ✖ 未実施 / 対象外（P列に理由が必要）")
        .map_err(xerr)?
        .set_error_title("自己評価")
        .map_err(xerr)?
        .set_error_message("○、△、✖、対象外 のいずれかを選んでください。")
        .map_err(xerr)?;
    ws.add_data_validation(FIRST_ROW, 14, last, 14, &dv)
        .map_err(xerr)?;
    Ok(())
}

/// Adds the hidden `hoshi` sheet naming the format, catalog, edition, level and organisation.
fn write_meta_sheet(wb: &mut XWorkbook, assessment: &Assessment) -> Result<(), XlsxError> {
    let meta = wb.add_worksheet();
    meta.set_name(META_SHEET).map_err(xerr)?;
    for (i, (k, v)) in [
        ("format", META_FORMAT.to_string()),
        ("catalog", assessment.catalog.clone()),
        ("edition", assessment.edition.clone()),
        ("level", assessment.level.to_string()),
        ("organisation", assessment.organisation.clone()),
    ]
    .iter()
    .enumerate()
    {
        meta.write_string(i as u32, 0, *k).map_err(xerr)?;
        meta.write_string(i as u32, 1, v).map_err(xerr)?;
    }
    meta.set_hidden(true);
    Ok(())
}

/// What a workbook says about itself (the hidden `hoshi` sheet), if anything.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Meta {
    pub catalog: String,
    pub edition: String,
    pub level: Option<u8>,
    pub organisation: String,
}

/// A row that could not be taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// Excel row number (1-based).
    pub row: u32,
    /// Column letter.
    pub column: String,
    pub id: Option<String>,
    pub issue: RowIssue,
}

/// What is wrong with a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowIssue {
    /// Answer cells filled but no criterion ID (the ID column's letter).
    NoId { id_column: String },
    /// A formula in an answer cell.
    Formula { formula: String },
    /// The criterion ID is not in the catalog (its pin).
    UnknownId { catalog: String },
    /// The criterion appeared before, on `first`.
    Repeated { first: u32 },
    /// The mark is none of ○, △, ✖, 対象外 or blank.
    BadMark { mark: String },
    /// 対象外 without a reason.
    NaNeedsReason,
}

impl RowIssue {
    /// The problem in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (RowIssue::NoId { id_column }, Lang::Ja) => {
                format!("回答が入力されていますが、{id_column} 列に要求事項の ID がありません。")
            }
            (RowIssue::NoId { id_column }, Lang::En) => {
                format!("an answer without a criterion ID in column {id_column}")
            }
            (RowIssue::Formula { formula }, Lang::Ja) => format!(
                "数式（`={formula}`）が入っています。マークや文章をそのまま入力してください。"
            ),
            (RowIssue::Formula { formula }, Lang::En) => {
                format!("a formula (`={formula}`) instead of text; type the mark or text itself")
            }
            (RowIssue::UnknownId { catalog }, Lang::Ja) => {
                format!("この ID の要求事項は {catalog} にありません。")
            }
            (RowIssue::UnknownId { catalog }, Lang::En) => {
                format!("unknown criterion ID; {catalog} has no such criterion")
            }
            (RowIssue::Repeated { first }, Lang::Ja) => format!(
                "同じ要求事項の ID が {first} 行目にもあります。この行は取り込んでいません。"
            ),
            (RowIssue::Repeated { first }, Lang::En) => format!(
                "the same criterion ID appears again (first on row {first}); this row was not taken"
            ),
            (RowIssue::BadMark { mark }, Lang::Ja) => format!(
                "マーク「{mark}」は使えません。○、△、✖、対象外のいずれかを入力するか、空欄にしてください。"
            ),
            (RowIssue::BadMark { mark }, Lang::En) => {
                format!("unknown mark `{mark}`; expected ○, △, ✖, 対象外 or blank")
            }
            (RowIssue::NaNeedsReason, Lang::Ja) => {
                "対象外とする場合は、理由の列に理由を記入してください。".to_string()
            }
            (RowIssue::NaNeedsReason, Lang::En) => {
                "対象外 needs a reason in the 理由 column".to_string()
            }
        }
    }
}

impl RowProblem {
    /// The row, column, criterion and problem in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let m = self.issue.message(lang);
        match (&self.id, lang) {
            (Some(id), Lang::Ja) => format!("{} 行目（{} 列）{id}：{m}", self.row, self.column),
            (None, Lang::Ja) => format!("{} 行目（{} 列）：{m}", self.row, self.column),
            (Some(id), Lang::En) => format!("row {} (column {}), {id}: {m}", self.row, self.column),
            (None, Lang::En) => format!("row {} (column {}): {m}", self.row, self.column),
        }
    }
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

#[derive(Debug, Clone)]
pub struct AnswerImport {
    pub assessment: Assessment,
    /// Rows whose answer was taken.
    pub taken: usize,
    pub problems: Vec<RowProblem>,
    pub sheet: String,
}

/// Opens a workbook and reads its `hoshi` sheet, if it has one.
pub fn read_meta(bytes: Vec<u8>) -> Result<(Workbook, Option<Meta>), XlsxError> {
    let mut wb = Workbook::open(bytes)?;
    if !wb.sheet_names().iter().any(|n| n == META_SHEET) {
        return Ok((wb, None));
    }
    let s = wb.sheet(META_SHEET)?;
    let mut m = Meta::default();
    let mut format = String::new();
    for row in 1..=20 {
        let v = s.value(row, 2).trim().to_string();
        match s.value(row, 1).trim() {
            "format" => format = v,
            "catalog" => m.catalog = v,
            "edition" => m.edition = v,
            "level" => m.level = v.parse().ok(),
            "organisation" => m.organisation = v,
            _ => {}
        }
    }
    if format != META_FORMAT {
        return Ok((wb, None));
    }
    Ok((wb, Some(m)))
}

struct AnswerColumns {
    id: u32,
    mark: u32,
    reason: u32,
    evidence: u32,
    note: u32,
    header_row: u32,
}

fn find_answer_columns(sheet: &Sheet) -> Option<AnswerColumns> {
    for header_row in 1..=10 {
        let mut id = None;
        let mut named: HashMap<&str, u32> = HashMap::new();
        for col in 1..=40 {
            let h = normalise_header(sheet.value(header_row, col));
            match h.as_str() {
                "評価基準No" => id = id.or(Some(col)),
                "自己評価" => {
                    named.entry("mark").or_insert(col);
                }
                "理由" => {
                    named.entry("reason").or_insert(col);
                }
                "補足情報" | "補足" => {
                    named.entry("note").or_insert(col);
                }
                _ if h.starts_with("根拠") => {
                    named.entry("evidence").or_insert(col);
                }
                _ => {}
            }
        }
        let Some(id) = id else { continue };
        // The official layout puts the answers in O–R; use that when the headers are missing.
        let official = find_columns(sheet, header_row).is_ok() && id == 12;
        let pick = |k: &str, fallback: u32| named.get(k).copied().or(official.then_some(fallback));
        let mark = pick("mark", 15)?;
        return Some(AnswerColumns {
            id,
            mark,
            reason: pick("reason", 16).unwrap_or(0),
            evidence: pick("evidence", 17).unwrap_or(0),
            note: pick("note", 18).unwrap_or(0),
            header_row,
        });
    }
    None
}

/// Reads the answers of a filled-in workbook (an export of hoshi's or the official workbook with
/// columns O–R filled in) into an assessment of `catalog` at `level`. Every row that cannot be
/// taken is reported with its row number; all valid rows are kept.
pub fn import(
    mut wb: Workbook,
    catalog: &Catalog,
    level: u8,
    organisation: &str,
) -> Result<AnswerImport, XlsxError> {
    let (sheet, cols) = find_answer_sheet(&mut wb)?;
    let mut assessment = Assessment::new(catalog, level);
    assessment.organisation = organisation.to_string();
    let mut problems = Vec::new();
    let mut first_seen: HashMap<String, u32> = HashMap::new();
    let mut taken = 0;
    for row in cols.header_row + 1..=sheet.max_row() {
        let cells = AnswerRow {
            sheet: &sheet,
            cols: &cols,
            row,
        };
        match read_answer_row(&cells, catalog, &mut first_seen) {
            RowOutcome::Blank => {}
            RowOutcome::Problem(p) => problems.push(p),
            RowOutcome::Taken(id, answer) => {
                if answer != Answer::default() {
                    assessment.answers.insert(id, answer);
                }
                taken += 1;
            }
        }
    }
    Ok(AnswerImport {
        assessment,
        taken,
        problems,
        sheet: sheet.name.clone(),
    })
}

/// Finds the first sheet with answer columns, trying the official sheet name first.
fn find_answer_sheet(wb: &mut Workbook) -> Result<(Sheet, AnswerColumns), XlsxError> {
    let names = wb.sheet_names();
    let candidates: Vec<String> = names
        .iter()
        .filter(|n| normalise_header(n) == normalise_header(SHEET))
        .chain(names.iter().filter(|n| n.as_str() != META_SHEET))
        .cloned()
        .collect();
    for name in candidates {
        let s = wb.sheet(&name)?;
        if let Some(cols) = find_answer_columns(&s) {
            return Ok((s, cols));
        }
    }
    Err(XlsxError::new(
        format!(
            "no sheet with a `評価基準No.` column and a `自己評価` column was found (sheets: {})",
            names.join(", ")
        ),
        format!(
            "「評価基準No.」列と「自己評価」列のあるシートが見つかりません（このファイルのシート: {}）。",
            names.join("、")
        ),
    ))
}

/// One row of the answer sheet.
struct AnswerRow<'a> {
    sheet: &'a Sheet,
    cols: &'a AnswerColumns,
    /// Excel row number (1-based).
    row: u32,
}

impl AnswerRow<'_> {
    /// The trimmed text of the cell in `col` (empty for column 0, meaning "no such column").
    fn text(&self, col: u32) -> String {
        if col == 0 {
            String::new()
        } else {
            self.sheet
                .cell(self.row, col)
                .map(|c| c.text.trim().to_string())
                .unwrap_or_default()
        }
    }

    /// The answer columns O–R as found (0 where missing).
    fn answer_cols(&self) -> [u32; 4] {
        [
            self.cols.mark,
            self.cols.reason,
            self.cols.evidence,
            self.cols.note,
        ]
    }

    /// A problem with this row, at `col`.
    fn problem(&self, col: u32, id: Option<&str>, issue: RowIssue) -> RowProblem {
        RowProblem {
            row: self.row,
            column: col_name(col),
            id: id.map(str::to_string),
            issue,
        }
    }
}

/// What became of one row of the answer sheet.
enum RowOutcome {
    /// No criterion ID and no answer: nothing to take.
    Blank,
    /// The row could not be taken.
    Problem(RowProblem),
    /// The answer to the criterion with this ID.
    Taken(String, Answer),
}

/// Reads one row: its criterion ID, then its answer.
fn read_answer_row(
    cells: &AnswerRow,
    catalog: &Catalog,
    first_seen: &mut HashMap<String, u32>,
) -> RowOutcome {
    let cols = cells.cols;
    let id = normalise_id(&cells.text(cols.id));
    if id.is_empty() {
        let any_answer = cells
            .answer_cols()
            .iter()
            .any(|&c| !cells.text(c).is_empty());
        if any_answer {
            return RowOutcome::Problem(cells.problem(
                cols.id,
                None,
                RowIssue::NoId {
                    id_column: col_name(cols.id),
                },
            ));
        }
        return RowOutcome::Blank;
    }
    if let Err(p) = check_answer_row(cells, &id, catalog, first_seen) {
        return RowOutcome::Problem(p);
    }
    first_seen.insert(id.clone(), cells.row);
    match read_answer(cells, &id) {
        Ok(answer) => RowOutcome::Taken(id, answer),
        Err(p) => RowOutcome::Problem(p),
    }
}

/// Refuses a row with a formula in an answer cell, an unknown criterion or one seen before.
fn check_answer_row(
    cells: &AnswerRow,
    id: &str,
    catalog: &Catalog,
    first_seen: &HashMap<String, u32>,
) -> Result<(), RowProblem> {
    let cols = cells.cols;
    // Formulas are not answers: their value depends on other cells and may change.
    if let Some((col, f)) = cells
        .answer_cols()
        .iter()
        .filter(|&&c| c != 0)
        .find_map(|&c| {
            cells
                .sheet
                .cell(cells.row, c)
                .and_then(|cell| cell.formula.clone())
                .map(|f| (c, f))
        })
    {
        return Err(cells.problem(col, Some(id), RowIssue::Formula { formula: f }));
    }
    if catalog.criterion(id).is_none() {
        return Err(cells.problem(
            cols.id,
            Some(id),
            RowIssue::UnknownId {
                catalog: catalog.pin(),
            },
        ));
    }
    if let Some(first) = first_seen.get(id) {
        return Err(cells.problem(cols.id, Some(id), RowIssue::Repeated { first: *first }));
    }
    Ok(())
}

/// Reads a row's mark, reason, evidence and note into an answer, refusing a bad mark and 対象外
/// without a reason.
fn read_answer(cells: &AnswerRow, id: &str) -> Result<Answer, RowProblem> {
    let cols = cells.cols;
    let raw_mark = cells.text(cols.mark);
    let Some(status) = parse_mark(&raw_mark) else {
        return Err(cells.problem(
            cols.mark,
            Some(id),
            RowIssue::BadMark {
                mark: raw_mark.clone(),
            },
        ));
    };
    let evidence: Vec<String> = cells
        .text(cols.evidence)
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let answer = Answer {
        status,
        reason: cells.text(cols.reason),
        evidence,
        note: cells.text(cols.note),
    };
    if answer.check().is_err() {
        return Err(cells.problem(
            if cols.reason == 0 {
                cols.mark
            } else {
                cols.reason
            },
            Some(id),
            RowIssue::NaNeedsReason,
        ));
    }
    Ok(answer)
}
