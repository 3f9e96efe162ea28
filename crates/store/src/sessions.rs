//! Server-side sessions in the database, so app nodes stay stateless. The cookie carries a random
//! token; the table keys on its SHA-256 so a leaked table cannot be replayed.

use crate::sql::insert_row;
use crate::{Result, Tx, exec, ids, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub id_hash: String,
    pub user_id: String,
    pub csrf_token: String,
    pub created_at: String,
    pub expires_at: String,
}

pub async fn create(
    tx: &mut Tx,
    id_hash: &str,
    user_id: &str,
    csrf_token: &str,
    expires_at: &str,
) -> Result<()> {
    insert_row!(tx, "sessions", {
        id_hash: id_hash,
        user_id: user_id,
        csrf_token: csrf_token,
        created_at: ids::now(),
        expires_at: expires_at,
    })?;
    Ok(())
}

/// A live session (not expired at `now`).
pub async fn get(tx: &mut Tx, id_hash: &str, now: &str) -> Result<Option<SessionRow>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, SessionRow>(
        "SELECT id_hash, user_id, csrf_token, created_at, expires_at FROM sessions WHERE id_hash = $1 AND expires_at > $2"
    )
    .bind(id_hash)
    .bind(now)
    .fetch_optional(c)
    .await
    })?)
}

pub async fn delete(tx: &mut Tx, id_hash: &str) -> Result<()> {
    exec!(
        tx,
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(id_hash)
    )?;
    Ok(())
}

/// Ends every session of a user (deactivation, password reset).
pub async fn delete_for_user(tx: &mut Tx, user_id: &str) -> Result<()> {
    exec!(
        tx,
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id)
    )?;
    Ok(())
}

pub async fn delete_expired(tx: &mut Tx, now: &str) -> Result<u64> {
    Ok(exec!(
        tx,
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now)
    )?)
}
