//! The page of one nomination: its data, the documents required and present with the upload form, the
//! warnings kept at submission, the timeline, and the steps the user may take (send, withdraw, forward,
//! return with reasons, accept for the form asked or a lower one). A refused step shows the page again
//! with the reasons.

use super::super::campaigns::upload::{field, read_form};
use super::super::{Flash, Layout, local_time, render, see_other, version_of};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::nominations::facts::{FactInput, FactView};
use crate::ops::nominations::{self as ops, DocStatus, NominationView};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use serde::Deserialize;
use thidua_domain::Validation;
use thidua_domain::nomination::{NominationAction, NominationStatus, Part};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/nominations/{id}", get(show))
        .route("/nominations/{id}/documents", post(upload))
        .route("/nominations/{id}/step", post(step))
        .route("/nomination_documents/{doc}", get(download))
        .route("/nominations/{id}/report.docx", get(report))
        .route("/nominations/{id}/facts", post(confirm_fact))
}

/// A timeline line.
pub struct Event {
    pub at: String,
    pub who: String,
    pub what: &'static str,
    pub to: &'static str,
    pub round: i64,
    pub note: String,
}

pub struct Doc {
    pub id: String,
    pub name: String,
    pub file_name: String,
    pub votes: String,
    pub round: i64,
}

#[derive(Template)]
#[template(path = "nominations/show.html")]
struct ShowPage {
    l: Layout,
    n: NominationView,
    status_label: &'static str,
    kind_label: String,
    type_label: &'static str,
    procedure_label: &'static str,
    original_name: String,
    required: Vec<DocStatus>,
    docs: Vec<Doc>,
    doc_kinds: Vec<(String, String)>,
    /// The document kind the upload form starts on: the first one still missing.
    next_doc: String,
    warnings: Vec<String>,
    /// Facts only a person can confirm, with what was said (time shown locally).
    facts: Vec<FactView>,
    /// The standing office may confirm them now (the dossier is being appraised).
    can_confirm: bool,
    events: Vec<Event>,
    /// Steps offered: (action code, button label).
    steps: Vec<(&'static str, &'static str)>,
    can_edit: bool,
    can_return: bool,
    can_accept: bool,
    lower_forms: Vec<(String, String)>,
    v: Validation,
    /// What was refused, for the heading of the error box («Chưa gửi được hồ sơ»).
    refused: &'static str,
}

/// The steps the state machine allows this user from the current state.
fn steps_for(
    status: NominationStatus,
    parts: &[Part],
    via_lead: bool,
) -> Vec<(&'static str, &'static str)> {
    let candidates = [
        (
            NominationAction::Submit {
                via_theme_lead: via_lead,
            },
            "submit",
            "Gửi hồ sơ",
        ),
        (
            NominationAction::Forward,
            "forward",
            "Chuyển Thường trực Hội đồng",
        ),
        (NominationAction::Withdraw, "withdraw", "Thu hồi hồ sơ"),
    ];
    candidates
        .into_iter()
        .filter(|(a, _, _)| status.apply(*a, parts).is_ok())
        .map(|(_, code, label)| (code, label))
        .collect()
}

