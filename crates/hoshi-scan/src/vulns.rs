//! The vulnerability knowledge the judge uses ([`Knowledge`]), from one of two sources:
//!
//! - [`Table`]: the bundled table for remote-access appliances (`data/appliance-vulns.toml`,
//!   from CISA's KEV catalog and NVD records; its header names the snapshot). A product and a
//!   version give the CVEs whose published affected ranges contain that version.
//! - [`Imported`]: the index `hoshi vulns db import` wrote (NVD records, the KEV catalog, EPSS),
//!   asked through `hoshi_vulns::check` with the appliance's CPE names
//!   (`hoshi_vulns::appliance`). hoshi-scan reads no files for it: the caller hands over the
//!   data in memory ([`Imported::new`]) or a function that checks components
//!   ([`Imported::with_checker`], the web application's vulnerability source).
//!
//! A fresh install without an imported index uses the table, so a known-exploited FortiOS is
//! still named.

use std::cmp::Ordering;
use std::sync::atomic::{AtomicBool, Ordering as AtomicOrdering};

use hoshi_vulns::check::{Data, Finding as CheckFinding};
use hoshi_vulns::sbom::Component;
use serde::{Deserialize, Serialize};

/// The bundled table.
pub const BUNDLED: &str = include_str!("../data/appliance-vulns.toml");

#[derive(Debug, Clone, Deserialize)]
pub struct Table {
    pub format: u32,
    pub generated: String,
    #[serde(default)]
    pub sources: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub cve: Vec<Entry>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Entry {
    pub id: String,
    pub product: String,
    /// The NVD record's publication date (`YYYY-MM-DD`).
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub cvss: Option<f32>,
    #[serde(default)]
    pub severity: Option<String>,
    #[serde(default)]
    pub kev: bool,
    #[serde(default)]
    pub kev_added: Option<String>,
    #[serde(default)]
    pub ransomware: bool,
    #[serde(default)]
    pub affected: Vec<Range>,
}

/// One affected range as NVD states it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub from_excluding: Option<String>,
    #[serde(default)]
    pub to_excluding: Option<String>,
    #[serde(default)]
    pub to_including: Option<String>,
    #[serde(default)]
    pub exact: Option<String>,
    /// The version itself or any build or hotfix of it (NVD's wildcard builds).
    #[serde(default)]
    pub prefix: Option<String>,
    /// A build flavour (`fips`, `ndcpp`) the element is restricted to; hoshi cannot tell
    /// those builds apart from outside, so such elements match nothing it reports.
    #[serde(default)]
    pub edition: Option<String>,
}

