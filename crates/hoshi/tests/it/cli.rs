//! The `hoshi` binary, run as a user would.

use hoshi_store::db::testing::RawWrite as _;
use std::path::Path;
use std::process::{Command, Output};

fn hoshi(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hoshi"))
        .args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("HOSHI_LANG")
        .env("LANG", "C.UTF-8")
        .env("HOSHI_DATA", dir.join("data"))
        .output()
        .expect("run hoshi")
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status,
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn fails(o: &Output) -> String {
    assert!(
        !o.status.success(),
        "expected failure, got success:\n{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert_eq!(o.status.code(), Some(1), "exit code");
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn catalog_show_lists_the_81_criteria_in_japanese() {
    let d = tempfile::tempdir().unwrap();
    let out = ok(&hoshi(
        d.path(),
        &["catalog", "show", "scs", "--level", "3"],
    ));
    assert!(
        out.contains("★3 の範囲: 要求事項 26 件・評価基準 81 件"),
        "{out}"
    );
    assert!(out.contains("■ 4 攻撃等の防御"));
    let json = ok(&hoshi(
        d.path(),
        &["catalog", "show", "scs", "--level", "3", "--format", "json"],
    ));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["criteria"].as_array().unwrap().len(), 81);
    let en = ok(&hoshi(
        d.path(),
        &["--lang", "en", "catalog", "show", "scs", "--level", "3"],
    ));
    assert!(
        en.contains("Scope ★3: 26 requirements, 81 criteria"),
        "{en}"
    );
}

#[test]
fn english_locale_selects_english() {
    let d = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_hoshi"))
        .args(["catalog", "list"])
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("HOSHI_LANG")
        .env("HOSHI_DATA", d.path())
        .output()
        .unwrap();
    assert!(ok(&o).contains("bundled (hoshi's wording)"));
}

#[test]
fn answer_file_to_report_in_every_format() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    ok(&hoshi(
        p,
        &[
            "assess",
            "new",
            "--catalog",
            "scs",
            "--level",
            "3",
            "-o",
            "answers.yaml",
        ],
    ));
    // Refuses to overwrite a file the user may have filled in.
    let err = fails(&hoshi(p, &["assess", "new", "-o", "answers.yaml"]));
    assert!(err.contains("already exists"), "{err}");

    // Everything met except two: one exposed-device patch gap, one governance gap.
    let text = std::fs::read_to_string(p.join("answers.yaml")).unwrap();
    let text = text
        .replace("status: unanswered", "status: met")
        .replacen("\"4-4-4-2\":\n    status: met", "\"4-4-4-2\":\n    status: not-met", 1)
        .replacen("\"1-3-1-3\":\n    status: met", "\"1-3-1-3\":\n    status: partial", 1)
        .replacen("\"7-1-1-1\":\n    status: met\n    reason: \"\"", "\"7-1-1-1\":\n    status: not-applicable\n    reason: \"事業継続上重要なシステムがありません\"", 1);
    std::fs::write(p.join("answers.yaml"), text).unwrap();

    let txt = ok(&hoshi(p, &["assess", "report", "answers.yaml"]));
    assert!(txt.contains("残り 2 件"), "{txt}");
    let gaps = txt.split("優先度順のギャップ").nth(1).unwrap();
    let first = gaps.find("4-4-4-2").unwrap();
    let second = gaps.find("1-3-1-3").unwrap();
    assert!(
        first < second,
        "the patching gap comes before the governance gap"
    );

    let json = ok(&hoshi(
        p,
        &["assess", "report", "answers.yaml", "--format", "json"],
    ));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["target_reached"], false);
    assert_eq!(v["gaps"][0]["criterion"], "4-4-4-2");
    assert_eq!(v["gaps"][1]["criterion"], "1-3-1-3");
    assert!(
        v["gaps"][0]["guidance"].as_str().unwrap().contains("14"),
        "gaps say how to close them"
    );
    assert!(!v["gaps"][0]["evidence"].as_array().unwrap().is_empty());
    assert_eq!(v["overall"]["not_applicable"], 1);
    assert_eq!(v["categories"].as_array().unwrap().len(), 7);

    let md = ok(&hoshi(
        p,
        &["assess", "report", "answers.yaml", "--format", "md"],
    ));
    assert!(md.starts_with("# hoshi 自己評価レポート"));
    assert!(md.contains("| 4 攻撃等の防御 |"));

    ok(&hoshi(
        p,
        &[
            "assess",
            "report",
            "answers.yaml",
            "--format",
            "html",
            "-o",
            "r.html",
        ],
    ));
    let html = std::fs::read_to_string(p.join("r.html")).unwrap();
    assert!(
        html.contains("<html lang=\"ja\">")
            && html.contains("<svg")
            && html.contains("id=\"gap-4-4-4-2\"")
    );
    assert!(!html.contains("<script"));

    // Meeting the last two reaches the level.
    let text = std::fs::read_to_string(p.join("answers.yaml"))
        .unwrap()
        .replace("status: not-met", "status: met")
        .replace("status: partial", "status: met");
    std::fs::write(p.join("answers.yaml"), text).unwrap();
    let json = ok(&hoshi(
        p,
        &["assess", "report", "answers.yaml", "--format", "json"],
    ));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["target_reached"], true);
    assert_eq!(v["gaps"].as_array().unwrap().len(), 0);
}

