//! Entering the figures the records cannot give: the form's table with a box in each hand-entered
//! cell; saved all at once, a refused figure shown again at its cell.

use super::{Layout, ViewTable, form_status, render, table, year_of};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::statistics::{self as ops, EntryInput, Sheet};
use crate::pages::see_other;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum_extra::extract::Form;
use std::collections::HashMap;
use thidua_domain::Validation;
use thidua_domain::statistics::FormId;

#[derive(Template)]
#[template(path = "statistics/entries.html")]
struct EntriesPage {
    l: Layout,
    s: Sheet,
    t: ViewTable,
    code: &'static str,
    symbol: String,
    v: Validation,
    conflict: bool,
}

async fn show(
    state: &AppState,
    ctx: &Ctx,
    (year, f): (i64, FormId),
    typed: Option<&HashMap<String, String>>,
    (v, conflict): (Validation, bool),
) -> AppResult<Response> {
    ctx.authorize(thidua_domain::policy::Action::EditStatistics {
        org_id: ctx.org_id(),
    })?;
    let s = ops::sheet(&state.db, ctx, year, f).await?;
    let mut t = table(&s);
    if let Some(typed) = typed {
        for c in t.rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
            if let Some(v) = c.field.as_ref().and_then(|k| typed.get(k)) {
                c.text = v.clone();
            }
        }
    }
    let page = EntriesPage {
        l: Layout::new(ctx, "statistics"),
        t,
        code: f.code(),
        symbol: f.symbol(),
        s,
        v: v.clone(),
        conflict,
    };
    Ok(render(form_status(&v, conflict), &page))
}

pub(super) async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((year, form)): Path<(String, String)>,
) -> AppResult<Response> {
    let year = year_of(Some(&year))?;
    let f = ops::form_of(&form)?;
    show(&state, &ctx, (year, f), None, (Validation::new(), false)).await
}

pub(super) async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((year, form)): Path<(String, String)>,
    Form(typed): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let year = year_of(Some(&year))?;
    let f = ops::form_of(&form)?;
    let input: Vec<EntryInput> = typed
        .iter()
        .filter_map(|(k, v)| {
            let (row, col) = k.strip_prefix("v_")?.split_once('_')?;
            Some(EntryInput {
                row: row.into(),
                col: col.into(),
                value: v.clone(),
            })
        })
        .collect();
    match ops::save_entries(&state.db, &ctx, year, f, &input)
        .await
        .map_err(AppError::from)
    {
        Ok(n) => Ok(see_other(
            &format!("/statistics/{year}/{}", f.code()),
            &format!("Đã lưu {n} ô số liệu nhập tay."),
        )),
        Err(AppError::Invalid(v)) => show(&state, &ctx, (year, f), Some(&typed), (v, false)).await,
        Err(AppError::Conflict) => {
            let keep = (Validation::new(), true);
            show(&state, &ctx, (year, f), Some(&typed), keep).await
        }
        Err(e) => Err(e),
    }
}
