//! The accounts page: the checks kept so far and the upload of exports. Files are told apart by
//! their content (`hoshi_accounts::read`), combined as `hoshi accounts check` combines them, and
//! checked; a file that cannot be read refuses the whole upload with every problem named (file,
//! row, column), and nothing is stored.

use axum::extract::Multipart;
use hoshi_accounts::{Options, Report, Severity};
use hoshi_core::UserError;
use hoshi_store::account_checks::{self, AccountCheck, NewCheck};
use serde_json::json;
use sha2::Digest as _;

use super::{
    CriterionStatus, SourceCount, SummaryDoc, format_label, severity_class, severity_code,
    severity_of, status_code,
};
use crate::kernel::prelude::*;
use crate::kernel::upload::{too_large, unreadable};

/// At most this many files in one check.
const MAX_FILES: usize = 10;
/// Checks listed on the page.
const LISTED: i64 = 50;
/// The longest "days without use" accepted (ten years).
const MAX_STALE_DAYS: i64 = 3650;

pub(super) struct CheckRow {
    pub id: String,
    pub when: String,
    pub by: String,
    pub sources: String,
    pub accounts: i64,
    pub findings: i64,
    pub worst: String,
    pub worst_class: &'static str,
}

#[derive(Template)]
#[template(path = "accounts/list.html")]
struct ListT {
    p: Page,
    org_id: String,
    org_name: String,
    can_edit: bool,
    fs: FormState,
    stale_days: String,
    /// The largest upload, all files together, in MB.
    max_mb: usize,
    checks: Vec<CheckRow>,
}

