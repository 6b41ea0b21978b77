//! A kept posture check read back for the page: the `hoshi-posture/1` report as stored, turned
//! into rows in the reader's language — findings worst first with the record or file to publish,
//! and the records found per domain. Everything in it came from other people's DNS and servers;
//! askama escapes it.

use hoshi_posture::Severity;

use crate::kernel::prelude::*;

#[derive(Deserialize, Default)]
#[serde(default)]
struct ReportV {
    domains: Vec<DomainV>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DomainV {
    domain: String,
    worst: String,
    records: RecordsV,
    findings: Vec<FindingV>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RecordsV {
    spf: Vec<String>,
    dmarc: Option<String>,
    dmarc_at: Option<String>,
    dkim: Vec<DkimV>,
    mx: Vec<MxV>,
    mta_sts: Option<String>,
    mta_sts_policy: Option<String>,
    tls_rpt: Option<String>,
    spf_lookups: u32,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DkimV {
    selector: String,
    record: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MxV {
    preference: u16,
    host: String,
    address: Option<String>,
    tls: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct FindingV {
    area: String,
    code: String,
    severity: String,
    ja: String,
    en: String,
    publish: Option<PublishV>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PublishV {
    name: String,
    kind: String,
    value: String,
}

/// A severity as stored (`high` … `good`); anything else reads as information.
pub(super) fn severity(code: &str) -> Severity {
    match code {
        "high" => Severity::High,
        "medium" => Severity::Medium,
        "low" => Severity::Low,
        "good" => Severity::Good,
        _ => Severity::Info,
    }
}

/// The status colour a severity is shown in.
pub(super) fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::High => "s-not-met",
        Severity::Medium | Severity::Low => "s-partial",
        Severity::Info => "s-unanswered",
        Severity::Good => "s-met",
    }
}

/// One finding as shown.
pub(super) struct FindingRow {
    pub label: &'static str,
    pub class: &'static str,
    pub area: String,
    pub code: String,
    pub text: String,
    /// What to publish: the heading and the text for `<pre>`.
    pub publish: Option<(String, String)>,
}

/// One domain as shown.
pub(super) struct DomainRow {
    pub domain: String,
    pub worst_label: &'static str,
    pub worst_class: &'static str,
    pub findings: Vec<FindingRow>,
    /// (record type, what was found; empty: none).
    pub found: Vec<(String, Vec<String>)>,
}

fn area_label(code: &str) -> String {
    match code {
        "spf" => "SPF",
        "dkim" => "DKIM",
        "dmarc" => "DMARC",
        "mta_sts" => "MTA-STS",
        "tls_rpt" => "TLS-RPT",
        "mx" => "MX",
        other => other,
    }
    .to_string()
}

fn finding_row(f: FindingV, t: &Tr) -> FindingRow {
    let s = severity(&f.severity);
    let ja = t.lang == Lang::Ja;
    let publish = f.publish.map(|p| {
        if p.kind == "file" {
            (format!("{}: {}", t.s("posture_file"), p.name), p.value)
        } else {
            (
                t.s("posture_publish").to_string(),
                format!("{}. IN {} \"{}\"", p.name, p.kind, p.value),
            )
        }
    });
    FindingRow {
        label: s.label(ja),
        class: severity_class(s),
        area: area_label(&f.area),
        code: f.code,
        text: if ja { f.ja } else { f.en },
        publish,
    }
}

fn found(r: RecordsV, t: &Tr) -> Vec<(String, Vec<String>)> {
    let mut spf = r.spf;
    if !spf.is_empty() {
        spf.push(format!("{}: {}", t.s("posture_lookups"), r.spf_lookups));
    }
    let mut dmarc: Vec<String> = r.dmarc.into_iter().collect();
    if let Some(at) = r.dmarc_at.filter(|_| !dmarc.is_empty()) {
        dmarc.push(format!("{}: {at}", t.s("posture_published_at")));
    }
    let dkim = r
        .dkim
        .into_iter()
        .map(|k| format!("{}: {}", k.selector, k.record))
        .collect();
    let mx =
        r.mx.into_iter()
            .map(|m| {
                let mut s = format!("{} {}", m.preference, m.host);
                for extra in [m.address, m.tls].into_iter().flatten() {
                    s.push_str(" — ");
                    s.push_str(&extra);
                }
                s
            })
            .collect();
    let sts = r.mta_sts.into_iter().chain(r.mta_sts_policy).collect();
    vec![
        ("SPF".into(), spf),
        ("DMARC".into(), dmarc),
        ("DKIM".into(), dkim),
        ("MX".into(), mx),
        ("MTA-STS".into(), sts),
        ("TLS-RPT".into(), r.tls_rpt.into_iter().collect()),
    ]
}

/// The stored report as rows; `None` when it cannot be read (a format this version does not
/// know).
pub(super) fn domains(report: &str, t: &Tr) -> Option<Vec<DomainRow>> {
    let r: ReportV = serde_json::from_str(report).ok()?;
    let ja = t.lang == Lang::Ja;
    Some(
        r.domains
            .into_iter()
            .map(|d| {
                let worst = severity(&d.worst);
                DomainRow {
                    domain: d.domain,
                    worst_label: worst.label(ja),
                    worst_class: severity_class(worst),
                    findings: d.findings.into_iter().map(|f| finding_row(f, t)).collect(),
                    found: found(d.records, t),
                }
            })
            .collect(),
    )
}

/// "重大 1 · 要対応 2 · 推奨 0" in the reader's language.
pub(super) fn counts(high: i64, medium: i64, low: i64, lang: Lang) -> String {
    let ja = lang == Lang::Ja;
    format!(
        "{} {high} · {} {medium} · {} {low}",
        Severity::High.label(ja),
        Severity::Medium.label(ja),
        Severity::Low.label(ja)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_reads_back_in_either_language_and_nonsense_does_not() {
        let report = r#"{"format":"hoshi-posture/1","checked_at":1,"domains":[{"domain":"example.co.jp","worst":"medium",
            "records":{"spf":["v=spf1 ~all"],"dkim":[],"mx":[{"preference":10,"host":"mx.example.co.jp"}],"spf_lookups":0},
            "findings":[{"area":"dmarc","code":"dmarc_policy_none","severity":"medium","ja":"日本語","en":"English",
            "publish":{"name":"_dmarc.example.co.jp","kind":"TXT","value":"v=DMARC1; p=quarantine"}}]}],
            "totals":{"domains":1,"high":0,"medium":1,"low":0}}"#;
        let rows = domains(report, &Tr::new(Lang::Ja)).unwrap();
        assert_eq!(rows[0].worst_label, "要対応");
        let f = &rows[0].findings[0];
        assert_eq!((f.area.as_str(), f.text.as_str()), ("DMARC", "日本語"));
        let (_, pre) = f.publish.as_ref().unwrap();
        assert_eq!(
            pre,
            "_dmarc.example.co.jp. IN TXT \"v=DMARC1; p=quarantine\""
        );
        assert_eq!(rows[0].found[0].1[0], "v=spf1 ~all");
        assert!(rows[0].found[1].1.is_empty());
        let rows = domains(report, &Tr::new(Lang::En)).unwrap();
        assert_eq!(rows[0].findings[0].text, "English");
        assert!(domains("not json", &Tr::new(Lang::Ja)).is_none());
        assert_eq!(counts(1, 2, 3, Lang::Ja), "重大 1 · 要対応 2 · 推奨 3");
    }
}
