//! The data page: import units and people from XLSX/CSV (all or nothing), export them to XLSX.

use super::{Layout, render};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::import::{self, ImportReport};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use thidua_domain::policy::Action;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/data", get(page))
        .route("/data/import/{what}", post(upload))
        .route("/data/export/{file}", get(export))
        .route("/data/template/{file}", get(template))
}

#[derive(Template)]
#[template(path = "data.html")]
struct DataPage {
    l: Layout,
    report: Option<ImportReport>,
    file_name: String,
    error: Option<String>,
    can_import_units: bool,
    can_import_people: bool,
    can_transfer: bool,
}

fn data_page(
    ctx: &Ctx,
    status: StatusCode,
    report: Option<ImportReport>,
    file_name: String,
    error: Option<String>,
) -> Response {
    let org = ctx.org_id();
    render(
        status,
        &DataPage {
            l: Layout::new(ctx, "data"),
            report,
            file_name,
            error,
            can_import_units: ctx.can(Action::ImportUnits { org_id: org }),
            can_import_people: ctx.can(Action::ImportPeople { org_id: org }),
            can_transfer: ctx.can(Action::TransferData { org_id: org }),
        },
    )
}

async fn page(ctx: Ctx) -> AppResult<Response> {
    ctx.authorize(Action::UseApp {
        org_id: ctx.org_id(),
    })?;
    Ok(data_page(&ctx, StatusCode::OK, None, String::new(), None))
}

/// Reads the one file field of an upload form.
pub async fn read_upload(mut form: Multipart, limit: usize) -> AppResult<(String, Vec<u8>)> {
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|_| import::upload_error(limit))?
    {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("tệp").to_string();
            let bytes = field
                .bytes()
                .await
                .map_err(|_| AppError::too_large(limit))?;
            return Ok((name, bytes.to_vec()));
        }
    }
    Err(AppError::BadRequest("Chưa chọn tệp để tải lên.".into()))
}

async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(what): Path<String>,
    form: Multipart,
) -> AppResult<Response> {
    let (name, bytes) = match read_upload(form, state.config.max_upload_bytes).await {
        Ok(x) => x,
        Err(e @ (AppError::BadRequest(_) | AppError::TooLarge(_))) => {
            return Ok(data_page(
                &ctx,
                e.status(),
                None,
                String::new(),
                Some(e.message()),
            ));
        }
        Err(e) => return Err(e),
    };
    let result = match what.as_str() {
        "units" => import::import_units(&state.db, &ctx, &bytes, &name).await,
        "people" => import::import_people(&state.db, &ctx, &bytes, &name).await,
        _ => return Err(AppError::NotFound),
    };
    match result.map_err(AppError::from) {
        Ok(r) => {
            let status = if r.errors.is_empty() {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            Ok(data_page(&ctx, status, Some(r), name, None))
        }
        Err(e @ AppError::BadRequest(_)) => {
            Ok(data_page(&ctx, e.status(), None, name, Some(e.message())))
        }
        Err(e) => Err(e),
    }
}

/// An XLSX download response.
pub fn xlsx(bytes: Vec<u8>, file_name: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

async fn export(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(file): Path<String>,
) -> AppResult<Response> {
    ctx.authorize(Action::UseApp {
        org_id: ctx.org_id(),
    })?;
    match file.as_str() {
        "units.xlsx" => Ok(xlsx(
            crate::ops::export::units_xlsx(&state.db, &ctx).await?,
            "don-vi.xlsx",
        )),
        "people.xlsx" => Ok(xlsx(
            crate::ops::export::people_xlsx(&state.db, &ctx).await?,
            "ca-nhan.xlsx",
        )),
        _ => Err(AppError::NotFound),
    }
}

/// The import templates, each with two example rows and a sheet of the values the columns accept.
async fn template(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(file): Path<String>,
) -> AppResult<Response> {
    match file.as_str() {
        "units.xlsx" => Ok(xlsx(
            crate::ops::import_templates::units(&state.db, &ctx).await?,
            "mau-don-vi.xlsx",
        )),
        "people.xlsx" => Ok(xlsx(
            crate::ops::import_templates::people(&state.db, &ctx).await?,
            "mau-ca-nhan.xlsx",
        )),
        _ => Err(AppError::NotFound),
    }
}
