//! How a use case ends when it does not succeed: what the user must fix or may not do, in Vietnamese,
//! with no HTTP in it (the web crate maps each kind to a status, a page or JSON at its edge).

use thidua_domain::Validation;
use thidua_domain::policy::Denied;
use thidua_store::StoreError;

#[derive(Debug)]
pub enum Error {
    /// Input that failed checks, field by field.
    Invalid(Validation),
    /// Not there, or outside the caller's scope (the two are not told apart).
    NotFound,
    /// The caller's role may not do this.
    Forbidden,
    /// Optimistic lock: someone saved the record after the caller read it.
    Conflict,
    /// Refused as a whole, with the reason (a duplicate code, an unreadable file).
    Rejected(String),
    /// Too many attempts in a short time (logins).
    Throttled(String),
    /// Input over a size limit.
    TooLarge(String),
    /// The database stayed busy through every retry; nothing was saved.
    Busy,
    Internal(anyhow::Error),
}

/// The result of a use case; `E` defaults to [`Error`] (a second parameter names another error).
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The refusal of input over `limit` bytes.
    pub fn too_large(limit: usize) -> Error {
        Error::TooLarge(format!(
            "Tệp hoặc dữ liệu gửi lên quá lớn; tối đa {} MB.",
            limit / (1024 * 1024)
        ))
    }

    /// The Vietnamese message for people.
    pub fn message(&self) -> String {
        match self {
            Error::Invalid(v) => format!("Dữ liệu chưa hợp lệ: {v}"),
            Error::NotFound => Denied::OutOfScope.message().into(),
            Error::Forbidden => Denied::NotAllowed.message().into(),
            Error::Conflict => "Dữ liệu này vừa được người khác thay đổi. Hãy tải lại trang để xem bản mới nhất rồi sửa lại.".into(),
            Error::Rejected(m) | Error::Throttled(m) | Error::TooLarge(m) => m.clone(),
            Error::Busy => "Hệ thống đang bận ghi dữ liệu của nhiều người cùng lúc; dữ liệu của bạn chưa được lưu. Hãy thử lại sau ít giây.".into(),
            Error::Internal(_) => "Đã xảy ra lỗi hệ thống; dữ liệu chưa được lưu. Hãy thử lại sau hoặc báo quản trị viên.".into(),
        }
    }

    /// True for a conflict between concurrent transactions that a fresh attempt may not meet.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Internal(e) => e
                .downcast_ref::<StoreError>()
                .is_some_and(StoreError::is_transient),
            _ => false,
        }
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Error::NotFound,
            StoreError::Conflict => Error::Conflict,
            StoreError::Duplicate(_) => Error::Rejected(
                "Giá trị này đã có trong hệ thống (trùng mã hoặc trùng tên).".into(),
            ),
            other => Error::Internal(other.into()),
        }
    }
}

impl From<Denied> for Error {
    fn from(d: Denied) -> Self {
        match d {
            Denied::OutOfScope => Error::NotFound,
            Denied::NotAllowed => Error::Forbidden,
        }
    }
}

impl From<Validation> for Error {
    fn from(v: Validation) -> Self {
        Error::Invalid(v)
    }
}

impl From<anyhow::Error> for Error {
    fn from(e: anyhow::Error) -> Self {
        Error::Internal(e)
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Internal(e) => write!(f, "{e:#}"),
            other => f.write_str(&other.message()),
        }
    }
}

impl std::error::Error for Error {}
