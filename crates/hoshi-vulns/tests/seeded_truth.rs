//! A seeded SBOM of 200 components checked against the committed OSV records, with the expected
//! findings worked out here by a route that shares nothing with the matcher: the records are
//! read as plain JSON (not `osv::Record`), each range is taken as the (introduced, fixed) pairs
//! in the order they are written (the matcher sorts the events and walks them as the OSV
//! specification says), versions are compared as tuples of numbers (the matcher uses each
//! ecosystem's own order: Maven, SemVer, PEP 440), and for Django the record's explicit list of
//! affected versions decides as well. The candidates are plain numeric versions, on which all
//! those orders agree, plus the listed Django pre-releases. `scripts/bench-vulns` does the same
//! at 10,000 components on real data, with Python's `packaging` and `semver` as the other route.
//!
//! The check runs twice — on all records, and on the records `keys.tsv` selects for the SBOM
//! (the path `hoshi vulns check` takes) — and both must give the expected pairs exactly.

use std::collections::BTreeSet;

use hoshi_vulns::index::{self, Index};
use hoshi_vulns::sbom::cyclonedx_json;
use serde_json::Value;

const FIXTURES: [&str; 4] = [
    "GHSA-57j2-w4cx-62h2.json",
    "GHSA-jfh8-c2jp-5v3q.json",
    "GHSA-p6mc-m468-83gw.json",
    "PYSEC-2023-100.json",
];

fn fixture(name: &str) -> Vec<u8> {
    let dir = env!("CARGO_MANIFEST_DIR");
    std::fs::read(format!("{dir}/tests/data/osv/{name}")).unwrap()
}

/// A numeric version as a tuple, trailing zeros dropped (`4.2.0` is `4.2`); `None` for anything
/// else (pre-releases and the like).
fn tuple(v: &str) -> Option<Vec<u64>> {
    let mut t: Vec<u64> = v
        .split('.')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    while t.last() == Some(&0) {
        t.pop();
    }
    Some(t)
}

/// The records' packages: (purl type, purl path, OSV package name).
const PACKAGES: [(&str, &str, &str); 5] = [
    (
        "maven",
        "com.fasterxml.jackson.core/jackson-databind",
        "com.fasterxml.jackson.core:jackson-databind",
    ),
    (
        "maven",
        "org.apache.logging.log4j/log4j-core",
        "org.apache.logging.log4j:log4j-core",
    ),
    ("npm", "lodash", "lodash"),
    ("npm", "lodash-es", "lodash-es"),
    ("pypi", "django", "django"),
];

/// Whether `version` of `package` is affected by `record`, by the route described above;
/// `None` when that route cannot tell (a version that is not a plain number and not listed).
fn expected(record: &Value, package: &str, version: &str) -> Option<bool> {
    let mut affected = false;
    for a in record["affected"].as_array().unwrap() {
        if a["package"]["name"] != package {
            continue;
        }
        let listed = a["versions"].as_array().into_iter().flatten();
        if listed.clone().any(|v| v == version) {
            return Some(true);
        }
        let v = tuple(version)?;
        for r in a["ranges"].as_array().unwrap() {
            let events = r["events"].as_array().unwrap();
            for pair in events.chunks(2) {
                let start = pair[0]["introduced"].as_str().expect("introduced first");
                let end = pair
                    .get(1)
                    .map(|e| e["fixed"].as_str().expect("then fixed"));
                let after_start = start == "0" || v >= tuple(start).unwrap();
                let before_end = end.is_none_or(|e| v < tuple(e).unwrap());
                affected |= after_start && before_end;
            }
        }
    }
    Some(affected)
}

/// A small fixed-seed generator (xorshift64*), so the SBOM is the same on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }
}

/// Every version the records name, each numeric one's neighbours (last part ± 1, one part
/// more), and a few releases far from every range.
fn candidates(records: &[Value]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for r in records {
        for a in r["affected"].as_array().unwrap() {
            for v in a["versions"].as_array().into_iter().flatten() {
                out.insert(v.as_str().unwrap().to_string());
            }
            for range in a["ranges"].as_array().unwrap() {
                for e in range["events"].as_array().unwrap() {
                    let v = e.as_object().unwrap().values().next().unwrap();
                    let v = v.as_str().unwrap();
                    if v == "0" {
                        continue;
                    }
                    let parts: Vec<u64> = v.split('.').map(|p| p.parse().unwrap()).collect();
                    let (head, last) = parts.split_at(parts.len() - 1);
                    let join =
                        |t: &[u64]| t.iter().map(u64::to_string).collect::<Vec<_>>().join(".");
                    out.insert(v.to_string());
                    out.insert(join(&[head, &[last[0] + 1]].concat()));
                    if last[0] > 0 {
                        out.insert(join(&[head, &[last[0] - 1]].concat()));
                    }
                    out.insert(format!("{v}.1"));
                }
            }
        }
    }
    out.extend(["0.1.0", "1.0", "1.11.29", "3.1.14", "5.0", "9.9.9"].map(String::from));
    out
}

