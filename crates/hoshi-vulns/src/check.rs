//! Checking components against the vulnerability data held in memory: OSV records by package
//! (ecosystem and name), NVD records by CPE product, the KEV catalog and EPSS scores. Each
//! finding says which component, which record and why it matched, how severe it is, whether it
//! is known to be exploited, and — for SCS 4-4-4-2's rule that Critical/High fixes (or CVSS ≥
//! 7.0) are applied within 14 days — since when a fix has been public and whether that is
//! overdue.
//!
//! "Since when": OSV and NVD give the advisory's publication date, not the fixed release's; the
//! advisory is published with or after the fix in nearly every case, so days counted from it
//! are a lower bound of how long a fix has been available. The report says so.

use std::collections::{BTreeMap, HashMap};

use crate::cvss;
use crate::kev;
use crate::nvd::{self, Cve, Product};
use crate::osv::{Record, Why};
use crate::sbom::Component;

/// SCS 4-4-4-2: fixes for Critical/High (or CVSS ≥ 7.0) vulnerabilities within 14 days.
pub const PATCH_DAYS: i64 = 14;

/// The data a check runs against.
#[derive(Debug, Default)]
pub struct Data {
    records: Vec<Record>,
    /// (record, entry of its `affected`) by the entry's package.
    by_package: HashMap<Key, Vec<(usize, usize)>>,
    cves: Vec<Cve>,
    by_product: HashMap<Key, Vec<usize>>,
    pub kev: Option<kev::Catalog>,
    /// EPSS probability (0–1) by CVE.
    pub epss: HashMap<String, f64>,
}

/// A lookup key: (ecosystem, package name as the ecosystem compares names) for OSV records,
/// (vendor, product) in lower case for NVD records.
pub type Key = (String, String);

fn package_key(ecosystem: &str, name: &str) -> Key {
    (
        crate::osv::base_ecosystem(ecosystem).to_string(),
        crate::osv::package_name(ecosystem, name),
    )
}

fn product_key(fields: &[String]) -> Key {
    (
        fields[1].to_ascii_lowercase(),
        fields[2].to_ascii_lowercase(),
    )
}

/// The keys an OSV record is found by (none when withdrawn: it affects nothing).
pub fn record_keys(r: &Record) -> Vec<Key> {
    if r.withdrawn.is_some() {
        return Vec::new();
    }
    let mut keys: Vec<Key> = r
        .affected
        .iter()
        .filter_map(|a| a.package.as_ref())
        .map(|p| package_key(&p.ecosystem, &p.name))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// The keys an NVD record is found by: the (vendor, product) of its vulnerable CPE matches
/// (none when rejected).
pub fn cve_keys(c: &Cve) -> Vec<Key> {
    if c.vuln_status.eq_ignore_ascii_case("rejected") {
        return Vec::new();
    }
    let mut keys: Vec<Key> = c
        .configurations
        .iter()
        .flat_map(|x| &x.nodes)
        .flat_map(|n| &n.cpe_match)
        .filter(|m| m.vulnerable)
        .filter_map(|m| nvd::cpe_fields(&m.criteria))
        .map(|f| product_key(&f))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// The keys a component is looked up by: its package URL's OSV package and its CPE's product.
/// Components without a version are not checked and have none.
pub fn component_keys(c: &Component) -> (Option<Key>, Option<Key>) {
    if c.version.is_none() {
        return (None, None);
    }
    let osv = c
        .purl
        .as_ref()
        .and_then(|p| p.osv_package())
        .map(|(eco, name)| package_key(eco, &name));
    let nvd = c
        .cpe
        .as_deref()
        .and_then(nvd::cpe_fields)
        .map(|f| product_key(&f));
    (osv, nvd)
}

impl Data {
    /// Adds an OSV record (withdrawn ones are kept out).
    pub fn add_osv(&mut self, r: Record) {
        if r.withdrawn.is_some() {
            return;
        }
        let i = self.records.len();
        for (ai, a) in r.affected.iter().enumerate() {
            if let Some(p) = &a.package {
                let k = package_key(&p.ecosystem, &p.name);
                self.by_package.entry(k).or_default().push((i, ai));
            }
        }
        self.records.push(r);
    }

    /// Adds an NVD record, indexed by the (vendor, product) of its vulnerable CPE matches.
    pub fn add_nvd(&mut self, c: Cve) {
        if c.vuln_status.eq_ignore_ascii_case("rejected") {
            return;
        }
        let i = self.cves.len();
        for k in cve_keys(&c) {
            self.by_product.entry(k).or_default().push(i);
        }
        self.cves.push(c);
    }

    pub fn records(&self) -> usize {
        self.records.len() + self.cves.len()
    }
}

/// Why a component matched: an OSV range or list, or an NVD CPE match (written in CPE's own
/// notation, the same in every language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    Osv(Why),
    Cpe(String),
}

impl Reason {
    pub fn describe(&self, lang: hoshi_core::Lang) -> String {
        match self {
            Reason::Osv(w) => w.describe(lang),
            Reason::Cpe(s) => s.clone(),
        }
    }
}

/// One vulnerable component.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Index of the component in the checked list.
    pub component: usize,
    /// The record's id (GHSA-…, PYSEC-…, CVE-…).
    pub id: String,
    pub cves: Vec<String>,
    /// `critical`, `high`, `medium`, `low`, or `unknown`.
    pub severity: String,
    pub cvss: Option<f64>,
    pub kev: bool,
    pub ransomware: bool,
    pub epss: Option<f64>,
    /// Versions that fix it, from the matching range.
    pub fixed: Vec<String>,
    /// YYYY-MM-DD the advisory was published (a fix was public by then at the latest).
    pub fix_published: Option<String>,
    pub days_open: Option<i64>,
    /// Critical/High (or CVSS ≥ 7.0) with a fix public for more than [`PATCH_DAYS`] days.
    pub overdue: bool,
    /// Why the component matched, in the record's terms.
    pub why: Reason,
}

