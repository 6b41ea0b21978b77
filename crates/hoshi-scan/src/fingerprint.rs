//! Product knowledge as data: `data/fingerprints.toml` (format documented in `docs/scan.md`
//! and at the top of the file). Each HTTP rule names a path to request, what a response must
//! show for the product to be recognised, and where its version or build can be read. Each
//! banner rule reads a product from what a server says first. Every rule carries examples,
//! and a test checks each rule against its own examples and against every other rule's.

use std::collections::{BTreeMap, BTreeSet};

use regex::Regex;
use serde::Deserialize;

use crate::http::Response;

/// The bundled fingerprint file.
pub const BUNDLED: &str = include_str!("../data/fingerprints.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    format: u32,
    updated: String,
    #[serde(default)]
    http: Vec<HttpRuleSrc>,
    #[serde(default)]
    banner: Vec<BannerRuleSrc>,
    /// Named tables turning a value seen (a hash, a date) into a version.
    #[serde(default)]
    maps: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternSrc {
    /// `body`, `title`, `cookie` (a cookie name), `status`, or `header:<name>`.
    #[serde(rename = "in")]
    place: String,
    #[serde(default)]
    contains: Option<String>,
    #[serde(default)]
    regex: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct VersionSrc {
    /// The path to request (the rule's own path when absent).
    #[serde(default)]
    path: Option<String>,
    /// Where to look, as in patterns.
    #[serde(rename = "in")]
    place: String,
    /// The first capture group is the value (unused with `decode = "gzip-mtime"`).
    #[serde(default)]
    regex: Option<String>,
    /// How the captured value becomes a version or build: `epoch-hex` (hexadecimal Unix time →
    /// the UTC date), `gzip-mtime` (the modification time in a gzip header → the UTC date).
    #[serde(default)]
    decode: Option<String>,
    /// `version` (default) or `build`.
    #[serde(default)]
    field: Option<String>,
    /// A table in `[maps]` the value is looked up in.
    #[serde(default)]
    map: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleResponse {
    pub path: String,
    #[serde(default = "ok")]
    pub status: u16,
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    #[serde(default)]
    pub body: String,
    /// A binary body, as hexadecimal (instead of `body`).
    #[serde(default)]
    pub body_hex: Option<String>,
}

fn ok() -> u16 {
    200
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub responses: Vec<ExampleResponse>,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub build: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct HttpRuleSrc {
    id: String,
    vendor: String,
    product: String,
    /// `remote-access-vpn`, `admin-panel`, `web-server`, `application`.
    kind: String,
    /// The product key in the bundled vulnerability table, if any.
    #[serde(default)]
    vulns: Option<String>,
    path: String,
    #[serde(default)]
    all: Vec<PatternSrc>,
    #[serde(default)]
    any: Vec<PatternSrc>,
    #[serde(default)]
    version: Vec<VersionSrc>,
    #[serde(default)]
    examples: Vec<Example>,
    /// Where the knowledge comes from (public documentation, the vendor's pages).
    #[serde(default)]
    source: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct BannerRuleSrc {
    id: String,
    vendor: String,
    product: String,
    kind: String,
    /// The service whose banner is read (`ssh`, `ftp`, `smtp`, `telnet`, `http-server`…).
    service: String,
    regex: String,
    /// The capture group holding the version, if any.
    #[serde(default)]
    version_group: Option<usize>,
    #[serde(default)]
    vulns: Option<String>,
    #[serde(default)]
    examples: Vec<BannerExample>,
    #[serde(default)]
    source: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BannerExample {
    pub text: String,
    #[serde(default)]
    pub version: Option<String>,
}

/// Where a pattern looks.
#[derive(Debug, Clone)]
enum Place {
    Body,
    Title,
    Cookie,
    Status,
    Header(String),
}

#[derive(Debug, Clone)]
struct Pattern {
    place: Place,
    test: Test,
}

#[derive(Debug, Clone)]
enum Test {
    Contains(String),
    Regex(Regex),
}

#[derive(Debug, Clone)]
struct VersionRule {
    path: String,
    place: Place,
    regex: Option<Regex>,
    decode: Decode,
    build: bool,
    map: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decode {
    None,
    EpochHex,
    GzipMtime,
}

/// A product recognised from HTTP responses.
#[derive(Debug, Clone)]
pub struct HttpRule {
    pub id: String,
    pub vendor: String,
    pub product: String,
    pub kind: String,
    pub vulns: Option<String>,
    pub path: String,
    all: Vec<Pattern>,
    any: Vec<Pattern>,
    version: Vec<VersionRule>,
    pub examples: Vec<Example>,
    pub source: Option<String>,
}

/// A product recognised from a banner.
#[derive(Debug, Clone)]
pub struct BannerRule {
    pub id: String,
    pub vendor: String,
    pub product: String,
    pub kind: String,
    pub service: String,
    regex: Regex,
    version_group: Option<usize>,
    pub vulns: Option<String>,
    pub examples: Vec<BannerExample>,
    pub source: Option<String>,
}

/// The loaded knowledge.
#[derive(Debug, Clone)]
pub struct Db {
    pub format: u32,
    pub updated: String,
    pub http: Vec<HttpRule>,
    pub banner: Vec<BannerRule>,
    maps: BTreeMap<String, BTreeMap<String, String>>,
}

/// What a rule recognised.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Match {
    pub rule: String,
    pub vendor: String,
    pub product: String,
    pub kind: String,
    pub version: Option<String>,
    pub build: Option<String>,
    #[serde(skip)]
    pub vulns: Option<String>,
    /// What was seen, in words (the path and the marker).
    pub evidence: Vec<String>,
}

fn place(s: &str, rule: &str) -> Result<Place, String> {
    Ok(match s {
        "body" => Place::Body,
        "title" => Place::Title,
        "cookie" => Place::Cookie,
        "status" => Place::Status,
        h => match h.strip_prefix("header:") {
            Some(name) if !name.is_empty() => Place::Header(name.to_ascii_lowercase()),
            _ => return Err(format!("{rule}: unknown place `{s}`")),
        },
    })
}

fn regex(s: &str, rule: &str) -> Result<Regex, String> {
    Regex::new(s).map_err(|e| format!("{rule}: bad regex `{s}`: {e}"))
}

fn pattern(p: &PatternSrc, rule: &str) -> Result<Pattern, String> {
    let test = match (&p.contains, &p.regex) {
        (Some(c), None) => Test::Contains(c.clone()),
        (None, Some(r)) => Test::Regex(regex(r, rule)?),
        _ => {
            return Err(format!(
                "{rule}: a pattern needs exactly one of contains or regex"
            ));
        }
    };
    Ok(Pattern {
        place: place(&p.place, rule)?,
        test,
    })
}

impl Db {
    /// The bundled knowledge (checked by the tests, so loading it cannot fail in a release).
    pub fn bundled() -> Db {
        Db::parse(BUNDLED).unwrap_or_else(|e| panic!("bundled fingerprints: {e}"))
    }

    /// Reads a fingerprint file; every problem names the rule.
    pub fn parse(text: &str) -> Result<Db, String> {
        let f: File = toml::from_str(text).map_err(|e| e.to_string())?;
        if f.format != 1 {
            return Err(format!(
                "fingerprint format {} is not known (1 is)",
                f.format
            ));
        }
        let mut ids = BTreeSet::new();
        let mut http = Vec::new();
        for r in f.http {
            if !ids.insert(r.id.clone()) {
                return Err(format!("{}: the id is used twice", r.id));
            }
            if r.all.is_empty() && r.any.is_empty() {
                return Err(format!("{}: a rule needs at least one pattern", r.id));
            }
            let version = r
                .version
                .iter()
                .map(|v| {
                    if let Some(m) = &v.map
                        && !f.maps.contains_key(m)
                    {
                        return Err(format!("{}: no map named `{m}`", r.id));
                    }
                    let decode = match v.decode.as_deref() {
                        None => Decode::None,
                        Some("epoch-hex") => Decode::EpochHex,
                        Some("gzip-mtime") => Decode::GzipMtime,
                        Some(d) => return Err(format!("{}: unknown decode `{d}`", r.id)),
                    };
                    let regex = match (&v.regex, decode) {
                        (Some(re), _) => Some(regex(re, &r.id)?),
                        (None, Decode::GzipMtime) => None,
                        (None, _) => return Err(format!("{}: a version rule needs a regex", r.id)),
                    };
                    Ok(VersionRule {
                        path: v.path.clone().unwrap_or_else(|| r.path.clone()),
                        place: place(&v.place, &r.id)?,
                        regex,
                        decode,
                        build: v.field.as_deref() == Some("build"),
                        map: v.map.clone(),
                    })
                })
                .collect::<Result<_, String>>()?;
            http.push(HttpRule {
                all: r
                    .all
                    .iter()
                    .map(|p| pattern(p, &r.id))
                    .collect::<Result<_, _>>()?,
                any: r
                    .any
                    .iter()
                    .map(|p| pattern(p, &r.id))
                    .collect::<Result<_, _>>()?,
                version,
                id: r.id,
                vendor: r.vendor,
                product: r.product,
                kind: r.kind,
                vulns: r.vulns,
                path: r.path,
                examples: r.examples,
                source: r.source,
            });
        }
        let mut banner = Vec::new();
        for r in f.banner {
            if !ids.insert(r.id.clone()) {
                return Err(format!("{}: the id is used twice", r.id));
            }
            banner.push(BannerRule {
                regex: regex(&r.regex, &r.id)?,
                id: r.id,
                vendor: r.vendor,
                product: r.product,
                kind: r.kind,
                service: r.service,
                version_group: r.version_group,
                vulns: r.vulns,
                examples: r.examples,
                source: r.source,
            });
        }
        Ok(Db {
            format: f.format,
            updated: f.updated,
            http,
            banner,
            maps: f.maps,
        })
    }

    /// The paths to request first on an HTTP(S) port: `/` and every rule's own path.
    pub fn probe_paths(&self) -> Vec<String> {
        let mut v: Vec<String> = std::iter::once("/".to_string())
            .chain(self.http.iter().map(|r| r.path.clone()))
            .collect();
        let mut seen = BTreeSet::new();
        v.retain(|p| seen.insert(p.clone()));
        v
    }

    /// The version paths of a recognised rule not fetched yet.
    pub fn version_paths(&self, rule: &str) -> Vec<String> {
        self.http
            .iter()
            .filter(|r| r.id == rule)
            .flat_map(|r| r.version.iter().map(|v| v.path.clone()))
            .collect()
    }

    /// Every rule whose patterns hold on the response to its path, with the version read from
    /// `responses` (path → response).
    pub fn match_http(&self, responses: &BTreeMap<String, Response>) -> Vec<Match> {
        let mut out = Vec::new();
        for r in &self.http {
            let Some(resp) = responses.get(&r.path) else {
                continue;
            };
            let all = r.all.iter().all(|p| holds(p, resp));
            let any = r.any.is_empty() || r.any.iter().any(|p| holds(p, resp));
            if !(all && any) {
                continue;
            }
            let mut m = Match {
                rule: r.id.clone(),
                vendor: r.vendor.clone(),
                product: r.product.clone(),
                kind: r.kind.clone(),
                version: None,
                build: None,
                vulns: r.vulns.clone(),
                evidence: vec![format!("GET {} → {}", r.path, resp.status)],
            };
            for v in &r.version {
                let Some(resp) = responses.get(&v.path) else {
                    continue;
                };
                let Some(value) = read_version(v, resp) else {
                    continue;
                };
                let value = match &v.map {
                    Some(map) => match self.maps.get(map).and_then(|t| t.get(&value)) {
                        Some(mapped) => mapped.clone(),
                        None => {
                            m.evidence
                                .push(format!("{}: {value} (not in {map})", v.path));
                            continue;
                        }
                    },
                    None => value,
                };
                m.evidence.push(format!("GET {}: {value}", v.path));
                let slot = if v.build {
                    &mut m.build
                } else {
                    &mut m.version
                };
                if slot.is_none() {
                    *slot = Some(value);
                }
            }
            out.push(m);
        }
        out
    }

    /// Every banner rule of `service` that the banner text satisfies.
    pub fn match_banner(&self, service: &str, text: &str) -> Vec<Match> {
        self.banner
            .iter()
            .filter(|r| r.service == service)
            .filter_map(|r| {
                let caps = r.regex.captures(text)?;
                let version = r
                    .version_group
                    .and_then(|g| caps.get(g))
                    .map(|m| m.as_str().to_string());
                Some(Match {
                    rule: r.id.clone(),
                    vendor: r.vendor.clone(),
                    product: r.product.clone(),
                    kind: r.kind.clone(),
                    version,
                    build: None,
                    vulns: r.vulns.clone(),
                    evidence: vec![format!(
                        "{service}: {}",
                        caps.get(0).map_or("", |m| m.as_str())
                    )],
                })
            })
            .collect()
    }
}

fn values<'a>(place: &'a Place, r: &'a Response) -> Vec<std::borrow::Cow<'a, str>> {
    use std::borrow::Cow;
    match place {
        Place::Body => vec![String::from_utf8_lossy(&r.body)],
        Place::Title => r.title().map(Cow::Owned).into_iter().collect(),
        Place::Cookie => r.cookie_names().into_iter().map(Cow::Owned).collect(),
        Place::Status => vec![Cow::Owned(r.status.to_string())],
        Place::Header(h) => r.headers_named(h).map(Cow::Borrowed).collect(),
    }
}

fn holds(p: &Pattern, r: &Response) -> bool {
    values(&p.place, r).iter().any(|v| match &p.test {
        Test::Contains(c) => v.contains(c.as_str()),
        Test::Regex(re) => re.is_match(v),
    })
}

/// The UTC date of a Unix time.
fn date(secs: i64) -> Option<String> {
    // Builds from before 2000 or after 2100 are not dates but something else in the header.
    (946_684_800..4_102_444_800)
        .contains(&secs)
        .then(|| hoshi_core::time::date(secs))
}

fn read_version(v: &VersionRule, r: &Response) -> Option<String> {
    match v.decode {
        Decode::GzipMtime => {
            let b = &r.body;
            if b.len() < 10 || b[0] != 0x1f || b[1] != 0x8b || b[2] != 8 {
                return None;
            }
            date(i64::from(u32::from_le_bytes([b[4], b[5], b[6], b[7]])))
        }
        Decode::EpochHex => {
            let hex = read(&v.place, v.regex.as_ref()?, r)?;
            date(i64::from_str_radix(&hex, 16).ok()?)
        }
        Decode::None => read(&v.place, v.regex.as_ref()?, r),
    }
}

fn read(place: &Place, re: &Regex, r: &Response) -> Option<String> {
    values(place, r).iter().find_map(|v| {
        re.captures(v)
            .and_then(|c| c.get(1))
            .map(|m| m.as_str().to_string())
    })
}

/// The responses of an example, as the matcher sees them.
pub fn example_responses(e: &Example) -> BTreeMap<String, Response> {
    e.responses
        .iter()
        .map(|r| {
            (
                r.path.clone(),
                Response {
                    status: r.status,
                    headers: r
                        .headers
                        .iter()
                        .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
                        .collect(),
                    body: match &r.body_hex {
                        Some(h) => (0..h.len() / 2)
                            .filter_map(|i| u8::from_str_radix(h.get(2 * i..2 * i + 2)?, 16).ok())
                            .collect(),
                        None => r.body.as_bytes().to_vec(),
                    },
                },
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each rule recognises its own examples (with the stated version and build), and no
    /// other rule of the same kind claims them.
    #[test]
    fn every_rule_matches_its_examples_and_only_its_own() {
        let db = Db::bundled();
        for r in &db.http {
            assert!(!r.examples.is_empty(), "{}: no example", r.id);
            for e in &r.examples {
                let got = db.match_http(&example_responses(e));
                let mine: Vec<&Match> = got.iter().filter(|m| m.rule == r.id).collect();
                assert_eq!(mine.len(), 1, "{}: its example is not recognised", r.id);
                assert_eq!(mine[0].version, e.version, "{}: version", r.id);
                assert_eq!(mine[0].build, e.build, "{}: build", r.id);
                for m in &got {
                    assert!(
                        m.rule == r.id || m.kind != r.kind,
                        "{}: its example is also claimed by {}",
                        r.id,
                        m.rule
                    );
                }
            }
        }
        for r in &db.banner {
            assert!(!r.examples.is_empty(), "{}: no example", r.id);
            for e in &r.examples {
                let got = db.match_banner(&r.service, &e.text);
                assert!(got.iter().any(|m| m.rule == r.id), "{}: {}", r.id, e.text);
                let m = got.iter().find(|m| m.rule == r.id).unwrap();
                assert_eq!(m.version, e.version, "{}: {}", r.id, e.text);
            }
        }
    }

    #[test]
    fn broken_files_are_refused_with_the_rule_named() {
        let e = Db::parse("format = 2\nupdated = \"x\"").unwrap_err();
        assert!(e.contains("format 2"), "{e}");
        let e = Db::parse(
            "format = 1\nupdated = \"x\"\n[[http]]\nid = \"a\"\nvendor = \"v\"\nproduct = \"p\"\nkind = \"k\"\npath = \"/\"\nall = [{ in = \"body\", regex = \"(\" }]\n",
        )
        .unwrap_err();
        assert!(e.starts_with("a: bad regex"), "{e}");
        let e = Db::parse(
            "format = 1\nupdated = \"x\"\n[[http]]\nid = \"a\"\nvendor = \"v\"\nproduct = \"p\"\nkind = \"k\"\npath = \"/\"\n",
        )
        .unwrap_err();
        assert!(e.contains("at least one pattern"), "{e}");
    }
}
