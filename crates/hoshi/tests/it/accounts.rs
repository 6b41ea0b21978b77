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
