//! The Windows desktop software hoshi knows by name: one table tying together the names
//! `Get-Package` gives installed programs ("Google Chrome", "7-Zip 23.01 (x64)", "Adobe Acrobat
//! Reader DC - Japanese"), winget's package identifiers (`Google.Chrome`, `7zip.7zip`) and the
//! CPE names NVD's records give the products — so that a Get-Package row "7-Zip 23.01 (x64)" /
//! "23.01" becomes the CPE `cpe:2.3:a:7-zip:7-zip:23.01:*:*:*:*:*:*:*`.
//!
//! The CPE (part, vendor, product) of every entry is copied from the vulnerable `criteria` of a
//! real NVD record (the fixtures in `tests/data/nvd-desktop`, named in [`Desktop::cpe_records`]).
//! Nothing outside the table gets a CPE: a program hoshi does not know stays without one and is
//! counted as not checked.
//!
//! Names are compared whole, after dropping what Windows adds around them: the language or
//! edition after ` - ` ("- Japanese"), anything in parentheses ("(x64 ja)", "(64-bit)", "(TM)"),
//! architecture words (`x64`, `64-bit`), and a version number (one with a dot: "23.01",
//! "0.81", "24.2.5.2"; PuTTY's "release 0.81" too). So "Google Chrome Remote Desktop Host",
//! "Microsoft Edge WebView2 Runtime", "Mozilla Firefox ESR", "TeamViewer Host" or "LibreOffice
//! 24.2.5.2 Help Pack (Japanese)" are not taken for the program they start like. Case and
//! full/half width do not count.
//!
//! Versions ([`VersionForm`]): most programs' own version is NVD's (`120.0.6099.217`, `23.01`,
//! `0.81.0.0` = `0.81`); the first number-like word is taken (AnyDesk's `ad 8.0.14` → `8.0.14`,
//! Zoom's `5.17.5 (31030)` → `5.17.5`). Oracle Java 8 is `1.8.0` with the update in CPE's update
//! field (`Java 8 Update 391`, Windows' `8.0.3910.13`, winget's `8.0.251` → `1.8.0` +
//! `update391` / `update251`); Java 9 and later are their own version (`21.0.4`). Zoom as winget
//! exports it (`5.17.31030`: release and build, without the patch number NVD's ranges need) is
//! not converted: such an entry stays unchecked rather than guessed.

use std::fmt::Write as _;

/// How a product's displayed or exported version becomes NVD's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionForm {
    /// The first number-like word, as it is.
    Plain,
    /// Oracle Java: 8 and earlier as `1.8.0` + `updateNNN`, 9 and later as they are.
    Java,
    /// Zoom: `5.17.5 (31030)` and `5.17.5.31030` are `5.17.5`; `5.17.31030` (no patch) is none.
    Zoom,
}

/// One desktop product.
#[derive(Debug, PartialEq, Eq)]
pub struct Desktop {
    /// A short id, for tests and reports.
    pub id: &'static str,
    /// The product as hoshi writes it.
    pub product: &'static str,
    /// NVD's CPE name of the product: (part, vendor, product).
    pub cpe: (&'static str, &'static str, &'static str),
    /// CPE's target software when NVD's records give one (`windows` for Zoom and AnyDesk),
    /// else `*`.
    pub target_sw: &'static str,
    /// The NVD records (in `tests/data/nvd-desktop`) whose criteria the CPE name was copied from.
    pub cpe_records: &'static [&'static str],
    pub version_form: VersionForm,
    /// Names as `Get-Package` (the Windows "Programs and Features" list) gives them, without
    /// version, architecture and language.
    pub names: &'static [&'static str],
    /// winget package identifiers.
    pub winget_ids: &'static [&'static str],
}

