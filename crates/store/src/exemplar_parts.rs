//! The parts of an exemplar kept beside it: photos (bytes in the blob store), the units that adopted
//! it (nhân rộng) and the steps of its fostering plan (kế hoạch bồi dưỡng).

use crate::error::StoreError;
use crate::sql::{insert_row, update_row};
use crate::{Result, Tx, exec, ids, on_tx};
use serde::Serialize;

/// A stored photo: the resized picture and its thumbnail, by their SHA-256 in the blob store.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct PhotoRow {
    pub id: String,
    pub org_id: String,
    pub exemplar_id: String,
    pub sha256: String,
    pub thumb_sha256: String,
    pub width: i64,
    pub height: i64,
    pub caption: Option<String>,
    pub created_at: String,
}

pub async fn insert_photo(tx: &mut Tx, p: &PhotoRow) -> Result<()> {
    insert_row!(tx, "exemplar_photos", {
        id: &p.id,
        org_id: &p.org_id,
        exemplar_id: &p.exemplar_id,
        sha256: &p.sha256,
        thumb_sha256: &p.thumb_sha256,
        width: p.width,
        height: p.height,
        caption: &p.caption,
        created_at: &p.created_at,
    })?;
    Ok(())
}

const PHOTO_COLUMNS: &str =
    "id, org_id, exemplar_id, sha256, thumb_sha256, width, height, caption, created_at";

pub async fn photos(tx: &mut Tx, exemplar_id: &str) -> Result<Vec<PhotoRow>> {
    let sql = format!(
        "SELECT {PHOTO_COLUMNS} FROM exemplar_photos WHERE exemplar_id = $1 ORDER BY created_at, id"
    );
    // `PHOTO_COLUMNS` is a constant, never user input.
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, PhotoRow>(
        sqlx::AssertSqlSafe(sql.clone())
    )
    .bind(exemplar_id)
    .fetch_all(c)
    .await)?)
}

pub async fn photo(tx: &mut Tx, id: &str) -> Result<PhotoRow> {
    let sql = format!("SELECT {PHOTO_COLUMNS} FROM exemplar_photos WHERE id = $1");
    on_tx!(tx, |c| sqlx::query_as::<_, PhotoRow>(sqlx::AssertSqlSafe(
        sql.clone()
    ))
    .bind(id)
    .fetch_optional(c)
    .await)?
    .ok_or(StoreError::NotFound)
}

pub async fn delete_photo(tx: &mut Tx, exemplar_id: &str, id: &str) -> Result<()> {
    let done = exec!(
        tx,
        sqlx::query("DELETE FROM exemplar_photos WHERE exemplar_id = $1 AND id = $2")
            .bind(exemplar_id)
            .bind(id)
    )?;
    if done == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// A unit that adopted the exemplar's model.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct AdoptionRow {
    pub id: String,
    pub exemplar_id: String,
    pub unit_id: String,
    pub unit_name: String,
    pub adopted_on: String,
    pub result: String,
    pub created_at: String,
}

/// Records an adoption; [`StoreError::Conflict`] when the unit already adopted it.
pub async fn insert_adoption(
    tx: &mut Tx,
    org_id: &str,
    a: &AdoptionRow,
    created_by: Option<String>,
) -> Result<()> {
    let done = insert_row!(tx, "exemplar_adoptions", {
        id: &a.id,
        org_id: org_id,
        exemplar_id: &a.exemplar_id,
        unit_id: &a.unit_id,
        adopted_on: &a.adopted_on,
        result: &a.result,
        created_by: &created_by,
        created_at: &a.created_at,
    }, "ON CONFLICT (exemplar_id, unit_id) DO NOTHING")?;
    if done == 0 {
        return Err(StoreError::Conflict);
    }
    Ok(())
}

