//! Verifying backup repositories inside `hoshi serve` (`crate::backups`): queued runs are
//! claimed with a lease (one server runs each; another takes over a run whose server died),
//! the sealed credentials opened, the location checked again against this server's policy,
//! `hoshi_backup::verify` run off the async threads, the result stored with its SHA-256, and
//! the owners mailed when the backup is older than the policy, a check or restore test failed,
//! or the repository could not be read at all. Scheduled runs are queued from the targets.

use std::time::Duration;

use hoshi_backup::{Options, PasswordSource, Policy, RepoSpec};
use hoshi_core::Lang;
use hoshi_store::OrgScope;
use hoshi_store::backups::{self, Run, Target};
use hoshi_store::mail::{self, NewMail};
use sha2::{Digest, Sha256};

use crate::backups::targets::{MainSecret, aad};
use crate::kernel::seal::Sealer;
use crate::{Shared, now};

/// How long a claimed run is the claimant's; longer than a run may take.
const LEASE_SECS: i64 = 3 * 3600;

/// Starts the worker: runs when woken (one was queued here) or every half minute (queued by
/// another server), queues scheduled runs every `tick`.
pub fn spawn(state: Shared) {
    tokio::spawn(async move {
        let tick = state.config.backup.tick;
        let mut last: Option<tokio::time::Instant> = None;
        loop {
            if last.is_none_or(|t| t.elapsed() >= tick) {
                last = Some(tokio::time::Instant::now());
                queue_scheduled(&state).await;
            }
            while run_one(&state).await {}
            tokio::select! {
                _ = state.backup_wake.notified() => {},
                _ = tokio::time::sleep(tick.min(Duration::from_secs(30))) => {},
            }
        }
    });
}

/// Queues the scheduled verifications that are due.
pub async fn queue_scheduled(state: &Shared) -> usize {
    match state
        .db(|s| s.write(|tx| backups::queue_due(tx, now())))
        .await
    {
        Ok(q) => q.len(),
        Err(e) => {
            tracing::warn!(error = ?e, "backup schedules unreadable");
            0
        }
    }
}

/// Claims and runs one queued verification; false when none was waiting.
pub async fn run_one(state: &Shared) -> bool {
    let claim = hoshi_store::new_id();
    let c2 = claim.clone();
    let run = match state
        .db(move |s| s.write(|tx| backups::claim(tx, now(), &c2, LEASE_SECS)))
        .await
    {
        Ok(Some(r)) => r,
        Ok(None) => return false,
        Err(e) => {
            tracing::warn!(error = ?e, "backup queue unreadable");
            return false;
        }
    };
    tracing::info!(run = %run.id, org = %run.org_id, "backup verification started");
    let (st, r) = (state.clone(), run.clone());
    let outcome = match tokio::spawn(async move { execute(&st, &r).await }).await {
        Ok(o) => o,
        Err(e) => {
            tracing::error!(run = %run.id, error = %e, "backup verification ended abnormally");
            Err(
                "確認中に内部エラーが発生しました。\nthe verification stopped on an internal error"
                    .into(),
            )
        }
    };
    let id = run.id.clone();
    let (c, i) = (claim.clone(), id.clone());
    let stored = match &outcome {
        Ok((json, passed)) => {
            let sha = hoshi_store::hex(&Sha256::digest(json.as_bytes()));
            let (json, passed) = (json.clone(), *passed);
            state
                .db(move |s| s.write(|tx| backups::finish(tx, now(), &i, &c, passed, &json, &sha)))
                .await
        }
        Err(message) => {
            let message = message.clone();
            state
                .db(move |s| s.write(|tx| backups::fail(tx, now(), &i, &c, &message)))
                .await
        }
    };
    match stored {
        Ok(true) => {
            let passed = matches!(outcome, Ok((_, true)));
            tracing::info!(run = %id, passed, "backup verification finished");
            if !passed {
                alert(state, &run).await;
            }
        }
        Ok(false) => tracing::warn!(run = %id, "backup run taken over by another server"),
        Err(e) => tracing::warn!(run = %id, error = ?e, "backup result not stored"),
    }
    true
}

