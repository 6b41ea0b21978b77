//! The expert's side: the invitation, acceptance, and the list of reviews.

use hoshi_core::UserError;
use hoshi_store::reviews::{self};

use super::view::status_label;
use crate::kernel::ctx::{SESSION_COOKIE, add_cookie, set_cookie};
use crate::kernel::prelude::*;
use hoshi_store::StoreError;

#[derive(Template)]
#[template(path = "review/expert_invite.html")]
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
    /// The acceptance form shown again with its problems.
    fs: FormState,
}

pub async fn expert_invite_page(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    render_invite(&state, &ctx, token, FormState::default()).await
}

/// The invitation page; `fs` holds the acceptance form when it is shown again.
async fn render_invite(
    state: &Shared,
    ctx: &Ctx,
    token: String,
    fs: FormState,
) -> AppResult<Response> {
    let tk = token.clone();
    let (a, org) = state
        .db(move |s| s.read(|c| reviews::expert_invitation(c, now(), &tk)))
        .await?
        .ok_or(AppError::BadRequest(UserError::InvitationInvalid))?;
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
    let pre = pre_token(ctx, state, &mut headers);
    let r = html(ExpertInviteT {
        p: Page::new(ctx, "expert_invite_title"),
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
        fs,
    });
    Ok(with_headers(headers, r))
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
        .ok_or(AppError::BadRequest(UserError::InvitationInvalid))?;
    if a.level >= 4 {
        // ★4: someone who acts for an evaluation body, signed in already.
        let (u, _) = ctx
            .user()
            .map_err(|_| AppError::BadRequest(UserError::EvaluatorLoginRequired))?;
        ctx.check_csrf(&f._csrf)?;
        let (uid, tk, body) = (u.id.clone(), token.clone(), f.body.clone());
        let done = state
            .db(move |s| s.write(|tx| reviews::accept_evaluator(tx, now(), &uid, &tk, &body)))
            .await;
        let fs = FormState::new("accept_body", &[("body", &f.body)]);
        return match checked(done, fs, ctx.lang)? {
            Ok(aid) => Ok(Redirect::to(&format!("/reviews/{aid}")).into_response()),
            Err(fs) => Ok(unprocessable(render_invite(&state, &ctx, token, fs).await?)),
        };
    }
    // Everything the form can get wrong is checked before an account is made, so a refusal never
    // leaves a half-done acceptance behind.
    let mut fs = FormState::new(
        "accept",
        &[
            ("display_name", &f.display_name),
            ("email", &f.email),
            ("qualification", &f.qualification),
            ("registration_number", &f.registration_number),
        ],
    );
    let (q, reg) = (f.qualification.trim(), f.registration_number.trim());
    if q.is_empty() || q.chars().count() > 200 || reg.is_empty() || reg.chars().count() > 100 {
        fs = fs.problem(&UserError::ExpertProfileBad, ctx.lang);
    }
    let check = crate::kernel::signup::SignupCheck {
        display_name: &f.display_name,
        email: &f.email,
        password: &f.password,
        password2: &f.password2,
    };
    let fs = crate::kernel::signup::visitor_problems(fs, &ctx, &check);
    if !fs.is_empty() {
        return Ok(unprocessable(render_invite(&state, &ctx, token, fs).await?));
    }
    let tk = token.clone();
    let signed_up =
        crate::kernel::signup::user_or_signup(&state, &ctx, &f._csrf, check, move |tx| {
            reviews::expert_invitation(tx, now(), &tk)?
                .ok_or(StoreError::Rule(UserError::InvitationInvalid))?;
            Ok(())
        })
        .await;
    let (uid, new_session) = match checked(signed_up, fs, ctx.lang)? {
        Ok(v) => v,
        Err(fs) => return Ok(unprocessable(render_invite(&state, &ctx, token, fs).await?)),
    };
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
#[template(path = "review/reviews.html")]
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
    let today = crate::kernel::time::today();
    Ok(html(ReviewsT {
        p: Page::new(&ctx, "reviews"),
        items: list
            .into_iter()
            .map(|(a, org, r)| (a.id, org, a.title, status_label(&t, Some(&r), &today)))
            .collect(),
    }))
}
