//! API of nominations (step 7): drafts with their dossier documents, submission with its checks, the
//! theme lead's forward or return, appraisal by the standing office, one by one or in bulk.
//! Every route calls a use case of `crate::ops::nominations`.

use super::extract::{ApiJson, ApiQuery, is_multipart};
use super::org::need_version;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiErrorBody, AppError};
use crate::ops::campaign_work::Upload;
use crate::ops::model::{DocumentRow, EventRow, NominationFilter};
use crate::ops::nominations::facts::{FactInput, FactView};
use crate::ops::nominations::{self as ops, DocStatus, NominationInput, NominationView};
use axum::Json;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, update))
        .routes(routes!(add_documents))
        .routes(routes!(submit))
        .routes(routes!(withdraw))
        .routes(routes!(forward))
        .routes(routes!(return_back))
        .routes(routes!(accept))
        .routes(routes!(bulk))
        .routes(routes!(download))
        .routes(routes!(report))
        .routes(routes!(facts, confirm_fact))
}

/// The facts of the dossier's form only a person can confirm (participation, exceeded targets…),
/// with what the appraising officer said about each.
#[utoipa::path(get, path = "/api/v1/nominations/{id}/facts", tag = "nominations", params(("id" = String, Path)), responses((status = 200, body = Vec<FactView>), (status = 404, body = ApiErrorBody)))]
async fn facts(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<FactView>>> {
    Ok(Json(ops::facts::facts(&state.db, &ctx, &id).await?))
}

/// Confirms (`holds: true`) or rejects one fact with its basis (`note`); the eligibility answer kept
/// with the dossier is computed again with it. The standing office, while it appraises.
#[utoipa::path(post, path = "/api/v1/nominations/{id}/facts", tag = "nominations", params(("id" = String, Path)), request_body = FactInput, responses((status = 200, body = Vec<FactView>), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn confirm_fact(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<FactInput>,
) -> ApiResult<Json<Vec<FactView>>> {
    Ok(Json(
        ops::facts::confirm(&state.db, &ctx, &id, &body).await?,
    ))
}

type ApiResult<T> = Result<T, ApiError>;

/// A nomination as the API shows it; labels are in Vietnamese, codes are stable.
#[derive(Debug, Serialize, ToSchema)]
pub struct Nomination {
    pub id: String,
    pub status: String,
    pub status_label: String,
    pub nominating_unit_id: String,
    pub nominating_unit_name: String,
    pub nominee_type: String,
    pub nominee_type_label: String,
    pub nominee_name: String,
    pub person_id: Option<String>,
    pub unit_id: Option<String>,
    pub household_name: Option<String>,
    pub code: String,
    pub code_name: String,
    /// The form asked for, when the standing office accepted a lower one.
    pub original_code: Option<String>,
    pub kind: String,
    pub kind_label: String,
    pub procedure: String,
    pub campaign_id: Option<String>,
    pub theme_id: Option<String>,
    /// The theme's lead unit the nomination goes through.
    pub route_unit_id: Option<String>,
    pub year: i64,
    pub achievement: String,
    pub achievement_key: Option<String>,
    pub justification: Option<String>,
    pub round: i64,
    pub submitted_at: Option<String>,
    /// Warnings accepted at submission (rules not decidable, plan notes).
    pub warnings: Vec<String>,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
    /// Only on a single nomination.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Vec<Event>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documents: Option<Vec<Document>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required_documents: Option<Vec<DocStatus>>,
}

impl From<NominationView> for Nomination {
    fn from(v: NominationView) -> Self {
        let r = v.row;
        Nomination {
            status_label: ops::status_label(&r.status).into(),
            nominee_type_label: ops::nominee_type_label(&r.nominee_type).into(),
            kind_label: ops::kind_label(&r.kind).into(),
            warnings: ops::warnings_of(&r),
            id: r.id,
            status: r.status,
            nominating_unit_id: r.nominating_unit_id,
            nominating_unit_name: v.unit_name,
            nominee_type: r.nominee_type,
            nominee_name: v.nominee_name,
            person_id: r.person_id,
            unit_id: r.unit_id,
            household_name: r.household_name,
            code: r.code,
            code_name: v.code_name,
            original_code: r.original_code,
            kind: r.kind,
            procedure: r.procedure,
            campaign_id: r.campaign_id,
            theme_id: r.theme_id,
            route_unit_id: r.route_unit_id,
            year: r.year,
            achievement: r.achievement,
            achievement_key: r.achievement_key,
            justification: r.justification,
            round: r.round,
            submitted_at: r.submitted_at,
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
            timeline: None,
            documents: None,
            required_documents: None,
        }
    }
}

/// One step of the timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct Event {
    pub at: String,
    pub user_name: String,
    pub action: String,
    pub action_label: String,
    pub from_status_label: Option<String>,
    pub to_status: String,
    pub to_status_label: String,
    pub round: i64,
    pub note: Option<String>,
}

