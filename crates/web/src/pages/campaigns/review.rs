//! The review reports of a campaign (*báo cáo sơ kết / tổng kết*): the document as it will print —
//! each section of the organisation's outline with its figures, tables and charts — with a box per
//! section for the office's text, the number, date and the day the figures are read at; downloads
//! as PDF and DOCX.

use super::super::{Layout, form_status, render, see_other};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::campaign_report::{self as ops, ReportView};
use crate::ops::doc_settings;
use crate::ops::documents::review::layout;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::get;
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use thidua_docs::kinds::review::content_blocks;
use thidua_docs::model::{Align, Block, Row};
use thidua_domain::Validation;
use thidua_domain::campaign::report::{ReportInput, ReportKind};
use thidua_domain::date::{parse, vn};

pub fn routes() -> Router<AppState> {
    Router::new().route("/campaigns/{id}/reports/{kind}", get(show).post(save))
}

/// One section as shown: its place, heading, the document's blocks and the text box.
struct SectionView {
    number: String,
    heading: String,
    field: String,
    blocks: Vec<Block>,
    text: String,
    hint: String,
}

#[derive(Template)]
#[template(path = "campaigns/review.html")]
struct ReviewPage {
    l: Layout,
    v: ReportView,
    kind: &'static str,
    title: &'static str,
    intro: String,
    number: String,
    issued_on: String,
    as_of: String,
    version: String,
    sections: Vec<SectionView>,
    /// Sections whose text box is still empty.
    empty: usize,
    errors: Validation,
    conflict: bool,
}

impl ReviewPage {
    /// The class of a table column's alignment.
    fn align(&self, a: &Align) -> &'static str {
        match a {
            Align::Centre => "num-centre",
            Align::Right => "num",
            _ => "",
        }
    }
}

#[derive(Deserialize, Default)]
pub(super) struct AsOfQuery {
    as_of: Option<String>,
    ok: Option<String>,
}

/// `number`, `issued_on`, `as_of`, `version`, and `text.<section key>` per section.
#[derive(Deserialize, Default)]
pub(super) struct ReportForm {
    #[serde(default)]
    number: String,
    #[serde(default)]
    issued_on: String,
    #[serde(default)]
    as_of: String,
    #[serde(default)]
    version: String,
    #[serde(flatten)]
    rest: HashMap<String, String>,
}

impl ReportForm {
    fn input(&self) -> ReportInput {
        let texts: BTreeMap<String, String> = self
            .rest
            .iter()
            .filter_map(|(k, t)| Some((k.strip_prefix("text.")?.to_string(), t.clone())))
            .collect();
        ReportInput {
            number: self.number.clone(),
            issued_on: self.issued_on.clone(),
            as_of: self.as_of.clone(),
            texts,
        }
    }
}

fn kind_of(raw: &str) -> AppResult<ReportKind> {
    ReportKind::parse(raw).ok_or_else(|| AppError::from(crate::ops::Error::NotFound))
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    (id, kind): (&str, ReportKind),
    as_of: Option<time::Date>,
    typed: Option<ReportForm>,
    (errors, conflict): (Validation, bool),
    flash: Option<String>,
) -> AppResult<Response> {
    let v = ops::read(&state.db, ctx, id, kind, as_of).await?;
    let s = doc_settings::get(&state.db, ctx).await?;
    let review = layout(&v, &s);
    let typed_text = |key: &str| {
        typed
            .as_ref()
            .and_then(|f| f.rest.get(&format!("text.{key}")).cloned())
    };
    let enabled = v.outline.iter().filter(|o| o.enabled);
    let sections: Vec<SectionView> = enabled
        .zip(&review.sections)
        .enumerate()
        .map(|(i, (o, sec))| SectionView {
            number: thidua_docs::text::roman(i + 1),
            heading: o.heading.clone(),
            field: format!("text.{}", o.key),
            blocks: content_blocks(&sec.content),
            text: typed_text(&o.key)
                .or_else(|| v.texts.get(&o.key).cloned())
                .unwrap_or_default(),
            hint: o.hint.clone(),
        })
        .collect();
    let page = ReviewPage {
        l: Layout::new(ctx, "campaigns").with_flash(flash),
        kind: kind.code(),
        title: kind.label(),
        intro: review.intro.clone(),
        number: typed.as_ref().map_or_else(
            || v.number.clone().unwrap_or_default(),
            |t| t.number.clone(),
        ),
        issued_on: typed.as_ref().map_or_else(
            || v.issued_on.map(vn).unwrap_or_default(),
            |t| t.issued_on.clone(),
        ),
        as_of: vn(v.as_of),
        version: v.version.to_string(),
        empty: sections.iter().filter(|s| s.text.trim().is_empty()).count(),
        sections,
        v,
        errors: errors.clone(),
        conflict,
    };
    Ok(render(form_status(&errors, conflict), &page))
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, kind)): Path<(String, String)>,
    Query(q): Query<AsOfQuery>,
) -> AppResult<Response> {
    let kind = kind_of(&kind)?;
    let mut errors = Validation::new();
    let as_of = match q.as_of.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(raw) => parse(raw).or_else(|| {
            errors.add(
                "as_of",
                "Số liệu tính đến ngày",
                "Ngày tính số liệu phải có dạng ngày/tháng/năm, ví dụ 30/06/2024.",
            );
            None
        }),
        None => None,
    };
    page(
        &state,
        &ctx,
        (&id, kind),
        as_of,
        None,
        (errors, false),
        q.ok,
    )
    .await
}

async fn save(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, kind)): Path<(String, String)>,
    Form(f): Form<ReportForm>,
) -> AppResult<Response> {
    let kind = kind_of(&kind)?;
    let version = f.version.trim().parse::<i64>().unwrap_or(0);
    let as_of = parse(f.as_of.trim());
    match ops::save(&state.db, &ctx, &id, kind, &f.input(), version)
        .await
        .map_err(AppError::from)
    {
        Ok(()) => Ok(see_other(
            &format!("/campaigns/{id}/reports/{}", kind.code()),
            &format!("Đã lưu {}.", kind.label().to_lowercase()),
        )),
        Err(AppError::Invalid(v)) => {
            page(&state, &ctx, (&id, kind), as_of, Some(f), (v, false), None).await
        }
        Err(AppError::Conflict) => {
            let keep = (Validation::new(), true);
            page(&state, &ctx, (&id, kind), as_of, Some(f), keep, None).await
        }
        Err(e) => Err(e),
    }
}
