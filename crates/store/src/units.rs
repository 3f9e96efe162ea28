//! Units (cơ quan, đơn vị) and their changes over time, stored with a materialised path.

use crate::sql::{insert_row, update_row};
use crate::{Result, StoreError, Tx, exec, ids, on_tx};
use serde::Serialize;

/// A stored unit.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct UnitRow {
    pub id: String,
    pub org_id: String,
    pub parent_id: Option<String>,
    pub path: String,
    pub code: String,
    pub name: String,
    pub short_name: Option<String>,
    pub kind: String,
    pub level: String,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub successor_id: Option<String>,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

macro_rules! columns {
    () => {
        "id, org_id, parent_id, path, code, name, short_name, kind, level, valid_from, valid_to, successor_id, version, created_at, updated_at"
    };
}

/// A code and name of a level or unit kind (data, shown in select boxes).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct CodeName {
    pub code: String,
    pub name: String,
}

pub async fn kinds(tx: &mut Tx) -> Result<Vec<CodeName>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, CodeName>(
        "SELECT code, name FROM unit_kinds ORDER BY sort_order"
    )
    .fetch_all(c)
    .await)?)
}

/// Levels in force on `date` (`yyyy-mm-dd`): after 2025-06-30 the district level is no longer offered.
pub async fn levels(tx: &mut Tx, date: &str) -> Result<Vec<CodeName>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, CodeName>(
        "SELECT code, name FROM levels WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to >= $1) ORDER BY rank"
    )
    .bind(date)
    .fetch_all(c)
    .await
    })?)
}

/// All levels, including ended ones (to show historic units).
pub async fn all_levels(tx: &mut Tx) -> Result<Vec<CodeName>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, CodeName>(
        "SELECT code, name FROM levels ORDER BY rank"
    )
    .fetch_all(c)
    .await)?)
}

/// The folded text a unit is searched by.
pub fn search_text(code: &str, name: &str, short_name: Option<&str>) -> String {
    thidua_domain::text::fold(&format!("{code} {name} {}", short_name.unwrap_or("")))
}

/// Filters for listing units.
#[derive(Debug, Clone, Default)]
pub struct UnitFilter {
    /// Only units under this path (a unit officer's scope, or a chosen subtree).
    pub scope: Option<String>,
    /// Diacritic-insensitive text search on code, name, short name.
    pub query: Option<String>,
    /// Include units that were closed by a merge or split.
    pub include_closed: bool,
}

pub async fn list(tx: &mut Tx, org_id: &str, f: &UnitFilter, limit: i64) -> Result<Vec<UnitRow>> {
    let scope = f.scope.as_ref().map(|s| format!("{}%", s.replace('%', "")));
    let pattern = f.query.as_deref().map(thidua_domain::text::like_pattern);
    let sql = concat!(
        "SELECT ",
        columns!(),
        " FROM units WHERE org_id = $1 AND ($2 IS NULL OR path LIKE $2) \
         AND ($3 IS NULL OR (' ' || search_text) LIKE $3 ESCAPE '\\') AND ($4 OR valid_to IS NULL) ORDER BY path LIMIT $5"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, UnitRow>(sql)
        .bind(org_id)
        .bind(&scope)
        .bind(&pattern)
        .bind(f.include_closed)
        .bind(limit)
        .fetch_all(c)
        .await)?)
}

/// Number of active units, optionally under a path.
pub async fn count_active(tx: &mut Tx, org_id: &str, scope: Option<&str>) -> Result<i64> {
    let scope = scope.map(|s| format!("{s}%"));
    Ok(on_tx!(tx, |c| {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM units WHERE org_id = $1 AND ($2 IS NULL OR path LIKE $2) AND valid_to IS NULL")
        .bind(org_id)
        .bind(&scope)
        .fetch_one(c)
        .await
    })?)
}

pub async fn get(tx: &mut Tx, org_id: &str, id: &str) -> Result<UnitRow> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " FROM units WHERE org_id = $1 AND id = $2"
    );
    on_tx!(tx, |c| sqlx::query_as::<_, UnitRow>(sql)
        .bind(org_id)
        .bind(id)
        .fetch_optional(c)
        .await)?
    .ok_or(StoreError::NotFound)
}