fn both(f: &dyn Fn(Lang) -> String) -> String {
    format!("{}\n{}", f(Lang::Ja), f(Lang::En))
}

/// Runs the verification; the error is the reason in Japanese, a line break, then English.
async fn execute(state: &Shared, run: &Run) -> Result<(String, bool), String> {
    let scope = OrgScope::operator(&run.org_id);
    let (s2, tid) = (scope.clone(), run.target_id.clone());
    let (target, (main, offsite)) = state
        .db(move |s| s.read(|c| Ok((backups::get(c, &s2, &tid)?, backups::secrets(c, &s2, &tid)?))))
        .await
        .map_err(|e| format!("{e:?}"))?;
    let policy = state.config.backup.clone();
    let data_dir = state.config.data_dir.clone();
    let shared = state.store.is_shared();
    tokio::task::spawn_blocking(move || {
        verify_blocking(&policy, &data_dir, shared, &target, &main, &offsite)
    })
    .await
    .map_err(|e| e.to_string())?
}

fn verify_blocking(
    policy: &crate::backups::BackupPolicy,
    data_dir: &std::path::Path,
    shared: bool,
    target: &Target,
    main: &str,
    offsite: &str,
) -> Result<(String, bool), String> {
    let sealer = Sealer::open(data_dir, !shared).map_err(|e| {
        format!(
            "保管した認証情報を開けません（{e}）。管理者に連絡してください。\nthe stored credentials cannot be opened ({e}); contact the administrator"
        )
    })?;
    let secret: MainSecret = sealer
        .open_value(&aad(&target.org_id, "main", &target.location), main)
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .ok_or_else(|| {
            "保管したパスワードを開けません。設定画面でパスワードを入力し直してください。\nthe stored password cannot be opened; enter it again in the settings".to_string()
        })?;
    // The location is checked again: a name may point elsewhere since the form was saved.
    let location = policy
        .check_location(&target.location)
        .map_err(|e| both(&|l| e.message(l)))?;
    let mut repo = RepoSpec::new(location, PasswordSource::Value(secret.password.clone()));
    repo.env = secret.env.clone();
    repo.isolated = true;
    let offsite_spec = if target.offsite_location.is_empty() {
        None
    } else {
        let loc = policy
            .check_location(&target.offsite_location)
            .map_err(|e| both(&|l| e.message(l)))?;
        let pw = if offsite.is_empty() {
            secret.password.clone()
        } else {
            sealer
                .open_value(
                    &aad(&target.org_id, "offsite", &target.offsite_location),
                    offsite,
                )
                .map_err(|_| {
                    "保管したオフサイト側のパスワードを開けません。設定画面で入力し直してください。\nthe stored off-site password cannot be opened; enter it again in the settings".to_string()
                })?
        };
        let mut spec = RepoSpec::new(loc, PasswordSource::Value(pw));
        // The main repository's backend keys stay with it: an off-site repository elsewhere
        // gets none (one on the same backend needs its own keys, not yet a field).
        spec.isolated = true;
        Some(spec)
    };
    let tmp = data_dir.join("tmp");
    let _ = std::fs::create_dir_all(&tmp);
    let opts = Options {
        restic: policy.restic.clone(),
        read_data_subset: (target.read_data_percent > 0)
            .then(|| format!("{}%", target.read_data_percent)),
        restore_sample: usize::try_from(target.restore_sample).unwrap_or(0),
        // Restored onto the server's data disk, shared by every organisation.
        max_restore_bytes: 1024 * 1024 * 1024,
        step_timeout: policy.step_timeout,
        offsite: offsite_spec,
        temp_dir: Some(tmp),
        ..Options::default()
    };
    let pol = Policy {
        max_age_days: target.max_age_days as f64,
        host: (!target.host.is_empty()).then(|| target.host.clone()),
        required_paths: target.paths.clone(),
        offsite_max_age_days: None,
    };
    let v = hoshi_backup::verify(&repo, &pol, &opts).map_err(|e| both(&|l| e.message(l)))?;
    let json = serde_json::to_string(&v).map_err(|e| e.to_string())?;
    Ok((json, v.passed()))
}

