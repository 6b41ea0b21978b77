//! Import of IPA's official "SCS評価制度 ★3・★4 要求事項・評価基準" workbook into a catalog that
//! keeps the official wording.

use std::collections::{BTreeMap, HashMap};

use hoshi_core::{
    Catalog, Category, Criterion, Effort, Framework, Lang, LevelDef, Measure, Origin, Requirement,
    SourceFile, Text, Threat,
};
use sha2::{Digest, Sha256};

use crate::ipa_error::{IpaError, IpaProblem, IpaRowProblem, IpaWarning};
use crate::normalise_header;
use crate::read::{Sheet, Workbook, col_name};

/// The sheet that holds the requirements and criteria.
pub const SHEET: &str = "★3・★4要求事項・評価基準";
/// Column headers B–M of the official sheet, as printed on row 2.
pub const OFFICIAL_HEADERS: [&str; 12] = [
    "大分類No.",
    "大分類",
    "中分類No.",
    "中分類",
    "要求事項No.",
    "★3",
    "★4",
    "要求事項名",
    "要求事項",
    "★3/★4",
    "評価基準No.",
    "評価基準",
];
/// Headers of the answer columns O–R that suppliers add.
pub const ANSWER_HEADERS: [&str; 4] = ["自己評価", "理由", "根拠および実施する事", "補足情報"];
/// The edition whose counts hoshi knows.
pub const KNOWN_EDITION: &str = "2026-03-27";
pub const KNOWN_STAR3: usize = 81;
pub const KNOWN_STAR4_ADDED: usize = 72;
/// Requirements of the known edition: with ★3 criteria, and in all.
pub const KNOWN_REQS_STAR3: usize = 26;
pub const KNOWN_REQS_ALL: usize = 43;

/// The columns of the official layout, found by their header text on row 2.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Columns {
    pub category_no: u32,
    pub category: u32,
    pub sub_no: u32,
    pub sub: u32,
    pub requirement_no: u32,
    pub star3: u32,
    pub star4: u32,
    pub requirement_name: u32,
    pub requirement: u32,
    pub level: u32,
    pub criterion_no: u32,
    pub criterion: u32,
}

/// Header names of the official layout (normalised: no spaces, half-width, no trailing dot).
const HEADERS: [&str; 12] = [
    "大分類No",
    "大分類",
    "中分類No",
    "中分類",
    "要求事項No",
    "★3",
    "★4",
    "要求事項名",
    "要求事項",
    "★3/★4",
    "評価基準No",
    "評価基準",
];

/// Finds the official columns on `row`. Returns the missing header names on failure.
pub(crate) fn find_columns(sheet: &Sheet, row: u32) -> Result<Columns, Vec<&'static str>> {
    let mut found: HashMap<&str, u32> = HashMap::new();
    for col in 1..=40 {
        let h = normalise_header(sheet.value(row, col));
        let key = match h.as_str() {
            "★3/★4" | "★3・★4" | "★3★4" | "レベル" => Some("★3/★4"),
            other => HEADERS.iter().copied().find(|k| *k == other),
        };
        if let Some(k) = key {
            found.entry(k).or_insert(col);
        }
    }
    let missing: Vec<&'static str> = HEADERS
        .iter()
        .copied()
        .filter(|h| !found.contains_key(h))
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let g = |k: &str| found[k];
    Ok(Columns {
        category_no: g("大分類No"),
        category: g("大分類"),
        sub_no: g("中分類No"),
        sub: g("中分類"),
        requirement_no: g("要求事項No"),
        star3: g("★3"),
        star4: g("★4"),
        requirement_name: g("要求事項名"),
        requirement: g("要求事項"),
        level: g("★3/★4"),
        criterion_no: g("評価基準No"),
        criterion: g("評価基準"),
    })
}

/// Options for an import; the caller supplies what needs a clock or a choice.
#[derive(Debug, Clone)]
pub struct IpaOptions {
    /// Catalog ID to give the imported catalog.
    pub id: String,
    pub file_name: String,
    /// When the import happened (RFC 3339), supplied by the caller.
    pub imported_at: String,
    /// Edition to stamp; when `None`, a date printed above the header is used.
    pub edition: Option<String>,
}

