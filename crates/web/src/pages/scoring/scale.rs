//! The page of one scale: its settings and steps, its groups and criteria (edited while drafted, or
//! taken from a spreadsheet), the units scored with their totals, the appeals to decide.

use super::super::{Layout, render, see_other, version_of};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::scoring::appeals::{self, DecisionInput};
use crate::ops::scoring::ranking::{self, Place};
use crate::ops::scoring::scales::{self, StructureEdit};
use crate::ops::scoring::{Loaded, xlsx};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::HashMap;
use thidua_app::model::AppealRow;
use thidua_domain::Validation;
use thidua_domain::policy::Action;
use thidua_domain::scoring::input::{
    ASSESSORS, CriterionInput, GroupInput, KINDS, assessor_label, kind_label, status_label,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/scoring/template.xlsx", get(template))
        .route("/scoring/{id}", get(show))
        .route("/scoring/{id}/advance", post(advance))
        .route("/scoring/{id}/groups", post(add_group))
        .route("/scoring/{id}/criteria", post(add_criterion))
        .route("/scoring/{id}/remove", post(remove))
        .route("/scoring/{id}/import", post(import))
        .route("/scoring/{id}/export.xlsx", get(export))
        .route("/scoring/appeals/{id}", post(decide))
}

#[derive(Template)]
#[template(path = "scoring/show.html")]
struct ShowPage {
    l: Layout,
    s: Loaded,
    v: Validation,
    can_manage: bool,
    /// Totals of the units (org-wide roles, or when the scale lets units see each other's scores).
    places: Vec<Place>,
    appeals: Vec<AppealRow>,
    /// Scored units whose sheet the caller may open.
    sheets: Vec<(String, String)>,
    typed: HashMap<String, String>,
    /// The targets of the scale's plan a rate criterion may take its values from (id, text).
    targets: Vec<(String, String)>,
}

impl ShowPage {
    fn status(&self) -> &'static str {
        status_label(&self.s.row.status)
    }
    /// The next step of the scale and the button that takes it.
    fn next_step(&self) -> (&'static str, &'static str) {
        match self.s.row.status.as_str() {
            "draft" => ("open", "Mở cho đơn vị tự chấm"),
            "open" => ("review", "Kết thúc tự chấm, chuyển thẩm định"),
            "review" => ("published", "Công bố kết quả"),
            _ => ("", ""),
        }
    }
    fn has_sheet(&self, unit_id: &str) -> bool {
        self.sheets.iter().any(|(id, _)| id == unit_id)
    }
    fn kinds(&self) -> &'static [(&'static str, &'static str)] {
        &KINDS
    }
    fn assessors(&self) -> &'static [(&'static str, &'static str)] {
        &ASSESSORS
    }
    fn kind(&self, code: &str) -> &'static str {
        kind_label(code)
    }
    fn assessor(&self, code: &str) -> &'static str {
        assessor_label(code)
    }
    fn typed(&self, name: &str) -> &str {
        self.typed.get(name).map_or("", String::as_str)
    }
    fn criterion_label(&self, id: &str) -> String {
        self.s
            .criterion(id)
            .map(|c| format!("{} {}", c.code, c.text))
            .unwrap_or_default()
    }
    fn num(x: &f64) -> String {
        crate::pages::scoring::sheet::points_text(*x)
    }
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    v: Validation,
    typed: HashMap<String, String>,
    flash: Option<String>,
) -> AppResult<Response> {
    let s = scales::get(&state.db, ctx, id).await?;
    let places = match ranking::ranking(&state.db, ctx, id).await {
        Ok(r) => r.overall,
        Err(_) => Vec::new(),
    };
    let can_manage = ctx.can(Action::ManageScoring {
        org_id: ctx.org_id(),
    });
    let appeals = if can_manage {
        crate::ops::scoring::appeals::list(&state.db, ctx, id).await?
    } else {
        Vec::new()
    };
    let targets = match (&s.row.campaign_id, can_manage && s.row.status == "draft") {
        (Some(c), true) => crate::ops::campaigns::plan(&state.db, ctx, c)
            .await?
            .targets
            .into_iter()
            .map(|t| (t.id, t.text))
            .collect(),
        _ => Vec::new(),
    };
    let sheets = crate::ops::scoring::sheet::openable(&state.db, ctx, &s).await?;
    let status = super::super::form_status(&v, false);
    Ok(render(
        status,
        &ShowPage {
            l: Layout::new(ctx, "scoring").with_flash(flash),
            s,
            v,
            can_manage,
            places,
            appeals,
            sheets,
            typed,
            targets,
        },
    ))
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<super::super::Flash>,
) -> AppResult<Response> {
    page(&state, &ctx, &id, Validation::new(), HashMap::new(), q.ok).await
}

/// What a refused form on this page becomes: the page again with the messages (422), a conflict
/// page (409), or the error.
async fn refused(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    e: AppError,
    typed: HashMap<String, String>,
) -> AppResult<Response> {
    match e {
        AppError::Invalid(v) => page(state, ctx, id, v, typed, None).await,
        other => Err(other),
    }
}

