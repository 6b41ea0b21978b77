//! The normaliser: names and phrases folded so that the ways Japanese text is typed compare
//! equal — full-width and half-width letters, half-width katakana, hiragana and katakana, old and
//! new kanji forms, the many dashes and spaces, ㈱ and (株).
//!
//! The folding itself is [`hoshi_core::text::fold_name`], shared with the account checks; this
//! module names the two forms the fraud check compares in.

/// A name or phrase folded for comparison, with one space between words: see
/// [`hoshi_core::text::fold_name`]. `ＬＩＮＥ` → `line`, `ﾗｲﾝ` and `らいん` → `ライン`,
/// `髙橋　健一` → `高橋 健一`, `㈱青葉商事` → `株式会社青葉商事`.
pub fn fold(s: &str) -> String {
    hoshi_core::text::fold_name(s)
}

/// [`fold`] without any spaces: `高橋 健一`, `高橋健一` and `髙橋　健一` all → `高橋健一`.
/// How names and request phrases are matched inside subjects and bodies.
pub fn fold_compact(s: &str) -> String {
    let mut f = fold(s);
    f.retain(|c| c != ' ');
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_in_every_width_and_script() {
        assert_eq!(fold("ＬＩＮＥ"), "line");
        assert_eq!(fold("LINE"), fold("ＬＩＮＥ"));
        assert_eq!(fold("ﾗｲﾝ"), "ライン");
        assert_eq!(fold("らいん"), "ライン");
        assert_eq!(fold("ライン"), fold("ﾗｲﾝ"));
        assert_eq!(fold("ＬＩＮＥグループ"), "lineグループ");
        assert_eq!(fold("ﾗｲﾝｸﾞﾙｰﾌﾟ"), "ライングループ");
    }

    #[test]
    fn old_kanji_and_spaces() {
        assert_eq!(fold("髙橋　健一"), fold("高橋 健一"));
        assert_eq!(fold("髙橋　健一"), "高橋 健一");
        assert_eq!(fold_compact("髙橋　健一"), "高橋健一");
        assert_eq!(fold_compact("高橋 健一"), fold_compact("高橋健一"));
        for (old, new) in [
            ("山﨑", "山崎"),
            ("渡邊", "渡辺"),
            ("渡邉", "渡辺"),
            ("澤田", "沢田"),
            ("齋藤", "斎藤"),
            ("齊藤", "斎藤"),
            ("濱田", "浜田"),
            ("廣瀬", "広瀬"),
            ("國分", "国分"),
            ("櫻井", "桜井"),
            ("眞由美", "真由美"),
            ("德川", "徳川"),
            ("龍也", "竜也"),
            ("藝大", "芸大"),
            ("圓山", "円山"),
            ("會津", "会津"),
            ("當麻", "当麻"),
            ("實", "実"),
            ("學", "学"),
            ("榮一", "栄一"),
            ("惠子", "恵子"),
        ] {
            assert_eq!(fold(old), new, "{old}");
        }
    }

    #[test]
    fn company_forms_spelt_out_not_dropped() {
        assert_eq!(fold("㈱青葉商事"), fold("株式会社青葉商事"));
        assert_eq!(fold("(株)青葉商事"), "株式会社青葉商事");
        assert_eq!(fold("（株）青葉商事"), "株式会社青葉商事");
        assert_eq!(fold("青葉商事㈱"), "青葉商事株式会社");
        assert_eq!(fold("㈲ほしかわ"), "有限会社ホシカワ");
        assert_eq!(
            fold_compact("(株) 青葉商事"),
            fold_compact("株式会社　青葉商事")
        );
        assert_eq!(fold("Aoba Shoji Co., Ltd."), "aoba shoji co., ltd.");
    }

    #[test]
    fn dashes_and_long_vowels() {
        assert_eq!(fold("メール"), fold("ﾒｰﾙ"));
        assert_eq!(fold("メ－ル"), "メール");
        assert_eq!(fold("メ―ル"), "メール");
        assert_eq!(fold("メ‐ル"), "メール");
        assert_eq!(fold("aoba－shoji"), "aoba-shoji");
        assert_eq!(fold("03−1234−5678"), "03-1234-5678");
    }

    #[test]
    fn hidden_characters_do_not_split_words() {
        assert_eq!(fold_compact("社\u{200B}長"), "社長");
        assert_eq!(fold_compact("至\u{FEFF}急"), "至急");
        assert_eq!(fold("葛\u{E0100}飾"), "葛飾");
    }
}
