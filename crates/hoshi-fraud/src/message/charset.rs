//! Bytes to text: charset names, guessing the charset of unlabelled Japanese text, RFC 2047
//! encoded words, base64 and quoted-printable.

use encoding_rs::{EUC_JP, Encoding, ISO_2022_JP, SHIFT_JIS, WINDOWS_1252};

/// The encoding a MIME charset name stands for (case-insensitive, with the Japanese aliases
/// mailers write that the WHATWG list lacks: `CP932`, `ISO-2022-JP-2`, `eucJP-ms` …). `None`
/// for names it does not know, and for the ones WHATWG maps to its "replacement" decoder.
pub fn lookup(label: &str) -> Option<&'static Encoding> {
    // An RFC 2231 language suffix (`UTF-8*ja`) is not part of the name.
    let name = label.split('*').next().unwrap_or("");
    let name = name.trim().trim_matches(|c| c == '"' || c == '\'');
    let lower = name.to_ascii_lowercase();
    let alias = match lower.as_str() {
        "cp932" | "ms932" | "windows-932" | "x-ms-cp932" | "sjis-win" | "sjis-open"
        | "shiftjis" | "shift_jisx0213" | "shift_jis-2004" => Some(SHIFT_JIS),
        "iso-2022-jp-1" | "iso-2022-jp-2" | "iso-2022-jp-3" | "iso-2022-jp-2004"
        | "iso-2022-jp-ms" | "iso2022jp" | "jis" | "cp50220" | "cp50221" | "cp50222" => {
            Some(ISO_2022_JP)
        }
        "eucjp-ms" | "euc-jp-ms" | "eucjp-win" | "eucjp" | "euc_jp" | "cp51932"
        | "euc-jisx0213" => Some(EUC_JP),
        _ => None,
    };
    alias.or_else(|| Encoding::for_label_no_replacement(lower.as_bytes()))
}

/// Whether a charset name means plain ASCII (which WHATWG reads as windows-1252).
fn is_ascii_label(label: &str) -> bool {
    let l = label.trim().to_ascii_lowercase();
    matches!(
        l.as_str(),
        "us-ascii" | "ascii" | "ansi_x3.4-1968" | "iso646-us" | "us" | "csascii"
    )
}

/// Text in the declared charset, or guessed when there is none, it is unknown or the bytes do
/// not fit it (a Shift_JIS body labelled ISO-2022-JP, UTF-8 labelled Shift_JIS). The second
/// value, when present, says what was done instead of a clean decode, for the warnings.
pub fn decode(bytes: &[u8], label: Option<&str>) -> (String, Option<String>) {
    let Some(label) = label.map(str::trim).filter(|l| !l.is_empty()) else {
        let (text, _, clean) = guess(bytes);
        let note = (!clean).then(|| "text in an unknown charset did not decode cleanly".into());
        return (text, note);
    };
    let Some(enc) = lookup(label) else {
        let (text, name, _) = guess(bytes);
        return (
            text,
            Some(format!("unknown charset {label:?}, read as {name}")),
        );
    };
    let legacy_japanese = enc == SHIFT_JIS || enc == EUC_JP || enc == ISO_2022_JP;
    let mislabelled_ascii = enc == WINDOWS_1252 && is_ascii_label(label) && !bytes.is_ascii();
    let utf8_in_disguise =
        legacy_japanese && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok();
    if mislabelled_ascii || utf8_in_disguise {
        let (text, name, _) = guess(bytes);
        return (text, Some(format!("text labelled {label} read as {name}")));
    }
    let (text, errors) = decode_with(enc, bytes);
    if !errors {
        return (strip_bom(text), None);
    }
    let (guessed, name, clean) = guess(bytes);
    if clean {
        return (
            guessed,
            Some(format!("text labelled {label} read as {name}")),
        );
    }
    (
        strip_bom(text),
        Some(format!("text in {label} has bytes that do not decode")),
    )
}

