//! The year-end meeting of a cluster or block: the vote on the leading unit (proposed from the
//! published ranking) and next year's leader and deputy.

use super::{Layout, render, see_other};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::cluster_year_end::{self as ops, YearEndInput, YearEndView};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use axum_extra::extract::Form;
use std::collections::HashMap;
use thidua_domain::Validation;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/clusters/{id}/year-end", get(show).post(record))
        .route(
            "/clusters/{id}/year-end/propose",
            axum::routing::post(propose),
        )
}

/// The forms a cluster's leading unit may be proposed for.
const FORMS: [(&str, &str); 3] = [
    ("CO_TINH", "Cờ thi đua của Ủy ban nhân dân tỉnh, thành phố"),
    (
        "BK_TINH",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh, thành phố",
    ),
    ("CO_CP", "Cờ thi đua của Chính phủ"),
];

#[derive(Template)]
#[template(path = "clusters/year_end.html")]
struct YearEndPage {
    l: Layout,
    y: YearEndView,
    v: Validation,
    typed: HashMap<String, String>,
    may_propose: bool,
}

impl YearEndPage {
    fn forms(&self) -> &'static [(&'static str, &'static str)] {
        &FORMS
    }
    /// What was typed, else the proposal of the ranking or a sensible default.
    fn value(&self, field: &str) -> String {
        if let Some(v) = self.typed.get(field) {
            return v.clone();
        }
        match field {
            "leading_unit_id" => self
                .y
                .proposal
                .as_ref()
                .map(|p| p.unit_id.clone())
                .unwrap_or_default(),
            "scale_id" => self
                .y
                .proposal
                .as_ref()
                .map(|p| p.scale_id.clone())
                .unwrap_or_default(),
            "present" => self.y.members.len().to_string(),
            "held_on" => thidua_domain::date::vn(crate::ops::today()),
            // Rotation: next year's leader is this year's deputy by default.
            "next_leader_unit_id" => self.y.cluster.deputy_unit_id.clone().unwrap_or_default(),
            _ => String::new(),
        }
    }
    fn name_of(&self, id: &str) -> String {
        self.y
            .members
            .iter()
            .find(|m| m.unit_id == id)
            .map(|m| m.unit_name.clone())
            .unwrap_or_default()
    }
    /// This year's leader and deputy, named.
    fn leaders(&self) -> (String, String) {
        let name = |id: &Option<String>| {
            id.as_deref()
                .map(|i| self.name_of(i))
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| "chưa bầu".into())
        };
        (
            name(&self.y.cluster.leader_unit_id),
            name(&self.y.cluster.deputy_unit_id),
        )
    }
    fn total(&self) -> String {
        self.y
            .proposal
            .as_ref()
            .map(|p| super::scoring::points(p.total))
            .unwrap_or_default()
    }
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    v: Validation,
    typed: HashMap<String, String>,
    flash: Option<String>,
) -> AppResult<Response> {
    let y = ops::view(&state.db, ctx, id).await?;
    let may_propose = y.may_propose;
    Ok(render(
        super::form_status(&v, false),
        &YearEndPage {
            l: Layout::new(ctx, "clusters").with_flash(flash),
            y,
            v,
            typed,
            may_propose,
        },
    ))
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<super::Flash>,
) -> AppResult<Response> {
    page(&state, &ctx, &id, Validation::new(), HashMap::new(), q.ok).await
}

async fn record(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let input = YearEndInput {
        held_on: get("held_on"),
        present: get("present"),
        leading_unit_id: get("leading_unit_id"),
        leading_votes: get("leading_votes"),
        next_leader_unit_id: get("next_leader_unit_id"),
        next_deputy_unit_id: get("next_deputy_unit_id"),
        repeat_reason: get("repeat_reason"),
        scale_id: get("scale_id"),
        note: get("note"),
    };
    match ops::record(&state.db, &ctx, &id, &input)
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(
            &format!("/clusters/{id}/year-end"),
            "Đã ghi kết quả tổng kết năm và lập cụm, khối của năm sau.",
        )),
        Err(AppError::Invalid(v)) => page(&state, &ctx, &id, v, f, None).await,
        Err(e) => Err(e),
    }
}

async fn propose(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let code = f.get("code").cloned().unwrap_or_default();
    match crate::ops::cluster_proposal::propose(&state.db, state.blobs(), &ctx, &id, &code)
        .await
        .map_err(AppError::from)
    {
        Ok(n) => Ok(see_other(
            &format!("/nominations/{}", n.row.id),
            "Đã lập hồ sơ đề nghị cho đơn vị dẫn đầu, kèm biên bản hội nghị tổng kết; hãy bổ sung tờ trình, báo cáo thành tích rồi gửi.",
        )),
        Err(AppError::Invalid(v)) => page(&state, &ctx, &id, v, f, None).await,
        Err(e) => Err(e),
    }
}
