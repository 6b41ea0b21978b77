//! What a mail asks for: the phrases that make up each request (moving to LINE and sending a QR
//! code, secrecy, haste, being unreachable, money, a new bank or payroll account, gift cards,
//! passwords and codes …), folded once and looked up in a mail's folded text.
//!
//! Phrases are written once in their usual form and compared after folding (width, kana, case).
//! Japanese phrases are looked for in the text without spaces (so `至 急` is still `至急`); Latin
//! ones in the text with its spaces, from the start of a word (`mfa` is not found in `comfort`);
//! phrases marked as whole words also end with one (`line` is found in `LINEグループ`, not in
//! `online` or `lineup`).

use std::sync::OnceLock;

use crate::text::{fold, fold_compact};

// Phrases, compared after folding (width, kana, case), so each is written once. A leading `=`
// marks a whole word: `=LINE` is not found in `online` or `lineup`, `=ライン` not in `オンライン`
// or `ガイドライン`.
const CHANNEL: &[&str] = &[
    "=LINE",
    "=ライン",
    "グループを作",
    "グループ作成",
    "グループの作成",
    "グループを作成",
    "WhatsApp",
    "Telegram",
    "テレグラム",
    "カカオトーク",
    "個人の携帯",
    "私用の携帯",
    "チャットグループ",
    "group chat",
    "new group",
];
const QR: &[&str] = &[
    "QRコード",
    "QR コード",
    "二次元コード",
    "二次元バーコード",
    "招待コード",
    "招待リンク",
    "QR code",
    "qrcode",
];
const SECRECY: &[&str] = &[
    "他の人には",
    "誰にも",
    "誰とも",
    "社内の誰",
    "秘密保持",
    "ご連絡はお控え",
    "このメールアドレスのみ",
    "本メールアドレスのみ",
    "内密",
    "口外",
    "極秘",
    "他言",
    "秘密に",
    "ほかの社員",
    "他の社員",
    "社内の他の",
    "私とあなただけ",
    "公表前",
    "confidential",
    "do not discuss",
    "don't tell",
    "keep this between",
    "strictly private",
];
const URGENCY: &[&str] = &[
    "至急",
    "緊急",
    "急ぎ",
    "大至急",
    "本日中",
    "今日中",
    "今すぐ",
    "すぐに",
    "早急",
    "直ちに",
    "urgent",
    "asap",
    "immediately",
    "right away",
    "today",
];
const UNREACHABLE: &[&str] = &[
    "会議中",
    "つながりにく",
    "繋がりにく",
    "電話に出られ",
    "電話できません",
    "電話は控え",
    "通話できない",
    "出張中",
    "移動中",
    "手が離せ",
    "in a meeting",
    "cannot take calls",
    "can't talk",
    "unable to call",
    "not taking calls",
    "電話ではなく",
    "not by phone",
];
const MONEY: &[&str] = &[
    "振込",
    "預託",
    "エスクロー",
    "escrow",
    "振り込",
    "送金",
    "支払",
    "お支払い",
    "入金",
    "立替",
    "立て替え",
    "決済",
    "transfer",
    "wire",
    "payment",
    "remit",
];
const BANK_CHANGE: &[&str] = &[
    "口座を変更",
    "口座の変更",
    "口座変更",
    "振込先を変更",
    "振込先の変更",
    "振込先変更",
    "振込口座の変更",
    "新しい口座",
    "新口座",
    "口座が変わ",
    "振込先が変わ",
    "変更後の口座",
    "口座情報の変更",
    "口座情報を変更",
    "お振込先",
    "change of bank",
    "new bank account",
    "updated bank",
    "bank details have changed",
    "change our bank",
    "new account details",
];
const PAYROLL: &[&str] = &[
    "給与の振込",
    "給与振込",
    "給与口座",
    "給料の振込",
    "給料の口座",
    "給与の口座",
    "給与受取",
    "payroll",
    "salary account",
    "direct deposit",
];
const GIFT_CARD: &[&str] = &[
    "ギフトカード",
    "ギフト券",
    "アマゾンギフト",
    "Amazonギフト",
    "Apple Gift",
    "iTunesカード",
    "GooglePlayカード",
    "Google Play カード",
    "プリペイドカード",
    "電子マネー",
    "gift card",
    "giftcard",
];
const CREDENTIALS: &[&str] = &[
    "パスワード",
    "サインインして",
    "ログインして",
    "sign in to",
    "暗証番号",
    "認証コード",
    "ワンタイム",
    "確認コード",
    "ログイン情報",
    "サインイン情報",
    "アカウント情報",
    "IDとパスワード",
    "セキュリティコード",
    "verification code",
    "password",
    "one-time code",
    "MFA",
    "2段階認証",
    "二段階認証",
    "多要素認証",
    "本人確認",
    "verify your account",
    "verify your identity",
];
const BALANCE: &[&str] = &[
    "残高",
    "スクリーンショット",
    "スクショ",
    "画面のコピー",
    "画面を撮",
    "balance",
    "screenshot",
];
const LEGAL_SECRET: &[&str] = &[
    "買収",
    "M&A",
    "弁護士",
    "法律事務所",
    "極秘案件",
    "acquisition",
    "attorney",
    "law firm",
    "merger",
];

