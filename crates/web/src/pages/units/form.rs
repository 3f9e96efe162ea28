//! The form of a unit: add one, edit one.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::units as ops;
use crate::pages::{Layout, render, see_other, version_of};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use thidua_app::model::CodeName;
use thidua_app::unit_views;
use thidua_domain::Validation;
use thidua_domain::date::iso_to_vn;
use thidua_domain::org::UnitInput;
use thidua_domain::policy::Action;

#[derive(Deserialize, Default, Clone)]
pub(super) struct UnitForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    short_name: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    parent_id: String,
    #[serde(default)]
    valid_from: String,
    #[serde(default)]
    version: String,
}

impl UnitForm {
    fn input(&self) -> UnitInput {
        UnitInput {
            code: self.code.clone(),
            name: self.name.clone(),
            short_name: self.short_name.clone(),
            kind: self.kind.clone(),
            level: self.level.clone(),
            parent_id: self.parent_id.clone(),
            valid_from: self.valid_from.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "units/form.html")]
struct FormPage {
    l: Layout,
    heading: String,
    action: String,
    cancel: String,
    version: String,
    f: UnitForm,
    v: Validation,
    conflict: bool,
    kinds: Vec<CodeName>,
    levels: Vec<CodeName>,
    parents: Vec<(String, String)>,
}

#[allow(clippy::too_many_arguments)] // the form page is re-rendered from several handlers with these pieces
async fn form_page(
    state: &AppState,
    ctx: &Ctx,
    heading: &str,
    action: String,
    cancel: String,
    f: UnitForm,
    v: Validation,
    conflict: bool,
    exclude: Option<&str>,
) -> AppResult<Response> {
    let (kinds, levels) = unit_views::kinds_and_levels(&state.db).await?;
    let parents = crate::pages::unit_options(state, ctx, |u| {
        exclude.is_none_or(|p| !u.path.starts_with(p))
    })
    .await?;
    let status = crate::pages::form_status(&v, conflict);
    let version = f.version.clone();
    Ok(render(
        status,
        &FormPage {
            l: Layout::new(ctx, "units"),
            heading: heading.into(),
            action,
            cancel,
            version,
            f,
            v,
            conflict,
            kinds,
            levels,
            parents,
        },
    ))
}

#[derive(Deserialize, Default)]
pub(super) struct NewQuery {
    parent: Option<String>,
}

pub(super) async fn new_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NewQuery>,
) -> AppResult<Response> {
    // Only those who may create units somewhere in their scope get the form.
    ctx.authorize(Action::CreateUnit {
        org_id: ctx.org_id(),
        parent_path: ctx.actor.read_scope(),
    })?;
    let f = UnitForm {
        parent_id: q.parent.unwrap_or_default(),
        valid_from: ops::default_valid_from(),
        level: "commune".into(),
        ..Default::default()
    };
    form_page(
        &state,
        &ctx,
        "Thêm đơn vị",
        "/units".into(),
        "/units".into(),
        f,
        Validation::new(),
        false,
        None,
    )
    .await
}

pub(super) async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<UnitForm>,
) -> AppResult<Response> {
    match ops::create(&state.db, &ctx, &f.input())
        .await
        .map_err(AppError::from)
    {
        Ok(u) => Ok(see_other(
            &format!("/units/{}", u.id),
            &format!("Đã thêm đơn vị {}.", u.name),
        )),
        Err(AppError::Invalid(v)) => {
            form_page(
                &state,
                &ctx,
                "Thêm đơn vị",
                "/units".into(),
                "/units".into(),
                f,
                v,
                false,
                None,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

pub(super) async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let u = unit_views::get(&state.db, &ctx, &id).await?;
    ctx.authorize(Action::EditUnit {
        org_id: ctx.org_id(),
        unit_path: &u.path,
    })?;
    let f = UnitForm {
        code: u.code,
        name: u.name,
        short_name: u.short_name.unwrap_or_default(),
        kind: u.kind,
        level: u.level,
        parent_id: u.parent_id.unwrap_or_default(),
        valid_from: iso_to_vn(&u.valid_from),
        version: u.version.to_string(),
    };
    form_page(
        &state,
        &ctx,
        "Sửa đơn vị",
        format!("/units/{id}"),
        format!("/units/{id}"),
        f,
        Validation::new(),
        false,
        Some(&u.path),
    )
    .await
}

pub(super) async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<UnitForm>,
) -> AppResult<Response> {
    match ops::update(&state.db, &ctx, &id, version_of(&f.version), &f.input())
        .await
        .map_err(AppError::from)
    {
        Ok(u) => Ok(see_other(&format!("/units/{}", u.id), "Đã lưu thay đổi.")),
        Err(AppError::Invalid(v)) => {
            form_page(
                &state,
                &ctx,
                "Sửa đơn vị",
                format!("/units/{id}"),
                format!("/units/{id}"),
                f,
                v,
                false,
                None,
            )
            .await
        }
        Err(AppError::Conflict) => {
            form_page(
                &state,
                &ctx,
                "Sửa đơn vị",
                format!("/units/{id}"),
                format!("/units/{id}"),
                f,
                Validation::new(),
                true,
                None,
            )
            .await
        }
        Err(e) => Err(e),
    }
}
