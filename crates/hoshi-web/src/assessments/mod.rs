//! Self-assessments in the browser: starting one, the overview (verdict, chart, review state,
//! signed results), one category's criteria, saving an answer with optimistic concurrency, the gap
//! list and roadmap, the audited history, and the JSON/Excel exports and Excel import.
//!
//! Entry points: [`routes`]; the overview is [`overview::render_assessment`] (also used read-only
//! by the review feature), saving is [`answer::save_answer`].

mod answer;
pub(crate) mod category;
mod export;
mod history;
mod import;
pub(crate) mod overview;
mod plan;
mod texts;

pub(crate) use texts::TEXTS;

use hoshi_store::orgs::Role;

use crate::kernel::routes::{Access, Routes};

pub(crate) fn routes() -> Routes {
    let viewer = Access::Member(Role::Viewer);
    let editor = Access::Member(Role::Editor);
    Routes::new()
        .post("/o/{org}/assessments", editor, overview::create_assessment)
        .get("/o/{org}/a/{id}", viewer, overview::assessment_page)
        .get("/o/{org}/a/{id}/c/{cat}", viewer, category::category_page)
        .get("/o/{org}/a/{id}/table", viewer, category::table_page)
        .post("/o/{org}/a/{id}/answer/{crit}", editor, answer::save_answer)
        .post("/o/{org}/a/{id}/comments/{crit}", editor, category::reply)
        .post(
            "/o/{org}/a/{id}/c/{cat}/answers",
            editor,
            answer::save_category,
        )
        .post("/o/{org}/a/{id}/table/answers", editor, answer::save_table)
        .get("/o/{org}/a/{id}/gaps", viewer, plan::gaps_page)
        .get("/o/{org}/a/{id}/roadmap", viewer, plan::roadmap_page)
        .get("/o/{org}/a/{id}/history", viewer, history::history_page)
        .get("/o/{org}/a/{id}/export.json", viewer, export::export_json)
        .get("/o/{org}/a/{id}/export.xlsx", viewer, export::export_xlsx)
        .post("/o/{org}/a/{id}/import.xlsx", editor, import::import_xlsx)
}
