//! API of the signed-in user, accounts, the audit log and imports.

use super::dto::{AuditEntry, User};
use super::org::need_version as version_required;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiErrorBody, AppError};
use crate::ops::import::ImportReport;
use crate::ops::users::UserInput;
use axum::Json;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use thidua_app::model::AuditFilter;
use thidua_domain::policy::Action;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(me))
        .routes(routes!(list_users, create_user))
        .routes(routes!(update_user))
        .routes(routes!(list_audit))
        .routes(routes!(import_data))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub user: User,
    /// Vietnamese name of the role.
    pub role_label: String,
    /// Send as `X-CSRF-Token` with session-cookie requests that change data.
    pub csrf_token: String,
}

/// The signed-in user.
#[utoipa::path(get, path = "/api/v1/me", tag = "system", responses((status = 200, body = Me), (status = 401, body = ApiErrorBody)))]
async fn me(ctx: Ctx) -> Json<Me> {
    Json(Me {
        role_label: ctx.role().label().into(),
        csrf_token: ctx.csrf().into(),
        user: ctx.user.clone().into(),
    })
}

#[utoipa::path(get, path = "/api/v1/users", tag = "system", responses((status = 200, body = Vec<User>), (status = 403, body = ApiErrorBody)))]
async fn list_users(State(state): State<AppState>, ctx: Ctx) -> Result<Json<Vec<User>>, ApiError> {
    let rows = crate::ops::users::list(&state.db, &ctx).await?;
    Ok(Json(rows.into_iter().map(Into::into).collect()))
}

#[utoipa::path(post, path = "/api/v1/users", tag = "system", request_body = UserInput, responses((status = 201, body = User), (status = 422, body = ApiErrorBody)))]
async fn create_user(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(b): Json<UserInput>,
) -> Result<(StatusCode, Json<User>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(crate::ops::users::create(&state.db, &ctx, &b).await?.into()),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct UserUpdate {
    #[serde(flatten)]
    pub input: UserInput,
    pub version: Option<i64>,
}

#[utoipa::path(put, path = "/api/v1/users/{id}", tag = "system", request_body = UserUpdate, responses((status = 200, body = User), (status = 409, body = ApiErrorBody)))]
async fn update_user(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(b): Json<UserUpdate>,
) -> Result<Json<User>, ApiError> {
    let version = version_required(b.version)?;
    Ok(Json(
        crate::ops::users::update(&state.db, &ctx, &id, version, &b.input)
            .await?
            .into(),
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct AuditQuery {
    object_type: Option<String>,
    object_id: Option<String>,
    user_id: Option<String>,
    /// `yyyy-mm-dd`
    from: Option<String>,
    /// `yyyy-mm-dd`
    to: Option<String>,
    #[serde(default)]
    offset: i64,
    limit: Option<i64>,
}

/// The audit log, newest first.
#[utoipa::path(get, path = "/api/v1/audit", tag = "system", params(AuditQuery), responses((status = 200, body = Vec<AuditEntry>), (status = 403, body = ApiErrorBody)))]
async fn list_audit(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<AuditQuery>,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    ctx.authorize(Action::ViewAudit {
        org_id: ctx.org_id(),
    })?;
    let date = |d: &Option<String>, label: &str| -> Result<Option<String>, ApiError> {
        match d.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => thidua_domain::date::parse(s)
                .map(|d| Some(thidua_domain::date::iso(d)))
                .ok_or_else(|| {
                    ApiError(AppError::BadRequest(format!(
                        "{label} \u{201c}{s}\u{201d} không phải ngày hợp lệ."
                    )))
                }),
        }
    };
    let filter = AuditFilter {
        object_type: q.object_type.clone(),
        object_id: q.object_id.clone(),
        user_id: q.user_id.clone(),
        from: date(&q.from, "Từ ngày")?,
        to: date(&q.to, "Đến ngày")?,
    };
    let rows = crate::ops::audit_log::list(
        &state.db,
        &ctx,
        &filter,
        q.limit.unwrap_or(100).clamp(1, 1000),
        q.offset.max(0),
    )
    .await?;
    Ok(Json(rows.into_iter().map(Into::into).collect()))
}

/// Imports `units` or `people` from an XLSX/CSV file (multipart field `file`). All rows or none:
/// when `errors` is not empty (status 422), nothing was saved.
#[utoipa::path(post, path = "/api/v1/import/{what}", tag = "system", params(("what" = String, Path, description = "units | people")), responses((status = 200, body = ImportReport), (status = 422, body = ImportReport), (status = 400, body = ApiErrorBody), (status = 413, body = ApiErrorBody)))]
async fn import_data(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(what): Path<String>,
    form: Multipart,
) -> Result<(StatusCode, Json<ImportReport>), ApiError> {
    let (name, bytes) = crate::pages::read_upload(form, state.config.max_upload_bytes).await?;
    let report = match what.as_str() {
        "units" => crate::ops::import::import_units(&state.db, &ctx, &bytes, &name).await?,
        "people" => crate::ops::import::import_people(&state.db, &ctx, &bytes, &name).await?,
        _ => return Err(ApiError(AppError::NotFound)),
    };
    let status = if report.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, Json(report)))
}
