//! SSH (RFC 4253): the identification line and the server's key-exchange offer.
//!
//! The probe reads the server's identification line (skipping the free-text lines a server may
//! send before it, RFC 4253 §4.2), sends our own identification line, and reads the server's
//! first binary packet, SSH_MSG_KEXINIT, which lists every algorithm it is willing to use. It
//! stops there: we never send a KEXINIT of our own, so no key exchange and no authentication
//! ever start.

use std::net::SocketAddr;

use super::{Conn, printable};
use crate::Probe;

/// What we announce ourselves as.
pub const CLIENT_IDENT: &[u8] = b"SSH-2.0-hoshi_scan\r\n";

/// SSH_MSG_KEXINIT.
const MSG_KEXINIT: u8 = 20;

/// Largest packet we accept (RFC 4253 §6.1 asks implementations to handle 35000 bytes).
const MAX_PACKET: usize = 35_000;

/// The most bytes of text lines a server may send before its identification line.
const MAX_PREAMBLE: usize = 8192;

/// The parts of an identification line `SSH-protoversion-softwareversion SP comments`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Ident {
    /// `2.0`, `1.99` (speaks both 1 and 2) or `1.5`.
    pub proto: String,
    /// `OpenSSH_9.2p1`.
    pub software: String,
    /// `Debian-2+deb12u3`.
    pub comment: Option<String>,
}

/// The algorithm lists of a KEXINIT, in the server's order of preference.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct KexInit {
    pub kex: Vec<String>,
    pub host_key: Vec<String>,
    pub ciphers_c2s: Vec<String>,
    pub ciphers_s2c: Vec<String>,
    pub macs_c2s: Vec<String>,
    pub macs_s2c: Vec<String>,
    pub compression_c2s: Vec<String>,
    pub compression_s2c: Vec<String>,
}

/// What an SSH server showed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Facts {
    pub proto: String,
    pub software: String,
    pub comment: Option<String>,
    /// Named from the software field (`OpenSSH`, `Dropbear`, `Cisco`, `libssh`…).
    pub product: Option<String>,
    /// The version in the software field (`9.2p1`).
    pub version: Option<String>,
    /// Text lines the server sent before its identification line.
    pub preamble: Vec<String>,
    /// The server's algorithm offer; `None` if it sent no (valid) KEXINIT.
    pub kex: Option<KexInit>,
    /// Offered algorithms considered weak (each named once, in offer order).
    pub weak: Vec<String>,
}

/// Parses one identification line (with or without its CR LF).
pub fn parse_ident(line: &[u8]) -> Option<Ident> {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    if line.len() > 253 || !line.iter().all(|b| (b' '..=b'~').contains(b)) {
        return None;
    }
    let line = std::str::from_utf8(line).ok()?;
    let rest = line.strip_prefix("SSH-")?;
    let (proto, rest) = rest.split_once('-')?;
    if proto.is_empty() || !proto.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let (software, comment) = match rest.split_once(' ') {
        Some((s, c)) => (s, Some(c.trim()).filter(|c| !c.is_empty())),
        None => (rest, None),
    };
    Some(Ident {
        proto: proto.to_string(),
        software: software.to_string(),
        comment: comment.map(str::to_string),
    })
}

/// Finds the identification line in what a server sent: the first line starting with `SSH-`.
/// Returns it, the text lines before it and the offset just past it. `None` until a complete
/// identification line arrived (or if a line before it is binary garbage).
pub fn find_ident(buf: &[u8]) -> Option<(Ident, Vec<String>, usize)> {
    let mut pos = 0;
    let mut preamble = Vec::new();
    while let Some(nl) = buf.get(pos..)?.iter().position(|&b| b == b'\n') {
        let line = &buf[pos..pos + nl + 1];
        pos += nl + 1;
        if line.starts_with(b"SSH-") {
            return parse_ident(line).map(|id| (id, preamble, pos));
        }
        if line.contains(&0) || pos > MAX_PREAMBLE {
            return None;
        }
        if preamble.len() < 20 {
            preamble.push(printable(line, 256));
        }
    }
    None
}

