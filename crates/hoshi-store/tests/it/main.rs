//! The integration tests of `hoshi-store`, one binary (each file a module).
#![allow(
    clippy::too_many_lines,
    reason = "a journey test reads top to bottom as the person's story; splitting it hides the order"
)]

mod assets;
mod cycle;
mod exposure;
mod incidents;
mod registers;
mod reviews;
mod store;
mod supply;
