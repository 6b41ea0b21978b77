//! SMB over direct TCP (port 445; MS-SMB2, MS-CIFS): the NEGOTIATE exchange only.
//!
//! 1. An SMB2 NEGOTIATE offering 2.0.2, 2.1, 3.0, 3.0.2 and 3.1.1. Offering 3.1.1 obliges the
//!    client to add a PREAUTH_INTEGRITY_CAPABILITIES negotiate context (MS-SMB2 2.2.3.1.1;
//!    Windows refuses the request without it), so one is included: SHA-512 and a fixed salt.
//!    Leaving 3.1.1 out would make a modern server pick 3.0.2 and hide its best dialect. The
//!    answer's DialectRevision and SecurityMode (is signing required?) are reported because the
//!    server states them there.
//! 2. An SMB1 NEGOTIATE offering only "NT LM 0.12": a server that still speaks SMB1 answers in
//!    SMB1; one with SMB1 off refuses or closes the connection. SMB2 dialect strings ("SMB
//!    2.002", "SMB 2.???") are deliberately not offered here: a server that knows them would
//!    pick them and we could not tell whether SMB1 is still enabled.
//!
//! No SESSION_SETUP follows, so nothing about users, shares or the operating system is asked
//! for, and none is guessed.

use std::io::ErrorKind;
use std::net::SocketAddr;

use super::{Conn, exchange};
use crate::Probe;

/// The dialects offered in the SMB2 NEGOTIATE.
pub const DIALECTS: [u16; 5] = [0x0202, 0x0210, 0x0300, 0x0302, 0x0311];

/// The salt of our preauth-integrity context (any value is allowed; it binds nothing here).
const SALT: [u8; 32] = *b"hoshi-scan preauth salt 32 bytes";

/// SMB2 SecurityMode: signing required.
const SIGNING_REQUIRED: u16 = 0x02;
/// SMB1 SecurityMode: security signatures required.
const SMB1_SIGNATURES_REQUIRED: u8 = 0x08;

/// What an SMB server showed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Facts {
    /// The SMB2+ dialect it chose (`3.1.1`); `None` without an SMB2 answer.
    pub dialect: Option<String>,
    /// SecurityMode of the SMB2 answer: whether it requires signing.
    pub signing_required: Option<bool>,
    /// A non-zero NT status in the SMB2 answer (the negotiate was refused).
    pub status: Option<u32>,
    /// Whether it accepted the SMB1 dialect "NT LM 0.12": `Some(true)` on an SMB1 answer that
    /// picked it, `Some(false)` when it answered otherwise or closed the connection on the SMB1
    /// request, `None` when that request got no answer in time.
    pub smb1: Option<bool>,
    /// Whether the SMB1 answer requires signatures.
    pub smb1_signing_required: Option<bool>,
}

/// A NEGOTIATE answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Negotiated {
    Smb2 {
        status: u32,
        dialect: Option<u16>,
        security_mode: Option<u16>,
    },
    Smb1 {
        status: u32,
        /// Which offered dialect it picked (0xffff: none).
        dialect_index: Option<u16>,
        security_mode: Option<u8>,
    },
}

/// Prefixes the direct-TCP header: a zero byte and a 24-bit big-endian length.
pub fn frame(msg: &[u8]) -> Vec<u8> {
    let len = (msg.len() as u32).to_be_bytes();
    let mut out = vec![0, len[1], len[2], len[3]];
    out.extend_from_slice(msg);
    out
}

