//! The organisation's registers as spreadsheets (issue 16): confidential information, external
//! services, connections to others' systems, partners with confidentiality agreements and their
//! roles in an incident. Each register has its own typed columns ([`Kind::columns`]), with a
//! Japanese and an English header and the names people commonly write instead.
//!
//! An entry is a map from column key to value ([`Fields`]); [`check`] is the one check for the
//! browser's form and the file alike: it trims, reads dates as people write them (`2027/3/31`,
//! `2027年3月31日`, an Excel date), yes/no and classification words in either language, and
//! refuses what it cannot read with the column's key. The store keeps the checked map as JSON.
//!
//! Files: the template and the export as CSV (UTF-8 with BOM; cells Excel would take for
//! formulas quoted) and Excel; reading CSV (UTF-8, Shift_JIS, UTF-16) or an `.xlsx` workbook
//! back with headers in either language — through the asset register's readers — all or
//! nothing, every bad row named by row and column.

use std::borrow::Cow;
use std::collections::BTreeMap;

use hoshi_core::asset::{fold, loose_date};
use hoshi_core::{Lang, UserError};
use rust_xlsxwriter::{Format, Workbook as XWorkbook};

use crate::register::{blank, csv_rows, excel_serial_date, safe_cell, sheet_rows};
use crate::{XlsxError, answers::xerr};

/// Largest register file accepted (bytes).
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// Most entries one file (and one register) may hold.
pub const MAX_ROWS: usize = 5_000;
/// Problems listed before the rest are only counted.
pub const MAX_PROBLEMS: usize = 100;
/// Characters of a short text, and of a long one (descriptions, requirements, notes).
pub const MAX_SHORT: usize = 200;
pub const MAX_LONG: usize = 2_000;

/// An entry: column key → value (checked values only; empty columns are left out).
pub type Fields = BTreeMap<String, String>;

/// The four registers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Important confidential information: owner, department, place, retention, recipients.
    Confidential,
    /// External (cloud) services holding the company's information, and the security
    /// requirements agreed with each provider.
    Services,
    /// Others' systems the company's assets connect to.
    Connections,
    /// Partners receiving confidential information: agreement and role in an incident.
    Partners,
}

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// One line, [`MAX_SHORT`] characters.
    Short,
    /// Free text, [`MAX_LONG`] characters.
    Long,
    /// `YYYY-MM-DD`.
    Date,
    /// `yes` or `no`.
    YesNo,
    /// The classification: `top`, `secret`, `internal` or `public`.
    Class,
    /// A whole number of hours, 1 to 8760.
    Hours,
}

/// One column of a register.
#[derive(Debug)]
pub struct Column {
    /// The key in [`Fields`] and the form's field name.
    pub key: &'static str,
    pub ja: &'static str,
    pub en: &'static str,
    /// Other headers read as this column.
    pub aliases: &'static [&'static str],
    pub ty: Type,
}

impl Column {
    /// The header in a language.
    pub fn header(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => self.ja,
            Lang::En => self.en,
        }
    }
}

const fn col(
    key: &'static str,
    ja: &'static str,
    en: &'static str,
    aliases: &'static [&'static str],
    ty: Type,
) -> Column {
    Column {
        key,
        ja,
        en,
        aliases,
        ty,
    }
}

const NOTES: Column = col(
    "notes",
    "備考",
    "Notes",
    &["メモ", "remarks", "comment"],
    Type::Long,
);

const CONFIDENTIAL: &[Column] = &[
    col(
        "name",
        "情報の名称",
        "Information",
        &["名称", "情報名", "機密情報", "name"],
        Type::Short,
    ),
    col(
        "description",
        "内容",
        "Description",
        &["説明", "概要", "contents"],
        Type::Long,
    ),
    col(
        "classification",
        "機密区分",
        "Classification",
        &["区分", "格付け", "classification level"],
        Type::Class,
    ),
    col(
        "owner",
        "管理責任者",
        "Owner",
        &["責任者", "管理者", "information owner"],
        Type::Short,
    ),
    col(
        "department",
        "管理部署",
        "Department",
        &["部署", "部門", "所管部署"],
        Type::Short,
    ),
    col(
        "location",
        "保管場所",
        "Kept in",
        &["保管先", "保存場所", "システム", "location", "place"],
        Type::Short,
    ),
    col(
        "retention",
        "保存期間",
        "Retention",
        &["保管期間", "retention period"],
        Type::Short,
    ),
    col(
        "recipients",
        "提供先・共有先",
        "Recipients",
        &["提供先", "共有先", "開示先", "shared with"],
        Type::Long,
    ),
    col(
        "disposal",
        "廃棄方法",
        "Disposal",
        &["廃棄", "消去方法", "disposal method"],
        Type::Short,
    ),
    NOTES,
];

