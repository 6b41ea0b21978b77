//! What a TLS server offers, seen from outside: the version and cipher suite a modern client
//! gets, the certificate it presents, and which old protocol versions it still accepts.
//!
//! Three kinds of connection, each bounded by [`Probe::timeout`] for connecting and again for
//! the exchange, and by 64 KiB of server data:
//!
//! 1. A modern handshake with rustls (TLS 1.3 and 1.2, ALPN `h2` and `http/1.1`). The certificate
//!    verifier accepts anything: the scan inspects certificates, it does not trust them.
//! 2. When that fails but the server answered in TLS (an alert, a ServerHello rustls will not
//!    accept) or closed the connection without a word, a hand-built TLS 1.2 ClientHello with a
//!    broad list of old cipher suites (RSA key exchange, CBC, 3DES, RC4). Up to TLS 1.2 the
//!    server's certificates travel in clear, so the ServerHello and Certificate messages are read
//!    straight from the records.
//! 3. For SSL 3.0, TLS 1.0 and TLS 1.1, one connection each with a ClientHello capped at that
//!    version. The version counts as accepted when the server answers with a ServerHello of that
//!    very version. Only the ClientHello is sent; the connection is dropped once the ServerHello
//!    (or an alert, or anything else) has been read, so no handshake is ever completed.
//!
//! Every byte the client writes is recorded in [`Probe::log`] under the probe name `tls`.

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, ClientConnection, DigitallySignedStruct, SignatureScheme};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::timeout;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

use crate::x509::{self, CertInfo};
use crate::{Log, Probe};

/// The name under which this module's bytes appear in the [`Log`].
const PROBE: &str = "tls";
/// The most server data one handshake may read.
const MAX_HANDSHAKE: usize = 64 * 1024;
/// The largest TLS record a server may send (2^14 plaintext plus expansion).
const MAX_RECORD: usize = 16_384 + 2_048;

const SSL3: u16 = 0x0300;
const TLS10: u16 = 0x0301;
const TLS11: u16 = 0x0302;
const TLS12: u16 = 0x0303;

/// What a TLS server offered.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TlsInfo {
    /// The version negotiated with a modern client: `TLS 1.3`, `TLS 1.2`, or (when the server
    /// only speaks older TLS) what its ServerHello chose: `TLS 1.1`, `TLS 1.0`, `SSL 3.0`.
    pub version: String,
    /// The cipher suite by its IANA name as rustls spells it
    /// (`TLS13_AES_256_GCM_SHA384`, `TLS_RSA_WITH_AES_128_CBC_SHA`), or `0x....` when unknown.
    pub cipher: String,
    /// The ALPN protocol the server chose, if any.
    pub alpn: Option<String>,
    /// The leaf certificate, when it could be read.
    pub certificate: Option<CertInfo>,
    /// How many certificates the server presented (leaf included).
    pub chain_len: usize,
    /// Old versions the server still accepts, oldest first: `SSL 3.0`, `TLS 1.0`, `TLS 1.1`.
    pub legacy: Vec<String>,
}

/// Everything this module learns about a TLS server at `addr`; `None` when it does not speak
/// TLS (or refuses every ClientHello we send).
pub async fn probe(addr: SocketAddr, p: &Probe) -> Option<TlsInfo> {
    let mut info = match modern(addr, p, &[b"h2", b"http/1.1"]).await {
        Ok((_stream, info)) => info,
        Err(failure) if failure.server_spoke_tls => classic(addr, p).await?,
        Err(_) => return None,
    };
    info.legacy = legacy_versions(addr, p).await;
    Some(info)
}

/// A modern TLS connection for a protocol on top (HTTPS), with what it negotiated (`legacy` is
/// left empty). Offers only ALPN `http/1.1`, so the caller can speak HTTP/1.1 whatever the
/// server prefers. The handshake's bytes are logged; what the caller writes afterwards is the
/// caller's to log.
pub async fn connect(addr: SocketAddr, p: &Probe) -> io::Result<(TlsStream<TcpStream>, TlsInfo)> {
    let (stream, info) = modern(addr, p, &[b"http/1.1"])
        .await
        .map_err(|failure| failure.error)?;
    let (logged, session) = stream.into_inner();
    // tokio-rustls has no constructor taking an established session, but `connect_with` lets us
    // replace the fresh session with ours before the first poll; a session that is no longer
    // handshaking makes that future finish at once, without reading or writing anything.
    let rewrap = TlsConnector::from(client_config()).connect_with(
        server_name(addr, p),
        logged.inner,
        move |fresh: &mut ClientConnection| *fresh = session,
    );
    let stream = timeout(p.timeout, rewrap)
        .await
        .map_err(|_| timed_out("TLS handshake"))??;
    Ok((stream, info))
}

/// Whether `first_bytes` (what a server sent first) begin a TLS record: a handshake (0x16) or
/// alert (0x15) with version 3.0 to 3.4 and, when the length is there, a plausible length.
/// Useful when a server answers a plain-text probe with a TLS alert.
pub fn looks_like_tls(first_bytes: &[u8]) -> bool {
    match first_bytes {
        [0x15 | 0x16, 0x03, 0x00..=0x04, rest @ ..] => match rest {
            [hi, lo, ..] => {
                let len = usize::from(u16::from_be_bytes([*hi, *lo]));
                (1..=MAX_RECORD).contains(&len)
            }
            _ => true,
        },
        _ => false,
    }
}

fn version_name(version: u16) -> String {
    match version {
        SSL3 => "SSL 3.0".into(),
        TLS10 => "TLS 1.0".into(),
        TLS11 => "TLS 1.1".into(),
        TLS12 => "TLS 1.2".into(),
        0x0304 => "TLS 1.3".into(),
        other => format!("0x{other:04x}"),
    }
}

