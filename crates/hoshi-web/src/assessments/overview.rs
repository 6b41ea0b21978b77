//! Starting an assessment and its overview page (verdict, chart, review, attestations).

use hoshi_core::{Catalog, Evaluation, Status};
use hoshi_store::assessments::{self, AnswerRow, AssessmentRow, NewAssessment};
use hoshi_store::orgs::{self};
use hoshi_store::users::{self};

use crate::kernel::ctx::Ctx;
use crate::kernel::prelude::*;
use hoshi_core::{ReviewStatus, ReviewStep, UserError};

#[derive(Deserialize)]
pub struct NewAssessmentForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    catalog: String,
}

pub async fn create_assessment(
    State(state): State<Shared>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, NewAssessmentForm>,
) -> AppResult<Response> {
    let fs = FormState::new(
        "new_assessment",
        &[("title", &f.title), ("catalog", &f.catalog)],
    );
    let created = create(&state, &ctx, &m.org.id, &f).await;
    match checked(created, fs, ctx.lang)? {
        Ok(row) => Ok(Redirect::to(&format!("/o/{}/a/{}", row.org_id, row.id)).into_response()),
        Err(fs) => Ok(unprocessable(
            crate::orgs::render_org(&state, &ctx, &m, None, fs).await?,
        )),
    }
}

/// Checks the catalog and level chosen and creates the assessment.
async fn create(
    state: &Shared,
    ctx: &Ctx,
    org_id: &str,
    f: &NewAssessmentForm,
) -> AppResult<AssessmentRow> {
    let (pin, level) = f
        .catalog
        .rsplit_once(':')
        .and_then(|(p, l)| Some((p.to_string(), l.parse::<u8>().ok()?)))
        .ok_or(AppError::BadRequest(UserError::CatalogUnknown))?;
    let c = state
        .catalogs()
        .shared(&pin)
        .filter(|c| c.pin() == pin)
        .ok_or(AppError::BadRequest(UserError::CatalogUnknown))?;
    if c.level(level).is_none_or(|l| l.summarised) {
        return Err(AppError::BadRequest(UserError::LevelNotAssessable {
            level,
        }));
    }
    let (cid, ced) = (c.framework.id.clone(), c.framework.edition.clone());
    let uid = ctx.user()?.0.id.clone();
    let (oid, title) = (org_id.to_string(), f.title.clone());
    state
        .db(move |s| {
            s.write(|tx| {
                assessments::create(
                    tx,
                    now(),
                    &uid,
                    NewAssessment {
                        org_id: &oid,
                        title: &title,
                        catalog: &cid,
                        edition: &ced,
                        level,
                    },
                )
            })
        })
        .await
}

/// Loads an assessment the user may see, with its answers and catalog.
pub(super) async fn load(
    state: &Shared,
    m: &orgs::Membership,
    id: &str,
) -> AppResult<(AssessmentRow, std::collections::BTreeMap<String, AnswerRow>)> {
    if !hoshi_store::is_id(id) {
        return Err(AppError::NotFound);
    }
    let (scope, aid) = (m.scope().clone(), id.to_string());
    let (row, answers) = state
        .db(move |s| {
            s.read(|c| {
                let row = assessments::get(c, &scope, &aid)?;
                let answers = assessments::answers(c, &scope, &aid)?;
                Ok((row, answers))
            })
        })
        .await?;
    Ok((row, answers))
}

pub(super) fn evaluate(
    c: &Catalog,
    row: &AssessmentRow,
    answers: &std::collections::BTreeMap<String, AnswerRow>,
    org: &str,
) -> Evaluation {
    hoshi_core::evaluate_unchecked(c, &assessments::to_core(row, answers, org))
}

/// A signed result as the overview lists it.
struct AttestationRow {
    id: String,
    issued: String,
    valid_until: String,
    /// When and why it was revoked, if it was.
    revoked: Option<String>,
    /// Listed on the public register.
    published: bool,
}

