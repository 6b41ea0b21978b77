//! ★4: an evaluation body records document review, on-site review and technical verification per
//! requirement, then confirms; with the refusals a real evaluation needs.

use crate::common::*;
use axum::http::StatusCode;
use hoshi_catalog::Registry;
use hoshi_core::{Answer, Status};
use hoshi_store::db::testing::RawSql as _;

/// The bundled catalogs plus an imported workbook in the official layout (★4 criteria included).
fn catalogs() -> (Registry, String) {
    let mut reg = Registry::bundled().unwrap();
    let scs = reg.get("scs").unwrap().clone();
    let full = hoshi_xlsx::fixture::full_catalog(&scs).unwrap();
    let pin = full.pin();
    reg.add(full, "scs-ipa.toml").unwrap();
    (reg, pin)
}

async fn post_ok(c: &mut Client, path: &str, fields: &[(&str, &str)]) -> Resp {
    let r = c.post(path, fields).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}: {}", r.body);
    r
}

#[tokio::test]
async fn an_evaluation_body_evaluates_star4_per_requirement() {
    let (reg, pin) = catalogs();
    let app = app_with_catalogs(reg, |c| c.validity = (365, 200));
    let (mut s, _, _) = admin(&app).await;
    let home = s.get("/").await;
    let sorg = post_ok(
        &mut s,
        "/orgs",
        &[("_csrf", &home.csrf()), ("name", "四ツ星精工株式会社")],
    )
    .await
    .location()
    .trim_start_matches("/o/")
    .to_string();
    // The evaluation body: an organisation the same admin creates, with an evaluator as editor.
    let body = post_ok(
        &mut s,
        "/orgs",
        &[("_csrf", &home.csrf()), ("name", "第三者評価センター")],
    )
    .await
    .location()
    .trim_start_matches("/o/")
    .to_string();
    let mut ev = join(&app, &mut s, &body, "editor", "evaluator@example.jp").await;

    // A ★4 assessment with every criterion met.
    let h = s.get(&format!("/o/{sorg}")).await;
    let catalog = format!("{pin}:4");
    assert!(
        h.body.contains(&catalog),
        "★4 of the imported catalog is offered"
    );
    let aid = post_ok(
        &mut s,
        &format!("/o/{sorg}/assessments"),
        &[
            ("_csrf", &h.csrf()),
            ("title", "2026年度 ★4"),
            ("catalog", &catalog),
        ],
    )
    .await
    .location()
    .rsplit('/')
    .next()
    .unwrap()
    .to_string();
    let c4 = app.state.catalogs().get(&pin).unwrap().clone();
    let owner = app
        .state
        .store
        .read(|c| {
            c.sql_row(
                "SELECT id FROM users WHERE email = 'admin@example.jp'",
                (),
                |r| r.get::<String>(0),
            )
        })
        .unwrap();
    app.state
        .store
        .write(|tx| {
            for cr in c4.criteria_for_level(4) {
                hoshi_store::assessments::save_answer(
                    tx,
                    1,
                    &owner,
                    &sorg,
                    &aid,
                    &cr.id,
                    0,
                    &Answer::with_status(Status::Met),
                )?;
            }
            Ok(())
        })
        .unwrap();

    // The supplier asks an evaluation body (the button says so for ★4).
    let page = s.get(&format!("/o/{sorg}/a/{aid}")).await;
    assert!(
        page.body.contains("評価機関に評価を依頼する"),
        "{}",
        page.body
    );
    let inv = s
        .post(
            &format!("/o/{sorg}/a/{aid}/review/invite"),
            &[("_csrf", &page.csrf())],
        )
        .await;
    let token = inv.body.split("/expert-invite/").nth(1).unwrap()[..64].to_string();
    let link = format!("/expert-invite/{token}");

    // Not signed in: asked to sign in with the body's account; a sign-up is refused.
    let mut anon = Client::new(&app);
    let p = anon.get(&link).await;
    assert!(
        p.body
            .contains("評価機関の組織に所属するアカウントでログイン")
    );
    let r = anon
        .post(
            &link,
            &[
                ("_csrf", &p.csrf()),
                ("display_name", "個人 専門家"),
                ("email", "solo@example.jp"),
                ("password", "hibari-no-uta-42"),
                ("password2", "hibari-no-uta-42"),
                ("qualification", "情報処理安全確保支援士"),
                ("registration_number", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    // The evaluator's organisation is not registered as a body yet: refused with a reason.
    let p = ev.get(&link).await;
    assert!(
        p.body.contains("評価機関として登録されたものがありません"),
        "{}",
        p.body
    );
    let r = ev
        .post(&link, &[("_csrf", &p.csrf()), ("body", &body)])
        .await;
    // The invitation page again with the reason at the top; the link stays unused.
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("class=\"error-summary\""), "{}", r.body);
    assert!(
        r.body.contains("評価機関として登録されていない"),
        "{}",
        r.body
    );

    // Registered by its owner (bad input first), the body accepts.
    let op = s.get(&format!("/o/{body}")).await;
    let r = s
        .post(
            &format!("/o/{body}/evaluation-body"),
            &[
                ("_csrf", &op.csrf()),
                ("accreditation", " "),
                ("registration_number", ""),
            ],
        )
        .await;
    // The organisation page again, the message beside the field, in Japanese only.
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("class=\"field-error\" id=\"accreditation-error\">認定・登録の名称"),
        "{}",
        r.body
    );
    post_ok(
        &mut s,
        &format!("/o/{body}/evaluation-body"),
        &[
            ("_csrf", &op.csrf()),
            ("accreditation", "SCS評価制度 ★4 評価機関（テスト登録）"),
            ("registration_number", "EV-0042"),
        ],
    )
    .await;
    // Acting for a registered evaluation body requires the second factor.
    assert_eq!(ev.get("/").await.location(), "/account/mfa");
    enrol(&mut ev).await;
    // An editor of the body may not change the registration.
    let ep = ev.get(&format!("/o/{body}")).await;
    let r = ev
        .post(
            &format!("/o/{body}/evaluation-body"),
            &[
                ("_csrf", &ep.csrf()),
                ("accreditation", "x"),
                ("registration_number", "y"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let p = ev.get(&link).await;
    assert!(p.body.contains("第三者評価センター"));
    let r = post_ok(&mut ev, &link, &[("_csrf", &p.csrf()), ("body", &body)]).await;
    assert_eq!(r.location(), format!("/reviews/{aid}"));
    // The link is used up.
    assert_eq!(ev.get(&link).await.status, StatusCode::BAD_REQUEST);
    let page = s.get(&format!("/o/{sorg}/a/{aid}")).await;
    assert!(page.body.contains("第三者評価センター") && page.body.contains("EV-0042"));

    // Submitted by the supplier, started by the body.
    post_ok(
        &mut s,
        &format!("/o/{sorg}/a/{aid}/review/submit"),
        &[("_csrf", &page.csrf())],
    )
    .await;
    let rp = ev.get(&format!("/reviews/{aid}")).await;
    let csrf = rp.csrf();
    let review = format!("/reviews/{aid}");
    post_ok(&mut ev, &review, &[("_csrf", &csrf), ("action", "start")]).await;

    // Confirming before anything is recorded: refused, with how much is left.
    let reqs: Vec<String> = c4.requirements_for_level(4).map(|r| r.id.clone()).collect();
    assert_eq!(reqs.len(), 43);
    let r = ev
        .post(&review, &[("_csrf", &csrf), ("action", "confirm")])
        .await;
    // The review page again with the reason above the decision buttons.
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"decision-problems\""), "{}", r.body);
    assert!(r.body.contains("43件"), "{}", r.body);

    // Bad results: unknown value, unknown requirement.
    let bad = ev
        .post(
            &review,
            &[
                ("_csrf", &csrf),
                ("action", "record"),
                ("requirement", &reqs[0]),
                ("document", "maybe"),
                ("onsite", "pass"),
                ("technical", "pass"),
            ],
        )
        .await;
    // That requirement's form comes back with what was chosen and the message inside it.
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let form = bad
        .body
        .split(&format!("id=\"r-{}\"", reqs[0]))
        .nth(1)
        .and_then(|x| x.split("</article>").next())
        .unwrap();
    assert!(form.contains("class=\"error-summary\""), "{form}");
    assert!(
        form.contains("<option value=\"pass\" selected>"),
        "the other methods keep their choice: {form}"
    );
    assert_eq!(
        bad.body.matches("class=\"error-summary\"").count(),
        1,
        "only that requirement's form"
    );
    let unknown = ev
        .post(
            &review,
            &[
                ("_csrf", &csrf),
                ("action", "record"),
                ("requirement", "9-9-9"),
                ("document", "pass"),
                ("onsite", "pass"),
                ("technical", "pass"),
            ],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);

    // Every requirement recorded; one technical verification fails.
    for (i, r) in reqs.iter().enumerate() {
        let technical = if i == 5 { "fail" } else { "pass" };
        post_ok(
            &mut ev,
            &review,
            &[
                ("_csrf", &csrf),
                ("action", "record"),
                ("requirement", r),
                ("document", "pass"),
                ("onsite", if i % 7 == 0 { "na" } else { "pass" }),
                ("technical", technical),
                ("note", "規程と運用記録を確認しました。"),
            ],
        )
        .await;
    }
    let r = ev
        .post(&review, &[("_csrf", &csrf), ("action", "confirm")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains(&reqs[5]), "{}", r.body);
    let rp = ev.get(&review).await;
    assert!(rp.body.contains("43 / 43") && rp.body.contains("不適合"));
    // Kept for a person to look at (target/tmp/evaluation/review.html, styles from the source tree).
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("evaluation");
    std::fs::create_dir_all(&dir).unwrap();
    let css = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/hoshi.css");
    std::fs::write(
        dir.join("review.html"),
        rp.body
            .replace("/static/hoshi.css", &format!("file://{css}")),
    )
    .unwrap();

    // Re-verified: confirmed, valid for the ★4 period (200 days here).
    post_ok(
        &mut ev,
        &review,
        &[
            ("_csrf", &csrf),
            ("action", "record"),
            ("requirement", &reqs[5]),
            ("document", "pass"),
            ("onsite", "pass"),
            ("technical", "pass"),
            ("note", "是正後に再検証しました。"),
        ],
    )
    .await;
    post_ok(&mut ev, &review, &[("_csrf", &csrf), ("action", "confirm")]).await;
    let page = s.get(&format!("/o/{sorg}/a/{aid}")).await;
    let until = hoshi_core::time::date_jst(hoshi_web::now() + 200 * 86_400);
    assert!(page.body.contains(&until), "{}", page.body);
    assert!(
        page.body
            .contains("評価機関による書面確認・現地確認・技術検証")
    );

    // Every recording is in the audit log, with the body's member as the actor.
    let n: i64 = app
        .state
        .store
        .read(|c| {
            c.sql_row(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'evaluation.record'",
                (),
                |r| r.get(0),
            )
        })
        .unwrap();
    assert_eq!(n, 44);
}

#[tokio::test]
async fn an_individual_expert_cannot_take_a_star4_review() {
    let (reg, pin) = catalogs();
    let app = app_with_catalogs(reg, |_| {});
    let (mut s, _, _) = admin(&app).await;
    let home = s.get("/").await;
    let sorg = post_ok(
        &mut s,
        "/orgs",
        &[("_csrf", &home.csrf()), ("name", "四ツ星精工株式会社")],
    )
    .await
    .location()
    .trim_start_matches("/o/")
    .to_string();
    let h = s.get(&format!("/o/{sorg}")).await;
    let aid = post_ok(
        &mut s,
        &format!("/o/{sorg}/assessments"),
        &[
            ("_csrf", &h.csrf()),
            ("title", "★4"),
            ("catalog", &format!("{pin}:4")),
        ],
    )
    .await
    .location()
    .rsplit('/')
    .next()
    .unwrap()
    .to_string();
    let page = s.get(&format!("/o/{sorg}/a/{aid}")).await;
    let inv = s
        .post(
            &format!("/o/{sorg}/a/{aid}/review/invite"),
            &[("_csrf", &page.csrf())],
        )
        .await;
    let token = inv.body.split("/expert-invite/").nth(1).unwrap()[..64].to_string();
    // The store refuses it too, not only the page.
    let err = app
        .state
        .store
        .write(|tx| {
            hoshi_store::reviews::accept_expert(tx, hoshi_web::now(), "nobody", &token, "q", "r")
        })
        .unwrap_err();
    assert!(err.to_string().contains("star4_needs_body"), "{err}");
}
