//! API of the caller's in-app notifications: the list (unread first) and marking one or all read.
//! Every route calls a use case of `crate::ops::notifications`.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiErrorBody};
use crate::ops::notifications as ops;
use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;
use thidua_app::model::NotificationRow;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(read))
        .routes(routes!(read_all))
}

/// A notification for the caller.
#[derive(Debug, Serialize, ToSchema)]
pub struct Notification {
    pub id: String,
    pub text: String,
    /// The page it is about, in this app.
    pub link: String,
    pub created_at: String,
    /// Whether the caller has marked it read (opening it on the page does).
    pub read: bool,
    pub read_at: Option<String>,
}

impl From<NotificationRow> for Notification {
    fn from(n: NotificationRow) -> Self {
        Notification {
            link: ops::target(&n).to_string(),
            read: n.read_at.is_some(),
            id: n.id,
            text: n.text,
            created_at: n.created_at,
            read_at: n.read_at,
        }
    }
}

/// What marking all notifications read answers.
#[derive(Debug, Serialize, ToSchema)]
pub struct MarkedAll {
    /// How many were unread.
    pub marked: u64,
}

/// The caller's notifications (addressed to them, to a unit in their scope or to their role): unread
/// first, then newest first.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications", responses((status = 200, body = Vec<Notification>), (status = 401, body = ApiErrorBody)))]
async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<Vec<Notification>>, ApiError> {
    Ok(Json(
        ops::list(&state.db, &ctx)
            .await?
            .into_iter()
            .map(Notification::from)
            .collect(),
    ))
}

/// Marks one of the caller's notifications read (again: no change); another user's is a 404.
#[utoipa::path(post, path = "/api/v1/notifications/{id}/read", tag = "notifications", params(("id" = String, Path)), responses((status = 200, body = Notification), (status = 404, body = ApiErrorBody)))]
async fn read(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<Notification>, ApiError> {
    Ok(Json(ops::mark_read(&state.db, &ctx, &id).await?.into()))
}

/// Marks every notification of the caller read.
#[utoipa::path(post, path = "/api/v1/notifications/read-all", tag = "notifications", responses((status = 200, body = MarkedAll), (status = 401, body = ApiErrorBody)))]
async fn read_all(State(state): State<AppState>, ctx: Ctx) -> Result<Json<MarkedAll>, ApiError> {
    Ok(Json(MarkedAll {
        marked: ops::mark_all_read(&state.db, &ctx).await?,
    }))
}