fn suite_name(code: u16) -> String {
    rustls::CipherSuite::from(code)
        .as_str()
        .map_or_else(|| format!("0x{code:04x}"), str::to_string)
}

fn timed_out(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::TimedOut, format!("{what} timed out"))
}

async fn open(addr: SocketAddr, p: &Probe) -> io::Result<TcpStream> {
    let tcp = timeout(p.timeout, TcpStream::connect(addr))
        .await
        .map_err(|_| timed_out("connect"))??;
    tcp.set_nodelay(true)?;
    Ok(tcp)
}

/// The host name to send as SNI: the one the user gave, unless it is an address.
fn sni_host(p: &Probe) -> Option<&str> {
    p.host
        .as_deref()
        .filter(|h| !h.is_empty() && h.len() <= 253 && h.parse::<IpAddr>().is_err())
}

fn server_name(addr: SocketAddr, p: &Probe) -> ServerName<'static> {
    sni_host(p)
        .and_then(|host| ServerName::try_from(host.to_string()).ok())
        .unwrap_or_else(|| ServerName::IpAddress(addr.ip().into()))
}

// ---------------------------------------------------------------------------------------------
// The modern handshake (rustls)

/// Why the modern handshake failed, and whether the server answered in TLS at all (then the
/// hand-built ClientHello is worth a try).
struct Failure {
    error: io::Error,
    server_spoke_tls: bool,
}

impl Failure {
    fn before_tls(error: io::Error) -> Self {
        Failure {
            error,
            server_spoke_tls: false,
        }
    }
}

async fn modern(
    addr: SocketAddr,
    p: &Probe,
    alpn: &[&[u8]],
) -> Result<(TlsStream<Logged>, TlsInfo), Failure> {
    let tcp = open(addr, p).await.map_err(Failure::before_tls)?;
    let logged = Logged {
        inner: tcp,
        addr,
        log: p.log.clone(),
        first: Vec::new(),
        read: 0,
    };
    let connector = TlsConnector::from(client_config());
    let handshake = connector
        .with_alpn(alpn.iter().map(|a| a.to_vec()).collect())
        .connect(server_name(addr, p), logged)
        .into_fallible();
    match timeout(p.timeout, handshake).await {
        Err(_) => Err(Failure::before_tls(timed_out("TLS handshake"))),
        Ok(Err((error, logged))) => {
            let closed = matches!(
                error.kind(),
                io::ErrorKind::UnexpectedEof
                    | io::ErrorKind::ConnectionReset
                    | io::ErrorKind::ConnectionAborted
            );
            let server_spoke_tls =
                looks_like_tls(&logged.first) || (logged.first.is_empty() && closed);
            Err(Failure {
                error,
                server_spoke_tls,
            })
        }
        Ok(Ok(stream)) => {
            let info = describe(stream.get_ref().1);
            Ok((stream, info))
        }
    }
}

fn describe(session: &ClientConnection) -> TlsInfo {
    let chain = session.peer_certificates().unwrap_or(&[]);
    TlsInfo {
        version: session
            .protocol_version()
            .map(|v| version_name(u16::from(v)))
            .unwrap_or_default(),
        cipher: session
            .negotiated_cipher_suite()
            .map(|s| suite_name(u16::from(s.suite())))
            .unwrap_or_default(),
        alpn: session
            .alpn_protocol()
            .map(|a| String::from_utf8_lossy(a).into_owned()),
        certificate: chain.first().and_then(|c| x509::parse(c.as_ref()).ok()),
        chain_len: chain.len(),
        legacy: Vec::new(),
    }
}

/// One client configuration for every scan: no session resumption (each probe must see a full
/// handshake), and a verifier that accepts any certificate.
fn client_config() -> Arc<ClientConfig> {
    static CONFIG: OnceLock<Arc<ClientConfig>> = OnceLock::new();
    CONFIG
        .get_or_init(|| {
            let provider = Arc::new(rustls::crypto::ring::default_provider());
            let mut config = ClientConfig::builder_with_provider(provider)
                .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
                .expect("the ring provider has suites for TLS 1.3 and 1.2")
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(AcceptAnything))
                .with_no_client_auth();
            config.resumption = rustls::client::Resumption::disabled();
            Arc::new(config)
        })
        .clone()
}

/// Accepts every certificate and signature: we look at what a server presents, we do not
/// decide whether to trust it, and nothing secret is sent over these connections.
#[derive(Debug)]
struct AcceptAnything;

impl ServerCertVerifier for AcceptAnything {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    fn verify_tls13_signature(
        &self,
        _message: &[u8],
        _cert: &CertificateDer<'_>,
        _dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        Ok(HandshakeSignatureValid::assertion())
    }

    /// Every scheme a server might sign with, SHA-1 included, so old servers are not refused.
    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        vec![
            SignatureScheme::ECDSA_NISTP256_SHA256,
            SignatureScheme::ECDSA_NISTP384_SHA384,
            SignatureScheme::ECDSA_NISTP521_SHA512,
            SignatureScheme::ED25519,
            SignatureScheme::ED448,
            SignatureScheme::RSA_PSS_SHA256,
            SignatureScheme::RSA_PSS_SHA384,
            SignatureScheme::RSA_PSS_SHA512,
            SignatureScheme::RSA_PKCS1_SHA256,
            SignatureScheme::RSA_PKCS1_SHA384,
            SignatureScheme::RSA_PKCS1_SHA512,
            SignatureScheme::RSA_PKCS1_SHA1,
            SignatureScheme::ECDSA_SHA1_Legacy,
        ]
    }
}

