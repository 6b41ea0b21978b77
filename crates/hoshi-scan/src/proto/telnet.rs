//! Telnet (RFC 854, option negotiation RFC 855): recognised by its IAC negotiation bytes and/or
//! a login prompt, with the text the device prints (often its model: `RT-500KI login:`).
//!
//! The probe listens first. Many servers hold their prompt back until the client has answered
//! their option requests; only then does it send anything, and only refusals (WONT to every DO,
//! DONT to every WILL), which commit us to nothing. It never types a user name.

use std::net::SocketAddr;

use super::{Conn, printable};
use crate::Probe;

const IAC: u8 = 255;
const DONT: u8 = 254;
const DO: u8 = 253;
const WONT: u8 = 252;
const WILL: u8 = 251;
const SB: u8 = 250;
const SE: u8 = 240;

/// The longest banner text we keep.
const MAX_TEXT: usize = 2048;

/// One option request the server made (`DO TERMINAL-TYPE`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Negotiation {
    /// `DO`, `DONT`, `WILL` or `WONT`.
    pub verb: String,
    pub option: u8,
}

/// What a Telnet server showed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Facts {
    /// The option negotiation the server started (empty if it sent plain text only).
    pub negotiation: Vec<Negotiation>,
    /// The printable text, negotiation removed, lines kept.
    pub banner: String,
    /// The last line if it asks for a login or password (`RT-500KI login:`).
    pub prompt: Option<String>,
}

/// What a stream of Telnet bytes holds: the negotiation commands and the text between them.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Split {
    pub negotiation: Vec<(u8, u8)>,
    pub text: Vec<u8>,
    /// Whether any IAC command at all was seen (also `IAC GA`, subnegotiations).
    pub iac: bool,
}

/// Separates IAC commands from text. Unfinished commands at the end are dropped.
pub fn split(bytes: &[u8]) -> Split {
    let mut out = Split::default();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b != IAC {
            out.text.push(b);
            i += 1;
            continue;
        }
        let Some(&cmd) = bytes.get(i + 1) else { break };
        out.iac = true;
        match cmd {
            IAC => {
                out.text.push(IAC);
                i += 2;
            }
            WILL | WONT | DO | DONT => {
                if let Some(&opt) = bytes.get(i + 2) {
                    out.negotiation.push((cmd, opt));
                }
                i += 3;
            }
            SB => {
                // Skip to IAC SE (or the end).
                let end = bytes[i + 2..].windows(2).position(|w| w == [IAC, SE]);
                i = match end {
                    Some(at) => i + 2 + at + 2,
                    None => bytes.len(),
                };
            }
            _ => i += 2,
        }
    }
    out
}

fn verb_name(verb: u8) -> &'static str {
    match verb {
        DO => "DO",
        DONT => "DONT",
        WILL => "WILL",
        _ => "WONT",
    }
}

/// The answer that refuses every request: WONT for DO, DONT for WILL (nothing for WONT/DONT,
/// which need no answer). Empty if there is nothing to refuse.
pub fn refusals(negotiation: &[(u8, u8)]) -> Vec<u8> {
    let mut out = Vec::new();
    for &(verb, opt) in negotiation {
        let answer = match verb {
            DO => WONT,
            WILL => DONT,
            _ => continue,
        };
        if !out.chunks(3).any(|c: &[u8]| c == [IAC, answer, opt]) {
            out.extend_from_slice(&[IAC, answer, opt]);
        }
    }
    out
}

/// Text lines as printable strings (control characters dropped, empty lines removed).
fn lines(text: &[u8]) -> Vec<String> {
    text.split(|&b| b == b'\n' || b == b'\r')
        .map(|l| printable(l, 256))
        .filter(|l| !l.is_empty())
        .collect()
}

/// Whether a line asks for credentials.
fn is_prompt(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    let lower = lower.trim_end();
    [
        "login:",
        "username:",
        "user name:",
        "user:",
        "password:",
        "login as:",
    ]
    .iter()
    .any(|p| lower.ends_with(p))
}

/// Facts from what a server sent, if it looks like Telnet: negotiation bytes, or a prompt for a
/// login. Plain text without either is no evidence of Telnet.
pub fn parse(bytes: &[u8]) -> Option<Facts> {
    let s = split(bytes);
    let lines = lines(&s.text);
    let prompt = lines.last().filter(|l| is_prompt(l)).cloned();
    if s.negotiation.is_empty() && prompt.is_none() {
        return None;
    }
    let mut banner = lines.join("\n");
    if banner.len() > MAX_TEXT {
        let cut = (0..=MAX_TEXT)
            .rev()
            .find(|&i| banner.is_char_boundary(i))
            .unwrap_or(0);
        banner.truncate(cut);
    }
    Some(Facts {
        negotiation: s
            .negotiation
            .iter()
            .map(|&(v, o)| Negotiation {
                verb: verb_name(v).to_string(),
                option: o,
            })
            .collect(),
        banner,
        prompt,
    })
}

