//! The page of the user's notifications: unread ones first and marked as new, each opened through a
//! small form that marks it read and goes to its link, a «Đánh dấu đã đọc» button per unread row, and
//! «Đánh dấu tất cả là đã đọc».

use super::{Flash, Layout, local_time, render, see_other};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::ops::notifications as ops;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(list))
        .route("/notifications/read-all", post(read_all))
        .route("/notifications/{id}/read", post(read))
        .route("/notifications/{id}/open", post(open))
}

/// One row of the list.
pub struct Row {
    pub id: String,
    pub at: String,
    pub text: String,
    pub link: String,
    pub read: bool,
}

#[derive(Template)]
#[template(path = "notifications.html")]
struct ListPage {
    l: Layout,
    rows: Vec<Row>,
    unread: usize,
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(flash): Query<Flash>,
) -> AppResult<Response> {
    let rows: Vec<Row> = ops::list(&state.db, &ctx)
        .await?
        .into_iter()
        .map(|n| Row {
            at: local_time(&n.created_at),
            link: ops::target(&n).to_string(),
            read: n.read_at.is_some(),
            id: n.id,
            text: n.text,
        })
        .collect();
    let unread = rows.iter().filter(|r| !r.read).count();
    Ok(render(
        StatusCode::OK,
        &ListPage {
            l: Layout::new(&ctx, "notifications").with_flash(flash.ok),
            rows,
            unread,
        },
    ))
}

/// «Đánh dấu đã đọc» on one row.
async fn read(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    ops::mark_read(&state.db, &ctx, &id).await?;
    Ok(see_other(
        "/notifications",
        "Đã đánh dấu thông báo là đã đọc.",
    ))
}

/// Opens a notification: marks it read and goes to its link.
async fn open(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let n = ops::mark_read(&state.db, &ctx, &id).await?;
    Ok(see_other(
        ops::target(&n),
        "Đã đánh dấu thông báo là đã đọc.",
    ))
}

/// «Đánh dấu tất cả là đã đọc».
async fn read_all(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let n = ops::mark_all_read(&state.db, &ctx).await?;
    let msg = if n == 0 {
        "Không có thông báo nào chưa đọc.".to_string()
    } else {
        format!("Đã đánh dấu {n} thông báo là đã đọc.")
    };
    Ok(see_other("/notifications", &msg))
}
