//! A section body as HTML for the browser: every text escaped, placeholders marked.

use hoshi_core::text::escape_html;

use crate::markup::{Block, parse, split_placeholders};

/// Escaped text with placeholders wrapped in `<mark class="missing">`.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (part, ph) in split_placeholders(text) {
        if ph {
            out.push_str("<mark class=\"missing\">");
            out.push_str(&escape_html(part));
            out.push_str("</mark>");
        } else {
            out.push_str(&escape_html(part));
        }
    }
    out
}

fn lines(text: &str) -> String {
    text.split('\n')
        .map(inline)
        .collect::<Vec<_>>()
        .join("<br>")
}

fn row(out: &mut String, cells: &[String], tag: &str, width: usize) {
    out.push_str("<tr>");
    for i in 0..width {
        let c = cells.get(i).map(String::as_str).unwrap_or("");
        out.push_str(&format!("<{tag}>{}</{tag}>", inline(c)));
    }
    out.push_str("</tr>");
}

/// The blocks of `body` as HTML (`h3`, `p`, `ul`, `ol`, `table`).
pub fn body(body: &str) -> String {
    let mut out = String::new();
    for b in parse(body) {
        match b {
            Block::Heading(h) => out.push_str(&format!("<h3>{}</h3>\n", inline(&h))),
            Block::Para(p) => out.push_str(&format!("<p>{}</p>\n", lines(&p))),
            Block::Bullets(items) | Block::Numbered(items) if items.is_empty() => {}
            Block::Bullets(items) => {
                out.push_str("<ul>");
                for i in items {
                    out.push_str(&format!("<li>{}</li>", inline(&i)));
                }
                out.push_str("</ul>\n");
            }
            Block::Numbered(items) => {
                out.push_str("<ol>");
                for i in items {
                    out.push_str(&format!("<li>{}</li>", inline(&i)));
                }
                out.push_str("</ol>\n");
            }
            Block::Table { header, rows } => {
                let width = header
                    .iter()
                    .chain(rows.iter())
                    .map(Vec::len)
                    .max()
                    .unwrap_or(0);
                out.push_str("<table>");
                if let Some(h) = &header {
                    out.push_str("<thead>");
                    row(&mut out, h, "th", width);
                    out.push_str("</thead>");
                }
                out.push_str("<tbody>");
                for r in &rows {
                    row(&mut out, r, "td", width);
                }
                out.push_str("</tbody></table>\n");
            }
        }
    }
    out
}
