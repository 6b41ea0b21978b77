//! A document as a Word file (Office Open XML, WordprocessingML), written by hand over `zip`.
//!
//! A4 portrait, BIZ UDPGothic for Japanese (Yu Gothic / MS Gothic where it is not installed),
//! Arial for Latin text; Title, Heading 1 and Heading 2 styles; bullets and numbered lists
//! (numbering restarts with every list); tables with borders and a repeated header row; a header
//! with the company and title, a footer with the version, the effective date or the draft mark
//! and the page number. The bytes depend only on the input (fixed zip timestamps).

use std::io::{Cursor, Write};

use crate::markup::{Block, column_weights, parse};
use crate::{Doc, Meta};

/// Text width of the page in twentieths of a point (A4 210 mm less two 20 mm margins).
const TEXT_WIDTH: usize = 9638;

/// Text escaped for XML 1.0 content and attributes, without the characters XML 1.0 forbids.
pub fn xml_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push(' '),
            '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// One run of text.
fn run(text: &str, bold: bool) -> String {
    let rpr = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
    format!(
        "<w:r>{rpr}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        xml_text(text)
    )
}

/// Runs for text with `\n` line breaks.
fn runs(text: &str, bold: bool) -> String {
    text.split('\n')
        .map(|l| run(l, bold))
        .collect::<Vec<_>>()
        .join("<w:r><w:br/></w:r>")
}

fn para(style: Option<&str>, extra_ppr: &str, content: &str) -> String {
    let style = style
        .map(|s| format!("<w:pStyle w:val=\"{s}\"/>"))
        .unwrap_or_default();
    format!("<w:p><w:pPr>{style}{extra_ppr}</w:pPr>{content}</w:p>")
}

/// Column widths in twips, in proportion to [`column_weights`].
fn widths(header: Option<&Vec<String>>, rows: &[Vec<String>], width: usize) -> Vec<usize> {
    let mut w = column_weights(header.map(Vec::as_slice), rows);
    w.resize(width, 12);
    let total: usize = w.iter().sum();
    w.iter().map(|x| TEXT_WIDTH * x / total.max(1)).collect()
}

/// Collects the body and the list instances as it goes.
struct Body {
    xml: String,
    /// Number of numbered lists (each gets its own `w:num`, so numbering restarts).
    numbered_lists: u32,
}

/// `w:numId` of the shared bullet list.
const BULLET_NUM: u32 = 1;

impl Body {
    fn list(&mut self, items: &[String], num_id: u32) {
        for (n, i) in items.iter().enumerate() {
            // The last item keeps a paragraph's distance from what follows.
            let after = if n + 1 == items.len() {
                "<w:spacing w:after=\"160\"/>"
            } else {
                ""
            };
            let ppr = format!(
                "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{num_id}\"/></w:numPr>{after}"
            );
            self.xml
                .push_str(&para(Some("ListParagraph"), &ppr, &runs(i, false)));
        }
    }

    fn table(&mut self, header: Option<&Vec<String>>, rows: &[Vec<String>]) {
        let width = header
            .into_iter()
            .chain(rows.iter())
            .map(Vec::len)
            .max()
            .unwrap_or(0)
            .max(1);
        let cols = widths(header, rows, width);
        let border = |side: &str| {
            format!("<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"7F8C99\"/>")
        };
        let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
            .iter()
            .map(|s| border(s))
            .collect();
        self.xml.push_str(&format!(
            "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>{borders}</w:tblBorders>\
             <w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"40\" w:type=\"dxa\"/><w:left w:w=\"80\" w:type=\"dxa\"/>\
             <w:bottom w:w=\"40\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar>\
             <w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>"
        ));
        for col in &cols {
            self.xml.push_str(&format!("<w:gridCol w:w=\"{col}\"/>"));
        }
        self.xml.push_str("</w:tblGrid>");
        if let Some(h) = header {
            self.row(h, &cols, true);
        }
        for r in rows {
            self.row(r, &cols, false);
        }
        self.xml.push_str("</w:tbl>");
        // Word needs a paragraph between two tables; it also gives space after the table.
        self.xml.push_str(&para(Some("AfterTable"), "", ""));
    }

