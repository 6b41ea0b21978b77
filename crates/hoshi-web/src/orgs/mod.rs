//! Organisations: creating one, its page (assessments, members, invitations, 法人番号), inviting
//! people by single-use link, and owners changing roles.
//!
//! Entry points: [`routes`]; the organisation page is [`org::org_page`].

mod invitations;
mod members;
pub(crate) mod org;
mod texts;

pub(crate) use org::render_org;
pub(crate) use texts::TEXTS;

use hoshi_store::orgs::Role;

use crate::kernel::routes::{Access, Routes};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .post("/orgs", Access::Account, org::create_org)
        .get("/o/{org}", Access::Member(Role::Viewer), org::org_page)
        .post(
            "/o/{org}/corporate-number",
            Access::Member(Role::Owner),
            org::set_corporate_number,
        )
        .post(
            "/o/{org}/invitations",
            Access::Member(Role::Owner),
            invitations::create_invitation,
        )
        .get("/invite/{token}", Access::Link, invitations::invite_form)
        .post("/invite/{token}", Access::Link, invitations::invite_accept)
        .post(
            "/o/{org}/members/{user}",
            Access::Member(Role::Owner),
            members::change_member,
        )
        .post(
            "/o/{org}/members/{user}/officer",
            Access::Member(Role::Owner),
            members::set_officer,
        )
}
