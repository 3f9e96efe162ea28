//! The mid-year review of a cluster's pact: every member against the clauses on the campaign's
//! targets, as reported by a date, and the reviewers' assessment of each.

use super::super::super::{Layout, form_status, render, see_other};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::pact_review::{self as ops, PactReviewSheet};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::HashMap;
use thidua_domain::Validation;
use thidua_domain::campaign::pact::{Assessment, ClauseStanding, PactReviewInput};
use thidua_domain::campaign::target::format_number;
use thidua_domain::date::{iso_to_vn, parse, vn};

/// One member's row as shown.
struct Row {
    unit_id: String,
    name: String,
    /// (value as text, standing code, standing label) per clause.
    cells: Vec<(String, &'static str, &'static str)>,
    suggested: String,
    assessment: String,
    comment: String,
}

#[derive(Template)]
#[template(path = "campaigns/pact_review.html")]
struct ReviewPage {
    l: Layout,
    s: PactReviewSheet,
    on: String,
    clauses: Vec<(String, String)>,
    free: Vec<String>,
    rows: Vec<Row>,
    reviews: Vec<(String, String)>,
    recorded: Option<(String, String)>,
    summary: String,
    version: String,
    choices: Vec<(&'static str, &'static str)>,
    v: Validation,
    conflict: bool,
}

#[derive(Deserialize, Default)]
pub(super) struct OnQuery {
    on: Option<String>,
    ok: Option<String>,
}

/// Form values: `reviewed_on`, `summary`, `version`, and per member `assessment_<unit id>` and
/// `comment_<unit id>`.
#[derive(Deserialize, Default)]
pub(super) struct ReviewForm {
    #[serde(default)]
    reviewed_on: String,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    version: String,
    #[serde(flatten)]
    rest: HashMap<String, String>,
}

fn standing_code(s: ClauseStanding) -> &'static str {
    match s {
        ClauseStanding::Met => "p-met",
        ClauseStanding::NotMet => "p-missed",
        ClauseStanding::NotReported => "p-not_reported",
    }
}

fn rows(s: &PactReviewSheet, typed: Option<&ReviewForm>) -> Vec<Row> {
    s.members
        .iter()
        .map(|m| {
            let field = |prefix: &str| {
                typed.and_then(|f| f.rest.get(&format!("{prefix}_{}", m.unit_id)).cloned())
            };
            let assessment = field("assessment")
                .or_else(|| m.assessment.or(m.suggested).map(|a| a.code().to_string()))
                .unwrap_or_default();
            Row {
                unit_id: m.unit_id.clone(),
                name: m.name.clone(),
                cells: m
                    .values
                    .iter()
                    .map(|(value, st)| {
                        let text = value.map(format_number).unwrap_or_else(|| "—".into());
                        (text, standing_code(*st), st.label())
                    })
                    .collect(),
                suggested: m
                    .suggested
                    .map(|a| a.label().to_string())
                    .unwrap_or_else(|| "—".into()),
                assessment,
                comment: field("comment")
                    .or_else(|| m.comment.clone())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

async fn review_page(
    state: &AppState,
    ctx: &Ctx,
    (id, cluster): (&str, &str),
    on: Option<time::Date>,
    typed: Option<ReviewForm>,
    (v, conflict): (Validation, bool),
    flash: Option<String>,
) -> AppResult<Response> {
    let s = ops::sheet(&state.db, ctx, id, cluster, on).await?;
    let rows = rows(&s, typed.as_ref());
    let page = ReviewPage {
        l: Layout::new(ctx, "campaigns").with_flash(flash),
        on: vn(s.on),
        clauses: s
            .clauses
            .iter()
            .map(|c| {
                let level = super::super::threshold_text(
                    c.comparator.code(),
                    c.threshold,
                    c.measure.as_deref(),
                );
                (c.text.clone(), level)
            })
            .collect(),
        free: s.free.iter().map(super::commitment_text).collect(),
        rows,
        reviews: s
            .reviews
            .iter()
            .map(|r| (iso_to_vn(&r.reviewed_on), r.recorded_by_name.clone()))
            .collect(),
        recorded: s.recorded.as_ref().map(|r| {
            (
                r.recorded_by_name.clone(),
                iso_to_vn(&r.updated_at.chars().take(10).collect::<String>()),
            )
        }),
        summary: match &typed {
            Some(f) => f.summary.clone(),
            None => s
                .recorded
                .as_ref()
                .and_then(|r| r.summary.clone())
                .unwrap_or_default(),
        },
        version: s
            .recorded
            .as_ref()
            .map(|r| r.version.to_string())
            .unwrap_or_default(),
        choices: Assessment::ALL
            .iter()
            .map(|a| (a.code(), a.label()))
            .collect(),
        s,
        v: v.clone(),
        conflict,
    };
    Ok(render(form_status(&v, conflict), &page))
}

pub(super) async fn review_form(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, cluster)): Path<(String, String)>,
    Query(q): Query<OnQuery>,
) -> AppResult<Response> {
    let typed_on = q.on.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let mut v = Validation::new();
    let on = match typed_on.map(parse) {
        Some(None) => {
            v.add(
                "on",
                "Ngày sơ kết",
                "Ngày sơ kết phải có dạng ngày/tháng/năm, ví dụ 30/06/2026.",
            );
            None
        }
        Some(d) => d,
        None => None,
    };
    review_page(&state, &ctx, (&id, &cluster), on, None, (v, false), q.ok).await
}

pub(super) async fn record(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, cluster)): Path<(String, String)>,
    Form(f): Form<ReviewForm>,
) -> AppResult<Response> {
    let members = f
        .rest
        .iter()
        .filter_map(|(k, a)| {
            let unit = k.strip_prefix("assessment_")?;
            let comment = f
                .rest
                .get(&format!("comment_{unit}"))
                .cloned()
                .unwrap_or_default();
            Some((unit.to_string(), a.clone(), comment))
        })
        .collect();
    let input = PactReviewInput {
        reviewed_on: f.reviewed_on.clone(),
        summary: f.summary.clone(),
        members,
    };
    let version = f.version.trim().parse::<i64>().ok();
    let on = parse(&f.reviewed_on);
    match ops::record(&state.db, &ctx, &id, &cluster, version, &input)
        .await
        .map_err(AppError::from)
    {
        Ok(r) => Ok(see_other(
            &format!(
                "/campaigns/{id}/pacts/{cluster}/review?on={}",
                iso_to_vn(&r.reviewed_on)
            ),
            "Đã ghi kết quả sơ kết giao ước.",
        )),
        Err(AppError::Invalid(v)) => {
            review_page(&state, &ctx, (&id, &cluster), on, Some(f), (v, false), None).await
        }
        Err(AppError::Conflict) => {
            let keep = (Validation::new(), true);
            review_page(&state, &ctx, (&id, &cluster), on, Some(f), keep, None).await
        }
        Err(e) => Err(e),
    }
}
