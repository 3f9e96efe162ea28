//! In-app notifications: a line of text and a link for whoever must act next, addressed to a user,
//! to the officers of a unit, or to everyone holding a role. Each user marks the ones they see read for
//! themselves (`notification_reads`).

use crate::sql::insert_row;
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
    /// When the reader marked it read (see [`for_user`]); `None` while unread.
    pub read_at: Option<String>,
}

/// Who a notification is for.
#[derive(Debug, Clone, Copy)]
pub enum Addressee<'a> {
    User(&'a str),
    Unit(&'a str),
    Role(&'a str),
}

impl<'a> Addressee<'a> {
    /// The (user, unit, role) columns of the row.
    fn columns(self) -> (Option<&'a str>, Option<&'a str>, Option<&'a str>) {
        match self {
            Addressee::User(u) => (Some(u), None, None),
            Addressee::Unit(u) => (None, Some(u), None),
            Addressee::Role(r) => (None, None, Some(r)),
        }
    }
}

/// Adds a notice under a given id, once: a second add of the same id (a job run
/// again after its node died) does nothing.
pub async fn add_once(
    tx: &mut Tx,
    id: &str,
    org_id: &str,
    to: Addressee<'_>,
    text: &str,
    link: &str,
) -> Result<()> {
    let (user, unit, role) = to.columns();
    insert_row!(tx, "notifications", {
        id: id,
        org_id: org_id,
        user_id: user,
        unit_id: unit,
        role: role,
        text: text,
        link: link,
        created_at: ids::now(),
    }, "ON CONFLICT (id) DO NOTHING")?;
    Ok(())
}

pub async fn add(
    tx: &mut Tx,
    org_id: &str,
    to: Addressee<'_>,
    text: &str,
    link: &str,
) -> Result<String> {
    let id = ids::new_id();
    let (user, unit, role) = to.columns();
    insert_row!(tx, "notifications", {
        id: &id,
        org_id: org_id,
        user_id: user,
        unit_id: unit,
        role: role,
        text: text,
        link: link,
        created_at: ids::now(),
    })?;
    Ok(id)
}

/// A user as notifications see them: the organisation, the user, the role code and, for a unit
/// officer, the path of their scope (notifications of units within it are theirs too).
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a> {
    pub org_id: &'a str,
    pub user_id: &'a str,
    pub role: &'a str,
    pub scope_path: Option<&'a str>,
}

impl Reader<'_> {
    fn scope_like(&self) -> Option<String> {
        self.scope_path.map(|p| format!("{p}%"))
    }
}

/// Notifications `n` the reader sees, with `$1` the organisation, `$2` the user, `$3` the role and `$4`
/// the scope as a LIKE prefix (NULL for organisation-wide roles).
macro_rules! visible {
    () => {
        "n.org_id = $1 AND (n.user_id = $2 OR n.role = $3 OR ($4 IS NOT NULL AND n.unit_id IN (SELECT id FROM units WHERE path LIKE $4)))"
    };
}

/// Not yet read by the user `$2`.
macro_rules! unread {
    () => {
        "NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.user_id = $2)"
    };
}

/// The columns of [`NotificationRow`], `read_at` being when this reader marked it read.
macro_rules! columns {
    () => {
        "n.id, n.org_id, n.user_id, n.unit_id, n.role, n.text, n.link, n.created_at, r.read_at"
    };
}

/// The notifications a user sees (addressed to them, to a unit within their scope, or to their role),
/// unread first, then newest first; `read_at` tells when this user marked each read.
pub async fn for_user(tx: &mut Tx, who: Reader<'_>, limit: i64) -> Result<Vec<NotificationRow>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " FROM notifications n LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.user_id = $2 WHERE ",
        visible!(),
        " \
         ORDER BY CASE WHEN r.read_at IS NULL THEN 0 ELSE 1 END, n.created_at DESC, n.id LIMIT $5"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, NotificationRow>(sql)
        .bind(who.org_id)
        .bind(who.user_id)
        .bind(who.role)
        .bind(who.scope_like())
        .bind(limit)
        .fetch_all(c)
        .await)?)
}

/// One notification the user sees, or `None` (someone else's, or no such notification).
pub async fn get_for(tx: &mut Tx, who: Reader<'_>, id: &str) -> Result<Option<NotificationRow>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " FROM notifications n LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.user_id = $2 WHERE ",
        visible!(),
        " AND n.id = $5"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, NotificationRow>(sql)
        .bind(who.org_id)
        .bind(who.user_id)
        .bind(who.role)
        .bind(who.scope_like())
        .bind(id)
        .fetch_optional(c)
        .await)?)
}

/// How many notifications the user has not read, counting at most `cap` (the menu shows "99+").
pub async fn unread_count(tx: &mut Tx, who: Reader<'_>, cap: i64) -> Result<i64> {
    let sql = concat!(
        "SELECT COUNT(*) FROM (SELECT n.id FROM notifications n WHERE ",
        visible!(),
        " AND ",
        unread!(),
        " LIMIT $5) unread"
    );
    Ok(on_tx!(tx, |c| sqlx::query_scalar::<_, i64>(sql)
        .bind(who.org_id)
        .bind(who.user_id)
        .bind(who.role)
        .bind(who.scope_like())
        .bind(cap)
        .fetch_one(c)
        .await)?)
}

/// Marks one notification read by `user_id`; false when it already was.
pub async fn mark_read(tx: &mut Tx, id: &str, user_id: &str) -> Result<bool> {
    let n = insert_row!(tx, "notification_reads", {
        notification_id: id,
        user_id: user_id,
        read_at: ids::now(),
    }, "ON CONFLICT (notification_id, user_id) DO NOTHING")?;
    Ok(n > 0)
}

/// Marks read every notification the user sees and has not read; returns how many.
pub async fn mark_all_read(tx: &mut Tx, who: Reader<'_>) -> Result<u64> {
    let sql = concat!(
        "INSERT INTO notification_reads (notification_id, user_id, read_at) SELECT n.id, $2, $5 FROM notifications n WHERE ",
        visible!(),
        " AND ",
        unread!(),
        " \
         ON CONFLICT (notification_id, user_id) DO NOTHING"
    );
    let n = exec!(
        tx,
        sqlx::query(sql)
            .bind(who.org_id)
            .bind(who.user_id)
            .bind(who.role)
            .bind(who.scope_like())
            .bind(ids::now())
    )?;
    Ok(n)
}
