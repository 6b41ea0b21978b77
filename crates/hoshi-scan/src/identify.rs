//! What runs on an open port: a banner if the server speaks first, then TLS, HTTP and the
//! binary handshakes, in an order that starts with what the port number suggests.

use std::collections::BTreeMap;
use std::net::SocketAddr;

use serde_json::Value;

use crate::fingerprint::{Db, Match};
use crate::report::Port;
use crate::sweep::State;
use crate::tls::TlsInfo;
use crate::{Probe, proto};

/// Everything learnt about one open port.
#[derive(Debug, Clone, Default)]
pub struct Identified {
    /// `ssh`, `http`, `https`, `rdp`, `smb`, `mysql`, `postgresql`, `mssql`, `vnc`, `telnet`,
    /// `ftp`, `smtp`, `pop3`, `imap`, `redis`, `tls` (TLS with nothing recognised inside).
    pub service: Option<String>,
    pub vendor: Option<String>,
    pub product: Option<String>,
    pub version: Option<String>,
    pub build: Option<String>,
    pub tls: Option<TlsInfo>,
    pub evidence: Vec<String>,
    /// The protocol's details as the probe reported them.
    pub facts: Value,
    /// Fingerprint rules that recognised a product.
    pub matches: Vec<Match>,
    /// The HTTP responses read (path → status, title), for the judge.
    pub http: Option<HttpSeen>,
}

/// What the HTTP probes saw.
#[derive(Debug, Clone, Default)]
pub struct HttpSeen {
    pub tls: bool,
    pub server: Option<String>,
    pub title: Option<String>,
    /// A login form (a password field) on the first page.
    pub login_form: bool,
    /// A redirect off the host, recorded and not followed.
    pub off_host_redirect: Option<String>,
}

impl Identified {
    fn named(service: &str) -> Identified {
        Identified {
            service: Some(service.to_string()),
            ..Identified::default()
        }
    }

    fn with_facts<T: serde::Serialize>(mut self, facts: &T) -> Identified {
        self.facts = serde_json::to_value(facts).unwrap_or(Value::Null);
        // A version only counts with the product it belongs to (VNC's and SSH's protocol
        // versions are not product versions).
        if let Some(p) = self.facts.get("product").and_then(Value::as_str) {
            self.product.get_or_insert_with(|| p.to_string());
            if let Some(v) = self.facts.get("version").and_then(Value::as_str) {
                self.version.get_or_insert_with(|| v.to_string());
            }
        }
        self
    }

    /// Takes the best product match (an appliance or panel before a plain web server).
    fn adopt(&mut self, matches: Vec<Match>) {
        let rank = |m: &Match| match m.kind.as_str() {
            "remote-access-vpn" => 0,
            "admin-panel" | "database" => 1,
            "application" => 2,
            _ => 3,
        };
        let mut matches = matches;
        matches.sort_by_key(rank);
        if let Some(best) = matches.first() {
            self.vendor = Some(best.vendor.clone());
            self.product = Some(best.product.clone());
            self.version = best.version.clone().or(self.version.take());
            self.build = best.build.clone();
            self.evidence.extend(best.evidence.iter().cloned());
        }
        self.matches.extend(matches);
    }

    /// The report's port entry.
    pub fn into_port(self, port: u16, findings: Vec<crate::findings::Finding>) -> Port {
        Port {
            port,
            state: State::Open,
            service: self.service,
            vendor: self.vendor,
            product: self.product,
            version: self.version,
            build: self.build,
            tls: self.tls,
            evidence: self.evidence,
            facts: self.facts,
            findings,
        }
    }
}

/// Ports where the client speaks first: no point waiting for a banner.
const CLIENT_FIRST: &[u16] = &[
    80, 81, 88, 135, 139, 443, 444, 445, 1433, 3389, 4433, 4443, 5432, 5985, 5986, 6379, 7443,
    8000, 8008, 8080, 8081, 8088, 8443, 8888, 9000, 9090, 9200, 9443, 10000, 10443,
];

