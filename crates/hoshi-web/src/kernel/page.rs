//! The page kit every feature uses: the layout's data ([`Page`]), rendering a template,
//! the bilingual message page, the pre-login CSRF cookie, attachments, role labels, and looking
//! up the catalog an assessment was made against.

use hoshi_core::Catalog;
use hoshi_store::assessments::{self, AssessmentRow};
use hoshi_store::new_token;
use hoshi_store::orgs::Role;

use crate::kernel::ctx::{Ctx, PRE_COOKIE, add_cookie, set_cookie};
use crate::kernel::prelude::*;
use axum::response::Html;

/// What every page's layout needs.
pub struct Page {
    pub t: Tr,
    pub title: String,
    pub nav: Option<String>,
    pub csrf: String,
    pub flash: Option<String>,
}

impl Page {
    pub fn new(ctx: &Ctx, title: &str) -> Page {
        let t = ctx.t();
        Page {
            t,
            title: t.s(title).to_string(),
            nav: ctx
                .user
                .as_ref()
                .filter(|_| ctx.user().is_ok())
                .map(|u| u.display_name.clone()),
            csrf: ctx.csrf(),
            flash: None,
        }
    }

    pub fn flash(mut self, key: Option<&str>) -> Page {
        self.flash = key.map(|k| self.t.s(k).to_string());
        self
    }
}

pub use hoshi_core::text::escape_html as esc;

pub fn html(t: impl Template) -> Response {
    match t.render() {
        Ok(s) => Html(s).into_response(),
        Err(e) => AppError::Internal(format!("template: {e}")).into_response(),
    }
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessageT<'a> {
    t: &'a Tr,
    code: u16,
    heading: &'a str,
    message: &'a str,
}

/// The message page for requests that end in an error, in the request's language.
pub fn render_message(status: StatusCode, t: &Tr, message: &str) -> String {
    let heading = t.s(match status.as_u16() {
        400 => "err_bad_request",
        403 => "err_forbidden",
        404 => "err_not_found",
        409 => "err_conflict",
        429 => "err_too_many",
        _ => "err_internal",
    });
    MessageT {
        t,
        code: status.as_u16(),
        heading,
        message,
    }
    .render()
    .unwrap_or_else(|_| format!("{status}"))
}

/// Sets a fresh pre-login CSRF cookie when the browser has none; returns its value.
pub fn pre_token(ctx: &Ctx, state: &Shared, headers: &mut HeaderMap) -> String {
    match &ctx.pre {
        Some(p) => p.clone(),
        None => {
            let p = new_token();
            add_cookie(
                headers,
                set_cookie(PRE_COOKIE, &p, Some(3600), state.config.secure_cookies),
            );
            p
        }
    }
}

pub fn with_headers(headers: HeaderMap, r: Response) -> Response {
    let mut r = r;
    for (k, v) in headers.iter() {
        r.headers_mut().append(k, v.clone());
    }
    r
}

/// An assessment of the organisation in scope, with its catalog.
pub async fn assessment_and_catalog(
    state: &Shared,
    scope: &hoshi_store::OrgScope,
    id: &str,
) -> AppResult<(AssessmentRow, std::sync::Arc<Catalog>)> {
    if !hoshi_store::is_id(id) {
        return Err(AppError::NotFound);
    }
    let (scope, aid) = (scope.clone(), id.to_string());
    let row = state
        .db(move |s| s.read(|c| assessments::get(c, &scope, &aid)))
        .await?;
    let c = catalog_for(state, &row)?;
    Ok((row, c))
}

/// The category of criterion `crit` of the assessment's level; "not found" for any other id.
pub fn category_of_criterion(c: &Catalog, row: &AssessmentRow, crit: &str) -> AppResult<String> {
    c.criterion(crit)
        .filter(|x| x.level <= row.level)
        .and_then(|x| c.category_of(x))
        .map(|k| k.id.clone())
        .ok_or(AppError::NotFound)
}

/// The catalog edition an assessment was made against.
pub fn catalog_for(state: &Shared, a: &AssessmentRow) -> AppResult<std::sync::Arc<Catalog>> {
    state
        .catalogs()
        .shared(&format!("{}@{}", a.catalog, a.edition))
        .ok_or_else(|| {
            AppError::Internal(format!("catalog {}@{} is not loaded", a.catalog, a.edition))
        })
}

pub fn download(content_type: &'static str, name: &str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, attachment(name)),
        ],
        body,
    )
        .into_response()
}

/// A file name people recognise: the organisation, the assessment's title and the date, with
/// nothing a file system refuses (`株式会社サンプル_2026年度 ★3_2026-12-02.xlsx`).
pub fn file_name(org: &str, title: &str, date: &str, ext: &str) -> String {
    let clean = |s: &str| -> String {
        let kept: String = s
            .chars()
            .filter(|c| {
                !c.is_control()
                    && !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
            })
            .collect();
        kept.trim().chars().take(60).collect()
    };
    format!("{}_{}_{date}.{ext}", clean(org), clean(title))
}

/// RFC 6266 / 5987 `Content-Disposition: attachment` with the UTF-8 name and an ASCII fallback.
pub fn attachment(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// A role as the user reads it.
pub fn role_label(t: &Tr, r: Role) -> String {
    t.s(match r {
        Role::Owner => "role_owner",
        Role::Editor => "role_editor",
        Role::Viewer => "role_viewer",
    })
    .to_string()
}
