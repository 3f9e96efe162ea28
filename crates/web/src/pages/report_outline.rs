//! The outline of the organisation's review reports (*đề cương báo cáo sơ kết, tổng kết*): which
//! sections, in what order, under what heading, with what hint; new sections hold only the office's
//! text. A document setting: the administrator and the standing office change it.

use super::{Layout, form_status, render, see_other};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::campaign_report as ops;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::HashMap;
use thidua_domain::Validation;
use thidua_domain::campaign::report::{SectionInput, SectionSource};

pub fn routes() -> Router<AppState> {
    Router::new().route("/settings/report-outline", get(show).post(save))
}

/// Blank rows offered for new text sections.
const NEW_ROWS: usize = 2;

struct RowView {
    i: usize,
    input: SectionInput,
    source_label: &'static str,
}

#[derive(Template)]
#[template(path = "settings/report_outline.html")]
struct OutlinePage {
    l: Layout,
    rows: Vec<RowView>,
    version: i64,
    v: Validation,
    conflict: bool,
}

#[derive(Deserialize, Default)]
pub(super) struct OkQuery {
    ok: Option<String>,
}

/// `version`, and per row `key_i`, `source_i`, `heading_i`, `hint_i`, `position_i`, `enabled_i`.
#[derive(Deserialize, Default)]
pub(super) struct OutlineForm {
    #[serde(default)]
    version: String,
    #[serde(flatten)]
    rest: HashMap<String, String>,
}

impl OutlineForm {
    fn rows(&self) -> Vec<SectionInput> {
        let get = |name: &str, i: usize| self.rest.get(&format!("{name}_{i}")).cloned();
        (0..)
            .map_while(|i| {
                let heading = get("heading", i)?;
                Some(SectionInput {
                    key: get("key", i).unwrap_or_default(),
                    heading,
                    source: get("source", i).unwrap_or_default(),
                    enabled: get("enabled", i).is_some(),
                    hint: get("hint", i).unwrap_or_default(),
                    position: get("position", i).unwrap_or_default(),
                })
            })
            .collect()
    }
}

fn views(rows: Vec<SectionInput>) -> Vec<RowView> {
    rows.into_iter()
        .enumerate()
        .map(|(i, input)| RowView {
            i,
            source_label: SectionSource::parse(&input.source)
                .unwrap_or(SectionSource::Text)
                .label(),
            input,
        })
        .collect()
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    typed: Option<Vec<SectionInput>>,
    (v, conflict): (Validation, bool),
    flash: Option<String>,
) -> AppResult<Response> {
    let (sections, version) = ops::outline(&state.db, ctx).await?;
    let rows = typed.unwrap_or_else(|| {
        let mut rows: Vec<SectionInput> = sections
            .iter()
            .enumerate()
            .map(|(i, s)| SectionInput {
                key: s.key.clone(),
                heading: s.heading.clone(),
                source: s.source.code().into(),
                enabled: s.enabled,
                hint: s.hint.clone(),
                position: ((i + 1) * 10).to_string(),
            })
            .collect();
        let last = rows.len();
        rows.extend((0..NEW_ROWS).map(|n| SectionInput {
            enabled: true,
            position: ((last + n + 1) * 10).to_string(),
            ..Default::default()
        }));
        rows
    });
    let page = OutlinePage {
        l: Layout::new(ctx, "settings").with_flash(flash),
        rows: views(rows),
        version,
        v: v.clone(),
        conflict,
    };
    Ok(render(form_status(&v, conflict), &page))
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<OkQuery>,
) -> AppResult<Response> {
    page(&state, &ctx, None, (Validation::new(), false), q.ok).await
}

async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(f): Form<OutlineForm>,
) -> AppResult<Response> {
    let rows = f.rows();
    let version = f.version.trim().parse::<i64>().unwrap_or(0);
    match ops::save_outline(&state.db, &ctx, &rows, version)
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(
            "/settings/report-outline",
            "Đã lưu đề cương báo cáo sơ kết, tổng kết.",
        )),
        Err(AppError::Invalid(v)) => page(&state, &ctx, Some(rows), (v, false), None).await,
        Err(AppError::Conflict) => {
            page(&state, &ctx, Some(rows), (Validation::new(), true), None).await
        }
        Err(e) => Err(e),
    }
}
