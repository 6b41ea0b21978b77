//! The software installed on a Windows PC, as an administrator lists it in seconds:
//! PowerShell's `Get-Package | Export-Csv` and `winget export`.
//!
//! Each entry becomes a component with its name and version as Windows gives them ("7-Zip 23.01
//! (x64)", "23.01"). Neither list says who makes a program in terms a vulnerability record
//! uses, so a CPE is given only to the desktop programs of hoshi's table
//! ([`crate::desktop`]: Chrome, Firefox, Acrobat Reader, 7-Zip, Zoom …, each CPE checked against
//! real NVD records): by `Get-Package`'s name (its `Version`, or the version in the name when
//! that column is empty) or by winget's package identifier (with the version of
//! `--include-versions`). Any other program gets none and is not checked. A package of
//! `Get-Package`'s NuGet provider is that NuGet package, with its package URL.
//!
//! `Get-Package | Export-Csv` writes every property of the package objects: in Windows
//! PowerShell 5.1 a first line `#TYPE Microsoft.PackageManagement.Packaging.SoftwareIdentity…`
//! (left out with `-NoTypeInformation`, and by PowerShell 7), then a header with `"Name"`,
//! `"Version"`, `"ProviderName"` among some thirty columns (or only those selected with
//! `Select-Object`), every field quoted, quotes doubled, line breaks kept inside fields (the
//! `SwidTagText` column holds a whole XML document). `-Encoding UTF8` writes UTF-8 with a
//! byte-order mark, `-Encoding Unicode` UTF-16LE with one; both are read.
//!
//! `winget export -o file.json` writes `{"$schema": "https://aka.ms/winget-packages.schema.2.0.json",
//! "Sources": [{"Packages": [{"PackageIdentifier": "7zip.7zip", "Version": "23.01"}], …}]}`,
//! the version only with `--include-versions`.

use hoshi_core::Lang;
use serde::Deserialize;

use crate::desktop;
use crate::purl::Purl;
use crate::sbom::Component;

/// Most rows (or packages) read from one list.
pub const MAX_ROWS: usize = 200_000;

/// A row that could not be read: the line it starts on (from 1), its text, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    pub line: usize,
    pub text: String,
    pub problem: RowProblem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// Not as many fields as the header has columns.
    Columns { found: usize, expected: usize },
    /// The `Name` field is empty.
    NoName,
    /// A quoted field that the file never closes.
    UnclosedQuote,
}

impl RowProblem {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (RowProblem::Columns { found, expected }, Lang::Ja) => format!(
                "項目が {found} 個あります。見出し行と同じ {expected} 個である必要があります。"
            ),
            (RowProblem::Columns { found, expected }, Lang::En) => {
                format!("{found} fields; expected {expected}, as many as the header has")
            }
            (RowProblem::NoName, Lang::Ja) => "Name の欄が空です。".into(),
            (RowProblem::NoName, Lang::En) => "the Name field is empty".into(),
            (RowProblem::UnclosedQuote, Lang::Ja) => {
                "引用符（\"）で始まる項目が閉じられないままファイルが終わっています。".into()
            }
            (RowProblem::UnclosedQuote, Lang::En) => {
                "a quoted field is not closed before the file ends".into()
            }
        }
    }
}

/// The components of a list, and its unreadable rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Read {
    pub components: Vec<Component>,
    pub bad: Vec<BadRow>,
}

/// Why a whole list could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListError {
    /// Neither UTF-8 nor UTF-16 with a byte-order mark.
    NotText,
    /// No header naming the `Name` and `Version` columns: the line where one was expected and
    /// what it holds.
    NoHeader {
        line: usize,
        text: String,
    },
    TooMany {
        rows: usize,
    },
    Json(String),
    /// JSON, but without winget's `Sources`.
    NotWinget,
}

