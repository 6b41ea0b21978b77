//! Mailbox access: POP3 (RFC 1939, capabilities RFC 2449, STLS RFC 2595) and IMAP (RFC 9051 /
//! RFC 3501). The greeting names the server; the capability list tells whether TLS is offered
//! (`STLS`, `STARTTLS`) and whether a password could be sent in clear text (`USER`, `AUTH=`
//! without `LOGINDISABLED`). The probes ask for capabilities and log out: no USER, PASS, LOGIN or
//! AUTHENTICATE ever.

use std::net::SocketAddr;

use super::{Conn, printable, product_in};
use crate::Probe;

/// Servers that name themselves in their POP3 or IMAP greeting.
const PRODUCTS: &[(&str, &str)] = &[
    ("Dovecot", "Dovecot"),
    ("Courier-IMAP", "Courier-IMAP"),
    ("Courier", "Courier"),
    ("Cyrus IMAP", "Cyrus IMAP"),
    ("Cyrus POP3", "Cyrus POP3"),
    ("Microsoft Exchange", "Microsoft Exchange"),
    ("Zimbra", "Zimbra"),
    ("Qpopper", "Qpopper"),
    ("hMailServer", "hMailServer"),
    ("MDaemon", "MDaemon"),
    ("Kerio Connect", "Kerio Connect"),
    ("IceWarp", "IceWarp"),
    ("UW IMAP", "UW IMAP"),
];

/// What a POP3 server showed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Pop3Facts {
    /// Whether the greeting was `+OK` (not `-ERR`).
    pub ok: bool,
    pub greeting: String,
    pub product: Option<String>,
    pub version: Option<String>,
    /// The CAPA list; `None` if CAPA was refused or not answered.
    pub capabilities: Option<Vec<String>>,
    /// Whether STLS is offered; `None` if CAPA did not tell.
    pub stls: Option<bool>,
    /// Whether USER/PASS (a clear-text password) is offered before TLS.
    pub user: Option<bool>,
    /// SASL mechanisms offered before TLS.
    pub sasl: Vec<String>,
}

/// What an IMAP server showed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImapFacts {
    /// The greeting's status: `OK`, `PREAUTH` (already logged in, without credentials!) or
    /// `BYE` (refused).
    pub status: String,
    pub greeting: String,
    pub product: Option<String>,
    pub version: Option<String>,
    /// The capability list; `None` if the server did not give one.
    pub capabilities: Option<Vec<String>>,
    pub starttls: Option<bool>,
    /// `LOGINDISABLED`: the server refuses LOGIN before TLS.
    pub login_disabled: Option<bool>,
    /// SASL mechanisms (`AUTH=PLAIN` → `PLAIN`) offered before TLS.
    pub auth: Vec<String>,
}

/// The first line of `buf`, without its line break; `None` until it is complete.
fn first_line(buf: &[u8]) -> Option<&[u8]> {
    let nl = buf.iter().position(|&b| b == b'\n')?;
    let line = &buf[..nl];
    Some(line.strip_suffix(b"\r").unwrap_or(line))
}

/// Parses a POP3 greeting line (`+OK Dovecot (Debian) ready.`).
pub fn parse_pop3_greeting(buf: &[u8]) -> Option<Pop3Facts> {
    let line = first_line(buf)?;
    let (ok, rest) = if let Some(rest) = line.strip_prefix(b"+OK") {
        (true, rest)
    } else {
        (false, line.strip_prefix(b"-ERR")?)
    };
    if !rest.is_empty() && !rest.starts_with(b" ") {
        return None;
    }
    let greeting = printable(rest, 512);
    let (product, version) = product_in(&greeting, PRODUCTS).unzip();
    Some(Pop3Facts {
        ok,
        greeting,
        product,
        version: version.flatten(),
        capabilities: None,
        stls: None,
        user: None,
        sasl: Vec::new(),
    })
}

/// Whether a multi-line POP3 answer is complete: a `-ERR` line, or `+OK` … `.` line.
pub fn pop3_multiline_done(buf: &[u8]) -> bool {
    match first_line(buf) {
        Some(line) if line.starts_with(b"+OK") => {
            buf.windows(4).any(|w| w == b"\n.\r\n") || buf.windows(3).any(|w| w == b"\n.\n")
        }
        Some(_) => true,
        None => false,
    }
}

