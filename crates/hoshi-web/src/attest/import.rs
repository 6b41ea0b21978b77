//! Buyers import attestations issued by other hoshi instances.

use crate::kernel::path::Path;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use hoshi_core::Lang;
use hoshi_core::UserError;
use hoshi_core::{AttestationId, OrgId, RelationshipId};
use hoshi_store::attestations::{self};

use crate::kernel::ctx::Ctx;
use crate::kernel::error::{AppError, AppResult, CsrfOnly};
use crate::kernel::form::{FormState, checked, unprocessable};
use crate::kernel::guard::{Editor, Member, OrgForm, OrgUpload};
use crate::{Shared, now};

/// An imported attestation as the buyer's supplier page shows it, verified again now.
pub struct ImportedView {
    pub id: String,
    pub issuer: String,
    pub organisation: String,
    pub corporate_number: String,
    pub level: u8,
    pub valid_until: String,
    pub valid: bool,
    /// (code, message) for each reason it does not verify today.
    pub failures: Vec<(String, String)>,
    /// When the issuer's revocation list was last fetched for it (Japan time).
    pub checked: String,
    /// Why the last scheduled check could not reach or read the issuer's list.
    pub check_problem: Option<String>,
}

pub(crate) fn imported_view(a: &attestations::Imported, today: &str, ctx: &Ctx) -> ImportedView {
    let lang = ctx.lang;
    let keys = hoshi_attest::parse_keys(a.keys_json.as_bytes()).unwrap_or_default();
    let revoked = a
        .revoked_json
        .as_deref()
        .and_then(|r| hoshi_attest::parse_revoked(r.as_bytes()).ok())
        .unwrap_or_default();
    let mut v = hoshi_attest::verify(
        a.envelope.as_bytes(),
        &hoshi_attest::VerifyInput {
            keys: &keys,
            revoked: &revoked,
            today,
            files: &[],
        },
    );
    // A revocation once recorded stays, whatever list was fetched later.
    if a.revoked
        && !v
            .failures
            .iter()
            .any(|f| matches!(f, hoshi_attest::Failure::Revoked(_)))
    {
        v.failures
            .push(hoshi_attest::Failure::Revoked(a.id.clone()));
    }
    ImportedView {
        id: a.id.clone(),
        issuer: a.issuer.clone(),
        organisation: a.organisation.clone(),
        corporate_number: a.corporate_number.clone().unwrap_or_default(),
        level: a.level,
        valid_until: a.valid_until.clone(),
        valid: v.valid(),
        failures: v.failures.iter().map(|f| failure_row(f, lang)).collect(),
        checked: a.checked_at.map(|at| ctx.time(at)).unwrap_or_default(),
        check_problem: a.check_problem.as_deref().and_then(|p| {
            let v: serde_json::Value = serde_json::from_str(p).ok()?;
            v.get(lang.code())?.as_str().map(str::to_string)
        }),
    }
}

/// `POST /o/{org}/suppliers/{rel}/attestations`: a buyer's editor attaches a supplier's
/// attestation issued by another hoshi instance. The issuer's public keys and revocation list
/// are fetched from the issuer named in the attestation (`/.well-known/…` over HTTPS), never
/// taken from whoever uploads the file. Only a valid attestation for this supplier (same
/// 法人番号) is kept; otherwise every reason is shown and nothing is stored.
pub async fn import(
    State(state): State<Shared>,
    Path((org, rel)): Path<(OrgId, RelationshipId)>,
    upload: OrgUpload<Editor>,
) -> AppResult<Response> {
    // Who may act is settled before the body is read.
    let (Member { ctx, m, .. }, mp) = upload.into_parts();
    let done = match read_envelope(mp).await {
        Ok((csrf, envelope)) => {
            ctx.check_csrf(&csrf)?;
            if envelope.is_empty() {
                Err(AppError::BadRequest(UserError::VerifyNoFile))
            } else {
                import_envelope(&state, &ctx, m.scope(), &rel, envelope).await
            }
        }
        Err(e) => Err(AppError::BadRequest(e)),
    };
    match checked(done, FormState::new("import", &[]), ctx.lang)? {
        Ok(()) => Ok(Redirect::to(&format!("/o/{org}/suppliers/{rel}#imported")).into_response()),
        Err(fs) => Ok(unprocessable(
            crate::supply::supplier::render_supplier(&state, &ctx, &m, &rel, None, fs).await?,
        )),
    }
}

