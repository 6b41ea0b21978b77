//! # hoshi-mail
//!
//! Outgoing mail for hoshi: invitation and reminder messages as RFC 5322 plain text in UTF-8
//! ([`Message`]) and an SMTP submission client ([`smtp::send`]) with STARTTLS or implicit TLS
//! (rustls with the ring provider, Mozilla roots plus any CA the administrator adds).
//!
//! The crate never decides *what* to send or *when*: the web layer writes messages into the
//! store's outbox in the same transaction as the change that caused them, and a background worker
//! hands them to [`smtp::send`], retrying transient failures. The crate also has a small SMTP server for tests ([`sink`]), which records what it receives.

pub mod https;
mod message;
pub mod sink;
pub mod smtp;

pub use message::{
    Message, base64_decode, base64_encode, check_address, encode_word, rfc5322_date,
};
pub use rustls::pki_types::ServerName;
pub use smtp::{Security, SmtpConfig, host_is_loopback, load_pem_certs, send, tls_connector};

/// A byte stream: a TCP connection, or TLS over one.
pub(crate) trait Io: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send {}
impl<T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send> Io for T {}

/// Why a message was not sent.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("mail address {address:?}: {why}")]
    Address { address: String, why: &'static str },
    #[error("invalid {0}")]
    Invalid(&'static str),
    #[error("SMTP settings: {0}")]
    Config(String),
    #[error("SMTP {0}: {1}")]
    Io(&'static str, String),
    #[error("TLS: {0}")]
    Tls(String),
    #[error("SMTP {stage}: the server answered {code} {text}")]
    Protocol {
        stage: &'static str,
        code: u16,
        text: String,
    },
}

impl MailError {
    /// True when retrying cannot help (a 5xx answer, a bad address, bad settings).
    pub fn is_permanent(&self) -> bool {
        match self {
            MailError::Address { .. } | MailError::Invalid(_) | MailError::Config(_) => true,
            MailError::Protocol { code, .. } => *code >= 500,
            MailError::Io(..) | MailError::Tls(_) => false,
        }
    }
}
