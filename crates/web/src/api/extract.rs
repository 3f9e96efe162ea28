//! Request body and query extractors of the API that answer bad input with the standard Vietnamese
//! [`ApiError`] JSON (axum's own `Json` and `Query` rejections are English plain text): malformed JSON is
//! a 400 saying where, a value of the wrong type is a 422 naming the field.

use crate::error::{ApiError, AppError};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use bytes::Bytes;
use serde::de::DeserializeOwned;

/// A JSON body (`Content-Type: application/json`).
#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

/// True when the request says its body is JSON.
pub fn is_json(headers: &HeaderMap) -> bool {
    content_type(headers)
        .is_some_and(|ct| ct.starts_with("application/json") || ct.contains("+json"))
}

/// True when the request body is a multipart form (file uploads).
pub fn is_multipart(headers: &HeaderMap) -> bool {
    content_type(headers).is_some_and(|ct| ct.starts_with("multipart/form-data"))
}

fn content_type(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|s| s.trim().to_ascii_lowercase())
}

const NOT_AN_OBJECT: &str = "Dữ liệu JSON không đúng cấu trúc: cần một đối tượng {…} với các trường như mô tả API tại /api/docs/.";

fn bad(message: &str) -> ApiError {
    ApiError(AppError::BadRequest(message.into()))
}

/// Parses JSON bytes into `T`; errors name the field and say what is wrong, in Vietnamese.
/// Every body of the API is an object (serde would also read a struct from a list, by position).
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    if bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b != b'{')
    {
        return Err(bad(NOT_AN_OBJECT));
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        json_error(e.inner(), &path)
    })?;
    de.end().map_err(|e| json_error(&e, "."))?;
    Ok(value)
}

fn json_error(e: &serde_json::Error, path: &str) -> ApiError {
    use serde_json::error::Category;
    match e.classify() {
        Category::Data if path != "." => {
            let mut v = thidua_domain::Validation::new();
            v.add(path, path, format!("Giá trị của trường \u{201c}{path}\u{201d} không đúng kiểu dữ liệu (ví dụ: cần chữ hoặc số, cần một danh sách); hãy xem mô tả API tại /api/docs/."));
            ApiError(AppError::Invalid(v))
        }
        Category::Data => bad(NOT_AN_OBJECT),
        Category::Syntax | Category::Eof | Category::Io => ApiError(AppError::BadRequest(format!(
            "Dữ liệu JSON không đúng cú pháp (dòng {}, cột {}); hãy kiểm tra dấu ngoặc, dấu phẩy và dấu nháy.",
            e.line(),
            e.column()
        ))),
    }
}

/// Maps a failure to read the body (usually: over the size limit).
pub fn body_error(status: StatusCode) -> ApiError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError(AppError::TooLarge("Dữ liệu gửi lên quá lớn.".into()))
    } else {
        bad("Không đọc được dữ liệu gửi lên; hãy gửi lại.")
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(req.headers()) {
            return Err(bad(
                "Dữ liệu gửi lên phải là JSON (tiêu đề Content-Type: application/json).",
            ));
        }
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|r| body_error(r.status()))?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// Query parameters; a malformed query string is a Vietnamese 400.
#[derive(Debug, Clone)]
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(q)) => Ok(ApiQuery(q)),
            Err(_) => Err(bad(
                "Tham số trên địa chỉ (sau dấu ?) không hợp lệ; mỗi tham số chỉ ghi một lần, đúng tên như mô tả API.",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    struct Body {
        #[serde(default)]
        version: Option<i64>,
    }

    #[test]
    fn json_errors_are_named() {
        let e = parse_json::<Body>(br#"{"version": "x"}"#).unwrap_err();
        assert_eq!(e.0.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(e.0.message().contains("version"));
        let e = parse_json::<Body>(br#"{"version": 1"#).unwrap_err();
        assert_eq!(e.0.status(), StatusCode::BAD_REQUEST);
        assert!(e.0.message().contains("cú pháp"));
        assert!(parse_json::<Body>(b"[1]").is_err());
        assert!(parse_json::<Body>(br#"{"version": 1} x"#).is_err());
        assert_eq!(
            parse_json::<Body>(br#"{"version": 2}"#).unwrap().version,
            Some(2)
        );
    }
}
