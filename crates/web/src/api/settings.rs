//! The organisation's document settings and numbering registers through the API.

use super::extract::{ApiJson, ApiQuery};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiErrorBody};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use thidua_app::doc_settings::{self, DocSettings};
use thidua_app::registers::{self, Entry, RegisterView, TakeInput};
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

type ApiResult<T> = Result<T, ApiError>;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_doc_settings, put_doc_settings))
        .routes(routes!(get_register))
        .routes(routes!(take_number))
}

/// The header lines, place, symbols, signers, recipients and blank positions of the organisation's
/// documents (defaults from its body while `version` is 0).
#[utoipa::path(get, path = "/api/v1/settings/documents", tag = "documents", responses((status = 200, body = DocSettings)))]
async fn get_doc_settings(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<DocSettings>> {
    Ok(Json(doc_settings::get(&state.db, &ctx).await?))
}

/// Saves the document settings over `version` (0 the first time): 409 when someone saved in between.
#[utoipa::path(put, path = "/api/v1/settings/documents", tag = "documents", request_body = DocSettings, responses((status = 200, body = DocSettings), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn put_doc_settings(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(body): ApiJson<DocSettings>,
) -> ApiResult<Json<DocSettings>> {
    Ok(Json(doc_settings::save(&state.db, &ctx, body).await?))
}

#[derive(Deserialize, IntoParams)]
struct YearQuery {
    /// The register's year (this year when absent).
    year: Option<i64>,
}

/// A numbering register (sổ đăng ký văn bản) of one kind and year, newest first, with the number
/// the next document would get today.
#[utoipa::path(get, path = "/api/v1/registers/{kind}", tag = "documents", params(("kind" = String, Path, description = "decision | submission | unit_submission | minutes | plan | report"), YearQuery), responses((status = 200, body = RegisterView), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn get_register(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(kind): Path<String>,
    ApiQuery(q): ApiQuery<YearQuery>,
) -> ApiResult<Json<RegisterView>> {
    Ok(Json(registers::view(&state.db, &ctx, &kind, q.year).await?))
}

/// Takes a number in a register: the one given, or the next when `number` is empty; 422 when the
/// number is already in that year's register or does not begin with its order number.
#[utoipa::path(post, path = "/api/v1/registers", tag = "documents", request_body = TakeInput, responses((status = 201, body = Entry), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn take_number(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(body): ApiJson<TakeInput>,
) -> ApiResult<(StatusCode, Json<Entry>)> {
    let e = registers::take(&state.db, &ctx, &body).await?;
    Ok((StatusCode::CREATED, Json(e)))
}
