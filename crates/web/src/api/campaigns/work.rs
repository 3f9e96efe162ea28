//! API of the units' work on a launched campaign (steps 3–5): registration, pacts, progress reports
//! with evidence files, what was sent for each deadline, and the download of attached files.
//! Progress and submissions take JSON, or `multipart/form-data` when files come along.

use super::body::{PactBody, ProgressBody, RegistrationBody, SubmissionBody};
use super::dto::{Attachment, Pact, Registration};
use super::{ApiResult, bad};
use crate::AppState;
use crate::api::extract::{ApiJson, body_error, is_multipart};
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiErrorBody, AppError};
use crate::ops::campaign_work::{self as ops, Upload};
use crate::ops::model::{ProgressRow, SubmissionRow};
use axum::Json;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use std::collections::HashMap;
use thidua_domain::campaign::deadline::submission_status;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_registrations, register))
        .routes(routes!(list_pacts, sign_pact))
        .routes(routes!(report_progress))
        .routes(routes!(submit))
        .routes(routes!(download))
        .merge(super::views::routes())
}

/// 201 for a record just made (its first version), 200 for an update of what was there.
fn created_or_updated(version: i64) -> StatusCode {
    if version == 1 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    }
}

// ---- registration and pacts ----

#[utoipa::path(get, path = "/api/v1/campaigns/{id}/registrations", tag = "campaigns", responses((status = 200, body = Vec<Registration>), (status = 404, body = ApiErrorBody)))]
async fn list_registrations(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<Registration>>> {
    let rows = ops::registrations(&state.db, &ctx, &id, None).await?;
    Ok(Json(rows.into_iter().map(Registration::from).collect()))
}

/// Registers a unit: titles aimed for, levels committed to per campaign target, own targets. Without
/// `version` a first registration (201); with the version read, an update (200).
#[utoipa::path(post, path = "/api/v1/campaigns/{id}/registrations", tag = "campaigns", request_body = RegistrationBody, responses((status = 201, body = Registration), (status = 200, body = Registration), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
async fn register(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<RegistrationBody>,
) -> ApiResult<(StatusCode, Json<Registration>)> {
    let row = ops::register(&state.db, &ctx, &id, b.version, &b.input()).await?;
    let view = ops::registrations(&state.db, &ctx, &id, Some(&row.unit_id))
        .await?
        .into_iter()
        .next()
        .ok_or(ApiError(AppError::NotFound))?;
    Ok((created_or_updated(row.version), Json(view.into())))
}

#[utoipa::path(get, path = "/api/v1/campaigns/{id}/pacts", tag = "campaigns", responses((status = 200, body = Vec<Pact>), (status = 404, body = ApiErrorBody)))]
async fn list_pacts(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<Pact>>> {
    let rows = ops::pacts(&state.db, &ctx, &id, None).await?;
    Ok(Json(rows.into_iter().map(Pact::from).collect()))
}

/// Signs a cluster's pact (the standing office or the officer of the cluster's leading unit); with the
/// version read, amends it.
#[utoipa::path(post, path = "/api/v1/campaigns/{id}/pacts", tag = "campaigns", request_body = PactBody, responses((status = 201, body = Pact), (status = 200, body = Pact), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
async fn sign_pact(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<PactBody>,
) -> ApiResult<(StatusCode, Json<Pact>)> {
    let row = ops::sign_pact(&state.db, &ctx, &id, b.version, &b.input()).await?;
    let status = created_or_updated(row.version);
    let view = ops::pacts(&state.db, &ctx, &id, Some(&row.cluster_id))
        .await?
        .into_iter()
        .next();
    let pact = match view {
        Some(v) => v.into(),
        // The signer sees the pact they signed even when no member lies in their scope.
        None => ops::PactView {
            row,
            cluster_name: String::new(),
            members: Vec::new(),
            commitments: Vec::new(),
        }
        .into(),
    };
    Ok((status, Json(pact)))
}

// ---- uploads ----

/// The text fields and files of a multipart form.
#[derive(Debug, Default)]
struct Form {
    fields: HashMap<String, String>,
    files: Vec<Upload>,
}

impl Form {
    fn text(&self, name: &str) -> Option<String> {
        self.fields.get(name).cloned()
    }
}

fn form_error(e: axum::extract::multipart::MultipartError) -> ApiError {
    match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => body_error(StatusCode::PAYLOAD_TOO_LARGE),
        _ => bad("Không đọc được biểu mẫu tải tệp (multipart/form-data); hãy gửi lại.".into()),
    }
}

/// Reads a multipart form: fields named `files` (or `file`) with a file name are files, others text.
async fn read_form(req: Request, state: &AppState) -> ApiResult<Form> {
    let mut multipart = Multipart::from_request(req, state).await.map_err(|_| bad("Biểu mẫu tải tệp (multipart/form-data) thiếu ranh giới (boundary) hoặc không đúng dạng.".into()))?;
    let mut form = Form::default();
    while let Some(field) = multipart.next_field().await.map_err(form_error)? {
        let name = field.name().unwrap_or_default().to_string();
        match field.file_name().map(str::to_string) {
            Some(file_name) => {
                let bytes = field.bytes().await.map_err(form_error)?;
                // A browser sends an empty part for a file input left empty.
                if !(file_name.is_empty() && bytes.is_empty()) {
                    form.files.push(Upload {
                        file_name,
                        bytes: bytes.to_vec(),
                    });
                }
            }
            None => {
                let text = field.text().await.map_err(form_error)?;
                form.fields.insert(name, text);
            }
        }
    }
    Ok(form)
}

/// The fields of a JSON body or of a multipart form, and the files (none with JSON).
async fn fields_and_files<B: serde::de::DeserializeOwned>(
    req: Request,
    state: &AppState,
    from_form: impl Fn(&Form) -> B,
) -> ApiResult<(B, Vec<Upload>)> {
    if is_multipart(req.headers()) {
        let form = read_form(req, state).await?;
        let body = from_form(&form);
        Ok((body, form.files))
    } else {
        let ApiJson(body) = ApiJson::<B>::from_request(req, state).await?;
        Ok((body, Vec::new()))
    }
}

async fn attachments(
    state: &AppState,
    ctx: &Ctx,
    owner_type: &str,
    owner_id: &str,
) -> ApiResult<Vec<Attachment>> {
    Ok(ops::attachments_of(&state.db, ctx, owner_type, owner_id)
        .await?
        .into_iter()
        .map(Attachment::from)
        .collect())
}

// ---- progress ----

/// A progress report as saved.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgressReport {
    pub id: String,
    pub campaign_id: String,
    pub target_id: String,
    /// `null` for a whole-body target.
    pub unit_id: Option<String>,
    pub value: f64,
    pub reported_on: String,
    pub comment: Option<String>,
    pub created_by: Option<String>,
    pub created_at: String,
    pub attachments: Vec<Attachment>,
}