#[derive(Template)]
#[template(path = "assessments/assessment.html")]
struct AssessmentT {
    p: Page,
    /// A form of this page shown again with its problems.
    fs: FormState,
    org_id: String,
    org_name: String,
    id: String,
    title: String,
    catalog: String,
    level_label: String,
    verdict: String,
    reached: bool,
    percent: u32,
    counts: String,
    chart: String,
    categories: Vec<(String, String, u32, u32)>,
    can_edit: bool,
    review: ReviewBox,
    /// Signed results of this assessment: (id, issued, valid until, revoked note, published).
    attestations: Vec<AttestationRow>,
    can_attest: bool,
    can_manage: bool,
    /// Inputs of the report's damage-cost estimate as the form shows them.
    report_inputs: (String, String, String),
    /// The organisation has no 法人番号: buyers cannot match its signed result to it.
    no_corporate_number: bool,
    /// Overdue recurring checks (the yearly cycle).
    cycle: crate::cycle::Warnings,
}

/// The review section of the assessment page.
pub struct ReviewBox {
    pub status: String,
    pub status_id: String,
    pub expert: String,
    pub expert_link: Option<String>,
    pub can_submit: bool,
    /// Submitted, not yet started: the submission can be taken back.
    pub can_withdraw: bool,
    pub locked: bool,
    pub valid_until: String,
    pub declared: String,
    /// The declaration forms this member is offered, if any.
    pub declaration: Option<DeclarationForms>,
    pub statement: String,
    pub comments: usize,
    /// Returned for changes: the reviewer's reason.
    pub return_reason: Option<String>,
    /// "Expires in N days" or "expired", for a confirmed result near or past its date.
    pub expiry_banner: Option<(bool, String)>,
    /// ★4: reviewed by an evaluation body.
    pub star4: bool,
}

fn counts_text(t: &Tr, p: &hoshi_core::Progress) -> String {
    [
        (Status::Met, p.met),
        (Status::Partial, p.partial),
        (Status::NotMet, p.not_met),
        (Status::NotApplicable, p.not_applicable),
        (Status::Unanswered, p.unanswered),
    ]
    .iter()
    .map(|(s, n)| format!("{} {n}", s.label().get(t.lang)))
    .collect::<Vec<_>>()
    .join(" / ")
}

pub async fn assessment_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, AssessmentId)>,
) -> AppResult<Response> {
    render_assessment(&state, &ctx, &m, &id, None, FormState::default()).await
}

/// Who reviews: the evaluation body (★4) or the expert, with accreditation or qualification and
/// registration number.
fn reviewer_line(
    c: &hoshi_store::ReadTx,
    r: Option<&hoshi_store::reviews::Review>,
) -> hoshi_store::Result<Option<String>> {
    if let Some(o) = r.and_then(|r| r.evaluator_org.clone()) {
        let name = orgs::name(c, &o)?;
        let b = hoshi_store::evaluation::body_of(c, &o)?;
        return Ok(Some(format!(
            "{name} ({} {})",
            b.as_ref().map(|b| b.accreditation.as_str()).unwrap_or(""),
            b.as_ref()
                .map(|b| b.registration_number.as_str())
                .unwrap_or("")
        )));
    }
    let Some(uid) = r.and_then(|r| r.expert_user.clone()) else {
        return Ok(None);
    };
    let u = users::get(c, &uid)?;
    let p = hoshi_store::reviews::profile(c, &uid)?;
    Ok(Some(format!(
        "{} ({} {})",
        u.display_name,
        p.as_ref().map(|p| p.qualification.as_str()).unwrap_or(""),
        p.as_ref()
            .map(|p| p.registration_number.as_str())
            .unwrap_or("")
    )))
}

