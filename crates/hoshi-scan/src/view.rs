//! Reading a stored report back (the JSON format 1, as `report` writes it) for the web
//! application: the findings worst first, the difference between two scans, and the answer each
//! criterion a scan speaks to would get.
//!
//! Only the fields the pages need are read; unknown fields are ignored, so reports of later
//! builds (fields are only ever added) still read.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::findings::Severity;

#[derive(Debug, Clone, Deserialize)]
pub struct ReportView {
    pub started_at: String,
    pub finished_at: String,
    #[serde(default)]
    pub data: DataView,
    #[serde(default)]
    pub request: RequestView,
    pub hosts: Vec<HostView>,
    #[serde(default)]
    pub sent: Vec<serde_json::Value>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RequestView {
    /// How the ports were asked for: `top`, `all` or a list.
    #[serde(default)]
    pub ports: String,
}

impl RequestView {
    /// The ports the scan swept (`None`: unknown, count every port as swept).
    pub fn swept(&self) -> Option<crate::ports::Ports> {
        crate::ports::Ports::parse(&self.ports).ok()
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct DataView {
    #[serde(default)]
    pub fingerprints: String,
    #[serde(default)]
    pub vulnerabilities: String,
    /// Empty in reports written before it was added.
    #[serde(default)]
    pub vulnerabilities_ja: String,
    /// `None` in reports written before it was added (they used the bundled table).
    #[serde(default)]
    pub vulnerability_source: Option<crate::vulns::Source>,
}

impl DataView {
    /// The vulnerability data's line in `lang` (English where a report has no Japanese one).
    pub fn vulnerabilities_in(&self, lang: hoshi_core::Lang) -> &str {
        match lang {
            hoshi_core::Lang::Ja if !self.vulnerabilities_ja.is_empty() => &self.vulnerabilities_ja,
            _ => &self.vulnerabilities,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct HostView {
    pub address: String,
    #[serde(default)]
    pub host_name: Option<String>,
    pub ports: Vec<PortView>,
    #[serde(default)]
    pub closed: usize,
    #[serde(default)]
    pub filtered: usize,
}

#[derive(Debug, Clone, Deserialize)]
pub struct PortView {
    pub port: u16,
    pub state: String,
    #[serde(default)]
    pub service: Option<String>,
    #[serde(default)]
    pub vendor: Option<String>,
    #[serde(default)]
    pub product: Option<String>,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub build: Option<String>,
    #[serde(default)]
    pub evidence: Vec<String>,
    #[serde(default)]
    pub findings: Vec<FindingView>,
}

impl PortView {
    /// "FortiGate 7.2.4", "OpenSSH 9.2p1", the service name, or nothing.
    pub fn what(&self) -> String {
        let mut s = String::new();
        if let Some(p) = &self.product {
            s.push_str(p);
            if let Some(v) = self.version.as_ref().or(self.build.as_ref()) {
                s.push(' ');
                s.push_str(v);
            }
        } else if let Some(svc) = &self.service {
            s.push_str(svc);
        }
        s
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct FindingView {
    pub category: String,
    pub severity: Severity,
    pub title: String,
    pub advice: String,
    #[serde(default)]
    pub cves: Vec<CveView>,
    #[serde(default)]
    pub criteria: Vec<String>,
    #[serde(default)]
    pub translation: Option<TranslationView>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TranslationView {
    pub lang: String,
    pub title: String,
    pub advice: String,
}

impl FindingView {
    /// Title and advice in `lang` (`ja`, `en`) when the report has them, else as written.
    pub fn texts(&self, lang: &str) -> (&str, &str) {
        match &self.translation {
            Some(t) if t.lang == lang => (&t.title, &t.advice),
            _ => (&self.title, &self.advice),
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
pub struct CveView {
    pub id: String,
    #[serde(default)]
    pub cvss: Option<f32>,
    #[serde(default)]
    pub kev: bool,
    #[serde(default)]
    pub ransomware: bool,
}

/// One finding with where it was seen.
#[derive(Debug, Clone)]
pub struct Located<'a> {
    pub address: &'a str,
    pub host_name: Option<&'a str>,
    pub port: u16,
    pub what: String,
    pub finding: &'a FindingView,
}

impl Located<'_> {
    /// What identifies an exposure across scans: address, port and category.
    pub fn key(&self) -> (String, u16, String) {
        (
            self.address.to_string(),
            self.port,
            self.finding.category.clone(),
        )
    }
}

impl ReportView {
    pub fn parse(json: &str) -> Result<ReportView, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// Every finding, worst first (then by address and port).
    pub fn findings(&self) -> Vec<Located<'_>> {
        let mut all: Vec<Located> = self
            .hosts
            .iter()
            .flat_map(|h| {
                h.ports.iter().flat_map(move |p| {
                    p.findings.iter().map(move |f| Located {
                        address: &h.address,
                        host_name: h.host_name.as_deref(),
                        port: p.port,
                        what: p.what(),
                        finding: f,
                    })
                })
            })
            .collect();
        all.sort_by(|a, b| {
            a.finding
                .severity
                .cmp(&b.finding.severity)
                .then_with(|| a.address.cmp(b.address))
                .then(a.port.cmp(&b.port))
        });
        all
    }

    /// Open ports in all, and findings per severity.
    pub fn counts(&self) -> (usize, BTreeMap<Severity, usize>) {
        let open = self
            .hosts
            .iter()
            .flat_map(|h| &h.ports)
            .filter(|p| p.state == "open")
            .count();
        let mut by = BTreeMap::new();
        for l in self.findings() {
            *by.entry(l.finding.severity).or_insert(0) += 1;
        }
        (open, by)
    }

    pub fn worst(&self) -> Option<Severity> {
        self.findings().first().map(|l| l.finding.severity)
    }
}

/// What changed from one scan to the next.
#[derive(Debug, Default)]
pub struct Diff<'a> {
    /// Findings of the new scan the old one did not have.
    pub new: Vec<Located<'a>>,
    /// Findings of the old scan gone from the new one.
    pub fixed: Vec<Located<'a>>,
}

/// Compares two scans by exposure (address, port, category). Findings on addresses or ports the
/// new scan did not cover are neither new nor fixed.
pub fn diff<'a>(old: &'a ReportView, new: &'a ReportView) -> Diff<'a> {
    let covered: BTreeSet<&str> = new.hosts.iter().map(|h| h.address.as_str()).collect();
    let old_f = old.findings();
    let new_f = new.findings();
    let swept = new.request.swept();
    let was_swept = |port: u16| {
        swept
            .as_ref()
            .is_none_or(|p| p.as_slice().binary_search(&port).is_ok())
    };
    let old_keys: BTreeSet<_> = old_f.iter().map(Located::key).collect();
    let new_keys: BTreeSet<_> = new_f.iter().map(Located::key).collect();
    Diff {
        new: new_f
            .into_iter()
            .filter(|l| !old_keys.contains(&l.key()))
            .collect(),
        fixed: old_f
            .into_iter()
            .filter(|l| {
                covered.contains(l.address) && was_swept(l.port) && !new_keys.contains(&l.key())
            })
            .collect(),
    }
}

/// Criteria a scan tests directly from outside: unauthenticated inbound traffic blocked
/// (4-5-1-4) and management reachable over the internet only when protected (4-5-1-7). For the
/// declared addresses a clean scan supports "met"; a finding argues against it.
pub const TESTED: &[&str] = &["4-5-1-4", "4-5-1-7"];

/// Criteria a scan can only argue against: supported versions (4-4-4-1) and patches within 14
/// days (4-4-4-2) concern every system, of which a scan sees only the exposed ones. A finding
/// suggests a status; a clean scan suggests none.
pub const REFUTED_ONLY: &[&str] = &["4-4-4-1", "4-4-4-2"];

/// A status a scan suggests for one criterion, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub criterion: String,
    /// `met`, `partial` or `not-met`; `None`: the scan informs the criterion (the evidence is
    /// linked) but cannot judge it (an inventory, MFA, encryption in transit).
    pub status: Option<&'static str>,
    /// The worst finding naming the criterion.
    pub worst: Option<Severity>,
    pub findings: usize,
}

/// What the scan suggests for each criterion it informs: [`TESTED`] and [`REFUTED_ONLY`]
/// always, and every other criterion a finding names (linked, no status). Critical or high
/// findings → not met; medium → partially met; low, informational or none → met for
/// [`TESTED`], nothing for [`REFUTED_ONLY`].
pub fn suggestions(r: &ReportView) -> Vec<Suggestion> {
    let mut worst: BTreeMap<String, (Option<Severity>, usize)> = TESTED
        .iter()
        .chain(REFUTED_ONLY)
        .map(|c| (c.to_string(), (None, 0)))
        .collect();
    for l in r.findings() {
        for c in &l.finding.criteria {
            let e = worst.entry(c.clone()).or_insert((None, 0));
            e.1 += 1;
            e.0 = Some(e.0.map_or(l.finding.severity, |w| w.min(l.finding.severity)));
        }
    }
    worst
        .into_iter()
        .map(|(criterion, (w, n))| {
            let c = criterion.as_str();
            let status = match w {
                Some(Severity::Critical | Severity::High)
                    if TESTED.contains(&c) || REFUTED_ONLY.contains(&c) =>
                {
                    Some("not-met")
                }
                Some(Severity::Medium) if TESTED.contains(&c) || REFUTED_ONLY.contains(&c) => {
                    Some("partial")
                }
                _ if TESTED.contains(&c) => Some("met"),
                _ => None,
            };
            Suggestion {
                criterion,
                status,
                worst: w,
                findings: n,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(findings: &[(&str, u16, &str, &str, &[&str])]) -> ReportView {
        let mut hosts: BTreeMap<&str, Vec<serde_json::Value>> = BTreeMap::new();
        for (addr, port, cat, sev, crit) in findings {
            hosts.entry(addr).or_default().push(serde_json::json!({
                "port": port, "state": "open", "service": "x",
                "findings": [{"category": cat, "severity": sev, "title": "t", "advice": "a",
                              "cves": [], "criteria": crit}]
            }));
        }
        let hosts: Vec<_> = hosts
            .into_iter()
            .map(|(a, ports)| serde_json::json!({"address": a, "ports": ports}))
            .collect();
        ReportView::parse(
            &serde_json::json!({"started_at": "s", "finished_at": "f", "hosts": hosts,
                "future_field": 1})
            .to_string(),
        )
        .unwrap()
    }

    #[test]
    fn findings_come_worst_first() {
        let r = report(&[
            ("192.0.2.1", 22, "ssh-exposed", "low", &["4-5-1-4"]),
            ("192.0.2.1", 3389, "rdp-exposed", "high", &["4-5-1-4"]),
            (
                "192.0.2.2",
                443,
                "known-exploited",
                "critical",
                &["4-4-4-1"],
            ),
        ]);
        let order: Vec<u16> = r.findings().iter().map(|l| l.port).collect();
        assert_eq!(order, [443, 3389, 22]);
        assert_eq!(r.worst(), Some(Severity::Critical));
    }

    #[test]
    fn the_difference_names_new_and_fixed_exposures_on_covered_hosts_only() {
        let old = report(&[
            ("192.0.2.1", 3389, "rdp-exposed", "high", &[]),
            ("192.0.2.1", 21, "cleartext-login", "medium", &[]),
            ("192.0.2.9", 445, "smb-exposed", "high", &[]),
        ]);
        let new = report(&[
            ("192.0.2.1", 21, "cleartext-login", "medium", &[]),
            ("192.0.2.1", 5432, "database-exposed", "high", &[]),
        ]);
        let d = diff(&old, &new);
        let keys = |v: &[Located]| v.iter().map(|l| l.port).collect::<Vec<_>>();
        assert_eq!(keys(&d.new), [5432]);
        // 192.0.2.9 was not scanned this time: its SMB finding is not "fixed".
        assert_eq!(keys(&d.fixed), [3389]);
        // Nor is a finding on a port the new scan did not sweep.
        let mut narrow = new.clone();
        narrow.request.ports = "21,5432".into();
        let d = diff(&old, &narrow);
        assert!(d.fixed.is_empty());
    }

    #[test]
    fn suggestions_follow_the_worst_finding_per_criterion() {
        let r = report(&[
            (
                "192.0.2.1",
                3389,
                "rdp-exposed",
                "high",
                &["4-5-1-4", "4-5-1-5"],
            ),
            ("192.0.2.1", 443, "weak-tls", "medium", &["4-4-4-1"]),
            (
                "192.0.2.1",
                443,
                "remote-access-vpn",
                "medium",
                &["3-1-2-2", "4-1-3-2"],
            ),
        ]);
        let s: BTreeMap<String, Option<&str>> = suggestions(&r)
            .into_iter()
            .map(|s| (s.criterion, s.status))
            .collect();
        assert_eq!(s["4-5-1-4"], Some("not-met"));
        assert_eq!(s["4-4-4-1"], Some("partial"));
        assert_eq!(s["4-5-1-7"], Some("met"));
        // Patches within 14 days concern every system: a clean scan says nothing about them.
        assert_eq!(s["4-4-4-2"], None);
        // 4-5-1-5 (rules written down) is named by the RDP finding, but not visible outside.
        assert_eq!(s["4-5-1-5"], None);
        // Informed, not judged: an inventory and MFA are not visible from outside.
        assert_eq!(s["3-1-2-2"], None);
        assert_eq!(s["4-1-3-2"], None);
        let clean: BTreeMap<String, Option<&str>> = suggestions(&report(&[]))
            .into_iter()
            .map(|s| (s.criterion, s.status))
            .collect();
        assert_eq!(clean["4-5-1-4"], Some("met"));
        assert_eq!(clean["4-5-1-7"], Some("met"));
        assert_eq!(clean["4-4-4-1"], None);
        assert_eq!(clean["4-4-4-2"], None);
    }
}
