//! HTML mail as the reader sees it: the text (scripts, styles and the title dropped, block
//! elements on their own lines, entities decoded) and the links with their visible text.
//!
//! Inline elements (`<span>`, `<b>`, `<font>`) add nothing between the text on either side, so a
//! word split by empty tags (`振<span></span>込`) reads as one word, as it does on screen.

/// The text and links of an HTML document.
pub struct Html {
    pub text: String,
    /// `(href, link text)` in document order.
    pub links: Vec<(String, String)>,
}

/// Elements that start and end a line.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// Elements whose content is never shown.
/// (`<head>` itself is not one: browsers show text that follows a `<head>` never closed.)
const HIDDEN: &[&str] = &["script", "style", "title", "template", "xml"];

pub fn to_text(html: &str) -> Html {
    let mut w = Writer::default();
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'<' => i = w.tag(html, i),
            b'&' => match entity(&html[i..]) {
                Some((r, len)) => {
                    w.text(r.as_str(&mut [0; 4]));
                    i += len;
                }
                None => {
                    w.text("&");
                    i += 1;
                }
            },
            _ => {
                let end = b[i..]
                    .iter()
                    .position(|&c| c == b'<' || c == b'&')
                    .map_or(b.len(), |p| i + p);
                w.text(&html[i..end]);
                i = end;
            }
        }
    }
    w.finish_link();
    let mut text = String::with_capacity(w.out.len());
    for line in w.out.trim().lines() {
        text.push_str(line.trim_end());
        text.push('\n');
    }
    text.truncate(text.trim_end().len());
    Html {
        text,
        links: w.links,
    }
}

#[derive(Default)]
struct Writer {
    out: String,
    /// White space seen since the last character written.
    space: bool,
    /// Inside `<pre>`: white space kept.
    pre: usize,
    link: Option<(String, String)>,
    links: Vec<(String, String)>,
}

impl Writer {
    fn text(&mut self, s: &str) {
        for c in s.chars() {
            if self.pre > 0 && c == '\n' {
                self.line_break();
            } else if self.pre > 0 && c != '\r' {
                self.put(c);
            } else if c.is_whitespace() {
                self.space = true;
            } else {
                self.put(c);
            }
        }
    }

    fn put(&mut self, c: char) {
        let at_line_start = self.out.is_empty() || self.out.ends_with('\n');
        if self.space && !at_line_start {
            self.out.push(' ');
        }
        if let Some((_, text)) = &mut self.link {
            if self.space && !text.is_empty() {
                text.push(' ');
            }
            text.push(c);
        }
        self.space = false;
        self.out.push(c);
    }

    /// Ends the line (at most one empty line in a row).
    fn line_break(&mut self) {
        self.space = false;
        while self.out.ends_with(' ') {
            self.out.pop();
        }
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
        if let Some((_, text)) = &mut self.link
            && !text.is_empty()
            && !text.ends_with(' ')
        {
            text.push(' ');
        }
    }

    /// Starts a new line unless at the start of one.
    fn block(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.line_break();
        }
        self.space = false;
    }

    fn finish_link(&mut self) {
        if let Some((href, text)) = self.link.take() {
            self.links.push((href, text.trim().to_string()));
        }
    }

    /// Handles the markup starting at `at` (a `<`); returns where the text goes on.
    fn tag(&mut self, html: &str, at: usize) -> usize {
        let b = html.as_bytes();
        if b[at..].starts_with(b"<!--") {
            return find(b, at + 4, b"-->").map_or(b.len(), |p| p + 3);
        }
        if matches!(b.get(at + 1), Some(b'!' | b'?')) {
            return find(b, at + 1, b">").map_or(b.len(), |p| p + 1);
        }
        let closing = b.get(at + 1) == Some(&b'/');
        let name_start = at + 1 + usize::from(closing);
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !b[name_start].is_ascii_alphabetic() {
            self.text("<");
            return at + 1;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let end = tag_end(b, name_start + name_len);
        let attrs = &html[name_start + name_len..end.min(b.len())];
        let next = (end + 1).min(b.len());
        if closing {
            self.close(&name);
            return next;
        }
        if HIDDEN.contains(&name.as_str()) && !attrs.trim_end().ends_with('/') {
            return skip_element(b, next, &name);
        }
        self.open(&name, attrs);
        next
    }

    fn open(&mut self, name: &str, attrs: &str) {
        match name {
            "br" => self.line_break(),
            "a" => {
                self.finish_link();
                let href = attr(attrs, "href").unwrap_or_default();
                self.link = Some((href.trim().to_string(), String::new()));
            }
            "img" => {
                if let (Some(alt), Some(_)) = (attr(attrs, "alt"), &self.link) {
                    self.text(&alt);
                }
            }
            "td" | "th" => self.space = true,
            "pre" => {
                self.block();
                self.pre += 1;
            }
            _ if BLOCKS.contains(&name) => self.block(),
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "a" => self.finish_link(),
            "td" | "th" => self.space = true,
            "pre" => {
                self.pre = self.pre.saturating_sub(1);
                self.block();
            }
            _ if BLOCKS.contains(&name) => self.block(),
            _ => {}
        }
    }
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Where the tag whose name ends at `from` ends (its `>`), skipping `>` inside quoted
/// attribute values; the length of the text when it never ends.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    let mut after_equals = false;
    for (k, &c) in b.iter().enumerate().skip(from) {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            b'>' => return k,
            b'"' | b'\'' if after_equals => quote = Some(c),
            b'=' => {
                after_equals = true;
                continue;
            }
            c if c.is_ascii_whitespace() => continue,
            _ => {}
        }
        after_equals = false;
    }
    b.len()
}

