//! API of units and clusters.

use super::dto::{Cluster, ClusterBody, MergeBody, RenameBody, SplitBody, Unit, UnitBody};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiErrorBody, AppError};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use thidua_domain::policy::Action;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_units, create_unit))
        .routes(routes!(get_unit, update_unit))
        .routes(routes!(rename_unit))
        .routes(routes!(merge_units))
        .routes(routes!(split_unit))
        .routes(routes!(list_clusters, create_cluster))
        .routes(routes!(get_cluster, update_cluster))
}

type ApiResult<T> = Result<T, ApiError>;

pub(super) fn need_version(v: Option<i64>) -> Result<i64, ApiError> {
    v.ok_or_else(|| {
        let mut val = thidua_domain::Validation::new();
        val.add(
            "version",
            "Phiên bản",
            "Thiếu trường version (phiên bản của bản ghi đã đọc).",
        );
        ApiError(AppError::Invalid(val))
    })
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct UnitQuery {
    /// Search code and name, ignoring diacritics.
    q: Option<String>,
    /// Include merged or dissolved units.
    #[serde(default)]
    include_closed: bool,
}

/// Units the caller may see, parents before children.
#[utoipa::path(get, path = "/api/v1/units", tag = "units", params(UnitQuery), responses((status = 200, body = Vec<Unit>), (status = 401, body = ApiErrorBody)))]
async fn list_units(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<UnitQuery>,
) -> ApiResult<Json<Vec<Unit>>> {
    ctx.authorize(Action::UseApp {
        org_id: ctx.org_id(),
    })?;
    let tree = crate::ops::units::tree(&state.db, &ctx, q.q.as_deref(), q.include_closed).await?;
    Ok(Json(tree.into_iter().map(|(_, u)| u.into()).collect()))
}

/// Creates a unit.
#[utoipa::path(post, path = "/api/v1/units", tag = "units", request_body = UnitBody, responses((status = 201, body = Unit), (status = 422, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
async fn create_unit(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(body): Json<UnitBody>,
) -> ApiResult<(StatusCode, Json<Unit>)> {
    let u = crate::ops::units::create(&state.db, &ctx, &body.input()).await?;
    Ok((StatusCode::CREATED, Json(u.into())))
}

#[utoipa::path(get, path = "/api/v1/units/{id}", tag = "units", responses((status = 200, body = Unit), (status = 404, body = ApiErrorBody)))]
async fn get_unit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<Json<Unit>> {
    let u = crate::ops::unit_views::get(&state.db, &ctx, &id).await?;
    Ok(Json(u.into()))
}

/// Updates a unit; `version` must be the one read (409 otherwise).
#[utoipa::path(put, path = "/api/v1/units/{id}", tag = "units", request_body = UnitBody, responses((status = 200, body = Unit), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update_unit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(body): Json<UnitBody>,
) -> ApiResult<Json<Unit>> {
    let version = need_version(body.version)?;
    Ok(Json(
        crate::ops::units::update(&state.db, &ctx, &id, version, &body.input())
            .await?
            .into(),
    ))
}

/// Renames a unit from a date; the old name is kept.
#[utoipa::path(post, path = "/api/v1/units/{id}/rename", tag = "units", request_body = RenameBody, responses((status = 200, body = Unit), (status = 422, body = ApiErrorBody)))]
async fn rename_unit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(b): Json<RenameBody>,
) -> ApiResult<Json<Unit>> {
    Ok(Json(
        crate::ops::units::rename(
            &state.db,
            &ctx,
            &id,
            b.version,
            &b.new_name,
            &b.effective_on,
        )
        .await?
        .into(),
    ))
}

/// Merges units; returns the unit that carries them on.
#[utoipa::path(post, path = "/api/v1/units/merge", tag = "units", request_body = MergeBody, responses((status = 200, body = Unit), (status = 422, body = ApiErrorBody)))]
async fn merge_units(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(b): Json<MergeBody>,
) -> ApiResult<Json<Unit>> {
    let t = crate::ops::units::merge(
        &state.db,
        &ctx,
        &b.sources,
        b.survivor.as_deref(),
        b.new_unit.as_ref(),
        &b.effective_on,
        b.note.as_deref(),
    )
    .await?;
    Ok(Json(t.into()))
}

/// Splits a unit into new units; the first carries its history.
#[utoipa::path(post, path = "/api/v1/units/{id}/split", tag = "units", request_body = SplitBody, responses((status = 200, body = Vec<Unit>), (status = 422, body = ApiErrorBody)))]
async fn split_unit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(b): Json<SplitBody>,
) -> ApiResult<Json<Vec<Unit>>> {
    let created = crate::ops::units::split(
        &state.db,
        &ctx,
        &id,
        &b.new_units,
        &b.effective_on,
        b.note.as_deref(),
    )
    .await?;
    Ok(Json(created.into_iter().map(Unit::from).collect()))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct ClusterQuery {
    year: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/clusters", tag = "clusters", params(ClusterQuery), responses((status = 200, body = Vec<Cluster>)))]
async fn list_clusters(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ClusterQuery>,
) -> ApiResult<Json<Vec<Cluster>>> {
    let found = crate::ops::clusters::with_members(&state.db, &ctx, q.year).await?;
    Ok(Json(
        found
            .into_iter()
            .map(|(c, members)| Cluster::new(c, members))
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/clusters", tag = "clusters", request_body = ClusterBody, responses((status = 201, body = Cluster), (status = 422, body = ApiErrorBody)))]
async fn create_cluster(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(b): Json<ClusterBody>,
) -> ApiResult<(StatusCode, Json<Cluster>)> {
    let c = crate::ops::clusters::create(&state.db, &ctx, &b.input()).await?;
    Ok((
        StatusCode::CREATED,
        Json(load_cluster(&state, &ctx, &c.id).await?),
    ))
}

async fn load_cluster(state: &AppState, ctx: &Ctx, id: &str) -> ApiResult<Cluster> {
    let (c, members) = crate::ops::clusters::get(&state.db, ctx, id).await?;
    Ok(Cluster::new(c, members))
}

#[utoipa::path(get, path = "/api/v1/clusters/{id}", tag = "clusters", responses((status = 200, body = Cluster), (status = 404, body = ApiErrorBody)))]
async fn get_cluster(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<Json<Cluster>> {
    Ok(Json(load_cluster(&state, &ctx, &id).await?))
}

#[utoipa::path(put, path = "/api/v1/clusters/{id}", tag = "clusters", request_body = ClusterBody, responses((status = 200, body = Cluster), (status = 409, body = ApiErrorBody)))]
async fn update_cluster(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(b): Json<ClusterBody>,
) -> ApiResult<Json<Cluster>> {
    let version = need_version(b.version)?;
    crate::ops::clusters::update(&state.db, &ctx, &id, version, &b.input()).await?;
    Ok(Json(load_cluster(&state, &ctx, &id).await?))
}
