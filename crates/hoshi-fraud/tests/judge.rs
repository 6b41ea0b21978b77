//! The judgement on hand-made mails, one per rule that matters most: who really sent it decides
//! how much what it asks for counts.

use hoshi_fraud::judge::{Judge, Verdict, judge};
use hoshi_fraud::message::parse;
use hoshi_fraud::profile::Profile;
use hoshi_fraud::report::with_header;

const PROFILE: &str = r#"
format = "hoshi-fraud-profile/1"
[organisation]
name = "北辰工業株式会社"
domains = ["hokushin-kogyo.co.jp"]
authserv_ids = ["mx.hokushin-kogyo.co.jp"]

[[people]]
name = "北村 健一"
kana = "きたむら けんいち"
romaji = "Kenichi Kitamura"
role = "代表取締役"
officer = true
addresses = ["k.kitamura@hokushin-kogyo.co.jp"]

[[partners]]
name = "株式会社若葉精工"
domains = ["wakaba-seiko.co.jp"]
dkim_domains = ["wakaba-seiko.co.jp"]
contacts = ["中田 聡"]

[rules]
bank_change_confirmed_by_phone = true
"#;

fn profile() -> Profile {
    Profile::parse(PROFILE).unwrap()
}

/// A mail as the organisation's MX would hand it over: its stamp on top, then what the sender
/// wrote (which may include a forged stamp of its own).
fn mail(from: &str, auth: &str, extra: &str, subject: &str, body: &str) -> Vec<u8> {
    format!(
        "Authentication-Results: mx.hokushin-kogyo.co.jp; {auth}\r\n\
         Received: from out.example by mx.hokushin-kogyo.co.jp\r\n\
         Received: from client by out.example\r\n\
         {extra}From: {from}\r\n\
         To: keiri@hokushin-kogyo.co.jp\r\n\
         Subject: {subject}\r\n\
         Message-ID: <x@example>\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=UTF-8\r\n\
         Content-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n"
    )
    .into_bytes()
}

const LINE_ASK: &str = "お疲れ様です。\r\n業務の件で LINE のグループを作成してください。作成後、グループの二次元コードをこのメールに返信で送ってください。\r\n他の社員には伝えないでください。今は会議中のため電話には出られません。\r\n北村";

#[test]
fn the_presidents_name_from_free_mail_asking_for_a_line_group_is_fraud() {
    let m = parse(&mail(
        "\"北村 健一\" <kitamura.office2026@gmail.com>",
        "spf=pass smtp.mailfrom=gmail.com; dkim=pass header.d=gmail.com; dmarc=pass header.from=gmail.com",
        "",
        "【至急】グループ作成依頼",
        LINE_ASK,
    ));
    let j = judge(&m, &profile());
    assert_eq!(j.verdict, Verdict::Fraud, "{j:#?}");
    let codes: Vec<&str> = j.reasons.iter().map(|r| r.code).collect();
    assert!(codes.contains(&"impersonated_officer"), "{codes:?}");
    assert!(codes.contains(&"asks_channel_move"), "{codes:?}");
    assert!(j.advice_ja.contains("電話番号"));
}

#[test]
fn the_same_words_from_the_company_domain_authenticated_by_its_own_mx_are_ok() {
    // The IT warning quoting the scam, or the president really writing.
    let m = parse(&mail(
        "\"北村 健一\" <k.kitamura@hokushin-kogyo.co.jp>",
        "spf=pass smtp.mailfrom=hokushin-kogyo.co.jp; dkim=pass header.d=hokushin-kogyo.co.jp; dmarc=pass header.from=hokushin-kogyo.co.jp",
        "",
        "【注意喚起】社長をかたるメールについて",
        LINE_ASK,
    ));
    let j = judge(&m, &profile());
    assert_eq!(j.verdict, Verdict::Ok, "{j:#?}");
}

#[test]
fn a_stamp_the_sender_wrote_itself_is_not_believed() {
    // The company domain, failing at the company's MX; the sender added its own "pass" below.
    let m = parse(&mail(
        "\"北村 健一\" <k.kitamura@hokushin-kogyo.co.jp>",
        "spf=fail smtp.mailfrom=hokushin-kogyo.co.jp; dkim=none; dmarc=fail header.from=hokushin-kogyo.co.jp",
        "Authentication-Results: mx.attacker.example; spf=pass; dkim=pass header.d=hokushin-kogyo.co.jp; dmarc=pass\r\n",
        "確認",
        LINE_ASK,
    ));
    let j = judge(&m, &profile());
    assert_eq!(j.verdict, Verdict::Fraud, "{j:#?}");
    assert!(j.reasons.iter().any(|r| r.code == "forged_own_domain"));
}

