//! `hoshi vulns`: the local vulnerability index (`db import`) and checking what a company runs
//! against it (`check`), offline.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use hoshi_core::Lang;
use hoshi_vulns::index::Index;
use hoshi_vulns::report::{Report, Source, SupportEnded};
use hoshi_vulns::sbom::Component;

use crate::cli::{VulnsCheckArgs, VulnsCmd, VulnsDbCmd, VulnsFormat, VulnsImportArgs};

/// One record file (an NVD API answer holds up to 2,000 records; the KEV catalog ~1.5 MB).
const MAX_FILE: usize = 64 * 1024 * 1024;
/// Files of one import.
const MAX_FILES: usize = 2_000_000;

pub fn run(c: VulnsCmd, lang: Lang, data: &Path) -> Result<()> {
    match c {
        VulnsCmd::Db(VulnsDbCmd::Import(a)) => import(a, lang, data),
        VulnsCmd::Check(a) => check(a, lang, data),
    }
}

fn db_dir(db: Option<PathBuf>, data: &Path) -> PathBuf {
    db.unwrap_or_else(|| data.join("vulns"))
}

fn today_jst() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    hoshi_core::time::date_jst(now)
}

fn read_opt(p: &Path) -> Result<Option<String>> {
    match std::fs::read_to_string(p) {
        Ok(s) => Ok(Some(s)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(anyhow!("{}: {e}", p.display())),
    }
}

fn load(dir: &Path) -> Result<Index> {
    let osv = read_opt(&dir.join("osv.jsonl"))?.unwrap_or_default();
    let nvd = read_opt(&dir.join("nvd.jsonl"))?.unwrap_or_default();
    let kev = read_opt(&dir.join("kev.json"))?;
    let epss = read_opt(&dir.join("epss.csv"))?;
    Index::load(&osv, &nvd, kev.as_deref(), epss.as_deref())
        .map_err(|e| anyhow!("{}: {e}", dir.display()))
}

/// The data a check of `comps` runs against: through `keys.tsv` only the records of their
/// packages and products; the whole index when there is no fitting keys file (an index of an
/// earlier hoshi, or one whose import stopped half-way).
fn load_for(dir: &Path, comps: &[Component]) -> Result<hoshi_vulns::check::Data> {
    use hoshi_vulns::index;
    let size = |n: &str| std::fs::metadata(dir.join(n)).map_or(0, |m| m.len());
    let open = |n: &str| std::fs::File::open(dir.join(n)).ok();
    let in_dir = |e: String| anyhow!("{}: {e}", dir.display());
    if let Some(keys) = read_opt(&dir.join("keys.tsv"))?
        && let Some(sel) = index::select(&keys, size("osv.jsonl"), size("nvd.jsonl"), comps)
        && let Some(lines) =
            index::read_selected(&sel, open("osv.jsonl").as_mut(), open("nvd.jsonl").as_mut())
                .map_err(|e| in_dir(e.to_string()))?
    {
        let kev = read_opt(&dir.join("kev.json"))?;
        let epss = read_opt(&dir.join("epss.csv"))?;
        let osv = lines.osv.iter().map(Vec::as_slice);
        let nvd = lines.nvd.iter().map(Vec::as_slice);
        return index::data_from(osv, nvd, kev.as_deref(), epss.as_deref()).map_err(in_dir);
    }
    load(dir)?.data().map_err(|e| anyhow!(e))
}

/// Every `.json` and `.csv` file under `p` (sorted, so imports are repeatable).
fn json_files(p: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let meta = std::fs::metadata(p).map_err(|e| anyhow!("{}: {e}", p.display()))?;
    if meta.is_file() {
        out.push(p.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
        .map_err(|e| anyhow!("{}: {e}", p.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for e in entries {
        if out.len() > MAX_FILES {
            bail!("more than {MAX_FILES} files under {}", p.display());
        }
        if e.is_dir() {
            json_files(&e, out)?;
        } else if e.extension().is_some_and(|x| x == "json" || x == "csv") {
            out.push(e);
        }
    }
    Ok(())
}

fn import(a: VulnsImportArgs, lang: Lang, data: &Path) -> Result<()> {
    let dir = db_dir(a.db, data);
    let mut ix = load(&dir)?;
    let mut files = Vec::new();
    for p in &a.paths {
        json_files(p, &mut files)?;
    }
    let (mut osv, mut nvd, mut kev, mut epss) = (0usize, 0usize, 0usize, 0usize);
    let mut problems = Vec::new();
    for f in &files {
        let bytes = crate::files::read_bytes(f, MAX_FILE)?;
        match ix.add(&bytes) {
            Ok((hoshi_vulns::index::Kind::Osv, n)) => osv += n,
            Ok((hoshi_vulns::index::Kind::Nvd, n)) => nvd += n,
            Ok((hoshi_vulns::index::Kind::Kev, n)) => kev += n,
            Ok((hoshi_vulns::index::Kind::Epss, n)) => epss += n,
            Err(e) => problems.push(format!("{}: {e}", f.display())),
        }
    }
    if !problems.is_empty() {
        for p in problems.iter().take(20) {
            eprintln!("{p}");
        }
        bail!(match lang {
            Lang::Ja => format!(
                "{} 個のファイルを読み取れませんでした（上記）。索引は変更していません。",
                problems.len()
            ),
            Lang::En => format!(
                "{} files could not be read (above); the index is unchanged",
                problems.len()
            ),
        });
    }
    std::fs::create_dir_all(&dir).map_err(|e| anyhow!("{}: {e}", dir.display()))?;
    let today = today_jst();
    let (o, n, k, m) = ix.files(&today);
    let keys = ix.keys_file().map_err(|e| anyhow!(e))?;
    // The keys file goes first and comes back last: while the records change, none is there
    // (a check then reads every record), so it never points into other records than its own.
    match std::fs::remove_file(dir.join("keys.tsv")) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            bail!("{}: {e}", dir.join("keys.tsv").display())
        }
        _ => {}
    }
    crate::files::write_atomic(&dir.join("osv.jsonl"), o.as_bytes(), true)?;
    crate::files::write_atomic(&dir.join("nvd.jsonl"), n.as_bytes(), true)?;
    if let Some(k) = k {
        crate::files::write_atomic(&dir.join("kev.json"), k.as_bytes(), true)?;
    }
    if let Some(e) = ix.epss_file() {
        crate::files::write_atomic(&dir.join("epss.csv"), e.as_bytes(), true)?;
    }
    crate::files::write_atomic(&dir.join("keys.tsv"), keys.as_bytes(), true)?;
    crate::files::write_atomic(&dir.join("manifest.json"), m.as_bytes(), true)?;
    let snapshot = ix.manifest(&today).snapshot(lang);
    match lang {
        Lang::Ja => println!(
            "{} 個のファイルを取り込みました（OSV {osv} 件、NVD {nvd} 件、KEV {kev} 件、EPSS {epss} 件）。索引: {snapshot}",
            files.len()
        ),
        Lang::En => println!(
            "imported {} files (OSV {osv}, NVD {nvd}, KEV {kev}, EPSS {epss}); index: {snapshot}",
            files.len()
        ),
    }
    Ok(())
}

/// What one input file holds, judged by its content (not its name): JSON (CycloneDX, SPDX or a
/// winget export), CycloneDX XML, SPDX tag-value, `Get-Package | Export-Csv`, a dpkg or rpm list.
fn components(path: &Path, bytes: &[u8], distro: &str, lang: Lang) -> Result<Vec<Component>> {
    let p = path.display();
    match hoshi_vulns::input::read(bytes, distro) {
        Ok(inv) => Ok(inv.components),
        Err(e) => {
            for line in e.lines(lang, 20) {
                eprintln!("{p}:{line}");
            }
            bail!("{p}: {}", e.message(lang))
        }
    }
}

/// Whether the matcher can check `c` at all: it needs a version, and a package URL of an OSV
/// ecosystem or a CPE 2.3 name.
fn matchable(c: &Component) -> bool {
    c.version.is_some()
        && (c.purl.as_ref().and_then(|p| p.osv_package()).is_some()
            || c.cpe
                .as_deref()
                .and_then(hoshi_vulns::nvd::cpe_fields)
                .is_some())
}

/// Says on standard error how many components of a file cannot be checked, so that "no
/// vulnerabilities" is not read as "checked and clean".
fn note_unmatchable(path: &Path, comps: &[Component], lang: Lang) {
    let n = comps.iter().filter(|c| !matchable(c)).count();
    if n == 0 {
        return;
    }
    match lang {
        Lang::Ja => eprintln!(
            "{}: 構成要素 {} 件のうち {n} 件は、パッケージ URL も CPE もない（または版がない）ため照合していません。",
            path.display(),
            comps.len()
        ),
        Lang::En => eprintln!(
            "{}: {n} of {} components were not checked: no package URL or CPE (or no version)",
            path.display(),
            comps.len()
        ),
    }
}

fn check(a: VulnsCheckArgs, lang: Lang, data: &Path) -> Result<()> {
    let dir = db_dir(a.db, data);
    let manifest = read_opt(&dir.join("manifest.json"))?.ok_or_else(|| {
        anyhow!(match lang {
            Lang::Ja => format!(
                "{} に脆弱性の索引がありません。先に `hoshi vulns db import` で OSV・NVD・KEV のデータを取り込んでください。",
                dir.display()
            ),
            Lang::En => format!(
                "no vulnerability index in {}; import OSV, NVD and KEV data with `hoshi vulns db import` first",
                dir.display()
            ),
        })
    })?;
    let manifest: hoshi_vulns::index::Manifest =
        serde_json::from_str(&manifest).map_err(|e| anyhow!("{}: {e}", dir.display()))?;
    let today = match a.today {
        Some(t) if hoshi_core::time::parse_date(&t).is_some() => t,
        Some(t) => bail!(match lang {
            Lang::Ja => format!("--today には YYYY-MM-DD の日付を指定してください（{t}）"),
            Lang::En => format!("--today takes a date YYYY-MM-DD (got {t})"),
        }),
        None => today_jst(),
    };
    let mut items: Vec<(Source, Component)> = Vec::new();
    let mut support_ended = Vec::new();
    let mut unchecked = Vec::new();
    for f in &a.files {
        let file = f.display().to_string();
        let bytes = crate::files::read_bytes(f, hoshi_vulns::sbom::MAX_BYTES)?;
        if hoshi_xlsx::register::looks_like_register(&bytes) {
            let reg = register(f, &bytes, lang)?;
            for (_, asset) in reg.assets {
                let own = hoshi_vulns::assets::component_of(&asset);
                if own.is_empty() {
                    unchecked.push(format!("{} {}", asset.tag, asset.name));
                }
                for c in own {
                    let src = Source {
                        file: Some(file.clone()),
                        asset: Some(asset.tag.clone()),
                    };
                    items.push((src, c));
                }
                if asset.support_ended(&today) {
                    support_ended.push(SupportEnded {
                        asset: asset.tag.clone(),
                        name: asset.name.clone(),
                        version: format!("{} {}", asset.os, asset.version).trim().to_string(),
                        support_end: asset.support_end.clone(),
                    });
                }
            }
            continue;
        }
        let comps = components(f, &bytes, &a.distro, lang)?;
        note_unmatchable(f, &comps, lang);
        for c in comps {
            let src = Source {
                file: Some(file.clone()),
                asset: None,
            };
            items.push((src, c));
        }
    }
    let comps: Vec<Component> = items.iter().map(|(_, c)| c.clone()).collect();
    let db = load_for(&dir, &comps)?;
    let found = db.check(&comps, &today);
    let mut report = Report::build(
        &items,
        &found,
        support_ended,
        &manifest.snapshot(Lang::En),
        &today,
    );
    report.unchecked = unchecked;
    report.translation.ja.data = manifest.snapshot(Lang::Ja);
    let data = manifest.snapshot(lang);
    let out = match a.format {
        VulnsFormat::Json => report.to_json(),
        VulnsFormat::Text => report.to_text(lang, &data),
        VulnsFormat::Html => report.to_html(lang, &data),
    };
    print!("{out}");
    if report.totals.overdue > 0 || report.totals.support_ended > 0 {
        return Err(crate::Reported.into());
    }
    Ok(())
}

/// An asset register (CSV or Excel) as input: every bad row named, nothing checked until clean.
fn register(path: &Path, bytes: &[u8], lang: Lang) -> Result<hoshi_xlsx::register::Register> {
    hoshi_xlsx::register::read(bytes).map_err(|e| {
        for line in e.lines(lang).iter().skip(1) {
            eprintln!("{}: {line}", path.display());
        }
        anyhow!(
            "{}: {}",
            path.display(),
            e.lines(lang).first().cloned().unwrap_or_default()
        )
    })
}

/// The web application's vulnerability data: the index `hoshi vulns db import` wrote into the
/// data directory, loaded on the first check and again whenever a new import replaced it (its
/// manifest changed).
pub struct DirVulns {
    dir: PathBuf,
    loaded: std::sync::Mutex<Option<(String, std::sync::Arc<hoshi_vulns::check::Data>)>>,
}

impl DirVulns {
    pub fn new(dir: PathBuf) -> DirVulns {
        DirVulns {
            dir,
            loaded: std::sync::Mutex::new(None),
        }
    }
}

impl hoshi_web::assets::VulnSource for DirVulns {
    fn check(
        &self,
        components: &[Component],
        today: &str,
    ) -> std::result::Result<Option<hoshi_web::assets::Checked>, String> {
        let Some(manifest_text) =
            read_opt(&self.dir.join("manifest.json")).map_err(|e| e.to_string())?
        else {
            return Ok(None);
        };
        let manifest: hoshi_vulns::index::Manifest = serde_json::from_str(&manifest_text)
            .map_err(|e| format!("{}: {e}", self.dir.display()))?;
        let mut loaded = self.loaded.lock().unwrap_or_else(|p| p.into_inner());
        let data = match loaded.as_ref() {
            Some((m, d)) if *m == manifest_text => d.clone(),
            _ => {
                let d = std::sync::Arc::new(
                    load(&self.dir)
                        .map_err(|e| e.to_string())?
                        .data()
                        .map_err(|e| e.to_string())?,
                );
                *loaded = Some((manifest_text.clone(), d.clone()));
                d
            }
        };
        drop(loaded);
        Ok(Some(hoshi_web::assets::Checked {
            findings: data.check(components, today),
            snapshot_en: manifest.snapshot(Lang::En),
            snapshot_ja: manifest.snapshot(Lang::Ja),
        }))
    }
}
