//! The integration tests of `hoshi-store`, one binary (each file a module).

mod reviews;
mod store;
mod supply;
