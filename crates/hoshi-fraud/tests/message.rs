//! Reading real-shaped Japanese mail: every encoding built with encoding_rs's encoders, the
//! forms Japanese mailers write, mbox files and hostile input.

use encoding_rs::{EUC_JP, ISO_2022_JP, SHIFT_JIS};
use hoshi_core::base64;
use hoshi_fraud::message::{MAX_PARTS, Message, parse, split_mbox};

fn enc(e: &'static encoding_rs::Encoding, s: &str) -> Vec<u8> {
    let (bytes, _, errors) = e.encode(s);
    assert!(!errors, "{s} does not fit {}", e.name());
    bytes.into_owned()
}

fn b_word(charset: &str, bytes: &[u8]) -> String {
    format!("=?{charset}?B?{}?=", base64::encode(bytes))
}

fn q_word(charset: &str, bytes: &[u8]) -> String {
    let mut out = format!("=?{charset}?Q?");
    for &b in bytes {
        match b {
            b' ' => out.push('_'),
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => out.push(b as char),
            _ => out.push_str(&format!("={b:02X}")),
        }
    }
    out.push_str("?=");
    out
}

/// Quoted-printable with soft line breaks, as mailers write it.
fn qp(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut col = 0;
    for &b in bytes {
        if b == b'\n' {
            out.extend_from_slice(b"\r\n");
            col = 0;
            continue;
        }
        let piece = if (33..=126).contains(&b) && b != b'=' {
            vec![b]
        } else {
            format!("={b:02X}").into_bytes()
        };
        if col + piece.len() > 75 {
            out.extend_from_slice(b"=\r\n");
            col = 0;
        }
        col += piece.len();
        out.extend(piece);
    }
    out
}

/// A message from header lines and a body (joined with CRLF).
fn mail(headers: &[&str], body: &[u8]) -> Vec<u8> {
    let mut m = Vec::new();
    for h in headers {
        m.extend_from_slice(h.as_bytes());
        m.extend_from_slice(b"\r\n");
    }
    m.extend_from_slice(b"\r\n");
    m.extend_from_slice(body);
    m
}

const SUBJECT: &str = "【至急】グループ作成依頼";

#[test]
fn subject_as_one_iso_2022_jp_b_word() {
    let w = b_word("ISO-2022-JP", &enc(ISO_2022_JP, SUBJECT));
    let m = parse(&mail(&[&format!("Subject: {w}")], b"x"));
    assert_eq!(m.subject, SUBJECT);
    assert_eq!(m.header("subject"), Some(SUBJECT));
}

#[test]
fn subject_split_across_two_folded_words() {
    // Two ISO-2022-JP words, each with its own escapes, the second on a continuation line.
    let a = b_word("iso-2022-jp", &enc(ISO_2022_JP, "【至急】"));
    let b = b_word("ISO-2022-JP", &enc(ISO_2022_JP, "グループ作成依頼"));
    let m = parse(&mail(&[&format!("Subject: {a}\r\n {b}")], b"x"));
    assert_eq!(m.subject, SUBJECT);

    // UTF-8 cut in the middle of a character between two words, folded with a tab.
    let bytes = SUBJECT.as_bytes();
    let (x, y) = bytes.split_at(4);
    let m = parse(&mail(
        &[&format!(
            "Subject: {}\r\n\t{}",
            b_word("UTF-8", x),
            b_word("utf-8", y)
        )],
        b"x",
    ));
    assert_eq!(m.subject, SUBJECT);
}

#[test]
fn subject_in_q_words_and_other_charsets() {
    let (x, y) = SUBJECT.as_bytes().split_at(9);
    let q = format!("Subject: Re: {} {}", q_word("UTF-8", x), q_word("UTF-8", y));
    assert_eq!(parse(&mail(&[&q], b"x")).subject, format!("Re: {SUBJECT}"));

    for (charset, e) in [
        ("Shift_JIS", SHIFT_JIS),
        ("SJIS", SHIFT_JIS),
        ("CP932", SHIFT_JIS),
        ("Windows-31J", SHIFT_JIS),
        ("EUC-JP", EUC_JP),
    ] {
        let w = b_word(charset, &enc(e, SUBJECT));
        let m = parse(&mail(&[&format!("Subject: {w} (確認)")], b"x"));
        assert_eq!(m.subject, format!("{SUBJECT} (確認)"), "{charset}");
        let w = q_word(charset, &enc(e, SUBJECT));
        assert_eq!(
            parse(&mail(&[&format!("Subject: {w}")], b"x")).subject,
            SUBJECT
        );
    }

    let w = q_word("ISO-8859-1", b"caf\xe9");
    assert_eq!(
        parse(&mail(&[&format!("Subject: {w}")], b"x")).subject,
        "café"
    );
    let w = b_word("x-unknown", SUBJECT.as_bytes());
    assert_eq!(
        parse(&mail(&[&format!("Subject: {w}")], b"x")).subject,
        SUBJECT
    );
}