const SERVICES: &[Column] = &[
    col(
        "name",
        "サービス名",
        "Service",
        &["名称", "サービス", "service name", "name"],
        Type::Short,
    ),
    col(
        "provider",
        "提供事業者",
        "Provider",
        &["事業者", "提供元", "ベンダー", "vendor"],
        Type::Short,
    ),
    col(
        "purpose",
        "利用目的",
        "Purpose",
        &["用途", "目的", "use"],
        Type::Long,
    ),
    col(
        "data",
        "預ける情報",
        "Information stored",
        &["保存する情報", "扱う情報", "data", "data stored"],
        Type::Long,
    ),
    col(
        "classification",
        "情報の機密区分",
        "Classification",
        &["機密区分", "区分"],
        Type::Class,
    ),
    col(
        "requirements",
        "セキュリティ要件",
        "Security requirements",
        &[
            "セキュリティ要件（合意事項）",
            "要件",
            "security requirements agreed",
        ],
        Type::Long,
    ),
    col(
        "certifications",
        "第三者認証",
        "Certifications",
        &["認証", "ISMAP・ISO認証", "certification"],
        Type::Short,
    ),
    col(
        "data_location",
        "データの保管国・地域",
        "Data location",
        &["保管国", "データセンター所在地", "region"],
        Type::Short,
    ),
    col(
        "terms_reviewed",
        "規約・契約の確認日",
        "Terms reviewed on",
        &["規約確認日", "契約確認日", "確認日", "reviewed on"],
        Type::Date,
    ),
    col(
        "person",
        "自社の担当者",
        "Person in charge",
        &["担当者", "担当", "管理者", "owner"],
        Type::Short,
    ),
    NOTES,
];

const CONNECTIONS: &[Column] = &[
    col(
        "name",
        "接続先システム",
        "System",
        &["システム名", "名称", "system name", "name"],
        Type::Short,
    ),
    col(
        "party",
        "相手先",
        "Other party",
        &[
            "接続先",
            "相手先組織",
            "取引先",
            "organisation",
            "organization",
        ],
        Type::Short,
    ),
    col(
        "method",
        "接続方法",
        "How we connect",
        &["接続形態", "方法", "connection", "method"],
        Type::Short,
    ),
    col(
        "our_assets",
        "自社側の資産・アカウント",
        "Our assets and accounts",
        &["自社側の資産", "利用端末・アカウント", "our assets"],
        Type::Long,
    ),
    col(
        "data",
        "やり取りする情報",
        "Information exchanged",
        &["扱う情報", "data"],
        Type::Long,
    ),
    col(
        "requirements",
        "相手先のセキュリティ要件",
        "Their security requirements",
        &["セキュリティ要件", "要件", "security requirements"],
        Type::Long,
    ),
    col(
        "contact",
        "相手先の窓口",
        "Their contact",
        &["窓口", "連絡先", "contact"],
        Type::Short,
    ),
    col(
        "person",
        "自社の担当者",
        "Person in charge",
        &["担当者", "担当"],
        Type::Short,
    ),
    NOTES,
];

const PARTNERS: &[Column] = &[
    col(
        "name",
        "取引先名",
        "Partner",
        &["取引先", "委託先", "共有先", "partner name", "name"],
        Type::Short,
    ),
    col(
        "receives",
        "共有する情報・委託内容",
        "What they receive or do",
        &[
            "共有する情報",
            "委託内容",
            "提供する情報",
            "information shared",
        ],
        Type::Long,
    ),
    col(
        "nda",
        "秘密保持契約",
        "Confidentiality agreement",
        &["NDA", "秘密保持契約の有無", "機密保持契約"],
        Type::YesNo,
    ),
    col(
        "nda_signed",
        "締結日",
        "Signed on",
        &["契約締結日", "NDA締結日", "signed"],
        Type::Date,
    ),
    col(
        "nda_expires",
        "有効期限",
        "Expires on",
        &["契約期限", "NDA有効期限", "expiry", "expires"],
        Type::Date,
    ),
    col(
        "incident_role",
        "インシデント時の役割",
        "Role in an incident",
        &["事故時の役割", "役割と責任", "incident role"],
        Type::Long,
    ),
    col(
        "notify_hours",
        "報告期限（時間）",
        "Notify within (hours)",
        &["報告期限", "連絡期限（時間）", "notify within"],
        Type::Hours,
    ),
    col(
        "incident_contact",
        "緊急連絡先",
        "Incident contact",
        &[
            "インシデント時の連絡先",
            "事故時の連絡先",
            "emergency contact",
        ],
        Type::Short,
    ),
    col(
        "contact",
        "平常時の窓口",
        "Usual contact",
        &["窓口", "担当者", "contact"],
        Type::Short,
    ),
    NOTES,
];

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::Confidential,
        Kind::Services,
        Kind::Connections,
        Kind::Partners,
    ];

    /// The code in addresses and in the store.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Confidential => "confidential",
            Kind::Services => "services",
            Kind::Connections => "connections",
            Kind::Partners => "partners",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The register's name (also its sheet's: at most 31 characters).
    pub fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Kind::Confidential, Lang::Ja) => "機密情報台帳",
            (Kind::Confidential, Lang::En) => "Confidential information",
            (Kind::Services, Lang::Ja) => "外部サービス台帳",
            (Kind::Services, Lang::En) => "External services",
            (Kind::Connections, Lang::Ja) => "他社システム接続台帳",
            (Kind::Connections, Lang::En) => "Connections to others",
            (Kind::Partners, Lang::Ja) => "機密情報の共有先台帳",
            (Kind::Partners, Lang::En) => "Partners",
        }
    }

    /// The SCS ★3 criteria the register is evidence for.
    pub fn criteria(self) -> &'static [&'static str] {
        match self {
            Kind::Confidential => &["3-1-4-1", "3-1-4-3"],
            Kind::Services => &["3-1-3-1", "3-1-3-2"],
            Kind::Connections => &["2-1-1-1"],
            Kind::Partners => &["2-1-2-1", "2-1-4-1"],
        }
    }

    pub fn columns(self) -> &'static [Column] {
        match self {
            Kind::Confidential => CONFIDENTIAL,
            Kind::Services => SERVICES,
            Kind::Connections => CONNECTIONS,
            Kind::Partners => PARTNERS,
        }
    }

    pub fn column(self, key: &str) -> Option<&'static Column> {
        self.columns().iter().find(|c| c.key == key)
    }

    /// The column a header names, in either language or a common alternative.
    fn column_of(self, h: &str) -> Option<usize> {
        let f = fold(h.trim().trim_matches('"'));
        if f.is_empty() {
            return None;
        }
        let cols = self.columns();
        // Exact headers first, so that an alias of one column never hides another's header.
        cols.iter()
            .position(|c| fold(c.ja) == f || fold(c.en) == f)
            .or_else(|| {
                cols.iter()
                    .position(|c| c.aliases.iter().any(|a| fold(a) == f))
            })
    }
}

