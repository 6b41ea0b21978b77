//! How fast [`hoshi_fraud::message::parse`] reads typical mail: a generated corpus of about
//! 4 KB Japanese messages (ISO-2022-JP base64 plain text with a quoted-printable UTF-8 HTML
//! alternative, Shift_JIS quoted-printable, UTF-8 8-bit, a PDF attachment), parsed several
//! times; prints messages per second.
//!
//! `cargo run --release -p hoshi-fraud --example bench_parse [messages]`; with `hostile`
//! instead, times a few hostile messages (huge, deeply nested, 100 000 parts …).

use std::time::Instant;

use encoding_rs::{ISO_2022_JP, SHIFT_JIS};
use hoshi_core::base64;

const LINES: &[&str] = &[
    "いつもお世話になっております。株式会社青葉商事 経理部の山田でございます。",
    "先日ご依頼いただきました件につきまして、下記のとおりご連絡いたします。",
    "お手数ですが、内容をご確認のうえ、ご対応のほどよろしくお願いいたします。",
    "なお、本メールにお心当たりのない場合は、お手数ですが破棄してください。",
    "来月分のお支払いについては、従来どおりの口座へのお振込みをお願いいたします。",
    "ご不明な点がございましたら、担当までお気軽にお問い合わせください。",
];

fn body_text(seed: usize, lines: usize) -> String {
    let mut s = String::new();
    for i in 0..lines {
        s.push_str(LINES[(seed + i * 7) % LINES.len()]);
        s.push('\n');
    }
    s
}

fn qp(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut col = 0;
    for &b in bytes {
        if b == b'\n' {
            out.push_str("\r\n");
            col = 0;
            continue;
        }
        let piece = if (33..=126).contains(&b) && b != b'=' {
            (b as char).to_string()
        } else {
            format!("={b:02X}")
        };
        if col + piece.len() > 75 {
            out.push_str("=\r\n");
            col = 0;
        }
        col += piece.len();
        out.push_str(&piece);
    }
    out
}

fn wrap(b64: &str) -> String {
    b64.as_bytes()
        .chunks(76)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("\r\n")
}

fn headers(i: usize, content_type: &str) -> String {
    let subject = base64::encode(&ISO_2022_JP.encode("【至急】お振込先変更のお知らせ").0);
    format!(
        "Return-Path: <bounce-{i}@mail.aoba-shoji.co.jp>\r\n\
Received: from mail.aoba-shoji.co.jp (mail.aoba-shoji.co.jp [192.0.2.{n}])\r\n\tby mx.hoshi.example with ESMTPS id {i}\r\n\tfor <keiri@hoshi.example>; Mon, 4 Mar 2024 09:00:00 +0900\r\n\
Received: from pc{n}.aoba-shoji.co.jp by mail.aoba-shoji.co.jp; Mon, 4 Mar 2024 08:59:58 +0900\r\n\
Authentication-Results: mx.hoshi.example;\r\n\tspf=pass smtp.mailfrom=aoba-shoji.co.jp;\r\n\tdkim=pass header.d=aoba-shoji.co.jp;\r\n\tdmarc=pass header.from=aoba-shoji.co.jp\r\n\
DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=aoba-shoji.co.jp; s=s2024;\r\n\th=from:to:subject:date:message-id; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\r\n\tb=dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZSBidXQgaXQgaXMgYXMgbG9uZyBhcyBvbmUgd291bGQgYmU=\r\n\
From: =?ISO-2022-JP?B?GyRCOzNFRBsoQg==?= <yamada@aoba-shoji.co.jp>\r\n\
To: =?UTF-8?B?57WM55CG6YOo?= <keiri@hoshi.example>\r\n\
Subject: =?ISO-2022-JP?B?{subject}?=\r\n\
Date: Mon, 4 Mar 2024 09:00:00 +0900\r\n\
Message-ID: <{i}.abc@aoba-shoji.co.jp>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: {content_type}\r\n",
        n = i % 250
    )
}

