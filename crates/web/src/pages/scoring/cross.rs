//! Cross-scoring pages: who scores whom in each cluster and how far each got, the office's assignment
//! and the average taken as the review, and the form an assessor fills for the unit it was given.

use super::super::{Layout, render, see_other};
use super::sheet::{SummaryItem, points_text, renumber, summary};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::scoring::Loaded;
use crate::ops::scoring::cross::{self, Pair};
use crate::ops::scoring::cross_views;
use crate::ops::scoring::entries::EntryInput;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum_extra::extract::Form;
use std::collections::HashMap;
use thidua_app::model::CrossRow;
use thidua_domain::Validation;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/scoring/{id}/cross", get(board))
        .route("/scoring/{id}/cross/assign", post(assign))
        .route("/scoring/{id}/cross/apply", post(apply))
        .route(
            "/scoring/{id}/cross/{assessor}/{assessed}",
            get(form).post(save),
        )
}

#[derive(Template)]
#[template(path = "scoring/cross.html")]
struct BoardPage {
    l: Layout,
    s: Loaded,
    pairs: Vec<Pair>,
    can_manage: bool,
    /// Assessor units the caller scores for.
    mine: Vec<String>,
    v: Validation,
}

async fn board_page(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    v: Validation,
    flash: Option<String>,
) -> AppResult<Response> {
    let b = cross_views::visible_board(&state.db, ctx, id).await?;
    Ok(render(
        super::super::form_status(&v, false),
        &BoardPage {
            l: Layout::new(ctx, "scoring").with_flash(flash),
            s: b.scale,
            pairs: b.pairs,
            can_manage: b.may_manage,
            mine: b.mine,
            v,
        },
    ))
}

async fn board(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<super::super::Flash>,
) -> AppResult<Response> {
    board_page(&state, &ctx, &id, Validation::new(), q.ok).await
}

async fn assign(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let per_unit = f
        .get("per_unit")
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    match cross::assign(&state.db, &ctx, &id, per_unit)
        .await
        .map_err(AppError::from)
    {
        Ok(n) => Ok(see_other(
            &format!("/scoring/{id}/cross"),
            &format!("Đã phân công {n} lượt chấm chéo."),
        )),
        Err(AppError::Invalid(v)) => board_page(&state, &ctx, &id, v, None).await,
        Err(e) => Err(e),
    }
}

async fn apply(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    match cross::apply_average(&state.db, &ctx, &id)
        .await
        .map_err(AppError::from)
    {
        Ok(n) => Ok(see_other(
            &format!("/scoring/{id}/cross"),
            &format!("Đã lấy điểm trung bình chấm chéo cho {n} tiêu chí."),
        )),
        Err(AppError::Invalid(v)) => board_page(&state, &ctx, &id, v, None).await,
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "scoring/cross_form.html")]
struct FormPage {
    l: Layout,
    s: Loaded,
    assessor: String,
    assessed: String,
    given: HashMap<String, CrossRow>,
    editable: bool,
    v: Validation,
    typed: HashMap<String, String>,
}

impl FormPage {
    fn value(&self, field: &str, criterion_id: &str) -> String {
        if let Some(v) = self.typed.get(&format!("{field}.{criterion_id}")) {
            return v.clone();
        }
        let g = self.given.get(criterion_id);
        match field {
            "amount" => g.map(|g| g.amount.to_string().replace('.', ",")),
            "target" => g
                .and_then(|g| g.target)
                .map(|t| t.to_string().replace('.', ",")),
            "note" => g.map(|g| g.comment.clone()),
            "version" => g.map(|g| g.version.to_string()),
            "met" => g.map(|g| {
                if g.precondition_met {
                    "1".into()
                } else {
                    "0".into()
                }
            }),
            _ => None,
        }
        .unwrap_or_default()
    }
    fn error(&self, index: &usize) -> Option<&str> {
        self.v.message_for(&format!("entries[{index}].amount"))
    }
    fn num(x: &f64) -> String {
        points_text(*x)
    }
    /// The error summary, each message linked to its criterion's row.
    fn summary(&self) -> Vec<SummaryItem> {
        summary(&self.v, &rows_of(&self.s), &[])
    }
}

/// The criteria of the form's rows, in order.
fn rows_of(s: &Loaded) -> Vec<&str> {
    s.criteria.iter().map(|c| c.id.as_str()).collect()
}

async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    p: (&str, &str, &str),
    v: Validation,
    typed: HashMap<String, String>,
    flash: Option<String>,
) -> AppResult<Response> {
    let (id, assessor, assessed) = p;
    let (s, given, editable) = cross::given(&state.db, ctx, id, assessor, assessed).await?;
    Ok(render(
        super::super::form_status(&v, false),
        &FormPage {
            l: Layout::new(ctx, "scoring").with_flash(flash),
            s,
            assessor: assessor.into(),
            assessed: assessed.into(),
            given,
            editable,
            v,
            typed,
        },
    ))
}

async fn form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, assessor, assessed)): Path<(String, String, String)>,
    Query(q): Query<super::super::Flash>,
) -> AppResult<Response> {
    form_page(
        &state,
        &ctx,
        (&id, &assessor, &assessed),
        Validation::new(),
        HashMap::new(),
        q.ok,
    )
    .await
}

async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, assessor, assessed)): Path<(String, String, String)>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let (s, _) = cross::board(&state.db, &ctx, &id).await?;
    let lines: Vec<EntryInput> = s
        .criteria
        .iter()
        .filter(|c| f.contains_key(&format!("amount.{}", c.id)))
        .map(|c| {
            let get = |k: &str| f.get(&format!("{k}.{}", c.id)).cloned().unwrap_or_default();
            EntryInput {
                criterion_id: c.id.clone(),
                precondition_met: Some(get("met") != "0"),
                amount: get("amount"),
                target: get("target"),
                note: get("note"),
                version: get("version").trim().parse().ok(),
            }
        })
        .collect();
    match cross::save(&state.db, &ctx, &id, &assessor, &assessed, &lines)
        .await
        .map_err(AppError::from)
    {
        Ok(n) => Ok(see_other(
            &format!("/scoring/{id}/cross/{assessor}/{assessed}"),
            &format!("Đã lưu {n} tiêu chí chấm chéo."),
        )),
        // A pair that is not assigned (or oneself) has no form to show again: the board says why.
        Err(AppError::Invalid(v)) if !v.errors.iter().any(|e| e.field.starts_with("entries[")) => {
            board_page(&state, &ctx, &id, v, None).await
        }
        Err(AppError::Invalid(v)) => {
            let v = renumber(v, &rows_of(&s), &lines);
            form_page(&state, &ctx, (&id, &assessor, &assessed), v, f, None).await
        }
        Err(e) => Err(e),
    }
}
