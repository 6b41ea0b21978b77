//! The bundled vulnerability table for remote-access appliances (`data/appliance-vulns.toml`,
//! from CISA's KEV catalog and NVD records; its header names the snapshot). A product and a
//! version give the CVEs whose published affected ranges contain that version.

use std::cmp::Ordering;

use serde::Deserialize;

/// The bundled table.
pub const BUNDLED: &str = include_str!("../data/appliance-vulns.toml");

#[derive(Debug, Clone, Deserialize)]
pub struct Table {
    pub format: u32,
    pub generated: String,
    #[serde(default)]
    pub sources: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub cve: Vec<Entry>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Entry {
    pub id: String,
    pub product: String,
    /// The NVD record's publication date (`YYYY-MM-DD`).
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub cvss: Option<f32>,
    #[serde(default)]
    pub severity: Option<String>,
    #[serde(default)]
    pub kev: bool,
    #[serde(default)]
    pub kev_added: Option<String>,
    #[serde(default)]
    pub ransomware: bool,
    #[serde(default)]
    pub affected: Vec<Range>,
}

/// One affected range as NVD states it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub from_excluding: Option<String>,
    #[serde(default)]
    pub to_excluding: Option<String>,
    #[serde(default)]
    pub to_including: Option<String>,
    #[serde(default)]
    pub exact: Option<String>,
    /// The version itself or any build or hotfix of it (NVD's wildcard builds).
    #[serde(default)]
    pub prefix: Option<String>,
    /// A build flavour (`fips`, `ndcpp`) the element is restricted to; hoshi cannot tell
    /// those builds apart from outside, so such elements match nothing it reports.
    #[serde(default)]
    pub edition: Option<String>,
}

