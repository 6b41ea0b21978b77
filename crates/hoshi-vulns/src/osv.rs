//! OSV records (the Open Source Vulnerability format, schema 1.x, as published by osv.dev, the
//! GitHub Advisory Database, PyPA and others): reading one record, and deciding whether a
//! package version is affected — with the reason, in terms of the record.
//!
//! Ranges follow the OSV specification's evaluation: the events of a range, in version order
//! (`introduced: "0"` first), switch "affected" on at `introduced` and off at `fixed` (the fixed
//! version itself is not affected) or after `last_affected`; `limit` events bound a range from
//! above. `GIT` ranges name commits, not versions, and are not evaluated. The explicit
//! `versions` list counts too. A withdrawn record affects nothing.

use std::cmp::Ordering;

use serde::Deserialize;

use crate::version::{Scheme, compare};

/// Largest record accepted, in bytes (real ones are a few kilobytes; the largest known, of
/// Linux kernel CVEs with long version lists, under 2 MB).
pub const MAX_RECORD_BYTES: usize = 4 * 1024 * 1024;

#[derive(Debug, Clone, Deserialize)]
pub struct Record {
    pub id: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub modified: String,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub withdrawn: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub severity: Vec<Severity>,
    #[serde(default)]
    pub affected: Vec<Affected>,
    #[serde(default)]
    pub database_specific: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Severity {
    #[serde(rename = "type")]
    pub kind: String,
    pub score: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Affected {
    #[serde(default)]
    pub package: Option<Package>,
    #[serde(default)]
    pub ranges: Vec<Range>,
    #[serde(default)]
    pub versions: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Package {
    pub ecosystem: String,
    pub name: String,
    #[serde(default)]
    pub purl: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Range {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub events: Vec<Event>,
}

/// One event of a range; exactly one field is set in a valid record.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Event {
    #[serde(default)]
    pub introduced: Option<String>,
    #[serde(default)]
    pub fixed: Option<String>,
    #[serde(default)]
    pub last_affected: Option<String>,
    #[serde(default)]
    pub limit: Option<String>,
}

/// Why a record could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordError {
    TooLarge { bytes: usize },
    Json(String),
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordError::TooLarge { bytes } => write!(
                f,
                "{bytes} bytes: larger than an OSV record can be ({MAX_RECORD_BYTES} bytes)"
            ),
            RecordError::Json(e) => write!(f, "not an OSV record: {e}"),
        }
    }
}

impl Record {
    /// Reads one record (JSON).
    pub fn parse(bytes: &[u8]) -> Result<Record, RecordError> {
        if bytes.len() > MAX_RECORD_BYTES {
            return Err(RecordError::TooLarge { bytes: bytes.len() });
        }
        serde_json::from_slice(bytes).map_err(|e| RecordError::Json(e.to_string()))
    }

    /// The CVE ids the record stands for: its own id when it is one, and its aliases.
    pub fn cves(&self) -> Vec<&str> {
        std::iter::once(self.id.as_str())
            .chain(self.aliases.iter().map(String::as_str))
            .filter(|a| a.starts_with("CVE-"))
            .collect()
    }

    /// Whether `version` of package `name` in `ecosystem` is affected, and why. Package names
    /// compare as the ecosystem does (PyPI normalised, others exactly); the ecosystem by its
    /// name before any `:` release suffix.
    pub fn affects(&self, ecosystem: &str, name: &str, version: &str) -> Option<Why> {
        if self.withdrawn.is_some() {
            return None;
        }
        for a in &self.affected {
            let Some(p) = &a.package else { continue };
            if base_ecosystem(&p.ecosystem) != base_ecosystem(ecosystem)
                || !same_name(ecosystem, &p.name, name)
            {
                continue;
            }
            if let Some(why) = a.affects(&p.ecosystem, version) {
                return Some(why);
            }
        }
        None
    }
}

