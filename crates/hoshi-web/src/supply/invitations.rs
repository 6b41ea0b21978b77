//! Inviting a supplier, and the supplier's acceptance (new account or an owned organisation).

use crate::kernel::path::Path;
use askama::Template;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use hoshi_core::UserError;
use hoshi_core::{OrgId, RelationshipId};
use hoshi_store::StoreError;
use hoshi_store::orgs::{self, Role};
use hoshi_store::supply::{self};
use serde::Deserialize;

use super::supplier::render_supplier;
use crate::kernel::ctx::{Ctx, SESSION_COOKIE, add_cookie, set_cookie};
use crate::kernel::error::{AppError, AppForm, AppResult, CsrfOnly};
use crate::kernel::form::{FormState, checked, unprocessable};
use crate::kernel::guard::{Editor, Member, OrgForm};
use crate::kernel::page::{Page, html};
use crate::kernel::page::{pre_token, with_headers};
use crate::{Shared, now};
use hoshi_core::time;
use hoshi_store::supply::Relationship;

/// Days an invitation link stays usable.
pub const INVITE_DAYS: i64 = 14;

/// `POST /o/{org}/suppliers/{rel}/invite`: a fresh single-use link (mailed when SMTP is set up).
pub async fn invite(
    State(state): State<Shared>,
    Path((_, rel)): Path<(OrgId, RelationshipId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: _,
    }: OrgForm<Editor, CsrfOnly>,
) -> AppResult<Response> {
    let uid = ctx.user()?.0.id.clone();
    let (oid, rid, buyer_scope) = (m.org.id.clone(), rel, m.scope().clone());
    let base = state.config.public_url.trim_end_matches('/').to_string();
    let mailing = state.config.mail.is_some();
    let buyer = m.org.name.clone();
    let (link, queued) = state
        .db(move |s| {
            s.write(|tx| {
                let n = now();
                let token = supply::invite(tx, n, &uid, &oid, &rid, INVITE_DAYS)?;
                let link = format!("{base}/supplier-invite/{token}");
                // Mailed when SMTP is set up and the contact's address is usable; the mail is
                // queued in this transaction, so it exists exactly when the invitation does.
                let r = supply::for_buyer_one(tx, &buyer_scope, &rid)?;
                let queued = mailing && hoshi_mail::check_address(&r.contact_email).is_ok();
                if queued {
                    let (subject, body) = crate::supply::invitations::supplier_invite_text(
                        &buyer,
                        &r,
                        &link,
                        n + INVITE_DAYS * 86_400,
                    );
                    hoshi_store::mail::enqueue(
                        tx,
                        n,
                        hoshi_store::mail::NewMail {
                            org_id: Some(&oid),
                            kind: "supplier_invite",
                            ref_id: &rid,
                            recipient: &r.contact_email,
                            subject: &subject,
                            body: &body,
                        },
                    )?;
                }
                Ok((link, queued))
            })
        })
        .await?;
    if queued {
        state.mail_wake.notify_one();
    }
    render_supplier(&state, &ctx, &m, &rel, Some(link), FormState::default()).await
}

#[derive(Template)]
#[template(path = "supply/supplier_invite.html")]
struct SupplierInviteT {
    p: Page,
    token: String,
    buyer: String,
    supplier_name: String,
    required: String,
    due: String,
    supplies: String,
    signed_in: bool,
    owned: Vec<(String, String)>,
    pre: String,
    /// The acceptance form shown again with its problems.
    fs: FormState,
}

pub async fn invite_page(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    render_invite(&state, &ctx, token, FormState::default()).await
}

/// The invitation page; `fs` holds the acceptance form when it is shown again.
async fn render_invite(
    state: &Shared,
    ctx: &Ctx,
    token: String,
    fs: FormState,
) -> AppResult<Response> {
    let tk = token.clone();
    let (rel, buyer) = state
        .db(move |s| s.read(|c| supply::invitation(c, now(), &tk)))
        .await?
        .ok_or(AppError::BadRequest(UserError::InvitationInvalid))?;
    let mut headers = HeaderMap::new();
    let (signed_in, owned) = match ctx.user() {
        Ok((u, _)) => {
            let uid = u.id.clone();
            let ms = state
                .db(move |s| s.read(|c| orgs::for_user(c, &uid)))
                .await?;
            (
                true,
                ms.into_iter()
                    .filter(|m| m.role == Role::Owner && m.org.id != rel.buyer_org)
                    .map(|m| (m.org.id, m.org.name))
                    .collect(),
            )
        }
        Err(_) => (false, vec![]),
    };
    let pre = pre_token(ctx, state, &mut headers);
    let r = html(SupplierInviteT {
        p: Page::new(ctx, "supplier_invite_title"),
        token,
        buyer,
        supplier_name: rel.supplier_name.clone(),
        required: format!("★{}", rel.required_level),
        due: rel.due_date.clone().unwrap_or_default(),
        supplies: rel.supplies.clone(),
        signed_in,
        owned,
        pre,
        fs,
    });
    Ok(with_headers(headers, r))
}

