//! The readers and checks on hand-written exports in the real formats (tests/data/README.md).

use hoshi_accounts::check::{Check, CriterionStatus, Suggested};
use hoshi_accounts::{
    Account, Day, Format, Mapping, Options, ProblemKind, Report, SignIn, System, check, combine,
    read, read_mapped, try_combine,
};
use hoshi_core::Lang;

fn data(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn today() -> Day {
    Day::ymd(2026, 12, 1).unwrap()
}

fn run(accounts: &[Account]) -> Report {
    check(accounts, &Options::new(today()))
}

/// The checks that name `id`, in order.
fn checks_of(report: &Report, id: &str) -> Vec<Check> {
    let mut v: Vec<Check> = report
        .findings
        .iter()
        .filter(|f| f.account.as_ref().is_some_and(|a| a.id == id))
        .map(|f| f.check)
        .collect();
    v.sort();
    v
}

fn status(report: &Report, criterion: &str) -> Suggested {
    report
        .summary
        .statuses
        .iter()
        .find(|s: &&CriterionStatus| s.criterion == criterion)
        .map(|s| s.status)
        .unwrap()
}

fn find<'a>(accounts: &'a [Account], id: &str) -> &'a Account {
    accounts.iter().find(|a| a.id == id).unwrap()
}

#[test]
fn microsoft_365_users_joined_with_registration_details() {
    let users = read(&data("m365_active_users.csv"), None).unwrap();
    let reg = read(&data("entra_registration.csv"), None).unwrap();
    assert_eq!(users.format, Format::M365Users);
    assert_eq!(reg.format, Format::EntraRegistration);
    let accounts = combine(vec![users, reg]);
    // Six users, and the guest only the registration report knows.
    assert_eq!(accounts.len(), 7);
    let tanaka = find(&accounts, "tanaka.t@hoshi-test.example");
    assert_eq!(tanaka.name, "Taro Tanaka");
    assert_eq!(tanaka.mfa, Some(true));
    assert_eq!(tanaka.row, 7);
    let info = find(&accounts, "info@hoshi-test.example");
    assert_eq!(info.mfa, Some(false), "joined case-insensitively");
    assert_eq!(info.created, Day::ymd(2020, 6, 15));
    assert_eq!(
        find(&accounts, "suzuki.ichiro@hoshi-test.example").enabled,
        Some(false)
    );

    let r = run(&accounts);
    use Check as C;
    assert_eq!(
        checks_of(&r, "yamada.taro@hoshi-test.example"),
        [C::AdminListed]
    );
    assert_eq!(checks_of(&r, "sato.hanako@hoshi-test.example"), [C::NoMfa]);
    assert_eq!(
        checks_of(&r, "info@hoshi-test.example"),
        [C::NoMfa, C::SharedId, C::PasswordNeverExpires]
    );
    assert_eq!(
        checks_of(&r, "hoshu.vendor@hoshi-test.example"),
        [C::AdminNoMfa, C::AdminShared, C::AdminListed]
    );
    assert_eq!(
        checks_of(&r, "suzuki.ichiro@hoshi-test.example"),
        [C::DisabledPrivileged]
    );
    assert_eq!(checks_of(&r, "tanaka.t@hoshi-test.example"), []);
    assert_eq!(
        checks_of(&r, "guest_kaneko#EXT#@hoshi-test.example"),
        [C::NoMfa]
    );
    // Worst first.
    assert_eq!(r.findings[0].check, C::AdminNoMfa);
    assert!(
        r.findings
            .windows(2)
            .all(|w| w[0].severity <= w[1].severity)
    );
    assert_eq!(r.summary.admins, 2);
    assert_eq!((r.summary.mfa_known, r.summary.mfa_missing), (6, 4));
    assert_eq!(status(&r, "4-1-3-2"), Suggested::NotMet);
    assert_eq!(
        status(&r, "4-1-1-3"),
        Suggested::NoData,
        "no sign-in column"
    );
    assert_eq!(status(&r, "4-1-2-2"), Suggested::NotMet, "shared admin");
    assert_eq!(status(&r, "4-1-2-5"), Suggested::Partial);
    assert_eq!(status(&r, "4-1-1-2"), Suggested::Partial);
    assert_eq!(status(&r, "4-1-1-4"), Suggested::Partial);
}

