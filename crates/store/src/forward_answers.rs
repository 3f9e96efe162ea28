//! The higher level's answers to forwarded dossiers.

use crate::sql::insert_row;
use crate::{Result, Tx, on_tx};
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct AnswerRow {
    pub nomination_id: String,
    pub org_id: String,
    /// Awarded by the higher level, or not.
    pub awarded: bool,
    /// The higher level's decision, e.g. "1234/QĐ-UBND".
    pub decision_no: Option<String>,
    /// ISO date of that decision.
    pub decided_on: Option<String>,
    pub issuer: Option<String>,
    pub golden_book_no: Option<i64>,
    /// Why not awarded, or any remark.
    pub note: Option<String>,
    pub recorded_by: Option<String>,
    pub recorded_at: String,
}

/// Records an answer; [`crate::StoreError::Duplicate`] when one is already recorded.
pub async fn insert(tx: &mut Tx, a: &AnswerRow) -> Result<()> {
    insert_row!(tx, "forward_answers", {
        nomination_id: &a.nomination_id,
        org_id: &a.org_id,
        awarded: a.awarded,
        decision_no: &a.decision_no,
        decided_on: &a.decided_on,
        issuer: &a.issuer,
        golden_book_no: a.golden_book_no,
        note: &a.note,
        recorded_by: &a.recorded_by,
        recorded_at: &a.recorded_at,
    })?;
    Ok(())
}

/// The answers of an organisation's forwarded dossiers.
pub async fn of_org(tx: &mut Tx, org_id: &str) -> Result<Vec<AnswerRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, AnswerRow>(
        "SELECT * FROM forward_answers WHERE org_id = $1"
    )
    .bind(org_id)
    .fetch_all(c)
    .await)?)
}
