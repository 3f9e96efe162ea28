//! The scale's results in one spreadsheet: every criterion's scores and comments for every unit, the
//! totals, and every change with its reason.

use super::load;
use super::ranking::standings;
use crate::Caller;
use crate::error::{Error, Result};
use std::collections::HashMap;
use thidua_domain::policy::Action;
use thidua_store::Db;
use thidua_store::scoring_entries as entries;

/// The workbook of a scale's results (the office, and everyone once the scale is published).
pub async fn workbook(db: &Db, caller: &Caller, scale_id: &str) -> Result<Vec<u8>> {
    let mut tx = db.begin_read().await?;
    let scale = load(&mut tx, caller, scale_id).await?;
    let may = caller.can(Action::ManageScoring {
        org_id: caller.org_id(),
    }) || scale.row.status == "published";
    if !may {
        return Err(Error::Forbidden);
    }
    let rows = entries::of_scale(&mut tx, scale_id).await?;
    let changes = entries::changes(&mut tx, scale_id).await?;
    let kept = entries::totals(&mut tx, scale_id).await?;
    tx.commit().await?;
    let all: Vec<_> = standings(&scale, &kept, &HashMap::new())
        .into_values()
        .map(|(s, _, _)| s)
        .collect();
    let totals: Vec<(String, f64)> = thidua_domain::scoring::rank(&all)
        .into_iter()
        .map(|r| (r.unit_id, r.total))
        .collect();
    super::xlsx::scores_workbook(&scale, &rows, &changes, &totals)
        .map_err(|e| Error::Internal(anyhow::anyhow!("scores workbook: {e}")))
}
