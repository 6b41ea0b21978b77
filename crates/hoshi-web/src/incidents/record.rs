//! An incident's or drill's record as one self-contained, printable page (over
//! `hoshi_core::html`): what it was, when it was learned of, opened and closed (a drill: its
//! length and participants), the checklist by phase with who did each step and when, the report
//! form, the deadlines, and the whole timeline with each event's hash and the chain's state —
//! downloaded, or kept as evidence through `evidence::choose`.

use hoshi_core::incident::IncidentId;
use hoshi_core::text::escape_html as e;

use super::page::{deadlines, phases};
use super::{Loaded, chain_text, event_text, load, minutes};
use crate::evidence::choose::{self, Spec, Suggestion};
use crate::evidence::kept::KeptFile;
use crate::kernel::prelude::*;

fn row(label: &str, v: &str) -> String {
    format!(
        "<tr><th>{}</th><td>{}</td></tr>\n",
        e(label),
        if v.is_empty() {
            "—".to_string()
        } else {
            e(v).replace('\n', "<br>")
        }
    )
}

fn summary(l: &Loaded, org: &str, t: &Tr, lang: Lang) -> String {
    let r = &l.report;
    let mut s = String::from("<table>\n");
    s += &row(t.s("inc_org"), org);
    s += &row(t.s("inc_kind"), l.kind.label(lang));
    if !l.inc.drill {
        s += &row(
            t.s("inc_known_at"),
            &hoshi_core::time::minutes_jst(l.inc.known_at),
        );
    }
    s += &row(
        t.s("inc_opened"),
        &format!(
            "{} · {}",
            hoshi_core::time::minutes_jst(l.inc.opened_at),
            l.inc.opened_by_name
        ),
    );
    if let (Some(at), Some(by)) = (l.inc.closed_at, &l.inc.closed_by_name) {
        s += &row(
            t.s("inc_closed"),
            &format!("{} · {by}", hoshi_core::time::minutes_jst(at)),
        );
    }
    if l.inc.drill {
        s += &row(t.s("inc_scenario"), l.kind.scenario(lang));
        s += &row(
            t.s("inc_elapsed"),
            &format!("{} {}", minutes(&l.inc, now()), t.s("inc_minutes")),
        );
        s += &row(t.s("inc_participants"), &r.participants);
    }
    // The closing event's outcome and lessons.
    if let Some(end) = l
        .events
        .iter()
        .rev()
        .find(|e| e.kind == "closed" || e.kind == "drill_ended")
    {
        let o: super::Outcome = serde_json::from_str(&end.body).unwrap_or_default();
        s += &row(t.s("inc_outcome"), &o.outcome);
    }
    s += &row(t.s("inc_what_happened"), &r.what_happened);
    s += &row(t.s("inc_systems"), &r.systems);
    s += &row(t.s("inc_data"), &r.data);
    s += &row(
        t.s("inc_people"),
        &r.people.map(|n| n.to_string()).unwrap_or_default(),
    );
    s += &row(t.s("inc_actions"), &r.actions);
    s += &row(t.s("inc_contact"), &r.contact);
    s + "</table>\n"
}

/// The record page in `lang`.
pub(crate) fn document(l: &Loaded, org: &str, lang: Lang) -> String {
    let t = Tr::new(lang);
    let time = |s: i64| hoshi_core::time::minutes_jst(s);
    let mut body = format!(
        "<h1>{}</h1>\n<p class=\"muted\">{}</p>\n",
        e(&l.inc.title),
        e(t.s(if l.inc.drill {
            "inc_record_drill"
        } else {
            "inc_record_incident"
        })),
    );
    body += &summary(l, org, &t, lang);
    body += &format!("<h2>{}</h2>\n", e(t.s("inc_checklist")));
    for ph in phases(l, &time, lang) {
        body += &format!("<h3>{}</h3>\n<ul>\n", e(ph.label));
        for s in ph.steps {
            let mark = if s.done { "☑" } else { "☐" };
            let when = if s.when.is_empty() {
                String::new()
            } else {
                format!(" <span class=\"muted\">({})</span>", e(&s.when))
            };
            body += &format!("<li>{mark} {}{when}</li>\n", e(&s.text));
        }
        body += "</ul>\n";
    }
    let (ds, no_duty) = deadlines(l, &time, lang);
    if !ds.is_empty() || !no_duty.is_empty() {
        body += &format!("<h2>{}</h2>\n<table>\n", e(t.s("inc_deadlines")));
        for d in ds {
            body += &format!("<tr><td>{}</td><td>{}</td></tr>\n", e(&d.label), e(&d.when));
        }
        body += "</table>\n";
        if !no_duty.is_empty() {
            body += &format!("<p>{}</p>\n", e(&no_duty));
        }
    }
    body += &format!(
        "<h2>{}</h2>\n<table>\n<tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
        e(t.s("inc_timeline")),
        e(t.s("inc_when")),
        e(t.s("inc_who")),
        e(t.s("inc_what")),
        e(t.s("inc_hash")),
    );
    for ev in &l.events {
        let (what, detail) = event_text(ev, l.kind, lang);
        let text = if detail.is_empty() {
            what
        } else {
            format!("{what}: {detail}")
        };
        body += &format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>\n",
            ev.seq,
            e(&time(ev.at)),
            e(&ev.actor_name),
            e(&text).replace('\n', "<br>"),
            e(&ev.hash)
        );
    }
    let (ok, chain) = chain_text(&l.chain, lang);
    body += &format!(
        "</table>\n<p><span class=\"sev {}\">{}</span></p>\n<p class=\"muted\">{}</p>\n",
        if ok { "good" } else { "high" },
        e(&chain),
        e(t.s("inc_record_note")),
    );
    hoshi_core::html::page(lang.code(), &e(&l.inc.title), "h3{font-size:1rem}", &body)
}

