//! hoshi's own vulnerability index: the records a user imported (OSV, NVD, the KEV catalog),
//! kept as they were published — one minified JSON record per line — with a manifest that names
//! the snapshot. Pure: the caller reads and writes the files (`osv.jsonl`, `nvd.jsonl`,
//! `kev.json`, `manifest.json`), atomically.
//!
//! Importing replaces a record by a newer one with the same id (by `modified` /
//! `lastModified`) and never by an older one; a file that is none of the known kinds is refused
//! with its name, and nothing of an import is kept when one file fails.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::check::Data;
use crate::kev;
use crate::nvd;
use crate::osv::Record;

/// What one imported file held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Osv,
    Nvd,
    Kev,
    Epss,
}

/// The manifest: when, what and how much.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    pub format: u32,
    /// YYYY-MM-DD of the last import.
    pub updated: String,
    pub osv_records: usize,
    /// The newest `modified` among OSV records.
    pub osv_newest: String,
    pub nvd_records: usize,
    pub nvd_newest: String,
    /// The KEV catalog's version and release, when imported.
    pub kev_version: Option<String>,
    pub kev_entries: usize,
    /// The EPSS file's score date and size, when imported.
    #[serde(default)]
    pub epss_date: Option<String>,
    #[serde(default)]
    pub epss_scores: usize,
}

impl Manifest {
    /// The snapshot in one line, as reports name it, in `lang`.
    pub fn snapshot(&self, lang: hoshi_core::Lang) -> String {
        let dash = |s: &str| {
            if s.is_empty() {
                "-".to_string()
            } else {
                s.to_string()
            }
        };
        let (osv_new, nvd_new) = (dash(&self.osv_newest), dash(&self.nvd_newest));
        let ja = lang == hoshi_core::Lang::Ja;
        let kev = match (&self.kev_version, ja) {
            (Some(v), true) => format!("カタログ版 {v}、{} 件", self.kev_entries),
            (Some(v), false) => format!("catalogVersion {v}, {} entries", self.kev_entries),
            (None, true) => "未取り込み".into(),
            (None, false) => "not imported".into(),
        };
        let epss = match (&self.epss_date, ja) {
            (Some(d), true) => format!("{d} のスコア、{} 件", self.epss_scores),
            (Some(d), false) => format!("scores of {d}, {} CVEs", self.epss_scores),
            (None, true) => "未取り込み".into(),
            (None, false) => "not imported".into(),
        };
        let (osv, nvd, updated) = (self.osv_records, self.nvd_records, &self.updated);
        if ja {
            format!(
                "OSV {osv} 件（最新の更新 {osv_new}）、NVD {nvd} 件（最新の更新 {nvd_new}）、KEV {kev}、EPSS {epss}、取り込み {updated}"
            )
        } else {
            format!(
                "OSV {osv} records (newest modified {osv_new}); NVD {nvd} records (newest lastModified {nvd_new}); KEV {kev}; EPSS {epss}; imported {updated}"
            )
        }
    }
}

/// The index in memory: records by id with their modification time and line.
#[derive(Debug, Clone, Default)]
pub struct Index {
    osv: BTreeMap<String, (String, String)>,
    nvd: BTreeMap<String, (String, String)>,
    kev: Option<String>,
    kev_meta: Option<(String, usize)>,
    epss: Option<String>,
    epss_meta: Option<(String, usize)>,
}

#[derive(Deserialize)]
struct Stamp {
    id: String,
    #[serde(default)]
    modified: String,
    #[serde(default, rename = "lastModified")]
    last_modified: String,
}

fn minify(v: &serde_json::Value) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

