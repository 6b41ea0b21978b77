//! Checked organisation scopes. Every store function that reads one organisation's data takes an
//! [`OrgScope`] instead of a bare id: a scope is made only by the checks below, so a caller cannot
//! read an organisation it has not been found entitled to.
//!
//! Where scopes come from:
//! - [`crate::orgs::membership`] and [`crate::orgs::for_user`]: a member's own organisation
//!   ([`crate::orgs::Membership::scope`]);
//! - [`crate::reviews::for_expert_one`]: the organisation whose assessment an expert or evaluation
//!   body was assigned to review;
//! - [`crate::supply::share_of`]: the supplier organisation, as far as it shares with a buyer;
//! - [`OrgScope::operator`]: the operator's own tools (background jobs, the command line, demo
//!   data), which act for the whole instance. Web handlers never use it (a test checks).

/// An organisation whose data the holder may read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgScope {
    org_id: String,
}

impl OrgScope {
    /// Made by a check in this crate.
    pub(crate) fn checked(org_id: impl Into<String>) -> OrgScope {
        OrgScope {
            org_id: org_id.into(),
        }
    }

    /// For the operator's own tools, which act for the whole instance, not for a person.
    pub fn operator(org_id: &str) -> OrgScope {
        OrgScope::checked(org_id)
    }

    /// The organisation's id.
    pub fn org_id(&self) -> &str {
        &self.org_id
    }
}