/// Identifies the service on `addr`.
pub async fn identify(addr: SocketAddr, p: &Probe, db: &Db) -> Identified {
    let port = addr.port();
    if !CLIENT_FIRST.contains(&port) {
        let wait = Probe {
            timeout: p.timeout.min(std::time::Duration::from_millis(2500)),
            ..p.clone()
        };
        if let Ok(banner) = proto::banner(addr, &wait).await
            && !banner.is_empty()
            && let Some(id) = from_banner(addr, p, db, &banner).await
        {
            return id;
        }
    }
    if let Some(id) = by_hint(addr, p).await {
        return id;
    }
    if let Some(tls) = crate::tls::probe(addr, p).await {
        return over_tls(addr, p, db, tls).await;
    }
    if let Some(id) = web(addr, p, db, false).await {
        return id;
    }
    for probe in [
        Hint::Rdp,
        Hint::Smb,
        Hint::Mssql,
        Hint::Postgres,
        Hint::Redis,
    ] {
        if let Some(id) = run_hint(probe, addr, p).await {
            return id;
        }
    }
    Identified {
        evidence: vec![
            "no banner; no TLS, HTTP, RDP, SMB, SQL Server, PostgreSQL or Redis answer".into(),
        ],
        ..Identified::default()
    }
}

#[derive(Clone, Copy)]
enum Hint {
    Rdp,
    Smb,
    Mssql,
    Postgres,
    Redis,
    Memcached,
    Mongodb,
}

/// The binary protocol the port number suggests, tried before TLS and HTTP.
async fn by_hint(addr: SocketAddr, p: &Probe) -> Option<Identified> {
    let hint = match addr.port() {
        3389 | 3390 => Hint::Rdp,
        139 | 445 => Hint::Smb,
        1433 => Hint::Mssql,
        5432 => Hint::Postgres,
        6379 => Hint::Redis,
        11211 => Hint::Memcached,
        27017 | 27018 => Hint::Mongodb,
        _ => return None,
    };
    run_hint(hint, addr, p).await
}

async fn run_hint(hint: Hint, addr: SocketAddr, p: &Probe) -> Option<Identified> {
    Some(match hint {
        Hint::Rdp => Identified::named("rdp").with_facts(&proto::rdp::probe(addr, p).await?),
        Hint::Smb => Identified::named("smb").with_facts(&proto::smb::probe(addr, p).await?),
        Hint::Mssql => Identified::named("mssql").with_facts(&proto::mssql::probe(addr, p).await?),
        Hint::Postgres => {
            let mut id =
                Identified::named("postgresql").with_facts(&proto::postgres::probe(addr, p).await?);
            id.product.get_or_insert_with(|| "PostgreSQL".into());
            id
        }
        Hint::Redis => {
            let mut id =
                Identified::named("redis").with_facts(&proto::redis::probe(addr, p).await?);
            id.product.get_or_insert_with(|| "Redis".into());
            id
        }
        Hint::Memcached => {
            let f = proto::memcached::probe(addr, p).await?;
            let mut id = Identified::named("memcached").with_facts(&f);
            id.product = Some("memcached".into());
            id.version = Some(f.version.clone());
            id
        }
        Hint::Mongodb => {
            let mut id =
                Identified::named("mongodb").with_facts(&proto::mongodb::probe(addr, p).await?);
            id.product = Some("MongoDB".into());
            id
        }
    })
}

/// A server that spoke first: which protocol is it?
async fn from_banner(addr: SocketAddr, p: &Probe, db: &Db, banner: &[u8]) -> Option<Identified> {
    let text = proto::printable(banner, 512);
    let mut id = if banner.starts_with(b"SSH-")
        || text.contains("SSH-2.0-")
        || text.contains("SSH-1.99-")
    {
        let facts = proto::ssh::probe(addr, p).await;
        let mut id = Identified::named("ssh");
        if let Some(f) = facts {
            id = id.with_facts(&f);
        }
        id.evidence.push(format!(
            "banner: {}",
            text.chars().take(120).collect::<String>()
        ));
        id.adopt(db.match_banner("ssh", &text));
        return Some(id);
    } else if banner.starts_with(b"RFB ") {
        let mut id = Identified::named("vnc");
        if let Some(f) = proto::vnc::probe(addr, p).await {
            id = id.with_facts(&f);
        }
        id
    } else if banner.first() == Some(&0xff) && banner.len() >= 3 && (251..=254).contains(&banner[1])
    {
        let mut id = Identified::named("telnet");
        if let Some(f) = proto::telnet::probe(addr, p).await {
            id = id.with_facts(&f);
        }
        id
    } else if let Some(f) = proto::mysql::parse(banner) {
        Identified::named("mysql").with_facts(&f)
    } else if text.starts_with("220")
        && (text.contains("SMTP")
            || text.contains("ESMTP")
            || matches!(addr.port(), 25 | 465 | 587))
    {
        let mut id = Identified::named("smtp");
        if let Some(f) = proto::smtp::probe(addr, p).await {
            id = id.with_facts(&f);
        }
        id.adopt(db.match_banner("smtp", &text));
        id
    } else if text.starts_with("220")
        || (reply_code(&text) && (addr.port() == 21 || text.to_ascii_lowercase().contains("ftp")))
    {
        let mut id = Identified::named("ftp");
        if let Some(f) = proto::ftp::probe(addr, p).await {
            id = id.with_facts(&f);
        }
        id.adopt(db.match_banner("ftp", &text));
        id
    } else if text.starts_with("+OK") {
        let mut id = Identified::named("pop3");
        if let Some(f) = proto::mail::probe_pop3(addr, p).await {
            id = id.with_facts(&f);
        }
        id
    } else if text.starts_with("* OK") || text.starts_with("* PREAUTH") {
        let mut id = Identified::named("imap");
        if let Some(f) = proto::mail::probe_imap(addr, p).await {
            id = id.with_facts(&f);
        }
        id
    } else if text.to_ascii_lowercase().contains("login:")
        || text.to_ascii_lowercase().contains("username:")
    {
        let mut id = Identified::named("telnet");
        id.facts = serde_json::json!({ "banner": text });
        id
    } else {
        let mut id = Identified::default();
        id.evidence.push(format!(
            "banner: {}",
            text.chars().take(200).collect::<String>()
        ));
        id.facts = serde_json::json!({ "banner": text });
        return Some(id);
    };
    if !text.is_empty() {
        id.evidence.push(format!(
            "banner: {}",
            text.chars().take(120).collect::<String>()
        ));
    }
    let service = id.service.clone().unwrap_or_default();
    id.adopt(db.match_banner(&service, &text));
    Some(id)
}