#[test]
fn bad_answer_files_get_clear_messages() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    std::fs::write(p.join("bad.yaml"), "format: hoshi-answers/1\ncatalog: scs\nedition: \"2026-03-27\"\nlevel: 3\nanswers:\n  4-4-4-2: {status: maybe}\n").unwrap();
    let err = fails(&hoshi(p, &["assess", "report", "bad.yaml"]));
    assert!(
        err.contains("bad.yaml:6:3: 4-4-4-2: unknown status `maybe`"),
        "{err}"
    );
    std::fs::write(p.join("bin.yaml"), [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let err = fails(&hoshi(p, &["assess", "report", "bin.yaml"]));
    assert!(err.contains("not valid UTF-8"), "{err}");
    let err = fails(&hoshi(p, &["assess", "report", "missing.yaml"]));
    assert!(err.contains("cannot open missing.yaml"), "{err}");
    let err = fails(&hoshi(
        p,
        &["assess", "new", "--catalog", "nope", "-o", "x.yaml"],
    ));
    assert!(
        err.contains("nope") && err.contains("scs@2026-03-27"),
        "{err}"
    );
    // ★4 needs the official criteria.
    let err = fails(&hoshi(
        p,
        &[
            "assess",
            "new",
            "--catalog",
            "scs",
            "--level",
            "4",
            "-o",
            "x.yaml",
        ],
    ));
    assert!(err.contains("import-ipa"), "{err}");
    assert!(!p.join("x.yaml").exists(), "nothing half-written");
}

#[test]
fn level_decision_tree_from_flags() {
    let d = tempfile::tempdir().unwrap();
    let out = ok(&hoshi(
        d.path(),
        &[
            "level",
            "--confidential-info",
            "no",
            "--unacceptable-delay",
            "yes",
            "--system-access",
            "no",
        ],
    ));
    assert!(out.starts_with("求めるレベル: ★4"), "{out}");
    assert!(out.contains("許容できない遅れ"));
    let json = ok(&hoshi(
        d.path(),
        &[
            "level",
            "--confidential-info",
            "no",
            "--unacceptable-delay",
            "no",
            "--system-access",
            "no",
            "--format",
            "json",
        ],
    ));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["level"], 3);
    assert_eq!(v["reasons"].as_array().unwrap().len(), 3);
    // Without a terminal, missing answers are an error, not a silent default.
    let err = fails(&hoshi(d.path(), &["level", "--confidential-info", "no"]));
    assert!(
        err.contains("--unacceptable-delay") && err.contains("--system-access"),
        "{err}"
    );
}

