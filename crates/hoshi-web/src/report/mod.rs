//! The PDF management report of an assessment: download in the reader's language, the inputs of
//! its damage-cost estimate, and the report an attestation signs.

use hoshi_core::UserError;
use hoshi_core::{AssessmentId, OrgId};
use std::collections::BTreeMap;

use crate::kernel::path::Path;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use hoshi_core::damage::{self, Inputs};
use hoshi_core::{Catalog, Lang};
use hoshi_pdf::{AttestationRef, Confirmation, EvidenceRef, Extras};
use hoshi_store::ReadTx;
use hoshi_store::assessments::{self, AnswerRow, AssessmentRow};
use hoshi_store::orgs::Role;
use hoshi_store::reports::{self, ReportInputs};
use hoshi_store::{evidence, users};
use serde::Deserialize;
use tokio::sync::Semaphore;

use crate::kernel::error::{AppError, AppResult};
use crate::kernel::form::{FormState, checked, unprocessable};
use crate::kernel::guard::{Editor, Member, OrgForm, Viewer};
use crate::{Shared, now};

use crate::kernel::routes::{Access, Routes};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get(
            "/o/{org}/a/{id}/report.pdf",
            Access::Member(Role::Viewer),
            download,
        )
        .post(
            "/o/{org}/a/{id}/report-inputs",
            Access::Member(Role::Editor),
            save_inputs,
        )
}

/// Typesetting takes a core for a fraction of a second: at most two reports at a time, so a burst
/// of downloads cannot starve page requests.
static SLOTS: Semaphore = Semaphore::const_new(2);

/// Who confirmed (expert, or evaluation body for ★4) and who declared, when both happened.
pub(crate) struct Confirmer {
    pub name: String,
    pub qualification: String,
    pub registration_number: String,
}

/// The expert (★3) or evaluation body (★4) of a review.
pub(crate) fn confirmer(
    c: &ReadTx,
    review: &hoshi_store::reviews::Review,
) -> hoshi_store::Result<Option<Confirmer>> {
    Ok(match (&review.evaluator_org, &review.expert_user) {
        (Some(body), _) => {
            let name = hoshi_store::orgs::name(c, body)?;
            let b = hoshi_store::evaluation::body_of(c, body)?;
            Some(Confirmer {
                name,
                qualification: b
                    .as_ref()
                    .map(|b| b.accreditation.clone())
                    .unwrap_or_default(),
                registration_number: b.map(|b| b.registration_number).unwrap_or_default(),
            })
        }
        (None, Some(u)) => {
            let user = users::get(c, u)?;
            let p = hoshi_store::reviews::profile(c, u)?;
            Some(Confirmer {
                name: user.display_name,
                qualification: p
                    .as_ref()
                    .map(|p| p.qualification.clone())
                    .unwrap_or_default(),
                registration_number: p.map(|p| p.registration_number).unwrap_or_default(),
            })
        }
        _ => None,
    })
}

/// Everything a report of `row` shows besides the answers, read in one transaction.
pub(crate) struct Material {
    pub answers: BTreeMap<String, AnswerRow>,
    pub extras: Extras,
}

pub(crate) fn material(
    c: &ReadTx,
    scope: &hoshi_store::OrgScope,
    row: &AssessmentRow,
    today: &str,
) -> hoshi_store::Result<Material> {
    let answers = assessments::answers(c, scope, &row.id)?;
    let mut by_item: BTreeMap<String, EvidenceRef> = BTreeMap::new();
    for (crit, e) in evidence::for_assessment(c, scope, &row.id)? {
        let r = by_item.entry(e.id.clone()).or_insert_with(|| EvidenceRef {
            criteria: vec![],
            name: e.title.clone(),
            kind: e.kind.clone(),
            effective: e.effective_date.clone(),
            expires: e.expires_date.clone().unwrap_or_default(),
        });
        r.criteria.push(crit);
    }
    let cost = reports::get(c, scope, &row.id)?.map(|i| Inputs {
        records: i.records,
        revenue_yen: i.revenue_yen,
        stoppage_days: i.stoppage_days,
    });
    let confirmation = match hoshi_store::reviews::get(c, scope, &row.id)? {
        Some(r) if r.status == hoshi_core::ReviewStatus::Confirmed => {
            let who = confirmer(c, &r)?;
            match (who, &r.officer_name, &r.officer_title, &r.declared_on) {
                (Some(who), Some(n), Some(t), Some(d)) => Some(Confirmation {
                    confirmer: who.name,
                    qualification: who.qualification,
                    confirmed_on: r
                        .confirmed_at
                        .map(hoshi_core::time::date_jst)
                        .unwrap_or_default(),
                    officer_name: n.clone(),
                    officer_title: t.clone(),
                    declared_on: d.clone(),
                }),
                _ => None,
            }
        }
        _ => None,
    };
    Ok(Material {
        answers,
        extras: Extras {
            title: row.title.clone(),
            date: today.to_string(),
            evidence: by_item.into_values().collect(),
            cost,
            confirmation,
            attestation: None,
        },
    })
}

