//! The register of initiatives (sáng kiến) and research works. A unit registers an initiative with its
//! authors and their shares, field, date, description and files, and may edit or withdraw it while it
//! is proposed; the standing office sends it to the initiative council, whose recorded session
//! recognises it at a level (base; ministry or province; national) or not ([`session`]); a recognised
//! initiative is written into each author's ledger for the eligibility engine, and is the basis of one
//! title or award only ([`uses`]). A unit officer proposes, never recognises.

mod files;
mod input;
pub mod session;
pub mod uses;

pub use files::{add_files, file};
pub use input::{AuthorInput, InitiativeInput, MAX_AUTHORS};

use crate::error::{Error, Result};
use crate::{Audit, Caller};
use serde::{Deserialize, Serialize};
use thidua_domain::initiative::{Event, Level, Status, transition};
use thidua_domain::policy::Action;
use thidua_store::initiatives::{self as store, Filter};
pub use thidua_store::initiatives::{AuthorRow, FileRow, InitiativeRow, SessionRow, UseRow};
use thidua_store::{Db, Tx, ids, units};

/// What the register is filtered by (all optional).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
#[serde(default)]
pub struct ListQuery {
    /// Words of the name, field, unit or authors, with or without diacritics.
    pub q: Option<String>,
    pub year: Option<i64>,
    /// `proposed`, `under_evaluation`, `recognised`, `not_recognised`, `withdrawn`.
    pub status: Option<String>,
    /// `base`, `province`, `national`.
    pub level: Option<String>,
}

pub use thidua_store::initiatives::Listed;

/// An initiative with everything its page shows, and what the caller may do with it.
#[derive(Debug, Clone, Serialize)]
pub struct InitiativeView {
    pub row: InitiativeRow,
    pub unit_name: String,
    pub authors: Vec<AuthorRow>,
    pub files: Vec<FileRow>,
    pub session: Option<SessionRow>,
    /// Where it was used as a basis, if it was.
    pub used: Option<UseRow>,
    pub may_edit: bool,
    pub may_evaluate: bool,
    pub may_use: bool,
}

impl InitiativeView {
    pub fn status(&self) -> Status {
        Status::parse(&self.row.status).unwrap_or(Status::Proposed)
    }
    pub fn level(&self) -> Option<Level> {
        self.row.level.as_deref().and_then(Level::parse)
    }
}

/// The register the caller may read (a unit officer: their units' initiatives), newest first.
pub async fn list(db: &Db, caller: &Caller, q: &ListQuery) -> Result<Vec<Listed>> {
    caller.authorize(Action::UseApp {
        org_id: caller.org_id(),
    })?;
    let opt = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let filter = Filter {
        scope: caller.actor.read_scope().map(str::to_string),
        year: q.year,
        status: opt(&q.status),
        level: opt(&q.level),
        query: opt(&q.q).map(|s| thidua_domain::text::fold(&s)),
    };
    let mut t = db.begin_read().await?;
    let rows = store::list(&mut t, caller.org_id(), &filter).await?;
    t.commit().await?;
    Ok(rows)
}

/// An initiative the caller may read.
pub(crate) async fn readable(tx: &mut Tx, caller: &Caller, id: &str) -> Result<InitiativeRow> {
    let row = store::get(tx, caller.org_id(), id).await?;
    caller.authorize(Action::ViewInitiative {
        org_id: caller.org_id(),
        unit_path: &row.unit_path,
    })?;
    Ok(row)
}

/// An initiative's page.
pub async fn view(db: &Db, caller: &Caller, id: &str) -> Result<InitiativeView> {
    let mut t = db.begin_read().await?;
    let tx = &mut t;
    let row = readable(tx, caller, id).await?;
    let unit_name = units::get(tx, caller.org_id(), &row.unit_id).await?.name;
    let session = match &row.session_id {
        Some(s) => Some(store::session(tx, caller.org_id(), s).await?),
        None => None,
    };
    let status = Status::parse(&row.status).unwrap_or(Status::Proposed);
    let proposes = caller.can(Action::ProposeInitiative {
        org_id: caller.org_id(),
        unit_path: &row.unit_path,
    });
    let used = store::use_of(tx, &row.id).await?;
    let view = InitiativeView {
        authors: store::authors(tx, &row.id).await?,
        files: store::files(tx, &row.id).await?,
        session,
        may_edit: proposes && status == Status::Proposed,
        may_evaluate: caller.can(Action::EvaluateInitiatives {
            org_id: caller.org_id(),
        }) && status == Status::Proposed,
        may_use: status == Status::Recognised
            && used.is_none()
            && caller.can(Action::UseInitiative {
                org_id: caller.org_id(),
                unit_path: &row.unit_path,
            }),
        used,
        unit_name,
        row,
    };
    t.commit().await?;
    Ok(view)
}