/// The lines of a complete `+OK` multi-line POP3 answer (dot-stuffing undone); `None` for `-ERR`
/// or an unfinished answer.
pub fn parse_pop3_capa(buf: &[u8]) -> Option<Vec<String>> {
    if !first_line(buf)?.starts_with(b"+OK") {
        return None;
    }
    let mut caps = Vec::new();
    for raw in buf.split(|&b| b == b'\n').skip(1) {
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        if line == b"." {
            return Some(caps);
        }
        let line = line.strip_prefix(b".").unwrap_or(line);
        let text = printable(line, 256);
        if !text.is_empty() && caps.len() < 100 {
            caps.push(text);
        }
    }
    None
}

/// Adds what a CAPA list tells to the facts.
pub fn apply_pop3_capa(facts: &mut Pop3Facts, caps: Vec<String>) {
    let has = |name: &str| {
        caps.iter().any(|c| {
            c.split(' ')
                .next()
                .is_some_and(|k| k.eq_ignore_ascii_case(name))
        })
    };
    facts.stls = Some(has("STLS"));
    facts.user = Some(has("USER"));
    facts.sasl = caps
        .iter()
        .filter_map(|c| {
            c.split_once(' ')
                .filter(|(k, _)| k.eq_ignore_ascii_case("SASL"))
        })
        .flat_map(|(_, mechs)| {
            mechs
                .split(' ')
                .filter(|m| !m.is_empty())
                .map(str::to_ascii_uppercase)
        })
        .collect();
    if facts.product.is_none()
        && let Some(imp) = caps.iter().find_map(|c| c.strip_prefix("IMPLEMENTATION "))
    {
        let (product, version) = product_in(imp, PRODUCTS).unzip();
        facts.product = product;
        facts.version = version.flatten();
    }
    facts.capabilities = Some(caps);
}

/// Reads the greeting of the POP3 server at `addr`, asks CAPA, says QUIT.
pub async fn probe_pop3(addr: SocketAddr, p: &Probe) -> Option<Pop3Facts> {
    let mut conn = Conn::open(addr, p, "pop3").await.ok()?;
    conn.read_until(|b| first_line(b).is_some(), 4096)
        .await
        .ok()?;
    let mut facts = parse_pop3_greeting(&conn.buf)?;
    if !facts.ok {
        return Some(facts);
    }
    conn.buf.clear();
    if conn.send(b"CAPA\r\n").await.is_err() {
        return Some(facts);
    }
    if conn
        .read_until(pop3_multiline_done, 16 * 1024)
        .await
        .is_ok()
        && let Some(caps) = parse_pop3_capa(&conn.buf)
    {
        apply_pop3_capa(&mut facts, caps);
    }
    let _ = conn.send(b"QUIT\r\n").await;
    Some(facts)
}

/// Parses an IMAP greeting (`* OK [CAPABILITY …] Dovecot ready.`), with the capabilities if it
/// carries them.
pub fn parse_imap_greeting(buf: &[u8]) -> Option<ImapFacts> {
    let line = first_line(buf)?;
    let rest = line.strip_prefix(b"* ")?;
    let (status, rest) = ["OK", "PREAUTH", "BYE"].iter().find_map(|s| {
        let r = rest.strip_prefix(s.as_bytes())?;
        (r.is_empty() || r.starts_with(b" ")).then_some((*s, r))
    })?;
    let text = printable(rest, 1024);
    let (caps, greeting) = match text.strip_prefix('[').and_then(|t| t.split_once(']')) {
        Some((code, after)) => {
            let caps = code.strip_prefix("CAPABILITY ").map(capability_list);
            (caps, after.trim().to_string())
        }
        None => (None, text),
    };
    let (product, version) = product_in(&greeting, PRODUCTS).unzip();
    let mut facts = ImapFacts {
        status: status.to_string(),
        greeting,
        product,
        version: version.flatten(),
        capabilities: None,
        starttls: None,
        login_disabled: None,
        auth: Vec::new(),
    };
    if let Some(caps) = caps {
        apply_imap_capabilities(&mut facts, caps);
    }
    Some(facts)
}

fn capability_list(text: &str) -> Vec<String> {
    text.split(' ')
        .filter(|c| !c.is_empty())
        .take(200)
        .map(str::to_string)
        .collect()
}

