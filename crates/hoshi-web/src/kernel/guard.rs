//! Who may call a handler, as types. A handler that takes [`Member<Editor>`] cannot run unless
//! the caller is signed in (with the second factor), belongs to the organisation `{org}` in the
//! path and has at least the editor role; one that takes [`OrgForm<Editor, T>`] additionally gets
//! its form only after the checks, in the documented order:
//!
//! 1. signed in, second factor given (administrators must have enrolled);
//! 2. the form's CSRF token;
//! 3. membership of `{org}` and the role (another organisation is "not found", a lower role
//!    "forbidden");
//! 4. strict decoding of the fields.
//!
//! [`OrgUpload`] is the multipart variant: it checks 1 and 3 before a byte of the body is read,
//! and [`OrgUpload::read`] checks the CSRF field before anything else of the upload is used.
//! [`Signed`] and [`SignedForm`] are the same without an organisation; [`Reviewer`] and
//! [`ReviewerForm`] admit only the expert or evaluation body assigned to the review `{aid}`.

use std::marker::PhantomData;

use axum::extract::{FromRequest, FromRequestParts, Multipart, RawPathParams, Request};
use axum::http::request::Parts;
use hoshi_store::orgs::{Membership, Role};
use hoshi_store::users::User;

use crate::Shared;
use crate::kernel::ctx::Ctx;
use crate::kernel::error::{AppError, AppResult, decode_form, form_bytes, form_field};
use crate::kernel::upload::{Upload, read_upload};

/// A least role, as a type.
pub trait MinRole: Send + Sync + 'static {
    const ROLE: Role;
}

/// Any member (viewer, editor, owner).
pub struct Viewer;
/// Editors and owners.
pub struct Editor;
/// Owners only.
pub struct Owner;

impl MinRole for Viewer {
    const ROLE: Role = Role::Viewer;
}
impl MinRole for Editor {
    const ROLE: Role = Role::Editor;
}
impl MinRole for Owner {
    const ROLE: Role = Role::Owner;
}

/// A fully signed-in user.
pub struct Signed {
    pub ctx: Ctx,
    pub user: User,
}

impl FromRequestParts<Shared> for Signed {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> AppResult<Signed> {
        let ctx = Ctx::from_request_parts(parts, state).await?;
        let user = ctx.user()?.0.clone();
        Ok(Signed { ctx, user })
    }
}

/// A fully signed-in administrator of the instance; anyone else is told "not found".
pub struct Admin {
    pub ctx: Ctx,
    pub user: User,
}

impl FromRequestParts<Shared> for Admin {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> AppResult<Admin> {
        let ctx = Ctx::from_request_parts(parts, state).await?;
        let user = ctx.user()?.0.clone();
        if !user.is_admin {
            return Err(AppError::NotFound);
        }
        Ok(Admin { ctx, user })
    }
}

/// A form sent by an administrator: signed in → administrator → CSRF → strict decoding.
pub struct AdminForm<T> {
    pub admin: Admin,
    pub form: T,
}

impl<T: serde::de::DeserializeOwned> FromRequest<Shared> for AdminForm<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &Shared) -> AppResult<AdminForm<T>> {
        let (mut parts, body) = req.into_parts();
        let admin = Admin::from_request_parts(&mut parts, state).await?;
        let bytes = form_bytes(Request::from_parts(parts, body), state).await?;
        admin
            .ctx
            .check_csrf(&form_field(&bytes, "_csrf").unwrap_or_default())?;
        Ok(AdminForm {
            admin,
            form: decode_form(&bytes)?,
        })
    }
}

/// A multipart upload by an administrator: signed in → administrator, both checked before a
/// byte of the body is read; the CSRF field is checked when the upload is read.
pub struct AdminUpload {
    pub admin: Admin,
    mp: Multipart,
}

impl AdminUpload {
    /// Like [`OrgUpload::read_or_problem`]: an upload that could not be read (too large, cut
    /// off) comes back as the problem, so the page can show its form again.
    pub async fn read_or_problem(
        self,
        limit: usize,
    ) -> AppResult<(Admin, Result<Upload, hoshi_core::UserError>)> {
        match read_upload(self.mp, limit).await {
            Ok(up) => {
                self.admin.ctx.check_csrf(&up.csrf)?;
                Ok((self.admin, Ok(up)))
            }
            Err(AppError::BadRequest(e)) => Ok((self.admin, Err(e))),
            Err(other) => Err(other),
        }
    }
}