/// Registers an initiative for a unit the caller may propose for (a unit officer: their own units).
pub async fn register(db: &Db, caller: &Caller, input: &InitiativeInput) -> Result<InitiativeRow> {
    // Roles that may never propose are refused before their input is looked at (403, not 422).
    if !matches!(
        caller.role(),
        thidua_domain::policy::Role::Admin
            | thidua_domain::policy::Role::StandingOffice
            | thidua_domain::policy::Role::UnitOfficer
    ) {
        return Err(Error::Forbidden);
    }
    let mut t = db.begin().await?;
    let tx = &mut t;
    let unit = input::unit_for(tx, caller, &input.unit_id).await?;
    let now = ids::now();
    let base = InitiativeRow {
        id: ids::new_id(),
        org_id: caller.org_id().into(),
        unit_id: String::new(),
        unit_path: String::new(),
        name: String::new(),
        field: String::new(),
        applied_on: String::new(),
        year: 0,
        description: String::new(),
        research: false,
        status: Status::Proposed.code().into(),
        level: None,
        scope_note: None,
        session_id: None,
        result_note: None,
        search_text: String::new(),
        created_by_name: caller.author(),
        version: 1,
        created_at: now.clone(),
        updated_at: now,
    };
    let (mut row, authors) = input::checked(tx, caller, input, &unit, &base).await?;
    row.search_text = input::search_text(&row, &unit.name, &authors);
    store::insert(tx, &row).await?;
    store::set_authors(tx, &row.id, &authors).await?;
    Audit::new("initiative.create", "initiative", &row.id, &row.name)
        .after(&crate::with_field(&row, "authors", &authors))
        .write(tx, caller)
        .await?;
    t.commit().await?;
    Ok(row)
}

/// An initiative the caller may change as its unit (propose, edit, withdraw), at the version they read.
async fn proposable(
    tx: &mut Tx,
    caller: &Caller,
    id: &str,
    version: Option<i64>,
) -> Result<InitiativeRow> {
    let row = readable(tx, caller, id).await?;
    caller.authorize(Action::ProposeInitiative {
        org_id: caller.org_id(),
        unit_path: &row.unit_path,
    })?;
    if version.is_some_and(|v| v != row.version) {
        return Err(Error::Conflict);
    }
    Ok(row)
}

/// Edits an initiative while its unit still proposes it (version-checked).
pub async fn update(
    db: &Db,
    caller: &Caller,
    id: &str,
    input: &InitiativeInput,
) -> Result<InitiativeRow> {
    let mut t = db.begin().await?;
    let tx = &mut t;
    let old = proposable(tx, caller, id, input.version).await?;
    let status = Status::parse(&old.status).unwrap_or(Status::Proposed);
    transition(status, Event::Edit).map_err(Error::Rejected)?;
    let unit = input::unit_for(tx, caller, &input.unit_id).await?;
    let before = store::authors(tx, id).await?;
    let (mut row, authors) = input::checked(tx, caller, input, &unit, &old).await?;
    row.search_text = input::search_text(&row, &unit.name, &authors);
    let row = store::update(tx, &row).await?;
    store::set_authors(tx, id, &authors).await?;
    Audit::new("initiative.update", "initiative", id, &row.name)
        .before(&crate::with_field(&old, "authors", &before))
        .after(&crate::with_field(&row, "authors", &authors))
        .write(tx, caller)
        .await?;
    t.commit().await?;
    Ok(row)
}

/// Moves an initiative on by `event` (withdraw; send to the council), version-checked and audited.
pub async fn step(
    db: &Db,
    caller: &Caller,
    id: &str,
    event: Event,
    version: Option<i64>,
) -> Result<InitiativeRow> {
    let mut t = db.begin().await?;
    let tx = &mut t;
    let old = match event {
        Event::SendToCouncil => {
            caller.authorize(Action::EvaluateInitiatives {
                org_id: caller.org_id(),
            })?;
            let row = readable(tx, caller, id).await?;
            if version.is_some_and(|v| v != row.version) {
                return Err(Error::Conflict);
            }
            row
        }
        _ => proposable(tx, caller, id, version).await?,
    };
    let status = Status::parse(&old.status).unwrap_or(Status::Proposed);
    let to = transition(status, event).map_err(Error::Rejected)?;
    let row = store::update(
        tx,
        &InitiativeRow {
            status: to.code().into(),
            ..old.clone()
        },
    )
    .await?;
    let action = match event {
        Event::SendToCouncil => "initiative.send_to_council",
        _ => "initiative.withdraw",
    };
    Audit::new(action, "initiative", id, &row.name)
        .before(&old)
        .after(&row)
        .write(tx, caller)
        .await?;
    t.commit().await?;
    Ok(row)
}
