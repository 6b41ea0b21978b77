//! What a file given to `hoshi vulns check` is, judged by its content (not its name): its text
//! decoded (UTF-8 with or without a byte-order mark, UTF-16 with one, as Windows tools write it),
//! then the first thing in it.

use std::borrow::Cow;

/// The kinds of input `hoshi vulns check` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// JSON: CycloneDX, SPDX 2.x, or — when neither — a `winget export` file.
    Json,
    /// CycloneDX XML (`<bom xmlns="http://cyclonedx.org/schema/bom/1.x">`).
    CycloneDxXml,
    /// SPDX 2.x tag-value (`SPDXVersion: SPDX-2.3`).
    SpdxTagValue,
    /// PowerShell `Get-Package | Export-Csv`.
    GetPackageCsv,
    /// `dpkg-query -W` (tab-separated).
    Dpkg,
    /// `rpm -qa`.
    Rpm,
}

/// The text of `bytes`: UTF-8 (a leading byte-order mark dropped), or UTF-16 little- or
/// big-endian when it starts with the matching byte-order mark. `None` when it is neither
/// (Shift_JIS, for one, or binary data).
pub fn decode(bytes: &[u8]) -> Option<Cow<'_, str>> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).ok().map(Cow::Borrowed);
    }
    let utf16 = |rest: &[u8], le: bool| -> Option<Cow<'_, str>> {
        if !rest.len().is_multiple_of(2) {
            return None;
        }
        let units = rest.chunks_exact(2).map(|p| {
            if le {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .ok()
            .map(Cow::Owned)
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false);
    }
    std::str::from_utf8(bytes).ok().map(Cow::Borrowed)
}

/// Whether a CSV header line names the columns `Get-Package` writes.
fn get_package_header(line: &str) -> bool {
    let cols: Vec<String> = line
        .split(',')
        .map(|c| c.trim().trim_matches('"').to_ascii_lowercase())
        .collect();
    ["name", "version", "providername"]
        .iter()
        .all(|want| cols.iter().any(|c| c == want))
}

/// The kind of `text` (already decoded), from its first non-blank line.
pub fn detect(text: &str) -> Kind {
    let body = text.trim_start();
    if body.starts_with('{') {
        return Kind::Json;
    }
    if body.starts_with('<') {
        return Kind::CycloneDxXml;
    }
    let first = body.lines().next().unwrap_or("");
    if first.starts_with("#TYPE ") && first.contains("Microsoft.PackageManagement")
        || get_package_header(first)
    {
        return Kind::GetPackageCsv;
    }
    // SPDX tag-value: SPDXVersion is the first field, but comments may come before it.
    if body
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .is_some_and(|l| l.starts_with("SPDXVersion:"))
    {
        return Kind::SpdxTagValue;
    }
    if first.contains('\t') {
        Kind::Dpkg
    } else {
        Kind::Rpm
    }
}

impl Kind {
    /// A stable name for the kind, as stored beside a software list.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Json => "json",
            Kind::CycloneDxXml => "cyclonedx-xml",
            Kind::SpdxTagValue => "spdx-tag-value",
            Kind::GetPackageCsv => "get-package",
            Kind::Dpkg => "dpkg",
            Kind::Rpm => "rpm",
        }
    }
}

/// A list read whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inventory {
    pub kind: Kind,
    pub components: Vec<crate::sbom::Component>,
}

/// Why an input could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// Neither UTF-8 nor UTF-16 with a byte-order mark.
    NotText,
    /// JSON, but no SBOM and no winget export.
    UnknownJson,
    Sbom(crate::sbom::SbomError),
    List(crate::windows::ListError),
    /// Lines of a list that cannot be read: (line, text, what is wrong — in both languages when
    /// the reader says, else empty).
    BadLines {
        kind: Kind,
        lines: Vec<(usize, String, Option<crate::windows::RowProblem>)>,
    },
}

impl InputError {
    /// What is wrong, in the reader's language (without the file's name).
    pub fn message(&self, lang: hoshi_core::Lang) -> String {
        use hoshi_core::Lang;
        match self {
            InputError::NotText => match lang {
                Lang::Ja => "UTF-8 または UTF-16（BOM 付き）のテキストではありません。SBOM、パッケージの一覧、Windows のソフトウェア一覧のいずれかを UTF-8 で保存して渡してください。".into(),
                Lang::En => "neither UTF-8 nor UTF-16 text (with a byte-order mark); give an SBOM, a package list or a Windows software list saved as UTF-8".into(),
            },
            InputError::UnknownJson => match lang {
                Lang::Ja => "照合できる JSON ではありません。CycloneDX の SBOM（\"bomFormat\"）、SPDX 2.x の文書（\"spdxVersion\"）、winget export のファイル（\"Sources\"）のいずれかを渡してください。".into(),
                Lang::En => "expected a CycloneDX SBOM (\"bomFormat\"), an SPDX 2.x document (\"spdxVersion\") or a winget export (\"Sources\")".into(),
            },
            InputError::Sbom(e) => e.message(lang),
            InputError::List(e) => e.message(lang),
            InputError::BadLines { kind, lines } => {
                let n = lines.len();
                match (kind, lang) {
                    (Kind::GetPackageCsv, Lang::Ja) => format!("{n} 行が Get-Package の一覧として読み取れません。`Get-Package | Export-Csv -Encoding UTF8 packages.csv` で書き出したファイルをそのまま渡してください。"),
                    (Kind::GetPackageCsv, Lang::En) => format!("{n} rows are not a Get-Package list; give the file `Get-Package | Export-Csv -Encoding UTF8 packages.csv` wrote, as it is"),
                    (_, Lang::Ja) => format!("{n} 行がパッケージの一覧として読み取れません。`dpkg-query -W` または `rpm -qa` の出力をそのまま渡してください。"),
                    (_, Lang::En) => format!("{n} lines are not a package list; give the output of `dpkg-query -W` or `rpm -qa` as it is"),
                }
            }
        }
    }