/// An invitation to check by telephone (what a genuine change notice asks for).
const PHONE_CHECK: &[&str] = &[
    "お電話",
    "電話で",
    "電話にて",
    "電話番号",
    "代表番号",
    "by phone",
    "by telephone",
    "call us",
    "call our",
    "phone us",
];

/// The lists, in the order of the bits [`scan`] sets.
const LISTS: [&[&str]; 13] = [
    CHANNEL,
    QR,
    SECRECY,
    URGENCY,
    UNREACHABLE,
    MONEY,
    BANK_CHANGE,
    PAYROLL,
    GIFT_CARD,
    CREDENTIALS,
    BALANCE,
    LEGAL_SECRET,
    PHONE_CHECK,
];

/// A phrase as looked up: folded without spaces (Japanese) or with single spaces (Latin), the
/// list it belongs to, and whether it must be a whole word.
struct Phrase {
    folded: String,
    list: u8,
    word: bool,
}

/// Every phrase of every list, folded once and filed under its first character, so that a
/// text is read once whatever the number of phrases: Japanese ones for the text without
/// spaces, Latin ones for the text with them.
struct Index {
    japanese: FirstChars,
    latin: FirstChars,
}

/// Phrases by first character: a bit per character (modulo [`FILTER_BITS`]) to pass over most
/// characters at once, then the characters in order.
struct FirstChars {
    filter: [u64; FILTER_BITS / 64],
    by_first: Vec<(char, Vec<Phrase>)>,
}

const FILTER_BITS: usize = 4096;

impl FirstChars {
    fn new(mut phrases: Vec<(char, Phrase)>) -> FirstChars {
        phrases.sort_by_key(|(c, _)| *c);
        let mut f = FirstChars {
            filter: [0; FILTER_BITS / 64],
            by_first: Vec::new(),
        };
        for (c, ph) in phrases {
            let bit = c as usize % FILTER_BITS;
            f.filter[bit / 64] |= 1 << (bit % 64);
            match f.by_first.last_mut() {
                Some((last, list)) if *last == c => list.push(ph),
                _ => f.by_first.push((c, vec![ph])),
            }
        }
        f
    }

    fn get(&self, c: char) -> Option<&[Phrase]> {
        let bit = c as usize % FILTER_BITS;
        if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        self.by_first
            .binary_search_by_key(&c, |(k, _)| *k)
            .ok()
            .map(|i| self.by_first[i].1.as_slice())
    }
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let (mut japanese, mut latin) = (Vec::new(), Vec::new());
        for (list, words) in LISTS.iter().enumerate() {
            for w in *words {
                let (word, w) = w.strip_prefix('=').map_or((false, *w), |w| (true, w));
                let is_latin = w.is_ascii();
                let folded = if is_latin { fold(w) } else { fold_compact(w) };
                let Some(first) = folded.chars().next() else {
                    continue;
                };
                let ph = Phrase {
                    folded,
                    list: u8::try_from(list).unwrap_or(u8::MAX),
                    word,
                };
                if is_latin {
                    latin.push((first, ph));
                } else {
                    japanese.push((first, ph));
                }
            }
        }
        Index {
            japanese: FirstChars::new(japanese),
            latin: FirstChars::new(latin),
        }
    })
}

fn katakana(c: char) -> bool {
    ('\u{30A1}'..='\u{30FC}').contains(&c)
}

/// Whether the phrase found at `i` of `text` stands as a word there.
fn bounded(text: &str, i: usize, ph: &Phrase, latin: bool) -> bool {
    let before = text[..i].chars().next_back();
    let after = text[i + ph.folded.len()..].chars().next();
    if latin {
        let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        !letter(before) && (!ph.word || !letter(after))
    } else {
        !ph.word || !before.is_some_and(katakana)
    }
}

/// The lists (as bits) with a phrase in `text`.
fn scan(text: &str, map: &FirstChars, latin: bool) -> u32 {
    let mut found = 0u32;
    for (i, c) in text.char_indices() {
        let Some(candidates) = map.get(c) else {
            continue;
        };
        let rest = &text[i..];
        for ph in candidates {
            if found & (1 << ph.list) == 0
                && rest.starts_with(ph.folded.as_str())
                && bounded(text, i, ph, latin)
            {
                found |= 1 << ph.list;
            }
        }
    }
    found
}

/// A text folded for looking phrases up: with single spaces and without any.
pub struct Folded {
    pub spaced: String,
    pub compact: String,
}

impl Folded {
    pub fn new(text: &str) -> Folded {
        let spaced = fold(text);
        let compact = spaced.chars().filter(|c| *c != ' ').collect();
        Folded { spaced, compact }
    }
}

