//! Scoring through the API: scales, a unit's sheet, scores (self-assessment or review, by the scale's
//! step), appeals and the ranking — the same use cases as the pages.

use super::extract::ApiJson;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiErrorBody};
use crate::ops::scoring::appeals::{self, AppealInput, DecisionInput};
use crate::ops::scoring::entries::{self, EntryInput, Stage};
use crate::ops::scoring::ranking::{self, ClusterRanking, Place};
use crate::ops::scoring::scales::{self, ScaleInput};
use crate::ops::scoring::{Loaded, sheet};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use thidua_domain::scoring::input::{kind_label, status_label};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

type ApiResult<T> = Result<T, ApiError>;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one))
        .routes(routes!(advance))
        .routes(routes!(get_sheet, save_scores))
        .routes(routes!(file_appeal))
        .routes(routes!(decide_appeal))
        .routes(routes!(get_ranking))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScaleSummary {
    pub id: String,
    pub year: i64,
    pub name: String,
    /// `draft`, `open` (self-assessment), `review`, `published`.
    pub status: String,
    pub status_label: String,
    pub self_until: String,
    pub appeal_until: Option<String>,
    pub version: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CriterionDto {
    pub id: String,
    pub group: i64,
    pub code: String,
    pub text: String,
    pub guidance: String,
    /// `fixed`, `rate`, `yes_no`, `deduction`, `bonus`.
    pub kind: String,
    pub kind_label: String,
    pub points: f64,
    pub precondition: Option<String>,
    /// `office` or `cluster_leader`.
    pub assessor: String,
    pub tie_break: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GroupDto {
    pub position: i64,
    pub name: String,
    pub max_points: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScaleDto {
    #[serde(flatten)]
    pub summary: ScaleSummary,
    pub peers_visible: bool,
    pub negative_total: bool,
    pub groups: Vec<GroupDto>,
    pub criteria: Vec<CriterionDto>,
    /// The clusters scored and their members: (unit id, unit name).
    pub clusters: Vec<ClusterRanking>,
}

pub(super) fn summary(r: &thidua_app::model::ScaleRow) -> ScaleSummary {
    ScaleSummary {
        id: r.id.clone(),
        year: r.year,
        name: r.name.clone(),
        status: r.status.clone(),
        status_label: status_label(&r.status).into(),
        self_until: r.self_until.clone(),
        appeal_until: r.appeal_until.clone(),
        version: r.version,
    }
}

fn scale_dto(l: Loaded) -> ScaleDto {
    ScaleDto {
        summary: summary(&l.row),
        peers_visible: l.row.peers_visible,
        negative_total: l.row.negative_total,
        groups: l
            .groups
            .iter()
            .map(|g| GroupDto {
                position: g.position,
                name: g.name.clone(),
                max_points: g.max_points,
            })
            .collect(),
        criteria: l
            .criteria
            .iter()
            .map(|c| CriterionDto {
                id: c.id.clone(),
                group: c.group_position,
                code: c.code.clone(),
                text: c.text.clone(),
                guidance: c.guidance.clone(),
                kind_label: kind_label(&c.kind).into(),
                kind: c.kind.clone(),
                points: c.points,
                precondition: c.precondition.clone(),
                assessor: c.assessor.clone(),
                tie_break: c.tie_break,
            })
            .collect(),
        clusters: l
            .clusters
            .iter()
            .map(|c| ClusterRanking {
                cluster_id: c.row.id.clone(),
                cluster_name: c.row.name.clone(),
                places: Vec::new(),
            })
            .collect(),
    }
}

/// The organisation's scales, newest year first.
#[utoipa::path(get, path = "/api/v1/scoring/scales", tag = "scoring", responses((status = 200, body = Vec<ScaleSummary>)))]
async fn list(State(state): State<AppState>, ctx: Ctx) -> ApiResult<Json<Vec<ScaleSummary>>> {
    Ok(Json(
        scales::list(&state.db, &ctx)
            .await?
            .iter()
            .map(summary)
            .collect(),
    ))
}

/// Creates a draft scale (the standing office): settings, clusters scored, and groups of criteria
/// (or `copy_from` another scale).
#[utoipa::path(post, path = "/api/v1/scoring/scales", tag = "scoring", request_body = ScaleInput, responses((status = 201, body = ScaleDto), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(body): ApiJson<ScaleInput>,
) -> ApiResult<(StatusCode, Json<ScaleDto>)> {
    let row = scales::create(&state.db, &ctx, &body).await?;
    Ok((
        StatusCode::CREATED,
        Json(scale_dto(scales::get(&state.db, &ctx, &row.id).await?)),
    ))
}

/// A scale with its groups, criteria and clusters.
#[utoipa::path(get, path = "/api/v1/scoring/scales/{id}", tag = "scoring", params(("id" = String, Path)), responses((status = 200, body = ScaleDto), (status = 404, body = ApiErrorBody)))]
async fn get_one(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<Json<ScaleDto>> {
    Ok(Json(scale_dto(scales::get(&state.db, &ctx, &id).await?)))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct AdvanceInput {
    /// `open`, `review` or `published` (one step forward).
    pub to: String,
    pub version: i64,
}

/// Moves a scale one step forward: open for self-assessment, close it for review, publish.
#[utoipa::path(post, path = "/api/v1/scoring/scales/{id}/advance", tag = "scoring", params(("id" = String, Path)), request_body = AdvanceInput, responses((status = 200, body = ScaleSummary), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn advance(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<AdvanceInput>,
) -> ApiResult<Json<ScaleSummary>> {
    Ok(Json(summary(
        &scales::advance(&state.db, &ctx, &id, body.version, &body.to).await?,
    )))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LineDto {
    pub criterion_id: String,
    pub code: String,
    pub kind: String,
    pub max_points: f64,
    /// What counts now (after review and appeals) and what the unit said.
    pub points: Option<f64>,
    pub self_points: Option<f64>,
    pub amount: Option<f64>,
    pub target: Option<f64>,
    pub precondition_met: Option<bool>,
    pub comment: String,
    /// `self`, `review`, `appeal`: who set the current value last.
    pub stage: Option<String>,
    pub version: Option<i64>,
    pub evidence: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SheetDto {
    pub scale_id: String,
    pub unit_id: String,
    pub unit_name: String,
    pub cluster_name: String,
    pub total: f64,
    pub self_total: f64,
    pub lines: Vec<LineDto>,
    pub may_self_assess: bool,
    pub may_review: bool,
    pub may_appeal: bool,
    /// Every change of the unit's scores, oldest first.
    pub changes: Vec<ChangeDto>,
}

/// A change of one score: who, when, before, after, why.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangeDto {
    pub criterion_id: String,
    pub code: String,
    /// `self`, `review`, `appeal`.
    pub stage: String,
    pub before_points: Option<f64>,
    pub after_points: f64,
    pub reason: String,
    pub by_name: String,
    pub at: String,
}

fn sheet_dto(s: sheet::Sheet) -> SheetDto {
    SheetDto {
        scale_id: s.scale.row.id.clone(),
        lines: s
            .lines
            .iter()
            .map(|l| LineDto {
                criterion_id: l.criterion.id.clone(),
                code: l.criterion.code.clone(),
                kind: l.criterion.kind.clone(),
                max_points: l.criterion.points,
                points: l.points,
                self_points: l.self_points,
                amount: l.entry.as_ref().map(|e| e.amount),
                target: l.entry.as_ref().and_then(|e| e.target),
                precondition_met: l.entry.as_ref().map(|e| e.precondition_met),
                comment: l
                    .entry
                    .as_ref()
                    .map(|e| e.comment.clone())
                    .unwrap_or_default(),
                stage: l.entry.as_ref().map(|e| e.stage.clone()),
                version: l.entry.as_ref().map(|e| e.version),
                evidence: l.evidence.iter().map(|f| f.file_name.clone()).collect(),
            })
            .collect(),
        unit_id: s.unit_id,
        unit_name: s.unit_name,
        cluster_name: s.cluster_name,
        total: s.total.total,
        self_total: s.self_total.total,
        may_self_assess: s.may_self_assess,
        may_review: s.may_review,
        may_appeal: s.may_appeal,
        changes: s
            .changes
            .into_iter()
            .map(|c| ChangeDto {
                criterion_id: c.row.criterion_id,
                code: c.code,
                stage: c.row.stage,
                before_points: c.row.before_points,
                after_points: c.row.after_points,
                reason: c.row.reason,
                by_name: c.row.by_name,
                at: c.row.at,
            })
            .collect(),
    }
}

/// A unit's score sheet (its own units, the assessors, everyone once published).
#[utoipa::path(get, path = "/api/v1/scoring/scales/{id}/units/{unit_id}", tag = "scoring", params(("id" = String, Path), ("unit_id" = String, Path)), responses((status = 200, body = SheetDto), (status = 404, body = ApiErrorBody)))]
async fn get_sheet(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, unit_id)): Path<(String, String)>,
) -> ApiResult<Json<SheetDto>> {
    Ok(Json(sheet_dto(
        sheet::sheet(&state.db, &ctx, &id, &unit_id).await?,
    )))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ScoresInput {
    pub entries: Vec<EntryInput>,
}

/// Saves a unit's scores: its self-assessment while the scale is open, the assessor's review (a
/// `note` with the reason on every changed score) while under review. All or nothing; an entry
/// changed since its `version` was read is a 409.
#[utoipa::path(post, path = "/api/v1/scoring/scales/{id}/units/{unit_id}", tag = "scoring", params(("id" = String, Path), ("unit_id" = String, Path)), request_body = ScoresInput, responses((status = 200, body = SheetDto), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn save_scores(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, unit_id)): Path<(String, String)>,
    ApiJson(body): ApiJson<ScoresInput>,
) -> ApiResult<Json<SheetDto>> {
    let now = sheet::sheet(&state.db, &ctx, &id, &unit_id).await?;
    // An assessor reviews; anyone else self-assesses, and its checks say why when that is closed.
    let stage = if now.may_review {
        Stage::Review
    } else {
        Stage::SelfAssessment
    };
    entries::save(&state.db, &ctx, &id, &unit_id, stage, &body.entries).await?;
    Ok(Json(sheet_dto(
        sheet::sheet(&state.db, &ctx, &id, &unit_id).await?,
    )))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AppealDto {
    pub id: String,
    pub unit_id: String,
    pub criterion_id: String,
    pub text: String,
    /// `open`, `accepted`, `rejected`.
    pub status: String,
    pub decision: Option<String>,
    pub version: i64,
}

fn appeal_dto(a: thidua_app::model::AppealRow) -> AppealDto {
    AppealDto {
        id: a.id,
        unit_id: a.unit_id,
        criterion_id: a.criterion_id,
        text: a.text,
        status: a.status,
        decision: a.decision,
        version: a.version,
    }
}

/// Files an appeal on one criterion of a published scale, within its window.
#[utoipa::path(post, path = "/api/v1/scoring/scales/{id}/units/{unit_id}/appeals", tag = "scoring", params(("id" = String, Path), ("unit_id" = String, Path)), request_body = AppealInput, responses((status = 201, body = AppealDto), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn file_appeal(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, unit_id)): Path<(String, String)>,
    ApiJson(body): ApiJson<AppealInput>,
) -> ApiResult<(StatusCode, Json<AppealDto>)> {
    let row = appeals::file(&state.db, &ctx, &id, &unit_id, &body).await?;
    Ok((StatusCode::CREATED, Json(appeal_dto(row))))
}

/// Decides an appeal (the standing office): `accepted` with the corrected score, or `rejected`; a
/// reason always.
#[utoipa::path(post, path = "/api/v1/scoring/appeals/{id}/decision", tag = "scoring", params(("id" = String, Path)), request_body = DecisionInput, responses((status = 200, body = AppealDto), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn decide_appeal(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<DecisionInput>,
) -> ApiResult<Json<AppealDto>> {
    Ok(Json(appeal_dto(
        appeals::decide(&state.db, &ctx, &id, &body).await?,
    )))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RankingDto {
    pub scale: ScaleSummary,
    pub clusters: Vec<ClusterRanking>,
    pub overall: Vec<Place>,
}

/// The ranking per cluster or block and overall (organisation-wide roles; units once published or
/// when the scale lets them see each other's scores).
#[utoipa::path(get, path = "/api/v1/scoring/scales/{id}/ranking", tag = "scoring", params(("id" = String, Path)), responses((status = 200, body = RankingDto), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn get_ranking(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<Json<RankingDto>> {
    let r = ranking::ranking(&state.db, &ctx, &id).await?;
    Ok(Json(RankingDto {
        scale: summary(&r.scale.row),
        clusters: r.clusters,
        overall: r.overall,
    }))
}