impl IpaOptions {
    /// Checks the catalog ID (lower-case letters, digits and '-') and the edition, when given (a
    /// date written YYYY-MM-DD): both become the stored file's name.
    pub fn check(&self) -> Result<(), IpaError> {
        let id = &self.id;
        if id.is_empty()
            || !id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return Err(IpaError::BadId { id: id.clone() });
        }
        if let Some(e) = &self.edition {
            let dashes_at = |i: usize| e.as_bytes()[i] == b'-';
            let digits = e
                .bytes()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
            if !(e.len() == 10 && dashes_at(4) && dashes_at(7) && digits) {
                return Err(IpaError::BadEdition { edition: e.clone() });
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone)]
pub struct IpaImport {
    pub catalog: Catalog,
    pub sha256: String,
    /// Criteria per level that introduces them (3 → 81, 4 → 72 in the 2026-03-27 edition).
    pub counts: BTreeMap<u8, usize>,
    pub warnings: Vec<IpaWarning>,
}

fn numeric_id(s: &str, parts: usize) -> bool {
    let p: Vec<&str> = s.split('-').collect();
    p.len() == parts
        && p.iter()
            .all(|x| !x.is_empty() && x.len() <= 3 && x.bytes().all(|b| b.is_ascii_digit()))
}

/// Normalises an ID typed in a cell: full-width digits and dashes to ASCII, no spaces.
pub(crate) fn normalise_id(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | '‐' | '−' | 'ー' | '―' | '–' | '—' => '-',
            _ => c,
        })
        .collect()
}

fn parse_level(s: &str) -> Option<u8> {
    let t = normalise_id(s).replace('☆', "★");
    match t.as_str() {
        "★3" | "3" => Some(3),
        "★4" | "4" => Some(4),
        _ => None,
    }
}

fn is_mark(s: &str) -> bool {
    matches!(s.trim(), "○" | "◯" | "〇" | "●" | "✓" | "✔")
}

/// Finds an edition date written above the header: `2026年3月27日`, `令和8年3月27日`, `2026/3/27`,
/// `2026-03-27`.
fn find_edition(sheet: &Sheet, header_row: u32) -> Option<String> {
    for row in 1..header_row {
        for col in 1..=30 {
            if let Some(d) = date_in(&normalise_id(sheet.value(row, col))) {
                return Some(d);
            }
        }
    }
    None
}

pub(crate) fn date_in(s: &str) -> Option<String> {
    let chars: Vec<char> = s.chars().collect();
    let num_at = |i: usize| -> Option<(u32, usize)> {
        let mut j = i;
        let mut n: u32 = 0;
        while j < chars.len() && chars[j].is_ascii_digit() && j - i < 4 {
            n = n * 10 + chars[j].to_digit(10)?;
            j += 1;
        }
        (j > i).then_some((n, j))
    };
    for i in 0..chars.len() {
        let (year, j) = if s[s.char_indices().nth(i).map(|(b, _)| b)?..].starts_with("令和") {
            let (n, j) = num_at(i + 2)?;
            (2018 + n, j)
        } else {
            match num_at(i) {
                Some((n, j)) if j - i == 4 && (i == 0 || !chars[i - 1].is_ascii_digit()) => (n, j),
                _ => continue,
            }
        };
        let sep = *chars.get(j)?;
        if !matches!(sep, '年' | '/' | '-' | '.') {
            continue;
        }
        let Some((month, k)) = num_at(j + 1) else {
            continue;
        };
        let sep2 = chars.get(k).copied();
        if !matches!(sep2, Some('月' | '/' | '-' | '.')) {
            continue;
        }
        let Some((day, _)) = num_at(k + 1) else {
            continue;
        };
        if (2000..=2200).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day) {
            return Some(format!("{year:04}-{month:02}-{day:02}"));
        }
    }
    None
}

struct RowData {
    row: u32,
    category_no: String,
    category: String,
    /// 中分類No and 中分類 (empty when the workbook leaves them blank).
    sub_no: String,
    sub: String,
    requirement_no: String,
    star3: bool,
    star4: bool,
    requirement_name: String,
    requirement: String,
    level: u8,
    criterion_no: String,
    criterion: String,
}

