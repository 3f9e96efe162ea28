//! Security notices by mail: a user is told at once when their password changes (by themselves, by an
//! administrator, or through a reset link) and when one of their API keys is created or revoked —
//! whatever their mail mode, since only they can tell it was not them.

use super::post::{Letter, post};
use crate::error::Result;
use serde_json::json;
use thidua_store::ids;
use thidua_store::{Tx, user_contacts};
use time::OffsetDateTime;

/// Vietnam's wall time of an instant: «09:15 04/12/2026».
pub fn vietnam_time(at: OffsetDateTime) -> String {
    let local = at + time::Duration::hours(7);
    format!(
        "{:02}:{:02} {}",
        local.hour(),
        local.minute(),
        thidua_domain::date::vn(local.date())
    )
}

/// Mails the user a security notice of `kind` at once, if they have an address (whatever their mode).
async fn tell(
    tx: &mut Tx,
    org_id: &str,
    user_id: &str,
    kind: &'static str,
    mut vars: serde_json::Value,
) -> Result<()> {
    let Some(to) = user_contacts::address_of(tx, user_id).await? else {
        return Ok(());
    };
    let now = OffsetDateTime::now_utc();
    vars["when"] = json!(vietnam_time(now));
    let letter = Letter {
        kind,
        vars,
        link: "/account",
        line: "",
        urgent: true,
    };
    let key = format!("{kind}:{user_id}:{}", ids::new_id());
    post(tx, org_id, now, &to, &key, &letter).await
}

/// Tells the user their password changed; `how` says by whom («qua liên kết đặt lại mật khẩu»).
pub async fn password_changed(
    tx: &mut Tx,
    org_id: &str,
    user_id: &str,
    username: &str,
    how: &str,
) -> Result<()> {
    let vars = json!({"username": username, "how": how});
    tell(tx, org_id, user_id, "password_changed", vars).await
}

/// Tells the user one of their API keys was created (`created`) or revoked.
pub async fn token_changed(
    tx: &mut Tx,
    org_id: &str,
    user_id: &str,
    username: &str,
    token: &str,
    created: bool,
) -> Result<()> {
    let vars = json!({"username": username, "token": token, "created": created});
    tell(tx, org_id, user_id, "token_changed", vars).await
}
