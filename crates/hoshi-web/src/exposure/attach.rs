//! A finished scan as evidence: the report kept as a file (dated, SHA-256, valid for a set
//! period), linked to the criteria it informs in one assessment, and for the criteria a scan
//! can judge, the status it suggests — which the member confirms, changes or leaves alone.

use hoshi_core::{ScanId, Status, UserError};
use hoshi_scan::view::{ReportView, Suggestion, suggestions};
use hoshi_store::assessments::{self, AssessmentRow};
use hoshi_store::exposure::{self, Scan};

use super::page::severity_class;
use crate::evidence::kept;
use crate::kernel::prelude::*;

/// How long a scan stays valid evidence unless the member says otherwise: a quarter, since
/// exposure changes with every new device or rule.
const DEFAULT_VALID_DAYS: i64 = 90;

#[derive(Deserialize)]
pub struct Which {
    #[serde(default)]
    a: String,
}

struct Row {
    criterion: String,
    /// The answer's version when the page was made: saving checks it was not changed since.
    version: i64,
    text: String,
    current: String,
    suggested: String,
    suggested_value: String,
    worst: String,
    worst_class: &'static str,
    findings: usize,
}

#[derive(Template)]
#[template(path = "exposure/attach.html")]
struct AttachT {
    p: Page,
    org_id: String,
    org_name: String,
    scan_id: String,
    scan_when: String,
    assessments: Vec<(String, String)>,
    chosen: String,
    rows: Vec<Row>,
    fs: FormState,
    valid_days: String,
}

struct Loaded {
    scan: Scan,
    assessments: Vec<AssessmentRow>,
}

async fn load(state: &Shared, m: &hoshi_store::orgs::Membership, sid: ScanId) -> AppResult<Loaded> {
    let scope = m.scope().clone();
    let (scan, assessments) = state
        .db(move |s| {
            s.read(|c| {
                Ok((
                    exposure::get(c, &scope, &sid)?,
                    assessments::list(c, &scope)?,
                ))
            })
        })
        .await?;
    Ok(Loaded { scan, assessments })
}

/// The criteria of assessment `aid` the scan informs, with their current answers.
async fn rows_for(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    aid: &str,
    view: &ReportView,
) -> AppResult<(AssessmentRow, Vec<(Suggestion, Row)>)> {
    let (row, catalog) = assessment_and_catalog(state, m.scope(), aid).await?;
    let (scope, a) = (m.scope().clone(), row.id.clone());
    let answers = state
        .db(move |s| s.read(|c| assessments::answers(c, &scope, &a)))
        .await?;
    let t = ctx.t();
    let mut out = Vec::new();
    for s in suggestions(view) {
        let Some(cr) = catalog
            .criterion(&s.criterion)
            .filter(|c| c.level <= row.level)
        else {
            continue;
        };
        let current = answers
            .get(&s.criterion)
            .map_or(Status::Unanswered, |r| r.answer.status);
        let r = Row {
            version: answers.get(&s.criterion).map_or(0, |r| r.version),
            criterion: s.criterion.clone(),
            text: cr.text.get(ctx.lang).to_string(),
            current: current.label().get(ctx.lang).to_string(),
            suggested: match s.status {
                Some(v) => Status::parse(v)
                    .map(|x| x.label().get(ctx.lang).to_string())
                    .unwrap_or_default(),
                None => t.s("scan_link_only").into(),
            },
            suggested_value: s.status.unwrap_or("keep").to_string(),
            worst: s
                .worst
                .map(|w| w.label(ctx.lang).to_string())
                .unwrap_or_else(|| t.s("scan_nothing_found").into()),
            worst_class: severity_class(s.worst),
            findings: s.findings,
        };
        out.push((s, r));
    }
    Ok((row, out))
}

fn report_of(scan: &Scan) -> AppResult<ReportView> {
    if scan.state != "done" {
        return Err(AppError::BadRequest(UserError::ScanNotFinished));
    }
    scan.report
        .as_deref()
        .and_then(|r| ReportView::parse(r).ok())
        .ok_or_else(|| AppError::Internal(format!("scan {} has no readable report", scan.id)))
}

