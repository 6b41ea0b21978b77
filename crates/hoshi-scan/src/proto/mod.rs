//! The binary (and line-based) handshakes that name a service on an open port: SSH, FTP, SMTP,
//! POP3/IMAP, Telnet, MySQL/MariaDB, PostgreSQL, Microsoft SQL Server, RDP, SMB, VNC, Redis,
//! memcached and MongoDB.
//!
//! Every module has the same shape: pure functions that build the few bytes a probe sends and
//! parse what comes back (bounds-checked, `None` on anything that does not follow the protocol,
//! never a panic), and an async `probe` that holds the conversation. The conversations stop
//! before anything that could change the server's state or count as a login attempt: no
//! credentials, no commands past the capability lists, no data read.
//!
//! This file holds the plumbing they share: [`Conn`] (one TCP connection whose every write is
//! recorded in the scan's [`Log`](crate::Log) first), [`exchange`] and [`banner`], plus the text
//! helpers for the line-based protocols.

use std::io;
use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{Instant, timeout, timeout_at};

use crate::Probe;

pub mod ftp;
pub mod mail;
pub mod memcached;
pub mod mongodb;
pub mod mssql;
pub mod mysql;
pub mod postgres;
pub mod rdp;
pub mod redis;
pub mod smb;
pub mod smtp;
pub mod ssh;
pub mod telnet;
pub mod vnc;

/// How long the stream must stay silent before a banner read without a protocol-specific end
/// marker is taken as finished (capped by the probe's own timeout).
const QUIET: Duration = Duration::from_millis(250);

/// The most bytes a plain banner read keeps.
pub const BANNER_MAX: usize = 4096;

/// One TCP connection held by a probe. Everything read is appended to [`Conn::buf`]; a probe
/// clears it (or remembers an offset) when it moves on to the next answer.
pub struct Conn<'a> {
    stream: TcpStream,
    addr: SocketAddr,
    probe: &'a Probe,
    name: &'a str,
    /// Everything received and not yet cleared by the caller.
    pub buf: Vec<u8>,
    eof: bool,
}

impl<'a> Conn<'a> {
    /// Connects to `addr` within the probe's timeout. `name` is the probe name used in the log.
    pub async fn open(addr: SocketAddr, probe: &'a Probe, name: &'a str) -> io::Result<Self> {
        let stream = timeout(probe.timeout, TcpStream::connect(addr))
            .await
            .map_err(|_| timed_out("connect"))??;
        // Small requests and replies: don't let Nagle hold back our few bytes.
        let _ = stream.set_nodelay(true);
        Ok(Self {
            stream,
            addr,
            probe,
            name,
            buf: Vec::new(),
            eof: false,
        })
    }

    /// Whether the server closed its side.
    pub fn eof(&self) -> bool {
        self.eof
    }

