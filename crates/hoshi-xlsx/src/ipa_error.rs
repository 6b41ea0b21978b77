//! What stops an import of IPA's official workbook, and what is only worth a warning — typed,
//! with messages in Japanese and English.
//!
//! `Display` is the English message followed by its details, one per indented line; the CLI and
//! the web page use [`IpaError::message`] and [`IpaError::details`] in the user's language.

use std::fmt;

use hoshi_catalog::CatalogError;
use hoshi_core::Lang;

use crate::XlsxError;
use crate::ipa::{KNOWN_EDITION, KNOWN_REQS_ALL, KNOWN_REQS_STAR3, KNOWN_STAR3, KNOWN_STAR4_ADDED};

/// Most row problems listed in an error's details; the rest are counted.
pub const MAX_LISTED_PROBLEMS: usize = 50;

/// Why the official workbook was not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IpaError {
    /// The catalog ID to give the import (`--id`) is not lower-case letters, digits and '-'.
    BadId { id: String },
    /// The edition to stamp (`--edition`) is not a date written YYYY-MM-DD.
    BadEdition { edition: String },
    /// The file cannot be read as a workbook: not a ZIP, damaged, too large, …
    Unreadable(XlsxError),
    /// No sheet named [`crate::SHEET`]: this is not the official workbook. The sheets it has.
    NotOfficial { sheets: Vec<String> },
    /// The header row lacks columns of the official layout (their names, normalised).
    Header {
        sheet: String,
        row: u32,
        missing: Vec<String>,
    },
    /// No edition date above the header, and none was given.
    NoEdition { sheet: String, header_row: u32 },
    /// No criteria below the header.
    Empty { sheet: String, header_row: u32 },
    /// Rows that break the official layout, all of them in sheet order (the details list the
    /// first [`MAX_LISTED_PROBLEMS`]). Nothing was imported.
    Rows {
        sheet: String,
        problems: Vec<IpaRowProblem>,
    },
    /// The catalog made from the workbook fails hoshi-catalog's validation (its diagnostics are
    /// in English only).
    Invalid(CatalogError),
}

impl From<XlsxError> for IpaError {
    fn from(e: XlsxError) -> IpaError {
        IpaError::Unreadable(e)
    }
}

/// A name list for a message: `a, b` in English, `a、b` in Japanese, or "none".
fn list(items: &[String], lang: Lang) -> String {
    match (items.is_empty(), lang) {
        (true, Lang::Ja) => "なし".to_string(),
        (true, Lang::En) => "none".to_string(),
        (false, Lang::Ja) => items.join("、"),
        (false, Lang::En) => items.join(", "),
    }
}

