//! Rows of e-mail beyond the queue: the lines waiting for a user's daily digest, one-time password
//! reset links, and the heads of units told when their unit is late (migration 0031).

use crate::sql::insert_row;
use crate::{Result, Tx, exec, ids, on_tx};
use serde::Serialize;

/// Queues a line for the user's next digest.
pub async fn add_digest_item(
    tx: &mut Tx,
    org_id: &str,
    user_id: &str,
    text: &str,
    link: &str,
) -> Result<()> {
    insert_row!(tx, "mail_digest_items", {
        id: ids::new_id(),
        org_id: org_id,
        user_id: user_id,
        text: text,
        link: link,
        created_at: ids::now(),
    })?;
    Ok(())
}

/// Users with lines waiting for a digest: (org id, user id).
pub async fn users_with_pending_digest(tx: &mut Tx) -> Result<Vec<(String, String)>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, (String, String)>(
        "SELECT DISTINCT org_id, user_id FROM mail_digest_items WHERE digest_job IS NULL ORDER BY user_id"
    )
    .fetch_all(c)
    .await
    })?)
}

/// Gives the user's waiting lines to a digest job and returns every line of that job (also those it
/// took in an earlier attempt): (text, link), oldest first.
pub async fn take_digest_items(
    tx: &mut Tx,
    user_id: &str,
    job_id: &str,
) -> Result<Vec<(String, String)>> {
    exec!(
        tx,
        sqlx::query(
            "UPDATE mail_digest_items SET digest_job = $1 WHERE user_id = $2 AND digest_job IS NULL"
        )
        .bind(job_id)
        .bind(user_id)
    )?;
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, (String, String)>(
        "SELECT text, link FROM mail_digest_items WHERE user_id = $1 AND digest_job = $2 ORDER BY created_at, id"
    )
    .bind(user_id)
    .bind(job_id)
    .fetch_all(c)
    .await
    })?)
}

/// Keeps a reset link's hash; the token itself goes only into the mail.
pub async fn add_password_reset(
    tx: &mut Tx,
    user_id: &str,
    token_hash: &str,
    expires_at: &str,
) -> Result<String> {
    let id = ids::new_id();
    insert_row!(tx, "password_resets", {
        id: &id,
        user_id: user_id,
        token_hash: token_hash,
        created_at: ids::now(),
        expires_at: expires_at,
    })?;
    Ok(id)
}

/// How many links were asked for a user since `since` (a limit against mail bombing).
pub async fn password_resets_since(tx: &mut Tx, user_id: &str, since: &str) -> Result<i64> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM password_resets WHERE user_id = $1 AND created_at >= $2"
    )
    .bind(user_id)
    .bind(since)
    .fetch_one(c)
    .await)?)
}

/// The user of a live link (not used, not expired at `now`): (reset id, user id).
pub async fn live_password_reset(
    tx: &mut Tx,
    token_hash: &str,
    now: &str,
) -> Result<Option<(String, String)>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, (String, String)>(
        "SELECT id, user_id FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2"
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(c)
    .await
    })?)
}

/// Spends a link and every other live link of its user; false when it was spent in between.
pub async fn use_password_reset(tx: &mut Tx, id: &str, user_id: &str) -> Result<bool> {
    let now = ids::now();
    let n = exec!(
        tx,
        sqlx::query("UPDATE password_resets SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(&now)
            .bind(id)
    )?;
    exec!(
        tx,
        sqlx::query(
            "UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL"
        )
        .bind(&now)
        .bind(user_id)
    )?;
    Ok(n == 1)
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct UnitHeadRow {
    pub unit_id: String,
    pub org_id: String,
    pub full_name: String,
    pub email: String,
    pub updated_at: String,
}

pub async fn unit_head(tx: &mut Tx, unit_id: &str) -> Result<Option<UnitHeadRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, UnitHeadRow>(
        "SELECT unit_id, org_id, full_name, email, updated_at FROM unit_heads WHERE unit_id = $1"
    )
    .bind(unit_id)
    .fetch_optional(c)
    .await)?)
}

pub async fn put_unit_head(
    tx: &mut Tx,
    org_id: &str,
    unit_id: &str,
    full_name: &str,
    email: &str,
) -> Result<()> {
    insert_row!(tx, "unit_heads", {
        unit_id: unit_id,
        org_id: org_id,
        full_name: full_name,
        email: email,
        updated_at: ids::now(),
    }, "ON CONFLICT (unit_id) DO UPDATE SET full_name = excluded.full_name, email = excluded.email, \
        updated_at = excluded.updated_at")?;
    Ok(())
}

pub async fn remove_unit_head(tx: &mut Tx, unit_id: &str) -> Result<()> {
    exec!(
        tx,
        sqlx::query("DELETE FROM unit_heads WHERE unit_id = $1").bind(unit_id)
    )?;
    Ok(())
}
