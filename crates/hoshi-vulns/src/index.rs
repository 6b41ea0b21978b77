//! hoshi's own vulnerability index: the records a user imported (OSV, NVD, the KEV catalog),
//! kept as they were published — one minified JSON record per line — with a manifest that names
//! the snapshot. Pure: the caller reads and writes the files (`osv.jsonl`, `nvd.jsonl`,
//! `kev.json`, `manifest.json`, `keys.tsv`), atomically.
//!
//! Importing replaces a record by a newer one with the same id (by `modified` /
//! `lastModified`) and never by an older one; a file that is none of the known kinds is refused
//! with its name, and nothing of an import is kept when one file fails.
//!
//! `keys.tsv` says where each record's line lies, by the keys a check looks records up by
//! (OSV package, NVD vendor and product), so that a check reads and parses only the records of
//! the packages it was given ([`select`], [`data_from`]) instead of the whole index: with the
//! whole of OSV imported (hundreds of thousands of records) that is the difference between
//! seconds and gigabytes, and milliseconds. It names the sizes of the two record files it was
//! made for; a check that finds other sizes, a span that is not one whole line, or no
//! `keys.tsv` at all (an index of an earlier hoshi) reads everything as before.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::check::{self, Data, Key};
use crate::kev;
use crate::nvd;
use crate::osv::Record;
use crate::sbom::Component;

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
        data_from(
            self.osv.values().map(|(_, l)| l.as_bytes()),
            self.nvd.values().map(|(_, l)| l.as_bytes()),
            self.kev.as_deref(),
            self.epss.as_deref(),
        )
    }

    /// `keys.tsv` for the files [`Index::files`] gives: each lookup key with the spans (byte
    /// offset and length, newline left out) of the lines of `osv.jsonl` and `nvd.jsonl` whose
    /// records it finds.
    pub fn keys_file(&self) -> Result<String, String> {
        let mut keys: BTreeMap<(char, Key), Vec<(usize, usize)>> = BTreeMap::new();
        let mut at = 0;
        for (id, (_, line)) in &self.osv {
            let r = Record::parse(line.as_bytes()).map_err(|e| format!("{id}: {e}"))?;
            for k in check::record_keys(&r) {
                keys.entry(('o', k)).or_default().push((at, line.len()));
            }
            at += line.len() + 1;
        }
        let osv_bytes = at;
        at = 0;
        for (id, (_, line)) in &self.nvd {
            for c in nvd::parse(line.as_bytes()).map_err(|e| format!("{id}: {e}"))? {
                for k in check::cve_keys(&c) {
                    keys.entry(('n', k)).or_default().push((at, line.len()));
                }
            }
            at += line.len() + 1;
        }
        let mut out = format!("{KEYS_HEADER}\t{osv_bytes}\t{at}\n");
        for ((kind, (a, b)), spans) in keys {
            let spans: Vec<String> = spans.iter().map(|(o, l)| format!("{o}+{l}")).collect();
            out.push_str(&format!(
                "{kind}\t{}\t{}\t{}\n",
                escape(&a),
                escape(&b),
                spans.join(",")
            ));
        }
        Ok(out)
    }
}

/// The first field of `keys.tsv`'s first line (the format's name and version).
const KEYS_HEADER: &str = "hoshi-vulns-keys/1";

/// Keys are written with `%`, tab, line feed and carriage return percent-encoded, so that any
/// package name fits in a field.
fn escape(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['%', '\t', '\n', '\r']) {
        return s.into();
    }
    s.replace('%', "%25")
        .replace('\t', "%09")
        .replace('\n', "%0A")
        .replace('\r', "%0D")
        .into()
}

/// Which record file a span lies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Osv,
    Nvd,
}

/// The lines a check of some components has to read: (file, byte offset, length), each once,
/// in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub spans: Vec<(Source, u64, usize)>,
}

