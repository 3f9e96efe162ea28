//! First start: an organisation and an administrator, so a fresh install can be used at once.

use thidua_app::setup;
use thidua_store::{Db, Tx, orgs};

/// The organisation of this installation (created if missing).
pub async fn ensure_org(tx: &mut Tx, name: &str) -> anyhow::Result<String> {
    match orgs::first(tx).await? {
        Some(id) => Ok(id),
        None => Ok(orgs::insert(tx, name).await?),
    }
}

/// Creates an administrator with a random password when the database has no user yet, and prints it.
pub async fn ensure_admin(db: &Db) -> anyhow::Result<()> {
    if let Some(password) = setup::first_admin(db, "Cơ quan của tôi").await? {
        println!("Tài khoản quản trị đầu tiên — tên đăng nhập: admin  mật khẩu: {password}");
        println!("(Hãy đổi mật khẩu sau khi đăng nhập.)");
    }
    Ok(())
}

/// Sets a user's password from the command line (recovery when the admin is locked out).
pub async fn set_password(db: &Db, username: &str, password: Option<String>) -> anyhow::Result<()> {
    let password = setup::reset_password(db, username, password).await?;
    println!("Đã đặt mật khẩu mới cho {username}: {password}");
    Ok(())
}
