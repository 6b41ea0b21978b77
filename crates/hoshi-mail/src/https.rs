//! One HTTP/1.1 GET for an issuer's key set or revocation list (`hoshi attest verify --keys
//! https://…`, and the server fetching an issuer's keys when a buyer imports an attestation), and
//! for the public vulnerability data `hoshi vulns db update` fetches ([`get_with`]: more time,
//! an API key's header).
//!
//! HTTPS with the Mozilla roots plus any extra CA (rustls, the same client as SMTP); plain HTTP
//! only to this machine and only when the caller allows it. No redirects, no cookies, a size limit
//! and a time limit. A server-side caller can refuse private, loopback and link-local addresses:
//! the host is resolved once, every address checked, and the connection made to a checked address
//! (no second lookup that could answer differently).

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use hoshi_core::FetchProblem;
use rustls::pki_types::CertificateDer;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;

/// Why a download failed: the kind (what the user is told, in their language) and the technical
/// detail (for the log and the command line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError {
    pub kind: FetchProblem,
    pub detail: String,
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.detail)
    }
}

impl std::error::Error for FetchError {}

type Result<T> = std::result::Result<T, FetchError>;

macro_rules! fail {
    ($kind:ident, $($t:tt)*) => {
        FetchError {
            kind: FetchProblem::$kind,
            detail: format!($($t)*),
        }
    };
}

/// What a caller allows.
#[derive(Debug, Clone, Default)]
pub struct FetchOptions {
    /// CA certificates trusted besides the Mozilla roots.
    pub extra_roots: Vec<CertificateDer<'static>>,
    /// Plain `http://` to this machine (the CLI, where the user chose the address).
    pub allow_loopback_http: bool,
    /// Addresses that are not public (loopback, private, link-local, unique-local…): refused
    /// unless set (a server in a closed network, tests).
    pub allow_private: bool,
}

const TIMEOUT: Duration = Duration::from_secs(20);

/// Whether an argument names a URL rather than a file.
pub fn is_url(s: &str) -> bool {
    s.starts_with("https://") || s.starts_with("http://")
}

#[derive(Debug)]
struct Url {
    tls: bool,
    host: String,
    port: u16,
    path: String,
}

fn parse(url: &str, opts: &FetchOptions) -> Result<Url> {
    let (tls, rest) = if let Some(r) = url.strip_prefix("https://") {
        (true, r)
    } else if let Some(r) = url.strip_prefix("http://") {
        (false, r)
    } else {
        return Err(fail!(Address, "{url}: expected an https:// address"));
    };
    let (authority, path) = match rest.find(['/', '?', '#']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let path = path.split('#').next().unwrap_or("/");
    let path = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    };
    if authority.contains('@') {
        return Err(fail!(
            Address,
            "{url}: user names in the address are not supported"
        ));
    }
    let (host, port) = if let Some(r) = authority.strip_prefix('[') {
        let (h, after) = r
            .split_once(']')
            .ok_or_else(|| fail!(Address, "{url}: unclosed [ in the host"))?;
        (h.to_string(), after.strip_prefix(':'))
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), Some(p)),
            None => (authority.to_string(), None),
        }
    };
    let port = match port {
        Some(p) => p
            .parse()
            .map_err(|_| fail!(Address, "{url}: the port {p:?} is not a number"))?,
        None if tls => 443,
        None => 80,
    };
    if host.is_empty()
        || !host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
    {
        return Err(fail!(
            Address,
            "{url}: the host {host:?} is not a host name"
        ));
    }
    if path.chars().any(|c| c.is_control() || c == ' ') {
        return Err(fail!(
            Address,
            "{url}: the path has spaces or control characters"
        ));
    }
    let plain_ok = opts.allow_loopback_http && crate::host_is_loopback(&host);
    if !(tls || plain_ok) {
        return Err(fail!(
            Address,
            "{url}: plain http is accepted only for this machine; use https://"
        ));
    }
    Ok(Url {
        tls,
        host,
        port,
        path,
    })
}

/// Whether an address is public (not this machine, not a private or reserved network).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v) => {
            let o = v.octets();
            !(v.is_loopback()
                || v.is_private()
                || v.is_link_local()
                || v.is_unspecified()
                || v.is_broadcast()
                || v.is_multicast()
                || v.is_documentation()
                || o[0] == 0
                || (o[0] == 100 && (64..128).contains(&o[1])) // shared address space
                || (o[0] == 198 && (o[1] == 18 || o[1] == 19)) // benchmarking
                || o[0] >= 240)
        }
        IpAddr::V6(v) => {
            if let Some(v4) = v.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let seg = v.segments();
            !(v.is_loopback()
                || v.is_unspecified()
                || v.is_multicast()
                || (seg[0] & 0xfe00) == 0xfc00 // unique local
                || (seg[0] & 0xffc0) == 0xfe80 // link local
                || (seg[0] == 0x2001 && seg[1] == 0x0db8)) // documentation
        }
    }
}

