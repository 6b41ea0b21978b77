//! Microsoft SQL Server (MS-TDS): the PRELOGIN exchange that every client does before it logs
//! in. The request carries only our (zero) client version and "encryption off, but available";
//! the answer carries the server's version and its encryption setting. No LOGIN7 is ever sent.

use std::net::SocketAddr;

use super::exchange;
use crate::Probe;

/// TDS packet types.
const PRELOGIN: u8 = 0x12;
const TABULAR_RESULT: u8 = 0x04;

/// PRELOGIN option tokens.
const OPT_VERSION: u8 = 0x00;
const OPT_ENCRYPTION: u8 = 0x01;
const OPT_TERMINATOR: u8 = 0xff;

/// The encryption setting a server answers with (MS-TDS 2.2.6.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Encryption {
    /// Only the login packet is encrypted.
    Off,
    /// Everything is encrypted.
    On,
    /// The server cannot encrypt: the login, password included, travels in clear text.
    NotSupported,
    /// The server insists on encryption.
    Required,
    Other(u8),
}

impl Encryption {
    fn from_byte(b: u8) -> Self {
        match b {
            0 => Self::Off,
            1 => Self::On,
            2 => Self::NotSupported,
            3 => Self::Required,
            other => Self::Other(other),
        }
    }
}

/// What a SQL Server showed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Facts {
    /// Always "Microsoft SQL Server" (a PRELOGIN answer is its protocol).
    pub product: String,
    /// `major.minor.build` (`15.0.2000`).
    pub version: Option<String>,
    pub subbuild: Option<u16>,
    /// The release the major version belongs to (`2019` for 15.x).
    pub release: Option<String>,
    pub encryption: Option<Encryption>,
}

/// The PRELOGIN request: a TDS header and the VERSION (all zero) and ENCRYPTION (off) options.
pub fn prelogin_request() -> Vec<u8> {
    // Two 5-byte option entries and the terminator, then 6 + 1 bytes of option data.
    let options_len = 2 * 5 + 1;
    let mut body = vec![OPT_VERSION];
    body.extend_from_slice(&(options_len as u16).to_be_bytes());
    body.extend_from_slice(&6u16.to_be_bytes());
    body.push(OPT_ENCRYPTION);
    body.extend_from_slice(&(options_len as u16 + 6).to_be_bytes());
    body.extend_from_slice(&1u16.to_be_bytes());
    body.push(OPT_TERMINATOR);
    body.extend_from_slice(&[0; 6]); // client version 0.0.0, sub-build 0
    body.push(0); // ENCRYPT_OFF
    tds_packet(PRELOGIN, &body)
}

/// Frames `body` as one TDS packet (status: end of message).
pub fn tds_packet(kind: u8, body: &[u8]) -> Vec<u8> {
    let len = (body.len() + 8) as u16;
    let mut out = vec![kind, 0x01];
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&[0, 0, 1, 0]); // SPID 0, packet id 1, window 0
    out.extend_from_slice(body);
    out
}

/// Whether a read of the answer can stop: a whole TDS packet, or bytes that cannot become one.
pub fn answer_done(buf: &[u8]) -> bool {
    match buf.get(..4) {
        None => false,
        Some(h) => {
            let len = usize::from(u16::from_be_bytes([h[2], h[3]]));
            h[0] != TABULAR_RESULT || len < 8 || buf.len() >= len
        }
    }
}

/// The data of every option in a PRELOGIN body, by token.
fn options(body: &[u8]) -> Option<Vec<(u8, &[u8])>> {
    let mut out = Vec::new();
    let mut pos = 0;
    loop {
        let token = *body.get(pos)?;
        if token == OPT_TERMINATOR {
            return Some(out);
        }
        let entry = body.get(pos + 1..pos + 5)?;
        let offset = usize::from(u16::from_be_bytes([entry[0], entry[1]]));
        let len = usize::from(u16::from_be_bytes([entry[2], entry[3]]));
        out.push((token, body.get(offset..offset + len)?));
        pos += 5;
        if out.len() > 32 {
            return None;
        }
    }
}

/// The SQL Server release a major (and minor) version belongs to.
pub fn release(major: u8, minor: u8) -> Option<&'static str> {
    Some(match (major, minor) {
        (17, _) => "2025",
        (16, _) => "2022",
        (15, _) => "2019",
        (14, _) => "2017",
        (13, _) => "2016",
        (12, _) => "2014",
        (11, _) => "2012",
        (10, 50) => "2008 R2",
        (10, _) => "2008",
        (9, _) => "2005",
        (8, _) => "2000",
        _ => return None,
    })
}

