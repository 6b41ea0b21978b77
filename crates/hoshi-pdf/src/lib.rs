//! # hoshi-pdf
//!
//! What a management report shows, as plain data, and the interface that turns it into PDF.
//! The typesetter itself (Typst, with the embedded fonts) lives in `hoshi-typst`, which only the
//! binary wires in: this crate compiles in seconds, so the web layer and its tests do not wait
//! for, or link, Typst.
//!
//! Rules this crate keeps:
//! - a report is a [`Doc`] (plain data in the reader's language, built by [`Doc::build`]) handed
//!   to a [`Render`]; no clock, no file system, no database;
//! - user text is carried as string values, never as markup for the typesetter.
//!
//! [`Render::document`] also typesets the company's own documents (`hoshi_docs::Doc`).

mod doc;

pub use doc::{AttestationRef, Confirmation, Doc, EvidenceRef, Extras};

use hoshi_core::{Assessment, Catalog, Evaluation, Lang};

/// Why a report could not be made. Only a defect in the template can cause it; the message
/// carries the typesetter's diagnostics.
#[derive(Debug)]
pub struct PdfError(pub String);

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PDF report: {}", self.0)
    }
}

impl std::error::Error for PdfError {}

/// Typesets a [`Doc`] as PDF. The binary hands the web layer and the CLI one implementation
/// (`hoshi_typst::Typst`).
pub trait Render: Send + Sync {
    /// The PDF bytes of `doc`.
    fn render(&self, doc: &Doc) -> Result<Vec<u8>, PdfError>;

    /// Licence notices of what the renderer embeds in every PDF (fonts), shipped with the
    /// binary at `/licences.txt`.
    fn notices(&self) -> &str;

    /// The PDF bytes of one of the organisation's documents (policy, rules, procedures) with
    /// what an export prints around it. A renderer that cannot typeset documents says so.
    fn document(
        &self,
        doc: &hoshi_docs::Doc,
        meta: &hoshi_docs::Meta,
    ) -> Result<Vec<u8>, PdfError> {
        let _ = (doc, meta);
        Err(PdfError("this renderer cannot typeset documents".into()))
    }

    /// Builds the document and typesets it in one step.
    fn report(
        &self,
        catalog: &Catalog,
        assessment: &Assessment,
        evaluation: &Evaluation,
        lang: Lang,
        extras: &Extras,
    ) -> Result<Vec<u8>, PdfError> {
        self.render(&Doc::build(catalog, assessment, evaluation, lang, extras))
    }
}

impl std::fmt::Debug for dyn Render {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("dyn Render")
    }
}
