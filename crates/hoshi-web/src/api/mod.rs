//! The JSON API (`/api/v1/…`), authenticated by personal access tokens limited to one
//! organisation, and its OpenAPI document (`/api/openapi.json`).
//!
//! A token acts with the rights its user has in that organisation *now* (a demoted or removed
//! member's tokens lose those rights at once), and only reads unless it was created for writing.

use crate::kernel::path::Path;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use hoshi_core::AssessmentId;
use hoshi_core::{AnswerInput, Lang};
use hoshi_store::assessments::{self, NewAssessment};
use hoshi_store::orgs::{self, Role};
use hoshi_store::{StoreError, tokens, users};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::{Shared, now};

use crate::kernel::routes::{Access, Routes};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/api/openapi.json", Access::Public, openapi_json)
        .get("/api/v1/catalogs", Access::Token, catalogs)
        .get("/api/v1/assessments", Access::Token, list)
        .post("/api/v1/assessments", Access::Token, create)
        .get("/api/v1/assessments/{id}", Access::Token, get)
        .get("/api/v1/assessments/{id}/report", Access::Token, report)
        .put(
            "/api/v1/assessments/{id}/answers/{criterion}",
            Access::Token,
            put_answer,
        )
}

/// An API error: a status and a JSON body `{"error": code, "message": text}`.
#[derive(Debug)]
pub struct ApiError(pub StatusCode, pub &'static str, pub String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({"error": self.1, "message": self.2}))).into_response()
    }
}

impl From<crate::kernel::error::AppError> for ApiError {
    fn from(e: crate::kernel::error::AppError) -> Self {
        use crate::kernel::error::AppError as E;
        match e {
            E::NotFound => ApiError(
                StatusCode::NOT_FOUND,
                "not_found",
                "no such resource in this organisation".into(),
            ),
            E::Forbidden => ApiError(
                StatusCode::FORBIDDEN,
                "forbidden",
                "this token may not do that".into(),
            ),
            E::BadRequest(e) => ApiError(StatusCode::BAD_REQUEST, e.code(), e.message(Lang::En)),
            E::Conflict => ApiError(
                StatusCode::CONFLICT,
                "conflict",
                "changed by someone else; read it again".into(),
            ),
            E::Internal(d) => {
                tracing::error!(detail = %d, "internal error (api)");
                ApiError(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "internal error".into(),
                )
            }
            other => ApiError(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                format!("{other:?}"),
            ),
        }
    }
}

type ApiResult<T> = Result<T, ApiError>;

/// The caller of an API request.
pub struct ApiUser {
    pub user_id: String,
    pub org_id: String,
    /// The token's organisation, checked through the user's membership.
    pub scope: hoshi_store::OrgScope,
    pub role: Role,
    pub can_write: bool,
}

impl ApiUser {
    fn write(&self) -> ApiResult<()> {
        if self.can_write && self.role.can_edit() {
            Ok(())
        } else {
            Err(ApiError(
                StatusCode::FORBIDDEN,
                "forbidden",
                "this token is read-only or the user may not edit".into(),
            ))
        }
    }
}

impl FromRequestParts<Shared> for ApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Shared,
    ) -> Result<Self, Self::Rejection> {
        let unauthorized =
            |m: &str| ApiError(StatusCode::UNAUTHORIZED, "unauthorized", m.to_string());
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(|| {
                unauthorized("send a personal access token: Authorization: Bearer hoshi_…")
            })?
            .trim()
            .to_string();
        let found = state
            .db(move |s| {
                let n = now();
                let Some(t) = s.read(|c| tokens::authenticate(c, n, &bearer))? else {
                    return Ok(None);
                };
                let u = s.read(|c| users::get(c, &t.user_id))?;
                let m = s.read(|c| orgs::membership(c, &t.user_id, &t.org_id))?;
                if t.last_used.is_none_or(|l| n - l > 60) {
                    s.write(|tx| tokens::touch(tx, n, &t.id))?;
                }
                Ok(Some((t, u, m)))
            })
            .await
            .map_err(ApiError::from)?;
        let Some((t, u, m)) = found else {
            return Err(unauthorized("the token is unknown, expired or revoked"));
        };
        // A pause of password sign-in (failures from some address) does not stop API tokens;
        // an account an administrator disabled does.
        if u.disabled {
            return Err(unauthorized("the account is disabled"));
        }
        let m = m.ok_or_else(|| {
            unauthorized("the token's user is no longer a member of its organisation")
        })?;
        Ok(ApiUser {
            user_id: t.user_id,
            org_id: t.org_id,
            scope: m.scope().clone(),
            role: m.role,
            can_write: t.can_write,
        })
    }
}

