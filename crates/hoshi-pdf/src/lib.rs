//! # hoshi-pdf
//!
//! Management reports as PDF, typeset by Typst used as a library. The template
//! (`templates/report.typ`) and the fonts (BIZ UDPGothic Regular and Bold, SIL OFL 1.1, licence
//! in `fonts/OFL.txt`) are compiled into the binary: no file, font or package is read from the
//! machine or the network at run time.
//!
//! Rules this crate keeps:
//! - the only way in is [`render`]: a [`Doc`] (plain data, built by [`Doc::build`]) becomes PDF
//!   bytes; no clock, no file system, no database;
//! - user text reaches Typst only as JSON string values, never as Typst markup;
//! - Typst's memoisation cache is trimmed after every report so a long-running server does not
//!   grow with the number of reports.

mod doc;
mod world;

pub use doc::{AttestationRef, Confirmation, Doc, EvidenceRef, Extras};

use hoshi_core::{Assessment, Catalog, Evaluation, Lang};

/// The licence of the embedded font (SIL Open Font License 1.1), to be shipped with the binary.
pub const FONT_LICENCE: &str = include_str!("../fonts/OFL.txt");

/// The font family the template uses.
pub const FONT_FAMILY: &str = "BIZ UDPGothic";

/// Why a report could not be made. Only a defect in the template can cause it; the message
/// carries Typst's diagnostics.
#[derive(Debug)]
pub struct PdfError(pub String);

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PDF report: {}", self.0)
    }
}

impl std::error::Error for PdfError {}

/// Typesets `doc` as PDF.
pub fn render(doc: &Doc) -> Result<Vec<u8>, PdfError> {
    world::render(doc)
}

/// Builds the document and typesets it in one step.
pub fn report(
    catalog: &Catalog,
    assessment: &Assessment,
    evaluation: &Evaluation,
    lang: Lang,
    extras: &Extras,
) -> Result<Vec<u8>, PdfError> {
    render(&Doc::build(catalog, assessment, evaluation, lang, extras))
}
