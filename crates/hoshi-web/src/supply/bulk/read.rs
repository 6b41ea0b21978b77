//! A bulk registration file as rows of cell texts: CSV (UTF-8, with or without BOM) or an Excel
//! workbook (.xlsx). Row numbers are the ones the buyer sees when the file is open in Excel (a
//! quoted line break does not start a new row). Bounded for hostile files: the caller limits the
//! size, this module the rows and columns, and no input makes it panic.

use hoshi_xlsx::XlsxError;

/// Most supplier rows in one file.
pub const MAX_ROWS: usize = 5_000;
/// Most columns that may hold anything.
pub const MAX_COLUMNS: usize = 30;
/// Largest file read, in bytes (the server's upload limit may be lower).
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

/// One non-empty row: its number and its cells, trimmed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    /// 1-based, as Excel numbers it.
    pub number: u32,
    pub cells: Vec<String>,
    /// Columns (0-based) holding a formula whose result the workbook does not store.
    pub uncomputed: Vec<usize>,
}

impl Row {
    /// The cell in column `i` (0-based), or "".
    pub fn cell(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", String::as_str)
    }

    fn is_empty(&self) -> bool {
        self.uncomputed.is_empty() && self.cells.iter().all(String::is_empty)
    }

    /// Bytes held, to bound what is kept between preview and confirmation.
    pub fn size(&self) -> usize {
        64 + self.cells.iter().map(|c| c.len() + 24).sum::<usize>()
    }
}

/// The file as a table: the first non-empty row holds the headers; empty rows are left out.
#[derive(Debug, Clone)]
pub struct Table {
    pub header: Row,
    pub rows: Vec<Row>,
    /// Read from a workbook: a number in the due-date column is Excel's date serial.
    pub workbook: bool,
}

/// Why a file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    NoFile,
    /// Nothing but empty rows.
    Empty,
    /// A header row and nothing below it.
    NoRows,
    /// Not UTF-8 (Shift_JIS, UTF-16, binary).
    NotUtf8,
    /// UTF-8, but with NUL bytes: not a text file.
    Binary,
    /// The Excel 97–2003 format.
    OldExcel,
    Workbook(XlsxError),
    UnclosedQuote {
        row: u32,
    },
    TooManyRows,
    TooManyColumns {
        row: u32,
    },
}

/// Reads a CSV file or a workbook, told apart by their first bytes (not by the file's name).
pub fn read(bytes: Vec<u8>, sheet_names: &[&str]) -> Result<Table, FileProblem> {
    if bytes.is_empty() {
        return Err(FileProblem::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return read_workbook(bytes, sheet_names);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(FileProblem::OldExcel);
    }
    read_csv(&bytes)
}

fn read_csv(bytes: &[u8]) -> Result<Table, FileProblem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(FileProblem::NotUtf8);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| FileProblem::NotUtf8)?;
    if text.contains('\0') {
        return Err(FileProblem::Binary);
    }
    table(parse_csv(text)?, false)
}

/// Collects the rows of one sheet or file, refusing more than the header and [`MAX_ROWS`].
#[derive(Default)]
struct Rows {
    rows: Vec<Row>,
    /// The row being read.
    row: Row,
    /// Cells seen in the row being read, stored or not (beyond [`MAX_COLUMNS`] only empty ones).
    seen: usize,
}

impl Rows {
    fn cell(&mut self, text: &str, uncomputed: bool) -> Result<(), FileProblem> {
        let text = text.trim();
        if self.seen >= MAX_COLUMNS {
            if !text.is_empty() || uncomputed {
                return Err(FileProblem::TooManyColumns {
                    row: self.row.number,
                });
            }
        } else {
            if uncomputed {
                self.row.uncomputed.push(self.seen);
            }
            self.row.cells.push(text.to_string());
        }
        self.seen += 1;
        Ok(())
    }

    /// Ends the row being read; the next one is `next`.
    fn end(&mut self, next: u32) -> Result<(), FileProblem> {
        let row = std::mem::take(&mut self.row);
        self.row.number = next;
        self.seen = 0;
        if !row.is_empty() {
            if self.rows.len() > MAX_ROWS {
                return Err(FileProblem::TooManyRows);
            }
            self.rows.push(row);
        }
        Ok(())
    }
}

/// RFC 4180 with what Excel writes: `,` between cells, `"` around a cell with `""` inside, CRLF,
/// LF or CR between rows, line breaks inside quotes. A stray quote inside a cell is kept as text.
fn parse_csv(text: &str) -> Result<Vec<Row>, FileProblem> {
    let mut rows = Rows::default();
    rows.row.number = 1;
    let mut cell = String::new();
    let (mut quoted, mut cell_start) = (false, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                c => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if cell_start => {
                quoted = true;
                cell_start = false;
            }
            ',' => {
                rows.cell(&cell, false)?;
                cell.clear();
                cell_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                rows.cell(&cell, false)?;
                cell.clear();
                cell_start = true;
                let next = rows.row.number.saturating_add(1);
                rows.end(next)?;
            }
            c => {
                cell.push(c);
                cell_start = false;
            }
        }
    }
    if quoted {
        return Err(FileProblem::UnclosedQuote {
            row: rows.row.number,
        });
    }
    rows.cell(&cell, false)?;
    rows.end(0)?;
    Ok(rows.rows)
}

