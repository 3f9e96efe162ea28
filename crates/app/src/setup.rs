//! Setting up and recovering an installation from the command line: the first administrator of a
//! fresh database, and a new password for a locked-out user. Both act as the system.

use crate::error::{Error, Result};
use crate::{Audit, Caller, auth};
use thidua_store::users::{self, UserRow};
use thidua_store::{Db, orgs, sessions};

/// Creates the organisation and an administrator `admin` with a random password when the database
/// has no user yet; returns that password (to print once), or `None` when users exist.
pub async fn first_admin(db: &Db, org_name: &str) -> Result<Option<String>> {
    let mut tx = db.begin().await?;
    if orgs::user_count(&mut tx).await? > 0 {
        return Ok(None);
    }
    let org = match orgs::first(&mut tx).await? {
        Some(id) => id,
        None => orgs::insert(&mut tx, org_name).await?,
    };
    let password = auth::random_token()[..16].to_string();
    let hash = auth::hash_password(&password)?;
    let admin = UserRow::new(&org, "admin", "Quản trị hệ thống", &hash, "admin", None);
    users::insert(&mut tx, &admin).await?;
    Audit::new("user.create", "user", &admin.id, "admin")
        .write(&mut tx, &Caller::system(&org))
        .await?;
    tx.commit().await?;
    Ok(Some(password))
}

/// Sets a new password for `username` (a random one when none is given, returned to be printed),
/// ends the user's sessions and clears the login throttle; audited as done from the command line.
pub async fn reset_password(db: &Db, username: &str, password: Option<String>) -> Result<String> {
    let password = password.unwrap_or_else(|| auth::random_token()[..16].to_string());
    if let Some(problem) = auth::password_problem(&password) {
        return Err(Error::Rejected(problem));
    }
    let mut tx = db.begin().await?;
    let user = users::get_by_username(&mut tx, username)
        .await?
        .ok_or_else(|| Error::Rejected(format!("Không có người dùng {username}.")))?;
    let hash = auth::hash_password(&password)?;
    let updated = users::update(
        &mut tx,
        &UserRow {
            password_hash: hash,
            ..user.clone()
        },
    )
    .await?;
    sessions::delete_for_user(&mut tx, &updated.id).await?;
    users::clear_login_failures(&mut tx, username).await?;
    let cli = Caller::system(&user.org_id).named("Dòng lệnh");
    Audit::new("user.update", "user", &user.id, username)
        .write(&mut tx, &cli)
        .await?;
    tx.commit().await?;
    Ok(password)
}
