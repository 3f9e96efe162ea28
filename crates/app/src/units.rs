//! Use cases of the organisation tree: create, edit, rename, merge, split.

use super::{Audit, today};
use crate::Caller;
use crate::error::{Error, Result};
use thidua_domain::date::iso;
use thidua_domain::org::{UnitDraft, UnitInput, check_code, check_date, is_within};
use thidua_domain::policy::Action;
use thidua_domain::unit_change::{self, UnitSnapshot, closing_day};
use thidua_domain::{Validation, text};
use thidua_store::units::{self, NewUnit, UnitRow};
use thidua_store::{Db, Tx, persons};

/// Reads a unit the user may see (404 otherwise).
pub async fn visible_unit(tx: &mut Tx, caller: &Caller, id: &str) -> Result<UnitRow> {
    let unit = units::get(tx, caller.org_id(), id).await?;
    caller.authorize(Action::ViewUnit {
        org_id: caller.org_id(),
        unit_path: &unit.path,
    })?;
    Ok(unit)
}

fn invalid(field: &str, label: &str, message: impl Into<String>) -> Error {
    let mut v = Validation::new();
    v.add(field, label, message);
    Error::Invalid(v)
}

/// Message for a unit whose level was not in force on its start date (forms and import files).
pub(crate) const LEVEL_NOT_IN_FORCE: &str =
    "Cấp này không còn hiệu lực vào ngày bắt đầu của đơn vị (cấp huyện kết thúc ngày 30/06/2025).";

/// Checks codes of kinds and levels, and that the level existed on the unit's start date.
/// Checks every field at once — including whether the code is already taken — so a person sees all
/// problems in one round.
async fn checked_draft(
    tx: &mut Tx,
    caller: &Caller,
    input: &UnitInput,
    own_id: Option<&str>,
) -> Result<UnitDraft> {
    let kinds: Vec<String> = units::kinds(tx)
        .await?
        .into_iter()
        .map(|k| k.code)
        .collect();
    let levels: Vec<String> = units::all_levels(tx)
        .await?
        .into_iter()
        .map(|l| l.code)
        .collect();
    let taken = code_taken(
        tx,
        caller,
        &text::clean_line(&input.code).to_uppercase(),
        own_id,
    )
    .await?;
    let mut v = match input.validate(&kinds, &levels) {
        Ok(draft) => {
            let mut v = Validation::new();
            let in_force = units::levels(tx, &iso(draft.valid_from)).await?;
            if !in_force.iter().any(|l| l.code == draft.level) {
                v.add("level", "Cấp", LEVEL_NOT_IN_FORCE);
            }
            if taken.is_none() && v.is_ok() {
                return Ok(draft);
            }
            v
        }
        Err(v) => v,
    };
    if let Some(message) = taken {
        v.add("code", "Mã đơn vị", message);
    }
    Err(Error::Invalid(v))
}

async fn parent_of(
    tx: &mut Tx,
    caller: &Caller,
    parent_id: Option<&str>,
) -> Result<Option<UnitRow>> {
    match parent_id {
        None => Ok(None),
        Some(id) => match units::get(tx, caller.org_id(), id).await {
            Ok(p)
                if caller.can(Action::ViewUnit {
                    org_id: caller.org_id(),
                    unit_path: &p.path,
                }) =>
            {
                Ok(Some(p))
            }
            _ => Err(invalid(
                "parent_id",
                "Đơn vị cấp trên",
                "Đơn vị cấp trên không tồn tại hoặc ngoài phạm vi của bạn.",
            )),
        },
    }
}

/// The message when `code` already belongs to another unit.
async fn code_taken(
    tx: &mut Tx,
    caller: &Caller,
    code: &str,
    own_id: Option<&str>,
) -> Result<Option<String>> {
    Ok(units::get_by_code(tx, caller.org_id(), code)
        .await?
        .filter(|other| Some(other.id.as_str()) != own_id)
        .map(|other| {
            // Name the other unit only to someone who may see it.
            if caller.can(Action::ViewUnit {
                org_id: caller.org_id(),
                unit_path: &other.path,
            }) {
                format!(
                    "Mã đơn vị {code} đã được dùng cho \u{201c}{}\u{201d}.",
                    other.name
                )
            } else {
                format!("Mã đơn vị {code} đã được dùng.")
            }
        }))
}

async fn ensure_code_free(
    tx: &mut Tx,
    caller: &Caller,
    code: &str,
    own_id: Option<&str>,
) -> Result<()> {
    match code_taken(tx, caller, code, own_id).await? {
        Some(message) => Err(invalid("code", "Mã đơn vị", message)),
        None => Ok(()),
    }
}

