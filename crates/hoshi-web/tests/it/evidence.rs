//! Evidence uploads and links.

use crate::common::*;
use axum::http::StatusCode;

async fn setup(app: &App) -> (Client, String, String, String) {
    let (mut c, _, _) = admin(app).await;
    let home = c.get("/").await;
    let org = c
        .post(
            "/orgs",
            &[("_csrf", &home.csrf()), ("name", "株式会社証跡")],
        )
        .await
        .location()
        .trim_start_matches("/o/")
        .to_string();
    let page = c.get(&format!("/o/{org}")).await;
    let a = c
        .post(
            &format!("/o/{org}/assessments"),
            &[
                ("_csrf", &page.csrf()),
                ("title", "★3"),
                ("catalog", "scs@2026-03-27:3"),
            ],
        )
        .await
        .location()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let csrf = c.get(&format!("/o/{org}/a/{a}/c/4")).await.csrf();
    (c, org, a, csrf)
}

#[tokio::test]
async fn files_are_checked_stored_by_hash_and_served_to_members_only() {
    let app = app();
    let (mut c, org, a, csrf) = setup(&app).await;
    let pdf = b"%PDF-1.7\n% hoshi test evidence\n1 0 obj << >> endobj\ntrailer\n%%EOF\n";
    let path = format!("/o/{org}/a/{a}/evidence/4-4-4-2");
    let r = c
        .post_multipart(
            &path,
            &[
                ("_csrf", &csrf),
                ("title", "パッチ適用記録"),
                ("effective_date", "2026-04-01"),
                ("expires_date", "2027-03-31"),
            ],
            &[("file", "../../secret/パッチ記録.exe", pdf)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = c.get(&format!("/o/{org}/a/{a}/c/4")).await;
    assert!(
        page.body.contains("パッチ適用記録") && page.body.contains("パッチ記録.pdf"),
        "name sanitised to the detected type"
    );
    let sha = hoshi_store::hex(&<sha2::Sha256 as sha2::Digest>::digest(pdf));
    assert_eq!(
        app.state.store.get_blob(&sha).unwrap(),
        pdf.to_vec(),
        "stored content-addressed"
    );

    // The same file for another criterion: one blob, two links.
    let i = page.body.find("/download\"").unwrap();
    let eid = page.body[i - 32..i].to_string();
    let r = c
        .post(
            &format!("/o/{org}/a/{a}/evidence/4-4-4-1/link"),
            &[("_csrf", &csrf), ("evidence", &eid)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let list = c.get(&format!("/o/{org}/evidence")).await;
    assert!(list.body.contains("<td>2</td>"), "used for two criteria");
    // The JSON export lists the evidence with its criteria and the file's hash.
    let (_, _, json) = c.get_bytes(&format!("/o/{org}/a/{a}/export.json")).await;
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let ev = v["evidence"].as_array().unwrap();
    assert_eq!(ev.len(), 2, "{v}");
    assert!(
        ev.iter()
            .all(|e| e["sha256"] == sha.as_str() && e["id"] == eid.as_str())
    );
    // The Excel export has an evidence sheet: the file for both criteria, named with its hash.
    let (_, _, xlsx) = c.get_bytes(&format!("/o/{org}/a/{a}/export.xlsx")).await;
    let mut wb = hoshi_xlsx::Workbook::open(xlsx).unwrap();
    let sheet = wb.sheet(hoshi_xlsx::EVIDENCE_SHEET).unwrap();
    assert_eq!(sheet.value(1, 1), "評価基準No");
    let rows: Vec<(String, String)> = (2..=3)
        .map(|r| (sheet.value(r, 1).to_string(), sheet.value(r, 4).to_string()))
        .collect();
    assert!(
        rows.contains(&("4-4-4-1".to_string(), sha.clone())),
        "{rows:?}"
    );
    assert!(
        rows.contains(&("4-4-4-2".to_string(), sha.clone())),
        "{rows:?}"
    );
    assert_eq!(sheet.value(4, 1), "", "one row per criterion and evidence");

    let (s, h, body) = c
        .get_bytes(&format!("/o/{org}/evidence/{eid}/download"))
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(body, pdf);
    let cd = h.get("content-disposition").unwrap().to_str().unwrap();
    assert!(cd.starts_with("attachment;") && cd.contains("filename*=UTF-8''"));
    assert_eq!(h.get("content-type").unwrap(), "application/pdf");
    // Opened in a browser anyway, the file runs in a sandbox with nothing allowed.
    let csp = h.get("content-security-policy").unwrap().to_str().unwrap();
    assert!(
        csp.starts_with("sandbox") && csp.contains("default-src 'none'"),
        "{csp}"
    );

    // Anonymous: sign-in page; a member of another organisation: not found.
    let mut anon = Client::new(&app);
    assert_eq!(
        anon.get(&format!("/o/{org}/evidence/{eid}/download"))
            .await
            .location(),
        "/login"
    );
    let page = c.get(&format!("/o/{org}")).await;
    let inv = c
        .post(
            &format!("/o/{org}/invitations"),
            &[("_csrf", &page.csrf()), ("role", "viewer")],
        )
        .await;
    let link = inv.body.split("/invite/").nth(1).unwrap()[..64].to_string();
    let mut other = Client::new(&app);
    let f = other.get(&format!("/invite/{link}")).await;
    other
        .post(
            &format!("/invite/{link}"),
            &[
                ("_csrf", &f.csrf()),
                ("display_name", "他社 さん"),
                ("email", "other@example.jp"),
                ("password", "hibari-no-uta-42"),
                ("password2", "hibari-no-uta-42"),
            ],
        )
        .await;
    // The viewer of this organisation may download, but not upload.
    let (s, _, _) = other
        .get_bytes(&format!("/o/{org}/evidence/{eid}/download"))
        .await;
    assert_eq!(s, StatusCode::OK);
    let vcsrf = other.get(&format!("/o/{org}/a/{a}/c/4")).await.csrf();
    let r = other
        .post_multipart(&path, &[("_csrf", &vcsrf)], &[("file", "x.pdf", pdf)])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Their own organisation's ID with this evidence ID: not found.
    let home = other.get("/").await;
    let own = other
        .post("/orgs", &[("_csrf", &home.csrf()), ("name", "他社")])
        .await
        .location()
        .trim_start_matches("/o/")
        .to_string();
    assert_eq!(
        other
            .get(&format!("/o/{own}/evidence/{eid}/download"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn disguised_and_dangerous_uploads_are_refused() {
    let app = app();
    let (mut c, org, a, csrf) = setup(&app).await;
    let path = format!("/o/{org}/a/{a}/evidence/4-4-4-2");
    for (name, bytes) in [
        (
            "report.pdf",
            b"<html><script>alert(1)</script></html>".as_slice(),
        ),
        ("photo.png", b"MZ\x90\x00\x03\x00\x00\x00".as_slice()),
        (
            "image.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>".as_slice(),
        ),
    ] {
        let r = c
            .post_multipart(&path, &[("_csrf", &csrf)], &[("file", name, bytes)])
            .await;
        // The category page again, the evidence form of that criterion open with the message
        // beside the file field.
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        assert!(r.body.contains("内容から判定"), "{name}: {}", r.body);
        assert!(r.body.contains("<details open>"), "{name}");
        assert!(
            r.body.contains("class=\"field-error\" id=\"file-"),
            "{name}"
        );
    }
    // Links must be http(s).
    let r = c
        .post_multipart(
            &path,
            &[
                ("_csrf", &csrf),
                ("url", "javascript:alert(1)"),
                ("title", "規程の場所"),
            ],
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("value=\"規程の場所\""),
        "the title typed stays"
    );
    assert!(r.body.contains("class=\"field-error\" id=\"url-"));
    // Both or neither of file and link.
    assert_eq!(
        c.post_multipart(&path, &[("_csrf", &csrf)], &[])
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // Dates: malformed, or expiry before the start.
    let r = c
        .post_multipart(
            &path,
            &[
                ("_csrf", &csrf),
                ("url", "https://example.jp/policy"),
                ("effective_date", "2026-04-01"),
                ("expires_date", "2025-01-01"),
            ],
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("有効期限が有効日より前"));
    assert!(
        r.body.contains("value=\"2025-01-01\""),
        "the dates typed stay"
    );
    // Too large (the test server allows 1 MB).
    let big = vec![b'a'; 2 * 1024 * 1024];
    let r = c
        .post_multipart(&path, &[("_csrf", &csrf)], &[("file", "big.txt", &big)])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("大きすぎ"), "{}", r.body);
    // No CSRF token.
    let r = c
        .post_multipart(&path, &[], &[("file", "a.txt", b"memo")])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Nothing was recorded.
    assert!(
        c.get(&format!("/o/{org}/evidence"))
            .await
            .body
            .contains("まだ証跡がありません")
    );
    // A valid link with an expiry in the past is shown as expired.
    let r = c
        .post_multipart(
            &path,
            &[
                ("_csrf", &csrf),
                ("url", "https://example.jp/policy"),
                ("title", "方針"),
                ("effective_date", "2024-04-01"),
                ("expires_date", "2025-03-31"),
            ],
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        c.get(&format!("/o/{org}/evidence"))
            .await
            .body
            .contains("期限切れ")
    );
}

#[tokio::test]
async fn excel_answers_import_from_the_browser() {
    let app = app();
    let (mut c, org, a, _) = setup(&app).await;
    let scs = hoshi_catalog::Registry::bundled()
        .unwrap()
        .get("scs")
        .unwrap()
        .clone();
    let mut filled = hoshi_core::Assessment::new(&scs, 3);
    filled
        .set(
            "4-4-4-2",
            hoshi_core::Answer::with_status(hoshi_core::Status::NotMet),
        )
        .unwrap();
    filled
        .set(
            "7-1-1-1",
            hoshi_core::Answer::not_applicable("重要システムなし").unwrap(),
        )
        .unwrap();
    let xlsx = hoshi_xlsx::export(&scs, &filled, hoshi_core::Lang::Ja).unwrap();
    let csrf = c.get(&format!("/o/{org}/a/{a}")).await.csrf();
    let r = c
        .post_multipart(
            &format!("/o/{org}/a/{a}/import.xlsx"),
            &[("_csrf", &csrf)],
            &[("file", "filled.xlsx", &xlsx)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("2 件の回答を更新しました"), "{}", r.body);
    let (_, _, json) = c.get_bytes(&format!("/o/{org}/a/{a}/export.json")).await;
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["answers"]["4-4-4-2"]["status"], "not-met");
    assert_eq!(v["answers"]["7-1-1-1"]["reason"], "重要システムなし");
    // The same file again changes nothing.
    let r = c
        .post_multipart(
            &format!("/o/{org}/a/{a}/import.xlsx"),
            &[("_csrf", &csrf)],
            &[("file", "filled.xlsx", &xlsx)],
        )
        .await;
    assert!(
        r.body.contains("0 件の回答を更新しました（変更なし 2 件"),
        "{}",
        r.body
    );
    assert!(
        c.get(&format!("/o/{org}/a/{a}/history"))
            .await
            .body
            .contains("7-1-1-1 の回答を「未回答」から「")
    );
    // A workbook of another catalog edition, or not a workbook at all: 400, nothing changed.
    let mut other = filled.clone();
    other.edition = "2020-01-01".into();
    let wrong = hoshi_xlsx::export(&scs, &other, hoshi_core::Lang::Ja).unwrap();
    let r = c
        .post_multipart(
            &format!("/o/{org}/a/{a}/import.xlsx"),
            &[("_csrf", &csrf)],
            &[("file", "old.xlsx", &wrong)],
        )
        .await;
    // The assessment page again, the import section open with the message beside the file.
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"xlsx-error\""), "{}", r.body);
    let r = c
        .post_multipart(
            &format!("/o/{org}/a/{a}/import.xlsx"),
            &[("_csrf", &csrf)],
            &[("file", "x.xlsx", b"not a workbook")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("Excel ワークブック（.xlsx）ではないか"),
        "{}",
        r.body
    );
}

/// A request announcing a body over the limit is refused at once (413), without reading it; the
/// page names the limit in the user's language.
#[tokio::test]
async fn an_announced_oversized_body_is_refused_before_it_is_read() {
    use tower::ServiceExt;
    let app = app();
    let req = axum::http::Request::post("/verify")
        .header("host", "localhost")
        .header("content-type", "multipart/form-data; boundary=x")
        .header("content-length", (200 * 1024 * 1024).to_string())
        .body(axum::body::Body::from("--x--"))
        .unwrap();
    let res = app.router.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body = axum::body::to_bytes(res.into_body(), 1 << 20)
        .await
        .unwrap();
    let body = String::from_utf8_lossy(&body);
    assert!(
        body.contains("ファイルが大きすぎます") && body.contains("MB 以下"),
        "{body}"
    );
}
