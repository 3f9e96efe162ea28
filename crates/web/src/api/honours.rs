//! API of the award history (ledger): read a person's or unit's history (a unit's includes its
//! predecessors'), record entries, check eligibility for a title or form with every rule and its
//! article, the roadmap, and the history import.

use super::org::need_version as version_required;
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiErrorBody, AppError};
use crate::ops::honours::{
    self as ops, AwardInput, DisciplineInput, EligibilityInput, InitiativeInput, RatingInput,
    SubjectKind,
};
use crate::ops::import::ImportReport;
use crate::ops::model::{AwardRow, DisciplineRow, InitiativeRow, RatingRow};
use axum::Json;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_ledger))
        .routes(routes!(add_award))
        .routes(routes!(update_award))
        .routes(routes!(set_rating))
        .routes(routes!(add_discipline))
        .routes(routes!(add_initiative))
        .routes(routes!(add_review))
        .routes(routes!(resolve_review))
        .routes(routes!(eligibility))
        .routes(routes!(roadmap))
        .routes(routes!(import_history))
}

fn subject_kind(s: &str) -> Result<SubjectKind, ApiError> {
    match s {
        "person" => Ok(SubjectKind::Person),
        "unit" => Ok(SubjectKind::Unit),
        _ => Err(ApiError(AppError::NotFound)),
    }
}

/// One title or form received.
#[derive(Debug, Serialize, ToSchema)]
pub struct Award {
    pub id: String,
    /// `person` or `unit` (for a merged unit: possibly a predecessor).
    pub subject_type: String,
    pub subject_id: String,
    /// Catalog code.
    pub code: String,
    /// Vietnamese name of the title or form.
    pub name: String,
    pub year: i64,
    pub kind: String,
    pub decision_no: Option<String>,
    /// `yyyy-mm-dd`
    pub decision_date: Option<String>,
    pub issuer: Option<String>,
    pub golden_book_no: Option<i64>,
    pub achievement_id: Option<String>,
    pub achievement: Option<String>,
    pub revoked: bool,
    /// Send back on update; a stale version is refused with 409.
    pub version: i64,
}

impl Award {
    /// The award with its name from the organisation's catalog.
    fn named(a: AwardRow, catalog: &thidua_rules::Catalog) -> Self {
        let name = catalog
            .find(&a.code)
            .map(|e| e.name.clone())
            .unwrap_or_else(|| a.code.clone());
        Award {
            id: a.id,
            subject_type: a.subject_type,
            subject_id: a.subject_id,
            code: a.code,
            name,
            year: a.year,
            kind: a.kind,
            decision_no: a.decision_no,
            decision_date: a.decision_date,
            issuer: a.issuer,
            golden_book_no: a.golden_book_no,
            achievement_id: a.achievement_id,
            achievement: a.achievement,
            revoked: a.revoked,
            version: a.version,
        }
    }
}

/// A yearly rating.
#[derive(Debug, Serialize, ToSchema)]
pub struct RatingEntry {
    pub id: String,
    pub subject_id: String,
    pub year: i64,
    /// `excellent`, `good`, `completed`, `not_completed`.
    pub rating: String,
    pub version: i64,
}

impl From<RatingRow> for RatingEntry {
    fn from(r: RatingRow) -> Self {
        RatingEntry {
            id: r.id,
            subject_id: r.subject_id,
            year: r.year,
            rating: r.rating,
            version: r.version,
        }
    }
}

/// A discipline and its period.
#[derive(Debug, Serialize, ToSchema)]
pub struct DisciplineEntry {
    pub id: String,
    pub subject_id: String,
    pub level: String,
    pub from_date: String,
    pub to_date: String,
    pub note: Option<String>,
}

impl From<DisciplineRow> for DisciplineEntry {
    fn from(d: DisciplineRow) -> Self {
        DisciplineEntry {
            id: d.id,
            subject_id: d.subject_id,
            level: d.level,
            from_date: d.from_date,
            to_date: d.to_date,
            note: d.note,
        }
    }
}

/// An initiative.
#[derive(Debug, Serialize, ToSchema)]
pub struct InitiativeEntry {
    pub id: String,
    pub subject_id: String,
    pub name: String,
    pub year: i64,
    pub level: String,
    pub research: bool,
    pub applied_in: Option<String>,
    pub used_by_award_id: Option<String>,
}

