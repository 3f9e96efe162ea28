//! Targets (*chỉ tiêu*): a metric, a unit of measure, a comparator and a threshold, for the whole body
//! or for each participating unit (`≥ 95 %` disbursement, `> 100 %` revenue, `= 15` main targets).

use crate::validation::Validation;

/// How a reported value is compared with the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    /// *từ … trở lên, ít nhất, thấp nhất là*
    AtLeast,
    /// *trên, vượt*
    Above,
    /// *đạt đúng, hoàn thành 100 %, đủ N chỉ tiêu*
    Equal,
    /// *tối đa, không quá*
    AtMost,
}

impl Comparator {
    pub const ALL: [Comparator; 4] = [Self::AtLeast, Self::Above, Self::Equal, Self::AtMost];

    /// The code stored and used in the API (the plan-import contract's symbols).
    pub fn code(self) -> &'static str {
        match self {
            Self::AtLeast => ">=",
            Self::Above => ">",
            Self::Equal => "=",
            Self::AtMost => "<=",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code.trim() {
            ">=" | "≥" => Some(Self::AtLeast),
            ">" => Some(Self::Above),
            "=" => Some(Self::Equal),
            "<=" | "≤" => Some(Self::AtMost),
            _ => None,
        }
    }

    /// The sign shown to people.
    pub fn sign(self) -> &'static str {
        match self {
            Self::AtLeast => "≥",
            Self::Above => ">",
            Self::Equal => "=",
            Self::AtMost => "≤",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::AtLeast => "≥ (từ … trở lên)",
            Self::Above => "> (trên, vượt)",
            Self::Equal => "= (đạt đủ)",
            Self::AtMost => "≤ (tối đa, không quá)",
        }
    }

    /// True when `value` meets `threshold`. For `=` a count target is met once reached
    /// (doing 16 of 15 main targets still meets "15 targets"), except a zero target (0 poor households).
    pub fn is_met(self, value: f64, threshold: f64) -> bool {
        const EPS: f64 = 1e-9;
        match self {
            Self::AtLeast => value + EPS >= threshold,
            Self::Above => value > threshold + EPS,
            Self::Equal if threshold.abs() < EPS => value.abs() < EPS,
            Self::Equal => value + EPS >= threshold,
            Self::AtMost => value <= threshold + EPS,
        }
    }
}

/// Whether a target applies to the issuing body as a whole or to every participating unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetScope {
    /// The whole body (the district's disbursement rate).
    Body,
    /// Each participating unit reports its own value against the threshold.
    PerUnit,
}

impl TargetScope {
    pub fn code(self) -> &'static str {
        match self {
            Self::Body => "body",
            Self::PerUnit => "per_unit",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code.trim() {
            "body" => Some(Self::Body),
            "per_unit" => Some(Self::PerUnit),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Body => "Toàn cơ quan, địa phương",
            Self::PerUnit => "Từng đơn vị tham gia",
        }
    }
}

