//! Software bills of materials: CycloneDX JSON (1.2–1.6) and SPDX 2.x JSON read into the
//! components a matcher needs (name, version, package URL, CPE), nested components included. Hostile files are
//! refused with the reason: too large, too deep (the JSON reader's nesting limit), too many
//! components.

use serde::Deserialize;

use crate::purl::Purl;

/// Largest SBOM accepted, in bytes.
pub const MAX_BYTES: usize = 256 * 1024 * 1024;
/// Most components one SBOM may hold.
pub const MAX_COMPONENTS: usize = 1_000_000;

/// One component to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    pub name: String,
    pub version: Option<String>,
    pub purl: Option<Purl>,
    /// As written (CPE 2.3 formatted string), when the SBOM gives one.
    pub cpe: Option<String>,
}

/// Why an SBOM could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SbomError {
    TooLarge {
        bytes: usize,
    },
    TooMany {
        components: usize,
    },
    NotCycloneDx,
    NotSpdx,
    /// JSON, but neither CycloneDX nor SPDX 2.x.
    NotAnSbom,
    Json(String),
}

impl std::fmt::Display for SbomError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SbomError::TooLarge { bytes } => {
                write!(f, "{bytes} bytes: larger than accepted ({MAX_BYTES} bytes)")
            }
            SbomError::TooMany { components } => write!(
                f,
                "{components} components: more than accepted ({MAX_COMPONENTS})"
            ),
            SbomError::NotCycloneDx => {
                write!(f, "not a CycloneDX SBOM (no \"bomFormat\": \"CycloneDX\")")
            }
            SbomError::NotSpdx => write!(f, "not an SPDX 2.x document (no \"spdxVersion\")"),
            SbomError::NotAnSbom => write!(
                f,
                "neither a CycloneDX SBOM (\"bomFormat\") nor an SPDX 2.x document (\"spdxVersion\")"
            ),
            SbomError::Json(e) => write!(f, "not readable JSON: {e}"),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Bom {
    #[serde(default)]
    bom_format: String,
    #[serde(default)]
    components: Vec<Raw>,
}

#[derive(Deserialize)]
struct Raw {
    #[serde(default)]
    name: String,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    purl: Option<String>,
    #[serde(default)]
    cpe: Option<String>,
    #[serde(default)]
    components: Vec<Raw>,
}

/// Reads a CycloneDX JSON SBOM into its components, in document order (nested ones after their
/// parent).
pub fn cyclonedx_json(bytes: &[u8]) -> Result<Vec<Component>, SbomError> {
    if bytes.len() > MAX_BYTES {
        return Err(SbomError::TooLarge { bytes: bytes.len() });
    }
    let bom: Bom = serde_json::from_slice(bytes).map_err(|e| SbomError::Json(e.to_string()))?;
    if bom.bom_format != "CycloneDX" {
        return Err(SbomError::NotCycloneDx);
    }
    let mut out = Vec::new();
    let mut stack: Vec<Raw> = bom.components.into_iter().rev().collect();
    while let Some(r) = stack.pop() {
        if out.len() >= MAX_COMPONENTS {
            return Err(SbomError::TooMany {
                components: out.len() + 1 + stack.len(),
            });
        }
        stack.extend(r.components.into_iter().rev());
        out.push(Component {
            purl: r.purl.as_deref().and_then(Purl::parse),
            name: r.name,
            version: r.version.filter(|v| !v.is_empty()),
            cpe: r.cpe,
        });
    }
    Ok(out)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SpdxDoc {
    #[serde(default)]
    spdx_version: String,
    #[serde(default)]
    packages: Vec<SpdxPackage>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SpdxPackage {
    #[serde(default)]
    name: String,
    #[serde(default)]
    version_info: Option<String>,
    #[serde(default)]
    external_refs: Vec<SpdxRef>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SpdxRef {
    #[serde(default)]
    reference_type: String,
    #[serde(default)]
    reference_locator: String,
}

/// Reads an SPDX 2.x JSON document's packages: the version from `versionInfo`, the package URL
/// and CPE from the `purl` and `cpe23Type` external references.
pub fn spdx_json(bytes: &[u8]) -> Result<Vec<Component>, SbomError> {
    if bytes.len() > MAX_BYTES {
        return Err(SbomError::TooLarge { bytes: bytes.len() });
    }
    let doc: SpdxDoc = serde_json::from_slice(bytes).map_err(|e| SbomError::Json(e.to_string()))?;
    if !doc.spdx_version.starts_with("SPDX-2.") {
        return Err(SbomError::NotSpdx);
    }
    if doc.packages.len() > MAX_COMPONENTS {
        return Err(SbomError::TooMany {
            components: doc.packages.len(),
        });
    }
    Ok(doc
        .packages
        .into_iter()
        .map(|p| {
            let locator = |t: &str| {
                p.external_refs
                    .iter()
                    .find(|r| r.reference_type == t)
                    .map(|r| r.reference_locator.clone())
            };
            Component {
                purl: locator("purl").as_deref().and_then(Purl::parse),
                cpe: locator("cpe23Type"),
                version: p
                    .version_info
                    .clone()
                    .filter(|v| !v.is_empty() && v != "NOASSERTION"),
                name: p.name,
            }
        })
        .collect())
}

/// Reads a JSON SBOM of either format, judged by its content.
pub fn any_json(bytes: &[u8]) -> Result<Vec<Component>, SbomError> {
    match cyclonedx_json(bytes) {
        Err(SbomError::NotCycloneDx) => spdx_json(bytes).map_err(|e| match e {
            SbomError::NotSpdx => SbomError::NotAnSbom,
            other => other,
        }),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_components_and_refusals() {
        let b = br#"{"bomFormat":"CycloneDX","specVersion":"1.6","components":[
            {"type":"application","name":"app","version":"1.0","components":[
                {"type":"library","name":"lodash","version":"4.17.15","purl":"pkg:npm/lodash@4.17.15"}]},
            {"type":"library","name":"x"}]}"#;
        let c = cyclonedx_json(b).unwrap();
        let names: Vec<&str> = c.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["app", "lodash", "x"]);
        assert_eq!(
            c[1].purl.as_ref().and_then(Purl::osv_package),
            Some(("npm", "lodash".into()))
        );
        assert_eq!(
            cyclonedx_json(br#"{"spdxVersion":"SPDX-2.3"}"#),
            Err(SbomError::NotCycloneDx)
        );
        let deep = format!(
            "{{\"bomFormat\":\"CycloneDX\",\"components\":{}{}}}",
            "[{\"name\":\"a\",\"components\":".repeat(200),
            "[]}]".repeat(200)
        );
        assert!(matches!(
            cyclonedx_json(deep.as_bytes()),
            Err(SbomError::Json(_))
        ));
    }
}
