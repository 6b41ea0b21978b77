//! One supplier as the buyer sees it: the shared scope, evidence under full sharing, imports.

use crate::kernel::path::Path;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use hoshi_core::decide;
use hoshi_core::{EvidenceId, OrgId, RelationshipId};
use hoshi_store::assessments;
use hoshi_store::supply::{self, Scope};

use super::portfolio::today_and_soon;
use super::scope_label;
use crate::Shared;
use crate::kernel::ctx::Ctx;
use crate::kernel::error::{AppError, AppResult};
use crate::kernel::form::FormState;
use crate::kernel::guard::{Member, Viewer};
use crate::kernel::page::{Page, html};

/// `GET /o/{org}/suppliers/{rel}/evidence/{eid}`: a buyer downloads an evidence file, only while
/// the supplier shares everything with it and only evidence linked to the shared assessment.
pub async fn shared_evidence(
    State(state): State<Shared>,
    Member { m, .. }: Member<Viewer>,
    Path((_, rel, eid)): Path<(OrgId, RelationshipId, EvidenceId)>,
) -> AppResult<Response> {
    let (buyer, rid, eid2) = (m.scope().clone(), rel, eid);
    let supplier = state
        .db(move |s| {
            s.read(|c| {
                let Some((sh, so)) = supply::shared_with(c, &buyer, &rid)? else {
                    return Err(hoshi_store::StoreError::NotFound);
                };
                if sh.scope != Scope::Full {
                    return Err(hoshi_store::StoreError::NotFound);
                }
                let linked = hoshi_store::evidence::for_assessment(c, &so, &sh.assessment_id)?
                    .iter()
                    .any(|(_, e)| e.id == eid2);
                if linked {
                    Ok(so)
                } else {
                    Err(hoshi_store::StoreError::NotFound)
                }
            })
        })
        .await?;
    crate::evidence::files::send_file(&state, &supplier, &eid).await
}

/// One open criterion of a shared assessment (full sharing only).
pub struct GapLine {
    pub criterion: String,
    pub text: String,
    pub status: String,
    pub risk: u8,
}

pub struct SharedView {
    pub scope: String,
    pub title: String,
    pub level: String,
    pub status: String,
    pub verdict: String,
    pub reached: bool,
    pub valid_until: String,
    pub declared: String,
    pub percent: u32,
    pub chart: String,
    pub gaps: Vec<GapLine>,
    pub answers: Vec<(String, String, String, String)>,
    /// Evidence linked to the shared assessment (full sharing only).
    pub evidence: Vec<SharedEvidence>,
    pub summary: bool,
    pub full: bool,
}

pub struct SharedEvidence {
    pub criterion: String,
    pub id: String,
    pub title: String,
    pub file: String,
    pub effective: String,
    pub expired: bool,
    /// The file is the report of one of hoshi's own scans of the supplier (same SHA-256): when
    /// it ran and what it covered.
    pub scan: Option<String>,
}

#[derive(Template)]
#[template(path = "supply/supplier.html")]
struct SupplierT {
    p: Page,
    /// The buyer archived this supplier: it is out of the portfolio.
    archived: bool,
    /// The record as stored, for the edit form: (name, contact name, contact e-mail, supplies,
    /// due date).
    record: (String, String, String, String, String),
    /// The attestation import form shown again with the reasons it was refused.
    fs: FormState,
    org_id: String,
    org_name: String,
    rel_id: String,
    name: String,
    number: String,
    contact: String,
    supplies: String,
    required: String,
    reasons: Vec<(String, String)>,
    advice: String,
    due: String,
    accepted: bool,
    supplier_org_name: String,
    invite_link: Option<String>,
    /// Delivery of the latest invitation mail, in words.
    mail_status: Option<String>,
    mailing: bool,
    shared: Option<SharedView>,
    can_edit: bool,
    /// Signed results from other hoshi instances, verified again on every view.
    imported: Vec<crate::attest::import::ImportedView>,
    /// The supplier's documents in force, as far as anything is shared: (document, version,
    /// effective date). Never their text: that reaches a buyer only as evidence in a full share.
    shared_docs: Vec<(String, i64, String)>,
    /// The supplier's yearly checks, as far as the share allows (`cycle::shared`).
    cycle_shared: Option<crate::cycle::shared::SharedChecks>,
}

