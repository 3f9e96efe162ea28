//! The output model: the JSON contract of `import-plan` (see `plan-import.md`), plus the optional
//! `evidence` key that maps every extracted field or list item to the input lines it came from.

use serde::{Deserialize, Serialize};

/// One imported plan (*Kế hoạch*). Serialises exactly to the plan-import JSON contract; every key
/// is always present, unknown values are `null` or `[]`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PlanImport {
    /// *Số, ký hiệu* as printed, without spaces around `/` (`303/KH-UBND`).
    pub number: Option<String>,
    /// Issue date, ISO `yyyy-mm-dd`.
    pub issued_on: Option<String>,
    /// Place of issue, from `<place>, ngày … tháng … năm …`.
    pub place: Option<String>,
    /// Issuing body, `UBND` written out.
    pub issuer: Option<String>,
    /// The title after `KẾ HOẠCH`, lines joined with one space.
    pub title: Option<String>,
    /// The emulation period.
    pub period: Option<Period>,
    /// Documents cited in the preamble.
    #[serde(default)]
    pub legal_bases: Vec<LegalBasis>,
    /// Dated obligations.
    #[serde(default)]
    pub deadlines: Vec<Deadline>,
    /// Numeric targets and thresholds.
    #[serde(default)]
    pub targets: Vec<Target>,
    /// Named forms of commendation and honorary titles.
    #[serde(default)]
    pub award_forms: Vec<String>,
    /// Maximum numbers of nominees per unit (or kind of unit).
    #[serde(default)]
    pub quotas: Vec<Quota>,
    /// Movements or contents with a lead unit.
    #[serde(default)]
    pub themes: Vec<Theme>,
    /// The signer of the plan.
    pub signer: Option<Signer>,
    /// For each extracted field or item, the 1-based input line numbers it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

/// How sure the importer is of a field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Level {
    /// Read from where the field normally stands, in a clean text.
    #[default]
    High,
    /// Guessed, restored, or missing where it should be: a person should check it first.
    Low,
}

/// The confidence of one field, with the reason (in Vietnamese, for the reviewer) when low.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldConfidence {
    /// High or low.
    pub level: Level,
    /// Why it is low; `None` when high.
    pub reason: Option<String>,
}

/// Per-field confidence (Rust API only: not part of the JSON contract), keyed by the contract's
/// field names (`number`, `issued_on`, `place`,
/// `issuer`, `title`, `period`, `legal_bases`, `signer`, and the list fields).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Confidence {
    low: Vec<(&'static str, String)>,
}

impl Confidence {
    /// Marks `field` as low confidence (the first reason given is kept).
    pub fn mark_low(&mut self, field: &'static str, reason: impl Into<String>) {
        if !self.low.iter().any(|(f, _)| *f == field) {
            self.low.push((field, reason.into()));
        }
    }

    /// The confidence of one field.
    pub fn of(&self, field: &str) -> FieldConfidence {
        match self.low.iter().find(|(f, _)| *f == field) {
            Some((_, reason)) => FieldConfidence {
                level: Level::Low,
                reason: Some(reason.clone()),
            },
            None => FieldConfidence::default(),
        }
    }

    /// The fields of low confidence with their reasons, in the order they were found.
    pub fn low_fields(&self) -> &[(&'static str, String)] {
        &self.low
    }
}

/// The emulation period; either end may be unknown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Period {
    /// First day, ISO date.
    pub from: Option<String>,
    /// Last day, ISO date.
    pub to: Option<String>,
}

/// A document cited as a basis of the plan.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LegalBasis {
    /// Number and symbol (`6677/KH-UBND`), `null` when cited by date only.
    pub number: Option<String>,
    /// Date of the cited document.
    pub date: Option<String>,
}

/// A dated obligation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Deadline {
    /// The date named (for a window, its end).
    pub date: String,
    /// What must be done.
    pub what: String,
    /// Recipient as printed.
    pub to: Option<String>,
}

/// A numeric target or threshold.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// What is measured.
    pub text: String,
    /// One of `>=`, `>`, `=`, `<=`.
    pub comparator: String,
    /// The threshold (whole numbers serialise without a fraction: `95`, not `95.0`).
    #[serde(serialize_with = "serialize_number")]
    pub value: f64,
    /// Unit as printed (`%`, `chỉ tiêu`, `hộ`…).
    pub unit: Option<String>,
}

/// How many collectives and individuals a unit may propose.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Quota {
    /// The unit or kind of unit (`mỗi phường`).
    pub who: String,
    /// Maximum collectives, `null` when not limited.
    pub collectives_max: Option<u32>,
    /// Maximum individuals, `null` when not limited.
    pub individuals_max: Option<u32>,
}

/// A movement or content with a lead unit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    /// Name of the movement or content.
    pub title: String,
    /// The lead unit (*chủ trì*).
    pub lead: Option<String>,
    /// Specifically named coordinating units.
    #[serde(default)]
    pub coordinating: Vec<String>,
}

/// The signer of the plan.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Signer {
    /// `Chủ tịch`, `Phó Chủ tịch`, `Hiệu trưởng`…
    pub title: Option<String>,
    /// Full name.
    pub name: Option<String>,
}

/// Input line numbers (1-based) per field; list fields hold one entry per item, in item order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Lines of `number`.
    #[serde(default)]
    pub number: Vec<usize>,
    /// Lines of `issued_on`.
    #[serde(default)]
    pub issued_on: Vec<usize>,
    /// Lines of `place`.
    #[serde(default)]
    pub place: Vec<usize>,
    /// Lines of `issuer`.
    #[serde(default)]
    pub issuer: Vec<usize>,
    /// Lines of `title`.
    #[serde(default)]
    pub title: Vec<usize>,
    /// Lines of `period`.
    #[serde(default)]
    pub period: Vec<usize>,
    /// Lines of each legal basis.
    #[serde(default)]
    pub legal_bases: Vec<Vec<usize>>,
    /// Lines of each deadline.
    #[serde(default)]
    pub deadlines: Vec<Vec<usize>>,
    /// Lines of each target.
    #[serde(default)]
    pub targets: Vec<Vec<usize>>,
    /// Lines of each award form.
    #[serde(default)]
    pub award_forms: Vec<Vec<usize>>,
    /// Lines of each quota.
    #[serde(default)]
    pub quotas: Vec<Vec<usize>>,
    /// Lines of each theme.
    #[serde(default)]
    pub themes: Vec<Vec<usize>>,
    /// Lines of `signer`.
    #[serde(default)]
    pub signer: Vec<usize>,
}

/// Writes whole numbers as JSON integers so `95` stays `95`.
fn serialize_number<S: serde::Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}