/// Skips an element whose content is not shown: returns the position after its end tag, or the
/// end of the text when it has none.
fn skip_element(b: &[u8], from: usize, name: &str) -> usize {
    let mut k = from;
    while let Some(p) = find(b, k, b"</") {
        let n = p + 2;
        let matches = b
            .get(n..n + name.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(name.as_bytes()));
        if matches && !b.get(n + name.len()).is_some_and(u8::is_ascii_alphanumeric) {
            return find(b, n, b">").map_or(b.len(), |e| e + 1);
        }
        k = n;
    }
    b.len()
}

/// The value of attribute `name` in a tag's attribute text, entities decoded.
fn attr(attrs: &str, name: &str) -> Option<String> {
    let b = attrs.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'/') {
            i += 1;
        }
        let key = &attrs[start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            if start == i {
                i += 1;
            }
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let (value, next) = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = b[i + 1..]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(b.len(), |p| i + 1 + p);
                (&attrs[i + 1..end], end + 1)
            }
            _ => {
                let end = b[i..]
                    .iter()
                    .position(u8::is_ascii_whitespace)
                    .map_or(b.len(), |p| i + p);
                (&attrs[i..end], end)
            }
        };
        if key.eq_ignore_ascii_case(name) {
            return Some(decode_entities(value));
        }
        i = next;
    }
    None
}

/// Text with its character references decoded.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        match entity(&rest[p..]) {
            Some((r, len)) => {
                out.push_str(r.as_str(&mut [0; 4]));
                rest = &rest[p + len..];
            }
            None => {
                out.push('&');
                rest = &rest[p + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Named references understood, with what they stand for (`nbsp` as a plain space).
const NAMED: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", " "),
    ("ensp", " "),
    ("emsp", " "),
    ("thinsp", " "),
    ("zwnj", ""),
    ("zwj", ""),
    ("shy", ""),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("yen", "¥"),
    ("euro", "€"),
    ("pound", "£"),
    ("cent", "¢"),
    ("times", "×"),
    ("divide", "÷"),
    ("hellip", "…"),
    ("mdash", "—"),
    ("ndash", "–"),
    ("minus", "−"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("middot", "·"),
    ("bull", "•"),
    ("sect", "§"),
    ("para", "¶"),
    ("deg", "°"),
    ("plusmn", "±"),
    ("larr", "←"),
    ("rarr", "→"),
    ("uarr", "↑"),
    ("darr", "↓"),
    ("hArr", "⇔"),
    ("rArr", "⇒"),
    ("star", "☆"),
    ("check", "✓"),
];

/// References browsers also read without the closing `;`.
const LEGACY: &[&str] = &["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"];

/// What a character reference stands for.
enum Ref {
    Named(&'static str),
    Char(char),
}

impl Ref {
    fn as_str<'a>(&self, buf: &'a mut [u8; 4]) -> &'a str {
        match self {
            Ref::Named(s) => s,
            Ref::Char(c) => c.encode_utf8(buf),
        }
    }
}

/// The character reference at the start of `s` (which starts with `&`): what it stands for
/// and its length. `None` when it is not one.
fn entity(s: &str) -> Option<(Ref, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        return numeric(s).map(|(c, len)| (Ref::Char(c), len));
    }
    let len = b[1..]
        .iter()
        .take(12)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let name = &s[1..1 + len];
    let (_, text) = NAMED.iter().find(|(n, _)| *n == name)?;
    if b.get(1 + len) == Some(&b';') {
        Some((Ref::Named(text), len + 2))
    } else if LEGACY.contains(&name) {
        Some((Ref::Named(text), len + 1))
    } else {
        None
    }
}

/// A numeric reference `&#NNN;` or `&#xHH;` (the `;` optional): the character and length.
fn numeric(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    let hex = matches!(b.get(2), Some(b'x' | b'X'));
    let start = if hex { 3 } else { 2 };
    let len = b[start..]
        .iter()
        .take(8)
        .take_while(|c| {
            if hex {
                c.is_ascii_hexdigit()
            } else {
                c.is_ascii_digit()
            }
        })
        .count();
    if len == 0 {
        return None;
    }
    let value = u32::from_str_radix(&s[start..start + len], if hex { 16 } else { 10 }).ok()?;
    let c = match value {
        0 => '\u{FFFD}',
        v => char::from_u32(v).unwrap_or('\u{FFFD}'),
    };
    let semi = usize::from(b.get(start + len) == Some(&b';'));
    Some((c, start + len + semi))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_links() {
        let h = to_text(
            "<html><head><title>t</title><style>p{color:red}</style></head><body>\
             <p>お世話に&nbsp;なって&amp;おります。</p><script>alert(1)</script>\
             <div>振<span></span>込先&lt;変更&gt;&#x3042;&#12354;</div>\
             <a href=\"https://evil.example/?a=1&amp;b=2\">ログイン <b>はこちら</b></a><br>end",
        );
        assert_eq!(
            h.text,
            "お世話に なって&おります。\n振込先<変更>ああ\nログイン はこちら\nend"
        );
        assert_eq!(
            h.links,
            vec![(
                "https://evil.example/?a=1&b=2".to_string(),
                "ログイン はこちら".to_string()
            )]
        );
    }

    #[test]
    fn broken_markup_never_panics() {
        for s in [
            "<",
            "&",
            "&#",
            "&#x;",
            "<a href='",
            "<!--",
            "<script>",
            "</",
            "<p",
            "&#99999999;",
        ] {
            let _ = to_text(s);
        }
        assert_eq!(to_text("a < b &c d").text, "a < b &c d");
    }
}
