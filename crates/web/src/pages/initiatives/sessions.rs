//! The sessions of the initiative council: the list and, for the standing office, the form that records
//! a session (date, minutes number, members present) and its result for each initiative sent to it;
//! a page per session.

use super::super::{Flash, Layout, render, see_other};
use super::levels;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::initiatives::InitiativeRow;
use crate::ops::initiatives::SessionRow;
use crate::ops::initiatives::session::{self as ops, ResultInput, SessionInput, SessionView};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use axum_extra::extract::Form;
use std::collections::HashMap;
use thidua_domain::Validation;
use thidua_domain::policy::Action;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/initiatives/sessions", get(list).post(record))
        .route("/initiatives/sessions/{id}", get(show))
}

#[derive(Template)]
#[template(path = "initiatives/sessions.html")]
struct ListPage {
    l: Layout,
    sessions: Vec<SessionRow>,
    pending: Vec<InitiativeRow>,
    may_record: bool,
    f: HashMap<String, String>,
    v: Validation,
}

impl ListPage {
    fn val(&self, k: &str) -> String {
        self.f.get(k).cloned().unwrap_or_default()
    }
    fn levels(&self) -> Vec<(&'static str, &'static str)> {
        levels()
    }
    fn council(&self, code: &str) -> &'static str {
        ops::council_label(code)
    }
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    f: HashMap<String, String>,
    v: Validation,
    flash: Option<String>,
) -> AppResult<Response> {
    let may_record = ctx.can(Action::EvaluateInitiatives {
        org_id: ctx.org_id(),
    });
    let pending = if may_record {
        ops::pending(&state.db, ctx).await?
    } else {
        Vec::new()
    };
    let sessions = ops::sessions(&state.db, ctx).await?;
    Ok(render(
        super::super::form_status(&v, false),
        &ListPage {
            l: Layout::new(ctx, "initiatives").with_flash(flash),
            sessions,
            pending,
            may_record,
            f,
            v,
        },
    ))
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<Flash>,
) -> AppResult<Response> {
    page(&state, &ctx, HashMap::new(), Validation::new(), q.ok).await
}

/// The form's fields: `outcome_{id}` and `scope_{id}` per initiative listed.
fn input(f: &HashMap<String, String>) -> SessionInput {
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let mut results: Vec<ResultInput> = f
        .iter()
        .filter_map(|(k, v)| k.strip_prefix("outcome_").map(|id| (id, v)))
        .map(|(id, outcome)| ResultInput {
            initiative_id: id.to_string(),
            outcome: outcome.clone(),
            scope_note: get(&format!("scope_{id}")),
        })
        .collect();
    results.sort_by(|a, b| a.initiative_id.cmp(&b.initiative_id));
    SessionInput {
        council: get("council"),
        held_on: get("held_on"),
        minutes_no: get("minutes_no"),
        members_present: get("members_present"),
        note: get("note"),
        results,
    }
}

async fn record(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    match ops::record(&state.db, &ctx, &input(&f))
        .await
        .map_err(AppError::from)
    {
        Ok(s) => Ok(see_other(
            &format!("/initiatives/sessions/{}", s.id),
            "Đã ghi kết quả phiên họp Hội đồng sáng kiến.",
        )),
        Err(AppError::Invalid(v)) => page(&state, &ctx, f, v, None).await,
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "initiatives/session.html")]
struct ShowPage {
    l: Layout,
    s: SessionView,
}

impl ShowPage {
    fn council(&self) -> &'static str {
        ops::council_label(&self.s.session.council)
    }
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<Flash>,
) -> AppResult<Response> {
    let s = ops::view(&state.db, &ctx, &id).await?;
    Ok(render(
        axum::http::StatusCode::OK,
        &ShowPage {
            l: Layout::new(&ctx, "initiatives").with_flash(q.ok),
            s,
        },
    ))
}
