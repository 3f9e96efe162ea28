//! A forgotten password: the user gives their user name or e-mail address, and every active account
//! it names that has an address receives a one-time link (valid an hour). The answer is the same
//! whether or not an account was found, so the form tells nobody which accounts exist. Setting the
//! new password spends the link (and every other link of the account), ends open sessions, and tells
//! the user by mail.

use super::post::{Letter, post};
use crate::auth;
use crate::error::{Error, Result};
use serde_json::json;
use thidua_domain::Validation;
use thidua_store::{Db, Tx, ids, mailing, sessions, user_contacts, users};
use time::{Duration, OffsetDateTime};

/// How long a link lives.
pub const LINK_MINUTES: i64 = 60;
/// Links asked for one account within an hour, at most (against filling someone's mailbox).
const PER_HOUR: i64 = 3;

/// The accounts a user name or address names: active, with an address.
async fn accounts(tx: &mut Tx, who: &str) -> Result<Vec<users::UserRow>> {
    let who = who.trim().to_lowercase();
    let mut ids = Vec::new();
    if who.contains('@') {
        ids = user_contacts::users_with_address(tx, &who)
            .await?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
    } else if let Some(u) = users::get_by_username(tx, &who).await? {
        ids.push(u.id);
    }
    let mut out = Vec::new();
    for id in ids {
        let u = users::get(tx, &id).await?;
        if u.active && user_contacts::address_of(tx, &u.id).await?.is_some() {
            out.push(u);
        }
    }
    Ok(out)
}

/// Sends a reset link to each account `who` names; the same answer either way.
pub async fn request(db: &Db, who: &str) -> Result<()> {
    if who.trim().is_empty() {
        let mut v = Validation::new();
        v.add(
            "who",
            "Tên đăng nhập hoặc thư điện tử",
            "Hãy nhập tên đăng nhập hoặc địa chỉ thư điện tử của tài khoản.",
        );
        return Err(Error::Invalid(v));
    }
    let now = OffsetDateTime::now_utc();
    let mut tx = db.begin().await?;
    for user in accounts(&mut tx, who).await? {
        let since = ids::timestamp(now - Duration::hours(1));
        if mailing::password_resets_since(&mut tx, &user.id, &since).await? >= PER_HOUR {
            continue;
        }
        let token = auth::random_token();
        let expires = ids::timestamp(now + Duration::minutes(LINK_MINUTES));
        let id =
            mailing::add_password_reset(&mut tx, &user.id, &auth::token_hash(&token), &expires)
                .await?;
        let Some(to) = user_contacts::address_of(&mut tx, &user.id).await? else {
            continue;
        };
        let link = format!("/password/reset/{token}");
        let letter = Letter {
            kind: "password_reset",
            vars: json!({"username": user.username, "minutes": LINK_MINUTES}),
            link: &link,
            line: "",
            urgent: true,
        };
        post(
            &mut tx,
            &user.org_id,
            now,
            &to,
            &format!("password_reset:{id}"),
            &letter,
        )
        .await?;
        crate::users::audit_by_self(&mut tx, &user, "user.password_reset_requested").await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The account a live link is for: its user name, for the page. 404 when the link is unknown, used
/// or expired.
pub async fn check_link(db: &Db, token: &str) -> Result<String> {
    let mut tx = db.begin_read().await?;
    let now = ids::timestamp(OffsetDateTime::now_utc());
    let found = mailing::live_password_reset(&mut tx, &auth::token_hash(token), &now).await?;
    let out = match found {
        Some((_, user_id)) => Ok(users::get(&mut tx, &user_id).await?.username),
        None => Err(Error::NotFound),
    };
    tx.commit().await?;
    out
}

/// Sets a new password through a live link (typed twice).
pub async fn reset(db: &Db, token: &str, password: &str, again: &str) -> Result<String> {
    let mut v = Validation::new();
    auth::check_new_password(&mut v, password, again);
    let hash = if v.is_ok() {
        auth::hash_password(password)?
    } else {
        String::new()
    };
    let mut tx = db.begin().await?;
    let now = ids::timestamp(OffsetDateTime::now_utc());
    let Some((id, user_id)) =
        mailing::live_password_reset(&mut tx, &auth::token_hash(token), &now).await?
    else {
        return Err(Error::NotFound);
    };
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    let user = users::get(&mut tx, &user_id).await?;
    if !user.active || !mailing::use_password_reset(&mut tx, &id, &user_id).await? {
        return Err(Error::NotFound);
    }
    let after = users::update(
        &mut tx,
        &users::UserRow {
            password_hash: hash,
            ..user.clone()
        },
    )
    .await?;
    sessions::delete_for_user(&mut tx, &user_id).await?;
    users::clear_login_failures(&mut tx, &after.username).await?;
    crate::users::audit_by_self(&mut tx, &after, "user.password_reset").await?;
    let how = "qua liên kết đặt lại mật khẩu gửi tới thư điện tử";
    super::security::password_changed(&mut tx, &after.org_id, &after.id, &after.username, how)
        .await?;
    tx.commit().await?;
    Ok(after.username)
}