impl From<InitiativeRow> for InitiativeEntry {
    fn from(i: InitiativeRow) -> Self {
        InitiativeEntry {
            id: i.id,
            subject_id: i.subject_id,
            name: i.name,
            year: i.year,
            level: i.level,
            research: i.research,
            applied_in: i.applied_in,
            used_by_award_id: i.used_by_award_id,
        }
    }
}

/// A predecessor unit whose history is included.
#[derive(Debug, Serialize, ToSchema)]
pub struct Predecessor {
    pub id: String,
    pub name: String,
}

/// The whole history of a person or unit.
#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerView {
    pub subject_type: String,
    pub subject_id: String,
    pub name: String,
    pub predecessors: Vec<Predecessor>,
    pub awards: Vec<Award>,
    pub ratings: Vec<RatingEntry>,
    pub disciplines: Vec<DisciplineEntry>,
    pub initiatives: Vec<InitiativeEntry>,
}

#[utoipa::path(get, path = "/api/v1/ledger/{subject}/{id}", tag = "honours", params(("subject" = String, Path, description = "person | unit"), ("id" = String, Path)), responses((status = 200, body = LedgerView), (status = 404, body = ApiErrorBody)))]
async fn get_ledger(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((subject, id)): Path<(String, String)>,
) -> Result<Json<LedgerView>, ApiError> {
    let kind = subject_kind(&subject)?;
    let h = ops::history(&state.db, &ctx, kind, &id).await?;
    let rules = ops::rules_for(&state.db, ctx.org_id()).await?;
    Ok(Json(LedgerView {
        subject_type: kind.code().into(),
        subject_id: h.subject.id,
        name: h.subject.name,
        predecessors: h
            .predecessors
            .into_iter()
            .map(|(id, name)| Predecessor { id, name })
            .collect(),
        awards: h
            .stored
            .awards
            .into_iter()
            .map(|a| Award::named(a, rules.catalog()))
            .collect(),
        ratings: h.stored.ratings.into_iter().map(Into::into).collect(),
        disciplines: h.stored.disciplines.into_iter().map(Into::into).collect(),
        initiatives: h.stored.initiatives.into_iter().map(Into::into).collect(),
    }))
}

#[utoipa::path(post, path = "/api/v1/ledger/{subject}/{id}/awards", tag = "honours", params(("subject" = String, Path, description = "person | unit"), ("id" = String, Path)), request_body = AwardInput, responses((status = 201, body = Award), (status = 422, body = ApiErrorBody)))]
async fn add_award(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((subject, id)): Path<(String, String)>,
    Json(b): Json<AwardInput>,
) -> Result<(StatusCode, Json<Award>), ApiError> {
    let row = ops::add_award(&state.db, &ctx, subject_kind(&subject)?, &id, &b).await?;
    let rules = ops::rules_for(&state.db, ctx.org_id()).await?;
    Ok((
        StatusCode::CREATED,
        Json(Award::named(row, rules.catalog())),
    ))
}

/// An award edit with the version read.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AwardUpdate {
    #[serde(flatten)]
    pub input: AwardInput,
    pub version: Option<i64>,
}

#[utoipa::path(put, path = "/api/v1/ledger/awards/{award_id}", tag = "honours", request_body = AwardUpdate, responses((status = 200, body = Award), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update_award(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(award_id): Path<String>,
    Json(b): Json<AwardUpdate>,
) -> Result<Json<Award>, ApiError> {
    let version = version_required(b.version)?;
    let row = ops::update_award(&state.db, &ctx, &award_id, version, &b.input).await?;
    let rules = ops::rules_for(&state.db, ctx.org_id()).await?;
    Ok(Json(Award::named(row, rules.catalog())))
}

#[utoipa::path(post, path = "/api/v1/ledger/{subject}/{id}/ratings", tag = "honours", params(("subject" = String, Path, description = "person | unit"), ("id" = String, Path)), request_body = RatingInput, responses((status = 200, body = RatingEntry), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn set_rating(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((subject, id)): Path<(String, String)>,
    Json(b): Json<RatingInput>,
) -> Result<Json<RatingEntry>, ApiError> {
    Ok(Json(
        ops::set_rating(&state.db, &ctx, subject_kind(&subject)?, &id, &b)
            .await?
            .into(),
    ))
}

#[utoipa::path(post, path = "/api/v1/ledger/{subject}/{id}/disciplines", tag = "honours", params(("subject" = String, Path, description = "person | unit"), ("id" = String, Path)), request_body = DisciplineInput, responses((status = 201, body = DisciplineEntry), (status = 422, body = ApiErrorBody)))]
async fn add_discipline(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((subject, id)): Path<(String, String)>,
    Json(b): Json<DisciplineInput>,
) -> Result<(StatusCode, Json<DisciplineEntry>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(
            ops::add_discipline(&state.db, &ctx, subject_kind(&subject)?, &id, &b)
                .await?
                .into(),
        ),
    ))
}