/// The SMB2 NEGOTIATE request (MS-SMB2 2.2.3), framed.
pub fn negotiate_smb2() -> Vec<u8> {
    let mut m = Vec::with_capacity(160);
    // SMB2 header: protocol id, structure size 64, credit charge, status, command 0 (NEGOTIATE),
    // credits requested 1, flags, next command, message id 0, process id, tree id, session id,
    // signature.
    m.extend_from_slice(b"\xfeSMB");
    m.extend_from_slice(&64u16.to_le_bytes());
    m.extend_from_slice(&[0; 2 + 4 + 2]);
    m.extend_from_slice(&1u16.to_le_bytes());
    m.extend_from_slice(&[0; 4 + 4 + 8 + 4 + 4 + 8 + 16]);
    // NEGOTIATE: structure size 36, dialect count, security mode (signing enabled),
    // reserved, capabilities, client GUID.
    m.extend_from_slice(&36u16.to_le_bytes());
    m.extend_from_slice(&(DIALECTS.len() as u16).to_le_bytes());
    m.extend_from_slice(&1u16.to_le_bytes());
    m.extend_from_slice(&[0; 2 + 4]);
    m.extend_from_slice(b"hoshi-scan-guid!");
    // Negotiate contexts: offset (from the header's start, 8-aligned), count 1, reserved.
    let after_dialects = 64 + 36 + 2 * DIALECTS.len();
    let context_offset = after_dialects.next_multiple_of(8);
    m.extend_from_slice(&(context_offset as u32).to_le_bytes());
    m.extend_from_slice(&1u16.to_le_bytes());
    m.extend_from_slice(&[0; 2]);
    for d in DIALECTS {
        m.extend_from_slice(&d.to_le_bytes());
    }
    m.resize(context_offset, 0);
    // SMB2_PREAUTH_INTEGRITY_CAPABILITIES: type 1, data length, reserved, then one hash
    // algorithm (SHA-512) and the salt.
    m.extend_from_slice(&1u16.to_le_bytes());
    m.extend_from_slice(&((6 + SALT.len()) as u16).to_le_bytes());
    m.extend_from_slice(&[0; 4]);
    m.extend_from_slice(&1u16.to_le_bytes());
    m.extend_from_slice(&(SALT.len() as u16).to_le_bytes());
    m.extend_from_slice(&1u16.to_le_bytes());
    m.extend_from_slice(&SALT);
    frame(&m)
}

/// The SMB1 NEGOTIATE request (MS-CIFS 2.2.4.52.1) offering only "NT LM 0.12", framed.
pub fn negotiate_smb1() -> Vec<u8> {
    let mut m = b"\xffSMB".to_vec();
    m.push(0x72); // SMB_COM_NEGOTIATE
    m.extend_from_slice(&[0; 4]); // status
    m.push(0x18); // flags: case-insensitive, canonical paths
    m.extend_from_slice(&0xc001u16.to_le_bytes()); // flags2: unicode, NT status, long names
    m.extend_from_slice(&[0; 2 + 8 + 2 + 2]); // PID high, security features, reserved, TID
    m.extend_from_slice(&0xfeffu16.to_le_bytes()); // PID low
    m.extend_from_slice(&[0; 2 + 2]); // UID, MID
    let dialects = b"\x02NT LM 0.12\x00";
    m.push(0); // word count
    m.extend_from_slice(&(dialects.len() as u16).to_le_bytes());
    m.extend_from_slice(dialects);
    frame(&m)
}

