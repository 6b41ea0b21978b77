//! Assessments: a catalog pin, a target level and one answer per criterion.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

use crate::model::{Catalog, Lang, Text};

/// Where a criterion stands.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Met,
    Partial,
    NotMet,
    /// Does not apply to this organisation; a reason is mandatory.
    NotApplicable,
    #[default]
    Unanswered,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Met,
        Status::Partial,
        Status::NotMet,
        Status::NotApplicable,
        Status::Unanswered,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Partial => "partial",
            Status::NotMet => "not-met",
            Status::NotApplicable => "not-applicable",
            Status::Unanswered => "unanswered",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        match s.trim() {
            "met" => Some(Status::Met),
            "partial" => Some(Status::Partial),
            "not-met" => Some(Status::NotMet),
            "not-applicable" | "n/a" => Some(Status::NotApplicable),
            "unanswered" | "" => Some(Status::Unanswered),
            _ => None,
        }
    }

    pub fn expected() -> &'static str {
        "met, partial, not-met, not-applicable, unanswered"
    }

    pub fn label(self) -> Text {
        let (ja, en) = match self {
            Status::Met => ("実施済み", "Met"),
            Status::Partial => ("一部実施", "Partially met"),
            Status::NotMet => ("未実施", "Not met"),
            Status::NotApplicable => ("対象外", "Not applicable"),
            Status::Unanswered => ("未回答", "Unanswered"),
        };
        Text::new(ja, en)
    }

    /// Counts towards reaching a level.
    pub fn is_satisfied(self) -> bool {
        matches!(self, Status::Met | Status::NotApplicable)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The answer to one criterion.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Answer {
    pub status: Status,
    /// Why the status was chosen; mandatory for not-applicable (理由).
    pub reason: String,
    /// Evidence references and what is done (根拠および実施する事).
    pub evidence: Vec<String>,
    /// Anything else (補足情報).
    pub note: String,
}

/// Longest reason, note or evidence text of one answer, in characters.
pub const MAX_ANSWER_TEXT: usize = 20_000;
/// Most evidence lines one answer can list.
pub const MAX_EVIDENCE_LINES: usize = 200;

/// An answer as a person typed it, in the browser or through the API. [`AnswerInput::validate`]
/// is the one check both use.
#[derive(Debug, Clone, Copy)]
pub struct AnswerInput<'a> {
    pub status: &'a str,
    pub reason: &'a str,
    /// One reference per line (blank lines are dropped).
    pub evidence: &'a [&'a str],
    pub note: &'a str,
}

impl AnswerInput<'_> {
    /// The answer, trimmed, or the first problem: an unknown status, a text over
    /// [`MAX_ANSWER_TEXT`], more than [`MAX_EVIDENCE_LINES`] evidence lines, or not-applicable
    /// without a reason.
    pub fn validate(&self) -> Result<Answer, crate::UserError> {
        use crate::UserError;
        let status = Status::parse(self.status).ok_or(UserError::StatusUnknown)?;
        let evidence: Vec<String> = self
            .evidence
            .iter()
            .map(|e| e.trim().to_string())
            .filter(|e| !e.is_empty())
            .collect();
        let evidence_chars: usize = evidence.iter().map(|e| e.chars().count()).sum();
        for (field, chars) in [
            ("reason", self.reason.chars().count()),
            ("evidence", evidence_chars),
            ("note", self.note.chars().count()),
        ] {
            if chars > MAX_ANSWER_TEXT {
                return Err(UserError::TooLong {
                    field,
                    max: MAX_ANSWER_TEXT,
                });
            }
        }
        if evidence.len() > MAX_EVIDENCE_LINES {
            return Err(UserError::TooManyEvidenceLines {
                max: MAX_EVIDENCE_LINES,
            });
        }
        let answer = Answer {
            status,
            reason: self.reason.trim().to_string(),
            evidence,
            note: self.note.trim().to_string(),
        };
        answer
            .check()
            .map_err(|AnswerError::MissingReason| UserError::NaNeedsReason)?;
        Ok(answer)
    }
}

impl Answer {
    pub fn with_status(status: Status) -> Answer {
        Answer {
            status,
            ..Answer::default()
        }
    }

    pub fn not_applicable(reason: impl Into<String>) -> Result<Answer, AnswerError> {
        let reason = reason.into();
        if reason.trim().is_empty() {
            return Err(AnswerError::MissingReason);
        }
        Ok(Answer {
            status: Status::NotApplicable,
            reason,
            ..Answer::default()
        })
    }

    pub fn check(&self) -> Result<(), AnswerError> {
        if self.status == Status::NotApplicable && self.reason.trim().is_empty() {
            return Err(AnswerError::MissingReason);
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerError {
    MissingReason,
}

impl fmt::Display for AnswerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnswerError::MissingReason => f.write_str(
                "status not-applicable needs a reason (対象外とする理由を記入してください)",
            ),
        }
    }
}

