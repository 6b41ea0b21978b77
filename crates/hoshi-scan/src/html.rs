//! The report as one self-contained HTML page (`hoshi scan --format html`): to open in a browser,
//! mail to a manager or keep as evidence. No script, no external resource; every value from the
//! scan is escaped (banners and page titles come from the scanned hosts and are hostile input).

use std::fmt::Write as _;

use hoshi_core::Lang;
use hoshi_core::text::escape_html as esc;

use crate::findings::Severity;
use crate::report::{Host, Port, Report};
use crate::sweep::State;

const STYLE: &str = "body{font-family:'BIZ UDPGothic','Noto Sans JP','Hiragino Sans',Meiryo,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b2733;line-height:1.6}\
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccd5de}\
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ccd5de;padding:.35rem .5rem;vertical-align:top;text-align:left}\
th{background:#eef3f8}code{font-size:.9em;overflow-wrap:anywhere}.sev{display:inline-block;padding:0 .5rem;border-radius:1rem;font-size:.85em;white-space:nowrap}\
.critical,.high{background:#fde2e2;color:#8a1c1c}.medium{background:#fff1cc;color:#6b4b00}.low,.info{background:#e7edf3;color:#33414e}\
.muted{color:#5a6877;font-size:.9em}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:bold}";

fn sev_class(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "critical",
        Severity::High => "high",
        Severity::Medium => "medium",
        Severity::Low => "low",
        Severity::Info => "info",
    }
}

impl Report {
    /// The report as a self-contained HTML page in `lang`.
    pub fn html(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        let t = |j: &'static str, e: &'static str| if ja { j } else { e };
        let mut o = String::new();
        let _ = write!(
            o,
            "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{}</title><style>{STYLE}</style></head><body>\n<h1>{}</h1>\n<dl>",
            lang.code(),
            t("外部公開状況の検査結果", "Exposure check report"),
            t("外部公開状況の検査結果", "Exposure check report"),
        );
        let s = &self.summary;
        let rows = [
            (
                t("実施日時", "Run"),
                format!("{} → {}", esc(&self.started_at), esc(&self.finished_at)),
            ),
            (
                t("対象", "Targets"),
                format!("<code>{}</code>", esc(&self.request.targets.join(" "))),
            ),
            (
                t("ポート", "Ports"),
                format!(
                    "<code>{}</code> ({})",
                    esc(&self.request.ports),
                    self.request.port_count
                ),
            ),
            (
                t("結果", "Result"),
                if ja {
                    format!(
                        "ホスト {} 台、公開ポート {}、閉 {}、フィルタ {}",
                        s.hosts, s.open, s.closed, s.filtered
                    )
                } else {
                    format!(
                        "{} hosts, {} open ports, {} closed, {} filtered",
                        s.hosts, s.open, s.closed, s.filtered
                    )
                },
            ),
        ];
        for (k, v) in rows {
            let _ = write!(o, "<dt>{k}</dt><dd>{v}</dd>");
        }
        o.push_str("</dl>\n");
        self.findings_html(lang, &mut o);
        self.ports_html(lang, &mut o);
        let _ = write!(
            o,
            "<p class=\"muted\">hoshi {} · {} · {} · {}: {}</p>\n</body></html>\n",
            esc(&self.hoshi_version),
            esc(&self.data.fingerprints),
            esc(if ja {
                &self.data.vulnerabilities_ja
            } else {
                &self.data.vulnerabilities
            }),
            t("送信内容の記録", "probes logged"),
            self.sent.len()
        );
        o
    }

