//! API of the register of initiatives (sáng kiến): list and search, register, read, edit while
//! proposed, withdraw, send to the council, record a council session, and use a recognised initiative
//! as the basis of a title or an award (once; a second use is refused naming the first).

use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{ApiError, ApiErrorBody};
use crate::ops::initiatives::session::{self, SessionInput};
use crate::ops::initiatives::uses::{self, Target, UseInput};
use crate::ops::initiatives::{
    self as ops, AuthorRow, InitiativeInput, InitiativeRow, ListQuery, SessionRow, UseRow,
};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use thidua_domain::initiative::Event;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

type ApiResult<T> = Result<T, ApiError>;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, register))
        .routes(routes!(get_one, update))
        .routes(routes!(withdraw))
        .routes(routes!(send_to_council))
        .routes(routes!(use_as_basis, targets))
        .routes(routes!(record_session))
        .routes(routes!(get_session))
}

/// An initiative of the register.
#[derive(Debug, Serialize, ToSchema)]
pub struct Initiative {
    pub id: String,
    pub unit_id: String,
    pub name: String,
    pub field: String,
    /// `yyyy-mm-dd`
    pub applied_on: String,
    pub year: i64,
    pub description: String,
    pub research: bool,
    /// `proposed`, `under_evaluation`, `recognised`, `not_recognised`, `withdrawn`.
    pub status: String,
    /// `base`, `province`, `national` once recognised.
    pub level: Option<String>,
    pub scope_note: Option<String>,
    pub session_id: Option<String>,
    /// Send back on update; a stale version is refused with 409.
    pub version: i64,
}

impl From<InitiativeRow> for Initiative {
    fn from(r: InitiativeRow) -> Self {
        Initiative {
            id: r.id,
            unit_id: r.unit_id,
            name: r.name,
            field: r.field,
            applied_on: r.applied_on,
            year: r.year,
            description: r.description,
            research: r.research,
            status: r.status,
            level: r.level,
            scope_note: r.scope_note,
            session_id: r.session_id,
            version: r.version,
        }
    }
}

/// An author and their share (per cent).
#[derive(Debug, Serialize, ToSchema)]
pub struct Author {
    pub person_id: String,
    pub full_name: String,
    pub share: f64,
}

impl From<AuthorRow> for Author {
    fn from(a: AuthorRow) -> Self {
        Author {
            person_id: a.person_id,
            full_name: a.full_name,
            share: a.share_bp as f64 / 100.0,
        }
    }
}

/// The use of an initiative as a basis.
#[derive(Debug, Serialize, ToSchema)]
pub struct Use {
    /// `award` or `nomination`.
    pub target_type: String,
    pub target_id: String,
    pub person_id: String,
    /// What it was used for, in words.
    pub label: String,
    pub created_at: String,
}

impl From<UseRow> for Use {
    fn from(u: UseRow) -> Self {
        Use {
            target_type: u.target_type,
            target_id: u.target_id,
            person_id: u.person_id,
            label: u.label,
            created_at: u.created_at,
        }
    }
}

/// An initiative with its unit, authors and use.
#[derive(Debug, Serialize, ToSchema)]
pub struct InitiativeDetail {
    #[serde(flatten)]
    pub initiative: Initiative,
    pub unit_name: String,
    pub authors: Vec<Author>,
    pub used: Option<Use>,
    pub files: Vec<FileEntry>,
}

/// A file of the dossier (download it at `/initiatives/files/{id}`).
#[derive(Debug, Serialize, ToSchema)]
pub struct FileEntry {
    pub id: String,
    pub file_name: String,
    pub size_bytes: i64,
}

/// A council session.
#[derive(Debug, Serialize, ToSchema)]
pub struct Session {
    pub id: String,
    /// `initiative` or `science`.
    pub council: String,
    /// `yyyy-mm-dd`
    pub held_on: String,
    pub minutes_no: String,
    pub members_present: Vec<String>,
    pub note: Option<String>,
    /// The initiatives it decided on (those the caller may read).
    pub decided: Vec<Initiative>,
}

fn session_dto(s: SessionRow, decided: Vec<InitiativeRow>) -> Session {
    Session {
        id: s.id,
        council: s.council,
        held_on: s.held_on,
        minutes_no: s.minutes_no,
        members_present: s.members_present.lines().map(str::to_string).collect(),
        note: s.note,
        decided: decided.into_iter().map(Initiative::from).collect(),
    }
}

/// The version of a withdrawal or a sending.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct VersionBody {
    pub version: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/initiatives", tag = "initiatives", params(ListQuery), responses((status = 200, body = Vec<Initiative>)))]
async fn list(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<ListQuery>,
) -> ApiResult<Json<Vec<Initiative>>> {
    let rows = ops::list(&state.db, &ctx, &q).await?;
    Ok(Json(rows.into_iter().map(|l| l.row.into()).collect()))
}

