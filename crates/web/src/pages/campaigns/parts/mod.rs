//! Forms of a plan's parts: themes, targets, deadlines (new, edit, delete), award forms and quotas
//! (added and removed on the plan page). A refused form comes back with the message at its field.

mod deadlines;
mod targets;
mod themes;

use super::super::see_other;
use super::show_page;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::campaign_parts as ops;
use crate::ops::campaigns as campaign_ops;
use crate::ops::model::CampaignRow;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum_extra::extract::Form;
use serde::Deserialize;
use thidua_domain::Validation;
use thidua_domain::campaign::parts::{AwardFormInput, QuotaInput};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/campaigns/{id}/themes", post(themes::create_theme))
        .route("/campaigns/{id}/themes/new", get(themes::new_theme))
        .route("/campaigns/{id}/themes/{tid}", post(themes::update_theme))
        .route("/campaigns/{id}/themes/{tid}/edit", get(themes::edit_theme))
        .route(
            "/campaigns/{id}/themes/{tid}/delete",
            post(themes::delete_theme),
        )
        .route("/campaigns/{id}/targets", post(targets::create_target))
        .route("/campaigns/{id}/targets/new", get(targets::new_target))
        .route(
            "/campaigns/{id}/targets/{tid}",
            post(targets::update_target),
        )
        .route(
            "/campaigns/{id}/targets/{tid}/edit",
            get(targets::edit_target),
        )
        .route(
            "/campaigns/{id}/targets/{tid}/delete",
            post(targets::delete_target),
        )
        .route(
            "/campaigns/{id}/deadlines",
            post(deadlines::create_deadline),
        )
        .route(
            "/campaigns/{id}/deadlines/new",
            get(deadlines::new_deadline),
        )
        .route(
            "/campaigns/{id}/deadlines/{did}",
            post(deadlines::update_deadline),
        )
        .route(
            "/campaigns/{id}/deadlines/{did}/edit",
            get(deadlines::edit_deadline),
        )
        .route(
            "/campaigns/{id}/deadlines/{did}/delete",
            post(deadlines::delete_deadline),
        )
        .route("/campaigns/{id}/award_forms", post(add_award_form))
        .route(
            "/campaigns/{id}/award_forms/{aid}/delete",
            post(delete_award_form),
        )
        .route("/campaigns/{id}/quotas", post(add_quota))
        .route("/campaigns/{id}/quotas/{qid}/delete", post(delete_quota))
}

pub(super) async fn campaign_for_edit(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
) -> AppResult<CampaignRow> {
    Ok(ops::for_edit(&state.db, ctx, id).await?)
}

/// After a refused delete or list change, the plan page shows why (422).
pub(super) async fn refused(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    e: impl Into<AppError>,
) -> AppResult<Response> {
    let e: AppError = e.into();
    match e {
        AppError::Invalid(v) => show_page(state, ctx, id, None, v).await,
        AppError::Conflict => {
            let mut v = Validation::new();
            v.add("version", "Phiên bản", AppError::Conflict.message());
            show_page(state, ctx, id, None, v).await
        }
        other => Err(other),
    }
}

#[derive(Deserialize, Default)]
pub(super) struct VersionForm {
    #[serde(default)]
    version: String,
}

// ---- award forms and quotas (inline on the plan page) ----

#[derive(Deserialize, Default)]
struct AwardFormForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    catalog_code: String,
    #[serde(default)]
    criteria: String,
}

async fn add_award_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<AwardFormForm>,
) -> AppResult<Response> {
    let input = AwardFormInput {
        name: f.name,
        catalog_code: f.catalog_code,
        criteria: f.criteria,
    };
    match campaign_ops::add_award_form(&state.db, &ctx, &id, &input).await {
        Ok(a) => Ok(see_other(
            &format!("/campaigns/{id}#awards"),
            &format!("Đã thêm hình thức \u{201c}{}\u{201d}.", a.name),
        )),
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}

async fn delete_award_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, aid)): Path<(String, String)>,
) -> AppResult<Response> {
    match campaign_ops::delete_award_form(&state.db, &ctx, &id, &aid).await {
        Ok(()) => Ok(see_other(
            &format!("/campaigns/{id}#awards"),
            "Đã xóa hình thức khen thưởng.",
        )),
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}

#[derive(Deserialize, Default)]
struct QuotaForm {
    #[serde(default)]
    who: String,
    #[serde(default)]
    unit_kind: String,
    #[serde(default)]
    unit_id: String,
    #[serde(default)]
    award_form: String,
    #[serde(default)]
    collectives_max: String,
    #[serde(default)]
    individuals_max: String,
}

async fn add_quota(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<QuotaForm>,
) -> AppResult<Response> {
    let input = QuotaInput {
        who: f.who,
        unit_kind: f.unit_kind,
        unit_id: f.unit_id,
        award_form: f.award_form,
        collectives_max: f.collectives_max,
        individuals_max: f.individuals_max,
    };
    match campaign_ops::add_quota(&state.db, &ctx, &id, &input).await {
        Ok(_) => Ok(see_other(
            &format!("/campaigns/{id}#awards"),
            "Đã thêm số lượng đề nghị tối đa.",
        )),
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}

async fn delete_quota(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, qid)): Path<(String, String)>,
) -> AppResult<Response> {
    match campaign_ops::delete_quota(&state.db, &ctx, &id, &qid).await {
        Ok(()) => Ok(see_other(&format!("/campaigns/{id}#awards"), "Đã xóa.")),
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}