fn file_name(l: &Loaded) -> String {
    let date = hoshi_core::time::date_jst(l.inc.opened_at);
    if l.inc.drill {
        format!("incident-drill-{date}.html")
    } else {
        format!("incident-record-{date}.html")
    }
}

/// `GET /o/{org}/incidents/{incident}/record.html`
pub async fn download(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, IncidentId)>,
) -> AppResult<Response> {
    let l = load(&state, &m, id).await?;
    let body = document(&l, &m.org.name, ctx.lang);
    Ok(download_file(
        "text/html; charset=utf-8",
        &file_name(&l),
        body.into_bytes(),
    ))
}

use crate::kernel::page::download as download_file;

fn spec(ctx: &Ctx, m: &hoshi_store::orgs::Membership, l: &Loaded) -> Spec {
    let t = ctx.t();
    let link = |criterion: &str, reason: &str| Suggestion {
        criterion: criterion.into(),
        status: None,
        reason: reason.to_string(),
    };
    let suggestions = if l.inc.drill {
        vec![
            link("4-2-2-1", t.s("inc_ev_4221")),
            link("4-2-2-2", t.s("inc_ev_4222")),
            link("6-1-1-4", t.s("inc_ev_6114")),
        ]
    } else {
        vec![
            link("6-1-1-1", t.s("inc_ev_6111")),
            link("6-1-1-5", t.s("inc_ev_6115")),
        ]
    };
    Spec {
        heading: t.s("inc_attach_title").to_string(),
        intro: t.s("inc_attach_intro").to_string(),
        basis: t
            .s(if l.inc.drill {
                "inc_record_drill"
            } else {
                "inc_record_incident"
            })
            .to_string(),
        action: format!("/o/{}/incidents/{}/evidence", m.org.id, l.inc.id),
        crumbs: vec![
            (
                format!("/o/{}/incidents", m.org.id),
                t.s("incidents_title").into(),
            ),
            (
                format!("/o/{}/incidents/{}", m.org.id, l.inc.id),
                l.inc.title.clone(),
            ),
        ],
        // Drills and incident procedures are looked at yearly.
        default_days: 366,
        suggestions,
    }
}

/// `GET /o/{org}/incidents/{incident}/evidence[?a=ASSESSMENT]`
pub async fn attach_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Editor>,
    Path((_, id)): Path<(OrgId, IncidentId)>,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> AppResult<Response> {
    let l = load(&state, &m, id).await?;
    let chosen = q.get("a").cloned().unwrap_or_default();
    choose::page(
        &state,
        &ctx,
        &m,
        &spec(&ctx, &m, &l),
        &chosen,
        FormState::default(),
    )
    .await
}

/// `POST /o/{org}/incidents/{incident}/evidence`
pub async fn attach(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, IncidentId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form,
    }: OrgForm<Editor, Vec<(String, String)>>,
) -> AppResult<Response> {
    let l = load(&state, &m, id).await?;
    let spec = spec(&ctx, &m, &l);
    let body = document(&l, &m.org.name, ctx.lang);
    let n = now();
    let made = hoshi_core::time::date_jst(n);
    let title = format!("{} {}", l.inc.title, made);
    let name = file_name(&l);
    let done = format!("/o/{}/incidents/{}?attached=1", m.org.id, l.inc.id);
    choose::save(
        &state,
        &ctx,
        &m,
        &spec,
        &form,
        move |days| KeptFile {
            bytes: body.into_bytes(),
            file_name: name,
            media_type: "text/html",
            title,
            expires: hoshi_core::time::date_jst(n + days * 86_400),
            effective: made,
        },
        done,
    )
    .await
}
