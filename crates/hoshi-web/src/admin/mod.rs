//! Administration of the instance: the list of accounts, and what an administrator does for a
//! person who is stuck (a reset link for a forgotten password, a reset of a lost second factor)
//! or who should no longer get in (disable, enable); the catalogs, with the import of IPA's
//! official workbook in the browser ([`catalogs`]).
//!
//! Entry points: [`routes`]; the page is [`users::users_page`], the actions [`users::user_action`].

mod catalogs;
mod texts;
mod users;

pub(crate) use texts::TEXTS;

use crate::kernel::routes::{Access, Routes};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/admin/users", Access::Admin, users::users_page)
        .post("/admin/users/{user}", Access::Admin, users::user_action)
        .get("/admin/catalogs", Access::Admin, catalogs::catalogs_page)
        .post("/admin/catalogs", Access::Admin, catalogs::import_catalog)
}