impl ProgressReport {
    fn new(r: ProgressRow, attachments: Vec<Attachment>) -> ProgressReport {
        ProgressReport {
            id: r.id,
            campaign_id: r.campaign_id,
            target_id: r.target_id,
            unit_id: r.unit_id,
            value: r.value,
            reported_on: r.reported_on,
            comment: r.comment,
            created_by: r.created_by,
            created_at: r.created_at,
            attachments,
        }
    }
}

fn progress_from_form(f: &Form) -> ProgressBody {
    ProgressBody {
        unit_id: f.text("unit_id"),
        value: f.text("value").map(super::body::NumberOrText::Text),
        reported_on: f.text("reported_on"),
        comment: f.text("comment"),
    }
}

/// Reports a value on a target, with evidence files (multipart field `files`, any number up to 5:
/// PDF, JPG/PNG, DOC/DOCX, XLS/XLSX, 10 MB each) or as JSON without files.
#[utoipa::path(
    post,
    path = "/api/v1/campaigns/{id}/targets/{target_id}/progress",
    tag = "campaigns",
    request_body(content((ProgressBody = "application/json"), (super::body::ProgressForm = "multipart/form-data"))),
    responses((status = 201, body = ProgressReport), (status = 422, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 413, body = ApiErrorBody))
)]
async fn report_progress(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, target_id)): Path<(String, String)>,
    req: Request,
) -> ApiResult<(StatusCode, Json<ProgressReport>)> {
    let (body, files) = fields_and_files(req, &state, progress_from_form).await?;
    let row = ops::report_progress(
        &state.db,
        state.blobs(),
        &ctx,
        &id,
        &target_id,
        &body.input(),
        &files,
    )
    .await?;
    let files = attachments(&state, &ctx, "progress_report", &row.id).await?;
    Ok((StatusCode::CREATED, Json(ProgressReport::new(row, files))))
}