    fn row(&mut self, cells: &[String], cols: &[usize], header: bool) {
        self.xml.push_str("<w:tr>");
        if header {
            self.xml
                .push_str("<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
        } else if cells.len() < cols.len() || cells.iter().any(|c| c.trim().is_empty()) {
            // A row with blanks is filled in by hand: room to write.
            self.xml.push_str(
                "<w:trPr><w:cantSplit/><w:trHeight w:val=\"480\" w:hRule=\"atLeast\"/></w:trPr>",
            );
        } else {
            self.xml.push_str("<w:trPr><w:cantSplit/></w:trPr>");
        }
        for (i, col) in cols.iter().enumerate() {
            let text = cells.get(i).map(String::as_str).unwrap_or("");
            let shade = if header {
                "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E3EAF2\"/>"
            } else {
                ""
            };
            self.xml.push_str(&format!(
                "<w:tc><w:tcPr><w:tcW w:w=\"{col}\" w:type=\"dxa\"/>{shade}</w:tcPr>{}</w:tc>",
                para(Some("TableText"), "", &runs(text, header))
            ));
        }
        self.xml.push_str("</w:tr>");
    }

    fn blocks(&mut self, body: &str) {
        let blocks = parse(body);
        let before_table: Vec<bool> = (0..blocks.len())
            .map(|i| matches!(blocks.get(i + 1), Some(Block::Table { .. })))
            .collect();
        for (b, before_table) in blocks.into_iter().zip(before_table) {
            // A paragraph that introduces a table stays on the table's page.
            if let Block::Para(p) = &b
                && before_table
            {
                self.xml
                    .push_str(&para(None, "<w:keepNext/>", &runs(p, false)));
                continue;
            }
            match b {
                Block::Heading(h) => {
                    self.xml
                        .push_str(&para(Some("Heading2"), "", &runs(&h, false)))
                }
                Block::Para(p) => self.xml.push_str(&para(None, "", &runs(&p, false))),
                Block::Bullets(items) => self.list(&items, BULLET_NUM),
                Block::Numbered(items) => {
                    self.numbered_lists += 1;
                    let id = BULLET_NUM + self.numbered_lists;
                    self.list(&items, id);
                }
                Block::Table { header, rows } => self.table(header.as_ref(), &rows),
            }
        }
    }
}

const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
                  xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

fn document_xml(doc: &Doc, meta: &Meta) -> (String, u32) {
    let mut b = Body {
        xml: String::new(),
        numbered_lists: 0,
    };
    b.xml
        .push_str(&para(Some("Title"), "", &runs(&doc.title, false)));
    let mut sub = vec![meta.company.clone(), meta.status_line(doc.ja)];
    if let Some(a) = meta.approval_line(doc.ja) {
        sub.push(a);
    }
    let sub: Vec<String> = sub.into_iter().filter(|s| !s.trim().is_empty()).collect();
    b.xml.push_str(&para(
        Some("Subtitle"),
        "",
        &runs(&sub.join("　|　"), false),
    ));
    for s in &doc.sections {
        b.xml
            .push_str(&para(Some("Heading1"), "", &runs(&s.heading, false)));
        b.blocks(&s.body);
    }
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document {NS}><w:body>{}\
         <w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>\
         <w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1304\" w:right=\"1134\" w:bottom=\"1304\" w:left=\"1134\" w:header=\"680\" w:footer=\"680\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>",
        b.xml
    );
    (xml, b.numbered_lists)
}

fn header_xml(doc: &Doc, meta: &Meta) -> String {
    let left = if meta.company.trim().is_empty() {
        doc.title.clone()
    } else {
        format!("{}　|　{}", meta.company, doc.title)
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr {NS}>{}</w:hdr>",
        para(Some("Header"), "", &runs(&left, false))
    )
}

fn footer_xml(doc: &Doc, meta: &Meta) -> String {
    let status = meta.status_line(doc.ja);
    let field = |instr: &str| {
        format!(
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> {instr} </w:instrText></w:r>\
             <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        )
    };
    let content = format!(
        "{}<w:r><w:tab/></w:r>{}{}{}",
        run(&status, meta.draft),
        field("PAGE"),
        run(" / ", false),
        field("NUMPAGES")
    );
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr {NS}>{}</w:ftr>",
        para(Some("Footer"), "", &content)
    )
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>\
<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

