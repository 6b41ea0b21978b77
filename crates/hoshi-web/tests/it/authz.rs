//! Authorization matrix: every route × {anonymous, outsider (owner of another organisation),
//! viewer, editor, owner}. Nothing of organisation A may leak to anyone outside it, and each role
//! may do exactly what it should. The matrix must list exactly the routes of the router's route
//! table, and expect of each what the table declares, so a new route cannot escape it.

use crate::common::*;
use axum::http::StatusCode;
use hoshi_store::db::testing::{RawSql as _, RawWrite as _};

const SECRET_ORG: &str = "極秘精密工業株式会社";
const SECRET_TITLE: &str = "社外秘の自己評価";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Anonymous,
    Outsider,
    /// Assigned expert of A's second assessment (not a member of A).
    Expert,
    Viewer,
    Editor,
    Owner,
}

/// Expected outcome for a route.
#[derive(Clone, Copy, Debug)]
enum Need {
    /// An administrator of the instance (the fixture's owner); anyone else: not found.
    Admin,
    /// Public: anyone gets an answer (and sees no organisation data).
    Public,
    /// Any signed-in user (own account pages).
    Account,
    /// A member of the organisation, any role.
    Member,
    Editor,
    Owner,
    /// Nobody among the clients (pages of the supplier organisation C, which they do not belong to).
    Nobody,
    /// The assigned expert only.
    Expert,
    /// Editors and owners; a 400 from the review state (e.g. a second submission) or a form shown
    /// again (422) still means allowed.
    EditorState,
    /// Owners; a 400 from the review state still means allowed.
    OwnerState,
    /// Any member (e.g. an officer declaring, whatever their role); a 400 or 422 from the review
    /// state or the member's own standing still means allowed.
    MemberState,
    /// The administrator; a 400 or 422 (an upload form sent without its file) still means allowed.
    AdminState,
}

/// The id of the stored attestation of A.
const ATT: &str = "abababababababababababababababababababababababababababababababab";
/// An attestation id nothing is stored under.
const ATT_GONE: &str = "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd";
/// A scan and a declared target of A.
const SCAN: &str = "5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c";
const SCAN_TARGET: &str = "7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a";
const ASSET: &str = "a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5";
/// A published document of A (its pages, exports, steps).
const DOC: &str = "d0c5d0c5d0c5d0c5d0c5d0c5d0c5d0c5";
const VULN_REPORT: &str = "b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7";
/// A backup repository of A and one finished verification of it.
const ACCOUNT_CHECK: &str = "acacacacacacacacacacacacacacacac";
const BACKUP: &str = "bcbcbcbcbcbcbcbcbcbcbcbcbcbcbcbc";
const BACKUP_RUN: &str = "bdbdbdbdbdbdbdbdbdbdbdbdbdbdbdbd";
/// An incident record of A.
const INCIDENT: &str = "1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c";
/// A recurring check of A and a training session of A (the yearly cycle).
const CYCLE_TASK: &str = "c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1";
const TRAINING: &str = "d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2";
/// A partner in A's register of partners.
const REG_ENTRY: &str = "5e9e5e9e5e9e5e9e5e9e5e9e5e9e5e9e";

struct Fixture {
    app: App,
    org: String,
    assessment: String,
    evidence: String,
    owner_id: String,
    /// Supplier organisation C (owned by someone outside the matrix) and its relationship to A.
    supplier: String,
    rel: String,
    /// A second relationship of A, not accepted (for the invitation route).
    rel_open: String,
    /// A's second assessment, under expert review.
    reviewed: String,
    /// Evidence of C linked to the assessment C shares in full with A.
    supplier_evidence: String,
    clients: Vec<(Who, Client)>,
}

