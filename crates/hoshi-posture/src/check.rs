//! One domain's posture: every record looked up, every finding with its weight, and the records
//! to publish. Network use: DNS through `Dns`; with `Options::connect`, SMTP to each MX and
//! HTTPS to `mta-sts.<domain>`.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use rustls::pki_types::CertificateDer;
use serde::Serialize;

use crate::dns::{Dns, DnsFailure};
use crate::finding::{Area, Finding, Severity};
use crate::{dkim, dmarc, domain, net, spf, sts};

/// RFC 7208 4.6.4: at most ten mechanisms and modifiers that need DNS.
pub const SPF_LOOKUP_LIMIT: u32 = 10;

/// Which addresses the check may connect to (SMTP, HTTPS). A server that checks domains its
/// users name passes one that refuses its own networks; the command line allows any.
#[derive(Clone)]
pub struct AddressPolicy(pub std::sync::Arc<dyn Fn(std::net::IpAddr) -> bool + Send + Sync>);

impl std::fmt::Debug for AddressPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AddressPolicy")
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    /// DKIM selectors to look up; empty: the common ones (`dkim::COMMON_SELECTORS`).
    pub selectors: Vec<String>,
    /// Connect to the MX hosts (SMTP, STARTTLS) and fetch the MTA-STS policy over HTTPS.
    pub connect: bool,
    pub smtp_port: u16,
    pub https_port: u16,
    /// Roots trusted beside the Mozilla set (an internal CA of a test or closed network).
    pub extra_roots: Vec<CertificateDer<'static>>,
    pub timeout: Duration,
    /// Now, in seconds since 1970 (certificate expiry).
    pub now: i64,
    /// Addresses that may be connected to; `None`: any.
    pub allow: Option<AddressPolicy>,
}

impl Options {
    fn may_connect(&self, ip: std::net::IpAddr) -> bool {
        self.allow.as_ref().is_none_or(|p| (p.0)(ip))
    }
}

fn refused(area: Area, host: &str, ip: std::net::IpAddr) -> Finding {
    Finding::new(
        area,
        "address_refused",
        Severity::Info,
        format!(
            "{host} のアドレス {ip} は、この hoshi サーバーの設定で接続先として許されていないため、接続しての確認はしていません。"
        ),
        format!(
            "{host} resolves to {ip}, which this hoshi server is not allowed to connect to, so it was not checked over the network."
        ),
    )
}

