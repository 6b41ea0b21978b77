//! The network appliances hoshi knows by name: one table tying together hoshi-scan's product
//! ids (`crates/hoshi-scan/data/appliance-vulns.toml`), the ways an asset register writes their
//! maker and product (`Fortinet` / `フォーティネット`, `FortiOS` / `FortiGate 60F`), and the CPE
//! names NVD's records give them — so that an asset row "Palo Alto Networks / PA-440 / 10.2.9-h1"
//! becomes the CPE `cpe:2.3:o:paloaltonetworks:pan-os:10.2.9:h1:*:*:*:*:*:*`.
//!
//! The CPE (part, vendor, product) of every entry is copied from the `criteria` of real NVD
//! records (the fixtures in `tests/data/nvd`, named in [`Appliance::cpe_records`]); where NVD
//! splits a product in two (NetScaler ADC and NetScaler Gateway, one firmware CPE per SMA model)
//! all of them are listed.
//!
//! Versions are written the way those records write them ([`VersionForm`]): PAN-OS puts the
//! hotfix in CPE's *update* field (`10.2.9` + `h1`, a release without hotfix `10.2.9` + `-`),
//! Ivanti the R-release (`22.7` + `r2.3`, a bare `22.2` + `-`); NetScaler keeps release and build
//! together (`13.1-49.13`), Cisco ASA is dotted (`9.16.4.48` for Cisco's `9.16(4)48`); FortiOS,
//! SonicOS and SMA firmware are one version string (`7.2.8`, `7.0.1-5035`, `10.2.1.9-57sv`).

use std::fmt::Write as _;

/// How NVD's CPE names write an appliance's version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionForm {
    /// The whole version in the version field, update `*` (FortiOS `7.2.8`, SonicOS
    /// `7.0.1-5035`, SMA `10.2.1.9-57sv`).
    Plain,
    /// PAN-OS: `10.2.9-h1` is version `10.2.9`, update `h1`; `10.2.9` is update `-`.
    Hotfix,
    /// Ivanti Connect Secure: `22.7R2.3` is version `22.7`, update `r2.3`; `22.2` is update `-`.
    Release,
    /// NetScaler: release and build as `13.1-49.13` (also read from `NS13.1 Build 49.13`).
    Build,
    /// Cisco ASA: dotted, `9.16(4)48` is `9.16.4.48`.
    Train,
}

/// One appliance product.
#[derive(Debug, PartialEq, Eq)]
pub struct Appliance {
    /// hoshi-scan's product id (`appliance-vulns.toml`'s `product`, `fingerprints.toml`'s `vulns`).
    pub id: &'static str,
    /// The maker and product as hoshi writes them.
    pub maker: &'static str,
    pub product: &'static str,
    /// NVD's CPE names of the product: (part, vendor, product).
    pub cpes: &'static [(&'static str, &'static str, &'static str)],
    /// The NVD records (in `tests/data/nvd`) whose criteria the CPE names were copied from.
    pub cpe_records: &'static [&'static str],
    pub version_form: VersionForm,
    /// How registers write the maker: current and former names, katakana. A maker matches when
    /// it begins with one of these (so `Fortinet Japan G.K.` and `シスコシステムズ合同会社` do).
    pub makers: &'static [&'static str],
    /// Product names recognised with or without a maker.
    pub products: &'static [&'static str],
    /// Short product names (`ASA`, `ICS`, `ADC`) recognised only with one of [`Self::makers`].
    pub short_products: &'static [&'static str],
    /// Hardware model prefixes, followed by a digit (`FortiGate 60F`, `PA-440`, `TZ370`); a
    /// prefix shorter than five letters needs one of [`Self::makers`].
    pub models: &'static [&'static str],
}

const SONICWALL: &[&str] = &["SonicWall", "Dell SonicWALL", "ソニックウォール"];

