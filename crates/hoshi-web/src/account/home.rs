//! `GET /`: the signed-in user's organisations.

use hoshi_core::UserError;
use hoshi_store::orgs::{self};
use hoshi_store::users::{self};

use crate::kernel::ctx::Ctx;
use crate::kernel::prelude::*;

#[derive(Template)]
#[template(path = "account/home.html")]
struct HomeT {
    p: Page,
    orgs: Vec<OrgRow>,
    mfa: bool,
    fs: FormState,
}

struct OrgRow {
    id: String,
    name: String,
    role: String,
}

pub async fn home(State(state): State<Shared>, ctx: Ctx) -> AppResult<Response> {
    render_home(&state, &ctx, FormState::default()).await
}

/// The home page; `fs` holds the new-organisation form when it is shown again.
pub(crate) async fn render_home(state: &Shared, ctx: &Ctx, fs: FormState) -> AppResult<Response> {
    if ctx.user.is_none() {
        let admins = state.db(|s| s.read(users::admin_count)).await?;
        if admins == 0 {
            return Err(AppError::BadRequest(UserError::NotSetUp));
        }
        return Err(AppError::Login);
    }
    let (u, _) = ctx.user()?;
    let uid = u.id.clone();
    let ms = state
        .db(move |s| s.read(|c| orgs::for_user(c, &uid)))
        .await?;
    let t = ctx.t();
    Ok(html(HomeT {
        p: Page::new(ctx, "orgs"),
        orgs: ms
            .into_iter()
            .map(|m| OrgRow {
                id: m.org.id,
                name: m.org.name,
                role: role_label(&t, m.role),
            })
            .collect(),
        mfa: u.mfa_enrolled(),
        fs,
    }))
}
