//! The fraud mail check in the browser (issue 15): any member checks a suspicious mail (an
//! .eml file or its pasted source) against the organisation's profile and gets the verdict,
//! the reasons and what to do in their language (`check`); only the verdict, score and signal
//! codes are recorded, never the mail. Owners keep the profile (`profile`), drafted from the
//! members (officer titles) and the suppliers hoshi already holds. The counts of the last year
//! are kept as evidence (`evidence`) for the training and incident-response criteria.
//!
//! The posture of the organisation's own mail domains (`posture`): editors run `hoshi-posture`
//! on the profile's domains (SPF, DKIM, DMARC, MTA-STS, TLS-RPT, the MX hosts' STARTTLS), every
//! member reads the findings and the records to publish, and the latest check's page can be kept
//! as evidence. What the check may connect to is the server's [`PosturePolicy`].

mod check;
mod evidence;
mod posture;
mod posture_view;
mod profile;
mod texts;

pub(crate) use texts::TEXTS;

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use hoshi_store::orgs::Role;

use crate::kernel::proxy::IpNet;
use crate::kernel::routes::{Access, Routes};

/// What this server's mail domain posture check may ask and connect to. The domains come from
/// an organisation's profile, so anyone with an account could name a domain whose MX points at
/// the server's own network: the check connects only to internet addresses and the networks
/// the administrator allows.
#[derive(Debug, Clone)]
pub struct PosturePolicy {
    /// The name servers asked (IP and port); empty: the system's resolver.
    pub dns: Vec<SocketAddr>,
    /// Networks outside the public internet the check may connect to (none by default).
    pub allow: Vec<IpNet>,
    /// The limit for each DNS query and each connection.
    pub timeout: Duration,
    /// The limit for one whole check of an organisation's domains.
    pub overall: Duration,
    /// Connect to the MX hosts (SMTP STARTTLS) and fetch MTA-STS policies; off: DNS only.
    pub connect: bool,
    /// The ports connected to (25 and 443; others only in tests).
    pub smtp_port: u16,
    pub https_port: u16,
}

impl Default for PosturePolicy {
    fn default() -> Self {
        PosturePolicy {
            dns: Vec::new(),
            allow: Vec::new(),
            timeout: Duration::from_secs(5),
            overall: Duration::from_secs(60),
            connect: true,
            smtp_port: 25,
            https_port: 443,
        }
    }
}

impl PosturePolicy {
    /// Whether the check may connect to `ip`.
    pub fn permits(&self, ip: IpAddr) -> bool {
        hoshi_mail::https::is_public(ip) || self.allow.iter().any(|n| n.contains(ip))
    }
}

pub(crate) fn routes() -> Routes {
    let viewer = Access::Member(Role::Viewer);
    let owner = Access::Member(Role::Owner);
    Routes::new()
        .get("/o/{org}/mail", viewer, check::page)
        .post("/o/{org}/mail/file", viewer, check::check_file)
        .post("/o/{org}/mail/source", viewer, check::check_source)
        .get(
            "/o/{org}/mail/evidence",
            Access::Member(Role::Editor),
            evidence::attach_page,
        )
        .post(
            "/o/{org}/mail/evidence",
            Access::Member(Role::Editor),
            evidence::attach,
        )
        .get("/o/{org}/mail/posture", viewer, posture::page)
        .post(
            "/o/{org}/mail/posture",
            Access::Member(Role::Editor),
            posture::run,
        )
        .get(
            "/o/{org}/mail/posture/evidence",
            Access::Member(Role::Editor),
            posture::attach_page,
        )
        .post(
            "/o/{org}/mail/posture/evidence",
            Access::Member(Role::Editor),
            posture::attach,
        )
        .get("/o/{org}/mail/profile", owner, profile::profile_page)
        .post("/o/{org}/mail/profile", owner, profile::save)
}
