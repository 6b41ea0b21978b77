//! The exposure check in the browser: declaring targets (addresses this server may not scan
//! refused at the form, a range waiting for an owner), a real scan of responders on loopback run
//! by the worker, the result worst first, the alert mail for a new critical finding, the
//! difference to the previous scan, and a scan as evidence with the answers it suggests.

use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use hoshi_mail::sink::{Sink, SinkOptions};
use hoshi_mail::{Security, SmtpConfig};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

use crate::common::*;

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

/// A VNC server on loopback: its version line, then the security types — `None` (1, anyone
/// gets the screen) when `open`, VNC authentication (2) otherwise.
async fn vnc(open: bool) -> (u16, tokio::task::JoinHandle<()>) {
    let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = l.local_addr().unwrap().port();
    let h = tokio::spawn(async move {
        loop {
            let Ok((mut s, _)) = l.accept().await else {
                return;
            };
            tokio::spawn(async move {
                if s.write_all(b"RFB 003.008\n").await.is_err() {
                    return;
                }
                let mut v = [0u8; 12];
                if s.read_exact(&mut v).await.is_err() {
                    return;
                }
                let _ = s.write_all(&[1, if open { 1 } else { 2 }]).await;
                let mut rest = [0u8; 64];
                let _ = tokio::time::timeout(Duration::from_secs(5), s.read(&mut rest)).await;
            });
        }
    });
    (port, h)
}

/// An FTP server's greeting, answering every command as not implemented.
async fn ftp() -> (u16, tokio::task::JoinHandle<()>) {
    let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = l.local_addr().unwrap().port();
    let h = tokio::spawn(async move {
        loop {
            let Ok((mut s, _)) = l.accept().await else {
                return;
            };
            tokio::spawn(async move {
                if s.write_all(b"220 (vsFTPd 3.0.3)\r\n").await.is_err() {
                    return;
                }
                let mut buf = [0u8; 512];
                while let Ok(Ok(n)) =
                    tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf)).await
                {
                    if n == 0
                        || s.write_all(b"502 Command not implemented.\r\n")
                            .await
                            .is_err()
                    {
                        return;
                    }
                }
            });
        }
    });
    (port, h)
}

