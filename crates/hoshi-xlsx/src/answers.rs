//! Exchanging answers as Excel: export in the official column layout with the answer columns
//! suppliers already use (O 自己評価, P 理由, Q 根拠および実施する事, R 補足情報), and import of filled-in
//! copies — also of the official workbook itself — row by row.

use std::collections::HashMap;

use hoshi_core::{Answer, Assessment, Catalog, Lang, Status};
use rust_xlsxwriter::{DataValidation, Format, FormatAlign, FormatBorder, Workbook as XWorkbook};

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

fn xerr(e: rust_xlsxwriter::XlsxError) -> XlsxError {
    XlsxError::new(format!("cannot write the workbook: {e}"))
}

/// Writes the assessment's criteria in the official layout (columns B–M) with the answer columns
/// O–R, merged category and requirement cells, a drop-down on O and a hidden `hoshi` sheet.
pub fn export(
    catalog: &Catalog,
    assessment: &Assessment,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let mut wb = XWorkbook::new();
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
    let ws = wb.add_worksheet();
    ws.set_name(SHEET).map_err(xerr)?;
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
    ws.write_string_with_format(0, 1, &heading, &title)
        .map_err(xerr)?;
    for (i, h) in OFFICIAL_HEADERS.iter().enumerate() {
        ws.write_string_with_format(1, 1 + i as u16, *h, &head)
            .map_err(xerr)?;
    }
    for (i, h) in ANSWER_HEADERS.iter().enumerate() {
        ws.write_string_with_format(1, 14 + i as u16, *h, &head)
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

    let criteria: Vec<_> = catalog.criteria_for_level(assessment.level).collect();
    let first_row: u32 = 2;
    // Runs of equal values in a column, merged like the official workbook.
    let mut runs: Vec<(u16, u32, u32, String)> = Vec::new();
    let mut push_run = |col: u16, row: u32, key: &str, value: String| {
        if let Some(last) = runs.iter_mut().rev().find(|r| r.0 == col)
            && last.2 + 1 == row
            && last.3 == format!("{key}\u{0}{value}")
        {
            last.2 = row;
            return;
        }
        runs.push((col, row, row, format!("{key}\u{0}{value}")));
    };
    for (i, c) in criteria.iter().enumerate() {
        let row = first_row + i as u32;
        let req = catalog.requirement(&c.requirement);
        let cat = req.and_then(|r| catalog.category(&r.category));
        let cat_id = cat.map(|c| c.id.clone()).unwrap_or_default();
        let sub_id = c
            .requirement
            .rsplit_once('-')
            .map(|(s, _)| s.to_string())
            .unwrap_or_default();
        let req_key = c.requirement.clone();
        push_run(1, row, &cat_id, cat_id.clone());
        push_run(
            2,
            row,
            &cat_id,
            cat.map(|c| c.name.get(lang).to_string())
                .unwrap_or_default(),
        );
        push_run(3, row, &sub_id, sub_id.clone());
        push_run(4, row, &sub_id, String::new());
        push_run(5, row, &req_key, c.requirement.clone());
        push_run(
            6,
            row,
            &req_key,
            if req.is_some_and(|r| r.levels.contains(&3)) {
                "○".into()
            } else {
                String::new()
            },
        );
        push_run(
            7,
            row,
            &req_key,
            if req.is_some_and(|r| r.levels.contains(&4)) {
                "○".into()
            } else {
                String::new()
            },
        );
        push_run(
            8,
            row,
            &req_key,
            req.map(|r| r.title.get(lang).to_string())
                .unwrap_or_default(),
        );
        push_run(
            9,
            row,
            &req_key,
            req.map(|r| r.text.get(lang).to_string())
                .unwrap_or_default(),
        );
        ws.write_string_with_format(row, 10, format!("★{}", c.level), &wrap)
            .map_err(xerr)?;
        ws.write_string_with_format(row, 11, &c.id, &wrap)
            .map_err(xerr)?;
        ws.write_string_with_format(row, 12, c.text.get(lang), &wrap)
            .map_err(xerr)?;
        let a = assessment.answers.get(&c.id).cloned().unwrap_or_default();
        ws.write_string_with_format(row, 14, mark(a.status), &answer)
            .map_err(xerr)?;
        ws.write_string_with_format(row, 15, &a.reason, &answer)
            .map_err(xerr)?;
        ws.write_string_with_format(row, 16, a.evidence.join("\n"), &answer)
            .map_err(xerr)?;
        ws.write_string_with_format(row, 17, &a.note, &answer)
            .map_err(xerr)?;
    }
    for (col, from, to, key) in runs {
        let value = key.split_once('\u{0}').map(|(_, v)| v).unwrap_or("");
        if to > from {
            ws.merge_range(from, col, to, col, value, &wrap)
                .map_err(xerr)?;
        } else {
            ws.write_string_with_format(from, col, value, &wrap)
                .map_err(xerr)?;
        }
    }
    if !criteria.is_empty() {
        let last = first_row + criteria.len() as u32 - 1;
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
        ws.add_data_validation(first_row, 14, last, 14, &dv)
            .map_err(xerr)?;
    }

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
    wb.save_to_buffer().map_err(xerr)
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
    let names = wb.sheet_names();
    let candidates: Vec<String> = names
        .iter()
        .filter(|n| normalise_header(n) == normalise_header(SHEET))
        .chain(names.iter().filter(|n| n.as_str() != META_SHEET))
        .cloned()
        .collect();
    let mut found = None;
    for name in candidates {
        let s = wb.sheet(&name)?;
        if let Some(cols) = find_answer_columns(&s) {
            found = Some((s, cols));
            break;
        }
    }
    let Some((sheet, cols)) = found else {
        return Err(XlsxError::new(format!(
            "no sheet with a `評価基準No.` column and a `自己評価` column was found (sheets: {})",
            names.join(", ")
        )));
    };

    let mut assessment = Assessment::new(catalog, level);
    assessment.organisation = organisation.to_string();
    let mut problems = Vec::new();
    let mut first_seen: HashMap<String, u32> = HashMap::new();
    let mut taken = 0;
    for row in cols.header_row + 1..=sheet.max_row() {
        let text = |col: u32| {
            if col == 0 {
                String::new()
            } else {
                sheet
                    .cell(row, col)
                    .map(|c| c.text.trim().to_string())
                    .unwrap_or_default()
            }
        };
        let answer_cols = [cols.mark, cols.reason, cols.evidence, cols.note];
        let id = normalise_id(&text(cols.id));
        let any_answer = answer_cols.iter().any(|&c| !text(c).is_empty());
        let problem = |col: u32, id: Option<&str>, issue: RowIssue| RowProblem {
            row,
            column: col_name(col),
            id: id.map(str::to_string),
            issue,
        };
        if id.is_empty() {
            if any_answer {
                problems.push(problem(
                    cols.id,
                    None,
                    RowIssue::NoId {
                        id_column: col_name(cols.id),
                    },
                ));
            }
            continue;
        }
        // Formulas are not answers: their value depends on other cells and may change.
        if let Some((col, f)) = answer_cols.iter().filter(|&&c| c != 0).find_map(|&c| {
            sheet
                .cell(row, c)
                .and_then(|cell| cell.formula.clone())
                .map(|f| (c, f))
        }) {
            problems.push(problem(col, Some(&id), RowIssue::Formula { formula: f }));
            continue;
        }
        if catalog.criterion(&id).is_none() {
            problems.push(problem(
                cols.id,
                Some(&id),
                RowIssue::UnknownId {
                    catalog: catalog.pin(),
                },
            ));
            continue;
        }
        if let Some(first) = first_seen.get(&id) {
            problems.push(problem(
                cols.id,
                Some(&id),
                RowIssue::Repeated { first: *first },
            ));
            continue;
        }
        first_seen.insert(id.clone(), row);
        let raw_mark = text(cols.mark);
        let Some(status) = parse_mark(&raw_mark) else {
            problems.push(problem(
                cols.mark,
                Some(&id),
                RowIssue::BadMark {
                    mark: raw_mark.clone(),
                },
            ));
            continue;
        };
        let evidence: Vec<String> = text(cols.evidence)
            .lines()
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        let answer = Answer {
            status,
            reason: text(cols.reason),
            evidence,
            note: text(cols.note),
        };
        if answer.check().is_err() {
            problems.push(problem(
                if cols.reason == 0 {
                    cols.mark
                } else {
                    cols.reason
                },
                Some(&id),
                RowIssue::NaNeedsReason,
            ));
            continue;
        }
        if answer != Answer::default() {
            assessment.answers.insert(id, answer);
        }
        taken += 1;
    }
    Ok(AnswerImport {
        assessment,
        taken,
        problems,
        sheet: sheet.name.clone(),
    })
}
