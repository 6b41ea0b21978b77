//! The asset register and patch evidence in the browser (issue 13): what the organisation runs
//! (`register`: the list, the spreadsheet import and export, the yearly review; `edit`: one
//! asset, its form and its software list), and the register checked against this server's
//! vulnerability data (`report`: a patch report kept as it was, worst first, per asset; `attach`:
//! the report as evidence for SCS 4-4-4-1 and 4-4-4-2 with the status it suggests). The register
//! itself is evidence for 3-1-1-1, 3-1-1-2 and 3-1-2-2: its export is attached the same way.
//!
//! The vulnerability data lives with the binary (`hoshi vulns db import` writes it into the data
//! directory); the web layer only sees it through [`VulnSource`].

mod attach;
mod edit;
mod from_scan;
mod inventory;
mod register;
mod reminder;
mod report;
mod texts;

pub use reminder::send_review_reminders;
pub(crate) use texts::TEXTS;

use hoshi_store::orgs::Role;
use hoshi_vulns::check::Finding;
use hoshi_vulns::sbom::Component;

use crate::kernel::routes::{Access, Routes};

/// The vulnerability data this server checks against.
pub trait VulnSource: Send + Sync {
    /// Checks `components` on `today` (`YYYY-MM-DD`): the findings and the data's snapshot, or
    /// `Ok(None)` when no data has been imported on this server.
    fn check(&self, components: &[Component], today: &str) -> Result<Option<Checked>, String>;
}

/// What a check found, and which data it used (in English and Japanese).
pub struct Checked {
    pub findings: Vec<Finding>,
    pub snapshot_en: String,
    pub snapshot_ja: String,
}

impl std::fmt::Debug for dyn VulnSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("dyn VulnSource")
    }
}

/// A server without vulnerability data: the register works, checks say how to import data.
pub struct NoVulnData;

impl VulnSource for NoVulnData {
    fn check(&self, _: &[Component], _: &str) -> Result<Option<Checked>, String> {
        Ok(None)
    }
}

pub(crate) fn routes() -> Routes {
    let viewer = Access::Member(Role::Viewer);
    let editor = Access::Member(Role::Editor);
    Routes::new()
        .get("/o/{org}/assets", viewer, register::register_page)
        .get("/o/{org}/assets/register.csv", viewer, register::export_csv)
        .get(
            "/o/{org}/assets/register.xlsx",
            viewer,
            register::export_xlsx,
        )
        .get(
            "/o/{org}/assets/template.csv",
            viewer,
            register::template_csv,
        )
        .get(
            "/o/{org}/assets/template.xlsx",
            viewer,
            register::template_xlsx,
        )
        .post("/o/{org}/assets/import", editor, register::import)
        .post("/o/{org}/assets/review", editor, register::review)
        .get("/o/{org}/assets/evidence", editor, attach::register_page)
        .post("/o/{org}/assets/evidence", editor, attach::attach_register)
        .post(
            "/o/{org}/assets/from-scan/{sid}",
            editor,
            from_scan::from_scan,
        )
        .get("/o/{org}/assets/new", editor, edit::new_page)
        .post("/o/{org}/assets", editor, edit::create)
        .get("/o/{org}/assets/{asset}", viewer, edit::asset_page)
        .post("/o/{org}/assets/{asset}", editor, edit::update)
        .post(
            "/o/{org}/assets/{asset}/delete",
            Access::Member(Role::Owner),
            edit::delete,
        )
        .post("/o/{org}/assets/{asset}/software", editor, edit::software)
        .post("/o/{org}/vulns", editor, report::run)
        .get("/o/{org}/vulns/{report}", viewer, report::report_page)
        .get(
            "/o/{org}/vulns/{report}/report.json",
            viewer,
            report::report_json,
        )
        .get(
            "/o/{org}/vulns/{report}/evidence",
            editor,
            attach::attach_page,
        )
        .post("/o/{org}/vulns/{report}/evidence", editor, attach::attach)
}
