//! Evidence: files judged by their content and stored by hash, links, the organisation's list,
//! and downloads (attachment only, sandboxed).
//!
//! Entry points: [`routes`]; [`files::send_file`] is the one way a stored file leaves hoshi (also
//! for experts and buyers, through their own features' checks).

pub(crate) mod choose;
pub(crate) mod files;
pub(crate) mod kept;
mod list;
mod texts;

pub(crate) use list::EvidenceView;

pub(crate) use texts::TEXTS;

use hoshi_store::orgs::Role;

use crate::kernel::routes::{Access, Routes};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .post(
            "/o/{org}/a/{id}/evidence/{crit}",
            Access::Member(Role::Editor),
            files::upload,
        )
        .post(
            "/o/{org}/a/{id}/evidence/{crit}/link",
            Access::Member(Role::Editor),
            files::link,
        )
        .get(
            "/o/{org}/evidence",
            Access::Member(Role::Viewer),
            list::evidence_page,
        )
        .get(
            "/o/{org}/evidence/{eid}/download",
            Access::Member(Role::Viewer),
            files::download,
        )
}
