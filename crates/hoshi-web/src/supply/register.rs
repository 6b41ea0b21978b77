//! Registering a supplier with the decision tree's three questions.

use crate::kernel::path::Path;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use hoshi_core::LevelAnswers;
use hoshi_core::OrgId;
use hoshi_core::UserError;
use hoshi_store::supply::{self, NewRelationship};
use serde::Deserialize;

use crate::kernel::ctx::Ctx;
use crate::kernel::error::{AppError, AppResult};
use crate::kernel::form::{FormState, checked, unprocessable};
use crate::kernel::guard::{Editor, Member, OrgForm};
use crate::{Shared, now};

#[derive(Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    supplier_name: String,
    #[serde(default)]
    corporate_number: String,
    #[serde(default)]
    contact_name: String,
    #[serde(default)]
    contact_email: String,
    #[serde(default)]
    supplies: String,
    #[serde(default, rename = "confidential-info")]
    confidential_info: String,
    #[serde(default, rename = "unacceptable-delay")]
    unacceptable_delay: String,
    #[serde(default, rename = "system-access")]
    system_access: String,
    #[serde(default)]
    due_date: String,
}

fn yes_no(v: &str, what: &'static str) -> AppResult<bool> {
    match v {
        "yes" => Ok(true),
        "no" => Ok(false),
        _ => Err(AppError::BadRequest(UserError::DecisionUnanswered {
            question: what,
        })),
    }
}

/// `POST /o/{org}/suppliers`: register a supplier; the decision tree sets the required level.
pub async fn register(
    State(state): State<Shared>,
    Path(org): Path<OrgId>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, RegisterForm>,
) -> AppResult<Response> {
    let fs = FormState::new(
        "register",
        &[
            ("supplier_name", &f.supplier_name),
            ("corporate_number", &f.corporate_number),
            ("contact_name", &f.contact_name),
            ("contact_email", &f.contact_email),
            ("supplies", &f.supplies),
            ("confidential-info", &f.confidential_info),
            ("unacceptable-delay", &f.unacceptable_delay),
            ("system-access", &f.system_access),
            ("due_date", &f.due_date),
        ],
    );
    match checked(create(&state, &ctx, &m.org.id, f).await, fs, ctx.lang)? {
        Ok(rel) => Ok(Redirect::to(&format!("/o/{org}/suppliers/{}", rel.id)).into_response()),
        Err(fs) => Ok(unprocessable(
            super::portfolio::render_portfolio(&state, &ctx, &m, &Default::default(), fs).await?,
        )),
    }
}

/// Checks the answers to the three questions and registers the supplier.
async fn create(
    state: &Shared,
    ctx: &Ctx,
    org_id: &str,
    f: RegisterForm,
) -> AppResult<supply::Relationship> {
    let answers = LevelAnswers {
        confidential_info: yes_no(&f.confidential_info, "confidential-info")?,
        unacceptable_delay: yes_no(&f.unacceptable_delay, "unacceptable-delay")?,
        system_access: yes_no(&f.system_access, "system-access")?,
    };
    let uid = ctx.user()?.0.id.clone();
    let oid = org_id.to_string();
    state
        .db(move |s| {
            s.write(|tx| {
                supply::create(
                    tx,
                    now(),
                    &uid,
                    NewRelationship {
                        buyer_org: &oid,
                        supplier_name: &f.supplier_name,
                        corporate_number: &f.corporate_number,
                        contact_name: &f.contact_name,
                        contact_email: &f.contact_email,
                        supplies: &f.supplies,
                        answers,
                        due_date: Some(f.due_date.trim()).filter(|d| !d.is_empty()),
                    },
                )
            })
        })
        .await
}