const BANK: &str = "いつもお世話になっております。若葉精工 経理部の中田です。\r\n監査の関係で、今月から弊社の振込先口座を変更いたしました。\r\n新しい口座: みどり銀行 本店 普通 7654321\r\n次回のお支払いから、こちらへお願いいたします。";

#[test]
fn a_bank_change_from_a_look_alike_partner_domain_is_fraud() {
    let m = parse(&mail(
        "\"中田 聡\" <s.nakata@wakaba-seik0.co.jp>",
        "spf=pass smtp.mailfrom=wakaba-seik0.co.jp; dkim=none; dmarc=none",
        "",
        "振込先変更のお知らせ",
        BANK,
    ));
    let j = judge(&m, &profile());
    assert_eq!(j.verdict, Verdict::Fraud, "{j:#?}");
    assert!(j.reasons.iter().any(|r| r.code == "lookalike_domain"));
    assert!(j.reasons.iter().any(|r| r.code == "asks_bank_change"));
}

#[test]
fn the_partners_signed_notice_is_ok_with_a_reminder_of_the_phone_rule() {
    let m = parse(&mail(
        "\"中田 聡\" <s.nakata@wakaba-seiko.co.jp>",
        "spf=pass smtp.mailfrom=wakaba-seiko.co.jp; dkim=pass header.d=wakaba-seiko.co.jp; dmarc=pass header.from=wakaba-seiko.co.jp",
        "",
        "振込先変更のお知らせ",
        BANK,
    ));
    let j = judge(&m, &profile());
    assert_eq!(j.verdict, Verdict::Ok, "{j:#?}");
    assert!(j.reasons.iter().any(|r| r.code == "bank_change_rule"));
}

#[test]
fn the_partners_domain_without_its_usual_signature_in_a_thread_is_flagged() {
    let m = parse(&mail(
        "\"中田 聡\" <s.nakata@wakaba-seiko.co.jp>",
        "spf=softfail smtp.mailfrom=wakaba-seiko.co.jp; dkim=none; dmarc=none",
        "In-Reply-To: <earlier@wakaba-seiko.co.jp>\r\nReply-To: wakaba.keiri@outlook.jp\r\n",
        "Re: 11月分のご請求について",
        BANK,
    ));
    let j = judge(&m, &profile());
    assert_eq!(j.verdict, Verdict::Fraud, "{j:#?}");
    assert!(j.reasons.iter().any(|r| r.code == "partner_unsigned"));
    assert!(j.reasons.iter().any(|r| r.code == "reply_to_elsewhere"));
}

#[test]
fn an_ordinary_inquiry_from_an_unknown_company_is_ok() {
    let m = parse(&mail(
        "\"山本 花子\" <hanako.yamamoto@kitakaze-denki.co.jp>",
        "spf=pass smtp.mailfrom=kitakaze-denki.co.jp; dkim=pass header.d=kitakaze-denki.co.jp; dmarc=pass",
        "",
        "部品のお見積りについて",
        "はじめてご連絡いたします。北風電機の山本と申します。\r\n貴社の精密部品について、至急お見積りをお願いしたく存じます。お支払い条件もあわせてご教示ください。",
    ));
    let j = judge(&m, &profile());
    assert_eq!(j.verdict, Verdict::Ok, "{j:#?}");
}

#[test]
fn the_filter_header_replaces_one_the_mail_arrived_with() {
    let raw = mail(
        "\"北村 健一\" <kitamura.office2026@gmail.com>",
        "spf=pass; dkim=pass header.d=gmail.com; dmarc=pass",
        "X-Hoshi-Fraud: ok; score=0\r\n",
        "【至急】グループ作成依頼",
        LINE_ASK,
    );
    let m = parse(&raw);
    let out = String::from_utf8(with_header(&raw, &judge(&m, &profile()))).unwrap();
    assert!(out.starts_with("X-Hoshi-Fraud: fraud; score="), "{out}");
    assert_eq!(out.matches("X-Hoshi-Fraud:").count(), 1, "{out}");
    assert!(out.contains("X-Hoshi-Fraud-Summary: =?UTF-8?B?"));
    assert!(out.ends_with("北村\r\n"));
    // What the filter wrote is itself a readable mail with the same text.
    let again = parse(out.as_bytes());
    assert_eq!(again.subject, m.subject);
}

