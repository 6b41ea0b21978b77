//! The DNS look-ups a posture check makes, through hickory's resolver: the system's
//! (`/etc/resolv.conf`) or the name servers given.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use hickory_resolver::TokioResolver;
use hickory_resolver::config::{ConnectionConfig, NameServerConfig, ResolverConfig};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::proto::rr::{RData, RecordType};

/// A failed look-up (a time-out, SERVFAIL, refused): not the same as "no such record".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DnsFailure {
    pub name: String,
    pub detail: String,
}

impl std::fmt::Display for DnsFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.name, self.detail)
    }
}

#[derive(Clone)]
pub struct Dns {
    resolver: TokioResolver,
}

impl Dns {
    /// The system's resolver configuration.
    pub fn system(timeout: Duration) -> Result<Dns, String> {
        let mut b = TokioResolver::builder_tokio().map_err(|e| e.to_string())?;
        b.options_mut().timeout = timeout;
        b.options_mut().attempts = 2;
        Ok(Dns {
            resolver: b.build().map_err(|e| e.to_string())?,
        })
    }

    /// These name servers only (UDP, then TCP for long answers), in the order given.
    pub fn servers(servers: &[SocketAddr], timeout: Duration) -> Result<Dns, String> {
        let mut cfg = ResolverConfig::from_parts(None, Vec::new(), Vec::new());
        for s in servers {
            let mut udp = ConnectionConfig::udp();
            udp.port = s.port();
            let mut tcp = ConnectionConfig::tcp();
            tcp.port = s.port();
            cfg.add_name_server(NameServerConfig::new(s.ip(), true, vec![udp, tcp]));
        }
        let mut b = TokioResolver::builder_with_config(cfg, TokioRuntimeProvider::default());
        b.options_mut().timeout = timeout;
        b.options_mut().attempts = 2;
        Ok(Dns {
            resolver: b.build().map_err(|e| e.to_string())?,
        })
    }

    fn fqdn(name: &str) -> String {
        if name.ends_with('.') {
            name.to_string()
        } else {
            format!("{name}.")
        }
    }

    async fn records(&self, name: &str, rtype: RecordType) -> Result<Vec<RData>, DnsFailure> {
        match self.resolver.lookup(Self::fqdn(name), rtype).await {
            Ok(l) => Ok(l
                .answers()
                .iter()
                .filter(|r| r.record_type() == rtype)
                .map(|r| r.data.clone())
                .collect()),
            Err(e) if e.is_no_records_found() || e.is_nx_domain() => Ok(Vec::new()),
            Err(e) => Err(DnsFailure {
                name: name.to_string(),
                detail: e.to_string(),
            }),
        }
    }

    /// TXT records, each one's strings joined (RFC 7208 3.3).
    pub async fn txt(&self, name: &str) -> Result<Vec<String>, DnsFailure> {
        Ok(self
            .records(name, RecordType::TXT)
            .await?
            .into_iter()
            .filter_map(|d| match d {
                RData::TXT(t) => Some(
                    t.txt_data
                        .iter()
                        .map(|s| String::from_utf8_lossy(s).into_owned())
                        .collect::<String>(),
                ),
                _ => None,
            })
            .collect())
    }

    /// MX records, lowest preference first; hosts without the final dot.
    pub async fn mx(&self, name: &str) -> Result<Vec<(u16, String)>, DnsFailure> {
        let mut out: Vec<(u16, String)> = self
            .records(name, RecordType::MX)
            .await?
            .into_iter()
            .filter_map(|d| match d {
                RData::MX(m) => Some((
                    m.preference,
                    m.exchange
                        .to_ascii()
                        .trim_end_matches('.')
                        .to_ascii_lowercase(),
                )),
                _ => None,
            })
            .collect();
        out.sort();
        Ok(out)
    }

    /// IPv4 then IPv6 addresses of a host.
    pub async fn ips(&self, name: &str) -> Result<Vec<IpAddr>, DnsFailure> {
        let mut out = Vec::new();
        for t in [RecordType::A, RecordType::AAAA] {
            for d in self.records(name, t).await? {
                match d {
                    RData::A(a) => out.push(IpAddr::V4(a.0)),
                    RData::AAAA(a) => out.push(IpAddr::V6(a.0)),
                    _ => {}
                }
            }
        }
        Ok(out)
    }
}
