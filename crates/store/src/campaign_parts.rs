//! The parts of a plan that units act on: themes (with lead and coordinating units), targets and
//! deadlines. Each row carries a version, so two officers editing one target are told, not overwritten.

use crate::sql::{insert_row, update_row};
use crate::{Result, StoreError, Tx, exec, ids, on_tx};
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct ThemeRow {
    pub id: String,
    pub org_id: String,
    pub campaign_id: String,
    pub position: i64,
    pub title: String,
    pub lead_unit_id: Option<String>,
    /// The lead as printed in the plan when it is not one of the organisation's units.
    pub lead_name: Option<String>,
    pub period_from: Option<String>,
    pub period_to: Option<String>,
    pub description: Option<String>,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

macro_rules! theme_columns {
    () => {
        "id, org_id, campaign_id, position, title, lead_unit_id, lead_name, period_from, period_to, description, version, created_at, updated_at"
    };
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct TargetRow {
    pub id: String,
    pub org_id: String,
    pub campaign_id: String,
    pub theme_id: Option<String>,
    pub position: i64,
    pub text: String,
    /// `>=`, `>`, `=`, `<=`.
    pub comparator: String,
    pub threshold: f64,
    /// Unit of measure as printed (`%`, `chỉ tiêu`, `hộ`).
    pub measure: Option<String>,
    /// `body` or `per_unit`.
    pub scope: String,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

macro_rules! target_columns {
    () => {
        "id, org_id, campaign_id, theme_id, position, text, comparator, threshold, measure, scope, version, created_at, updated_at"
    };
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct DeadlineRow {
    pub id: String,
    pub org_id: String,
    pub campaign_id: String,
    pub kind: String,
    pub what: String,
    pub opens_on: Option<String>,
    pub due_on: String,
    /// `once`, `monthly`, `quarterly`, `half_yearly`.
    pub recurrence: String,
    pub repeat_until: Option<String>,
    /// `all`, `unit_kind`, `unit`, `cluster_leaders`.
    pub addressees: String,
    pub unit_kind: Option<String>,
    pub unit_id: Option<String>,
    pub recipient: Option<String>,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

macro_rules! deadline_columns {
    () => {
        "id, org_id, campaign_id, kind, what, opens_on, due_on, recurrence, repeat_until, addressees, unit_kind, unit_id, recipient, version, created_at, updated_at"
    };
}

// ---- themes ----

pub async fn themes(tx: &mut Tx, campaign_id: &str) -> Result<Vec<ThemeRow>> {
    let sql = concat!(
        "SELECT ",
        theme_columns!(),
        " FROM campaign_themes WHERE campaign_id = $1 ORDER BY position"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, ThemeRow>(sql)
        .bind(campaign_id)
        .fetch_all(c)
        .await)?)
}

pub async fn theme(tx: &mut Tx, campaign_id: &str, id: &str) -> Result<ThemeRow> {
    let sql = concat!(
        "SELECT ",
        theme_columns!(),
        " FROM campaign_themes WHERE campaign_id = $1 AND id = $2"
    );
    on_tx!(tx, |c| sqlx::query_as::<_, ThemeRow>(sql)
        .bind(campaign_id)
        .bind(id)
        .fetch_optional(c)
        .await)?
    .ok_or(StoreError::NotFound)
}

/// Coordinating units of a theme: (unit id, unit name).
pub async fn coordinators(tx: &mut Tx, theme_id: &str) -> Result<Vec<(String, String)>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, (String, String)>("SELECT t.unit_id, u.name FROM theme_coordinators t JOIN units u ON u.id = t.unit_id WHERE t.theme_id = $1 ORDER BY u.name")
        .bind(theme_id)
        .fetch_all(c)
        .await
    })?)
}

async fn set_coordinators(tx: &mut Tx, theme_id: &str, unit_ids: &[String]) -> Result<()> {
    exec!(
        tx,
        sqlx::query("DELETE FROM theme_coordinators WHERE theme_id = $1").bind(theme_id)
    )?;
    for u in unit_ids {
        insert_row!(tx, "theme_coordinators", {
            theme_id: theme_id,
            unit_id: u,
        })?;
    }
    Ok(())
}

pub async fn insert_theme(tx: &mut Tx, r: &ThemeRow, coordinating: &[String]) -> Result<()> {
    insert_row!(tx, "campaign_themes", {
        id: &r.id,
        org_id: &r.org_id,
        campaign_id: &r.campaign_id,
        position: r.position,
        title: &r.title,
        lead_unit_id: &r.lead_unit_id,
        lead_name: &r.lead_name,
        period_from: &r.period_from,
        period_to: &r.period_to,
        description: &r.description,
        version: r.version,
        created_at: &r.created_at,
        updated_at: &r.updated_at,
    })?;
    set_coordinators(tx, &r.id, coordinating).await
}

