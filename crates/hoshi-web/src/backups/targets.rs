//! The organisation's backup repositories: the list with each one's last verification, the
//! form (credentials sealed before they reach the store, never shown again; saved only over
//! the revision the member saw), removal by owners, and "verify now".

use hoshi_core::{BackupTargetId, UserError};
use hoshi_store::backups::{self, Run, Target, TargetInput};
use serde::Serialize;

use super::{BackupPolicy, parse_env};
use crate::kernel::prelude::*;
use crate::kernel::seal::{SealError, Sealer};

/// What the sealed main secret holds.
#[derive(Serialize, Deserialize, Default)]
pub(crate) struct MainSecret {
    pub password: String,
    #[serde(default)]
    pub env: Vec<(String, String)>,
}

/// Where a sealed value belongs: the organisation, which repository, and the location it was
/// entered for — a secret moved to another row or kept across a change of location (to send
/// stored keys to a server of one's own choosing) does not open.
pub(crate) fn aad(org: &str, which: &str, location: &str) -> String {
    format!("backup/{org}/{which}/{location}")
}

/// The deployment's sealing key: made on first use by a single server; servers sharing a
/// database must have been given it.
pub(super) fn sealer(state: &Shared) -> Result<Sealer, AppError> {
    match Sealer::open(&state.config.data_dir, !state.store.is_shared()) {
        Ok(s) => Ok(s),
        Err(SealError::NoKey) => Err(AppError::BadRequest(UserError::BackupNoSealingKey)),
        Err(e) => Err(AppError::Internal(e.to_string())),
    }
}

#[derive(Deserialize, Default, Clone)]
pub struct TargetForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    rev: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    env: String,
    #[serde(default)]
    offsite_location: String,
    #[serde(default)]
    offsite_password: String,
    #[serde(default)]
    host: String,
    #[serde(default)]
    paths: String,
    #[serde(default)]
    max_age_days: String,
    #[serde(default)]
    restore_sample: String,
    #[serde(default)]
    read_data_percent: String,
    #[serde(default)]
    every_days: String,
}

impl TargetForm {
    /// The values shown again on a refused form (never the secrets).
    fn state(&self) -> FormState {
        FormState::new(
            "target",
            &[
                ("name", &self.name),
                ("location", &self.location),
                ("offsite_location", &self.offsite_location),
                ("host", &self.host),
                ("paths", &self.paths),
                ("max_age_days", &self.max_age_days),
                ("restore_sample", &self.restore_sample),
                ("read_data_percent", &self.read_data_percent),
                ("every_days", &self.every_days),
            ],
        )
    }
}

/// A form's settings, checked (numbers, names, locations the server may open).
struct Checked {
    name: String,
    location: String,
    offsite_location: String,
    host: String,
    paths: Vec<String>,
    max_age_days: i64,
    restore_sample: i64,
    read_data_percent: i64,
    every_days: i64,
    env: Option<Vec<(String, String)>>,
}

fn number(v: &str, range: std::ops::RangeInclusive<i64>, e: UserError) -> Result<i64, UserError> {
    match v.trim().parse::<i64>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => Err(e),
    }
}

fn check_form(f: &TargetForm, policy: &BackupPolicy) -> Result<Checked, UserError> {
    let name = f.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(UserError::BackupNameBad);
    }
    let max_age_days = number(&f.max_age_days, 1..=400, UserError::BackupMaxAgeBad)?;
    let restore_sample = number(&f.restore_sample, 0..=1000, UserError::BackupSampleBad)?;
    let read_data_percent = number(&f.read_data_percent, 0..=100, UserError::BackupSampleBad)?;
    let every_days = number(&f.every_days, 0..=90, UserError::BackupEveryBad)?;
    let location = policy.check_location(&f.location)?;
    let offsite_location = if f.offsite_location.trim().is_empty() {
        String::new()
    } else {
        policy.check_location(&f.offsite_location)?
    };
    let paths: Vec<String> = f
        .paths
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    for (field, v, max) in [("host", f.host.as_str(), 200), ("paths", &f.paths, 4000)] {
        if v.chars().count() > max {
            return Err(UserError::TooLong { field, max });
        }
    }
    let env = if f.env.trim().is_empty() {
        None
    } else {
        Some(parse_env(&f.env)?)
    };
    Ok(Checked {
        name,
        location,
        offsite_location,
        host: f.host.trim().to_string(),
        paths,
        max_age_days,
        restore_sample,
        read_data_percent,
        every_days,
        env,
    })
}

