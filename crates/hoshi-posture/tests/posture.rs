//! Posture checks against real servers on loopback: NSD serving the test's zones, MX hosts
//! that speak SMTP (with STARTTLS, without, with the wrong certificate), and MTA-STS policy
//! files served over HTTPS by `openssl s_server`. Keys are real RSA keys made by openssl.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use hoshi_mail::sink::{Sink, SinkOptions};
use hoshi_posture::testing::{Https, Nsd, Pki, txt};
use hoshi_posture::{Dns, DomainReport, Options, Severity, check_domain};

const NOW: i64 = 1_796_256_000; // 2026-12-03

fn rsa_public_base64(dir: &Path, bits: u32) -> String {
    let key = dir.join(format!("dkim{bits}.key"));
    let out = Command::new("openssl")
        .args(["genrsa", "-out"])
        .arg(&key)
        .arg(bits.to_string())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = Command::new("openssl")
        .args(["rsa", "-pubout", "-outform", "DER", "-in"])
        .arg(&key)
        .output()
        .unwrap();
    assert!(out.status.success());
    hoshi_core::base64::encode(&out.stdout)
}

fn zone(origin: &str, body: &str) -> (String, String) {
    (
        origin.to_string(),
        format!(
            "$ORIGIN {origin}.\n$TTL 60\n@ IN SOA ns.{origin}. admin.{origin}. 1 3600 600 86400 60\n@ IN NS ns.{origin}.\nns IN A 127.0.0.1\n{body}\n"
        ),
    )
}

fn codes(r: &DomainReport) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.code).collect()
}

fn find<'a>(r: &'a DomainReport, code: &str) -> &'a hoshi_posture::Finding {
    r.findings
        .iter()
        .find(|f| f.code == code)
        .unwrap_or_else(|| panic!("{code} not in {:?}", codes(r)))
}

struct World {
    _tmp: tempfile::TempDir,
    _nsd: Nsd,
    _https: Vec<Https>,
    _sinks: Vec<Sink>,
    dns: Dns,
    pki: Pki,
    good_smtp: u16,
    plain_smtp: u16,
    wrong_smtp: u16,
    good_https: u16,
    open_https: u16,
}

#[allow(clippy::too_many_lines, reason = "the test network, zone by zone")]
async fn world() -> Option<World> {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let pki = Pki::new(dir);
    let (mx_cert, mx_key) = pki.server("mx", &["mx1.good.test", "mx2.good.test"], 30);
    let (wrong_cert, wrong_key) = pki.server("wrong", &["other.example.test"], 30);
    let (sts_cert, sts_key) = pki.server("sts", &["mta-sts.good.test", "mta-sts.open.test"], 30);
    let good = Sink::start(SinkOptions {
        starttls: Some(Pki::server_config(&mx_cert, &mx_key)),
        ..SinkOptions::default()
    })
    .await
    .unwrap();
    let plain = Sink::start(SinkOptions::default()).await.unwrap();
    let wrong = Sink::start(SinkOptions {
        starttls: Some(Pki::server_config(&wrong_cert, &wrong_key)),
        ..SinkOptions::default()
    })
    .await
    .unwrap();
    let web_good = dir.join("web-good");
    std::fs::create_dir_all(web_good.join(".well-known")).unwrap();
    std::fs::write(
        web_good.join(".well-known/mta-sts.txt"),
        "version: STSv1\nmode: enforce\nmx: mx1.good.test\nmax_age: 1209600\n",
    )
    .unwrap();
    let web_open = dir.join("web-open"); // a policy without mx: lines
    std::fs::create_dir_all(web_open.join(".well-known")).unwrap();
    std::fs::write(
        web_open.join(".well-known/mta-sts.txt"),
        "version: STSv1\nmode: enforce\nmax_age: 86400\n",
    )
    .unwrap();
    let https_good = Https::start(&web_good, &sts_cert, &sts_key);
    let https_open = Https::start(&web_open, &sts_cert, &sts_key);

    let k2048 = rsa_public_base64(dir, 2048);
    let k1024 = rsa_public_base64(dir, 1024);
    let includes: String = (1..=6)
        .map(|i| {
            let next = if i < 6 {
                format!(" include:i{}.weak.test", i + 1)
            } else {
                String::new()
            };
            format!("i{i} IN TXT \"v=spf1 a mx{next} -all\"\n")
        })
        .collect();
    let zones = [
        zone(
            "good.test",
            &format!(
                "@ IN MX 10 mx1.good.test.\nmx1 IN A 127.0.0.1\nmta-sts IN A 127.0.0.1\n\
                 @ IN TXT \"v=spf1 ip4:192.0.2.10 include:_spf.good.test -all\"\n\
                 _spf IN TXT \"v=spf1 ip4:198.51.100.0/24 ip6:2001:db8::/32 -all\"\n\
                 _dmarc IN TXT \"v=DMARC1; p=reject; rua=mailto:dmarc@good.test,mailto:agg@reports.vendor.test\"\n\
                 s2048._domainkey IN TXT {}\n\
                 _mta-sts IN TXT \"v=STSv1; id=20261201\"\n\
                 _smtp._tls IN TXT \"v=TLSRPTv1; rua=mailto:tls@good.test\"\n",
                txt(&format!("v=DKIM1; k=rsa; p={k2048}"))
            ),
        ),
        // The report address's domain, which never agreed to receive mid.test's reports.
        zone("elsewhere.test", "@ IN MX 10 mx.elsewhere.test.\n"),
        zone(
            "vendor.test",
            "good.test._report._dmarc.reports IN TXT \"v=DMARC1\"\n",
        ),
        zone(
            "weak.test",
            &format!(
                "@ IN MX 10 mx.weak.test.\nmx IN A 127.0.0.1\n\
                 @ IN TXT \"v=spf1 mx include:i1.weak.test ptr ~all\"\n\
                 @ IN TXT \"google-site-verification=abc\"\n\
                 _dmarc IN TXT \"v=DMARC1; p=none\"\n\
                 k1024._domainkey IN TXT {}\n{includes}",
                txt(&format!("v=DKIM1; k=rsa; t=y; p={k1024}"))
            ),
        ),
        zone(
            "open.test",
            "@ IN MX 10 mx.open.test.\nmx IN A 127.0.0.1\nmta-sts IN A 127.0.0.1\n\
             @ IN TXT \"v=spf1 +all\"\n\
             _mta-sts IN TXT \"v=STSv1; id=1\"\n",
        ),
        zone(
            "mid.test",
            "@ IN MX 10 mail.mid.test.\n\
             @ IN TXT \"v=spf1 ip4:192.0.2.300 -all\"\n\
             _dmarc IN TXT \"v=DMARC1; p=quarantine; sp=none; pct=50; rua=mailto:x@elsewhere.test\"\n\
             _smtp._tls IN TXT \"v=TLSRPTv1; rua=tls@mid.test\"\n",
        ),
    ];
    let zones: Vec<(&str, String)> = zones.iter().map(|(o, t)| (o.as_str(), t.clone())).collect();
    let nsd = Nsd::start(dir, &zones)?;
    let dns = Dns::servers(&[nsd.addr], Duration::from_secs(3)).unwrap();
    Some(World {
        good_smtp: good.addr.port(),
        plain_smtp: plain.addr.port(),
        wrong_smtp: wrong.addr.port(),
        good_https: https_good.port,
        open_https: https_open.port,
        _sinks: vec![good, plain, wrong],
        _https: vec![https_good, https_open],
        _nsd: nsd,
        _tmp: tmp,
        dns,
        pki,
    })
}

