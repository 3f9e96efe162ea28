//! The organisation (tenant) an installation serves; every tenant-owned row carries its id.

use crate::sql::insert_row;
use crate::{Result, Tx, ids, on_tx};

/// The first organisation, if any.
pub async fn first(tx: &mut Tx) -> Result<Option<String>> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar::<_, String>(
        "SELECT id FROM orgs ORDER BY created_at LIMIT 1"
    )
    .fetch_optional(c)
    .await)?)
}

pub async fn insert(tx: &mut Tx, name: &str) -> Result<String> {
    let id = ids::new_id();
    insert_row!(tx, "orgs", {
        id: &id,
        name: name,
        created_at: ids::now(),
    })?;
    Ok(id)
}

/// Number of user accounts in the whole database (first start has none).
pub async fn user_count(tx: &mut Tx) -> Result<i64> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM users"
    )
    .fetch_one(c)
    .await)?)
}