/// Every desktop product hoshi knows.
pub static DESKTOP: &[Desktop] = &[
    Desktop {
        id: "google-chrome",
        product: "Google Chrome",
        cpe: ("a", "google", "chrome"),
        target_sw: "*",
        cpe_records: &["CVE-2024-7971"],
        version_form: VersionForm::Plain,
        names: &["Google Chrome"],
        winget_ids: &["Google.Chrome"],
    },
    Desktop {
        // Microsoft's own records of Edge (Chromium-based) name `edge_chromium`; Chromium
        // records enriched for the KEV catalog (CVE-2024-7971) name `microsoft:edge`, which
        // this table does not give.
        id: "microsoft-edge",
        product: "Microsoft Edge",
        cpe: ("a", "microsoft", "edge_chromium"),
        target_sw: "*",
        cpe_records: &["CVE-2024-21388"],
        version_form: VersionForm::Plain,
        names: &["Microsoft Edge"],
        winget_ids: &["Microsoft.Edge"],
    },
    Desktop {
        // The rapid-release Firefox only: NVD tells ESR apart by CPE's software edition
        // (`esr`), which the matcher does not compare, so "Mozilla Firefox ESR" is not known.
        id: "mozilla-firefox",
        product: "Mozilla Firefox",
        cpe: ("a", "mozilla", "firefox"),
        target_sw: "*",
        cpe_records: &["CVE-2024-9680"],
        version_form: VersionForm::Plain,
        names: &["Mozilla Firefox"],
        winget_ids: &["Mozilla.Firefox", "Mozilla.Firefox.ja"],
    },
    Desktop {
        id: "mozilla-thunderbird",
        product: "Mozilla Thunderbird",
        cpe: ("a", "mozilla", "thunderbird"),
        target_sw: "*",
        cpe_records: &["CVE-2024-9680"],
        version_form: VersionForm::Plain,
        names: &["Mozilla Thunderbird"],
        winget_ids: &["Mozilla.Thunderbird", "Mozilla.Thunderbird.ja"],
    },
    Desktop {
        // The continuous track (DC, and since 2023 plain "Adobe Acrobat Reader"); the classic
        // track ("Adobe Acrobat Reader 2020") has its own CPE names and is not known.
        id: "adobe-acrobat-reader",
        product: "Adobe Acrobat Reader",
        cpe: ("a", "adobe", "acrobat_reader_dc"),
        target_sw: "*",
        cpe_records: &["CVE-2024-20731"],
        version_form: VersionForm::Plain,
        names: &[
            "Adobe Acrobat Reader DC",
            "Adobe Acrobat Reader DC MUI",
            "Adobe Acrobat Reader",
            "Adobe Acrobat Reader MUI",
        ],
        winget_ids: &["Adobe.Acrobat.Reader.64-bit", "Adobe.Acrobat.Reader.32-bit"],
    },
    Desktop {
        // "Adobe Acrobat (64-bit)" is also how the 64-bit Reader installs; NVD's Acrobat
        // records give `acrobat_dc` and `acrobat_reader_dc` the same ranges.
        id: "adobe-acrobat",
        product: "Adobe Acrobat",
        cpe: ("a", "adobe", "acrobat_dc"),
        target_sw: "*",
        cpe_records: &["CVE-2024-20731"],
        version_form: VersionForm::Plain,
        names: &["Adobe Acrobat", "Adobe Acrobat DC"],
        winget_ids: &["Adobe.Acrobat.Pro"],
    },
    Desktop {
        id: "7-zip",
        product: "7-Zip",
        cpe: ("a", "7-zip", "7-zip"),
        target_sw: "*",
        cpe_records: &["CVE-2025-0411"],
        version_form: VersionForm::Plain,
        names: &["7-Zip"],
        winget_ids: &["7zip.7zip"],
    },
    Desktop {
        id: "winrar",
        product: "WinRAR",
        cpe: ("a", "rarlab", "winrar"),
        target_sw: "*",
        cpe_records: &["CVE-2023-38831"],
        version_form: VersionForm::Plain,
        names: &["WinRAR"],
        winget_ids: &["RARLab.WinRAR"],
    },
    Desktop {
        id: "notepad++",
        product: "Notepad++",
        cpe: ("a", "notepad-plus-plus", "notepad++"),
        target_sw: "*",
        cpe_records: &["CVE-2023-40031"],
        version_form: VersionForm::Plain,
        names: &["Notepad++"],
        winget_ids: &["Notepad++.Notepad++"],
    },
    Desktop {
        id: "vlc",
        product: "VLC media player",
        cpe: ("a", "videolan", "vlc_media_player"),
        target_sw: "*",
        cpe_records: &["CVE-2023-47359"],
        version_form: VersionForm::Plain,
        names: &["VLC media player"],
        winget_ids: &["VideoLAN.VLC"],
    },
    Desktop {
        id: "putty",
        product: "PuTTY",
        cpe: ("a", "putty", "putty"),
        target_sw: "*",
        cpe_records: &["CVE-2021-36367"],
        version_form: VersionForm::Plain,
        names: &["PuTTY"],
        winget_ids: &["PuTTY.PuTTY"],
    },
    Desktop {
        id: "winscp",
        product: "WinSCP",
        cpe: ("a", "winscp", "winscp"),
        target_sw: "*",
        cpe_records: &["CVE-2021-3331"],
        version_form: VersionForm::Plain,
        names: &["WinSCP"],
        winget_ids: &["WinSCP.WinSCP"],
    },
    Desktop {
        id: "filezilla",
        product: "FileZilla Client",
        cpe: ("a", "filezilla-project", "filezilla_client"),
        target_sw: "*",
        cpe_records: &["CVE-2019-5429"],
        version_form: VersionForm::Plain,
        names: &["FileZilla", "FileZilla Client"],
        winget_ids: &[
            "TimKosse.FileZilla",
            "TimKosse.FileZilla.Client",
            "TimKosse.FileZillaClient",
        ],
    },
    Desktop {
        id: "libreoffice",
        product: "LibreOffice",
        cpe: ("a", "libreoffice", "libreoffice"),
        target_sw: "*",
        cpe_records: &["CVE-2024-3044"],
        version_form: VersionForm::Plain,
        names: &["LibreOffice"],
        winget_ids: &["TheDocumentFoundation.LibreOffice"],
    },
    Desktop {
        id: "wireshark",
        product: "Wireshark",
        cpe: ("a", "wireshark", "wireshark"),
        target_sw: "*",
        cpe_records: &["CVE-2024-0208"],
        version_form: VersionForm::Plain,
        names: &["Wireshark"],
        winget_ids: &["WiresharkFoundation.Wireshark"],
    },
    Desktop {
        id: "teamviewer",
        product: "TeamViewer",
        cpe: ("a", "teamviewer", "teamviewer"),
        target_sw: "*",
        cpe_records: &["CVE-2020-13699"],
        version_form: VersionForm::Plain,
        names: &[
            "TeamViewer",
            "TeamViewer 13",
            "TeamViewer 14",
            "TeamViewer 15",
        ],
        winget_ids: &["TeamViewer.TeamViewer"],
    },
    Desktop {
        id: "anydesk",
        product: "AnyDesk",
        cpe: ("a", "anydesk", "anydesk"),
        target_sw: "windows",
        cpe_records: &["CVE-2021-40854"],
        version_form: VersionForm::Plain,
        names: &["AnyDesk"],
        winget_ids: &["AnyDeskSoftwareGmbH.AnyDesk"],
    },
    Desktop {
        // NVD named the Windows client `zoom:zoom` (CVE-2023-39216) and, since Zoom Workplace,
        // `zoom:workplace_desktop` with ranges open downwards (CVE-2025-49457: every version
        // before 6.3.10): the newer name is given for every version.
        id: "zoom",
        product: "Zoom Workplace",
        cpe: ("a", "zoom", "workplace_desktop"),
        target_sw: "windows",
        cpe_records: &["CVE-2025-49457"],
        version_form: VersionForm::Zoom,
        names: &["Zoom", "Zoom Workplace"],
        winget_ids: &["Zoom.Zoom"],
    },
    Desktop {
        id: "oracle-jre",
        product: "Oracle Java SE Runtime Environment",
        cpe: ("a", "oracle", "jre"),
        target_sw: "*",
        cpe_records: &["CVE-2024-20918"],
        version_form: VersionForm::Java,
        names: &["Java"],
        winget_ids: &["Oracle.JavaRuntimeEnvironment"],
    },
    Desktop {
        id: "oracle-jdk",
        product: "Oracle Java SE Development Kit",
        cpe: ("a", "oracle", "jdk"),
        target_sw: "*",
        cpe_records: &["CVE-2024-20918"],
        version_form: VersionForm::Java,
        names: &["Java SE Development Kit"],
        winget_ids: &[
            "Oracle.JDK.17",
            "Oracle.JDK.18",
            "Oracle.JDK.19",
            "Oracle.JDK.20",
            "Oracle.JDK.21",
            "Oracle.JDK.23",
            "Oracle.JDK.25",
        ],
    },
];

