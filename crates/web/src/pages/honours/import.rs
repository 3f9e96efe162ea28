//! The history import: an XLSX or CSV file of past awards, checked row by row.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::import::ImportReport;
use crate::pages::{Flash, Layout, render};
use askama::Template;
use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use thidua_domain::policy::Action;

#[derive(Template)]
#[template(path = "honours/import.html")]
struct ImportPage {
    l: Layout,
    headers: String,
    report: Option<ImportReport>,
    file_name: String,
    error: Option<String>,
}

/// The import form, with the expected columns.
pub(super) async fn import_page(ctx: Ctx, Query(flash): Query<Flash>) -> AppResult<Response> {
    ctx.authorize(Action::ImportHonours {
        org_id: ctx.org_id(),
    })?;
    Ok(render(
        StatusCode::OK,
        &ImportPage {
            l: Layout::new(&ctx, "data").with_flash(flash.ok),
            headers: crate::ops::history_import::HISTORY_HEADERS.join(", "),
            report: None,
            file_name: String::new(),
            error: None,
        },
    ))
}

/// Imports the uploaded file and shows the report row by row.
pub(super) async fn import_upload(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Multipart,
) -> AppResult<Response> {
    ctx.authorize(Action::ImportHonours {
        org_id: ctx.org_id(),
    })?;
    let headers = crate::ops::history_import::HISTORY_HEADERS.join(", ");
    let (name, bytes) = match crate::pages::read_upload(form, state.config.max_upload_bytes).await {
        Ok(x) => x,
        Err(e @ (AppError::BadRequest(_) | AppError::TooLarge(_))) => {
            return Ok(render(
                e.status(),
                &ImportPage {
                    l: Layout::new(&ctx, "data"),
                    headers,
                    report: None,
                    file_name: String::new(),
                    error: Some(e.message()),
                },
            ));
        }
        Err(e) => return Err(e),
    };
    match crate::ops::history_import::import_history(&state.db, &ctx, &bytes, &name)
        .await
        .map_err(AppError::from)
    {
        Ok(r) => {
            let status = if r.errors.is_empty() {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            Ok(render(
                status,
                &ImportPage {
                    l: Layout::new(&ctx, "data"),
                    headers,
                    report: Some(r),
                    file_name: name,
                    error: None,
                },
            ))
        }
        Err(e @ AppError::BadRequest(_)) => Ok(render(
            e.status(),
            &ImportPage {
                l: Layout::new(&ctx, "data"),
                headers,
                report: None,
                file_name: name,
                error: Some(e.message()),
            },
        )),
        Err(e) => Err(e),
    }
}
