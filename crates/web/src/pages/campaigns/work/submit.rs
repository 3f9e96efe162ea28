//! Sending what a deadline asks for (a document number, a note, files), and a sent submission's page.

use super::super::super::{Layout, local_time, render, see_other};
use super::super::upload::{field, read_form};
use super::files_hint;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::campaign_views::{due_dates, occurrence_label};
use crate::ops::campaign_work as ops;
use crate::ops::campaign_work_reads as reads;
use crate::ops::campaigns::{date_of, today_vn};
use crate::ops::model::{AttachmentRow, CampaignRow};
use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use std::collections::HashMap;
use thidua_domain::Validation;
use thidua_domain::campaign::parts::SubmissionInput;
use thidua_domain::date::{iso_to_vn, vn};

#[derive(Template)]
#[template(path = "campaigns/submit.html")]
struct SubmitPage {
    l: Layout,
    c: CampaignRow,
    action: String,
    what: String,
    recipient: String,
    units: Vec<(String, String)>,
    unit_id: String,
    occurrences: Vec<(String, String)>,
    due_on: String,
    document_number: String,
    note: String,
    files_hint: String,
    today: String,
    v: Validation,
}

#[derive(Deserialize, Default)]
pub(super) struct SubmitQuery {
    unit: Option<String>,
    due: Option<String>,
}

async fn submit_page(
    state: &AppState,
    ctx: &Ctx,
    (id, did): (&str, &str),
    fields: HashMap<String, String>,
    v: Validation,
) -> AppResult<Response> {
    let stored = reads::submit_form(&state.db, ctx, id, did).await?;
    let (c, d, units) = (stored.campaign, stored.deadline, stored.units);
    if units.is_empty() && v.is_ok() {
        return Err(AppError::Forbidden);
    }
    let dates = due_dates(&d, date_of(&c.period_to));
    let today = today_vn();
    // Suggest the first occurrence not yet past, else the last one.
    let suggested = dates
        .iter()
        .find(|x| **x >= today)
        .or(dates.last())
        .map(|x| vn(*x))
        .unwrap_or_default();
    let page = SubmitPage {
        l: Layout::new(ctx, "campaigns"),
        action: format!("/campaigns/{id}/deadlines/{did}/submit"),
        what: d.what.clone(),
        recipient: d.recipient.clone().unwrap_or_default(),
        unit_id: fields
            .get("unit_id")
            .cloned()
            .unwrap_or_else(|| units.first().map(|u| u.0.clone()).unwrap_or_default()),
        units,
        occurrences: dates
            .iter()
            .map(|x| (vn(*x), occurrence_label(&d, *x)))
            .collect(),
        due_on: fields.get("due_on").cloned().unwrap_or(suggested),
        document_number: field(&fields, "document_number"),
        note: field(&fields, "note"),
        files_hint: files_hint(),
        today: vn(today),
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

pub(super) async fn submit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, did)): Path<(String, String)>,
    Query(q): Query<SubmitQuery>,
) -> AppResult<Response> {
    let mut fields = HashMap::new();
    if let Some(u) = q.unit {
        fields.insert("unit_id".to_string(), u);
    }
    if let Some(d) = q.due {
        fields.insert("due_on".to_string(), iso_to_vn(&d));
    }
    submit_page(&state, &ctx, (&id, &did), fields, Validation::new()).await
}

pub(super) async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, did)): Path<(String, String)>,
    form: Multipart,
) -> AppResult<Response> {
    let (fields, files) = read_form(form, state.config.max_upload_bytes).await?;
    let input = SubmissionInput {
        unit_id: field(&fields, "unit_id"),
        due_on: field(&fields, "due_on"),
        document_number: field(&fields, "document_number"),
        note: field(&fields, "note"),
    };
    match ops::submit(&state.db, state.blobs(), &ctx, &id, &did, &input, &files)
        .await
        .map_err(AppError::from)
    {
        Ok(s) => {
            let late = date_of(&s.sent_on) > date_of(&s.due_on);
            let msg = if late {
                "Đã ghi nhận văn bản gửi (sau hạn chót)."
            } else {
                "Đã ghi nhận văn bản gửi đúng hạn."
            };
            Ok(see_other(&format!("/campaigns/{id}/matrix"), msg))
        }
        Err(AppError::Invalid(v)) => submit_page(&state, &ctx, (&id, &did), fields, v).await,
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "campaigns/submission.html")]
struct SubmissionPage {
    l: Layout,
    c: CampaignRow,
    unit_name: String,
    what: String,
    due_on: String,
    sent_on: String,
    late: bool,
    document_number: String,
    note: String,
    by: String,
    at: String,
    files: Vec<AttachmentRow>,
}

pub(super) async fn submission(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, sid)): Path<(String, String)>,
) -> AppResult<Response> {
    let view = reads::submission(&state.db, &ctx, &id, &sid).await?;
    let (s, d) = (view.submission, view.deadline);
    let page = SubmissionPage {
        l: Layout::new(&ctx, "campaigns"),
        unit_name: view.unit_name,
        what: occurrence_label(&d, date_of(&s.due_on)),
        due_on: iso_to_vn(&s.due_on),
        sent_on: iso_to_vn(&s.sent_on),
        late: date_of(&s.sent_on) > date_of(&s.due_on),
        document_number: s.document_number.unwrap_or_default(),
        note: s.note.unwrap_or_default(),
        by: s.created_by.unwrap_or_default(),
        at: local_time(&s.created_at),
        files: view.files,
        c: view.campaign,
    };
    Ok(render(StatusCode::OK, &page))
}
