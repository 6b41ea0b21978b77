//! The integration tests of `hoshi-catalog`, one binary (each file a module).

mod bundled;
mod errors;
