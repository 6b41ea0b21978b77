//! What the user asked to scan: host names, addresses and CIDR ranges, turned into addresses.

use std::collections::BTreeSet;
use std::net::IpAddr;

use hoshi_core::Lang;

/// One address to scan, and the name the user gave for it (used for TLS SNI and HTTP `Host:`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Target {
    pub address: IpAddr,
    /// The host name this address was resolved from, when the user named a host.
    pub host: Option<String>,
}

/// Why a target cannot be scanned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetError {
    /// Neither an address, a range nor a host name.
    Malformed(String),
    /// A CIDR prefix outside 0–32 (IPv4) or 0–128 (IPv6).
    Prefix(String),
    /// The range holds more addresses than allowed in one scan.
    TooMany {
        spec: String,
        count: u128,
        max: usize,
    },
    /// The host name did not resolve.
    Unresolved { host: String, reason: String },
    /// Nothing to scan.
    Empty,
    /// The address (given, in a range, or a host name's) is one this scan may not touch.
    NotPermitted { spec: String, address: IpAddr },
}

impl TargetError {
    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Malformed(s), Lang::Ja) => format!(
                "スキャン対象「{s}」を読み取れません。IP アドレス（192.0.2.10）、範囲（192.0.2.0/28）、ホスト名（vpn.example.co.jp）のいずれかで指定してください。"
            ),
            (Self::Malformed(s), Lang::En) => format!(
                "cannot read the target `{s}`: give an IP address (192.0.2.10), a range (192.0.2.0/28) or a host name (vpn.example.co.jp)"
            ),
            (Self::Prefix(s), Lang::Ja) => format!(
                "範囲「{s}」のプレフィックス長が正しくありません（IPv4 は 0〜32、IPv6 は 0〜128）。"
            ),
            (Self::Prefix(s), Lang::En) => format!(
                "the prefix length of `{s}` is out of range (0–32 for IPv4, 0–128 for IPv6)"
            ),
            (Self::TooMany { spec, count, max }, Lang::Ja) => format!(
                "範囲「{spec}」には {count} 個のアドレスがあり、1 回のスキャンの上限（{max} 個）を超えています。範囲を分けて指定してください。"
            ),
            (Self::TooMany { spec, count, max }, Lang::En) => format!(
                "the range `{spec}` holds {count} addresses, more than one scan takes ({max}); split it"
            ),
            (Self::Unresolved { host, reason }, Lang::Ja) => {
                format!("ホスト名「{host}」のアドレスを引けませんでした（{reason}）。")
            }
            (Self::Unresolved { host, reason }, Lang::En) => {
                format!("the host name `{host}` did not resolve ({reason})")
            }
            (Self::Empty, Lang::Ja) => "スキャン対象が指定されていません。".to_string(),
            (Self::Empty, Lang::En) => "no target was given".to_string(),
            (Self::NotPermitted { spec, address }, Lang::Ja) => format!(
                "「{spec}」のアドレス {address} はこのサーバーからスキャンできません（インターネットから見えないアドレス、または管理者が許可していないアドレスです）。スキャンは行っていません。"
            ),
            (Self::NotPermitted { spec, address }, Lang::En) => format!(
                "the address {address} of `{spec}` may not be scanned from this server (not an internet address, or not allowed by the administrator); nothing was scanned"
            ),
        }
    }
}

/// What one command-line target is, before any name is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spec {
    Address(IpAddr),
    Range { base: IpAddr, prefix: u8 },
    Host(String),
}

/// Reads one target as the user wrote it.
pub fn parse(s: &str) -> Result<Spec, TargetError> {
    let s = s.trim();
    let malformed = || TargetError::Malformed(s.to_string());
    if s.is_empty() {
        return Err(malformed());
    }
    if let Some((base, prefix)) = s.split_once('/') {
        let base: IpAddr = base.parse().map_err(|_| malformed())?;
        let prefix: u8 = prefix
            .parse()
            .map_err(|_| TargetError::Prefix(s.to_string()))?;
        let bits = if base.is_ipv4() { 32 } else { 128 };
        if prefix > bits {
            return Err(TargetError::Prefix(s.to_string()));
        }
        return Ok(Spec::Range { base, prefix });
    }
    // `[::1]` as people copy it from URLs.
    let bare = s
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .unwrap_or(s);
    if let Ok(a) = bare.parse::<IpAddr>() {
        return Ok(Spec::Address(a));
    }
    if is_host_name(s) {
        return Ok(Spec::Host(s.trim_end_matches('.').to_ascii_lowercase()));
    }
    Err(malformed())
}

