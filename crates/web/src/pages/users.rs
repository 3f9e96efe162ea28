//! Administration of accounts: list, create, edit role, scope, password, lock.

use super::{Layout, render, see_other, version_of};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::users::{self as ops, UserInput};
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::HashMap;
use thidua_domain::Validation;
use thidua_domain::policy::{Action, Role};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/users", get(list).post(create))
        .route("/users/new", get(new_form))
        .route("/users/{id}", axum::routing::post(update))
        .route("/users/{id}/edit", get(edit_form))
}

pub struct UserLine {
    pub id: String,
    pub username: String,
    pub full_name: String,
    pub role: &'static str,
    pub scope: String,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "users/list.html")]
struct ListPage {
    l: Layout,
    rows: Vec<UserLine>,
}

async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    axum::extract::Query(flash): axum::extract::Query<super::Flash>,
) -> AppResult<Response> {
    ctx.authorize(Action::ManageUsers {
        org_id: ctx.org_id(),
    })?;
    let names: HashMap<String, String> = crate::ops::units::tree(&state.db, &ctx, None, true)
        .await?
        .into_iter()
        .map(|(_, u)| (u.id, u.name))
        .collect();
    let rows = ops::list(&state.db, &ctx).await?;
    let rows = rows
        .into_iter()
        .map(|u| UserLine {
            role: Role::parse(&u.role).map(Role::label).unwrap_or(""),
            scope: u
                .scope_unit_id
                .as_ref()
                .and_then(|s| names.get(s).cloned())
                .unwrap_or_else(|| "Toàn bộ tổ chức".into()),
            id: u.id,
            username: u.username,
            full_name: u.full_name,
            active: u.active,
        })
        .collect();
    Ok(render(
        StatusCode::OK,
        &ListPage {
            l: Layout::new(&ctx, "users").with_flash(flash.ok),
            rows,
        },
    ))
}

#[derive(Deserialize, Default, Clone)]
struct UserForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    scope_unit_id: String,
    #[serde(default)]
    password: String,
    active: Option<String>,
    #[serde(default)]
    version: String,
}

impl UserForm {
    fn input(&self, creating: bool) -> UserInput {
        UserInput {
            username: self.username.clone(),
            full_name: self.full_name.clone(),
            role: self.role.clone(),
            scope_unit_id: self.scope_unit_id.clone(),
            password: self.password.clone(),
            active: creating || self.active.is_some(),
        }
    }
}

#[derive(Template)]
#[template(path = "users/form.html")]
struct FormPage {
    l: Layout,
    heading: &'static str,
    action: String,
    creating: bool,
    f: UserForm,
    v: Validation,
    conflict: bool,
    roles: Vec<(&'static str, &'static str)>,
    units: Vec<(String, String)>,
}

async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    creating: bool,
    action: String,
    mut f: UserForm,
    v: Validation,
    conflict: bool,
) -> AppResult<Response> {
    f.password.clear();
    let units = super::unit_options(state, ctx, |_| true).await?;
    let roles = Role::ALL.iter().map(|r| (r.code(), r.label())).collect();
    let status = super::form_status(&v, conflict);
    let heading = if creating {
        "Thêm người dùng"
    } else {
        "Sửa người dùng"
    };
    Ok(render(
        status,
        &FormPage {
            l: Layout::new(ctx, "users"),
            heading,
            action,
            creating,
            f,
            v,
            conflict,
            roles,
            units,
        },
    ))
}

async fn new_form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.authorize(Action::ManageUsers {
        org_id: ctx.org_id(),
    })?;
    form_page(
        &state,
        &ctx,
        true,
        "/users".into(),
        UserForm::default(),
        Validation::new(),
        false,
    )
    .await
}

async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<UserForm>,
) -> AppResult<Response> {
    match ops::create(&state.db, &ctx, &f.input(true))
        .await
        .map_err(AppError::from)
    {
        Ok(u) => Ok(see_other(
            "/users",
            &format!("Đã thêm người dùng {}.", u.username),
        )),
        Err(AppError::Invalid(v)) => {
            form_page(&state, &ctx, true, "/users".into(), f, v, false).await
        }
        Err(e) => Err(e),
    }
}

async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    ctx.authorize(Action::ManageUsers {
        org_id: ctx.org_id(),
    })?;
    let u = ops::get(&state.db, &ctx, &id).await?;
    let f = UserForm {
        username: u.username,
        full_name: u.full_name,
        role: u.role,
        scope_unit_id: u.scope_unit_id.unwrap_or_default(),
        password: String::new(),
        active: u.active.then(|| "1".into()),
        version: u.version.to_string(),
    };
    form_page(
        &state,
        &ctx,
        false,
        format!("/users/{id}"),
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
    Form(f): Form<UserForm>,
) -> AppResult<Response> {
    match ops::update(
        &state.db,
        &ctx,
        &id,
        version_of(&f.version),
        &f.input(false),
    )
    .await
    .map_err(AppError::from)
    {
        Ok(u) => Ok(see_other(
            "/users",
            &format!("Đã lưu tài khoản {}.", u.username),
        )),
        Err(AppError::Invalid(v)) => {
            form_page(&state, &ctx, false, format!("/users/{id}"), f, v, false).await
        }
        Err(AppError::Conflict) => {
            form_page(
                &state,
                &ctx,
                false,
                format!("/users/{id}"),
                f,
                Validation::new(),
                true,
            )
            .await
        }
        Err(e) => Err(e),
    }
}
