//! The asset register as a spreadsheet: the template (CSV and Excel, Japanese or English
//! headers), reading a filled-in copy back — CSV in UTF-8, UTF-8 with BOM, Shift_JIS (what
//! Japanese Excel writes by default) or UTF-16 (Excel's "Unicode text", tab-separated), or an
//! `.xlsx` workbook — and the export in the same layout, so an export imports unchanged.
//!
//! Reading is all or nothing: every bad row is reported (row number, column, what was expected)
//! and nothing is returned to store until the file is clean. Headers are matched in either
//! language, full-width or half-width, with common alternative names (`資産番号`, `メーカ`,
//! `EOL`…); columns hoshi does not know are listed so the user sees what was left out.

use hoshi_core::asset::{AssetInput, AssetKind, fold, loose_date};
use hoshi_core::{Lang, UserError};
use rust_xlsxwriter::{Format, Workbook as XWorkbook};

use crate::read::Workbook;
use crate::{XlsxError, answers::xerr};

/// Largest register file accepted (bytes).
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// Most assets one file may hold.
pub const MAX_ROWS: usize = 20_000;
/// Problems listed before the rest are only counted.
pub const MAX_PROBLEMS: usize = 100;

/// The sheet the template and the export write, and the one read first.
pub const SHEET_JA: &str = "資産台帳";
pub const SHEET_EN: &str = "Assets";

/// One column of the register.
pub struct Column {
    /// The field of [`AssetInput`].
    pub key: &'static str,
    pub ja: &'static str,
    pub en: &'static str,
    /// Other headers people use for it (compared folded).
    aliases: &'static [&'static str],
}

pub const COLUMNS: [Column; 13] = [
    Column {
        key: "tag",
        ja: "管理番号",
        en: "Asset number",
        aliases: &[
            "資産番号",
            "管理no",
            "資産管理番号",
            "assettag",
            "assetid",
            "tag",
        ],
    },
    Column {
        key: "kind",
        ja: "種別",
        en: "Kind",
        aliases: &["区分", "分類", "機器種別", "type", "category"],
    },
    Column {
        key: "name",
        ja: "名称",
        en: "Name",
        aliases: &["機器名", "資産名", "ホスト名", "hostname", "devicename"],
    },
    Column {
        key: "maker",
        ja: "メーカー",
        en: "Maker",
        aliases: &[
            "メーカ",
            "製造元",
            "ベンダー",
            "ベンダ",
            "vendor",
            "manufacturer",
        ],
    },
    Column {
        key: "model",
        ja: "型番",
        en: "Model",
        aliases: &["機種", "モデル", "製品名", "product"],
    },
    Column {
        key: "os",
        ja: "OS・ファームウェア",
        en: "OS or firmware",
        aliases: &[
            "os",
            "ファームウェア",
            "firmware",
            "operatingsystem",
            "os/ファームウェア",
        ],
    },
    Column {
        key: "version",
        ja: "バージョン",
        en: "Version",
        aliases: &[
            "ver",
            "osバージョン",
            "ファームウェアバージョン",
            "firmwareversion",
            "osversion",
        ],
    },
    Column {
        key: "cpe",
        ja: "CPE",
        en: "CPE",
        aliases: &[],
    },
    Column {
        key: "owner",
        ja: "管理責任者",
        en: "Owner",
        aliases: &["責任者", "利用者", "使用者", "管理者", "responsible"],
    },
    Column {
        key: "location",
        ja: "設置場所",
        en: "Location",
        aliases: &["場所", "保管場所", "拠点", "site"],
    },
    Column {
        key: "maintainer",
        ja: "保守担当",
        en: "Maintainer",
        aliases: &["保守業者", "保守会社", "保守", "maintenance"],
    },
    Column {
        key: "support_end",
        ja: "サポート終了日",
        en: "Support end",
        aliases: &[
            "サポート期限",
            "サポート終了",
            "保守期限",
            "eol",
            "eos",
            "endofsupport",
            "supportenddate",
        ],
    },
    Column {
        key: "notes",
        ja: "備考",
        en: "Notes",
        aliases: &["メモ", "comment", "comments", "remarks"],
    },
];

/// The column's header in a language.
pub fn header(key: &str, lang: Lang) -> &'static str {
    COLUMNS
        .iter()
        .find(|c| c.key == key)
        .map(|c| match lang {
            Lang::Ja => c.ja,
            Lang::En => c.en,
        })
        .unwrap_or("")
}