impl From<EventRow> for Event {
    fn from(e: EventRow) -> Self {
        Event {
            action_label: ops::event_label(&e.action).into(),
            from_status_label: e
                .from_status
                .as_deref()
                .map(|s| ops::status_label(s).into()),
            to_status_label: ops::status_label(&e.to_status).into(),
            at: e.at,
            user_name: e.user_name,
            action: e.action,
            to_status: e.to_status,
            round: e.round,
            note: e.note,
        }
    }
}

/// A document of the dossier.
#[derive(Debug, Serialize, ToSchema)]
pub struct Document {
    pub id: String,
    pub doc_code: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub vote_yes: Option<i64>,
    pub vote_total: Option<i64>,
    pub round: i64,
    pub created_at: String,
}

impl From<DocumentRow> for Document {
    fn from(d: DocumentRow) -> Self {
        Document {
            id: d.id,
            doc_code: d.doc_code,
            file_name: d.file_name,
            content_type: d.content_type,
            size_bytes: d.size_bytes,
            vote_yes: d.vote_yes,
            vote_total: d.vote_total,
            round: d.round,
            created_at: d.created_at,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    campaign_id: Option<String>,
    /// A status code (`submitted`, `returned`, …).
    status: Option<String>,
    /// Catalog code of the form.
    code: Option<String>,
    /// Nominating unit (and its sub-units).
    unit_id: Option<String>,
    /// `true`: only those waiting for appraisal (*chưa thẩm định*).
    pending: Option<bool>,
    /// Routed through this lead unit (a theme lead's inbox).
    route_unit_id: Option<String>,
}

fn param(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// The nominations the caller may see, latest change first.
#[utoipa::path(get, path = "/api/v1/nominations", tag = "nominations", params(ListQuery), responses((status = 200, body = Vec<Nomination>), (status = 401, body = ApiErrorBody)))]
async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> ApiResult<Json<Vec<Nomination>>> {
    let unit_path = match param(&q.unit_id) {
        Some(u) => Some(ops::unit_path(&state.db, &ctx, &u).await?),
        None => None,
    };
    let f = NominationFilter {
        campaign_id: param(&q.campaign_id),
        status: param(&q.status),
        code: param(&q.code),
        unit_path,
        route_unit_id: param(&q.route_unit_id),
        pattern: None,
        ..Default::default()
    };
    let rows = ops::list(&state.db, &ctx, &f, q.pending.unwrap_or(false)).await?;
    Ok(Json(rows.into_iter().map(Nomination::from).collect()))
}

async fn full(state: &AppState, ctx: &Ctx, id: &str) -> ApiResult<Nomination> {
    let (v, events, _) = ops::get(&state.db, ctx, id).await?;
    let (required, docs) = ops::document_status(&state.db, ctx, id).await?;
    let mut n = Nomination::from(v);
    n.timeline = Some(events.into_iter().map(Event::from).collect());
    n.documents = Some(docs.into_iter().map(Document::from).collect());
    n.required_documents = Some(required);
    Ok(n)
}

/// Creates a draft nomination for a person, collective or household in the caller's scope.
#[utoipa::path(post, path = "/api/v1/nominations", tag = "nominations", request_body = NominationInput, responses((status = 201, body = Nomination), (status = 422, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(body): ApiJson<NominationInput>,
) -> ApiResult<(StatusCode, Json<Nomination>)> {
    let v = ops::create(&state.db, &ctx, &body).await?;
    Ok((
        StatusCode::CREATED,
        Json(full(&state, &ctx, &v.row.id).await?),
    ))
}

/// A nomination with its timeline, documents and required documents.
#[utoipa::path(get, path = "/api/v1/nominations/{id}", tag = "nominations", responses((status = 200, body = Nomination), (status = 404, body = ApiErrorBody)))]
async fn get_one(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<Json<Nomination>> {
    Ok(Json(full(&state, &ctx, &id).await?))
}

/// The fields of a nomination and the version read.
#[derive(Debug, Deserialize, ToSchema)]
pub struct UpdateBody {
    #[serde(default)]
    pub version: Option<i64>,
    #[serde(flatten)]
    pub input: NominationInput,
}

/// Edits a draft or returned nomination (409 when someone saved it since it was read).
#[utoipa::path(put, path = "/api/v1/nominations/{id}", tag = "nominations", request_body = UpdateBody, responses((status = 200, body = Nomination), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<UpdateBody>,
) -> ApiResult<Json<Nomination>> {
    let version = need_version(body.version)?;
    ops::update(&state.db, &ctx, &id, version, &body.input).await?;
    Ok(Json(full(&state, &ctx, &id).await?))
}

/// A multipart upload of dossier documents.
#[derive(Debug, ToSchema)]
#[allow(dead_code)] // documents the multipart form
pub struct DocumentForm {
    /// Catalog document code (`to_trinh`, `bien_ban`, `bao_cao_thanh_tich`, …).
    doc_code: String,
    /// Minutes only: votes in favour and members in all.
    vote_yes: Option<i64>,
    vote_total: Option<i64>,
    #[schema(value_type = Vec<String>, format = Binary)]
    files: Vec<u8>,
}

async fn read_form(
    req: Request,
    state: &AppState,
) -> ApiResult<(HashMap<String, String>, Vec<Upload>)> {
    let bad = || {
        ApiError(AppError::BadRequest(
            "Không đọc được biểu mẫu tải tệp (multipart/form-data); hãy gửi lại.".into(),
        ))
    };
    if !is_multipart(req.headers()) {
        return Err(bad());
    }
    let mut multipart = Multipart::from_request(req, state)
        .await
        .map_err(|_| bad())?;
    let (mut fields, mut files) = (HashMap::new(), Vec::new());
    while let Some(field) = multipart.next_field().await.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            super::extract::body_error(StatusCode::PAYLOAD_TOO_LARGE)
        } else {
            bad()
        }
    })? {
        let name = field.name().unwrap_or_default().to_string();
        match field.file_name().map(str::to_string) {
            Some(file_name) => {
                let bytes = field.bytes().await.map_err(|_| bad())?;
                if !(file_name.is_empty() && bytes.is_empty()) {
                    files.push(Upload {
                        file_name,
                        bytes: bytes.to_vec(),
                    });
                }
            }
            None => {
                fields.insert(name, field.text().await.map_err(|_| bad())?);
            }
        }
    }
    Ok((fields, files))
}

