//! The two connections a posture check makes: SMTP with STARTTLS to each MX (port 25), and
//! HTTPS to `mta-sts.<domain>` for the MTA-STS policy. Both verify certificates against the
//! Mozilla roots (webpki-roots) plus any roots the caller adds; the SMTP probe finishes the
//! handshake even when verification fails, to say what is wrong, and then only says QUIT.

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, RootCertStore, SignatureScheme};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// Largest policy file read (RFC 8461 sets no limit; real ones are a few hundred bytes).
const MAX_POLICY: usize = 64 * 1024;
/// Longest SMTP reply read.
const MAX_REPLY: usize = 16 * 1024;

pub fn roots(extra: &[CertificateDer<'static>]) -> Arc<RootCertStore> {
    let mut r = RootCertStore::empty();
    r.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    for c in extra {
        let _ = r.add(c.clone());
    }
    Arc::new(r)
}

/// Certificates from PEM text; `None` when there is none or one is broken.
pub fn pem_certificates(pem: &[u8]) -> Option<Vec<CertificateDer<'static>>> {
    use rustls::pki_types::pem::PemObject;
    CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .ok()
        .filter(|v| !v.is_empty())
}

fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// What TLS to an MX showed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MxTls {
    pub address: SocketAddr,
    pub starttls: bool,
    /// `TLSv1.3`, `TLSv1.2`; `None` when no handshake completed.
    pub version: Option<String>,
    /// `Ok` when the certificate chains to a trusted root and names the MX host.
    pub certificate: Result<(), String>,
    pub not_after: Option<i64>,
    /// Why the probe stopped early (no connection, no TLS 1.2+ handshake).
    pub error: Option<String>,
}

#[derive(Debug)]
struct Recording {
    inner: Arc<WebPkiServerVerifier>,
    result: Mutex<Option<Result<(), String>>>,
    end_entity: Mutex<Option<Vec<u8>>>,
}

impl ServerCertVerifier for Recording {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let r = self
            .inner
            .verify_server_cert(end_entity, intermediates, server_name, ocsp, now)
            .map(|_| ())
            .map_err(|e| e.to_string());
        *self.result.lock().unwrap_or_else(|p| p.into_inner()) = Some(r);
        *self.end_entity.lock().unwrap_or_else(|p| p.into_inner()) = Some(end_entity.to_vec());
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

async fn reply<R: AsyncBufReadExt + Unpin>(r: &mut R) -> Result<(u16, Vec<String>), String> {
    let mut lines = Vec::new();
    let mut total = 0;
    loop {
        let mut line = String::new();
        let n = r.read_line(&mut line).await.map_err(|e| e.to_string())?;
        total += n;
        if n == 0 || total > MAX_REPLY {
            return Err("the server closed the connection or sent too much".into());
        }
        let line = line.trim_end().to_string();
        let code: u16 = line
            .get(..3)
            .and_then(|c| c.parse().ok())
            .ok_or_else(|| format!("not an SMTP reply: {line:.80}"))?;
        let more = line.as_bytes().get(3) == Some(&b'-');
        lines.push(line.get(4..).unwrap_or("").to_string());
        if !more {
            return Ok((code, lines));
        }
    }
}

/// Connects to one MX address, says EHLO, and if STARTTLS is offered, completes the handshake.
pub async fn probe_mx(
    host: &str,
    ip: IpAddr,
    port: u16,
    roots: Arc<RootCertStore>,
    timeout: Duration,
) -> MxTls {
    let address = SocketAddr::new(ip, port);
    let mut out = MxTls {
        address,
        starttls: false,
        version: None,
        certificate: Err("no handshake".into()),
        not_after: None,
        error: None,
    };
    match tokio::time::timeout(timeout, probe_inner(host, address, roots, &mut out)).await {
        Ok(Ok(())) => {}
        Ok(Err(e)) => out.error = Some(e),
        Err(_) => out.error = Some(format!("no answer within {} s", timeout.as_secs())),
    }
    out
}

async fn probe_inner(
    host: &str,
    address: SocketAddr,
    roots: Arc<RootCertStore>,
    out: &mut MxTls,
) -> Result<(), String> {
    let sock = TcpStream::connect(address)
        .await
        .map_err(|e| e.to_string())?;
    let mut io = BufReader::new(sock);
    let (code, _) = reply(&mut io).await?;
    if code != 220 {
        return Err(format!("greeting {code}"));
    }
    io.get_mut()
        .write_all(b"EHLO posture-check.hoshi.invalid\r\n")
        .await
        .map_err(|e| e.to_string())?;
    let (code, caps) = reply(&mut io).await?;
    if code != 250 {
        return Err(format!("EHLO answered {code}"));
    }
    out.starttls = caps.iter().any(|c| {
        c.split_whitespace()
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("STARTTLS"))
    });
    if !out.starttls {
        let _ = io.get_mut().write_all(b"QUIT\r\n").await;
        return Ok(());
    }
    io.get_mut()
        .write_all(b"STARTTLS\r\n")
        .await
        .map_err(|e| e.to_string())?;
    let (code, _) = reply(&mut io).await?;
    if code != 220 {
        return Err(format!("STARTTLS answered {code}"));
    }
    let inner = WebPkiServerVerifier::builder_with_provider(roots, provider())
        .build()
        .map_err(|e| e.to_string())?;
    let rec = Arc::new(Recording {
        inner,
        result: Mutex::new(None),
        end_entity: Mutex::new(None),
    });
    let cfg = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .dangerous()
        .with_custom_certificate_verifier(rec.clone())
        .with_no_client_auth();
    let name = ServerName::try_from(host.to_string()).map_err(|e| e.to_string())?;
    let tls = tokio_rustls::TlsConnector::from(Arc::new(cfg))
        .connect(name, io.into_inner())
        .await
        .map_err(|e| format!("TLS handshake: {e}"))?;
    out.version = tls.get_ref().1.protocol_version().map(|v| match v {
        rustls::ProtocolVersion::TLSv1_3 => "TLSv1.3".to_string(),
        rustls::ProtocolVersion::TLSv1_2 => "TLSv1.2".to_string(),
        other => format!("{other:?}"),
    });
    if let Some(r) = rec.result.lock().unwrap_or_else(|p| p.into_inner()).take() {
        out.certificate = r;
    }
    if let Some(der) = rec
        .end_entity
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .as_deref()
    {
        out.not_after = crate::der::not_after(der);
    }
    let mut tls = BufReader::new(tls);
    let _ = tls.get_mut().write_all(b"QUIT\r\n").await;
    let _ = reply(&mut tls).await;
    Ok(())
}