fn opts(w: &World, smtp: u16, https: u16, selectors: &[&str]) -> Options {
    Options {
        selectors: selectors.iter().map(|s| (*s).to_string()).collect(),
        connect: true,
        smtp_port: smtp,
        https_port: https,
        extra_roots: w.pki.roots(),
        timeout: Duration::from_secs(5),
        now: NOW,
        allow: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_well_kept_domain_has_nothing_to_fix() {
    let Some(w) = world().await else { return };
    let r = check_domain(
        &w.dns,
        "good.test",
        &opts(&w, w.good_smtp, w.good_https, &["s2048"]),
    )
    .await;
    assert_eq!(r.worst, Severity::Good, "{:#?}", r.findings);
    for code in [
        "spf_ok",
        "dmarc_policy_reject",
        "dkim_key_ok",
        "mx_tls_ok",
        "mta_sts_enforce",
        "tls_rpt_ok",
    ] {
        find(&r, code);
    }
    assert!(find(&r, "dkim_key_ok").ja.contains("2048 ビット"));
    assert!(find(&r, "mx_tls_ok").ja.contains("TLSv1."));
    assert_eq!(r.records.spf_lookups, 1);
    assert_eq!(r.records.mx[0].host, "mx1.good.test");
    // A server that may not connect to loopback checks only DNS and says so.
    let public_only =
        hoshi_posture::check::AddressPolicy(std::sync::Arc::new(|ip: std::net::IpAddr| {
            !ip.is_loopback()
        }));
    let r = check_domain(
        &w.dns,
        "good.test",
        &Options {
            allow: Some(public_only),
            ..opts(&w, w.good_smtp, w.good_https, &["s2048"])
        },
    )
    .await;
    assert_eq!(
        r.findings
            .iter()
            .filter(|f| f.code == "address_refused")
            .count(),
        2,
        "{:?}",
        codes(&r)
    );
    assert!(!codes(&r).contains(&"mx_tls_ok") && !codes(&r).contains(&"mta_sts_enforce"));
    assert!(r.records.mta_sts_policy.is_none());
    // A subdomain without its own record falls back to the organisation's.
    let sub = check_domain(
        &w.dns,
        "news.good.test",
        &Options {
            connect: false,
            ..opts(&w, 1, 1, &["s2048"])
        },
    )
    .await;
    find(&sub, "dmarc_inherited");
    assert_eq!(sub.records.dmarc_at.as_deref(), Some("_dmarc.good.test"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn weak_settings_are_flagged_with_the_records_to_publish() {
    let Some(w) = world().await else { return };
    let r = check_domain(&w.dns, "weak.test", &opts(&w, w.plain_smtp, 1, &["k1024"])).await;
    let c = codes(&r);
    for code in [
        "spf_too_many_lookups",
        "spf_all_softfail",
        "spf_ptr",
        "dmarc_policy_none",
        "dmarc_no_reports",
        "dkim_key_weak",
        "dkim_testing",
        "mx_no_starttls",
        "mta_sts_missing",
        "tls_rpt_missing",
    ] {
        assert!(c.contains(&code), "{code} missing from {c:?}");
    }
    assert_eq!(r.worst, Severity::High);
    // 1 (mx) + 1 (include) + 1 (ptr) in the record, then a, mx and the next include in each
    // of the six included records, the last without an include: 3 + 6 * 2 + 5 = 20.
    assert_eq!(r.records.spf_lookups, 20);
    assert!(find(&r, "spf_too_many_lookups").ja.contains("20 回"));
    let none = find(&r, "dmarc_policy_none");
    let p = none.publish.as_ref().expect("a stronger record to publish");
    assert_eq!(p.name, "_dmarc.weak.test");
    assert!(
        p.value.contains("p=quarantine") && p.value.contains("rua=mailto:dmarc-reports@weak.test"),
        "{}",
        p.value
    );
    let soft = find(&r, "spf_all_softfail").publish.as_ref().unwrap();
    assert_eq!(soft.value, "v=spf1 mx include:i1.weak.test ptr -all");
    assert!(find(&r, "dkim_key_weak").ja.contains("1024 ビット"));
    let sts = r
        .findings
        .iter()
        .filter_map(|f| f.publish.as_ref())
        .find(|p| p.kind == "file")
        .unwrap();
    assert_eq!(
        sts.name,
        "https://mta-sts.weak.test/.well-known/mta-sts.txt"
    );
    assert!(sts.value.contains("mx: mx.weak.test") && sts.value.contains("mode: testing"));
    // Findings come worst first.
    assert!(
        r.findings
            .windows(2)
            .all(|p| p[0].severity >= p[1].severity)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_and_broken_settings() {
    let Some(w) = world().await else { return };
    // Nothing listens on the policy's port.
    let dead = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_port = dead.local_addr().unwrap().port();
    drop(dead);
    let r = check_domain(
        &w.dns,
        "open.test",
        &opts(&w, w.wrong_smtp, dead_port, &["s1"]),
    )
    .await;
    let c = codes(&r);
    for code in [
        "spf_all_pass",
        "dmarc_missing",
        "dkim_selector_missing",
        "mta_sts_policy_unreachable",
        "mx_certificate_invalid",
        "tls_rpt_missing",
    ] {
        assert!(c.contains(&code), "{code} missing from {c:?}");
    }
    assert!(
        find(&r, "mta_sts_policy_unreachable")
            .ja
            .contains("https://mta-sts.open.test/.well-known/mta-sts.txt")
    );
    assert!(
        find(&r, "mx_certificate_invalid")
            .ja
            .contains("mx.open.test")
    );
    // The policy served but broken.
    let b = check_domain(
        &w.dns,
        "open.test",
        &opts(&w, w.wrong_smtp, w.open_https, &["s1"]),
    )
    .await;
    assert!(find(&b, "mta_sts_policy_bad").ja.contains("mx:"));

    let m = check_domain(
        &w.dns,
        "mid.test",
        &Options {
            connect: false,
            ..opts(&w, 1, 1, &[])
        },
    )
    .await;
    let c = codes(&m);
    for code in [
        "spf_syntax",
        "dmarc_pct",
        "dmarc_subdomain_none",
        "dmarc_report_unauthorized",
        "dkim_not_found",
        "tls_rpt_bad",
        "mta_sts_missing",
    ] {
        assert!(c.contains(&code), "{code} missing from {c:?}");
    }
    assert!(find(&m, "spf_syntax").ja.contains("ip4:192.0.2.300"));
    assert_eq!(
        find(&m, "dmarc_report_unauthorized")
            .publish
            .as_ref()
            .unwrap()
            .name,
        "mid.test._report._dmarc.elsewhere.test"
    );
    // mail.mid.test has no address, but with connect off it is not probed.
    assert!(!c.contains(&"mx_host_unresolved"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_name_server_gives_dns_failures_not_verdicts() {
    // A port on loopback where nothing answers.
    let sock = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = sock.local_addr().unwrap();
    drop(sock);
    let dns = Dns::servers(&[addr], Duration::from_millis(300)).unwrap();
    let r = check_domain(
        &dns,
        "good.test",
        &Options {
            connect: false,
            now: NOW,
            ..Options::default()
        },
    )
    .await;
    assert!(
        r.findings
            .iter()
            .all(|f| f.code == "dns_failure" || f.code == "dkim_not_found"),
        "{:?}",
        codes(&r)
    );
    assert!(r.findings.iter().any(|f| f.code == "dns_failure"));
    assert!(
        !codes(&r).contains(&"spf_missing"),
        "a failed look-up is not a missing record"
    );
}
