//! A posture report as one self-contained, printable HTML page: kept as the organisation's
//! evidence, shown on the web. Everything from DNS or the servers is escaped.

use std::fmt::Write;

use hoshi_core::text::escape_html as esc;

use crate::check::DomainReport;
use crate::report::Report;

/// The report in Japanese (`ja`) or English.
pub fn render(report: &Report, ja: bool) -> String {
    let t = |j: &'static str, e: &'static str| if ja { j } else { e };
    let title = t("メールドメインの設定の確認結果", "Mail domain posture");
    let (y, m, d, hh, mm, _) = hoshi_core::time::civil(report.checked_at);
    let mut o = format!("<h1>{title}</h1>\n<dl>");
    let _ = write!(
        o,
        "<dt>{}</dt><dd>{y:04}-{m:02}-{d:02} {hh:02}:{mm:02} UTC</dd><dt>{}</dt><dd>{}</dd></dl>",
        t("確認日時", "Checked"),
        t("指摘の数", "Findings"),
        if ja {
            format!(
                "重大 {}、要対応 {}、推奨 {}",
                report.totals.high, report.totals.medium, report.totals.low
            )
        } else {
            format!(
                "{} serious, {} to fix, {} recommended",
                report.totals.high, report.totals.medium, report.totals.low
            )
        }
    );
    for dom in &report.domains {
        domain_section(&mut o, dom, ja);
    }
    let _ = write!(
        o,
        "<p class=\"muted\">{}</p>",
        t(
            "hoshi がこの日時に DNS と各サーバーへの接続で確かめた内容です。DNS の問い合わせに失敗した項目は「確認できませんでした」と示しています。",
            "What hoshi found in DNS and by connecting to the servers at the time above. Items whose DNS query failed are marked as not checked.",
        )
    );
    hoshi_core::html::page(
        if ja { "ja" } else { "en" },
        title,
        "td.sevcol{width:6rem}",
        &o,
    )
}

fn domain_section(o: &mut String, d: &DomainReport, ja: bool) {
    let t = |j: &'static str, e: &'static str| if ja { j } else { e };
    let _ = write!(
        o,
        "<h2>{} <span class=\"sev {}\">{}</span></h2>\n<table><tr><th>{}</th><th>{}</th><th>{}</th></tr>\n",
        esc(&d.domain),
        d.worst.code(),
        d.worst.label(ja),
        t("重さ", "Weight"),
        t("項目", "Area"),
        t("内容と対応", "Finding and what to do"),
    );
    for f in &d.findings {
        let _ = write!(
            o,
            "<tr><td class=\"sevcol\"><span class=\"sev {}\">{}</span></td><td>{}<br><code class=\"muted\">{}</code></td><td>{}",
            f.severity.code(),
            f.severity.label(ja),
            f.area.label(),
            f.code,
            esc(f.text(ja)),
        );
        if let Some(p) = &f.publish {
            let what = if p.kind == "file" {
                t("置くファイル", "File to serve")
            } else {
                t("公開するレコード", "Record to publish")
            };
            let value = if p.kind == "file" {
                format!("{}\n{}", p.name, p.value)
            } else {
                format!("{}. IN {} \"{}\"", p.name, p.kind, p.value)
            };
            let _ = write!(
                o,
                "<br><span class=\"muted\">{what}</span><pre>{}</pre>",
                esc(&value)
            );
        }
        o.push_str("</td></tr>\n");
    }
    o.push_str("</table>\n");
    records(o, d, ja);
}

fn records(o: &mut String, d: &DomainReport, ja: bool) {
    let t = |j: &'static str, e: &'static str| if ja { j } else { e };
    let r = &d.records;
    let none = t("（なし）", "(none)");
    let or_none = |v: Option<&String>| v.map_or_else(|| none.to_string(), |s| esc(s));
    let _ = write!(
        o,
        "<details><summary>{}</summary><dl>",
        t("見つかったレコード", "Records found")
    );
    let spf = if r.spf.is_empty() {
        none.to_string()
    } else {
        r.spf
            .iter()
            .map(|s| esc(s))
            .collect::<Vec<_>>()
            .join("<br>")
    };
    let _ = write!(o, "<dt>SPF</dt><dd><code>{spf}</code></dd>");
    let _ = write!(
        o,
        "<dt>DMARC</dt><dd><code>{}</code>{}</dd>",
        or_none(r.dmarc.as_ref()),
        r.dmarc_at
            .as_ref()
            .map(|a| format!(" <span class=\"muted\">({})</span>", esc(a)))
            .unwrap_or_default()
    );
    for k in &r.dkim {
        let _ = write!(
            o,
            "<dt>DKIM {}</dt><dd><code>{}</code></dd>",
            esc(&k.selector),
            esc(&k.record)
        );
    }
    for m in &r.mx {
        let _ = write!(
            o,
            "<dt>MX {}</dt><dd>{} {} {}</dd>",
            m.preference,
            esc(&m.host),
            m.address.as_deref().map(esc).unwrap_or_default(),
            m.tls.as_deref().map(esc).unwrap_or_default()
        );
    }
    let _ = write!(
        o,
        "<dt>MTA-STS</dt><dd><code>{}</code></dd><dt>TLS-RPT</dt><dd><code>{}</code></dd></dl></details>",
        or_none(r.mta_sts.as_ref()),
        or_none(r.tls_rpt.as_ref())
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Records;
    use crate::finding::{Area, Finding, Severity};

    #[test]
    fn escapes_what_dns_said() {
        let d = DomainReport {
            domain: "example.co.jp".into(),
            worst: Severity::Medium,
            records: Records {
                spf: vec!["v=spf1 <script>alert(1)</script> -all".into()],
                ..Records::default()
            },
            findings: vec![
                Finding::new(
                    Area::Dmarc,
                    "dmarc_policy_none",
                    Severity::Medium,
                    "p=none です <b>",
                    "p=none <b>",
                )
                .publish("_dmarc.example.co.jp", "TXT", "v=DMARC1; p=quarantine"),
            ],
        };
        let page = render(&Report::new(1_796_256_000, vec![d]), true);
        assert!(!page.contains("<script>") && !page.contains("です <b>"));
        assert!(page.contains("&lt;script&gt;"));
        assert!(page.contains("_dmarc.example.co.jp. IN TXT &quot;v=DMARC1; p=quarantine&quot;"));
        assert!(page.contains("<html lang=\"ja\">") && page.contains("2026-12-03"));
    }
}