pub async fn get_by_code(tx: &mut Tx, org_id: &str, code: &str) -> Result<Option<UnitRow>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " FROM units WHERE org_id = $1 AND code = $2"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, UnitRow>(sql)
        .bind(org_id)
        .bind(code)
        .fetch_optional(c)
        .await)?)
}

/// Fields of a new unit; the id, path and timestamps are made here.
#[derive(Debug, Clone)]
pub struct NewUnit<'a> {
    pub org_id: &'a str,
    pub parent: Option<&'a UnitRow>,
    pub code: &'a str,
    pub name: &'a str,
    pub short_name: Option<&'a str>,
    pub kind: &'a str,
    pub level: &'a str,
    pub valid_from: &'a str,
}

pub async fn insert(tx: &mut Tx, u: NewUnit<'_>) -> Result<UnitRow> {
    let id = ids::new_id();
    let now = ids::now();
    let path = thidua_domain::org::child_path(u.parent.map(|p| p.path.as_str()), &id);
    let row = UnitRow {
        id: id.clone(),
        org_id: u.org_id.into(),
        parent_id: u.parent.map(|p| p.id.clone()),
        path,
        code: u.code.into(),
        name: u.name.into(),
        short_name: u.short_name.map(str::to_string),
        kind: u.kind.into(),
        level: u.level.into(),
        valid_from: u.valid_from.into(),
        valid_to: None,
        successor_id: None,
        version: 1,
        created_at: now.clone(),
        updated_at: now,
    };
    let search = search_text(&row.code, &row.name, row.short_name.as_deref());
    insert_row!(tx, "units", {
        id: &row.id,
        org_id: &row.org_id,
        parent_id: &row.parent_id,
        path: &row.path,
        code: &row.code,
        name: &row.name,
        short_name: &row.short_name,
        kind: &row.kind,
        level: &row.level,
        valid_from: &row.valid_from,
        search_text: &search,
        version: 1_i64,
        created_at: &row.created_at,
        updated_at: &row.created_at,
    })?;
    Ok(row)
}

/// Saves edited fields if the stored version is still `row.version`; returns the new row.
/// A changed parent moves the whole subtree (paths of sub-units and their people follow).
pub async fn update(tx: &mut Tx, row: &UnitRow, new_parent: Option<&UnitRow>) -> Result<UnitRow> {
    let current = get(tx, &row.org_id, &row.id).await?;
    let new_path = thidua_domain::org::child_path(new_parent.map(|p| p.path.as_str()), &row.id);
    let now = ids::now();
    let search = search_text(&row.code, &row.name, row.short_name.as_deref());
    let done = update_row!(tx, "units", SET {
        parent_id: new_parent.map(|p| p.id.clone()),
        path: &new_path,
        code: &row.code,
        name: &row.name,
        short_name: &row.short_name,
        kind: &row.kind,
        level: &row.level,
        valid_from: &row.valid_from,
        valid_to: &row.valid_to,
        successor_id: &row.successor_id,
        search_text: &search,
        "version = version + 1",
        updated_at: &now,
    } WHERE {
        id: &row.id,
        org_id: &row.org_id,
        version: row.version,
    })?;
    if done == 0 {
        return Err(StoreError::Conflict);
    }
    if new_path != current.path {
        move_subtree(tx, &row.org_id, &current.path, &new_path).await?;
    }
    get(tx, &row.org_id, &row.id).await
}

/// Rewrites the path prefix of every unit and person under `old` to `new`.
async fn move_subtree(tx: &mut Tx, org_id: &str, old: &str, new: &str) -> Result<()> {
    // `substr` takes an INTEGER position on PostgreSQL (there is no substr(text, bigint)): bind an i32.
    let cut = i32::try_from(old.chars().count())
        .unwrap_or(i32::MAX)
        .saturating_add(1);
    let like = format!("{old}%");
    for sql in [
        "UPDATE units SET path = $1 || substr(path, $2) WHERE org_id = $3 AND path LIKE $4",
        "UPDATE persons SET unit_path = $1 || substr(unit_path, $2) WHERE org_id = $3 AND unit_path LIKE $4",
    ] {
        exec!(
            tx,
            sqlx::query(sql)
                .bind(new)
                .bind(cut)
                .bind(org_id)
                .bind(&like)
        )?;
    }
    Ok(())
}

