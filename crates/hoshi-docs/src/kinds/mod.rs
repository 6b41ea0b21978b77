//! The texts of the documents, one module per group. Every sentence is hoshi's own wording.

mod backup;
mod governance;
mod incident;
mod rules;

use crate::fill::Cx;
use crate::{Kind, Section};

/// The drafted sections of `kind`.
pub(crate) fn sections(kind: Kind, cx: &mut Cx) -> Vec<Section> {
    match kind {
        Kind::Policy => governance::policy(cx),
        Kind::Roles => governance::roles(cx),
        Kind::Confidentiality => governance::confidentiality(cx),
        Kind::Pledge => governance::pledge(cx),
        Kind::Accounts => rules::accounts(cx),
        Kind::Devices => rules::devices(cx),
        Kind::Backup => backup::backup(cx),
        Kind::Incident => incident::incident(cx),
        Kind::IncidentReport => incident::report(cx),
    }
    cx.take()
}
