//! In-app notifications: a line of text and a link for whoever must act next, addressed to a user,
//! to the officers of a unit, or to everyone holding a role.

use crate::{Result, Tx, exec, ids, on_tx};
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct NotificationRow {
    pub id: String,
    pub org_id: String,
    pub user_id: Option<String>,
    pub unit_id: Option<String>,
    pub role: Option<String>,
    pub text: String,
    pub link: String,
    pub created_at: String,
    pub read_at: Option<String>,
}

/// Who a notification is for.
#[derive(Debug, Clone, Copy)]
pub enum Addressee<'a> {
    User(&'a str),
    Unit(&'a str),
    Role(&'a str),
}

pub async fn add(
    tx: &mut Tx,
    org_id: &str,
    to: Addressee<'_>,
    text: &str,
    link: &str,
) -> Result<()> {
    let (user, unit, role) = match to {
        Addressee::User(u) => (Some(u), None, None),
        Addressee::Unit(u) => (None, Some(u), None),
        Addressee::Role(r) => (None, None, Some(r)),
    };
    exec!(tx, sqlx::query("INSERT INTO notifications (id, org_id, user_id, unit_id, role, text, link, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(ids::new_id())
        .bind(org_id)
        .bind(user)
        .bind(unit)
        .bind(role)
        .bind(text)
        .bind(link)
        .bind(ids::now()))?;
    Ok(())
}

/// The notifications a user sees, newest first: addressed to them, to a unit within `scope_path`
/// (a unit officer's scope), or to their role.
pub async fn for_user(
    tx: &mut Tx,
    org_id: &str,
    user_id: &str,
    role: &str,
    scope_path: Option<&str>,
    limit: i64,
) -> Result<Vec<NotificationRow>> {
    let like = scope_path.map(|p| format!("{p}%"));
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, NotificationRow>(
        "SELECT id, org_id, user_id, unit_id, role, text, link, created_at, read_at FROM notifications WHERE org_id = $1 \
         AND (user_id = $2 OR role = $3 OR ($4 IS NOT NULL AND unit_id IN (SELECT id FROM units WHERE path LIKE $4))) ORDER BY created_at DESC, id LIMIT $5"
    )
    .bind(org_id)
    .bind(user_id)
    .bind(role)
    .bind(&like)
    .bind(limit)
    .fetch_all(c)
    .await
    })?)
}
