//! API of decisions of award: list and make decisions, read one, revoke a line (Law Điều 93),
//! download the package of a nomination forwarded upward (and forward one), and the public
//! verification of a certificate code (no login).

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiErrorBody, AppError};
use crate::ops::decisions::{
    self as ops, DecisionInput, RevokeInput, YearTotal, public::Verification,
};
use crate::ops::model::{DecisionRow, LineView};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_decisions, create_decision))
        .routes(routes!(get_decision))
        .routes(routes!(revoke_line))
        .routes(routes!(forward_package, forward_nomination))
        .routes(routes!(higher_answer))
        .routes(routes!(verify))
}

/// A decision (without its lines).
#[derive(Debug, Serialize, ToSchema)]
pub struct Decision {
    pub id: String,
    pub number: String,
    /// `yyyy-mm-dd`
    pub signed_on: String,
    pub issuer: String,
    pub signer_title: Option<String>,
    pub signer_name: String,
    pub title: String,
    pub place: Option<String>,
    /// Total reward money in đồng.
    pub total_amount: i64,
    pub lines: i64,
}

fn decision(d: DecisionRow, lines: i64) -> Decision {
    Decision {
        id: d.id,
        number: d.number,
        signed_on: d.signed_on,
        issuer: d.issuer,
        signer_title: d.signer_title,
        signer_name: d.signer_name,
        title: d.title,
        place: d.place,
        total_amount: d.total_amount,
        lines,
    }
}

/// One awardee of a decision.
#[derive(Debug, Serialize, ToSchema)]
pub struct Line {
    pub id: String,
    pub nomination_id: String,
    /// Số sổ vàng, 1..n within the decision.
    pub golden_book_no: i64,
    pub nominee_type: String,
    pub nominee: String,
    pub unit: String,
    pub code: String,
    pub award: String,
    pub achievement: String,
    /// đồng; `null` when the catalog sets no money for this form ("chưa có mức").
    pub amount: Option<i64>,
    pub verify_code: String,
    pub award_id: Option<String>,
    pub confidential: bool,
    pub revoked: bool,
    pub revoked_reason: Option<String>,
    pub revoked_by: Option<String>,
}

fn line(l: LineView, award: String) -> Line {
    Line {
        award,
        id: l.id,
        nomination_id: l.nomination_id,
        golden_book_no: l.golden_book_no,
        nominee_type: l.nominee_type,
        nominee: l.nominee_name,
        unit: l.unit_name,
        code: l.code,
        achievement: l.achievement,
        amount: l.amount,
        verify_code: l.verify_code,
        award_id: l.award_id,
        confidential: l.confidential,
        revoked: l.revoked_at.is_some(),
        revoked_reason: l.revoked_reason,
        revoked_by: l.revoked_by,
    }
}

/// A decision with its lines.
#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionDetail {
    #[serde(flatten)]
    pub decision: Decision,
    pub items: Vec<Line>,
}

/// The decisions with the totals per year.
#[derive(Debug, Serialize, ToSchema)]
pub struct DecisionList {
    pub decisions: Vec<Decision>,
    pub years: Vec<YearTotal>,
}

#[utoipa::path(get, path = "/api/v1/decisions", tag = "decisions", responses((status = 200, body = DecisionList), (status = 403, body = ApiErrorBody)))]
async fn list_decisions(
    State(state): State<AppState>,
    ctx: Ctx,
) -> Result<Json<DecisionList>, ApiError> {
    let rows = ops::list(&state.db, &ctx).await?;
    let years = ops::year_totals(&rows);
    Ok(Json(DecisionList {
        decisions: rows.into_iter().map(|(d, n)| decision(d, n)).collect(),
        years,
    }))
}

#[utoipa::path(post, path = "/api/v1/decisions", tag = "decisions", request_body = DecisionInput, responses((status = 201, body = DecisionDetail), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn create_decision(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(b): Json<DecisionInput>,
) -> Result<(StatusCode, Json<DecisionDetail>), ApiError> {
    let d = ops::decide(&state.db, &ctx, &b).await?;
    Ok((
        StatusCode::CREATED,
        Json(detail(&state, &ctx, &d.id).await?),
    ))
}

async fn detail(state: &AppState, ctx: &Ctx, id: &str) -> Result<DecisionDetail, AppError> {
    let v = ops::get(&state.db, ctx, id).await?;
    let n = i64::try_from(v.lines.len()).unwrap_or(0);
    let items = v
        .lines
        .iter()
        .map(|l| line(l.clone(), v.award(&l.code)))
        .collect();
    Ok(DecisionDetail {
        decision: decision(v.decision, n),
        items,
    })
}

