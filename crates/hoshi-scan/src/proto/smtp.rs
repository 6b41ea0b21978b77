//! SMTP (RFC 5321): the greeting names the mail server, EHLO lists its extensions: whether it
//! offers STARTTLS (RFC 3207) and which AUTH mechanisms (RFC 4954) it offers before TLS. The
//! probe sends `EHLO` and `QUIT` only: no MAIL, no RCPT, no AUTH.

use std::net::SocketAddr;

use super::{Conn, Reply, parse_reply, reply_done};
use crate::Probe;

/// The name we greet with: a reserved top-level domain (RFC 2606), so it points at nobody.
pub const EHLO: &[u8] = b"EHLO hoshi-scan.invalid\r\n";

/// Servers that name themselves in their greeting.
const PRODUCTS: &[(&str, &str)] = &[
    ("Postfix", "Postfix"),
    ("Exim", "Exim"),
    (
        "Microsoft ESMTP MAIL Service",
        "Microsoft ESMTP MAIL Service",
    ),
    ("Sendmail", "Sendmail"),
    ("OpenSMTPD", "OpenSMTPD"),
    ("Haraka", "Haraka"),
    ("hMailServer", "hMailServer"),
    ("MailEnable", "MailEnable"),
    ("MDaemon", "MDaemon"),
    ("Kerio Connect", "Kerio Connect"),
    ("IceWarp", "IceWarp"),
    ("Zimbra", "Zimbra"),
    ("Lotus Domino", "Lotus Domino"),
    ("Courier", "Courier"),
];

/// What an SMTP server showed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Facts {
    /// The greeting's code: 220 ready, 554 no service for you.
    pub code: u16,
    pub greeting: String,
    pub product: Option<String>,
    pub version: Option<String>,
    /// The reply code to EHLO (`None` if not asked or not answered).
    pub ehlo_code: Option<u16>,
    /// The EHLO extensions as sent (`STARTTLS`, `SIZE 10240000`, `AUTH PLAIN LOGIN`…).
    pub extensions: Vec<String>,
    /// Whether STARTTLS is offered; `None` if EHLO was not answered with 250.
    pub starttls: Option<bool>,
    /// SASL mechanisms offered on the unencrypted connection (before any STARTTLS). Non-empty
    /// means passwords may travel in clear text.
    pub auth: Vec<String>,
}

/// Parses an SMTP greeting (220 ready, 421 or 554 refused).
pub fn parse_greeting(buf: &[u8]) -> Option<Facts> {
    let (code, greeting, product, version) = super::greeting(buf, &[220, 421, 554], PRODUCTS)?;
    Some(Facts {
        code,
        greeting,
        product,
        version,
        ehlo_code: None,
        extensions: Vec::new(),
        starttls: None,
        auth: Vec::new(),
    })
}

