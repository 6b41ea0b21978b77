//! One incident or drill: the checklist, the timeline, notes, the report form with the deadlines
//! it gives, the notice drafts, closing.

use std::collections::HashMap;

use hoshi_core::UserError;
use hoshi_core::incident::notice::{self, Audience};
use hoshi_core::incident::{self, IncidentId, Phase, Report};
use hoshi_store::incidents as store;

use super::{Loaded, Outcome, chain_text, event_text, load, minutes};
use crate::kernel::prelude::*;
use crate::kernel::time::days_until;

pub(crate) struct StepV {
    pub(crate) code: String,
    pub(crate) text: String,
    pub(crate) done: bool,
    pub(crate) when: String,
}

pub(crate) struct PhaseV {
    pub(crate) label: &'static str,
    pub(crate) steps: Vec<StepV>,
}

pub(crate) struct EventV {
    seq: i64,
    at: String,
    who: String,
    what: String,
    detail: String,
    hash: String,
}

pub(crate) struct DeadlineV {
    pub(crate) label: String,
    pub(crate) when: String,
    pub(crate) left: String,
    pub(crate) class: &'static str,
}

pub(crate) struct NoticeV {
    code: &'static str,
    label: &'static str,
    text: String,
}

/// The report form's fields as shown (typed values after a problem).
#[derive(Default)]
pub(crate) struct ReportV {
    what_happened: String,
    systems: String,
    data: String,
    people: String,
    actions: String,
    contact: String,
    contract_hours: String,
    personal_data: bool,
    sensitive: bool,
    financial_harm: bool,
    wrongful_purpose: bool,
    strongly_encrypted: bool,
}

#[derive(Template)]
#[template(path = "incidents/incident.html")]
struct IncidentT {
    p: Page,
    org_id: String,
    org_name: String,
    can_edit: bool,
    is_editor: bool,
    id: String,
    title: String,
    kind_label: &'static str,
    drill: bool,
    closed: bool,
    scenario: &'static str,
    known: String,
    opened: String,
    closed_line: String,
    elapsed: String,
    progress: String,
    phases: Vec<PhaseV>,
    events: Vec<EventV>,
    chain_ok: bool,
    chain: String,
    r: ReportV,
    deadlines: Vec<DeadlineV>,
    no_duty: String,
    notices: Vec<NoticeV>,
    note: String,
    participants: String,
    outcome: String,
    fs: FormState,
}

/// The checklist by phase, with who ticked each step done and when.
pub(crate) fn phases(l: &Loaded, ctx_time: &dyn Fn(i64) -> String, lang: Lang) -> Vec<PhaseV> {
    let done = store::steps_done(&l.events);
    Phase::ALL
        .into_iter()
        .map(|ph| PhaseV {
            label: ph.label(lang),
            steps: incident::checklist(l.kind)
                .iter()
                .filter(|s| s.phase == ph)
                .map(|s| {
                    let is_done = done.iter().any(|d| d == s.code);
                    let when = l
                        .events
                        .iter()
                        .rev()
                        .find(|e| e.kind == "step_done" && e.body == s.code)
                        .filter(|_| is_done)
                        .map(|e| format!("{} · {}", ctx_time(e.at), e.actor_name))
                        .unwrap_or_default();
                    StepV {
                        code: s.code.to_string(),
                        text: s.text(lang).to_string(),
                        done: is_done,
                        when,
                    }
                })
                .collect(),
        })
        .collect()
}