#[test]
fn microsoft_365_japanese_headers_in_shift_jis() {
    let e = read(&data("m365_active_users_ja_sjis.csv"), None).unwrap();
    assert_eq!(e.format, Format::M365Users);
    let a = &e.accounts[1];
    assert_eq!(a.id, "ｋｏｎｄｏ.ｍ@hoshi-test.example");
    assert_eq!(a.name, "ｺﾝﾄﾞｳ ﾏｷ");
    assert_eq!(a.enabled, Some(true));
    assert_eq!(a.created, Day::ymd(2023, 4, 1));
    // Without the registration report MFA is unknown, never guessed.
    assert_eq!(a.mfa, None);
    let r = run(&e.accounts);
    assert!(r.findings.is_empty());
    assert_eq!(status(&r, "4-1-3-2"), Suggested::NoData);
}

#[test]
fn google_workspace_user_list() {
    let e = read(&data("google_users.csv"), None).unwrap();
    assert_eq!(e.format, Format::GoogleUsers);
    let a = &e.accounts;
    assert_eq!(find(a, "takahashi.ken@hoshi-gw.example").name, "高橋 健");
    assert_eq!(find(a, "e.clark@hoshi-gw.example").name, "Emily Clark");
    assert_eq!(
        find(a, "ito.misaki@hoshi-gw.example").last_sign_in,
        SignIn::Never
    );
    assert_eq!(
        find(a, "nakamura.sakura@hoshi-gw.example").enabled,
        Some(false)
    );
    assert_eq!(
        find(a, "takahashi.ken@hoshi-gw.example").mfa_enforced,
        Some(true)
    );
    let r = run(a);
    use Check as C;
    assert_eq!(checks_of(&r, "takahashi.ken@hoshi-gw.example"), []);
    assert_eq!(
        checks_of(&r, "ito.misaki@hoshi-gw.example"),
        [C::NoMfa, C::NeverUsed]
    );
    assert_eq!(
        checks_of(&r, "watanabe.sho@hoshi-gw.example"),
        [C::NoMfa, C::Unused]
    );
    let unused = r.findings.iter().find(|f| f.check == C::Unused).unwrap();
    assert_eq!(unused.number, Some(214));
    assert_eq!(
        checks_of(&r, "test01@hoshi-gw.example"),
        [C::NoMfa, C::SharedId]
    );
    assert_eq!(checks_of(&r, "nakamura.sakura@hoshi-gw.example"), []);
    assert_eq!(status(&r, "4-1-3-2"), Suggested::NotMet, "3 of 5 lack MFA");
    assert_eq!(status(&r, "4-1-1-3"), Suggested::NotMet, "2 of 5 unused");
    assert_eq!(status(&r, "4-1-2-2"), Suggested::NoData, "no admin column");
}

#[test]
fn google_admin_role_column_when_present() {
    let csv = "Email Address [Required],First Name [Required],Last Name [Required],Status [READ ONLY],2sv Enrolled [READ ONLY],Admin role\n\
               a@x.example,A,A,Active,True,Super Admin\n\
               b@x.example,B,B,Active,True,\n";
    let e = read(csv.as_bytes(), None).unwrap();
    assert_eq!(e.accounts[0].admin, Some(true));
    assert_eq!(e.accounts[0].admin_roles, ["Super Admin"]);
    assert_eq!(e.accounts[1].admin, None);
}