/// The banner of a confirmation that has expired or expires within the first reminder's days:
/// (expired, text).
fn expiry_banner(t: &Tr, review: Option<&hoshi_store::reviews::Review>) -> Option<(bool, String)> {
    let r = review.filter(|r| r.status == ReviewStatus::Confirmed)?;
    let v = r.valid_until.as_deref()?;
    let days = crate::kernel::time::days_until(v)?;
    if days < 0 {
        Some((true, t.s("expired_banner").replace("{date}", v)))
    } else if days <= crate::jobs::reminders::REMINDER_DAYS[0] {
        Some((
            false,
            t.s("expiring_banner")
                .replace("{date}", v)
                .replace("{days}", &days.to_string()),
        ))
    } else {
        None
    }
}

/// Where the assessment's result stands, for the verdict's next step.
pub(crate) fn stage_of(review: Option<&hoshi_store::reviews::Review>) -> hoshi_core::Stage {
    review.map_or(hoshi_core::Stage::Open, |r| {
        hoshi_core::Stage::of(r.status, r.declared_on.is_some())
    })
}

/// What a member may do about the management declaration of a confirmed, undeclared result.
pub struct DeclarationForms {
    /// A member recorded as an officer declares in person: "代表取締役 山田 太郎".
    pub in_person: Option<String>,
    /// The officer has no second factor yet (declaring in person needs one).
    pub needs_mfa: bool,
    /// An owner may record an officer's signed statement on their behalf.
    pub can_record: bool,
}

fn declaration_forms(
    ctx: &Ctx,
    m: &orgs::Membership,
    status: ReviewStatus,
    review: Option<&hoshi_store::reviews::Review>,
) -> Option<DeclarationForms> {
    if status != ReviewStatus::Confirmed || review.is_none_or(|r| r.declared_on.is_some()) {
        return None;
    }
    let user = ctx.user().ok().map(|(u, _)| u);
    let in_person = m
        .officer_title
        .as_ref()
        .map(|title| format!("{title} {}", user.map_or("", |u| u.display_name.as_str())));
    let can_record = m.role.can_manage();
    (in_person.is_some() || can_record).then(|| DeclarationForms {
        needs_mfa: in_person.is_some() && !user.is_some_and(|u| u.mfa_enrolled()),
        in_person,
        can_record,
    })
}

/// The review section of the overview: status, reviewer, what the user may do next.
fn review_box(
    ctx: &Ctx,
    m: &orgs::Membership,
    (c, row): (&Catalog, &AssessmentRow),
    (review, expert, comments): (
        Option<&hoshi_store::reviews::Review>,
        Option<String>,
        &[hoshi_store::reviews::Comment],
    ),
    expert_link: Option<String>,
) -> ReviewBox {
    let lang = ctx.lang;
    let t = ctx.t();
    let today = crate::kernel::time::today();
    let status = review.map_or(ReviewStatus::Draft, |r| r.status);
    let level_label = c
        .level(row.level)
        .map(|l| l.label.get(lang).to_string())
        .unwrap_or_default();
    let expiry_banner = expiry_banner(&t, review);
    ReviewBox {
        expiry_banner,
        status: crate::review::view::status_label(&t, review, &today),
        can_submit: m.role.can_edit() && expert.is_some() && status.allows(ReviewStep::Submit),
        can_withdraw: m.role.can_edit() && status.allows(ReviewStep::Withdraw),
        locked: !status.answers_editable(),
        valid_until: review
            .as_ref()
            .and_then(|r| r.valid_until.clone())
            .unwrap_or_default(),
        declared: crate::review::view::declared_text(&t, review),
        declaration: declaration_forms(ctx, m, status, review),
        statement: crate::review::view::statement(lang, &m.org.name, &level_label, row.level >= 4),
        star4: row.level >= 4,
        status_id: status.id().to_string(),
        expert: expert.unwrap_or_default(),
        expert_link,
        return_reason: (status == ReviewStatus::Returned)
            .then(|| {
                comments
                    .iter()
                    .rev()
                    .find(|m| m.criterion_id.is_empty())
                    .map(|m| m.body.clone())
            })
            .flatten(),
        comments: comments
            .iter()
            .filter(|m| !m.criterion_id.is_empty())
            .count(),
    }
}