impl Range {
    /// Whether `v` lies in the range. A range with no bound at all contains nothing (NVD
    /// listing only the vendor is no evidence that this version is affected).
    pub fn contains(&self, v: &str) -> bool {
        if self.edition.is_some() {
            return false;
        }
        if let Some(p) = &self.prefix {
            return tokens(v).starts_with(&tokens(p));
        }
        if let Some(e) = &self.exact {
            return compare(v, e) == Ordering::Equal;
        }
        let lower = self.from.is_some() || self.from_excluding.is_some();
        let upper = self.to_excluding.is_some() || self.to_including.is_some();
        if !lower && !upper {
            return false;
        }
        self.from
            .as_ref()
            .is_none_or(|f| compare(v, f) != Ordering::Less)
            && self
                .from_excluding
                .as_ref()
                .is_none_or(|f| compare(v, f) == Ordering::Greater)
            && self
                .to_excluding
                .as_ref()
                .is_none_or(|t| compare(v, t) == Ordering::Less)
            && self.to_including.as_ref().is_none_or(|t| {
                // "up to and including 9.0" covers 9.0's own updates (9.0R3.1, 9.0.2-h1).
                compare(v, t) != Ordering::Greater || tokens(v).starts_with(&tokens(t))
            })
        // A range of one release train (7.2.0 up to 7.2.7) says nothing about another
        // train's versions beyond its upper bound; the bounds already ensure that.
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Num(u64),
    Word(String),
}

fn tokens(v: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<Tok>| {
        if cur.is_empty() {
            return;
        }
        out.push(match cur.parse::<u64>() {
            Ok(n) => Tok::Num(n),
            Err(_) => Tok::Word(cur.to_ascii_lowercase()),
        });
        cur.clear();
    };
    for c in v.chars() {
        let same = cur
            .chars()
            .next()
            .is_none_or(|f| f.is_ascii_digit() == c.is_ascii_digit());
        if !c.is_ascii_alphanumeric() {
            flush(&mut cur, &mut out);
        } else {
            if !same {
                flush(&mut cur, &mut out);
            }
            cur.push(c);
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// Compares versions as vendors write them: `7.2.6`, `10.2.9-h1`, `13.1-49.15`, `9.16(3)19`,
/// `9.2p1` — hoshi-vulns' vendor firmware order (numbers as numbers, `rc`/`beta` before the
/// release, a hotfix or letter suffix after it). Strings it cannot read (no digit at all)
/// compare as text.
pub fn compare(a: &str, b: &str) -> Ordering {
    hoshi_vulns::version::compare(hoshi_vulns::version::Scheme::Generic, a, b)
        .unwrap_or_else(|| a.cmp(b))
}

impl Table {
    pub fn bundled() -> Table {
        Table::parse(BUNDLED).unwrap_or_else(|e| panic!("bundled vulnerability table: {e}"))
    }

    pub fn parse(text: &str) -> Result<Table, String> {
        let t: Table = toml::from_str(text).map_err(|e| e.to_string())?;
        if t.format != 1 {
            return Err(format!(
                "vulnerability table format {} is not known (1 is)",
                t.format
            ));
        }
        Ok(t)
    }

    /// The CVEs affecting `product` at `version`, known-exploited first, then by score.
    pub fn affecting(&self, product: &str, version: &str) -> Vec<&Entry> {
        let mut v: Vec<&Entry> = self
            .cve
            .iter()
            .filter(|e| e.product == product && e.affected.iter().any(|r| r.contains(version)))
            .collect();
        v.sort_by(|a, b| {
            b.kev
                .cmp(&a.kev)
                .then(b.cvss.unwrap_or(0.0).total_cmp(&a.cvss.unwrap_or(0.0)))
                .then(a.id.cmp(&b.id))
        });
        v
    }

    /// The known-exploited CVEs of `product` published after `built` (a firmware build date,
    /// `YYYY-MM-DD`): a firmware built before an advisory cannot contain its fix. Only CVEs
    /// with published affected versions count, newest first.
    pub fn published_after(&self, product: &str, built: &str) -> Vec<&Entry> {
        let mut v: Vec<&Entry> = self
            .cve
            .iter()
            .filter(|e| e.product == product && e.kev && !e.affected.is_empty())
            .filter(|e| e.published.as_deref().is_some_and(|p| p > built))
            .collect();
        v.sort_by(|a, b| b.published.cmp(&a.published).then(a.id.cmp(&b.id)));
        v
    }

    /// What the table is, for reports: its date and sources.
    pub fn snapshot(&self) -> String {
        let mut s = format!("appliance table {}", self.generated);
        for (k, v) in &self.sources {
            s.push_str(&format!("; {k}: {v}"));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_as_vendors_mean_them() {
        use Ordering::*;
        for (a, b, o) in [
            ("7.2.6", "7.2.7", Less),
            ("7.2.10", "7.2.9", Greater),
            ("10.2.9-h1", "10.2.9", Greater),
            ("10.2.9-h1", "10.2.10", Less),
            ("13.1-49.15", "13.1-49.13", Greater),
            ("9.16(3)19", "9.16.3.19", Equal),
            ("9.2p1", "9.2", Greater),
            ("7.2", "7.2.0", Equal),
            ("1.0rc1", "1.0.1", Less),
            ("22.7R2.3", "22.7R2.4", Less),
        ] {
            assert_eq!(compare(a, b), o, "{a} vs {b}");
        }
    }

    #[test]
    fn the_bundled_table_reads_and_dates_its_entries() {
        let t = Table::bundled();
        assert!(t.cve.len() >= 70, "{}", t.cve.len());
        assert!(
            t.cve
                .iter()
                .all(|e| e.published.as_deref().is_some_and(|p| p.len() == 10))
        );
        let ids: std::collections::BTreeSet<&str> = t.cve.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), t.cve.len(), "unique ids");
        // FortiOS 7.2.6 is inside CVE-2024-21762's published range (7.2.0 up to 7.2.7).
        let hits: Vec<&str> = t
            .affecting("fortinet-fortios", "7.2.6")
            .iter()
            .map(|e| e.id.as_str())
            .collect();
        assert!(hits.contains(&"CVE-2024-21762"), "{hits:?}");
        assert!(
            !t.affecting("fortinet-fortios", "7.2.7")
                .iter()
                .any(|e| e.id == "CVE-2024-21762")
        );
        // A firmware built in January 2024 predates that advisory; one built in March does not.
        assert!(
            t.published_after("fortinet-fortios", "2024-01-15")
                .iter()
                .any(|e| e.id == "CVE-2024-21762")
        );
        assert!(
            !t.published_after("fortinet-fortios", "2024-03-01")
                .iter()
                .any(|e| e.id == "CVE-2024-21762")
        );
    }

    #[test]
    fn ranges_hold_only_what_they_state() {
        let r = Range {
            from: Some("7.2.0".into()),
            from_excluding: None,
            to_excluding: Some("7.2.7".into()),
            to_including: None,
            exact: None,
            prefix: None,
            edition: None,
        };
        assert!(r.contains("7.2.6"));
        assert!(r.contains("7.2.0"));
        assert!(!r.contains("7.2.7"));
        assert!(!r.contains("7.0.13"));
        let none = Range {
            from: None,
            from_excluding: None,
            to_excluding: None,
            to_including: None,
            exact: None,
            prefix: None,
            edition: None,
        };
        assert!(!none.contains("1.0"));
        let p = Range {
            prefix: Some("11.1.3".into()),
            ..none.clone()
        };
        assert!(p.contains("11.1.3") && p.contains("11.1.3-h1") && !p.contains("11.1.30"));
    }
}