    /// Records `bytes` in the scan's log, then writes them (within the probe's timeout).
    pub async fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.probe.log.sent(self.addr, self.name, bytes);
        timeout(self.probe.timeout, self.stream.write_all(bytes))
            .await
            .map_err(|_| timed_out("write"))?
    }

    /// Reads into [`Conn::buf`] until `enough(buf)` holds, the buffer reaches `max` bytes, the
    /// server closes, or the probe's timeout passes (measured from this call). Returns how many
    /// bytes arrived during the call. Only a timeout or a close with nothing new is an error, so
    /// a partial answer is still given to the parser.
    pub async fn read_until(
        &mut self,
        enough: impl Fn(&[u8]) -> bool,
        max: usize,
    ) -> io::Result<usize> {
        let deadline = Instant::now() + self.probe.timeout;
        let start = self.buf.len();
        let mut chunk = [0u8; 4096];
        while !enough(&self.buf) && self.buf.len() < max && !self.eof {
            let room = (max - self.buf.len()).min(chunk.len());
            match timeout_at(deadline, self.stream.read(&mut chunk[..room])).await {
                Err(_) => break,
                Ok(Ok(0)) => self.eof = true,
                Ok(Ok(n)) => self.buf.extend_from_slice(&chunk[..n]),
                // A reset after some bytes: keep what came.
                Ok(Err(_)) if self.buf.len() > start => self.eof = true,
                Ok(Err(e)) => return Err(e),
            }
        }
        let got = self.buf.len() - start;
        if got == 0 && !enough(&self.buf) {
            return Err(if self.eof {
                io::Error::new(io::ErrorKind::UnexpectedEof, "closed without an answer")
            } else {
                timed_out("answer")
            });
        }
        Ok(got)
    }

    /// Reads whatever the server says next: waits up to the probe's timeout for the first bytes,
    /// then keeps reading until the stream has been quiet for a moment, `max` bytes or a close.
    /// For services that speak first with no fixed end marker (Telnet, unknown banners).
    pub async fn read_quiet(&mut self, max: usize) -> io::Result<usize> {
        let start = self.buf.len();
        self.read_until(|b| b.len() > start, max).await?;
        let quiet = QUIET.min(self.probe.timeout);
        let mut chunk = [0u8; 4096];
        while self.buf.len() < max && !self.eof {
            let room = (max - self.buf.len()).min(chunk.len());
            match timeout(quiet, self.stream.read(&mut chunk[..room])).await {
                Ok(Ok(n)) if n > 0 => self.buf.extend_from_slice(&chunk[..n]),
                Ok(Ok(_) | Err(_)) => self.eof = true,
                Err(_) => break,
            }
        }
        Ok(self.buf.len() - start)
    }
}

fn timed_out(what: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::TimedOut,
        format!("no {what} within the timeout"),
    )
}

/// One request and its answer on a fresh connection: connects, sends `send` if given (recorded
/// under `name` before it is written), then reads until `enough(answer)`, `max` bytes, a close or
/// the timeout. A timeout after some bytes returns what was read.
pub async fn exchange(
    addr: SocketAddr,
    p: &Probe,
    name: &str,
    send: Option<&[u8]>,
    enough: impl Fn(&[u8]) -> bool,
    max: usize,
) -> io::Result<Vec<u8>> {
    let mut conn = Conn::open(addr, p, name).await?;
    if let Some(bytes) = send {
        conn.send(bytes).await?;
    }
    conn.read_until(enough, max).await?;
    Ok(conn.buf)
}

/// The null probe: connects and waits for the server to speak first, sending nothing. Returns
/// what it said (up to [`BANNER_MAX`] bytes) once it falls quiet; an error if it said nothing
/// within the timeout.
pub async fn banner(addr: SocketAddr, p: &Probe) -> io::Result<Vec<u8>> {
    let mut conn = Conn::open(addr, p, "banner").await?;
    conn.read_quiet(BANNER_MAX).await?;
    Ok(conn.buf)
}

/// Text for a report from bytes a server sent: invalid UTF-8 replaced, control characters
/// (line breaks included) turned into spaces, runs of spaces folded, at most `max` characters.
pub fn printable(bytes: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::new();
    let mut count = 0;
    let mut last_space = true;
    for c in text.chars() {
        if count >= max {
            break;
        }
        let c = if c.is_control() { ' ' } else { c };
        if c == ' ' && last_space {
            continue;
        }
        out.push(c);
        count += 1;
        last_space = c == ' ';
    }
    out.trim_end().to_string()
}

/// Finds the first of `table`'s `(needle, product)` in `text` (ASCII case-insensitive) and
/// returns the product with the version written right after the needle, if one is. A version
/// must start with a digit; "version" or a lone "v" before it is skipped
/// (`FileZilla Server version 0.9.60`, `Version: 10.0.17763`).
pub fn product_in(text: &str, table: &[(&str, &str)]) -> Option<(String, Option<String>)> {
    let lower = text.to_ascii_lowercase();
    table.iter().find_map(|(needle, product)| {
        let at = lower.find(&needle.to_ascii_lowercase())?;
        // `needle` is ASCII and lowercasing keeps byte offsets, so this is a char boundary.
        let rest = &text[at + needle.len()..];
        Some((product.to_string(), version_after(rest)))
    })
}