fn body<T>(b: Result<Json<T>, JsonRejection>) -> ApiResult<T> {
    b.map(|Json(v)| v)
        .map_err(|e| ApiError(StatusCode::BAD_REQUEST, "bad_json", e.body_text()))
}

pub async fn catalogs(State(state): State<Shared>, _u: ApiUser) -> ApiResult<Json<Value>> {
    let list: Vec<Value> = state
        .catalogs()
        .iter()
        .map(|c| {
            json!({
                "id": c.framework.id, "edition": c.framework.edition, "title": c.framework.title,
                "levels": c.levels.iter().filter(|l| !l.summarised).map(|l| l.rank).collect::<Vec<_>>(),
                "criteria": c.criteria.len(),
            })
        })
        .collect();
    Ok(Json(json!({ "catalogs": list })))
}

pub async fn list(State(state): State<Shared>, u: ApiUser) -> ApiResult<Json<Value>> {
    let scope = u.scope.clone();
    let rows = state
        .db(move |s| s.read(|c| assessments::list(c, &scope)))
        .await?;
    Ok(Json(json!({ "assessments": rows })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewAssessmentBody {
    title: String,
    catalog: String,
    #[serde(default)]
    edition: Option<String>,
    level: u8,
}

pub async fn create(
    State(state): State<Shared>,
    u: ApiUser,
    b: Result<Json<NewAssessmentBody>, JsonRejection>,
) -> ApiResult<Response> {
    u.write()?;
    let b = body(b)?;
    let spec = match &b.edition {
        Some(e) => format!("{}@{e}", b.catalog),
        None => b.catalog.clone(),
    };
    let c = state.catalogs().shared(&spec).ok_or_else(|| {
        ApiError(
            StatusCode::BAD_REQUEST,
            "unknown_catalog",
            format!("no catalog `{spec}`"),
        )
    })?;
    if c.level(b.level).is_none_or(|l| l.summarised) {
        return Err(ApiError(
            StatusCode::BAD_REQUEST,
            "unknown_level",
            format!("{} cannot be assessed at level {}", c.pin(), b.level),
        ));
    }
    let (cid, ced) = (c.framework.id.clone(), c.framework.edition.clone());
    let (uid, oid) = (u.user_id.clone(), u.org_id.clone());
    let row = state
        .db(move |s| {
            s.write(|tx| {
                assessments::create(
                    tx,
                    now(),
                    &uid,
                    NewAssessment {
                        org_id: &oid,
                        title: &b.title,
                        catalog: &cid,
                        edition: &ced,
                        level: b.level,
                    },
                )
            })
        })
        .await?;
    Ok((StatusCode::CREATED, Json(json!(row))).into_response())
}

async fn load(
    state: &Shared,
    u: &ApiUser,
    id: &str,
) -> ApiResult<(
    assessments::AssessmentRow,
    std::collections::BTreeMap<String, assessments::AnswerRow>,
)> {
    if !hoshi_store::is_id(id) {
        return Err(ApiError(
            StatusCode::NOT_FOUND,
            "not_found",
            "no such assessment in this organisation".into(),
        ));
    }
    let (scope, aid) = (u.scope.clone(), id.to_string());
    Ok(state
        .db(move |s| {
            s.read(|c| {
                Ok((
                    assessments::get(c, &scope, &aid)?,
                    assessments::answers(c, &scope, &aid)?,
                ))
            })
        })
        .await?)
}

pub async fn get(
    State(state): State<Shared>,
    u: ApiUser,
    Path(id): Path<AssessmentId>,
) -> ApiResult<Json<Value>> {
    let (row, answers) = load(&state, &u, &id).await?;
    Ok(Json(json!({ "assessment": row, "answers": answers })))
}

pub async fn report(
    State(state): State<Shared>,
    u: ApiUser,
    Path(id): Path<AssessmentId>,
) -> ApiResult<Json<Value>> {
    let (row, answers) = load(&state, &u, &id).await?;
    let catalog = catalog_of(&state, &row)?;
    let c = &*catalog;
    let e = hoshi_core::evaluate_unchecked(c, &assessments::to_core(&row, &answers, ""));
    Ok(Json(json!({
        "assessment": row.id, "catalog": c.pin(), "level": row.level,
        "target_reached": e.target_reached, "verdict": e.verdict_line(c, hoshi_core::Lang::Ja),
        "overall": e.overall, "percent": e.overall.percent(), "levels": e.levels,
        "categories": e.categories, "gaps": e.gaps, "roadmap": e.roadmap,
    })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerBody {
    status: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    evidence: Vec<String>,
    #[serde(default)]
    note: String,
    /// The version read before changing it (0 for a criterion never answered).
    version: i64,
}

pub async fn put_answer(
    State(state): State<Shared>,
    u: ApiUser,
    Path((id, crit)): Path<(AssessmentId, String)>,
    b: Result<Json<AnswerBody>, JsonRejection>,
) -> ApiResult<Response> {
    u.write()?;
    let b = body(b)?;
    let (row, _) = load(&state, &u, &id).await?;
    let catalog = catalog_of(&state, &row)?;
    let c = &*catalog;
    if c.criterion(&crit).is_none_or(|x| x.level > row.level) {
        return Err(ApiError(
            StatusCode::NOT_FOUND,
            "unknown_criterion",
            format!(
                "{} at level {} has no criterion `{crit}`",
                c.pin(),
                row.level
            ),
        ));
    }
    let evidence: Vec<&str> = b.evidence.iter().map(String::as_str).collect();
    let answer = AnswerInput {
        status: &b.status,
        reason: &b.reason,
        evidence: &evidence,
        note: &b.note,
    }
    .validate()
    .map_err(crate::kernel::error::AppError::from)?;
    let (uid, oid, aid, cid, v) = (
        u.user_id.clone(),
        u.org_id.clone(),
        row.id.clone(),
        crit.clone(),
        b.version,
    );
    let saved = state
        .db(move |s| {
            s.write(|tx| assessments::save_answer(tx, now(), &uid, &oid, &aid, &cid, v, &answer))
        })
        .await;
    match saved {
        Ok(r) => Ok(Json(json!(r)).into_response()),
        Err(crate::kernel::error::AppError::Conflict) => {
            let (aid, cid) = (row.id.clone(), crit.clone());
            let current = state
                .db(move |s| s.read(|c| assessments::answer(c, &aid, &cid)))
                .await?;
            Ok((StatusCode::CONFLICT, Json(json!({"error": "conflict", "message": "changed by someone else since that version", "current": current}))).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        crate::kernel::error::AppError::from(e).into()
    }
}

fn catalog_of(
    state: &Shared,
    row: &assessments::AssessmentRow,
) -> ApiResult<std::sync::Arc<hoshi_core::Catalog>> {
    state
        .catalogs()
        .shared(&format!("{}@{}", row.catalog, row.edition))
        .ok_or_else(|| {
            ApiError(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "catalog not loaded".into(),
            )
        })
}

/// The API's routes as (method, path) — kept next to the document so a test can compare them.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/v1/catalogs"),
    ("get", "/api/v1/assessments"),
    ("post", "/api/v1/assessments"),
    ("get", "/api/v1/assessments/{id}"),
    ("get", "/api/v1/assessments/{id}/report"),
    ("put", "/api/v1/assessments/{id}/answers/{criterion}"),
];

/// The OpenAPI 3.1 document.
pub fn openapi() -> Value {
    let (text_max, lines_max) = (
        hoshi_core::assessment::MAX_ANSWER_TEXT,
        hoshi_core::assessment::MAX_EVIDENCE_LINES,
    );
    let err = json!({"$ref": "#/components/responses/Error"});
    let id = json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9a-f]{32}$"}});
    json!({
        "openapi": "3.1.0",
        "info": {"title": "hoshi API", "version": env!("CARGO_PKG_VERSION"),
                 "description": "Self-assessments for Japan's SCS scheme. Every token belongs to one user and one organisation; it reads, and writes only when created for writing and the user may edit."},
        "servers": [{"url": "/"}],
        "security": [{"token": []}],
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer", "description": "Personal access token hoshi_… (Account → API tokens)"}},
            "responses": {"Error": {"description": "Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}},
            "schemas": {
                "Error": {"type": "object", "required": ["error", "message"], "properties": {"error": {"type": "string"}, "message": {"type": "string"}}},
                "Assessment": {"type": "object", "properties": {
                    "id": {"type": "string"}, "org_id": {"type": "string"}, "title": {"type": "string"},
                    "catalog": {"type": "string"}, "edition": {"type": "string"}, "level": {"type": "integer"},
                    "created_by": {"type": "string"}, "created_at": {"type": "integer"}, "updated_at": {"type": "integer"}}},
                "Answer": {"type": "object", "properties": {
                    "status": {"type": "string", "enum": ["met", "partial", "not-met", "not-applicable", "unanswered"]},
                    "reason": {"type": "string"}, "evidence": {"type": "array", "items": {"type": "string"}}, "note": {"type": "string"}}},
                "AnswerRow": {"type": "object", "properties": {
                    "criterion_id": {"type": "string"}, "answer": {"$ref": "#/components/schemas/Answer"},
                    "version": {"type": "integer"}, "updated_by": {"type": "string"}, "updated_at": {"type": "integer"}}},
                "AnswerUpdate": {"type": "object", "required": ["status", "version"], "additionalProperties": false, "properties": {
                    "status": {"type": "string", "enum": ["met", "partial", "not-met", "not-applicable", "unanswered"]},
                    "reason": {"type": "string", "maxLength": text_max, "description": "required (not blank) for not-applicable"},
                    "evidence": {"type": "array", "maxItems": lines_max, "items": {"type": "string", "maxLength": text_max},
                        "description": "at most this many non-blank lines, together at most the text limit"},
                    "note": {"type": "string", "maxLength": text_max},
                    "version": {"type": "integer", "minimum": 0, "maximum": i64::MAX, "description": "the version read before the change; 0 when never answered"}}},
                "NewAssessment": {"type": "object", "required": ["title", "catalog", "level"], "additionalProperties": false, "properties": {
                    "title": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "\\S", "description": "1 to 200 characters once trimmed"},
                    "catalog": {"type": "string", "examples": ["scs"]},
                    "edition": {"type": "string", "examples": ["2026-03-27"]},
                    "level": {"type": "integer", "minimum": 0, "maximum": 255, "examples": [3], "description": "a level the catalog lets you assess (★3, or ★4 once the official workbook is imported)"}}}
            }
        },
        "paths": {
            "/api/v1/catalogs": {"get": {"summary": "Catalogs that can be assessed", "responses": {"200": {"description": "Catalogs"}, "401": err}}},
            "/api/v1/assessments": {
                "get": {"summary": "Assessments of the token's organisation", "responses": {"200": {"description": "Assessments"}, "401": err}},
                "post": {"summary": "Start an assessment", "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NewAssessment"}}}},
                         "responses": {"201": {"description": "Created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Assessment"}}}}, "400": err, "401": err, "403": err}}
            },
            "/api/v1/assessments/{id}": {"get": {"summary": "An assessment with its answers", "parameters": [id],
                "responses": {"200": {"description": "The assessment"}, "401": err, "404": err}}},
            "/api/v1/assessments/{id}/report": {"get": {"summary": "Verdict, progress, gaps and roadmap", "parameters": [id],
                "responses": {"200": {"description": "The evaluation"}, "401": err, "404": err}}},
            "/api/v1/assessments/{id}/answers/{criterion}": {"put": {"summary": "Save one answer (optimistic concurrency)",
                "parameters": [id, {"name": "criterion", "in": "path", "required": true, "schema": {"type": "string"}, "examples": {"patch": {"value": "4-4-4-2"}}}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AnswerUpdate"}}}},
                "responses": {"200": {"description": "Saved", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AnswerRow"}}}},
                              "400": err, "401": err, "403": err, "404": err,
                              "409": {"description": "Changed by someone else; the body carries the current answer"}}}}
        }
    })
}

pub async fn openapi_json() -> Json<Value> {
    Json(openapi())
}