const CLASSES: [(&str, &str, &str, &[&str]); 4] = [
    ("top", "極秘", "Top secret", &["topsecret", "最重要"]),
    (
        "secret",
        "秘",
        "Secret",
        &["confidential", "関係者外秘", "部外秘"],
    ),
    (
        "internal",
        "社外秘",
        "Internal",
        &["社内限り", "internal use", "internaluse", "社内"],
    ),
    ("public", "公開", "Public", &["公開可", "一般"]),
];

const YES: &[&str] = &[
    "yes",
    "y",
    "true",
    "1",
    "はい",
    "あり",
    "有",
    "有り",
    "済",
    "締結済",
    "締結済み",
    "○",
    "〇",
    "✓",
];
const NO: &[&str] = &[
    "no",
    "n",
    "false",
    "0",
    "いいえ",
    "なし",
    "無",
    "無し",
    "未",
    "未締結",
    "×",
    "-",
    "ー",
];

/// The allowed values of a closed column, as a user reads them.
fn allowed(ty: Type, lang: Lang) -> String {
    let (yes, no) = yes_no(lang);
    match ty {
        Type::YesNo => format!("{yes} / {no}"),
        Type::Class => CLASSES
            .iter()
            .map(|c| if lang == Lang::Ja { c.1 } else { c.2 })
            .collect::<Vec<_>>()
            .join(" / "),
        _ => String::new(),
    }
}

fn yes_no(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Ja => ("あり", "なし"),
        Lang::En => ("Yes", "No"),
    }
}

/// One value checked for its column: the stored form, or the problem.
fn check_value(c: &Column, raw: &str) -> Result<String, UserError> {
    let v = raw.trim();
    // An export's quote before a formula-like cell.
    let v = match v.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => v,
    };
    if v.is_empty() {
        return Ok(String::new());
    }
    let too_long = |max: usize| UserError::TooLong { field: c.key, max };
    match c.ty {
        Type::Short if v.chars().count() > MAX_SHORT => Err(too_long(MAX_SHORT)),
        Type::Long if v.chars().count() > MAX_LONG => Err(too_long(MAX_LONG)),
        Type::Short | Type::Long => Ok(v.to_string()),
        Type::Date => loose_date(v)
            .or_else(|| excel_serial_date(v))
            .ok_or_else(|| UserError::RegDateBad {
                field: c.key,
                value: short(v),
            }),
        Type::YesNo => {
            let f = fold(v);
            if YES.iter().any(|y| fold(y) == f) {
                Ok("yes".into())
            } else if NO.iter().any(|n| fold(n) == f) {
                Ok("no".into())
            } else {
                Err(choice_bad(c, v))
            }
        }
        Type::Class => {
            let f = fold(v);
            CLASSES
                .iter()
                .find(|(code, ja, en, more)| {
                    fold(code) == f
                        || fold(ja) == f
                        || fold(en) == f
                        || more.iter().any(|m| fold(m) == f)
                })
                .map(|(code, ..)| (*code).to_string())
                .ok_or_else(|| choice_bad(c, v))
        }
        Type::Hours => {
            let digits = hoshi_core::text::half_width_digits(v);
            let digits = digits.trim_end_matches("時間").trim_end_matches('h').trim();
            digits
                .parse::<u32>()
                .ok()
                .filter(|h| (1..=8760).contains(h))
                .map(|h| h.to_string())
                .ok_or_else(|| UserError::RegHoursBad {
                    field: c.key,
                    value: short(v),
                })
        }
    }
}

fn choice_bad(c: &Column, v: &str) -> UserError {
    UserError::RegChoiceBad {
        field: c.key,
        value: short(v),
        allowed: format!("{} | {}", allowed(c.ty, Lang::Ja), allowed(c.ty, Lang::En)),
    }
}

/// A value quoted in a message, cut to a readable length.
fn short(v: &str) -> String {
    let mut s: String = v.chars().take(40).collect();
    if s.len() < v.len() {
        s.push('…');
    }
    s
}