/// The state of the binary packet at the start of `buf`.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame<'a> {
    /// Not all of it has arrived yet.
    Partial,
    /// The length fields make no sense: not an SSH packet.
    Invalid,
    /// The payload (padding removed) and the packet's total size.
    Complete(&'a [u8], usize),
}

/// Splits the unencrypted binary packet (RFC 4253 §6) at the start of `buf`.
pub fn frame(buf: &[u8]) -> Frame<'_> {
    let Some(head) = buf.get(..5) else {
        return Frame::Partial;
    };
    let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
    let padding = usize::from(head[4]);
    if !(5..=MAX_PACKET).contains(&len) || padding < 4 || padding + 1 > len {
        return Frame::Invalid;
    }
    match buf.get(5..4 + len - padding) {
        Some(payload) if buf.len() >= 4 + len => Frame::Complete(payload, 4 + len),
        _ => Frame::Partial,
    }
}

/// A byte reader over a packet payload that never reads past the end.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = (self.0.get(..n)?, self.0.get(n..)?);
        self.0 = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        let b = self.take(4)?;
        Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// An SSH name-list: a length and comma-separated printable ASCII names.
    fn name_list(&mut self) -> Option<Vec<String>> {
        let len = self.u32()? as usize;
        let raw = self.take(len)?;
        if !raw.iter().all(|b| (b'!'..=b'~').contains(b)) {
            return None;
        }
        let text = std::str::from_utf8(raw).ok()?;
        Some(
            text.split(',')
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .collect(),
        )
    }
}

/// Parses an SSH_MSG_KEXINIT payload (RFC 4253 §7.1).
pub fn parse_kexinit(payload: &[u8]) -> Option<KexInit> {
    let mut r = Reader(payload);
    if r.take(1)? != [MSG_KEXINIT] {
        return None;
    }
    r.take(16)?; // cookie
    let kex = KexInit {
        kex: r.name_list()?,
        host_key: r.name_list()?,
        ciphers_c2s: r.name_list()?,
        ciphers_s2c: r.name_list()?,
        macs_c2s: r.name_list()?,
        macs_s2c: r.name_list()?,
        compression_c2s: r.name_list()?,
        compression_s2c: r.name_list()?,
    };
    r.name_list()?; // languages client to server
    r.name_list()?; // languages server to client
    r.take(1)?; // first_kex_packet_follows
    r.u32()?; // reserved
    Some(kex)
}

/// Builds a KEXINIT payload from name-lists (for tests and fixtures).
pub fn kexinit_payload(lists: &[&str; 10]) -> Vec<u8> {
    let mut p = vec![MSG_KEXINIT];
    p.extend_from_slice(&[0x5a; 16]);
    for list in lists {
        p.extend_from_slice(&(list.len() as u32).to_be_bytes());
        p.extend_from_slice(list.as_bytes());
    }
    p.push(0);
    p.extend_from_slice(&0u32.to_be_bytes());
    p
}

/// Wraps a payload in an unencrypted binary packet, padded to a multiple of 8 (for fixtures).
pub fn packet(payload: &[u8]) -> Vec<u8> {
    let mut padding = 8 - (payload.len() + 5) % 8;
    if padding < 4 {
        padding += 8;
    }
    let len = payload.len() + padding + 1;
    let mut p = (len as u32).to_be_bytes().to_vec();
    p.push(padding as u8);
    p.extend_from_slice(payload);
    p.extend(std::iter::repeat_n(0u8, padding));
    p
}

/// Known implementations, by how their software field starts, and the name we report.
const PRODUCTS: &[(&str, &str)] = &[
    ("OpenSSH_for_Windows", "OpenSSH for Windows"),
    ("OpenSSH", "OpenSSH"),
    ("dropbear", "Dropbear"),
    ("Cisco", "Cisco"),
    ("libssh2", "libssh2"),
    ("libssh", "libssh"),
    ("ROSSSH", "MikroTik RouterOS"),
    ("AsyncSSH", "AsyncSSH"),
    ("paramiko", "Paramiko"),
    ("Sun_SSH", "Sun SSH"),
    ("HUAWEI", "Huawei"),
    ("Comware", "H3C Comware"),
    ("RomSShell", "RomSShell"),
    ("mpSSH", "mpSSH"),
    ("WeOnlyDo", "WeOnlyDo"),
    ("mod_sftp", "ProFTPD mod_sftp"),
    ("Erlang", "Erlang/OTP ssh"),
    ("Go", "Go x/crypto/ssh"),
];

