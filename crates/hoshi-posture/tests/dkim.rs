//! DKIM verification against signatures made by another implementation: Debian's python3-dkim
//! (dkimpy) signs with keys made by openssl, a real NSD on loopback serves the public keys.
//! Also RFC 8463's own example, and garbled messages that must never panic the verifier.
//!
//! `HOSHI_NSD=required` (set by `.ci/run`) turns a missing nsd or python3-dkim into a failure.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use hoshi_posture::Dns;
use hoshi_posture::dkim_verify::{
    self, Failure, Outcome, Signature, Verdict, parse_message, verify_message, verify_with_key,
};
use hoshi_posture::testing::{Nsd, txt};

const PYTHON: &str = "/usr/bin/python3";
const DOMAIN: &str = "hoshi-dkim.test";

/// Signs a message file with dkimpy and prints the DKIM-Signature field it makes.
const SIGN_PY: &str = r#"
import sys, dkim
msg = open(sys.argv[1], 'rb').read()
key = open(sys.argv[2], 'rb').read()
sel, dom, alg, hc, bc, heads, length, lf, ident = sys.argv[3:12]
sig = dkim.sign(msg, sel.encode(), dom.encode(), key,
    identity=ident.encode() if ident else None,
    canonicalize=(hc.encode(), bc.encode()), signature_algorithm=alg.encode(),
    include_headers=[h.encode() for h in heads.split(':')] if heads else None,
    length=(length == '1'), linesep=b'\n' if lf == '1' else b'\r\n')
sys.stdout.buffer.write(sig)
"#;

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Whether dkimpy can be used; panics when it is required (`HOSHI_NSD=required`) but missing.
fn dkimpy_available() -> bool {
    let ok = Command::new(PYTHON)
        .args(["-c", "import dkim, nacl"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("HOSHI_NSD").as_deref() != Ok("required"),
            "python3-dkim is required (HOSHI_NSD=required) but not installed"
        );
        eprintln!("skipped: python3-dkim is not installed (Debian package python3-dkim)");
    }
    ok
}

fn run(dir: &Path, program: &str, args: &[&str]) -> Vec<u8> {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(
        out.status.success(),
        "{program} {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

struct Keys {
    /// Selector, private key file, public key record.
    rsa2048: (String, String),
    rsa1024: (String, String),
    ed25519: (String, String),
}

/// RSA keys in PKCS#1 PEM (what dkimpy reads) and an Ed25519 key whose 32-byte seed, in
/// base64, is what dkimpy signs with; each with its `p=` (SubjectPublicKeyInfo for RSA, the raw
/// 32-byte key for Ed25519, RFC 8463 4).
fn keys(dir: &Path) -> Keys {
    let b64 = hoshi_core::base64::encode;
    let rsa = |bits: &str| {
        let file = format!("rsa{bits}.pem");
        run(
            dir,
            "openssl",
            &["genrsa", "-traditional", "-out", &file, bits],
        );
        let der = run(
            dir,
            "openssl",
            &["rsa", "-in", &file, "-pubout", "-outform", "DER"],
        );
        (file, format!("v=DKIM1; k=rsa; p={}", b64(&der)))
    };
    let rsa2048 = rsa("2048");
    let rsa1024 = rsa("1024");
    run(
        dir,
        "openssl",
        &["genpkey", "-algorithm", "ed25519", "-out", "ed.pem"],
    );
    let private = run(
        dir,
        "openssl",
        &["pkey", "-in", "ed.pem", "-outform", "DER"],
    );
    let public = run(
        dir,
        "openssl",
        &["pkey", "-in", "ed.pem", "-pubout", "-outform", "DER"],
    );
    // PKCS#8 and SubjectPublicKeyInfo of Ed25519 (RFC 8410) end in the 32-byte seed and key.
    assert_eq!((private.len(), public.len()), (48, 44));
    std::fs::write(dir.join("ed.seed"), b64(&private[16..])).unwrap();
    let ed25519 = (
        "ed.seed".to_string(),
        format!("v=DKIM1; k=ed25519; p={}", b64(&public[12..])),
    );
    Keys {
        rsa2048,
        rsa1024,
        ed25519,
    }
}

/// How dkimpy is to sign one message.
struct How<'a> {
    selector: &'a str,
    key: &'a str,
    algorithm: &'a str,
    canon: (&'a str, &'a str),
    /// `h=` names joined with `:`; empty: dkimpy's default (every field it should sign, From
    /// twice).
    headers: &'a str,
    length: bool,
    bare_lf: bool,
    identity: &'a str,
}

const RELAXED: (&str, &str) = ("relaxed", "relaxed");
const SIMPLE: (&str, &str) = ("simple", "simple");

fn how<'a>(selector: &'a str, key: &'a str, algorithm: &'a str) -> How<'a> {
    How {
        selector,
        key,
        algorithm,
        canon: RELAXED,
        headers: "",
        length: false,
        bare_lf: false,
        identity: "",
    }
}

