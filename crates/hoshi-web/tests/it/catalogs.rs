//! ★4 in the browser: an administrator imports IPA's official workbook on `/admin/catalogs`
//! (the same checks as `hoshi catalog import-ipa`), after which ★4 assessments can start at once.

use crate::common::*;
use axum::http::StatusCode;
use hoshi_store::db::testing::RawSql as _;
use hoshi_xlsx::fixture::{Options, edition_rows, workbook};

/// A workbook in the official layout, built on the bundled catalog's ★3 IDs.
fn official(app: &App, opts: &Options) -> Vec<u8> {
    let reg = app.state.catalogs();
    let scs = reg.get("scs").unwrap();
    let star3: Vec<String> = scs.criteria_for_level(3).map(|c| c.id.clone()).collect();
    workbook(&edition_rows(&star3), opts)
}

async fn upload(c: &mut Client, bytes: &[u8], fields: &[(&str, &str)]) -> Resp {
    let page = c.get("/admin/catalogs").await;
    let csrf = page.csrf();
    let mut all = vec![("_csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    c.post_multipart(
        "/admin/catalogs",
        &all,
        &[("file", "20260327001-c.xlsx", bytes)],
    )
    .await
}

/// The imported catalog files: in the data directory, or in the database when several servers
/// share one (PostgreSQL).
fn stored_files(app: &App) -> Vec<String> {
    if app.state.store.is_shared() {
        return app
            .state
            .store
            .read(hoshi_store::catalogs::files)
            .unwrap()
            .into_iter()
            .map(|(name, _)| name)
            .collect();
    }
    let dir = app.state.config.data_dir.join("catalogs");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[tokio::test]
async fn an_administrator_imports_the_official_workbook_and_star4_can_start() {
    let app = app();
    let (mut s, _, _) = admin(&app).await;
    let org = new_org(&mut s, "四ツ星精工株式会社").await;

    // Before: only the bundled catalog, whose ★4 is a summary; ★4 cannot be chosen.
    let list = s.get("/admin/catalogs").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("scs@"), "{}", list.body);
    assert!(list.body.contains("要約のみ"));
    let o = s.get(&format!("/o/{org}")).await;
    assert!(!o.body.contains("scs-ipa@"));

    let bytes = official(&app, &Options::default());
    let r = upload(&mut s, &bytes, &[("edition", "")]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body
            .contains("scs-ipa@2026-03-27 を取り込みました。評価基準は ★3 が 81 件、★4 で追加されるものが 72 件、合計 153 件です。"),
        "{}",
        r.body
    );
    assert_eq!(stored_files(&app), vec!["scs-ipa-2026-03-27.toml"]);
    assert!(
        r.body
            .contains("公式ワークブックから取り込み — 20260327001-c.xlsx")
    );

    // At once, without a restart: the organisation page offers ★4 and an assessment starts.
    let o = s.get(&format!("/o/{org}")).await;
    assert!(o.body.contains("scs-ipa@2026-03-27:4"), "{}", o.body);
    let started = s
        .post(
            &format!("/o/{org}/assessments"),
            &[
                ("_csrf", &o.csrf()),
                ("title", "2026年度 ★4"),
                ("catalog", "scs-ipa@2026-03-27:4"),
            ],
        )
        .await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.body);
    let a = s.get(started.location()).await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.body.contains("2026年度 ★4"));

    // The same file again changes nothing and says so.
    let again = upload(&mut s, &bytes, &[]).await;
    assert_eq!(again.status, StatusCode::OK);
    assert!(again.body.contains("このファイルから取り込み済みです"));

    // Another file of the same edition cannot replace a catalog an assessment rests on.
    let other = Options {
        merge: false,
        title: "SCS評価制度 ★3・★4 要求事項・評価基準（2026年3月27日版） 改".into(),
        ..Options::default()
    };
    let changed = official(&app, &other);
    let refused = upload(&mut s, &changed, &[("replace", "1")]).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains(
            "scs-ipa@2026-03-27 では 1 件の自己評価が行われているため、置き換えられません。"
        ),
        "{}",
        refused.body
    );
    // The page shows the number of assessments on each catalog.
    assert!(refused.body.contains("<td class=\"num\">1</td>"));

    // The audit log holds the import.
    let n: i64 = app
        .state
        .store
        .read(|c| {
            c.sql_row(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'catalog.import' AND target = 'catalog:scs-ipa@2026-03-27'",
                (),
                |r| r.get(0),
            )
        })
        .unwrap();
    assert_eq!(n, 1);
}

#[tokio::test]
async fn a_bad_workbook_is_refused_with_the_place_and_nothing_is_imported() {
    let app = app();
    let (mut s, _, _) = admin(&app).await;

    // A header that is not the official one: the sheet, the row and the missing column named.
    let mut opts = Options::default();
    opts.headers[9] = "基準".into();
    let r = upload(&mut s, &official(&app, &opts), &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("2 行目"), "{}", r.body);
    assert!(
        !r.body.contains("missing column"),
        "English on a Japanese page: {}",
        r.body
    );
    assert!(stored_files(&app).is_empty());
    assert!(app.state.catalogs().get("scs-ipa").is_none());

    // Not an Excel file at all.
    let r = upload(&mut s, b"%PDF-1.7 not a workbook", &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("class=\"field-error\""), "{}", r.body);

    // No file chosen; an edition that is not a date.
    let r = upload(&mut s, b"", &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let bytes = official(&app, &Options::default());
    let r = upload(&mut s, &bytes, &[("edition", "2026/3/27")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("YYYY-MM-DD"), "{}", r.body);
    assert!(
        r.body.contains("value=\"2026/3/27\""),
        "what was typed stays"
    );
    assert!(stored_files(&app).is_empty());

    // A different file of an edition nobody uses yet replaces it only when asked to.
    let r = upload(&mut s, &bytes, &[]).await;
    assert_eq!(r.status, StatusCode::OK);
    let other = Options {
        merge: false,
        ..Options::default()
    };
    let changed = official(&app, &other);
    let r = upload(&mut s, &changed, &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("置き換える"), "{}", r.body);
    let r = upload(&mut s, &changed, &[("replace", "1")]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("を取り込みました"));
    assert_eq!(stored_files(&app), vec!["scs-ipa-2026-03-27.toml"]);
}

#[tokio::test]
async fn only_an_administrator_sees_or_imports_catalogs() {
    let app = app();
    let (mut s, _, _) = admin(&app).await;
    let org = new_org(&mut s, "一般株式会社").await;
    let mut member = join(&app, &mut s, &org, "owner", "owner@example.jp").await;
    assert_eq!(
        member.get("/admin/catalogs").await.status,
        StatusCode::NOT_FOUND
    );
    let bytes = official(&app, &Options::default());
    let csrf = member.get(&format!("/o/{org}")).await.csrf();
    let r = member
        .post_multipart(
            "/admin/catalogs",
            &[("_csrf", &csrf)],
            &[("file", "x.xlsx", &bytes)],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(stored_files(&app).is_empty());
}