/// Listens to the Telnet server at `addr` (refusing its options if it waits for answers).
pub async fn probe(addr: SocketAddr, p: &Probe) -> Option<Facts> {
    let mut conn = Conn::open(addr, p, "telnet").await.ok()?;
    conn.read_quiet(8192).await.ok()?;
    let first = split(&conn.buf);
    let has_prompt = lines(&first.text).last().is_some_and(|l| is_prompt(l));
    let answer = refusals(&first.negotiation);
    if !has_prompt && !answer.is_empty() && !conn.eof() && conn.send(&answer).await.is_ok() {
        // Whatever follows is the text the server held back; silence is fine too.
        let _ = conn.read_quiet(16 * 1024).await;
    }
    parse(&conn.buf)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{Step, probe_for, serve};
    use super::*;
    use std::time::Duration;

    /// What Linux's in.telnetd sends first: DO TERMINAL-TYPE (24), DO TSPEED (32),
    /// DO XDISPLOC (35), DO NEW-ENVIRON (39).
    const TELNETD_HELLO: &[u8] = &[255, 253, 24, 255, 253, 32, 255, 253, 35, 255, 253, 39];

    #[test]
    fn negotiation_and_text_are_separated() {
        let mut bytes = TELNETD_HELLO.to_vec();
        bytes.extend_from_slice(&[255, 251, 1, 255, 250, 24, 1, 255, 240]);
        bytes.extend_from_slice(b"\r\nRT-500KI login: ");
        let s = split(&bytes);
        assert_eq!(s.negotiation.len(), 5);
        assert_eq!(s.negotiation[4], (WILL, 1));
        assert_eq!(s.text, b"\r\nRT-500KI login: ");
        let f = parse(&bytes).unwrap();
        assert_eq!(f.prompt.as_deref(), Some("RT-500KI login:"));
        assert_eq!(f.negotiation[0].verb, "DO");
        assert_eq!(f.negotiation[0].option, 24);
        assert_eq!(f.banner, "RT-500KI login:");
    }

    #[test]
    fn refusals_answer_do_and_will_only() {
        let answer = refusals(&[(DO, 24), (WILL, 1), (WONT, 3), (DONT, 5), (DO, 24)]);
        assert_eq!(answer, [255, 252, 24, 255, 254, 1]);
        assert!(refusals(&[(WONT, 1)]).is_empty());
    }

    #[test]
    fn plain_prompts_count_and_plain_text_does_not() {
        let f = parse(b"\r\nWelcome to Switch\r\n\r\nUsername: ").unwrap();
        assert_eq!(f.banner, "Welcome to Switch\nUsername:");
        assert!(f.negotiation.is_empty());
        assert!(parse(b"HTTP/1.1 400 Bad Request\r\n\r\n").is_none());
        assert!(parse(b"").is_none());
    }

    #[test]
    fn hostile_bytes_do_not_panic() {
        for bytes in [
            &[255][..],
            &[255, 253],
            &[255, 250],
            &[255, 250, 24],
            &[255, 250, 255],
            &[255, 255, 255],
            &[0xc3, 0x28, 255, 251],
        ] {
            let _ = split(bytes);
            let _ = parse(bytes);
        }
        let long = [b'a'; 10_000];
        let mut bytes = TELNETD_HELLO.to_vec();
        bytes.extend_from_slice(&long);
        assert!(parse(&bytes).unwrap().banner.len() <= MAX_TEXT);
    }

    #[tokio::test]
    async fn probe_refuses_options_to_get_the_prompt() {
        let (addr, server) = serve(vec![vec![
            Step::Write(TELNETD_HELLO.to_vec()),
            Step::Read(12),
            Step::Write(b"\r\nDebian GNU/Linux 12\r\nbox login: ".to_vec()),
        ]])
        .await;
        let p = probe_for(Duration::from_secs(3));
        let f = probe(addr, &p).await.unwrap();
        assert_eq!(f.prompt.as_deref(), Some("box login:"));
        assert_eq!(f.banner, "Debian GNU/Linux 12\nbox login:");
        let sent = server.await.unwrap();
        assert_eq!(
            sent[0],
            [255, 252, 24, 255, 252, 32, 255, 252, 35, 255, 252, 39]
        );
        assert_eq!(p.log.entries()[0].probe, "telnet");
    }

    #[tokio::test]
    async fn probe_sends_nothing_when_the_prompt_is_already_there() {
        let mut hello = TELNETD_HELLO.to_vec();
        hello.extend_from_slice(b"\r\nRT-500KI login: ");
        let (addr, server) = serve(vec![vec![Step::Write(hello)]]).await;
        let p = probe_for(Duration::from_secs(3));
        let f = probe(addr, &p).await.unwrap();
        assert_eq!(f.prompt.as_deref(), Some("RT-500KI login:"));
        assert!(server.await.unwrap()[0].is_empty());
        assert!(p.log.entries().is_empty());
    }
}
