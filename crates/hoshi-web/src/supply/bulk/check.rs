//! What the rows of a bulk registration file say: which column is which field, and every
//! problem of every row, checked with the single registration's rules
//! ([`hoshi_store::supply::new_problems`]) plus what only a file can get wrong (answers that are
//! not yes or no, a 法人番号 twice in the file, the template's example row).

use std::collections::{HashMap, HashSet};

use hoshi_core::{Lang, LevelAnswers, Question, UserError, decide};
use hoshi_store::supply::{NewRelationship, new_problems};

use super::read::{FileProblem, Row, Table};
use crate::kernel::i18n::Tr;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Number,
    Due,
    Answer(Question),
    ContactName,
    ContactEmail,
    Supplies,
}

impl Field {
    /// In the template's order.
    pub const ALL: [Field; 9] = [
        Field::Name,
        Field::Number,
        Field::Due,
        Field::Answer(Question::ConfidentialInfo),
        Field::Answer(Question::UnacceptableDelay),
        Field::Answer(Question::SystemAccess),
        Field::ContactName,
        Field::ContactEmail,
        Field::Supplies,
    ];

    pub fn required(self) -> bool {
        matches!(self, Field::Name | Field::Number | Field::Answer(_))
    }

    /// The template's header in `lang`: a question's column is headed by the question.
    pub fn header(self, lang: Lang) -> String {
        let t = Tr::new(lang);
        match self {
            Field::Answer(q) => q.prompt().get(lang).to_string(),
            Field::Name => t.s("bulk_h_name").to_string(),
            Field::Number => t.s("bulk_h_number").to_string(),
            Field::Due => t.s("bulk_h_due").to_string(),
            Field::ContactName => t.s("bulk_h_contact").to_string(),
            Field::ContactEmail => t.s("bulk_h_email").to_string(),
            Field::Supplies => t.s("bulk_h_supplies").to_string(),
        }
    }

    /// Every header read as this field: the template's in both languages, the single form's
    /// labels and the form's field names.
    fn aliases(self) -> Vec<String> {
        let mut out: Vec<String> = Lang::ALL.iter().map(|l| self.header(*l)).collect();
        let (label, extra): (&str, &[&str]) = match self {
            Field::Name => ("supplier_name", &["会社名", "supplier"]),
            Field::Number => ("corporate_number", &["法人番号(13桁)"]),
            Field::Due => ("due_date", &["期限"]),
            Field::ContactName => ("contact_name", &["担当者", "contact"]),
            Field::ContactEmail => ("contact_email", &["メールアドレス", "email"]),
            Field::Supplies => ("supplies", &[]),
            Field::Answer(q) => (q.id(), &[]),
        };
        out.push(label.to_string());
        for l in Lang::ALL {
            out.push(Tr::new(l).s(label).to_string());
        }
        out.extend(extra.iter().map(|s| s.to_string()));
        out.iter().map(|s| key(s)).collect()
    }
}

/// A header or answer as compared: no spaces, half-width, lower case, no `_` or `-`.
fn key(s: &str) -> String {
    hoshi_xlsx::normalise_header(&hoshi_core::text::half_width_digits(s))
        .to_lowercase()
        .replace(['_', '-'], "")
}

/// Which column (0-based) holds which field, with the header as the file writes it.
#[derive(Debug, Clone)]
pub struct Columns {
    at: Vec<(Field, usize, String)>,
}

impl Columns {
    fn index(&self, f: Field) -> Option<usize> {
        self.at.iter().find(|(g, ..)| *g == f).map(|(_, i, _)| *i)
    }

    /// The column's header as the file writes it (the template's when the file has none).
    pub fn header(&self, f: Field, lang: Lang) -> String {
        self.at
            .iter()
            .find(|(g, ..)| *g == f)
            .map_or_else(|| f.header(lang), |(_, _, h)| h.clone())
    }
}

/// Why the header row cannot be used; all of them are reported together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnProblem {
    Missing(Field),
    /// (column letters, header)
    Unknown(String, String),
    Repeated(String, String),
    /// Data under an empty header.
    Unnamed(String),
}

