//! The integration tests of `hoshi-web`, one binary (each file a module).

mod api;
mod authz;
mod common;
mod e2e;
mod evaluation;
mod evidence;
mod flows;
mod keys;
mod mail;
mod review;
mod supply;
mod texts;
