//! The organisation: units (cơ quan, đơn vị) in a tree that changes over time, and clusters (cụm, khối).
//!
//! Unit kinds and levels are data (rows with effective dates), not enums: the 2025 reform removed the
//! district level, and a province may add kinds of its own. This module validates what people type and
//! keeps the materialised path that makes "this unit and everything under it" one prefix match.

use crate::validation::Validation;
use time::Date;

/// What a person typed to create or edit a unit, before it is checked.
#[derive(Debug, Clone, Default)]
pub struct UnitInput {
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub kind: String,
    pub level: String,
    pub parent_id: String,
    pub valid_from: String,
}

/// A checked unit: every field is clean and within limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitDraft {
    pub code: String,
    pub name: String,
    pub short_name: Option<String>,
    pub kind: String,
    pub level: String,
    pub parent_id: Option<String>,
    pub valid_from: Date,
}

pub const CODE_MAX: usize = 32;
pub const NAME_MAX: usize = 255;

/// Checks a unit code: letters, digits, `.`, `_`, `-`; the code is how import files refer to units.
pub fn check_code(v: &mut Validation, field: &str, label: &str, raw: &str) -> String {
    let code = v.required_text(field, label, raw, CODE_MAX);
    if !code.is_empty()
        && !code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        v.add(
            field,
            label,
            format!(
                "{label} chỉ gồm chữ cái không dấu, chữ số và các dấu . _ - (ví dụ: P-BACHDANG)."
            ),
        );
    }
    code.to_uppercase()
}

/// Checks a date field typed as `dd/mm/yyyy` or ISO.
pub fn check_date(
    v: &mut Validation,
    field: &str,
    label: &str,
    raw: &str,
    required: bool,
) -> Option<Date> {
    let raw = raw.trim();
    if raw.is_empty() {
        if required {
            v.add(field, label, format!("{label} không được để trống."));
        }
        return None;
    }
    let parsed = crate::date::parse(raw);
    match parsed {
        Some(d) if (1900..=2100).contains(&d.year()) => Some(d),
        _ => {
            v.add(field, label, format!("{label} \u{201c}{raw}\u{201d} không phải là ngày hợp lệ; hãy nhập theo dạng ngày/tháng/năm, ví dụ 01/07/2025."));
            None
        }
    }
}

impl UnitInput {
    /// Checks every field; `kinds` and `levels` are the codes currently defined as data.
    pub fn validate(&self, kinds: &[String], levels: &[String]) -> Result<UnitDraft, Validation> {
        let mut v = Validation::new();
        let code = check_code(&mut v, "code", "Mã đơn vị", &self.code);
        let name = v.required_text("name", "Tên đơn vị", &self.name, NAME_MAX);
        let short_name = v.optional_text("short_name", "Tên viết tắt", &self.short_name, 64);
        let kind = self.kind.trim().to_string();
        if !kinds.contains(&kind) {
            v.add(
                "kind",
                "Loại đơn vị",
                "Hãy chọn loại đơn vị trong danh sách.",
            );
        }
        let level = self.level.trim().to_string();
        if !levels.contains(&level) {
            v.add("level", "Cấp", "Hãy chọn cấp trong danh sách.");
        }
        let valid_from = check_date(
            &mut v,
            "valid_from",
            "Ngày bắt đầu hiệu lực",
            &self.valid_from,
            false,
        )
        .unwrap_or(time::macros::date!(2000 - 01 - 01));
        let parent = self.parent_id.trim();
        let parent_id = (!parent.is_empty()).then(|| parent.to_string());
        v.finish(UnitDraft {
            code,
            name,
            short_name,
            kind,
            level,
            parent_id,
            valid_from,
        })
    }
}

/// The materialised path of a unit: its ancestors' ids and its own, each followed by `/`.
/// A unit's subtree is every unit whose path starts with its path.
pub fn child_path(parent_path: Option<&str>, id: &str) -> String {
    format!("{}{}/", parent_path.unwrap_or("/"), id)
}

/// True when `path` is `scope` itself or lies under it.
pub fn is_within(path: &str, scope: &str) -> bool {
    path.starts_with(scope)
}

/// Kind of a cluster grouping: a cluster (cụm, by territory) or a block (khối, by sector).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClusterKind {
    Cluster,
    Block,
}

impl ClusterKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Cluster => "cluster",
            Self::Block => "block",
        }
    }
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "cluster" => Some(Self::Cluster),
            "block" => Some(Self::Block),
            _ => None,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Cluster => "Cụm thi đua",
            Self::Block => "Khối thi đua",
        }
    }
}

