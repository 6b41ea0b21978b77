//! `hoshi catalog …`

use std::path::Path;

use anyhow::{Result, anyhow};
use hoshi_catalog::Registry;
use hoshi_core::{Catalog, Change, Lang, Origin};
use hoshi_xlsx::{Existing, IpaError, PreparedIpa};
use serde::Serialize;

use crate::Reported;
use crate::cli::{CatalogCmd, ListFormat};
use crate::files::{catalog_dir, load_registry, now_rfc3339, read_bytes, read_text, write_atomic};

pub fn find<'r>(reg: &'r Registry, spec: &str, lang: Lang) -> Result<&'r Catalog> {
    reg.get(spec).ok_or_else(|| {
        let known: Vec<String> = reg.iter().map(|c| c.pin()).collect();
        match lang {
            Lang::Ja => anyhow!(
                "カタログ `{spec}` が見つかりません。利用できるカタログ: {}（`hoshi catalog list` で一覧を表示します）",
                known.join(", ")
            ),
            Lang::En => anyhow!(
                "no catalog `{spec}`; available: {} (see `hoshi catalog list`)",
                known.join(", ")
            ),
        }
    })
}

#[derive(Serialize)]
struct ListEntry<'a> {
    id: &'a str,
    edition: &'a str,
    title: &'a str,
    origin: Origin,
    levels: Vec<u8>,
    requirements: usize,
    criteria: usize,
    criteria_per_level: Vec<(u8, usize)>,
    source: &'a str,
    sha256: Option<&'a str>,
}

/// Runs one `catalog` subcommand.
pub fn run(cmd: CatalogCmd, lang: Lang, data: &Path) -> Result<()> {
    match cmd {
        CatalogCmd::List { format } => list(format, lang, data),
        CatalogCmd::Show {
            id,
            level,
            format,
            guidance,
        } => show(&id, level, format, guidance, lang, data),
        CatalogCmd::Check { file } => check(&file),
        CatalogCmd::ImportIpa {
            file,
            edition,
            id,
            force,
        } => import_ipa(&file, edition, &id, force, lang, data),
        CatalogCmd::Diff { old, new, format } => diff(&old, &new, format, lang, data),
    }
}

/// `catalog list`: every catalog hoshi knows, as text or JSON.
fn list(format: ListFormat, lang: Lang, data: &Path) -> Result<()> {
    let reg = load_registry(data)?;
    let entries: Vec<ListEntry> = reg.iter().map(|c| list_entry(&reg, c, lang)).collect();
    match format {
        ListFormat::Json => println!("{}", serde_json::to_string_pretty(&entries)?),
        ListFormat::Text => print_list(&entries, lang),
    }
    Ok(())
}

/// What `catalog list` shows about one catalog.
fn list_entry<'a>(reg: &'a Registry, c: &'a Catalog, lang: Lang) -> ListEntry<'a> {
    ListEntry {
        id: &c.framework.id,
        edition: &c.framework.edition,
        title: c.framework.title.get(lang),
        origin: c.framework.origin,
        levels: c.levels.iter().map(|l| l.rank).collect(),
        requirements: c.requirements.len(),
        criteria: c.criteria.len(),
        criteria_per_level: c
            .levels
            .iter()
            .map(|l| {
                (
                    l.rank,
                    c.criteria.iter().filter(|x| x.level == l.rank).count(),
                )
            })
            .collect(),
        source: reg.file_of(c).unwrap_or(""),
        sha256: c.framework.source.as_ref().map(|s| s.sha256.as_str()),
    }
}

