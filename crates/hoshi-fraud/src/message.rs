//! Reading a mail: an RFC 5322 / MIME message as headers, addresses and readable text.
//!
//! [`parse`] takes the bytes as they come (CRLF or LF lines, `.eml` or one message of an mbox)
//! and never fails: whatever cannot be read is skipped and noted in [`Message::warnings`]. It
//! reads every encoding Japanese mail arrives in — ISO-2022-JP, Shift_JIS (CP932), EUC-JP and
//! UTF-8 bodies, RFC 2047 encoded words, raw 8-bit headers, RFC 2231 file names — and turns
//! HTML-only mail into text. Hostile input is cut short at fixed limits ([`MAX_INPUT`],
//! [`MAX_PARTS`], [`MAX_DEPTH`], [`MAX_HEADERS`]) so that a message is always read in time
//! proportional to its size.
//!
//! [`split_mbox`] cuts an mbox file (mboxo or mboxrd) into its messages.

use std::borrow::Cow;

use serde::Serialize;

mod address;
pub mod charset;
mod html;
pub mod punycode;

pub use charset::decode_words;

/// Bytes read of one message; the rest is ignored (with a warning).
pub const MAX_INPUT: usize = 64 * 1024 * 1024;
/// MIME parts read (the message itself counts as one).
pub const MAX_PARTS: usize = 200;
/// Multipart nesting read.
pub const MAX_DEPTH: usize = 20;
/// Header fields read per part.
pub const MAX_HEADERS: usize = 1000;

/// A mailbox as written in an address header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Address {
    /// The display name, decoded (`山田 太郎`); empty when there is none.
    pub display: String,
    /// The part before the last `@`, as written.
    pub local: String,
    /// The domain in lower case, `xn--` labels as written; empty when the address has no `@`.
    pub domain: String,
    /// The domain with `xn--` labels decoded ([`punycode::to_unicode`]); the same as `domain`
    /// when it has none.
    pub domain_unicode: String,
}

impl Address {
    /// `local@domain` (just `local` when there is no domain).
    /// `Display Name <local@domain>`, or the bare address without a display name.
    pub fn shown(&self) -> String {
        if self.display.is_empty() {
            self.addr()
        } else {
            format!("{} <{}>", self.display, self.addr())
        }
    }

    pub fn addr(&self) -> String {
        if self.domain.is_empty() {
            self.local.clone()
        } else {
            format!("{}@{}", self.local, self.domain)
        }
    }
}

/// A `DKIM-Signature` header's signing domain and selector (not verified here: whether it
/// passed is what the receiving server wrote in `Authentication-Results`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DkimSig {
    /// `d=`, lower case.
    pub domain: String,
    /// `s=`.
    pub selector: String,
}

/// A part that is not read as text: a file, an image, a forwarded message.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Attachment {
    /// The file name (RFC 2231 and RFC 2047 forms decoded); empty when none is given.
    pub file_name: String,
    /// `type/subtype`, lower case.
    pub content_type: String,
    /// Decoded size in bytes.
    pub size: usize,
}

