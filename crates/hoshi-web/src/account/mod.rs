//! Accounts: the first administrator's set-up link, signing in and out (password, then the second
//! factor), MFA enrolment with recovery codes, the account page, the language switch, and personal
//! access tokens for the API.
//!
//! Entry points: [`routes`]; sign-in is [`login::login`] then [`login::mfa`].

mod home;
mod login;
mod mfa;
mod password;
mod settings;
mod setup;
mod texts;
mod tokens;

pub(crate) use home::render_home;
pub(crate) use texts::TEXTS;

use crate::kernel::routes::{Access, Routes};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/", Access::Account, home::home)
        .get("/setup/{token}", Access::Link, setup::setup_form)
        .post("/setup/{token}", Access::Link, setup::setup)
        .get("/login", Access::Public, login::login_form)
        .post("/login", Access::Public, login::login)
        .get("/login/mfa", Access::Password, login::mfa_form)
        .post("/login/mfa", Access::Password, login::mfa)
        .post("/logout", Access::Public, settings::logout)
        .post("/lang", Access::Public, settings::switch_lang)
        .get("/account", Access::Account, settings::account)
        .post(
            "/account/time-zone",
            Access::Account,
            settings::set_time_zone,
        )
        .get("/account/password", Access::Account, password::change_form)
        .post("/account/password", Access::Account, password::change)
        .get("/reset/{token}", Access::Link, password::reset_form)
        .post("/reset/{token}", Access::Link, password::reset)
        .get("/login/forgot", Access::Public, password::forgot)
        .post("/login/forgot", Access::Public, password::forgot_send)
        .get("/account/mfa", Access::Password, mfa::mfa_setup_form)
        .post("/account/mfa", Access::Password, mfa::mfa_setup)
        .get("/account/tokens", Access::Account, tokens::tokens_page)
        // The organisation comes with the form; the handler checks the membership.
        .post("/account/tokens", Access::Account, tokens::create_token)
        .post(
            "/account/tokens/{id}/revoke",
            Access::Account,
            tokens::revoke_token,
        )
}