/// Downloads `url` (at most `limit` bytes of body), for callers outside an async runtime.
pub fn get_blocking(url: &str, limit: usize, opts: &FetchOptions) -> Result<Vec<u8>> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| fail!(BadAnswer, "{e}"))?;
    rt.block_on(get(url, limit, opts))
}

/// Downloads `url` (at most `limit` bytes of body).
pub async fn get(url: &str, limit: usize, opts: &FetchOptions) -> Result<Vec<u8>> {
    get_with(url, limit, opts, &Request::default()).await
}

/// What a GET needs besides [`get`]'s: more time (a large download) and headers (an API key).
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// For the whole answer; finding and connecting to the server has 20 s at most within it.
    pub timeout: Duration,
    /// Sent after hoshi's own headers.
    pub headers: &'a [(&'a str, &'a str)],
}

impl Default for Request<'_> {
    fn default() -> Self {
        Request {
            timeout: TIMEOUT,
            headers: &[],
        }
    }
}

/// [`get_with`] for callers outside an async runtime.
pub fn get_with_blocking(
    url: &str,
    limit: usize,
    opts: &FetchOptions,
    req: &Request<'_>,
) -> Result<Vec<u8>> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| fail!(BadAnswer, "{e}"))?;
    rt.block_on(get_with(url, limit, opts, req))
}

/// Downloads `url` (at most `limit` bytes of body) with `req`'s time limit and headers.
pub async fn get_with(
    url: &str,
    limit: usize,
    opts: &FetchOptions,
    req: &Request<'_>,
) -> Result<Vec<u8>> {
    let u = parse(url, opts)?;
    let mut extra = String::new();
    for (k, v) in req.headers {
        let token =
            |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if !token(k) || v.chars().any(|c| c.is_control()) {
            return Err(fail!(Address, "{url}: the header {k:?} cannot be sent"));
        }
        extra.push_str(&format!("{k}: {v}\r\n"));
    }
    tokio::time::timeout(req.timeout, fetch(&u, limit, opts, &extra))
        .await
        .map_err(|_| {
            fail!(
                Unreachable,
                "{url}: no complete answer within {} s",
                req.timeout.as_secs()
            )
        })?
        .map_err(|e| FetchError {
            kind: e.kind,
            detail: format!("{url}: {}", e.detail),
        })
}

async fn fetch(u: &Url, limit: usize, opts: &FetchOptions, headers: &str) -> Result<Vec<u8>> {
    let lookup = tokio::time::timeout(TIMEOUT, tokio::net::lookup_host((u.host.as_str(), u.port)))
        .await
        .map_err(|_| fail!(Unreachable, "cannot resolve {}: no answer", u.host))?;
    let addrs: Vec<SocketAddr> = lookup
        .map_err(|e| fail!(Unreachable, "cannot resolve {}: {e}", u.host))?
        .collect();
    if addrs.is_empty() {
        return Err(fail!(Unreachable, "cannot resolve {}", u.host));
    }
    if !opts.allow_private
        && let Some(a) = addrs.iter().find(|a| !is_public(a.ip()))
    {
        return Err(fail!(
            PrivateAddress,
            "{} is a private or local address ({}); only public addresses are fetched",
            u.host,
            a.ip()
        ));
    }
    let mut last = None;
    let mut tcp = None;
    for a in &addrs {
        match tokio::time::timeout(TIMEOUT, TcpStream::connect(a)).await {
            Ok(Ok(s)) => {
                tcp = Some(s);
                break;
            }
            Ok(Err(e)) => last = Some(e),
            Err(_) => {
                last = Some(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    format!("no answer from {a} within {} s", TIMEOUT.as_secs()),
                ))
            }
        }
    }
    let Some(tcp) = tcp else {
        return Err(fail!(
            Unreachable,
            "cannot connect: {}",
            last.map(|e| e.to_string()).unwrap_or_default()
        ));
    };
    let host_header = if u.host.contains(':') {
        format!("[{}]", u.host)
    } else {
        u.host.clone()
    };
    let request = format!(
        "GET {} HTTP/1.1\r\nHost: {host_header}\r\nUser-Agent: hoshi/{}\r\nAccept: application/json\r\nConnection: close\r\n{headers}\r\n",
        u.path,
        env!("CARGO_PKG_VERSION")
    );
    if u.tls {
        let connector = crate::tls_connector(&opts.extra_roots).map_err(|e| fail!(Tls, "{e}"))?;
        let name = rustls::pki_types::ServerName::try_from(u.host.clone())
            .map_err(|_| fail!(Address, "the host {:?} is not a TLS server name", u.host))?;
        let tls = connector
            .connect(name, tcp)
            .await
            .map_err(|e| fail!(Tls, "TLS: {e}"))?;
        exchange(tls, &request, limit).await
    } else {
        exchange(tcp, &request, limit).await
    }
}