/// A DNS name: labels of letters, digits and hyphens (IDNs in their `xn--` form), not all digits.
fn is_host_name(s: &str) -> bool {
    let s = s.trim_end_matches('.');
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && !s.split('.').all(|l| l.bytes().all(|b| b.is_ascii_digit()))
}

/// How many addresses a range holds.
pub fn range_size(base: IpAddr, prefix: u8) -> u128 {
    let bits = if base.is_ipv4() { 32 } else { 128 };
    let free = u32::from(bits - prefix);
    if free >= 128 {
        u128::MAX
    } else {
        1u128 << free
    }
}

/// Every address of a range (network and broadcast addresses of IPv4 ranges included: a
/// scanner must not assume how the owner numbered the network).
/// The first address of the block `base/prefix` (`133.242.0.77/28` → `133.242.0.64`).
pub fn network_of(base: IpAddr, prefix: u8) -> IpAddr {
    match base {
        IpAddr::V4(v) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
            IpAddr::V4(std::net::Ipv4Addr::from(u32::from(v) & mask))
        }
        IpAddr::V6(v) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
            IpAddr::V6(std::net::Ipv6Addr::from(u128::from(v) & mask))
        }
    }
}

fn range(base: IpAddr, prefix: u8) -> Vec<IpAddr> {
    let n = range_size(base, prefix);
    match network_of(base, prefix) {
        IpAddr::V4(start) => {
            let start = u32::from(start);
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            (0..n)
                .map(|i| IpAddr::V4(std::net::Ipv4Addr::from(start.wrapping_add(i))))
                .collect()
        }
        IpAddr::V6(start) => {
            let start = u128::from(start);
            (0..n)
                .map(|i| IpAddr::V6(std::net::Ipv6Addr::from(start.wrapping_add(i))))
                .collect()
        }
    }
}

/// Turns the user's targets into addresses: ranges expanded (at most `max` addresses in all),
/// host names resolved (every address a name has is scanned). Duplicates are scanned once.
pub async fn expand(specs: &[String], max: usize) -> Result<Vec<Target>, TargetError> {
    let mut out: BTreeSet<Target> = BTreeSet::new();
    let mut total: u128 = 0;
    for s in specs {
        match parse(s)? {
            Spec::Address(address) => {
                out.insert(Target {
                    address,
                    host: None,
                });
            }
            Spec::Range { base, prefix } => {
                let count = range_size(base, prefix);
                total = total.saturating_add(count);
                if total > max as u128 {
                    return Err(TargetError::TooMany {
                        spec: s.clone(),
                        count,
                        max,
                    });
                }
                out.extend(range(base, prefix).into_iter().map(|address| Target {
                    address,
                    host: None,
                }));
            }
            Spec::Host(host) => {
                let found = tokio::net::lookup_host((host.as_str(), 0))
                    .await
                    .map_err(|e| TargetError::Unresolved {
                        host: host.clone(),
                        reason: e.to_string(),
                    })?;
                let mut any = false;
                for a in found {
                    any = true;
                    out.insert(Target {
                        address: a.ip(),
                        host: Some(host.clone()),
                    });
                }
                if !any {
                    return Err(TargetError::Unresolved {
                        host,
                        reason: "no address".into(),
                    });
                }
            }
        }
        if out.len() > max {
            return Err(TargetError::TooMany {
                spec: s.clone(),
                count: out.len() as u128,
                max,
            });
        }
    }
    if out.is_empty() {
        return Err(TargetError::Empty);
    }
    Ok(out.into_iter().collect())
}

