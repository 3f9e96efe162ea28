//! The statutory statistics (Biểu 0601.N–0605.N): the year's five forms, each in its official layout
//! with every counted figure linking to its records, the hand-entered figures marked, and the form as
//! XLSX or PDF.

mod cells;
mod entries;

use super::{Layout, form_status, render};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::statistics::export::HeadCell;
use crate::ops::statistics::{self as ops, Sheet, Source, export};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use thidua_domain::statistics::FormId;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/statistics", get(index))
        .route("/statistics/{year}/{form}", get(form_page))
        .route(
            "/statistics/{year}/{form}/cells/{row}/{col}",
            get(cells::page),
        )
        .route(
            "/statistics/{year}/{form}/entries",
            get(entries::page).post(entries::save),
        )
}

/// A cell as shown: its text, the link to its records, and how it was obtained.
pub struct ViewCell {
    pub text: String,
    pub href: Option<String>,
    /// `computed`, `manual`, `manual empty` or `sum` (CSS classes).
    pub class: &'static str,
    /// The entry form's field name for a hand-entered cell.
    pub field: Option<String>,
    pub label: String,
}

/// A row as shown.
pub struct ViewRow {
    pub heading: bool,
    pub bold: bool,
    pub label: String,
    pub code: String,
    pub unit: Option<String>,
    pub cells: Vec<ViewCell>,
}

/// The table of a sheet: header cells (with spans), code row and rows.
pub struct ViewTable {
    pub head: Vec<Vec<HeadCell>>,
    pub code_row: Vec<String>,
    pub rows: Vec<ViewRow>,
    pub width: usize,
}

/// "1.234" for a figure.
pub fn figure(n: i64) -> String {
    thidua_domain::campaign::target::format_number(n as f64)
}

/// The table of a sheet, each counted non-zero cell linking to its records.
pub fn table(s: &Sheet) -> ViewTable {
    let layout = export::layout(s);
    let code = s.form.id.code();
    let rows = s
        .rows
        .iter()
        .map(|r| ViewRow {
            heading: r.def.is_heading(),
            bold: r.def.bold,
            label: r.def.label.into(),
            code: r.def.code.into(),
            unit: s.form.has_unit_col.then(|| r.def.unit.to_string()),
            cells: r
                .cells
                .iter()
                .map(|c| {
                    let text = c.value.map(figure).unwrap_or_default();
                    let (class, href) = match c.source {
                        Source::Computed => (
                            "computed",
                            Some(format!(
                                "/statistics/{}/{code}/cells/{}/{}",
                                s.year, r.def.code, c.col
                            )),
                        ),
                        Source::Manual if c.value.is_some() => ("manual", None),
                        Source::Manual => ("manual empty", None),
                        Source::Sum => ("sum", None),
                    };
                    ViewCell {
                        label: format!("Dòng {}, cột {}", r.def.code, c.col),
                        field: (c.source == Source::Manual)
                            .then(|| ops::entries_field(&r.def.code, c.col)),
                        text,
                        href,
                        class,
                    }
                })
                .collect(),
        })
        .collect();
    ViewTable {
        width: layout.code_row.len(),
        head: layout.head,
        code_row: layout.code_row,
        rows,
    }
}

#[derive(Deserialize, Default)]
struct YearQuery {
    year: Option<String>,
    ok: Option<String>,
}

fn default_year() -> i64 {
    i64::from(thidua_app::today().year()) - 1
}

/// The year asked for, or the last full year.
fn year_of(raw: Option<&str>) -> AppResult<i64> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(default_year()),
        Some(t) => ops::check_year(t.parse::<i64>().unwrap_or(0)).map_err(AppError::from),
    }
}

/// Years offered in the chooser: the last five and the current one.
fn years() -> Vec<i64> {
    let now = i64::from(thidua_app::today().year());
    (now - 5..=now).rev().collect()
}

struct FormLink {
    code: &'static str,
    symbol: String,
    title: &'static str,
    total: String,
    verified: bool,
}

#[derive(Template)]
#[template(path = "statistics/index.html")]
struct IndexPage {
    l: Layout,
    year: i64,
    years: Vec<i64>,
    reporter: String,
    forms: Vec<FormLink>,
}

async fn index(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let year = year_of(q.year.as_deref())?;
    let mut forms = Vec::new();
    let mut reporter = String::new();
    for f in FormId::ALL {
        let s = ops::sheet(&state.db, &ctx, year, f).await?;
        reporter = s.reporter.clone();
        forms.push(FormLink {
            code: f.code(),
            symbol: f.symbol(),
            title: s.form.title,
            total: ops::value_at(&s, "01", "1")
                .map(figure)
                .unwrap_or_else(|| "chưa nhập".into()),
            verified: s.form.verified,
        });
    }
    let page = IndexPage {
        l: Layout::new(&ctx, "statistics").with_flash(q.ok),
        year,
        years: years(),
        reporter,
        forms,
    };
    Ok(render(StatusCode::OK, &page))
}

#[derive(Template)]
#[template(path = "statistics/form.html")]
struct FormPage {
    l: Layout,
    s: Sheet,
    t: ViewTable,
    code: &'static str,
    symbol: String,
    years: Vec<i64>,
    has_manual: bool,
    /// Unused on this page; the shared table template reads it in the entry form.
    v: thidua_domain::Validation,
}

fn download(name: &str, mime: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// A form's page, or its file when the last segment ends in `.xlsx` or `.pdf` ("0601.pdf").
async fn form_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((year, form)): Path<(String, String)>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let year = year_of(Some(&year))?;
    let (code, ext) = form.split_once('.').unwrap_or((form.as_str(), ""));
    let f = ops::form_of(code)?;
    match ext {
        "xlsx" => {
            let bytes = export::xlsx(&state.db, &ctx, year, f).await?;
            let mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            return Ok(download(&export::file_name(f, year, "xlsx"), mime, bytes));
        }
        "pdf" => {
            let bytes = export::pdf(&state.db, &ctx, year, f).await?;
            return Ok(download(
                &export::file_name(f, year, "pdf"),
                "application/pdf",
                bytes,
            ));
        }
        "" => {}
        _ => return Err(AppError::NotFound),
    }
    let s = ops::sheet(&state.db, &ctx, year, f).await?;
    let has_manual = s
        .rows
        .iter()
        .any(|r| r.cells.iter().any(|c| c.source == Source::Manual));
    let page = FormPage {
        l: Layout::new(&ctx, "statistics").with_flash(q.ok),
        t: table(&s),
        code: f.code(),
        symbol: f.symbol(),
        years: years(),
        has_manual,
        v: thidua_domain::Validation::new(),
        s,
    };
    Ok(render(StatusCode::OK, &page))
}
