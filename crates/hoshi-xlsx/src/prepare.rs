//! Everything an import of the official workbook does short of storing it, shared by the CLI
//! (`hoshi catalog import-ipa`) and the web app: check the options, read the workbook, write the
//! catalog file's text, validate it like any catalog, and see what is already stored.

use hoshi_catalog::{Registry, parse_catalog, to_toml};
use hoshi_core::{Catalog, Diagnostic, Diagnostics};

use crate::ipa::{IpaImport, IpaOptions, import_ipa};
use crate::ipa_error::IpaError;

/// What the registry already holds under the imported catalog's ID and edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Nothing: the catalog is new.
    Absent,
    /// An import of the same file (same SHA-256).
    Same,
    /// A catalog from a different file, or one not imported from a file (bundled).
    Different,
}

/// An imported workbook ready to be stored.
#[derive(Debug, Clone)]
pub struct PreparedIpa {
    /// What the import read: catalog, SHA-256, counts per level, warnings.
    pub import: IpaImport,
    /// The catalog as read back from `toml` by the validator: what will be loaded.
    pub catalog: Catalog,
    /// The catalog file's text (`hoshi-catalog/1`).
    pub toml: String,
    /// The name to store it under: `{id}-{edition}.toml`.
    pub file_name: String,
    pub existing: Existing,
}

/// Checks `opts`, imports the workbook with `reg`'s `scs` catalog as guide, writes the catalog
/// file's text and validates it with the same parser as every catalog, and compares it with what
/// `reg` holds under the same pin. Pure: the caller decides whether and where to store it.
pub fn prepare_ipa(
    bytes: Vec<u8>,
    opts: &IpaOptions,
    reg: &Registry,
) -> Result<PreparedIpa, IpaError> {
    opts.check()?;
    let import = import_ipa(bytes, opts, reg.get("scs"))?;
    let toml = to_toml(&import.catalog).map_err(|m| {
        IpaError::Invalid(Diagnostics::one(
            "catalog",
            Diagnostic::new(&opts.file_name, 0, 0, m),
        ))
    })?;
    let catalog = parse_catalog(&opts.file_name, &toml).map_err(IpaError::Invalid)?;
    let existing = match reg.get(&catalog.pin()) {
        None => Existing::Absent,
        Some(c)
            if c.framework.source.as_ref().map(|s| s.sha256.as_str())
                == Some(import.sha256.as_str()) =>
        {
            Existing::Same
        }
        Some(_) => Existing::Different,
    };
    let file_name = format!(
        "{}-{}.toml",
        catalog.framework.id, catalog.framework.edition
    );
    Ok(PreparedIpa {
        import,
        catalog,
        toml,
        file_name,
        existing,
    })
}
