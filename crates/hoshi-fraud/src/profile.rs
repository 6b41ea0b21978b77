//! The organisation profile: what the check knows about the company it protects. Kept in hoshi
//! (web) and as a TOML file for the command line, format `hoshi-fraud-profile/1`:
//!
//! ```toml
//! format = "hoshi-fraud-profile/1"
//! shared_mailboxes = ["info@hoshikawa-seiki.co.jp", "keiri@hoshikawa-seiki.co.jp"]
//! free_mail = ["example-free.jp"]    # added to the built-in list
//! lists = ["lists.example.org"]      # mailing lists whose forwarding breaks DKIM
//! # (top-level keys come before the first [table]: after it, TOML gives them to that table)
//!
//! [organisation]
//! name = "星川精機株式会社"
//! names = ["星川精機", "ホシカワセイキ", "Hoshikawa Seiki"]   # other ways people write it
//! domains = ["hoshikawa-seiki.co.jp"]                          # every domain it sends from
//! authserv_ids = ["mx1.hoshikawa-seiki.co.jp"]                 # what its own MX stamps in
//!                                                              # Authentication-Results
//!
//! [rules]
//! bank_change_confirmed_by_phone = true
//!
//! [[people]]                         # officers and staff whose names fraudsters borrow
//! name = "星川 太郎"                 # family name, a space, given name (any order is matched)
//! kana = "ほしかわ たろう"
//! romaji = "Taro Hoshikawa"
//! role = "代表取締役社長"
//! officer = true
//! addresses = ["t.hoshikawa@hoshikawa-seiki.co.jp"]
//! private_addresses = []             # personal addresses the person really writes from
//!
//! [[partners]]
//! name = "株式会社青葉商事"
//! names = ["青葉商事", "Aoba Shoji"]
//! domains = ["aoba-shoji.co.jp"]
//! dkim_domains = ["aoba-shoji.co.jp"]         # who normally signs their mail (d=)
//! contacts = ["山田 一郎"]                     # people there we deal with
//! private_addresses = ["aoba.yamada@gmail.com"]
//! bank_accounts = ["三菱UFJ銀行 丸の内支店 普通 1234567"]   # on file, if the company wants
//! ```
//!
//! What the check makes of them: mail from the organisation's domains counts as its own only
//! when its MX (`authserv_ids`) authenticated it; a person's name (full, or an officer's family
//! name with the title, `星川社長`) or a contact's name elsewhere is a borrowed name;
//! `private_addresses` are the exceptions; an address of a person, a shared mailbox or any
//! address at the organisation's or a partner's domains written into another sender's display
//! name is a disguise; a partner's mail without its usual `dkim_domains` signature is suspect; a
//! bank account in a partner's mail that is not among its `bank_accounts` (compared by account
//! number) is a change of account; mail delivered by one of the `lists` tells rather than asks.
//!
//! Every field but `format` and `organisation.name` is optional. [`Profile::parse`] refuses
//! unknown keys and says where (line and column), so a misspelt field is never silently ignored.

use serde::Deserialize;

use crate::text::fold_compact;

pub const FORMAT: &str = "hoshi-fraud-profile/1";

/// The free-mail and consumer domains built in (Japanese carriers and portals, the global ones).
/// A profile adds its own with `free_mail`.
pub const FREE_MAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "yahoo.co.jp",
    "ymail.ne.jp",
    "yahoo.com",
    "outlook.com",
    "outlook.jp",
    "hotmail.com",
    "hotmail.co.jp",
    "live.jp",
    "live.com",
    "msn.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "aol.jp",
    "gmx.com",
    "gmx.net",
    "mail.com",
    "proton.me",
    "protonmail.com",
    "zoho.com",
    "yandex.com",
    "yandex.ru",
    "qq.com",
    "163.com",
    "126.com",
    "naver.com",
    "docomo.ne.jp",
    "ezweb.ne.jp",
    "au.com",
    "softbank.ne.jp",
    "i.softbank.jp",
    "rakuten.jp",
    "excite.co.jp",
    "nifty.com",
    "biglobe.ne.jp",
    "so-net.ne.jp",
    "ocn.ne.jp",
    "goo.jp",
    "livedoor.com",
    "mail.ru",
    "tutanota.com",
];

