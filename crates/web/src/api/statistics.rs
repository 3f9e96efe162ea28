//! The statutory statistics through the API: a form of a year with every cell, where it comes from
//! and, for a counted cell, the page listing its records.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiErrorBody};
use crate::ops::statistics::{self as ops, Source};
use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_form))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StatColumn {
    /// "1", "2a"…
    pub code: String,
    /// The header texts above it, top to bottom.
    pub title: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StatCell {
    pub col: String,
    /// `None` for a hand-entered cell not entered yet.
    pub value: Option<i64>,
    /// `computed` (from the records), `manual` (entered by the office), `sum` (of entered rows).
    pub source: String,
    /// The page listing the records counted (computed cells).
    pub records_url: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StatRow {
    /// "01"; empty for a section heading.
    pub code: String,
    pub label: String,
    pub unit: String,
    pub heading: bool,
    pub cells: Vec<StatCell>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StatForm {
    pub year: i64,
    /// "0601" … "0605".
    pub form: String,
    /// "0601.N/BNV-TĐKT".
    pub symbol: String,
    pub title: String,
    pub reporter: String,
    pub receiver: String,
    /// False when the layout is reconstructed and not checked against the circular.
    pub verified: bool,
    pub columns: Vec<StatColumn>,
    pub rows: Vec<StatRow>,
}

/// A statutory statistics form (Thông tư 02/2023/TT-BNV, Biểu 0601.N–0605.N) of the caller's
/// organisation for a year: the standing office, the administrator and the chairman.
#[utoipa::path(get, path = "/api/v1/statistics/{year}/{form}", tag = "statistics", params(("year" = i64, Path, description = "Năm báo cáo"), ("form" = String, Path, description = "0601, 0602, 0603, 0604 hoặc 0605")), responses((status = 200, body = StatForm), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn get_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((year, form)): Path<(i64, String)>,
) -> Result<Json<StatForm>, ApiError> {
    let f = ops::form_of(&form)?;
    let s = ops::sheet(&state.db, &ctx, year, f).await?;
    let columns = s
        .form
        .cols
        .iter()
        .map(|c| StatColumn {
            code: c.code.into(),
            title: s.form.col_title(c.code),
        })
        .collect();
    let rows = s
        .rows
        .iter()
        .map(|r| StatRow {
            code: r.def.code.into(),
            label: r.def.label.into(),
            unit: r.def.unit.into(),
            heading: r.def.is_heading(),
            cells: r
                .cells
                .iter()
                .map(|c| StatCell {
                    col: c.col.into(),
                    value: c.value,
                    source: match c.source {
                        Source::Computed => "computed",
                        Source::Manual => "manual",
                        Source::Sum => "sum",
                    }
                    .into(),
                    records_url: (c.source == Source::Computed).then(|| {
                        format!(
                            "/statistics/{}/{}/cells/{}/{}",
                            s.year,
                            f.code(),
                            r.def.code,
                            c.col
                        )
                    }),
                })
                .collect(),
        })
        .collect();
    Ok(Json(StatForm {
        year: s.year,
        form: f.code().into(),
        symbol: f.symbol(),
        title: s.form.title.into(),
        reporter: s.reporter.clone(),
        receiver: s.receiver.clone(),
        verified: s.form.verified,
        columns,
        rows,
    }))
}
