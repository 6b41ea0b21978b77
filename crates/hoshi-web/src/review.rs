//! Expert confirmation and management declaration (pages and helpers).

use hoshi_store::Connection;
use hoshi_store::reviews::{self, Review};

use crate::i18n::Tr;

pub fn review_of(c: &Connection, assessment_id: &str) -> hoshi_store::Result<Option<Review>> {
    reviews::get(c, assessment_id)
}

/// The signed declaration as shown: "代表取締役 山田 太郎 (2026-11-21)"; empty before signing.
pub fn declared_text(r: Option<&Review>) -> String {
    r.and_then(|r| {
        r.declared_on.as_ref().map(|d| {
            format!(
                "{} {} ({d})",
                r.officer_title.as_deref().unwrap_or_default(),
                r.officer_name.as_deref().unwrap_or_default()
            )
        })
    })
    .unwrap_or_default()
}

/// The review status as shown to people, with expiry derived from the date.
pub fn status_label(t: &Tr, r: Option<&Review>, today: &str) -> String {
    let key = match r.map(|r| r.status.as_str()) {
        None | Some("draft") => "st_draft",
        Some("submitted") => "st_submitted",
        Some("in-review") if r.is_some_and(|r| r.evaluator_org.is_some()) => "st_in_evaluation",
        Some("in-review") => "st_in_review",
        Some("returned") => "st_returned",
        Some("confirmed")
            if r.and_then(|r| r.valid_until.as_deref())
                .is_some_and(|v| v < today) =>
        {
            "st_expired"
        }
        Some("confirmed") => "st_confirmed",
        Some(_) => "st_draft",
    };
    t.s(key).to_string()
}

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use hoshi_core::Lang;
use hoshi_store::orgs::Role;
use hoshi_store::{StoreError, assessments};
use serde::Deserialize;

use crate::ctx::{Ctx, SESSION_COOKIE, add_cookie, set_cookie};
use crate::error::{AppError, AppForm, AppResult, CsrfOnly};
use crate::pages::{Page, html};
use crate::{Shared, now};

/// The declaration text an officer signs, in the language it is shown in.
pub fn statement(lang: Lang, org: &str, level: &str, by_body: bool) -> String {
    if by_body {
        return match lang {
            Lang::Ja => format!(
                "{org}は、この{level}の自己評価が事実に基づいて行われ、評価機関による書面確認・現地確認・技術検証を受けたことを確認します。経営の責任において、記載した対策を今後も継続して実施することを宣誓します。"
            ),
            Lang::En => format!(
                "{org} confirms that this {level} self-assessment reflects the facts and was evaluated by an evaluation body through document review, on-site review and technical verification. Under management's responsibility, we declare that we will keep carrying out the measures it describes."
            ),
        };
    }
    match lang {
        Lang::Ja => format!(
            "{org}は、この{level}の自己評価が事実に基づいて行われ、セキュリティの専門家による確認を受けたことを確認します。経営の責任において、記載した対策を今後も継続して実施することを宣誓します。"
        ),
        Lang::En => format!(
            "{org} confirms that this {level} self-assessment reflects the facts and was confirmed by a security expert. Under management's responsibility, we declare that we will keep carrying out the measures it describes."
        ),
    }
}

/// `POST /o/{org}/a/{id}/review/invite`: a single-use link for the expert.
pub async fn invite_expert(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, id)): Path<(String, String)>,
    AppForm(f): AppForm<CsrfOnly>,
) -> AppResult<Response> {
    ctx.check_csrf(&f._csrf)?;
    let m = ctx.org_role(&state, &org, Role::Editor).await?;
    let (row, _) = crate::pages::assessment_and_catalog(&state, &m.org.id, &id).await?;
    let uid = ctx.user()?.0.id.clone();
    let (oid, aid) = (m.org.id.clone(), row.id.clone());
    let token = state
        .db(move |s| s.write(|tx| reviews::invite_expert(tx, now(), &uid, &oid, &aid, 14)))
        .await?;
    let link = format!(
        "{}/expert-invite/{token}",
        state.config.public_url.trim_end_matches('/')
    );
    crate::pages::render_assessment(&state, &ctx, &org, &id, Some(link)).await
}

