//! Why an export was refused. Reading is all-or-nothing: one bad row refuses the file, and every
//! bad row (up to [`MAX_PROBLEMS`]) is named with its row number, its column as the file spells
//! it, and what was expected there.

use hoshi_core::Lang;
use serde::Serialize;

/// At most this many problems are listed; the rest are counted in [`ReadError::more`].
pub const MAX_PROBLEMS: usize = 50;

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ProblemKind {
    /// The file is larger than `max_mb` MB.
    TooLarge { max_mb: usize },
    /// Neither UTF-8, UTF-16 with a byte order mark nor Shift_JIS, or not CSV at all.
    Unreadable,
    /// No data rows below the header.
    Empty,
    /// More than `max` data rows.
    TooManyRows { max: usize },
    /// The header row matches none of the known exports (`expected` names what would).
    UnknownFormat,
    /// A column this export needs is not there; `expected` is its name as the console writes it.
    MissingColumn { expected: String },
    /// The same column twice.
    ColumnTwice,
    /// A required value is empty.
    EmptyValue,
    /// Not a date; `value` is what the cell holds.
    BadDate { value: String },
    /// Not a yes/no value.
    BadFlag { value: String },
    /// Not a Google Workspace account status.
    BadStatus { value: String },
    /// Not the status of a sign-in (Success, Failure, Interrupted).
    BadSignInStatus { value: String },
    /// A sign-in log without an account list to join it to: the accounts nobody signed in
    /// with, the ones that matter, would not be in the result at all.
    SignInLogAlone,
    /// The same account ID on an earlier row.
    DuplicateId { value: String, first_row: usize },
    /// A row with more or fewer cells than the header.
    CellCount { expected: usize, found: usize },
}

/// One problem in a file: `row` is the row number as a spreadsheet shows it (1 is the first
/// line; 0 for the file as a whole), `column` the header as written in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub row: usize,
    pub column: Option<String>,
    #[serde(flatten)]
    pub kind: ProblemKind,
}

/// The file was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadError {
    pub problems: Vec<Problem>,
    /// Problems beyond [`MAX_PROBLEMS`], not listed.
    pub more: usize,
}

impl ReadError {
    pub(crate) fn file(kind: ProblemKind) -> ReadError {
        ReadError {
            problems: vec![Problem {
                row: 0,
                column: None,
                kind,
            }],
            more: 0,
        }
    }

