//! Where the imported units go: the former units (a district and its wards) arrive closed on the day
//! before the reorganisation, under the receiving organisation's body, each pointing to the unit that
//! succeeds it when a person chose one; a person moves to the successor of their unit or of its nearest
//! ancestor that has one (as in a merge), and is recognised when the receiving organisation already
//! has someone of the same name and birth date.

use super::archive::{Archive, refuse};
use crate::Result;
use std::collections::{HashMap, HashSet};
use thidua_domain::Validation;
use thidua_domain::date::iso;
use thidua_domain::text::fold;
use thidua_store::units::UnitRow;
use time::Date;

/// A unit of the archive.
#[derive(Debug, Clone)]
pub struct SourceUnit {
    pub id: String,
    pub parent_id: Option<String>,
    pub code: String,
    pub name: String,
    /// The unit that carried it on inside the source organisation (an earlier merge there).
    pub successor_id: Option<String>,
    /// Steps from the source organisation's top (0 for its body).
    pub depth: usize,
}

/// The units of an archive, parents before children.
pub fn source_units(archive: &Archive) -> Result<Vec<SourceUnit>> {
    let Some(t) = archive.table("units") else {
        return Ok(Vec::new());
    };
    let mut units = Vec::new();
    for row in &t.rows {
        let text = |c: &str| t.text(row, c).map(str::to_string);
        let (Some(id), Some(code), Some(name), Some(_)) =
            (text("id"), text("code"), text("name"), text("valid_from"))
        else {
            return Err(refuse(
                "Bảng đơn vị có dòng thiếu mã, tên hoặc ngày thành lập: tệp bị hỏng.",
            ));
        };
        units.push(SourceUnit {
            id,
            parent_id: text("parent_id"),
            code,
            name,
            successor_id: text("successor_id"),
            depth: 0,
        });
    }
    let parents: HashMap<String, Option<String>> = units
        .iter()
        .map(|u| (u.id.clone(), u.parent_id.clone()))
        .collect();
    for u in &mut units {
        let mut seen = HashSet::new();
        let mut at = u.parent_id.clone();
        while let Some(p) = at {
            if !seen.insert(p.clone()) {
                return Err(refuse("Cây đơn vị trong tệp có vòng lặp: tệp bị hỏng."));
            }
            at = parents.get(&p).cloned().ok_or_else(|| {
                refuse(format!(
                    "Đơn vị cấp trên {p} không có trong tệp: tệp bị hỏng."
                ))
            })?;
        }
        u.depth = seen.len();
    }
    units.sort_by_key(|u| u.depth);
    Ok(units)
}

/// The unit of this organisation proposed as successor of each archive unit: the one active unit of
/// the same name (diacritics and case aside), never a name two units share; below the top two levels,
/// only inside the successor proposed for the parent (a «Tổ dân phố số 1» goes to the one of its new
/// ward, not to another ward's).
pub fn propose(units: &[SourceUnit], targets: &[UnitRow]) -> HashMap<String, String> {
    let mut by_name: HashMap<String, Vec<&UnitRow>> = HashMap::new();
    for t in targets.iter().filter(|t| t.valid_to.is_none()) {
        by_name.entry(fold(&t.name)).or_default().push(t);
    }
    let mut out: HashMap<String, String> = HashMap::new();
    // `units` come parents first, so a parent's proposal is known before its children's.
    for u in units {
        let same = by_name.get(&fold(&u.name)).map_or(&[][..], Vec::as_slice);
        let inside_parent = |t: &&&UnitRow| match (u.depth, &u.parent_id) {
            (0 | 1, _) => true,
            (_, Some(p)) => out
                .get(p)
                .and_then(|pid| targets.iter().find(|x| &x.id == pid))
                .is_some_and(|parent| t.path.starts_with(&parent.path)),
            (_, None) => false,
        };
        let fitting: Vec<&&UnitRow> = same.iter().filter(inside_parent).collect();
        if let [one] = fitting.as_slice() {
            out.insert(u.id.clone(), one.id.clone());
        }
    }
    out
}

/// The checked choices of the person importing.
#[derive(Debug, Clone)]
pub struct Choices {
    pub effective: Date,
    pub prefix: String,
    /// Archive unit id → successor unit of this organisation.
    pub successors: HashMap<String, UnitRow>,
}

/// Checks the successors chosen (units of this organisation, active on the effective day) and that
/// the prefixed codes clash with none of this organisation's.
pub fn check(
    units: &[SourceUnit],
    chosen: &[(String, String)],
    targets: &[UnitRow],
    taken_codes: &[String],
    prefix: &str,
    effective: Date,
) -> Result<Choices, Validation> {
    let mut v = Validation::new();
    let day = iso(effective);
    let mut successors = HashMap::new();
    for (from, to) in chosen.iter().filter(|(_, to)| !to.trim().is_empty()) {
        let field = format!("map.{from}");
        let Some(old) = units.iter().find(|u| &u.id == from) else {
            v.add(
                &field,
                "Đơn vị cũ",
                "Đơn vị này không có trong tệp dữ liệu.",
            );
            continue;
        };
        let of = format!(
            "Đơn vị kế thừa của \u{201c}{}\u{201d} ({})",
            old.name, old.code
        );
        match targets.iter().find(|t| t.id == *to) {
            Some(t)
                if t.valid_from <= day
                    && t.valid_to.as_deref().is_none_or(|end| end >= day.as_str()) =>
            {
                successors.insert(from.clone(), t.clone());
            }
            Some(t) => v.add(
                &field,
                "Đơn vị kế thừa",
                format!(
                    "{of}: \u{201c}{}\u{201d} không hoạt động vào ngày hiệu lực {}.",
                    t.name,
                    thidua_domain::date::vn(effective)
                ),
            ),
            None => v.add(
                &field,
                "Đơn vị kế thừa",
                format!("{of}: hãy chọn một đơn vị của tổ chức này."),
            ),
        }
    }
    let prefix = prefix.trim().to_uppercase();
    let taken: HashSet<&str> = taken_codes.iter().map(String::as_str).collect();
    let clashes: Vec<String> = units
        .iter()
        .map(|u| format!("{prefix}{}", u.code))
        .filter(|c| taken.contains(c.as_str()))
        .collect();
    if !clashes.is_empty() {
        v.add(
            "code_prefix",
            "Tiền tố mã đơn vị",
            format!(
                "Mã đơn vị đã có trong tổ chức này: {}{}. Hãy đặt một tiền tố khác để các mã không trùng.",
                clashes.iter().take(5).cloned().collect::<Vec<_>>().join(", "),
                if clashes.len() > 5 { format!(" và {} mã khác", clashes.len() - 5) } else { String::new() }
            ),
        );
    }
    v.finish(Choices {
        effective,
        prefix,
        successors,
    })
}

/// The successor a person of `unit_id` moves to: that of the unit or of its nearest ancestor.
pub fn destination<'c>(
    units: &HashMap<String, SourceUnit>,
    choices: &'c Choices,
    unit_id: &str,
) -> Option<&'c UnitRow> {
    let mut at = Some(unit_id.to_string());
    while let Some(id) = at {
        if let Some(t) = choices.successors.get(&id) {
            return Some(t);
        }
        at = units.get(&id).and_then(|u| u.parent_id.clone());
    }
    None
}

/// The key a person is recognised by: folded full name and birth date.
pub fn person_key(full_name: &str, birth_date: &str) -> String {
    format!("{}|{}", fold(full_name), birth_date)
}
