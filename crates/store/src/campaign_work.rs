//! The units' work on a launched campaign (steps 3–5 of the process): registrations and pacts with
//! their own targets, progress reports on targets, what was sent for each deadline, attached files.

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
    let sql = concat!(
        "INSERT INTO registrations (",
        registration_columns!(),
        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
    );
    exec!(
        tx,
        sqlx::query(sql)
            .bind(&r.id)
            .bind(&r.org_id)
            .bind(&r.campaign_id)
            .bind(&r.unit_id)
            .bind(&r.titles)
            .bind(&r.note)
            .bind(&r.registered_at)
            .bind(&r.registered_by)
            .bind(r.version)
            .bind(&r.created_at)
            .bind(&r.updated_at)
    )?;
    set_commitments(tx, "registration", &r.id, targets).await
}

pub async fn update_registration(
    tx: &mut Tx,
    r: &RegistrationRow,
    targets: &[CommitmentRow],
) -> Result<RegistrationRow> {
    let done = exec!(tx, sqlx::query(
        "UPDATE registrations SET titles = $1, note = $2, registered_at = $3, registered_by = $4, version = version + 1, updated_at = $5 WHERE id = $6 AND version = $7"
    )
    .bind(&r.titles)
    .bind(&r.note)
    .bind(&r.registered_at)
    .bind(&r.registered_by)
    .bind(ids::now())
    .bind(&r.id)
    .bind(r.version))?;
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
        exec!(tx, sqlx::query("INSERT INTO commitment_targets (id, owner_type, owner_id, position, target_id, text, comparator, threshold, measure) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(ids::new_id())
            .bind(owner_type)
            .bind(owner_id)
            .bind(i as i64)
            .bind(&t.target_id)
            .bind(&t.text)
            .bind(&t.comparator)
            .bind(t.threshold)
            .bind(&t.measure))?;
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
            let sql = concat!(
                "INSERT INTO pacts (",
                pact_columns!(),
                ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
            );
            exec!(
                tx,
                sqlx::query(sql)
                    .bind(&r.id)
                    .bind(&r.org_id)
                    .bind(&r.campaign_id)
                    .bind(&r.cluster_id)
                    .bind(&r.signed_on)
                    .bind(&r.content)
                    .bind(&r.signed_by)
                    .bind(r.version)
                    .bind(&r.created_at)
                    .bind(&r.updated_at)
            )?;
        }
        Some(v) => {
            let done = exec!(tx, sqlx::query("UPDATE pacts SET signed_on = $1, content = $2, signed_by = $3, version = version + 1, updated_at = $4 WHERE id = $5 AND version = $6")
                .bind(&r.signed_on)
                .bind(&r.content)
                .bind(&r.signed_by)
                .bind(ids::now())
                .bind(&r.id)
                .bind(v))?;
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
        exec!(
            tx,
            sqlx::query("INSERT INTO pact_members (pact_id, unit_id) VALUES ($1, $2)")
                .bind(&r.id)
                .bind(m)
        )?;
    }
    set_commitments(tx, "pact", &r.id, targets).await?;
    pact(tx, &r.campaign_id, &r.cluster_id)
        .await?
        .ok_or(StoreError::NotFound)
}

// ---- progress ----

pub async fn insert_progress(tx: &mut Tx, r: &ProgressRow) -> Result<()> {
    let sql = concat!(
        "INSERT INTO progress_reports (",
        progress_columns!(),
        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    );
    exec!(
        tx,
        sqlx::query(sql)
            .bind(&r.id)
            .bind(&r.org_id)
            .bind(&r.campaign_id)
            .bind(&r.target_id)
            .bind(&r.unit_id)
            .bind(r.value)
            .bind(&r.reported_on)
            .bind(&r.comment)
            .bind(&r.created_by)
            .bind(&r.created_at)
    )?;
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
    let sql = concat!(
        "INSERT INTO submissions (",
        submission_columns!(),
        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
    );
    exec!(
        tx,
        sqlx::query(sql)
            .bind(&r.id)
            .bind(&r.org_id)
            .bind(&r.campaign_id)
            .bind(&r.deadline_id)
            .bind(&r.due_on)
            .bind(&r.unit_id)
            .bind(&r.sent_on)
            .bind(&r.document_number)
            .bind(&r.note)
            .bind(&r.created_by)
            .bind(&r.created_at)
    )?;
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
    let sql = concat!(
        "INSERT INTO attachments (",
        attachment_columns!(),
        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    );
    exec!(
        tx,
        sqlx::query(sql)
            .bind(&r.id)
            .bind(&r.org_id)
            .bind(&r.owner_type)
            .bind(&r.owner_id)
            .bind(&r.unit_id)
            .bind(&r.file_name)
            .bind(&r.content_type)
            .bind(r.size_bytes)
            .bind(&r.sha256)
            .bind(&r.created_at)
    )?;
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
