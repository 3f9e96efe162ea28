//! Pages of the organisation tree: list and search, show, create, edit, rename, merge, split.

mod change;
mod form;

use super::{Flash, Layout, render};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::ops::units as ops;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use change::{merge, merge_form, rename, rename_form, split, split_form};
use form::{create, edit_form, new_form, update};
use serde::Deserialize;
use std::collections::HashMap;
use thidua_app::model::{CodeName, UnitRow};
use thidua_app::unit_views::{self, ChangeLink, UnitDetails};
use thidua_domain::date::iso_to_vn;
use thidua_domain::policy::Action;
use thidua_domain::unit_change::UnitChangeKind;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/units", get(list).post(create))
        .route("/units/new", get(new_form))
        .route("/units/merge", get(merge_form).post(merge))
        .route("/units/{id}", get(show).post(update))
        .route("/units/{id}/edit", get(edit_form))
        .route("/units/{id}/head", axum::routing::post(set_head))
        .route("/units/{id}/rename", get(rename_form).post(rename))
        .route("/units/{id}/split", get(split_form).post(split))
}

pub struct UnitLine {
    pub id: String,
    pub depth: usize,
    pub name: String,
    pub code: String,
    pub kind: String,
    pub level: String,
    pub validity: String,
    pub closed: bool,
}

#[derive(Template)]
#[template(path = "units/list.html")]
struct ListPage {
    l: Layout,
    q: String,
    include_closed: bool,
    rows: Vec<UnitLine>,
    can_create: bool,
    can_restructure: bool,
}

#[derive(Deserialize, Default)]
struct ListQuery {
    q: Option<String>,
    closed: Option<String>,
    ok: Option<String>,
}

/// Names of kinds and levels by code, to show data codes in Vietnamese.
async fn labels(state: &AppState) -> AppResult<(HashMap<String, String>, HashMap<String, String>)> {
    let (kinds, levels) = unit_views::kinds_and_levels(&state.db).await?;
    let by_code = |list: Vec<CodeName>| list.into_iter().map(|k| (k.code, k.name)).collect();
    Ok((by_code(kinds), by_code(levels)))
}

fn validity(u: &UnitRow) -> String {
    match &u.valid_to {
        Some(to) => format!("{} – {}", iso_to_vn(&u.valid_from), iso_to_vn(to)),
        None => format!("từ {}", iso_to_vn(&u.valid_from)),
    }
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    ctx.authorize(Action::UseApp {
        org_id: ctx.org_id(),
    })?;
    let include_closed = q.closed.is_some();
    let tree = ops::tree(&state.db, &ctx, q.q.as_deref(), include_closed).await?;
    let (kinds, levels) = labels(&state).await?;
    let rows = tree
        .into_iter()
        .map(|(depth, u)| UnitLine {
            depth: depth.min(6),
            kind: kinds.get(&u.kind).cloned().unwrap_or_default(),
            level: levels.get(&u.level).cloned().unwrap_or_default(),
            validity: validity(&u),
            closed: u.valid_to.is_some(),
            id: u.id,
            name: u.name,
            code: u.code,
        })
        .collect();
    let can_create = ctx.can(Action::CreateUnit {
        org_id: ctx.org_id(),
        parent_path: ctx.actor.read_scope(),
    });
    let can_restructure = ctx.can(Action::RestructureUnits {
        org_id: ctx.org_id(),
    });
    Ok(render(
        StatusCode::OK,
        &ListPage {
            l: Layout::new(&ctx, "units").with_flash(q.ok),
            q: q.q.unwrap_or_default(),
            include_closed,
            rows,
            can_create,
            can_restructure,
        },
    ))
}

pub struct ChangeLine {
    pub date: String,
    pub kind: String,
    pub from_id: String,
    pub from_name: String,
    pub to_id: String,
    pub to_name: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "units/show.html")]