#[test]
fn help_has_examples() {
    let d = tempfile::tempdir().unwrap();
    for args in [
        &["--help"][..],
        &["catalog", "show", "--help"],
        &["assess", "report", "--help"],
        &["level", "--help"],
    ] {
        let out = ok(&hoshi(d.path(), args));
        assert!(out.contains("例:\n  hoshi "), "{args:?}: {out}");
        let en = ok(&hoshi(d.path(), &[&["--lang", "en"], args].concat()));
        assert!(en.contains("Example"), "{args:?}: {en}");
    }
}

#[test]
fn official_workbook_import_enables_star4() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    let reg = hoshi_catalog::Registry::bundled().unwrap();
    let ids: Vec<String> = reg
        .get("scs")
        .unwrap()
        .criteria_for_level(3)
        .map(|c| c.id.clone())
        .collect();
    let rows = hoshi_xlsx::fixture::edition_rows(&ids);
    std::fs::write(
        p.join("official.xlsx"),
        hoshi_xlsx::fixture::workbook(&rows, &Default::default()),
    )
    .unwrap();

    let out = ok(&hoshi(p, &["catalog", "import-ipa", "official.xlsx"]));
    assert!(out.contains("★3 81 件 + ★4 で追加 72 件 = 153 件"), "{out}");
    assert!(out.contains("sha256: "), "{out}");
    // Importing the same file again changes nothing.
    assert!(ok(&hoshi(p, &["catalog", "import-ipa", "official.xlsx"])).contains("取り込み済み"));
    let list = ok(&hoshi(p, &["catalog", "list"]));
    assert!(
        list.contains("scs-ipa@2026-03-27") && list.contains("取り込み（公式の文言）"),
        "{list}"
    );

    ok(&hoshi(
        p,
        &[
            "assess",
            "new",
            "--catalog",
            "scs-ipa",
            "--level",
            "4",
            "-o",
            "a4.yaml",
        ],
    ));
    let json = ok(&hoshi(
        p,
        &["assess", "report", "a4.yaml", "--format", "json"],
    ));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["overall"]["total"], 153);

    // Answers made against the bundled catalog compare with the official one by ID.
    ok(&hoshi(p, &["assess", "new", "-o", "a3.yaml"]));
    let cmp = ok(&hoshi(
        p,
        &[
            "assess",
            "compare",
            "a3.yaml",
            "--to",
            "scs-ipa",
            "-o",
            "a3-ipa.yaml",
        ],
    ));
    assert!(cmp.contains("scs@2026-03-27 → scs-ipa@2026-03-27"), "{cmp}");
    ok(&hoshi(p, &["assess", "report", "a3-ipa.yaml"]));

    // A broken workbook: clear error, nothing stored.
    std::fs::write(p.join("broken.xlsx"), b"PK\x03\x04 truncated").unwrap();
    let err = fails(&hoshi(
        p,
        &["catalog", "import-ipa", "broken.xlsx", "--id", "other"],
    ));
    assert!(err.contains("broken.xlsx"), "{err}");
    assert!(err.contains("壊れている"), "in the CLI's language: {err}");
    assert!(!p.join("data/catalogs/other-2026-03-27.toml").exists());
}