/// Every appliance hoshi knows, in hoshi-scan's order.
pub static APPLIANCES: &[Appliance] = &[
    Appliance {
        id: "fortinet-fortios",
        maker: "Fortinet",
        product: "FortiOS",
        cpes: &[("o", "fortinet", "fortios")],
        cpe_records: &["CVE-2022-42475", "CVE-2024-21762"],
        version_form: VersionForm::Plain,
        makers: &["Fortinet", "フォーティネット"],
        products: &[
            "FortiOS",
            "FortiGate",
            "FortiGate VM",
            "FortiWiFi",
            "フォーティゲート",
        ],
        short_products: &[],
        models: &["FortiGate", "FortiGate VM", "FortiWiFi", "FG", "FGT", "FWF"],
    },
    Appliance {
        id: "ivanti-connect-secure",
        maker: "Ivanti",
        product: "Connect Secure",
        cpes: &[("a", "ivanti", "connect_secure")],
        cpe_records: &["CVE-2023-46805", "CVE-2024-21887", "CVE-2025-0282"],
        version_form: VersionForm::Release,
        makers: &[
            "Ivanti",
            "イヴァンティ",
            "アイヴァンティ",
            "Pulse Secure",
            "パルスセキュア",
        ],
        products: &[
            "Connect Secure",
            "Ivanti Connect Secure",
            "Pulse Connect Secure",
            "コネクトセキュア",
        ],
        short_products: &["ICS", "PCS"],
        models: &[],
    },
    Appliance {
        id: "paloalto-panos",
        maker: "Palo Alto Networks",
        product: "PAN-OS",
        cpes: &[("o", "paloaltonetworks", "pan-os")],
        cpe_records: &["CVE-2024-3400"],
        version_form: VersionForm::Hotfix,
        makers: &[
            "Palo Alto Networks",
            "Palo Alto",
            "パロアルトネットワークス",
            "パロアルト",
        ],
        products: &["PAN-OS"],
        short_products: &["NGFW", "Next-Generation Firewall", "次世代ファイアウォール"],
        models: &["PA", "VM"],
    },
    Appliance {
        id: "citrix-netscaler",
        maker: "Citrix (Cloud Software Group)",
        product: "NetScaler ADC / NetScaler Gateway",
        cpes: &[
            ("a", "citrix", "netscaler_application_delivery_controller"),
            ("a", "citrix", "netscaler_gateway"),
        ],
        cpe_records: &["CVE-2023-4966"],
        version_form: VersionForm::Build,
        makers: &[
            "Citrix",
            "シトリックス",
            "Cloud Software Group",
            "クラウドソフトウェアグループ",
            "NetScaler",
        ],
        products: &[
            "NetScaler",
            "NetScaler ADC",
            "NetScaler Gateway",
            "Citrix ADC",
            "Citrix Gateway",
            "Citrix NetScaler",
            "Citrix NetScaler ADC",
            "Citrix NetScaler Gateway",
            "NetScaler Application Delivery Controller",
            "ネットスケーラー",
        ],
        short_products: &["ADC", "Gateway", "Application Delivery Controller"],
        models: &["NetScaler MPX", "NetScaler VPX", "MPX", "VPX"],
    },
    Appliance {
        id: "cisco-asa",
        maker: "Cisco",
        product: "Adaptive Security Appliance (ASA) Software",
        cpes: &[("o", "cisco", "adaptive_security_appliance_software")],
        cpe_records: &["CVE-2020-3452"],
        version_form: VersionForm::Train,
        makers: &["Cisco", "シスコ"],
        products: &[
            "Adaptive Security Appliance",
            "Adaptive Security Appliance Software",
            "Cisco ASA",
            "Cisco Adaptive Security Appliance",
            "ASA Software",
        ],
        short_products: &["ASA", "ASAv"],
        models: &["ASA"],
    },
    Appliance {
        id: "sonicwall-sonicos",
        maker: "SonicWall",
        product: "SonicOS",
        cpes: &[("o", "sonicwall", "sonicos")],
        cpe_records: &["CVE-2024-40766"],
        version_form: VersionForm::Plain,
        makers: SONICWALL,
        products: &["SonicOS", "SonicOS Enhanced"],
        short_products: &[],
        models: &["TZ", "NSa", "NSsp", "NSv", "SOHO"],
    },
    Appliance {
        id: "sonicwall-sma100",
        maker: "SonicWall",
        product: "SMA 100 series",
        cpes: &[
            ("o", "sonicwall", "sma_200_firmware"),
            ("o", "sonicwall", "sma_210_firmware"),
            ("o", "sonicwall", "sma_400_firmware"),
            ("o", "sonicwall", "sma_410_firmware"),
            ("o", "sonicwall", "sma_500v_firmware"),
        ],
        cpe_records: &["CVE-2023-44221"],
        version_form: VersionForm::Plain,
        makers: SONICWALL,
        products: &[
            "SMA 100",
            "SMA 100 series",
            "Secure Mobile Access 100",
            "SMA 200",
            "SMA 210",
            "SMA 400",
            "SMA 410",
            "SMA 500v",
        ],
        short_products: &[],
        models: &[],
    },
];