/// The socket under the rustls handshake: records every write in the [`Log`], keeps the first
/// bytes the server sent (to tell a TLS alert from another protocol), and stops reading after
/// [`MAX_HANDSHAKE`] bytes.
struct Logged {
    inner: TcpStream,
    addr: SocketAddr,
    log: Log,
    first: Vec<u8>,
    read: usize,
}

impl AsyncRead for Logged {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if this.read >= MAX_HANDSHAKE {
            return Poll::Ready(Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "TLS handshake larger than 64 KiB",
            )));
        }
        let before = buf.filled().len();
        let poll = Pin::new(&mut this.inner).poll_read(cx, buf);
        if let Poll::Ready(Ok(())) = poll {
            let new = buf.filled().get(before..).unwrap_or_default();
            this.read += new.len();
            let room = 16usize.saturating_sub(this.first.len());
            this.first.extend(new.iter().take(room));
        }
        poll
    }
}

impl AsyncWrite for Logged {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let poll = Pin::new(&mut this.inner).poll_write(cx, data);
        if let Poll::Ready(Ok(n)) = poll {
            this.log
                .sent(this.addr, PROBE, data.get(..n).unwrap_or(data));
        }
        poll
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

// ---------------------------------------------------------------------------------------------
// Hand-built ClientHellos (old servers and legacy versions)

/// The TLS 1.2 server's certificate and choices through a hand-built ClientHello.
async fn classic(addr: SocketAddr, p: &Probe) -> Option<TlsInfo> {
    match raw_hello(addr, p, TLS12, true).await {
        Flight::Hello {
            version,
            cipher,
            certificates,
        } => Some(TlsInfo {
            version: version_name(version),
            cipher: suite_name(cipher),
            alpn: None,
            certificate: certificates.first().and_then(|c| x509::parse(c).ok()),
            chain_len: certificates.len(),
            legacy: Vec::new(),
        }),
        Flight::Incomplete | Flight::Refused(_) => None,
    }
}

/// SSL 3.0, TLS 1.0 and TLS 1.1, each asked on its own connection (all three at once).
async fn legacy_versions(addr: SocketAddr, p: &Probe) -> Vec<String> {
    let (ssl3, tls10, tls11) = tokio::join!(
        accepts(addr, p, SSL3),
        accepts(addr, p, TLS10),
        accepts(addr, p, TLS11)
    );
    [(SSL3, ssl3), (TLS10, tls10), (TLS11, tls11)]
        .into_iter()
        .filter(|(_, accepted)| *accepted)
        .map(|(version, _)| version_name(version))
        .collect()
}

async fn accepts(addr: SocketAddr, p: &Probe, version: u16) -> bool {
    matches!(
        raw_hello(addr, p, version, false).await,
        Flight::Hello { version: chosen, .. } if chosen == version
    )
}

/// Sends one hand-built ClientHello offering at most `version`, then reads the answer up to the
/// ServerHello, or up to the Certificate message when `want_certificates`. Nothing else is sent;
/// the connection is dropped on return.
async fn raw_hello(addr: SocketAddr, p: &Probe, version: u16, want_certificates: bool) -> Flight {
    let mut tcp = match open(addr, p).await {
        Ok(tcp) => tcp,
        Err(e) => return Flight::Refused(e.to_string()),
    };
    let mut random = [0u8; 32];
    // A failing random source leaves zeros: harmless, no key is ever derived from this hello.
    let _ = client_config()
        .crypto_provider()
        .secure_random
        .fill(&mut random);
    let hello = client_hello(version, sni_host(p), &random);
    p.log.sent(addr, PROBE, &hello);
    let exchange = async {
        tcp.write_all(&hello).await?;
        let mut answer = Vec::with_capacity(4096);
        let mut chunk = vec![0u8; 4096];
        while answer.len() < MAX_HANDSHAKE {
            let room = chunk.len().min(MAX_HANDSHAKE - answer.len());
            let n = tcp.read(&mut chunk[..room]).await?;
            if n == 0 {
                return Ok(Flight::Refused("connection closed".into()));
            }
            answer.extend_from_slice(&chunk[..n]);
            match parse_flight(&answer, want_certificates) {
                Flight::Incomplete => {}
                done => return Ok(done),
            }
        }
        Ok::<_, io::Error>(Flight::Refused("answer larger than 64 KiB".into()))
    };
    match timeout(p.timeout, exchange).await {
        Ok(Ok(flight)) => flight,
        Ok(Err(e)) => Flight::Refused(e.to_string()),
        Err(_) => Flight::Refused("timed out".into()),
    }
}

/// TLS 1.2-only suites (AEAD and SHA-2 MACs), strongest first.
const SUITES_TLS12: [u16; 18] = [
    0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0x009e, 0x009f, 0xc023, 0xc027, 0xc024, 0xc028,
    0x0067, 0x006b, 0x009c, 0x009d, 0x003c, 0x003d,
];

/// Suites every version since SSL 3.0 can use: ECDHE/DHE/RSA with AES-CBC, Camellia, 3DES,
/// RC4; the renegotiation SCSV last.
const SUITES_CLASSIC: [u16; 19] = [
    0xc009, 0xc013, 0xc00a, 0xc014, 0x0033, 0x0039, 0x0032, 0x0038, 0x002f, 0x0035, 0x0041, 0x0084,
    0xc012, 0x0016, 0x0013, 0x000a, 0x0005, 0x0004, 0x00ff,
];

/// A ClientHello record offering versions up to `version`, with SNI when `host` is given.
fn client_hello(version: u16, host: Option<&str>, random: &[u8; 32]) -> Vec<u8> {
    let mut body = Vec::with_capacity(256);
    body.extend_from_slice(&version.to_be_bytes());
    body.extend_from_slice(random);
    body.push(0); // no session id
    let tls12 = if version >= TLS12 {
        &SUITES_TLS12[..]
    } else {
        &[]
    };
    with_length(&mut body, 2, |out| {
        for suite in tls12.iter().chain(&SUITES_CLASSIC) {
            out.extend_from_slice(&suite.to_be_bytes());
        }
    });
    body.extend_from_slice(&[1, 0]); // compression: null only
    if version > SSL3 {
        with_length(&mut body, 2, |out| hello_extensions(out, version, host));
    }
    let mut record = vec![0x16, 0x03, if version == SSL3 { 0x00 } else { 0x01 }];
    with_length(&mut record, 2, |out| {
        out.push(1); // client_hello
        with_length(out, 3, |out| out.extend_from_slice(&body));
    });
    record
}

fn hello_extensions(out: &mut Vec<u8>, version: u16, host: Option<&str>) {
    if let Some(host) = host {
        extension(out, 0x0000, |out| {
            with_length(out, 2, |out| {
                out.push(0); // host_name
                with_length(out, 2, |out| out.extend_from_slice(host.as_bytes()));
            });
        });
    }
    // supported_groups: x25519, secp256r1, secp384r1, secp521r1
    extension(out, 0x000a, |out| {
        with_length(out, 2, |out| {
            for group in [0x001d_u16, 0x0017, 0x0018, 0x0019] {
                out.extend_from_slice(&group.to_be_bytes());
            }
        });
    });
    // ec_point_formats: uncompressed
    extension(out, 0x000b, |out| out.extend_from_slice(&[1, 0]));
    if version >= TLS12 {
        // signature_algorithms, SHA-1 and DSA included for old servers
        extension(out, 0x000d, |out| {
            with_length(out, 2, |out| {
                for scheme in [
                    0x0403_u16, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601,
                    0x0807, 0x0201, 0x0203, 0x0202, 0x0402,
                ] {
                    out.extend_from_slice(&scheme.to_be_bytes());
                }
            });
        });
    }
}

fn extension(out: &mut Vec<u8>, kind: u16, data: impl FnOnce(&mut Vec<u8>)) {
    out.extend_from_slice(&kind.to_be_bytes());
    with_length(out, 2, data);
}

/// Appends what `data` writes, preceded by its length in `width` big-endian bytes.
fn with_length(out: &mut Vec<u8>, width: usize, data: impl FnOnce(&mut Vec<u8>)) {
    let start = out.len();
    out.resize(start + width, 0);
    data(out);
    let len = (out.len() - start - width) as u64;
    let bytes = len.to_be_bytes();
    out[start..start + width].copy_from_slice(&bytes[bytes.len() - width..]);
}

/// How far the server's answer to a hand-built ClientHello got.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Flight {
    /// More bytes are needed.
    Incomplete,
    /// A ServerHello (and the certificates, leaf first, when they were wanted and sent).
    Hello {
        version: u16,
        cipher: u16,
        certificates: Vec<Vec<u8>>,
    },
    /// An alert, something that is not TLS, or malformed handshake data.
    Refused(String),
}

