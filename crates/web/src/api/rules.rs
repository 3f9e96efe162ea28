//! API of the rules data files: list the files in force (shipped or the organisation's edited
//! copy), read one with its saved versions, save a new version (checked first; audited), restore an
//! old version or the shipped file.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiErrorBody};
use crate::ops::rule_files::{self as ops, FileInfo};
use axum::Json;
use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_files))
        .routes(routes!(get_file, put_file))
        .routes(routes!(restore_file))
}

/// One saved version of a file.
#[derive(Debug, Serialize, ToSchema)]
pub struct FileVersion {
    pub version: i64,
    pub saved_by: String,
    /// RFC 3339, UTC.
    pub saved_at: String,
    pub note: Option<String>,
    /// This version went back to the shipped file.
    pub shipped: bool,
}

/// A data file: what is in force, its text, and every saved version (newest first).
#[derive(Debug, Serialize, ToSchema)]
pub struct RuleFile {
    #[serde(flatten)]
    pub info: FileInfo,
    /// The TOML text in force.
    pub text: String,
    pub history: Vec<FileVersion>,
}

/// A new version of a file.
#[derive(Debug, Deserialize, ToSchema)]
pub struct FileEdit {
    /// The whole TOML text.
    pub text: String,
    /// The `version` read (0 when the shipped file was never edited); a stale one gives 409.
    pub version: i64,
}

/// Put an old version back in force, or the shipped file.
#[derive(Debug, Deserialize, ToSchema)]
pub struct FileRestore {
    /// The version to restore; omit (or null) for the file shipped with the software.
    pub from: Option<i64>,
    /// The `version` read; a stale one gives 409.
    pub version: i64,
}

/// The catalog, rule sets and base salary files, each as in force for the organisation.
#[utoipa::path(get, path = "/api/v1/rules/files", tag = "rules", responses((status = 200, body = Vec<FileInfo>), (status = 403, body = ApiErrorBody)))]
async fn list_files(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<Vec<FileInfo>>, ApiError> {
    Ok(Json(ops::files(&state.db, &ctx).await?))
}

/// One file with its text in force and its saved versions.
#[utoipa::path(get, path = "/api/v1/rules/files/{name}", tag = "rules", params(("name" = String, Path, description = "e.g. catalog.toml, ruleset_hn.toml, base_salary.toml")), responses((status = 200, body = RuleFile), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn get_file(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(name): Path<String>,
) -> Result<Json<RuleFile>, ApiError> {
    let d = ops::file(&state.db, &ctx, &name).await?;
    let history = d
        .history
        .into_iter()
        .map(|r| FileVersion {
            version: r.version,
            saved_by: r.created_by_name,
            saved_at: r.created_at,
            shipped: r.text.is_none(),
            note: r.note,
        })
        .collect();
    Ok(Json(RuleFile {
        info: d.info,
        text: d.text,
        history,
    }))
}

/// Saves a new version after checking it with the other files in force (errors in Vietnamese name
/// the file, the field and the line; nothing is saved). Administrators only; audited.
#[utoipa::path(put, path = "/api/v1/rules/files/{name}", tag = "rules", params(("name" = String, Path)), request_body = FileEdit, responses((status = 200, body = FileInfo), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn put_file(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(name): Path<String>,
    Json(b): Json<FileEdit>,
) -> Result<Json<FileInfo>, ApiError> {
    ops::save(&state.db, &ctx, &name, &b.text, b.version).await?;
    info(&state, &ctx, &name).await
}

/// Restores an old version or the shipped file, as a new version. Administrators only; audited.
#[utoipa::path(post, path = "/api/v1/rules/files/{name}/restore", tag = "rules", params(("name" = String, Path)), request_body = FileRestore, responses((status = 200, body = FileInfo), (status = 403, body = ApiErrorBody), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn restore_file(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(name): Path<String>,
    Json(b): Json<FileRestore>,
) -> Result<Json<FileInfo>, ApiError> {
    ops::restore(&state.db, &ctx, &name, b.from, b.version).await?;
    info(&state, &ctx, &name).await
}

async fn info(state: &AppState, ctx: &Ctx, name: &str) -> Result<Json<FileInfo>, ApiError> {
    Ok(Json(ops::file(&state.db, ctx, name).await?.info))
}
