//! `GET /`: the signed-in user's organisations.

use hoshi_store::orgs::{self};
use hoshi_store::users::{self};

use crate::kernel::ctx::Ctx;
use crate::kernel::prelude::*;

#[derive(Template)]
#[template(path = "account/home.html")]
struct HomeT {
    p: Page,
    orgs: Vec<OrgRow>,
    /// Reviews assigned to the user as expert or for an evaluation body:
    /// (assessment id, organisation, title, status).
    reviews: Vec<(String, String, String, String)>,
    mfa: bool,
    fs: FormState,
}

struct OrgRow {
    id: String,
    name: String,
    role: String,
    /// What the organisation does here, for the way in: assessments, suppliers it buys from,
    /// buyers it supplies.
    assessments: usize,
    suppliers: i64,
    buyers: i64,
}

#[derive(Template)]
#[template(path = "account/welcome.html")]
struct WelcomeT {
    p: Page,
}

/// `/` for someone not signed in: the sign-in page once anyone can sign in (an administrator was
/// set up, or `--demo` made its accounts); before that, how to finish the set-up.
async fn first_contact(state: &Shared, ctx: &Ctx) -> AppResult<Response> {
    let (admins, demo) = state
        .db(|s| {
            s.read(|c| {
                Ok((
                    users::admin_count(c)?,
                    users::by_email(c, crate::server::DEMO_SUPPLIER.0)?.is_some(),
                ))
            })
        })
        .await?;
    if admins > 0 || demo {
        return Err(AppError::Login);
    }
    Ok(html(WelcomeT {
        p: Page::new(ctx, "welcome_title"),
    }))
}

pub async fn home(State(state): State<Shared>, ctx: Ctx) -> AppResult<Response> {
    render_home(&state, &ctx, FormState::default()).await
}

/// The home page; `fs` holds the new-organisation form when it is shown again.
pub(crate) async fn render_home(state: &Shared, ctx: &Ctx, fs: FormState) -> AppResult<Response> {
    if ctx.user.is_none() {
        return first_contact(state, ctx).await;
    }
    let (u, _) = ctx.user()?;
    let uid = u.id.clone();
    let (ms, assigned) = state
        .db(move |s| {
            s.read(|c| {
                let mut ms = Vec::new();
                for m in orgs::for_user(c, &uid)? {
                    let assessments = hoshi_store::assessments::list(c, m.scope())?.len();
                    let (suppliers, buyers) = hoshi_store::supply::counts(c, m.scope())?;
                    ms.push((m, assessments, suppliers, buyers));
                }
                Ok((ms, hoshi_store::reviews::for_expert(c, &uid)?))
            })
        })
        .await?;
    let t = ctx.t();
    let today = crate::kernel::time::today();
    Ok(html(HomeT {
        p: Page::new(ctx, "orgs"),
        reviews: assigned
            .into_iter()
            .map(|(a, org, r)| {
                let status = crate::review::view::status_label(&t, Some(&r), &today);
                (a.id, org, a.title, status)
            })
            .collect(),
        orgs: ms
            .into_iter()
            .map(|(m, assessments, suppliers, buyers)| OrgRow {
                id: m.org.id,
                name: m.org.name,
                role: role_label(&t, m.role),
                assessments,
                suppliers,
                buyers,
            })
            .collect(),
        mfa: u.mfa_enrolled(),
        fs,
    }))
}