/// Reads the records in `answer` from the start. Complete once the ServerHello is there, or,
/// when `want_certificates`, once the Certificate message (or ServerHelloDone, for a server
/// without one) follows it.
fn parse_flight(answer: &[u8], want_certificates: bool) -> Flight {
    if answer
        .first()
        .is_some_and(|&kind| kind != 0x15 && kind != 0x16)
    {
        return Flight::Refused("not TLS".into());
    }
    let (handshake, stop) = match split_records(answer) {
        Ok(split) => split,
        Err(reason) => return Flight::Refused(reason),
    };
    let mut messages = Cursor(&handshake);
    let mut hello: Option<(u16, u16)> = None;
    while let Some((kind, body)) = messages.handshake_message() {
        match (kind, hello) {
            (0, _) => {} // HelloRequest: meaningless here
            (2, None) => match parse_server_hello(body) {
                Some(found) if !want_certificates => return hello_flight(found, Vec::new()),
                Some(found) => hello = Some(found),
                None => return Flight::Refused("malformed ServerHello".into()),
            },
            (_, None) => return Flight::Refused("handshake message before ServerHello".into()),
            (11, Some(found)) => {
                return match parse_certificates(body) {
                    Some(certificates) => hello_flight(found, certificates),
                    None => Flight::Refused("malformed Certificate message".into()),
                };
            }
            (14, Some(found)) => return hello_flight(found, Vec::new()),
            (_, Some(_)) => {}
        }
    }
    match (stop, hello) {
        (None, _) => Flight::Incomplete,
        (Some(_), Some(found)) => hello_flight(found, Vec::new()),
        (Some(Stop::Alert(description)), None) => Flight::Refused(format!("alert {description}")),
        (Some(Stop::Other(kind)), None) => Flight::Refused(format!("record type {kind}")),
    }
}

fn hello_flight((version, cipher): (u16, u16), certificates: Vec<Vec<u8>>) -> Flight {
    Flight::Hello {
        version,
        cipher,
        certificates,
    }
}

/// The first record that is not a handshake record.
#[derive(Debug, Clone, Copy)]
enum Stop {
    Alert(u8),
    Other(u8),
}