/// The product with id `id`.
pub fn by_id(id: &str) -> Option<&'static Desktop> {
    DESKTOP.iter().find(|d| d.id == id)
}

/// The product a winget package identifier names (case does not count).
pub fn by_winget_id(id: &str) -> Option<&'static Desktop> {
    let id = id.trim();
    DESKTOP
        .iter()
        .find(|d| d.winget_ids.iter().any(|w| w.eq_ignore_ascii_case(id)))
}

/// The product a `Get-Package` name names, and the version written in the name ("7-Zip 23.01
/// (x64)" → `23.01`, "Java 8 Update 421 (64-bit)" → `8 Update 421`; empty when the name has
/// none).
pub fn recognise(name: &str) -> Option<(&'static Desktop, String)> {
    let (base, version) = split_name(name);
    if base.is_empty() {
        return None;
    }
    let d = DESKTOP
        .iter()
        .find(|d| d.names.iter().any(|n| split_name(n).0 == base))?;
    Some((d, version))
}

/// A name's words without version, architecture, language and parentheses, lower case and
/// single-spaced; and the version it holds.
fn split_name(name: &str) -> (String, String) {
    let wide = widen(name);
    // The language or edition: "Adobe Acrobat Reader DC - Japanese".
    let head = wide.split(" - ").next().unwrap_or("");
    let mut plain = String::with_capacity(head.len());
    let mut depth = 0usize;
    for c in head.chars() {
        match c {
            '(' | '[' => {
                depth += 1;
                plain.push(' ');
            }
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                plain.push(' ');
            }
            c if depth == 0 => plain.extend(c.to_lowercase()),
            _ => {}
        }
    }
    let words: Vec<&str> = plain.split_whitespace().filter(|w| !is_arch(w)).collect();
    let mut version = String::new();
    let mut base: Vec<&str> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        // Java's "8 Update 421".
        if version.is_empty()
            && digits(w)
            && words.get(i + 1) == Some(&"update")
            && words.get(i + 2).is_some_and(|u| digits(u))
        {
            version = format!("{w} Update {}", words[i + 2]);
            i += 3;
            continue;
        }
        // PuTTY's "release 0.81".
        if matches!(w, "release" | "version") && words.get(i + 1).is_some_and(|n| is_number(n)) {
            i += 1;
            continue;
        }
        if version.is_empty() && is_number(w) {
            version = w.to_string();
        } else {
            base.push(w);
        }
        i += 1;
    }
    (base.join(" "), version)
}