#[utoipa::path(get, path = "/api/v1/decisions/{id}", tag = "decisions", params(("id" = String, Path)), responses((status = 200, body = DecisionDetail), (status = 404, body = ApiErrorBody)))]
async fn get_decision(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Json<DecisionDetail>, ApiError> {
    Ok(Json(detail(&state, &ctx, &id).await?))
}

#[utoipa::path(post, path = "/api/v1/decisions/{id}/lines/{line}/revoke", tag = "decisions", params(("id" = String, Path), ("line" = String, Path)), request_body = RevokeInput, responses((status = 200, body = DecisionDetail), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn revoke_line(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, line_id)): Path<(String, String)>,
    Json(b): Json<RevokeInput>,
) -> Result<Json<DecisionDetail>, ApiError> {
    ops::revoke_line(&state.db, &ctx, &id, &line_id, &b).await?;
    Ok(Json(detail(&state, &ctx, &id).await?))
}

/// A stored forwarding package.
#[derive(Debug, Serialize, ToSchema)]
pub struct ForwardPackage {
    pub nomination_id: String,
    /// The authority it is sent to.
    pub authority: String,
    pub file_name: String,
    pub size_bytes: i64,
    pub sha256: String,
}

#[utoipa::path(post, path = "/api/v1/nominations/{id}/forward-package", tag = "decisions", params(("id" = String, Path)), responses((status = 201, body = ForwardPackage), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn forward_nomination(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<(StatusCode, Json<ForwardPackage>), ApiError> {
    let r = ops::forward::forward(&state.db, state.blobs(), &ctx, &id).await?;
    Ok((
        StatusCode::CREATED,
        Json(ForwardPackage {
            nomination_id: r.nomination_id,
            authority: r.authority,
            file_name: r.file_name,
            size_bytes: r.size_bytes,
            sha256: r.sha256,
        }),
    ))
}

/// The higher level's answer to a forwarded dossier, as recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct HigherAnswer {
    pub nomination_id: String,
    pub awarded: bool,
    pub decision_no: Option<String>,
    /// ISO date.
    pub decided_on: Option<String>,
    pub issuer: Option<String>,
    pub golden_book_no: Option<i64>,
    pub note: Option<String>,
    pub recorded_at: String,
}

/// Records the higher level's answer (awarded or not, by which decision); an award enters the
/// nominee's history. One answer per forwarded dossier.
#[utoipa::path(post, path = "/api/v1/nominations/{id}/higher-answer", tag = "decisions", params(("id" = String, Path)), request_body = crate::ops::decisions::forward_answer::AnswerInput, responses((status = 201, body = HigherAnswer), (status = 403, body = ApiErrorBody), (status = 404, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn higher_answer(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(b): Json<crate::ops::decisions::forward_answer::AnswerInput>,
) -> Result<(StatusCode, Json<HigherAnswer>), ApiError> {
    let a = ops::forward_answer::record(&state.db, &ctx, &id, &b).await?;
    Ok((
        StatusCode::CREATED,
        Json(HigherAnswer {
            nomination_id: a.nomination_id,
            awarded: a.awarded,
            decision_no: a.decision_no,
            decided_on: a.decided_on,
            issuer: a.issuer,
            golden_book_no: a.golden_book_no,
            note: a.note,
            recorded_at: a.recorded_at,
        }),
    ))
}

/// A ZIP download under an ASCII file name.
pub fn zip_response(file_name: &str, bytes: Vec<u8>) -> Response {
    let ascii: String = thidua_domain::text::fold(file_name)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    (
        [
            (header::CONTENT_TYPE, "application/zip".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

#[utoipa::path(get, path = "/api/v1/nominations/{id}/forward-package", tag = "decisions", params(("id" = String, Path)), responses((status = 200, content_type = "application/zip", description = "ZIP: ho_so.json and the dossier files"), (status = 404, body = ApiErrorBody)))]
async fn forward_package(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let (name, bytes) = ops::forward::package(&state.db, state.blobs(), &ctx, &id).await?;
    Ok(zip_response(&name, bytes))
}

#[utoipa::path(get, path = "/api/v1/public/verify/{code}", tag = "decisions", params(("code" = String, Path, description = "8-character code printed on the certificate")), responses((status = 200, body = Verification), (status = 404, body = ApiErrorBody)))]
async fn verify(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<Verification>, ApiError> {
    Ok(Json(
        ops::public::verify(&state.db, &code)
            .await?
            .ok_or(AppError::NotFound)?,
    ))
}
