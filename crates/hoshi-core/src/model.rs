//! The catalog model: framework → levels, categories → requirements → evaluation criteria.
//!
//! These types are plain data. Parsing and validation of catalog files lives in `hoshi-catalog`;
//! everything here is in memory and free of I/O.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::vocab::{Effort, Measure, Relation, Threat};

/// A display language. Japanese is the first language of hoshi.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ja" | "jp" | "japanese" | "日本語" => Some(Lang::Ja),
            "en" | "english" | "英語" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks a language from a POSIX locale string such as `ja_JP.UTF-8`.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let l = locale.trim().to_ascii_lowercase();
        if l.is_empty() || l == "c" || l == "posix" {
            return None;
        }
        if l.starts_with("ja") {
            Some(Lang::Ja)
        } else {
            Some(Lang::En)
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A text in several languages. A missing language falls back to the other one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ja: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            ja: Some(ja.into()),
            en: Some(en.into()),
        }
    }

    pub fn ja(ja: impl Into<String>) -> Text {
        Text {
            ja: Some(ja.into()),
            en: None,
        }
    }

    /// The text in `lang`, or in the other language when `lang` is missing.
    pub fn get(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::Ja => (&self.ja, &self.en),
            Lang::En => (&self.en, &self.ja),
        };
        first
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .or(second.as_deref())
            .unwrap_or("")
    }

    /// The text exactly in `lang`, without fallback.
    pub fn exact(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Ja => self.ja.as_deref(),
            Lang::En => self.en.as_deref(),
        }
        .filter(|s| !s.trim().is_empty())
    }

    pub fn is_empty(&self) -> bool {
        self.exact(Lang::Ja).is_none() && self.exact(Lang::En).is_none()
    }
}

/// A list of items in several languages (for example typical evidence).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextList {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ja: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub en: Vec<String>,
}

impl TextList {
    pub fn get(&self, lang: Lang) -> &[String] {
        let (first, second) = match lang {
            Lang::Ja => (&self.ja, &self.en),
            Lang::En => (&self.en, &self.ja),
        };
        if first.is_empty() { second } else { first }
    }

    pub fn is_empty(&self) -> bool {
        self.ja.is_empty() && self.en.is_empty()
    }
}

/// Where a catalog's text comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Written by the hoshi project in its own words (bundled catalogs).
    #[default]
    Hoshi,
    /// The official wording, imported from the publisher's own file.
    Official,
}

/// Provenance of an imported catalog: the file it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    pub file_name: String,
    pub sha256: String,
    pub imported_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Framework {
    pub id: String,
    pub edition: String,
    pub title: Text,
    pub publisher: Text,
    pub source_url: String,
    pub effective_date: String,
    pub licence: Text,
    pub languages: Vec<Lang>,
    #[serde(default)]
    pub origin: Origin,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelDef {
    pub rank: u8,
    pub label: Text,
    pub name: Text,
    /// The catalog describes this level in summary only: some of its criteria are not here
    /// (the bundled SCS catalog and ★4, whose 72 added criteria come from the official workbook).
    #[serde(default)]
    pub summarised: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: String,
    pub name: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Requirement {
    pub id: String,
    pub category: String,
    pub levels: Vec<u8>,
    pub title: Text,
    pub text: Text,
    /// Described at requirement level only; the criteria are not in this catalog.
    pub summarised: bool,
    pub measures: Vec<Measure>,
    pub threats: Vec<Threat>,
    /// The sub-category (中分類) the requirement sits in, when the catalog names it (catalogs
    /// imported from the official workbook do; the bundled one does not).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_category: Option<SubCategory>,
}

/// A sub-category (中分類): `1-2` and its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubCategory {
    pub id: String,
    pub name: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct XRef {
    pub framework: String,
    pub id: String,
    pub relation: Relation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: String,
    pub requirement: String,
    pub level: u8,
    pub text: Text,
    pub guidance: Text,
    pub evidence: TextList,
    pub measure: Option<Measure>,
    pub threats: Vec<Threat>,
    pub effort: Effort,
    pub xref: Vec<XRef>,
}

/// A validated catalog. Construct it through `hoshi-catalog` (which checks every invariant the
/// engine relies on: unique IDs, existing parents, known levels).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalog {
    pub framework: Framework,
    pub levels: Vec<LevelDef>,
    pub categories: Vec<Category>,
    pub requirements: Vec<Requirement>,
    pub criteria: Vec<Criterion>,
}

impl Catalog {
    pub fn id(&self) -> &str {
        &self.framework.id
    }

    pub fn edition(&self) -> &str {
        &self.framework.edition
    }

    pub fn level(&self, rank: u8) -> Option<&LevelDef> {
        self.levels.iter().find(|l| l.rank == rank)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn requirement(&self, id: &str) -> Option<&Requirement> {
        self.requirements.iter().find(|r| r.id == id)
    }

    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }

    /// The category a criterion belongs to (through its requirement).
    pub fn category_of(&self, criterion: &Criterion) -> Option<&Category> {
        self.requirement(&criterion.requirement)
            .and_then(|r| self.category(&r.category))
    }

    /// Criteria a supplier must meet to reach `rank`: levels are cumulative, so ★4 includes ★3.
    pub fn criteria_for_level(&self, rank: u8) -> impl Iterator<Item = &Criterion> {
        self.criteria.iter().filter(move |c| c.level <= rank)
    }

    /// Requirements that are part of `rank`.
    pub fn requirements_for_level(&self, rank: u8) -> impl Iterator<Item = &Requirement> {
        self.requirements
            .iter()
            .filter(move |r| r.levels.iter().any(|&l| l <= rank))
    }

    /// A short reference such as `scs@2026-03-27`.
    pub fn pin(&self) -> String {
        format!("{}@{}", self.framework.id, self.framework.edition)
    }
}