/// `x64`, `64-bit`, `amd64` …: architecture, not name.
fn is_arch(w: &str) -> bool {
    matches!(
        w,
        "x64" | "x86" | "x86_64" | "amd64" | "arm64" | "64-bit" | "32-bit" | "64bit" | "32bit"
    )
}

/// A version number in a name: digits and dots with at least one dot (`23.01`, `0.81`);
/// plain numbers are part of names ("TeamViewer 15", "Adobe Acrobat Reader 2020").
fn is_number(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
        && w.contains('.')
        && w.bytes().all(|b| b.is_ascii_digit() || b == b'.')
}

/// Full-width ASCII and the ideographic space as ASCII.
fn widen(s: &str) -> String {
    s.chars()
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            0x3000 => ' ',
            _ => c,
        })
        .collect()
}

/// The first word of `s` that starts with a digit, without what follows it in parentheses
/// (`5.17.5 (31030)` → `5.17.5`, `ad 8.0.14` → `8.0.14`, `v7.01` → `7.01`).
fn first_version(s: &str) -> Option<String> {
    s.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '[' | ']'))
        .map(|w| match w.strip_prefix(['v', 'V']) {
            Some(r) if r.starts_with(|c: char| c.is_ascii_digit()) => r,
            _ => w,
        })
        .find(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        .map(|w| w.trim_end_matches('.').to_string())
        .filter(|w| {
            w.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'+'))
        })
}

