//! Changes of the tree: rename a unit, merge units, split one.

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::units as ops;
use crate::pages::{Layout, render, see_other, version_of};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use thidua_app::model::UnitRow;
use thidua_app::unit_views;
use thidua_domain::Validation;
use thidua_domain::policy::Action;

#[derive(Deserialize, Default, Clone)]
pub(super) struct ChangeForm {
    #[serde(default)]
    new_name: String,
    #[serde(default)]
    new_code: String,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    survivor: String,
    #[serde(default)]
    effective_on: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    code0: String,
    #[serde(default)]
    name0: String,
    #[serde(default)]
    code1: String,
    #[serde(default)]
    name1: String,
    #[serde(default)]
    code2: String,
    #[serde(default)]
    name2: String,
    #[serde(default)]
    code3: String,
    #[serde(default)]
    name3: String,
}

/// The change form's fields as the template shows them.
struct ChangeFields {
    new_name: String,
    new_code: String,
    sources: Vec<String>,
    survivor: String,
    effective_on: String,
    note: String,
    codes: [String; 4],
    names: [String; 4],
}

impl From<&ChangeForm> for ChangeFields {
    fn from(f: &ChangeForm) -> Self {
        ChangeFields {
            new_name: f.new_name.clone(),
            new_code: f.new_code.clone(),
            sources: f.sources.clone(),
            survivor: f.survivor.clone(),
            effective_on: f.effective_on.clone(),
            note: f.note.clone(),
            codes: [
                f.code0.clone(),
                f.code1.clone(),
                f.code2.clone(),
                f.code3.clone(),
            ],
            names: [
                f.name0.clone(),
                f.name1.clone(),
                f.name2.clone(),
                f.name3.clone(),
            ],
        }
    }
}

#[derive(Template)]
#[template(path = "units/change.html")]
struct ChangePage {
    l: Layout,
    mode: &'static str,
    heading: String,
    explain: &'static str,
    action: String,
    cancel: String,
    version: String,
    f: ChangeFields,
    v: Validation,
    conflict: bool,
    options: Vec<(String, String)>,
}

#[allow(clippy::too_many_arguments)]
async fn change_page(
    state: &AppState,
    ctx: &Ctx,
    mode: &'static str,
    unit: Option<&UnitRow>,
    f: &ChangeForm,
    v: Validation,
    conflict: bool,
) -> AppResult<Response> {
    let name = unit.map(|u| u.name.clone()).unwrap_or_default();
    let (heading, explain, action, cancel) = match (mode, unit) {
        ("rename", Some(u)) => (
            format!("Đổi tên {name}"),
            "Tên cũ được giữ lại cho các văn bản, khen thưởng trước ngày hiệu lực.",
            format!("/units/{}/rename", u.id),
            format!("/units/{}", u.id),
        ),
        ("split", Some(u)) => (
            format!("Chia tách {name}"),
            "Đơn vị bị chia tách ngừng hoạt động từ ngày hiệu lực; các đơn vị mới được thành lập cùng cấp.",
            format!("/units/{}/split", u.id),
            format!("/units/{}", u.id),
        ),
        _ => (
            "Sáp nhập đơn vị".to_string(),
            "Các đơn vị sáp nhập ngừng hoạt động từ ngày hiệu lực; lịch sử, cá nhân và đơn vị trực thuộc chuyển sang đơn vị tiếp nhận.",
            "/units/merge".to_string(),
            "/units".to_string(),
        ),
    };
    let options = if mode == "merge" {
        crate::pages::unit_options(state, ctx, |_| true).await?
    } else {
        Vec::new()
    };
    let version = unit.map(|u| u.version.to_string()).unwrap_or_default();
    let status = crate::pages::form_status(&v, conflict);
    Ok(render(
        status,
        &ChangePage {
            l: Layout::new(ctx, "units"),
            mode,
            heading,
            explain,
            action,
            cancel,
            version,
            f: f.into(),
            v,
            conflict,
            options,
        },
    ))
}

async fn load(state: &AppState, ctx: &Ctx, id: &str) -> AppResult<UnitRow> {
    Ok(unit_views::get(&state.db, ctx, id).await?)
}

