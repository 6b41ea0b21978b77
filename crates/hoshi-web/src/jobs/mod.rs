//! Work outside requests: the mail outbox worker and the expiry reminders, started by
//! [`outbox::spawn_background`].
//!
//! Handlers never talk SMTP: they write the message into the store's outbox in the same
//! transaction as the change (an invitation, a reminder), then wake the worker. The worker sends
//! what is due and records the outcome; transient failures are retried by the store's schedule.
//! Without SMTP settings nothing is queued and people copy links from the page instead.

pub mod backups;
pub mod catalogs;
pub mod cycle;
pub mod outbox;
pub mod reminders;
pub mod scans;

/// The daily re-check of imported attestations against their issuers' revocation lists (run by
/// the hourly tick; each attestation at most once a day).
pub use crate::attest::import::recheck_due as recheck_imported;