/// Prints the catalog list as text: name, origin, counts and the source's hash.
fn print_list(entries: &[ListEntry], lang: Lang) {
    for e in entries {
        let origin = match (e.origin, lang) {
            (Origin::Hoshi, Lang::Ja) => "同梱（hoshi の文章）",
            (Origin::Hoshi, Lang::En) => "bundled (hoshi's wording)",
            (Origin::Official, Lang::Ja) => "取り込み（公式の文言）",
            (Origin::Official, Lang::En) => "imported (official wording)",
        };
        let per_level: Vec<String> = e
            .criteria_per_level
            .iter()
            .map(|(l, n)| format!("★{l}:{n}"))
            .collect();
        println!("{}@{}  {}", e.id, e.edition, e.title);
        match lang {
            Lang::Ja => println!(
                "    {origin} / 要求事項 {} 件・評価基準 {} 件 ({})",
                e.requirements,
                e.criteria,
                per_level.join(" ")
            ),
            Lang::En => println!(
                "    {origin} / {} requirements, {} criteria ({})",
                e.requirements,
                e.criteria,
                per_level.join(" ")
            ),
        }
        if let Some(h) = e.sha256 {
            println!("    sha256 {h}");
        }
    }
}

/// `catalog show`: one catalog, or one level of it, as text or JSON.
fn show(
    id: &str,
    level: Option<u8>,
    format: ListFormat,
    guidance: bool,
    lang: Lang,
    data: &Path,
) -> Result<()> {
    let reg = load_registry(data)?;
    let c = find(&reg, id, lang)?;
    if let Some(l) = level
        && c.level(l).is_none()
    {
        let known: Vec<String> = c.levels.iter().map(|l| l.rank.to_string()).collect();
        return Err(anyhow!(
            "{} has no level {l}; levels: {}",
            c.pin(),
            known.join(", ")
        ));
    }
    match format {
        ListFormat::Text => {
            print!("{}", hoshi_report::catalog_text(c, level, lang, guidance))
        }
        ListFormat::Json => print!("{}", hoshi_report::catalog_json(c, level, lang)),
    }
    Ok(())
}

/// `catalog check`: validates a catalog file and summarises it.
fn check(file: &Path) -> Result<()> {
    let text = read_text(file, hoshi_catalog::MAX_FILE_BYTES)?;
    match hoshi_catalog::parse_catalog(&file.display().to_string(), &text) {
        Ok(c) => {
            println!(
                "{}: ok — {} ({} levels, {} categories, {} requirements, {} criteria)",
                file.display(),
                c.pin(),
                c.levels.len(),
                c.categories.len(),
                c.requirements.len(),
                c.criteria.len()
            );
            Ok(())
        }
        Err(e) => {
            eprint!("{e}");
            Err(Reported.into())
        }
    }
}

/// `catalog diff`: what changed between two catalog editions, as text or JSON.
fn diff(old: &str, new: &str, format: ListFormat, lang: Lang, data: &Path) -> Result<()> {
    let reg = load_registry(data)?;
    let a = find(&reg, old, lang)?;
    let b = find(&reg, new, lang)?;
    let d = hoshi_core::diff(a, b);
    match format {
        ListFormat::Json => println!("{}", serde_json::to_string_pretty(&d)?),
        ListFormat::Text => print!("{}", diff_text(&d, lang)),
    }
    Ok(())
}

pub fn change_label(c: &Change, lang: Lang) -> String {
    match (c, lang) {
        (Change::Added, Lang::Ja) => "追加".into(),
        (Change::Added, Lang::En) => "added".into(),
        (Change::Removed, Lang::Ja) => "削除".into(),
        (Change::Removed, Lang::En) => "removed".into(),
        (Change::TextChanged, Lang::Ja) => "文言の変更".into(),
        (Change::TextChanged, Lang::En) => "wording changed".into(),
        (Change::LevelChanged { from, to }, Lang::Ja) => format!("レベル変更 ★{from}→★{to}"),
        (Change::LevelChanged { from, to }, Lang::En) => format!("level ★{from}→★{to}"),
        (Change::RequirementChanged { from, to }, Lang::Ja) => {
            format!("要求事項の移動 {from}→{to}")
        }
        (Change::RequirementChanged { from, to }, Lang::En) => format!("moved {from}→{to}"),
    }
}

fn diff_text(d: &hoshi_core::CatalogDiff, lang: Lang) -> String {
    let mut o = String::new();
    match lang {
        Lang::Ja => o.push_str(&format!(
            "{} → {}: 変更 {} 件、変更なし {} 件\n",
            d.from,
            d.to,
            d.criteria.len(),
            d.unchanged
        )),
        Lang::En => o.push_str(&format!(
            "{} → {}: {} changed, {} unchanged\n",
            d.from,
            d.to,
            d.criteria.len(),
            d.unchanged
        )),
    }
    for c in &d.criteria {
        let labels: Vec<String> = c.changes.iter().map(|x| change_label(x, lang)).collect();
        o.push_str(&format!("  {:<10} {}\n", c.id, labels.join(", ")));
    }
    o
}