fn blank_change() -> ChangeForm {
    ChangeForm {
        effective_on: ops::default_valid_from(),
        ..Default::default()
    }
}

pub(super) async fn rename_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let u = load(&state, &ctx, &id).await?;
    ctx.authorize(Action::EditUnit {
        org_id: ctx.org_id(),
        unit_path: &u.path,
    })?;
    change_page(
        &state,
        &ctx,
        "rename",
        Some(&u),
        &blank_change(),
        Validation::new(),
        false,
    )
    .await
}

pub(super) async fn rename(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ChangeForm>,
) -> AppResult<Response> {
    match ops::rename(
        &state.db,
        &ctx,
        &id,
        version_of(&f.version),
        &f.new_name,
        &f.effective_on,
    )
    .await
    .map_err(AppError::from)
    {
        Ok(u) => Ok(see_other(&format!("/units/{}", u.id), "Đã đổi tên đơn vị.")),
        Err(e @ (AppError::Invalid(_) | AppError::Conflict)) => {
            let u = load(&state, &ctx, &id).await?;
            let conflict = matches!(e, AppError::Conflict);
            change_page(
                &state,
                &ctx,
                "rename",
                Some(&u),
                &f,
                if let AppError::Invalid(v) = e {
                    v
                } else {
                    Validation::new()
                },
                conflict,
            )
            .await
        }
        Err(e) => Err(e),
    }
}

pub(super) async fn merge_form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    ctx.authorize(Action::RestructureUnits {
        org_id: ctx.org_id(),
    })?;
    change_page(
        &state,
        &ctx,
        "merge",
        None,
        &blank_change(),
        Validation::new(),
        false,
    )
    .await
}

pub(super) async fn merge(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<ChangeForm>,
) -> AppResult<Response> {
    let survivor = (!f.survivor.trim().is_empty()).then_some(f.survivor.as_str());
    let new_unit = ops::NewUnitName {
        code: f.new_code.clone(),
        name: f.new_name.clone(),
    };
    let note = (!f.note.trim().is_empty()).then_some(f.note.as_str());
    match ops::merge(
        &state.db,
        &ctx,
        &f.sources,
        survivor,
        survivor.is_none().then_some(&new_unit),
        &f.effective_on,
        note,
    )
    .await
    .map_err(AppError::from)
    {
        Ok(t) => Ok(see_other(
            &format!("/units/{}", t.id),
            "Đã sáp nhập đơn vị.",
        )),
        Err(AppError::Invalid(v)) => change_page(&state, &ctx, "merge", None, &f, v, false).await,
        Err(AppError::Conflict) => {
            change_page(&state, &ctx, "merge", None, &f, Validation::new(), true).await
        }
        Err(e) => Err(e),
    }
}

pub(super) async fn split_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    ctx.authorize(Action::RestructureUnits {
        org_id: ctx.org_id(),
    })?;
    let u = load(&state, &ctx, &id).await?;
    change_page(
        &state,
        &ctx,
        "split",
        Some(&u),
        &blank_change(),
        Validation::new(),
        false,
    )
    .await
}

pub(super) async fn split(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<ChangeForm>,
) -> AppResult<Response> {
    let news: Vec<ops::NewUnitName> = [
        (&f.code0, &f.name0),
        (&f.code1, &f.name1),
        (&f.code2, &f.name2),
        (&f.code3, &f.name3),
    ]
    .into_iter()
    .map(|(c, n)| ops::NewUnitName {
        code: c.clone(),
        name: n.clone(),
    })
    .collect();
    let note = (!f.note.trim().is_empty()).then_some(f.note.as_str());
    match ops::split(&state.db, &ctx, &id, &news, &f.effective_on, note)
        .await
        .map_err(AppError::from)
    {
        Ok(created) => Ok(see_other(
            &format!(
                "/units/{}",
                created.first().map(|c| c.id.as_str()).unwrap_or("")
            ),
            "Đã chia tách đơn vị.",
        )),
        Err(AppError::Invalid(v)) => {
            let u = load(&state, &ctx, &id).await?;
            change_page(&state, &ctx, "split", Some(&u), &f, v, false).await
        }
        Err(e) => Err(e),
    }
}
