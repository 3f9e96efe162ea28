//! The forms of a plan's targets: new, edit, delete.

use super::super::super::{Layout, render, see_other, version_of};
use super::{VersionForm, campaign_for_edit, refused};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::campaign_parts as ops;
use crate::ops::model::CampaignRow;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use thidua_domain::Validation;
use thidua_domain::campaign::target::{Comparator, TargetInput, TargetScope, format_number};

#[derive(Deserialize, Default, Clone)]
pub(super) struct TargetForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    comparator: String,
    #[serde(default)]
    threshold: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    scope: String,
    #[serde(default)]
    theme_id: String,
    #[serde(default)]
    version: String,
}

impl TargetForm {
    fn input(&self) -> TargetInput {
        TargetInput {
            text: self.text.clone(),
            comparator: self.comparator.clone(),
            threshold: self.threshold.clone(),
            unit: self.unit.clone(),
            scope: self.scope.clone(),
            theme_id: self.theme_id.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "campaigns/target_form.html")]
struct TargetPage {
    l: Layout,
    c: CampaignRow,
    heading: &'static str,
    action: String,
    f: TargetForm,
    v: Validation,
    conflict: bool,
    comparators: Vec<(&'static str, &'static str)>,
    scopes: Vec<(&'static str, &'static str)>,
    themes: Vec<(String, String)>,
}

#[allow(clippy::too_many_arguments)] // re-rendered from several handlers with these pieces
async fn target_page(
    state: &AppState,
    ctx: &Ctx,
    c: CampaignRow,
    heading: &'static str,
    action: String,
    f: TargetForm,
    v: Validation,
    conflict: bool,
) -> AppResult<Response> {
    let themes = ops::themes(&state.db, ctx, &c.id)
        .await?
        .into_iter()
        .map(|t| (t.id, t.title))
        .collect();
    let comparators = Comparator::ALL
        .iter()
        .map(|x| (x.code(), x.label()))
        .collect();
    let scopes = [TargetScope::Body, TargetScope::PerUnit]
        .iter()
        .map(|x| (x.code(), x.label()))
        .collect();
    Ok(render(
        super::super::super::form_status(&v, conflict),
        &TargetPage {
            l: Layout::new(ctx, "campaigns"),
            c,
            heading,
            action,
            f,
            v,
            conflict,
            comparators,
            scopes,
            themes,
        },
    ))
}

pub(super) async fn new_target(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let c = campaign_for_edit(&state, &ctx, &id).await?;
    let f = TargetForm {
        comparator: ">=".into(),
        scope: "body".into(),
        ..Default::default()
    };
    target_page(
        &state,
        &ctx,
        c,
        "Thêm chỉ tiêu",
        format!("/campaigns/{id}/targets"),
        f,
        Validation::new(),
        false,
    )
    .await
}

pub(super) async fn create_target(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<TargetForm>,
) -> AppResult<Response> {
    match ops::add_target(&state.db, &ctx, &id, &f.input())
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(
            &format!("/campaigns/{id}#targets"),
            "Đã thêm chỉ tiêu.",
        )),
        Err(AppError::Invalid(v)) if v.message_for("status").is_none() => {
            let c = campaign_for_edit(&state, &ctx, &id).await?;
            target_page(
                &state,
                &ctx,
                c,
                "Thêm chỉ tiêu",
                format!("/campaigns/{id}/targets"),
                f,
                v,
                false,
            )
            .await
        }
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}

pub(super) async fn edit_target(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, tid)): Path<(String, String)>,
) -> AppResult<Response> {
    let (c, t) = ops::target_for_edit(&state.db, &ctx, &id, &tid).await?;
    let f = TargetForm {
        text: t.text,
        comparator: t.comparator,
        threshold: format_number(t.threshold),
        unit: t.measure.unwrap_or_default(),
        scope: t.scope,
        theme_id: t.theme_id.unwrap_or_default(),
        version: t.version.to_string(),
    };
    target_page(
        &state,
        &ctx,
        c,
        "Sửa chỉ tiêu",
        format!("/campaigns/{id}/targets/{tid}"),
        f,
        Validation::new(),
        false,
    )
    .await
}

pub(super) async fn update_target(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, tid)): Path<(String, String)>,
    Form(f): Form<TargetForm>,
) -> AppResult<Response> {
    let action = format!("/campaigns/{id}/targets/{tid}");
    match ops::update_target(
        &state.db,
        &ctx,
        &id,
        &tid,
        version_of(&f.version),
        &f.input(),
    )
    .await
    .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(
            &format!("/campaigns/{id}#targets"),
            "Đã lưu chỉ tiêu.",
        )),
        Err(AppError::Invalid(v)) if v.message_for("status").is_none() => {
            let c = campaign_for_edit(&state, &ctx, &id).await?;
            target_page(&state, &ctx, c, "Sửa chỉ tiêu", action, f, v, false).await
        }
        Err(AppError::Conflict) => {
            let c = campaign_for_edit(&state, &ctx, &id).await?;
            target_page(
                &state,
                &ctx,
                c,
                "Sửa chỉ tiêu",
                action,
                f,
                Validation::new(),
                true,
            )
            .await
        }
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}

pub(super) async fn delete_target(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, tid)): Path<(String, String)>,
    Form(f): Form<VersionForm>,
) -> AppResult<Response> {
    match ops::delete_target(&state.db, &ctx, &id, &tid, version_of(&f.version)).await {
        Ok(()) => Ok(see_other(
            &format!("/campaigns/{id}#targets"),
            "Đã xóa chỉ tiêu.",
        )),
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}
