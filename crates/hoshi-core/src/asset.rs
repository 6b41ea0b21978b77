//! The asset register (SCS 3-1-1-1, 3-1-1-2, 3-1-2-2): what a company runs — PCs, servers,
//! network devices, smart devices, cloud services — with maker, model, OS or firmware and its
//! version, who is responsible, where it is, who maintains it and until when the maker supports
//! it (4-4-4-1). One entry is an [`AssetInput`]; [`AssetInput::validate`] is the one check for
//! the browser form, the spreadsheet import and the command line.

use crate::UserError;
use crate::model::Lang;

/// What kind of thing an asset is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AssetKind {
    Pc,
    Server,
    Virtual,
    Network,
    Smart,
    Cloud,
    Other,
}

impl AssetKind {
    pub const ALL: [AssetKind; 7] = [
        AssetKind::Pc,
        AssetKind::Server,
        AssetKind::Virtual,
        AssetKind::Network,
        AssetKind::Smart,
        AssetKind::Cloud,
        AssetKind::Other,
    ];

    /// The stable code stored and used in forms and JSON.
    pub fn code(self) -> &'static str {
        match self {
            AssetKind::Pc => "pc",
            AssetKind::Server => "server",
            AssetKind::Virtual => "virtual",
            AssetKind::Network => "network",
            AssetKind::Smart => "smart",
            AssetKind::Cloud => "cloud",
            AssetKind::Other => "other",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let (ja, en) = match self {
            AssetKind::Pc => ("PC", "PC"),
            AssetKind::Server => ("サーバー", "Server"),
            AssetKind::Virtual => ("仮想サーバー", "Virtual host"),
            AssetKind::Network => ("ネットワーク機器", "Network device"),
            AssetKind::Smart => ("スマートデバイス", "Smart device"),
            AssetKind::Cloud => ("クラウドサービス", "Cloud service"),
            AssetKind::Other => ("その他", "Other"),
        };
        match lang {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }

    /// Reads a code or a label as people write it in a spreadsheet, in either language,
    /// full-width or half-width, with or without the long-vowel mark (`サーバ`/`サーバー`).
    pub fn parse(s: &str) -> Option<AssetKind> {
        let k = fold(s);
        let k = k.trim_end_matches('ー');
        let kind = match k {
            "pc"
            | "パソコン"
            | "pc(パソコン)"
            | "パソコン(pc)"
            | "desktop"
            | "laptop"
            | "ノートpc"
            | "デスクトップpc"
            | "ノートパソコン"
            | "デスクトップ"
            | "端末" => AssetKind::Pc,
            "server" | "サーバ" | "物理サーバ" => AssetKind::Server,
            "virtual" | "virtualhost" | "vm" | "仮想サーバ" | "仮想マシン" | "仮想ホスト" => {
                AssetKind::Virtual
            }
            "network"
            | "networkdevice"
            | "ネットワーク機器"
            | "nw機器"
            | "ネットワーク"
            | "ルータ"
            | "ufw"
            | "utm"
            | "vpn装置"
            | "ファイアウォール" => AssetKind::Network,
            "smart"
            | "smartdevice"
            | "スマートデバイス"
            | "スマートフォン"
            | "スマホ"
            | "タブレット"
            | "携帯電話" => AssetKind::Smart,
            "cloud" | "cloudservice" | "saas" | "クラウドサービス" | "クラウド" => {
                AssetKind::Cloud
            }
            "other" | "その他" | "その他機器" => AssetKind::Other,
            _ => return None,
        };
        Some(kind)
    }

    pub fn from_code(s: &str) -> Option<AssetKind> {
        AssetKind::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// Lowercase, no spaces, full-width ASCII as half-width: how kinds and headers are compared.
pub fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '・' && *c != '･')
        .map(|c| match c {
            '！'..='～' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Limits of the text fields (characters).
pub const MAX_TAG: usize = 64;
pub const MAX_FIELD: usize = 200;
pub const MAX_NOTES: usize = 2_000;
pub const MAX_CPE: usize = 500;

/// One entry of the register, as typed (trimmed by [`AssetInput::normalised`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AssetInput {
    /// The company's own asset number (管理番号), unique in the organisation.
    pub tag: String,
    /// An [`AssetKind`] code.
    pub kind: String,
    pub name: String,
    pub maker: String,
    pub model: String,
    /// Operating system or firmware (`Windows 11 Pro`, `FortiOS`).
    pub os: String,
    pub version: String,
    /// CPE 2.3 formatted string, when the company knows it.
    pub cpe: String,
    /// The person responsible (管理責任者).
    pub owner: String,
    pub location: String,
    /// Who maintains it (保守担当: a department or a vendor).
    pub maintainer: String,
    /// `YYYY-MM-DD`, or empty.
    pub support_end: String,
    pub notes: String,
}

impl AssetInput {
    /// The same entry with every field trimmed and dates written as `YYYY-MM-DD`
    /// (`2027/3/31` and `2027年3月31日` are read too).
    pub fn normalised(mut self) -> AssetInput {
        for f in [
            &mut self.tag,
            &mut self.kind,
            &mut self.name,
            &mut self.maker,
            &mut self.model,
            &mut self.os,
            &mut self.version,
            &mut self.cpe,
            &mut self.owner,
            &mut self.location,
            &mut self.maintainer,
            &mut self.support_end,
            &mut self.notes,
        ] {
            *f = f.trim().to_string();
        }
        if let Some(k) = AssetKind::parse(&self.kind) {
            self.kind = k.code().to_string();
        }
        if let Some(d) = loose_date(&self.support_end) {
            self.support_end = d;
        }
        self
    }

    /// Checks a normalised entry: the first problem, tied to its field.
    pub fn validate(&self) -> Result<(), UserError> {
        if self.tag.is_empty() {
            return Err(UserError::AssetTagMissing);
        }
        if self.name.is_empty() {
            return Err(UserError::AssetNameMissing);
        }
        if AssetKind::from_code(&self.kind).is_none() {
            return Err(UserError::AssetKindUnknown {
                kind: self.kind.chars().take(40).collect(),
            });
        }
        let limits: [(&'static str, &str, usize); 12] = [
            ("tag", &self.tag, MAX_TAG),
            ("name", &self.name, MAX_FIELD),
            ("maker", &self.maker, MAX_FIELD),
            ("model", &self.model, MAX_FIELD),
            ("os", &self.os, MAX_FIELD),
            ("version", &self.version, MAX_FIELD),
            ("cpe", &self.cpe, MAX_CPE),
            ("owner", &self.owner, MAX_FIELD),
            ("location", &self.location, MAX_FIELD),
            ("maintainer", &self.maintainer, MAX_FIELD),
            ("support_end", &self.support_end, 10),
            ("notes", &self.notes, MAX_NOTES),
        ];
        for (field, value, max) in limits {
            if value.chars().count() > max {
                return Err(UserError::TooLong { field, max });
            }
        }
        if self.tag.chars().any(char::is_control) {
            return Err(UserError::AssetTagMissing);
        }
        if !self.support_end.is_empty() && crate::time::parse_date(&self.support_end).is_none() {
            return Err(UserError::AssetDateBad {
                value: self.support_end.clone(),
            });
        }
        if !self.cpe.is_empty() && !cpe_ok(&self.cpe) {
            return Err(UserError::AssetCpeBad {
                cpe: self.cpe.chars().take(80).collect(),
            });
        }
        Ok(())
    }

    /// Whether the maker's support has ended on `today` (`YYYY-MM-DD`).
    pub fn support_ended(&self, today: &str) -> bool {
        support_ended(&self.support_end, today)
    }
}

/// Whether a support end date (`YYYY-MM-DD`, may be empty) lies before `today`.
pub fn support_ended(support_end: &str, today: &str) -> bool {
    !support_end.is_empty() && support_end < today
}

/// A CPE 2.3 formatted string: `cpe:2.3:` then part (a, o, h) and ten more fields, colons
/// inside a field escaped with `\`.
pub fn cpe_ok(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("cpe:2.3:") else {
        return false;
    };
    let mut fields = 1;
    let mut escaped = false;
    for c in rest.chars() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == ':' {
            fields += 1;
        } else if c.is_whitespace() || c.is_control() {
            return false;
        }
    }
    fields == 11 && matches!(rest.as_bytes().first(), Some(b'a' | b'o' | b'h'))
}

/// `2027-03-31`, `2027/3/31`, `2027.3.31`, `2027年3月31日` (full-width digits too) as
/// `YYYY-MM-DD` when the day exists.
pub fn loose_date(s: &str) -> Option<String> {
    let s = crate::text::half_width_digits(s.trim());
    let parts: Vec<&str> = s
        .trim_end_matches('日')
        .split(['-', '/', '.', '年', '月'])
        .collect();
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let num = |p: &str, max: usize| -> Option<i64> {
        (!p.is_empty() && p.len() <= max && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())?
    };
    let (y, m, d) = (num(y, 4)?, num(m, 2)?, num(d, 2)?);
    if y < 1000 {
        return None;
    }
    let out = format!("{y:04}-{m:02}-{d:02}");
    crate::time::parse_date(&out).map(|_| out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asset() -> AssetInput {
        AssetInput {
            tag: "NW-001".into(),
            kind: "ネットワーク機器".into(),
            name: "本社 VPN 装置".into(),
            maker: "Fortinet".into(),
            os: "FortiOS".into(),
            version: "7.2.8".into(),
            support_end: "2027/3/31".into(),
            ..AssetInput::default()
        }
        .normalised()
    }

    #[test]
    fn kinds_are_read_as_people_write_them() {
        for (typed, kind) in [
            ("PC", AssetKind::Pc),
            ("ｐｃ", AssetKind::Pc),
            ("ノートPC", AssetKind::Pc),
            ("サーバ", AssetKind::Server),
            ("サーバー", AssetKind::Server),
            ("仮想サーバー", AssetKind::Virtual),
            ("ネットワーク機器", AssetKind::Network),
            ("Network device", AssetKind::Network),
            ("スマートフォン", AssetKind::Smart),
            ("クラウドサービス", AssetKind::Cloud),
            ("SaaS", AssetKind::Cloud),
            ("その他", AssetKind::Other),
        ] {
            assert_eq!(AssetKind::parse(typed), Some(kind), "{typed}");
        }
        assert_eq!(AssetKind::parse("冷蔵庫"), None);
        for k in AssetKind::ALL {
            assert_eq!(AssetKind::parse(k.code()), Some(k));
            assert_eq!(AssetKind::parse(k.label(Lang::Ja)), Some(k));
            assert_eq!(AssetKind::parse(k.label(Lang::En)), Some(k));
        }
    }

    #[test]
    fn an_entry_is_normalised_and_checked_field_by_field() {
        let a = asset();
        assert_eq!(a.kind, "network");
        assert_eq!(a.support_end, "2027-03-31");
        assert_eq!(a.validate(), Ok(()));
        assert!(a.support_ended("2027-04-01"));
        assert!(!a.support_ended("2027-03-31"));

        let missing = AssetInput {
            tag: " ".into(),
            ..asset()
        }
        .normalised();
        assert_eq!(missing.validate(), Err(UserError::AssetTagMissing));
        let bad_kind = AssetInput {
            kind: "冷蔵庫".into(),
            ..asset()
        }
        .normalised();
        assert_eq!(
            bad_kind.validate(),
            Err(UserError::AssetKindUnknown {
                kind: "冷蔵庫".into()
            })
        );
        let bad_date = AssetInput {
            support_end: "2027-02-30".into(),
            ..asset()
        }
        .normalised();
        assert_eq!(
            bad_date.validate(),
            Err(UserError::AssetDateBad {
                value: "2027-02-30".into()
            })
        );
        let long = AssetInput {
            model: "x".repeat(201),
            ..asset()
        };
        assert_eq!(
            long.validate(),
            Err(UserError::TooLong {
                field: "model",
                max: 200
            })
        );
    }

    #[test]
    fn dates_and_cpes() {
        assert_eq!(loose_date("2027年３月31日").as_deref(), Some("2027-03-31"));
        assert_eq!(loose_date("2027.12.1").as_deref(), Some("2027-12-01"));
        assert_eq!(loose_date("27/3/31"), None);
        assert_eq!(loose_date("2027-13-01"), None);
        assert!(cpe_ok("cpe:2.3:o:fortinet:fortios:7.2.8:*:*:*:*:*:*:*"));
        assert!(cpe_ok("cpe:2.3:a:microsoft:office:2019:*:*:*:*:*:x64:*"));
        assert!(cpe_ok(r"cpe:2.3:a:vendor:pro\:duct:1:*:*:*:*:*:*:*"));
        assert!(!cpe_ok("cpe:/o:fortinet:fortios:7.2.8"));
        assert!(!cpe_ok("cpe:2.3:x:fortinet:fortios:7.2.8:*:*:*:*:*:*:*"));
        assert!(!cpe_ok("cpe:2.3:o:fortinet:fortios:7.2.8"));
    }
}