#[test]
fn the_own_domain_without_proof_is_judged_like_an_outsider() {
    // No stamp of the organisation's MX at all (or a neutral one): the president's name with a
    // free-mail Reply-To and the LINE-group request is not waved through as internal mail.
    for auth in ["spf=neutral; dkim=none; dmarc=none", ""] {
        let raw = mail(
            "\"北村 健一\" <kitamura@hokushin-kogyo.co.jp>",
            auth,
            "Reply-To: kitamura.private.2026@gmail.com\r\n",
            "至急",
            LINE_ASK,
        );
        let raw = if auth.is_empty() {
            String::from_utf8(raw)
                .unwrap()
                .replacen(
                    "Authentication-Results: mx.hokushin-kogyo.co.jp; \r\n",
                    "",
                    1,
                )
                .into_bytes()
        } else {
            raw
        };
        let j = judge(&parse(&raw), &profile());
        assert_ne!(j.verdict, Verdict::Ok, "{auth:?}: {j:#?}");
    }
}

#[test]
fn names_and_domains_of_unrelated_companies_are_not_imitations() {
    let m = parse(&mail(
        "\"営業部 佐々木\" <sasaki@wakaba-seiko-trading.co.jp>",
        "spf=pass; dkim=pass header.d=wakaba-seiko-trading.co.jp; dmarc=pass",
        "",
        "新製品のご案内",
        "いつもお世話になっております。Connect シリーズの新製品のご案内です。\r\n",
    ));
    let j = judge(&m, &profile());
    assert_eq!(j.verdict, Verdict::Ok, "{j:#?}");
}

/// The test profile with the partner's account on file.
fn profile_with_account() -> Profile {
    let text = PROFILE.replace(
        "contacts = [\"中田 聡\"]",
        "contacts = [\"中田 聡\"]\nbank_accounts = [\"みどり銀行 本店 普通 1112223\"]",
    );
    Profile::parse(&text).unwrap()
}

const SIGNED_PARTNER: &str = "spf=pass smtp.mailfrom=wakaba-seiko.co.jp; dkim=pass header.d=wakaba-seiko.co.jp; dmarc=pass header.from=wakaba-seiko.co.jp";

#[test]
fn a_signed_partner_asking_to_pay_into_an_account_not_on_file_is_fraud() {
    // The partner's real, signed mailbox (taken over), inside a real thread: an advance into a
    // "separate" account. Nothing about the sender is wrong; the account is.
    let m = parse(&mail(
        "\"中田 聡\" <s.nakata@wakaba-seiko.co.jp>",
        SIGNED_PARTNER,
        "In-Reply-To: <quote-0412@wakaba-seiko.co.jp>\r\n",
        "Re: 試作品のお見積り",
        "ご発注の内示をありがとうございます。\r\n今回は材料の手配が必要なため、代金の3割を前受金として、下記の専用口座にお振り込みいただけますでしょうか。\r\n\r\n　ひかり銀行　大手町支店　普通　4455667\r\n\r\n入金を確認でき次第、手配いたします。\r\n中田",
    ));
    let j = judge(&m, &profile_with_account());
    assert_eq!(j.verdict, Verdict::Fraud, "{j:#?}");
    let r = j
        .reasons
        .iter()
        .find(|r| r.code == "account_not_on_file")
        .unwrap();
    assert!(r.detail.contains("4455667"), "{r:?}");
    assert!(r.ja.contains("電話番号"), "{r:?}");
    // The same mail paying the account on file is an ordinary partner's mail.
    let m = parse(&mail(
        "\"中田 聡\" <s.nakata@wakaba-seiko.co.jp>",
        SIGNED_PARTNER,
        "In-Reply-To: <quote-0412@wakaba-seiko.co.jp>\r\n",
        "Re: 試作品のお見積り",
        "ご発注の内示をありがとうございます。\r\n今回は前受金として代金の3割をお願いしております。\r\nお振込先はいつもの口座（みどり銀行 本店 普通 1112223）です。\r\n中田",
    ));
    let j = judge(&m, &profile_with_account());
    assert_eq!(j.verdict, Verdict::Ok, "{j:#?}");
}

