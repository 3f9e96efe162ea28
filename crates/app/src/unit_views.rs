//! Reads of the organisation tree for the pages and the API: one unit, everything its page shows,
//! and the kinds and levels of units.

use crate::Caller;
use crate::error::Result;
use crate::units::visible_unit;
use thidua_domain::policy::Action;
use thidua_store::persons::{self, PersonFilter};
use thidua_store::units::{self, CodeName, UnitFilter, UnitRow};
use thidua_store::{Db, Tx};

/// A name a unit had until a day, and one link of a merge or split the unit took part in.
pub use thidua_store::units::{ChangeLink, FormerName};

/// Reads a unit the user may see (404 otherwise).
pub async fn get(db: &Db, caller: &Caller, id: &str) -> Result<UnitRow> {
    let mut tx = db.begin_read().await?;
    let unit = visible_unit(&mut tx, caller, id).await?;
    tx.commit().await?;
    Ok(unit)
}

/// The kinds of units and the levels (all of them, in force or not), in display order.
pub async fn kinds_and_levels(db: &Db) -> Result<(Vec<CodeName>, Vec<CodeName>)> {
    let mut tx = db.begin_read().await?;
    let kinds = units::kinds(&mut tx).await?;
    let levels = units::all_levels(&mut tx).await?;
    tx.commit().await?;
    Ok((kinds, levels))
}

/// What a unit's page shows besides the unit itself.
pub struct UnitDetails {
    pub unit: UnitRow,
    /// The units above it the user may see (id, name), from the top.
    pub ancestors: Vec<(String, String)>,
    /// The unit that carries it on after a merge or split (id, name).
    pub successor: Option<(String, String)>,
    /// Its earlier names, latest first.
    pub former_names: Vec<FormerName>,
    /// Merges and splits it took part in.
    pub changes: Vec<ChangeLink>,
    /// Its direct sub-units (id, name).
    pub children: Vec<(String, String)>,
    /// The people of the unit itself.
    pub person_count: i64,
}

/// A unit the user may see with its ancestors, successor, history, sub-units and head count.
pub async fn details(db: &Db, caller: &Caller, id: &str) -> Result<UnitDetails> {
    let mut tx = db.begin_read().await?;
    let details = details_in(&mut tx, caller, id).await?;
    tx.commit().await?;
    Ok(details)
}

async fn details_in(tx: &mut Tx, caller: &Caller, id: &str) -> Result<UnitDetails> {
    let unit = visible_unit(tx, caller, id).await?;
    let ancestors = ancestors(tx, caller, &unit).await?;
    let successor = match &unit.successor_id {
        Some(s) => units::get(tx, caller.org_id(), s)
            .await
            .ok()
            .map(|s| (s.id, s.name)),
        None => None,
    };
    let former_names = units::former_names(tx, id).await?;
    let changes = units::changes_of(tx, id).await?;
    let children = children(tx, caller, &unit).await?;
    let person_count = persons::count(
        tx,
        caller.org_id(),
        &PersonFilter {
            unit_id: Some(id.to_string()),
            ..Default::default()
        },
    )
    .await?;
    Ok(UnitDetails {
        unit,
        ancestors,
        successor,
        former_names,
        changes,
        children,
        person_count,
    })
}

/// The units above `unit` that the user may see (id, name), from the top of the tree.
async fn ancestors(tx: &mut Tx, caller: &Caller, unit: &UnitRow) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for aid in unit
        .path
        .trim_matches('/')
        .split('/')
        .filter(|a| *a != unit.id)
    {
        if let Ok(a) = units::get(tx, caller.org_id(), aid).await
            && caller.can(Action::ViewUnit {
                org_id: caller.org_id(),
                unit_path: &a.path,
            })
        {
            out.push((a.id, a.name));
        }
    }
    Ok(out)
}

/// The active direct sub-units of `unit` (id, name).
async fn children(tx: &mut Tx, caller: &Caller, unit: &UnitRow) -> Result<Vec<(String, String)>> {
    Ok(units::list(
        tx,
        caller.org_id(),
        &UnitFilter {
            scope: Some(unit.path.clone()),
            ..Default::default()
        },
        10_000,
    )
    .await?
    .into_iter()
    .filter(|c| c.parent_id.as_deref() == Some(unit.id.as_str()))
    .map(|c| (c.id, c.name))
    .collect())
}