/// Checks an entry of register `kind` typed in a form or read from a file: every problem, each
/// with its column's key, or the entry with its values in stored form (unknown keys dropped,
/// empty values left out). The name is required.
pub fn check(kind: Kind, raw: &Fields) -> Result<Fields, Vec<UserError>> {
    let mut out = Fields::new();
    let mut problems = Vec::new();
    for c in kind.columns() {
        let v = raw.get(c.key).map_or("", String::as_str);
        match check_value(c, v) {
            Ok(v) if v.is_empty() => {
                if c.key == "name" {
                    problems.push(UserError::RegRequired { field: "name" });
                }
            }
            Ok(v) => {
                out.insert(c.key.to_string(), v);
            }
            Err(e) => problems.push(e),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// A stored value as people read it: yes/no and classification in words.
pub fn display<'a>(kind: Kind, key: &str, value: &'a str, lang: Lang) -> Cow<'a, str> {
    let Some(c) = kind.column(key) else {
        return value.into();
    };
    match (c.ty, value) {
        (Type::YesNo, "yes") => yes_no(lang).0.into(),
        (Type::YesNo, "no") => yes_no(lang).1.into(),
        (Type::Class, v) => CLASSES
            .iter()
            .find(|c| c.0 == v)
            .map_or(Cow::Borrowed(v), |c| {
                Cow::Borrowed(if lang == Lang::Ja { c.1 } else { c.2 })
            }),
        _ => value.into(),
    }
}

/// The choices of a closed column for a form's select: (stored value, label).
pub fn choices(ty: Type, lang: Lang) -> Vec<(&'static str, &'static str)> {
    match ty {
        Type::YesNo => {
            let (y, n) = yes_no(lang);
            vec![("yes", y), ("no", n)]
        }
        Type::Class => CLASSES
            .iter()
            .map(|c| (c.0, if lang == Lang::Ja { c.1 } else { c.2 }))
            .collect(),
        _ => Vec::new(),
    }
}

/// A problem at one place of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file's row (1 is the first line), 0 for the file as a whole.
    pub row: usize,
    /// The column's key, when the problem belongs to one.
    pub column: Option<&'static str>,
    pub error: UserError,
}

/// Why a file was refused: every problem (at most [`MAX_PROBLEMS`]) and how many more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub kind: Kind,
    pub problems: Vec<Problem>,
    pub more: usize,
}

impl ReadError {
    fn file(kind: Kind, error: UserError) -> ReadError {
        ReadError {
            kind,
            problems: vec![Problem {
                row: 0,
                column: None,
                error,
            }],
            more: 0,
        }
    }

    /// One line per problem ("Row 3 (Expires on): …"), then the count of those not listed.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let mut out: Vec<String> = self
            .problems
            .iter()
            .map(|p| {
                let text = p.error.message(lang);
                let col = p
                    .column
                    .and_then(|k| self.kind.column(k))
                    .map(|c| c.header(lang));
                match (p.row, col, lang) {
                    (0, _, _) => text,
                    (r, Some(c), Lang::Ja) => format!("{r} 行目（{c}）: {text}"),
                    (r, Some(c), Lang::En) => format!("Row {r} ({c}): {text}"),
                    (r, None, Lang::Ja) => format!("{r} 行目: {text}"),
                    (r, None, Lang::En) => format!("Row {r}: {text}"),
                }
            })
            .collect();
        if self.more > 0 {
            out.push(match lang {
                Lang::Ja => format!("ほかに {} 件の問題があります。", self.more),
                Lang::En => format!("{} more problems.", self.more),
            });
        }
        out
    }
}

/// A clean file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// Each entry with the file row it came from, checked.
    pub entries: Vec<(usize, Fields)>,
    /// The columns the file had (keys), so an import only overwrites what the file holds.
    pub columns: Vec<&'static str>,
    /// Headers of columns hoshi did not read.
    pub ignored: Vec<String>,
}

/// Reads a file of register `kind`: an `.xlsx` workbook (by its content; the sheet named after
/// the register in either language, or the first) or CSV.
pub fn read(kind: Kind, bytes: &[u8]) -> Result<Sheet, ReadError> {
    if bytes.len() > MAX_BYTES {
        return Err(ReadError::file(
            kind,
            UserError::EvidenceTooLarge {
                max_mb: MAX_BYTES / (1024 * 1024),
            },
        ));
    }
    let rows = if bytes.starts_with(b"PK\x03\x04") {
        sheet_rows(bytes, &[kind.title(Lang::Ja), kind.title(Lang::En)])
    } else {
        csv_rows(bytes)
    }
    .map_err(|_| ReadError::file(kind, UserError::RegisterUnreadable))?;
    from_rows(kind, &rows)
}

/// The header row: its index, each cell's column, what was left out.
struct Headers {
    pos: usize,
    map: Vec<Option<usize>>,
    columns: Vec<&'static str>,
    ignored: Vec<String>,
}