#[test]
fn active_directory_ja_jp_utf16_with_type_line() {
    let e = read(&data("ad_users_ja_utf16le.csv"), None).unwrap();
    assert_eq!(e.format, Format::ActiveDirectory);
    assert_eq!(e.accounts.len(), 8);
    let admin = find(&e.accounts, "Administrator");
    assert_eq!(admin.row, 3, "the #TYPE line is row 1");
    assert_eq!(
        admin.last_sign_in,
        SignIn::On(Day::ymd(2026, 11, 30).unwrap())
    );
    assert_eq!(admin.admin_roles, ["Domain Admins", "Administrators"]);
    assert_eq!(
        find(&e.accounts, "kobayashi.m").upn.as_deref(),
        Some("kobayashi.m@hoshi.local")
    );
    let r = run(&e.accounts);
    use Check as C;
    assert_eq!(
        checks_of(&r, "Administrator"),
        [C::AdminShared, C::PasswordNeverExpires, C::AdminListed]
    );
    assert_eq!(checks_of(&r, "Guest"), []);
    assert_eq!(checks_of(&r, "krbtgt"), []);
    assert_eq!(checks_of(&r, "kobayashi.m"), []);
    assert_eq!(checks_of(&r, "kato.y"), [C::Unused]);
    assert_eq!(checks_of(&r, "yoshida.o"), [C::AdminUnused, C::AdminListed]);
    assert_eq!(
        checks_of(&r, "hoshu01"),
        [C::NeverUsed, C::SharedId, C::PasswordNeverExpires]
    );
    assert_eq!(checks_of(&r, "matsumoto.k"), [C::DisabledPrivileged]);
    assert!(
        !r.findings
            .iter()
            .any(|f| matches!(f.check, C::NoMfa | C::AdminNoMfa))
    );
    assert_eq!(
        status(&r, "4-1-3-2"),
        Suggested::NoData,
        "not a cloud service"
    );
    assert_eq!(status(&r, "4-1-2-6"), Suggested::NotMet);
}

#[test]
fn active_directory_en_us_dates_and_unexpanded_member_of() {
    let e = read(&data("ad_users_en.csv"), None).unwrap();
    let kato = find(&e.accounts, "kato.y");
    assert_eq!(kato.last_sign_in, SignIn::On(Day::ymd(2026, 6, 1).unwrap()));
    assert_eq!(kato.name, "Kato Yumi");
    let svc = find(&e.accounts, "svc_backup");
    assert_eq!(svc.admin, Some(true), "adminCount 1");
    assert!(svc.admin_roles.is_empty(), "MemberOf not expanded: unknown");
    assert_eq!(find(&e.accounts, "kobayashi.m").admin, Some(false));
}

fn vpn_mapping(cloud: bool) -> Mapping {
    Mapping {
        system: "VPN 装置".into(),
        cloud,
        id: "ユーザー名".into(),
        name: Some("氏名".into()),
        enabled: Some("状態".into()),
        last_sign_in: Some("最終ログイン".into()),
        mfa: Some("ワンタイムパスワード".into()),
        admin: Some("権限".into()),
    }
}

#[test]
fn generic_csv_with_a_mapping() {
    let e = read_mapped(&data("generic_vpn_sjis.csv"), &vpn_mapping(false)).unwrap();
    assert_eq!(e.format, Format::Mapped);
    let kanri = find(&e.accounts, "vpn-kanri");
    assert_eq!((kanri.admin, kanri.mfa), (Some(true), Some(false)));
    assert_eq!(find(&e.accounts, "vpn-yamada").admin, Some(false));
    assert_eq!(find(&e.accounts, "vpn-hoshu").enabled, Some(false));
    let r = run(&e.accounts);
    use Check as C;
    assert_eq!(
        checks_of(&r, "vpn-kanri"),
        [C::AdminShared, C::AdminUnused, C::AdminListed]
    );
    assert_eq!(checks_of(&r, "vpn-yamada"), []);
    assert_eq!(r.findings[0].system.label(), "VPN 装置");
    // The same system declared as a cloud service gets the MFA check.
    let e = read_mapped(&data("generic_vpn_sjis.csv"), &vpn_mapping(true)).unwrap();
    assert!(checks_of(&run(&e.accounts), "vpn-kanri").contains(&C::AdminNoMfa));
    // A mapped column that is not in the file.
    let mut m = vpn_mapping(false);
    m.mfa = Some("MFA".into());
    let err = read_mapped(&data("generic_vpn_sjis.csv"), &m).unwrap_err();
    assert_eq!(
        err.problems[0].kind,
        ProblemKind::MissingColumn {
            expected: "MFA".into()
        }
    );
}