async fn exchange<S: AsyncRead + AsyncWrite + Unpin>(
    mut s: S,
    request: &str,
    limit: usize,
) -> Result<Vec<u8>> {
    s.write_all(request.as_bytes())
        .await
        .map_err(|e| fail!(BadAnswer, "{e}"))?;
    s.flush().await.map_err(|e| fail!(BadAnswer, "{e}"))?;
    let mut raw = Vec::new();
    let cap = limit + 64 * 1024;
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = match s.read(&mut buf).await {
            Ok(n) => n,
            // Servers that close without TLS close_notify: what arrived is judged below, and a
            // body must then carry its length (Content-Length or chunked) to be accepted.
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => 0,
            Err(e) => return Err(fail!(BadAnswer, "{e}")),
        };
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
        if raw.len() > cap {
            return Err(fail!(BadAnswer, "the answer is larger than {limit} bytes"));
        }
    }
    response_body(&raw, limit)
}

/// The body of a complete HTTP/1.1 response, `200` only.
fn response_body(raw: &[u8], limit: usize) -> Result<Vec<u8>> {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| fail!(BadAnswer, "not an HTTP answer"))?;
    let head =
        std::str::from_utf8(&raw[..end]).map_err(|_| fail!(BadAnswer, "not an HTTP answer"))?;
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap_or("");
    let code = status.split(' ').nth(1).unwrap_or("");
    if !status.starts_with("HTTP/1.") {
        return Err(fail!(BadAnswer, "not an HTTP answer"));
    }
    if code != "200" {
        let hint = if code.starts_with('3') {
            " (redirects are not followed: give the final address)"
        } else {
            ""
        };
        return Err(fail!(HttpStatus, "the server answered {status}{hint}"));
    }
    let header = |name: &str| {
        head.split("\r\n").skip(1).find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim()
                .eq_ignore_ascii_case(name)
                .then(|| v.trim().to_string())
        })
    };
    let body = &raw[end + 4..];
    let body = if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        dechunk(body)?
    } else if let Some(len) = header("content-length") {
        let len: usize = len
            .parse()
            .map_err(|_| fail!(BadAnswer, "bad Content-Length {len:?}"))?;
        if body.len() < len {
            return Err(fail!(BadAnswer, "the answer was cut off"));
        }
        body[..len].to_vec()
    } else {
        return Err(fail!(
            BadAnswer,
            "the answer does not say its length (no Content-Length, not chunked)"
        ));
    };
    if body.len() > limit {
        return Err(fail!(BadAnswer, "the answer is larger than {limit} bytes"));
    }
    Ok(body)
}

fn dechunk(mut b: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let nl = b
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or_else(|| fail!(BadAnswer, "the answer was cut off"))?;
        let size_text =
            std::str::from_utf8(&b[..nl]).map_err(|_| fail!(BadAnswer, "bad chunk size"))?;
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| fail!(BadAnswer, "bad chunk size {size_text:?}"))?;
        b = &b[nl + 2..];
        if size == 0 {
            return Ok(out);
        }
        let need = size
            .checked_add(2)
            .ok_or_else(|| fail!(BadAnswer, "bad chunk size {size_text:?}"))?;
        if b.len() < need {
            return Err(fail!(BadAnswer, "the answer was cut off"));
        }
        if &b[size..need] != b"\r\n" {
            return Err(fail!(BadAnswer, "a chunk does not end where its size says"));
        }
        out.extend_from_slice(&b[..size]);
        b = &b[need..];
    }
}

/// A small HTTPS server on loopback serving fixed files, for tests of fetching (like
/// [`crate::sink`] for SMTP). Files can be changed while it runs.
pub struct FileServer {
    pub addr: SocketAddr,
    files: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, Vec<u8>>>>,
}

