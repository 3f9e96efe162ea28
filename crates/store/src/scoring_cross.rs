//! Cross-scoring inside a cluster: the assignments (who scores whom) and the scores they gave.

use crate::sql::{insert_row, update_row};
use crate::{Result, StoreError, Tx, exec, on_tx};
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct AssignmentRow {
    pub scale_id: String,
    pub assessor_unit_id: String,
    pub assessed_unit_id: String,
    pub assigned_by_name: String,
    pub assigned_at: String,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct CrossRow {
    pub scale_id: String,
    pub assessor_unit_id: String,
    pub assessed_unit_id: String,
    pub criterion_id: String,
    pub precondition_met: bool,
    pub amount: f64,
    pub target: Option<f64>,
    pub comment: String,
    pub by_name: String,
    pub version: i64,
    pub updated_at: String,
}

pub async fn assignments(tx: &mut Tx, scale_id: &str) -> Result<Vec<AssignmentRow>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, AssignmentRow>(
        "SELECT * FROM scoring_assignments WHERE scale_id = $1 ORDER BY assessor_unit_id, assessed_unit_id"
    )
    .bind(scale_id)
    .fetch_all(c)
    .await
    })?)
}

/// Replaces every assignment of a scale.
pub async fn replace_assignments(
    tx: &mut Tx,
    scale_id: &str,
    rows: &[AssignmentRow],
) -> Result<()> {
    exec!(
        tx,
        sqlx::query("DELETE FROM scoring_assignments WHERE scale_id = $1").bind(scale_id)
    )?;
    for r in rows {
        insert_row!(tx, "scoring_assignments", {
            scale_id: &r.scale_id,
            assessor_unit_id: &r.assessor_unit_id,
            assessed_unit_id: &r.assessed_unit_id,
            assigned_by_name: &r.assigned_by_name,
            assigned_at: &r.assigned_at,
        })?;
    }
    Ok(())
}

/// Every cross score of a scale.
pub async fn entries(tx: &mut Tx, scale_id: &str) -> Result<Vec<CrossRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, CrossRow>(
        "SELECT * FROM scoring_cross_entries WHERE scale_id = $1"
    )
    .bind(scale_id)
    .fetch_all(c)
    .await)?)
}

/// Writes a first cross score; a conflict when another writer gave it meanwhile.
pub async fn insert(tx: &mut Tx, r: &CrossRow) -> Result<()> {
    let done = insert_row!(tx, "scoring_cross_entries", {
        scale_id: &r.scale_id,
        assessor_unit_id: &r.assessor_unit_id,
        assessed_unit_id: &r.assessed_unit_id,
        criterion_id: &r.criterion_id,
        precondition_met: r.precondition_met,
        amount: r.amount,
        target: r.target,
        comment: &r.comment,
        by_name: &r.by_name,
        version: 1_i64,
        updated_at: &r.updated_at,
    }, "ON CONFLICT (scale_id, assessor_unit_id, assessed_unit_id, criterion_id) DO NOTHING")?;
    if done == 0 {
        return Err(StoreError::Conflict);
    }
    Ok(())
}

/// Saves a cross score if its version still matches.
pub async fn update(tx: &mut Tx, r: &CrossRow) -> Result<()> {
    let done = update_row!(tx, "scoring_cross_entries", SET {
        precondition_met: r.precondition_met,
        amount: r.amount,
        target: r.target,
        comment: &r.comment,
        by_name: &r.by_name,
        "version = version + 1",
        updated_at: &r.updated_at,
    } WHERE {
        scale_id: &r.scale_id,
        assessor_unit_id: &r.assessor_unit_id,
        assessed_unit_id: &r.assessed_unit_id,
        criterion_id: &r.criterion_id,
        version: r.version,
    })?;
    if done == 0 {
        return Err(StoreError::Conflict);
    }
    Ok(())
}
