//! Evidence files and links: content sniffing, upload, storage by hash, download.

use hoshi_core::UserError;

use crate::kernel::path::Path;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use hoshi_store::evidence::{self, NewEvidence, Source};

use crate::kernel::error::{AppError, AppResult};
use crate::kernel::guard::{Editor, Member, OrgForm, OrgUpload};
use crate::kernel::prelude::*;
use crate::kernel::upload::Upload;
use crate::{Shared, now};

/// What a file really is, judged from its bytes: (media type, extension).
pub fn sniff(b: &[u8]) -> Option<(&'static str, &'static str)> {
    if b.starts_with(b"%PDF-") {
        return Some(("application/pdf", "pdf"));
    }
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some(("image/png", "png"));
    }
    if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Some(("image/jpeg", "jpg"));
    }
    if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        return Some(("image/gif", "gif"));
    }
    if b.len() > 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        return Some(("image/webp", "webp"));
    }
    if b.starts_with(b"PK\x03\x04") {
        return office(b);
    }
    text(b)
}

/// Word, Excel and PowerPoint files are ZIP containers with a known layout.
fn office(b: &[u8]) -> Option<(&'static str, &'static str)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(b)).ok()?;
    let names: Vec<String> = (0..z.len().min(5000))
        .filter_map(|i| {
            z.by_index_raw(i)
                .ok()
                .and_then(|f| f.name().ok().map(|n| n.to_string()))
        })
        .collect();
    if !names.iter().any(|n| n == "[Content_Types].xml") {
        return None;
    }
    let has = |p: &str| names.iter().any(|n| n.starts_with(p));
    if has("word/") {
        Some((
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ))
    } else if has("xl/") {
        Some((
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ))
    } else if has("ppt/") {
        Some((
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "pptx",
        ))
    } else {
        None
    }
}

/// Plain text or CSV in UTF-8. Markup (HTML, SVG, XML) is refused: it could run in a browser.
fn text(b: &[u8]) -> Option<(&'static str, &'static str)> {
    let s = std::str::from_utf8(b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b)).ok()?;
    if s.is_empty()
        || s.chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return None;
    }
    if s.trim_start().starts_with('<') {
        return None;
    }
    Some(("text/plain; charset=utf-8", "txt"))
}

/// A safe file name: the last path component, no control or reserved characters, at most 120
/// characters, ending in the extension of the detected type.
pub fn sanitise_name(name: &str, ext: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter(|c| {
            !c.is_control()
                && !matches!(
                    c,
                    '<' | '>' | ':' | '"' | '|' | '?' | '*' | '\u{202e}' | '\u{202d}'
                )
        })
        .collect();
    let cleaned = cleaned.trim().trim_matches('.').trim();
    let stem = match cleaned.rsplit_once('.') {
        Some((s, _)) if !s.trim().is_empty() => s.trim(),
        _ => cleaned,
    };
    let stem: String = stem.chars().take(120).collect();
    let stem = if stem.is_empty() {
        "evidence".to_string()
    } else {
        stem
    };
    format!("{stem}.{ext}")
}

fn valid_url(u: &str) -> bool {
    (u.starts_with("https://") || u.starts_with("http://"))
        && u.len() <= 2000
        && u.len() > 8
        && !u
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
}

/// `POST /o/{org}/a/{id}/evidence/{crit}`: a new file or link, attached to the criterion. A
/// refused upload shows the category page again with the problem beside the evidence form.
pub async fn upload(
    State(state): State<Shared>,
    Path((org, id, crit)): Path<(OrgId, AssessmentId, String)>,
    upload: OrgUpload<Editor>,
) -> AppResult<Response> {
    // Who is asking was settled before the body is read: a stranger learns nothing.
    let (Member { ctx, m, .. }, up) = upload.read_or_problem(state.config.max_upload).await?;
    let (row, c) = crate::kernel::page::assessment_and_catalog(&state, m.scope(), &id).await?;
    let c = &*c;
    let category = crate::kernel::page::category_of_criterion(c, &row, &crit)?;
    let (fs, done) = match up {
        Ok(up) => {
            let fs = FormState::new(
                "evidence",
                &[
                    ("title", &up.title),
                    ("url", &up.url),
                    ("effective_date", &up.effective),
                    ("expires_date", &up.expires),
                ],
            );
            let (u, _) = ctx.user()?;
            let to = Attach {
                uid: u.id.clone(),
                org: m.org.id.clone(),
                aid: row.id.clone(),
                crit: crit.clone(),
            };
            (fs, store_upload(&state, to, up).await)
        }
        Err(e) => (
            FormState::new("evidence", &[]),
            Err(AppError::BadRequest(e)),
        ),
    };
    match checked(done, fs.at(&crit), ctx.lang)? {
        Ok(()) => Ok(Redirect::to(&format!(
            "/o/{org}/a/{id}/c/{category}?saved={crit}#c-{crit}"
        ))
        .into_response()),
        Err(fs) => Ok(unprocessable(
            crate::assessments::category::render_evidence_again(
                &state,
                &ctx,
                &m,
                (&id, &category),
                fs,
            )
            .await?,
        )),
    }
}