#[test]
fn raw_eight_bit_headers_are_read() {
    let mut m = b"Subject: ".to_vec();
    m.extend(enc(SHIFT_JIS, SUBJECT));
    m.extend_from_slice(b"\r\nFrom: ");
    m.extend(enc(SHIFT_JIS, "山田 太郎"));
    m.extend_from_slice(b" <yamada@example.co.jp>\r\n\r\nbody\r\n");
    let msg = parse(&m);
    assert_eq!(msg.subject, SUBJECT);
    assert_eq!(msg.from.map(|a| a.display).as_deref(), Some("山田 太郎"));

    let mut m = b"Subject: ".to_vec();
    m.extend(SUBJECT.as_bytes());
    m.extend_from_slice(b"\n\nbody\n");
    assert_eq!(parse(&m).subject, SUBJECT);

    let mut m = b"Subject: ".to_vec();
    m.extend(enc(ISO_2022_JP, SUBJECT));
    m.extend_from_slice(b"\n\nbody\n");
    assert_eq!(parse(&m).subject, SUBJECT);
}

const BODY: &str =
    "お疲れ様です。山田です。\n至急、LINEでグループを作成して、QRコードを送ってください。\n";

#[test]
fn plain_bodies_in_every_japanese_charset() {
    for (label, e) in [
        ("ISO-2022-JP", ISO_2022_JP),
        ("Shift_JIS", SHIFT_JIS),
        ("EUC-JP", EUC_JP),
    ] {
        let ct = format!("Content-Type: text/plain; charset=\"{label}\"");
        let m = parse(&mail(&["Subject: x", &ct], &enc(e, BODY)));
        assert_eq!(m.text, BODY.trim_end(), "{label}");
        assert!(m.warnings.is_empty(), "{label}: {:?}", m.warnings);
        // Unlabelled: guessed.
        let m = parse(&mail(&["Subject: x"], &enc(e, BODY)));
        assert_eq!(m.text, BODY.trim_end(), "{label} unlabelled");
    }
    // Labelled ISO-2022-JP but sent as Shift_JIS: read as Shift_JIS, with a note.
    let m = parse(&mail(
        &["Content-Type: text/plain; charset=iso-2022-jp"],
        &enc(SHIFT_JIS, BODY),
    ));
    assert_eq!(m.text, BODY.trim_end());
    assert_eq!(m.warnings.len(), 1, "{:?}", m.warnings);
}

#[test]
fn base64_body_without_padding() {
    let body = format!("{BODY}以上");
    let b64 = base64::encode(&enc(ISO_2022_JP, &body));
    assert!(
        b64.ends_with('='),
        "the test needs a body whose padding can be cut"
    );
    let b64 = b64.trim_end_matches('=');
    let folded: Vec<&str> = b64
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).unwrap_or(""))
        .collect();
    let m = parse(&mail(
        &[
            "Content-Type: text/plain; charset=ISO-2022-JP",
            "Content-Transfer-Encoding: base64",
        ],
        folded.join("\r\n").as_bytes(),
    ));
    assert_eq!(m.text, body.trim_end());
}