/// Product and version from the software field: a known name at its start, and the version
/// that follows it (`OpenSSH_9.2p1` → OpenSSH 9.2p1, `dropbear_2022.83`, `Cisco-1.25`).
pub fn product(software: &str) -> (Option<String>, Option<String>) {
    for (prefix, name) in PRODUCTS {
        let Some(head) = software.get(..prefix.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(prefix) {
            continue;
        }
        let rest = &software[prefix.len()..];
        // "Go" must be the whole field, not the start of another name.
        if rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let version = rest
            .trim_start_matches(['_', '-', '/'])
            .trim_start_matches(['v', 'V']);
        let version = version
            .starts_with(|c: char| c.is_ascii_digit())
            .then(|| version.to_string());
        return (Some((*name).to_string()), version);
    }
    (None, None)
}

/// Whether an algorithm name is weak: SHA-1 key exchange and signatures, DSA, CBC modes, RC4,
/// 64-bit-block ciphers, MD5 and truncated or 64-bit MACs, and "none".
pub fn is_weak(name: &str) -> bool {
    const EXACT: &[&str] = &[
        "diffie-hellman-group1-sha1",
        "diffie-hellman-group14-sha1",
        "diffie-hellman-group-exchange-sha1",
        "rsa1024-sha1",
        "ssh-dss",
        "ssh-rsa",
        "ssh-dss-cert-v01@openssh.com",
        "ssh-rsa-cert-v01@openssh.com",
        "hmac-sha1-96",
        "hmac-sha1-96-etm@openssh.com",
        "none",
    ];
    const PREFIX: &[&str] = &[
        "arcfour",
        "hmac-md5",
        "umac-64",
        "gss-group1-sha1-",
        "gss-group14-sha1-",
        "gss-gex-sha1-",
    ];
    EXACT.contains(&name)
        || PREFIX.iter().any(|p| name.starts_with(p))
        || name.ends_with("-cbc")
        || name.ends_with("-cbc@lysator.liu.se")
        || name.ends_with("-cbc@openssh.com")
}

/// The weak algorithms a KEXINIT offers (compression is not a question of strength).
pub fn weak(kex: &KexInit) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let lists = [
        &kex.kex,
        &kex.host_key,
        &kex.ciphers_c2s,
        &kex.ciphers_s2c,
        &kex.macs_c2s,
        &kex.macs_s2c,
    ];
    for name in lists.into_iter().flatten() {
        if is_weak(name) && !out.contains(name) {
            out.push(name.clone());
        }
    }
    out
}

/// Facts from what the server sent: its identification line and, if it follows, its KEXINIT.
pub fn facts(buf: &[u8]) -> Option<Facts> {
    let (id, preamble, end) = find_ident(buf)?;
    let kex = match frame(&buf[end..]) {
        Frame::Complete(payload, _) => parse_kexinit(payload),
        _ => None,
    };
    let (product, version) = product(&id.software);
    Some(Facts {
        weak: kex.as_ref().map(weak).unwrap_or_default(),
        proto: id.proto,
        software: id.software,
        comment: id.comment,
        product,
        version,
        preamble,
        kex,
    })
}

