//! # hoshi-answers
//!
//! The answer file (`answers.yaml`, format `hoshi-answers/1`): one entry per criterion with a
//! status, a reason, evidence and a note. People fill it in by hand, so the parser is strict
//! (unknown keys are errors), forgiving where it is safe (○/△/✖ and Japanese status words are
//! accepted) and reports every problem with its line. Pure: text in, values out.

use std::fmt;

use hoshi_core::{Answer, Assessment, Catalog, Diagnostic, Diagnostics, Lang, Status};
use serde::Deserialize;

pub const FORMAT: &str = "hoshi-answers/1";
/// Largest answer file accepted.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;
/// Most answers one file may hold.
pub const MAX_ANSWERS: usize = 20_000;
/// Longest text accepted in one field.
pub const MAX_FIELD_CHARS: usize = 20_000;

/// A problem in an answer file, with its position.
pub type Problem = Diagnostic;
/// Every problem found in an answer file.
pub type AnswersError = Diagnostics;

const KIND: &str = "answer file";

fn fail(items: Vec<Problem>) -> AnswersError {
    Diagnostics { kind: KIND, items }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDoc {
    format: String,
    catalog: String,
    edition: String,
    level: u8,
    #[serde(default)]
    organisation: Option<String>,
    #[serde(default)]
    answers: Option<Entries>,
}

/// The `answers:` mapping, in file order; a criterion ID given twice is an error (with a map,
/// the second entry would silently replace the first and an answer would be lost).
struct Entries(Vec<(String, Option<RawAnswer>)>);

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Entries;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping from criterion IDs to answers")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> Result<Entries, A::Error> {
                let mut seen = std::collections::HashSet::new();
                let mut out = Vec::new();
                while let Some(k) = m.next_key::<String>()? {
                    if !seen.insert(k.clone()) {
                        return Err(serde::de::Error::custom(format!(
                            "duplicate criterion ID `{k}`: each criterion may be answered only once"
                        )));
                    }
                    if out.len() >= MAX_ANSWERS {
                        return Err(serde::de::Error::custom(format!(
                            "more than {MAX_ANSWERS} answers"
                        )));
                    }
                    let v = m.next_value::<Option<RawAnswer>>()?;
                    out.push((k, v));
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(V)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswer {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    evidence: Option<OneOrMany>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<Option<String>>),
}

/// An answer file read from text, not yet checked against a catalog.
#[derive(Debug, Clone)]
pub struct AnswerFile {
    file: String,
    text: String,
    pub catalog: String,
    pub edition: String,
    pub level: u8,
    pub organisation: String,
    entries: Vec<(String, Option<RawEntry>)>,
}

#[derive(Debug, Clone)]
struct RawEntry {
    status: Option<String>,
    reason: String,
    evidence: Vec<String>,
    note: String,
}

/// Parses the status words people write: IDs, the workbook's marks and Japanese labels.
pub fn parse_status(s: &str) -> Option<Status> {
    let t = s.trim();
    if let Some(st) = Status::parse(&t.to_ascii_lowercase()) {
        return Some(st);
    }
    match t {
        "○" | "◯" | "〇" | "実施済み" | "実施済" | "適合" => Some(Status::Met),
        "△" | "▲" | "一部実施" | "一部" => Some(Status::Partial),
        "✖" | "×" | "✕" | "✗" | "x" | "X" | "未実施" | "不適合" => {
            Some(Status::NotMet)
        }
        "対象外" | "N/A" | "NA" | "na" | "－" | "-" => Some(Status::NotApplicable),
        "未回答" | "未" => Some(Status::Unanswered),
        _ => None,
    }
}

fn problem(file: &str, line: usize, column: usize, message: impl Into<String>) -> Problem {
    Diagnostic::new(file, line, column, message)
}

/// Reads an answer file. Syntax, unknown keys and wrong types are reported with their position.
pub fn parse(file: &str, text: &str) -> Result<AnswerFile, AnswersError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(fail(vec![problem(
            file,
            0,
            0,
            format!(
                "file is {} bytes; answer files may be at most {MAX_FILE_BYTES} bytes",
                text.len()
            ),
        )]));
    }
    let doc: RawDoc = match serde_yaml_ng::from_str(text) {
        Ok(d) => d,
        Err(e) => {
            let (line, col) = e
                .location()
                .map(|l| (l.line(), l.column()))
                .unwrap_or((0, 0));
            let mut msg = e.to_string();
            // serde_yaml repeats the position at the end of the message; keep the text only.
            if let Some(i) = msg.find(" at line ") {
                msg.truncate(i);
            }
            return Err(fail(vec![problem(file, line, col, msg)]));
        }
    };
    let mut problems = Vec::new();
    if doc.format != FORMAT {
        problems.push(problem(
            file,
            find_key_line(text, "format"),
            1,
            format!("unsupported format `{}`; expected `{FORMAT}`", doc.format),
        ));
    }
    let answers = doc.answers.map(|e| e.0).unwrap_or_default();
    let mut entries = Vec::new();
    for (id, raw) in answers {
        let entry = raw.map(|r| RawEntry {
            status: r.status,
            reason: r.reason.unwrap_or_default(),
            evidence: match r.evidence {
                None => Vec::new(),
                Some(OneOrMany::One(s)) => vec![s],
                Some(OneOrMany::Many(v)) => v.into_iter().flatten().collect(),
            },
            note: r.note.unwrap_or_default(),
        });
        entries.push((id, entry));
    }
    if !problems.is_empty() {
        return Err(fail(problems));
    }
    Ok(AnswerFile {
        file: file.to_string(),
        text: text.to_string(),
        catalog: doc.catalog,
        edition: doc.edition,
        level: doc.level,
        organisation: doc.organisation.unwrap_or_default(),
        entries,
    })
}

