//! `hoshi --help` and every command's help: Japanese by default, English when asked for.

use std::process::{Command, Output};

use hoshi_report::width::width;

/// Environment variables to set.
type Env<'a> = &'a [(&'a str, &'a str)];

/// The binary with no language, locale or terminal width from the environment but `env`.
fn run(args: &[&str], env: Env) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hoshi"));
    cmd.args(args);
    for var in [
        "LC_ALL",
        "LC_MESSAGES",
        "LANG",
        "HOSHI_LANG",
        "HOSHI_DATA",
        "COLUMNS",
    ] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied());
    cmd.output().expect("run hoshi")
}

fn help(args: &[&str], env: Env) -> String {
    let o = run(args, env);
    assert!(
        o.status.success(),
        "{args:?} {env:?}: exit {:?}\n{}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// The three pages the tests read, and what each says in Japanese and in English.
const PAGES: [(&[&str], &[&str], &[&str]); 3] = [
    (
        &["--help"],
        &[
            "コマンド:",
            "サプライチェーン強化に向けたセキュリティ対策評価制度",
            "星（★）の付与や認証は行いません。",
            "表示言語（ja または en）",
            "[既定値: hoshi-data]",
            "[環境変数: HOSHI_DATA=]",
            "ヘルプを表示します（要約は '-h'）",
            "バージョンを表示します",
            "このヘルプ、または指定したコマンドのヘルプを表示します",
            "  hoshi catalog show scs --level 3",
            "表示言語: 既定は日本語です。",
        ],
        &[
            "Commands:",
            "Supply-Chain Security evaluation scheme (SCS評価制度 ★3/★4)",
            "it does not award a star or any certification.",
            "Display language (ja or en)",
            "[default: hoshi-data]",
            "[env: HOSHI_DATA=]",
            "Print help (see a summary with '-h')",
            "Print version",
            "Print this message or the help of the given subcommand(s)",
            "  hoshi catalog show scs --level 3",
            "Language: Japanese by default",
        ],
    ),
    (
        &["serve", "--help"],
        &[
            "Web アプリケーションを起動します",
            "待ち受けるアドレスとポート [既定値: 127.0.0.1:8080]",
            "メール:",
            "[環境変数: HOSHI_SMTP_PORT=] [既定値: 587]",
            "[選択肢: starttls, tls, none]",
            "署名付き結果:",
            "  hoshi serve --demo  # デモデータで試します",
            "最初の管理者を作成するための 1 回限りのリンクを表示します。",
        ],
        &[
            "Run the web application (embedded SQLite in the data directory)",
            "Address and port to listen on [default: 127.0.0.1:8080]",
            "Mail:",
            "[env: HOSHI_SMTP_PORT=]",
            "[possible values: starttls, tls, none]",
            "Attestations:",
            "  hoshi serve --demo  # look around with demo data",
            "On first start hoshi prints a one-time link to create the first administrator.",
        ],
    ),
    (
        &["catalog", "import-ipa", "--help"],
        &[
            "IPA 公式の ★3・★4 要求事項・評価基準のワークブックを取り込みます",
            "使い方: hoshi catalog import-ipa [OPTIONS] <FILE>",
            "引数:\n  <FILE>\n          IPA 公式のワークブック（.xlsx）",
            "保存先のカタログ ID [既定値: scs-ipa]",
            "同じ版を別のファイルから取り込み済みなら置き換え",
            "例:\n  hoshi catalog import-ipa 20260327001-c.xlsx\n",
            "`scs-ipa` として使えるようになります",
        ],
        &[
            "Import IPA's official ★3・★4 requirements and criteria workbook (keeps the official wording)",
            "Usage: hoshi catalog import-ipa [OPTIONS] <FILE>",
            "Arguments:\n  <FILE>  IPA's official workbook (.xlsx)",
            "Catalog ID to store it under [default: scs-ipa]",
            "Replace an earlier import of the same edition made from a different file",
            "Examples:\n  hoshi catalog import-ipa 20260327001-c.xlsx\n",
            "then available as `scs-ipa` (all 153 criteria for ★3 and ★4)",
        ],
    ),
];

/// Whether `out` says `s`, wherever its lines were broken (after a space, or, in Japanese,
/// between two characters).
fn says(out: &str, s: &str) -> bool {
    let flat = |t: &str, sep: &str| t.lines().map(str::trim).collect::<Vec<_>>().join(sep);
    out.contains(s)
        || [" ", ""]
            .iter()
            .any(|sep| flat(out, sep).contains(&flat(s, sep)))
}

fn assert_japanese(out: &str, texts: &[&str], how: &str) {
    for s in texts.iter().chain(&["使い方: hoshi", "オプション:", "例:"]) {
        assert!(says(out, s), "{how}: {s:?} missing:\n{out}");
    }
    for english in [
        "Usage:",
        "Options:",
        "Arguments:",
        "Commands:",
        "Print help",
        "Print version",
        "Examples:",
        "[default:",
        "[env:",
        "[possible values:",
    ] {
        assert!(!out.contains(english), "{how}: {english:?} in:\n{out}");
    }
    // Broken into lines for an 80-column terminal, counting a Japanese character as two.
    for line in out.lines() {
        assert!(width(line) <= 80, "{how}: too wide: {line:?}");
    }
}

fn assert_english(out: &str, texts: &[&str], how: &str) {
    for s in texts
        .iter()
        .chain(&["Usage: hoshi", "Options:", "Print help"])
    {
        assert!(says(out, s), "{how}: {s:?} missing:\n{out}");
    }
    for japanese in ["使い方", "オプション", "ヘルプを表示", "例:", "既定値"] {
        assert!(!out.contains(japanese), "{how}: {japanese:?} in:\n{out}");
    }
}

#[test]
fn help_is_japanese_by_default() {
    let envs: [Env; 5] = [
        &[],
        &[("HOSHI_LANG", "ja")],
        &[("LANG", "C")],
        &[("LANG", "C.UTF-8"), ("LC_ALL", "POSIX")],
        &[("LANG", "ja_JP.UTF-8")],
    ];
    for (args, ja, _) in PAGES {
        for env in envs {
            let how = format!("{args:?} {env:?}");
            assert_japanese(&help(args, env), ja, &how);
        }
    }
    // `HOSHI_LANG` comes before the locale, `--lang` before both.
    let (args, ja, _) = PAGES[1];
    let env = [("HOSHI_LANG", "ja"), ("LANG", "en_US.UTF-8")];
    assert_japanese(&help(args, &env), ja, "HOSHI_LANG=ja LANG=en_US");
    let with_flag = [&["--lang", "ja"], args].concat();
    let env = [("HOSHI_LANG", "en")];
    assert_japanese(&help(&with_flag, &env), ja, "--lang ja HOSHI_LANG=en");
}

#[test]
fn help_is_english_when_asked_for() {
    for (args, _, en) in PAGES {
        let variants: [(Vec<&str>, Env); 5] = [
            ([&["--lang", "en"], args].concat(), &[]),
            ([&["--lang=en"], args].concat(), &[("LANG", "C")]),
            // After the subcommand and even after --help: the language is known before parsing.
            ([args, &["--lang", "en"]].concat(), &[("HOSHI_LANG", "ja")]),
            (args.to_vec(), &[("HOSHI_LANG", "en")]),
            (args.to_vec(), &[("LANG", "en_US.UTF-8")]),
        ];
        for (argv, env) in variants {
            let how = format!("{argv:?} {env:?}");
            assert_english(&help(&argv, env), en, &how);
        }
    }
}

#[test]
fn every_way_to_ask_for_help_is_in_the_same_language() {
    // -h: the summary, pointing to --help where it says more.
    let short = help(&["-h"], &[]);
    assert!(
        short.contains("ヘルプを表示します（詳しくは '--help'）"),
        "{short}"
    );
    assert!(short.contains("hoshi（星）: SCS評価制度"), "{short}");
    // `hoshi help <command>` is the command's own help.
    let via_help = help(&["help", "catalog", "import-ipa"], &[]);
    assert_japanese(&via_help, PAGES[2].1, "help catalog import-ipa");
    let via_help = help(&["--lang", "en", "help", "serve"], &[]);
    assert_english(&via_help, PAGES[1].2, "--lang en help serve");
    // No command at all: the help on standard error, exit status 2.
    let o = run(&[], &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("使い方: hoshi") && err.contains("コマンド:"),
        "{err}"
    );
    // A command without a subcommand likewise.
    let o = run(&["keys"], &[("LANG", "en_GB.UTF-8")]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.contains("Usage: hoshi keys") && err.contains("List the signing keys"),
        "{err}"
    );
    // --version has no words to translate.
    let version = help(&["--version"], &[]);
    assert_eq!(
        version.trim(),
        format!("hoshi {}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(help(&["-V", "--lang", "en"], &[]), version);
}

#[test]
fn examples_can_be_copied_as_they_stand() {
    // A long example continues with ` \` and breaks before an option, never inside one.
    for lang in ["ja", "en"] {
        let out = help(&["--lang", lang, "attest", "verify", "--help"], &[]);
        assert!(
            out.contains(
                "  hoshi attest verify result.intoto.json \\\n      --keys https://hoshi.example.jp/.well-known/hoshi-keys.json \\\n      --revoked https://hoshi.example.jp/.well-known/hoshi-revoked.json"
            ),
            "{lang}:\n{out}"
        );
    }
}

#[test]
fn usage_errors_are_in_the_same_language() {
    let err = |args: &[&str], env: Env| {
        let o = run(args, env);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
        String::from_utf8(o.stderr).unwrap()
    };
    let ja = err(&["--bogus"], &[]);
    assert_eq!(
        ja,
        "エラー: 予期しない引数 '--bogus' があります\n\n使い方: hoshi [OPTIONS] <COMMAND>\n\n\
         詳しくは '--help' を実行してください。\n"
    );
    let ja = err(&["catalog", "shwo"], &[("LANG", "C")]);
    assert!(
        ja.contains("エラー: 不明なサブコマンド 'shwo' です"),
        "{ja}"
    );
    assert!(
        ja.contains("ヒント: 似たサブコマンドがあります: 'show'"),
        "{ja}"
    );
    let ja = err(&["assess", "new"], &[]);
    assert!(
        ja.contains("次の必須の引数が指定されていません:\n  --output <OUTPUT>"),
        "{ja}"
    );
    let ja = err(&["catalog", "list", "--format", "xml"], &[]);
    assert!(
        ja.contains("'--format <FORMAT>' に 'xml' は指定できません\n  [選択肢: text, json]"),
        "{ja}"
    );
    let ja = err(&["attest", "verify", "x", "--key", "k", "--keys", "f"], &[]);
    assert!(
        ja.contains("'--key <KEY>' と '--keys <URL|FILE>' は同時に指定できません"),
        "{ja}"
    );

    let en = err(&["--lang", "en", "--bogus"], &[]);
    assert!(
        en.starts_with("error: unexpected argument '--bogus' found"),
        "{en}"
    );
    assert!(en.contains("For more information, try '--help'."), "{en}");
    let en = err(&["catalog", "shwo"], &[("HOSHI_LANG", "en")]);
    assert!(en.contains("error: unrecognized subcommand 'shwo'"), "{en}");
    assert!(
        en.contains("tip: a similar subcommand exists: 'show'"),
        "{en}"
    );
}
