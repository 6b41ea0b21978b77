//! The fraud mail check in the browser (issue 15): any member checks a suspicious mail (an
//! .eml file or its pasted source) against the organisation's profile and gets the verdict,
//! the reasons and what to do in their language (`check`); only the verdict, score and signal
//! codes are recorded, never the mail. Owners keep the profile (`profile`), drafted from the
//! members (officer titles) and the suppliers hoshi already holds. The counts of the last year
//! are kept as evidence (`evidence`) for the training and incident-response criteria.

mod check;
mod evidence;
mod profile;
mod texts;

pub(crate) use texts::TEXTS;

use hoshi_store::orgs::Role;

use crate::kernel::routes::{Access, Routes};

pub(crate) fn routes() -> Routes {
    let viewer = Access::Member(Role::Viewer);
    let owner = Access::Member(Role::Owner);
    Routes::new()
        .get("/o/{org}/mail", viewer, check::page)
        .post("/o/{org}/mail/file", viewer, check::check_file)
        .post("/o/{org}/mail/source", viewer, check::check_source)
        .get(
            "/o/{org}/mail/evidence",
            Access::Member(Role::Editor),
            evidence::attach_page,
        )
        .post(
            "/o/{org}/mail/evidence",
            Access::Member(Role::Editor),
            evidence::attach,
        )
        .get("/o/{org}/mail/profile", owner, profile::profile_page)
        .post("/o/{org}/mail/profile", owner, profile::save)
}