async fn page(
    state: &AppState,
    ctx: &Ctx,
    id: &str,
    (v, refused): (Validation, &'static str),
    flash: Option<String>,
) -> AppResult<Response> {
    let (n, events, parts) = ops::get(&state.db, ctx, id).await?;
    let (required, docs) = ops::document_status(&state.db, ctx, id).await?;
    let rules = crate::ops::rules_cache::rules_for(&state.db, ctx.org_id()).await?;
    let catalog = rules.catalog();
    let status = ops::status_of_row(&n.row);
    let lower_forms = ops::lowering::lower_forms(&state.db, ctx, &rules, &n.row).await?;
    let page = ShowPage {
        l: Layout::new(ctx, "nominations").with_flash(flash),
        status_label: status.label(),
        kind_label: ops::kind_label(&n.row.kind).to_string(),
        type_label: ops::nominee_type_label(&n.row.nominee_type),
        procedure_label: ops::procedure_label(&n.row.procedure),
        original_name: n
            .row
            .original_code
            .as_deref()
            .map(|c| ops::code_name(&rules, c))
            .unwrap_or_default(),
        docs: docs
            .into_iter()
            .map(|d| Doc {
                name: catalog.document_name(&d.doc_code).to_string(),
                votes: d
                    .vote_total
                    .map(|t| format!("{}/{t} phiếu đồng ý", d.vote_yes.unwrap_or(0)))
                    .unwrap_or_default(),
                id: d.id,
                file_name: d.file_name,
                round: d.round,
            })
            .collect(),
        doc_kinds: required
            .iter()
            .filter(|d| d.doc_code != "ket_qua_bo_phieu")
            .map(|d| (d.doc_code.clone(), d.name.clone()))
            .collect(),
        next_doc: required
            .iter()
            .find(|d| !d.present)
            .map(|d| d.doc_code.clone())
            .unwrap_or_default(),
        required,
        warnings: ops::warnings_of(&n.row),
        facts: ops::facts::facts(&state.db, ctx, id)
            .await?
            .into_iter()
            .map(|f| FactView {
                confirmed_at: if f.confirmed_at.is_empty() {
                    String::new()
                } else {
                    local_time(&f.confirmed_at)
                },
                ..f
            })
            .collect(),
        can_confirm: ctx.can(thidua_domain::policy::Action::Appraise {
            org_id: ctx.org_id(),
        }) && ops::facts::APPRAISED.contains(&n.row.status.as_str()),
        events: events
            .into_iter()
            .map(|e| Event {
                at: local_time(&e.at),
                who: e.user_name,
                what: ops::event_label(&e.action),
                to: ops::status_label(&e.to_status),
                round: e.round,
                note: e.note.unwrap_or_default(),
            })
            .collect(),
        steps: steps_for(status, &parts, n.row.route_unit_id.is_some()),
        can_edit: parts.contains(&Part::Nominator) && status.editable_by_unit(),
        can_return: status.apply(NominationAction::Return, &parts).is_ok(),
        can_accept: status.apply(NominationAction::Accept, &parts).is_ok(),
        lower_forms,
        n,
        v,
        refused,
    };
    let code = if page.v.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(render(code, &page))
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(f): Query<Flash>,
) -> AppResult<Response> {
    page(&state, &ctx, &id, (Validation::new(), ""), f.ok).await
}

async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: Multipart,
) -> AppResult<Response> {
    let (fields, files) = read_form(form, state.config.max_upload_bytes).await?;
    let num = |name: &str| field(&fields, name).trim().parse::<i64>().ok();
    match ops::add_documents(
        &state.db,
        state.blobs(),
        &ctx,
        &id,
        &field(&fields, "doc_code"),
        num("vote_yes"),
        num("vote_total"),
        &files,
    )
    .await
    .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(
            &format!("/nominations/{id}"),
            "Đã thêm tài liệu vào hồ sơ.",
        )),
        Err(AppError::Invalid(v)) => {
            page(&state, &ctx, &id, (v, "Chưa thêm được tài liệu"), None).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct FactForm {
    key: String,
    holds: String,
    note: String,
}

async fn confirm_fact(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<FactForm>,
) -> AppResult<Response> {
    let input = FactInput {
        key: f.key,
        holds: serde_json::Value::String(f.holds),
        note: f.note,
    };
    match ops::facts::confirm(&state.db, &ctx, &id, &input)
        .await
        .map_err(AppError::from)
    {
        Ok(_) => Ok(see_other(
            &format!("/nominations/{id}"),
            "Đã ghi kết luận về điều kiện; điều kiện khen thưởng của hồ sơ đã được kiểm tra lại.",
        )),
        Err(AppError::Invalid(v)) => {
            page(&state, &ctx, &id, (v, "Chưa ghi được xác nhận"), None).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Deserialize)]
struct StepForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    code: String,
}

async fn step(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<StepForm>,
) -> AppResult<Response> {
    let (db, version) = (&state.db, version_of(&f.version));
    let r = match f.action.as_str() {
        "submit" => ops::submit(db, &ctx, &id, version)
            .await
            .map(|_| "Đã gửi hồ sơ đề nghị."),
        "withdraw" => ops::withdraw(db, &ctx, &id, version)
            .await
            .map(|_| "Đã thu hồi hồ sơ."),
        "forward" => ops::forward(db, &ctx, &id, version)
            .await
            .map(|_| "Đã chuyển hồ sơ đến Thường trực Hội đồng."),
        "return" => ops::return_back(db, &ctx, &id, version, &f.note)
            .await
            .map(|_| "Đã trả lại hồ sơ kèm lý do."),
        "accept" => ops::accept(
            db,
            &ctx,
            &id,
            version,
            Some(f.code.as_str()),
            Some(f.note.as_str()),
        )
        .await
        .map(|_| "Đã thẩm định, chấp nhận hồ sơ."),
        _ => Err(thidua_app::Error::Rejected("Thao tác không hợp lệ.".into())),
    };
    let refused = match f.action.as_str() {
        "submit" => "Chưa gửi được hồ sơ",
        "withdraw" => "Chưa thu hồi được hồ sơ",
        "forward" => "Chưa chuyển được hồ sơ",
        "return" => "Chưa trả lại được hồ sơ",
        _ => "Chưa chấp nhận được hồ sơ",
    };
    match r.map_err(AppError::from) {
        Ok(msg) => Ok(see_other(&format!("/nominations/{id}"), msg)),
        Err(AppError::Invalid(v)) => page(&state, &ctx, &id, (v, refused), None).await,
        Err(e) => Err(e),
    }
}

async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(doc): Path<String>,
) -> AppResult<Response> {
    let (d, bytes) = ops::download(&state.db, state.blobs(), &ctx, &doc).await?;
    Ok((
        [
            (header::CONTENT_TYPE, d.content_type.clone()),
            (header::CONTENT_DISPOSITION, ops::attachment(&d.file_name)),
        ],
        bytes,
    )
        .into_response())
}

/// The achievement report generated from the data, as a DOCX to edit.
async fn report(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> AppResult<Response> {
    let (name, bytes) = ops::achievement_report(&state.db, &ctx, &id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, DOCX.to_string()),
            (header::CONTENT_DISPOSITION, ops::attachment(&name)),
        ],
        bytes,
    )
        .into_response())
}

pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