pub async fn update_theme(tx: &mut Tx, r: &ThemeRow, coordinating: &[String]) -> Result<ThemeRow> {
    let done = update_row!(tx, "campaign_themes", SET {
        title: &r.title,
        lead_unit_id: &r.lead_unit_id,
        lead_name: &r.lead_name,
        period_from: &r.period_from,
        period_to: &r.period_to,
        description: &r.description,
        "version = version + 1",
        updated_at: ids::now(),
    } WHERE {
        id: &r.id,
        campaign_id: &r.campaign_id,
        version: r.version,
    })?;
    if done == 0 {
        return Err(StoreError::Conflict);
    }
    set_coordinators(tx, &r.id, coordinating).await?;
    theme(tx, &r.campaign_id, &r.id).await
}

/// Deletes a theme; its targets stay, without a theme.
pub async fn delete_theme(tx: &mut Tx, campaign_id: &str, id: &str, version: i64) -> Result<()> {
    update_row!(tx, "campaign_targets", SET {
        "theme_id = NULL",
    } WHERE {
        theme_id: id,
        campaign_id: campaign_id,
    })?;
    exec!(
        tx,
        sqlx::query("DELETE FROM theme_coordinators WHERE theme_id = $1").bind(id)
    )?;
    let n = exec!(
        tx,
        sqlx::query(
            "DELETE FROM campaign_themes WHERE id = $1 AND campaign_id = $2 AND version = $3"
        )
        .bind(id)
        .bind(campaign_id)
        .bind(version)
    )?;
    if n == 0 {
        Err(StoreError::Conflict)
    } else {
        Ok(())
    }
}

// ---- targets ----

pub async fn targets(tx: &mut Tx, campaign_id: &str) -> Result<Vec<TargetRow>> {
    let sql = concat!(
        "SELECT ",
        target_columns!(),
        " FROM campaign_targets WHERE campaign_id = $1 ORDER BY position"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, TargetRow>(sql)
        .bind(campaign_id)
        .fetch_all(c)
        .await)?)
}

pub async fn target(tx: &mut Tx, campaign_id: &str, id: &str) -> Result<TargetRow> {
    let sql = concat!(
        "SELECT ",
        target_columns!(),
        " FROM campaign_targets WHERE campaign_id = $1 AND id = $2"
    );
    on_tx!(tx, |c| sqlx::query_as::<_, TargetRow>(sql)
        .bind(campaign_id)
        .bind(id)
        .fetch_optional(c)
        .await)?
    .ok_or(StoreError::NotFound)
}

pub async fn insert_target(tx: &mut Tx, r: &TargetRow) -> Result<()> {
    insert_row!(tx, "campaign_targets", {
        id: &r.id,
        org_id: &r.org_id,
        campaign_id: &r.campaign_id,
        theme_id: &r.theme_id,
        position: r.position,
        text: &r.text,
        comparator: &r.comparator,
        threshold: r.threshold,
        measure: &r.measure,
        scope: &r.scope,
        version: r.version,
        created_at: &r.created_at,
        updated_at: &r.updated_at,
    })?;
    Ok(())
}

pub async fn update_target(tx: &mut Tx, r: &TargetRow) -> Result<TargetRow> {
    let done = update_row!(tx, "campaign_targets", SET {
        theme_id: &r.theme_id,
        text: &r.text,
        comparator: &r.comparator,
        threshold: r.threshold,
        measure: &r.measure,
        scope: &r.scope,
        "version = version + 1",
        updated_at: ids::now(),
    } WHERE {
        id: &r.id,
        campaign_id: &r.campaign_id,
        version: r.version,
    })?;
    if done == 0 {
        return Err(StoreError::Conflict);
    }
    target(tx, &r.campaign_id, &r.id).await
}

/// Number of progress reports on a target (a reported target is not deleted).
pub async fn target_reports(tx: &mut Tx, target_id: &str) -> Result<i64> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM progress_reports WHERE target_id = $1"
    )
    .bind(target_id)
    .fetch_one(c)
    .await)?)
}

pub async fn delete_target(tx: &mut Tx, campaign_id: &str, id: &str, version: i64) -> Result<()> {
    update_row!(tx, "commitment_targets", SET {
        "target_id = NULL",
    } WHERE {
        target_id: id,
    })?;
    let n = exec!(
        tx,
        sqlx::query(
            "DELETE FROM campaign_targets WHERE id = $1 AND campaign_id = $2 AND version = $3"
        )
        .bind(id)
        .bind(campaign_id)
        .bind(version)
    )?;
    if n == 0 {
        Err(StoreError::Conflict)
    } else {
        Ok(())
    }
}