/// A mail as read by [`parse`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Message {
    /// Every header field of the message in order: the name as written, the value unfolded,
    /// trimmed and with encoded words decoded.
    pub headers: Vec<(String, String)>,
    /// The first address of the first `From`.
    pub from: Option<Address>,
    pub sender: Option<Address>,
    pub reply_to: Vec<Address>,
    pub to: Vec<Address>,
    pub cc: Vec<Address>,
    /// The envelope sender from the top `Return-Path`, without brackets; empty for `<>`.
    pub return_path: Option<String>,
    /// The first `Subject`, decoded; empty when there is none.
    pub subject: String,
    /// Message ids without their angle brackets.
    pub message_id: Option<String>,
    pub in_reply_to: Option<String>,
    pub references: Vec<String>,
    /// The `Date` value as written.
    pub date: Option<String>,
    /// Raw `Authentication-Results` and `ARC-Authentication-Results` values, top first (the
    /// ARC ones start with their instance, `i=1;`).
    pub authentication_results: Vec<String>,
    pub dkim_signatures: Vec<DkimSig>,
    /// Raw `Received` values, top (latest) first.
    pub received: Vec<String>,
    /// The readable body: the text/plain parts (in `multipart/alternative` the plain
    /// alternative, else the HTML one turned into text), in order. Lines end with `\n`.
    pub text: String,
    /// The text of every HTML part, even where a plain alternative was preferred for `text`
    /// (what a mail client shows may differ from the plain part).
    pub html_text: String,
    /// `(href, link text)` of every link in the HTML parts.
    pub html_links: Vec<(String, String)>,
    pub attachments: Vec<Attachment>,
    /// What could not be read, and the limits hit.
    pub warnings: Vec<String>,
    /// DKIM signatures verified by hoshi itself (the caller looked the keys up in DNS):
    /// `(signing domain, passed)` per signature; `None` when nobody verified them. Used when
    /// the organisation's MX left no stamp.
    pub own_dkim: Option<Vec<(String, bool)>>,
}

impl Message {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of header `name` (case-insensitive), in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// One header field as read: the name as written and the value unfolded, trimmed and turned
/// into text, with encoded words still encoded.
struct Field {
    name: String,
    raw: String,
}

/// The readable text found in a part.
enum Piece {
    Plain(String),
    Html(String),
}

impl Piece {
    fn text(&self) -> &str {
        match self {
            Piece::Plain(t) | Piece::Html(t) => t,
        }
    }
}

/// State while reading one message.
#[derive(Default)]
struct Reader {
    parts: usize,
    warnings: Vec<String>,
    attachments: Vec<Attachment>,
    html_links: Vec<(String, String)>,
    html_text: Vec<String>,
}

impl Reader {
    fn warn(&mut self, w: impl Into<String>) {
        let w = w.into();
        if !self.warnings.contains(&w) {
            self.warnings.push(w);
        }
    }
}

/// Reads a message. Never panics and never fails: see the module documentation.
pub fn parse(bytes: &[u8]) -> Message {
    let mut r = Reader::default();
    let bytes = if bytes.len() > MAX_INPUT {
        r.warn(format!(
            "message larger than {} MiB: only the start was read",
            MAX_INPUT >> 20
        ));
        &bytes[..MAX_INPUT]
    } else {
        bytes
    };
    let (fields, body) = read_head(bytes, &mut r, true);
    let mut m = Message::default();
    fill_headers(&mut m, &fields);
    let pieces = r.entity(&fields, body, 0, "text/plain");
    m.text = join(pieces.iter().map(Piece::text));
    m.html_text = join(r.html_text.iter().map(String::as_str));
    m.html_links = r.html_links;
    m.attachments = r.attachments;
    m.warnings = r.warnings;
    m
}

fn join<'a>(texts: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for t in texts {
        let t = t.trim_end();
        if t.trim().is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(t);
    }
    out
}

/// The line starting at `pos`: its content without the line break, and where the next starts.
fn line_at(bytes: &[u8], pos: usize) -> (&[u8], usize) {
    let rest = &bytes[pos..];
    match rest.iter().position(|&c| c == b'\n') {
        Some(e) => {
            let line = &rest[..e];
            (line.strip_suffix(b"\r").unwrap_or(line), pos + e + 1)
        }
        None => (rest.strip_suffix(b"\r").unwrap_or(rest), bytes.len()),
    }
}

/// The length of a header field name at the start of `line` (up to its `:`), or `None` when
/// the line is not a header field.
fn field_name(line: &[u8]) -> Option<usize> {
    let colon = line.iter().position(|&c| c == b':')?;
    let name = line[..colon].trim_ascii_end();
    (!name.is_empty() && name.iter().all(|&c| (33..=126).contains(&c))).then_some(colon)
}

