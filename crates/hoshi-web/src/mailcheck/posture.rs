//! The posture of the organisation's own mail domains: any member reads the latest check
//! (findings worst first in their language, the records to publish, the records found) and the
//! earlier ones; editors run a check of the profile's domains with the DKIM selectors they name,
//! and keep the latest check's page as evidence (no criterion suggested: ★3 has none about mail
//! authentication, so the member picks one or none).
//!
//! A check asks the server's resolver and connects only where the server's [`PosturePolicy`]
//! permits; one runs per organisation at a time and at most once a minute
//! (`hoshi_store::posture::claim`), within the policy's overall limit. It runs in its own task,
//! so a browser that gives up waiting does not leave it half-done: the result is still kept.

use std::collections::HashMap;
use std::sync::Arc;

use hoshi_fraud::profile::Profile;
use hoshi_posture::check::AddressPolicy;
use hoshi_posture::{Dns, Options, Report, check_domain, domain};
use hoshi_store::posture::{self as store, Claim, NewRun};

use super::PosturePolicy;
use super::posture_view::{self as view, DomainRow};
use crate::evidence::choose::{self, Spec};
use crate::evidence::kept::KeptFile;
use crate::kernel::prelude::*;

/// Selectors one check may name.
const MAX_SELECTORS: usize = 10;
/// Domains of the profile one check covers.
const MAX_DOMAINS: usize = 10;
/// Earlier checks listed.
const HISTORY: i64 = 20;

#[derive(Template)]
#[template(path = "mailcheck/posture.html")]
struct PostureT {
    p: Page,
    org_id: String,
    org_name: String,
    can_run: bool,
    is_owner: bool,
    /// The profile's domains a check would cover.
    domains: Vec<String>,
    selectors: String,
    fs: FormState,
    /// The last run was refused for want of a domain in the profile.
    no_domain: bool,
    latest: Option<Latest>,
    rows: Vec<DomainRow>,
    unreadable: bool,
    history: Vec<History>,
}

struct Latest {
    when: String,
    by: String,
    worst_label: &'static str,
    worst_class: &'static str,
    counts: String,
    selectors: String,
}

struct History {
    when: String,
    by: String,
    domains: String,
    worst_label: &'static str,
    worst_class: &'static str,
    counts: String,
}

/// The profile's own domains, as host names, at most [`MAX_DOMAINS`]; none without a profile.
async fn own_domains(state: &Shared, m: &hoshi_store::orgs::Membership) -> AppResult<Vec<String>> {
    let scope = m.scope().clone();
    let stored = state
        .db(move |s| s.read(|c| hoshi_store::fraud::profile(c, &scope)))
        .await?;
    let Some(profile) = stored.and_then(|s| Profile::parse(&s.profile).ok()) else {
        return Ok(Vec::new());
    };
    let mut out: Vec<String> = Vec::new();
    for d in profile
        .organisation
        .domains
        .iter()
        .filter_map(|d| domain::normalise(d))
    {
        if !out.contains(&d) && out.len() < MAX_DOMAINS {
            out.push(d);
        }
    }
    Ok(out)
}

fn class_and_severity(worst: &str) -> (&'static str, hoshi_posture::Severity) {
    let s = view::severity(worst);
    (view::severity_class(s), s)
}

/// What the page says at its top after a redirect.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flash {
    None,
    Done,
    Attached,
}

/// The page, with the run form's state `fs`.
async fn render(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    fs: FormState,
    no_domain: bool,
    flash: Flash,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let (latest, runs) = state
        .db(move |s| s.read(|c| Ok((store::latest(c, &scope)?, store::list(c, &scope, HISTORY)?))))
        .await?;
    let t = ctx.t();
    let ja = ctx.lang == Lang::Ja;
    let domains = own_domains(state, m).await?;
    let (rows, unreadable) = match &latest {
        Some((_, report)) => match view::domains(report, &t) {
            Some(rows) => (rows, false),
            None => (Vec::new(), true),
        },
        None => (Vec::new(), false),
    };
    let latest = latest.map(|(r, _)| {
        let (worst_class, s) = class_and_severity(&r.worst);
        Latest {
            when: ctx.time(r.checked_at),
            by: r.checked_by_name,
            worst_label: s.label(ja),
            worst_class,
            counts: view::counts(r.high, r.medium, r.low, ctx.lang),
            selectors: if r.selectors.is_empty() {
                t.s("posture_common_selectors").to_string()
            } else {
                r.selectors
            },
        }
    });
    let history = runs
        .into_iter()
        .map(|r| {
            let (worst_class, s) = class_and_severity(&r.worst);
            History {
                when: ctx.time(r.checked_at),
                by: r.checked_by_name,
                domains: r.domains,
                worst_label: s.label(ja),
                worst_class,
                counts: view::counts(r.high, r.medium, r.low, ctx.lang),
            }
        })
        .collect();
    let mut p = Page::new(ctx, "posture_title").flash(match flash {
        Flash::Done => Some("posture_done"),
        Flash::Attached => Some("posture_attached"),
        Flash::None => None,
    });
    p.title = format!("{} — {}", t.s("posture_title"), m.org.name);
    Ok(html(PostureT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        can_run: m.role >= Role::Editor,
        is_owner: m.role == Role::Owner,
        domains,
        selectors: fs.value("run", "selectors", "").to_string(),
        fs,
        no_domain,
        latest,
        rows,
        unreadable,
        history,
    }))
}

