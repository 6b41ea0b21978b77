//! Escaping text for the two places hoshi writes it into markup or addresses: HTML (the few
//! fragments built in code, such as SVG charts) and URLs (query values, `next=` paths, the
//! `otpauth://` URI). One implementation each, used by every crate. Also [`fold_name`], the
//! normaliser names and phrases are compared in (widths, kana, old kanji forms, ㈱).

/// Escapes text for HTML element content and attribute values.
/// Full-width digits, point, comma and space (as Japanese input methods type them) as their ASCII
/// forms; everything else unchanged. Numeric fields and codes read input through this.
pub fn half_width_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            '，' => ',',
            '\u{3000}' => ' ',
            c => c,
        })
        .collect()
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// Percent-encodes every byte except RFC 3986's unreserved characters (`A–Z a–z 0–9 - . _ ~`)
/// and the bytes in `keep` (e.g. `b"/"` for a path).
pub fn percent_encode(s: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') || keep.contains(&b)
        {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Text folded for comparing names and phrases, whichever way they were typed:
///
/// - full-width ASCII as ASCII (`ＬＩＮＥ` → `line`), letters in lower case;
/// - half-width katakana as full-width, with the voiced marks joined (`ｶﾞ` → `ガ`), and
///   hiragana as katakana (`らいん` → `ライン`);
/// - every run of white space (the ideographic space too) as one space, none at either end; the
///   middle dot (`・`, `･`) counts as a space (`ジョン・スミス` → `ジョン スミス`); zero-width
///   characters, soft hyphens and variation selectors are dropped;
/// - the long-vowel mark and the dashes (`ー－―‐‑–—−-`) as one character: `ー` after katakana,
///   `-` anywhere else (so `ﾕｰｻﾞｰ`, `ゆーざー` and `ユ-ザ-` fold alike, and `e-mail` stays);
/// - old and variant kanji forms as the common ones (`髙` → `高`, `﨑` → `崎`, `邊` → `辺`,
///   `齋` → `斎` …), for comparing names rather than for display;
/// - circled numbers as digits (`①` → `1`), and the bracketed or squared company forms spelt
///   out (`㈱`, `(株)`, `（株）`, `㍿` → `株式会社`; `㈲` → `有限会社` …). Company forms are kept:
///   whether to drop them is the caller's decision.
pub fn fold_name(s: &str) -> String {
    let mut f = Folder {
        out: String::with_capacity(s.len()),
        space: false,
    };
    for c in s.chars() {
        f.push(c);
    }
    let mut out = f.out;
    if out.contains('(') {
        for (short, long) in COMPANY_FORMS {
            if out.contains(short) {
                out = out.replace(short, long);
            }
        }
    }
    out
}

/// Company forms written in brackets, after width folding, and what they stand for.
const COMPANY_FORMS: [(&str, &str); 16] = [
    ("(株)", "株式会社"),
    ("(有)", "有限会社"),
    ("(合)", "合同会社"),
    ("(名)", "合名会社"),
    ("(資)", "合資会社"),
    ("(社)", "社団法人"),
    ("(財)", "財団法人"),
    ("(一社)", "一般社団法人"),
    ("(一財)", "一般財団法人"),
    ("(公社)", "公益社団法人"),
    ("(公財)", "公益財団法人"),
    ("(医)", "医療法人"),
    ("(学)", "学校法人"),
    ("(福)", "社会福祉法人"),
    ("(特非)", "特定非営利活動法人"),
    ("(独)", "独立行政法人"),
];

/// What one input character becomes.
enum Folded {
    Char(char),
    Space,
    Drop,
    /// A voiced (1) or semi-voiced (2) mark, joined to the katakana before it.
    Voice(u8),
    Dash,
    Number(u32),
    Text(&'static str),
}

/// Half-width katakana U+FF66..=U+FF9D as full-width.
const HALF_WIDTH_KANA: [char; 56] = [
    'ヲ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ャ', 'ュ', 'ョ', 'ッ', 'ー', 'ア', 'イ', 'ウ', 'エ', 'オ',
    'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ', 'ソ', 'タ', 'チ', 'ツ', 'テ', 'ト', 'ナ',
    'ニ', 'ヌ', 'ネ', 'ノ', 'ハ', 'ヒ', 'フ', 'ヘ', 'ホ', 'マ', 'ミ', 'ム', 'メ', 'モ', 'ヤ', 'ユ',
    'ヨ', 'ラ', 'リ', 'ル', 'レ', 'ロ', 'ワ', 'ン',
];

fn fold_char(c: char) -> Folded {
    let u = c as u32;
    match c {
        '\u{FF01}'..='\u{FF5E}' => fold_char(char::from_u32(u - 0xFEE0).unwrap_or(c)),
        '\u{FF66}'..='\u{FF9D}' => Folded::Char(HALF_WIDTH_KANA[(u - 0xFF66) as usize]),
        '\u{FF61}' => Folded::Char('。'),
        '\u{FF62}' => Folded::Char('「'),
        '\u{FF63}' => Folded::Char('」'),
        '\u{FF64}' => Folded::Char('、'),
        '\u{FFE5}' => Folded::Char('¥'),
        '\u{FF9E}' | '\u{309B}' | '\u{3099}' => Folded::Voice(1),
        '\u{FF9F}' | '\u{309C}' | '\u{309A}' => Folded::Voice(2),
        '\u{3041}'..='\u{3096}' | '\u{309D}' | '\u{309E}' => {
            Folded::Char(char::from_u32(u + 0x60).unwrap_or(c))
        }
        '・' | '\u{FF65}' => Folded::Space,
        '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '⁃' | '−' | '﹣' | 'ー' => {
            Folded::Dash
        }
        '〜' => Folded::Char('~'),
        '“' | '”' => Folded::Char('"'),
        '‘' | '’' => Folded::Char('\''),
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Folded::Drop,
        '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' => Folded::Drop,
        '①'..='⑳' => Folded::Number(u - 0x2460 + 1),
        '⓪' => Folded::Number(0),
        '\u{3251}'..='\u{325F}' => Folded::Number(u - 0x3251 + 21),
        '\u{32B1}'..='\u{32BF}' => Folded::Number(u - 0x32B1 + 36),
        '❶'..='❿' => Folded::Number(u - 0x2776 + 1),
        '➀'..='➉' => Folded::Number(u - 0x2780 + 1),
        '➊'..='➓' => Folded::Number(u - 0x278A + 1),
        '㈱' | '㊑' | '㍿' => Folded::Text("株式会社"),
        '㈲' | '㊒' => Folded::Text("有限会社"),
        '㈳' | '㊓' => Folded::Text("社団法人"),
        '㈴' | '㊔' => Folded::Text("合名会社"),
        '㈾' => Folded::Text("合資会社"),
        '㈶' | '㊖' => Folded::Text("財団法人"),
        c if c.is_whitespace() => Folded::Space,
        c if u >= 0x4E00 => Folded::Char(modern_form(c).unwrap_or(c)),
        c => Folded::Char(c),
    }
}

/// The output being built and whether a space is due before the next character.
struct Folder {
    out: String,
    space: bool,
}

impl Folder {
    fn push(&mut self, c: char) {
        match fold_char(c) {
            Folded::Char(c) => self.put(c),
            Folded::Space => self.space = !self.out.is_empty(),
            Folded::Drop => {}
            Folded::Voice(mark) => self.voice(mark),
            Folded::Dash => {
                let after_kana =
                    !self.space && self.out.chars().next_back().is_some_and(is_katakana);
                self.put(if after_kana { 'ー' } else { '-' });
            }
            Folded::Number(n) => {
                for d in n.to_string().chars() {
                    self.put(d);
                }
            }
            Folded::Text(t) => t.chars().for_each(|c| self.put(c)),
        }
    }

    fn put(&mut self, c: char) {
        if self.space {
            self.out.push(' ');
            self.space = false;
        }
        if c.is_ascii() {
            self.out.push(c.to_ascii_lowercase());
        } else if c.is_uppercase() {
            self.out.extend(c.to_lowercase());
        } else {
            self.out.push(c);
        }
    }

    /// Joins a voiced (1) or semi-voiced (2) mark to the katakana before it; a mark after
    /// anything else is dropped.
    fn voice(&mut self, mark: u8) {
        if self.space {
            return;
        }
        let Some(last) = self.out.chars().next_back() else {
            return;
        };
        let b = last as u32;
        let joined = match (b, mark) {
            (0x30CF | 0x30D2 | 0x30D5 | 0x30D8 | 0x30DB, 1) => b + 1,
            (0x30CF | 0x30D2 | 0x30D5 | 0x30D8 | 0x30DB, _) => b + 2,
            (_, 2) => return,
            (0x30A6, _) => 0x30F4,
            (0x30AB..=0x30C1, _) if (b - 0x30AB).is_multiple_of(2) => b + 1,
            (0x30C4 | 0x30C6 | 0x30C8, _) => b + 1,
            (0x30EF..=0x30F2, _) => b + 8,
            (0x30FD, _) => 0x30FE,
            _ => return,
        };
        if let Some(j) = char::from_u32(joined) {
            self.out.pop();
            self.out.push(j);
        }
    }
}

fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | '\u{30FC}'..='\u{30FE}')
}

