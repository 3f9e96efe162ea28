//! Pages of the rules data files: read a file in force and its saved versions (office and
//! administrator), edit it with "Kiểm tra" (check only) and "Lưu" (check, save, audit), restore an
//! old version or the shipped file (administrator).

use super::catalog::catalog;
use super::{Flash, Layout, local_time, render, see_other, version_of};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::rule_files::{self as ops, FileDetail};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum_extra::extract::Form;
use serde::Deserialize;
use thidua_domain::Validation;
use thidua_domain::policy::Action;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/catalog", get(catalog))
        .route("/catalog/files/{name}", get(show).post(submit))
        .route("/catalog/files/{name}/restore", post(restore))
        .route(
            "/catalog/files/{name}/versions/{version}",
            get(show_version),
        )
}

/// One saved version in the history list.
pub struct HistoryLine {
    pub version: i64,
    pub who: String,
    pub when: String,
    pub note: String,
    /// This version went back to the shipped file.
    pub shipped: bool,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "rules/file.html")]
struct FilePage {
    l: Layout,
    name: String,
    label: String,
    edited: bool,
    version: i64,
    saved: String,
    text: String,
    history: Vec<HistoryLine>,
    can_edit: bool,
    v: Validation,
    conflict: bool,
    /// "Kiểm tra" found no error.
    checked: bool,
}

/// What the page shows besides the text: `text` is the typed text when a form is shown again.
struct Shown {
    text: Option<String>,
    version: Option<i64>,
    v: Validation,
    conflict: bool,
    checked: bool,
    flash: Option<String>,
}

impl Shown {
    fn fresh(flash: Option<String>) -> Shown {
        Shown {
            text: None,
            version: None,
            v: Validation::new(),
            conflict: false,
            checked: false,
            flash,
        }
    }
}

async fn page(state: &AppState, ctx: &Ctx, name: &str, s: Shown) -> AppResult<Response> {
    let FileDetail {
        info,
        text,
        history,
    } = ops::file(&state.db, ctx, name).await?;
    let current = info.version;
    let history = history
        .into_iter()
        .map(|r| HistoryLine {
            version: r.version,
            who: r.created_by_name,
            when: local_time(&r.created_at),
            note: r.note.unwrap_or_default(),
            shipped: r.text.is_none(),
            current: r.version == current,
        })
        .collect();
    let saved = match (&info.saved_by, &info.saved_at) {
        (Some(who), Some(at)) => format!("{who}, {}", local_time(at)),
        _ => String::new(),
    };
    let status = super::form_status(&s.v, s.conflict);
    let p = FilePage {
        l: Layout::new(ctx, "catalog").with_flash(s.flash),
        name: info.name,
        label: info.label,
        edited: info.edited,
        version: s.version.unwrap_or(current),
        saved,
        text: s.text.unwrap_or(text),
        history,
        can_edit: ctx.can(Action::EditRuleFiles {
            org_id: ctx.org_id(),
        }),
        v: s.v,
        conflict: s.conflict,
        checked: s.checked,
    };
    Ok(render(status, &p))
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(name): Path<String>,
    Query(flash): Query<Flash>,
) -> AppResult<Response> {
    page(&state, &ctx, &name, Shown::fresh(flash.ok)).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct EditForm {
    text: String,
    version: String,
    /// `check` or `save`.
    action: String,
}

async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(name): Path<String>,
    Form(f): Form<EditForm>,
) -> AppResult<Response> {
    let version = version_of(&f.version);
    let again = |v: Validation, conflict: bool, checked: bool| Shown {
        text: Some(f.text.clone()),
        version: Some(version),
        v,
        conflict,
        checked,
        flash: None,
    };
    if f.action == "check" {
        return match ops::check(&state.db, &ctx, &name, &f.text)
            .await
            .map_err(AppError::from)
        {
            Ok(()) => page(&state, &ctx, &name, again(Validation::new(), false, true)).await,
            Err(AppError::Invalid(v)) => page(&state, &ctx, &name, again(v, false, false)).await,
            Err(e) => Err(e),
        };
    }
    match ops::save(&state.db, &ctx, &name, &f.text, version)
        .await
        .map_err(AppError::from)
    {
        Ok(row) => Ok(see_other(
            &format!("/catalog/files/{name}"),
            &format!(
                "Đã lưu bản {} của tệp {name}; các lần kiểm tra từ nay dùng bản này.",
                row.version
            ),
        )),
        Err(AppError::Invalid(v)) => page(&state, &ctx, &name, again(v, false, false)).await,
        Err(AppError::Conflict) => {
            page(&state, &ctx, &name, again(Validation::new(), true, false)).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RestoreForm {
    /// A version number, or `shipped`.
    from: String,
    version: String,
}

async fn restore(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(name): Path<String>,
    Form(f): Form<RestoreForm>,
) -> AppResult<Response> {
    let from = match f.from.trim() {
        "shipped" => None,
        n => Some(n.parse::<i64>().map_err(|_| AppError::NotFound)?),
    };
    match ops::restore(&state.db, &ctx, &name, from, version_of(&f.version))
        .await
        .map_err(AppError::from)
    {
        Ok(row) => {
            let what = from.map_or_else(
                || "bản gốc đi kèm phần mềm".to_string(),
                |v| format!("bản {v}"),
            );
            Ok(see_other(
                &format!("/catalog/files/{name}"),
                &format!(
                    "Đã dùng lại {what} của tệp {name} (lưu thành bản {}).",
                    row.version
                ),
            ))
        }
        Err(AppError::Invalid(v)) => {
            page(
                &state,
                &ctx,
                &name,
                Shown {
                    v,
                    ..Shown::fresh(None)
                },
            )
            .await
        }
        Err(AppError::Conflict) => {
            page(
                &state,
                &ctx,
                &name,
                Shown {
                    conflict: true,
                    ..Shown::fresh(None)
                },
            )
            .await
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "rules/version.html")]
struct VersionPage {
    l: Layout,
    name: String,
    label: String,
    version: i64,
    who: String,
    when: String,
    note: String,
    shipped: bool,
    text: String,
}

async fn show_version(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((name, version)): Path<(String, i64)>,
) -> AppResult<Response> {
    let (row, text) = ops::version(&state.db, &ctx, &name, version).await?;
    let p = VersionPage {
        l: Layout::new(&ctx, "catalog"),
        label: ops::file_label(&name),
        name,
        version,
        who: row.created_by_name,
        when: local_time(&row.created_at),
        note: row.note.unwrap_or_default(),
        shipped: row.text.is_none(),
        text,
    };
    Ok(render(StatusCode::OK, &p))
}