/// Where new evidence is attached: who, the organisation, the assessment and the criterion.
struct Attach {
    uid: String,
    org: String,
    aid: String,
    crit: String,
}

/// A file kept by its hash, or a link.
enum Stored {
    File {
        name: String,
        sha: String,
        size: i64,
        media: &'static str,
    },
    Link(String),
}

/// A signed paper kept as a file: its cleaned name, SHA-256, size and media type.
pub(crate) struct SignedFile {
    pub name: String,
    pub sha: String,
    pub size: i64,
    pub media: &'static str,
}

/// Stores a scanned, signed document (a PDF or an image, nothing else) by its hash, like any
/// evidence file; the caller records it as evidence in its own transaction.
pub(crate) async fn store_signed_file(
    state: &Shared,
    file_name: &str,
    bytes: Vec<u8>,
) -> AppResult<SignedFile> {
    if bytes.is_empty() {
        return Err(AppError::BadRequest(UserError::DeclareStatementMissing));
    }
    let (media, ext) = sniff(&bytes)
        .filter(|(m, _)| *m == "application/pdf" || m.starts_with("image/"))
        .ok_or(AppError::BadRequest(UserError::DeclareStatementMissing))?;
    let name = sanitise_name(file_name, ext);
    let size = bytes.len() as i64;
    let sha = state.db(move |s| s.put_blob(&bytes)).await?;
    Ok(SignedFile {
        name,
        sha,
        size,
        media,
    })
}

/// Checks the upload, stores the file by its hash and records the evidence with its link.
async fn store_upload(state: &Shared, to: Attach, up: Upload) -> AppResult<()> {
    let has_file = !up.bytes.is_empty();
    let has_url = !up.url.is_empty();
    if has_file == has_url {
        return Err(AppError::BadRequest(UserError::EvidenceOneOf));
    }
    let stored = if has_file {
        let (media, ext) = sniff(&up.bytes).ok_or(AppError::BadRequest(UserError::EvidenceType))?;
        let name = sanitise_name(&up.file_name, ext);
        let bytes = up.bytes;
        let size = bytes.len() as i64;
        let sha = state.db(move |s| s.put_blob(&bytes)).await?;
        Stored::File {
            name,
            sha,
            size,
            media,
        }
    } else {
        if !valid_url(&up.url) {
            return Err(AppError::BadRequest(UserError::EvidenceUrl));
        }
        Stored::Link(up.url.clone())
    };
    let title = match (up.title.trim(), &stored) {
        ("", Stored::File { name, .. }) => name.clone(),
        ("", Stored::Link(url)) => url.clone(),
        (t, _) => t.to_string(),
    };
    let effective = if up.effective.trim().is_empty() {
        today()
    } else {
        up.effective.trim().to_string()
    };
    let expires = Some(up.expires.trim().to_string()).filter(|s| !s.is_empty());
    state
        .db(move |s| {
            s.write(|tx| {
                let source = match &stored {
                    Stored::File {
                        name,
                        sha,
                        size,
                        media,
                    } => Source::File {
                        file_name: name,
                        sha256: sha,
                        size: *size,
                        media_type: media,
                    },
                    Stored::Link(url) => Source::Link { url },
                };
                let e = evidence::create(
                    tx,
                    now(),
                    &to.uid,
                    NewEvidence {
                        org_id: &to.org,
                        title: &title,
                        source,
                        effective_date: &effective,
                        expires_date: expires.as_deref(),
                    },
                )?;
                evidence::link(tx, now(), &to.uid, &to.org, &e.id, &to.aid, &to.crit)
            })
        })
        .await?;
    Ok(())
}

#[derive(serde::Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    _csrf: String,
    #[serde(default)]
    evidence: String,
    #[serde(default)]
    action: String,
}