/// Parses a number as Vietnamese people type it: `95`, `95,5`, `1.234,5`, `95 %`, `1 234`.
pub fn parse_number(raw: &str) -> Option<f64> {
    let s: String = raw
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-'))
    {
        return None;
    }
    let normalised = match (s.rfind(','), s.rfind('.')) {
        // 1.234,5 — dots group thousands, the comma is decimal.
        (Some(c), Some(d)) if c > d => s.replace('.', "").replace(',', "."),
        // 1,234.5 — the other way round.
        (Some(_), Some(_)) => s.replace(',', ""),
        (Some(_), None) => s.replace(',', "."),
        // 1.234 with exactly three digits after one dot is a thousands group in Vietnamese.
        (None, Some(d))
            if s.matches('.').count() > 1 || (s.len() - d - 1 == 3 && !s.starts_with("0.")) =>
        {
            s.replace('.', "")
        }
        _ => s,
    };
    normalised.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Shows a number the Vietnamese way: `95`, `95,5`, `1.234`.
pub fn format_number(n: f64) -> String {
    let rounded = (n * 100.0).round() / 100.0;
    let neg = rounded < 0.0;
    let abs = rounded.abs();
    let int = abs.trunc() as u64;
    let frac = ((abs - abs.trunc()) * 100.0).round() as u64;
    let digits = int.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let mut out = if neg { format!("-{grouped}") } else { grouped };
    if frac > 0 {
        let f = format!("{frac:02}");
        out.push(',');
        out.push_str(f.trim_end_matches('0'));
    }
    out
}

/// What a person typed for a target.
#[derive(Debug, Clone, Default)]
pub struct TargetInput {
    pub text: String,
    pub comparator: String,
    pub threshold: String,
    pub unit: String,
    pub scope: String,
    pub theme_id: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TargetDraft {
    pub text: String,
    pub comparator: Comparator,
    pub threshold: f64,
    pub unit: Option<String>,
    pub scope: TargetScope,
    pub theme_id: Option<String>,
}

impl TargetInput {
    pub fn validate(&self) -> Result<TargetDraft, Validation> {
        let mut v = Validation::new();
        let text = v.required_text("text", "Nội dung chỉ tiêu", &self.text, 1000);
        let comparator = Comparator::parse(&self.comparator);
        if comparator.is_none() {
            v.add(
                "comparator",
                "Phép so sánh",
                "Hãy chọn phép so sánh: ≥, >, = hoặc ≤.",
            );
        }
        let threshold = match parse_number(&self.threshold) {
            Some(n) if n.abs() < 1e12 => n,
            _ if self.threshold.trim().is_empty() => {
                v.add(
                    "threshold",
                    "Mức chỉ tiêu",
                    "Mức chỉ tiêu không được để trống; hãy nhập một số, ví dụ 95.",
                );
                0.0
            }
            _ => {
                v.add("threshold", "Mức chỉ tiêu", format!("Mức chỉ tiêu \u{201c}{}\u{201d} không phải là số; hãy nhập một số, ví dụ 95 hoặc 95,5.", self.threshold.trim()));
                0.0
            }
        };
        let unit = v.optional_text("unit", "Đơn vị tính", &self.unit, 64);
        let scope = if self.scope.trim().is_empty() {
            Some(TargetScope::Body)
        } else {
            TargetScope::parse(&self.scope)
        };
        if scope.is_none() {
            v.add(
                "scope",
                "Phạm vi",
                "Hãy chọn phạm vi của chỉ tiêu: toàn cơ quan hoặc từng đơn vị.",
            );
        }
        let theme_id = Some(self.theme_id.trim().to_string()).filter(|s| !s.is_empty());
        v.finish(TargetDraft {
            text,
            comparator: comparator.unwrap_or(Comparator::AtLeast),
            threshold,
            unit,
            scope: scope.unwrap_or(TargetScope::Body),
            theme_id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_typed() {
        assert_eq!(parse_number("95"), Some(95.0));
        assert_eq!(parse_number("95,5"), Some(95.5));
        assert_eq!(parse_number(" 95 % "), Some(95.0));
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("1.234"), Some(1234.0));
        assert_eq!(parse_number("1 234"), Some(1234.0));
        assert_eq!(parse_number("0.5"), Some(0.5));
        assert_eq!(parse_number("2.5"), Some(2.5));
        for bad in ["", "abc", "9 5a", "95%%x", "--", "1e9"] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
        assert_eq!(format_number(95.0), "95");
        assert_eq!(format_number(95.5), "95,5");
        assert_eq!(format_number(1234567.25), "1.234.567,25");
        assert_eq!(format_number(-3.0), "-3");
    }

    #[test]
    fn comparators() {
        assert!(Comparator::AtLeast.is_met(95.0, 95.0));
        assert!(!Comparator::Above.is_met(100.0, 100.0));
        assert!(Comparator::Above.is_met(100.1, 100.0));
        assert!(Comparator::Equal.is_met(16.0, 15.0));
        assert!(!Comparator::Equal.is_met(14.0, 15.0));
        assert!(Comparator::Equal.is_met(0.0, 0.0));
        assert!(!Comparator::Equal.is_met(2.0, 0.0));
        assert!(Comparator::AtMost.is_met(3.0, 3.0));
        assert!(!Comparator::AtMost.is_met(4.0, 3.0));
        for c in Comparator::ALL {
            assert_eq!(Comparator::parse(c.code()), Some(c));
        }
    }

    #[test]
    fn threshold_not_a_number_is_named() {
        let t = TargetInput {
            text: "Tỷ lệ giải ngân".into(),
            comparator: ">=".into(),
            threshold: "chín lăm".into(),
            ..Default::default()
        };
        let v = t.validate().unwrap_err();
        assert!(
            v.message_for("threshold")
                .unwrap()
                .contains("không phải là số")
        );
        let ok = TargetInput {
            text: "Tỷ lệ giải ngân".into(),
            comparator: ">=".into(),
            threshold: "95".into(),
            unit: "%".into(),
            scope: "per_unit".into(),
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(ok.scope, TargetScope::PerUnit);
    }
}
