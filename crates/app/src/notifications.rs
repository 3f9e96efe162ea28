//! The signed-in user's in-app notifications: the list (unread first), the unread count beside the
//! menu entry, and marking one or all of them read. A notification addressed to the user's unit or role
//! is theirs too, and each user marks it read for themselves; someone else's notification is a 404.

use crate::Audit;
use crate::Caller;
use crate::error::{Error, Result};
use thidua_domain::policy::Action;
use thidua_store::notifications::{self, NotificationRow, Reader};
use thidua_store::{Db, Tx};

/// The menu counts unread notifications up to this many (and shows "99+" beyond).
pub const UNREAD_CAP: i64 = 100;

/// The most notifications a list shows.
const LIST_LIMIT: i64 = 200;

fn reader(caller: &Caller) -> Reader<'_> {
    Reader {
        org_id: caller.org_id(),
        user_id: &caller.user.id,
        role: caller.role().code(),
        scope_path: caller.actor.read_scope(),
    }
}

/// The user's notifications: unread first, newest first.
pub async fn list(db: &Db, caller: &Caller) -> Result<Vec<NotificationRow>> {
    caller.authorize(Action::UseApp {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let rows = notifications::for_user(&mut tx, reader(caller), LIST_LIMIT).await?;
    tx.commit().await?;
    Ok(rows)
}

/// How many notifications the user has not read (at most [`UNREAD_CAP`]), inside an open transaction
/// (the identity of a page request is loaded in one).
pub async fn unread_in(tx: &mut Tx, caller: &Caller) -> Result<i64> {
    Ok(notifications::unread_count(tx, reader(caller), UNREAD_CAP).await?)
}

/// The text an audit row shows for a notification: its first words.
fn audit_label(n: &NotificationRow) -> String {
    let mut label: String = n.text.chars().take(120).collect();
    if n.text.chars().count() > 120 {
        label.push('…');
    }
    label
}

/// Marks one of the user's notifications read (nothing changes when it already was); 404 when it is
/// not theirs. Returns the notification as it is now.
pub async fn mark_read(db: &Db, caller: &Caller, id: &str) -> Result<NotificationRow> {
    caller.authorize(Action::UseApp {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let Some(before) = notifications::get_for(&mut tx, reader(caller), id.trim()).await? else {
        return Err(Error::NotFound);
    };
    if !notifications::mark_read(&mut tx, &before.id, &caller.user.id).await? {
        tx.commit().await?;
        return Ok(before);
    }
    let after = notifications::get_for(&mut tx, reader(caller), &before.id)
        .await?
        .ok_or(Error::NotFound)?;
    Audit::new(
        "notification.read",
        "notification",
        &after.id,
        &audit_label(&after),
    )
    .before(&before)
    .after(&after)
    .write(&mut tx, caller)
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Marks every notification of the user read; returns how many were unread.
pub async fn mark_all_read(db: &Db, caller: &Caller) -> Result<u64> {
    caller.authorize(Action::UseApp {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let marked = notifications::mark_all_read(&mut tx, reader(caller)).await?;
    if marked > 0 {
        Audit::new(
            "notification.read_all",
            "notification",
            &caller.user.id,
            &format!("{marked} thông báo của {}", caller.user.full_name),
        )
        .after(&serde_json::json!({ "marked": marked }))
        .write(&mut tx, caller)
        .await?;
    }
    tx.commit().await?;
    Ok(marked)
}

/// Where opening a notification leads: its link when it is a path of this app, else the list.
pub fn target(n: &NotificationRow) -> &str {
    let link = n.link.as_str();
    if link.starts_with('/') && !link.starts_with("//") && !link.contains('\\') {
        link
    } else {
        "/notifications"
    }
}