/// Reads the official workbook. `guide` (hoshi's bundled SCS catalog) supplies guidance, English
/// text for ★3 criteria, threats, measures and effort by ID; the official wording is never altered.
pub fn import_ipa(
    bytes: Vec<u8>,
    opts: &IpaOptions,
    guide: Option<&Catalog>,
) -> Result<IpaImport, IpaError> {
    let sha256 = hex(&Sha256::digest(&bytes));
    let mut wb = Workbook::open(bytes)?;
    let sheet_name = find_official_sheet(&wb)?;
    let sheet = wb.sheet(&sheet_name)?;
    let header_row = 2;
    let cols = find_columns(&sheet, header_row).map_err(|missing| IpaError::Header {
        sheet: sheet_name.clone(),
        row: header_row,
        missing: missing.iter().map(|m| m.to_string()).collect(),
    })?;
    let edition = match &opts.edition {
        Some(e) => e.clone(),
        None => find_edition(&sheet, header_row).ok_or_else(|| IpaError::NoEdition {
            sheet: sheet_name.clone(),
            header_row,
        })?,
    };

    let (rows, mut problems) = read_rows(&sheet, &cols, header_row);
    if rows.is_empty() && problems.is_empty() {
        return Err(IpaError::Empty {
            sheet: sheet_name,
            header_row,
        });
    }
    check_requirements_agree(&rows, &mut problems);
    if !problems.is_empty() {
        return Err(IpaError::Rows {
            sheet: sheet_name,
            problems,
        });
    }

    let source = Source {
        edition: &edition,
        sha256: &sha256,
        sheet: &sheet_name,
        opts,
    };
    Ok(build(rows, &source, guide))
}

/// Finds the official requirements sheet by name, or says which sheets the workbook has.
fn find_official_sheet(wb: &Workbook) -> Result<String, IpaError> {
    let names = wb.sheet_names();
    match names
        .iter()
        .find(|n| normalise_header(n) == normalise_header(SHEET))
    {
        Some(n) => Ok(n.clone()),
        None => Err(IpaError::NotOfficial { sheets: names }),
    }
}

/// Reads the rows below the header: the valid ones, and one problem per row that is not.
fn read_rows(sheet: &Sheet, cols: &Columns, header_row: u32) -> (Vec<RowData>, Vec<IpaRowProblem>) {
    let mut problems: Vec<IpaRowProblem> = Vec::new();
    let mut rows = Vec::new();
    let mut seen: HashMap<String, u32> = HashMap::new();
    let last = sheet.max_row();
    for row in header_row + 1..=last {
        match read_row(sheet, cols, row, &mut seen) {
            None => {}
            Some(Ok(data)) => rows.push(data),
            Some(Err(problem)) => problems.push(problem),
        }
    }
    (rows, problems)
}

/// Reads one row: `None` when it holds no criterion, else its data or what is wrong with it.
fn read_row(
    sheet: &Sheet,
    cols: &Columns,
    row: u32,
    seen: &mut HashMap<String, u32>,
) -> Option<Result<RowData, IpaRowProblem>> {
    let v = |col: u32| sheet.value(row, col).trim().to_string();
    let criterion_no = normalise_id(&v(cols.criterion_no));
    let criterion = v(cols.criterion);
    if criterion_no.is_empty() && criterion.is_empty() {
        return None;
    }
    let at = |col: u32, problem: IpaProblem| IpaRowProblem {
        row,
        column: Some(col_name(col)),
        problem,
    };
    let ids = RowIds {
        criterion_no,
        requirement_no: normalise_id(&v(cols.requirement_no)),
        sub_no: normalise_id(&v(cols.sub_no)),
        category_no: normalise_id(&v(cols.category_no)),
    };
    let level_text = v(cols.level);
    if let Err(problem) = check_row_ids(&ids, cols, &at) {
        return Some(Err(problem));
    }
    let Some(level) = parse_level(&level_text) else {
        return Some(Err(at(cols.level, IpaProblem::Level { text: level_text })));
    };
    let RowIds {
        criterion_no,
        requirement_no,
        category_no,
        sub_no,
    } = ids;
    if criterion.is_empty() {
        return Some(Err(at(
            cols.criterion,
            IpaProblem::NoText {
                criterion: criterion_no,
            },
        )));
    }
    if let Some(first) = seen.insert(criterion_no.clone(), row) {
        return Some(Err(at(
            cols.criterion_no,
            IpaProblem::Repeated {
                criterion: criterion_no,
                first,
            },
        )));
    }
    Some(Ok(RowData {
        row,
        category_no,
        category: v(cols.category),
        sub_no,
        sub: v(cols.sub),
        requirement_no,
        star3: is_mark(&v(cols.star3)),
        star4: is_mark(&v(cols.star4)),
        requirement_name: v(cols.requirement_name),
        requirement: v(cols.requirement),
        level,
        criterion_no,
        criterion,
    }))
}

