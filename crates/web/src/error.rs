//! Errors a request can end with, each with a Vietnamese message and the right status.
//! Pages get an HTML error page; the API gets `{"error", "message", "fields"}` JSON.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use thidua_domain::Validation;
use thidua_domain::policy::Denied;

#[derive(Debug)]
pub enum AppError {
    /// Input that failed checks, field by field.
    Invalid(Validation),
    NotFound,
    Forbidden,
    /// Optimistic lock: someone saved the record after this form was opened.
    Conflict,
    Unauthorized,
    BadRequest(String),
    TooLarge(String),
    TooManyRequests(String),
    /// The database stayed busy through every retry; nothing was saved, trying again may work.
    Unavailable(String),
    Internal(anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::Conflict => StatusCode::CONFLICT,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => "invalid",
            AppError::NotFound => "not_found",
            AppError::Forbidden => "forbidden",
            AppError::Conflict => "conflict",
            AppError::Unauthorized => "unauthorized",
            AppError::BadRequest(_) => "bad_request",
            AppError::TooLarge(_) => "too_large",
            AppError::TooManyRequests(_) => "too_many_requests",
            AppError::Unavailable(_) => "unavailable",
            AppError::Internal(_) => "internal",
        }
    }

    pub fn message(&self) -> String {
        match self {
            AppError::Invalid(v) => format!("Dữ liệu chưa hợp lệ: {v}"),
            AppError::NotFound => Denied::OutOfScope.message().into(),
            AppError::Forbidden => Denied::NotAllowed.message().into(),
            AppError::Conflict => "Dữ liệu này vừa được người khác thay đổi. Hãy tải lại trang để xem bản mới nhất rồi sửa lại.".into(),
            AppError::Unauthorized => "Bạn cần đăng nhập để tiếp tục.".into(),
            AppError::BadRequest(m)
            | AppError::TooLarge(m)
            | AppError::TooManyRequests(m)
            | AppError::Unavailable(m) => m.clone(),
            AppError::Internal(_) => "Đã xảy ra lỗi hệ thống; dữ liệu chưa được lưu. Hãy thử lại sau hoặc báo quản trị viên.".into(),
        }
    }

    /// The message for a body over the size limit.
    pub fn too_large(limit: usize) -> AppError {
        AppError::TooLarge(format!(
            "Tệp hoặc dữ liệu gửi lên quá lớn; tối đa {} MB.",
            limit / (1024 * 1024)
        ))
    }
}

/// A use case's outcome at the edge: each kind gets its status here, and only here.
impl From<thidua_app::Error> for AppError {
    fn from(e: thidua_app::Error) -> Self {
        use thidua_app::Error as E;
        match e {
            E::Invalid(v) => AppError::Invalid(v),
            E::NotFound => AppError::NotFound,
            E::Forbidden => AppError::Forbidden,
            E::Conflict => AppError::Conflict,
            E::Rejected(m) => AppError::BadRequest(m),
            E::Throttled(m) => AppError::TooManyRequests(m),
            E::TooLarge(m) => AppError::TooLarge(m),
            busy @ E::Busy => AppError::Unavailable(busy.message()),
            E::Internal(e) => AppError::Internal(e),
        }
    }
}

impl From<Denied> for AppError {
    fn from(d: Denied) -> Self {
        match d {
            Denied::OutOfScope => AppError::NotFound,
            Denied::NotAllowed => AppError::Forbidden,
        }
    }
}

impl From<Validation> for AppError {
    fn from(v: Validation) -> Self {
        AppError::Invalid(v)
    }
}

impl From<anyhow::Error> for AppError {
    fn from(e: anyhow::Error) -> Self {
        AppError::Internal(e)
    }
}

fn log(e: &AppError) {
    if let AppError::Internal(err) = e {
        tracing::error!(error = ?err, "request failed");
    }
}

/// The body of every API error.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ApiErrorBody {
    /// Stable machine code: invalid, not_found, forbidden, conflict, unauthorized, bad_request, too_large.
    pub error: String,
    /// Vietnamese message for people.
    pub message: String,
    /// Field-level problems (for `invalid`).
    pub fields: Vec<ApiFieldError>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ApiFieldError {
    pub field: String,
    pub label: String,
    pub message: String,
}

/// An error answered as JSON (API routes).
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        log(&self.0);
        let fields = match &self.0 {
            AppError::Invalid(v) => v
                .errors
                .iter()
                .map(|e| ApiFieldError {
                    field: e.field.clone(),
                    label: e.label.clone(),
                    message: e.message.clone(),
                })
                .collect(),
            _ => Vec::new(),
        };
        let body = ApiErrorBody {
            error: self.0.code().into(),
            message: self.0.message(),
            fields,
        };
        (self.0.status(), Json(body)).into_response()
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        log(&self);
        let status = self.status();
        if matches!(self, AppError::Unauthorized) {
            return axum::response::Redirect::to("/login").into_response();
        }
        crate::pages::error_page(status, &self.message())
    }
}
