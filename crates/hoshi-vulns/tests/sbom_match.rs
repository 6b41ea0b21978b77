//! A real SBOM checked against a real advisory: the components found, the reason given.

use hoshi_vulns::osv::Record;
use hoshi_vulns::sbom::cyclonedx_json;

fn data(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn dropwizards_jackson_databind_is_found_by_its_package_url() {
    let components = cyclonedx_json(&data("sbom/dropwizard-1.3.15.cdx.json")).unwrap();
    assert_eq!(components.len(), 167);
    let records = [
        Record::parse(&data("osv/GHSA-57j2-w4cx-62h2.json")).unwrap(),
        Record::parse(&data("osv/GHSA-jfh8-c2jp-5v3q.json")).unwrap(),
        Record::parse(&data("osv/GHSA-p6mc-m468-83gw.json")).unwrap(),
    ];
    let mut found = Vec::new();
    for c in &components {
        let (Some(p), Some(v)) = (&c.purl, &c.version) else {
            continue;
        };
        let Some((eco, name)) = p.osv_package() else {
            continue;
        };
        for r in &records {
            if let Some(why) = r.affects(eco, &name, v) {
                found.push((
                    name.clone(),
                    v.clone(),
                    r.id.clone(),
                    why.describe(hoshi_core::Lang::En),
                ));
            }
        }
    }
    // Dropwizard 1.3.15 ships jackson-databind 2.9.10 (affected until 2.12.6.1) and neither
    // log4j-core nor lodash (log4j-over-slf4j is another artifact).
    assert_eq!(
        found,
        [(
            "com.fasterxml.jackson.core:jackson-databind".to_string(),
            "2.9.10".to_string(),
            "GHSA-57j2-w4cx-62h2".to_string(),
            "< 2.12.6.1".to_string()
        )]
    );
}

#[test]
fn the_spdx_specifications_example_document() {
    let c =
        hoshi_vulns::sbom::any_json(&data("sbom/SPDXJSONExample-v2.3-packages.spdx.json")).unwrap();
    let names: Vec<&str> = c.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["glibc", "Apache Commons Lang", "Jena", "Saxon"]);
    assert_eq!(
        c[0].cpe.as_deref(),
        Some("cpe:2.3:a:pivotal_software:spring_framework:4.1.0:*:*:*:*:*:*:*")
    );
    assert_eq!(c[1].version, None, "no versionInfo");
    assert_eq!(
        c[2].purl.as_ref().and_then(|p| p.osv_package()),
        Some(("Maven", "org.apache.jena:apache-jena".into()))
    );
    assert!(hoshi_vulns::sbom::any_json(br#"{"name":"x"}"#).is_err());
}