/// The IDs on one row, normalised.
struct RowIds {
    criterion_no: String,
    requirement_no: String,
    sub_no: String,
    category_no: String,
}

/// Checks the form of a row's IDs and that each sits under the next: criterion under
/// requirement, requirement under sub-category and category.
fn check_row_ids(
    ids: &RowIds,
    cols: &Columns,
    at: &dyn Fn(u32, IpaProblem) -> IpaRowProblem,
) -> Result<(), IpaRowProblem> {
    let RowIds {
        criterion_no,
        requirement_no,
        sub_no,
        category_no,
    } = ids;
    if !numeric_id(criterion_no, 4) {
        return Err(at(
            cols.criterion_no,
            IpaProblem::CriterionId {
                id: criterion_no.clone(),
            },
        ));
    }
    if !numeric_id(requirement_no, 3) {
        return Err(at(
            cols.requirement_no,
            IpaProblem::RequirementId {
                id: requirement_no.clone(),
            },
        ));
    }
    if !criterion_no.starts_with(&format!("{requirement_no}-")) {
        return Err(at(
            cols.criterion_no,
            IpaProblem::NotUnderRequirement {
                criterion: criterion_no.clone(),
                requirement: requirement_no.clone(),
            },
        ));
    }
    if !sub_no.is_empty()
        && (!requirement_no.starts_with(&format!("{sub_no}-"))
            || !sub_no.starts_with(&format!("{category_no}-")))
    {
        return Err(at(
            cols.sub_no,
            IpaProblem::NotUnderSubCategory {
                requirement: requirement_no.clone(),
                sub_category: sub_no.clone(),
                category: category_no.clone(),
            },
        ));
    }
    if !requirement_no.starts_with(&format!("{category_no}-")) {
        return Err(at(
            cols.category_no,
            IpaProblem::NotUnderCategory {
                requirement: requirement_no.clone(),
                category: category_no.clone(),
            },
        ));
    }
    Ok(())
}

