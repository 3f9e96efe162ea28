//! An organisation's document settings, stored as one JSON text with a version (409 on a stale save).

use crate::{Result, Tx, exec, ids, on_tx};

/// The saved settings and their version; `None` when nothing was saved.
pub async fn get(tx: &mut Tx, org_id: &str) -> Result<Option<(String, i64)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, (String, i64)>(
        "SELECT data, version FROM doc_settings WHERE org_id = $1"
    )
    .bind(org_id)
    .fetch_optional(c)
    .await)?)
}

/// Saves `data` over version `expected` (0: nothing saved yet) as version `expected + 1`; `false`
/// when someone saved in between.
pub async fn save(
    tx: &mut Tx,
    org_id: &str,
    data: &str,
    expected: i64,
    user_id: Option<&str>,
) -> Result<bool> {
    let now = ids::now();
    let done = if expected == 0 {
        exec!(
            tx,
            sqlx::query(
                "INSERT INTO doc_settings (org_id, data, version, updated_at, updated_by) \
             VALUES ($1, $2, 1, $3, $4) ON CONFLICT (org_id) DO NOTHING"
            )
            .bind(org_id)
            .bind(data)
            .bind(&now)
            .bind(user_id)
        )?
    } else {
        exec!(tx, sqlx::query(
            "UPDATE doc_settings SET data = $2, version = version + 1, updated_at = $3, updated_by = $4 \
             WHERE org_id = $1 AND version = $5"
        )
        .bind(org_id)
        .bind(data)
        .bind(&now)
        .bind(user_id)
        .bind(expected))?
    };
    Ok(done == 1)
}
