//! Shared and generic IDs (4-1-1-2): IDs and names that belong to a role, a mailbox, a vendor
//! or a test rather than to one person.
//!
//! An ID is generic when every word of its local part (split at `.`, `_`, `-`, digits) is a
//! generic word: `info@`, `admin`, `test01`, `hoshu.vendor` are; `tanaka-admin` (a personal
//! admin ID) and `yamada.taro` are not. A display name is generic when it holds a Japanese
//! generic word anywhere (共有, 管理者, 保守, テスト …, compared after [`crate::text::fold`], so
//! ﾃｽﾄ and てすと match too) or when every ASCII word of it is generic (`Test User`).

use crate::model::Account;
use crate::text::fold;

/// Generic words in IDs and ASCII names, in romaji too (hoshu = 保守, kanri = 管理 …).
const WORDS: &[&str] = &[
    "info",
    "admin",
    "administrator",
    "admins",
    "root",
    "test",
    "tester",
    "testuser",
    "guest",
    "user",
    "users",
    "demo",
    "temp",
    "tmp",
    "sample",
    "shared",
    "share",
    "common",
    "kyoyu",
    "kyouyu",
    "kyoyo",
    "kyouyou",
    "vendor",
    "maintenance",
    "maint",
    "hoshu",
    "hosyu",
    "support",
    "helpdesk",
    "kanri",
    "kanrisha",
    "kanrisya",
    "office",
    "jimu",
    "soumu",
    "somu",
    "eigyo",
    "eigyou",
    "sales",
    "contact",
    "webmaster",
    "postmaster",
    "noreply",
    "reception",
    "uketsuke",
    "scan",
    "scanner",
    "fax",
    "printer",
    "setup",
    "kitting",
    "staff",
    "team",
    "all",
    "general",
    "daihyo",
    "daihyou",
    "gyosha",
    "gyousha",
    "partner",
    "itadmin",
    "sysadmin",
    "netadmin",
    "mailbox",
    "box",
    "desk",
    "center",
    "group",
    "dept",
    "bu",
    "ka",
    "ops",
    "it",
    "mail",
    "account",
    "service",
    "soukatsu",
    "keiri",
    "jinji",
];

/// Japanese generic words, folded (katakana, no long-vowel marks).
const JA_WORDS: &[&str] = &[
    "共有",
    "共用",
    "共通",
    "管理者",
    "保守",
    "テスト",
    "業者",
    "ゲスト",
    "メンテナンス",
    "サポト",
    "受付",
    "代表",
    "事務局",
    "窓口",
    "スキャナ",
    "複合機",
    "担当者用",
    "用アカウント",
];

fn all_generic(s: &str) -> bool {
    let mut words = s
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .peekable();
    words.peek().is_some() && words.all(|w| WORDS.contains(&w))
}

/// The reason an account looks shared or generic: the ID or name it was judged on.
pub fn shared_reason(a: &Account) -> Option<String> {
    let ids = std::iter::once(a.id.as_str()).chain(a.upn.as_deref());
    for id in ids {
        let local = fold(id.split('@').next().unwrap_or(""));
        if local.is_ascii() && all_generic(&local) {
            return Some(id.to_string());
        }
    }
    let name = fold(&a.name);
    if JA_WORDS.iter().any(|w| name.contains(w)) {
        return Some(a.name.clone());
    }
    // ASCII names are folded without spaces, so they are split on the original text.
    let ascii = a.name.to_ascii_lowercase();
    if a.name.is_ascii() && all_generic(&ascii) {
        return Some(a.name.clone());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::System;

    fn acc(id: &str, name: &str) -> Account {
        let mut a = Account::new(System::Microsoft365, 2, id);
        a.name = name.into();
        a
    }

    #[test]
    fn generic_ids_and_names() {
        for (id, name) in [
            ("info@example.co.jp", "インフォメーション"),
            ("admin@example.co.jp", ""),
            ("Administrator", "Administrator"),
            ("test01@example.co.jp", "山田 太郎"),
            ("hoshu.vendor@example.co.jp", ""),
            ("ｋａｎｒｉ@example.co.jp", ""),
            ("m.sato@example.co.jp", "共有 受付"),
            ("x1@example.co.jp", "ﾃｽﾄ ﾕｰｻﾞｰ"),
            ("x2@example.co.jp", "ほしゅ業者"),
            ("x3@example.co.jp", "Test User"),
            ("x4@example.co.jp", "管理者（総務）"),
        ] {
            assert!(shared_reason(&acc(id, name)).is_some(), "{id} {name}");
        }
    }

    #[test]
    fn personal_ids_and_names() {
        for (id, name) in [
            ("taro.yamada@example.co.jp", "山田 太郎"),
            ("tanaka-admin@example.co.jp", "田中 一郎（管理用）"),
            ("h.suzuki", "鈴木 花子"),
            ("allen@example.co.jp", "Allen Smith"),
            ("sato.kanrinin@example.co.jp", "佐藤 健"),
        ] {
            assert!(shared_reason(&acc(id, name)).is_none(), "{id} {name}");
        }
    }
}
