//! `hoshi mail check` as an administrator runs it: a profile file, an .eml, an mbox and a
//! Maildir; JSON as documented; exit status 1 when a mail is not ok; a broken profile named by
//! line; the filter mode on standard input. Exit status 3 when a mail is flagged, 1 on an error.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const PROFILE: &str = r#"format = "hoshi-fraud-profile/1"
[organisation]
name = "北辰工業株式会社"
domains = ["hokushin-kogyo.co.jp"]
authserv_ids = ["mx.hokushin-kogyo.co.jp"]

[[people]]
name = "北村 健一"
romaji = "Kenichi Kitamura"
role = "代表取締役"
officer = true
addresses = ["k.kitamura@hokushin-kogyo.co.jp"]
"#;

fn hoshi(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hoshi"));
    c.args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("HOSHI_LANG")
        .env("LANG", "C.UTF-8")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("run hoshi");
    if let Some(b) = stdin {
        child.stdin.take().unwrap().write_all(b).unwrap();
    } else {
        drop(child.stdin.take());
    }
    child.wait_with_output().unwrap()
}

fn mail(from: &str, auth: &str, subject: &str, body: &str) -> String {
    format!(
        "Authentication-Results: mx.hokushin-kogyo.co.jp; {auth}\r\nFrom: {from}\r\nTo: soumu@hokushin-kogyo.co.jp\r\nSubject: {subject}\r\nMessage-ID: <{}@example>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n{body}\r\n",
        subject.len()
    )
}

const SCAM: &str =
    "LINE のグループを作成して、二次元コードを送ってください。他の人には内密にお願いします。";

