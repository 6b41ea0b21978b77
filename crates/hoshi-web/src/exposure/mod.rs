//! The exposure check in the browser (issue 12): an organisation declares the addresses and host
//! names it runs on the internet (`targets`), owners run `hoshi scan` against them from the
//! server (`run`, executed by `jobs::scans`, one server per scan through a lease), read the result
//! worst first with the difference to the previous scan (`page`), and attach a scan to an
//! assessment as evidence with the status it suggests per criterion (`attach`). Rescans follow
//! the organisation's schedule; a new critical finding is mailed to its owners.
//!
//! Safety: only declared targets are scanned, once an owner confirmed them and (unless the
//! server is started without it) an administrator of the instance approved them (`approve`);
//! an address outside the public internet is refused
//! unless the administrator allowed its network (`hoshi serve --scan-allow`), checked again on
//! the addresses a host name resolves to when the scan runs; the scanner's own limits (rate,
//! non-intrusive probes, same-host redirects) and log of everything sent apply as on the CLI.

mod alert;
mod approve;
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

/// When a scan ran (Japan's date) and what it covered, shown beside its report wherever the
/// report is evidence: `2026-12-03 · 203.0.113.7, vpn.example.co.jp`.
pub(crate) fn stamp_label(s: &hoshi_store::exposure::ScanStamp) -> String {
    format!(
        "{} · {}",
        hoshi_core::time::date_jst(s.finished_at),
        s.targets.join(", ")
    )
}

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
    /// Every declared target waits for an administrator of the instance before it is scanned
    /// (declaring an address proves nothing about owning it). Off only where the administrator
    /// and the organisation are the same people (`hoshi serve --scan-without-approval`).
    pub approval: bool,
}

impl Default for ScanPolicy {
    fn default() -> Self {
        ScanPolicy {
            allow: Vec::new(),
            max_addresses: 256,
            daily_max: 10,
            rate: 2_000,
            tick: std::time::Duration::from_secs(300),
            approval: true,
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
            "/admin/scan-targets",
            Access::Admin,
            approve::approvals_page,
        )
        .post("/admin/scan-targets/{tid}", Access::Admin, approve::decide)
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
