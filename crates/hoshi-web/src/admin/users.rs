//! `/admin/users`: every account, with its state and the administrator's actions.

use hoshi_core::UserError;
use hoshi_store::users;

use crate::kernel::prelude::*;

/// One account as the list shows it.
struct UserRow {
    id: String,
    name: String,
    email: String,
    admin: bool,
    mfa: bool,
    disabled: bool,
    last_login: String,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersT {
    p: Page,
    users: Vec<UserRow>,
    /// The outcome of the last action: (user id, message, reset link to hand over).
    done: Option<(String, String, Option<String>)>,
    fs: FormState,
}

/// `GET /admin/users`.
pub async fn users_page(
    State(state): State<Shared>,
    Admin { ctx, .. }: Admin,
) -> AppResult<Response> {
    render(&state, &ctx, None, FormState::default()).await
}

async fn render(
    state: &Shared,
    ctx: &Ctx,
    done: Option<(String, String, Option<String>)>,
    fs: FormState,
) -> AppResult<Response> {
    let all = state.db(|s| s.read(users::list)).await?;
    let never = ctx.t().s("never").to_string();
    Ok(html(UsersT {
        p: Page::new(ctx, "admin_users"),
        users: all
            .into_iter()
            .map(|u| UserRow {
                mfa: u.mfa_enrolled(),
                last_login: u
                    .last_login_at
                    .map(|t| ctx.time(t))
                    .unwrap_or_else(|| never.clone()),
                id: u.id,
                name: u.display_name,
                email: u.email,
                admin: u.is_admin,
                disabled: u.disabled,
            })
            .collect(),
        done,
        fs,
    }))
}

#[derive(Deserialize)]
pub struct ActionForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    action: String,
}

/// `POST /admin/users/{user}`: `reset_link`, `reset_mfa`, `disable` or `enable`.
pub async fn user_action(
    State(state): State<Shared>,
    Path(user): Path<UserId>,
    AdminForm {
        admin: Admin { ctx, user: me },
        form: f,
    }: AdminForm<ActionForm>,
) -> AppResult<Response> {
    let (actor, id) = (me.id.clone(), user.to_string());
    let t = ctx.t();
    let done = match f.action.as_str() {
        "reset_link" => state
            .db(move |s| s.write(|tx| users::create_reset(tx, now(), Some(&actor), &id)))
            .await
            .map(|token| {
                let link = format!(
                    "{}/reset/{token}",
                    state.config.public_url.trim_end_matches('/')
                );
                (t.s("reset_link_for").to_string(), Some(link))
            }),
        "reset_mfa" => state
            .db(move |s| s.write(|tx| users::reset_mfa(tx, now(), &actor, &id)))
            .await
            .map(|()| (t.s("mfa_was_reset").to_string(), None)),
        "disable" | "enable" => {
            let disable = f.action == "disable";
            state
                .db(move |s| s.write(|tx| users::set_disabled(tx, now(), &actor, &id, disable)))
                .await
                .map(|()| {
                    let message = if disable {
                        t.s("account_disabled_done")
                    } else {
                        t.s("account_enabled_done")
                    };
                    (message.to_string(), None)
                })
        }
        _ => return Err(AppError::BadRequest(UserError::BadRequest)),
    };
    let fs = FormState::new("user", &[]).at(user.as_str());
    match checked(done, fs, ctx.lang)? {
        Ok((message, link)) => {
            render(
                &state,
                &ctx,
                Some((user.to_string(), message, link)),
                FormState::default(),
            )
            .await
        }
        Err(fs) => Ok(unprocessable(render(&state, &ctx, None, fs).await?)),
    }
}