/// The handshake bytes of the complete handshake records at the start of `answer`, and the
/// first other record if one has fully arrived.
fn split_records(answer: &[u8]) -> Result<(Vec<u8>, Option<Stop>), String> {
    let mut handshake = Vec::new();
    let mut records = Cursor(answer);
    while records.0.len() >= 5 {
        let header = records.0;
        let (kind, major, len) = (
            header[0],
            header[1],
            usize::from(u16::from_be_bytes([header[3], header[4]])),
        );
        if major != 3 || len > MAX_RECORD {
            return Err("not a TLS record".into());
        }
        let Some(body) = header.get(5..5 + len) else {
            break; // the rest of this record has not arrived yet
        };
        records.0 = &header[5 + len..];
        match kind {
            22 => handshake.extend_from_slice(body),
            21 => {
                return Ok((
                    handshake,
                    Some(Stop::Alert(body.get(1).copied().unwrap_or(0))),
                ));
            }
            other => return Ok((handshake, Some(Stop::Other(other)))),
        }
    }
    Ok((handshake, None))
}

/// ServerHello: the version it chose (from supported_versions when present) and the suite.
fn parse_server_hello(body: &[u8]) -> Option<(u16, u16)> {
    let mut c = Cursor(body);
    let mut version = c.u16()?;
    c.take(32)?; // random
    let session_id = usize::from(c.u8()?);
    c.take(session_id)?;
    let cipher = c.u16()?;
    c.u8()?; // compression
    if !c.0.is_empty() {
        let mut extensions = Cursor(c.prefixed16()?);
        while !extensions.0.is_empty() {
            let kind = extensions.u16()?;
            let len = usize::from(extensions.u16()?);
            let data = extensions.take(len)?;
            if kind == 0x002b {
                version = Cursor(data).u16()?;
            }
        }
    }
    Some((version, cipher))
}

/// Certificate (TLS ≤ 1.2): a 24-bit-length list of 24-bit-length DER certificates.
fn parse_certificates(body: &[u8]) -> Option<Vec<Vec<u8>>> {
    let mut c = Cursor(body);
    let len = c.u24()?;
    let mut list = Cursor(c.take(len)?);
    let mut certificates = Vec::new();
    while !list.0.is_empty() {
        let len = list.u24()?;
        certificates.push(list.take(len)?.to_vec());
    }
    Some(certificates)
}

