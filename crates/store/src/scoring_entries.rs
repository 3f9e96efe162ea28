//! What units and assessors recorded on a scale: the current assessments, every change with its
//! reason, evidence files, appeals and tie-break votes.

use crate::sql::{insert_row, update_row};
use crate::{Result, StoreError, Tx, on_tx};
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct EntryRow {
    pub scale_id: String,
    pub unit_id: String,
    pub criterion_id: String,
    pub precondition_met: bool,
    pub amount: f64,
    pub target: Option<f64>,
    /// The unit's own assessment (empty when only a reviewer or an appeal scored the criterion).
    pub self_precondition_met: Option<bool>,
    pub self_amount: Option<f64>,
    pub self_target: Option<f64>,
    pub comment: String,
    pub stage: String,
    pub updated_by_name: String,
    pub version: i64,
    pub updated_at: String,
}

/// The part of an entry the ranking needs (a province's scale has hundreds of thousands).
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct Answered {
    pub unit_id: String,
    pub criterion_id: String,
    pub precondition_met: bool,
    pub amount: f64,
    pub target: Option<f64>,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct ChangeRow {
    pub id: String,
    pub scale_id: String,
    pub unit_id: String,
    pub criterion_id: String,
    pub stage: String,
    pub before_points: Option<f64>,
    pub after_points: f64,
    pub before_json: Option<String>,
    pub after_json: String,
    pub reason: String,
    pub by_user: Option<String>,
    pub by_name: String,
    pub at: String,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct EvidenceRow {
    pub id: String,
    pub org_id: String,
    pub scale_id: String,
    pub unit_id: String,
    pub criterion_id: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub created_at: String,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct AppealRow {
    pub id: String,
    pub org_id: String,
    pub scale_id: String,
    pub unit_id: String,
    pub criterion_id: String,
    pub text: String,
    pub status: String,
    pub filed_by_name: String,
    pub filed_at: String,
    pub decision: Option<String>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<String>,
    pub version: i64,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct TieVoteRow {
    pub scale_id: String,
    pub unit_id: String,
    pub votes: i64,
    pub recorded_by_name: String,
    pub recorded_at: String,
}

/// Every answer of a scale, for totals and the ranking.
pub async fn answered(tx: &mut Tx, scale_id: &str) -> Result<Vec<Answered>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, Answered>(
        "SELECT unit_id, criterion_id, precondition_met, amount, target FROM scoring_entries \
         WHERE scale_id = $1"
    )
    .bind(scale_id)
    .fetch_all(c)
    .await)?)
}

/// Every entry of a scale (the export).
pub async fn of_scale(tx: &mut Tx, scale_id: &str) -> Result<Vec<EntryRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, EntryRow>(
        "SELECT * FROM scoring_entries WHERE scale_id = $1 ORDER BY unit_id, criterion_id"
    )
    .bind(scale_id)
    .fetch_all(c)
    .await)?)
}

/// A unit's entries on a scale.
pub async fn of_unit(tx: &mut Tx, scale_id: &str, unit_id: &str) -> Result<Vec<EntryRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, EntryRow>(
        "SELECT * FROM scoring_entries WHERE scale_id = $1 AND unit_id = $2"
    )
    .bind(scale_id)
    .bind(unit_id)
    .fetch_all(c)
    .await)?)
}

pub async fn get(
    tx: &mut Tx,
    scale_id: &str,
    unit_id: &str,
    criterion_id: &str,
) -> Result<Option<EntryRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, EntryRow>(
        "SELECT * FROM scoring_entries WHERE scale_id = $1 AND unit_id = $2 AND criterion_id = $3"
    )
    .bind(scale_id)
    .bind(unit_id)
    .bind(criterion_id)
    .fetch_optional(c)
    .await)?)
}

/// Writes a first score; when another writer scored the criterion meanwhile, a conflict (the
/// second of two first saves must not pass as a duplicate value).
pub async fn insert(tx: &mut Tx, e: &EntryRow) -> Result<()> {
    let done = insert_row!(tx, "scoring_entries", {
        scale_id: &e.scale_id,
        unit_id: &e.unit_id,
        criterion_id: &e.criterion_id,
        precondition_met: e.precondition_met,
        amount: e.amount,
        target: e.target,
        self_precondition_met: e.self_precondition_met,
        self_amount: e.self_amount,
        self_target: e.self_target,
        comment: &e.comment,
        stage: &e.stage,
        updated_by_name: &e.updated_by_name,
        version: 1_i64,
        updated_at: &e.updated_at,
    }, "ON CONFLICT (scale_id, unit_id, criterion_id) DO NOTHING")?;
    if done == 0 {
        return Err(StoreError::Conflict);
    }
    Ok(())
}

