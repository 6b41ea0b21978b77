//! A small, strict reader for `.xlsx` workbooks: cell text, formulas, merged ranges.
//!
//! Written for hostile input: every part is decompressed through a size limit (zip bombs stop
//! at the limit, whatever the headers claim), cells are stored sparsely (a cell at XFD1048576
//! costs one entry, not a dense grid), and counts of cells, strings and merges are capped.

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::XlsxError;

/// Largest workbook file accepted.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// Largest decompressed part (sheet, shared strings) read.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// Largest total of decompressed data read from one workbook.
pub const MAX_TOTAL_BYTES: u64 = 160 * 1024 * 1024;
pub const MAX_ENTRIES: usize = 2_000;
/// Most non-empty cells in one sheet.
pub const MAX_CELLS: usize = 500_000;
pub const MAX_SHARED_STRINGS: usize = 500_000;
pub const MAX_MERGES: usize = 50_000;
/// Excel's own limits.
pub const MAX_ROW: u32 = 1_048_576;
pub const MAX_COL: u32 = 16_384;
pub const MAX_CELL_CHARS: usize = 32_767;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    /// The cell holds a formula (its text is the cached result, if any).
    pub formula: Option<String>,
}

/// A rectangle of cells, 1-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

impl Rect {
    fn contains(&self, row: u32, col: u32) -> bool {
        (self.first_row..=self.last_row).contains(&row)
            && (self.first_col..=self.last_col).contains(&col)
    }
}

/// One worksheet: sparse cells and merged ranges.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    cells: BTreeMap<(u32, u32), Cell>,
    merges: Vec<Rect>,
}

impl Sheet {
    /// The cell exactly at (row, col), 1-based.
    pub fn cell(&self, row: u32, col: u32) -> Option<&Cell> {
        self.cells.get(&(row, col))
    }

    /// The merged range that covers (row, col), if any.
    pub fn merge_at(&self, row: u32, col: u32) -> Option<Rect> {
        self.merges.iter().copied().find(|m| m.contains(row, col))
    }

    /// The text shown at (row, col): a cell inside a merged range shows the range's top-left value.
    pub fn value(&self, row: u32, col: u32) -> &str {
        let (r, c) = match self.merge_at(row, col) {
            Some(m) => (m.first_row, m.first_col),
            None => (row, col),
        };
        self.cells
            .get(&(r, c))
            .map(|c| c.text.as_str())
            .unwrap_or("")
    }

    /// Every stored cell with its (row, col), 1-based, in row order then column order.
    pub fn cells(&self) -> impl Iterator<Item = ((u32, u32), &Cell)> {
        self.cells.iter().map(|(k, v)| (*k, v))
    }

    /// Highest row number that holds a cell.
    pub fn max_row(&self) -> u32 {
        self.cells.keys().map(|(r, _)| *r).max().unwrap_or(0)
    }

    pub fn merges(&self) -> &[Rect] {
        &self.merges
    }
}

/// Column letters (`A`, `AB`) for a 1-based column number.
pub fn col_name(mut col: u32) -> String {
    let mut s = Vec::new();
    while col > 0 {
        let rem = (col - 1) % 26;
        s.push(b'A' + rem as u8);
        col = (col - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Parses a cell reference such as `B12` into (row, col), 1-based.
pub fn parse_ref(r: &str) -> Option<(u32, u32)> {
    let r = r.trim().trim_start_matches('$');
    let letters = r.bytes().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let (l, d) = r.split_at(letters);
    let d = d.trim_start_matches('$');
    let mut col: u32 = 0;
    for b in l.bytes() {
        col = col * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1);
    }
    let row: u32 = d.parse().ok()?;
    if row == 0 || row > MAX_ROW || col == 0 || col > MAX_COL {
        return None;
    }
    Some((row, col))
}

fn parse_range(r: &str) -> Option<Rect> {
    let (a, b) = r.split_once(':').unwrap_or((r, r));
    let (r1, c1) = parse_ref(a)?;
    let (r2, c2) = parse_ref(b)?;
    Some(Rect {
        first_row: r1.min(r2),
        first_col: c1.min(c2),
        last_row: r1.max(r2),
        last_col: c1.max(c2),
    })
}

/// An opened workbook.
pub struct Workbook {
    archive: zip::ZipArchive<Cursor<Vec<u8>>>,
    /// Sheet names in workbook order, with the part each is stored in.
    sheets: Vec<(String, String)>,
    shared: Option<Vec<String>>,
    read_so_far: u64,
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key: &str = a.key.as_ref();
        let local = key.rsplit(':').next().unwrap_or(key);
        (local == name || key == name).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_default()
        })
    })
}

