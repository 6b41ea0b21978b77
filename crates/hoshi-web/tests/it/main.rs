//! The integration tests of `hoshi-web`, one binary (each file a module).
#![allow(
    clippy::too_many_lines,
    reason = "a journey test reads top to bottom as the person's story; splitting it hides the order"
)]

mod accounts_web;
mod api;
mod assets;
mod authz;
mod backups;
mod bulk;
mod catalogs;
mod common;
mod cycle;
mod docs;
mod e2e;
mod evaluation;
mod evidence;
mod exposure;
mod exposure_vulns;
mod flows;
mod incidents;
mod keys;
mod mail;
mod mailcheck;
mod registers;
mod review;
mod server;
mod supply;
mod texts;
