//! RDP (MS-RDPBCGR): the X.224 Connection Request with an RDP negotiation request, and the
//! server's Connection Confirm, which names the security protocol it picked or why it refused.
//!
//! Two connections, nothing past the first message on either:
//! 1. offering TLS, CredSSP (NLA) and CredSSP with early user authorization: what the server
//!    prefers;
//! 2. offering only the legacy "standard RDP security" (RC4, no server authentication): whether
//!    the server still accepts it. A server that requires NLA refuses this one.

use std::net::SocketAddr;

use super::exchange;
use crate::Probe;

/// requestedProtocols / selectedProtocol flags (MS-RDPBCGR 2.2.1.1.1).
pub const PROTOCOL_RDP: u32 = 0;
pub const PROTOCOL_SSL: u32 = 0x1;
pub const PROTOCOL_HYBRID: u32 = 0x2;
pub const PROTOCOL_RDSTLS: u32 = 0x4;
pub const PROTOCOL_HYBRID_EX: u32 = 0x8;
pub const PROTOCOL_RDSAAD: u32 = 0x10;

/// RDP_NEG_FAILURE codes (MS-RDPBCGR 2.2.1.2.2).
pub const SSL_REQUIRED_BY_SERVER: u32 = 1;
pub const SSL_NOT_ALLOWED_BY_SERVER: u32 = 2;
pub const SSL_CERT_NOT_ON_SERVER: u32 = 3;
pub const INCONSISTENT_FLAGS: u32 = 4;
pub const HYBRID_REQUIRED_BY_SERVER: u32 = 5;
pub const SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER: u32 = 6;

/// X.224 TPDU codes.
const X224_CR: u8 = 0xe0;
const X224_CC: u8 = 0xd0;

/// The security protocol a server picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Security {
    /// Standard RDP security: RC4, the server not authenticated.
    StandardRdp,
    Tls,
    /// CredSSP: Network Level Authentication.
    CredSsp,
    RdsTls,
    /// CredSSP with early user authorization result.
    CredSspEx,
    RdsAad,
    Other(u32),
}

impl Security {
    pub fn from_flag(flag: u32) -> Self {
        match flag {
            PROTOCOL_RDP => Self::StandardRdp,
            PROTOCOL_SSL => Self::Tls,
            PROTOCOL_HYBRID => Self::CredSsp,
            PROTOCOL_RDSTLS => Self::RdsTls,
            PROTOCOL_HYBRID_EX => Self::CredSspEx,
            PROTOCOL_RDSAAD => Self::RdsAad,
            other => Self::Other(other),
        }
    }
}

/// A server's answer to one Connection Request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// RDP_NEG_RSP: the protocol picked.
    Selected(u32),
    /// RDP_NEG_FAILURE: the code.
    Failure(u32),
    /// A Connection Confirm without negotiation data: a server older than RDP 5.2's
    /// negotiation, which only has standard RDP security.
    Legacy,
}

/// What an RDP server showed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Facts {
    /// The protocol picked when offered TLS, CredSSP and CredSSP-EX.
    pub selected: Option<Security>,
    /// The failure code if it refused that offer.
    pub failure: Option<u32>,
    /// Whether it accepts standard RDP security when that is all the client offers.
    pub accepts_standard_security: Option<bool>,
    /// Whether it requires Network Level Authentication (CredSSP) before a session.
    pub nla_required: Option<bool>,
}

/// The Connection Request: TPKT, X.224 CR (no cookie), RDP_NEG_REQ with `protocols`.
pub fn connection_request(protocols: u32) -> Vec<u8> {
    let mut neg = vec![0x01, 0x00, 0x08, 0x00]; // TYPE_RDP_NEG_REQ, flags, length 8
    neg.extend_from_slice(&protocols.to_le_bytes());
    // X.224: length indicator, CR, destination ref, source ref, class 0.
    let mut x224 = vec![(6 + neg.len()) as u8, X224_CR, 0, 0, 0, 0, 0];
    x224.extend_from_slice(&neg);
    tpkt(&x224)
}

/// Wraps a TPDU in TPKT (RFC 1006): version 3, reserved, total length.
pub fn tpkt(tpdu: &[u8]) -> Vec<u8> {
    let mut out = vec![3, 0];
    out.extend_from_slice(&((tpdu.len() + 4) as u16).to_be_bytes());
    out.extend_from_slice(tpdu);
    out
}

