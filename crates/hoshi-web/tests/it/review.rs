//! Expert confirmation and management declaration, seen by the supplier, the expert and a buyer.

use crate::common::*;
use axum::http::StatusCode;
use hoshi_store::db::testing::RawSql as _;

#[tokio::test]
async fn expert_confirms_officer_declares_buyer_sees_the_level() {
    let app = app();
    // The buyer and its supplier relationship.
    let (mut b, _, _) = admin(&app).await;
    let home = b.get("/").await;
    let borg = b
        .post(
            "/orgs",
            &[("_csrf", &home.csrf()), ("name", "発注電機株式会社")],
        )
        .await
        .location()
        .trim_start_matches("/o/")
        .to_string();
    let page = b.get(&format!("/o/{borg}/suppliers")).await;
    let rel = b
        .post(
            &format!("/o/{borg}/suppliers"),
            &[
                ("_csrf", &page.csrf()),
                ("supplier_name", "小さな製作所"),
                ("corporate_number", "1180301018771"),
                ("confidential-info", "no"),
                ("unacceptable-delay", "no"),
                ("system-access", "no"),
            ],
        )
        .await
        .location()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let sp = b.get(&format!("/o/{borg}/suppliers/{rel}")).await;
    let inv = b
        .post(
            &format!("/o/{borg}/suppliers/{rel}/invite"),
            &[("_csrf", &sp.csrf())],
        )
        .await;
    let link = inv.body.split("/supplier-invite/").nth(1).unwrap()[..64].to_string();
    let mut s = Client::new(&app);
    let f = s.get(&format!("/supplier-invite/{link}")).await;
    let sorg = s
        .post(
            &format!("/supplier-invite/{link}"),
            &[
                ("_csrf", &f.csrf()),
                ("org", "new"),
                ("org_name", "小さな製作所"),
                ("display_name", "山田 太郎"),
                ("email", "owner@small.example.jp"),
                ("password", "hibari-no-uta-42"),
                ("password2", "hibari-no-uta-42"),
            ],
        )
        .await
        .location()
        .trim_start_matches("/o/")
        .trim_end_matches("/buyers")
        .to_string();
    let h = s.get(&format!("/o/{sorg}")).await;
    // A supplier new to the scheme: the guide is open, with the level its buyer asked for.
    assert!(
        h.body
            .contains("<details class=\"card guide\" id=\"guide\" open>")
    );
    let guide = h.body.split("id=\"guide\"").nth(1).unwrap();
    assert!(
        guide.contains("取引先から求められているレベル") && guide.contains("<strong>★3</strong>")
    );
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
    // Now the owner of an organisation with an assessment: nothing opens until the second factor
    // is set up.
    assert_eq!(
        s.get(&format!("/o/{sorg}")).await.location(),
        "/account/mfa"
    );
    enrol(&mut s).await;
    let bp = s.get(&format!("/o/{sorg}/buyers")).await;
    s.post(
        &format!("/o/{sorg}/buyers/{rel}/share"),
        &[
            ("_csrf", &bp.csrf()),
            ("assessment", &a),
            ("scope", "status"),
        ],
    )
    .await;

    // The supplier invites an expert; submitting before the expert is assigned is not offered.
    let ov = s.get(&format!("/o/{sorg}/a/{a}")).await;
    assert!(!ov.body.contains("専門家に確認を依頼"));
    let r = s
        .post(
            &format!("/o/{sorg}/a/{a}/review/invite"),
            &[("_csrf", &ov.csrf())],
        )
        .await;
    let elink = r.body.split("/expert-invite/").nth(1).unwrap()[..64].to_string();
    // The expert, new to hoshi, accepts with a qualification and registration number.
    let mut e = Client::new(&app);
    let f = e.get(&format!("/expert-invite/{elink}")).await;
    assert!(f.body.contains("小さな製作所"));
    // A blank qualification and mismatched passwords: the form again with both messages and what
    // was typed, and no account made (nothing half-done).
    let r = e
        .post(
            &format!("/expert-invite/{elink}"),
            &[
                ("_csrf", &f.csrf()),
                ("display_name", "確認 専門家"),
                ("email", "expert@example.jp"),
                ("password", "tsubame-no-su-77"),
                ("password2", "tsubame-no-su-78"),
                ("qualification", " "),
                ("registration_number", "第012345号"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("id=\"qualification-error\">資格と登録番号を入力してください")
    );
    assert!(
        r.body
            .contains("id=\"password2-error\">確認用のパスワードが一致しません")
    );
    assert!(
        r.body.contains("value=\"expert@example.jp\"") && r.body.contains("value=\"第012345号\"")
    );
    assert!(
        app.state
            .store
            .read(|c| hoshi_store::users::by_email(c, "expert@example.jp"))
            .unwrap()
            .is_none(),
        "no account made"
    );
    let r = e
        .post(
            &format!("/expert-invite/{elink}"),
            &[
                ("_csrf", &f.csrf()),
                ("display_name", "確認 専門家"),
                ("email", "expert@example.jp"),
                ("password", "tsubame-no-su-77"),
                ("password2", "tsubame-no-su-77"),
                ("qualification", "情報処理安全確保支援士"),
                ("registration_number", "第012345号"),
            ],
        )
        .await;
    assert_eq!(r.location(), format!("/reviews/{a}"), "{}", r.body);
    // Experts must use a second factor.
    assert_eq!(
        e.get(&format!("/reviews/{a}")).await.location(),
        "/account/mfa"
    );
    enrol(&mut e).await;
    // The expert is not a member: the organisation's pages stay closed.
    assert_eq!(
        e.get(&format!("/o/{sorg}/a/{a}")).await.status,
        StatusCode::NOT_FOUND
    );
    // Coming back later, the expert's home page leads to the review first.
    let home = e.get("/").await;
    let list = home
        .body
        .split("id=\"assigned-reviews\"")
        .nth(1)
        .unwrap_or("");
    assert!(
        list.contains(&format!("href=\"/reviews/{a}\"")),
        "{}",
        home.body
    );
    assert!(home.body.contains("組織には所属していません"));

    let ov = s.get(&format!("/o/{sorg}/a/{a}")).await;
    assert!(ov.body.contains("確認 専門家") && ov.body.contains("情報処理安全確保支援士"));
    s.post(
        &format!("/o/{sorg}/a/{a}/review/submit"),
        &[("_csrf", &ov.csrf())],
    )
    .await;
    // Locked while in review.
    let cat = s.get(&format!("/o/{sorg}/a/{a}/c/1")).await;
    let r = s
        .post(
            &format!("/o/{sorg}/a/{a}/answer/1-2-1-1"),
            &[("_csrf", &cat.csrf()), ("version", "0"), ("status", "met")],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("回答を変更できません"));
    // The category page says so and offers no form to lose typing in.
    assert!(cat.body.contains("id=\"locked\"") && !cat.body.contains("id=\"answers\""));
    // Taken back before the expert starts: editable again; then submitted again.
    let ov = s.get(&format!("/o/{sorg}/a/{a}")).await;
    let r = s
        .post(
            &format!("/o/{sorg}/a/{a}/review/withdraw"),
            &[("_csrf", &ov.csrf())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let cat = s.get(&format!("/o/{sorg}/a/{a}/c/1")).await;
    assert!(cat.body.contains("id=\"answers\""), "editable again");
    let ov = s.get(&format!("/o/{sorg}/a/{a}")).await;
    s.post(
        &format!("/o/{sorg}/a/{a}/review/submit"),
        &[("_csrf", &ov.csrf())],
    )
    .await;

    let rv = e.get(&format!("/reviews/{a}")).await;
    e.post(
        &format!("/reviews/{a}"),
        &[("_csrf", &rv.csrf()), ("action", "start")],
    )
    .await;
    let r = e
        .post(
            &format!("/reviews/{a}"),
            &[("_csrf", &rv.csrf()), ("action", "confirm")],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "nothing answered: cannot confirm; the page again with the reason"
    );
    assert!(r.body.contains("確認できません"));
    assert!(r.body.contains("id=\"decision-problems\""));
    // A comment of spaces: that criterion's comment form again with the message beside it.
    let r = e
        .post(
            &format!("/reviews/{a}"),
            &[
                ("_csrf", &rv.csrf()),
                ("action", "comment"),
                ("criterion", "4-4-4-2"),
                ("body", "   "),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("id=\"cm-4-4-4-2-error\">コメントは1〜5000文字"),
        "{}",
        r.body
    );
    e.post(
        &format!("/reviews/{a}"),
        &[
            ("_csrf", &rv.csrf()),
            ("action", "comment"),
            ("criterion", "4-4-4-2"),
            ("body", "更新計画の記録を添付してください"),
        ],
    )
    .await;
    // Returning needs a reason; the supplier sees it on the assessment page.
    let r = e
        .post(
            &format!("/reviews/{a}"),
            &[("_csrf", &rv.csrf()), ("action", "return"), ("body", " ")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("id=\"return-reason-error\">差し戻す理由を入力してください")
    );
    e.post(
        &format!("/reviews/{a}"),
        &[
            ("_csrf", &rv.csrf()),
            ("action", "return"),
            ("body", "更新計画が未提出のため差し戻します"),
        ],
    )
    .await;
    let ov = s.get(&format!("/o/{sorg}/a/{a}")).await;
    assert!(
        ov.body.contains("id=\"return-reason\"")
            && ov.body.contains("更新計画が未提出のため差し戻します"),
        "{}",
        ov.body
    );
    // The supplier sees the comment next to the criterion and answers everything.
    let cat4 = s.get(&format!("/o/{sorg}/a/{a}/c/4")).await;
    assert!(cat4.body.contains("更新計画の記録を添付してください"));
    // …and answers the reviewer beside it; the expert reads the reply on the review page.
    let r = s
        .post(
            &format!("/o/{sorg}/a/{a}/comments/4-4-4-2"),
            &[
                ("_csrf", &cat4.csrf()),
                ("body", "更新計画書を証跡に追加しました"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let rv2 = e.get(&format!("/reviews/{a}")).await;
    assert!(rv2.body.contains("更新計画書を証跡に追加しました"));
    let scs = app.state.catalogs().get("scs").unwrap().clone();
    let uid: String = app
        .state
        .store
        .read(|c| {
            c.sql_row(
                "SELECT id FROM users WHERE email = 'owner@small.example.jp'",
                (),
                |r| r.get(0),
            )
        })
        .unwrap();
    app.state
        .store
        .write(|tx| {
            for cr in scs.criteria_for_level(3) {
                hoshi_store::assessments::save_answer(
                    tx,
                    hoshi_web::now(),
                    &uid,
                    &sorg,
                    &a,
                    &cr.id,
                    0,
                    &hoshi_core::Answer::with_status(hoshi_core::Status::Met),
                )?;
            }
            Ok(())
        })
        .unwrap();
    let ov = s.get(&format!("/o/{sorg}/a/{a}")).await;
    s.post(
        &format!("/o/{sorg}/a/{a}/review/submit"),
        &[("_csrf", &ov.csrf())],
    )
    .await;
    let rv = e.get(&format!("/reviews/{a}")).await;
    e.post(
        &format!("/reviews/{a}"),
        &[("_csrf", &rv.csrf()), ("action", "start")],
    )
    .await;
    let r = e
        .post(
            &format!("/reviews/{a}"),
            &[("_csrf", &rv.csrf()), ("action", "confirm")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    // Confirmed but not yet declared: the buyer does not count the level yet.
    let port = b.get(&format!("/o/{borg}/suppliers")).await;
    assert!(port.body.contains("確認済み") && !port.body.contains("<td>★3</td><td>★3</td>"));
    let ov = s.get(&format!("/o/{sorg}/a/{a}")).await;
    assert!(
        ov.body.contains("専門家による確認を受けたことを確認します"),
        "the statement is shown before signing"
    );
    // The owner is not recorded as an officer: declaring in person is refused, and the page
    // offers to record an officer's signed statement instead.
    assert!(ov.body.contains("役員の署名済み宣誓書を代理で記録する"));
    assert!(!ov.body.contains("次の役員として、本人が宣誓します"));
    let r = s
        .post(
            &format!("/o/{sorg}/a/{a}/review/declare"),
            &[("_csrf", &ov.csrf()), ("agree", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("役員として登録されたメンバーだけが"),
        "{}",
        r.body
    );
    // A recorded declaration needs the signed statement as a PDF or an image.
    let r = s
        .post_multipart(
            &format!("/o/{sorg}/a/{a}/review/declare-recorded"),
            &[
                ("_csrf", &ov.csrf()),
                ("officer_name", "山田 太郎"),
                ("officer_title", "代表取締役"),
                ("agree", "1"),
            ],
            &[("file", "statement.txt", b"signed, honestly")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("宣誓書のファイル（PDF または画像）を選んでください"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains("value=\"山田 太郎\""),
        "the name typed stays"
    );

    // The owner records themself as the officer 代表取締役 and declares in person.
    let uid: String = app
        .state
        .store
        .read(|c| {
            c.sql_row(
                "SELECT id FROM users WHERE email = 'owner@small.example.jp'",
                (),
                |r| r.get(0),
            )
        })
        .unwrap();
    let op = s.get(&format!("/o/{sorg}")).await;
    let r = s
        .post(
            &format!("/o/{sorg}/members/{uid}/officer"),
            &[("_csrf", &op.csrf()), ("officer_title", "代表取締役")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let ov = s.get(&format!("/o/{sorg}/a/{a}")).await;
    assert!(
        ov.body
            .contains("本人が宣誓します: <strong>代表取締役 山田 太郎</strong>"),
        "{}",
        ov.body
    );
    let r = s
        .post(
            &format!("/o/{sorg}/a/{a}/review/declare"),
            &[("_csrf", &ov.csrf())],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the box must be ticked"
    );
    assert!(
        r.body
            .contains("id=\"agree-error\">宣誓の内容を確認したうえで")
    );
    let r = s
        .post(
            &format!("/o/{sorg}/a/{a}/review/declare"),
            &[("_csrf", &ov.csrf()), ("agree", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let port = b.get(&format!("/o/{borg}/suppliers")).await;
    assert!(
        port.body.contains("<td>★3</td><td>★3</td>"),
        "required ★3, achieved ★3"
    );
    let view = b.get(&format!("/o/{borg}/suppliers/{rel}")).await;
    assert!(view.body.contains("代表取締役 山田 太郎") && view.body.contains("確認済み"));
    assert!(
        view.body.contains("本人が宣誓"),
        "the buyer sees how it was declared"
    );

    // Someone else cannot open the review.
    let mut stranger = Client::new(&app);
    let f = stranger.get("/login").await;
    let _ = f;
    assert_eq!(
        stranger.get(&format!("/reviews/{a}")).await.location(),
        "/login"
    );
    assert_eq!(
        b.get(&format!("/reviews/{a}")).await.status,
        StatusCode::NOT_FOUND,
        "the buyer is not the expert"
    );
    assert_eq!(
        s.get(&format!("/reviews/{a}")).await.status,
        StatusCode::NOT_FOUND,
        "the supplier is not the expert"
    );

    // Before a 法人番号 is recorded, issuing warns that buyers cannot match the result.
    let ov = s.get(&format!("/o/{sorg}/a/{a}")).await;
    assert!(
        ov.body.contains("id=\"no-corporate-number\""),
        "{}",
        ov.body
    );
    // The owner records the 法人番号 (a wrong check digit is refused); it goes into the result.
    let op = s.get(&format!("/o/{sorg}")).await;
    let r = s
        .post(
            &format!("/o/{sorg}/corporate-number"),
            &[("_csrf", &op.csrf()), ("corporate_number", "1180301018772")],
        )
        .await;
    // The organisation page again with the number as typed and the message beside it.
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("法人番号の検査用数字"), "{}", r.body);
    assert!(
        r.body
            .contains("value=\"1180301018772\" aria-invalid=\"true\"")
    );
    let r = s
        .post(
            &format!("/o/{sorg}/corporate-number"),
            &[
                ("_csrf", &op.csrf()),
                ("corporate_number", "１１８０３０１０１８７７１"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(
        s.get(&format!("/o/{sorg}"))
            .await
            .body
            .contains("value=\"1180301018771\"")
    );

    // The owner issues a signed result; anyone verifies it with the published key alone.
    let ov = s.get(&format!("/o/{sorg}/a/{a}")).await;
    assert!(ov.body.contains("署名付きの結果を発行する"), "{}", ov.body);
    assert!(
        !ov.body.contains("id=\"no-corporate-number\""),
        "the warning is gone"
    );
    let r = s
        .post(&format!("/o/{sorg}/a/{a}/attest"), &[("_csrf", &ov.csrf())])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let ov = s.get(&format!("/o/{sorg}/a/{a}")).await;
    let att = ov
        .body
        .split(&format!("/o/{sorg}/attestations/"))
        .nth(1)
        .unwrap()[..64]
        .to_string();
    let (st, _, envelope) = s.get_bytes(&format!("/o/{sorg}/attestations/{att}")).await;
    assert_eq!(st, StatusCode::OK);
    let (_, _, result) = s
        .get_bytes(&format!("/o/{sorg}/attestations/{att}/result.json"))
        .await;
    let (_, _, keys) = Client::new(&app)
        .get_bytes("/.well-known/hoshi-keys.json")
        .await;
    let keys = hoshi_attest::KeySet::from_json(&keys).unwrap();
    let today = hoshi_core::time::date_jst(hoshi_web::now());
    // The PDF report is the second subject: downloaded as signed, it matches; one byte changed,
    // it does not.
    let (st, headers, pdf) = s
        .get_bytes(&format!("/o/{sorg}/attestations/{att}/report.pdf"))
        .await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(headers.get("content-type").unwrap(), "application/pdf");
    assert!(
        pdf_text(&pdf).contains(&att),
        "the report names its attestation"
    );
    let mut bad_pdf = pdf.clone();
    let mid = bad_pdf.len() / 2;
    bad_pdf[mid] ^= 1;
    let v = hoshi_attest::verify(
        &envelope,
        &hoshi_attest::VerifyInput {
            keys: &keys,
            revoked: &[],
            today: &today,
            files: &[("report.pdf".to_string(), bad_pdf)],
        },
    );
    assert_eq!(
        v.failures,
        vec![hoshi_attest::Failure::SubjectMismatch("report.pdf".into())]
    );
    let files = vec![
        ("result.json".to_string(), result.clone()),
        ("report.pdf".to_string(), pdf.clone()),
    ];
    let v = hoshi_attest::verify(
        &envelope,
        &hoshi_attest::VerifyInput {
            keys: &keys,
            revoked: &[],
            today: &today,
            files: &files,
        },
    );
    assert!(v.valid(), "{:?}", v.failures);
    assert_eq!(
        v.id.as_deref(),
        Some(att.as_str()),
        "the id printed in the report"
    );
    let p = v.statement.unwrap().predicate;
    assert_eq!((p.level, p.verdict.as_str()), (3, "met"));
    // The signed report names the attestation and the expert.
    let text = pdf_text(&pdf);
    assert!(text.contains(&att), "attestation id in the PDF");
    assert!(text.contains("経営者向け報告書") && text.contains("情報処理安全確保支援士"));
    // Without inputs the report says the estimate is missing; bad input is refused by field;
    // with inputs the estimate appears, in Japanese or English as asked.
    let ov = s.get(&format!("/o/{sorg}/a/{a}")).await;
    let r = s
        .post(
            &format!("/o/{sorg}/a/{a}/report-inputs"),
            &[
                ("_csrf", &ov.csrf()),
                ("records", "2,000"),
                ("revenue", "12兆"),
                ("stoppage_days", "7"),
            ],
        )
        .await;
    // The overview again: the revenue as typed, the message beside it, the others kept.
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("id=\"revenue-error\">年間売上高を円で入力してください"),
        "{}",
        r.body
    );
    assert!(r.body.contains("value=\"12兆\"") && r.body.contains("value=\"2,000\""));
    let r = s
        .post(
            &format!("/o/{sorg}/a/{a}/report-inputs"),
            &[
                ("_csrf", &ov.csrf()),
                ("records", "2,000"),
                ("revenue", "5億"),
                ("stoppage_days", "7"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let (st, _, fresh) = s
        .get_bytes(&format!("/o/{sorg}/a/{a}/report.pdf?lang=ja"))
        .await;
    assert_eq!(st, StatusCode::OK);
    let text = pdf_text(&fresh);
    assert!(
        text.contains("5億円") && text.contains("2,000件") && text.contains("7日"),
        "inputs in the PDF"
    );
    let (_, _, en) = s
        .get_bytes(&format!("/o/{sorg}/a/{a}/report.pdf?lang=en"))
        .await;
    assert!(pdf_text(&en).contains("Damage-costestimate"));
    assert_eq!(
        s.get(&format!("/o/{sorg}/a/{a}/report.pdf?lang=fr"))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    // The renderer's notices (the embedded font's licence with the real one) travel with the
    // binary.
    let lic = Client::new(&app).get("/licences.txt").await;
    assert!(lic.body.contains("Apache License 2.0") && lic.body.contains("test renderer"));
    // The QR code's link: anyone, signed in or not, sees the result verified now.
    let q = Client::new(&app).get(&format!("/verify?id={att}")).await;
    assert_eq!(q.status, StatusCode::OK);
    assert!(q.body.contains("有効です。"), "{}", q.body);
    let q = Client::new(&app)
        .get(&format!("/verify?id={}", "0".repeat(64)))
        .await;
    assert!(q.body.contains("この hoshi では発行されていません") && !q.body.contains("有効です。"));
    // The buyer cannot fetch the supplier's report.
    assert_eq!(
        b.get(&format!("/o/{sorg}/a/{a}/report.pdf")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(p.declaration.officer_name, "山田 太郎");
    assert_eq!(p.declaration.method, hoshi_attest::IN_PERSON);
    assert_eq!(
        p.organisation.corporate_number.as_deref(),
        Some("1180301018771")
    );
    assert_eq!(p.confirmation.qualification, "情報処理安全確保支援士");
    // The buyer, not a member of the supplier, cannot download it from the supplier's pages.
    assert_eq!(
        b.get(&format!("/o/{sorg}/attestations/{att}")).await.status,
        StatusCode::NOT_FOUND
    );
    // Anyone can check it on the verification page, without signing in.
    let mut anyone = Client::new(&app);
    let form = anyone.get("/verify").await;
    let r = anyone
        .post_multipart(
            "/verify",
            &[("_csrf", &form.csrf())],
            &[("file", "result.intoto.json", &envelope)],
        )
        .await;
    assert!(
        r.body.contains("有効です") && r.body.contains("山田 太郎"),
        "{}",
        r.body
    );
    let mut tampered = envelope.clone();
    let i = tampered.iter().position(|&b| b == b'"').unwrap() + 60;
    tampered[i] ^= 0x01;
    let r = anyone
        .post_multipart(
            "/verify",
            &[("_csrf", &form.csrf())],
            &[("file", "x.json", &tampered)],
        )
        .await;
    assert!(r.body.contains("無効です"), "{}", r.body);
    // An altered file's claims are not laid out as if they were a result.
    assert!(
        !r.body.contains("山田 太郎") && !r.body.contains("<dt>ID</dt>"),
        "{}",
        r.body
    );
    // Sent without a file: the form again with the message beside the file field.
    let r = anyone
        .post_multipart("/verify", &[("_csrf", &form.csrf())], &[])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body
            .contains("id=\"file-error\">署名付き結果のファイルを選んでください。"),
        "{}",
        r.body
    );
    // Listed on the public register by choice: name, level, validity and the file, nothing else.
    assert!(
        !Client::new(&app)
            .get("/register")
            .await
            .body
            .contains("小さな製作所")
    );
    let r = s
        .post(
            &format!("/o/{sorg}/attestations/{att}/publish"),
            &[("_csrf", &ov.csrf()), ("publish", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let reg = Client::new(&app).get("/register").await;
    assert!(
        reg.body.contains("★3") && reg.body.contains(&format!("/register/{att}.json")),
        "{}",
        reg.body
    );
    assert!(!reg.body.contains("1-2-1-1") && !reg.body.contains("山田 太郎"));
    // Anyone finds it by part of the name or by the 法人番号 (typed in full-width digits too),
    // and checks it on the verification page.
    assert!(reg.body.contains(&format!("href=\"/verify?id={att}\"")));
    for q in [
        "%E5%B0%8F%E3%81%95%E3%81%AA",
        "1180301018771",
        "%EF%BC%91%EF%BC%91%EF%BC%98%EF%BC%90%EF%BC%93%EF%BC%90%EF%BC%91%EF%BC%90%EF%BC%91%EF%BC%98%EF%BC%97%EF%BC%97%EF%BC%91",
    ] {
        let found = Client::new(&app).get(&format!("/register?q={q}")).await;
        assert!(found.body.contains(&format!("/register/{att}.json")), "{q}");
    }
    let none = Client::new(&app).get("/register?q=9999999999999").await;
    assert!(!none.body.contains(&format!("/register/{att}.json")));
    let (st, _, listed) = Client::new(&app)
        .get_bytes(&format!("/register/{att}.json"))
        .await;
    assert_eq!((st, listed), (StatusCode::OK, envelope.clone()));
    // Revoked: on the public list at once, and verification says so.
    let r = s
        .post(
            &format!("/o/{sorg}/attestations/{att}/revoke"),
            &[
                ("_csrf", &ov.csrf()),
                ("reason", "記載の誤りのため再発行します"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // The buyer's portfolio no longer counts the level, on the very next page load.
    let port = b.get(&format!("/o/{borg}/suppliers")).await;
    assert!(port.body.contains("署名付き結果を失効"), "{}", port.body);
    assert!(!port.body.contains("<td>★3</td><td>★3</td>"));
    let (_, _, list) = Client::new(&app)
        .get_bytes("/.well-known/hoshi-revoked.json")
        .await;
    let list: serde_json::Value = serde_json::from_slice(&list).unwrap();
    let revoked: Vec<String> = list["revoked"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(revoked, vec![att.clone()]);
    let v = hoshi_attest::verify(
        &envelope,
        &hoshi_attest::VerifyInput {
            keys: &keys,
            revoked: &revoked,
            today: &today,
            files: &files,
        },
    );
    assert_eq!(
        v.failures,
        vec![hoshi_attest::Failure::Revoked(att.clone())]
    );
    let q = Client::new(&app).get(&format!("/verify?id={att}")).await;
    assert!(q.body.contains("<code>revoked</code>"), "{}", q.body);
    // The verification page says revoked, and the register drops it.
    let r = anyone
        .post_multipart(
            "/verify",
            &[("_csrf", &form.csrf())],
            &[("file", "a.json", &envelope)],
        )
        .await;
    assert!(
        r.body.contains("revoked") && r.body.contains("失効"),
        "{}",
        r.body
    );
    assert!(!Client::new(&app).get("/register").await.body.contains(&att));
    assert_eq!(
        Client::new(&app)
            .get(&format!("/register/{att}.json"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // Revoking twice is refused with a reason.
    let r = s
        .post(
            &format!("/o/{sorg}/attestations/{att}/revoke"),
            &[("_csrf", &ov.csrf()), ("reason", "again")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("id=\"revoke-problems\""),
        "the reason sits in the attestations section: {}",
        r.body
    );

    // A second result, never published, then revoked: its id is now in the public revocation
    // list, so its verification link says "revoked" and nothing about whose it was.
    let ov = s.get(&format!("/o/{sorg}/a/{a}")).await;
    let r = s
        .post(&format!("/o/{sorg}/a/{a}/attest"), &[("_csrf", &ov.csrf())])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let ov = s.get(&format!("/o/{sorg}/a/{a}")).await;
    let second = ov
        .body
        .split(&format!("/o/{sorg}/attestations/"))
        .map(|x| x[..64].to_string())
        .find(|x| x != &att && x.bytes().all(|b| b.is_ascii_hexdigit()))
        .unwrap();
    let before = Client::new(&app).get(&format!("/verify?id={second}")).await;
    assert!(
        before.body.contains("山田 太郎"),
        "the holder of the id sees whose it is"
    );
    s.post(
        &format!("/o/{sorg}/attestations/{second}/revoke"),
        &[("_csrf", &ov.csrf()), ("reason", "誤り")],
    )
    .await;
    let after = Client::new(&app).get(&format!("/verify?id={second}")).await;
    assert!(after.body.contains("<code>revoked</code>"));
    assert!(!after.body.contains("山田 太郎") && !after.body.contains("情報処理安全確保支援士"));
}

/// The text of the report document the web layer handed to the renderer (the test renderer
/// writes it as JSON), whitespace removed.
fn pdf_text(doc: &[u8]) -> String {
    let v: serde_json::Value = serde_json::from_slice(doc).expect("the test renderer's JSON");
    fn strings(v: &serde_json::Value, out: &mut String) {
        match v {
            serde_json::Value::String(s) => out.push_str(s),
            serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
            serde_json::Value::Object(o) => o.values().for_each(|x| strings(x, out)),
            _ => {}
        }
    }
    let mut text = String::new();
    strings(&v, &mut text);
    text.chars().filter(|c| !c.is_whitespace()).collect()
}
