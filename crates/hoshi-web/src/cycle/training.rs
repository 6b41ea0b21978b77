//! Training sessions (SCS 4-2-2-1/4-2-2-2): the sessions with what, when, who taught, how long
//! and who attended (members ticked, others — agency or seconded staff without an account — by
//! name), each member's attendance, and a session kept as evidence.
//!
//! Decision: recording a session also records a check of the organisation's active 4-2-2-1 task
//! (the yearly training), so the training's due date moves without a second entry.

use std::collections::HashMap;

use hoshi_core::Status;
use hoshi_core::cycle::{self as core, CheckInput, Outcome, SessionId, SessionInput};
use hoshi_store::cycle::{self, Session};
use hoshi_store::orgs::Membership;

use crate::evidence::choose::{self, Spec, Suggestion};
use crate::evidence::kept::KeptFile;
use crate::kernel::prelude::*;

pub(super) struct SessionRow {
    pub id: String,
    pub held_on: String,
    pub title: String,
    pub topic: String,
    pub trainer: String,
    pub minutes: i64,
    pub attendees: String,
    pub count: usize,
}

fn session_row(s: &Session, lang: Lang) -> SessionRow {
    let sep = match lang {
        Lang::Ja => "、",
        Lang::En => ", ",
    };
    SessionRow {
        id: s.id.clone(),
        held_on: s.held_on.clone(),
        title: s.title.clone(),
        topic: s.topic.clone(),
        trainer: s.trainer.clone(),
        minutes: s.minutes,
        attendees: s
            .attendees
            .iter()
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join(sep),
        count: s.attendees.len(),
    }
}

/// One member's attendance: (name, sessions attended, the latest date or "—").
pub(super) struct Attendance {
    pub name: String,
    pub sessions: usize,
    pub last: String,
    /// Attended a session in the past twelve months.
    pub current: bool,
}

#[derive(Template)]
#[template(path = "cycle/training.html")]
struct TrainingT {
    p: Page,
    org_id: String,
    org_name: String,
    can_edit: bool,
    sessions: Vec<SessionRow>,
    attendance: Vec<Attendance>,
    members: Vec<(String, String)>,
    ticked: Vec<String>,
    fs: FormState,
    today: String,
}

impl TrainingT {
    /// Whether the member was ticked in the form shown again.
    fn is_ticked(&self, id: &str) -> bool {
        self.ticked.iter().any(|t| t == id)
    }
}

async fn render(
    state: &Shared,
    ctx: &Ctx,
    m: &Membership,
    fs: FormState,
    ticked: Vec<String>,
    flash: Option<&str>,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let (sessions, members) = state
        .db(move |s| {
            s.read(|c| {
                Ok((
                    cycle::sessions(c, &scope)?,
                    hoshi_store::orgs::members(c, &scope)?,
                ))
            })
        })
        .await?;
    let today = today();
    let year_ago = core::add_days(&today, -366).unwrap_or_default();
    let attendance = members
        .iter()
        .map(|mb| {
            let attended: Vec<&Session> = sessions
                .iter()
                .filter(|s| {
                    s.attendees
                        .iter()
                        .any(|(u, _)| u.as_deref() == Some(mb.user_id.as_str()))
                })
                .collect();
            let last = attended.first().map(|s| s.held_on.clone());
            Attendance {
                name: mb.display_name.clone(),
                sessions: attended.len(),
                current: last.as_deref().is_some_and(|d| d > year_ago.as_str()),
                last: last.unwrap_or_else(|| "—".into()),
            }
        })
        .collect();
    let t = ctx.t();
    let mut p = Page::new(ctx, "cy_training").flash(flash.map(|k| match k {
        "recorded" => "cy_flash_training",
        _ => "cy_flash_attached",
    }));
    p.title = format!("{} — {}", t.s("cy_training"), m.org.name);
    Ok(html(TrainingT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        can_edit: m.role >= Role::Editor,
        sessions: sessions.iter().map(|s| session_row(s, ctx.lang)).collect(),
        attendance,
        members: members
            .into_iter()
            .map(|x| (x.user_id, x.display_name))
            .collect(),
        ticked,
        fs,
        today,
    }))
}

