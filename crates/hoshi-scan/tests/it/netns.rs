//! A test network: a namespace with its own stack, joined to ours by a veth pair, so a scan
//! crosses a real link with the delay, loss and firewall rules a test sets. Needs root (as in
//! CI); tests say plainly when they fall back or skip.

use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::os::fd::AsRawFd;
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

static NEXT: AtomicU32 = AtomicU32::new(0);

/// A namespace `hs<pid>n<k>` with the address `10.251.<k>.2`, reached from here as a
/// neighbour at `10.251.<k>.1`. Deleted (with its links) on drop.
pub struct Net {
    pub name: String,
    pub address: IpAddr,
    host_link: String,
}

fn run(args: &[&str]) -> Result<(), String> {
    let out = Command::new(args[0])
        .args(&args[1..])
        .output()
        .map_err(|e| format!("{}: {e}", args[0]))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

impl Net {
    /// A new namespace, or why one cannot be made here.
    pub fn new() -> Result<Net, String> {
        if unsafe { libc::geteuid() } != 0 {
            return Err("not root".into());
        }
        let k = NEXT.fetch_add(1, Ordering::SeqCst) % 200 + (std::process::id() % 50);
        let name = format!("hs{}n{k}", std::process::id());
        let host_link = format!("hs{}a{k}", std::process::id() % 100_000);
        let peer = format!("hs{}b{k}", std::process::id() % 100_000);
        let net = Net {
            name: name.clone(),
            address: IpAddr::V4(Ipv4Addr::new(
                10,
                251,
                u8::try_from(k % 250).unwrap_or(0),
                2,
            )),
            host_link: host_link.clone(),
        };
        let here = format!("10.251.{}.1/24", k % 250);
        let there = format!("10.251.{}.2/24", k % 250);
        run(&["ip", "netns", "add", &name])?;
        run(&[
            "ip", "link", "add", &host_link, "type", "veth", "peer", "name", &peer,
        ])?;
        run(&["ip", "link", "set", &peer, "netns", &name])?;
        run(&["ip", "addr", "add", &here, "dev", &host_link])?;
        run(&["ip", "link", "set", &host_link, "up"])?;
        run(&["ip", "-n", &name, "addr", "add", &there, "dev", &peer])?;
        run(&["ip", "-n", &name, "link", "set", &peer, "up"])?;
        run(&["ip", "-n", &name, "link", "set", "lo", "up"])?;
        // Delay and loss on the namespace's side apply to its answers (SYN-ACK, RST, data).
        let _ = &peer;
        Ok(net)
    }

    /// Random loss (%) of the namespace's incoming and outgoing packets, both directions of
    /// every exchange. (Delay would need the kernel's netem queueing discipline, which the
    /// test machines' kernel does not have; nftables can drop at random.)
    pub fn lose(&self, percent: u32) -> Result<(), String> {
        let rules = format!(
            "table inet hoshiloss {{\n chain input {{ type filter hook input priority -10; numgen random mod 100 < {percent} drop; }}\n chain output {{ type filter hook output priority -10; numgen random mod 100 < {percent} drop; }}\n}}\n"
        );
        let file = std::env::temp_dir().join(format!("{}-loss.nft", self.name));
        std::fs::write(&file, rules).map_err(|e| e.to_string())?;
        let r = run(&[
            "ip",
            "netns",
            "exec",
            &self.name,
            "nft",
            "-f",
            &file.to_string_lossy(),
        ]);
        let _ = std::fs::remove_file(&file);
        r
    }

    /// Firewall rules inside the namespace: `drop` silently drops SYNs to these ports,
    /// `reject` answers them with an ICMP "administratively prohibited".
    pub fn firewall(&self, drop: &[u16], reject: &[u16]) -> Result<(), String> {
        let set = |ports: &[u16]| {
            ports
                .iter()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut rules = String::from(
            "table inet hoshitest {\n chain input {\n  type filter hook input priority 0; policy accept;\n",
        );
        if !drop.is_empty() {
            rules.push_str(&format!("  tcp dport {{ {} }} drop\n", set(drop)));
        }
        if !reject.is_empty() {
            rules.push_str(&format!(
                "  tcp dport {{ {} }} reject with icmp type admin-prohibited\n",
                set(reject)
            ));
        }
        rules.push_str(" }\n}\n");
        let file = std::env::temp_dir().join(format!("{}.nft", self.name));
        std::fs::write(&file, rules).map_err(|e| e.to_string())?;
        run(&[
            "ip",
            "netns",
            "exec",
            &self.name,
            "nft",
            "-f",
            &file.to_string_lossy(),
        ])
    }

    /// Listeners bound inside the namespace (they stay there when handed back to this thread).
    pub fn listen(&self, ports: &[u16]) -> Result<Vec<TcpListener>, String> {
        let path = format!("/var/run/netns/{}", self.name);
        let address = self.address;
        let ports = ports.to_vec();
        std::thread::spawn(move || -> Result<Vec<TcpListener>, String> {
            let f = std::fs::File::open(&path).map_err(|e| format!("{path}: {e}"))?;
            if unsafe { libc::setns(f.as_raw_fd(), libc::CLONE_NEWNET) } != 0 {
                return Err(format!("setns: {}", std::io::Error::last_os_error()));
            }
            ports
                .iter()
                .map(|p| {
                    TcpListener::bind(SocketAddr::new(address, *p))
                        .map_err(|e| format!("bind {p}: {e}"))
                })
                .collect()
        })
        .join()
        .map_err(|_| "the namespace thread panicked".to_string())?
    }
}

impl Drop for Net {
    fn drop(&mut self) {
        let _ = run(&["ip", "link", "del", &self.host_link]);
        let _ = run(&["ip", "netns", "del", &self.name]);
        let _ = std::fs::remove_file(std::env::temp_dir().join(format!("{}.nft", self.name)));
    }
}