/// The capabilities in the untagged `* CAPABILITY` line of a CAPABILITY answer.
pub fn parse_imap_capability(buf: &[u8]) -> Option<Vec<String>> {
    buf.split(|&b| b == b'\n').find_map(|raw| {
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        let rest = line.strip_prefix(b"* CAPABILITY ")?;
        Some(capability_list(&printable(rest, 4096)))
    })
}

/// Adds what a capability list tells to the facts.
pub fn apply_imap_capabilities(facts: &mut ImapFacts, caps: Vec<String>) {
    let has = |name: &str| caps.iter().any(|c| c.eq_ignore_ascii_case(name));
    facts.starttls = Some(has("STARTTLS"));
    facts.login_disabled = Some(has("LOGINDISABLED"));
    facts.auth = caps
        .iter()
        .filter_map(|c| {
            c.get(..5)
                .filter(|p| p.eq_ignore_ascii_case("AUTH="))
                .map(|_| c[5..].to_ascii_uppercase())
        })
        .collect();
    facts.capabilities = Some(caps);
}

/// Whether the answer to our tagged command `tag` is complete (its tagged status line arrived).
fn tagged_done(buf: &[u8], tag: &[u8]) -> bool {
    buf.split(|&b| b == b'\n')
        .any(|line| line.starts_with(tag) && line.get(tag.len()) == Some(&b' '))
        || buf.starts_with(b"* BYE")
}

