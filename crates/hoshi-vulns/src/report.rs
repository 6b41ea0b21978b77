//! The patch report in `hoshi vulns`'s stable JSON (format 1), written by the command line and
//! by the web application alike, and read back by the web application to show a kept report.
//!
//! ```json
//! { "format": 1, "hoshi_version": "…", "today": "2026-12-02", "data": "OSV 1,234 records …",
//!   "components": 120,
//!   "findings": [ { "component": { "file": "…", "asset": "NW-001", "name": "…", "version": "…",
//!                                  "purl": null, "cpe": "cpe:2.3:o:…" },
//!                   "id": "CVE-…", "aliases": ["CVE-…"], "severity": "critical", "cvss": 9.8,
//!                   "kev": true, "ransomware": true, "epss": 0.94, "fixed": ["7.2.9"],
//!                   "fix_published": "2026-10-01", "days_open": 62, "overdue": true,
//!                   "why": "…", "translation": { "ja": { "why": "…" } } } ],
//!   "support_ended": [ { "asset": "PC-001", "name": "…", "version": "…", "support_end": "2025-10-14" } ],
//!   "totals": { "findings": 1, "overdue": 1, "kev": 1, "support_ended": 1 } }
//! ```
//!
//! Findings keep the matcher's order (known exploited first, then EPSS, then CVSS).

use hoshi_core::Lang;
use serde::{Deserialize, Serialize};

use crate::check::Finding;
use crate::sbom::Component;

/// Where a checked component came from: the file it was read from and, for the asset
/// register, the asset's number.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Source {
    pub file: Option<String>,
    pub asset: Option<String>,
}

/// An asset whose maker's support has ended (SCS 4-4-4-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportEnded {
    pub asset: String,
    pub name: String,
    #[serde(default)]
    pub version: String,
    pub support_end: String,
}

impl SupportEnded {
    /// The register entry, when its support end lies before `today` (`YYYY-MM-DD`).
    pub fn of(a: &hoshi_core::asset::AssetInput, today: &str) -> Option<SupportEnded> {
        a.support_ended(today).then(|| SupportEnded {
            asset: a.tag.clone(),
            name: a.name.clone(),
            version: format!("{} {}", a.os, a.version).trim().to_string(),
            support_end: a.support_end.clone(),
        })
    }
}

/// How a register entry that gave nothing to check is listed in `unchecked`.
pub fn unchecked_label(a: &hoshi_core::asset::AssetInput) -> String {
    format!("{} {}", a.tag, a.name)
}

/// The component of a finding as the report holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportComponent {
    #[serde(default)]
    pub file: Option<String>,
    #[serde(default)]
    pub asset: Option<String>,
    pub name: String,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub purl: Option<String>,
    #[serde(default)]
    pub cpe: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Translated {
    #[serde(default)]
    pub why: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Translations {
    #[serde(default)]
    pub ja: Translated,
}

/// One finding as the report holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportFinding {
    pub component: ReportComponent,
    pub id: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub severity: String,
    #[serde(default)]
    pub cvss: Option<f64>,
    #[serde(default)]
    pub kev: bool,
    #[serde(default)]
    pub ransomware: bool,
    #[serde(default)]
    pub epss: Option<f64>,
    #[serde(default)]
    pub fixed: Vec<String>,
    #[serde(default)]
    pub fix_published: Option<String>,
    #[serde(default)]
    pub days_open: Option<i64>,
    #[serde(default)]
    pub overdue: bool,
    #[serde(default)]
    pub why: String,
    #[serde(default)]
    pub translation: Translations,
}

impl ReportFinding {
    /// Why it matched, in the reader's language.
    pub fn why_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja if !self.translation.ja.why.is_empty() => &self.translation.ja.why,
            _ => &self.why,
        }
    }

    /// Critical/High or CVSS ≥ 7.0: the findings the 14-day rule is about.
    pub fn serious(&self) -> bool {
        matches!(self.severity.as_str(), "critical" | "high") || self.cvss.is_some_and(|s| s >= 7.0)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub findings: usize,
    pub overdue: usize,
    pub kev: usize,
    #[serde(default)]
    pub support_ended: usize,
}

