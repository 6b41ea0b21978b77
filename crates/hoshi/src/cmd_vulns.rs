//! `hoshi vulns`: the local vulnerability index (`db import` of downloaded files, `db update`
//! fetching them) and checking what a company runs against it (`check`), offline.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use hoshi_core::Lang;
use hoshi_vulns::index::{Index, Kind};
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
        VulnsCmd::Db(VulnsDbCmd::Update(a)) => update::run(a, lang, data),
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

pub(crate) fn read_opt(p: &Path) -> Result<Option<String>> {
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
pub(crate) fn load_for(dir: &Path, comps: &[Component]) -> Result<hoshi_vulns::check::Data> {
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

/// How much an import or update read, by kind.
#[derive(Debug, Default)]
struct Counts {
    files: usize,
    osv: usize,
    nvd: usize,
    kev: usize,
    epss: usize,
}

impl Counts {
    fn add(&mut self, kind: &Kind, n: usize) {
        self.files += 1;
        match kind {
            Kind::Osv => self.osv += n,
            Kind::Nvd => self.nvd += n,
            Kind::Kev => self.kev += n,
            Kind::Epss => self.epss += n,
        }
    }
}

/// The error that ends an import or update some of whose files could not be read: the first
/// problems on standard error, nothing written.
fn refused(problems: &[String], lang: Lang) -> anyhow::Error {
    for p in problems.iter().take(20) {
        eprintln!("{p}");
    }
    if problems.len() > 20 {
        eprintln!("…");
    }
    anyhow!(match lang {
        Lang::Ja => format!(
            "{} 個のファイルを読み取れませんでした（上記）。索引は変更していません。",
            problems.len()
        ),
        Lang::En => format!(
            "{} files could not be read (above); the index is unchanged",
            problems.len()
        ),
    })
}

/// Writes the index into `dir`; returns the snapshot line in `lang`.
fn save(dir: &Path, ix: &Index, lang: Lang) -> Result<String> {
    std::fs::create_dir_all(dir).map_err(|e| anyhow!("{}: {e}", dir.display()))?;
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
    Ok(ix.manifest(&today).snapshot(lang))
}

fn import(a: VulnsImportArgs, lang: Lang, data: &Path) -> Result<()> {
    let dir = db_dir(a.db, data);
    let mut ix = load(&dir)?;
    let mut files = Vec::new();
    for p in &a.paths {
        json_files(p, &mut files)?;
    }
    let mut counts = Counts::default();
    let mut problems = Vec::new();
    for f in &files {
        let bytes = crate::files::read_bytes(f, MAX_FILE)?;
        match ix.add(&bytes) {
            Ok((kind, n)) => counts.add(&kind, n),
            Err(e) => problems.push(format!("{}: {e}", f.display())),
        }
    }
    if !problems.is_empty() {
        return Err(refused(&problems, lang));
    }
    let snapshot = save(&dir, &ix, lang)?;
    let Counts {
        osv,
        nvd,
        kev,
        epss,
        ..
    } = counts;
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
                    unchecked.push(hoshi_vulns::report::unchecked_label(&asset));
                }
                for c in own {
                    let src = Source {
                        file: Some(file.clone()),
                        asset: Some(asset.tag.clone()),
                    };
                    items.push((src, c));
                }
                support_ended.extend(SupportEnded::of(&asset, &today));
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

/// The web application's vulnerability data: the index `hoshi vulns db import` (or `update`)
/// wrote into the data directory, read afresh for each check through `keys.tsv` — only the
/// records of the components' packages and products, so a server holding all of NVD does not keep
/// it in memory, and a new import is used at once.
pub struct DirVulns {
    dir: PathBuf,
}

impl DirVulns {
    pub fn new(dir: PathBuf) -> DirVulns {
        DirVulns { dir }
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
        let data = load_for(&self.dir, components).map_err(|e| e.to_string())?;
        Ok(Some(hoshi_web::assets::Checked {
            findings: data.check(components, today),
            snapshot_en: manifest.snapshot(Lang::En),
            snapshot_ja: manifest.snapshot(Lang::Ja),
        }))
    }
}

/// `hoshi vulns db update`: the same import, of the public downloads fetched first.
///
/// What it fetches (each source can be pointed elsewhere with `--source NAME=URL`, or left out
/// with `--source NAME=off`):
/// - `kev`: CISA's Known Exploited Vulnerabilities catalog (JSON, ~1.5 MB), whole;
/// - `epss`: FIRST's EPSS scores of the day (gzip CSV, ~2 MB), whole;
/// - `osv`: OSV's export of each ecosystem of `--ecosystems` (`{URL}/{ecosystem}/all.zip`),
///   whole: every record of the ecosystem as it stands;
/// - `nvd`: NVD's CVE API 2.0, the records modified since the newest one in the index (the
///   first time: the last 119 days; `--nvd-since` for another start), in windows of 119 days
///   (NVD allows 120) and pages of 2,000, with a pause between requests as NVD asks (6 s, or
///   0.7 s with an API key from `NVD_API_KEY`).
///
/// Everything is downloaded into a directory beside the index first; any failed download stops
/// the update there. Then every downloaded file — the entries of a zip, a gzip file unpacked —
/// goes through `Index::add` like a file of `db import`, and must be of its source's kind; one
/// file that cannot be read and nothing is written. `--max-mb` limits what is downloaded in all,
/// what it unpacks to (eight times that) and each unpacked file (64 MB, as `db import`).
mod update {
    use std::io::{Read, Seek};
    use std::path::{Path, PathBuf};
    use std::time::Duration;

    use anyhow::{Result, anyhow, bail};
    use hoshi_core::{FetchProblem, Lang};
    use hoshi_mail::https::{FetchError, FetchOptions, Request};
    use hoshi_vulns::index::Kind;

    use super::{Counts, MAX_FILE, MAX_FILES, db_dir, load, refused, save};
    use crate::cli::VulnsUpdateArgs;

    pub const KEV_URL: &str =
        "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json";
    pub const EPSS_URL: &str = "https://epss.empiricalsecurity.com/epss_scores-current.csv.gz";
    pub const OSV_URL: &str = "https://osv-vulnerabilities.storage.googleapis.com";
    pub const NVD_URL: &str = "https://services.nvd.nist.gov/rest/json/cves/2.0";
    /// NVD's largest page.
    const NVD_PAGE: usize = 2000;
    /// One request's date range: NVD allows 120 days.
    const NVD_WINDOW: i64 = 119 * 86_400;
    /// NVD's rate limits: 5 requests in 30 s without a key, 50 with one.
    const NVD_PAUSE: Duration = Duration::from_secs(6);
    const NVD_PAUSE_WITH_KEY: Duration = Duration::from_millis(700);
    /// Tries of one NVD page (its API answers 503 now and then), and the wait between them.
    const NVD_TRIES: u32 = 3;
    const NVD_RETRY_PAUSE: Duration = Duration::from_secs(30);
    /// What the downloads may unpack to, as a multiple of what they may be.
    const UNPACK_FACTOR: u64 = 8;
    /// Time for one download (OSV's largest exports are some hundred MB).
    const DOWNLOAD_TIME: Duration = Duration::from_secs(30 * 60);
    const NVD_PAGE_TIME: Duration = Duration::from_secs(5 * 60);

    /// A source, and the kind of records it must hold.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Feed {
        Kev,
        Epss,
        Osv,
        Nvd,
    }

    impl Feed {
        const ALL: [Feed; 4] = [Feed::Kev, Feed::Epss, Feed::Osv, Feed::Nvd];

        fn name(self) -> &'static str {
            match self {
                Feed::Kev => "kev",
                Feed::Epss => "epss",
                Feed::Osv => "osv",
                Feed::Nvd => "nvd",
            }
        }

        fn label(self) -> &'static str {
            match self {
                Feed::Kev => "KEV",
                Feed::Epss => "EPSS",
                Feed::Osv => "OSV",
                Feed::Nvd => "NVD",
            }
        }

        fn default_url(self) -> &'static str {
            match self {
                Feed::Kev => KEV_URL,
                Feed::Epss => EPSS_URL,
                Feed::Osv => OSV_URL,
                Feed::Nvd => NVD_URL,
            }
        }

        fn holds(self, kind: &Kind) -> bool {
            matches!(
                (self, kind),
                (Feed::Kev, Kind::Kev)
                    | (Feed::Epss, Kind::Epss)
                    | (Feed::Osv, Kind::Osv)
                    | (Feed::Nvd, Kind::Nvd)
            )
        }
    }

    /// The address of each source, `None` when left out.
    fn sources(given: &[String], lang: Lang) -> Result<[Option<String>; 4]> {
        let mut urls = Feed::ALL.map(|f| Some(f.default_url().to_string()));
        for s in given {
            let (name, url) = s.split_once('=').unwrap_or((s, ""));
            let Some(i) = Feed::ALL.iter().position(|f| f.name() == name) else {
                bail!(match lang {
                    Lang::Ja => format!(
                        "--source {s}: 取得元の名前は kev・epss・osv・nvd のいずれかです（例: --source kev=https://…、取得しない場合は --source nvd=off）"
                    ),
                    Lang::En => format!(
                        "--source {s}: the source is one of kev, epss, osv, nvd (e.g. --source kev=https://…, or --source nvd=off to leave it out)"
                    ),
                });
            };
            if url == "off" {
                urls[i] = None;
                continue;
            }
            if !allowed_url(url) {
                bail!(match lang {
                    Lang::Ja => format!(
                        "--source {s}: https:// のアドレスを指定してください（http:// はこのコンピューター自身のアドレスに限ります）"
                    ),
                    Lang::En => format!(
                        "--source {s}: give an https:// address (plain http:// only to this machine)"
                    ),
                });
            }
            urls[i] = Some(url.trim_end_matches('/').to_string());
        }
        Ok(urls)
    }

    /// The host of an `http(s)://` address.
    fn host(url: &str) -> &str {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        if let Some(r) = authority.strip_prefix('[') {
            return r.split(']').next().unwrap_or("");
        }
        authority.rsplit_once(':').map_or(authority, |(h, _)| h)
    }

    /// https://, or http:// to this machine (tests, a local mirror).
    fn allowed_url(url: &str) -> bool {
        url.starts_with("https://")
            || (url.starts_with("http://") && hoshi_mail::host_is_loopback(host(url)))
    }

    /// An OSV ecosystem's name as a path segment of its export (`crates.io`, `GitHub Actions`).
    fn ecosystem_path(name: &str, lang: Lang) -> Result<String> {
        let fine = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ');
        if name.is_empty() || !name.chars().all(fine) {
            bail!(match lang {
                Lang::Ja => format!(
                    "--ecosystems: 「{name}」は OSV のエコシステム名ではありません（例: PyPI,npm,Maven）"
                ),
                Lang::En => format!(
                    "--ecosystems: {name:?} is not an OSV ecosystem name (e.g. PyPI,npm,Maven)"
                ),
            });
        }
        Ok(name.replace(' ', "%20"))
    }

    /// `2026-12-02T03:04:05.000+00:00` as NVD's API takes it in a query (`+` escaped).
    fn nvd_time(secs: i64) -> String {
        let (y, m, d, h, mi, s) = hoshi_core::time::civil(secs);
        format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.000%2B00:00")
    }

    /// An NVD `lastModified` (`2025-01-10T16:15:37.367`, UTC) in seconds, to the second.
    fn nvd_secs(s: &str) -> Option<i64> {
        let (y, m, d) = hoshi_core::time::parse_date(s.get(..10)?)?;
        if s.as_bytes().get(10) != Some(&b'T') {
            return None;
        }
        let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
        let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
        Some(hoshi_core::time::days_from_civil(y, m, d) * 86_400 + h * 3600 + mi * 60 + sec)
    }

    /// The date ranges from `since` to `now`, none longer than NVD allows.
    fn nvd_windows(since: i64, now: i64) -> Vec<(i64, i64)> {
        let mut out = Vec::new();
        let mut from = since;
        while from < now {
            let to = (from + NVD_WINDOW).min(now);
            out.push((from, to));
            from = to;
        }
        out
    }

    /// Where the NVD records start: `--nvd-since`, else the newest record in the index, else
    /// one window back.
    fn nvd_since(arg: Option<&str>, newest: &str, now: i64, lang: Lang) -> Result<i64> {
        if let Some(d) = arg {
            let Some((y, m, day)) = hoshi_core::time::parse_date(d) else {
                bail!(match lang {
                    Lang::Ja =>
                        format!("--nvd-since には YYYY-MM-DD の日付を指定してください（{d}）"),
                    Lang::En => format!("--nvd-since takes a date YYYY-MM-DD (got {d})"),
                });
            };
            let secs = hoshi_core::time::days_from_civil(y, m, day) * 86_400;
            if secs >= now {
                bail!(match lang {
                    Lang::Ja =>
                        format!("--nvd-since には今日より前の日付を指定してください（{d}）"),
                    Lang::En => format!("--nvd-since takes a day before today (got {d})"),
                });
            }
            return Ok(secs);
        }
        Ok(nvd_secs(newest).unwrap_or(now - NVD_WINDOW))
    }

    /// The index directory's room for downloads: removed when the update ends, however it ends,
    /// and the index directory with it when the update made it and it stayed empty.
    struct Scratch {
        path: PathBuf,
        made_dir: Option<PathBuf>,
    }

    impl Scratch {
        fn new(dir: &Path) -> Result<Scratch> {
            let made_dir = (!dir.exists()).then(|| dir.to_path_buf());
            let path = dir.join(format!(".download-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&path);
            std::fs::create_dir_all(&path).map_err(|e| anyhow!("{}: {e}", path.display()))?;
            Ok(Scratch { path, made_dir })
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.path);
            if let Some(d) = &self.made_dir {
                let _ = std::fs::remove_dir(d);
            }
        }
    }

    /// One downloaded file.
    struct Download {
        feed: Feed,
        url: String,
        path: PathBuf,
    }

    fn size(n: u64) -> String {
        if n >= 1024 * 1024 {
            format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
        } else {
            format!("{:.1} KB", n as f64 / 1024.0)
        }
    }

    /// Why a download failed, naming its address, in `lang`.
    fn fetch_failed(e: &FetchError, url: &str, lang: Lang) -> anyhow::Error {
        let prefix = format!("{url}: ");
        let detail = e.detail.strip_prefix(&prefix).unwrap_or(&e.detail);
        let (ja, en) = match e.kind {
            FetchProblem::Unreachable => (
                "に接続できませんでした。このコンピューターがインターネットにつながっているか確認してください（つながらない環境では、別の場所でダウンロードしたファイルを hoshi vulns db import で取り込めます）",
                "could not be reached: is this machine online? (Without internet access, download the files elsewhere and bring them in with hoshi vulns db import.)",
            ),
            FetchProblem::Tls => (
                "との暗号化通信（TLS）を確立できませんでした",
                "allowed no secure (TLS) connection",
            ),
            FetchProblem::HttpStatus => ("がエラーを返しました", "answered with an error"),
            FetchProblem::BadAnswer if detail.contains("larger than") => (
                "からの応答が上限を超えました（上限は --max-mb で変えられます）",
                "sent more than the limit (see --max-mb)",
            ),
            FetchProblem::BadAnswer => (
                "からの応答を読み取れませんでした",
                "gave an answer that could not be read",
            ),
            FetchProblem::Address | FetchProblem::PrivateAddress => {
                ("からは取得できません", "cannot be fetched from")
            }
        };
        match lang {
            Lang::Ja => anyhow!("{url} {ja}（{detail}）。索引は変更していません。"),
            Lang::En => anyhow!("{url} {en} ({detail}); the index is unchanged"),
        }
    }

    /// Downloads and what is left of the budget.
    struct Fetcher<'a> {
        scratch: &'a Path,
        left: u64,
        lang: Lang,
        got: Vec<Download>,
    }

    impl Fetcher<'_> {
        /// `url` into the scratch directory, at most `cap` bytes (and what the budget has left).
        fn fetch(
            &mut self,
            url: &str,
            cap: u64,
            req: &Request<'_>,
        ) -> std::result::Result<Vec<u8>, FetchError> {
            let ja = self.lang == Lang::Ja;
            eprintln!("{} {url}", if ja { "取得中:" } else { "fetching" });
            let opts = FetchOptions {
                allow_loopback_http: true,
                allow_private: true,
                ..FetchOptions::default()
            };
            let limit = usize::try_from(cap.min(self.left)).unwrap_or(usize::MAX);
            let body = hoshi_mail::https::get_with_blocking(url, limit, &opts, req)?;
            self.left -= body.len() as u64;
            Ok(body)
        }

        fn keep(&mut self, feed: Feed, url: &str, body: &[u8]) -> Result<()> {
            let path = self.scratch.join(format!("{}.dl", self.got.len()));
            std::fs::write(&path, body).map_err(|e| anyhow!("{}: {e}", path.display()))?;
            self.got.push(Download {
                feed,
                url: url.to_string(),
                path,
            });
            Ok(())
        }

        /// A whole file: KEV, EPSS, an OSV export.
        fn file(&mut self, feed: Feed, url: &str) -> Result<()> {
            let req = Request {
                timeout: DOWNLOAD_TIME,
                headers: &[],
            };
            let body = self.fetch(url, u64::MAX, &req).map_err(|e| {
                let err = fetch_failed(&e, url, self.lang);
                if feed == Feed::Osv && e.detail.contains(" 404 ") {
                    // OSV's exports are named by ecosystem, spelt as OSV spells it.
                    return anyhow!(match self.lang {
                        Lang::Ja => format!(
                            "{err} OSV のエコシステム名は大文字と小文字を区別します（例: PyPI、npm、crates.io）。"
                        ),
                        Lang::En => format!(
                            "{err}; OSV's ecosystem names are case-sensitive (e.g. PyPI, npm, crates.io)"
                        ),
                    });
                }
                err
            })?;
            eprintln!("  {}", size(body.len() as u64));
            self.keep(feed, url, &body)
        }

        /// Every page of NVD's answers for the records modified in `windows`.
        fn nvd(&mut self, base: &str, windows: &[(i64, i64)], key: Option<&str>) -> Result<()> {
            let headers: Vec<(&str, &str)> = key.map(|k| ("apiKey", k)).into_iter().collect();
            let req = Request {
                timeout: NVD_PAGE_TIME,
                headers: &headers,
            };
            let local = hoshi_mail::host_is_loopback(host(base));
            let pause = match (local, key.is_some()) {
                (true, _) => Duration::ZERO,
                (false, true) => NVD_PAUSE_WITH_KEY,
                (false, false) => NVD_PAUSE,
            };
            if pause == NVD_PAUSE && !windows.is_empty() {
                eprintln!(
                    "{}",
                    match self.lang {
                        Lang::Ja =>
                            "環境変数 NVD_API_KEY に API キーがないため、NVD への要求の間に 6 秒ずつ待ちます。",
                        Lang::En =>
                            "no API key in NVD_API_KEY: waiting 6 s between requests to NVD",
                    }
                );
            }
            let sep = if base.contains('?') { '&' } else { '?' };
            let mut first = true;
            for &(from, to) in windows {
                let mut start = 0usize;
                loop {
                    let url = format!(
                        "{base}{sep}lastModStartDate={}&lastModEndDate={}&resultsPerPage={NVD_PAGE}&startIndex={start}",
                        nvd_time(from),
                        nvd_time(to)
                    );
                    let mut tries = 0;
                    let body = loop {
                        if !first {
                            std::thread::sleep(pause);
                        }
                        first = false;
                        tries += 1;
                        match self.fetch(&url, MAX_FILE as u64, &req) {
                            Ok(b) => break b,
                            Err(e)
                                if tries < NVD_TRIES
                                    && matches!(
                                        e.kind,
                                        FetchProblem::HttpStatus | FetchProblem::Unreachable
                                    ) =>
                            {
                                eprintln!("  {e}");
                                if !local {
                                    std::thread::sleep(NVD_RETRY_PAUSE);
                                }
                            }
                            Err(e) => return Err(fetch_failed(&e, &url, self.lang)),
                        }
                    };
                    let page: Page = serde_json::from_slice(&body).map_err(|e| {
                        anyhow!(match self.lang {
                            Lang::Ja => format!(
                                "{url} の応答は NVD CVE API 2.0 の答えではありません（{e}）。索引は変更していません。"
                            ),
                            Lang::En => format!(
                                "{url} did not answer as NVD's CVE API 2.0 does ({e}); the index is unchanged"
                            ),
                        })
                    })?;
                    let n = page.vulnerabilities.len();
                    eprintln!(
                        "  {} ({}/{})",
                        size(body.len() as u64),
                        start + n,
                        page.total
                    );
                    self.keep(Feed::Nvd, &url, &body)?;
                    start += n;
                    if start >= page.total {
                        break;
                    }
                    if n == 0 {
                        bail!(match self.lang {
                            Lang::Ja => format!(
                                "{url} の応答に記録がありません（全 {} 件のはず）。索引は変更していません。",
                                page.total
                            ),
                            Lang::En => format!(
                                "{url} answered without records (of {} in all); the index is unchanged",
                                page.total
                            ),
                        });
                    }
                }
            }
            Ok(())
        }
    }

    /// What paging needs of an NVD API answer.
    #[derive(serde::Deserialize)]
    struct Page {
        #[serde(rename = "totalResults")]
        total: usize,
        vulnerabilities: Vec<serde::de::IgnoredAny>,
    }

    /// Reads at most `MAX_FILE` bytes of one unpacked file, and at most what the unpacking
    /// budget `left` holds: `Ok(Err(_))` names a file that is too large or broken; `Err` ends the
    /// update (the budget is spent: a zip bomb, or too low a `--max-mb`).
    fn read_unpacked(
        r: &mut dyn Read,
        left: &mut u64,
        lang: Lang,
    ) -> Result<std::result::Result<Vec<u8>, String>> {
        let cap = (MAX_FILE as u64).min(*left);
        let mut buf = Vec::new();
        if let Err(e) = r.take(cap + 1).read_to_end(&mut buf) {
            return Ok(Err(e.to_string()));
        }
        if buf.len() as u64 > cap {
            if cap == MAX_FILE as u64 {
                return Ok(Err(format!("unpacks to more than {MAX_FILE} bytes")));
            }
            bail!(match lang {
                Lang::Ja => "ダウンロードしたファイルを展開した大きさが上限（--max-mb の 8 倍）を超えました。索引は変更していません。".to_string(),
                Lang::En => "the downloads unpack to more than the limit (8 times --max-mb); the index is unchanged".to_string(),
            });
        }
        *left -= buf.len() as u64;
        Ok(Ok(buf))
    }

    /// Every file one download holds, by its content: the `.json` entries of a zip archive, a
    /// gzip file unpacked, else the file itself; each to `each(name, bytes)`, files that cannot be
    /// unpacked to `problems`.
    fn unpack(
        d: &Download,
        left: &mut u64,
        lang: Lang,
        problems: &mut Vec<String>,
        each: &mut dyn FnMut(String, Vec<u8>),
    ) -> Result<()> {
        let url = &d.url;
        let mut f =
            std::fs::File::open(&d.path).map_err(|e| anyhow!("{}: {e}", d.path.display()))?;
        let mut magic = [0u8; 4];
        let n = f.read(&mut magic).unwrap_or(0);
        f.rewind()
            .map_err(|e| anyhow!("{}: {e}", d.path.display()))?;
        match &magic[..n] {
            [0x50, 0x4b, 3, 4] | [0x50, 0x4b, 5, 6] => {
                let mut z = match zip::ZipArchive::new(std::io::BufReader::new(f)) {
                    Ok(z) => z,
                    Err(e) => {
                        problems.push(format!("{url}: not a readable zip archive: {e}"));
                        return Ok(());
                    }
                };
                if z.len() > MAX_FILES {
                    problems.push(format!("{url}: more than {MAX_FILES} files in the archive"));
                    return Ok(());
                }
                for i in 0..z.len() {
                    let mut entry = match z.by_index(i) {
                        Ok(e) => e,
                        Err(e) => {
                            problems.push(format!("{url}: file {} of the archive: {e}", i + 1));
                            continue;
                        }
                    };
                    let name = entry
                        .name()
                        .map(|n| n.into_owned())
                        .unwrap_or_else(|_| format!("file {}", i + 1));
                    if entry.is_dir() || !name.ends_with(".json") {
                        continue;
                    }
                    match read_unpacked(&mut entry, left, lang)? {
                        Ok(bytes) => each(format!("{url}: {name}"), bytes),
                        Err(e) => problems.push(format!("{url}: {name}: {e}")),
                    }
                }
            }
            [0x1f, 0x8b, ..] => {
                let mut gz = flate2::read::MultiGzDecoder::new(std::io::BufReader::new(f));
                match read_unpacked(&mut gz, left, lang)? {
                    Ok(bytes) => each(url.clone(), bytes),
                    Err(e) => problems.push(format!("{url}: gzip: {e}")),
                }
            }
            _ => match read_unpacked(&mut f, left, lang)? {
                Ok(bytes) => each(url.clone(), bytes),
                Err(e) => problems.push(format!("{url}: {e}")),
            },
        }
        Ok(())
    }

    pub fn run(a: VulnsUpdateArgs, lang: Lang, data: &Path) -> Result<()> {
        let dir = db_dir(a.db, data);
        let [kev, epss, osv, nvd] = sources(&a.sources, lang)?;
        let ecosystems = match osv {
            Some(_) => a
                .ecosystems
                .iter()
                .map(|e| ecosystem_path(e.trim(), lang))
                .collect::<Result<Vec<_>>>()?,
            None => Vec::new(),
        };
        let mut ix = load(&dir)?;
        let now = crate::files::now();
        let windows = match nvd {
            Some(_) => {
                let newest = ix.manifest("").nvd_newest;
                nvd_windows(nvd_since(a.nvd_since.as_deref(), &newest, now, lang)?, now)
            }
            None => Vec::new(),
        };
        let key = std::env::var("NVD_API_KEY")
            .ok()
            .filter(|k| !k.trim().is_empty());
        let budget = a.max_mb.saturating_mul(1024 * 1024);
        let scratch = Scratch::new(&dir)?;
        let mut f = Fetcher {
            scratch: &scratch.path,
            left: budget,
            lang,
            got: Vec::new(),
        };
        if let Some(u) = &kev {
            f.file(Feed::Kev, u)?;
        }
        if let Some(u) = &epss {
            f.file(Feed::Epss, u)?;
        }
        if let Some(base) = &osv {
            for e in &ecosystems {
                f.file(Feed::Osv, &format!("{base}/{e}/all.zip"))?;
            }
        }
        if let Some(base) = &nvd {
            f.nvd(base, &windows, key.as_deref())?;
        }
        let downloads = f.got;

        let mut left = budget.saturating_mul(UNPACK_FACTOR);
        let mut counts = Counts::default();
        let mut problems = Vec::new();
        for d in &downloads {
            let mut wrong = Vec::new();
            unpack(
                d,
                &mut left,
                lang,
                &mut problems,
                &mut |name, bytes| match ix.add(&bytes) {
                    Ok((kind, n)) if d.feed.holds(&kind) => counts.add(&kind, n),
                    Ok((kind, _)) => wrong.push(format!(
                        "{name}: {} data where {} was expected",
                        kind_label(&kind),
                        d.feed.label()
                    )),
                    Err(e) => wrong.push(format!("{name}: {e}")),
                },
            )?;
            problems.append(&mut wrong);
        }
        if !problems.is_empty() {
            return Err(refused(&problems, lang));
        }
        drop(scratch);
        let snapshot = save(&dir, &ix, lang)?;
        let Counts {
            files,
            osv,
            nvd,
            kev,
            epss,
        } = counts;
        let n = downloads.len();
        match lang {
            Lang::Ja => println!(
                "{n} 件をダウンロードし、{files} 個のファイルを取り込みました（OSV {osv} 件、NVD {nvd} 件、KEV {kev} 件、EPSS {epss} 件）。索引: {snapshot}"
            ),
            Lang::En => println!(
                "downloaded {n} files and imported {files} (OSV {osv}, NVD {nvd}, KEV {kev}, EPSS {epss}); index: {snapshot}"
            ),
        }
        Ok(())
    }

    fn kind_label(k: &Kind) -> &'static str {
        match k {
            Kind::Osv => "OSV",
            Kind::Nvd => "NVD",
            Kind::Kev => "KEV",
            Kind::Epss => "EPSS",
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn nvd_dates_and_windows() {
            assert_eq!(nvd_secs("1970-01-02T00:00:01.367"), Some(86_401));
            assert_eq!(nvd_secs("2025-01-10"), None);
            assert_eq!(nvd_time(86_401), "1970-01-02T00:00:01.000%2B00:00");
            let day = 86_400;
            assert_eq!(nvd_windows(0, 0), vec![]);
            assert_eq!(nvd_windows(0, day), vec![(0, day)]);
            let w = nvd_windows(0, 300 * day);
            assert_eq!(w.len(), 3);
            assert_eq!(w[0], (0, 119 * day));
            assert_eq!(w[2], (238 * day, 300 * day));
            assert!(w.iter().all(|(a, b)| b - a <= 120 * day));
        }

        #[test]
        fn addresses() {
            assert!(allowed_url("https://osv.example/x"));
            assert!(allowed_url("http://127.0.0.1:8080/x"));
            assert!(allowed_url("http://[::1]:8080/x"));
            assert!(allowed_url("http://localhost/x"));
            assert!(!allowed_url("http://example.com/x"));
            assert!(!allowed_url("http://127.0.0.1.example.com/x"));
            assert!(!allowed_url("ftp://127.0.0.1/x"));
            let s = sources(
                &["nvd=off".into(), "kev=http://127.0.0.1:9/k".into()],
                Lang::En,
            )
            .unwrap();
            assert_eq!(s[0].as_deref(), Some("http://127.0.0.1:9/k"));
            assert_eq!(s[1].as_deref(), Some(EPSS_URL));
            assert_eq!(s[3], None);
            assert!(sources(&["cve=https://x".into()], Lang::En).is_err());
            assert_eq!(
                ecosystem_path("GitHub Actions", Lang::En).unwrap(),
                "GitHub%20Actions"
            );
            assert!(ecosystem_path("../x/", Lang::En).is_err());
        }
    }
}

