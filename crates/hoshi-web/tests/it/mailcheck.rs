//! The fraud mail check in the browser: an owner keeps the profile (a draft from the members,
//! a mistake named by line and nothing saved, a stale save refused), any member checks a mail
//! as a file or pasted source and reads the verdict and what to do; only the verdict is kept,
//! never the mail; viewers cannot change the profile and other organisations see nothing.

use axum::http::StatusCode;

use crate::common::*;

const SCAM_SUBJECT: &str = "至急のお願い（社外秘）";

fn profile(domain: &str) -> String {
    format!(
        r#"format = "hoshi-fraud-profile/1"
[organisation]
name = "北辰工業株式会社"
domains = ["{domain}"]
authserv_ids = ["mx.{domain}"]

[[people]]
name = "北村 健一"
role = "代表取締役"
officer = true
addresses = ["k.kitamura@{domain}"]
"#
    )
}

fn scam(domain: &str) -> String {
    format!(
        "Authentication-Results: mx.{domain}; spf=pass smtp.mailfrom=gmail.com; dkim=pass header.d=gmail.com; dmarc=pass\r\n\
         From: =?UTF-8?B?5YyX5p2RIOWBpeS4gA==?= <kitamura.k.office@gmail.com>\r\n\
         To: keiri@{domain}\r\nSubject: {SCAM_SUBJECT}\r\nMessage-ID: <a1@gmail.com>\r\n\
         Content-Type: text/plain; charset=UTF-8\r\n\r\n\
         お疲れ様です。LINE でグループを作成し、その二次元コードを送ってください。\r\n他の人には内密にお願いします。会議中のため電話には出られません。\r\n"
    )
}

