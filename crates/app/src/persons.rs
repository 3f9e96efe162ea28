//! Use cases of people: create and edit, always inside the user's unit scope.

use super::{Audit, today};
use crate::Caller;
use crate::error::{Error, Result};
use thidua_domain::Validation;
use thidua_domain::date::iso;
use thidua_domain::person::{PersonDraft, PersonInput};
use thidua_domain::policy::Action;
use thidua_store::persons::{self, PersonFilter, PersonListRow, PersonRow};
use thidua_store::units::{self, UnitRow};
use thidua_store::{Db, Tx};

/// Reads a person the user may see (404 otherwise).
pub async fn visible_person(tx: &mut Tx, caller: &Caller, id: &str) -> Result<PersonRow> {
    let p = persons::get(tx, caller.org_id(), id).await?;
    caller.authorize(Action::ViewPerson {
        org_id: caller.org_id(),
        unit_path: &p.unit_path,
    })?;
    Ok(p)
}

/// The unit a person is put in: it must exist, be active, and be one the user may edit people of.
async fn target_unit(tx: &mut Tx, caller: &Caller, draft: &PersonDraft) -> Result<UnitRow> {
    let refuse = |m: &str| {
        let mut v = Validation::new();
        v.add("unit_id", "Đơn vị", m);
        Error::Invalid(v)
    };
    let unit = units::get(tx, caller.org_id(), &draft.unit_id)
        .await
        .map_err(|_| refuse("Đơn vị không tồn tại."))?;
    if !caller.can(Action::EditPerson {
        org_id: caller.org_id(),
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

pub async fn create(db: &Db, caller: &Caller, input: &PersonInput) -> Result<PersonRow> {
    // Roles that may never add people are refused before their input is looked at (403, not 422).
    caller.authorize(Action::ImportPeople {
        org_id: caller.org_id(),
    })?;
    let draft = input.validate(today())?;
    let mut tx = db.begin().await?;
    let unit = target_unit(&mut tx, caller, &draft).await?;
    let row = PersonRow::new(
        caller.org_id(),
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
    Audit::new("person.create", "person", &row.id, &row.full_name)
        .after(&row)
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
    input: &PersonInput,
) -> Result<PersonRow> {
    let draft = input.validate(today())?;
    let mut tx = db.begin().await?;
    let before = visible_person(&mut tx, caller, id).await?;
    caller.authorize(Action::EditPerson {
        org_id: caller.org_id(),
        unit_path: &before.unit_path,
    })?;
    let unit = if draft.unit_id == before.unit_id {
        units::get(&mut tx, caller.org_id(), &before.unit_id).await?
    } else {
        target_unit(&mut tx, caller, &draft).await?
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
    Audit::new("person.update", "person", id, &after.full_name)
        .before(&before)
        .after(&after)
        .write(&mut tx, caller)
        .await?;
    tx.commit().await?;
    Ok(after)
}

/// Reads a person the user may see, in a read-only transaction (404 otherwise).
pub async fn get(db: &Db, caller: &Caller, id: &str) -> Result<PersonRow> {
    let mut tx = db.begin_read().await?;
    let p = visible_person(&mut tx, caller, id).await?;
    tx.commit().await?;
    Ok(p)
}

/// A person the user may see with the name of their unit.
pub async fn get_with_unit(db: &Db, caller: &Caller, id: &str) -> Result<(PersonRow, String)> {
    let mut tx = db.begin_read().await?;
    let p = visible_person(&mut tx, caller, id).await?;
    let unit_name = units::get(&mut tx, caller.org_id(), &p.unit_id).await?.name;
    tx.commit().await?;
    Ok((p, unit_name))
}

/// One page of a search of people.
pub struct PersonPage {
    /// The name of the unit searched in, when one was given.
    pub unit_name: Option<String>,
    /// How many people match in all.
    pub total: i64,
    pub rows: Vec<PersonListRow>,
}

/// People the user may see, in `unit_id` (a unit they may see, 404 otherwise) when given, whose name
/// or position matches `query` ignoring diacritics; `limit` of them from `offset`.
pub async fn search(
    db: &Db,
    caller: &Caller,
    unit_id: Option<&str>,
    query: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<PersonPage> {
    caller.authorize(Action::UseApp {
        org_id: caller.org_id(),
    })?;
    let mut tx = db.begin_read().await?;
    let unit_name = match unit_id {
        Some(id) => Some(crate::units::visible_unit(&mut tx, caller, id).await?.name),
        None => None,
    };
    let filter = PersonFilter {
        scope: caller.actor.read_scope().map(str::to_string),
        unit_id: unit_id.map(str::to_string),
        query: query.map(str::to_string),
    };
    let total = persons::count(&mut tx, caller.org_id(), &filter).await?;
    let rows = persons::list(&mut tx, caller.org_id(), &filter, limit, offset).await?;
    tx.commit().await?;
    Ok(PersonPage {
        unit_name,
        total,
        rows,
    })
}