/// The message with dkimpy's DKIM-Signature field put on top.
fn sign(dir: &Path, name: &str, message: &[u8], h: &How) -> Vec<u8> {
    let file = format!("{name}.eml");
    std::fs::write(dir.join(&file), message).unwrap();
    let flag = |b: bool| if b { "1" } else { "0" };
    let field = run(
        dir,
        PYTHON,
        &[
            "-c",
            SIGN_PY,
            &file,
            h.key,
            h.selector,
            DOMAIN,
            h.algorithm,
            h.canon.0,
            h.canon.1,
            h.headers,
            flag(h.length),
            flag(h.bare_lf),
            h.identity,
        ],
    );
    assert!(field.starts_with(b"DKIM-Signature: "), "{field:?}");
    [field, message.to_vec()].concat()
}

fn crlf(text: &str) -> Vec<u8> {
    text.replace('\n', "\r\n").into_bytes()
}

fn plain() -> Vec<u8> {
    crlf(
        "From: Hoshi Sender <sender@hoshi-dkim.test>\nTo: Receiver <receiver@example.jp>\nSubject: Quarterly report\nDate: Thu, 03 Dec 2026 09:00:00 +0900\nMessage-ID: <plain@hoshi-dkim.test>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\nHello,\n\nThe report is ready   with spaces   \nand a\ttab here.\n\n\n\n",
    )
}

fn folded() -> Vec<u8> {
    crlf(
        "From: \"A rather long display name that goes on and on\"\n <sender@hoshi-dkim.test>\nTo: first@example.jp,\n\tsecond@example.jp,\n   third@example.jp\nSubject: A subject that is folded\n  over two lines   with \t spaces  \nDate: Thu, 03 Dec 2026 09:00:00 +0900\nMessage-ID: <folded@hoshi-dkim.test>\n\nShort body.\n",
    )
}

fn japanese() -> Vec<u8> {
    // 「会議のお知らせ（１２月３日）」 and a body in ISO-2022-JP, as a Japanese mail client sends.
    let mut m = crlf(
        "From: =?ISO-2022-JP?B?GyRCJDskcyQ/JUYlOSVIGyhC?= <sender@hoshi-dkim.test>\nTo: receiver@example.jp\nSubject: =?ISO-2022-JP?B?GyRCMnE1RCROJCpDTiRpJDshShsoQg==?=\n =?ISO-2022-JP?B?GyRCIzEjMjduIzNGfCFLGyhC?=\nDate: Thu, 03 Dec 2026 09:00:00 +0900\nMessage-ID: <ja@hoshi-dkim.test>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=ISO-2022-JP\nContent-Transfer-Encoding: 7bit\n\n",
    );
    m.extend_from_slice(
        b"\x1b$B$*@$OC$K$J$C$F$*$j$^$9!#\x1b(B\r\n\x1b$BMh=5$N2q5D$OM=Dj$I$*$j9T$$$^$9!#\x1b(B\r\n",
    );
    m
}