pub async fn create(db: &Db, caller: &Caller, input: &UnitInput) -> Result<UnitRow> {
    let mut tx = db.begin().await?;
    let draft = checked_draft(&mut tx, caller, input, None).await?;
    let parent = parent_of(&mut tx, caller, draft.parent_id.as_deref()).await?;
    caller.authorize(Action::CreateUnit {
        org_id: caller.org_id(),
        parent_path: parent.as_ref().map(|p| p.path.as_str()),
    })?;
    let valid_from = iso(draft.valid_from);
    let row = units::insert(
        &mut tx,
        NewUnit {
            org_id: caller.org_id(),
            parent: parent.as_ref(),
            code: &draft.code,
            name: &draft.name,
            short_name: draft.short_name.as_deref(),
            kind: &draft.kind,
            level: &draft.level,
            valid_from: &valid_from,
        },
    )
    .await?;
    Audit::new("unit.create", "unit", &row.id, &row.name)
        .after(&row)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}

/// Saves an edit made on the version the person saw.
pub async fn update(
    db: &Db,
    caller: &Caller,
    id: &str,
    version: i64,
    input: &UnitInput,
) -> Result<UnitRow> {
    let mut tx = db.begin().await?;
    let before = visible_unit(&mut tx, caller, id).await?;
    caller.authorize(Action::EditUnit {
        org_id: caller.org_id(),
        unit_path: &before.path,
    })?;
    let draft = checked_draft(&mut tx, caller, input, Some(id)).await?;
    let parent = parent_of(&mut tx, caller, draft.parent_id.as_deref()).await?;
    if let Some(p) = &parent
        && is_within(&p.path, &before.path)
    {
        return Err(invalid(
            "parent_id",
            "Đơn vị cấp trên",
            "Không thể chọn chính đơn vị này hoặc đơn vị trực thuộc của nó làm đơn vị cấp trên.",
        ));
    }
    if parent.as_ref().map(|p| &p.id) != before.parent_id.as_ref() {
        // Moving a unit elsewhere needs the right to create under the new parent.
        caller.authorize(Action::CreateUnit {
            org_id: caller.org_id(),
            parent_path: parent.as_ref().map(|p| p.path.as_str()),
        })?;
    }
    let edited = UnitRow {
        code: draft.code,
        name: draft.name,
        short_name: draft.short_name,
        kind: draft.kind,
        level: draft.level,
        valid_from: iso(draft.valid_from),
        version,
        ..before.clone()
    };
    let after = units::update(&mut tx, &edited, parent.as_ref()).await?;
    Audit::new("unit.update", "unit", id, &after.name)
        .before(&before)
        .after(&after)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(after)
}

fn snapshot(u: &UnitRow) -> UnitSnapshot {
    let parse = |s: &str| thidua_domain::date::parse(s);
    UnitSnapshot {
        id: u.id.clone(),
        name: u.name.clone(),
        valid_from: parse(&u.valid_from).unwrap_or(time::macros::date!(2000 - 01 - 01)),
        valid_to: u.valid_to.as_deref().and_then(parse),
    }
}

fn effective_date(raw: &str) -> Result<time::Date> {
    let mut v = Validation::new();
    let d = check_date(&mut v, "effective_on", "Ngày hiệu lực", raw, true);
    match d {
        Some(d) => Ok(d),
        None => Err(Error::Invalid(v)),
    }
}

/// Renames a unit from a date; the old name is kept for documents of earlier years.
pub async fn rename(
    db: &Db,
    caller: &Caller,
    id: &str,
    version: i64,
    new_name: &str,
    effective_on: &str,
) -> Result<UnitRow> {
    let mut v = Validation::new();
    let name = v.required_text(
        "new_name",
        "Tên mới",
        new_name,
        thidua_domain::org::NAME_MAX,
    );
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    let effective = effective_date(effective_on)?;
    let mut tx = db.begin().await?;
    let before = visible_unit(&mut tx, caller, id).await?;
    caller.authorize(Action::EditUnit {
        org_id: caller.org_id(),
        unit_path: &before.path,
    })?;
    unit_change::check_rename(&snapshot(&before), &name, effective)?;
    units::add_former_name(
        &mut tx,
        caller.org_id(),
        id,
        &before.name,
        &iso(closing_day(effective)),
    )
    .await?;
    let parent = match &before.parent_id {
        Some(p) => Some(units::get(&mut tx, caller.org_id(), p).await?),
        None => None,
    };
    let edited = UnitRow {
        name: name.clone(),
        version,
        ..before.clone()
    };
    let after = units::update(&mut tx, &edited, parent.as_ref()).await?;
    units::record_change(
        &mut tx,
        caller.org_id(),
        "rename",
        &iso(effective),
        Some(&format!("{} → {}", before.name, name)),
        Some(&caller.user.id),
        &[(id.to_string(), id.to_string())],
    )
    .await?;
    Audit::new("unit.rename", "unit", id, &after.name)
        .before(&before)
        .after(&after)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(after)
}