impl Index {
    /// Loads the stored index (the files' contents; empty strings for files not there yet).
    pub fn load(
        osv: &str,
        nvd: &str,
        kev: Option<&str>,
        epss: Option<&str>,
    ) -> Result<Index, String> {
        let mut ix = Index::default();
        for (n, line) in osv.lines().enumerate().filter(|(_, l)| !l.is_empty()) {
            let s: Stamp =
                serde_json::from_str(line).map_err(|e| format!("osv.jsonl:{}: {e}", n + 1))?;
            ix.osv.insert(s.id, (s.modified, line.to_string()));
        }
        for (n, line) in nvd.lines().enumerate().filter(|(_, l)| !l.is_empty()) {
            let s: Stamp =
                serde_json::from_str(line).map_err(|e| format!("nvd.jsonl:{}: {e}", n + 1))?;
            ix.nvd.insert(s.id, (s.last_modified, line.to_string()));
        }
        if let Some(k) = kev {
            ix.set_kev(k.as_bytes())
                .map_err(|e| format!("kev.json: {e}"))?;
        }
        if let Some(e) = epss {
            ix.set_epss(e).map_err(|e| format!("epss.csv: {e}"))?;
        }
        Ok(ix)
    }

    fn set_epss(&mut self, text: &str) -> Result<usize, String> {
        let s = crate::epss::parse(text).map_err(|(line, e)| format!("line {line}: {e}"))?;
        let n = s.by_cve.len();
        self.epss_meta = Some((s.score_date.clone(), n));
        self.epss = Some(text.to_string());
        Ok(n)
    }

    fn set_kev(&mut self, bytes: &[u8]) -> Result<usize, String> {
        let c = kev::Catalog::parse(bytes).map_err(|e| e.to_string())?;
        let n = c.entries.len();
        self.kev_meta = Some((c.version.clone(), n));
        self.kev = Some(String::from_utf8_lossy(bytes).into_owned());
        Ok(n)
    }