/// "Sent to … at …", "waiting", or "could not be sent: …".
fn mail_status(ctx: &Ctx, m: &hoshi_store::mail::Outgoing) -> String {
    let t = ctx.t();
    if let Some(at) = m.sent_at {
        format!("{} {} ({})", t.s("mail_sent"), m.recipient, ctx.time(at))
    } else if m.failed_at.is_some() {
        format!(
            "{} {} — {}",
            t.s("mail_failed"),
            m.recipient,
            m.last_error.clone().unwrap_or_default()
        )
    } else {
        let mut s = format!("{} {}", t.s("mail_queued"), m.recipient);
        if let Some(e) = &m.last_error {
            s.push_str(&format!(" — {} ({e})", t.s("mail_retrying")));
        }
        s
    }
}

/// What a supplier shares, read through its share row: the assessment, its answers, review and
/// (full scope) evidence.
type SharedRows = (
    supply::Share,
    assessments::AssessmentRow,
    std::collections::BTreeMap<String, assessments::AnswerRow>,
    Option<hoshi_store::reviews::Review>,
    Vec<(String, hoshi_store::evidence::Evidence)>,
    std::collections::BTreeMap<String, hoshi_store::exposure::ScanStamp>,
);

/// The buyer's view of what the supplier shares, as far as the scope allows.
fn shared_view(
    state: &Shared,
    t: &crate::kernel::i18n::Tr,
    (sh, a, answers, review, evidence, scans): SharedRows,
) -> AppResult<SharedView> {
    let lang = t.lang;
    let catalog = crate::kernel::page::catalog_for(state, &a)?;
    let c = &*catalog;
    let e = hoshi_core::evaluate_unchecked(c, &assessments::to_core(&a, &answers, ""));
    let (today, _) = today_and_soon();
    let status = crate::review::view::status_label(t, review.as_ref(), &today);
    let summary = sh.scope >= Scope::Summary;
    let full = sh.scope == Scope::Full;
    Ok(SharedView {
        scope: scope_label(t, sh.scope).to_string(),
        title: a.title.clone(),
        level: c
            .level(a.level)
            .map(|l| l.label.get(lang).to_string())
            .unwrap_or_default(),
        status,
        verdict: e.verdict_line_at(
            c,
            lang,
            crate::assessments::overview::stage_of(review.as_ref()),
        ),
        reached: e.target_reached,
        valid_until: review
            .as_ref()
            .and_then(|r| r.valid_until.clone())
            .unwrap_or_default(),
        declared: crate::review::view::declared_text(t, review.as_ref()),
        percent: if summary { e.overall.percent() } else { 0 },
        chart: if summary {
            hoshi_report::category_chart(&e, lang)
        } else {
            String::new()
        },
        gaps: if full {
            e.gaps
                .iter()
                .map(|g| GapLine {
                    criterion: g.criterion.clone(),
                    text: c
                        .criterion(&g.criterion)
                        .map(|x| x.text.get(lang).to_string())
                        .unwrap_or_default(),
                    status: g.status.label().get(lang).to_string(),
                    risk: g.risk,
                })
                .collect()
        } else {
            vec![]
        },
        answers: if full {
            answers
                .values()
                .map(|x| {
                    (
                        x.criterion_id.clone(),
                        x.answer.status.label().get(lang).to_string(),
                        x.answer.reason.clone(),
                        x.answer.evidence.join(" / "),
                    )
                })
                .collect()
        } else {
            vec![]
        },
        evidence: evidence
            .into_iter()
            .map(|(crit, e)| SharedEvidence {
                expired: e.expired(&today),
                scan: e
                    .sha256
                    .as_ref()
                    .and_then(|h| scans.get(h))
                    .map(crate::exposure::stamp_label),
                criterion: crit,
                id: e.id,
                title: e.title,
                file: e.file_name.or(e.url).unwrap_or_default(),
                effective: e.effective_date,
            })
            .collect(),
        summary,
        full,
    })
}

/// The supplier's documents in force as a buyer sees them: (document, version, effective date).
fn docs_in_force(
    docs: Vec<hoshi_store::documents::Document>,
    t: &crate::kernel::i18n::Tr,
) -> Vec<(String, i64, String)> {
    let ja = t.lang == hoshi_core::Lang::Ja;
    docs.into_iter()
        .filter_map(|d| {
            let kind = hoshi_docs::Kind::from_code(&d.kind)?;
            Some((
                format!(
                    "{} ({})",
                    kind.title(ja),
                    crate::docs::lang_name(&d.lang, t)
                ),
                d.published?,
                d.effective_on.unwrap_or_default(),
            ))
        })
        .collect()
}

