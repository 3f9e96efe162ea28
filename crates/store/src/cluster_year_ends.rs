//! The year-end meeting of a cluster or block: who leads this year's ranking by vote, who leads next year.

use crate::sql::insert_row;
use crate::{Result, Tx, on_tx};
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct YearEndRow {
    pub id: String,
    pub org_id: String,
    pub cluster_id: String,
    pub held_on: String,
    pub scale_id: Option<String>,
    pub present: i64,
    pub leading_unit_id: String,
    pub leading_votes: i64,
    pub next_leader_unit_id: String,
    pub next_deputy_unit_id: Option<String>,
    pub repeat_reason: Option<String>,
    pub next_cluster_id: String,
    pub note: String,
    pub recorded_by_name: String,
    pub created_at: String,
}

/// The year-end record of a cluster, if its meeting was recorded.
pub async fn of_cluster(tx: &mut Tx, org_id: &str, cluster_id: &str) -> Result<Option<YearEndRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, YearEndRow>(
        "SELECT * FROM cluster_year_ends WHERE org_id = $1 AND cluster_id = $2"
    )
    .bind(org_id)
    .bind(cluster_id)
    .fetch_optional(c)
    .await)?)
}

/// Records the meeting; a second record of the same cluster is a duplicate (the unique key).
pub async fn insert(tx: &mut Tx, r: &YearEndRow) -> Result<()> {
    insert_row!(tx, "cluster_year_ends", {
        id: &r.id,
        org_id: &r.org_id,
        cluster_id: &r.cluster_id,
        held_on: &r.held_on,
        scale_id: &r.scale_id,
        present: r.present,
        leading_unit_id: &r.leading_unit_id,
        leading_votes: r.leading_votes,
        next_leader_unit_id: &r.next_leader_unit_id,
        next_deputy_unit_id: &r.next_deputy_unit_id,
        repeat_reason: &r.repeat_reason,
        next_cluster_id: &r.next_cluster_id,
        note: &r.note,
        recorded_by_name: &r.recorded_by_name,
        created_at: &r.created_at,
    })?;
    Ok(())
}