/// Old, traditional and variant kanji (and CJK compatibility ideographs) with the forms names
/// are usually compared in: pairs of old and common form, separated by spaces.
const OLD_FORMS: &str = "\
乘乗 亂乱 亞亜 佛仏 來来 假仮 傳伝 僞偽 價価 儉倹 兒児 兩両 冨富 凜凛 剩剰 劍剣 劑剤 勞労 勳勲 勵励 \
勸勧 區区 卷巻 卽即 參参 嚴厳 囑嘱 圈圏 國国 圍囲 圓円 圖図 團団 堯尭 增増 墮堕 壓圧 壘塁 壤壌 壯壮 \
壹壱 壽寿 奧奥 奬奨 孃嬢 學学 寢寝 實実 寫写 寬寛 寶宝 將将 專専 對対 屆届 屬属 峯峰 峽峡 嵜崎 嶋島 \
嶌島 嶽岳 巢巣 帶帯 廢廃 廣広 廳庁 彈弾 彌弥 徑径 從従 德徳 恆恒 悳徳 惠恵 惡悪 惱悩 愼慎 慘惨 應応 \
戀恋 戰戦 戲戯 拂払 拔抜 拜拝 插挿 搖揺 搜捜 摑掴 擇択 擔担 據拠 擧挙 擴拡 攝摂 收収 效効 敍叙 數数 \
斉斎 斷断 晉晋 晝昼 曉暁 曻昇 會会 條条 棧桟 榮栄 槇槙 槪概 樂楽 樓楼 樞枢 樣様 橫横 檢検 櫻桜 權権 \
歐欧 歡歓 步歩 歸帰 殘残 每毎 氣気 沒没 淨浄 淸清 淺浅 渕淵 溪渓 溫温 滯滞 滿満 潛潜 澁渋 澤沢 濕湿 \
濟済 濱浜 濵浜 瀧滝 灣湾 燈灯 燒焼 營営 爐炉 爭争 爲為 狹狭 獨独 獵猟 獸獣 獻献 瑤瑶 瓣弁 甁瓶 畫画 \
當当 疊畳 發発 盜盗 盡尽 眞真 碎砕 祕秘 禪禅 禮礼 稱称 穩穏 竊窃 竝並 粹粋 絲糸 經経 綠緑 縣県 縱縦 \
總総 繪絵 繼継 續続 纖繊 缺欠 聲声 聽聴 肅粛 腦脳 膽胆 臟臓 臺台 與与 舊旧 舍舎 舖舗 舘館 莊荘 莖茎 \
萬万 藏蔵 藝芸 藥薬 處処 號号 蟲虫 蠶蚕 蠻蛮 衞衛 裝装 覺覚 覽覧 觀観 觸触 謠謡 證証 譯訳 譽誉 讀読 \
變変 讓譲 豐豊 豫予 貳弐 賣売 賴頼 贊賛 踐践 輕軽 轉転 辨弁 辭辞 辯弁 遙遥 遞逓 遲遅 邉辺 邊辺 醉酔 \
醫医 釀醸 釋釈 錄録 錢銭 鎭鎮 鐵鉄 鑄鋳 關関 隨随 險険 雙双 雜雑 霸覇 靈霊 靏鶴 靜静 顯顕 飜翻 餘余 \
騷騒 驅駆 驗験 驛駅 髓髄 體体 髙高 髮髪 鬭闘 鷗鴎 鹽塩 麥麦 黃黄 黑黒 默黙 點点 黨党 齊斎 齋斎 齒歯 \
齡齢 龍竜 \u{F9DC}隆 \u{FA10}塚 \u{FA11}崎 \u{FA12}晴 \u{FA15}凞 \u{FA16}猪 \u{FA17}益 \u{FA18}礼 \u{FA19}神 \u{FA1A}祥 \u{FA1B}福 \u{FA1C}靖 \u{FA1D}精 \u{FA1E}羽 \u{FA20}蘒 \u{FA22}諸 \u{FA26}都 \u{FA2A}飯 \
\u{FA30}侮 \u{FA31}僧 \u{FA32}免 \u{FA33}勉 \u{FA34}勤 \u{FA35}卑 \u{FA36}喝 \u{FA37}嘆 \u{FA38}器 \u{FA39}塀 \u{FA3A}墨 \u{FA3B}層 \u{FA3C}屮 \u{FA3D}悔 \u{FA3E}慨 \u{FA3F}憎 \u{FA40}懲 \u{FA41}敏 \u{FA42}既 \u{FA43}暑 \
\u{FA44}梅 \u{FA45}海 \u{FA46}渚 \u{FA47}漢 \u{FA48}煮 \u{FA49}爫 \u{FA4A}琢 \u{FA4B}碑 \u{FA4C}社 \u{FA4D}祉 \u{FA4E}祈 \u{FA4F}祐 \u{FA50}祖 \u{FA51}祝 \u{FA52}禍 \u{FA53}禎 \u{FA54}穀 \u{FA55}突 \u{FA56}節 \u{FA57}練 \
\u{FA58}縉 \u{FA59}繁 \u{FA5A}署 \u{FA5B}者 \u{FA5C}臭 \u{FA5D}艹 \u{FA5E}艹 \u{FA5F}著 \u{FA60}褐 \u{FA61}視 \u{FA62}謁 \u{FA63}謹 \u{FA64}賓 \u{FA65}贈 \u{FA66}辶 \u{FA67}逸 \u{FA68}難 \u{FA69}響 \u{FA6A}頻 \u{20BB7}吉";

