//! The restore procedure of one backup repository (SCS 4-3-4-3): who restores, where the
//! password is kept (never the password), the steps — a draft made from the registration until
//! someone writes their own — and the last successful restore test with its figures. Shown,
//! saved over the revision the member saw, downloaded as a printable page, kept as evidence.

use std::collections::HashMap;

use hoshi_core::{BackupTargetId, Status, UserError};
use hoshi_store::backups::{self, Procedure, Run, Target};

use super::result::ResultV;
use super::targets::size;
use crate::evidence::choose::{self, Spec, Suggestion};
use crate::evidence::kept::KeptFile;
use crate::kernel::prelude::*;

#[derive(Deserialize, Default)]
pub struct ProcedureForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    rev: String,
    #[serde(default)]
    responsible: String,
    #[serde(default)]
    password_kept: String,
    #[serde(default)]
    steps: String,
}

/// A first draft of the steps from what hoshi knows about the repository.
fn draft(t: &Target, lang: Lang) -> String {
    let paths = if t.paths.is_empty() {
        match lang {
            Lang::Ja => "（復元したいフォルダー）".to_string(),
            Lang::En => "(the folder to restore)".to_string(),
        }
    } else {
        t.paths.join(" ")
    };
    let host = if t.host.is_empty() {
        String::new()
    } else {
        format!(" --host {}", t.host)
    };
    match lang {
        Lang::Ja => format!(
            "1. 復元が必要になった理由と範囲（いつの時点の、どのファイルか）を責任者と確認し、記録します。\n\
             2. 復元作業用の PC かサーバーで、リポジトリ {loc} に接続できることを確かめます。パスワードは上の保管場所から取り出します。\n\
             3. スナップショットの一覧を表示し、戻したい時点を選びます: restic -r {loc} snapshots{host}\n\
             4. まず別のフォルダーに復元し、中身を確認します: restic -r {loc} restore <スナップショットID> --target /tmp/restore --include {paths}\n\
             5. 内容と件数を確認してから、元の場所へ戻します（上書き前に現在のファイルを退避します）。\n\
             6. 利用者に確認してもらい、作業の日時・担当者・結果を記録します。パスワードを取り出した場合は、保管場所に戻します。\n\
             {offsite}",
            loc = t.location,
            offsite = if t.offsite_location.is_empty() {
                String::new()
            } else {
                format!(
                    "※ このリポジトリが使えないときは、オフサイトのコピー {} から同じ手順で復元します。\n",
                    t.offsite_location
                )
            },
        ),
        Lang::En => format!(
            "1. Agree with the person in charge why a restore is needed and what (which files, from when); record it.\n\
             2. On the PC or server used for the restore, make sure repository {loc} can be reached. Take the password from the place above.\n\
             3. List the snapshots and pick the point to go back to: restic -r {loc} snapshots{host}\n\
             4. Restore into a separate folder first and check it: restic -r {loc} restore <snapshot ID> --target /tmp/restore --include {paths}\n\
             5. Once contents and counts are checked, put the files back (move the current files aside first).\n\
             6. Have the users check, and record date, person and result. Return the password to its place.\n\
             {offsite}",
            loc = t.location,
            offsite = if t.offsite_location.is_empty() {
                String::new()
            } else {
                format!(
                    "If this repository cannot be used, restore the same way from the off-site copy {}.\n",
                    t.offsite_location
                )
            },
        ),
    }
}

/// The figures of the last restore test that passed.
fn test_line(run: Option<&Run>, lang: Lang) -> Option<String> {
    let run = run?;
    let v = ResultV::parse(run.result.as_deref()?)?;
    let r = v.restore?;
    let when = hoshi_core::time::minutes_jst(run.finished_at.unwrap_or(run.requested_at));
    Some(match lang {
        Lang::Ja => format!(
            "{when}: {} 件中 {} 件のファイル（{}）を復元し、スナップショットのハッシュと一致しました（{:.1} 秒）",
            r.sampled,
            r.verified_files,
            size(r.verified_bytes),
            r.total_ms as f64 / 1000.0
        ),
        Lang::En => format!(
            "{when}: {} of {} files ({}) restored and matched the snapshot's hashes ({:.1} s)",
            r.verified_files,
            r.sampled,
            size(r.verified_bytes),
            r.total_ms as f64 / 1000.0
        ),
    })
}

#[derive(Template)]
#[template(path = "backups/procedure.html")]
struct ProcedureT {
    p: Page,
    org_id: String,
    org_name: String,
    can_edit: bool,
    target: Target,
    responsible: String,
    password_kept: String,
    steps: String,
    is_draft: bool,
    updated: String,
    last_test: String,
    fs: FormState,
}

