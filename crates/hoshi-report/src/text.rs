//! Plain text and Markdown reports.

use hoshi_core::Lang;

use crate::width::{pad, width, wrap, wrap_list};
use crate::{Report, counts_line, short, t};

fn bar(ratio: f64, cells: usize) -> String {
    let filled = ((ratio * cells as f64).floor() as usize).min(cells);
    let mut s = "█".repeat(filled);
    s.push_str(&"░".repeat(cells - filled));
    s
}

fn level_lines(r: &Report, lang: Lang) -> Vec<String> {
    r.evaluation
        .levels
        .iter()
        .map(|l| {
            let state = if l.summarised {
                t(lang, "summarised").to_string()
            } else if l.reached {
                t(lang, "reached").to_string()
            } else {
                format!(
                    "{} ({} {})",
                    t(lang, "not_reached"),
                    t(lang, "remaining"),
                    l.blocking
                )
            };
            format!("{} {}%: {state}", l.label.get(lang), l.progress.percent())
        })
        .collect()
}

/// The report as plain text, wrapped for a terminal.
pub fn render_text(r: &Report) -> String {
    let mut o = String::new();
    push_text_meta(&mut o, r);
    push_text_summary(&mut o, r);
    push_text_categories(&mut o, r);
    push_text_gaps(&mut o, r);
    push_text_roadmap(&mut o, r);
    o.push_str(&format!("\n{}\n", t(r.lang, "disclaimer")));
    o
}

/// The title, the catalog, the target level and the organisation.
fn push_text_meta(o: &mut String, r: &Report) {
    let lang = r.lang;
    let e = r.evaluation;
    let c = r.catalog;
    let label = c.level(e.target).map(|l| l.label.get(lang)).unwrap_or("");
    o.push_str(&format!("hoshi {}\n", t(lang, "title")));
    o.push_str(&format!(
        "{}: {} ({})\n",
        t(lang, "catalog"),
        c.framework.title.get(lang),
        c.pin()
    ));
    o.push_str(&format!("{}: {label}\n", t(lang, "target")));
    if !r.assessment.organisation.is_empty() {
        o.push_str(&format!(
            "{}: {}\n",
            t(lang, "organisation"),
            r.assessment.organisation
        ));
    }
}

/// The verdict, the overall progress and the progress per level.
fn push_text_summary(o: &mut String, r: &Report) {
    let lang = r.lang;
    let e = r.evaluation;
    let c = r.catalog;
    o.push('\n');
    o.push_str(&format!(
        "{}: {}\n",
        t(lang, "verdict"),
        e.verdict_line(c, lang)
    ));
    o.push_str(&format!(
        "{}: {}%  ({})\n",
        t(lang, "progress"),
        e.overall.percent(),
        counts_line(&e.overall, lang)
    ));
    for l in level_lines(r, lang) {
        o.push_str(&format!("  {l}\n"));
    }
}

/// A bar per category with its percentage and count of criteria done.
fn push_text_categories(o: &mut String, r: &Report) {
    let lang = r.lang;
    let e = r.evaluation;
    o.push_str(&format!("\n{}\n", t(lang, "by_category")));
    let name_w = e
        .categories
        .iter()
        .map(|cp| width(&format!("{} {}", cp.id, cp.name.get(lang))))
        .max()
        .unwrap_or(10)
        .min(34);
    for cp in &e.categories {
        let p = cp.progress;
        o.push_str(&format!(
            "  {} {} {:>3}%  {}/{}\n",
            pad(&format!("{} {}", cp.id, cp.name.get(lang)), name_w),
            bar(p.ratio(), 20),
            p.percent(),
            p.done(),
            p.total
        ));
    }
}

/// The gaps in priority order.
fn push_text_gaps(o: &mut String, r: &Report) {
    let lang = r.lang;
    let e = r.evaluation;
    o.push_str(&format!("\n{} ({})\n", t(lang, "gaps"), e.gaps.len()));
    if e.gaps.is_empty() {
        o.push_str(&format!("  {}\n", t(lang, "no_gaps")));
    }
    for (i, g) in e.gaps.iter().enumerate() {
        push_text_gap(o, r, i, g);
    }
}

/// One gap: its criterion, status and risk, the wrapped text, then the measure, effort and phase.
fn push_text_gap(o: &mut String, r: &Report, i: usize, g: &hoshi_core::Gap) {
    let lang = r.lang;
    let c = r.catalog;
    let text = c
        .criterion(&g.criterion)
        .map(|c| c.text.get(lang))
        .unwrap_or("");
    o.push_str(&format!(
        "{:>4}. {} [{}] {} {} — {}\n",
        i + 1,
        g.criterion,
        g.status.label().get(lang),
        t(lang, "risk"),
        g.risk,
        g.threat.label().get(lang)
    ));
    for line in wrap(&short(text, 200), 70) {
        o.push_str(&format!("        {line}\n"));
    }
    let measure = g
        .measure
        .map(|m| m.label().get(lang).to_string())
        .unwrap_or_else(|| "—".into());
    o.push_str(&format!(
        "        {}: {} / {}: {} / {}: {}\n",
        t(lang, "measure"),
        measure,
        t(lang, "effort"),
        g.effort.label().get(lang),
        t(lang, "when"),
        g.phase.label().get(lang)
    ));
}

