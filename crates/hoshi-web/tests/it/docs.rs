//! The organisation's documents in the browser (issue 16): information for documents checked
//! at the field, a policy drafted from the organisation's data, approval refused while places
//! are unfilled, editing with markup errors shown at the section and a stale save refused,
//! approval and publication with an effective date, a member confirming reading, drafts hidden
//! from viewers, exports, and other organisations kept out.

use axum::http::StatusCode;

use crate::common::*;

async fn post(c: &mut Client, path: String, fields: Vec<(String, String)>) -> Resp {
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    c.post(&path, &refs).await
}

#[tokio::test]
async fn a_policy_is_drafted_approved_published_and_read() {
    let app = app();
    let (mut owner, _, _) = admin(&app).await;
    let org = new_org(&mut owner, "星川精機株式会社").await;
    let home = owner.get(&format!("/o/{org}")).await;
    assert!(home.body.contains(&format!("href=\"/o/{org}/docs\"")));
    let list = owner.get(&format!("/o/{org}/docs")).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("情報セキュリティ基本方針"));
    assert!(list.body.contains("インシデント対応手順書"));

    // Information for documents: a wrong number is shown at its field, nothing is saved.
    let inputs = owner.get(&format!("/o/{org}/docs/inputs")).await;
    assert_eq!(inputs.status, StatusCode::OK);
    let owner_id = {
        let i = inputs.body.find("<option value=\"").unwrap();
        let rest = &inputs.body[i + 15..];
        let rest = &rest[rest.find("<option value=\"").unwrap() + 15..];
        rest[..rest.find('"').unwrap()].to_string()
    };
    assert_eq!(owner_id.len(), 32, "{owner_id}");
    let form = |lead: &str, rep: &str, min_len: &str| {
        vec![
            ("_csrf".to_string(), inputs.csrf()),
            ("representative".to_string(), rep.to_string()),
            ("security_lead".to_string(), lead.to_string()),
            (
                "security_lead_phone".to_string(),
                "052-000-1234".to_string(),
            ),
            ("it_contact".to_string(), String::new()),
            ("prefecture".to_string(), "愛知県".to_string()),
            (
                "insurer_name".to_string(),
                "あおば損害保険株式会社".to_string(),
            ),
            ("password_min_len".to_string(), min_len.to_string()),
            ("mfa_required".to_string(), "1".to_string()),
            ("lock_minutes".to_string(), "10".to_string()),
            ("account_review_months".to_string(), "6".to_string()),
            ("leaver_days".to_string(), "1".to_string()),
            ("retention_years".to_string(), "5".to_string()),
        ]
    };
    let r = post(
        &mut owner,
        format!("/o/{org}/docs/inputs"),
        form(&owner_id, "", "5"),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("8〜64"), "{}", r.body);
    assert!(
        r.body.contains("あおば損害保険株式会社"),
        "typed values kept"
    );
    let r = post(
        &mut owner,
        format!("/o/{org}/docs/inputs"),
        form("not-a-member", "", "12"),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("メンバーから選んでください"));
    let r = post(
        &mut owner,
        format!("/o/{org}/docs/inputs"),
        form(&owner_id, "", "14"),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // Draft the policy in Japanese: the company and the lead are in it; no representative was
    // chosen and no member's title says so, so the place is left and approval is refused.
    let list = owner.get(&format!("/o/{org}/docs")).await;
    let r = owner
        .post(
            &format!("/o/{org}/docs"),
            &[("_csrf", &list.csrf()), ("kind", "policy"), ("lang", "ja")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let doc = r.location().split('?').next().unwrap().to_string();
    let id = doc.rsplit('/').next().unwrap().to_string();
    let page = owner.get(&doc).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("星川精機株式会社"), "{}", page.body);
    assert!(page.body.contains("未設定"), "{}", page.body);
    // The same kind and language twice is refused.
    let r = owner
        .post(
            &format!("/o/{org}/docs"),
            &[("_csrf", &list.csrf()), ("kind", "policy"), ("lang", "ja")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("すでに作成されています"));
    let r = owner
        .post(
            &format!("{doc}/approve"),
            &[("_csrf", &page.csrf()), ("version", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("承認できません"), "{}", r.body);
    assert!(r.body.contains("代表者"), "{}", r.body);

    // Choose the representative and draft again: version 2, nothing left to fill.
    let inputs = owner.get(&format!("/o/{org}/docs/inputs")).await;
    let mut f = form(&owner_id, &owner_id, "14");
    f[0].1 = inputs.csrf();
    let r = post(&mut owner, format!("/o/{org}/docs/inputs"), f).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = owner
        .post(
            &format!("{doc}/redraft"),
            &[("_csrf", &page.csrf()), ("base", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = owner.get(&doc).await;
    assert!(page.body.contains("id=\"version\">2"), "{}", page.body);
    assert!(!page.body.contains("未設定"), "{}", page.body);

    // Edit: a table row with the wrong number of cells is shown at its section.
    let edit = owner.get(&format!("{doc}/edit")).await;
    assert_eq!(edit.status, StatusCode::OK);
    assert!(edit.body.contains("name=\"body_0\""));
    let bad = [
        ("_csrf", edit.csrf()),
        ("base", "2".to_string()),
        ("title", "情報セキュリティ基本方針".to_string()),
        ("key_0", "purpose".to_string()),
        ("heading_0", "目的".to_string()),
        (
            "body_0",
            "| 項目 | 内容 |\n|---|---|\n| 対象 | 全社 | 余分 |".to_string(),
        ),
        ("note", "表を追加".to_string()),
    ];
    let refs: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = owner.post(&format!("{doc}/edit"), &refs).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("3 行目"), "{}", r.body);
    assert!(r.body.contains("余分"), "the text typed is kept");
    let good = [
        ("_csrf", edit.csrf()),
        ("base", "2".to_string()),
        ("title", "情報セキュリティ基本方針".to_string()),
        ("key_0", "purpose".to_string()),
        ("heading_0", "目的".to_string()),
        (
            "body_0",
            "当社は <お客様> の情報を守ります。\n\n| 項目 | 内容 |\n|---|---|\n| 対象 | 全社 |"
                .to_string(),
        ),
        ("key_1", String::new()),
        ("heading_1", "見直し".to_string()),
        ("body_1", "- 年に一度見直します。".to_string()),
        ("note", "目的を短くしました".to_string()),
    ];
    let refs: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = owner.post(&format!("{doc}/edit"), &refs).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = owner.get(&doc).await;
    assert!(page.body.contains("id=\"version\">3"));
    assert!(page.body.contains("&lt;お客様&gt;"), "escaped");
    assert!(page.body.contains("<table"));
    assert!(
        page.body.contains("目的を短くしました"),
        "the note in the history"
    );
    // A save from version 2, made before the one above, is refused and keeps the text.
    let r = owner.post(&format!("{doc}/edit"), &refs).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("第 3 版"), "{}", r.body);

    // Publishing before approval is refused; approve, then publish: a date before the approval
    // is refused at the field.
    let r = owner
        .post(
            &format!("{doc}/publish"),
            &[
                ("_csrf", &page.csrf()),
                ("version", "3"),
                ("effective_on", "2030-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = owner
        .post(
            &format!("{doc}/approve"),
            &[("_csrf", &page.csrf()), ("version", "3")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = owner
        .post(
            &format!("{doc}/publish"),
            &[
                ("_csrf", &page.csrf()),
                ("version", "3"),
                ("effective_on", "2020-04-01"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("承認日以降"), "{}", r.body);
    let today = hoshi_core::time::date_jst(hoshi_web::kernel::time::now());
    let r = owner
        .post(
            &format!("{doc}/publish"),
            &[
                ("_csrf", &page.csrf()),
                ("version", "3"),
                ("effective_on", &today),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // A viewer reads the version in force and confirms; drafts and editing stay closed.
    let mut staff = join(&app, &mut owner, &org, "viewer", "staff@example.jp").await;
    let list = staff.get(&format!("/o/{org}/docs")).await;
    assert!(list.body.contains(&id), "{}", list.body);
    assert!(!list.body.contains("下書きを作る"));
    let seen = staff.get(&doc).await;
    assert_eq!(seen.status, StatusCode::OK);
    assert!(seen.body.contains("年に一度見直します"));
    assert!(seen.body.contains("内容を読み、理解しました"));
    assert_eq!(
        staff.get(&format!("{doc}?v=1")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_ne!(
        staff.get(&format!("{doc}/edit")).await.status,
        StatusCode::OK
    );
    let r = staff
        .post(
            &format!("{doc}/approve"),
            &[("_csrf", &seen.csrf()), ("version", "3")],
        )
        .await;
    assert!(r.status.is_client_error(), "{:?}", r.status);
    let r = staff
        .post(
            &format!("{doc}/read"),
            &[("_csrf", &seen.csrf()), ("version", "3")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let seen = staff.get(&doc).await;
    assert!(seen.body.contains("読了を確認済み"));
    // The owner sees who read it.
    let page = owner.get(&doc).await;
    assert!(page.body.contains("(1 / 2)"), "{}", page.body);

    // Exports: a Word file with the company and the text; the PDF through the typesetter.
    let (status, headers, bytes) = owner.get_bytes(&format!("{doc}/docx")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[axum::http::header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .contains("wordprocessingml")
    );
    assert_eq!(&bytes[..2], b"PK");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("年に一度見直します"));
    let (status, _, pdf) = owner.get_bytes(&format!("{doc}/pdf?v=3")).await;
    assert_eq!(status, StatusCode::OK);
    let pdf = String::from_utf8(pdf).unwrap();
    assert!(pdf.contains("星川精機株式会社"), "{pdf}");

    // The version in force kept as evidence for the policy's criteria, answers left as they are.
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
    let ev = owner.get(&format!("{doc}/evidence?a={aid}")).await;
    assert_eq!(ev.status, StatusCode::OK, "{}", ev.body);
    assert!(ev.body.contains("status:1-3-1-1"), "{}", ev.body);
    let r = owner
        .post(
            &format!("{doc}/evidence"),
            &[
                ("_csrf", &ev.csrf()),
                ("assessment", &aid),
                ("valid_days", "366"),
                ("version:1-3-1-1", "0"),
                ("status:1-3-1-1", "keep"),
                ("version:1-3-1-2", "0"),
                ("status:1-3-1-2", "keep"),
                ("version:1-3-1-3", "0"),
                ("status:1-3-1-3", "keep"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("{doc}?attached=1"));
    let list = owner.get(&format!("/o/{org}/evidence")).await;
    assert!(
        list.body.contains("情報セキュリティ基本方針 v3"),
        "{}",
        list.body
    );

    // Partners and services come from the registers, not typed again: a partner and a service
    // registered there are named in the drafts that use them.
    let owner_user = owner_id.clone();
    app.state
        .store
        .write(|tx| {
            let f = |pairs: &[(&str, &str)]| {
                pairs
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect::<std::collections::BTreeMap<String, String>>()
            };
            hoshi_store::registers::create(
                tx,
                10,
                &owner_user,
                &org,
                "partners",
                &f(&[("name", "株式会社みどり運送"), ("receives", "出荷先の住所")]),
            )?;
            hoshi_store::registers::create(
                tx,
                10,
                &owner_user,
                &org,
                "services",
                &f(&[("name", "クラウド会計サービス"), ("purpose", "経理")]),
            )?;
            Ok(())
        })
        .unwrap();
    for (kind, name) in [
        ("confidentiality", "株式会社みどり運送"),
        ("accounts", "クラウド会計サービス"),
    ] {
        let list = owner.get(&format!("/o/{org}/docs")).await;
        let r = owner
            .post(
                &format!("/o/{org}/docs"),
                &[("_csrf", &list.csrf()), ("kind", kind), ("lang", "ja")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let page = owner.get(r.location()).await;
        assert!(page.body.contains(name), "{kind}: {}", page.body);
    }

    // Another organisation's owner finds nothing.
    let other = new_org(&mut owner, "別会社").await;
    assert_eq!(
        owner.get(&format!("/o/{other}/docs/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
}
