//! The document downloads under the pages (see [`crate::documents`]), and the administrator's test
//! sheet for pre-printed certificate blanks.

use crate::AppState;
use crate::ctx::Ctx;
use crate::documents::{self, respond};
use crate::error::AppResult;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/decisions/{id}/documents/{file}", get(decision))
        .route("/meetings/{id}/documents/{file}", get(meeting))
        .route("/nominations/{id}/documents/{file}", get(nomination))
        .route("/campaigns/{id}/documents/{file}", get(campaign))
        .route("/clusters/{id}/documents/{file}", get(cluster))
        .route("/scoring/{id}/documents/{file}", get(scoring))
        .route("/settings/documents/blank-test.pdf", get(blank_test))
}

async fn decision(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path((id, file)): Path<(String, String)>,
) -> AppResult<Response> {
    Ok(respond(
        documents::decision(&state, &ctx, &headers, &id, &file).await?,
    ))
}

async fn meeting(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, file)): Path<(String, String)>,
) -> AppResult<Response> {
    Ok(respond(documents::meeting(&state, &ctx, &id, &file).await?))
}

async fn nomination(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, file)): Path<(String, String)>,
) -> AppResult<Response> {
    Ok(respond(
        documents::nomination(&state, &ctx, &id, &file).await?,
    ))
}

async fn campaign(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, file)): Path<(String, String)>,
) -> AppResult<Response> {
    Ok(respond(
        documents::campaign(&state, &ctx, &id, &file).await?,
    ))
}

async fn cluster(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, file)): Path<(String, String)>,
) -> AppResult<Response> {
    Ok(respond(documents::cluster(&state, &ctx, &id, &file).await?))
}

async fn scoring(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, file)): Path<(String, String)>,
) -> AppResult<Response> {
    Ok(respond(documents::scoring(&state, &ctx, &id, &file).await?))
}

async fn blank_test(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    Ok(respond(
        crate::ops::documents::decision::blank_test(&state.db, &ctx).await?,
    ))
}