/// Whether a read of the answer can stop: a whole TPKT, or bytes that cannot become one.
pub fn answer_done(buf: &[u8]) -> bool {
    match buf.get(..4) {
        None => false,
        Some(h) => {
            let len = usize::from(u16::from_be_bytes([h[2], h[3]]));
            h[0] != 3 || len < 11 || buf.len() >= len
        }
    }
}

/// Parses a Connection Confirm.
pub fn parse(buf: &[u8]) -> Option<Answer> {
    let head = buf.get(..4)?;
    let len = usize::from(u16::from_be_bytes([head[2], head[3]]));
    if head[0] != 3 || head[1] != 0 || len < 11 {
        return None;
    }
    let tpdu = buf.get(4..len)?;
    let li = usize::from(tpdu[0]);
    if tpdu[1] & 0xf0 != X224_CC || li < 6 || li + 1 > tpdu.len() {
        return None;
    }
    let Some(neg) = tpdu.get(7..li + 1).filter(|n| !n.is_empty()) else {
        return Some(Answer::Legacy);
    };
    let neg = neg.get(..8)?;
    if u16::from_le_bytes([neg[2], neg[3]]) != 8 {
        return None;
    }
    let value = u32::from_le_bytes([neg[4], neg[5], neg[6], neg[7]]);
    match neg[0] {
        0x02 => Some(Answer::Selected(value)),
        0x03 => Some(Answer::Failure(value)),
        _ => None,
    }
}

/// Combines the two answers into facts. `modern` answered the TLS/CredSSP offer, `standard`
/// the offer of standard RDP security alone (`None` if that connection got no answer).
pub fn facts(modern: Answer, standard: Option<Answer>) -> Facts {
    let (selected, failure) = match modern {
        Answer::Selected(p) => (Some(Security::from_flag(p)), None),
        Answer::Failure(code) => (None, Some(code)),
        Answer::Legacy => (Some(Security::StandardRdp), None),
    };
    let accepts_standard_security = match standard {
        Some(Answer::Selected(p)) => Some(p == PROTOCOL_RDP),
        Some(Answer::Legacy) => Some(true),
        Some(Answer::Failure(_)) => Some(false),
        None => None,
    };
    let nla_required = match (standard, modern) {
        (Some(Answer::Failure(HYBRID_REQUIRED_BY_SERVER)), _) => Some(true),
        // The standard-only offer was accepted or refused for wanting TLS, not NLA.
        (Some(Answer::Selected(PROTOCOL_RDP) | Answer::Legacy), _) => Some(false),
        (
            Some(Answer::Failure(SSL_REQUIRED_BY_SERVER | SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER)),
            _,
        ) => Some(false),
        // Offered CredSSP, it picked something weaker: it does not require it.
        (_, Answer::Selected(PROTOCOL_RDP | PROTOCOL_SSL) | Answer::Legacy) => Some(false),
        (_, Answer::Failure(SSL_NOT_ALLOWED_BY_SERVER)) => Some(false),
        _ => None,
    };
    Facts {
        selected,
        failure,
        accepts_standard_security,
        nla_required,
    }
}

async fn ask(addr: SocketAddr, p: &Probe, protocols: u32) -> Option<Answer> {
    let req = connection_request(protocols);
    let answer = exchange(addr, p, "rdp", Some(&req), answer_done, 1024)
        .await
        .ok()?;
    parse(&answer)
}

/// Asks the RDP server at `addr` twice (see the module notes). `None` if it is no RDP server.
pub async fn probe(addr: SocketAddr, p: &Probe) -> Option<Facts> {
    let modern = ask(addr, p, PROTOCOL_SSL | PROTOCOL_HYBRID | PROTOCOL_HYBRID_EX).await?;
    // A server that only has standard security already said so; no need to ask again.
    let standard = match modern {
        Answer::Legacy | Answer::Failure(SSL_NOT_ALLOWED_BY_SERVER) => Some(Answer::Legacy),
        Answer::Selected(PROTOCOL_RDP) => Some(modern),
        _ => ask(addr, p, PROTOCOL_RDP).await,
    };
    Some(facts(modern, standard))
}

#[cfg(test)]
mod tests {
    use super::super::testing::{Step, probe_for, serve};
    use super::*;
    use std::time::Duration;

