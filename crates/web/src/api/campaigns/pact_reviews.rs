//! API of a pact's mid-year review: the members measured against the clauses on a date, and the
//! reviewers' record of it.

use super::dto::UnitRef;
use super::{ApiResult, bad};
use crate::AppState;
use crate::api::extract::{ApiJson, ApiQuery};
use crate::ctx::Ctx;
use crate::ops::pact_review::{self as ops, PactReviewSheet};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use thidua_domain::campaign::pact::PactReviewInput;
use thidua_domain::date::{iso, parse};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(review, record))
}

/// A clause measured at the review: what every member committed to on one campaign target.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReviewClause {
    pub text: String,
    pub comparator: String,
    pub comparator_sign: String,
    pub threshold: f64,
    pub unit: Option<String>,
}

/// A member's value on one clause: its latest progress report by the date, and whether it meets it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReviewValue {
    pub value: Option<f64>,
    /// `met`, `not_met` or `not_reported`.
    pub standing: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReviewMember {
    #[serde(flatten)]
    pub unit: UnitRef,
    /// One per clause, in the clauses' order.
    pub values: Vec<ReviewValue>,
    /// What the values suggest: `met`, `partly`, `not_met`, or null when nothing is measured.
    pub suggested: Option<String>,
    /// The reviewers' assessment, once recorded.
    pub assessment: Option<String>,
    pub comment: Option<String>,
}

/// A pact's review on a date: the recorded one, or the measure as it stands.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PactReview {
    pub pact_id: String,
    pub cluster_id: String,
    pub cluster_name: String,
    /// The date of the figures (ISO).
    pub on: String,
    /// True when a review was recorded on that date (then `version` is set).
    pub recorded: bool,
    pub version: Option<i64>,
    pub summary: Option<String>,
    pub recorded_by: Option<String>,
    pub clauses: Vec<ReviewClause>,
    pub members: Vec<ReviewMember>,
    /// Clauses not on a campaign target, judged by the reviewers.
    pub other_targets: Vec<String>,
    /// The dates of every recorded review, newest first.
    pub reviews: Vec<String>,
    /// Whether the caller may record or amend the review.
    pub can_record: bool,
}

impl From<PactReviewSheet> for PactReview {
    fn from(s: PactReviewSheet) -> Self {
        let rec = s.recorded.as_ref();
        PactReview {
            pact_id: s.pact.id,
            cluster_id: s.cluster.id,
            cluster_name: s.cluster.name,
            on: iso(s.on),
            recorded: rec.is_some(),
            version: rec.map(|r| r.version),
            summary: rec.and_then(|r| r.summary.clone()),
            recorded_by: rec.map(|r| r.recorded_by_name.clone()),
            clauses: s
                .clauses
                .into_iter()
                .map(|c| ReviewClause {
                    text: c.text,
                    comparator: c.comparator.code().into(),
                    comparator_sign: c.comparator.sign().into(),
                    threshold: c.threshold,
                    unit: c.measure,
                })
                .collect(),
            members: s
                .members
                .into_iter()
                .map(|m| ReviewMember {
                    unit: UnitRef::from((m.unit_id, m.name)),
                    values: m
                        .values
                        .iter()
                        .map(|(value, st)| ReviewValue {
                            value: *value,
                            standing: st.code().into(),
                        })
                        .collect(),
                    suggested: m.suggested.map(|a| a.code().into()),
                    assessment: m.assessment.map(|a| a.code().into()),
                    comment: m.comment,
                })
                .collect(),
            other_targets: s.free.into_iter().map(|c| c.text).collect(),
            reviews: s.reviews.into_iter().map(|r| r.reviewed_on).collect(),
            can_record: s.can_record,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct OnQuery {
    /// The date of the figures (`yyyy-mm-dd` or `dd/mm/yyyy`); today when omitted.
    on: Option<String>,
}

/// One member's assessment in a review.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct MemberAssessmentBody {
    pub unit_id: String,
    /// `met`, `partly` or `not_met`.
    pub assessment: String,
    #[serde(default)]
    pub comment: Option<String>,
}

/// A review to record: every member of the pact assessed.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct PactReviewBody {
    #[serde(default)]
    pub reviewed_on: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub members: Vec<MemberAssessmentBody>,
    /// Omit for the first record of that date; the version read to amend it (409 otherwise).
    #[serde(default)]
    pub version: Option<i64>,
}

/// The review of a cluster's pact on a date: the recorded one, or the members' values as reported by then.
#[utoipa::path(get, path = "/api/v1/campaigns/{id}/pacts/{cluster_id}/reviews", tag = "campaigns", params(OnQuery), responses((status = 200, body = PactReview), (status = 400, body = crate::error::ApiErrorBody), (status = 404, body = crate::error::ApiErrorBody)))]
async fn review(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, cluster)): Path<(String, String)>,
    ApiQuery(q): ApiQuery<OnQuery>,
) -> ApiResult<Json<PactReview>> {
    let on = match q.on.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(raw) => Some(parse(raw).ok_or_else(|| {
            bad(format!(
                "Tham số on (ngày sơ kết) \u{201c}{raw}\u{201d} không phải là ngày hợp lệ."
            ))
        })?),
        None => None,
    };
    let s = ops::sheet(&state.db, &ctx, &id, &cluster, on).await?;
    Ok(Json(s.into()))
}

/// Records the review of a cluster's pact on a date (the office or the officer of the cluster's
/// leading unit); with the version read, amends the one of that date.
#[utoipa::path(post, path = "/api/v1/campaigns/{id}/pacts/{cluster_id}/reviews", tag = "campaigns", request_body = PactReviewBody, responses((status = 201, body = PactReview), (status = 200, body = PactReview), (status = 403, body = crate::error::ApiErrorBody), (status = 404, body = crate::error::ApiErrorBody), (status = 409, body = crate::error::ApiErrorBody), (status = 422, body = crate::error::ApiErrorBody)))]
async fn record(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, cluster)): Path<(String, String)>,
    ApiJson(b): ApiJson<PactReviewBody>,
) -> ApiResult<(StatusCode, Json<PactReview>)> {
    let input = PactReviewInput {
        reviewed_on: b.reviewed_on.clone().unwrap_or_default(),
        summary: b.summary.clone().unwrap_or_default(),
        members: b
            .members
            .iter()
            .map(|m| {
                (
                    m.unit_id.clone(),
                    m.assessment.clone(),
                    m.comment.clone().unwrap_or_default(),
                )
            })
            .collect(),
    };
    let row = ops::record(&state.db, &ctx, &id, &cluster, b.version, &input).await?;
    let on = thidua_domain::date::parse(&row.reviewed_on);
    let s = ops::sheet(&state.db, &ctx, &id, &cluster, on).await?;
    let status = if row.version == 1 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(s.into())))
}
