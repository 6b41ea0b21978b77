//! The desktop table (`hoshi_vulns::desktop`) against real NVD records
//! (tests/data/nvd-desktop): every CPE the table gives is one its records use, and for each
//! product a version a record calls affected gives a finding while a fixed one gives none —
//! first as the table turns a version into a CPE, then end to end through the Windows readers
//! (tests/data/windows). Each expectation was read off the record's configurations (quoted in
//! the comments), not taken from the matcher.

use std::collections::BTreeSet;

use hoshi_vulns::check::Data;
use hoshi_vulns::desktop::{self, DESKTOP};
use hoshi_vulns::input::decode;
use hoshi_vulns::nvd::{self, Cve};
use hoshi_vulns::sbom::Component;
use hoshi_vulns::windows::{get_package_csv, winget_json};

const RECORDS: &[&str] = &[
    "CVE-2019-5429",
    "CVE-2020-13699",
    "CVE-2021-3331",
    "CVE-2021-36367",
    "CVE-2021-40854",
    "CVE-2023-38831",
    "CVE-2023-40031",
    "CVE-2023-47359",
    "CVE-2024-0208",
    "CVE-2024-20731",
    "CVE-2024-20918",
    "CVE-2024-21388",
    "CVE-2024-3044",
    "CVE-2024-7971",
    "CVE-2024-9680",
    "CVE-2025-0411",
    "CVE-2025-49457",
];

const TODAY: &str = "2026-12-02";