#[test]
fn files_mboxes_and_maildirs_are_judged_and_a_flagged_mail_fails_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("profile.toml");
    std::fs::write(&profile, PROFILE).unwrap();
    let fraud = mail(
        "\"北村 健一\" <kitamura.k.2026@gmail.com>",
        "spf=pass; dkim=pass header.d=gmail.com; dmarc=pass",
        "=?UTF-8?B?44CQ6Iez5oCl44CR44Kw44Or44O844OX5L2c5oiQ5L6d6aC8?=",
        SCAM,
    );
    let fine = mail(
        "\"北村 健一\" <k.kitamura@hokushin-kogyo.co.jp>",
        "spf=pass; dkim=pass header.d=hokushin-kogyo.co.jp; dmarc=pass",
        "週次会議",
        "明日の会議は 10 時からです。",
    );
    let eml = dir.path().join("a.eml");
    std::fs::write(&eml, &fraud).unwrap();
    let mbox = dir.path().join("inbox.mbox");
    std::fs::write(
        &mbox,
        format!(
            "From x@y Thu Dec  3 10:00:00 2026\n{}\nFrom z@w Thu Dec  3 10:01:00 2026\n{}",
            fine.replace("\r\n", "\n"),
            fraud.replace("\r\n", "\n")
        ),
    )
    .unwrap();
    let maildir = dir.path().join("Maildir");
    std::fs::create_dir_all(maildir.join("cur")).unwrap();
    std::fs::create_dir_all(maildir.join("new")).unwrap();
    std::fs::write(maildir.join("new/1733200000.1.host"), &fine).unwrap();

    let o = hoshi(
        &[
            "mail",
            "check",
            "--profile",
            profile.to_str().unwrap(),
            "--format",
            "json",
            eml.to_str().unwrap(),
            mbox.to_str().unwrap(),
            maildir.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(
        o.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["format"], 1);
    assert_eq!(v["totals"]["messages"], 4);
    assert_eq!(v["totals"]["fraud"], 2);
    assert_eq!(v["totals"]["ok"], 2);
    let first = &v["messages"][0];
    assert_eq!(first["verdict"], "fraud");
    assert_eq!(first["subject"], "【至急】グループ作成依頼");
    assert!(first["file"].as_str().unwrap().ends_with("a.eml"));
    assert!(
        first["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["code"] == "impersonated_officer")
    );
    assert!(
        v["messages"][2]["file"]
            .as_str()
            .unwrap()
            .ends_with("inbox.mbox#2")
    );

    // Text for a person, in Japanese; only ok mails: exit 0.
    let ok = dir.path().join("ok.eml");
    std::fs::write(&ok, &fine).unwrap();
    let o = hoshi(
        &[
            "mail",
            "check",
            "--profile",
            profile.to_str().unwrap(),
            ok.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("問題なし"));

    // A profile with a misspelt key is refused with its line.
    std::fs::write(&profile, PROFILE.replace("officer = true", "oficer = true")).unwrap();
    let o = hoshi(
        &[
            "mail",
            "check",
            "--profile",
            profile.to_str().unwrap(),
            ok.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("プロファイルを読めません")
            && err.contains("11:")
            && err.contains("「oficer」という項目はありません"),
        "{err}"
    );
}

#[test]
fn the_filter_adds_its_header_and_never_loses_the_mail() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("profile.toml");
    std::fs::write(&profile, PROFILE).unwrap();
    let fraud = mail(
        "\"北村 健一\" <kitamura.k.2026@gmail.com>",
        "spf=pass; dkim=pass header.d=gmail.com; dmarc=pass",
        "至急",
        SCAM,
    );
    let o = hoshi(
        &[
            "mail",
            "check",
            "--profile",
            profile.to_str().unwrap(),
            "--filter",
        ],
        Some(fraud.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.starts_with("X-Hoshi-Fraud: fraud;"), "{out}");
    assert!(out.ends_with(&fraud), "the message follows unchanged");
    // A profile that cannot be read: the mail goes through unchanged, the reason on stderr.
    std::fs::write(&profile, "format = 1").unwrap();
    let o = hoshi(
        &[
            "mail",
            "check",
            "--profile",
            profile.to_str().unwrap(),
            "--filter",
        ],
        Some(fraud.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(0));
    // A profile that cannot be read: the mail goes through marked unchecked, any header the
    // sender wrote itself removed, the reason on stderr.
    let forged = format!("X-Hoshi-Fraud: ok; score=0\r\n{fraud}");
    let o = hoshi(
        &[
            "mail",
            "check",
            "--profile",
            profile.to_str().unwrap(),
            "--filter",
        ],
        Some(forged.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        format!("X-Hoshi-Fraud: unchecked\r\n{fraud}")
    );
    assert!(!o.stderr.is_empty());
}

/// `hoshi mail posture` against NSD on loopback: the JSON as documented, Japanese text with
/// the record to publish, exit 3 when something needs fixing, 1 on a bad argument.
#[test]
fn posture_of_a_domain_through_a_given_name_server() {
    let tmp = tempfile::tempdir().unwrap();
    let zone = "$ORIGIN hokushin-kogyo.co.jp.\n$TTL 60\n\
        @ IN SOA ns admin 1 3600 600 86400 60\n@ IN NS ns\nns IN A 127.0.0.1\n\
        @ IN MX 10 mx\nmx IN A 127.0.0.1\n\
        @ IN TXT \"v=spf1 mx include:_spf.hokushin-kogyo.co.jp ~all\"\n\
        _spf IN TXT \"v=spf1 ip4:192.0.2.0/24 -all\"\n\
        _dmarc IN TXT \"v=DMARC1; p=none; rua=mailto:dmarc@hokushin-kogyo.co.jp\"\n"
        .to_string();
    let Some(nsd) =
        hoshi_posture::testing::Nsd::start(tmp.path(), &[("hokushin-kogyo.co.jp", zone)])
    else {
        return;
    };
    let server = nsd.addr.to_string();
    let args = [
        "mail",
        "posture",
        "--dns",
        &server,
        "--no-connect",
        "--format",
        "json",
        "--selector",
        "selector1",
        "Hokushin-Kogyo.co.jp.",
    ];
    let out = hoshi(&args, None);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "hoshi-posture/1");
    assert_eq!(v["totals"]["domains"], 1);
    let d = &v["domains"][0];
    assert_eq!(d["domain"], "hokushin-kogyo.co.jp");
    assert_eq!(d["records"]["spf_lookups"], 2);
    let codes: Vec<&str> = d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    for c in [
        "dmarc_policy_none",
        "spf_all_softfail",
        "dkim_selector_missing",
        "mta_sts_missing",
    ] {
        assert!(codes.contains(&c), "{c} not in {codes:?}");
    }

    let out = hoshi(
        &[
            "--lang",
            "ja",
            "mail",
            "posture",
            "--dns",
            &server,
            "--no-connect",
            "hokushin-kogyo.co.jp",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(3));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[要対応] DMARC dmarc_policy_none"), "{text}");
    assert!(
        text.contains("公開するレコード: _dmarc.hokushin-kogyo.co.jp. IN TXT \"v=DMARC1; p=quarantine; rua=mailto:dmarc@hokushin-kogyo.co.jp\""),
        "{text}"
    );

    let out = hoshi(
        &[
            "--lang",
            "ja",
            "mail",
            "posture",
            "--dns",
            "ns.example",
            "hokushin-kogyo.co.jp",
        ],
        None,
    );
    // A usage error (2), named in the user's language.
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("IP アドレス（例: 192.0.2.53"));
    let out = hoshi(
        &[
            "--lang",
            "ja",
            "mail",
            "posture",
            "--dns",
            &server,
            "hokushin kogyo",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ドメイン名として読めません"));
}

/// `--verify-dkim`: a partner who always signs, writing without a signature through no stamp
/// of ours, is judged as unsigned only when hoshi verified the mail itself.
#[test]
fn verify_dkim_stands_in_for_the_missing_stamp() {
    let tmp = tempfile::tempdir().unwrap();
    let profile = tmp.path().join("p.toml");
    std::fs::write(
        &profile,
        format!("{PROFILE}\n[[partners]]\nname = \"株式会社若葉精工\"\ndomains = [\"wakaba-seiko.co.jp\"]\ndkim_domains = [\"wakaba-seiko.co.jp\"]\n"),
    )
    .unwrap();
    let eml = tmp.path().join("m.eml");
    std::fs::write(
        &eml,
        "From: =?UTF-8?B?5Lit55SwIOiBoQ==?= <s.nakata@wakaba-seiko.co.jp>\r\nTo: keiri@hokushin-kogyo.co.jp\r\n\
         Subject: =?UTF-8?B?5oyv6L685YWI5aSJ5pu044Gu44GK55+l44KJ44Gb?=\r\nMessage-ID: <z@example>\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n\
         振込先の口座を変更しました。今月分から新しい口座へお振込みください。\r\n",
    )
    .unwrap();
    let p = profile.to_str().unwrap();
    let e = eml.to_str().unwrap();
    let plain = hoshi(
        &["mail", "check", "--profile", p, "--format", "json", e],
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    let codes = |v: &serde_json::Value| -> Vec<String> {
        v["messages"][0]["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(!codes(&v).contains(&"partner_unsigned".to_string()), "{v}");
    let verified = hoshi(
        &[
            "mail",
            "check",
            "--profile",
            p,
            "--format",
            "json",
            "--verify-dkim",
            "--dns",
            "127.0.0.1:9",
            e,
        ],
        None,
    );
    let v: serde_json::Value = serde_json::from_slice(&verified.stdout).unwrap();
    assert!(codes(&v).contains(&"partner_unsigned".to_string()), "{v}");
    assert_eq!(verified.status.code(), Some(3));
    // --dns belongs to --verify-dkim.
    let out = hoshi(
        &["mail", "check", "--profile", p, "--dns", "127.0.0.1", e],
        None,
    );
    assert_ne!(out.status.code(), Some(0));
}
