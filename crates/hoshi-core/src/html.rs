//! The frame of hoshi's self-contained HTML pages (evidence to print or keep): one style sheet
//! inline, no script, the language on the root element. Callers escape their own content with
//! `text::escape_html`.

/// Layout shared by every kept page: Japanese-first fonts, readable width, tables, severity
/// badges (`.sev` with `.high`, `.medium`, `.low`, `.info`, `.good`), muted notes, definition
/// lists as a two-column grid, print without colour backgrounds lost.
pub const BASE_STYLE: &str = "body{font-family:'BIZ UDPGothic','Noto Sans JP','Hiragino Sans',Meiryo,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b2733;line-height:1.6}\
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccd5de}\
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ccd5de;padding:.35rem .5rem;vertical-align:top;text-align:left}\
th{background:#eef3f8}code,pre{font-size:.9em;overflow-wrap:anywhere;white-space:pre-wrap}.sev{display:inline-block;padding:0 .5rem;border-radius:1rem;font-size:.85em;white-space:nowrap}\
.critical,.high{background:#fde2e2;color:#8a1c1c}.medium{background:#fff1cc;color:#6b4b00}.low,.info{background:#e7edf3;color:#33414e}.good{background:#e3f4e8;color:#1d5b32}\
.muted{color:#5a6877;font-size:.9em}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:bold}\
@media print{body{margin:0;max-width:none}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

/// A whole page: `title` and `body` must already be escaped HTML.
pub fn page(lang_code: &str, title: &str, extra_style: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang_code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{BASE_STYLE}{extra_style}</style></head><body>\n{body}</body></html>\n"
    )
}