#[test]
fn html_only_mail_with_entities() {
    let html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>通知</title>\
        <style>.x{display:block}</style></head><body>\
        <p>お客様&nbsp;各位</p><p>お支払い&amp;請求書の&lt;確認&gt;をお願いします&#12290;&#x2606;&copy;</p>\
        <div><a href=\"https://example.net/login?id=1&amp;t=2\">こちら&quot;から&quot;</a></div>\
        <script>var a = '<p>hidden</p>';</script>\
        <table><tr><td>振込先</td><td>青葉銀行</td></tr></table></body></html>";
    let m = parse(&mail(
        &[
            "Content-Type: text/html; charset=UTF-8",
            "Content-Transfer-Encoding: 8bit",
        ],
        html.as_bytes(),
    ));
    assert_eq!(
        m.text,
        "お客様 各位\nお支払い&請求書の<確認>をお願いします。☆©\nこちら\"から\"\n振込先 青葉銀行"
    );
    assert_eq!(m.html_text, m.text);
    assert_eq!(
        m.html_links,
        [(
            "https://example.net/login?id=1&t=2".to_string(),
            "こちら\"から\"".to_string()
        )]
    );
    assert!(!m.text.contains("hidden") && !m.text.contains("通知"));
}

#[test]
fn alternative_with_shift_jis_qp_plain_and_html() {
    let plain = qp(&enc(SHIFT_JIS, BODY));
    let html = format!(
        "<html><body><p>{}</p><a href=\"https://line.example/qr\">QR</a></body></html>",
        BODY.replace('\n', "<br>")
    );
    let mut body = b"This is a multi-part message in MIME format.\r\n\r\n--=_alt_1\r\n\
        Content-Type: text/plain; charset=\"Shift_JIS\"\r\n\
        Content-Transfer-Encoding: quoted-printable\r\n\r\n"
        .to_vec();
    body.extend(plain);
    body.extend_from_slice(
        b"\r\n--=_alt_1\r\nContent-Type: text/html; charset=\"UTF-8\"\r\n\
          Content-Transfer-Encoding: base64\r\n\r\n",
    );
    body.extend(base64::encode(html.as_bytes()).as_bytes());
    body.extend_from_slice(b"\r\n--=_alt_1--\r\nepilogue\r\n");
    let m = parse(&mail(
        &[
            "From: =?ISO-2022-JP?B?GyRCOzNFRBsoQg==?= <ceo.yamada@gmail.com>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative;\r\n boundary=\"=_alt_1\"",
        ],
        &body,
    ));
    assert_eq!(m.text, BODY.trim_end());
    assert!(m.html_text.starts_with("お疲れ様です。"), "{}", m.html_text);
    assert_eq!(
        m.html_links,
        [("https://line.example/qr".into(), "QR".into())]
    );
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
    let from = m.from.unwrap_or_default();
    assert_eq!(
        (from.display.as_str(), from.domain.as_str()),
        ("山田", "gmail.com")
    );
}

#[test]
fn html_alternative_is_read_when_the_plain_one_is_empty() {
    let body = b"--b\r\nContent-Type: text/plain\r\n\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n\
        <p>\xe9\x87\x8d\xe8\xa6\x81</p>\r\n--b--\r\n";
    let m = parse(&mail(
        &["Content-Type: multipart/alternative; boundary=b"],
        body,
    ));
    assert_eq!(m.text, "重要");
}

#[test]
fn attachments_with_japanese_file_names() {
    let name = "請求書_2024年3月分.pdf";
    let pct: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let (p1, p2) = pct.split_at(30);
    let w = b_word("ISO-2022-JP", &enc(ISO_2022_JP, name));
    let sjis_pct: String = enc(SHIFT_JIS, name)
        .iter()
        .map(|b| format!("%{b:02X}"))
        .collect();
    let body = format!(
        "--XYZ\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n添付をご確認ください。\r\n\
         --XYZ\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment;\r\n \
         filename*=UTF-8''{pct}\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n\
         --XYZ\r\nContent-Type: application/pdf; name=\"{w}\"\r\nContent-Disposition: attachment;\r\n \
         filename=\"{w}\"\r\n\r\n%PDF\r\n\
         --XYZ\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment;\r\n \
         filename*0*=utf-8'ja'{p1};\r\n filename*1*={p2}\r\n\r\nxx\r\n\
         --XYZ\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename*=Shift_JIS''{sjis_pct}\r\n\r\n\
         --XYZ\r\nContent-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\nFrom: nobody\r\n\
         --XYZ--\r\n"
    );
    let m = parse(&mail(
        &["Content-Type: multipart/mixed; boundary=XYZ"],
        body.as_bytes(),
    ));
    assert_eq!(m.text, "添付をご確認ください。");
    let names: Vec<&str> = m.attachments.iter().map(|a| a.file_name.as_str()).collect();
    assert_eq!(names, [name, name, name, name, ""]);
    assert_eq!(m.attachments[0].size, 9);
    assert_eq!(m.attachments[0].content_type, "application/pdf");
    assert_eq!(m.attachments[4].content_type, "message/rfc822");
    assert_ne!(m.subject, "inner");
}

