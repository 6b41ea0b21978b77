//! Patch reports: the register checked against this server's vulnerability data, kept as the
//! JSON `hoshi vulns check` writes (format 1) with its SHA-256, and shown worst first with the
//! asset each finding is on, the 14-day rule and the assets past their support.

use std::collections::HashMap;

use hoshi_core::VulnReportId;
use hoshi_store::assets::{self, VulnReport};
use hoshi_vulns::report::{Report, Source, SupportEnded};
use hoshi_vulns::sbom::Component;
use sha2::Digest as _;

use hoshi_vulns::report::severity_label;

use super::edit::severity_class;
use super::register::today;
use crate::kernel::prelude::*;

/// What the register gives to check: components with their asset, assets past support, and
/// assets that give nothing to check.
pub(super) struct Inputs {
    pub items: Vec<(Source, Component)>,
    pub support_ended: Vec<SupportEnded>,
    pub unchecked: Vec<String>,
}

pub(super) fn inputs(
    list: &[hoshi_store::assets::Asset],
    software: &[(String, hoshi_store::assets::Software)],
    today: &str,
) -> Inputs {
    let mut by_asset: HashMap<&str, Vec<&hoshi_store::assets::Software>> = HashMap::new();
    for (aid, s) in software {
        by_asset.entry(aid.as_str()).or_default().push(s);
    }
    let mut out = Inputs {
        items: Vec::new(),
        support_ended: Vec::new(),
        unchecked: Vec::new(),
    };
    for a in list {
        let src = || Source {
            file: None,
            asset: Some(a.input.tag.clone()),
        };
        let own = hoshi_vulns::assets::component_of(&a.input);
        let sw = by_asset.get(a.id.as_str()).map_or(&[][..], Vec::as_slice);
        if own.is_empty() && sw.is_empty() {
            out.unchecked
                .push(format!("{} {}", a.input.tag, a.input.name));
        }
        for c in own {
            out.items.push((src(), c));
        }
        for s in sw {
            out.items.push((
                src(),
                hoshi_vulns::assets::software_component(&s.name, &s.version, &s.purl, &s.cpe),
            ));
        }
        out.support_ended.extend(SupportEnded::of(&a.input, today));
    }
    out
}

/// `POST /o/{org}/vulns`: checks the register now and keeps the report.
pub async fn run(
    State(state): State<Shared>,
    OrgForm {
        member: Member { ctx, m, .. },
        ..
    }: OrgForm<Editor, CsrfOnly>,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let (list, software) = state
        .db(move |s| s.read(|c| Ok((assets::list(c, &scope)?, assets::all_software(c, &scope)?))))
        .await?;
    let today = today();
    let inp = inputs(&list, &software, &today);
    let source = state.config.vulns.clone();
    let comps: Vec<Component> = inp.items.iter().map(|(_, c)| c.clone()).collect();
    let day = today.clone();
    let checked = tokio::task::spawn_blocking(move || source.check(&comps, &day))
        .await
        .map_err(|e| AppError::Internal(format!("vulnerability check: {e}")))?
        .map_err(|e| AppError::Internal(format!("vulnerability data: {e}")))?;
    let Some(checked) = checked else {
        return Ok(
            Redirect::to(&format!("/o/{}/assets?no_data=1#vulns", m.org.id)).into_response(),
        );
    };
    let mut report = Report::build(
        &inp.items,
        &checked.findings,
        inp.support_ended,
        &checked.snapshot_en,
        &today,
    );
    report.unchecked = inp.unchecked;
    report.translation.ja.data = checked.snapshot_ja;
    let json = report.to_json();
    let sha = hoshi_store::hex(&sha2::Sha256::digest(json.as_bytes()));
    let uid = ctx.user()?.0.id.clone();
    let org = m.org.id.clone();
    let id = state
        .db(move |s| {
            s.write(|tx| {
                assets::save_report(
                    tx,
                    now(),
                    &uid,
                    &org,
                    assets::NewReport {
                        snapshot: &report.data,
                        report: &json,
                        sha256: &sha,
                        findings: report.totals.findings as i64,
                        overdue: report.totals.overdue as i64,
                        support_ended: report.totals.support_ended as i64,
                    },
                )
            })
        })
        .await?;
    Ok(Redirect::to(&format!("/o/{}/vulns/{id}", m.org.id)).into_response())
}

