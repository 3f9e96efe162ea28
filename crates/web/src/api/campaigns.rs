//! API of plans and campaigns (step 2 of the process): write a plan with its themes, targets,
//! deadlines, award forms and quotas; launch, close and copy it. The units' work on a launched campaign
//! (registration, pacts, progress, submissions) and the follow-up views are in [`work`]. Every route
//! calls a use case of `crate::ops::campaign*`; nothing here decides anything.

mod body;
mod dto;
mod pact_reviews;
mod views;
mod work;

use super::extract::{ApiJson, ApiQuery};
use super::org::need_version;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiErrorBody, AppError};
use crate::ops::{campaign_parts as parts_ops, campaigns as ops};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use body::{
    AwardFormBody, CampaignBody, DeadlineBody, QuotaBody, TargetBody, ThemeBody, VersionBody,
};
use dto::{AwardForm, Campaign, Deadline, Plan, Quota, Target, Theme};
use serde::Deserialize;
use thidua_domain::campaign::CampaignStatus;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_campaigns, create_campaign))
        .routes(routes!(get_campaign, update_campaign))
        .routes(routes!(launch_campaign))
        .routes(routes!(close_campaign))
        .routes(routes!(copy_campaign))
        .routes(routes!(add_theme))
        .routes(routes!(update_theme, delete_theme))
        .routes(routes!(add_target))
        .routes(routes!(update_target, delete_target))
        .routes(routes!(add_deadline))
        .routes(routes!(update_deadline, delete_deadline))
        .routes(routes!(add_award_form))
        .routes(routes!(delete_award_form))
        .routes(routes!(add_quota))
        .routes(routes!(delete_quota))
        .merge(work::routes())
        .merge(pact_reviews::routes())
}

type ApiResult<T> = Result<T, ApiError>;

fn bad(message: String) -> ApiError {
    ApiError(AppError::BadRequest(message))
}

/// A trimmed, non-empty query parameter.
fn param(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Campaigns whose period touches this year.
    year: Option<String>,
    /// `draft`, `launched`, `closed` (drafts only for the standing office).
    status: Option<String>,
    /// Search number, title and issuer, ignoring diacritics and đ.
    q: Option<String>,
}

/// The campaigns the caller may see, latest period first.
#[utoipa::path(get, path = "/api/v1/campaigns", tag = "campaigns", params(ListQuery), responses((status = 200, body = Vec<Campaign>), (status = 400, body = ApiErrorBody), (status = 401, body = ApiErrorBody)))]
async fn list_campaigns(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> ApiResult<Json<Vec<Campaign>>> {
    let year = match param(&q.year) {
        None => None,
        Some(y) => Some(
            y.parse::<i64>()
                .ok()
                .filter(|n| (1900..=2100).contains(n))
                .ok_or_else(|| {
                    bad(format!(
                        "Năm \u{201c}{y}\u{201d} không hợp lệ; hãy ghi năm bốn chữ số, ví dụ 2025."
                    ))
                })?,
        ),
    };
    let status = match param(&q.status) {
        None => None,
        Some(s) => Some(CampaignStatus::parse(s).ok_or_else(|| bad(format!("Trạng thái \u{201c}{s}\u{201d} không hợp lệ; dùng draft (dự thảo), launched (đang triển khai) hoặc closed (đã kết thúc).")))?),
    };
    let rows = ops::list(&state.db, &ctx, year, status, param(&q.q)).await?;
    Ok(Json(rows.into_iter().map(Campaign::from).collect()))
}

async fn load_plan(state: &AppState, ctx: &Ctx, id: &str) -> ApiResult<Plan> {
    Ok(ops::plan(&state.db, ctx, id).await?.into())
}

/// Creates a plan as a draft (standing office).
#[utoipa::path(post, path = "/api/v1/campaigns", tag = "campaigns", request_body = CampaignBody, responses((status = 201, body = Plan), (status = 422, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
async fn create_campaign(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiJson(b): ApiJson<CampaignBody>,
) -> ApiResult<(StatusCode, Json<Plan>)> {
    let row = ops::create(&state.db, &ctx, &b.input()).await?;
    Ok((
        StatusCode::CREATED,
        Json(load_plan(&state, &ctx, &row.id).await?),
    ))
}

/// The whole plan: header, legal bases, participants, themes with coordinators, targets, deadlines
/// with their occurrences, award forms and quotas. Drafts are visible to the standing office only.
#[utoipa::path(get, path = "/api/v1/campaigns/{id}", tag = "campaigns", responses((status = 200, body = Plan), (status = 404, body = ApiErrorBody)))]
async fn get_campaign(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<Json<Plan>> {
    Ok(Json(load_plan(&state, &ctx, &id).await?))
}

/// Updates the plan's header and participants; `version` must be the one read (409 otherwise).
/// A closed campaign is read-only (422).
#[utoipa::path(put, path = "/api/v1/campaigns/{id}", tag = "campaigns", request_body = CampaignBody, responses((status = 200, body = Plan), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
async fn update_campaign(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<CampaignBody>,
) -> ApiResult<Json<Plan>> {
    let version = need_version(b.version)?;
    ops::update(&state.db, &ctx, &id, version, &b.input()).await?;
    Ok(Json(load_plan(&state, &ctx, &id).await?))
}

async fn move_to(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    b: &VersionBody,
    to: CampaignStatus,
) -> ApiResult<Json<Plan>> {
    let version = need_version(b.version)?;
    ops::set_status(&state.db, ctx, id, version, to).await?;
    Ok(Json(load_plan(state, ctx, id).await?))
}

/// Launches a draft: the participating units see it and are asked to act.
#[utoipa::path(post, path = "/api/v1/campaigns/{id}/launch", tag = "campaigns", request_body = VersionBody, responses((status = 200, body = Plan), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn launch_campaign(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<VersionBody>,
) -> ApiResult<Json<Plan>> {
    move_to(&state, &ctx, &id, &b, CampaignStatus::Launched).await
}

/// Closes a launched campaign: from then on it is read-only.
#[utoipa::path(post, path = "/api/v1/campaigns/{id}/close", tag = "campaigns", request_body = VersionBody, responses((status = 200, body = Plan), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn close_campaign(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<VersionBody>,
) -> ApiResult<Json<Plan>> {
    move_to(&state, &ctx, &id, &b, CampaignStatus::Closed).await
}

