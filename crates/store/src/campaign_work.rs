//! The units' work on a launched campaign (steps 3–5 of the process): registrations and pacts with
//! their own targets, progress reports on targets, what was sent for each deadline, attached files.

use crate::sql::{insert_row, update_row};
use crate::{Result, StoreError, Tx, exec, ids, on_tx};
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct RegistrationRow {
    pub id: String,
    pub org_id: String,
    pub campaign_id: String,
    pub unit_id: String,
    /// Catalog codes of the titles aimed for, separated by `;`.
    pub titles: String,
    pub note: Option<String>,
    pub registered_at: String,
    pub registered_by: Option<String>,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

macro_rules! registration_columns {
    () => {
        "id, org_id, campaign_id, unit_id, titles, note, registered_at, registered_by, version, created_at, updated_at"
    };
}

impl RegistrationRow {
    pub fn title_codes(&self) -> Vec<String> {
        self.titles
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }
}

/// A registration's or pact's own target.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct CommitmentRow {
    pub target_id: Option<String>,
    pub text: String,
    pub comparator: String,
    pub threshold: f64,
    pub measure: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct PactRow {
    pub id: String,
    pub org_id: String,
    pub campaign_id: String,
    pub cluster_id: String,
    pub signed_on: String,
    pub content: Option<String>,
    pub signed_by: Option<String>,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

macro_rules! pact_columns {
    () => {
        "id, org_id, campaign_id, cluster_id, signed_on, content, signed_by, version, created_at, updated_at"
    };
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct ProgressRow {
    pub id: String,
    pub org_id: String,
    pub campaign_id: String,
    pub target_id: String,
    /// `None` for a whole-body target.
    pub unit_id: Option<String>,
    pub value: f64,
    pub reported_on: String,
    pub comment: Option<String>,
    pub created_by: Option<String>,
    pub created_at: String,
}

macro_rules! progress_columns {
    () => {
        "id, org_id, campaign_id, target_id, unit_id, value, reported_on, comment, created_by, created_at"
    };
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct SubmissionRow {
    pub id: String,
    pub org_id: String,
    pub campaign_id: String,
    pub deadline_id: String,
    pub due_on: String,
    pub unit_id: String,
    pub sent_on: String,
    pub document_number: Option<String>,
    pub note: Option<String>,
    pub created_by: Option<String>,
    pub created_at: String,
}

macro_rules! submission_columns {
    () => {
        "id, org_id, campaign_id, deadline_id, due_on, unit_id, sent_on, document_number, note, created_by, created_at"
    };
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct AttachmentRow {
    pub id: String,
    pub org_id: String,
    /// `progress_report` or `submission`.
    pub owner_type: String,
    pub owner_id: String,
    /// The unit the file belongs to (decides who may download it); `None` for whole-body reports.
    pub unit_id: Option<String>,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub created_at: String,
}

macro_rules! attachment_columns {
    () => {
        "id, org_id, owner_type, owner_id, unit_id, file_name, content_type, size_bytes, sha256, created_at"
    };
}

// ---- registrations ----

pub async fn registrations(tx: &mut Tx, campaign_id: &str) -> Result<Vec<RegistrationRow>> {
    let sql = concat!(
        "SELECT ",
        registration_columns!(),
        " FROM registrations WHERE campaign_id = $1 ORDER BY registered_at"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, RegistrationRow>(sql)
        .bind(campaign_id)
        .fetch_all(c)
        .await)?)
}

pub async fn registration(
    tx: &mut Tx,
    campaign_id: &str,
    unit_id: &str,
) -> Result<Option<RegistrationRow>> {
    let sql = concat!(
        "SELECT ",
        registration_columns!(),
        " FROM registrations WHERE campaign_id = $1 AND unit_id = $2"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, RegistrationRow>(sql)
        .bind(campaign_id)
        .bind(unit_id)
        .fetch_optional(c)
        .await)?)
}

pub async fn insert_registration(
    tx: &mut Tx,
    r: &RegistrationRow,
    targets: &[CommitmentRow],
) -> Result<()> {
    insert_row!(tx, "registrations", {
        id: &r.id,
        org_id: &r.org_id,
        campaign_id: &r.campaign_id,
        unit_id: &r.unit_id,
        titles: &r.titles,
        note: &r.note,
        registered_at: &r.registered_at,
        registered_by: &r.registered_by,
        version: r.version,
        created_at: &r.created_at,
        updated_at: &r.updated_at,
    })?;
    set_commitments(tx, "registration", &r.id, targets).await
}

pub async fn update_registration(
    tx: &mut Tx,
    r: &RegistrationRow,
    targets: &[CommitmentRow],
) -> Result<RegistrationRow> {
    let done = update_row!(tx, "registrations", SET {
        titles: &r.titles,
        note: &r.note,
        registered_at: &r.registered_at,
        registered_by: &r.registered_by,
        "version = version + 1",
        updated_at: ids::now(),
    } WHERE {
        id: &r.id,
        version: r.version,
    })?;
    if done == 0 {
        return Err(StoreError::Conflict);
    }
    set_commitments(tx, "registration", &r.id, targets).await?;
    registration(tx, &r.campaign_id, &r.unit_id)
        .await?
        .ok_or(StoreError::NotFound)
}

pub async fn commitments(
    tx: &mut Tx,
    owner_type: &str,
    owner_id: &str,
) -> Result<Vec<CommitmentRow>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, CommitmentRow>("SELECT target_id, text, comparator, threshold, measure FROM commitment_targets WHERE owner_type = $1 AND owner_id = $2 ORDER BY position")
        .bind(owner_type)
        .bind(owner_id)
        .fetch_all(c)
        .await
    })?)
}

