//! `hoshi catalog …`

use std::path::Path;

use anyhow::{Result, anyhow};
use hoshi_catalog::Registry;
use hoshi_core::{Catalog, Change, Lang, Origin};
use serde::Serialize;

use crate::Reported;
use crate::cli::{CatalogCmd, ListFormat};
use crate::files::{load_registry, read_text};

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

pub fn run(cmd: CatalogCmd, lang: Lang, data: &Path) -> Result<()> {
    match cmd {
        CatalogCmd::List { format } => {
            let reg = load_registry(data)?;
            let entries: Vec<ListEntry> = reg
                .iter()
                .map(|c| ListEntry {
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
                })
                .collect();
            match format {
                ListFormat::Json => println!("{}", serde_json::to_string_pretty(&entries)?),
                ListFormat::Text => {
                    for e in &entries {
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
            }
            Ok(())
        }
        CatalogCmd::Show {
            id,
            level,
            format,
            guidance,
        } => {
            let reg = load_registry(data)?;
            let c = find(&reg, &id, lang)?;
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
        CatalogCmd::Check { file } => {
            let text = read_text(&file, hoshi_catalog::MAX_FILE_BYTES)?;
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
        CatalogCmd::Diff { old, new, format } => {
            let reg = load_registry(data)?;
            let a = find(&reg, &old, lang)?;
            let b = find(&reg, &new, lang)?;
            let d = hoshi_core::diff(a, b);
            match format {
                ListFormat::Json => println!("{}", serde_json::to_string_pretty(&d)?),
                ListFormat::Text => print!("{}", diff_text(&d, lang)),
            }
            Ok(())
        }
    }
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
