//! Bank account numbers written in a mail or on file: the seven digits of a Japanese account
//! after 普通, 当座, 口座番号 and the like, and IBANs. Compared by number alone, so a branch
//! renamed or merged under the same number is still the account on file.

use crate::text::fold_compact;

/// Words that come just before an account number.
const MARKERS: &[&str] = &[
    "普通",
    "当座",
    "貯蓄",
    "口座番号",
    "口座",
    "預金",
    "accountno",
    "accountnumber",
    "a/cno",
];

/// How far before the number (in characters of the text without spaces) a marker is looked for.
const REACH: usize = 12;

/// The account numbers in a text: Japanese ones as their seven digits, IBANs in lower case
/// without spaces. `compact` is the text folded without spaces ([`fold_compact`]).
pub fn in_text(text: &str, compact: &str) -> Vec<String> {
    let mut out = numbers(compact);
    for iban in ibans(text) {
        if !out.contains(&iban) {
            out.push(iban);
        }
    }
    out
}

/// IBANs: what follows `IBAN` on its line, without spaces (`DK00 4711 0008 2231 67`).
fn ibans(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let Some(pos) = line.to_ascii_lowercase().find("iban") else {
            continue;
        };
        let rest = line[pos + 4..].trim_start_matches([':', '：', ' ', '\t', '.']);
        let iban: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == ' ')
            .filter(char::is_ascii_alphanumeric)
            .take(34)
            .collect::<String>()
            .to_ascii_lowercase();
        let b = iban.as_bytes();
        if b.len() >= 15
            && b[..2].iter().all(u8::is_ascii_alphabetic)
            && b[2..4].iter().all(u8::is_ascii_digit)
        {
            out.push(iban);
        }
    }
    out
}

/// Japanese account numbers in a compact folded text.
fn numbers(compact: &str) -> Vec<String> {
    let chars: Vec<(usize, char)> = compact.char_indices().collect();
    let at = |k: usize| chars.get(k).map_or(compact.len(), |c| c.0);
    let joined = |c: Option<&(usize, char)>| {
        c.is_some_and(|(_, c)| c.is_ascii_digit() || matches!(c, '-' | ',' | '.' | '/' | ':'))
    };
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].1.is_ascii_digit() {
            i += 1;
        }
        let before = start.checked_sub(1).and_then(|k| chars.get(k));
        // A colon may come before the number (口座番号：1234567), not inside a time or a date.
        let before_ok = !joined(before) || before.is_some_and(|(_, c)| *c == ':');
        if i - start == 7 && before_ok && !joined(chars.get(i)) {
            let window = &compact[at(start.saturating_sub(REACH))..at(start)];
            let run = &compact[at(start)..at(i)];
            // 貴社口座 / 御社口座: the reader's own account (a refund), not one to pay into.
            let readers = window.contains("貴社") || window.contains("御社");
            if MARKERS.iter().any(|m| window.contains(m))
                && !readers
                && !out.iter().any(|x| x == run)
            {
                out.push(run.to_string());
            }
        }
    }
    out
}

/// The account numbers of accounts on file (as the profile writes them).
pub fn on_file(accounts: &[String]) -> Vec<String> {
    accounts
        .iter()
        .flat_map(|a| {
            let n = in_text(a, &fold_compact(a));
            if n.is_empty() {
                // Written without a marker: every seven-digit run.
                numbers(&format!("口座{}", fold_compact(a)))
            } else {
                n
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Vec<String> {
        numbers(&fold_compact(s))
    }

    #[test]
    fn account_numbers_are_found_after_their_markers_only() {
        assert_eq!(n("みどり銀行 本店 普通 7654321"), ["7654321"]);
        assert_eq!(n("口座番号：０１２３４５６"), ["0123456"]);
        assert_eq!(n("預金種目 普通預金\n口座番号 7702519"), ["7702519"]);
        assert_eq!(
            in_text("IBAN: DK00 4711 0008 2231 67\nSWIFT: ABCDDKKK", ""),
            ["dk0047110008223167"]
        );
        // Phone numbers, amounts, dates and order numbers are not accounts.
        assert!(n("お電話は 0266-00-1234 まで").is_empty());
        assert!(n("普通 1,234,567円").is_empty());
        assert!(n("注文番号 1234567").is_empty());
        assert!(n("口座 12345678").is_empty());
        assert!(n("貴社口座（普通 7654321）へ返金いたします").is_empty());
        assert_eq!(
            on_file(&["信州みらい銀行 岡谷支店 普通 3058821".into()]),
            ["3058821"]
        );
    }
}