/// Saves an entry if its version still matches what the writer read (two assessors at once: the
/// second gets a conflict, not a lost update).
pub async fn update(tx: &mut Tx, e: &EntryRow) -> Result<()> {
    let done = update_row!(tx, "scoring_entries", SET {
        precondition_met: e.precondition_met,
        amount: e.amount,
        target: e.target,
        self_precondition_met: e.self_precondition_met,
        self_amount: e.self_amount,
        self_target: e.self_target,
        comment: &e.comment,
        stage: &e.stage,
        updated_by_name: &e.updated_by_name,
        "version = version + 1",
        updated_at: &e.updated_at,
    } WHERE {
        scale_id: &e.scale_id,
        unit_id: &e.unit_id,
        criterion_id: &e.criterion_id,
        version: e.version,
    })?;
    if done == 0 {
        return Err(StoreError::Conflict);
    }
    Ok(())
}

pub async fn insert_change(tx: &mut Tx, c: &ChangeRow) -> Result<()> {
    insert_row!(tx, "scoring_changes", {
        id: &c.id,
        scale_id: &c.scale_id,
        unit_id: &c.unit_id,
        criterion_id: &c.criterion_id,
        stage: &c.stage,
        before_points: c.before_points,
        after_points: c.after_points,
        before_json: &c.before_json,
        after_json: &c.after_json,
        reason: &c.reason,
        by_user: &c.by_user,
        by_name: &c.by_name,
        at: &c.at,
    })?;
    Ok(())
}

/// A unit's changes on a scale, oldest first.
pub async fn changes_of_unit(tx: &mut Tx, scale_id: &str, unit_id: &str) -> Result<Vec<ChangeRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, ChangeRow>(
        "SELECT * FROM scoring_changes WHERE scale_id = $1 AND unit_id = $2 ORDER BY at, id"
    )
    .bind(scale_id)
    .bind(unit_id)
    .fetch_all(c)
    .await)?)
}

/// Every change on a scale (the export), oldest first.
pub async fn changes(tx: &mut Tx, scale_id: &str) -> Result<Vec<ChangeRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, ChangeRow>(
        "SELECT * FROM scoring_changes WHERE scale_id = $1 ORDER BY at, id"
    )
    .bind(scale_id)
    .fetch_all(c)
    .await)?)
}

pub async fn insert_evidence(tx: &mut Tx, r: &EvidenceRow) -> Result<()> {
    insert_row!(tx, "scoring_evidence", {
        id: &r.id,
        org_id: &r.org_id,
        scale_id: &r.scale_id,
        unit_id: &r.unit_id,
        criterion_id: &r.criterion_id,
        file_name: &r.file_name,
        content_type: &r.content_type,
        size_bytes: r.size_bytes,
        sha256: &r.sha256,
        created_at: &r.created_at,
    })?;
    Ok(())
}

pub async fn evidence_of_unit(
    tx: &mut Tx,
    scale_id: &str,
    unit_id: &str,
) -> Result<Vec<EvidenceRow>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, EvidenceRow>(
        "SELECT * FROM scoring_evidence WHERE scale_id = $1 AND unit_id = $2 ORDER BY created_at, id"
    )
    .bind(scale_id)
    .bind(unit_id)
    .fetch_all(c)
    .await
    })?)
}

pub async fn evidence(tx: &mut Tx, org_id: &str, id: &str) -> Result<EvidenceRow> {
    on_tx!(tx, |c| sqlx::query_as::<_, EvidenceRow>(
        "SELECT * FROM scoring_evidence WHERE org_id = $1 AND id = $2"
    )
    .bind(org_id)
    .bind(id)
    .fetch_optional(c)
    .await)?
    .ok_or(StoreError::NotFound)
}

