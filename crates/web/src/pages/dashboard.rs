//! The dashboards: figures of a year (awards, shares of women and direct workers, on-time rates,
//! target progress, nominations and their steps) as server-drawn SVG charts, each with its table and
//! the table as XLSX; filters by year, campaign and unit kind in a GET form.

use super::{Layout, form_status, render};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::figures::{self as ops, Dashboard, DashboardQuery, Figure};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;
use thidua_domain::Validation;

/// Rows of a table shown on the page (the XLSX has them all).
pub const TABLE_ROWS: usize = 30;
/// Categories drawn in a chart (the table has them all).
const CHART_BARS: usize = 15;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/dashboard", get(page))
        .route("/dashboard/{key}/table.xlsx", get(table_xlsx))
}

/// The filters as typed in the GET form.
#[derive(Debug, Default, Deserialize)]
pub struct FilterForm {
    pub year: Option<String>,
    pub campaign: Option<String>,
    pub unit_kind: Option<String>,
}

impl FilterForm {
    pub fn parse(&self) -> Result<DashboardQuery, Validation> {
        DashboardQuery::parse(
            self.year.as_deref(),
            self.campaign.as_deref(),
            self.unit_kind.as_deref(),
        )
    }
}

/// A figure as the page shows it.
pub struct FigureView {
    pub f: Figure,
    pub svg: String,
    /// Rows beyond [`TABLE_ROWS`], left to the XLSX.
    pub more: usize,
}

#[derive(Template)]
#[template(path = "dashboard/index.html")]
struct Page {
    l: Layout,
    f: FilterForm,
    d: Option<Dashboard>,
    figures: Vec<FigureView>,
    query: String,
    can_budget: bool,
    v: Validation,
}

fn height(f: &Figure) -> u32 {
    let n = f.categories.len().min(CHART_BARS) as u32;
    if f.kind == "horizontal_bars" {
        90 + 28 * n.max(2) * f.series.len().max(1) as u32
    } else {
        340
    }
}

fn view(f: Figure) -> FigureView {
    let svg = f.svg(760, height(&f), CHART_BARS);
    let more = f.rows.len().saturating_sub(TABLE_ROWS);
    FigureView { f, svg, more }
}

/// The dashboard for the caller, from a copy at most a minute old (see `HomeCaches::dashboards`):
/// the same organisation, scope and filters give the same figures.
pub async fn cached(
    state: &AppState,
    ctx: &Ctx,
    q: &DashboardQuery,
) -> Result<Dashboard, thidua_app::Error> {
    let key = format!(
        "{}|{}|{}",
        ctx.org_id(),
        ctx.actor.read_scope().unwrap_or("/"),
        q.query_string()
    );
    let d = state
        .config
        .home
        .dashboards
        .get_or(&key, ops::dashboard(&state.db, ctx, q))
        .await?;
    Ok((*d).clone())
}

async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(form): Query<FilterForm>,
) -> AppResult<Response> {
    let can_budget = ctx.can(thidua_domain::policy::Action::ViewBudget {
        org_id: ctx.org_id(),
    });
    let (d, v, query) = match form.parse() {
        Ok(q) => match cached(&state, &ctx, &q).await {
            Ok(d) => (Some(d), Validation::new(), q.query_string()),
            Err(thidua_app::Error::Invalid(v)) => (None, v, String::new()),
            Err(e) => return Err(e.into()),
        },
        Err(v) => (None, v, String::new()),
    };
    let figures = d
        .as_ref()
        .map(|d| d.figures.iter().cloned().map(view).collect())
        .unwrap_or_default();
    Ok(render(
        form_status(&v, false),
        &Page {
            l: Layout::new(&ctx, "dashboard"),
            f: form,
            d,
            figures,
            query,
            can_budget,
            v,
        },
    ))
}

/// A figure's table as a spreadsheet, with the filters in its title.
async fn table_xlsx(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(key): Path<String>,
    Query(form): Query<FilterForm>,
) -> AppResult<Response> {
    let q = form.parse()?;
    let d = cached(&state, &ctx, &q).await?;
    let f = d.figure(&key).ok_or(AppError::NotFound)?;
    let mut subtitle = format!("năm {}", d.year);
    if let Some(c) = d
        .campaigns
        .iter()
        .find(|c| Some(&c.code) == d.campaign_id.as_ref())
    {
        subtitle.push_str(&format!(", {}", c.name));
    }
    if let Some(k) = d
        .unit_kinds
        .iter()
        .find(|k| Some(&k.code) == d.unit_kind.as_ref())
    {
        subtitle.push_str(&format!(", {}", k.name));
    }
    if let Some(s) = &d.scope_name {
        subtitle.push_str(&format!(", {s}"));
    }
    let bytes = f.xlsx(&subtitle)?;
    Ok(super::data::xlsx(
        bytes,
        &format!("thong-ke-{}-{}.xlsx", key.replace('_', "-"), d.year),
    ))
}

/// A percentage as written on the page: `37,5%`.
pub fn pct<T: std::borrow::Borrow<f64>>(v: T) -> String {
    format!("{}%", crate::ops::figures::decimal(*v.borrow()))
}

/// A count as written on the page: `1.250`.
pub fn count<T: std::borrow::Borrow<i64>>(v: T) -> String {
    crate::ops::figures::thousands(*v.borrow())
}
