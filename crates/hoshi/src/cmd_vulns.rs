//! `hoshi vulns`: the local vulnerability index (`db import`) and checking what a company runs
//! against it (`check`), offline.

use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use hoshi_core::Lang;
use hoshi_vulns::check::Finding;
use hoshi_vulns::index::Index;
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
    crate::files::write_atomic(&dir.join("osv.jsonl"), o.as_bytes(), true)?;
    crate::files::write_atomic(&dir.join("nvd.jsonl"), n.as_bytes(), true)?;
    if let Some(k) = k {
        crate::files::write_atomic(&dir.join("kev.json"), k.as_bytes(), true)?;
    }
    if let Some(e) = ix.epss_file() {
        crate::files::write_atomic(&dir.join("epss.csv"), e.as_bytes(), true)?;
    }
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

/// What one input file holds, judged by its content.
fn components(path: &Path, distro: &str, lang: Lang) -> Result<Vec<Component>> {
    let bytes = crate::files::read_bytes(path, hoshi_vulns::sbom::MAX_BYTES)?;
    let head = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if head == Some(&b'{') {
        return hoshi_vulns::sbom::any_json(&bytes).map_err(|e| anyhow!("{}: {e}", path.display()));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow!("{}: not UTF-8 text and not an SBOM", path.display()))?;
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let read = if first.contains('\t') {
        hoshi_vulns::packages::dpkg(&text, distro)
    } else {
        hoshi_vulns::packages::rpm(&text)
    };
    if !read.bad.is_empty() {
        for b in read.bad.iter().take(20) {
            eprintln!("{}:{}: {}", path.display(), b.line, b.text);
        }
        bail!(match lang {
            Lang::Ja => format!(
                "{}: {} 行がパッケージの一覧として読み取れません（上記）。`dpkg-query -W` または `rpm -qa` の出力をそのまま渡してください。",
                path.display(),
                read.bad.len()
            ),
            Lang::En => format!(
                "{}: {} lines are not a package list (above); give the output of `dpkg-query -W` or `rpm -qa` as it is",
                path.display(),
                read.bad.len()
            ),
        });
    }
    Ok(read.components)
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
    let db = load(&dir)?.data().map_err(|e| anyhow!(e))?;
    let mut all: Vec<(String, Component)> = Vec::new();
    for f in &a.files {
        for c in components(f, &a.distro, lang)? {
            all.push((f.display().to_string(), c));
        }
    }
    let comps: Vec<Component> = all.iter().map(|(_, c)| c.clone()).collect();
    let found = db.check(&comps, &today);
    let overdue = found.iter().filter(|f| f.overdue).count();
    let out = match a.format {
        VulnsFormat::Json => json(&all, &found, &manifest, &today),
        VulnsFormat::Text => text(&all, &found, &manifest, &today, lang),
    };
    print!("{out}");
    if overdue > 0 {
        return Err(crate::Reported.into());
    }
    Ok(())
}

fn json(
    all: &[(String, Component)],
    found: &[Finding],
    m: &hoshi_vulns::index::Manifest,
    today: &str,
) -> String {
    let findings: Vec<serde_json::Value> = found
        .iter()
        .map(|f| {
            let (file, c) = &all[f.component];
            serde_json::json!({
                "component": {
                    "file": file,
                    "name": c.name,
                    "version": c.version,
                    "purl": c.purl.as_ref().map(ToString::to_string),
                    "cpe": c.cpe,
                },
                "id": f.id,
                "aliases": f.cves,
                "severity": f.severity,
                "cvss": f.cvss,
                "kev": f.kev,
                "ransomware": f.ransomware,
                "epss": f.epss,
                "fixed": f.fixed,
                "fix_published": f.fix_published,
                "days_open": f.days_open,
                "overdue": f.overdue,
                "why": f.why.describe(Lang::En),
            })
        })
        .collect();
    let v = serde_json::json!({
        "format": 1,
        "hoshi_version": env!("CARGO_PKG_VERSION"),
        "today": today,
        "data": m.snapshot(Lang::En),
        "components": all.len(),
        "findings": findings,
        "totals": {
            "findings": found.len(),
            "overdue": found.iter().filter(|f| f.overdue).count(),
            "kev": found.iter().filter(|f| f.kev).count(),
        },
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

/// A severity word in the reader's language.
fn severity_label(s: &str, lang: Lang) -> &str {
    match (s, lang) {
        ("critical", Lang::Ja) => "緊急",
        ("high", Lang::Ja) => "高",
        ("medium", Lang::Ja) => "中",
        ("low", Lang::Ja) => "低",
        ("unknown", Lang::Ja) => "不明",
        _ => s,
    }
}

fn text(
    all: &[(String, Component)],
    found: &[Finding],
    m: &hoshi_vulns::index::Manifest,
    today: &str,
    lang: Lang,
) -> String {
    use std::fmt::Write as _;
    let ja = lang == Lang::Ja;
    let mut o = String::new();
    let overdue = found.iter().filter(|f| f.overdue).count();
    let _ = writeln!(
        o,
        "{}",
        if ja {
            format!(
                "構成要素 {} 件を確認しました（{today} 時点）: 脆弱性 {} 件、うち 14 日を超えて未対応 {overdue} 件、悪用確認済み（KEV）{} 件",
                all.len(),
                found.len(),
                found.iter().filter(|f| f.kev).count()
            )
        } else {
            format!(
                "{} components checked on {today}: {} vulnerabilities, {overdue} open past 14 days, {} known exploited (KEV)",
                all.len(),
                found.len(),
                found.iter().filter(|f| f.kev).count()
            )
        }
    );
    for f in found {
        let (_, c) = &all[f.component];
        let _ = writeln!(
            o,
            "\n[{}] {} {} — {}{}{}",
            severity_label(&f.severity, lang),
            c.name,
            c.version.as_deref().unwrap_or("?"),
            f.id,
            if f.cves.is_empty() || f.cves == [f.id.clone()] {
                String::new()
            } else {
                format!(" ({})", f.cves.join(", "))
            },
            match (f.kev, f.ransomware, ja) {
                (true, true, true) => " 悪用確認済み・ランサムウェアで使用",
                (true, false, true) => " 悪用確認済み",
                (true, true, false) => " known exploited, used by ransomware",
                (true, false, false) => " known exploited",
                _ => "",
            }
        );
        let _ = writeln!(
            o,
            "    {}: {}",
            if ja { "該当" } else { "matched" },
            f.why.describe(lang)
        );
        if !f.fixed.is_empty() {
            let _ = writeln!(
                o,
                "    {}: {}",
                if ja { "修正版" } else { "fixed in" },
                f.fixed.join(", ")
            );
        }
        if let (Some(p), Some(d)) = (&f.fix_published, f.days_open) {
            let _ = writeln!(
                o,
                "    {}",
                match (ja, f.overdue) {
                    (true, true) =>
                        format!("公表 {p}（{d} 日経過）: 14 日以内の適用期限を過ぎています"),
                    (true, false) => format!("公表 {p}（{d} 日経過）"),
                    (false, true) => format!("published {p} ({d} days ago): past the 14-day rule"),
                    (false, false) => format!("published {p} ({d} days ago)"),
                }
            );
        }
    }
    let _ = writeln!(
        o,
        "\n{}: {}",
        if ja { "使用したデータ" } else { "data" },
        m.snapshot(lang)
    );
    if ja {
        o.push_str("経過日数は勧告の公表日から数えています（修正版はそれ以前に公開されていることがほとんどです）。\n");
    } else {
        o.push_str("Days are counted from the advisory's publication (the fix was nearly always public by then).\n");
    }
    o
}
