//! Use cases of clusters and blocks (cụm, khối thi đua): members, leader and deputy of a year.

use super::audit;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use thidua_domain::Validation;
use thidua_domain::org::{ClusterDraft, ClusterInput};
use thidua_domain::policy::Action;
use thidua_store::clusters::{self, ClusterRow};
use thidua_store::{Db, Tx, units};

async fn checked(tx: &mut Tx, ctx: &Ctx, input: &ClusterInput) -> AppResult<ClusterDraft> {
    let draft = input.validate()?;
    let mut v = Validation::new();
    for id in &draft.member_ids {
        match units::get(tx, ctx.org_id(), id).await {
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
        Err(AppError::Invalid(v))
    }
}

fn duplicate_name(e: thidua_store::StoreError) -> AppError {
    match e {
        thidua_store::StoreError::Duplicate(_) => {
            let mut v = Validation::new();
            v.add(
                "name",
                "Tên cụm, khối",
                "Năm này đã có cụm, khối trùng tên.",
            );
            AppError::Invalid(v)
        }
        other => other.into(),
    }
}

pub async fn create(db: &Db, ctx: &Ctx, input: &ClusterInput) -> AppResult<ClusterRow> {
    ctx.authorize(Action::ManageClusters {
        org_id: ctx.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let d = checked(&mut tx, ctx, input).await?;
    let row = ClusterRow::new(
        ctx.org_id(),
        i64::from(d.year),
        d.kind.code(),
        &d.name,
        d.leader_unit_id.clone(),
        d.deputy_unit_id.clone(),
    );
    clusters::insert(&mut tx, &row, &d.member_ids)
        .await
        .map_err(duplicate_name)?;
    audit(
        &mut tx,
        ctx,
        "cluster.create",
        "cluster",
        &row.id,
        &row.name,
        None::<&()>,
        Some(&(&row, &d.member_ids)),
    )
    .await?;
    tx.commit().await?;
    Ok(row)
}

pub async fn update(
    db: &Db,
    ctx: &Ctx,
    id: &str,
    version: i64,
    input: &ClusterInput,
) -> AppResult<ClusterRow> {
    ctx.authorize(Action::ManageClusters {
        org_id: ctx.org_id(),
    })?;
    let mut tx = db.begin().await?;
    let before = clusters::get(&mut tx, ctx.org_id(), id).await?;
    let before_members: Vec<String> = clusters::members(&mut tx, id)
        .await?
        .into_iter()
        .map(|m| m.unit_id)
        .collect();
    let d = checked(&mut tx, ctx, input).await?;
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
    audit(
        &mut tx,
        ctx,
        "cluster.update",
        "cluster",
        id,
        &after.name,
        Some(&(&before, &before_members)),
        Some(&(&after, &d.member_ids)),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}