#[tokio::test]
async fn owners_keep_the_profile_members_check_mails_and_only_verdicts_are_kept() {
    let app = app();
    let (mut owner, _, _) = admin(&app).await;
    let org = new_org(&mut owner, "北辰工業株式会社").await;
    let home = owner.get(&format!("/o/{org}")).await;
    assert!(home.body.contains(&format!("href=\"/o/{org}/mail\"")));

    // The draft names the organisation and reads as a valid profile.
    let page = owner.get(&format!("/o/{org}/mail/profile")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("hoshi-fraud-profile/1"));
    assert!(page.body.contains("北辰工業株式会社"));
    // A misspelt key: refused at the field with its line, nothing saved.
    let bad = profile("hokushin-kogyo.co.jp").replace("officer = true", "oficer = true");
    let r = owner
        .post(
            &format!("/o/{org}/mail/profile"),
            &[("_csrf", &page.csrf()), ("rev", "0"), ("profile", &bad)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("10 行目"), "{}", r.body);
    // Named in Japanese, the reader's language: no English parser message on the page.
    assert!(
        r.body.contains("「oficer」という項目はありません"),
        "{}",
        r.body
    );
    assert!(!r.body.contains("unknown field"));
    let r = owner
        .post(
            &format!("/o/{org}/mail/profile"),
            &[
                ("_csrf", &page.csrf()),
                ("rev", "0"),
                ("profile", &profile("hokushin-kogyo.co.jp")),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // A second save over the old revision is refused.
    let r = owner
        .post(
            &format!("/o/{org}/mail/profile"),
            &[
                ("_csrf", &page.csrf()),
                ("rev", "0"),
                ("profile", &profile("other.co.jp")),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("別の人が保存しました"));

    // A member (viewer) checks a mail as a file: fraud, with the reasons and what to do.
    let mut staff = join(&app, &mut owner, &org, "viewer", "staff@example.jp").await;
    let page = staff.get(&format!("/o/{org}/mail")).await;
    assert_eq!(page.status, StatusCode::OK);
    let r = staff
        .post_multipart(
            &format!("/o/{org}/mail/file"),
            &[("_csrf", &page.csrf())],
            &[("file", "mail.eml", scam("hokushin-kogyo.co.jp").as_bytes())],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("詐欺の疑いが強いメールです"), "{}", r.body);
    assert!(r.body.contains("北村 健一"), "{}", r.body);
    assert!(r.body.contains("二次元コード"));
    assert!(r.body.contains("電話番号"));
    // Pasted source of an ordinary mail from the company domain: ok.
    let ok = "Authentication-Results: mx.hokushin-kogyo.co.jp; spf=pass; dkim=pass header.d=hokushin-kogyo.co.jp; dmarc=pass\nFrom: k.kitamura@hokushin-kogyo.co.jp\nSubject: 会議\n\n明日 10 時から会議です。\n";
    let r = staff
        .post(
            &format!("/o/{org}/mail/source"),
            &[("_csrf", &page.csrf()), ("source", ok)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("問題は見つかりませんでした"), "{}", r.body);
    // Nothing to check: the form says so.
    let r = staff
        .post(
            &format!("/o/{org}/mail/source"),
            &[("_csrf", &page.csrf()), ("source", "  ")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("ソースを貼り付けてください"));

    // The page counts the checks; the mail itself is nowhere in the database.
    let page = staff.get(&format!("/o/{org}/mail")).await;
    assert!(page.body.contains("詐欺の疑いが強い 1"), "{}", page.body);
    assert!(page.body.contains("問題なし 1"));
    if !app.state.store.is_shared() {
        let mut db = Vec::new();
        for e in std::fs::read_dir(app.dir.path()).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "db" || x == "db-wal") {
                db.extend(std::fs::read(&p).unwrap());
            }
        }
        let needle = SCAM_SUBJECT.as_bytes();
        assert!(!db.is_empty());
        assert!(
            !db.windows(needle.len()).any(|w| w == needle),
            "the mail was kept"
        );
    }

    // The counts as evidence for 4-2-2-1 and 6-1-1-1, answers left as they are.
    let home = owner.get(&format!("/o/{org}")).await;
    let aid = owner
        .post(
            &format!("/o/{org}/assessments"),
            &[
                ("_csrf", &home.csrf()),
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
    let ev = owner.get(&format!("/o/{org}/mail/evidence?a={aid}")).await;
    assert_eq!(ev.status, StatusCode::OK, "{}", ev.body);
    assert!(ev.body.contains("status:4-2-2-1") && ev.body.contains("status:6-1-1-1"));
    let r = owner
        .post(
            &format!("/o/{org}/mail/evidence"),
            &[
                ("_csrf", &ev.csrf()),
                ("assessment", &aid),
                ("valid_days", "366"),
                ("version:4-2-2-1", "0"),
                ("status:4-2-2-1", "keep"),
                ("version:6-1-1-1", "0"),
                ("status:6-1-1-1", "keep"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let list = owner.get(&format!("/o/{org}/evidence")).await;
    let eid = list
        .body
        .split(&format!("/o/{org}/evidence/"))
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let (_, _, file) = owner
        .get_bytes(&format!("/o/{org}/evidence/{eid}/download"))
        .await;
    let file = String::from_utf8(file).unwrap();
    assert!(file.contains("合計 / total: 2"), "{file}");
    assert!(file.contains("impersonated_officer"));
    // Signals are named for the reader, not only by code.
    assert!(file.contains("役員の名前をかたる"), "{file}");
    assert!(!file.contains(SCAM_SUBJECT) && !file.contains("gmail.com"));

    // Viewers cannot see or change the profile; another organisation sees nothing.
    assert_ne!(
        staff.get(&format!("/o/{org}/mail/profile")).await.status,
        StatusCode::OK
    );
    let elsewhere = new_org(&mut owner, "別会社").await;
    let mut stranger = join(&app, &mut owner, &elsewhere, "owner", "s@example.jp").await;
    assert_eq!(
        stranger.get(&format!("/o/{org}/mail")).await.status,
        StatusCode::NOT_FOUND
    );
}

/// A zone NSD serves for the posture test: MX on loopback (an SMTP sink without STARTTLS),
/// SPF ending in ~all, DMARC p=none.
fn posture_zone() -> String {
    "$ORIGIN hokushin.test.\n$TTL 60\n\
     @ IN SOA ns.hokushin.test. admin.hokushin.test. 1 3600 600 86400 60\n\
     @ IN NS ns.hokushin.test.\nns IN A 127.0.0.1\n\
     @ IN MX 10 mx.hokushin.test.\nmx IN A 127.0.0.1\n\
     @ IN TXT \"v=spf1 mx ~all\"\n\
     _dmarc IN TXT \"v=DMARC1; p=none; rua=mailto:dmarc@hokushin.test\"\n"
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editors_check_the_mail_domains_members_read_the_findings_and_keep_them() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(nsd) =
        hoshi_posture::testing::Nsd::start(tmp.path(), &[("hokushin.test", posture_zone())])
    else {
        return;
    };
    let sink = hoshi_mail::sink::Sink::start(hoshi_mail::sink::SinkOptions::default())
        .await
        .unwrap();
    let app = app_with(|c| {
        c.posture = hoshi_web::mailcheck::PosturePolicy {
            dns: vec![nsd.addr],
            allow: vec![hoshi_web::kernel::proxy::IpNet::parse("127.0.0.0/8").unwrap()],
            timeout: std::time::Duration::from_secs(3),
            smtp_port: sink.addr.port(),
            ..Default::default()
        };
    });
    let (mut owner, _, _) = admin(&app).await;
    let org = new_org(&mut owner, "北辰工業株式会社").await;
    let posture = format!("/o/{org}/mail/posture");
    let mail = owner.get(&format!("/o/{org}/mail")).await;
    assert!(mail.body.contains(&format!("href=\"{posture}\"")));

    // No profile yet: nothing to check, the way to the profile named, nothing kept.
    let page = owner.get(&posture).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("まだ確認していません"));
    let r = owner
        .post(&posture, &[("_csrf", &page.csrf()), ("selectors", "")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("プロファイルに自社のメールドメイン"),
        "{}",
        r.body
    );
    assert!(r.body.contains(&format!("href=\"/o/{org}/mail/profile\"")));
    assert!(r.body.contains("まだ確認していません"));

    // A profile listing the domain NSD serves.
    let prof = owner.get(&format!("/o/{org}/mail/profile")).await;
    let r = owner
        .post(
            &format!("/o/{org}/mail/profile"),
            &[
                ("_csrf", &prof.csrf()),
                ("rev", "0"),
                ("profile", &profile("hokushin.test")),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // An editor: a bad selector is named at its field, nothing kept.
    let mut editor = join(&app, &mut owner, &org, "editor", "editor@example.jp").await;
    let page = editor.get(&posture).await;
    assert!(
        page.body.contains("<code>hokushin.test</code>"),
        "{}",
        page.body
    );
    let r = editor
        .post(
            &posture,
            &[("_csrf", &page.csrf()), ("selectors", "s1, bad/one")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("セレクター「bad/one」は使えません"),
        "{}",
        r.body
    );
    assert!(r.body.contains("id=\"selectors-error\""));
    assert!(r.body.contains("value=\"s1, bad/one\""));
    assert!(r.body.contains("まだ確認していません"));
    let eleven = (0..11)
        .map(|i| format!("s{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    let r = editor
        .post(&posture, &[("_csrf", &page.csrf()), ("selectors", &eleven)])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("10 個まで"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM mail_posture_runs"), 0);

    // The check runs against NSD and the SMTP sink; the page shows p=none and what to publish.
    let r = editor
        .post(&posture, &[("_csrf", &page.csrf()), ("selectors", "s1")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("{posture}?done=1"));
    let page = editor.get(r.location()).await;
    assert!(page.body.contains("確認が終わりました"));
    assert!(
        page.body
            .contains("DMARC のポリシーが p=none（監視のみ）です"),
        "{}",
        page.body
    );
    assert!(page.body.contains("_dmarc.hokushin.test. IN TXT"));
    assert!(page.body.contains("p=quarantine"));
    assert!(page.body.contains("v=spf1 mx ~all"), "the records found");
    assert!(page.body.contains("SPF の最後が ~all"));
    // The MX on loopback was reached (allowed for the test) and offers no STARTTLS.
    assert!(page.body.contains("mx_no_starttls"), "{}", page.body);
    assert!(!page.body.contains("address_refused"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM mail_posture_runs"), 1);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'mail_posture.check'"
        ),
        1
    );
    // At most once a minute per organisation.
    let again = editor
        .post(&posture, &[("_csrf", &page.csrf()), ("selectors", "")])
        .await;
    assert_eq!(again.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(again.body.contains("1 分に 1 回まで"), "{}", again.body);

    // A viewer reads it but cannot run a check; another organisation sees nothing.
    let mut viewer = join(&app, &mut owner, &org, "viewer", "viewer@example.jp").await;
    let seen = viewer.get(&posture).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(seen.body.contains("DMARC のポリシーが p=none"));
    assert!(!seen.body.contains("name=\"selectors\""));
    let r = viewer
        .post(&posture, &[("_csrf", &seen.csrf()), ("selectors", "")])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let elsewhere = new_org(&mut owner, "別会社").await;
    let mut stranger = join(&app, &mut owner, &elsewhere, "owner", "s@example.jp").await;
    assert_eq!(stranger.get(&posture).await.status, StatusCode::NOT_FOUND);
    let r = stranger
        .post(&posture, &[("_csrf", &seen.csrf()), ("selectors", "")])
        .await;
    assert_ne!(r.status, StatusCode::SEE_OTHER);
    assert_ne!(r.status, StatusCode::OK);

    // Kept as evidence: no criterion suggested; one chosen (or none), answers unchanged.
    let home = owner.get(&format!("/o/{org}")).await;
    let aid = owner
        .post(
            &format!("/o/{org}/assessments"),
            &[
                ("_csrf", &home.csrf()),
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
    let ev = editor.get(&format!("{posture}/evidence?a={aid}")).await;
    assert_eq!(ev.status, StatusCode::OK, "{}", ev.body);
    assert!(ev.body.contains("name=\"criterion\""));
    assert!(!ev.body.contains("name=\"status:"));
    let r = editor
        .post(
            &format!("{posture}/evidence"),
            &[
                ("_csrf", &ev.csrf()),
                ("assessment", &aid),
                ("valid_days", "90"),
                ("criterion", "9-9-9-9"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = editor
        .post(
            &format!("{posture}/evidence"),
            &[
                ("_csrf", &ev.csrf()),
                ("assessment", &aid),
                ("valid_days", "90"),
                ("criterion", "6-1-1-1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("{posture}?attached=1"));
    let list = editor.get(&format!("/o/{org}/evidence")).await;
    assert!(
        list.body.contains("<td>1</td>"),
        "linked once: {}",
        list.body
    );
    let eid = list
        .body
        .split(&format!("/o/{org}/evidence/"))
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let (_, _, file) = editor
        .get_bytes(&format!("/o/{org}/evidence/{eid}/download"))
        .await;
    let file = String::from_utf8(file).unwrap();
    assert!(file.contains("メールドメインの設定の確認結果"), "{file}");
    assert!(file.contains("_dmarc.hokushin.test"));
    assert!(file.contains("dmarc_policy_none"));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM answers"),
        0,
        "no answer set"
    );
}

fn count(app: &App, sql: &str) -> i64 {
    use hoshi_store::db::testing::RawSql as _;
    app.state
        .store
        .read(|c| c.sql_row(sql, (), |r| r.get(0)))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_check_that_runs_out_of_time_keeps_nothing() {
    // A name server that never answers, and an overall limit shorter than one query.
    let silent = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let app = app_with(|c| {
        c.posture = hoshi_web::mailcheck::PosturePolicy {
            dns: vec![silent.local_addr().unwrap()],
            timeout: std::time::Duration::from_secs(5),
            overall: std::time::Duration::from_millis(300),
            connect: false,
            ..Default::default()
        };
    });
    let (mut owner, _, _) = admin(&app).await;
    let org = new_org(&mut owner, "北辰工業株式会社").await;
    let prof = owner.get(&format!("/o/{org}/mail/profile")).await;
    let r = owner
        .post(
            &format!("/o/{org}/mail/profile"),
            &[
                ("_csrf", &prof.csrf()),
                ("rev", "0"),
                ("profile", &profile("hokushin.test")),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let posture = format!("/o/{org}/mail/posture");
    let page = owner.get(&posture).await;
    let r = owner
        .post(&posture, &[("_csrf", &page.csrf()), ("selectors", "")])
        .await;
    assert_eq!(r.status, StatusCode::GATEWAY_TIMEOUT, "{}", r.body);
    assert!(r.body.contains("制限時間"), "{}", r.body);
    assert!(r.body.contains("まだ確認していません"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM mail_posture_runs"), 0);
    // The claim is over; the minute still counts from its start.
    let r = owner
        .post(&posture, &[("_csrf", &page.csrf()), ("selectors", "")])
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.body.contains("秒ほど待って"), "{}", r.body);
}
