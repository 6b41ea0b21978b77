//! Look-alike domains: a sender's domain that is not one of the protected domains (the
//! organisation's own, its partners') but reads like one — letters that look alike in another
//! script or in pairs (`rn` for `m`, `l` for `i` or `1`, `0` for `o`), a hyphen added or
//! dropped, the same name under another ending (`.co.jp` → `.jp`, `.com`), one letter
//! changed or two swapped, or the protected name tucked into a longer name
//! (`aoba-shoji.co.jp.example.com`, `aoba-shoji-jp.com`). Internationalised names are compared
//! in their Unicode form (the caller passes the decoded `xn--` form).

/// How a domain imitates a protected one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Imitation {
    /// Letters from another script or look-alike letter groups.
    Homoglyph,
    /// A hyphen added or dropped.
    Hyphen,
    /// The same name under another ending.
    Ending,
    /// One letter changed, added, dropped, or two swapped.
    Typo,
    /// The protected name inside a longer one.
    Embedded,
}

impl Imitation {
    /// How much the imitation weighs: letters and hyphens made to look the same, or the real
    /// name wrapped in another domain, are deliberate; another ending or one letter off can
    /// also be an unrelated company with a similar name.
    pub fn points(self) -> u32 {
        match self {
            Imitation::Homoglyph | Imitation::Hyphen | Imitation::Embedded => 55,
            Imitation::Ending | Imitation::Typo => 40,
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Imitation::Homoglyph => "見た目の似た文字への置き換え",
            Imitation::Hyphen => "ハイフンの追加・削除",
            Imitation::Ending => "末尾（.co.jp など）の違い",
            Imitation::Typo => "1 文字の違い・入れ替え",
            Imitation::Embedded => "正規のドメイン名を含む別のドメイン",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Imitation::Homoglyph => "look-alike letters",
            Imitation::Hyphen => "a hyphen added or dropped",
            Imitation::Ending => "another ending (.co.jp and the like)",
            Imitation::Typo => "one letter changed or two swapped",
            Imitation::Embedded => "the real name inside another domain",
        }
    }
}

/// Endings treated as one unit (a name under `.co.jp` and under `.com` is "the same name").
const ENDINGS: &[&str] = &[
    "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "ad.jp", "gr.jp", "ed.jp", "lg.jp", "co.uk",
    "com.cn", "com.tw", "co.kr", "com.au", "co.nz",
];

/// The name part and the ending of a domain: `mail.aoba-shoji.co.jp` → (`aoba-shoji`, `co.jp`).
pub fn split(domain: &str) -> (String, String) {
    let d = domain.trim_end_matches('.').to_lowercase();
    let (name, ending) = split_lower(&d);
    (name.to_string(), ending.to_string())
}

/// [`split`] of a domain already in lower case, without copying.
fn split_lower(d: &str) -> (&str, &str) {
    for e in ENDINGS {
        if let Some(rest) = d.strip_suffix(e).and_then(|r| r.strip_suffix('.')) {
            let name = rest.rsplit('.').next().unwrap_or(rest);
            return (name, e);
        }
    }
    match d.rsplit_once('.') {
        Some((rest, tld)) => (rest.rsplit('.').next().unwrap_or(rest), tld),
        None => (d, ""),
    }
}

/// Letters of other scripts and full-width forms that look like Latin letters and digits.
fn fold_char(c: char) -> char {
    match c {
        'а' | 'ɑ' | 'α' => 'a',
        'в' | 'ь' => 'b',
        'с' | 'ϲ' => 'c',
        'ԁ' | 'ɗ' => 'd',
        'е' | 'ё' | 'ε' => 'e',
        'ɡ' => 'g',
        'һ' => 'h',
        'і' | 'ı' | 'ι' | 'ї' => 'i',
        'ј' => 'j',
        'κ' | 'к' => 'k',
        'ⅼ' | 'ӏ' => 'l',
        'м' => 'm',
        'п' | 'η' => 'n',
        'о' | 'ο' | 'σ' | 'օ' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'г' => 'r',
        'ѕ' => 's',
        'т' | 'τ' => 't',
        'υ' | 'ս' => 'u',
        'ν' | 'ѵ' => 'v',
        'ѡ' | 'ω' => 'w',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        'ᴢ' => 'z',
        c if ('\u{FF01}'..='\u{FF5E}').contains(&c) => char::from_u32(c as u32 - 0xFEE0)
            .unwrap_or(c)
            .to_ascii_lowercase(),
        c => c,
    }
}

/// The shape of a name: look-alike letters and groups made one (`rn` and `m`, `vv` and `w`,
/// `cl` and `d`, `1`, `l`, `i` and `|`, `0` and `o`, `5` and `s`), hyphens and dots kept.
pub fn skeleton(name: &str) -> String {
    let folded: String = name
        .chars()
        .map(fold_char)
        .collect::<String>()
        .to_lowercase();
    let mut s = folded
        .replace("rn", "m")
        .replace("vv", "w")
        .replace("cl", "d")
        .replace("nn", "m");
    s = s
        .chars()
        .map(|c| match c {
            '1' | 'i' | '|' | 'ł' => 'l',
            '0' => 'o',
            '5' => 's',
            '3' => 'e',
            _ => c,
        })
        .collect();
    s
}