impl ListError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ListError::NotText, Lang::Ja) => "UTF-8 または UTF-16（BOM 付き）のテキストではありません。Export-Csv に -Encoding UTF8 を付けて書き出してください。".into(),
            (ListError::NotText, Lang::En) => "neither UTF-8 nor UTF-16 text (with a byte-order mark); export with Export-Csv -Encoding UTF8".into(),
            (ListError::NoHeader { line, text }, Lang::Ja) => format!(
                "{line} 行目: 見出し行に \"Name\" と \"Version\" の列がありません（Get-Package | Export-Csv が書き出す形式である必要があります）。読み取った行: {text}"
            ),
            (ListError::NoHeader { line, text }, Lang::En) => format!(
                "line {line}: expected a header with the columns \"Name\" and \"Version\" (as Get-Package | Export-Csv writes), found `{text}`"
            ),
            (ListError::TooMany { rows }, Lang::Ja) => format!(
                "行が多すぎます（{rows} 行）。1 つの一覧で読み取れるのは {MAX_ROWS} 行までです。"
            ),
            (ListError::TooMany { rows }, Lang::En) => {
                format!("{rows} rows: more than accepted ({MAX_ROWS})")
            }
            (ListError::Json(e), Lang::Ja) => {
                format!("winget export の JSON として読み取れません（{e}）。")
            }
            (ListError::Json(e), Lang::En) => format!("not a readable winget export: {e}"),
            (ListError::NotWinget, Lang::Ja) => "winget export のファイルではありません（\"Sources\" がありません）。".into(),
            (ListError::NotWinget, Lang::En) => {
                "not a winget export (no \"Sources\")".into()
            }
        }
    }
}

impl std::fmt::Display for ListError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .filter(|c| !c.is_control())
        .take(200)
        .collect()
}

/// One CSV record: its fields, the line it starts on and its text.
struct Record {
    fields: Vec<String>,
    line: usize,
    text: String,
}

/// Splits CSV text into records (RFC 4180: quoted fields may hold commas, doubled quotes and
/// line breaks; unquoted ones, as PowerShell 7 writes with `-UseQuotes AsNeeded`, too). An
/// unclosed quote ends the text with `Err(line of the record)`.
fn records(text: &str) -> (Vec<Record>, Option<(usize, String)>) {
    let mut out = Vec::new();
    let mut line = 1;
    let mut chars = text.char_indices().peekable();
    while chars.peek().is_some() {
        let start_line = line;
        let start = chars.peek().map_or(text.len(), |&(i, _)| i);
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut end = text.len();
        loop {
            let Some((i, c)) = chars.next() else {
                if quoted {
                    return (out, Some((start_line, printable(&text[start..]))));
                }
                break;
            };
            if c == '\n' {
                line += 1;
            }
            match (quoted, c) {
                (true, '"') if chars.peek().is_some_and(|&(_, n)| n == '"') => {
                    chars.next();
                    field.push('"');
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ',') => fields.push(std::mem::take(&mut field)),
                (false, '\r') if chars.peek().is_some_and(|&(_, n)| n == '\n') => {}
                (false, '\n') => {
                    end = i;
                    break;
                }
                (false, c) => field.push(c),
            }
        }
        fields.push(field);
        let raw = text[start..end].trim_end_matches('\r');
        out.push(Record {
            fields,
            line: start_line,
            text: printable(raw),
        });
    }
    (out, None)
}

/// Reads `Get-Package | Export-Csv` output (already decoded text; see [`crate::input::decode`]).
pub fn get_package_csv(text: &str) -> Result<Read, ListError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (records, unclosed) = records(text);
    let mut rows = records
        .into_iter()
        .filter(|r| !(r.fields.len() == 1 && r.fields[0].trim().is_empty()));
    let mut header = rows.next();
    if header
        .as_ref()
        .is_some_and(|h| h.fields[0].starts_with("#TYPE "))
    {
        header = rows.next();
    }
    let Some(header) = header else {
        return Err(ListError::NoHeader {
            line: 1,
            text: String::new(),
        });
    };
    let col = |name: &str| {
        header
            .fields
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let (Some(name_col), Some(version_col)) = (col("Name"), col("Version")) else {
        return Err(ListError::NoHeader {
            line: header.line,
            text: header.text,
        });
    };
    let provider_col = col("ProviderName");
    let mut r = Read::default();
    for (n, row) in rows.enumerate() {
        if n >= MAX_ROWS {
            return Err(ListError::TooMany { rows: n + 1 });
        }
        let problem = if row.fields.len() != header.fields.len() {
            Some(RowProblem::Columns {
                found: row.fields.len(),
                expected: header.fields.len(),
            })
        } else if row.fields[name_col].trim().is_empty() {
            Some(RowProblem::NoName)
        } else {
            None
        };
        if let Some(problem) = problem {
            r.bad.push(BadRow {
                line: row.line,
                text: row.text,
                problem,
            });
            continue;
        }
        let name = row.fields[name_col].trim().to_string();
        let version = Some(row.fields[version_col].trim().to_string()).filter(|v| !v.is_empty());
        let provider = provider_col.map_or("", |i| row.fields[i].trim());
        r.components.push(component(name, version, provider));
    }
    if let Some((line, text)) = unclosed {
        r.bad.push(BadRow {
            line,
            text,
            problem: RowProblem::UnclosedQuote,
        });
    }
    Ok(r)
}

