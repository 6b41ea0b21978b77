//! From what was seen on a port to findings: what it exposes, how serious it is, what to do.

use hoshi_core::Lang;
use serde_json::Value;

use crate::findings::{Category, Cve, Finding, Severity, finding};
use crate::identify::Identified;
use crate::now;
use crate::vulns::{Hit, Knowledge};

fn flag(facts: &Value, key: &str) -> Option<bool> {
    facts.get(key).and_then(Value::as_bool)
}

fn list(facts: &Value, key: &str) -> Vec<String> {
    facts
        .get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// The findings for one open port, worst first.
pub fn judge(port: u16, id: &Identified, vulns: &dyn Knowledge, lang: Lang) -> Vec<Finding> {
    let mut out = Vec::new();
    let what = describe(port, id);
    service_findings(id, &what, lang, &mut out);
    product_findings(id, vulns, lang, &mut out);
    tls_findings(id, lang, &mut out);
    if out.is_empty() {
        out.push(finding(
            Category::OpenPort,
            Severity::Info,
            &what,
            lang,
            Vec::new(),
        ));
    }
    out.sort_by_key(|f| f.severity);
    out
}

/// `OpenSSH 9.2p1 (ssh/22)` — what the port runs, in a few words.
fn describe(port: u16, id: &Identified) -> String {
    let service = id.service.as_deref().unwrap_or("tcp");
    match (&id.product, &id.version) {
        (Some(p), Some(v)) => format!("{p} {v}, {service}/{port}"),
        (Some(p), None) => format!("{p}, {service}/{port}"),
        _ => format!("{service}/{port}"),
    }
}

fn service_findings(id: &Identified, what: &str, lang: Lang, out: &mut Vec<Finding>) {
    let f = &id.facts;
    let mut add = |c: Category, s: Severity| out.push(finding(c, s, what, lang, Vec::new()));
    match id.service.as_deref() {
        Some("rdp") => add(Category::RdpExposed, Severity::High),
        Some("smb") => add(Category::SmbExposed, Severity::High),
        Some("mysql" | "postgresql" | "mssql" | "mongodb" | "memcached") => {
            add(Category::DatabaseExposed, Severity::High);
        }
        Some("redis") => add(
            Category::DatabaseExposed,
            if flag(f, "auth_required") == Some(false) {
                Severity::Critical
            } else {
                Severity::High
            },
        ),
        Some("vnc") => {
            let open = f
                .get("security_types")
                .and_then(Value::as_array)
                .is_some_and(|a| a.iter().any(|t| t.as_u64() == Some(1)));
            add(
                Category::VncExposed,
                if open {
                    Severity::Critical
                } else {
                    Severity::High
                },
            );
        }
        Some("telnet") => add(Category::TelnetExposed, Severity::High),
        Some("ftp") => add(
            Category::CleartextLogin,
            if flag(f, "auth_tls") == Some(true) {
                Severity::Low
            } else {
                Severity::Medium
            },
        ),
        Some("ssh") => {
            add(Category::SshExposed, Severity::Low);
            let weak = list(f, "weak");
            if !weak.is_empty() {
                let shown: Vec<&str> = weak.iter().take(4).map(String::as_str).collect();
                out.push(finding(
                    Category::WeakSsh,
                    Severity::Low,
                    &shown.join(", "),
                    lang,
                    Vec::new(),
                ));
            }
        }
        Some("http") if id.http.as_ref().is_some_and(|h| h.login_form) => {
            add(Category::CleartextLogin, Severity::Medium);
        }
        _ => {}
    }
}

fn product_findings(id: &Identified, vulns: &dyn Knowledge, lang: Lang, out: &mut Vec<Finding>) {
    let Some(best) = id.matches.first() else {
        return;
    };
    let name = match &id.version {
        Some(v) => format!("{} {v}", best.product),
        None => best.product.clone(),
    };
    match best.kind.as_str() {
        "remote-access-vpn" => out.push(finding(
            Category::RemoteAccessVpn,
            Severity::Medium,
            &name,
            lang,
            Vec::new(),
        )),
        "admin-panel" => out.push(finding(
            Category::AdminPanelExposed,
            Severity::High,
            &name,
            lang,
            Vec::new(),
        )),
        "database" => out.push(finding(
            Category::DatabaseExposed,
            Severity::High,
            &name,
            lang,
            Vec::new(),
        )),
        _ => {}
    }
    let Some(key) = &best.vulns else {
        return;
    };
    let Some(version) = &id.version else {
        if let Some(built) = id
            .build
            .as_deref()
            .filter(|b| hoshi_core::time::parse_date(b).is_some())
        {
            predates(key, built, &best.product, vulns, lang, out);
        }
        return;
    };
    let hits = vulns.vulns_of(key, version);
    if hits.is_empty() {
        return;
    }
    let cves: Vec<Cve> = hits.iter().map(cve).collect();
    if cves.iter().any(|c| c.kev) {
        out.push(finding(
            Category::KnownExploited,
            Severity::Critical,
            &name,
            lang,
            cves,
        ));
    } else {
        let worst = cves.iter().filter_map(|c| c.cvss).fold(0.0f32, f32::max);
        // A record without a score but with NVD's rating counts by its rating.
        let rated_high = hits
            .iter()
            .any(|h| matches!(h.severity.as_deref(), Some("critical" | "high")));
        let s = if worst >= 7.0 || rated_high {
            Severity::High
        } else {
            Severity::Medium
        };
        out.push(finding(Category::OutdatedSoftware, s, &name, lang, cves));
    }
}

/// What a report says of a CVE.
fn cve(h: &Hit) -> Cve {
    Cve {
        id: h.id.clone(),
        cvss: h.cvss,
        kev: h.kev,
        ransomware: h.ransomware,
    }
}

/// Only a build date is known: the exploited vulnerabilities announced after it.
fn predates(
    key: &str,
    built: &str,
    product: &str,
    vulns: &dyn Knowledge,
    lang: Lang,
    out: &mut Vec<Finding>,
) {
    let hits = vulns.exploited_since(key, built);
    if hits.is_empty() {
        return;
    }
    let cves = hits.iter().map(cve).collect();
    let what = match lang {
        Lang::Ja => format!("{product}（ファームウェア作成日 {built}）"),
        Lang::En => format!("{product} (firmware built {built})"),
    };
    out.push(finding(
        Category::PredatesFixes,
        Severity::High,
        &what,
        lang,
        cves,
    ));
}

fn tls_findings(id: &Identified, lang: Lang, out: &mut Vec<Finding>) {
    let Some(tls) = &id.tls else {
        return;
    };
    if !tls.legacy.is_empty() {
        out.push(finding(
            Category::WeakTls,
            Severity::Medium,
            &tls.legacy.join(", "),
            lang,
            Vec::new(),
        ));
    }
    let Some(c) = &tls.certificate else {
        return;
    };
    let ja = lang == Lang::Ja;
    let expired = c.not_after < now();
    let mut problems = Vec::new();
    if expired {
        problems.push(if ja {
            format!("有効期限切れ {}", hoshi_core::time::date(c.not_after))
        } else {
            format!("expired {}", hoshi_core::time::date(c.not_after))
        });
    }
    if c.self_signed {
        problems.push(if ja {
            "自己署名".to_string()
        } else {
            "self-signed".to_string()
        });
    }
    if c.key == "RSA" && c.key_bits < 2048 {
        problems.push(format!("RSA {}", c.key_bits));
    }
    let sig = c.signature.to_ascii_lowercase();
    if sig.contains("sha1") || sig.contains("md5") {
        problems.push(c.signature.clone());
    }
    if !problems.is_empty() {
        let severity = if expired || c.key_bits < 2048 {
            Severity::Medium
        } else {
            Severity::Low
        };
        out.push(finding(
            Category::CertificateProblem,
            severity,
            &problems.join(", "),
            lang,
            Vec::new(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::Match;
    use crate::vulns::Table;

    fn appliance(version: Option<&str>, build: Option<&str>) -> Identified {
        Identified {
            service: Some("https".into()),
            product: Some("FortiGate SSL-VPN".into()),
            version: version.map(str::to_string),
            build: build.map(str::to_string),
            matches: vec![Match {
                rule: "fortinet-fortigate-sslvpn".into(),
                vendor: "Fortinet".into(),
                product: "FortiGate SSL-VPN".into(),
                kind: "remote-access-vpn".into(),
                version: None,
                build: None,
                vulns: Some("fortinet-fortios".into()),
                evidence: Vec::new(),
            }],
            ..Identified::default()
        }
    }

    #[test]
    fn a_build_date_before_an_exploited_flaws_advisory_is_a_finding() {
        let t = Table::bundled();
        let f = judge(10443, &appliance(None, Some("2023-11-20")), &t, Lang::Ja);
        let p = f
            .iter()
            .find(|f| f.category == Category::PredatesFixes)
            .expect("predates-fixes");
        assert_eq!(p.severity, Severity::High);
        assert!(p.cves.iter().any(|c| c.id == "CVE-2024-21762" && c.kev));
        assert!(p.title.contains("2023-11-20"), "{}", p.title);
        assert!(p.criteria.contains(&"4-4-4-2"));
        // A build after every advisory in the table: no such finding, only the exposure.
        let f = judge(10443, &appliance(None, Some("2099-01-01")), &t, Lang::Ja);
        assert!(f.iter().all(|f| f.category != Category::PredatesFixes));
        assert!(f.iter().any(|f| f.category == Category::RemoteAccessVpn));
        // A known version is judged by its ranges instead.
        let f = judge(
            10443,
            &appliance(Some("7.2.6"), Some("2023-11-20")),
            &t,
            Lang::En,
        );
        let k = f
            .iter()
            .find(|f| f.category == Category::KnownExploited)
            .expect("known-exploited");
        assert_eq!(k.severity, Severity::Critical);
        assert!(f.iter().all(|f| f.category != Category::PredatesFixes));
    }
}
