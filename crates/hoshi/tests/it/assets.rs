//! `hoshi assets` as a user runs it: the template written in both formats and read back as a
//! register, a filled-in file checked (support ends, what cannot be checked, exit status), a bad
//! file named by row.

use std::process::{Command, Output};

fn hoshi(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hoshi"))
        .args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("HOSHI_LANG")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("run hoshi")
}

#[test]
fn template_fill_in_and_check() {
    let d = tempfile::tempdir().unwrap();
    let o = hoshi(d.path(), &["assets", "template", "-o", "台帳.xlsx"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let xlsx = std::fs::read(d.path().join("台帳.xlsx")).unwrap();
    assert!(hoshi_xlsx::register::looks_like_register(&xlsx));
    // Not overwritten without --force.
    let o = hoshi(d.path(), &["assets", "template", "-o", "台帳.xlsx"]);
    assert!(!o.status.success());
    let o = hoshi(
        d.path(),
        &[
            "--lang",
            "en",
            "assets",
            "template",
            "--format",
            "csv",
            "-o",
            "assets.csv",
        ],
    );
    assert!(o.status.success());
    let csv = std::fs::read_to_string(d.path().join("assets.csv")).unwrap();
    assert!(
        csv.starts_with("\u{feff}Asset number,Kind,Name,Maker,Model"),
        "{csv}"
    );

    std::fs::write(
        d.path().join("filled.csv"),
        format!(
            "{}NW-1,Network device,Head-office VPN,Fortinet,,FortiOS,7.2.5,,,,,,\r\n\
             PC-1,PC,Accounting PC,NEC,,Windows 10 Pro,22H2,,,,,2025-10-14,\r\n",
            csv.trim_start_matches('\u{feff}')
        ),
    )
    .unwrap();
    let o = hoshi(
        d.path(),
        &[
            "--lang",
            "en",
            "assets",
            "check",
            "--today",
            "2026-12-02",
            "filled.csv",
        ],
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "past support: {out}");
    assert!(
        out.contains("2 assets read (PC 1, Network device 1)"),
        "{out}"
    );
    assert!(
        out.contains("row 3 PC-1 Accounting PC: past its support (2025-10-14)"),
        "{out}"
    );
    assert!(
        out.contains("cannot be checked for vulnerabilities"),
        "{out}"
    );
    assert!(out.ends_with("assets without a support end: 1\n"), "{out}");
    // Before the support end: nothing past it, exit 0.
    let o = hoshi(
        d.path(),
        &["assets", "check", "--today", "2025-10-14", "filled.csv"],
    );
    assert_eq!(o.status.code(), Some(0));

    std::fs::write(
        d.path().join("bad.csv"),
        "管理番号,種別,名称,サポート終了日\nPC-1,PC,経理,2027-02-30\nPC-2,PC,総務,\nPC-2,PC,重複,\n",
    )
    .unwrap();
    let o = hoshi(d.path(), &["assets", "check", "bad.csv"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(err.contains("bad.csv: 2 行目（サポート終了日）"), "{err}");
    assert!(
        err.contains("bad.csv: 4 行目（管理番号）: 管理番号「PC-2」が 3 行目にもあります"),
        "{err}"
    );
}
