//! Owners change members' roles or remove them.

use hoshi_core::UserError;
use hoshi_store::orgs::{self, Role};

use super::invitations::RoleForm;
use crate::kernel::prelude::*;

#[derive(Deserialize)]
pub struct OfficerForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    officer_title: String,
}

/// `POST /o/{org}/members/{user}/officer`: an owner records a member as an officer with their
/// title (an empty title: not an officer). Only an officer declares in person.
pub async fn set_officer(
    State(state): State<Shared>,
    Path((org, user)): Path<(OrgId, UserId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Owner, OfficerForm>,
) -> AppResult<Response> {
    let actor = ctx.user()?.0.id.clone();
    let (oid, who, title) = (m.org.id.clone(), user, f.officer_title.clone());
    let done = state
        .db(move |s| {
            s.write(|tx| {
                let title = Some(title.as_str()).filter(|t| !t.trim().is_empty());
                orgs::set_officer(tx, now(), &actor, &oid, &who, title)
            })
        })
        .await;
    let fs = FormState::new("officer", &[("officer_title", &f.officer_title)]).at(&user);
    match checked(done, fs, ctx.lang)? {
        Ok(()) => Ok(Redirect::to(&format!("/o/{org}#members")).into_response()),
        Err(fs) => Ok(unprocessable(
            super::org::render_org(&state, &ctx, &m, None, fs).await?,
        )),
    }
}

/// `POST /o/{org}/members/{user}`: an owner changes a member's role or removes them.
pub async fn change_member(
    State(state): State<Shared>,
    Path((org, user)): Path<(OrgId, UserId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Owner, RoleForm>,
) -> AppResult<Response> {
    let actor = ctx.user()?.0.id.clone();
    let (oid, who) = (m.org.id.clone(), user);
    let done = if f.role == "remove" {
        state
            .db(move |s| s.write(|tx| orgs::remove(tx, now(), &actor, &oid, &who)))
            .await
    } else {
        let role = Role::parse(&f.role).ok_or(AppError::BadRequest(UserError::BadRequest))?;
        state
            .db(move |s| s.write(|tx| orgs::set_role(tx, now(), &actor, &oid, &who, role)))
            .await
    };
    // The last owner cannot leave or step down: the members table says so beside that member.
    let fs = FormState::new("member", &[("role", &f.role)]).at(&user);
    match checked(done, fs, ctx.lang)? {
        Ok(()) => Ok(Redirect::to(&format!("/o/{org}")).into_response()),
        Err(fs) => Ok(unprocessable(
            super::org::render_org(&state, &ctx, &m, None, fs).await?,
        )),
    }
}
