//! One-time keys of form submissions (rule 6 of the architecture: retries never duplicate).

use crate::sql::{insert_row, update_row};
use crate::{Result, Tx, exec, ids, on_tx};

/// What a key says about a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// First time: go ahead.
    New,
    /// Submitted before and finished: answer with the same redirect.
    Done(String),
    /// Submitted before and still being processed (or failed without releasing).
    InProgress,
}

/// Claims `key` for `user_id`; a key of another user is treated as in progress (never leaks a location).
pub async fn claim(tx: &mut Tx, key: &str, user_id: &str) -> Result<Claim> {
    let inserted = insert_row!(tx, "idempotency_keys", {
        key: key,
        user_id: user_id,
        created_at: ids::now(),
    }, "ON CONFLICT (key) DO NOTHING")?;
    if inserted == 1 {
        return Ok(Claim::New);
    }
    let row: Option<(String, Option<String>)> =
        on_tx!(tx, |c| sqlx::query_as::<_, (String, Option<String>)>(
            "SELECT user_id, location FROM idempotency_keys WHERE key = $1"
        )
        .bind(key)
        .fetch_optional(c)
        .await)?;
    Ok(match row {
        Some((owner, Some(location))) if owner == user_id => Claim::Done(location),
        _ => Claim::InProgress,
    })
}

/// Records where a finished submission redirected to.
pub async fn complete(tx: &mut Tx, key: &str, location: &str) -> Result<()> {
    update_row!(tx, "idempotency_keys", SET {
        location: location,
    } WHERE {
        key: key,
    })?;
    Ok(())
}

/// Frees a key whose submission was refused (the person corrects the form and sends it again).
pub async fn release(tx: &mut Tx, key: &str) -> Result<()> {
    exec!(
        tx,
        sqlx::query("DELETE FROM idempotency_keys WHERE key = $1").bind(key)
    )?;
    Ok(())
}