impl IpaError {
    /// What is wrong, in `lang`: one sentence (the details say more).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            IpaError::BadId { id } => match lang {
                Lang::Ja => format!(
                    "カタログ ID（--id）「{id}」には英小文字・数字・「-」だけを使ってください。"
                ),
                Lang::En => format!("--id `{id}` must be lower-case letters, digits and '-'"),
            },
            IpaError::BadEdition { edition } => match lang {
                Lang::Ja => format!(
                    "版（--edition）「{edition}」は YYYY-MM-DD の形の日付で指定してください（例: 2026-03-27）。"
                ),
                Lang::En => format!("--edition `{edition}` must be a date written YYYY-MM-DD"),
            },
            IpaError::Unreadable(e) => e.message_in(lang),
            IpaError::NotOfficial { sheets } => not_official(sheets, lang),
            IpaError::Header {
                sheet,
                row,
                missing,
            } => match lang {
                Lang::Ja => format!(
                    "シート『{sheet}』の {row} 行目の見出しが公式の様式と一致しません。見つからない列: {}。",
                    list(missing, lang)
                ),
                Lang::En => format!(
                    "sheet `{sheet}` row {row}: the header does not match the official layout; missing column(s): {}",
                    list(missing, lang)
                ),
            },
            IpaError::NoEdition { sheet, header_row } => match lang {
                Lang::Ja => format!(
                    "シート『{sheet}』の見出し（{header_row} 行目）より上に版の日付（例: 2026年3月27日）が見つかりません。IPA のページに記載されている版の日付を指定してください（例: --edition 2026-03-27）。"
                ),
                Lang::En => "no edition date found above the header; pass the edition printed on IPA's page, e.g. --edition 2026-03-27".to_string(),
            },
            IpaError::Empty { sheet, header_row } => match lang {
                Lang::Ja => format!(
                    "シート『{sheet}』の見出し（{header_row} 行目）より下に評価基準がありません。何も取り込んでいません。"
                ),
                Lang::En => format!("sheet `{sheet}`: 1 problem(s); nothing was imported"),
            },
            IpaError::Rows { sheet, problems } => {
                let n = problems.len();
                match lang {
                    Lang::Ja => format!(
                        "シート『{sheet}』に {n} 件の問題があるため、何も取り込んでいません。"
                    ),
                    Lang::En => format!("sheet `{sheet}`: {n} problem(s); nothing was imported"),
                }
            }
            IpaError::Invalid(e) => {
                let n = e.items.len();
                match lang {
                    Lang::Ja => format!(
                        "ワークブックから作ったカタログが検証に通らなかったため、保存していません（問題 {n} 件）。"
                    ),
                    Lang::En => format!(
                        "the imported catalog does not validate ({n} problem(s)); nothing was stored"
                    ),
                }
            }
        }
    }

    /// The individual problems, in `lang`: for rows, the first [`MAX_LISTED_PROBLEMS`] and how
    /// many more there are.
    pub fn details(&self, lang: Lang) -> Vec<String> {
        match self {
            IpaError::Unreadable(e) => e.details_in(lang),
            IpaError::Empty { sheet, header_row } => match lang {
                Lang::Ja => Vec::new(),
                Lang::En => vec![format!(
                    "sheet `{sheet}` has no criteria below the header on row {header_row}"
                )],
            },
            IpaError::Rows { problems, .. } => {
                let mut shown: Vec<String> = problems
                    .iter()
                    .take(MAX_LISTED_PROBLEMS)
                    .map(|p| p.message(lang))
                    .collect();
                let more = problems.len().saturating_sub(MAX_LISTED_PROBLEMS);
                if more > 0 {
                    shown.push(match lang {
                        Lang::Ja => format!("… ほか {more} 件"),
                        Lang::En => format!("… and {more} more"),
                    });
                }
                shown
            }
            IpaError::Invalid(e) => e.items.iter().map(|d| d.to_string()).collect(),
            IpaError::BadId { .. }
            | IpaError::BadEdition { .. }
            | IpaError::NotOfficial { .. }
            | IpaError::Header { .. }
            | IpaError::NoEdition { .. } => Vec::new(),
        }
    }
}

/// The message for a workbook without the official sheet.
fn not_official(sheets: &[String], lang: Lang) -> String {
    let sheet = crate::SHEET;
    match lang {
        Lang::Ja => format!(
            "IPA 公式の要求事項・評価基準のワークブックではありません。シート『{sheet}』が見つかりません（このファイルのシート: {}）。",
            list(sheets, lang)
        ),
        Lang::En => format!(
            "this is not the official requirements workbook: no sheet named `{sheet}` (sheets found: {})",
            list(sheets, lang)
        ),
    }
}

