//! SPDX 2.x tag-value documents (`SPDXVersion: SPDX-2.3`): one `Tag: value` per line, values of
//! several lines wrapped in `<text>…</text>` (skipped whole, so a licence text that happens to
//! hold `PackageName:` is not read as a package), `#` comments. A package starts at
//! `PackageName` and ends at the next package or at a file, snippet or licence section; its
//! version is `PackageVersion`, its package URL and CPE the `purl` and `cpe23Type` external
//! references — the fields the JSON reader takes.

use super::{Component, MAX_BYTES, MAX_COMPONENTS, SbomError};
use crate::purl::Purl;

fn printable(s: &str) -> String {
    s.chars().take(200).filter(|c| !c.is_control()).collect()
}

struct Package {
    name: String,
    version: Option<String>,
    purl: Option<String>,
    cpe: Option<String>,
}

#[derive(Default)]
struct Doc {
    version: Option<String>,
    packages: Vec<Package>,
    /// Whether package fields now belong to the last package.
    in_package: bool,
}

impl Doc {
    fn field(&mut self, line: usize, tag: &str, value: &str) -> Result<(), SbomError> {
        let value = value.trim();
        match tag {
            "SPDXVersion" => self.version = Some(value.to_string()),
            "PackageName" => {
                if self.packages.len() >= MAX_COMPONENTS {
                    return Err(SbomError::TooMany {
                        components: self.packages.len() + 1,
                    });
                }
                self.packages.push(Package {
                    name: value.to_string(),
                    version: None,
                    purl: None,
                    cpe: None,
                });
                self.in_package = true;
            }
            "PackageVersion" | "ExternalRef" => {
                let p = match self.packages.last_mut() {
                    Some(p) if self.in_package => p,
                    _ => {
                        return Err(SbomError::OutsidePackage {
                            line,
                            tag: tag.to_string(),
                        });
                    }
                };
                if tag == "PackageVersion" {
                    p.version = Some(value.to_string());
                    return Ok(());
                }
                let mut parts = value.split_whitespace();
                let (Some(_category), Some(kind), Some(locator), None) =
                    (parts.next(), parts.next(), parts.next(), parts.next())
                else {
                    return Err(SbomError::ExternalRef {
                        line,
                        text: printable(value),
                    });
                };
                match kind {
                    "purl" if p.purl.is_none() => p.purl = Some(locator.to_string()),
                    "cpe23Type" if p.cpe.is_none() => p.cpe = Some(locator.to_string()),
                    _ => {}
                }
            }
            "FileName" | "SnippetSPDXID" | "LicenseID" => self.in_package = false,
            _ => {}
        }
        Ok(())
    }
}

