//! The binary's wiring of the real typesetter into the web application: `hoshi-web` and its tests
//! never link Typst; here the router gets `hoshi_typst::Typst`, as `hoshi serve` does, and the
//! report a member downloads is a real PDF whose text poppler can read back in both languages.

use std::sync::Arc;

use axum::http::StatusCode;

use crate::common::*;

/// The text of a PDF, whitespace removed (pdftotext from poppler-utils).
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[tokio::test]
async fn the_served_report_is_a_real_pdf_in_either_language() {
    let app = app_with(|c| c.renderer = Arc::new(hoshi_typst::Typst));
    let (mut c, _, _) = admin(&app).await;
    let home = c.get("/").await;
    let r = c
        .post(
            "/orgs",
            &[("_csrf", &home.csrf()), ("name", "株式会社サンプル製作所")],
        )
        .await;
    let org = r.location().trim_start_matches("/o/").to_string();
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
    let ov = c.get(&format!("/o/{org}/a/{a}")).await;
    let r = c
        .post(
            &format!("/o/{org}/a/{a}/report-inputs"),
            &[
                ("_csrf", &ov.csrf()),
                ("records", "2,000"),
                ("revenue", "5億"),
                ("stoppage_days", "7"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let (st, headers, ja) = c
        .get_bytes(&format!("/o/{org}/a/{a}/report.pdf?lang=ja"))
        .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(headers.get("content-type").unwrap(), "application/pdf");
    assert!(ja.starts_with(b"%PDF-"));
    let text = pdf_text(&ja);
    assert!(text.contains("経営者向け報告書"), "{text}");
    assert!(text.contains("株式会社サンプル製作所"));
    assert!(
        text.contains("5億円") && text.contains("2,000件") && text.contains("7日"),
        "the cost inputs in the PDF"
    );
    let (_, _, en) = c
        .get_bytes(&format!("/o/{org}/a/{a}/report.pdf?lang=en"))
        .await;
    assert!(pdf_text(&en).contains("Damage-costestimate"));

    // The embedded font's licence travels with the binary.
    let lic = Client::new(&app).get("/licences.txt").await;
    assert!(
        lic.body.contains("SIL OPEN FONT LICENSE Version 1.1")
            && lic.body.contains("BIZ UDGothic Project Authors")
    );
}

#[tokio::test]
async fn a_served_document_is_a_real_pdf_marked_until_published() {
    let app = app_with(|c| c.renderer = Arc::new(hoshi_typst::Typst));
    let (mut c, _, _) = admin(&app).await;
    let home = c.get("/").await;
    let r = c
        .post(
            "/orgs",
            &[("_csrf", &home.csrf()), ("name", "星川精機株式会社")],
        )
        .await;
    let org = r.location().trim_start_matches("/o/").to_string();
    let list = c.get(&format!("/o/{org}/docs")).await;
    let r = c
        .post(
            &format!("/o/{org}/docs"),
            &[
                ("_csrf", &list.csrf()),
                ("kind", "incident"),
                ("lang", "ja"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let doc = r.location().split('?').next().unwrap().to_string();
    let (st, headers, pdf) = c.get_bytes(&format!("{doc}/pdf")).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(headers.get("content-type").unwrap(), "application/pdf");
    assert!(pdf.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf);
    assert!(text.contains("インシデント対応手順書"), "{text}");
    assert!(text.contains("星川精機株式会社"));
    assert!(text.contains("下書き"), "a draft says so: {text}");
}