/// The CSRF field and the attestation file of an import, or what kept them from being read.
async fn read_envelope(mut mp: axum::extract::Multipart) -> Result<(String, Vec<u8>), UserError> {
    let (mut csrf, mut envelope) = (String::new(), Vec::new());
    while let Some(field) = mp.next_field().await.map_err(|e| {
        match crate::kernel::upload::unreadable(&e, hoshi_attest::MAX_ENVELOPE_BYTES) {
            UserError::EvidenceTooLarge { .. } => UserError::ImportTooLarge,
            other => other,
        }
    })? {
        let name = field.name().unwrap_or("").to_string();
        let bytes = field.bytes().await.map_err(|_| UserError::ImportTooLarge)?;
        if bytes.len() > hoshi_attest::MAX_ENVELOPE_BYTES {
            return Err(UserError::ImportTooLarge);
        }
        match name.as_str() {
            "_csrf" => csrf = String::from_utf8_lossy(&bytes).to_string(),
            "envelope" => envelope = bytes.to_vec(),
            _ => {}
        }
    }
    Ok((csrf, envelope))
}

/// `POST /o/{org}/suppliers/{rel}/attestations/{att}/recheck`: fetch the issuer's keys and
/// revocation list again for an imported attestation.
pub async fn recheck_imported(
    State(state): State<Shared>,
    Path((org, rel, att)): Path<(OrgId, RelationshipId, AttestationId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: _,
    }: OrgForm<Editor, CsrfOnly>,
) -> AppResult<Response> {
    let (buyer, rid, id) = (m.scope().clone(), rel, att);
    let stored = state
        .db(move |s| s.read(|c| attestations::imported_one(c, &buyer, &rid, &id)))
        .await?;
    import_envelope(&state, &ctx, m.scope(), &rel, stored.envelope.into_bytes()).await?;
    Ok(Redirect::to(&format!("/o/{org}/suppliers/{rel}#imported")).into_response())
}

/// A reason for failure as pages show it: (code, message).
pub(super) fn failure_row(f: &hoshi_attest::Failure, lang: Lang) -> (String, String) {
    (f.code().to_string(), f.message(lang))
}

/// The 400 for an attestation that was not imported, with every reason.
fn not_imported(failures: &[hoshi_attest::Failure], lang: Lang) -> AppError {
    let reasons: Vec<String> = failures
        .iter()
        .map(|f| {
            let (code, message) = failure_row(f, lang);
            format!("[{code}] {message}")
        })
        .collect();
    AppError::BadRequest(UserError::ImportInvalid { reasons })
}

/// Largest key set or revocation list fetched from an issuer.
const ISSUER_FILE_LIMIT: usize = 1024 * 1024;

/// What an issuer publishes, fetched at import: its keys and its revocation list (parsed, and as
/// fetched, to keep with the import).
struct IssuerFiles {
    keys: hoshi_attest::KeySet,
    revoked: Vec<String>,
    revoked_text: String,
}

/// Fetches one of the issuer's `/.well-known/` files over HTTPS.
async fn fetch_issuer_file(state: &Shared, issuer: &str, file: &str) -> AppResult<Vec<u8>> {
    hoshi_mail::https::get(
        &format!("{issuer}/.well-known/{file}"),
        ISSUER_FILE_LIMIT,
        &state.config.issuers,
    )
    .await
    .map_err(|e| {
        tracing::info!(%issuer, error = %e, "attestation import: issuer not reachable");
        AppError::BadRequest(UserError::ImportFetchFailed { problem: e.kind })
    })
}

/// The issuer's keys and revocation list.
async fn fetch_issuer(state: &Shared, issuer: &str) -> AppResult<IssuerFiles> {
    let keys_bytes = fetch_issuer_file(state, issuer, "hoshi-keys.json").await?;
    let revoked_bytes = fetch_issuer_file(state, issuer, "hoshi-revoked.json").await?;
    let keys = hoshi_attest::KeySet::from_json(&keys_bytes).map_err(|e| {
        tracing::info!(%issuer, error = %e, "attestation import: bad key set");
        AppError::BadRequest(UserError::ImportBadKeys)
    })?;
    let revoked = hoshi_attest::parse_revoked(&revoked_bytes).map_err(|e| {
        tracing::info!(%issuer, error = %e, "attestation import: bad revocation list");
        AppError::BadRequest(UserError::ImportBadRevoked)
    })?;
    Ok(IssuerFiles {
        keys,
        revoked,
        revoked_text: String::from_utf8_lossy(&revoked_bytes).to_string(),
    })
}

