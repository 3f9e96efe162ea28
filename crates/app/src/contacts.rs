//! A user's own e-mail address for reminders and notices, and whether mail is wanted at all.

use crate::error::{Error, Result};
use crate::{Audit, Caller};
use thidua_domain::Validation;
use thidua_store::Db;
use thidua_store::user_contacts::{self as store, ContactRow};

/// The caller's address and mail mode, if set.
pub async fn mine(db: &Db, caller: &Caller) -> Result<Option<ContactRow>> {
    let mut tx = db.begin_read().await?;
    let c = store::get(&mut tx, &caller.user.id).await?;
    tx.commit().await?;
    Ok(c)
}

/// A plausible address: one `@`, a dotted domain, no spaces, at most 254 characters. Whether it
/// exists only the mail server can tell.
fn checked_email(v: &mut Validation, raw: &str) -> String {
    let email = raw.trim().to_lowercase();
    let ok = email.len() <= 254
        && !email.contains(char::is_whitespace)
        && email.split_once('@').is_some_and(|(user, domain)| {
            !user.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.ends_with('.')
        });
    if !ok {
        v.add(
            "email",
            "Thư điện tử",
            format!(
                "Địa chỉ thư điện tử «{}» không hợp lệ; hãy viết dạng ten@coquan.gov.vn.",
                raw.trim()
            ),
        );
    }
    email
}

/// Sets the caller's address (empty: removes it) and whether reminders and notices go there at once
/// (`immediate`), in a daily digest (`digest`) or not at all (`off`).
pub async fn set_mine(db: &Db, caller: &Caller, email: &str, mail_mode: &str) -> Result<()> {
    let mut v = Validation::new();
    let mode = match mail_mode.trim() {
        "off" => "off",
        "digest" => "digest",
        "immediate" | "" => "immediate",
        other => {
            v.add(
                "mail_mode",
                "Nhận thư",
                format!("Cách nhận thư «{other}» không có; hãy chọn trong danh sách."),
            );
            "off"
        }
    };
    let email = if email.trim().is_empty() {
        None
    } else {
        Some(checked_email(&mut v, email))
    };
    if !v.is_ok() {
        return Err(Error::Invalid(v));
    }
    let mut tx = db.begin().await?;
    let before = store::get(&mut tx, &caller.user.id).await?;
    match &email {
        Some(e) => store::put(&mut tx, &caller.user.id, e, mode).await?,
        None => store::remove(&mut tx, &caller.user.id).await?,
    }
    let after = store::get(&mut tx, &caller.user.id).await?;
    Audit::new(
        "user.contact",
        "user",
        &caller.user.id,
        &caller.user.username,
    )
    .before_opt(before.as_ref())
    .after(&after)
    .write(&mut tx, caller)
    .await?;
    tx.commit().await?;
    Ok(())
}
