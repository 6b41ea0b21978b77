//! HTTP(S) as a browser would first see it: one `GET` per path, the status, the headers that
//! tell what runs there, the page title. Redirects are followed only on the same host and port.

use std::net::SocketAddr;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::Probe;

/// The most of a body read (login pages are small; more is not needed to recognise one).
pub const BODY_LIMIT: usize = 256 * 1024;
const HEAD_LIMIT: usize = 32 * 1024;
/// Same-host redirects followed at most.
pub const REDIRECTS: usize = 3;

/// One response.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Response {
    pub status: u16,
    /// Header names in lower case, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn headers_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as text (UTF-8, or Shift_JIS/EUC-JP pages kept as lossy UTF-8: the markers
    /// matched are ASCII).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The `<title>`, whitespace collapsed.
    pub fn title(&self) -> Option<String> {
        let text = self.text();
        let lower = text.to_ascii_lowercase();
        let start = lower.find("<title")?;
        let open_end = start + lower[start..].find('>')? + 1;
        let close = open_end + lower[open_end..].find("</title")?;
        let t: String = text[open_end..close]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let t = decode_entities(&t);
        (!t.is_empty()).then(|| t.chars().take(200).collect())
    }

    /// The names of the cookies set (values are not kept: they may be session secrets).
    pub fn cookie_names(&self) -> Vec<String> {
        self.headers_named("set-cookie")
            .filter_map(|c| c.split('=').next())
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect()
    }
}

fn decode_entities(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
}