/// What a person typed for a cluster or block of a year.
#[derive(Debug, Clone, Default)]
pub struct ClusterInput {
    pub year: String,
    pub kind: String,
    pub name: String,
    pub leader_unit_id: String,
    pub deputy_unit_id: String,
    pub member_ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterDraft {
    pub year: i32,
    pub kind: ClusterKind,
    pub name: String,
    pub leader_unit_id: Option<String>,
    pub deputy_unit_id: Option<String>,
    pub member_ids: Vec<String>,
}

impl ClusterInput {
    /// Checks a cluster: a year, a kind, a name; leader and deputy must be members and differ.
    pub fn validate(&self) -> Result<ClusterDraft, Validation> {
        let mut v = Validation::new();
        let year = match self.year.trim().parse::<i32>() {
            Ok(y) if (2000..=2100).contains(&y) => y,
            _ => {
                v.add(
                    "year",
                    "Năm",
                    "Năm phải là một số từ 2000 đến 2100, ví dụ 2025.",
                );
                0
            }
        };
        let kind = ClusterKind::parse(self.kind.trim());
        if kind.is_none() {
            v.add("kind", "Loại", "Hãy chọn Cụm thi đua hoặc Khối thi đua.");
        }
        let name = v.required_text("name", "Tên cụm, khối", &self.name, NAME_MAX);
        let mut member_ids: Vec<String> = self
            .member_ids
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        member_ids.sort();
        member_ids.dedup();
        let pick = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
        let leader_unit_id = pick(&self.leader_unit_id);
        let deputy_unit_id = pick(&self.deputy_unit_id);
        for (field, label, id) in [
            (
                "leader_unit_id",
                "Cụm trưởng / Khối trưởng",
                &leader_unit_id,
            ),
            ("deputy_unit_id", "Cụm phó / Khối phó", &deputy_unit_id),
        ] {
            if let Some(id) = id
                && !member_ids.contains(id)
            {
                v.add(
                    field,
                    label,
                    format!("{label} phải là một đơn vị thành viên."),
                );
            }
        }
        if leader_unit_id.is_some() && leader_unit_id == deputy_unit_id {
            v.add(
                "deputy_unit_id",
                "Cụm phó / Khối phó",
                "Cụm phó phải khác cụm trưởng.",
            );
        }
        v.finish(ClusterDraft {
            year,
            kind: kind.unwrap_or(ClusterKind::Cluster),
            name,
            leader_unit_id,
            deputy_unit_id,
            member_ids,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds() -> Vec<String> {
        vec!["ward".into(), "department".into()]
    }
    fn levels() -> Vec<String> {
        vec!["commune".into(), "province".into()]
    }

    #[test]
    fn valid_unit() {
        let input = UnitInput {
            code: "p-bd".into(),
            name: " Phường  Bạch Đằng ".into(),
            kind: "ward".into(),
            level: "commune".into(),
            valid_from: "01/07/2025".into(),
            ..Default::default()
        };
        let d = input.validate(&kinds(), &levels()).unwrap();
        assert_eq!(d.code, "P-BD");
        assert_eq!(d.name, "Phường Bạch Đằng");
        assert_eq!(d.parent_id, None);
    }

    #[test]
    fn every_bad_field_is_named() {
        let input = UnitInput {
            code: "ph ường".into(),
            name: "".into(),
            kind: "x".into(),
            level: "y".into(),
            valid_from: "31/02/2024".into(),
            ..Default::default()
        };
        let v = input.validate(&kinds(), &levels()).unwrap_err();
        for f in ["code", "name", "kind", "level", "valid_from"] {
            assert!(v.message_for(f).is_some(), "{f}");
        }
    }

    #[test]
    fn paths_nest() {
        let root = child_path(None, "a");
        let child = child_path(Some(&root), "b");
        assert_eq!(child, "/a/b/");
        assert!(is_within(&child, &root));
        assert!(!is_within(&root, &child));
        assert!(!is_within("/ab/", "/a/"));
    }

    #[test]
    fn cluster_leader_must_be_member() {
        let input = ClusterInput {
            year: "2025".into(),
            kind: "cluster".into(),
            name: "Cụm 1".into(),
            leader_unit_id: "x".into(),
            deputy_unit_id: "x".into(),
            member_ids: vec!["a".into()],
        };
        let v = input.validate().unwrap_err();
        assert!(v.message_for("leader_unit_id").is_some());
        assert!(v.message_for("deputy_unit_id").is_some());
        let ok = ClusterInput {
            year: "2025".into(),
            kind: "block".into(),
            name: "Khối 1".into(),
            leader_unit_id: "a".into(),
            deputy_unit_id: "b".into(),
            member_ids: vec!["b".into(), "a".into(), "a".into()],
        };
        let d = ok.validate().unwrap();
        assert_eq!(d.member_ids, vec!["a", "b"]);
    }
}
