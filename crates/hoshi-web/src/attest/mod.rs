//! Signed results: the instance's signing keys, issuing and revoking attestations, the public
//! verification page and revocation list, the opt-in public register, and buyers' imports of
//! attestations issued by other hoshi instances.
//!
//! Entry points: [`routes`]; issuing is [`issue::issue`]; [`keys::Keystore`] holds the keys.

pub(crate) mod import;
mod issue;
pub mod keys;
mod register;
mod texts;
mod verify;

pub(crate) use texts::TEXTS;

use hoshi_store::orgs::Role;

use crate::kernel::routes::{Access, Routes};

pub(crate) fn routes() -> Routes {
    let viewer = Access::Member(Role::Viewer);
    let editor = Access::Member(Role::Editor);
    let owner = Access::Member(Role::Owner);
    Routes::new()
        .get(
            "/.well-known/hoshi-keys.json",
            Access::Public,
            keys::published_keys,
        )
        .get(
            "/.well-known/hoshi-revoked.json",
            Access::Public,
            issue::revoked_list,
        )
        .get("/verify", Access::Public, verify::verify_form)
        .post("/verify", Access::Public, verify::verify_upload)
        .post("/o/{org}/a/{id}/attest", owner, issue::issue)
        .get("/o/{org}/attestations/{att}", viewer, issue::download)
        .get(
            "/o/{org}/attestations/{att}/result.json",
            viewer,
            issue::result,
        )
        .get(
            "/o/{org}/attestations/{att}/report.pdf",
            viewer,
            issue::report_pdf,
        )
        .post("/o/{org}/attestations/{att}/revoke", owner, issue::revoke)
        .post(
            "/o/{org}/attestations/{att}/publish",
            owner,
            register::publish,
        )
        .get("/register", Access::Public, register::register_page)
        .get(
            "/register/{file}",
            Access::Public,
            register::register_download,
        )
        .post(
            "/o/{org}/suppliers/{rel}/attestations",
            editor,
            import::import,
        )
        .post(
            "/o/{org}/suppliers/{rel}/attestations/{att}/remove",
            editor,
            import::remove_imported,
        )
        .post(
            "/o/{org}/suppliers/{rel}/attestations/{att}/recheck",
            editor,
            import::recheck_imported,
        )
}
