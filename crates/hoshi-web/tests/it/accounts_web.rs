//! Account exports checked in the browser: a Microsoft 365 user list with the Entra ID
//! registration details uploaded and checked (findings worst first with the accounts they name),
//! bad files refused with their row and column and nothing kept, the check attached as evidence
//! whose file holds counts only — no account name or ID — with the answers chosen saved, and
//! other organisations and viewers kept out. Runs on SQLite, and on PostgreSQL when the tests
//! are given one (`HOSHI_TEST_DATABASE_URL`).

use axum::http::StatusCode;
use hoshi_store::OrgScope;
use hoshi_store::account_checks;

use crate::common::*;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/accounts/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// What the fixtures name: none of it may leave the organisation as evidence.
const NAMES: [&str; 11] = [
    "星野",
    "森田",
    "川口",
    "総務 共有",
    "長谷部",
    "hoshino.ichiro",
    "morita.sakura",
    "kawaguchi.kenta",
    "soumu",
    "kiboshi-test.example",
    "m365_users.csv",
];

fn checks_kept(app: &App, org: &str) -> usize {
    app.state
        .store
        .read(|c| account_checks::list(c, &OrgScope::operator(org), 100))
        .unwrap()
        .len()
}

async fn start(app: &App) -> (Client, String, String) {
    let (mut owner, _, _) = admin(app).await;
    let org = new_org(&mut owner, "木星精工株式会社").await;
    let page = owner.get(&format!("/o/{org}")).await;
    assert!(page.body.contains(&format!("href=\"/o/{org}/accounts\"")));
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
    (owner, org, assessment)
}

