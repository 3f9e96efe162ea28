//! The emulation budget (kinh phí thi đua, khen thưởng): a year's estimate, one line per source.

use crate::error::StoreError;
use crate::sql::{insert_row, update_row};
use crate::{Result, Tx, ids, on_tx};
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct BudgetLineRow {
    pub id: String,
    pub org_id: String,
    pub year: i64,
    /// `state_budget`, `emulation_fund`, `socialized` or `other`.
    pub source: String,
    /// đồng
    pub amount: i64,
    pub note: Option<String>,
    pub version: i64,
    pub created_by: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

/// The year's lines, in the order of the sources' codes.
pub async fn lines(tx: &mut Tx, org_id: &str, year: i64) -> Result<Vec<BudgetLineRow>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, BudgetLineRow>(
        "SELECT id, org_id, year, source, amount, note, version, created_by, created_at, updated_at \
         FROM budget_lines WHERE org_id = $1 AND year = $2 ORDER BY source"
    )
    .bind(org_id)
    .bind(year)
    .fetch_all(c)
    .await
    })?)
}

/// Writes a line: a new one when `current` is `None`, else the stored line of that version
/// ([`StoreError::Conflict`] when someone changed it meanwhile).
pub async fn put(tx: &mut Tx, line: &BudgetLineRow, current: Option<i64>) -> Result<()> {
    match current {
        None => {
            insert_row!(tx, "budget_lines", {
                id: &line.id,
                org_id: &line.org_id,
                year: line.year,
                source: &line.source,
                amount: line.amount,
                note: &line.note,
                version: 1_i64,
                created_by: &line.created_by,
                created_at: &line.created_at,
                updated_at: &line.updated_at,
            })?;
        }
        Some(v) => {
            let done = update_row!(tx, "budget_lines", SET {
                amount: line.amount,
                note: &line.note,
                "version = version + 1",
                updated_at: ids::now(),
            } WHERE {
                org_id: &line.org_id,
                year: line.year,
                source: &line.source,
                version: v,
            })?;
            if done == 0 {
                return Err(StoreError::Conflict);
            }
        }
    }
    Ok(())
}