struct ShowPage {
    l: Layout,
    u: UnitRow,
    kind: String,
    level: String,
    validity: String,
    closed: bool,
    /// The first day the unit no longer exists (the change's effective date).
    closed_from: String,
    successor: Option<(String, String)>,
    ancestors: Vec<(String, String)>,
    former_names: Vec<(String, String)>,
    changes: Vec<ChangeLine>,
    children: Vec<(String, String)>,
    person_count: i64,
    can_edit: bool,
    can_create: bool,
    can_restructure: bool,
    can_edit_people: bool,
    /// The unit's head, told by mail when the unit stays late.
    head: Option<thidua_app::model::UnitHeadRow>,
    /// The head form as sent, with its problems, when it was refused.
    head_retry: Option<(HeadForm, thidua_domain::Validation)>,
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(flash): Query<Flash>,
) -> AppResult<Response> {
    let (kinds, levels) = labels(&state).await?;
    let d = unit_views::details(&state.db, &ctx, &id).await?;
    let mut page = show_page(&ctx, d, &kinds, &levels, flash.ok);
    page.head = thidua_app::mailing::heads::get(&state.db, &ctx, &id).await?;
    Ok(render(StatusCode::OK, &page))
}

#[derive(Deserialize, Default, Clone)]
struct HeadForm {
    #[serde(default)]
    head_name: String,
    #[serde(default)]
    head_email: String,
}

async fn set_head(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    axum::extract::Form(f): axum::extract::Form<HeadForm>,
) -> AppResult<Response> {
    let done =
        thidua_app::mailing::heads::set(&state.db, &ctx, &id, &f.head_name, &f.head_email).await;
    match done.map_err(crate::error::AppError::from) {
        Ok(()) => Ok(super::see_other(
            &format!("/units/{id}#thu-truong"),
            "Đã lưu thủ trưởng đơn vị.",
        )),
        Err(crate::error::AppError::Invalid(v)) => {
            let (kinds, levels) = labels(&state).await?;
            let d = unit_views::details(&state.db, &ctx, &id).await?;
            let mut page = show_page(&ctx, d, &kinds, &levels, None);
            page.head_retry = Some((f, v));
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(e) => Err(e),
    }
}

/// A merge or split as the unit's page lists it.
fn change_line(c: ChangeLink) -> ChangeLine {
    ChangeLine {
        date: iso_to_vn(&c.effective_on),
        kind: UnitChangeKind::parse(&c.kind)
            .map(|k| k.label().to_string())
            .unwrap_or(c.kind),
        from_id: c.from_unit_id,
        from_name: c.from_name,
        to_id: c.to_unit_id,
        to_name: c.to_name,
        note: c.note.unwrap_or_default(),
    }
}

/// The unit's page from what [`unit_views::details`] read.
fn show_page(
    ctx: &Ctx,
    d: UnitDetails,
    kinds: &HashMap<String, String>,
    levels: &HashMap<String, String>,
    flash: Option<String>,
) -> ShowPage {
    let u = d.unit;
    let org = ctx.org_id();
    ShowPage {
        l: Layout::new(ctx, "units").with_flash(flash),
        kind: kinds.get(&u.kind).cloned().unwrap_or_default(),
        level: levels.get(&u.level).cloned().unwrap_or_default(),
        validity: validity(&u),
        closed: u.valid_to.is_some(),
        closed_from: u
            .valid_to
            .as_deref()
            .and_then(thidua_domain::date::parse)
            .and_then(|d| d.next_day())
            .map(thidua_domain::date::vn)
            .unwrap_or_default(),
        successor: d.successor,
        ancestors: d.ancestors,
        former_names: d
            .former_names
            .into_iter()
            .map(|n| (n.name, iso_to_vn(&n.valid_to)))
            .collect(),
        changes: d
            .changes
            .into_iter()
            .filter(|c| c.kind != "rename")
            .map(change_line)
            .collect(),
        children: d.children,
        person_count: d.person_count,
        can_edit: ctx.can(Action::EditUnit {
            org_id: org,
            unit_path: &u.path,
        }),
        can_create: ctx.can(Action::CreateUnit {
            org_id: org,
            parent_path: Some(&u.path),
        }),
        can_restructure: ctx.can(Action::RestructureUnits { org_id: org }),
        can_edit_people: ctx.can(Action::EditPerson {
            org_id: org,
            unit_path: &u.path,
        }),
        u,
        head: None,
        head_retry: None,
    }
}