/// Maps the header row to fields.
pub fn columns(t: &Table) -> Result<Columns, Vec<ColumnProblem>> {
    let aliases: Vec<(Field, Vec<String>)> = Field::ALL.iter().map(|f| (*f, f.aliases())).collect();
    let mut at: Vec<(Field, usize, String)> = Vec::new();
    let mut problems = Vec::new();
    for (i, h) in t.header.cells.iter().enumerate() {
        let letters = hoshi_xlsx::read::col_name(i as u32 + 1);
        if h.is_empty() {
            if t.rows.iter().any(|r| !r.cell(i).is_empty()) {
                problems.push(ColumnProblem::Unnamed(letters));
            }
            continue;
        }
        let k = key(h);
        match aliases.iter().find(|(_, a)| a.contains(&k)) {
            None => problems.push(ColumnProblem::Unknown(letters, h.clone())),
            Some((f, _)) if at.iter().any(|(g, ..)| g == f) => {
                problems.push(ColumnProblem::Repeated(letters, h.clone()));
            }
            Some((f, _)) => at.push((*f, i, h.clone())),
        }
    }
    for f in Field::ALL {
        if f.required() && !at.iter().any(|(g, ..)| *g == f) {
            problems.push(ColumnProblem::Missing(f));
        }
    }
    if problems.is_empty() {
        Ok(Columns { at })
    } else {
        Err(problems)
    }
}

/// One row checked: what it registers, or what is wrong with it.
#[derive(Debug, Clone)]
pub struct Checked {
    pub row: u32,
    pub name: String,
    /// 13 digits when valid, else as written.
    pub number: String,
    /// `YYYY-MM-DD` when the cell could be read as a date, else as written.
    pub due: Option<String>,
    pub contact_name: String,
    pub contact_email: String,
    pub supplies: String,
    pub answers: Option<LevelAnswers>,
    /// Every problem, by column, in the user's language.
    pub problems: Vec<(Field, String)>,
    /// What the buyer may want to know (a name twice), not a reason to refuse.
    pub notes: Vec<String>,
}

impl Checked {
    pub fn level(&self) -> Option<u8> {
        self.answers.map(|a| decide(a).level)
    }

    /// The record to store, when the row has no problem.
    pub fn new_relationship<'a>(&'a self, buyer_org: &'a str) -> Option<NewRelationship<'a>> {
        if !self.problems.is_empty() {
            return None;
        }
        Some(NewRelationship {
            buyer_org,
            supplier_name: &self.name,
            corporate_number: &self.number,
            contact_name: &self.contact_name,
            contact_email: &self.contact_email,
            supplies: &self.supplies,
            answers: self.answers?,
            due_date: self.due.as_deref(),
        })
    }
}

/// What the buyer already registered: 法人番号 and names as compared.
pub struct Registered {
    numbers: HashSet<String>,
    names: HashSet<String>,
}

impl Registered {
    pub fn new(rows: &[(String, String)]) -> Registered {
        Registered {
            numbers: rows.iter().map(|(n, _)| n.clone()).collect(),
            names: rows.iter().map(|(_, name)| key(name)).collect(),
        }
    }
}

/// Checks every row; the rows come back in the file's order.
pub fn check(t: &Table, cols: &Columns, registered: &Registered, tr: &Tr) -> Vec<Checked> {
    let mut numbers: HashMap<String, u32> = HashMap::new();
    let mut names: HashMap<String, u32> = HashMap::new();
    t.rows
        .iter()
        .map(|row| {
            let mut c = check_row(row, cols, t.workbook, tr);
            if let Ok(number) = hoshi_core::corporate::validate(&c.number) {
                if let Some(first) = numbers.get(&number) {
                    let m = tr
                        .s("bulk_duplicate_row")
                        .replace("{row}", &first.to_string());
                    c.problems.push((Field::Number, m));
                } else if registered.numbers.contains(&number) {
                    let m = UserError::RelationshipExists.message(tr.lang);
                    c.problems.push((Field::Number, m));
                } else {
                    numbers.insert(number.clone(), c.row);
                    same_name(&mut c, &mut names, registered, tr);
                }
                c.number = number;
            }
            c
        })
        .collect()
}

/// Notes a name the file or the portfolio already holds under another 法人番号.
fn same_name(c: &mut Checked, names: &mut HashMap<String, u32>, r: &Registered, tr: &Tr) {
    let name = key(&c.name);
    if name.is_empty() {
        return;
    }
    if let Some(first) = names.get(&name) {
        let m = tr
            .s("bulk_same_name_row")
            .replace("{row}", &first.to_string());
        c.notes.push(m);
    } else {
        if r.names.contains(&name) {
            c.notes.push(tr.s("bulk_same_name_registered").to_string());
        }
        names.insert(name, c.row);
    }
}