/// The criteria to take on in each phase of the roadmap.
fn push_text_roadmap(o: &mut String, r: &Report) {
    let lang = r.lang;
    let e = r.evaluation;
    o.push_str(&format!("\n{}\n", t(lang, "roadmap")));
    for p in &e.roadmap {
        o.push_str(&format!("  {} ({})\n", p.label.get(lang), p.criteria.len()));
        if p.criteria.is_empty() {
            o.push_str(&format!("      {}\n", t(lang, "nothing")));
        }
        for line in wrap_list(&p.criteria, 66) {
            o.push_str(&format!("      {line}\n"));
        }
    }
}

/// Escapes text for a Markdown table cell or list item.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

/// The report as Markdown.
pub fn render_markdown(r: &Report) -> String {
    let mut o = String::new();
    push_markdown_meta(&mut o, r);
    push_markdown_summary(&mut o, r);
    push_markdown_categories(&mut o, r);
    push_markdown_gaps(&mut o, r);
    push_markdown_roadmap(&mut o, r);
    o.push_str(&format!("\n---\n\n{}\n", t(r.lang, "disclaimer")));
    o
}

/// The title, then the catalog, the target level and the organisation as a list.
fn push_markdown_meta(o: &mut String, r: &Report) {
    let lang = r.lang;
    let e = r.evaluation;
    let c = r.catalog;
    let label = c.level(e.target).map(|l| l.label.get(lang)).unwrap_or("");
    o.push_str(&format!("# hoshi {}\n\n", t(lang, "title")));
    o.push_str(&format!(
        "- **{}**: {} (`{}`)\n",
        t(lang, "catalog"),
        md(c.framework.title.get(lang)),
        c.pin()
    ));
    o.push_str(&format!("- **{}**: {label}\n", t(lang, "target")));
    if !r.assessment.organisation.is_empty() {
        o.push_str(&format!(
            "- **{}**: {}\n",
            t(lang, "organisation"),
            md(&r.assessment.organisation)
        ));
    }
}

/// The verdict, the overall progress and the progress per level.
fn push_markdown_summary(o: &mut String, r: &Report) {
    let lang = r.lang;
    let e = r.evaluation;
    let c = r.catalog;
    o.push_str(&format!(
        "\n## {}\n\n{}\n\n",
        t(lang, "verdict"),
        md(&e.verdict_line(c, lang))
    ));
    o.push_str(&format!(
        "**{}: {}%** ({})\n\n",
        t(lang, "progress"),
        e.overall.percent(),
        counts_line(&e.overall, lang)
    ));
    for l in level_lines(r, lang) {
        o.push_str(&format!("- {}\n", md(&l)));
    }
}

/// A table of the counts per status for each category.
fn push_markdown_categories(o: &mut String, r: &Report) {
    let lang = r.lang;
    let e = r.evaluation;
    o.push_str(&format!("\n## {}\n\n", t(lang, "by_category")));
    let h = |k| t(lang, k);
    o.push_str(&format!(
        "| {} | {} | {} | {} | {} | {} | {} |\n|---|---:|---:|---:|---:|---:|---:|\n",
        h("category"),
        h("progress"),
        hoshi_core::Status::Met.label().get(lang),
        hoshi_core::Status::Partial.label().get(lang),
        hoshi_core::Status::NotMet.label().get(lang),
        hoshi_core::Status::NotApplicable.label().get(lang),
        hoshi_core::Status::Unanswered.label().get(lang),
    ));
    for cp in &e.categories {
        let p = cp.progress;
        o.push_str(&format!(
            "| {} {} | {}% | {} | {} | {} | {} | {} |\n",
            cp.id,
            md(cp.name.get(lang)),
            p.percent(),
            p.met,
            p.partial,
            p.not_met,
            p.not_applicable,
            p.unanswered
        ));
    }
}

/// The gaps in priority order, as a numbered list.
fn push_markdown_gaps(o: &mut String, r: &Report) {
    let lang = r.lang;
    let e = r.evaluation;
    o.push_str(&format!("\n## {} ({})\n\n", t(lang, "gaps"), e.gaps.len()));
    if e.gaps.is_empty() {
        o.push_str(&format!("{}\n", t(lang, "no_gaps")));
    }
    for (i, g) in e.gaps.iter().enumerate() {
        push_markdown_gap(o, r, i, g);
    }
}

/// One gap: its criterion, status, risk, text, measure, effort and phase, then the guidance.
fn push_markdown_gap(o: &mut String, r: &Report, i: usize, g: &hoshi_core::Gap) {
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
    o.push_str(&format!(
        "{}. **{}** ({}) — {} {} · {}  \n   {}  \n   {}: {} · {}: {} · {}: {}\n{}",
        i + 1,
        g.criterion,
        g.status.label().get(lang),
        t(lang, "risk"),
        g.risk,
        md(g.threat.label().get(lang)),
        md(&short(text, 200)),
        t(lang, "measure"),
        md(&measure),
        t(lang, "effort"),
        g.effort.label().get(lang),
        t(lang, "when"),
        g.phase.label().get(lang),
        c.criterion(&g.criterion)
            .filter(|c| !c.guidance.is_empty())
            .map(|c| format!("   > {}: {}\n", t(lang, "how"), md(c.guidance.get(lang))))
            .unwrap_or_default()
    ));
}

/// The criteria to take on in each phase of the roadmap.
fn push_markdown_roadmap(o: &mut String, r: &Report) {
    let lang = r.lang;
    let e = r.evaluation;
    o.push_str(&format!("\n## {}\n\n", t(lang, "roadmap")));
    for p in &e.roadmap {
        let list = if p.criteria.is_empty() {
            t(lang, "nothing").to_string()
        } else {
            p.criteria.join(", ")
        };
        o.push_str(&format!(
            "- **{}** ({}): {}\n",
            p.label.get(lang),
            p.criteria.len(),
            list
        ));
    }
}