fn local(e: &BytesStart) -> String {
    let n: &str = e.name().into_inner();
    n.rsplit(':').next().unwrap_or(n).to_string()
}

fn local_end(e: &quick_xml::events::BytesEnd) -> String {
    let n: &str = e.name().into_inner();
    n.rsplit(':').next().unwrap_or(n).to_string()
}

/// Resolves `&amp;`, `&#x30;` and friends.
fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix('x').or_else(|| n.strip_prefix('X')) {
                Some(h) => u32::from_str_radix(h, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code).filter(|&c| c != '\0')
        }
    }
}

fn push_limited(buf: &mut String, s: &str, what: &str) -> Result<(), XlsxError> {
    if buf.len() + s.len() > MAX_CELL_CHARS * 4 {
        return Err(XlsxError::new(
            format!("{what}: a text is longer than Excel allows"),
            format!(
                "ワークブックの {what} に、Excel で扱える長さ（{MAX_CELL_CHARS} 文字）を超える文字列があります。"
            ),
        ));
    }
    buf.push_str(s);
    Ok(())
}

fn too_many_strings() -> XlsxError {
    XlsxError::new(
        format!("more than {MAX_SHARED_STRINGS} shared strings"),
        format!("ワークブックの共有文字列が上限の {MAX_SHARED_STRINGS} 個を超えています。"),
    )
}

fn xml_err(part: &str, e: impl std::fmt::Display) -> XlsxError {
    XlsxError::new(
        format!("the workbook is damaged: {part} is not well-formed XML ({e})"),
        format!("ワークブックが壊れています。{part} が正しい XML ではありません（{e}）。"),
    )
}