#[test]
fn a_genuine_notice_of_a_new_account_that_asks_for_a_call_gets_a_note_only() {
    let m = parse(&mail(
        "\"中田 聡\" <s.nakata@wakaba-seiko.co.jp>",
        SIGNED_PARTNER,
        "",
        "お振込先変更のお知らせ",
        "本社移転に伴い、来月のお支払い分からお振込先を変更させていただきます。\r\n　変更前：みどり銀行 本店 普通 1112223\r\n　変更後：みどり銀行 駅前支店 普通 3334445\r\nお手数ですが、貴社にご登録の弊社代表番号へお電話いただき、経理課までご確認をお願いいたします。",
    ));
    let j = judge(&m, &profile_with_account());
    assert_eq!(j.verdict, Verdict::Ok, "{j:#?}");
    let note = j
        .reasons
        .iter()
        .find(|r| r.code == "account_not_on_file_note")
        .unwrap();
    assert_eq!(note.points, 0);
    assert!(note.detail.contains("3334445"), "{note:?}");
    assert!(j.reasons.iter().any(|r| r.code == "bank_change_rule"));
    // The new account is what the note is about; the old one is on file.
    assert!(!note.detail.contains("1112223"), "{note:?}");
}

#[test]
fn mail_sent_through_a_subscribed_list_or_as_a_newsletter_may_tell_about_the_scams() {
    let profile = Profile::parse(&PROFILE.replace(
        "[organisation]",
        "lists = [\"ml.kogyokai.example\"]\n[organisation]",
    ))
    .unwrap();
    let report = "会員の皆さまへ。当社の経理に、社長の名前で「LINE のグループを作って QR コードを送ってほしい、会議中で電話に出られない」というメールが届きました。お気をつけください。";
    // Through the list: the list's own envelope passes SPF at our MX; the author's DKIM broke.
    let m = parse(&mail(
        "\"大川 良子\" <r.okawa@okawa-kako.example>",
        "spf=pass smtp.mailfrom=ml.kogyokai.example; dkim=fail header.d=okawa-kako.example; dmarc=fail header.from=okawa-kako.example",
        "List-Id: <members.ml.kogyokai.example>\r\nPrecedence: list\r\n",
        "[kogyokai:0412] 社長名の詐欺メールについて",
        report,
    ));
    let j = judge(&m, &profile);
    assert_eq!(j.verdict, Verdict::Ok, "{j:#?}");
    assert!(j.reasons.iter().any(|r| r.code == "broadcast"));
    // A List-Id the sender wrote itself proves nothing: the same words sent directly count.
    let m = parse(&mail(
        "\"大川 良子\" <r.okawa@okawa-kako.example>",
        "spf=pass smtp.mailfrom=okawa-kako.example; dkim=pass header.d=okawa-kako.example; dmarc=pass header.from=okawa-kako.example",
        "List-Id: <members.ml.kogyokai.example>\r\n",
        "社長名の詐欺メールについて",
        report,
    ));
    assert_ne!(judge(&m, &profile).verdict, Verdict::Ok);
    // A newsletter, authenticated for its own domain, about bank-change fraud.
    let news = "特集：その振込先の変更、電話で確かめましたか。取引先を装って振込先口座の変更を求めるメールが増えています。\r\n「至急パスワードを確認してください」と迫るメールにもご注意ください。";
    let unsubscribe =
        "List-Unsubscribe: <https://news.kikai-times.example/unsubscribe>\r\nPrecedence: bulk\r\n";
    let newsletter = |extra: &str| {
        parse(&mail(
            "\"機械タイムズ\" <news@kikai-times.example>",
            "spf=pass smtp.mailfrom=kikai-times.example; dkim=pass header.d=kikai-times.example; dmarc=pass header.from=kikai-times.example",
            extra,
            "機械タイムズ 第120号",
            news,
        ))
    };
    let j = judge(&newsletter(unsubscribe), &profile);
    assert_eq!(j.verdict, Verdict::Ok, "{j:#?}");
    assert_ne!(judge(&newsletter(""), &profile).verdict, Verdict::Ok);
}