/// Splits a message or part into its header fields and body. A line that is neither a field
/// nor a continuation ends the header block even without the empty line.
fn read_head<'a>(bytes: &'a [u8], r: &mut Reader, top: bool) -> (Vec<Field>, &'a [u8]) {
    let mut fields = Vec::new();
    let mut current: Option<(String, Vec<u8>)> = None;
    let mut dropped = false;
    let mut pos = 0;
    let body_start = loop {
        if pos >= bytes.len() {
            break bytes.len();
        }
        let (line, next) = line_at(bytes, pos);
        if line.is_empty() {
            break next;
        }
        if top && pos == 0 && (line.starts_with(b"From ") || line.starts_with(b">From ")) {
            pos = next;
            continue;
        }
        if matches!(line[0], b' ' | b'\t') {
            if let Some((_, value)) = &mut current {
                value.extend_from_slice(line);
            }
            pos = next;
            continue;
        }
        let Some(colon) = field_name(line) else {
            if top {
                r.warn("the header ends without an empty line");
            }
            break pos;
        };
        if let Some(f) = current.take() {
            fields.push(f);
        }
        if fields.len() >= MAX_HEADERS {
            if !dropped {
                r.warn(format!(
                    "more than {MAX_HEADERS} header fields: the rest were not read"
                ));
                dropped = true;
            }
        } else {
            let name = String::from_utf8_lossy(line[..colon].trim_ascii_end()).into_owned();
            current = Some((name, line[colon + 1..].to_vec()));
        }
        pos = next;
    };
    fields.extend(current);
    let fields = fields
        .into_iter()
        .map(|(name, value)| Field {
            name,
            raw: charset::header_text(&value).trim().to_string(),
        })
        .collect();
    (fields, &bytes[body_start.min(bytes.len())..])
}

fn fill_headers(m: &mut Message, fields: &[Field]) {
    for f in fields {
        let value = decode_words(&f.raw);
        let raw = f.raw.as_str();
        match f.name.to_ascii_lowercase().as_str() {
            "from" if m.from.is_none() => m.from = address::parse_list(raw).into_iter().next(),
            "sender" if m.sender.is_none() => {
                m.sender = address::parse_list(raw).into_iter().next();
            }
            "reply-to" => m.reply_to.extend(address::parse_list(raw)),
            "to" => m.to.extend(address::parse_list(raw)),
            "cc" => m.cc.extend(address::parse_list(raw)),
            "return-path" if m.return_path.is_none() => {
                m.return_path = Some(address::return_path(raw));
            }
            "subject" if m.subject.is_empty() => m.subject.clone_from(&value),
            "message-id" if m.message_id.is_none() => {
                m.message_id = address::message_ids(raw).into_iter().next();
            }
            "in-reply-to" if m.in_reply_to.is_none() => {
                m.in_reply_to = address::message_ids(raw).into_iter().next();
            }
            "references" => m.references.extend(address::message_ids(raw)),
            "date" if m.date.is_none() => m.date = Some(raw.to_string()),
            "authentication-results" | "arc-authentication-results" => {
                m.authentication_results.push(raw.to_string());
            }
            "dkim-signature" => m.dkim_signatures.extend(dkim(raw)),
            "received" => m.received.push(raw.to_string()),
            _ => {}
        }
        m.headers.push((f.name.clone(), value));
    }
}

/// The `d=` and `s=` tags of a `DKIM-Signature` value.
fn dkim(value: &str) -> Option<DkimSig> {
    let mut sig = DkimSig::default();
    for tag in value.split(';') {
        let Some((k, v)) = tag.split_once('=') else {
            continue;
        };
        let v: String = v.chars().filter(|c| !c.is_whitespace()).collect();
        match k.trim() {
            "d" => sig.domain = v.to_lowercase(),
            "s" => sig.selector = v,
            _ => {}
        }
    }
    (!sig.domain.is_empty()).then_some(sig)
}

/// A `Content-Type` or `Content-Disposition` value: the main value in lower case and the
/// parameters (names in lower case, values unquoted, nothing decoded yet).
struct Params {
    value: String,
    params: Vec<(String, String)>,
}