/// The version and CPE update field NVD's records use for `version` of product `d` (see
/// [`VersionForm`]); `None` when `version` holds none hoshi can convert.
pub fn nvd_version(d: &Desktop, version: &str) -> Option<(String, String)> {
    let s = widen(version).trim().to_ascii_lowercase();
    match d.version_form {
        VersionForm::Plain => Some((first_version(&s)?, "*".into())),
        VersionForm::Zoom => {
            let v = first_version(&s)?;
            let parts: Vec<&str> = v.split('.').collect();
            if !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())) {
                return Some((v, "*".into()));
            }
            match parts.len() {
                // 5.17.5.31030: release, patch, build.
                n if n >= 4 => Some((parts[..3].join("."), "*".into())),
                // 5.17.31030: release and build, the patch not known.
                3 if parts[2].len() >= 4 => None,
                _ => Some((v, "*".into())),
            }
        }
        VersionForm::Java => java_version(&s),
    }
}

/// Oracle Java's version as NVD writes it: `1.8.0` + `update391` for Java 8 (and 7, 6), the
/// version itself for 9 and later.
fn java_version(s: &str) -> Option<(String, String)> {
    let digits = |t: &str| -> String { t.chars().take_while(char::is_ascii_digit).collect() };
    // "8 update 391", "1.8.0 update 391", "8u391", "1.8.0_391".
    let (major, update) = if let Some((a, b)) = s.split_once("update") {
        (a.trim().to_string(), digits(b.trim()))
    } else if let Some((a, b)) = s.split_once('_') {
        (a.trim().to_string(), digits(b))
    } else if let Some((a, b)) = s
        .split_once('u')
        .filter(|(a, _)| !a.is_empty() && a.bytes().all(|x| x.is_ascii_digit()))
    {
        (a.to_string(), digits(b))
    } else {
        (first_version(s)?, String::new())
    };
    let parts: Vec<&str> = major.split('.').collect();
    let feature: u32 = match parts.as_slice() {
        ["1", f, ..] => f.parse().ok()?,
        [f, ..] => f.parse().ok()?,
        [] => return None,
    };
    if feature >= 9 {
        if !update.is_empty() {
            return None;
        }
        // Windows writes 21.0.4 as 21.0.4.0.
        let kept: Vec<&str> = match parts.as_slice() {
            [a, b, c, "0"] => vec![a, b, c],
            p => p.to_vec(),
        };
        return Some((kept.join("."), "*".into()));
    }
    let update = if !update.is_empty() {
        update
    } else {
        // Windows' and winget's 8.0.3910.13 (update × 10, build) and winget's 8.0.251.
        match parts.as_slice() {
            [_, "0", u, _] if u.len() >= 2 && u.ends_with('0') => u[..u.len() - 1].to_string(),
            [_, "0", u] => (*u).to_string(),
            _ => return None,
        }
    };
    if update.is_empty() || !update.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let update = update.trim_start_matches('0');
    let update = if update.is_empty() { "0" } else { update };
    Some((format!("1.{feature}.0"), format!("update{update}")))
}

/// The CPE 2.3 formatted string of product `d` at `version`, the version written as NVD's
/// records write it (see [`nvd_version`]) and quoted per CPE 2.3 (every character other than
/// letters, digits, `-`, `.` and `_` behind a `\`, so Notepad++ is `notepad\+\+`); `None` when
/// the version cannot be converted — the component then stays unchecked rather than be matched
/// on a guess.
pub fn cpe_for(d: &Desktop, version: &str) -> Option<String> {
    let (v, u) = nvd_version(d, version)?;
    let (part, vendor, product) = d.cpe;
    let u = if u == "*" { u } else { quote(&u) };
    Some(format!(
        "cpe:2.3:{part}:{}:{}:{}:{u}:*:*:*:{}:*:*",
        quote(vendor),
        quote(product),
        quote(&v),
        d.target_sw
    ))
}