fn column_of(h: &str) -> Option<usize> {
    let f = fold(h);
    if f.is_empty() {
        return None;
    }
    COLUMNS
        .iter()
        .position(|c| fold(c.ja) == f || fold(c.en) == f || c.aliases.iter().any(|a| fold(a) == f))
}

/// A problem at one place of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterProblem {
    /// The file's row (1 is the first line), 0 for the file as a whole.
    pub row: usize,
    /// The column's key, when the problem belongs to one.
    pub column: Option<&'static str>,
    pub error: UserError,
}

impl RegisterProblem {
    pub fn message(&self, lang: Lang) -> String {
        let text = self.error.message(lang);
        let col = self.column.map(|k| header(k, lang));
        match (self.row, col, lang) {
            (0, _, _) => text,
            (r, Some(c), Lang::Ja) => format!("{r} 行目（{c}）: {text}"),
            (r, Some(c), Lang::En) => format!("Row {r} ({c}): {text}"),
            (r, None, Lang::Ja) => format!("{r} 行目: {text}"),
            (r, None, Lang::En) => format!("Row {r}: {text}"),
        }
    }
}

/// Why a file was refused: every problem found (at most [`MAX_PROBLEMS`]) and how many more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterError {
    pub problems: Vec<RegisterProblem>,
    pub more: usize,
}

impl RegisterError {
    fn file(error: UserError) -> RegisterError {
        RegisterError {
            problems: vec![RegisterProblem {
                row: 0,
                column: None,
                error,
            }],
            more: 0,
        }
    }

    /// One line per problem, then the count of those not listed.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let mut out: Vec<String> = self.problems.iter().map(|p| p.message(lang)).collect();
        if self.more > 0 {
            out.push(match lang {
                Lang::Ja => format!("ほかに {} 件の問題があります。", self.more),
                Lang::En => format!("{} more problems.", self.more),
            });
        }
        out
    }
}

/// A clean register file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Register {
    /// Each asset with the file row it came from, normalised and valid.
    pub assets: Vec<(usize, AssetInput)>,
    /// Headers of columns hoshi did not read.
    pub ignored: Vec<String>,
    /// The columns the file had (keys), so an import only overwrites fields the file holds.
    pub columns: Vec<&'static str>,
}

/// Whether `bytes` look like a register: an `.xlsx` workbook, or text whose first non-empty
/// line names the asset number column and at least one more known column (a `Get-Package`
/// list's `Name,Version` has no asset number, so it is not taken for one).
pub fn looks_like_register(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"PK\x03\x04") {
        return true;
    }
    // The first line only (a cut in the middle of a character would spoil the decoding).
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let head = match head.iter().skip(2).position(|&b| b == b'\n') {
        Some(i) => &head[..i + 2],
        None => head,
    };
    let Some((text, delim)) = decode_text(head) else {
        return false;
    };
    let Some(first) = text.lines().find(|l| !l.trim().is_empty()) else {
        return false;
    };
    let cols: Vec<Option<usize>> = first
        .split(delim as char)
        .map(|h| column_of(h.trim().trim_matches('"')))
        .collect();
    cols.contains(&Some(0)) && cols.iter().flatten().count() >= 2
}

/// Reads a register file: an `.xlsx` workbook (by its content) or CSV.
pub fn read(bytes: &[u8]) -> Result<Register, RegisterError> {
    if bytes.len() > MAX_BYTES {
        return Err(RegisterError::file(UserError::EvidenceTooLarge {
            max_mb: MAX_BYTES / (1024 * 1024),
        }));
    }
    let rows = if bytes.starts_with(b"PK\x03\x04") {
        xlsx_rows(bytes)?
    } else {
        csv_rows(bytes)?
    };
    from_rows(&rows)
}

fn unreadable() -> RegisterError {
    RegisterError::file(UserError::RegisterUnreadable)
}

/// The text of a CSV file in the encodings Japanese offices produce.
pub fn decode_text(bytes: &[u8]) -> Option<(String, u8)> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let (text, had_errors) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        return (!had_errors).then(|| (text.into_owned(), b'\t'));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let (text, had_errors) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
        return (!had_errors).then(|| (text.into_owned(), b'\t'));
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(body) {
        Ok(t) => t.to_string(),
        Err(_) => {
            let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(body);
            if had_errors {
                return None;
            }
            text.into_owned()
        }
    };
    if text.contains('\0') {
        return None;
    }
    let first = text.lines().next().unwrap_or("");
    let delim = if first.contains('\t') && !first.contains(',') {
        b'\t'
    } else {
        b','
    };
    Some((text, delim))
}

