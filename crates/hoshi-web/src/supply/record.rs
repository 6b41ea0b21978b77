//! The buyer corrects a supplier's record and cancels invitation links sent to the wrong person.

use hoshi_store::supply;

use super::supplier::render_supplier;
use crate::kernel::prelude::*;

#[derive(Deserialize)]
pub struct RecordForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    supplier_name: String,
    #[serde(default)]
    contact_name: String,
    #[serde(default)]
    contact_email: String,
    #[serde(default)]
    supplies: String,
    #[serde(default)]
    due_date: String,
}

/// `POST /o/{org}/suppliers/{rel}/edit`: name, contact, what it supplies, due date. The 法人番号
/// and the answers behind the required level stay as registered.
pub async fn edit(
    State(state): State<Shared>,
    Path((org, rel)): Path<(OrgId, RelationshipId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, RecordForm>,
) -> AppResult<Response> {
    let fs = FormState::new(
        "record",
        &[
            ("supplier_name", &f.supplier_name),
            ("contact_name", &f.contact_name),
            ("contact_email", &f.contact_email),
            ("supplies", &f.supplies),
            ("due_date", &f.due_date),
        ],
    );
    let uid = ctx.user()?.0.id.clone();
    let oid = m.org.id.clone();
    let due = hoshi_core::text::half_width_digits(f.due_date.trim());
    let done = state
        .db(move |s| {
            s.write(|tx| {
                supply::update(
                    tx,
                    now(),
                    &uid,
                    &oid,
                    &rel,
                    supply::RecordEdit {
                        supplier_name: &f.supplier_name,
                        contact_name: &f.contact_name,
                        contact_email: &f.contact_email,
                        supplies: &f.supplies,
                        due_date: Some(due.as_str()).filter(|d| !d.is_empty()),
                    },
                )
            })
        })
        .await;
    match checked(done, fs, ctx.lang)? {
        Ok(_) => Ok(Redirect::to(&format!("/o/{org}/suppliers/{rel}")).into_response()),
        Err(fs) => Ok(unprocessable(
            render_supplier(&state, &ctx, &m, &rel, None, fs).await?,
        )),
    }
}

/// `POST /o/{org}/suppliers/{rel}/cancel-invite`: every unused link of this supplier stops working.
pub async fn cancel_invite(
    State(state): State<Shared>,
    Path((org, rel)): Path<(OrgId, RelationshipId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: _,
    }: OrgForm<Editor, CsrfOnly>,
) -> AppResult<Response> {
    let uid = ctx.user()?.0.id.clone();
    let oid = m.org.id.clone();
    state
        .db(move |s| s.write(|tx| supply::cancel_invitations(tx, now(), &uid, &oid, &rel)))
        .await?;
    Ok(Redirect::to(&format!("/o/{org}/suppliers/{rel}?cancelled=1")).into_response())
}

#[derive(Deserialize)]
pub struct ArchiveForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    action: String,
}

/// `POST /o/{org}/suppliers/{rel}/archive`: `archive` takes the supplier out of the portfolio,
/// `restore` brings it back.
pub async fn archive(
    State(state): State<Shared>,
    Path((org, rel)): Path<(OrgId, RelationshipId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, ArchiveForm>,
) -> AppResult<Response> {
    let archived = match f.action.as_str() {
        "archive" => true,
        "restore" => false,
        _ => return Err(AppError::BadRequest(hoshi_core::UserError::BadRequest)),
    };
    let uid = ctx.user()?.0.id.clone();
    let oid = m.org.id.clone();
    state
        .db(move |s| s.write(|tx| supply::set_archived(tx, now(), &uid, &oid, &rel, archived)))
        .await?;
    Ok(Redirect::to(&format!("/o/{org}/suppliers/{rel}")).into_response())
}