/// A new unit named in a merge or split.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewUnitName {
    pub code: String,
    pub name: String,
}

/// Closes a unit on the day before `effective` and points it to its successor.
async fn close_into(
    tx: &mut Tx,
    caller: &Caller,
    unit: &UnitRow,
    successor: &UnitRow,
    effective: time::Date,
    action: &str,
) -> Result<()> {
    let parent = match &unit.parent_id {
        Some(p) => Some(units::get(tx, caller.org_id(), p).await?),
        None => None,
    };
    let closed = UnitRow {
        valid_to: Some(iso(closing_day(effective))),
        successor_id: Some(successor.id.clone()),
        ..unit.clone()
    };
    let after = units::update(tx, &closed, parent.as_ref()).await?;
    persons::move_all(
        tx,
        caller.org_id(),
        &unit.id,
        &successor.id,
        &successor.path,
    )
    .await?;
    // Active sub-units (residential groups…) now belong to the successor.
    for child in units::list(
        tx,
        caller.org_id(),
        &units::UnitFilter {
            scope: Some(unit.path.clone()),
            ..Default::default()
        },
        100_000,
    )
    .await?
    {
        if child.parent_id.as_deref() == Some(unit.id.as_str()) {
            let fresh = units::get(tx, caller.org_id(), &child.id).await?;
            units::update(tx, &fresh, Some(successor)).await?;
        }
    }
    Audit::new(action, "unit", &unit.id, &unit.name)
        .before(unit)
        .after(&after)
        .write(tx, caller)
        .await
}

/// Creates a successor unit for a merge or split, under `parent`, of the same kind and level as `like`.
async fn create_successor(
    tx: &mut Tx,
    caller: &Caller,
    parent: Option<&UnitRow>,
    like: &UnitRow,
    new: &NewUnitName,
    effective: time::Date,
    field: &str,
) -> Result<UnitRow> {
    let mut v = Validation::new();
    let code = check_code(&mut v, &format!("{field}_code"), "Mã đơn vị mới", &new.code);
    let name = v.required_text(
        &format!("{field}_name"),
        "Tên đơn vị mới",
        &new.name,
        thidua_domain::org::NAME_MAX,
    );
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    ensure_code_free(tx, caller, &code, None).await?;
    let level = if like.level == "district" && effective > time::macros::date!(2025 - 06 - 30) {
        "commune".to_string()
    } else {
        like.level.clone()
    };
    let row = units::insert(
        tx,
        NewUnit {
            org_id: caller.org_id(),
            parent,
            code: &code,
            name: &name,
            short_name: None,
            kind: &like.kind,
            level: &level,
            valid_from: &iso(effective),
        },
    )
    .await?;
    Audit::new("unit.create", "unit", &row.id, &row.name)
        .after(&row)
        .write(tx, caller)
        .await?;
    Ok(row)
}

/// Merges units into one of them (`survivor`) or into a new unit; people and sub-units follow.
pub async fn merge(
    db: &Db,
    caller: &Caller,
    source_ids: &[String],
    survivor: Option<&str>,
    new_unit: Option<&NewUnitName>,
    effective_on: &str,
    note: Option<&str>,
) -> Result<UnitRow> {
    caller.authorize(Action::RestructureUnits {
        org_id: caller.org_id(),
    })?;
    let effective = effective_date(effective_on)?;
    let mut tx = db.begin().await?;
    let mut sources = Vec::new();
    for id in source_ids {
        sources.push(visible_unit(&mut tx, caller, id).await?);
    }
    let snapshots: Vec<UnitSnapshot> = sources.iter().map(snapshot).collect();
    unit_change::check_merge(&snapshots, survivor, effective)?;
    let Some(first) = sources.first().cloned() else {
        return Err(invalid(
            "sources",
            "Các đơn vị sáp nhập",
            "Hãy chọn ít nhất hai đơn vị.",
        ));
    };
    let target = match (survivor, new_unit) {
        (Some(s), _) => units::get(&mut tx, caller.org_id(), s).await?,
        (None, Some(n)) => {
            let parent = match &first.parent_id {
                Some(p) => Some(units::get(&mut tx, caller.org_id(), p).await?),
                None => None,
            };
            create_successor(
                &mut tx,
                caller,
                parent.as_ref(),
                &first,
                n,
                effective,
                "new",
            )
            .await?
        }
        (None, None) => {
            return Err(invalid(
                "survivor",
                "Đơn vị tiếp nhận",
                "Hãy chọn đơn vị tiếp nhận hoặc nhập tên đơn vị mới.",
            ));
        }
    };
    let mut links = Vec::new();
    for s in sources.iter().filter(|s| s.id != target.id) {
        let fresh = units::get(&mut tx, caller.org_id(), &s.id).await?;
        close_into(&mut tx, caller, &fresh, &target, effective, "unit.merge").await?;
        links.push((s.id.clone(), target.id.clone()));
    }
    units::record_change(
        &mut tx,
        caller.org_id(),
        "merge",
        &iso(effective),
        note,
        Some(&caller.user.id),
        &links,
    )
    .await?;
    tx.commit().await?;
    Ok(target)
}