#[test]
fn excel_round_trip_through_the_cli() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    ok(&hoshi(
        p,
        &[
            "assess",
            "new",
            "--organisation",
            "株式会社サンプル",
            "-o",
            "a.yaml",
        ],
    ));
    let text = std::fs::read_to_string(p.join("a.yaml")).unwrap().replacen(
        "\"4-4-4-2\":\n    status: unanswered",
        "\"4-4-4-2\":\n    status: not-met",
        1,
    );
    std::fs::write(p.join("a.yaml"), text).unwrap();
    ok(&hoshi(p, &["assess", "export-xlsx", "a.yaml", "a.xlsx"]));
    let err = fails(&hoshi(p, &["assess", "export-xlsx", "a.yaml", "a.xlsx"]));
    assert!(err.contains("already exists"));
    ok(&hoshi(
        p,
        &["assess", "import-xlsx", "a.xlsx", "-o", "back.yaml"],
    ));
    let back = std::fs::read_to_string(p.join("back.yaml")).unwrap();
    assert!(back.contains("organisation: \"株式会社サンプル\""));
    assert!(back.contains("\"4-4-4-2\":\n    status: not-met"), "{back}");
    let v: serde_json::Value = serde_json::from_str(&ok(&hoshi(
        p,
        &["assess", "report", "back.yaml", "--format", "json"],
    )))
    .unwrap();
    assert_eq!(v["overall"]["not_met"], 1);

    // Not a workbook: a clear message and exit 1.
    std::fs::write(p.join("notes.xlsx"), "これは表計算ファイルではありません").unwrap();
    let err = fails(&hoshi(
        p,
        &["assess", "import-xlsx", "notes.xlsx", "-o", "x.yaml"],
    ));
    assert!(err.contains("not an .xlsx workbook"), "{err}");
    assert!(!p.join("x.yaml").exists());
}

/// In a terminal, `hoshi level` asks the questions (run under `script`, which provides a pty).
#[test]
fn level_asks_in_a_terminal() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: `script` (util-linux) is not installed");
        return;
    }
    use std::io::Write;
    let mut child = Command::new("script")
        .args([
            "-qec",
            &format!("{} level", env!("CARGO_BIN_EXE_hoshi")),
            "/dev/null",
        ])
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("HOSHI_LANG")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("たぶん\nいいえ\nいいえ\nはい\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("「はい」か「いいえ」"),
        "an unclear answer is asked again: {text}"
    );
    assert!(text.contains("求めるレベル: ★4"), "{text}");
    assert!(
        text.contains("[はい] 取引先の環境から社内システムに接続できるため"),
        "{text}"
    );
}

#[test]
fn audit_verify_passes_then_names_an_edited_entry() {
    let d = tempfile::tempdir().unwrap();
    let data = d.path().join("data");
    {
        let store = hoshi_store::Store::open(&data).unwrap();
        store
            .write(|tx| {
                let u = hoshi_store::users::create(
                    tx,
                    1,
                    None,
                    hoshi_store::users::NewUser {
                        email: "a@example.jp",
                        display_name: "a",
                        password_hash: "x",
                        is_admin: false,
                        lang: "ja",
                    },
                )?;
                hoshi_store::orgs::create(tx, 2, &u.id, "株式会社A")?;
                hoshi_store::orgs::create(tx, 3, &u.id, "株式会社B")?;
                Ok(())
            })
            .unwrap();
    }
    let out = ok(&hoshi(d.path(), &["audit", "verify"]));
    assert!(out.contains("改ざんされていません（3 件"), "{out}");
    // The head as the server logs it: still there; a later number the chain does not reach is
    // reported as lost entries; a malformed value is refused with the expected form.
    let head = &out.split("先頭ハッシュ ").nth(1).expect("head shown")[..64];
    ok(&hoshi(
        d.path(),
        &["audit", "verify", "--recorded", &format!("3:{head}")],
    ));
    let err = fails(&hoshi(
        d.path(),
        &["audit", "verify", "--recorded", &format!("5:{head}")],
    ));
    assert!(
        err.contains("5 番目の記録が一致しません: 5 番目までの最新の記録が失われています"),
        "{err}"
    );
    let err = fails(&hoshi(d.path(), &["audit", "verify", "--recorded", "3"]));
    assert!(err.contains("「番号:ハッシュ」の形"), "{err}");
    // Edit the second entry behind hoshi's back.
    hoshi_store::Store::open(&data)
        .unwrap()
        .write(|tx| {
            tx.sql_execute(
                "UPDATE audit_log SET after_json = replace(after_json, '株式会社A', '株式会社X') WHERE seq = 2",
                (),
            )
        })
        .unwrap();
    let err = fails(&hoshi(d.path(), &["audit", "verify"]));
    assert!(err.contains("2 番目の記録が一致しません"), "{err}");
    // Without a database: a clear message.
    let empty = tempfile::tempdir().unwrap();
    let err = fails(&hoshi(empty.path(), &["audit", "verify"]));
    assert!(err.contains("hoshi のデータベースがありません"), "{err}");
}

