//! The yearly cycle in the browser: the checks ★3 asks for added in one click, a check recorded
//! moving the due date a year from the day it was done, an overdue check warning on its
//! criterion in the assessment with the lowered suggestion (the answer kept), mistakes shown at
//! their fields, viewers and other organisations kept out, training with attendees, the record
//! kept as evidence, and reminders delivered to a real SMTP server once each.

use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use hoshi_mail::sink::{Sink, SinkOptions};
use hoshi_mail::{Security, SmtpConfig};

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

fn today() -> String {
    hoshi_core::time::date_jst(hoshi_web::now())
}

fn days_from_today(d: i64) -> String {
    hoshi_core::cycle::add_days(&today(), d).unwrap()
}

/// The id of the task whose link text is `title` on the list page.
fn task_id(body: &str, org: &str, title: &str) -> String {
    let marker = format!("/o/{org}/cycle/");
    body.match_indices(&marker)
        .map(|(i, m)| &body[i + m.len()..])
        .find(|rest| rest[32..].starts_with(&format!("\">{title}<")))
        .map(|rest| rest[..32].to_string())
        .unwrap_or_else(|| panic!("no task {title} in {body}"))
}

/// The first member offered in the owner select: (user id).
fn first_member(body: &str) -> String {
    let sel = &body[body.find("id=\"owner\"").unwrap()..];
    let opt = sel.match_indices("<option value=\"").nth(1).unwrap().0;
    sel[opt + 15..opt + 47].to_string()
}

async fn org_with_assessment(app: &App) -> (Client, String, String) {
    let (mut c, _, _) = admin(app).await;
    let org = new_org(&mut c, "星川精機株式会社").await;
    let page = c.get(&format!("/o/{org}")).await;
    let r = c
        .post(
            &format!("/o/{org}/assessments"),
            &[
                ("_csrf", &page.csrf()),
                ("title", "2026年度 ★3"),
                ("catalog", "scs@2026-03-27:3"),
            ],
        )
        .await;
    let a = r.location().rsplit('/').next().unwrap().to_string();
    (c, org, a)
}

async fn edit_due(c: &mut Client, org: &str, id: &str, due: &str, owner: &str) -> Resp {
    let page = c.get(&format!("/o/{org}/cycle/{id}")).await;
    let rev = {
        let i = page.body.find("name=\"rev\" value=\"").unwrap() + 18;
        page.body[i..i + page.body[i..].find('"').unwrap()].to_string()
    };
    c.post(
        &format!("/o/{org}/cycle/{id}"),
        &[
            ("_csrf", &page.csrf()),
            ("rev", &rev),
            ("criterion", "1-2-1-3"),
            ("title", "セキュリティ推進体制の年次点検"),
            ("look_at", "役割表と連絡先リスト"),
            ("owner", owner),
            ("interval", "12"),
            ("next_due", due),
        ],
    )
    .await
}

