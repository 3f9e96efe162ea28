//! The award history (ledger) of people and units: titles and forms received, yearly ratings,
//! disciplines and initiatives. Step 9 of the process ("titles, history, eligibility"): the rows the
//! eligibility engine reads. Rows are kept under the subject they were recorded for; a merged unit's
//! successor reads its predecessors' rows too (see `units::predecessors`).

use crate::sql::{insert_row, update_row};
use crate::{Result, StoreError, Tx, ids, on_tx};
use serde::Serialize;

/// A stored award (one line of a decision) of a person or unit.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct AwardRow {
    pub id: String,
    pub org_id: String,
    /// `person` or `unit`.
    pub subject_type: String,
    pub subject_id: String,
    /// Catalog code.
    pub code: String,
    pub year: i64,
    /// `merit`, `campaign`, `ad_hoc`, `career`, `foreign`.
    pub kind: String,
    pub decision_no: Option<String>,
    /// `yyyy-mm-dd`.
    pub decision_date: Option<String>,
    pub issuer: Option<String>,
    pub golden_book_no: Option<i64>,
    pub achievement_id: Option<String>,
    pub achievement: Option<String>,
    pub revoked: bool,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

macro_rules! award_columns {
    () => {
        "id, org_id, subject_type, subject_id, code, year, kind, decision_no, decision_date, issuer, golden_book_no, achievement_id, achievement, revoked, version, created_at, updated_at"
    };
}

/// A stored yearly rating.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct RatingRow {
    pub id: String,
    pub org_id: String,
    pub subject_type: String,
    pub subject_id: String,
    pub year: i64,
    /// `excellent`, `good`, `completed`, `not_completed`.
    pub rating: String,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

macro_rules! rating_columns {
    () => {
        "id, org_id, subject_type, subject_id, year, rating, version, created_at, updated_at"
    };
}

/// A stored discipline with its period (both ends inclusive, `yyyy-mm-dd`).
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct DisciplineRow {
    pub id: String,
    pub org_id: String,
    pub subject_type: String,
    pub subject_id: String,
    /// `reprimand`, `warning`, `demotion`, `removal`, `dismissal`.
    pub level: String,
    pub from_date: String,
    pub to_date: String,
    pub note: Option<String>,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

macro_rules! discipline_columns {
    () => {
        "id, org_id, subject_type, subject_id, level, from_date, to_date, note, version, created_at, updated_at"
    };
}

/// A stored initiative (sáng kiến) or research work.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct InitiativeRow {
    pub id: String,
    pub org_id: String,
    pub subject_type: String,
    pub subject_id: String,
    pub name: String,
    pub year: i64,
    /// `base`, `province`, `national`.
    pub level: String,
    pub research: bool,
    pub applied_in: Option<String>,
    pub used_by_award_id: Option<String>,
    /// The register's initiative this row was written from when the council recognised it (one row
    /// per author); none for a row recorded straight into the ledger.
    pub register_id: Option<String>,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

macro_rules! initiative_columns {
    () => {
        "id, org_id, subject_type, subject_id, name, year, level, research, applied_in, used_by_award_id, register_id, version, created_at, updated_at"
    };
}

/// The whole stored history of one subject (or of several, for a merged unit).
#[derive(Debug, Clone, Default, Serialize)]
pub struct StoredLedger {
    pub awards: Vec<AwardRow>,
    pub ratings: Vec<RatingRow>,
    pub disciplines: Vec<DisciplineRow>,
    pub initiatives: Vec<InitiativeRow>,
}

/// Who a new row belongs to, with fresh id and timestamps.
#[derive(Debug, Clone)]
pub struct Owner<'a> {
    pub org_id: &'a str,
    /// `person` or `unit`.
    pub subject_type: &'a str,
    pub subject_id: &'a str,
}

impl AwardRow {
    /// A new merit award row of `code` for `year`; fill the optional fields afterwards.
    pub fn new(owner: &Owner<'_>, code: &str, year: i64) -> AwardRow {
        let now = ids::now();
        AwardRow {
            id: ids::new_id(),
            org_id: owner.org_id.into(),
            subject_type: owner.subject_type.into(),
            subject_id: owner.subject_id.into(),
            code: code.into(),
            year,
            kind: "merit".into(),
            decision_no: None,
            decision_date: None,
            issuer: None,
            golden_book_no: None,
            achievement_id: None,
            achievement: None,
            revoked: false,
            version: 1,
            created_at: now.clone(),
            updated_at: now,
        }
    }
}