#[utoipa::path(post, path = "/api/v1/ledger/{subject}/{id}/initiatives", tag = "honours", params(("subject" = String, Path, description = "person | unit"), ("id" = String, Path)), request_body = InitiativeInput, responses((status = 201, body = InitiativeEntry), (status = 422, body = ApiErrorBody)))]
async fn add_initiative(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((subject, id)): Path<(String, String)>,
    Json(b): Json<InitiativeInput>,
) -> Result<(StatusCode, Json<InitiativeEntry>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(
            ops::add_initiative(&state.db, &ctx, subject_kind(&subject)?, &id, &b)
                .await?
                .into(),
        ),
    ))
}

/// One rule's result.
#[derive(Debug, Serialize, ToSchema)]
pub struct Check {
    /// Rule id (stable, for programs).
    pub rule: String,
    /// `pass`, `fail`, `unknown`.
    pub outcome: String,
    /// Đạt / Không đạt / Chưa xác định.
    pub outcome_label: String,
    /// `blocking`, `warning`, `info`.
    pub severity: String,
    /// Article cited.
    pub article: String,
    /// Vietnamese explanation with the facts and the article.
    pub message: String,
    /// Facts used, in Vietnamese.
    pub facts: Vec<String>,
    pub branch: Option<String>,
}

/// The evaluation of a proposed title or form.
#[derive(Debug, Serialize, ToSchema)]
pub struct Eligibility {
    pub code: String,
    pub name: String,
    pub year: i32,
    /// `eligible`, `undetermined`, `ineligible`.
    pub verdict: String,
    /// Vietnamese verdict.
    pub verdict_label: String,
    /// Ids of the rule sets applied (in force on the date), base first.
    pub rule_sets: Vec<String>,
    pub checks: Vec<Check>,
    /// Reward money explained (multiplier × base salary in force), when the entry carries money.
    pub reward: Option<String>,
    /// Vietnamese summary paragraph.
    pub summary: String,
}

#[utoipa::path(post, path = "/api/v1/ledger/{subject}/{id}/eligibility", tag = "honours", params(("subject" = String, Path, description = "person | unit"), ("id" = String, Path)), request_body = EligibilityInput, responses((status = 200, body = Eligibility), (status = 422, body = ApiErrorBody), (status = 404, body = ApiErrorBody)))]
async fn eligibility(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((subject, id)): Path<(String, String)>,
    Json(b): Json<EligibilityInput>,
) -> Result<Json<Eligibility>, ApiError> {
    let kind = subject_kind(&subject)?;
    let (_, e) = ops::evaluate(&state.db, &ctx, kind, &id, &b).await?;
    let rules = ops::rules_for(&state.db, ctx.org_id()).await?;
    let date = thidua_domain::date::parse(&b.date).unwrap_or_else(crate::ops::today);
    let checks = e
        .checks
        .iter()
        .map(|c| Check {
            rule: c.rule.clone(),
            outcome: ops::code_of(&c.outcome),
            outcome_label: c.outcome.label().into(),
            severity: format!("{:?}", c.severity).to_lowercase(),
            article: c.article.clone(),
            message: c.message.clone(),
            facts: c.facts.clone(),
            branch: c.branch.clone(),
        })
        .collect();
    Ok(Json(Eligibility {
        code: e.code.to_string(),
        name: e.name.clone(),
        year: e.year,
        verdict: ops::code_of(&e.verdict),
        verdict_label: e.verdict.label().into(),
        rule_sets: e.rule_sets.clone(),
        checks,
        reward: ops::reward_text(&rules, &e.code, kind, date),
        summary: e.summary(),
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct RoadmapQuery {
    /// `VN` (default) or a province code with its own rule set.
    jurisdiction: Option<String>,
}

/// One honour within reach.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoadmapEntry {
    pub code: String,
    pub name: String,
    pub branch: Option<String>,
    pub eligible_now: bool,
    /// Earliest year of achievement it could be met, if within the horizon.
    pub earliest_year: Option<i32>,
    pub missing: Vec<String>,
    pub assumptions: Vec<String>,
}

#[utoipa::path(get, path = "/api/v1/ledger/{subject}/{id}/roadmap", tag = "honours", params(("subject" = String, Path, description = "person | unit"), ("id" = String, Path), RoadmapQuery), responses((status = 200, body = Vec<RoadmapEntry>), (status = 404, body = ApiErrorBody)))]
async fn roadmap(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((subject, id)): Path<(String, String)>,
    Query(q): Query<RoadmapQuery>,
) -> Result<Json<Vec<RoadmapEntry>>, ApiError> {
    let kind = subject_kind(&subject)?;
    let h = ops::history(&state.db, &ctx, kind, &id).await?;
    let j = match q
        .jurisdiction
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(j) => thidua_rules::Jurisdiction::new(j.to_uppercase()),
        None => thidua_rules::Jurisdiction::national(),
    };
    let rules = ops::rules_for(&state.db, ctx.org_id()).await?;
    let items = ops::roadmap(&rules, &h, crate::ops::today(), &j)?;
    Ok(Json(
        items
            .into_iter()
            .map(|i| RoadmapEntry {
                code: i.code.to_string(),
                name: i.name,
                branch: i.branch,
                eligible_now: i.eligible_now,
                earliest_year: i.earliest_year,
                missing: i.missing,
                assumptions: i.assumptions,
            })
            .collect(),
    ))
}

/// Imports history (ratings, titles, forms) from an XLSX/CSV file (multipart field `file`). All rows
/// or none: when `errors` is not empty (status 422), nothing was saved.
#[utoipa::path(post, path = "/api/v1/ledger/import", tag = "honours", responses((status = 200, body = ImportReport), (status = 422, body = ImportReport), (status = 400, body = ApiErrorBody)))]
async fn import_history(
    State(state): State<AppState>,
    ctx: Ctx,
    form: Multipart,
) -> Result<(StatusCode, Json<ImportReport>), ApiError> {
    let (name, bytes) = crate::pages::read_upload(form, state.config.max_upload_bytes).await?;
    let report = crate::ops::history_import::import_history(&state.db, &ctx, &bytes, &name).await?;
    let status = if report.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, Json(report)))
}