    /// The unreadable lines, one per entry, in the reader's language (at most `max`).
    pub fn lines(&self, lang: hoshi_core::Lang, max: usize) -> Vec<String> {
        match self {
            InputError::BadLines { lines, .. } => lines
                .iter()
                .take(max)
                .map(|(n, text, problem)| match problem {
                    Some(p) => format!("{n}: {} — {text}", p.message(lang)),
                    None => format!("{n}: {text}"),
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// Reads any input `hoshi vulns check` takes, picked by its content; a list with a line it
/// cannot read is refused whole, with every such line.
pub fn read(bytes: &[u8], distro: &str) -> Result<Inventory, InputError> {
    use crate::sbom::{self, SbomError};
    use crate::windows::{self, ListError};

    if bytes.len() > sbom::MAX_BYTES {
        return Err(InputError::Sbom(SbomError::TooLarge { bytes: bytes.len() }));
    }
    let text = decode(bytes).ok_or(InputError::NotText)?;
    let kind = detect(&text);
    let components = match kind {
        Kind::Json => match sbom::any_json(text.as_bytes()) {
            Err(SbomError::NotAnSbom) => windows::winget_json(&text).map_err(|e| match e {
                ListError::NotWinget => InputError::UnknownJson,
                e => InputError::List(e),
            })?,
            r => r.map_err(InputError::Sbom)?,
        },
        Kind::CycloneDxXml => sbom::cyclonedx_xml(text.as_bytes()).map_err(InputError::Sbom)?,
        Kind::SpdxTagValue => sbom::spdx_tag_value(text.as_bytes()).map_err(InputError::Sbom)?,
        Kind::GetPackageCsv => {
            let r = windows::get_package_csv(&text).map_err(InputError::List)?;
            if !r.bad.is_empty() {
                return Err(InputError::BadLines {
                    kind,
                    lines: r
                        .bad
                        .into_iter()
                        .map(|b| (b.line, b.text, Some(b.problem)))
                        .collect(),
                });
            }
            r.components
        }
        Kind::Dpkg | Kind::Rpm => {
            let r = if kind == Kind::Dpkg {
                crate::packages::dpkg(&text, distro)
            } else {
                crate::packages::rpm(&text)
            };
            if !r.bad.is_empty() {
                return Err(InputError::BadLines {
                    kind,
                    lines: r.bad.into_iter().map(|b| (b.line, b.text, None)).collect(),
                });
            }
            r.components
        }
    };
    Ok(Inventory { kind, components })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_content() {
        assert_eq!(detect("  {\"bomFormat\":\"CycloneDX\"}"), Kind::Json);
        assert_eq!(
            detect("<?xml version=\"1.0\"?>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"/>"),
            Kind::CycloneDxXml
        );
        assert_eq!(detect("<bom/>"), Kind::CycloneDxXml);
        assert_eq!(
            detect("## made by hand\nSPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n"),
            Kind::SpdxTagValue
        );
        assert_eq!(
            detect(
                "#TYPE Microsoft.PackageManagement.Packaging.SoftwareIdentity#GetPackage\n\"Name\"\n"
            ),
            Kind::GetPackageCsv
        );
        assert_eq!(
            detect("\"Name\",\"Version\",\"ProviderName\",\"Source\"\r\n"),
            Kind::GetPackageCsv
        );
        assert_eq!(detect("bash\t5.2.15-2+b7\n"), Kind::Dpkg);
        assert_eq!(detect("bash-5.1.8-9.el9.x86_64\n"), Kind::Rpm);
    }

    #[test]
    fn byte_order_marks() {
        assert_eq!(decode(b"\xEF\xBB\xBFName").as_deref(), Some("Name"));
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("名前,7-Zip".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16le).as_deref(), Some("名前,7-Zip"));
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("版".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&utf16be).as_deref(), Some("版"));
        // Shift_JIS "名前" is not UTF-8; an odd UTF-16 length is no text either.
        assert_eq!(decode(b"\x96\xbc\x91\x4f"), None);
        assert_eq!(decode(b"\xFF\xFEa"), None);
    }
}