/// How long an imported attestation's last check against its issuer's revocation list holds:
/// the scheduled job checks each one again after a day.
pub const RECHECK_AFTER: i64 = 86_400;

/// The scheduled re-check: every imported attestation that still counts and was not checked for
/// a day is checked against its issuer's current revocation list (fetched once per issuer per
/// run). A revocation changes the supplier's status on the buyer's next request; an issuer that
/// cannot be reached is noted on the supplier's page and tried again on the next run. Returns
/// how many were checked.
pub async fn recheck_due(state: &Shared) -> usize {
    let (today, n) = (crate::kernel::time::today(), now());
    let due = match state
        .db(move |s| s.read(|c| attestations::imported_due(c, &today, n - RECHECK_AFTER, 500)))
        .await
    {
        Ok(d) => d,
        Err(e) => {
            tracing::warn!(error = ?e, "imported attestations: re-check not read");
            return 0;
        }
    };
    let mut lists: std::collections::HashMap<String, Result<(Vec<String>, String), String>> =
        std::collections::HashMap::new();
    for d in &due {
        if !lists.contains_key(&d.issuer) {
            lists.insert(d.issuer.clone(), fetch_revoked(state, &d.issuer).await);
        }
    }
    let mut checked = 0;
    for d in due {
        let found = lists.get(&d.issuer).cloned().unwrap_or(Err(String::new()));
        let done = state
            .db(move |s| {
                s.write(|tx| {
                    let found = match &found {
                        Ok((ids, _)) if !ids.contains(&d.id) => attestations::Rechecked::Valid,
                        Ok((_, text)) => attestations::Rechecked::Revoked { revoked_json: text },
                        Err(problem) => attestations::Rechecked::Problem(problem),
                    };
                    attestations::record_recheck(tx, now(), &d, found)
                })
            })
            .await;
        match done {
            Ok(()) => checked += 1,
            Err(e) => tracing::warn!(error = ?e, "imported attestation: re-check not recorded"),
        }
    }
    checked
}

/// The issuer's revocation list (the ids, and the list as fetched), or why it could not be had,
/// as `{"ja": …, "en": …}` for the buyer's page.
async fn fetch_revoked(state: &Shared, issuer: &str) -> Result<(Vec<String>, String), String> {
    let problem = |e: &UserError| {
        serde_json::json!({"ja": e.message(Lang::Ja), "en": e.message(Lang::En)}).to_string()
    };
    let bytes = match fetch_issuer_file(state, issuer, "hoshi-revoked.json").await {
        Ok(b) => b,
        Err(AppError::BadRequest(e)) => return Err(problem(&e)),
        Err(e) => {
            tracing::warn!(%issuer, error = ?e, "imported attestations: revocation list not fetched");
            return Err(problem(&UserError::ImportBadRevoked));
        }
    };
    match hoshi_attest::parse_revoked(&bytes) {
        Ok(ids) => Ok((ids, String::from_utf8_lossy(&bytes).to_string())),
        Err(_) => Err(problem(&UserError::ImportBadRevoked)),
    }
}

/// Where an attestation is imported: the buyer, the relationship and who imports it.
struct Target<'a> {
    buyer: &'a hoshi_store::OrgScope,
    rel: &'a hoshi_store::supply::Relationship,
    user: String,
}

/// Fetches the issuer's keys and revocation list, verifies, and stores (or records a revocation
/// of an attestation already imported). The relationship is checked before anything is fetched:
/// a request about someone else's supplier makes no outside request.
async fn import_envelope(
    state: &Shared,
    ctx: &Ctx,
    buyer: &hoshi_store::OrgScope,
    rel: &str,
    envelope: Vec<u8>,
) -> AppResult<()> {
    let lang = ctx.lang;
    let (scope, rid) = (buyer.clone(), rel.to_string());
    let r = state
        .db(move |s| s.read(|c| hoshi_store::supply::for_buyer_one(c, &scope, &rid)))
        .await?;
    let to = Target {
        buyer,
        rel: &r,
        user: ctx.user()?.0.id.clone(),
    };
    // Who claims to have issued it (unverified: it only says where to fetch the keys from; a
    // false claim fails the signature check against the real issuer's keys).
    let st = hoshi_attest::read_unverified(&envelope)
        .map_err(|f| not_imported(std::slice::from_ref(&f), lang))?;
    let issuer = st.predicate.issuer.trim_end_matches('/').to_string();
    if !issuer.starts_with("https://") {
        return Err(AppError::BadRequest(UserError::ImportIssuerNotHttps));
    }
    let files = fetch_issuer(state, &issuer).await?;
    let today = crate::kernel::time::today();
    let v = hoshi_attest::verify(
        &envelope,
        &hoshi_attest::VerifyInput {
            keys: &files.keys,
            revoked: &files.revoked,
            today: &today,
            files: &[],
        },
    );
    // The issuer revoked one already imported: record it.
    if let Some(id) = &v.id
        && !v.failures.is_empty()
        && v.failures
            .iter()
            .all(|f| matches!(f, hoshi_attest::Failure::Revoked(_)))
        && record_revocation(state, &to, id, &files.revoked_text).await?
    {
        return Ok(());
    }
    if !v.valid() {
        return Err(not_imported(&v.failures, lang));
    }
    let (Some(statement), Some(id)) = (v.statement, v.id) else {
        return Err(AppError::BadRequest(UserError::ImportInvalid {
            reasons: vec![],
        }));
    };
    store_import(state, &to, statement.predicate, id, envelope, files).await
}

