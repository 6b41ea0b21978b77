//! MongoDB: one `hello` command in an OP_MSG (MongoDB wire protocol), the handshake every
//! driver starts with and which needs no login. The reply proves MongoDB and carries the wire
//! protocol range (which bounds the server version) and the replica-set role. Whether the
//! server enforces authentication is not visible without trying to read something, which the
//! probe does not do.

use std::net::SocketAddr;

use super::{exchange, printable};
use crate::Probe;

const OP_MSG: i32 = 2013;

/// The largest reply we accept.
const MAX_REPLY: usize = 64 * 1024;

/// What a MongoDB server showed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Facts {
    /// Whether the command succeeded (`ok: 1`).
    pub ok: bool,
    /// The wire protocol versions the server speaks (e.g. 0–21 for MongoDB 7.0).
    pub min_wire_version: Option<i64>,
    pub max_wire_version: Option<i64>,
    /// `isWritablePrimary` (or the older `ismaster`).
    pub writable_primary: Option<bool>,
    /// The replica set's name, if it belongs to one.
    pub set_name: Option<String>,
    /// A mongos router (`msg: "isdbgrid"`).
    pub mongos: bool,
    /// The error message when `ok` is 0.
    pub error: Option<String>,
}

/// A BSON document from name-value pairs of the few types we write.
fn bson(fields: &[(&str, Value)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        match value {
            Value::Int(n) => {
                body.push(0x10);
                body.extend_from_slice(name.as_bytes());
                body.push(0);
                body.extend_from_slice(&(*n as i32).to_le_bytes());
            }
            Value::Str(s) => {
                body.push(0x02);
                body.extend_from_slice(name.as_bytes());
                body.push(0);
                body.extend_from_slice(&(s.len() as i32 + 1).to_le_bytes());
                body.extend_from_slice(s.as_bytes());
                body.push(0);
            }
            Value::Bool(b) => {
                body.push(0x08);
                body.extend_from_slice(name.as_bytes());
                body.push(0);
                body.push(u8::from(*b));
            }
            Value::Double(d) => {
                body.push(0x01);
                body.extend_from_slice(name.as_bytes());
                body.push(0);
                body.extend_from_slice(&d.to_le_bytes());
            }
            Value::Other => {}
        }
    }
    let mut doc = ((body.len() + 5) as i32).to_le_bytes().to_vec();
    doc.extend_from_slice(&body);
    doc.push(0);
    doc
}

/// An OP_MSG with one body section holding `doc`.
pub fn op_msg(request_id: i32, response_to: i32, doc: &[u8]) -> Vec<u8> {
    let len = 16 + 4 + 1 + doc.len();
    let mut m = (len as i32).to_le_bytes().to_vec();
    m.extend_from_slice(&request_id.to_le_bytes());
    m.extend_from_slice(&response_to.to_le_bytes());
    m.extend_from_slice(&OP_MSG.to_le_bytes());
    m.extend_from_slice(&0u32.to_le_bytes()); // flag bits
    m.push(0); // section kind 0: the body
    m.extend_from_slice(doc);
    m
}

/// The request: `{hello: 1, $db: "admin"}`.
pub fn hello() -> Vec<u8> {
    let doc = bson(&[
        ("hello", Value::Int(1)),
        ("$db", Value::Str("admin".into())),
    ]);
    op_msg(1, 0, &doc)
}

/// A BSON value, as far as we need one.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Double(f64),
    Str(String),
    Bool(bool),
    Int(i64),
    Other,
}