impl FromRequest<Shared> for AdminUpload {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &Shared) -> AppResult<AdminUpload> {
        let (mut parts, body) = req.into_parts();
        let admin = Admin::from_request_parts(&mut parts, state).await?;
        let mp = Multipart::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(|_| AppError::BadRequest(hoshi_core::UserError::EvidenceForm))?;
        Ok(AdminUpload { admin, mp })
    }
}

/// The `{org}` of the path.
async fn org_param(parts: &mut Parts, state: &Shared) -> AppResult<String> {
    let params = RawPathParams::from_request_parts(parts, state)
        .await
        .map_err(|_| AppError::NotFound)?;
    params
        .iter()
        .find(|(k, _)| *k == "org")
        .map(|(_, v)| v.to_string())
        .ok_or_else(|| AppError::Internal("a member route without {org}".into()))
}

/// A member of the organisation `{org}` in the path with at least role `R`.
pub struct Member<R: MinRole> {
    pub ctx: Ctx,
    pub m: Membership,
    _role: PhantomData<R>,
}

impl<R: MinRole> Member<R> {
    async fn check(ctx: Ctx, state: &Shared, org: &str) -> AppResult<Member<R>> {
        let m = ctx.org_role(state, org, R::ROLE).await?;
        Ok(Member {
            ctx,
            m,
            _role: PhantomData,
        })
    }

    /// The signed-in user's id.
    pub fn user_id(&self) -> String {
        self.ctx
            .user
            .as_ref()
            .map(|u| u.id.clone())
            .unwrap_or_default()
    }
}

impl<R: MinRole> FromRequestParts<Shared> for Member<R> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> AppResult<Member<R>> {
        let ctx = Ctx::from_request_parts(parts, state).await?;
        ctx.user()?;
        let org = org_param(parts, state).await?;
        Member::check(ctx, state, &org).await
    }
}

/// A form posted by a member of `{org}` with at least role `R`, decoded after the checks.
pub struct OrgForm<R: MinRole, T> {
    pub member: Member<R>,
    pub form: T,
}

impl<R: MinRole, T: serde::de::DeserializeOwned> FromRequest<Shared> for OrgForm<R, T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &Shared) -> AppResult<OrgForm<R, T>> {
        let (mut parts, body) = req.into_parts();
        let ctx = Ctx::from_request_parts(&mut parts, state).await?;
        ctx.user()?;
        let org = org_param(&mut parts, state).await?;
        let bytes = form_bytes(Request::from_parts(parts, body), state).await?;
        ctx.check_csrf(&form_field(&bytes, "_csrf").unwrap_or_default())?;
        let member = Member::check(ctx, state, &org).await?;
        let form = decode_form(&bytes)?;
        Ok(OrgForm { member, form })
    }
}

/// A form posted by a signed-in user (no organisation in the path), decoded after the checks.
pub struct SignedForm<T> {
    pub ctx: Ctx,
    pub user: User,
    pub form: T,
}

impl<T: serde::de::DeserializeOwned> FromRequest<Shared> for SignedForm<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &Shared) -> AppResult<SignedForm<T>> {
        let (mut parts, body) = req.into_parts();
        let ctx = Ctx::from_request_parts(&mut parts, state).await?;
        let user = ctx.user()?.0.clone();
        let bytes = form_bytes(Request::from_parts(parts, body), state).await?;
        ctx.check_csrf(&form_field(&bytes, "_csrf").unwrap_or_default())?;
        let form = decode_form(&bytes)?;
        Ok(SignedForm { ctx, user, form })
    }
}

/// A multipart upload to `{org}` by a member with at least role `R`: who is asking is checked
/// before the body is read.
pub struct OrgUpload<R: MinRole> {
    pub member: Member<R>,
    mp: Multipart,
}

impl<R: MinRole> OrgUpload<R> {
    /// Reads the upload (at most `limit` bytes of file) and checks its CSRF field first.
    pub async fn read(self, limit: usize) -> AppResult<(Member<R>, Upload)> {
        let up = read_upload(self.mp, limit).await?;
        self.member.ctx.check_csrf(&up.csrf)?;
        Ok((self.member, up))
    }

