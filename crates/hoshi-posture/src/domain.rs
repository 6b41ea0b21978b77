//! Organisational domains (RFC 7489 3.2) for DMARC's fallback look-up and report authorisation,
//! from a short built-in list of registries that sell names at the third level, Japan's first.
//! Not the whole Public Suffix List: a company under a prefecture or city name
//! (`example.tokyo.jp`) is treated as `tokyo.jp`'s child only for the look-up order, which
//! makes the fallback ask one level too high, never a wrong organisation's record.

/// Second-level labels under which `.jp` registers names (JPRS's attribute-type domains).
const JP_SECOND: &[&str] = &["co", "ne", "or", "ac", "ad", "ed", "go", "gr", "lg"];
/// Common third-level registries elsewhere.
const OTHER: &[&str] = &[
    "co.uk", "org.uk", "ac.uk", "com.au", "net.au", "org.au", "co.kr", "or.kr", "com.cn", "com.tw",
    "com.sg", "com.hk", "co.nz", "co.th", "com.my", "co.in",
];

pub fn organizational(domain: &str) -> String {
    let d = domain.trim_end_matches('.').to_ascii_lowercase();
    let labels: Vec<&str> = d.split('.').collect();
    let n = labels.len();
    if n <= 2 {
        return d;
    }
    let last_two = format!("{}.{}", labels[n - 2], labels[n - 1]);
    let three = (labels[n - 1] == "jp" && JP_SECOND.contains(&labels[n - 2]))
        || OTHER.contains(&last_two.as_str());
    let keep = if three { 3 } else { 2 };
    labels[n - keep..].join(".")
}

/// A domain name as given by a user: trimmed, lower case, IDN to punycode is left to the
/// caller. `None` when it cannot be a host name.
pub fn normalise(input: &str) -> Option<String> {
    let d = input.trim().trim_end_matches('.').to_ascii_lowercase();
    let ok = !d.is_empty()
        && d.len() <= 253
        && d.contains('.')
        && d.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
                && !l.starts_with('-')
                && !l.ends_with('-')
        });
    ok.then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisational_domains() {
        assert_eq!(
            organizational("mail.hoshikawa-seiki.co.jp"),
            "hoshikawa-seiki.co.jp"
        );
        assert_eq!(
            organizational("hoshikawa-seiki.co.jp"),
            "hoshikawa-seiki.co.jp"
        );
        assert_eq!(organizational("news.example.jp"), "example.jp");
        assert_eq!(organizational("a.b.example.com"), "example.com");
        assert_eq!(organizational("x.example.co.uk"), "example.co.uk");
        assert_eq!(
            normalise(" Example.CO.JP. ").as_deref(),
            Some("example.co.jp")
        );
        assert_eq!(normalise("example"), None);
        assert_eq!(normalise("exa mple.jp"), None);
        assert_eq!(normalise("-bad.jp"), None);
    }
}