impl Range {
    /// Whether `v` lies in the range. A range with no bound at all contains nothing (NVD
    /// listing only the vendor is no evidence that this version is affected).
    pub fn contains(&self, v: &str) -> bool {
        if self.edition.is_some() {
            return false;
        }
        if let Some(p) = &self.prefix {
            return tokens(v).starts_with(&tokens(p));
        }
        if let Some(e) = &self.exact {
            return compare(v, e) == Ordering::Equal;
        }
        let lower = self.from.is_some() || self.from_excluding.is_some();
        let upper = self.to_excluding.is_some() || self.to_including.is_some();
        if !lower && !upper {
            return false;
        }
        self.from
            .as_ref()
            .is_none_or(|f| compare(v, f) != Ordering::Less)
            && self
                .from_excluding
                .as_ref()
                .is_none_or(|f| compare(v, f) == Ordering::Greater)
            && self
                .to_excluding
                .as_ref()
                .is_none_or(|t| compare(v, t) == Ordering::Less)
            && self.to_including.as_ref().is_none_or(|t| {
                // "up to and including 9.0" covers 9.0's own updates (9.0R3.1, 9.0.2-h1).
                compare(v, t) != Ordering::Greater || tokens(v).starts_with(&tokens(t))
            })
        // A range of one release train (7.2.0 up to 7.2.7) says nothing about another
        // train's versions beyond its upper bound; the bounds already ensure that.
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Num(u64),
    Word(String),
}

fn tokens(v: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<Tok>| {
        if cur.is_empty() {
            return;
        }
        out.push(match cur.parse::<u64>() {
            Ok(n) => Tok::Num(n),
            Err(_) => Tok::Word(cur.to_ascii_lowercase()),
        });
        cur.clear();
    };
    for c in v.chars() {
        let same = cur
            .chars()
            .next()
            .is_none_or(|f| f.is_ascii_digit() == c.is_ascii_digit());
        if !c.is_ascii_alphanumeric() {
            flush(&mut cur, &mut out);
        } else {
            if !same {
                flush(&mut cur, &mut out);
            }
            cur.push(c);
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// Compares versions as vendors write them: `7.2.6`, `10.2.9-h1`, `13.1-49.15`, `9.16(3)19`,
/// `9.2p1` — hoshi-vulns' vendor firmware order (numbers as numbers, `rc`/`beta` before the
/// release, a hotfix or letter suffix after it). Strings it cannot read (no digit at all)
/// compare as text.
pub fn compare(a: &str, b: &str) -> Ordering {
    hoshi_vulns::version::compare(hoshi_vulns::version::Scheme::Generic, a, b)
        .unwrap_or_else(|| a.cmp(b))
}

impl Table {
    pub fn bundled() -> Table {
        Table::parse(BUNDLED).unwrap_or_else(|e| panic!("bundled vulnerability table: {e}"))
    }

    pub fn parse(text: &str) -> Result<Table, String> {
        let t: Table = toml::from_str(text).map_err(|e| e.to_string())?;
        if t.format != 1 {
            return Err(format!(
                "vulnerability table format {} is not known (1 is)",
                t.format
            ));
        }
        Ok(t)
    }

    /// The CVEs affecting `product` at `version`, known-exploited first, then by score.
    pub fn affecting(&self, product: &str, version: &str) -> Vec<&Entry> {
        let mut v: Vec<&Entry> = self
            .cve
            .iter()
            .filter(|e| e.product == product && e.affected.iter().any(|r| r.contains(version)))
            .collect();
        v.sort_by(|a, b| {
            b.kev
                .cmp(&a.kev)
                .then(b.cvss.unwrap_or(0.0).total_cmp(&a.cvss.unwrap_or(0.0)))
                .then(a.id.cmp(&b.id))
        });
        v
    }

    /// The known-exploited CVEs of `product` published after `built` (a firmware build date,
    /// `YYYY-MM-DD`): a firmware built before an advisory cannot contain its fix. Only CVEs
    /// with published affected versions count, newest first.
    pub fn published_after(&self, product: &str, built: &str) -> Vec<&Entry> {
        let mut v: Vec<&Entry> = self
            .cve
            .iter()
            .filter(|e| e.product == product && e.kev && !e.affected.is_empty())
            .filter(|e| e.published.as_deref().is_some_and(|p| p > built))
            .collect();
        v.sort_by(|a, b| b.published.cmp(&a.published).then(a.id.cmp(&b.id)));
        v
    }

    /// What the table is, for reports: its date and sources.
    pub fn snapshot(&self) -> String {
        let mut s = format!("appliance table {}", self.generated);
        for (k, v) in &self.sources {
            s.push_str(&format!("; {k}: {v}"));
        }
        s
    }

    /// [`Table::snapshot`] in Japanese (the sources are named as the table writes them).
    pub fn snapshot_ja(&self) -> String {
        let sources: Vec<String> = self
            .sources
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        if sources.is_empty() {
            format!("同梱の機器脆弱性表 {}", self.generated)
        } else {
            format!(
                "同梱の機器脆弱性表 {}（{}）",
                self.generated,
                sources.join("; ")
            )
        }
    }
}

/// Which vulnerability data judged the firmware versions of a scan (the JSON report's
/// `data.vulnerability_source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// The bundled appliance table.
    BundledTable,
    /// The index `hoshi vulns db import` wrote.
    ImportedIndex,
}

/// One CVE of a firmware, as the judge uses it.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: String,
    pub cvss: Option<f32>,
    /// `critical`, `high`, `medium` or `low`, when known.
    pub severity: Option<String>,
    /// Listed in CISA's Known Exploited Vulnerabilities catalog.
    pub kev: bool,
    /// CISA knows of ransomware campaigns using it.
    pub ransomware: bool,
    /// The NVD record's publication date (`YYYY-MM-DD`).
    pub published: Option<String>,
}

impl From<&Entry> for Hit {
    fn from(e: &Entry) -> Hit {
        Hit {
            id: e.id.clone(),
            cvss: e.cvss,
            severity: e.severity.as_ref().map(|s| s.to_ascii_lowercase()),
            kev: e.kev,
            ransomware: e.ransomware,
            published: e.published.clone(),
        }
    }
}

/// Known-exploited first, then by score, then by id (the table's own order).
fn sort_hits(v: &mut [Hit]) {
    v.sort_by(|a, b| {
        b.kev
            .cmp(&a.kev)
            .then(b.cvss.unwrap_or(0.0).total_cmp(&a.cvss.unwrap_or(0.0)))
            .then(a.id.cmp(&b.id))
    });
}

/// The vulnerability knowledge the judge uses. `product` is hoshi-scan's product id (the
/// fingerprint rules' `vulns`, e.g. `fortinet-fortios`).
///
/// The judge asks after every port is identified, outside the network probes; an
/// implementation should answer from memory (or from small local reads).
pub trait Knowledge: Send + Sync {
    /// The CVEs affecting `product` at `version` (as the appliance shows it: `7.2.6`,
    /// `10.2.9-h1`, `9.16(4)48`), known-exploited first, then by score.
    fn vulns_of(&self, product: &str, version: &str) -> Vec<Hit>;
    /// The known-exploited CVEs of `product` published after `built` (a firmware build date,
    /// `YYYY-MM-DD`; the version itself is not known), newest first.
    fn exploited_since(&self, product: &str, built: &str) -> Vec<Hit>;
    /// Which data answered, in one line (English): the report's `data.vulnerabilities`.
    fn snapshot(&self) -> String;
    /// The same in Japanese.
    fn snapshot_ja(&self) -> String;
    fn source(&self) -> Source;
}

impl Knowledge for Table {
    fn vulns_of(&self, product: &str, version: &str) -> Vec<Hit> {
        self.affecting(product, version)
            .into_iter()
            .map(Hit::from)
            .collect()
    }

    fn exploited_since(&self, product: &str, built: &str) -> Vec<Hit> {
        self.published_after(product, built)
            .into_iter()
            .map(Hit::from)
            .collect()
    }

    fn snapshot(&self) -> String {
        Table::snapshot(self)
    }

    fn snapshot_ja(&self) -> String {
        Table::snapshot_ja(self)
    }

    fn source(&self) -> Source {
        Source::BundledTable
    }
}

/// Checks components against imported data: the findings, or `None` when the data is gone.
type Checker = dyn Fn(&[Component]) -> Result<Option<Vec<CheckFinding>>, String> + Send + Sync;

/// The index `hoshi vulns db import` wrote, as the judge's knowledge. Firmware versions are
/// checked by the appliance's CPE names against the NVD records, with KEV (and ransomware use)
/// from the imported catalog.
///
/// Build dates stay with the bundled table: the check matches a version against affected
/// ranges and cannot list a product's CVEs by publication date, which is what a firmware known
/// only by its build date needs. The snapshot says so. When the data cannot be read in the
/// middle of a scan, the bundled table answers that question and the snapshot says that too.
pub struct Imported {
    checker: Box<Checker>,
    snapshot_en: String,
    snapshot_ja: String,
    table: Table,
    fell_back: AtomicBool,
}

impl std::fmt::Debug for Imported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Imported")
            .field("snapshot", &self.snapshot_en)
            .finish_non_exhaustive()
    }
}