/// `GET /o/{org}/cycle/training`
pub async fn page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let flash = ["recorded", "attached"]
        .into_iter()
        .find(|k| q.contains_key(*k));
    render(&state, &ctx, &m, FormState::default(), Vec::new(), flash).await
}

fn field(form: &[(String, String)], k: &str) -> String {
    form.iter()
        .rev()
        .find(|(n, _)| n == k)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// `POST /o/{org}/cycle/training`: records a session with its attendees.
pub async fn record(
    State(state): State<Shared>,
    OrgForm {
        member: Member { ctx, m, .. },
        form,
    }: OrgForm<Editor, Vec<(String, String)>>,
) -> AppResult<Response> {
    let members: Vec<String> = form
        .iter()
        .filter(|(k, _)| k == "member")
        .map(|(_, v)| v.trim().to_string())
        .collect();
    let others_text = field(&form, "others");
    let input = SessionInput {
        held_on: field(&form, "held_on").trim().to_string(),
        title: field(&form, "title").trim().to_string(),
        topic: field(&form, "topic").trim().replace("\r\n", "\n"),
        trainer: field(&form, "trainer").trim().to_string(),
        minutes: field(&form, "minutes"),
        members: members.clone(),
        others: core::split_names(&others_text),
    };
    let today = today();
    let problems = input.problems(&today);
    if !problems.is_empty() {
        let (h, ti, to, tr, mi) = (
            field(&form, "held_on"),
            field(&form, "title"),
            field(&form, "topic"),
            field(&form, "trainer"),
            field(&form, "minutes"),
        );
        let mut fs = FormState::new(
            "session",
            &[
                ("held_on", &h),
                ("title", &ti),
                ("topic", &to),
                ("trainer", &tr),
                ("minutes", &mi),
                ("others", &others_text),
            ],
        );
        for p in &problems {
            fs = fs.message(Some(p.field()), p.message(ctx.lang));
        }
        return Ok(unprocessable(
            render(&state, &ctx, &m, fs, members, None).await?,
        ));
    }
    let (uid, org, scope, lang) = (
        ctx.user()?.0.id.clone(),
        m.org.id.clone(),
        m.scope().clone(),
        ctx.lang,
    );
    state
        .db(move |s| {
            s.write(|tx| {
                let n = now();
                cycle::record_session(tx, n, &uid, &org, &today, &input)?;
                // The yearly training task, when the organisation has one, is checked by it.
                let task = cycle::list(tx, &scope)?
                    .into_iter()
                    .find(|t| t.active && t.criterion_id == "4-2-2-1");
                if let Some(task) = task {
                    let looked_at = match lang {
                        Lang::Ja => format!(
                            "研修「{}」（{}分、出席 {}名）",
                            input.title,
                            input.minutes.trim(),
                            input.members.len() + input.others.len()
                        ),
                        Lang::En => format!(
                            "Training \"{}\" ({} min, {} attended)",
                            input.title,
                            input.minutes.trim(),
                            input.members.len() + input.others.len()
                        ),
                    };
                    let check = CheckInput {
                        checked_on: input.held_on.clone(),
                        looked_at,
                        outcome: Some(Outcome::Ok),
                        note: input.topic.chars().take(core::TEXT_MAX).collect(),
                    };
                    cycle::record_check(tx, n, &uid, &org, &task.id, &today, &check)?;
                }
                Ok(())
            })
        })
        .await?;
    Ok(Redirect::to(&format!("/o/{}/cycle/training?recorded=1", m.org.id)).into_response())
}

/// The session's record as one printable page.
fn document(s: &Session, org: &str, lang: Lang) -> String {
    let t = Tr::new(lang);
    let dl = |k: &str, v: &str| format!("<dt>{}</dt><dd>{}</dd>", esc(t.s(k)), esc(v));
    let mut body = format!(
        "<h1>{}</h1>\n<p class=\"muted\">{}</p>\n<dl>{}{}{}{}{}</dl>\n<h2>{} ({})</h2>\n<ol>\n",
        esc(&format!("{} — {}", t.s("cy_training_record"), s.title)),
        esc(org),
        dl("cy_held_on", &s.held_on),
        dl("cy_session_title", &s.title),
        dl("cy_topic", &s.topic),
        dl("cy_trainer", &s.trainer),
        dl("cy_minutes", &s.minutes.to_string()),
        esc(t.s("cy_attendees")),
        s.attendees.len(),
    );
    for (u, name) in &s.attendees {
        let kind = if u.is_some() {
            ""
        } else {
            t.s("cy_not_member")
        };
        body.push_str(&format!(
            "<li>{} <span class=\"muted\">{}</span></li>\n",
            esc(name),
            esc(kind)
        ));
    }
    body.push_str("</ol>\n");
    let code = match lang {
        Lang::Ja => "ja",
        Lang::En => "en",
    };
    hoshi_core::html::page(code, &esc(&s.title), "", &body)
}

/// 4-2-2-2 (records kept): this page is the record. 4-2-2-1 (everyone trained): met when every
/// current member attended, partially met otherwise.
fn spec(ctx: &Ctx, m: &Membership, s: &Session, members: usize) -> Spec {
    let t = ctx.t();
    let members_there = s.attendees.iter().filter(|(u, _)| u.is_some()).count();
    let everyone = members > 0 && members_there >= members;
    let all_reason = match ctx.lang {
        Lang::Ja => format!("メンバー {members} 人中 {members_there} 人が出席しました。"),
        Lang::En => format!("{members_there} of {members} members attended."),
    };
    Spec {
        heading: format!("{} — {}", t.s("cy_training_attach"), s.title),
        intro: t.s("cy_training_attach_intro").to_string(),
        basis: t.s("cy_training_record").to_string(),
        action: format!("/o/{}/cycle/training/{}/evidence", m.org.id, s.id),
        crumbs: vec![
            (format!("/o/{}/cycle", m.org.id), t.s("cycle_title").into()),
            (
                format!("/o/{}/cycle/training", m.org.id),
                t.s("cy_training").into(),
            ),
        ],
        default_days: 366,
        suggestions: vec![
            Suggestion {
                criterion: core::TRAINING_CRITERIA[0].into(),
                status: Some(if everyone {
                    Status::Met
                } else {
                    Status::Partial
                }),
                reason: all_reason,
            },
            Suggestion {
                criterion: core::TRAINING_CRITERIA[1].into(),
                status: Some(Status::Met),
                reason: t.s("cy_training_suggest_record").to_string(),
            },
        ],
    }
}

async fn load(state: &Shared, m: &Membership, id: &str) -> AppResult<(Session, usize)> {
    let (scope, id) = (m.scope().clone(), id.to_string());
    state
        .db(move |s| {
            s.read(|c| {
                Ok((
                    cycle::session(c, &scope, &id)?,
                    hoshi_store::orgs::members(c, &scope)?.len(),
                ))
            })
        })
        .await
}

/// `GET /o/{org}/cycle/training/{session}/evidence[?a=ASSESSMENT]`
pub async fn attach_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Editor>,
    Path((_, id)): Path<(OrgId, SessionId)>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let (s, members) = load(&state, &m, id.as_str()).await?;
    let chosen = q.get("a").cloned().unwrap_or_default();
    let spec = spec(&ctx, &m, &s, members);
    choose::page(&state, &ctx, &m, &spec, &chosen, FormState::default()).await
}

/// `POST /o/{org}/cycle/training/{session}/evidence`
pub async fn attach(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, SessionId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form,
    }: OrgForm<Editor, Vec<(String, String)>>,
) -> AppResult<Response> {
    let (s, members) = load(&state, &m, id.as_str()).await?;
    let spec = spec(&ctx, &m, &s, members);
    let body = document(&s, &m.org.name, ctx.lang);
    let n = now();
    let made = hoshi_core::time::date_jst(n);
    let title = format!(
        "{} {} {}",
        ctx.t().s("cy_training_record"),
        s.title,
        s.held_on
    );
    let effective = s.held_on.clone();
    choose::save(
        &state,
        &ctx,
        &m,
        &spec,
        &form,
        move |days| KeptFile {
            bytes: body.into_bytes(),
            file_name: format!("training-{made}.html"),
            media_type: "text/html",
            title,
            expires: hoshi_core::time::date_jst(n + days * 86_400),
            effective,
        },
        format!("/o/{}/cycle/training?attached=1", m.org.id),
    )
    .await
}