/// The appliance with hoshi-scan's product id `id`.
pub fn by_scan_id(id: &str) -> Option<&'static Appliance> {
    APPLIANCES.iter().find(|a| a.id == id)
}

/// The appliance an asset register's maker and product (its OS/firmware or its model) name, if
/// hoshi knows it. Case, full/half width, spaces and punctuation do not count; katakana maker
/// names are known; a blank maker is allowed when the product name is distinctive
/// (`FortiGate 60F`, `PAN-OS`), not for short ones (`ASA`, `PA-440`).
pub fn recognise(maker: &str, product: &str) -> Option<&'static Appliance> {
    let m = fold(maker);
    let p = fold(product);
    if p.is_empty() {
        return None;
    }
    APPLIANCES.iter().find(|a| {
        let maker_known = !m.is_empty() && a.makers.iter().any(|x| m.starts_with(&fold(x)));
        if !m.is_empty() && !maker_known {
            return false;
        }
        // The product as written, and without the maker's name in front ("Cisco ASA 5516-X").
        let mut names = std::iter::once(p.as_str())
            .chain(a.makers.iter().filter_map(|x| p.strip_prefix(&fold(x))))
            .filter(|n| !n.is_empty());
        names.any(|n| {
            a.products.iter().any(|x| fold(x) == n)
                || (maker_known && a.short_products.iter().any(|x| fold(x) == n))
                || a.models.iter().any(|x| {
                    let x = fold(x);
                    (maker_known || x.chars().count() >= 5)
                        && n.strip_prefix(&x)
                            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
                })
        })
    })
}

/// The version and CPE update field NVD's records use for `version` of appliance `a` (see
/// [`VersionForm`]), in lower case as NVD writes them; `None` when `version` holds no version.
///
/// A leading `v` and anything after the version (`7.2.8 build1639 (GA)`) are dropped.
pub fn nvd_version(a: &Appliance, version: &str) -> Option<(String, String)> {
    let s = widen_fold(version).to_lowercase();
    let s = s.trim();
    let s = match s.strip_prefix('v') {
        Some(r) if r.starts_with(|c: char| c.is_ascii_digit()) => r,
        _ => s,
    };
    match a.version_form {
        VersionForm::Plain => Some((first_token(s)?.to_string(), "*".into())),
        VersionForm::Train => {
            let t = first_token(s)?;
            let dotted: Vec<&str> = t.split(['.', '(', ')']).filter(|p| !p.is_empty()).collect();
            Some((dotted.join("."), "*".into()))
        }
        VersionForm::Build => {
            let s = s.strip_prefix("ns").unwrap_or(s);
            let (release, rest) = split_number(s);
            if release.is_empty() {
                return None;
            }
            let rest = rest.trim_start_matches(['-', ' ', '_']);
            let rest = rest.strip_prefix("build").unwrap_or(rest);
            let (build, _) = split_number(rest.trim_start_matches(['-', ' ', '_', ':']));
            Some(match build {
                "" => (release.to_string(), "*".into()),
                b => (format!("{release}-{b}"), "*".into()),
            })
        }
        VersionForm::Hotfix | VersionForm::Release => {
            let (number, rest) = split_number(s);
            if number.is_empty() {
                return None;
            }
            let letter = if a.version_form == VersionForm::Hotfix {
                'h'
            } else {
                'r'
            };
            let rest = rest.trim_start_matches(['-', ' ', '_']);
            let update = match rest.strip_prefix(letter) {
                Some(r) if r.starts_with(|c: char| c.is_ascii_digit()) => {
                    format!("{letter}{}", split_number(r).0)
                }
                _ if rest.is_empty() || rest.starts_with(['(', ',', ' ']) => "-".into(),
                _ => "*".into(),
            };
            Some((number.to_string(), update))
        }
    }
}