#[test]
fn two_hundred_seeded_components_match_exactly_the_independently_expected_records() {
    let records: Vec<Value> = FIXTURES
        .iter()
        .map(|f| serde_json::from_slice(&fixture(f)).unwrap())
        .collect();
    let versions: Vec<String> = candidates(&records).into_iter().collect();
    let mut rng = Rng(0x5eed_0013);
    let mut chosen: BTreeSet<(usize, String)> = BTreeSet::new();
    let mut components = Vec::new();
    let mut want: BTreeSet<(usize, String)> = BTreeSet::new();
    let (mut affected, mut clean, mut unrelated) = (0, 0, 0);
    while components.len() < 200 {
        let i = components.len();
        if rng.below(10) == 0 {
            // Unrelated: a package no record names.
            let v = format!("1.{}.{}", rng.below(20), rng.below(10));
            components.push(format!(
                r#"{{"name":"left-pad","version":"{v}","purl":"pkg:npm/left-pad@{v}"}}"#
            ));
            unrelated += 1;
            continue;
        }
        let p = rng.below(PACKAGES.len());
        let v = &versions[rng.below(versions.len())];
        if PACKAGES[p].0 == "npm" && v.split('.').count() != 3 {
            continue; // not a SemVer version: npm has no such release
        }
        let hits: Option<Vec<Option<&str>>> = records
            .iter()
            .map(|r| expected(r, PACKAGES[p].2, v).map(|x| x.then(|| r["id"].as_str().unwrap())))
            .collect();
        let Some(hits) = hits else { continue };
        if !chosen.insert((p, v.clone())) {
            continue;
        }
        let hits: Vec<&str> = hits.into_iter().flatten().collect();
        if hits.is_empty() {
            clean += 1;
        } else {
            affected += 1;
        }
        want.extend(hits.iter().map(|id| (i, id.to_string())));
        let (kind, path, name) = PACKAGES[p];
        let short = name.rsplit(':').next().unwrap();
        components.push(format!(
            r#"{{"name":"{short}","version":"{v}","purl":"pkg:{kind}/{path}@{v}"}}"#
        ));
    }
    // A fair mix, so that both misses and false alarms would show.
    assert!(
        affected >= 50 && clean >= 50 && unrelated >= 10,
        "{affected} {clean} {unrelated}"
    );
    let sbom = format!(
        r#"{{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{}]}}"#,
        components.join(",")
    );
    let comps = cyclonedx_json(sbom.as_bytes()).unwrap();
    assert_eq!(comps.len(), 200);

    let mut ix = Index::default();
    for f in FIXTURES {
        ix.add(&fixture(f)).unwrap();
    }
    let (osv, nvd, ..) = ix.files("2026-12-03");
    let keys = ix.keys_file().unwrap();
    let sel = index::select(&keys, osv.len() as u64, nvd.len() as u64, &comps).unwrap();
    let mut osv_file = std::io::Cursor::new(osv.as_bytes());
    let lines = index::read_selected(&sel, Some(&mut osv_file), None)
        .unwrap()
        .unwrap();
    assert!(lines.nvd.is_empty());
    let osv_lines = lines.osv.iter().map(Vec::as_slice);
    let selected = index::data_from(osv_lines, [], None, None).unwrap();
    for (how, data) in [("all records", ix.data().unwrap()), ("keys.tsv", selected)] {
        let got: BTreeSet<(usize, String)> = data
            .check(&comps, "2026-12-03")
            .into_iter()
            .map(|f| (f.component, f.id))
            .collect();
        let missed: Vec<_> = want.difference(&got).collect();
        let extra: Vec<_> = got.difference(&want).collect();
        assert!(
            missed.is_empty() && extra.is_empty(),
            "{how}: missed {missed:?}, not expected {extra:?}"
        );
    }
    assert!(want.len() >= 50, "{}", want.len());
}

#[test]
fn a_keys_file_that_does_not_fit_the_records_selects_nothing() {
    let mut ix = Index::default();
    ix.add(&fixture("PYSEC-2023-100.json")).unwrap();
    let (osv, ..) = ix.files("2026-12-03");
    let keys = ix.keys_file().unwrap();
    let comps = cyclonedx_json(
        br#"{"bomFormat":"CycloneDX","components":[{"name":"django","version":"4.2.1","purl":"pkg:pypi/Django@4.2.1"}]}"#,
    )
    .unwrap();
    let n = osv.len() as u64;
    // Made for other record files (an import stopped half-way), or not a keys file at all.
    assert!(index::select(&keys, n + 1, 0, &comps).is_none());
    assert!(index::select("osv.jsonl\n", n, 0, &comps).is_none());
    // The right sizes: the record's one line, and it matches.
    let sel = index::select(&keys, n, 0, &comps).unwrap();
    assert_eq!(sel.spans, [(index::Source::Osv, 0, osv.len() - 1)]);
    // A span that is not a whole line (the records changed under the same size).
    let shifted = format!(" {}", &osv[..osv.len() - 1]);
    let mut file = std::io::Cursor::new(shifted.as_bytes());
    assert!(
        index::read_selected(&sel, Some(&mut file), None)
            .unwrap()
            .is_none()
    );
}
