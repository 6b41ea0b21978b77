//! A small SMTP server on loopback that records every message it accepts. Tests start one to
//! check what hoshi really sends over a real socket: EHLO, optional STARTTLS (with a certificate
//! the test provides), optional AUTH PLAIN, MAIL/RCPT/DATA with dot-unstuffing.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

/// One accepted message.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    /// The data as the client meant it (dots unstuffed, CRLF line endings).
    pub data: Vec<u8>,
    /// Whether the message came over TLS.
    pub tls: bool,
    /// The user of a successful AUTH PLAIN.
    pub user: Option<String>,
}

impl Received {
    /// The raw header block.
    pub fn head(&self) -> String {
        let s = String::from_utf8_lossy(&self.data);
        s.split("\r\n\r\n").next().unwrap_or("").to_string()
    }

    /// The body decoded from base64 (how hoshi sends text).
    pub fn text(&self) -> String {
        let s = String::from_utf8_lossy(&self.data);
        let body = s.split_once("\r\n\r\n").map(|x| x.1).unwrap_or("");
        crate::base64_decode(body)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_else(|| body.to_string())
    }

    /// The Subject header with RFC 2047 words decoded.
    pub fn subject(&self) -> String {
        let head = self.head();
        let mut out = String::new();
        let mut in_subject = false;
        for line in head.split("\r\n") {
            if let Some(v) = line.strip_prefix("Subject: ") {
                in_subject = true;
                out.push_str(&decode_words(v));
            } else if in_subject && line.starts_with(' ') {
                out.push_str(&decode_words(line.trim_start()));
            } else {
                in_subject = false;
            }
        }
        out
    }
}

fn decode_words(v: &str) -> String {
    match v
        .strip_prefix("=?UTF-8?B?")
        .and_then(|r| r.strip_suffix("?="))
    {
        Some(b64) => crate::base64_decode(b64)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default(),
        None => v.to_string(),
    }
}

/// How the sink behaves.
#[derive(Clone, Default)]
pub struct SinkOptions {
    /// Offer STARTTLS with this server configuration.
    pub starttls: Option<Arc<rustls::ServerConfig>>,
    /// Require AUTH PLAIN with these credentials before MAIL.
    pub auth: Option<(String, String)>,
    /// Answer RCPT TO with this code (e.g. 450 or 550) instead of 250.
    pub rcpt_reply: Option<u16>,
    /// Speak TLS from the first byte (port 465 style) with this configuration.
    pub implicit_tls: Option<Arc<rustls::ServerConfig>>,
}

/// A running sink; it stops when dropped.
pub struct Sink {
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Sink {
    /// Listens on 127.0.0.1 at a free port.
    pub async fn start(opts: SinkOptions) -> std::io::Result<Sink> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let received = Arc::new(Mutex::new(Vec::new()));
        let store = received.clone();
        let task = tokio::spawn(async move {
            while let Ok((sock, _)) = listener.accept().await {
                let store = store.clone();
                let opts = opts.clone();
                tokio::spawn(async move {
                    let _ = session(sock, opts, store).await;
                });
            }
        });
        Ok(Sink {
            addr,
            received,
            task,
        })
    }

