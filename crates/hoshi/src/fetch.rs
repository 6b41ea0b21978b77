//! `--keys https://…`: one HTTP/1.1 GET for an issuer's key set or revocation list.
//!
//! HTTPS with the Mozilla roots (rustls, the same client as SMTP); plain HTTP only to this
//! machine (a key set fetched in clear from elsewhere could be swapped on the way). No redirects,
//! no cookies, a size limit and a time limit.

use std::time::Duration;

use anyhow::{Result, anyhow};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::TcpStream;

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

fn parse(url: &str) -> Result<Url> {
    let (tls, rest) = if let Some(r) = url.strip_prefix("https://") {
        (true, r)
    } else if let Some(r) = url.strip_prefix("http://") {
        (false, r)
    } else {
        return Err(anyhow!("{url}: expected an https:// address"));
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
        return Err(anyhow!(
            "{url}: user names in the address are not supported"
        ));
    }
    let (host, port) = if let Some(r) = authority.strip_prefix('[') {
        let (h, after) = r
            .split_once(']')
            .ok_or_else(|| anyhow!("{url}: unclosed [ in the host"))?;
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
            .map_err(|_| anyhow!("{url}: the port {p:?} is not a number"))?,
        None if tls => 443,
        None => 80,
    };
    if host.is_empty()
        || !host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
    {
        return Err(anyhow!("{url}: the host {host:?} is not a host name"));
    }
    if path.chars().any(|c| c.is_control() || c == ' ') {
        return Err(anyhow!("{url}: the path has spaces or control characters"));
    }
    if !tls && !hoshi_mail::host_is_loopback(&host) {
        return Err(anyhow!(
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

/// Downloads `url` (at most `limit` bytes of body).
pub fn get(url: &str, limit: usize) -> Result<Vec<u8>> {
    let u = parse(url)?;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        tokio::time::timeout(TIMEOUT, fetch(&u, limit))
            .await
            .map_err(|_| anyhow!("{url}: no complete answer within {} s", TIMEOUT.as_secs()))?
            .map_err(|e| anyhow!("{url}: {e}"))
    })
}

async fn fetch(u: &Url, limit: usize) -> Result<Vec<u8>> {
    let tcp = TcpStream::connect((u.host.as_str(), u.port))
        .await
        .map_err(|e| anyhow!("cannot connect: {e}"))?;
    let host_header = if u.host.contains(':') {
        format!("[{}]", u.host)
    } else {
        u.host.clone()
    };
    let request = format!(
        "GET {} HTTP/1.1\r\nHost: {host_header}\r\nUser-Agent: hoshi/{}\r\nAccept: application/json\r\nConnection: close\r\n\r\n",
        u.path,
        env!("CARGO_PKG_VERSION")
    );
    if u.tls {
        let connector = hoshi_mail::tls_connector(&[]).map_err(|e| anyhow!("{e}"))?;
        let name = hoshi_mail::ServerName::try_from(u.host.clone())
            .map_err(|_| anyhow!("the host {:?} is not a TLS server name", u.host))?;
        let tls = connector
            .connect(name, tcp)
            .await
            .map_err(|e| anyhow!("TLS: {e}"))?;
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
    s.write_all(request.as_bytes()).await?;
    s.flush().await?;
    let mut raw = Vec::new();
    let cap = limit + 64 * 1024;
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = match s.read(&mut buf).await {
            Ok(n) => n,
            // Servers that close without TLS close_notify: what arrived is judged below.
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => 0,
            Err(e) => return Err(e.into()),
        };
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
        if raw.len() > cap {
            return Err(anyhow!("the answer is larger than {limit} bytes"));
        }
    }
    response_body(&raw, limit)
}

/// The body of a complete HTTP/1.1 response, `200` only.
fn response_body(raw: &[u8], limit: usize) -> Result<Vec<u8>> {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| anyhow!("not an HTTP answer"))?;
    let head = std::str::from_utf8(&raw[..end]).map_err(|_| anyhow!("not an HTTP answer"))?;
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap_or("");
    let code = status.split(' ').nth(1).unwrap_or("");
    if !status.starts_with("HTTP/1.") {
        return Err(anyhow!("not an HTTP answer"));
    }
    if code != "200" {
        let hint = if code.starts_with('3') {
            " (redirects are not followed: give the final address)"
        } else {
            ""
        };
        return Err(anyhow!("the server answered {status}{hint}"));
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
            .map_err(|_| anyhow!("bad Content-Length {len:?}"))?;
        if body.len() < len {
            return Err(anyhow!("the answer was cut off"));
        }
        body[..len].to_vec()
    } else {
        body.to_vec()
    };
    if body.len() > limit {
        return Err(anyhow!("the answer is larger than {limit} bytes"));
    }
    Ok(body)
}

fn dechunk(mut b: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let nl = b
            .windows(2)
            .position(|w| w == b"\r\n")
            .ok_or_else(|| anyhow!("the answer was cut off"))?;
        let size_text = std::str::from_utf8(&b[..nl]).map_err(|_| anyhow!("bad chunk size"))?;
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| anyhow!("bad chunk size {size_text:?}"))?;
        b = &b[nl + 2..];
        if size == 0 {
            return Ok(out);
        }
        if b.len() < size + 2 {
            return Err(anyhow!("the answer was cut off"));
        }
        out.extend_from_slice(&b[..size]);
        b = &b[size + 2..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
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
        assert!(response_body(b"HTTP/1.1 200 OK\r\n\r\n0123456789ab", 10).is_err());
        assert!(response_body(b"garbage", 10).is_err());
    }
}
