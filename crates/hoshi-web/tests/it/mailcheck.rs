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
    assert!(r.body.contains("oficer"));
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