/// `POST /o/{org}/a/{id}/evidence/{crit}/link`: attach or detach existing evidence.
pub async fn link(
    State(state): State<Shared>,
    Path((org, id, crit)): Path<(OrgId, AssessmentId, String)>,
    OrgForm {
        member: Member { ctx, m, .. },
        form: f,
    }: OrgForm<Editor, LinkForm>,
) -> AppResult<Response> {
    let (u, _) = ctx.user()?;
    let (row, c) = crate::kernel::page::assessment_and_catalog(&state, m.scope(), &id).await?;
    let c = &*c;
    let category = crate::kernel::page::category_of_criterion(c, &row, &crit)?;
    if !hoshi_store::is_id(&f.evidence) {
        return Err(AppError::BadRequest(UserError::BadRequest));
    }
    let (uid, oid, aid, cid, eid) = (
        u.id.clone(),
        m.org.id.clone(),
        row.id.clone(),
        crit.clone(),
        f.evidence.clone(),
    );
    let detach = f.action == "unlink";
    state
        .db(move |s| {
            s.write(|tx| {
                if detach {
                    evidence::unlink(tx, now(), &uid, &oid, &eid, &aid, &cid)
                } else {
                    evidence::link(tx, now(), &uid, &oid, &eid, &aid, &cid)
                }
            })
        })
        .await?;
    Ok(Redirect::to(&format!(
        "/o/{org}/a/{id}/c/{category}?saved={crit}#c-{crit}"
    ))
    .into_response())
}

/// RFC 6266 / 5987 `Content-Disposition` with a UTF-8 name and an ASCII fallback.
fn disposition(name: &str) -> String {
    crate::kernel::page::attachment(name)
}

/// `GET /o/{org}/evidence/{eid}/download`: members only, always as an attachment.
pub async fn download(
    State(state): State<Shared>,
    Member { m, .. }: Member<Viewer>,
    Path((_, eid)): Path<(OrgId, EvidenceId)>,
) -> AppResult<Response> {
    send_file(&state, m.scope(), &eid).await
}

/// Sends evidence `eid` of the organisation in scope: a file as an attachment, a link as a
/// redirect.
pub async fn send_file(
    state: &Shared,
    scope: &hoshi_store::OrgScope,
    eid: &str,
) -> AppResult<Response> {
    let (scope, id) = (scope.clone(), eid.to_string());
    let e = state
        .db(move |s| s.read(|c| evidence::get(c, &scope, &id)))
        .await?;
    let (Some(sha), Some(name)) = (e.sha256.clone(), e.file_name.clone()) else {
        return match e.url {
            Some(u) => Ok(Redirect::to(&u).into_response()),
            None => Err(AppError::NotFound),
        };
    };
    let bytes = state
        .db(move |s| s.get_blob(&sha))
        .await
        .map_err(|e| match e {
            AppError::NotFound => AppError::Internal(format!("evidence file of {eid} missing")),
            other => other,
        })?;
    Ok((
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                e.media_type
                    .clone()
                    .unwrap_or_else(|| "application/octet-stream".into()),
            ),
            (header::CONTENT_DISPOSITION, disposition(&name)),
            (
                header::CONTENT_SECURITY_POLICY,
                "sandbox; default-src 'none'".into(),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n...").unwrap().1, "pdf");
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n....").unwrap().1, "png");
        assert_eq!(
            sniff("証跡メモ\n2026-04-01 実施".as_bytes()).unwrap().1,
            "txt"
        );
        assert!(sniff(b"MZ\x90\x00\x03").is_none(), "executables refused");
        assert!(
            sniff(b"<html><script>alert(1)</script>").is_none(),
            "markup refused"
        );
        assert!(sniff(b"  <svg onload=alert(1)>").is_none());
        assert!(sniff(b"PK\x03\x04 not really a zip").is_none());
    }

    #[test]
    fn names_are_sanitised() {
        assert_eq!(sanitise_name("../../etc/passwd", "txt"), "passwd.txt");
        assert_eq!(
            sanitise_name("C:\\Users\\x\\報告書.exe", "pdf"),
            "報告書.pdf"
        );
        assert_eq!(sanitise_name("a\u{202e}fdp.exe", "pdf"), "afdp.pdf");
        assert_eq!(sanitise_name("...", "png"), "evidence.png");
        assert_eq!(sanitise_name("体制表 v2.PDF", "pdf"), "体制表 v2.pdf");
        assert!(disposition("体制表.pdf").contains("filename*=UTF-8''%E4%BD%93"));
    }
}