impl Workbook {
    pub fn open(bytes: Vec<u8>) -> Result<Workbook, XlsxError> {
        if bytes.len() > MAX_FILE_BYTES {
            return Err(XlsxError::new(
                format!(
                    "the file is {} bytes; workbooks may be at most {MAX_FILE_BYTES} bytes",
                    bytes.len()
                ),
                format!(
                    "ファイルの大きさが {} バイトあります。読み込めるワークブックは {MAX_FILE_BYTES} バイト（{} MB）までです。",
                    bytes.len(),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            ));
        }
        if !bytes.starts_with(b"PK") {
            return Err(XlsxError::new(
                "this is not an .xlsx workbook (not a ZIP container); save it from Excel as \"Excel Workbook (*.xlsx)\"",
                "このファイルは .xlsx 形式のワークブックではありません（ZIP 形式ではありません）。Excel で「Excel ブック (*.xlsx)」として保存し直してください。",
            ));
        }
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            XlsxError::new(
                format!(
                    "this is not a readable .xlsx workbook (the ZIP container is damaged or truncated: {e})"
                ),
                format!(
                    ".xlsx 形式のワークブックとして読み取れません。ZIP 形式のファイルが壊れているか、途中で切れています（{e}）。"
                ),
            )
        })?;
        if archive.len() > MAX_ENTRIES {
            return Err(XlsxError::new(
                format!(
                    "the workbook has {} parts; at most {MAX_ENTRIES} are accepted",
                    archive.len()
                ),
                format!(
                    "ワークブックの構成要素（ZIP 内のファイル）が {} 個あります。受け付けるのは {MAX_ENTRIES} 個までです。",
                    archive.len()
                ),
            ));
        }
        let mut wb = Workbook {
            archive,
            sheets: Vec::new(),
            shared: None,
            read_so_far: 0,
        };
        let workbook_part = wb
            .office_document()
            .unwrap_or_else(|| "xl/workbook.xml".to_string());
        let Some(xml) = wb.part(&workbook_part)? else {
            return Err(XlsxError::new(
                "this ZIP file is not an Excel workbook (xl/workbook.xml is missing)",
                "この ZIP ファイルは Excel のワークブックではありません（xl/workbook.xml がありません）。",
            ));
        };
        let dir = workbook_part
            .rsplit_once('/')
            .map(|(d, _)| d.to_string())
            .unwrap_or_default();
        let rels_part = format!(
            "{dir}/_rels/{}.rels",
            workbook_part.rsplit('/').next().unwrap_or("workbook.xml")
        );
        let rels = wb.relationships(&rels_part)?;
        let mut r = Reader::from_str(&xml);
        loop {
            match r.read_event().map_err(|e| xml_err(&workbook_part, e))? {
                Event::Start(e) | Event::Empty(e) if local(&e) == "sheet" => {
                    let name = attr(&e, "name").unwrap_or_default();
                    let id = attr(&e, "id").unwrap_or_default();
                    if let Some(target) = rels.get(&id) {
                        let path = if let Some(abs) = target.strip_prefix('/') {
                            abs.to_string()
                        } else if dir.is_empty() {
                            target.clone()
                        } else {
                            format!("{dir}/{target}")
                        };
                        wb.sheets.push((name, path));
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(wb)
    }

    fn office_document(&mut self) -> Option<String> {
        let rels = self.relationships_typed("_rels/.rels").ok()?;
        rels.into_iter()
            .find(|(_, ty, _)| ty.ends_with("/officeDocument"))
            .map(|(_, _, t)| t.trim_start_matches('/').to_string())
    }

    fn relationships(&mut self, part: &str) -> Result<HashMap<String, String>, XlsxError> {
        Ok(self
            .relationships_typed(part)?
            .into_iter()
            .map(|(id, _, target)| (id, target))
            .collect())
    }

    fn relationships_typed(
        &mut self,
        part: &str,
    ) -> Result<Vec<(String, String, String)>, XlsxError> {
        let Some(xml) = self.part(part)? else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        let mut r = Reader::from_str(&xml);
        loop {
            match r.read_event().map_err(|e| xml_err(part, e))? {
                Event::Start(e) | Event::Empty(e) if local(&e) == "Relationship" => {
                    out.push((
                        attr(&e, "Id").unwrap_or_default(),
                        attr(&e, "Type").unwrap_or_default(),
                        attr(&e, "Target").unwrap_or_default(),
                    ));
                }
                Event::Eof => break,
                _ => {}
            }
        }
        Ok(out)
    }

    /// Reads one part as UTF-8 text through the size limits. `None` if the part does not exist.
    fn part(&mut self, name: &str) -> Result<Option<String>, XlsxError> {
        let mut f = match self.archive.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => {
                return Err(XlsxError::new(
                    format!("the workbook is damaged: cannot read {name} ({e})"),
                    format!("ワークブックが壊れています。{name} を読み取れません（{e}）。"),
                ));
            }
        };
        let remaining = MAX_TOTAL_BYTES.saturating_sub(self.read_so_far);
        let limit = MAX_PART_BYTES.min(remaining);
        let mut buf = Vec::new();
        (&mut f)
            .take(limit + 1)
            .read_to_end(&mut buf)
            .map_err(|e| {
                XlsxError::new(
                    format!("the workbook is damaged or truncated: cannot read {name} ({e})"),
                    format!(
                        "ワークブックが壊れているか、途中で切れています。{name} を読み取れません（{e}）。"
                    ),
                )
            })?;
        if buf.len() as u64 > limit {
            return Err(XlsxError::new(
                format!(
                    "{name} decompresses to more than {limit} bytes; the workbook is refused (possible ZIP bomb)"
                ),
                format!(
                    "{name} を展開すると {limit} バイトを超えるため、このワークブックは受け付けません（ZIP 爆弾の可能性があります）。"
                ),
            ));
        }
        self.read_so_far += buf.len() as u64;
        let text = String::from_utf8(buf).map_err(|_| {
            XlsxError::new(
                format!("the workbook is damaged: {name} is not UTF-8 XML"),
                format!("ワークブックが壊れています。{name} が UTF-8 の XML ではありません。"),
            )
        })?;
        Ok(Some(text))
    }

    pub fn sheet_names(&self) -> Vec<String> {
        self.sheets.iter().map(|(n, _)| n.clone()).collect()
    }

    fn shared_strings(&mut self) -> Result<Vec<String>, XlsxError> {
        if let Some(s) = &self.shared {
            return Ok(s.clone());
        }
        let part = "xl/sharedStrings.xml";
        let mut out = Vec::new();
        if let Some(xml) = self.part(part)? {
            let mut r = Reader::from_str(&xml);
            let (mut in_si, mut in_t, mut in_rph) = (false, false, 0u32);
            let mut cur = String::new();
            loop {
                match r.read_event().map_err(|e| xml_err(part, e))? {
                    Event::Start(e) => match local(&e).as_str() {
                        "si" => {
                            in_si = true;
                            cur.clear();
                        }
                        "t" if in_si && in_rph == 0 => in_t = true,
                        "rPh" => in_rph += 1,
                        _ => {}
                    },
                    Event::Empty(e) if local(&e) == "si" => {
                        if out.len() >= MAX_SHARED_STRINGS {
                            return Err(too_many_strings());
                        }
                        out.push(String::new());
                    }
                    Event::End(e) => match local_end(&e).as_str() {
                        "si" => {
                            in_si = false;
                            if out.len() >= MAX_SHARED_STRINGS {
                                return Err(too_many_strings());
                            }
                            out.push(std::mem::take(&mut cur));
                        }
                        "t" => in_t = false,
                        "rPh" => in_rph = in_rph.saturating_sub(1),
                        _ => {}
                    },
                    Event::Text(t) if in_t => push_limited(&mut cur, &t.xml10_content(), part)?,
                    Event::CData(t) if in_t => push_limited(&mut cur, &t, part)?,
                    Event::GeneralRef(g) if in_t => {
                        if let Some(c) = entity(&g) {
                            cur.push(c);
                        }
                    }
                    Event::Eof => break,
                    _ => {}
                }
            }
        }
        self.shared = Some(out.clone());
        Ok(out)
    }

    /// Reads the sheet called `name`.
    pub fn sheet(&mut self, name: &str) -> Result<Sheet, XlsxError> {
        let Some(path) = self
            .sheets
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| p.clone())
        else {
            return Err(XlsxError::new(
                format!("the workbook has no sheet named `{name}`"),
                format!("ワークブックにシート『{name}』がありません。"),
            ));
        };
        let shared = self.shared_strings()?;
        let Some(xml) = self.part(&path)? else {
            return Err(XlsxError::new(
                format!("the workbook is damaged: sheet `{name}` ({path}) is missing"),
                format!(
                    "ワークブックが壊れています。シート『{name}』（{path}）の中身がありません。"
                ),
            ));
        };
        parse_sheet(name, &path, &xml, &shared)
    }
}

fn parse_sheet(name: &str, part: &str, xml: &str, shared: &[String]) -> Result<Sheet, XlsxError> {
    let mut p = SheetParser::new(name, part, shared);
    let mut r = Reader::from_str(xml);
    loop {
        let ev = r.read_event().map_err(|e| xml_err(part, e))?;
        match ev {
            Event::Start(ref e) => p.start(e, false)?,
            Event::Empty(ref e) => p.start(e, true)?,
            Event::End(ref e) => p.end(&local_end(e))?,
            Event::Text(t) => p.text(&t.xml10_content())?,
            Event::GeneralRef(g) => {
                if let Some(c) = entity(&g) {
                    p.push_char(c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(p.sheet)
}

/// What is known while reading one sheet's XML, event by event.
struct SheetParser<'a> {
    /// Sheet name, for messages.
    name: &'a str,
    /// Part the sheet is stored in, for messages.
    part: &'a str,
    shared: &'a [String],
    sheet: Sheet,
    /// Position of the last row and cell seen, for rows and cells without a reference.
    row: u32,
    col: u32,
    /// Inside a non-empty `<c>`: the cell being read.
    in_cell: bool,
    cell_pos: (u32, u32),
    cell_type: String,
    value: String,
    formula: Option<String>,
    inline: String,
    /// Inside `<v>`, `<f>`, an inline string's `<t>`, and how deep in phonetic runs (`<rPh>`).
    in_v: bool,
    in_f: bool,
    in_is_t: bool,
    in_rph: u32,
}

impl<'a> SheetParser<'a> {
    /// A parser for the sheet `name`, stored in `part`, with the workbook's shared strings.
    fn new(name: &'a str, part: &'a str, shared: &'a [String]) -> SheetParser<'a> {
        SheetParser {
            name,
            part,
            shared,
            sheet: Sheet {
                name: name.to_string(),
                ..Sheet::default()
            },
            row: 0,
            col: 0,
            in_cell: false,
            cell_pos: (0, 0),
            cell_type: String::new(),
            value: String::new(),
            formula: None,
            inline: String::new(),
            in_v: false,
            in_f: false,
            in_is_t: false,
            in_rph: 0,
        }
    }

    /// Handles an opening (or, when `empty`, self-closing) element.
    fn start(&mut self, e: &BytesStart, empty: bool) -> Result<(), XlsxError> {
        match local(e).as_str() {
            "row" => self.start_row(e)?,
            "c" => self.start_cell(e, empty)?,
            "v" if self.in_cell && !empty => self.in_v = true,
            "f" if self.in_cell => {
                self.formula = Some(String::new());
                self.in_f = !empty;
            }
            "t" if self.in_cell && self.in_rph == 0 && !empty => self.in_is_t = true,
            "rPh" if !empty => self.in_rph += 1,
            "mergeCell" => self.add_merge(e)?,
            _ => {}
        }
        Ok(())
    }

    /// Moves to the row a `<row>` names (or the next one), checking its number.
    fn start_row(&mut self, e: &BytesStart) -> Result<(), XlsxError> {
        let name = self.name;
        self.row = match attr(e, "r") {
            Some(v) => v
                .trim()
                .parse()
                .ok()
                .filter(|n| (1..=MAX_ROW).contains(n))
                .ok_or_else(|| {
                    XlsxError::new(
                        format!("sheet `{name}`: invalid row number `{v}`"),
                        format!("シート『{name}』: 行番号「{v}」が正しくありません。"),
                    )
                })?,
            None => self.row + 1,
        };
        if self.row > MAX_ROW {
            return Err(XlsxError::new(
                format!("sheet `{name}`: too many rows"),
                format!("シート『{name}』: 行が多すぎます（{MAX_ROW} 行まで）。"),
            ));
        }
        self.col = 0;
        Ok(())
    }

    /// Moves to the cell a `<c>` names (or the next one) and, unless it is empty, starts reading it.
    fn start_cell(&mut self, e: &BytesStart, empty: bool) -> Result<(), XlsxError> {
        let name = self.name;
        let pos = match attr(e, "r") {
            Some(v) => parse_ref(&v).ok_or_else(|| {
                XlsxError::new(
                    format!("sheet `{name}`: invalid cell reference `{v}`"),
                    format!("シート『{name}』: セル番地「{v}」が正しくありません。"),
                )
            })?,
            None => (self.row.max(1), self.col + 1),
        };
        self.row = pos.0;
        self.col = pos.1;
        if !empty {
            self.in_cell = true;
            self.cell_pos = pos;
            self.cell_type = attr(e, "t").unwrap_or_default();
            self.value.clear();
            self.inline.clear();
            self.formula = None;
        }
        Ok(())
    }

    /// Records the range of a `<mergeCell>`, up to the limit on merges.
    fn add_merge(&mut self, e: &BytesStart) -> Result<(), XlsxError> {
        if let Some(rect) = attr(e, "ref").as_deref().and_then(parse_range) {
            if self.sheet.merges.len() >= MAX_MERGES {
                return Err(XlsxError::new(
                    format!(
                        "sheet `{}` has more than {MAX_MERGES} merged ranges",
                        self.name
                    ),
                    format!(
                        "シート『{}』の結合セルが上限の {MAX_MERGES} 個を超えています。",
                        self.name
                    ),
                ));
            }
            self.sheet.merges.push(rect);
        }
        Ok(())
    }

    /// Handles a closing element, given its local name.
    fn end(&mut self, local: &str) -> Result<(), XlsxError> {
        match local {
            "v" => self.in_v = false,
            "f" => self.in_f = false,
            "t" => self.in_is_t = false,
            "rPh" => self.in_rph = self.in_rph.saturating_sub(1),
            "c" if self.in_cell => self.finish_cell()?,
            _ => {}
        }
        Ok(())
    }

    /// Stores the cell just read, unless it has neither text nor formula.
    fn finish_cell(&mut self) -> Result<(), XlsxError> {
        self.in_cell = false;
        let text = self.cell_text()?;
        if !text.is_empty() || self.formula.is_some() {
            if self.sheet.cells.len() >= MAX_CELLS {
                return Err(XlsxError::new(
                    format!(
                        "sheet `{}` has more than {MAX_CELLS} cells; the workbook is refused",
                        self.name
                    ),
                    format!(
                        "シート『{}』の入力されたセルが上限の {MAX_CELLS} 個を超えているため、このワークブックは受け付けません。",
                        self.name
                    ),
                ));
            }
            self.sheet.cells.insert(
                self.cell_pos,
                Cell {
                    text,
                    formula: self.formula.take(),
                },
            );
        }
        Ok(())
    }

    /// The text of the cell just read, according to its type: shared string, inline string,
    /// boolean, or the value as written.
    fn cell_text(&mut self) -> Result<String, XlsxError> {
        let name = self.name;
        let (row, col) = self.cell_pos;
        Ok(match self.cell_type.as_str() {
            "s" => {
                let cell = format!("{}{row}", col_name(col));
                let idx: usize = self.value.trim().parse().map_err(|_| {
                    XlsxError::new(
                        format!("sheet `{name}` cell {cell}: bad shared-string index"),
                        format!(
                            "シート『{name}』のセル {cell}: 共有文字列の番号が正しくありません。"
                        ),
                    )
                })?;
                self.shared.get(idx).cloned().ok_or_else(|| {
                    XlsxError::new(
                        format!("sheet `{name}` cell {cell}: shared string {idx} does not exist"),
                        format!("シート『{name}』のセル {cell}: 共有文字列 {idx} がありません。"),
                    )
                })?
            }
            "inlineStr" => std::mem::take(&mut self.inline),
            "b" => {
                if self.value.trim() == "1" {
                    "TRUE".into()
                } else {
                    "FALSE".into()
                }
            }
            _ => std::mem::take(&mut self.value),
        })
    }

    /// Adds text to the value, formula or inline string being read, if any.
    fn text(&mut self, s: &str) -> Result<(), XlsxError> {
        if self.in_v {
            push_limited(&mut self.value, s, self.part)?;
        } else if self.in_f {
            if let Some(f) = self.formula.as_mut() {
                push_limited(f, s, self.part)?;
            }
        } else if self.in_is_t {
            push_limited(&mut self.inline, s, self.part)?;
        }
        Ok(())
    }

    /// Adds a character (from an entity reference) to the value, formula or inline string being
    /// read, if any.
    fn push_char(&mut self, c: char) {
        if self.in_v {
            self.value.push(c);
        } else if self.in_f {
            if let Some(f) = self.formula.as_mut() {
                f.push(c);
            }
        } else if self.in_is_t {
            self.inline.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(parse_ref("A1"), Some((1, 1)));
        assert_eq!(parse_ref("O155"), Some((155, 15)));
        assert_eq!(parse_ref("XFD1048576"), Some((1_048_576, 16_384)));
        assert_eq!(parse_ref("XFE1"), None);
        assert_eq!(parse_ref("A0"), None);
        assert_eq!(col_name(15), "O");
        assert_eq!(col_name(28), "AB");
    }
}
