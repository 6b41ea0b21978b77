//! # hoshi-catalog
//!
//! Catalog files (`hoshi-catalog/1`, TOML): parsing with positioned diagnostics, validation,
//! serialisation, the catalogs bundled in the binary and a registry that resolves IDs and
//! cross-references. Pure: callers hand in text and receive text; no file system access here.

mod parse;
mod registry;

pub use hoshi_core::Diagnostic;
pub use parse::{CatalogError, FORMAT, MAX_CRITERIA, MAX_FILE_BYTES, line_col, parse_catalog};
pub use registry::{Bundled, Registry, RegistryError, bundled_sources, to_toml};
