//! NVD CVE records (CVE API 2.0 JSON: one `cve` object as the `fkie-cad/nvd-json-data-feeds`
//! mirror keeps them, or an API answer with `vulnerabilities[].cve`), their CVSS scores, and
//! matching a product against their CPE configurations — where appliance firmware, operating
//! systems and most commercial software are described.
//!
//! A product (CPE part, vendor, product, version) is affected when a `vulnerable` CPE match of
//! any configuration names it and its version lies in the match's range (start/end, including
//! or excluding) or equals the criteria's own version. Platform conditions (the non-vulnerable
//! matches of an `AND` configuration: "FortiOS on a FortiGate") are not known for an inventory
//! entry and are not required. Rejected records affect nothing.

use serde::Deserialize;

use crate::version::{Scheme, compare};

/// Largest record or API answer accepted, in bytes.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Cve {
    pub id: String,
    #[serde(default)]
    pub published: String,
    #[serde(default)]
    pub last_modified: String,
    #[serde(default)]
    pub vuln_status: String,
    #[serde(default)]
    pub metrics: Metrics,
    #[serde(default)]
    pub configurations: Vec<Configuration>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metrics {
    #[serde(default)]
    pub cvss_metric_v31: Vec<Metric>,
    #[serde(default)]
    pub cvss_metric_v30: Vec<Metric>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metric {
    #[serde(default)]
    pub source: String,
    #[serde(rename = "type", default)]
    pub kind: String,
    pub cvss_data: CvssData,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CvssData {
    pub vector_string: String,
    pub base_score: f64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Configuration {
    #[serde(default)]
    pub nodes: Vec<Node>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Node {
    #[serde(default)]
    pub cpe_match: Vec<CpeMatch>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CpeMatch {
    pub vulnerable: bool,
    pub criteria: String,
    #[serde(default)]
    pub version_start_including: Option<String>,
    #[serde(default)]
    pub version_start_excluding: Option<String>,
    #[serde(default)]
    pub version_end_including: Option<String>,
    #[serde(default)]
    pub version_end_excluding: Option<String>,
}

/// The product being checked, as CPE names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product<'a> {
    /// `a` (application), `o` (operating system, firmware) or `h` (hardware).
    pub part: &'a str,
    pub vendor: &'a str,
    pub product: &'a str,
    pub version: &'a str,
    /// The CPE update field: `h1` of PAN-OS `10.2.9-h1`, `r2.3` of Ivanti `22.7R2.3`; `-` for a
    /// release without one, `*` when not known.
    pub update: &'a str,
}

/// Why a record could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NvdError {
    TooLarge { bytes: usize },
    Json(String),
}

impl std::fmt::Display for NvdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NvdError::TooLarge { bytes } => {
                write!(f, "{bytes} bytes: larger than accepted ({MAX_BYTES} bytes)")
            }
            NvdError::Json(e) => write!(f, "not an NVD CVE record: {e}"),
        }
    }
}

#[derive(Deserialize)]
struct ApiAnswer {
    vulnerabilities: Vec<Wrapped>,
}

#[derive(Deserialize)]
struct Wrapped {
    cve: Cve,
}

/// Reads a file of NVD records: one CVE object, or an API 2.0 answer with several.
pub fn parse(bytes: &[u8]) -> Result<Vec<Cve>, NvdError> {
    if bytes.len() > MAX_BYTES {
        return Err(NvdError::TooLarge { bytes: bytes.len() });
    }
    let v: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| NvdError::Json(e.to_string()))?;
    if v.get("vulnerabilities").is_some() {
        let a: ApiAnswer = serde_json::from_value(v).map_err(|e| NvdError::Json(e.to_string()))?;
        return Ok(a.vulnerabilities.into_iter().map(|w| w.cve).collect());
    }
    let one: Cve = serde_json::from_value(v).map_err(|e| NvdError::Json(e.to_string()))?;
    Ok(vec![one])
}

