//! The organisation's registers (issue 16): confidential information, external services,
//! connections to others' systems, partners with confidentiality agreements and incident roles.
//!
//! `overview`: the four registers with their counts, what needs attention and the criteria they
//! serve, beside the asset register and the account checks (shown there, not copied); `list`: one
//! register — its entries with what needs attention, the form to add one, the spreadsheet import
//! (all rows or none; a bad file is the page again naming row and column) and export, the
//! templates; `entry`: one entry's form, saved over the revision seen, and its removal; `attach`:
//! the register's export kept as evidence for its criteria through `evidence/choose.rs`.
//!
//! The columns and their check are `hoshi_xlsx::registers`' (the same for the form and the file);
//! `hoshi_store::registers` keeps the entries.

mod attach;
mod entry;
mod list;
mod overview;
mod texts;

pub(crate) use texts::TEXTS;

use hoshi_core::time::parse_date;
use hoshi_store::registers::Fields;
use hoshi_xlsx::registers::Kind;

use crate::kernel::prelude::*;

pub(crate) fn routes() -> Routes {
    let viewer = Access::Member(Role::Viewer);
    let editor = Access::Member(Role::Editor);
    Routes::new()
        .get("/o/{org}/registers", viewer, overview::overview)
        .get("/o/{org}/registers/{kind}", viewer, list::list_page)
        .post("/o/{org}/registers/{kind}", editor, list::create)
        .get(
            "/o/{org}/registers/{kind}/export.csv",
            viewer,
            list::export_csv,
        )
        .get(
            "/o/{org}/registers/{kind}/export.xlsx",
            viewer,
            list::export_xlsx,
        )
        .get(
            "/o/{org}/registers/{kind}/template.csv",
            viewer,
            list::template_csv,
        )
        .get(
            "/o/{org}/registers/{kind}/template.xlsx",
            viewer,
            list::template_xlsx,
        )
        .post("/o/{org}/registers/{kind}/import", editor, list::import)
        .get(
            "/o/{org}/registers/{kind}/evidence",
            editor,
            attach::attach_page,
        )
        .post("/o/{org}/registers/{kind}/evidence", editor, attach::attach)
        .get(
            "/o/{org}/registers/{kind}/{entry}",
            viewer,
            entry::entry_page,
        )
        .post("/o/{org}/registers/{kind}/{entry}", editor, entry::update)
        .post(
            "/o/{org}/registers/{kind}/{entry}/delete",
            editor,
            entry::delete,
        )
}

/// The register a path names; anything else is not found.
fn kind_of(code: &str) -> AppResult<Kind> {
    Kind::from_code(code).ok_or(AppError::NotFound)
}

/// The text key of a register's one-line description.
fn intro_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Confidential => "reg_intro_confidential",
        Kind::Services => "reg_intro_services",
        Kind::Connections => "reg_intro_connections",
        Kind::Partners => "reg_intro_partners",
    }
}

/// The text of a key chosen by the code above (intros, warnings, hints), written out so that
/// the text check sees every key used.
fn said(t: &Tr, key: &str) -> &'static str {
    match key {
        "reg_intro_confidential" => t.s("reg_intro_confidential"),
        "reg_intro_services" => t.s("reg_intro_services"),
        "reg_intro_connections" => t.s("reg_intro_connections"),
        "reg_intro_partners" => t.s("reg_intro_partners"),
        "reg_warn_no_nda" => t.s("reg_warn_no_nda"),
        "reg_warn_nda_expired" => t.s("reg_warn_nda_expired"),
        "reg_warn_nda_soon" => t.s("reg_warn_nda_soon"),
        "reg_warn_no_incident_role" => t.s("reg_warn_no_incident_role"),
        "reg_warn_no_requirements" => t.s("reg_warn_no_requirements"),
        "reg_warn_no_their_requirements" => t.s("reg_warn_no_their_requirements"),
        "reg_warn_no_owner" => t.s("reg_warn_no_owner"),
        "reg_warn_no_class" => t.s("reg_warn_no_class"),
        "reg_hint_recipients" => t.s("reg_hint_recipients"),
        "reg_hint_location" => t.s("reg_hint_location"),
        "reg_hint_requirements" => t.s("reg_hint_requirements"),
        "reg_hint_certifications" => t.s("reg_hint_certifications"),
        "reg_hint_method" => t.s("reg_hint_method"),
        "reg_hint_our_assets" => t.s("reg_hint_our_assets"),
        "reg_hint_incident_role" => t.s("reg_hint_incident_role"),
        "reg_hint_notify_hours" => t.s("reg_hint_notify_hours"),
        _ => "",
    }
}

/// Partners' agreements expiring within this many days are marked.
const EXPIRY_SOON_DAYS: i64 = 60;

fn days(date: &str) -> Option<i64> {
    let (y, m, d) = parse_date(date)?;
    Some(hoshi_core::time::days_from_civil(y, m, d))
}

/// What needs attention in an entry on `today`: (status class, text key).
fn attention(kind: Kind, f: &Fields, today: &str) -> Vec<(&'static str, &'static str)> {
    let has = |k: &str| f.get(k).is_some_and(|v| !v.is_empty());
    let mut out = Vec::new();
    match kind {
        Kind::Partners => {
            if f.get("nda").map(String::as_str) != Some("yes") {
                out.push(("s-not-met", "reg_warn_no_nda"));
            } else if let (Some(end), Some(now)) =
                (f.get("nda_expires").and_then(|d| days(d)), days(today))
            {
                if end < now {
                    out.push(("s-not-met", "reg_warn_nda_expired"));
                } else if end - now <= EXPIRY_SOON_DAYS {
                    out.push(("s-partial", "reg_warn_nda_soon"));
                }
            }
            if !has("incident_role") && !has("incident_contact") {
                out.push(("s-partial", "reg_warn_no_incident_role"));
            }
        }
        Kind::Services => {
            if !has("requirements") {
                out.push(("s-not-met", "reg_warn_no_requirements"));
            }
        }
        Kind::Connections => {
            if !has("requirements") {
                out.push(("s-partial", "reg_warn_no_their_requirements"));
            }
        }
        Kind::Confidential => {
            if !has("owner") {
                out.push(("s-partial", "reg_warn_no_owner"));
            }
            if !has("classification") {
                out.push(("s-partial", "reg_warn_no_class"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(pairs: &[(&str, &str)]) -> Fields {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect()
    }

    #[test]
    fn partners_without_a_valid_agreement_need_attention() {
        let today = "2026-12-03";
        let keys = |fields: &[(&str, &str)]| -> Vec<&str> {
            attention(Kind::Partners, &f(fields), today)
                .into_iter()
                .map(|(_, k)| k)
                .collect()
        };
        let role = ("incident_role", "報告");
        assert_eq!(keys(&[("nda", "no"), role]), ["reg_warn_no_nda"]);
        assert_eq!(keys(&[role]), ["reg_warn_no_nda"]);
        assert_eq!(
            keys(&[("nda", "yes"), ("nda_expires", "2026-12-02"), role]),
            ["reg_warn_nda_expired"]
        );
        assert_eq!(
            keys(&[("nda", "yes"), ("nda_expires", "2027-01-15"), role]),
            ["reg_warn_nda_soon"]
        );
        assert!(keys(&[("nda", "yes"), ("nda_expires", "2027-12-31"), role]).is_empty());
        assert_eq!(keys(&[("nda", "yes")]), ["reg_warn_no_incident_role"]);
        assert_eq!(
            attention(Kind::Services, &f(&[("name", "x")]), today)[0].1,
            "reg_warn_no_requirements"
        );
    }
}
