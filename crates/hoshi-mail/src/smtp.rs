//! An SMTP submission client (RFC 5321): EHLO, STARTTLS or implicit TLS, AUTH PLAIN, one message
//! per connection. hoshi sends little mail (invitations, reminders), so a connection per message
//! keeps the client simple and every failure local to one message.

use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::{CertificateDer, ServerName};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use crate::{MailError, Message};

/// How the connection is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// No TLS. Only sensible for a relay on the same machine; hoshi refuses to send a password
    /// this way unless the host is a loopback address.
    None,
    /// Plain connection upgraded with STARTTLS (usually port 587). Refuses to go on without it.
    StartTls,
    /// TLS from the first byte (usually port 465).
    Tls,
}

impl Security {
    pub fn parse(s: &str) -> Option<Security> {
        match s {
            "none" => Some(Security::None),
            "starttls" => Some(Security::StartTls),
            "tls" => Some(Security::Tls),
            _ => None,
        }
    }
}

/// Where and how to submit mail.
#[derive(Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: Security,
    /// `(user, password)` for AUTH PLAIN.
    pub auth: Option<(String, String)>,
    /// Envelope and header sender.
    pub from: String,
    pub from_name: String,
    /// Name sent with EHLO.
    pub helo: String,
    pub timeout: Duration,
    /// Certificate authorities trusted besides the bundled Mozilla roots (a company relay).
    pub extra_roots: Vec<CertificateDer<'static>>,
}

impl std::fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("user", &self.auth.as_ref().map(|a| &a.0))
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

impl SmtpConfig {
    /// Checks the settings once, at start-up, with messages an administrator can act on.
    pub fn validate(&self) -> Result<(), MailError> {
        crate::check_address(&self.from)?;
        if self.host.is_empty() {
            return Err(MailError::Config("the SMTP host is empty".into()));
        }
        if self.auth.is_some() && self.security == Security::None && !is_loopback(&self.host) {
            return Err(MailError::Config(format!(
                "refusing to send the SMTP password to {} without TLS: use --smtp-security starttls or tls",
                self.host
            )));
        }
        if !self
            .helo
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
            || self.helo.is_empty()
        {
            return Err(MailError::Config(format!(
                "the EHLO name {:?} is not a host name",
                self.helo
            )));
        }
        Ok(())
    }

    fn tls(&self) -> Result<tokio_rustls::TlsConnector, MailError> {
        tls_connector(&self.extra_roots)
    }
}

