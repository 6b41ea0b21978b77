//! The judgement on hand-made mails, one per rule that matters most: who really sent it decides
//! how much what it asks for counts.

use hoshi_fraud::judge::{Verdict, judge};
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