// ---- submissions ----

/// What a unit sent for one occurrence of a deadline.
#[derive(Debug, Serialize, ToSchema)]
pub struct Submission {
    pub id: String,
    pub campaign_id: String,
    pub deadline_id: String,
    /// The due date of the occurrence answered.
    pub due_on: String,
    pub unit_id: String,
    /// The day it was recorded as sent.
    pub sent_on: String,
    /// `on_time` or `late`.
    pub status: String,
    pub status_label: String,
    pub document_number: Option<String>,
    pub note: Option<String>,
    pub created_by: Option<String>,
    pub created_at: String,
    pub attachments: Vec<Attachment>,
}

impl Submission {
    fn new(s: SubmissionRow, attachments: Vec<Attachment>) -> Submission {
        let date = crate::ops::campaigns::date_of;
        let status = submission_status(date(&s.due_on), Some(date(&s.sent_on)), date(&s.sent_on));
        Submission {
            id: s.id,
            campaign_id: s.campaign_id,
            deadline_id: s.deadline_id,
            due_on: s.due_on,
            unit_id: s.unit_id,
            sent_on: s.sent_on,
            status: status.code().into(),
            status_label: status.label().into(),
            document_number: s.document_number,
            note: s.note,
            created_by: s.created_by,
            created_at: s.created_at,
            attachments,
        }
    }
}

fn submission_from_form(f: &Form) -> SubmissionBody {
    SubmissionBody {
        unit_id: f.text("unit_id"),
        due_on: f.text("due_on"),
        document_number: f.text("document_number"),
        note: f.text("note"),
    }
}

/// Records what a unit sent for a deadline (today is the date sent), with the documents as files
/// (multipart field `files`) or, as JSON, with a document number or a note.
#[utoipa::path(
    post,
    path = "/api/v1/campaigns/{id}/deadlines/{deadline_id}/submissions",
    tag = "campaigns",
    request_body(content((SubmissionBody = "application/json"), (super::body::SubmissionForm = "multipart/form-data"))),
    responses((status = 201, body = Submission), (status = 422, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 413, body = ApiErrorBody))
)]
async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, deadline_id)): Path<(String, String)>,
    req: Request,
) -> ApiResult<(StatusCode, Json<Submission>)> {
    let (body, files) = fields_and_files(req, &state, submission_from_form).await?;
    let row = ops::submit(
        &state.db,
        state.blobs(),
        &ctx,
        &id,
        &deadline_id,
        &body.input(),
        &files,
    )
    .await?;
    let files = attachments(&state, &ctx, "submission", &row.id).await?;
    Ok((StatusCode::CREATED, Json(Submission::new(row, files))))
}

// ---- files ----

/// `attachment; filename="…"; filename*=UTF-8''…`: an ASCII name for old clients and the exact one.
fn content_disposition(file_name: &str) -> String {
    let ascii: String = thidua_domain::text::fold(file_name)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in file_name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'~') {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// Downloads an evidence file or a document sent (only within the caller's scope).
#[utoipa::path(get, path = "/api/v1/attachments/{id}", tag = "campaigns", responses((status = 200, description = "The file, with its type", content_type = "application/octet-stream"), (status = 404, body = ApiErrorBody)))]
async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let (a, bytes) = ops::download(&state.db, state.blobs(), &ctx, &id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, a.content_type.clone()),
            (
                header::CONTENT_DISPOSITION,
                content_disposition(&a.file_name),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn file_names_in_headers() {
        let h = super::content_disposition("Báo cáo quý 3 \"mới\".pdf");
        assert!(
            h.starts_with("attachment; filename=\"bao_cao_quy_3__moi_.pdf\""),
            "{h}"
        );
        assert!(h.contains("filename*=UTF-8''B%C3%A1o%20c%C3%A1o"), "{h}");
    }
}