impl fmt::Display for IpaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))?;
        for d in self.details(Lang::En) {
            write!(f, "\n  {d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for IpaError {}

/// A row of the official sheet that cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IpaRowProblem {
    /// Excel row number (1-based).
    pub row: u32,
    /// Letter of the column at fault; `None` when the row as a whole is at fault.
    pub column: Option<String>,
    pub problem: IpaProblem,
}

impl IpaRowProblem {
    /// The cell at fault, such as `K12`.
    pub fn cell(&self) -> Option<String> {
        self.column.as_ref().map(|c| format!("{c}{}", self.row))
    }

    /// The row, cell and problem in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let m = self.problem.message(lang);
        match (self.cell(), lang) {
            (Some(cell), Lang::Ja) => format!("{} 行目（{cell}）：{m}", self.row),
            (None, Lang::Ja) => format!("{} 行目：{m}", self.row),
            (Some(cell), Lang::En) => format!("row {} ({cell}): {m}", self.row),
            (None, Lang::En) => format!("row {}: {m}", self.row),
        }
    }
}

impl fmt::Display for IpaRowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// What is wrong with one row of the official sheet. IDs are as read, normalised (half-width
/// digits and dashes, no spaces).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IpaProblem {
    /// 評価基準No is not of the form c-s-n-k (e.g. 4-1-3-2).
    CriterionId { id: String },
    /// 要求事項No is not of the form c-s-n (e.g. 4-1-3); empty when the cell is blank.
    RequirementId { id: String },
    /// 評価基準No does not start with its 要求事項No.
    NotUnderRequirement {
        criterion: String,
        requirement: String,
    },
    /// 要求事項No does not start with 中分類No, or 中分類No not with 大分類No.
    NotUnderSubCategory {
        requirement: String,
        sub_category: String,
        category: String,
    },
    /// 要求事項No does not start with its 大分類No.
    NotUnderCategory {
        requirement: String,
        category: String,
    },
    /// The ★3/★4 cell holds neither ★3 nor ★4.
    Level { text: String },
    /// The criterion has an ID but no wording.
    NoText { criterion: String },
    /// The criterion ID appeared before, on row `first`.
    Repeated { criterion: String, first: u32 },
    /// The requirement's name or wording differs from row `first`, where it first appeared.
    DescribedDifferently { requirement: String, first: u32 },
}

impl IpaProblem {
    /// The problem in `lang`, without the row.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Ja => self.ja(),
            Lang::En => self.en(),
        }
    }

    fn en(&self) -> String {
        match self {
            IpaProblem::CriterionId { id } => {
                format!("criterion ID `{id}` is not of the form c-s-n-k (e.g. 4-1-3-2)")
            }
            IpaProblem::RequirementId { id } => {
                format!("requirement ID `{id}` is not of the form c-s-n (e.g. 4-1-3)")
            }
            IpaProblem::NotUnderRequirement {
                criterion,
                requirement,
            } => format!("criterion `{criterion}` is not under its requirement `{requirement}`"),
            IpaProblem::NotUnderSubCategory {
                requirement,
                sub_category,
                category,
            } => format!(
                "requirement `{requirement}` does not fit sub-category `{sub_category}` of category `{category}`"
            ),
            IpaProblem::NotUnderCategory {
                requirement,
                category,
            } => format!("requirement `{requirement}` is not under its category `{category}`"),
            IpaProblem::Level { text } => format!("level `{text}` is neither ★3 nor ★4"),
            IpaProblem::NoText { criterion } => format!("criterion `{criterion}` has no text"),
            IpaProblem::Repeated { criterion, first } => {
                format!("criterion ID `{criterion}` appears again (first on row {first})")
            }
            IpaProblem::DescribedDifferently { requirement, first } => {
                format!("requirement `{requirement}` is described differently than on row {first}")
            }
        }
    }

    fn ja(&self) -> String {
        match self {
            IpaProblem::CriterionId { id } if id.is_empty() => {
                "評価基準の文言はありますが、評価基準No が空欄です。".to_string()
            }
            IpaProblem::CriterionId { id } => format!(
                "評価基準No「{id}」が「大分類-中分類-要求事項-番号」の形（例: 4-1-3-2）になっていません。"
            ),
            IpaProblem::RequirementId { id } if id.is_empty() => {
                "要求事項No が空欄です。セルを結合しない場合は、評価基準の行ごとに要求事項No を記入してください。".to_string()
            }
            IpaProblem::RequirementId { id } => format!(
                "要求事項No「{id}」が「大分類-中分類-番号」の形（例: 4-1-3）になっていません。"
            ),
            IpaProblem::NotUnderRequirement {
                criterion,
                requirement,
            } => format!(
                "評価基準No「{criterion}」は、要求事項No「{requirement}」で始まる必要があります。"
            ),
            IpaProblem::NotUnderSubCategory {
                requirement,
                sub_category,
                category,
            } => format!(
                "要求事項No「{requirement}」が中分類No「{sub_category}」・大分類No「{category}」と合っていません。要求事項No は中分類No で、中分類No は大分類No で始まる必要があります。"
            ),
            IpaProblem::NotUnderCategory {
                requirement,
                category,
            } => format!(
                "要求事項No「{requirement}」は、大分類No「{category}」で始まる必要があります。"
            ),
            IpaProblem::Level { text } if text.is_empty() => {
                "★3/★4 の欄が空欄です。★3 または ★4 を記入してください。".to_string()
            }
            IpaProblem::Level { text } => format!(
                "★3/★4 の欄が「{text}」になっています。★3 または ★4 を記入してください。"
            ),
            IpaProblem::NoText { criterion } => {
                format!("評価基準「{criterion}」の文言（評価基準の列）が空欄です。")
            }
            IpaProblem::Repeated { criterion, first } => format!(
                "評価基準No「{criterion}」が重複しています（最初は {first} 行目）。"
            ),
            IpaProblem::DescribedDifferently { requirement, first } => format!(
                "要求事項No「{requirement}」の要求事項名または要求事項の文言が、{first} 行目と異なります。"
            ),
        }
    }
}

