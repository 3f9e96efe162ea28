//! A signed-in user changes their own password: the current one first, the new one twice. Other
//! sessions end (this one too: the user signs in again), and the user is told by mail.

use crate::auth;
use crate::error::{Error, Result};
use crate::{Audit, Caller};
use thidua_domain::Validation;
use thidua_store::{Db, sessions, users};

pub async fn change(db: &Db, caller: &Caller, current: &str, new: &str, again: &str) -> Result<()> {
    let mut v = Validation::new();
    // Argon2 is slow on purpose: checked and hashed outside the write transaction, the version
    // read here guards the save.
    let mut read = db.begin_read().await?;
    let user = users::get(&mut read, &caller.user.id).await?;
    read.commit().await?;
    if !auth::verify_password(current, &user.password_hash) {
        v.add(
            "current",
            "Mật khẩu hiện tại",
            "Mật khẩu hiện tại không đúng.",
        );
    }
    auth::check_new_password(&mut v, new, again);
    if v.message_for("password").is_none() && v.message_for("again").is_none() && new == current {
        v.add(
            "password",
            "Mật khẩu mới",
            "Mật khẩu mới phải khác mật khẩu hiện tại.",
        );
    }
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    let hash = auth::hash_password(new)?;
    let mut tx = db.begin().await?;
    let after = users::update(
        &mut tx,
        &users::UserRow {
            password_hash: hash,
            ..user
        },
    )
    .await?;
    sessions::delete_for_user(&mut tx, &after.id).await?;
    Audit::new("user.password_change", "user", &after.id, &after.username)
        .write(&mut tx, caller)
        .await?;
    let how = "do chính bạn đổi trên trang Tài khoản";
    crate::mailing::security::password_changed(
        &mut tx,
        &after.org_id,
        &after.id,
        &after.username,
        how,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