/// `POST /o/{org}/a/{id}/review/submit`: ask the assigned expert to confirm.
pub async fn submit(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, id)): Path<(String, String)>,
    AppForm(f): AppForm<CsrfOnly>,
) -> AppResult<Response> {
    ctx.check_csrf(&f._csrf)?;
    let m = ctx.org_role(&state, &org, Role::Editor).await?;
    let (row, _) = crate::pages::assessment_and_catalog(&state, &m.org.id, &id).await?;
    let uid = ctx.user()?.0.id.clone();
    let (oid, aid) = (m.org.id.clone(), row.id.clone());
    state
        .db(move |s| s.write(|tx| reviews::submit(tx, now(), &uid, &oid, &aid)))
        .await?;
    Ok(Redirect::to(&format!("/o/{org}/a/{id}")).into_response())
}

#[derive(Deserialize)]
pub struct DeclareForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    officer_name: String,
    #[serde(default)]
    officer_title: String,
    #[serde(default)]
    agree: Option<String>,
}

/// `POST /o/{org}/a/{id}/review/declare`: an owner signs the management declaration.
pub async fn declare(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((org, id)): Path<(String, String)>,
    AppForm(f): AppForm<DeclareForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&f._csrf)?;
    let m = ctx.org_role(&state, &org, Role::Owner).await?;
    if f.agree.is_none() {
        return Err(AppError::BadRequest("declare_agree".into()));
    }
    let (row, c) = crate::pages::assessment_and_catalog(&state, &m.org.id, &id).await?;
    let level = c
        .level(row.level)
        .map(|l| l.label.get(ctx.lang).to_string())
        .unwrap_or_default();
    let text = statement(ctx.lang, &m.org.name, &level, row.level >= 4);
    let uid = ctx.user()?.0.id.clone();
    let (oid, aid) = (m.org.id.clone(), row.id.clone());
    let today = hoshi_core::time::date(now());
    state
        .db(move |s| {
            s.write(|tx| {
                reviews::declare(
                    tx,
                    now(),
                    &uid,
                    &oid,
                    &aid,
                    &f.officer_name,
                    &f.officer_title,
                    &today,
                    &text,
                )
            })
        })
        .await?;
    Ok(Redirect::to(&format!("/o/{org}/a/{id}")).into_response())
}

// ---------------------------------------------------------------- the expert's side

#[derive(Template)]
#[template(path = "expert_invite.html")]
struct ExpertInviteT {
    p: Page,
    token: String,
    org: String,
    title: String,
    /// ★4: accepted on behalf of an evaluation body the user acts for.
    star4: bool,
    bodies: Vec<(String, String)>,
    signed_in: bool,
    qualification: String,
    registration: String,
    pre: String,
}

pub async fn expert_invite_page(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let tk = token.clone();
    let (a, org) = state
        .db(move |s| s.read(|c| reviews::expert_invitation(c, now(), &tk)))
        .await?
        .ok_or_else(|| AppError::BadRequest("expert_invite_invalid".into()))?;
    let star4 = a.level >= 4;
    let (signed_in, profile, bodies) = match ctx.user() {
        Ok((u, _)) => {
            let uid = u.id.clone();
            let (p, b) = state
                .db(move |s| {
                    s.read(|c| {
                        Ok((
                            reviews::profile(c, &uid)?,
                            hoshi_store::evaluation::bodies_of_user(c, &uid)?,
                        ))
                    })
                })
                .await?;
            (true, p, b)
        }
        Err(_) => (false, None, vec![]),
    };
    let mut headers = axum::http::HeaderMap::new();
    let pre = match &ctx.pre {
        Some(p) => p.clone(),
        None => {
            let p = hoshi_store::new_token();
            add_cookie(
                &mut headers,
                set_cookie(
                    crate::ctx::PRE_COOKIE,
                    &p,
                    Some(3600),
                    state.config.secure_cookies,
                ),
            );
            p
        }
    };
    let mut r = html(ExpertInviteT {
        p: Page::new(&ctx, "expert_invite_title"),
        token,
        org,
        title: a.title,
        star4,
        bodies,
        signed_in,
        qualification: profile
            .as_ref()
            .map(|p| p.qualification.clone())
            .unwrap_or_default(),
        registration: profile.map(|p| p.registration_number).unwrap_or_default(),
        pre,
    });
    for (k, v) in headers.iter() {
        r.headers_mut().append(k, v.clone());
    }
    Ok(r)
}