/// The deadlines the report form gives: the PPC duties when personal data is involved, and the
/// contract's notice period. (`no_duty`: why there is none, when personal data is involved.)
pub(crate) fn deadlines(
    l: &Loaded,
    ctx_time: &dyn Fn(i64) -> String,
    lang: Lang,
) -> (Vec<DeadlineV>, String) {
    let t = Tr::new(lang);
    let mut out = Vec::new();
    let mut no_duty = String::new();
    let left = |date: &str| -> (String, &'static str) {
        match days_until(date) {
            Some(d) if d < 0 => (t.s("inc_overdue").to_string(), "s-not-met"),
            Some(0) => (t.s("inc_today").to_string(), "s-not-met"),
            Some(d) if d <= 3 => (
                t.s("inc_days_left").replace("{n}", &d.to_string()),
                "s-partial",
            ),
            Some(d) => (
                t.s("inc_days_left").replace("{n}", &d.to_string()),
                "s-unanswered",
            ),
            None => (String::new(), "s-unanswered"),
        }
    };
    if let Some(hours) = l.report.contract_hours {
        let due = incident::contract_due(l.inc.known_at, hours);
        let secs = due - now();
        let (text, class) = if secs < 0 {
            (t.s("inc_overdue").to_string(), "s-not-met")
        } else {
            (
                t.s("inc_hours_left")
                    .replace("{n}", &(secs / 3600).to_string()),
                "s-partial",
            )
        };
        out.push(DeadlineV {
            label: format!(
                "{} ({hours} {})",
                t.s("inc_contract_notice"),
                t.s("inc_hours")
            ),
            when: ctx_time(due),
            left: text,
            class,
        });
    }
    if let Some(facts) = l.report.leak_facts() {
        let known_on = hoshi_core::time::date_jst(l.inc.known_at);
        let duties = incident::duties(&facts, &known_on).unwrap_or_default();
        if duties.is_empty() {
            no_duty = t.s("inc_no_duty").to_string();
        }
        for d in duties {
            let label = match lang {
                Lang::Ja => d.ja.clone(),
                Lang::En => d.en.clone(),
            };
            let (when, (left, class)) = match (&d.from, &d.by) {
                (Some(from), Some(by)) => (format!("{from} – {by}"), left(by)),
                (None, Some(by)) => (by.clone(), left(by)),
                _ => (t.s("inc_promptly").to_string(), ("".into(), "s-partial")),
            };
            out.push(DeadlineV {
                label,
                when,
                left,
                class,
            });
        }
    }
    (out, no_duty)
}

fn report_view(r: &Report, fs: &FormState) -> ReportV {
    let sent = fs.form == "report";
    let v = |k: &str, d: &str| fs.value("report", k, d).to_string();
    let flag = |k: &str, d: bool| {
        if sent {
            fs.value("report", k, "") == "1"
        } else {
            d
        }
    };
    ReportV {
        what_happened: v("what_happened", &r.what_happened),
        systems: v("systems", &r.systems),
        data: v("data", &r.data),
        people: v(
            "people",
            &r.people.map(|n| n.to_string()).unwrap_or_default(),
        ),
        actions: v("actions", &r.actions),
        contact: v("contact", &r.contact),
        contract_hours: v(
            "contract_hours",
            &r.contract_hours.map(|n| n.to_string()).unwrap_or_default(),
        ),
        personal_data: flag("personal_data", r.personal_data),
        sensitive: flag("sensitive", r.sensitive),
        financial_harm: flag("financial_harm", r.financial_harm),
        wrongful_purpose: flag("wrongful_purpose", r.wrongful_purpose),
        strongly_encrypted: flag("strongly_encrypted", r.strongly_encrypted),
    }
}

