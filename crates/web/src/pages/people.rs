//! Pages of people: list and search without diacritics, show, create, edit.

use super::{Flash, Layout, render, see_other, version_of};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::persons as ops;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum_extra::extract::Form;
use serde::Deserialize;
use thidua_app::model::PersonRow;
use thidua_domain::Validation;
use thidua_domain::date::iso_to_vn;
use thidua_domain::person::{Gender, PersonInput, PersonKind};
use thidua_domain::policy::Action;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/people", get(list).post(create))
        .route("/people/new", get(new_form))
        .route("/people/{id}", get(show).post(update))
        .route("/people/{id}/edit", get(edit_form))
}

const PAGE: i64 = 50;

pub struct PersonLine {
    pub id: String,
    pub full_name: String,
    pub gender: String,
    pub birth_date: String,
    pub position: String,
    pub kind: String,
    pub direct_worker: bool,
    pub unit_id: String,
    pub unit_name: String,
}

#[derive(Template)]
#[template(path = "people/list.html")]
struct ListPage {
    l: Layout,
    q: String,
    unit: String,
    unit_name: Option<String>,
    total: i64,
    offset: i64,
    rows: Vec<PersonLine>,
    prev: Option<String>,
    next: Option<String>,
    can_create: bool,
}

#[derive(Deserialize, Default)]
struct ListQuery {
    q: Option<String>,
    unit: Option<String>,
    page: Option<i64>,
    ok: Option<String>,
}

fn gender_label(code: &str) -> String {
    Gender::parse(code)
        .map(|g| g.label().to_string())
        .unwrap_or_default()
}

fn kind_label(code: &str) -> String {
    PersonKind::parse(code)
        .map(|k| k.label().to_string())
        .unwrap_or_default()
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    ctx.authorize(Action::UseApp {
        org_id: ctx.org_id(),
    })?;
    let unit = q.unit.clone().filter(|u| !u.is_empty());
    let page = q.page.unwrap_or(0).max(0);
    let found = ops::search(
        &state.db,
        &ctx,
        unit.as_deref(),
        q.q.as_deref().filter(|s| !s.trim().is_empty()),
        PAGE,
        page * PAGE,
    )
    .await?;
    let (unit_name, total, rows) = (found.unit_name, found.total, found.rows);
    let link = |p: i64| {
        let mut s = format!("/people?page={p}");
        if let Some(u) = &unit {
            s.push_str(&format!("&unit={u}"));
        }
        if let Some(text) = &q.q {
            s.push_str("&q=");
            s.extend(form_urlencoded::byte_serialize(text.as_bytes()));
        }
        s
    };
    let rows: Vec<PersonLine> = rows
        .into_iter()
        .map(|p| PersonLine {
            gender: gender_label(&p.gender),
            birth_date: p.birth_date.as_deref().map(iso_to_vn).unwrap_or_default(),
            position: p.position.unwrap_or_default(),
            kind: kind_label(&p.kind),
            direct_worker: p.direct_worker,
            id: p.id,
            full_name: p.full_name,
            unit_id: p.unit_id,
            unit_name: p.unit_name,
        })
        .collect();
    let next = ((page + 1) * PAGE < total).then(|| link(page + 1));
    let prev = (page > 0).then(|| link(page - 1));
    let can_create = ctx.can(Action::ImportPeople {
        org_id: ctx.org_id(),
    });
    Ok(render(
        StatusCode::OK,
        &ListPage {
            l: Layout::new(&ctx, "people").with_flash(q.ok),
            q: q.q.unwrap_or_default(),
            unit: unit.unwrap_or_default(),
            unit_name,
            total,
            offset: page * PAGE,
            rows,
            prev,
            next,
            can_create,
        },
    ))
}

#[derive(Deserialize, Default, Clone)]
struct PersonForm {
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    gender: String,
    #[serde(default)]
    birth_date: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    kind: String,
    direct_worker: Option<String>,
    #[serde(default)]
    unit_id: String,
    #[serde(default)]
    version: String,
}

