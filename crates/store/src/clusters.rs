//! Clusters and blocks (cụm, khối thi đua) of a year: members, leader and deputy.

use crate::sql::{insert_row, update_row};
use crate::{Result, StoreError, Tx, exec, ids, on_tx};
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct ClusterRow {
    pub id: String,
    pub org_id: String,
    pub year: i64,
    pub kind: String,
    pub name: String,
    pub leader_unit_id: Option<String>,
    pub deputy_unit_id: Option<String>,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

macro_rules! columns {
    () => {
        "id, org_id, year, kind, name, leader_unit_id, deputy_unit_id, version, created_at, updated_at"
    };
}

/// A member unit of a cluster.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct Member {
    pub unit_id: String,
    pub unit_name: String,
}

pub async fn list(tx: &mut Tx, org_id: &str, year: Option<i64>) -> Result<Vec<ClusterRow>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " FROM clusters WHERE org_id = $1 AND ($2 IS NULL OR year = $2) ORDER BY year DESC, kind DESC, name"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, ClusterRow>(sql)
        .bind(org_id)
        .bind(year)
        .fetch_all(c)
        .await)?)
}

pub async fn years(tx: &mut Tx, org_id: &str) -> Result<Vec<i64>> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar::<_, i64>(
        "SELECT DISTINCT year FROM clusters WHERE org_id = $1 ORDER BY year DESC"
    )
    .bind(org_id)
    .fetch_all(c)
    .await)?)
}

pub async fn get(tx: &mut Tx, org_id: &str, id: &str) -> Result<ClusterRow> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " FROM clusters WHERE org_id = $1 AND id = $2"
    );
    on_tx!(tx, |c| sqlx::query_as::<_, ClusterRow>(sql)
        .bind(org_id)
        .bind(id)
        .fetch_optional(c)
        .await)?
    .ok_or(StoreError::NotFound)
}

/// Members in Vietnamese alphabetical order (diacritics folded, so "Bạch Mai" sorts before "Bùi Thị Xuân").
pub async fn members(tx: &mut Tx, cluster_id: &str) -> Result<Vec<Member>> {
    let mut rows = on_tx!(tx, |c| {
        sqlx::query_as::<_, Member>(
        "SELECT m.unit_id, u.name AS unit_name FROM cluster_members m JOIN units u ON u.id = m.unit_id WHERE m.cluster_id = $1 ORDER BY u.name"
    )
    .bind(cluster_id)
    .fetch_all(c)
    .await
    })?;
    rows.sort_by_cached_key(|m| thidua_domain::text::fold(&m.unit_name));
    Ok(rows)
}

impl ClusterRow {
    pub fn new(
        org_id: &str,
        year: i64,
        kind: &str,
        name: &str,
        leader: Option<String>,
        deputy: Option<String>,
    ) -> ClusterRow {
        let now = ids::now();
        ClusterRow {
            id: ids::new_id(),
            org_id: org_id.into(),
            year,
            kind: kind.into(),
            name: name.into(),
            leader_unit_id: leader,
            deputy_unit_id: deputy,
            version: 1,
            created_at: now.clone(),
            updated_at: now,
        }
    }
}

/// Locks a cluster's row until the transaction ends ([`lock_row`](crate::sql::lock_row)), so that a
/// check of what was recorded for it and the write it allows are not interleaved with another's.
pub async fn lock(tx: &mut Tx, id: &str) -> Result<()> {
    crate::sql::lock_row(tx, "clusters", id).await
}

pub async fn insert(tx: &mut Tx, c_row: &ClusterRow, member_ids: &[String]) -> Result<()> {
    insert_row!(tx, "clusters", {
        id: &c_row.id,
        org_id: &c_row.org_id,
        year: c_row.year,
        kind: &c_row.kind,
        name: &c_row.name,
        leader_unit_id: &c_row.leader_unit_id,
        deputy_unit_id: &c_row.deputy_unit_id,
        version: 1_i64,
        created_at: &c_row.created_at,
        updated_at: &c_row.created_at,
    })?;
    set_members(tx, &c_row.id, member_ids).await
}

/// Saves an edited cluster and its members if the version still matches.
pub async fn update(tx: &mut Tx, c_row: &ClusterRow, member_ids: &[String]) -> Result<ClusterRow> {
    let done = update_row!(tx, "clusters", SET {
        year: c_row.year,
        kind: &c_row.kind,
        name: &c_row.name,
        leader_unit_id: &c_row.leader_unit_id,
        deputy_unit_id: &c_row.deputy_unit_id,
        "version = version + 1",
        updated_at: ids::now(),
    } WHERE {
        id: &c_row.id,
        org_id: &c_row.org_id,
        version: c_row.version,
    })?;
    if done == 0 {
        return Err(StoreError::Conflict);
    }
    set_members(tx, &c_row.id, member_ids).await?;
    get(tx, &c_row.org_id, &c_row.id).await
}

async fn set_members(tx: &mut Tx, cluster_id: &str, member_ids: &[String]) -> Result<()> {
    exec!(
        tx,
        sqlx::query("DELETE FROM cluster_members WHERE cluster_id = $1").bind(cluster_id)
    )?;
    for unit_id in member_ids {
        insert_row!(tx, "cluster_members", {
            cluster_id: cluster_id,
            unit_id: unit_id,
        })?;
    }
    Ok(())
}
