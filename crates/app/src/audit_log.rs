//! Reads of the audit log: who changed what and when, for those who may see it.

use crate::Caller;
use crate::error::Result;
use std::collections::HashMap;
use thidua_domain::policy::Action;
use thidua_store::audit::{self, AuditFilter, AuditRow};
use thidua_store::units::{self, UnitFilter};
use thidua_store::{Db, Tx, users};

/// Audit rows matching `filter`, newest first: `limit` of them from `offset`.
pub async fn list(
    db: &Db,
    caller: &Caller,
    filter: &AuditFilter,
    limit: i64,
    offset: i64,
) -> Result<Vec<AuditRow>> {
    caller.authorize(Action::ViewAudit {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let rows = audit::list(&mut tx, caller.org_id(), filter, limit, offset).await?;
    tx.commit().await?;
    Ok(rows)
}

/// One page of the audit log with what it needs to be read: the accounts to filter by and the
/// names of units (closed ones included) to show in place of their ids.
pub struct AuditPage {
    pub rows: Vec<AuditRow>,
    /// Every account of the organisation: id and «Full name (username)».
    pub users: Vec<(String, String)>,
    /// Unit names by id.
    pub unit_names: HashMap<String, String>,
}

/// The audit log page: rows matching `filter`, `limit` of them from `offset`.
pub async fn page(
    db: &Db,
    caller: &Caller,
    filter: &AuditFilter,
    limit: i64,
    offset: i64,
) -> Result<AuditPage> {
    caller.authorize(Action::ViewAudit {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let page = page_in(&mut tx, caller, filter, limit, offset).await?;
    tx.commit().await?;
    Ok(page)
}

async fn page_in(
    tx: &mut Tx,
    caller: &Caller,
    filter: &AuditFilter,
    limit: i64,
    offset: i64,
) -> Result<AuditPage> {
    let rows = audit::list(tx, caller.org_id(), filter, limit, offset).await?;
    let users = users::list(tx, caller.org_id())
        .await?
        .into_iter()
        .map(|u| (u.id, format!("{} ({})", u.full_name, u.username)))
        .collect();
    let unit_names = units::list(
        tx,
        caller.org_id(),
        &UnitFilter {
            include_closed: true,
            ..Default::default()
        },
        1_000_000,
    )
    .await?
    .into_iter()
    .map(|u| (u.id, u.name))
    .collect();
    Ok(AuditPage {
        rows,
        users,
        unit_names,
    })
}