fn component(name: String, version: Option<String>, provider: &str) -> Component {
    // A NuGet package's name is its package id (installed by PackageManagement's NuGet
    // provider); nothing else in the list names a package in a registry.
    if provider.eq_ignore_ascii_case("NuGet") {
        let purl = Purl {
            kind: "nuget".into(),
            namespace: None,
            name: name.clone(),
            version: version.clone(),
            qualifiers: Vec::new(),
        };
        return Component {
            name,
            version,
            purl: Some(purl),
            cpe: None,
        };
    }
    // A desktop program hoshi knows: its CPE, at the `Version` column's version or, when that
    // is empty, the one in the name ("WinSCP 6.3.5").
    let (version, cpe) = match desktop::recognise(&name) {
        Some((d, in_name)) => {
            let version = version.or_else(|| Some(in_name).filter(|v| !v.is_empty()));
            let cpe = version.as_deref().and_then(|v| desktop::cpe_for(d, v));
            (version, cpe)
        }
        None => (version, None),
    };
    Component {
        name,
        version,
        purl: None,
        cpe,
    }
}

#[derive(Deserialize)]
struct Export {
    #[serde(rename = "$schema", default)]
    schema: Option<String>,
    #[serde(rename = "Sources", default)]
    sources: Option<Vec<Source>>,
}

#[derive(Deserialize)]
struct Source {
    #[serde(rename = "Packages", default)]
    packages: Vec<Package>,
}

#[derive(Deserialize)]
struct Package {
    #[serde(rename = "PackageIdentifier")]
    id: String,
    #[serde(rename = "Version", default)]
    version: Option<String>,
}