async fn set_commitments(
    tx: &mut Tx,
    owner_type: &str,
    owner_id: &str,
    targets: &[CommitmentRow],
) -> Result<()> {
    exec!(
        tx,
        sqlx::query("DELETE FROM commitment_targets WHERE owner_type = $1 AND owner_id = $2")
            .bind(owner_type)
            .bind(owner_id)
    )?;
    for (i, t) in targets.iter().enumerate() {
        insert_row!(tx, "commitment_targets", {
            id: ids::new_id(),
            owner_type: owner_type,
            owner_id: owner_id,
            position: i as i64,
            target_id: &t.target_id,
            text: &t.text,
            comparator: &t.comparator,
            threshold: t.threshold,
            measure: &t.measure,
        })?;
    }
    Ok(())
}

// ---- pacts ----

pub async fn pacts(tx: &mut Tx, campaign_id: &str) -> Result<Vec<PactRow>> {
    let sql = concat!(
        "SELECT ",
        pact_columns!(),
        " FROM pacts WHERE campaign_id = $1 ORDER BY signed_on"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, PactRow>(sql)
        .bind(campaign_id)
        .fetch_all(c)
        .await)?)
}

pub async fn pact(tx: &mut Tx, campaign_id: &str, cluster_id: &str) -> Result<Option<PactRow>> {
    let sql = concat!(
        "SELECT ",
        pact_columns!(),
        " FROM pacts WHERE campaign_id = $1 AND cluster_id = $2"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, PactRow>(sql)
        .bind(campaign_id)
        .bind(cluster_id)
        .fetch_optional(c)
        .await)?)
}

/// The members of a pact at signing: (unit id, unit name).
pub async fn pact_members(tx: &mut Tx, pact_id: &str) -> Result<Vec<(String, String)>> {
    let mut rows = on_tx!(tx, |c| {
        sqlx::query_as::<_, (String, String)>("SELECT m.unit_id, u.name FROM pact_members m JOIN units u ON u.id = m.unit_id WHERE m.pact_id = $1")
        .bind(pact_id)
        .fetch_all(c)
        .await
    })?;
    rows.sort_by_cached_key(|r| thidua_domain::text::fold(&r.1));
    Ok(rows)
}