fn number(fields: &HashMap<String, String>, name: &str) -> ApiResult<Option<i64>> {
    match fields.get(name).map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s.parse().map(Some).map_err(|_| {
            let mut v = thidua_domain::Validation::new();
            v.add(
                name,
                "Kết quả bỏ phiếu",
                format!("«{s}» không phải là số nguyên."),
            );
            ApiError(AppError::Invalid(v))
        }),
    }
}

/// Uploads documents of one kind to the dossier (multipart: `doc_code`, `vote_yes`, `vote_total`, `files`).
#[utoipa::path(post, path = "/api/v1/nominations/{id}/documents", tag = "nominations", request_body(content = DocumentForm, content_type = "multipart/form-data"), responses((status = 201, body = Vec<Document>), (status = 422, body = ApiErrorBody), (status = 413, body = ApiErrorBody)))]
async fn add_documents(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    req: Request,
) -> ApiResult<(StatusCode, Json<Vec<Document>>)> {
    let (fields, files) = read_form(req, &state).await?;
    let doc_code = fields.get("doc_code").cloned().unwrap_or_default();
    let rows = ops::add_documents(
        &state.db,
        state.blobs(),
        &ctx,
        &id,
        &doc_code,
        number(&fields, "vote_yes")?,
        number(&fields, "vote_total")?,
        &files,
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(rows.into_iter().map(Document::from).collect()),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct StepBody {
    #[serde(default)]
    pub version: Option<i64>,
    /// Reasons (return) or a remark (accept).
    #[serde(default)]
    pub note: Option<String>,
    /// Accept only: a lower form (catalog code) than the one asked.
    #[serde(default)]
    pub code: Option<String>,
}

/// What submission answers: the nomination and the warnings accepted.
#[derive(Debug, Serialize, ToSchema)]
pub struct Submitted {
    pub nomination: Nomination,
    pub warnings: Vec<String>,
}

/// Sends the dossier after its checks (deadline, quota, documents, eligibility, same achievement).
#[utoipa::path(post, path = "/api/v1/nominations/{id}/submit", tag = "nominations", request_body = StepBody, responses((status = 200, body = Submitted), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<StepBody>,
) -> ApiResult<Json<Submitted>> {
    let (_, warnings) = ops::submit(&state.db, &ctx, &id, need_version(body.version)?).await?;
    Ok(Json(Submitted {
        nomination: full(&state, &ctx, &id).await?,
        warnings: warnings.into_iter().map(|w| w.message).collect(),
    }))
}

/// The nominating unit takes the nomination back before appraisal.
#[utoipa::path(post, path = "/api/v1/nominations/{id}/withdraw", tag = "nominations", request_body = StepBody, responses((status = 200, body = Nomination), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn withdraw(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<StepBody>,
) -> ApiResult<Json<Nomination>> {
    ops::withdraw(&state.db, &ctx, &id, need_version(body.version)?).await?;
    Ok(Json(full(&state, &ctx, &id).await?))
}