/// Marks an imported attestation revoked, if this relationship holds it; false if it does not.
async fn record_revocation(
    state: &Shared,
    to: &Target<'_>,
    id: &str,
    revoked_text: &str,
) -> AppResult<bool> {
    let (scope, rid, aid) = (to.buyer.clone(), to.rel.id.clone(), id.to_string());
    let known = state
        .db(move |s| s.read(|c| attestations::imported_one(c, &scope, &rid, &aid)))
        .await;
    if known.is_err() {
        return Ok(false);
    }
    let (uid, oid, rid, aid) = (
        to.user.clone(),
        to.buyer.org_id().to_string(),
        to.rel.id.clone(),
        id.to_string(),
    );
    let text = revoked_text.to_string();
    state
        .db(move |s| {
            s.write(|tx| {
                attestations::mark_imported_revoked(tx, now(), &uid, &oid, &rid, &aid, &text)
            })
        })
        .await?;
    Ok(true)
}

/// Keeps a verified attestation that names this supplier by 法人番号.
async fn store_import(
    state: &Shared,
    to: &Target<'_>,
    p: hoshi_attest::Predicate,
    id: String,
    envelope: Vec<u8>,
    files: IssuerFiles,
) -> AppResult<()> {
    let r = to.rel;
    // The attestation must name the supplier by 法人番号: a name alone could be anyone's.
    match &p.organisation.corporate_number {
        Some(n) if n == &r.corporate_number => {}
        Some(n) => {
            return Err(AppError::BadRequest(UserError::ImportOtherOrg {
                found: n.clone(),
                expected: r.corporate_number.clone(),
            }));
        }
        None => return Err(AppError::BadRequest(UserError::ImportNoNumber)),
    }
    let row = attestations::Imported {
        relationship_id: r.id.clone(),
        id,
        envelope: String::from_utf8(envelope)
            .map_err(|_| AppError::BadRequest(UserError::ImportInvalid { reasons: vec![] }))?,
        keys_json: String::from_utf8(files.keys.to_json())
            .map_err(|e| AppError::Internal(e.to_string()))?,
        revoked_json: Some(files.revoked_text),
        issuer: p.issuer,
        organisation: p.organisation.name,
        corporate_number: p.organisation.corporate_number,
        level: p.level,
        valid_until: p.valid_until,
        imported_at: now(),
        revoked: false,
        checked_at: None,
        check_problem: None,
    };
    let (uid, oid) = (to.user.clone(), to.buyer.org_id().to_string());
    state
        .db(move |s| s.write(|tx| attestations::import(tx, now(), &uid, &oid, &row)))
        .await?;
    Ok(())
}

/// `POST /o/{org}/suppliers/{rel}/attestations/{att}/remove`: the buyer detaches an imported
/// attestation.
pub async fn remove_imported(
    State(state): State<Shared>,
    Path((org, rel, att)): Path<(OrgId, RelationshipId, AttestationId)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: _,
    }: OrgForm<Editor, CsrfOnly>,
) -> AppResult<Response> {
    let uid = ctx.user()?.0.id.clone();
    let (oid, rid, id) = (m.org.id.clone(), rel, att);
    state
        .db(move |s| s.write(|tx| attestations::remove_imported(tx, now(), &uid, &oid, &rid, &id)))
        .await?;
    Ok(Redirect::to(&format!("/o/{org}/suppliers/{rel}#imported")).into_response())
}
