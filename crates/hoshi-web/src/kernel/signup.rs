//! Signing up through a link: the set-up link, organisation, supplier and expert invitations
//! all take the same fields and rules.

use hoshi_core::UserError;
use hoshi_store::users::{self};

use crate::kernel::auth::password_problems;
use crate::kernel::ctx::Ctx;
use crate::kernel::prelude::*;

#[derive(Deserialize)]
pub struct SignupForm {
    #[serde(default)]
    pub _csrf: String,
    #[serde(default)]
    pub display_name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub password2: String,
}

fn valid_email(e: &str) -> bool {
    let e = e.trim();
    let Some((local, domain)) = e.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && e.len() <= 254
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !e.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The fields of any sign-up form.
pub struct SignupCheck<'a> {
    pub display_name: &'a str,
    pub email: &'a str,
    pub password: &'a str,
    pub password2: &'a str,
}

/// Checks a sign-up form: the form's state with every problem beside its field (no problems when
/// fine). Passwords are never put back into the form.
pub fn signup_problems(t: &Tr, f: &SignupForm) -> FormState {
    signup_errors(&SignupCheck {
        display_name: &f.display_name,
        email: &f.email,
        password: &f.password,
        password2: &f.password2,
    })
    .iter()
    .fold(
        FormState::new(
            "signup",
            &[("display_name", &f.display_name), ("email", &f.email)],
        ),
        |fs, e| fs.problem(e, t.lang),
    )
}

/// Adds the sign-up problems of `check` to `fs` when the visitor is not signed in (a signed-in
/// user accepts as themselves and types no account fields).
pub fn visitor_problems(fs: FormState, ctx: &Ctx, check: &SignupCheck) -> FormState {
    if ctx.user().is_ok() {
        return fs;
    }
    signup_errors(check)
        .iter()
        .fold(fs, |fs, e| fs.problem(e, ctx.lang))
}

/// Who acts on a single-use link (supplier or expert invitation): the signed-in user (the form's
/// CSRF token checked), or a visitor who signs up on the link's page (the pre-session token
/// checked, then [`signup_through_link`]). Returns (user id, new session token if one was made).
pub async fn user_or_signup(
    state: &Shared,
    ctx: &Ctx,
    csrf: &str,
    f: SignupCheck<'_>,
    link_valid: impl FnOnce(&hoshi_store::ReadTx) -> hoshi_store::Result<()> + Send + 'static,
) -> AppResult<(String, Option<String>)> {
    if let Ok((u, _)) = ctx.user() {
        ctx.check_csrf(csrf)?;
        return Ok((u.id.clone(), None));
    }
    ctx.check_pre(csrf)?;
    let (uid, session) = signup_through_link(state, ctx, f, link_valid).await?;
    Ok((uid, Some(session)))
}

/// Creates an account for someone arriving through a single-use link (supplier or expert
/// invitation) and a signed-in session: the form is checked, the e-mail must be free, the password
/// is hashed off the async threads, and `link_valid` re-checks the link in the same transaction
/// that creates the user. Returns (user id, session token).
async fn signup_through_link(
    state: &Shared,
    ctx: &Ctx,
    f: SignupCheck<'_>,
    link_valid: impl FnOnce(&hoshi_store::ReadTx) -> hoshi_store::Result<()> + Send + 'static,
) -> AppResult<(String, String)> {
    if let Some(e) = signup_errors(&f).into_iter().next() {
        return Err(AppError::BadRequest(e));
    }
    // Whether an address has an account shows here to whoever holds a valid invitation link:
    // asking counts like a sign-in attempt from this address, so addresses cannot be tried in bulk.
    if !state.allow_attempt(&ctx.client).await? {
        return Err(AppError::TooMany);
    }
    let email = f.email.to_string();
    if state
        .db(move |s| s.read(|c| users::by_email(c, &email)))
        .await?
        .is_some()
    {
        return Err(AppError::BadRequest(UserError::EmailTaken));
    }
    let hash = state.hash_password(f.password.to_string()).await?;
    let (name, email, lang) = (
        f.display_name.to_string(),
        f.email.to_string(),
        ctx.lang.code().to_string(),
    );
    state
        .db(move |s| {
            s.write(|tx| {
                link_valid(tx)?;
                let u = users::create(
                    tx,
                    now(),
                    None,
                    users::NewUser {
                        email: &email,
                        display_name: &name,
                        password_hash: &hash,
                        is_admin: false,
                        lang: &lang,
                    },
                )?;
                let (session, _) = hoshi_store::sessions::create(tx, now(), &u.id, true)?;
                Ok((u.id, session))
            })
        })
        .await
}

/// Checks sign-up fields; returns the error messages (empty when fine).
pub fn signup_errors(f: &SignupCheck) -> Vec<UserError> {
    let mut errors = Vec::new();
    let name = f.display_name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        errors.push(UserError::NameRequired);
    }
    if !valid_email(f.email) {
        errors.push(UserError::EmailInvalid);
    }
    for p in password_problems(f.password, f.email, name) {
        errors.push(UserError::Password(p));
    }
    if f.password != f.password2 {
        errors.push(UserError::PasswordMismatch);
    }
    errors
}

/// The sign-up page: the set-up link and organisation invitations show it (again, with the
/// problems, when a field is wrong).
#[derive(Template)]
#[template(path = "signup.html")]
pub struct SignupPage {
    pub p: Page,
    pub heading: String,
    pub intro: String,
    pub button: String,
    pub action: String,
    pub pre: String,
    /// The form shown again with its problems.
    pub fs: FormState,
    pub display_name: String,
    pub email: String,
}