async fn render(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    id: IncidentId,
    fs: FormState,
    flash: Option<&str>,
) -> AppResult<Response> {
    let l = load(state, m, id).await?;
    let t = ctx.t();
    let time = |s: i64| ctx.time(s);
    let phases = phases(&l, &time, ctx.lang);
    let total: usize = phases.iter().map(|p| p.steps.len()).sum();
    let done: usize = phases
        .iter()
        .map(|p| p.steps.iter().filter(|s| s.done).count())
        .sum();
    let (deadlines, no_duty) = deadlines(&l, &time, ctx.lang);
    let (chain_ok, chain) = chain_text(&l.chain, ctx.lang);
    let facts = notice::Facts {
        org: &m.org.name,
        kind: l.kind,
        known_at: l.inc.known_at,
        drill: l.inc.drill,
        report: &l.report,
    };
    let notices = Audience::ALL
        .into_iter()
        .map(|a| NoticeV {
            code: a.code(),
            label: a.label(ctx.lang),
            text: notice::draft(a, &facts, ctx.lang),
        })
        .collect();
    let events = l
        .events
        .iter()
        .map(|e| {
            let (what, detail) = event_text(e, l.kind, ctx.lang);
            EventV {
                seq: e.seq,
                at: ctx.time(e.at),
                who: e.actor_name.clone(),
                what,
                detail,
                hash: e.hash.chars().take(12).collect(),
            }
        })
        .collect();
    let mut p = Page::new(ctx, "incidents_title").flash(flash.map(|k| match k {
        "saved" => "inc_saved",
        "attached" => "inc_attached",
        _ => "inc_recorded",
    }));
    p.title = format!("{} — {}", l.inc.title, m.org.name);
    Ok(html(IncidentT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        can_edit: m.role >= Role::Editor && !l.inc.closed,
        is_editor: m.role >= Role::Editor,
        id: l.inc.id.clone(),
        title: l.inc.title.clone(),
        kind_label: l.kind.label(ctx.lang),
        drill: l.inc.drill,
        closed: l.inc.closed,
        scenario: l.kind.scenario(ctx.lang),
        known: ctx.time(l.inc.known_at),
        opened: format!("{} · {}", ctx.time(l.inc.opened_at), l.inc.opened_by_name),
        closed_line: match (&l.inc.closed_by_name, l.inc.closed_at) {
            (Some(by), Some(at)) => format!("{} · {by}", ctx.time(at)),
            _ => String::new(),
        },
        elapsed: format!("{} {}", minutes(&l.inc, now()), t.s("inc_minutes")),
        progress: format!("{done} / {total}"),
        phases,
        events,
        chain_ok,
        chain,
        r: report_view(&l.report, &fs),
        deadlines,
        no_duty,
        notices,
        note: fs.value("note", "body", "").to_string(),
        participants: fs
            .value("close", "participants", &l.report.participants)
            .to_string(),
        outcome: fs.value("close", "outcome", "").to_string(),
        fs,
    }))
}

/// `GET /o/{org}/incidents/{incident}`
pub async fn incident_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, IncidentId)>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let flash = ["saved", "attached", "recorded"]
        .into_iter()
        .find(|k| q.contains_key(*k));
    render(&state, &ctx, &m, id, FormState::default(), flash).await
}

fn back(org: &str, id: IncidentId, anchor: &str, flash: &str) -> Response {
    Redirect::to(&format!(
        "/o/{org}/incidents/{id}?{flash}=1#{anchor}",
        id = id.as_str()
    ))
    .into_response()
}

/// Appends one event (note, tick, untick, drafted notice) as the signed-in member.
async fn append(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    id: IncidentId,
    kind: &'static str,
    body: String,
) -> AppResult<()> {
    let uid = ctx.user()?.0.id.clone();
    let (org, id) = (m.org.id.clone(), id.as_str().to_string());
    state
        .db(move |s| s.write(|tx| store::append(tx, now(), &uid, &org, &id, kind, &body)))
        .await?;
    Ok(())
}

#[derive(Deserialize, Default)]
pub struct StepForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    code: String,
    /// `1`: done; anything else: not done.
    #[serde(default)]
    done: String,
}

/// `POST /o/{org}/incidents/{incident}/step` — ticks or unticks a step of the checklist.
pub async fn step(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, IncidentId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, StepForm>,
) -> AppResult<Response> {
    let l = load(&state, &m, id).await?;
    let Some(step) = incident::step(l.kind, &f.code) else {
        return Err(AppError::BadRequest(UserError::BadRequest));
    };
    let kind = if f.done == "1" {
        "step_done"
    } else {
        "step_undone"
    };
    append(&state, &ctx, &m, id, kind, step.code.to_string()).await?;
    Ok(back(
        &m.org.id,
        id,
        &format!("step-{}", step.code),
        "recorded",
    ))
}