/// The version token at the start of `rest` (after separators and a "version" word).
fn version_after(rest: &str) -> Option<String> {
    let seps: &[char] = &[' ', '_', '-', '/', ':', ',', '('];
    let mut s = rest.trim_start_matches(seps);
    if s.len() >= 7 && s[..7].eq_ignore_ascii_case("version") {
        s = s[7..].trim_start_matches(seps);
    } else if let Some(t) = s.strip_prefix(['v', 'V'])
        && t.starts_with(|c: char| c.is_ascii_digit())
    {
        s = t;
    }
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+' | '~')))
        .unwrap_or(s.len());
    let v = s[..end].trim_end_matches(['.', '-', '_', '+', '~']);
    (!v.is_empty()).then(|| v.to_string())
}

/// One reply of the FTP/SMTP family (RFC 959 §4.2, RFC 5321 §4.2): a three-digit code and its
/// lines, the code stripped. `ddd-text` lines continue, `ddd text` (or a bare `ddd`) ends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub code: u16,
    pub lines: Vec<String>,
}

/// A greeting in the FTP/SMTP reply format with one of `codes`: the code, the text (lines
/// joined) and the product and version the text names (from `table`, as [`product_in`]).
pub fn greeting(
    buf: &[u8],
    codes: &[u16],
    table: &[(&str, &str)],
) -> Option<(u16, String, Option<String>, Option<String>)> {
    let (reply, _) = parse_reply(buf)?;
    if !codes.contains(&reply.code) {
        return None;
    }
    let text = reply.lines.join(" ").trim().to_string();
    let (product, version) = product_in(&text, table).unzip();
    Some((reply.code, text, product, version.flatten()))
}

/// Parses one complete reply at the start of `buf`, returning it and how many bytes it took.
/// `None` while the reply is incomplete and when the first line is no reply at all.
pub fn parse_reply(buf: &[u8]) -> Option<(Reply, usize)> {
    let mut pos = 0;
    let mut code = None;
    let mut lines = Vec::new();
    while let Some(nl) = buf[pos..].iter().position(|&b| b == b'\n') {
        let raw = &buf[pos..pos + nl];
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        pos += nl + 1;
        let this = reply_code(line);
        let first = match code {
            Some(c) => c,
            None => *code.insert(this?.0),
        };
        match this {
            Some((c, sep)) if c == first && sep != b'-' => {
                lines.push(printable(line.get(4..).unwrap_or_default(), 512));
                return Some((Reply { code: c, lines }, pos));
            }
            Some((c, _)) if c == first => lines.push(printable(&line[4..], 512)),
            // RFC 959 lets the lines inside a multi-line reply be free text.
            _ => lines.push(printable(line, 512)),
        }
        if lines.len() > 200 {
            return None;
        }
    }
    None
}

/// The code of a reply line and the character after it (`b' '` for a bare code).
fn reply_code(line: &[u8]) -> Option<(u16, u8)> {
    let digits = line.get(..3)?;
    if !digits.iter().all(u8::is_ascii_digit) || !(b'1'..=b'5').contains(&digits[0]) {
        return None;
    }
    let sep = line.get(3).copied().unwrap_or(b' ');
    if sep != b' ' && sep != b'-' {
        return None;
    }
    let code = digits
        .iter()
        .fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
    Some((code, sep))
}

/// Whether a read of an FTP/SMTP reply can stop: the reply is complete, or the first line is
/// complete and is no reply (so waiting longer would not help).
pub fn reply_done(buf: &[u8]) -> bool {
    if parse_reply(buf).is_some() {
        return true;
    }
    match buf.iter().position(|&b| b == b'\n') {
        Some(nl) => reply_code(buf[..nl].strip_suffix(b"\r").unwrap_or(&buf[..nl])).is_none(),
        None => false,
    }
}