/// Splits a unit into new units; the first one carries its history and people.
pub async fn split(
    db: &Db,
    caller: &Caller,
    source_id: &str,
    new_units: &[NewUnitName],
    effective_on: &str,
    note: Option<&str>,
) -> Result<Vec<UnitRow>> {
    caller.authorize(Action::RestructureUnits {
        org_id: caller.org_id(),
    })?;
    let effective = effective_date(effective_on)?;
    let mut tx = db.begin().await?;
    let source = visible_unit(&mut tx, caller, source_id).await?;
    let wanted: Vec<&NewUnitName> = new_units
        .iter()
        .filter(|n| !n.code.trim().is_empty() || !n.name.trim().is_empty())
        .collect();
    unit_change::check_split(&snapshot(&source), wanted.len(), effective)?;
    let parent = match &source.parent_id {
        Some(p) => Some(units::get(&mut tx, caller.org_id(), p).await?),
        None => None,
    };
    let mut created = Vec::new();
    for (i, n) in wanted.iter().enumerate() {
        created.push(
            create_successor(
                &mut tx,
                caller,
                parent.as_ref(),
                &source,
                n,
                effective,
                &format!("new{i}"),
            )
            .await?,
        );
    }
    let Some(primary) = created.first().cloned() else {
        return Err(invalid(
            "new_units",
            "Các đơn vị mới",
            "Hãy nhập ít nhất hai đơn vị mới.",
        ));
    };
    close_into(&mut tx, caller, &source, &primary, effective, "unit.split").await?;
    let links: Vec<(String, String)> = created
        .iter()
        .map(|c| (source.id.clone(), c.id.clone()))
        .collect();
    units::record_change(
        &mut tx,
        caller.org_id(),
        "split",
        &iso(effective),
        note,
        Some(&caller.user.id),
        &links,
    )
    .await?;
    tx.commit().await?;
    Ok(created)
}

/// Units the user may see, as a tree in display order (parents before children, siblings by name),
/// each with its depth.
pub async fn tree(
    db: &Db,
    caller: &Caller,
    query: Option<&str>,
    include_closed: bool,
) -> Result<Vec<(usize, UnitRow)>> {
    let mut tx = db.begin_read().await?;
    let filter = units::UnitFilter {
        scope: caller.actor.read_scope().map(str::to_string),
        query: query.filter(|q| !q.trim().is_empty()).map(str::to_string),
        include_closed,
    };
    let rows = units::list(&mut tx, caller.org_id(), &filter, 20_000).await?;
    let kinds: Vec<String> = units::kinds(&mut tx)
        .await?
        .into_iter()
        .map(|k| k.code)
        .collect();
    tx.commit().await?;
    Ok(order_as_tree(rows, &kinds))
}

/// Orders units so each parent precedes its children; siblings go by kind (in the order of `kinds`:
/// offices, then wards, then organisations…), then by folded name, closed units last.
pub fn order_as_tree(rows: Vec<UnitRow>, kinds: &[String]) -> Vec<(usize, UnitRow)> {
    use std::collections::HashMap;
    let ids: std::collections::HashSet<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut children: HashMap<Option<String>, Vec<UnitRow>> = HashMap::new();
    for r in rows {
        // A unit whose parent is not in the list (filtered out) is shown at the top level.
        let key = r.parent_id.clone().filter(|p| ids.contains(p));
        children.entry(key).or_default().push(r);
    }
    for list in children.values_mut() {
        // Cached: folding a name is the costly part, and a commune may hold hundreds of units.
        list.sort_by_cached_key(|u| {
            (
                u.valid_to.is_some(),
                kinds
                    .iter()
                    .position(|k| *k == u.kind)
                    .unwrap_or(usize::MAX),
                text::fold(&u.name),
            )
        });
    }
    let mut out = Vec::new();
    let mut stack: Vec<(usize, UnitRow)> = children
        .remove(&None)
        .unwrap_or_default()
        .into_iter()
        .rev()
        .map(|u| (0, u))
        .collect();
    while let Some((depth, unit)) = stack.pop() {
        if let Some(kids) = children.remove(&Some(unit.id.clone())) {
            stack.extend(kids.into_iter().rev().map(|k| (depth + 1, k)));
        }
        out.push((depth, unit));
    }
    out
}

/// The default start date offered in forms.
pub fn default_valid_from() -> String {
    thidua_domain::date::vn(today())
}