#[cfg(test)]
mod web_source_tests {
    use super::*;
    use hoshi_web::assets::VulnSource;

    /// The web application's source reads the imported index through `keys.tsv`: a FortiOS
    /// 7.2.5 register entry is found by the real NVD record, and a new import is seen at once.
    #[test]
    fn the_server_checks_against_the_imported_index() {
        let d = tempfile::tempdir().unwrap();
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../hoshi-vulns/tests/data");
        let src = DirVulns::new(d.path().join("vulns"));
        let forti = hoshi_vulns::sbom::Component {
            name: "FortiOS".into(),
            version: Some("7.2.5".into()),
            purl: None,
            cpe: Some("cpe:2.3:o:fortinet:fortios:7.2.5:*:*:*:*:*:*:*".into()),
        };
        assert!(
            src.check(std::slice::from_ref(&forti), "2026-12-02")
                .unwrap()
                .is_none(),
            "nothing imported yet"
        );
        let import_of = |paths: Vec<PathBuf>| {
            import(VulnsImportArgs { paths, db: None }, Lang::En, d.path()).unwrap();
        };
        import_of(vec![fixtures.join("kev")]);
        let none = src
            .check(std::slice::from_ref(&forti), "2026-12-02")
            .unwrap()
            .unwrap();
        assert!(none.findings.is_empty(), "KEV alone names no product");
        import_of(vec![fixtures.join("nvd")]);
        let found = src
            .check(std::slice::from_ref(&forti), "2026-12-02")
            .unwrap()
            .unwrap();
        let ids: Vec<&str> = found.findings.iter().map(|f| f.id.as_str()).collect();
        assert!(ids.contains(&"CVE-2024-21762"), "{ids:?}");
        assert!(
            found.findings.iter().all(|f| f.kev),
            "KEV kept from the first import"
        );
        assert!(found.snapshot_ja.contains("NVD"), "{}", found.snapshot_ja);
    }
}