#[tokio::test]
async fn checks_from_the_templates_move_their_due_date_and_overdue_ones_warn_on_the_assessment() {
    let app = app();
    let (mut c, org, a) = org_with_assessment(&app).await;

    // The ★3 checks, added in one click, each first due in a month.
    let list = c.get(&format!("/o/{org}/cycle")).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("id=\"templates\""), "{}", list.body);
    let r = c
        .post(
            &format!("/o/{org}/cycle/templates"),
            &[("_csrf", &list.csrf())],
        )
        .await;
    assert_eq!(r.location(), format!("/o/{org}/cycle?added=1"));
    let list = c.get(&format!("/o/{org}/cycle")).await;
    assert!(!list.body.contains("id=\"templates\""), "all added");
    for t in hoshi_core::cycle::TEMPLATES {
        assert!(list.body.contains(t.title.0), "{}", t.title.0);
    }
    assert!(list.body.contains("id=\"calendar\"") && list.body.contains("今月"));
    // A second click adds nothing.
    c.post(
        &format!("/o/{org}/cycle/templates"),
        &[("_csrf", &list.csrf())],
    )
    .await;
    let again = c.get(&format!("/o/{org}/cycle")).await;
    assert_eq!(
        again
            .body
            .matches(">セキュリティ推進体制の年次点検</a>")
            .count(),
        1
    );
    let id = task_id(&list.body, &org, "セキュリティ推進体制の年次点検");

    // 1-2-1-3 answered "met"; its check overdue: a warning with the due date, a link to the
    // task and "partially met" suggested; the answer itself stays "met".
    let cat = c.get(&format!("/o/{org}/a/{a}/c/1")).await;
    c.post(
        &format!("/o/{org}/a/{a}/c/1/answers"),
        &[
            ("_csrf", &cat.csrf()),
            ("version.1-2-1-3", "0"),
            ("status.1-2-1-3", "met"),
        ],
    )
    .await;
    let due = days_from_today(-10);
    let r = edit_due(&mut c, &org, &id, &due, "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let cat = c.get(&format!("/o/{org}/a/{a}/c/1")).await;
    let at = cat.body.find("id=\"c-1-2-1-3\"").unwrap();
    let block = &cat.body[at..at + cat.body[at..].find("</article>").unwrap()];
    assert!(block.contains("cycle-overdue"), "{block}");
    assert!(block.contains(&due) && block.contains(&format!("/o/{org}/cycle/{id}")));
    assert!(
        block.contains("確認を記録するまでの目安") && block.contains("一部実施"),
        "{block}"
    );
    assert!(
        block.contains("value=\"met\" checked"),
        "the answer is kept"
    );
    // Other criteria carry no warning.
    let other = cat.body.find("id=\"c-1-2-1-1\"").unwrap();
    assert!(!cat.body[other..at].contains("cycle-overdue"));
    let list = c.get(&format!("/o/{org}/cycle")).await;
    assert!(list.body.contains("id=\"overdue-banner\""));
    let overview = c.get(&format!("/o/{org}/a/{a}")).await;
    assert!(
        overview.body.contains("id=\"cycle-banner\""),
        "{}",
        overview.body
    );
    assert!(
        overview
            .body
            .contains(&format!("/o/{org}/a/{a}/c/1#c-1-2-1-3"))
    );

    // Mistakes come back at their fields: a day not yet come, findings without a note.
    let page = c.get(&format!("/o/{org}/cycle/{id}")).await;
    assert!(page.body.contains("id=\"overdue\""));
    let r = c
        .post(
            &format!("/o/{org}/cycle/{id}/checks"),
            &[
                ("_csrf", &page.csrf()),
                ("checked_on", &days_from_today(1)),
                ("looked_at", "連絡先リスト <script>"),
                ("outcome", "findings"),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("まだ来ていない日付です"), "{}", r.body);
    assert!(r.body.contains("id=\"checked_on-error\""));
    assert!(
        r.body.contains("連絡先リスト &lt;script&gt;")
            || r.body.contains("連絡先リスト &#60;script&#62;"),
        "typed text kept, escaped"
    );
    assert!(!r.body.contains("連絡先リスト <script>"));
    let r = c
        .post(
            &format!("/o/{org}/cycle/{id}/checks"),
            &[
                ("_csrf", &page.csrf()),
                ("checked_on", "2026-02-30"),
                ("outcome", "maybe"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "a forged result");

    // Recorded today: due a year from today, the warning gone.
    let r = c
        .post(
            &format!("/o/{org}/cycle/{id}/checks"),
            &[
                ("_csrf", &page.csrf()),
                ("checked_on", &today()),
                ("looked_at", "役割表と連絡先リスト（2026年版）"),
                ("outcome", "ok"),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(r.location(), format!("/o/{org}/cycle/{id}?checked=1"));
    let next = hoshi_core::cycle::add_months(&today(), 12).unwrap();
    let page = c.get(&format!("/o/{org}/cycle/{id}?checked=1")).await;
    assert!(
        page.body.contains(&format!("id=\"next-due\">{next}<")),
        "{}",
        page.body
    );
    assert!(page.body.contains(&format!("{due} → {next}")));
    assert!(page.body.contains("役割表と連絡先リスト（2026年版）"));
    let cat = c.get(&format!("/o/{org}/a/{a}/c/1")).await;
    assert!(!cat.body.contains("cycle-overdue"));

    // The record kept as evidence for 1-2-1-3, "met" suggested.
    let ev = c.get(&format!("/o/{org}/cycle/{id}/evidence")).await;
    assert_eq!(ev.status, StatusCode::OK, "{}", ev.body);
    assert!(ev.body.contains("期限内に確認し、問題はありませんでした"));
    let r = c
        .post(
            &format!("/o/{org}/cycle/{id}/evidence"),
            &[
                ("_csrf", &ev.csrf()),
                ("assessment", &a),
                ("valid_days", "366"),
                ("version:1-2-1-3", "1"),
                ("status:1-2-1-3", "keep"),
            ],
        )
        .await;
    assert_eq!(
        r.location(),
        format!("/o/{org}/cycle/{id}?attached=1"),
        "{}",
        r.body
    );
    let cat = c.get(&format!("/o/{org}/a/{a}/c/1")).await;
    let at = cat.body.find("id=\"c-1-2-1-3\"").unwrap();
    assert!(cat.body[at..].contains("セキュリティ推進体制の年次点検 20"));

    // Deactivated: no warning even when overdue; no check form.
    let r = edit_due(&mut c, &org, &id, &days_from_today(-3), "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = c.get(&format!("/o/{org}/cycle/{id}")).await;
    c.post(
        &format!("/o/{org}/cycle/{id}/active"),
        &[("_csrf", &page.csrf()), ("active", "0")],
    )
    .await;
    let cat = c.get(&format!("/o/{org}/a/{a}/c/1")).await;
    assert!(!cat.body.contains("cycle-overdue"));
    let page = c.get(&format!("/o/{org}/cycle/{id}")).await;
    assert!(!page.body.contains("id=\"record\"") && page.body.contains("停止中"));
}

#[tokio::test]
async fn viewers_read_only_and_other_organisations_find_nothing() {
    let app = app();
    let (mut c, org, _a) = org_with_assessment(&app).await;
    let list = c.get(&format!("/o/{org}/cycle")).await;
    c.post(
        &format!("/o/{org}/cycle/templates"),
        &[("_csrf", &list.csrf())],
    )
    .await;
    let list = c.get(&format!("/o/{org}/cycle")).await;
    let id = task_id(&list.body, &org, "セキュリティ推進体制の年次点検");

    // A bad task form: each problem at its field, 422.
    let r = c
        .post(
            &format!("/o/{org}/cycle"),
            &[
                ("_csrf", &list.csrf()),
                ("title", "   "),
                ("criterion", "9-9-9-9"),
                ("interval", "7"),
                ("next_due", "2026-13-01"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"title-error\"") && r.body.contains("id=\"next_due-error\""));
    assert!(
        r.body.contains("評価基準は一覧から選んでください")
            && r.body.contains("間隔は一覧から選んでください")
    );
    // A good one, owned by a member.
    let owner = first_member(&list.body);
    let r = c
        .post(
            &format!("/o/{org}/cycle"),
            &[
                ("_csrf", &list.csrf()),
                ("title", "リストア手順の年次確認"),
                ("criterion", "4-3-4-3"),
                ("look_at", "手順書"),
                ("owner", &owner),
                ("interval", "6"),
                ("next_due", "2027-01-31"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mine = c.get(r.location()).await;
    assert!(mine.body.contains("6か月ごと") && mine.body.contains("管理 者"));

    // A viewer reads but cannot record or change.
    let mut v = join(&app, &mut c, &org, "viewer", "viewer@example.jp").await;
    let page = v.get(&format!("/o/{org}/cycle/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("id=\"record\""));
    let r = v
        .post(
            &format!("/o/{org}/cycle/{id}/checks"),
            &[
                ("_csrf", &page.csrf()),
                ("checked_on", &today()),
                ("looked_at", "x"),
                ("outcome", "ok"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = v
        .post(
            &format!("/o/{org}/cycle/templates"),
            &[("_csrf", &page.csrf())],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Another organisation of the same person: the task is not found there.
    let other = new_org(&mut c, "別会社").await;
    let r = c.get(&format!("/o/{other}/cycle/{id}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let op = c.get(&format!("/o/{other}/cycle")).await;
    let r = c
        .post(
            &format!("/o/{other}/cycle/{id}/checks"),
            &[
                ("_csrf", &op.csrf()),
                ("checked_on", &today()),
                ("looked_at", "x"),
                ("outcome", "ok"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(!op.body.contains(">セキュリティ推進体制の年次点検</a>"));
    // A malformed id is not found either.
    assert_eq!(
        c.get(&format!("/o/{org}/cycle/not-an-id")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn training_sessions_keep_attendees_and_check_the_yearly_training() {
    let app = app();
    let (mut c, org, a) = org_with_assessment(&app).await;
    let list = c.get(&format!("/o/{org}/cycle")).await;
    c.post(
        &format!("/o/{org}/cycle/templates"),
        &[("_csrf", &list.csrf())],
    )
    .await;
    let list = c.get(&format!("/o/{org}/cycle")).await;
    let training_task = task_id(&list.body, &org, "インシデント対応の教育・訓練の実施");
    let page = c.get(&format!("/o/{org}/cycle/training")).await;
    assert_eq!(page.status, StatusCode::OK);
    let me = {
        let i = page.body.find("name=\"member\" value=\"").unwrap() + 21;
        page.body[i..i + 32].to_string()
    };

    // Nobody attending: refused at the field.
    let r = c
        .post(
            &format!("/o/{org}/cycle/training"),
            &[
                ("_csrf", &page.csrf()),
                ("held_on", &today()),
                ("title", "ランサムウェア初動訓練"),
                ("minutes", "60"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("出席者を1人以上選ぶか"));

    let r = c
        .post(
            &format!("/o/{org}/cycle/training"),
            &[
                ("_csrf", &page.csrf()),
                ("held_on", &today()),
                ("title", "ランサムウェア初動訓練"),
                ("topic", "集合研修: 感染に気づいたときの連絡先"),
                ("trainer", "情報システム課"),
                ("minutes", "90"),
                ("member", &me),
                ("others", "派遣 一郎\n受入 花子、派遣 一郎"),
            ],
        )
        .await;
    assert_eq!(
        r.location(),
        format!("/o/{org}/cycle/training?recorded=1"),
        "{}",
        r.body
    );
    let page = c.get(&format!("/o/{org}/cycle/training")).await;
    assert!(
        page.body
            .contains("管理 者、派遣 一郎、受入 花子 <span class=\"hint\">(3)</span>"),
        "{}",
        page.body
    );
    // The yearly training's check was recorded by it.
    let t = c.get(&format!("/o/{org}/cycle/{training_task}")).await;
    assert!(
        t.body
            .contains("研修「ランサムウェア初動訓練」（90分、出席 3名）"),
        "{}",
        t.body
    );

    // Kept as evidence for 4-2-2-1 and 4-2-2-2.
    let i = page.body.find("/cycle/training/").unwrap();
    let link = &page.body[i..];
    let session = &link["/cycle/training/".len().."/cycle/training/".len() + 32];
    let ev = c
        .get(&format!("/o/{org}/cycle/training/{session}/evidence"))
        .await;
    assert_eq!(ev.status, StatusCode::OK);
    assert!(ev.body.contains("4-2-2-1") && ev.body.contains("4-2-2-2"));
    let r = c
        .post(
            &format!("/o/{org}/cycle/training/{session}/evidence"),
            &[
                ("_csrf", &ev.csrf()),
                ("assessment", &a),
                ("valid_days", "366"),
                ("version:4-2-2-1", "0"),
                ("status:4-2-2-1", "met"),
                ("version:4-2-2-2", "0"),
                ("status:4-2-2-2", "met"),
            ],
        )
        .await;
    assert_eq!(
        r.location(),
        format!("/o/{org}/cycle/training?attached=1"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn reminders_reach_the_owner_once_before_and_once_after_the_due_date() {
    let sink = Sink::start(SinkOptions::default()).await.unwrap();
    let cfg = smtp(&sink);
    let app = app_with(|c| c.mail = Some(cfg));
    let (mut c, org, _a) = org_with_assessment(&app).await;
    let list = c.get(&format!("/o/{org}/cycle")).await;
    c.post(
        &format!("/o/{org}/cycle/templates"),
        &[("_csrf", &list.csrf())],
    )
    .await;
    let list = c.get(&format!("/o/{org}/cycle")).await;
    let id = task_id(&list.body, &org, "セキュリティ推進体制の年次点検");
    let owner = first_member(&list.body);

    // Nothing is due within two weeks yet (every task is first due in a month).
    assert_eq!(hoshi_web::jobs::cycle::remind(&app.state).await.unwrap(), 0);

    // Due in five days, owned by the administrator: one reminder, once.
    let due = days_from_today(5);
    let r = edit_due(&mut c, &org, &id, &due, &owner).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(hoshi_web::jobs::cycle::remind(&app.state).await.unwrap(), 1);
    assert_eq!(hoshi_web::jobs::cycle::remind(&app.state).await.unwrap(), 0);
    assert_eq!(hoshi_web::jobs::outbox::deliver_due(&app.state).await, 1);
    let got = sink.wait_for(1, 5).await;
    assert_eq!(got[0].to, vec!["admin@example.jp"]);
    assert!(got[0].subject().contains(&due), "{}", got[0].subject());
    assert!(got[0].text().contains("セキュリティ推進体制の年次点検"));
    assert!(got[0].text().contains(&format!("/o/{org}/cycle/{id}")));

    // Ten days on, it is overdue: the overdue reminder, once.
    let later = days_from_today(10);
    assert_eq!(
        hoshi_web::jobs::cycle::remind_on(&app.state, &later)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        hoshi_web::jobs::cycle::remind_on(&app.state, &later)
            .await
            .unwrap(),
        0
    );
    hoshi_web::jobs::outbox::deliver_due(&app.state).await;
    let got = sink.wait_for(2, 5).await;
    assert!(
        got[1].subject().contains("過ぎています"),
        "{}",
        got[1].subject()
    );
}

#[tokio::test]
async fn buyers_see_whether_the_checks_were_done_as_far_as_shared() {
    let app = app();
    let (mut b, _, _) = admin(&app).await;
    let borg = new_org(&mut b, "発注自動車株式会社").await;
    let page = b.get(&format!("/o/{borg}/suppliers")).await;
    let r = b
        .post(
            &format!("/o/{borg}/suppliers"),
            &[
                ("_csrf", &page.csrf()),
                ("supplier_name", "精密部品工業株式会社"),
                ("corporate_number", "1180301018771"),
                ("confidential-info", "no"),
                ("unacceptable-delay", "no"),
                ("system-access", "no"),
            ],
        )
        .await;
    let rel = r.location().rsplit('/').next().unwrap().to_string();
    let sp = b.get(&format!("/o/{borg}/suppliers/{rel}")).await;
    let inv = b
        .post(
            &format!("/o/{borg}/suppliers/{rel}/invite"),
            &[("_csrf", &sp.csrf())],
        )
        .await;
    let link = inv.body.split("/supplier-invite/").nth(1).unwrap()[..64].to_string();
    let mut s = Client::new(&app);
    let form = s.get(&format!("/supplier-invite/{link}")).await;
    let r = s
        .post(
            &format!("/supplier-invite/{link}"),
            &[
                ("_csrf", &form.csrf()),
                ("org", "new"),
                ("org_name", "精密部品工業株式会社"),
                ("display_name", "受注 太郎"),
                ("email", "s-owner@example.jp"),
                ("password", "hibari-no-uta-42"),
                ("password2", "hibari-no-uta-42"),
            ],
        )
        .await;
    let sorg = r
        .location()
        .trim_start_matches("/o/")
        .trim_end_matches("/buyers")
        .to_string();
    let h = s.get(&format!("/o/{sorg}")).await;
    let a = s
        .post(
            &format!("/o/{sorg}/assessments"),
            &[
                ("_csrf", &h.csrf()),
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
    enrol(&mut s).await;
    let list = s.get(&format!("/o/{sorg}/cycle")).await;
    s.post(
        &format!("/o/{sorg}/cycle/templates"),
        &[("_csrf", &list.csrf())],
    )
    .await;
    let list = s.get(&format!("/o/{sorg}/cycle")).await;
    let late = task_id(&list.body, &sorg, "セキュリティ推進体制の年次点検");
    edit_due(&mut s, &sorg, &late, &days_from_today(-5), "").await;
    let done = task_id(&list.body, &sorg, "インシデント対応体制の年次点検");
    let tp = s.get(&format!("/o/{sorg}/cycle/{done}")).await;
    let r = s
        .post(
            &format!("/o/{sorg}/cycle/{done}/checks"),
            &[
                ("_csrf", &tp.csrf()),
                ("checked_on", &today()),
                ("looked_at", "社外秘の緊急連絡網"),
                ("outcome", "ok"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    for (scope, expect) in [("status", 0), ("summary", 1), ("full", 2)] {
        let bp = s.get(&format!("/o/{sorg}/buyers")).await;
        let r = s
            .post(
                &format!("/o/{sorg}/buyers/{rel}/share"),
                &[("_csrf", &bp.csrf()), ("assessment", &a), ("scope", scope)],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let view = b.get(&format!("/o/{borg}/suppliers/{rel}")).await;
        assert!(view.body.contains("id=\"shared-cycle\""), "{}", view.body);
        // Never what was looked at.
        assert!(!view.body.contains("社外秘の緊急連絡網"));
        match expect {
            0 => {
                assert!(view.body.contains("概要以上の共有で表示されます"));
                assert!(!view.body.contains("期限内の確認"));
            }
            1 => {
                assert!(view.body.contains("9 / 10"), "{}", view.body);
                assert!(view.body.contains(&today()), "the latest check's day");
                assert!(!view.body.contains("セキュリティ推進体制の年次点検"));
            }
            _ => {
                let at = view.body.find("id=\"shared-cycle\"").unwrap();
                let part = &view.body[at..];
                assert!(part.contains("セキュリティ推進体制の年次点検"));
                assert!(part.contains("期限切れ") && part.contains("1-2-1-3"));
            }
        }
    }
}
