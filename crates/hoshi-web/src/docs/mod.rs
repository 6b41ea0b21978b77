//! The organisation's documents (issue 16): the policy, rules and procedures ★3 asks a company
//! to write, drafted by `hoshi-docs` from what hoshi knows (the organisation, its members and
//! officers, the asset register, the backup repositories and their restore procedures, the
//! buyers) and from the answers kept on the "information for documents" page (`inputs`:
//! contacts, chosen rules, prefecture, ministry, insurer, services, partners).
//!
//! A document's life (`doc`, `edit`): editors draft it and save versions section by section
//! (each save a new version with its author and note; a save from an older version is refused,
//! never merged); an owner approves the newest version once no `〔未設定：…〕` place is left,
//! and publishes it with its effective date; every member can read the version in force and,
//! for the rules that must be made known to everyone, confirm that they read it. Drafts are
//! shown to editors and owners only. Exports (`export`): DOCX and PDF of any version an
//! allowed reader can see, and the published version's PDF kept as evidence for the criteria
//! the document serves.

mod doc;
mod edit;
mod export;
mod inputs;
mod list;
mod texts;

pub(crate) use texts::TEXTS;

/// A document's language in words, for pages outside this feature (a buyer's view).
pub(crate) fn lang_name(code: &str, t: &crate::kernel::i18n::Tr) -> &'static str {
    list::lang_label(code, t)
}

use hoshi_store::orgs::Role;

use crate::kernel::routes::{Access, Routes};

pub(crate) fn routes() -> Routes {
    let viewer = Access::Member(Role::Viewer);
    let editor = Access::Member(Role::Editor);
    let owner = Access::Member(Role::Owner);
    Routes::new()
        .get("/o/{org}/docs", viewer, list::page)
        .post("/o/{org}/docs", editor, list::create)
        .get("/o/{org}/docs/inputs", editor, inputs::page)
        .post("/o/{org}/docs/inputs", editor, inputs::save)
        .get("/o/{org}/docs/{doc}", viewer, doc::page)
        .get("/o/{org}/docs/{doc}/edit", editor, edit::page)
        .post("/o/{org}/docs/{doc}/edit", editor, edit::save)
        .post("/o/{org}/docs/{doc}/redraft", editor, edit::redraft)
        .post("/o/{org}/docs/{doc}/approve", owner, doc::approve)
        .post("/o/{org}/docs/{doc}/publish", owner, doc::publish)
        .post("/o/{org}/docs/{doc}/read", viewer, doc::confirm_read)
        .get("/o/{org}/docs/{doc}/docx", viewer, export::docx)
        .get("/o/{org}/docs/{doc}/pdf", viewer, export::pdf)
        .get("/o/{org}/docs/{doc}/evidence", editor, export::attach_page)
        .post("/o/{org}/docs/{doc}/evidence", editor, export::attach)
}
