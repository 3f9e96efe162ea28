//! API of council meetings (step 8 of the process): schedule, agenda, open, votes, conflicts of
//! interest, paper ballots and written opinions, close, minutes. Every route calls a use case of
//! `crate::ops::meetings`; nothing here decides anything.

use super::extract::ApiJson;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiErrorBody};
use crate::ops::meetings::close::CloseInput;
use crate::ops::meetings::view::{MeetingSummary, MeetingView};
use crate::ops::meetings::{self as ops, ConflictInput, MeetingInput, PaperInput, VoteInput};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_meetings, create_meeting))
        .routes(routes!(get_meeting))
        .routes(routes!(add_agenda))
        .routes(routes!(remove_agenda))
        .routes(routes!(open_meeting))
        .routes(routes!(cast_vote))
        .routes(routes!(declare_conflict))
        .routes(routes!(record_paper))
        .routes(routes!(close_meeting))
        .routes(routes!(get_minutes))
}

type ApiResult<T> = Result<T, ApiError>;

/// Nominations (accepted ones) to put on the agenda, in order.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct AgendaBody {
    pub nomination_ids: Vec<String>,
}

/// The version of the meeting as read.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct VersionOnly {
    pub version: i64,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Minutes {
    pub meeting_id: String,
    /// The minutes as text, one paragraph a line; empty until the meeting closes.
    pub text: String,
}

async fn load(state: &AppState, ctx: &Ctx, id: &str) -> ApiResult<MeetingView> {
    Ok(ops::get(&state.db, ctx, id).await?)
}

/// Meetings, latest first (the office, council members and the chairman).
#[utoipa::path(get, path = "/api/v1/meetings", tag = "meetings", responses((status = 200, body = Vec<MeetingSummary>), (status = 403, body = ApiErrorBody)))]
async fn list_meetings(
    State(state): State<AppState>,
    ctx: Ctx,
) -> ApiResult<Json<Vec<MeetingSummary>>> {
    let rows = ops::list(&state.db, &ctx).await?;
    Ok(Json(rows.iter().map(MeetingSummary::from).collect()))
}

/// Schedules a meeting (standing office).
#[utoipa::path(post, path = "/api/v1/meetings", tag = "meetings", request_body = MeetingInput, responses((status = 201, body = MeetingView), (status = 422, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
async fn create_meeting(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(body): ApiJson<MeetingInput>,
) -> ApiResult<(StatusCode, Json<MeetingView>)> {
    let m = ops::create(&state.db, &ctx, &body).await?;
    Ok((StatusCode::CREATED, Json(load(&state, &ctx, &m.id).await?)))
}

/// A meeting with its members and agenda (dossier summaries, counts, results).
#[utoipa::path(get, path = "/api/v1/meetings/{id}", tag = "meetings", responses((status = 200, body = MeetingView), (status = 404, body = ApiErrorBody)))]
async fn get_meeting(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<Json<MeetingView>> {
    Ok(Json(load(&state, &ctx, &id).await?))
}

/// Adds accepted nominations to the agenda of a scheduled meeting.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/agenda", tag = "meetings", request_body = AgendaBody, responses((status = 200, body = MeetingView), (status = 400, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn add_agenda(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<AgendaBody>,
) -> ApiResult<Json<MeetingView>> {
    ops::add_items(&state.db, &ctx, &id, &body.nomination_ids).await?;
    Ok(Json(load(&state, &ctx, &id).await?))
}

/// Takes an item off the agenda of a scheduled meeting (the nomination goes back to accepted).
#[utoipa::path(delete, path = "/api/v1/meetings/{id}/agenda/{item_id}", tag = "meetings", responses((status = 200, body = MeetingView), (status = 400, body = ApiErrorBody)))]
async fn remove_agenda(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, item_id)): Path<(String, String)>,
) -> ApiResult<Json<MeetingView>> {
    ops::remove_item(&state.db, &ctx, &id, &item_id).await?;
    Ok(Json(load(&state, &ctx, &id).await?))
}

/// Opens the vote; sitting members are notified.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/open", tag = "meetings", request_body = VersionOnly, responses((status = 200, body = MeetingView), (status = 400, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn open_meeting(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<VersionOnly>,
) -> ApiResult<Json<MeetingView>> {
    ops::open(&state.db, &ctx, &id, body.version).await?;
    Ok(Json(load(&state, &ctx, &id).await?))
}

/// The caller's vote on one item (sitting members; once; not with a declared conflict).
#[utoipa::path(post, path = "/api/v1/meetings/{id}/votes", tag = "meetings", request_body = VoteInput, responses((status = 204), (status = 400, body = ApiErrorBody), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn cast_vote(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<VoteInput>,
) -> ApiResult<StatusCode> {
    ops::vote(&state.db, &ctx, &id, &body).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller declares a conflict of interest on one item and does not vote on it.
#[utoipa::path(post, path = "/api/v1/meetings/{id}/conflicts", tag = "meetings", request_body = ConflictInput, responses((status = 204), (status = 400, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
async fn declare_conflict(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<ConflictInput>,
) -> ApiResult<StatusCode> {
    ops::declare_conflict(&state.db, &ctx, &id, &body).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The secretary's paper ballots, written opinions and members without an account (standing office).
#[utoipa::path(post, path = "/api/v1/meetings/{id}/paper", tag = "meetings", request_body = PaperInput, responses((status = 200, body = MeetingView), (status = 400, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn record_paper(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<PaperInput>,
) -> ApiResult<Json<MeetingView>> {
    ops::record_paper(&state.db, &ctx, &id, &body).await?;
    Ok(Json(load(&state, &ctx, &id).await?))
}

/// Closes the meeting: quorum, tallies, thresholds, quota, results and minutes (standing office).
#[utoipa::path(post, path = "/api/v1/meetings/{id}/close", tag = "meetings", request_body = CloseInput, responses((status = 200, body = MeetingView), (status = 400, body = ApiErrorBody), (status = 409, body = ApiErrorBody)))]
async fn close_meeting(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<CloseInput>,
) -> ApiResult<Json<MeetingView>> {
    ops::close::close(&state.db, &ctx, &id, &body).await?;
    Ok(Json(load(&state, &ctx, &id).await?))
}

/// The minutes of a closed meeting.
#[utoipa::path(get, path = "/api/v1/meetings/{id}/minutes", tag = "meetings", responses((status = 200, body = Minutes), (status = 404, body = ApiErrorBody)))]
async fn get_minutes(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<Json<Minutes>> {
    let m = ops::row(&state.db, &ctx, &id).await?;
    Ok(Json(Minutes {
        meeting_id: m.id,
        text: m.minutes.unwrap_or_default(),
    }))
}