#[derive(Deserialize, Default)]
pub struct NoteForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    body: String,
}

const NOTE_MAX: usize = 4000;

/// `POST /o/{org}/incidents/{incident}/note`
pub async fn note(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, IncidentId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, NoteForm>,
) -> AppResult<Response> {
    let t = ctx.t();
    let body = f.body.trim().replace("\r\n", "\n");
    let fs = FormState::new("note", &[("body", &f.body)]);
    let problem = if body.is_empty() {
        Some(t.s("inc_err_note"))
    } else if body.chars().count() > NOTE_MAX {
        Some(t.s("inc_err_note_long"))
    } else {
        None
    };
    if let Some(k) = problem {
        let fs = fs.message(Some("body"), k.to_string());
        return Ok(unprocessable(render(&state, &ctx, &m, id, fs, None).await?));
    }
    append(&state, &ctx, &m, id, "note", body).await?;
    Ok(back(&m.org.id, id, "timeline", "recorded"))
}

#[derive(Deserialize, Default)]
pub struct NoticeForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    audience: String,
}

/// `POST /o/{org}/incidents/{incident}/notice` — records on the timeline that a notice was
/// prepared, with the draft's text as it stood.
pub async fn notice(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, IncidentId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, NoticeForm>,
) -> AppResult<Response> {
    let Some(a) = Audience::ALL.into_iter().find(|a| a.code() == f.audience) else {
        return Err(AppError::BadRequest(UserError::BadRequest));
    };
    let l = load(&state, &m, id).await?;
    let facts = notice::Facts {
        org: &m.org.name,
        kind: l.kind,
        known_at: l.inc.known_at,
        drill: l.inc.drill,
        report: &l.report,
    };
    let body = format!("{}\n{}", a.code(), notice::draft(a, &facts, ctx.lang));
    append(&state, &ctx, &m, id, "notice_drafted", body).await?;
    Ok(back(&m.org.id, id, "notices", "recorded"))
}

#[derive(Deserialize, Default)]
pub struct ReportForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    what_happened: String,
    #[serde(default)]
    systems: String,
    #[serde(default)]
    data: String,
    #[serde(default)]
    people: String,
    #[serde(default)]
    actions: String,
    #[serde(default)]
    contact: String,
    #[serde(default)]
    contract_hours: String,
    #[serde(default)]
    personal_data: String,
    #[serde(default)]
    sensitive: String,
    #[serde(default)]
    financial_harm: String,
    #[serde(default)]
    wrongful_purpose: String,
    #[serde(default)]
    strongly_encrypted: String,
}

/// The form read into a report, or the page's problems (each beside its field).
fn read_report(
    f: &ReportForm,
    keep: &Report,
    t: Tr,
    mut fs: FormState,
) -> Result<Report, FormState> {
    let text = |v: &str| v.trim().replace("\r\n", "\n");
    for (field, v, max) in [
        ("what_happened", &f.what_happened, 4000),
        ("systems", &f.systems, 1000),
        ("data", &f.data, 1000),
        ("actions", &f.actions, 4000),
        ("contact", &f.contact, 500),
    ] {
        if v.chars().count() > max {
            fs = fs.message(Some(field), format!("{} ({max})", t.s("inc_err_too_long")));
        }
    }
    let people = match f.people.trim() {
        "" => None,
        v => match v.replace([',', '，'], "").parse::<u64>() {
            Ok(n) if n <= 1_000_000_000 => Some(n),
            _ => {
                fs = fs.message(Some("people"), t.s("inc_err_people").to_string());
                None
            }
        },
    };
    let contract_hours = match f.contract_hours.trim() {
        "" => None,
        v => match v.parse::<u32>() {
            Ok(n) if (1..=720).contains(&n) => Some(n),
            _ => {
                fs = fs.message(Some("contract_hours"), t.s("inc_err_hours").to_string());
                None
            }
        },
    };
    if !fs.is_empty() {
        return Err(fs);
    }
    Ok(Report {
        what_happened: text(&f.what_happened),
        systems: text(&f.systems),
        data: text(&f.data),
        people,
        actions: text(&f.actions),
        contact: text(&f.contact),
        personal_data: f.personal_data == "1",
        sensitive: f.sensitive == "1",
        financial_harm: f.financial_harm == "1",
        wrongful_purpose: f.wrongful_purpose == "1",
        strongly_encrypted: f.strongly_encrypted == "1",
        contract_hours,
        participants: keep.participants.clone(),
    })
}