pub async fn adoptions(tx: &mut Tx, exemplar_id: &str) -> Result<Vec<AdoptionRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, AdoptionRow>(
        "SELECT a.id, a.exemplar_id, a.unit_id, u.name AS unit_name, a.adopted_on, a.result, \
         a.created_at FROM exemplar_adoptions a JOIN units u ON u.id = a.unit_id \
         WHERE a.exemplar_id = $1 ORDER BY a.adopted_on, u.name"
    )
    .bind(exemplar_id)
    .fetch_all(c)
    .await)?)
}

/// One step of the fostering plan.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct FosteringRow {
    pub id: String,
    pub exemplar_id: String,
    pub goal: String,
    pub supporter: String,
    pub due_on: String,
    pub note: Option<String>,
    pub done_on: Option<String>,
    pub created_at: String,
}

pub async fn insert_fostering(
    tx: &mut Tx,
    org_id: &str,
    f: &FosteringRow,
    created_by: Option<String>,
) -> Result<()> {
    insert_row!(tx, "exemplar_fostering", {
        id: &f.id,
        org_id: org_id,
        exemplar_id: &f.exemplar_id,
        goal: &f.goal,
        supporter: &f.supporter,
        due_on: &f.due_on,
        note: &f.note,
        done_on: &f.done_on,
        created_by: &created_by,
        created_at: &f.created_at,
    })?;
    Ok(())
}

pub async fn fostering(tx: &mut Tx, exemplar_id: &str) -> Result<Vec<FosteringRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, FosteringRow>(
        "SELECT id, exemplar_id, goal, supporter, due_on, note, done_on, created_at \
         FROM exemplar_fostering WHERE exemplar_id = $1 ORDER BY due_on, created_at"
    )
    .bind(exemplar_id)
    .fetch_all(c)
    .await)?)
}

/// Marks a step reached on a date; `NotFound` when the step is not the exemplar's or already done.
pub async fn mark_fostering_done(
    tx: &mut Tx,
    exemplar_id: &str,
    id: &str,
    done_on: &str,
) -> Result<()> {
    let done = update_row!(tx, "exemplar_fostering", SET {
        done_on: done_on,
    } WHERE { exemplar_id: exemplar_id, id: id, "done_on IS NULL" })?;
    if done == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// A fresh id and timestamp for a part.
pub fn new_part_id() -> (String, String) {
    (ids::new_id(), ids::now())
}

/// An honour shown publicly beside an exemplar.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct PublicHonourRow {
    pub code: String,
    pub year: i64,
    pub decision_no: Option<String>,
    pub decision_date: Option<String>,
    pub issuer: Option<String>,
}

/// The honours a person or unit received that the public may see: not revoked, and not from a
/// confidential nomination (a ledger row typed from history has no nomination and is public).
pub async fn public_honours(
    tx: &mut Tx,
    subject_type: &str,
    subject_id: &str,
) -> Result<Vec<PublicHonourRow>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, PublicHonourRow>(
        "SELECT a.code, a.year, a.decision_no, a.decision_date, a.issuer FROM ledger_awards a \
         WHERE a.subject_type = $1 AND a.subject_id = $2 AND a.revoked = FALSE \
         AND NOT EXISTS (SELECT 1 FROM decision_lines l JOIN nominations n ON n.id = l.nomination_id \
                         WHERE l.award_id = a.id AND (n.confidential = TRUE OR l.revoked_at IS NOT NULL)) \
         ORDER BY a.year DESC, a.code"
    )
    .bind(subject_type)
    .bind(subject_id)
    .fetch_all(c)
    .await
    })?)
}

/// A text that changes whenever what the public site lists could change: the latest change of an
/// exemplar, of a campaign, of a decision and of a revocation (each answered by an index).
pub async fn public_stamp(tx: &mut Tx) -> Result<String> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar::<_, String>(
        "SELECT COALESCE((SELECT MAX(updated_at) FROM exemplars), '') || '|' || \
         COALESCE((SELECT MAX(updated_at) FROM campaigns), '') || '|' || \
         COALESCE((SELECT MAX(created_at) FROM decisions), '') || '|' || \
         COALESCE((SELECT MAX(revoked_at) FROM decision_lines), '')"
    )
    .fetch_one(c)
    .await)?)
}