async fn load(
    state: &Shared,
    m: &hoshi_store::orgs::Membership,
    id: &str,
) -> AppResult<(Target, Option<Run>)> {
    let (scope, id) = (m.scope().clone(), id.to_string());
    state
        .db(move |s| {
            s.read(|c| {
                Ok((
                    backups::get(c, &scope, &id)?,
                    backups::last_passed(c, &scope, &id)?,
                ))
            })
        })
        .await
}

async fn render(
    state: &Shared,
    ctx: &Ctx,
    m: &hoshi_store::orgs::Membership,
    id: &str,
    fs: FormState,
    flash: Option<&str>,
) -> AppResult<Response> {
    let (target, last) = load(state, m, id).await?;
    let t = ctx.t();
    let is_draft = target.steps.is_empty();
    let steps = if is_draft {
        draft(&target, ctx.lang)
    } else {
        target.steps.clone()
    };
    let mut p = Page::new(ctx, "bk_procedure").flash(flash.map(|k| match k {
        "saved" => "bk_proc_saved",
        _ => "bk_attached",
    }));
    p.title = format!("{} — {} — {}", t.s("bk_procedure"), target.name, m.org.name);
    Ok(html(ProcedureT {
        p,
        org_id: m.org.id.clone(),
        org_name: m.org.name.clone(),
        can_edit: m.role >= Role::Editor,
        responsible: fs
            .value("procedure", "responsible", &target.responsible)
            .to_string(),
        password_kept: fs
            .value("procedure", "password_kept", &target.password_kept)
            .to_string(),
        steps: fs.value("procedure", "steps", &steps).to_string(),
        is_draft,
        updated: match (&target.procedure_by_name, target.procedure_at) {
            (Some(by), Some(at)) => format!("{} · {by}", ctx.time(at)),
            _ => String::new(),
        },
        last_test: test_line(last.as_ref(), ctx.lang).unwrap_or_default(),
        target,
        fs,
    }))
}

/// `GET /o/{org}/backups/{target}/procedure`
pub async fn procedure_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, BackupTargetId)>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let flash = if q.contains_key("saved") {
        Some("saved")
    } else if q.contains_key("attached") {
        Some("attached")
    } else {
        None
    };
    render(&state, &ctx, &m, id.as_str(), FormState::default(), flash).await
}

/// `POST /o/{org}/backups/{target}/procedure`
pub async fn save(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, BackupTargetId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, ProcedureForm>,
) -> AppResult<Response> {
    let id = id.as_str().to_string();
    let fs = FormState::new(
        "procedure",
        &[
            ("responsible", &f.responsible),
            ("password_kept", &f.password_kept),
            ("steps", &f.steps),
        ],
    );
    let rev: i64 = f
        .rev
        .parse()
        .map_err(|_| AppError::BadRequest(UserError::BadRequest))?;
    let long = [
        ("responsible", &f.responsible, 200),
        ("password_kept", &f.password_kept, 500),
        ("steps", &f.steps, 20_000),
    ]
    .into_iter()
    .find(|(_, v, max)| v.chars().count() > *max);
    let done = match long {
        Some((field, _, max)) => Err(AppError::BadRequest(UserError::TooLong { field, max })),
        None => {
            let uid = ctx.user()?.0.id.clone();
            let (org, tid) = (m.org.id.clone(), id.clone());
            let (r, pk, st) = (
                f.responsible.trim().to_string(),
                f.password_kept.trim().to_string(),
                f.steps.trim().replace("\r\n", "\n"),
            );
            state
                .db(move |s| {
                    s.write(|tx| {
                        backups::save_procedure(
                            tx,
                            now(),
                            &uid,
                            &org,
                            &tid,
                            rev,
                            &Procedure {
                                responsible: &r,
                                password_kept: &pk,
                                steps: &st,
                            },
                        )
                    })
                })
                .await
        }
    };
    match checked(done, fs, ctx.lang)? {
        Ok(_) => Ok(
            Redirect::to(&format!("/o/{}/backups/{id}/procedure?saved=1", m.org.id))
                .into_response(),
        ),
        Err(fs) => Ok(unprocessable(
            render(&state, &ctx, &m, &id, fs, None).await?,
        )),
    }
}