impl Default for Options {
    fn default() -> Self {
        Options {
            selectors: Vec::new(),
            connect: true,
            smtp_port: 25,
            https_port: 443,
            extra_roots: Vec::new(),
            timeout: Duration::from_secs(10),
            now: 0,
            allow: None,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct MxHost {
    pub preference: u16,
    pub host: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DkimKey {
    pub selector: String,
    pub record: String,
}

/// The records as found, for the reader to compare with what is suggested.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Records {
    pub spf: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dmarc: Option<String>,
    /// The name the DMARC record was found at (`_dmarc.<organisational domain>` when inherited).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dmarc_at: Option<String>,
    pub dkim: Vec<DkimKey>,
    pub mx: Vec<MxHost>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mta_sts: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mta_sts_policy: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls_rpt: Option<String>,
    /// SPF look-ups a receiver makes for this domain's record, includes followed.
    pub spf_lookups: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct DomainReport {
    pub domain: String,
    pub worst: Severity,
    pub records: Records,
    /// Worst first.
    pub findings: Vec<Finding>,
}

fn dns_finding(area: Area, f: &DnsFailure) -> Finding {
    Finding::new(
        area,
        "dns_failure",
        Severity::Medium,
        format!(
            "DNS の問い合わせに失敗したため確認できませんでした（{f}）。時間をおいて再度確認してください。"
        ),
        format!("The DNS query failed, so this could not be checked ({f}). Try again later."),
    )
}

pub async fn check_domain(dns: &Dns, domain: &str, opts: &Options) -> DomainReport {
    let mut records = Records::default();
    let mut findings = Vec::new();
    let (spf_f, dmarc_f, dkim_f, rpt_f) = tokio::join!(
        check_spf(dns, domain),
        check_dmarc(dns, domain),
        check_dkim(dns, domain, &opts.selectors),
        check_tls_rpt(dns, domain),
    );
    let (spf_records, lookups, f) = spf_f;
    records.spf = spf_records;
    records.spf_lookups = lookups;
    findings.extend(f);
    let (dmarc_rec, dmarc_at, f) = dmarc_f;
    records.dmarc = dmarc_rec;
    records.dmarc_at = dmarc_at;
    findings.extend(f);
    let (keys, f) = dkim_f;
    records.dkim = keys;
    findings.extend(f);
    let (rpt, f) = rpt_f;
    records.tls_rpt = rpt;
    findings.extend(f);
    let (mx, sts_mode, f) = check_mx_and_sts(dns, domain, opts, &mut records).await;
    records.mx = mx;
    findings.extend(f);
    if records.tls_rpt.is_none() && sts_mode == Some(sts::Mode::Enforce) {
        for f in &mut findings {
            if f.code == "tls_rpt_missing" {
                f.severity = Severity::Medium;
            }
        }
    }
    findings.sort_by(|a, b| b.severity.cmp(&a.severity).then(a.area.cmp(&b.area)));
    DomainReport {
        domain: domain.to_string(),
        worst: findings
            .iter()
            .map(|f| f.severity)
            .max()
            .unwrap_or(Severity::Good),
        records,
        findings,
    }
}

// ---------------------------------------------------------------------------------------- SPF

#[derive(Default)]
struct SpfWalk {
    lookups: u32,
    missing: Vec<String>,
    broken: Vec<String>,
    loops: Vec<String>,
    failures: Vec<DnsFailure>,
    ptr: bool,
}

type WalkFuture<'a> = Pin<Box<dyn Future<Output = Option<spf::Qualifier>> + Send + 'a>>;

/// Counts look-ups through includes and redirects; returns the effective `all`.
fn walk<'a>(
    dns: &'a Dns,
    rec: &'a spf::Record,
    depth: u32,
    seen: &'a mut HashSet<String>,
    acc: &'a mut SpfWalk,
) -> WalkFuture<'a> {
    Box::pin(async move {
        for d in &rec.directives {
            if d.mechanism.costs_lookup() {
                acc.lookups += 1;
            }
            if matches!(d.mechanism, spf::Mechanism::Ptr(_)) {
                acc.ptr = true;
            }
            if let spf::Mechanism::Include(target) = &d.mechanism {
                follow(dns, target, depth, seen, acc).await;
            }
        }
        match (rec.all(), &rec.redirect) {
            (Some(q), _) => Some(q),
            (None, Some(target)) => {
                acc.lookups += 1;
                follow(dns, target, depth, seen, acc).await
            }
            (None, None) => None,
        }
    })
}

async fn follow(
    dns: &Dns,
    target: &str,
    depth: u32,
    seen: &mut HashSet<String>,
    acc: &mut SpfWalk,
) -> Option<spf::Qualifier> {
    if target.contains('%') || acc.lookups > SPF_LOOKUP_LIMIT * 3 || depth > 10 {
        return None; // macros depend on the sender; far past the limit counting stops
    }
    let key = target.trim_end_matches('.').to_ascii_lowercase();
    if !seen.insert(key.clone()) {
        acc.loops.push(key);
        return None;
    }
    let txts = match dns.txt(&key).await {
        Ok(t) => t,
        Err(e) => {
            acc.failures.push(e);
            return None;
        }
    };
    let spfs: Vec<&String> = txts.iter().filter(|t| spf::is_spf(t)).collect();
    let [one] = spfs.as_slice() else {
        acc.missing.push(key);
        return None;
    };
    match spf::parse(one) {
        Ok(inner) => {
            let q = walk(dns, &inner, depth + 1, seen, acc).await;
            seen.remove(&key);
            q
        }
        Err(_) => {
            acc.broken.push(key);
            None
        }
    }
}

fn with_fail_all(rec: &spf::Record) -> String {
    let mut terms: Vec<String> = rec
        .directives
        .iter()
        .filter(|d| d.mechanism != spf::Mechanism::All)
        .map(|d| d.text.clone())
        .collect();
    if let Some(r) = &rec.redirect
        && rec.all().is_none()
    {
        terms.push(format!("include:{r}"));
    }
    terms.push("-all".into());
    format!("v=spf1 {}", terms.join(" "))
}

async fn check_spf(dns: &Dns, domain: &str) -> (Vec<String>, u32, Vec<Finding>) {
    let a = Area::Spf;
    let txts = match dns.txt(domain).await {
        Ok(t) => t,
        Err(e) => return (Vec::new(), 0, vec![dns_finding(a, &e)]),
    };
    let spfs: Vec<String> = txts.into_iter().filter(|t| spf::is_spf(t)).collect();
    let mut out = Vec::new();
    match spfs.as_slice() {
        [] => {
            let has_mx = dns.mx(domain).await.is_ok_and(|m| !m.is_empty());
            let value = if has_mx {
                "v=spf1 mx -all"
            } else {
                "v=spf1 -all"
            };
            out.push(
                Finding::new(
                    a,
                    "spf_missing",
                    Severity::High,
                    "SPF レコードがありません。受信側は、このドメインを名乗るメールが正規のサーバーから送られたかを判断できません。メールを送るサーバーやサービス（Microsoft 365、Google Workspace、配信サービスなど）をすべて並べ、最後を -all にして公開してください。メールを送らないドメインは v=spf1 -all だけを公開します。",
                    "There is no SPF record: receivers cannot tell whether mail using this domain comes from its real servers. List every server and service that sends for it (Microsoft 365, Google Workspace, mailing services …), end with -all, and publish it. A domain that sends no mail publishes just v=spf1 -all.",
                )
                .publish(domain, "TXT", value),
            );
            return (spfs, 0, out);
        }
        [_, _, ..] => {
            out.push(Finding::new(
                a,
                "spf_multiple",
                Severity::High,
                format!("SPF レコードが {} 件あります。複数あると受信側はすべてを無効（permerror）として扱います。1件にまとめてください。", spfs.len()),
                format!("There are {} SPF records; with more than one, receivers treat SPF as broken (permerror). Merge them into one.", spfs.len()),
            ));
            return (spfs, 0, out);
        }
        [_] => {}
    }
    let rec = match spf::parse(&spfs[0]) {
        Ok(r) => r,
        Err(e) => {
            out.push(Finding::new(
                a,
                "spf_syntax",
                Severity::High,
                format!("SPF レコードの「{}」が正しくありません: {}。受信側はレコード全体を無効（permerror）として扱います。", e.term, e.ja),
                format!("The SPF term '{}' is invalid: {}. Receivers treat the whole record as broken (permerror).", e.term, e.en),
            ));
            return (spfs, 0, out);
        }
    };
    let mut acc = SpfWalk::default();
    let mut seen = HashSet::from([domain.to_ascii_lowercase()]);
    let all = walk(dns, &rec, 0, &mut seen, &mut acc).await;
    let suggested = with_fail_all(&rec);
    spf_all_findings(&mut out, all, domain, &suggested);
    spf_walk_findings(&mut out, &acc, &rec);
    if out.iter().all(|f| f.severity <= Severity::Info) {
        out.push(Finding::new(
            a,
            "spf_ok",
            Severity::Good,
            format!("SPF は正しく設定されています（DNS 参照 {} 回／上限 {SPF_LOOKUP_LIMIT} 回、最後は -all）。", acc.lookups),
            format!("SPF is set correctly ({} DNS look-ups of the {SPF_LOOKUP_LIMIT} allowed, ending in -all).", acc.lookups),
        ));
    }
    out.extend(acc.failures.iter().map(|f| dns_finding(a, f)));
    (spfs, acc.lookups, out)
}

fn spf_all_findings(
    out: &mut Vec<Finding>,
    all: Option<spf::Qualifier>,
    domain: &str,
    suggested: &str,
) {
    let a = Area::Spf;
    let f = match all {
        Some(spf::Qualifier::Fail) => return,
        Some(spf::Qualifier::Pass) => Finding::new(
            a,
            "spf_all_pass",
            Severity::High,
            "SPF の最後が +all です。世界中のどのサーバーからでもこのドメインのメールを送ってよいと宣言しており、なりすましを許します。-all にしてください。",
            "SPF ends in +all: it declares that any server in the world may send this domain's mail, which invites spoofing. Use -all.",
        ),
        Some(spf::Qualifier::Neutral) => Finding::new(
            a,
            "spf_all_neutral",
            Severity::Medium,
            "SPF の最後が ?all（中立）です。一覧にないサーバーからのメールも判断されないまま届きます。送信元をすべて並べたうえで -all にしてください。",
            "SPF ends in ?all (neutral): mail from servers not listed is delivered without judgement. List every sender, then use -all.",
        ),
        Some(spf::Qualifier::SoftFail) => Finding::new(
            a,
            "spf_all_softfail",
            Severity::Low,
            "SPF の最後が ~all（ソフトフェイル）です。一覧にないサーバーからのメールも多くの受信側で受け取られます。DMARC の集計レポートで正規の送信元がすべて合格していることを確かめてから -all にしてください。",
            "SPF ends in ~all (softfail): many receivers still accept mail from servers not listed. Once DMARC aggregate reports show every real sender passing, change it to -all.",
        ),
        None => Finding::new(
            a,
            "spf_no_all",
            Severity::Medium,
            "SPF に all も redirect もありません。一覧にないサーバーは「中立」となり、なりすましメールが判断されないまま届きます。最後に -all を加えてください。",
            "SPF has neither all nor redirect: servers not listed get 'neutral' and spoofed mail goes through unjudged. End the record with -all.",
        ),
    };
    out.push(f.publish(domain, "TXT", suggested));
}

fn spf_walk_findings(out: &mut Vec<Finding>, acc: &SpfWalk, rec: &spf::Record) {
    let a = Area::Spf;
    if acc.lookups > SPF_LOOKUP_LIMIT {
        out.push(Finding::new(
            a,
            "spf_too_many_lookups",
            Severity::High,
            format!("SPF の評価に DNS 参照が {} 回必要です（上限 {SPF_LOOKUP_LIMIT} 回）。上限を超えると受信側は SPF を無効（permerror）とし、正規のメールも失敗扱いになります。使っていない include を外すか、ip4:/ip6: に置き換えてください。", acc.lookups),
            format!("Evaluating SPF takes {} DNS look-ups (limit {SPF_LOOKUP_LIMIT}). Past the limit receivers treat SPF as broken (permerror) and real mail fails too. Drop unused includes or replace them with ip4:/ip6:.", acc.lookups),
        ));
    } else if acc.lookups >= SPF_LOOKUP_LIMIT - 1 {
        out.push(Finding::new(
            a,
            "spf_near_lookup_limit",
            Severity::Low,
            format!("SPF の DNS 参照が {} 回で、上限の {SPF_LOOKUP_LIMIT} 回に近づいています。送信サービスを1つ追加すると上限を超えるおそれがあります。", acc.lookups),
            format!("SPF takes {} DNS look-ups, close to the limit of {SPF_LOOKUP_LIMIT}; one more sending service may break it.", acc.lookups),
        ));
    }
    for m in &acc.missing {
        out.push(Finding::new(
            a,
            "spf_include_missing",
            Severity::High,
            format!("SPF が参照する {m} に SPF レコードがない（または複数ある）ため、受信側は SPF を無効（permerror）とします。そのサービスの案内どおりの include 先に直すか、外してください。"),
            format!("SPF refers to {m}, which has no SPF record (or several), so receivers treat SPF as broken (permerror). Use the include the service documents, or remove it."),
        ));
    }
    for m in &acc.broken {
        out.push(Finding::new(
            a,
            "spf_include_broken",
            Severity::High,
            format!("SPF が参照する {m} の SPF レコードに誤りがあり、受信側は SPF を無効（permerror）とします。"),
            format!("The SPF record at {m}, which this SPF includes, is invalid; receivers treat SPF as broken (permerror)."),
        ));
    }
    for m in &acc.loops {
        out.push(Finding::new(
            a,
            "spf_loop",
            Severity::High,
            format!(
                "SPF の include／redirect が {m} で循環しています。受信側は SPF を評価できません。"
            ),
            format!("SPF's include/redirect chain loops at {m}; receivers cannot evaluate it."),
        ));
    }
    if acc.ptr {
        out.push(Finding::new(
            a,
            "spf_ptr",
            Severity::Low,
            "SPF に ptr が使われています。ptr は遅く信頼性が低いため、規格（RFC 7208）で使わないよう求められています。ip4:/ip6: に置き換えてください。",
            "SPF uses ptr, which is slow and unreliable; RFC 7208 asks not to use it. Replace it with ip4:/ip6:.",
        ));
    }
    let after = rec.after_all();
    if !after.is_empty() {
        out.push(Finding::new(
            a,
            "spf_after_all",
            Severity::Low,
            format!("SPF の all より後ろの「{}」は評価されません。送信元として必要なら all より前に移してください。", after.join(" ")),
            format!("'{}' after all is never evaluated. If it is a real sender, move it before all.", after.join(" ")),
        ));
    }
}

// -------------------------------------------------------------------------------------- DMARC

async fn check_dmarc(dns: &Dns, domain: &str) -> (Option<String>, Option<String>, Vec<Finding>) {
    let a = Area::Dmarc;
    let org = domain::organizational(domain);
    let mut at = format!("_dmarc.{domain}");
    let mut found = match dns.txt(&at).await {
        Ok(t) => t
            .into_iter()
            .filter(|t| dmarc::is_dmarc(t))
            .collect::<Vec<_>>(),
        Err(e) => return (None, None, vec![dns_finding(a, &e)]),
    };
    let mut inherited = false;
    if found.is_empty() && org != domain {
        at = format!("_dmarc.{org}");
        found = match dns.txt(&at).await {
            Ok(t) => t.into_iter().filter(|t| dmarc::is_dmarc(t)).collect(),
            Err(e) => return (None, None, vec![dns_finding(a, &e)]),
        };
        inherited = true;
    }
    let suggest_rua = format!("dmarc-reports@{org}");
    let mut out = Vec::new();
    let txt = match found.as_slice() {
        [] => {
            out.push(Finding::new(
                a,
                "dmarc_missing",
                Severity::High,
                "DMARC レコードがありません。このドメインを名乗るなりすましメールを、受信側が隔離・拒否する根拠がありません。まず SPF と DKIM を整え、集計レポートで正規の送信元がすべて合格していることを確かめてから p=quarantine 以上で公開してください（確かめる間だけ p=none でレポートを集める方法もあります）。",
                "There is no DMARC record: receivers have no instruction to quarantine or reject spoofed mail using this domain. Set up SPF and DKIM, confirm from aggregate reports that every real sender passes, then publish with p=quarantine or stronger (p=none only while collecting reports).",
            ).publish(format!("_dmarc.{domain}"), "TXT", format!("v=DMARC1; p=quarantine; rua=mailto:{suggest_rua}")));
            return (None, None, out);
        }
        [_, _, ..] => {
            out.push(Finding::new(
                a,
                "dmarc_multiple",
                Severity::High,
                format!("{at} に DMARC レコードが {} 件あります。複数あると受信側はどれも使いません。1件にまとめてください。", found.len()),
                format!("{at} has {} DMARC records; with more than one, receivers use none. Keep one.", found.len()),
            ));
            return (None, Some(at), out);
        }
        [one] => one.clone(),
    };
    let rec = match dmarc::parse(&txt) {
        Ok(r) => r,
        Err(e) => {
            out.push(
                Finding::new(
                    a,
                    "dmarc_syntax",
                    Severity::High,
                    format!(
                        "DMARC レコードが正しくありません: {}。受信側はこのレコードを使いません。",
                        e.ja
                    ),
                    format!(
                        "The DMARC record is invalid: {}. Receivers ignore it.",
                        e.en
                    ),
                )
                .publish(
                    format!("_dmarc.{domain}"),
                    "TXT",
                    format!("v=DMARC1; p=quarantine; rua=mailto:{suggest_rua}"),
                ),
            );
            return (Some(txt), Some(at), out);
        }
    };
    if inherited {
        out.push(Finding::new(
            a,
            "dmarc_inherited",
            Severity::Info,
            format!("{domain} 自身には DMARC レコードがなく、組織ドメイン {org} のレコードが適用されます（sp= があればそちら）。"),
            format!("{domain} has no DMARC record of its own; the organisational domain {org}'s record applies (its sp= if set)."),
        ));
    }
    let effective = if inherited {
        rec.subdomain_policy.unwrap_or(rec.policy)
    } else {
        rec.policy
    };
    dmarc_policy_findings(&mut out, &rec, effective, domain, &txt, &suggest_rua);
    dmarc_report_findings(&mut out, &rec);
    let policy_domain = if inherited {
        org.clone()
    } else {
        domain.to_string()
    };
    out.extend(dmarc_rua_authorization(dns, &rec, &policy_domain, &org).await);
    (Some(txt), Some(at), out)
}

/// Reports to another organisation's address need its consent (RFC 7489 7.1):
/// `<policy domain>._report._dmarc.<report domain>` TXT `v=DMARC1`.
async fn dmarc_rua_authorization(
    dns: &Dns,
    rec: &dmarc::Record,
    policy_domain: &str,
    org: &str,
) -> Vec<Finding> {
    let a = Area::Dmarc;
    let mut out = Vec::new();
    for addr in &rec.rua {
        let rua_domain = addr.rsplit('@').next().unwrap_or("").to_ascii_lowercase();
        if domain::organizational(&rua_domain) == org {
            continue;
        }
        let name = format!("{policy_domain}._report._dmarc.{rua_domain}");
        match dns.txt(&name).await {
            Ok(t) if t.iter().any(|t| dmarc::is_dmarc(t)) => {}
            Ok(_) => out.push(Finding::new(
                a,
                "dmarc_report_unauthorized",
                Severity::Medium,
                format!("集計レポートの送り先 {addr} は別のドメインですが、{name} に受け入れの宣言（v=DMARC1）がないため、受信側はレポートを送りません。送り先の管理者（レポート分析サービス等）に公開を依頼してください。"),
                format!("Reports go to {addr} in another domain, but {name} does not declare that it accepts them (v=DMARC1), so receivers will not send them. Ask that domain's operator to publish it."),
            ).publish(name, "TXT", "v=DMARC1")),
            Err(e) => out.push(dns_finding(a, &e)),
        }
    }
    out
}

fn replace_policy(txt: &str, p: &str) -> String {
    let mut tags: Vec<String> = txt
        .split(';')
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    match tags.iter().position(|t| t.starts_with("p=")) {
        Some(i) => tags[i] = format!("p={p}"),
        None => tags.insert(1, format!("p={p}")),
    }
    tags.retain(|t| !t.starts_with("pct="));
    tags.join("; ")
}

fn dmarc_policy_findings(
    out: &mut Vec<Finding>,
    rec: &dmarc::Record,
    effective: dmarc::Policy,
    domain: &str,
    txt: &str,
    suggest_rua: &str,
) {
    let a = Area::Dmarc;
    let mut stronger = replace_policy(txt, "quarantine");
    if rec.rua.is_empty() {
        stronger.push_str(&format!("; rua=mailto:{suggest_rua}"));
    }
    match effective {
        dmarc::Policy::None => out.push(Finding::new(
            a,
            "dmarc_policy_none",
            Severity::Medium,
            "DMARC のポリシーが p=none（監視のみ）です。認証に失敗したなりすましメールも、そのまま受信者に届きます。集計レポートで正規の送信元がすべて SPF か DKIM に合格していることを確かめ、p=quarantine、さらに p=reject へ進めてください。",
            "The DMARC policy is p=none (monitor only): spoofed mail that fails authentication is still delivered. Check in the aggregate reports that every real sender passes SPF or DKIM, then move to p=quarantine and on to p=reject.",
        ).publish(format!("_dmarc.{domain}"), "TXT", stronger)),
        dmarc::Policy::Quarantine => out.push(Finding::new(
            a,
            "dmarc_policy_quarantine",
            Severity::Good,
            "DMARC のポリシーは p=quarantine です。認証に失敗したメールは迷惑メールとして隔離されます。運用が安定したら p=reject にすると、なりすましメールは受け取られなくなります。",
            "The DMARC policy is p=quarantine: mail failing authentication goes to spam. Once stable, p=reject has spoofed mail refused outright.",
        )),
        dmarc::Policy::Reject => out.push(Finding::new(
            a,
            "dmarc_policy_reject",
            Severity::Good,
            "DMARC のポリシーは p=reject です。認証に失敗したなりすましメールは受信側で拒否されます。",
            "The DMARC policy is p=reject: spoofed mail failing authentication is refused by receivers.",
        )),
    }
    if rec.pct < 100 && effective != dmarc::Policy::None {
        out.push(Finding::new(
            a,
            "dmarc_pct",
            Severity::Low,
            format!("pct={} のため、ポリシーは失敗したメールの {}% にしか適用されません。移行が済んだら pct を外してください（既定値 100）。", rec.pct, rec.pct),
            format!("pct={} applies the policy to only {}% of failing mail. Remove pct once the move is done (the default is 100).", rec.pct, rec.pct),
        ));
    }
    if rec.subdomain_policy == Some(dmarc::Policy::None) && rec.policy != dmarc::Policy::None {
        out.push(Finding::new(
            a,
            "dmarc_subdomain_none",
            Severity::Medium,
            "sp=none のため、サブドメイン（例: info.〜）を名乗るなりすましメールは止まりません。sp= を外すか、p= と同じ強さにしてください。",
            "sp=none leaves subdomains (e.g. info.…) open to spoofing. Remove sp= or make it as strong as p=.",
        ));
    }
    if rec.strict_dkim || rec.strict_spf {
        out.push(Finding::new(
            a,
            "dmarc_strict_alignment",
            Severity::Info,
            "DMARC の整合（アラインメント）が厳格（s）に設定されています。サブドメインや外部サービスから送るメールは、差出人と完全に同じドメインで署名・送信されないと失敗します。",
            "DMARC alignment is strict (s): mail sent from subdomains or outside services fails unless signed and sent with exactly the From: domain.",
        ));
    }
}

fn dmarc_report_findings(out: &mut Vec<Finding>, rec: &dmarc::Record) {
    let a = Area::Dmarc;
    if rec.rua.is_empty() {
        out.push(Finding::new(
            a,
            "dmarc_no_reports",
            Severity::Low,
            "集計レポートの送り先（rua=）がありません。レポートがないと、なりすましの試みや、認証に失敗している正規の送信元に気づけません。rua=mailto:… を加えてください。",
            "There is no aggregate report address (rua=): without reports nobody sees spoofing attempts or real senders that fail. Add rua=mailto:….",
        ));
    }
    for u in &rec.bad_uris {
        out.push(Finding::new(
            a,
            "dmarc_bad_report_uri",
            Severity::Medium,
            format!("レポートの送り先「{u}」は mailto: のメールアドレスではないため、ほとんどの受信側は使いません。"),
            format!("The report address '{u}' is not a mailto: address; most receivers will not use it."),
        ));
    }
}

// --------------------------------------------------------------------------------------- DKIM

async fn check_dkim(dns: &Dns, domain: &str, selectors: &[String]) -> (Vec<DkimKey>, Vec<Finding>) {
    let a = Area::Dkim;
    let guessing = selectors.is_empty();
    let list: Vec<String> = if guessing {
        dkim::COMMON_SELECTORS
            .iter()
            .map(|s| (*s).to_string())
            .collect()
    } else {
        selectors.to_vec()
    };
    let mut keys = Vec::new();
    let mut out = Vec::new();
    for sel in &list {
        let name = format!("{sel}._domainkey.{domain}");
        let txts = match dns.txt(&name).await {
            Ok(t) => t,
            Err(e) => {
                out.push(dns_finding(a, &e));
                continue;
            }
        };
        let Some(txt) = txts.into_iter().find(|t| t.contains("p=")) else {
            if !guessing {
                out.push(Finding::new(
                    a,
                    "dkim_selector_missing",
                    Severity::Medium,
                    format!("セレクタ {sel} の DKIM 公開鍵（{name}）が見つかりません。このセレクタで署名したメールは DKIM に失敗します。"),
                    format!("No DKIM key for selector {sel} ({name}); mail signed with it fails DKIM."),
                ));
            }
            continue;
        };
        keys.push(DkimKey {
            selector: sel.clone(),
            record: txt.clone(),
        });
        out.extend(dkim_key_findings(sel, &txt));
    }
    if guessing && keys.is_empty() {
        out.push(Finding::new(
            a,
            "dkim_not_found",
            Severity::Info,
            format!("よく使われるセレクタ（{}）には DKIM 公開鍵がありませんでした。送信したメールのヘッダー DKIM-Signature の s= の値をセレクタとして指定して確認してください。", dkim::COMMON_SELECTORS.join("、")),
            format!("No DKIM key under the common selectors ({}). Give the s= value from the DKIM-Signature header of a sent mail as the selector.", dkim::COMMON_SELECTORS.join(", ")),
        ));
    }
    (keys, out)
}

fn dkim_key_findings(sel: &str, txt: &str) -> Vec<Finding> {
    let a = Area::Dkim;
    let rec = match dkim::parse(txt) {
        Ok(r) => r,
        Err(e) => {
            return vec![Finding::new(
                a,
                "dkim_bad_record",
                Severity::High,
                format!(
                    "セレクタ {sel} の DKIM レコードが正しくありません: {}。このセレクタの署名は検証できません。",
                    e.ja
                ),
                format!(
                    "The DKIM record for selector {sel} is invalid: {}. Its signatures cannot be verified.",
                    e.en
                ),
            )];
        }
    };
    let mut out = Vec::new();
    match rec.key {
        dkim::Key::Revoked => out.push(Finding::new(
            a,
            "dkim_revoked",
            Severity::Info,
            format!("セレクタ {sel} の鍵は失効させてあります（p= が空）。このセレクタでの署名はもう使われない想定です。"),
            format!("Selector {sel}'s key is withdrawn (empty p=); it is not expected to sign any more."),
        )),
        dkim::Key::Rsa { bits } if bits < 1024 => out.push(Finding::new(
            a,
            "dkim_key_broken",
            Severity::High,
            format!("セレクタ {sel} の RSA 鍵は {bits} ビットです。短すぎて解読されるおそれがあり、多くの受信側は署名を無効とします。2048 ビットの鍵を新しいセレクタで作り直してください。"),
            format!("Selector {sel}'s RSA key has {bits} bits: short enough to be broken, and many receivers reject it. Make a 2048-bit key under a new selector."),
        )),
        dkim::Key::Rsa { bits } if bits < 2048 => out.push(Finding::new(
            a,
            "dkim_key_weak",
            Severity::Medium,
            format!("セレクタ {sel} の RSA 鍵は {bits} ビットです。現在の推奨は 2048 ビット以上です。新しいセレクタで 2048 ビットの鍵を公開し、署名を切り替えてから古い鍵を失効させてください。"),
            format!("Selector {sel}'s RSA key has {bits} bits; 2048 or more is recommended. Publish a 2048-bit key under a new selector, switch signing to it, then withdraw the old one."),
        )),
        dkim::Key::Rsa { bits } => out.push(Finding::new(
            a,
            "dkim_key_ok",
            Severity::Good,
            format!("セレクタ {sel} の DKIM 鍵は RSA {bits} ビットです。"),
            format!("Selector {sel}'s DKIM key is RSA with {bits} bits."),
        )),
        dkim::Key::Ed25519 => out.push(Finding::new(
            a,
            "dkim_key_ok",
            Severity::Good,
            format!("セレクタ {sel} の DKIM 鍵は Ed25519 です。Ed25519 を検証できない受信側もあるため、RSA 2048 ビットの署名も併用してください。"),
            format!("Selector {sel}'s DKIM key is Ed25519. Some receivers cannot verify Ed25519, so sign with an RSA 2048-bit key as well."),
        )),
    }
    if rec.testing {
        out.push(Finding::new(
            a,
            "dkim_testing",
            Severity::Low,
            format!("セレクタ {sel} の鍵に t=y（テスト中）が付いています。受信側は署名の失敗を無視することがあります。運用を始めたら t=y を外してください。"),
            format!("Selector {sel}'s key has t=y (testing): receivers may ignore failures. Remove t=y once in use."),
        ));
    }
    if rec.sha1_only {
        out.push(Finding::new(
            a,
            "dkim_sha1",
            Severity::Medium,
            format!("セレクタ {sel} の鍵は SHA-1 の署名しか認めていません（h=sha1）。SHA-1 は安全でないため、h= を外すか sha256 にしてください。"),
            format!("Selector {sel}'s key allows only SHA-1 signatures (h=sha1). SHA-1 is unsafe; remove h= or use sha256."),
        ));
    }
    out
}

// ------------------------------------------------------------------------------------ TLS-RPT

async fn check_tls_rpt(dns: &Dns, domain: &str) -> (Option<String>, Vec<Finding>) {
    let a = Area::TlsRpt;
    let name = format!("_smtp._tls.{domain}");
    let txts = match dns.txt(&name).await {
        Ok(t) => t
            .into_iter()
            .filter(|t| sts::is_tls_rpt(t))
            .collect::<Vec<_>>(),
        Err(e) => return (None, vec![dns_finding(a, &e)]),
    };
    let org = domain::organizational(domain);
    match txts.as_slice() {
        [] => (None, vec![Finding::new(
            a,
            "tls_rpt_missing",
            Severity::Low,
            "TLS-RPT のレコードがありません。送信側がこのドメインへの暗号化配送に失敗しても、報告を受け取れません。",
            "There is no TLS-RPT record: when senders fail to deliver to this domain over TLS, nobody is told.",
        ).publish(name, "TXT", format!("v=TLSRPTv1; rua=mailto:tls-reports@{org}"))]),
        [one] => match sts::parse_tls_rpt(one) {
            Ok(_) => (Some(one.clone()), vec![Finding::new(
                a,
                "tls_rpt_ok",
                Severity::Good,
                "TLS-RPT が設定されており、暗号化配送の失敗が報告されます。",
                "TLS-RPT is set: failed encrypted deliveries are reported.",
            )]),
            Err((ja, en)) => (Some(one.clone()), vec![Finding::new(
                a,
                "tls_rpt_bad",
                Severity::Medium,
                format!("TLS-RPT のレコードが正しくありません: {ja}。"),
                format!("The TLS-RPT record is invalid: {en}."),
            ).publish(name, "TXT", format!("v=TLSRPTv1; rua=mailto:tls-reports@{org}"))]),
        },
        _ => (None, vec![Finding::new(
            a,
            "tls_rpt_bad",
            Severity::Medium,
            "TLS-RPT のレコードが複数あります。送信側はどれも使いません。1件にまとめてください。",
            "There are several TLS-RPT records; senders use none. Keep one.",
        )]),
    }
}

// ------------------------------------------------------------------------------- MX, MTA-STS

async fn check_mx_and_sts(
    dns: &Dns,
    domain: &str,
    opts: &Options,
    records: &mut Records,
) -> (Vec<MxHost>, Option<sts::Mode>, Vec<Finding>) {
    let mut out = Vec::new();
    let mx = match dns.mx(domain).await {
        Ok(m) => m,
        Err(e) => return (Vec::new(), None, vec![dns_finding(Area::Mx, &e)]),
    };
    if mx.len() == 1 && (mx[0].1.is_empty() || mx[0].1 == ".") {
        out.push(Finding::new(
            Area::Mx,
            "mx_null",
            Severity::Info,
            "このドメインはメールを受け取らないと宣言しています（Null MX）。MTA-STS と TLS-RPT は不要です。",
            "This domain declares that it accepts no mail (null MX); MTA-STS and TLS-RPT are not needed.",
        ));
        return (Vec::new(), None, out);
    }
    if mx.is_empty() {
        out.push(Finding::new(
            Area::Mx,
            "mx_missing",
            Severity::Medium,
            "MX レコードがありません。送信側はドメインの A レコードに直接配送を試みます。メールを受け取るなら MX を、受け取らないなら Null MX（0 .）を公開してください。",
            "There is no MX record: senders try the domain's A record directly. Publish MX records if the domain receives mail, or a null MX (0 .) if it does not.",
        ));
    }
    let roots = net::roots(&opts.extra_roots);
    let (policy, sts_findings) = check_sts(dns, domain, opts, &mx, roots.clone(), records).await;
    let mode = policy.as_ref().map(|p| p.mode);
    let mut hosts = Vec::new();
    for (pref, host) in mx.iter().take(10) {
        let mut h = MxHost {
            preference: *pref,
            host: host.clone(),
            address: None,
            tls: None,
        };
        if opts.connect {
            out.extend(probe_host(dns, host, opts, roots.clone(), mode, &mut h).await);
        }
        hosts.push(h);
    }
    out.extend(sts_findings);
    (hosts, mode, out)
}

async fn probe_host(
    dns: &Dns,
    host: &str,
    opts: &Options,
    roots: std::sync::Arc<rustls::RootCertStore>,
    mode: Option<sts::Mode>,
    h: &mut MxHost,
) -> Vec<Finding> {
    let a = Area::Mx;
    let ip = match dns.ips(host).await {
        Ok(ips) if !ips.is_empty() => ips[0],
        Ok(_) => {
            return vec![Finding::new(
                a,
                "mx_host_unresolved",
                Severity::High,
                format!(
                    "MX のホスト {host} にアドレス（A／AAAA）がありません。このホストへの配送は失敗します。"
                ),
                format!("The MX host {host} has no address (A/AAAA); delivery to it fails."),
            )];
        }
        Err(e) => return vec![dns_finding(a, &e)],
    };
    h.address = Some(ip.to_string());
    if !opts.may_connect(ip) {
        return vec![refused(a, host, ip)];
    }
    let p = net::probe_mx(host, ip, opts.smtp_port, roots, opts.timeout).await;
    if let Some(e) = &p.error
        && p.version.is_none()
        && !p.starttls
    {
        return vec![Finding::new(
            a,
            "mx_unreachable",
            Severity::Info,
            format!(
                "{host}（{ip}）の SMTP に接続できず、暗号化を確認できませんでした（{e}）。ポート 25 への接続を止めている回線からは確認できないことがあります。"
            ),
            format!(
                "Could not talk SMTP to {host} ({ip}), so TLS was not checked ({e}). Networks that block outgoing port 25 cannot check it."
            ),
        )];
    }
    if !p.starttls {
        return vec![Finding::new(
            a,
            "mx_no_starttls",
            Severity::High,
            format!(
                "{host} は STARTTLS に対応していません。このドメイン宛てのメールは暗号化されずに届き、途中で読まれるおそれがあります。"
            ),
            format!(
                "{host} does not offer STARTTLS: mail to this domain travels unencrypted and can be read on the way."
            ),
        )];
    }
    let Some(version) = p.version.clone() else {
        return vec![Finding::new(
            a,
            "mx_tls_failed",
            Severity::High,
            format!(
                "{host} は STARTTLS を示しますが、TLS 1.2 以上で接続できませんでした（{}）。古い TLS だけに対応している可能性があります。",
                p.error.clone().unwrap_or_default()
            ),
            format!(
                "{host} offers STARTTLS but no TLS 1.2+ handshake succeeded ({}). It may only speak old TLS versions.",
                p.error.clone().unwrap_or_default()
            ),
        )];
    };
    h.tls = Some(version.clone());
    let mut out = Vec::new();
    match &p.certificate {
        Err(e) => out.push(Finding::new(
            a,
            "mx_certificate_invalid",
            if mode == Some(sts::Mode::Enforce) { Severity::High } else { Severity::Medium },
            format!("{host} の証明書を検証できません（{e}）。MTA-STS を enforce にすると、送信側はこのホストに配送しなくなります。公的な認証局の証明書で、ホスト名 {host} を含むものにしてください。"),
            format!("{host}'s certificate does not verify ({e}). With MTA-STS in enforce mode senders will refuse to deliver to it. Use a certificate from a public CA that names {host}."),
        )),
        Ok(()) => {
            let days = p.not_after.map(|t| (t - opts.now).div_euclid(86_400));
            match days {
                Some(d) if d < 14 => out.push(Finding::new(
                    a,
                    "mx_certificate_expiring",
                    Severity::Medium,
                    format!("{host} の証明書の有効期限まで残り {d} 日です。更新を確認してください。"),
                    format!("{host}'s certificate expires in {d} days. Make sure it is renewed."),
                )),
                _ => out.push(Finding::new(
                    a,
                    "mx_tls_ok",
                    Severity::Good,
                    format!("{host} は STARTTLS（{version}）に対応し、証明書も有効です。"),
                    format!("{host} offers STARTTLS ({version}) with a valid certificate."),
                )),
            }
        }
    }
    out
}

async fn check_sts(
    dns: &Dns,
    domain: &str,
    opts: &Options,
    mx: &[(u16, String)],
    roots: std::sync::Arc<rustls::RootCertStore>,
    records: &mut Records,
) -> (Option<sts::Policy>, Vec<Finding>) {
    let a = Area::MtaSts;
    let name = format!("_mta-sts.{domain}");
    let txts = match dns.txt(&name).await {
        Ok(t) => t.into_iter().filter(|t| sts::is_sts(t)).collect::<Vec<_>>(),
        Err(e) => return (None, vec![dns_finding(a, &e)]),
    };
    let policy_url = format!("https://mta-sts.{domain}/.well-known/mta-sts.txt");
    let suggested_policy = {
        let mut s = String::from("version: STSv1\nmode: testing\n");
        for (_, h) in mx {
            s.push_str(&format!("mx: {h}\n"));
        }
        s.push_str("max_age: 604800\n");
        s
    };
    let txt = match txts.as_slice() {
        [] => {
            return (
                None,
                sts_missing(&name, &policy_url, suggested_policy, opts.now),
            );
        }
        [one] => one.clone(),
        _ => {
            return (
                None,
                vec![Finding::new(
                    a,
                    "mta_sts_record_bad",
                    Severity::High,
                    format!(
                        "{name} に MTA-STS のレコードが複数あります。送信側はポリシーがないものとして扱います。1件にまとめてください。"
                    ),
                    format!(
                        "{name} has several MTA-STS records; senders act as if there were no policy. Keep one."
                    ),
                )],
            );
        }
    };
    records.mta_sts = Some(txt.clone());
    if let Err((ja, en)) = sts::sts_record_ok(&txt) {
        return (
            None,
            vec![Finding::new(
                a,
                "mta_sts_record_bad",
                Severity::High,
                format!("{name} の MTA-STS レコードが正しくありません: {ja}。"),
                format!("The MTA-STS record at {name} is invalid: {en}."),
            )],
        );
    }
    if !opts.connect {
        return (None, Vec::new());
    }
    let fetched = fetch_policy(dns, domain, opts, roots).await;
    let answer = match fetched {
        Ok(a) if a.status == 200 => a,
        other => {
            let (why_ja, why_en) = match other {
                Ok(a) => (format!("HTTP {}", a.status), format!("HTTP {}", a.status)),
                Err(FetchFail::Refused(host, ip)) => return (None, vec![refused(a, &host, ip)]),
                Err(FetchFail::NoAddress(host)) => (
                    format!("{host} にアドレスがありません"),
                    format!("{host} has no address"),
                ),
                Err(FetchFail::Net(e)) => (e.clone(), e),
            };
            return (None, vec![Finding::new(
                a,
                "mta_sts_policy_unreachable",
                Severity::High,
                format!("MTA-STS の TXT レコードはありますが、ポリシーファイル {policy_url} を取得できません（{why_ja}）。送信側はポリシーを使えません。"),
                format!("The MTA-STS TXT record exists but the policy file {policy_url} cannot be fetched ({why_en}); senders cannot use the policy."),
            ).publish(policy_url, "file", suggested_policy)]);
        }
    };
    records.mta_sts_policy = Some(answer.body.clone());
    read_policy(&answer, mx, &policy_url, suggested_policy)
}

/// The policy file over HTTPS, at the first address of `mta-sts.<domain>`.
async fn fetch_policy(
    dns: &Dns,
    domain: &str,
    opts: &Options,
    roots: std::sync::Arc<rustls::RootCertStore>,
) -> Result<net::HttpAnswer, FetchFail> {
    let host = format!("mta-sts.{domain}");
    let ip = match dns.ips(&host).await {
        Ok(ips) if !ips.is_empty() => ips[0],
        Ok(_) => return Err(FetchFail::NoAddress(host)),
        Err(e) => return Err(FetchFail::Net(e.to_string())),
    };
    if !opts.may_connect(ip) {
        return Err(FetchFail::Refused(host, ip));
    }
    net::https_get(
        &host,
        ip,
        opts.https_port,
        "/.well-known/mta-sts.txt",
        roots,
        opts.timeout,
    )
    .await
    .map_err(FetchFail::Net)
}

enum FetchFail {
    NoAddress(String),
    Refused(String, std::net::IpAddr),
    Net(String),
}

/// The fetched policy file's findings: its content type, its syntax, what it says.
fn read_policy(
    answer: &net::HttpAnswer,
    mx: &[(u16, String)],
    policy_url: &str,
    suggested_policy: String,
) -> (Option<sts::Policy>, Vec<Finding>) {
    let a = Area::MtaSts;
    let mut out = Vec::new();
    if !answer
        .content_type
        .as_deref()
        .is_some_and(|c| c.to_ascii_lowercase().starts_with("text/plain"))
    {
        out.push(Finding::new(
            a,
            "mta_sts_content_type",
            Severity::Low,
            format!("ポリシーファイルの Content-Type が text/plain ではありません（{}）。規格では text/plain と定められています。", answer.content_type.clone().unwrap_or_default()),
            format!("The policy file is not served as text/plain ({}), as the standard requires.", answer.content_type.clone().unwrap_or_default()),
        ));
    }
    let policy = match sts::parse_policy(&answer.body) {
        Ok(p) => p,
        Err((ja, en)) => {
            out.push(
                Finding::new(
                    a,
                    "mta_sts_policy_bad",
                    Severity::High,
                    format!("MTA-STS のポリシーファイルが正しくありません: {ja}。"),
                    format!("The MTA-STS policy file is invalid: {en}."),
                )
                .publish(policy_url, "file", suggested_policy),
            );
            return (None, out);
        }
    };
    sts_policy_findings(&mut out, &policy, mx, policy_url, &suggested_policy);
    (Some(policy), out)
}

fn sts_missing(name: &str, policy_url: &str, suggested_policy: String, now: i64) -> Vec<Finding> {
    let a = Area::MtaSts;
    let stamp = hoshi_core::time::civil(now);
    let id = format!("{:04}{:02}{:02}", stamp.0, stamp.1, stamp.2);
    vec![
                Finding::new(
                    a,
                    "mta_sts_missing",
                    Severity::Low,
                    format!("MTA-STS が設定されていません。送信側は暗号化できなくても平文で配送し、通信を乗っ取られると気づけません。次の TXT レコードと、{policy_url} にポリシーファイルを公開してください（まず mode: testing で TLS-RPT の報告を確かめ、問題がなければ enforce に）。"),
                    format!("MTA-STS is not set: senders fall back to plain text when TLS fails, and an interception goes unnoticed. Publish this TXT record and a policy file at {policy_url} (start with mode: testing, read the TLS-RPT reports, then switch to enforce)."),
                ).publish(name, "TXT", format!("v=STSv1; id={id}")),
                Finding::new(
                    a,
                    "mta_sts_policy_file",
                    Severity::Info,
                    format!("MTA-STS のポリシーファイルの例です。{policy_url} に text/plain で置きます。"),
                    format!("An example MTA-STS policy file, served at {policy_url} as text/plain."),
                ).publish(policy_url, "file", suggested_policy),
            ]
}

fn sts_policy_findings(
    out: &mut Vec<Finding>,
    policy: &sts::Policy,
    mx: &[(u16, String)],
    policy_url: &str,
    suggested: &str,
) {
    let a = Area::MtaSts;
    let uncovered: Vec<&str> = mx
        .iter()
        .map(|(_, h)| h.as_str())
        .filter(|h| !policy.mx.iter().any(|p| sts::mx_matches(p, h)))
        .collect();
    if !uncovered.is_empty() && policy.mode != sts::Mode::None {
        out.push(Finding::new(
            a,
            "mta_sts_mx_uncovered",
            if policy.mode == sts::Mode::Enforce { Severity::High } else { Severity::Medium },
            format!("MX の {} が MTA-STS ポリシーの mx: に含まれていません。enforce では送信側がこのホストへの配送を拒みます。", uncovered.join("、")),
            format!("The MX {} is not covered by the policy's mx: lines; in enforce mode senders refuse to deliver to it.", uncovered.join(", ")),
        ).publish(policy_url, "file", suggested));
    }
    match policy.mode {
        sts::Mode::Enforce => out.push(Finding::new(
            a,
            "mta_sts_enforce",
            Severity::Good,
            "MTA-STS は enforce で、送信側は有効な証明書での暗号化配送を必ず行います。",
            "MTA-STS is in enforce mode: senders always deliver over TLS with a valid certificate.",
        )),
        sts::Mode::Testing => out.push(Finding::new(
            a,
            "mta_sts_testing",
            Severity::Low,
            "MTA-STS は testing で、失敗は報告されるだけで配送は平文でも続きます。TLS-RPT の報告に問題がなければ mode: enforce にしてください。",
            "MTA-STS is in testing mode: failures are only reported and delivery may fall back to plain text. If TLS-RPT reports are clean, switch to mode: enforce.",
        )),
        sts::Mode::None => out.push(Finding::new(
            a,
            "mta_sts_mode_none",
            Severity::Medium,
            "MTA-STS のポリシーが mode: none で、効果がありません（ポリシーの取り下げ用の設定です）。",
            "The MTA-STS policy is mode: none and has no effect (it is meant for withdrawing a policy).",
        )),
    }
    if policy.max_age < 86_400 && policy.mode != sts::Mode::None {
        out.push(Finding::new(
            a,
            "mta_sts_max_age_short",
            Severity::Low,
            format!("max_age が {} 秒と短く、送信側がポリシーをすぐに忘れます。1週間（604800）以上にしてください。", policy.max_age),
            format!("max_age is only {} seconds, so senders forget the policy quickly. Use a week (604800) or more.", policy.max_age),
        ));
    }
}