fn headers(kind: Kind, rows: &[(usize, Vec<String>)]) -> Result<Headers, ReadError> {
    let cols = kind.columns();
    let no_header = || {
        ReadError::file(
            kind,
            UserError::RegFileNoHeader {
                column_ja: cols[0].ja,
                column_en: cols[0].en,
            },
        )
    };
    // The first rows only: a header further down is not a header.
    let Some(pos) = rows.iter().take(20).position(|(_, cells)| {
        let found: Vec<usize> = cells.iter().filter_map(|h| kind.column_of(h)).collect();
        found.contains(&0) && found.len() >= 2
    }) else {
        return Err(if rows.iter().all(|(_, c)| blank(c)) {
            ReadError::file(kind, UserError::RegFileEmpty)
        } else {
            no_header()
        });
    };
    let (hrow, cells) = &rows[pos];
    let mut h = Headers {
        pos,
        map: Vec::new(),
        columns: Vec::new(),
        ignored: Vec::new(),
    };
    for text in cells {
        let c = kind.column_of(text);
        if let Some(i) = c {
            if h.map.contains(&Some(i)) {
                return Err(ReadError {
                    kind,
                    problems: vec![Problem {
                        row: *hrow,
                        column: None,
                        error: UserError::RegisterColumnTwice {
                            column: text.trim().to_string(),
                        },
                    }],
                    more: 0,
                });
            }
            h.columns.push(cols[i].key);
        } else if !text.trim().is_empty() {
            h.ignored.push(text.trim().to_string());
        }
        h.map.push(c);
    }
    Ok(h)
}