async fn fixture() -> Fixture {
    let app = app();
    let (mut owner, _, _) = admin(&app).await;
    let home = owner.get("/").await;
    let org = owner
        .post("/orgs", &[("_csrf", &home.csrf()), ("name", SECRET_ORG)])
        .await
        .location()
        .trim_start_matches("/o/")
        .to_string();
    let page = owner.get(&format!("/o/{org}")).await;
    let assessment = owner
        .post(
            &format!("/o/{org}/assessments"),
            &[
                ("_csrf", &page.csrf()),
                ("title", SECRET_TITLE),
                ("catalog", "scs@2026-03-27:3"),
            ],
        )
        .await
        .location()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let csrf = owner
        .get(&format!("/o/{org}/a/{assessment}/c/4"))
        .await
        .csrf();
    owner
        .post_multipart(
            &format!("/o/{org}/a/{assessment}/evidence/4-4-4-2"),
            &[("_csrf", &csrf), ("title", "社外秘の証跡")],
            &[("file", "x.pdf", b"%PDF-1.7\n%%EOF\n")],
        )
        .await;
    let ev = owner.get(&format!("/o/{org}/evidence")).await;
    let i = ev.body.find("/download\"").unwrap();
    let evidence = ev.body[i - 32..i].to_string();
    let viewer = join(&app, &mut owner, &org, "viewer", "viewer@example.jp").await;
    let editor = join(&app, &mut owner, &org, "editor", "editor@example.jp").await;
    // The outsider owns another organisation (with a valid session and CSRF token of its own).
    let mut outsider = join(&app, &mut owner, &org, "viewer", "outsider@example.jp").await;
    let home = outsider.get("/").await;
    outsider
        .post("/orgs", &[("_csrf", &home.csrf()), ("name", "他社")])
        .await;
    // …and then leaves organisation A: demoted out by deleting the membership directly.
    let uid: String = app
        .state
        .store
        .read(|c| {
            c.sql_row(
                "SELECT id FROM users WHERE email = 'outsider@example.jp'",
                (),
                |r| r.get(0),
            )
        })
        .unwrap();
    let (o, u) = (org.clone(), uid.clone());
    app.state
        .store
        .write(|tx| {
            tx.sql_execute(
                "DELETE FROM memberships WHERE org_id = ?1 AND user_id = ?2",
                [&o, &u],
            )
        })
        .unwrap();
    // Supplier C: registered by A, accepted by C's owner, sharing a full assessment with A.
    let page = owner.get(&format!("/o/{org}/suppliers")).await;
    let reg = |n: &'static str| {
        vec![
            ("_csrf", page.csrf()),
            ("supplier_name", "極秘サプライヤー株式会社".to_string()),
            ("corporate_number", n.to_string()),
            ("confidential-info", "yes".to_string()),
            ("unacceptable-delay", "no".to_string()),
            ("system-access", "no".to_string()),
        ]
    };
    let f1 = reg("1180301018771");
    let f1: Vec<(&str, &str)> = f1.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let rel = owner
        .post(&format!("/o/{org}/suppliers"), &f1)
        .await
        .location()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let f2 = reg("7000012050002");
    let f2: Vec<(&str, &str)> = f2.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let rel_open = owner
        .post(&format!("/o/{org}/suppliers"), &f2)
        .await
        .location()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let sp = owner.get(&format!("/o/{org}/suppliers/{rel}")).await;
    let inv = owner
        .post(
            &format!("/o/{org}/suppliers/{rel}/invite"),
            &[("_csrf", &sp.csrf())],
        )
        .await;
    let link = inv.body.split("/supplier-invite/").nth(1).unwrap()[..64].to_string();
    let mut c_owner = Client::new(&app);
    let form = c_owner.get(&format!("/supplier-invite/{link}")).await;
    let r = c_owner
        .post(
            &format!("/supplier-invite/{link}"),
            &[
                ("_csrf", &form.csrf()),
                ("org", "new"),
                ("org_name", "極秘サプライヤー株式会社"),
                ("display_name", "C"),
                ("email", "c-owner@example.jp"),
                ("password", "hibari-no-uta-42"),
                ("password2", "hibari-no-uta-42"),
            ],
        )
        .await;
    let supplier = r
        .location()
        .trim_start_matches("/o/")
        .trim_end_matches("/buyers")
        .to_string();
    let h = c_owner.get(&format!("/o/{supplier}")).await;
    let ca = c_owner
        .post(
            &format!("/o/{supplier}/assessments"),
            &[
                ("_csrf", &h.csrf()),
                ("title", "サプライヤーの社外秘評価"),
                ("catalog", "scs@2026-03-27:3"),
            ],
        )
        .await
        .location()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    // Owning an organisation with an assessment requires the second factor.
    enrol(&mut c_owner).await;
    let bp = c_owner.get(&format!("/o/{supplier}/buyers")).await;
    let r = c_owner
        .post(
            &format!("/o/{supplier}/buyers/{rel}/share"),
            &[
                ("_csrf", &bp.csrf()),
                ("assessment", &ca),
                ("scope", "full"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let ccsrf = c_owner
        .get(&format!("/o/{supplier}/a/{ca}/c/1"))
        .await
        .csrf();
    c_owner
        .post_multipart(
            &format!("/o/{supplier}/a/{ca}/evidence/1-2-1-1"),
            &[("_csrf", &ccsrf), ("title", "取引先の証跡")],
            &[("file", "c.pdf", b"%PDF-1.7\n%%EOF\n")],
        )
        .await;
    let ev = c_owner.get(&format!("/o/{supplier}/evidence")).await;
    let i = ev.body.find("/download\"").unwrap();
    let supplier_evidence = ev.body[i - 32..i].to_string();
    // A second assessment of A with an assigned expert.
    let h = owner.get(&format!("/o/{org}")).await;
    let reviewed = owner
        .post(
            &format!("/o/{org}/assessments"),
            &[
                ("_csrf", &h.csrf()),
                ("title", "専門家用評価"),
                ("catalog", "scs@2026-03-27:3"),
            ],
        )
        .await
        .location()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string();
    let ov = owner.get(&format!("/o/{org}/a/{reviewed}")).await;
    let r = owner
        .post(
            &format!("/o/{org}/a/{reviewed}/review/invite"),
            &[("_csrf", &ov.csrf())],
        )
        .await;
    let elink = r.body.split("/expert-invite/").nth(1).unwrap()[..64].to_string();
    let mut expert = Client::new(&app);
    let f = expert.get(&format!("/expert-invite/{elink}")).await;
    expert
        .post(
            &format!("/expert-invite/{elink}"),
            &[
                ("_csrf", &f.csrf()),
                ("display_name", "専門家"),
                ("email", "expert@example.jp"),
                ("password", "tsubame-no-su-77"),
                ("password2", "tsubame-no-su-77"),
                ("qualification", "支援士"),
                ("registration_number", "1"),
            ],
        )
        .await;
    enrol(&mut expert).await;
    // Submitted and started: the expert's comments are taken while the review is in progress.
    let ov = owner.get(&format!("/o/{org}/a/{reviewed}")).await;
    owner
        .post(
            &format!("/o/{org}/a/{reviewed}/review/submit"),
            &[("_csrf", &ov.csrf())],
        )
        .await;
    let rp = expert.get(&format!("/reviews/{reviewed}")).await;
    let r = expert
        .post(
            &format!("/reviews/{reviewed}"),
            &[("_csrf", &rp.csrf()), ("action", "start")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let anonymous = Client::new(&app);
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
    // An attestation of A's assessment (a stored row: issuing is tested in review.rs).
    app.state
        .store
        .write(|tx| {
            tx.sql_execute(
                "INSERT INTO attestations (id, org_id, assessment_id, keyid, level, valid_until, envelope, result_json, issued_by, issued_at, report_pdf)
                 VALUES (?1, ?2, ?3, 'ed25519:0', 3, '2099-01-01', '{}', '{}', ?4, 1, ?5)",
                hoshi_store::params![ATT, org, assessment, owner_id, b"%PDF-".to_vec()],
            )?;
            // A declared target and a finished scan of A (the scan page, its report, evidence).
            tx.sql_execute(
                "INSERT INTO scan_targets (id, org_id, target, kind, addresses, declared_by, declared_at)
                 VALUES (?1, ?2, '127.0.0.0/30', 'range', 4, ?3, 1)",
                hoshi_store::params![SCAN_TARGET, org, owner_id],
            )?;
            tx.sql_execute(
                "INSERT INTO scans (id, org_id, requested_by, requested_at, ports, targets, state, finished_at, report, sha256, open_ports, findings)
                 VALUES (?1, ?2, ?3, 1790000000, '1', '[\"127.0.0.0/30\"]', 'done', 1790000060, ?4, 'x', 0, 0)",
                hoshi_store::params![SCAN, org, owner_id, r#"{"started_at":"s","finished_at":"f","hosts":[]}"#],
            )?;
            // An asset in A's register and a patch report (its pages, evidence, deletion).
            tx.sql_execute(
                "INSERT INTO assets (id, org_id, tag, kind, name, source, rev, created_by, created_at, updated_by, updated_at)
                 VALUES (?1, ?2, 'A-1', 'pc', '経理 PC', 'form', 1, ?3, 1, ?3, 1)",
                hoshi_store::params![ASSET, org, owner_id],
            )?;
            tx.sql_execute(
                "INSERT INTO vuln_reports (id, org_id, created_by, created_at, snapshot, report, sha256, findings, overdue, support_ended)
                 VALUES (?1, ?2, ?3, 1790000000, 'x', ?4, 'x', 0, 0, 0)",
                hoshi_store::params![VULN_REPORT, org, owner_id, r#"{"format":1,"hoshi_version":"0","today":"2026-12-02","data":"x","components":0,"findings":[],"totals":{"findings":0,"overdue":0,"kev":0}}"#],
            )?;
            // A published policy of A (its pages, exports, steps).
            tx.sql_execute(
                "INSERT INTO documents (id, org_id, kind, lang, created_by, created_at, latest, published)
                 VALUES (?1, ?2, 'policy', 'ja', ?3, 1, 1, 1)",
                hoshi_store::params![DOC, org, owner_id],
            )?;
            tx.sql_execute(
                "INSERT INTO document_versions (doc_id, version, title, sections, note, author, created_at, approved_by, approved_at, published_by, published_at, effective_on)
                 VALUES (?1, 1, '情報セキュリティ基本方針', '[]', '', ?2, 1, ?2, 1, ?2, 1, '2026-01-01')",
                hoshi_store::params![DOC, owner_id],
            )?;
            // A check of account exports of A (its page, JSON, evidence).
            tx.sql_execute(
                "INSERT INTO account_checks (id, org_id, created_by, created_at, today, stale_days, sources, report, summary, sha256, accounts, findings, worst)
                 VALUES (?1, ?2, ?3, 1790000000, '2026-12-02', 90, '[]', '{\"findings\":[]}', ?4, 'x', 0, 0, '')",
                hoshi_store::params![ACCOUNT_CHECK, org, owner_id, r#"{"format":1,"kind":"hoshi-accounts-summary","today":"2026-12-02","stale_days":90,"sources":[],"accounts":0,"enabled":0,"admins":0,"mfa_known":0,"mfa_missing":0,"counts":[],"statuses":[{"criterion":"4-1-3-2","status":"met"}]}"#],
            )?;
            // A backup repository of A with a finished verification (pages, evidence, runs).
            tx.sql_execute(
                "INSERT INTO backup_targets (id, org_id, name, location, secret, max_age_days, restore_sample, rev, created_by, created_at, updated_by, updated_at)
                 VALUES (?1, ?2, 'NAS', '/srv/none', 'hs1.x.y.z', 2, 5, 1, ?3, 1, ?3, 1)",
                hoshi_store::params![BACKUP, org, owner_id],
            )?;
            tx.sql_execute(
                "INSERT INTO backup_runs (id, org_id, target_id, requested_by, requested_at, state, finished_at, passed, result, sha256)
                 VALUES (?1, ?2, ?3, ?4, 1790000000, 'done', 1790000060, 1, ?5, 'x')",
                hoshi_store::params![BACKUP_RUN, org, BACKUP, owner_id, r#"{"restic_version":"0.14.0","check":{"ok":true},"snapshot_count":1,"groups":[],"coverage":[],"findings":[],"duration_ms":1}"#],
            )?;
            // An open incident record of A (no timeline yet).
            tx.sql_execute(
                "INSERT INTO incidents (id, org_id, kind, title, drill, opened_by, opened_at, known_at, status, report, event_seq, event_head)
                 VALUES (?1, ?2, 'ransomware_vpn', '社外秘の自己評価', 0, ?3, 1790000000, 1790000000, 'open', '{}', 0, ?4)",
                hoshi_store::params![
                    INCIDENT,
                    org,
                    owner_id,
                    hoshi_store::audit::GENESIS
                ],
            )?;
            // A recurring check and a training session of A (the yearly cycle).
            tx.sql_execute(
                "INSERT INTO recurring_tasks (id, org_id, criterion_id, title, look_at, interval_months, next_due, active, rev, created_by, created_at, updated_at)
                 VALUES (?1, ?2, '1-2-1-3', '体制の点検', '', 12, '2027-01-31', 1, 1, ?3, 1, 1)",
                hoshi_store::params![CYCLE_TASK, org, owner_id],
            )?;
            tx.sql_execute(
                "INSERT INTO training_sessions (id, org_id, held_on, title, topic, trainer, minutes, recorded_by, recorded_at)
                 VALUES (?1, ?2, '2026-04-01', '初動訓練', '', '', 60, ?3, 1)",
                hoshi_store::params![TRAINING, org, owner_id],
            )?;
            // A partner in A's register of partners (its page, form, removal).
            tx.sql_execute(
                "INSERT INTO register_entries (id, org_id, kind, name, name_key, fields, source, rev, created_by, created_at, updated_by, updated_at)
                 VALUES (?1, ?2, 'partners', '〇〇精機', '〇〇精機', '{\"name\":\"〇〇精機\"}', 'form', 1, ?3, 1, ?3, 1)",
                hoshi_store::params![REG_ENTRY, org, owner_id],
            )?;
            // An attestation from elsewhere attached to A's supplier (its envelope is a stub: a
            // re-check answers 400).
            tx.sql_execute(
                "INSERT INTO imported_attestations (relationship_id, id, envelope, keys_json, issuer, organisation, level, valid_until, imported_by, imported_at)
                 VALUES (?1, ?2, '{}', '{}', 'https://issuer.invalid', 'x', 3, '2099-01-01', ?3, 1)",
                hoshi_store::params![rel, ATT, owner_id],
            )?;
            Ok(())
        })
        .unwrap();
    Fixture {
        app,
        org,
        assessment,
        evidence,
        owner_id,
        supplier,
        rel,
        rel_open,
        reviewed,
        supplier_evidence,
        clients: vec![
            (Who::Anonymous, anonymous),
            (Who::Outsider, outsider),
            (Who::Expert, expert),
            (Who::Viewer, viewer),
            (Who::Editor, editor),
            (Who::Owner, owner),
        ],
    }
}

/// Every route of the router: (method, path, need, form fields for POST).
/// A valid 法人番号 from a small number (check digit computed).
fn corporate_number(n: u8) -> String {
    let base = format!("{:012}", u64::from(n) * 1_000_003);
    let digits: Vec<u32> = base.chars().map(|c| c.to_digit(10).unwrap()).collect();
    let mut b = [0u32; 12];
    b.copy_from_slice(&digits);
    format!("{}{base}", hoshi_core::corporate::check_digit(&b))
}

/// (method, path, who may, form fields).
type Route = (&'static str, String, Need, Vec<(&'static str, String)>);

fn routes(f: &Fixture) -> Vec<Route> {
    let (o, a, e) = (&f.org, &f.assessment, &f.evidence);
    vec![
        ("GET", "/".into(), Need::Account, vec![]),
        ("GET", "/healthz".into(), Need::Public, vec![]),
        ("GET", "/licences.txt".into(), Need::Public, vec![]),
        ("GET", "/static/hoshi.css".into(), Need::Public, vec![]),
        ("GET", "/static/hoshi.js".into(), Need::Public, vec![]),
        (
            "GET",
            format!("/setup/{}", "0".repeat(64)),
            Need::Public,
            vec![],
        ),
        (
            "POST",
            format!("/setup/{}", "0".repeat(64)),
            Need::Public,
            vec![],
        ),
        ("GET", "/login".into(), Need::Public, vec![]),
        (
            "POST",
            "/login".into(),
            Need::Public,
            vec![
                ("email", "x@example.jp".into()),
                ("password", "nope-nope-nope".into()),
            ],
        ),
        ("GET", "/login/mfa".into(), Need::Account, vec![]),
        (
            "POST",
            "/login/mfa".into(),
            Need::Account,
            vec![("code", "000000".into())],
        ),
        (
            "POST",
            "/lang".into(),
            Need::Public,
            vec![("lang", "ja".into())],
        ),
        ("GET", "/account".into(), Need::Account, vec![]),
        (
            "POST",
            "/account/time-zone".into(),
            Need::Account,
            vec![("time_zone", "Asia/Tokyo".into())],
        ),
        ("GET", "/account/mfa".into(), Need::Account, vec![]),
        (
            "POST",
            "/account/mfa".into(),
            Need::Account,
            vec![("code", "000000".into())],
        ),
        ("GET", "/account/tokens".into(), Need::Account, vec![]),
        ("GET", "/account/password".into(), Need::Account, vec![]),
        (
            "POST",
            "/account/password".into(),
            Need::Account,
            vec![
                ("current_password", "not-the-password".into()),
                ("password", "x".into()),
                ("password2", "y".into()),
            ],
        ),
        (
            "GET",
            format!("/reset/{}", "e".repeat(64)),
            Need::Public,
            vec![],
        ),
        (
            "POST",
            format!("/reset/{}", "e".repeat(64)),
            Need::Public,
            vec![("password", "x".into()), ("password2", "x".into())],
        ),
        ("GET", "/login/forgot".into(), Need::Public, vec![]),
        (
            "POST",
            "/login/forgot".into(),
            Need::Public,
            vec![("email", "x@example.jp".into())],
        ),
        ("GET", "/admin/users".into(), Need::Admin, vec![]),
        ("GET", "/admin/catalogs".into(), Need::Admin, vec![]),
        ("POST", "/admin/catalogs".into(), Need::AdminState, vec![]),
        (
            "POST",
            format!("/admin/users/{}", f.owner_id),
            Need::Admin,
            vec![("action", "enable".into())],
        ),
        (
            "POST",
            "/account/tokens".into(),
            Need::Member,
            vec![
                ("name", "t".into()),
                ("org", o.clone()),
                ("days", "7".into()),
            ],
        ),
        (
            "POST",
            format!("/account/tokens/{}/revoke", "a".repeat(32)),
            Need::Account,
            vec![],
        ),
        ("GET", "/api/openapi.json".into(), Need::Public, vec![]),
        ("GET", "/api/v1/catalogs".into(), Need::Public, vec![]),
        ("GET", "/api/v1/assessments".into(), Need::Public, vec![]),
        ("POST", "/api/v1/assessments".into(), Need::Public, vec![]),
        (
            "GET",
            format!("/api/v1/assessments/{a}"),
            Need::Public,
            vec![],
        ),
        (
            "GET",
            format!("/api/v1/assessments/{a}/report"),
            Need::Public,
            vec![],
        ),
        (
            "PUT",
            format!("/api/v1/assessments/{a}/answers/4-4-4-2"),
            Need::Public,
            vec![],
        ),
        (
            "POST",
            "/orgs".into(),
            Need::Account,
            vec![("name", "新しい組織".into())],
        ),
        (
            "GET",
            format!("/invite/{}", "f".repeat(64)),
            Need::Public,
            vec![],
        ),
        (
            "POST",
            format!("/invite/{}", "f".repeat(64)),
            Need::Public,
            vec![],
        ),
        ("GET", format!("/o/{o}"), Need::Member, vec![]),
        (
            "POST",
            format!("/o/{o}/invitations"),
            Need::Owner,
            vec![("role", "viewer".into())],
        ),
        (
            "POST",
            format!("/o/{o}/members/{}", f.owner_id),
            Need::Owner,
            vec![("role", "owner".into())],
        ),
        (
            "POST",
            format!("/o/{o}/members/{}/officer", f.owner_id),
            Need::Owner,
            vec![("officer_title", "代表取締役".into())],
        ),
        (
            "POST",
            format!("/o/{o}/assessments"),
            Need::Editor,
            vec![
                ("title", "t".into()),
                ("catalog", "scs@2026-03-27:3".into()),
            ],
        ),
        ("GET", format!("/o/{o}/a/{a}"), Need::Member, vec![]),
        ("GET", format!("/o/{o}/a/{a}/c/4"), Need::Member, vec![]),
        (
            "POST",
            format!("/o/{o}/a/{a}/answer/1-2-1-1"),
            Need::Editor,
            vec![("version", "0".into()), ("status", "met".into())],
        ),
        (
            "POST",
            format!("/o/{o}/a/{a}/comments/4-4-4-2"),
            Need::EditorState,
            vec![("body", "返信".into())],
        ),
        (
            "POST",
            format!("/o/{o}/a/{a}/c/4/answers"),
            Need::Editor,
            vec![
                ("version.4-4-4-2", "0".into()),
                ("status.4-4-4-2", "met".into()),
            ],
        ),
        ("GET", format!("/o/{o}/a/{a}/table"), Need::Member, vec![]),
        (
            "POST",
            format!("/o/{o}/a/{a}/table/answers"),
            Need::Editor,
            vec![
                ("version.4-4-4-2", "0".into()),
                ("status.4-4-4-2", "met".into()),
            ],
        ),
        ("GET", format!("/o/{o}/a/{a}/gaps"), Need::Member, vec![]),
        ("GET", format!("/o/{o}/a/{a}/roadmap"), Need::Member, vec![]),
        ("GET", format!("/o/{o}/a/{a}/history"), Need::Member, vec![]),
        (
            "GET",
            format!("/o/{o}/a/{a}/report.pdf"),
            Need::Member,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/a/{a}/report-inputs"),
            Need::Editor,
            vec![
                ("records", "100".into()),
                ("revenue", "1億".into()),
                ("stoppage_days", "3".into()),
            ],
        ),
        (
            "POST",
            format!("/o/{o}/a/{a}/evidence/4-4-4-1"),
            Need::Editor,
            vec![("url", "https://example.jp/x".into())],
        ),
        (
            "POST",
            format!("/o/{o}/a/{a}/evidence/4-4-4-1/link"),
            Need::Editor,
            vec![("evidence", e.clone())],
        ),
        ("GET", format!("/o/{o}/evidence"), Need::Member, vec![]),
        ("GET", format!("/o/{o}/exposure"), Need::Member, vec![]),
        (
            "POST",
            format!("/o/{o}/exposure/targets"),
            Need::EditorState,
            vec![("target", "127.0.0.2".into())],
        ),
        (
            "POST",
            format!("/o/{o}/exposure/targets/{SCAN_TARGET}/confirm"),
            Need::Owner,
            vec![],
        ),
        ("GET", "/admin/scan-targets".into(), Need::Admin, vec![]),
        (
            "POST",
            format!("/admin/scan-targets/{SCAN_TARGET}"),
            Need::Admin,
            vec![("action", "approve".into())],
        ),
        (
            "POST",
            format!("/o/{o}/exposure/targets/{SCAN_TARGET}/remove"),
            Need::Owner,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/exposure/scans"),
            Need::OwnerState,
            vec![("ports", "1".into())],
        ),
        (
            "POST",
            format!("/o/{o}/exposure/schedule"),
            Need::Owner,
            vec![("every", "7".into()), ("ports", "top".into())],
        ),
        (
            "GET",
            format!("/o/{o}/exposure/scans/{SCAN}"),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/exposure/scans/{SCAN}/report.json"),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/exposure/scans/{SCAN}/evidence"),
            Need::Editor,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/exposure/scans/{SCAN}/evidence"),
            Need::Editor,
            vec![
                ("assessment", a.clone()),
                ("valid_days", "90".into()),
                ("version:4-4-4-1", "0".into()),
                ("version:4-4-4-2", "0".into()),
                ("version:4-5-1-4", "0".into()),
                ("version:4-5-1-7", "0".into()),
            ],
        ),
        ("GET", format!("/o/{o}/assets"), Need::Member, vec![]),
        (
            "GET",
            format!("/o/{o}/assets/register.csv"),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/assets/register.xlsx"),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/assets/template.csv"),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/assets/template.xlsx"),
            Need::Member,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/assets/import"),
            Need::EditorState,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/assets/review"),
            Need::Editor,
            vec![("note", "全台確認".into())],
        ),
        ("GET", format!("/o/{o}/assets/new"), Need::Editor, vec![]),
        (
            "POST",
            format!("/o/{o}/assets"),
            Need::EditorState,
            vec![
                ("tag", "PC-9".into()),
                ("kind", "pc".into()),
                ("name", "新しい PC".into()),
            ],
        ),
        (
            "GET",
            format!("/o/{o}/assets/{ASSET}"),
            Need::Member,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/assets/{ASSET}"),
            Need::EditorState,
            vec![
                ("rev", "1".into()),
                ("tag", "A-1".into()),
                ("kind", "pc".into()),
                ("name", "経理 PC（更新）".into()),
            ],
        ),
        (
            "POST",
            format!("/o/{o}/assets/{ASSET}/software"),
            Need::EditorState,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/assets/evidence"),
            Need::Editor,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/assets/evidence"),
            Need::Editor,
            vec![
                ("assessment", a.clone()),
                ("valid_days", "366".into()),
                ("version:3-1-1-1", "0".into()),
                ("version:3-1-1-2", "0".into()),
                ("version:3-1-2-2", "0".into()),
            ],
        ),
        (
            "POST",
            format!("/o/{o}/assets/from-scan/{SCAN}"),
            Need::Editor,
            vec![],
        ),
        ("POST", format!("/o/{o}/vulns"), Need::Editor, vec![]),
        ("GET", format!("/o/{o}/accounts"), Need::Member, vec![]),
        (
            "POST",
            format!("/o/{o}/accounts"),
            Need::EditorState,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/accounts/{ACCOUNT_CHECK}"),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/accounts/{ACCOUNT_CHECK}/report.json"),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/accounts/{ACCOUNT_CHECK}/evidence"),
            Need::Editor,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/accounts/{ACCOUNT_CHECK}/evidence"),
            Need::EditorState,
            vec![("assessment", a.clone()), ("version:4-1-3-2", "0".into())],
        ),
        ("GET", format!("/o/{o}/mail"), Need::Member, vec![]),
        (
            "POST",
            format!("/o/{o}/mail/file"),
            Need::MemberState,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/mail/source"),
            Need::MemberState,
            vec![("source", String::new())],
        ),
        ("GET", format!("/o/{o}/mail/evidence"), Need::Editor, vec![]),
        (
            "POST",
            format!("/o/{o}/mail/evidence"),
            Need::Editor,
            vec![
                ("assessment", a.clone()),
                ("valid_days", "366".into()),
                ("version:4-2-2-1", "0".into()),
                ("version:6-1-1-1", "0".into()),
            ],
        ),
        ("GET", format!("/o/{o}/docs"), Need::Member, vec![]),
        (
            "POST",
            format!("/o/{o}/docs"),
            Need::EditorState,
            vec![("kind", "policy".into()), ("lang", "en".into())],
        ),
        ("GET", format!("/o/{o}/docs/inputs"), Need::Editor, vec![]),
        (
            "POST",
            format!("/o/{o}/docs/inputs"),
            Need::EditorState,
            vec![],
        ),
        ("GET", format!("/o/{o}/docs/{DOC}"), Need::Member, vec![]),
        (
            "GET",
            format!("/o/{o}/docs/{DOC}/edit"),
            Need::Editor,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/docs/{DOC}/edit"),
            Need::EditorState,
            vec![("base", "1".into()), ("title", "方針".into())],
        ),
        (
            "POST",
            format!("/o/{o}/docs/{DOC}/redraft"),
            Need::EditorState,
            vec![("base", "1".into())],
        ),
        (
            "POST",
            format!("/o/{o}/docs/{DOC}/approve"),
            Need::OwnerState,
            vec![("version", "1".into())],
        ),
        (
            "POST",
            format!("/o/{o}/docs/{DOC}/publish"),
            Need::OwnerState,
            vec![
                ("version", "1".into()),
                ("effective_on", "2026-01-01".into()),
            ],
        ),
        (
            "POST",
            format!("/o/{o}/docs/{DOC}/read"),
            Need::MemberState,
            vec![("version", "1".into())],
        ),
        (
            "GET",
            format!("/o/{o}/docs/{DOC}/docx"),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/docs/{DOC}/pdf"),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/docs/{DOC}/evidence"),
            Need::Editor,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/docs/{DOC}/evidence"),
            Need::EditorState,
            vec![("assessment", a.clone()), ("valid_days", "366".into())],
        ),
        ("GET", format!("/o/{o}/mail/posture"), Need::Member, vec![]),
        (
            "POST",
            format!("/o/{o}/mail/posture"),
            Need::EditorState,
            vec![("selectors", String::new())],
        ),
        (
            "GET",
            format!("/o/{o}/mail/posture/evidence"),
            Need::Editor,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/mail/posture/evidence"),
            Need::EditorState,
            vec![
                ("assessment", a.clone()),
                ("valid_days", "90".into()),
                ("criterion", String::new()),
            ],
        ),
        ("GET", format!("/o/{o}/mail/profile"), Need::Owner, vec![]),
        (
            "POST",
            format!("/o/{o}/mail/profile"),
            Need::OwnerState,
            vec![("rev", "0".into()), ("profile", "format = 1".into())],
        ),
        ("GET", format!("/o/{o}/backups"), Need::Member, vec![]),
        (
            "POST",
            format!("/o/{o}/backups"),
            Need::EditorState,
            vec![("name", "NAS 2".into()), ("location", "/etc".into())],
        ),
        (
            "GET",
            format!("/o/{o}/backups/{BACKUP}"),
            Need::Member,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/backups/{BACKUP}"),
            Need::EditorState,
            vec![("rev", "1".into()), ("name", "NAS".into())],
        ),
        (
            "POST",
            format!("/o/{o}/backups/{BACKUP}/verify"),
            Need::EditorState,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/backups/{BACKUP}/procedure"),
            Need::Member,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/backups/{BACKUP}/procedure"),
            Need::EditorState,
            vec![("rev", "999".into()), ("responsible", "総務".into())],
        ),
        (
            "GET",
            format!("/o/{o}/backups/{BACKUP}/procedure.html"),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/backups/{BACKUP}/procedure/evidence"),
            Need::Editor,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/backups/{BACKUP}/procedure/evidence"),
            Need::Editor,
            vec![
                ("assessment", a.clone()),
                ("valid_days", "366".into()),
                ("version:4-3-4-3", "0".into()),
            ],
        ),
        (
            "GET",
            format!("/o/{o}/backups/runs/{BACKUP_RUN}"),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/backups/runs/{BACKUP_RUN}/result.json"),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/backups/runs/{BACKUP_RUN}/evidence"),
            Need::Editor,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/backups/runs/{BACKUP_RUN}/evidence"),
            Need::Editor,
            vec![("assessment", a.clone()), ("valid_days", "30".into())],
        ),
        ("GET", format!("/o/{o}/incidents"), Need::Member, vec![]),
        (
            "POST",
            format!("/o/{o}/incidents"),
            Need::EditorState,
            vec![
                ("kind", "other".into()),
                ("title", "停電".into()),
                ("known_at", "2026-12-01T09:00".into()),
            ],
        ),
        (
            "GET",
            format!("/o/{o}/incidents/{INCIDENT}"),
            Need::Member,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/incidents/{INCIDENT}/step"),
            Need::EditorState,
            vec![("code", "rw_isolate".into()), ("done", "1".into())],
        ),
        (
            "POST",
            format!("/o/{o}/incidents/{INCIDENT}/note"),
            Need::EditorState,
            vec![("body", "メモ".into())],
        ),
        (
            "POST",
            format!("/o/{o}/incidents/{INCIDENT}/report"),
            Need::EditorState,
            vec![("people", "3".into()), ("personal_data", "1".into())],
        ),
        (
            "POST",
            format!("/o/{o}/incidents/{INCIDENT}/notice"),
            Need::EditorState,
            vec![("audience", "customers".into())],
        ),
        (
            "POST",
            format!("/o/{o}/incidents/{INCIDENT}/close"),
            Need::EditorState,
            vec![("outcome", "復旧".into())],
        ),
        (
            "GET",
            format!("/o/{o}/incidents/{INCIDENT}/record.html"),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/incidents/{INCIDENT}/evidence"),
            Need::Editor,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/incidents/{INCIDENT}/evidence"),
            Need::Editor,
            vec![
                ("assessment", a.clone()),
                ("valid_days", "366".into()),
                ("version:6-1-1-1", "0".into()),
                ("version:6-1-1-5", "0".into()),
            ],
        ),
        ("GET", format!("/o/{o}/cycle"), Need::Member, vec![]),
        (
            "POST",
            format!("/o/{o}/cycle"),
            Need::EditorState,
            vec![("title", " ".into()), ("interval", "12".into())],
        ),
        (
            "POST",
            format!("/o/{o}/cycle/templates"),
            Need::Editor,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/cycle/training"),
            Need::Member,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/cycle/training"),
            Need::EditorState,
            vec![("title", "訓練".into())],
        ),
        (
            "GET",
            format!("/o/{o}/cycle/training/{TRAINING}/evidence"),
            Need::Editor,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/cycle/training/{TRAINING}/evidence"),
            Need::Editor,
            vec![
                ("assessment", a.clone()),
                ("valid_days", "366".into()),
                ("version:4-2-2-1", "0".into()),
                ("version:4-2-2-2", "0".into()),
            ],
        ),
        (
            "GET",
            format!("/o/{o}/cycle/{CYCLE_TASK}"),
            Need::Member,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/cycle/{CYCLE_TASK}"),
            Need::EditorState,
            vec![("rev", "1".into()), ("title", " ".into())],
        ),
        (
            "POST",
            format!("/o/{o}/cycle/{CYCLE_TASK}/checks"),
            Need::EditorState,
            vec![("checked_on", "x".into()), ("outcome", "ok".into())],
        ),
        (
            "POST",
            format!("/o/{o}/cycle/{CYCLE_TASK}/active"),
            Need::Editor,
            vec![("active", "1".into())],
        ),
        (
            "GET",
            format!("/o/{o}/cycle/{CYCLE_TASK}/evidence"),
            Need::Editor,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/cycle/{CYCLE_TASK}/evidence"),
            Need::Editor,
            vec![
                ("assessment", a.clone()),
                ("valid_days", "366".into()),
                ("version:1-2-1-3", "0".into()),
            ],
        ),
        (
            "GET",
            format!("/o/{o}/vulns/{VULN_REPORT}"),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/vulns/{VULN_REPORT}/report.json"),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/vulns/{VULN_REPORT}/evidence"),
            Need::Editor,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/vulns/{VULN_REPORT}/evidence"),
            Need::Editor,
            vec![
                ("assessment", a.clone()),
                ("valid_days", "30".into()),
                ("version:4-4-4-1", "0".into()),
                ("version:4-4-4-2", "0".into()),
            ],
        ),
        (
            "POST",
            format!("/o/{o}/a/{a}/import.xlsx"),
            Need::Editor,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/evidence/{e}/download"),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/a/{a}/export.json"),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/a/{a}/export.xlsx"),
            Need::Member,
            vec![],
        ),
        ("GET", format!("/o/{o}/suppliers"), Need::Member, vec![]),
        (
            "POST",
            format!("/o/{o}/suppliers"),
            Need::Editor,
            vec![
                ("supplier_name", "新規".into()),
                ("corporate_number", "per-actor".into()),
                ("confidential-info", "no".into()),
                ("unacceptable-delay", "no".into()),
                ("system-access", "no".into()),
            ],
        ),
        (
            "GET",
            format!("/o/{o}/suppliers/import"),
            Need::Editor,
            vec![],
        ),
        // Sent with a good CSV file (see below): a preview, nothing registered.
        (
            "POST",
            format!("/o/{o}/suppliers/import"),
            Need::Editor,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/suppliers/import/confirm"),
            Need::EditorState,
            vec![("token", "f".repeat(64))],
        ),
        (
            "GET",
            format!("/o/{o}/suppliers/import/template.csv"),
            Need::Editor,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/suppliers/import/template.xlsx"),
            Need::Editor,
            vec![],
        ),
        ("GET", format!("/o/{o}/suppliers.csv"), Need::Member, vec![]),
        (
            "GET",
            format!("/o/{o}/suppliers.xlsx"),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/suppliers/{}", f.rel),
            Need::Member,
            vec![],
        ),
        // C shares everything with A: A's members may fetch C's linked evidence; nobody may
        // fetch anything else through this route (A's own evidence id is not C's).
        (
            "GET",
            format!(
                "/o/{o}/suppliers/{}/evidence/{}",
                f.rel, f.supplier_evidence
            ),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/suppliers/{}/evidence/{e}", f.rel),
            Need::Nobody,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/suppliers/{}/attestations", f.rel),
            Need::EditorState,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/suppliers/{}/attestations/{ATT}/recheck", f.rel),
            Need::EditorState,
            vec![],
        ),
        (
            "POST",
            // Another id: removing is idempotent, and the stored one must stay for the re-check.
            format!("/o/{o}/suppliers/{}/attestations/{ATT_GONE}/remove", f.rel),
            Need::Editor,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/suppliers/{}/invite", f.rel_open),
            Need::Editor,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/suppliers/{}/edit", f.rel_open),
            Need::Editor,
            vec![("supplier_name", "未承諾の取引先".into())],
        ),
        (
            "POST",
            format!("/o/{o}/suppliers/{}/archive", f.rel_open),
            Need::Editor,
            vec![("action", "restore".into())],
        ),
        (
            "POST",
            format!("/o/{o}/suppliers/{}/cancel-invite", f.rel_open),
            Need::Editor,
            vec![],
        ),
        (
            "GET",
            format!("/supplier-invite/{}", "e".repeat(64)),
            Need::Public,
            vec![],
        ),
        (
            "POST",
            format!("/supplier-invite/{}", "e".repeat(64)),
            Need::Public,
            vec![],
        ),
        ("GET", format!("/o/{o}/buyers"), Need::Member, vec![]),
        (
            "GET",
            format!("/o/{}/buyers", f.supplier),
            Need::Nobody,
            vec![],
        ),
        (
            "POST",
            format!("/o/{}/buyers/{}/share", f.supplier, f.rel),
            Need::Nobody,
            vec![("assessment", a.clone()), ("scope", "status".into())],
        ),
        (
            "POST",
            format!("/o/{}/buyers/{}/revoke", f.supplier, f.rel),
            Need::Nobody,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/a/{}/review/invite", f.reviewed),
            Need::EditorState,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/a/{}/review/submit", f.reviewed),
            Need::EditorState,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/a/{}/review/declare", f.reviewed),
            Need::MemberState,
            vec![("agree", "1".into())],
        ),
        (
            "POST",
            format!("/o/{o}/a/{}/review/declare-recorded", f.reviewed),
            Need::OwnerState,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/a/{}/review/withdraw", f.reviewed),
            Need::EditorState,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/corporate-number"),
            Need::Owner,
            vec![("corporate_number", "1180301018771".into())],
        ),
        (
            "POST",
            format!("/o/{o}/evaluation-body"),
            Need::Owner,
            vec![
                ("accreditation", "評価機関".into()),
                ("registration_number", "EV-1".into()),
            ],
        ),
        (
            "GET",
            format!("/expert-invite/{}", "d".repeat(64)),
            Need::Public,
            vec![],
        ),
        (
            "POST",
            format!("/expert-invite/{}", "d".repeat(64)),
            Need::Public,
            vec![],
        ),
        ("GET", "/reviews".into(), Need::Account, vec![]),
        (
            "GET",
            format!("/reviews/{}", f.reviewed),
            Need::Expert,
            vec![],
        ),
        (
            "POST",
            format!("/reviews/{}", f.reviewed),
            Need::Expert,
            vec![
                ("action", "comment".into()),
                ("criterion", "1-2-1-1".into()),
                ("body", "確認".into()),
            ],
        ),
        (
            "GET",
            format!("/reviews/{}/evidence/{}", f.reviewed, "b".repeat(32)),
            Need::Nobody,
            vec![],
        ),
        (
            "GET",
            "/.well-known/hoshi-keys.json".into(),
            Need::Public,
            vec![],
        ),
        (
            "GET",
            "/.well-known/hoshi-revoked.json".into(),
            Need::Public,
            vec![],
        ),
        ("GET", "/verify".into(), Need::Public, vec![]),
        ("GET", "/register".into(), Need::Public, vec![]),
        ("GET", format!("/register/{ATT}.json"), Need::Public, vec![]),
        (
            "POST",
            format!("/o/{o}/attestations/{ATT}/publish"),
            Need::OwnerState,
            vec![("publish", "1".into())],
        ),
        ("POST", "/verify".into(), Need::Public, vec![]),
        (
            "POST",
            format!("/o/{o}/a/{a}/attest"),
            Need::OwnerState,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/attestations/{ATT}"),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/attestations/{ATT}/result.json"),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/attestations/{ATT}/report.pdf"),
            Need::Member,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/attestations/{ATT}/revoke"),
            Need::OwnerState,
            vec![("reason", "誤記".into())],
        ),
        // Registers (issue 16, part 2).
        ("GET", format!("/o/{o}/registers"), Need::Member, vec![]),
        (
            "GET",
            format!("/o/{o}/registers/partners"),
            Need::Member,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/registers/partners"),
            Need::EditorState,
            vec![("name", "△△運送".into()), ("nda", "yes".into())],
        ),
        (
            "GET",
            format!("/o/{o}/registers/partners/export.csv"),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/registers/partners/export.xlsx"),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/registers/partners/template.csv"),
            Need::Member,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/registers/partners/template.xlsx"),
            Need::Member,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/registers/partners/import"),
            Need::EditorState,
            vec![],
        ),
        (
            "GET",
            format!("/o/{o}/registers/partners/evidence"),
            Need::Editor,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/registers/partners/evidence"),
            Need::Editor,
            vec![
                ("assessment", a.clone()),
                ("valid_days", "366".into()),
                ("version:2-1-2-1", "0".into()),
                ("version:2-1-4-1", "0".into()),
            ],
        ),
        (
            "GET",
            format!("/o/{o}/registers/partners/{REG_ENTRY}"),
            Need::Member,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/registers/partners/{REG_ENTRY}"),
            Need::EditorState,
            vec![
                ("rev", "1".into()),
                ("name", "〇〇精機".into()),
                ("nda", "no".into()),
            ],
        ),
        // A stale revision: refused (422) for editors and owners alike, the entry stays.
        (
            "POST",
            format!("/o/{o}/registers/partners/{REG_ENTRY}/delete"),
            Need::EditorState,
            vec![("rev", "99".into())],
        ),
        // Owners only, and late: the asset is gone afterwards.
        (
            "POST",
            format!("/o/{o}/assets/{ASSET}/delete"),
            Need::Owner,
            vec![],
        ),
        (
            "POST",
            format!("/o/{o}/backups/{BACKUP}/delete"),
            Need::Owner,
            vec![],
        ),
        // Last: it ends the session.
        ("POST", "/logout".into(), Need::Public, vec![]),
    ]
}

