//! Pages of clusters and blocks by year.

use super::{Layout, render, see_other, version_of};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::clusters as ops;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::HashMap;
use thidua_app::model::{ClusterRow, Member};
use thidua_domain::Validation;
use thidua_domain::org::{ClusterInput, ClusterKind};
use thidua_domain::policy::Action;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/clusters", get(list).post(create))
        .route("/clusters/new", get(new_form))
        .route("/clusters/{id}", axum::routing::post(update))
        .route("/clusters/{id}/edit", get(edit_form))
}

pub struct ClusterView {
    pub id: String,
    pub kind: &'static str,
    pub name: String,
    pub leader_label: &'static str,
    pub deputy_label: &'static str,
    pub leader: String,
    pub deputy: String,
    pub members: Vec<Member>,
}

#[derive(Template)]
#[template(path = "clusters/list.html")]
struct ListPage {
    l: Layout,
    year: i64,
    years: Vec<i64>,
    rows: Vec<ClusterView>,
    can_manage: bool,
}

#[derive(Deserialize, Default)]
struct ListQuery {
    year: Option<i64>,
    ok: Option<String>,
}

/// A cluster as the list shows it: kind, leader and deputy named, members.
fn cluster_view(c: ClusterRow, members: Vec<Member>) -> ClusterView {
    let names: HashMap<&str, &str> = members
        .iter()
        .map(|m| (m.unit_id.as_str(), m.unit_name.as_str()))
        .collect();
    let name_of = |id: &Option<String>| {
        id.as_deref()
            .and_then(|i| names.get(i).map(|n| n.to_string()))
            .unwrap_or_else(|| "chưa bầu".into())
    };
    let kind = ClusterKind::parse(&c.kind).unwrap_or(ClusterKind::Cluster);
    let block = kind == ClusterKind::Block;
    let leader = name_of(&c.leader_unit_id);
    let deputy = name_of(&c.deputy_unit_id);
    ClusterView {
        leader,
        deputy,
        id: c.id,
        kind: kind.label(),
        name: c.name,
        leader_label: if block {
            "Khối trưởng"
        } else {
            "Cụm trưởng"
        },
        deputy_label: if block { "Khối phó" } else { "Cụm phó" },
        members,
    }
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    ctx.authorize(Action::ViewClusters {
        org_id: ctx.org_id(),
    })?;
    let this_year = i64::from(crate::ops::today().year());
    let year = q.year.unwrap_or(this_year);
    let mut years = ops::years(&state.db, &ctx).await?;
    for y in [this_year, year] {
        if !years.contains(&y) {
            years.push(y);
        }
    }
    years.sort_unstable_by(|a, b| b.cmp(a));
    let rows = ops::with_members(&state.db, &ctx, Some(year))
        .await?
        .into_iter()
        .map(|(c, members)| cluster_view(c, members))
        .collect();
    let can_manage = ctx.can(Action::ManageClusters {
        org_id: ctx.org_id(),
    });
    Ok(render(
        StatusCode::OK,
        &ListPage {
            l: Layout::new(&ctx, "clusters").with_flash(q.ok),
            year,
            years,
            rows,
            can_manage,
        },
    ))
}

#[derive(Deserialize, Default, Clone)]
struct ClusterForm {
    #[serde(default)]
    year: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    leader_unit_id: String,
    #[serde(default)]
    deputy_unit_id: String,
    #[serde(default)]
    member_ids: Vec<String>,
    #[serde(default)]
    version: String,
}

impl ClusterForm {
    fn input(&self) -> ClusterInput {
        ClusterInput {
            year: self.year.clone(),
            kind: self.kind.clone(),
            name: self.name.clone(),
            leader_unit_id: self.leader_unit_id.clone(),
            deputy_unit_id: self.deputy_unit_id.clone(),
            member_ids: self.member_ids.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "clusters/form.html")]
struct FormPage {
    l: Layout,
    heading: &'static str,
    action: String,
    f: ClusterForm,
    v: Validation,
    conflict: bool,
    units: Vec<(String, String)>,
}

async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    heading: &'static str,
    action: String,
    f: ClusterForm,
    v: Validation,
    conflict: bool,
) -> AppResult<Response> {
    let units = super::unit_options(state, ctx, |_| true).await?;
    let status = super::form_status(&v, conflict);
    Ok(render(
        status,
        &FormPage {
            l: Layout::new(ctx, "clusters"),
            heading,
            action,
            f,
            v,
            conflict,
            units,
        },
    ))
}

async fn new_form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.authorize(Action::ManageClusters {
        org_id: ctx.org_id(),
    })?;
    let f = ClusterForm {
        year: crate::ops::today().year().to_string(),
        kind: "cluster".into(),
        ..Default::default()
    };
    form_page(
        &state,
        &ctx,
        "Thêm cụm, khối thi đua",
        "/clusters".into(),
        f,
        Validation::new(),
        false,
    )
    .await
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<ClusterForm>,
) -> AppResult<Response> {
    match ops::create(&state.db, &ctx, &f.input())
        .await
        .map_err(AppError::from)
    {
        Ok(c) => Ok(see_other(
            &format!("/clusters?year={}", c.year),
            &format!("Đã thêm {}.", c.name),
        )),
        Err(AppError::Invalid(v)) => {
            form_page(
                &state,
                &ctx,
                "Thêm cụm, khối thi đua",
                "/clusters".into(),
                f,
                v,
                false,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    ctx.authorize(Action::ManageClusters {
        org_id: ctx.org_id(),
    })?;
    let (c, members) = ops::get(&state.db, &ctx, &id).await?;
    let member_ids = members.into_iter().map(|m| m.unit_id).collect();
    let f = ClusterForm {
        year: c.year.to_string(),
        kind: c.kind,
        name: c.name,
        leader_unit_id: c.leader_unit_id.unwrap_or_default(),
        deputy_unit_id: c.deputy_unit_id.unwrap_or_default(),
        member_ids,
        version: c.version.to_string(),
    };
    form_page(
        &state,
        &ctx,
        "Sửa cụm, khối thi đua",
        format!("/clusters/{id}"),
        f,
        Validation::new(),
        false,
    )
    .await
}

async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ClusterForm>,
) -> AppResult<Response> {
    match ops::update(&state.db, &ctx, &id, version_of(&f.version), &f.input())
        .await
        .map_err(AppError::from)
    {
        Ok(c) => Ok(see_other(
            &format!("/clusters?year={}", c.year),
            "Đã lưu thay đổi.",
        )),
        Err(AppError::Invalid(v)) => {
            form_page(
                &state,
                &ctx,
                "Sửa cụm, khối thi đua",
                format!("/clusters/{id}"),
                f,
                v,
                false,
            )
            .await
        }
        Err(AppError::Conflict) => {
            form_page(
                &state,
                &ctx,
                "Sửa cụm, khối thi đua",
                format!("/clusters/{id}"),
                f,
                Validation::new(),
                true,
            )
            .await
        }
        Err(e) => Err(e),
    }
}
