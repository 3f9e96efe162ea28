//! The JSON API under `/api/v1`, the same use cases as the pages, described at `/api/openapi.json`
//! (Swagger UI at `/api/docs/`, served from vendored assets). Auth: the session cookie (with the
//! `X-CSRF-Token` header on changes) or `Authorization: Bearer <API token>`.

mod campaigns;
mod cluster_year_end;
mod dashboard;
pub(crate) mod decisions;
mod documents;
mod dto;
mod exemplars;
pub mod extract;
mod honours;
mod initiatives;
mod meetings;
mod nominations;
mod notifications;
mod org;
mod people;
mod rules;
mod scoring;
mod scoring_cross;
mod settings;
mod statistics;
mod system;

use crate::AppState;
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::OpenApi;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::SwaggerUi;

#[derive(OpenApi)]
#[openapi(
    info(title = "thidua API", description = "API của hệ thống quản lý thi đua, khen thưởng. Mọi thông báo lỗi bằng tiếng Việt, có tên trường.", version = "1"),
    modifiers(&Security),
    tags((name = "units", description = "Đơn vị"), (name = "people", description = "Cá nhân"), (name = "clusters", description = "Cụm, khối thi đua"), (name = "system", description = "Tài khoản, nhật ký, nhập dữ liệu"), (name = "honours", description = "Lịch sử khen thưởng, kiểm tra điều kiện, lộ trình"), (name = "campaigns", description = "Kế hoạch, phong trào, đợt thi đua"), (name = "rules", description = "Tệp dữ liệu danh mục, bộ quy tắc, lương cơ sở"), (name = "meetings", description = "Phiên họp Hội đồng thi đua, khen thưởng"), (name = "decisions", description = "Quyết định khen thưởng, trình cấp trên, hủy quyết định, xác minh công khai"), (name = "nominations", description = "Đề nghị khen thưởng, hồ sơ, thẩm định"), (name = "notifications", description = "Thông báo trong ứng dụng, đánh dấu đã đọc"), (name = "documents", description = "Văn bản: quyết định, bằng khen, biên bản, tờ trình, kế hoạch, danh sách, báo cáo thành tích (PDF, DOCX, XLSX)"), (name = "scoring", description = "Chấm điểm, xếp hạng thi đua: thang điểm, tự chấm, thẩm định, kiến nghị, xếp hạng"), (name = "statistics", description = "Báo cáo thống kê TĐKT theo Thông tư 02/2023/TT-BNV (Biểu 0601.N–0605.N)"), (name = "dashboard", description = "Thống kê, biểu đồ và kinh phí thi đua, khen thưởng"), (name = "exemplars", description = "Gương điển hình tiên tiến, người tốt việc tốt: giới thiệu, lựa chọn, công khai"), (name = "initiatives", description = "Sổ sáng kiến: đăng ký, tác giả, Hội đồng sáng kiến công nhận, dùng làm căn cứ khen thưởng một lần"))
)]
struct ApiDoc;

struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::auth::SESSION_COOKIE,
            ))),
        );
    }
}

/// The API routes and their OpenAPI description.
pub fn api_router() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(org::routes())
        .merge(people::routes())
        .merge(system::routes())
        .merge(honours::routes())
        .merge(campaigns::routes())
        .merge(rules::routes())
        .merge(meetings::routes())
        .merge(decisions::routes())
        .merge(nominations::routes())
        .merge(notifications::routes())
        .merge(documents::routes())
        .merge(settings::routes())
        .merge(scoring::routes())
        .merge(scoring_cross::routes())
        .merge(cluster_year_end::routes())
        .merge(statistics::routes())
        .merge(dashboard::routes())
        .merge(exemplars::routes())
        .merge(initiatives::routes())
        .split_for_parts()
}

pub fn routes() -> Router<AppState> {
    let (router, openapi) = api_router();
    // Swagger UI injects a <style> element; only its pages get a CSP that allows inline styles.
    let docs: Router<AppState> = Router::from(SwaggerUi::new("/api/docs").url("/api/openapi.json", openapi)).layer(SetResponseHeaderLayer::overriding(
        axum::http::header::CONTENT_SECURITY_POLICY,
        axum::http::HeaderValue::from_static("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"),
    ));
    router.merge(docs)
}