#[test]
fn bad_rows_are_all_named() {
    let err = read(&data("malformed_ad_bad_values.csv"), None).unwrap_err();
    let got: Vec<(usize, Option<&str>, &str)> = err
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_deref(), p.kind.code()))
        .collect();
    assert_eq!(
        got,
        [
            (2, Some("LastLogonDate"), "bad_date"),
            (3, Some("Enabled"), "bad_flag"),
            (3, Some("LastLogonDate"), "bad_date"),
            (4, Some("SamAccountName"), "empty_value"),
            (5, Some("SamAccountName"), "duplicate_id"),
        ]
    );
    let ja = err.message(Lang::Ja);
    assert!(
        ja.contains("2 行目の列「LastLogonDate」: 「2026/13/45 9:00:00」は日付として読めません。"),
        "{ja}"
    );
    assert!(
        ja.contains("3 行目の列「Enabled」: 「Yes please」を「はい」「いいえ」として読めません。"),
        "{ja}"
    );
    assert!(
        ja.contains("アカウント「user.a」は 2 行目にもあります。"),
        "{ja}"
    );
    let en = err.message(Lang::En);
    assert!(
        en.contains("Row 3, column “LastLogonDate”: “昨日” is not a date; expected a date such as"),
        "{en}"
    );
}

#[test]
fn missing_and_wrong_columns() {
    let bytes = data("malformed_ad_missing_enabled.csv");
    let err = read(&bytes, None).unwrap_err();
    assert_eq!(err.problems[0].kind, ProblemKind::UnknownFormat);
    let err = read(&bytes, Some(Format::ActiveDirectory)).unwrap_err();
    assert_eq!(
        err.problems[0].kind,
        ProblemKind::MissingColumn {
            expected: "Enabled".into()
        }
    );
    assert_eq!(
        err.message(Lang::Ja),
        "1 行目: 必要な列「Enabled」がありません。出力時に列を削除していないか確認してください。"
    );
    let err = read(&data("malformed_wrong_columns.csv"), None).unwrap_err();
    assert_eq!(err.problems[0].kind, ProblemKind::UnknownFormat);
    assert!(
        err.message(Lang::En)
            .starts_with("The header row matches none")
    );
    // The same column twice.
    let csv = "SamAccountName,Enabled,Enabled\na,True,True\n";
    let err = read(csv.as_bytes(), Some(Format::ActiveDirectory)).unwrap_err();
    assert_eq!(err.problems[0].kind, ProblemKind::ColumnTwice);
    // A row with stray cells.
    let csv = "SamAccountName,Enabled\na,True,x\n";
    let err = read(csv.as_bytes(), None).unwrap_err();
    assert_eq!(err.problems[0].kind.code(), "cell_count");
}

#[test]
fn encodings() {
    // The AD fixture is UTF-16 LE, M365 UTF-8 with BOM, the Japanese one Shift_JIS (above).
    // UTF-16 BE, and tab-separated UTF-16 as Excel saves "Unicode text".
    let text = "SamAccountName\tName\tEnabled\r\nyamada.t\t山田 太郎\tTrue\r\n";
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    let e = read(&be, None).unwrap();
    assert_eq!(e.accounts[0].name, "山田 太郎");
    let mut le = vec![0xFF, 0xFE];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(read(&le, None).unwrap(), e);
    // Not text at all.
    let err = read(&[0x81, 0x00, 0xFF, 0x20], None).unwrap_err();
    assert_eq!(err.problems[0].kind, ProblemKind::Unreadable);
    let err = read(b"", None).unwrap_err();
    assert_eq!(err.problems[0].kind, ProblemKind::Empty);
}

#[test]
fn limits() {
    let mut big = String::from("SamAccountName,Enabled\n");
    for i in 0..=hoshi_accounts::read::MAX_ROWS {
        big.push_str(&format!("u{i},True\n"));
    }
    let err = read(big.as_bytes(), None).unwrap_err();
    assert_eq!(err.problems[0].kind.code(), "too_many_rows");
    // Problems beyond the first fifty are counted.
    let mut bad = String::from("SamAccountName,Enabled\n");
    for i in 0..80 {
        bad.push_str(&format!("u{i},maybe\n"));
    }
    let err = read(bad.as_bytes(), None).unwrap_err();
    assert_eq!((err.problems.len(), err.more), (50, 30));
    assert!(
        err.message(Lang::Ja)
            .ends_with("ほかに 30 件の問題があります。")
    );
}