/// Registers an initiative for a unit (a unit officer: one of their units), with its authors.
#[utoipa::path(post, path = "/api/v1/initiatives", tag = "initiatives", request_body = InitiativeInput, responses((status = 201, body = Initiative), (status = 422, body = ApiErrorBody), (status = 403, body = ApiErrorBody)))]
async fn register(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(body): Json<InitiativeInput>,
) -> ApiResult<(StatusCode, Json<Initiative>)> {
    let r = ops::register(&state.db, &ctx, &body).await?;
    Ok((StatusCode::CREATED, Json(r.into())))
}

#[utoipa::path(get, path = "/api/v1/initiatives/{id}", tag = "initiatives", responses((status = 200, body = InitiativeDetail), (status = 404, body = ApiErrorBody)))]
async fn get_one(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<Json<InitiativeDetail>> {
    let v = ops::view(&state.db, &ctx, &id).await?;
    Ok(Json(InitiativeDetail {
        unit_name: v.unit_name,
        authors: v.authors.into_iter().map(Author::from).collect(),
        used: v.used.map(Use::from),
        files: v
            .files
            .into_iter()
            .map(|f| FileEntry {
                id: f.id,
                file_name: f.file_name,
                size_bytes: f.size_bytes,
            })
            .collect(),
        initiative: v.row.into(),
    }))
}

/// Edits an initiative its unit still proposes; `version` must be the one read (409 otherwise).
#[utoipa::path(put, path = "/api/v1/initiatives/{id}", tag = "initiatives", request_body = InitiativeInput, responses((status = 200, body = Initiative), (status = 409, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(body): Json<InitiativeInput>,
) -> ApiResult<Json<Initiative>> {
    super::org::need_version(body.version)?;
    Ok(Json(ops::update(&state.db, &ctx, &id, &body).await?.into()))
}

#[utoipa::path(post, path = "/api/v1/initiatives/{id}/withdraw", tag = "initiatives", request_body = VersionBody, responses((status = 200, body = Initiative), (status = 409, body = ApiErrorBody)))]
async fn withdraw(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(b): Json<VersionBody>,
) -> ApiResult<Json<Initiative>> {
    step(&state, &ctx, &id, Event::Withdraw, b.version).await
}

/// Moves the initiative on by `event` and answers it.
async fn step(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    event: Event,
    version: Option<i64>,
) -> ApiResult<Json<Initiative>> {
    Ok(Json(
        ops::step(&state.db, ctx, id, event, version).await?.into(),
    ))
}

/// Sends a proposed initiative to the council (the standing office).
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/send-to-council", tag = "initiatives", request_body = VersionBody, responses((status = 200, body = Initiative), (status = 403, body = ApiErrorBody)))]
async fn send_to_council(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(b): Json<VersionBody>,
) -> ApiResult<Json<Initiative>> {
    step(&state, &ctx, &id, Event::SendToCouncil, b.version).await
}

/// Uses a recognised initiative as the basis of an author's title, award or nomination; a second use
/// is refused (422) with a message naming the first.
#[utoipa::path(post, path = "/api/v1/initiatives/{id}/uses", tag = "initiatives", request_body = UseInput, responses((status = 201, body = Use), (status = 422, body = ApiErrorBody)))]
async fn use_as_basis(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Json(b): Json<UseInput>,
) -> ApiResult<(StatusCode, Json<Use>)> {
    let u = uses::use_as_basis(&state.db, &ctx, &id, &b).await?;
    Ok((StatusCode::CREATED, Json(u.into())))
}

/// The authors' titles, awards and nominations the initiative may be used for.
#[utoipa::path(get, path = "/api/v1/initiatives/{id}/uses", tag = "initiatives", responses((status = 200, body = Vec<Target>)))]
async fn targets(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<Target>>> {
    Ok(Json(uses::targets(&state.db, &ctx, &id).await?))
}

/// Records a session of the initiative council and its result for each initiative sent to it.
#[utoipa::path(post, path = "/api/v1/initiatives/sessions", tag = "initiatives", request_body = SessionInput, responses((status = 201, body = Session), (status = 403, body = ApiErrorBody), (status = 422, body = ApiErrorBody)))]
async fn record_session(
    State(state): State<AppState>,
    ctx: Ctx,
    Json(b): Json<SessionInput>,
) -> ApiResult<(StatusCode, Json<Session>)> {
    let s = session::record(&state.db, &ctx, &b).await?;
    let v = session::view(&state.db, &ctx, &s.id).await?;
    Ok((StatusCode::CREATED, Json(session_dto(v.session, v.decided))))
}

#[utoipa::path(get, path = "/api/v1/initiatives/sessions/{id}", tag = "initiatives", responses((status = 200, body = Session), (status = 404, body = ApiErrorBody)))]
async fn get_session(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> ApiResult<Json<Session>> {
    let v = session::view(&state.db, &ctx, &id).await?;
    Ok(Json(session_dto(v.session, v.decided)))
}