    /// Like [`OrgUpload::read`], but an upload that could not be read (too large, cut off) comes
    /// back as the problem beside the member, so the page can show its form again. Nothing is
    /// changed on such a request, so showing the page needs no CSRF token; a wrong token on an
    /// upload that was read is still refused.
    pub async fn read_or_problem(
        self,
        limit: usize,
    ) -> AppResult<(Member<R>, Result<Upload, hoshi_core::UserError>)> {
        match read_upload(self.mp, limit).await {
            Ok(up) => {
                self.member.ctx.check_csrf(&up.csrf)?;
                Ok((self.member, Ok(up)))
            }
            Err(AppError::BadRequest(e)) => Ok((self.member, Err(e))),
            Err(other) => Err(other),
        }
    }

    /// The raw multipart body, for uploads with other fields; the caller checks the CSRF field.
    pub fn into_parts(self) -> (Member<R>, Multipart) {
        (self.member, self.mp)
    }
}

impl<R: MinRole> FromRequest<Shared> for OrgUpload<R> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &Shared) -> AppResult<OrgUpload<R>> {
        let (mut parts, body) = req.into_parts();
        let ctx = Ctx::from_request_parts(&mut parts, state).await?;
        ctx.user()?;
        let org = org_param(&mut parts, state).await?;
        let member = Member::check(ctx, state, &org).await?;
        let mp = Multipart::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(|_| AppError::BadRequest(hoshi_core::UserError::EvidenceForm))?;
        Ok(OrgUpload { member, mp })
    }
}

/// The `{aid}` of the path: an assessment under review.
async fn aid_param(parts: &mut Parts, state: &Shared) -> AppResult<String> {
    let params = RawPathParams::from_request_parts(parts, state)
        .await
        .map_err(|_| AppError::NotFound)?;
    let aid = params
        .iter()
        .find(|(k, _)| *k == "aid")
        .map(|(_, v)| v.to_string())
        .ok_or_else(|| AppError::Internal("a review route without {aid}".into()))?;
    if !hoshi_store::is_id(&aid) {
        return Err(AppError::NotFound);
    }
    Ok(aid)
}

/// The expert (★3) or someone acting for the evaluation body (★4) assigned to the review of the
/// assessment `{aid}` in the path. Anyone else is told "not found".
pub struct Reviewer {
    pub ctx: Ctx,
    pub user: User,
    /// The reviewed organisation's data, as far as the review needs it.
    pub scope: hoshi_store::OrgScope,
    pub assessment: hoshi_store::assessments::AssessmentRow,
    pub review: hoshi_store::reviews::Review,
}

impl Reviewer {
    async fn check(ctx: Ctx, state: &Shared, aid: String) -> AppResult<Reviewer> {
        let user = ctx.user()?.0.clone();
        let uid = user.id.clone();
        let (scope, assessment, review) = state
            .db(move |s| s.read(|c| hoshi_store::reviews::for_expert_one(c, &uid, &aid)))
            .await?;
        Ok(Reviewer {
            ctx,
            user,
            scope,
            assessment,
            review,
        })
    }
}

impl FromRequestParts<Shared> for Reviewer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &Shared) -> AppResult<Reviewer> {
        let ctx = Ctx::from_request_parts(parts, state).await?;
        ctx.user()?;
        let aid = aid_param(parts, state).await?;
        Reviewer::check(ctx, state, aid).await
    }
}

/// A form posted by the assigned reviewer: signed in → CSRF → assignment → strict decoding.
pub struct ReviewerForm<T> {
    pub reviewer: Reviewer,
    pub form: T,
}

impl<T: serde::de::DeserializeOwned> FromRequest<Shared> for ReviewerForm<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &Shared) -> AppResult<ReviewerForm<T>> {
        let (mut parts, body) = req.into_parts();
        let ctx = Ctx::from_request_parts(&mut parts, state).await?;
        ctx.user()?;
        let aid = aid_param(&mut parts, state).await?;
        let bytes = form_bytes(Request::from_parts(parts, body), state).await?;
        ctx.check_csrf(&form_field(&bytes, "_csrf").unwrap_or_default())?;
        let reviewer = Reviewer::check(ctx, state, aid).await?;
        let form = decode_form(&bytes)?;
        Ok(ReviewerForm { reviewer, form })
    }
}