fn params(field: Option<&str>) -> Params {
    let field = field.unwrap_or("");
    let (value, mut rest) = field.split_once(';').unwrap_or((field, ""));
    let mut params = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c == ';' || c.is_whitespace());
        if rest.is_empty() {
            break;
        }
        let name_end = rest.find(['=', ';']).unwrap_or(rest.len());
        let name = rest[..name_end].trim().to_ascii_lowercase();
        rest = &rest[name_end..];
        let Some(after) = rest.strip_prefix('=') else {
            continue;
        };
        let after = after.trim_start();
        let (v, next) = if let Some(quoted) = after.strip_prefix('"') {
            unquote(quoted)
        } else {
            let end = after.find(';').unwrap_or(after.len());
            (after[..end].trim().to_string(), &after[end..])
        };
        params.push((name, v));
        rest = next;
    }
    Params {
        value: value.trim().to_ascii_lowercase(),
        params,
    }
}

/// A quoted string whose opening quote was read: its content and the text after it.
fn unquote(s: &str) -> (String, &str) {
    let mut out = String::new();
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match (escaped, c) {
            (false, '\\') => escaped = true,
            (false, '"') => return (out, &s[i + 1..]),
            _ => {
                out.push(c);
                escaped = false;
            }
        }
    }
    (out, "")
}

impl Params {
    /// Parameter `name`: its RFC 2231 form (`name*=`, `name*0*=` …, charset and
    /// percent-encoding decoded) when present, else the plain one with encoded words decoded.
    fn get(&self, name: &str) -> Option<String> {
        let mut pieces: Vec<(u32, bool, &str)> = Vec::new();
        let mut plain = None;
        for (k, v) in &self.params {
            let Some(rest) = k.strip_prefix(name) else {
                continue;
            };
            if rest.is_empty() {
                plain.get_or_insert(v.as_str());
            } else if rest == "*" {
                pieces.push((0, true, v));
            } else if let Some(index) = rest.strip_prefix('*') {
                let (digits, ext) = match index.strip_suffix('*') {
                    Some(d) => (d, true),
                    None => (index, false),
                };
                if let Ok(n) = digits.parse::<u32>() {
                    pieces.push((n, ext, v));
                }
            }
        }
        if pieces.is_empty() {
            return plain.map(decode_words);
        }
        pieces.sort_by_key(|p| p.0);
        Some(extended(&pieces))
    }
}

/// The value of RFC 2231 pieces: the first extended piece names the charset
/// (`UTF-8'ja'%E8%AB%8B…`); extended pieces are percent-encoded.
fn extended(pieces: &[(u32, bool, &str)]) -> String {
    let mut bytes = Vec::new();
    let mut label = None;
    for (i, &(_, ext, v)) in pieces.iter().enumerate() {
        let mut v = v;
        if i == 0 && ext {
            let mut parts = v.splitn(3, '\'');
            if let (Some(cs), Some(_), Some(rest)) = (parts.next(), parts.next(), parts.next()) {
                label = Some(cs);
                v = rest;
            }
        }
        if ext {
            bytes.extend(percent_decode(v.as_bytes()));
        } else {
            bytes.extend_from_slice(v.as_bytes());
        }
    }
    charset::decode(&bytes, label.filter(|l| !l.is_empty())).0
}

fn percent_decode(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let byte = (s[i] == b'%')
            .then(|| s.get(i + 1..i + 3))
            .flatten()
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match byte {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(s[i]);
                i += 1;
            }
        }
    }
    out
}

fn field<'a>(fields: &'a [Field], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|f| f.name.eq_ignore_ascii_case(name))
        .map(|f| f.raw.as_str())
}

/// The parts of a multipart body.
struct Split<'a> {
    parts: Vec<&'a [u8]>,
    /// The closing delimiter was seen.
    closed: bool,
}