/// Decodes with `enc`; for ISO-2022-JP, an escape sequence directly followed by another is
/// dropped first (WHATWG's decoder counts that as an error, and it is what joining two encoded
/// words, or a mailer's redundant escapes, produce).
fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> (String, bool) {
    if enc != ISO_2022_JP || !bytes.contains(&0x1B) {
        let (text, errors) = enc.decode_without_bom_handling(bytes);
        return (text.into_owned(), errors);
    }
    let mut clean = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let len = escape_len(&bytes[i..]);
        if len > 0 && bytes.get(i + len) == Some(&0x1B) && escape_len(&bytes[i + len..]) > 0 {
            i += len;
            continue;
        }
        clean.push(bytes[i]);
        i += 1;
    }
    let (text, errors) = ISO_2022_JP.decode_without_bom_handling(&clean);
    (text.into_owned(), errors)
}

/// The length of the ISO 2022 escape sequence at the start of `b` (ESC, intermediate bytes,
/// final byte), or 0.
fn escape_len(b: &[u8]) -> usize {
    if b.first() != Some(&0x1B) {
        return 0;
    }
    let inter = b[1..]
        .iter()
        .take_while(|c| (0x20..=0x2F).contains(*c))
        .count();
    match b.get(1 + inter) {
        Some(0x30..=0x7E) if inter > 0 => inter + 2,
        _ => 0,
    }
}

fn strip_bom(mut s: String) -> String {
    if s.starts_with('\u{FEFF}') {
        s.drain(..3);
    }
    s
}

/// Whether 7-bit bytes hold ISO-2022-JP escape sequences.
pub fn has_jis_escape(bytes: &[u8]) -> bool {
    bytes.contains(&0x1B)
        && bytes.windows(3).any(|w| {
            matches!(
                w,
                [0x1B, b'$', b'B' | b'@'] | [0x1B, b'(', b'J' | b'I'] | [0x1B, b'$', b'(']
            )
        })
}

/// Text in the charset it most likely is: ISO-2022-JP when it holds its escapes, UTF-8 when
/// valid, else Shift_JIS or EUC-JP, whichever decodes cleanly (both: the one with fewer
/// half-width katakana, which EUC-JP read as Shift_JIS turns into). Returns the text, the
/// charset's name and whether it decoded without errors.
pub fn guess(bytes: &[u8]) -> (String, &'static str, bool) {
    if bytes.is_ascii() {
        if has_jis_escape(bytes) {
            let (text, errors) = decode_with(ISO_2022_JP, bytes);
            return (text, "ISO-2022-JP", !errors);
        }
        return (
            String::from_utf8_lossy(bytes).into_owned(),
            "US-ASCII",
            true,
        );
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (strip_bom(s.to_string()), "UTF-8", true);
    }
    let (sjis, sjis_errors) = SHIFT_JIS.decode_without_bom_handling(bytes);
    let (euc, euc_errors) = EUC_JP.decode_without_bom_handling(bytes);
    let half = |s: &str| {
        s.chars()
            .filter(|c| matches!(c, '\u{FF61}'..='\u{FF9F}'))
            .count()
    };
    let bad = |s: &str| s.chars().filter(|&c| c == '\u{FFFD}').count();
    let euc_wins = match (sjis_errors, euc_errors) {
        (false, false) => half(&euc) < half(&sjis),
        (true, false) => true,
        (false, true) => false,
        (true, true) => bad(&euc) < bad(&sjis),
    };
    if euc_wins {
        (euc.into_owned(), "EUC-JP", !euc_errors)
    } else {
        (sjis.into_owned(), "Shift_JIS", !sjis_errors)
    }
}

