//! Pages of the units' work on a launched campaign: registration, cluster pacts, progress reports with
//! evidence, sending what a deadline asks for, what was sent, and attached files. Each page reads
//! through [`crate::ops::campaign_work_reads`] and writes through [`crate::ops::campaign_work`].

mod pact;
mod pact_review;
mod register;
mod registrations;
mod report;
mod submit;

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::ops::campaign_work::{self as ops, MAX_FILE_BYTES, MAX_FILES};
use crate::ops::model::CommitmentRow;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use thidua_domain::campaign::parts::{OwnTarget, target_lines_text};
use thidua_domain::campaign::target::Comparator;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/campaigns/{id}/registrations",
            get(registrations::registrations),
        )
        .route(
            "/campaigns/{id}/register",
            get(register::register_form).post(register::register),
        )
        .route(
            "/campaigns/{id}/pacts/{cluster}",
            get(pact::pact_form).post(pact::sign_pact),
        )
        .route(
            "/campaigns/{id}/pacts/{cluster}/review",
            get(pact_review::review_form).post(pact_review::record),
        )
        .route(
            "/campaigns/{id}/targets/{tid}/report",
            get(report::report_form).post(report::report),
        )
        .route(
            "/campaigns/{id}/deadlines/{did}/submit",
            get(submit::submit_form).post(submit::submit),
        )
        .route("/campaigns/{id}/submissions/{sid}", get(submit::submission))
        .route("/files/{fid}", get(download))
}

fn files_hint() -> String {
    format!(
        "PDF, ảnh JPG/PNG, Word, Excel; tối đa {MAX_FILES} tệp, mỗi tệp không quá {} MB.",
        MAX_FILE_BYTES / 1_048_576
    )
}

#[derive(Deserialize, Default)]
struct OkQuery {
    ok: Option<String>,
}

#[derive(Deserialize, Default)]
struct UnitQuery {
    unit: Option<String>,
}

/// A committed target as people read it: `text: ≥ 95 %`.
fn commitment_text(t: &CommitmentRow) -> String {
    format!(
        "{}: {}",
        t.text,
        super::threshold_text(&t.comparator, t.threshold, t.measure.as_deref())
    )
}

/// Targets of a unit's own (or a pact's), back as the lines of the form's text box.
fn own_targets_text<'a>(items: impl Iterator<Item = &'a CommitmentRow>) -> String {
    let own: Vec<OwnTarget> = items
        .map(|t| OwnTarget {
            text: t.text.clone(),
            comparator: Comparator::parse(&t.comparator).unwrap_or(Comparator::AtLeast),
            threshold: t.threshold,
            unit: t.measure.clone(),
            target_id: None,
        })
        .collect();
    target_lines_text(&own)
}

/// A stored file, as an attachment download.
async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(fid): Path<String>,
) -> AppResult<Response> {
    let (a, bytes) = ops::download(&state.db, state.blobs(), &ctx, &fid).await?;
    let ascii: String = thidua_domain::text::fold(&a.file_name)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = form_urlencoded::byte_serialize(a.file_name.as_bytes()).collect();
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        encoded.replace('+', "%20")
    );
    Ok((
        [
            (header::CONTENT_TYPE, a.content_type),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}
