//! # hoshi-fraud
//!
//! The fraud mail check (issue 15): is this mail CEO fraud ("create a LINE group and send me its
//! QR code", from the president's name on a free-mail address) or business e-mail compromise (a
//! supplier "changing its bank account" from a look-alike domain)? Judged against the
//! organisation's own profile — its domains and the authserv-id its MX stamps, its officers and
//! staff in every script, its partners with their domains and usual DKIM signers, its payment
//! rules — rather than by counting keywords.
//!
//! Pure: bytes and values in, values out; no files, no network, no clock.
//!
//! - [`message`]: an RFC 5322 / MIME message read into headers and text (every common Japanese
//!   encoding, encoded words, quoted-printable, base64, HTML-only mail); mbox splitting;
//! - [`text`]: the normaliser (full/half width, kana, old and new character forms);
//! - [`profile`]: the organisation profile and its file format;
//! - [`domain`]: look-alike domains (homoglyphs, `rn`→`m`, hyphen and TLD swaps, punycode);
//! - [`judge`]: the signals and how they combine into a verdict with reasons (with the
//!   request phrases and the reading of bank account numbers in two internal modules);
//! - [`report`]: the stable JSON report, the text rendering and the filter header.

mod account;
pub mod domain;
pub mod judge;
pub mod message;
mod phrases;
pub mod profile;
pub mod report;
pub mod text;