/// `version` of appliance `a` in the vendor's own notation, cleaned (`v7.2.8 build1639` →
/// `7.2.8`, `NS13.1 Build 49.13` → `13.1-49.13`, `22.7r2.3` → `22.7R2.3`): what a component's
/// version should say.
pub fn clean_version(a: &Appliance, version: &str) -> Option<String> {
    let (v, u) = nvd_version(a, version)?;
    Some(match (a.version_form, u.as_str()) {
        (_, "*" | "-") => v,
        (VersionForm::Hotfix, u) => format!("{v}-{u}"),
        (VersionForm::Release, u) => format!("{v}{}", u.to_uppercase()),
        (_, u) => format!("{v}:{u}"),
    })
}

/// The CPE 2.3 formatted strings of appliance `a` at `version`, one per CPE product NVD uses,
/// the version written as NVD's records write it (see [`nvd_version`]) and quoted per CPE 2.3
/// (every character other than letters, digits, `-`, `.` and `_` behind a `\`). A blank
/// version gives version and update `*` (not known).
pub fn cpe_for(a: &Appliance, version: &str) -> Vec<String> {
    let (v, u) = match nvd_version(a, version) {
        Some((v, u)) => (quote(&v), u),
        None => ("*".to_string(), "*".to_string()),
    };
    let u = match u.as_str() {
        "*" | "-" => u,
        other => quote(other),
    };
    a.cpes
        .iter()
        .map(|(part, vendor, product)| {
            format!("cpe:2.3:{part}:{vendor}:{product}:{v}:{u}:*:*:*:*:*:*")
        })
        .collect()
}

/// A CPE 2.3 attribute value with its special characters quoted.
fn quote(value: &str) -> String {
    if value == "-" {
        return "\\-".into();
    }
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_') {
            out.push(c);
        } else {
            let _ = write!(out, "\\{c}");
        }
    }
    out
}

/// The first run of `s` that starts with a digit, up to a space or comma.
fn first_token(s: &str) -> Option<&str> {
    s.split([' ', ',', '\t'])
        .find(|t| t.starts_with(|c: char| c.is_ascii_digit()))
}

/// `s` split after its leading digits-and-dots (`22.7r2.3` → `22.7`, `r2.3`).
fn split_number(s: &str) -> (&str, &str) {
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let n = s[..end].trim_end_matches('.');
    (n, &s[n.len()..])
}

/// Full-width ASCII and the ideographic space as ASCII, half-width katakana (with their
/// voicing marks) and hiragana as full-width katakana.
fn widen_fold(s: &str) -> String {
    const HALF: &str = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";
    let half: Vec<char> = HALF.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        let code = c as u32;
        let mapped = match code {
            0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(c),
            0x3000 => ' ',
            0xFF61..=0xFF9D => half[(code - 0xFF61) as usize],
            0x3041..=0x3096 => char::from_u32(code + 0x60).unwrap_or(c),
            // Voiced and semi-voiced sound marks, half-width, spacing or combining.
            0xFF9E | 0x309B | 0x3099 | 0xFF9F | 0x309C | 0x309A => {
                let semi = matches!(code, 0xFF9F | 0x309C | 0x309A);
                if let Some(v) = out.last().and_then(|&b| voiced(b, semi)) {
                    *out.last_mut().expect("just read") = v;
                    continue;
                }
                if semi { '\u{309C}' } else { '\u{309B}' }
            }
            _ => c,
        };
        out.push(mapped);
    }
    out.into_iter().collect()
}