/// The printable page (also the evidence file).
fn document(target: &Target, last: Option<&Run>, org: &str, lang: Lang) -> String {
    let t = Tr::new(lang);
    let steps = if target.steps.is_empty() {
        draft(target, lang)
    } else {
        target.steps.clone()
    };
    let row = |k: &str, v: &str| {
        format!(
            "<tr><th>{}</th><td>{}</td></tr>\n",
            esc(t.s(k)),
            if v.is_empty() {
                "—".to_string()
            } else {
                esc(v)
            }
        )
    };
    let updated = match (&target.procedure_by_name, target.procedure_at) {
        (Some(by), Some(at)) => format!("{} · {by}", hoshi_core::time::minutes_jst(at)),
        _ => t.s("bk_proc_not_written").to_string(),
    };
    let test = test_line(last, lang).unwrap_or_else(|| t.s("bk_proc_no_test").to_string());
    format!(
        "<!doctype html>\n<html lang=\"{lang_code}\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <style>body{{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.7}}\
         th,td{{border:1px solid #999;padding:.3em .6em;text-align:left;vertical-align:top}}\
         table{{border-collapse:collapse;width:100%}}th{{width:14em}}\
         pre{{white-space:pre-wrap;font-family:inherit;border:1px solid #999;padding:.6em}}</style></head><body>\n\
         <h1>{title}</h1>\n<p>{org}</p>\n<table>\n{name}{loc}{off}{resp}{pw}{upd}{test}</table>\n\
         <h2>{steps_h}</h2>\n<pre>{steps}</pre>\n</body></html>\n",
        lang_code = match lang {
            Lang::Ja => "ja",
            Lang::En => "en",
        },
        title = esc(&format!("{} — {}", t.s("bk_procedure"), target.name)),
        org = esc(org),
        name = row("bk_name", &target.name),
        loc = row("bk_location", &target.location),
        off = row("bk_offsite", &target.offsite_location),
        resp = row("bk_proc_responsible", &target.responsible),
        pw = row("bk_proc_password_kept", &target.password_kept),
        upd = row("bk_proc_updated", &updated),
        test = row("bk_proc_last_test", &test),
        steps_h = esc(t.s("bk_proc_steps")),
        steps = esc(&steps),
    )
}

/// `GET /o/{org}/backups/{target}/procedure.html`
pub async fn download_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Viewer>,
    Path((_, id)): Path<(OrgId, BackupTargetId)>,
) -> AppResult<Response> {
    let (target, last) = load(&state, &m, id.as_str()).await?;
    let body = document(&target, last.as_ref(), &m.org.name, ctx.lang);
    Ok(crate::kernel::page::download(
        "text/html; charset=utf-8",
        &format!(
            "restore-procedure-{}.html",
            hoshi_core::time::date_jst(now())
        ),
        body.into_bytes(),
    ))
}

fn spec(ctx: &Ctx, m: &hoshi_store::orgs::Membership, target: &Target, tested: bool) -> Spec {
    let t = ctx.t();
    let written = !target.steps.is_empty() && !target.responsible.is_empty();
    let (status, reason) = match (written, tested) {
        (true, true) => (Some(Status::Met), t.s("bk_proc_suggest")),
        (true, false) => (Some(Status::Partial), t.s("bk_proc_suggest_no_test")),
        (false, _) => (None, t.s("bk_proc_not_written")),
    };
    Spec {
        heading: t.s("bk_proc_attach_title").to_string(),
        intro: t.s("bk_proc_attach_intro").to_string(),
        basis: t.s("bk_procedure").to_string(),
        action: format!("/o/{}/backups/{}/procedure/evidence", m.org.id, target.id),
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
                format!("/o/{}/backups/{}/procedure", m.org.id, target.id),
                t.s("bk_procedure").into(),
            ),
        ],
        // A procedure is reviewed at least yearly.
        default_days: 366,
        suggestions: vec![Suggestion {
            criterion: "4-3-4-3".into(),
            status,
            reason: reason.to_string(),
        }],
    }
}

/// `GET /o/{org}/backups/{target}/procedure/evidence[?a=ASSESSMENT]`
pub async fn attach_page(
    State(state): State<Shared>,
    Member { ctx, m, .. }: Member<Editor>,
    Path((_, id)): Path<(OrgId, BackupTargetId)>,
    Query(q): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let (target, last) = load(&state, &m, id.as_str()).await?;
    let chosen = q.get("a").cloned().unwrap_or_default();
    let spec = spec(&ctx, &m, &target, last.is_some());
    choose::page(&state, &ctx, &m, &spec, &chosen, FormState::default()).await
}

/// `POST /o/{org}/backups/{target}/procedure/evidence`
pub async fn attach(
    State(state): State<Shared>,
    Path((_, id)): Path<(OrgId, BackupTargetId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form,
    }: OrgForm<Editor, Vec<(String, String)>>,
) -> AppResult<Response> {
    let (target, last) = load(&state, &m, id.as_str()).await?;
    let spec = spec(&ctx, &m, &target, last.is_some());
    let body = document(&target, last.as_ref(), &m.org.name, ctx.lang);
    let n = now();
    let made = hoshi_core::time::date_jst(n);
    let title = format!("{} {} {made}", ctx.t().s("bk_procedure"), target.name);
    let done = format!("/o/{}/backups/{}/procedure?attached=1", m.org.id, target.id);
    choose::save(
        &state,
        &ctx,
        &m,
        &spec,
        &form,
        move |days| KeptFile {
            bytes: body.into_bytes(),
            file_name: format!("restore-procedure-{made}.html"),
            media_type: "text/html",
            title,
            expires: hoshi_core::time::date_jst(n + days * 86_400),
            effective: made,
        },
        done,
    )
    .await
}