/// Copies a plan as a new draft one year later, with its participants, themes, targets, deadlines,
/// award forms and quotas.
#[utoipa::path(post, path = "/api/v1/campaigns/{id}/copy", tag = "campaigns", responses((status = 201, body = Plan), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn copy_campaign(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<(StatusCode, Json<Plan>)> {
    let row = ops::copy(&state.db, &ctx, &id).await?;
    Ok((
        StatusCode::CREATED,
        Json(load_plan(&state, &ctx, &row.id).await?),
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VersionQuery {
    /// The version of the item read (409 when someone saved since).
    version: Option<String>,
}

/// The `?version=` of a delete.
fn version_param(q: &VersionQuery) -> ApiResult<i64> {
    match param(&q.version) {
        None => need_version(None),
        Some(s) => s.parse::<i64>().map_err(|_| {
            let mut v = thidua_domain::Validation::new();
            v.add("version", "Phiên bản", format!("Phiên bản \u{201c}{s}\u{201d} phải là một số nguyên (trường version của mục đã đọc)."));
            ApiError(AppError::Invalid(v))
        }),
    }
}

// ---- themes ----

async fn theme_of(state: &AppState, ctx: &Ctx, campaign_id: &str, id: &str) -> ApiResult<Theme> {
    let plan = ops::plan(&state.db, ctx, campaign_id).await?;
    plan.themes
        .into_iter()
        .find(|(t, _)| t.id == id)
        .map(|(t, c)| Theme::new(t, c))
        .ok_or(ApiError(AppError::NotFound))
}

/// Adds a theme with its lead and coordinating units.
#[utoipa::path(post, path = "/api/v1/campaigns/{id}/themes", tag = "campaigns", request_body = ThemeBody, responses((status = 201, body = Theme), (status = 422, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
async fn add_theme(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<ThemeBody>,
) -> ApiResult<(StatusCode, Json<Theme>)> {
    let row = parts_ops::add_theme(&state.db, &ctx, &id, &b.input()).await?;
    Ok((
        StatusCode::CREATED,
        Json(theme_of(&state, &ctx, &id, &row.id).await?),
    ))
}

#[utoipa::path(put, path = "/api/v1/campaigns/{id}/themes/{theme_id}", tag = "campaigns", request_body = ThemeBody, responses((status = 200, body = Theme), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update_theme(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, theme_id)): Path<(String, String)>,
    ApiJson(b): ApiJson<ThemeBody>,
) -> ApiResult<Json<Theme>> {
    let version = need_version(b.version)?;
    parts_ops::update_theme(&state.db, &ctx, &id, &theme_id, version, &b.input()).await?;
    Ok(Json(theme_of(&state, &ctx, &id, &theme_id).await?))
}

#[utoipa::path(delete, path = "/api/v1/campaigns/{id}/themes/{theme_id}", tag = "campaigns", params(VersionQuery), responses((status = 204), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn delete_theme(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, theme_id)): Path<(String, String)>,
    ApiQuery(q): ApiQuery<VersionQuery>,
) -> ApiResult<StatusCode> {
    parts_ops::delete_theme(&state.db, &ctx, &id, &theme_id, version_param(&q)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---- targets ----

/// Adds a target: metric, comparator, threshold, unit of measure, whole body or per unit.
#[utoipa::path(post, path = "/api/v1/campaigns/{id}/targets", tag = "campaigns", request_body = TargetBody, responses((status = 201, body = Target), (status = 422, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
async fn add_target(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<TargetBody>,
) -> ApiResult<(StatusCode, Json<Target>)> {
    let row = parts_ops::add_target(&state.db, &ctx, &id, &b.input()).await?;
    Ok((StatusCode::CREATED, Json(row.into())))
}

#[utoipa::path(put, path = "/api/v1/campaigns/{id}/targets/{target_id}", tag = "campaigns", request_body = TargetBody, responses((status = 200, body = Target), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update_target(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, target_id)): Path<(String, String)>,
    ApiJson(b): ApiJson<TargetBody>,
) -> ApiResult<Json<Target>> {
    let version = need_version(b.version)?;
    Ok(Json(
        parts_ops::update_target(&state.db, &ctx, &id, &target_id, version, &b.input())
            .await?
            .into(),
    ))
}

/// Deletes a target that has no progress report yet.
#[utoipa::path(delete, path = "/api/v1/campaigns/{id}/targets/{target_id}", tag = "campaigns", params(VersionQuery), responses((status = 204), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn delete_target(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, target_id)): Path<(String, String)>,
    ApiQuery(q): ApiQuery<VersionQuery>,
) -> ApiResult<StatusCode> {
    parts_ops::delete_target(&state.db, &ctx, &id, &target_id, version_param(&q)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---- deadlines ----

async fn deadline_of(
    state: &AppState,
    ctx: &Ctx,
    campaign_id: &str,
    id: &str,
) -> ApiResult<Deadline> {
    let plan = ops::plan(&state.db, ctx, campaign_id).await?;
    plan.deadlines
        .into_iter()
        .find(|(d, _)| d.id == id)
        .map(|(d, due)| Deadline::new(d, &due))
        .ok_or(ApiError(AppError::NotFound))
}

/// Adds a deadline: what, from whom, to whom, by when, what kind; a recurring one is one rule.
#[utoipa::path(post, path = "/api/v1/campaigns/{id}/deadlines", tag = "campaigns", request_body = DeadlineBody, responses((status = 201, body = Deadline), (status = 422, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
async fn add_deadline(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<DeadlineBody>,
) -> ApiResult<(StatusCode, Json<Deadline>)> {
    let row = parts_ops::add_deadline(&state.db, &ctx, &id, &b.input()).await?;
    Ok((
        StatusCode::CREATED,
        Json(deadline_of(&state, &ctx, &id, &row.id).await?),
    ))
}

#[utoipa::path(put, path = "/api/v1/campaigns/{id}/deadlines/{deadline_id}", tag = "campaigns", request_body = DeadlineBody, responses((status = 200, body = Deadline), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update_deadline(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, deadline_id)): Path<(String, String)>,
    ApiJson(b): ApiJson<DeadlineBody>,
) -> ApiResult<Json<Deadline>> {
    let version = need_version(b.version)?;
    parts_ops::update_deadline(&state.db, &ctx, &id, &deadline_id, version, &b.input()).await?;
    Ok(Json(deadline_of(&state, &ctx, &id, &deadline_id).await?))
}

/// Deletes a deadline nothing was sent for yet.
#[utoipa::path(delete, path = "/api/v1/campaigns/{id}/deadlines/{deadline_id}", tag = "campaigns", params(VersionQuery), responses((status = 204), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn delete_deadline(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, deadline_id)): Path<(String, String)>,
    ApiQuery(q): ApiQuery<VersionQuery>,
) -> ApiResult<StatusCode> {
    parts_ops::delete_deadline(&state.db, &ctx, &id, &deadline_id, version_param(&q)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---- award forms and quotas ----

/// Adds an award form the plan allows, with its criteria.
#[utoipa::path(post, path = "/api/v1/campaigns/{id}/award_forms", tag = "campaigns", request_body = AwardFormBody, responses((status = 201, body = AwardForm), (status = 422, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
async fn add_award_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<AwardFormBody>,
) -> ApiResult<(StatusCode, Json<AwardForm>)> {
    let row = ops::add_award_form(&state.db, &ctx, &id, &b.input()).await?;
    Ok((StatusCode::CREATED, Json(row.into())))
}

#[utoipa::path(delete, path = "/api/v1/campaigns/{id}/award_forms/{award_form_id}", tag = "campaigns", responses((status = 204), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn delete_award_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, award_form_id)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    ops::delete_award_form(&state.db, &ctx, &id, &award_form_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds a quota: how many collectives and individuals a unit (or each unit of a kind) may propose.
#[utoipa::path(post, path = "/api/v1/campaigns/{id}/quotas", tag = "campaigns", request_body = QuotaBody, responses((status = 201, body = Quota), (status = 422, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
async fn add_quota(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<QuotaBody>,
) -> ApiResult<(StatusCode, Json<Quota>)> {
    let row = ops::add_quota(&state.db, &ctx, &id, &b.input()).await?;
    Ok((StatusCode::CREATED, Json(row.into())))
}

#[utoipa::path(delete, path = "/api/v1/campaigns/{id}/quotas/{quota_id}", tag = "campaigns", responses((status = 204), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn delete_quota(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, quota_id)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    ops::delete_quota(&state.db, &ctx, &id, &quota_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