impl RatingRow {
    pub fn new(owner: &Owner<'_>, year: i64, rating: &str) -> RatingRow {
        let now = ids::now();
        RatingRow {
            id: ids::new_id(),
            org_id: owner.org_id.into(),
            subject_type: owner.subject_type.into(),
            subject_id: owner.subject_id.into(),
            year,
            rating: rating.into(),
            version: 1,
            created_at: now.clone(),
            updated_at: now,
        }
    }
}

impl DisciplineRow {
    pub fn new(
        owner: &Owner<'_>,
        level: &str,
        from_date: &str,
        to_date: &str,
        note: Option<String>,
    ) -> DisciplineRow {
        let now = ids::now();
        DisciplineRow {
            id: ids::new_id(),
            org_id: owner.org_id.into(),
            subject_type: owner.subject_type.into(),
            subject_id: owner.subject_id.into(),
            level: level.into(),
            from_date: from_date.into(),
            to_date: to_date.into(),
            note,
            version: 1,
            created_at: now.clone(),
            updated_at: now,
        }
    }
}

impl InitiativeRow {
    pub fn new(
        owner: &Owner<'_>,
        name: &str,
        year: i64,
        level: &str,
        research: bool,
        applied_in: Option<String>,
    ) -> InitiativeRow {
        let now = ids::now();
        InitiativeRow {
            id: ids::new_id(),
            org_id: owner.org_id.into(),
            subject_type: owner.subject_type.into(),
            subject_id: owner.subject_id.into(),
            name: name.into(),
            year,
            level: level.into(),
            research,
            applied_in,
            used_by_award_id: None,
            register_id: None,
            version: 1,
            created_at: now.clone(),
            updated_at: now,
        }
    }
}

/// Every row recorded for `subject_id` (one subject; call once per predecessor for merged units).
pub async fn load(tx: &mut Tx, org_id: &str, subject_id: &str) -> Result<StoredLedger> {
    let awards_sql = concat!(
        "SELECT ",
        award_columns!(),
        " FROM ledger_awards WHERE org_id = $1 AND subject_id = $2 ORDER BY year, code, id"
    );
    let ratings_sql = concat!(
        "SELECT ",
        rating_columns!(),
        " FROM ledger_ratings WHERE org_id = $1 AND subject_id = $2 ORDER BY year"
    );
    let disciplines_sql = concat!(
        "SELECT ",
        discipline_columns!(),
        " FROM ledger_disciplines WHERE org_id = $1 AND subject_id = $2 ORDER BY from_date"
    );
    let initiatives_sql = concat!(
        "SELECT ",
        initiative_columns!(),
        " FROM ledger_initiatives WHERE org_id = $1 AND subject_id = $2 ORDER BY year, name"
    );
    let awards = on_tx!(tx, |c| sqlx::query_as::<_, AwardRow>(awards_sql)
        .bind(org_id)
        .bind(subject_id)
        .fetch_all(c)
        .await)?;
    let ratings = on_tx!(tx, |c| sqlx::query_as::<_, RatingRow>(ratings_sql)
        .bind(org_id)
        .bind(subject_id)
        .fetch_all(c)
        .await)?;
    let disciplines = on_tx!(tx, |c| sqlx::query_as::<_, DisciplineRow>(disciplines_sql)
        .bind(org_id)
        .bind(subject_id)
        .fetch_all(c)
        .await)?;
    let initiatives = on_tx!(tx, |c| sqlx::query_as::<_, InitiativeRow>(initiatives_sql)
        .bind(org_id)
        .bind(subject_id)
        .fetch_all(c)
        .await)?;
    Ok(StoredLedger {
        awards,
        ratings,
        disciplines,
        initiatives,
    })
}

pub async fn get_award(tx: &mut Tx, org_id: &str, id: &str) -> Result<AwardRow> {
    let sql = concat!(
        "SELECT ",
        award_columns!(),
        " FROM ledger_awards WHERE org_id = $1 AND id = $2"
    );
    on_tx!(tx, |c| sqlx::query_as::<_, AwardRow>(sql)
        .bind(org_id)
        .bind(id)
        .fetch_optional(c)
        .await)?
    .ok_or(StoreError::NotFound)
}

