//! Pages of the register of initiatives (sáng kiến): the register with search without diacritics and
//! filters by year, status and level; a page per initiative (authors and shares, files, the council's
//! result, where it was used as a basis) with its actions; the forms in [`form`] and the council's
//! sessions in [`sessions`].

mod form;
mod sessions;

use super::{Flash, Layout, render, see_other, version_of};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::initiatives::uses::{self, Target, UseInput};
use crate::ops::initiatives::{self as ops, InitiativeView, ListQuery, Listed};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum_extra::extract::Form;
use std::collections::HashMap;
use thidua_domain::Validation;
use thidua_domain::initiative::{Event, Level, Status, share_label};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/initiatives", get(list).post(form::create))
        .route("/initiatives/new", get(form::new_form))
        .route("/initiatives/{id}", get(show).post(form::update))
        .route("/initiatives/{id}/edit", get(form::edit_form))
        .route("/initiatives/{id}/withdraw", post(withdraw))
        .route("/initiatives/{id}/send", post(send))
        .route("/initiatives/{id}/use", post(use_as_basis))
        .route("/initiatives/{id}/files", post(add_files))
        .route("/initiatives/files/{file}", get(download))
        .merge(sessions::routes())
}

/// The status choices of the filter.
fn statuses() -> Vec<(&'static str, &'static str)> {
    Status::ALL.iter().map(|s| (s.code(), s.label())).collect()
}

/// The level choices of the filter and the session form.
fn levels() -> Vec<(&'static str, &'static str)> {
    Level::ALL.iter().map(|l| (l.code(), l.label())).collect()
}

pub(crate) fn status_label(code: &str) -> &'static str {
    Status::parse(code).map_or("", Status::label)
}

pub(crate) fn level_label(code: &Option<String>) -> &'static str {
    code.as_deref()
        .and_then(Level::parse)
        .map_or("", Level::label)
}

#[derive(Template)]
#[template(path = "initiatives/list.html")]
struct ListPage {
    l: Layout,
    q: ListQuery,
    year: String,
    rows: Vec<Listed>,
    can_create: bool,
}

impl ListPage {
    fn chosen(v: &Option<String>, code: &str) -> bool {
        v.as_deref() == Some(code)
    }
    fn statuses(&self) -> Vec<(&'static str, &'static str)> {
        statuses()
    }
    fn levels(&self) -> Vec<(&'static str, &'static str)> {
        levels()
    }
}

#[derive(serde::Deserialize, Default)]
struct RawQuery {
    q: Option<String>,
    year: Option<String>,
    status: Option<String>,
    level: Option<String>,
    ok: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(raw): Query<RawQuery>,
) -> AppResult<Response> {
    let year = raw.year.clone().unwrap_or_default();
    let q = ListQuery {
        q: raw.q,
        year: year.trim().parse().ok(),
        status: raw.status,
        level: raw.level,
    };
    let rows = ops::list(&state.db, &ctx, &q).await?;
    let can_create = matches!(
        ctx.role(),
        thidua_domain::policy::Role::Admin
            | thidua_domain::policy::Role::StandingOffice
            | thidua_domain::policy::Role::UnitOfficer
    );
    Ok(render(
        StatusCode::OK,
        &ListPage {
            l: Layout::new(&ctx, "initiatives").with_flash(raw.ok),
            q,
            year,
            rows,
            can_create,
        },
    ))
}

#[derive(Template)]
#[template(path = "initiatives/show.html")]
struct ShowPage {
    l: Layout,
    i: InitiativeView,
    targets: Vec<Target>,
    v: Validation,
}

impl ShowPage {
    fn share(&self, bp: &i64) -> String {
        share_label(u32::try_from(*bp).unwrap_or(0))
    }
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    v: Validation,
    flash: Option<String>,
) -> AppResult<Response> {
    let i = ops::view(&state.db, ctx, id).await?;
    let targets = if i.may_use {
        uses::targets(&state.db, ctx, id).await?
    } else {
        Vec::new()
    };
    Ok(render(
        super::form_status(&v, false),
        &ShowPage {
            l: Layout::new(ctx, "initiatives").with_flash(flash),
            i,
            targets,
            v,
        },
    ))
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<Flash>,
) -> AppResult<Response> {
    page(&state, &ctx, &id, Validation::new(), q.ok).await
}

/// Runs a step (withdraw, send to the council) from a button with the version read.
async fn step(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    event: Event,
    f: &HashMap<String, String>,
    ok: &str,
) -> AppResult<Response> {
    let version = f.get("version").map(|v| version_of(v));
    ops::step(&state.db, ctx, id, event, version).await?;
    Ok(see_other(&format!("/initiatives/{id}"), ok))
}

async fn withdraw(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    step(&state, &ctx, &id, Event::Withdraw, &f, "Đã rút sáng kiến.").await
}

async fn send(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    step(
        &state,
        &ctx,
        &id,
        Event::SendToCouncil,
        &f,
        "Đã gửi sáng kiến ra Hội đồng sáng kiến xét công nhận.",
    )
    .await
}

async fn use_as_basis(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    // The select carries `type:id`.
    let (target_type, target_id) = f
        .get("target")
        .and_then(|t| t.split_once(':'))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .unwrap_or_default();
    let input = UseInput {
        target_type,
        target_id,
    };
    match uses::use_as_basis(&state.db, &ctx, &id, &input)
        .await
        .map_err(AppError::from)
    {
        Ok(u) => Ok(see_other(
            &format!("/initiatives/{id}"),
            &format!("Đã ghi sáng kiến là căn cứ cho {}.", u.label),
        )),
        Err(AppError::Invalid(v)) => page(&state, &ctx, &id, v, None).await,
        Err(e) => Err(e),
    }
}

async fn add_files(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: Multipart,
) -> AppResult<Response> {
    let (_, files) =
        super::campaigns::upload::read_form(form, state.config.max_upload_bytes).await?;
    match ops::add_files(&state.db, state.blobs(), &ctx, &id, &files)
        .await
        .map_err(AppError::from)
    {
        Ok(rows) => Ok(see_other(
            &format!("/initiatives/{id}"),
            &format!("Đã đính kèm {} tệp.", rows.len()),
        )),
        Err(AppError::Invalid(v)) => page(&state, &ctx, &id, v, None).await,
        Err(e) => Err(e),
    }
}

async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(file): Path<String>,
) -> AppResult<Response> {
    let (row, bytes) = ops::file(&state.db, state.blobs(), &ctx, &file).await?;
    Ok(crate::pages::stored_file(
        &row.content_type,
        &row.file_name,
        bytes,
    ))
}