#[derive(Deserialize)]
pub struct ExpertAcceptForm {
    #[serde(default)]
    _csrf: String,
    /// ★4: the evaluation body accepting.
    #[serde(default)]
    body: String,
    #[serde(default)]
    qualification: String,
    #[serde(default)]
    registration_number: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password2: String,
}

pub async fn expert_accept(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(token): Path<String>,
    AppForm(f): AppForm<ExpertAcceptForm>,
) -> AppResult<Response> {
    let tk = token.clone();
    let (a, _) = state
        .db(move |s| s.read(|c| reviews::expert_invitation(c, now(), &tk)))
        .await?
        .ok_or_else(|| AppError::BadRequest("expert_invite_invalid".into()))?;
    if a.level >= 4 {
        // ★4: someone who acts for an evaluation body, signed in already.
        let (u, _) = ctx
            .user()
            .map_err(|_| AppError::BadRequest("evaluator_login_required".into()))?;
        ctx.check_csrf(&f._csrf)?;
        let (uid, tk, body) = (u.id.clone(), token.clone(), f.body.clone());
        let aid = state
            .db(move |s| s.write(|tx| reviews::accept_evaluator(tx, now(), &uid, &tk, &body)))
            .await?;
        return Ok(Redirect::to(&format!("/reviews/{aid}")).into_response());
    }
    let tk = token.clone();
    let (uid, new_session) = crate::pages::user_or_signup(
        &state,
        &ctx,
        &f._csrf,
        crate::pages::SignupCheck {
            display_name: &f.display_name,
            email: &f.email,
            password: &f.password,
            password2: &f.password2,
        },
        move |tx| {
            reviews::expert_invitation(tx, now(), &tk)?
                .ok_or_else(|| StoreError::Invalid("expert_invite_invalid".into()))?;
            Ok(())
        },
    )
    .await?;
    let (q, reg, tk) = (
        f.qualification.clone(),
        f.registration_number.clone(),
        token.clone(),
    );
    let aid = state
        .db(move |s| s.write(|tx| reviews::accept_expert(tx, now(), &uid, &tk, &q, &reg)))
        .await?;
    let mut r = Redirect::to(&format!("/reviews/{aid}")).into_response();
    if let Some(sess) = new_session {
        add_cookie(
            r.headers_mut(),
            set_cookie(SESSION_COOKIE, &sess, None, state.config.secure_cookies),
        );
    }
    Ok(r)
}

#[derive(Template)]
#[template(path = "reviews.html")]
struct ReviewsT {
    p: Page,
    items: Vec<(String, String, String, String)>,
}

