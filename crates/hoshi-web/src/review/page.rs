//! The review page and its actions (start, return, comment, record, confirm), evidence downloads.

use hoshi_core::UserError;
use hoshi_store::reviews::{self};

use super::view::status_label;
use crate::kernel::guard::{Reviewer, ReviewerForm};
use crate::kernel::prelude::*;
use hoshi_store::assessments;

/// One ★4 requirement with the evaluation body's results.
pub struct EvalReq {
    pub id: String,
    pub title: String,
    /// (method id, method label, recorded result id or "")
    pub methods: Vec<(String, String, String)>,
    pub note: String,
    pub done: bool,
    pub failed: bool,
}

pub struct ReviewCrit {
    pub id: String,
    pub text: String,
    pub status: String,
    pub reason: String,
    pub evidence: String,
    /// (evidence id, title, when and what hoshi's own scan covered when the file is its report).
    pub files: Vec<(String, String, Option<String>)>,
    pub comments: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "review/review.html")]
struct ReviewT {
    p: Page,
    /// A form shown again: "comment" or "record" (at its criterion or requirement), "decision".
    fs: FormState,
    aid: String,
    org: String,
    title: String,
    status: String,
    status_id: String,
    verdict: String,
    reached: bool,
    percent: u32,
    chart: String,
    criteria: Vec<ReviewCrit>,
    star4: bool,
    evaluation: Vec<EvalReq>,
    /// (recorded complete, total, failed)
    eval_counts: (usize, usize, usize),
}

pub async fn review_page(
    State(state): State<Shared>,
    Reviewer {
        ctx,
        assessment: row,
        review,
        scope,
        ..
    }: Reviewer,
) -> AppResult<Response> {
    let seen = Seen {
        scope: &scope,
        row: &row,
        review: &review,
    };
    render_review(&state, &ctx, seen, FormState::default()).await
}

/// The review as the reviewer's guard found it: the reviewed organisation's scope, the
/// assessment and its review.
#[derive(Clone, Copy)]
struct Seen<'a> {
    scope: &'a hoshi_store::OrgScope,
    row: &'a hoshi_store::assessments::AssessmentRow,
    review: &'a reviews::Review,
}