/// An HTTPS answer: status, content type, body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpAnswer {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: String,
}

/// `GET https://{host}{path}` at one address, certificate verified, no redirects followed.
pub async fn https_get(
    host: &str,
    ip: IpAddr,
    port: u16,
    path: &str,
    roots: Arc<RootCertStore>,
    timeout: Duration,
) -> Result<HttpAnswer, String> {
    match tokio::time::timeout(
        timeout,
        https_inner(host, SocketAddr::new(ip, port), path, roots),
    )
    .await
    {
        Ok(r) => r,
        Err(_) => Err(format!("no answer within {} s", timeout.as_secs())),
    }
}

async fn https_inner(
    host: &str,
    address: SocketAddr,
    path: &str,
    roots: Arc<RootCertStore>,
) -> Result<HttpAnswer, String> {
    let cfg = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth();
    let sock = TcpStream::connect(address)
        .await
        .map_err(|e| e.to_string())?;
    let name = ServerName::try_from(host.to_string()).map_err(|e| e.to_string())?;
    let mut tls = tokio_rustls::TlsConnector::from(Arc::new(cfg))
        .connect(name, sock)
        .await
        .map_err(|e| format!("TLS: {e}"))?;
    let req = format!(
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: hoshi-posture\r\nAccept: text/plain\r\nConnection: close\r\n\r\n"
    );
    tls.write_all(req.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let n = match tls.read(&mut buf).await {
            Ok(n) => n,
            // Servers that close without close_notify: what arrived is the answer.
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => 0,
            Err(e) => return Err(e.to_string()),
        };
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
        if raw.len() > MAX_POLICY + 16 * 1024 {
            return Err(format!("longer than {} KB", MAX_POLICY / 1024));
        }
    }
    parse_http(&raw)
}

fn parse_http(raw: &[u8]) -> Result<HttpAnswer, String> {
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no HTTP header")?;
    let head = String::from_utf8_lossy(&raw[..end]);
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or("");
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("not an HTTP status line: {status_line:.80}"))?;
    let mut content_type = None;
    let mut chunked = false;
    let mut length = None;
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            let v = v.trim();
            match k.trim().to_ascii_lowercase().as_str() {
                "content-type" => content_type = Some(v.to_string()),
                "transfer-encoding" => chunked = v.eq_ignore_ascii_case("chunked"),
                "content-length" => length = v.parse::<usize>().ok(),
                _ => {}
            }
        }
    }
    let mut body = raw[end + 4..].to_vec();
    if chunked {
        body = dechunk(&body)?;
    } else if let Some(n) = length {
        body.truncate(n);
    }
    if body.len() > MAX_POLICY {
        return Err(format!("longer than {} KB", MAX_POLICY / 1024));
    }
    Ok(HttpAnswer {
        status,
        content_type,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

fn dechunk(mut b: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let eol = b.windows(2).position(|w| w == b"\r\n").ok_or("bad chunk")?;
        let size_txt = String::from_utf8_lossy(&b[..eol]);
        let size = usize::from_str_radix(size_txt.split(';').next().unwrap_or("").trim(), 16)
            .map_err(|_| "bad chunk size")?;
        b = &b[eol + 2..];
        if size == 0 {
            return Ok(out);
        }
        if b.len() < size {
            return Err("short chunk".into());
        }
        out.extend_from_slice(&b[..size]);
        b = b.get(size + 2..).ok_or("short chunk")?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_answers() {
        let a = parse_http(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhelloXX",
        )
        .unwrap();
        assert_eq!((a.status, a.body.as_str()), (200, "hello"));
        let c = parse_http(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").unwrap();
        assert_eq!(c.body, "abcde");
        assert!(parse_http(b"garbage").is_err());
    }
}
