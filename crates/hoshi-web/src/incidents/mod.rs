//! The incident kit (issue 16): incident records with a guided first-24-hours checklist per type,
//! a hash-chained timeline, the legal and contractual deadlines, drafts of the notices; tabletop
//! drills from the same scenarios, timed, with their record kept as evidence.
//!
//! - `list`: the organisation's incidents and drills (open first), opening an incident (type,
//!   title, when the company learned of it — Japan time, now by default) and starting a drill
//!   (the clock starts when it is started).
//! - `page`: one incident: the checklist by phase (each tick or untick is a timeline event with
//!   its time and who), the timeline with its chain's state, notes, the report form (what
//!   happened, systems, data, people, the leak facts, a contractual notice period) → the duties
//!   of `hoshi_core::incident::duties` with dates and days left, the notice drafts of
//!   `hoshi_core::incident::notice` (recording that one was prepared puts its text on the
//!   timeline), closing (a drill: its length and participants).
//! - `record`: the incident's or drill's record as one self-contained, printable page
//!   (`hoshi_core::html`), downloaded or kept as evidence through `evidence::choose` — a drill for
//!   4-2-2-1/4-2-2-2 (training with a record of content, method, date and attendees) and
//!   6-1-1-4 (the set-up exercised), an incident for 6-1-1-1 (handled in the five phases) and
//!   6-1-1-5 (a report in a fixed form). It suggests no status: whether a drill covers everyone
//!   or the yearly check is for the member to judge, so each answer is kept as it is unless the
//!   member sets it.
//!
//! Viewers read everything; editors act. Everything entered is the organisation's own and is
//! escaped wherever shown; a closed incident's record is final (the store refuses more events).

mod list;
mod page;
mod record;
mod texts;

pub(crate) use texts::TEXTS;

use hoshi_core::incident::{IncidentId, Kind, Report};
use hoshi_store::incidents::{self, Event, Incident, Verification};

use crate::kernel::prelude::*;

pub(crate) fn routes() -> Routes {
    let viewer = Access::Member(Role::Viewer);
    let editor = Access::Member(Role::Editor);
    Routes::new()
        .get("/o/{org}/incidents", viewer, list::list_page)
        .post("/o/{org}/incidents", editor, list::open)
        .get("/o/{org}/incidents/{incident}", viewer, page::incident_page)
        .post("/o/{org}/incidents/{incident}/step", editor, page::step)
        .post("/o/{org}/incidents/{incident}/note", editor, page::note)
        .post("/o/{org}/incidents/{incident}/report", editor, page::report)
        .post("/o/{org}/incidents/{incident}/notice", editor, page::notice)
        .post("/o/{org}/incidents/{incident}/close", editor, page::close)
        .get(
            "/o/{org}/incidents/{incident}/record.html",
            viewer,
            record::download,
        )
        .get(
            "/o/{org}/incidents/{incident}/evidence",
            editor,
            record::attach_page,
        )
        .post(
            "/o/{org}/incidents/{incident}/evidence",
            editor,
            record::attach,
        )
}

/// An incident with its timeline and the chain's state, read in one snapshot.
pub(crate) struct Loaded {
    pub inc: Incident,
    pub events: Vec<Event>,
    pub chain: Verification,
    pub kind: Kind,
    pub report: Report,
}

pub(crate) async fn load(
    state: &Shared,
    m: &hoshi_store::orgs::Membership,
    id: IncidentId,
) -> AppResult<Loaded> {
    let (scope, id) = (m.scope().clone(), id.as_str().to_string());
    let (inc, events, chain) = state
        .db(move |s| {
            s.read(|c| {
                Ok((
                    incidents::get(c, &scope, &id)?,
                    incidents::events(c, &scope, &id)?,
                    incidents::verify(c, &scope, &id)?,
                ))
            })
        })
        .await?;
    let kind = Kind::parse(&inc.kind).unwrap_or(Kind::Other);
    // A report this version cannot read (never written by it) shows as empty, not as an error.
    let report = serde_json::from_str(&inc.report).unwrap_or_default();
    Ok(Loaded {
        inc,
        events,
        chain,
        kind,
        report,
    })
}

/// A drill's length in whole minutes: from its start to its end, or to `now` while it runs.
pub(crate) fn minutes(inc: &Incident, now: i64) -> i64 {
    (inc.closed_at.unwrap_or(now) - inc.opened_at).max(0) / 60
}

/// What a `closed` / `drill_ended` event keeps (its text is this as JSON).
#[derive(serde::Serialize, serde::Deserialize, Default)]
#[serde(default)]
pub(crate) struct Outcome {
    pub minutes: Option<i64>,
    pub participants: String,
    pub outcome: String,
}

/// The timeline's state in the reader's language.
pub(crate) fn chain_text(v: &Verification, lang: Lang) -> (bool, String) {
    let t = Tr::new(lang);
    match &v.first_broken {
        None => (
            true,
            t.s("inc_chain_ok").replace("{n}", &v.events.to_string()),
        ),
        Some((seq, why)) => (
            false,
            format!("{} {seq}: {}", t.s("inc_chain_broken"), why.reason(lang)),
        ),
    }
}

/// One event of the timeline as the reader sees it: (what, detail).
pub(crate) fn event_text(e: &Event, kind: Kind, lang: Lang) -> (String, String) {
    let t = Tr::new(lang);
    let what = t
        .s(match e.kind.as_str() {
            "opened" => "inc_ev_opened",
            "note" => "inc_ev_note",
            "step_done" => "inc_ev_step_done",
            "step_undone" => "inc_ev_step_undone",
            "facts_changed" => "inc_ev_facts_changed",
            "notice_drafted" => "inc_ev_notice_drafted",
            "closed" => "inc_ev_closed",
            "drill_started" => "inc_ev_drill_started",
            _ => "inc_ev_drill_ended",
        })
        .to_string();
    let detail = match e.kind.as_str() {
        "step_done" | "step_undone" => hoshi_core::incident::step(kind, &e.body)
            .map_or_else(|| e.body.clone(), |s| s.text(lang).to_string()),
        "facts_changed" => String::new(),
        "notice_drafted" => {
            let (code, _) = e.body.split_once('\n').unwrap_or((e.body.as_str(), ""));
            hoshi_core::incident::notice::Audience::ALL
                .into_iter()
                .find(|a| a.code() == code)
                .map_or_else(|| code.to_string(), |a| a.label(lang).to_string())
        }
        "closed" | "drill_ended" => outcome_text(&e.body, lang),
        _ => e.body.clone(),
    };
    (what, detail)
}

/// A closing event's text: its length, participants and outcome in the reader's language.
pub(crate) fn outcome_text(body: &str, lang: Lang) -> String {
    let t = Tr::new(lang);
    let o: Outcome = serde_json::from_str(body).unwrap_or_default();
    let mut parts = Vec::new();
    if let Some(m) = o.minutes {
        parts.push(format!(
            "{}: {m} {}",
            t.s("inc_elapsed"),
            t.s("inc_minutes")
        ));
    }
    if !o.participants.is_empty() {
        parts.push(format!("{}: {}", t.s("inc_participants"), o.participants));
    }
    if !o.outcome.is_empty() {
        parts.push(o.outcome);
    }
    parts.join(" / ")
}