/// Line of the first top-level `key:`; 0 if absent.
fn find_key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
        .unwrap_or(0)
}

/// Line and column of the answer entry `id` (a key indented under `answers:`); (0, 0) if absent.
fn find_entry(text: &str, id: &str) -> (usize, usize) {
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if indent == 0 {
            continue;
        }
        for quoted in [id.to_string(), format!("\"{id}\""), format!("'{id}'")] {
            if let Some(rest) = trimmed.strip_prefix(quoted.as_str())
                && rest.trim_start().starts_with(':')
            {
                return (i + 1, line[..indent].chars().count() + 1);
            }
        }
    }
    (0, 0)
}

impl AnswerFile {
    /// `catalog@edition` this file was made against.
    pub fn pin(&self) -> String {
        format!("{}@{}", self.catalog, self.edition)
    }

    /// Checks every answer against `catalog` and builds the assessment. All problems are
    /// reported together, each with the line of its entry.
    pub fn to_assessment(&self, catalog: &Catalog) -> Result<Assessment, AnswersError> {
        let file = self.file.as_str();
        let mut problems = Vec::new();
        if catalog.framework.id != self.catalog || catalog.framework.edition != self.edition {
            problems.push(problem(
                file,
                find_key_line(&self.text, "catalog"),
                1,
                format!("answers are for {}, not for {}", self.pin(), catalog.pin()),
            ));
        }
        let level = catalog.level(self.level);
        if level.is_none() {
            let known: Vec<String> = catalog.levels.iter().map(|l| l.rank.to_string()).collect();
            problems.push(problem(
                file,
                find_key_line(&self.text, "level"),
                1,
                format!(
                    "level {} is not defined by {}; expected one of {}",
                    self.level,
                    catalog.pin(),
                    known.join(", ")
                ),
            ));
        }
        let mut assessment = Assessment::new(catalog, self.level);
        assessment.organisation = self.organisation.trim().to_string();
        for (id, entry) in &self.entries {
            let (line, col) = find_entry(&self.text, id);
            let at = |m: String| problem(file, line, col, format!("{id}: {m}"));
            if catalog.criterion(id).is_none() {
                problems.push(at(format!(
                    "unknown criterion ID; {} has no criterion `{id}`",
                    catalog.pin()
                )));
                continue;
            }
            let Some(e) = entry else {
                continue; // `1-2-1-1:` with nothing under it: unanswered
            };
            let status = match e.status.as_deref() {
                None => Status::Unanswered,
                Some(s) => match parse_status(s) {
                    Some(st) => st,
                    None => {
                        problems.push(at(format!(
                            "unknown status `{s}`; expected {} (or ○ △ ✖ 対象外)",
                            Status::expected()
                        )));
                        continue;
                    }
                },
            };
            for (name, value) in [("reason", &e.reason), ("note", &e.note)] {
                if value.chars().count() > MAX_FIELD_CHARS {
                    problems.push(at(format!(
                        "{name} is longer than {MAX_FIELD_CHARS} characters"
                    )));
                }
            }
            let answer = Answer {
                status,
                reason: e.reason.trim().to_string(),
                evidence: e
                    .evidence
                    .iter()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect(),
                note: e.note.trim().to_string(),
            };
            if answer.check().is_err() {
                problems.push(at(
                    "status not-applicable needs a reason: say why the criterion does not apply"
                        .into(),
                ));
                continue;
            }
            assessment.answers.insert(id.clone(), answer);
        }
        problems.sort_by_key(|p| (p.line, p.column));
        if problems.is_empty() {
            Ok(assessment)
        } else {
            Err(fail(problems))
        }
    }
}

