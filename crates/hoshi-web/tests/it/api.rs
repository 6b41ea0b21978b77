//! The JSON API with personal access tokens, and its OpenAPI document.

use crate::common::*;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use tower::ServiceExt;

async fn call(
    app: &App,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<&str>,
) -> (StatusCode, Value) {
    let mut b = Request::builder()
        .method(method)
        .uri(path)
        .header(header::HOST, "localhost");
    if let Some(t) = token {
        b = b.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    if body.is_some() {
        b = b.header(header::CONTENT_TYPE, "application/json");
    }
    let res = app
        .router
        .clone()
        .oneshot(b.body(Body::from(body.unwrap_or("").to_string())).unwrap())
        .await
        .unwrap();
    let status = res.status();
    let bytes = axum::body::to_bytes(res.into_body(), 16 * 1024 * 1024)
        .await
        .unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

async fn token(c: &mut Client, org: &str, write: bool) -> String {
    let page = c.get("/account/tokens").await;
    let mut fields = vec![
        ("_csrf", page.csrf()),
        ("name", "CI連携".to_string()),
        ("org", org.to_string()),
        ("days", "30".to_string()),
    ];
    if write {
        fields.push(("write", "1".to_string()));
    }
    let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = c.post("/account/tokens", &f).await;
    let i = r.body.find("hoshi_").expect("token shown once");
    r.body[i..i + 6 + 64].to_string()
}

#[tokio::test]
async fn tokens_read_and_write_within_their_organisation() {
    let app = app();
    let (mut c, _, _) = admin(&app).await;
    let org = new_org(&mut c, "API株式会社").await;
    let ro = token(&mut c, &org, false).await;
    let rw = token(&mut c, &org, true).await;

    assert_eq!(
        call(&app, "GET", "/api/v1/assessments", None, None).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        call(&app, "GET", "/api/v1/assessments", Some("hoshi_0000"), None)
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
    let (s, v) = call(&app, "GET", "/api/v1/catalogs", Some(&ro), None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        v["catalogs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == "scs")
    );

    let new = r#"{"title":"API ★3","catalog":"scs","level":3}"#;
    assert_eq!(
        call(&app, "POST", "/api/v1/assessments", Some(&ro), Some(new))
            .await
            .0,
        StatusCode::FORBIDDEN,
        "read-only token"
    );
    let (s, a) = call(&app, "POST", "/api/v1/assessments", Some(&rw), Some(new)).await;
    assert_eq!(s, StatusCode::CREATED, "{a}");
    let id = a["id"].as_str().unwrap().to_string();
    let (s, e) = call(
        &app,
        "POST",
        "/api/v1/assessments",
        Some(&rw),
        Some(r#"{"title":"x","catalog":"scs","level":4}"#),
    )
    .await;
    assert_eq!(
        s,
        StatusCode::BAD_REQUEST,
        "★4 is summarised in the bundled catalog: {e}"
    );
    let (s, e) = call(
        &app,
        "POST",
        "/api/v1/assessments",
        Some(&rw),
        Some(r#"{"title":"x","catalog":"scs","level":3,"extra":1}"#),
    )
    .await;
    assert_eq!(
        (s, e["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("bad_json"))
    );
    assert_eq!(
        call(
            &app,
            "POST",
            "/api/v1/assessments",
            Some(&rw),
            Some("{not json")
        )
        .await
        .0,
        StatusCode::BAD_REQUEST
    );

    let put = |v: i64, status: &str| {
        json!({"status": status, "evidence": ["パッチ適用記録"], "version": v}).to_string()
    };
    let path = format!("/api/v1/assessments/{id}/answers/4-4-4-2");
    let (s, r) = call(&app, "PUT", &path, Some(&rw), Some(&put(0, "partial"))).await;
    assert_eq!((s, r["version"].as_i64()), (StatusCode::OK, Some(1)), "{r}");
    let (s, r) = call(&app, "PUT", &path, Some(&rw), Some(&put(0, "met"))).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(
        r["current"]["answer"]["status"], "partial",
        "the conflict carries what is saved"
    );
    assert_eq!(
        call(&app, "PUT", &path, Some(&rw), Some(&put(1, "maybe")))
            .await
            .0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        call(
            &app,
            "PUT",
            &path,
            Some(&rw),
            Some(r#"{"status":"not-applicable","version":1}"#)
        )
        .await
        .0,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        call(
            &app,
            "PUT",
            &format!("/api/v1/assessments/{id}/answers/9-9-9-9"),
            Some(&rw),
            Some(&put(0, "met"))
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );

    let (s, r) = call(
        &app,
        "GET",
        &format!("/api/v1/assessments/{id}/report"),
        Some(&ro),
        None,
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(r["target_reached"], false);
    assert_eq!(r["gaps"].as_array().unwrap().len(), 81);
    let (_, r) = call(
        &app,
        "GET",
        &format!("/api/v1/assessments/{id}"),
        Some(&ro),
        None,
    )
    .await;
    assert_eq!(r["answers"]["4-4-4-2"]["answer"]["status"], "partial");

    // Another organisation's token sees nothing of this one.
    let home = c.get("/").await;
    let other = c
        .post("/orgs", &[("_csrf", &home.csrf()), ("name", "別会社")])
        .await
        .location()
        .trim_start_matches("/o/")
        .to_string();
    let other_token = token(&mut c, &other, true).await;
    assert_eq!(
        call(
            &app,
            "GET",
            &format!("/api/v1/assessments/{id}"),
            Some(&other_token),
            None
        )
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        call(&app, "PUT", &path, Some(&other_token), Some(&put(1, "met")))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let (_, list) = call(&app, "GET", "/api/v1/assessments", Some(&other_token), None).await;
    assert_eq!(list["assessments"].as_array().unwrap().len(), 0);

    // Revoked: refused on the next request.
    let page = c.get("/account/tokens").await;
    let i = page.body.find("/revoke\"").unwrap();
    let tid = page.body[i - 32..i].to_string();
    c.post(
        &format!("/account/tokens/{tid}/revoke"),
        &[("_csrf", &page.csrf())],
    )
    .await;
    let revoked = [&ro, &rw, &other_token];
    let mut refused = 0;
    for t in revoked {
        if call(&app, "GET", "/api/v1/assessments", Some(t), None)
            .await
            .0
            == StatusCode::UNAUTHORIZED
        {
            refused += 1;
        }
    }
    assert_eq!(refused, 1, "exactly the revoked token is refused");
}

#[tokio::test]
async fn the_openapi_document_matches_the_router() {
    let app = app();
    let (status, doc) = call(&app, "GET", "/api/openapi.json", None, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    let mut in_doc: Vec<(String, String)> = paths
        .iter()
        .flat_map(|(p, ops)| {
            ops.as_object()
                .unwrap()
                .keys()
                .map(move |m| (m.clone(), p.clone()))
        })
        .collect();
    // The router's token-authenticated routes, from the route table.
    let mut in_code: Vec<(String, String)> = hoshi_web::route_table()
        .iter()
        .filter(|r| r.access == hoshi_web::Access::Token)
        .map(|r| (r.method.to_lowercase(), r.path.to_string()))
        .collect();
    in_doc.sort();
    in_code.sort();
    assert_eq!(in_doc, in_code);
    // Every documented route exists: without a token it answers 401 with a JSON error, not 404/405.
    for (m, p) in &in_code {
        let path = p
            .replace("{id}", &"a".repeat(32))
            .replace("{criterion}", "4-4-4-2");
        let (s, v) = call(&app, &m.to_uppercase(), &path, None, None).await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "{m} {p}");
        assert_eq!(v["error"], "unauthorized");
    }
}

/// The limits the document states are the limits the server enforces: at the title's maximum the
/// request is taken, one character more is refused with the same JSON error the schema predicts.
#[tokio::test]
async fn documented_limits_are_the_enforced_ones() {
    let app = app();
    let (_, doc) = call(&app, "GET", "/api/openapi.json", None, None).await;
    let schemas = &doc["components"]["schemas"];
    let max = schemas["NewAssessment"]["properties"]["title"]["maxLength"]
        .as_u64()
        .unwrap() as usize;
    assert_eq!(
        schemas["AnswerUpdate"]["properties"]["note"]["maxLength"],
        hoshi_core::assessment::MAX_ANSWER_TEXT
    );
    assert_eq!(
        schemas["AnswerUpdate"]["properties"]["evidence"]["maxItems"],
        hoshi_core::assessment::MAX_EVIDENCE_LINES
    );
    let (mut c, _, _) = admin(&app).await;
    let home = c.get("/").await;
    let org = c
        .post(
            "/orgs",
            &[("_csrf", &home.csrf()), ("name", "上限株式会社")],
        )
        .await
        .location()
        .trim_start_matches("/o/")
        .to_string();
    let rw = token(&mut c, &org, true).await;
    let body = |n: usize| {
        format!(
            r#"{{"title":"{}","catalog":"scs","level":3}}"#,
            "題".repeat(n)
        )
    };
    let (s, _) = call(
        &app,
        "POST",
        "/api/v1/assessments",
        Some(&rw),
        Some(&body(max)),
    )
    .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, v) = call(
        &app,
        "POST",
        "/api/v1/assessments",
        Some(&rw),
        Some(&body(max + 1)),
    )
    .await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(v["error"], "title_bad");
}