#[test]
fn nested_multiparts_and_missing_closing_boundary() {
    let body = "preamble\r\n--outer\r\nContent-Type: multipart/related; boundary=\"inner\"\r\n\r\n\
        --inner\r\nContent-Type: multipart/alternative; boundary=inner2\r\n\r\n\
        --inner2\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
        =E6=8C=AF=E8=BE=BC=E5=85=88=E3=81=AE=\r\n=E5=A4=89=E6=9B=B4\r\n--inner2--\r\n\
        --inner\r\nContent-Type: image/png\r\nContent-ID: <qr>\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n\
        --inner--\r\n--outer\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n二つ目\r\n";
    let m = parse(&mail(
        &["Content-Type: multipart/mixed; boundary=outer"],
        body.as_bytes(),
    ));
    assert_eq!(m.text, "振込先の変更\n二つ目");
    assert_eq!(m.attachments.len(), 1);
    assert_eq!(m.attachments[0].size, 8);
    assert_eq!(m.warnings, ["multipart without its closing boundary"]);
}

#[test]
fn header_fields_addresses_and_authentication() {
    let raw = "Return-Path: <bounce+abc@mail.example-pay.com>\r\n\
Received: from mx.example-pay.com (mx.example-pay.com [192.0.2.1])\r\n\tby mx.aoba.co.jp with ESMTPS id 1\r\n\
Received: from internal by mx.example-pay.com\r\n\
ARC-Authentication-Results: i=1; mx.google.com; dkim=pass header.d=example-pay.com\r\n\
Authentication-Results: mx.aoba.co.jp;\r\n spf=pass smtp.mailfrom=mail.example-pay.com;\r\n dkim=pass header.d=example-pay.com\r\n\
DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=Example-Pay.com;\r\n s=sel2024; h=from:to:subject; bh=abc=; b=def\r\n\
From: \"=?UTF-8?B?6Z2S6JGJ5ZWG5LqL?= =?UTF-8?B?IOe1jOeQhumDqA==?=\" <keiri@xn--aoba-shoj-39h.com>\r\n\
Reply-To: keiri-aoba@gmail.com, \"Aoba, Accounting\" <acc@aoba.example>\r\n\
To: 経理部 <keiri@aoba.co.jp>, sato@aoba.co.jp\r\n\
Cc: undisclosed-recipients:;\r\n\
Sender: <relay@example-pay.com>\r\n\
Subject: =?UTF-8?B?44CQ6YeN6KaB44CR5oyv6L685Y+j5bqn5aSJ5pu044Gu44GK55+l44KJ44Gb?=\r\n\
Message-ID: <20240301.123@example-pay.com>\r\n\
In-Reply-To: <prev@aoba.co.jp>\r\n\
References: <first@aoba.co.jp>\r\n <prev@aoba.co.jp>\r\n\
Date: Fri, 1 Mar 2024 10:00:00 +0900\r\n\
X-Mailer: Test\r\n\r\nbody\r\n";
    let m = parse(raw.as_bytes());
    let from = m.from.clone().unwrap_or_default();
    assert_eq!(from.display, "青葉商事 経理部");
    assert_eq!(from.local, "keiri");
    assert_eq!(from.domain, "xn--aoba-shoj-39h.com");
    assert_eq!(from.domain_unicode, "aoba-shoj\u{456}.com");
    assert_eq!(m.reply_to.len(), 2);
    assert_eq!(m.reply_to[0].addr(), "keiri-aoba@gmail.com");
    assert_eq!(m.reply_to[1].display, "Aoba, Accounting");
    assert_eq!(m.to.len(), 2);
    assert_eq!(m.to[0].display, "経理部");
    assert!(m.cc.is_empty());
    assert_eq!(
        m.sender.as_ref().map(|s| s.addr()).as_deref(),
        Some("relay@example-pay.com")
    );
    assert_eq!(
        m.return_path.as_deref(),
        Some("bounce+abc@mail.example-pay.com")
    );
    assert_eq!(m.subject, "【重要】振込口座変更のお知らせ");
    assert_eq!(
        m.message_id.as_deref(),
        Some("20240301.123@example-pay.com")
    );
    assert_eq!(m.in_reply_to.as_deref(), Some("prev@aoba.co.jp"));
    assert_eq!(m.references, ["first@aoba.co.jp", "prev@aoba.co.jp"]);
    assert_eq!(m.date.as_deref(), Some("Fri, 1 Mar 2024 10:00:00 +0900"));
    assert_eq!(m.received.len(), 2);
    assert!(
        m.received[0].starts_with("from mx.example-pay.com")
            && m.received[0].contains("by mx.aoba.co.jp")
    );
    assert_eq!(m.authentication_results.len(), 2);
    assert!(m.authentication_results[0].starts_with("i=1; mx.google.com"));
    assert!(m.authentication_results[1].starts_with("mx.aoba.co.jp;"));
    assert_eq!(m.dkim_signatures.len(), 1);
    assert_eq!(m.dkim_signatures[0].domain, "example-pay.com");
    assert_eq!(m.dkim_signatures[0].selector, "sel2024");
    assert_eq!(m.all("received").len(), 2);
    assert_eq!(m.header("x-mailer"), Some("Test"));
    assert_eq!(m.headers.len(), 17);
    assert_eq!(m.text, "body");
}