/// Cuts a multipart body at its boundary lines (`--boundary`, closing `--boundary--`,
/// trailing white space allowed), dropping preamble and epilogue; stops after `max` parts. A
/// missing closing line ends the last part at the end of the body.
fn split_parts<'a>(body: &'a [u8], boundary: &[u8], max: usize) -> Split<'a> {
    let mut parts = Vec::new();
    let mut start: Option<usize> = None;
    let mut pos = 0;
    while pos < body.len() {
        let (line, next) = line_at(body, pos);
        let delimiter = line
            .strip_prefix(b"--")
            .and_then(|l| l.strip_prefix(boundary));
        if let Some(rest) = delimiter {
            let close = rest.starts_with(b"--");
            let tail = if close { &rest[2..] } else { rest };
            if tail.iter().all(|&c| c == b' ' || c == b'\t') {
                if let Some(s) = start {
                    let mut end = pos;
                    if end > s && body[end - 1] == b'\n' {
                        end -= 1;
                        if end > s && body[end - 1] == b'\r' {
                            end -= 1;
                        }
                    }
                    parts.push(&body[s..end]);
                    if parts.len() >= max {
                        return Split {
                            parts,
                            closed: false,
                        };
                    }
                }
                if close {
                    return Split {
                        parts,
                        closed: true,
                    };
                }
                start = Some(next);
            }
        }
        pos = next;
    }
    if let Some(s) = start {
        parts.push(&body[s.min(body.len())..]);
    }
    Split {
        parts,
        closed: false,
    }
}

/// A body with its `Content-Transfer-Encoding` undone.
fn transfer_decode<'a>(body: &'a [u8], encoding: &str, r: &mut Reader) -> Cow<'a, [u8]> {
    match encoding {
        "base64" => Cow::Owned(charset::base64(body)),
        "quoted-printable" => Cow::Owned(charset::quoted_printable(body)),
        "" | "7bit" | "8bit" | "binary" => Cow::Borrowed(body),
        other => {
            r.warn(format!(
                "unknown transfer encoding {other:?}: read as it is"
            ));
            Cow::Borrowed(body)
        }
    }
}

/// The charset an HTML document names in a `<meta>` tag, when its part's header does not.
fn meta_charset(html: &[u8]) -> Option<String> {
    let head = &html[..html.len().min(4096)];
    let at = head
        .windows(8)
        .position(|w| w.eq_ignore_ascii_case(b"charset="))?;
    let rest = &head[at + 8..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let name: Vec<u8> = rest
        .iter()
        .copied()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b':'))
        .collect();
    (!name.is_empty()).then(|| String::from_utf8_lossy(&name).into_owned())
}

