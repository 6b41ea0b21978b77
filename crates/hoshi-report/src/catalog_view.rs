//! Catalog listings for `hoshi catalog show`.

use hoshi_core::{Catalog, Lang};
use serde::Serialize;

use crate::width::wrap;

/// The catalog as readable text, optionally limited to criteria of `level` (cumulative).
pub fn catalog_text(c: &Catalog, level: Option<u8>, lang: Lang, with_guidance: bool) -> String {
    let mut o = String::new();
    o.push_str(&format!("{} ({})\n", c.framework.title.get(lang), c.pin()));
    o.push_str(&format!("{}\n", c.framework.publisher.get(lang)));
    if let Some(n) = &c.framework.note {
        for l in wrap(n.get(lang), 76) {
            o.push_str(&format!("{l}\n"));
        }
    }
    let shown: Vec<_> = c
        .criteria
        .iter()
        .filter(|cr| level.is_none_or(|l| cr.level <= l))
        .collect();
    let reqs: Vec<_> = c
        .requirements
        .iter()
        .filter(|r| level.is_none_or(|l| r.levels.iter().any(|&x| x <= l)))
        .collect();
    let scope = match (level, lang) {
        (Some(l), Lang::Ja) => format!("★{l} の範囲: "),
        (Some(l), Lang::En) => format!("Scope ★{l}: "),
        (None, Lang::Ja) => "全レベル: ".into(),
        (None, Lang::En) => "All levels: ".into(),
    };
    match lang {
        Lang::Ja => o.push_str(&format!(
            "{scope}要求事項 {} 件・評価基準 {} 件\n",
            reqs.len(),
            shown.len()
        )),
        Lang::En => o.push_str(&format!(
            "{scope}{} requirements, {} criteria\n",
            reqs.len(),
            shown.len()
        )),
    }
    for cat in &c.categories {
        let cat_reqs: Vec<_> = reqs.iter().filter(|r| r.category == cat.id).collect();
        if cat_reqs.is_empty() {
            continue;
        }
        o.push_str(&format!("\n■ {} {}\n", cat.id, cat.name.get(lang)));
        for r in cat_reqs {
            let levels: Vec<String> = r.levels.iter().map(|l| format!("★{l}")).collect();
            o.push_str(&format!(
                "\n  ◆ {} {} [{}]\n",
                r.id,
                r.title.get(lang),
                levels.join("/")
            ));
            for l in wrap(r.text.get(lang), 72) {
                o.push_str(&format!("    {l}\n"));
            }
            if r.summarised {
                o.push_str(match lang {
                    Lang::Ja => {
                        "    （要約。評価基準は公式ワークブックの取り込みで利用できます）\n"
                    }
                    Lang::En => {
                        "    (summary; the criteria come from importing the official workbook)\n"
                    }
                });
            }
            for cr in shown.iter().filter(|cr| cr.requirement == r.id) {
                let mut first = true;
                for l in wrap(cr.text.get(lang), 66) {
                    if first {
                        o.push_str(&format!("    {:<9} {l}\n", cr.id));
                        first = false;
                    } else {
                        o.push_str(&format!("              {l}\n"));
                    }
                }
                if with_guidance && !cr.guidance.is_empty() {
                    for l in wrap(cr.guidance.get(lang), 64) {
                        o.push_str(&format!("              › {l}\n"));
                    }
                }
            }
        }
    }
    o
}

#[derive(Serialize)]
struct JsonCatalog<'a> {
    id: &'a str,
    edition: &'a str,
    title: &'a str,
    origin: hoshi_core::Origin,
    level: Option<u8>,
    requirements: usize,
    criteria: Vec<JsonCriterion<'a>>,
}

#[derive(Serialize)]
struct JsonCriterion<'a> {
    id: &'a str,
    requirement: &'a str,
    category: &'a str,
    level: u8,
    text: &'a str,
    guidance: &'a str,
    evidence: &'a [String],
    measure: Option<hoshi_core::Measure>,
    threats: &'a [hoshi_core::Threat],
    effort: hoshi_core::Effort,
    xref: &'a [hoshi_core::XRef],
}

pub fn catalog_json(c: &Catalog, level: Option<u8>, lang: Lang) -> String {
    let criteria: Vec<JsonCriterion> = c
        .criteria
        .iter()
        .filter(|cr| level.is_none_or(|l| cr.level <= l))
        .map(|cr| JsonCriterion {
            id: &cr.id,
            requirement: &cr.requirement,
            category: c.category_of(cr).map(|x| x.id.as_str()).unwrap_or(""),
            level: cr.level,
            text: cr.text.get(lang),
            guidance: cr.guidance.get(lang),
            evidence: cr.evidence.get(lang),
            measure: cr.measure,
            threats: &cr.threats,
            effort: cr.effort,
            xref: &cr.xref,
        })
        .collect();
    let j = JsonCatalog {
        id: &c.framework.id,
        edition: &c.framework.edition,
        title: c.framework.title.get(lang),
        origin: c.framework.origin,
        level,
        requirements: c
            .requirements
            .iter()
            .filter(|r| level.is_none_or(|l| r.levels.iter().any(|&x| x <= l)))
            .count(),
        criteria,
    };
    let mut s = serde_json::to_string_pretty(&j).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}