    fn findings_html(&self, lang: Lang, o: &mut String) {
        let ja = lang == Lang::Ja;
        let mut all: Vec<(&Host, &Port, &crate::findings::Finding)> = self
            .hosts
            .iter()
            .flat_map(|h| {
                h.ports
                    .iter()
                    .flat_map(move |p| p.findings.iter().map(move |f| (h, p, f)))
            })
            .collect();
        all.sort_by_key(|(h, p, f)| (f.severity, h.address, p.port));
        let _ = writeln!(
            o,
            "<h2>{}</h2>",
            if ja {
                "指摘（重大なものから）"
            } else {
                "Findings, worst first"
            }
        );
        if all.is_empty() {
            let _ = writeln!(
                o,
                "<p>{}</p>",
                if ja {
                    "指摘はありません。"
                } else {
                    "No findings."
                }
            );
            return;
        }
        let _ = writeln!(
            o,
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            if ja { "重大度" } else { "Severity" },
            if ja { "指摘" } else { "Finding" },
            if ja { "対処" } else { "What to do" }
        );
        for (h, p, f) in all {
            let mut cves = String::new();
            for c in &f.cves {
                let _ = write!(
                    cves,
                    "<br><code>{}</code>{}{}",
                    esc(&c.id),
                    if c.kev { " (KEV)" } else { "" },
                    match (c.ransomware, ja) {
                        (true, true) => " ランサムウェアで使用",
                        (true, false) => " used by ransomware",
                        _ => "",
                    }
                );
            }
            let _ = writeln!(
                o,
                "<tr><td><span class=\"sev {}\">{}</span></td><td><strong>{}</strong><br><code>{}:{}</code>{}<br><span class=\"muted\">{}: {}</span></td><td>{}</td></tr>",
                sev_class(f.severity),
                f.severity.label(lang),
                esc(&f.title),
                esc(&h.host_name.clone().unwrap_or_else(|| h.address.to_string())),
                p.port,
                cves,
                if ja {
                    "関連する要求事項"
                } else {
                    "SCS criteria"
                },
                esc(&f.criteria.join(", ")),
                esc(&f.advice),
            );
        }
        o.push_str("</tbody></table>\n");
    }

    fn ports_html(&self, lang: Lang, o: &mut String) {
        let ja = lang == Lang::Ja;
        let _ = writeln!(
            o,
            "<h2>{}</h2><table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            if ja {
                "公開しているポート"
            } else {
                "Open ports"
            },
            if ja { "ホスト" } else { "Host" },
            if ja { "ポート" } else { "Port" },
            if ja {
                "サービス・製品"
            } else {
                "Service, product"
            },
            if ja { "検出内容" } else { "Seen" },
        );
        for h in &self.hosts {
            for p in h.ports.iter().filter(|p| p.state == State::Open) {
                let what = [
                    p.service.as_deref(),
                    p.product.as_deref(),
                    p.version.as_deref().or(p.build.as_deref()),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
                let _ = writeln!(
                    o,
                    "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td class=\"muted\">{}</td></tr>",
                    esc(&h
                        .host_name
                        .as_ref()
                        .map_or_else(|| h.address.to_string(), |n| format!("{n} ({})", h.address))),
                    p.port,
                    esc(&what),
                    esc(&p.evidence.join(" / ")),
                );
            }
        }
        o.push_str("</tbody></table>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::{Category, finding};
    use crate::report::{Request, Snapshot};

    #[test]
    fn hostile_banners_are_escaped_and_findings_come_worst_first() {
        let port = |n: u16, banner: &str, f| Port {
            port: n,
            state: State::Open,
            service: Some("http".into()),
            vendor: None,
            product: Some("<script>alert(1)</script>".into()),
            version: None,
            build: None,
            tls: None,
            evidence: vec![banner.into()],
            facts: serde_json::Value::Null,
            findings: vec![f],
        };
        let mut r = Report {
            format: 1,
            hoshi_version: "0".into(),
            started_at: "2026-12-02T00:00:00Z".into(),
            finished_at: "2026-12-02T00:00:05Z".into(),
            data: Snapshot {
                fingerprints: "f".into(),
                vulnerabilities: "v".into(),
                vulnerabilities_ja: "v".into(),
                vulnerability_source: crate::vulns::Source::BundledTable,
            },
            request: Request {
                targets: vec!["192.0.2.1".into()],
                ports: "top".into(),
                port_count: 145,
            },
            hosts: vec![Host {
                address: "192.0.2.1".parse().unwrap(),
                host_name: None,
                ports: vec![
                    port(
                        22,
                        "<img src=x onerror=alert(2)>",
                        finding(Category::SshExposed, Severity::Low, "ssh", Lang::Ja, vec![]),
                    ),
                    port(
                        3389,
                        "rdp",
                        finding(
                            Category::RdpExposed,
                            Severity::High,
                            "rdp",
                            Lang::Ja,
                            vec![],
                        ),
                    ),
                ],
                closed: 0,
                filtered: 0,
            }],
            summary: Default::default(),
            stats: Default::default(),
            sent: vec![],
        };
        r.summarise();
        let h = r.html(Lang::Ja);
        assert!(!h.contains("<script>alert"), "{h}");
        assert!(!h.contains("<img src=x"));
        assert!(h.contains("&lt;script&gt;"));
        assert!(h.contains("<html lang=\"ja\">"));
        let high = h.find("sev high").unwrap();
        let low = h.find("sev low").unwrap();
        assert!(high < low, "worst first");
        assert!(r.html(Lang::En).contains("Findings, worst first"));
    }
}