/// Sends `GET path` on an open connection and reads the response.
pub async fn get_on<S: AsyncRead + AsyncWrite + Unpin>(
    s: &mut S,
    addr: SocketAddr,
    host: &str,
    path: &str,
    p: &Probe,
) -> std::io::Result<Response> {
    let req = format!(
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: hoshi-scan/{} (exposure check)\r\nAccept: */*\r\nConnection: close\r\n\r\n",
        env!("CARGO_PKG_VERSION")
    );
    p.log.sent(addr, "http", req.as_bytes());
    tokio::time::timeout(p.timeout, s.write_all(req.as_bytes()))
        .await
        .map_err(|_| std::io::ErrorKind::TimedOut)??;
    let raw = read_response(s, p).await?;
    parse(&raw).ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidData, "not HTTP"))
}

/// Reads until the peer closes, the body is complete, or the limits are reached.
async fn read_response<S: AsyncRead + Unpin>(s: &mut S, p: &Probe) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::with_capacity(8192);
    let mut chunk = [0u8; 8192];
    let deadline = tokio::time::Instant::now() + p.timeout * 2;
    loop {
        let n = match tokio::time::timeout_at(deadline, s.read(&mut chunk)).await {
            Err(_) if !buf.is_empty() => break,
            Err(_) => return Err(std::io::ErrorKind::TimedOut.into()),
            Ok(Err(_)) if !buf.is_empty() => break,
            Ok(r) => r?,
        };
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
        if complete(&buf) || buf.len() >= HEAD_LIMIT + BODY_LIMIT {
            break;
        }
    }
    Ok(buf)
}

/// Whether a response with a known length has fully arrived.
fn complete(buf: &[u8]) -> bool {
    let Some(end) = find(buf, b"\r\n\r\n") else {
        return false;
    };
    let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
    let body = &buf[end + 4..];
    if let Some(len) = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse::<usize>().ok())
    {
        return body.len() >= len;
    }
    if head.contains("transfer-encoding: chunked") {
        return find(body, b"0\r\n\r\n").is_some();
    }
    false
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Parses a raw HTTP/1.x response (status line, headers, body by length, chunks or close).
pub fn parse(raw: &[u8]) -> Option<Response> {
    if !raw.starts_with(b"HTTP/1.") && !raw.starts_with(b"HTTP/2") && !raw.starts_with(b"HTTP/0.9")
    {
        return None;
    }
    let end = find(raw, b"\r\n\r\n").or_else(|| find(raw, b"\n\n"))?;
    let sep = if raw[end] == b'\r' { 4 } else { 2 };
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.lines();
    let status: u16 = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let rest = &raw[(end + sep).min(raw.len())..];
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.to_ascii_lowercase().contains("chunked"));
    let mut body = if chunked {
        dechunk(rest)
    } else {
        rest.to_vec()
    };
    if let Some(len) = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
    {
        body.truncate(len);
    }
    body.truncate(BODY_LIMIT);
    Some(Response {
        status,
        headers,
        body,
    })
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = find(b, b"\r\n") {
        let size_text = String::from_utf8_lossy(&b[..eol]);
        let Ok(size) = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
        else {
            break;
        };
        if size == 0 {
            break;
        }
        let start = eol + 2;
        let stop = start.saturating_add(size).min(b.len());
        out.extend_from_slice(&b[start..stop]);
        if stop + 2 > b.len() || out.len() > BODY_LIMIT {
            break;
        }
        b = &b[stop + 2..];
    }
    out
}

/// `GET path` on a fresh connection, over TLS when `tls`.
pub async fn get(addr: SocketAddr, tls: bool, path: &str, p: &Probe) -> std::io::Result<Response> {
    let host = host_header(addr, p);
    if tls {
        let (mut s, _) = crate::tls::connect(addr, p).await?;
        get_on(&mut s, addr, &host, path, p).await
    } else {
        let mut s = tokio::time::timeout(p.timeout, TcpStream::connect(addr))
            .await
            .map_err(|_| std::io::ErrorKind::TimedOut)??;
        get_on(&mut s, addr, &host, path, p).await
    }
}

/// The `Host:` value: the name the user gave, or the address (with the port unless default).
pub fn host_header(addr: SocketAddr, p: &Probe) -> String {
    let name = p.host.clone().unwrap_or_else(|| match addr.ip() {
        std::net::IpAddr::V6(v6) => format!("[{v6}]"),
        v4 => v4.to_string(),
    });
    if matches!(addr.port(), 80 | 443) {
        name
    } else {
        format!("{name}:{}", addr.port())
    }
}

/// Where a redirect points, when it stays on this host and port: the path to request next.
pub fn same_host_path(location: &str, addr: SocketAddr, p: &Probe) -> Option<String> {
    if location.starts_with('/') && !location.starts_with("//") {
        return Some(location.to_string());
    }
    let rest = location
        .strip_prefix("https://")
        .or_else(|| location.strip_prefix("http://"))?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let authority = authority.to_ascii_lowercase();
    let host = host_header(addr, p).to_ascii_lowercase();
    let bare = p
        .host
        .clone()
        .unwrap_or_else(|| addr.ip().to_string())
        .to_ascii_lowercase();
    let default_port = matches!(addr.port(), 80 | 443);
    (authority == host || (default_port && authority == bare)).then(|| path.to_string())
}

/// `GET path`, following same-host redirects. Returns every response in order, and the
/// location of a redirect off the host (recorded, never followed).
pub async fn fetch(
    addr: SocketAddr,
    tls: bool,
    path: &str,
    p: &Probe,
) -> std::io::Result<(Vec<(String, Response)>, Option<String>)> {
    let mut out = Vec::new();
    let mut next = path.to_string();
    for _ in 0..=REDIRECTS {
        let r = get(addr, tls, &next, p).await?;
        let location = (300..400)
            .contains(&r.status)
            .then(|| r.header("location").map(str::to_string))
            .flatten();
        out.push((next.clone(), r));
        let Some(loc) = location else {
            return Ok((out, None));
        };
        match same_host_path(&loc, addr, p) {
            Some(path) if !out.iter().any(|(p, _)| *p == path) => next = path,
            Some(_) => return Ok((out, None)),
            None => return Ok((out, Some(loc))),
        }
    }
    Ok((out, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(host: Option<&str>) -> Probe {
        Probe {
            timeout: std::time::Duration::from_secs(1),
            host: host.map(str::to_string),
            log: crate::Log::default(),
        }
    }

    #[test]
    fn responses_are_read_with_length_chunks_and_titles() {
        let r = parse(b"HTTP/1.1 200 OK\r\nServer: xxxx\r\nContent-Length: 44\r\nSet-Cookie: SVPNCOOKIE=; path=/\r\n\r\n<html><TITLE> Please  Login &amp; go</title>trailing").unwrap();
        assert_eq!(r.status, 200);
        assert_eq!(r.header("server"), Some("xxxx"));
        assert_eq!(r.title().as_deref(), Some("Please Login & go"));
        assert_eq!(r.cookie_names(), ["SVPNCOOKIE"]);
        assert_eq!(r.body.len(), 44);
        let r = parse(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n").unwrap();
        assert_eq!(r.body, b"hello world");
        assert!(parse(b"SSH-2.0-OpenSSH_9.2\r\n").is_none());
        assert!(parse(b"HTTP/1.1 abc\r\n\r\n").is_none());
    }

    #[test]
    fn redirects_off_the_host_are_not_followed() {
        let a: SocketAddr = "192.0.2.1:443".parse().unwrap();
        let p = probe(Some("vpn.example.co.jp"));
        assert_eq!(
            same_host_path("/remote/login", a, &p).as_deref(),
            Some("/remote/login")
        );
        assert_eq!(
            same_host_path("https://vpn.example.co.jp/x?y", a, &p).as_deref(),
            Some("/x?y")
        );
        assert_eq!(same_host_path("https://evil.example/x", a, &p), None);
        assert_eq!(same_host_path("//evil.example/x", a, &p), None);
        let a: SocketAddr = "192.0.2.1:10443".parse().unwrap();
        let p = probe(None);
        assert_eq!(
            same_host_path("https://192.0.2.1:10443/a", a, &p).as_deref(),
            Some("/a")
        );
        assert_eq!(same_host_path("https://192.0.2.1/a", a, &p), None);
    }
}
