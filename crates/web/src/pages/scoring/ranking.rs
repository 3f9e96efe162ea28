//! The ranking of a scale: each cluster or block and overall, with the votes that break a tie.

use super::super::{Layout, render, see_other};
use super::sheet::points_text;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::scoring::ranking::{self, Ranking};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum_extra::extract::Form;
use std::collections::HashMap;
use thidua_domain::policy::Action;
use thidua_domain::scoring::input::status_label;

pub fn routes() -> Router<AppState> {
    Router::new().route("/scoring/{id}/ranking", get(show).post(votes))
}

#[derive(Template)]
#[template(path = "scoring/ranking.html")]
struct RankingPage {
    l: Layout,
    r: Ranking,
    can_manage: bool,
}

impl RankingPage {
    fn num(x: &f64) -> String {
        points_text(*x)
    }
    fn status(&self) -> &'static str {
        status_label(&self.r.scale.row.status)
    }
    fn any_tie(&self) -> bool {
        self.r
            .clusters
            .iter()
            .any(|c| c.places.iter().any(|p| p.tied))
    }
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<super::super::Flash>,
) -> AppResult<Response> {
    let r = ranking::ranking(&state.db, &ctx, &id).await?;
    let can_manage = ctx.can(Action::ManageScoring {
        org_id: ctx.org_id(),
    });
    Ok(render(
        StatusCode::OK,
        &RankingPage {
            l: Layout::new(&ctx, "scoring").with_flash(q.ok),
            r,
            can_manage,
        },
    ))
}

/// Votes typed as `votes.{unit_id}`; empty fields are left out.
async fn votes(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let mut counts = Vec::new();
    for (k, v) in &f {
        let Some(unit_id) = k.strip_prefix("votes.") else {
            continue;
        };
        if v.trim().is_empty() {
            continue;
        }
        let n: i64 = v.trim().parse().map_err(|_| {
            let mut val = thidua_domain::Validation::new();
            val.add(
                "votes",
                "Số phiếu",
                format!("Số phiếu «{}» không phải là số nguyên.", v.trim()),
            );
            AppError::Invalid(val)
        })?;
        counts.push((unit_id.to_string(), n));
    }
    ranking::record_votes(&state.db, &ctx, &id, &counts).await?;
    Ok(see_other(
        &format!("/scoring/{id}/ranking"),
        "Đã ghi kết quả biểu quyết.",
    ))
}
