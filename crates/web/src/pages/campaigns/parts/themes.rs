//! The forms of a plan's themes: new, edit, delete.

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
use thidua_domain::campaign::parts::ThemeInput;
use thidua_domain::date::iso_to_vn;

#[derive(Deserialize, Default, Clone)]
pub(super) struct ThemeForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    lead_unit_id: String,
    #[serde(default)]
    lead_name: String,
    #[serde(default)]
    coordinating_ids: Vec<String>,
    #[serde(default)]
    period_from: String,
    #[serde(default)]
    period_to: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    version: String,
}

impl ThemeForm {
    fn input(&self) -> ThemeInput {
        ThemeInput {
            title: self.title.clone(),
            lead_unit_id: self.lead_unit_id.clone(),
            lead_name: self.lead_name.clone(),
            coordinating_ids: self.coordinating_ids.clone(),
            period_from: self.period_from.clone(),
            period_to: self.period_to.clone(),
            description: self.description.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "campaigns/theme_form.html")]
struct ThemePage {
    l: Layout,
    c: CampaignRow,
    heading: &'static str,
    action: String,
    f: ThemeForm,
    v: Validation,
    conflict: bool,
    units: Vec<(String, String)>,
}

#[allow(clippy::too_many_arguments)] // re-rendered from several handlers with these pieces
async fn theme_page(
    state: &AppState,
    ctx: &Ctx,
    c: CampaignRow,
    heading: &'static str,
    action: String,
    f: ThemeForm,
    v: Validation,
    conflict: bool,
) -> AppResult<Response> {
    let units = super::super::super::unit_options(state, ctx, |_| true).await?;
    Ok(render(
        super::super::super::form_status(&v, conflict),
        &ThemePage {
            l: Layout::new(ctx, "campaigns"),
            c,
            heading,
            action,
            f,
            v,
            conflict,
            units,
        },
    ))
}

pub(super) async fn new_theme(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let c = campaign_for_edit(&state, &ctx, &id).await?;
    theme_page(
        &state,
        &ctx,
        c,
        "Thêm chuyên đề",
        format!("/campaigns/{id}/themes"),
        ThemeForm::default(),
        Validation::new(),
        false,
    )
    .await
}

pub(super) async fn create_theme(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ThemeForm>,
) -> AppResult<Response> {
    match ops::add_theme(&state.db, &ctx, &id, &f.input())
        .await
        .map_err(AppError::from)
    {
        Ok(t) => Ok(see_other(
            &format!("/campaigns/{id}#themes"),
            &format!("Đã thêm chuyên đề \u{201c}{}\u{201d}.", t.title),
        )),
        Err(AppError::Invalid(v)) if v.message_for("status").is_none() => {
            let c = campaign_for_edit(&state, &ctx, &id).await?;
            theme_page(
                &state,
                &ctx,
                c,
                "Thêm chuyên đề",
                format!("/campaigns/{id}/themes"),
                f,
                v,
                false,
            )
            .await
        }
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}

pub(super) async fn edit_theme(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, tid)): Path<(String, String)>,
) -> AppResult<Response> {
    let (c, t, coordinating_ids) = ops::theme_for_edit(&state.db, &ctx, &id, &tid).await?;
    let f = ThemeForm {
        title: t.title,
        lead_unit_id: t.lead_unit_id.unwrap_or_default(),
        lead_name: t.lead_name.unwrap_or_default(),
        coordinating_ids,
        period_from: t.period_from.as_deref().map(iso_to_vn).unwrap_or_default(),
        period_to: t.period_to.as_deref().map(iso_to_vn).unwrap_or_default(),
        description: t.description.unwrap_or_default(),
        version: t.version.to_string(),
    };
    theme_page(
        &state,
        &ctx,
        c,
        "Sửa chuyên đề",
        format!("/campaigns/{id}/themes/{tid}"),
        f,
        Validation::new(),
        false,
    )
    .await
}

pub(super) async fn update_theme(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, tid)): Path<(String, String)>,
    Form(f): Form<ThemeForm>,
) -> AppResult<Response> {
    let action = format!("/campaigns/{id}/themes/{tid}");
    match ops::update_theme(
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
            &format!("/campaigns/{id}#themes"),
            "Đã lưu chuyên đề.",
        )),
        Err(AppError::Invalid(v)) if v.message_for("status").is_none() => {
            let c = campaign_for_edit(&state, &ctx, &id).await?;
            theme_page(&state, &ctx, c, "Sửa chuyên đề", action, f, v, false).await
        }
        Err(AppError::Conflict) => {
            let c = campaign_for_edit(&state, &ctx, &id).await?;
            theme_page(
                &state,
                &ctx,
                c,
                "Sửa chuyên đề",
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

pub(super) async fn delete_theme(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, tid)): Path<(String, String)>,
    Form(f): Form<VersionForm>,
) -> AppResult<Response> {
    match ops::delete_theme(&state.db, &ctx, &id, &tid, version_of(&f.version)).await {
        Ok(()) => Ok(see_other(
            &format!("/campaigns/{id}#themes"),
            "Đã xóa chuyên đề.",
        )),
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}
