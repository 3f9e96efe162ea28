//! Who a request is: the caller behind a browser session's token or an API token, read in one
//! read-only transaction per request.

use crate::auth::token_hash;
use crate::error::Result;
use crate::{Caller, notifications};
use thidua_store::{Db, ids, sessions, users};

/// The caller of a live browser session, with the session's CSRF token.
pub struct SessionIdentity {
    pub caller: Caller,
    /// The hash of the session token (how the session is stored and ended).
    pub id_hash: String,
    pub csrf: String,
    /// Notifications the user has not read (capped), when asked for (pages show it in the menu).
    pub unread: Option<i64>,
}

/// The caller of a session token, or `None` when the session is unknown, expired, or its user inactive.
/// `count_unread`: also count the unread notifications, in the same transaction.
pub async fn by_session(
    db: &Db,
    token: &str,
    count_unread: bool,
) -> Result<Option<SessionIdentity>> {
    let id_hash = token_hash(token);
    let mut tx = db.begin_read().await?;
    let Some(session) = sessions::get(&mut tx, &id_hash, &ids::now()).await? else {
        return Ok(None);
    };
    let user = users::get(&mut tx, &session.user_id).await?;
    let Some(caller) = Caller::of_user(&mut tx, user, Some(id_hash.clone())).await? else {
        return Ok(None);
    };
    let unread = match count_unread {
        true => Some(notifications::unread_in(&mut tx, &caller).await?),
        false => None,
    };
    tx.commit().await?;
    Ok(Some(SessionIdentity {
        caller,
        id_hash,
        csrf: session.csrf_token,
        unread,
    }))
}

/// The caller of an API token (`Authorization: Bearer …`), or `None`.
pub async fn by_api_token(db: &Db, token: &str) -> Result<Option<Caller>> {
    let mut tx = db.begin_read().await?;
    let Some(user) = users::user_by_token(&mut tx, &token_hash(token)).await? else {
        return Ok(None);
    };
    let caller = Caller::of_user(&mut tx, user, None).await?;
    tx.commit().await?;
    Ok(caller)
}
