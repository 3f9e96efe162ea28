//! Use cases of clusters and blocks (cụm, khối thi đua): members, leader and deputy of a year.

use crate::Audit;
use crate::Caller;
use crate::error::{Error, Result};
use thidua_domain::Validation;
use thidua_domain::org::{ClusterDraft, ClusterInput};
use thidua_domain::policy::Action;
use thidua_store::clusters::{self, ClusterRow, Member};
use thidua_store::{Db, Tx, units};

async fn checked(tx: &mut Tx, caller: &Caller, input: &ClusterInput) -> Result<ClusterDraft> {
    let draft = input.validate()?;
    let mut v = Validation::new();
    for id in &draft.member_ids {
        match units::get(tx, caller.org_id(), id).await {
            Ok(u) if u.valid_to.is_none() => {}
            Ok(u) => v.add(
                "member_ids",
                "Thành viên",
                format!("Đơn vị \u{201c}{}\u{201d} đã ngừng hoạt động.", u.name),
            ),
            Err(_) => v.add(
                "member_ids",
                "Thành viên",
                "Có đơn vị thành viên không tồn tại.",
            ),
        }
    }
    if draft.member_ids.is_empty() {
        v.add(
            "member_ids",
            "Thành viên",
            "Hãy chọn ít nhất một đơn vị thành viên.",
        );
    }
    if v.is_ok() {
        Ok(draft)
    } else {
        Err(Error::Invalid(v))
    }
}

fn duplicate_name(e: thidua_store::StoreError) -> Error {
    match e {
        thidua_store::StoreError::Duplicate(_) => {
            let mut v = Validation::new();
            v.add(
                "name",
                "Tên cụm, khối",
                "Năm này đã có cụm, khối trùng tên.",
            );
            Error::Invalid(v)
        }
        other => other.into(),
    }
}

pub async fn create(db: &Db, caller: &Caller, input: &ClusterInput) -> Result<ClusterRow> {
    caller.authorize(Action::ManageClusters {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let d = checked(&mut tx, caller, input).await?;
    let row = ClusterRow::new(
        caller.org_id(),
        i64::from(d.year),
        d.kind.code(),
        &d.name,
        d.leader_unit_id.clone(),
        d.deputy_unit_id.clone(),
    );
    clusters::insert(&mut tx, &row, &d.member_ids)
        .await
        .map_err(duplicate_name)?;
    Audit::new("cluster.create", "cluster", &row.id, &row.name)
        .after(&(&row, &d.member_ids))
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(row)
}

pub async fn update(
    db: &Db,
    caller: &Caller,
    id: &str,
    version: i64,
    input: &ClusterInput,
) -> Result<ClusterRow> {
    caller.authorize(Action::ManageClusters {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let before = clusters::get(&mut tx, caller.org_id(), id).await?;
    let before_members: Vec<String> = clusters::members(&mut tx, id)
        .await?
        .into_iter()
        .map(|m| m.unit_id)
        .collect();
    let d = checked(&mut tx, caller, input).await?;
    let edited = ClusterRow {
        year: i64::from(d.year),
        kind: d.kind.code().into(),
        name: d.name,
        leader_unit_id: d.leader_unit_id,
        deputy_unit_id: d.deputy_unit_id,
        version,
        ..before.clone()
    };
    let after = clusters::update(&mut tx, &edited, &d.member_ids)
        .await
        .map_err(duplicate_name)?;
    Audit::new("cluster.update", "cluster", id, &after.name)
        .before(&(&before, &before_members))
        .after(&(&after, &d.member_ids))
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(after)
}

/// The years that have clusters, latest first.
pub async fn years(db: &Db, caller: &Caller) -> Result<Vec<i64>> {
    caller.authorize(Action::ViewClusters {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let years = clusters::years(&mut tx, caller.org_id()).await?;
    tx.commit().await?;
    Ok(years)
}

/// The clusters and blocks of a year (all years when `None`), each with its member units.
pub async fn with_members(
    db: &Db,
    caller: &Caller,
    year: Option<i64>,
) -> Result<Vec<(ClusterRow, Vec<Member>)>> {
    caller.authorize(Action::ViewClusters {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let mut out = Vec::new();
    for c in clusters::list(&mut tx, caller.org_id(), year).await? {
        let members = clusters::members(&mut tx, &c.id).await?;
        out.push((c, members));
    }
    tx.commit().await?;
    Ok(out)
}

/// One cluster or block with its member units.
pub async fn get(db: &Db, caller: &Caller, id: &str) -> Result<(ClusterRow, Vec<Member>)> {
    caller.authorize(Action::ViewClusters {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let c = clusters::get(&mut tx, caller.org_id(), id).await?;
    let members = clusters::members(&mut tx, id).await?;
    tx.commit().await?;
    Ok((c, members))
}