/// Blocks that are not the internet: unspecified, private, shared (CGN), loopback, link-local,
/// protocol assignments, documentation, benchmarking, multicast and reserved (RFC 6890 and its
/// successors). IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
const NOT_PUBLIC_V4: &[(u32, u8)] = &[
    (0x0000_0000, 8),  // 0.0.0.0/8
    (0x0a00_0000, 8),  // 10.0.0.0/8
    (0x6440_0000, 10), // 100.64.0.0/10
    (0x7f00_0000, 8),  // 127.0.0.0/8
    (0xa9fe_0000, 16), // 169.254.0.0/16
    (0xac10_0000, 12), // 172.16.0.0/12
    (0xc000_0000, 24), // 192.0.0.0/24
    (0xc000_0200, 24), // 192.0.2.0/24
    (0xc0a8_0000, 16), // 192.168.0.0/16
    (0xc612_0000, 15), // 198.18.0.0/15
    (0xc633_6400, 24), // 198.51.100.0/24
    (0xcb00_7100, 24), // 203.0.113.0/24
    (0xe000_0000, 4),  // 224.0.0.0/4
    (0xf000_0000, 4),  // 240.0.0.0/4
];
const NOT_PUBLIC_V6: &[(u128, u8)] = &[
    (0, 96),                                         // ::/96: ::, ::1, IPv4-compatible
    (0x0064_ff9b_0001_0000_0000_0000_0000_0000, 48), // 64:ff9b:1::/48 local NAT64
    (0x2001_0000_0000_0000_0000_0000_0000_0000, 32), // 2001::/32 Teredo
    (0x2001_0002_0000_0000_0000_0000_0000_0000, 48), // 2001:2::/48 benchmarking
    (0x2001_0010_0000_0000_0000_0000_0000_0000, 28), // 2001:10::/28 ORCHID
    (0x3fff_0000_0000_0000_0000_0000_0000_0000, 20), // 3fff::/20 documentation
    (0x0100_0000_0000_0000_0000_0000_0000_0000, 64), // 100::/64 discard
    (0x2001_0db8_0000_0000_0000_0000_0000_0000, 32), // 2001:db8::/32 documentation
    (0xfc00_0000_0000_0000_0000_0000_0000_0000, 7),  // fc00::/7 unique local
    (0xfe80_0000_0000_0000_0000_0000_0000_0000, 10), // fe80::/10 link-local
    (0xff00_0000_0000_0000_0000_0000_0000_0000, 8),  // ff00::/8 multicast
];

fn overlaps<T>(a: T, ap: u8, b: T, bp: u8, bits: u8) -> bool
where
    T: Copy + PartialEq + std::ops::Shr<u32, Output = T>,
{
    // Two blocks overlap when they agree on the shorter prefix.
    let p = ap.min(bp);
    if p == 0 {
        return true;
    }
    let shift = u32::from(bits - p);
    (a >> shift) == (b >> shift)
}

/// Whether the whole block `base/prefix` lies in the public internet (no part of it in a
/// private, loopback, documentation or other special-purpose block).
pub fn is_public_block(base: IpAddr, prefix: u8) -> bool {
    match base {
        IpAddr::V4(v4) => {
            let a = u32::from(v4);
            !NOT_PUBLIC_V4
                .iter()
                .any(|&(b, bp)| overlaps(a, prefix, b, bp, 32))
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public_block(IpAddr::V4(v4), prefix.saturating_sub(96));
            }
            let a = u128::from(v6);
            // IPv4 inside IPv6: well-known NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an
            // IPv4 address a gateway turns into; judge that address (a block too short to name
            // one holds every IPv4 address, private ones included).
            let nat64 = 0x0064_ff9b_0000_0000_0000_0000_0000_0000u128;
            if overlaps(a, prefix, nat64, 96, 128) {
                return prefix >= 96
                    && is_public_block(
                        IpAddr::V4(std::net::Ipv4Addr::from((a & 0xffff_ffff) as u32)),
                        prefix - 96,
                    );
            }
            let six_to_four = 0x2002_0000_0000_0000_0000_0000_0000_0000u128;
            if overlaps(a, prefix, six_to_four, 16, 128) {
                return prefix >= 48
                    && is_public_block(
                        IpAddr::V4(std::net::Ipv4Addr::from(((a >> 80) & 0xffff_ffff) as u32)),
                        prefix.min(48) - 16,
                    );
            }
            // ::ffff:0:0/96 itself and anything holding it.
            let mapped = 0xffff_0000_0000u128;
            !(overlaps(a, prefix, mapped, 96, 128)
                || NOT_PUBLIC_V6
                    .iter()
                    .any(|&(b, bp)| overlaps(a, prefix, b, bp, 128)))
        }
    }
}

