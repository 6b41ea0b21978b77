//! Software bills of materials: CycloneDX JSON (1.2–1.6) and XML (1.0–1.6), SPDX 2.x JSON
//! and tag-value, read into the components a matcher needs (name, version, package URL, CPE),
//! nested components included. Hostile files are refused with the reason: too large, too deep
//! (the JSON reader's nesting limit, [`MAX_XML_DEPTH`] for XML), too many components, XML with
//! a document type declaration or an undefined entity.

use hoshi_core::Lang;
use serde::Deserialize;

use crate::purl::Purl;

mod tag_value;
mod xml;

pub use tag_value::spdx_tag_value;
pub use xml::cyclonedx_xml;

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

/// Why an SBOM could not be read. Lines are counted from 1.
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
    /// Neither UTF-8 nor UTF-16 (with a byte-order mark).
    NotText,
    /// Not well-formed XML; the detail is the XML reader's own (English) words.
    Xml {
        line: usize,
        detail: String,
    },
    /// Elements nested deeper than [`MAX_XML_DEPTH`].
    XmlTooDeep {
        line: usize,
    },
    /// A document type declaration (`<!DOCTYPE`), which CycloneDX never uses; refused so that
    /// no entity is ever defined.
    XmlDoctype {
        line: usize,
    },
    /// A reference to an entity other than XML's five (`&amp;` …) and character references.
    XmlEntity {
        line: usize,
        name: String,
    },
    /// XML whose root is not CycloneDX's `<bom>`: the root element as found (`{namespace}name`).
    NotCycloneDxXml {
        root: String,
    },
    /// Tag-value without a `SPDXVersion: SPDX-2.x` line; the version found, if any.
    NotSpdxTagValue {
        found: Option<String>,
    },
    /// A tag-value line that is not `Tag: value`.
    TagLine {
        line: usize,
        text: String,
    },
    /// A `<text>` value that is never closed with `</text>` (the line where it opens).
    UnclosedText {
        line: usize,
    },
    /// An `ExternalRef` that is not `CATEGORY TYPE LOCATOR`.
    ExternalRef {
        line: usize,
        text: String,
    },
    /// A package field (`PackageVersion`, `ExternalRef`) outside a package: before the first
    /// `PackageName`, or after a file, snippet or licence section began.
    OutsidePackage {
        line: usize,
        tag: String,
    },
}

/// Deepest element nesting read in CycloneDX XML (a real BOM nests components a few levels).
pub const MAX_XML_DEPTH: usize = 64;