/// Something to check in an imported workbook that does not stop the import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IpaWarning {
    /// The numbers of ★3 criteria and of criteria added by ★4 differ from the known edition's.
    CriteriaCount { star3: usize, star4_added: usize },
    /// The numbers of ★3 requirements and of all requirements differ from the known edition's.
    RequirementCount { star3: usize, all: usize },
}

impl IpaWarning {
    /// The warning in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let known = KNOWN_STAR3 + KNOWN_STAR4_ADDED;
        match (*self, lang) {
            (IpaWarning::CriteriaCount { star3, star4_added }, Lang::Ja) => format!(
                "このワークブックの評価基準は ★3 が {star3} 件、★4 で追加されるものが {star4_added} 件（計 {} 件）です。{KNOWN_EDITION} 版は {KNOWN_STAR3} 件 + {KNOWN_STAR4_ADDED} 件 = {known} 件です。想定している版かどうか確認してください。",
                star3 + star4_added
            ),
            (IpaWarning::CriteriaCount { star3, star4_added }, Lang::En) => format!(
                "the workbook has {star3} ★3 and {star4_added} added ★4 criteria ({} in all); the {KNOWN_EDITION} edition has {KNOWN_STAR3} + {KNOWN_STAR4_ADDED} = {known}. Check that this is the edition you expect.",
                star3 + star4_added
            ),
            (IpaWarning::RequirementCount { star3, all }, Lang::Ja) => format!(
                "このワークブックの要求事項は ★3 が {star3} 件、全体で {all} 件です。{KNOWN_EDITION} 版は ★3 が {KNOWN_REQS_STAR3} 件、全体で {KNOWN_REQS_ALL} 件です。"
            ),
            (IpaWarning::RequirementCount { star3, all }, Lang::En) => format!(
                "the workbook has {star3} ★3 requirements and {all} in all; the {KNOWN_EDITION} edition has {KNOWN_REQS_STAR3} and {KNOWN_REQS_ALL}."
            ),
        }
    }
}

impl fmt::Display for IpaWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}
