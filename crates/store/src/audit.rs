//! The append-only audit log: who changed what, when, with the values before and after.
//! Rows are written in the same transaction as the change they describe and never updated or deleted.

use crate::sql::insert_row;
use crate::{Result, Tx, ids, on_tx};
use serde::Serialize;

/// One change to record.
#[derive(Debug, Clone)]
pub struct AuditEntry<'a> {
    pub org_id: &'a str,
    pub user_id: Option<&'a str>,
    pub user_name: &'a str,
    /// What was done, e.g. `unit.create`, `unit.merge`, `user.login`.
    pub action: &'a str,
    pub object_type: &'a str,
    pub object_id: &'a str,
    /// A human label for the object at the time (its name), so the log reads without joins.
    pub object_label: &'a str,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// A stored audit row.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct AuditRow {
    pub id: String,
    pub at: String,
    pub user_id: Option<String>,
    pub user_name: String,
    pub action: String,
    pub object_type: String,
    pub object_id: String,
    pub object_label: String,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
}

/// Writes one audit row inside the caller's transaction.
pub async fn record(tx: &mut Tx, e: AuditEntry<'_>) -> Result<()> {
    let id = ids::new_id();
    let at = ids::now();
    let before = e.before.map(|v| v.to_string());
    let after = e.after.map(|v| v.to_string());
    insert_row!(tx, "audit_log", {
        id: &id,
        org_id: e.org_id,
        at: &at,
        user_id: e.user_id,
        user_name: e.user_name,
        action: e.action,
        object_type: e.object_type,
        object_id: e.object_id,
        object_label: e.object_label,
        before_json: &before,
        after_json: &after,
    })?;
    Ok(())
}

/// Filters for reading the log; empty fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub object_type: Option<String>,
    pub object_id: Option<String>,
    pub user_id: Option<String>,
    /// Inclusive lower bound, `yyyy-mm-dd`.
    pub from: Option<String>,
    /// Inclusive upper bound, `yyyy-mm-dd`.
    pub to: Option<String>,
}

/// Newest first, at most `limit` rows after skipping `offset`.
pub async fn list(
    tx: &mut Tx,
    org_id: &str,
    f: &AuditFilter,
    limit: i64,
    offset: i64,
) -> Result<Vec<AuditRow>> {
    // Bounds are compared as text: stored timestamps are fixed-width UTC, so a date prefix orders correctly.
    let from = f.from.as_ref().map(|d| format!("{d}T00:00:00.000Z"));
    let to = f.to.as_ref().map(|d| format!("{d}T23:59:59.999Z"));
    let rows = on_tx!(tx, |c| {
        sqlx::query_as::<_, AuditRow>(
        "SELECT id, at, user_id, user_name, action, object_type, object_id, object_label, before_json, after_json \
         FROM audit_log WHERE org_id = $1 \
         AND ($2 IS NULL OR object_type = $2) AND ($3 IS NULL OR object_id = $3) AND ($4 IS NULL OR user_id = $4) \
         AND ($5 IS NULL OR at >= $5) AND ($6 IS NULL OR at <= $6) \
         ORDER BY at DESC, id DESC LIMIT $7 OFFSET $8"
    )
    .bind(org_id)
    .bind(&f.object_type)
    .bind(&f.object_id)
    .bind(&f.user_id)
    .bind(&from)
    .bind(&to)
    .bind(limit)
    .bind(offset)
    .fetch_all(c)
    .await
    })?;
    Ok(rows)
}