#[test]
fn new_accounts_are_not_never_used_and_stale_days_apply() {
    let mut a = Account::new(System::GoogleWorkspace, 2, "new.hire@x.example");
    a.last_sign_in = SignIn::Never;
    a.created = Day::ymd(2026, 11, 20);
    a.mfa = Some(true);
    let mut b = Account::new(System::GoogleWorkspace, 3, "b@x.example");
    b.last_sign_in = SignIn::On(Day::ymd(2026, 10, 1).unwrap());
    b.mfa = Some(true);
    let accounts = [a, b];
    assert!(run(&accounts).findings.is_empty());
    let mut opts = Options::new(today());
    opts.stale_days = 30;
    let r = check(&accounts, &opts);
    assert_eq!(checks_of(&r, "b@x.example"), [Check::Unused]);
    assert_eq!(status(&r, "4-1-1-3"), Suggested::NotMet);
    assert_eq!(status(&r, "4-1-3-2"), Suggested::Met);
}

#[test]
fn too_many_administrators() {
    let accounts: Vec<Account> = (0..12)
        .map(|i| {
            let mut a = Account::new(
                System::Microsoft365,
                i + 2,
                format!("p{i}.person@x.example"),
            );
            a.admin = Some(i < 4);
            a.mfa = Some(true);
            a
        })
        .collect();
    let r = run(&accounts);
    let f = r
        .findings
        .iter()
        .find(|f| f.check == Check::AdminTooMany)
        .unwrap();
    assert_eq!((f.number, f.account.is_none()), (Some(4), true));
    assert_eq!(status(&r, "4-1-2-2"), Suggested::Partial);
    assert_eq!(status(&r, "4-1-2-5"), Suggested::Met);
}

#[test]
fn every_check_has_texts_and_criteria() {
    for c in Check::ALL {
        for lang in Lang::ALL {
            assert!(!c.title(lang).is_empty() && !c.advice(lang).is_empty());
        }
        assert!(c.advice(Lang::Ja).ends_with('。'), "{}", c.code());
        assert!(!c.criteria().is_empty());
    }
}

#[test]
fn no_panic_on_any_input() {
    // Every fixture cut at many points, and deterministic noise.
    for name in [
        "m365_active_users.csv",
        "entra_registration.csv",
        "google_users.csv",
        "ad_users_ja_utf16le.csv",
        "generic_vpn_sjis.csv",
        "entra_sign_ins_2026-11.csv",
        "graph_users_sign_in_activity.csv",
    ] {
        let bytes = data(name);
        for cut in (0..bytes.len()).step_by(7) {
            let _ = read(&bytes[..cut], None);
            let _ = read_mapped(&bytes[..cut], &vpn_mapping(true));
        }
    }
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for len in 0..400 {
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                b"SamAccountName,Enabled\n\"True1/2026\xE3\x81\x82\xFF,"[(x % 39) as usize]
            })
            .collect();
        if let Ok(e) = read(&bytes, None) {
            let _ = run(&e.accounts);
        }
    }
}

fn day(y: i64, m: i64, d: i64) -> Day {
    Day::ymd(y, m, d).unwrap()
}