async fn render(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    l: Loaded,
    chosen: &str,
    fs: FormState,
) -> AppResult<Response> {
    let view = report_of(&l.scan)?;
    let rows = if chosen.is_empty() {
        Vec::new()
    } else {
        rows_for(state, ctx, m, chosen, &view)
            .await?
            .1
            .into_iter()
            .map(|(_, r)| r)
            .collect()
    };
    let mut p = Page::new(ctx, "scan_attach_title");
    p.title = format!("{} — {}", ctx.t().s("scan_attach_title"), m.org.name);
    let valid = fs
        .value("attach", "valid_days", &DEFAULT_VALID_DAYS.to_string())
        .to_string();
    Ok(html(AttachT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        scan_id: l.scan.id.clone(),
        scan_when: l.scan.finished_at.map(|t| ctx.time(t)).unwrap_or_default(),
        assessments: l
            .assessments
            .iter()
            .map(|a| (a.id.clone(), a.title.clone()))
            .collect(),
        chosen: chosen.to_string(),
        rows,
        fs,
        valid_days: valid,
    }))
}

/// `GET /o/{org}/exposure/scans/{sid}/evidence[?a=ASSESSMENT]`
pub async fn attach_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Editor>,
    Path((_, sid)): Path<(OrgId, ScanId)>,
    Query(w): Query<Which>,
) -> AppResult<Response> {
    let l = load(&state, &m, sid).await?;
    let chosen = if w.a.is_empty() && l.assessments.len() == 1 {
        l.assessments[0].id.clone()
    } else {
        w.a.clone()
    };
    render(&state, &ctx, &m, l, &chosen, FormState::default()).await
}

/// `POST /o/{org}/exposure/scans/{sid}/evidence`: fields `assessment`, `valid_days` and one
/// `status:CRITERION` (`keep`, `met`, `partial`, `not-met`) per criterion shown.
pub async fn attach(
    State(state): State<Shared>,
    Path((org, sid)): Path<(OrgId, ScanId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form,
    }: OrgForm<Editor, Vec<(String, String)>>,
) -> AppResult<Response> {
    let field = |k: &str| {
        form.iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let aid = field("assessment");
    let valid = field("valid_days");
    let fs = FormState::new("attach", &[("valid_days", &valid)]);
    let l = load(&state, &m, sid).await?;
    let view = report_of(&l.scan)?;
    let (row, rows) = rows_for(&state, &ctx, &m, &aid, &view).await?;
    let criteria: Vec<String> = rows.iter().map(|(s, _)| s.criterion.clone()).collect();
    let choices = kept::choices(&form, &criteria)?;
    let done = match valid.parse::<i64>().ok().filter(|d| (1..=366).contains(d)) {
        None => Err(AppError::BadRequest(UserError::ScanValidDays)),
        Some(days) => {
            let uid = ctx.user()?.0.id.clone();
            let title = format!(
                "{} {}",
                ctx.t().s("scan_evidence_title"),
                l.scan
                    .finished_at
                    .map(hoshi_core::time::date_jst)
                    .unwrap_or_default()
            );
            store(
                &state,
                &uid,
                m.scope(),
                &l.scan,
                &row.id,
                &title,
                days,
                choices,
            )
            .await
        }
    };
    match checked(done, fs, ctx.lang)? {
        Ok(()) => {
            Ok(Redirect::to(&format!("/o/{org}/exposure/scans/{sid}?attached=1")).into_response())
        }
        Err(fs) => Ok(unprocessable(render(&state, &ctx, &m, l, &aid, fs).await?)),
    }
}

/// Keeps the report as an evidence file, links it and saves the changed statuses, all in one
/// transaction (a locked assessment or a concurrent change refuses the whole).
#[allow(
    clippy::too_many_arguments,
    reason = "one call site; the values of one form"
)]
async fn store(
    state: &Shared,
    uid: &str,
    scope: &hoshi_store::OrgScope,
    scan: &Scan,
    aid: &str,
    title: &str,
    days: i64,
    choices: Vec<kept::Choice>,
) -> AppResult<()> {
    let finished = scan.finished_at.unwrap_or_else(now);
    let effective = hoshi_core::time::date_jst(finished);
    let file = kept::KeptFile {
        bytes: scan.report.clone().unwrap_or_default().into_bytes(),
        file_name: format!("hoshi-scan-{effective}.json"),
        media_type: "application/json",
        title: title.to_string(),
        expires: hoshi_core::time::date_jst(finished + days * 86_400),
        effective,
    };
    kept::attach(state, uid, scope, aid, file, choices).await
}