/// The review page; `fs` is a form of the page shown again with its problems.
async fn render_review(
    state: &Shared,
    ctx: &Ctx,
    Seen { scope, row, review }: Seen<'_>,
    fs: FormState,
) -> AppResult<Response> {
    let aid = row.id.clone();
    let (a2, oid, scope) = (aid.clone(), row.org_id.clone(), scope.clone());
    let (answers, comments, files, org, results, scans) = state
        .db(move |s| {
            s.read(|c| {
                let answers = assessments::answers(c, &scope, &a2)?;
                let comments = reviews::comments(c, &scope, &a2)?;
                let files = hoshi_store::evidence::for_assessment(c, &scope, &a2)?;
                let org = hoshi_store::orgs::name(c, &oid)?;
                let results = hoshi_store::evaluation::results(c, &scope, &a2)?;
                let scans = hoshi_store::exposure::report_hashes(c, &scope)?;
                Ok((answers, comments, files, org, results, scans))
            })
        })
        .await?;
    let catalog = crate::kernel::page::catalog_for(state, row)?;
    let c = &*catalog;
    let t = ctx.t();
    let lang = t.lang;
    let e = hoshi_core::evaluate_unchecked(c, &assessments::to_core(row, &answers, &org));
    let today = crate::kernel::time::today();
    let criteria = c
        .criteria_for_level(row.level)
        .map(|cr| {
            let a = answers
                .get(&cr.id)
                .map(|x| x.answer.clone())
                .unwrap_or_default();
            ReviewCrit {
                id: cr.id.clone(),
                text: cr.text.get(lang).to_string(),
                status: a.status.label().get(lang).to_string(),
                reason: a.reason,
                evidence: a.evidence.join(" / "),
                files: files
                    .iter()
                    .filter(|(k, _)| k == &cr.id)
                    .map(|(_, ev)| {
                        let scan = ev
                            .sha256
                            .as_ref()
                            .and_then(|h| scans.get(h))
                            .map(crate::exposure::stamp_label);
                        (ev.id.clone(), ev.title.clone(), scan)
                    })
                    .collect(),
                comments: comments
                    .iter()
                    .filter(|m| m.criterion_id == cr.id)
                    .map(|m| {
                        (
                            m.author_name.clone(),
                            ctx.time(m.created_at),
                            m.body.clone(),
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    let star4 = row.level >= 4;
    let evaluation = if star4 {
        evaluation_view(c, row.level, &results, &t)
    } else {
        vec![]
    };
    let eval_counts = (
        evaluation.iter().filter(|r| r.done).count(),
        evaluation.len(),
        evaluation.iter().filter(|r| r.failed).count(),
    );
    let mut p = Page::new(ctx, "reviews");
    p.title = format!("{} — {}", row.title, org);
    Ok(html(ReviewT {
        fs,
        star4,
        evaluation,
        eval_counts,
        p,
        aid: row.id.clone(),
        org,
        title: row.title.clone(),
        status: status_label(&t, Some(review), &today),
        status_id: review.status.id().to_string(),
        verdict: e.verdict_line_at(
            c,
            lang,
            crate::assessments::overview::stage_of(Some(review)),
        ),
        reached: e.target_reached,
        percent: e.overall.percent(),
        chart: hoshi_report::category_chart(&e, lang),
        criteria,
    }))
}

#[derive(Deserialize)]
pub struct ActionForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    criterion: String,
    #[serde(default)]
    body: String,
    /// ★4 "record": the requirement and one result per method.
    #[serde(default)]
    requirement: String,
    #[serde(default)]
    document: String,
    #[serde(default)]
    onsite: String,
    #[serde(default)]
    technical: String,
    #[serde(default)]
    note: String,
}

/// `POST /reviews/{aid}`: the expert starts, comments, returns or confirms; a ★4 evaluation body
/// also records results. A refused action shows the page again with the problem at its form.
pub async fn review_action(
    State(state): State<Shared>,
    Path(aid): Path<AssessmentId>,
    ReviewerForm {
        reviewer:
            Reviewer {
                ctx,
                user: u,
                assessment: row,
                review,
                scope,
            },
        form: f,
    }: ReviewerForm<ActionForm>,
) -> AppResult<Response> {
    let fs = match f.action.as_str() {
        "comment" => FormState::new("comment", &[("body", &f.body)]).at(&f.criterion),
        "record" => FormState::new(
            "record",
            &[
                ("document", &f.document),
                ("onsite", &f.onsite),
                ("technical", &f.technical),
                ("note", &f.note),
            ],
        )
        .at(&f.requirement),
        "return" => FormState::new("return", &[("body", &f.body)]),
        _ => FormState::new("decision", &[]),
    };
    let seen = Seen {
        scope: &scope,
        row: &row,
        review: &review,
    };
    let done = act(&state, &u.id, seen, f).await;
    match checked(done, fs, ctx.lang)? {
        Ok(to) => Ok(Redirect::to(&format!("/reviews/{aid}{to}")).into_response()),
        Err(fs) => Ok(unprocessable(render_review(&state, &ctx, seen, fs).await?)),
    }
}

/// Carries out one action; returns the fragment of the page to go back to.
async fn act(state: &Shared, uid: &str, seen: Seen<'_>, f: ActionForm) -> AppResult<String> {
    let row = seen.row;
    let (uid, a2) = (uid.to_string(), row.id.clone());
    match f.action.as_str() {
        "start" => {
            state
                .db(move |s| s.write(|tx| reviews::start(tx, now(), &uid, &a2)))
                .await?;
        }
        "return" => {
            state
                .db(move |s| {
                    s.write(|tx| reviews::return_for_changes(tx, now(), &uid, &a2, &f.body))
                })
                .await?;
        }
        "comment" => {
            let catalog = crate::kernel::page::catalog_for(state, row)?;
            let c = &*catalog;
            if c.criterion(&f.criterion)
                .is_none_or(|x| x.level > row.level)
            {
                return Err(AppError::NotFound);
            }
            let (org, crit) = (row.org_id.clone(), f.criterion.clone());
            state
                .db(move |s| {
                    s.write(|tx| reviews::comment(tx, now(), &uid, &org, &a2, &crit, &f.body))
                })
                .await?;
            return Ok(format!("#c-{}", f.criterion));
        }
        "record" => {
            record(state, &uid, row, f).await?;
        }
        "confirm" => {
            let catalog = crate::kernel::page::catalog_for(state, row)?;
            let c = &*catalog;
            let scope = seen.scope.clone();
            let answers = state
                .db(move |s| s.read(|c| assessments::answers(c, &scope, &a2)))
                .await?;
            if row.level >= 4 {
                star4_ready(state, c, seen, &answers).await?;
            } else {
                let e = hoshi_core::evaluate_unchecked(c, &assessments::to_core(row, &answers, ""));
                if !e.target_reached {
                    let open = e
                        .levels
                        .iter()
                        .find(|l| l.rank == row.level)
                        .map_or(0, |l| l.blocking as usize);
                    return Err(AppError::BadRequest(UserError::ConfirmNotMet { open }));
                }
            }
            let days = state.config.validity_days(row.level);
            let valid_until = crate::kernel::time::date_plus(i64::from(days));
            let a2 = row.id.clone();
            state
                .db(move |s| s.write(|tx| reviews::confirm(tx, now(), &uid, &a2, &valid_until)))
                .await?;
        }
        _ => return Err(AppError::BadRequest(UserError::BadRequest)),
    }
    Ok(String::new())
}

/// ★4: the evaluation body records the three methods' results for one requirement.
async fn record(
    state: &Shared,
    uid: &str,
    row: &hoshi_store::assessments::AssessmentRow,
    f: ActionForm,
) -> AppResult<()> {
    let catalog = crate::kernel::page::catalog_for(state, row)?;
    let c = &*catalog;
    if row.level < 4 {
        return Err(AppError::BadRequest(UserError::EvaluatorForStar4Only));
    }
    if !c
        .requirements_for_level(row.level)
        .any(|r| r.id == f.requirement)
    {
        return Err(AppError::NotFound);
    }
    let outcomes: Vec<(&'static str, String)> = vec![
        ("document", f.document),
        ("onsite", f.onsite),
        ("technical", f.technical),
    ];
    if outcomes
        .iter()
        .any(|(_, r)| !hoshi_store::evaluation::RESULTS.contains(&r.as_str()))
    {
        return Err(AppError::BadRequest(UserError::EvaluationBad));
    }
    let (uid, org, aid) = (uid.to_string(), row.org_id.clone(), row.id.clone());
    let (req, note) = (f.requirement, f.note);
    state
        .db(move |s| {
            s.write(|tx| {
                let o: Vec<(&str, &str)> = outcomes.iter().map(|(m, r)| (*m, r.as_str())).collect();
                hoshi_store::evaluation::record(tx, now(), &uid, &org, &aid, &req, &o, &note)
            })
        })
        .await
}

/// ★4 confirmation needs every criterion met or not applicable, and all three methods recorded
/// for every requirement with none failed.
async fn star4_ready(
    state: &Shared,
    c: &hoshi_core::Catalog,
    Seen { scope, row, .. }: Seen<'_>,
    answers: &std::collections::BTreeMap<String, hoshi_store::assessments::AnswerRow>,
) -> AppResult<()> {
    let open = c
        .criteria_for_level(row.level)
        .filter(|cr| {
            !answers.get(&cr.id).is_some_and(|a| {
                matches!(
                    a.answer.status,
                    hoshi_core::Status::Met | hoshi_core::Status::NotApplicable
                )
            })
        })
        .count();
    if open > 0 {
        return Err(AppError::BadRequest(UserError::ConfirmNotMet { open }));
    }
    let (aid, scope) = (row.id.clone(), scope.clone());
    let results = state
        .db(move |s| s.read(|c| hoshi_store::evaluation::results(c, &scope, &aid)))
        .await?;
    let mut missing = 0;
    let mut failed = Vec::new();
    for r in c.requirements_for_level(row.level) {
        let mine: Vec<_> = results
            .iter()
            .filter(|x| x.requirement_id == r.id)
            .collect();
        if mine.len() < hoshi_store::evaluation::METHODS.len() {
            missing += 1;
        }
        if mine.iter().any(|x| x.result == "fail") {
            failed.push(r.id.clone());
        }
    }
    if missing > 0 {
        return Err(AppError::BadRequest(UserError::EvaluationIncomplete {
            missing,
        }));
    }
    if !failed.is_empty() {
        return Err(AppError::BadRequest(UserError::EvaluationFailed {
            requirements: failed,
        }));
    }
    Ok(())
}

/// `GET /reviews/{aid}/evidence/{eid}`: the assigned expert downloads evidence linked to the assessment.
pub async fn expert_download(
    State(state): State<Shared>,
    Path((aid, eid)): Path<(AssessmentId, EvidenceId)>,
    Reviewer { scope, .. }: Reviewer,
) -> AppResult<Response> {
    let (a2, e2, s2) = (aid, eid, scope.clone());
    let linked = state
        .db(move |s| {
            s.read(|c| {
                Ok(hoshi_store::evidence::for_assessment(c, &s2, &a2)?
                    .into_iter()
                    .any(|(_, e)| e.id == e2))
            })
        })
        .await?;
    if !linked {
        return Err(AppError::NotFound);
    }
    crate::evidence::files::send_file(&state, &scope, &eid).await
}

/// ★4: each requirement with the result recorded for each method.
fn evaluation_view(
    c: &hoshi_core::Catalog,
    level: u8,
    results: &[hoshi_store::evaluation::EvalResult],
    t: &Tr,
) -> Vec<EvalReq> {
    c.requirements_for_level(level)
        .map(|r| {
            let mine: Vec<&hoshi_store::evaluation::EvalResult> = results
                .iter()
                .filter(|x| x.requirement_id == r.id)
                .collect();
            let methods: Vec<(String, String, String)> = hoshi_store::evaluation::METHODS
                .iter()
                .map(|m| {
                    (
                        m.to_string(),
                        method_label(t, m).to_string(),
                        mine.iter()
                            .find(|x| x.method == *m)
                            .map(|x| x.result.clone())
                            .unwrap_or_default(),
                    )
                })
                .collect();
            EvalReq {
                id: r.id.clone(),
                title: r.title.get(t.lang).to_string(),
                done: methods.iter().all(|m| !m.2.is_empty()),
                failed: methods.iter().any(|m| m.2 == "fail"),
                methods,
                note: mine.first().map(|x| x.note.clone()).unwrap_or_default(),
            }
        })
        .collect()
}

/// The name of an evaluation method (書面確認 / 現地確認 / 技術検証).
fn method_label<'a>(t: &Tr, method: &str) -> &'a str {
    t.s(match method {
        "document" => "method_document",
        "onsite" => "method_onsite",
        _ => "method_technical",
    })
}