/// Talks to the SSH server at `addr` up to its KEXINIT. `None` if it is no SSH server.
pub async fn probe(addr: SocketAddr, p: &Probe) -> Option<Facts> {
    let mut conn = Conn::open(addr, p, "ssh").await.ok()?;
    conn.read_until(|b| find_ident(b).is_some(), MAX_PREAMBLE + 256)
        .await
        .ok()?;
    let (id, _, end) = find_ident(&conn.buf)?;
    // An SSH-1-only server ("SSH-1.5-") would not understand the rest; "1.99" speaks both.
    if id.proto.starts_with("1.") && id.proto != "1.99" {
        return facts(&conn.buf);
    }
    if conn.send(CLIENT_IDENT).await.is_ok() {
        let packet_done =
            |b: &[u8]| !matches!(frame(b.get(end..).unwrap_or_default()), Frame::Partial);
        // A server that closes or stalls here still told us who it is.
        let _ = conn.read_until(packet_done, end + MAX_PACKET + 4).await;
    }
    facts(&conn.buf)
}

#[cfg(test)]
mod tests {
    use super::super::testing::{Step, probe_for, serve};
    use super::*;
    use std::time::Duration;

    /// OpenSSH 9.2's default offer on Debian 12 (abridged but in the real order).
    const OPENSSH_LISTS: [&str; 10] = [
        "sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group14-sha256,kex-strict-s-v00@openssh.com",
        "rsa-sha2-512,rsa-sha2-256,ecdsa-sha2-nistp256,ssh-ed25519",
        "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com",
        "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com",
        "umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-64@openssh.com,umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1",
        "umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-64@openssh.com,umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1",
        "none,zlib@openssh.com",
        "none,zlib@openssh.com",
        "",
        "",
    ];

    /// An old appliance's offer.
    const OLD_LISTS: [&str; 10] = [
        "diffie-hellman-group1-sha1,diffie-hellman-group14-sha1,diffie-hellman-group-exchange-sha1",
        "ssh-rsa,ssh-dss",
        "aes128-cbc,3des-cbc,blowfish-cbc,cast128-cbc,arcfour128,arcfour,aes128-ctr",
        "aes128-cbc,3des-cbc",
        "hmac-md5,hmac-sha1,hmac-sha1-96,hmac-md5-96",
        "hmac-md5,hmac-sha1",
        "none",
        "none",
        "",
        "",
    ];

    #[test]
    fn identification_lines() {
        let id = parse_ident(b"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n").unwrap();
        assert_eq!(id.proto, "2.0");
        assert_eq!(id.software, "OpenSSH_9.2p1");
        assert_eq!(id.comment.as_deref(), Some("Debian-2+deb12u3"));
        let id = parse_ident(b"SSH-1.99-Cisco-1.25\n").unwrap();
        assert_eq!(
            (id.proto.as_str(), id.software.as_str()),
            ("1.99", "Cisco-1.25")
        );
        assert_eq!(id.comment, None);
        assert!(parse_ident(b"SSH-2.0\r\n").is_none());
        assert!(parse_ident(b"SSH-x.y-foo\r\n").is_none());
        assert!(parse_ident(b"HTTP/1.1 400 Bad Request\r\n").is_none());
        assert!(parse_ident(b"SSH-2.0-a\x00b\r\n").is_none());
        assert!(parse_ident(&[b'S'; 400]).is_none());
    }

    #[test]
    fn preamble_lines_before_the_identification() {
        let buf =
            b"Welcome to the box\r\nAuthorized use only\r\nSSH-2.0-dropbear_2022.83\r\n\x00\x00";
        let (id, pre, end) = find_ident(buf).unwrap();
        assert_eq!(id.software, "dropbear_2022.83");
        assert_eq!(pre, ["Welcome to the box", "Authorized use only"]);
        assert_eq!(&buf[end..], b"\x00\x00");
        assert!(find_ident(b"Welcome\r\nSSH-2.0-Open").is_none());
        assert!(find_ident(b"\x00\x01\x02\n").is_none());
    }