/// A line starting with a three-digit reply code (`500 OOPS: …`, `421 Service not available`).
fn reply_code(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 4 && b[..3].iter().all(u8::is_ascii_digit) && matches!(b[3], b' ' | b'-')
}

/// TLS answered: is it HTTPS (and which product), or something else inside TLS?
async fn over_tls(addr: SocketAddr, p: &Probe, db: &Db, tls: TlsInfo) -> Identified {
    let mut id = match web(addr, p, db, true).await {
        Some(id) => id,
        None => Identified::named("tls"),
    };
    if let Some(c) = &tls.certificate {
        id.evidence
            .push(format!("certificate: {} (issuer {})", c.subject, c.issuer));
    }
    id.tls = Some(tls);
    id
}

/// HTTP(S): `/` and every fingerprint path, then the version paths of what was recognised.
async fn web(addr: SocketAddr, p: &Probe, db: &Db, tls: bool) -> Option<Identified> {
    let (first, off_host) = crate::http::fetch(addr, tls, "/", p).await.ok()?;
    let (_, last) = first.last()?;
    let mut id = Identified::named(if tls { "https" } else { "http" });
    let page = last.text().to_ascii_lowercase();
    let seen = HttpSeen {
        tls,
        server: last.header("server").map(str::to_string),
        title: last.title(),
        login_form: page.contains("type=\"password\"") || page.contains("type=password"),
        off_host_redirect: off_host,
    };
    let mut responses: BTreeMap<String, crate::http::Response> = BTreeMap::new();
    for (path, r) in &first {
        id.evidence.push(format!("GET {path} → {}", r.status));
    }
    // The page a visitor ends on counts as `/` for the rules.
    responses.insert("/".into(), last.clone());
    for path in db.probe_paths() {
        if responses.contains_key(&path) {
            continue;
        }
        if let Ok(r) = crate::http::get(addr, tls, &path, p).await {
            responses.insert(path, r);
        }
    }
    let mut matches = db.match_http(&responses);
    if !matches.is_empty() {
        for m in matches.clone() {
            for path in db.version_paths(&m.rule) {
                if responses.contains_key(&path) {
                    continue;
                }
                if let Ok(r) = crate::http::get(addr, tls, &path, p).await {
                    responses.insert(path, r);
                }
            }
        }
        matches = db.match_http(&responses);
    }
    if let Some(server) = &seen.server {
        id.evidence.push(format!("Server: {server}"));
        matches.extend(db.match_banner("http-server", server));
    }
    if let Some(t) = &seen.title {
        id.evidence.push(format!("title: {t}"));
    }
    id.facts = serde_json::json!({
        "status": last.status,
        "server": seen.server,
        "title": seen.title,
        "cookies": last.cookie_names(),
        "login_form": seen.login_form,
        "off_host_redirect": seen.off_host_redirect,
    });
    id.adopt(matches);
    id.http = Some(seen);
    Some(id)
}