/// A YAML scalar that always reads back as the same string (a JSON string is a valid YAML
/// double-quoted scalar).
fn scalar(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

fn comment_block(out: &mut String, indent: &str, text: &str) {
    for line in text.lines() {
        out.push_str(indent);
        out.push_str("# ");
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// Writes an answer file: the header, then every criterion of the assessment's level with its
/// text as a comment and its current answer. Reading it back gives the same assessment.
pub fn write(catalog: &Catalog, assessment: &Assessment, lang: Lang) -> String {
    let mut out = String::new();
    let head = match lang {
        Lang::Ja => {
            "# hoshi 回答ファイル。各評価基準の status に次のいずれかを記入してください:\n#   met（実施済み・○）/ partial（一部実施・△）/ not-met（未実施・✖）/\n#   not-applicable（対象外。reason に理由が必須）/ unanswered（未回答）\n# reason: 理由、evidence: 根拠・証跡および実施すること、note: 補足情報\n"
        }
        Lang::En => {
            "# hoshi answer file. Set each criterion's status to one of:\n#   met (○) / partial (△) / not-met (✖) /\n#   not-applicable (a reason is required) / unanswered\n# reason: why; evidence: evidence references and what is done; note: anything else\n"
        }
    };
    out.push_str(head);
    out.push_str(&format!("format: {FORMAT}\n"));
    out.push_str(&format!("catalog: {}\n", scalar(&assessment.catalog)));
    out.push_str(&format!("edition: {}\n", scalar(&assessment.edition)));
    out.push_str(&format!("level: {}\n", assessment.level));
    out.push_str(&format!(
        "organisation: {}\n",
        scalar(&assessment.organisation)
    ));
    out.push_str("answers:\n");
    let mut current_req = "";
    let mut written = std::collections::HashSet::new();
    for c in catalog.criteria_for_level(assessment.level) {
        if c.requirement != current_req {
            current_req = &c.requirement;
            if let Some(r) = catalog.requirement(&c.requirement) {
                out.push('\n');
                comment_block(
                    &mut out,
                    "  ",
                    &format!("== {} {}", r.id, r.title.get(lang)),
                );
            }
        }
        comment_block(&mut out, "  ", &format!("{} {}", c.id, c.text.get(lang)));
        let a = assessment.answers.get(&c.id).cloned().unwrap_or_default();
        write_entry(&mut out, &c.id, &a);
        written.insert(c.id.as_str());
    }
    // Answers to criteria above the target level are kept too.
    let extra: Vec<_> = assessment
        .answers
        .iter()
        .filter(|(id, _)| !written.contains(id.as_str()))
        .collect();
    if !extra.is_empty() {
        out.push('\n');
        for (id, a) in extra {
            write_entry(&mut out, id, a);
        }
    }
    out
}

fn write_entry(out: &mut String, id: &str, a: &Answer) {
    out.push_str(&format!("  {}:\n", scalar(id)));
    out.push_str(&format!("    status: {}\n", a.status.id()));
    out.push_str(&format!("    reason: {}\n", scalar(&a.reason)));
    if a.evidence.is_empty() {
        out.push_str("    evidence: []\n");
    } else {
        out.push_str("    evidence:\n");
        for e in &a.evidence {
            out.push_str(&format!("      - {}\n", scalar(e)));
        }
    }
    out.push_str(&format!("    note: {}\n", scalar(&a.note)));
}
