//! Use cases of accounts: sign in and out (throttled), create users with role and scope, edit them,
//! API tokens.

use crate::Audit;
use crate::Caller;
use crate::auth::{self, MAX_FAILURES, SESSION_HOURS, THROTTLE_MINUTES};
use crate::error::{Error, Result};
use thidua_domain::Validation;
use thidua_domain::policy::{Action, Role};
use thidua_store::audit::AuditEntry;
use thidua_store::users::{self, TokenRow, UserRow};
use thidua_store::{Db, Tx, ids, sessions, units};

/// A signed-in session: the cookie value and its CSRF token.
pub struct NewSession {
    pub token: String,
    pub user: UserRow,
}

/// Checks a user name and password; on success opens a session. Failures are counted per user name,
/// and after too many the account is locked for a while (on every node, since counts are in the database).
pub async fn login(db: &Db, username: &str, password: &str) -> Result<NewSession> {
    let username = username.trim().to_lowercase();
    let wrong = || Error::Rejected("Tên đăng nhập hoặc mật khẩu không đúng.".into());
    let mut tx = db.begin().await?;
    let since =
        ids::timestamp(time::OffsetDateTime::now_utc() - time::Duration::minutes(THROTTLE_MINUTES));
    if users::login_failures_since(&mut tx, &username, &since).await? >= MAX_FAILURES {
        return Err(Error::Throttled(format!(
            "Đăng nhập sai quá {MAX_FAILURES} lần. Hãy thử lại sau {THROTTLE_MINUTES} phút."
        )));
    }
    let user = users::get_by_username(&mut tx, &username).await?;
    let ok = user
        .as_ref()
        .is_some_and(|u| u.active && auth::verify_password(password, &u.password_hash));
    let Some(user) = user.filter(|_| ok) else {
        users::add_login_failure(&mut tx, &username).await?;
        tx.commit().await?;
        return Err(wrong());
    };
    users::clear_login_failures(&mut tx, &username).await?;
    let token = auth::random_token();
    let expires =
        ids::timestamp(time::OffsetDateTime::now_utc() + time::Duration::hours(SESSION_HOURS));
    sessions::create(
        &mut tx,
        &auth::token_hash(&token),
        &user.id,
        &auth::random_token(),
        &expires,
    )
    .await?;
    audit_by_self(&mut tx, &user, "user.login").await?;
    tx.commit().await?;
    Ok(NewSession { token, user })
}

/// An audit row of something a user did before having a session (signing in, a reset link).
pub(crate) async fn audit_by_self(tx: &mut Tx, user: &UserRow, action: &str) -> Result<()> {
    let author = format!("{} ({})", user.full_name, user.username);
    thidua_store::audit::record(
        tx,
        AuditEntry {
            org_id: &user.org_id,
            user_id: Some(&user.id),
            user_name: &author,
            action,
            object_type: "user",
            object_id: &user.id,
            object_label: &user.username,
            before: None,
            after: None,
        },
    )
    .await?;
    Ok(())
}

pub async fn logout(db: &Db, caller: &Caller) -> Result<()> {
    if let Some(id_hash) = &caller.session {
        let mut tx = db.begin().await?;
        sessions::delete(&mut tx, id_hash).await?;
        Audit::new(
            "user.logout",
            "user",
            &caller.user.id,
            &caller.user.username,
        )
        .write(&mut tx, caller)
        .await?;
        tx.commit().await?;
    }
    Ok(())
}

/// What an administrator typed for an account.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserInput {
    #[serde(default)]
    pub username: String,
    #[serde(default)]
    pub full_name: String,
    pub role: String,
    #[serde(default)]
    pub scope_unit_id: String,
    /// New password; empty keeps the current one when editing.
    #[serde(default)]
    pub password: String,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

struct CheckedUser {
    username: String,
    full_name: String,
    role: Role,
    scope_unit_id: Option<String>,
}

async fn check(
    tx: &mut Tx,
    caller: &Caller,
    input: &UserInput,
    creating: bool,
) -> Result<CheckedUser> {
    let mut v = Validation::new();
    let username = input.username.trim().to_lowercase();
    if creating {
        if username.len() < 3
            || username.len() > 40
            || !username
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        {
            v.add(
                "username",
                "Tên đăng nhập",
                "Tên đăng nhập dài 3–40 ký tự, chỉ gồm chữ cái không dấu, chữ số và . _ -",
            );
        } else if users::get_by_username(tx, &username).await?.is_some() {
            v.add(
                "username",
                "Tên đăng nhập",
                format!("Tên đăng nhập {username} đã có người dùng."),
            );
        }
    }
    let full_name = v.required_text("full_name", "Họ và tên", &input.full_name, 100);
    let role = Role::parse(input.role.trim());
    if role.is_none() {
        v.add("role", "Vai trò", "Hãy chọn vai trò trong danh sách.");
    }
    let scope = input.scope_unit_id.trim();
    let scope_unit_id = if scope.is_empty() {
        None
    } else {
        Some(scope.to_string())
    };
    if let Some(id) = &scope_unit_id
        && units::get(tx, caller.org_id(), id).await.is_err()
    {
        v.add(
            "scope_unit_id",
            "Đơn vị phụ trách",
            "Đơn vị phụ trách không tồn tại.",
        );
    }
    if role.is_some_and(Role::needs_scope) && scope_unit_id.is_none() {
        v.add(
            "scope_unit_id",
            "Đơn vị phụ trách",
            "Cán bộ phụ trách TĐKT đơn vị phải được gắn với một đơn vị.",
        );
    }
    if (creating || !input.password.is_empty()) && auth::password_problem(&input.password).is_some()
    {
        v.add(
            "password",
            "Mật khẩu",
            auth::password_problem(&input.password).unwrap_or_default(),
        );
    }
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    Ok(CheckedUser {
        username,
        full_name,
        role: role.unwrap_or(Role::Viewer),
        scope_unit_id,
    })
}

