//! Workbooks in the official layout, built from scratch for tests, fuzz seeds and benchmarks.
//!
//! The text is placeholder text (「評価基準 4-1-3-2 の文言」); the structure is the official one:
//! sheet `★3・★4要求事項・評価基準`, a title with the edition date on row 1, the header on row 2,
//! columns B–M, categories, sub-categories and requirements merged vertically.

use rust_xlsxwriter::{Format, Workbook};

use crate::ipa::{ANSWER_HEADERS, OFFICIAL_HEADERS, SHEET};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub category_no: String,
    pub category: String,
    pub requirement_no: String,
    pub star3: bool,
    pub star4: bool,
    pub level: String,
    pub criterion_no: String,
    pub criterion: String,
    /// Answer columns O–R (empty for a blank official workbook).
    pub answer: [String; 4],
    /// A formula to put in column O instead of text.
    pub formula_in_o: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub sheet_name: String,
    pub title: String,
    /// Header names for B–M (and O–R when `answer_headers`).
    pub headers: Vec<String>,
    pub answer_headers: bool,
    /// Merge category and requirement cells vertically, as the official workbook does.
    pub merge: bool,
    /// Without merging: leave the continuation rows blank instead of repeating the value.
    pub blank_below: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            sheet_name: SHEET.to_string(),
            title: "SCS評価制度 ★3・★4 要求事項・評価基準（2026年3月27日版）".to_string(),
            headers: OFFICIAL_HEADERS.iter().map(|s| s.to_string()).collect(),
            answer_headers: true,
            merge: true,
            blank_below: false,
        }
    }
}

const CATEGORIES: [&str; 7] = [
    "ガバナンスの整備",
    "取引先管理",
    "リスクの特定",
    "攻撃等の防御",
    "攻撃等の検知",
    "インシデントへの対応",
    "インシデントからの復旧",
];

/// Requirement IDs of the 2026-03-27 edition: the 26 of ★3 and the 17 added by ★4.
pub const STAR4_ONLY: [&str; 17] = [
    "1-1-1", "1-2-2", "1-4-1", "2-1-3", "2-1-5", "3-1-5", "3-2-1", "4-1-8", "4-1-9", "4-2-1",
    "4-3-1", "4-3-2", "4-3-3", "4-4-2", "4-4-3", "5-1-2", "5-2-1",
];

/// Criteria of one requirement: (criterion ID, level).
type ReqRows = (String, Vec<(String, u8)>);

fn key(id: &str) -> Vec<u32> {
    id.split('-').filter_map(|x| x.parse().ok()).collect()
}

/// Rows shaped like the 2026-03-27 edition: the given ★3 criterion IDs (81 in the real
/// catalog) plus 72 ★4 criteria: two under each ★4-only requirement and 38 more spread over the
/// shared requirements.
pub fn edition_rows(star3_ids: &[String]) -> Vec<Row> {
    let mut per_req: std::collections::BTreeMap<Vec<u32>, ReqRows> = Default::default();
    for id in star3_ids {
        let (req, _) = id.rsplit_once('-').unwrap_or((id, ""));
        per_req
            .entry(key(req))
            .or_insert_with(|| (req.to_string(), Vec::new()))
            .1
            .push((id.clone(), 3));
    }
    let shared: Vec<Vec<u32>> = per_req.keys().cloned().collect();
    for (i, k) in shared.iter().enumerate() {
        let extra = if i < 12 { 2 } else { 1 };
        let entry = per_req.get_mut(k).expect("exists");
        let next = entry
            .1
            .iter()
            .filter_map(|(id, _)| id.rsplit('-').next()?.parse::<u32>().ok())
            .max()
            .unwrap_or(0);
        for j in 1..=extra {
            let id = format!("{}-{}", entry.0, next + j);
            entry.1.push((id, 4));
        }
    }
    for r in STAR4_ONLY {
        per_req.insert(
            key(r),
            (
                r.to_string(),
                vec![(format!("{r}-1"), 4), (format!("{r}-2"), 4)],
            ),
        );
    }
    let mut rows = Vec::new();
    for (_, (req, crits)) in per_req {
        let cat: usize = req
            .split('-')
            .next()
            .and_then(|c| c.parse().ok())
            .unwrap_or(1);
        let star3 = crits.iter().any(|(_, l)| *l == 3);
        for (id, level) in crits {
            rows.push(Row {
                category_no: cat.to_string(),
                category: CATEGORIES.get(cat - 1).unwrap_or(&"分類").to_string(),
                requirement_no: req.clone(),
                star3,
                star4: true,
                level: format!("★{level}"),
                criterion_no: id.clone(),
                criterion: format!("評価基準 {id} の文言（テスト用）"),
                answer: Default::default(),
                formula_in_o: None,
            });
        }
    }
    rows
}