/// `hoshi attest verify` on "another machine": only the file and the public key.
#[test]
fn attest_verify_offline_and_every_reason() {
    use hoshi_attest::*;
    let d = tempfile::tempdir().unwrap();
    let key = SigningKey::generate().unwrap();
    let result = br#"{"verdict":"met"}"#.to_vec();
    let st = Statement::new(
        vec![Subject::sha256("result.json", &result)],
        Predicate {
            id: "5e".repeat(32),
            organisation: Organisation {
                name: "小さな製作所株式会社".into(),
                corporate_number: Some("1180301018771".into()),
            },
            catalog: "scs".into(),
            edition: "2026-03-27".into(),
            level: 3,
            verdict: "met".into(),
            categories: vec![],
            confirmation: ExpertConfirmation {
                name: "確認 専門家".into(),
                qualification: "情報処理安全確保支援士".into(),
                registration_number: "第012345号".into(),
                confirmed_on: "2026-11-20".into(),
            },
            declaration: Declaration {
                officer_name: "山田 太郎".into(),
                officer_title: "代表取締役".into(),
                date: "2026-11-21".into(),
                ..Default::default()
            },
            issued_at: "2026-11-21T09:00:00Z".into(),
            valid_until: "2099-12-31".into(),
            issuer: "https://hoshi.example.jp".into(),
        },
    );
    let env = Envelope::sign(&st, &key).to_json();
    std::fs::write(d.path().join("a.json"), &env).unwrap();
    std::fs::write(d.path().join("result.json"), &result).unwrap();
    let pk = hoshi_core::base64::encode(&key.public().bytes);
    let out = ok(&hoshi(
        d.path(),
        &[
            "attest",
            "verify",
            "a.json",
            "--key",
            &pk,
            "--subject",
            "result.json=result.json",
        ],
    ));
    assert!(
        out.contains("有効な署名付き結果です") && out.contains("★3"),
        "{out}"
    );
    // The key set form works too.
    std::fs::write(
        d.path().join("keys.json"),
        KeySet::single(&key.public(), "2026-11-21").to_json(),
    )
    .unwrap();
    ok(&hoshi(
        d.path(),
        &["attest", "verify", "a.json", "--keys", "keys.json"],
    ));

    // …and from the issuer's address (a loopback server standing in for it): keys and
    // revocation list fetched, a revoked id reported.
    let keys_json = KeySet::single(&key.public(), "2026-11-21").to_json();
    let revoked_json =
        serde_json::to_vec(&serde_json::json!({"revoked": [{"id": "5e".repeat(32)}]})).unwrap();
    let base = serve_files(vec![
        ("/.well-known/hoshi-keys.json", keys_json),
        ("/.well-known/hoshi-revoked.json", revoked_json),
    ]);
    ok(&hoshi(
        d.path(),
        &[
            "attest",
            "verify",
            "a.json",
            "--keys",
            &format!("{base}/.well-known/hoshi-keys.json"),
        ],
    ));
    let err = fails(&hoshi(
        d.path(),
        &[
            "attest",
            "verify",
            "a.json",
            "--keys",
            &format!("{base}/.well-known/hoshi-keys.json"),
            "--revoked",
            &format!("{base}/.well-known/hoshi-revoked.json"),
        ],
    ));
    assert!(err.contains("revoked"), "{err}");
    let err = fails(&hoshi(
        d.path(),
        &[
            "attest",
            "verify",
            "a.json",
            "--keys",
            &format!("{base}/missing.json"),
        ],
    ));
    assert!(err.contains("404"), "{err}");
    // https:// to a server that does not speak TLS fails on the handshake, never falls back.
    let tls_url = base.replace("http://", "https://");
    let err = fails(&hoshi(
        d.path(),
        &[
            "attest",
            "verify",
            "a.json",
            "--keys",
            &format!("{tls_url}/.well-known/hoshi-keys.json"),
        ],
    ));
    assert!(err.contains("TLS"), "{err}");
    // Plain http elsewhere is refused before any connection is made.
    let err = fails(&hoshi(
        d.path(),
        &[
            "attest",
            "verify",
            "a.json",
            "--keys",
            "http://192.0.2.1/keys.json",
        ],
    ));
    assert!(err.contains("plain http"), "{err}");

    // One byte changed in the signed payload: not valid, with the reason, exit 1.
    let mut v: serde_json::Value = serde_json::from_slice(&env).unwrap();
    let mut payload = hoshi_core::base64::decode(v["payload"].as_str().unwrap()).unwrap();
    let i = payload.windows(3).position(|w| w == b"met").unwrap();
    payload[i] = b'n';
    v["payload"] = hoshi_core::base64::encode(&payload).into();
    std::fs::write(d.path().join("b.json"), serde_json::to_vec(&v).unwrap()).unwrap();
    let err = fails(&hoshi(
        d.path(),
        &["attest", "verify", "b.json", "--key", &pk],
    ));
    assert!(
        err.contains("[bad-signature]") && err.contains("一致しません"),
        "{err}"
    );

    // Expired as of a later date, revoked, wrong subject file: every reason at once.
    let id = Envelope::id(&serde_json::from_slice(&env).unwrap()).unwrap();
    std::fs::write(
        d.path().join("revoked.json"),
        format!("{{\"revoked\": [\"{id}\"]}}"),
    )
    .unwrap();
    std::fs::write(d.path().join("other.json"), b"{}").unwrap();
    let err = fails(&hoshi(
        d.path(),
        &[
            "--lang",
            "en",
            "attest",
            "verify",
            "a.json",
            "--key",
            &pk,
            "--date",
            "2100-01-01",
            "--revoked",
            "revoked.json",
            "--subject",
            "result.json=other.json",
        ],
    ));
    for code in ["[expired]", "[revoked]", "[subject-mismatch]"] {
        assert!(err.contains(code), "{code} missing: {err}");
    }
    // A wrong key: the key is unknown.
    let other = hoshi_core::base64::encode(&SigningKey::generate().unwrap().public().bytes);
    let err = fails(&hoshi(
        d.path(),
        &["attest", "verify", "a.json", "--key", &other],
    ));
    assert!(err.contains("[unknown-key]"), "{err}");
    // JSON output for scripts.
    let out = ok(&hoshi(
        d.path(),
        &[
            "attest", "verify", "a.json", "--key", &pk, "--format", "json",
        ],
    ));
    let j: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(j["valid"], true);
    assert_eq!(j["statement"]["predicate"]["level"], 3);
}