/// Parses the server's PRELOGIN answer.
pub fn parse(buf: &[u8]) -> Option<Facts> {
    let head = buf.get(..8)?;
    let len = usize::from(u16::from_be_bytes([head[2], head[3]]));
    if head[0] != TABULAR_RESULT || len < 8 {
        return None;
    }
    let opts = options(buf.get(8..len)?)?;
    let version = opts
        .iter()
        .find(|(t, _)| *t == OPT_VERSION)
        .map(|(_, d)| *d);
    let encryption = opts
        .iter()
        .find(|(t, _)| *t == OPT_ENCRYPTION)
        .map(|(_, d)| *d);
    // A PRELOGIN answer always carries VERSION; without it this is something else.
    let v = version.filter(|v| v.len() >= 6)?;
    let build = u16::from_be_bytes([v[2], v[3]]);
    Some(Facts {
        product: "Microsoft SQL Server".to_string(),
        version: Some(format!("{}.{}.{build}", v[0], v[1])),
        subbuild: Some(u16::from_be_bytes([v[4], v[5]])),
        release: release(v[0], v[1]).map(str::to_string),
        encryption: encryption
            .and_then(|e| e.first())
            .map(|&b| Encryption::from_byte(b)),
    })
}

/// Sends PRELOGIN to `addr` and reads the answer.
pub async fn probe(addr: SocketAddr, p: &Probe) -> Option<Facts> {
    let answer = exchange(
        addr,
        p,
        "mssql",
        Some(&prelogin_request()),
        answer_done,
        4096,
    )
    .await
    .ok()?;
    parse(&answer)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{Step, probe_for, serve};
    use super::*;
    use std::time::Duration;

    /// A SQL Server 2019 RTM answer: VERSION 15.0.2000.0, ENCRYPTION off, INSTOPT, THREADID,
    /// MARS, as the server lays them out.
    fn answer_2019(encryption: u8) -> Vec<u8> {
        let body = [
            0x00, 0x00, 0x1a, 0x00, 0x06, // VERSION at 26, 6 bytes
            0x01, 0x00, 0x20, 0x00, 0x01, // ENCRYPTION at 32
            0x02, 0x00, 0x21, 0x00, 0x01, // INSTOPT at 33
            0x03, 0x00, 0x22, 0x00, 0x00, // THREADID, empty
            0x04, 0x00, 0x22, 0x00, 0x01, // MARS at 34
            0xff, //
            0x0f, 0x00, 0x07, 0xd0, 0x00, 0x00, // 15.0.2000.0
            encryption, 0x00, 0x00,
        ];
        tds_packet(TABULAR_RESULT, &body)
    }

    #[test]
    fn request_layout() {
        let req = prelogin_request();
        assert_eq!(req[0], PRELOGIN);
        assert_eq!(usize::from(u16::from_be_bytes([req[2], req[3]])), req.len());
        let opts = options(&req[8..]).unwrap();
        assert_eq!(
            opts,
            [(OPT_VERSION, &[0u8; 6][..]), (OPT_ENCRYPTION, &[0u8][..])]
        );
    }

    #[test]
    fn sql_server_2019_answer() {
        let f = parse(&answer_2019(0)).unwrap();
        assert_eq!(f.version.as_deref(), Some("15.0.2000"));
        assert_eq!(f.subbuild, Some(0));
        assert_eq!(f.release.as_deref(), Some("2019"));
        assert_eq!(f.encryption, Some(Encryption::Off));
        assert_eq!(
            parse(&answer_2019(3)).unwrap().encryption,
            Some(Encryption::Required)
        );
        assert_eq!(
            parse(&answer_2019(2)).unwrap().encryption,
            Some(Encryption::NotSupported)
        );
        assert_eq!(release(10, 50), Some("2008 R2"));
    }

    #[test]
    fn garbage_is_refused() {
        let good = answer_2019(1);
        for cut in 0..good.len() {
            assert!(parse(&good[..cut]).is_none());
        }
        let mut bad = good.clone();
        bad[9] = 0xff; // VERSION offset past the end
        assert!(parse(&bad).is_none());
        let mut bad = good.clone();
        bad[0] = 0x12;
        assert!(parse(&bad).is_none());
        assert!(parse(&tds_packet(TABULAR_RESULT, &[0xff])).is_none());
        assert!(parse(&tds_packet(TABULAR_RESULT, &[1; 200])).is_none());
        assert!(parse(b"HTTP/1.1 400 Bad Request\r\n").is_none());
        assert!(answer_done(b"HTTP"));
    }

    #[tokio::test]
    async fn probe_sends_prelogin_only() {
        let req = prelogin_request();
        let (addr, server) = serve(vec![vec![
            Step::Read(req.len()),
            Step::Write(answer_2019(1)),
        ]])
        .await;
        let p = probe_for(Duration::from_secs(3));
        let f = probe(addr, &p).await.unwrap();
        assert_eq!(f.encryption, Some(Encryption::On));
        assert_eq!(server.await.unwrap()[0], req);
    }
}