/// The voiced (or, `semi`, semi-voiced) form of katakana `base`.
fn voiced(base: char, semi: bool) -> Option<char> {
    let b = base as u32;
    let v = match b {
        0x30CF | 0x30D2 | 0x30D5 | 0x30D8 | 0x30DB => b + if semi { 2 } else { 1 },
        _ if semi => return None,
        0x30A6 => 0x30F4,
        0x30AB..=0x30C2 if (b - 0x30AB).is_multiple_of(2) => b + 1,
        0x30C4 | 0x30C6 | 0x30C8 => b + 1,
        _ => return None,
    };
    char::from_u32(v)
}

/// A name as compared: width folded, lower case, company-form words dropped, only letters and
/// digits kept.
fn fold(s: &str) -> String {
    let mut w = widen_fold(s);
    for form in [
        "(株)",
        "(有)",
        "(同)",
        "株式会社",
        "合同会社",
        "有限会社",
        "㈱",
    ] {
        w = w.replace(form, "");
    }
    w.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(maker: &str, product: &str) -> Option<&'static str> {
        recognise(maker, product).map(|a| a.id)
    }

    #[test]
    fn every_scan_id_is_known_once() {
        for a in APPLIANCES {
            assert_eq!(by_scan_id(a.id), Some(a));
            assert_eq!(APPLIANCES.iter().filter(|b| b.id == a.id).count(), 1);
        }
        assert!(by_scan_id("fortinet-fortigate-sslvpn").is_none());
    }

    #[test]
    fn recognises_makers_and_products_as_registers_write_them() {
        let cases = [
            ("Fortinet", "FortiOS", "fortinet-fortios"),
            ("フォーティネット", "FortiGate 60F", "fortinet-fortios"),
            (
                "ﾌｫｰﾃｨﾈｯﾄ",
                "ＦｏｒｔｉＧａｔｅ－１００Ｆ",
                "fortinet-fortios",
            ),
            ("Fortinet Japan G.K.", "fortios", "fortinet-fortios"),
            (
                "フォーティネットジャパン合同会社",
                "FG-40F",
                "fortinet-fortios",
            ),
            ("", "FortiGate-VM64", "fortinet-fortios"),
            ("Palo Alto Networks", "PAN-OS", "paloalto-panos"),
            (
                "パロアルトネットワークス株式会社",
                "PA-440",
                "paloalto-panos",
            ),
            ("palo alto", "PA3220", "paloalto-panos"),
            ("", "PANOS", "paloalto-panos"),
            ("Ivanti", "Connect Secure", "ivanti-connect-secure"),
            (
                "Pulse Secure",
                "Pulse Connect Secure",
                "ivanti-connect-secure",
            ),
            (
                "イヴァンティ・ソフトウェア株式会社",
                "ICS",
                "ivanti-connect-secure",
            ),
            (
                "Ivanti, Inc.",
                "Ivanti Connect Secure",
                "ivanti-connect-secure",
            ),
            ("Citrix", "NetScaler ADC", "citrix-netscaler"),
            (
                "Cloud Software Group",
                "NetScaler Gateway",
                "citrix-netscaler",
            ),
            ("Citrix Systems, Inc.", "Citrix ADC", "citrix-netscaler"),
            ("シトリックス", "Gateway", "citrix-netscaler"),
            ("Citrix", "NetScaler VPX 1000", "citrix-netscaler"),
            ("Cisco", "ASA", "cisco-asa"),
            ("Cisco Systems", "Adaptive Security Appliance", "cisco-asa"),
            ("シスコシステムズ合同会社", "ASA 5516-X", "cisco-asa"),
            ("cisco", "Cisco ASA5506-X", "cisco-asa"),
            ("SonicWall", "SonicOS", "sonicwall-sonicos"),
            ("ソニックウォール", "TZ370", "sonicwall-sonicos"),
            ("Dell SonicWALL", "NSa 2650", "sonicwall-sonicos"),
            ("SonicWall", "SMA 210", "sonicwall-sma100"),
            ("SONICWALL", "ＳＭＡ１００", "sonicwall-sma100"),
        ];
        for (maker, product, want) in cases {
            assert_eq!(id(maker, product), Some(want), "{maker} / {product}");
        }
    }

    #[test]
    fn refuses_other_products_and_short_names_without_a_maker() {
        let cases = [
            ("Fortinet", "FortiProxy"),
            ("Fortinet", "FortiClient"),
            ("Palo Alto Networks", "GlobalProtect"),
            ("Palo Alto Networks", "Panorama"),
            ("Juniper Networks", "FortiOS"),
            ("Cisco", "Firepower Threat Defense"),
            ("Cisco", "Catalyst 9300"),
            ("SonicWall", "SMA 1000"),
            ("SonicWall", "SMA 6200"),
            ("Ivanti", "Policy Secure"),
            ("", "ASA"),
            ("", "PA-440"),
            ("", "ICS"),
            ("", "Gateway"),
            ("Fortinet", ""),
            ("", ""),
            ("NEC", "UNIVERGE IX2215"),
        ];
        for (maker, product) in cases {
            assert_eq!(id(maker, product), None, "{maker} / {product}");
        }
    }

    #[test]
    fn nvd_versions_follow_each_vendor_convention() {
        let v = |id: &str, raw: &str| nvd_version(by_scan_id(id).unwrap(), raw);
        let pair = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(v("fortinet-fortios", "7.2.8"), pair("7.2.8", "*"));
        assert_eq!(
            v("fortinet-fortios", "v7.2.8,build1639,240313 (GA.F)"),
            pair("7.2.8", "*")
        );
        assert_eq!(
            v("fortinet-fortios", "v7.2.8 build1639 (GA)"),
            pair("7.2.8", "*")
        );
        assert_eq!(v("paloalto-panos", "10.2.9-h1"), pair("10.2.9", "h1"));
        assert_eq!(v("paloalto-panos", "10.2.9"), pair("10.2.9", "-"));
        assert_eq!(v("paloalto-panos", "11.1.2-H3"), pair("11.1.2", "h3"));
        assert_eq!(v("ivanti-connect-secure", "22.7R2.3"), pair("22.7", "r2.3"));
        assert_eq!(v("ivanti-connect-secure", "9.1r18"), pair("9.1", "r18"));
        assert_eq!(v("ivanti-connect-secure", "22.2"), pair("22.2", "-"));
        assert_eq!(
            v("ivanti-connect-secure", "22.7R2.3 (build 3431)"),
            pair("22.7", "r2.3")
        );
        assert_eq!(v("citrix-netscaler", "13.1-49.13"), pair("13.1-49.13", "*"));
        assert_eq!(
            v("citrix-netscaler", "NS13.1 Build 49.13.nc"),
            pair("13.1-49.13", "*")
        );
        assert_eq!(
            v("citrix-netscaler", "14.1 build 8.50"),
            pair("14.1-8.50", "*")
        );
        assert_eq!(v("cisco-asa", "9.16(4)48"), pair("9.16.4.48", "*"));
        assert_eq!(v("cisco-asa", "9.14(1)"), pair("9.14.1", "*"));
        assert_eq!(v("cisco-asa", "9.14.1.10"), pair("9.14.1.10", "*"));
        assert_eq!(
            v("sonicwall-sonicos", "7.0.1-5035"),
            pair("7.0.1-5035", "*")
        );
        assert_eq!(
            v("sonicwall-sonicos", "SonicOS 6.5.4.15-116n"),
            pair("6.5.4.15-116n", "*")
        );
        assert_eq!(
            v("sonicwall-sma100", "10.2.1.9-57sv"),
            pair("10.2.1.9-57sv", "*")
        );
        assert_eq!(v("fortinet-fortios", ""), None);
        assert_eq!(v("paloalto-panos", "unknown"), None);
    }

    #[test]
    fn clean_versions_are_the_vendor_notation() {
        let c = |id: &str, raw: &str| clean_version(by_scan_id(id).unwrap(), raw);
        assert_eq!(
            c("paloalto-panos", "10.2.9 h1").as_deref(),
            Some("10.2.9-h1")
        );
        assert_eq!(
            c("ivanti-connect-secure", "22.7r2.3").as_deref(),
            Some("22.7R2.3")
        );
        assert_eq!(
            c("citrix-netscaler", "NS13.1 Build 49.13").as_deref(),
            Some("13.1-49.13")
        );
        assert_eq!(
            c("fortinet-fortios", "ｖ７．２．８").as_deref(),
            Some("7.2.8")
        );
    }

    #[test]
    fn cpe_strings_quote_special_characters() {
        let panos = by_scan_id("paloalto-panos").unwrap();
        assert_eq!(
            cpe_for(panos, "10.2.9-h1"),
            ["cpe:2.3:o:paloaltonetworks:pan-os:10.2.9:h1:*:*:*:*:*:*"]
        );
        assert_eq!(
            cpe_for(panos, "10.2.9"),
            ["cpe:2.3:o:paloaltonetworks:pan-os:10.2.9:-:*:*:*:*:*:*"]
        );
        let ns = by_scan_id("citrix-netscaler").unwrap();
        assert_eq!(
            cpe_for(ns, "13.1-49.13"),
            [
                "cpe:2.3:a:citrix:netscaler_application_delivery_controller:13.1-49.13:*:*:*:*:*:*:*",
                "cpe:2.3:a:citrix:netscaler_gateway:13.1-49.13:*:*:*:*:*:*:*",
            ]
        );
        let fortios = by_scan_id("fortinet-fortios").unwrap();
        assert_eq!(
            cpe_for(fortios, ""),
            ["cpe:2.3:o:fortinet:fortios:*:*:*:*:*:*:*:*"]
        );
        // Characters CPE quotes (none of the known appliances' versions need it today).
        assert_eq!(quote("1.0:beta*2(x)/y+z"), "1.0\\:beta\\*2\\(x\\)\\/y\\+z");
        assert_eq!(quote("-"), "\\-");
        for a in APPLIANCES {
            for raw in ["7.2.8", "10.2.9-h1", "22.7R2.3", "9.16(4)48", "13.1-49.13"] {
                for cpe in cpe_for(a, raw) {
                    let f = crate::nvd::cpe_fields(&cpe).expect("11 fields");
                    let (v, u) = nvd_version(a, raw).unwrap();
                    assert_eq!((f[3].as_str(), f[4].as_str()), (v.as_str(), u.as_str()));
                }
            }
        }
    }

    #[test]
    fn folding_handles_width_kana_and_company_forms() {
        assert_eq!(fold("ﾌｫｰﾃｨﾈｯﾄ"), fold("フォーティネット"));
        assert_eq!(fold("ｲｳﾞｧﾝﾃｨ"), fold("イヴァンティ"));
        assert_eq!(fold("ﾊﾟﾛｱﾙﾄ"), fold("パロアルト"));
        assert_eq!(fold("ぱろあると"), fold("パロアルト"));
        assert_eq!(fold("（株）シスコ"), "シスコ");
        assert_eq!(fold("Palo Alto Networks, Inc."), "paloaltonetworksinc");
        assert_eq!(fold("ＰＡＮ－ＯＳ"), "panos");
    }
}