/// One row against the single registration's rules and the answers' vocabulary.
fn check_row(row: &Row, cols: &Columns, workbook: bool, tr: &Tr) -> Checked {
    let get = |f: Field| cols.index(f).map_or("", |i| row.cell(i));
    let uncomputed: Vec<Field> = row
        .uncomputed
        .iter()
        .filter_map(|i| cols.at.iter().find(|(_, j, _)| j == i).map(|(f, ..)| *f))
        .collect();
    let mut c = Checked {
        row: row.number,
        name: get(Field::Name).to_string(),
        number: if workbook {
            workbook_number(get(Field::Number))
        } else {
            get(Field::Number).to_string()
        },
        due: due_date(get(Field::Due), workbook),
        contact_name: get(Field::ContactName).to_string(),
        contact_email: get(Field::ContactEmail).to_string(),
        supplies: get(Field::Supplies).to_string(),
        answers: None,
        problems: uncomputed
            .iter()
            .map(|f| (*f, tr.s("bulk_formula_no_value").to_string()))
            .collect(),
        notes: Vec::new(),
    };
    if is_example(&c.name) {
        c.problems
            .push((Field::Name, tr.s("bulk_example_row").to_string()));
    }
    let mut answers = LevelAnswers::default();
    let mut answered = true;
    for q in Question::ALL {
        let f = Field::Answer(q);
        match answer(get(f)) {
            Some(Some(yes)) => answers.set(q, yes),
            _ if uncomputed.contains(&f) => answered = false,
            Some(None) => {
                answered = false;
                c.problems
                    .push((f, tr.s("bulk_answer_missing").to_string()));
            }
            None => {
                answered = false;
                let value: String = get(f).chars().take(20).collect();
                let m = tr.s("bulk_answer_unreadable").replace("{value}", &value);
                c.problems.push((f, m));
            }
        }
    }
    c.answers = answered.then_some(answers);
    let rules = new_problems(&NewRelationship {
        buyer_org: "",
        supplier_name: &c.name,
        corporate_number: &c.number,
        contact_name: &c.contact_name,
        contact_email: &c.contact_email,
        supplies: &c.supplies,
        answers,
        due_date: c.due.as_deref(),
    });
    for e in rules {
        let f = field_of(&e);
        if !uncomputed.contains(&f) {
            c.problems.push((f, e.message(tr.lang)));
        }
    }
    c.problems
        .sort_by_key(|(f, _)| Field::ALL.iter().position(|g| g == f));
    c
}

/// The column a rule of the single form belongs to.
fn field_of(e: &UserError) -> Field {
    match e.field() {
        Some("corporate_number") => Field::Number,
        Some("due_date") => Field::Due,
        Some("contact") => Field::ContactName,
        Some("email") => Field::ContactEmail,
        Some("supplies") => Field::Supplies,
        _ => Field::Name,
    }
}

/// A name starting with the template's example mark, in either language.
fn is_example(name: &str) -> bool {
    let name = key(name);
    Lang::ALL
        .iter()
        .any(|l| name.starts_with(&key(Tr::new(*l).s("bulk_example_mark"))))
}

/// `Some(Some(yes))`, `Some(None)` for an empty cell, `None` for anything else.
fn answer(s: &str) -> Option<Option<bool>> {
    match key(s).as_str() {
        "" => Some(None),
        "はい" | "yes" | "y" | "true" | "1" | "○" | "〇" | "◯" => Some(Some(true)),
        "いいえ" | "no" | "n" | "false" | "0" | "×" | "✕" | "x" => Some(Some(false)),
        _ => None,
    }
}

/// A 法人番号 Excel stored as a number in exponent form (`7.000012050002E+12`) as its digits.
fn workbook_number(s: &str) -> String {
    if s.contains(['e', 'E', '.'])
        && let Ok(v) = s.parse::<f64>()
        && v.fract() == 0.0
        && (1.0..1e15).contains(&v)
    {
        return format!("{}", v as u64);
    }
    s.to_string()
}

/// The due date as `YYYY-MM-DD` when it reads as one: Excel's date serial (from a workbook),
/// `2027/3/31`, `2027-3-31`, `2027年3月31日`, full-width digits, a time after it. Anything else
/// stays as written, for the single form's rule to refuse.
fn due_date(s: &str, workbook: bool) -> Option<String> {
    let s = hoshi_core::text::half_width_digits(s.trim());
    let s = s.split_whitespace().next()?;
    if workbook && let Some(d) = excel_date(s) {
        return Some(d);
    }
    let joined = s.replace(['年', '月', '/', '.'], "-");
    let joined = joined.trim_end_matches('日');
    let parts: Vec<&str> = joined.split('-').collect();
    let digits =
        |p: &str, max: usize| (1..=max).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    if let [y, m, d] = parts[..]
        && y.len() == 4
        && digits(y, 4)
        && digits(m, 2)
        && digits(d, 2)
    {
        return Some(format!("{y}-{m:0>2}-{d:0>2}"));
    }
    Some(s.to_string())
}

