//! hoshi mail domain posture: how well an organisation's mail domains are protected against
//! being forged and read on the way — SPF, DKIM keys, DMARC, MTA-STS, TLS-RPT and the MX
//! hosts' STARTTLS — with findings in Japanese and English and the records to publish.
//!
//! The record parsers (`spf`, `dmarc`, `dkim`, `sts`, `domain`) are pure; `dns` and `net` do
//! the look-ups and connections; `check` puts one domain together; `report` shows it.

pub mod check;
mod der;
pub mod dkim;
pub mod dkim_verify;
pub mod dmarc;
pub mod dns;
pub mod domain;
pub mod finding;
pub mod html;
pub mod net;
pub mod report;
pub mod spf;
pub mod sts;

pub use check::{DomainReport, Options, check_domain};
pub use dns::Dns;
pub use finding::{Area, Finding, Severity};
pub use report::Report;
#[cfg(feature = "testing")]
pub mod testing;