/// Which requests a text makes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Asks {
    pub channel: bool,
    pub qr: bool,
    pub secrecy: bool,
    pub urgency: bool,
    pub unreachable: bool,
    pub money: bool,
    pub bank_change: bool,
    pub payroll: bool,
    pub gift_card: bool,
    pub credentials: bool,
    pub balance: bool,
    pub legal_secret: bool,
    /// Not a request of fraud: the text invites a check by telephone.
    pub phone_check: bool,
}

/// The requests a folded text makes.
pub fn asks(t: &Folded) -> Asks {
    let idx = index();
    let f = scan(&t.compact, &idx.japanese, false) | scan(&t.spaced, &idx.latin, true);
    let has = |list: usize| f & (1 << list) != 0;
    Asks {
        channel: has(0),
        qr: has(1),
        secrecy: has(2),
        urgency: has(3),
        unreachable: has(4),
        money: has(5),
        bank_change: has(6),
        payroll: has(7),
        gift_card: has(8),
        credentials: has(9),
        balance: has(10),
        legal_secret: has(11),
        phone_check: has(12),
    }
}

/// Well-known services whose name phishing puts in the display name, with the domains their
/// mail really comes from (a name under one of them counts too). Names are looked for in the
/// compact folded display name; Latin ones from the start of a word.
pub const SERVICES: &[(&str, &[&str], &[&str])] = &[
    (
        "Microsoft",
        &[
            "microsoft",
            "マイクロソフト",
            "office365",
            "office 365",
            "onedrive",
            "sharepoint",
            "outlook",
        ],
        &[
            "microsoft.com",
            "microsoftonline.com",
            "office.com",
            "office365.com",
            "sharepoint.com",
            "sharepointonline.com",
            "onmicrosoft.com",
            "microsoft365.com",
        ],
    ),
    ("Google", &["google", "グーグル"], &["google.com"]),
    ("Apple", &["apple", "アップル"], &["apple.com"]),
    (
        "Amazon",
        &["amazon", "アマゾン"],
        &["amazon.co.jp", "amazon.com", "amazonaws.com"],
    ),
    (
        "DocuSign",
        &["docusign", "ドキュサイン"],
        &["docusign.net", "docusign.com"],
    ),
    ("Dropbox", &["dropbox"], &["dropbox.com", "dropboxmail.com"]),
    ("Adobe", &["adobe", "アドビ"], &["adobe.com"]),
    (
        "PayPal",
        &["paypal", "ペイパル"],
        &["paypal.com", "paypal.jp"],
    ),
    (
        "楽天",
        &["楽天", "rakuten"],
        &[
            "rakuten.co.jp",
            "rakuten.com",
            "rakuten-card.co.jp",
            "rakuten-bank.co.jp",
        ],
    ),
    (
        "ヤマト運輸",
        &["ヤマト運輸", "クロネコヤマト"],
        &["kuronekoyamato.co.jp", "yamato-hd.co.jp"],
    ),
    ("佐川急便", &["佐川急便"], &["sagawa-exp.co.jp"]),
    ("日本郵便", &["日本郵便", "ゆうパック"], &["japanpost.jp"]),
    (
        "国税庁",
        &["国税庁", "e-tax"],
        &["nta.go.jp", "e-tax.nta.go.jp"],
    ),
];

/// Whether `domain` (lower case) is one a service of [`SERVICES`] sends from: mail a service
/// sends on someone's behalf (a shared file, a signature request) shows that person's name or
/// address.
pub fn service_domain(domain: &str) -> bool {
    SERVICES
        .iter()
        .flat_map(|(_, _, domains)| domains.iter())
        .any(|d| crate::domain::under(domain, d))
}

/// [`SERVICES`]' names folded once: (index, folded name, Latin).
fn service_names() -> &'static [(usize, String, bool)] {
    static NAMES: OnceLock<Vec<(usize, String, bool)>> = OnceLock::new();
    NAMES.get_or_init(|| {
        SERVICES
            .iter()
            .enumerate()
            .flat_map(|(i, (_, names, _))| {
                names.iter().map(move |n| {
                    if n.is_ascii() {
                        (i, fold(n), true)
                    } else {
                        (i, fold_compact(n), false)
                    }
                })
            })
            .collect()
    })
}

/// The service (as [`SERVICES`] names it, with its domains) a display name claims, if any.
pub fn service_named(display: &str) -> Option<(&'static str, &'static [&'static str])> {
    let spaced = fold(display);
    let compact: String = spaced.chars().filter(|c| *c != ' ').collect();
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    service_names()
        .iter()
        .find(|(_, n, latin)| {
            if *latin {
                spaced.match_indices(n.as_str()).any(|(i, _)| {
                    !letter(spaced[..i].chars().next_back())
                        && !letter(spaced[i + n.len()..].chars().next())
                })
            } else {
                compact.contains(n.as_str())
            }
        })
        .map(|(i, _, _)| (SERVICES[*i].0, SERVICES[*i].2))
}