/// Uploads the user list and the registration details; the check's address.
async fn upload_both(owner: &mut Client, org: &str) -> String {
    let page = owner.get(&format!("/o/{org}/accounts")).await;
    let r = owner
        .post_multipart(
            &format!("/o/{org}/accounts"),
            &[("_csrf", &page.csrf()), ("stale_days", "90")],
            &[
                ("file", "m365_users.csv", &fixture("m365_users.csv")),
                (
                    "file",
                    "entra_registration.csv",
                    &fixture("entra_registration.csv"),
                ),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location().to_string()
}

#[tokio::test]
async fn exports_checked_and_attached_as_evidence_without_names() {
    let app = app();
    let (mut owner, org, assessment) = start(&app).await;
    let list = owner.get(&format!("/o/{org}/accounts")).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("まだ点検の記録がありません"));

    let url = upload_both(&mut owner, &org).await;
    let page = owner.get(&url).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    // The administrator without MFA first (critical), then the user without it, then the
    // shared mailbox; each with the account's ID and name and what to do.
    let admin_no_mfa = page.body.find("多要素認証のない管理者").unwrap();
    let no_mfa = page.body.find("多要素認証のないアカウント").unwrap();
    let shared = page.body.find("共有または汎用の ID").unwrap();
    assert!(admin_no_mfa < no_mfa && no_mfa < shared, "worst first");
    assert!(page.body.contains("kawaguchi.kenta@kiboshi-test.example"));
    assert!(page.body.contains("川口 健太"));
    assert!(page.body.contains("morita.sakura@kiboshi-test.example"));
    assert!(page.body.contains("森田 さくら"));
    assert!(page.body.contains("今すぐ多要素認証"), "the advice");
    assert!(
        page.body
            .contains("Microsoft 365 のアクティブなユーザー (5 件)")
    );
    // Two of the four enabled cloud accounts lack MFA, one of them an administrator.
    assert!(
        page.body
            .contains("<dd><span class=\"status s-not-met\">2</span></dd>")
    );
    assert!(page.body.contains("<strong>4-1-3-2</strong></td><td class=\"nowrap\"><span class=\"status s-not-met\">未実施</span>"));

    // The list: date, who, accounts, findings (the administrator ID listed is no finding).
    let list = owner.get(&format!("/o/{org}/accounts")).await;
    assert!(list.body.contains(&url), "{}", list.body);
    assert!(list.body.contains("<td>5</td><td>4</td>"), "{}", list.body);
    assert!(list.body.contains("緊急"));

    // The full report, for members: with the names.
    let (st, headers, json) = owner.get_bytes(&format!("{url}/report.json")).await;
    assert_eq!(st, StatusCode::OK);
    assert!(
        headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["findings"][0]["check"], "admin_no_mfa");
    assert_eq!(
        v["findings"][0]["account"]["id"],
        "kawaguchi.kenta@kiboshi-test.example"
    );
    assert_eq!(v["sources"][0]["file"], "m365_users.csv");

    // As evidence: the suggestions preselected; 4-1-1-3 (no sign-in data) not offered.
    let attach = owner.get(&format!("{url}/evidence?a={assessment}")).await;
    assert_eq!(attach.status, StatusCode::OK, "{}", attach.body);
    assert!(attach.body.contains("name=\"status:4-1-3-2\""));
    assert!(attach.body.contains("<option value=\"not-met\" selected>"));
    assert!(!attach.body.contains("status:4-1-1-3"));
    let r = owner
        .post(
            &format!("{url}/evidence"),
            &[
                ("_csrf", &attach.csrf()),
                ("assessment", &assessment),
                ("version:4-1-3-2", "0"),
                ("status:4-1-3-2", "not-met"),
                ("version:4-1-2-2", "0"),
                ("status:4-1-2-2", "keep"),
                ("version:4-1-2-5", "0"),
                ("status:4-1-2-5", "met"),
                ("version:4-1-1-2", "0"),
                ("status:4-1-1-2", "partial"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let back = owner.get(r.location()).await;
    assert!(back.body.contains("証跡として添付しました"));

    // The evidence file: counts only. No name, no ID, no file name.
    let ev = owner.get(&format!("/o/{org}/evidence")).await;
    assert!(ev.body.contains("アカウント点検の集計"), "{}", ev.body);
    let i = ev.body.find("/download\"").unwrap();
    let eid = ev.body[i - 32..i].to_string();
    let (st, _, file) = owner
        .get_bytes(&format!("/o/{org}/evidence/{eid}/download"))
        .await;
    assert_eq!(st, StatusCode::OK);
    let text = String::from_utf8(file).unwrap();
    for n in NAMES {
        assert!(!text.contains(n), "{n} in the evidence: {text}");
    }
    let summary: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(summary["kind"], "hoshi-accounts-summary");
    assert_eq!(summary["accounts"], 5);
    assert_eq!(summary["mfa_missing"], 2);
    assert_eq!(summary["sources"][0]["format"], "m365_users");
    assert_eq!(summary["sources"][0]["rows"], 5);

    // Valid for 90 days from the check; linked; the chosen answers saved, the kept one not.
    let scope = OrgScope::operator(&org);
    let (e, answers) = app
        .state
        .store
        .read(|c| {
            Ok((
                hoshi_store::evidence::get(c, &scope, &eid)?,
                hoshi_store::assessments::answers(c, &scope, &assessment)?,
            ))
        })
        .unwrap();
    let (y, m, d) = hoshi_core::time::parse_date(&e.effective_date).unwrap();
    let in_90 = hoshi_core::time::date((hoshi_core::time::days_from_civil(y, m, d) + 90) * 86_400);
    assert_eq!(e.expires_date.as_deref(), Some(in_90.as_str()));
    assert_eq!(e.media_type.as_deref(), Some("application/json"));
    use hoshi_core::Status;
    assert_eq!(answers["4-1-3-2"].answer.status, Status::NotMet);
    assert_eq!(answers["4-1-2-5"].answer.status, Status::Met);
    assert_eq!(answers["4-1-1-2"].answer.status, Status::Partial);
    assert!(!answers.contains_key("4-1-2-2"), "kept as it was");
}

/// Sends files (name, bytes) as `file` parts with `stale_days`.
async fn send(
    owner: &mut Client,
    org: &str,
    csrf: &str,
    files: &[(&str, Vec<u8>)],
    days: &str,
) -> Resp {
    let parts: Vec<(&str, &str, &[u8])> = files
        .iter()
        .map(|(n, b)| ("file", *n, b.as_slice()))
        .collect();
    owner
        .post_multipart(
            &format!("/o/{org}/accounts"),
            &[("_csrf", csrf), ("stale_days", days)],
            &parts,
        )
        .await
}

#[tokio::test]
async fn bad_files_are_refused_with_row_and_column_and_nothing_is_kept() {
    let app = app();
    let (mut owner, org, _) = start(&app).await;
    let page = owner.get(&format!("/o/{org}/accounts")).await;
    let csrf = page.csrf();
    // A cell that is not True/False: the file, row and column named; the good file beside it
    // is not kept either.
    let r = send(
        &mut owner,
        &org,
        &csrf,
        &[
            ("m365_bad_flag.csv", fixture("m365_bad_flag.csv")),
            ("entra_registration.csv", fixture("entra_registration.csv")),
        ],
        "90",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body
            .contains("m365_bad_flag.csv: 3 行目の列「Block credential」: 「たぶん」を"),
        "{}",
        r.body
    );
    assert_eq!(checks_kept(&app, &org), 0);

    // The same file saved as Shift_JIS by Excel is decoded, and refused the same way.
    let text = String::from_utf8(fixture("m365_bad_flag.csv")).unwrap();
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    let r = send(
        &mut owner,
        &org,
        &csrf,
        &[("ユーザー.csv", sjis.to_vec())],
        "90",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("ユーザー.csv: 3 行目の列「Block credential」"),
        "{}",
        r.body
    );

    // Not an export at all, no file, a bad number of days: each said, nothing kept.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0".to_vec();
    let r = send(&mut owner, &org, &csrf, &[("photo.png", png)], "90").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("photo.png: "), "{}", r.body);
    let r = send(&mut owner, &org, &csrf, &[], "90").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("点検するファイルを選んでください"));
    let r = send(
        &mut owner,
        &org,
        &csrf,
        &[("m365_users.csv", fixture("m365_users.csv"))],
        "0",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("1〜3650 の整数"));
    assert!(r.body.contains("value=\"0\""), "the value typed stays");
    assert_eq!(checks_kept(&app, &org), 0);

    // In English for an English reader.
    let page = owner.get(&format!("/o/{org}/accounts")).await;
    let r = owner
        .post("/lang", &[("_csrf", &page.csrf()), ("lang", "en")])
        .await;
    assert!(r.status.is_redirection(), "{}", r.body);
    let page = owner.get(&format!("/o/{org}/accounts")).await;
    let r = owner
        .post_multipart(
            &format!("/o/{org}/accounts"),
            &[("_csrf", &page.csrf())],
            &[("file", "m365_bad_flag.csv", &fixture("m365_bad_flag.csv"))],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("m365_bad_flag.csv: Row 3, column “Block credential”"),
        "{}",
        r.body
    );
}

#[tokio::test]
async fn other_organisations_and_viewers_are_kept_out() {
    let app = app();
    let (mut owner, org, _) = start(&app).await;
    let url = upload_both(&mut owner, &org).await;

    // A viewer reads the check but cannot upload or attach.
    let mut viewer = join(&app, &mut owner, &org, "viewer", "viewer@example.jp").await;
    let vp = viewer.get(&format!("/o/{org}/accounts")).await;
    assert_eq!(vp.status, StatusCode::OK);
    assert!(!vp.body.contains("enctype=\"multipart/form-data\""));
    assert_eq!(viewer.get(&url).await.status, StatusCode::OK);
    let r = viewer
        .post_multipart(
            &format!("/o/{org}/accounts"),
            &[("_csrf", &vp.csrf())],
            &[("file", "m365_users.csv", &fixture("m365_users.csv"))],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(checks_kept(&app, &org), 1);
    assert_eq!(
        viewer.get(&format!("{url}/evidence")).await.status,
        StatusCode::FORBIDDEN
    );

    // A member of another organisation only: the check and its report are not found.
    let elsewhere = new_org(&mut owner, "別会社").await;
    let mut stranger = join(&app, &mut owner, &elsewhere, "owner", "s@example.jp").await;
    assert_eq!(stranger.get(&url).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        stranger.get(&format!("{url}/report.json")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        stranger.get(&format!("/o/{org}/accounts")).await.status,
        StatusCode::NOT_FOUND
    );
    // Their own organisation's address with this check's id: not found either.
    let id = url.rsplit('/').next().unwrap();
    assert_eq!(
        stranger
            .get(&format!("/o/{elsewhere}/accounts/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        stranger
            .get(&format!("/o/{elsewhere}/accounts/{id}/report.json"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // A malformed id is not found too.
    assert_eq!(
        owner.get(&format!("/o/{org}/accounts/xyz")).await.status,
        StatusCode::NOT_FOUND
    );
}
