//! A self-contained HTML report: no scripts, no external assets, an SVG bar chart per category.

use hoshi_core::{Progress, Status};

use crate::{Report, counts_line, t};

pub use hoshi_core::text::escape_html as esc;

const COLOURS: [(Status, &str); 5] = [
    (Status::Met, "#2e7d32"),
    (Status::NotApplicable, "#78909c"),
    (Status::Partial, "#f9a825"),
    (Status::NotMet, "#c62828"),
    (Status::Unanswered, "#e0e0e0"),
];

fn count(p: &Progress, s: Status) -> u32 {
    match s {
        Status::Met => p.met,
        Status::Partial => p.partial,
        Status::NotMet => p.not_met,
        Status::NotApplicable => p.not_applicable,
        Status::Unanswered => p.unanswered,
    }
}

/// Horizontal stacked bars, one per category, with labels and percentages.
fn chart(r: &Report) -> String {
    category_chart(r.evaluation, r.lang)
}

/// The per-category progress chart as a self-contained SVG (also used by the web pages).
pub fn category_chart(e: &hoshi_core::Evaluation, lang: hoshi_core::Lang) -> String {
    let cats = &e.categories;
    let row = 34.0;
    let label_w: f64 = 190.0;
    let bar_w: f64 = 420.0;
    let legend_w: f64 = COLOURS
        .iter()
        .map(|(s, _)| 36.0 + 7.0 * crate::width::width(s.label().get(lang)) as f64)
        .sum();
    let width = (label_w + bar_w + 70.0).max(label_w + legend_w);
    let height = row * cats.len() as f64 + 40.0;
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" aria-labelledby="chart-title"><title id="chart-title">{}</title>"#,
        esc(t(lang, "by_category"))
    );
    for (i, c) in cats.iter().enumerate() {
        let y = i as f64 * row + 6.0;
        let p = &c.progress;
        s.push_str(&format!(
            r#"<text x="0" y="{:.1}" font-size="13" dominant-baseline="middle">{} {}</text>"#,
            y + 11.0,
            esc(&c.id),
            esc(c.name.get(lang))
        ));
        let mut x = label_w;
        for (status, colour) in COLOURS {
            let n = count(p, status);
            if n == 0 || p.total == 0 {
                continue;
            }
            let w = bar_w * f64::from(n) / f64::from(p.total);
            s.push_str(&format!(
                r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="22" fill="{colour}"><title>{}: {n}</title></rect>"#,
                esc(status.label().get(lang))
            ));
            x += w;
        }
        s.push_str(&format!(
            r#"<text x="{:.1}" y="{:.1}" font-size="13" dominant-baseline="middle">{}%</text>"#,
            label_w + bar_w + 8.0,
            y + 11.0,
            p.percent()
        ));
    }
    // Legend.
    let ly = row * cats.len() as f64 + 18.0;
    let mut lx = label_w;
    for (status, colour) in COLOURS {
        s.push_str(&format!(
            r#"<rect x="{lx:.1}" y="{:.1}" width="12" height="12" fill="{colour}"/><text x="{:.1}" y="{:.1}" font-size="12" dominant-baseline="middle">{}</text>"#,
            ly,
            lx + 16.0,
            ly + 6.0,
            esc(status.label().get(lang))
        ));
        // 7 px per narrow character, 13 px per wide one, plus the swatch and a gap.
        lx += 16.0 + 7.0 * crate::width::width(status.label().get(lang)) as f64 + 20.0;
    }
    s.push_str("</svg>");
    s
}

/// What to do about a gap: hoshi's guidance and typical evidence, folded by default (no script).
fn guidance(cr: Option<&hoshi_core::Criterion>, lang: hoshi_core::Lang) -> String {
    let Some(cr) = cr.filter(|c| !c.guidance.is_empty()) else {
        return String::new();
    };
    let mut how = format!(
        "<details><summary>{}</summary><p>{}</p>",
        esc(t(lang, "how")),
        esc(cr.guidance.get(lang))
    );
    let ev = cr.evidence.get(lang);
    if !ev.is_empty() {
        how.push_str(&format!(
            "<p class=\"small\">{}</p><ul>",
            esc(t(lang, "evidence"))
        ));
        for e in ev {
            how.push_str(&format!("<li>{}</li>", esc(e)));
        }
        how.push_str("</ul>");
    }
    how.push_str("</details>");
    how
}

