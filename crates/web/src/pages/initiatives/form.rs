//! The form of an initiative: register a new one for a unit, or edit it while its unit proposes it
//! (a stale version is answered 409 with the form as typed).

use super::super::{Layout, render, see_other, version_of};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::initiatives::{self as ops, AuthorInput, InitiativeInput, MAX_AUTHORS};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum_extra::extract::Form;
use std::collections::HashMap;
use thidua_domain::Validation;
use thidua_domain::initiative::share_label;
use thidua_domain::policy::Action;

/// Author rows shown on the form.
const ROWS: usize = 5;

#[derive(Template)]
#[template(path = "initiatives/form.html")]
struct FormPage {
    l: Layout,
    /// The initiative edited, or none for a new one.
    id: Option<String>,
    f: HashMap<String, String>,
    units: Vec<(String, String)>,
    people: Vec<(String, String)>,
    v: Validation,
    conflict: bool,
}

impl FormPage {
    fn val(&self, k: &str) -> String {
        self.f.get(k).cloned().unwrap_or_default()
    }
    fn rows(&self) -> Vec<usize> {
        (1..=ROWS).collect()
    }
    fn author(&self, i: &usize) -> String {
        self.val(&format!("author_{i}"))
    }
    fn share(&self, i: &usize) -> String {
        self.val(&format!("share_{i}"))
    }
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    id: Option<String>,
    f: HashMap<String, String>,
    v: Validation,
    conflict: bool,
) -> AppResult<Response> {
    let units = super::super::unit_options(state, ctx, |u| {
        u.valid_to.is_none()
            && ctx.can(Action::ProposeInitiative {
                org_id: ctx.org_id(),
                unit_path: &u.path,
            })
    })
    .await?;
    let (people, _) = crate::ops::nominations::form_choices(&state.db, ctx, &[]).await?;
    Ok(render(
        super::super::form_status(&v, conflict),
        &FormPage {
            l: Layout::new(ctx, "initiatives"),
            id,
            f,
            units,
            people,
            v,
            conflict,
        },
    ))
}

/// The input of a submitted form.
fn input(f: &HashMap<String, String>) -> InitiativeInput {
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    InitiativeInput {
        unit_id: get("unit_id"),
        name: get("name"),
        field: get("field"),
        applied_on: get("applied_on"),
        description: get("description"),
        research: f.contains_key("research"),
        authors: (1..=ROWS.max(MAX_AUTHORS))
            .map(|i| AuthorInput {
                person_id: get(&format!("author_{i}")),
                share: get(&format!("share_{i}")),
            })
            .collect(),
        version: f.get("version").map(|v| version_of(v)),
    }
}

pub(super) async fn new_form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    if !matches!(
        ctx.role(),
        thidua_domain::policy::Role::Admin
            | thidua_domain::policy::Role::StandingOffice
            | thidua_domain::policy::Role::UnitOfficer
    ) {
        return Err(AppError::Forbidden);
    }
    let mut f = HashMap::new();
    f.insert("share_1".to_string(), "100".to_string());
    page(&state, &ctx, None, f, Validation::new(), false).await
}

pub(super) async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    match ops::register(&state.db, &ctx, &input(&f))
        .await
        .map_err(AppError::from)
    {
        Ok(r) => Ok(see_other(
            &format!("/initiatives/{}", r.id),
            "Đã đăng ký sáng kiến; đơn vị có thể đính kèm tệp, Thường trực Hội đồng sẽ gửi Hội đồng sáng kiến xét.",
        )),
        Err(AppError::Invalid(v)) => page(&state, &ctx, None, f, v, false).await,
        Err(e) => Err(e),
    }
}

pub(super) async fn edit_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let i = ops::view(&state.db, &ctx, &id).await?;
    if !i.may_edit {
        return Err(AppError::Forbidden);
    }
    let r = &i.row;
    let mut f: HashMap<String, String> = [
        ("unit_id", r.unit_id.clone()),
        ("name", r.name.clone()),
        ("field", r.field.clone()),
        ("applied_on", thidua_domain::date::iso_to_vn(&r.applied_on)),
        ("description", r.description.clone()),
        ("version", r.version.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    if r.research {
        f.insert("research".into(), "on".into());
    }
    for (n, a) in i.authors.iter().enumerate() {
        f.insert(format!("author_{}", n + 1), a.person_id.clone());
        f.insert(
            format!("share_{}", n + 1),
            share_label(u32::try_from(a.share_bp).unwrap_or(0)).replace(" %", ""),
        );
    }
    page(&state, &ctx, Some(id), f, Validation::new(), false).await
}

pub(super) async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    match ops::update(&state.db, &ctx, &id, &input(&f))
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(
            &format!("/initiatives/{id}"),
            "Đã lưu sáng kiến.",
        )),
        Err(AppError::Invalid(v)) => page(&state, &ctx, Some(id), f, v, false).await,
        Err(AppError::Conflict) => page(&state, &ctx, Some(id), f, Validation::new(), true).await,
        Err(e) => Err(e),
    }
}
