//! `hoshi accounts check` as an administrator runs it on the hand-written exports of
//! crates/hoshi-accounts/tests/data (real column layouts, invented people): Microsoft 365 users
//! joined with Entra ID registration details, an Active Directory export, a malformed file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn hoshi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hoshi"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("HOSHI_LANG")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("run hoshi")
}

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../hoshi-accounts/tests/data")
        .join(name)
}

#[test]
fn cloud_accounts_without_mfa_come_first_and_fail_the_run() {
    let users = data("m365_active_users.csv");
    let reg = data("entra_registration.csv");
    let o = hoshi(&[
        "accounts",
        "check",
        "--today",
        "2026-12-02",
        users.to_str().unwrap(),
        reg.to_str().unwrap(),
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    let first = out
        .find("[緊急] 多要素認証のない管理者")
        .expect("admin without MFA");
    assert!(
        out.find("[中]").is_none_or(|m| first < m),
        "worst first: {out}"
    );
    assert!(out.contains("4-1-3-2: 未実施"), "{out}");

    let o = hoshi(&[
        "accounts",
        "check",
        "--format",
        "json",
        "--today",
        "2026-12-02",
        users.to_str().unwrap(),
        reg.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["format"], 1);
    assert_eq!(v["findings"][0]["check"], "admin_no_mfa");
    assert_eq!(v["findings"][0]["criteria"][0], "4-1-3-2");
}

#[test]
fn an_ad_export_without_serious_findings_passes_and_a_bad_one_names_its_rows() {
    let ad = data("ad_users_en.csv");
    let o = hoshi(&[
        "--lang",
        "en",
        "accounts",
        "check",
        "--today",
        "2026-12-02",
        ad.to_str().unwrap(),
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("[medium] Account unused for a long time"),
        "{out}"
    );
    assert!(out.contains("4-1-1-3: not met"), "{out}");

    let bad = data("malformed_ad_bad_values.csv");
    let o = hoshi(&["accounts", "check", bad.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(err.contains("2 行目の列「LastLogonDate」"), "{err}");
    assert!(err.contains("5 行目の列「SamAccountName」"), "{err}");
}

#[test]
fn an_html_page_with_the_sign_in_log_and_a_log_alone_refused() {
    let users = data("m365_active_users.csv");
    let nov = data("entra_sign_ins_2026-11.csv");
    let aug = data("entra_sign_ins_2026-08.csv");
    let args = |lang: &'static str| {
        vec![
            "--lang".to_string(),
            lang.to_string(),
            "accounts".into(),
            "check".into(),
            "--format".into(),
            "html".into(),
            "--today".into(),
            "2026-12-01".into(),
            users.to_str().unwrap().into(),
            nov.to_str().unwrap().into(),
            aug.to_str().unwrap().into(),
        ]
    };
    let ja: Vec<String> = args("ja");
    let o = hoshi(&ja.iter().map(String::as_str).collect::<Vec<_>>());
    let page = String::from_utf8_lossy(&o.stdout);
    // No MFA data without the registration details: nothing critical or high.
    assert_eq!(o.status.code(), Some(0), "{page}");
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"),
        "{page}"
    );
    assert!(page.trim_end().ends_with("</html>"));
    assert!(!page.contains("<script") && !page.contains("<link") && !page.contains("src="));
    for s in [
        "<code>entra_sign_ins_2026-11.csv</code> — Entra ID のサインイン ログ（ユーザー 5 人、2026-11-01 〜 2026-11-30）",
        "<th>アカウント</th><td class=\"n\">6</td>",
        "長く使われていないアカウント（1 件）",
        "最後のサインインから 120 日",
        "サインイン ログに現れないアカウント",
        "<code>4-1-1-3</code>",
    ] {
        assert!(page.contains(s), "{s}\n{page}");
    }
    let en: Vec<String> = args("en");
    let o = hoshi(&en.iter().map(String::as_str).collect::<Vec<_>>());
    let page = String::from_utf8_lossy(&o.stdout);
    assert!(page.contains("<html lang=\"en\">"));
    assert!(page.contains("120 days since the last sign-in"), "{page}");

    // The log alone cannot show unused accounts: refused, and said why.
    let o = hoshi(&["accounts", "check", nov.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(o.stdout.is_empty());
    assert!(
        err.contains("サインイン ログだけでは確認できません。"),
        "{err}"
    );
}
