//! The integration tests of `hoshi-xlsx`, one binary (each file a module).

mod answers;
mod hostile;
mod ipa;
mod messages;
mod prepare;
mod register;
