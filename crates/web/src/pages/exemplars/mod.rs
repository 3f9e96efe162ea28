//! The register of exemplary people and models (*gương điển hình tiên tiến, người tốt việc tốt*): the
//! list a user may see, the form a unit puts one forward with (and changes while it waits), and the
//! exemplar's own page with the office's decisions ([`show`]).

pub(crate) mod show;

use super::{Layout, form_status, render, see_other, unit_options};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::exemplars::{self as ops, ExemplarFilterInput, ExemplarInput, ExemplarList};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use axum_extra::extract::Form;
use serde::Deserialize;
use thidua_domain::Validation;
use thidua_domain::exemplar::{ExemplarKind, ExemplarStatus};
use thidua_domain::policy::Action;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/exemplars", get(list).post(create))
        .route("/exemplars/new", get(new_form))
        .route("/exemplars/{id}/edit", get(edit_form).post(edit))
        .merge(show::routes())
}

/// `(code, label)` of every kind and status, for the filters and the form.
pub fn kinds() -> Vec<(&'static str, &'static str)> {
    ExemplarKind::ALL
        .iter()
        .map(|k| (k.code(), k.label()))
        .collect()
}

pub fn statuses() -> Vec<(&'static str, &'static str)> {
    ExemplarStatus::ALL
        .iter()
        .map(|s| (s.code(), s.label()))
        .collect()
}

#[derive(Template)]
#[template(path = "exemplars/list.html")]
struct ListPage {
    l: Layout,
    f: ExemplarFilterInput,
    list: ExemplarList,
    /// The filters as a query string, to keep them across pages.
    query: String,
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(f): Query<ExemplarFilterInput>,
    Query(flash): Query<super::Flash>,
) -> AppResult<Response> {
    let list = ops::list(&state.db, &ctx, &f).await?;
    let query = filter_query(&f);
    let l = Layout::new(&ctx, "exemplars").with_flash(flash.ok);
    Ok(render(
        axum::http::StatusCode::OK,
        &ListPage { l, f, list, query },
    ))
}

/// The register's filters as a query string (without the page).
fn filter_query(f: &ExemplarFilterInput) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    for (k, v) in [
        ("q", f.q.clone()),
        ("status", f.status.clone()),
        ("kind", f.kind.clone()),
        ("campaign_id", f.campaign_id.clone()),
        ("year", f.year.clone()),
        ("quarter", f.quarter.clone()),
    ] {
        if !v.trim().is_empty() {
            q.append_pair(k, v.trim());
        }
    }
    q.finish()
}

#[derive(Template)]
#[template(path = "exemplars/form.html")]
struct FormPage {
    l: Layout,
    /// `None` for a new exemplar.
    id: Option<String>,
    i: ExemplarInput,
    v: Validation,
    conflict: bool,
    units: Vec<(String, String)>,
    campaigns: Vec<(String, String)>,
    /// People of the chosen unit, for a person exemplar's record.
    people: Vec<(String, String)>,
}

impl FormPage {
    async fn new(
        state: &AppState,
        ctx: &Ctx,
        id: Option<String>,
        i: ExemplarInput,
        v: Validation,
    ) -> AppResult<FormPage> {
        let units = unit_options(state, ctx, |_| true).await?;
        let launched = Some(thidua_domain::campaign::CampaignStatus::Launched);
        let campaigns = crate::ops::campaigns::list(&state.db, ctx, None, launched, None)
            .await?
            .into_iter()
            .map(|c| (c.id, c.title))
            .collect();
        let people = if i.unit_id.trim().is_empty() {
            Vec::new()
        } else {
            crate::ops::persons::search(&state.db, ctx, Some(i.unit_id.trim()), None, 500, 0)
                .await
                .map(|p| p.rows.into_iter().map(|r| (r.id, r.full_name)).collect())
                .unwrap_or_default()
        };
        Ok(FormPage {
            l: Layout::new(ctx, "exemplars"),
            id,
            i,
            v,
            conflict: false,
            units,
            campaigns,
            people,
        })
    }
}

#[derive(Debug, Default, Deserialize)]
struct NewQuery {
    unit_id: Option<String>,
    campaign_id: Option<String>,
}

async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NewQuery>,
) -> AppResult<Response> {
    // Only those who do a unit's work put exemplars forward.
    if !ctx.can(Action::CampaignWork {
        org_id: ctx.org_id(),
        unit_path: ctx.actor.read_scope().unwrap_or("/"),
    }) {
        return Err(AppError::Forbidden);
    }
    let i = ExemplarInput {
        unit_id: q.unit_id.unwrap_or_default(),
        campaign_id: q.campaign_id.unwrap_or_default(),
        kind: "person".into(),
        ..Default::default()
    };
    let page = FormPage::new(&state, &ctx, None, i, Validation::new()).await?;
    Ok(render(axum::http::StatusCode::OK, &page))
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(i): Form<ExemplarInput>,
) -> AppResult<Response> {
    match ops::put_forward(&state.db, &ctx, &i)
        .await
        .map_err(AppError::from)
    {
        Ok(row) => Ok(see_other(
            &format!("/exemplars/{}", row.id),
            "Đã giới thiệu gương; Thường trực sẽ xem xét.",
        )),
        Err(AppError::Invalid(v)) => {
            let page = FormPage::new(&state, &ctx, None, i, v).await?;
            Ok(render(form_status(&page.v, false), &page))
        }
        Err(e) => Err(e),
    }
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let d = ops::detail(&state.db, &ctx, &id).await?;
    if !d.can_work {
        return Err(AppError::Forbidden);
    }
    let e = d.exemplar;
    let i = ExemplarInput {
        unit_id: e.unit_id,
        kind: e.kind,
        name: e.name,
        headline: e.headline,
        story: e.story,
        person_id: e.person_id.unwrap_or_default(),
        campaign_id: e.campaign_id.unwrap_or_default(),
        version: Some(e.version),
    };
    let page = FormPage::new(&state, &ctx, Some(id), i, Validation::new()).await?;
    Ok(render(axum::http::StatusCode::OK, &page))
}

async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(i): Form<ExemplarInput>,
) -> AppResult<Response> {
    match ops::edit(&state.db, &ctx, &id, &i)
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(&format!("/exemplars/{id}"), "Đã lưu thay đổi.")),
        Err(AppError::Invalid(v)) => {
            let page = FormPage::new(&state, &ctx, Some(id), i, v).await?;
            Ok(render(form_status(&page.v, false), &page))
        }
        Err(AppError::Conflict) => {
            let mut page = FormPage::new(&state, &ctx, Some(id), i, Validation::new()).await?;
            page.conflict = true;
            Ok(render(form_status(&page.v, true), &page))
        }
        Err(e) => Err(e),
    }
}

/// A stored ISO date shown as `dd/mm/yyyy`.
pub fn vn<S: AsRef<str>>(iso: S) -> String {
    thidua_domain::date::iso_to_vn(iso.as_ref())
}