/// Mails the organisation's owners about a failed verification (once per run).
async fn alert(state: &Shared, run: &Run) {
    if state.config.mail.is_none() {
        return;
    }
    let (org, id, tid) = (run.org_id.clone(), run.id.clone(), run.target_id.clone());
    let base = state.config.public_url.trim_end_matches('/').to_string();
    let queued = state
        .db(move |s| {
            let scope = OrgScope::operator(&org);
            let (run, target, org_name, owners) = s.read(|c| {
                Ok((
                    backups::run(c, &scope, &id)?,
                    backups::get(c, &scope, &tid)?,
                    hoshi_store::orgs::name(c, &org)?,
                    hoshi_store::exposure::owner_emails(c, &org)?,
                ))
            })?;
            let link = format!("{base}/o/{org}/backups/runs/{id}");
            let (subject, body) = alert_text(&org_name, &target, &run, &link);
            s.write(|tx| {
                if !backups::mark_alerted(tx, now(), &id)? {
                    return Ok(0);
                }
                let mut n = 0;
                for r in &owners {
                    if hoshi_mail::check_address(r).is_ok() {
                        mail::enqueue(
                            tx,
                            now(),
                            NewMail {
                                org_id: Some(&org),
                                kind: "backup_alert",
                                ref_id: &id,
                                recipient: r,
                                subject: &subject,
                                body: &body,
                            },
                        )?;
                        n += 1;
                    }
                }
                Ok(n)
            })
        })
        .await;
    match queued {
        Ok(n) if n > 0 => state.mail_wake.notify_one(),
        Ok(_) => {}
        Err(e) => tracing::warn!(error = ?e, "backup alert not queued"),
    }
}

/// The alert: what failed, in Japanese then English, with the link to the result.
fn alert_text(org: &str, target: &Target, run: &Run, link: &str) -> (String, String) {
    let v = run
        .result
        .as_deref()
        .and_then(|r| serde_json::from_str::<serde_json::Value>(r).ok());
    let mut ja = Vec::new();
    let mut en = Vec::new();
    if let Some(e) = &run.error {
        let mut it = e.splitn(2, '\n');
        ja.push(it.next().unwrap_or_default().to_string());
        en.push(it.next().unwrap_or_default().to_string());
    }
    if let Some(findings) = v.as_ref().and_then(|v| v["findings"].as_array()) {
        for f in findings {
            if f["status"].as_str() == Some("met") {
                continue;
            }
            ja.push(format!(
                "{} — {}",
                f["ja"]["title"].as_str().unwrap_or_default(),
                f["ja"]["advice"].as_str().unwrap_or_default()
            ));
            en.push(format!(
                "{} — {}",
                f["en"]["title"].as_str().unwrap_or_default(),
                f["en"]["advice"].as_str().unwrap_or_default()
            ));
        }
    }
    let subject = format!(
        "【hoshi】{org}: バックアップ「{}」の確認で問題が見つかりました",
        target.name
    );
    let body = format!(
        "{org} オーナー各位\n\n\
         hoshi がバックアップ「{name}」を確認したところ、次の問題が見つかりました。\n\
         ランサムウェアなどの被害から戻せるよう、早めに対処してください。\n\n\
         {ja}\n\n\
         詳細: {link}\n\n\
         ----\n\
         hoshi verified the backup \"{name}\" of {org} and found a problem. Fix it soon so that you can recover from ransomware and other damage.\n\n\
         {en}\n\nDetails: {link}\n",
        name = target.name,
        ja = ja
            .iter()
            .map(|l| format!("・{l}"))
            .collect::<Vec<_>>()
            .join("\n"),
        en = en
            .iter()
            .map(|l| format!("- {l}"))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    (subject, body)
}