    /// Adds one file's records; returns its kind and how many records it held. Checks each
    /// record with the matcher's own readers, so what is stored can be matched.
    pub fn add(&mut self, bytes: &[u8]) -> Result<(Kind, usize), String> {
        if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
            let text = std::str::from_utf8(bytes).map_err(|_| "neither JSON nor UTF-8 text")?;
            return self.set_epss(text).map(|n| (Kind::Epss, n));
        }
        let v: serde_json::Value =
            serde_json::from_slice(bytes).map_err(|e| format!("not JSON: {e}"))?;
        if v.get("catalogVersion").is_some() && v.get("vulnerabilities").is_some() {
            return self.set_kev(bytes).map(|n| (Kind::Kev, n));
        }
        let nvd_record = |v: &serde_json::Value| {
            v.get("id")
                .and_then(|i| i.as_str())
                .is_some_and(|i| i.starts_with("CVE-"))
                && (v.get("configurations").is_some() || v.get("vulnStatus").is_some())
        };
        if let Some(list) = v.get("vulnerabilities").and_then(|l| l.as_array()) {
            let mut n = 0;
            for w in list {
                let cve = w.get("cve").ok_or("vulnerabilities[] without cve")?;
                self.put_nvd(cve)?;
                n += 1;
            }
            return Ok((Kind::Nvd, n));
        }
        if nvd_record(&v) {
            self.put_nvd(&v)?;
            return Ok((Kind::Nvd, 1));
        }
        if v.get("id").is_some() && (v.get("affected").is_some() || v.get("modified").is_some()) {
            let r: Record =
                serde_json::from_value(v.clone()).map_err(|e| format!("not an OSV record: {e}"))?;
            let line = minify(&v);
            keep_newer(&mut self.osv, r.id, r.modified, line);
            return Ok((Kind::Osv, 1));
        }
        Err("neither an OSV record, an NVD CVE record or API answer, nor the KEV catalog".into())
    }

    fn put_nvd(&mut self, v: &serde_json::Value) -> Result<(), String> {
        let c: nvd::Cve =
            serde_json::from_value(v.clone()).map_err(|e| format!("not an NVD CVE record: {e}"))?;
        keep_newer(&mut self.nvd, c.id, c.last_modified, minify(v));
        Ok(())
    }

    /// The EPSS file as imported, if any (`epss.csv`).
    pub fn epss_file(&self) -> Option<&str> {
        self.epss.as_deref()
    }

    /// The files to write: (osv.jsonl, nvd.jsonl, kev.json if any, manifest.json).
    pub fn files(&self, today: &str) -> (String, String, Option<String>, String) {
        let lines = |m: &BTreeMap<String, (String, String)>| {
            let mut s = String::new();
            for (_, line) in m.values() {
                s.push_str(line);
                s.push('\n');
            }
            s
        };
        let manifest = self.manifest(today);
        (
            lines(&self.osv),
            lines(&self.nvd),
            self.kev.clone(),
            serde_json::to_string_pretty(&manifest).unwrap_or_default(),
        )
    }

    pub fn manifest(&self, today: &str) -> Manifest {
        let newest = |m: &BTreeMap<String, (String, String)>| {
            m.values().map(|(t, _)| t.clone()).max().unwrap_or_default()
        };
        Manifest {
            format: 1,
            updated: today.to_string(),
            osv_records: self.osv.len(),
            osv_newest: newest(&self.osv),
            nvd_records: self.nvd.len(),
            nvd_newest: newest(&self.nvd),
            kev_version: self.kev_meta.as_ref().map(|m| m.0.clone()),
            kev_entries: self.kev_meta.as_ref().map_or(0, |m| m.1),
            epss_date: self.epss_meta.as_ref().map(|m| m.0.clone()),
            epss_scores: self.epss_meta.as_ref().map_or(0, |m| m.1),
        }
    }

    /// The data a check runs against.
    pub fn data(&self) -> Result<Data, String> {
        let mut d = Data::default();
        for (id, (_, line)) in &self.osv {
            d.add_osv(Record::parse(line.as_bytes()).map_err(|e| format!("{id}: {e}"))?);
        }
        for (id, (_, line)) in &self.nvd {
            for c in nvd::parse(line.as_bytes()).map_err(|e| format!("{id}: {e}"))? {
                d.add_nvd(c);
            }
        }
        if let Some(k) = &self.kev {
            d.kev = Some(kev::Catalog::parse(k.as_bytes()).map_err(|e| e.to_string())?);
        }
        if let Some(e) = &self.epss {
            let s = crate::epss::parse(e).map_err(|(l, e)| format!("epss.csv:{l}: {e}"))?;
            d.epss = s.by_cve.into_iter().map(|(c, (p, _))| (c, p)).collect();
        }
        Ok(d)
    }
}

fn keep_newer(
    m: &mut BTreeMap<String, (String, String)>,
    id: String,
    modified: String,
    line: String,
) {
    match m.get(&id) {
        Some((old, _)) if *old > modified => {}
        _ => {
            m.insert(id, (modified, line));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newer_records_replace_older_ones_and_never_the_other_way() {
        let mut ix = Index::default();
        let rec = |m: &str, fixed: &str| {
            format!(
                r#"{{"id":"GHSA-x","modified":"{m}","affected":[{{"package":{{"ecosystem":"npm","name":"a"}},"ranges":[{{"type":"SEMVER","events":[{{"introduced":"0"}},{{"fixed":"{fixed}"}}]}}]}}]}}"#
            )
        };
        ix.add(rec("2024-01-01T00:00:00Z", "1.0.1").as_bytes())
            .unwrap();
        ix.add(rec("2025-01-01T00:00:00Z", "1.0.2").as_bytes())
            .unwrap();
        ix.add(rec("2023-01-01T00:00:00Z", "1.0.0").as_bytes())
            .unwrap();
        let (osv, ..) = ix.files("2026-12-02");
        assert_eq!(osv.lines().count(), 1);
        assert!(osv.contains("1.0.2"), "{osv}");
        // Stored, loaded, the same.
        let again = Index::load(&osv, "", None, None).unwrap();
        assert_eq!(again.manifest("d").osv_newest, "2025-01-01T00:00:00Z");
        assert!(ix.add(b"{\"hello\":1}").is_err());
        assert!(ix.add(b"not json").is_err());
    }
}
