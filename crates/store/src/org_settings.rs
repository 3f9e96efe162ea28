//! Per-organisation settings stored as one JSON text under a name, with a version (409 on a stale
//! save); see migration 0027.

use crate::{Result, Tx, exec, ids, on_tx};

/// The saved text and its version; `None` when nothing was saved.
pub async fn get(tx: &mut Tx, org_id: &str, name: &str) -> Result<Option<(String, i64)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, (String, i64)>(
        "SELECT data, version FROM org_settings WHERE org_id = $1 AND name = $2"
    )
    .bind(org_id)
    .bind(name)
    .fetch_optional(c)
    .await)?)
}

/// Saves `data` over version `expected` (0: nothing saved yet); `false` when someone saved in between.
pub async fn save(
    tx: &mut Tx,
    org_id: &str,
    name: &str,
    data: &str,
    expected: i64,
    user_id: Option<&str>,
) -> Result<bool> {
    let now = ids::now();
    let done = if expected == 0 {
        exec!(
            tx,
            sqlx::query(
                "INSERT INTO org_settings (org_id, name, data, version, updated_at, updated_by) \
                 VALUES ($1, $2, $3, 1, $4, $5) ON CONFLICT (org_id, name) DO NOTHING"
            )
            .bind(org_id)
            .bind(name)
            .bind(data)
            .bind(&now)
            .bind(user_id)
        )?
    } else {
        exec!(
            tx,
            sqlx::query(
                "UPDATE org_settings SET data = $3, version = version + 1, updated_at = $4, \
                 updated_by = $5 WHERE org_id = $1 AND name = $2 AND version = $6"
            )
            .bind(org_id)
            .bind(name)
            .bind(data)
            .bind(&now)
            .bind(user_id)
            .bind(expected)
        )?
    };
    Ok(done == 1)
}
