//! Windows software lists (tests/data/windows): `Get-Package | Export-Csv` in the encodings and
//! layouts PowerShell writes, and `winget export`.

use hoshi_core::Lang;
use hoshi_vulns::input::{Kind, decode, detect};
use hoshi_vulns::sbom::Component;
use hoshi_vulns::windows::{ListError, RowProblem, get_package_csv, winget_json};
use proptest::prelude::*;

fn data(path: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/data/windows/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn read_csv(path: &str) -> hoshi_vulns::windows::Read {
    let bytes = data(path);
    let text = decode(&bytes).expect("UTF-8 or UTF-16 with a byte-order mark");
    assert_eq!(detect(&text), Kind::GetPackageCsv, "{path}");
    get_package_csv(&text).unwrap()
}

fn pairs(c: &[Component]) -> Vec<(&str, Option<&str>)> {
    c.iter()
        .map(|c| (c.name.as_str(), c.version.as_deref()))
        .collect()
}

#[test]
fn get_package_as_windows_powershell_writes_it() {
    let r = read_csv("get-package-ps51-utf8.csv");
    assert!(r.bad.is_empty(), "{:?}", r.bad);
    assert_eq!(r.components.len(), 15);
    let p = pairs(&r.components);
    assert_eq!(
        p[..3],
        [
            (
                "Microsoft Office Professional Plus 2019 - ja-jp",
                Some("16.0.10406.20006")
            ),
            ("7-Zip 23.01 (x64)", Some("23.01")),
            ("Google Chrome", Some("120.0.6099.217")),
        ]
    );
    assert!(p.contains(&("サクラエディタ", Some("2.4.2.6048"))));
    assert!(p.contains(&("Adobe Acrobat (64-bit)", Some("23.008.20470"))));
    // Only the NuGet provider's package has a package URL; only the programs of the desktop
    // table (hoshi_vulns::desktop) get a CPE, none is made up for the others.
    let with_purl: Vec<String> = r
        .components
        .iter()
        .filter_map(|c| c.purl.as_ref().map(ToString::to_string))
        .collect();
    assert_eq!(with_purl, ["pkg:nuget/Newtonsoft.Json@13.0.3"]);
    let with_cpe: Vec<(&str, &str)> = r
        .components
        .iter()
        .filter_map(|c| Some((c.name.as_str(), c.cpe.as_deref()?)))
        .collect();
    assert_eq!(
        with_cpe,
        [
            (
                "7-Zip 23.01 (x64)",
                "cpe:2.3:a:7-zip:7-zip:23.01:*:*:*:*:*:*:*"
            ),
            (
                "Google Chrome",
                "cpe:2.3:a:google:chrome:120.0.6099.217:*:*:*:*:*:*:*"
            ),
            (
                "Adobe Acrobat (64-bit)",
                "cpe:2.3:a:adobe:acrobat_dc:23.008.20470:*:*:*:*:*:*:*"
            ),
            (
                "Microsoft Edge",
                "cpe:2.3:a:microsoft:edge_chromium:120.0.2210.121:*:*:*:*:*:*:*"
            ),
            (
                "Java 8 Update 391 (64-bit)",
                "cpe:2.3:a:oracle:jre:1.8.0:update391:*:*:*:*:*:*"
            ),
            (
                "Zoom",
                "cpe:2.3:a:zoom:workplace_desktop:5.17.5:*:*:*:*:windows:*:*"
            ),
        ]
    );

    // The same text in UTF-16LE, as `-Encoding Unicode` writes it.
    assert_eq!(read_csv("get-package-ps51-unicode.csv"), r);
    // Four selected columns, no #TYPE line, no byte-order mark.
    let s = read_csv("get-package-select-ps7.csv");
    assert!(s.bad.is_empty());
    assert_eq!(s.components, r.components);
}

#[test]
fn bad_rows_are_named_with_their_line_and_what_was_expected() {
    let text = String::from_utf8(data("get-package-select-ps7.csv")).unwrap();
    let broken = text
        .replace(
            "\"Lhaplus\",\"1.74\",\"Programs\",\"\"",
            "\"Lhaplus\",\"1.74\"",
        )
        .replace("\"Zoom\",", "\"\",");
    let r = get_package_csv(&broken).unwrap();
    assert_eq!(r.components.len(), 13);
    assert_eq!(r.bad.len(), 2);
    assert_eq!(
        (r.bad[0].line, &r.bad[0].text[..]),
        (11, "\"Lhaplus\",\"1.74\"")
    );
    assert_eq!(
        r.bad[0].problem.message(Lang::Ja),
        "項目が 2 個あります。見出し行と同じ 4 個である必要があります。"
    );
    assert_eq!(r.bad[1].line, 12);
    assert_eq!(r.bad[1].problem, RowProblem::NoName);
    assert_eq!(
        r.bad[1].problem.message(Lang::En),
        "the Name field is empty"
    );
}

#[test]
fn winget_export_with_versions() {
    let bytes = data("winget-export-include-versions.json");
    let text = decode(&bytes).unwrap();
    assert_eq!(detect(&text), Kind::Json);
    let c = winget_json(&text).unwrap();
    assert_eq!(c.len(), 12, "both sources");
    assert_eq!(pairs(&c)[0], ("7zip.7zip", Some("23.01")));
    assert_eq!(pairs(&c)[11], ("9NBLGGH4NNS1", Some("1.21.3482.0")));
    assert!(c.iter().all(|c| c.purl.is_none()));
    // The desktop table's packages get a CPE at their exported version; Zoom's "5.17.31030"
    // (release and build, no patch number) does not convert and stays without one.
    let with_cpe: Vec<(&str, &str)> = c
        .iter()
        .filter_map(|c| Some((c.name.as_str(), c.cpe.as_deref()?)))
        .collect();
    assert_eq!(
        with_cpe,
        [
            ("7zip.7zip", "cpe:2.3:a:7-zip:7-zip:23.01:*:*:*:*:*:*:*"),
            (
                "Adobe.Acrobat.Reader.64-bit",
                "cpe:2.3:a:adobe:acrobat_reader_dc:23.008.20470:*:*:*:*:*:*:*"
            ),
            (
                "Google.Chrome",
                "cpe:2.3:a:google:chrome:120.0.6099.217:*:*:*:*:*:*:*"
            ),
            (
                "Microsoft.Edge",
                "cpe:2.3:a:microsoft:edge_chromium:120.0.2210.121:*:*:*:*:*:*:*"
            ),
            (
                "Mozilla.Firefox.ja",
                "cpe:2.3:a:mozilla:firefox:121.0.1:*:*:*:*:*:*:*"
            ),
            (
                "Notepad++.Notepad++",
                "cpe:2.3:a:notepad-plus-plus:notepad\\+\\+:8.6.2:*:*:*:*:*:*:*"
            ),
            (
                "Oracle.JavaRuntimeEnvironment",
                "cpe:2.3:a:oracle:jre:1.8.0:update391:*:*:*:*:*:*"
            ),
        ]
    );
    // Without --include-versions there is no Version: the names are still listed.
    let no_versions = text.replace("\"Version\" : ", "\"Channel\" : ");
    let c = winget_json(&no_versions).unwrap();
    assert!(c.iter().all(|c| c.version.is_none() && c.cpe.is_none()));
    assert_eq!(
        winget_json("{\"bomFormat\":\"CycloneDX\"}"),
        Err(ListError::NotWinget)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever the text, the readers answer; they never panic.
    #[test]
    fn any_text_is_answered(parts in proptest::collection::vec(prop_oneof![
        Just("\""), Just(","), Just("\r\n"), Just("\n"), Just("\r"), Just("Name"), Just("Version"),
        Just("ProviderName"), Just("NuGet"), Just("#TYPE x\n"), Just("サクラ"), Just("\u{feff}"),
        Just("{"), Just("}"), Just("\"Sources\":["), Just("]"),
    ], 0..80)) {
        let text = parts.concat();
        let _ = get_package_csv(&text);
        let _ = winget_json(&text);
        let _ = detect(&text);
    }

    #[test]
    fn any_bytes_decode_or_not(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = decode(&bytes).map(|t| get_package_csv(&t));
    }
}
