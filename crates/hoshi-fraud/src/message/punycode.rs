//! Punycode (RFC 3492), the `xn--` form of internationalised domain labels: decoding, to show
//! and compare what a look-alike domain really spells, and encoding, to write a Unicode domain
//! the way it travels in mail headers and DNS.
//!
//! Only the lower-casing part of IDNA's mapping is applied; labels are never longer than DNS
//! allows, so input beyond that is refused rather than decoded.

const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 128;
/// Longer labels than DNS allows (63) are refused; a little slack for sloppy input.
const MAX_LABEL: usize = 255;

/// The next bias after a code point was placed.
fn adapt(delta: u32, points: u32, first: bool) -> u32 {
    let mut delta = if first { delta / DAMP } else { delta / 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
}

/// The threshold for digit position `k` under `bias`.
fn threshold(k: u32, bias: u32) -> u32 {
    if k <= bias {
        T_MIN
    } else if k >= bias + T_MAX {
        T_MAX
    } else {
        k - bias
    }
}

fn digit_value(c: u8) -> Option<u32> {
    match c {
        b'a'..=b'z' => Some(u32::from(c - b'a')),
        b'A'..=b'Z' => Some(u32::from(c - b'A')),
        b'0'..=b'9' => Some(u32::from(c - b'0') + 26),
        _ => None,
    }
}

fn digit_char(d: u32) -> char {
    match d {
        0..=25 => char::from(b'a' + d as u8),
        _ => char::from(b'0' + (d - 26) as u8),
    }
}

/// The Unicode text of a Punycode string (the part after `xn--`); `None` when it is not valid
/// Punycode.
pub fn decode(input: &str) -> Option<String> {
    if input.len() > MAX_LABEL || !input.is_ascii() {
        return None;
    }
    let (basic, extended) = match input.rfind('-') {
        Some(p) => (&input[..p], &input[p + 1..]),
        None => ("", input),
    };
    let mut out: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    let digits = extended.as_bytes();
    let mut pos = 0;
    while pos < digits.len() {
        let old_i = i;
        let mut w = 1u32;
        let mut k = BASE;
        loop {
            let d = digit_value(*digits.get(pos)?)?;
            pos += 1;
            i = i.checked_add(d.checked_mul(w)?)?;
            let t = threshold(k, bias);
            if d < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k = k.checked_add(BASE)?;
        }
        let len = u32::try_from(out.len()).ok()? + 1;
        bias = adapt(i - old_i, len, old_i == 0);
        n = n.checked_add(i / len)?;
        i %= len;
        out.insert(i as usize, char::from_u32(n)?);
        i += 1;
    }
    Some(out.into_iter().collect())
}

/// The Punycode form of a label (without the `xn--` prefix); `None` only on overflow.
pub fn encode(input: &str) -> Option<String> {
    let points: Vec<u32> = input.chars().map(u32::from).collect();
    if points.len() > MAX_LABEL {
        return None;
    }
    let mut out: String = input.chars().filter(char::is_ascii).collect();
    let basic = u32::try_from(out.len()).ok()?;
    let mut placed = basic;
    if basic > 0 {
        out.push('-');
    }
    let (mut n, mut delta, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    while (placed as usize) < points.len() {
        let m = points.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(placed + 1)?)?;
        n = m;
        for &c in &points {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = threshold(k, bias);
                    if q < t {
                        break;
                    }
                    out.push(digit_char(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out.push(digit_char(q));
                bias = adapt(delta, placed + 1, placed == basic);
                delta = 0;
                placed += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n = n.checked_add(1)?;
    }
    Some(out)
}

/// A domain with its `xn--` labels decoded (case-insensitive prefix); labels that do not decode
/// are kept as written. `xn--wgv71a119e.jp` → `日本語.jp`.
pub fn to_unicode(domain: &str) -> String {
    if !domain
        .as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"xn--"))
    {
        return domain.to_string();
    }
    domain
        .split('.')
        .map(|label| {
            let decoded = label
                .get(..4)
                .filter(|p| p.eq_ignore_ascii_case("xn--"))
                .and_then(|_| decode(&label[4..]));
            decoded.unwrap_or_else(|| label.to_string())
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// A domain with its non-ASCII labels written as `xn--` Punycode (lower-cased first).
/// `日本語.jp` → `xn--wgv71a119e.jp`.
pub fn to_ascii(domain: &str) -> String {
    domain
        .split('.')
        .map(|label| {
            if label.is_ascii() {
                return label.to_ascii_lowercase();
            }
            match encode(&label.to_lowercase()) {
                Some(p) => format!("xn--{p}"),
                None => label.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_labels() {
        for (unicode, puny) in [
            ("日本語", "wgv71a119e"),
            ("münchen", "mnchen-3ya"),
            ("bücher", "bcher-kva"),
            ("3年B組金八先生", "3B-ww4c5e180e575a65lsy2b"),
            ("ひとつ屋根の下2", "2-u9tlzr9756bt3uc0v"),
            ("パフィーdeルンバ", "de-jg4avhby1noc0d"),
            ("MajiでKoiする5秒前", "MajiKoi5-783gue6qz075azm5e"),
            ("そのスピードで", "d9juau41awczczp"),
        ] {
            assert_eq!(decode(puny).as_deref(), Some(unicode), "{puny}");
            assert_eq!(encode(unicode).as_deref(), Some(puny), "{unicode}");
        }
    }

    #[test]
    fn domains() {
        assert_eq!(to_unicode("xn--wgv71a119e.jp"), "日本語.jp");
        assert_eq!(to_unicode("XN--WGV71A119E.jp"), "日本語.jp");
        assert_eq!(to_unicode("example.co.jp"), "example.co.jp");
        assert_eq!(to_unicode("xn--!!.jp"), "xn--!!.jp");
        assert_eq!(to_ascii("日本語.JP"), "xn--wgv71a119e.jp");
        // Cyrillic а in "pаypal".
        let spoof = to_ascii("p\u{430}ypal.com");
        assert!(spoof.starts_with("xn--"), "{spoof}");
        assert_eq!(to_unicode(&spoof), "p\u{430}ypal.com");
    }

    #[test]
    fn garbage_never_panics() {
        for s in [
            "",
            "-",
            "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
            "99999999999",
            "a-9",
            "--",
        ] {
            let _ = decode(s);
        }
        assert_eq!(decode(&"z".repeat(300)), None);
    }
}
