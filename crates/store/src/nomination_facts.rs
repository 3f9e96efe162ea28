//! Facts of a nomination confirmed or rejected by the appraising officer, with the reason.

use crate::sql::insert_row;
use crate::{Result, Tx, exec, on_tx};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct FactRow {
    pub nomination_id: String,
    pub org_id: String,
    pub fact_key: String,
    pub holds: bool,
    pub note: String,
    pub confirmed_by: Option<String>,
    pub confirmed_by_name: String,
    pub confirmed_at: String,
}

/// The facts recorded for a nomination, by key.
pub async fn of_nomination(tx: &mut Tx, org_id: &str, nomination_id: &str) -> Result<Vec<FactRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, FactRow>(
        "SELECT * FROM nomination_facts WHERE org_id = $1 AND nomination_id = $2 ORDER BY fact_key"
    )
    .bind(org_id)
    .bind(nomination_id)
    .fetch_all(c)
    .await)?)
}

/// Records a fact, replacing what was recorded before for the same key.
pub async fn put(tx: &mut Tx, f: &FactRow) -> Result<()> {
    exec!(
        tx,
        sqlx::query("DELETE FROM nomination_facts WHERE nomination_id = $1 AND fact_key = $2")
            .bind(&f.nomination_id)
            .bind(&f.fact_key)
    )?;
    insert_row!(tx, "nomination_facts", {
        nomination_id: &f.nomination_id,
        org_id: &f.org_id,
        fact_key: &f.fact_key,
        holds: f.holds,
        note: &f.note,
        confirmed_by: &f.confirmed_by,
        confirmed_by_name: &f.confirmed_by_name,
        confirmed_at: &f.confirmed_at,
    })?;
    Ok(())
}
