//! Field-level validation errors with Vietnamese messages that name the field and say what to do.

use serde::Serialize;

/// One problem with one input field. `field` is the machine name (form field / JSON key);
/// `label` is the Vietnamese name shown to people; `message` says what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub label: String,
    pub message: String,
}

/// Collects field errors while checking an input, so a person sees every problem at once.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Validation {
    pub errors: Vec<FieldError>,
}

impl Validation {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem with a field.
    pub fn add(&mut self, field: &str, label: &str, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.into(),
            label: label.into(),
            message: message.into(),
        });
    }

    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }

    /// The message for a field, if any (templates show it next to the field).
    pub fn message_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    /// Finishes validation: `Ok(value)` when there were no problems.
    pub fn finish<T>(self, value: T) -> Result<T, Validation> {
        if self.is_ok() { Ok(value) } else { Err(self) }
    }

    /// Checks a required text field with a maximum length in characters; returns the cleaned text.
    pub fn required_text(
        &mut self,
        field: &str,
        label: &str,
        value: &str,
        max_chars: usize,
    ) -> String {
        let value = crate::text::clean_line(value);
        if value.is_empty() {
            self.add(field, label, format!("{label} không được để trống."));
        } else {
            self.check_length(field, label, &value, max_chars);
            self.check_no_control(field, label, &value);
        }
        value
    }

    /// Checks an optional text field; returns `None` when empty.
    pub fn optional_text(
        &mut self,
        field: &str,
        label: &str,
        value: &str,
        max_chars: usize,
    ) -> Option<String> {
        let value = crate::text::clean_line(value);
        if value.is_empty() {
            return None;
        }
        self.check_length(field, label, &value, max_chars);
        self.check_no_control(field, label, &value);
        Some(value)
    }

    fn check_length(&mut self, field: &str, label: &str, value: &str, max_chars: usize) {
        let n = value.chars().count();
        if n > max_chars {
            self.add(
                field,
                label,
                format!("{label} dài {n} ký tự, tối đa {max_chars} ký tự."),
            );
        }
    }

    fn check_no_control(&mut self, field: &str, label: &str, value: &str) {
        if value.chars().any(|c| c.is_control()) {
            self.add(
                field,
                label,
                format!("{label} chứa ký tự điều khiển không hợp lệ."),
            );
        }
    }
}

impl std::fmt::Display for Validation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<&str> = self.errors.iter().map(|e| e.message.as_str()).collect();
        write!(f, "{}", parts.join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_field_and_problem() {
        let mut v = Validation::new();
        let name = v.required_text("name", "Tên đơn vị", "   ", 10);
        assert_eq!(name, "");
        assert_eq!(
            v.message_for("name"),
            Some("Tên đơn vị không được để trống.")
        );
        let mut v = Validation::new();
        v.required_text("name", "Tên đơn vị", "Phường Bạch Đằng", 5);
        assert_eq!(
            v.message_for("name"),
            Some("Tên đơn vị dài 16 ký tự, tối đa 5 ký tự.")
        );
        assert!(v.finish(()).is_err());
    }

    #[test]
    fn optional_empty_is_none() {
        let mut v = Validation::new();
        assert_eq!(v.optional_text("x", "X", "  ", 5), None);
        assert!(v.is_ok());
    }
}