fn days(date: &str) -> Option<i64> {
    let d = date.get(..10)?;
    let (y, m, dd) = hoshi_core::time::parse_date(d)?;
    Some(hoshi_core::time::days_from_civil(y, m, dd))
}

/// The severity from a CVSS score, else from a vendor's word (GHSA's `CRITICAL`, `HIGH`, …).
fn severity(score: Option<f64>, word: Option<&str>) -> String {
    if let Some(s) = score {
        return cvss::rating(s).to_string();
    }
    match word.map(str::to_ascii_lowercase).as_deref() {
        Some("critical") => "critical".into(),
        Some("high") => "high".into(),
        Some("moderate" | "medium") => "medium".into(),
        Some("low") => "low".into(),
        _ => "unknown".into(),
    }
}

impl Data {
    /// Checks `components`; `today` is the day (YYYY-MM-DD) the 14-day rule is judged on.
    /// Findings come KEV first, then by EPSS, then by CVSS, then by id.
    pub fn check(&self, components: &[Component], today: &str) -> Vec<Finding> {
        let today = days(today);
        let mut out: BTreeMap<(usize, String), Finding> = BTreeMap::new();
        for (ci, c) in components.iter().enumerate() {
            let Some(version) = c.version.as_deref() else {
                continue;
            };
            if let Some((eco, name)) = c.purl.as_ref().and_then(|p| p.osv_package()) {
                for &(ri, ai) in self
                    .by_package
                    .get(&package_key(eco, &name))
                    .into_iter()
                    .flatten()
                {
                    // The entry's package is the component's (same key): what
                    // `Record::affects` would find, without comparing names again.
                    let r = &self.records[ri];
                    let a = &r.affected[ai];
                    let eco = a.package.as_ref().map_or(eco, |p| p.ecosystem.as_str());
                    if let Some(why) = a.affects(eco, version) {
                        let f = self.osv_finding(ci, r, &why, today);
                        out.entry((ci, key_of(&f))).or_insert(f);
                    }
                }
            }
            if let Some(fields) = c.cpe.as_deref().and_then(nvd::cpe_fields) {
                // The CPE's own version and update when it names them (an appliance's
                // `pan-os:10.2.9:h1`), else the component's version.
                let own = |i: usize| {
                    fields
                        .get(i)
                        .map(String::as_str)
                        .filter(|v| !v.is_empty() && *v != "*" && *v != "-")
                };
                let p = Product {
                    part: &fields[0],
                    vendor: &fields[1],
                    product: &fields[2],
                    version: own(3).unwrap_or(version),
                    update: fields.get(4).map_or("*", String::as_str),
                };
                for &ni in self
                    .by_product
                    .get(&product_key(&fields))
                    .into_iter()
                    .flatten()
                {
                    let cve = &self.cves[ni];
                    if let Some((why, fixed)) = cve.affects_fixed(&p) {
                        let mut f = self.nvd_finding(ci, cve, why, today);
                        f.fixed.extend(fixed);
                        out.entry((ci, key_of(&f))).or_insert(f);
                    }
                }
            }
        }
        let mut v: Vec<Finding> = out.into_values().collect();
        v.sort_by(|a, b| {
            b.kev
                .cmp(&a.kev)
                .then(b.epss.unwrap_or(0.0).total_cmp(&a.epss.unwrap_or(0.0)))
                .then(b.cvss.unwrap_or(0.0).total_cmp(&a.cvss.unwrap_or(0.0)))
                .then_with(|| a.id.cmp(&b.id))
        });
        v
    }