    /// Every problem, one per line, then how many more there are.
    pub fn message(&self, lang: Lang) -> String {
        let mut lines: Vec<String> = self.problems.iter().map(|p| p.message(lang)).collect();
        if self.more > 0 {
            lines.push(match lang {
                Lang::Ja => format!("ほかに {} 件の問題があります。", self.more),
                Lang::En => format!("There are {} more problems.", self.more),
            });
        }
        lines.join("\n")
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ReadError {}

/// What a yes/no cell may hold, for the messages.
const FLAGS: &str = "True / False";
/// What a date cell may hold, for the messages.
const DATES: (&str, &str) = (
    "2026/11/30 9:15:02、11/30/2026 9:15:02 AM、2026-11-30 のような日付",
    "a date such as 2026/11/30 9:15:02, 11/30/2026 9:15:02 AM or 2026-11-30",
);

impl Problem {
    /// The problem as a sentence, with its place in the file first.
    pub fn message(&self, lang: Lang) -> String {
        let what = self.kind.message(lang);
        match (self.row, &self.column, lang) {
            (0, None, _) => what,
            (0, Some(c), Lang::Ja) => format!("列「{c}」: {what}"),
            (0, Some(c), Lang::En) => format!("Column “{c}”: {what}"),
            (r, None, Lang::Ja) => format!("{r} 行目: {what}"),
            (r, None, Lang::En) => format!("Row {r}: {what}"),
            (r, Some(c), Lang::Ja) => format!("{r} 行目の列「{c}」: {what}"),
            (r, Some(c), Lang::En) => format!("Row {r}, column “{c}”: {what}"),
        }
    }
}

impl ProblemKind {
    /// Stable code, as in the JSON form.
    pub fn code(&self) -> &'static str {
        use ProblemKind as K;
        match self {
            K::TooLarge { .. } => "too_large",
            K::Unreadable => "unreadable",
            K::Empty => "empty",
            K::TooManyRows { .. } => "too_many_rows",
            K::UnknownFormat => "unknown_format",
            K::MissingColumn { .. } => "missing_column",
            K::ColumnTwice => "column_twice",
            K::EmptyValue => "empty_value",
            K::BadDate { .. } => "bad_date",
            K::BadFlag { .. } => "bad_flag",
            K::BadStatus { .. } => "bad_status",
            K::BadSignInStatus { .. } => "bad_sign_in_status",
            K::SignInLogAlone => "sign_in_log_alone",
            K::DuplicateId { .. } => "duplicate_id",
            K::CellCount { .. } => "cell_count",
        }
    }

    /// The problem and what was expected, without its place.
    pub fn message(&self, lang: Lang) -> String {
        use ProblemKind as K;
        let ja = matches!(lang, Lang::Ja);
        match self {
            K::TooLarge { max_mb } if ja => format!(
                "ファイルが大きすぎます。{max_mb} MB 以下のファイルにしてください。"
            ),
            K::TooLarge { max_mb } => {
                format!("The file is too large; it must be at most {max_mb} MB.")
            }
            K::Unreadable if ja => "ファイルを読み取れません。管理画面からダウンロードした CSV ファイル（UTF-8、UTF-16 または Shift_JIS）を選んでください。".into(),
            K::Unreadable => "The file cannot be read; choose the CSV file downloaded from the admin console (UTF-8, UTF-16 or Shift_JIS).".into(),
            K::Empty if ja => "見出し行の下にアカウントの行がありません。".into(),
            K::Empty => "There are no account rows below the header row.".into(),
            K::TooManyRows { max } if ja => format!(
                "1 つのファイルで読み込めるのは {max} 行までです。ファイルを分けてください。"
            ),
            K::TooManyRows { max } => format!("One file may hold at most {max} rows; split it."),
            K::UnknownFormat if ja => "見出し行が、対応しているエクスポート（Microsoft 365 のアクティブなユーザー、Entra ID のユーザー登録の詳細、Entra ID のサインイン ログ、Get-MgUser のサインイン アクティビティ、Google Workspace のユーザー一覧、Active Directory の Export-Csv）のどれとも一致しません。管理画面から出力したままのファイルを選ぶか、列の対応を指定してください。".into(),
            K::UnknownFormat => "The header row matches none of the supported exports (Microsoft 365 active users, Entra ID user registration details, Entra ID sign-in log, Get-MgUser sign-in activity, Google Workspace user list, Active Directory Export-Csv). Choose the file as the admin console wrote it, or give a column mapping.".into(),
            K::SignInLogAlone if ja => "サインイン ログだけでは確認できません。ログには使われたアカウントしか現れないため、使われていないアカウントが見つからないからです。Microsoft 365 管理センターの「アクティブなユーザー」のエクスポート（または Entra ID のユーザー登録の詳細）と一緒に指定してください。".into(),
            K::SignInLogAlone => "A sign-in log cannot be checked on its own: it shows only the accounts that were used, so unused ones would go unnoticed. Give it together with the Microsoft 365 active users export (or the Entra ID user registration details).".into(),
            _ => self.cell_message(ja),
        }
    }

    fn cell_message(&self, ja: bool) -> String {
        use ProblemKind as K;
        match self {
            K::MissingColumn { expected } if ja => {
                format!(
                    "必要な列「{expected}」がありません。出力時に列を削除していないか確認してください。"
                )
            }
            K::MissingColumn { expected } => format!(
                "The required column “{expected}” is missing; check that no column was removed when exporting."
            ),
            K::ColumnTwice if ja => {
                "同じ列が 2 回あります。どちらを使うか決められないため、片方を削除してください。"
                    .into()
            }
            K::ColumnTwice => {
                "This column appears twice; remove one of them so it is clear which to use.".into()
            }
            K::EmptyValue if ja => "値が空です。アカウントの ID を入れてください。".into(),
            K::EmptyValue => "The value is empty; an account ID is required here.".into(),
            K::BadDate { value } if ja => {
                format!(
                    "「{value}」は日付として読めません。{}を入れてください。",
                    DATES.0
                )
            }
            K::BadDate { value } => {
                format!("“{value}” is not a date; expected {}.", DATES.1)
            }
            K::BadFlag { value } if ja => format!(
                "「{value}」を「はい」「いいえ」として読めません。{FLAGS}（または はい / いいえ、1 / 0）を入れてください。"
            ),
            K::BadFlag { value } => {
                format!("“{value}” is not a yes/no value; expected {FLAGS} (or Yes / No, 1 / 0).")
            }
            K::BadStatus { value } if ja => format!(
                "「{value}」はアカウントの状態として読めません。Active、Suspended、Archived のどれかを入れてください。"
            ),
            K::BadStatus { value } => format!(
                "“{value}” is not an account status; expected Active, Suspended or Archived."
            ),
            K::BadSignInStatus { value } if ja => format!(
                "「{value}」はサインインの状態として読めません。Success、Failure、Interrupted のどれかを入れてください。"
            ),
            K::BadSignInStatus { value } => format!(
                "“{value}” is not a sign-in status; expected Success, Failure or Interrupted."
            ),
            K::DuplicateId { value, first_row } if ja => format!(
                "アカウント「{value}」は {first_row} 行目にもあります。1 アカウントにつき 1 行にしてください。"
            ),
            K::DuplicateId { value, first_row } => format!(
                "The account “{value}” is also on row {first_row}; each account must appear once."
            ),
            K::CellCount { expected, found } if ja => format!(
                "見出しは {expected} 列ですが、この行は {found} 列あります。区切りの「,」や引用符が崩れていないか確認してください。"
            ),
            K::CellCount { expected, found } => format!(
                "The header has {expected} columns but this row has {found}; check for stray commas or quotes."
            ),
            // File-level kinds are handled in `message`.
            _ => self.message(if ja { Lang::Ja } else { Lang::En }),
        }
    }
}
