//! The mid-year reviews of a cluster's pact: the record, each member's assessment and the values
//! measured on the review date.

use crate::error::StoreError;
use crate::sql::{insert_row, update_row};
use crate::{Result, Tx, exec, ids, on_tx};
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct PactReviewRow {
    pub id: String,
    pub org_id: String,
    pub pact_id: String,
    pub reviewed_on: String,
    pub summary: Option<String>,
    pub recorded_by_name: String,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct ReviewMemberRow {
    pub unit_id: String,
    pub assessment: String,
    pub comment: Option<String>,
}

/// A member's value on one measured clause on the review date.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct ReviewValueRow {
    pub unit_id: String,
    pub position: i64,
    pub text: String,
    pub comparator: String,
    pub threshold: f64,
    pub measure: Option<String>,
    pub value: Option<f64>,
}

/// The reviews of a pact, newest first.
pub async fn of_pact(tx: &mut Tx, pact_id: &str) -> Result<Vec<PactReviewRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, PactReviewRow>(
        "SELECT * FROM pact_reviews WHERE pact_id = $1 ORDER BY reviewed_on DESC"
    )
    .bind(pact_id)
    .fetch_all(c)
    .await)?)
}

/// The review of a pact held on a date (ISO), if recorded.
pub async fn on_date(
    tx: &mut Tx,
    pact_id: &str,
    reviewed_on: &str,
) -> Result<Option<PactReviewRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, PactReviewRow>(
        "SELECT * FROM pact_reviews WHERE pact_id = $1 AND reviewed_on = $2"
    )
    .bind(pact_id)
    .bind(reviewed_on)
    .fetch_optional(c)
    .await)?)
}

pub async fn members(tx: &mut Tx, review_id: &str) -> Result<Vec<ReviewMemberRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, ReviewMemberRow>(
        "SELECT unit_id, assessment, comment FROM pact_review_members WHERE review_id = $1"
    )
    .bind(review_id)
    .fetch_all(c)
    .await)?)
}

pub async fn values(tx: &mut Tx, review_id: &str) -> Result<Vec<ReviewValueRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, ReviewValueRow>(
        "SELECT unit_id, position, text, comparator, threshold, measure, value \
         FROM pact_review_values WHERE review_id = $1 ORDER BY unit_id, position"
    )
    .bind(review_id)
    .fetch_all(c)
    .await)?)
}

/// Saves a review (new when `existing_version` is `None`, else amends it if still at that version)
/// with its members' assessments and values, replacing those of an amended one.
pub async fn save(
    tx: &mut Tx,
    r: &PactReviewRow,
    existing_version: Option<i64>,
    members: &[ReviewMemberRow],
    values: &[ReviewValueRow],
) -> Result<()> {
    match existing_version {
        None => insert_row!(tx, "pact_reviews", {
            id: &r.id,
            org_id: &r.org_id,
            pact_id: &r.pact_id,
            reviewed_on: &r.reviewed_on,
            summary: &r.summary,
            recorded_by_name: &r.recorded_by_name,
            version: r.version,
            created_at: &r.created_at,
            updated_at: &r.updated_at,
        })
        .map(|_| ())?,
        Some(v) => {
            let done = update_row!(tx, "pact_reviews", SET {
                summary: &r.summary,
                recorded_by_name: &r.recorded_by_name,
                "version = version + 1",
                updated_at: ids::now(),
            } WHERE {
                id: &r.id,
                version: v,
            })?;
            if done == 0 {
                return Err(StoreError::Conflict);
            }
        }
    }
    exec!(
        tx,
        sqlx::query("DELETE FROM pact_review_members WHERE review_id = $1").bind(&r.id)
    )?;
    exec!(
        tx,
        sqlx::query("DELETE FROM pact_review_values WHERE review_id = $1").bind(&r.id)
    )?;
    for m in members {
        insert_row!(tx, "pact_review_members", {
            review_id: &r.id,
            unit_id: &m.unit_id,
            assessment: &m.assessment,
            comment: &m.comment,
        })?;
    }
    for x in values {
        insert_row!(tx, "pact_review_values", {
            review_id: &r.id,
            unit_id: &x.unit_id,
            position: x.position,
            text: &x.text,
            comparator: &x.comparator,
            threshold: x.threshold,
            measure: &x.measure,
            value: x.value,
        })?;
    }
    Ok(())
}
