//! A company document (`hoshi_docs::Doc`) as the JSON `templates/document.typ` reads: the
//! sections already parsed into blocks, tables with their relative column widths, and the
//! lines printed around the text. Every text stays a JSON string.

use hoshi_docs::markup::{Block, column_weights, parse};
use hoshi_docs::{Doc, Meta};
use serde_json::{Value, json};

fn block(b: &Block) -> Value {
    match b {
        Block::Table { header, rows } => {
            let widths = column_weights(header.as_deref(), rows);
            let n = widths.len();
            let pad = |r: &Vec<String>| {
                let mut r = r.clone();
                r.resize(n, String::new());
                r
            };
            json!({
                "type": "table",
                "value": {
                    "header": header.as_ref().map(pad),
                    "rows": rows.iter().map(pad).collect::<Vec<_>>(),
                    "widths": widths,
                }
            })
        }
        other => serde_json::to_value(other).unwrap_or(Value::Null),
    }
}

/// The template's data for `doc` with `meta`.
pub(crate) fn data(doc: &Doc, meta: &Meta) -> Value {
    let ja = doc.ja;
    let mut sub: Vec<String> = vec![meta.company.clone(), meta.status_line(ja)];
    sub.extend(meta.approval_line(ja));
    sub.retain(|s| !s.trim().is_empty());
    let header = if meta.company.trim().is_empty() {
        doc.title.clone()
    } else {
        format!("{}　|　{}", meta.company, doc.title)
    };
    json!({
        "lang": if ja { "ja" } else { "en" },
        "title": doc.title,
        "company": meta.company,
        "header": header,
        "subtitle": sub.join("　|　"),
        "status": meta.status_line(ja),
        "draft": meta.draft,
        "draft_mark": if ja { "下書き" } else { "DRAFT" },
        "sections": doc.sections.iter().map(|s| json!({
            "heading": s.heading,
            "blocks": parse(&s.body).iter().map(block).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}
