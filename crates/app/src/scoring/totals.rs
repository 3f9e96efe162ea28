//! Each unit's points under a scale, kept beside its answers: computed again (by the domain
//! arithmetic) in the transaction of every write of the unit's scores, so that a ranking reads one row
//! per unit. `rebuild` computes every unit again from the answers (after bulk loads, or to repair).

use super::sheet::answer_of;
use super::{Loaded, load};
use crate::Caller;
use crate::error::Result;
use std::collections::HashMap;
use thidua_domain::policy::Action;
use thidua_domain::scoring::{self, Assessment, Scale};
use thidua_store::scoring_entries::{self as entries, EntryRow, TotalRow};
use thidua_store::{Db, Tx};

fn row_of(
    scale: &Loaded,
    s: &Scale,
    unit_id: &str,
    answers: &HashMap<String, Assessment>,
) -> TotalRow {
    let t = scoring::total(s, answers);
    let ties = scoring::tie_values(s, answers);
    TotalRow {
        scale_id: scale.row.id.clone(),
        unit_id: unit_id.to_string(),
        total: t.total,
        groups_json: serde_json::to_string(&t.groups).unwrap_or_else(|_| "[]".into()),
        ties_json: serde_json::to_string(&ties).unwrap_or_else(|_| "[]".into()),
        answered: answers.len() as i64,
    }
}

fn answers_of(scale: &Loaded, rows: &[EntryRow]) -> HashMap<String, Assessment> {
    rows.iter()
        .filter_map(|e| {
            let c = scale.criterion(&e.criterion_id)?;
            Some((e.criterion_id.clone(), answer_of(e).assessment(&c.kind)))
        })
        .collect()
}

/// Computes a unit's points again from its entries, in the writer's transaction.
pub async fn refresh(tx: &mut Tx, scale: &Loaded, unit_id: &str) -> Result<()> {
    let rows = entries::of_unit(tx, &scale.row.id, unit_id).await?;
    entries::put_total(
        tx,
        &row_of(scale, &scale.scale(), unit_id, &answers_of(scale, &rows)),
    )
    .await?;
    Ok(())
}

/// Computes every unit's points again from all the scale's answers (the office; or the system after
/// a bulk load). Returns how many units.
pub async fn rebuild(db: &Db, caller: &Caller, scale_id: &str) -> Result<usize> {
    caller.authorize(Action::ManageScoring {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let scale = load(&mut tx, caller, scale_id).await?;
    let kinds: HashMap<&str, &str> = scale
        .criteria
        .iter()
        .map(|c| (c.id.as_str(), c.kind.as_str()))
        .collect();
    let mut by_unit: HashMap<String, HashMap<String, Assessment>> = HashMap::new();
    for a in entries::answered(&mut tx, scale_id).await? {
        let Some(kind) = kinds.get(a.criterion_id.as_str()) else {
            continue;
        };
        let answer = thidua_domain::scoring::input::Answer {
            precondition_met: a.precondition_met,
            amount: a.amount,
            target: a.target,
        };
        by_unit
            .entry(a.unit_id)
            .or_default()
            .insert(a.criterion_id, answer.assessment(kind));
    }
    let units = scale.units();
    let arithmetic = scale.scale();
    let empty = HashMap::new();
    for (unit_id, _) in &units {
        let answers = by_unit.get(unit_id).unwrap_or(&empty);
        entries::put_total(&mut tx, &row_of(&scale, &arithmetic, unit_id, answers)).await?;
    }
    tx.commit().await?;
    Ok(units.len())
}