#[test]
fn lf_and_crlf_read_alike() {
    let crlf = b"From: a@x.jp\r\nSubject: =?UTF-8?B?44OG44K544OI?=\r\n\r\nline1\r\nline2\r\n";
    let lf: Vec<u8> = crlf.iter().copied().filter(|&c| c != b'\r').collect();
    let (a, b) = (parse(crlf), parse(&lf));
    assert_eq!(a, b);
    assert_eq!(a.text, "line1\nline2");
    assert_eq!(a.subject, "テスト");
}

#[test]
fn mbox_with_three_messages_and_an_escaped_from_line() {
    let mbox = b"From alice@example.jp Mon Mar  4 09:00:00 2024\n\
Subject: one\n\nFirst body.\n>From the desk of the president\n>>From stays once quoted\n\n\
From bob@example.jp Mon Mar  4 09:05:00 2024\n\
Subject: two\n\nSecond body, with a line\nFrom inside that is not after a blank line\n\n\
From carol@example.jp Mon Mar  4 09:10:00 2024\n\
Subject: three\n\nThird.\n\n";
    let msgs = split_mbox(mbox);
    assert_eq!(msgs.len(), 3);
    let parsed: Vec<Message> = msgs.iter().map(|m| parse(m)).collect();
    let subjects: Vec<&str> = parsed.iter().map(|m| m.subject.as_str()).collect();
    assert_eq!(subjects, ["one", "two", "three"]);
    assert_eq!(
        parsed[0].text,
        "First body.\nFrom the desk of the president\n>From stays once quoted"
    );
    assert!(
        parsed[1]
            .text
            .ends_with("\nFrom inside that is not after a blank line")
    );
    assert_eq!(msgs[2], b"Subject: three\n\nThird.\n");
    // A single .eml is one message.
    assert_eq!(split_mbox(b"Subject: x\n\nbody\n").len(), 1);
    assert!(split_mbox(b"").is_empty());
}

#[test]
fn hostile_no_blank_line() {
    let mut m = Vec::new();
    for i in 0..5_000 {
        m.extend_from_slice(format!("X-Filler-{i}: {}\r\n", "a".repeat(20)).as_bytes());
    }
    let msg = parse(&m);
    assert_eq!(msg.headers.len(), 1000);
    assert!(
        msg.warnings.iter().any(|w| w.contains("header fields")),
        "{:?}",
        msg.warnings
    );

    let msg = parse(b"Subject: hi\r\nthis line is no header\r\nmore text");
    assert_eq!(msg.subject, "hi");
    assert_eq!(msg.text, "this line is no header\nmore text");
    assert_eq!(msg.warnings, ["the header ends without an empty line"]);
}

#[test]
fn hostile_endless_nesting() {
    let depth = 5_000;
    let mut m = String::from("Subject: nest\r\n");
    for i in 0..depth {
        m.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n"
        ));
    }
    m.push_str("Content-Type: text/plain\r\n\r\ndeep\r\n");
    let msg = parse(m.as_bytes());
    assert_eq!(msg.subject, "nest");
    assert!(
        msg.warnings.iter().any(|w| w.contains("nested deeper")),
        "{:?}",
        msg.warnings
    );
}

