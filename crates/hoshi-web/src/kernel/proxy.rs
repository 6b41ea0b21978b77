//! Who the client is behind a reverse proxy. Sign-in pauses and attempt limits count per client
//! address; behind a proxy every request comes from the proxy, so the administrator names the
//! proxies hoshi trusts (`hoshi serve --trusted-proxy`), and only for requests from those is the
//! client taken from `X-Forwarded-For` — the right-most address that is not itself a trusted
//! proxy. A header from anyone else is ignored, so a client cannot choose its own address.

use std::net::IpAddr;

/// An address range: `10.0.0.0/8`, `192.0.2.1` (one address), `fd00::/8`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpNet {
    addr: IpAddr,
    prefix: u8,
}

impl IpNet {
    /// Parses `ADDR` or `ADDR/PREFIX`; `None` for anything else.
    pub fn parse(s: &str) -> Option<IpNet> {
        let (a, p) = match s.trim().split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s.trim(), None),
        };
        let addr: IpAddr = a.parse().ok()?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match p {
            Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => p.parse().ok()?,
            Some(_) => return None,
            None => max,
        };
        (prefix <= max).then_some(IpNet { addr, prefix })
    }

    /// Whether the whole block `base/prefix` lies inside this range.
    pub fn contains_block(&self, base: IpAddr, prefix: u8) -> bool {
        // An IPv4-mapped block (::ffff:a.b.c.d/p) is the IPv4 block a.b.c.d/(p − 96).
        let (base, prefix) = match base {
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) if prefix >= 96 => (IpAddr::V4(v4), prefix - 96),
                Some(_) => return false,
                None => (base, prefix),
            },
            v4 => (v4, prefix),
        };
        let same_family = base.is_ipv4() == self.addr.is_ipv4();
        same_family && prefix >= self.prefix && self.contains(base)
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        // An IPv4 client seen through an IPv6 socket (::ffff:a.b.c.d) is that IPv4 client.
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// The client's address: the TCP peer, or — when the peer is a trusted proxy — the right-most
/// address in `X-Forwarded-For` that is not a trusted proxy.
pub fn client(peer: IpAddr, forwarded: &[&str], trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|n| n.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    let hops: Vec<&str> = forwarded
        .iter()
        .flat_map(|h| h.split(','))
        .map(str::trim)
        .collect();
    for hop in hops.iter().rev() {
        match hop.parse::<IpAddr>() {
            Ok(ip) if is_trusted(ip) => continue,
            Ok(ip) => return ip,
            // Something not an address (a proxy that writes `unknown`, or garbage): stop at the
            // last hop we could trust.
            Err(_) => break,
        }
    }
    peer
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn ranges() {
        let n = IpNet::parse("10.0.0.0/8").unwrap();
        assert!(n.contains(ip("10.200.3.4")) && !n.contains(ip("11.0.0.1")));
        assert!(IpNet::parse("192.0.2.1").unwrap().contains(ip("192.0.2.1")));
        assert!(!IpNet::parse("192.0.2.1").unwrap().contains(ip("192.0.2.2")));
        assert!(IpNet::parse("fd00::/8").unwrap().contains(ip("fd12::1")));
        assert!(
            IpNet::parse("127.0.0.1")
                .unwrap()
                .contains(ip("::ffff:127.0.0.1"))
        );
        assert!(
            IpNet::parse("0.0.0.0/0")
                .unwrap()
                .contains(ip("203.0.113.9"))
        );
        for bad in [
            "",
            "10.0.0.0/33",
            "10.0.0.0/",
            "10.0.0/8",
            "::/129",
            "example.com",
            "1.2.3.4/+8",
        ] {
            assert_eq!(IpNet::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_client_behind_trusted_proxies_only() {
        let trusted = [IpNet::parse("10.0.0.0/8").unwrap()];
        // From the proxy: the right-most untrusted hop.
        assert_eq!(
            client(
                ip("10.0.0.2"),
                &["198.51.100.7, 203.0.113.5, 10.0.0.9"],
                &trusted
            ),
            ip("203.0.113.5")
        );
        // Several headers count as one list.
        assert_eq!(
            client(ip("10.0.0.2"), &["198.51.100.7", "203.0.113.5"], &trusted),
            ip("203.0.113.5")
        );
        // From anyone else: the header is ignored.
        assert_eq!(
            client(ip("203.0.113.5"), &["10.9.9.9"], &trusted),
            ip("203.0.113.5")
        );
        // Nothing usable: the proxy itself.
        assert_eq!(client(ip("10.0.0.2"), &[], &trusted), ip("10.0.0.2"));
        assert_eq!(
            client(ip("10.0.0.2"), &["unknown"], &trusted),
            ip("10.0.0.2")
        );
        // No trusted proxies configured: always the peer.
        assert_eq!(
            client(ip("10.0.0.2"), &["203.0.113.5"], &[]),
            ip("10.0.0.2")
        );
    }
}