/// `POST /o/{org}/incidents/{incident}/report`
pub async fn report(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, IncidentId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, ReportForm>,
) -> AppResult<Response> {
    let fs = FormState::new(
        "report",
        &[
            ("what_happened", &f.what_happened),
            ("systems", &f.systems),
            ("data", &f.data),
            ("people", &f.people),
            ("actions", &f.actions),
            ("contact", &f.contact),
            ("contract_hours", &f.contract_hours),
            ("personal_data", &f.personal_data),
            ("sensitive", &f.sensitive),
            ("financial_harm", &f.financial_harm),
            ("wrongful_purpose", &f.wrongful_purpose),
            ("strongly_encrypted", &f.strongly_encrypted),
        ],
    );
    let l = load(&state, &m, id).await?;
    let r = match read_report(&f, &l.report, ctx.t(), fs) {
        Ok(r) => r,
        Err(fs) => return Ok(unprocessable(render(&state, &ctx, &m, id, fs, None).await?)),
    };
    let json = serde_json::to_string(&r).map_err(|e| AppError::Internal(e.to_string()))?;
    let uid = ctx.user()?.0.id.clone();
    let (org, iid) = (m.org.id.clone(), id.as_str().to_string());
    state
        .db(move |s| s.write(|tx| store::save_report(tx, now(), &uid, &org, &iid, &json)))
        .await?;
    Ok(back(&m.org.id, id, "report", "saved"))
}

#[derive(Deserialize, Default)]
pub struct CloseForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    participants: String,
    #[serde(default)]
    outcome: String,
}

/// `POST /o/{org}/incidents/{incident}/close` — closes an incident or ends a drill (its length
/// in minutes and who took part, which a drill must name).
pub async fn close(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, IncidentId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, CloseForm>,
) -> AppResult<Response> {
    let t = ctx.t();
    let l = load(&state, &m, id).await?;
    let participants = f.participants.trim().to_string();
    let outcome = f.outcome.trim().replace("\r\n", "\n");
    let mut fs = FormState::new(
        "close",
        &[("participants", &f.participants), ("outcome", &f.outcome)],
    );
    if l.inc.drill && participants.is_empty() {
        fs = fs.message(
            Some("participants"),
            t.s("inc_err_participants").to_string(),
        );
    }
    if participants.chars().count() > 1000 || outcome.chars().count() > 4000 {
        let field = if participants.chars().count() > 1000 {
            "participants"
        } else {
            "outcome"
        };
        fs = fs.message(Some(field), t.s("inc_err_too_long").to_string());
    }
    if !fs.is_empty() {
        return Ok(unprocessable(render(&state, &ctx, &m, id, fs, None).await?));
    }
    let n = now();
    let body = serde_json::to_string(&Outcome {
        minutes: l.inc.drill.then(|| minutes(&l.inc, n)),
        participants: participants.clone(),
        outcome,
    })
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let report = (!participants.is_empty() && participants != l.report.participants)
        .then(|| {
            serde_json::to_string(&Report {
                participants,
                ..l.report.clone()
            })
        })
        .transpose()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let uid = ctx.user()?.0.id.clone();
    let (org, iid) = (m.org.id.clone(), id.as_str().to_string());
    state
        .db(move |s| s.write(|tx| store::close(tx, n, &uid, &org, &iid, &body, report.as_deref())))
        .await?;
    Ok(back(&m.org.id, id, "timeline", "recorded"))
}
