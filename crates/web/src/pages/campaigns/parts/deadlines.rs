//! The forms of a plan's deadlines: new, edit, delete.

use super::super::super::{Layout, render, see_other, version_of};
use super::{VersionForm, campaign_for_edit, refused};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::campaign_parts as ops;
use crate::ops::campaign_reads::unit_kinds;
use crate::ops::model::CampaignRow;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use thidua_domain::Validation;
use thidua_domain::campaign::deadline::{Addressees, DeadlineInput, DeadlineKind, Recurrence};
use thidua_domain::date::iso_to_vn;

#[derive(Deserialize, Default, Clone)]
pub(super) struct DeadlineForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    what: String,
    #[serde(default)]
    opens_on: String,
    #[serde(default)]
    due_on: String,
    #[serde(default)]
    recurrence: String,
    #[serde(default)]
    repeat_until: String,
    #[serde(default)]
    addressees: String,
    #[serde(default)]
    unit_kind: String,
    #[serde(default)]
    unit_id: String,
    #[serde(default)]
    recipient: String,
    #[serde(default)]
    version: String,
}

impl DeadlineForm {
    fn input(&self) -> DeadlineInput {
        DeadlineInput {
            kind: self.kind.clone(),
            what: self.what.clone(),
            opens_on: self.opens_on.clone(),
            due_on: self.due_on.clone(),
            recurrence: self.recurrence.clone(),
            repeat_until: self.repeat_until.clone(),
            addressees: self.addressees.clone(),
            unit_kind: self.unit_kind.clone(),
            unit_id: self.unit_id.clone(),
            recipient: self.recipient.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "campaigns/deadline_form.html")]
struct DeadlinePage {
    l: Layout,
    c: CampaignRow,
    heading: &'static str,
    action: String,
    f: DeadlineForm,
    v: Validation,
    conflict: bool,
    period: String,
    kinds: Vec<(&'static str, &'static str)>,
    recurrences: Vec<(&'static str, &'static str)>,
    addressees: Vec<(&'static str, &'static str)>,
    unit_kinds: Vec<(String, String)>,
    units: Vec<(String, String)>,
}

#[allow(clippy::too_many_arguments)] // re-rendered from several handlers with these pieces
async fn deadline_page(
    state: &AppState,
    ctx: &Ctx,
    c: CampaignRow,
    heading: &'static str,
    action: String,
    f: DeadlineForm,
    v: Validation,
    conflict: bool,
) -> AppResult<Response> {
    let units = super::super::super::unit_options(state, ctx, |_| true).await?;
    let unit_kinds = unit_kinds(&state.db)
        .await?
        .into_iter()
        .map(|k| (k.code, k.name))
        .collect();
    let page = DeadlinePage {
        l: Layout::new(ctx, "campaigns"),
        period: super::super::span(&c.period_from, &c.period_to),
        c,
        heading,
        action,
        f,
        v: v.clone(),
        conflict,
        kinds: DeadlineKind::ALL
            .iter()
            .map(|k| (k.code(), k.label()))
            .collect(),
        recurrences: Recurrence::ALL
            .iter()
            .map(|r| (r.code(), r.label()))
            .collect(),
        addressees: Addressees::ALL
            .iter()
            .map(|a| (a.code(), a.label()))
            .collect(),
        unit_kinds,
        units,
    };
    Ok(render(
        super::super::super::form_status(&v, conflict),
        &page,
    ))
}

pub(super) async fn new_deadline(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let c = campaign_for_edit(&state, &ctx, &id).await?;
    let f = DeadlineForm {
        kind: "other".into(),
        recurrence: "once".into(),
        addressees: "all".into(),
        ..Default::default()
    };
    deadline_page(
        &state,
        &ctx,
        c,
        "Thêm thời hạn",
        format!("/campaigns/{id}/deadlines"),
        f,
        Validation::new(),
        false,
    )
    .await
}

pub(super) async fn create_deadline(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<DeadlineForm>,
) -> AppResult<Response> {
    match ops::add_deadline(&state.db, &ctx, &id, &f.input())
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(
            &format!("/campaigns/{id}#deadlines"),
            "Đã thêm thời hạn.",
        )),
        Err(AppError::Invalid(v)) if v.message_for("status").is_none() => {
            let c = campaign_for_edit(&state, &ctx, &id).await?;
            deadline_page(
                &state,
                &ctx,
                c,
                "Thêm thời hạn",
                format!("/campaigns/{id}/deadlines"),
                f,
                v,
                false,
            )
            .await
        }
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}

pub(super) async fn edit_deadline(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, did)): Path<(String, String)>,
) -> AppResult<Response> {
    let (c, d) = ops::deadline_for_edit(&state.db, &ctx, &id, &did).await?;
    let f = DeadlineForm {
        kind: d.kind,
        what: d.what,
        opens_on: d.opens_on.as_deref().map(iso_to_vn).unwrap_or_default(),
        due_on: iso_to_vn(&d.due_on),
        recurrence: d.recurrence,
        repeat_until: d.repeat_until.as_deref().map(iso_to_vn).unwrap_or_default(),
        addressees: d.addressees,
        unit_kind: d.unit_kind.unwrap_or_default(),
        unit_id: d.unit_id.unwrap_or_default(),
        recipient: d.recipient.unwrap_or_default(),
        version: d.version.to_string(),
    };
    deadline_page(
        &state,
        &ctx,
        c,
        "Sửa thời hạn",
        format!("/campaigns/{id}/deadlines/{did}"),
        f,
        Validation::new(),
        false,
    )
    .await
}

pub(super) async fn update_deadline(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, did)): Path<(String, String)>,
    Form(f): Form<DeadlineForm>,
) -> AppResult<Response> {
    let action = format!("/campaigns/{id}/deadlines/{did}");
    match ops::update_deadline(
        &state.db,
        &ctx,
        &id,
        &did,
        version_of(&f.version),
        &f.input(),
    )
    .await
    .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(
            &format!("/campaigns/{id}#deadlines"),
            "Đã lưu thời hạn.",
        )),
        Err(AppError::Invalid(v)) if v.message_for("status").is_none() => {
            let c = campaign_for_edit(&state, &ctx, &id).await?;
            deadline_page(&state, &ctx, c, "Sửa thời hạn", action, f, v, false).await
        }
        Err(AppError::Conflict) => {
            let c = campaign_for_edit(&state, &ctx, &id).await?;
            deadline_page(
                &state,
                &ctx,
                c,
                "Sửa thời hạn",
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

pub(super) async fn delete_deadline(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, did)): Path<(String, String)>,
    Form(f): Form<VersionForm>,
) -> AppResult<Response> {
    match ops::delete_deadline(&state.db, &ctx, &id, &did, version_of(&f.version)).await {
        Ok(()) => Ok(see_other(
            &format!("/campaigns/{id}#deadlines"),
            "Đã xóa thời hạn.",
        )),
        Err(e) => refused(&state, &ctx, &id, e).await,
    }
}
