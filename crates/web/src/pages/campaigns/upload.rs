//! Reads a multipart form with text fields and any number of files (`files`), bounded by the upload limit.

use crate::error::{AppError, AppResult};
use crate::ops::campaign_work::Upload;
use axum::extract::Multipart;
use std::collections::HashMap;

/// The text fields (first value of each name) and the non-empty files of a multipart form.
pub async fn read_form(
    mut form: Multipart,
    limit: usize,
) -> AppResult<(HashMap<String, String>, Vec<Upload>)> {
    let mut fields = HashMap::new();
    let mut files = Vec::new();
    let too_large = || AppError::too_large(limit);
    while let Some(field) = form.next_field().await.map_err(|_| too_large())? {
        let name = field.name().unwrap_or_default().to_string();
        match field.file_name().map(str::to_string) {
            Some(file_name) => {
                let bytes = field.bytes().await.map_err(|_| too_large())?;
                // A file input left empty still sends a part with no name and no bytes.
                if !(file_name.is_empty() && bytes.is_empty()) {
                    files.push(Upload {
                        file_name,
                        bytes: bytes.to_vec(),
                    });
                }
            }
            None => {
                let text = field.text().await.map_err(|_| {
                    AppError::BadRequest(
                        "Biểu mẫu gửi lên không đọc được; hãy tải lại trang rồi gửi lại.".into(),
                    )
                })?;
                fields.entry(name).or_insert(text);
            }
        }
    }
    Ok((fields, files))
}

/// A field's value, or empty.
pub fn field(fields: &HashMap<String, String>, name: &str) -> String {
    fields.get(name).cloned().unwrap_or_default()
}