/// The lines of the records that may concern `components`, by `keys.tsv` (`keys`), or `None`
/// when `keys` was not made for record files of these sizes (`osv_bytes`, `nvd_bytes`) or is
/// not a keys file: then the whole index has to be read.
pub fn select(
    keys: &str,
    osv_bytes: u64,
    nvd_bytes: u64,
    components: &[Component],
) -> Option<Selection> {
    let mut lines = keys.split('\n');
    let mut head = lines.next()?.split('\t');
    if head.next() != Some(KEYS_HEADER)
        || head.next()?.parse::<u64>().ok()? != osv_bytes
        || head.next()?.parse::<u64>().ok()? != nvd_bytes
    {
        return None;
    }
    let mut wanted: std::collections::HashSet<(char, String, String)> = Default::default();
    for c in components {
        let (o, n) = check::component_keys(c);
        for (kind, k) in [('o', o), ('n', n)] {
            if let Some((a, b)) = k {
                wanted.insert((kind, escape(&a).into_owned(), escape(&b).into_owned()));
            }
        }
    }
    let mut spans = Vec::new();
    let mut probe = (' ', String::new(), String::new());
    for line in lines.filter(|l| !l.is_empty()) {
        let mut f = line.split('\t');
        let (kind, a, b, list) = (f.next()?, f.next()?, f.next()?, f.next()?);
        let (source, kind) = match kind {
            "o" => (Source::Osv, 'o'),
            "n" => (Source::Nvd, 'n'),
            _ => return None,
        };
        probe.0 = kind;
        probe.1.clear();
        probe.1.push_str(a);
        probe.2.clear();
        probe.2.push_str(b);
        if !wanted.contains(&probe) {
            continue;
        }
        for span in list.split(',') {
            let (o, l) = span.split_once('+')?;
            spans.push((source, o.parse().ok()?, l.parse().ok()?));
        }
    }
    spans.sort_by_key(|&(s, o, _)| (s == Source::Nvd, o));
    spans.dedup();
    Some(Selection { spans })
}

/// The record lines a check reads: of `osv.jsonl` and of `nvd.jsonl`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lines {
    pub osv: Vec<Vec<u8>>,
    pub nvd: Vec<Vec<u8>>,
}

/// Reads the lines `sel` chose from the two record files (anything readable and seekable; `None`
/// for a file that is not there). `Ok(None)` when a span is not one whole line of its file:
/// the keys file does not fit the records, and the whole index has to be read.
pub fn read_selected<R: std::io::Read + std::io::Seek>(
    sel: &Selection,
    mut osv: Option<&mut R>,
    mut nvd: Option<&mut R>,
) -> std::io::Result<Option<Lines>> {
    use std::io::SeekFrom;
    let mut lines = Lines::default();
    for &(source, offset, len) in &sel.spans {
        let (file, out) = match source {
            Source::Osv => (osv.as_deref_mut(), &mut lines.osv),
            Source::Nvd => (nvd.as_deref_mut(), &mut lines.nvd),
        };
        let Some(file) = file else { return Ok(None) };
        // One byte either side: a line feed before (unless at the start) and after.
        let from = offset.saturating_sub(1);
        let mut buf = vec![0; len + 1 + (offset - from) as usize];
        file.seek(SeekFrom::Start(from))?;
        if let Err(e) = file.read_exact(&mut buf) {
            return match e.kind() {
                std::io::ErrorKind::UnexpectedEof => Ok(None),
                _ => Err(e),
            };
        }
        let line = &buf[(offset - from) as usize..buf.len() - 1];
        let before_ok = offset == 0 || buf[0] == b'\n';
        if !before_ok || buf[buf.len() - 1] != b'\n' || line.contains(&b'\n') {
            return Ok(None);
        }
        out.push(line.to_vec());
    }
    Ok(Some(lines))
}

/// The data a check runs against, from record lines (all of them, or those [`select`] chose)
/// and the KEV catalog and EPSS file.
pub fn data_from<'a>(
    osv: impl IntoIterator<Item = &'a [u8]>,
    nvd: impl IntoIterator<Item = &'a [u8]>,
    kev: Option<&str>,
    epss: Option<&str>,
) -> Result<Data, String> {
    let mut d = Data::default();
    for line in osv {
        d.add_osv(Record::parse(line).map_err(|e| format!("osv.jsonl: {e}"))?);
    }
    for line in nvd {
        for c in nvd::parse(line).map_err(|e| format!("nvd.jsonl: {e}"))? {
            d.add_nvd(c);
        }
    }
    if let Some(k) = kev {
        d.kev = Some(kev::Catalog::parse(k.as_bytes()).map_err(|e| format!("kev.json: {e}"))?);
    }
    if let Some(e) = epss {
        let s = crate::epss::parse(e).map_err(|(l, e)| format!("epss.csv:{l}: {e}"))?;
        d.epss = s.by_cve.into_iter().map(|(c, (p, _))| (c, p)).collect();
    }
    Ok(d)
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
