//! The parts of a plan that units act on: themes (with lead and coordinating units), targets and
//! deadlines. Each row carries a version, so two officers editing one target are told, not overwritten.

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
        exec!(
            tx,
            sqlx::query("INSERT INTO theme_coordinators (theme_id, unit_id) VALUES ($1, $2)")
                .bind(theme_id)
                .bind(u)
        )?;
    }
    Ok(())
}

pub async fn insert_theme(tx: &mut Tx, r: &ThemeRow, coordinating: &[String]) -> Result<()> {
    let sql = concat!(
        "INSERT INTO campaign_themes (",
        theme_columns!(),
        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
    );
    exec!(
        tx,
        sqlx::query(sql)
            .bind(&r.id)
            .bind(&r.org_id)
            .bind(&r.campaign_id)
            .bind(r.position)
            .bind(&r.title)
            .bind(&r.lead_unit_id)
            .bind(&r.lead_name)
            .bind(&r.period_from)
            .bind(&r.period_to)
            .bind(&r.description)
            .bind(r.version)
            .bind(&r.created_at)
            .bind(&r.updated_at)
    )?;
    set_coordinators(tx, &r.id, coordinating).await
}

pub async fn update_theme(tx: &mut Tx, r: &ThemeRow, coordinating: &[String]) -> Result<ThemeRow> {
    let done = exec!(tx, sqlx::query(
        "UPDATE campaign_themes SET title = $1, lead_unit_id = $2, lead_name = $3, period_from = $4, period_to = $5, description = $6, version = version + 1, updated_at = $7 \
         WHERE id = $8 AND campaign_id = $9 AND version = $10"
    )
    .bind(&r.title)
    .bind(&r.lead_unit_id)
    .bind(&r.lead_name)
    .bind(&r.period_from)
    .bind(&r.period_to)
    .bind(&r.description)
    .bind(ids::now())
    .bind(&r.id)
    .bind(&r.campaign_id)
    .bind(r.version))?;
    if done == 0 {
        return Err(StoreError::Conflict);
    }
    set_coordinators(tx, &r.id, coordinating).await?;
    theme(tx, &r.campaign_id, &r.id).await
}

/// Deletes a theme; its targets stay, without a theme.
pub async fn delete_theme(tx: &mut Tx, campaign_id: &str, id: &str, version: i64) -> Result<()> {
    exec!(
        tx,
        sqlx::query(
            "UPDATE campaign_targets SET theme_id = NULL WHERE theme_id = $1 AND campaign_id = $2"
        )
        .bind(id)
        .bind(campaign_id)
    )?;
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
    let sql = concat!(
        "INSERT INTO campaign_targets (",
        target_columns!(),
        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
    );
    exec!(
        tx,
        sqlx::query(sql)
            .bind(&r.id)
            .bind(&r.org_id)
            .bind(&r.campaign_id)
            .bind(&r.theme_id)
            .bind(r.position)
            .bind(&r.text)
            .bind(&r.comparator)
            .bind(r.threshold)
            .bind(&r.measure)
            .bind(&r.scope)
            .bind(r.version)
            .bind(&r.created_at)
            .bind(&r.updated_at)
    )?;
    Ok(())
}

pub async fn update_target(tx: &mut Tx, r: &TargetRow) -> Result<TargetRow> {
    let done = exec!(tx, sqlx::query(
        "UPDATE campaign_targets SET theme_id = $1, text = $2, comparator = $3, threshold = $4, measure = $5, scope = $6, version = version + 1, updated_at = $7 \
         WHERE id = $8 AND campaign_id = $9 AND version = $10"
    )
    .bind(&r.theme_id)
    .bind(&r.text)
    .bind(&r.comparator)
    .bind(r.threshold)
    .bind(&r.measure)
    .bind(&r.scope)
    .bind(ids::now())
    .bind(&r.id)
    .bind(&r.campaign_id)
    .bind(r.version))?;
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
    exec!(
        tx,
        sqlx::query("UPDATE commitment_targets SET target_id = NULL WHERE target_id = $1").bind(id)
    )?;
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
    let sql = concat!(
        "SELECT d.* FROM campaign_deadlines d JOIN campaigns c ON c.id = d.campaign_id WHERE d.org_id = $1 AND c.status <> 'draft' \
         AND d.due_on <= $2 AND COALESCE(d.repeat_until, CASE WHEN d.recurrence = 'once' THEN d.due_on ELSE c.period_to END) >= $3 ORDER BY d.due_on"
    );
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
    let sql = concat!(
        "INSERT INTO campaign_deadlines (",
        deadline_columns!(),
        ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"
    );
    exec!(
        tx,
        sqlx::query(sql)
            .bind(&r.id)
            .bind(&r.org_id)
            .bind(&r.campaign_id)
            .bind(&r.kind)
            .bind(&r.what)
            .bind(&r.opens_on)
            .bind(&r.due_on)
            .bind(&r.recurrence)
            .bind(&r.repeat_until)
            .bind(&r.addressees)
            .bind(&r.unit_kind)
            .bind(&r.unit_id)
            .bind(&r.recipient)
            .bind(r.version)
            .bind(&r.created_at)
            .bind(&r.updated_at)
    )?;
    Ok(())
}

pub async fn update_deadline(tx: &mut Tx, r: &DeadlineRow) -> Result<DeadlineRow> {
    let done = exec!(tx, sqlx::query(
        "UPDATE campaign_deadlines SET kind = $1, what = $2, opens_on = $3, due_on = $4, recurrence = $5, repeat_until = $6, addressees = $7, unit_kind = $8, unit_id = $9, \
         recipient = $10, version = version + 1, updated_at = $11 WHERE id = $12 AND campaign_id = $13 AND version = $14"
    )
    .bind(&r.kind)
    .bind(&r.what)
    .bind(&r.opens_on)
    .bind(&r.due_on)
    .bind(&r.recurrence)
    .bind(&r.repeat_until)
    .bind(&r.addressees)
    .bind(&r.unit_kind)
    .bind(&r.unit_id)
    .bind(&r.recipient)
    .bind(ids::now())
    .bind(&r.id)
    .bind(&r.campaign_id)
    .bind(r.version))?;
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