/// A whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub format: u32,
    pub hoshi_version: String,
    pub today: String,
    /// The data snapshot, in English (the manifest's words).
    pub data: String,
    pub components: usize,
    pub findings: Vec<ReportFinding>,
    #[serde(default)]
    pub support_ended: Vec<SupportEnded>,
    /// Assets of the register that gave nothing to check (no version, CPE or software list).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unchecked: Vec<String>,
    pub totals: Totals,
    /// The data snapshot in Japanese (`{"ja": {"data": "…"}}`), when the writer knew it.
    #[serde(default, skip_serializing_if = "ReportTranslations::is_empty")]
    pub translation: ReportTranslations,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportTranslated {
    #[serde(default)]
    pub data: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportTranslations {
    #[serde(default)]
    pub ja: ReportTranslated,
}

impl ReportTranslations {
    fn is_empty(&self) -> bool {
        self.ja.data.is_empty()
    }
}

impl Report {
    /// The data snapshot in the reader's language.
    pub fn data_in(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja if !self.translation.ja.data.is_empty() => &self.translation.ja.data,
            _ => &self.data,
        }
    }

    /// Builds the report of a check: `items` are the checked components with their source (in
    /// the order given to the matcher), `found` what it returned.
    pub fn build(
        items: &[(Source, Component)],
        found: &[Finding],
        support_ended: Vec<SupportEnded>,
        data: &str,
        today: &str,
    ) -> Report {
        let findings: Vec<ReportFinding> = found
            .iter()
            .filter_map(|f| {
                let (src, c) = items.get(f.component)?;
                Some(ReportFinding {
                    component: ReportComponent {
                        file: src.file.clone(),
                        asset: src.asset.clone(),
                        name: c.name.clone(),
                        version: c.version.clone(),
                        purl: c.purl.as_ref().map(ToString::to_string),
                        cpe: c.cpe.clone(),
                    },
                    id: f.id.clone(),
                    aliases: f.cves.clone(),
                    severity: f.severity.clone(),
                    cvss: f.cvss,
                    kev: f.kev,
                    ransomware: f.ransomware,
                    epss: f.epss,
                    fixed: f.fixed.clone(),
                    fix_published: f.fix_published.clone(),
                    days_open: f.days_open,
                    overdue: f.overdue,
                    why: f.why.describe(Lang::En),
                    translation: Translations {
                        ja: Translated {
                            why: f.why.describe(Lang::Ja),
                        },
                    },
                })
            })
            .collect();
        let totals = Totals {
            findings: findings.len(),
            overdue: findings.iter().filter(|f| f.overdue).count(),
            kev: findings.iter().filter(|f| f.kev).count(),
            support_ended: support_ended.len(),
        };
        Report {
            format: 1,
            hoshi_version: env!("CARGO_PKG_VERSION").to_string(),
            today: today.to_string(),
            data: data.to_string(),
            components: items.len(),
            findings,
            support_ended,
            unchecked: Vec::new(),
            totals,
            translation: ReportTranslations::default(),
        }
    }

    /// The report as pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// A kept report read back.
    pub fn parse(s: &str) -> Result<Report, String> {
        serde_json::from_str(s).map_err(|e| e.to_string())
    }

    /// What the report suggests for SCS 4-4-4-2 (serious fixes within 14 days) and 4-4-4-1
    /// (supported products only): `met` when nothing is overdue / past support, else `not_met`.
    pub fn suggestions(&self) -> [(&'static str, bool); 2] {
        [
            ("4-4-4-1", self.support_ended.is_empty()),
            (
                "4-4-4-2",
                !self.findings.iter().any(|f| f.overdue && f.serious()),
            ),
        ]
    }
}

/// A severity word in the reader's language (the words JVN and vendors use in Japanese).
pub fn severity_label(s: &str, lang: Lang) -> &'static str {
    match (s, lang) {
        ("critical", Lang::Ja) => "緊急",
        ("high", Lang::Ja) => "重要",
        ("medium", Lang::Ja) => "警告",
        ("low", Lang::Ja) => "注意",
        (_, Lang::Ja) => "不明",
        ("critical", Lang::En) => "Critical",
        ("high", Lang::En) => "High",
        ("medium", Lang::En) => "Medium",
        ("low", Lang::En) => "Low",
        (_, Lang::En) => "Unknown",
    }
}

impl ReportFinding {
    fn where_(&self) -> String {
        let c = &self.component;
        let what = format!("{} {}", c.name, c.version.as_deref().unwrap_or("?"));
        match &c.asset {
            Some(a) => format!("{a}: {what}"),
            None => what,
        }
    }

    fn exploited(&self, lang: Lang) -> &'static str {
        match (self.kev, self.ransomware, lang) {
            (true, true, Lang::Ja) => "悪用確認済み・ランサムウェアで使用",
            (true, false, Lang::Ja) => "悪用確認済み",
            (true, true, Lang::En) => "known exploited, used by ransomware",
            (true, false, Lang::En) => "known exploited",
            _ => "",
        }
    }

    fn published(&self, lang: Lang) -> Option<String> {
        let (p, d) = (self.fix_published.as_ref()?, self.days_open?);
        Some(match (lang, self.overdue) {
            (Lang::Ja, true) => {
                format!("公表 {p}（{d} 日経過）: 14 日以内の適用期限を過ぎています")
            }
            (Lang::Ja, false) => format!("公表 {p}（{d} 日経過）"),
            (Lang::En, true) => format!("published {p} ({d} days ago): past the 14-day rule"),
            (Lang::En, false) => format!("published {p} ({d} days ago)"),
        })
    }
}