/// Turns rows (file row number, cells) into entries: the first row with this register's headers
/// is the header row; empty rows are skipped; every problem is reported.
pub fn from_rows(kind: Kind, rows: &[(usize, Vec<String>)]) -> Result<Sheet, ReadError> {
    let h = headers(kind, rows)?;
    let body: Vec<&(usize, Vec<String>)> = rows[h.pos + 1..]
        .iter()
        .filter(|(_, c)| !blank(c))
        .collect();
    if body.is_empty() {
        return Err(ReadError::file(kind, UserError::RegFileEmpty));
    }
    if body.len() > MAX_ROWS {
        return Err(ReadError::file(
            kind,
            UserError::RegisterTooManyRows { max: MAX_ROWS },
        ));
    }
    let cols = kind.columns();
    let mut problems = Vec::new();
    let mut more = 0;
    let mut entries = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    for (row, cells) in body {
        let mut raw = Fields::new();
        for (i, cell) in cells.iter().enumerate() {
            if let Some(Some(c)) = h.map.get(i) {
                raw.insert(cols[*c].key.to_string(), cell.clone());
            }
        }
        let mut found: Vec<(Option<&'static str>, UserError)> = Vec::new();
        match check(kind, &raw) {
            Err(es) => found.extend(es.into_iter().map(|e| (e.field(), e))),
            Ok(f) => {
                let name = f.get("name").cloned().unwrap_or_default();
                match seen.get(&fold(&name)) {
                    Some(first) => found.push((
                        Some("name"),
                        UserError::RegNameTwice {
                            name,
                            first_row: *first,
                        },
                    )),
                    None => {
                        seen.insert(fold(&name), *row);
                        entries.push((*row, f));
                    }
                }
            }
        }
        for (column, error) in found {
            if problems.len() < MAX_PROBLEMS {
                problems.push(Problem {
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
        return Err(ReadError {
            kind,
            problems,
            more,
        });
    }
    Ok(Sheet {
        entries,
        columns: h.columns,
        ignored: h.ignored,
    })
}

/// The register as CSV in UTF-8 with a BOM (so Excel opens it in the right encoding): the
/// template when `entries` is empty.
pub fn to_csv(kind: Kind, entries: &[Fields], lang: Lang) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let heads: Vec<&str> = kind.columns().iter().map(|c| c.header(lang)).collect();
        let _ = w.write_record(&heads);
        for e in entries {
            let cells: Vec<String> = kind
                .columns()
                .iter()
                .map(|c| {
                    let v = e.get(c.key).map_or("", String::as_str);
                    safe_cell(&display(kind, c.key, v, lang)).into_owned()
                })
                .collect();
            let _ = w.write_record(&cells);
        }
        let _ = w.flush();
    }
    out
}

/// The register as an Excel workbook; the template (no `entries`) has a filled-in example sheet
/// and a sheet of the values the closed columns accept.
pub fn to_xlsx(kind: Kind, entries: &[Fields], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut wb = XWorkbook::new();
    let head = Format::new()
        .set_bold()
        .set_background_color("#DDE7F0")
        .set_text_wrap();
    let text = Format::new().set_num_format("@").set_text_wrap();
    write_sheet(&mut wb, kind.title(lang), kind, entries, lang, &head, &text)?;
    if entries.is_empty() {
        let name = match lang {
            Lang::Ja => "記入例",
            Lang::En => "Example",
        };
        write_sheet(
            &mut wb,
            name,
            kind,
            &example(kind, lang),
            lang,
            &head,
            &text,
        )?;
        let closed: Vec<&Column> = kind
            .columns()
            .iter()
            .filter(|c| matches!(c.ty, Type::YesNo | Type::Class))
            .collect();
        if !closed.is_empty() {
            let ws = wb.add_worksheet();
            ws.set_name(match lang {
                Lang::Ja => "選択肢",
                Lang::En => "Values",
            })
            .map_err(xerr)?;
            for (i, c) in closed.iter().enumerate() {
                let i = i as u16;
                ws.write_string_with_format(0, i, c.header(lang), &head)
                    .map_err(xerr)?;
                for (r, (_, label)) in choices(c.ty, lang).iter().enumerate() {
                    ws.write_string(1 + r as u32, i, *label).map_err(xerr)?;
                }
                ws.set_column_width(i, 24).map_err(xerr)?;
            }
        }
    }
    wb.save_to_buffer().map_err(xerr)
}

fn write_sheet(
    wb: &mut XWorkbook,
    name: &str,
    kind: Kind,
    entries: &[Fields],
    lang: Lang,
    head: &Format,
    text: &Format,
) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(name).map_err(xerr)?;
    for (i, c) in kind.columns().iter().enumerate() {
        let i = i as u16;
        ws.write_string_with_format(0, i, c.header(lang), head)
            .map_err(xerr)?;
        let width = match c.ty {
            Type::Long => 36,
            Type::Short if c.key == "name" => 28,
            Type::Short => 20,
            Type::Date | Type::Class | Type::YesNo | Type::Hours => 14,
        };
        ws.set_column_width(i, width).map_err(xerr)?;
    }
    for (r, e) in entries.iter().enumerate() {
        for (i, c) in kind.columns().iter().enumerate() {
            let v = e.get(c.key).map_or("", String::as_str);
            if !v.is_empty() {
                ws.write_string_with_format(
                    1 + r as u32,
                    i as u16,
                    display(kind, c.key, v, lang).as_ref(),
                    text,
                )
                .map_err(xerr)?;
            }
        }
    }
    ws.set_freeze_panes(1, 1).map_err(xerr)?;
    Ok(())
}

fn fields(pairs: &[(&str, &str)]) -> Fields {
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
        .collect()
}

/// The template's filled-in example: typical entries of a small manufacturer.
pub fn example(kind: Kind, lang: Lang) -> Vec<Fields> {
    let ja = lang == Lang::Ja;
    let e = match kind {
        Kind::Confidential => example_confidential(ja),
        Kind::Services => example_service(ja),
        Kind::Connections => example_connection(ja),
        Kind::Partners => example_partner(ja),
    };
    vec![e]
}

fn pick(ja: bool, j: &'static str, e: &'static str) -> &'static str {
    if ja { j } else { e }
}

fn example_confidential(ja: bool) -> Fields {
    fields(&[
        (
            "name",
            pick(
                ja,
                "取引先から預かった図面",
                "Drawings received from customers",
            ),
        ),
        (
            "description",
            pick(
                ja,
                "受注品の設計図面・仕様書（CAD データと紙）",
                "Design drawings and specifications of ordered parts (CAD files and paper)",
            ),
        ),
        ("classification", "top"),
        (
            "owner",
            pick(ja, "製造部長 鈴木", "Suzuki, head of production"),
        ),
        ("department", pick(ja, "製造部", "Production")),
        (
            "location",
            pick(
                ja,
                "ファイルサーバー ¥¥fs01¥図面（製造部のみ）、設計室の施錠書庫",
                "File server \\\\fs01\\drawings (production only), locked cabinet in the design room",
            ),
        ),
        (
            "retention",
            pick(ja, "取引終了後 5 年", "5 years after the business ends"),
        ),
        (
            "recipients",
            pick(
                ja,
                "株式会社〇〇精機（加工委託）",
                "Example Seiki Co. (machining subcontractor)",
            ),
        ),
        (
            "disposal",
            pick(
                ja,
                "紙は溶解処理、データは完全消去",
                "Paper shredded by a disposal company, files wiped",
            ),
        ),
    ])
}

fn example_service(ja: bool) -> Fields {
    fields(&[
        ("name", "Microsoft 365 Business Standard"),
        (
            "provider",
            pick(ja, "日本マイクロソフト株式会社", "Microsoft Japan"),
        ),
        (
            "purpose",
            pick(
                ja,
                "メール・予定表・ファイル共有",
                "Mail, calendars and file sharing",
            ),
        ),
        (
            "data",
            pick(
                ja,
                "取引先とのメール、見積書、図面の一部",
                "Mail with customers, quotations, some drawings",
            ),
        ),
        ("classification", "secret"),
        (
            "requirements",
            pick(
                ja,
                "全員に多要素認証、保存データの暗号化、日次のバックアップ、管理者の操作ログ 90 日保存",
                "MFA for everyone, encryption at rest, daily backups, admin activity logs kept 90 days",
            ),
        ),
        ("certifications", "ISMAP, ISO/IEC 27001"),
        ("data_location", pick(ja, "日本", "Japan")),
        ("terms_reviewed", "2026-04-01"),
        ("person", pick(ja, "総務部 佐藤", "Sato (General affairs)")),
    ])
}

fn example_connection(ja: bool) -> Fields {
    fields(&[
        (
            "name",
            pick(
                ja,
                "〇〇自動車 受発注ポータル",
                "Example Motors ordering portal",
            ),
        ),
        (
            "party",
            pick(ja, "〇〇自動車株式会社", "Example Motors Co."),
        ),
        (
            "method",
            pick(
                ja,
                "Web ポータル（ID・パスワードとワンタイムパスワード）",
                "Web portal (ID, password and one-time code)",
            ),
        ),
        (
            "our_assets",
            pick(
                ja,
                "営業部 PC-003、アカウント sales01",
                "Sales PC-003, account sales01",
            ),
        ),
        (
            "data",
            pick(
                ja,
                "注文書、納期回答、図面",
                "Orders, delivery dates, drawings",
            ),
        ),
        (
            "requirements",
            pick(
                ja,
                "アカウントの共用禁止、退職者は 5 営業日以内に削除申請",
                "No shared accounts; leavers removed within 5 working days",
            ),
        ),
        (
            "contact",
            pick(
                ja,
                "調達部 システム窓口 03-0000-0000",
                "Procurement IT desk +81-3-0000-0000",
            ),
        ),
        ("person", pick(ja, "営業部 田中", "Tanaka (Sales)")),
    ])
}

fn example_partner(ja: bool) -> Fields {
    fields(&[
        ("name", pick(ja, "株式会社〇〇精機", "Example Seiki Co.")),
        (
            "receives",
            pick(
                ja,
                "加工用の図面（極秘）",
                "Drawings for machining (top secret)",
            ),
        ),
        ("nda", "yes"),
        ("nda_signed", "2024-04-01"),
        ("nda_expires", "2027-03-31"),
        (
            "incident_role",
            pick(
                ja,
                "漏えいや感染が疑われたら直ちに当社へ報告し、調査に協力する",
                "Report a suspected leak or infection to us at once and help with the investigation",
            ),
        ),
        ("notify_hours", "24"),
        (
            "incident_contact",
            pick(
                ja,
                "品質保証部 山本 090-0000-0000",
                "Yamamoto (Quality) +81-90-0000-0000",
            ),
        ),
        ("contact", pick(ja, "営業部 高橋", "Takahashi (Sales)")),
    ])
}

/// The column headers of a register file, for a page explaining the template.
pub fn headers_of(kind: Kind, lang: Lang) -> Vec<&'static str> {
    kind.columns().iter().map(|c| c.header(lang)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn partner(name: &str) -> Fields {
        fields(&[
            ("name", name),
            ("nda", "yes"),
            ("nda_expires", "2027-03-31"),
            ("notify_hours", "24"),
            ("notes", "=1+1 は数式ではない"),
        ])
    }

    #[test]
    fn every_register_has_unique_keys_headers_and_a_name_first() {
        for k in Kind::ALL {
            let cols = k.columns();
            assert_eq!(cols[0].key, "name", "{k:?}");
            for (i, c) in cols.iter().enumerate() {
                for d in &cols[i + 1..] {
                    assert_ne!(c.key, d.key, "{k:?}");
                    assert_ne!(fold(c.ja), fold(d.ja), "{k:?}");
                    assert_ne!(fold(c.en), fold(d.en), "{k:?}");
                }
                // Every header and alias is read back as its own column, unless an alias is
                // another column's exact header.
                for h in [c.ja, c.en].iter().chain(c.aliases) {
                    let found = k.column_of(h).map(|j| cols[j].key);
                    let other_header = cols.iter().any(|d| {
                        d.key != c.key && (fold(d.ja) == fold(h) || fold(d.en) == fold(h))
                    });
                    assert!(
                        found == Some(c.key) || other_header,
                        "{k:?} {h} → {found:?}"
                    );
                }
            }
            assert!(k.title(Lang::En).chars().count() <= 31);
            assert_eq!(Kind::from_code(k.code()), Some(k));
        }
    }

    #[test]
    fn check_reads_values_as_people_write_them() {
        let raw = fields(&[
            ("name", " 顧客名簿 "),
            ("nda", "有"),
            ("nda_signed", "2024/4/1"),
            ("nda_expires", "２０２７年３月３１日"),
            ("notify_hours", "２４時間"),
            ("unknown", "x"),
        ]);
        let f = check(Kind::Partners, &raw).unwrap();
        assert_eq!(f["name"], "顧客名簿");
        assert_eq!(f["nda"], "yes");
        assert_eq!(f["nda_signed"], "2024-04-01");
        assert_eq!(f["nda_expires"], "2027-03-31");
        assert_eq!(f["notify_hours"], "24");
        assert!(!f.contains_key("unknown"));
        let c = check(
            Kind::Confidential,
            &fields(&[("name", "x"), ("classification", "社外秘")]),
        )
        .unwrap();
        assert_eq!(c["classification"], "internal");
    }

    #[test]
    fn check_names_every_bad_field() {
        let raw = fields(&[
            ("nda", "たぶん"),
            ("nda_expires", "来年"),
            ("notify_hours", "0"),
        ]);
        let errs = check(Kind::Partners, &raw).unwrap_err();
        let fields: Vec<_> = errs.iter().filter_map(UserError::field).collect();
        assert_eq!(fields, ["name", "nda", "nda_expires", "notify_hours"]);
    }

    #[test]
    fn csv_and_excel_exports_read_back_equal() {
        for lang in Lang::ALL {
            for k in Kind::ALL {
                let mut all = example(k, lang);
                all.push(fields(&[("name", "-minus"), ("notes", "@at =x")]));
                let csv = to_csv(k, &all, lang);
                assert!(csv.starts_with(b"\xEF\xBB\xBF"));
                let back: Vec<Fields> = read(k, &csv)
                    .unwrap()
                    .entries
                    .into_iter()
                    .map(|(_, f)| f)
                    .collect();
                assert_eq!(back, all, "{k:?} {lang} csv");
                let xlsx = to_xlsx(k, &all, lang).unwrap();
                let back: Vec<Fields> = read(k, &xlsx)
                    .unwrap()
                    .entries
                    .into_iter()
                    .map(|(_, f)| f)
                    .collect();
                assert_eq!(back, all, "{k:?} {lang} xlsx");
            }
        }
    }

    #[test]
    fn csv_cells_excel_would_run_are_quoted() {
        let all = vec![partner("=HYPERLINK(\"http://x\")")];
        let text = String::from_utf8(to_csv(Kind::Partners, &all, Lang::En)).unwrap();
        assert!(text.contains("'=HYPERLINK"), "{text}");
        assert!(text.contains("'=1+1"), "{text}");
    }

    #[test]
    fn templates_read_as_empty_and_their_examples_are_valid() {
        for k in Kind::ALL {
            for lang in Lang::ALL {
                let e = read(k, &to_csv(k, &[], lang)).unwrap_err();
                assert_eq!(e.problems[0].error, UserError::RegFileEmpty);
                assert!(to_xlsx(k, &[], lang).unwrap().starts_with(b"PK"));
                for ex in example(k, lang) {
                    assert_eq!(check(k, &ex).unwrap(), ex);
                }
            }
        }
    }

    #[test]
    fn shift_jis_csv_with_japanese_headers() {
        let text = "取引先名,秘密保持契約,有効期限,報告期限（時間）,メモ\r\n\
                    株式会社〇〇精機,締結済,2027/3/31,24,図面の加工\r\n\
                    有限会社△△運送,なし,,,\r\n";
        let (bytes, _, bad) = encoding_rs::SHIFT_JIS.encode(text);
        assert!(!bad);
        let s = read(Kind::Partners, &bytes).unwrap();
        assert_eq!(
            s.columns,
            ["name", "nda", "nda_expires", "notify_hours", "notes"]
        );
        assert_eq!(s.entries.len(), 2);
        assert_eq!(s.entries[0].0, 2);
        assert_eq!(s.entries[0].1["name"], "株式会社〇〇精機");
        assert_eq!(s.entries[0].1["nda"], "yes");
        assert_eq!(s.entries[0].1["nda_expires"], "2027-03-31");
        assert_eq!(s.entries[1].1["nda"], "no");
        // The same register's English headers in UTF-16 (Excel's "Unicode text").
        let text = "Partner\tConfidentiality agreement\r\nExample Co.\tYes\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let s = read(Kind::Partners, &bytes).unwrap();
        assert_eq!(s.entries[0].1["nda"], "yes");
    }

    #[test]
    fn every_bad_row_is_named_with_its_column() {
        let text = "取引先名,秘密保持契約,有効期限\n\
                    A社,あり,2027-03-31\n\
                    B社,たぶん,来年\n\
                    ,あり,\n\
                    a社,なし,\n";
        let e = read(Kind::Partners, text.as_bytes()).unwrap_err();
        let got: Vec<(usize, Option<&str>)> =
            e.problems.iter().map(|p| (p.row, p.column)).collect();
        assert_eq!(
            got,
            [
                (3, Some("nda")),
                (3, Some("nda_expires")),
                (4, Some("name")),
                (5, Some("name"))
            ]
        );
        let ja = e.lines(Lang::Ja);
        assert!(
            ja[0].starts_with("3 行目（秘密保持契約）: 「たぶん」"),
            "{ja:?}"
        );
        assert!(ja[3].contains("2 行目にも"), "{ja:?}");
        let en = e.lines(Lang::En);
        assert!(en[1].starts_with("Row 3 (Expires on): \"来年\""), "{en:?}");
    }

    #[test]
    fn files_of_another_register_or_without_rows_are_refused() {
        let assets = crate::register::to_csv(&crate::register::example(Lang::Ja), Lang::Ja);
        let e = read(Kind::Partners, &assets).unwrap_err();
        assert!(matches!(
            e.problems[0].error,
            UserError::RegFileNoHeader { .. }
        ));
        let e = read(Kind::Services, b"").unwrap_err();
        assert_eq!(e.problems[0].error, UserError::RegFileEmpty);
        let e = read(Kind::Services, b"PK\x03\x04garbage").unwrap_err();
        assert_eq!(e.problems[0].error, UserError::RegisterUnreadable);
        let big = vec![b'a'; MAX_BYTES + 1];
        assert!(matches!(
            read(Kind::Services, &big).unwrap_err().problems[0].error,
            UserError::EvidenceTooLarge { .. }
        ));
        let mut many = String::from("Service\n");
        for i in 0..=MAX_ROWS {
            many.push_str(&format!("s{i}\n"));
        }
        // One known header is not enough for a header row without the name… but the name
        // alone with one more column is.
        let many = many.replace("Service\n", "Service,Provider\n");
        assert_eq!(
            read(Kind::Services, many.as_bytes()).unwrap_err().problems[0].error,
            UserError::RegisterTooManyRows { max: MAX_ROWS }
        );
    }
}
