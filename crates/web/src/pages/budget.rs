//! The emulation budget page (kinh phí thi đua, khen thưởng): the year's estimate by source (the
//! office edits it), the money of the year's decisions against it and what is left, and what the
//! year's plans say about money.

use super::{Layout, form_status, render, see_other};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::budget::{self as ops, Budget, BudgetInput, BudgetLineInput, SOURCES};
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::HashMap;
use thidua_domain::Validation;

pub fn routes() -> Router<AppState> {
    Router::new().route("/budget", get(page).post(save))
}

#[derive(Debug, Default, Deserialize)]
struct YearQuery {
    year: Option<String>,
    ok: Option<String>,
}

/// A line of the form: what was typed (or stored) for one source.
pub struct LineForm {
    pub source: &'static str,
    pub label: &'static str,
    pub amount: String,
    pub note: String,
    pub version: String,
}

#[derive(Template)]
#[template(path = "dashboard/budget.html")]
struct Page {
    l: Layout,
    b: Budget,
    lines: Vec<LineForm>,
    v: Validation,
    conflict: bool,
    /// How many of the year's plans speak of money.
    plans: usize,
}

impl Page {
    fn new(l: Layout, b: Budget, lines: Vec<LineForm>, v: Validation, conflict: bool) -> Page {
        let plans = b
            .campaigns
            .iter()
            .filter(|c| !c.sentences.is_empty())
            .count();
        Page {
            l,
            b,
            lines,
            v,
            conflict,
            plans,
        }
    }
}

/// `đ` amounts as on the decisions page: `1.500.000 đ`.
pub fn money<T: std::borrow::Borrow<i64>>(v: T) -> String {
    format!("{} đ", crate::ops::figures::thousands(*v.borrow()))
}

fn year_of(text: Option<&str>) -> Result<i64, Validation> {
    match text.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(i64::from(crate::ops::today().year())),
        Some(y) => y.parse().map_err(|_| {
            let mut v = Validation::new();
            v.add("year", "Năm", "Năm phải là một số, ví dụ 2025.");
            v
        }),
    }
}

fn stored_lines(b: &Budget) -> Vec<LineForm> {
    SOURCES
        .iter()
        .map(|(code, label)| {
            let l = b.lines.iter().find(|l| l.source == *code);
            LineForm {
                source: code,
                label,
                amount: l
                    .filter(|l| l.version.is_some())
                    .map(|l| crate::ops::figures::thousands(l.amount))
                    .unwrap_or_default(),
                note: l.map(|l| l.note.clone()).unwrap_or_default(),
                version: l
                    .and_then(|l| l.version)
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let year = year_of(q.year.as_deref())?;
    let b = ops::budget(&state.db, &ctx, year).await?;
    let lines = stored_lines(&b);
    let l = Layout::new(&ctx, "dashboard").with_flash(q.ok);
    Ok(render(
        form_status(&Validation::new(), false),
        &Page::new(l, b, lines, Validation::new(), false),
    ))
}

async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let year = year_of(f.get("year").map(String::as_str))?;
    let field = |k: String| f.get(&k).cloned().unwrap_or_default();
    let input = BudgetInput {
        lines: SOURCES
            .iter()
            .map(|(code, _)| BudgetLineInput {
                source: code.to_string(),
                amount: field(format!("amount_{code}")),
                note: field(format!("note_{code}")),
                version: field(format!("version_{code}")).trim().parse().ok(),
            })
            .collect(),
    };
    let typed = |b: &Budget| -> Vec<LineForm> {
        stored_lines(b)
            .into_iter()
            .map(|l| LineForm {
                amount: field(format!("amount_{}", l.source)),
                note: field(format!("note_{}", l.source)),
                version: field(format!("version_{}", l.source)),
                ..l
            })
            .collect()
    };
    match ops::save(&state.db, &ctx, year, &input)
        .await
        .map_err(AppError::from)
    {
        Ok(()) => Ok(see_other(
            &format!("/budget?year={year}"),
            &format!("Đã lưu dự toán kinh phí năm {year}."),
        )),
        Err(AppError::Invalid(v)) => {
            let b = ops::budget(&state.db, &ctx, year).await?;
            let lines = typed(&b);
            Ok(render(
                form_status(&v, false),
                &Page::new(Layout::new(&ctx, "dashboard"), b, lines, v, false),
            ))
        }
        Err(AppError::Conflict) => {
            let b = ops::budget(&state.db, &ctx, year).await?;
            let lines = stored_lines(&b);
            let v = Validation::new();
            Ok(render(
                form_status(&v, true),
                &Page::new(Layout::new(&ctx, "dashboard"), b, lines, v, true),
            ))
        }
        Err(e) => Err(e),
    }
}