    /// Everything accepted so far.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().map(|v| v.clone()).unwrap_or_default()
    }

    /// Waits up to `secs` seconds for at least `n` messages.
    pub async fn wait_for(&self, n: usize, secs: u64) -> Vec<Received> {
        let until = tokio::time::Instant::now() + std::time::Duration::from_secs(secs);
        loop {
            let got = self.received();
            if got.len() >= n || tokio::time::Instant::now() >= until {
                return got;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }
}

use crate::Io;

/// The connection to one client, read line by line.
type Conn = BufReader<Box<dyn Io>>;

/// What one client has told the sink so far.
struct State {
    tls: bool,
    user: Option<String>,
    from: String,
    to: Vec<String>,
}

/// Talks SMTP with one client until it quits or hangs up, storing every message it sends.
async fn session(
    sock: tokio::net::TcpStream,
    opts: SinkOptions,
    store: Arc<Mutex<Vec<Received>>>,
) -> std::io::Result<()> {
    let (mut io, tls) = open(sock, &opts).await?;
    let mut st = State {
        tls,
        user: None,
        from: String::new(),
        to: Vec::new(),
    };
    io.get_mut().write_all(b"220 sink ESMTP\r\n").await?;
    loop {
        let mut line = String::new();
        if io.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let line = line.trim_end().to_string();
        let upper = line.to_ascii_uppercase();
        let w = io.get_mut();
        if upper.starts_with("EHLO") {
            w.write_all(ehlo_reply(&opts, st.tls).as_bytes()).await?;
        } else if upper == "STARTTLS" {
            io = starttls(io, &opts, &mut st).await?;
        } else if let Some(tok) = line.strip_prefix("AUTH PLAIN ") {
            auth_plain(w, &opts, &mut st, tok).await?;
        } else if upper.starts_with("MAIL FROM:") {
            mail_from(w, &opts, &mut st, &line).await?;
        } else if upper.starts_with("RCPT TO:") {
            rcpt_to(w, &opts, &mut st, &line).await?;
        } else if upper == "DATA" {
            if !data(&mut io, &mut st, &store).await? {
                return Ok(());
            }
        } else if upper == "QUIT" {
            w.write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else if upper == "RSET" || upper == "NOOP" {
            w.write_all(b"250 ok\r\n").await?;
        } else {
            w.write_all(b"500 unknown\r\n").await?;
        }
    }
}

/// Takes the client's connection, speaking TLS from the first byte when the sink is set up for
/// it; also says whether the connection is TLS.
async fn open(sock: tokio::net::TcpStream, opts: &SinkOptions) -> std::io::Result<(Conn, bool)> {
    Ok(match opts.implicit_tls.clone() {
        Some(cfg) => (
            BufReader::new(Box::new(
                tokio_rustls::TlsAcceptor::from(cfg).accept(sock).await?,
            )),
            true,
        ),
        None => (BufReader::new(Box::new(sock)), false),
    })
}

/// The answer to EHLO: the extensions the sink offers at this point of the session.
fn ehlo_reply(opts: &SinkOptions, tls: bool) -> String {
    let mut r = String::from("250-sink\r\n");
    if opts.starttls.is_some() && !tls {
        r.push_str("250-STARTTLS\r\n");
    }
    if opts.auth.is_some() {
        r.push_str("250-AUTH PLAIN\r\n");
    }
    r.push_str("250 8BITMIME\r\n");
    r
}

/// Answers STARTTLS: switches the connection to TLS when offered, or refuses.
async fn starttls(mut io: Conn, opts: &SinkOptions, st: &mut State) -> std::io::Result<Conn> {
    let w = io.get_mut();
    let Some(cfg) = opts.starttls.clone().filter(|_| !st.tls) else {
        w.write_all(b"502 no\r\n").await?;
        return Ok(io);
    };
    w.write_all(b"220 go ahead\r\n").await?;
    w.flush().await?;
    let plain = io.into_inner();
    let acceptor = tokio_rustls::TlsAcceptor::from(cfg);
    let stream = acceptor.accept(plain).await?;
    st.tls = true;
    Ok(BufReader::new(Box::new(stream)))
}

/// Answers AUTH PLAIN: remembers the user when the credentials match the configured ones.
async fn auth_plain(
    w: &mut Box<dyn Io>,
    opts: &SinkOptions,
    st: &mut State,
    tok: &str,
) -> std::io::Result<()> {
    let decoded = crate::base64_decode(tok).unwrap_or_default();
    let parts: Vec<&[u8]> = decoded.split(|&b| b == 0).collect();
    let ok = match (&opts.auth, parts.as_slice()) {
        (Some((u, p)), [_, gu, gp]) => u.as_bytes() == *gu && p.as_bytes() == *gp,
        _ => false,
    };
    if ok {
        st.user = opts.auth.as_ref().map(|a| a.0.clone());
        w.write_all(b"235 ok\r\n").await
    } else {
        w.write_all(b"535 bad credentials\r\n").await
    }
}

/// Answers MAIL FROM: starts a new message, unless authentication is required first.
async fn mail_from(
    w: &mut Box<dyn Io>,
    opts: &SinkOptions,
    st: &mut State,
    line: &str,
) -> std::io::Result<()> {
    if opts.auth.is_some() && st.user.is_none() {
        return w.write_all(b"530 authentication required\r\n").await;
    }
    st.from = line[10..].trim_matches(['<', '>', ' ']).to_string();
    st.to.clear();
    w.write_all(b"250 ok\r\n").await
}

/// Answers RCPT TO with the configured code, keeping the recipient only when it is accepted.
async fn rcpt_to(
    w: &mut Box<dyn Io>,
    opts: &SinkOptions,
    st: &mut State,
    line: &str,
) -> std::io::Result<()> {
    let code = opts.rcpt_reply.unwrap_or(250);
    if code == 250 {
        st.to
            .push(line[8..].trim_matches(['<', '>', ' ']).to_string());
    }
    w.write_all(format!("{code} rcpt\r\n").as_bytes()).await
}

/// Answers DATA: reads the message and stores it. Returns false when the client hung up.
async fn data(
    io: &mut Conn,
    st: &mut State,
    store: &Mutex<Vec<Received>>,
) -> std::io::Result<bool> {
    let w = io.get_mut();
    if st.to.is_empty() {
        w.write_all(b"554 no valid recipients\r\n").await?;
        return Ok(true);
    }
    w.write_all(b"354 end with .\r\n").await?;
    let Some(data) = read_data(io).await? else {
        return Ok(false);
    };
    if let Ok(mut v) = store.lock() {
        v.push(Received {
            from: st.from.clone(),
            to: std::mem::take(&mut st.to),
            data,
            tls: st.tls,
            user: st.user.clone(),
        });
    }
    io.get_mut().write_all(b"250 queued\r\n").await?;
    Ok(true)
}

/// Reads message lines up to the lone dot, undoing dot-stuffing. None when the client hung up.
async fn read_data(io: &mut Conn) -> std::io::Result<Option<Vec<u8>>> {
    let mut data = Vec::new();
    loop {
        let mut l = Vec::new();
        if io.read_until(b'\n', &mut l).await? == 0 {
            return Ok(None);
        }
        if l == b".\r\n" {
            return Ok(Some(data));
        }
        let l = if l.starts_with(b"..") {
            &l[1..]
        } else {
            &l[..]
        };
        data.extend_from_slice(l);
    }
}

/// Makes a throw-away certificate authority and a server certificate for 127.0.0.1 with the
/// `openssl` command in `dir`. Returns the CA certificate (PEM) and a server configuration.
pub fn openssl_pki(dir: &std::path::Path) -> std::io::Result<(Vec<u8>, Arc<rustls::ServerConfig>)> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let run = |args: &[&str]| -> std::io::Result<()> {
        let out = std::process::Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()?;
        if out.status.success() {
            Ok(())
        } else {
            Err(std::io::Error::other(format!(
                "openssl {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            )))
        }
    };
    std::fs::write(
        dir.join("ext.cnf"),
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
    )?;
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    let mut ca = vec!["req", "-x509"];
    ca.extend(ec);
    ca.extend([
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=hoshi test CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign",
    ]);
    run(&ca)?;
    let mut csr = vec!["req"];
    csr.extend(ec);
    csr.extend([
        "-keyout",
        "srv.key",
        "-out",
        "srv.csr",
        "-subj",
        "/CN=127.0.0.1",
    ]);
    run(&csr)?;
    run(&[
        "x509",
        "-req",
        "-in",
        "srv.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "srv.pem",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
    ])?;
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(dir.join("srv.pem"))
        .map_err(|e| std::io::Error::other(e.to_string()))?
        .collect::<Result<_, _>>()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let key = PrivateKeyDer::from_pem_file(dir.join("srv.key"))
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let cfg = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| std::io::Error::other(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok((std::fs::read(dir.join("ca.pem"))?, Arc::new(cfg)))
}