pub async fn reviews_page(State(state): State<Shared>, ctx: Ctx) -> AppResult<Response> {
    let (u, _) = ctx.user()?;
    let uid = u.id.clone();
    let list = state
        .db(move |s| s.read(|c| reviews::for_expert(c, &uid)))
        .await?;
    let t = ctx.t();
    let today = hoshi_core::time::date(now());
    Ok(html(ReviewsT {
        p: Page::new(&ctx, "reviews"),
        items: list
            .into_iter()
            .map(|(a, org, r)| (a.id, org, a.title, status_label(&t, Some(&r), &today)))
            .collect(),
    }))
}

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
    pub files: Vec<(String, String)>,
    pub comments: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewT {
    p: Page,
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
    ctx: Ctx,
    Path(aid): Path<String>,
) -> AppResult<Response> {
    let (u, _) = ctx.user()?;
    if !hoshi_store::is_id(&aid) {
        return Err(AppError::NotFound);
    }
    let (uid, a2) = (u.id.clone(), aid.clone());
    let (row, review, answers, comments, files, org, results) = state
        .db(move |s| {
            s.read(|c| {
                let (row, review) = reviews::for_expert_one(c, &uid, &a2)?;
                let answers = assessments::answers(c, &a2)?;
                let comments = reviews::comments(c, &a2)?;
                let files = hoshi_store::evidence::for_assessment(c, &a2)?;
                let org: String =
                    c.query_row("SELECT name FROM orgs WHERE id = ?1", [&row.org_id], |r| {
                        r.get(0)
                    })?;
                let results = hoshi_store::evaluation::results(c, &a2)?;
                Ok((row, review, answers, comments, files, org, results))
            })
        })
        .await?;
    let c = crate::pages::catalog_for(&state, &row)?;
    let t = ctx.t();
    let lang = t.lang;
    let e = hoshi_core::evaluate_unchecked(c, &assessments::to_core(&row, &answers, &org));
    let today = hoshi_core::time::date(now());
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
                    .map(|(_, ev)| (ev.id.clone(), ev.title.clone()))
                    .collect(),
                comments: comments
                    .iter()
                    .filter(|m| m.criterion_id == cr.id)
                    .map(|m| {
                        (
                            m.author_name.clone(),
                            crate::pages::fmt_time(m.created_at),
                            m.body.clone(),
                        )
                    })
                    .collect(),
            }
        })
        .collect();
    let star4 = row.level >= 4;
    let evaluation: Vec<EvalReq> = if star4 {
        c.requirements_for_level(row.level)
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
                            t.s(&format!("method_{m}")).to_string(),
                            mine.iter()
                                .find(|x| x.method == *m)
                                .map(|x| x.result.clone())
                                .unwrap_or_default(),
                        )
                    })
                    .collect();
                EvalReq {
                    id: r.id.clone(),
                    title: r.title.get(lang).to_string(),
                    done: methods.iter().all(|m| !m.2.is_empty()),
                    failed: methods.iter().any(|m| m.2 == "fail"),
                    methods,
                    note: mine.first().map(|x| x.note.clone()).unwrap_or_default(),
                }
            })
            .collect()
    } else {
        vec![]
    };
    let eval_counts = (
        evaluation.iter().filter(|r| r.done).count(),
        evaluation.len(),
        evaluation.iter().filter(|r| r.failed).count(),
    );
    let mut p = Page::new(&ctx, "reviews");
    p.title = format!("{} — {}", row.title, org);
    Ok(html(ReviewT {
        star4,
        evaluation,
        eval_counts,
        p,
        aid: row.id.clone(),
        org,
        title: row.title.clone(),
        status: status_label(&t, Some(&review), &today),
        status_id: review.status.clone(),
        verdict: e.verdict_line(c, lang),
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

/// `POST /reviews/{aid}`: the expert starts, comments, returns or confirms.
pub async fn review_action(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(aid): Path<String>,
    AppForm(f): AppForm<ActionForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&f._csrf)?;
    let (u, _) = ctx.user()?;
    if !hoshi_store::is_id(&aid) {
        return Err(AppError::NotFound);
    }
    let (uid, a2) = (u.id.clone(), aid.clone());
    let (row, answers) = state
        .db(move |s| {
            s.read(|c| {
                Ok((
                    reviews::for_expert_one(c, &uid, &a2)?.0,
                    assessments::answers(c, &a2)?,
                ))
            })
        })
        .await?;
    let uid = u.id.clone();
    let a2 = aid.clone();
    match f.action.as_str() {
        "start" => {
            state
                .db(move |s| s.write(|tx| reviews::start(tx, now(), &uid, &a2)))
                .await?;
        }
        "return" => {
            state
                .db(move |s| s.write(|tx| reviews::return_for_changes(tx, now(), &uid, &a2)))
                .await?;
        }
        "comment" => {
            let c = crate::pages::catalog_for(&state, &row)?;
            if c.criterion(&f.criterion)
                .is_none_or(|x| x.level > row.level)
            {
                return Err(AppError::NotFound);
            }
            let org = row.org_id.clone();
            state
                .db(move |s| {
                    s.write(|tx| {
                        reviews::comment(tx, now(), &uid, &org, &a2, &f.criterion, &f.body)
                    })
                })
                .await?;
        }
        "record" => {
            let c = crate::pages::catalog_for(&state, &row)?;
            if row.level < 4 {
                return Err(AppError::BadRequest("evaluator_for_star4_only".into()));
            }
            if !c
                .requirements_for_level(row.level)
                .any(|r| r.id == f.requirement)
            {
                return Err(AppError::NotFound);
            }
            let outcomes: Vec<(&'static str, String)> = vec![
                ("document", f.document.clone()),
                ("onsite", f.onsite.clone()),
                ("technical", f.technical.clone()),
            ];
            if outcomes
                .iter()
                .any(|(_, r)| !hoshi_store::evaluation::RESULTS.contains(&r.as_str()))
            {
                return Err(AppError::BadRequest("evaluation_bad".into()));
            }
            let org = row.org_id.clone();
            let (req, note) = (f.requirement.clone(), f.note.clone());
            state
                .db(move |s| {
                    s.write(|tx| {
                        let o: Vec<(&str, &str)> =
                            outcomes.iter().map(|(m, r)| (*m, r.as_str())).collect();
                        hoshi_store::evaluation::record(tx, now(), &uid, &org, &a2, &req, &o, &note)
                    })
                })
                .await?;
            return Ok(Redirect::to(&format!("/reviews/{aid}#r-{}", f.requirement)).into_response());
        }
        "confirm" if row.level >= 4 => {
            let c = crate::pages::catalog_for(&state, &row)?;
            // The self-assessment: every criterion of the level met or not applicable.
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
                return Err(AppError::BadRequest(format!("confirm_not_met: {open}")));
            }
            // The evaluation body's results: all three methods for every requirement, none failed.
            let a3 = aid.clone();
            let results = state
                .db(move |s| s.read(|c| hoshi_store::evaluation::results(c, &a3)))
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
                return Err(AppError::BadRequest(format!(
                    "evaluation_incomplete: {missing}"
                )));
            }
            if !failed.is_empty() {
                return Err(AppError::BadRequest(format!(
                    "evaluation_failed: {}",
                    failed.join(", ")
                )));
            }
            let days = state.config.validity_days(row.level);
            let valid_until = hoshi_core::time::date(now() + i64::from(days) * 86_400);
            state
                .db(move |s| s.write(|tx| reviews::confirm(tx, now(), &uid, &a2, &valid_until)))
                .await?;
        }
        "confirm" => {
            let c = crate::pages::catalog_for(&state, &row)?;
            let e = hoshi_core::evaluate_unchecked(c, &assessments::to_core(&row, &answers, ""));
            if !e.target_reached {
                let open = e
                    .levels
                    .iter()
                    .find(|l| l.rank == row.level)
                    .map(|l| l.blocking)
                    .unwrap_or(0);
                return Err(AppError::BadRequest(format!("confirm_not_met: {open}")));
            }
            let days = state.config.validity_days(row.level);
            let valid_until = hoshi_core::time::date(now() + i64::from(days) * 86_400);
            state
                .db(move |s| s.write(|tx| reviews::confirm(tx, now(), &uid, &a2, &valid_until)))
                .await?;
        }
        _ => return Err(AppError::BadRequest("bad_request".into())),
    }
    Ok(Redirect::to(&format!("/reviews/{aid}")).into_response())
}

