//! CISA's Known Exploited Vulnerabilities catalog (the JSON file CISA publishes, also mirrored
//! in `cisagov/kev-data`): which CVEs are exploited in the wild, since when, and whether CISA
//! knows of ransomware campaigns using them.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The catalog file is about 1.5 MB today; anything far larger is not it.
pub const MAX_CATALOG_BYTES: usize = 64 * 1024 * 1024;

/// One catalog entry, as hoshi keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub vendor: String,
    pub product: String,
    /// YYYY-MM-DD the CVE joined the catalog.
    pub date_added: String,
    /// CISA knows of ransomware campaigns using it (`knownRansomwareCampaignUse` = `Known`).
    pub ransomware: bool,
}

/// The catalog: entries by CVE id, and its version and release date for the report's snapshot.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub version: String,
    pub released: String,
    pub entries: BTreeMap<String, Entry>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct File {
    catalog_version: String,
    date_released: String,
    vulnerabilities: Vec<Raw>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Raw {
    #[serde(rename = "cveID")]
    cve_id: String,
    #[serde(default)]
    vendor_project: String,
    #[serde(default)]
    product: String,
    date_added: String,
    #[serde(default)]
    known_ransomware_campaign_use: String,
}

/// Why a catalog could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KevError {
    TooLarge {
        bytes: usize,
    },
    Json(String),
    /// An entry whose CVE id or date is not one.
    Entry {
        index: usize,
        problem: String,
    },
}

impl std::fmt::Display for KevError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KevError::TooLarge { bytes } => write!(
                f,
                "{bytes} bytes: far larger than the KEV catalog ({MAX_CATALOG_BYTES} bytes at most)"
            ),
            KevError::Json(e) => write!(f, "not the KEV catalog's JSON: {e}"),
            KevError::Entry { index, problem } => {
                write!(f, "vulnerabilities[{index}]: {problem}")
            }
        }
    }
}

fn is_cve(s: &str) -> bool {
    let mut p = s.splitn(3, '-');
    p.next() == Some("CVE")
        && p.next()
            .is_some_and(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        && p.next()
            .is_some_and(|n| n.len() >= 4 && n.bytes().all(|b| b.is_ascii_digit()))
}

impl Catalog {
    /// Reads the catalog's JSON; every entry is checked (CVE id, date) and a bad one is named.
    pub fn parse(bytes: &[u8]) -> Result<Catalog, KevError> {
        if bytes.len() > MAX_CATALOG_BYTES {
            return Err(KevError::TooLarge { bytes: bytes.len() });
        }
        let f: File = serde_json::from_slice(bytes).map_err(|e| KevError::Json(e.to_string()))?;
        let mut entries = BTreeMap::new();
        for (index, r) in f.vulnerabilities.into_iter().enumerate() {
            if !is_cve(&r.cve_id) {
                return Err(KevError::Entry {
                    index,
                    problem: format!("`{}` is not a CVE id", r.cve_id),
                });
            }
            if hoshi_core::time::parse_date(&r.date_added).is_none() {
                return Err(KevError::Entry {
                    index,
                    problem: format!("dateAdded `{}` is not a date", r.date_added),
                });
            }
            entries.insert(
                r.cve_id,
                Entry {
                    vendor: r.vendor_project,
                    product: r.product,
                    date_added: r.date_added,
                    ransomware: r
                        .known_ransomware_campaign_use
                        .eq_ignore_ascii_case("known"),
                },
            );
        }
        Ok(Catalog {
            version: f.catalog_version,
            released: f.date_released,
            entries,
        })
    }

    pub fn get(&self, cve: &str) -> Option<&Entry> {
        self.entries.get(cve)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_and_their_problems() {
        let ok = br#"{"title":"t","catalogVersion":"2025.08.25","dateReleased":"2025-08-25T17:04:19.9796Z","count":1,
            "vulnerabilities":[{"cveID":"CVE-2024-21762","vendorProject":"Fortinet","product":"FortiOS",
            "vulnerabilityName":"x","dateAdded":"2024-02-09","knownRansomwareCampaignUse":"Known"}]}"#;
        let c = Catalog::parse(ok).unwrap();
        assert_eq!(c.version, "2025.08.25");
        let e = c.get("CVE-2024-21762").unwrap();
        assert!(e.ransomware);
        assert_eq!(e.date_added, "2024-02-09");
        let bad = br#"{"catalogVersion":"1","dateReleased":"x","vulnerabilities":[
            {"cveID":"CVE-2024-1","dateAdded":"2024-02-09"}]}"#;
        assert_eq!(
            Catalog::parse(bad).unwrap_err().to_string(),
            "vulnerabilities[0]: `CVE-2024-1` is not a CVE id"
        );
        assert!(Catalog::parse(b"{}").is_err());
    }
}