impl Imported {
    /// Data loaded in memory; `today` (`YYYY-MM-DD`) is what `check` counts days from (not used
    /// by the judge); the snapshots are the index manifest's lines in English and Japanese.
    pub fn new(data: Data, today: &str, snapshot_en: String, snapshot_ja: String) -> Imported {
        let today = today.to_string();
        Imported::with_checker(
            move |c: &[Component]| Ok(Some(data.check(c, &today))),
            snapshot_en,
            snapshot_ja,
        )
    }

    /// Data behind `checker` (e.g. the web application's vulnerability source), which checks
    /// components and returns the findings, `Ok(None)` when no data is there any more.
    pub fn with_checker(
        checker: impl Fn(&[Component]) -> Result<Option<Vec<CheckFinding>>, String>
        + Send
        + Sync
        + 'static,
        snapshot_en: String,
        snapshot_ja: String,
    ) -> Imported {
        Imported {
            checker: Box::new(checker),
            snapshot_en,
            snapshot_ja,
            table: Table::bundled(),
            fell_back: AtomicBool::new(false),
        }
    }

    fn fell_back(&self) -> bool {
        self.fell_back.load(AtomicOrdering::Relaxed)
    }
}

impl Knowledge for Imported {
    fn vulns_of(&self, product: &str, version: &str) -> Vec<Hit> {
        let components = appliance_components(product, version);
        if components.is_empty() {
            return Vec::new();
        }
        match (self.checker)(&components) {
            Ok(Some(findings)) => hits(&findings),
            Ok(None) | Err(_) => {
                self.fell_back.store(true, AtomicOrdering::Relaxed);
                self.table.vulns_of(product, version)
            }
        }
    }

