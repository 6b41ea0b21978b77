//! The markup of a section body: plain lines, so members can edit it in a text area.
//!
//! - a blank line separates paragraphs; consecutive text lines form one paragraph (the line
//!   breaks are kept);
//! - `- ` starts a bullet item, `1. ` (any number, a point and a space) a numbered item;
//! - a line starting with `|` is a table row, its cells split by `|`; a row of only `-`/`:`
//!   cells right after the first row makes the first row the header;
//! - `## ` starts a sub-heading.
//!
//! Placeholders for missing data (`〔未設定：…〕`, `[not set: …]`) are found by
//! [`placeholders`].

use serde::{Deserialize, Serialize};

/// Most sections a document may have.
pub const MAX_SECTIONS: usize = 60;
/// Most characters a section body may have.
pub const MAX_BODY: usize = 20_000;

/// One block of a body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "lowercase")]
pub enum Block {
    /// A sub-heading (`## `).
    Heading(String),
    /// A paragraph; line breaks inside are kept as `\n`.
    Para(String),
    /// Bullet items.
    Bullets(Vec<String>),
    /// Numbered items (numbering restarts with every list).
    Numbered(Vec<String>),
    /// A table.
    Table {
        /// The header row, when the second row was a separator.
        header: Option<Vec<String>>,
        /// The other rows.
        rows: Vec<Vec<String>>,
    },
}

/// A problem found by [`check`], with its 1-based line (0: the whole body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// 1-based line number; 0 when the problem concerns the whole body.
    pub line: usize,
    /// The message in Japanese.
    pub message_ja: String,
    /// The message in English.
    pub message_en: String,
}