pub(crate) fn csv_rows(bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>, RegisterError> {
    let (text, delim) = decode_text(bytes).ok_or_else(unreadable)?;
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delim)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    for rec in r.records() {
        let rec = rec.map_err(|_| unreadable())?;
        // The line the record starts on, counted here: the reader's own line count differs
        // for CRLF files.
        let bytes = text.as_bytes();
        let mut start = rec
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        let line = 1 + bytes[..start].iter().filter(|&&b| b == b'\n').count();
        out.push((line, rec.iter().map(str::to_string).collect()));
        if out.len() > MAX_ROWS + 1 {
            break;
        }
    }
    Ok(out)
}

fn xlsx_rows(bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>, RegisterError> {
    sheet_rows(bytes, &[SHEET_JA, SHEET_EN])
}

/// The rows of a workbook's sheet named one of `sheets` (or its first sheet): (row, cells).
pub(crate) fn sheet_rows(
    bytes: &[u8],
    sheets: &[&str],
) -> Result<Vec<(usize, Vec<String>)>, RegisterError> {
    let mut wb = Workbook::open(bytes.to_vec()).map_err(|_| unreadable())?;
    let names = wb.sheet_names();
    let name = names
        .iter()
        .find(|n| sheets.iter().any(|s| fold(n) == fold(s)))
        .or(names.first())
        .cloned()
        .ok_or_else(unreadable)?;
    let sheet = wb.sheet(&name).map_err(|_| unreadable())?;
    let mut rows: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
    for ((r, c), cell) in sheet.cells() {
        if c > 64 {
            continue;
        }
        let row = rows.entry(r).or_default();
        if row.len() < c as usize {
            row.resize(c as usize, String::new());
        }
        row[c as usize - 1] = cell.text.clone();
        if rows.len() > MAX_ROWS + 1 {
            break;
        }
    }
    Ok(rows.into_iter().map(|(r, v)| (r as usize, v)).collect())
}

/// Excel stores dates as days since 1899-12-30; a date cell's text is that number.
pub(crate) fn excel_serial_date(s: &str) -> Option<String> {
    let n: f64 = s.trim().parse().ok()?;
    if !(20_000.0..80_000.0).contains(&n) {
        return None;
    }
    let days = n.floor() as i64 + hoshi_core::time::days_from_civil(1899, 12, 30);
    Some(hoshi_core::time::date(days * 86_400))
}

/// The header row: its position, the column each cell maps to, the headers left out and the
/// columns found.
struct Headers {
    pos: usize,
    map: Vec<Option<usize>>,
    ignored: Vec<String>,
    columns: Vec<&'static str>,
}

pub(crate) fn blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

fn headers(rows: &[(usize, Vec<String>)]) -> Result<Headers, RegisterError> {
    let Some(pos) = rows
        .iter()
        .position(|(_, cells)| cells.iter().filter_map(|h| column_of(h)).count() >= 2)
    else {
        let only_blank = rows.iter().all(|(_, c)| blank(c));
        return Err(RegisterError::file(if only_blank {
            UserError::RegisterEmpty
        } else {
            UserError::RegisterNoHeader
        }));
    };
    let (hrow, cells) = &rows[pos];
    let mut h = Headers {
        pos,
        map: Vec::new(),
        ignored: Vec::new(),
        columns: Vec::new(),
    };
    for text in cells {
        let c = column_of(text);
        if let Some(i) = c {
            if h.map.contains(&Some(i)) {
                return Err(RegisterError {
                    problems: vec![RegisterProblem {
                        row: *hrow,
                        column: None,
                        error: UserError::RegisterColumnTwice {
                            column: text.trim().to_string(),
                        },
                    }],
                    more: 0,
                });
            }
            h.columns.push(COLUMNS[i].key);
        } else if !text.trim().is_empty() {
            h.ignored.push(text.trim().to_string());
        }
        h.map.push(c);
    }
    if !h.columns.contains(&"tag") || !h.columns.contains(&"name") {
        return Err(RegisterError::file(UserError::RegisterNoHeader));
    }
    Ok(h)
}

/// Sets the field of an asset that a column holds.
pub fn set_field(a: &mut AssetInput, key: &str, value: String) {
    let field = match key {
        "tag" => &mut a.tag,
        "kind" => &mut a.kind,
        "name" => &mut a.name,
        "maker" => &mut a.maker,
        "model" => &mut a.model,
        "os" => &mut a.os,
        "version" => &mut a.version,
        "cpe" => &mut a.cpe,
        "owner" => &mut a.owner,
        "location" => &mut a.location,
        "maintainer" => &mut a.maintainer,
        "support_end" => &mut a.support_end,
        _ => &mut a.notes,
    };
    *field = value;
}

/// One row as a normalised asset, or the problem with it.
fn asset_of(
    cells: &[String],
    h: &Headers,
) -> Result<AssetInput, (Option<&'static str>, UserError)> {
    let mut a = AssetInput::default();
    for (i, cell) in cells.iter().enumerate() {
        if let Some(Some(col)) = h.map.get(i) {
            set_field(&mut a, COLUMNS[*col].key, cell.clone());
        }
    }
    if a.kind.trim().is_empty() && !h.columns.contains(&"kind") {
        a.kind = AssetKind::Other.code().to_string();
    }
    if loose_date(&a.support_end).is_none()
        && let Some(d) = excel_serial_date(&a.support_end)
    {
        a.support_end = d;
    }
    let a = a.normalised();
    if a.kind.is_empty() {
        return Err((
            Some("kind"),
            UserError::AssetKindUnknown {
                kind: String::new(),
            },
        ));
    }
    a.validate().map_err(|e| {
        let column = match &e {
            UserError::TooLong { field, .. } => {
                COLUMNS.iter().find(|c| c.key == *field).map(|c| c.key)
            }
            other => other.field(),
        };
        (column, e)
    })?;
    Ok(a)
}

/// Turns rows (file row number, cells) into assets: the first row with known headers is the
/// header row; empty rows are skipped.
pub fn from_rows(rows: &[(usize, Vec<String>)]) -> Result<Register, RegisterError> {
    let h = headers(rows)?;
    let body: Vec<&(usize, Vec<String>)> = rows[h.pos + 1..]
        .iter()
        .filter(|(_, c)| !blank(c))
        .collect();
    if body.is_empty() {
        return Err(RegisterError::file(UserError::RegisterEmpty));
    }
    if body.len() > MAX_ROWS {
        return Err(RegisterError::file(UserError::RegisterTooManyRows {
            max: MAX_ROWS,
        }));
    }
    let mut problems = Vec::new();
    let mut more = 0;
    let mut assets = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    for (row, cells) in body {
        let problem = match asset_of(cells, &h) {
            Err((column, error)) => Some((column, error)),
            Ok(a) => match seen.get(&a.tag) {
                Some(first) => Some((
                    Some("tag"),
                    UserError::RegisterTagTwice {
                        tag: a.tag.clone(),
                        first_row: *first,
                    },
                )),
                None => {
                    seen.insert(a.tag.clone(), *row);
                    assets.push((*row, a));
                    None
                }
            },
        };
        if let Some((column, error)) = problem {
            if problems.len() < MAX_PROBLEMS {
                problems.push(RegisterProblem {
                    row: *row,
                    column,
                    error,
                });
            } else {
                more += 1;
            }
        }
    }
    if !problems.is_empty() {
        return Err(RegisterError { problems, more });
    }
    Ok(Register {
        assets,
        ignored: h.ignored,
        columns: h.columns,
    })
}

/// The value of one column of an asset as written in the register.
pub fn cell_of<'a>(a: &'a AssetInput, key: &str, lang: Lang) -> std::borrow::Cow<'a, str> {
    let s: &str = match key {
        "tag" => &a.tag,
        "kind" => {
            return AssetKind::from_code(&a.kind)
                .map(|k| k.label(lang).into())
                .unwrap_or_else(|| a.kind.as_str().into());
        }
        "name" => &a.name,
        "maker" => &a.maker,
        "model" => &a.model,
        "os" => &a.os,
        "version" => &a.version,
        "cpe" => &a.cpe,
        "owner" => &a.owner,
        "location" => &a.location,
        "maintainer" => &a.maintainer,
        "support_end" => &a.support_end,
        _ => &a.notes,
    };
    s.into()
}

