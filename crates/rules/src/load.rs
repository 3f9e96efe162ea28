//! Shared helpers for reading the TOML data files: parsing with Vietnamese error context and
//! converting TOML dates.

use serde::de::DeserializeOwned;
use time::{Date, Month};

use crate::error::{Result, RulesError, invalid};

/// Parses `text` as TOML into `T`, wrapping parser errors (which name field and line).
pub(crate) fn parse_toml<T: DeserializeOwned>(file: &str, text: &str) -> Result<T> {
    toml::from_str(text).map_err(|e| RulesError::Parse {
        file: file.to_owned(),
        message: translate(&e.to_string()),
    })
}

/// Gives the common serde messages a Vietnamese gloss, keeping the original for the position.
fn translate(msg: &str) -> String {
    let msg = msg.trim();
    let hint = if msg.contains("missing field") {
        "thiếu trường bắt buộc"
    } else if msg.contains("unknown field") {
        "trường không được hỗ trợ (kiểm tra chính tả)"
    } else if msg.contains("unknown variant") {
        "giá trị không hợp lệ"
    } else if msg.contains("invalid type") {
        "sai kiểu dữ liệu"
    } else {
        "lỗi cú pháp TOML"
    };
    format!("{hint}: {msg}")
}

/// Converts a TOML local date (`2025-07-01`, no time part) to a `time::Date`.
pub(crate) fn to_date(file: &str, field: &str, dt: &toml::value::Datetime) -> Result<Date> {
    let bad = || invalid(file, field, "cần một ngày dạng YYYY-MM-DD, không kèm giờ");
    if dt.time.is_some() || dt.offset.is_some() {
        return Err(bad());
    }
    let d = dt.date.ok_or_else(bad)?;
    let month = Month::try_from(d.month).map_err(|_| bad())?;
    Date::from_calendar_date(i32::from(d.year), month, d.day).map_err(|_| bad())
}