impl PersonForm {
    fn input(&self) -> PersonInput {
        PersonInput {
            full_name: self.full_name.clone(),
            gender: self.gender.clone(),
            birth_date: self.birth_date.clone(),
            position: self.position.clone(),
            kind: self.kind.clone(),
            direct_worker: self.direct_worker.is_some(),
            unit_id: self.unit_id.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "people/form.html")]
struct FormPage {
    l: Layout,
    heading: &'static str,
    action: String,
    cancel: String,
    f: PersonForm,
    v: Validation,
    conflict: bool,
    kinds: Vec<(&'static str, &'static str)>,
    units: Vec<(String, String)>,
}

#[allow(clippy::too_many_arguments)] // the form page is re-rendered from several handlers with these pieces
async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    heading: &'static str,
    action: String,
    cancel: String,
    f: PersonForm,
    v: Validation,
    conflict: bool,
) -> AppResult<Response> {
    let units = super::unit_options(state, ctx, |u| {
        ctx.can(Action::EditPerson {
            org_id: ctx.org_id(),
            unit_path: &u.path,
        })
    })
    .await?;
    let kinds = PersonKind::ALL
        .iter()
        .map(|k| (k.code(), k.label()))
        .collect();
    let status = super::form_status(&v, conflict);
    Ok(render(
        status,
        &FormPage {
            l: Layout::new(ctx, "people"),
            heading,
            action,
            cancel,
            f,
            v,
            conflict,
            kinds,
            units,
        },
    ))
}

#[derive(Deserialize, Default)]
struct NewQuery {
    unit: Option<String>,
}

async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NewQuery>,
) -> AppResult<Response> {
    ctx.authorize(Action::ImportPeople {
        org_id: ctx.org_id(),
    })?;
    let f = PersonForm {
        unit_id: q.unit.unwrap_or_default(),
        kind: "civil_servant".into(),
        ..Default::default()
    };
    form_page(
        &state,
        &ctx,
        "Thêm cá nhân",
        "/people".into(),
        "/people".into(),
        f,
        Validation::new(),
        false,
    )
    .await
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<PersonForm>,
) -> AppResult<Response> {
    match ops::create(&state.db, &ctx, &f.input())
        .await
        .map_err(AppError::from)
    {
        Ok(p) => Ok(see_other(
            &format!("/people/{}", p.id),
            &format!("Đã thêm {}.", p.full_name),
        )),
        Err(AppError::Invalid(v)) => {
            form_page(
                &state,
                &ctx,
                "Thêm cá nhân",
                "/people".into(),
                "/people".into(),
                f,
                v,
                false,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "people/show.html")]
struct ShowPage {
    l: Layout,
    p: PersonRow,
    unit_name: String,
    gender: String,
    birth_date: String,
    position: String,
    kind: String,
    can_edit: bool,
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(flash): Query<Flash>,
) -> AppResult<Response> {
    let (p, unit_name) = ops::get_with_unit(&state.db, &ctx, &id).await?;
    let page = ShowPage {
        l: Layout::new(&ctx, "people").with_flash(flash.ok),
        unit_name,
        gender: gender_label(&p.gender),
        birth_date: p
            .birth_date
            .as_deref()
            .map(iso_to_vn)
            .unwrap_or_else(|| "—".into()),
        position: p.position.clone().unwrap_or_else(|| "—".into()),
        kind: kind_label(&p.kind),
        can_edit: ctx.can(Action::EditPerson {
            org_id: ctx.org_id(),
            unit_path: &p.unit_path,
        }),
        p,
    };
    Ok(render(StatusCode::OK, &page))
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let p = ops::get(&state.db, &ctx, &id).await?;
    ctx.authorize(Action::EditPerson {
        org_id: ctx.org_id(),
        unit_path: &p.unit_path,
    })?;
    let f = PersonForm {
        full_name: p.full_name,
        gender: p.gender,
        birth_date: p.birth_date.as_deref().map(iso_to_vn).unwrap_or_default(),
        position: p.position.unwrap_or_default(),
        kind: p.kind,
        direct_worker: p.direct_worker.then(|| "1".into()),
        unit_id: p.unit_id,
        version: p.version.to_string(),
    };
    form_page(
        &state,
        &ctx,
        "Sửa thông tin cá nhân",
        format!("/people/{id}"),
        format!("/people/{id}"),
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
    Form(f): Form<PersonForm>,
) -> AppResult<Response> {
    match ops::update(&state.db, &ctx, &id, version_of(&f.version), &f.input())
        .await
        .map_err(AppError::from)
    {
        Ok(p) => Ok(see_other(&format!("/people/{}", p.id), "Đã lưu thay đổi.")),
        Err(AppError::Invalid(v)) => {
            form_page(
                &state,
                &ctx,
                "Sửa thông tin cá nhân",
                format!("/people/{id}"),
                format!("/people/{id}"),
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
                "Sửa thông tin cá nhân",
                format!("/people/{id}"),
                format!("/people/{id}"),
                f,
                Validation::new(),
                true,
            )
            .await
        }
        Err(e) => Err(e),
    }
}