/// A spreadsheet cell may not start with what Excel takes for a formula (CSV injection).
pub(crate) fn safe_cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s.parse::<f64>().is_err() {
        format!("'{s}").into()
    } else {
        s.into()
    }
}

/// The register as CSV in UTF-8 with a BOM (so Excel opens it in the right encoding): the
/// template when `assets` is empty.
pub fn to_csv(assets: &[AssetInput], lang: Lang) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let heads: Vec<&str> = COLUMNS.iter().map(|c| header(c.key, lang)).collect();
        let _ = w.write_record(&heads);
        for a in assets {
            let cells: Vec<String> = COLUMNS
                .iter()
                .map(|c| safe_cell(&cell_of(a, c.key, lang)).into_owned())
                .collect();
            let _ = w.write_record(&cells);
        }
        let _ = w.flush();
    }
    out
}

/// The register as an Excel workbook: the register sheet (the template when `assets` is
/// empty), the allowed kinds, and — for the template — a filled-in example sheet.
pub fn to_xlsx(assets: &[AssetInput], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut wb = XWorkbook::new();
    let head = Format::new().set_bold().set_background_color("#DDE7F0");
    let text = Format::new().set_num_format("@");
    let sheet = match lang {
        Lang::Ja => SHEET_JA,
        Lang::En => SHEET_EN,
    };
    write_sheet(&mut wb, sheet, assets, lang, &head, &text)?;
    if assets.is_empty() {
        let example = example(lang);
        let name = match lang {
            Lang::Ja => "記入例",
            Lang::En => "Example",
        };
        write_sheet(&mut wb, name, &example, lang, &head, &text)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name(match lang {
        Lang::Ja => "種別一覧",
        Lang::En => "Kinds",
    })
    .map_err(xerr)?;
    ws.write_string_with_format(0, 0, header("kind", lang), &head)
        .map_err(xerr)?;
    for (i, k) in AssetKind::ALL.iter().enumerate() {
        ws.write_string(1 + i as u32, 0, k.label(lang))
            .map_err(xerr)?;
    }
    ws.set_column_width(0, 24).map_err(xerr)?;
    wb.save_to_buffer().map_err(xerr)
}

fn write_sheet(
    wb: &mut XWorkbook,
    name: &str,
    assets: &[AssetInput],
    lang: Lang,
    head: &Format,
    text: &Format,
) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(name).map_err(xerr)?;
    for (i, c) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(0, i as u16, header(c.key, lang), head)
            .map_err(xerr)?;
        let width = match c.key {
            "name" | "notes" | "cpe" => 30,
            "os" | "maker" | "model" => 18,
            _ => 14,
        };
        ws.set_column_width(i as u16, width).map_err(xerr)?;
    }
    for (r, a) in assets.iter().enumerate() {
        for (i, c) in COLUMNS.iter().enumerate() {
            let v = cell_of(a, c.key, lang);
            if !v.is_empty() {
                ws.write_string_with_format(1 + r as u32, i as u16, v.as_ref(), text)
                    .map_err(xerr)?;
            }
        }
    }
    ws.set_freeze_panes(1, 0).map_err(xerr)?;
    Ok(())
}