/// A CPE 2.3 attribute value with its special characters quoted.
fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_') {
            out.push(c);
        } else {
            let _ = write!(out, "\\{c}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(name: &str) -> Option<(&'static str, String)> {
        recognise(name).map(|(d, v)| (d.id, v))
    }

    fn pair(id: &'static str, v: &str) -> Option<(&'static str, String)> {
        Some((id, v.to_string()))
    }

    #[test]
    fn ids_and_winget_ids_are_unique() {
        for d in DESKTOP {
            assert_eq!(by_id(d.id), Some(d));
            for w in d.winget_ids {
                assert_eq!(by_winget_id(w), Some(d), "{w}");
            }
            for n in d.names {
                assert_eq!(recognise(n).map(|(x, _)| x), Some(d), "{n}");
            }
        }
        assert_eq!(
            by_winget_id("google.chrome").map(|d| d.id),
            Some("google-chrome")
        );
        assert_eq!(by_winget_id("Microsoft.PowerShell"), None);
        assert_eq!(by_winget_id("Mozilla.Firefox.ESR"), None);
    }

    #[test]
    fn get_package_names_with_versions_architectures_and_languages() {
        let cases = [
            ("Google Chrome", pair("google-chrome", "")),
            ("Mozilla Firefox (x64 ja)", pair("mozilla-firefox", "")),
            (
                "Mozilla Firefox 121.0.1 (x64 ja)",
                pair("mozilla-firefox", "121.0.1"),
            ),
            (
                "Mozilla Thunderbird (x64 ja)",
                pair("mozilla-thunderbird", ""),
            ),
            ("Adobe Acrobat (64-bit)", pair("adobe-acrobat", "")),
            ("Adobe Acrobat DC", pair("adobe-acrobat", "")),
            (
                "Adobe Acrobat Reader DC - Japanese",
                pair("adobe-acrobat-reader", ""),
            ),
            (
                "Adobe Acrobat Reader - 日本語",
                pair("adobe-acrobat-reader", ""),
            ),
            (
                "Adobe Acrobat Reader DC MUI",
                pair("adobe-acrobat-reader", ""),
            ),
            ("7-Zip 23.01 (x64)", pair("7-zip", "23.01")),
            ("7-Zip 19.00 (x64 edition)", pair("7-zip", "19.00")),
            ("Zoom Workplace (64-bit)", pair("zoom", "")),
            ("Zoom", pair("zoom", "")),
            ("Zoom(64bit)", pair("zoom", "")),
            ("Notepad++ (64-bit x64)", pair("notepad++", "")),
            ("VLC media player", pair("vlc", "")),
            ("WinSCP 6.3.5", pair("winscp", "6.3.5")),
            ("PuTTY release 0.81 (64-bit)", pair("putty", "0.81")),
            ("FileZilla 3.67.1", pair("filezilla", "3.67.1")),
            ("LibreOffice 24.2.5.2", pair("libreoffice", "24.2.5.2")),
            ("Wireshark 4.2.6 x64", pair("wireshark", "4.2.6")),
            ("Wireshark 4.2.6 64-bit", pair("wireshark", "4.2.6")),
            ("TeamViewer", pair("teamviewer", "")),
            ("AnyDesk", pair("anydesk", "")),
            ("Microsoft Edge", pair("microsoft-edge", "")),
            (
                "Java 8 Update 421 (64-bit)",
                pair("oracle-jre", "8 Update 421"),
            ),
            ("Java 8 Update 391", pair("oracle-jre", "8 Update 391")),
            (
                "Java(TM) SE Development Kit 21.0.4 (64-bit)",
                pair("oracle-jdk", "21.0.4"),
            ),
            (
                "Java SE Development Kit 8 Update 421 (64-bit)",
                pair("oracle-jdk", "8 Update 421"),
            ),
            ("WinRAR 7.01 (64-bit)", pair("winrar", "7.01")),
            ("WinRAR 6.02 (32 ビット)", pair("winrar", "6.02")),
            ("ＧＯＯＧＬＥ　ＣＨＲＯＭＥ", pair("google-chrome", "")),
            ("google chrome", pair("google-chrome", "")),
        ];
        for (name, want) in cases {
            assert_eq!(id(name), want, "{name}");
        }
    }

    #[test]
    fn other_programs_and_near_names_are_not_known() {
        for name in [
            "Google Chrome Remote Desktop Host",
            "Microsoft Edge WebView2 Runtime",
            "Microsoft Edge Update",
            "Mozilla Firefox ESR (x64 ja)",
            "Mozilla Maintenance Service",
            "Adobe Acrobat Reader 2020",
            "Adobe Acrobat 2017",
            "Adobe Refresh Manager",
            "LibreOffice 24.2.5.2 Help Pack (Japanese)",
            "TeamViewer Host",
            "Zoom Rooms",
            "Zoom Outlook Plugin",
            "Java Auto Updater",
            "Java 8",
            "FileZilla Server",
            "Microsoft Office Professional Plus 2019 - ja-jp",
            "Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.38.33135",
            "サクラエディタ",
            "Lhaplus",
            "CubePDF 3.2.0 (x64)",
            "Cisco Webex Meetings",
            "Newtonsoft.Json",
            "",
            "(x64)",
            "23.01",
        ] {
            assert_eq!(id(name), None, "{name}");
        }
    }

    #[test]
    fn versions_as_nvd_writes_them() {
        let v = |id: &str, raw: &str| nvd_version(by_id(id).unwrap(), raw);
        let p = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(
            v("google-chrome", "120.0.6099.217"),
            p("120.0.6099.217", "*")
        );
        assert_eq!(v("7-zip", "23.01"), p("23.01", "*"));
        assert_eq!(v("putty", "0.81.0.0"), p("0.81.0.0", "*"));
        assert_eq!(v("anydesk", "ad 8.0.14"), p("8.0.14", "*"));
        assert_eq!(v("winrar", "v7.01"), p("7.01", "*"));
        assert_eq!(v("vlc", "3.0.20-rc1"), p("3.0.20-rc1", "*"));
        assert_eq!(v("zoom", "5.17.5 (31030)"), p("5.17.5", "*"));
        assert_eq!(v("zoom", "5.17.5.31030"), p("5.17.5", "*"));
        assert_eq!(v("zoom", "6.3.10"), p("6.3.10", "*"));
        assert_eq!(v("zoom", "5.17.31030"), None, "winget: no patch number");
        assert_eq!(v("oracle-jre", "8.0.3910.13"), p("1.8.0", "update391"));
        assert_eq!(v("oracle-jre", "8.0.4210.9"), p("1.8.0", "update421"));
        assert_eq!(v("oracle-jre", "8.0.251"), p("1.8.0", "update251"));
        assert_eq!(v("oracle-jre", "8 Update 421"), p("1.8.0", "update421"));
        assert_eq!(v("oracle-jre", "1.8.0_391"), p("1.8.0", "update391"));
        assert_eq!(v("oracle-jre", "8u391"), p("1.8.0", "update391"));
        assert_eq!(v("oracle-jre", "1.8.0"), None, "the update is not known");
        assert_eq!(v("oracle-jdk", "21.0.4.0"), p("21.0.4", "*"));
        assert_eq!(v("oracle-jdk", "21.0.4"), p("21.0.4", "*"));
        assert_eq!(v("oracle-jdk", "17.0.4.1"), p("17.0.4.1", "*"));
        assert_eq!(v("oracle-jdk", "8 Update 421"), p("1.8.0", "update421"));
        assert_eq!(v("google-chrome", ""), None);
        assert_eq!(v("google-chrome", "unknown"), None);
    }

    #[test]
    fn cpe_strings_are_quoted() {
        let d = |id: &str| by_id(id).unwrap();
        assert_eq!(
            cpe_for(d("notepad++"), "8.5.6").as_deref(),
            Some("cpe:2.3:a:notepad-plus-plus:notepad\\+\\+:8.5.6:*:*:*:*:*:*:*")
        );
        assert_eq!(
            cpe_for(d("oracle-jre"), "8.0.3910.13").as_deref(),
            Some("cpe:2.3:a:oracle:jre:1.8.0:update391:*:*:*:*:*:*")
        );
        assert_eq!(
            cpe_for(d("zoom"), "5.17.5 (31030)").as_deref(),
            Some("cpe:2.3:a:zoom:workplace_desktop:5.17.5:*:*:*:*:windows:*:*")
        );
        assert_eq!(cpe_for(d("zoom"), "5.17.31030"), None);
        for x in DESKTOP {
            let raw = match x.version_form {
                VersionForm::Java => "21.0.4",
                _ => "1.2.3",
            };
            let cpe = cpe_for(x, raw).unwrap();
            let f = crate::nvd::cpe_fields(&cpe).expect("11 fields");
            assert_eq!((f[0].as_str(), f[1].as_str(), f[2].as_str()), x.cpe);
        }
    }
}