/// The common form of an old or variant kanji.
fn modern_form(c: char) -> Option<char> {
    use std::collections::HashMap;
    use std::sync::OnceLock;
    static MAP: OnceLock<HashMap<char, char>> = OnceLock::new();
    MAP.get_or_init(|| {
        OLD_FORMS
            .split_whitespace()
            .filter_map(|pair| {
                let mut chars = pair.chars();
                Some((chars.next()?, chars.next()?))
            })
            .collect()
    })
    .get(&c)
    .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_read_as_ascii() {
        assert_eq!(
            half_width_digits("１２３，４５６．７\u{3000}日"),
            "123,456.7 日"
        );
    }

    #[test]
    fn html_special_characters() {
        assert_eq!(
            escape_html(r#"<a href="x">&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(escape_html("株式会社"), "株式会社");
    }

    #[test]
    fn percent_encoding_keeps_unreserved_and_asked_for() {
        assert_eq!(percent_encode("a b/c~", b""), "a%20b%2Fc~");
        assert_eq!(percent_encode("/o/1?x=2", b"/"), "/o/1%3Fx%3D2");
        assert_eq!(percent_encode("山", b""), "%E5%B1%B1");
        assert_eq!(percent_encode("\t\r\n", b"/"), "%09%0D%0A");
    }
}

#[cfg(test)]
mod fold_tests {
    use super::*;

    #[test]
    fn old_forms_are_pairs_and_final() {
        let pairs: Vec<Vec<char>> = OLD_FORMS
            .split_whitespace()
            .map(|p| p.chars().collect())
            .collect();
        assert!(pairs.len() > 300);
        for p in &pairs {
            assert_eq!(p.len(), 2, "{p:?}");
            assert_ne!(p[0], p[1]);
            assert_eq!(modern_form(p[1]), None, "{p:?} maps to an old form");
            assert_eq!(modern_form(p[0]), Some(p[1]));
        }
    }

    #[test]
    fn names_fold_alike() {
        assert_eq!(fold_name("ＬＩＮＥ"), "line");
        assert_eq!(fold_name("ﾗｲﾝ"), fold_name("らいん"));
        assert_eq!(fold_name("ﾗｲﾝ"), "ライン");
        assert_eq!(fold_name("髙橋　健一"), fold_name("高橋 健一"));
        assert_eq!(fold_name("  渡邉\t\n 澤田 "), "渡辺 沢田");
        assert_eq!(fold_name("㈱青葉商事"), fold_name("株式会社青葉商事"));
        assert_eq!(fold_name("（株）青葉商事"), "株式会社青葉商事");
        assert_eq!(fold_name("ﾕｰｻﾞｰ"), "ユーザー");
        assert_eq!(fold_name("ゆ－ざ―"), "ユーザー");
        assert_eq!(fold_name("E‐Mail"), "e-mail");
        assert_eq!(fold_name("ｶﾞｷﾞｸﾞｹﾞｺﾞﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟｳﾞ"), "ガギグゲゴパピプペポヴ");
        assert_eq!(fold_name("か\u{3099}"), "ガ");
        assert_eq!(fold_name("社\u{200B}長"), "社長");
        assert_eq!(fold_name("ジョン・スミス"), "ジョン スミス");
        assert_eq!(fold_name("①②⑳"), "1220");
        assert_eq!(fold_name("\u{FA11}"), "崎");
        assert_eq!(fold_name("𠮷野"), "吉野");
        assert_eq!(fold_name("Ä"), "ä");
    }
}