/// A raw header value as text: UTF-8 as it is, ISO-2022-JP escapes decoded, other 8-bit bytes
/// (Shift_JIS or EUC-JP written straight into a header by older Japanese mailers) guessed.
pub fn header_text(bytes: &[u8]) -> String {
    if bytes.is_ascii() && !bytes.contains(&0x1B) {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    guess(bytes).0
}

/// Header text with RFC 2047 encoded words (`=?charset?B|Q?…?=`) decoded. Adjacent encoded
/// words are joined without the white space between them, and their bytes are joined before
/// decoding when they share a charset, so a character split across two words survives. Text
/// that only looks like an encoded word is kept as written.
pub fn decode_words(s: &str) -> String {
    if !s.contains("=?") {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut run: Option<(String, Vec<u8>)> = None;
    let mut scan = Scan::default();
    let mut plain = 0;
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] != b'=' || b[i + 1] != b'?' {
            i += 1;
            continue;
        }
        let Some((charset, bytes, len)) = encoded_word(s, i, &mut scan) else {
            i += 1;
            continue;
        };
        let between = &s[plain..i];
        if run.is_none() || !between.bytes().all(|c| c.is_ascii_whitespace()) {
            flush(&mut out, &mut run);
            out.push_str(between);
        }
        match &mut run {
            Some((cs, buf)) if cs.eq_ignore_ascii_case(charset) => buf.extend_from_slice(&bytes),
            _ => {
                flush(&mut out, &mut run);
                run = Some((charset.to_string(), bytes));
            }
        }
        i += len;
        plain = i;
    }
    flush(&mut out, &mut run);
    out.push_str(&s[plain..]);
    out
}

fn flush(out: &mut String, run: &mut Option<(String, Vec<u8>)>) {
    if let Some((charset, bytes)) = run.take() {
        out.push_str(&decode(&bytes, Some(&charset)).0);
    }
}

/// The next `?=` and the next white space at or after a position, remembered so that a header
/// full of `=?` without an end is still read in linear time.
#[derive(Default)]
struct Scan {
    close: Option<usize>,
    space: Option<usize>,
}

impl Scan {
    fn next_close(&mut self, s: &[u8], from: usize) -> usize {
        match self.close {
            Some(c) if c >= from => c,
            _ => {
                let c = s[from.min(s.len())..]
                    .windows(2)
                    .position(|w| w == b"?=")
                    .map_or(s.len(), |p| p + from);
                self.close = Some(c);
                c
            }
        }
    }

    fn next_space(&mut self, s: &[u8], from: usize) -> usize {
        match self.space {
            Some(c) if c >= from => c,
            _ => {
                let c = s[from.min(s.len())..]
                    .iter()
                    .position(u8::is_ascii_whitespace)
                    .map_or(s.len(), |p| p + from);
                self.space = Some(c);
                c
            }
        }
    }
}