const DOC_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rIdNumbering\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/>\
<Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rIdFonts\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>\
<Relationship Id=\"rIdHeader\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>\
<Relationship Id=\"rIdFooter\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>\
</Relationships>";

const STYLES: &str = include_str!("docx_styles.xml");

const SETTINGS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"840\"/><w:characterSpacingControl w:val=\"compressPunctuation\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
</w:settings>";

const FONT_TABLE: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:font w:name=\"BIZ UDPGothic\"><w:altName w:val=\"Yu Gothic\"/><w:charset w:val=\"80\"/><w:family w:val=\"swiss\"/><w:pitch w:val=\"variable\"/></w:font>\
<w:font w:name=\"Yu Gothic\"><w:altName w:val=\"MS Gothic\"/><w:charset w:val=\"80\"/><w:family w:val=\"swiss\"/><w:pitch w:val=\"variable\"/></w:font>\
<w:font w:name=\"MS Gothic\"><w:charset w:val=\"80\"/><w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/></w:font>\
<w:font w:name=\"Arial\"><w:charset w:val=\"00\"/><w:family w:val=\"swiss\"/><w:pitch w:val=\"variable\"/></w:font>\
</w:fonts>";

fn numbering_xml(numbered_lists: u32) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"singleLevel\"/>\
<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"•\"/><w:lvlJc w:val=\"left\"/>\
<w:pPr><w:ind w:left=\"420\" w:hanging=\"280\"/></w:pPr><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\"/></w:rPr></w:lvl></w:abstractNum>\
<w:abstractNum w:abstractNumId=\"1\"><w:multiLevelType w:val=\"singleLevel\"/>\
<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/><w:lvlJc w:val=\"left\"/>\
<w:pPr><w:ind w:left=\"480\" w:hanging=\"360\"/></w:pPr></w:lvl></w:abstractNum>\
<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>",
    );
    for i in 0..numbered_lists {
        s.push_str(&format!(
            "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"1\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>",
            BULLET_NUM + 1 + i
        ));
    }
    s.push_str("</w:numbering>");
    s
}

fn core_xml(doc: &Doc) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{}</dc:title><dc:creator>hoshi</dc:creator><cp:lastModifiedBy>hoshi</cp:lastModifiedBy>\
<dc:language>{}</dc:language></cp:coreProperties>",
        xml_text(&doc.title),
        if doc.ja { "ja-JP" } else { "en-GB" }
    )
}

fn app_xml(meta: &Meta) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
<Application>hoshi</Application><Company>{}</Company></Properties>",
        xml_text(&meta.company)
    )
}

/// The `.docx` bytes of `doc`, with `meta` in the header, footer and properties.
pub fn write(doc: &Doc, meta: &Meta) -> Vec<u8> {
    let (document, numbered) = document_xml(doc, meta);
    let styles = if doc.ja {
        STYLES.to_string()
    } else {
        STYLES.replace(
            "w:eastAsia=\"ja-JP\" w:val=\"ja-JP\"",
            "w:eastAsia=\"ja-JP\" w:val=\"en-GB\"",
        )
    };
    let parts: [(&str, String); 12] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/core.xml", core_xml(doc)),
        ("docProps/app.xml", app_xml(meta)),
        ("word/document.xml", document),
        ("word/_rels/document.xml.rels", DOC_RELS.to_string()),
        ("word/styles.xml", styles),
        ("word/numbering.xml", numbering_xml(numbered)),
        ("word/settings.xml", SETTINGS.to_string()),
        ("word/fontTable.xml", FONT_TABLE.to_string()),
        ("word/header1.xml", header_xml(doc, meta)),
        ("word/footer1.xml", footer_xml(doc, meta)),
    ];
    zip_parts(&parts)
}

fn zip_parts(parts: &[(&str, String)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::DEFAULT);
    for (name, content) in parts {
        // Writing into memory cannot fail short of running out of memory; an error would only
        // truncate the archive, which readers reject.
        if w.start_file(*name, opts).is_err() || w.write_all(content.as_bytes()).is_err() {
            break;
        }
    }
    w.finish().map(Cursor::into_inner).unwrap_or_default()
}
