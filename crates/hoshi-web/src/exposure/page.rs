//! The exposure page (declared targets, scans, schedule) and one scan's result, worst first,
//! with what changed since the previous scan.

use hoshi_core::ScanId;
use hoshi_scan::findings::Severity;
use hoshi_scan::view::{Located, ReportView, diff};
use hoshi_store::exposure::{self, Scan, Schedule, Target};

use crate::kernel::prelude::*;

/// A declared target as the page shows it.
pub(super) struct TargetView {
    pub id: String,
    pub target: String,
    pub kind: String,
    pub addresses: i64,
    pub declared: String,
    /// Who confirmed it and when.
    pub confirmed: String,
    /// Waiting for an owner.
    pub waiting: bool,
    /// Confirmed, waiting for an administrator of the instance.
    pub unapproved: bool,
}

pub(super) struct ScanRow {
    pub id: String,
    pub when: String,
    pub by: String,
    pub state: String,
    pub state_class: &'static str,
    pub worst: String,
    pub worst_class: &'static str,
    pub open_ports: String,
    pub findings: String,
}

#[derive(Template)]
#[template(path = "exposure/exposure.html")]
struct ExposureT {
    p: Page,
    org_id: String,
    org_name: String,
    fs: FormState,
    is_owner: bool,
    can_edit: bool,
    targets: Vec<TargetView>,
    scans: Vec<ScanRow>,
    busy: bool,
    schedule_days: String,
    schedule_ports: String,
    next_at: String,
    max_addresses: usize,
    daily_max: u32,
    approval: bool,
}

pub(super) fn severity_class(s: Option<Severity>) -> &'static str {
    match s {
        Some(Severity::Critical | Severity::High) => "s-not-met",
        Some(Severity::Medium) => "s-partial",
        Some(_) => "s-unanswered",
        None => "s-met",
    }
}

pub(super) fn state_label(t: &Tr, state: &str) -> (String, &'static str) {
    match state {
        "queued" => (t.s("scan_queued").into(), "s-unanswered"),
        "running" => (t.s("scan_running").into(), "s-partial"),
        "done" => (t.s("scan_done").into(), "s-met"),
        _ => (t.s("scan_failed").into(), "s-not-met"),
    }
}

fn scan_row(ctx: &Ctx, s: &Scan) -> ScanRow {
    let t = ctx.t();
    let (state, state_class) = state_label(&t, &s.state);
    let worst = s.worst.as_deref().and_then(Severity::parse);
    ScanRow {
        id: s.id.clone(),
        when: ctx.time(s.requested_at),
        by: s
            .requested_by_name
            .clone()
            .unwrap_or_else(|| t.s("scan_by_schedule").into()),
        state,
        state_class,
        worst: match (s.state.as_str(), worst) {
            ("done", Some(w)) => w.label(ctx.lang).into(),
            ("done", None) => t.s("scan_nothing_found").into(),
            _ => String::new(),
        },
        worst_class: severity_class(worst),
        open_ports: s.open_ports.map(|n| n.to_string()).unwrap_or_default(),
        findings: s.findings.map(|n| n.to_string()).unwrap_or_default(),
    }
}

fn target_view(ctx: &Ctx, t: &Target, approval: bool) -> TargetView {
    TargetView {
        id: t.id.clone(),
        target: t.target.clone(),
        kind: ctx
            .t()
            .s(match t.kind.as_str() {
                "range" => "scan_kind_range",
                "host" => "scan_kind_host",
                _ => "scan_kind_address",
            })
            .into(),
        addresses: t.addresses,
        declared: format!("{} · {}", t.declared_by_name, ctx.time(t.declared_at)),
        confirmed: match (&t.confirmed_by_name, t.confirmed_at) {
            (Some(n), Some(at)) => format!("{n} · {}", ctx.time(at)),
            _ => String::new(),
        },
        waiting: t.confirmed_at.is_none(),
        unapproved: t.confirmed_at.is_some() && approval && t.approved_at.is_none(),
    }
}

