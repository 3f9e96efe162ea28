//! The progress form of a target: the value reached, with evidence files, and the reports so far.

use super::super::super::{Layout, render, see_other};
use super::super::upload::{field, read_form};
use super::{UnitQuery, files_hint};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::campaign_work as ops;
use crate::ops::campaign_work_reads::{self as reads, ReportEntry};
use crate::ops::campaigns::{date_of, status_of, today_vn};
use crate::ops::model::{AttachmentRow, CampaignRow};
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use std::collections::HashMap;
use thidua_domain::Validation;
use thidua_domain::campaign::CampaignStatus;
use thidua_domain::campaign::parts::ProgressInput;
use thidua_domain::campaign::target::format_number;
use thidua_domain::date::{iso_to_vn, vn};

/// A report of the history: date, unit, value, comment, files.
type HistoryLine = (String, String, String, String, Vec<AttachmentRow>);

#[derive(Template)]
#[template(path = "campaigns/report.html")]
struct ReportPage {
    l: Layout,
    c: CampaignRow,
    action: String,
    target_text: String,
    threshold: String,
    measure: String,
    per_unit: bool,
    units: Vec<(String, String)>,
    unit_id: String,
    value: String,
    reported_on: String,
    comment: String,
    history: Vec<HistoryLine>,
    files_hint: String,
    v: Validation,
    can_act: bool,
}

fn history_line(e: ReportEntry) -> HistoryLine {
    (
        iso_to_vn(&e.report.reported_on),
        e.unit_name.unwrap_or_else(|| "Toàn cơ quan".into()),
        format_number(e.report.value),
        e.report.comment.unwrap_or_default(),
        e.files,
    )
}

async fn report_page(
    state: &AppState,
    ctx: &Ctx,
    (id, tid): (&str, &str),
    fields: HashMap<String, String>,
    v: Validation,
) -> AppResult<Response> {
    let stored = reads::report_form(&state.db, ctx, id, tid).await?;
    let (c, t, units) = (stored.campaign, stored.target, stored.units);
    let page = ReportPage {
        can_act: stored.may_report && status_of(&c) == CampaignStatus::Launched,
        l: Layout::new(ctx, "campaigns"),
        action: format!("/campaigns/{id}/targets/{tid}/report"),
        target_text: t.text.clone(),
        threshold: super::super::threshold_text(&t.comparator, t.threshold, t.measure.as_deref()),
        measure: t.measure.clone().unwrap_or_default(),
        per_unit: stored.per_unit,
        unit_id: fields
            .get("unit_id")
            .cloned()
            .unwrap_or_else(|| units.first().map(|u| u.0.clone()).unwrap_or_default()),
        units,
        value: field(&fields, "value"),
        reported_on: fields
            .get("reported_on")
            .cloned()
            .unwrap_or_else(|| vn(today_vn().min(date_of(&c.period_to)))),
        comment: field(&fields, "comment"),
        history: stored.history.into_iter().map(history_line).collect(),
        files_hint: files_hint(),
        v: v.clone(),
        c,
    };
    let status = if v.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(status, &page))
}

pub(super) async fn report_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, tid)): Path<(String, String)>,
    Query(q): Query<UnitQuery>,
) -> AppResult<Response> {
    let mut fields = HashMap::new();
    if let Some(u) = q.unit {
        fields.insert("unit_id".to_string(), u);
    }
    report_page(&state, &ctx, (&id, &tid), fields, Validation::new()).await
}

pub(super) async fn report(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, tid)): Path<(String, String)>,
    form: Multipart,
) -> AppResult<Response> {
    let (fields, files) = read_form(form, state.config.max_upload_bytes).await?;
    let input = ProgressInput {
        unit_id: field(&fields, "unit_id"),
        value: field(&fields, "value"),
        reported_on: field(&fields, "reported_on"),
        comment: field(&fields, "comment"),
    };
    match ops::report_progress(&state.db, state.blobs(), &ctx, &id, &tid, &input, &files)
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(
            &format!("/campaigns/{id}/progress"),
            "Đã ghi nhận kết quả thực hiện chỉ tiêu.",
        )),
        Err(AppError::Invalid(v)) => report_page(&state, &ctx, (&id, &tid), fields, v).await,
        Err(e) => Err(e),
    }
}
