//! The year-end meeting of a cluster or block through the API: the first of its published ranking
//! proposed to the meeting, the recorded vote on the leading unit and next year's leader and deputy,
//! and the leading unit's draft nomination — the same use cases as the page.

use super::dto::Cluster;
use super::extract::ApiJson;
use super::nominations::Nomination;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiErrorBody};
use crate::ops::cluster_year_end::{self as ops, YearEndInput, YearEndView};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

type ApiResult<T> = Result<T, ApiError>;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_year_end, record))
        .routes(routes!(propose))
}

/// The first of the cluster in a published ranking of its year, proposed to the meeting.
#[derive(Debug, Serialize, ToSchema)]
pub struct YearEndProposal {
    pub unit_id: String,
    pub unit_name: String,
    pub total: f64,
    pub scale_id: String,
    pub scale_name: String,
}

/// What the meeting decided, as recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct YearEndRecord {
    pub id: String,
    /// yyyy-mm-dd.
    pub held_on: String,
    pub present: i64,
    pub leading_unit_id: String,
    pub leading_unit_name: String,
    /// Votes for the leading unit, of `present`.
    pub leading_votes: i64,
    pub next_leader_unit_id: String,
    pub next_leader_name: String,
    pub next_deputy_unit_id: Option<String>,
    pub next_deputy_name: Option<String>,
    /// Why this year's leader leads again (only then).
    pub repeat_reason: Option<String>,
    /// Next year's cluster the result set up (or updated).
    pub next_cluster_id: String,
    /// The scale whose ranking was read out.
    pub scale_id: Option<String>,
    pub note: String,
    pub recorded_by_name: String,
    pub created_at: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct YearEndDto {
    pub cluster: Cluster,
    pub proposal: Option<YearEndProposal>,
    /// Absent until the meeting is recorded; recorded once.
    pub recorded: Option<YearEndRecord>,
    /// The caller may record the meeting (the office, or the leader's officer, before it is recorded).
    pub may_record: bool,
    /// The caller may propose the leading unit for an award (the same, once recorded).
    pub may_propose: bool,
}

fn year_end_dto(y: YearEndView) -> YearEndDto {
    let name = |id: &str| {
        y.members
            .iter()
            .find(|m| m.unit_id == id)
            .map(|m| m.unit_name.clone())
            .unwrap_or_default()
    };
    let recorded = y.recorded.as_ref().map(|r| YearEndRecord {
        id: r.id.clone(),
        held_on: r.held_on.clone(),
        present: r.present,
        leading_unit_name: name(&r.leading_unit_id),
        leading_unit_id: r.leading_unit_id.clone(),
        leading_votes: r.leading_votes,
        next_leader_name: name(&r.next_leader_unit_id),
        next_leader_unit_id: r.next_leader_unit_id.clone(),
        next_deputy_name: r.next_deputy_unit_id.as_deref().map(name),
        next_deputy_unit_id: r.next_deputy_unit_id.clone(),
        repeat_reason: r.repeat_reason.clone(),
        next_cluster_id: r.next_cluster_id.clone(),
        scale_id: r.scale_id.clone(),
        note: r.note.clone(),
        recorded_by_name: r.recorded_by_name.clone(),
        created_at: r.created_at.clone(),
    });
    YearEndDto {
        proposal: y.proposal.map(|p| YearEndProposal {
            unit_id: p.unit_id,
            unit_name: p.unit_name,
            total: p.total,
            scale_id: p.scale_id,
            scale_name: p.scale_name,
        }),
        recorded,
        may_record: y.may_record,
        may_propose: y.may_propose,
        cluster: Cluster::new(y.cluster, y.members),
    }
}

/// A cluster's year-end: the ranking's proposal for the meeting, and what was recorded.
#[utoipa::path(get, path = "/api/v1/clusters/{id}/year-end", tag = "clusters", params(("id" = String, Path)), responses((status = 200, body = YearEndDto), (status = 404, body = ApiErrorBody)))]
async fn get_year_end(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<Json<YearEndDto>> {
    Ok(Json(year_end_dto(ops::view(&state.db, &ctx, &id).await?)))
}

/// Records the meeting (the office, or the officer of this year's leader): the leading unit voted by
/// more than half of those present, next year's leader and deputy (the leader leads again only with a
/// `repeat_reason`); sets up next year's cluster. Recorded once: a second record is a 422 on
/// `cluster_id`.
#[utoipa::path(post, path = "/api/v1/clusters/{id}/year-end", tag = "clusters", params(("id" = String, Path)), request_body = YearEndInput, responses((status = 201, body = YearEndDto), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn record(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<YearEndInput>,
) -> ApiResult<(StatusCode, Json<YearEndDto>)> {
    ops::record(&state.db, &ctx, &id, &body).await?;
    Ok((
        StatusCode::CREATED,
        Json(year_end_dto(ops::view(&state.db, &ctx, &id).await?)),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ProposeInput {
    /// The award form: `CO_TINH` (Cờ thi đua of the province), `BK_TINH`, `CO_CP`…
    pub code: String,
}

/// Drafts the nomination of the recorded leading unit for `code`, with the meeting's minutes attached
/// as its biên bản (the office, or the leader's officer); the office completes and submits it.
#[utoipa::path(post, path = "/api/v1/clusters/{id}/year-end/propose", tag = "clusters", params(("id" = String, Path)), request_body = ProposeInput, responses((status = 201, body = Nomination), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn propose(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ProposeInput>,
) -> ApiResult<(StatusCode, Json<Nomination>)> {
    let n = crate::ops::cluster_proposal::propose(&state.db, state.blobs(), &ctx, &id, &body.code)
        .await?;
    Ok((StatusCode::CREATED, Json(Nomination::from(n))))
}
