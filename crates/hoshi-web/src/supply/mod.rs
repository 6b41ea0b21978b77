//! Buyers and suppliers: the buyer's portfolio (cached per buyer), its CSV/Excel exports,
//! registering a supplier with the decision tree (one by one, or many from a CSV file or workbook:
//! [`bulk`]), one supplier's page with exactly what it shares, invitations and the supplier's
//! acceptance, and the supplier's sharing controls.
//!
//! Entry points: [`routes`]; the portfolio is [`portfolio::portfolio`] over
//! [`cache::load`].

pub(crate) mod bulk;
pub(crate) mod cache;
mod export;
pub(crate) mod invitations;
mod portfolio;
mod record;
mod register;
mod sharing;
pub(crate) mod supplier;
mod texts;

pub(crate) use texts::TEXTS;

use hoshi_store::orgs::Role;
use hoshi_store::supply::Scope;

use crate::kernel::i18n::Tr;

use crate::kernel::routes::{Access, Routes};

pub(crate) fn routes() -> Routes {
    let viewer = Access::Member(Role::Viewer);
    let editor = Access::Member(Role::Editor);
    let owner = Access::Member(Role::Owner);
    Routes::new()
        .get("/o/{org}/suppliers", viewer, portfolio::portfolio)
        .post("/o/{org}/suppliers", editor, register::register)
        .get("/o/{org}/suppliers/import", editor, bulk::import_page)
        .post("/o/{org}/suppliers/import", editor, bulk::upload)
        .post("/o/{org}/suppliers/import/confirm", editor, bulk::confirm)
        .get(
            "/o/{org}/suppliers/import/template.csv",
            editor,
            bulk::template_csv,
        )
        .get(
            "/o/{org}/suppliers/import/template.xlsx",
            editor,
            bulk::template_xlsx,
        )
        .get("/o/{org}/suppliers.csv", viewer, export::portfolio_csv)
        .get("/o/{org}/suppliers.xlsx", viewer, export::portfolio_xlsx)
        .get("/o/{org}/suppliers/{rel}", viewer, supplier::supplier_page)
        .get(
            "/o/{org}/suppliers/{rel}/evidence/{eid}",
            viewer,
            supplier::shared_evidence,
        )
        .post(
            "/o/{org}/suppliers/{rel}/edit",
            Access::Member(Role::Editor),
            record::edit,
        )
        .post(
            "/o/{org}/suppliers/{rel}/archive",
            Access::Member(Role::Editor),
            record::archive,
        )
        .post(
            "/o/{org}/suppliers/{rel}/cancel-invite",
            Access::Member(Role::Editor),
            record::cancel_invite,
        )
        .post(
            "/o/{org}/suppliers/{rel}/invite",
            editor,
            invitations::invite,
        )
        .get(
            "/supplier-invite/{token}",
            Access::Link,
            invitations::invite_page,
        )
        .post(
            "/supplier-invite/{token}",
            Access::Link,
            invitations::accept,
        )
        .get("/o/{org}/buyers", viewer, sharing::buyers_page)
        .post("/o/{org}/buyers/{rel}/share", owner, sharing::share)
        .post("/o/{org}/buyers/{rel}/revoke", owner, sharing::revoke)
}

/// What a share shows, as the user reads it.
pub(crate) fn scope_label<'a>(t: &Tr, scope: Scope) -> &'a str {
    t.s(match scope {
        Scope::Status => "scope_status",
        Scope::Summary => "scope_summary",
        Scope::Full => "scope_full",
    })
}
