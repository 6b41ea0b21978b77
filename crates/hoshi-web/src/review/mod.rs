//! Expert confirmation (★3) and evaluation bodies (★4): the supplier invites an expert, submits
//! and declares; the expert accepts, reviews, returns or confirms; an organisation registers as an
//! evaluation body and records per-requirement results.
//!
//! Entry points: [`routes`]; the expert's page is [`page::review_page`], its actions
//! [`page::review_action`]. [`view`] is how a review is shown on other features' pages.

mod body;
mod expert;
mod page;
mod request;
mod texts;
pub(crate) mod view;

pub(crate) use texts::TEXTS;

use hoshi_store::orgs::Role;

use crate::kernel::routes::{Access, Routes};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .post(
            "/o/{org}/a/{id}/review/invite",
            Access::Member(Role::Editor),
            request::invite_expert,
        )
        .post(
            "/o/{org}/a/{id}/review/submit",
            Access::Member(Role::Editor),
            request::submit,
        )
        .post(
            "/o/{org}/a/{id}/review/withdraw",
            Access::Member(Role::Editor),
            request::withdraw,
        )
        .post(
            "/o/{org}/a/{id}/review/declare",
            Access::Member(Role::Viewer),
            request::declare,
        )
        .post(
            "/o/{org}/a/{id}/review/declare-recorded",
            Access::Member(Role::Owner),
            request::declare_recorded,
        )
        .post(
            "/o/{org}/evaluation-body",
            Access::Member(Role::Owner),
            body::register_body,
        )
        .get(
            "/expert-invite/{token}",
            Access::Link,
            expert::expert_invite_page,
        )
        .post(
            "/expert-invite/{token}",
            Access::Link,
            expert::expert_accept,
        )
        .get("/reviews", Access::Account, expert::reviews_page)
        .get("/reviews/{aid}", Access::Reviewer, page::review_page)
        .post("/reviews/{aid}", Access::Reviewer, page::review_action)
        .get(
            "/reviews/{aid}/evidence/{eid}",
            Access::Reviewer,
            page::expert_download,
        )
}
