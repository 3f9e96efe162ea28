//! One exemplar's page and what is done on it: the office selects, asks for more or declines with a
//! reason, forwards and publishes; the unit resubmits, adds photos and records the consent; units
//! record adopting the model; the office keeps the fostering plan. Photos are served to those who may
//! see the exemplar.

use super::super::{Layout, render, see_other, unit_options, version_of};
use crate::AppState;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::ops::exemplars::{
    self as ops, AdoptionInput, ConsentInput, ExemplarDetail, ForwardInput, FosteringInput,
    StateInput,
};
use askama::Template;
use axum::Router;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/exemplars/{id}", get(show))
        .route("/exemplars/{id}/state", post(state_change))
        .route("/exemplars/{id}/forward", post(forward))
        .route("/exemplars/{id}/consent", post(consent))
        .route("/exemplars/{id}/publish", post(publish))
        .route("/exemplars/{id}/photos", post(add_photo))
        .route("/exemplars/{id}/photos/{photo}/delete", post(delete_photo))
        .route("/exemplars/{id}/adoptions", post(adopt))
        .route("/exemplars/{id}/fostering", post(foster))
        .route("/exemplars/{id}/fostering/{step}/done", post(foster_done))
        .route("/exemplars/photos/{photo}", get(photo))
        .route("/exemplars/photos/{photo}/thumb", get(thumb))
}

#[derive(Template)]
#[template(path = "exemplars/show.html")]
struct ShowPage {
    l: Layout,
    d: ExemplarDetail,
    /// Units the caller may record an adoption for.
    units: Vec<(String, String)>,
}

async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(flash): Query<super::super::Flash>,
) -> AppResult<Response> {
    let d = ops::detail(&state.db, &ctx, &id).await?;
    let units = unit_options(&state, &ctx, |_| true).await?;
    let l = Layout::new(&ctx, "exemplars").with_flash(flash.ok);
    Ok(render(StatusCode::OK, &ShowPage { l, d, units }))
}

fn back(id: &str, ok: &str) -> Response {
    see_other(&format!("/exemplars/{id}"), ok)
}

async fn state_change(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(i): Form<StateInput>,
) -> AppResult<Response> {
    let row = ops::act(&state.db, &ctx, &id, &i).await?;
    let status = thidua_domain::exemplar::ExemplarStatus::parse(&row.status)
        .map(|s| s.label())
        .unwrap_or_default();
    Ok(back(&id, &format!("Đã cập nhật: {status}.")))
}

async fn forward(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(i): Form<ForwardInput>,
) -> AppResult<Response> {
    ops::forward(&state.db, &ctx, &id, &i).await?;
    Ok(back(&id, "Đã ghi nhận đề xuất lên cấp trên."))
}

async fn consent(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(i): Form<ConsentInput>,
) -> AppResult<Response> {
    let row = ops::consent(&state.db, &ctx, &id, &i).await?;
    let ok = if row.consent_withdrawn_on.is_some() {
        "Đã ghi nhận rút lại sự đồng ý; gương không còn hiển thị công khai."
    } else {
        "Đã ghi nhận sự đồng ý công khai."
    };
    Ok(back(&id, ok))
}

async fn publish(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let get = |k: &str| f.get(k).map(String::as_str).unwrap_or_default();
    let on = get("publish") == "1";
    ops::publish(&state.db, &ctx, &id, version_of(get("version")), on).await?;
    let ok = if on {
        "Đã công bố gương trên trang công khai."
    } else {
        "Đã thôi công bố gương."
    };
    Ok(back(&id, ok))
}

async fn add_photo(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    form: Multipart,
) -> AppResult<Response> {
    let limit = state.config.max_upload_bytes;
    let (fields, files) = super::super::campaigns::upload::read_form(form, limit).await?;
    let caption = fields.get("caption").cloned().unwrap_or_default();
    let file = files
        .into_iter()
        .next()
        .unwrap_or(crate::ops::campaign_work::Upload {
            file_name: String::new(),
            bytes: Vec::new(),
        });
    ops::add_photo(&state.db, state.blobs(), &ctx, &id, &file, &caption).await?;
    Ok(back(
        &id,
        "Đã thêm ảnh (đã thu nhỏ và xóa thông tin vị trí).",
    ))
}

async fn delete_photo(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, photo)): Path<(String, String)>,
) -> AppResult<Response> {
    ops::delete_photo(&state.db, &ctx, &id, &photo).await?;
    Ok(back(&id, "Đã xóa ảnh."))
}

async fn adopt(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(i): Form<AdoptionInput>,
) -> AppResult<Response> {
    let row = ops::add_adoption(&state.db, &ctx, &id, &i).await?;
    Ok(back(
        &id,
        &format!("Đã ghi nhận {} áp dụng, nhân rộng.", row.unit_name),
    ))
}

async fn foster(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(i): Form<FosteringInput>,
) -> AppResult<Response> {
    ops::add_fostering(&state.db, &ctx, &id, &i).await?;
    Ok(back(&id, "Đã thêm vào kế hoạch bồi dưỡng."))
}

async fn foster_done(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, step)): Path<(String, String)>,
) -> AppResult<Response> {
    ops::fostering_done(&state.db, &ctx, &id, &step).await?;
    Ok(back(&id, "Đã đánh dấu hoàn thành."))
}

/// A JPEG with a long cache (its bytes never change under one id).
pub fn jpeg(p: ops::PhotoBytes, private: bool) -> Response {
    let cache = if private {
        "private, max-age=86400"
    } else {
        "public, max-age=86400"
    };
    (
        [
            (header::CONTENT_TYPE, "image/jpeg".to_string()),
            (header::CACHE_CONTROL, cache.to_string()),
            (header::ETAG, format!("\"{}\"", p.sha256)),
        ],
        p.jpeg,
    )
        .into_response()
}

async fn photo(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(p): Path<String>,
) -> AppResult<Response> {
    let bytes = ops::photo_bytes(&state.db, state.blobs(), Some(&ctx), &p, false).await?;
    Ok(jpeg(bytes, true))
}

async fn thumb(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(p): Path<String>,
) -> AppResult<Response> {
    let bytes = ops::photo_bytes(&state.db, state.blobs(), Some(&ctx), &p, true).await?;
    Ok(jpeg(bytes, true))
}