/// The sheet named like the template's (in either language), else the first.
fn read_workbook(bytes: Vec<u8>, sheet_names: &[&str]) -> Result<Table, FileProblem> {
    let mut wb = hoshi_xlsx::Workbook::open(bytes).map_err(FileProblem::Workbook)?;
    let names = wb.sheet_names();
    let Some(name) = names
        .iter()
        .find(|n| sheet_names.contains(&n.as_str()))
        .or(names.first())
    else {
        return Err(FileProblem::Empty);
    };
    let sheet = wb.sheet(name).map_err(FileProblem::Workbook)?;
    let mut rows = Rows::default();
    for ((r, c), cell) in sheet.cells() {
        if r != rows.row.number {
            rows.end(r)?;
        }
        // Columns skipped by the sparse sheet are empty cells.
        while rows.seen + 1 < c as usize {
            rows.cell("", false)?;
        }
        let uncomputed = cell.formula.is_some() && cell.text.trim().is_empty();
        rows.cell(&cell.text, uncomputed)?;
    }
    rows.end(0)?;
    table(rows.rows, true)
}

fn table(mut rows: Vec<Row>, workbook: bool) -> Result<Table, FileProblem> {
    if rows.is_empty() {
        return Err(FileProblem::Empty);
    }
    let header = rows.remove(0);
    if rows.is_empty() {
        return Err(FileProblem::NoRows);
    }
    Ok(Table {
        header,
        rows,
        workbook,
    })
}

#[cfg(test)]
mod tests {
    use super::super::check;
    use super::*;
    use crate::kernel::i18n::Tr;

    fn csv(s: &str) -> Result<Table, FileProblem> {
        read(s.as_bytes().to_vec(), &[])
    }

    #[test]
    fn csv_as_excel_writes_it() {
        let t = csv("\u{feff}名前,番号\r\n\"株式会社 \"\"星\"\"\",\"1,2\"\r\n\r\n\"改行\nあり\", 3 \r\n末尾,4").unwrap();
        assert_eq!(t.header.cells, ["名前", "番号"]);
        assert_eq!(t.header.number, 1);
        let rows: Vec<(u32, Vec<String>)> =
            t.rows.iter().map(|r| (r.number, r.cells.clone())).collect();
        assert_eq!(
            rows,
            [
                (2, vec!["株式会社 \"星\"".to_string(), "1,2".into()]),
                (4, vec!["改行\nあり".into(), "3".into()]),
                (5, vec!["末尾".into(), "4".into()]),
            ]
        );
        assert!(!t.workbook);
        // A stray quote inside a cell is text; CR alone ends a row.
        let t = csv("a,b\rx\"y,z\"\r").unwrap();
        assert_eq!(t.rows[0].cells, ["x\"y", "z\""]);
    }

    #[test]
    fn hostile_files_are_refused_with_a_reason() {
        assert_eq!(csv("").unwrap_err(), FileProblem::Empty);
        assert_eq!(csv("\u{feff}\r\n,,\r\n").unwrap_err(), FileProblem::Empty);
        assert_eq!(csv("名前,番号\r\n").unwrap_err(), FileProblem::NoRows);
        assert_eq!(
            csv("a,b\n1,\"open\n2,3\n").unwrap_err(),
            FileProblem::UnclosedQuote { row: 2 }
        );
        // Shift_JIS for 取引先, UTF-16, NUL bytes, the old Excel format.
        let sjis = b"\x8e\xe6\x88\xf8\x90\xe6,1\r\n".to_vec();
        assert_eq!(read(sjis, &[]).unwrap_err(), FileProblem::NotUtf8);
        assert_eq!(
            read(b"\xff\xfea\x00".to_vec(), &[]).unwrap_err(),
            FileProblem::NotUtf8
        );
        assert_eq!(csv("a\0b,c\n1,2").unwrap_err(), FileProblem::Binary);
        assert_eq!(
            read(b"\xd0\xcf\x11\xe0\xa1\xb1".to_vec(), &[]).unwrap_err(),
            FileProblem::OldExcel
        );
        assert!(matches!(
            read(b"PK\x03\x04junk".to_vec(), &[]).unwrap_err(),
            FileProblem::Workbook(_)
        ));
        // A megabyte of commas: empty cells beyond the limit are ignored, nothing is kept.
        let commas = ",".repeat(1 << 20);
        assert_eq!(csv(&commas).unwrap_err(), FileProblem::Empty);
        let wide = format!("a{}x\n1", ",".repeat(MAX_COLUMNS));
        assert_eq!(
            csv(&wide).unwrap_err(),
            FileProblem::TooManyColumns { row: 1 }
        );
        let long = format!("a\n{}", "1\n".repeat(MAX_ROWS));
        assert_eq!(csv(&long).unwrap().rows.len(), MAX_ROWS);
        let longer = format!("a\n{}", "1\n".repeat(MAX_ROWS + 1));
        assert_eq!(csv(&longer).unwrap_err(), FileProblem::TooManyRows);
    }