/// A review open (or closed) about a person or unit; while open it blocks awards (ND 152 Điều 4(4)).
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewEntry {
    pub id: String,
    /// `discipline`, `investigation`, `inspection`, `complaint` or `press`.
    pub kind: String,
    pub kind_label: String,
    /// ISO date.
    pub since: String,
    /// ISO date, once closed.
    pub resolved_on: Option<String>,
    pub note: Option<String>,
}

impl From<crate::ops::honours::reviews::ReviewRow> for ReviewEntry {
    fn from(r: crate::ops::honours::reviews::ReviewRow) -> Self {
        ReviewEntry {
            kind_label: crate::ops::honours::reviews::kind_label(&r.kind).to_string(),
            id: r.id,
            kind: r.kind,
            since: r.since,
            resolved_on: r.resolved_on,
            note: r.note,
        }
    }
}

#[utoipa::path(post, path = "/api/v1/ledger/{subject}/{id}/reviews", tag = "honours", params(("subject" = String, Path, description = "person | unit"), ("id" = String, Path)), request_body = crate::ops::honours::reviews::ReviewInput, responses((status = 201, body = ReviewEntry), (status = 422, body = ApiErrorBody)))]
async fn add_review(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((subject, id)): Path<(String, String)>,
    Json(b): Json<crate::ops::honours::reviews::ReviewInput>,
) -> Result<(StatusCode, Json<ReviewEntry>), ApiError> {
    let r =
        crate::ops::honours::reviews::add_review(&state.db, &ctx, subject_kind(&subject)?, &id, &b)
            .await?;
    Ok((StatusCode::CREATED, Json(r.into())))
}

#[utoipa::path(post, path = "/api/v1/ledger/{subject}/{id}/reviews/{review_id}/resolve", tag = "honours", params(("subject" = String, Path, description = "person | unit"), ("id" = String, Path), ("review_id" = String, Path)), request_body = crate::ops::honours::reviews::ResolveInput, responses((status = 200, body = ReviewEntry), (status = 422, body = ApiErrorBody)))]
async fn resolve_review(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((subject, id, review_id)): Path<(String, String, String)>,
    Json(b): Json<crate::ops::honours::reviews::ResolveInput>,
) -> Result<Json<ReviewEntry>, ApiError> {
    let r = crate::ops::honours::reviews::resolve_review(
        &state.db,
        &ctx,
        subject_kind(&subject)?,
        &id,
        &review_id,
        &b,
    )
    .await?;
    Ok(Json(r.into()))
}
