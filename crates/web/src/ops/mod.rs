//! Use cases: each validates its input, asks the policy, and makes its change and the audit row in
//! one transaction. Pages and the JSON API both call these, so both behave the same.

pub mod campaign_parts;
pub mod campaign_views;
pub mod campaign_work;
pub mod campaigns;
pub mod clusters;
pub mod decisions;
pub mod export;
pub mod history_import;
pub mod honours;
pub mod import;
pub mod meetings;
pub mod nominations;
pub mod notifications;
pub mod persons;
pub mod plan_import;
pub mod rule_files;
pub mod rules_cache;
mod table;
pub mod units;
pub mod users;

use crate::ctx::Ctx;
use crate::error::AppResult;
use serde::Serialize;
use thidua_store::Tx;
use thidua_store::audit::{self, AuditEntry};

/// Writes the audit row of a change made by `ctx`.
#[allow(clippy::too_many_arguments)] // one flat call per change reads better at the call sites than a builder
pub async fn audit<B: Serialize, A: Serialize>(
    tx: &mut Tx,
    ctx: &Ctx,
    action: &str,
    object_type: &str,
    object_id: &str,
    label: &str,
    before: Option<&B>,
    after: Option<&A>,
) -> AppResult<()> {
    let author = ctx.author();
    audit::record(
        tx,
        AuditEntry {
            org_id: ctx.org_id(),
            user_id: Some(&ctx.user.id),
            user_name: &author,
            action,
            object_type,
            object_id,
            object_label: label,
            before: before.and_then(|b| serde_json::to_value(b).ok()),
            after: after.and_then(|a| serde_json::to_value(a).ok()),
        },
    )
    .await?;
    Ok(())
}

/// A record as an audit JSON object with one more field (member lists, files), so the audit page can
/// show what changed field by field.
pub fn with_field<T: Serialize, V: Serialize>(row: &T, key: &str, value: &V) -> serde_json::Value {
    let mut v = serde_json::to_value(row).unwrap_or(serde_json::Value::Null);
    if let serde_json::Value::Object(map) = &mut v {
        map.insert(
            key.to_string(),
            serde_json::to_value(value).unwrap_or(serde_json::Value::Null),
        );
    }
    v
}

/// Today's date in Vietnam (UTC+7, no daylight saving): every date users see or type is a day in
/// Vietnam, so between 00:00 and 07:00 there it is already tomorrow's date in UTC terms.
pub fn today() -> time::Date {
    (time::OffsetDateTime::now_utc() + time::Duration::hours(7)).date()
}
