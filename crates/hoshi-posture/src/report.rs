//! The result of checking one or more domains, as text for a terminal and as JSON
//! (`hoshi-posture/1`, documented in the crate's README).

use serde::Serialize;

use crate::check::DomainReport;
use crate::finding::Severity;

#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    pub domains: usize,
    pub high: usize,
    pub medium: usize,
    pub low: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub format: &'static str,
    /// Seconds since 1970 when the check ran.
    pub checked_at: i64,
    pub domains: Vec<DomainReport>,
    pub totals: Totals,
}

impl Report {
    pub fn new(checked_at: i64, domains: Vec<DomainReport>) -> Report {
        let count = |s: Severity| {
            domains
                .iter()
                .flat_map(|d| &d.findings)
                .filter(|f| f.severity == s)
                .count()
        };
        Report {
            format: "hoshi-posture/1",
            checked_at,
            totals: Totals {
                domains: domains.len(),
                high: count(Severity::High),
                medium: count(Severity::Medium),
                low: count(Severity::Low),
            },
            domains,
        }
    }

    /// Worst finding over every domain.
    pub fn worst(&self) -> Severity {
        self.domains
            .iter()
            .map(|d| d.worst)
            .max()
            .unwrap_or(Severity::Good)
    }

    pub fn to_text(&self, ja: bool) -> String {
        let mut s = String::new();
        for d in &self.domains {
            s.push_str(&format!(
                "== {} — {} {}\n",
                d.domain,
                if ja {
                    "最も重い指摘:"
                } else {
                    "worst finding:"
                },
                d.worst.label(ja)
            ));
            for f in &d.findings {
                s.push_str(&format!(
                    "[{}] {} {}: {}\n",
                    f.severity.label(ja),
                    f.area.label(),
                    f.code,
                    printable(f.text(ja))
                ));
                if let Some(p) = &f.publish {
                    if p.kind == "file" {
                        s.push_str(&format!(
                            "    {} {}\n",
                            if ja {
                                "置くファイル:"
                            } else {
                                "file to serve:"
                            },
                            printable(&p.name)
                        ));
                        for line in p.value.lines() {
                            s.push_str(&format!("      {}\n", printable(line)));
                        }
                    } else {
                        s.push_str(&format!(
                            "    {} {}. IN {} \"{}\"\n",
                            if ja {
                                "公開するレコード:"
                            } else {
                                "record to publish:"
                            },
                            printable(&p.name),
                            p.kind,
                            printable(&p.value)
                        ));
                    }
                }
            }
            s.push('\n');
        }
        s.push_str(&if ja {
            format!(
                "{} ドメイン: 重大 {}、要対応 {}、推奨 {}\n",
                self.totals.domains, self.totals.high, self.totals.medium, self.totals.low
            )
        } else {
            format!(
                "{} domain(s): {} serious, {} to fix, {} recommended\n",
                self.totals.domains, self.totals.high, self.totals.medium, self.totals.low
            )
        });
        s
    }
}

/// Records come from other people's DNS: control characters never reach the terminal.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}
