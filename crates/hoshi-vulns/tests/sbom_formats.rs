//! CycloneDX XML and SPDX tag-value read from real documents (tests/data/sbom): the same
//! components as the JSON of the same document, and a finding through each.

use hoshi_vulns::osv::Record;
use hoshi_vulns::sbom::{
    Component, SbomError, any_json, cyclonedx_json, cyclonedx_xml, spdx_tag_value,
};
use proptest::prelude::*;

fn data(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn names(c: &[Component]) -> Vec<&str> {
    c.iter().map(|c| c.name.as_str()).collect()
}

/// The OSV findings of `components` against the real records of tests/data/osv.
fn osv_findings(components: &[Component]) -> Vec<(String, String, String)> {
    let records: Vec<Record> = [
        "osv/GHSA-57j2-w4cx-62h2.json",
        "osv/GHSA-jfh8-c2jp-5v3q.json",
        "osv/GHSA-p6mc-m468-83gw.json",
    ]
    .iter()
    .map(|p| Record::parse(&data(p)).unwrap())
    .collect();
    let mut found = Vec::new();
    for c in components {
        let (Some(p), Some(v)) = (&c.purl, &c.version) else {
            continue;
        };
        let Some((eco, name)) = p.osv_package() else {
            continue;
        };
        for r in &records {
            if r.affects(eco, &name, v).is_some() {
                found.push((name.clone(), v.clone(), r.id.clone()));
            }
        }
    }
    found
}

#[test]
fn cyclonedx_xml_of_the_specification_matches_its_json() {
    for (name, count) in [
        ("valid-assembly-1.5", 2),
        ("valid-metadata-tool-1.5", 0),
        ("valid-bom-1.6", 3),
        ("valid-component-identifiers-1.6", 1),
    ] {
        let xml = cyclonedx_xml(&data(&format!("sbom/cyclonedx-spec/{name}.xml"))).unwrap();
        let json = cyclonedx_json(&data(&format!("sbom/cyclonedx-spec/{name}.json"))).unwrap();
        assert_eq!(xml, json, "{name}");
        assert_eq!(xml.len(), count, "{name}");
    }
    let c = cyclonedx_xml(&data("sbom/cyclonedx-spec/valid-assembly-1.5.xml")).unwrap();
    assert_eq!(names(&c), ["acme-library-a", "acme-library-b"], "nested");
    // The BOM's subject and the ancestor in the pedigree are not components to check.
    let c = cyclonedx_xml(&data("sbom/cyclonedx-spec/valid-bom-1.6.xml")).unwrap();
    assert_eq!(names(&c), ["tomcat-catalina", "mylibrary", "myframework"]);
    let c = cyclonedx_xml(&data(
        "sbom/cyclonedx-spec/valid-component-identifiers-1.6.xml",
    ))
    .unwrap();
    assert_eq!(
        c[0].cpe.as_deref(),
        Some("cpe:2.3:a:example:acme-library:1.0.0:*:*:*:*:*:*:*")
    );
    assert_eq!(
        c[0].purl.as_ref().and_then(|p| p.osv_package()),
        Some(("Maven", "com.example:acme-library".into()))
    );
}

#[test]
fn dropwizard_xml_reads_as_its_json_does() {
    let xml = cyclonedx_xml(&data("sbom/dropwizard-1.3.15-first11.cdx.xml")).unwrap();
    let json = cyclonedx_json(&data("sbom/dropwizard-1.3.15.cdx.json")).unwrap();
    assert_eq!(xml.len(), 11);
    assert_eq!(xml[..], json[..11]);
    assert_eq!(
        osv_findings(&xml),
        [(
            "com.fasterxml.jackson.core:jackson-databind".to_string(),
            "2.9.10".to_string(),
            "GHSA-57j2-w4cx-62h2".to_string()
        )]
    );
}

#[test]
fn juice_shops_nested_lodash_is_found_in_xml_and_json() {
    let xml = cyclonedx_xml(&data("sbom/juice-shop-npm-subset.cdx.xml")).unwrap();
    let json = cyclonedx_json(&data("sbom/juice-shop-npm-subset.cdx.json")).unwrap();
    assert_eq!(xml, json);
    // decompress with 3 nested, express with 4, lodash, sanitize-html with 1; not the metadata's.
    assert_eq!(xml.len(), 4 + 5 + 1 + 2);
    // sanitize-html 1.4.2 brings its own lodash 2.4.2 (nested); the top-level 4.17.21 is fixed.
    assert_eq!(
        osv_findings(&xml),
        [(
            "lodash".to_string(),
            "2.4.2".to_string(),
            "GHSA-p6mc-m468-83gw".to_string()
        )]
    );
}

#[test]
fn the_spdx_specifications_tag_value_example_matches_its_json() {
    let tv = spdx_tag_value(&data("sbom/SPDXTagExample-v2.3.spdx")).unwrap();
    let json = any_json(&data("sbom/SPDXJSONExample-v2.3-packages.spdx.json")).unwrap();
    assert_eq!(tv, json);
    assert_eq!(
        names(&tv),
        ["glibc", "Apache Commons Lang", "Jena", "Saxon"]
    );
}

#[test]
fn an_in_house_tag_value_sbom() {
    let c = spdx_tag_value(&data("sbom/juchu-web-2.4.0.spdx")).unwrap();
    assert_eq!(
        names(&c),
        [
            "juchu-web",
            "log4j-core",
            "jackson-databind",
            "Apache Tomcat",
            "lodash"
        ],
        "the lines inside the description's <text> are no package"
    );
    assert_eq!(
        c[3].cpe.as_deref(),
        Some("cpe:2.3:a:apache:tomcat:9.0.50:*:*:*:*:*:*:*")
    );
    let found: Vec<String> = osv_findings(&c).into_iter().map(|f| f.2).collect();
    assert_eq!(found, ["GHSA-jfh8-c2jp-5v3q", "GHSA-57j2-w4cx-62h2"]);
}

#[test]
fn error_messages_say_where_and_what_in_both_languages() {
    use hoshi_core::Lang;
    let e =
        spdx_tag_value(b"SPDXVersion: SPDX-2.3\nPackageName: a\nExternalRef: purl\n").unwrap_err();
    assert_eq!(
        e.message(Lang::Ja),
        "3 行目: ExternalRef は「分類 種類 場所」の 3 項目で書いてください（例: PACKAGE-MANAGER purl pkg:npm/lodash@4.17.21）。読み取った値: purl"
    );
    assert!(
        e.message(Lang::En)
            .starts_with("line 3: expected ExternalRef as")
    );
    let e = cyclonedx_xml(b"<?xml version=\"1.0\"?>\n<!DOCTYPE bom [<!ENTITY a \"a\">]><bom/>")
        .unwrap_err();
    assert_eq!(e, SbomError::XmlDoctype { line: 2 });
    assert!(e.message(Lang::Ja).contains("2 行目: 文書型宣言"));
}

/// A billion-laughs document is refused at its DOCTYPE, before any entity could be used.
#[test]
fn entity_expansion_is_refused() {
    let mut doc = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE bom [\n<!ENTITY a0 \"ha\">\n");
    for i in 1..10 {
        let prev = format!("&a{};", i - 1).repeat(10);
        doc.push_str(&format!("<!ENTITY a{i} \"{prev}\">\n"));
    }
    doc.push_str("]>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\"><components><component><name>&a9;</name></component></components></bom>\n");
    assert_eq!(
        cyclonedx_xml(doc.as_bytes()),
        Err(SbomError::XmlDoctype { line: 2 })
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Whatever the bytes, the readers answer (components or a reason); they never panic.
    #[test]
    fn any_bytes_are_answered(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = cyclonedx_xml(&bytes);
        let _ = spdx_tag_value(&bytes);
    }

    /// Text made of the pieces these formats are built from, shuffled.
    #[test]
    fn format_like_text_is_answered(parts in proptest::collection::vec(prop_oneof![
        Just("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">"), Just("</bom>"),
        Just("<components>"), Just("</components>"), Just("<component>"), Just("</component>"),
        Just("<name>"), Just("</name>"), Just("<purl>pkg:npm/a@1</purl>"), Just("&amp;"),
        Just("&#xD800;"), Just("&#0;"), Just("&x;"), Just("<![CDATA[x]]>"), Just("<!--c-->"),
        Just("<!DOCTYPE x>"), Just("<?pi?>"), Just("\n"), Just("SPDXVersion: SPDX-2.3\n"),
        Just("PackageName: a\n"), Just("PackageVersion: 1\n"), Just("<text>"), Just("</text>"),
        Just("ExternalRef: A purl pkg:npm/a@1\n"), Just("FileName: f\n"), Just(":"),
    ], 0..60)) {
        let text = parts.concat();
        let _ = cyclonedx_xml(text.as_bytes());
        let _ = spdx_tag_value(text.as_bytes());
    }
}
