//! The registers in the browser: the overview beside the asset register and account checks, an
//! entry added (refused first with the problems beside their fields), edited over its revision (a
//! stale save refused), a partner without an agreement highlighted, an import refused with row
//! and column and nothing written, a Shift_JIS import, the exports, the register kept as evidence
//! with its suggested answers; viewers read only, other organisations see nothing.

use axum::http::StatusCode;

use crate::common::*;

fn entry_id(body: &str, org: &str, kind: &str) -> String {
    let marker = format!("/o/{org}/registers/{kind}/");
    body.split(&marker)
        .filter_map(|s| s.get(..32))
        .find(|s| s.bytes().all(|b| b.is_ascii_hexdigit()))
        .expect("an entry link")
        .to_string()
}

#[tokio::test]
async fn registers_in_the_browser() {
    let app = app();
    let (mut owner, _, _) = admin(&app).await;
    let org = new_org(&mut owner, "星川精機株式会社").await;
    let page = owner.get(&format!("/o/{org}")).await;
    assert!(page.body.contains(&format!("href=\"/o/{org}/registers\"")));

    // The overview: four registers with their criteria, and the asset register and account
    // checks linked rather than copied.
    let ov = owner.get(&format!("/o/{org}/registers")).await;
    assert_eq!(ov.status, StatusCode::OK);
    for s in [
        "機密情報台帳",
        "外部サービス台帳",
        "他社システム接続台帳",
        "機密情報の共有先台帳",
        "3-1-4-3",
        "2-1-1-1",
        "2-1-2-1, 2-1-4-1",
        "3-1-3-1, 3-1-3-2",
        &format!("href=\"/o/{org}/assets\""),
        &format!("href=\"/o/{org}/accounts\""),
    ] {
        assert!(ov.body.contains(s), "{s}");
    }

    // Adding a partner: no name and a date that is not one → the form again, beside the fields.
    let list = owner.get(&format!("/o/{org}/registers/partners")).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("まだ登録がありません"));
    let csrf = list.csrf();
    let r = owner
        .post(
            &format!("/o/{org}/registers/partners"),
            &[
                ("_csrf", &csrf),
                ("name", ""),
                ("nda_expires", "来年の春"),
                ("receives", "<script>x</script>"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"f-name-error\""), "{}", r.body);
    assert!(r.body.contains("「来年の春」は日付として読めません"));
    assert!(
        r.body.contains("&lt;script&gt;x") || r.body.contains("&#60;script&#62;x"),
        "typed values come back escaped"
    );
    assert!(!r.body.contains("<script>x</script>"));

    // Added without an agreement: highlighted.
    let r = owner
        .post(
            &format!("/o/{org}/registers/partners"),
            &[
                ("_csrf", &csrf),
                ("name", "株式会社〇〇精機"),
                ("receives", "加工用の図面"),
                ("nda", "no"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let list = owner.get(&format!("/o/{org}/registers/partners")).await;
    assert!(list.body.contains("株式会社〇〇精機"));
    assert!(list.body.contains("秘密保持契約なし"));
    let id = entry_id(&list.body, &org, "partners");

    // Edited over revision 1; a second save over revision 1 is refused.
    let entry = owner
        .get(&format!("/o/{org}/registers/partners/{id}"))
        .await;
    assert_eq!(entry.status, StatusCode::OK);
    assert!(entry.body.contains("name=\"rev\" value=\"1\""));
    let save = |nda_expires: &'static str| {
        vec![
            ("name", "株式会社〇〇精機"),
            ("nda", "yes"),
            ("nda_signed", "2024-04-01"),
            ("nda_expires", nda_expires),
            ("incident_role", "直ちに報告し調査に協力する"),
            ("notify_hours", "24"),
            ("rev", "1"),
        ]
    };
    let mut f = save("2099-03-31");
    let csrf = entry.csrf();
    f.push(("_csrf", &csrf));
    let r = owner
        .post(&format!("/o/{org}/registers/partners/{id}"), &f)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut f = save("2000-01-01");
    f.push(("_csrf", &csrf));
    let r = owner
        .post(&format!("/o/{org}/registers/partners/{id}"), &f)
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("ほかの人が変更しました"), "{}", r.body);
    let list = owner.get(&format!("/o/{org}/registers/partners")).await;
    assert!(!list.body.contains("秘密保持契約なし"));
    assert!(list.body.contains("2099-03-31"));

    // An import with bad rows: every problem by row and column, nothing written.
    let bad = "取引先名,秘密保持契約,有効期限\r\nA社,あり,2027-03-31\r\nB社,たぶん,2027-13-01\r\n";
    let r = owner
        .post_multipart(
            &format!("/o/{org}/registers/partners/import"),
            &[("_csrf", &csrf)],
            &[("file", "取引先.csv", bad.as_bytes())],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("3 行目（秘密保持契約）"), "{}", r.body);
    assert!(r.body.contains("3 行目（有効期限）"), "{}", r.body);
    let list = owner.get(&format!("/o/{org}/registers/partners")).await;
    assert!(!list.body.contains("A社"));

    // A clean Shift_JIS file: one new partner (expired agreement: highlighted), one updated.
    let good = "取引先名,秘密保持契約,有効期限,報告期限（時間）\r\n\
                A社,あり,2020/3/31,48\r\n\
                株式会社〇〇精機,あり,2099/3/31,12\r\n";
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(good);
    let r = owner
        .post_multipart(
            &format!("/o/{org}/registers/partners/import"),
            &[("_csrf", &csrf)],
            &[("file", "取引先.csv", &sjis)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(
        r.location().contains("created=1&updated=1"),
        "{}",
        r.location()
    );
    let list = owner.get(r.location()).await;
    assert!(list.body.contains("秘密保持契約の期限切れ"));

    // The exports read back.
    let (status, _, csv) = owner
        .get_bytes(&format!("/o/{org}/registers/partners/export.csv"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let back = hoshi_xlsx::registers::read(hoshi_xlsx::registers::Kind::Partners, &csv).unwrap();
    assert_eq!(back.entries.len(), 2);
    let (status, _, xlsx) = owner
        .get_bytes(&format!("/o/{org}/registers/partners/export.xlsx"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(xlsx.starts_with(b"PK"));
    let (status, _, tpl) = owner
        .get_bytes(&format!("/o/{org}/registers/services/template.csv"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(String::from_utf8_lossy(&tpl).contains("セキュリティ要件"));
    assert_eq!(
        owner
            .get(&format!("/o/{org}/registers/assets"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // Kept as evidence: the suggestion (one entry needs attention: partial), then saved.
    let assessment = owner
        .post(
            &format!("/o/{org}/assessments"),
            &[
                ("_csrf", &csrf),
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
    let ev = owner
        .get(&format!("/o/{org}/registers/partners/evidence"))
        .await;
    assert_eq!(ev.status, StatusCode::OK);
    assert!(ev.body.contains("2-1-2-1") && ev.body.contains("2-1-4-1"));
    assert!(ev.body.contains("要対応の項目: 1"), "{}", ev.body);
    let r = owner
        .post(
            &format!("/o/{org}/registers/partners/evidence"),
            &[
                ("_csrf", &csrf),
                ("assessment", &assessment),
                ("valid_days", "366"),
                ("status:2-1-2-1", "partial"),
                ("version:2-1-2-1", "0"),
                ("status:2-1-4-1", "keep"),
                ("version:2-1-4-1", "0"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let c = owner.get(&format!("/o/{org}/evidence")).await;
    assert!(c.body.contains("機密情報の共有先台帳"), "{}", c.body);

    // A viewer reads but cannot write; nothing changes.
    let mut viewer = join(&app, &mut owner, &org, "viewer", "viewer@example.jp").await;
    let v = viewer.get(&format!("/o/{org}/registers/partners")).await;
    assert_eq!(v.status, StatusCode::OK);
    assert!(
        !v.body
            .contains(&format!("action=\"/o/{org}/registers/partners\""))
    );
    let r = viewer
        .post(
            &format!("/o/{org}/registers/partners"),
            &[("_csrf", &v.csrf()), ("name", "見る人の追加")],
        )
        .await;
    assert!(r.status.is_client_error(), "{}", r.status);
    let r = viewer
        .post(
            &format!("/o/{org}/registers/partners/{id}/delete"),
            &[("_csrf", &v.csrf()), ("rev", "2")],
        )
        .await;
    assert!(r.status.is_client_error(), "{}", r.status);
    assert!(
        !owner
            .get(&format!("/o/{org}/registers/partners"))
            .await
            .body
            .contains("見る人の追加")
    );

    // Another organisation of the same owner does not find this entry.
    let other = new_org(&mut owner, "別会社").await;
    assert_eq!(
        owner
            .get(&format!("/o/{other}/registers/partners/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let o = owner.get(&format!("/o/{other}/registers/partners")).await;
    assert!(!o.body.contains("株式会社〇〇精機"));

    // Deleting over the revision seen.
    let entry = owner
        .get(&format!("/o/{org}/registers/partners/{id}"))
        .await;
    let r = owner
        .post(
            &format!("/o/{org}/registers/partners/{id}/delete"),
            &[("_csrf", &entry.csrf()), ("rev", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let r = owner
        .post(
            &format!("/o/{org}/registers/partners/{id}/delete"),
            &[("_csrf", &entry.csrf()), ("rev", "3")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
}
