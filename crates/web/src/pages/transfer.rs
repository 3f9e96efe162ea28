//! The transfer page (2025 reorganisation): download this organisation's data as one archive; upload
//! a former organisation's archive, confirm which of our units carries on each former unit (proposed
//! by name), and import it all or nothing.

use super::{Layout, render};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use crate::ops::transfer::{self, ImportInput, ImportSummary, Proposal};
use askama::Template;
use axum::Router;
use axum::extract::{Form, Multipart, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::collections::HashMap;
use thidua_domain::Validation;
use thidua_domain::policy::Action;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/data/transfer", get(page))
        .route("/data/transfer/export", get(download))
        .route("/data/transfer/upload", post(upload))
        .route("/data/transfer/import", post(import))
}

#[derive(Template)]
#[template(path = "data/transfer.html")]
struct TransferPage {
    l: Layout,
    proposal: Option<Proposal>,
    v: Validation,
    /// What was typed or chosen, when the form is shown again.
    typed: HashMap<String, String>,
    done: Option<ImportSummary>,
}

impl TransferPage {
    fn typed(&self, name: &str) -> &str {
        self.typed.get(name).map_or("", String::as_str)
    }

    /// The successor selected for a former unit: what was chosen, else the proposal.
    fn selected(&self, unit_id: &str, proposed: &Option<String>) -> String {
        let key = format!("map.{unit_id}");
        match self.typed.get(&key) {
            Some(v) => v.clone(),
            None => proposed.clone().unwrap_or_default(),
        }
    }

    fn effective_on(&self) -> &str {
        match self.typed("effective_on") {
            "" => transfer::DEFAULT_EFFECTIVE,
            v => v,
        }
    }

    fn prefix(&self) -> String {
        match (self.typed.get("code_prefix"), &self.proposal) {
            (Some(v), _) => v.clone(),
            (None, Some(p)) => p.suggested_prefix.clone(),
            (None, None) => String::new(),
        }
    }

    fn counts(
        &self,
        rows: &std::collections::BTreeMap<String, usize>,
    ) -> Vec<(&'static str, usize)> {
        transfer::TABLE_LABELS
            .iter()
            .filter_map(|(t, label)| rows.get(*t).map(|n| (*label, *n)))
            .collect()
    }

    fn indent(depth: &usize) -> String {
        "\u{2003}".repeat(*depth)
    }
}

fn page_of(status: StatusCode, p: TransferPage) -> Response {
    render(status, &p)
}

fn blank(ctx: &Ctx) -> TransferPage {
    TransferPage {
        l: Layout::new(ctx, "data"),
        proposal: None,
        v: Validation::new(),
        typed: HashMap::new(),
        done: None,
    }
}

async fn page(ctx: Ctx) -> AppResult<Response> {
    ctx.authorize(Action::TransferData {
        org_id: ctx.org_id(),
    })?;
    Ok(page_of(StatusCode::OK, blank(&ctx)))
}

async fn download(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let out = transfer::export(&state.db, state.blobs(), &ctx).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/gzip".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", out.file_name),
            ),
        ],
        out.bytes,
    )
        .into_response())
}

async fn upload(State(state): State<AppState>, ctx: Ctx, form: Multipart) -> AppResult<Response> {
    ctx.authorize(Action::TransferData {
        org_id: ctx.org_id(),
    })?;
    let mut p = blank(&ctx);
    let bytes = match super::read_upload(form, state.config.max_upload_bytes).await {
        Ok((_, bytes)) => bytes,
        Err(e @ (AppError::BadRequest(_) | AppError::TooLarge(_))) => {
            let hint = if matches!(e, AppError::TooLarge(_)) {
                " Tệp lớn hơn giới hạn tải lên có thể được nhập trên máy chủ bằng lệnh \
                 thidua transfer import --org … --from TỆP (xem README)."
            } else {
                ""
            };
            p.v.add(
                "archive",
                "Tệp dữ liệu chuyển giao",
                format!("{}{hint}", e.message()),
            );
            return Ok(page_of(e.status(), p));
        }
        Err(e) => return Err(e),
    };
    match transfer::propose(&state.db, state.blobs(), &ctx, &bytes)
        .await
        .map_err(AppError::from)
    {
        Ok(proposal) => {
            p.proposal = Some(proposal);
            Ok(page_of(StatusCode::OK, p))
        }
        Err(AppError::Invalid(v)) => {
            p.v = v;
            Ok(page_of(StatusCode::UNPROCESSABLE_ENTITY, p))
        }
        Err(e) => Err(e),
    }
}

async fn import(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let typed: HashMap<String, String> = fields.iter().cloned().collect();
    let get = |k: &str| typed.get(k).cloned().unwrap_or_default();
    let input = ImportInput {
        archive_key: get("archive_key"),
        effective_on: get("effective_on"),
        code_prefix: get("code_prefix"),
        successors: fields
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("map.").map(|id| (id.to_string(), v.clone())))
            .collect(),
    };
    let mut p = blank(&ctx);
    match transfer::import(&state.db, state.blobs(), &ctx, &input)
        .await
        .map_err(AppError::from)
    {
        Ok(summary) => {
            p.done = Some(summary);
            Ok(page_of(StatusCode::OK, p))
        }
        Err(AppError::Invalid(v)) => {
            p.v = v;
            p.proposal = transfer::propose_kept(&state.db, state.blobs(), &ctx, &input.archive_key)
                .await
                .ok();
            p.typed = typed;
            Ok(page_of(StatusCode::UNPROCESSABLE_ENTITY, p))
        }
        Err(e) => Err(e),
    }
}