/// The template's filled-in example: three typical entries of a small company.
pub fn example(lang: Lang) -> Vec<AssetInput> {
    let (pc, vpn, cloud) = match lang {
        Lang::Ja => (
            (
                "経理部 ノートPC",
                "経理部 山田",
                "本社 2F",
                "情報システム担当",
            ),
            (
                "本社 VPN 装置",
                "総務部 佐藤",
                "本社 サーバーラック",
                "株式会社〇〇ネットワーク",
            ),
            ("メール・ファイル共有", "総務部 佐藤", "", "ベンダー"),
        ),
        Lang::En => (
            (
                "Accounting laptop",
                "Yamada (Accounting)",
                "Head office 2F",
                "IT staff",
            ),
            (
                "Head-office VPN device",
                "Sato (General affairs)",
                "Head office rack",
                "Network vendor",
            ),
            (
                "Mail and file sharing",
                "Sato (General affairs)",
                "",
                "Vendor",
            ),
        ),
    };
    vec![
        AssetInput {
            tag: "PC-001".into(),
            kind: "pc".into(),
            name: pc.0.into(),
            maker: "Dell".into(),
            model: "Latitude 5440".into(),
            os: "Windows 11 Pro".into(),
            version: "23H2".into(),
            owner: pc.1.into(),
            location: pc.2.into(),
            maintainer: pc.3.into(),
            support_end: "2025-11-11".into(),
            ..AssetInput::default()
        },
        AssetInput {
            tag: "NW-001".into(),
            kind: "network".into(),
            name: vpn.0.into(),
            maker: "Fortinet".into(),
            model: "FortiGate 60F".into(),
            os: "FortiOS".into(),
            version: "7.2.8".into(),
            owner: vpn.1.into(),
            location: vpn.2.into(),
            maintainer: vpn.3.into(),
            ..AssetInput::default()
        },
        AssetInput {
            tag: "CL-001".into(),
            kind: "cloud".into(),
            name: cloud.0.into(),
            maker: "Microsoft".into(),
            model: "Microsoft 365 Business Standard".into(),
            owner: cloud.1.into(),
            maintainer: cloud.3.into(),
            ..AssetInput::default()
        },
    ]
}