#[cfg(test)]
pub(crate) mod testing;

#[cfg(test)]
mod tests {
    use super::testing::{Step, probe_for, serve};
    use super::*;

    #[test]
    fn printable_folds_controls_and_caps() {
        assert_eq!(printable(b"a\r\n\tb\x00\xffc  ", 100), "a b \u{fffd}c");
        assert_eq!(printable(b"abcdef", 3), "abc");
        assert_eq!(printable(b"", 3), "");
    }

    #[test]
    fn product_and_version_after_the_needle() {
        let table = [
            ("vsFTPd", "vsFTPd"),
            ("FileZilla Server", "FileZilla Server"),
        ];
        assert_eq!(
            product_in("(vsFTPd 3.0.3)", &table),
            Some(("vsFTPd".into(), Some("3.0.3".into())))
        );
        assert_eq!(
            product_in("FileZilla Server version 0.9.60 beta", &table),
            Some(("FileZilla Server".into(), Some("0.9.60".into())))
        );
        assert_eq!(
            product_in("filezilla server", &table),
            Some(("FileZilla Server".into(), None))
        );
        assert_eq!(product_in("nothing here", &table), None);
        // Multi-byte text before and after the needle must not upset the slicing.
        assert_eq!(
            product_in("ようこそ vsFTPd v2.3.4 です", &table),
            Some(("vsFTPd".into(), Some("2.3.4".into())))
        );
    }

    #[test]
    fn replies_single_multi_and_garbage() {
        let (r, n) = parse_reply(b"220 ready\r\nextra").unwrap();
        assert_eq!(
            (r.code, r.lines.clone(), n),
            (220, vec!["ready".to_string()], 11)
        );
        let multi = b"220-first\r\n second\r\n220-third\r\n220 last\r\n";
        let (r, n) = parse_reply(multi).unwrap();
        assert_eq!(r.code, 220);
        assert_eq!(r.lines, ["first", "second", "third", "last"]);
        assert_eq!(n, multi.len());
        assert_eq!(parse_reply(b"250\r\n").unwrap().0.lines, [""]);
        assert!(parse_reply(b"220-first\r\n220 la").is_none());
        assert!(parse_reply(b"SSH-2.0-x\r\n").is_none());
        assert!(reply_done(b"SSH-2.0-x\r\n"));
        assert!(!reply_done(b"220-first\r\n"));
        assert!(reply_done(b"220 x\n"));
        assert!(parse_reply(b"999 x\r\n").is_none());
        assert!(parse_reply(b"\xff\xfe\xfd\n").is_none());
    }

    /// Runs every parser over one buffer; only a panic can fail.
    fn parse_everything(b: &[u8]) {
        let _ = (parse_reply(b), reply_done(b), printable(b, 64));
        let _ = (
            ssh::find_ident(b),
            ssh::facts(b),
            ssh::frame(b),
            ssh::parse_kexinit(b),
        );
        let _ = (ftp::parse_greeting(b), smtp::parse_greeting(b));
        let _ = (mail::parse_pop3_greeting(b), mail::parse_pop3_capa(b));
        let _ = (mail::parse_imap_greeting(b), mail::parse_imap_capability(b));
        let _ = (
            mail::pop3_multiline_done(b),
            telnet::parse(b),
            telnet::split(b),
        );
        let _ = (mysql::parse(b), mysql::greeting_done(b), postgres::parse(b));
        let _ = (
            postgres::answer_done(b),
            mssql::parse(b),
            mssql::answer_done(b),
        );
        let _ = (
            rdp::parse(b),
            rdp::answer_done(b),
            smb::parse_response(b),
            smb::answer_done(b),
        );
        let _ = (
            vnc::parse_version(b),
            vnc::parse_security(3, b),
            vnc::parse_security(8, b),
        );
        let _ = (
            redis::parse(b),
            memcached::parse(b),
            mongodb::parse(b),
            mongodb::fields(b),
        );
        let _ = mongodb::reply_done(b);
    }

