//! Real servers on loopback for posture tests (feature `testing`): an authoritative NSD
//! serving the test's zone files, a throw-away certificate authority made with `openssl`, and
//! `openssl s_server -WWW` serving MTA-STS policy files over HTTPS. Nothing here reaches
//! another machine.
//!
//! `HOSHI_NSD=required` (set by `.ci/run`) turns a missing `nsd` from a skip into a failure.

use std::net::{SocketAddr, TcpStream, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A zone record's TXT value split into quoted strings of at most 255 bytes.
pub fn txt(value: &str) -> String {
    let bytes = value.as_bytes();
    let parts: Vec<String> = bytes
        .chunks(255)
        .map(|c| format!("\"{}\"", String::from_utf8_lossy(c)))
        .collect();
    format!("( {} )", parts.join(" "))
}

fn free_port() -> u16 {
    for _ in 0..50 {
        let Ok(u) = UdpSocket::bind("127.0.0.1:0") else {
            continue;
        };
        let port = u.local_addr().map(|a| a.port()).unwrap_or(0);
        if port != 0 && std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
    panic!("no free port on 127.0.0.1");
}

fn wait_tcp(addr: SocketAddr, what: &str, child: &mut Child, log: &Path) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!(
                "{what} ended ({status}): {}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{what} did not start on {addr}");
}

/// A child process stopped when dropped.
struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// An NSD process; stopped when dropped.
pub struct Nsd {
    pub addr: SocketAddr,
    _child: Proc,
}

impl Nsd {
    /// Serves `zones` (origin, zone file text) from `dir`. `None` when NSD is not installed and
    /// not required.
    pub fn start(dir: &Path, zones: &[(&str, String)]) -> Option<Nsd> {
        let nsd = ["/usr/sbin/nsd", "/usr/local/sbin/nsd"]
            .into_iter()
            .map(PathBuf::from)
            .find(|p| p.exists());
        let Some(nsd) = nsd else {
            assert!(
                std::env::var("HOSHI_NSD").as_deref() != Ok("required"),
                "nsd is required (HOSHI_NSD=required) but not installed"
            );
            eprintln!("skipped: nsd is not installed (Debian package nsd)");
            return None;
        };
        let port = free_port();
        let d = dir.display();
        let mut conf = format!(
            "server:\n  ip-address: 127.0.0.1@{port}\n  port: {port}\n  username: \"\"\n  chroot: \"\"\n  zonesdir: \"{d}\"\n  pidfile: \"{d}/nsd.pid\"\n  database: \"\"\n  xfrdfile: \"{d}/xfrd.state\"\n  zonelistfile: \"{d}/zone.list\"\n  logfile: \"{d}/nsd.log\"\n  server-count: 1\n  verbosity: 1\n  hide-version: yes\nremote-control:\n  control-enable: no\n"
        );
        for (origin, text) in zones {
            let file = format!("{origin}.zone");
            std::fs::write(dir.join(&file), text).expect("zone file");
            conf.push_str(&format!(
                "zone:\n  name: \"{origin}\"\n  zonefile: \"{file}\"\n"
            ));
        }
        std::fs::write(dir.join("nsd.conf"), conf).expect("nsd.conf");
        let log = dir.join("nsd.log");
        let mut child = Command::new(nsd)
            .arg("-d")
            .arg("-c")
            .arg(dir.join("nsd.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::from(
                std::fs::File::create(dir.join("nsd.err")).expect("log"),
            ))
            .spawn()
            .expect("start nsd");
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        wait_tcp(addr, "nsd", &mut child, &log);
        Some(Nsd {
            addr,
            _child: Proc(child),
        })
    }
}

/// A certificate authority of the test and certificates it signed, made with `openssl`.
pub struct Pki {
    pub dir: PathBuf,
    pub ca_pem: Vec<u8>,
}

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("openssl");
    assert!(
        out.status.success(),
        "openssl {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Pki {
    pub fn new(dir: &Path) -> Pki {
        openssl(
            dir,
            &[
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "3",
                "-subj",
                "/CN=hoshi posture test CA",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign",
            ],
        );
        Pki {
            dir: dir.to_path_buf(),
            ca_pem: std::fs::read(dir.join("ca.pem")).expect("ca.pem"),
        }
    }

    /// A server certificate for `names`, valid `days` days: (certificate file, key file).
    pub fn server(&self, stem: &str, names: &[&str], days: u32) -> (PathBuf, PathBuf) {
        let san: Vec<String> = names.iter().map(|n| format!("DNS:{n}")).collect();
        std::fs::write(
            self.dir.join(format!("{stem}.cnf")),
            format!(
                "subjectAltName={}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
                san.join(",")
            ),
        )
        .expect("ext");
        let (key, csr, pem) = (
            format!("{stem}.key"),
            format!("{stem}.csr"),
            format!("{stem}.pem"),
        );
        openssl(
            &self.dir,
            &[
                "req",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                &key,
                "-out",
                &csr,
                "-subj",
                &format!("/CN={}", names[0]),
            ],
        );
        openssl(
            &self.dir,
            &[
                "x509",
                "-req",
                "-in",
                &csr,
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                &pem,
                "-days",
                &days.to_string(),
                "-extfile",
                &format!("{stem}.cnf"),
            ],
        );
        (self.dir.join(pem), self.dir.join(key))
    }

    /// The CA as roots for `Options::extra_roots`.
    pub fn roots(&self) -> Vec<rustls::pki_types::CertificateDer<'static>> {
        use rustls::pki_types::pem::PemObject;
        rustls::pki_types::CertificateDer::pem_slice_iter(&self.ca_pem)
            .collect::<Result<_, _>>()
            .expect("ca pem")
    }

    /// A rustls server configuration with a certificate and key made by `server`.
    pub fn server_config(cert: &Path, key: &Path) -> Arc<rustls::ServerConfig> {
        use rustls::pki_types::pem::PemObject;
        use rustls::pki_types::{CertificateDer, PrivateKeyDer};
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(cert)
            .expect("cert")
            .collect::<Result<_, _>>()
            .expect("cert");
        let key = PrivateKeyDer::from_pem_file(key).expect("key");
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        Arc::new(
            rustls::ServerConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .expect("versions")
                .with_no_client_auth()
                .with_single_cert(certs, key)
                .expect("server config"),
        )
    }
}

/// `openssl s_server -WWW` serving the files of `root` over HTTPS on a free loopback port.
pub struct Https {
    pub port: u16,
    _child: Proc,
}

impl Https {
    pub fn start(root: &Path, cert: &Path, key: &Path) -> Https {
        let port = free_port();
        let log = root.join("s_server.log");
        let mut child = Command::new("openssl")
            .args(["s_server", "-quiet", "-WWW", "-accept"])
            .arg(format!("127.0.0.1:{port}"))
            .arg("-cert")
            .arg(cert)
            .arg("-key")
            .arg(key)
            .current_dir(root)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(std::fs::File::create(&log).expect("log")))
            .spawn()
            .expect("openssl s_server");
        wait_tcp(
            SocketAddr::from(([127, 0, 0, 1], port)),
            "openssl s_server",
            &mut child,
            &log,
        );
        Https {
            port,
            _child: Proc(child),
        }
    }
}
