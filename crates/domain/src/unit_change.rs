//! Units change over time: merge (sáp nhập), split (chia tách), rename (đổi tên), each with an effective
//! date. A closed unit keeps its history and points to its successor, so that what belonged to it
//! (later: awards and titles) follows to the unit that carries it on.

use crate::validation::Validation;
use std::collections::{HashMap, HashSet};
use time::Date;

/// The kind of a recorded change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitChangeKind {
    Merge,
    Split,
    Rename,
}

impl UnitChangeKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Merge => "merge",
            Self::Split => "split",
            Self::Rename => "rename",
        }
    }
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "merge" => Some(Self::Merge),
            "split" => Some(Self::Split),
            "rename" => Some(Self::Rename),
            _ => None,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Merge => "Sáp nhập",
            Self::Split => "Chia tách",
            Self::Rename => "Đổi tên",
        }
    }
}

/// What the checks need to know about an existing unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitSnapshot {
    pub id: String,
    pub name: String,
    pub valid_from: Date,
    pub valid_to: Option<Date>,
}

impl UnitSnapshot {
    /// True when the unit exists on `date`.
    pub fn active_on(&self, date: Date) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|end| date <= end)
    }
}

/// The last day a closed unit exists: the day before the change takes effect.
pub fn closing_day(effective: Date) -> Date {
    effective.previous_day().unwrap_or(effective)
}

fn check_active(v: &mut Validation, field: &str, unit: &UnitSnapshot, effective: Date) {
    if !unit.active_on(effective) {
        v.add(
            field,
            "Đơn vị",
            format!(
                "Đơn vị \u{201c}{}\u{201d} không còn hoạt động vào ngày hiệu lực.",
                unit.name
            ),
        );
    } else if unit.valid_from >= effective {
        v.add(
            field,
            "Ngày hiệu lực",
            format!(
                "Ngày hiệu lực phải sau ngày thành lập của \u{201c}{}\u{201d}.",
                unit.name
            ),
        );
    }
}

/// Checks a merge of `sources` into either one of them (`survivor`) or a new unit (`survivor = None`).
pub fn check_merge(
    sources: &[UnitSnapshot],
    survivor: Option<&str>,
    effective: Date,
) -> Result<(), Validation> {
    let mut v = Validation::new();
    let ids: HashSet<&str> = sources.iter().map(|u| u.id.as_str()).collect();
    if ids.len() < 2 || ids.len() != sources.len() {
        v.add(
            "sources",
            "Các đơn vị sáp nhập",
            "Hãy chọn ít nhất hai đơn vị khác nhau để sáp nhập.",
        );
    }
    if let Some(s) = survivor
        && !ids.contains(s)
    {
        v.add(
            "survivor",
            "Đơn vị tiếp nhận",
            "Đơn vị tiếp nhận phải là một trong các đơn vị sáp nhập.",
        );
    }
    for u in sources {
        check_active(&mut v, "sources", u, effective);
    }
    v.finish(())
}

/// Checks a split of `source` into `new_count` new units.
pub fn check_split(
    source: &UnitSnapshot,
    new_count: usize,
    effective: Date,
) -> Result<(), Validation> {
    let mut v = Validation::new();
    if new_count < 2 {
        v.add(
            "new_units",
            "Các đơn vị mới",
            "Chia tách phải tạo ra ít nhất hai đơn vị mới.",
        );
    }
    check_active(&mut v, "source", source, effective);
    v.finish(())
}

/// Checks a rename: a different name, effective while the unit exists.
pub fn check_rename(
    unit: &UnitSnapshot,
    new_name: &str,
    effective: Date,
) -> Result<(), Validation> {
    let mut v = Validation::new();
    if crate::text::clean_line(new_name) == unit.name {
        v.add("new_name", "Tên mới", "Tên mới trùng với tên hiện tại.");
    }
    check_active(&mut v, "effective_on", unit, effective);
    v.finish(())
}

/// Follows successor links from `start` to the unit that carries its history today.
/// Stops safely on a cycle (which the store never writes, but data can be imported).
pub fn current_successor(start: &str, successors: &HashMap<String, String>) -> String {
    let mut seen = HashSet::new();
    let mut current = start.to_string();
    while let Some(next) = successors.get(&current) {
        if !seen.insert(current.clone()) {
            break;
        }
        current = next.clone();
    }
    current
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn unit(id: &str, from: Date, to: Option<Date>) -> UnitSnapshot {
        UnitSnapshot {
            id: id.into(),
            name: format!("Phường {id}"),
            valid_from: from,
            valid_to: to,
        }
    }

    #[test]
    fn merge_needs_two_active_units() {
        let a = unit("a", date!(2000 - 01 - 01), None);
        let b = unit("b", date!(2000 - 01 - 01), None);
        let closed = unit("c", date!(2000 - 01 - 01), Some(date!(2020 - 01 - 01)));
        assert!(check_merge(&[a.clone(), b.clone()], None, date!(2025 - 07 - 01)).is_ok());
        assert!(check_merge(&[a.clone(), b.clone()], Some("a"), date!(2025 - 07 - 01)).is_ok());
        assert!(check_merge(std::slice::from_ref(&a), None, date!(2025 - 07 - 01)).is_err());
        assert!(check_merge(&[a.clone(), a.clone()], None, date!(2025 - 07 - 01)).is_err());
        assert!(check_merge(&[a.clone(), closed], None, date!(2025 - 07 - 01)).is_err());
        assert!(check_merge(&[a.clone(), b], Some("z"), date!(2025 - 07 - 01)).is_err());
        assert!(
            check_merge(
                &[a.clone(), unit("d", date!(2025 - 07 - 01), None)],
                None,
                date!(2025 - 07 - 01)
            )
            .is_err()
        );
    }

    #[test]
    fn split_and_rename() {
        let a = unit("a", date!(2000 - 01 - 01), None);
        assert!(check_split(&a, 2, date!(2025 - 07 - 01)).is_ok());
        assert!(check_split(&a, 1, date!(2025 - 07 - 01)).is_err());
        assert!(check_rename(&a, "Phường a", date!(2025 - 07 - 01)).is_err());
        assert!(check_rename(&a, "Phường Mới", date!(2025 - 07 - 01)).is_ok());
        assert_eq!(closing_day(date!(2025 - 07 - 01)), date!(2025 - 06 - 30));
    }

    #[test]
    fn successor_chain_is_followed_and_cycle_safe() {
        let mut s = HashMap::new();
        s.insert("a".to_string(), "b".to_string());
        s.insert("b".to_string(), "c".to_string());
        assert_eq!(current_successor("a", &s), "c");
        assert_eq!(current_successor("x", &s), "x");
        s.insert("c".to_string(), "a".to_string());
        let end = current_successor("a", &s);
        assert!(["a", "b", "c"].contains(&end.as_str()));
    }
}
