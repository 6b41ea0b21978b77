//! Text handling shared by the readers and the checks: decoding the bytes an admin console or
//! Excel wrote, and a small normaliser that lets names in full-width, half-width, hiragana and
//! katakana forms compare equal.

/// The text of a CSV file in the encodings Japanese offices produce: UTF-16 LE/BE with a byte
/// order mark (Excel's "Unicode text", PowerShell 5's `Export-Csv -Encoding Unicode`), UTF-8
/// with or without a BOM, else Shift_JIS (Windows-31J, as Excel saves "CSV (コンマ区切り)" in
/// Japan). `None` when the bytes are none of these. The delimiter is a tab when the first line
/// holds tabs and no commas (UTF-16 text from Excel is tab-separated).
pub fn decode(bytes: &[u8]) -> Option<(String, u8)> {
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let (text, had_errors) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        (!had_errors).then(|| text.into_owned())?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let (text, had_errors) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
        (!had_errors).then(|| text.into_owned())?
    } else {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        match std::str::from_utf8(body) {
            Ok(t) => t.to_string(),
            Err(_) => {
                let (text, had_errors) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(body);
                (!had_errors).then(|| text.into_owned())?
            }
        }
    };
    if text.contains('\0') {
        return None;
    }
    let first = text
        .lines()
        .find(|l| !l.starts_with("#TYPE") && !l.trim().is_empty())
        .unwrap_or("");
    let delim = if first.contains('\t') && !first.contains(',') {
        b'\t'
    } else {
        b','
    };
    Some((text, delim))
}

/// Text folded for comparison: [`hoshi_core::text::fold_name`] (full-width ASCII as ASCII,
/// half-width katakana as full-width with voiced marks joined, hiragana as katakana, lower case,
/// old kanji forms as the common ones) with the spaces, the long-vowel mark and the middle dot
/// removed as well (so ユーザー, ユーザ and ﾕｰｻﾞｰ are one word).
pub fn fold(s: &str) -> String {
    hoshi_core::text::fold_name(s)
        .chars()
        .filter(|c| !matches!(c, ' ' | 'ー'))
        .collect()
}

/// A header as compared: folded, with bracketed notes (`[Required]`, `[READ ONLY]`, `［必須］`),
/// `?`, `*`, `_`, `-` and `.` removed. `First Name [Required]` → `firstname`.
pub fn header_key(s: &str) -> String {
    let mut depth = 0usize;
    let mut kept = String::with_capacity(s.len());
    for c in s.trim_start_matches('\u{FEFF}').chars() {
        match c {
            '[' | '［' | '(' | '（' => depth += 1,
            ']' | '］' | ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => kept.push(c),
            _ => {}
        }
    }
    fold(&kept)
        .chars()
        .filter(|c| !matches!(c, '?' | '*' | '_' | '-' | '.' | '"'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kana_and_width_fold_together() {
        assert_eq!(fold("ﾃｽﾄ"), fold("てすと"));
        assert_eq!(fold("ﾕｰｻﾞｰ"), fold("ユーザ"));
        assert_eq!(fold("ｶﾞｷﾞｸﾞｹﾞｺﾞ"), "ガギグゲゴ");
        assert_eq!(fold("ﾀﾞﾁﾞﾂﾞﾃﾞﾄﾞ"), "ダヂヅデド");
        assert_eq!(fold("ﾊﾟﾋﾞﾌﾟﾍﾞﾎﾟ"), "パビプベポ");
        assert_eq!(fold("ﾎｼｭ"), "ホシュ");
        assert_eq!(fold("ＡＤＭＩＮ　１"), "admin1");
    }

    #[test]
    fn headers_lose_their_notes() {
        assert_eq!(header_key("First Name [Required]"), "firstname");
        assert_eq!(header_key("2sv Enrolled [READ ONLY]"), "2svenrolled");
        assert_eq!(
            header_key("\u{FEFF}ユーザー プリンシパル名"),
            "ユザプリンシパル名"
        );
        assert_eq!(header_key("Admin role?"), "adminrole");
    }
}