/// Whether an address is on the public internet.
pub fn is_public(a: IpAddr) -> bool {
    is_public_block(a, if a.is_ipv4() { 32 } else { 128 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_means_none_of_the_special_blocks() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        for a in [
            "8.8.8.8",
            "1.1.1.1",
            "133.242.0.1",
            "2400:cb00::1",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
            "2002:808:808::1",
        ] {
            assert!(is_public(ip(a)), "{a}");
        }
        for a in [
            "10.1.2.3",
            "172.31.0.1",
            "192.168.1.1",
            "127.0.0.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "192.0.2.1",
            "198.51.100.7",
            "203.0.113.5",
            "::1",
            "::",
            "fe80::1",
            "fd00::1",
            "2001:db8::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "ff02::1",
            // IPv4 inside IPv6: NAT64 and 6to4 towards private addresses, IPv4-compatible,
            // Teredo, local NAT64, benchmarking, ORCHID, the new documentation block.
            "64:ff9b::a00:5",
            "64:ff9b::7f00:1",
            "2002:a00:1::1",
            "2002:c0a8:101::1",
            "::127.0.0.1",
            "2001:0:4136:e378::1",
            "64:ff9b:1::1",
            "2001:2::1",
            "2001:10::1",
            "3fff::1",
        ] {
            assert!(!is_public(ip(a)), "{a}");
        }
        // A range is public only when no part of it is special.
        assert!(is_public_block(ip("133.242.0.0"), 24));
        assert!(!is_public_block(ip("8.0.0.0"), 4), "holds 10.0.0.0/8");
        assert!(!is_public_block(ip("0.0.0.0"), 0));
        assert!(!is_public_block(ip("172.0.0.0"), 8), "holds 172.16.0.0/12");
        assert!(is_public_block(ip("172.32.0.0"), 11));
        assert!(
            !is_public_block(ip("64:ff9b::"), 64),
            "every IPv4 address behind NAT64"
        );
        assert!(is_public_block(ip("64:ff9b::808:800"), 120));
    }

    #[test]
    fn addresses_ranges_and_names_are_told_apart() {
        assert_eq!(
            parse("192.0.2.10").unwrap(),
            Spec::Address("192.0.2.10".parse().unwrap())
        );
        assert_eq!(
            parse("[::1]").unwrap(),
            Spec::Address("::1".parse().unwrap())
        );
        assert_eq!(
            parse("192.0.2.0/28").unwrap(),
            Spec::Range {
                base: "192.0.2.0".parse().unwrap(),
                prefix: 28
            }
        );
        assert_eq!(
            parse("VPN.Example.co.jp.").unwrap(),
            Spec::Host("vpn.example.co.jp".into())
        );
        assert_eq!(
            parse("192.0.2.0/33"),
            Err(TargetError::Prefix("192.0.2.0/33".into()))
        );
        for bad in [
            "",
            "1.2.3",
            "a..b",
            "-a.example",
            "exa mple.jp",
            "http://x",
            "1.2.3.4/x",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[tokio::test]
    async fn ranges_expand_within_the_limit() {
        let t = expand(&["127.0.0.5/30".into(), "127.0.0.6".into()], 16)
            .await
            .unwrap();
        let a: Vec<String> = t.iter().map(|t| t.address.to_string()).collect();
        assert_eq!(a, ["127.0.0.4", "127.0.0.5", "127.0.0.6", "127.0.0.7"]);
        let e = expand(&["10.0.0.0/8".into()], 65_536).await.unwrap_err();
        assert!(matches!(
            e,
            TargetError::TooMany {
                count: 16_777_216,
                ..
            }
        ));
        assert!(e.message(Lang::Ja).contains("16777216 個"));
        let t = expand(&["localhost".into()], 16).await.unwrap();
        assert!(
            t.iter()
                .all(|t| t.address.is_loopback() && t.host.as_deref() == Some("localhost"))
        );
    }
}
