//! # hoshi-xlsx
//!
//! Excel exchange for hoshi:
//! - [`import_ipa`]: reads IPA's official "★3・★4 要求事項・評価基準" workbook into a catalog that keeps the
//!   official wording, stamped with the file's SHA-256 and edition; [`prepare_ipa`] adds what storing
//!   it needs (checked options, the validated catalog file, what is already stored), for the CLI
//!   and the web app alike. Refusals are typed ([`IpaError`]) with messages in Japanese and English;
//! - [`export`] / [`import`]: answers in the official column layout plus the answer columns
//!   (O 自己評価, P 理由, Q 根拠および実施する事, R 補足情報), and back — also from a filled-in copy of the
//!   official workbook.
//!
//! Reader errors ([`XlsxError`]) carry their message in both languages too.
//!
//! Pure: bytes in, values or bytes out. The reader (`read`) is built for hostile files: size
//! limits on every decompressed part, sparse cells, capped counts.

mod answers;
#[doc(hidden)]
pub mod fixture;
mod ipa;
mod ipa_error;
mod prepare;
pub mod read;
pub mod register;
pub mod registers;
mod table;

use std::fmt;

use hoshi_core::Lang;

pub use answers::{
    AnswerImport, EVIDENCE_SHEET, EvidenceLine, MARKS, META_SHEET, Meta, RowIssue, RowProblem,
    export, export_with_evidence, import, mark, parse_mark, read_meta,
};
pub use ipa::{
    ANSWER_HEADERS, IpaImport, IpaOptions, KNOWN_EDITION, OFFICIAL_HEADERS, SHEET, import_ipa,
};
pub use ipa_error::{IpaError, IpaProblem, IpaRowProblem, IpaWarning, MAX_LISTED_PROBLEMS};
pub use prepare::{Existing, PreparedIpa, prepare_ipa};
pub use read::{MAX_FILE_BYTES, Workbook};
pub use table::{Cell as TableCell, table};

/// A workbook that cannot be used, with what is wrong, in English and in Japanese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XlsxError {
    /// What is wrong, in English (what `Display` shows).
    pub message: String,
    /// Individual problems (for example one per row), in English.
    pub details: Vec<String>,
    /// What is wrong, in Japanese.
    pub message_ja: String,
    /// The individual problems in Japanese, one for each of `details`.
    pub details_ja: Vec<String>,
}

impl XlsxError {
    /// An error with its message in English and in Japanese.
    pub fn new(en: impl Into<String>, ja: impl Into<String>) -> XlsxError {
        XlsxError {
            message: en.into(),
            details: Vec::new(),
            message_ja: ja.into(),
            details_ja: Vec::new(),
        }
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        match lang {
            Lang::Ja => self.message_ja.clone(),
            Lang::En => self.message.clone(),
        }
    }

    /// The individual problems in `lang`.
    pub fn details_in(&self, lang: Lang) -> Vec<String> {
        match lang {
            Lang::Ja => self.details_ja.clone(),
            Lang::En => self.details.clone(),
        }
    }
}

impl fmt::Display for XlsxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        for d in &self.details {
            write!(f, "\n  {d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for XlsxError {}

/// Normalises a header or sheet name for comparison: no whitespace, full-width ASCII to
/// half-width, no trailing period (`評価基準Ｎｏ．` → `評価基準No`).
pub fn normalise_header(s: &str) -> String {
    let mut out: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '！'..='～' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '☆' => '★',
            _ => c,
        })
        .collect();
    while out.ends_with('.') {
        out.pop();
    }
    out
}