/// Writes `rows` as a workbook in the official layout.
pub fn workbook(rows: &[Row], opts: &Options) -> Vec<u8> {
    let mut wb = Workbook::new();
    let wrap = Format::new().set_text_wrap();
    let ws = wb.add_worksheet();
    ws.set_name(&opts.sheet_name).expect("sheet name");
    ws.write_string(0, 1, &opts.title).expect("title");
    for (i, h) in opts.headers.iter().enumerate() {
        ws.write_string(1, 1 + i as u16, h).expect("header");
    }
    if opts.answer_headers {
        for (i, h) in ANSWER_HEADERS.iter().enumerate() {
            ws.write_string(1, 14 + i as u16, *h).expect("header");
        }
    }
    // Column values per row: B..J are merged in runs, K..M per row.
    let cols = |r: &Row| -> [String; 9] {
        let sub = r
            .requirement_no
            .rsplit_once('-')
            .map(|(s, _)| s.to_string())
            .unwrap_or_default();
        [
            r.category_no.clone(),
            r.category.clone(),
            sub.clone(),
            format!("中分類 {sub}"),
            r.requirement_no.clone(),
            if r.star3 { "○".into() } else { String::new() },
            if r.star4 { "○".into() } else { String::new() },
            format!("要求事項 {} の名称", r.requirement_no),
            format!("要求事項 {} の文言（テスト用）", r.requirement_no),
        ]
    };
    let group_key = |r: &Row, col: usize| -> String {
        match col {
            0 | 1 => r.category_no.clone(),
            2 | 3 => r
                .requirement_no
                .rsplit_once('-')
                .map(|(s, _)| s.to_string())
                .unwrap_or_default(),
            _ => r.requirement_no.clone(),
        }
    };
    for col in 0..9 {
        let mut start = 0;
        while start < rows.len() {
            let mut end = start;
            while (opts.merge || opts.blank_below)
                && end + 1 < rows.len()
                && group_key(&rows[end + 1], col) == group_key(&rows[start], col)
            {
                end += 1;
            }
            let value = &cols(&rows[start])[col];
            let (r0, r1) = (2 + start as u32, 2 + end as u32);
            if end > start && !opts.merge {
                ws.write_string(r0, 1 + col as u16, value).expect("cell");
            } else if end > start {
                ws.merge_range(r0, 1 + col as u16, r1, 1 + col as u16, value, &wrap)
                    .expect("merge");
            } else {
                ws.write_string(r0, 1 + col as u16, value).expect("cell");
            }
            start = end + 1;
        }
    }
    for (i, r) in rows.iter().enumerate() {
        let row = 2 + i as u32;
        ws.write_string(row, 10, &r.level).expect("level");
        ws.write_string(row, 11, &r.criterion_no).expect("id");
        ws.write_string(row, 12, &r.criterion).expect("text");
        for (j, v) in r.answer.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(row, 14 + j as u16, v).expect("answer");
            }
        }
        if let Some(f) = &r.formula_in_o {
            ws.write_formula(row, 14, f.as_str()).expect("formula");
        }
    }
    wb.save_to_buffer().expect("workbook")
}

/// A full ★3 + ★4 catalog (153 criteria) as `import-ipa` makes it from a workbook in the official
/// layout built on `scs`'s ★3 IDs (placeholder wording): for tests and benchmarks that need ★4.
pub fn full_catalog(scs: &hoshi_core::Catalog) -> Result<hoshi_core::Catalog, String> {
    let star3: Vec<String> = scs.criteria_for_level(3).map(|c| c.id.clone()).collect();
    let bytes = workbook(&edition_rows(&star3), &Options::default());
    crate::import_ipa(
        bytes,
        &crate::IpaOptions {
            id: "scs-ipa".into(),
            file_name: "official.xlsx".into(),
            imported_at: "2026-11-21T00:00:00Z".into(),
            edition: None,
        },
        Some(scs),
    )
    .map(|i| i.catalog)
    .map_err(|e| e.to_string())
}