/// `GET /o/{org}/mail/posture`
pub async fn page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let flash = if q.contains_key("done") {
        Flash::Done
    } else if q.contains_key("attached") {
        Flash::Attached
    } else {
        Flash::None
    };
    render(&state, &ctx, &m, FormState::default(), false, flash).await
}

/// What is wrong with the selectors typed.
#[derive(Debug, PartialEq, Eq)]
enum SelectorProblem {
    TooMany(usize),
    Bad(String),
}

impl SelectorProblem {
    fn message(&self, t: &Tr) -> String {
        match self {
            SelectorProblem::TooMany(n) => {
                t.s("posture_selector_many").replace("{n}", &n.to_string())
            }
            SelectorProblem::Bad(s) => t.s("posture_selector_bad").replace("{s}", s),
        }
    }
}

/// Selectors separated by spaces or commas: at most ten, each 1–63 of `A-Za-z0-9._-`,
/// repeated ones once.
fn parse_selectors(text: &str) -> Result<Vec<String>, SelectorProblem> {
    let mut out: Vec<String> = Vec::new();
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '、')
        .filter(|w| !w.is_empty())
        .collect();
    for w in &words {
        let ok = w.len() <= 63
            && w.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
        if !ok {
            let shown: String = w.chars().take(70).collect();
            return Err(SelectorProblem::Bad(shown));
        }
        if !out.iter().any(|s| s == w) {
            out.push((*w).to_string());
        }
    }
    if out.len() > MAX_SELECTORS {
        return Err(SelectorProblem::TooMany(out.len()));
    }
    Ok(out)
}

/// Why a check kept nothing.
enum Failure {
    Timeout,
    Dns(String),
    Crashed,
    Store(AppError),
}

/// Runs the check of `domains` under `policy`.
async fn check(
    policy: &PosturePolicy,
    domains: &[String],
    selectors: &[String],
    at: i64,
) -> Result<Report, Failure> {
    let dns = if policy.dns.is_empty() {
        Dns::system(policy.timeout)
    } else {
        Dns::servers(&policy.dns, policy.timeout)
    }
    .map_err(Failure::Dns)?;
    let permits = policy.clone();
    let opts = Options {
        selectors: selectors.to_vec(),
        connect: policy.connect,
        smtp_port: policy.smtp_port,
        https_port: policy.https_port,
        extra_roots: Vec::new(),
        timeout: policy.timeout,
        now: at,
        allow: Some(AddressPolicy(Arc::new(move |ip| permits.permits(ip)))),
    };
    let mut set = tokio::task::JoinSet::new();
    for (i, d) in domains.iter().enumerate() {
        let (dns, opts, d) = (dns.clone(), opts.clone(), d.clone());
        set.spawn(async move { (i, check_domain(&dns, &d, &opts).await) });
    }
    let all = async {
        let mut out = Vec::new();
        while let Some(r) = set.join_next().await {
            out.push(r.map_err(|_| Failure::Crashed)?);
        }
        Ok(out)
    };
    // Dropping the set on time-out stops every domain's check still running.
    let mut out = tokio::time::timeout(policy.overall, all)
        .await
        .map_err(|_| Failure::Timeout)??;
    out.sort_by_key(|(i, _)| *i);
    Ok(Report::new(at, out.into_iter().map(|(_, r)| r).collect()))
}

/// Checks and keeps the result, or ends the claim when nothing can be kept.
async fn check_and_keep(
    state: Shared,
    uid: String,
    org: String,
    domains: Vec<String>,
    selectors: Vec<String>,
) -> Result<(), Failure> {
    let at = now();
    let result = match check(&state.config.posture, &domains, &selectors, at).await {
        Ok(report) => keep(&state, &uid, &org, &domains, &selectors, &report).await,
        Err(f) => Err(f),
    };
    if result.is_err() {
        let org = org.clone();
        let _ = state
            .db(move |s| s.write(|tx| store::release(tx, now(), &org)))
            .await;
    }
    result
}

