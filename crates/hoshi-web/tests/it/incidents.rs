//! The incident kit in the browser: an incident opened and worked through its checklist (each
//! tick on the hash-chained timeline), the report form giving the PPC deadlines with their dates
//! and the notice drafts the facts, bad input answered beside the field (422), an edited event
//! shown as a broken chain, the record kept as evidence; a drill timed and closed with its
//! participants; viewers reading but not acting, other organisations finding nothing.

use axum::http::StatusCode;
use hoshi_store::db::testing::RawWrite as _;

use crate::common::*;

/// Opens an incident as `c`; returns its page's path.
async fn open(c: &mut Client, org: &str, fields: &[(&str, &str)]) -> String {
    let list = c.get(&format!("/o/{org}/incidents")).await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    let csrf = list.csrf();
    let mut f = vec![("_csrf", csrf.as_str())];
    f.extend_from_slice(fields);
    let r = c.post(&format!("/o/{org}/incidents"), &f).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location().to_string()
}

#[tokio::test]
async fn an_incident_is_worked_through_recorded_and_kept_as_evidence() {
    let app = app();
    let (mut owner, _, _) = admin(&app).await;
    let org = new_org(&mut owner, "星川精機株式会社").await;
    let page = owner.get(&format!("/o/{org}")).await;
    assert!(
        page.body.contains(&format!("/o/{org}/incidents")),
        "the tab"
    );

    // A mistake in the form: shown again beside the field, nothing opened.
    let list = owner.get(&format!("/o/{org}/incidents")).await;
    let bad = owner
        .post(
            &format!("/o/{org}/incidents"),
            &[
                ("_csrf", &list.csrf()),
                ("kind", "ransomware_vpn"),
                ("title", "ファイルサーバーの暗号化"),
                ("known_at", "2026-02-30T09:00"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body
            .contains("事案を知った日時を、日付と時刻で入力してください。")
    );
    assert!(
        bad.body.contains("ファイルサーバーの暗号化"),
        "the typed title stays"
    );
    // An unknown type is no form of ours: a plain refusal, never a 500.
    let forged = owner
        .post(
            &format!("/o/{org}/incidents"),
            &[("_csrf", &list.csrf()), ("kind", "meteor"), ("title", "x")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::BAD_REQUEST);

    let path = open(
        &mut owner,
        &org,
        &[
            ("kind", "ransomware_vpn"),
            ("title", "ファイルサーバーの暗号化"),
            ("known_at", "2026-11-20T09:30"),
        ],
    )
    .await;
    let p = owner.get(&path).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("2026-11-20 09:30"), "when we learned it");
    assert!(p.body.contains("電源は切らず"), "the ransomware checklist");
    assert!(p.body.contains("① 発見と報告") && p.body.contains("⑤ 最終報告"));
    assert!(p.body.contains("0 / 14"));
    assert!(p.body.contains("改ざんなし"));

    // Ticking a step puts it on the timeline with who and when; unticking too.
    let r = owner
        .post(
            &format!("{path}/step"),
            &[("_csrf", &p.csrf()), ("code", "rw_isolate"), ("done", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let p = owner.get(&path).await;
    assert!(p.body.contains("1 / 14"));
    assert!(p.body.contains("<strong>完了</strong>"), "{}", p.body);
    assert!(p.body.contains("管理 者"));
    // A step of another checklist is refused.
    let r = owner
        .post(
            &format!("{path}/step"),
            &[("_csrf", &p.csrf()), ("code", "cf_bank"), ("done", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    owner
        .post(
            &format!("{path}/step"),
            &[("_csrf", &p.csrf()), ("code", "rw_isolate"), ("done", "0")],
        )
        .await;
    owner
        .post(
            &format!("{path}/step"),
            &[("_csrf", &p.csrf()), ("code", "rw_vpn"), ("done", "1")],
        )
        .await;
    let p = owner.get(&path).await;
    assert!(p.body.contains("<strong>未完了に戻す</strong>"));
    assert!(p.body.contains("1 / 14"));

    // A note is kept as typed and shown escaped.
    owner
        .post(
            &format!("{path}/note"),
            &[
                ("_csrf", &p.csrf()),
                ("body", "<script>alert(1)</script> 保守業者に連絡"),
            ],
        )
        .await;
    let p = owner.get(&path).await;
    assert!(!p.body.contains("<script>alert(1)"));
    assert!(p.body.contains("保守業者に連絡"));
    let empty = owner
        .post(
            &format!("{path}/note"),
            &[("_csrf", &p.csrf()), ("body", "  ")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("メモの内容を入力してください。"));

    // The report form: a bad number comes back beside its field, the rest as typed.
    let bad = owner
        .post(
            &format!("{path}/report"),
            &[
                ("_csrf", &p.csrf()),
                (
                    "what_happened",
                    "VPN 装置から侵入され、ファイルサーバーが暗号化された",
                ),
                ("people", "千二百"),
                ("contract_hours", "0"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        bad.body
            .contains("本人の数は、0 以上の整数で入力してください")
    );
    assert!(bad.body.contains("報告期限は 1〜720 の整数"));
    assert!(
        bad.body
            .contains("VPN 装置から侵入され、ファイルサーバーが暗号化された")
    );
    let r = owner
        .post(
            &format!("{path}/report"),
            &[
                ("_csrf", &p.csrf()),
                (
                    "what_happened",
                    "VPN 装置から侵入され、ファイルサーバーが暗号化された",
                ),
                ("systems", "ファイルサーバー FS01"),
                ("data", "顧客の氏名・住所・電話番号"),
                ("people", "1,200"),
                ("actions", "LAN から切り離し、VPN を停止しました"),
                ("contact", "総務部 03-1234-5678"),
                ("personal_data", "1"),
                ("wrongful_purpose", "1"),
                ("contract_hours", "24"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let p = owner.get(&path).await;
    // Preliminary report about 3–5 days (the 3rd to the 5th day, 11-20 being day 1); final report by the 60th day (unauthorised access),
    // the day of learning counted as day 1; the contract's 24 hours from 09:30.
    assert!(p.body.contains("2026-11-22 – 2026-11-24"), "{}", p.body);
    assert!(p.body.contains("2027-01-18"));
    assert!(p.body.contains("60 日以内"));
    assert!(
        p.body.contains("2026-11-21 09:30"),
        "the contract's deadline"
    );
    // The drafts carry the facts.
    for fact in [
        "星川精機株式会社",
        "VPN 装置から侵入され、ファイルサーバーが暗号化された",
        "顧客の氏名・住所・電話番号",
        "総務部 03-1234-5678",
        "1200 人",
        "確報は 2027-01-18 まで",
    ] {
        assert!(p.body.contains(fact), "draft lacks {fact}");
    }
    owner
        .post(
            &format!("{path}/notice"),
            &[("_csrf", &p.csrf()), ("audience", "authorities")],
        )
        .await;
    let p = owner.get(&path).await;
    assert!(p.body.contains("<strong>通知を準備</strong>"));
    assert!(p.body.contains("<strong>報告欄を更新</strong>"));
    assert!(p.body.contains("改ざんなし"));

    // The printable record holds the facts, the timeline with hashes and the chain's state.
    let (s, h, rec) = owner.get_bytes(&format!("{path}/record.html")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        h[axum::http::header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("incident-record-")
    );
    let rec = String::from_utf8(rec).unwrap();
    assert!(rec.contains("ファイルサーバーの暗号化") && rec.contains("改ざんなし"));
    assert!(rec.contains("&lt;script&gt;"), "escaped in the record too");

    // Someone edits an event in the database: the page names the first broken one.
    let id = path.rsplit('/').next().unwrap().to_string();
    app.state
        .store
        .write(|tx| {
            tx.sql_execute(
                "UPDATE incident_events SET body = 'rw_ransom' WHERE incident_id = ?1 AND seq = 2",
                [&id],
            )
        })
        .unwrap();
    let p = owner.get(&path).await;
    assert!(
        p.body
            .contains("改ざんの可能性があります。不一致の記録の番号 2"),
        "{}",
        p.body
    );

    // Kept as evidence for 6-1-1-1 and 6-1-1-5 of an assessment.
    let a = owner
        .post(
            &format!("/o/{org}/assessments"),
            &[
                ("_csrf", &p.csrf()),
                ("title", "2026 年度"),
                ("catalog", "scs@2026-03-27:3"),
            ],
        )
        .await
        .location()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let ev = owner.get(&format!("{path}/evidence?a={a}")).await;
    assert_eq!(ev.status, StatusCode::OK);
    assert!(ev.body.contains("6-1-1-1") && ev.body.contains("6-1-1-5"));
    let kept = owner
        .post(
            &format!("{path}/evidence"),
            &[
                ("_csrf", &ev.csrf()),
                ("assessment", &a),
                ("valid_days", "366"),
                ("version:6-1-1-1", "0"),
                ("version:6-1-1-5", "0"),
            ],
        )
        .await;
    assert_eq!(
        kept.location(),
        format!("{path}?attached=1"),
        "{}",
        kept.body
    );
    let list = owner.get(&format!("/o/{org}/evidence")).await;
    assert!(list.body.contains("ファイルサーバーの暗号化"));

    // Closing makes the record final.
    let p = owner.get(&path).await;
    let r = owner
        .post(
            &format!("{path}/close"),
            &[("_csrf", &p.csrf()), ("outcome", "バックアップから復旧")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let p = owner.get(&path).await;
    assert!(p.body.contains("この記録は終了しています"));
    assert!(!p.body.contains(&format!("action=\"{path}/note\"")));
    let late = owner
        .post(
            &format!("{path}/note"),
            &[("_csrf", &p.csrf()), ("body", "後から")],
        )
        .await;
    assert_eq!(late.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_drill_is_timed_and_records_its_participants() {
    let app = app();
    let (mut owner, _, _) = admin(&app).await;
    let org = new_org(&mut owner, "星川精機株式会社").await;
    let path = open(&mut owner, &org, &[("kind", "ceo_fraud"), ("drill", "1")]).await;
    let p = owner.get(&path).await;
    assert!(p.body.contains("訓練"));
    assert!(
        p.body
            .contains("LINE グループを作って QR コードを送ってほしい"),
        "the scenario"
    );
    assert!(p.body.contains("組戻し"), "the CEO fraud checklist");
    assert!(p.body.contains("<strong>訓練を開始</strong>"));
    // Drafts are marked as a drill's.
    assert!(p.body.contains("件名: 【訓練】"));
    // Ending without naming who took part: asked for, beside the field.
    let r = owner
        .post(
            &format!("{path}/close"),
            &[("_csrf", &p.csrf()), ("participants", " ")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("訓練の参加者を入力してください。"));
    // The drill started 47 minutes ago.
    let id = path.rsplit('/').next().unwrap().to_string();
    app.state
        .store
        .write(|tx| {
            tx.sql_execute(
                "UPDATE incidents SET opened_at = opened_at - 47 * 60 WHERE id = ?1",
                [&id],
            )
        })
        .unwrap();
    let r = owner
        .post(
            &format!("{path}/close"),
            &[
                ("_csrf", &p.csrf()),
                ("participants", "社長、経理部長、総務担当"),
                ("outcome", "銀行への連絡先が古かった"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let p = owner.get(&path).await;
    assert!(p.body.contains("所要時間: 47 分"), "{}", p.body);
    assert!(p.body.contains("社長、経理部長、総務担当"));
    let list = owner.get(&format!("/o/{org}/incidents")).await;
    assert!(list.body.contains("(47 分)"));
    let (_, h, rec) = owner.get_bytes(&format!("{path}/record.html")).await;
    assert!(
        h[axum::http::header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("incident-drill-")
    );
    let rec = String::from_utf8(rec).unwrap();
    assert!(rec.contains("机上訓練の記録") && rec.contains("社長、経理部長、総務担当"));
}

#[tokio::test]
async fn viewers_read_and_other_organisations_find_nothing() {
    let app = app();
    let (mut owner, _, _) = admin(&app).await;
    let org = new_org(&mut owner, "星川精機株式会社").await;
    let path = open(
        &mut owner,
        &org,
        &[
            ("kind", "lost_device"),
            ("title", "ノート PC の紛失"),
            ("known_at", "2026-11-01T18:00"),
        ],
    )
    .await;
    let mut viewer = join(&app, &mut owner, &org, "viewer", "viewer@example.jp").await;
    let p = viewer.get(&path).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains("ノート PC の紛失") && p.body.contains("遠隔ロック"));
    assert!(
        !p.body.contains(&format!("action=\"{path}/step\"")),
        "no forms for viewers"
    );
    let r = viewer
        .post(
            &format!("{path}/step"),
            &[("_csrf", &p.csrf()), ("code", "ld_lock"), ("done", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = viewer
        .post(
            &format!("{path}/note"),
            &[("_csrf", &p.csrf()), ("body", "x")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // The owner's other organisation, and a stranger: not found.
    let other = new_org(&mut owner, "別会社").await;
    let id = path.rsplit('/').next().unwrap();
    let r = owner.get(&format!("/o/{other}/incidents/{id}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(!r.body.contains("ノート PC の紛失"));
    let p = owner.get(&format!("/o/{other}/incidents")).await;
    let r = owner
        .post(
            &format!("/o/{other}/incidents/{id}/note"),
            &[("_csrf", &p.csrf()), ("body", "x")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // A malformed id is not found, too.
    let r = owner.get(&format!("/o/{org}/incidents/not-an-id")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