pub(super) struct Line {
    pub asset: String,
    pub asset_id: String,
    pub severity: String,
    pub severity_class: &'static str,
    pub cvss: String,
    pub product: String,
    pub id: String,
    pub aliases: String,
    pub kev: bool,
    pub ransomware: bool,
    pub epss: String,
    pub fixed: String,
    pub published: String,
    pub overdue: bool,
    pub why: String,
}

#[derive(Template)]
#[template(path = "assets/report.html")]
struct ReportT {
    p: Page,
    org_id: String,
    org_name: String,
    can_edit: bool,
    report_id: String,
    when: String,
    by: String,
    sha256: String,
    data: String,
    components: usize,
    findings: usize,
    overdue: usize,
    kev: usize,
    lines: Vec<Line>,
    support: Vec<SupportEnded>,
    unchecked: Vec<String>,
    attached: bool,
}

pub(super) async fn load(
    state: &Shared,
    m: &hoshi_store::orgs::Membership,
    id: &str,
) -> AppResult<(VulnReport, Report, HashMap<String, String>)> {
    let scope = m.scope().clone();
    let id = id.to_string();
    let (row, json, tags) = state
        .db(move |s| {
            s.read(|c| {
                let (row, json) = assets::report(c, &scope, &id)?;
                let tags = assets::list(c, &scope)?
                    .into_iter()
                    .map(|a| (a.input.tag, a.id))
                    .collect::<HashMap<_, _>>();
                Ok((row, json, tags))
            })
        })
        .await?;
    let report = Report::parse(&json)
        .map_err(|e| AppError::Internal(format!("patch report {}: {e}", row.id)))?;
    Ok((row, report, tags))
}

fn line(f: &hoshi_vulns::report::ReportFinding, tags: &HashMap<String, String>, ctx: &Ctx) -> Line {
    let t = ctx.t();
    let asset = f.component.asset.clone().unwrap_or_default();
    Line {
        asset_id: tags.get(&asset).cloned().unwrap_or_default(),
        asset,
        severity: severity_label(&f.severity, ctx.lang).to_string(),
        severity_class: severity_class(&f.severity),
        cvss: f.cvss.map(|s| format!("{s:.1}")).unwrap_or_default(),
        product: format!(
            "{} {}",
            f.component.name,
            f.component.version.as_deref().unwrap_or("")
        ),
        id: f.id.clone(),
        aliases: f
            .aliases
            .iter()
            .filter(|a| **a != f.id)
            .cloned()
            .collect::<Vec<_>>()
            .join(", "),
        kev: f.kev,
        ransomware: f.ransomware,
        epss: f
            .epss
            .map(|e| format!("{:.1}%", e * 100.0))
            .unwrap_or_default(),
        fixed: f.fixed.join(", "),
        published: match (&f.fix_published, f.days_open) {
            (Some(p), Some(d)) => format!("{p} ({d} {})", t.s("vulns_days")),
            (Some(p), None) => p.clone(),
            _ => String::new(),
        },
        overdue: f.overdue,
        why: f.why_in(ctx.lang).to_string(),
    }
}

/// `GET /o/{org}/vulns/{report}`
pub async fn report_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, VulnReportId)>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let (row, report, tags) = load(&state, &m, id.as_str()).await?;
    let mut p = Page::new(&ctx, "vulns_report_title");
    p.title = format!("{} — {}", ctx.t().s("vulns_report_title"), m.org.name);
    Ok(html(ReportT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        can_edit: m.role >= Role::Editor,
        report_id: row.id.clone(),
        when: ctx.time(row.created_at),
        by: row.created_by_name.clone(),
        sha256: row.sha256.clone(),
        data: report.data_in(ctx.lang).to_string(),
        components: report.components,
        findings: report.totals.findings,
        overdue: report.totals.overdue,
        kev: report.totals.kev,
        lines: report
            .findings
            .iter()
            .map(|f| line(f, &tags, &ctx))
            .collect(),
        support: report.support_ended.clone(),
        unchecked: report.unchecked.clone(),
        attached: q.contains_key("attached"),
    }))
}

/// `GET /o/{org}/vulns/{report}/report.json`: the report exactly as kept.
pub async fn report_json(
    State(state): State<Shared>,
    Member { m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, VulnReportId)>,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let (row, json) = state
        .db(move |s| s.read(|c| assets::report(c, &scope, id.as_str())))
        .await?;
    let date = hoshi_core::time::date_jst(row.created_at);
    Ok(download(
        "application/json",
        &format!("hoshi-vulns-{date}.json"),
        json.into_bytes(),
    ))
}
