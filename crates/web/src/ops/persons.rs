//! Use cases of people: create and edit, always inside the user's unit scope.

use super::{audit, today};
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};
use thidua_domain::Validation;
use thidua_domain::date::iso;
use thidua_domain::person::{PersonDraft, PersonInput};
use thidua_domain::policy::Action;
use thidua_store::persons::{self, PersonRow};
use thidua_store::units::{self, UnitRow};
use thidua_store::{Db, Tx};

/// Reads a person the user may see (404 otherwise).
pub async fn visible_person(tx: &mut Tx, ctx: &Ctx, id: &str) -> AppResult<PersonRow> {
    let p = persons::get(tx, ctx.org_id(), id).await?;
    ctx.authorize(Action::ViewPerson {
        org_id: ctx.org_id(),
        unit_path: &p.unit_path,
    })?;
    Ok(p)
}

/// The unit a person is put in: it must exist, be active, and be one the user may edit people of.
async fn target_unit(tx: &mut Tx, ctx: &Ctx, draft: &PersonDraft) -> AppResult<UnitRow> {
    let refuse = |m: &str| {
        let mut v = Validation::new();
        v.add("unit_id", "Đơn vị", m);
        AppError::Invalid(v)
    };
    let unit = units::get(tx, ctx.org_id(), &draft.unit_id)
        .await
        .map_err(|_| refuse("Đơn vị không tồn tại."))?;
    if !ctx.can(Action::EditPerson {
        org_id: ctx.org_id(),
        unit_path: &unit.path,
    }) {
        return Err(refuse(
            "Bạn chỉ có thể thêm cá nhân vào đơn vị thuộc phạm vi của mình.",
        ));
    }
    if unit.valid_to.is_some() {
        return Err(refuse(
            "Đơn vị này đã giải thể hoặc sáp nhập; hãy chọn đơn vị đang hoạt động.",
        ));
    }
    Ok(unit)
}

pub async fn create(db: &Db, ctx: &Ctx, input: &PersonInput) -> AppResult<PersonRow> {
    // Roles that may never add people are refused before their input is looked at (403, not 422).
    ctx.authorize(Action::ImportPeople {
        org_id: ctx.org_id(),
    })?;
    let draft = input.validate(today())?;
    let mut tx = db.begin().await?;
    let unit = target_unit(&mut tx, ctx, &draft).await?;
    let row = PersonRow::new(
        ctx.org_id(),
        &unit.id,
        &unit.path,
        &draft.full_name,
        draft.gender.code(),
        draft.birth_date.map(iso),
        draft.position.clone(),
        draft.kind.code(),
        draft.direct_worker,
    );
    persons::insert(&mut tx, &row).await?;
    audit(
        &mut tx,
        ctx,
        "person.create",
        "person",
        &row.id,
        &row.full_name,
        None::<&()>,
        Some(&row),
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
    input: &PersonInput,
) -> AppResult<PersonRow> {
    let draft = input.validate(today())?;
    let mut tx = db.begin().await?;
    let before = visible_person(&mut tx, ctx, id).await?;
    ctx.authorize(Action::EditPerson {
        org_id: ctx.org_id(),
        unit_path: &before.unit_path,
    })?;
    let unit = if draft.unit_id == before.unit_id {
        units::get(&mut tx, ctx.org_id(), &before.unit_id).await?
    } else {
        target_unit(&mut tx, ctx, &draft).await?
    };
    let edited = PersonRow {
        unit_id: unit.id.clone(),
        unit_path: unit.path.clone(),
        full_name: draft.full_name,
        gender: draft.gender.code().into(),
        birth_date: draft.birth_date.map(iso),
        position: draft.position,
        kind: draft.kind.code().into(),
        direct_worker: draft.direct_worker,
        version,
        ..before.clone()
    };
    let after = persons::update(&mut tx, &edited).await?;
    audit(
        &mut tx,
        ctx,
        "person.update",
        "person",
        id,
        &after.full_name,
        Some(&before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}
