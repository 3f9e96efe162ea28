//! First start: an organisation and an administrator, so a fresh install can be used at once.

use anyhow::Context;
use thidua_store::audit::{self, AuditEntry};
use thidua_store::users::{self, UserRow};
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
    let mut tx = db.begin().await?;
    if orgs::user_count(&mut tx).await? > 0 {
        return Ok(());
    }
    let org = ensure_org(&mut tx, "Cơ quan của tôi").await?;
    let password = thidua_app::auth::random_token()[..16].to_string();
    let hash = thidua_app::auth::hash_password(&password)?;
    let admin = UserRow::new(&org, "admin", "Quản trị hệ thống", &hash, "admin", None);
    users::insert(&mut tx, &admin).await?;
    audit::record(
        &mut tx,
        AuditEntry {
            org_id: &org,
            user_id: None,
            user_name: "Hệ thống",
            action: "user.create",
            object_type: "user",
            object_id: &admin.id,
            object_label: "admin",
            before: None,
            after: None,
        },
    )
    .await?;
    tx.commit().await?;
    println!("Tài khoản quản trị đầu tiên — tên đăng nhập: admin  mật khẩu: {password}");
    println!("(Hãy đổi mật khẩu sau khi đăng nhập.)");
    Ok(())
}

/// Sets a user's password from the command line (recovery when the admin is locked out).
pub async fn set_password(db: &Db, username: &str, password: Option<String>) -> anyhow::Result<()> {
    let password = password.unwrap_or_else(|| thidua_app::auth::random_token()[..16].to_string());
    if let Some(problem) = thidua_app::auth::password_problem(&password) {
        anyhow::bail!(problem);
    }
    let mut tx = db.begin().await?;
    let user = users::get_by_username(&mut tx, username)
        .await?
        .with_context(|| format!("không có người dùng {username}"))?;
    let hash = thidua_app::auth::hash_password(&password)?;
    let updated = users::update(
        &mut tx,
        &UserRow {
            password_hash: hash,
            ..user.clone()
        },
    )
    .await?;
    thidua_store::sessions::delete_for_user(&mut tx, &updated.id).await?;
    users::clear_login_failures(&mut tx, username).await?;
    audit::record(
        &mut tx,
        AuditEntry {
            org_id: &user.org_id,
            user_id: None,
            user_name: "Dòng lệnh",
            action: "user.update",
            object_type: "user",
            object_id: &user.id,
            object_label: username,
            before: None,
            after: None,
        },
    )
    .await?;
    tx.commit().await?;
    println!("Đã đặt mật khẩu mới cho {username}: {password}");
    Ok(())
}