/// Bounds-checked big-endian reads from a byte slice.
struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    fn u16(&mut self) -> Option<u16> {
        self.take(2).map(|b| u16::from_be_bytes([b[0], b[1]]))
    }

    fn u24(&mut self) -> Option<usize> {
        self.take(3)
            .map(|b| (usize::from(b[0]) << 16) | (usize::from(b[1]) << 8) | usize::from(b[2]))
    }

    /// A block preceded by its 16-bit length.
    fn prefixed16(&mut self) -> Option<&'a [u8]> {
        let len = usize::from(self.u16()?);
        self.take(len)
    }

    /// The next complete handshake message (type and body); `None` when it has not all arrived.
    fn handshake_message(&mut self) -> Option<(u8, &'a [u8])> {
        let mut peek = Cursor(self.0);
        let kind = peek.u8()?;
        let len = peek.u24()?;
        let body = peek.take(len)?;
        self.0 = peek.0;
        Some((kind, body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::process::{Child, Command, Stdio};
    use std::time::{Duration, Instant};

    /// `ec.pem`/`ec.key` (P-256) and `rsa.pem`/`rsa.key` (2048 bits), both for `localhost`.
    fn certificates(dir: &Path) {
        for (name, key) in [
            ("ec", "ec -pkeyopt ec_paramgen_curve:P-256"),
            ("rsa", "rsa:2048"),
        ] {
            let command = format!(
                "openssl req -x509 -newkey {key} -nodes -keyout {name}.key -out {name}.pem \
                 -days 2 -subj '/O=Hoshi Test/CN=localhost' -addext subjectAltName=DNS:localhost"
            );
            let out = Command::new("sh")
                .args(["-c", &command])
                .current_dir(dir)
                .output()
                .expect("sh runs");
            assert!(
                out.status.success(),
                "{command}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }

    /// An `openssl s_server` on a free loopback port, killed when dropped.
    struct Server {
        child: Child,
        addr: SocketAddr,
    }

    impl Drop for Server {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    fn s_server(dir: &Path, cert: &str, options: &[&str]) -> Server {
        let addr = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port");
        let key = cert.replace(".pem", ".key");
        let child = Command::new("openssl")
            .args(["s_server", "-www", "-accept", &addr.to_string()])
            .args(["-cert", cert, "-key", &key])
            .args(options)
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("openssl s_server starts");
        let server = Server { child, addr };
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(addr).is_err() {
            assert!(Instant::now() < deadline, "s_server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }

    fn probe_for(host: Option<&str>, wait: Duration) -> Probe {
        Probe {
            timeout: wait,
            host: host.map(str::to_string),
            log: Log::default(),
        }
    }

    fn check_localhost(info: &TlsInfo, key: &str, bits: u32) {
        let cert = info.certificate.as_ref().expect("leaf certificate");
        assert_eq!(cert.common_name.as_deref(), Some("localhost"));
        assert_eq!(cert.organization.as_deref(), Some("Hoshi Test"));
        assert_eq!(cert.dns_names, ["localhost"]);
        assert!(cert.self_signed);
        assert_eq!((cert.key.as_str(), cert.key_bits), (key, bits));
        assert_eq!(info.chain_len, 1);
    }

    async fn http_get(stream: &mut TlsStream<TcpStream>) -> String {
        stream
            .write_all(b"GET / HTTP/1.0\r\n\r\n")
            .await
            .expect("request");
        let mut answer = Vec::new();
        let read = timeout(Duration::from_secs(5), stream.read_to_end(&mut answer)).await;
        // s_server may close without close_notify; what arrived is enough.
        let _ = read.expect("answer in time");
        String::from_utf8_lossy(&answer).into_owned()
    }

    #[tokio::test]
    async fn tls13_only_server() {
        let dir = tempfile::tempdir().expect("temp dir");
        certificates(dir.path());
        let server = s_server(dir.path(), "ec.pem", &["-tls1_3", "-alpn", "h2,http/1.1"]);
        let p = probe_for(Some("localhost"), Duration::from_secs(5));
        let info = probe(server.addr, &p).await.expect("TLS");
        assert_eq!(info.version, "TLS 1.3");
        assert!(info.cipher.starts_with("TLS13_"), "{}", info.cipher);
        assert_eq!(info.alpn.as_deref(), Some("h2"));
        assert!(info.legacy.is_empty(), "{:?}", info.legacy);
        check_localhost(&info, "EC", 256);
        let log = p.log.entries();
        // The modern ClientHello first, then (in any order) the three legacy ClientHellos.
        assert!(log.len() >= 4, "{log:?}");
        assert!(
            log.iter()
                .all(|e| e.probe == "tls" && e.address == server.addr)
        );
        assert!(log[0].preview.starts_with(r"\x16\x03\x01"), "{log:?}");

        // connect() offers only http/1.1, and its stream carries HTTP.
        let p = probe_for(Some("localhost"), Duration::from_secs(5));
        let (mut stream, info) = connect(server.addr, &p).await.expect("connects");
        assert_eq!(info.version, "TLS 1.3");
        assert_eq!(info.alpn.as_deref(), Some("http/1.1"));
        assert!(info.legacy.is_empty());
        check_localhost(&info, "EC", 256);
        assert!(!p.log.entries().is_empty());
        let answer = http_get(&mut stream).await;
        assert!(answer.starts_with("HTTP/1.0 200 ok"), "{answer}");
    }

    #[tokio::test]
    async fn tls12_only_server() {
        let dir = tempfile::tempdir().expect("temp dir");
        certificates(dir.path());
        let server = s_server(dir.path(), "rsa.pem", &["-tls1_2"]);
        let p = probe_for(None, Duration::from_secs(5));
        let info = probe(server.addr, &p).await.expect("TLS");
        assert_eq!(info.version, "TLS 1.2");
        assert!(
            info.cipher.starts_with("TLS_ECDHE_RSA_WITH_"),
            "{}",
            info.cipher
        );
        assert_eq!(info.alpn, None);
        assert!(info.legacy.is_empty(), "{:?}", info.legacy);
        check_localhost(&info, "RSA", 2048);

        let (mut stream, info) = connect(server.addr, &p).await.expect("connects");
        assert_eq!(info.version, "TLS 1.2");
        let answer = http_get(&mut stream).await;
        assert!(answer.starts_with("HTTP/1.0 200 ok"), "{answer}");
    }

    /// OpenSSL 3 still speaks TLS 1.0 and 1.1 at security level 0.
    #[tokio::test]
    async fn server_that_also_accepts_tls10_and_tls11() {
        let dir = tempfile::tempdir().expect("temp dir");
        certificates(dir.path());
        let options = [
            "-no_tls1_3",
            "-min_protocol",
            "TLSv1",
            "-cipher",
            "DEFAULT:@SECLEVEL=0",
        ];
        let server = s_server(dir.path(), "ec.pem", &options);
        let p = probe_for(Some("localhost"), Duration::from_secs(5));
        let info = probe(server.addr, &p).await.expect("TLS");
        assert_eq!(info.version, "TLS 1.2");
        assert_eq!(info.legacy, ["TLS 1.0", "TLS 1.1"]);
        check_localhost(&info, "EC", 256);
    }

    /// rustls cannot talk to a TLS 1.0-only server; the hand-built ClientHello still gets the
    /// version, the suite and the certificate.
    #[tokio::test]
    async fn tls10_only_server() {
        let dir = tempfile::tempdir().expect("temp dir");
        certificates(dir.path());
        let server = s_server(
            dir.path(),
            "ec.pem",
            &["-tls1", "-cipher", "DEFAULT:@SECLEVEL=0"],
        );
        let p = probe_for(Some("localhost"), Duration::from_secs(5));
        let info = probe(server.addr, &p).await.expect("TLS");
        assert_eq!(info.version, "TLS 1.0");
        assert!(
            info.cipher.starts_with("TLS_ECDHE_ECDSA_WITH_AES_"),
            "{}",
            info.cipher
        );
        assert!(info.cipher.ends_with("_CBC_SHA"), "{}", info.cipher);
        assert_eq!(info.alpn, None);
        assert_eq!(info.legacy, ["TLS 1.0"]);
        check_localhost(&info, "EC", 256);
        assert!(connect(server.addr, &p).await.is_err());
    }

    /// A TLS 1.2 server with only RSA key exchange: no suite in common with rustls.
    #[tokio::test]
    async fn rsa_key_exchange_only_server() {
        let dir = tempfile::tempdir().expect("temp dir");
        certificates(dir.path());
        let server = s_server(dir.path(), "rsa.pem", &["-tls1_2", "-cipher", "AES128-SHA"]);
        let p = probe_for(Some("localhost"), Duration::from_secs(5));
        let info = probe(server.addr, &p).await.expect("TLS");
        assert_eq!(info.version, "TLS 1.2");
        assert_eq!(info.cipher, "TLS_RSA_WITH_AES_128_CBC_SHA");
        assert!(info.legacy.is_empty(), "{:?}", info.legacy);
        check_localhost(&info, "RSA", 2048);
    }

    #[tokio::test]
    async fn ssh_server_is_not_tls() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("listener");
        let addr = listener.local_addr().expect("address");
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                tokio::spawn(async move {
                    let _ = socket.write_all(b"SSH-2.0-x\r\n").await;
                    let mut sink = Vec::new();
                    let _ = socket.read_to_end(&mut sink).await;
                });
            }
        });
        let p = probe_for(Some("localhost"), Duration::from_secs(5));
        let started = Instant::now();
        assert_eq!(probe(addr, &p).await, None);
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
        // The modern ClientHello and perhaps rustls' alert, but no hand-built ClientHello.
        let log = p.log.entries();
        assert!(log[0].preview.starts_with(r"\x16\x03\x01"), "{log:?}");
        assert!(
            log[1..].iter().all(|e| e.preview.starts_with(r"\x15")),
            "{log:?}"
        );
    }

    #[tokio::test]
    async fn silent_server_times_out() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("listener");
        let addr = listener.local_addr().expect("address");
        tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((socket, _)) = listener.accept().await {
                held.push(socket);
            }
        });
        let p = probe_for(None, Duration::from_millis(300));
        let started = Instant::now();
        assert_eq!(probe(addr, &p).await, None);
        let elapsed = started.elapsed();
        assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");
        assert!(elapsed < Duration::from_millis(1500), "{elapsed:?}");
    }

    #[test]
    fn recognizes_tls_records() {
        assert!(looks_like_tls(&[0x16, 0x03, 0x01, 0x00, 0x05, 0x02]));
        assert!(looks_like_tls(&[0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x46]));
        assert!(looks_like_tls(&[0x15, 0x03, 0x00]));
        assert!(!looks_like_tls(&[0x16, 0x03]));
        assert!(!looks_like_tls(&[0x16, 0x03, 0x05, 0x00, 0x05]));
        assert!(!looks_like_tls(&[0x16, 0x03, 0x01, 0x00, 0x00]));
        assert!(!looks_like_tls(&[0x16, 0x03, 0x01, 0xff, 0xff]));
        assert!(!looks_like_tls(&[0x17, 0x03, 0x03, 0x00, 0x10]));
        assert!(!looks_like_tls(b"SSH-2.0-OpenSSH"));
        assert!(!looks_like_tls(b"HTTP/1.1 400 Bad Request"));
        assert!(!looks_like_tls(b""));
    }

    /// A hand-built ClientHello read back: record version, client version, cipher suites, and
    /// extensions (type, data).
    type Hello = (u16, u16, Vec<u16>, Vec<(u16, Vec<u8>)>);

    fn read_hello(record: &[u8]) -> Hello {
        let mut c = Cursor(record);
        assert_eq!(c.u8(), Some(0x16));
        let record_version = c.u16().expect("record version");
        assert_eq!(usize::from(c.u16().expect("length")), record.len() - 5);
        assert_eq!(c.u8(), Some(1));
        assert_eq!(c.u24(), Some(record.len() - 9));
        let version = c.u16().expect("version");
        c.take(32).expect("random");
        assert_eq!(c.u8(), Some(0), "no session id");
        let mut suites = Cursor(c.prefixed16().expect("suites"));
        let suites: Vec<u16> = std::iter::from_fn(|| suites.u16()).collect();
        assert_eq!(c.take(2), Some(&[1, 0][..]), "null compression");
        let mut extensions = Vec::new();
        if !c.0.is_empty() {
            let mut list = Cursor(c.prefixed16().expect("extensions"));
            while !list.0.is_empty() {
                let kind = list.u16().expect("type");
                let len = usize::from(list.u16().expect("length"));
                extensions.push((kind, list.take(len).expect("data").to_vec()));
            }
        }
        assert!(c.0.is_empty());
        (record_version, version, suites, extensions)
    }

    #[test]
    fn hand_built_client_hellos() {
        let random = [7u8; 32];
        let (record, version, suites, extensions) =
            read_hello(&client_hello(TLS12, Some("vpn.example.co.jp"), &random));
        assert_eq!((record, version), (TLS10, TLS12));
        assert!(suites.contains(&0xc02f) && suites.contains(&0x002f) && suites.contains(&0x000a));
        assert_eq!(suites.last(), Some(&0x00ff));
        let kinds: Vec<u16> = extensions.iter().map(|(k, _)| *k).collect();
        assert_eq!(kinds, [0x0000, 0x000a, 0x000b, 0x000d]);
        let mut sni = b"\x00\x14\x00\x00\x11".to_vec();
        sni.extend_from_slice(b"vpn.example.co.jp");
        assert_eq!(extensions[0].1, sni);

        let (record, version, suites, extensions) = read_hello(&client_hello(TLS10, None, &random));
        assert_eq!((record, version), (TLS10, TLS10));
        assert!(!suites.contains(&0xc02f), "no TLS 1.2-only suites");
        let kinds: Vec<u16> = extensions.iter().map(|(k, _)| *k).collect();
        assert_eq!(kinds, [0x000a, 0x000b]);

        let (record, version, _, extensions) =
            read_hello(&client_hello(SSL3, Some("x.jp"), &random));
        assert_eq!((record, version), (SSL3, SSL3));
        assert!(extensions.is_empty());

        let ip = probe_for(Some("192.0.2.1"), Duration::from_secs(1));
        assert_eq!(sni_host(&ip), None);
        let ip6 = probe_for(Some("2001:db8::1"), Duration::from_secs(1));
        assert_eq!(sni_host(&ip6), None);
        let name = probe_for(Some("vpn.example.co.jp"), Duration::from_secs(1));
        assert_eq!(sni_host(&name), Some("vpn.example.co.jp"));
    }

    fn record(kind: u8, body: &[u8]) -> Vec<u8> {
        let mut out = vec![kind, 0x03, 0x01];
        with_length(&mut out, 2, |o| o.extend_from_slice(body));
        out
    }

    fn message(kind: u8, body: &[u8]) -> Vec<u8> {
        let mut out = vec![kind];
        with_length(&mut out, 3, |o| o.extend_from_slice(body));
        out
    }

    fn server_hello(version: u16, cipher: u16, extensions: &[u8]) -> Vec<u8> {
        let mut body = version.to_be_bytes().to_vec();
        body.extend_from_slice(&[0x11; 32]);
        body.extend_from_slice(&[4, 1, 2, 3, 4]); // a session id
        body.extend_from_slice(&cipher.to_be_bytes());
        body.push(0);
        if !extensions.is_empty() {
            with_length(&mut body, 2, |o| o.extend_from_slice(extensions));
        }
        message(2, &body)
    }

    fn certificate_message(certs: &[&[u8]]) -> Vec<u8> {
        let mut body = Vec::new();
        with_length(&mut body, 3, |o| {
            for cert in certs {
                with_length(o, 3, |o| o.extend_from_slice(cert));
            }
        });
        message(11, &body)
    }

    #[test]
    fn server_flights() {
        let hello = server_hello(TLS10, 0x002f, &[0xff, 0x01, 0x00, 0x01, 0x00]);
        let certs = certificate_message(&[b"leaf", b"intermediate"]);
        let done = message(14, &[]);
        let expected = Flight::Hello {
            version: TLS10,
            cipher: 0x002f,
            certificates: vec![b"leaf".to_vec(), b"intermediate".to_vec()],
        };
        // All in one record, and every message in a record of its own, split anywhere.
        let together = record(22, &[hello.clone(), certs.clone(), done.clone()].concat());
        assert_eq!(parse_flight(&together, true), expected);
        let apart = [record(22, &hello), record(22, &certs), record(22, &done)].concat();
        assert_eq!(parse_flight(&apart, true), expected);
        let certs_end = record(22, &hello).len() + record(22, &certs).len();
        for len in 0..certs_end {
            assert_eq!(
                parse_flight(&apart[..len], true),
                Flight::Incomplete,
                "{len}"
            );
        }
        // Only the ServerHello is needed for a legacy probe.
        let hello_end = record(22, &hello).len();
        assert_eq!(
            parse_flight(&apart[..hello_end - 1], false),
            Flight::Incomplete
        );
        assert_eq!(
            parse_flight(&apart[..hello_end], false),
            Flight::Hello {
                version: TLS10,
                cipher: 0x002f,
                certificates: Vec::new()
            }
        );
        // A message split across two records.
        let (a, b) = hello.split_at(20);
        let split = [record(22, a), record(22, b)].concat();
        assert!(matches!(parse_flight(&split, false), Flight::Hello { .. }));
        // supported_versions overrides the legacy version field.
        let tls13 = record(
            22,
            &server_hello(TLS12, 0x1301, &[0x00, 0x2b, 0x00, 0x02, 0x03, 0x04]),
        );
        assert!(matches!(
            parse_flight(&tls13, false),
            Flight::Hello {
                version: 0x0304,
                ..
            }
        ));
    }

    #[test]
    fn refused_flights() {
        let alert = record(21, &[2, 70]);
        assert_eq!(
            parse_flight(&alert, false),
            Flight::Refused("alert 70".into())
        );
        assert_eq!(
            parse_flight(b"SSH-2.0-x\r\n", false),
            Flight::Refused("not TLS".into())
        );
        assert_eq!(
            parse_flight(b"\x16\x02\x00\x00\x01", false),
            Flight::Refused("not a TLS record".into())
        );
        assert!(matches!(
            parse_flight(&[0x16, 0x03, 0x01, 0x48, 0x01], false),
            Flight::Refused(_)
        ));
        let early = record(22, &certificate_message(&[b"x"]));
        assert!(matches!(parse_flight(&early, true), Flight::Refused(_)));
        let short = record(22, &message(2, &[3, 1, 0]));
        assert_eq!(
            parse_flight(&short, false),
            Flight::Refused("malformed ServerHello".into())
        );
        let hello = record(22, &server_hello(TLS12, 0x002f, &[]));
        let bad_certs = record(22, &message(11, &[0, 0, 9, 0, 0, 1]));
        assert!(matches!(
            parse_flight(&[hello.clone(), bad_certs].concat(), true),
            Flight::Refused(_)
        ));
        // A ServerHello then an alert: the hello counts, without certificates.
        let then_alert = [hello, record(21, &[2, 40])].concat();
        assert!(matches!(
            parse_flight(&then_alert, true),
            Flight::Hello { version: TLS12, .. }
        ));
    }

    #[test]
    fn garbage_flights_do_not_panic() {
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..20_000 {
            let len = (next() % 300) as usize;
            let mut bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
            if bytes.len() >= 5 && round % 2 == 0 {
                bytes[..3].copy_from_slice(&[0x16, 0x03, 0x01]);
                let body = (bytes.len() - 5) as u16;
                bytes[3..5].copy_from_slice(&body.to_be_bytes());
                if bytes.len() > 5 && round % 4 == 0 {
                    bytes[5] = 2;
                }
            }
            let _ = parse_flight(&bytes, round % 3 == 0);
        }
    }
}