#[derive(Deserialize, Default)]
struct AdvanceForm {
    #[serde(default)]
    to: String,
    #[serde(default)]
    version: String,
}

async fn advance(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<AdvanceForm>,
) -> AppResult<Response> {
    match scales::advance(&state.db, &ctx, &id, version_of(&f.version), &f.to)
        .await
        .map_err(AppError::from)
    {
        Ok(s) => Ok(see_other(
            &format!("/scoring/{id}"),
            &format!("Thang điểm chuyển sang bước «{}».", status_label(&s.status)),
        )),
        Err(e) => refused(&state, &ctx, &id, e, HashMap::new()).await,
    }
}

async fn edit(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    version: &str,
    edit: StructureEdit,
    typed: HashMap<String, String>,
    ok: &str,
) -> AppResult<Response> {
    match scales::edit_structure(&state.db, ctx, id, version_of(version), edit)
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(&format!("/scoring/{id}#criteria"), ok)),
        Err(e) => refused(state, ctx, id, e, typed).await,
    }
}

async fn add_group(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let group = GroupInput {
        name: get("name"),
        max_points: get("max_points"),
        criteria: Vec::new(),
    };
    edit(
        &state,
        &ctx,
        &id,
        &get("version"),
        StructureEdit::AddGroup(group),
        f.clone(),
        "Đã thêm nhóm tiêu chí.",
    )
    .await
}

async fn add_criterion(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let criterion = CriterionInput {
        code: get("code"),
        text: get("text"),
        guidance: get("guidance"),
        kind: get("kind"),
        points: get("points"),
        rate_cap: get("rate_cap"),
        target_value: get("target_value"),
        max_count: get("max_count"),
        precondition: get("precondition"),
        target_id: get("target_id"),
        assessor: get("assessor"),
        tie_break: get("tie_break"),
    };
    let group = get("group").trim().parse().unwrap_or(0);
    edit(
        &state,
        &ctx,
        &id,
        &get("version"),
        StructureEdit::AddCriterion {
            group,
            criterion: Box::new(criterion),
        },
        f.clone(),
        "Đã thêm tiêu chí.",
    )
    .await
}

async fn remove(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let what = match (
        get("criterion_id").as_str(),
        get("group").trim().parse::<usize>(),
    ) {
        ("", Ok(g)) => StructureEdit::RemoveGroup(g),
        ("", Err(_)) => return Err(AppError::BadRequest("Chưa chọn mục cần xóa.".into())),
        (c, _) => StructureEdit::RemoveCriterion(c.to_string()),
    };
    edit(
        &state,
        &ctx,
        &id,
        &get("version"),
        what,
        HashMap::new(),
        "Đã xóa.",
    )
    .await
}

async fn import(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: Multipart,
) -> AppResult<Response> {
    ctx.authorize(Action::ManageScoring {
        org_id: ctx.org_id(),
    })?;
    let (fields, files) =
        crate::pages::campaigns::upload::read_form(form, state.config.max_upload_bytes).await?;
    let Some(file) = files.first() else {
        let mut v = Validation::new();
        v.add(
            "file",
            "Tệp Excel thang điểm",
            "Hãy chọn tệp .xlsx để tải lên.",
        );
        return page(&state, &ctx, &id, v, HashMap::new(), None).await;
    };
    let groups = match xlsx::read_scale(&file.bytes) {
        Ok(g) => g,
        Err(v) => return page(&state, &ctx, &id, v, HashMap::new(), None).await,
    };
    let version = fields.get("version").cloned().unwrap_or_default();
    edit(
        &state,
        &ctx,
        &id,
        &version,
        StructureEdit::Replace(groups),
        HashMap::new(),
        "Đã nhập thang điểm từ tệp Excel.",
    )
    .await
}

fn xlsx_response(name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

async fn template(ctx: Ctx) -> AppResult<Response> {
    ctx.authorize(Action::UseApp {
        org_id: ctx.org_id(),
    })?;
    let bytes = xlsx::scale_template().map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?;
    Ok(xlsx_response("mau-thang-diem.xlsx", bytes))
}

async fn export(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let bytes = crate::ops::scoring::export::workbook(&state.db, &ctx, &id).await?;
    Ok(xlsx_response("ket-qua-cham-diem.xlsx", bytes))
}

#[derive(Deserialize, Default)]
struct DecideForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    target: String,
    #[serde(default)]
    precondition_met: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    scale_id: String,
}

async fn decide(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<DecideForm>,
) -> AppResult<Response> {
    let input = DecisionInput {
        status: f.status.clone(),
        reason: f.reason.clone(),
        precondition_met: Some(f.precondition_met != "0"),
        amount: f.amount.clone(),
        target: f.target.clone(),
        version: version_of(&f.version),
    };
    match appeals::decide(&state.db, &ctx, &id, &input)
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(
            &format!("/scoring/{}#appeals", f.scale_id),
            "Đã giải quyết kiến nghị.",
        )),
        Err(e) => refused(&state, &ctx, &f.scale_id, e, HashMap::new()).await,
    }
}
