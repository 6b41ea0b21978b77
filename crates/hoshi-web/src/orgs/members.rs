//! Owners change members' roles or remove them.

use hoshi_core::UserError;
use hoshi_store::orgs::{self, Role};

use super::invitations::RoleForm;
use crate::kernel::prelude::*;

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