impl FileServer {
    /// Starts serving with `tls` (see [`crate::sink::openssl_pki`]) on 127.0.0.1.
    pub async fn start(tls: std::sync::Arc<rustls::ServerConfig>) -> std::io::Result<FileServer> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let files: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, Vec<u8>>>> =
            Default::default();
        let served = files.clone();
        let acceptor = tokio_rustls::TlsAcceptor::from(tls);
        tokio::spawn(async move {
            while let Ok((tcp, _)) = listener.accept().await {
                let acceptor = acceptor.clone();
                let served = served.clone();
                tokio::spawn(async move {
                    let Ok(mut s) = acceptor.accept(tcp).await else {
                        return;
                    };
                    let mut req = Vec::new();
                    let mut buf = [0u8; 1024];
                    while !req.windows(4).any(|w| w == b"\r\n\r\n") && req.len() < 16 * 1024 {
                        match s.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => req.extend_from_slice(&buf[..n]),
                        }
                    }
                    let head = String::from_utf8_lossy(&req).to_string();
                    let path = head.split(' ').nth(1).unwrap_or("").to_string();
                    let body = served.lock().ok().and_then(|f| f.get(&path).cloned());
                    let out = match body {
                        Some(b) => {
                            let mut o = format!(
                                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                                b.len()
                            )
                            .into_bytes();
                            o.extend_from_slice(&b);
                            o
                        }
                        None => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
                    };
                    let _ = s.write_all(&out).await;
                    let _ = s.shutdown().await;
                });
            }
        });
        Ok(FileServer { addr, files })
    }

    /// Serves `body` at `path` from now on.
    pub fn set(&self, path: &str, body: Vec<u8>) {
        if let Ok(mut f) = self.files.lock() {
            f.insert(path.to_string(), body);
        }
    }

    /// `https://127.0.0.1:<port>`
    pub fn url(&self) -> String {
        format!("https://{}", self.addr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cli() -> FetchOptions {
        FetchOptions {
            allow_loopback_http: true,
            ..FetchOptions::default()
        }
    }

    #[test]
    fn addresses() {
        let parse = |u: &str| super::parse(u, &cli());
        let u = parse("https://hoshi.example.jp/.well-known/hoshi-keys.json").unwrap();
        assert!(u.tls && u.port == 443 && u.host == "hoshi.example.jp");
        assert_eq!(u.path, "/.well-known/hoshi-keys.json");
        let u = parse("http://127.0.0.1:8080").unwrap();
        assert!(!u.tls && u.port == 8080 && u.path == "/");
        assert!(parse("http://[::1]:9/x").is_ok());
        let e = parse("http://192.0.2.1/keys.json").unwrap_err().to_string();
        assert!(e.contains("plain http"), "{e}");
        assert!(parse("https://user@host/").is_err());
        assert!(parse("https://host:abc/").is_err());
        assert!(parse("https://ho st/").is_err());
        assert!(parse("ftp://host/").is_err());
        // A server caller gets no plain http at all.
        assert!(super::parse("http://127.0.0.1/x", &FetchOptions::default()).is_err());
    }

    #[test]
    fn public_addresses() {
        for a in [
            "127.0.0.1",
            "10.1.2.3",
            "192.168.0.1",
            "172.16.5.5",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "192.0.2.1",
        ] {
            assert!(!is_public(a.parse().unwrap()), "{a}");
        }
        for a in ["8.8.8.8", "133.242.0.1", "2001:4860::8888"] {
            assert!(is_public(a.parse().unwrap()), "{a}");
        }
    }

    #[test]
    fn headers_that_would_break_the_request_are_refused() {
        for (k, v) in [("apiKey", "a\r\nHost: x"), ("Bad Name", "v"), ("", "v")] {
            let req = Request {
                headers: &[(k, v)],
                ..Request::default()
            };
            let e = get_with_blocking("https://hoshi.example.jp/x", 10, &cli(), &req).unwrap_err();
            assert_eq!(e.kind, FetchProblem::Address, "{k:?}: {e}");
        }
    }

    #[test]
    fn responses() {
        let ok = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
        assert_eq!(response_body(ok, 10).unwrap(), b"{}");
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n";
        assert_eq!(response_body(chunked, 10).unwrap(), b"{}");
        let e = response_body(b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n", 10)
            .unwrap_err()
            .to_string();
        assert!(e.contains("redirects"), "{e}");
        assert!(response_body(b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n{}", 10).is_err());
        assert!(
            response_body(b"HTTP/1.1 200 OK\r\n\r\n{}", 10).is_err(),
            "no length"
        );
        let huge = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffff\r\nx";
        assert!(response_body(huge, 10).is_err());
        let bad_end = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}xx0\r\n\r\n";
        assert!(response_body(bad_end, 10).is_err());
        assert!(response_body(b"garbage", 10).is_err());
    }
}