/// `GET /reviews/{aid}/evidence/{eid}`: the assigned expert downloads evidence linked to the assessment.
pub async fn expert_download(
    State(state): State<Shared>,
    ctx: Ctx,
    Path((aid, eid)): Path<(String, String)>,
) -> AppResult<Response> {
    let (u, _) = ctx.user()?;
    if !hoshi_store::is_id(&aid) || !hoshi_store::is_id(&eid) {
        return Err(AppError::NotFound);
    }
    let (uid, a2, e2) = (u.id.clone(), aid.clone(), eid.clone());
    let (row, linked) = state
        .db(move |s| {
            s.read(|c| {
                let (row, _) = reviews::for_expert_one(c, &uid, &a2)?;
                let linked = hoshi_store::evidence::for_assessment(c, &a2)?
                    .into_iter()
                    .any(|(_, e)| e.id == e2);
                Ok((row, linked))
            })
        })
        .await?;
    if !linked {
        return Err(AppError::NotFound);
    }
    crate::evidence::send_file(&state, &row.org_id, &eid).await
}

#[derive(Deserialize)]
pub struct BodyForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    accreditation: String,
    #[serde(default)]
    registration_number: String,
}

/// `POST /o/{org}/evaluation-body`: an owner declares the organisation a ★4 evaluation body.
pub async fn register_body(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(org): Path<String>,
    AppForm(f): AppForm<BodyForm>,
) -> AppResult<Response> {
    ctx.check_csrf(&f._csrf)?;
    let m = ctx.org_role(&state, &org, Role::Owner).await?;
    let uid = ctx.user()?.0.id.clone();
    let oid = m.org.id.clone();
    state
        .db(move |s| {
            s.write(|tx| {
                hoshi_store::evaluation::register_body(
                    tx,
                    now(),
                    &uid,
                    &oid,
                    &f.accreditation,
                    &f.registration_number,
                )
            })
        })
        .await?;
    Ok(Redirect::to(&format!("/o/{org}#evaluation-body")).into_response())
}