/// The files a check read, as the page lists them: "format (n accounts)".
pub(super) fn sources_text(t: &Tr, sources: &[SourceCount]) -> String {
    sources
        .iter()
        .map(|s| {
            let period = s
                .period
                .as_ref()
                .map_or_else(String::new, |(from, to)| format!(" {from}〜{to}"));
            format!(
                "{} ({} {}{period})",
                format_label(t.lang, &s.format),
                s.rows,
                t.s("accounts_rows")
            )
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn check_row(ctx: &Ctx, c: &AccountCheck) -> CheckRow {
    let t = ctx.t();
    // The sources column also names the files (for members); only formats and counts are shown.
    let sources: Vec<SourceCount> = serde_json::from_str(&c.sources).unwrap_or_default();
    let worst = severity_of(&c.worst);
    CheckRow {
        id: c.id.clone(),
        when: ctx.time(c.created_at),
        by: c.created_by_name.clone(),
        sources: sources_text(&t, &sources),
        accounts: c.accounts,
        findings: c.findings,
        worst: worst.map_or_else(String::new, |s| s.label(ctx.lang).to_string()),
        worst_class: worst.map_or("", severity_class),
    }
}

/// The accounts page, with `fs` when its upload form is shown again.
pub(super) async fn render_list(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    fs: FormState,
) -> AppResult<Response> {
    let scope = m.scope().clone();
    let checks = state
        .db(move |s| s.read(|c| account_checks::list(c, &scope, LISTED)))
        .await?;
    let t = ctx.t();
    let mut p = Page::new(ctx, "accounts_title");
    p.title = format!("{} — {}", t.s("accounts_title"), m.org.name);
    Ok(html(ListT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        can_edit: m.role >= Role::Editor,
        stale_days: fs
            .value(
                "upload",
                "stale_days",
                &Options::DEFAULT_STALE_DAYS.to_string(),
            )
            .to_string(),
        fs,
        max_mb: state.config.max_upload.div_ceil(1024 * 1024),
        checks: checks.iter().map(|c| check_row(ctx, c)).collect(),
    }))
}

/// `GET /o/{org}/accounts`
pub async fn list_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
) -> AppResult<Response> {
    render_list(&state, &ctx, &m, FormState::default()).await
}

/// What the upload form sent.
#[derive(Default)]
struct Sent {
    csrf: String,
    stale_days: String,
    /// (file name, bytes); parts without a file chosen are left out.
    files: Vec<(String, Vec<u8>)>,
}

/// Reads the form: every `file` part (at most `limit` bytes each), `stale_days` and the CSRF
/// field.
async fn read_sent(mut mp: Multipart, limit: usize) -> Result<Sent, UserError> {
    let mut sent = Sent::default();
    while let Some(field) = mp.next_field().await.map_err(|e| unreadable(&e, limit))? {
        let name = field.name().unwrap_or("").to_string();
        if name == "file" {
            let file_name = field.file_name().unwrap_or("").to_string();
            let bytes = field.bytes().await.map_err(|e| unreadable(&e, limit))?;
            if bytes.len() > limit {
                return Err(too_large(limit));
            }
            // A browser sends an empty part when no file was chosen.
            if !(bytes.is_empty() && file_name.is_empty()) {
                sent.files.push((file_name, bytes.to_vec()));
            }
            continue;
        }
        let text = field.text().await.map_err(|_| UserError::BadRequest)?;
        if text.len() > 4000 {
            return Err(UserError::BadRequest);
        }
        match name.as_str() {
            "_csrf" => sent.csrf = text,
            "stale_days" => sent.stale_days = text.trim().to_string(),
            _ => {}
        }
    }
    Ok(sent)
}

/// A check ready to keep.
struct Done {
    report: String,
    summary: String,
    sources: String,
    sha256: String,
    accounts: i64,
    findings: i64,
    worst: String,
    today: String,
}

/// The findings that ask for action (administrator IDs are listed for information only).
fn actionable(r: &Report) -> impl Iterator<Item = &hoshi_accounts::Finding> {
    r.findings.iter().filter(|f| f.severity != Severity::Info)
}

/// The counts-only summary: no account name or ID, no file name, nothing from a cell.
fn summary_of(r: &Report, opts: &Options, sources: &[SourceCount]) -> SummaryDoc {
    let s = &r.summary;
    SummaryDoc {
        format: 1,
        kind: SummaryDoc::KIND.to_string(),
        today: opts.today.iso(),
        stale_days: opts.stale_days,
        sources: sources.to_vec(),
        accounts: s.accounts,
        enabled: s.enabled,
        admins: s.admins,
        mfa_known: s.mfa_known,
        mfa_missing: s.mfa_missing,
        counts: s
            .counts
            .iter()
            .map(|(c, n)| (c.code().to_string(), *n))
            .collect(),
        statuses: s
            .statuses
            .iter()
            .map(|c| CriterionStatus {
                criterion: c.criterion.to_string(),
                status: status_code(c.status).to_string(),
            })
            .collect(),
    }
}

fn to_json(v: &impl serde::Serialize) -> AppResult<String> {
    let mut s = serde_json::to_string_pretty(v)
        .map_err(|e| AppError::Internal(format!("account check JSON: {e}")))?;
    s.push('\n');
    Ok(s)
}

/// Reads, combines and checks the files; the problems of every file that could not be read,
/// one line each with the file's name first.
fn run_check(
    files: Vec<(String, Vec<u8>)>,
    today: &str,
    stale_days: i64,
    lang: Lang,
) -> AppResult<Result<Done, Vec<String>>> {
    let day = hoshi_accounts::date::parse(today)
        .ok_or_else(|| AppError::Internal(format!("today is not a date: {today}")))?;
    let opts = Options {
        today: day,
        stale_days,
    };
    let mut exports = Vec::new();
    let mut named = Vec::new();
    let mut problems = Vec::new();
    for (name, bytes) in files {
        match hoshi_accounts::read(&bytes, None) {
            Ok(e) => {
                let source = SourceCount {
                    format: e.format.code().to_string(),
                    rows: e.accounts.len(),
                    period: e.period.map(|(from, to)| (from.iso(), to.iso())),
                };
                named.push((name, source));
                exports.push(e);
            }
            Err(e) => problems.extend(e.message(lang).lines().map(|l| format!("{name}: {l}"))),
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    // A sign-in log needs an account list beside it (alone it shows only the accounts used).
    let accounts = match hoshi_accounts::try_combine(exports) {
        Ok(a) => a,
        Err(e) => return Ok(Err(e.message(lang).lines().map(str::to_string).collect())),
    };
    let report = hoshi_accounts::check(&accounts, &opts);
    let sources: Vec<SourceCount> = named.iter().map(|(_, s)| s.clone()).collect();
    let files_json: Vec<_> = named
        .iter()
        .map(|(file, s)| {
            let mut v = json!({"file": file, "format": s.format, "rows": s.rows});
            if let Some((from, to)) = &s.period {
                v["period"] = json!([from, to]);
            }
            v
        })
        .collect();
    let full = to_json(&json!({
        "format": 1,
        "today": opts.today.iso(),
        "stale_days": opts.stale_days,
        "sources": files_json,
        "findings": report.findings,
        "summary": report.summary,
    }))?;
    let worst = actionable(&report).map(|f| f.severity).min();
    Ok(Ok(Done {
        sha256: hoshi_store::hex(&sha2::Sha256::digest(full.as_bytes())),
        report: full,
        summary: to_json(&summary_of(&report, &opts, &sources))?,
        sources: serde_json::Value::from(files_json).to_string(),
        accounts: report.summary.accounts as i64,
        findings: actionable(&report).count() as i64,
        worst: worst.map_or("", severity_code).to_string(),
        today: opts.today.iso(),
    }))
}

/// The days-unused field: empty gives the default.
fn stale_days(text: &str) -> Option<i64> {
    if text.is_empty() {
        return Some(Options::DEFAULT_STALE_DAYS);
    }
    text.parse::<i64>()
        .ok()
        .filter(|d| (1..=MAX_STALE_DAYS).contains(d))
}

/// `POST /o/{org}/accounts`: fields `file` (one or more), `stale_days`.
pub async fn upload(State(state): State<Shared>, upload: OrgUpload<Editor>) -> AppResult<Response> {
    // Who may act is settled before the body is read.
    let (Member { ctx, m, .. }, mp) = upload.into_parts();
    let sent = match read_sent(mp, state.config.max_upload).await {
        Ok(s) => s,
        Err(e) => {
            // Nothing is changed: the form is shown again without checking the token.
            let fs = FormState::new("upload", &[]).problem(&e, ctx.lang);
            return Ok(unprocessable(render_list(&state, &ctx, &m, fs).await?));
        }
    };
    ctx.check_csrf(&sent.csrf)?;
    let t = ctx.t();
    let mut fs = FormState::new("upload", &[("stale_days", &sent.stale_days)]);
    let days = stale_days(&sent.stale_days);
    if days.is_none() {
        fs = fs.message(Some("stale_days"), t.s("accounts_stale_bad").to_string());
    }
    if sent.files.is_empty() {
        fs = fs.message(Some("file"), t.s("accounts_no_file").to_string());
    } else if sent.files.len() > MAX_FILES {
        fs = fs.message(Some("file"), t.s("accounts_too_many_files").to_string());
    }
    let (Some(days), true) = (days, fs.is_empty()) else {
        return Ok(unprocessable(render_list(&state, &ctx, &m, fs).await?));
    };
    let (lang, day) = (ctx.lang, today());
    let done = tokio::task::spawn_blocking(move || run_check(sent.files, &day, days, lang))
        .await
        .map_err(|e| AppError::Internal(format!("account check: {e}")))??;
    let done = match done {
        Ok(d) => d,
        Err(lines) => {
            for l in lines {
                fs = fs.message(Some("file"), l);
            }
            return Ok(unprocessable(render_list(&state, &ctx, &m, fs).await?));
        }
    };
    let uid = ctx.user()?.0.id.clone();
    let org = m.org.id.clone();
    let id = state
        .db(move |s| {
            s.write(|tx| {
                account_checks::insert(
                    tx,
                    now(),
                    &uid,
                    &org,
                    NewCheck {
                        today: &done.today,
                        stale_days: days,
                        sources: &done.sources,
                        report: &done.report,
                        summary: &done.summary,
                        sha256: &done.sha256,
                        accounts: done.accounts,
                        findings: done.findings,
                        worst: &done.worst,
                    },
                )
            })
        })
        .await?;
    Ok(Redirect::to(&format!("/o/{}/accounts/{id}", m.org.id)).into_response())
}