impl std::error::Error for AnswerError {}

/// A self-assessment against one catalog edition and a target level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    pub catalog: String,
    pub edition: String,
    pub level: u8,
    pub organisation: String,
    /// Answers by criterion ID. Criteria without an entry are unanswered.
    pub answers: BTreeMap<String, Answer>,
}

impl Assessment {
    /// An empty assessment of `catalog` at `level`.
    pub fn new(catalog: &Catalog, level: u8) -> Assessment {
        Assessment {
            catalog: catalog.framework.id.clone(),
            edition: catalog.framework.edition.clone(),
            level,
            organisation: String::new(),
            answers: BTreeMap::new(),
        }
    }

    pub fn status(&self, criterion: &str) -> Status {
        self.answers
            .get(criterion)
            .map(|a| a.status)
            .unwrap_or(Status::Unanswered)
    }

    /// Sets an answer; rejects not-applicable without a reason.
    pub fn set(&mut self, criterion: impl Into<String>, answer: Answer) -> Result<(), AnswerError> {
        answer.check()?;
        self.answers.insert(criterion.into(), answer);
        Ok(())
    }

    /// Everything that makes this assessment unusable with `catalog`.
    pub fn check(&self, catalog: &Catalog) -> Vec<AssessmentIssue> {
        let mut issues = Vec::new();
        if self.catalog != catalog.framework.id || self.edition != catalog.framework.edition {
            issues.push(AssessmentIssue::CatalogMismatch {
                expected: format!("{}@{}", self.catalog, self.edition),
                found: catalog.pin(),
            });
        }
        match catalog.level(self.level) {
            None => issues.push(AssessmentIssue::UnknownLevel {
                level: self.level,
                known: catalog.levels.iter().map(|l| l.rank).collect(),
            }),
            Some(l) if l.summarised => issues.push(AssessmentIssue::LevelSummarised {
                level: self.level,
                catalog: catalog.pin(),
            }),
            Some(_) => {}
        }
        for (id, answer) in &self.answers {
            if catalog.criterion(id).is_none() {
                issues.push(AssessmentIssue::UnknownCriterion { id: id.clone() });
            }
            if answer.check().is_err() {
                issues.push(AssessmentIssue::MissingReason { id: id.clone() });
            }
        }
        issues
    }
}

/// A reason an assessment cannot be evaluated against a catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum AssessmentIssue {
    CatalogMismatch { expected: String, found: String },
    UnknownLevel { level: u8, known: Vec<u8> },
    LevelSummarised { level: u8, catalog: String },
    UnknownCriterion { id: String },
    MissingReason { id: String },
}

impl AssessmentIssue {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (AssessmentIssue::CatalogMismatch { expected, found }, Lang::Ja) => format!(
                "回答はカタログ {expected} に対するものですが、読み込んだカタログは {found} です"
            ),
            (AssessmentIssue::CatalogMismatch { expected, found }, Lang::En) => {
                format!("the answers are for catalog {expected}, but the catalog loaded is {found}")
            }
            (AssessmentIssue::UnknownLevel { level, known }, Lang::Ja) => {
                format!("レベル {level} はこのカタログにありません（あるレベル: {known:?}）")
            }
            (AssessmentIssue::UnknownLevel { level, known }, Lang::En) => {
                format!("level {level} is not defined by this catalog (levels: {known:?})")
            }
            (AssessmentIssue::LevelSummarised { level, catalog }, Lang::Ja) => format!(
                "カタログ {catalog} はレベル {level} を要求事項の要約としてのみ収録しており、評価基準がそろっていません。IPA の公式ワークブックを `hoshi catalog import-ipa <file.xlsx>` で取り込み、そのカタログで評価してください"
            ),
            (AssessmentIssue::LevelSummarised { level, catalog }, Lang::En) => format!(
                "catalog {catalog} describes level {level} in summary only and lacks its criteria; import IPA's official workbook with `hoshi catalog import-ipa <file.xlsx>` and assess against that catalog"
            ),
            (AssessmentIssue::UnknownCriterion { id }, Lang::Ja) => {
                format!("評価基準 {id} はこのカタログにありません")
            }
            (AssessmentIssue::UnknownCriterion { id }, Lang::En) => {
                format!("criterion {id} is not in this catalog")
            }
            (AssessmentIssue::MissingReason { id }, Lang::Ja) => {
                format!("評価基準 {id}: 「対象外」には理由が必要です")
            }
            (AssessmentIssue::MissingReason { id }, Lang::En) => {
                format!("criterion {id}: not-applicable needs a reason")
            }
        }
    }
}

impl fmt::Display for AssessmentIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}