/// An organisation with one ★3 self-assessment; returns its id and the assessment's.
async fn org_with_assessment(c: &mut Client) -> (String, String) {
    let org = new_org(c, "星川精機株式会社").await;
    let page = c.get(&format!("/o/{org}")).await;
    let a = c
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
    (org, a)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn declare_scan_compare_alert_and_attach_as_evidence() {
    let sink = Sink::start(SinkOptions::default()).await.unwrap();
    let cfg = smtp(&sink);
    let app = app_with(|c| c.mail = Some(cfg));
    let (mut owner, _, _) = admin(&app).await;
    let (org, assessment) = org_with_assessment(&mut owner).await;
    let exposure = format!("/o/{org}/exposure");

    // The criteria a scan speaks to point to it from the self-assessment.
    let cat = owner.get(&format!("/o/{org}/a/{assessment}/c/4")).await;
    let at = cat.body.find("id=\"c-4-5-1-4\"").unwrap();
    let next = at + cat.body[at..].find("</article>").unwrap();
    assert!(cat.body[at..next].contains(&format!("href=\"/o/{org}/exposure\"")));
    let other = cat.body.find("id=\"c-4-1-1-1\"").unwrap();
    let end = other + cat.body[other..].find("</article>").unwrap();
    assert!(!cat.body[other..end].contains("/exposure"));

    // The page explains itself; nothing declared yet.
    let page = owner.get(&exposure).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("外部公開状況の検査"), "{}", page.body);
    assert!(page.body.contains("まだ登録されていません"));

    // A private address is refused at the form, in Japanese, beside the field; nothing stored.
    let r = owner
        .post(
            &format!("{exposure}/targets"),
            &[("_csrf", &page.csrf()), ("target", "192.168.1.1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("インターネットから見えない"), "{}", r.body);
    assert!(r.body.contains("id=\"target-error\""));
    assert!(
        r.body.contains("value=\"192.168.1.1\""),
        "what was typed stays"
    );
    assert!(r.body.contains("まだ登録されていません"));

    // This test server allows loopback (its administrator's --scan-allow).
    let r = owner
        .post(
            &format!("{exposure}/targets"),
            &[("_csrf", &page.csrf()), ("target", "127.0.0.1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Declared twice: said so.
    let r = owner
        .post(
            &format!("{exposure}/targets"),
            &[("_csrf", &page.csrf()), ("target", " 127.0.0.1 ")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("登録済み"), "{}", r.body);
    // An owner's range needs the confirmation box.
    let r = owner
        .post(
            &format!("{exposure}/targets"),
            &[("_csrf", &page.csrf()), ("target", "127.0.1.0/30")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"confirm-error\""), "{}", r.body);
    // An editor's range waits for an owner and is not scanned meanwhile.
    let mut editor = join(&app, &mut owner, &org, "editor", "editor@example.jp").await;
    let epage = editor.get(&exposure).await;
    assert!(!epage.body.contains("action=\"/o/{org}/exposure/scans\""));
    let r = editor
        .post(
            &format!("{exposure}/targets"),
            &[("_csrf", &epage.csrf()), ("target", "127.0.2.0/30")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = owner.get(&exposure).await;
    assert!(page.body.contains("オーナーの確認待ち"), "{}", page.body);
    // Editors do not run scans.
    let r = editor
        .post(
            &format!("{exposure}/scans"),
            &[("_csrf", &epage.csrf()), ("ports", "top")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Nothing counts yet: the owner's address waits for the instance's administrator, the
    // editor's range for an owner.
    let r = owner
        .post(
            &format!("{exposure}/scans"),
            &[("_csrf", &page.csrf()), ("ports", "top")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("スキャンできる対象がありません"),
        "{}",
        r.body
    );
    assert!(page.body.contains("管理者の承認待ち"), "{}", page.body);
    // The administrator (here the same person) sees only confirmed targets, and approves.
    let admin_page = owner.get("/admin/scan-targets").await;
    assert_eq!(admin_page.status, StatusCode::OK);
    assert!(
        admin_page.body.contains("<code>127.0.0.1</code>"),
        "{}",
        admin_page.body
    );
    assert!(admin_page.body.contains("星川精機株式会社"));
    assert!(
        !admin_page.body.contains("127.0.2.0/30"),
        "the editor's range is not confirmed"
    );
    let marker = "action=\"/admin/scan-targets/";
    let i = admin_page.body.find(marker).unwrap() + marker.len();
    let tid = admin_page.body[i..i + 32].to_string();
    let r = owner
        .post(
            &format!("/admin/scan-targets/{tid}"),
            &[("_csrf", &admin_page.csrf()), ("action", "approve")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Editors never see the administrator's list.
    assert_eq!(
        editor.get("/admin/scan-targets").await.status,
        StatusCode::NOT_FOUND
    );
    let page = owner.get(&exposure).await;
    assert!(!page.body.contains("管理者の承認待ち"), "{}", page.body);

    // The first scan: an open VNC server (anyone gets the screen: critical).
    let (vnc_port, vnc_task) = vnc(true).await;
    let r = owner
        .post(
            &format!("{exposure}/scans"),
            &[("_csrf", &page.csrf()), ("ports", &vnc_port.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let first = r.location().to_string();
    let waiting = owner.get(&first).await;
    assert!(waiting.body.contains("順番待ち"), "{}", waiting.body);
    assert!(waiting.headers.contains_key("refresh"));
    // A second one while the first waits: refused.
    let r = owner
        .post(
            &format!("{exposure}/scans"),
            &[("_csrf", &page.csrf()), ("ports", "top")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("実行中か順番待ち"), "{}", r.body);

    assert!(hoshi_web::jobs::scans::run_one(&app.state).await);
    assert!(
        !hoshi_web::jobs::scans::run_one(&app.state).await,
        "nothing left"
    );
    let done = owner.get(&first).await;
    assert_eq!(done.status, StatusCode::OK);
    assert!(done.body.contains("完了"), "{}", done.body);
    assert!(!done.headers.contains_key("refresh"));
    assert!(done.body.contains("緊急"), "{}", done.body);
    assert!(done.body.contains("VNC"), "{}", done.body);
    assert!(done.body.contains(&format!("127.0.0.1 : {vnc_port}")));
    // The report as hoshi scan writes it: only the confirmed targets were scanned.
    let (status, _, json) = owner.get_bytes(&format!("{first}/report.json")).await;
    assert_eq!(status, StatusCode::OK);
    let report: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(
        report["request"]["targets"],
        serde_json::json!(["127.0.0.1"])
    );
    assert_eq!(report["hosts"][0]["ports"][0]["port"], vnc_port);
    assert_eq!(report["summary"]["worst"], "critical");
    assert_eq!(
        report["hosts"][0]["ports"][0]["findings"][0]["translation"]["lang"],
        "en"
    );
    let sha = hex(&Sha256::digest(&json));
    assert!(
        done.body.contains(&sha),
        "the page shows the report's SHA-256"
    );

    // An English reader reads the same stored report in English.
    let mut english = join(&app, &mut owner, &org, "viewer", "reader@example.jp").await;
    let p = english.get("/account").await;
    english
        .post("/lang", &[("_csrf", &p.csrf()), ("lang", "en")])
        .await;
    let en = english.get(&first).await;
    assert!(
        en.body
            .contains("Remote screen sharing (VNC) answers from the internet"),
        "{}",
        en.body
    );
    assert!(!en.body.contains("画面共有"));

    // The owners are told by mail.
    assert_eq!(hoshi_web::jobs::outbox::deliver_due(&app.state).await, 1);
    let got = sink.wait_for(1, 5).await;
    assert_eq!(got[0].to, ["admin@example.jp"]);
    let text = got[0].text();
    assert!(text.contains("緊急の問題"), "{text}");
    assert!(text.contains(&format!("127.0.0.1:{vnc_port}")), "{text}");

    // The second scan: the VNC server is gone, an FTP server is new.
    vnc_task.abort();
    drop(vnc_task);
    tokio::time::sleep(Duration::from_millis(100)).await;
    let (ftp_port, _ftp) = ftp().await;
    let r = owner
        .post(
            &format!("{exposure}/scans"),
            &[
                ("_csrf", &page.csrf()),
                ("ports", &format!("{vnc_port},{ftp_port}")),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let second = r.location().to_string();
    assert!(hoshi_web::jobs::scans::run_one(&app.state).await);
    let diff = owner.get(&second).await;
    assert!(diff.body.contains("前回の検査との違い"), "{}", diff.body);
    let new_at = diff
        .body
        .find("新たに見つかった問題")
        .expect("new findings");
    let fixed_at = diff.body.find("解消した問題").expect("fixed findings");
    let new_part = &diff.body[new_at..fixed_at];
    assert!(new_part.contains(&format!(": {ftp_port}")), "{new_part}");
    assert!(diff.body[fixed_at..].contains(&format!(": {vnc_port}")));
    // No new critical finding: no mail.
    assert_eq!(hoshi_web::jobs::outbox::deliver_due(&app.state).await, 0);

    // Rescans every week: a bad interval is said beside its field; once due, the schedule
    // queues a scan by itself (here made due by moving its time back).
    let page = owner.get(&exposure).await;
    let r = owner
        .post(
            &format!("{exposure}/schedule"),
            &[("_csrf", &page.csrf()), ("every", "365"), ("ports", "top")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"every-error\""), "{}", r.body);
    let r = owner
        .post(
            &format!("{exposure}/schedule"),
            &[
                ("_csrf", &page.csrf()),
                ("every", "7"),
                ("ports", &ftp_port.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(owner.get(&exposure).await.body.contains("次回"));
    assert_eq!(hoshi_web::jobs::scans::queue_scheduled(&app.state).await, 0);
    app.state
        .store
        .write(|tx| {
            use hoshi_store::db::testing::RawWrite as _;
            tx.sql_execute(
                "UPDATE scan_schedules SET next_at = 0",
                hoshi_store::params![],
            )
        })
        .unwrap();
    assert_eq!(hoshi_web::jobs::scans::queue_scheduled(&app.state).await, 1);
    assert!(hoshi_web::jobs::scans::run_one(&app.state).await);
    let list = owner.get(&exposure).await;
    assert!(list.body.contains("定期検査"), "{}", list.body);
    assert_eq!(
        list.body.matches("/exposure/scans/").count(),
        3,
        "three scans"
    );

    // The first scan as evidence of the self-assessment (the only one: chosen already).
    let attach = owner.get(&format!("{first}/evidence")).await;
    assert_eq!(attach.status, StatusCode::OK, "{}", attach.body);
    assert!(attach.body.contains("4-5-1-4"), "{}", attach.body);
    assert!(attach.body.contains("検査からの案"));
    // 4-5-1-4 (block unauthenticated inbound traffic): the critical finding argues "not met",
    // preselected; 3-1-2-2 (know your network devices) cannot be judged from outside.
    let row = |crit: &str| {
        let i = attach
            .body
            .find(&format!("name=\"status:{crit}\""))
            .unwrap();
        let end = i + attach.body[i..].find("</select>").unwrap();
        attach.body[i..end].to_string()
    };
    assert!(
        row("4-5-1-4").contains("value=\"not-met\" selected"),
        "{}",
        row("4-5-1-4")
    );
    // Versions and patches concern every system: a scan without such findings suggests nothing.
    assert!(
        row("4-4-4-1").contains("value=\"keep\" selected"),
        "{}",
        row("4-4-4-1")
    );
    assert!(!row("4-4-4-1").contains("value=\"met\""));
    // The versions of the answers as the page showed them go back with the form.
    let versions = shown_versions(&attach.body);
    assert_eq!(versions.len(), 5, "{versions:?}");
    let form = |extra: &[(&'static str, &'static str)]| {
        let mut f: Vec<(String, String)> = vec![
            ("_csrf".into(), attach.csrf()),
            ("assessment".into(), assessment.clone()),
        ];
        f.extend(versions.iter().cloned());
        f.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        f
    };
    // A bad validity is said beside its field, nothing is stored.
    let bad = form(&[("valid_days", "0"), ("status:4-5-1-4", "not-met")]);
    let bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = owner.post(&format!("{first}/evidence"), &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("1〜366"), "{}", r.body);
    let ev = owner.get(&format!("/o/{org}/evidence")).await;
    assert!(!ev.body.contains("外部公開状況の検査結果"));
    // Meanwhile someone else answers 4-5-1-4: the form's version is stale, nothing is
    // overwritten and nothing is stored.
    let cat = owner.get(&format!("/o/{org}/a/{assessment}/c/4")).await;
    let saved = owner
        .post(
            &format!("/o/{org}/a/{assessment}/c/4/answers"),
            &[
                ("_csrf", &cat.csrf()),
                ("version.4-5-1-4", "0"),
                ("status.4-5-1-4", "partial"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let good = form(&[
        ("valid_days", "90"),
        ("status:4-5-1-4", "not-met"),
        ("status:4-4-4-1", "keep"),
    ]);
    let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = owner.post(&format!("{first}/evidence"), &good).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let ev = owner.get(&format!("/o/{org}/evidence")).await;
    assert!(!ev.body.contains("外部公開状況の検査結果"));
    // Shown again, the page has the new answer and its version; now it saves.
    let attach = owner.get(&format!("{first}/evidence")).await;
    assert!(attach.body.contains("一部実施"));
    let fresh = shown_versions(&attach.body);
    let mut good: Vec<(String, String)> = vec![
        ("_csrf".into(), attach.csrf()),
        ("assessment".into(), assessment.clone()),
        ("valid_days".into(), "90".into()),
        ("status:4-5-1-4".into(), "not-met".into()),
        ("status:4-4-4-1".into(), "keep".into()),
    ];
    good.extend(fresh);
    let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = owner.post(&format!("{first}/evidence"), &good).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let flash = owner.get(r.location()).await;
    assert!(flash.body.contains("証跡として保存しました"));
    // Stored as a file whose bytes are the report (the same SHA-256), dated, valid for 90 days,
    // linked to the criteria; the answer the owner took is saved, the one kept is untouched.
    let ev = owner.get(&format!("/o/{org}/evidence")).await;
    assert!(ev.body.contains("外部公開状況の検査結果"), "{}", ev.body);
    let i = ev.body.find("/download\"").unwrap();
    let eid = ev.body[i - 32..i].to_string();
    let (_, _, file) = owner
        .get_bytes(&format!("/o/{org}/evidence/{eid}/download"))
        .await;
    assert_eq!(hex(&Sha256::digest(&file)), sha);
    let answers = app
        .state
        .store
        .read(|c| {
            let scope = hoshi_store::OrgScope::operator(&org);
            hoshi_store::assessments::answers(c, &scope, &assessment)
        })
        .unwrap();
    assert_eq!(answers["4-5-1-4"].answer.status, hoshi_core::Status::NotMet);
    assert!(!answers.contains_key("4-4-4-1"));
    let uses = app
        .state
        .store
        .read(|c| {
            let scope = hoshi_store::OrgScope::operator(&org);
            hoshi_store::evidence::uses(c, &scope, &eid)
        })
        .unwrap();
    let linked: Vec<&str> = uses.iter().map(|(_, c)| c.as_str()).collect();
    assert_eq!(
        linked,
        ["4-4-4-1", "4-4-4-2", "4-5-1-4", "4-5-1-5", "4-5-1-7"],
        "the criteria the scan informs"
    );

    // A buyer the supplier shares everything with sees the file marked as hoshi's own scan.
    let buyer = new_org(&mut owner, "発注自動車株式会社").await;
    let rel = "5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e";
    app.state
        .store
        .write(|tx| {
            use hoshi_store::db::testing::{RawSql as _, RawWrite as _};
            let uid: String = tx.sql_row(
                "SELECT id FROM users WHERE email = 'admin@example.jp'",
                hoshi_store::params![],
                |r| r.get(0),
            )?;
            tx.sql_execute(
                "INSERT INTO relationships (id, buyer_org, supplier_org, supplier_name, corporate_number, q_confidential, q_delay, q_access, required_level, created_by, created_at, accepted_at)
                 VALUES (?1, ?2, ?3, '星川精機株式会社', '1234567890123', FALSE, FALSE, FALSE, 3, ?4, 1, 2)",
                hoshi_store::params![rel, buyer, org, uid],
            )?;
            tx.sql_execute(
                "INSERT INTO shares (relationship_id, assessment_id, scope, shared_by, shared_at) VALUES (?1, ?2, 'full', ?3, 3)",
                hoshi_store::params![rel, assessment, uid],
            )
        })
        .unwrap();
    let view = owner.get(&format!("/o/{buyer}/suppliers/{rel}")).await;
    assert_eq!(view.status, StatusCode::OK, "{}", view.body);
    assert!(
        view.body.contains("外部公開状況の検査結果"),
        "{}",
        view.body
    );
    assert!(view.body.contains("hoshi の検査結果"), "{}", view.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_administrators_permission_local_addresses_are_never_scanned() {
    // A server with the default policy: internet addresses only.
    let app = app_with(|c| c.scan = hoshi_web::exposure::ScanPolicy::default());
    let (mut owner, _, _) = admin(&app).await;
    let (org, _) = org_with_assessment(&mut owner).await;
    let exposure = format!("/o/{org}/exposure");
    let page = owner.get(&exposure).await;
    for t in ["127.0.0.1", "::1", "10.0.0.0/29", "169.254.169.254"] {
        let r = owner
            .post(
                &format!("{exposure}/targets"),
                &[("_csrf", &page.csrf()), ("target", t)],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{t}");
    }
    // Names only a local network knows are refused at the form.
    for t in [
        "localhost",
        "metadata.google.internal",
        "nas.local",
        "redis",
    ] {
        let r = owner
            .post(
                &format!("{exposure}/targets"),
                &[("_csrf", &page.csrf()), ("target", t)],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{t}");
        assert!(
            r.body.contains("社内やサーバー内でしか通用しない名前"),
            "{}",
            r.body
        );
    }
    // A name is checked again when the scan resolves it (its DNS may point elsewhere since it
    // was declared): here one that resolves to loopback, declared and approved in the store.
    app.state
        .store
        .write(|tx| {
            let uid: String = {
                use hoshi_store::db::testing::RawSql as _;
                tx.sql_row(
                    "SELECT id FROM users WHERE email = 'admin@example.jp'",
                    hoshi_store::params![],
                    |r| r.get(0),
                )?
            };
            let t = hoshi_store::exposure::declare(
                tx,
                1,
                &uid,
                &org,
                hoshi_store::exposure::NewTarget {
                    target: "localhost",
                    kind: "host",
                    addresses: 1,
                    confirmed: true,
                },
            )?;
            hoshi_store::exposure::decide(tx, 2, &uid, &t.id, true)
        })
        .unwrap();
    let r = owner
        .post(
            &format!("{exposure}/scans"),
            &[("_csrf", &page.csrf()), ("ports", "1-1024")],
        )
        .await;
    let scan = r.location().to_string();
    assert!(hoshi_web::jobs::scans::run_one(&app.state).await);
    let failed = owner.get(&scan).await;
    assert!(failed.body.contains("失敗"), "{}", failed.body);
    assert!(
        failed.body.contains("スキャンできません"),
        "{}",
        failed.body
    );
    assert!(!failed.body.contains("report.json"));
    assert!(
        !failed.body.contains("127.0.0.1") && !failed.body.contains("::1"),
        "the address a name resolved to is not shown"
    );
    assert!(
        !failed.body.contains("may not be scanned"),
        "the reason in the reader's language only"
    );
}

/// The answers' versions the attach form carries (`version:CRITERION` hidden fields).
fn shown_versions(body: &str) -> Vec<(String, String)> {
    body.match_indices("name=\"version:")
        .map(|(i, m)| {
            let rest = &body[i + m.len()..];
            let crit = &rest[..rest.find('"').unwrap()];
            let v = &rest[rest.find("value=\"").unwrap() + 7..];
            (
                format!("version:{crit}"),
                v[..v.find('"').unwrap()].to_string(),
            )
        })
        .collect()
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