async fn keep(
    state: &Shared,
    uid: &str,
    org: &str,
    domains: &[String],
    selectors: &[String],
    report: &Report,
) -> Result<(), Failure> {
    let json = serde_json::to_string(report).map_err(|_| Failure::Crashed)?;
    let page_ja = hoshi_posture::html::render(report, true);
    let page_en = hoshi_posture::html::render(report, false);
    let worst = report.worst().code();
    let (high, medium, low) = (
        report.totals.high as i64,
        report.totals.medium as i64,
        report.totals.low as i64,
    );
    let (uid, org) = (uid.to_string(), org.to_string());
    let (domains, selectors) = (domains.join(" "), selectors.join(" "));
    state
        .db(move |s| {
            s.write(|tx| {
                store::record(
                    tx,
                    now(),
                    &uid,
                    &org,
                    NewRun {
                        domains: &domains,
                        selectors: &selectors,
                        worst,
                        high,
                        medium,
                        low,
                        report: &json,
                        page_ja: &page_ja,
                        page_en: &page_en,
                    },
                )
            })
        })
        .await
        .map(|_| ())
        .map_err(Failure::Store)
}

#[derive(Deserialize, Default)]
pub struct RunForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    selectors: String,
}

/// The page again with `message` in the run form's summary and the response's `status`.
async fn refused(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    fs: FormState,
    message: String,
    status: StatusCode,
) -> AppResult<Response> {
    let mut r = render(state, ctx, m, fs.message(None, message), false, Flash::None).await?;
    *r.status_mut() = status;
    Ok(r)
}

/// `POST /o/{org}/mail/posture` (editors): checks the profile's domains now.
pub async fn run(
    State(state): State<Shared>,
    OrgForm {
        member: Member { ctx, m, .. },
        form,
    }: OrgForm<Editor, RunForm>,
) -> AppResult<Response> {
    let t = ctx.t();
    let fs = FormState::new("run", &[("selectors", &form.selectors)]);
    let selectors = match parse_selectors(&form.selectors) {
        Ok(s) => s,
        Err(e) => {
            let fs = fs.message(Some("selectors"), e.message(&t));
            return Ok(unprocessable(
                render(&state, &ctx, &m, fs, false, Flash::None).await?,
            ));
        }
    };
    let domains = own_domains(&state, &m).await?;
    if domains.is_empty() {
        let fs = fs.message(None, t.s("posture_no_domain").to_string());
        return Ok(unprocessable(
            render(&state, &ctx, &m, fs, true, Flash::None).await?,
        ));
    }
    let (uid, org) = (ctx.user()?.0.id.clone(), m.org.id.clone());
    let (u, o) = (uid.clone(), org.clone());
    let claim = state
        .db(move |s| s.write(|tx| store::claim(tx, now(), &u, &o)))
        .await?;
    let too_many = StatusCode::TOO_MANY_REQUESTS;
    match claim {
        Claim::Granted => {}
        Claim::Running => {
            let msg = t.s("posture_running").to_string();
            return refused(&state, &ctx, &m, fs, msg, too_many).await;
        }
        Claim::TooSoon { seconds } => {
            let msg = t.s("posture_too_soon").replace("{n}", &seconds.to_string());
            return refused(&state, &ctx, &m, fs, msg, too_many).await;
        }
    }
    let task = tokio::spawn(check_and_keep(state.clone(), uid, org, domains, selectors));
    let (message, status) = match task.await {
        Ok(Ok(())) => {
            let to = format!("/o/{}/mail/posture?done=1", m.org.id);
            return Ok(Redirect::to(&to).into_response());
        }
        Ok(Err(Failure::Store(e))) => return Err(e),
        Ok(Err(Failure::Timeout)) => (
            t.s("posture_timeout")
                .replace("{n}", &state.config.posture.overall.as_secs().to_string()),
            StatusCode::GATEWAY_TIMEOUT,
        ),
        Ok(Err(Failure::Dns(e))) => {
            tracing::warn!(error = %e, "mail posture: the resolver could not be set up");
            (
                t.s("posture_dns_unavailable").to_string(),
                StatusCode::SERVICE_UNAVAILABLE,
            )
        }
        Ok(Err(Failure::Crashed)) | Err(_) => (
            t.s("posture_failed").to_string(),
            StatusCode::SERVICE_UNAVAILABLE,
        ),
    };
    refused(&state, &ctx, &m, fs, message, status).await
}