/// The whole report as one self-contained HTML page.
pub fn render_html(r: &Report) -> String {
    let mut o = head(r.lang);
    push_meta(&mut o, r);
    push_summary(&mut o, r);
    push_gaps(&mut o, r);
    push_roadmap(&mut o, r);
    o.push_str(&format!(
        "<p class=\"small\">{}</p>\n</body>\n</html>\n",
        esc(t(r.lang, "disclaimer"))
    ));
    o
}

/// The start of the page up to the main heading: metadata, the content policy and the styles.
fn head(lang: hoshi_core::Lang) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="{}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>hoshi — {}</title>
<style>
body {{ font-family: {font}; color: #1b1b1b; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.7; }}
h1 {{ font-size: 1.6rem; border-bottom: 3px solid #1a3d6d; padding-bottom: .3rem; }}
h2 {{ font-size: 1.25rem; margin-top: 2rem; color: #1a3d6d; }}
dl.meta {{ display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }}
dl.meta dt {{ font-weight: bold; }}
.verdict {{ padding: .8rem 1rem; border-radius: 6px; font-weight: bold; }}
.verdict.reached {{ background: #e8f5e9; border-left: 6px solid #2e7d32; }}
.verdict.open {{ background: #fff3e0; border-left: 6px solid #e65100; }}
table {{ border-collapse: collapse; width: 100%; font-size: .95rem; }}
th, td {{ border: 1px solid #cfd8dc; padding: .35rem .5rem; vertical-align: top; text-align: left; }}
th {{ background: #eceff1; }}
td.num {{ text-align: right; }}
.risk {{ font-weight: bold; }}
.nowrap {{ white-space: nowrap; }}
.phase {{ margin: .5rem 0; }}
.small {{ font-size: .85rem; color: #455a64; }}
</style>
</head>
<body>
<h1>hoshi {}</h1>
"#,
        lang.code(),
        esc(t(lang, "title")),
        esc(t(lang, "title")),
        font = match lang {
            hoshi_core::Lang::Ja =>
                r#""BIZ UDPGothic", "BIZ UDGothic", "Hiragino Sans", "Noto Sans CJK JP", "Yu Gothic", sans-serif"#,
            hoshi_core::Lang::En =>
                r#"system-ui, "Segoe UI", "Liberation Sans", Arial, "BIZ UDPGothic", "Noto Sans CJK JP", sans-serif"#,
        }
    )
}

/// The catalog, the target level and the organisation.
fn push_meta(o: &mut String, r: &Report) {
    let lang = r.lang;
    let c = r.catalog;
    let label = c
        .level(r.evaluation.target)
        .map(|l| l.label.get(lang))
        .unwrap_or("");
    o.push_str(r#"<dl class="meta">"#);
    o.push_str(&format!(
        "<dt>{}</dt><dd>{} (<code>{}</code>)</dd>",
        esc(t(lang, "catalog")),
        esc(c.framework.title.get(lang)),
        esc(&c.pin())
    ));
    o.push_str(&format!(
        "<dt>{}</dt><dd>{}</dd>",
        esc(t(lang, "target")),
        esc(label)
    ));
    if !r.assessment.organisation.is_empty() {
        o.push_str(&format!(
            "<dt>{}</dt><dd>{}</dd>",
            esc(t(lang, "organisation")),
            esc(&r.assessment.organisation)
        ));
    }
    o.push_str("</dl>\n");
}

/// The verdict, the overall progress and the chart per category.
fn push_summary(o: &mut String, r: &Report) {
    let lang = r.lang;
    let e = r.evaluation;
    let c = r.catalog;
    o.push_str(&format!(
        "<h2>{}</h2>\n<p class=\"verdict {}\">{}</p>\n<p>{}: <strong>{}%</strong> ({})</p>\n",
        esc(t(lang, "verdict")),
        if e.target_reached { "reached" } else { "open" },
        esc(&e.verdict_line(c, lang)),
        esc(t(lang, "progress")),
        e.overall.percent(),
        esc(&counts_line(&e.overall, lang))
    ));
    o.push_str(&format!(
        "<h2>{}</h2>\n<figure>{}</figure>\n",
        esc(t(lang, "by_category")),
        chart(r)
    ));
}

/// The gaps, in priority order, as a table.
fn push_gaps(o: &mut String, r: &Report) {
    let lang = r.lang;
    let e = r.evaluation;
    o.push_str(&format!(
        "<h2>{} ({})</h2>\n",
        esc(t(lang, "gaps")),
        e.gaps.len()
    ));
    if e.gaps.is_empty() {
        o.push_str(&format!("<p>{}</p>\n", esc(t(lang, "no_gaps"))));
    } else {
        o.push_str(&format!(
            "<table><thead><tr><th>#</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
            esc(t(lang, "criterion")),
            esc(t(lang, "status")),
            esc(t(lang, "risk")),
            esc(t(lang, "measure")),
            esc(t(lang, "effort")),
            esc(t(lang, "when"))
        ));
        for (i, g) in e.gaps.iter().enumerate() {
            o.push_str(&gap_row(r, i, g));
        }
        o.push_str("</tbody></table>\n");
    }
}

/// One row of the gap table, with the guidance folded under the criterion's text.
fn gap_row(r: &Report, i: usize, g: &hoshi_core::Gap) -> String {
    let lang = r.lang;
    let c = r.catalog;
    let text = c
        .criterion(&g.criterion)
        .map(|c| c.text.get(lang))
        .unwrap_or("");
    let measure = g
        .measure
        .map(|m| m.label().get(lang).to_string())
        .unwrap_or_else(|| "—".into());
    let how = guidance(c.criterion(&g.criterion), lang);
    format!(
        "<tr id=\"gap-{}\"><td class=\"num\">{}</td><td><strong>{}</strong><br>{}{how}</td><td class=\"nowrap\">{}</td><td><span class=\"risk\">{}</span><br><span class=\"small\">{}</span></td><td>{}</td><td>{}</td><td class=\"nowrap\">{}</td></tr>\n",
        esc(&g.criterion),
        i + 1,
        esc(&g.criterion),
        esc(text).replace('\n', "<br>"),
        esc(g.status.label().get(lang)),
        g.risk,
        esc(g.threat.label().get(lang)),
        esc(&measure),
        esc(g.effort.label().get(lang)),
        esc(g.phase.label().get(lang))
    )
}

/// The roadmap: the criteria to take on in each phase, linked to their gap rows.
fn push_roadmap(o: &mut String, r: &Report) {
    let lang = r.lang;
    let e = r.evaluation;
    let c = r.catalog;
    o.push_str(&format!("<h2>{}</h2>\n", esc(t(lang, "roadmap"))));
    for p in &e.roadmap {
        o.push_str(&format!(
            "<div class=\"phase\"><h3>{} ({})</h3>",
            esc(p.label.get(lang)),
            p.criteria.len()
        ));
        if p.criteria.is_empty() {
            o.push_str(&format!(
                "<p class=\"small\">{}</p>",
                esc(t(lang, "nothing"))
            ));
        } else {
            o.push_str("<ul>");
            for id in &p.criteria {
                let text = c.criterion(id).map(|c| c.text.get(lang)).unwrap_or("");
                o.push_str(&format!(
                    "<li><a href=\"#gap-{}\">{}</a> {}</li>",
                    esc(id),
                    esc(id),
                    esc(&crate::short(text, 60))
                ));
            }
            o.push_str("</ul>");
        }
        o.push_str("</div>\n");
    }
}