/// `catalog import-ipa`: converts IPA's official workbook into a catalog, checks it like any
/// other (`hoshi_xlsx::prepare_ipa`) and stores it in the data directory.
fn import_ipa(
    file: &Path,
    edition: Option<String>,
    id: &str,
    force: bool,
    lang: Lang,
    data: &Path,
) -> Result<()> {
    let opts = hoshi_xlsx::IpaOptions {
        id: id.to_string(),
        file_name: file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        imported_at: now_rfc3339(),
        edition,
    };
    opts.check().map_err(|e| ipa_error(None, &e, lang))?;
    let bytes = read_bytes(file, hoshi_xlsx::MAX_FILE_BYTES)?;
    let reg = load_registry(data)?;
    let prepared =
        hoshi_xlsx::prepare_ipa(bytes, &opts, &reg).map_err(|e| ipa_error(Some(file), &e, lang))?;
    let pin = prepared.catalog.pin();
    let sha256 = &prepared.import.sha256;
    let replace = match prepared.existing {
        Existing::Same => {
            match lang {
                Lang::Ja => println!("{pin} は取り込み済みです（同じファイル、sha256 {sha256}）。"),
                Lang::En => println!("{pin} is already imported (same file, sha256 {sha256})."),
            }
            return Ok(());
        }
        Existing::Different if !force => {
            return Err(match lang {
                Lang::Ja => anyhow!(
                    "{pin} は別のファイルから取り込み済みです。置き換える場合は --force を指定してください。"
                ),
                Lang::En => anyhow!(
                    "{pin} was already imported from a different file; pass --force to replace it"
                ),
            });
        }
        Existing::Different => true,
        Existing::Absent => false,
    };
    let dir = catalog_dir(data);
    std::fs::create_dir_all(&dir).map_err(|e| anyhow!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join(&prepared.file_name);
    write_atomic(&path, prepared.toml.as_bytes(), force || replace)?;
    for w in &prepared.import.warnings {
        eprintln!("warning: {}", w.message(lang));
    }
    print_imported(file, &path, &prepared, lang);
    Ok(())
}

/// A refusal of `catalog import-ipa` in `lang`, after the file's name when the file is at fault,
/// with its details one per indented line.
fn ipa_error(file: Option<&Path>, e: &IpaError, lang: Lang) -> anyhow::Error {
    let mut text = match file {
        Some(f) => format!("{}: {}", f.display(), e.message(lang)),
        None => e.message(lang),
    };
    for d in e.details(lang) {
        text.push_str("\n  ");
        text.push_str(&d);
    }
    anyhow!(text)
}

/// Prints where the imported catalog went and how many criteria and requirements it has.
fn print_imported(file: &Path, path: &Path, prepared: &PreparedIpa, lang: Lang) {
    let (checked, imported) = (&prepared.catalog, &prepared.import);
    let star3 = imported.counts.get(&3).copied().unwrap_or(0);
    let star4 = imported.counts.get(&4).copied().unwrap_or(0);
    match lang {
        Lang::Ja => {
            println!("{} を取り込みました → {}", file.display(), path.display());
            println!("  カタログ: {}（公式の文言）", checked.pin());
            println!(
                "  評価基準: ★3 {star3} 件 + ★4 で追加 {star4} 件 = {} 件、要求事項 {} 件",
                star3 + star4,
                checked.requirements.len()
            );
            println!("  sha256: {}", imported.sha256);
        }
        Lang::En => {
            println!("Imported {} → {}", file.display(), path.display());
            println!("  catalog: {} (official wording)", checked.pin());
            println!(
                "  criteria: ★3 {star3} + ★4 added {star4} = {}, requirements {}",
                star3 + star4,
                checked.requirements.len()
            );
            println!("  sha256: {}", imported.sha256);
        }
    }
}
