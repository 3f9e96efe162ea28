//! Numbering registers (sổ đăng ký văn bản): the numbers an organisation gave its documents, per
//! kind and year.

use crate::sql::insert_row;
use crate::{Result, Tx, on_tx};
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct EntryRow {
    pub org_id: String,
    pub kind: String,
    pub year: i64,
    pub seq: i64,
    /// As written on the document: "12/QĐ-UBND".
    pub number: String,
    pub issued_on: String,
    pub summary: String,
    pub subject_type: Option<String>,
    pub subject_id: Option<String>,
    pub created_by: Option<String>,
    pub created_at: String,
}

/// Records an entry; [`crate::StoreError::Duplicate`] when its number is already in the register.
pub async fn insert(tx: &mut Tx, e: &EntryRow) -> Result<()> {
    insert_row!(tx, "register_entries", {
        org_id: &e.org_id,
        kind: &e.kind,
        year: e.year,
        seq: e.seq,
        number: &e.number,
        issued_on: &e.issued_on,
        summary: &e.summary,
        subject_type: &e.subject_type,
        subject_id: &e.subject_id,
        created_by: &e.created_by,
        created_at: &e.created_at,
    })?;
    Ok(())
}

/// The number after the highest one taken in the register (1 for an empty register).
pub async fn next_seq(tx: &mut Tx, org_id: &str, kind: &str, year: i64) -> Result<i64> {
    let max = on_tx!(tx, |c| sqlx::query_scalar::<_, Option<i64>>(
        "SELECT MAX(seq) FROM register_entries WHERE org_id = $1 AND kind = $2 AND year = $3"
    )
    .bind(org_id)
    .bind(kind)
    .bind(year)
    .fetch_one(c)
    .await)?;
    Ok(max.unwrap_or(0) + 1)
}

/// True when `seq` is taken in the register.
pub async fn taken(tx: &mut Tx, org_id: &str, kind: &str, year: i64, seq: i64) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM register_entries \
         WHERE org_id = $1 AND kind = $2 AND year = $3 AND seq = $4"
    )
    .bind(org_id)
    .bind(kind)
    .bind(year)
    .bind(seq)
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

/// The register of `kind` for `year`, newest first.
pub async fn list(tx: &mut Tx, org_id: &str, kind: &str, year: i64) -> Result<Vec<EntryRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, EntryRow>(
        "SELECT * FROM register_entries WHERE org_id = $1 AND kind = $2 AND year = $3 \
         ORDER BY seq DESC"
    )
    .bind(org_id)
    .bind(kind)
    .bind(year)
    .fetch_all(c)
    .await)?)
}

/// The years that have entries, newest first.
pub async fn years(tx: &mut Tx, org_id: &str) -> Result<Vec<i64>> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar::<_, i64>(
        "SELECT DISTINCT year FROM register_entries WHERE org_id = $1 ORDER BY year DESC"
    )
    .bind(org_id)
    .fetch_all(c)
    .await)?)
}

/// The latest number of `kind` given to a record (a meeting's minutes, a campaign's plan).
pub async fn of_subject(
    tx: &mut Tx,
    org_id: &str,
    kind: &str,
    subject_type: &str,
    subject_id: &str,
) -> Result<Option<EntryRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, EntryRow>(
        "SELECT * FROM register_entries WHERE org_id = $1 AND kind = $2 AND subject_type = $3 \
         AND subject_id = $4 ORDER BY created_at DESC LIMIT 1"
    )
    .bind(org_id)
    .bind(kind)
    .bind(subject_type)
    .bind(subject_id)
    .fetch_optional(c)
    .await)?)
}