pub async fn create(db: &Db, caller: &Caller, input: &UserInput) -> Result<UserRow> {
    caller.authorize(Action::ManageUsers {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let c = check(&mut tx, caller, input, true).await?;
    let hash = auth::hash_password(&input.password)?;
    let row = UserRow::new(
        caller.org_id(),
        &c.username,
        &c.full_name,
        &hash,
        c.role.code(),
        c.scope_unit_id,
    );
    users::insert(&mut tx, &row).await?;
    Audit::new("user.create", "user", &row.id, &row.username)
        .after(&row)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}

pub async fn update(
    db: &Db,
    caller: &Caller,
    id: &str,
    version: i64,
    input: &UserInput,
) -> Result<UserRow> {
    caller.authorize(Action::ManageUsers {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let before = users::get(&mut tx, id).await?;
    if before.org_id != caller.org_id() {
        return Err(Error::NotFound);
    }
    let c = check(&mut tx, caller, input, false).await?;
    if before.id == caller.user.id && (!input.active || c.role != Role::Admin) {
        let mut v = Validation::new();
        v.add(
            "role",
            "Vai trò",
            "Bạn không thể tự bỏ quyền quản trị hoặc tự khóa tài khoản của mình.",
        );
        return Err(Error::Invalid(v));
    }
    let password_hash = if input.password.is_empty() {
        before.password_hash.clone()
    } else {
        auth::hash_password(&input.password)?
    };
    let edited = UserRow {
        full_name: c.full_name,
        role: c.role.code().into(),
        scope_unit_id: c.scope_unit_id,
        active: input.active,
        password_hash,
        version,
        ..before.clone()
    };
    let after = users::update(&mut tx, &edited).await?;
    if !after.active
        || !input.password.is_empty()
        || after.role != before.role
        || after.scope_unit_id != before.scope_unit_id
    {
        // New rights or a new password take effect at once: open sessions end.
        sessions::delete_for_user(&mut tx, id).await?;
    }
    if !input.password.is_empty() {
        let how = format!("do quản trị viên {} đổi", caller.user.full_name);
        crate::mailing::security::password_changed(
            &mut tx,
            &after.org_id,
            id,
            &after.username,
            &how,
        )
        .await?;
    }
    Audit::new("user.update", "user", id, &after.username)
        .before(&before)
        .after(&after)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(after)
}

/// Issues a new API token for the signed-in user; the token is shown once.
pub async fn create_token(db: &Db, caller: &Caller, name: &str) -> Result<String> {
    let mut v = Validation::new();
    let name = v.required_text("name", "Tên khóa", name, 100);
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    let token = auth::random_token();
    let mut tx = db.begin().await?;
    let id =
        users::insert_token(&mut tx, &caller.user.id, &name, &auth::token_hash(&token)).await?;
    Audit::new("token.create", "api_token", &id, &name)
        .write(&mut tx, caller)
        .await?;
    let (org, user) = (caller.org_id(), &caller.user);
    crate::mailing::security::token_changed(&mut tx, org, &user.id, &user.username, &name, true)
        .await?;
    tx.commit().await?;
    Ok(token)
}

pub async fn revoke_token(db: &Db, caller: &Caller, token_id: &str) -> Result<()> {
    let mut tx = db.begin().await?;
    let name = users::tokens_of(&mut tx, &caller.user.id)
        .await?
        .into_iter()
        .find(|t| t.id == token_id)
        .map(|t| t.name)
        .unwrap_or_default();
    if !users::revoke_token(&mut tx, &caller.user.id, token_id).await? {
        return Err(Error::NotFound);
    }
    Audit::new("token.revoke", "api_token", token_id, &name)
        .write(&mut tx, caller)
        .await?;
    let (org, user) = (caller.org_id(), &caller.user);
    crate::mailing::security::token_changed(&mut tx, org, &user.id, &user.username, &name, false)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The accounts of the organisation (for administrators).
pub async fn list(db: &Db, caller: &Caller) -> Result<Vec<UserRow>> {
    caller.authorize(Action::ManageUsers {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let rows = users::list(&mut tx, caller.org_id()).await?;
    tx.commit().await?;
    Ok(rows)
}

/// One account of the organisation (for administrators); 404 for another organisation's.
pub async fn get(db: &Db, caller: &Caller, id: &str) -> Result<UserRow> {
    caller.authorize(Action::ManageUsers {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let u = users::get(&mut tx, id).await?;
    tx.commit().await?;
    if u.org_id != caller.org_id() {
        return Err(Error::NotFound);
    }
    Ok(u)
}

/// The caller's own API tokens.
pub async fn tokens(db: &Db, caller: &Caller) -> Result<Vec<TokenRow>> {
    let mut tx = db.begin_read().await?;
    let tokens = users::tokens_of(&mut tx, &caller.user.id).await?;
    tx.commit().await?;
    Ok(tokens)
}