fn multipart() -> Vec<u8> {
    crlf(
        "From: sender@hoshi-dkim.test\nTo: receiver@example.jp\nSubject: With an attachment\nDate: Thu, 03 Dec 2026 09:00:00 +0900\nMessage-ID: <multi@hoshi-dkim.test>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"=_b1\"\n\nThis is a multi-part message in MIME format.\n\n--=_b1\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nPlease see the attachment.  \n\n--=_b1\nContent-Type: application/octet-stream; name=\"data.bin\"\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=\"data.bin\"\n\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4v\nMDEyMzQ1Njc4OTo7PD0+Pw==\n--=_b1--\n",
    )
}

fn bare_lf() -> Vec<u8> {
    b"From: sender@hoshi-dkim.test\nTo: receiver@example.jp\nSubject: Unix line ends\nDate: Thu, 03 Dec 2026 09:00:00 +0900\nMessage-ID: <lf@hoshi-dkim.test>\n\nA message written\nwith bare LF line ends.\n".to_vec()
}

fn zone(keys: &Keys) -> (&'static str, String) {
    let rec = |name: &str, value: &str| format!("{name}._domainkey IN TXT {}\n", txt(value));
    let strict = keys.rsa2048.1.replace("k=rsa;", "k=rsa; t=s;");
    let body = [
        rec("rsa2048", &keys.rsa2048.1),
        rec("rsa1024", &keys.rsa1024.1),
        rec("ed", &keys.ed25519.1),
        rec("revoked", "v=DKIM1; k=rsa; p="),
        rec("wrongtype", &keys.ed25519.1),
        rec("strict", &strict),
    ]
    .concat();
    (
        DOMAIN,
        format!(
            "$ORIGIN {DOMAIN}.\n$TTL 60\n@ IN SOA ns.{DOMAIN}. admin.{DOMAIN}. 1 3600 600 86400 60\n@ IN NS ns.{DOMAIN}.\nns IN A 127.0.0.1\n{body}"
        ),
    )
}

fn codes(outcomes: &[Outcome]) -> Vec<String> {
    outcomes
        .iter()
        .map(|o| match &o.result {
            Verdict::Pass => "pass".to_string(),
            Verdict::Fail(r) => format!("fail:{}", r.code),
            Verdict::TempError(r) => format!("temperror:{}", r.code),
            Verdict::PermError(r) => format!("permerror:{}", r.code),
        })
        .collect()
}

struct World {
    _tmp: tempfile::TempDir,
    _nsd: Nsd,
    dns: Dns,
    keys: Keys,
}

impl World {
    fn dir(&self) -> &Path {
        self._tmp.path()
    }
}

fn world() -> Option<World> {
    if !dkimpy_available() {
        return None;
    }
    let tmp = tempfile::tempdir().unwrap();
    let keys = keys(tmp.path());
    let (origin, text) = zone(&keys);
    let nsd = Nsd::start(tmp.path(), &[(origin, text)])?;
    let dns = Dns::servers(&[nsd.addr], Duration::from_secs(3)).unwrap();
    Some(World {
        _tmp: tmp,
        _nsd: nsd,
        dns,
        keys,
    })
}