/// Whether `tag` can be an SPDX tag (`PackageName`, `SPDXREF`, `ExternalRefComment` …).
fn is_tag(tag: &str) -> bool {
    tag.starts_with(|c: char| c.is_ascii_alphabetic())
        && tag
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Reads an SPDX 2.x tag-value document's packages.
pub fn spdx_tag_value(bytes: &[u8]) -> Result<Vec<Component>, SbomError> {
    if bytes.len() > MAX_BYTES {
        return Err(SbomError::TooLarge { bytes: bytes.len() });
    }
    let text = crate::input::decode(bytes).ok_or(SbomError::NotText)?;
    let mut doc = Doc::default();
    // The tag, first line and text so far of a `<text>` value still open.
    let mut open: Option<(String, usize, String)> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if let Some((tag, start, mut value)) = open.take() {
            match raw.find("</text>") {
                Some(end) => {
                    value.push('\n');
                    value.push_str(&raw[..end]);
                    doc.field(start, &tag, &value)?;
                }
                None => {
                    if value.len() < 4096 {
                        value.push('\n');
                        value.push_str(raw);
                    }
                    open = Some((tag, start, value));
                }
            }
            continue;
        }
        let l = raw.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let Some((tag, value)) = l.split_once(':').filter(|(t, _)| is_tag(t.trim_end())) else {
            return Err(SbomError::TagLine {
                line,
                text: printable(l),
            });
        };
        let tag = tag.trim_end();
        let value = value.trim_start();
        match value.strip_prefix("<text>") {
            Some(rest) => match rest.find("</text>") {
                Some(end) => doc.field(line, tag, &rest[..end])?,
                None => open = Some((tag.to_string(), line, rest.to_string())),
            },
            None => doc.field(line, tag, value)?,
        }
    }
    if let Some((_, start, _)) = open {
        return Err(SbomError::UnclosedText { line: start });
    }
    match doc.version {
        Some(v) if v.starts_with("SPDX-2.") => {}
        found => {
            return Err(SbomError::NotSpdxTagValue {
                found: found.map(|v| printable(&v)),
            });
        }
    }
    Ok(doc
        .packages
        .into_iter()
        .map(|p| Component {
            purl: p.purl.as_deref().and_then(Purl::parse),
            cpe: p.cpe,
            version: p.version.filter(|v| !v.is_empty() && v != "NOASSERTION"),
            name: p.name,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_values_are_skipped_whole() {
        let doc = "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n\
            PackageName: app\nPackageVersion: 1.0\n\
            PackageDescription: <text>Line one\nPackageName: not-a-package\nExternalRef: nonsense\n</text>\n\
            ExternalRef: PACKAGE-MANAGER purl pkg:npm/app@1.0\n\
            ExternalRef: SECURITY cpe23Type cpe:2.3:a:example:app:1.0:*:*:*:*:*:*:*\n\
            ExternalRefComment: <text>same line</text>\n\
            PackageName: lib\nPackageVersion: NOASSERTION\n\
            FileName: ./lib.c\nFileComment: <text>\n</text>\n";
        let c = spdx_tag_value(doc.as_bytes()).unwrap();
        let names: Vec<&str> = c.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["app", "lib"]);
        assert_eq!(c[0].version.as_deref(), Some("1.0"));
        assert_eq!(
            c[0].purl.as_ref().map(ToString::to_string).as_deref(),
            Some("pkg:npm/app@1.0")
        );
        assert_eq!(
            c[0].cpe.as_deref(),
            Some("cpe:2.3:a:example:app:1.0:*:*:*:*:*:*:*")
        );
        assert_eq!(c[1].version, None);
    }

    #[test]
    fn refusals_name_the_line() {
        let head = "SPDXVersion: SPDX-2.3\n";
        let err = |body: &str| spdx_tag_value(format!("{head}{body}").as_bytes()).unwrap_err();
        assert_eq!(
            err("PackageName: a\nPackageComment: <text>never closed\n\nmore\n"),
            SbomError::UnclosedText { line: 3 }
        );
        assert_eq!(
            err("PackageName: a\nthis is no tag\n"),
            SbomError::TagLine {
                line: 3,
                text: "this is no tag".into()
            }
        );
        assert_eq!(
            err("PackageName: a\nExternalRef: PACKAGE-MANAGER purl\n"),
            SbomError::ExternalRef {
                line: 3,
                text: "PACKAGE-MANAGER purl".into()
            }
        );
        assert_eq!(
            err("PackageVersion: 1.0\n"),
            SbomError::OutsidePackage {
                line: 2,
                tag: "PackageVersion".into()
            }
        );
        assert_eq!(
            err("PackageName: a\nFileName: ./a.c\nPackageVersion: 1.0\n"),
            SbomError::OutsidePackage {
                line: 4,
                tag: "PackageVersion".into()
            }
        );
        assert_eq!(
            spdx_tag_value(b"SPDXVersion: SPDX-3.0\n"),
            Err(SbomError::NotSpdxTagValue {
                found: Some("SPDX-3.0".into())
            })
        );
        assert_eq!(
            spdx_tag_value(b"PackageName: a\n"),
            Err(SbomError::NotSpdxTagValue { found: None })
        );
    }
}