/// What made a version affected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Listed in the record's `versions`.
    Listed,
    /// Inside a range: from `introduced` (None: from the first version) up to `fixed`
    /// (exclusive) or `last_affected` (inclusive), whichever the range gave.
    InRange {
        introduced: Option<String>,
        fixed: Option<String>,
        last_affected: Option<String>,
    },
}

impl Why {
    /// The reason in the reader's language: "listed as affected", ">= 2.13.0, < 2.15.0".
    pub fn describe(&self, lang: hoshi_core::Lang) -> String {
        let ja = lang == hoshi_core::Lang::Ja;
        match self {
            Why::Listed if ja => "記録に影響を受ける版として載っています".into(),
            Why::Listed => "listed as affected".into(),
            Why::InRange {
                introduced,
                fixed,
                last_affected,
            } => {
                let mut parts = Vec::new();
                if let Some(i) = introduced {
                    parts.push(format!(">= {i}"));
                }
                if let Some(f) = fixed {
                    parts.push(format!("< {f}"));
                }
                if let Some(l) = last_affected {
                    parts.push(format!("<= {l}"));
                }
                if parts.is_empty() && ja {
                    "すべての版".into()
                } else if parts.is_empty() {
                    "every version".into()
                } else {
                    parts.join(", ")
                }
            }
        }
    }
}

impl Affected {
    /// Whether `version` is affected under this entry (ranges evaluated with the ecosystem's
    /// version order).
    /// A range's window is the better reason, so ranges are looked at before the list.
    pub fn affects(&self, ecosystem: &str, version: &str) -> Option<Why> {
        let scheme = Scheme::from_osv_ecosystem(ecosystem);
        for r in &self.ranges {
            let scheme = match (r.kind.as_str(), scheme) {
                ("SEMVER", _) => Scheme::SemVer,
                ("ECOSYSTEM", Some(s)) => s,
                _ => continue,
            };
            if let Some(why) = in_range(scheme, &r.events, version) {
                return Some(why);
            }
        }
        self.versions
            .iter()
            .any(|v| v == version)
            .then_some(Why::Listed)
    }
}

/// An event's version and what it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Introduced,
    Fixed,
    LastAffected,
    Limit,
}

fn kinds(e: &Event) -> Option<(Kind, &str)> {
    if let Some(v) = &e.introduced {
        return Some((Kind::Introduced, v));
    }
    if let Some(v) = &e.fixed {
        return Some((Kind::Fixed, v));
    }
    if let Some(v) = &e.last_affected {
        return Some((Kind::LastAffected, v));
    }
    e.limit.as_deref().map(|v| (Kind::Limit, v))
}

/// Orders event versions; `"0"` (introduced from the beginning) before everything.
fn order(scheme: Scheme, a: &str, b: &str) -> Option<Ordering> {
    match (a == "0", b == "0") {
        (true, true) => Some(Ordering::Equal),
        (true, false) => Some(Ordering::Less),
        (false, true) => Some(Ordering::Greater),
        _ => compare(scheme, a, b),
    }
}

/// The OSV evaluation of one range. A version the scheme cannot read, or events it cannot
/// order, match nothing (never a guess).
fn in_range(scheme: Scheme, events: &[Event], version: &str) -> Option<Why> {
    compare(scheme, version, version)?;
    let mut evs: Vec<(Kind, &str)> = events.iter().filter_map(kinds).collect();
    let mut sortable = true;
    evs.sort_by(|a, b| {
        order(scheme, a.1, b.1).unwrap_or_else(|| {
            sortable = false;
            Ordering::Equal
        })
    });
    if !sortable {
        return None;
    }
    let limits: Vec<&str> = evs
        .iter()
        .filter(|(k, _)| *k == Kind::Limit)
        .map(|(_, v)| *v)
        .collect();
    if !limits.is_empty()
        && !limits
            .iter()
            .any(|l| order(scheme, version, l) == Some(Ordering::Less))
    {
        return None;
    }
    let mut affected: Option<&str> = None;
    let mut closed_by: Option<(Kind, &str)> = None;
    for (kind, v) in &evs {
        let cmp = order(scheme, version, v)?;
        match kind {
            Kind::Introduced if cmp != Ordering::Less => {
                affected = Some(v);
                closed_by = None;
            }
            Kind::Fixed if cmp != Ordering::Less => affected = None,
            Kind::LastAffected if cmp == Ordering::Greater => affected = None,
            Kind::Fixed | Kind::LastAffected if affected.is_some() && closed_by.is_none() => {
                closed_by = Some((*kind, v));
            }
            _ => {}
        }
    }
    let introduced = affected?;
    Some(Why::InRange {
        introduced: (introduced != "0").then(|| introduced.to_string()),
        fixed: closed_by
            .filter(|(k, _)| *k == Kind::Fixed)
            .map(|(_, v)| v.to_string()),
        last_affected: closed_by
            .filter(|(k, _)| *k == Kind::LastAffected)
            .map(|(_, v)| v.to_string()),
    })
}

