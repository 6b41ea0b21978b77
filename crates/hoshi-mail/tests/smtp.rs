//! The SMTP client against a real SMTP server on loopback (the crate's sink), in plain text,
//! STARTTLS and implicit TLS, with and without authentication, and with refusals.

use std::time::Duration;

use hoshi_mail::sink::{Sink, SinkOptions, openssl_pki};
use hoshi_mail::{MailError, Message, Security, SmtpConfig, load_pem_certs, send};

fn config(sink: &Sink, security: Security) -> SmtpConfig {
    SmtpConfig {
        host: "127.0.0.1".into(),
        port: sink.addr.port(),
        security,
        auth: None,
        from: "noreply@hoshi.example".into(),
        from_name: "hoshi 星".into(),
        helo: "hoshi.example".into(),
        timeout: Duration::from_secs(10),
        extra_roots: vec![],
    }
}

fn message() -> Message {
    Message {
        from_name: "hoshi 星".into(),
        from: "noreply@hoshi.example".into(),
        to: "tanaka@supplier.example.co.jp".into(),
        subject: "【hoshi】サプライチェーン評価への招待".into(),
        body: "田中様\n\n発注企業からの招待です。\n.\nhttps://hoshi.example/supplier-invite/abc\n"
            .into(),
    }
}

#[tokio::test]
async fn plain_smtp_delivers_japanese_text_intact() {
    let sink = Sink::start(SinkOptions::default()).await.unwrap();
    let cfg = config(&sink, Security::None);
    cfg.validate().unwrap();
    send(&cfg, &message(), 1_795_248_452, "m1").await.unwrap();
    let got = sink.wait_for(1, 5).await;
    assert_eq!(got.len(), 1);
    let m = &got[0];
    assert_eq!(m.from, "noreply@hoshi.example");
    assert_eq!(m.to, vec!["tanaka@supplier.example.co.jp"]);
    assert!(!m.tls);
    assert_eq!(m.subject(), "【hoshi】サプライチェーン評価への招待");
    assert_eq!(
        m.text(),
        "田中様\r\n\r\n発注企業からの招待です。\r\n.\r\nhttps://hoshi.example/supplier-invite/abc\r\n"
    );
    assert!(m.head().contains("Date: Sat, 21 Nov 2026 08:07:32 +0000"));
}

#[tokio::test]
async fn starttls_with_auth_encrypts_before_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let (ca, server) = openssl_pki(dir.path()).unwrap();
    let sink = Sink::start(SinkOptions {
        starttls: Some(server),
        auth: Some(("hoshi".into(), "s3cret".into())),
        ..Default::default()
    })
    .await
    .unwrap();
    let mut cfg = config(&sink, Security::StartTls);
    cfg.auth = Some(("hoshi".into(), "s3cret".into()));
    // Without the company CA the certificate is not trusted and nothing is sent.
    let e = send(&cfg, &message(), 0, "m2").await.unwrap_err();
    assert!(matches!(e, MailError::Tls(_)), "{e}");
    assert!(sink.received().is_empty());
    cfg.extra_roots = load_pem_certs(&ca).unwrap();
    send(&cfg, &message(), 0, "m3").await.unwrap();
    let got = sink.wait_for(1, 5).await;
    assert_eq!(got.len(), 1);
    assert!(got[0].tls);
    assert_eq!(got[0].user.as_deref(), Some("hoshi"));
    // A wrong password is a permanent refusal.
    cfg.auth = Some(("hoshi".into(), "wrong".into()));
    let e = send(&cfg, &message(), 0, "m4").await.unwrap_err();
    assert!(e.is_permanent(), "{e}");
    assert!(e.to_string().contains("535"), "{e}");
}

#[tokio::test]
async fn implicit_tls_works() {
    let dir = tempfile::tempdir().unwrap();
    let (ca, server) = openssl_pki(dir.path()).unwrap();
    let sink = Sink::start(SinkOptions {
        implicit_tls: Some(server),
        ..Default::default()
    })
    .await
    .unwrap();
    let mut cfg = config(&sink, Security::Tls);
    cfg.extra_roots = load_pem_certs(&ca).unwrap();
    send(&cfg, &message(), 0, "m5").await.unwrap();
    assert!(sink.wait_for(1, 5).await[0].tls);
}

#[tokio::test]
async fn starttls_is_required_when_asked_for() {
    let sink = Sink::start(SinkOptions::default()).await.unwrap();
    let cfg = config(&sink, Security::StartTls);
    let e = send(&cfg, &message(), 0, "m6").await.unwrap_err();
    assert!(e.to_string().contains("does not offer STARTTLS"), "{e}");
    assert!(sink.received().is_empty());
}

#[tokio::test]
async fn refusals_are_classified() {
    for (code, permanent) in [(550, true), (450, false)] {
        let sink = Sink::start(SinkOptions {
            rcpt_reply: Some(code),
            ..Default::default()
        })
        .await
        .unwrap();
        let e = send(&config(&sink, Security::None), &message(), 0, "m7")
            .await
            .unwrap_err();
        assert_eq!(e.is_permanent(), permanent, "{e}");
        assert!(e.to_string().contains(&code.to_string()), "{e}");
        assert!(sink.received().is_empty());
    }
    // Nobody listening: a transient failure.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let sink = Sink::start(SinkOptions::default()).await.unwrap();
    let mut cfg = config(&sink, Security::None);
    cfg.port = port;
    let e = send(&cfg, &message(), 0, "m8").await.unwrap_err();
    assert!(!e.is_permanent(), "{e}");
}
