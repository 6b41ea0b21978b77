//! The web application in process: set-up, MFA, organisations, answering, conflicts, access.

use crate::common::*;
use axum::http::StatusCode;
use hoshi_store::db::testing::RawSql as _;

#[tokio::test]
async fn setup_enrol_sign_in_with_a_code() {
    let app = app();
    let (mut c, secret, codes) = admin(&app).await;
    // Signed in with MFA: the home page works.
    let home = c.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("所属している組織"));

    // The set-up link is used up.
    let mut other = Client::new(&app);
    let r = other
        .get("/setup/0000000000000000000000000000000000000000000000000000000000000000")
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);

    // Sign out; sign in again: password, then a code.
    let csrf = home.csrf();
    let out = c.post("/logout", &[("_csrf", &csrf)]).await;
    assert_eq!(out.location(), "/login");
    assert_eq!(c.get("/").await.location(), "/login");
    let login = c.get("/login").await;
    let r = c
        .post(
            "/login",
            &[
                ("_csrf", &login.csrf()),
                ("email", "ADMIN@example.jp"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.location(), "/login/mfa");
    // Without the second factor nothing else opens.
    assert_eq!(c.get("/").await.location(), "/login/mfa");
    let mfa = c.get("/login/mfa").await;
    let bad = c
        .post("/login/mfa", &[("_csrf", &mfa.csrf()), ("code", "000000")])
        .await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    // The code used at enrolment cannot be replayed; the next step's code works.
    // (Exactly the enrolment step's code, whatever the clock says now.)
    let enrolled = last_step(&app, "admin@example.jp");
    let replay = c
        .post(
            "/login/mfa",
            &[
                ("_csrf", &mfa.csrf()),
                ("code", &code_at(&secret, enrolled)),
            ],
        )
        .await;
    assert_eq!(
        replay.status,
        StatusCode::UNAUTHORIZED,
        "replayed code refused"
    );
    let ok = c
        .post(
            "/login/mfa",
            &[
                ("_csrf", &mfa.csrf()),
                ("code", &code_at(&secret, enrolled + 1)),
            ],
        )
        .await;
    assert_eq!(ok.location(), "/");
    assert_eq!(c.get("/").await.status, StatusCode::OK);

    // A recovery code works once.
    let home = c.get("/").await;
    c.post("/logout", &[("_csrf", &home.csrf())]).await;
    let login = c.get("/login").await;
    c.post(
        "/login",
        &[
            ("_csrf", &login.csrf()),
            ("email", "admin@example.jp"),
            ("password", PASSWORD),
        ],
    )
    .await;
    let mfa = c.get("/login/mfa").await;
    assert_eq!(
        c.post("/login/mfa", &[("_csrf", &mfa.csrf()), ("code", &codes[0])])
            .await
            .location(),
        "/"
    );
    let acct = c.get("/account").await;
    assert!(acct.body.contains(": 9"), "nine recovery codes left");
}

#[tokio::test]
async fn weak_passwords_and_bad_forms_are_refused() {
    let app = app();
    let token = hoshi_store::new_token();
    app.state
        .store
        .write(|tx| hoshi_store::users::create_setup_token(tx, 1, &token))
        .unwrap();
    let mut c = Client::new(&app);
    let page = c.get(&format!("/setup/{token}")).await;
    let r = c
        .post(
            &format!("/setup/{token}"),
            &[
                ("_csrf", &page.csrf()),
                ("display_name", "x"),
                ("email", "not-an-email"),
                ("password", "password123"),
                ("password2", "password12"),
            ],
        )
        .await;
    // The form again: every problem beside its field, the name and address kept, the
    // passwords never sent back.
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("id=\"email-error\">メールアドレスの形式が正しくありません")
    );
    assert!(
        r.body
            .contains("id=\"password-error\">推測されやすいパスワード")
    );
    assert!(
        r.body
            .contains("id=\"password2-error\">確認用のパスワードが一致しません")
    );
    assert!(r.body.contains("value=\"not-an-email\""));
    assert!(!r.body.contains("password123"));
    // Without the form's CSRF token: refused, nothing created.
    let r = c
        .post(
            &format!("/setup/{token}"),
            &[
                ("display_name", "x"),
                ("email", "a@example.jp"),
                ("password", PASSWORD),
                ("password2", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // From another site: refused.
    c.origin = Some("https://evil.example".into());
    let r = c
        .post(
            &format!("/setup/{token}"),
            &[
                ("_csrf", &page.csrf()),
                ("display_name", "x"),
                ("email", "a@example.jp"),
                ("password", PASSWORD),
                ("password2", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(app.state.store.read(hoshi_store::users::count).unwrap(), 0);
}

#[tokio::test]
async fn wrong_passwords_pause_sign_in_from_that_address_only() {
    let app = app();
    let (mut admin_c, _, _) = admin(&app).await;
    let home = admin_c.get("/").await;
    admin_c.post("/logout", &[("_csrf", &home.csrf())]).await;
    // Someone elsewhere guesses: the first five are plain failures, then sign-in from there
    // pauses, and the pause grows.
    let mut c = Client::from_address(&app, "192.0.2.66:40000");
    let login = c.get("/login").await;
    let mut statuses = Vec::new();
    for _ in 0..7 {
        let r = c
            .post(
                "/login",
                &[
                    ("_csrf", &login.csrf()),
                    ("email", "admin@example.jp"),
                    ("password", "wrong-password-x"),
                ],
            )
            .await;
        statuses.push(r.status.as_u16());
    }
    assert_eq!(
        statuses,
        [401, 401, 401, 401, 401, 401, 429],
        "{statuses:?}"
    );
    let r = c
        .post(
            "/login",
            &[
                ("_csrf", &login.csrf()),
                ("email", "admin@example.jp"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    assert!(
        r.body.contains("分後にもう一度お試しください"),
        "{}",
        r.body
    );
    // The account's owner, at another address, signs in as usual.
    let mut own = Client::from_address(&app, "198.51.100.10:50000");
    let login2 = own.get("/login").await;
    let r = own
        .post(
            "/login",
            &[
                ("_csrf", &login2.csrf()),
                ("email", "admin@example.jp"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.location(), "/login/mfa", "{}", r.body);
    // Unknown accounts get the same message as wrong passwords.
    let r = c
        .post(
            "/login",
            &[
                ("_csrf", &login.csrf()),
                ("email", "nobody@example.jp"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert!(
        r.body
            .contains("メールアドレスまたはパスワードが正しくありません")
    );
}

#[tokio::test]
async fn security_headers_on_every_page() {
    let app = app();
    let mut c = Client::new(&app);
    for path in ["/login", "/nope", "/static/hoshi.css"] {
        let r = c.get(path).await;
        let csp = r
            .headers
            .get("content-security-policy")
            .unwrap()
            .to_str()
            .unwrap();
        assert!(
            csp.contains("script-src 'self'")
                && csp.contains("frame-ancestors 'none'")
                && !csp.contains("unsafe-inline"),
            "{path}"
        );
        assert_eq!(r.headers.get("x-frame-options").unwrap(), "DENY");
        assert_eq!(r.headers.get("x-content-type-options").unwrap(), "nosniff");
    }
    let mut fresh = Client::new(&app);
    let r = fresh.get("/login").await;
    let cookie = r.headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
}

/// Sets up an organisation with an assessment; returns (client, org id, assessment id).
async fn org_with_assessment(app: &App) -> (Client, String, String) {
    let (mut c, _, _) = admin(app).await;
    let home = c.get("/").await;
    let r = c
        .post(
            "/orgs",
            &[("_csrf", &home.csrf()), ("name", "株式会社サンプル製作所")],
        )
        .await;
    let org = r.location().trim_start_matches("/o/").to_string();
    let page = c.get(&format!("/o/{org}")).await;
    assert!(page.body.contains("株式会社サンプル製作所"));
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

#[tokio::test]
async fn answering_criteria_with_conflicts_and_reports() {
    let app = app();
    let (mut c, org, a) = org_with_assessment(&app).await;
    let overview = c.get(&format!("/o/{org}/a/{a}")).await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(
        overview.body.contains("<svg") && overview.body.contains("★3 の要件を満たしていません")
    );

    let cat = c.get(&format!("/o/{org}/a/{a}/c/4")).await;
    assert!(cat.body.contains("4-4-4-2") && cat.body.contains("対応のしかた"));
    let csrf = cat.csrf();
    let path = format!("/o/{org}/a/{a}/answer/4-4-4-2");
    let r = c
        .post(
            &path,
            &[
                ("_csrf", &csrf),
                ("version", "0"),
                ("status", "not-met"),
                ("reason", ""),
                ("evidence", "VPN装置の更新計画\n保守契約"),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.location().contains("/c/4?saved=4-4-4-2#c-4-4-4-2"));
    // Someone else saves on top of version 1 first; our stale save gets a conflict, not an overwrite.
    c.post(
        &path,
        &[
            ("_csrf", &csrf),
            ("version", "1"),
            ("status", "partial"),
            ("reason", ""),
            ("evidence", ""),
            ("note", ""),
        ],
    )
    .await;
    let stale = c
        .post(
            &path,
            &[
                ("_csrf", &csrf),
                ("version", "1"),
                ("status", "met"),
                ("reason", ""),
                ("evidence", ""),
                ("note", "上書きのつもり"),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.body.contains("別の人が更新しました") && stale.body.contains("上書きのつもり"));
    // N/A without a reason: the category page again (422) with what was typed in that
    // criterion's form and the message beside the reason; nothing saved.
    let na = c
        .post(
            &format!("/o/{org}/a/{a}/answer/7-1-1-1"),
            &[
                ("_csrf", &csrf),
                ("version", "0"),
                ("status", "not-applicable"),
                ("reason", " "),
                ("evidence", "取引先一覧 2026年版"),
                ("note", "来期に見直す"),
            ],
        )
        .await;
    assert_eq!(na.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        na.body
            .contains("id=\"reason-error-7-1-1-1\">「対象外」には理由が必要です")
    );
    assert!(
        na.body.contains(">取引先一覧 2026年版</textarea>")
            && na.body.contains(">来期に見直す</textarea>")
    );
    assert!(na.body.contains("value=\"not-applicable\" checked"));
    let again = c.get(&format!("/o/{org}/a/{a}/c/7")).await;
    assert!(!again.body.contains("来期に見直す"), "nothing saved");
    // Unknown status: the form again; unknown criterion, a ★4-only criterion: 4xx.
    assert_eq!(
        c.post(
            &path,
            &[("_csrf", &csrf), ("version", "2"), ("status", "done")]
        )
        .await
        .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        c.post(
            &format!("/o/{org}/a/{a}/answer/9-9-9-9"),
            &[("_csrf", &csrf), ("version", "0"), ("status", "met")]
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        c.post(
            &format!("/o/{org}/a/{a}/answer/4-4-4-2"),
            &[("version", "2"), ("status", "met")]
        )
        .await
        .status,
        StatusCode::FORBIDDEN,
        "no CSRF token"
    );

    let gaps = c.get(&format!("/o/{org}/a/{a}/gaps")).await;
    assert!(gaps.body.contains("4-4-4-2") && gaps.body.contains("一部実施"));
    let roadmap = c.get(&format!("/o/{org}/a/{a}/roadmap")).await;
    assert!(roadmap.body.contains("今すぐ"));
    let history = c.get(&format!("/o/{org}/a/{a}/history")).await;
    // The history speaks in sentences (the stored record stays one click away).
    assert!(
        history
            .body
            .contains("4-4-4-2 の回答を「未実施」から「一部実施」に変更しました。")
            && history.body.contains("管理 者"),
        "{}",
        history.body
    );
    assert!(!history.body.contains(">answer.save"));
    let (s, h, body) = c.get_bytes(&format!("/o/{org}/a/{a}/export.xlsx")).await;
    assert_eq!(s, StatusCode::OK);
    // Named after the organisation, the title and the date (UTF-8, with an ASCII fallback).
    let cd = h.get("content-disposition").unwrap().to_str().unwrap();
    let today = hoshi_core::time::date_jst(hoshi_web::now());
    let want = hoshi_core::text::percent_encode(
        &format!("株式会社サンプル製作所_2026年度 ★3_{today}.xlsx"),
        b"-._",
    );
    assert!(
        cd.starts_with("attachment") && cd.contains(&format!("filename*=UTF-8''{want}")),
        "{cd}"
    );
    assert!(body.starts_with(b"PK"));
    let (_, _, json) = c.get_bytes(&format!("/o/{org}/a/{a}/export.json")).await;
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["answers"]["4-4-4-2"]["status"], "partial");
    assert_eq!(
        hoshi_store::db::testing::open(app.dir.path())
            .read(hoshi_store::audit::verify)
            .unwrap()
            .first_broken,
        None
    );
}

#[tokio::test]
async fn members_see_only_their_organisations_and_roles_limit_writes() {
    let app = app();
    let (mut owner, org, a) = org_with_assessment(&app).await;
    // Invite a viewer.
    let page = owner.get(&format!("/o/{org}")).await;
    let inv = owner
        .post(
            &format!("/o/{org}/invitations"),
            &[("_csrf", &page.csrf()), ("role", "viewer")],
        )
        .await;
    let link = inv.body.split("/invite/").nth(1).unwrap()[..64].to_string();
    let mut viewer = Client::new(&app);
    let form = viewer.get(&format!("/invite/{link}")).await;
    let joined = viewer
        .post(
            &format!("/invite/{link}"),
            &[
                ("_csrf", &form.csrf()),
                ("display_name", "閲覧 さん"),
                ("email", "viewer@example.jp"),
                ("password", "hibari-no-uta-42"),
                ("password2", "hibari-no-uta-42"),
            ],
        )
        .await;
    assert_eq!(joined.location(), format!("/o/{org}"));
    assert_eq!(
        viewer.get(&format!("/o/{org}/a/{a}")).await.status,
        StatusCode::OK
    );
    let cat = viewer.get(&format!("/o/{org}/a/{a}/c/1")).await;
    assert!(
        !cat.body.contains("name=\"status\""),
        "no answer forms for viewers"
    );
    let r = viewer
        .post(
            &format!("/o/{org}/a/{a}/answer/1-2-1-1"),
            &[("_csrf", &cat.csrf()), ("version", "0"), ("status", "met")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // The link is single-use.
    let mut late = Client::new(&app);
    assert_eq!(
        late.get(&format!("/invite/{link}")).await.status,
        StatusCode::BAD_REQUEST
    );

    // An outsider with an organisation of their own sees nothing of the first one.
    let page = owner.get(&format!("/o/{org}")).await;
    let inv = owner
        .post(
            &format!("/o/{org}/invitations"),
            &[("_csrf", &page.csrf()), ("role", "viewer")],
        )
        .await;
    let _unused = inv.body.split("/invite/").nth(1).unwrap()[..64].to_string();
    let mut outsider = Client::new(&app);
    let token = "f".repeat(64);
    let r = outsider.get(&format!("/invite/{token}")).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    for path in [
        format!("/o/{org}"),
        format!("/o/{org}/a/{a}"),
        format!("/o/{org}/a/{a}/export.json"),
        format!("/o/{org}/a/{a}/history"),
    ] {
        let r = outsider.get(&path).await;
        assert_eq!(r.location(), "/login", "anonymous: {path}");
    }
}

#[tokio::test]
async fn owners_change_roles_and_remove_members_but_keep_an_owner() {
    let app = app();
    let (mut owner, org, a) = org_with_assessment(&app).await;
    let page = owner.get(&format!("/o/{org}")).await;
    let inv = owner
        .post(
            &format!("/o/{org}/invitations"),
            &[("_csrf", &page.csrf()), ("role", "viewer")],
        )
        .await;
    let link = inv.body.split("/invite/").nth(1).unwrap()[..64].to_string();
    let mut member = Client::new(&app);
    let f = member.get(&format!("/invite/{link}")).await;
    member
        .post(
            &format!("/invite/{link}"),
            &[
                ("_csrf", &f.csrf()),
                ("display_name", "メンバー"),
                ("email", "member@example.jp"),
                ("password", "hibari-no-uta-42"),
                ("password2", "hibari-no-uta-42"),
            ],
        )
        .await;
    let uid: String = app
        .state
        .store
        .read(|c| {
            c.sql_row(
                "SELECT id FROM users WHERE email = 'member@example.jp'",
                (),
                |r| r.get(0),
            )
        })
        .unwrap();
    let owner_id: String = app
        .state
        .store
        .read(|c| {
            c.sql_row(
                "SELECT id FROM users WHERE email = 'admin@example.jp'",
                (),
                |r| r.get(0),
            )
        })
        .unwrap();
    let csrf = owner.get(&format!("/o/{org}")).await.csrf();
    // Promote to editor: the member may now answer.
    assert_eq!(
        owner
            .post(
                &format!("/o/{org}/members/{uid}"),
                &[("_csrf", &csrf), ("role", "editor")]
            )
            .await
            .location(),
        format!("/o/{org}")
    );
    let mcsrf = member.get(&format!("/o/{org}/a/{a}/c/1")).await.csrf();
    let r = member
        .post(
            &format!("/o/{org}/a/{a}/answer/1-2-1-1"),
            &[("_csrf", &mcsrf), ("version", "0"), ("status", "met")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // The only owner cannot demote or remove themselves.
    let r = owner
        .post(
            &format!("/o/{org}/members/{owner_id}"),
            &[("_csrf", &csrf), ("role", "viewer")],
        )
        .await;
    // The organisation page again, the message beside that member's role.
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("少なくとも1人のオーナー"));
    let row = r
        .body
        .split(&format!("/members/{owner_id}\""))
        .nth(1)
        .and_then(|x| x.split("</tr>").next())
        .unwrap();
    assert!(row.contains("少なくとも1人のオーナー"), "{row}");
    let r = owner
        .post(
            &format!("/o/{org}/members/{owner_id}"),
            &[("_csrf", &csrf), ("role", "remove")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Removed: access ends on the very next request.
    owner
        .post(
            &format!("/o/{org}/members/{uid}"),
            &[("_csrf", &csrf), ("role", "remove")],
        )
        .await;
    assert_eq!(
        member.get(&format!("/o/{org}/a/{a}")).await.status,
        StatusCode::NOT_FOUND
    );
    // A member cannot manage members.
    let r = member
        .post(
            &format!("/o/{org}/members/{owner_id}"),
            &[("_csrf", &mcsrf), ("role", "remove")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn malformed_requests_get_clear_4xx_pages() {
    use axum::body::Body;
    use axum::http::{Request, header};
    use tower::ServiceExt;
    let app = app();
    let (mut c, org, a) = org_with_assessment(&app).await;
    let csrf = c.get(&format!("/o/{org}/a/{a}/c/4")).await.csrf();
    let cookie: String = c
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let send = |body: Vec<u8>, ctype: &str, path: String| {
        Request::post(path)
            .header(header::HOST, "localhost")
            .header(header::COOKIE, cookie.clone())
            .header(header::CONTENT_TYPE, ctype)
            .body(Body::from(body))
            .unwrap()
    };
    // Invalid UTF-8 in a form field.
    let mut body = format!("_csrf={csrf}&version=0&status=met&note=").into_bytes();
    body.extend(b"%FF%FE%80");
    let res = app
        .router
        .clone()
        .oneshot(send(
            body,
            "application/x-www-form-urlencoded",
            format!("/o/{org}/a/{a}/answer/4-4-4-2"),
        ))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let text = String::from_utf8(
        axum::body::to_bytes(res.into_body(), 1 << 20)
            .await
            .unwrap()
            .to_vec(),
    )
    .unwrap();
    assert!(
        text.contains("フォームの内容を読み取れませんでした"),
        "{text}"
    );
    // A broken multipart body.
    let res = app
        .router
        .clone()
        .oneshot(send(
            b"--x\r\nbroken".to_vec(),
            "multipart/form-data; boundary=x",
            format!("/o/{org}/a/{a}/evidence/4-4-4-2"),
        ))
        .await
        .unwrap();
    assert!(res.status().is_client_error());
    // Unknown and malformed IDs, path tricks.
    for path in [
        format!("/o/{org}/a/{}", "0".repeat(32)),
        format!("/o/{org}/a/..%2F..%2Fetc%2Fpasswd"),
        format!("/o/{org}/a/{a}/c/99"),
        "/o/not-an-id".to_string(),
        format!("/o/{org}/evidence/{}/download", "0".repeat(32)),
    ] {
        let r = c.get(&path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    }
    // Nothing half-written: the broken requests left no answers.
    let (_, _, json) = c.get_bytes(&format!("/o/{org}/a/{a}/export.json")).await;
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["answers"].as_object().unwrap().len(), 0);
}

#[tokio::test]
async fn demo_data_lets_a_newcomer_look_around() {
    let app = app();
    // Before anything is set up, `/` explains the set-up link, in Japanese, with a way to sign in.
    let first = Client::new(&app).get("/").await;
    assert_eq!(first.status, StatusCode::OK);
    assert!(first.body.contains("初期設定用のリンク"), "{}", first.body);
    assert!(first.body.contains("href=\"/login\""));
    let hash = hoshi_web::auth::hash_password("demo-password-123").unwrap();
    assert!(hoshi_web::server::seed_demo(&app.state.store, &app.state.catalogs(), &hash).unwrap());
    // With the demo accounts, `/` leads to the sign-in page, which names them.
    let mut c = Client::new(&app);
    assert_eq!(c.get("/").await.location(), "/login");
    let login = c.get("/login").await;
    assert!(
        login.body.contains("デモ用アカウント")
            && login.body.contains(hoshi_web::server::DEMO_SUPPLIER.0)
            && login.body.contains(hoshi_web::server::DEMO_BUYER.0),
        "{}",
        login.body
    );
    assert!(
        !hoshi_web::server::seed_demo(&app.state.store, &app.state.catalogs(), &hash).unwrap(),
        "seeding twice adds nothing"
    );
    let mut c = Client::new(&app);
    let login = c.get("/login").await;
    let r = c
        .post(
            "/login",
            &[
                ("_csrf", &login.csrf()),
                ("email", hoshi_web::server::DEMO_SUPPLIER.0),
                ("password", "demo-password-123"),
            ],
        )
        .await;
    // The demo supplier owns an organisation with an assessment: the second factor first.
    assert_eq!(r.location(), "/account/mfa");
    enrol(&mut c).await;
    let home = c.get("/").await;
    assert!(home.body.contains(hoshi_web::server::DEMO_SUPPLIER.2));
    let org = home.body.split("href=\"/o/").nth(1).unwrap()[..32].to_string();
    let page = c.get(&format!("/o/{org}")).await;
    assert!(page.body.contains("2026年度 ★3 自己評価（デモ）"));
    let a = page.body.split(&format!("/o/{org}/a/")).nth(1).unwrap()[..32].to_string();
    let overview = c.get(&format!("/o/{org}/a/{a}")).await;
    assert!(
        !overview.body.contains("進捗: <strong>0%"),
        "partly answered"
    );
    let gaps = c.get(&format!("/o/{org}/a/{a}/gaps")).await;
    assert!(gaps.body.contains("4-4-4-2") && gaps.body.contains("未実施"));
    // The supplier shares a summary with the demo buyer, whose portfolio shows two suppliers.
    let buyers = c.get(&format!("/o/{org}/buyers")).await;
    assert!(buyers.body.contains(hoshi_web::server::DEMO_BUYER.2));
    let mut b = Client::new(&app);
    let login = b.get("/login").await;
    b.post(
        "/login",
        &[
            ("_csrf", &login.csrf()),
            ("email", hoshi_web::server::DEMO_BUYER.0),
            ("password", "demo-password-123"),
        ],
    )
    .await;
    let home = b.get("/").await;
    let borg = home.body.split("href=\"/o/").nth(1).unwrap()[..32].to_string();
    let portfolio = b.get(&format!("/o/{borg}/suppliers")).await;
    assert!(
        portfolio.body.contains(hoshi_web::server::DEMO_SUPPLIER.2)
            && portfolio.body.contains("デモ電子工業株式会社")
            && portfolio.body.contains("自己評価中")
            && portfolio.body.contains("<td>★3</td>"),
        "{}",
        portfolio.body
    );
}

/// A form with a problem comes back (422) with what was typed, the message beside the field and
/// a summary at the top — in the user's language only — and nothing is saved.
#[tokio::test]
async fn invalid_forms_come_back_with_the_values_and_the_message() {
    let app = app();
    let (mut c, _, _) = admin(&app).await;
    let home = c.get("/").await;
    let r = c
        .post("/orgs", &[("_csrf", &home.csrf()), ("name", "   ")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("<html lang=\"ja\">"));
    assert!(r.body.contains("class=\"error-summary\" role=\"alert\""));
    assert!(r.body.contains("組織名は1〜200文字で入力してください"));
    assert!(r.body.contains("id=\"name\" name=\"name\" required maxlength=\"200\" value=\"   \" aria-invalid=\"true\" aria-describedby=\"name-error\""));
    assert!(
        !r.body.contains("organisation name"),
        "no English on the Japanese page"
    );
    assert!(
        c.get("/").await.body.contains("まだ組織がありません"),
        "nothing saved"
    );
    // In English for a user who chose it.
    let lang = c.get("/").await;
    c.post("/lang", &[("_csrf", &lang.csrf()), ("lang", "en")])
        .await;
    let home = c.get("/").await;
    let r = c
        .post("/orgs", &[("_csrf", &home.csrf()), ("name", "")])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("An organisation name must be 1 to 200 characters")
    );
    assert!(!r.body.contains("組織名は"));
    let r = c
        .post(
            "/orgs",
            &[("_csrf", &home.csrf()), ("name", "株式会社サンプル製作所")],
        )
        .await;
    let org = r.location().trim_start_matches("/o/").to_string();
    c.post("/lang", &[("_csrf", &home.csrf()), ("lang", "ja")])
        .await;
    // An assessment title of spaces: the organisation page again, the catalog still chosen.
    let page = c.get(&format!("/o/{org}")).await;
    let r = c
        .post(
            &format!("/o/{org}/assessments"),
            &[
                ("_csrf", &page.csrf()),
                ("title", " "),
                ("catalog", "scs@2026-03-27:3"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("タイトルは1〜200文字で入力してください"));
    assert!(
        r.body
            .contains("<option value=\"scs@2026-03-27:3\" selected>")
    );
    assert!(r.body.contains("株式会社サンプル製作所"));
    assert!(
        !c.get(&format!("/o/{org}")).await.body.contains("/a/"),
        "nothing was created"
    );
}

/// An id in a URL that is not one (wrong length, capitals, anything else) names nothing: the
/// member gets "not found" in Japanese, whatever the route, and never a 400 in English.
#[tokio::test]
async fn malformed_ids_in_urls_are_not_found() {
    let app = app();
    let (mut c, org, a) = org_with_assessment(&app).await;
    let upper = a.to_uppercase();
    let short = &a[1..];
    for path in [
        format!("/o/{org}/a/{upper}"),
        format!("/o/{org}/a/{short}/report.pdf"),
        format!("/o/{org}/a/{a}x/gaps"),
        format!("/o/{org}/attestations/{a}"),
        format!("/o/{org}/evidence/..%2f..%2fetc/download"),
        format!("/o/{org}/suppliers/{upper}"),
        format!("/reviews/{short}"),
    ] {
        let r = c.get(&path).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        assert!(r.body.contains("見つかりません"), "{path}: {}", r.body);
    }
    // The well-formed one still opens.
    assert_eq!(
        c.get(&format!("/o/{org}/a/{a}")).await.status,
        StatusCode::OK
    );
}

/// Enrolling a second factor ends every session opened with the password alone (another
/// browser, a stolen cookie); the device that enrolled continues with a fresh session.
#[tokio::test]
async fn enrolling_mfa_ends_other_sessions() {
    let app = app();
    let (mut owner, _, _) = admin(&app).await;
    let home = owner.get("/").await;
    let org = owner
        .post(
            "/orgs",
            &[("_csrf", &home.csrf()), ("name", "株式会社二台目")],
        )
        .await
        .location()
        .trim_start_matches("/o/")
        .to_string();
    let mut laptop = join(&app, &mut owner, &org, "editor", "two@example.jp").await;
    // The same person signs in on a second device with the password.
    let mut phone = Client::new(&app);
    let login = phone.get("/login").await;
    let r = phone
        .post(
            "/login",
            &[
                ("_csrf", &login.csrf()),
                ("email", "two@example.jp"),
                ("password", "hibari-no-uta-42"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(phone.get(&format!("/o/{org}")).await.status, StatusCode::OK);
    // Enrolled on the laptop: the phone's password-only session is gone.
    let enrol = laptop.get("/account/mfa").await;
    let secret = secret_of(&enrol.body);
    let done = laptop
        .post(
            "/account/mfa",
            &[("_csrf", &enrol.csrf()), ("code", &code(&secret, 0))],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(phone.get(&format!("/o/{org}")).await.location(), "/login");
    assert_eq!(
        laptop.get(&format!("/o/{org}")).await.status,
        StatusCode::OK
    );
}

/// A category is saved as a whole: every changed criterion at once, or — when one has a problem
/// or someone else saved it meanwhile — nothing, with everything typed kept on the page.
#[tokio::test]
async fn a_category_saves_every_change_or_none() {
    let app = app();
    let (mut c, org, a) = org_with_assessment(&app).await;
    let mut other = join(&app, &mut c, &org, "editor", "other@example.jp").await;
    let page = c.get(&format!("/o/{org}/a/{a}/c/1")).await;
    assert!(page.body.contains("name=\"version.1-2-1-1\" value=\"0\""));
    let save = format!("/o/{org}/a/{a}/c/1/answers");
    // The colleague saves 1-2-1-1 first.
    let op = other.get(&format!("/o/{org}/a/{a}/c/1")).await;
    let r = other
        .post(
            &save,
            &[
                ("_csrf", &op.csrf()),
                ("version.1-2-1-1", "0"),
                ("status.1-2-1-1", "met"),
                ("reason.1-2-1-1", "同僚の回答"),
            ],
        )
        .await;
    assert_eq!(r.location(), format!("/o/{org}/a/{a}/c/1?saved=1"));
    // Two criteria typed on a page opened before that: nothing is saved, both stay as typed, and
    // the conflict shows the colleague's answer.
    let typed = [
        ("_csrf", page.csrf()),
        ("version.1-2-1-1", "0".into()),
        ("status.1-2-1-1", "partial".into()),
        ("reason.1-2-1-1", "私の回答".into()),
        ("version.1-2-1-2", "0".into()),
        ("status.1-2-1-2", "met".into()),
        ("note.1-2-1-2", "規程第3条".into()),
    ];
    let form: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = c.post(&save, &form).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("同僚の回答") && r.body.contains(">私の回答</textarea>"));
    assert!(
        r.body.contains(">規程第3条</textarea>"),
        "the other criterion's text is kept"
    );
    assert!(
        r.body.contains("name=\"version.1-2-1-1\" value=\"1\""),
        "saving again replaces theirs"
    );
    let stored = |crit: &str| {
        let crit = crit.to_string();
        let a = a.clone();
        app.state
            .store
            .read(move |s| {
                Ok(s.sql_row(
                    "SELECT status FROM answers WHERE assessment_id = ?1 AND criterion_id = ?2",
                    [&a, &crit],
                    |r| r.get::<String>(0),
                )
                .ok())
            })
            .unwrap()
    };
    assert_eq!(stored("1-2-1-2"), None, "nothing half-saved");
    // A problem in one criterion (not applicable without a reason) also saves nothing.
    let r = c
        .post(
            &save,
            &[
                ("_csrf", &page.csrf()),
                ("version.1-2-1-1", "1"),
                ("status.1-2-1-1", "partial"),
                ("version.1-2-1-2", "0"),
                ("status.1-2-1-2", "not-applicable"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"reason-error-1-2-1-2\""), "{}", r.body);
    assert_eq!(stored("1-2-1-1"), Some("met".into()));
    // Both fine: both saved in one go.
    let r = c
        .post(
            &save,
            &[
                ("_csrf", &page.csrf()),
                ("version.1-2-1-1", "1"),
                ("status.1-2-1-1", "partial"),
                ("version.1-2-1-2", "0"),
                ("status.1-2-1-2", "met"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        (stored("1-2-1-1"), stored("1-2-1-2")),
        (Some("partial".into()), Some("met".into()))
    );
}

/// A forgotten password, a changed one, a disabled account: the administrator's page issues a
/// one-time reset link; a change asks for the current password and ends every other session;
/// a disabled account can neither sign in nor keep a session.
#[tokio::test]
async fn passwords_change_reset_and_accounts_disable() {
    let app = app();
    let (mut admin_c, _, _) = admin(&app).await;
    let org = new_org(&mut admin_c, "株式会社鍵").await;
    let mut member = join(&app, &mut admin_c, &org, "editor", "forgetful@example.jp").await;
    let uid: String = app
        .state
        .store
        .read(|c| {
            Ok(hoshi_store::users::by_email(c, "forgetful@example.jp")?
                .unwrap()
                .id)
        })
        .unwrap();
    let sign_in = |password: &'static str| {
        let app = &app;
        async move {
            let mut c = Client::new(app);
            let login = c.get("/login").await;
            let r = c
                .post(
                    "/login",
                    &[
                        ("_csrf", &login.csrf()),
                        ("email", "forgetful@example.jp"),
                        ("password", password),
                    ],
                )
                .await;
            (c, r)
        }
    };

    // A change needs the current password; the form comes back in place when it is wrong.
    let page = member.get("/account/password").await;
    let r = member
        .post(
            "/account/password",
            &[
                ("_csrf", &page.csrf()),
                ("current_password", "not-my-password"),
                ("password", "yuzuriha-no-ki-31"),
                ("password2", "yuzuriha-no-ki-31"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("id=\"current_password-error\">現在のパスワードが正しくありません")
    );
    let (mut second, _) = sign_in("hibari-no-uta-42").await;
    assert_eq!(
        second.get(&format!("/o/{org}")).await.status,
        StatusCode::OK
    );
    let r = member
        .post(
            "/account/password",
            &[
                ("_csrf", &page.csrf()),
                ("current_password", "hibari-no-uta-42"),
                ("password", "yuzuriha-no-ki-31"),
                ("password2", "yuzuriha-no-ki-31"),
            ],
        )
        .await;
    assert_eq!(r.location(), "/account?password=changed");
    assert!(
        member
            .get("/account?password=changed")
            .await
            .body
            .contains("パスワードを変更しました")
    );
    assert_eq!(
        second.get(&format!("/o/{org}")).await.location(),
        "/login",
        "the other session ended"
    );

    // Forgotten: the sign-in page says where to turn; the administrator issues a link.
    let login = Client::new(&app).get("/login").await;
    assert!(login.body.contains("href=\"/login/forgot\""));
    let list = admin_c.get("/admin/users").await;
    assert!(list.body.contains("forgetful@example.jp"));
    let r = admin_c
        .post(
            &format!("/admin/users/{uid}"),
            &[("_csrf", &list.csrf()), ("action", "reset_link")],
        )
        .await;
    let token = r.body.split("/reset/").nth(1).unwrap()[..64].to_string();
    let mut anyone = Client::new(&app);
    let form = anyone.get(&format!("/reset/{token}")).await;
    let r = anyone
        .post(
            &format!("/reset/{token}"),
            &[
                ("_csrf", &form.csrf()),
                ("password", "kinmokusei-no-aki-8"),
                ("password2", "kinmokusei-no-aki-8"),
            ],
        )
        .await;
    assert_eq!(r.location(), "/login?reset=done");
    assert_eq!(
        member.get(&format!("/o/{org}")).await.location(),
        "/login",
        "sessions ended"
    );
    assert_eq!(
        anyone.get(&format!("/reset/{token}")).await.status,
        StatusCode::BAD_REQUEST,
        "the link works once"
    );
    let (mut back, r) = sign_in("kinmokusei-no-aki-8").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(back.get(&format!("/o/{org}")).await.status, StatusCode::OK);

    // Disabled: signed out at once, and the right password no longer opens it.
    let list = admin_c.get("/admin/users").await;
    admin_c
        .post(
            &format!("/admin/users/{uid}"),
            &[("_csrf", &list.csrf()), ("action", "disable")],
        )
        .await;
    assert_eq!(back.get(&format!("/o/{org}")).await.location(), "/login");
    let (_, r) = sign_in("kinmokusei-no-aki-8").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("管理者によって無効にされています"));
    // The administrator cannot disable their own account.
    let me: String = app
        .state
        .store
        .read(|c| {
            Ok(hoshi_store::users::by_email(c, "admin@example.jp")?
                .unwrap()
                .id)
        })
        .unwrap();
    let list = admin_c.get("/admin/users").await;
    let r = admin_c
        .post(
            &format!("/admin/users/{me}"),
            &[("_csrf", &list.csrf()), ("action", "disable")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("最後の管理者"));
}

/// Only a holder of a valid invitation learns whether an address has an account, and not in
/// bulk: trying addresses counts like sign-in attempts from that address.
#[tokio::test]
async fn invitation_sign_up_cannot_be_used_to_list_accounts() {
    let app = app();
    let (mut owner, _, _) = admin(&app).await;
    let home = owner.get("/").await;
    let org = owner
        .post(
            "/orgs",
            &[("_csrf", &home.csrf()), ("name", "株式会社招待")],
        )
        .await
        .location()
        .trim_start_matches("/o/")
        .to_string();
    let page = owner.get(&format!("/o/{org}")).await;
    let inv = owner
        .post(
            &format!("/o/{org}/invitations"),
            &[("_csrf", &page.csrf()), ("role", "viewer")],
        )
        .await;
    let link = inv.body.split("/invite/").nth(1).unwrap()[..64].to_string();
    let mut prober = Client::from_address(&app, "203.0.113.9:40000");
    let form = prober.get(&format!("/invite/{link}")).await;
    let mut statuses = Vec::new();
    // An address with an account, tried again and again (a new one would use the link up).
    for _ in 0..25 {
        let r = prober
            .post(
                &format!("/invite/{link}"),
                &[
                    ("_csrf", &form.csrf()),
                    ("display_name", "試す人"),
                    ("email", "admin@example.jp"),
                    ("password", "hibari-no-uta-42"),
                    ("password2", "hibari-no-uta-42"),
                ],
            )
            .await;
        statuses.push(r.status.as_u16());
    }
    assert!(
        statuses[..20].iter().all(|s| *s == 422) && statuses[20..].iter().all(|s| *s == 429),
        "{statuses:?}"
    );
}

/// The category page narrows its list: to do, unanswered, with comments; and jumps to the next
/// unanswered criterion.
#[tokio::test]
async fn category_filters_list_what_is_left() {
    let app = app();
    let (mut c, org, a) = org_with_assessment(&app).await;
    let page = c.get(&format!("/o/{org}/a/{a}/c/1")).await;
    let all = page.body.matches("class=\"criterion\"").count();
    assert!(all > 5);
    c.post(
        &format!("/o/{org}/a/{a}/c/1/answers"),
        &[
            ("_csrf", &page.csrf()),
            ("version.1-2-1-1", "0"),
            ("status.1-2-1-1", "met"),
            ("version.1-2-1-2", "0"),
            ("status.1-2-1-2", "partial"),
        ],
    )
    .await;
    let unanswered = c.get(&format!("/o/{org}/a/{a}/c/1?show=unanswered")).await;
    assert_eq!(
        unanswered.body.matches("class=\"criterion\"").count(),
        all - 2
    );
    assert!(!unanswered.body.contains("id=\"c-1-2-1-1\""));
    let open = c.get(&format!("/o/{org}/a/{a}/c/1?show=open")).await;
    assert_eq!(open.body.matches("class=\"criterion\"").count(), all - 1);
    assert!(open.body.contains("id=\"c-1-2-1-2\"") && !open.body.contains("id=\"c-1-2-1-1\""));
    assert!(open.body.contains("id=\"next-unanswered\""));
    let commented = c.get(&format!("/o/{org}/a/{a}/c/1?show=commented")).await;
    assert!(commented.body.contains("id=\"none-listed\""));
}

/// The health check tells a data directory that cannot be written (a full or read-only disk)
/// before users meet it.
#[tokio::test]
async fn the_health_check_notices_an_unwritable_data_directory() {
    let fine = app();
    let r = Client::new(&fine).get("/healthz").await;
    assert_eq!((r.status, r.body.as_str()), (StatusCode::OK, "ok"));
    if fine.state.store.is_shared() {
        // On PostgreSQL nothing is written to the data directory (the SQLite run checks this).
        return;
    }
    // The data directory goes away under the running server (a file takes its name, so nothing
    // can be written inside it — as on a disk that turned read-only).
    let dir = fine.state.config.data_dir.clone();
    let aside = dir.with_extension("aside");
    std::fs::rename(&dir, &aside).unwrap();
    std::fs::write(&dir, b"not a directory").unwrap();
    let r = Client::new(&fine).get("/healthz").await;
    std::fs::remove_file(&dir).unwrap();
    std::fs::rename(&aside, &dir).unwrap();
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(r.body.contains("data directory not writable"), "{}", r.body);
    assert_eq!(
        Client::new(&fine).get("/healthz").await.status,
        StatusCode::OK
    );
}

/// A person abroad reads times in their own zone; dates that decide validity stay Japan's.
#[tokio::test]
async fn times_are_shown_in_the_zone_a_person_chose() {
    let app = app();
    let (mut s, _, _) = admin(&app).await;
    let org = new_org(&mut s, "海外拠点株式会社").await;
    let o = s.get(&format!("/o/{org}")).await;
    let started = s
        .post(
            &format!("/o/{org}/assessments"),
            &[
                ("_csrf", &o.csrf()),
                ("title", "2026年度"),
                ("catalog", "scs@2026-03-27:3"),
            ],
        )
        .await;
    let history = format!("{}/history", started.location());
    let h = s.get(&history).await;
    assert!(h.body.contains(" JST"), "Japan time by default: {}", h.body);

    let acc = s.get("/account").await;
    assert!(acc.body.contains("<option value=\"Asia/Tokyo\" selected>"));
    let r = s
        .post(
            "/account/time-zone",
            &[("_csrf", &acc.csrf()), ("time_zone", "America/Los_Angeles")],
        )
        .await;
    assert_eq!(r.location(), "/account?zone=saved");
    let acc = s.get("/account?zone=saved").await;
    assert!(acc.body.contains("時刻の表示を変更しました"));
    assert!(
        acc.body
            .contains("<option value=\"America/Los_Angeles\" selected>")
    );
    let h = s.get(&history).await;
    assert!(!h.body.contains(" JST"), "{}", h.body);
    assert!(
        h.body.contains("(UTC-8)") || h.body.contains("(UTC-7)"),
        "{}",
        h.body
    );
    // A zone not on the list is refused.
    let r = s
        .post(
            "/account/time-zone",
            &[("_csrf", &acc.csrf()), ("time_zone", "Mars/Olympus_Mons")],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

/// The compact table: every criterion of the level on one page, in the workbook's order; rows
/// of different categories saved together, or nothing when one has a problem.
#[tokio::test]
async fn the_compact_table_saves_rows_of_every_category_together() {
    let app = app();
    let (mut c, org, a) = org_with_assessment(&app).await;
    let table = format!("/o/{org}/a/{a}/table");
    let page = c.get(&table).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.body.matches("<tr id=\"c-").count(),
        81,
        "every ★3 criterion is a row"
    );
    let first = page.body.find("id=\"c-1-2-1-1\"").unwrap();
    let last = page.body.find("id=\"c-4-4-4-2\"").unwrap();
    assert!(first < last, "in the workbook's order");
    let save = format!("{table}/answers");
    // A row in category 1 and one in category 4; the second has 対象外 without a reason.
    let bad = c
        .post(
            &save,
            &[
                ("_csrf", &page.csrf()),
                ("version.1-2-1-1", "0"),
                ("status.1-2-1-1", "met"),
                ("reason.1-2-1-1", "CISO を任命済み"),
                ("version.4-4-4-2", "0"),
                ("status.4-4-4-2", "na"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(
        bad.body.contains(">CISO を任命済み</textarea>"),
        "what was typed stays"
    );
    assert!(bad.body.contains("id=\"problems-4-4-4-2\""));
    let answers = |app: &App| {
        app.state
            .store
            .read(|c| c.sql_row("SELECT COUNT(*) FROM answers", (), |r| r.get::<i64>(0)))
            .unwrap()
    };
    assert_eq!(answers(&app), 0, "nothing saved");
    let good = c
        .post(
            &save,
            &[
                ("_csrf", &page.csrf()),
                ("version.1-2-1-1", "0"),
                ("status.1-2-1-1", "met"),
                ("reason.1-2-1-1", "CISO を任命済み"),
                ("version.4-4-4-2", "0"),
                ("status.4-4-4-2", "partial"),
                ("evidence.4-4-4-2", "パッチ適用記録"),
            ],
        )
        .await;
    assert_eq!(good.location(), format!("{table}?saved=1"));
    assert_eq!(answers(&app), 2);
    let page = c.get(&format!("{table}?saved=1")).await;
    assert!(page.body.contains(">パッチ適用記録</textarea>"));
    assert!(page.body.contains("name=\"version.4-4-4-2\" value=\"1\""));
}

/// Behind a trusted reverse proxy, sign-in pauses count per real client (from X-Forwarded-For),
/// not per proxy; the header from anyone else changes nothing.
#[tokio::test]
async fn behind_a_trusted_proxy_pauses_count_per_real_client() {
    let app = app_with(|c| {
        c.trusted_proxies = vec![hoshi_web::kernel::proxy::IpNet::parse("10.0.0.0/8").unwrap()];
    });
    let (mut admin_c, _, _) = admin(&app).await;
    let home = admin_c.get("/").await;
    admin_c.post("/logout", &[("_csrf", &home.csrf())]).await;
    let via_proxy = |client: &str| {
        let mut c = Client::from_address(&app, "10.0.0.2:40000");
        c.forwarded_for = Some(client.to_string());
        c
    };
    // A guesser behind the proxy gets paused.
    let mut guesser = via_proxy("203.0.113.66");
    let login = guesser.get("/login").await;
    for _ in 0..7 {
        guesser
            .post(
                "/login",
                &[
                    ("_csrf", &login.csrf()),
                    ("email", "admin@example.jp"),
                    ("password", "wrong-password-x"),
                ],
            )
            .await;
    }
    let r = guesser
        .post(
            "/login",
            &[
                ("_csrf", &login.csrf()),
                ("email", "admin@example.jp"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // The real owner behind the same proxy is not.
    let mut owner = via_proxy("198.51.100.10");
    let l = owner.get("/login").await;
    let r = owner
        .post(
            "/login",
            &[
                ("_csrf", &l.csrf()),
                ("email", "admin@example.jp"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.location(), "/login/mfa", "{}", r.body);
    // A client not behind the proxy cannot escape its own pause by naming another address.
    let mut direct = Client::from_address(&app, "203.0.113.66:1234");
    direct.forwarded_for = Some("198.51.100.77".into());
    let l = direct.get("/login").await;
    let r = direct
        .post(
            "/login",
            &[
                ("_csrf", &l.csrf()),
                ("email", "admin@example.jp"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::TOO_MANY_REQUESTS,
        "still paused: {}",
        r.body
    );
}

/// Many people behind one address (an office's NAT) sign in one after another: successful
/// sign-ins do not use up the address's attempt budget; failures still do.
#[tokio::test]
async fn an_office_behind_one_address_signs_in_at_nine() {
    let app = app();
    let (mut a, _, _) = admin(&app).await;
    let home = a.get("/").await;
    a.post("/logout", &[("_csrf", &home.csrf())]).await;
    for _ in 0..30 {
        let mut c = Client::from_address(&app, "192.0.2.10:40000");
        let l = c.get("/login").await;
        let r = c
            .post(
                "/login",
                &[
                    ("_csrf", &l.csrf()),
                    ("email", "admin@example.jp"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.location(), "/login/mfa", "{}", r.status);
    }
}

/// The organisation page puts each role's work first: a buyer's suppliers before the start of a
/// self-assessment of its own, which stays folded until it is wanted.
#[tokio::test]
async fn a_buyer_sees_its_suppliers_first_on_the_organisation_page() {
    let app = app();
    let (mut b, _, _) = admin(&app).await;
    let org = new_org(&mut b, "発注電機株式会社").await;
    let before = b.get(&format!("/o/{org}")).await;
    assert!(!before.body.contains("id=\"as-buyer\""));
    assert!(
        before
            .body
            .contains("<details class=\"card\" id=\"start-assessment\" open>"),
        "an organisation that does nothing yet is offered its own assessment"
    );
    let page = b.get(&format!("/o/{org}/suppliers")).await;
    let r = b
        .post(
            &format!("/o/{org}/suppliers"),
            &[
                ("_csrf", page.csrf().as_str()),
                ("supplier_name", "精密部品工業株式会社"),
                ("corporate_number", "1180301018771"),
                ("confidential-info", "no"),
                ("unacceptable-delay", "no"),
                ("system-access", "no"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let after = b.get(&format!("/o/{org}")).await;
    let buyer = after
        .body
        .find("id=\"as-buyer\"")
        .expect("the buyer's work");
    let own = after.body.find("id=\"start-assessment\"").unwrap();
    assert!(buyer < own, "suppliers first");
    assert!(
        after
            .body
            .contains("登録している取引先: <strong>1</strong>")
    );
    assert!(
        after
            .body
            .contains("<details class=\"card\" id=\"start-assessment\">"),
        "folded"
    );
}