    #[test]
    fn products_from_the_software_field() {
        let cases = [
            ("OpenSSH_9.2p1", Some("OpenSSH"), Some("9.2p1")),
            (
                "OpenSSH_for_Windows_8.1",
                Some("OpenSSH for Windows"),
                Some("8.1"),
            ),
            ("dropbear_2022.83", Some("Dropbear"), Some("2022.83")),
            ("dropbear", Some("Dropbear"), None),
            ("Cisco-1.25", Some("Cisco"), Some("1.25")),
            ("libssh_0.10.4", Some("libssh"), Some("0.10.4")),
            ("libssh-0.9.6", Some("libssh"), Some("0.9.6")),
            ("libssh2_1.10.0", Some("libssh2"), Some("1.10.0")),
            ("ROSSSH", Some("MikroTik RouterOS"), None),
            ("Go", Some("Go x/crypto/ssh"), None),
            ("Gobbledygook", None, None),
            ("", None, None),
        ];
        for (software, product_name, version) in cases {
            let (p, v) = product(software);
            assert_eq!(p.as_deref(), product_name, "{software}");
            assert_eq!(v.as_deref(), version, "{software}");
        }
    }

    #[test]
    fn kexinit_round_trip_and_weak_algorithms() {
        let kex = parse_kexinit(&kexinit_payload(&OPENSSH_LISTS)).unwrap();
        assert_eq!(kex.kex[0], "sntrup761x25519-sha512@openssh.com");
        assert_eq!(kex.host_key.len(), 4);
        assert_eq!(kex.compression_s2c, ["none", "zlib@openssh.com"]);
        assert_eq!(
            weak(&kex),
            ["umac-64-etm@openssh.com", "umac-64@openssh.com"]
        );

        let old = parse_kexinit(&kexinit_payload(&OLD_LISTS)).unwrap();
        assert_eq!(
            weak(&old),
            [
                "diffie-hellman-group1-sha1",
                "diffie-hellman-group14-sha1",
                "diffie-hellman-group-exchange-sha1",
                "ssh-rsa",
                "ssh-dss",
                "aes128-cbc",
                "3des-cbc",
                "blowfish-cbc",
                "cast128-cbc",
                "arcfour128",
                "arcfour",
                "hmac-md5",
                "hmac-sha1-96",
                "hmac-md5-96",
            ]
        );
    }

    #[test]
    fn hostile_packets_are_refused() {
        let good = packet(&kexinit_payload(&OPENSSH_LISTS));
        assert!(matches!(frame(&good), Frame::Complete(_, n) if n == good.len()));
        assert_eq!(good.len() % 8, 0);
        // Every truncation is partial or refused, never a panic.
        for cut in 0..good.len() {
            assert!(!matches!(frame(&good[..cut]), Frame::Complete(..)));
        }
        assert_eq!(frame(&[0xff, 0xff, 0xff, 0xff, 4]), Frame::Invalid);
        assert_eq!(frame(&[0, 0, 0, 8, 9]), Frame::Invalid);
        assert_eq!(frame(&[0, 0, 0, 8, 2]), Frame::Invalid);
        // A name-list length past the end, a wrong message number, non-ASCII names.
        let mut bad = kexinit_payload(&OPENSSH_LISTS);
        bad[17..21].copy_from_slice(&u32::MAX.to_be_bytes());
        assert!(parse_kexinit(&bad).is_none());
        assert!(parse_kexinit(&[21; 40]).is_none());
        let mut bad = kexinit_payload(&OPENSSH_LISTS);
        bad[21] = 0xc3;
        assert!(parse_kexinit(&bad).is_none());
        for cut in 0..60 {
            let _ = parse_kexinit(&kexinit_payload(&OLD_LISTS)[..cut]);
        }
        assert!(facts(b"\xff\xfe\n").is_none());
    }

    #[tokio::test]
    async fn probe_reads_kexinit_after_preamble_and_stops() {
        let server_says = b"Hello\r\nSSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n".to_vec();
        let kexinit = packet(&kexinit_payload(&OLD_LISTS));
        let (addr, server) = serve(vec![vec![
            Step::Write(server_says),
            Step::ReadUntil(b"\r\n".to_vec()),
            Step::Write(kexinit[..30].to_vec()),
            Step::Pause(20),
            Step::Write(kexinit[30..].to_vec()),
        ]])
        .await;
        let p = probe_for(Duration::from_secs(3));
        let facts = probe(addr, &p).await.unwrap();
        assert_eq!(facts.product.as_deref(), Some("OpenSSH"));
        assert_eq!(facts.version.as_deref(), Some("9.2p1"));
        assert_eq!(facts.comment.as_deref(), Some("Debian-2+deb12u3"));
        assert_eq!(facts.preamble, ["Hello"]);
        assert_eq!(facts.kex.unwrap().host_key, ["ssh-rsa", "ssh-dss"]);
        assert!(facts.weak.contains(&"3des-cbc".to_string()));
        // We sent our identification line and nothing else.
        assert_eq!(server.await.unwrap()[0], CLIENT_IDENT);
        assert_eq!(p.log.entries().len(), 1);
    }

