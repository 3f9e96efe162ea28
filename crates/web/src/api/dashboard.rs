//! API of the dashboards and the emulation budget: the same figures as `/dashboard` (each with its
//! chart's series and its table) and the year's budget, whose estimate the office may replace.

use super::extract::{ApiJson, ApiQuery};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiErrorBody, AppError};
use crate::ops::budget::{self as budget_ops, Budget, BudgetInput};
use crate::ops::figures::{Dashboard, DashboardQuery};
use axum::Json;
use axum::extract::{Path, State};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_dashboard))
        .routes(routes!(get_budget, put_budget))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DashboardParams {
    /// The year (default: this year).
    year: Option<String>,
    /// Only this campaign (its id).
    campaign: Option<String>,
    /// Only units of this kind (code of the unit kind).
    unit_kind: Option<String>,
}

/// The dashboard's figures for a year, over the units the caller may read (a unit officer: their own).
#[utoipa::path(get, path = "/api/v1/dashboard", tag = "dashboard", params(DashboardParams), responses((status = 200, body = Dashboard), (status = 401, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn get_dashboard(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiQuery(p): ApiQuery<DashboardParams>,
) -> Result<Json<Dashboard>, ApiError> {
    let q = DashboardQuery::parse(
        p.year.as_deref(),
        p.campaign.as_deref(),
        p.unit_kind.as_deref(),
    )
    .map_err(AppError::from)?;
    Ok(Json(
        crate::pages::dashboard::cached(&state, &ctx, &q).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BudgetParams {
    /// The year (default: this year).
    year: Option<i64>,
}

/// The year's budget: estimate by source, the money of the year's decisions, what is left, and the
/// plans' budget sentences (the office and the chairman).
#[utoipa::path(get, path = "/api/v1/budget", tag = "dashboard", params(BudgetParams), responses((status = 200, body = Budget), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn get_budget(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiQuery(p): ApiQuery<BudgetParams>,
) -> Result<Json<Budget>, ApiError> {
    let year = p
        .year
        .unwrap_or_else(|| i64::from(crate::ops::today().year()));
    Ok(Json(budget_ops::budget(&state.db, &ctx, year).await?))
}

/// Replaces the year's estimate lines given (each with the `version` read, `null` for a new source;
/// 409 when someone changed it meanwhile). The office only.
#[utoipa::path(put, path = "/api/v1/budget/{year}", tag = "dashboard", request_body = BudgetInput, params(("year" = i64, Path, description = "Năm")), responses((status = 200, body = Budget), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn put_budget(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(year): Path<i64>,
    ApiJson(b): ApiJson<BudgetInput>,
) -> Result<Json<Budget>, ApiError> {
    budget_ops::save(&state.db, &ctx, year, &b).await?;
    Ok(Json(budget_ops::budget(&state.db, &ctx, year).await?))
}