fn template_of(path: &str, f: &Fixture) -> String {
    path.replace(&f.org, "{org}")
        .replace(SCAN, "{sid}")
        .replace(SCAN_TARGET, "{tid}")
        .replace(ASSET, "{asset}")
        .replace(REG_ENTRY, "{entry}")
        .replace("/registers/partners", "/registers/{kind}")
        .replace(DOC, "{doc}")
        .replace(VULN_REPORT, "{report}")
        .replace(ACCOUNT_CHECK, "{check}")
        .replace(BACKUP_RUN, "{run}")
        .replace(BACKUP, "{target}")
        .replace(INCIDENT, "{incident}")
        .replace(CYCLE_TASK, "{task}")
        .replace(TRAINING, "{session}")
        .replace(&f.assessment, "{id}")
        .replace(ATT, "{att}")
        .replace(ATT_GONE, "{att}")
        .replace("/register/{att}.json", "/register/{file}")
        .replace(&f.evidence, "{eid}")
        .replace(&f.supplier_evidence, "{eid}")
        .replace(&"0".repeat(64), "{token}")
        .replace(&"f".repeat(64), "{token}")
        .replace(&"a".repeat(32), "{id}")
        .replace("/c/4", "/c/{cat}")
        .replace("/answer/1-2-1-1", "/answer/{crit}")
        .replace("/comments/4-4-4-2", "/comments/{crit}")
        .replace("/answers/4-4-4-2", "/answers/{criterion}")
        .replace("/evidence/4-4-4-1", "/evidence/{crit}")
        .replace(&format!("/members/{}", f.owner_id), "/members/{user}")
        .replace(
            &format!("/admin/users/{}", f.owner_id),
            "/admin/users/{user}",
        )
        .replace(&f.supplier, "{org}")
        .replace(&f.rel_open, "{rel}")
        .replace(&f.rel, "{rel}")
        .replace(&"e".repeat(64), "{token}")
        .replace(&"d".repeat(64), "{token}")
        .replace(
            &format!("/reviews/{}/evidence/{}", f.reviewed, "b".repeat(32)),
            "/reviews/{aid}/evidence/{eid}",
        )
        .replace(&format!("/reviews/{}", f.reviewed), "/reviews/{aid}")
        .replace(&f.reviewed, "{id}")
}