/// One row of the list.
struct TargetRow {
    id: String,
    name: String,
    location: String,
    state_label: String,
    state_class: &'static str,
    last: String,
    newest: String,
    restore: String,
    run_id: String,
}

pub(super) fn run_state(t: &Tr, r: &Run) -> (String, &'static str) {
    let (label, c) = match (r.state.as_str(), r.passed) {
        ("queued", _) => (t.s("bk_state_queued"), "s-unanswered"),
        ("running", _) => (t.s("bk_state_running"), "s-unanswered"),
        ("done", Some(true)) => (t.s("bk_state_passed"), "s-met"),
        ("done", _) => (t.s("bk_state_problems"), "s-not-met"),
        _ => (t.s("bk_state_failed"), "s-not-met"),
    };
    (label.to_string(), c)
}

/// The newest snapshot's age and the restore test's figures of a finished run.
pub(super) fn figures(t: &Tr, result: Option<&str>) -> (String, String) {
    let Some(v) = result.and_then(|r| serde_json::from_str::<serde_json::Value>(r).ok()) else {
        return (String::new(), String::new());
    };
    let newest = v["groups"]
        .as_array()
        .and_then(|g| {
            g.iter()
                .filter_map(|g| g["newest_age_days"].as_f64())
                .min_by(f64::total_cmp)
        })
        .map(|d| format!("{d:.1} {}", t.s("bk_days_ago")))
        .unwrap_or_default();
    let restore = match v.get("restore") {
        Some(r) if r.is_object() => format!(
            "{}/{} · {} · {:.1} s",
            r["verified_files"].as_u64().unwrap_or(0),
            r["sampled"].as_u64().unwrap_or(0),
            size(r["verified_bytes"].as_u64().unwrap_or(0)),
            r["total_ms"].as_u64().unwrap_or(0) as f64 / 1000.0
        ),
        _ => String::new(),
    };
    (newest, restore)
}

pub(super) use hoshi_backup::size;

#[derive(Template)]
#[template(path = "backups/list.html")]
struct ListT {
    p: Page,
    org_id: String,
    org_name: String,
    can_edit: bool,
    rows: Vec<TargetRow>,
    fs: FormState,
    form: FormValues,
}

/// The form's values as shown.
struct FormValues {
    name: String,
    location: String,
    offsite_location: String,
    host: String,
    paths: String,
    max_age_days: String,
    restore_sample: String,
    read_data_percent: String,
    every_days: String,
}

impl FormValues {
    fn of(fs: &FormState, t: Option<&Target>) -> FormValues {
        let v = |k: &str, d: String| fs.value("target", k, &d).to_string();
        FormValues {
            name: v("name", t.map(|t| t.name.clone()).unwrap_or_default()),
            location: v(
                "location",
                t.map(|t| t.location.clone()).unwrap_or_default(),
            ),
            offsite_location: v(
                "offsite_location",
                t.map(|t| t.offsite_location.clone()).unwrap_or_default(),
            ),
            host: v("host", t.map(|t| t.host.clone()).unwrap_or_default()),
            paths: v("paths", t.map(|t| t.paths.join("\n")).unwrap_or_default()),
            max_age_days: v(
                "max_age_days",
                t.map_or("2".into(), |t| t.max_age_days.to_string()),
            ),
            restore_sample: v(
                "restore_sample",
                t.map_or("20".into(), |t| t.restore_sample.to_string()),
            ),
            read_data_percent: v(
                "read_data_percent",
                t.map_or("0".into(), |t| t.read_data_percent.to_string()),
            ),
            every_days: v(
                "every_days",
                t.map_or("1".into(), |t| t.every_days.to_string()),
            ),
        }
    }
}