/// The ecosystem without a release suffix (`Debian:12` → `Debian`).
pub fn base_ecosystem(e: &str) -> &str {
    e.split(':').next().unwrap_or(e).trim()
}

/// A package name as its ecosystem compares names: PyPI per PEP 503 (case, `-`, `_` and `.`
/// alike, runs of them as one), Maven `group:artifact` and the rest exactly.
pub fn package_name(ecosystem: &str, name: &str) -> String {
    if base_ecosystem(ecosystem) != "PyPI" {
        return name.to_string();
    }
    name.to_ascii_lowercase()
        .split(['-', '_', '.'])
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn same_name(ecosystem: &str, a: &str, b: &str) -> bool {
    package_name(ecosystem, a) == package_name(ecosystem, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(kind: &str, v: &str) -> Event {
        let mut e = Event::default();
        let v = Some(v.to_string());
        match kind {
            "i" => e.introduced = v,
            "f" => e.fixed = v,
            "l" => e.last_affected = v,
            _ => e.limit = v,
        }
        e
    }

    #[test]
    fn ranges_switch_on_at_introduced_and_off_at_fixed_or_after_last_affected() {
        let s = Scheme::SemVer;
        let r = [ev("i", "1.2.0"), ev("f", "1.4.1")];
        assert!(in_range(s, &r, "1.1.9").is_none());
        assert!(in_range(s, &r, "1.2.0").is_some());
        assert!(in_range(s, &r, "1.4.0").is_some());
        assert!(
            in_range(s, &r, "1.4.1").is_none(),
            "the fixed version is not affected"
        );
        let r = [ev("i", "0"), ev("l", "2.0.0")];
        assert!(in_range(s, &r, "0.0.1").is_some());
        assert!(in_range(s, &r, "2.0.0").is_some());
        assert!(in_range(s, &r, "2.0.1").is_none());
        // Two windows in one range, events out of order in the record.
        let r = [
            ev("f", "1.5.0"),
            ev("i", "2.0.0"),
            ev("i", "1.0.0"),
            ev("f", "2.3.0"),
        ];
        assert!(in_range(s, &r, "1.7.0").is_none());
        assert_eq!(
            in_range(s, &r, "2.1.0"),
            Some(Why::InRange {
                introduced: Some("2.0.0".into()),
                fixed: Some("2.3.0".into()),
                last_affected: None
            })
        );
        // A limit bounds the range from above.
        let r = [ev("i", "0"), ev("x", "3.0.0")];
        assert!(in_range(s, &r, "2.9.9").is_some());
        assert!(in_range(s, &r, "3.0.0").is_none());
        // What the scheme cannot read matches nothing.
        assert!(in_range(s, &[ev("i", "0")], "not a version").is_none());
    }

    #[test]
    fn pypi_names_compare_normalised() {
        assert!(same_name("PyPI", "Django", "django"));
        assert!(same_name("PyPI", "zope.interface", "Zope_Interface"));
        assert!(!same_name("npm", "Lodash", "lodash"));
    }
}