    /// The bundled table's answer (see [`Imported`]).
    fn exploited_since(&self, product: &str, built: &str) -> Vec<Hit> {
        self.table.exploited_since(product, built)
    }

    fn snapshot(&self) -> String {
        let mut s = format!(
            "vulnerability index: {}; firmware build dates: appliance table {}",
            self.snapshot_en, self.table.generated
        );
        if self.fell_back() {
            s.push_str(
                "; the index could not be read during the scan: some versions were judged by the appliance table",
            );
        }
        s
    }

    fn snapshot_ja(&self) -> String {
        let mut s = format!(
            "脆弱性の索引: {}。ファームウェアの作成日は同梱の機器脆弱性表（{}）で判定",
            self.snapshot_ja, self.table.generated
        );
        if self.fell_back() {
            s.push_str("。検査中に索引を読めなかったため、一部のバージョンは同梱の表で判定");
        }
        s
    }

    fn source(&self) -> Source {
        Source::ImportedIndex
    }
}

/// The components a check of appliance `product` (hoshi-scan's product id) at `version` runs
/// on: one per CPE product NVD gives the appliance (NetScaler ADC and Gateway, every SMA 100
/// model), the version written as NVD writes it (`hoshi_vulns::appliance::cpe_for`). None for a
/// product hoshi-vulns does not know or a version it cannot read.
pub fn appliance_components(product: &str, version: &str) -> Vec<Component> {
    use hoshi_vulns::appliance;
    let Some(a) = appliance::by_scan_id(product) else {
        return Vec::new();
    };
    if appliance::nvd_version(a, version).is_none() {
        return Vec::new();
    }
    appliance::cpe_for(a, version)
        .into_iter()
        .map(|cpe| Component {
            name: format!("{} {}", a.maker, a.product),
            version: Some(version.to_string()),
            purl: None,
            cpe: Some(cpe),
        })
        .collect()
}