async fn render_list(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    fs: FormState,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let (targets, latest) = state
        .db(move |s| {
            s.read(|c| {
                let targets = backups::targets(c, &scope)?;
                let mut latest = Vec::new();
                for r in backups::latest_runs(c, &scope)? {
                    let full = if r.state == "done" {
                        backups::run(c, &scope, &r.id)?
                    } else {
                        r
                    };
                    latest.push(full);
                }
                Ok((targets, latest))
            })
        })
        .await?;
    let t = ctx.t();
    let rows = targets
        .iter()
        .map(|tg| {
            let run = latest.iter().find(|r| r.target_id == tg.id);
            let (state_label, state_class) = run.map_or((String::new(), ""), |r| run_state(&t, r));
            let (newest, restore) = figures(&t, run.and_then(|r| r.result.as_deref()));
            TargetRow {
                id: tg.id.clone(),
                name: tg.name.clone(),
                location: tg.location.clone(),
                state_label,
                state_class,
                last: run
                    .map(|r| ctx.time(r.finished_at.unwrap_or(r.requested_at)))
                    .unwrap_or_default(),
                newest,
                restore,
                run_id: run.map(|r| r.id.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let mut p = Page::new(ctx, "backups_title");
    p.title = format!("{} — {}", t.s("backups_title"), m.org.name);
    let form = FormValues::of(&fs, None);
    Ok(html(ListT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        can_edit: m.role >= Role::Editor,
        rows,
        fs,
        form,
    }))
}

/// `GET /o/{org}/backups`
pub async fn list_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
) -> AppResult<Response> {
    render_list(&state, &ctx, &m, FormState::default()).await
}

/// Checks the form off the async threads (names are resolved).
async fn checked_form(state: &Shared, f: &TargetForm) -> Result<Checked, AppError> {
    let policy = state.config.backup.clone();
    let f = f.clone();
    tokio::task::spawn_blocking(move || check_form(&f, &policy))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(AppError::BadRequest)
}

/// `POST /o/{org}/backups`
pub async fn create(
    State(state): State<Shared>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, TargetForm>,
) -> AppResult<Response> {
    let fs = f.state();
    let done = async {
        let c = checked_form(&state, &f).await?;
        if f.password.is_empty() {
            return Err(AppError::BadRequest(UserError::BackupPasswordMissing));
        }
        let sealer = sealer(&state)?;
        let org = m.org.id.clone();
        let main = MainSecret {
            password: f.password.clone(),
            env: c.env.clone().unwrap_or_default(),
        };
        let secret = sealer
            .seal(
                &aad(&org, "main", &c.location),
                &serde_json::to_string(&main).map_err(|e| AppError::Internal(e.to_string()))?,
            )
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let offsite_secret = if f.offsite_password.is_empty() || c.offsite_location.is_empty() {
            String::new()
        } else {
            sealer
                .seal(
                    &aad(&org, "offsite", &c.offsite_location),
                    &f.offsite_password,
                )
                .map_err(|e| AppError::Internal(e.to_string()))?
        };
        let uid = ctx.user()?.0.id.clone();
        state
            .db(move |s| {
                s.write(|tx| {
                    backups::create(
                        tx,
                        now(),
                        &uid,
                        &org,
                        &TargetInput {
                            name: &c.name,
                            location: &c.location,
                            secret: Some(&secret),
                            offsite_location: &c.offsite_location,
                            offsite_secret: Some(&offsite_secret),
                            host: &c.host,
                            paths: &c.paths,
                            max_age_days: c.max_age_days,
                            restore_sample: c.restore_sample,
                            read_data_percent: c.read_data_percent,
                            every_days: c.every_days,
                        },
                    )
                })
            })
            .await
    }
    .await;
    match checked(done, fs, ctx.lang)? {
        Ok(t) => Ok(Redirect::to(&format!("/o/{}/backups/{}", m.org.id, t.id)).into_response()),
        Err(fs) => Ok(unprocessable(render_list(&state, &ctx, &m, fs).await?)),
    }
}

struct RunRow {
    id: String,
    when: String,
    by: String,
    state_label: String,
    state_class: &'static str,
    newest: String,
    restore: String,
}

#[derive(Template)]
#[template(path = "backups/target.html")]
struct TargetT {
    p: Page,
    org_id: String,
    org_name: String,
    can_edit: bool,
    is_owner: bool,
    target: Target,
    next: String,
    has_offsite_password: bool,
    runs: Vec<RunRow>,
    fs: FormState,
    form: FormValues,
}

#[derive(Deserialize, Default)]
pub struct TargetQuery {
    #[serde(default)]
    queued: Option<String>,
}

async fn render_target(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    id: &str,
    fs: FormState,
    queued: bool,
) -> AppResult<Response> {
    let (scope, tid) = (m.scope().clone(), id.to_string());
    let (target, runs, offsite_secret) = state
        .db(move |s| {
            s.read(|c| {
                let target = backups::get(c, &scope, &tid)?;
                let mut runs = Vec::new();
                for r in backups::runs(c, &scope, &tid, 30)? {
                    runs.push(if r.state == "done" {
                        backups::run(c, &scope, &r.id)?
                    } else {
                        r
                    });
                }
                let (_, off) = backups::secrets(c, &scope, &tid)?;
                Ok((target, runs, off))
            })
        })
        .await?;
    let t = ctx.t();
    let runs = runs
        .iter()
        .map(|r| {
            let (state_label, state_class) = run_state(&t, r);
            let (newest, restore) = figures(&t, r.result.as_deref());
            RunRow {
                id: r.id.clone(),
                when: ctx.time(r.requested_at),
                by: r
                    .requested_by_name
                    .clone()
                    .unwrap_or_else(|| t.s("bk_by_schedule").to_string()),
                state_label,
                state_class,
                newest,
                restore,
            }
        })
        .collect();
    let mut p = Page::new(ctx, "backups_title").flash(queued.then_some("bk_queued"));
    p.title = format!("{} — {}", target.name, m.org.name);
    let form = FormValues::of(&fs, Some(&target));
    Ok(html(TargetT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        can_edit: m.role >= Role::Editor,
        is_owner: m.role == Role::Owner,
        next: target.next_at.map(|n| ctx.time(n)).unwrap_or_default(),
        has_offsite_password: !offsite_secret.is_empty(),
        target,
        runs,
        fs,
        form,
    }))
}

/// `GET /o/{org}/backups/{target}`
pub async fn target_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, BackupTargetId)>,
    Query(q): Query<TargetQuery>,
) -> AppResult<Response> {
    render_target(
        &state,
        &ctx,
        &m,
        id.as_str(),
        FormState::default(),
        q.queued.is_some(),
    )
    .await
}