/// Reads the greeting of the IMAP server at `addr`, asks CAPABILITY if the greeting did not
/// carry it, then logs out.
pub async fn probe_imap(addr: SocketAddr, p: &Probe) -> Option<ImapFacts> {
    let mut conn = Conn::open(addr, p, "imap").await.ok()?;
    conn.read_until(|b| first_line(b).is_some(), 8192)
        .await
        .ok()?;
    let mut facts = parse_imap_greeting(&conn.buf)?;
    if facts.status == "BYE" {
        return Some(facts);
    }
    if facts.capabilities.is_none() {
        conn.buf.clear();
        if conn.send(b"a1 CAPABILITY\r\n").await.is_err() {
            return Some(facts);
        }
        if conn
            .read_until(|b| tagged_done(b, b"a1"), 16 * 1024)
            .await
            .is_ok()
            && let Some(caps) = parse_imap_capability(&conn.buf)
        {
            apply_imap_capabilities(&mut facts, caps);
        }
    }
    let _ = conn.send(b"a2 LOGOUT\r\n").await;
    Some(facts)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{Step, probe_for, serve};
    use super::*;
    use std::time::Duration;

    #[test]
    fn pop3_greeting_and_capa() {
        let f = parse_pop3_greeting(b"+OK Dovecot (Debian) ready.\r\n").unwrap();
        assert!(f.ok);
        assert_eq!(f.product.as_deref(), Some("Dovecot"));
        let f = parse_pop3_greeting(b"+OK Qpopper (version 4.1.0) at mail starting.\r\n").unwrap();
        assert_eq!(
            (f.product.as_deref(), f.version.as_deref()),
            (Some("Qpopper"), Some("4.1.0"))
        );
        assert!(!parse_pop3_greeting(b"-ERR go away\r\n").unwrap().ok);
        assert!(parse_pop3_greeting(b"+OKAY\r\n").is_none());
        assert!(parse_pop3_greeting(b"220 smtp\r\n").is_none());
        assert!(parse_pop3_greeting(b"+OK no newline yet").is_none());

        let capa = b"+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nUSER\r\nSASL PLAIN LOGIN\r\nSTLS\r\nIMPLEMENTATION Cyrus POP3 v2.4.17\r\n.\r\n";
        assert!(pop3_multiline_done(capa));
        assert!(!pop3_multiline_done(&capa[..20]));
        assert!(pop3_multiline_done(b"-ERR unknown command\r\n"));
        let caps = parse_pop3_capa(capa).unwrap();
        assert_eq!(caps.len(), 8);
        let mut f = parse_pop3_greeting(b"+OK <1896.697170952@example.org>\r\n").unwrap();
        apply_pop3_capa(&mut f, caps);
        assert_eq!((f.stls, f.user), (Some(true), Some(true)));
        assert_eq!(f.sasl, ["PLAIN", "LOGIN"]);
        assert_eq!(
            (f.product.as_deref(), f.version.as_deref()),
            (Some("Cyrus POP3"), Some("2.4.17"))
        );
        assert!(parse_pop3_capa(b"-ERR no\r\n").is_none());
        assert!(parse_pop3_capa(b"+OK\r\nTOP\r\n").is_none());
    }

    #[test]
    fn imap_greetings_and_capabilities() {
        let g = b"* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN] Dovecot (Debian) ready.\r\n";
        let f = parse_imap_greeting(g).unwrap();
        assert_eq!(f.status, "OK");
        assert_eq!(f.greeting, "Dovecot (Debian) ready.");
        assert_eq!(f.product.as_deref(), Some("Dovecot"));
        assert_eq!((f.starttls, f.login_disabled), (Some(true), Some(false)));
        assert_eq!(f.auth, ["PLAIN"]);

        let f = parse_imap_greeting(b"* OK The Microsoft Exchange IMAP4 service is ready.\r\n")
            .unwrap();
        assert_eq!(f.product.as_deref(), Some("Microsoft Exchange"));
        assert_eq!(f.capabilities, None);
        assert_eq!(
            parse_imap_greeting(b"* PREAUTH welcome\r\n")
                .unwrap()
                .status,
            "PREAUTH"
        );
        assert_eq!(parse_imap_greeting(b"* BYE\r\n").unwrap().status, "BYE");
        assert!(parse_imap_greeting(b"* OKAY\r\n").is_none());
        assert!(parse_imap_greeting(b"+OK pop\r\n").is_none());

        let answer = b"* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED AUTH=GSSAPI\r\na1 OK done\r\n";
        assert!(tagged_done(answer, b"a1"));
        assert!(!tagged_done(&answer[..40], b"a1"));
        let caps = parse_imap_capability(answer).unwrap();
        let mut f = parse_imap_greeting(b"* OK ready\r\n").unwrap();
        apply_imap_capabilities(&mut f, caps);
        assert_eq!((f.starttls, f.login_disabled), (Some(true), Some(true)));
        assert_eq!(f.auth, ["GSSAPI"]);
        assert!(parse_imap_capability(b"a1 BAD\r\n").is_none());
    }

    #[tokio::test]
    async fn pop3_probe_asks_capa_and_quits() {
        let (addr, server) = serve(vec![vec![
            Step::Write(b"+OK Dovecot ready.\r\n".to_vec()),
            Step::ReadUntil(b"\r\n".to_vec()),
            Step::Write(b"+OK\r\nCAPA\r\nUSER\r\n".to_vec()),
            Step::Pause(20),
            Step::Write(b"SASL PLAIN\r\n.\r\n".to_vec()),
            Step::ReadUntil(b"\r\n".to_vec()),
            Step::Write(b"+OK Logging out.\r\n".to_vec()),
        ]])
        .await;
        let p = probe_for(Duration::from_secs(3));
        let f = probe_pop3(addr, &p).await.unwrap();
        assert_eq!((f.stls, f.user), (Some(false), Some(true)));
        assert_eq!(f.sasl, ["PLAIN"]);
        assert_eq!(server.await.unwrap()[0], b"CAPA\r\nQUIT\r\n");
    }

    #[tokio::test]
    async fn imap_probe_asks_capability_when_the_greeting_lacks_it() {
        let (addr, server) = serve(vec![
            vec![
                Step::Write(b"* OK IMAP4rev1 ready\r\n".to_vec()),
                Step::ReadUntil(b"\r\n".to_vec()),
                Step::Write(b"* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n".to_vec()),
                Step::Pause(20),
                Step::Write(b"a1 OK CAPABILITY completed\r\n".to_vec()),
                Step::ReadUntil(b"\r\n".to_vec()),
                Step::Write(b"* BYE\r\na2 OK\r\n".to_vec()),
            ],
            vec![
                Step::Write(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hi\r\n".to_vec()),
                Step::ReadUntil(b"\r\n".to_vec()),
            ],
        ])
        .await;
        let p = probe_for(Duration::from_secs(3));
        let f = probe_imap(addr, &p).await.unwrap();
        assert_eq!((f.starttls, f.login_disabled), (Some(true), Some(true)));
        let f = probe_imap(addr, &p).await.unwrap();
        assert_eq!(
            (f.starttls, f.auth),
            (Some(false), vec!["PLAIN".to_string()])
        );
        let got = server.await.unwrap();
        assert_eq!(got[0], b"a1 CAPABILITY\r\na2 LOGOUT\r\n");
        assert_eq!(got[1], b"a2 LOGOUT\r\n");
    }
}
