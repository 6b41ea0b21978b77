//! The scan's result as data (the JSON format, `format = 1`, documented in `docs/scan.md` and
//! kept stable: fields are only ever added) and as text for a terminal.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::net::IpAddr;

use hoshi_core::Lang;
use serde::Serialize;

use crate::findings::{Finding, Severity};
use crate::sweep::{State, Stats};
use crate::tls::TlsInfo;

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The JSON format's version.
    pub format: u32,
    pub hoshi_version: String,
    pub started_at: String,
    pub finished_at: String,
    /// The knowledge the scan used (fingerprints and vulnerability data, with their dates).
    pub data: Snapshot,
    pub request: Request,
    pub hosts: Vec<Host>,
    pub summary: Summary,
    pub stats: Stats,
    /// Everything the probes sent, in order (connection attempts of the sweep not included:
    /// they carry no data).
    pub sent: Vec<crate::Sent>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Snapshot {
    pub fingerprints: String,
    /// The vulnerability data that judged firmware versions, in one line (English).
    pub vulnerabilities: String,
    /// The same in Japanese.
    pub vulnerabilities_ja: String,
    /// `bundled-table` or `imported-index`.
    pub vulnerability_source: crate::vulns::Source,
}

#[derive(Debug, Clone, Serialize)]
pub struct Request {
    pub targets: Vec<String>,
    pub ports: String,
    pub port_count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Host {
    pub address: IpAddr,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host_name: Option<String>,
    /// Open and filtered ports (closed ones too when asked), each with what was seen.
    pub ports: Vec<Port>,
    /// How many ports refused the connection (not listed one by one unless asked).
    pub closed: usize,
    pub filtered: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Port {
    pub port: u16,
    pub state: State,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vendor: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub build: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls: Option<TlsInfo>,
    /// What was seen, in words (banners, headers, markers, paths).
    pub evidence: Vec<String>,
    /// Protocol details (SSH algorithms, the RDP security protocol, HTTP title…).
    #[serde(skip_serializing_if = "serde_json::Value::is_null")]
    pub facts: serde_json::Value,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub hosts: usize,
    pub open: usize,
    pub closed: usize,
    pub filtered: usize,
    /// Findings per severity.
    pub findings: BTreeMap<Severity, usize>,
    /// The worst severity found, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub worst: Option<Severity>,
}

/// A port's state as the text report writes it.
fn state_label(s: State, lang: Lang) -> &'static str {
    match (s, lang) {
        (State::Open, Lang::Ja) => "公開",
        (State::Closed, Lang::Ja) => "閉",
        (State::Filtered, Lang::Ja) => "フィルタ",
        (State::Open, Lang::En) => "open",
        (State::Closed, Lang::En) => "closed",
        (State::Filtered, Lang::En) => "filtered",
    }
}

impl Report {
    /// Fills in the summary from the hosts.
    pub fn summarise(&mut self) {
        let mut s = Summary {
            hosts: self.hosts.len(),
            ..Summary::default()
        };
        for h in &self.hosts {
            s.closed += h.closed;
            s.filtered += h.filtered;
            for p in &h.ports {
                if p.state == State::Open {
                    s.open += 1;
                }
                for f in &p.findings {
                    *s.findings.entry(f.severity).or_default() += 1;
                    s.worst = Some(s.worst.map_or(f.severity, |w| w.min(f.severity)));
                }
            }
        }
        self.summary = s;
    }

    /// The report for a terminal: the worst findings first, then every host's open ports.
    pub fn text(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        let mut o = String::new();
        let _ = writeln!(
            o,
            "{} {} → {}",
            if ja { "スキャン" } else { "Scan" },
            self.started_at,
            self.finished_at
        );
        let _ = writeln!(
            o,
            "{}: {} / {}: {} ({} {})",
            if ja { "対象" } else { "targets" },
            self.request.targets.join(" "),
            if ja { "ポート" } else { "ports" },
            self.request.ports,
            self.request.port_count,
            if ja { "個" } else { "ports" }
        );
        let _ = writeln!(
            o,
            "{}: {}",
            if ja {
                "脆弱性データ"
            } else {
                "vulnerability data"
            },
            if ja {
                &self.data.vulnerabilities_ja
            } else {
                &self.data.vulnerabilities
            }
        );
        let s = &self.summary;
        let _ = writeln!(
            o,
            "{}",
            if ja {
                format!(
                    "ホスト {} 台、開いているポート {}、閉じている {}、フィルタ {}",
                    s.hosts, s.open, s.closed, s.filtered
                )
            } else {
                format!(
                    "{} hosts, {} open ports, {} closed, {} filtered",
                    s.hosts, s.open, s.closed, s.filtered
                )
            }
        );
        self.findings_text(lang, &mut o);
        self.hosts_text(lang, &mut o);
        o
    }

    /// Every finding, the worst first.
    fn findings_text(&self, lang: Lang, o: &mut String) {
        let ja = lang == Lang::Ja;
        let mut all: Vec<(&Host, &Port, &Finding)> = self
            .hosts
            .iter()
            .flat_map(|h| {
                h.ports
                    .iter()
                    .flat_map(move |p| p.findings.iter().map(move |f| (h, p, f)))
            })
            .collect();
        all.sort_by_key(|(h, p, f)| (f.severity, h.address, p.port));
        if !all.is_empty() {
            let _ = writeln!(
                o,
                "\n{}",
                if ja {
                    "## 指摘（重大なものから）"
                } else {
                    "## Findings (worst first)"
                }
            );
        }
        for (h, p, f) in all {
            let _ = writeln!(
                o,
                "[{}] {}:{} {}",
                f.severity.label(lang),
                h.address,
                p.port,
                f.title
            );
            for c in &f.cves {
                let _ = writeln!(
                    o,
                    "    {}{}{}",
                    c.id,
                    if c.kev { " (KEV)" } else { "" },
                    if c.ransomware {
                        if ja {
                            " ランサムウェアでの悪用あり"
                        } else {
                            " used by ransomware"
                        }
                    } else {
                        ""
                    }
                );
            }
            let _ = writeln!(o, "    → {}", f.advice);
            let _ = writeln!(
                o,
                "    {}: {}",
                if ja {
                    "関連する評価基準"
                } else {
                    "criteria"
                },
                f.criteria.join(", ")
            );
        }
    }

    /// Every host with its open ports.
    fn hosts_text(&self, lang: Lang, o: &mut String) {
        let ja = lang == Lang::Ja;
        for h in &self.hosts {
            let name = h
                .host_name
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default();
            let _ = writeln!(o, "\n## {}{name}", h.address);
            for p in &h.ports {
                let what: Vec<&str> = [&p.service, &p.product, &p.version, &p.build]
                    .into_iter()
                    .filter_map(|x| x.as_deref())
                    .collect();
                let _ = writeln!(
                    o,
                    "{:>5}/tcp {:<8} {}",
                    p.port,
                    state_label(p.state, lang),
                    what.join(" ")
                );
                if let Some(t) = &p.tls
                    && let Some(c) = &t.certificate
                {
                    let _ = writeln!(o, "          TLS {} · {}", t.version, c.subject);
                }
            }
            let _ = writeln!(
                o,
                "{}",
                if ja {
                    format!("閉じているポート {}、フィルタ {}", h.closed, h.filtered)
                } else {
                    format!("{} closed, {} filtered", h.closed, h.filtered)
                }
            );
        }
    }
}
