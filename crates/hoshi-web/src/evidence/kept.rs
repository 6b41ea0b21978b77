//! A report hoshi made (an exposure scan, a patch report) kept as an evidence file and linked to
//! the criteria it informs in one assessment, with the answers the member chose saved — all in
//! one transaction: a locked assessment or an answer changed since the page was shown refuses
//! the whole.

use hoshi_core::{Status, UserError};
use hoshi_store::assessments;
use hoshi_store::evidence::{self, NewEvidence, Source};

use crate::kernel::prelude::*;

/// The file to keep.
pub(crate) struct KeptFile {
    pub bytes: Vec<u8>,
    pub file_name: String,
    pub media_type: &'static str,
    pub title: String,
    /// `YYYY-MM-DD`: the day the report was made.
    pub effective: String,
    pub expires: String,
}

/// One criterion's choice on the form: keep the answer (`None`) or set a status, with the
/// answer's version the page showed.
pub(crate) type Choice = (String, Option<Status>, i64);

/// Reads `status:CRITERION` (`keep`, `met`, `partial`, `not-met`) and `version:CRITERION` for
/// each criterion shown.
pub(crate) fn choices(form: &[(String, String)], criteria: &[String]) -> AppResult<Vec<Choice>> {
    let field = |k: &str| {
        form.iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for c in criteria {
        let version: i64 = field(&format!("version:{c}"))
            .parse()
            .map_err(|_| AppError::BadRequest(UserError::BadRequest))?;
        let status = match field(&format!("status:{c}")).as_str() {
            "" | "keep" => None,
            "met" => Some(Status::Met),
            "partial" => Some(Status::Partial),
            "not-met" => Some(Status::NotMet),
            _ => return Err(AppError::BadRequest(UserError::BadRequest)),
        };
        out.push((c.clone(), status, version));
    }
    Ok(out)
}

/// Keeps `file`, links it to every chosen criterion of assessment `aid` and saves the changed
/// statuses.
pub(crate) async fn attach(
    state: &Shared,
    uid: &str,
    scope: &hoshi_store::OrgScope,
    aid: &str,
    file: KeptFile,
    choices: Vec<Choice>,
) -> AppResult<()> {
    let size = file.bytes.len() as i64;
    let bytes = file.bytes;
    let sha = state.db(move |s| s.put_blob(&bytes)).await?;
    let (uid, scope, aid) = (uid.to_string(), scope.clone(), aid.to_string());
    let (title, file_name, media_type) = (file.title, file.file_name, file.media_type);
    let (effective, expires) = (file.effective, file.expires);
    state
        .db(move |s| {
            s.write(|tx| {
                let n = now();
                let org = scope.org_id();
                // Answers and links of a submitted or confirmed assessment stay as they are.
                if !hoshi_store::reviews::editable(tx, &aid)? {
                    return Err(hoshi_store::StoreError::Rule(UserError::AssessmentLocked));
                }
                let e = evidence::create(
                    tx,
                    n,
                    &uid,
                    NewEvidence {
                        org_id: org,
                        title: &title,
                        source: Source::File {
                            file_name: &file_name,
                            sha256: &sha,
                            size,
                            media_type,
                        },
                        effective_date: &effective,
                        expires_date: Some(&expires),
                    },
                )?;
                let answers = assessments::answers(tx, &scope, &aid)?;
                for (crit, status, shown) in &choices {
                    evidence::link(tx, n, &uid, org, &e.id, &aid, crit)?;
                    let Some(status) = status else { continue };
                    let before = answers.get(crit);
                    if before.is_some_and(|b| b.answer.status == *status) {
                        continue;
                    }
                    let mut answer = before.map(|b| b.answer.clone()).unwrap_or_default();
                    answer.status = *status;
                    // The version the member saw: an answer changed since is not overwritten
                    // (the whole save is refused as a conflict).
                    assessments::save_answer(tx, n, &uid, org, &aid, crit, *shown, &answer)?;
                }
                Ok(())
            })
        })
        .await
}