    #[test]
    fn no_parser_panics_on_random_or_mangled_bytes() {
        // A small deterministic generator (xorshift), so a failure can be replayed.
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let samples: Vec<Vec<u8>> = vec![
            ssh::packet(&ssh::kexinit_payload(&[
                "a,b", "c", "d", "e", "f", "g", "h", "i", "", "",
            ])),
            [b"SSH-2.0-x\r\n".as_slice(), &ssh::packet(&[20; 40])].concat(),
            mysql::handshake("8.0.36", 0xffff_ffff, "caching_sha2_password"),
            mssql::tds_packet(
                4,
                &[0, 0, 11, 0, 6, 1, 0, 17, 0, 1, 0xff, 15, 0, 7, 208, 0, 0, 0],
            ),
            rdp::tpkt(&[14, 0xd0, 0, 0, 0, 0, 0, 2, 0, 8, 0, 2, 0, 0, 0]),
            smb::negotiate_smb2(),
            smb::negotiate_smb1(),
            mongodb::hello(),
            b"220-a\r\n220 b\r\n".to_vec(),
            b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] x\r\n".to_vec(),
            b"+OK\r\nSTLS\r\n.\r\n".to_vec(),
            vec![255, 253, 24, 255, 250, 24, 1, 255, 240, b'l', b':'],
            b"E\x00\x00\x00\x0aSFATAL\x00\x00".to_vec(),
            vec![1, 1, 0, 0, 0, 1, 2],
        ];
        for sample in &samples {
            for cut in 0..=sample.len() {
                parse_everything(&sample[..cut]);
            }
            for _ in 0..300 {
                let mut m = sample.clone();
                for _ in 0..1 + next() % 4 {
                    let at = (next() as usize) % m.len().max(1);
                    if let Some(b) = m.get_mut(at) {
                        *b = next() as u8;
                    }
                }
                parse_everything(&m);
            }
        }
        for _ in 0..3000 {
            let len = (next() % 300) as usize;
            let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            parse_everything(&bytes);
        }
    }

    #[tokio::test]
    async fn exchange_logs_before_writing_and_returns_partial_answers() {
        let (addr, server) = serve(vec![vec![
            Step::Read(4),
            Step::Write(b"half".to_vec()),
            Step::Pause(1500),
        ]])
        .await;
        let p = probe_for(Duration::from_millis(600));
        let got = exchange(addr, &p, "test", Some(b"ping"), |b| b.len() >= 8, 64)
            .await
            .unwrap();
        assert_eq!(got, b"half");
        let log = p.log.entries();
        assert_eq!(log.len(), 1);
        assert_eq!((log[0].probe.as_str(), log[0].bytes), ("test", 4));
        assert_eq!(server.await.unwrap()[0], b"ping");
    }

    #[tokio::test]
    async fn banner_sends_nothing_and_errors_on_silence() {
        let (addr, server) = serve(vec![
            vec![
                Step::Write(b"hello\r\n".to_vec()),
                Step::Write(b"more\r\n".to_vec()),
            ],
            vec![Step::Pause(1000)],
        ])
        .await;
        let p = probe_for(Duration::from_secs(2));
        assert_eq!(banner(addr, &p).await.unwrap(), b"hello\r\nmore\r\n");
        let impatient = probe_for(Duration::from_millis(300));
        let silent = banner(addr, &impatient).await.unwrap_err();
        assert_eq!(silent.kind(), io::ErrorKind::TimedOut);
        assert!(p.log.entries().is_empty() && impatient.log.entries().is_empty());
        assert!(server.await.unwrap().iter().all(Vec::is_empty));
    }
}
