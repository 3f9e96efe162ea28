//! Users' e-mail addresses and whether they want mail, and who of a unit gets its notices by mail.

use crate::sql::insert_row;
use crate::{Result, Tx, ids, on_tx};
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct ContactRow {
    pub user_id: String,
    pub email: String,
    /// `off`, `immediate` or `digest`.
    pub mail_mode: String,
    pub updated_at: String,
}

pub async fn get(tx: &mut Tx, user_id: &str) -> Result<Option<ContactRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, ContactRow>(
        "SELECT user_id, email, mail_mode, updated_at FROM user_contacts WHERE user_id = $1"
    )
    .bind(user_id)
    .fetch_optional(c)
    .await)?)
}

/// Sets (or replaces) a user's address and mail mode.
pub async fn put(tx: &mut Tx, user_id: &str, email: &str, mail_mode: &str) -> Result<()> {
    insert_row!(tx, "user_contacts", {
        user_id: user_id,
        email: email,
        mail_mode: mail_mode,
        updated_at: ids::now(),
    }, "ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, mail_mode = excluded.mail_mode, \
        updated_at = excluded.updated_at")?;
    Ok(())
}

pub async fn remove(tx: &mut Tx, user_id: &str) -> Result<()> {
    crate::exec!(
        tx,
        sqlx::query("DELETE FROM user_contacts WHERE user_id = $1").bind(user_id)
    )?;
    Ok(())
}

/// Someone who takes mail: at once (`immediate`) or in a daily digest (`digest`).
#[derive(Debug, Clone, sqlx::FromRow, PartialEq, Eq)]
pub struct Recipient {
    pub user_id: String,
    pub full_name: String,
    pub email: String,
    pub mail_mode: String,
}

/// The active unit officers of a unit who take mail.
pub async fn mail_recipients_of_unit(
    tx: &mut Tx,
    org_id: &str,
    unit_id: &str,
) -> Result<Vec<Recipient>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, Recipient>(
        "SELECT u.id AS user_id, u.full_name, k.email, k.mail_mode FROM users u JOIN user_contacts k ON k.user_id = u.id \
         WHERE u.org_id = $1 AND u.scope_unit_id = $2 AND u.role = 'unit_officer' AND u.active \
         AND k.mail_mode IN ('immediate', 'digest') ORDER BY u.username"
    )
    .bind(org_id)
    .bind(unit_id)
    .fetch_all(c)
    .await
    })?)
}

/// A user who takes mail, if active with an address and mail on.
pub async fn mail_recipient(tx: &mut Tx, org_id: &str, user_id: &str) -> Result<Option<Recipient>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, Recipient>(
        "SELECT u.id AS user_id, u.full_name, k.email, k.mail_mode FROM users u JOIN user_contacts k ON k.user_id = u.id \
         WHERE u.org_id = $1 AND u.id = $2 AND u.active AND k.mail_mode IN ('immediate', 'digest')"
    )
    .bind(org_id)
    .bind(user_id)
    .fetch_optional(c)
    .await
    })?)
}

/// A user's address whatever their mail mode: security notices (password, API keys) go to it.
pub async fn address_of(tx: &mut Tx, user_id: &str) -> Result<Option<Recipient>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, Recipient>(
        "SELECT u.id AS user_id, u.full_name, k.email, k.mail_mode FROM users u JOIN user_contacts k ON k.user_id = u.id \
         WHERE u.id = $1"
    )
    .bind(user_id)
    .fetch_optional(c)
    .await
    })?)
}

/// The active users whose address is `email`: (user id, org id).
pub async fn users_with_address(tx: &mut Tx, email: &str) -> Result<Vec<(String, String)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, (String, String)>(
        "SELECT u.id, u.org_id FROM users u JOIN user_contacts k ON k.user_id = u.id \
         WHERE k.email = $1 AND u.active ORDER BY u.username"
    )
    .bind(email)
    .fetch_all(c)
    .await)?)
}