pub async fn insert_award(tx: &mut Tx, a: &AwardRow) -> Result<()> {
    insert_row!(tx, "ledger_awards", {
        id: &a.id,
        org_id: &a.org_id,
        subject_type: &a.subject_type,
        subject_id: &a.subject_id,
        code: &a.code,
        year: a.year,
        kind: &a.kind,
        decision_no: &a.decision_no,
        decision_date: &a.decision_date,
        issuer: &a.issuer,
        golden_book_no: a.golden_book_no,
        achievement_id: &a.achievement_id,
        achievement: &a.achievement,
        revoked: a.revoked,
        version: 1_i64,
        created_at: &a.created_at,
        updated_at: &a.created_at,
    })?;
    Ok(())
}

/// Saves an edited award if the stored version is still `a.version`; returns the new row.
pub async fn update_award(tx: &mut Tx, a: &AwardRow) -> Result<AwardRow> {
    let done = update_row!(tx, "ledger_awards", SET {
        code: &a.code,
        year: a.year,
        kind: &a.kind,
        decision_no: &a.decision_no,
        decision_date: &a.decision_date,
        issuer: &a.issuer,
        golden_book_no: a.golden_book_no,
        achievement_id: &a.achievement_id,
        achievement: &a.achievement,
        revoked: a.revoked,
        "version = version + 1",
        updated_at: ids::now(),
    } WHERE {
        id: &a.id,
        org_id: &a.org_id,
        version: a.version,
    })?;
    if done == 0 {
        return Err(StoreError::Conflict);
    }
    get_award(tx, &a.org_id, &a.id).await
}

/// The rating of a subject for a year, if recorded.
pub async fn rating_of(
    tx: &mut Tx,
    org_id: &str,
    subject_id: &str,
    year: i64,
) -> Result<Option<RatingRow>> {
    let sql = concat!(
        "SELECT ",
        rating_columns!(),
        " FROM ledger_ratings WHERE org_id = $1 AND subject_id = $2 AND year = $3"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, RatingRow>(sql)
        .bind(org_id)
        .bind(subject_id)
        .bind(year)
        .fetch_optional(c)
        .await)?)
}

pub async fn insert_rating(tx: &mut Tx, r: &RatingRow) -> Result<()> {
    insert_row!(tx, "ledger_ratings", {
        id: &r.id,
        org_id: &r.org_id,
        subject_type: &r.subject_type,
        subject_id: &r.subject_id,
        year: r.year,
        rating: &r.rating,
        version: 1_i64,
        created_at: &r.created_at,
        updated_at: &r.created_at,
    })?;
    Ok(())
}

/// Changes a rating if the stored version is still `r.version`.
pub async fn update_rating(tx: &mut Tx, r: &RatingRow) -> Result<()> {
    let done = update_row!(tx, "ledger_ratings", SET {
        rating: &r.rating,
        "version = version + 1",
        updated_at: ids::now(),
    } WHERE {
        id: &r.id,
        org_id: &r.org_id,
        version: r.version,
    })?;
    if done == 0 {
        return Err(StoreError::Conflict);
    }
    Ok(())
}

pub async fn insert_discipline(tx: &mut Tx, d: &DisciplineRow) -> Result<()> {
    insert_row!(tx, "ledger_disciplines", {
        id: &d.id,
        org_id: &d.org_id,
        subject_type: &d.subject_type,
        subject_id: &d.subject_id,
        level: &d.level,
        from_date: &d.from_date,
        to_date: &d.to_date,
        note: &d.note,
        version: 1_i64,
        created_at: &d.created_at,
        updated_at: &d.created_at,
    })?;
    Ok(())
}

pub async fn insert_initiative(tx: &mut Tx, i: &InitiativeRow) -> Result<()> {
    insert_row!(tx, "ledger_initiatives", {
        id: &i.id,
        org_id: &i.org_id,
        subject_type: &i.subject_type,
        subject_id: &i.subject_id,
        name: &i.name,
        year: i.year,
        level: &i.level,
        research: i.research,
        applied_in: &i.applied_in,
        used_by_award_id: &i.used_by_award_id,
        register_id: &i.register_id,
        version: 1_i64,
        created_at: &i.created_at,
        updated_at: &i.created_at,
    })?;
    Ok(())
}

pub mod scan;
pub use scan::load_range;