/// The extensions of an EHLO reply: every line after the first (which greets us by name).
pub fn extensions(reply: &Reply) -> Vec<String> {
    reply
        .lines
        .iter()
        .skip(1)
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// The SASL mechanisms in an extension list: `AUTH PLAIN LOGIN` and the old `AUTH=LOGIN` form,
/// upper-cased, each once.
pub fn auth_mechanisms(extensions: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for ext in extensions {
        let upper = ext.to_ascii_uppercase();
        let Some(rest) = upper
            .strip_prefix("AUTH")
            .filter(|r| r.starts_with([' ', '=']))
        else {
            continue;
        };
        for mech in rest[1..].split([' ', '=']).filter(|m| !m.is_empty()) {
            if !out.iter().any(|m| m == mech) {
                out.push(mech.to_string());
            }
        }
    }
    out
}

/// Whether an extension list offers STARTTLS.
pub fn offers_starttls(extensions: &[String]) -> bool {
    extensions.iter().any(|e| {
        e.split(' ')
            .next()
            .is_some_and(|k| k.eq_ignore_ascii_case("STARTTLS"))
    })
}

/// Adds what an EHLO reply tells to the facts.
pub fn apply_ehlo(facts: &mut Facts, reply: &Reply) {
    facts.ehlo_code = Some(reply.code);
    if reply.code == 250 {
        let ext = extensions(reply);
        facts.starttls = Some(offers_starttls(&ext));
        facts.auth = auth_mechanisms(&ext);
        facts.extensions = ext;
    }
}

/// Reads the greeting of the SMTP server at `addr`, says EHLO, then QUIT.
pub async fn probe(addr: SocketAddr, p: &Probe) -> Option<Facts> {
    let mut conn = Conn::open(addr, p, "smtp").await.ok()?;
    conn.read_until(reply_done, 16 * 1024).await.ok()?;
    let mut facts = parse_greeting(&conn.buf)?;
    if facts.code != 220 {
        return Some(facts);
    }
    conn.buf.clear();
    if conn.send(EHLO).await.is_err() {
        return Some(facts);
    }
    if conn.read_until(reply_done, 16 * 1024).await.is_ok()
        && let Some((reply, _)) = parse_reply(&conn.buf)
    {
        apply_ehlo(&mut facts, &reply);
    }
    let _ = conn.send(b"QUIT\r\n").await;
    Some(facts)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{Step, probe_for, serve};
    use super::*;
    use std::time::Duration;

    #[test]
    fn greetings_name_the_server() {
        let cases: [(&[u8], Option<&str>, Option<&str>); 6] = [
            (
                b"220 mail.example.org ESMTP Postfix (Debian/GNU)\r\n",
                Some("Postfix"),
                None,
            ),
            (
                b"220 mx.example.org ESMTP Exim 4.96 Tue, 01 Dec 2026 10:00:00 +0000\r\n",
                Some("Exim"),
                Some("4.96"),
            ),
            (
                b"220 EX01.corp.example Microsoft ESMTP MAIL Service ready at Tue, 1 Dec 2026\r\n",
                Some("Microsoft ESMTP MAIL Service"),
                None,
            ),
            (
                b"220 mail Microsoft ESMTP MAIL Service, Version: 10.0.17763.1697 ready\r\n",
                Some("Microsoft ESMTP MAIL Service"),
                Some("10.0.17763.1697"),
            ),
            (
                b"220 mail.example.org ESMTP Sendmail 8.15.2/8.15.2; Tue, 1 Dec 2026\r\n",
                Some("Sendmail"),
                Some("8.15.2"),
            ),
            (b"220-mx.example.org ESMTP\r\n220 no spam\r\n", None, None),
        ];
        for (bytes, product, version) in cases {
            let f = parse_greeting(bytes).unwrap();
            assert_eq!(f.product.as_deref(), product, "{f:?}");
            assert_eq!(f.version.as_deref(), version, "{f:?}");
        }
        assert_eq!(
            parse_greeting(b"554 No SMTP service here\r\n")
                .unwrap()
                .code,
            554
        );
        assert!(parse_greeting(b"+OK POP3 ready\r\n").is_none());
        assert!(parse_greeting(b"\x16\x03\x01\x00").is_none());
    }

    #[test]
    fn ehlo_capabilities() {
        let reply = b"250-mail.example.org\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n\
            250-STARTTLS\r\n250-AUTH PLAIN LOGIN\r\n250-AUTH=LOGIN\r\n250 8BITMIME\r\n";
        let (reply, _) = parse_reply(reply).unwrap();
        let mut facts = parse_greeting(b"220 x ESMTP\r\n").unwrap();
        apply_ehlo(&mut facts, &reply);
        assert_eq!(facts.ehlo_code, Some(250));
        assert_eq!(facts.starttls, Some(true));
        assert_eq!(facts.auth, ["PLAIN", "LOGIN"]);
        assert_eq!(facts.extensions.len(), 6);

        let (reply, _) = parse_reply(b"250-x\r\n250-AUTHX\r\n250 STARTTLSX\r\n").unwrap();
        let mut facts = parse_greeting(b"220 x ESMTP\r\n").unwrap();
        apply_ehlo(&mut facts, &reply);
        assert_eq!((facts.starttls, facts.auth.len()), (Some(false), 0));

        let (reply, _) = parse_reply(b"502 Command not implemented\r\n").unwrap();
        apply_ehlo(&mut facts, &reply);
        assert_eq!(facts.ehlo_code, Some(502));
    }

    #[tokio::test]
    async fn probe_says_ehlo_and_quit() {
        let (addr, server) = serve(vec![vec![
            Step::Write(b"220 mx.example.org ESMTP Exim 4.96\r\n".to_vec()),
            Step::ReadUntil(b"\r\n".to_vec()),
            Step::Write(b"250-mx.example.org Hello\r\n250-SIZE 52428800\r\n".to_vec()),
            Step::Pause(20),
            Step::Write(b"250-AUTH CRAM-MD5 PLAIN\r\n250 HELP\r\n".to_vec()),
            Step::ReadUntil(b"\r\n".to_vec()),
            Step::Write(b"221 closing\r\n".to_vec()),
        ]])
        .await;
        let p = probe_for(Duration::from_secs(3));
        let facts = probe(addr, &p).await.unwrap();
        assert_eq!(facts.product.as_deref(), Some("Exim"));
        assert_eq!(facts.starttls, Some(false));
        assert_eq!(facts.auth, ["CRAM-MD5", "PLAIN"]);
        assert_eq!(
            server.await.unwrap()[0],
            b"EHLO hoshi-scan.invalid\r\nQUIT\r\n"
        );
        assert_eq!(p.log.entries().len(), 2);
    }
}