#[test]
fn hostile_hundred_thousand_parts() {
    let mut m = b"Content-Type: multipart/mixed; boundary=x\r\n\r\n".to_vec();
    for _ in 0..100_000 {
        m.extend_from_slice(b"--x\r\nContent-Type: text/plain\r\n\r\nhi\r\n");
    }
    m.extend_from_slice(b"--x--\r\n");
    let msg = parse(&m);
    assert!(
        msg.warnings.iter().any(|w| w.contains("MIME parts")),
        "{:?}",
        msg.warnings
    );
    assert_eq!(msg.text.lines().count(), MAX_PARTS - 1);
}

#[test]
fn hostile_odd_shapes_are_read_without_panic() {
    for m in [
        &b""[..],
        b"\r\n",
        b"From \r\n",
        b":\r\n\r\n",
        b" continuation first\r\n\r\nbody",
        b"Content-Type: multipart/mixed\r\n\r\nno boundary",
        b"Content-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\n",
        b"Content-Type: multipart/mixed; boundary=q\r\n\r\n--q--\r\n",
        b"Content-Type: text/plain; charset=\"\r\n\r\nx",
        b"Content-Type: text/plain; charset=klingon\r\n\r\n\xff\xfe\x00",
        b"Content-Transfer-Encoding: base64\r\n\r\n====",
        b"Content-Transfer-Encoding: quoted-printable\r\n\r\n=",
        b"Subject: =?\r\n\r\n",
        b"Subject: =?UTF-8?B?\r\n\r\n",
        b"Subject: =?UTF-8?Q?=?=\r\n\r\n",
        b"Content-Type: text/html\r\n\r\n<a href=",
        b"Content-Disposition: attachment; filename*0*=x'; filename*1=\r\n\r\n",
        b"From: \"unterminated <a@b>\r\n\r\n",
        b"From: (((((\r\nTo: <<<<<@@@@>>>>\r\n\r\n",
    ] {
        let _ = parse(m);
    }
}

/// Deterministic mutations of a realistic message: bytes flipped, cut and repeated. Every one
/// must be read without a panic.
#[test]
fn mutated_messages_never_panic() {
    let body = format!(
        "--b\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n\
         --b\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
         <p>=E3=81=82&amp;<a href=3D\"x\">y</a></p>\r\n--b--\r\n",
        base64::encode(&enc(ISO_2022_JP, BODY))
    );
    let seed_msg = mail(
        &[
            "From: =?ISO-2022-JP?B?GyRCOzNFRBsoQg==?= <a@xn--wgv71a119e.jp>",
            "Subject: =?UTF-8?Q?=E3=81=82?= x",
            "Content-Type: multipart/alternative; boundary=b",
        ],
        body.as_bytes(),
    );
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..2_000 {
        let mut m = seed_msg.clone();
        for _ in 0..(next() % 8) {
            let i = (next() as usize) % m.len();
            match next() % 4 {
                0 => m[i] = next() as u8,
                1 => m.truncate(i),
                2 => {
                    let piece = m[i..(i + 16).min(m.len())].to_vec();
                    m.splice(i..i, piece);
                }
                _ => m[i] = b"\r\n=?<>&;\"-"[(next() % 10) as usize],
            }
            if m.is_empty() {
                break;
            }
        }
        let _ = parse(&m);
    }
}

/// Address lists that used to cost quadratic time (a phrase re-scanned at every `,` or `:`):
/// a megabyte of them must read like any other header. No timing is asserted; before the
/// fix these took minutes, which CI's time limit would have caught.
#[test]
fn hostile_address_lists_read_in_linear_time() {
    let commas = " ,".repeat(500_000);
    let colons = format!("{}@{}", "a".repeat(800_000), ":".repeat(800_000));
    let raw = format!(
        "From: {colons}\r\nTo: {commas}\r\nCc: {commas}x@example.jp\r\nSubject: s\r\n\r\nbody\r\n"
    );
    let m = hoshi_fraud::message::parse(raw.as_bytes());
    assert_eq!(m.subject, "s");
    assert!(m.to.is_empty() || m.to.len() <= 1000);
}