/// Edit distance with adjacent swaps (optimal string alignment), stopping above `max`.
fn distance(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// Whether `candidate` imitates `protected` (and is not it, nor a name under it).
pub fn imitates(candidate: &str, protected: &str) -> Option<Imitation> {
    Target::new(protected).imitated_by(&Candidate::new(candidate))
}

/// `d` is `base` or a name under it (both in lower case).
pub fn under(d: &str, base: &str) -> bool {
    d.strip_suffix(base)
        .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
}

/// A protected domain prepared for [`Target::imitated_by`]: split, its skeleton and its forms
/// without hyphens and with dashes for dots worked out once.
#[derive(Debug, Clone)]
pub struct Target {
    domain: String,
    name: String,
    ending: String,
    skeleton: String,
    unhyphenated: String,
    dashed: String,
}

/// A sender's (or a link's) domain prepared for comparing with every [`Target`].
#[derive(Debug, Clone)]
pub struct Candidate {
    domain: String,
    name: String,
    ending: String,
    skeleton: String,
    unhyphenated: String,
}

impl Target {
    pub fn new(protected: &str) -> Target {
        let domain = protected.trim_end_matches('.').to_lowercase();
        let (name, ending) = split_lower(&domain);
        Target {
            name: name.to_string(),
            ending: ending.to_string(),
            skeleton: skeleton(name),
            unhyphenated: name.replace('-', ""),
            dashed: domain.replace('.', "-"),
            domain,
        }
    }

    /// The protected domain, in lower case.
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// Whether `c` imitates this domain (and is not it, nor a name under it).
    pub fn imitated_by(&self, c: &Candidate) -> Option<Imitation> {
        let (cd, p) = (c.domain.as_str(), self.domain.as_str());
        if cd.is_empty() || p.is_empty() || under(cd, p) {
            return None;
        }
        let (cn, ce, pn, pe) = (&c.name, &c.ending, &self.name, &self.ending);
        if cn.chars().count() < 3 || pn.chars().count() < 3 {
            return None;
        }
        if cn == pn && ce != pe {
            return Some(Imitation::Ending);
        }
        if cn != pn && c.skeleton == self.skeleton {
            return Some(Imitation::Homoglyph);
        }
        if cn != pn && c.unhyphenated == self.unhyphenated {
            return Some(Imitation::Hyphen);
        }
        // The whole protected domain inside a longer one, as labels (`aoba-shoji.co.jp.evil.com`)
        // or with its dots made hyphens (`aoba-shoji-co-jp.com`) — not merely a name that starts
        // the same (`fujitsu-general.com` is a company of its own).
        let embedded = cd.match_indices(p).any(|(i, _)| {
            let (before, after) = (&cd[..i], &cd[i + p.len()..]);
            after.starts_with('.') || (before.ends_with('.') && after.starts_with('-'))
        });
        if embedded || cd.contains(&self.dashed) {
            return Some(Imitation::Embedded);
        }
        // One letter off, under the same ending only.
        let n = pn.chars().count();
        if ce == pe && n >= 5 && distance(cn, pn, 1) <= 1 {
            return Some(Imitation::Typo);
        }
        None
    }
}

impl Candidate {
    pub fn new(candidate: &str) -> Candidate {
        let domain = candidate.trim_end_matches('.').to_lowercase();
        let (name, ending) = split_lower(&domain);
        Candidate {
            name: name.to_string(),
            ending: ending.to_string(),
            skeleton: skeleton(name),
            unhyphenated: name.replace('-', ""),
            domain,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imitations_are_named_and_real_names_pass() {
        let p = "aoba-shoji.co.jp";
        for (c, want) in [
            ("aoba-shoji.jp", Some(Imitation::Ending)),
            ("aoba-shoji.com", Some(Imitation::Ending)),
            ("aobashoji.co.jp", Some(Imitation::Hyphen)),
            ("aoba-sh0ji.co.jp", Some(Imitation::Homoglyph)),
            ("аoba-shoji.co.jp", Some(Imitation::Homoglyph)), // Cyrillic а
            ("aoba-shoij.co.jp", Some(Imitation::Typo)),
            ("aoba-shoji.co.jp.mail.example", Some(Imitation::Embedded)),
            (
                "aoba-shoji.co.jp.mail-secure.com",
                Some(Imitation::Embedded),
            ),
            ("aoba-shoji-co-jp.com", Some(Imitation::Embedded)),
            ("aoba-shoji-trading.co.jp", None),
            ("aoba-shoij.com", None),
            ("aoba-shoji.co.jp", None),
            ("mail.aoba-shoji.co.jp", None),
            ("midori-shoji.co.jp", None),
            ("gmail.com", None),
        ] {
            assert_eq!(imitates(c, p), want, "{c}");
        }
        assert_eq!(
            imitates("hoshikawa-seiki.co.jp", "hoshikawa-selki.co.jp"),
            Some(Imitation::Homoglyph)
        );
        assert_eq!(
            imitates("rnarunaka.co.jp", "marunaka.co.jp"),
            Some(Imitation::Homoglyph)
        );
        assert_eq!(
            imitates("example.co.jp", "exarnple.co.jp"),
            Some(Imitation::Homoglyph)
        );
        assert_eq!(
            split("mail.aoba-shoji.co.jp"),
            ("aoba-shoji".into(), "co.jp".into())
        );
    }
}