/// Whether a read of the answer can stop: a whole framed message, or bytes that cannot be one.
pub fn answer_done(buf: &[u8]) -> bool {
    match buf.get(..4) {
        None => false,
        Some(h) => {
            let len = (usize::from(h[1]) << 16) | (usize::from(h[2]) << 8) | usize::from(h[3]);
            h[0] != 0 || buf.len() >= 4 + len
        }
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// Parses a framed NEGOTIATE answer, SMB2 or SMB1.
pub fn parse_response(buf: &[u8]) -> Option<Negotiated> {
    let h = buf.get(..4)?;
    let len = (usize::from(h[1]) << 16) | (usize::from(h[2]) << 8) | usize::from(h[3]);
    if h[0] != 0 {
        return None;
    }
    let msg = buf.get(4..4 + len)?;
    if msg.starts_with(b"\xfeSMB") {
        if u16_at(msg, 4)? != 64 || u16_at(msg, 12)? != 0 {
            return None;
        }
        let status = u32_at(msg, 8)?;
        // A successful NEGOTIATE answer has structure size 65; an error answer 9.
        let ok = status == 0 && u16_at(msg, 64)? == 65;
        return Some(Negotiated::Smb2 {
            status,
            dialect: if ok { u16_at(msg, 68) } else { None },
            security_mode: if ok { u16_at(msg, 66) } else { None },
        });
    }
    if msg.starts_with(b"\xffSMB") {
        if *msg.get(4)? != 0x72 {
            return None;
        }
        let status = u32_at(msg, 5)?;
        let words = *msg.get(32)?;
        return Some(Negotiated::Smb1 {
            status,
            dialect_index: if words >= 1 { u16_at(msg, 33) } else { None },
            security_mode: if words >= 17 {
                msg.get(35).copied()
            } else {
                None
            },
        });
    }
    None
}

/// The name of an SMB2 dialect revision.
pub fn dialect_name(d: u16) -> String {
    match d {
        0x0202 => "2.0.2".into(),
        0x0210 => "2.1".into(),
        0x0300 => "3.0".into(),
        0x0302 => "3.0.2".into(),
        0x0311 => "3.1.1".into(),
        0x02ff => "2.???".into(),
        other => format!("0x{other:04x}"),
    }
}

/// The SMB1 probe's result: whether SMB1 was accepted, with signing, and whether the answer
/// proved an SMB server at all.
struct Smb1 {
    accepted: Option<bool>,
    signing_required: Option<bool>,
    proves_smb: bool,
}

async fn probe_smb1(addr: SocketAddr, p: &Probe) -> Smb1 {
    let unknown = Smb1 {
        accepted: None,
        signing_required: None,
        proves_smb: false,
    };
    let Ok(mut conn) = Conn::open(addr, p, "smb").await else {
        return unknown;
    };
    if conn.send(&negotiate_smb1()).await.is_err() {
        return unknown;
    }
    match conn.read_until(answer_done, 64 * 1024).await {
        Err(e)
            if matches!(
                e.kind(),
                ErrorKind::UnexpectedEof | ErrorKind::ConnectionReset
            ) =>
        {
            Smb1 {
                accepted: Some(false),
                ..unknown
            }
        }
        Err(_) => unknown,
        Ok(_) => match parse_response(&conn.buf) {
            Some(Negotiated::Smb1 {
                status,
                dialect_index,
                security_mode,
            }) => Smb1 {
                accepted: Some(status == 0 && dialect_index == Some(0)),
                signing_required: security_mode.map(|m| m & SMB1_SIGNATURES_REQUIRED != 0),
                proves_smb: true,
            },
            Some(Negotiated::Smb2 { .. }) => Smb1 {
                accepted: Some(false),
                signing_required: None,
                proves_smb: true,
            },
            None => unknown,
        },
    }
}

/// Negotiates (only) with the SMB server at `addr`. `None` if it is no SMB server.
pub async fn probe(addr: SocketAddr, p: &Probe) -> Option<Facts> {
    let answer = exchange(
        addr,
        p,
        "smb",
        Some(&negotiate_smb2()),
        answer_done,
        64 * 1024,
    )
    .await;
    let smb2 = answer.as_deref().ok().and_then(parse_response);
    // Bytes that are no SMB answer: some other service; don't send it more.
    if smb2.is_none() && answer.is_ok() {
        return None;
    }
    let smb1 = probe_smb1(addr, p).await;
    let mut facts = Facts {
        dialect: None,
        signing_required: None,
        status: None,
        smb1: smb1.accepted,
        smb1_signing_required: smb1.signing_required,
    };
    match smb2 {
        Some(Negotiated::Smb2 {
            status,
            dialect,
            security_mode,
        }) => {
            facts.dialect = dialect.map(dialect_name);
            facts.signing_required = security_mode.map(|m| m & SIGNING_REQUIRED != 0);
            facts.status = (status != 0).then_some(status);
        }
        // An SMB1 answer to an SMB2 request: an SMB1-only server.
        Some(Negotiated::Smb1 { .. }) => {}
        None if smb1.proves_smb => {}
        None => return None,
    }
    Some(facts)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{Step, probe_for, serve};
    use super::*;
    use std::time::Duration;

    /// An SMB2 NEGOTIATE answer as a server builds it (MS-SMB2 2.2.4).
    fn smb2_answer(dialect: u16, security_mode: u16) -> Vec<u8> {
        let mut m = b"\xfeSMB".to_vec();
        m.extend_from_slice(&64u16.to_le_bytes());
        m.extend_from_slice(&[0; 2 + 4]); // credit charge, status 0
        m.extend_from_slice(&0u16.to_le_bytes()); // NEGOTIATE
        m.extend_from_slice(&1u16.to_le_bytes()); // credits granted
        m.extend_from_slice(&1u32.to_le_bytes()); // flags: server to redirector
        m.extend_from_slice(&[0; 4 + 8 + 4 + 4 + 8 + 16]);
        m.extend_from_slice(&65u16.to_le_bytes());
        m.extend_from_slice(&security_mode.to_le_bytes());
        m.extend_from_slice(&dialect.to_le_bytes());
        m.extend_from_slice(&0u16.to_le_bytes()); // negotiate context count
        m.extend_from_slice(&[0x11; 16]); // server GUID
        m.extend_from_slice(&[0; 4 + 4 + 4 + 4 + 8 + 8]); // capabilities … start time
        m.extend_from_slice(&128u16.to_le_bytes()); // security buffer offset
        m.extend_from_slice(&0u16.to_le_bytes()); // security buffer length
        m.extend_from_slice(&[0; 4]); // negotiate context offset
        frame(&m)
    }

    /// An SMB1 NEGOTIATE answer (NT LM 0.12 chosen, word count 17).
    fn smb1_answer(dialect_index: u16, security_mode: u8) -> Vec<u8> {
        let mut m = b"\xffSMB\x72".to_vec();
        m.extend_from_slice(&[0; 4]);
        m.push(0x98);
        m.extend_from_slice(&0xc001u16.to_le_bytes());
        m.extend_from_slice(&[0; 20]);
        m.push(17);
        m.extend_from_slice(&dialect_index.to_le_bytes());
        m.push(security_mode);
        m.extend_from_slice(&[0; 31]);
        m.extend_from_slice(&0u16.to_le_bytes()); // byte count
        frame(&m)
    }

    #[test]
    fn smb2_request_layout() {
        let req = negotiate_smb2();
        let msg = &req[4..];
        assert_eq!(msg.len(), usize::from(req[3]) | (usize::from(req[2]) << 8));
        assert_eq!(&msg[..4], b"\xfeSMB");
        assert_eq!(u16_at(msg, 64), Some(36));
        assert_eq!(u16_at(msg, 66), Some(5));
        let offset = u32_at(msg, 64 + 28).unwrap() as usize;
        assert_eq!(offset % 8, 0);
        assert_eq!(u16_at(msg, 64 + 32), Some(1));
        assert_eq!(u16_at(msg, 100 + 8), Some(0x0311));
        assert_eq!(u16_at(msg, offset), Some(1)); // preauth integrity
        assert_eq!(u16_at(msg, offset + 2), Some(38));
        assert_eq!(msg.len(), offset + 8 + 38);
    }

    #[test]
    fn smb1_request_layout() {
        let req = negotiate_smb1();
        assert_eq!(&req[4..9], b"\xffSMB\x72");
        assert!(req.ends_with(b"\x02NT LM 0.12\x00"));
        assert_eq!(req.len() - 4, usize::from(req[3]));
    }

    #[test]
    fn answers() {
        let a = parse_response(&smb2_answer(0x0311, 0x03)).unwrap();
        assert_eq!(
            a,
            Negotiated::Smb2 {
                status: 0,
                dialect: Some(0x0311),
                security_mode: Some(3)
            }
        );
        let a = parse_response(&smb1_answer(0, 0x0f)).unwrap();
        assert!(matches!(
            a,
            Negotiated::Smb1 {
                dialect_index: Some(0),
                security_mode: Some(0x0f),
                ..
            }
        ));
        assert_eq!(dialect_name(0x0210), "2.1");
        assert_eq!(dialect_name(0x1234), "0x1234");
        assert!(parse_response(b"HTTP/1.1 400 Bad Request\r\n").is_none());
        let good = smb2_answer(0x0302, 1);
        for cut in 0..good.len() {
            assert!(parse_response(&good[..cut]).is_none());
        }
        assert!(answer_done(b"\x83\x00\x00\x01\x8f"));
        assert!(!answer_done(&good[..40]));
        let mut error = good.clone();
        error[12] = 0x22; // some NT status
        assert!(matches!(
            parse_response(&error),
            Some(Negotiated::Smb2 { dialect: None, .. })
        ));
    }

    #[tokio::test]
    async fn probe_reports_dialect_signing_and_smb1() {
        let smb2_req = negotiate_smb2();
        let smb1_req = negotiate_smb1();
        let (addr, server) = serve(vec![
            vec![
                Step::Read(smb2_req.len()),
                Step::Write(smb2_answer(0x0311, 0x03)),
            ],
            vec![
                Step::Read(smb1_req.len()),
                Step::Write(smb1_answer(0, 0x03)),
            ],
        ])
        .await;
        let p = probe_for(Duration::from_secs(3));
        let f = probe(addr, &p).await.unwrap();
        assert_eq!(f.dialect.as_deref(), Some("3.1.1"));
        assert_eq!(f.signing_required, Some(true));
        assert_eq!((f.smb1, f.smb1_signing_required), (Some(true), Some(false)));
        assert_eq!(server.await.unwrap(), [smb2_req, smb1_req]);
    }

    #[tokio::test]
    async fn probe_sees_smb1_refused_by_a_close() {
        let smb2_req = negotiate_smb2();
        let (addr, server) = serve(vec![
            vec![
                Step::Read(smb2_req.len()),
                Step::Write(smb2_answer(0x0302, 0x01)),
            ],
            vec![Step::Read(10), Step::Close],
        ])
        .await;
        let p = probe_for(Duration::from_secs(3));
        let f = probe(addr, &p).await.unwrap();
        assert_eq!(
            (f.dialect.as_deref(), f.signing_required),
            (Some("3.0.2"), Some(false))
        );
        assert_eq!(f.smb1, Some(false));
        server.await.unwrap();
    }
}