#[test]
fn entra_sign_in_logs_joined_to_active_users() {
    let users = read(&data("m365_active_users.csv"), None).unwrap();
    let nov = read(&data("entra_sign_ins_2026-11.csv"), None).unwrap();
    let aug = read(&data("entra_sign_ins_2026-08.csv"), None).unwrap();
    assert_eq!(nov.format, Format::EntraSignIns);
    assert_eq!(nov.period, Some((day(2026, 11, 1), day(2026, 11, 30))));
    // One account per user name (case-insensitive); the row without a user name names nobody.
    assert_eq!(nov.accounts.len(), 5);
    let yamada = find(&nov.accounts, "yamada.taro@hoshi-test.example");
    assert_eq!(yamada.last_sign_in, SignIn::On(day(2026, 11, 30)));
    assert_eq!((yamada.row, yamada.name.as_str()), (2, "山田 太郎"));
    // Only an interrupted sign-in: not a use of the account.
    assert_eq!(
        find(&nov.accounts, "tanaka.t@hoshi-test.example").last_sign_in,
        SignIn::NotSince(day(2026, 11, 1))
    );

    let accounts = combine(vec![users.clone(), nov.clone(), aug.clone()]);
    // The active users decide which accounts exist: the deleted user and the guest are left out.
    assert_eq!(accounts.len(), 6);
    assert!(accounts.iter().all(|a| !a.id.starts_with("yoshida")));
    let last = |id: &str| find(&accounts, id).last_sign_in;
    assert_eq!(
        last("yamada.taro@hoshi-test.example"),
        SignIn::On(day(2026, 11, 30))
    );
    assert_eq!(last("info@hoshi-test.example"), SignIn::On(day(2026, 8, 3)));
    // August and November do not join up: absence counts from November only.
    assert_eq!(
        last("hoshu.vendor@hoshi-test.example"),
        SignIn::NotSince(day(2026, 11, 1))
    );
    let r = run(&accounts);
    use Check as C;
    assert_eq!(
        checks_of(&r, "info@hoshi-test.example"),
        [C::Unused, C::SharedId, C::PasswordNeverExpires]
    );
    let unused = r.findings.iter().find(|f| f.check == C::Unused).unwrap();
    assert_eq!(unused.number, Some(120), "no sign-in for 120 days");
    assert_eq!(checks_of(&r, "tanaka.t@hoshi-test.example"), [C::NotSeen]);
    let not_seen = r.findings.iter().find(|f| f.check == C::NotSeen).unwrap();
    assert_eq!(not_seen.number, Some(30));
    assert_eq!(checks_of(&r, "yamada.taro@hoshi-test.example"), []);
    assert_eq!(checks_of(&r, "suzuki.ichiro@hoshi-test.example"), []);
    assert_eq!(status(&r, "4-1-1-3"), Suggested::NotMet, "1 of 5 unused");

    // With the registration details: the guest is an account, and an administrator the log
    // does not show keeps 4-1-2-6 from being suggested as met.
    let reg = read(&data("entra_registration.csv"), None).unwrap();
    let accounts = combine(vec![users, reg, nov]);
    assert_eq!(
        find(&accounts, "guest_kaneko#EXT#@hoshi-test.example").last_sign_in,
        SignIn::On(day(2026, 11, 9))
    );
    let r = run(&accounts);
    assert!(checks_of(&r, "hoshu.vendor@hoshi-test.example").contains(&C::NotSeen));
    assert_eq!(status(&r, "4-1-2-6"), Suggested::NoData);
    assert_eq!(status(&r, "4-1-1-3"), Suggested::Partial, "only not seen");
}

#[test]
fn a_long_unbroken_log_makes_absent_accounts_unused() {
    // Japanese headers (not confirmed, accepted as a guess), a log kept since August.
    let log = "\u{FEFF}日付 (UTC),ユーザー,ユーザー名,状態\r\n\
               2026-11-30T01:00:00Z,山田 太郎,yamada.taro@hoshi-test.example,成功\r\n\
               2026-10-01T01:00:00Z,佐藤 花子,sato.hanako@hoshi-test.example,成功\r\n\
               2026-08-01T01:00:00Z,田中 太郎,tanaka.t@hoshi-test.example,失敗\r\n";
    let log = read(log.as_bytes(), None).unwrap();
    assert_eq!(log.format, Format::EntraSignIns);
    let users = read(&data("m365_active_users.csv"), None).unwrap();
    let accounts = try_combine(vec![users, log]).unwrap();
    let r = run(&accounts);
    use Check as C;
    for id in ["info@hoshi-test.example", "tanaka.t@hoshi-test.example"] {
        let f = r
            .findings
            .iter()
            .find(|f| f.account.as_ref().is_some_and(|a| a.id == id) && f.check == C::Unused)
            .unwrap_or_else(|| panic!("{id} unused"));
        assert_eq!(f.number, Some(122), "at least since the log's first day");
    }
    assert_eq!(checks_of(&r, "sato.hanako@hoshi-test.example"), []);
}