/// Number of active sub-units and people directly in a unit (to refuse deleting/closing a busy unit).
pub async fn child_count(tx: &mut Tx, org_id: &str, id: &str) -> Result<i64> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM units WHERE org_id = $1 AND parent_id = $2 AND valid_to IS NULL"
    )
    .bind(org_id)
    .bind(id)
    .fetch_one(c)
    .await)?)
}

/// Records a former name of a unit (rename).
pub async fn add_former_name(
    tx: &mut Tx,
    org_id: &str,
    unit_id: &str,
    name: &str,
    valid_to: &str,
) -> Result<()> {
    insert_row!(tx, "unit_names", {
        id: ids::new_id(),
        org_id: org_id,
        unit_id: unit_id,
        name: name,
        valid_to: valid_to,
    })?;
    Ok(())
}

/// A former name.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct FormerName {
    pub name: String,
    pub valid_to: String,
}

pub async fn former_names(tx: &mut Tx, unit_id: &str) -> Result<Vec<FormerName>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, FormerName>(
        "SELECT name, valid_to FROM unit_names WHERE unit_id = $1 ORDER BY valid_to DESC"
    )
    .bind(unit_id)
    .fetch_all(c)
    .await)?)
}

/// Records a change and its links from closed units to the units that carry them on.
pub async fn record_change(
    tx: &mut Tx,
    org_id: &str,
    kind: &str,
    effective_on: &str,
    note: Option<&str>,
    user_id: Option<&str>,
    links: &[(String, String)],
) -> Result<String> {
    let id = ids::new_id();
    insert_row!(tx, "unit_changes", {
        id: &id,
        org_id: org_id,
        kind: kind,
        effective_on: effective_on,
        note: note,
        created_by: user_id,
        created_at: ids::now(),
    })?;
    for (from, to) in links {
        insert_row!(tx, "unit_change_links", {
            change_id: &id,
            from_unit_id: from,
            to_unit_id: to,
        })?;
    }
    Ok(id)
}

/// A change as seen from one unit: what happened, when, and the other unit involved.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct ChangeLink {
    pub change_id: String,
    pub kind: String,
    pub effective_on: String,
    pub note: Option<String>,
    pub from_unit_id: String,
    pub from_name: String,
    pub to_unit_id: String,
    pub to_name: String,
}

/// Every change in which the unit was closed (predecessor side) or carried another on (successor side).
pub async fn changes_of(tx: &mut Tx, unit_id: &str) -> Result<Vec<ChangeLink>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, ChangeLink>(
        "SELECT ch.id AS change_id, ch.kind, ch.effective_on, ch.note, l.from_unit_id, fu.name AS from_name, l.to_unit_id, tu.name AS to_name \
         FROM unit_change_links l JOIN unit_changes ch ON ch.id = l.change_id \
         JOIN units fu ON fu.id = l.from_unit_id JOIN units tu ON tu.id = l.to_unit_id \
         WHERE l.from_unit_id = $1 OR l.to_unit_id = $1 ORDER BY ch.effective_on, fu.name"
    )
    .bind(unit_id)
    .fetch_all(c)
    .await
    })?)
}

/// Ids of every unit whose history flows into `unit_id` (its predecessors, transitively), for
/// carrying history (titles, awards) to a successor.
pub async fn predecessors(tx: &mut Tx, unit_id: &str) -> Result<Vec<String>> {
    let mut found: Vec<String> = Vec::new();
    let mut frontier = vec![unit_id.to_string()];
    while let Some(current) = frontier.pop() {
        let rows: Vec<String> = on_tx!(tx, |c| sqlx::query_scalar::<_, String>(
            "SELECT id FROM units WHERE successor_id = $1"
        )
        .bind(&current)
        .fetch_all(c)
        .await)?;
        for id in rows {
            if !found.contains(&id) && id != unit_id {
                found.push(id.clone());
                frontier.push(id);
            }
        }
    }
    Ok(found)
}

/// The organisation's body: its first unit without a parent.
pub async fn root(tx: &mut Tx, org_id: &str) -> Result<Option<UnitRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, UnitRow>(
        "SELECT * FROM units WHERE org_id = $1 AND parent_id IS NULL ORDER BY created_at LIMIT 1"
    )
    .bind(org_id)
    .fetch_optional(c)
    .await)?)
}
