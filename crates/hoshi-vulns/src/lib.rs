//! Vulnerability matching for `hoshi vulns` (issue 13): how versions are ordered in each
//! ecosystem and by each appliance vendor (`version`), and — built on it — the ranges of OSV and
//! NVD records and the local index; the inputs a check reads (SBOMs, package lists, Windows
//! software lists). Pure: bytes and values in, values out; no files, no network.

pub mod appliance;
pub mod assets;
pub mod check;
pub mod cvss;
pub mod desktop;
pub mod epss;
pub mod index;
pub mod input;
pub mod kev;
pub mod nvd;
pub mod osv;
pub mod packages;
pub mod purl;
pub mod report;
pub mod sbom;
pub mod version;
pub mod windows;