fn spec(ctx: &Ctx, m: &hoshi_store::orgs::Membership) -> Spec {
    let t = ctx.t();
    Spec {
        heading: t.s("posture_attach").to_string(),
        intro: t.s("posture_attach_intro").to_string(),
        basis: t.s("posture_title").to_string(),
        action: format!("/o/{}/mail/posture/evidence", m.org.id),
        crumbs: vec![
            (format!("/o/{}/mail", m.org.id), t.s("mail_title").into()),
            (
                format!("/o/{}/mail/posture", m.org.id),
                t.s("posture_title").into(),
            ),
        ],
        // The settings change with the mail set-up; check again at least each quarter.
        default_days: 90,
        // No ★3 criterion asks for mail authentication: the member picks one, or none.
        suggestions: Vec::new(),
    }
}

/// `GET /o/{org}/mail/posture/evidence[?a=ASSESSMENT]` (editors)
pub async fn attach_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Editor>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let latest = state
        .db(move |s| s.read(|c| store::latest(c, &scope)))
        .await?;
    if latest.is_none() {
        return Ok(Redirect::to(&format!("/o/{}/mail/posture", m.org.id)).into_response());
    }
    let chosen = q.get("a").cloned().unwrap_or_default();
    let spec = spec(&ctx, &m);
    choose::page(&state, &ctx, &m, &spec, &chosen, FormState::default()).await
}

/// `POST /o/{org}/mail/posture/evidence` (editors): the latest check's page, in the keeper's
/// language, kept and linked to the criterion chosen (if any).
pub async fn attach(
    State(state): State<Shared>,
    OrgForm {
        member: Member { ctx, m, .. },
        form,
    }: OrgForm<Editor, Vec<(String, String)>>,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let ja = ctx.lang == Lang::Ja;
    let latest = state
        .db(move |s| s.read(|c| store::latest_page(c, &scope, ja)))
        .await?;
    let Some((run, page)) = latest else {
        return Ok(Redirect::to(&format!("/o/{}/mail/posture", m.org.id)).into_response());
    };
    let day = hoshi_core::time::date_jst(run.checked_at);
    let title = format!("{} {day}", ctx.t().s("posture_evidence_title"));
    let done = format!("/o/{}/mail/posture?attached=1", m.org.id);
    let at = run.checked_at;
    choose::save(
        &state,
        &ctx,
        &m,
        &spec(&ctx, &m),
        &form,
        move |days| KeptFile {
            bytes: page.into_bytes(),
            file_name: format!("hoshi-mail-posture-{day}.html"),
            media_type: "text/html",
            title,
            expires: hoshi_core::time::date_jst(at + days * 86_400),
            effective: day,
        },
        done,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_are_checked_and_named_when_wrong() {
        assert_eq!(
            parse_selectors(" s1, s2  google\tselector1.x s1 "),
            Ok(vec![
                "s1".to_string(),
                "s2".into(),
                "google".into(),
                "selector1.x".into()
            ])
        );
        assert_eq!(parse_selectors(""), Ok(Vec::new()));
        assert_eq!(
            parse_selectors("good bad/one"),
            Err(SelectorProblem::Bad("bad/one".into()))
        );
        assert_eq!(
            parse_selectors("選択子"),
            Err(SelectorProblem::Bad("選択子".into()))
        );
        assert!(matches!(
            parse_selectors(&"a".repeat(64)),
            Err(SelectorProblem::Bad(_))
        ));
        let eleven: Vec<String> = (0..11).map(|i| format!("s{i}")).collect();
        assert_eq!(
            parse_selectors(&eleven.join(" ")),
            Err(SelectorProblem::TooMany(11))
        );
        let t = Tr::new(Lang::Ja);
        assert!(
            SelectorProblem::Bad("x/y".into())
                .message(&t)
                .contains("「x/y」")
        );
    }

    #[test]
    fn the_policy_refuses_the_servers_own_networks_unless_allowed() {
        let p = PosturePolicy::default();
        assert!(!p.permits("127.0.0.1".parse().unwrap()));
        assert!(!p.permits("192.168.1.10".parse().unwrap()));
        assert!(!p.permits("::1".parse().unwrap()));
        assert!(p.permits("203.0.114.1".parse().unwrap()));
        let lan = PosturePolicy {
            allow: vec![crate::kernel::proxy::IpNet::parse("192.168.1.0/24").unwrap()],
            ..PosturePolicy::default()
        };
        assert!(lan.permits("192.168.1.10".parse().unwrap()));
        assert!(!lan.permits("192.168.2.10".parse().unwrap()));
    }
}
