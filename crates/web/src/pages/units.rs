//! Pages of the organisation tree: list and search, show, create, edit, rename, merge, split.

use super::{Flash, Layout, render, see_other, version_of};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::units as ops;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::HashMap;
use thidua_app::model::{CodeName, UnitRow};
use thidua_app::unit_views::{self, ChangeLink, UnitDetails};
use thidua_domain::Validation;
use thidua_domain::date::iso_to_vn;
use thidua_domain::org::UnitInput;
use thidua_domain::policy::Action;
use thidua_domain::unit_change::UnitChangeKind;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/units", get(list).post(create))
        .route("/units/new", get(new_form))
        .route("/units/merge", get(merge_form).post(merge))
        .route("/units/{id}", get(show).post(update))
        .route("/units/{id}/edit", get(edit_form))
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

#[derive(Deserialize, Default, Clone)]
struct UnitForm {
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
    let parents = super::unit_options(state, ctx, |u| {
        exclude.is_none_or(|p| !u.path.starts_with(p))
    })
    .await?;
    let status = super::form_status(&v, conflict);
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
struct NewQuery {
    parent: Option<String>,
}

async fn new_form(
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

async fn create(
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

async fn edit_form(
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

async fn update(
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
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(flash): Query<Flash>,
) -> AppResult<Response> {
    let (kinds, levels) = labels(&state).await?;
    let d = unit_views::details(&state.db, &ctx, &id).await?;
    let page = show_page(&ctx, d, &kinds, &levels, flash.ok);
    Ok(render(StatusCode::OK, &page))
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
    }
}

#[derive(Deserialize, Default, Clone)]
struct ChangeForm {
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
        super::unit_options(state, ctx, |_| true).await?
    } else {
        Vec::new()
    };
    let version = unit.map(|u| u.version.to_string()).unwrap_or_default();
    let status = super::form_status(&v, conflict);
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

async fn rename_form(
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

async fn rename(
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

async fn merge_form(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
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

async fn merge(
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

async fn split_form(
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

async fn split(
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
