//! Registering an organisation as a ★4 evaluation body.

use crate::kernel::prelude::*;

#[derive(Deserialize)]
pub struct BodyForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    accreditation: String,
    #[serde(default)]
    registration_number: String,
}

/// `POST /o/{org}/evaluation-body`: an owner declares the organisation a ★4 evaluation body.
pub async fn register_body(
    State(state): State<Shared>,
    Path(org): Path<OrgId>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Owner, BodyForm>,
) -> AppResult<Response> {
    let uid = ctx.user()?.0.id.clone();
    let oid = m.org.id.clone();
    let fs = FormState::new(
        "evaluation_body",
        &[
            ("accreditation", &f.accreditation),
            ("registration_number", &f.registration_number),
        ],
    );
    let saved = state
        .db(move |s| {
            s.write(|tx| {
                hoshi_store::evaluation::register_body(
                    tx,
                    now(),
                    &uid,
                    &oid,
                    &f.accreditation,
                    &f.registration_number,
                )
            })
        })
        .await;
    match checked(saved, fs, ctx.lang)? {
        Ok(_) => Ok(Redirect::to(&format!("/o/{org}#evaluation-body")).into_response()),
        Err(fs) => Ok(unprocessable(
            crate::orgs::render_org(&state, &ctx, &m, None, fs).await?,
        )),
    }
}
