//! # hoshi-typst
//!
//! The PDF typesetter: Typst used as a library, behind [`hoshi_pdf::Render`]. The template
//! (`templates/report.typ`) and the fonts (BIZ UDPGothic Regular and Bold, SIL OFL 1.1, licence
//! in `fonts/OFL.txt`) are compiled into the binary: no file, font or package is read from the
//! machine or the network at run time.
//!
//! Typst brings more than 200 crates; this crate is the only one that depends on it, and only
//! the `hoshi` binary depends on this crate.
//!
//! Rules this crate keeps:
//! - the only ways in are [`Typst::render`] (a management report [`Doc`]) and
//!   [`Render::document`] (a company document, `hoshi_docs::Doc`, with the second template
//!   `templates/document.typ`): user text reaches Typst only as JSON string values, never as
//!   Typst markup;
//! - Typst's memoisation cache is trimmed after every report so a long-running server does not
//!   grow with the number of reports.

mod document;
mod world;

use hoshi_pdf::{Doc, PdfError, Render};

/// The licence of the embedded font (SIL Open Font License 1.1), to be shipped with the binary.
pub const FONT_LICENCE: &str = include_str!("../fonts/OFL.txt");

/// The font family the template uses.
pub const FONT_FAMILY: &str = "BIZ UDPGothic";

/// Typst with hoshi's report template and embedded fonts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Typst;

impl Render for Typst {
    fn render(&self, doc: &Doc) -> Result<Vec<u8>, PdfError> {
        world::render(doc)
    }

    fn notices(&self) -> &str {
        FONT_LICENCE
    }

    fn document(
        &self,
        doc: &hoshi_docs::Doc,
        meta: &hoshi_docs::Meta,
    ) -> Result<Vec<u8>, PdfError> {
        let data =
            serde_json::to_vec(&document::data(doc, meta)).map_err(|e| PdfError(e.to_string()))?;
        world::render_document(data)
    }
}