/// The exposure page, with `fs` when a form on it is shown again.
pub(super) async fn render_exposure(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    fs: FormState,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let (targets, scans, schedule): (Vec<Target>, Vec<Scan>, Option<Schedule>) = state
        .db(move |s| {
            s.read(|c| {
                Ok((
                    exposure::targets(c, &scope)?,
                    exposure::scans(c, &scope, 50)?,
                    exposure::schedule(c, &scope)?,
                ))
            })
        })
        .await?;
    let t = ctx.t();
    let mut p = Page::new(ctx, "exposure_title");
    p.title = format!("{} — {}", t.s("exposure_title"), m.org.name);
    let busy = scans
        .iter()
        .any(|s| s.state == "queued" || s.state == "running");
    Ok(html(ExposureT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        fs,
        is_owner: m.role == Role::Owner,
        can_edit: m.role != Role::Viewer,
        targets: targets
            .iter()
            .map(|x| target_view(ctx, x, state.config.scan.approval))
            .collect(),
        scans: scans.iter().map(|s| scan_row(ctx, s)).collect(),
        busy,
        schedule_days: schedule
            .as_ref()
            .map_or("0".into(), |s| s.every_days.to_string()),
        schedule_ports: schedule.as_ref().map_or("top".into(), |s| s.ports.clone()),
        next_at: schedule
            .as_ref()
            .map(|s| ctx.time(s.next_at))
            .unwrap_or_default(),
        max_addresses: state.config.scan.max_addresses,
        daily_max: state.config.scan.daily_max,
        approval: state.config.scan.approval,
    }))
}

/// A stored reason of a failed scan — Japanese, a line break, English — in the reader's language
/// (a reason stored in one language is shown as it is).
fn in_language(stored: &str, lang: Lang) -> String {
    match (stored.split_once('\n'), lang) {
        (Some((ja, _)), Lang::Ja) => ja.to_string(),
        (Some((_, en)), Lang::En) => en.to_string(),
        (None, _) => stored.to_string(),
    }
}

/// `GET /o/{org}/exposure`
pub async fn exposure_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
) -> AppResult<Response> {
    render_exposure(&state, &ctx, &m, FormState::default()).await
}

/// One finding as the result page lists it.
pub(super) struct FindingRow {
    pub severity: String,
    pub class: &'static str,
    pub title: String,
    pub place: String,
    pub what: String,
    pub advice: String,
    pub cves: Vec<(String, bool, bool)>,
    pub criteria: String,
}

fn finding_row(lang: Lang, l: &Located) -> FindingRow {
    let place = match l.host_name {
        Some(h) => format!("{h} ({}) : {}", l.address, l.port),
        None => format!("{} : {}", l.address, l.port),
    };
    let (title, advice) = l.finding.texts(lang.code());
    FindingRow {
        severity: l.finding.severity.label(lang).into(),
        class: severity_class(Some(l.finding.severity)),
        title: title.to_string(),
        place,
        what: l.what.clone(),
        advice: advice.to_string(),
        cves: l
            .finding
            .cves
            .iter()
            .map(|c| (c.id.clone(), c.kev, c.ransomware))
            .collect(),
        criteria: l.finding.criteria.join(", "),
    }
}

pub(super) struct PortRow {
    pub place: String,
    pub port: u16,
    pub service: String,
    pub what: String,
    pub evidence: String,
}