/// Reads a `winget export` file: each package's identifier (`7zip.7zip`) as its name, and its
/// version when the export was made with `--include-versions`; a package of hoshi's desktop
/// table ([`crate::desktop::by_winget_id`]) with a version gets its CPE.
pub fn winget_json(text: &str) -> Result<Vec<Component>, ListError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let e: Export = serde_json::from_str(text).map_err(|e| ListError::Json(e.to_string()))?;
    let Some(sources) = e.sources else {
        return Err(if e.schema.is_some_and(|s| s.contains("winget")) {
            ListError::Json("no \"Sources\"".into())
        } else {
            ListError::NotWinget
        });
    };
    let n: usize = sources.iter().map(|s| s.packages.len()).sum();
    if n > MAX_ROWS {
        return Err(ListError::TooMany { rows: n });
    }
    Ok(sources
        .into_iter()
        .flat_map(|s| s.packages)
        .map(|p| {
            let version = p.version.filter(|v| !v.trim().is_empty());
            let cpe = desktop::by_winget_id(&p.id)
                .zip(version.as_deref())
                .and_then(|(d, v)| desktop::cpe_for(d, v));
            Component {
                name: p.id,
                version,
                purl: None,
                cpe,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_with_quotes_commas_and_line_breaks() {
        let csv = "#TYPE Microsoft.PackageManagement.Packaging.SoftwareIdentity#GetPackage\r\n\
            \"Name\",\"Version\",\"ProviderName\",\"SwidTagText\"\r\n\
            \"7-Zip 23.01 (x64)\",\"23.01\",\"Programs\",\"<SoftwareIdentity\r\n  name=\"\"7-Zip\"\" />\"\r\n\
            \"Newtonsoft.Json\",\"13.0.3\",\"NuGet\",\"\"\r\n\
            \"Hotfix, with comma\",\"\",\"msu\",\"\"\r\n\
            \r\n\
            \"\",\"1.0\",\"msi\",\"\"\r\n\
            \"short\",\"1.0\"\r\n\
            \"open\",\"1.0\",\"msi\",\"never closed\r\n";
        let r = get_package_csv(csv).unwrap();
        let got: Vec<(&str, Option<&str>)> = r
            .components
            .iter()
            .map(|c| (c.name.as_str(), c.version.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("7-Zip 23.01 (x64)", Some("23.01")),
                ("Newtonsoft.Json", Some("13.0.3")),
                ("Hotfix, with comma", None),
            ]
        );
        assert_eq!(
            r.components[1].purl.as_ref().and_then(Purl::osv_package),
            Some(("NuGet", "Newtonsoft.Json".into()))
        );
        // 7-Zip is in the desktop table: its CPE at the Version column's version.
        assert!(r.components[0].purl.is_none());
        assert_eq!(
            r.components[0].cpe.as_deref(),
            Some("cpe:2.3:a:7-zip:7-zip:23.01:*:*:*:*:*:*:*")
        );
        assert!(r.components[1].cpe.is_none() && r.components[2].cpe.is_none());
        let bad: Vec<(usize, &RowProblem)> = r.bad.iter().map(|b| (b.line, &b.problem)).collect();
        assert_eq!(
            bad,
            [
                (8, &RowProblem::NoName),
                (
                    9,
                    &RowProblem::Columns {
                        found: 2,
                        expected: 4
                    }
                ),
                (10, &RowProblem::UnclosedQuote),
            ]
        );
        assert_eq!(r.bad[1].text, "\"short\",\"1.0\"");
    }

    #[test]
    fn desktop_programs_get_their_cpe_from_the_name() {
        let csv = "\"Name\",\"Version\",\"ProviderName\"\r\n\
            \"WinSCP 6.3.5\",\"\",\"Programs\"\r\n\
            \"Java 8 Update 391 (64-bit)\",\"8.0.3910.13\",\"msi\"\r\n\
            \"Zoom\",\"5.17.5 (31030)\",\"Programs\"\r\n\
            \"Lhaplus\",\"1.74\",\"Programs\"\r\n\
            \"Google Chrome\",\"\",\"msi\"\r\n";
        let r = get_package_csv(csv).unwrap();
        let got: Vec<(&str, Option<&str>, Option<&str>)> = r
            .components
            .iter()
            .map(|c| (c.name.as_str(), c.version.as_deref(), c.cpe.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "WinSCP 6.3.5",
                    Some("6.3.5"),
                    Some("cpe:2.3:a:winscp:winscp:6.3.5:*:*:*:*:*:*:*")
                ),
                (
                    "Java 8 Update 391 (64-bit)",
                    Some("8.0.3910.13"),
                    Some("cpe:2.3:a:oracle:jre:1.8.0:update391:*:*:*:*:*:*")
                ),
                (
                    "Zoom",
                    Some("5.17.5 (31030)"),
                    Some("cpe:2.3:a:zoom:workplace_desktop:5.17.5:*:*:*:*:windows:*:*")
                ),
                ("Lhaplus", Some("1.74"), None),
                ("Google Chrome", None, None),
            ]
        );
    }

    #[test]
    fn csv_without_the_columns() {
        assert_eq!(
            get_package_csv("\r\n\"DisplayName\",\"DisplayVersion\"\r\n\"x\",\"1\"\r\n"),
            Err(ListError::NoHeader {
                line: 2,
                text: "\"DisplayName\",\"DisplayVersion\"".into()
            })
        );
        assert!(matches!(
            get_package_csv(""),
            Err(ListError::NoHeader { line: 1, .. })
        ));
    }

    #[test]
    fn winget_with_and_without_versions() {
        let with = r#"{"$schema":"https://aka.ms/winget-packages.schema.2.0.json",
            "Sources":[{"Packages":[{"PackageIdentifier":"7zip.7zip","Version":"23.01"},
            {"PackageIdentifier":"Google.Chrome"}],"SourceDetails":{"Name":"winget"}}]}"#;
        let c = winget_json(with).unwrap();
        assert_eq!(c[0].name, "7zip.7zip");
        assert_eq!(c[0].version.as_deref(), Some("23.01"));
        assert_eq!(c[1].version, None);
        assert_eq!(
            c[0].cpe.as_deref(),
            Some("cpe:2.3:a:7-zip:7-zip:23.01:*:*:*:*:*:*:*")
        );
        // Known, but exported without a version: nothing to check it at.
        assert_eq!(c[1].cpe, None);
        let missing = "{\"Sources\":[{\"Packages\":[\n{\"Version\":\"1\"}]}]}";
        let e = winget_json(missing).unwrap_err().message(Lang::En);
        assert!(
            e.contains("PackageIdentifier") && e.contains("line 2"),
            "{e}"
        );
        assert_eq!(winget_json(r#"{"name":"x"}"#), Err(ListError::NotWinget));
        assert!(matches!(
            winget_json(r#"{"$schema":"https://aka.ms/winget-packages.schema.2.0.json"}"#),
            Err(ListError::Json(_))
        ));
    }
}
