//! Errors of loading and using the rules, with Vietnamese messages that name the file and
//! the field so an administrator editing a data file knows what to fix.

use thiserror::Error;

/// Every error the crate returns.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RulesError {
    /// The TOML text could not be read (syntax, wrong type, missing or unknown field).
    #[error("Tệp {file}: không đọc được dữ liệu — {message}")]
    Parse {
        /// Name of the data file.
        file: String,
        /// Parser message (names the field and line).
        message: String,
    },
    /// A field has a value the rules cannot use.
    #[error("Tệp {file}, trường `{field}`: {message}")]
    Invalid {
        /// Name of the data file.
        file: String,
        /// Path of the field, e.g. `entry[CSTDCS].money.individual`.
        field: String,
        /// What is wrong and what to do.
        message: String,
    },
    /// No national rule set is in force on the date.
    #[error(
        "Không có bộ quy tắc nào có hiệu lực ngày {date} (phạm vi {jurisdiction}); hãy bổ sung bộ quy tắc của giai đoạn này"
    )]
    NoRuleSet {
        /// The date, dd/mm/yyyy.
        date: String,
        /// The jurisdiction asked for.
        jurisdiction: String,
    },
    /// A code is not in the catalog.
    #[error("Mã `{code}` không có trong danh mục danh hiệu thi đua và hình thức khen thưởng")]
    UnknownCode {
        /// The code.
        code: String,
    },
    /// No base salary is known on the date.
    #[error("Chưa có mức lương cơ sở áp dụng ngày {date}; hãy bổ sung bảng lương cơ sở")]
    NoBaseSalary {
        /// The date, dd/mm/yyyy.
        date: String,
    },
    /// The catalog has no money multiplier for this entry and subject.
    #[error("Chưa có hệ số tiền thưởng cho «{name}» đối với {subject}; hãy bổ sung trong danh mục")]
    NoMultiplier {
        /// Vietnamese name of the entry.
        name: String,
        /// Vietnamese label of the subject.
        subject: String,
    },
    /// The entry is not given to this kind of subject.
    #[error("«{name}» không xét tặng cho {subject}")]
    SubjectNotAccepted {
        /// Vietnamese name of the entry.
        name: String,
        /// Vietnamese label of the subject.
        subject: String,
    },
    /// An amount does not fit in `i64` đồng.
    #[error("Số tiền vượt quá giới hạn tính toán")]
    Overflow,
}

/// Shorthand result type.
pub type Result<T> = std::result::Result<T, RulesError>;

pub(crate) fn invalid(
    file: &str,
    field: impl Into<String>,
    message: impl Into<String>,
) -> RulesError {
    RulesError::Invalid {
        file: file.to_owned(),
        field: field.into(),
        message: message.into(),
    }
}