/// The fields of a CPE 2.3 formatted string (`cpe:2.3:o:fortinet:fortios:7.2.6:*:…`), with
/// escapes (`\:`) kept inside their field; `None` when it is not one.
pub fn cpe_fields(cpe: &str) -> Option<Vec<String>> {
    let rest = cpe.strip_prefix("cpe:2.3:")?;
    let mut fields = Vec::with_capacity(11);
    let mut cur = String::new();
    let mut esc = false;
    for c in rest.chars() {
        if esc {
            cur.push(c);
            esc = false;
        } else if c == '\\' {
            esc = true;
        } else if c == ':' {
            fields.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    fields.push(cur);
    (fields.len() == 11).then_some(fields)
}

impl Cve {
    /// NVD's own (Primary) CVSS v3 score, else the first one given: (score, vector).
    pub fn cvss(&self) -> Option<(f64, &str)> {
        let all = || {
            self.metrics
                .cvss_metric_v31
                .iter()
                .chain(&self.metrics.cvss_metric_v30)
        };
        all()
            .find(|m| m.kind == "Primary")
            .or_else(|| all().next())
            .map(|m| (m.cvss_data.base_score, m.cvss_data.vector_string.as_str()))
    }

    /// Whether `p` is affected, and by which match (described in words).
    pub fn affects(&self, p: &Product) -> Option<String> {
        self.affects_fixed(p).map(|(why, _)| why)
    }

    /// Like [`Cve::affects`], with the first version the matching range excludes — NVD's way of
    /// saying which release fixed it (`versionEndExcluding`), when the range has one.
    pub fn affects_fixed(&self, p: &Product) -> Option<(String, Option<String>)> {
        if self.vuln_status.eq_ignore_ascii_case("rejected") {
            return None;
        }
        self.configurations
            .iter()
            .flat_map(|c| &c.nodes)
            .flat_map(|n| &n.cpe_match)
            .filter(|m| m.vulnerable)
            .find_map(|m| {
                m.matches(p)
                    .map(|why| (why, m.version_end_excluding.clone()))
            })
    }
}

fn field_eq(pattern: &str, value: &str) -> bool {
    pattern == "*" || pattern.eq_ignore_ascii_case(value)
}

impl CpeMatch {
    fn matches(&self, p: &Product) -> Option<String> {
        let f = cpe_fields(&self.criteria)?;
        if !(field_eq(&f[0], p.part) && field_eq(&f[1], p.vendor) && field_eq(&f[2], p.product)) {
            return None;
        }
        let s = Scheme::Generic;
        let v = p.version;
        compare(s, v, v)?;
        // The component's update, when it has one: `10.2.9` + `h1`.
        let specific = |u: &str| !u.is_empty() && u != "*" && u != "-";
        let full = if specific(p.update) {
            format!("{v}-{}", p.update)
        } else {
            v.to_string()
        };
        let bounded = self.version_start_including.is_some()
            || self.version_start_excluding.is_some()
            || self.version_end_including.is_some()
            || self.version_end_excluding.is_some();
        if !bounded {
            let update = f.get(4).map_or("*", String::as_str);
            return match f[3].as_str() {
                // The criteria's own `*` says "every version".
                "*" => Some(self.criteria.clone()),
                "-" => None,
                // `10.2.9:*`: every update of 10.2.9.
                exact if update == "*" => {
                    compare(s, v, exact)?.is_eq().then(|| self.criteria.clone())
                }
                // `10.2.9:-`: the release itself, no hotfix (a component whose update is not
                // known counts as it).
                exact if update == "-" => (compare(s, v, exact)?.is_eq() && !specific(p.update))
                    .then(|| self.criteria.clone()),
                // `10.2.9:h1`, `22.7:r2.3`: that update only.
                exact => compare(s, &full, &format!("{exact}-{update}"))?
                    .is_eq()
                    .then(|| self.criteria.clone()),
            };
        }
        use std::cmp::Ordering::{Greater, Less};
        let mut why = Vec::new();
        let v = full.as_str();
        if let Some(b) = &self.version_start_including {
            if compare(s, v, b)? == Less {
                return None;
            }
            why.push(format!(">= {b}"));
        }
        if let Some(b) = &self.version_start_excluding {
            if compare(s, v, b)? != Greater {
                return None;
            }
            why.push(format!("> {b}"));
        }
        if let Some(b) = &self.version_end_including {
            if compare(s, v, b)? == Greater {
                return None;
            }
            why.push(format!("<= {b}"));
        }
        if let Some(b) = &self.version_end_excluding {
            if compare(s, v, b)? != Less {
                return None;
            }
            why.push(format!("< {b}"));
        }
        Some(format!("{} {}", self.criteria, why.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpe_strings_split_on_unescaped_colons() {
        let f = cpe_fields("cpe:2.3:a:vendor:prod\\:uct:1.0:*:*:*:*:*:*:*").unwrap();
        assert_eq!(f[2], "prod:uct");
        assert_eq!(f.len(), 11);
        assert!(
            cpe_fields("cpe:/a:vendor:product:1.0").is_none(),
            "CPE 2.2 URIs"
        );
        assert!(cpe_fields("cpe:2.3:a:vendor").is_none());
    }
}