/// A TLS client (rustls with ring) trusting the Mozilla roots plus `extra_roots`: for SMTP here
/// and for the CLI's HTTPS downloads of key sets.
pub fn tls_connector(
    extra_roots: &[CertificateDer<'static>],
) -> Result<tokio_rustls::TlsConnector, MailError> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    for c in extra_roots {
        roots
            .add(c.clone())
            .map_err(|e| MailError::Config(format!("a CA certificate is not usable: {e}")))?;
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let cfg = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| MailError::Config(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tokio_rustls::TlsConnector::from(Arc::new(cfg)))
}

/// Whether a host name or address is this machine.
pub fn host_is_loopback(host: &str) -> bool {
    is_loopback(host)
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .trim_matches(['[', ']'])
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Reads PEM certificates (a CA bundle) for [`SmtpConfig::extra_roots`].
pub fn load_pem_certs(pem: &[u8]) -> Result<Vec<CertificateDer<'static>>, MailError> {
    use rustls::pki_types::pem::PemObject;
    let certs: Result<Vec<_>, _> = CertificateDer::pem_slice_iter(pem).collect();
    let certs = certs.map_err(|e| MailError::Config(format!("cannot read the PEM file: {e}")))?;
    if certs.is_empty() {
        return Err(MailError::Config(
            "the PEM file holds no CERTIFICATE block".into(),
        ));
    }
    Ok(certs)
}

use crate::Io;

struct Conn {
    io: BufReader<Box<dyn Io>>,
}

impl Conn {
    /// One reply: `(code, text of all lines)`.
    async fn reply(&mut self, stage: &'static str) -> Result<(u16, String), MailError> {
        let mut text = String::new();
        loop {
            let mut line = String::new();
            let n = (&mut self.io)
                .take(4096)
                .read_line(&mut line)
                .await
                .map_err(|e| MailError::Io(stage, e.to_string()))?;
            if n == 0 {
                return Err(MailError::Io(
                    stage,
                    "the server closed the connection".into(),
                ));
            }
            let line = line.trim_end_matches(['\r', '\n']);
            let code = line
                .get(..3)
                .and_then(|c| c.parse::<u16>().ok())
                .ok_or_else(|| MailError::Protocol {
                    stage,
                    code: 0,
                    text: line.chars().take(200).collect(),
                })?;
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(line.get(4..).unwrap_or(""));
            if text.len() > 64 * 1024 {
                return Err(MailError::Io(stage, "the reply is too long".into()));
            }
            match line.as_bytes().get(3) {
                Some(b'-') => continue,
                _ => return Ok((code, text)),
            }
        }
    }

    async fn expect(&mut self, stage: &'static str, ok: u16) -> Result<String, MailError> {
        let (code, text) = self.reply(stage).await?;
        if code / 100 == ok / 100 {
            Ok(text)
        } else {
            Err(MailError::Protocol {
                stage,
                code,
                text: text.chars().take(300).collect(),
            })
        }
    }

    async fn cmd(&mut self, stage: &'static str, line: &str, ok: u16) -> Result<String, MailError> {
        let w = self.io.get_mut();
        w.write_all(line.as_bytes())
            .await
            .map_err(|e| MailError::Io(stage, e.to_string()))?;
        w.write_all(b"\r\n")
            .await
            .map_err(|e| MailError::Io(stage, e.to_string()))?;
        w.flush()
            .await
            .map_err(|e| MailError::Io(stage, e.to_string()))?;
        self.expect(stage, ok).await
    }
}

fn has_ext(ehlo: &str, ext: &str) -> bool {
    ehlo.lines().skip(1).any(|l| {
        l.split_whitespace()
            .next()
            .is_some_and(|k| k.eq_ignore_ascii_case(ext))
    })
}

/// Sends one message. `id` becomes the Message-ID's local part.
pub async fn send(cfg: &SmtpConfig, msg: &Message, now: i64, id: &str) -> Result<(), MailError> {
    let data = msg.render(now, id)?;
    tokio::time::timeout(cfg.timeout, send_raw(cfg, &msg.to, &data))
        .await
        .map_err(|_| MailError::Io("timeout", format!("no answer within {:?}", cfg.timeout)))?
}

async fn send_raw(cfg: &SmtpConfig, to: &str, data: &[u8]) -> Result<(), MailError> {
    let tcp = TcpStream::connect((cfg.host.as_str(), cfg.port))
        .await
        .map_err(|e| MailError::Io("connect", format!("{}:{}: {e}", cfg.host, cfg.port)))?;
    let server_name = ServerName::try_from(cfg.host.trim_matches(['[', ']']).to_string())
        .map_err(|e| MailError::Config(format!("{}: {e}", cfg.host)))?;
    let io: Box<dyn Io> = if cfg.security == Security::Tls {
        Box::new(
            cfg.tls()?
                .connect(server_name.clone(), tcp)
                .await
                .map_err(|e| MailError::Tls(e.to_string()))?,
        )
    } else {
        Box::new(tcp)
    };
    let mut c = Conn {
        io: BufReader::new(io),
    };
    c.expect("greeting", 220).await?;
    let helo = format!("EHLO {}", cfg.helo);
    let mut ehlo = c.cmd("EHLO", &helo, 250).await?;
    if cfg.security == Security::StartTls {
        if !has_ext(&ehlo, "STARTTLS") {
            return Err(MailError::Tls(
                "the server does not offer STARTTLS; refusing to send in the clear".into(),
            ));
        }
        c.cmd("STARTTLS", "STARTTLS", 220).await?;
        // Anything the server sent after its 220 would be read as if it came over TLS
        // (CVE-2011-0411 style injection): refuse.
        if !c.io.buffer().is_empty() {
            return Err(MailError::Tls(
                "the server sent data before the TLS handshake".into(),
            ));
        }
        let plain = c.io.into_inner();
        let tls = cfg
            .tls()?
            .connect(server_name, plain)
            .await
            .map_err(|e| MailError::Tls(e.to_string()))?;
        c = Conn {
            io: BufReader::new(Box::new(tls)),
        };
        ehlo = c.cmd("EHLO", &helo, 250).await?;
    }
    if let Some((user, pass)) = &cfg.auth {
        let offers_plain = ehlo.lines().skip(1).any(|l| {
            let mut w = l.split_whitespace();
            w.next().is_some_and(|k| k.eq_ignore_ascii_case("AUTH"))
                && w.any(|m| m.eq_ignore_ascii_case("PLAIN"))
        });
        if !offers_plain {
            return Err(MailError::Protocol {
                stage: "AUTH",
                code: 0,
                text: "the server does not offer AUTH PLAIN".into(),
            });
        }
        let token = crate::base64_encode(format!("\0{user}\0{pass}").as_bytes());
        c.cmd("AUTH", &format!("AUTH PLAIN {token}"), 235).await?;
    }
    c.cmd("MAIL FROM", &format!("MAIL FROM:<{}>", cfg.from), 250)
        .await?;
    c.cmd("RCPT TO", &format!("RCPT TO:<{to}>"), 250).await?;
    c.cmd("DATA", "DATA", 354).await?;
    let w = c.io.get_mut();
    let stuffed = dot_stuff(data);
    w.write_all(&stuffed)
        .await
        .map_err(|e| MailError::Io("DATA", e.to_string()))?;
    c.cmd("end of DATA", ".", 250).await?;
    // The message is accepted; a failing QUIT does not matter.
    let _ = c.cmd("QUIT", "QUIT", 221).await;
    Ok(())
}

/// CRLF-terminated data with leading dots doubled (RFC 5321 §4.5.2).
fn dot_stuff(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + 8);
    let mut at_line_start = true;
    for &b in data {
        if at_line_start && b == b'.' {
            out.push(b'.');
        }
        out.push(b);
        at_line_start = b == b'\n';
    }
    if !out.ends_with(b"\r\n") {
        out.extend_from_slice(b"\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_dots_are_doubled() {
        assert_eq!(dot_stuff(b".a\r\nb\r\n..c"), b"..a\r\nb\r\n...c\r\n");
    }

    #[test]
    fn ehlo_extensions_are_found() {
        let e = "mx hello\nPIPELINING\nSTARTTLS\nAUTH LOGIN PLAIN";
        assert!(has_ext(e, "starttls"));
        assert!(!has_ext("mx STARTTLS\n8BITMIME", "STARTTLS"));
    }

    #[test]
    fn a_password_is_never_sent_in_the_clear_to_another_host() {
        let mut cfg = SmtpConfig {
            host: "mail.example.jp".into(),
            port: 25,
            security: Security::None,
            auth: Some(("u".into(), "p".into())),
            from: "hoshi@example.jp".into(),
            from_name: String::new(),
            helo: "hoshi.example.jp".into(),
            timeout: Duration::from_secs(5),
            extra_roots: vec![],
        };
        let e = cfg.validate().unwrap_err().to_string();
        assert!(e.contains("without TLS"), "{e}");
        cfg.host = "127.0.0.1".into();
        cfg.validate().unwrap();
        assert!(!format!("{cfg:?}").contains("\"p\""));
    }
}