async fn check(w: &World, raw: &[u8]) -> Vec<String> {
    codes(&verify_message(&w.dns, raw, now()).await)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dkimpy_signatures_pass() {
    let Some(w) = world() else { return };
    let k = &w.keys;
    let (rsa2, rsa1, ed) = (&k.rsa2048.0, &k.rsa1024.0, &k.ed25519.0);
    let cases: Vec<(&str, Vec<u8>, How)> = vec![
        ("plain-relaxed", plain(), how("rsa2048", rsa2, "rsa-sha256")),
        (
            "plain-simple",
            plain(),
            How {
                canon: SIMPLE,
                ..how("rsa1024", rsa1, "rsa-sha256")
            },
        ),
        (
            "plain-relaxed-simple-ed",
            plain(),
            How {
                canon: ("relaxed", "simple"),
                ..how("ed", ed, "ed25519-sha256")
            },
        ),
        (
            "folded-relaxed",
            folded(),
            how("rsa2048", rsa2, "rsa-sha256"),
        ),
        (
            "folded-simple-ed",
            folded(),
            How {
                canon: SIMPLE,
                ..how("ed", ed, "ed25519-sha256")
            },
        ),
        ("japanese", japanese(), how("rsa2048", rsa2, "rsa-sha256")),
        (
            "japanese-simple",
            japanese(),
            How {
                canon: SIMPLE,
                ..how("ed", ed, "ed25519-sha256")
            },
        ),
        ("multipart", multipart(), how("rsa1024", rsa1, "rsa-sha256")),
        (
            "bare-lf",
            bare_lf(),
            How {
                canon: SIMPLE,
                bare_lf: true,
                ..how("rsa2048", rsa2, "rsa-sha256")
            },
        ),
        (
            "bare-lf-relaxed-ed",
            bare_lf(),
            How {
                bare_lf: true,
                ..how("ed", ed, "ed25519-sha256")
            },
        ),
    ];
    for (name, message, h) in &cases {
        let signed = sign(w.dir(), name, message, h);
        let got = verify_message(&w.dns, &signed, now()).await;
        assert_eq!(codes(&got), ["pass"], "{name}: {got:?}");
        assert_eq!(
            (got[0].domain.as_str(), got[0].selector.as_str()),
            (DOMAIN, h.selector)
        );
        assert!(got[0].notes.is_empty(), "{name}: {got:?}");
    }
    // Two signatures on one message (the Ed25519 one added last, on top): both pass, in order.
    let once = sign(
        w.dir(),
        "two-1",
        &plain(),
        &how("rsa2048", rsa2, "rsa-sha256"),
    );
    let twice = sign(w.dir(), "two-2", &once, &how("ed", ed, "ed25519-sha256"));
    let got = verify_message(&w.dns, &twice, now()).await;
    assert_eq!(codes(&got), ["pass", "pass"]);
    assert_eq!(got[0].selector, "ed");
    assert_eq!(got[1].selector, "rsa2048");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_are_caught_and_named() {
    let Some(w) = world() else { return };
    let k = &w.keys;
    for h in [
        How {
            headers: "from:to:subject:date:message-id",
            ..how("rsa2048", &k.rsa2048.0, "rsa-sha256")
        },
        How {
            canon: SIMPLE,
            ..how("ed", &k.ed25519.0, "ed25519-sha256")
        },
    ] {
        let signed = sign(w.dir(), "changes", &plain(), &h);
        assert_eq!(check(&w, &signed).await, ["pass"]);
        let text = String::from_utf8(signed.clone()).unwrap();
        let body = text.replace("The report is ready", "The report is late");
        assert_eq!(
            check(&w, body.as_bytes()).await,
            ["fail:body_hash_mismatch"]
        );
        let subject = text.replace("Subject: Quarterly report", "Subject: Quarterly rep0rt");
        assert_eq!(
            check(&w, subject.as_bytes()).await,
            ["fail:signature_mismatch"]
        );
        // A field the signature does not cover, added on the way (a relay's trace field).
        let added = format!("Received: from relay.example.jp by mx.example.jp\r\n{text}");
        assert_eq!(check(&w, added.as_bytes()).await, ["pass"]);
        // A second Subject added below the signed one is the instance a verifier takes (RFC
        // 6376 5.4.2, from the bottom up): the forged one is checked, and fails.
        let appended = text.replacen(
            "\r\n\r\n",
            "\r\nSubject: Quarterly report (forged)\r\n\r\n",
            1,
        );
        assert_eq!(
            check(&w, appended.as_bytes()).await,
            ["fail:signature_mismatch"]
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn body_length_limit_is_honoured_and_reported() {
    let Some(w) = world() else { return };
    let h = How {
        length: true,
        ..how("ed", &w.keys.ed25519.0, "ed25519-sha256")
    };
    let signed = sign(w.dir(), "length", &plain(), &h);
    let mut appended = signed.clone();
    appended.extend_from_slice(b"Appended by someone else.\r\n");
    for raw in [&signed, &appended] {
        let got = verify_message(&w.dns, raw, now()).await;
        assert_eq!(codes(&got), ["pass"]);
        assert_eq!(got[0].notes.len(), 1);
        assert_eq!(got[0].notes[0].code, "body_length_limit");
        assert!(got[0].notes[0].ja.contains("付け足された"));
    }
    // Cut below the signed length: the body is no longer all there.
    let text = String::from_utf8(signed).unwrap();
    let cut = text.replace("and a\ttab here.\r\n", "");
    assert_eq!(
        check(&w, cut.as_bytes()).await,
        ["fail:body_length_exceeds"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn key_problems_are_permerrors_and_a_dead_server_a_temperror() {
    let Some(w) = world() else { return };
    let k = &w.keys;
    let rsa = &k.rsa2048.0;
    let cases = [
        ("nosuch", "", "permerror:no_key"),
        ("revoked", "", "permerror:key_revoked"),
        ("wrongtype", "", "permerror:key_type_mismatch"),
        (
            "strict",
            "@mail.hoshi-dkim.test",
            "permerror:key_strict_subdomain",
        ),
        ("strict", "@hoshi-dkim.test", "pass"),
    ];
    for (selector, identity, want) in cases {
        let h = How {
            identity,
            ..how(selector, rsa, "rsa-sha256")
        };
        let signed = sign(w.dir(), selector, &plain(), &h);
        assert_eq!(check(&w, &signed).await, [want], "{selector} {identity}");
    }
    // A name server that does not answer: nothing listens on the port.
    let sock = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = sock.local_addr().unwrap();
    drop(sock);
    let dead = Dns::servers(&[addr], Duration::from_millis(500)).unwrap();
    let signed = sign(
        w.dir(),
        "dead",
        &plain(),
        &how("rsa2048", rsa, "rsa-sha256"),
    );
    let got = verify_message(&dead, &signed, now()).await;
    assert_eq!(codes(&got), ["temperror:dns_failure"], "{got:?}");
}

// RFC 8463 Appendix A (A.2 the key records, A.3 the signed message,
// https://www.rfc-editor.org/rfc/rfc8463#appendix-A): the message signed by
// football.example.com with Ed25519 (selector brisbane) and with a 1024-bit RSA key (selector
// test), the RFC's artwork with its indentation taken off: each line ends in CRLF, continuation
// lines start with one space, and a blank line follows "Joe.". Typed in and compared with the
// copies in the tests of other DKIM implementations. Both signatures cover every header byte and
// body byte that matters to them (the trailing blank line does not: both bodies are relaxed), so
// a slip in the typing would make them fail.
const RFC8463_MESSAGE: &str = concat!(
    "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;\r\n",
    " d=football.example.com; i=@football.example.com;\r\n",
    " q=dns/txt; s=brisbane; t=1528637909; h=from : to :\r\n",
    " subject : date : message-id : from : subject : date;\r\n",
    " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r\n",
    " b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus\r\n",
    " Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==\r\n",
    "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\r\n",
    " d=football.example.com; i=@football.example.com;\r\n",
    " q=dns/txt; s=test; t=1528637909; h=from : to : subject :\r\n",
    " date : message-id : from : subject : date;\r\n",
    " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r\n",
    " b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3\r\n",
    " DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz\r\n",
    " dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=\r\n",
    "From: Joe SixPack <joe@football.example.com>\r\n",
    "To: Suzie Q <suzie@shopping.example.net>\r\n",
    "Subject: Is dinner ready?\r\n",
    "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)\r\n",
    "Message-ID: <20030712040037.46341.5F8J@football.example.com>\r\n",
    "\r\n",
    "Hi.\r\n",
    "\r\n",
    "We lost the game.  Are you hungry yet?\r\n",
    "\r\n",
    "Joe.\r\n",
    "\r\n",
);

/// brisbane._domainkey.football.example.com (RFC 8463 A.2).
const RFC8463_ED25519: &str = "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
/// test._domainkey.football.example.com (RFC 8463 A.2), its strings joined.
const RFC8463_RSA: &str = concat!(
    "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWR",
    "iGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutAC",
    "DfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3",
    "Ip3G+2kryOTIKT+l/K4w3QIDAQAB",
);

const RFC8463_NOW: i64 = 1_528_637_909 + 60;

fn rfc_signatures(raw: &[u8]) -> Vec<Result<Signature, Failure>> {
    match parse_message(raw) {
        Ok(m) => dkim_verify::signatures(&m)
            .into_iter()
            .map(|(_, s)| s)
            .collect(),
        Err(_) => Vec::new(),
    }
}

fn rfc_key(sig: &Signature) -> &'static str {
    if sig.selector == "brisbane" {
        RFC8463_ED25519
    } else {
        RFC8463_RSA
    }
}

#[test]
fn rfc8463_example_verifies() {
    let raw = RFC8463_MESSAGE.as_bytes();
    let sigs: Vec<Signature> = rfc_signatures(raw)
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(sigs.len(), 2);
    assert_eq!(sigs[0].selector, "brisbane");
    assert_eq!(sigs[1].selector, "test");
    for sig in &sigs {
        assert_eq!(verify_with_key(raw, sig, rfc_key(sig), RFC8463_NOW), Ok(()));
    }
    // Each key verifies only its own signature.
    let err = verify_with_key(raw, &sigs[0], RFC8463_RSA, RFC8463_NOW).unwrap_err();
    assert_eq!(err.reason().code, "key_type_mismatch");
    // The same message with bare LF line ends still verifies.
    let lf = RFC8463_MESSAGE.replace("\r\n", "\n");
    for sig in &sigs {
        assert_eq!(
            verify_with_key(lf.as_bytes(), sig, rfc_key(sig), RFC8463_NOW),
            Ok(())
        );
    }
    // One changed byte in the body, in a signed field.
    let body = RFC8463_MESSAGE.replace("hungry", "Hungry");
    let subject = RFC8463_MESSAGE.replace("dinner", "Dinner");
    for sig in &sigs {
        let key = rfc_key(sig);
        let e = verify_with_key(body.as_bytes(), sig, key, RFC8463_NOW).unwrap_err();
        assert_eq!(e.reason().code, "body_hash_mismatch");
        let e = verify_with_key(subject.as_bytes(), sig, key, RFC8463_NOW).unwrap_err();
        assert_eq!(e.reason().code, "signature_mismatch");
        assert!(matches!(e, Failure::Fail(_)));
    }
}

#[test]
fn expiry_and_oversized_messages() {
    let raw = RFC8463_MESSAGE.replace(
        "t=1528637909; h=from : to :\r\n",
        "t=1528637909; x=1528640000; h=from : to :\r\n",
    );
    let sigs = rfc_signatures(raw.as_bytes());
    let sig = sigs[0].as_ref().unwrap();
    assert_eq!(sig.expires, Some(1_528_640_000));
    let e = verify_with_key(raw.as_bytes(), sig, RFC8463_ED25519, 1_528_650_000).unwrap_err();
    assert_eq!(e.reason().code, "expired");
    assert!(e.reason().ja.ends_with("。"));
    // Before expiry the signature is checked, and x= is signed: it no longer matches.
    let e = verify_with_key(raw.as_bytes(), sig, RFC8463_ED25519, RFC8463_NOW).unwrap_err();
    assert_eq!(e.reason().code, "signature_mismatch");
    let mut big = RFC8463_MESSAGE.as_bytes().to_vec();
    big.resize(dkim_verify::MAX_MESSAGE_BYTES + 1, b'x');
    let e = parse_message(&big).unwrap_err();
    assert!(matches!(e, Failure::PermError(ref r) if r.code == "message_too_large"));
}

#[test]
fn sha1_signatures_fail() {
    let raw = RFC8463_MESSAGE.replacen("a=rsa-sha256", "a=rsa-sha1", 1);
    let sigs = rfc_signatures(raw.as_bytes());
    let e = sigs[1].as_ref().unwrap_err();
    assert!(matches!(e, Failure::Fail(r) if r.code == "sha1_rejected"));
    assert!(e.reason().en.contains("SHA-1 signatures are not accepted"));
}

#[test]
fn short_rsa_keys_are_refused_and_bare_pkcs1_keys_read() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let raw = RFC8463_MESSAGE.as_bytes();
    let sigs = rfc_signatures(raw);
    let rsa_sig = sigs[1].as_ref().unwrap();
    // RFC 8301 3.2: a key under 1024 bits is not accepted, whatever it signed.
    run(dir, "openssl", &["genrsa", "-out", "short.pem", "512"]);
    let der = run(
        dir,
        "openssl",
        &["rsa", "-in", "short.pem", "-pubout", "-outform", "DER"],
    );
    let short = format!("v=DKIM1; p={}", hoshi_core::base64::encode(&der));
    let e = verify_with_key(raw, rsa_sig, &short, RFC8463_NOW).unwrap_err();
    assert!(
        matches!(e, Failure::PermError(ref r) if r.code == "key_size"),
        "{e:?}"
    );
    // The RFC's key as a bare PKCS#1 RSAPublicKey instead of a SubjectPublicKeyInfo.
    let spki = hoshi_core::base64::decode(RFC8463_RSA.split_once("p=").unwrap().1).unwrap();
    std::fs::write(dir.join("rfc.der"), spki).unwrap();
    let pkcs1 = run(
        dir,
        "openssl",
        &[
            "rsa",
            "-pubin",
            "-inform",
            "DER",
            "-in",
            "rfc.der",
            "-RSAPublicKey_out",
            "-outform",
            "DER",
        ],
    );
    let bare = format!("v=DKIM1; k=rsa; p={}", hoshi_core::base64::encode(&pkcs1));
    assert_eq!(verify_with_key(raw, rsa_sig, &bare, RFC8463_NOW), Ok(()));
    // A revoked key and a record that is not a key record.
    let e = verify_with_key(raw, rsa_sig, "v=DKIM1; k=rsa; p=", RFC8463_NOW).unwrap_err();
    assert_eq!(e.reason().code, "key_revoked");
    let e = verify_with_key(raw, rsa_sig, "v=spf1 -all", RFC8463_NOW).unwrap_err();
    assert_eq!(e.reason().code, "key_syntax");
}

/// A small deterministic generator (xorshift), so that the garbling is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn must_not_panic(raw: &[u8]) {
    for sig in rfc_signatures(raw).into_iter().flatten() {
        for key in [
            RFC8463_ED25519,
            RFC8463_RSA,
            "v=DKIM1; p=",
            "k=rsa; p=AAAA",
            "",
        ] {
            let _ = verify_with_key(raw, &sig, key, RFC8463_NOW);
        }
    }
}

#[test]
fn truncated_and_garbled_messages_never_panic() {
    let base = RFC8463_MESSAGE.as_bytes();
    for cut in 0..base.len() {
        must_not_panic(&base[..cut]);
    }
    let alphabet = b"\r\n \t:;=@.-bhdsxl0aAZ\x00\xff\x1b";
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let mut m = base.to_vec();
        for _ in 0..1 + rng.below(6) {
            let at = rng.below(m.len());
            match rng.below(3) {
                0 => m[at] = alphabet[rng.below(alphabet.len())],
                1 => {
                    m.remove(at);
                }
                _ => m.insert(at, alphabet[rng.below(alphabet.len())]),
            }
        }
        must_not_panic(&m);
    }
    for len in [0, 1, 2, 3, 17, 300] {
        let noise: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        must_not_panic(&noise);
        must_not_panic(&[b"DKIM-Signature: ".as_slice(), &noise].concat());
    }
}