/// Reports a requirement described differently on a later row than on its first.
fn check_requirements_agree(rows: &[RowData], problems: &mut Vec<IpaRowProblem>) {
    let mut req_first: HashMap<String, usize> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        match req_first.get(&r.requirement_no) {
            None => {
                req_first.insert(r.requirement_no.clone(), i);
            }
            Some(&j) => {
                let f = &rows[j];
                if f.requirement != r.requirement || f.requirement_name != r.requirement_name {
                    problems.push(IpaRowProblem {
                        row: r.row,
                        column: None,
                        problem: IpaProblem::DescribedDifferently {
                            requirement: r.requirement_no.clone(),
                            first: f.row,
                        },
                    });
                }
            }
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where the imported rows came from.
struct Source<'a> {
    /// The edition to stamp.
    edition: &'a str,
    /// SHA-256 of the workbook file, in hex.
    sha256: &'a str,
    /// Name of the sheet read.
    sheet: &'a str,
    opts: &'a IpaOptions,
}

fn build(rows: Vec<RowData>, source: &Source, guide: Option<&Catalog>) -> IpaImport {
    let mut parts = Parts::default();
    for r in &rows {
        parts.add_row(r, guide);
    }
    let Parts {
        categories,
        requirements,
        criteria,
        counts,
        ..
    } = parts;
    let warnings = count_warnings(&counts, &requirements);
    let catalog = Catalog {
        framework: ipa_framework(source),
        levels: ipa_levels(),
        categories,
        requirements,
        criteria,
    };
    IpaImport {
        catalog,
        sha256: source.sha256.to_string(),
        counts,
        warnings,
    }
}

/// The categories, requirements and criteria gathered from the rows, in row order.
#[derive(Default)]
struct Parts {
    categories: Vec<Category>,
    requirements: Vec<Requirement>,
    criteria: Vec<Criterion>,
    /// Criteria per level that introduces them.
    counts: BTreeMap<u8, usize>,
    /// Position of each requirement in `requirements`, by ID.
    req_index: HashMap<String, usize>,
}

impl Parts {
    /// Adds a row's criterion, and its category and requirement when first seen.
    fn add_row(&mut self, r: &RowData, guide: Option<&Catalog>) {
        if !self.categories.iter().any(|c| c.id == r.category_no) {
            self.categories.push(new_category(r, guide));
        }
        let idx = self.requirement_index(r, guide);
        let req = &mut self.requirements[idx];
        for (flag, lvl) in [(r.star3, 3u8), (r.star4, 4u8), (true, r.level)] {
            if flag && !req.levels.contains(&lvl) {
                req.levels.push(lvl);
            }
        }
        req.levels.sort_unstable();
        *self.counts.entry(r.level).or_default() += 1;
        let gc = guide.and_then(|g| g.criterion(&r.criterion_no));
        let tags = criterion_tags(r, req, gc, guide);
        self.criteria.push(new_criterion(r, gc, guide, tags));
    }

    /// The position of the row's requirement, adding the requirement when first seen.
    fn requirement_index(&mut self, r: &RowData, guide: Option<&Catalog>) -> usize {
        let requirements = &mut self.requirements;
        *self
            .req_index
            .entry(r.requirement_no.clone())
            .or_insert_with(|| {
                let gi = guide.and_then(|g| g.requirement(&r.requirement_no));
                requirements.push(new_requirement(r, gi));
                requirements.len() - 1
            })
    }
}

/// The row's category in the official wording, with the guide's English name.
fn new_category(r: &RowData, guide: Option<&Catalog>) -> Category {
    let en = guide
        .and_then(|g| g.category(&r.category_no))
        .and_then(|c| c.name.exact(Lang::En))
        .map(str::to_string);
    Category {
        id: r.category_no.clone(),
        name: Text {
            ja: Some(r.category.clone()),
            en,
        },
    }
}

/// The row's requirement in the official wording, with the guide's English text and tags (no
/// levels yet).
fn new_requirement(r: &RowData, gi: Option<&Requirement>) -> Requirement {
    let (measures, threats) = gi
        .map(|g| (g.measures.clone(), g.threats.clone()))
        .unwrap_or_default();
    Requirement {
        id: r.requirement_no.clone(),
        category: r.category_no.clone(),
        levels: Vec::new(),
        title: Text {
            ja: Some(r.requirement_name.clone()).filter(|s| !s.is_empty()),
            en: gi.and_then(|g| g.title.exact(Lang::En)).map(str::to_string),
        },
        text: Text {
            ja: Some(r.requirement.clone())
                .filter(|s| !s.is_empty())
                .or_else(|| Some(r.requirement_name.clone())),
            en: gi.and_then(|g| g.text.exact(Lang::En)).map(str::to_string),
        },
        summarised: false,
        measures,
        threats,
        sub_category: (!r.sub_no.is_empty() && !r.sub.is_empty()).then(|| {
            hoshi_core::SubCategory {
                id: r.sub_no.clone(),
                name: Text {
                    ja: Some(r.sub.clone()),
                    en: None,
                },
            }
        }),
    }
}

/// A criterion's threats, measure and effort.
type Tags = (Vec<Threat>, Option<Measure>, Effort);

/// The guide's tags for the row's criterion; ★4 criteria have no hoshi counterpart, so they take
/// the requirement's tags, or those of its ★3 criteria in the guide.
fn criterion_tags(
    r: &RowData,
    req: &Requirement,
    gc: Option<&Criterion>,
    guide: Option<&Catalog>,
) -> Tags {
    if let Some(g) = gc {
        return (g.threats.clone(), g.measure, g.effort);
    }
    let mut threats: Vec<Threat> = req.threats.clone();
    let mut measure = req.measures.first().copied();
    if threats.is_empty()
        && let Some(g) = guide
    {
        for c in g
            .criteria
            .iter()
            .filter(|c| c.requirement == r.requirement_no)
        {
            if let Some(t) = c.threats.first()
                && !threats.contains(t)
            {
                threats.push(*t);
            }
            measure = measure.or(c.measure);
        }
        threats.sort_by_key(|t| std::cmp::Reverse(t.severity()));
        threats.truncate(2);
    }
    (threats, measure, Effort::Medium)
}

/// The row's criterion in the official wording, with the guide's English text, guidance,
/// evidence and a cross-reference to it.
fn new_criterion(
    r: &RowData,
    gc: Option<&Criterion>,
    guide: Option<&Catalog>,
    (threats, measure, effort): Tags,
) -> Criterion {
    Criterion {
        id: r.criterion_no.clone(),
        requirement: r.requirement_no.clone(),
        level: r.level,
        text: Text {
            ja: Some(r.criterion.clone()),
            en: gc.and_then(|g| g.text.exact(Lang::En)).map(str::to_string),
        },
        guidance: gc.map(|g| g.guidance.clone()).unwrap_or_default(),
        evidence: gc.map(|g| g.evidence.clone()).unwrap_or_default(),
        measure,
        threats,
        effort,
        xref: if guide.is_some() && gc.is_some() {
            vec![hoshi_core::XRef {
                framework: guide.map(|g| g.framework.id.clone()).unwrap_or_default(),
                id: r.criterion_no.clone(),
                relation: hoshi_core::Relation::Equal,
            }]
        } else {
            Vec::new()
        },
    }
}

/// Warns when the numbers of criteria and requirements differ from the known edition's.
fn count_warnings(counts: &BTreeMap<u8, usize>, requirements: &[Requirement]) -> Vec<IpaWarning> {
    let mut warnings = Vec::new();
    let star3 = counts.get(&3).copied().unwrap_or(0);
    let star4_added = counts.get(&4).copied().unwrap_or(0);
    if star3 != KNOWN_STAR3 || star4_added != KNOWN_STAR4_ADDED {
        warnings.push(IpaWarning::CriteriaCount { star3, star4_added });
    }
    let reqs3 = requirements
        .iter()
        .filter(|r| r.levels.contains(&3))
        .count();
    let all = requirements.len();
    if reqs3 != KNOWN_REQS_STAR3 || all != KNOWN_REQS_ALL {
        warnings.push(IpaWarning::RequirementCount { star3: reqs3, all });
    }
    warnings
}

/// The framework of an imported catalog: IPA's, stamped with the edition and the source file.
fn ipa_framework(source: &Source) -> Framework {
    let edition = source.edition;
    let effective_date = if edition.len() == 10 && edition.as_bytes()[4] == b'-' {
        edition.to_string()
    } else {
        KNOWN_EDITION.to_string()
    };
    Framework {
        id: source.opts.id.clone(),
        edition: edition.to_string(),
        title: Text::new(
            "SCS評価制度 ★3・★4 要求事項・評価基準（IPA 公式ワークブックから取り込み）",
            "SCS ★3/★4 requirements and criteria (imported from IPA's official workbook)",
        ),
        publisher: Text::new(
            "独立行政法人情報処理推進機構（IPA）",
            "Information-technology Promotion Agency, Japan (IPA)",
        ),
        source_url: "https://www.ipa.go.jp/security/scs/requirements-criteria.html".into(),
        effective_date,
        licence: Text::new(
            "要求事項・評価基準の文言は IPA の公式ワークブックのもので、利用者が入手したファイルから取り込んでいます（hoshi には同梱していません）。ガイダンスと ★3 の英訳は hoshi プロジェクトが書いたものです。",
            "The requirement and criterion wording is IPA's, imported from the user's own copy of the official workbook (hoshi does not ship it). Guidance and the English text of ★3 criteria are the hoshi project's own.",
        ),
        languages: vec![Lang::Ja],
        origin: Origin::Official,
        note: None,
        source: Some(SourceFile {
            file_name: source.opts.file_name.clone(),
            sha256: source.sha256.to_string(),
            imported_at: source.opts.imported_at.clone(),
            sheet: Some(source.sheet.to_string()),
        }),
    }
}

/// The two levels of the official workbook, ★3 and ★4.
fn ipa_levels() -> Vec<LevelDef> {
    vec![
        LevelDef {
            rank: 3,
            label: Text::new("★3", "★3"),
            name: Text::new("★3（Basic）", "★3 (Basic)"),
            summarised: false,
        },
        LevelDef {
            rank: 4,
            label: Text::new("★4", "★4"),
            name: Text::new("★4（Standard）", "★4 (Standard)"),
            summarised: false,
        },
    ]
}