impl SbomError {
    /// The message in the reader's language.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Ja => self.ja(),
            Lang::En => self.en(),
        }
    }

    fn ja(&self) -> String {
        match self {
            SbomError::TooLarge { bytes } => format!(
                "ファイルが大きすぎます（{bytes} バイト）。読み取れるのは {MAX_BYTES} バイトまでです。"
            ),
            SbomError::TooMany { components } => format!(
                "構成要素が多すぎます（{components} 件）。1 つの SBOM で読み取れるのは {MAX_COMPONENTS} 件までです。"
            ),
            SbomError::NotCycloneDx => {
                "CycloneDX の SBOM ではありません（\"bomFormat\": \"CycloneDX\" がありません）。".into()
            }
            SbomError::NotSpdx => {
                "SPDX 2.x の文書ではありません（\"spdxVersion\" がありません）。".into()
            }
            SbomError::NotAnSbom => "CycloneDX の SBOM（\"bomFormat\"）でも SPDX 2.x の文書（\"spdxVersion\"）でもありません。".into(),
            SbomError::Json(e) => format!("JSON として読み取れません（{e}）。"),
            SbomError::NotText => "UTF-8 または UTF-16（BOM 付き）のテキストではありません。UTF-8 で保存し直してください。".into(),
            SbomError::Xml { line, detail } => {
                format!("{line} 行目: XML として読み取れません（{detail}）。")
            }
            SbomError::XmlTooDeep { line } => format!(
                "{line} 行目: 要素の入れ子が深すぎます（{MAX_XML_DEPTH} 段まで読み取れます）。"
            ),
            SbomError::XmlDoctype { line } => format!(
                "{line} 行目: 文書型宣言（<!DOCTYPE>）は受け付けていません。CycloneDX の XML には不要なため、削除してください。"
            ),
            SbomError::XmlEntity { line, name } => format!(
                "{line} 行目: 実体参照「&{name};」は使えません。XML の定義済み実体（&amp; など）と文字参照（&#x30; など）だけを使ってください。"
            ),
            SbomError::NotCycloneDxXml { root } => format!(
                "CycloneDX の XML ではありません。ルート要素は名前空間 http://cyclonedx.org/schema/bom/1.x の <bom> である必要があります（見つかったのは <{root}>）。"
            ),
            SbomError::NotSpdxTagValue { found: Some(v) } => format!(
                "SPDX 2.x の文書ではありません（SPDXVersion が「{v}」です。SPDX-2.x である必要があります）。"
            ),
            SbomError::NotSpdxTagValue { found: None } => {
                "SPDX のタグ・値形式の文書ではありません（「SPDXVersion: SPDX-2.3」の行がありません）。".into()
            }
            SbomError::TagLine { line, text } => format!(
                "{line} 行目: 「タグ: 値」の形式ではありません（{text}）。"
            ),
            SbomError::UnclosedText { line } => format!(
                "{line} 行目で始まる <text> が </text> で閉じられていません。"
            ),
            SbomError::ExternalRef { line, text } => format!(
                "{line} 行目: ExternalRef は「分類 種類 場所」の 3 項目で書いてください（例: PACKAGE-MANAGER purl pkg:npm/lodash@4.17.21）。読み取った値: {text}"
            ),
            SbomError::OutsidePackage { line, tag } => format!(
                "{line} 行目: {tag} がパッケージの外にあります。PackageName の行の後に書いてください。"
            ),
        }
    }

    fn en(&self) -> String {
        match self {
            SbomError::TooLarge { bytes } => {
                format!("{bytes} bytes: larger than accepted ({MAX_BYTES} bytes)")
            }
            SbomError::TooMany { components } => {
                format!("{components} components: more than accepted ({MAX_COMPONENTS})")
            }
            SbomError::NotCycloneDx => {
                "not a CycloneDX SBOM (no \"bomFormat\": \"CycloneDX\")".into()
            }
            SbomError::NotSpdx => "not an SPDX 2.x document (no \"spdxVersion\")".into(),
            SbomError::NotAnSbom => "neither a CycloneDX SBOM (\"bomFormat\") nor an SPDX 2.x document (\"spdxVersion\")".into(),
            SbomError::Json(e) => format!("not readable JSON: {e}"),
            SbomError::NotText => {
                "neither UTF-8 nor UTF-16 text (with a byte-order mark); save it as UTF-8".into()
            }
            SbomError::Xml { line, detail } => format!("line {line}: not well-formed XML: {detail}"),
            SbomError::XmlTooDeep { line } => format!(
                "line {line}: elements nested deeper than accepted ({MAX_XML_DEPTH} levels)"
            ),
            SbomError::XmlDoctype { line } => format!(
                "line {line}: a document type declaration (<!DOCTYPE>) is not accepted; CycloneDX XML has none, remove it"
            ),
            SbomError::XmlEntity { line, name } => format!(
                "line {line}: the entity reference &{name}; is not accepted; only XML's predefined entities (&amp; …) and character references (&#x30; …)"
            ),
            SbomError::NotCycloneDxXml { root } => format!(
                "not CycloneDX XML: expected the root element <bom> in the namespace http://cyclonedx.org/schema/bom/1.x, found <{root}>"
            ),
            SbomError::NotSpdxTagValue { found: Some(v) } => {
                format!("not an SPDX 2.x document: SPDXVersion is `{v}`, expected SPDX-2.x")
            }
            SbomError::NotSpdxTagValue { found: None } => {
                "not an SPDX tag-value document: no `SPDXVersion: SPDX-2.3` line".into()
            }
            SbomError::TagLine { line, text } => {
                format!("line {line}: expected `Tag: value`, found `{text}`")
            }
            SbomError::UnclosedText { line } => {
                format!("line {line}: <text> is not closed by </text>")
            }
            SbomError::ExternalRef { line, text } => format!(
                "line {line}: expected ExternalRef as `CATEGORY TYPE LOCATOR` (e.g. PACKAGE-MANAGER purl pkg:npm/lodash@4.17.21), found `{text}`"
            ),
            SbomError::OutsidePackage { line, tag } => {
                format!("line {line}: {tag} outside a package; expected it after a PackageName line")
            }
        }
    }
}

impl std::fmt::Display for SbomError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en())
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