pub async fn insert_appeal(tx: &mut Tx, a: &AppealRow) -> Result<()> {
    insert_row!(tx, "scoring_appeals", {
        id: &a.id,
        org_id: &a.org_id,
        scale_id: &a.scale_id,
        unit_id: &a.unit_id,
        criterion_id: &a.criterion_id,
        text: &a.text,
        status: &a.status,
        filed_by_name: &a.filed_by_name,
        filed_at: &a.filed_at,
        version: 1_i64,
    })?;
    Ok(())
}

pub async fn appeals(tx: &mut Tx, scale_id: &str) -> Result<Vec<AppealRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, AppealRow>(
        "SELECT * FROM scoring_appeals WHERE scale_id = $1 ORDER BY filed_at, id"
    )
    .bind(scale_id)
    .fetch_all(c)
    .await)?)
}

pub async fn appeal(tx: &mut Tx, org_id: &str, id: &str) -> Result<AppealRow> {
    on_tx!(tx, |c| sqlx::query_as::<_, AppealRow>(
        "SELECT * FROM scoring_appeals WHERE org_id = $1 AND id = $2"
    )
    .bind(org_id)
    .bind(id)
    .fetch_optional(c)
    .await)?
    .ok_or(StoreError::NotFound)
}

/// Records the decision on an open appeal; a conflict when it was decided or changed meanwhile.
pub async fn decide_appeal(tx: &mut Tx, a: &AppealRow) -> Result<()> {
    let done = update_row!(tx, "scoring_appeals", SET {
        status: &a.status,
        decision: &a.decision,
        decided_by_name: &a.decided_by_name,
        decided_at: &a.decided_at,
        "version = version + 1",
    } WHERE {
        id: &a.id,
        version: a.version,
        "status = 'open'",
    })?;
    if done == 0 {
        return Err(StoreError::Conflict);
    }
    Ok(())
}

pub async fn tie_votes(tx: &mut Tx, scale_id: &str) -> Result<Vec<TieVoteRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, TieVoteRow>(
        "SELECT * FROM scoring_tie_votes WHERE scale_id = $1"
    )
    .bind(scale_id)
    .fetch_all(c)
    .await)?)
}

/// Records the votes of a tie-break (replacing an earlier count for the unit).
pub async fn put_tie_vote(tx: &mut Tx, v: &TieVoteRow) -> Result<()> {
    crate::exec!(
        tx,
        sqlx::query("DELETE FROM scoring_tie_votes WHERE scale_id = $1 AND unit_id = $2")
            .bind(&v.scale_id)
            .bind(&v.unit_id)
    )?;
    insert_row!(tx, "scoring_tie_votes", {
        scale_id: &v.scale_id,
        unit_id: &v.unit_id,
        votes: v.votes,
        recorded_by_name: &v.recorded_by_name,
        recorded_at: &v.recorded_at,
    })?;
    Ok(())
}

/// A unit's points under a scale, as last computed from its entries.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct TotalRow {
    pub scale_id: String,
    pub unit_id: String,
    pub total: f64,
    pub groups_json: String,
    pub ties_json: String,
    pub answered: i64,
}

/// Every unit's kept points under a scale.
pub async fn totals(tx: &mut Tx, scale_id: &str) -> Result<Vec<TotalRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, TotalRow>(
        "SELECT * FROM scoring_totals WHERE scale_id = $1"
    )
    .bind(scale_id)
    .fetch_all(c)
    .await)?)
}

/// Holds a unit's scores until the transaction ends, so that two writers of the same unit's scores
/// compute its kept points one after the other (each from the other's committed answers): the unit's
/// row is locked ([`lock_row`](crate::sql::lock_row)).
pub async fn lock_unit(tx: &mut Tx, unit_id: &str) -> Result<()> {
    crate::sql::lock_row(tx, "units", unit_id).await
}

/// Keeps a unit's points (replacing what was kept).
pub async fn put_total(tx: &mut Tx, t: &TotalRow) -> Result<()> {
    insert_row!(tx, "scoring_totals", {
        scale_id: &t.scale_id,
        unit_id: &t.unit_id,
        total: t.total,
        groups_json: &t.groups_json,
        ties_json: &t.ties_json,
        answered: t.answered,
    }, "ON CONFLICT (scale_id, unit_id) DO UPDATE SET total = excluded.total, \
        groups_json = excluded.groups_json, ties_json = excluded.ties_json, answered = excluded.answered")?;
    Ok(())
}