#[test]
fn bad_sign_in_rows_are_named() {
    let err = read(&data("malformed_sign_ins.csv"), None).unwrap_err();
    let got: Vec<(usize, Option<&str>, &str)> = err
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_deref(), p.kind.code()))
        .collect();
    assert_eq!(
        got,
        [
            (3, Some("Date (UTC)"), "bad_date"),
            (4, Some("Status"), "bad_sign_in_status"),
        ]
    );
    let ja = err.message(Lang::Ja);
    assert!(
        ja.contains("3 行目の列「Date (UTC)」: 「2026-11-31T10:00:00Z」は日付として読めません。"),
        "{ja}"
    );
    assert!(
        ja.contains("4 行目の列「Status」: 「Pending」はサインインの状態として読めません。"),
        "{ja}"
    );
    assert!(
        err.message(Lang::En)
            .contains("Row 4, column “Status”: “Pending” is not a sign-in status")
    );
}

#[test]
fn a_sign_in_log_alone_is_refused() {
    let log = read(&data("entra_sign_ins_2026-11.csv"), None).unwrap();
    let err = try_combine(vec![log.clone()]).unwrap_err();
    assert_eq!(err.problems[0].kind, ProblemKind::SignInLogAlone);
    assert!(
        err.message(Lang::Ja)
            .starts_with("サインイン ログだけでは確認できません。"),
        "{}",
        err.message(Lang::Ja)
    );
    // Beside accounts of another system it has nothing to join to either.
    let ad = read(&data("ad_users_en.csv"), None).unwrap();
    assert!(try_combine(vec![ad, log.clone()]).is_err());
    // `combine` itself adds nobody from a log.
    assert!(combine(vec![log]).is_empty());
}

#[test]
fn get_mguser_with_sign_in_activity() {
    let e = read(&data("graph_users_sign_in_activity.csv"), None).unwrap();
    assert_eq!(e.format, Format::GraphUsers);
    let a = &e.accounts;
    assert_eq!(a.len(), 6);
    let kimura = find(a, "kimura.aoi@hoshi-graph.example");
    assert_eq!(kimura.last_sign_in, SignIn::On(day(2026, 11, 30)));
    assert_eq!((kimura.name.as_str(), kimura.row), ("木村 葵", 3));
    // No successful sign-in recorded (the property is newer): the last attempt is used.
    assert_eq!(
        find(a, "ogawa.jun@hoshi-graph.example").last_sign_in,
        SignIn::On(day(2026, 10, 15))
    );
    assert_eq!(
        find(a, "nishida.k@hoshi-graph.example").enabled,
        Some(false)
    );
    let r = run(a);
    use Check as C;
    assert_eq!(checks_of(&r, "morita.ren@hoshi-graph.example"), [C::Unused]);
    assert_eq!(
        r.findings
            .iter()
            .find(|f| f.check == C::Unused)
            .unwrap()
            .number,
        Some(153)
    );
    assert_eq!(
        checks_of(&r, "kaigishitsu@hoshi-graph.example"),
        [C::NeverUsed]
    );
    assert_eq!(checks_of(&r, "ishii.mao@hoshi-graph.example"), [], "new");
    assert_eq!(checks_of(&r, "ogawa.jun@hoshi-graph.example"), []);
    // It is an account list: a sign-in log may be joined to it.
    let log = "Date (UTC),User,Username,Status\n2026-11-28T00:00:00Z,森田 蓮,MORITA.REN@hoshi-graph.example,Success\n";
    let log = read(log.as_bytes(), None).unwrap();
    let joined = try_combine(vec![e, log]).unwrap();
    assert_eq!(
        find(&joined, "morita.ren@hoshi-graph.example").last_sign_in,
        SignIn::On(day(2026, 11, 28))
    );
}