#[derive(Template)]
#[template(path = "exposure/scan.html")]
struct ScanT {
    p: Page,
    org_id: String,
    org_name: String,
    scan_id: String,
    state: String,
    state_class: &'static str,
    when: String,
    by: String,
    targets: String,
    ports: String,
    error: String,
    finished: bool,
    sha256: String,
    counts: Vec<(String, &'static str, usize)>,
    open_ports: usize,
    findings: Vec<FindingRow>,
    open: Vec<PortRow>,
    compared: Option<String>,
    new: Vec<FindingRow>,
    fixed: Vec<FindingRow>,
    data: String,
    sent: usize,
    can_edit: bool,
}

/// `GET /o/{org}/exposure/scans/{sid}`: the result, worst first; refreshes itself while the
/// scan is queued or running.
#[derive(Deserialize)]
pub struct Shown {
    #[serde(default)]
    attached: String,
}

pub async fn scan_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, sid)): Path<(OrgId, ScanId)>,
    Query(shown): Query<Shown>,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let (scan, prev) = state
        .db(move |s| {
            s.read(|c| {
                let scan = exposure::get(c, &scope, &sid)?;
                let prev = exposure::previous_done(c, &scope, &scan)?;
                Ok((scan, prev))
            })
        })
        .await?;
    let t = ctx.t();
    let lang = ctx.lang;
    let (state_text, state_class) = state_label(&t, &scan.state);
    let view = scan
        .report
        .as_deref()
        .and_then(|r| ReportView::parse(r).ok());
    let prev_view = prev
        .as_ref()
        .and_then(|p| p.report.as_deref())
        .and_then(|r| ReportView::parse(r).ok());
    let mut page = ScanT {
        p: Page::new(&ctx, "scan_title")
            .flash((!shown.attached.is_empty()).then_some("scan_attached")),
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        scan_id: scan.id.clone(),
        state: state_text,
        state_class,
        when: ctx.time(scan.requested_at),
        by: scan
            .requested_by_name
            .clone()
            .unwrap_or_else(|| t.s("scan_by_schedule").into()),
        targets: scan.target_list().join(", "),
        ports: scan.ports.clone(),
        error: in_language(scan.error.as_deref().unwrap_or_default(), lang),
        finished: scan.state == "done",
        sha256: scan.sha256.clone().unwrap_or_default(),
        counts: Vec::new(),
        open_ports: 0,
        findings: Vec::new(),
        open: Vec::new(),
        compared: None,
        new: Vec::new(),
        fixed: Vec::new(),
        data: String::new(),
        sent: 0,
        can_edit: m.role != Role::Viewer,
    };
    page.p.title = format!("{} — {}", t.s("scan_title"), m.org.name);
    if let Some(v) = &view {
        let (open, by) = v.counts();
        page.open_ports = open;
        page.counts = by
            .iter()
            .map(|(s, n)| (s.label(lang).to_string(), severity_class(Some(*s)), *n))
            .collect();
        page.findings = v.findings().iter().map(|l| finding_row(lang, l)).collect();
        page.open = v
            .hosts
            .iter()
            .flat_map(|h| {
                h.ports
                    .iter()
                    .filter(|p| p.state == "open")
                    .map(move |p| PortRow {
                        place: match &h.host_name {
                            Some(n) => format!("{n} ({})", h.address),
                            None => h.address.clone(),
                        },
                        port: p.port,
                        service: p.service.clone().unwrap_or_default(),
                        what: p.what(),
                        evidence: p.evidence.join(" / "),
                    })
            })
            .collect();
        page.data = format!(
            "{}; {}",
            v.data.fingerprints,
            v.data.vulnerabilities_in(ctx.lang)
        );
        page.sent = v.sent.len();
        if let (Some(pv), Some(p)) = (&prev_view, &prev) {
            let d = diff(pv, v);
            page.compared = Some(ctx.time(p.requested_at));
            page.new = d.new.iter().map(|l| finding_row(lang, l)).collect();
            page.fixed = d.fixed.iter().map(|l| finding_row(lang, l)).collect();
        }
    }
    let mut r = html(page);
    if scan.state == "queued" || scan.state == "running" {
        r.headers_mut()
            .insert(header::REFRESH, header::HeaderValue::from_static("3"));
    }
    Ok(r)
}

/// `GET /o/{org}/exposure/scans/{sid}/report.json`: the report as hoshi scan writes it.
pub async fn report_json(
    State(state): State<Shared>,
    Member { m, .. }: Member<Viewer>,
    Path((_, sid)): Path<(OrgId, ScanId)>,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let scan = state
        .db(move |s| s.read(|c| exposure::get(c, &scope, &sid)))
        .await?;
    let report = scan
        .report
        .ok_or(AppError::BadRequest(hoshi_core::UserError::ScanNotFinished))?;
    let day = scan
        .finished_at
        .map(hoshi_core::time::date_jst)
        .unwrap_or_default();
    Ok(download(
        "application/json",
        &format!("hoshi-scan-{day}.json"),
        report.into_bytes(),
    ))
}