/// Saves a pact (new when `existing_version` is `None`) with its members and targets.
pub async fn save_pact(
    tx: &mut Tx,
    r: &PactRow,
    existing_version: Option<i64>,
    members: &[String],
    targets: &[CommitmentRow],
) -> Result<PactRow> {
    match existing_version {
        None => {
            insert_row!(tx, "pacts", {
                id: &r.id,
                org_id: &r.org_id,
                campaign_id: &r.campaign_id,
                cluster_id: &r.cluster_id,
                signed_on: &r.signed_on,
                content: &r.content,
                signed_by: &r.signed_by,
                version: r.version,
                created_at: &r.created_at,
                updated_at: &r.updated_at,
            })?;
        }
        Some(v) => {
            let done = update_row!(tx, "pacts", SET {
                signed_on: &r.signed_on,
                content: &r.content,
                signed_by: &r.signed_by,
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
        sqlx::query("DELETE FROM pact_members WHERE pact_id = $1").bind(&r.id)
    )?;
    for m in members {
        insert_row!(tx, "pact_members", {
            pact_id: &r.id,
            unit_id: m,
        })?;
    }
    set_commitments(tx, "pact", &r.id, targets).await?;
    pact(tx, &r.campaign_id, &r.cluster_id)
        .await?
        .ok_or(StoreError::NotFound)
}

// ---- progress ----

pub async fn insert_progress(tx: &mut Tx, r: &ProgressRow) -> Result<()> {
    insert_row!(tx, "progress_reports", {
        id: &r.id,
        org_id: &r.org_id,
        campaign_id: &r.campaign_id,
        target_id: &r.target_id,
        unit_id: &r.unit_id,
        value: r.value,
        reported_on: &r.reported_on,
        comment: &r.comment,
        created_by: &r.created_by,
        created_at: &r.created_at,
    })?;
    Ok(())
}

/// Every report of a campaign, oldest first (by data date, then by entry time), so the last one of a
/// (target, unit) pair is its current value.
pub async fn progress(tx: &mut Tx, campaign_id: &str) -> Result<Vec<ProgressRow>> {
    let sql = concat!(
        "SELECT ",
        progress_columns!(),
        " FROM progress_reports WHERE campaign_id = $1 ORDER BY reported_on, created_at"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, ProgressRow>(sql)
        .bind(campaign_id)
        .fetch_all(c)
        .await)?)
}

pub async fn progress_report(tx: &mut Tx, org_id: &str, id: &str) -> Result<ProgressRow> {
    let sql = concat!(
        "SELECT ",
        progress_columns!(),
        " FROM progress_reports WHERE org_id = $1 AND id = $2"
    );
    on_tx!(tx, |c| sqlx::query_as::<_, ProgressRow>(sql)
        .bind(org_id)
        .bind(id)
        .fetch_optional(c)
        .await)?
    .ok_or(StoreError::NotFound)
}

// ---- submissions ----

pub async fn insert_submission(tx: &mut Tx, r: &SubmissionRow) -> Result<()> {
    insert_row!(tx, "submissions", {
        id: &r.id,
        org_id: &r.org_id,
        campaign_id: &r.campaign_id,
        deadline_id: &r.deadline_id,
        due_on: &r.due_on,
        unit_id: &r.unit_id,
        sent_on: &r.sent_on,
        document_number: &r.document_number,
        note: &r.note,
        created_by: &r.created_by,
        created_at: &r.created_at,
    })?;
    Ok(())
}

/// Every submission of a campaign, oldest first.
pub async fn submissions(tx: &mut Tx, campaign_id: &str) -> Result<Vec<SubmissionRow>> {
    let sql = concat!(
        "SELECT ",
        submission_columns!(),
        " FROM submissions WHERE campaign_id = $1 ORDER BY sent_on, created_at"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, SubmissionRow>(sql)
        .bind(campaign_id)
        .fetch_all(c)
        .await)?)
}

/// What one unit sent for a campaign (a unit officer's to-do list reads only its own units').
pub async fn submissions_of_unit(
    tx: &mut Tx,
    campaign_id: &str,
    unit_id: &str,
) -> Result<Vec<SubmissionRow>> {
    let sql = concat!(
        "SELECT ",
        submission_columns!(),
        " FROM submissions WHERE unit_id = $1 AND campaign_id = $2 ORDER BY sent_on, created_at"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, SubmissionRow>(sql)
        .bind(unit_id)
        .bind(campaign_id)
        .fetch_all(c)
        .await)?)
}

pub async fn submission(tx: &mut Tx, org_id: &str, id: &str) -> Result<SubmissionRow> {
    let sql = concat!(
        "SELECT ",
        submission_columns!(),
        " FROM submissions WHERE org_id = $1 AND id = $2"
    );
    on_tx!(tx, |c| sqlx::query_as::<_, SubmissionRow>(sql)
        .bind(org_id)
        .bind(id)
        .fetch_optional(c)
        .await)?
    .ok_or(StoreError::NotFound)
}

// ---- attachments ----

pub async fn insert_attachment(tx: &mut Tx, r: &AttachmentRow) -> Result<()> {
    insert_row!(tx, "attachments", {
        id: &r.id,
        org_id: &r.org_id,
        owner_type: &r.owner_type,
        owner_id: &r.owner_id,
        unit_id: &r.unit_id,
        file_name: &r.file_name,
        content_type: &r.content_type,
        size_bytes: r.size_bytes,
        sha256: &r.sha256,
        created_at: &r.created_at,
    })?;
    Ok(())
}

pub async fn attachments(
    tx: &mut Tx,
    owner_type: &str,
    owner_id: &str,
) -> Result<Vec<AttachmentRow>> {
    let sql = concat!(
        "SELECT ",
        attachment_columns!(),
        " FROM attachments WHERE owner_type = $1 AND owner_id = $2 ORDER BY created_at"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, AttachmentRow>(sql)
        .bind(owner_type)
        .bind(owner_id)
        .fetch_all(c)
        .await)?)
}

pub async fn attachment(tx: &mut Tx, org_id: &str, id: &str) -> Result<AttachmentRow> {
    let sql = concat!(
        "SELECT ",
        attachment_columns!(),
        " FROM attachments WHERE org_id = $1 AND id = $2"
    );
    on_tx!(tx, |c| sqlx::query_as::<_, AttachmentRow>(sql)
        .bind(org_id)
        .bind(id)
        .fetch_optional(c)
        .await)?
    .ok_or(StoreError::NotFound)
}
