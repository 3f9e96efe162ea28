//! User accounts: role and unit scope, Argon2id hashes (made by the web layer), API tokens, login throttling.

use crate::sql::{insert_row, update_row};
use crate::{Result, StoreError, Tx, exec, ids, on_tx};
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct UserRow {
    pub id: String,
    pub org_id: String,
    pub username: String,
    pub full_name: String,
    #[serde(skip)]
    pub password_hash: String,
    pub role: String,
    pub scope_unit_id: Option<String>,
    pub active: bool,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

macro_rules! columns {
    () => {
        "id, org_id, username, full_name, password_hash, role, scope_unit_id, active, version, created_at, updated_at"
    };
}

pub async fn list(tx: &mut Tx, org_id: &str) -> Result<Vec<UserRow>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " FROM users WHERE org_id = $1 ORDER BY username"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, UserRow>(sql)
        .bind(org_id)
        .fetch_all(c)
        .await)?)
}

pub async fn get(tx: &mut Tx, id: &str) -> Result<UserRow> {
    let sql = concat!("SELECT ", columns!(), " FROM users WHERE id = $1");
    on_tx!(tx, |c| sqlx::query_as::<_, UserRow>(sql)
        .bind(id)
        .fetch_optional(c)
        .await)?
    .ok_or(StoreError::NotFound)
}

pub async fn get_by_username(tx: &mut Tx, username: &str) -> Result<Option<UserRow>> {
    let sql = concat!("SELECT ", columns!(), " FROM users WHERE username = $1");
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, UserRow>(sql)
        .bind(username)
        .fetch_optional(c)
        .await)?)
}

impl UserRow {
    pub fn new(
        org_id: &str,
        username: &str,
        full_name: &str,
        password_hash: &str,
        role: &str,
        scope_unit_id: Option<String>,
    ) -> UserRow {
        let now = ids::now();
        UserRow {
            id: ids::new_id(),
            org_id: org_id.into(),
            username: username.into(),
            full_name: full_name.into(),
            password_hash: password_hash.into(),
            role: role.into(),
            scope_unit_id,
            active: true,
            version: 1,
            created_at: now.clone(),
            updated_at: now,
        }
    }
}

pub async fn insert(tx: &mut Tx, u: &UserRow) -> Result<()> {
    insert_row!(tx, "users", {
        id: &u.id,
        org_id: &u.org_id,
        username: &u.username,
        full_name: &u.full_name,
        password_hash: &u.password_hash,
        role: &u.role,
        scope_unit_id: &u.scope_unit_id,
        active: u.active,
        version: 1_i64,
        created_at: &u.created_at,
        updated_at: &u.created_at,
    })?;
    Ok(())
}

/// Saves edited fields (name, role, scope, active, hash) if the version still matches.
pub async fn update(tx: &mut Tx, u: &UserRow) -> Result<UserRow> {
    let done = update_row!(tx, "users", SET {
        full_name: &u.full_name,
        password_hash: &u.password_hash,
        role: &u.role,
        scope_unit_id: &u.scope_unit_id,
        active: u.active,
        "version = version + 1",
        updated_at: ids::now(),
    } WHERE {
        id: &u.id,
        version: u.version,
    })?;
    if done == 0 {
        return Err(StoreError::Conflict);
    }
    get(tx, &u.id).await
}

/// Records a failed login for throttling.
pub async fn add_login_failure(tx: &mut Tx, username: &str) -> Result<()> {
    insert_row!(tx, "login_failures", {
        id: ids::new_id(),
        username: username,
        at: ids::now(),
    })?;
    Ok(())
}

/// Failed logins for a user name since a moment (stored timestamp text).
pub async fn login_failures_since(tx: &mut Tx, username: &str, since: &str) -> Result<i64> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM login_failures WHERE username = $1 AND at >= $2"
    )
    .bind(username)
    .bind(since)
    .fetch_one(c)
    .await)?)
}

pub async fn clear_login_failures(tx: &mut Tx, username: &str) -> Result<()> {
    exec!(
        tx,
        sqlx::query("DELETE FROM login_failures WHERE username = $1").bind(username)
    )?;
    Ok(())
}

/// An API token (only its hash is stored).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct TokenRow {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

pub async fn insert_token(
    tx: &mut Tx,
    user_id: &str,
    name: &str,
    token_hash: &str,
) -> Result<String> {
    let id = ids::new_id();
    insert_row!(tx, "api_tokens", {
        id: &id,
        user_id: user_id,
        name: name,
        token_hash: token_hash,
        created_at: ids::now(),
    })?;
    Ok(id)
}

pub async fn tokens_of(tx: &mut Tx, user_id: &str) -> Result<Vec<TokenRow>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, TokenRow>("SELECT id, user_id, name, created_at, revoked_at FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC")
        .bind(user_id)
        .fetch_all(c)
        .await
    })?)
}

pub async fn revoke_token(tx: &mut Tx, user_id: &str, token_id: &str) -> Result<bool> {
    let done = update_row!(tx, "api_tokens", SET {
        revoked_at: ids::now(),
    } WHERE {
        id: token_id,
        user_id: user_id,
        "revoked_at IS NULL",
    })?;
    Ok(done > 0)
}

/// The active user owning a live token.
pub async fn user_by_token(tx: &mut Tx, token_hash: &str) -> Result<Option<UserRow>> {
    // `u.*`: a row of `users`, read by column name.
    let sql = "SELECT u.* FROM users u JOIN api_tokens t ON t.user_id = u.id WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.active";
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, UserRow>(sql)
        .bind(token_hash)
        .fetch_optional(c)
        .await)?)
}