fn message(i: usize) -> Vec<u8> {
    let text = body_text(i, 13);
    let m = match i % 4 {
        0 => {
            let plain = wrap(&base64::encode(&ISO_2022_JP.encode(&text).0));
            let html = qp(format!("<html><body><p>{}</p><a href=\"https://aoba-shoji.co.jp/\">青葉商事</a></body></html>", text.replace('\n', "<br>")).as_bytes());
            format!(
                "{}\r\n--b{i}\r\nContent-Type: text/plain; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: base64\r\n\r\n{plain}\r\n\
                 --b{i}\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{html}\r\n--b{i}--\r\n",
                headers(i, &format!("multipart/alternative; boundary=\"b{i}\""))
            )
        }
        1 => {
            let sjis = qp(&SHIFT_JIS.encode(&text).0);
            format!(
                "{}Content-Transfer-Encoding: quoted-printable\r\n\r\n{sjis}\r\n",
                headers(i, "text/plain; charset=Shift_JIS")
            )
        }
        2 => format!(
            "{}Content-Transfer-Encoding: 8bit\r\n\r\n{}",
            headers(i, "text/plain; charset=UTF-8"),
            text.replace('\n', "\r\n")
        ),
        _ => {
            let short = body_text(i, 6);
            let pdf = wrap(&base64::encode(&[0x25u8; 1200]));
            format!(
                "{}\r\n--m{i}\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n{short}\r\n\
                 --m{i}\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment;\r\n filename*=UTF-8''%E8%AB%8B%E6%B1%82%E6%9B%B8.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n{pdf}\r\n--m{i}--\r\n",
                headers(i, &format!("multipart/mixed; boundary=\"m{i}\""))
            )
        }
    };
    m.into_bytes()
}

/// Hostile shapes, each timed once: they must be read in time proportional to their size.
fn hostile() {
    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut big = b"Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n\
        Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        .to_vec();
    while big.len() < 70 << 20 {
        big.extend_from_slice(
            b"QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\r\n",
        );
    }
    cases.push(("70 MB attachment", big));
    let mut text = b"Subject: long\r\n\r\n".to_vec();
    text.resize(60 << 20, b'a');
    cases.push(("60 MB of one line", text));
    let mut parts = b"Content-Type: multipart/mixed; boundary=x\r\n\r\n".to_vec();
    for _ in 0..100_000 {
        parts.extend_from_slice(b"--x\r\nContent-Type: text/plain\r\n\r\nhi\r\n");
    }
    cases.push(("100 000 parts", parts));
    let mut nest = String::new();
    for i in 0..100_000 {
        nest.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n"
        ));
    }
    cases.push(("100 000 levels of nesting", nest.into_bytes()));
    let mut headers = Vec::new();
    for i in 0..1_000_000 {
        headers.extend_from_slice(format!("X-H{i}: =?a?B?x =?UTF-8?B?\r\n").as_bytes());
    }
    cases.push(("1 000 000 header fields", headers));
    let words = format!("Subject: {}\r\n\r\n", "=?a?B?x".repeat(2_000_000));
    cases.push((
        "a 14 MB subject of broken encoded words",
        words.into_bytes(),
    ));
    let html = format!(
        "Content-Type: text/html\r\n\r\n{}",
        "<a href='x'><script></scrip <!-- &#x1;&amp".repeat(500_000)
    );
    cases.push(("20 MB of broken HTML", html.into_bytes()));
    for (name, m) in &cases {
        let start = Instant::now();
        let read = hoshi_fraud::message::parse(m);
        println!(
            "{name}: {:.3} s, {} warnings {:?}",
            start.elapsed().as_secs_f64(),
            read.warnings.len(),
            read.warnings
        );
    }
}

fn main() {
    let arg = std::env::args().nth(1);
    if arg.as_deref() == Some("hostile") {
        hostile();
        return;
    }
    let count: usize = arg.and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let corpus: Vec<Vec<u8>> = (0..count).map(message).collect();
    let bytes: usize = corpus.iter().map(Vec::len).sum();
    println!(
        "corpus: {count} messages, {:.1} MB, {:.0} bytes on average",
        bytes as f64 / 1e6,
        bytes as f64 / count as f64
    );
    let mut checksum = 0usize;
    for (i, m) in corpus.iter().enumerate() {
        let read = hoshi_fraud::message::parse(m);
        assert!(
            read.text.contains("ございます") || read.text.contains("ご連絡"),
            "message {i} read wrongly: {:?}",
            read.text
        );
        assert!(read.warnings.is_empty(), "message {i}: {:?}", read.warnings);
        assert_eq!(read.subject, "【至急】お振込先変更のお知らせ");
        checksum += read.text.len();
    }
    let rounds = 3;
    let start = Instant::now();
    for _ in 0..rounds {
        for m in &corpus {
            checksum += hoshi_fraud::message::parse(m).text.len();
        }
    }
    let secs = start.elapsed().as_secs_f64() / f64::from(rounds);
    println!(
        "parse: {:.0} messages/s, {:.1} MB/s ({count} messages in {:.3} s; checksum {checksum})",
        count as f64 / secs,
        bytes as f64 / 1e6 / secs,
        secs
    );
}
