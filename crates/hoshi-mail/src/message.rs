//! Plain-text messages in UTF-8 (RFC 5322 + MIME), built so that no header can be injected.

use crate::MailError;

/// A mail address as hoshi accepts it: `local@domain`, printable ASCII, no spaces, no angle
/// brackets, at most 254 characters. (International addresses would need SMTPUTF8, which many
/// relays still refuse; hoshi rejects them up front rather than failing at delivery.)
pub fn check_address(addr: &str) -> Result<(), MailError> {
    let bad = |why: &'static str| MailError::Address {
        address: addr.chars().take(80).collect(),
        why,
    };
    if addr.is_empty() || addr.len() > 254 {
        return Err(bad("must be 1 to 254 characters"));
    }
    if !addr.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(bad("only printable ASCII without spaces is accepted"));
    }
    if addr.contains(['<', '>', '(', ')', ',', ';', ':', '\\', '"', '[', ']']) {
        return Err(bad("contains a character not allowed in an address"));
    }
    let Some((local, domain)) = addr.rsplit_once('@') else {
        return Err(bad("needs exactly one @"));
    };
    if local.is_empty() || local.len() > 64 || local.contains('@') {
        return Err(bad("the part before @ must be 1 to 64 characters"));
    }
    if domain.is_empty()
        || domain.starts_with('.')
        || domain.ends_with('.')
        || domain.contains("..")
        || !domain
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    {
        return Err(bad("the domain is not a valid host name"));
    }
    Ok(())
}

/// One outgoing message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Display name of the sender (UTF-8; encoded).
    pub from_name: String,
    pub from: String,
    pub to: String,
    pub subject: String,
    /// Plain text, any line endings.
    pub body: String,
}

impl Message {
    /// The message as sent after `DATA` (CRLF line endings, without the final `.`), with a
    /// `Date` for `now` (Unix seconds) and `Message-ID` `<id@domain-of-from>`.
    pub fn render(&self, now: i64, id: &str) -> Result<Vec<u8>, MailError> {
        check_address(&self.from)?;
        check_address(&self.to)?;
        if !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') || id.is_empty() {
            return Err(MailError::Invalid("message id"));
        }
        let domain = self.from.rsplit_once('@').map(|(_, d)| d).unwrap_or("");
        let mut out = String::new();
        out.push_str(&format!("Date: {}\r\n", rfc5322_date(now)));
        if self.from_name.is_empty() {
            out.push_str(&format!("From: <{}>\r\n", self.from));
        } else {
            out.push_str(&format!(
                "From: {} <{}>\r\n",
                encode_word(&self.from_name),
                self.from
            ));
        }
        out.push_str(&format!("To: <{}>\r\n", self.to));
        out.push_str(&format!("Subject: {}\r\n", encode_word(&self.subject)));
        out.push_str(&format!("Message-ID: <{id}@{domain}>\r\n"));
        out.push_str("MIME-Version: 1.0\r\n");
        out.push_str("Content-Type: text/plain; charset=UTF-8\r\n");
        out.push_str("Content-Transfer-Encoding: base64\r\n");
        out.push_str("Auto-Submitted: auto-generated\r\n");
        out.push_str("\r\n");
        let body = normalise_newlines(&self.body);
        let encoded = base64_encode(body.as_bytes());
        for chunk in encoded.as_bytes().chunks(76) {
            out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
            out.push_str("\r\n");
        }
        Ok(out.into_bytes())
    }
}

fn normalise_newlines(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\r\n");
            }
            '\n' => out.push_str("\r\n"),
            c => out.push(c),
        }
    }
    out
}

/// RFC 2047 encoded words (`=?UTF-8?B?…?=`), split so each word stays under 75 characters and
/// never splits a character. Control characters (CR, LF, …) are replaced by spaces first, so a
/// header can never be broken open. Pure ASCII without specials is kept readable.
pub fn encode_word(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) && b != b'=' && b != b'?')
        && clean.len() < 70
    {
        return clean;
    }
    // 45 input bytes become 60 base64 characters: 12 + 60 + 2 = 74.
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in clean.chars() {
        if chunk.len() + c.len_utf8() > 45 {
            words.push(format!("=?UTF-8?B?{}?=", base64_encode(chunk.as_bytes())));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() || words.is_empty() {
        words.push(format!("=?UTF-8?B?{}?=", base64_encode(chunk.as_bytes())));
    }
    words.join("\r\n ")
}

pub use hoshi_core::base64::{decode as base64_decode, encode as base64_encode};

/// `Sat, 21 Nov 2026 08:07:32 +0000`
pub fn rfc5322_date(now: i64) -> String {
    let (y, m, d, h, mi, s) = hoshi_core::time::civil(now);
    let days = now.div_euclid(86_400);
    // 1970-01-01 was a Thursday.
    let wd = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][days.rem_euclid(7) as usize];
    let mon = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][(m - 1) as usize];
    format!("{wd}, {d:02} {mon} {y:04} {h:02}:{mi:02}:{s:02} +0000")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_rfc5322() {
        assert_eq!(rfc5322_date(0), "Thu, 01 Jan 1970 00:00:00 +0000");
        assert_eq!(
            rfc5322_date(1_795_248_452),
            "Sat, 21 Nov 2026 08:07:32 +0000"
        );
    }

    #[test]
    fn addresses_are_checked() {
        for ok in ["a@b.jp", "taro.yamada+scs@example.co.jp"] {
            check_address(ok).unwrap();
        }
        for bad in [
            "",
            "no-at",
            "a@",
            "@b.jp",
            "a b@c.jp",
            "a@b.jp\r\nBcc: x@y.jp",
            "<a@b.jp>",
            "a@b..jp",
            "山田@例え.jp",
            "a@b_c.jp",
        ] {
            assert!(check_address(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn headers_cannot_be_injected_and_japanese_is_encoded() {
        let m = Message {
            from_name: "hoshi 星".into(),
            from: "noreply@hoshi.example".into(),
            to: "supplier@example.co.jp".into(),
            subject: "招待\r\nBcc: victim@example.com".into(),
            body: "こんにちは\n.\nline".into(),
        };
        let raw = String::from_utf8(m.render(0, "abc-1").unwrap()).unwrap();
        assert!(!raw.contains("\r\nBcc:"), "{raw}");
        let (head, body) = raw.split_once("\r\n\r\n").unwrap();
        assert!(head.contains("Subject: =?UTF-8?B?"));
        assert!(head.contains("Message-ID: <abc-1@hoshi.example>"));
        let text = String::from_utf8(base64_decode(body).unwrap()).unwrap();
        assert_eq!(text, "こんにちは\r\n.\r\nline");
        // A long Japanese subject is folded into several words, none longer than 75.
        let long = encode_word(&"サプライチェーン".repeat(10));
        assert!(long.split("\r\n ").count() > 1);
        assert!(long.split("\r\n ").all(|w| w.len() <= 75));
    }
}
