//! `hoshi backup verify` on real restic repositories made here with the `restic` program: a
//! healthy one passes with its restore test, a wrong password and a deleted pack are named.
//! Without restic the test skips with a notice, unless `HOSHI_RESTIC=required` (as CI sets it).

use std::path::Path;
use std::process::{Command, Output};

fn restic_here() -> bool {
    match Command::new("restic").arg("version").output() {
        Ok(o) if o.status.success() => true,
        other => {
            assert!(
                std::env::var("HOSHI_RESTIC").as_deref() != Ok("required"),
                "HOSHI_RESTIC=required but restic cannot run: {other:?}"
            );
            eprintln!("SKIPPED: restic is not installed here (apt-get install restic)");
            false
        }
    }
}

fn restic(repo: &Path, pw: &Path, args: &[&str]) {
    let o = Command::new("restic")
        .arg("-r")
        .arg(repo)
        .arg("--password-file")
        .arg(pw)
        .args(args)
        .env_remove("RESTIC_PASSWORD")
        .env_remove("RESTIC_REPOSITORY")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn hoshi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hoshi"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("HOSHI_LANG")
        .env_remove("RESTIC_PASSWORD")
        .env("LANG", "C.UTF-8")
        .output()
        .expect("run hoshi")
}

#[test]
fn a_healthy_repository_passes_and_damage_is_named() {
    if !restic_here() {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("data");
    std::fs::create_dir(&data).unwrap();
    for i in 0..3u8 {
        let bytes: Vec<u8> = (0..150_000u32)
            .map(|n| (n as u8) ^ i.wrapping_mul(37))
            .collect();
        std::fs::write(data.join(format!("見積書-{i}.bin")), bytes).unwrap();
    }
    let pw = d.path().join("pw");
    std::fs::write(&pw, "kura-no-kagi-2026\n").unwrap();
    let repo = d.path().join("repo");
    restic(&repo, &pw, &["init", "-q"]);
    restic(&repo, &pw, &["backup", "-q", data.to_str().unwrap()]);

    let o = hoshi(&[
        "backup",
        "verify",
        repo.to_str().unwrap(),
        "--password-file",
        pw.to_str().unwrap(),
        "--path",
        data.to_str().unwrap(),
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        out.contains("復元テスト: 3 件中 3 件（450000 バイト）"),
        "{out}"
    );
    assert!(out.contains("[4-3-4-3] 復元テストに成功しました"), "{out}");

    let o = hoshi(&[
        "backup",
        "verify",
        "--format",
        "json",
        repo.to_str().unwrap(),
        "--password-file",
        pw.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["restore"]["verified_files"], 3);

    let wrong = d.path().join("wrong");
    std::fs::write(&wrong, "nusubito\n").unwrap();
    let o = hoshi(&[
        "backup",
        "verify",
        repo.to_str().unwrap(),
        "--password-file",
        wrong.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("パスワードが正しくありません"));

    // A pack file gone (a disk failure, a ransomware deletion): the run fails and says so.
    let pack = walk(&repo.join("data")).into_iter().next().expect("a pack");
    std::fs::remove_file(pack).unwrap();
    let o = hoshi(&[
        "backup",
        "verify",
        repo.to_str().unwrap(),
        "--password-file",
        pw.to_str().unwrap(),
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("構造チェック 問題あり"), "{out}");
}

#[test]
fn the_html_page_records_the_restore_test() {
    if !restic_here() {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("共有");
    std::fs::create_dir(&data).unwrap();
    // A file name is whatever someone chose: it must come out escaped.
    std::fs::write(
        data.join("<b>見積&控え.txt"),
        "お見積りの控え\n".repeat(1000),
    )
    .unwrap();
    std::fs::write(data.join("議事録.txt"), "議事録\n".repeat(5000)).unwrap();
    let pw = d.path().join("pw");
    std::fs::write(&pw, "kura-no-kagi-2026\n").unwrap();
    let repo = d.path().join("repo");
    restic(&repo, &pw, &["init", "-q"]);
    restic(&repo, &pw, &["backup", "-q", data.to_str().unwrap()]);

    for lang in ["ja", "en"] {
        let o = hoshi(&[
            "--lang",
            lang,
            "backup",
            "verify",
            repo.to_str().unwrap(),
            "--password-file",
            pw.to_str().unwrap(),
            "--path",
            data.to_str().unwrap(),
            "--format",
            "html",
        ]);
        let page = String::from_utf8_lossy(&o.stdout);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{page}{}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(page.starts_with(&format!("<!DOCTYPE html>\n<html lang=\"{lang}\">")));
        assert!(page.trim_end().ends_with("</html>"));
        assert!(!page.contains("<script") && !page.contains("<link") && !page.contains("src="));
        assert!(!page.contains("<b>見積"), "escaped: {page}");
        assert!(page.contains("&lt;b&gt;見積&amp;控え.txt"), "{page}");
        assert!(page.contains("<dd>0.1"), "restic version: {page}");
        let bytes = ("お見積りの控え\n".len() * 1000 + "議事録\n".len() * 5000).to_string();
        assert!(page.contains(&bytes), "{bytes} bytes restored: {page}");
        assert!(page.contains("<code>4-3-4-3</code>"), "{page}");
        if lang == "ja" {
            assert!(page.contains("問題は見つかりませんでした。"), "{page}");
            assert!(
                page.contains("<dt>復元したファイル</dt><dd>2</dd>"),
                "{page}"
            );
            assert!(page.contains("復元テストに成功しました"), "{page}");
        } else {
            assert!(page.contains("No problem was found."), "{page}");
            assert!(page.contains("<dt>Files restored</dt><dd>2</dd>"), "{page}");
            assert!(page.contains("The restore test succeeded"), "{page}");
        }
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}