/// Line breaks as `\n`.
fn tidy(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

impl Reader {
    /// Reads one part (the message itself at depth 0) and returns its readable text.
    fn entity(&mut self, fields: &[Field], body: &[u8], depth: usize, default: &str) -> Vec<Piece> {
        self.parts += 1;
        let ct = params(field(fields, "Content-Type"));
        let mime = if ct.value.contains('/') {
            ct.value.clone()
        } else {
            default.to_string()
        };
        if mime.starts_with("multipart/") {
            return self.multipart(&mime, &ct, body, depth);
        }
        let disposition = params(field(fields, "Content-Disposition"));
        let cte = field(fields, "Content-Transfer-Encoding")
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let file_name = disposition
            .get("filename")
            .or_else(|| ct.get("name"))
            .filter(|n| !n.trim().is_empty());
        let readable = mime == "text/plain" || mime == "text/html";
        if !readable || disposition.value == "attachment" || file_name.is_some() {
            let size = match cte.as_str() {
                "base64" => charset::base64_len(body),
                "quoted-printable" => charset::quoted_printable(body).len(),
                _ => body.len(),
            };
            self.attachments.push(Attachment {
                file_name: file_name.unwrap_or_default(),
                content_type: mime,
                size,
            });
            return Vec::new();
        }
        let data = transfer_decode(body, &cte, self);
        let html = mime == "text/html";
        let label = ct
            .get("charset")
            .or_else(|| html.then(|| meta_charset(&data)).flatten());
        let (text, note) = charset::decode(&data, label.as_deref());
        if let Some(note) = note {
            self.warn(note);
        }
        let text = tidy(text);
        if !html {
            return vec![Piece::Plain(text)];
        }
        let h = html::to_text(&text);
        self.html_links.extend(h.links);
        self.html_text.push(h.text.clone());
        vec![Piece::Html(h.text)]
    }

    fn multipart(&mut self, mime: &str, ct: &Params, body: &[u8], depth: usize) -> Vec<Piece> {
        let Some(boundary) = ct.get("boundary").filter(|b| !b.is_empty()) else {
            self.warn("multipart without a boundary: read as text");
            return self.as_plain(body);
        };
        if depth >= MAX_DEPTH {
            self.warn(format!(
                "multipart nested deeper than {MAX_DEPTH}: inner parts not read"
            ));
            return Vec::new();
        }
        let budget = MAX_PARTS.saturating_sub(self.parts);
        let split = split_parts(body, boundary.as_bytes(), budget + 1);
        if split.parts.is_empty() {
            self.warn("multipart without any boundary line: read as text");
            return self.as_plain(body);
        }
        if split.parts.len() > budget {
            self.warn(format!(
                "more than {MAX_PARTS} MIME parts: the rest were not read"
            ));
        } else if !split.closed {
            self.warn("multipart without its closing boundary");
        }
        let default = if mime == "multipart/digest" {
            "message/rfc822"
        } else {
            "text/plain"
        };
        let mut children = Vec::new();
        for part in split.parts.into_iter().take(budget) {
            let (fields, part_body) = read_head(part, self, false);
            children.push(self.entity(&fields, part_body, depth + 1, default));
        }
        if mime == "multipart/alternative" {
            choose(children)
        } else {
            children.into_iter().flatten().collect()
        }
    }

    fn as_plain(&mut self, body: &[u8]) -> Vec<Piece> {
        let (text, note) = charset::decode(body, None);
        if let Some(note) = note {
            self.warn(note);
        }
        vec![Piece::Plain(tidy(text))]
    }
}

/// The alternative read as text: the first with a plain part that says something, else the
/// last with any text.
fn choose(children: Vec<Vec<Piece>>) -> Vec<Piece> {
    let plain = children.iter().position(|c| {
        c.iter()
            .any(|p| matches!(p, Piece::Plain(t) if !t.trim().is_empty()))
    });
    let pick = plain.or_else(|| {
        children
            .iter()
            .rposition(|c| c.iter().any(|p| !p.text().trim().is_empty()))
    });
    match pick {
        Some(i) => children.into_iter().nth(i).unwrap_or_default(),
        None => Vec::new(),
    }
}

/// The messages of an mbox file (mboxo or mboxrd). A message starts at a line beginning with
/// `From ` at the start of the file or after an empty line; that line is left out, the empty
/// line before the next one too, and `>From ` lines (any number of `>`) lose one `>`. Text
/// before the first `From ` line counts as a message when it is not blank, so a single `.eml`
/// comes back whole.
pub fn split_mbox(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    let mut after_blank = true;
    let mut pos = 0;
    while pos < bytes.len() {
        let (line, next) = line_at(bytes, pos);
        let full = &bytes[pos..next];
        if after_blank && line.starts_with(b"From ") {
            finish_mbox_message(&mut out, std::mem::take(&mut cur));
            pos = next;
            after_blank = false;
            continue;
        }
        after_blank = line.is_empty();
        let quotes = line.iter().take_while(|&&c| c == b'>').count();
        if quotes > 0 && line[quotes..].starts_with(b"From ") {
            cur.extend_from_slice(&full[1..]);
        } else {
            cur.extend_from_slice(full);
        }
        pos = next;
    }
    finish_mbox_message(&mut out, cur);
    out
}

fn finish_mbox_message(out: &mut Vec<Vec<u8>>, mut m: Vec<u8>) {
    if m.iter().all(u8::is_ascii_whitespace) {
        return;
    }
    if m.ends_with(b"\r\n\r\n") {
        m.truncate(m.len() - 2);
    } else if m.ends_with(b"\n\n") {
        m.truncate(m.len() - 1);
    }
    out.push(m);
}
