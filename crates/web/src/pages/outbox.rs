//! The outbox page: e-mails and reminders waiting, sent or failed, with «Gửi lại» for the administrator.

use super::{Layout, render, see_other};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppResult;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;
use thidua_app::outbox::{self, OutboxItem};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/outbox", get(page))
        .route("/outbox/{id}/resend", post(resend))
}

/// The statuses as people read them.
const STATUSES: [(&str, &str); 4] = [
    ("queued", "Chờ gửi"),
    ("running", "Đang gửi"),
    ("done", "Đã gửi"),
    ("failed", "Gửi không được"),
];

fn status_label(code: &str) -> &'static str {
    STATUSES
        .iter()
        .find(|s| s.0 == code)
        .map(|s| s.1)
        .unwrap_or("")
}

/// A stored UTC timestamp as `dd/mm/yyyy hh:mm` in Vietnam's time.
fn local(stamp: &str) -> String {
    time::OffsetDateTime::parse(stamp, &time::format_description::well_known::Rfc3339)
        .map(|t| {
            let t = t + time::Duration::hours(7);
            format!(
                "{} {:02}:{:02}",
                thidua_domain::date::vn(t.date()),
                t.hour(),
                t.minute()
            )
        })
        .unwrap_or_else(|_| stamp.to_string())
}

#[derive(Template)]
#[template(path = "settings/outbox.html")]
struct OutboxPage {
    l: Layout,
    items: Vec<OutboxItem>,
    status: String,
    statuses: [(&'static str, &'static str); 4],
}

impl OutboxPage {
    fn label(&self, code: &str) -> &'static str {
        status_label(code)
    }
    fn when(&self, stamp: &str) -> String {
        local(stamp)
    }
}

#[derive(Deserialize, Default)]
struct OutboxQuery {
    status: Option<String>,
    ok: Option<String>,
}

async fn page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<OutboxQuery>,
) -> AppResult<Response> {
    let status = q.status.unwrap_or_default();
    let items = outbox::list(
        &state.db,
        &ctx,
        Some(status.as_str()).filter(|s| !s.is_empty()),
    )
    .await?;
    let page = OutboxPage {
        l: Layout::new(&ctx, "users").with_flash(q.ok),
        items,
        status,
        statuses: STATUSES,
    };
    Ok(render(StatusCode::OK, &page))
}

async fn resend(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    outbox::resend(&state.db, &ctx, &id).await?;
    Ok(see_other("/outbox", "Đã đưa lại vào hàng đợi gửi."))
}