#[test]
fn keys_rotate_keeps_the_old_public_key() {
    let d = tempfile::tempdir().unwrap();
    let first = ok(&hoshi(d.path(), &["keys", "list"]));
    assert_eq!(first.lines().count(), 1, "{first}");
    assert!(first.contains("使用中"));
    let id1 = first.split_whitespace().next().unwrap().to_string();
    let out = ok(&hoshi(d.path(), &["keys", "rotate"]));
    assert!(
        out.contains(&id1) && out.contains("失効（検証用）"),
        "{out}"
    );
    let list = ok(&hoshi(d.path(), &["--lang", "en", "keys", "list"]));
    assert_eq!(list.lines().count(), 2, "{list}");
    assert!(
        list.lines()
            .any(|l| l.starts_with(&id1) && l.contains("retired"))
    );
    assert!(
        list.lines()
            .any(|l| !l.starts_with(&id1) && l.contains("active"))
    );
}

#[test]
fn pdf_report_from_the_cli_with_a_cost_estimate() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    ok(&hoshi(
        p,
        &[
            "assess",
            "new",
            "--organisation",
            "株式会社サンプル",
            "-o",
            "answers.yaml",
        ],
    ));
    // A PDF is never written to the terminal.
    let err = fails(&hoshi(
        p,
        &["assess", "report", "answers.yaml", "--format", "pdf"],
    ));
    assert!(err.contains("-o"), "{err}");
    // A revenue that is not an amount is refused by name.
    let o = hoshi(
        p,
        &[
            "assess",
            "report",
            "answers.yaml",
            "--format",
            "pdf",
            "-o",
            "r.pdf",
            "--revenue",
            "12兆",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--revenue"));
    assert!(!p.join("r.pdf").exists());
    ok(&hoshi(
        p,
        &[
            "assess",
            "report",
            "answers.yaml",
            "--format",
            "pdf",
            "-o",
            "r.pdf",
            "--records",
            "5,000",
            "--revenue",
            "3.5億",
            "--stoppage-days",
            "10",
        ],
    ));
    let pdf = std::fs::read(p.join("r.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let out = Command::new("pdftotext")
        .arg(p.join("r.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    let text: String = String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains("株式会社サンプル"));
    assert!(text.contains("3億5,000万円"), "revenue as given");
    assert!(text.contains("5,000件"), "records as given");
    assert!(text.contains("損害額の試算"));
}

/// A tiny HTTP server on loopback answering GETs for the given paths (404 otherwise), for as long
/// as the test runs. Returns `http://127.0.0.1:<port>`.
fn serve_files(files: Vec<(&'static str, Vec<u8>)>) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { continue };
            let mut req = Vec::new();
            let mut buf = [0u8; 1024];
            while !req.windows(4).any(|w| w == b"\r\n\r\n") {
                match s.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => req.extend_from_slice(&buf[..n]),
                }
                // A TLS ClientHello (record type 22): answer in plain HTTP, as such a server would.
                if req.first() == Some(&0x16) {
                    break;
                }
            }
            let line = String::from_utf8_lossy(&req)
                .lines()
                .next()
                .unwrap_or("")
                .to_string();
            let path = line.split(' ').nth(1).unwrap_or("");
            let _ = match files.iter().find(|(p, _)| *p == path) {
                Some((_, body)) => s
                    .write_all(
                        format!(
                            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            body.len()
                        )
                        .as_bytes(),
                    )
                    .and_then(|_| s.write_all(body)),
                None => s.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
            };
        }
    });
    format!("http://{addr}")
}

/// Opening the database fails with a message that says what to do: a PostgreSQL server that does
/// not answer, a data directory written by a newer hoshi (left untouched), a workbook import on
/// a shared database.
#[test]
fn database_problems_are_said_plainly() {
    let d = tempfile::tempdir().unwrap();
    // Nothing listens on port 1 of this machine.
    let err = fails(&hoshi(
        d.path(),
        &[
            "--database",
            "postgres://hoshi@127.0.0.1:1/hoshi",
            "audit",
            "verify",
        ],
    ));
    assert!(err.contains("データベースに接続できません"), "{err}");
    assert!(err.contains("127.0.0.1:1"), "{err}");

    let data = d.path().join("data");
    let s = hoshi_store::Store::open(&data).unwrap();
    s.write(|tx| {
        tx.sql_execute(
            "INSERT INTO schema_migrations (version, applied_at) VALUES (999, 0)",
            (),
        )
    })
    .unwrap();
    drop(s);
    let err = fails(&hoshi(d.path(), &["audit", "verify"]));
    assert!(
        err.contains("新しい hoshi で作成・更新されています（スキーマ 999"),
        "{err}"
    );
    assert!(err.contains("何も変更していません"), "{err}");

    let err = fails(&hoshi(
        d.path(),
        &[
            "--database",
            "postgres://hoshi@127.0.0.1:1/hoshi",
            "catalog",
            "import-ipa",
            "workbook.xlsx",
        ],
    ));
    assert!(err.contains("/admin/catalogs"), "{err}");
}