#[test]
fn online_and_deadline_are_not_line() {
    // A first contact with an NDA and an online meeting: no LINE group is asked for.
    let m = parse(&mail(
        "\"開発部 西田\" <k.nishida@nishida-medical.example>",
        "spf=pass smtp.mailfrom=nishida-medical.example; dkim=pass header.d=nishida-medical.example; dmarc=pass header.from=nishida-medical.example",
        "",
        "試作のご相談（秘密保持契約のお願い）",
        "はじめてご連絡いたします。図面をお送りする前に秘密保持契約を結ばせてください。\r\nThe deadline for the prototype is the end of May.\r\nご都合のよい日にオンラインでお打ち合わせできれば幸いです。",
    ));
    let j = judge(&m, &profile());
    assert_eq!(j.verdict, Verdict::Ok, "{j:#?}");
    // LINE itself, in either script, is still found.
    for line in ["LINEのグループ", "ラインのグループ"] {
        let m = parse(&mail(
            "\"北村 健一\" <kitamura.k.office@gmail.com>",
            "spf=pass; dkim=pass header.d=gmail.com; dmarc=pass",
            "",
            "お願い",
            &format!("{line}を作成して、二次元コードを送ってください。"),
        ));
        let j = judge(&m, &profile());
        assert!(
            j.reasons.iter().any(|r| r.code == "asks_channel_move"),
            "{line}: {j:#?}"
        );
    }
}

#[test]
fn a_well_known_services_name_from_another_domain_is_phishing() {
    let m = parse(&mail(
        "\"Microsoft アカウント チーム\" <no-reply@ms-account-notice.example>",
        "spf=pass smtp.mailfrom=ms-account-notice.example; dkim=pass header.d=ms-account-notice.example; dmarc=pass header.from=ms-account-notice.example",
        "",
        "サインインがブロックされました",
        "お使いのアカウントで普段と異なる場所からのサインインがありました。\r\n24 時間以内に本人確認を行ってください。\r\nhttps://ms-account-notice.example/verify",
    ));
    let j = judge(&m, &profile());
    assert_eq!(j.verdict, Verdict::Fraud, "{j:#?}");
    assert!(j.reasons.iter().any(|r| r.code == "impersonated_service"));
    // The service itself, from its own domain, is not accused of borrowing its name.
    let m = parse(&mail(
        "\"Microsoft アカウント チーム\" <account-security-noreply@accountprotection.microsoft.com>",
        "spf=pass smtp.mailfrom=accountprotection.microsoft.com; dkim=pass header.d=accountprotection.microsoft.com; dmarc=pass",
        "",
        "セキュリティ情報が追加されました",
        "お使いのアカウントにセキュリティ情報が追加されました。",
    ));
    let j = judge(&m, &profile());
    assert!(
        !j.reasons.iter().any(|r| r.code == "impersonated_service"),
        "{j:#?}"
    );
}

#[test]
fn our_address_written_into_the_display_name_of_a_free_mail_sender_is_flagged() {
    let m = parse(&mail(
        "\"k.kitamura@hokushin-kogyo.co.jp\" <office.desk.2031@gmail.com>",
        "spf=pass smtp.mailfrom=gmail.com; dkim=pass header.d=gmail.com; dmarc=pass",
        "",
        "確認",
        "今日中に一件、送金をお願いしたいのですが対応できますか。",
    ));
    let j = judge(&m, &profile());
    assert_ne!(j.verdict, Verdict::Ok, "{j:#?}");
    assert!(
        j.reasons
            .iter()
            .any(|r| r.code == "address_in_display_name")
    );
    // A file-sharing service writing on a partner's behalf shows the partner's address.
    let m = parse(&mail(
        "\"s.nakata@wakaba-seiko.co.jp (Google ドライブ)\" <drive-shares-dm-noreply@google.com>",
        "spf=pass smtp.mailfrom=google.com; dkim=pass header.d=google.com; dmarc=pass header.from=google.com",
        "",
        "図面を共有しました",
        "図面のフォルダを共有しました。",
    ));
    let j = judge(&m, &profile());
    assert_eq!(j.verdict, Verdict::Ok, "{j:#?}");
}