/// Why a profile file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    /// 1-based line and column when the TOML reader knows them.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// The same in Japanese.
    pub message_ja: String,
}

impl ProfileError {
    fn plain(en: String, ja: String) -> ProfileError {
        ProfileError {
            line: None,
            column: None,
            message: en,
            message_ja: ja,
        }
    }

    /// The message in Japanese (`ja`) or English.
    pub fn message_in(&self, ja: bool) -> &str {
        if ja { &self.message_ja } else { &self.message }
    }
}

/// The TOML reader's message in Japanese: the common mistakes named, anything else described
/// with the reader's own words kept in brackets.
fn toml_ja(en: &str) -> String {
    let quoted = |s: &str| -> String { s.split('`').nth(1).unwrap_or_default().to_string() };
    if en.starts_with("unknown field") {
        format!(
            "「{}」という項目はありません。項目名の綴りを確認してください",
            quoted(en)
        )
    } else if en.starts_with("missing field") {
        format!("必須の項目「{}」がありません", quoted(en))
    } else if en.starts_with("invalid type") {
        "値の種類が違います（文字列は \"…\" で囲み、一覧は [\"…\", \"…\"] と書きます）".to_string()
    } else if en.starts_with("duplicate key") {
        "同じ項目が2回書かれています".to_string()
    } else {
        format!("TOML の書き方に誤りがあります（{en}）")
    }
}

impl std::fmt::Display for ProfileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{l}:{c}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub name: String,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub domains: Vec<String>,
    #[serde(default)]
    pub authserv_ids: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    #[serde(default)]
    pub kana: String,
    #[serde(default)]
    pub romaji: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub officer: bool,
    #[serde(default)]
    pub addresses: Vec<String>,
    #[serde(default)]
    pub private_addresses: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    pub name: String,
    #[serde(default)]
    pub names: Vec<String>,
    #[serde(default)]
    pub domains: Vec<String>,
    #[serde(default)]
    pub dkim_domains: Vec<String>,
    #[serde(default)]
    pub contacts: Vec<String>,
    #[serde(default)]
    pub private_addresses: Vec<String>,
    #[serde(default)]
    pub bank_accounts: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    #[serde(default)]
    pub bank_change_confirmed_by_phone: bool,
}

/// The profile as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub format: String,
    pub organisation: Organisation,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub shared_mailboxes: Vec<String>,
    #[serde(default)]
    pub partners: Vec<Partner>,
    #[serde(default)]
    pub free_mail: Vec<String>,
    #[serde(default)]
    pub lists: Vec<String>,
    #[serde(default)]
    pub rules: Rules,
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

impl Profile {
    /// Reads and checks a profile file.
    pub fn parse(text: &str) -> Result<Profile, ProfileError> {
        let p: Profile = toml::from_str(text).map_err(|e| {
            let (line, column) = e
                .span()
                .map(|s| line_col(text, s.start))
                .map_or((None, None), |(l, c)| (Some(l), Some(c)));
            ProfileError {
                line,
                column,
                message: e.message().to_string(),
                message_ja: toml_ja(e.message()),
            }
        })?;
        if p.format != FORMAT {
            return Err(ProfileError::plain(
                format!("format must be \"{FORMAT}\", not \"{}\"", p.format),
                format!(
                    "format は \"{FORMAT}\" と書きます（\"{}\" ではありません）",
                    p.format
                ),
            ));
        }
        if p.organisation.name.trim().is_empty() {
            return Err(ProfileError::plain(
                "organisation.name is empty".into(),
                "organisation.name（会社名）が空です".into(),
            ));
        }
        for (what, list) in [
            ("organisation.domains", &p.organisation.domains),
            ("free_mail", &p.free_mail),
            ("lists", &p.lists),
        ] {
            if let Some(d) = list.iter().find(|d| !plausible_domain(d)) {
                return Err(ProfileError::plain(
                    format!("{what}: \"{d}\" is not a domain name"),
                    format!("{what}: 「{d}」はドメイン名ではありません"),
                ));
            }
        }
        Ok(p)
    }

