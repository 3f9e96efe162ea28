//! The home page: what this user looks after, counts, and recent changes.

use super::{Layout, local_time, render};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppResult;
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use thidua_domain::policy::Action;
use thidua_store::audit::{self, AuditFilter};
use thidua_store::persons::{self, PersonFilter};
use thidua_store::{clusters, units};

pub fn routes() -> Router<AppState> {
    Router::new().route("/", get(home)).route("/healthz", get(healthz))
}

/// 200 when the database answers, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if state.db.ping().await { (StatusCode::OK, "ok") } else { (StatusCode::SERVICE_UNAVAILABLE, "database unavailable") }
}

pub struct RecentChange {
    pub at: String,
    pub user_name: String,
    pub action: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    l: Layout,
    scope_name: Option<String>,
    unit_count: i64,
    person_count: i64,
    cluster_count: usize,
    year: i32,
    recent: Vec<RecentChange>,
}

async fn home(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.authorize(Action::UseApp { org_id: ctx.org_id() })?;
    let mut tx = state.db.begin().await?;
    let scope = ctx.actor.read_scope().map(str::to_string);
    let unit_count = units::count_active(&mut tx, ctx.org_id(), scope.as_deref()).await?;
    let person_count = persons::count(&mut tx, ctx.org_id(), &PersonFilter { scope, ..Default::default() }).await?;
    let year = crate::ops::today().year();
    let cluster_count = clusters::list(&mut tx, ctx.org_id(), Some(i64::from(year))).await?.len();
    let scope_name = match &ctx.user.scope_unit_id {
        Some(id) => units::get(&mut tx, ctx.org_id(), id).await.ok().map(|u| u.name),
        None => None,
    };
    let recent = if ctx.can(Action::ViewAudit { org_id: ctx.org_id() }) {
        audit::list(&mut tx, ctx.org_id(), &AuditFilter::default(), 8, 0).await?.into_iter().map(|r| RecentChange { at: local_time(&r.at), user_name: r.user_name, action: super::audit::action_label(&r.action).into(), label: r.object_label }).collect()
    } else {
        Vec::new()
    };
    tx.commit().await?;
    Ok(render(StatusCode::OK, &HomePage { l: Layout::new(&ctx, "home"), scope_name, unit_count, person_count, cluster_count, year, recent }))
}