/// Whether the access a route declares fits what the matrix expects of it. `Nobody` is a member
/// route asked of an organisation none of the clients belongs to.
fn agrees(access: hoshi_web::Access, need: Need) -> bool {
    use hoshi_store::orgs::Role;
    use hoshi_web::Access as A;
    match access {
        A::Public | A::Link => matches!(need, Need::Public),
        // The API without a token: every browser client is refused alike.
        A::Token => matches!(need, Need::Public),
        A::Password => matches!(need, Need::Account),
        // Token creation names its organisation in the form.
        A::Account => matches!(need, Need::Account | Need::Member),
        A::Member(Role::Viewer) => matches!(need, Need::Member | Need::MemberState | Need::Nobody),
        A::Member(Role::Editor) => matches!(need, Need::Editor | Need::EditorState | Need::Nobody),
        A::Member(Role::Owner) => matches!(need, Need::Owner | Need::OwnerState | Need::Nobody),
        A::Reviewer => matches!(need, Need::Expert | Need::Nobody),
        A::Admin => matches!(need, Need::Admin | Need::AdminState),
    }
}

#[tokio::test]
async fn every_route_for_every_role() {
    let mut f = fixture().await;
    // Every route of the router is in the matrix, and the matrix expects what the route table
    // declares for it.
    let declared = hoshi_web::route_table();
    let mut in_router: Vec<(String, String)> = declared
        .iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    in_router.sort();
    let table = routes(&f);
    let mut in_matrix: Vec<(String, String)> = table
        .iter()
        .map(|(m, p, _, _)| (m.to_string(), template_of(p, &f)))
        .collect();
    in_matrix.sort();
    in_matrix.dedup();
    assert_eq!(
        in_matrix, in_router,
        "the matrix lists exactly the router's routes"
    );
    for (method, path, need, _) in &table {
        let template = template_of(path, &f);
        let access = declared
            .iter()
            .find(|r| r.method == *method && r.path == template)
            .map(|r| r.access)
            .unwrap();
        assert!(
            agrees(access, *need),
            "{method} {template}: declared {access:?}, the matrix expects {need:?}"
        );
    }

    let scs = hoshi_catalog::Registry::bundled()
        .unwrap()
        .get("scs")
        .unwrap()
        .clone();
    let workbook = hoshi_xlsx::export(
        &scs,
        &hoshi_core::Assessment::new(&scs, 3),
        hoshi_core::Lang::Ja,
    )
    .unwrap();
    let suppliers = format!(
        "取引先名,法人番号,confidential-info,unacceptable-delay,system-access\n一括工業,{},no,no,no\n",
        corporate_number(200)
    );
    let mut checked = 0;
    for (who_ref, client) in f.clients.iter_mut() {
        let who = *who_ref;
        let csrf = match who {
            Who::Anonymous => String::new(),
            _ => client.get("/account").await.csrf(),
        };
        for (method, path, need, fields) in &table {
            let mut form: Vec<(&str, &str)> = vec![("_csrf", csrf.as_str())];
            let number = corporate_number(who as u8 + 1);
            form.extend(fields.iter().map(|(k, v)| {
                (
                    *k,
                    if v == "per-actor" {
                        number.as_str()
                    } else {
                        v.as_str()
                    },
                )
            }));
            let r = match *method {
                "GET" => client.get(path).await,
                "POST" if path.ends_with("/evidence/4-4-4-1") => {
                    client.post_multipart(path, &form, &[]).await
                }
                "POST" if path.ends_with("/attestations") => {
                    client.post_multipart(path, &form, &[]).await
                }
                "POST" if path.ends_with("/suppliers/import") => {
                    client
                        .post_multipart(path, &form, &[("file", "a.csv", suppliers.as_bytes())])
                        .await
                }
                "POST" if path.ends_with("/mail/file") => {
                    client.post_multipart(path, &form, &[]).await
                }
                "POST" if path.ends_with("/accounts") => {
                    client
                        .post_multipart(
                            path,
                            &form,
                            &[(
                                "file",
                                "u.csv",
                                b"User principal name,Block credential\nx@example.jp,False\n",
                            )],
                        )
                        .await
                }
                "POST" if path.ends_with("/registers/partners/import") => {
                    let register = "取引先名,秘密保持契約\n△△運送,あり\n";
                    client
                        .post_multipart(path, &form, &[("file", "p.csv", register.as_bytes())])
                        .await
                }
                "POST" if path.ends_with("/assets/import") => {
                    let register = "管理番号,種別,名称\nPC-1,PC,経理 PC\n";
                    client
                        .post_multipart(path, &form, &[("file", "a.csv", register.as_bytes())])
                        .await
                }
                "POST" if path.ends_with("/software") => {
                    client
                        .post_multipart(path, &form, &[("file", "p.txt", b"bash\t5.2.15-2\n")])
                        .await
                }
                "POST" if path.ends_with("/import.xlsx") => {
                    client
                        .post_multipart(path, &form, &[("file", "a.xlsx", &workbook)])
                        .await
                }
                "POST" => client.post(path, &form).await,
                _ => {
                    // API methods other than GET/POST: no token, so always 401.
                    let resp = client.post(path, &[]).await;
                    assert_ne!(resp.status, StatusCode::OK);
                    continue;
                }
            };
            checked += 1;
            let s = r.status;
            assert_ne!(
                s,
                StatusCode::INTERNAL_SERVER_ERROR,
                "{who:?} {method} {path}: 500\n{}",
                r.body
            );
            let allowed = match (need, who) {
                (Need::Public, _) => true,
                (Need::Account, Who::Anonymous) => false,
                (Need::Account, _) => true,
                (Need::Member, Who::Viewer | Who::Editor | Who::Owner) => true,
                (Need::Editor, Who::Editor | Who::Owner) => true,
                (Need::Owner, Who::Owner) => true,
                (Need::Nobody, _) => false,
                (Need::Expert, Who::Expert) => true,
                (Need::EditorState, Who::Editor | Who::Owner) => true,
                (Need::OwnerState, Who::Owner) => true,
                (Need::MemberState, Who::Viewer | Who::Editor | Who::Owner) => true,
                (Need::Admin | Need::AdminState, Who::Owner) => true,
                _ => false,
            };
            let secret_leaked = r.body.contains(SECRET_ORG)
                || r.body.contains(SECRET_TITLE)
                || r.body.contains("社外秘の証跡")
                || r.body.contains("サプライヤーの社外秘評価");
            // The expert may see the organisation's name and the assessment's title on its own
            // review pages and in the list of its reviews (also on its home page), nothing else.
            let expert_own_page = who == Who::Expert
                && (matches!(need, Need::Expert) || path == "/reviews" || path == "/");
            if !matches!(who, Who::Viewer | Who::Editor | Who::Owner) && !expert_own_page {
                assert!(
                    !secret_leaked,
                    "{who:?} {method} {path}: organisation A's data leaked ({s})"
                );
            }
            if !allowed {
                let refused = match who {
                    Who::Anonymous => {
                        s == StatusCode::SEE_OTHER && r.location() == "/login"
                            || s == StatusCode::FORBIDDEN
                            || s == StatusCode::UNAUTHORIZED
                    }
                    Who::Outsider | Who::Expert => {
                        s == StatusCode::NOT_FOUND || s == StatusCode::FORBIDDEN
                    }
                    // Members of A asking for the expert's pages: not theirs.
                    _ if matches!(need, Need::Expert) => s == StatusCode::NOT_FOUND,
                    // Administration is not revealed to anyone else.
                    _ if matches!(need, Need::Admin | Need::AdminState) => {
                        s == StatusCode::NOT_FOUND
                    }
                    // Members of A asking for organisation C's pages: C's existence is not revealed.
                    _ if matches!(need, Need::Nobody) => s == StatusCode::NOT_FOUND,
                    _ => s == StatusCode::FORBIDDEN,
                };
                assert!(
                    refused,
                    "{who:?} {method} {path}: expected a refusal, got {s} → {}\n{}",
                    r.location(),
                    &r.body[..r.body.len().min(400)]
                );
            } else if matches!(
                need,
                Need::EditorState | Need::OwnerState | Need::MemberState | Need::AdminState
            ) {
                let passed = s.is_success()
                    || s.is_redirection()
                    || s == StatusCode::BAD_REQUEST
                    || s == StatusCode::UNPROCESSABLE_ENTITY;
                assert!(
                    passed,
                    "{who:?} {method} {path}: expected success or a state refusal, got {s}"
                );
            } else if matches!(
                need,
                Need::Member | Need::Editor | Need::Owner | Need::Expert | Need::Admin
            ) {
                // A conflict means the request passed authorisation (another role saved first).
                let passed = s.is_success() || s.is_redirection() || s == StatusCode::CONFLICT;
                assert!(
                    passed,
                    "{who:?} {method} {path}: expected success, got {s}\n{}",
                    &r.body[..r.body.len().min(600)]
                );
            }
        }
    }
    assert!(checked >= 5 * 40, "checked {checked} requests");
    let _ = &f.app;
}

/// Handlers read an organisation's data only through a scope a check gave them (membership, the
/// review they are assigned to, a supplier's share); the operator's scope is for background jobs
/// and demo data, never for a request.
#[test]
fn handlers_never_take_the_operators_scope() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    assert!(files.len() > 40, "the scan found the sources");
    let offenders: Vec<String> = files
        .iter()
        .filter(|p| !p.starts_with(src.join("jobs")) && !p.starts_with(src.join("server")))
        .filter(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .contains("OrgScope::operator")
        })
        .map(|p| p.display().to_string())
        .collect();
    assert!(offenders.is_empty(), "{offenders:?}");
}