/// Excel's date serial (days since 1899-12-30) for 2000-01-01 to 2199-12-31.
fn excel_date(s: &str) -> Option<String> {
    let v: f64 = s.parse().ok()?;
    if !(36_526.0..110_000.0).contains(&v) {
        return None;
    }
    let days = hoshi_core::time::days_from_civil(1899, 12, 30) + v.floor() as i64;
    Some(hoshi_core::time::date(days * 86_400))
}

/// How many rows ask for ★3 and ★4.
pub fn levels(rows: &[Checked]) -> (usize, usize) {
    let count = |l: u8| rows.iter().filter(|c| c.level() == Some(l)).count();
    (count(3), count(4))
}

/// The file's columns problems as messages.
pub fn column_message(p: &ColumnProblem, t: &Tr, header_row: u32) -> String {
    match p {
        ColumnProblem::Missing(f) => t
            .s("bulk_missing_column")
            .replace("{header}", &f.header(t.lang))
            .replace("{row}", &header_row.to_string()),
        ColumnProblem::Unknown(col, h) => t
            .s("bulk_unknown_column")
            .replace("{column}", col)
            .replace("{header}", &clip(h, 60)),
        ColumnProblem::Repeated(col, h) => t
            .s("bulk_duplicate_column")
            .replace("{column}", col)
            .replace("{header}", &clip(h, 60)),
        ColumnProblem::Unnamed(col) => t.s("bulk_unnamed_column").replace("{column}", col),
    }
}

/// At most `max` characters of `s`, with `…` when cut.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}

/// Why the file could not be read, as a message.
pub fn file_message(p: &FileProblem, t: &Tr) -> String {
    use super::read::{MAX_COLUMNS, MAX_ROWS};
    match p {
        FileProblem::NoFile => t.s("bulk_no_file").to_string(),
        FileProblem::Empty => t.s("bulk_empty").to_string(),
        FileProblem::NoRows => t.s("bulk_no_rows").to_string(),
        FileProblem::NotUtf8 => t.s("bulk_not_utf8").to_string(),
        FileProblem::Binary => t.s("bulk_binary").to_string(),
        FileProblem::OldExcel => t.s("bulk_old_excel").to_string(),
        FileProblem::Workbook(e) => e.message_in(t.lang),
        FileProblem::UnclosedQuote { row } => t
            .s("bulk_unclosed_quote")
            .replace("{row}", &row.to_string()),
        FileProblem::TooManyRows => t.s("bulk_too_many_rows").replace("{max}", &group(MAX_ROWS)),
        FileProblem::TooManyColumns { row } => t
            .s("bulk_too_many_columns")
            .replace("{row}", &row.to_string())
            .replace("{max}", &MAX_COLUMNS.to_string()),
    }
}

