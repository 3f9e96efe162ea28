//! API of what the issuing body (and each unit, for its own rows) follows: the progress board of
//! targets, the unit × deadline matrix, and the calendar of deadlines across campaigns.

use super::{ApiResult, bad, param};
use crate::AppState;
use crate::api::extract::ApiQuery;
use crate::ctx::Ctx;
use crate::error::ApiErrorBody;
use crate::ops::campaign_views::{self as ops, CalendarItem, Matrix, TargetProgress};
use axum::Json;
use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use thidua_domain::date::iso;
use thidua_domain::policy::Action;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(progress_board))
        .routes(routes!(matrix))
        .routes(routes!(calendar))
}

// ---- progress board ----

/// One report's date and value.
#[derive(Debug, Serialize, ToSchema)]
pub struct Point {
    pub date: String,
    pub value: f64,
}

/// Where one unit (or the whole body) stands on a target.
#[derive(Debug, Serialize, ToSchema)]
pub struct UnitProgress {
    /// `null` for a whole-body target.
    pub unit_id: Option<String>,
    pub unit_name: String,
    pub latest_value: Option<f64>,
    /// Date of the latest figures.
    pub reported_on: Option<String>,
    /// The latest value as a percentage of the threshold that applies.
    pub percent: Option<f64>,
    /// `met`, `on_track`, `at_risk`, `missed`, `not_reported`.
    pub status: String,
    pub status_label: String,
    /// The threshold the value is read against: the unit's registered level, or the plan's.
    pub threshold: f64,
    /// The level the unit committed to when it differs from the plan's threshold.
    pub committed_threshold: Option<f64>,
    /// Every report, oldest first.
    pub history: Vec<Point>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TargetBoard {
    pub target_id: String,
    pub text: String,
    pub theme_title: Option<String>,
    pub comparator: String,
    pub comparator_sign: String,
    pub threshold: f64,
    pub unit: Option<String>,
    /// `body` or `per_unit`.
    pub scope: String,
    pub rows: Vec<UnitProgress>,
}

impl From<TargetProgress> for TargetBoard {
    fn from(t: TargetProgress) -> Self {
        let plan_threshold = t.target.threshold;
        let rows = t
            .rows
            .into_iter()
            .map(|r| UnitProgress {
                unit_id: r.unit_id,
                unit_name: r.unit_name,
                latest_value: r.latest.as_ref().map(|l| l.value),
                reported_on: r.latest.map(|l| l.reported_on),
                percent: r.progress.percent.map(|p| (p * 10.0).round() / 10.0),
                status: r.progress.status.code().into(),
                status_label: r.progress.status.label().into(),
                threshold: r.committed.unwrap_or(plan_threshold),
                committed_threshold: r.committed,
                history: r
                    .history
                    .into_iter()
                    .map(|(d, value)| Point {
                        date: iso(d),
                        value,
                    })
                    .collect(),
            })
            .collect();
        TargetBoard {
            target_id: t.target.id,
            text: t.target.text,
            theme_title: t.theme_title,
            comparator: t.target.comparator,
            comparator_sign: t.comparator.sign().into(),
            threshold: plan_threshold,
            unit: t.target.measure,
            scope: t.scope.code().into(),
            rows,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProgressBoard {
    pub campaign_id: String,
    pub targets: Vec<TargetBoard>,
}

/// Per target and unit: the latest value, the share of the threshold, and on track / at risk / missed.
/// A unit officer sees their own units' rows.
#[utoipa::path(get, path = "/api/v1/campaigns/{id}/progress", tag = "campaigns", responses((status = 200, body = ProgressBoard), (status = 404, body = ApiErrorBody)))]
async fn progress_board(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<Json<ProgressBoard>> {
    let (c, targets) = ops::progress_board(&state.db, &ctx, &id).await?;
    Ok(Json(ProgressBoard {
        campaign_id: c.id,
        targets: targets.into_iter().map(TargetBoard::from).collect(),
    }))
}

// ---- the unit × deadline matrix ----

/// One occurrence of a deadline.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatrixColumn {
    pub deadline_id: String,
    pub due_on: String,
    pub label: String,
    pub kind_label: String,
}

/// Where a unit stands against one occurrence.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatrixCell {
    pub deadline_id: String,
    pub due_on: String,
    /// `on_time`, `late`, `missing`, `not_due`, `not_applicable`.
    pub status: String,
    pub status_label: String,
    pub submission_id: Option<String>,
    pub sent_on: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MatrixRow {
    pub unit_id: String,
    pub unit_name: String,
    /// One cell per column, in the columns' order.
    pub cells: Vec<MatrixCell>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MatrixView {
    pub campaign_id: String,
    pub columns: Vec<MatrixColumn>,
    pub rows: Vec<MatrixRow>,
    /// How many cells are in each state.
    pub counts: BTreeMap<String, usize>,
}

fn matrix_view(campaign_id: String, m: Matrix) -> MatrixView {
    let columns: Vec<MatrixColumn> = m
        .columns
        .iter()
        .map(|c| MatrixColumn {
            deadline_id: c.deadline_id.clone(),
            due_on: iso(c.due_on),
            label: c.label.clone(),
            kind_label: c.kind.into(),
        })
        .collect();
    let rows = m
        .rows
        .into_iter()
        .map(|r| MatrixRow {
            unit_id: r.unit_id,
            unit_name: r.unit_name,
            cells: r
                .cells
                .into_iter()
                .zip(&columns)
                .map(|(cell, col)| MatrixCell {
                    deadline_id: col.deadline_id.clone(),
                    due_on: col.due_on.clone(),
                    status: cell.status.code().into(),
                    status_label: cell.status.label().into(),
                    submission_id: cell.submission_id,
                    sent_on: cell.sent_on.map(iso),
                })
                .collect(),
        })
        .collect();
    MatrixView {
        campaign_id,
        columns,
        rows,
        counts: m
            .counts
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    }
}

/// Who sent what: a row per unit, a column per deadline occurrence, each cell on time, late, missing or
/// not due. A unit officer sees their own units' rows.
#[utoipa::path(get, path = "/api/v1/campaigns/{id}/matrix", tag = "campaigns", responses((status = 200, body = MatrixView), (status = 404, body = ApiErrorBody)))]
async fn matrix(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<Json<MatrixView>> {
    let (c, m) = ops::matrix(&state.db, &ctx, &id).await?;
    Ok(Json(matrix_view(c.id, m)))
}

// ---- calendar ----

/// The longest calendar window, in days.
const MAX_WINDOW_DAYS: i64 = 400;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CalendarQuery {
    /// First day (`yyyy-mm-dd` or `dd/mm/yyyy`); today by default.
    from: Option<String>,
    /// Last day; 31 days after `from` by default. At most 400 days after `from`.
    to: Option<String>,
    /// Only what this unit owes, with where it stands.
    unit_id: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarEntry {
    pub date: String,
    pub campaign_id: String,
    pub campaign_title: String,
    pub deadline_id: String,
    pub what: String,
    pub kind_label: String,
    /// Who owes it, in words.
    pub who: String,
    pub recipient: Option<String>,
    /// With `unit_id`: `on_time`, `late`, `missing`, `not_due`.
    pub status: Option<String>,
    pub status_label: Option<String>,
}

impl From<CalendarItem> for CalendarEntry {
    fn from(i: CalendarItem) -> Self {
        CalendarEntry {
            date: iso(i.date),
            campaign_id: i.campaign_id,
            campaign_title: i.campaign_title,
            deadline_id: i.deadline_id,
            what: i.what,
            kind_label: i.kind.into(),
            who: i.who,
            recipient: i.recipient,
            status: i.status.map(|s| s.code().into()),
            status_label: i.status.map(|s| s.label().into()),
        }
    }
}

fn query_date(v: &Option<String>, label: &str) -> ApiResult<Option<time::Date>> {
    match param(v) {
        None => Ok(None),
        Some(s) => thidua_domain::date::parse(s).map(Some).ok_or_else(|| bad(format!("{label} \u{201c}{s}\u{201d} không phải ngày hợp lệ; hãy ghi yyyy-mm-dd hoặc ngày/tháng/năm."))),
    }
}

/// Every deadline occurrence of launched and closed campaigns in a window (at most 400 days).
#[utoipa::path(get, path = "/api/v1/calendar", tag = "campaigns", params(CalendarQuery), responses((status = 200, body = Vec<CalendarEntry>), (status = 400, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn calendar(
    State(state): State<AppState>,
    ctx: Ctx,
    ApiQuery(q): ApiQuery<CalendarQuery>,
) -> ApiResult<Json<Vec<CalendarEntry>>> {
    ctx.authorize(Action::ViewCampaigns {
        org_id: ctx.org_id(),
    })?;
    let from = query_date(&q.from, "Từ ngày")?.unwrap_or_else(crate::ops::campaigns::today_vn);
    let to = query_date(&q.to, "Đến ngày")?.unwrap_or(from + time::Duration::days(31));
    let vn = thidua_domain::date::vn;
    if to < from {
        return Err(bad(format!(
            "Đến ngày ({}) phải sau Từ ngày ({}).",
            vn(to),
            vn(from)
        )));
    }
    let days = (to - from).whole_days();
    if days > MAX_WINDOW_DAYS {
        return Err(bad(format!(
            "Khoảng thời gian từ {} đến {} dài {days} ngày; lịch chỉ xem tối đa {MAX_WINDOW_DAYS} ngày một lần, hãy thu hẹp Từ ngày – Đến ngày.",
            vn(from),
            vn(to)
        )));
    }
    let unit = param(&q.unit_id);
    let items = ops::calendar(&state.db, &ctx, from, to, unit).await?;
    Ok(Json(items.into_iter().map(CalendarEntry::from).collect()))
}
