//! Backup repositories in the browser, verified with the real `restic` program: a repository
//! registered (its password sealed, never shown, never stored in the clear), a location the
//! server may not open refused at the field, a verification run by the worker with a real
//! restore test, a wrong password giving a clear failure and the owners' alert mail, the
//! schedule, the result and the restore procedure kept as evidence (no file names or location
//! in the file), and other organisations and viewers kept out. Without restic these tests
//! skip with a notice, unless `HOSHI_RESTIC=required` (as CI sets it).

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use hoshi_mail::sink::{Sink, SinkOptions};
use hoshi_mail::{Security, SmtpConfig};

use crate::common::*;

const PASSWORD: &str = "correct-horse-バッテリー-42";

fn restic_present() -> bool {
    match Command::new("restic").arg("version").output() {
        Ok(o) if o.status.success() => true,
        other => {
            if std::env::var("HOSHI_RESTIC").as_deref() == Ok("required") {
                panic!("HOSHI_RESTIC=required but restic cannot run: {other:?}");
            }
            eprintln!("SKIPPED: restic is not installed here (apt-get install restic)");
            false
        }
    }
}

fn restic(repo: &Path, args: &[&str]) {
    let mut cmd = Command::new("restic");
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("RESTIC_") {
            cmd.env_remove(k);
        }
    }
    let out = cmd
        .arg("--repo")
        .arg(repo)
        .arg("--no-cache")
        .args(args)
        .env("RESTIC_PASSWORD", PASSWORD)
        .output()
        .expect("run restic");
    assert!(
        out.status.success(),
        "restic {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A repository under `root/repos/name` with one snapshot of a small tree (Japanese names,
/// a file of several chunks).
fn repository(root: &Path, name: &str) -> std::path::PathBuf {
    let repo = root.join("repos").join(name);
    let data = root.join(format!("data-{name}"));
    std::fs::create_dir_all(data.join("契約書")).unwrap();
    for i in 0..8u8 {
        std::fs::write(
            data.join("契約書").join(format!("見積書-{i}.txt")),
            format!("見積番号 {i}\n").repeat(200 + usize::from(i) * 50),
        )
        .unwrap();
    }
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let big: Vec<u8> = (0..3_000_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    std::fs::write(data.join("顧客台帳.db"), big).unwrap();
    restic(&repo, &["init"]);
    restic(
        &repo,
        &["backup", "--host", "fileserver", data.to_str().unwrap()],
    );
    repo
}

async fn post(c: &mut Client, url: String, csrf: String, fields: Vec<(String, String)>) -> Resp {
    let mut all = vec![("_csrf".to_string(), csrf)];
    all.extend(fields);
    let refs: Vec<(&str, &str)> = all.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    c.post(&url, &refs).await
}

fn smtp(sink: &Sink) -> Arc<SmtpConfig> {
    Arc::new(SmtpConfig {
        host: "127.0.0.1".into(),
        port: sink.addr.port(),
        security: Security::None,
        auth: None,
        from: "hoshi@example.jp".into(),
        from_name: "hoshi".into(),
        helo: "localhost".into(),
        timeout: Duration::from_secs(10),
        extra_roots: vec![],
    })
}

#[tokio::test]
async fn register_verify_alert_and_keep_as_evidence() {
    if !restic_present() {
        return;
    }
    let sink = Sink::start(SinkOptions::default()).await.unwrap();
    let cfg = smtp(&sink);
    let app = app_with(|c| c.mail = Some(cfg));
    let root = app.dir.path().to_path_buf();
    let repo = repository(&root, "main");
    let (mut owner, _, _) = admin(&app).await;
    let org = new_org(&mut owner, "星川精機株式会社").await;
    let page = owner.get(&format!("/o/{org}")).await;
    assert!(page.body.contains(&format!("href=\"/o/{org}/backups\"")));
    let assessment = owner
        .post(
            &format!("/o/{org}/assessments"),
            &[
                ("_csrf", &page.csrf()),
                ("title", "2026年度 自己評価"),
                ("catalog", "scs@2026-03-27:3"),
            ],
        )
        .await
        .location()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();

    let list = owner.get(&format!("/o/{org}/backups")).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("まだバックアップが登録されていません"));
    let form = |loc: &str, pw: &str| {
        vec![
            ("name".to_string(), "ファイルサーバー日次".to_string()),
            ("location".to_string(), loc.to_string()),
            ("password".to_string(), pw.to_string()),
            ("env".to_string(), String::new()),
            ("offsite_location".to_string(), String::new()),
            ("offsite_password".to_string(), String::new()),
            ("host".to_string(), "fileserver".to_string()),
            ("paths".to_string(), String::new()),
            ("max_age_days".to_string(), "2".to_string()),
            ("restore_sample".to_string(), "5".to_string()),
            ("read_data_percent".to_string(), "0".to_string()),
            ("every_days".to_string(), "1".to_string()),
        ]
    };

    // A folder outside the allowed place, and a server inside the server's own network, are
    // refused at the field; nothing is stored.
    for loc in ["/etc", "rest:http://10.1.2.3:8000/"] {
        let r = post(
            &mut owner,
            format!("/o/{org}/backups"),
            list.csrf(),
            form(loc, PASSWORD),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{loc}");
        assert!(
            r.body.contains("このサーバーからは開けません"),
            "{}",
            r.body
        );
        assert!(
            !r.body.contains(PASSWORD),
            "a refused form never shows the password"
        );
    }
    let r = post(
        &mut owner,
        format!("/o/{org}/backups"),
        list.csrf(),
        form(repo.to_str().unwrap(), ""),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("リポジトリのパスワードを入力してください"));

    // Servers sharing a database never make a sealing key of their own: the administrator
    // gives every server the same one, and without it registering is refused plainly.
    if app.state.store.is_shared() {
        let r = post(
            &mut owner,
            format!("/o/{org}/backups"),
            list.csrf(),
            form(repo.to_str().unwrap(), PASSWORD),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("keys/sealing.key"), "{}", r.body);
        hoshi_web::kernel::seal::Sealer::open(&root, true).unwrap();
    }
    // Registered: the password is sealed, never shown, never in the database in the clear.
    let r = post(
        &mut owner,
        format!("/o/{org}/backups"),
        list.csrf(),
        form(repo.to_str().unwrap(), PASSWORD),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let target_url = r.location().to_string();
    let target = owner.get(&target_url).await;
    assert_eq!(target.status, StatusCode::OK);
    assert!(target.body.contains("ファイルサーバー日次"));
    assert!(!target.body.contains(PASSWORD));
    let mut db = Vec::new();
    for e in std::fs::read_dir(&root).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "db" || x == "db-wal") {
            db.extend(std::fs::read(&p).unwrap());
        }
    }
    let needle = PASSWORD.as_bytes();
    assert!(app.state.store.is_shared() || !db.is_empty());
    assert!(
        !db.windows(needle.len()).any(|w| w == needle),
        "the password is stored in the clear"
    );
    let key = std::fs::read_to_string(root.join("keys/sealing.key")).unwrap();
    assert_eq!(key.trim().len(), 64);

    // Verified by the worker: a real restore test of 5 files, all matching.
    let r = owner
        .post(
            &format!("{target_url}/verify"),
            &[("_csrf", &target.csrf())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // A second request while the first waits is refused.
    let again = owner
        .post(
            &format!("{target_url}/verify"),
            &[("_csrf", &target.csrf())],
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("実行中か順番待ち"));
    assert!(hoshi_web::jobs::backups::run_one(&app.state).await);
    assert!(!hoshi_web::jobs::backups::run_one(&app.state).await);
    let target = owner.get(&target_url).await;
    assert!(target.body.contains("問題なし"), "{}", target.body);
    let run_url = format!(
        "/o/{org}/backups/runs/{}",
        target
            .body
            .split(&format!("/o/{org}/backups/runs/"))
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
    );
    let run = owner.get(&run_url).await;
    assert_eq!(run.status, StatusCode::OK);
    assert!(run.body.contains("5 / 5"), "{}", run.body);
    assert!(run.body.contains("方針内"));
    assert!(run.body.contains("4-3-4-1"));
    let (status, _, json) = owner.get_bytes(&format!("{run_url}/result.json")).await;
    assert_eq!(status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["restore"]["verified_files"], 5);
    assert_eq!(v["check"]["ok"], true);
    // Passed: nobody is mailed.
    assert_eq!(hoshi_web::jobs::outbox::deliver_due(&app.state).await, 0);

    // As evidence: 4-3-4-1 suggested met; the kept file names no file and no location.
    let attach = owner
        .get(&format!("{run_url}/evidence?a={assessment}"))
        .await;
    assert_eq!(attach.status, StatusCode::OK, "{}", attach.body);
    assert!(attach.body.contains("status:4-3-4-1"));
    let r = owner
        .post(
            &format!("{run_url}/evidence"),
            &[
                ("_csrf", &attach.csrf()),
                ("assessment", &assessment),
                ("valid_days", "30"),
                ("version:4-3-4-1", "0"),
                ("status:4-3-4-1", "met"),
                ("version:4-3-4-2", "0"),
                ("status:4-3-4-2", "keep"),
                ("version:4-3-4-3", "0"),
                ("status:4-3-4-3", "keep"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let ev = owner.get(&format!("/o/{org}/evidence")).await;
    assert!(ev.body.contains("hoshi-backup-"), "{}", ev.body);
    let eid = ev
        .body
        .split(&format!("/o/{org}/evidence/"))
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let (status, _, file) = owner
        .get_bytes(&format!("/o/{org}/evidence/{eid}/download"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let file = String::from_utf8(file).unwrap();
    assert!(file.contains("5 / 5"), "{file}");
    assert!(
        !file.contains("見積書"),
        "file names must not be in evidence"
    );
    assert!(!file.contains(repo.to_str().unwrap()), "nor the location");
    let a = owner.get(&format!("/o/{org}/a/{assessment}")).await;
    assert_eq!(a.status, StatusCode::OK);

    // The restore procedure: a draft from the registration, saved, printable, evidence.
    let proc_url = format!("{target_url}/procedure");
    let p = owner.get(&proc_url).await;
    assert!(p.body.contains("restic -r"), "{}", p.body);
    assert!(p.body.contains("5 件中 5 件"), "{}", p.body);
    let rev = p
        .body
        .split("name=\"rev\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let r = owner
        .post(
            &proc_url,
            &[
                ("_csrf", &p.csrf()),
                ("rev", &rev),
                ("responsible", "総務部 佐藤"),
                ("password_kept", "総務部の金庫（封筒 B-3）"),
                (
                    "steps",
                    "1. 責任者に連絡する\n2. restic で別フォルダーに戻す",
                ),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // A second save over the old revision is refused, nothing overwritten.
    let stale = owner
        .post(
            &proc_url,
            &[
                ("_csrf", &p.csrf()),
                ("rev", &rev),
                ("responsible", "別の人"),
                ("password_kept", ""),
                ("steps", ""),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _, doc) = owner
        .get_bytes(&format!("{target_url}/procedure.html"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let doc = String::from_utf8(doc).unwrap();
    assert!(doc.contains("総務部 佐藤") && doc.contains("封筒 B-3"));
    assert!(doc.contains("5 件中 5 件"));
    let pa = owner
        .get(&format!("{proc_url}/evidence?a={assessment}"))
        .await;
    assert!(pa.body.contains("手順があり、復元テストに成功しています"));

    // The password changed on the repository side: the next verification fails clearly and
    // the owners are mailed once.
    let target = owner.get(&target_url).await;
    let rev = target
        .body
        .split("name=\"rev\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    // Stored credentials never follow the repository elsewhere: a new location without the
    // password is refused.
    let other = repository(&root, "other");
    let mut moved = form(other.to_str().unwrap(), "");
    moved.push(("rev".into(), rev.clone()));
    let r = post(&mut owner, target_url.clone(), target.csrf(), moved).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("リポジトリのパスワードを入力してください"));
    let mut f = form(repo.to_str().unwrap(), "wrong-password");
    f.push(("rev".into(), rev));
    let r = post(&mut owner, target_url.clone(), target.csrf(), f).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let target = owner.get(&target_url).await;
    owner
        .post(
            &format!("{target_url}/verify"),
            &[("_csrf", &target.csrf())],
        )
        .await;
    assert!(hoshi_web::jobs::backups::run_one(&app.state).await);
    let target = owner.get(&target_url).await;
    assert!(target.body.contains("確認できず"), "{}", target.body);
    assert_eq!(hoshi_web::jobs::outbox::deliver_due(&app.state).await, 1);
    let got = sink.wait_for(1, 5).await;
    assert_eq!(got[0].to, ["admin@example.jp"]);
    let text = got[0].text();
    assert!(text.contains("パスワード"), "{text}");
    assert!(!text.contains("wrong-password"));

    // The schedule: a target due is queued once.
    app.state
        .store
        .write(|tx| {
            use hoshi_store::db::testing::RawWrite as _;
            tx.sql_execute(
                "UPDATE backup_targets SET next_at = 1",
                hoshi_store::params![],
            )?;
            Ok(())
        })
        .unwrap();
    assert_eq!(
        hoshi_web::jobs::backups::queue_scheduled(&app.state).await,
        1
    );
    assert_eq!(
        hoshi_web::jobs::backups::queue_scheduled(&app.state).await,
        0
    );

    // A viewer reads but cannot register or run; another organisation sees nothing.
    let mut viewer = join(&app, &mut owner, &org, "viewer", "viewer@example.jp").await;
    let vp = viewer.get(&target_url).await;
    assert_eq!(vp.status, StatusCode::OK);
    assert!(!vp.body.contains("/verify\""));
    let r = viewer
        .post(&format!("{target_url}/verify"), &[("_csrf", &vp.csrf())])
        .await;
    assert_ne!(r.status, StatusCode::SEE_OTHER);
    let elsewhere = new_org(&mut owner, "別会社").await;
    let mut stranger = join(&app, &mut owner, &elsewhere, "owner", "s@example.jp").await;
    for url in [
        target_url.clone(),
        run_url.clone(),
        format!("{run_url}/result.json"),
        format!("{target_url}/procedure.html"),
    ] {
        assert_eq!(
            stranger.get(&url).await.status,
            StatusCode::NOT_FOUND,
            "{url}"
        );
    }
    // The stranger's own organisation id with the target's id: not found either.
    let crossed = target_url.replace(&org, &elsewhere);
    assert_eq!(stranger.get(&crossed).await.status, StatusCode::NOT_FOUND);
}
