//! API of exemplary people and models: the register (filtered as on `/exemplars`), one exemplar with
//! its photos, adoptions and fostering plan, putting one forward, and the office's decisions.

use super::extract::{ApiJson, ApiQuery};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiErrorBody};
use crate::ops::exemplars::{
    self as ops, ConsentInput, ExemplarDetail, ExemplarFilterInput, ExemplarInput, ExemplarList,
    ExemplarView, StateInput,
};
use axum::Json;
use axum::extract::{Path, State};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_exemplars, create_exemplar))
        .routes(routes!(get_exemplar))
        .routes(routes!(change_state))
        .routes(routes!(change_consent))
}

/// The exemplars the caller may see (a unit officer: their own units'), newest first, 30 a page.
#[utoipa::path(get, path = "/api/v1/exemplars", tag = "exemplars", params(ExemplarFilterInput), responses((status = 200, body = ExemplarList), (status = 401, body = ApiErrorBody)))]
async fn list_exemplars(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiQuery(f): ApiQuery<ExemplarFilterInput>,
) -> Result<Json<ExemplarList>, ApiError> {
    Ok(Json(ops::list(&state.db, &ctx, &f).await?))
}

/// A unit puts an exemplar forward today (the quarterly duty of its campaign counts itself).
#[utoipa::path(post, path = "/api/v1/exemplars", tag = "exemplars", request_body = ExemplarInput, responses((status = 201, body = ExemplarView), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn create_exemplar(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(i): ApiJson<ExemplarInput>,
) -> Result<(axum::http::StatusCode, Json<ExemplarView>), ApiError> {
    let row = ops::put_forward(&state.db, &ctx, &i).await?;
    Ok((
        axum::http::StatusCode::CREATED,
        Json(ExemplarView::of(&row)),
    ))
}

/// One exemplar with its photos, adoptions, fostering plan and the honours within reach.
#[utoipa::path(get, path = "/api/v1/exemplars/{id}", tag = "exemplars", params(("id" = String, Path)), responses((status = 200, body = ExemplarDetail), (status = 404, body = ApiErrorBody)))]
async fn get_exemplar(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<ExemplarDetail>, ApiError> {
    Ok(Json(ops::detail(&state.db, &ctx, &id).await?))
}

/// `select`, `ask_more`, `decline` (the office, a reason for the last two) or `resubmit` (the unit),
/// with the `version` read (409 when it changed meanwhile).
#[utoipa::path(post, path = "/api/v1/exemplars/{id}/state", tag = "exemplars", request_body = StateInput, params(("id" = String, Path)), responses((status = 200, body = ExemplarView), (status = 400, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn change_state(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<StateInput>,
) -> Result<Json<ExemplarView>, ApiError> {
    let row = ops::act(&state.db, &ctx, &id, &i).await?;
    Ok(Json(ExemplarView::of(&row)))
}

/// Records (`give`, with `given_by`) or withdraws (`withdraw`) the consent to publish; a withdrawal
/// takes the exemplar off the public site at once.
#[utoipa::path(post, path = "/api/v1/exemplars/{id}/consent", tag = "exemplars", request_body = ConsentInput, params(("id" = String, Path)), responses((status = 200, body = ExemplarView), (status = 400, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn change_consent(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(i): ApiJson<ConsentInput>,
) -> Result<Json<ExemplarView>, ApiError> {
    let row = ops::consent(&state.db, &ctx, &id, &i).await?;
    Ok(Json(ExemplarView::of(&row)))
}