    /// A Connection Confirm as Windows sends it, with negotiation data of `kind`.
    fn confirm(kind: u8, value: u32) -> Vec<u8> {
        let mut x224 = vec![14, X224_CC, 0, 0, 0x12, 0x34, 0];
        x224.extend_from_slice(&[kind, 0x1f, 8, 0]);
        x224.extend_from_slice(&value.to_le_bytes());
        tpkt(&x224)
    }

    #[test]
    fn request_bytes_match_the_specification() {
        let req = connection_request(PROTOCOL_SSL | PROTOCOL_HYBRID | PROTOCOL_HYBRID_EX);
        assert_eq!(
            req,
            [
                0x03, 0x00, 0x00, 0x13, 0x0e, 0xe0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x08,
                0x00, 0x0b, 0x00, 0x00, 0x00
            ]
        );
    }

    #[test]
    fn confirms_and_failures() {
        assert_eq!(
            parse(&confirm(2, PROTOCOL_HYBRID)),
            Some(Answer::Selected(2))
        );
        assert_eq!(
            parse(&confirm(3, HYBRID_REQUIRED_BY_SERVER)),
            Some(Answer::Failure(5))
        );
        let legacy = tpkt(&[6, X224_CC, 0, 0, 0x12, 0x34, 0]);
        assert_eq!(parse(&legacy), Some(Answer::Legacy));
        assert!(parse(&confirm(9, 0)).is_none());
        assert!(parse(&tpkt(&[6, X224_CR, 0, 0, 0, 0, 0])).is_none());
        assert!(parse(b"SSH-2.0-OpenSSH_9.2\r\n").is_none());
        let good = confirm(2, 1);
        for cut in 0..good.len() {
            assert!(parse(&good[..cut]).is_none());
        }
        let mut bad = good.clone();
        bad[4] = 200; // length indicator past the end
        assert!(parse(&bad).is_none());
        assert!(answer_done(b"HTTP/1.1"));
        assert!(!answer_done(&good[..10]));
    }

    #[test]
    fn facts_from_answer_pairs() {
        let nla = facts(
            Answer::Selected(PROTOCOL_HYBRID_EX),
            Some(Answer::Failure(HYBRID_REQUIRED_BY_SERVER)),
        );
        assert_eq!(nla.selected, Some(Security::CredSspEx));
        assert_eq!(
            (nla.accepts_standard_security, nla.nla_required),
            (Some(false), Some(true))
        );

        let lax = facts(
            Answer::Selected(PROTOCOL_HYBRID),
            Some(Answer::Selected(PROTOCOL_RDP)),
        );
        assert_eq!(
            (lax.accepts_standard_security, lax.nla_required),
            (Some(true), Some(false))
        );

        let tls_only = facts(
            Answer::Selected(PROTOCOL_SSL),
            Some(Answer::Failure(SSL_REQUIRED_BY_SERVER)),
        );
        assert_eq!(
            (tls_only.accepts_standard_security, tls_only.nla_required),
            (Some(false), Some(false))
        );

        let old = facts(Answer::Legacy, Some(Answer::Legacy));
        assert_eq!(old.selected, Some(Security::StandardRdp));
        assert_eq!(
            (old.accepts_standard_security, old.nla_required),
            (Some(true), Some(false))
        );

        let unknown = facts(Answer::Selected(PROTOCOL_HYBRID), None);
        assert_eq!(
            (unknown.accepts_standard_security, unknown.nla_required),
            (None, None)
        );
    }

    #[tokio::test]
    async fn probe_asks_twice_and_reports_nla() {
        let modern = connection_request(0x0b);
        let standard = connection_request(0);
        let (addr, server) = serve(vec![
            vec![Step::Read(19), Step::Write(confirm(2, PROTOCOL_HYBRID_EX))],
            vec![
                Step::Read(19),
                Step::Write(confirm(3, HYBRID_REQUIRED_BY_SERVER)),
            ],
        ])
        .await;
        let p = probe_for(Duration::from_secs(3));
        let f = probe(addr, &p).await.unwrap();
        assert_eq!(f.selected, Some(Security::CredSspEx));
        assert_eq!(f.nla_required, Some(true));
        assert_eq!(f.accepts_standard_security, Some(false));
        assert_eq!(server.await.unwrap(), [modern, standard]);
        assert_eq!(p.log.entries().len(), 2);
    }
}