fn i32_at(b: &[u8], at: usize) -> Option<i32> {
    Some(i32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The size of a value of BSON type `kind` at the start of `b`; `None` if unknown or cut off.
fn value_len(kind: u8, b: &[u8]) -> Option<usize> {
    let len_prefixed = || usize::try_from(i32_at(b, 0)?).ok();
    let n = match kind {
        0x06 | 0x0a | 0x7f | 0xff => 0,
        0x08 => 1,
        0x10 => 4,
        0x01 | 0x09 | 0x11 | 0x12 => 8,
        0x07 => 12,
        0x13 => 16,
        0x02 | 0x0d | 0x0e => 4 + len_prefixed()?,
        0x03 | 0x04 | 0x0f => len_prefixed()?,
        0x05 => 5 + len_prefixed()?,
        0x0c => 4 + len_prefixed()? + 12,
        0x0b => {
            let first = b.iter().position(|&c| c == 0)?;
            first + 2 + b.get(first + 1..)?.iter().position(|&c| c == 0)?
        }
        _ => return None,
    };
    (n <= b.len()).then_some(n)
}

/// The top-level fields of a BSON document (nested documents are skipped as `Other`).
pub fn fields(doc: &[u8]) -> Option<Vec<(String, Value)>> {
    let len = usize::try_from(i32_at(doc, 0)?).ok()?;
    let body = doc.get(4..len.checked_sub(1)?)?;
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < body.len() {
        let kind = body[pos];
        let name_len = body.get(pos + 1..)?.iter().position(|&c| c == 0)?;
        let name = printable(&body[pos + 1..pos + 1 + name_len], 64);
        let at = pos + 2 + name_len;
        let rest = body.get(at..)?;
        let n = value_len(kind, rest)?;
        let raw = &rest[..n];
        let value = match kind {
            0x01 => Value::Double(f64::from_le_bytes(raw.try_into().ok()?)),
            0x02 => Value::Str(printable(raw.get(4..n.saturating_sub(1))?, 256)),
            0x08 => Value::Bool(raw[0] != 0),
            0x10 => Value::Int(i64::from(i32_at(raw, 0)?)),
            0x12 => Value::Int(i64::from_le_bytes(raw.try_into().ok()?)),
            _ => Value::Other,
        };
        out.push((name, value));
        pos = at + n;
        if out.len() > 256 {
            return None;
        }
    }
    Some(out)
}

/// The body document of an OP_MSG reply: `None` until complete or if it is not an OP_MSG.
pub fn reply_body(buf: &[u8]) -> Option<&[u8]> {
    let len = usize::try_from(i32_at(buf, 0)?).ok()?;
    if !(21..=MAX_REPLY).contains(&len) || i32_at(buf, 12)? != OP_MSG {
        return None;
    }
    let msg = buf.get(..len)?;
    // Flag bits, then sections; the body is the kind-0 section (the first one in practice).
    if *msg.get(20)? != 0 {
        return None;
    }
    let doc = msg.get(21..)?;
    let doc_len = usize::try_from(i32_at(doc, 0)?).ok()?;
    doc.get(..doc_len)
}

/// Whether a read of the reply can stop: a whole message, or a header that is none of ours.
pub fn reply_done(buf: &[u8]) -> bool {
    match (i32_at(buf, 0), i32_at(buf, 12)) {
        (Some(len), Some(op)) => {
            op != OP_MSG || !(21..=MAX_REPLY as i32).contains(&len) || buf.len() >= len as usize
        }
        _ => false,
    }
}

/// Parses the reply to `hello`.
pub fn parse(buf: &[u8]) -> Option<Facts> {
    let fields = fields(reply_body(buf)?)?;
    let get = |name: &str| fields.iter().find(|(n, _)| n == name).map(|(_, v)| v);
    let int = |name: &str| match get(name) {
        Some(Value::Int(n)) => Some(*n),
        Some(Value::Double(d)) if d.fract() == 0.0 && d.abs() < 1e9 => Some(*d as i64),
        _ => None,
    };
    let string = |name: &str| match get(name) {
        Some(Value::Str(s)) => Some(s.clone()),
        _ => None,
    };
    // Every command reply has `ok`; without it this is no MongoDB reply.
    let ok = int("ok")? == 1;
    let writable_primary = ["isWritablePrimary", "ismaster"]
        .iter()
        .find_map(|n| match get(n) {
            Some(Value::Bool(b)) => Some(*b),
            _ => None,
        });
    Some(Facts {
        ok,
        min_wire_version: int("minWireVersion"),
        max_wire_version: int("maxWireVersion"),
        writable_primary,
        set_name: string("setName"),
        mongos: string("msg").as_deref() == Some("isdbgrid"),
        error: string("errmsg"),
    })
}

/// Sends `hello` to `addr` and reads the reply.
pub async fn probe(addr: SocketAddr, p: &Probe) -> Option<Facts> {
    let answer = exchange(addr, p, "mongodb", Some(&hello()), reply_done, MAX_REPLY)
        .await
        .ok()?;
    parse(&answer)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{Step, probe_for, serve};
    use super::*;
    use std::time::Duration;

    /// A MongoDB 7.0 primary's reply (abridged: the fields we read, plus a nested document and
    /// a date that must be skipped).
    fn reply_7_0() -> Vec<u8> {
        let mut doc = bson(&[
            ("helloOk", Value::Bool(true)),
            ("isWritablePrimary", Value::Bool(true)),
            ("setName", Value::Str("rs0".into())),
        ]);
        // Splice in `topologyVersion: {counter: 0}` and `localTime: <date>` by hand.
        let nested = bson(&[("counter", Value::Int(0))]);
        let mut extra = vec![0x03];
        extra.extend_from_slice(b"topologyVersion\0");
        extra.extend_from_slice(&nested);
        extra.push(0x09);
        extra.extend_from_slice(b"localTime\0");
        extra.extend_from_slice(&1_700_000_000_000i64.to_le_bytes());
        let tail = bson(&[
            ("maxWireVersion", Value::Int(21)),
            ("minWireVersion", Value::Int(0)),
            ("ok", Value::Double(1.0)),
        ]);
        doc.truncate(doc.len() - 1);
        doc.extend_from_slice(&extra);
        doc.extend_from_slice(&tail[4..]);
        let len = doc.len() as i32;
        doc[..4].copy_from_slice(&len.to_le_bytes());
        op_msg(77, 1, &doc)
    }

    #[test]
    fn hello_request_is_well_formed() {
        let req = hello();
        assert_eq!(i32_at(&req, 0), Some(req.len() as i32));
        let f = fields(reply_body(&req).unwrap()).unwrap();
        assert_eq!(f[0], ("hello".to_string(), Value::Int(1)));
        assert_eq!(f[1], ("$db".to_string(), Value::Str("admin".into())));
    }

    #[test]
    fn primary_reply() {
        let f = parse(&reply_7_0()).unwrap();
        assert!(f.ok);
        assert_eq!(
            (f.min_wire_version, f.max_wire_version),
            (Some(0), Some(21))
        );
        assert_eq!(f.writable_primary, Some(true));
        assert_eq!(f.set_name.as_deref(), Some("rs0"));
        assert!(!f.mongos);
    }

    #[test]
    fn error_reply_and_garbage() {
        let doc = bson(&[
            ("ok", Value::Double(0.0)),
            ("errmsg", Value::Str("no such command: 'hello'".into())),
            ("code", Value::Int(59)),
        ]);
        let f = parse(&op_msg(2, 1, &doc)).unwrap();
        assert!(!f.ok);
        assert_eq!(f.error.as_deref(), Some("no such command: 'hello'"));
        assert!(parse(&op_msg(2, 1, &bson(&[("x", Value::Int(1))]))).is_none());
        let good = reply_7_0();
        for cut in 0..good.len() {
            assert!(parse(&good[..cut]).is_none());
        }
        let mut bad = good.clone();
        bad[21] = 0xff; // document length beyond the message
        assert!(parse(&bad).is_none());
        let mut bad = good.clone();
        bad[25] = 0x42; // unknown element type
        assert!(parse(&bad).is_none());
        assert!(parse(b"HTTP/1.0 400 Bad Request\r\n\r\n").is_none());
        assert!(reply_done(b"HTTP/1.0 400 Bad Request\r\n"));
    }

    #[tokio::test]
    async fn probe_sends_hello_only() {
        let req = hello();
        let (addr, server) =
            serve(vec![vec![Step::Read(req.len()), Step::Write(reply_7_0())]]).await;
        let p = probe_for(Duration::from_secs(3));
        let f = probe(addr, &p).await.unwrap();
        assert_eq!(f.max_wire_version, Some(21));
        assert_eq!(server.await.unwrap()[0], req);
    }
}