/// The main secret sealed again when the form changed the password or the settings (kept
/// otherwise: `None`); settings entered for the old location are dropped when it moved.
fn resealed_main(
    state: &Shared,
    org: &str,
    before: &Target,
    old_main: &str,
    f: &TargetForm,
    c: &Checked,
) -> Result<Option<String>, AppError> {
    if f.password.is_empty() && c.env.is_none() {
        return Ok(None);
    }
    let sealer = sealer(state)?;
    let mut main: MainSecret = sealer
        .open_value(&aad(org, "main", &before.location), old_main)
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();
    if !f.password.is_empty() {
        main.password = f.password.clone();
    }
    if let Some(env) = &c.env {
        main.env = env.clone();
    } else if c.location != before.location {
        main.env.clear();
    }
    if main.password.is_empty() {
        return Err(AppError::BadRequest(UserError::BackupPasswordMissing));
    }
    let json = serde_json::to_string(&main).map_err(|e| AppError::Internal(e.to_string()))?;
    sealer
        .seal(&aad(org, "main", &c.location), &json)
        .map(Some)
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// `POST /o/{org}/backups/{target}`: saves over the revision the form was made from; empty
/// secret fields keep what is stored.
pub async fn update(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, BackupTargetId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, TargetForm>,
) -> AppResult<Response> {
    let id = id.as_str().to_string();
    let fs = f.state();
    let rev: i64 = f
        .rev
        .parse()
        .map_err(|_| AppError::BadRequest(UserError::BadRequest))?;
    let done = async {
        let c = checked_form(&state, &f).await?;
        let org = m.org.id.clone();
        let (scope, tid) = (m.scope().clone(), id.clone());
        let (before, (old_main, _)) = state
            .db(move |s| {
                s.read(|c| {
                    Ok((
                        backups::get(c, &scope, &tid)?,
                        backups::secrets(c, &scope, &tid)?,
                    ))
                })
            })
            .await?;
        // Stored credentials never follow the repository to a new place: a changed location
        // needs the password (and the settings) entered again.
        if c.location != before.location && f.password.is_empty() {
            return Err(AppError::BadRequest(UserError::BackupPasswordMissing));
        }
        if c.offsite_location != before.offsite_location
            && !c.offsite_location.is_empty()
            && f.offsite_password.is_empty()
            && !before.offsite_location.is_empty()
        {
            return Err(AppError::BadRequest(UserError::BackupPasswordMissing));
        }
        let secret = resealed_main(&state, &org, &before, &old_main, &f, &c)?;
        let offsite_secret = if f.offsite_password.is_empty() {
            None
        } else {
            Some(
                sealer(&state)?
                    .seal(
                        &aad(&org, "offsite", &c.offsite_location),
                        &f.offsite_password,
                    )
                    .map_err(|e| AppError::Internal(e.to_string()))?,
            )
        };
        let uid = ctx.user()?.0.id.clone();
        let tid = id.clone();
        state
            .db(move |s| {
                s.write(|tx| {
                    backups::update(
                        tx,
                        now(),
                        &uid,
                        &org,
                        &tid,
                        rev,
                        &TargetInput {
                            name: &c.name,
                            location: &c.location,
                            secret: secret.as_deref(),
                            offsite_location: &c.offsite_location,
                            offsite_secret: offsite_secret.as_deref(),
                            host: &c.host,
                            paths: &c.paths,
                            max_age_days: c.max_age_days,
                            restore_sample: c.restore_sample,
                            read_data_percent: c.read_data_percent,
                            every_days: c.every_days,
                        },
                    )
                })
            })
            .await
    }
    .await;
    match checked(done, fs, ctx.lang)? {
        Ok(_) => Ok(Redirect::to(&format!("/o/{}/backups/{id}", m.org.id)).into_response()),
        Err(fs) => Ok(unprocessable(
            render_target(&state, &ctx, &m, &id, fs, false).await?,
        )),
    }
}

/// `POST /o/{org}/backups/{target}/delete` (owners)
pub async fn delete(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, BackupTargetId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        ..
    }: OrgForm<Owner, CsrfOnly>,
) -> AppResult<Response> {
    let uid = ctx.user()?.0.id.clone();
    let (org, tid) = (m.org.id.clone(), id.as_str().to_string());
    state
        .db(move |s| s.write(|tx| backups::delete(tx, now(), &uid, &org, &tid)))
        .await?;
    Ok(Redirect::to(&format!("/o/{}/backups", m.org.id)).into_response())
}

/// `POST /o/{org}/backups/{target}/verify`: queues a verification and wakes the worker.
pub async fn verify(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, BackupTargetId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        ..
    }: OrgForm<Editor, CsrfOnly>,
) -> AppResult<Response> {
    let uid = ctx.user()?.0.id.clone();
    let (org, tid) = (m.org.id.clone(), id.as_str().to_string());
    let done = state
        .db(move |s| s.write(|tx| backups::request(tx, now(), &org, &tid, Some(&uid))))
        .await;
    match checked(done, FormState::new("verify", &[]), ctx.lang)? {
        Ok(_) => {
            state.backup_wake.notify_one();
            Ok(
                Redirect::to(&format!("/o/{}/backups/{}?queued=1", m.org.id, id.as_str()))
                    .into_response(),
            )
        }
        Err(fs) => Ok(unprocessable(
            render_target(&state, &ctx, &m, id.as_str(), fs, false).await?,
        )),
    }
}
