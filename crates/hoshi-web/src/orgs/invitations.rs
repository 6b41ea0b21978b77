//! Inviting people into an organisation, and accepting (sign-up or join).

use hoshi_core::UserError;
use hoshi_store::orgs::{self, Role};
use hoshi_store::users::{self, NewUser};
use hoshi_store::{StoreError, sessions};

use super::org::render_org;
use crate::kernel::ctx::{Ctx, SESSION_COOKIE, add_cookie, set_cookie};
use crate::kernel::prelude::*;
use crate::kernel::signup::{SignupForm, SignupPage, signup_problems};

#[derive(Deserialize)]
pub(super) struct RoleForm {
    #[serde(default)]
    pub(super) _csrf: String,
    #[serde(default)]
    pub(super) role: String,
}

pub async fn create_invitation(
    State(state): State<Shared>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Owner, RoleForm>,
) -> AppResult<Response> {
    let role = Role::parse(&f.role).ok_or(AppError::BadRequest(UserError::BadRequest))?;
    let uid = ctx.user()?.0.id.clone();
    let oid = m.org.id.clone();
    let token = state
        .db(move |s| s.write(|tx| orgs::invite(tx, now(), &uid, &oid, role, 7)))
        .await?;
    let link = format!(
        "{}/invite/{token}",
        state.config.public_url.trim_end_matches('/')
    );
    render_org(&state, &ctx, &m, Some(link), FormState::default()).await
}

#[derive(Template)]
#[template(path = "orgs/invite.html")]
struct InviteT {
    p: Page,
    org_name: String,
    role: String,
    token: String,
}

pub async fn invite_form(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let tk = token.clone();
    let inv = state
        .db(move |s| s.read(|c| orgs::invitation(c, now(), &tk)))
        .await?
        .ok_or(AppError::BadRequest(UserError::InvitationInvalid))?;
    let t = ctx.t();
    if ctx.user().is_ok() {
        return Ok(html(InviteT {
            p: Page::new(&ctx, "invite_title"),
            org_name: inv.org.name,
            role: role_label(&t, inv.role),
            token,
        }));
    }
    let mut headers = HeaderMap::new();
    let pre = pre_token(&ctx, &state, &mut headers);
    Ok(with_headers(
        headers,
        html(SignupPage {
            p: Page::new(&ctx, "invite_title"),
            heading: format!("{}: {}", t.s("invite_to"), inv.org.name),
            intro: format!(
                "{} {} (/login?next=/invite/…)",
                t.s("invite_signup"),
                t.s("have_account")
            ),
            button: t.s("invite_signup").into(),
            action: format!("/invite/{token}"),
            pre,
            fs: FormState::default(),
            display_name: String::new(),
            email: String::new(),
        }),
    ))
}

pub async fn invite_accept(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(token): Path<String>,
    AppForm(f): AppForm<SignupForm>,
) -> AppResult<Response> {
    if let Ok((u, _)) = ctx.user() {
        ctx.check_csrf(&f._csrf)?;
        let uid = u.id.clone();
        let org = state
            .db(move |s| s.write(|tx| orgs::accept(tx, now(), &uid, &token)))
            .await
            .map_err(|e| match e {
                AppError::NotFound => AppError::BadRequest(UserError::InvitationInvalid),
                other => other,
            })?;
        return Ok(Redirect::to(&format!("/o/{}", org.id)).into_response());
    }
    // A new account that joins at once.
    ctx.check_pre(&f._csrf)?;
    let t = ctx.t();
    let mut errors = signup_problems(&t, &f);
    let email = f.email.clone();
    // As for every link that signs people up: trying addresses counts like sign-in attempts.
    if errors.is_empty() && !state.allow_attempt(&ctx.client).await? {
        return Err(AppError::TooMany);
    }
    if errors.is_empty()
        && state
            .db(move |s| s.read(|c| users::by_email(c, &email)))
            .await?
            .is_some()
    {
        errors = errors.problem(&UserError::EmailTaken, t.lang);
    }
    if !errors.is_empty() {
        let mut headers = HeaderMap::new();
        let pre = pre_token(&ctx, &state, &mut headers);
        let r = html(SignupPage {
            p: Page::new(&ctx, "invite_title"),
            heading: t.s("invite_title").into(),
            intro: t.s("have_account").into(),
            button: t.s("invite_signup").into(),
            action: format!("/invite/{token}"),
            pre,
            fs: errors,
            display_name: f.display_name.clone(),
            email: f.email.clone(),
        });
        return Ok(with_headers(headers, unprocessable(r)));
    }
    let hash = state.hash_password(f.password.clone()).await?;
    let lang = ctx.lang.code().to_string();
    let (org, session) = state
        .db(move |s| {
            s.write(|tx| {
                let n = now();
                // Check the invitation first so that no account is created for a dead link.
                orgs::invitation(tx, n, &token)?
                    .ok_or(StoreError::Rule(UserError::InvitationInvalid))?;
                let u = users::create(
                    tx,
                    n,
                    None,
                    NewUser {
                        email: &f.email,
                        display_name: &f.display_name,
                        password_hash: &hash,
                        is_admin: false,
                        lang: &lang,
                    },
                )?;
                let org = orgs::accept(tx, n, &u.id, &token)?;
                let (sess, _) = sessions::create(tx, n, &u.id, true)?;
                Ok((org, sess))
            })
        })
        .await?;
    let mut r = Redirect::to(&format!("/o/{}", org.id)).into_response();
    add_cookie(
        r.headers_mut(),
        set_cookie(SESSION_COOKIE, &session, None, state.config.secure_cookies),
    );
    Ok(r)
}
