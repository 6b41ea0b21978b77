//! The administrator's list of declared targets waiting for approval: on a shared service only
//! an administrator of the instance, who can check that an address or name belongs to the
//! organisation, lets hoshi scan it.

use hoshi_core::ScanTargetId;
use hoshi_store::exposure;

use crate::kernel::prelude::*;

struct Waiting {
    id: String,
    org: String,
    target: String,
    kind: String,
    addresses: i64,
    declared: String,
    confirmed: String,
}

#[derive(Template)]
#[template(path = "exposure/approvals.html")]
struct ApprovalsT {
    p: Page,
    items: Vec<Waiting>,
}

/// `GET /admin/scan-targets`
pub async fn approvals_page(
    State(state): State<Shared>,
    Admin { ctx, .. }: Admin,
) -> AppResult<Response> {
    let all = state.db(|s| s.read(exposure::awaiting_approval)).await?;
    let t = ctx.t();
    Ok(html(ApprovalsT {
        p: Page::new(&ctx, "scan_approvals_title"),
        items: all
            .into_iter()
            .map(|(x, org)| Waiting {
                id: x.id.clone(),
                org,
                kind: t
                    .s(match x.kind.as_str() {
                        "range" => "scan_kind_range",
                        "host" => "scan_kind_host",
                        _ => "scan_kind_address",
                    })
                    .into(),
                target: x.target.clone(),
                addresses: x.addresses,
                declared: format!("{} · {}", x.declared_by_name, ctx.time(x.declared_at)),
                confirmed: match (&x.confirmed_by_name, x.confirmed_at) {
                    (Some(n), Some(at)) => format!("{n} · {}", ctx.time(at)),
                    _ => String::new(),
                },
            })
            .collect(),
    }))
}

#[derive(Deserialize)]
pub struct DecideForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    action: String,
}

/// `POST /admin/scan-targets/{tid}`: `approve` or `refuse`.
pub async fn decide(
    State(state): State<Shared>,
    Path(tid): Path<ScanTargetId>,
    AdminForm {
        admin: Admin { user, .. },
        form: f,
    }: AdminForm<DecideForm>,
) -> AppResult<Response> {
    let approve = match f.action.as_str() {
        "approve" => true,
        "refuse" => false,
        _ => return Err(AppError::BadRequest(hoshi_core::UserError::BadRequest)),
    };
    let admin = user.id.clone();
    state
        .db(move |s| s.write(|tx| exposure::decide(tx, now(), &admin, &tid, approve)))
        .await?;
    Ok(Redirect::to("/admin/scan-targets").into_response())
}