/// Typesets a report off the async threads, two at a time.
pub(crate) async fn render(
    state: &Shared,
    catalog: &Catalog,
    row: &AssessmentRow,
    organisation: &str,
    m: Material,
    lang: Lang,
    attestation: Option<AttestationRef>,
) -> AppResult<Vec<u8>> {
    let _slot = SLOTS
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let catalog = catalog.clone();
    let renderer = state.config.renderer.clone();
    let a = assessments::to_core(row, &m.answers, organisation);
    let mut extras = m.extras;
    extras.attestation = attestation;
    tokio::task::spawn_blocking(move || {
        let e = hoshi_core::evaluate_unchecked(&catalog, &a);
        renderer.report(&catalog, &a, &e, lang, &extras)
    })
    .await?
    .map_err(|e| AppError::Internal(e.to_string()))
}

#[derive(Deserialize)]
pub struct LangQuery {
    #[serde(default)]
    lang: String,
}

/// `GET /o/{org}/a/{id}/report.pdf`: the management report as it stands (members), in the
/// reader's language or `?lang=ja|en`.
pub async fn download(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, AssessmentId)>,
    Query(q): Query<LangQuery>,
) -> AppResult<Response> {
    let (row, catalog) =
        crate::kernel::page::assessment_and_catalog(&state, m.scope(), &id).await?;
    let lang = match q.lang.as_str() {
        "" => ctx.lang,
        other => Lang::parse(other).ok_or(AppError::BadRequest(UserError::BadLang))?,
    };
    let today = crate::kernel::time::today();
    let (r2, t2, scope) = (row.clone(), today.clone(), m.scope().clone());
    let material = state
        .db(move |s| s.read(|c| material(c, &scope, &r2, &t2)))
        .await?;
    let pdf = render(&state, &catalog, &row, &m.org.name, material, lang, None).await?;
    Ok(pdf_response(
        pdf,
        &crate::kernel::page::file_name(&m.org.name, &row.title, &today, "pdf"),
    ))
}

pub(crate) fn pdf_response(pdf: Vec<u8>, name: &str) -> Response {
    (
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/pdf".to_string(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                crate::kernel::page::attachment(name),
            ),
        ],
        pdf,
    )
        .into_response()
}

#[derive(Deserialize)]
pub struct InputsForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    records: String,
    #[serde(default)]
    revenue: String,
    #[serde(default)]
    stoppage_days: String,
}

/// `POST /o/{org}/a/{id}/report-inputs`: editors set (or, all blank, clear) the inputs of the
/// damage-cost estimate.
pub async fn save_inputs(
    State(state): State<Shared>,
    Path((org, id)): Path<(OrgId, AssessmentId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, InputsForm>,
) -> AppResult<Response> {
    let (row, _) = crate::kernel::page::assessment_and_catalog(&state, m.scope(), &id).await?;
    let fs = FormState::new(
        "report_inputs",
        &[
            ("records", &f.records),
            ("revenue", &f.revenue),
            ("stoppage_days", &f.stoppage_days),
        ],
    );
    let inputs = match checked(parse_inputs(&f), fs, ctx.lang)? {
        Ok(i) => i,
        Err(fs) => {
            return Ok(unprocessable(
                crate::assessments::overview::render_assessment(&state, &ctx, &m, &id, None, fs)
                    .await?,
            ));
        }
    };
    let uid = ctx.user()?.0.id.clone();
    let (oid, aid) = (m.org.id.clone(), row.id.clone());
    state
        .db(move |s| s.write(|tx| reports::set(tx, now(), &uid, &oid, &aid, inputs)))
        .await?;
    Ok(Redirect::to(&format!("/o/{org}/a/{id}#report")).into_response())
}

/// The inputs of the damage-cost estimate as typed: all blank clears them.
fn parse_inputs(f: &InputsForm) -> AppResult<Option<ReportInputs>> {
    let blank = |s: &str| s.trim().is_empty();
    let inputs = if blank(&f.records) && blank(&f.revenue) && blank(&f.stoppage_days) {
        None
    } else {
        let field = |e: UserError, r: Result<u64, String>| r.map_err(|_| AppError::BadRequest(e));
        let or0 = |s: &str| {
            if blank(s) {
                "0".to_string()
            } else {
                s.to_string()
            }
        };
        let stoppage = UserError::StoppageBad {
            max: damage::MAX_STOPPAGE_DAYS,
        };
        let records = field(UserError::RecordsBad, damage::parse_count(&or0(&f.records)))?;
        let revenue = field(UserError::RevenueBad, damage::parse_yen(&or0(&f.revenue)))?;
        let days = field(
            stoppage.clone(),
            damage::parse_count(&or0(&f.stoppage_days)),
        )?;
        if days > u64::from(damage::MAX_STOPPAGE_DAYS) {
            return Err(AppError::BadRequest(stoppage));
        }
        Some(ReportInputs {
            records,
            revenue_yen: revenue,
            stoppage_days: days as u32,
        })
    };
    Ok(inputs)
}

/// The stored inputs as the form shows them.
pub(crate) fn inputs_view(i: Option<ReportInputs>) -> (String, String, String) {
    match i {
        Some(i) => (
            i.records.to_string(),
            i.revenue_yen.to_string(),
            i.stoppage_days.to_string(),
        ),
        None => (String::new(), String::new(), String::new()),
    }
}
