//! Cross-scoring inside a cluster (chấm chéo) through the API: the board of who scores whom, the
//! office's assignment by rotation, an assessor's scores of the unit it was given, and the average
//! taken as the review — the same use cases as the pages.

use super::extract::ApiJson;
use super::scoring::{ScaleSummary, ScoresInput, summary};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiErrorBody};
use crate::ops::scoring::cross::{self, Pair};
use crate::ops::scoring::cross_views::{self, Board, PairView};
use axum::Json;
use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

type ApiResult<T> = Result<T, ApiError>;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_board))
        .routes(routes!(assign))
        .routes(routes!(get_pair, save_pair))
        .routes(routes!(apply_average))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CrossBoardDto {
    pub scale: ScaleSummary,
    /// Every pair for the organisation-wide roles; a unit's officer sees those its units are in.
    /// `done` counts the criteria scored of `total`, all the scale's criteria.
    pub pairs: Vec<Pair>,
    /// Pairs still to finish.
    pub pending: usize,
    /// The caller assigns and takes the average (the standing office).
    pub may_manage: bool,
}

fn board_dto(b: Board) -> CrossBoardDto {
    CrossBoardDto {
        scale: summary(&b.scale.row),
        pending: b.pairs.iter().filter(|p| p.done < p.total).count(),
        pairs: b.pairs,
        may_manage: b.may_manage,
    }
}

/// Who scores whom in each cluster of the scale, and how far each got.
#[utoipa::path(get, path = "/api/v1/scoring/scales/{id}/cross", tag = "scoring", params(("id" = String, Path)), responses((status = 200, body = CrossBoardDto), (status = 404, body = ApiErrorBody)))]
async fn get_board(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<Json<CrossBoardDto>> {
    Ok(Json(board_dto(
        cross_views::visible_board(&state.db, &ctx, &id).await?,
    )))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AssignInput {
    /// How many other members each member scores (from 1 to the smallest cluster's size less one).
    pub per_unit: usize,
}

/// Assigns the cross-scoring (the standing office, while the scale is open or under review): in every
/// cluster each member scores the next `per_unit` members in order, never itself. Replaces the earlier
/// assignment; answers the new board.
#[utoipa::path(post, path = "/api/v1/scoring/scales/{id}/cross/assign", tag = "scoring", params(("id" = String, Path)), request_body = AssignInput, responses((status = 200, body = CrossBoardDto), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn assign(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<AssignInput>,
) -> ApiResult<Json<CrossBoardDto>> {
    cross::assign(&state.db, &ctx, &id, body.per_unit).await?;
    Ok(Json(board_dto(
        cross_views::visible_board(&state.db, &ctx, &id).await?,
    )))
}

/// One criterion of an assessor's scores of a unit.
#[derive(Debug, Serialize, ToSchema)]
pub struct CrossLineDto {
    pub criterion_id: String,
    pub code: String,
    pub kind: String,
    pub max_points: f64,
    /// The points the assessor's answer gives; absent when not scored yet.
    pub points: Option<f64>,
    pub amount: Option<f64>,
    pub target: Option<f64>,
    pub precondition_met: Option<bool>,
    pub comment: String,
    pub by_name: Option<String>,
    /// Send it back to change the score (a score changed since is a 409).
    pub version: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CrossScoresDto {
    pub scale_id: String,
    #[serde(flatten)]
    pub pair: Pair,
    /// The caller may score for the assessor now (while the scale is under review).
    pub may_score: bool,
    pub lines: Vec<CrossLineDto>,
}

fn pair_dto(p: PairView) -> CrossScoresDto {
    CrossScoresDto {
        scale_id: p.scale.row.id.clone(),
        pair: p.pair,
        lines: p
            .lines
            .into_iter()
            .map(|l| CrossLineDto {
                criterion_id: l.criterion.id,
                code: l.criterion.code,
                kind: l.criterion.kind,
                max_points: l.criterion.points,
                points: l.points,
                amount: l.given.as_ref().map(|g| g.amount),
                target: l.given.as_ref().and_then(|g| g.target),
                precondition_met: l.given.as_ref().map(|g| g.precondition_met),
                comment: l
                    .given
                    .as_ref()
                    .map(|g| g.comment.clone())
                    .unwrap_or_default(),
                by_name: l.given.as_ref().map(|g| g.by_name.clone()),
                version: l.given.as_ref().map(|g| g.version),
            })
            .collect(),
        may_score: p.may_score,
    }
}

/// The scores `assessor` gave `assessed`, criterion by criterion (404 for a pair not assigned).
#[utoipa::path(get, path = "/api/v1/scoring/scales/{id}/cross/{assessor}/{assessed}", tag = "scoring", params(("id" = String, Path), ("assessor" = String, Path), ("assessed" = String, Path)), responses((status = 200, body = CrossScoresDto), (status = 404, body = ApiErrorBody)))]
async fn get_pair(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, assessor, assessed)): Path<(String, String, String)>,
) -> ApiResult<Json<CrossScoresDto>> {
    Ok(Json(pair_dto(
        cross_views::pair(&state.db, &ctx, &id, &assessor, &assessed).await?,
    )))
}

/// Saves the cross scores of the assessor's officer (or the office) for the unit it was assigned,
/// while the scale is under review: all or nothing; never oneself, never a unit not assigned (422);
/// a score changed since its `version` was read is a 409.
#[utoipa::path(post, path = "/api/v1/scoring/scales/{id}/cross/{assessor}/{assessed}", tag = "scoring", params(("id" = String, Path), ("assessor" = String, Path), ("assessed" = String, Path)), request_body = ScoresInput, responses((status = 200, body = CrossScoresDto), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn save_pair(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, assessor, assessed)): Path<(String, String, String)>,
    ApiJson(body): ApiJson<ScoresInput>,
) -> ApiResult<Json<CrossScoresDto>> {
    cross::save(&state.db, &ctx, &id, &assessor, &assessed, &body.entries).await?;
    Ok(Json(pair_dto(
        cross_views::pair(&state.db, &ctx, &id, &assessor, &assessed).await?,
    )))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AppliedDto {
    /// Scores of the units' sheets changed to the cross average.
    pub changed: usize,
}

/// Takes, for every unit and criterion with cross scores, their average as the review (the standing
/// office, while under review), each change with the reason «Trung bình điểm chấm chéo của N đơn vị».
#[utoipa::path(post, path = "/api/v1/scoring/scales/{id}/cross/apply", tag = "scoring", params(("id" = String, Path)), responses((status = 200, body = AppliedDto), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn apply_average(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<Json<AppliedDto>> {
    Ok(Json(AppliedDto {
        changed: cross::apply_average(&state.db, &ctx, &id).await?,
    }))
}