    /// A workbook of one sheet, written by hand: what other programs write.
    fn workbook(cells: &str) -> Vec<u8> {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, data) in [
            ("xl/workbook.xml", r#"<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
            ("xl/_rels/workbook.xml.rels", r#"<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
            ("xl/worksheets/sheet1.xml", format!("<worksheet><sheetData>{cells}</sheetData></worksheet>")),
        ] {
            w.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(data.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn formulas_without_results_and_far_away_cells() {
        let t = read(
            workbook(
                r#"<row r="1"><c r="A1" t="inlineStr"><is><t>名前</t></is></c></row>
                <row r="2"><c r="A2"><f>B9</f></c><c r="C2" t="str"><f>"x"</f><v>x</v></c></row>"#,
            ),
            &[],
        )
        .unwrap();
        assert_eq!(t.rows[0].uncomputed, [0]);
        assert_eq!(t.rows[0].cells, ["", "", "x"]);
        // One cell at the sheet's last row: one row, read at once; far to the right: refused.
        let started = std::time::Instant::now();
        let t = read(
            workbook(r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="A1048576"><v>2</v></c></row>"#),
            &[],
        )
        .unwrap();
        assert_eq!(t.rows[0].number, 1_048_576);
        assert!(started.elapsed().as_secs() < 2);
        assert_eq!(
            read(
                workbook(r#"<row r="1"><c r="XFD1"><v>1</v></c></row>"#),
                &[]
            )
            .unwrap_err(),
            FileProblem::TooManyColumns { row: 1 }
        );
    }

    /// Mangled files: every one is read or refused, none panics.
    #[test]
    fn no_input_panics() {
        let seeds: [&[u8]; 4] = [
            "\u{feff}取引先名,法人番号\r\n\"星\"\"\",1\r\n月,\"2\n3\"\r\n".as_bytes(),
            "取引先名,法人番号,回答期限,confidential-info,unacceptable-delay,system-access\r\n\
             星,7000012050002,2027/3/31,はい,no,0\r\n星,7000012050002,46477,○,×,1\r\n"
                .as_bytes(),
            b"a,b,c\n\"\",,\"\n",
            &[0xEF, 0xBB, 0xBF, b'"', 0xE3, 0x81, 0x82, b'\r'],
        ];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut checked = 0;
        for seed in seeds {
            for _ in 0..2_000 {
                let mut b = seed.to_vec();
                for _ in 0..(next() % 6) {
                    let i = (next() as usize) % (b.len() + 1);
                    let byte = [b'"', b',', b'\n', b'\r', 0xE3, 0x80, 0xFF, 0][next() as usize % 8];
                    match next() % 3 {
                        0 => b.insert(i, byte),
                        1 if i < b.len() => b[i] = byte,
                        _ => b.truncate(i),
                    }
                }
                if let Ok(t) = read(b, &[])
                    && let Ok(cols) = check::columns(&t)
                {
                    let none = check::Registered::new(&[]);
                    check::check(&t, &cols, &none, &Tr::new(hoshi_core::Lang::Ja));
                    checked += 1;
                }
            }
        }
        assert!(checked > 100, "the rows were checked too ({checked})");
    }

    #[test]
    fn a_workbook_reads_like_a_csv_file() {
        use hoshi_xlsx::TableCell as C;
        let bytes = hoshi_xlsx::table(
            "取引先",
            &["名前".into(), "空".into(), "期限".into()],
            &[
                vec![C::Text("星工業".into()), C::Empty, C::Number(46387.0)],
                vec![C::Empty, C::Empty, C::Empty],
                vec![C::Empty, C::Empty, C::Bool(true)],
            ],
        )
        .unwrap();
        let t = read(bytes, &["取引先"]).unwrap();
        assert!(t.workbook);
        assert_eq!(t.header.cells, ["名前", "空", "期限"]);
        let rows: Vec<(u32, Vec<String>)> =
            t.rows.iter().map(|r| (r.number, r.cells.clone())).collect();
        assert_eq!(
            rows,
            [
                (2, vec!["星工業".to_string(), String::new(), "46387".into()]),
                (4, vec![String::new(), String::new(), "TRUE".into()]),
            ]
        );
    }
}
