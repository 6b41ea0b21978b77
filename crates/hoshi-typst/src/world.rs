//! The Typst `World`: one template (the management report or a company document), one JSON
//! file, an optional QR code and the two embedded fonts. Nothing else exists in it, so a
//! template mistake cannot reach the file system.

use std::sync::LazyLock;

use qrcodegen::{QrCode, QrCodeEcc};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

use hoshi_pdf::{Doc, PdfError};

const TEMPLATE: &str = include_str!("../templates/report.typ");
const DOC_TEMPLATE: &str = include_str!("../templates/document.typ");
static REGULAR: &[u8] = include_bytes!("../fonts/BIZUDPGothic-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/BIZUDPGothic-Bold.ttf");

/// What every report shares: the standard library, the fonts and the parsed template.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: FileId,
    data: FileId,
    qr: FileId,
    template: Source,
    doc_main: FileId,
    doc_template: Source,
}

fn file_id(path: &str) -> FileId {
    // Fixed names: Typst interns file ids for the life of the process, so new names per
    // report would leak.
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).unwrap_or_else(|_| unreachable!("static path {path}")),
    )
    .intern()
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = [REGULAR, BOLD]
        .iter()
        .flat_map(|b| Font::iter(Bytes::new(*b)))
        .collect();
    let main = file_id("/report.typ");
    let doc_main = file_id("/document.typ");
    Shared {
        library: LazyHash::new(Library::default()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
        main,
        data: file_id("/data.json"),
        qr: file_id("/qr.svg"),
        template: Source::new(main, TEMPLATE.to_string()),
        doc_main,
        doc_template: Source::new(doc_main, DOC_TEMPLATE.to_string()),
    }
});

struct ReportWorld {
    /// `SHARED.main` (the report) or `SHARED.doc_main` (a company document).
    main: FileId,
    data: Bytes,
    qr: Option<Bytes>,
    today: Option<Datetime>,
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main {
            Ok(template(id).clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == SHARED.data {
            Ok(self.data.clone())
        } else if id == SHARED.qr
            && let Some(q) = &self.qr
        {
            Ok(q.clone())
        } else if id == self.main {
            Ok(Bytes::from_string(template(id).clone()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

/// The parsed template of a main file.
fn template(main: FileId) -> &'static Source {
    if main == SHARED.doc_main {
        &SHARED.doc_template
    } else {
        &SHARED.template
    }
}

/// A QR code as SVG: dark modules as one path, four modules of quiet zone.
pub(crate) fn qr_svg(text: &str) -> Option<String> {
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let n = qr.size();
    let border = 4;
    let dim = n + 2 * border;
    let mut path = String::new();
    for y in 0..n {
        for x in 0..n {
            if qr.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + border, y + border));
            }
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {dim} {dim}\" shape-rendering=\"crispEdges\"><rect width=\"{dim}\" height=\"{dim}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

fn today(date: &str) -> Option<Datetime> {
    let (y, m, d) = hoshi_core::time::parse_date(date)?;
    Datetime::from_ymd(y as i32, m as u8, d as u8)
}

pub(crate) fn render(doc: &Doc) -> Result<Vec<u8>, PdfError> {
    let data = serde_json::to_vec(doc).map_err(|e| PdfError(e.to_string()))?;
    let world = ReportWorld {
        main: SHARED.main,
        data: Bytes::new(data),
        qr: doc
            .attestation
            .as_ref()
            .and_then(|a| qr_svg(&a.url))
            .map(|s| Bytes::new(s.into_bytes())),
        today: today(&doc.date),
    };
    compile(&world, "report.typ")
}

/// Typesets a company document (`templates/document.typ`) from its JSON data.
pub(crate) fn render_document(data: Vec<u8>) -> Result<Vec<u8>, PdfError> {
    let world = ReportWorld {
        main: SHARED.doc_main,
        data: Bytes::new(data),
        qr: None,
        today: None,
    };
    compile(&world, "document.typ")
}

fn compile(world: &ReportWorld, name: &str) -> Result<Vec<u8>, PdfError> {
    let result = typst::compile::<PagedDocument>(world).output;
    let out = match result {
        Ok(document) => {
            let options = typst_pdf::PdfOptions {
                creator: typst::foundations::Smart::Custom(Some("hoshi".into())),
                ..typst_pdf::PdfOptions::default()
            };
            typst_pdf::pdf(&document, &options).map_err(|errs| {
                PdfError(
                    errs.iter()
                        .map(|e| e.message.to_string())
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            })
        }
        Err(errs) => Err(PdfError(
            errs.iter()
                .map(|e| {
                    let at = world
                        .range(e.span)
                        .map(|r| {
                            let text = template(world.main).text();
                            let line = text[..r.start.min(text.len())].lines().count();
                            format!("{name} line {line}: ")
                        })
                        .unwrap_or_default();
                    format!("{at}{}", e.message)
                })
                .collect::<Vec<_>>()
                .join("; "),
        )),
    };
    // Reports differ from one another, so Typst's memoisation gains nothing between them (measured:
    // same time with and without it); clearing it keeps a long-running server flat.
    typst::comemo::evict(0);
    out
}
