//! One per-organisation setting kept as JSON under a name (`org_settings`), read with its default
//! when nothing is saved, saved over the version read (409 otherwise) with an audit row.

use crate::error::{Error, Result};
use crate::{Audit, Caller};
use serde::Serialize;
use serde::de::DeserializeOwned;
use thidua_store::{Tx, org_settings};

/// The saved value and its version, or `default` and 0 when nothing is saved.
pub async fn load<T: DeserializeOwned>(
    tx: &mut Tx,
    org_id: &str,
    name: &str,
    default: impl FnOnce() -> T,
) -> Result<(T, i64)> {
    match org_settings::get(tx, org_id, name).await? {
        Some((data, version)) => {
            let value = serde_json::from_str(&data)
                .map_err(|e| Error::Internal(anyhow::anyhow!("{name}: {e}")))?;
            Ok((value, version))
        }
        None => Ok((default(), 0)),
    }
}

/// What a save is recorded as in the audit log: the value before and after (without secrets).
pub struct AuditAs<'a, B, A> {
    pub action: &'a str,
    pub label: &'a str,
    pub before: &'a B,
    pub after: &'a A,
}

/// Saves `value` over `version` in the caller's transaction and audits the change; 409 when
/// someone saved in between.
pub async fn save<T: Serialize, B: Serialize, A: Serialize>(
    tx: &mut Tx,
    caller: &Caller,
    name: &str,
    value: &T,
    version: i64,
    audit: AuditAs<'_, B, A>,
) -> Result<()> {
    let data = serde_json::to_string(value).map_err(|e| Error::Internal(e.into()))?;
    let org = caller.org_id();
    let user = caller.user_ref();
    if !org_settings::save(tx, org, name, &data, version, user.as_deref()).await? {
        return Err(Error::Conflict);
    }
    Audit::new(audit.action, "org", org, audit.label)
        .before(audit.before)
        .after(audit.after)
        .write(tx, caller)
        .await?;
    Ok(())
}
