//! Public pages, without login: the honour roll (`/vinh-danh`) of decided, non-confidential,
//! non-revoked awards, searchable without diacritics, and the verification of a certificate code
//! (`/xac-minh/{code}`) showing only the name, the award, the decision and its validity.

use super::render;
use crate::AppState;
use crate::error::AppResult;
use crate::ops::decisions::public::{self as ops, Roll, Verification};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/vinh-danh", get(roll))
        .route("/xac-minh", get(verify_form))
        .route("/xac-minh/{code}", get(verify))
}

#[derive(Deserialize, Default)]
struct RollQuery {
    #[serde(default)]
    q: String,
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "public/roll.html")]
struct RollPage {
    q: String,
    roll: Roll,
    /// `&q=…` to keep the search across pages.
    q_param: String,
}

async fn roll(State(state): State<AppState>, Query(q): Query<RollQuery>) -> AppResult<Response> {
    let page = q.page.unwrap_or(1);
    let q_param = if q.q.trim().is_empty() {
        String::new()
    } else {
        format!(
            "&q={}",
            form_urlencoded::byte_serialize(q.q.trim().as_bytes()).collect::<String>()
        )
    };
    let make = async {
        let roll = ops::honour_roll(&state.db, &q.q, page).await?;
        super::public_cache::html(&RollPage {
            q: q.q.trim().to_string(),
            roll,
            q_param: q_param.clone(),
        })
    };
    // The roll's pages without a search are the same for everyone; searches are not kept.
    if q.q.trim().is_empty() {
        super::public_cache::page(&state, &format!("/vinh-danh?page={page}"), make).await
    } else {
        Ok(axum::response::Html(make.await?).into_response())
    }
}

#[derive(Template)]
#[template(path = "public/verify.html")]
struct VerifyPage {
    code: String,
    result: Option<Verification>,
}

#[derive(Deserialize, Default)]
struct CodeQuery {
    #[serde(default)]
    code: String,
}

async fn verify_form(Query(q): Query<CodeQuery>) -> Response {
    let code: String = q
        .code
        .trim()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_uppercase();
    if code.is_empty() {
        return render(StatusCode::OK, &VerifyPage { code, result: None });
    }
    Redirect::to(&format!("/xac-minh/{code}")).into_response()
}

async fn verify(State(state): State<AppState>, Path(code): Path<String>) -> AppResult<Response> {
    let result = ops::verify(&state.db, &code).await?;
    let status = if result.is_some() {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    Ok(render(
        status,
        &VerifyPage {
            code: code.trim().to_uppercase(),
            result,
        },
    ))
}