fn record(id: &str) -> Cve {
    let path = format!(
        "{}/tests/data/nvd-desktop/{id}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut all = nvd::parse(&bytes).unwrap();
    assert_eq!(all.len(), 1);
    let cve = all.remove(0);
    assert_eq!(cve.id, id);
    cve
}

fn data() -> Data {
    let mut d = Data::default();
    for id in RECORDS {
        d.add_nvd(record(id));
    }
    d
}

fn cves(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

/// The CVEs found for product `id` at `version` (as Windows or winget writes it), checked as
/// the component the Windows readers make.
fn found(d: &Data, id: &str, version: &str) -> BTreeSet<String> {
    let p = desktop::by_id(id).unwrap();
    let cpe = desktop::cpe_for(p, version).unwrap_or_else(|| panic!("{id} {version}: no CPE"));
    let c = Component {
        name: p.product.to_string(),
        version: Some(version.to_string()),
        purl: None,
        cpe: Some(cpe),
    };
    d.check(&[c], TODAY).into_iter().map(|f| f.id).collect()
}

#[test]
fn every_record_is_in_the_directory_and_every_cpe_is_used_by_its_records() {
    let dir = format!("{}/tests/data/nvd-desktop", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".json").map(str::to_string))
        .collect();
    files.sort();
    assert_eq!(files, RECORDS);
    for p in DESKTOP {
        assert!(!p.cpe_records.is_empty(), "{}", p.id);
        let used: BTreeSet<(String, String, String)> = p
            .cpe_records
            .iter()
            .map(|id| record(id))
            .flat_map(|c| c.configurations)
            .flat_map(|c| c.nodes)
            .flat_map(|n| n.cpe_match)
            .filter(|m| m.vulnerable)
            .filter_map(|m| nvd::cpe_fields(&m.criteria))
            .map(|f| (f[0].clone(), f[1].clone(), f[2].clone()))
            .collect();
        let (part, vendor, product) = p.cpe;
        let key = (part.to_string(), vendor.to_string(), product.to_string());
        assert!(
            used.contains(&key),
            "{}: {key:?} not in {:?}",
            p.id,
            p.cpe_records
        );
    }
}

#[test]
fn google_chrome() {
    let d = data();
    let f = |v| found(&d, "google-chrome", v);
    // CVE-2024-7971: chrome < 128.0.6613.84.
    assert_eq!(f("120.0.6099.217"), cves(&["CVE-2024-7971"]));
    assert_eq!(f("128.0.6613.84"), cves(&[]));
    assert_eq!(f("128.0.6613.120"), cves(&[]));
}

#[test]
fn microsoft_edge() {
    let d = data();
    let f = |v| found(&d, "microsoft-edge", v);
    // CVE-2024-21388: edge_chromium < 121.0.2277.83. CVE-2024-7971's second configuration
    // names `microsoft:edge` < 128.0.2739.42, a CPE product the table does not give Edge: not
    // found (the table's choice, see desktop.rs).
    assert_eq!(f("120.0.2210.121"), cves(&["CVE-2024-21388"]));
    assert_eq!(f("121.0.2277.83"), cves(&[]));
    assert_eq!(f("128.0.2739.42"), cves(&[]));
}

#[test]
fn mozilla_firefox_and_thunderbird() {
    let d = data();
    let ff = |v| found(&d, "mozilla-firefox", v);
    // CVE-2024-9680: firefox (edition `-`) < 131.0.2; the ESR ranges (< 115.16.1,
    // 128.1.0 <= v < 128.3.1) do not hold 131.0.2 either.
    assert_eq!(ff("121.0.1"), cves(&["CVE-2024-9680"]));
    assert_eq!(ff("131.0.1"), cves(&["CVE-2024-9680"]));
    assert_eq!(ff("131.0.2"), cves(&[]));
    assert_eq!(ff("132.0"), cves(&[]));
    let tb = |v| found(&d, "mozilla-thunderbird", v);
    // thunderbird 128.0.1 <= v < 128.3.1, and 131.0 exactly.
    assert_eq!(tb("128.3.0"), cves(&["CVE-2024-9680"]));
    assert_eq!(tb("131.0"), cves(&["CVE-2024-9680"]));
    assert_eq!(tb("128.3.1"), cves(&[]));
    assert_eq!(tb("131.0.1"), cves(&[]));
}

/// Firefox ESR 128.3.1 is fixed (CVE-2024-9680's ESR range ends before it), but the release
/// range (`firefox:*:*:*:*:-`, < 131.0.2) holds 128.3.1 too: only CPE's software edition
/// (`esr` against `-`) tells the two apart, and the matcher does not compare it. Hence the
/// table leaves "Mozilla Firefox ESR" out.
#[test]
#[ignore = "matcher: nvd::CpeMatch::matches compares part, vendor and product but not sw_edition (esr vs -), so a fixed ESR falls in the release range"]
fn firefox_esr_is_told_apart_by_its_edition() {
    let d = data();
    let esr = |v: &str| Component {
        name: "Mozilla Firefox ESR".into(),
        version: Some(v.into()),
        purl: None,
        cpe: Some(format!("cpe:2.3:a:mozilla:firefox:{v}:*:*:*:esr:*:*:*")),
    };
    let ids = |v| -> BTreeSet<String> {
        d.check(&[esr(v)], TODAY)
            .into_iter()
            .map(|f| f.id)
            .collect()
    };
    // 128.3.0: in the ESR range 128.1.0 <= v < 128.3.1.
    assert_eq!(ids("128.3.0"), cves(&["CVE-2024-9680"]));
    // 128.3.1: the ESR fix.
    assert_eq!(ids("128.3.1"), cves(&[]));
}

#[test]
fn adobe_acrobat_and_reader() {
    let d = data();
    // CVE-2024-20731: acrobat_dc and acrobat_reader_dc (continuous) 15.008.20082 <= v <
    // 23.008.20533.
    for id in ["adobe-acrobat", "adobe-acrobat-reader"] {
        let f = |v| found(&d, id, v);
        assert_eq!(f("23.008.20470"), cves(&["CVE-2024-20731"]), "{id}");
        assert_eq!(f("20.013.20064"), cves(&["CVE-2024-20731"]), "{id}");
        assert_eq!(f("23.008.20533"), cves(&[]), "{id}");
        assert_eq!(f("24.002.20759"), cves(&[]), "{id}");
        assert_eq!(f("15.007.20033"), cves(&[]), "{id}: before the range");
    }
}

#[test]
fn seven_zip_and_winrar() {
    let d = data();
    // CVE-2025-0411: 7-zip < 24.09.
    let z = |v| found(&d, "7-zip", v);
    assert_eq!(z("23.01"), cves(&["CVE-2025-0411"]));
    assert_eq!(z("24.08"), cves(&["CVE-2025-0411"]));
    assert_eq!(z("24.09"), cves(&[]));
    // CVE-2023-38831: winrar < 6.23.
    let r = |v| found(&d, "winrar", v);
    assert_eq!(r("6.22.0"), cves(&["CVE-2023-38831"]));
    assert_eq!(r("6.02"), cves(&["CVE-2023-38831"]));
    assert_eq!(r("6.23.0"), cves(&[]));
    assert_eq!(r("7.01.0"), cves(&[]));
}

#[test]
fn notepad_plus_plus() {
    let d = data();
    let f = |v| found(&d, "notepad++", v);
    // CVE-2023-40031: notepad\+\+ <= 8.5.6.
    assert_eq!(f("8.5.6"), cves(&["CVE-2023-40031"]));
    assert_eq!(f("8.5.7"), cves(&[]));
    assert_eq!(f("8.6.2"), cves(&[]));
}

#[test]
fn vlc() {
    let d = data();
    let f = |v| found(&d, "vlc", v);
    // CVE-2023-47359: vlc_media_player < 3.0.20.
    assert_eq!(f("3.0.18"), cves(&["CVE-2023-47359"]));
    assert_eq!(f("3.0.20"), cves(&[]));
    assert_eq!(f("3.0.21"), cves(&[]));
}

#[test]
fn putty_winscp_filezilla() {
    let d = data();
    // CVE-2021-36367: putty <= 0.75 (Windows writes 0.75 as 0.75.0.0).
    let p = |v| found(&d, "putty", v);
    assert_eq!(p("0.75.0.0"), cves(&["CVE-2021-36367"]));
    assert_eq!(p("0.74"), cves(&["CVE-2021-36367"]));
    assert_eq!(p("0.76.0.0"), cves(&[]));
    assert_eq!(p("0.81.0.0"), cves(&[]));
    // CVE-2021-3331: winscp < 5.17.10.
    let w = |v| found(&d, "winscp", v);
    assert_eq!(w("5.17.9"), cves(&["CVE-2021-3331"]));
    assert_eq!(w("5.17.10"), cves(&[]));
    assert_eq!(w("6.3.5"), cves(&[]));
    // CVE-2019-5429: filezilla_client < 3.41.0.
    let z = |v| found(&d, "filezilla", v);
    assert_eq!(z("3.40.0"), cves(&["CVE-2019-5429"]));
    assert_eq!(z("3.41.0"), cves(&[]));
    assert_eq!(z("3.67.1"), cves(&[]));
}

#[test]
fn libreoffice() {
    let d = data();
    let f = |v| found(&d, "libreoffice", v);
    // CVE-2024-3044: libreoffice < 7.6.7.1, and 24.2.0.0 <= v < 24.2.3.1.
    assert_eq!(f("7.6.6.3"), cves(&["CVE-2024-3044"]));
    assert_eq!(f("24.2.2.2"), cves(&["CVE-2024-3044"]));
    assert_eq!(f("7.6.7.1"), cves(&[]));
    assert_eq!(f("24.2.3.1"), cves(&[]));
    assert_eq!(f("24.2.5.2"), cves(&[]));
}

#[test]
fn wireshark() {
    let d = data();
    let f = |v| found(&d, "wireshark", v);
    // CVE-2024-0208: 3.6.0 <= v <= 3.6.19, 4.0.0 <= v <= 4.0.11, and 4.2.0 exactly.
    assert_eq!(f("4.2.0"), cves(&["CVE-2024-0208"]));
    assert_eq!(f("4.0.11"), cves(&["CVE-2024-0208"]));
    assert_eq!(f("3.6.19"), cves(&["CVE-2024-0208"]));
    assert_eq!(f("4.2.1"), cves(&[]));
    assert_eq!(f("4.0.12"), cves(&[]));
    assert_eq!(f("4.2.6"), cves(&[]));
    assert_eq!(f("3.4.16"), cves(&[]));
}

#[test]
fn teamviewer_and_anydesk() {
    let d = data();
    // CVE-2020-13699: teamviewer < 15.8.3 (the record gives no lower bound).
    let t = |v| found(&d, "teamviewer", v);
    assert_eq!(t("15.8.2"), cves(&["CVE-2020-13699"]));
    assert_eq!(t("15.8.3"), cves(&[]));
    assert_eq!(t("15.58.4"), cves(&[]));
    // CVE-2021-40854: anydesk (windows) 3.1.0 <= v < 6.2.6, and 6.2.6 < v <= 6.3.2.
    let a = |v| found(&d, "anydesk", v);
    assert_eq!(a("6.2.5"), cves(&["CVE-2021-40854"]));
    assert_eq!(a("ad 6.3.2"), cves(&["CVE-2021-40854"]));
    assert_eq!(a("6.2.6"), cves(&[]));
    assert_eq!(a("6.3.3"), cves(&[]));
    assert_eq!(a("ad 8.0.14"), cves(&[]));
    assert_eq!(a("3.0.0"), cves(&[]), "before the range");
}

#[test]
fn zoom() {
    let d = data();
    let f = |v| found(&d, "zoom", v);
    // CVE-2025-49457: workplace_desktop (windows) < 6.3.10.
    assert_eq!(f("5.17.5 (31030)"), cves(&["CVE-2025-49457"]));
    assert_eq!(f("6.3.9.60000"), cves(&["CVE-2025-49457"]));
    assert_eq!(f("6.3.10"), cves(&[]));
    assert_eq!(f("6.4.0 (60000)"), cves(&[]));
}

#[test]
fn oracle_java() {
    let d = data();
    // CVE-2024-20918 lists exact versions: jre and jdk 1.8.0 update391, 11.0.21, 17.0.9,
    // 21.0.1.
    let jre = |v| found(&d, "oracle-jre", v);
    assert_eq!(jre("8.0.3910.13"), cves(&["CVE-2024-20918"]));
    assert_eq!(jre("8 Update 391"), cves(&["CVE-2024-20918"]));
    assert_eq!(jre("8.0.4010.10"), cves(&[]), "8u401");
    let jdk = |v| found(&d, "oracle-jdk", v);
    assert_eq!(jdk("21.0.1.0"), cves(&["CVE-2024-20918"]));
    assert_eq!(jdk("17.0.9"), cves(&["CVE-2024-20918"]));
    assert_eq!(jdk("8 Update 391"), cves(&["CVE-2024-20918"]));
    assert_eq!(jdk("21.0.2"), cves(&[]));
    assert_eq!(jdk("21.0.4.0"), cves(&[]));
    // Only the versions Oracle still supported are listed: an older 8u381 is not named by
    // this record (NVD's data, not the matcher).
    assert_eq!(jre("8.0.3810.9"), cves(&[]));
}

fn windows_data(path: &str) -> String {
    let bytes = std::fs::read(format!(
        "{}/tests/data/windows/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    decode(&bytes).unwrap().into_owned()
}

/// (component name, CVE) of every finding.
fn findings(d: &Data, components: &[Component]) -> BTreeSet<(String, String)> {
    d.check(components, TODAY)
        .into_iter()
        .map(|f| (components[f.component].name.clone(), f.id))
        .collect()
}

fn named(pairs: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn a_get_package_list_end_to_end() {
    let d = data();
    for file in [
        "get-package-ps51-utf8.csv",
        "get-package-ps51-unicode.csv",
        "get-package-select-ps7.csv",
    ] {
        let r = get_package_csv(&windows_data(file)).unwrap();
        assert_eq!(r.components.len(), 15, "{file}");
        // Chrome 120.0.6099.217 < 128.0.6613.84; 7-Zip 23.01 < 24.09; Acrobat 23.008.20470 <
        // 23.008.20533; Edge 120.0.2210.121 < 121.0.2277.83; Java 8 Update 391 (8.0.3910.13)
        // is 1.8.0 update391, listed; Zoom 5.17.5 < 6.3.10.
        assert_eq!(
            findings(&d, &r.components),
            named(&[
                ("7-Zip 23.01 (x64)", "CVE-2025-0411"),
                ("Adobe Acrobat (64-bit)", "CVE-2024-20731"),
                ("Google Chrome", "CVE-2024-7971"),
                ("Java 8 Update 391 (64-bit)", "CVE-2024-20918"),
                ("Microsoft Edge", "CVE-2024-21388"),
                ("Zoom", "CVE-2025-49457"),
            ]),
            "{file}"
        );
        // The programs outside the table (Office, サクラエディタ, CubePDF, Lhaplus, the VC++
        // runtime, updates, PSWindowsUpdate) have no CPE.
        let with_cpe: Vec<&str> = r
            .components
            .iter()
            .filter(|c| c.cpe.is_some())
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(
            with_cpe,
            [
                "7-Zip 23.01 (x64)",
                "Google Chrome",
                "Adobe Acrobat (64-bit)",
                "Microsoft Edge",
                "Java 8 Update 391 (64-bit)",
                "Zoom",
            ],
            "{file}"
        );
    }
}

#[test]
fn a_winget_export_end_to_end() {
    let d = data();
    let c = winget_json(&windows_data("winget-export-include-versions.json")).unwrap();
    assert_eq!(c.len(), 12);
    // 7-Zip, Reader (acrobat_reader_dc 23.008.20470), Chrome, Edge and Java as above; Firefox
    // 121.0.1 < 131.0.2. Notepad++ 8.6.2 is past CVE-2023-40031 (<= 8.5.6).
    assert_eq!(
        findings(&d, &c),
        named(&[
            ("7zip.7zip", "CVE-2025-0411"),
            ("Adobe.Acrobat.Reader.64-bit", "CVE-2024-20731"),
            ("Google.Chrome", "CVE-2024-7971"),
            ("Microsoft.Edge", "CVE-2024-21388"),
            ("Mozilla.Firefox.ja", "CVE-2024-9680"),
            ("Oracle.JavaRuntimeEnvironment", "CVE-2024-20918"),
        ])
    );
    // winget writes Zoom as release and build (5.17.31030), without the patch number NVD's
    // ranges need: no CPE, not checked.
    let with_cpe: Vec<&str> = c
        .iter()
        .filter(|c| c.cpe.is_some())
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(
        with_cpe,
        [
            "7zip.7zip",
            "Adobe.Acrobat.Reader.64-bit",
            "Google.Chrome",
            "Microsoft.Edge",
            "Mozilla.Firefox.ja",
            "Notepad++.Notepad++",
            "Oracle.JavaRuntimeEnvironment",
        ]
    );
}
