//! One-time keys of forms, so a double click or a resent form runs its command only once: a key is
//! claimed before the command runs, then completed with the page it led to, or released when refused.

use crate::error::Result;
use thidua_store::Db;
use thidua_store::idempotency::{self, Claim};

/// Claims `key` for `user_id`: new, in progress, or done (with the page the first answer led to).
pub async fn claim(db: &Db, key: &str, user_id: &str) -> Result<Claim> {
    let mut tx = db.begin().await?;
    let claim = idempotency::claim(&mut tx, key, user_id).await?;
    tx.commit().await?;
    Ok(claim)
}

/// Ends the run of `key`: completed with the page it led to (`location`), or released when there is
/// none (a refused form may be corrected and sent again with the same key).
pub async fn finish(db: &Db, key: &str, location: Option<&str>) -> Result<()> {
    let mut tx = db.begin().await?;
    match location {
        Some(loc) => idempotency::complete(&mut tx, key, loc).await?,
        None => idempotency::release(&mut tx, key).await?,
    }
    tx.commit().await?;
    Ok(())
}
