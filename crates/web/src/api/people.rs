//! API of people.

use super::dto::{Person, PersonBody, PersonPage};
use super::org::need_version as version_required;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiErrorBody};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_people, create_person))
        .routes(routes!(get_person, update_person))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct PeopleQuery {
    /// Search name and position, ignoring diacritics and đ.
    q: Option<String>,
    unit_id: Option<String>,
    #[serde(default)]
    offset: i64,
    /// At most 500.
    limit: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/people", tag = "people", params(PeopleQuery), responses((status = 200, body = PersonPage)))]
async fn list_people(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<PeopleQuery>,
) -> Result<Json<PersonPage>, ApiError> {
    let found = crate::ops::persons::search(
        &state.db,
        &ctx,
        q.unit_id.as_deref(),
        q.q.as_deref().filter(|s| !s.trim().is_empty()),
        q.limit.unwrap_or(100).clamp(1, 500),
        q.offset.max(0),
    )
    .await?;
    let (total, items) = (found.total, found.rows);
    Ok(Json(PersonPage {
        total,
        items: items.into_iter().map(Into::into).collect(),
    }))
}

#[utoipa::path(post, path = "/api/v1/people", tag = "people", request_body = PersonBody, responses((status = 201, body = Person), (status = 422, body = ApiErrorBody)))]
async fn create_person(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(b): Json<PersonBody>,
) -> Result<(StatusCode, Json<Person>), ApiError> {
    let p = crate::ops::persons::create(&state.db, &ctx, &b.input()).await?;
    Ok((StatusCode::CREATED, Json(p.into())))
}

#[utoipa::path(get, path = "/api/v1/people/{id}", tag = "people", responses((status = 200, body = Person), (status = 404, body = ApiErrorBody)))]
async fn get_person(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<Person>, ApiError> {
    let p = crate::ops::persons::get(&state.db, &ctx, &id).await?;
    Ok(Json(p.into()))
}

#[utoipa::path(put, path = "/api/v1/people/{id}", tag = "people", request_body = PersonBody, responses((status = 200, body = Person), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update_person(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(b): Json<PersonBody>,
) -> Result<Json<Person>, ApiError> {
    let version = version_required(b.version)?;
    Ok(Json(
        crate::ops::persons::update(&state.db, &ctx, &id, version, &b.input())
            .await?
            .into(),
    ))
}