/// The encoded word starting at `at` (which holds `=?`): its charset, decoded bytes and
/// length in the text.
fn encoded_word<'a>(s: &'a str, at: usize, scan: &mut Scan) -> Option<(&'a str, Vec<u8>, usize)> {
    let b = s.as_bytes();
    let cs_start = at + 2;
    let cs_len = b[cs_start..].iter().take(65).position(|&c| c == b'?')?;
    let charset = &s[cs_start..cs_start + cs_len];
    let token = |c: u8| c.is_ascii_alphanumeric() || b"-_.:*+!#$%&'^`{}~".contains(&c);
    if charset.is_empty() || !charset.bytes().all(token) {
        return None;
    }
    let enc = *b.get(cs_start + cs_len + 1)?;
    if b.get(cs_start + cs_len + 2) != Some(&b'?') {
        return None;
    }
    let text_start = cs_start + cs_len + 3;
    let close = scan.next_close(b, text_start);
    if close >= b.len() || scan.next_space(b, text_start) < close {
        return None;
    }
    let text = &b[text_start..close];
    let bytes = match enc {
        b'B' | b'b' => base64(text),
        b'Q' | b'q' => q_decode(text),
        _ => return None,
    };
    Some((charset, bytes, close + 2 - at))
}

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// The `Q` encoding of encoded words: `_` is a space, `=XX` a byte.
fn q_decode(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'_' => out.push(b' '),
            b'=' => {
                if let Some(v) = byte_at(text, i + 1) {
                    out.push(v);
                    i += 3;
                    continue;
                }
                out.push(b'=');
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// The byte written as two hex digits at `i`.
fn byte_at(text: &[u8], i: usize) -> Option<u8> {
    let hi = hex(*text.get(i)?)?;
    let lo = hex(*text.get(i + 1)?)?;
    Some(hi << 4 | lo)
}

const fn base64_table() -> [u8; 256] {
    let mut t = [255u8; 256];
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut i = 0;
    while i < 64 {
        t[alphabet[i] as usize] = i as u8;
        i += 1;
    }
    // The URL-safe alphabet's two letters, which some senders use.
    t[b'-' as usize] = 62;
    t[b'_' as usize] = 63;
    t
}

static BASE64: [u8; 256] = base64_table();

/// Base64 as mail carries it: line breaks and stray characters skipped, padding optional,
/// several padded blocks one after the other read as one stream.
pub fn base64(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len() / 4 * 3 + 3);
    let mut acc = 0u32;
    let mut n = 0;
    for &c in input {
        let v = BASE64[c as usize];
        if v < 64 {
            acc = acc << 6 | u32::from(v);
            n += 1;
            if n == 4 {
                out.extend_from_slice(&[(acc >> 16) as u8, (acc >> 8) as u8, acc as u8]);
                acc = 0;
                n = 0;
            }
        } else if c == b'=' {
            tail(&mut out, acc, n);
            acc = 0;
            n = 0;
        }
    }
    tail(&mut out, acc, n);
    out
}

/// The bytes of an unfinished base64 quantum of `n` letters.
fn tail(out: &mut Vec<u8>, acc: u32, n: u32) {
    match n {
        2 => out.push((acc >> 4) as u8),
        3 => out.extend_from_slice(&[(acc >> 10) as u8, (acc >> 2) as u8]),
        _ => {}
    }
}

/// How many bytes [`base64`] would return, without building them.
pub fn base64_len(input: &[u8]) -> usize {
    let mut len = 0;
    let mut n = 0usize;
    for &c in input {
        if BASE64[c as usize] < 64 {
            n += 1;
            if n == 4 {
                len += 3;
                n = 0;
            }
        } else if c == b'=' {
            len += n.saturating_sub(1);
            n = 0;
        }
    }
    len + n.saturating_sub(1)
}

/// Quoted-printable: `=XX` bytes and `=` soft line breaks (with the white space some relays
/// leave before the line break); a stray `=` is kept.
pub fn quoted_printable(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let c = input[i];
        if c != b'=' {
            out.push(c);
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < input.len() && matches!(input[j], b' ' | b'\t') {
            j += 1;
        }
        match input.get(j) {
            None => i = j,
            Some(b'\n') => i = j + 1,
            Some(b'\r') if input.get(j + 1) == Some(&b'\n') => i = j + 2,
            _ => {
                if let Some(v) = byte_at(input, i + 1) {
                    out.push(v);
                    i += 3;
                } else {
                    out.push(b'=');
                    i += 1;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::UTF_8;

    #[test]
    fn base64_tolerates_breaks_and_missing_padding() {
        assert_eq!(base64(b"aGVsbG8="), b"hello");
        assert_eq!(base64(b"aGVs\r\nbG8"), b"hello");
        assert_eq!(base64(b"aGk=aGk="), b"hihi");
        assert_eq!(base64_len(b"aGVsbG8"), 5);
        assert_eq!(base64_len(b"aGVsbG8="), 5);
        assert_eq!(base64_len(b"aGk=aGk="), 4);
    }

    #[test]
    fn quoted_printable_soft_breaks() {
        assert_eq!(quoted_printable(b"a=3Db=\r\nc= \nd=zz="), b"a=bcd=zz");
    }

    #[test]
    fn labels() {
        assert_eq!(lookup("CP932"), Some(SHIFT_JIS));
        assert_eq!(lookup("Windows-31J"), Some(SHIFT_JIS));
        assert_eq!(lookup("sjis"), Some(SHIFT_JIS));
        assert_eq!(lookup("iso-2022-jp"), Some(ISO_2022_JP));
        assert_eq!(lookup("EUC-JP"), Some(EUC_JP));
        assert_eq!(lookup("utf-8*ja"), Some(UTF_8));
        assert_eq!(lookup("iso-2022-kr"), None);
        assert_eq!(lookup("x-nonsense"), None);
    }

    #[test]
    fn unclosed_words_stay_literal() {
        assert_eq!(decode_words("=?UTF-8?B?abc"), "=?UTF-8?B?abc");
        assert_eq!(decode_words("a =?x y?= b"), "a =?x y?= b");
        let hostile = "=?a?B?x".repeat(20_000);
        assert_eq!(decode_words(&hostile), hostile);
    }
}
