//! Scoring scales: the scale, the clusters it scores, its groups and criteria.

use crate::sql::{insert_row, update_row};
use crate::{Result, StoreError, Tx, exec, ids, on_tx};
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct ScaleRow {
    pub id: String,
    pub org_id: String,
    pub year: i64,
    pub name: String,
    pub campaign_id: Option<String>,
    pub status: String,
    pub self_until: String,
    pub appeal_days: i64,
    pub appeal_until: Option<String>,
    pub negative_total: bool,
    pub peers_visible: bool,
    pub copied_from: Option<String>,
    pub published_at: Option<String>,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct GroupRow {
    pub scale_id: String,
    pub position: i64,
    pub name: String,
    pub max_points: f64,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct CriterionRow {
    pub id: String,
    pub scale_id: String,
    pub group_position: i64,
    pub position: i64,
    pub code: String,
    pub text: String,
    pub guidance: String,
    pub kind: String,
    pub points: f64,
    pub rate_cap: Option<f64>,
    pub target_value: Option<f64>,
    pub max_count: Option<i64>,
    pub precondition: Option<String>,
    pub target_id: Option<String>,
    pub assessor: String,
    pub tie_break: Option<i64>,
}

impl ScaleRow {
    pub fn new(org_id: &str, year: i64, name: &str, self_until: &str, appeal_days: i64) -> Self {
        let now = ids::now();
        ScaleRow {
            id: ids::new_id(),
            org_id: org_id.into(),
            year,
            name: name.into(),
            campaign_id: None,
            status: "draft".into(),
            self_until: self_until.into(),
            appeal_days,
            appeal_until: None,
            negative_total: false,
            peers_visible: false,
            copied_from: None,
            published_at: None,
            version: 1,
            created_at: now.clone(),
            updated_at: now,
        }
    }
}

/// The organisation's scales, newest year first.
pub async fn list(tx: &mut Tx, org_id: &str) -> Result<Vec<ScaleRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, ScaleRow>(
        "SELECT * FROM scoring_scales WHERE org_id = $1 ORDER BY year DESC, name"
    )
    .bind(org_id)
    .fetch_all(c)
    .await)?)
}

pub async fn get(tx: &mut Tx, org_id: &str, id: &str) -> Result<ScaleRow> {
    on_tx!(tx, |c| sqlx::query_as::<_, ScaleRow>(
        "SELECT * FROM scoring_scales WHERE org_id = $1 AND id = $2"
    )
    .bind(org_id)
    .bind(id)
    .fetch_optional(c)
    .await)?
    .ok_or(StoreError::NotFound)
}

pub async fn insert(tx: &mut Tx, s: &ScaleRow, cluster_ids: &[String]) -> Result<()> {
    insert_row!(tx, "scoring_scales", {
        id: &s.id,
        org_id: &s.org_id,
        year: s.year,
        name: &s.name,
        campaign_id: &s.campaign_id,
        status: &s.status,
        self_until: &s.self_until,
        appeal_days: s.appeal_days,
        appeal_until: &s.appeal_until,
        negative_total: s.negative_total,
        peers_visible: s.peers_visible,
        copied_from: &s.copied_from,
        published_at: &s.published_at,
        version: 1_i64,
        created_at: &s.created_at,
        updated_at: &s.updated_at,
    })?;
    for cluster_id in cluster_ids {
        insert_row!(tx, "scoring_scale_clusters", {
            scale_id: &s.id,
            cluster_id: cluster_id,
        })?;
    }
    Ok(())
}

/// Saves the scale's settings and state if its version still matches.
pub async fn update(tx: &mut Tx, s: &ScaleRow) -> Result<ScaleRow> {
    let done = update_row!(tx, "scoring_scales", SET {
        name: &s.name,
        campaign_id: &s.campaign_id,
        status: &s.status,
        self_until: &s.self_until,
        appeal_days: s.appeal_days,
        appeal_until: &s.appeal_until,
        negative_total: s.negative_total,
        peers_visible: s.peers_visible,
        published_at: &s.published_at,
        "version = version + 1",
        updated_at: ids::now(),
    } WHERE {
        id: &s.id,
        org_id: &s.org_id,
        version: s.version,
    })?;
    if done == 0 {
        return Err(StoreError::Conflict);
    }
    get(tx, &s.org_id, &s.id).await
}

/// The clusters and blocks a scale scores.
pub async fn cluster_ids(tx: &mut Tx, scale_id: &str) -> Result<Vec<String>> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar::<_, String>(
        "SELECT cluster_id FROM scoring_scale_clusters WHERE scale_id = $1 ORDER BY cluster_id"
    )
    .bind(scale_id)
    .fetch_all(c)
    .await)?)
}

pub async fn set_clusters(tx: &mut Tx, scale_id: &str, cluster_ids: &[String]) -> Result<()> {
    exec!(
        tx,
        sqlx::query("DELETE FROM scoring_scale_clusters WHERE scale_id = $1").bind(scale_id)
    )?;
    for cluster_id in cluster_ids {
        insert_row!(tx, "scoring_scale_clusters", {
            scale_id: scale_id,
            cluster_id: cluster_id,
        })?;
    }
    Ok(())
}

pub async fn groups(tx: &mut Tx, scale_id: &str) -> Result<Vec<GroupRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, GroupRow>(
        "SELECT * FROM scoring_groups WHERE scale_id = $1 ORDER BY position"
    )
    .bind(scale_id)
    .fetch_all(c)
    .await)?)
}

pub async fn criteria(tx: &mut Tx, scale_id: &str) -> Result<Vec<CriterionRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, CriterionRow>(
        "SELECT * FROM scoring_criteria WHERE scale_id = $1 ORDER BY group_position, position"
    )
    .bind(scale_id)
    .fetch_all(c)
    .await)?)
}

/// Replaces a draft scale's groups and criteria (nothing has been scored on a draft).
pub async fn replace_structure(
    tx: &mut Tx,
    scale_id: &str,
    groups: &[GroupRow],
    criteria: &[CriterionRow],
) -> Result<()> {
    exec!(
        tx,
        sqlx::query("DELETE FROM scoring_criteria WHERE scale_id = $1").bind(scale_id)
    )?;
    exec!(
        tx,
        sqlx::query("DELETE FROM scoring_groups WHERE scale_id = $1").bind(scale_id)
    )?;
    for g in groups {
        insert_row!(tx, "scoring_groups", {
            scale_id: scale_id,
            position: g.position,
            name: &g.name,
            max_points: g.max_points,
        })?;
    }
    for c in criteria {
        insert_row!(tx, "scoring_criteria", {
            id: &c.id,
            scale_id: scale_id,
            group_position: c.group_position,
            position: c.position,
            code: &c.code,
            text: &c.text,
            guidance: &c.guidance,
            kind: &c.kind,
            points: c.points,
            rate_cap: c.rate_cap,
            target_value: c.target_value,
            max_count: c.max_count,
            precondition: &c.precondition,
            target_id: &c.target_id,
            assessor: &c.assessor,
            tie_break: c.tie_break,
        })?;
    }
    Ok(())
}