enum Line<'a> {
    Blank,
    Heading(&'a str),
    Bullet(&'a str),
    Numbered(&'a str),
    Row(&'a str),
    Text(&'a str),
}

fn classify(line: &str) -> Line<'_> {
    let t = line.trim();
    if t.is_empty() {
        return Line::Blank;
    }
    if t == "##" {
        return Line::Heading("");
    }
    if let Some(h) = t.strip_prefix("## ") {
        return Line::Heading(h.trim());
    }
    if let Some(b) = t.strip_prefix("- ") {
        return Line::Bullet(b.trim());
    }
    if t.starts_with('|') {
        return Line::Row(t);
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits <= 9 && t[digits..].starts_with(". ") {
        return Line::Numbered(t[digits + 2..].trim());
    }
    Line::Text(t)
}

/// The cells of a table row.
fn cells(row: &str) -> Vec<String> {
    let inner = row.strip_prefix('|').unwrap_or(row);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(|c| c.trim().to_string()).collect()
}

fn is_separator(cells: &[String]) -> bool {
    cells.iter().all(|c| {
        let c = c.trim();
        !c.is_empty() && c.contains('-') && c.chars().all(|ch| ch == '-' || ch == ':')
    })
}

/// Builds blocks line by line.
#[derive(Default)]
struct Builder {
    out: Vec<Block>,
    para: Vec<String>,
    bullets: Vec<String>,
    numbered: Vec<String>,
    table: Vec<Vec<String>>,
    header: Option<Vec<String>>,
}

impl Builder {
    fn flush(&mut self) {
        if !self.para.is_empty() {
            self.out.push(Block::Para(self.para.join("\n")));
            self.para.clear();
        }
        if !self.bullets.is_empty() {
            self.out
                .push(Block::Bullets(std::mem::take(&mut self.bullets)));
        }
        if !self.numbered.is_empty() {
            self.out
                .push(Block::Numbered(std::mem::take(&mut self.numbered)));
        }
        if !self.table.is_empty() || self.header.is_some() {
            self.out.push(Block::Table {
                header: self.header.take(),
                rows: std::mem::take(&mut self.table),
            });
        }
    }

    fn row(&mut self, row: Vec<String>) {
        let in_table = !self.table.is_empty() || self.header.is_some();
        if !in_table {
            self.flush();
        }
        if self.header.is_none() && self.table.len() == 1 && is_separator(&row) {
            self.header = self.table.pop();
        } else if !is_separator(&row) {
            self.table.push(row);
        }
    }
}

/// The blocks of a body. Never fails: text that is not a list, table or heading is a paragraph.
pub fn parse(body: &str) -> Vec<Block> {
    let mut b = Builder::default();
    for line in body.lines() {
        match classify(line) {
            Line::Blank => b.flush(),
            Line::Heading(h) => {
                b.flush();
                b.out.push(Block::Heading(h.to_string()));
            }
            Line::Bullet(t) => {
                if b.bullets.is_empty() {
                    b.flush();
                }
                b.bullets.push(t.to_string());
            }
            Line::Numbered(t) => {
                if b.numbered.is_empty() {
                    b.flush();
                }
                b.numbered.push(t.to_string());
            }
            Line::Row(r) => b.row(cells(r)),
            Line::Text(t) => {
                if b.para.is_empty() {
                    b.flush();
                }
                b.para.push(t.to_string());
            }
        }
    }
    b.flush();
    b.out
}

fn problem(line: usize, ja: String, en: String) -> Problem {
    Problem {
        line,
        message_ja: ja,
        message_en: en,
    }
}

/// Checks a body: its length, control characters, empty sub-headings and tables whose rows
/// have a different number of cells than their first row.
pub fn check(body: &str) -> Result<(), Vec<Problem>> {
    let mut out = Vec::new();
    let n = body.chars().count();
    if n > MAX_BODY {
        out.push(problem(
            0,
            format!(
                "本文が長すぎます（{n}文字、上限{MAX_BODY}文字）。セクションを分けてください。"
            ),
            format!(
                "The text is too long ({n} characters, at most {MAX_BODY}). Split the section."
            ),
        ));
    }
    let mut width: Option<(usize, usize)> = None; // (cells, line of the first row)
    let mut row_in_table = 0usize;
    for (i, line) in body.lines().enumerate() {
        let ln = i + 1;
        if line
            .chars()
            .any(|c| c.is_control() && c != '\t' && c != '\r')
        {
            out.push(problem(
                ln,
                format!("{ln}行目に制御文字が含まれています。削除してください。"),
                format!("Line {ln} contains a control character. Remove it."),
            ));
        }
        match classify(line) {
            Line::Row(r) => {
                let c = cells(r);
                row_in_table += 1;
                match width {
                    None => width = Some((c.len(), ln)),
                    Some((w, first)) if c.len() != w => out.push(problem(
                        ln,
                        format!(
                            "{ln}行目の表の行はセルが{}個ですが、{first}行目の見出し行は{w}個です。",
                            c.len()
                        ),
                        format!(
                            "The table row on line {ln} has {} cells; the first row (line {first}) has {w}.",
                            c.len()
                        ),
                    )),
                    Some(_) => {}
                }
                if is_separator(&c) && row_in_table != 2 {
                    out.push(problem(
                        ln,
                        format!("{ln}行目の区切り行（---）は表の2行目にだけ置けます。"),
                        format!(
                            "The separator row (---) on line {ln} may only be the second row of a table."
                        ),
                    ));
                }
            }
            other => {
                width = None;
                row_in_table = 0;
                if let Line::Heading(h) = other
                    && h.is_empty()
                {
                    out.push(problem(
                        ln,
                        format!("{ln}行目の見出し（##）に文字がありません。"),
                        format!("The sub-heading (##) on line {ln} is empty."),
                    ));
                }
            }
        }
    }
    if out.is_empty() { Ok(()) } else { Err(out) }
}

/// Checks a whole document: the number of sections, empty headings and every body.
pub fn check_sections(sections: &[crate::Section]) -> Result<(), Vec<(usize, Problem)>> {
    let mut out = Vec::new();
    if sections.len() > MAX_SECTIONS {
        out.push((
            0,
            problem(
                0,
                format!(
                    "セクションが多すぎます（{}個、上限{MAX_SECTIONS}個）。",
                    sections.len()
                ),
                format!(
                    "Too many sections ({}, at most {MAX_SECTIONS}).",
                    sections.len()
                ),
            ),
        ));
    }
    for (i, s) in sections.iter().enumerate() {
        if s.heading.trim().is_empty() {
            out.push((
                i,
                problem(
                    0,
                    "セクションの見出しがありません。".into(),
                    "The section has no heading.".into(),
                ),
            ));
        }
        if let Err(ps) = check(&s.body) {
            out.extend(ps.into_iter().map(|p| (i, p)));
        }
    }
    if out.is_empty() { Ok(()) } else { Err(out) }
}

/// Display width of text: East Asian characters count two.
fn text_width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

/// The weight a cell asks for: its width (between a few characters and a share of the page),
/// and never less than its longest unbreakable Latin word (an e-mail address, a phone number).
fn cell_weight(s: &str) -> usize {
    let word = s
        .split(|c: char| c.is_whitespace() || (c as u32) >= 0x1100)
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0);
    text_width(s)
        .clamp(MIN_COL, MAX_COL)
        .max((word * 13 / 10 + 2).min(MAX_COL))
}

const MIN_COL: usize = 12;
const MAX_COL: usize = 40;

/// Relative column widths of a table, one per column (as many as its longest row): in
/// proportion to the longest text of each column, at least room for a few characters and at
/// most a share of the page; a column left blank to be filled in by hand gets a wide share.
/// Used by the DOCX and PDF exports alike.
pub fn column_weights(header: Option<&[String]>, rows: &[Vec<String>]) -> Vec<usize> {
    let width = header
        .map(<[String]>::len)
        .into_iter()
        .chain(rows.iter().map(Vec::len))
        .max()
        .unwrap_or(0);
    let mut w = vec![MIN_COL; width];
    let mut filled = vec![false; width];
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            filled[i] |= !c.trim().is_empty();
            w[i] = w[i].max(cell_weight(c));
        }
    }
    for (i, c) in header.into_iter().flatten().enumerate() {
        w[i] = w[i].max((text_width(c) + 2).clamp(MIN_COL, MAX_COL));
    }
    for (x, f) in w.iter_mut().zip(&filled) {
        if !f {
            *x = (*x).max(30);
        }
    }
    w
}

/// Splits text into plain parts and placeholders: `(text, is_placeholder)`, in order.
pub fn split_placeholders(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let next = [("〔未設定：", '〕'), ("[not set: ", ']')]
            .iter()
            .filter_map(|(open, close)| {
                let at = rest.find(open)?;
                let end = rest[at..].find(*close)? + at + close.len_utf8();
                Some((at, end))
            })
            .min();
        match next {
            Some((at, end)) => {
                if at > 0 {
                    out.push((&rest[..at], false));
                }
                out.push((&rest[at..end], true));
                rest = &rest[end..];
            }
            None => {
                out.push((rest, false));
                break;
            }
        }
    }
    out
}

/// The placeholders for missing data left in a body, in order.
pub fn placeholders(body: &str) -> Vec<String> {
    split_placeholders(body)
        .into_iter()
        .filter(|(_, p)| *p)
        .map(|(s, _)| s.to_string())
        .collect()
}
