//! The records the statutory statistics count (a year's launched campaigns, a year's awards of the
//! counted forms with who received them) and the figures the office enters by hand.

use crate::sql::{insert_row, update_row};
use crate::{Result, StoreError, Tx, ids, on_tx};
use serde::Serialize;

/// A campaign as 0601 counts it.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct StatCampaignRow {
    pub id: String,
    pub number: Option<String>,
    pub issued_on: Option<String>,
    pub issuer: String,
    pub title: String,
    pub kind: String,
    pub period_from: String,
    pub period_to: String,
    pub status: String,
}

/// An award as 0602/0603 count it, with its recipient's facts.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct StatAwardRow {
    pub id: String,
    pub subject_type: String,
    pub subject_id: String,
    pub code: String,
    pub kind: String,
    pub year: i64,
    pub decision_no: Option<String>,
    pub decision_date: Option<String>,
    pub issuer: Option<String>,
    /// The person's or the unit's name.
    pub name: Option<String>,
    pub position: Option<String>,
    pub direct_worker: Option<bool>,
    /// Kind and level of the unit: the recipient unit, or the person's unit.
    pub unit_kind: Option<String>,
    pub unit_level: Option<String>,
    pub unit_name: Option<String>,
}

/// A figure entered by hand.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct EntryRow {
    pub id: String,
    pub org_id: String,
    pub year: i64,
    pub form: String,
    pub row_code: String,
    pub col_code: String,
    pub value: i64,
    pub updated_by: Option<String>,
    pub updated_by_name: String,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

/// The level of the organisation's top unit (`province`, `district`…), the highest if several.
pub async fn org_level(tx: &mut Tx, org_id: &str) -> Result<Option<String>> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar::<_, String>(
        "SELECT u.level FROM units u JOIN levels l ON l.code = u.level \
         WHERE u.org_id = $1 AND u.parent_id IS NULL ORDER BY l.rank, u.code LIMIT 1"
    )
    .bind(org_id)
    .fetch_optional(c)
    .await)?)
}

/// Campaigns launched (or closed) whose plan was issued between `from` and `to` (ISO, inclusive);
/// one without an issue date counts by its start.
pub async fn campaigns(
    tx: &mut Tx,
    org_id: &str,
    from: &str,
    to: &str,
) -> Result<Vec<StatCampaignRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, StatCampaignRow>(
        "SELECT id, number, issued_on, issuer, title, kind, period_from, period_to, status \
         FROM campaigns WHERE org_id = $1 AND status <> 'draft' \
         AND COALESCE(issued_on, period_from) >= $2 AND COALESCE(issued_on, period_from) <= $3 \
         ORDER BY COALESCE(issued_on, period_from), title"
    )
    .bind(org_id)
    .bind(from)
    .bind(to)
    .fetch_all(c)
    .await)?)
}

/// Awards not revoked with one of `codes` decided in `year` (ISO bounds `from`–`to`), or without a
/// decision date and achieved in `year`. `codes` are the catalog's constants, never user input.
pub async fn awards(
    tx: &mut Tx,
    org_id: &str,
    codes: &[&'static str],
    year: i64,
) -> Result<Vec<StatAwardRow>> {
    if codes.is_empty() {
        return Ok(Vec::new());
    }
    let list: Vec<String> = codes
        .iter()
        .filter(|c| c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_'))
        .map(|c| format!("'{c}'"))
        .collect();
    let sql = format!(
        "SELECT a.id, a.subject_type, a.subject_id, a.code, a.kind, a.year, a.decision_no, \
         a.decision_date, a.issuer, COALESCE(p.full_name, u.name) AS name, p.position, \
         p.direct_worker, COALESCE(pu.kind, u.kind) AS unit_kind, \
         COALESCE(pu.level, u.level) AS unit_level, COALESCE(pu.name, u.name) AS unit_name \
         FROM ledger_awards a \
         LEFT JOIN persons p ON a.subject_type = 'person' AND p.id = a.subject_id \
         LEFT JOIN units pu ON pu.id = p.unit_id \
         LEFT JOIN units u ON a.subject_type = 'unit' AND u.id = a.subject_id \
         WHERE a.org_id = $1 AND a.code IN ({}) AND a.revoked = FALSE \
         AND ((a.decision_date >= $2 AND a.decision_date <= $3) \
              OR (a.decision_date IS NULL AND a.year = $4)) \
         ORDER BY a.decision_date, a.decision_no, name",
        list.join(", ")
    );
    let (from, to) = (format!("{year:04}-01-01"), format!("{year:04}-12-31"));
    // The IN list holds only the catalog codes above, checked to be identifiers.
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, StatAwardRow>(
        sqlx::AssertSqlSafe(sql.clone())
    )
    .bind(org_id)
    .bind(&from)
    .bind(&to)
    .bind(year)
    .fetch_all(c)
    .await)?)
}

/// The hand-entered figures of a form for a year.
pub async fn entries(tx: &mut Tx, org_id: &str, year: i64, form: &str) -> Result<Vec<EntryRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, EntryRow>(
        "SELECT * FROM statistics_entries WHERE org_id = $1 AND year = $2 AND form = $3 \
         ORDER BY row_code, col_code"
    )
    .bind(org_id)
    .bind(year)
    .bind(form)
    .fetch_all(c)
    .await)?)
}

/// Writes a hand-entered figure: inserted when new, else updated (the caller compared versions).
pub async fn save(tx: &mut Tx, e: &EntryRow, existing: Option<&EntryRow>) -> Result<()> {
    match existing {
        None => insert_row!(tx, "statistics_entries", {
            id: &e.id,
            org_id: &e.org_id,
            year: e.year,
            form: &e.form,
            row_code: &e.row_code,
            col_code: &e.col_code,
            value: e.value,
            updated_by: &e.updated_by,
            updated_by_name: &e.updated_by_name,
            version: 1_i64,
            created_at: &e.created_at,
            updated_at: &e.updated_at,
        })
        .map(|_| ())
        .map_err(StoreError::from),
        Some(old) => {
            let done = update_row!(tx, "statistics_entries", SET {
                value: e.value,
                updated_by: &e.updated_by,
                updated_by_name: &e.updated_by_name,
                "version = version + 1",
                updated_at: ids::now(),
            } WHERE {
                id: &old.id,
                version: old.version,
            })?;
            if done == 0 {
                return Err(StoreError::Conflict);
            }
            Ok(())
        }
    }
}

/// Removes a hand-entered figure (the cell is left empty again).
pub async fn remove(tx: &mut Tx, e: &EntryRow) -> Result<()> {
    crate::exec!(
        tx,
        sqlx::query("DELETE FROM statistics_entries WHERE id = $1").bind(&e.id)
    )?;
    Ok(())
}
