//! VNC (RFB, RFC 6143): the server's version line, and the security types it offers once the
//! client answers with a version. Type 1 ("None") means anyone who connects gets the screen. The
//! probe stops after reading the list: it never picks a type, so no authentication starts.

use std::net::SocketAddr;

use super::{Conn, printable};
use crate::Probe;

/// Security type "None": no authentication.
pub const SECURITY_NONE: u8 = 1;

/// What a VNC server showed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Facts {
    /// The protocol version the server announced (`3.8`).
    pub version: String,
    /// The security types offered (1 None, 2 VNC authentication, 5/6 RA2, 16 Tight, 18 TLS,
    /// 19 VeNCrypt, 30+ Apple…).
    pub security_types: Vec<u8>,
    /// Whether type 1 (no authentication) is offered; `None` if the list was not read.
    pub no_auth: Option<bool>,
    /// The reason the server gave for offering nothing (too many failed attempts…).
    pub refused: Option<String>,
}

/// Parses the version line `RFB xxx.yyy\n`: the major and minor numbers.
pub fn parse_version(buf: &[u8]) -> Option<(u16, u16)> {
    let line = buf.get(..12)?;
    if !line.starts_with(b"RFB ") || line[7] != b'.' || line[11] != b'\n' {
        return None;
    }
    let num = |d: &[u8]| -> Option<u16> {
        d.iter().try_fold(0u16, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u16::from(c - b'0'))
        })
    };
    Some((num(&line[4..7])?, num(&line[8..11])?))
}

/// The version line we answer with: the server's own if it is one of the three published
/// versions, else the closest published one below it (Apple's 3.889 gets 3.8). Returns our
/// minor version and the line.
pub fn client_version(major: u16, minor: u16) -> (u16, &'static [u8]) {
    match (major, minor) {
        (3, 0..=6) => (3, b"RFB 003.003\n"),
        (3, 7) => (7, b"RFB 003.007\n"),
        _ => (8, b"RFB 003.008\n"),
    }
}

/// A complete security answer for the version we sent.
#[derive(Debug, PartialEq, Eq)]
pub enum Security {
    Types(Vec<u8>),
    /// No types: the reason string that follows.
    Refused(String),
}

/// Parses the server's security answer. 3.3: one 32-bit type (0 = refused, then a reason).
/// 3.7 and later: a count and that many types (count 0 = refused, then a reason).
pub fn parse_security(minor: u16, buf: &[u8]) -> Option<Security> {
    let (count_len, count) = if minor >= 7 {
        (1, usize::from(*buf.first()?))
    } else {
        let t = u32::from_be_bytes(buf.get(..4)?.try_into().ok()?);
        if t != 0 {
            return u8::try_from(t).ok().map(|t| Security::Types(vec![t]));
        }
        (4, 0)
    };
    if count > 0 {
        return Some(Security::Types(buf.get(1..1 + count)?.to_vec()));
    }
    let len = u32::from_be_bytes(buf.get(count_len..count_len + 4)?.try_into().ok()?) as usize;
    let reason = buf.get(count_len + 4..count_len + 4 + len.min(4096))?;
    Some(Security::Refused(printable(reason, 512)))
}

/// Talks to the VNC server at `addr` up to its list of security types.
pub async fn probe(addr: SocketAddr, p: &Probe) -> Option<Facts> {
    let mut conn = Conn::open(addr, p, "vnc").await.ok()?;
    conn.read_until(|b| b.len() >= 12, 12).await.ok()?;
    let (major, minor) = parse_version(&conn.buf)?;
    let mut facts = Facts {
        version: format!("{major}.{minor}"),
        security_types: Vec::new(),
        no_auth: None,
        refused: None,
    };
    let (ours, answer) = client_version(major, minor);
    conn.buf.clear();
    if conn.send(answer).await.is_err() {
        return Some(facts);
    }
    let done = |b: &[u8]| parse_security(ours, b).is_some();
    if conn.read_until(done, 8192).await.is_ok() {
        match parse_security(ours, &conn.buf) {
            Some(Security::Types(types)) => {
                facts.no_auth = Some(types.contains(&SECURITY_NONE));
                facts.security_types = types;
            }
            Some(Security::Refused(reason)) => facts.refused = Some(reason),
            None => {}
        }
    }
    Some(facts)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{Step, probe_for, serve};
    use super::*;
    use std::time::Duration;

    #[test]
    fn versions() {
        assert_eq!(parse_version(b"RFB 003.008\n"), Some((3, 8)));
        assert_eq!(parse_version(b"RFB 003.889\n"), Some((3, 889)));
        assert_eq!(parse_version(b"RFB 003.008"), None);
        assert_eq!(parse_version(b"RFB 0x3.008\n"), None);
        assert_eq!(parse_version(b"SSH-2.0-OpenSSH\r\n"), None);
        assert_eq!(client_version(3, 889), (8, &b"RFB 003.008\n"[..]));
        assert_eq!(client_version(3, 3), (3, &b"RFB 003.003\n"[..]));
        assert_eq!(client_version(3, 5), (3, &b"RFB 003.003\n"[..]));
        assert_eq!(client_version(3, 7), (7, &b"RFB 003.007\n"[..]));
        assert_eq!(client_version(4, 1), (8, &b"RFB 003.008\n"[..]));
    }

    #[test]
    fn security_answers() {
        assert_eq!(
            parse_security(8, &[2, 1, 2]),
            Some(Security::Types(vec![1, 2]))
        );
        assert_eq!(parse_security(8, &[2, 1]), None);
        assert_eq!(
            parse_security(3, &[0, 0, 0, 2]),
            Some(Security::Types(vec![2]))
        );
        let mut refused = vec![0, 0, 0, 0, 0, 0, 0, 7];
        refused.extend_from_slice(b"go away");
        assert_eq!(
            parse_security(3, &refused),
            Some(Security::Refused("go away".into()))
        );
        assert_eq!(
            parse_security(8, &refused[3..]),
            Some(Security::Refused("go away".into()))
        );
        assert_eq!(parse_security(8, &[0, 0xff, 0xff, 0xff, 0xff, 1]), None);
        assert_eq!(parse_security(3, &[0, 0, 1, 0]), None);
        assert_eq!(parse_security(8, &[]), None);
    }

    #[tokio::test]
    async fn probe_reads_the_types_and_stops() {
        let (addr, server) = serve(vec![vec![
            Step::Write(b"RFB 003.008\n".to_vec()),
            Step::Read(12),
            Step::Write(vec![2, 2, 1]),
        ]])
        .await;
        let p = probe_for(Duration::from_secs(3));
        let f = probe(addr, &p).await.unwrap();
        assert_eq!(f.version, "3.8");
        assert_eq!(f.security_types, [2, 1]);
        assert_eq!(f.no_auth, Some(true));
        assert_eq!(server.await.unwrap()[0], b"RFB 003.008\n");
    }

    #[tokio::test]
    async fn probe_speaks_3_3_to_an_old_server() {
        let (addr, server) = serve(vec![vec![
            Step::Write(b"RFB 003.003\n".to_vec()),
            Step::Read(12),
            Step::Write(vec![0, 0, 0, 2]),
        ]])
        .await;
        let p = probe_for(Duration::from_secs(3));
        let f = probe(addr, &p).await.unwrap();
        assert_eq!((f.security_types, f.no_auth), (vec![2], Some(false)));
        assert_eq!(server.await.unwrap()[0], b"RFB 003.003\n");
    }
}
