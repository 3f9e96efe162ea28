//! An organisation's edited copies of the rule data files, one row per saved version (never updated
//! or deleted). The latest version of a file is in force; `text` `None` means the shipped file.

use crate::sql::insert_row;
use crate::{Result, StoreError, Tx, ids, on_tx};
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct RuleSourceRow {
    pub id: String,
    pub org_id: String,
    /// `catalog.toml`, `ruleset_hn.toml`, `base_salary.toml`…
    pub file_name: String,
    /// 1, 2, 3… per (organisation, file).
    pub version: i64,
    /// The TOML text; `None` when this version went back to the shipped file.
    pub text: Option<String>,
    /// What the save was (e.g. "Khôi phục bản 2").
    pub note: Option<String>,
    pub created_by: Option<String>,
    pub created_by_name: String,
    pub created_at: String,
}

macro_rules! columns {
    () => {
        "id, org_id, file_name, version, text, note, created_by, created_by_name, created_at"
    };
}

impl RuleSourceRow {
    /// A new version `version` of `file_name`.
    pub fn new(
        org_id: &str,
        file_name: &str,
        version: i64,
        text: Option<String>,
        note: Option<String>,
        user: (Option<String>, String),
    ) -> RuleSourceRow {
        RuleSourceRow {
            id: ids::new_id(),
            org_id: org_id.into(),
            file_name: file_name.into(),
            version,
            text,
            note,
            created_by: user.0,
            created_by_name: user.1,
            created_at: ids::now(),
        }
    }
}

/// The latest version of each file the organisation has saved.
pub async fn latest_all(tx: &mut Tx, org_id: &str) -> Result<Vec<RuleSourceRow>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " FROM rule_sources r WHERE org_id = $1 \
         AND version = (SELECT MAX(version) FROM rule_sources m WHERE m.org_id = r.org_id AND m.file_name = r.file_name) ORDER BY file_name"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, RuleSourceRow>(sql)
        .bind(org_id)
        .fetch_all(c)
        .await)?)
}

/// A cheap fingerprint of the organisation's saved versions: it changes with every save (here or
/// on another app node), so a cached `Rules` can be checked against it on each request.
pub async fn stamp(tx: &mut Tx, org_id: &str) -> Result<String> {
    let (n, last): (i64, Option<String>) = on_tx!(tx, |c| sqlx::query_as(
        "SELECT COUNT(*), MAX(id) FROM rule_sources WHERE org_id = $1"
    )
    .bind(org_id)
    .fetch_one(c)
    .await)?;
    Ok(format!("{n}:{}", last.unwrap_or_default()))
}

/// Every saved version of one file, newest first.
pub async fn history(tx: &mut Tx, org_id: &str, file_name: &str) -> Result<Vec<RuleSourceRow>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " FROM rule_sources WHERE org_id = $1 AND file_name = $2 ORDER BY version DESC"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, RuleSourceRow>(sql)
        .bind(org_id)
        .bind(file_name)
        .fetch_all(c)
        .await)?)
}

/// One saved version of a file.
pub async fn get_version(
    tx: &mut Tx,
    org_id: &str,
    file_name: &str,
    version: i64,
) -> Result<RuleSourceRow> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " FROM rule_sources WHERE org_id = $1 AND file_name = $2 AND version = $3"
    );
    on_tx!(tx, |c| sqlx::query_as::<_, RuleSourceRow>(sql)
        .bind(org_id)
        .bind(file_name)
        .bind(version)
        .fetch_optional(c)
        .await)?
    .ok_or(StoreError::NotFound)
}

/// Saves a new version. Two saves of the same version race on the unique key: the loser gets
/// [`StoreError::Conflict`].
pub async fn insert(tx: &mut Tx, row: &RuleSourceRow) -> Result<()> {
    let done = insert_row!(tx, "rule_sources", {
        id: &row.id,
        org_id: &row.org_id,
        file_name: &row.file_name,
        version: row.version,
        text: &row.text,
        note: &row.note,
        created_by: &row.created_by,
        created_by_name: &row.created_by_name,
        created_at: &row.created_at,
    });
    match done {
        Ok(_) => Ok(()),
        Err(e) => match StoreError::from(e) {
            StoreError::Duplicate(_) => Err(StoreError::Conflict),
            other => Err(other),
        },
    }
}