/// `5000` as `5,000`.
pub fn group(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Table {
        super::super::read::read(text.as_bytes().to_vec(), &[]).unwrap()
    }

    const HEAD: &str =
        "取引先名,法人番号,回答期限,confidential-info,unacceptable-delay,system-access";

    #[test]
    fn headers_in_either_language_and_the_forms_names() {
        // Quoted, as the template writes them: the English questions hold commas.
        let quoted = |l: Lang| -> Vec<String> {
            Field::ALL
                .iter()
                .map(|f| format!("\"{}\"", f.header(l)))
                .collect()
        };
        let (ja, en) = (quoted(Lang::Ja), quoted(Lang::En));
        for head in [ja.join(","), en.join(","), HEAD.to_string()] {
            let t = table(&format!("{head}\n星,1\n"));
            assert!(columns(&t).is_ok(), "{head}: {:?}", columns(&t).err());
        }
        // Full-width letters and spaces, upper case.
        assert!(
            columns(&table(
                "取引先名 ,法人番号,ＣＯＮＦＩＤＥＮＴＩＡＬ-INFO,Unacceptable Delay,system_access\nx\n"
            ))
            .is_ok()
        );
        let t = table("取引先名,備考,,法人番号,法人番号\n星,メモ,?,1,2\n");
        let mut p = columns(&t).unwrap_err();
        p.sort_by_key(|p| format!("{p:?}"));
        assert_eq!(
            p,
            [
                ColumnProblem::Missing(Field::Answer(Question::ConfidentialInfo)),
                ColumnProblem::Missing(Field::Answer(Question::SystemAccess)),
                ColumnProblem::Missing(Field::Answer(Question::UnacceptableDelay)),
                ColumnProblem::Repeated("E".into(), "法人番号".into()),
                ColumnProblem::Unknown("B".into(), "備考".into()),
                ColumnProblem::Unnamed("C".into()),
            ]
        );
    }

    fn checked(body: &str, registered: &[(String, String)]) -> Vec<Checked> {
        let t = table(&format!("{HEAD}\n{body}"));
        let cols = columns(&t).unwrap();
        check(&t, &cols, &Registered::new(registered), &Tr::new(Lang::Ja))
    }

    #[test]
    fn every_problem_of_every_row_by_column() {
        let rows = checked(
            "星工業,7000012050002,2027/3/31,はい,no,×\n\
             ,2180301018771,2027-02-30,,たぶん,0\n\
             月工業,7-0000-1205-0002,,○,〇,1\n\
             星工業,1180301018771,２０２７年４月１日,いいえ,いいえ,いいえ\n\
             【記入例】精密部品工業株式会社,1234567890123,,はい,はい,はい\n",
            &[],
        );
        assert_eq!(rows[0].problems, []);
        assert_eq!(rows[0].level(), Some(4));
        assert_eq!(rows[0].due.as_deref(), Some("2027-03-31"));
        let fields: Vec<Field> = rows[1].problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [
                Field::Name,
                Field::Number,
                Field::Due,
                Field::Answer(Question::ConfidentialInfo),
                Field::Answer(Question::UnacceptableDelay)
            ]
        );
        assert!(
            rows[1].problems[4]
                .1
                .contains("「たぶん」は回答として読み取れません")
        );
        assert_eq!(rows[1].level(), None);
        assert_eq!(
            rows[2].problems,
            [(
                Field::Number,
                "この法人番号は 2 行目と重複しています。同じ取引先は1行にまとめてください。"
                    .to_string()
            )]
        );
        assert_eq!((rows[3].problems.len(), rows[3].level()), (0, Some(3)));
        assert_eq!(rows[3].due.as_deref(), Some("2027-04-01"));
        assert_eq!(rows[3].notes.len(), 1, "the same name as row 2");
        assert!(rows[4].problems[0].1.contains("記入例"));
        assert_eq!(levels(&rows[..1]), (0, 1));
    }

    #[test]
    fn a_registered_number_is_refused_and_a_registered_name_noted() {
        let rows = checked(
            "星工業,7000012050002,,いいえ,いいえ,いいえ\n月工業,1180301018771,,はい,いいえ,いいえ\n",
            &[
                ("7000012050002".into(), "別名".into()),
                ("0000000000000".into(), "月 工業".into()),
            ],
        );
        assert!(rows[0].problems[0].1.contains("すでに登録されています"));
        assert_eq!(rows[1].problems, []);
        assert_eq!(rows[1].notes.len(), 1);
        assert!(rows[1].new_relationship("b").is_some());
        assert!(rows[0].new_relationship("b").is_none());
    }

    #[test]
    fn workbook_values() {
        assert_eq!(due_date("46477", true).as_deref(), Some("2027-03-31"));
        assert_eq!(due_date("46477.5", true).as_deref(), Some("2027-03-31"));
        assert_eq!(due_date("46477", false).as_deref(), Some("46477"));
        assert_eq!(due_date("2027", true).as_deref(), Some("2027"));
        assert_eq!(
            due_date("2027/3/31 0:00", false).as_deref(),
            Some("2027-03-31")
        );
        assert_eq!(due_date(" ", false), None);
        assert_eq!(workbook_number("7.000012050002E+12"), "7000012050002");
        assert_eq!(workbook_number("1e300"), "1e300");
        assert_eq!(answer("TRUE"), Some(Some(true)));
        assert_eq!(answer("ｙｅｓ"), Some(Some(true)));
        assert_eq!(answer("１"), Some(Some(true)));
        assert_eq!(group(5000), "5,000");
        assert_eq!(group(12), "12");
        assert_eq!(clip("あいうえお", 3), "あいう…");
    }
}