// ---- deadlines ----

pub async fn deadlines(tx: &mut Tx, campaign_id: &str) -> Result<Vec<DeadlineRow>> {
    let sql = concat!(
        "SELECT ",
        deadline_columns!(),
        " FROM campaign_deadlines WHERE campaign_id = $1 ORDER BY due_on, created_at"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, DeadlineRow>(sql)
        .bind(campaign_id)
        .fetch_all(c)
        .await)?)
}

/// Deadlines of every launched or closed campaign of the organisation whose first due date is at most
/// `until` and whose last possible date is at least `from` (the calendar's window).
pub async fn org_deadlines(
    tx: &mut Tx,
    org_id: &str,
    from: &str,
    until: &str,
) -> Result<Vec<DeadlineRow>> {
    // `d.*`: a row of `campaign_deadlines`, read by column name.
    let sql = "SELECT d.* FROM campaign_deadlines d JOIN campaigns c ON c.id = d.campaign_id WHERE d.org_id = $1 AND c.status <> 'draft' \
         AND d.due_on <= $2 AND COALESCE(d.repeat_until, CASE WHEN d.recurrence = 'once' THEN d.due_on ELSE c.period_to END) >= $3 ORDER BY d.due_on";
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, DeadlineRow>(sql)
        .bind(org_id)
        .bind(until)
        .bind(from)
        .fetch_all(c)
        .await)?)
}

pub async fn deadline(tx: &mut Tx, campaign_id: &str, id: &str) -> Result<DeadlineRow> {
    let sql = concat!(
        "SELECT ",
        deadline_columns!(),
        " FROM campaign_deadlines WHERE campaign_id = $1 AND id = $2"
    );
    on_tx!(tx, |c| sqlx::query_as::<_, DeadlineRow>(sql)
        .bind(campaign_id)
        .bind(id)
        .fetch_optional(c)
        .await)?
    .ok_or(StoreError::NotFound)
}

pub async fn insert_deadline(tx: &mut Tx, r: &DeadlineRow) -> Result<()> {
    insert_row!(tx, "campaign_deadlines", {
        id: &r.id,
        org_id: &r.org_id,
        campaign_id: &r.campaign_id,
        kind: &r.kind,
        what: &r.what,
        opens_on: &r.opens_on,
        due_on: &r.due_on,
        recurrence: &r.recurrence,
        repeat_until: &r.repeat_until,
        addressees: &r.addressees,
        unit_kind: &r.unit_kind,
        unit_id: &r.unit_id,
        recipient: &r.recipient,
        version: r.version,
        created_at: &r.created_at,
        updated_at: &r.updated_at,
    })?;
    Ok(())
}

pub async fn update_deadline(tx: &mut Tx, r: &DeadlineRow) -> Result<DeadlineRow> {
    let done = update_row!(tx, "campaign_deadlines", SET {
        kind: &r.kind,
        what: &r.what,
        opens_on: &r.opens_on,
        due_on: &r.due_on,
        recurrence: &r.recurrence,
        repeat_until: &r.repeat_until,
        addressees: &r.addressees,
        unit_kind: &r.unit_kind,
        unit_id: &r.unit_id,
        recipient: &r.recipient,
        "version = version + 1",
        updated_at: ids::now(),
    } WHERE {
        id: &r.id,
        campaign_id: &r.campaign_id,
        version: r.version,
    })?;
    if done == 0 {
        return Err(StoreError::Conflict);
    }
    deadline(tx, &r.campaign_id, &r.id).await
}

/// Number of submissions answering a deadline (an answered deadline is not deleted).
pub async fn deadline_submissions(tx: &mut Tx, deadline_id: &str) -> Result<i64> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM submissions WHERE deadline_id = $1"
    )
    .bind(deadline_id)
    .fetch_one(c)
    .await)?)
}

pub async fn delete_deadline(tx: &mut Tx, campaign_id: &str, id: &str, version: i64) -> Result<()> {
    let n = exec!(
        tx,
        sqlx::query(
            "DELETE FROM campaign_deadlines WHERE id = $1 AND campaign_id = $2 AND version = $3"
        )
        .bind(id)
        .bind(campaign_id)
        .bind(version)
    )?;
    if n == 0 {
        Err(StoreError::Conflict)
    } else {
        Ok(())
    }
}
