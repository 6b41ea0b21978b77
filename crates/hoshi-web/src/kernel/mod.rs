//! The kernel every feature builds on, and nothing feature-specific:
//!
//! - [`ctx`]: who is asking (session, user, language), cookies, CSRF checks;
//! - [`error`]: [`error::AppError`] and how it becomes a response, strict form decoding;
//! - [`form`]: forms shown again with the values typed and each problem beside its field;
//! - [`guard`]: who may call a handler, as extractor types (`Member<Editor>`, `OrgForm`, …);
//! - [`routes`]: the route table — every route is registered with the access it needs, and the
//!   same table builds the router and feeds the authorization matrix test;
//! - [`page`]: the layout's data, rendering, the message page, attachments, catalog look-up;
//! - [`signup`]: the sign-up fields and rules shared by every link that creates an account;
//! - [`upload`]: reading a multipart body with a limit;
//! - [`auth`]: passwords (Argon2id, policy) and TOTP;
//! - [`i18n`]: the text tables;
//! - [`http`]: security headers, the same-origin check, static assets, health;
//! - [`time`]: the clock.
//!
//! Features (`account`, `orgs`, `assessments`, …) use the kernel and the store; they never call
//! another feature's handlers.

pub mod auth;
pub mod ctx;
pub mod error;
pub mod form;
pub mod guard;
pub mod http;
pub mod i18n;
pub mod page;
pub mod path;
pub mod proxy;
pub mod routes;
pub mod seal;
pub mod signup;
pub mod time;
pub mod upload;

/// What nearly every handler file needs, imported with `use crate::kernel::prelude::*`.
pub mod prelude {
    pub use askama::Template;
    pub use axum::extract::{Query, State};
    pub use axum::http::{HeaderMap, StatusCode, header};
    pub use axum::response::{IntoResponse, Redirect, Response};
    pub use hoshi_core::Lang;
    pub use hoshi_core::{
        AssessmentId, AttestationId, EvidenceId, OrgId, RelationshipId, TokenId, UserId,
    };
    pub use hoshi_store::orgs::Role;
    pub use serde::Deserialize;

    pub use super::ctx::Ctx;
    pub use super::error::{AppError, AppForm, AppResult, CsrfOnly};
    pub use super::form::{FormState, checked, unprocessable};
    pub use super::guard::{
        Admin, AdminForm, AdminUpload, Editor, Member, OrgForm, OrgUpload, Owner, Reviewer,
        ReviewerForm, Signed, SignedForm, Viewer,
    };
    pub use super::i18n::Tr;
    pub use super::page::{
        Page, assessment_and_catalog, catalog_for, download, esc, html, pre_token, role_label,
        with_headers,
    };
    pub use super::path::Path;
    pub use super::routes::{Access, Routes};
    pub use super::time::{now, today};
    pub use crate::Shared;
}