#[derive(Deserialize)]
pub struct AcceptForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    org: String,
    #[serde(default)]
    org_name: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password2: String,
}

/// `POST /supplier-invite/{token}`: accept into an owned organisation or a new one (creating the
/// account first when the visitor has none).
pub async fn accept(
    State(state): State<Shared>,
    ctx: Ctx,
    Path(token): Path<String>,
    AppForm(f): AppForm<AcceptForm>,
) -> AppResult<Response> {
    // Everything the form can get wrong is checked before an account is made, so a refusal never
    // leaves an account without its organisation behind.
    let mut fs = FormState::new(
        "accept",
        &[
            ("org_name", &f.org_name),
            ("display_name", &f.display_name),
            ("email", &f.email),
        ],
    );
    if (f.org == "new" || f.org.is_empty()) && f.org_name.trim().chars().count() > 200 {
        fs = fs.problem(&UserError::OrgNameBad, ctx.lang);
    }
    let check = crate::kernel::signup::SignupCheck {
        display_name: &f.display_name,
        email: &f.email,
        password: &f.password,
        password2: &f.password2,
    };
    let fs = crate::kernel::signup::visitor_problems(fs, &ctx, &check);
    if !fs.is_empty() {
        return Ok(unprocessable(render_invite(&state, &ctx, token, fs).await?));
    }
    let tk = token.clone();
    let signed_up =
        crate::kernel::signup::user_or_signup(&state, &ctx, &f._csrf, check, move |tx| {
            supply::invitation(tx, now(), &tk)?
                .ok_or(StoreError::Rule(UserError::InvitationInvalid))?;
            Ok(())
        })
        .await;
    let (user_id, new_session) = match checked(signed_up, fs, ctx.lang)? {
        Ok(v) => v,
        Err(fs) => return Ok(unprocessable(render_invite(&state, &ctx, token, fs).await?)),
    };
    let (uid, tk, org_choice, org_name) = (
        user_id.clone(),
        token.clone(),
        f.org.clone(),
        f.org_name.clone(),
    );
    let rel = state
        .db(move |s| {
            s.write(|tx| {
                let (rel, _) = supply::invitation(tx, now(), &tk)?
                    .ok_or(StoreError::Rule(UserError::InvitationInvalid))?;
                let org_id = if org_choice == "new" || org_choice.is_empty() {
                    let name = if org_name.trim().is_empty() {
                        rel.supplier_name.clone()
                    } else {
                        org_name.clone()
                    };
                    orgs::create(tx, now(), &uid, &name)?.id
                } else {
                    org_choice.clone()
                };
                supply::accept(tx, now(), &uid, &tk, &org_id)
            })
        })
        .await?;
    let supplier = rel.supplier_org.clone().unwrap_or_default();
    let mut r = Redirect::to(&format!("/o/{supplier}/buyers")).into_response();
    if let Some(sess) = new_session {
        add_cookie(
            r.headers_mut(),
            set_cookie(SESSION_COOKIE, &sess, None, state.config.secure_cookies),
        );
    }
    Ok(r)
}

/// The invitation mail to a supplier's contact. Japanese first, English below.
pub fn supplier_invite_text(
    buyer: &str,
    r: &Relationship,
    link: &str,
    expires_at: i64,
) -> (String, String) {
    let due = r.due_date.clone().unwrap_or_else(|| "未設定".into());
    let due_en = r.due_date.clone().unwrap_or_else(|| "not set".into());
    let expires = time::minutes_jst(expires_at);
    let greeting = if r.contact_name.is_empty() {
        format!("{} ご担当者様", r.supplier_name)
    } else {
        format!("{} {} 様", r.supplier_name, r.contact_name)
    };
    let subject = format!("【hoshi】{buyer} からサプライチェーン・セキュリティ評価のご依頼");
    let supplies = if r.supplies.is_empty() {
        String::new()
    } else {
        format!("取引内容: {}\n", r.supplies)
    };
    let body = format!(
        "{greeting}\n\n\
         {buyer} から、hoshi を通じてサプライチェーン・セキュリティ評価制度（SCS評価制度）に基づく自己評価のご依頼が届いています。\n\n\
         求めるレベル: ★{level}\n\
         回答期限: {due}\n\
         {supplies}\n\
         次のリンクを開き、招待を承諾してください。承諾すると、既存の組織または新しく作成する組織で自己評価を始められます。一度作成した自己評価は、ほかの発注企業とも共有できます。\n\n\
         {link}\n\n\
         このリンクは1回限り有効で、{expires} まで使えます。お心当たりがない場合は、このメールを破棄してください。リンクを開かない限り、何も登録されません。\n\n\
         ----\n\
         {buyer} has asked you, through hoshi, for a self-assessment under Japan's Supply-Chain Security evaluation scheme at level ★{level} (due: {due_en}). \
         Open the link above to accept; it works once and until {expires}. If you did not expect this message, ignore it: nothing is registered unless the link is opened.\n",
        level = r.required_level,
    );
    (subject, body)
}
