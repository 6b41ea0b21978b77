//! The organisation's incidents and drills, and the forms that open one.

use hoshi_core::incident::{self, Kind, Report};
use hoshi_store::incidents::{self as store, NewIncident};

use crate::kernel::prelude::*;

pub(crate) struct Row {
    id: String,
    title: String,
    kind: String,
    drill: bool,
    closed: bool,
    known: String,
    opened: String,
    done: String,
}

#[derive(Template)]
#[template(path = "incidents/list.html")]
struct ListT {
    p: Page,
    org_id: String,
    org_name: String,
    can_edit: bool,
    rows: Vec<Row>,
    kinds: Vec<(&'static str, &'static str)>,
    kind: String,
    title: String,
    known_at: String,
    drill_kind: String,
    fs: FormState,
}

#[derive(Deserialize, Default)]
pub struct OpenForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    known_at: String,
    /// `1`: a tabletop drill (starts now; no "learned at").
    #[serde(default)]
    drill: String,
}

async fn render(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    fs: FormState,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let list = state
        .db(move |s| s.read(|c| store::list(c, &scope)))
        .await?;
    let t = ctx.t();
    let rows = list
        .into_iter()
        .map(|i| Row {
            title: i.title,
            kind: Kind::parse(&i.kind)
                .unwrap_or(Kind::Other)
                .label(ctx.lang)
                .to_string(),
            drill: i.drill,
            closed: i.closed,
            known: ctx.time(i.known_at),
            opened: format!("{} · {}", ctx.time(i.opened_at), i.opened_by_name),
            done: match (i.closed_at, i.drill) {
                (Some(at), true) => format!(
                    "{} ({} {})",
                    ctx.time(at),
                    (at - i.opened_at).max(0) / 60,
                    t.s("inc_minutes")
                ),
                (Some(at), false) => ctx.time(at),
                (None, _) => String::new(),
            },
            id: i.id,
        })
        .collect();
    let mut p = Page::new(ctx, "incidents_title");
    p.title = format!("{} — {}", t.s("incidents_title"), m.org.name);
    let drill_sent = fs.form == "drill";
    Ok(html(ListT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        can_edit: m.role >= Role::Editor,
        rows,
        kinds: Kind::ALL
            .iter()
            .map(|k| (k.code(), k.label(ctx.lang)))
            .collect(),
        kind: fs.value("open", "kind", "ransomware_vpn").to_string(),
        title: fs.value("open", "title", "").to_string(),
        known_at: fs
            .value("open", "known_at", &incident::jst_minutes_value(now()))
            .to_string(),
        drill_kind: if drill_sent {
            fs.value("drill", "kind", "ransomware_vpn").to_string()
        } else {
            "ransomware_vpn".to_string()
        },
        fs,
    }))
}

/// `GET /o/{org}/incidents`
pub async fn list_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
) -> AppResult<Response> {
    render(&state, &ctx, &m, FormState::default()).await
}

/// The longest title.
const TITLE_MAX: usize = 200;

/// `POST /o/{org}/incidents` — opens an incident, or (`drill=1`) starts a drill.
pub async fn open(
    State(state): State<Shared>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, OpenForm>,
) -> AppResult<Response> {
    let drill = f.drill == "1";
    let t = ctx.t();
    let Some(kind) = Kind::parse(&f.kind) else {
        return Err(AppError::BadRequest(hoshi_core::UserError::BadRequest));
    };
    let n = now();
    let form = if drill { "drill" } else { "open" };
    let mut fs = FormState::new(
        form,
        &[
            ("kind", &f.kind),
            ("title", &f.title),
            ("known_at", &f.known_at),
        ],
    );
    let title = f.title.trim();
    let title = if title.is_empty() && drill {
        format!("{} {}", t.s("inc_drill_title"), kind.label(ctx.lang))
    } else {
        title.to_string()
    };
    if title.is_empty() {
        fs = fs.message(Some("title"), t.s("inc_err_title").to_string());
    } else if title.chars().count() > TITLE_MAX {
        fs = fs.message(Some("title"), t.s("inc_err_title_long").to_string());
    }
    let known_at = if drill {
        Some(n)
    } else {
        incident::parse_jst_minutes(&f.known_at)
    };
    match known_at {
        None => fs = fs.message(Some("known_at"), t.s("inc_err_known_at").to_string()),
        // Learned of in the future: a typing mistake (a minute's slack for clocks).
        Some(k) if k > n + 60 => {
            fs = fs.message(Some("known_at"), t.s("inc_err_known_future").to_string());
        }
        _ => {}
    }
    if !fs.is_empty() {
        return Ok(unprocessable(render(&state, &ctx, &m, fs).await?));
    }
    let known_at = known_at.unwrap_or(n);
    let uid = ctx.user()?.0.id.clone();
    let org = m.org.id.clone();
    let report = serde_json::to_string(&Report::default()).unwrap_or_else(|_| "{}".into());
    let body = if drill {
        kind.scenario(ctx.lang).to_string()
    } else {
        title.clone()
    };
    let id = state
        .db(move |s| {
            s.write(|tx| {
                store::open(
                    tx,
                    n,
                    &uid,
                    &org,
                    NewIncident {
                        kind: kind.code(),
                        title: &title,
                        drill,
                        known_at,
                        report: &report,
                        body: &body,
                    },
                )
            })
        })
        .await?;
    Ok(Redirect::to(&format!("/o/{}/incidents/{id}", m.org.id)).into_response())
}
