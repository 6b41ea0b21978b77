//! The integration tests of the `hoshi` binary crate, one binary (each file a module).
#![allow(
    clippy::too_many_lines,
    reason = "a journey test reads top to bottom as the person's story; splitting it hides the order"
)]

mod accounts;
mod assets;
mod backup;
mod cli;
mod help;
mod mail;
mod scan;
mod servers;
mod vulns;
mod web_pdf;

/// The web layer's in-process browser, shared with `hoshi-web`'s own tests.
#[allow(dead_code)]
#[path = "../../../hoshi-web/tests/it/common/mod.rs"]
mod common;