/// Components whose lookup keys are those of every appliance hoshi knows: enough to select the
/// records of all of them from an index (the version is a placeholder).
pub fn every_appliance() -> Vec<Component> {
    hoshi_vulns::appliance::APPLIANCES
        .iter()
        .flat_map(|a| appliance_components(a.id, "1.0"))
        .collect()
}

/// Check findings as the judge's hits: one per CVE (a firmware checked under several CPE names
/// matches the same CVE more than once), known-exploited first, then by score.
pub fn hits(findings: &[CheckFinding]) -> Vec<Hit> {
    let mut out: Vec<Hit> = Vec::new();
    for f in findings {
        let id = f.cves.first().cloned().unwrap_or_else(|| f.id.clone());
        if out.iter().any(|h| h.id == id) {
            continue;
        }
        out.push(Hit {
            id,
            cvss: f.cvss.map(|s| s as f32),
            severity: Some(f.severity.clone()).filter(|s| s != "unknown"),
            kev: f.kev,
            ransomware: f.ransomware,
            published: f.fix_published.clone(),
        });
    }
    sort_hits(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_as_vendors_mean_them() {
        use Ordering::*;
        for (a, b, o) in [
            ("7.2.6", "7.2.7", Less),
            ("7.2.10", "7.2.9", Greater),
            ("10.2.9-h1", "10.2.9", Greater),
            ("10.2.9-h1", "10.2.10", Less),
            ("13.1-49.15", "13.1-49.13", Greater),
            ("9.16(3)19", "9.16.3.19", Equal),
            ("9.2p1", "9.2", Greater),
            ("7.2", "7.2.0", Equal),
            ("1.0rc1", "1.0.1", Less),
            ("22.7R2.3", "22.7R2.4", Less),
        ] {
            assert_eq!(compare(a, b), o, "{a} vs {b}");
        }
    }

    #[test]
    fn the_bundled_table_reads_and_dates_its_entries() {
        let t = Table::bundled();
        assert!(t.cve.len() >= 70, "{}", t.cve.len());
        assert!(
            t.cve
                .iter()
                .all(|e| e.published.as_deref().is_some_and(|p| p.len() == 10))
        );
        let ids: std::collections::BTreeSet<&str> = t.cve.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), t.cve.len(), "unique ids");
        // FortiOS 7.2.6 is inside CVE-2024-21762's published range (7.2.0 up to 7.2.7).
        let hits: Vec<&str> = t
            .affecting("fortinet-fortios", "7.2.6")
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert!(hits.contains(&"CVE-2024-21762"), "{hits:?}");
        assert!(
            !t.affecting("fortinet-fortios", "7.2.7")
                .iter()
                .any(|e| e.id == "CVE-2024-21762")
        );
        // A firmware built in January 2024 predates that advisory; one built in March does not.
        assert!(
            t.published_after("fortinet-fortios", "2024-01-15")
                .iter()
                .any(|e| e.id == "CVE-2024-21762")
        );
        assert!(
            !t.published_after("fortinet-fortios", "2024-03-01")
                .iter()
                .any(|e| e.id == "CVE-2024-21762")
        );
    }

    #[test]
    fn ranges_hold_only_what_they_state() {
        let r = Range {
            from: Some("7.2.0".into()),
            from_excluding: None,
            to_excluding: Some("7.2.7".into()),
            to_including: None,
            exact: None,
            prefix: None,
            edition: None,
        };
        assert!(r.contains("7.2.6"));
        assert!(r.contains("7.2.0"));
        assert!(!r.contains("7.2.7"));
        assert!(!r.contains("7.0.13"));
        let none = Range {
            from: None,
            from_excluding: None,
            to_excluding: None,
            to_including: None,
            exact: None,
            prefix: None,
            edition: None,
        };
        assert!(!none.contains("1.0"));
        let p = Range {
            prefix: Some("11.1.3".into()),
            ..none.clone()
        };
        assert!(p.contains("11.1.3") && p.contains("11.1.3-h1") && !p.contains("11.1.30"));
    }
}
