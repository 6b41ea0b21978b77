//! The exposure check in the browser (issue 12): an organisation declares the addresses and host
//! names it runs on the internet (`targets`), owners run `hoshi scan` against them from the
//! server (`run`, executed by `jobs::scans`, one server per scan through a lease), read the result
//! worst first with the difference to the previous scan (`page`), and attach a scan to an
//! assessment as evidence with the status it suggests per criterion (`attach`). Rescans follow
//! the organisation's schedule; a new critical finding is mailed to its owners.
//!
//! Safety: only declared targets are scanned; an address outside the public internet is refused
//! unless the administrator allowed its network (`hoshi serve --scan-allow`), checked again on
//! the addresses a host name resolves to when the scan runs; the scanner's own limits (rate,
//! non-intrusive probes, same-host redirects) and log of everything sent apply as on the CLI.

mod alert;
mod attach;
mod page;
mod run;
mod targets;
mod texts;

use std::net::IpAddr;

pub use alert::alert_text;
pub use run::day_start_jst;
pub(crate) use texts::TEXTS;

use hoshi_store::orgs::Role;

use crate::kernel::proxy::IpNet;
use crate::kernel::routes::{Access, Routes};

/// What this server's exposure check may scan and how much.
#[derive(Debug, Clone)]
pub struct ScanPolicy {
    /// Networks outside the public internet the administrator allows (an on-premises hoshi
    /// checking its own LAN; tests on loopback). Public addresses are always allowed.
    pub allow: Vec<IpNet>,
    /// Addresses one scan may cover (a declared range may not be larger).
    pub max_addresses: usize,
    /// Scans an organisation may run per day (Japan time), scheduled ones included.
    pub daily_max: u32,
    /// Connection attempts per second of one scan.
    pub rate: u32,
    /// Rescans: how often the schedule is looked at.
    pub tick: std::time::Duration,
}

impl Default for ScanPolicy {
    fn default() -> Self {
        ScanPolicy {
            allow: Vec::new(),
            max_addresses: 256,
            daily_max: 10,
            rate: 2_000,
            tick: std::time::Duration::from_secs(300),
        }
    }
}

impl ScanPolicy {
    /// The policy of the test servers: loopback allowed, rescans looked at every second.
    pub fn for_tests() -> ScanPolicy {
        ScanPolicy {
            allow: vec![IpNet::parse("127.0.0.0/8").unwrap_or_else(|| unreachable!())],
            tick: std::time::Duration::from_secs(1),
            ..ScanPolicy::default()
        }
    }

    /// Whether an address may be scanned.
    pub fn permits(&self, a: IpAddr) -> bool {
        hoshi_scan::target::is_public(a) || self.allow.iter().any(|n| n.contains(a))
    }

    /// Whether a whole block may be scanned.
    pub fn permits_block(&self, base: IpAddr, prefix: u8) -> bool {
        hoshi_scan::target::is_public_block(base, prefix)
            || self.allow.iter().any(|n| n.contains_block(base, prefix))
    }
}

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get(
            "/o/{org}/exposure",
            Access::Member(Role::Viewer),
            page::exposure_page,
        )
        .post(
            "/o/{org}/exposure/targets",
            Access::Member(Role::Editor),
            targets::declare,
        )
        .post(
            "/o/{org}/exposure/targets/{tid}/confirm",
            Access::Member(Role::Owner),
            targets::confirm,
        )
        .post(
            "/o/{org}/exposure/targets/{tid}/remove",
            Access::Member(Role::Owner),
            targets::remove,
        )
        .post(
            "/o/{org}/exposure/scans",
            Access::Member(Role::Owner),
            run::start,
        )
        .post(
            "/o/{org}/exposure/schedule",
            Access::Member(Role::Owner),
            run::schedule,
        )
        .get(
            "/o/{org}/exposure/scans/{sid}",
            Access::Member(Role::Viewer),
            page::scan_page,
        )
        .get(
            "/o/{org}/exposure/scans/{sid}/report.json",
            Access::Member(Role::Viewer),
            page::report_json,
        )
        .get(
            "/o/{org}/exposure/scans/{sid}/evidence",
            Access::Member(Role::Editor),
            attach::attach_page,
        )
        .post(
            "/o/{org}/exposure/scans/{sid}/evidence",
            Access::Member(Role::Editor),
            attach::attach,
        )
}
