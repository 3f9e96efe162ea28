//! Reviews open about a person or unit (discipline being considered, investigation, inspection,
//! complaint, press allegation): facts that block awards while open.

use crate::sql::insert_row;
use crate::{Result, StoreError, Tx, exec, on_tx};
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct ReviewRow {
    pub id: String,
    pub org_id: String,
    pub subject_type: String,
    pub subject_id: String,
    /// `discipline`, `investigation`, `inspection`, `complaint` or `press`.
    pub kind: String,
    /// ISO date it opened.
    pub since: String,
    /// ISO date it was closed, if it was.
    pub resolved_on: Option<String>,
    pub note: Option<String>,
    pub created_by: Option<String>,
    pub created_at: String,
}

pub async fn insert(tx: &mut Tx, r: &ReviewRow) -> Result<()> {
    insert_row!(tx, "ledger_reviews", {
        id: &r.id,
        org_id: &r.org_id,
        subject_type: &r.subject_type,
        subject_id: &r.subject_id,
        kind: &r.kind,
        since: &r.since,
        resolved_on: &r.resolved_on,
        note: &r.note,
        created_by: &r.created_by,
        created_at: &r.created_at,
    })?;
    Ok(())
}

/// The reviews of a subject, oldest first.
pub async fn of_subject(tx: &mut Tx, org_id: &str, subject_id: &str) -> Result<Vec<ReviewRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, ReviewRow>(
        "SELECT * FROM ledger_reviews WHERE org_id = $1 AND subject_id = $2 ORDER BY since, id"
    )
    .bind(org_id)
    .bind(subject_id)
    .fetch_all(c)
    .await)?)
}

/// Every review of the subjects whose ids lie between `first` and `last` (a page of the year-end
/// review of everyone), by subject.
pub async fn of_range(
    tx: &mut Tx,
    org_id: &str,
    first: &str,
    last: &str,
) -> Result<Vec<ReviewRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, ReviewRow>(
        "SELECT * FROM ledger_reviews WHERE org_id = $1 AND subject_id >= $2 AND subject_id <= $3 \
         ORDER BY subject_id, since, id"
    )
    .bind(org_id)
    .bind(first)
    .bind(last)
    .fetch_all(c)
    .await)?)
}

/// Closes an open review on `on`; [`StoreError::NotFound`] when there is no such open review.
pub async fn resolve(
    tx: &mut Tx,
    org_id: &str,
    subject_id: &str,
    id: &str,
    on: &str,
) -> Result<ReviewRow> {
    let n = exec!(
        tx,
        sqlx::query(
            "UPDATE ledger_reviews SET resolved_on = $1 WHERE org_id = $2 AND subject_id = $3 AND id = $4 AND resolved_on IS NULL"
        )
        .bind(on)
        .bind(org_id)
        .bind(subject_id)
        .bind(id)
    )?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, ReviewRow>(
        "SELECT * FROM ledger_reviews WHERE id = $1"
    )
    .bind(id)
    .fetch_one(c)
    .await)?)
}
