//! Bundled catalogs and the registry.

use std::fmt;
use std::sync::Arc;

use hoshi_core::{Catalog, Category, Criterion, Framework, LevelDef, Requirement};
use serde::Serialize;

use hoshi_core::Diagnostic;

use crate::parse::{CatalogError, FORMAT, parse_catalog};

/// A catalog file embedded in the binary.
#[derive(Debug, Clone, Copy)]
pub struct Bundled {
    pub file: &'static str,
    pub text: &'static str,
}

/// The catalog files embedded in the binary.
pub fn bundled_sources() -> &'static [Bundled] {
    &[
        Bundled {
            file: "catalogs/scs.toml",
            text: include_str!("../../../catalogs/scs.toml"),
        },
        Bundled {
            file: "catalogs/priority8.toml",
            text: include_str!("../../../catalogs/priority8.toml"),
        },
    ]
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistryError {
    Invalid(CatalogError),
    Duplicate { pin: String },
}

impl fmt::Display for RegistryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegistryError::Invalid(e) => write!(f, "{e}"),
            RegistryError::Duplicate { pin } => write!(f, "catalog {pin} is already loaded"),
        }
    }
}

impl std::error::Error for RegistryError {}

/// Every loaded catalog, bundled and imported.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    catalogs: Vec<(Arc<Catalog>, String)>,
}

impl Registry {
    /// The bundled catalogs, parsed and cross-checked.
    pub fn bundled() -> Result<Registry, RegistryError> {
        let mut r = Registry::default();
        for b in bundled_sources() {
            r.add_text(b.file, b.text)?;
        }
        let problems = r.check_xrefs();
        if !problems.is_empty() {
            return Err(RegistryError::Invalid(CatalogError {
                kind: "catalog",
                items: problems,
            }));
        }
        Ok(r)
    }

    pub fn add_text(&mut self, file: &str, text: &str) -> Result<&Catalog, RegistryError> {
        let c = parse_catalog(file, text).map_err(RegistryError::Invalid)?;
        self.add(c, file)
    }

    pub fn add(&mut self, catalog: Catalog, file: &str) -> Result<&Catalog, RegistryError> {
        if self.catalogs.iter().any(|(c, _)| {
            c.framework.id == catalog.framework.id
                && c.framework.edition == catalog.framework.edition
        }) {
            return Err(RegistryError::Duplicate { pin: catalog.pin() });
        }
        self.catalogs.push((Arc::new(catalog), file.to_string()));
        Ok(&self.catalogs.last().expect("just pushed").0)
    }

    /// Adds `catalog`, or puts it in the place of the one with the same id and edition (an
    /// administrator replacing an import). Says whether one was replaced.
    pub fn put(&mut self, catalog: Catalog, file: &str) -> bool {
        let entry = (Arc::new(catalog), file.to_string());
        match self.catalogs.iter_mut().find(|(c, _)| {
            c.framework.id == entry.0.framework.id
                && c.framework.edition == entry.0.framework.edition
        }) {
            Some(slot) => {
                *slot = entry;
                true
            }
            None => {
                self.catalogs.push(entry);
                false
            }
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &Catalog> {
        self.catalogs.iter().map(|(c, _)| &**c)
    }

    /// Like [`Registry::get`], as a handle that outlives a borrow of the registry (a server
    /// replaces its registry when a catalog is imported while requests still use the old one).
    pub fn shared(&self, spec: &str) -> Option<Arc<Catalog>> {
        let found = self.get(spec)?;
        self.catalogs
            .iter()
            .find(|(c, _)| std::ptr::eq(&**c, found))
            .map(|(c, _)| c.clone())
    }

    /// Where a catalog was loaded from.
    pub fn file_of(&self, catalog: &Catalog) -> Option<&str> {
        self.catalogs
            .iter()
            .find(|(c, _)| c.pin() == catalog.pin())
            .map(|(_, f)| f.as_str())
    }

    /// Finds a catalog by `id` or `id@edition`. Without an edition, the latest edition
    /// (greatest effective date, then edition string) is returned.
    pub fn get(&self, spec: &str) -> Option<&Catalog> {
        let (id, edition) = match spec.split_once('@') {
            Some((i, e)) => (i, Some(e)),
            None => (spec, None),
        };
        self.iter()
            .filter(|c| c.framework.id == id && edition.is_none_or(|e| c.framework.edition == e))
            .max_by(|a, b| {
                (&a.framework.effective_date, &a.framework.edition)
                    .cmp(&(&b.framework.effective_date, &b.framework.edition))
            })
    }

    /// Cross-references whose target framework is loaded but whose target ID does not exist.
    pub fn check_xrefs(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (c, file) in &self.catalogs {
            for cr in &c.criteria {
                for x in &cr.xref {
                    let Some(target) = self.get(&x.framework) else {
                        continue;
                    };
                    if target.criterion(&x.id).is_none() && target.requirement(&x.id).is_none() {
                        out.push(Diagnostic::new(
                            file,
                            0,
                            0,
                            format!(
                                "criterion {} cross-references {}:{}, which {} does not define",
                                cr.id,
                                x.framework,
                                x.id,
                                target.pin()
                            ),
                        ));
                    }
                }
            }
        }
        out
    }
}

#[derive(Serialize)]
struct Out<'a> {
    format: &'a str,
    framework: &'a Framework,
    level: &'a [LevelDef],
    category: &'a [Category],
    requirement: &'a [Requirement],
    criterion: &'a [Criterion],
}

/// Writes a catalog in the `hoshi-catalog/1` format; `parse_catalog` reads it back unchanged.
pub fn to_toml(catalog: &Catalog) -> Result<String, String> {
    let out = Out {
        format: FORMAT,
        framework: &catalog.framework,
        level: &catalog.levels,
        category: &catalog.categories,
        requirement: &catalog.requirements,
        criterion: &catalog.criteria,
    };
    toml::to_string(&out).map_err(|e| format!("cannot write catalog {}: {e}", catalog.pin()))
}