/// The theme's lead unit forwards the nomination to the standing office.
#[utoipa::path(post, path = "/api/v1/nominations/{id}/forward", tag = "nominations", request_body = StepBody, responses((status = 200, body = Nomination), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn forward(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<StepBody>,
) -> ApiResult<Json<Nomination>> {
    ops::forward(&state.db, &ctx, &id, need_version(body.version)?).await?;
    Ok(Json(full(&state, &ctx, &id).await?))
}

/// The theme lead or the standing office returns the nomination with reasons (`note`).
#[utoipa::path(post, path = "/api/v1/nominations/{id}/return", tag = "nominations", request_body = StepBody, responses((status = 200, body = Nomination), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn return_back(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<StepBody>,
) -> ApiResult<Json<Nomination>> {
    ops::return_back(
        &state.db,
        &ctx,
        &id,
        need_version(body.version)?,
        body.note.as_deref().unwrap_or(""),
    )
    .await?;
    Ok(Json(full(&state, &ctx, &id).await?))
}

/// The standing office accepts the nomination, optionally for a lower form (`code`).
#[utoipa::path(post, path = "/api/v1/nominations/{id}/accept", tag = "nominations", request_body = StepBody, responses((status = 200, body = Nomination), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn accept(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<StepBody>,
) -> ApiResult<Json<Nomination>> {
    ops::accept(
        &state.db,
        &ctx,
        &id,
        need_version(body.version)?,
        body.code.as_deref(),
        body.note.as_deref(),
    )
    .await?;
    Ok(Json(full(&state, &ctx, &id).await?))
}

/// One nomination of a bulk appraisal.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum BulkTarget {
    /// The nomination's id: taken as it is now.
    Id(String),
    /// The id with the version read: refused when the nomination changed since.
    Versioned {
        id: String,
        #[serde(default)]
        version: Option<i64>,
    },
}

/// A bulk appraisal by the standing office.
#[derive(Debug, Deserialize, ToSchema)]
pub struct BulkBody {
    /// `accept` or `return`.
    #[serde(default)]
    pub action: String,
    /// The nominations waiting for appraisal (at most 1000).
    #[serde(default)]
    pub ids: Vec<BulkTarget>,
    /// The reason of a return (required; the same for all), or a remark of the acceptance.
    #[serde(default)]
    pub note: Option<String>,
}

/// What a bulk appraisal answers.
#[derive(Debug, Serialize, ToSchema)]
pub struct BulkDone {
    /// `accept` or `return`.
    pub action: String,
    /// How many nominations changed.
    pub count: usize,
    /// Each nomination after the change, in the order given.
    pub results: Vec<Nomination>,
}

/// The standing office accepts or returns several nominations at once, all in one transaction: when
/// one of them cannot take the action (not found, changed since it was read, not waiting for
/// appraisal) nothing changes and the 422 names each such nomination (field `ids`). A return needs
/// its reason (`note`).
#[utoipa::path(post, path = "/api/v1/nominations/bulk", tag = "nominations", request_body = BulkBody, responses((status = 200, body = BulkDone), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn bulk(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(body): ApiJson<BulkBody>,
) -> ApiResult<Json<BulkDone>> {
    let items: Vec<ops::BulkItem> = body
        .ids
        .into_iter()
        .map(|t| match t {
            BulkTarget::Id(id) => ops::BulkItem { id, version: None },
            BulkTarget::Versioned { id, version } => ops::BulkItem { id, version },
        })
        .collect();
    let done = ops::bulk(
        &state.db,
        &ctx,
        &body.action,
        &items,
        body.note.as_deref().unwrap_or(""),
    )
    .await?;
    Ok(Json(BulkDone {
        action: body.action.trim().to_string(),
        count: done.len(),
        results: done.into_iter().map(Nomination::from).collect(),
    }))
}

/// Downloads a dossier document.
#[utoipa::path(get, path = "/api/v1/nomination_documents/{id}", tag = "nominations", responses((status = 200, description = "The file", content_type = "application/octet-stream"), (status = 404, body = ApiErrorBody)))]
async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let (d, bytes) = ops::download(&state.db, state.blobs(), &ctx, &id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, d.content_type.clone()),
            (header::CONTENT_DISPOSITION, ops::attachment(&d.file_name)),
        ],
        bytes,
    )
        .into_response())
}

/// The achievement report (*báo cáo thành tích*) generated from the data, as a DOCX to edit.
#[utoipa::path(get, path = "/api/v1/nominations/{id}/report", tag = "nominations", responses((status = 200, description = "DOCX", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), (status = 404, body = ApiErrorBody)))]
async fn report(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let (name, bytes) = ops::achievement_report(&state.db, &ctx, &id).await?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    .to_string(),
            ),
            (header::CONTENT_DISPOSITION, ops::attachment(&name)),
        ],
        bytes,
    )
        .into_response())
}