    fn exploit_facts(&self, cves: &[String]) -> (bool, bool, Option<f64>) {
        let entries: Vec<&kev::Entry> = self
            .kev
            .iter()
            .flat_map(|k| cves.iter().filter_map(|c| k.get(c)))
            .collect();
        let epss = cves
            .iter()
            .filter_map(|c| self.epss.get(c).copied())
            .reduce(f64::max);
        (
            !entries.is_empty(),
            entries.iter().any(|e| e.ransomware),
            epss,
        )
    }

    fn osv_finding(&self, ci: usize, r: &Record, why: &Why, today: Option<i64>) -> Finding {
        let cves: Vec<String> = r.cves().into_iter().map(String::from).collect();
        let score = r
            .severity
            .iter()
            .filter(|s| s.kind.starts_with("CVSS_V3"))
            .find_map(|s| cvss::base_score(&s.score));
        let word = r
            .database_specific
            .as_ref()
            .and_then(|d| d.get("severity"))
            .and_then(|s| s.as_str());
        let (kev, ransomware, epss) = self.exploit_facts(&cves);
        let fixed = match why {
            Why::InRange { fixed: Some(f), .. } => vec![f.clone()],
            _ => Vec::new(),
        };
        finish(
            Finding {
                component: ci,
                id: r.id.clone(),
                cves,
                severity: severity(score, word),
                cvss: score,
                kev,
                ransomware,
                epss,
                fixed,
                fix_published: r.published.as_ref().map(|p| p.chars().take(10).collect()),
                days_open: None,
                overdue: false,
                why: Reason::Osv(why.clone()),
            },
            today,
        )
    }

    fn nvd_finding(&self, ci: usize, c: &Cve, why: String, today: Option<i64>) -> Finding {
        let cves = vec![c.id.clone()];
        let score = c.cvss().map(|x| x.0);
        let (kev, ransomware, epss) = self.exploit_facts(&cves);
        finish(
            Finding {
                component: ci,
                id: c.id.clone(),
                cves,
                severity: severity(score, None),
                cvss: score,
                kev,
                ransomware,
                epss,
                fixed: Vec::new(),
                fix_published: Some(c.published.chars().take(10).collect()),
                days_open: None,
                overdue: false,
                why: Reason::Cpe(why),
            },
            today,
        )
    }
}

/// The same vulnerability from OSV and NVD is one finding: keyed by its first CVE.
fn key_of(f: &Finding) -> String {
    f.cves.first().cloned().unwrap_or_else(|| f.id.clone())
}

fn finish(mut f: Finding, today: Option<i64>) -> Finding {
    f.days_open = match (f.fix_published.as_deref().and_then(days), today) {
        (Some(p), Some(t)) => Some((t - p).max(0)),
        _ => None,
    };
    let serious =
        f.cvss.is_some_and(|s| s >= 7.0) || matches!(f.severity.as_str(), "critical" | "high");
    f.overdue = serious && f.days_open.is_some_and(|d| d > PATCH_DAYS);
    f
}