impl Report {
    fn headline(&self, lang: Lang) -> String {
        let t = &self.totals;
        match lang {
            Lang::Ja => format!(
                "構成要素 {} 件を確認しました（{} 時点）: 脆弱性 {} 件、うち 14 日を超えて未対応 {} 件、悪用確認済み（KEV）{} 件、サポート終了 {} 件",
                self.components, self.today, t.findings, t.overdue, t.kev, t.support_ended
            ),
            Lang::En => format!(
                "{} components checked on {}: {} vulnerabilities, {} open past 14 days, {} known exploited (KEV), {} past support",
                self.components, self.today, t.findings, t.overdue, t.kev, t.support_ended
            ),
        }
    }

    fn days_note(lang: Lang) -> &'static str {
        match lang {
            Lang::Ja => {
                "経過日数は勧告の公表日から数えています（修正版はそれ以前に公開されていることがほとんどです）。"
            }
            Lang::En => {
                "Days are counted from the advisory's publication (the fix was nearly always public by then)."
            }
        }
    }

    /// The report for a terminal, worst first.
    pub fn to_text(&self, lang: Lang, data: &str) -> String {
        use std::fmt::Write as _;
        let ja = lang == Lang::Ja;
        let mut o = String::new();
        let _ = writeln!(o, "{}", self.headline(lang));
        for s in &self.support_ended {
            let _ = writeln!(
                o,
                "\n[{}] {}: {} {} — {}",
                if ja {
                    "サポート終了"
                } else {
                    "support ended"
                },
                s.asset,
                s.name,
                s.version,
                s.support_end
            );
        }
        for f in &self.findings {
            let aliases: Vec<&String> = f.aliases.iter().filter(|a| **a != f.id).collect();
            let _ = writeln!(
                o,
                "\n[{}] {} — {}{}{}",
                severity_label(&f.severity, lang),
                f.where_(),
                f.id,
                if aliases.is_empty() {
                    String::new()
                } else {
                    format!(
                        " ({})",
                        aliases
                            .iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                },
                match f.exploited(lang) {
                    "" => String::new(),
                    e => format!(" {e}"),
                }
            );
            let _ = writeln!(
                o,
                "    {}: {}",
                if ja { "該当" } else { "matched" },
                f.why_in(lang)
            );
            if !f.fixed.is_empty() {
                let _ = writeln!(
                    o,
                    "    {}: {}",
                    if ja { "修正版" } else { "fixed in" },
                    f.fixed.join(", ")
                );
            }
            if let Some(p) = f.published(lang) {
                let _ = writeln!(o, "    {p}");
            }
        }
        if !self.unchecked.is_empty() {
            let _ = writeln!(
                o,
                "\n{}: {}",
                if ja {
                    "照合できなかった資産（バージョン・CPE・ソフトウェア一覧なし）"
                } else {
                    "assets not checked (no version, CPE or software list)"
                },
                self.unchecked.join(", ")
            );
        }
        let _ = writeln!(
            o,
            "\n{}: {data}",
            if ja { "使用したデータ" } else { "data" }
        );
        o.push_str(Report::days_note(lang));
        o.push('\n');
        o
    }

    /// The assets past support, as a table (nothing when there are none).
    fn html_support(&self, o: &mut String, lang: Lang) {
        use hoshi_core::text::escape_html as e;
        use std::fmt::Write as _;
        let ja = lang == Lang::Ja;
        let l = |j: &'static str, en: &'static str| if ja { j } else { en };
        if !self.support_ended.is_empty() {
            let _ = write!(
                o,
                "<h2>{}</h2>\n<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
                l(
                    "サポートが終了した資産（4-4-4-1）",
                    "Past support (4-4-4-1)"
                ),
                l("資産", "Asset"),
                l("名称", "Name"),
                l("OS・ファームウェア", "OS or firmware"),
                l("サポート終了日", "Support end")
            );
            for s in &self.support_ended {
                let _ = writeln!(
                    o,
                    "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"bad\">{}</td></tr>",
                    e(&s.asset),
                    e(&s.name),
                    e(&s.version),
                    e(&s.support_end)
                );
            }
            o.push_str("</table>\n");
        }
    }

    /// The report as one self-contained HTML page (no script, no outside resource; every value
    /// escaped), worst first.
    pub fn to_html(&self, lang: Lang, data: &str) -> String {
        use hoshi_core::text::escape_html as e;
        use std::fmt::Write as _;
        let ja = lang == Lang::Ja;
        let l = |j: &'static str, en: &'static str| if ja { j } else { en };
        let mut o = String::new();
        let _ = write!(
            o,
            "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title>\
<style>body{{font-family:sans-serif;margin:2em;color:#222}}table{{border-collapse:collapse;width:100%}}\
th,td{{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}}\
.bad{{color:#a40000;font-weight:bold}}small{{color:#555}}</style></head><body>\n<h1>{}</h1>\n<p>{}</p>\n",
            if ja { "ja" } else { "en" },
            l("脆弱性の照合結果", "Vulnerability check"),
            l("脆弱性の照合結果", "Vulnerability check"),
            e(&self.headline(lang))
        );
        self.html_support(&mut o, lang);
        let _ = writeln!(
            o,
            "<h2>{}</h2>",
            l(
                "脆弱性（悪用確認済み、EPSS、CVSS の順）",
                "Vulnerabilities (known exploited, EPSS, CVSS first)"
            )
        );
        if self.findings.is_empty() {
            let _ = writeln!(
                o,
                "<p>{}</p>",
                l(
                    "既知の脆弱性は見つかりませんでした（取り込まれたデータの範囲で）。",
                    "No known vulnerability was found (within the imported data)."
                )
            );
        } else {
            let _ = writeln!(
                o,
                "<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
                l("深刻度", "Severity"),
                l("資産・製品", "Asset and product"),
                l("識別子", "Identifier"),
                l("修正版", "Fixed in"),
                l("公表日・経過日数", "Published, days open")
            );
            for f in &self.findings {
                let sev = match f.cvss {
                    Some(c) => format!("{} (CVSS {c:.1})", severity_label(&f.severity, lang)),
                    None => severity_label(&f.severity, lang).to_string(),
                };
                let _ = writeln!(
                    o,
                    "<tr><td>{}{}</td><td>{}<br><small>{}: {}</small></td><td>{}</td><td>{}</td><td{}>{}</td></tr>",
                    e(&sev),
                    match f.exploited(lang) {
                        "" => String::new(),
                        x => format!("<br><span class=\"bad\">{}</span>", e(x)),
                    },
                    e(&f.where_()),
                    l("該当", "matched"),
                    e(f.why_in(lang)),
                    e(&f.id),
                    e(&f.fixed.join(", ")),
                    if f.overdue { " class=\"bad\"" } else { "" },
                    e(&f.published(lang).unwrap_or_default())
                );
            }
            o.push_str("</table>\n");
        }
        if !self.unchecked.is_empty() {
            let _ = writeln!(
                o,
                "<h2>{}</h2>\n<p>{}</p>",
                l("照合できなかった資産", "Assets not checked"),
                e(&self.unchecked.join(", "))
            );
        }
        let _ = writeln!(
            o,
            "<p><small>{}: {}<br>{}</small></p>\n</body></html>",
            l("使用したデータ", "Data"),
            e(data),
            e(Report::days_note(lang))
        );
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_reads_back_as_written() {
        let r = Report {
            format: 1,
            hoshi_version: "0.1.0".into(),
            today: "2026-12-02".into(),
            data: "OSV 2 records".into(),
            components: 3,
            findings: vec![ReportFinding {
                component: ReportComponent {
                    file: None,
                    asset: Some("NW-001".into()),
                    name: "fortios".into(),
                    version: Some("7.2.8".into()),
                    purl: None,
                    cpe: Some("cpe:2.3:o:fortinet:fortios:7.2.8:*:*:*:*:*:*:*".into()),
                },
                id: "CVE-2024-47575".into(),
                aliases: vec!["CVE-2024-47575".into()],
                severity: "critical".into(),
                cvss: Some(9.8),
                kev: true,
                ransomware: false,
                epss: None,
                fixed: vec![],
                fix_published: Some("2024-10-23".into()),
                days_open: Some(770),
                overdue: true,
                why: "version 7.2.8 …".into(),
                translation: Translations {
                    ja: Translated {
                        why: "バージョン 7.2.8 …".into(),
                    },
                },
            }],
            support_ended: vec![],
            unchecked: vec![],
            translation: ReportTranslations::default(),
            totals: Totals {
                findings: 1,
                overdue: 1,
                kev: 1,
                support_ended: 0,
            },
        };
        let back = Report::parse(&r.to_json()).unwrap();
        assert_eq!(back, r);
        assert_eq!(back.findings[0].why_in(Lang::Ja), "バージョン 7.2.8 …");
        assert_eq!(back.suggestions(), [("4-4-4-1", true), ("4-4-4-2", false)]);
        let html = back.to_html(Lang::Ja, "<data>");
        assert!(html.contains("NW-001: fortios 7.2.8"));
        assert!(html.contains("&lt;data&gt;"), "values are escaped");
        assert!(!html.contains("<script"));
        let text = back.to_text(Lang::En, "d");
        assert!(text.contains("[Critical] NW-001: fortios 7.2.8 — CVE-2024-47575 known exploited"));
    }
}