/// The assessment overview (verdict, chart, review); `expert_link` is shown once after inviting.
pub async fn render_assessment(
    state: &Shared,
    ctx: &Ctx,
    m: &orgs::Membership,
    id: &str,
    expert_link: Option<String>,
    fs: FormState,
) -> AppResult<Response> {
    if !hoshi_store::is_id(id) {
        return Err(AppError::NotFound);
    }
    let aid = id.to_string();
    let scope = m.scope().clone();
    // Everything the page shows, in one read transaction (one snapshot, one round of statements).
    let ((row, answers), review, expert, comments, (atts, report_inputs, number)) = state
        .db(move |s| {
            s.read(|c| {
                let row = assessments::get(c, &scope, &aid)?;
                let answers = assessments::answers(c, &scope, &aid)?;
                let r = hoshi_store::reviews::get(c, &scope, &aid)?;
                let expert = reviewer_line(c, r.as_ref())?;
                let comments = hoshi_store::reviews::comments(c, &scope, &aid)?;
                let atts = hoshi_store::attestations::for_assessment(c, &scope, &aid)?;
                let inputs = hoshi_store::reports::get(c, &scope, &aid)?;
                let number = orgs::corporate_number(c, &scope)?;
                Ok(((row, answers), r, expert, comments, (atts, inputs, number)))
            })
        })
        .await?;
    let catalog = catalog_for(state, &row)?;
    let c = &*catalog;
    let e = evaluate(c, &row, &answers, &m.org.name);
    let lang = ctx.lang;
    let t = ctx.t();
    let today = crate::kernel::time::today();
    let review_box = review_box(
        ctx,
        m,
        (c, &row),
        (review.as_ref(), expert, &comments),
        expert_link,
    );
    let cycle = crate::cycle::overdue_warnings(state, m.scope(), lang).await?;
    let mut p = Page::new(ctx, "assessments");
    p.title = row.title.clone();
    Ok(html(AssessmentT {
        cycle,
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        id: row.id.clone(),
        title: row.title.clone(),
        catalog: format!("{} ({})", c.framework.title.get(lang), c.pin()),
        level_label: c
            .level(row.level)
            .map(|l| l.name.get(lang).to_string())
            .unwrap_or_default(),
        verdict: e.verdict_line_at(c, lang, stage_of(review.as_ref())),
        reached: e.target_reached,
        percent: e.overall.percent(),
        counts: counts_text(&t, &e.overall),
        chart: hoshi_report::category_chart(&e, lang),
        categories: e
            .categories
            .iter()
            .map(|x| {
                (
                    x.id.clone(),
                    x.name.get(lang).to_string(),
                    x.progress.done(),
                    x.progress.total,
                )
            })
            .collect(),
        can_edit: m.role.can_edit(),
        can_attest: m.role.can_manage()
            && review.as_ref().is_some_and(|r| {
                r.status.valid_on(r.valid_until.as_deref(), &today) && r.declared_on.is_some()
            }),
        can_manage: m.role.can_manage(),
        no_corporate_number: number.is_none_or(|n| n.is_empty()),
        report_inputs: crate::report::inputs_view(report_inputs),
        review: review_box,
        fs,
        attestations: atts
            .into_iter()
            .map(|a| AttestationRow {
                id: a.id,
                issued: ctx.time(a.issued_at),
                valid_until: a.valid_until,
                revoked: a.revoked_at.map(|at| {
                    format!("{} — {}", ctx.time(at), a.revoke_reason.unwrap_or_default())
                }),
                published: a.published_at.is_some(),
            })
            .collect(),
    }))
}