    /// Whether `domain` is one of the organisation's own.
    pub fn own_domain(&self, domain: &str) -> bool {
        let d = domain.to_ascii_lowercase();
        self.organisation.domains.iter().any(|o| {
            d == o.to_ascii_lowercase() || d.ends_with(&format!(".{}", o.to_ascii_lowercase()))
        })
    }

    /// Whether `domain` is a free-mail or consumer domain.
    pub fn free_mail(&self, domain: &str) -> bool {
        let d = domain.to_ascii_lowercase();
        FREE_MAIL.iter().any(|f| d == *f)
            || self.free_mail.iter().any(|f| d == f.to_ascii_lowercase())
    }

    /// The partner that owns `domain`, if any.
    pub fn partner_of_domain(&self, domain: &str) -> Option<&Partner> {
        let d = domain.to_ascii_lowercase();
        self.partners.iter().find(|p| {
            p.domains.iter().any(|o| {
                let o = o.to_ascii_lowercase();
                d == o || d.ends_with(&format!(".{o}"))
            })
        })
    }

    /// Every domain someone might imitate: own and partners'.
    pub fn protected_domains(&self) -> Vec<(String, Protected<'_>)> {
        let mut out: Vec<(String, Protected<'_>)> = self
            .organisation
            .domains
            .iter()
            .map(|d| (d.to_ascii_lowercase(), Protected::Own))
            .collect();
        for p in &self.partners {
            for d in &p.domains {
                out.push((d.to_ascii_lowercase(), Protected::Partner(p)));
            }
        }
        out
    }

    /// A known address of a person (work or private), folded for comparison.
    pub fn person_by_address(&self, address: &str) -> Option<&Person> {
        let a = address.to_ascii_lowercase();
        self.people.iter().find(|p| {
            p.addresses
                .iter()
                .chain(&p.private_addresses)
                .any(|x| x.to_ascii_lowercase() == a)
        })
    }

    /// A partner's known private address.
    pub fn partner_by_private_address(&self, address: &str) -> Option<&Partner> {
        let a = address.to_ascii_lowercase();
        self.partners.iter().find(|p| {
            p.private_addresses
                .iter()
                .any(|x| x.to_ascii_lowercase() == a)
        })
    }

    /// Names of people as compact folded forms with their person: the name as written, without
    /// the space, family and given name swapped, the kana and romaji in both orders.
    pub fn name_forms(&self) -> Vec<(String, &Person)> {
        let mut out = Vec::new();
        for p in &self.people {
            for n in [&p.name, &p.kana, &p.romaji] {
                for form in orders(n) {
                    let f = fold_compact(&form);
                    // Short forms would match inside other words: Latin letters are compared
                    // without spaces, so "Ito" would match "monitor"; two kanji are a name.
                    if (f.is_ascii() && f.len() >= 6) || (!f.is_ascii() && f.chars().count() >= 2) {
                        out.push((f, p));
                    }
                }
            }
        }
        out
    }

    /// Officers as they are named with their title (`星川社長`, `三浦常務`): the family name
    /// (the first part of `name`) followed by each title their `role` holds; a 代表取締役 is
    /// called 社長 as well.
    pub fn title_forms(&self) -> Vec<(String, &Person)> {
        const TITLES: [&str; 6] = ["会長", "副社長", "社長", "専務", "常務", "代表"];
        let mut out = Vec::new();
        for p in self.people.iter().filter(|p| p.officer) {
            let mut parts = p.name.split_whitespace();
            let (Some(family), Some(_)) = (parts.next(), parts.next()) else {
                continue;
            };
            if family.chars().count() < 2 {
                continue;
            }
            let role = fold_compact(&p.role);
            for title in TITLES {
                let held = match title {
                    // 社長 inside 副社長 is not the president; 代表取締役 is.
                    "社長" => {
                        (role.contains("社長") && !role.contains("副社長"))
                            || role.contains("代表取締役")
                    }
                    _ => role.contains(title),
                };
                if held {
                    out.push((fold_compact(&format!("{family}{title}")), p));
                }
            }
        }
        out
    }

    /// Members of staff (not officers) as a display name might show them by family name and
    /// department (`情報システム 高梨`, `経理部 小松`): the compact folded family name and the
    /// department taken from `role` (its first word without 部長, 部, 担当 and the like).
    pub fn department_forms(&self) -> Vec<(String, String, &Person)> {
        const ENDS: [&str; 8] = ["本部長", "部長", "課長", "担当", "本部", "部", "課", "室"];
        let mut out = Vec::new();
        for p in self.people.iter().filter(|p| !p.officer) {
            let mut parts = p.name.split_whitespace();
            let (Some(family), Some(_)) = (parts.next(), parts.next()) else {
                continue;
            };
            let first = p.role.split_whitespace().next().unwrap_or_default();
            let mut dept = fold_compact(first.split(['（', '(']).next().unwrap_or_default());
            for end in ENDS {
                if let Some(rest) = dept.strip_suffix(end) {
                    dept = rest.to_string();
                    break;
                }
            }
            let family = fold_compact(family);
            if family.chars().count() >= 2 && dept.chars().count() >= 2 {
                out.push((family, dept, p));
            }
        }
        out
    }

    /// Partners' contacts as compact folded forms (both orders) with their partner.
    pub fn contact_forms(&self) -> Vec<(String, &Partner)> {
        let mut out = Vec::new();
        for p in &self.partners {
            for c in &p.contacts {
                for form in orders(c) {
                    let f = fold_compact(&form);
                    // A full name only: a family name alone is too common to mean anyone.
                    let full = c.split_whitespace().count() > 1;
                    if full
                        && ((f.is_ascii() && f.len() >= 6)
                            || (!f.is_ascii() && f.chars().count() >= 3))
                    {
                        out.push((f, p));
                    }
                }
            }
        }
        out
    }

    /// The organisation's own names as compact folded forms (with and without 株式会社 etc.).
    pub fn own_forms(&self) -> Vec<String> {
        let mut out = Vec::new();
        for n in std::iter::once(&self.organisation.name).chain(&self.organisation.names) {
            let f = fold_compact(n);
            for x in [strip_company_form(&f), f] {
                if ((x.is_ascii() && x.len() >= 6) || (!x.is_ascii() && x.chars().count() >= 3))
                    && !out.contains(&x)
                {
                    out.push(x);
                }
            }
        }
        out
    }

    /// Partner names as compact folded forms (company names without 株式会社 etc. as well).
    pub fn partner_forms(&self) -> Vec<(String, &Partner)> {
        let mut out = Vec::new();
        for p in &self.partners {
            for n in std::iter::once(&p.name).chain(&p.names) {
                let f = fold_compact(n);
                let bare = strip_company_form(&f);
                for x in [f.clone(), bare] {
                    if (x.is_ascii() && x.len() >= 6) || (!x.is_ascii() && x.chars().count() >= 3) {
                        out.push((x, p));
                    }
                }
            }
        }
        out
    }
}

/// What a protected domain belongs to.
#[derive(Debug, Clone, Copy)]
pub enum Protected<'a> {
    Own,
    Partner(&'a Partner),
}

/// A name in both orders ("星川 太郎" and "太郎 星川"); a name without a space as it is.
fn orders(name: &str) -> Vec<String> {
    let parts: Vec<&str> = name.split_whitespace().collect();
    match parts.as_slice() {
        [] => Vec::new(),
        [one] => vec![(*one).to_string()],
        [a, b] => vec![format!("{a} {b}"), format!("{b} {a}")],
        more => vec![more.join(" ")],
    }
}

/// Company forms removed from a compact folded name (株式会社青葉商事 → 青葉商事).
pub fn strip_company_form(folded: &str) -> String {
    const FORMS: [&str; 14] = [
        "株式会社",
        "有限会社",
        "合同会社",
        "合資会社",
        "合名会社",
        "一般社団法人",
        "co.,ltd.",
        "co.,ltd",
        "co.ltd.",
        "inc.",
        "corporation",
        "corp.",
        "ltd.",
        "kk",
    ];
    // Only at either end: "kk" inside "hokkaido" is part of the name.
    let mut s = folded.trim().to_string();
    loop {
        let before = s.len();
        for form in FORMS {
            if let Some(rest) = s.strip_prefix(form) {
                s = rest.trim_start_matches([' ', ',', '.']).to_string();
            }
            if let Some(rest) = s.strip_suffix(form) {
                s = rest.trim_end_matches([' ', ',', '.']).to_string();
            }
        }
        if s.len() == before {
            break;
        }
    }
    s
}

fn plausible_domain(d: &str) -> bool {
    !d.is_empty()
        && d.len() <= 253
        && d.contains('.')
        && d.split('.').all(|l| {
            !l.is_empty() && l.len() <= 63 && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
format = "hoshi-fraud-profile/1"
[organisation]
name = "星川精機株式会社"
domains = ["hoshikawa-seiki.co.jp"]
authserv_ids = ["mx1.hoshikawa-seiki.co.jp"]

[[people]]
name = "星川 太郎"
kana = "ほしかわ たろう"
romaji = "Taro Hoshikawa"
officer = true
addresses = ["t.hoshikawa@hoshikawa-seiki.co.jp"]

[[partners]]
name = "株式会社青葉商事"
domains = ["aoba-shoji.co.jp"]
"#;

    #[test]
    fn a_profile_is_read_and_mistakes_are_placed() {
        let p = Profile::parse(SAMPLE).unwrap();
        assert!(p.own_domain("HOSHIKAWA-SEIKI.co.jp"));
        assert!(p.free_mail("gmail.com"));
        assert!(p.partner_of_domain("mail.aoba-shoji.co.jp").is_some());
        let forms: Vec<String> = p.name_forms().into_iter().map(|(f, _)| f).collect();
        assert!(forms.contains(&fold_compact("太郎星川")), "{forms:?}");
        assert!(forms.contains(&fold_compact("hoshikawa taro")), "{forms:?}");
        let bad = SAMPLE.replace("officer = true", "oficer = true");
        let e = Profile::parse(&bad).unwrap_err();
        assert_eq!(e.line, Some(12), "{e}");
        assert!(e.message.contains("oficer"), "{e}");
        let e = Profile::parse(&SAMPLE.replace("/1\"", "/9\"")).unwrap_err();
        assert!(e.message.contains("format"), "{e}");
    }

    #[test]
    fn officers_are_named_with_their_titles_and_contacts_by_full_name() {
        let text = SAMPLE.replace(
            "officer = true",
            "officer = true\nrole = \"代表取締役社長\"",
        ) + "contacts = [\"山田 一郎\", \"佐藤\"]\n\n[[people]]\nname = \"川口 進\"\nrole = \"取締役副社長\"\nofficer = true\n";
        let p = Profile::parse(&text).unwrap();
        let titles: Vec<String> = p.title_forms().into_iter().map(|(f, _)| f).collect();
        assert!(titles.contains(&"星川社長".to_string()), "{titles:?}");
        assert!(titles.contains(&"川口副社長".to_string()), "{titles:?}");
        assert!(!titles.contains(&"川口社長".to_string()), "{titles:?}");
        let contacts: Vec<String> = p.contact_forms().into_iter().map(|(f, _)| f).collect();
        assert!(contacts.contains(&"山田一郎".to_string()), "{contacts:?}");
        assert!(contacts.contains(&"一郎山田".to_string()), "{contacts:?}");
        // A family name alone would match too many people.
        assert!(!contacts.contains(&"佐藤".to_string()), "{contacts:?}");
        let staff = Profile::parse(
            &(SAMPLE.to_string()
                + "\n[[people]]\nname = \"高梨 悠斗\"\nrole = \"情報システム担当\"\n\n[[people]]\nname = \"内田 真由\"\nrole = \"総務部（給与・社会保険）\"\n"),
        )
        .unwrap();
        let depts: Vec<(String, String)> = staff
            .department_forms()
            .into_iter()
            .map(|(f, d, _)| (f, d))
            .collect();
        assert_eq!(
            depts,
            [
                ("高梨".to_string(), "情報システム".to_string()),
                ("内田".to_string(), "総務".to_string())
            ]
        );
    }
}
