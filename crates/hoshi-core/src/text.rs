//! Escaping text for the two places hoshi writes it into markup or addresses: HTML (the few
//! fragments built in code, such as SVG charts) and URLs (query values, `next=` paths, the
//! `otpauth://` URI). One implementation each, used by every crate.

/// Escapes text for HTML element content and attribute values.
/// Full-width digits, point, comma and space (as Japanese input methods type them) as their ASCII
/// forms; everything else unchanged. Numeric fields and codes read input through this.
pub fn half_width_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '，' => ',',
            '\u{3000}' => ' ',
            c => c,
        })
        .collect()
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// Percent-encodes every byte except RFC 3986's unreserved characters (`A–Z a–z 0–9 - . _ ~`)
/// and the bytes in `keep` (e.g. `b"/"` for a path).
pub fn percent_encode(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || keep.contains(&b)
        {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_read_as_ascii() {
        assert_eq!(
            half_width_digits("１２３，４５６．７\u{3000}日"),
            "123,456.7 日"
        );
    }

    #[test]
    fn html_special_characters() {
        assert_eq!(
            escape_html(r#"<a href="x">&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(escape_html("株式会社"), "株式会社");
    }

    #[test]
    fn percent_encoding_keeps_unreserved_and_asked_for() {
        assert_eq!(percent_encode("a b/c~", b""), "a%20b%2Fc~");
        assert_eq!(percent_encode("/o/1?x=2", b"/"), "/o/1%3Fx%3D2");
        assert_eq!(percent_encode("山", b""), "%E5%B1%B1");
        assert_eq!(percent_encode("\t\r\n", b"/"), "%09%0D%0A");
    }
}