pub(crate) async fn render_supplier(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    rel: &str,
    invite_link: Option<String>,
    fs: FormState,
) -> AppResult<Response> {
    if !hoshi_store::is_id(rel) {
        return Err(AppError::NotFound);
    }
    let (rid, buyer) = (rel.to_string(), m.scope().clone());
    let (r, supplier_name, shared, (mail, imported, archived)) = state
        .db(move |s| {
            s.read(|c| {
                let r = supply::for_buyer_one(c, &buyer, &rid)?;
                let name = match &r.supplier_org {
                    Some(so) => Some(hoshi_store::orgs::name(c, so)?),
                    None => None,
                };
                // What the supplier shares: read through the share row on every request.
                let shared = match supply::shared_with(c, &buyer, &r.id)? {
                    Some((sh, so)) => {
                        let a = assessments::get(c, &so, &sh.assessment_id)?;
                        let answers = assessments::answers(c, &so, &a.id)?;
                        let review = crate::review::view::review_of(c, &so, &a.id)?;
                        let (evidence, scans) = if sh.scope == Scope::Full {
                            (
                                hoshi_store::evidence::for_assessment(c, &so, &a.id)?,
                                hoshi_store::exposure::report_hashes(c, &so)?,
                            )
                        } else {
                            (vec![], Default::default())
                        };
                        let docs = hoshi_store::documents::list(c, &so)?;
                        Some(((sh, a, answers, review, evidence, scans), docs))
                    }
                    None => None,
                };
                let mail = hoshi_store::mail::latest_for(c, &buyer, "supplier_invite", &r.id)?;
                let imported = hoshi_store::attestations::imported(c, &buyer, &r.id)?;
                let archived = supply::is_archived(c, &buyer, &r.id)?;
                Ok((r, name, shared, (mail, imported, archived)))
            })
        })
        .await?;
    let t = ctx.t();
    let lang = t.lang;
    let d = decide(r.answers);
    let (shared, shared_docs) = match shared {
        None => (None, Vec::new()),
        Some((what, docs)) => (Some(shared_view(state, &t, what)?), docs_in_force(docs, &t)),
    };
    let mut p = Page::new(ctx, "portfolio");
    p.title = format!("{} — {}", r.supplier_name, m.org.name);
    Ok(html(SupplierT {
        archived,
        record: (
            r.supplier_name.clone(),
            r.contact_name.clone(),
            r.contact_email.clone(),
            r.supplies.clone(),
            r.due_date.clone().unwrap_or_default(),
        ),
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        rel_id: r.id.clone(),
        name: r.supplier_name.clone(),
        number: r.corporate_number.clone(),
        contact: [r.contact_name.clone(), r.contact_email.clone()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" / "),
        supplies: r.supplies.clone(),
        required: format!("★{}", r.required_level),
        reasons: d
            .reasons
            .iter()
            .map(|x| {
                (
                    t.s(if x.answer { "yes" } else { "no" }).to_string(),
                    x.text.get(lang).to_string(),
                )
            })
            .collect(),
        advice: d.advice.get(lang).to_string(),
        due: r.due_date.clone().unwrap_or_default(),
        accepted: r.supplier_org.is_some(),
        supplier_org_name: supplier_name.unwrap_or_default(),
        invite_link,
        mail_status: mail.map(|x| mail_status(ctx, &x)),
        mailing: state.config.mail.is_some(),
        shared,
        shared_docs,
        cycle_shared: crate::cycle::shared::shared_checks(state, m.scope(), &r.id, lang).await?,
        can_edit: m.role.can_edit(),
        fs,
        imported: {
            let (today, _) = today_and_soon();
            imported
                .iter()
                .map(|a| crate::attest::import::imported_view(a, &today, ctx))
                .collect()
        },
    }))
}

pub async fn supplier_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, rel)): Path<(OrgId, RelationshipId)>,
) -> AppResult<Response> {
    render_supplier(&state, &ctx, &m, &rel, None, FormState::default()).await
}
