//! Import errors, with messages in Vietnamese that name the problem and what to do.

use std::fmt;

/// Why a file could not be read as a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The input has no bytes or only whitespace.
    Empty,
    /// The bytes are neither UTF-8 text nor a DOCX file.
    NotUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The file is a ZIP archive but not a readable DOCX.
    BrokenDocx {
        /// What went wrong, in Vietnamese.
        detail: String,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty => write!(
                f,
                "Tệp kế hoạch trống: không có nội dung để nhập. Hãy chọn tệp văn bản (.txt) \
                 hoặc tệp Word (.docx) có nội dung kế hoạch."
            ),
            ImportError::NotUtf8 { offset } => write!(
                f,
                "Tệp không phải văn bản UTF-8 (byte không hợp lệ ở vị trí {offset}) và cũng không \
                 phải tệp Word (.docx). Hãy lưu lại tệp dưới dạng văn bản UTF-8 hoặc .docx rồi nhập lại."
            ),
            ImportError::BrokenDocx { detail } => write!(
                f,
                "Tệp Word (.docx) bị hỏng hoặc không đọc được: {detail}. Hãy mở tệp bằng Word hoặc \
                 LibreOffice, lưu lại dưới dạng .docx rồi nhập lại."
            ),
        }
    }
}

impl std::error::Error for ImportError {}
