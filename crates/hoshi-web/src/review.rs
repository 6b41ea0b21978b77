//! Expert confirmation and management declaration (pages and helpers).

use hoshi_store::Connection;
use hoshi_store::reviews::{self, Review};

use crate::i18n::Tr;

pub fn review_of(c: &Connection, assessment_id: &str) -> hoshi_store::Result<Option<Review>> {
    reviews::get(c, assessment_id)
}

/// The review status as shown to people, with expiry derived from the date.
pub fn status_label(t: &Tr, r: Option<&Review>, today: &str) -> String {
    let key = match r.map(|r| r.status.as_str()) {
        None | Some("draft") => "st_draft",
        Some("submitted") => "st_submitted",
        Some("in-review") => "st_in_review",
        Some("returned") => "st_returned",
        Some("confirmed")
            if r.and_then(|r| r.valid_until.as_deref())
                .is_some_and(|v| v < today) =>
        {
            "st_expired"
        }
        Some("confirmed") => "st_confirmed",
        Some(_) => "st_draft",
    };
    t.s(key).to_string()
}