#[test]
fn an_officers_name_in_a_free_mail_address_or_with_the_title_is_a_claim() {
    // No display name at all: the name is in the address.
    let m = parse(&mail(
        "<kenichi.kitamura.0521@gmail.com>",
        "spf=pass smtp.mailfrom=gmail.com; dkim=pass header.d=gmail.com; dmarc=pass",
        "",
        "お疲れ様です",
        "いま少しお時間ありますか。急ぎでお願いしたいことがあります。",
    ));
    let j = judge(&m, &profile());
    assert_ne!(j.verdict, Verdict::Ok, "{j:#?}");
    assert!(j.reasons.iter().any(|r| r.code == "name_in_address"));
    // The family name with the title: 北村社長 (the profile says 代表取締役).
    let m = parse(&mail(
        "\"北村社長\" <hokushin.desk@outlook.jp>",
        "spf=pass smtp.mailfrom=outlook.jp; dkim=pass header.d=outlook.jp; dmarc=pass",
        "",
        "お疲れ様です",
        "いま少しお時間ありますか。急ぎでお願いしたいことがあります。",
    ));
    let j = judge(&m, &profile());
    assert_ne!(j.verdict, Verdict::Ok, "{j:#?}");
    assert!(j.reasons.iter().any(|r| r.code == "impersonated_officer"));
}

#[test]
fn a_partner_contacts_name_on_free_mail_is_flagged() {
    let m = parse(&mail(
        "\"中田 聡\" <satoshi.nakata.88@gmail.com>",
        "spf=pass smtp.mailfrom=gmail.com; dkim=pass header.d=gmail.com; dmarc=pass",
        "",
        "ご請求の件",
        "会社のメールが不調のため、しばらくこちらのアドレスからご連絡いたします。\r\n今月のご請求について確認したいことがございますので、このアドレスにご返信ください。",
    ));
    let j = judge(&m, &profile());
    assert_ne!(j.verdict, Verdict::Ok, "{j:#?}");
    assert!(
        j.reasons
            .iter()
            .any(|r| r.code == "impersonated_partner_contact")
    );
}

#[test]
fn an_outsider_asking_for_money_on_the_presidents_authority_in_secret_is_flagged() {
    // Not a lawyer, no acquisition: a "consultant" who invokes the president.
    let m = parse(&mail(
        "\"経営企画支援 岡田\" <okada@kk-advisory.example>",
        "spf=pass smtp.mailfrom=kk-advisory.example; dkim=pass header.d=kk-advisory.example; dmarc=pass header.from=kk-advisory.example",
        "",
        "北村社長からのご依頼の件",
        "北村社長のご指示により、新規事業の件でご連絡いたしました。\r\n本日中に着手金を弊社口座へご送金いただく必要がございます。\r\n本件は社内の他の方にはご内密にお願いいたします。社長は移動中のため、ご連絡は電話ではなくこのメールでお願いいたします。",
    ));
    let j = judge(&m, &profile());
    assert_ne!(j.verdict, Verdict::Ok, "{j:#?}");
    assert!(j.reasons.iter().any(|r| r.code == "invokes_officer"));
}

#[test]
fn a_prepared_judge_gives_the_same_judgement_as_the_one_off_function() {
    let p = profile_with_account();
    let prepared = Judge::new(&p);
    for raw in [
        mail(
            "\"北村 健一\" <kitamura.office2026@gmail.com>",
            "spf=pass; dkim=pass header.d=gmail.com; dmarc=pass",
            "",
            "【至急】グループ作成依頼",
            LINE_ASK,
        ),
        mail(
            "\"中田 聡\" <s.nakata@wakaba-seiko.co.jp>",
            SIGNED_PARTNER,
            "",
            "振込先変更のお知らせ",
            BANK,
        ),
    ] {
        let m = parse(&raw);
        assert_eq!(prepared.judge(&m), judge(&m, &p));
    }
}

