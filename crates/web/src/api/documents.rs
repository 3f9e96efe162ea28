//! The official documents through the API: the same files as the pages' download links.

use crate::AppState;
use crate::ctx::Ctx;
use crate::documents::{self, respond};
use crate::error::{ApiError, ApiErrorBody};
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(decision_document))
        .routes(routes!(meeting_document))
        .routes(routes!(nomination_document))
        .routes(routes!(campaign_document))
}

/// A decision's documents: `decision.pdf`, `decision.docx` (the decision with its attached list),
/// `certificates.pdf`, `certificates.docx` (one page per awardee), `certificates-blank.pdf` (the
/// variable text for pre-printed blanks), `certificate-{line_id}.pdf`.
#[utoipa::path(get, path = "/api/v1/decisions/{id}/documents/{file}", tag = "documents", params(("id" = String, Path), ("file" = String, Path, description = "decision.pdf | decision.docx | certificates.pdf | certificates.docx | certificates-blank.pdf | certificate-{line_id}.pdf")), responses((status = 200, description = "PDF or DOCX", content_type = "application/octet-stream"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn decision_document(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    Ok(respond(
        documents::decision(&state, &ctx, &headers, &id, &file).await?,
    ))
}

/// A council meeting's minutes (`minutes.pdf|docx`) and the standing office's Tờ trình to the
/// chairman with what passed (`submission.pdf|docx`).
#[utoipa::path(get, path = "/api/v1/meetings/{id}/documents/{file}", tag = "documents", params(("id" = String, Path), ("file" = String, Path, description = "minutes.pdf | minutes.docx | submission.pdf | submission.docx")), responses((status = 200, description = "PDF or DOCX", content_type = "application/octet-stream"), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn meeting_document(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    Ok(respond(documents::meeting(&state, &ctx, &id, &file).await?))
}

/// A nomination's achievement report (`report.pdf|docx`) and its unit's Tờ trình
/// (`unit-submission.pdf|docx`).
#[utoipa::path(get, path = "/api/v1/nominations/{id}/documents/{file}", tag = "documents", params(("id" = String, Path), ("file" = String, Path, description = "report.pdf | report.docx | unit-submission.pdf | unit-submission.docx")), responses((status = 200, description = "PDF or DOCX", content_type = "application/octet-stream"), (status = 404, body = ApiErrorBody)))]
async fn nomination_document(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    Ok(respond(
        documents::nomination(&state, &ctx, &id, &file).await?,
    ))
}

/// A campaign's plan (`plan.pdf|docx`) and list of nominees (`nominees.pdf|docx|xlsx`).
#[utoipa::path(get, path = "/api/v1/campaigns/{id}/documents/{file}", tag = "documents", params(("id" = String, Path), ("file" = String, Path, description = "plan.pdf | plan.docx | nominees.pdf | nominees.docx | nominees.xlsx | report-interim.pdf | report-interim.docx | report-final.pdf | report-final.docx")), responses((status = 200, description = "PDF, DOCX or XLSX", content_type = "application/octet-stream"), (status = 404, body = ApiErrorBody)))]
async fn campaign_document(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    Ok(respond(
        documents::campaign(&state, &ctx, &id, &file).await?,
    ))
}
