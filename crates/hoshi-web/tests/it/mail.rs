//! Mail through a real SMTP server on loopback (hoshi-mail's sink, started by each test):
//! supplier invitations and expiry reminders, their delivery status, and what happens without SMTP.

use hoshi_store::db::testing::RawWrite as _;
use std::sync::Arc;
use std::time::Duration;

use crate::common::*;
use axum::http::StatusCode;
use hoshi_mail::sink::{Sink, SinkOptions};
use hoshi_mail::{Security, SmtpConfig};

fn smtp(sink: &Sink) -> Arc<SmtpConfig> {
    Arc::new(SmtpConfig {
        host: "127.0.0.1".into(),
        port: sink.addr.port(),
        security: Security::None,
        auth: None,
        from: "hoshi@buyer.example.jp".into(),
        from_name: "hoshi".into(),
        helo: "localhost".into(),
        timeout: Duration::from_secs(10),
        extra_roots: vec![],
    })
}

/// A buyer organisation with one registered supplier; returns the client, org and relationship.
async fn buyer_with_supplier(app: &App) -> (Client, String, String) {
    let (mut b, _, _) = admin(app).await;
    let home = b.get("/").await;
    let org = b
        .post(
            "/orgs",
            &[("_csrf", &home.csrf()), ("name", "発注自動車株式会社")],
        )
        .await
        .location()
        .trim_start_matches("/o/")
        .to_string();
    let page = b.get(&format!("/o/{org}/suppliers")).await;
    let r = b
        .post(
            &format!("/o/{org}/suppliers"),
            &[
                ("_csrf", page.csrf().as_str()),
                ("supplier_name", "精密部品工業株式会社"),
                ("corporate_number", "1180301018771"),
                ("contact_name", "営業 花子"),
                ("contact_email", "eigyo@seimitsu.example.jp"),
                ("supplies", "ブレーキ部品の切削加工"),
                ("confidential-info", "yes"),
                ("unacceptable-delay", "no"),
                ("system-access", "no"),
                ("due_date", "2027-03-31"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let rel = r.location().rsplit('/').next().unwrap().to_string();
    (b, org, rel)
}

async fn invite(b: &mut Client, org: &str, rel: &str) -> (Resp, String) {
    let page = b.get(&format!("/o/{org}/suppliers/{rel}")).await;
    let r = b
        .post(
            &format!("/o/{org}/suppliers/{rel}/invite"),
            &[("_csrf", &page.csrf())],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let token = r.body.split("/supplier-invite/").nth(1).unwrap()[..64].to_string();
    (r, token)
}

#[tokio::test]
async fn the_invitation_is_mailed_and_its_link_works() {
    let sink = Sink::start(SinkOptions::default()).await.unwrap();
    let cfg = smtp(&sink);
    let app = app_with(|c| c.mail = Some(cfg));
    let (mut b, org, rel) = buyer_with_supplier(&app).await;
    let (r, token) = invite(&mut b, &org, &rel).await;
    assert!(
        r.body.contains("招待メールの送信待ちです") && r.body.contains("eigyo@seimitsu.example.jp"),
        "{}",
        r.body
    );
    assert_eq!(hoshi_web::jobs::outbox::deliver_due(&app.state).await, 1);
    let got = sink.wait_for(1, 5).await;
    assert_eq!(got.len(), 1);
    let m = &got[0];
    assert_eq!(m.to, vec!["eigyo@seimitsu.example.jp"]);
    assert_eq!(m.from, "hoshi@buyer.example.jp");
    assert!(
        m.subject().contains("発注自動車株式会社"),
        "{}",
        m.subject()
    );
    let text = m.text();
    assert!(text.contains("精密部品工業株式会社 営業 花子 様"), "{text}");
    assert!(text.contains("★4") && text.contains("2027-03-31"), "{text}");
    let link = format!("http://localhost/supplier-invite/{token}");
    assert!(text.contains(&link), "{text}");
    // Nothing is sent twice.
    assert_eq!(hoshi_web::jobs::outbox::deliver_due(&app.state).await, 0);
    // The buyer sees it went out; the supplier's link from the mail opens the invitation.
    let page = b.get(&format!("/o/{org}/suppliers/{rel}")).await;
    assert!(
        page.body.contains("招待メールを送信しました"),
        "{}",
        page.body
    );
    let inv = Client::new(&app)
        .get(&format!("/supplier-invite/{token}"))
        .await;
    assert_eq!(inv.status, StatusCode::OK);
    assert!(inv.body.contains("発注自動車株式会社"));
}

#[tokio::test]
async fn a_refused_invitation_is_reported_to_the_buyer() {
    let sink = Sink::start(SinkOptions {
        rcpt_reply: Some(550),
        ..Default::default()
    })
    .await
    .unwrap();
    let cfg = smtp(&sink);
    let app = app_with(|c| c.mail = Some(cfg));
    let (mut b, org, rel) = buyer_with_supplier(&app).await;
    invite(&mut b, &org, &rel).await;
    assert_eq!(hoshi_web::jobs::outbox::deliver_due(&app.state).await, 0);
    let page = b.get(&format!("/o/{org}/suppliers/{rel}")).await;
    assert!(
        page.body.contains("招待メールを送信できませんでした") && page.body.contains("550"),
        "{}",
        page.body
    );
    // A permanent refusal is not retried.
    let rows = app
        .state
        .store
        .read(|c| hoshi_store::mail::due(c, hoshi_web::now() + 86_400, 10))
        .unwrap();
    assert!(rows.is_empty());
}

#[tokio::test]
async fn without_smtp_nothing_is_queued_and_the_link_is_shown() {
    let app = app();
    let (mut b, org, rel) = buyer_with_supplier(&app).await;
    let (r, _) = invite(&mut b, &org, &rel).await;
    assert!(r.body.contains("/supplier-invite/"));
    assert!(!r.body.contains("招待メール"));
    let all = app
        .state
        .store
        .read(|c| hoshi_store::mail::recent(c, 10))
        .unwrap();
    assert!(all.is_empty());
}

/// A supplier organisation whose owner has one assessment; returns (client, org, assessment).
async fn supplier_with_assessment(app: &App) -> (Client, String, String) {
    let (mut s, _, _) = admin(app).await;
    let home = s.get("/").await;
    let org = s
        .post(
            "/orgs",
            &[("_csrf", &home.csrf()), ("name", "精密部品工業株式会社")],
        )
        .await
        .location()
        .trim_start_matches("/o/")
        .to_string();
    let home = s.get(&format!("/o/{org}")).await;
    let a = s
        .post(
            &format!("/o/{org}/assessments"),
            &[
                ("_csrf", &home.csrf()),
                ("title", "2026年度 ★3"),
                ("catalog", "scs@2026-03-27:3"),
            ],
        )
        .await
        .location()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    (s, org, a)
}

/// Marks the assessment confirmed, valid until `days` from today (setting up the state directly:
/// the confirmation flow itself is tested in review.rs).
fn confirm_until(app: &App, aid: &str, days: i64) -> String {
    let until = hoshi_core::time::date_jst(hoshi_web::now() + days * 86_400);
    app.state
        .store
        .write(|tx| {
            tx.sql_execute(
                "INSERT INTO reviews (assessment_id, status, confirmed_at, valid_until, updated_at) VALUES (?1, 'confirmed', 1, ?2, 1)
                 ON CONFLICT (assessment_id) DO UPDATE SET valid_until = excluded.valid_until",
                hoshi_store::params![aid, until],
            )?;
            Ok(())
        })
        .unwrap();
    until
}

#[tokio::test]
async fn expiry_reminders_go_out_once_per_threshold() {
    let sink = Sink::start(SinkOptions::default()).await.unwrap();
    let cfg = smtp(&sink);
    let app = app_with(|c| c.mail = Some(cfg));
    let (mut s, org, aid) = supplier_with_assessment(&app).await;

    // Far from expiry: no reminder, no banner.
    confirm_until(&app, &aid, 200);
    assert_eq!(
        hoshi_web::jobs::reminders::remind(&app.state)
            .await
            .unwrap(),
        0
    );
    let page = s.get(&format!("/o/{org}/a/{aid}")).await;
    assert!(!page.body.contains("expiry-banner"));

    // 20 days left: one reminder (the 30-day one; the 60-day one is skipped, not sent late).
    let until = confirm_until(&app, &aid, 20);
    assert_eq!(
        hoshi_web::jobs::reminders::remind(&app.state)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        hoshi_web::jobs::reminders::remind(&app.state)
            .await
            .unwrap(),
        0
    );
    assert_eq!(hoshi_web::jobs::outbox::deliver_due(&app.state).await, 1);
    let got = sink.wait_for(1, 5).await;
    assert_eq!(got[0].to, vec!["admin@example.jp"]);
    assert!(got[0].subject().contains(&until), "{}", got[0].subject());
    assert!(got[0].text().contains("あと 20 日"), "{}", got[0].text());
    let page = s.get(&format!("/o/{org}/a/{aid}")).await;
    assert!(
        page.body.contains("expiry-banner") && page.body.contains("あと 20 日"),
        "{}",
        page.body
    );

    // 5 days left: the 7-day reminder.
    confirm_until(&app, &aid, 5);
    assert_eq!(
        hoshi_web::jobs::reminders::remind(&app.state)
            .await
            .unwrap(),
        1
    );
    hoshi_web::jobs::outbox::deliver_due(&app.state).await;
    assert_eq!(sink.wait_for(2, 5).await.len(), 2);

    // Past: the banner says expired.
    confirm_until(&app, &aid, -1);
    let page = s.get(&format!("/o/{org}/a/{aid}")).await;
    assert!(page.body.contains("banner-bad"), "{}", page.body);
    assert!(page.body.contains("有効期限切れ"));
}

async fn ask_reset(c: &mut Client, email: &str, pre: &str) -> Resp {
    c.post("/login/forgot", &[("_csrf", pre), ("email", email)])
        .await
}

/// A forgotten password with SMTP set up: the person asks on `/login/forgot`, gets a one-time
/// link by mail, sets a new password and signs in. The page never says whether an address has
/// an account, and a mailbox cannot be flooded.
#[tokio::test]
async fn a_forgotten_password_is_reset_by_mail() {
    let sink = Sink::start(SinkOptions::default()).await.unwrap();
    let cfg = smtp(&sink);
    let app = app_with(|c| c.mail = Some(cfg));
    let (_admin, _, _) = admin(&app).await;

    let mut p = Client::new(&app);
    let page = p.get("/login/forgot").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("再設定用のリンクを送る"),
        "{}",
        page.body
    );
    let pre = page.csrf();
    let known = ask_reset(&mut p, "admin@example.jp", &pre).await;
    let unknown = ask_reset(&mut p, "nobody@example.jp", &pre).await;
    assert_eq!(known.status, StatusCode::OK);
    assert_eq!(unknown.status, StatusCode::OK);
    let said = |b: &str| {
        b.split("<div class=\"flash\"")
            .nth(1)
            .unwrap()
            .split("</div>")
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        said(&known.body),
        said(&unknown.body),
        "the same answer either way"
    );
    // Asking again at once mails nothing more.
    ask_reset(&mut p, "admin@example.jp", &pre).await;
    assert_eq!(hoshi_web::jobs::outbox::deliver_due(&app.state).await, 1);
    let got = sink.wait_for(1, 5).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, vec!["admin@example.jp"]);
    assert!(got[0].subject().contains("パスワードの再設定"));
    let text = got[0].text();
    let link = text.split("http://localhost/reset/").nth(1).unwrap()[..64].to_string();

    // The link sets a new password; the old one stops working.
    let mut r = Client::new(&app);
    let form = r.get(&format!("/reset/{link}")).await;
    assert_eq!(form.status, StatusCode::OK);
    let pre = form.csrf();
    let done = r
        .post(
            &format!("/reset/{link}"),
            &[
                ("_csrf", &pre),
                ("password", "tsukimi-dango-no-yoru-8"),
                ("password2", "tsukimi-dango-no-yoru-8"),
            ],
        )
        .await;
    assert_eq!(done.location(), "/login?reset=done", "{}", done.body);
    let login = r.get("/login").await;
    let pre = login.csrf();
    let old = r
        .post(
            "/login",
            &[
                ("_csrf", &pre),
                ("email", "admin@example.jp"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    let new = r
        .post(
            "/login",
            &[
                ("_csrf", &pre),
                ("email", "admin@example.jp"),
                ("password", "tsukimi-dango-no-yoru-8"),
            ],
        )
        .await;
    assert_eq!(new.location(), "/login/mfa", "{}", new.body);
    // Used once: the link is dead.
    let again = Client::new(&app).get(&format!("/reset/{link}")).await;
    assert_ne!(again.status, StatusCode::OK);
}

/// Without SMTP, `/login/forgot` explains how to get a link from an administrator and takes no
/// requests.
#[tokio::test]
async fn without_mail_a_reset_link_comes_from_an_administrator() {
    let app = app();
    let mut p = Client::new(&app);
    let page = p.get("/login/forgot").await;
    assert!(
        page.body
            .contains("管理者に、パスワード再設定用のリンクの発行を依頼してください")
    );
    assert!(!page.body.contains("action=\"/login/forgot\""));
}