#[test]
fn a_staff_members_family_name_and_department_on_free_mail_is_a_claim() {
    let p = Profile::parse(&format!(
        "{PROFILE}\n[[people]]\nname = \"南野 由紀\"\nrole = \"情報システム課\"\naddresses = [\"y.minamino@hokushin-kogyo.co.jp\"]\n"
    ))
    .unwrap();
    let m = parse(&mail(
        "\"情報システム課 南野\" <hokushin.helpdesk@outlook.jp>",
        "spf=pass smtp.mailfrom=outlook.jp; dkim=pass header.d=outlook.jp; dmarc=pass",
        "",
        "アカウント確認のお願い",
        "メール移行のため、サインイン情報をこのメールへの返信でお知らせください。",
    ));
    let j = judge(&m, &p);
    assert_ne!(j.verdict, Verdict::Ok, "{j:#?}");
    let r = j
        .reasons
        .iter()
        .find(|r| r.code == "impersonated_staff")
        .unwrap();
    assert!(r.detail.contains("南野 由紀"), "{r:?}");
}

/// Without the MX's stamp (a mail saved elsewhere, a server with no authserv-id), hoshi's own
/// DKIM verification stands in: a valid signature of the company domain proves it, a
/// partner's mail without its usual signature is suspect, and without either nothing is proved.
#[test]
fn hoshis_own_dkim_verification_stands_in_for_a_missing_stamp() {
    let unstamped = |from: &str, body: &str| {
        format!(
            "From: {from}\r\nTo: keiri@hokushin-kogyo.co.jp\r\nSubject: 至急のお願い\r\n\
             Message-ID: <y@example>\r\nMIME-Version: 1.0\r\n\
             Content-Type: text/plain; charset=UTF-8\r\n\r\n{body}\r\n"
        )
        .into_bytes()
    };
    let p = profile();
    let j = Judge::new(&p);
    let own = unstamped("\"北村 健一\" <k.kitamura@hokushin-kogyo.co.jp>", LINE_ASK);
    // Nobody verified anything: a forged own domain cannot be told from a real one.
    let none = j.judge(&parse(&own));
    assert_ne!(none.verdict, Verdict::Ok, "{none:#?}");
    // hoshi verified the company's own signature: the president really wrote it.
    let mut m = parse(&own);
    m.own_dkim = Some(vec![("hokushin-kogyo.co.jp".into(), true)]);
    assert_eq!(j.judge(&m).verdict, Verdict::Ok);
    // A signature of another domain proves nothing about the company domain.
    m.own_dkim = Some(vec![("mailer.example".into(), true)]);
    assert_ne!(j.judge(&m).verdict, Verdict::Ok);
    // The partner always signs; verified without its signature, the account change is suspect.
    let partner = unstamped(
        "\"中田 聡\" <s.nakata@wakaba-seiko.co.jp>",
        "いつもお世話になっております。\r\n振込先の口座を変更しましたので、今月分から下記の新しい口座へお振込みください。\r\n若葉銀行 本店 普通 7654321",
    );
    let mut m = parse(&partner);
    m.own_dkim = Some(Vec::new());
    let r = j.judge(&m);
    assert!(
        r.reasons.iter().any(|x| x.code == "partner_unsigned"),
        "{r:#?}"
    );
    m.own_dkim = Some(vec![("wakaba-seiko.co.jp".into(), true)]);
    let r = j.judge(&m);
    assert!(
        !r.reasons.iter().any(|x| x.code == "partner_unsigned"),
        "{r:#?}"
    );
}

/// Every code a judgement can give has a name in both languages (the web's kept counts show
/// names, not codes).
#[test]
fn every_signal_a_judgement_gives_has_a_name() {
    let src = include_str!("../src/judge.rs");
    let mut missing = Vec::new();
    // Codes stand alone on their line as the first argument of a reason: `"asks_money",`.
    for line in src.lines() {
        let Some(code) = line
            .trim()
            .strip_prefix('"')
            .and_then(|l| l.strip_suffix("\","))
        else {
            continue;
        };
        let is_code = code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
        if is_code
            && !matches!(code, "ok" | "suspicious" | "fraud")
            && hoshi_fraud::judge::signal_name(code).is_none()
        {
            missing.push(code.to_string());
        }
    }
    for code in ["impersonated_officer", "impersonated_staff"] {
        assert!(hoshi_fraud::judge::signal_name(code).is_some(), "{code}");
    }
    assert!(missing.is_empty(), "no name for {missing:?}");
    assert_eq!(
        hoshi_fraud::judge::signal_name("asks_channel_move").map(|n| n.0),
        Some("LINE などへの移動を求める")
    );
}