    #[tokio::test]
    async fn probe_keeps_the_identification_when_no_kexinit_follows() {
        let (addr, server) = serve(vec![vec![
            Step::Write(b"SSH-2.0-dropbear_2020.81\r\n".to_vec()),
            Step::ReadUntil(b"\n".to_vec()),
            Step::Close,
        ]])
        .await;
        let p = probe_for(Duration::from_secs(2));
        let facts = probe(addr, &p).await.unwrap();
        assert_eq!(facts.product.as_deref(), Some("Dropbear"));
        assert_eq!(facts.kex, None);
        assert!(facts.weak.is_empty());
        server.await.unwrap();
    }

    /// Against a real OpenSSH server when one is installed (package openssh-server).
    #[tokio::test]
    async fn real_openssh_server() {
        let Some(server) = real::start().await else {
            return;
        };
        let p = probe_for(Duration::from_secs(5));
        let facts = probe(server.addr, &p).await.expect("sshd answers");
        assert_eq!(facts.product.as_deref(), Some("OpenSSH"));
        assert!(facts.version.is_some());
        let kex = facts.kex.expect("KEXINIT from sshd");
        assert!(kex.kex.iter().any(|k| k.starts_with("curve25519")));
        // Our test server offers only modern algorithms apart from the listed one.
        assert_eq!(facts.weak, ["hmac-sha1-96"]);
    }

    mod real {
        use super::super::super::testing::{Child, find_program, free_port, wait_for_listener};
        use std::net::SocketAddr;
        use std::process::{Command, Stdio};
        use std::time::Duration;

        pub struct Server {
            pub addr: SocketAddr,
            _child: Child,
            _dir: tempfile::TempDir,
        }

        /// Starts `sshd -D` on a free loopback port with a fresh host key and a configuration
        /// that lets nobody in. `None` (and a note) if sshd is not installed or won't start.
        pub async fn start() -> Option<Server> {
            let Some(sshd) = find_program(&["/usr/sbin/sshd", "sshd"]) else {
                eprintln!("skipped: sshd is not installed (Debian package openssh-server)");
                return None;
            };
            let dir = tempfile::tempdir().ok()?;
            let key = dir.path().join("host_ed25519");
            let made = Command::new("ssh-keygen")
                .args(["-q", "-t", "ed25519", "-N", "", "-f"])
                .arg(&key)
                .stdout(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            assert!(made, "ssh-keygen could not make a host key");
            // As root sshd wants its privilege-separation directory.
            let _ = std::fs::create_dir_all("/run/sshd");
            let port = free_port();
            let config = dir.path().join("sshd_config");
            let text = format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nPidFile none\n\
                 PasswordAuthentication no\nKbdInteractiveAuthentication no\n\
                 PubkeyAuthentication no\nAllowUsers nobody-here\nUsePAM no\n\
                 MACs hmac-sha2-256-etm@openssh.com,hmac-sha1-96\n",
                key.display()
            );
            std::fs::write(&config, text).ok()?;
            let child = Command::new(&sshd)
                .args(["-D", "-e", "-f"])
                .arg(&config)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .ok()?;
            let child = Child(child);
            let addr: SocketAddr = ([127, 0, 0, 1], port).into();
            // Installed but not starting is a failure, not a skip.
            assert!(
                wait_for_listener(addr, Duration::from_secs(10)).await,
                "sshd did not start listening"
            );
            Some(Server {
                addr,
                _child: child,
                _dir: dir,
            })
        }
    }
}
