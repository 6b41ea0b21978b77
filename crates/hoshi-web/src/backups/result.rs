//! One verification's result: the page (findings first, then the check, snapshot groups,
//! coverage, the restore test file by file, the off-site copy), the JSON as hoshi-backup wrote
//! it, and the result as evidence for 4-3-4-1..3 — kept as a summary without file names or the
//! repository's location, since buyers and experts may see evidence files.

use std::collections::{BTreeMap, HashMap};

use hoshi_core::{BackupRunId, Status, UserError};
use hoshi_store::backups::{self, Run, Target};
use serde::Deserialize;

use super::targets::{run_state, size};
use crate::evidence::choose::{self, Spec, Suggestion};
use crate::evidence::kept::KeptFile;
use crate::kernel::prelude::*;

/// The verification as stored (the fields pages use; hoshi-backup's JSON).
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct ResultV {
    pub restic_version: String,
    pub check: CheckV,
    pub snapshot_count: usize,
    pub groups: Vec<GroupV>,
    pub coverage: Vec<CoverageV>,
    pub restore: Option<RestoreV>,
    pub offsite: Option<OffsiteV>,
    pub findings: Vec<FindingV>,
    pub duration_ms: u64,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct CheckV {
    pub ok: bool,
    pub read_data_subset: Option<String>,
    pub detail: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct GroupV {
    pub host: String,
    pub paths: Vec<String>,
    pub count: usize,
    pub newest_time: String,
    pub newest_age_days: f64,
    pub within_policy: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct CoverageV {
    pub path: String,
    pub newest: Option<(String, f64)>,
    pub within_policy: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct RestoreV {
    pub snapshot_id: String,
    pub snapshot_time: String,
    pub files_in_snapshot: usize,
    pub sampled: usize,
    pub files: Vec<FileV>,
    pub verified_files: usize,
    pub verified_bytes: u64,
    pub total_ms: u64,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct FileV {
    pub path: String,
    pub size: u64,
    pub blobs: usize,
    pub problem: Option<serde_json::Value>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct OffsiteV {
    pub newest_age_days: Option<f64>,
    pub same_tree_as_newest: bool,
    pub within_policy: bool,
    pub error: Option<serde_json::Value>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct TextV {
    pub title: String,
    pub advice: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct FindingV {
    pub criteria: Vec<String>,
    pub status: Status,
    pub ja: TextV,
    pub en: TextV,
}

impl FindingV {
    pub fn text(&self, lang: Lang) -> &TextV {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

impl ResultV {
    pub fn parse(json: &str) -> Option<ResultV> {
        serde_json::from_str(json).ok()
    }

    /// The status each criterion gets: the worst of its findings.
    pub fn statuses(&self) -> BTreeMap<String, Status> {
        let mut out: BTreeMap<String, Status> = BTreeMap::new();
        for f in &self.findings {
            for c in &f.criteria {
                let e = out.entry(c.clone()).or_insert(f.status);
                if rank(f.status) > rank(*e) {
                    *e = f.status;
                }
            }
        }
        out
    }
}

fn rank(s: Status) -> u8 {
    match s {
        Status::NotMet => 3,
        Status::Partial => 2,
        Status::Met => 1,
        _ => 0,
    }
}

fn status_class(s: Status) -> &'static str {
    match s {
        Status::Met => "s-met",
        Status::Partial => "s-partial",
        Status::NotMet => "s-not-met",
        _ => "s-unanswered",
    }
}

struct FindingRow {
    criteria: String,
    label: String,
    class: &'static str,
    title: String,
    advice: String,
}

struct GroupRow {
    host: String,
    paths: String,
    count: usize,
    newest: String,
    age: String,
    ok: bool,
}

struct FileRow {
    path: String,
    size: String,
    ok: bool,
    problem: String,
}

#[derive(Template)]
#[template(path = "backups/run.html")]
struct RunT {
    p: Page,
    org_id: String,
    org_name: String,
    can_edit: bool,
    target_id: String,
    target_name: String,
    run_id: String,
    when: String,
    state_label: String,
    state_class: &'static str,
    error: String,
    finished: bool,
    restic_version: String,
    check_ok: bool,
    check_detail: String,
    read_data: String,
    snapshot_count: usize,
    findings: Vec<FindingRow>,
    groups: Vec<GroupRow>,
    coverage: Vec<(String, String, bool)>,
    has_restore: bool,
    restore_summary: String,
    files: Vec<FileRow>,
    offsite: String,
    offsite_ok: bool,
    has_offsite: bool,
    duration: String,
}

pub(super) async fn load(
    state: &Shared,
    m: &hoshi_store::orgs::Membership,
    id: &str,
) -> AppResult<(Run, Target)> {
    let (scope, id) = (m.scope().clone(), id.to_string());
    state
        .db(move |s| {
            s.read(|c| {
                let run = backups::run(c, &scope, &id)?;
                let target = backups::get(c, &scope, &run.target_id)?;
                Ok((run, target))
            })
        })
        .await
}

/// The reader's line of a "Japanese \n English" message.
pub(super) fn line(msg: &str, lang: Lang) -> String {
    let mut it = msg.splitn(2, '\n');
    let ja = it.next().unwrap_or_default();
    match (lang, it.next()) {
        (Lang::En, Some(en)) => en.to_string(),
        _ => ja.to_string(),
    }
}

type Tables = (Vec<FindingRow>, Vec<GroupRow>, Vec<(String, String, bool)>);

/// The findings (worst first), the snapshot groups and the required paths as the page shows
/// them.
fn tables(v: &ResultV, t: &Tr, lang: Lang) -> Tables {
    let mut findings: Vec<&FindingV> = v.findings.iter().collect();
    findings.sort_by_key(|f| std::cmp::Reverse(rank(f.status)));
    let findings = findings
        .into_iter()
        .map(|f| FindingRow {
            criteria: f.criteria.join(", "),
            label: f.status.label().get(lang).to_string(),
            class: status_class(f.status),
            title: f.text(lang).title.clone(),
            advice: f.text(lang).advice.clone(),
        })
        .collect();
    let groups = v
        .groups
        .iter()
        .map(|g| GroupRow {
            host: g.host.clone(),
            paths: g.paths.join(", "),
            count: g.count,
            newest: format!(
                "{} UTC",
                g.newest_time
                    .chars()
                    .take(19)
                    .collect::<String>()
                    .replace('T', " ")
            ),
            age: format!("{:.1} {}", g.newest_age_days, t.s("bk_days_ago")),
            ok: g.within_policy,
        })
        .collect();
    let coverage = v
        .coverage
        .iter()
        .map(|c| {
            (
                c.path.clone(),
                c.newest
                    .as_ref()
                    .map(|(_, d)| format!("{d:.1} {}", t.s("bk_days_ago")))
                    .unwrap_or_else(|| "—".into()),
                c.within_policy,
            )
        })
        .collect();
    (findings, groups, coverage)
}

/// Why a sampled file does not count as restored, in the reader's words.
fn file_problem(t: &Tr, p: &serde_json::Value) -> String {
    match p["kind"].as_str().unwrap_or_default() {
        "not_restored" => t.s("bk_file_not_restored"),
        "not_in_snapshot" => t.s("bk_file_not_in_snapshot"),
        "blob_not_indexed" => t.s("bk_file_not_indexed"),
        "size_mismatch" => t.s("bk_file_size_mismatch"),
        "hash_mismatch" => t.s("bk_file_hash_mismatch"),
        _ => t.s("bk_file_unreadable"),
    }
    .to_string()
}

/// The off-site copy's line: its newest snapshot's age, or why it could not be read.
fn offsite_line(v: &ResultV, t: &Tr) -> (String, bool) {
    match &v.offsite {
        Some(o) if o.error.is_some() => (
            o.error
                .clone()
                .and_then(|e| serde_json::from_value::<hoshi_backup::BackupError>(e).ok())
                .map_or_else(
                    || t.s("bk_offsite_unreadable").to_string(),
                    |e| e.message(t.lang),
                ),
            false,
        ),
        Some(o) => (
            match o.newest_age_days {
                Some(d) => format!(
                    "{d:.1} {}{}",
                    t.s("bk_days_ago"),
                    if o.same_tree_as_newest { " · =" } else { "" }
                ),
                None => "—".into(),
            },
            o.within_policy,
        ),
        None => (String::new(), false),
    }
}

/// `GET /o/{org}/backups/runs/{run}`
pub async fn run_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, BackupRunId)>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let (run, target) = load(&state, &m, id.as_str()).await?;
    let t = ctx.t();
    let (state_label, state_class) = run_state(&t, &run);
    let v = run
        .result
        .as_deref()
        .and_then(ResultV::parse)
        .unwrap_or_default();
    let (findings, groups, coverage) = tables(&v, &t, ctx.lang);
    let (restore_summary, files) = match &v.restore {
        Some(r) => (
            format!(
                "{} / {} · {} · {:.1} s · {} {}（{} UTC）",
                r.verified_files,
                r.sampled,
                size(r.verified_bytes),
                r.total_ms as f64 / 1000.0,
                t.s("bk_snapshots"),
                r.snapshot_id.chars().take(8).collect::<String>(),
                r.snapshot_time
                    .chars()
                    .take(19)
                    .collect::<String>()
                    .replace('T', " ")
            ),
            r.files
                .iter()
                .map(|f| FileRow {
                    path: f.path.clone(),
                    size: size(f.size),
                    ok: f.problem.is_none(),
                    problem: f
                        .problem
                        .as_ref()
                        .map(|p| file_problem(&t, p))
                        .unwrap_or_default(),
                })
                .collect(),
        ),
        None => (String::new(), Vec::new()),
    };
    let (offsite, offsite_ok) = offsite_line(&v, &t);
    let attached = q.contains_key("attached");
    let mut p = Page::new(&ctx, "bk_result_title").flash(attached.then_some("bk_attached"));
    p.title = format!("{} — {}", target.name, m.org.name);
    Ok(html(RunT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        can_edit: m.role >= Role::Editor,
        target_id: target.id.clone(),
        target_name: target.name.clone(),
        run_id: run.id.clone(),
        when: ctx.time(run.finished_at.unwrap_or(run.requested_at)),
        state_label,
        state_class,
        error: run
            .error
            .as_deref()
            .map(|e| line(e, ctx.lang))
            .unwrap_or_default(),
        finished: run.state == "done",
        restic_version: v.restic_version.clone(),
        check_ok: v.check.ok,
        check_detail: v.check.detail.clone().unwrap_or_default(),
        read_data: v.check.read_data_subset.clone().unwrap_or_default(),
        snapshot_count: v.snapshot_count,
        findings,
        groups,
        coverage,
        has_restore: v.restore.is_some(),
        restore_summary,
        files,
        has_offsite: v.offsite.is_some(),
        offsite,
        offsite_ok,
        duration: format!("{:.1} s", v.duration_ms as f64 / 1000.0),
    }))
}

/// `GET /o/{org}/backups/runs/{run}/result.json` (members only: it names files and places).
pub async fn result_json(
    State(state): State<Shared>,
    Member { m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, BackupRunId)>,
) -> AppResult<Response> {
    let (run, _) = load(&state, &m, id.as_str()).await?;
    let Some(json) = run.result else {
        return Err(AppError::NotFound);
    };
    let day = hoshi_core::time::date_jst(run.finished_at.unwrap_or(run.requested_at));
    Ok(download(
        "application/json",
        &format!("hoshi-backup-{day}.json"),
        json.into_bytes(),
    ))
}

fn spec(ctx: &Ctx, m: &hoshi_store::orgs::Membership, run: &Run, target: &Target) -> Spec {
    let t = ctx.t();
    let v = run
        .result
        .as_deref()
        .and_then(ResultV::parse)
        .unwrap_or_default();
    let written = !target.steps.is_empty() && !target.responsible.is_empty();
    let suggestions = v
        .statuses()
        .into_iter()
        .map(|(criterion, status)| {
            let (status, reason) = match status {
                // A restore test shows the procedure works; the criterion asks for the written
                // procedure itself.
                Status::Met if criterion == "4-3-4-3" && !written => {
                    (Some(Status::Partial), t.s("bk_suggest_no_procedure"))
                }
                Status::Met => (Some(status), t.s("bk_suggest_met")),
                Status::Partial => (Some(status), t.s("bk_suggest_partial")),
                Status::NotMet => (Some(status), t.s("bk_suggest_not_met")),
                _ => (None, t.s("bk_suggest_none")),
            };
            Suggestion {
                criterion,
                status,
                reason: reason.to_string(),
            }
        })
        .collect();
    Spec {
        heading: t.s("bk_attach_title").to_string(),
        intro: t.s("bk_attach_intro").to_string(),
        basis: t.s("bk_result_title").to_string(),
        action: format!("/o/{}/backups/runs/{}/evidence", m.org.id, run.id),
        crumbs: vec![
            (
                format!("/o/{}/backups", m.org.id),
                t.s("backups_title").into(),
            ),
            (
                format!("/o/{}/backups/{}", m.org.id, target.id),
                target.name.clone(),
            ),
            (
                format!("/o/{}/backups/runs/{}", m.org.id, run.id),
                ctx.time(run.finished_at.unwrap_or(run.requested_at)),
            ),
        ],
        // Backups change daily; a verification a month old says little about today.
        default_days: 30,
        suggestions,
    }
}

/// `GET /o/{org}/backups/runs/{run}/evidence[?a=ASSESSMENT]`
pub async fn attach_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Editor>,
    Path((_, id)): Path<(OrgId, BackupRunId)>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let (run, target) = load(&state, &m, id.as_str()).await?;
    if run.state != "done" {
        return Err(AppError::BadRequest(UserError::ScanNotFinished));
    }
    let chosen = q.get("a").cloned().unwrap_or_default();
    let spec = spec(&ctx, &m, &run, &target);
    choose::page(&state, &ctx, &m, &spec, &chosen, FormState::default()).await
}

/// `POST /o/{org}/backups/runs/{run}/evidence`
pub async fn attach(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, BackupRunId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form,
    }: OrgForm<Editor, Vec<(String, String)>>,
) -> AppResult<Response> {
    let (run, target) = load(&state, &m, id.as_str()).await?;
    if run.state != "done" {
        return Err(AppError::BadRequest(UserError::ScanNotFinished));
    }
    let spec = spec(&ctx, &m, &run, &target);
    let finished = run.finished_at.unwrap_or(run.requested_at);
    let made = hoshi_core::time::date_jst(finished);
    let title = format!("{} {} {made}", ctx.t().s("bk_result_title"), target.name);
    let body = summary_html(&run, &target, &m.org.name);
    let done = format!("/o/{}/backups/runs/{}?attached=1", m.org.id, run.id);
    choose::save(
        &state,
        &ctx,
        &m,
        &spec,
        &form,
        move |days| KeptFile {
            bytes: body.into_bytes(),
            file_name: format!("hoshi-backup-{made}.html"),
            media_type: "text/html",
            title,
            expires: hoshi_core::time::date_jst(finished + days * 86_400),
            effective: made,
        },
        done,
    )
    .await
}

/// The evidence file: a self-contained page in Japanese and English with the figures only —
/// no file names, paths, host names or the repository's location (findings as their status
/// per criterion: their advice names the required paths and quotes restic).
pub(super) fn summary_html(run: &Run, target: &Target, org: &str) -> String {
    let v = run
        .result
        .as_deref()
        .and_then(ResultV::parse)
        .unwrap_or_default();
    let rows = summary_rows(&v, run, target, org);
    let mut findings = String::new();
    for f in &v.findings {
        findings.push_str(&format!(
            "<li><strong>{}</strong>: {} / {}</li>\n",
            esc(&f.criteria.join(", ")),
            esc(f.status.label().get(Lang::Ja)),
            esc(f.status.label().get(Lang::En)),
        ));
    }
    format!(
        "<!doctype html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <style>body{{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.6}}\
         th,td{{border:1px solid #999;padding:.3em .6em;text-align:left;vertical-align:top}}\
         table{{border-collapse:collapse}}</style></head><body>\n\
         <h1>{title}</h1>\n<p>hoshi が restic リポジトリを確認した結果の要約です。ファイル名と保存場所は含めていません。\
         <br><span lang=\"en\">A summary of hoshi's verification of a restic repository; file names and the repository's location are left out.</span></p>\n\
         <table>\n{rows}</table>\n<h2>判定 / Findings</h2>\n<ul>\n{findings}</ul>\n</body></html>\n",
        title = esc(&format!(
            "バックアップ確認結果 / Backup verification — {}",
            target.name
        )),
    )
}

/// The summary's table: figures only.
fn summary_rows(v: &ResultV, run: &Run, target: &Target, org: &str) -> String {
    let when = hoshi_core::time::minutes_jst(run.finished_at.unwrap_or(run.requested_at));
    let mut rows = String::new();
    let mut row = |k: &str, val: String| {
        rows.push_str(&format!(
            "<tr><th>{}</th><td>{}</td></tr>\n",
            esc(k),
            esc(&val)
        ));
    };
    row("組織 / Organisation", org.to_string());
    row("バックアップ / Backup", target.name.clone());
    row("確認日時 / Verified at", when);
    row("restic", v.restic_version.clone());
    row(
        "整合性チェック / Integrity check",
        format!(
            "{}{}",
            if v.check.ok {
                "問題なし / passed"
            } else {
                "問題あり / failed"
            },
            v.check
                .read_data_subset
                .as_deref()
                .map(|s| format!("（データ読み取り / data read {s}）"))
                .unwrap_or_default()
        ),
    );
    row(
        "スナップショット数 / Snapshots",
        v.snapshot_count.to_string(),
    );
    let newest = v
        .groups
        .iter()
        .map(|g| g.newest_age_days)
        .min_by(f64::total_cmp);
    row(
        "最新のスナップショット / Newest snapshot",
        newest.map_or("—".into(), |d| format!("{d:.1} 日前 / days ago")),
    );
    row(
        "方針（最大日数） / Policy (max days)",
        target.max_age_days.to_string(),
    );
    row(
        "復元テスト / Restore test",
        match &v.restore {
            Some(r) => format!(
                "{} / {} ファイル・files, {}, {:.1} s",
                r.verified_files,
                r.sampled,
                size(r.verified_bytes),
                r.total_ms as f64 / 1000.0
            ),
            None => "—".into(),
        },
    );
    row(
        "オフサイトコピー / Off-site copy",
        match &v.offsite {
            Some(o) if o.error.is_none() => match o.newest_age_days {
                Some(d) => format!(
                    "{d:.1} 日前 / days ago{}",
                    if o.within_policy {
                        ""
                    } else {
                        "（方針外 / outside the policy）"
                    }
                ),
                None => "なし / none".into(),
            },
            Some(_) => "確認できず / could not be read".into(),
            None => "登録なし / not registered".into(),
        },
    );
    rows
}
