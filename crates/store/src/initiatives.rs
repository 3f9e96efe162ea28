//! The register of initiatives (sáng kiến): the initiatives with their authors and files, the council's
//! sessions, and the one use of each as the basis of a title or an award. The statuses are decoded by
//! `thidua_domain::initiative`; a recognised initiative is also written into each author's ledger
//! (`ledger_initiatives.register_id`), which is what the eligibility engine reads.

use crate::sql::{insert_row, update_row};
use crate::{Result, StoreError, Tx, ids, on_tx};
use serde::Serialize;

/// A stored initiative.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct InitiativeRow {
    pub id: String,
    pub org_id: String,
    pub unit_id: String,
    pub unit_path: String,
    pub name: String,
    pub field: String,
    /// `yyyy-mm-dd`.
    pub applied_on: String,
    pub year: i64,
    pub description: String,
    pub research: bool,
    /// `proposed`, `under_evaluation`, `recognised`, `not_recognised`, `withdrawn`.
    pub status: String,
    /// `base`, `province`, `national` once recognised.
    pub level: Option<String>,
    pub scope_note: Option<String>,
    pub session_id: Option<String>,
    pub result_note: Option<String>,
    pub search_text: String,
    pub created_by_name: String,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

macro_rules! columns {
    () => {
        "i.id, i.org_id, i.unit_id, i.unit_path, i.name, i.field, i.applied_on, i.year, i.description, i.research, i.status, i.level, i.scope_note, i.session_id, i.result_note, i.search_text, i.created_by_name, i.version, i.created_at, i.updated_at"
    };
}

/// An author and their share (hundredths of a per cent), with their name and unit.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct AuthorRow {
    pub id: String,
    pub org_id: String,
    pub initiative_id: String,
    pub person_id: String,
    pub share_bp: i64,
    pub position: i64,
    #[sqlx(default)]
    pub full_name: String,
}

/// A file of an initiative's dossier.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct FileRow {
    pub id: String,
    pub org_id: String,
    pub initiative_id: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub created_by_name: String,
    pub created_at: String,
}

/// A council session.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct SessionRow {
    pub id: String,
    pub org_id: String,
    /// `initiative` (Hội đồng sáng kiến) or `science` (Hội đồng khoa học).
    pub council: String,
    pub held_on: String,
    pub minutes_no: String,
    pub members_present: String,
    pub present: i64,
    pub note: Option<String>,
    pub recorded_by_name: String,
    pub created_at: String,
}

/// The use of an initiative as the basis of a title or an award.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct UseRow {
    pub id: String,
    pub org_id: String,
    pub initiative_id: String,
    /// `award` or `nomination`.
    pub target_type: String,
    pub target_id: String,
    pub person_id: String,
    pub label: String,
    pub created_by_name: String,
    pub created_at: String,
}

/// A row type both engines decode.
pub trait Decoded:
    Send
    + Unpin
    + for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
    + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
{
}
impl<T> Decoded for T where
    T: Send
        + Unpin
        + for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
        + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
{
}

/// The row `sql` finds with `$1` the organisation and `$2` the id, or `NotFound`.
async fn one<T: Decoded>(tx: &mut Tx, sql: &'static str, org_id: &str, id: &str) -> Result<T> {
    on_tx!(tx, |c| sqlx::query_as::<_, T>(sql)
        .bind(org_id)
        .bind(id)
        .fetch_optional(c)
        .await)?
    .ok_or(StoreError::NotFound)
}

/// The rows `sql` finds with `$1` (and `$2` when given).
async fn all<T: Decoded>(
    tx: &mut Tx,
    sql: &'static str,
    first: &str,
    second: Option<&str>,
) -> Result<Vec<T>> {
    Ok(on_tx!(tx, |c| {
        let q = sqlx::query_as::<_, T>(sql).bind(first);
        match second {
            Some(s) => q.bind(s).fetch_all(c).await,
            None => q.fetch_all(c).await,
        }
    })?)
}

/// What a register list is filtered by.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// The unit path prefix the caller may read (unit officers), or none.
    pub scope: Option<String>,
    pub year: Option<i64>,
    pub status: Option<String>,
    pub level: Option<String>,
    /// Folded words the name, field, unit or authors must contain.
    pub query: Option<String>,
}

/// One line of the register: the initiative, its unit's name, and what it was used for, if it was.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Listed {
    #[sqlx(flatten)]
    pub row: InitiativeRow,
    pub unit_name: String,
    pub used_label: Option<String>,
}

/// The register, newest first.
pub async fn list(tx: &mut Tx, org_id: &str, f: &Filter) -> Result<Vec<Listed>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        ", u.name AS unit_name, x.label AS used_label FROM initiatives i JOIN units u ON u.id = i.unit_id",
        " LEFT JOIN initiative_uses x ON x.initiative_id = i.id",
        " WHERE i.org_id = $1 AND ($2 IS NULL OR i.unit_path LIKE $2 || '%')",
        " AND ($3 IS NULL OR i.year = $3) AND ($4 IS NULL OR i.status = $4)",
        " AND ($5 IS NULL OR i.level = $5) AND ($6 IS NULL OR i.search_text LIKE $6)",
        " ORDER BY i.applied_on DESC, i.id DESC LIMIT 500"
    );
    let like = f.query.as_ref().map(|q| format!("%{q}%"));
    let rows = on_tx!(tx, |c| sqlx::query_as::<_, Listed>(sql)
        .bind(org_id)
        .bind(&f.scope)
        .bind(f.year)
        .bind(&f.status)
        .bind(&f.level)
        .bind(&like)
        .fetch_all(c)
        .await)?;
    Ok(rows)
}

pub async fn get(tx: &mut Tx, org_id: &str, id: &str) -> Result<InitiativeRow> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " FROM initiatives i WHERE i.org_id = $1 AND i.id = $2"
    );
    one(tx, sql, org_id, id).await
}

pub async fn insert(tx: &mut Tx, r: &InitiativeRow) -> Result<()> {
    insert_row!(tx, "initiatives", {
        id: &r.id,
        org_id: &r.org_id,
        unit_id: &r.unit_id,
        unit_path: &r.unit_path,
        name: &r.name,
        field: &r.field,
        applied_on: &r.applied_on,
        year: r.year,
        description: &r.description,
        research: r.research,
        status: &r.status,
        level: &r.level,
        scope_note: &r.scope_note,
        session_id: &r.session_id,
        result_note: &r.result_note,
        search_text: &r.search_text,
        created_by_name: &r.created_by_name,
        version: 1_i64,
        created_at: &r.created_at,
        updated_at: &r.created_at,
    })?;
    Ok(())
}

/// Saves an edited initiative (fields, status, result) if the stored version is still `r.version`.
pub async fn update(tx: &mut Tx, r: &InitiativeRow) -> Result<InitiativeRow> {
    let done = update_row!(tx, "initiatives", SET {
        unit_id: &r.unit_id,
        unit_path: &r.unit_path,
        name: &r.name,
        field: &r.field,
        applied_on: &r.applied_on,
        year: r.year,
        description: &r.description,
        research: r.research,
        status: &r.status,
        level: &r.level,
        scope_note: &r.scope_note,
        session_id: &r.session_id,
        result_note: &r.result_note,
        search_text: &r.search_text,
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
    get(tx, &r.org_id, &r.id).await
}

/// Takes the initiative's row for this transaction (PostgreSQL locks it until the end; SQLite holds the
/// write lock already), so two uses of one initiative are decided one after the other.
pub async fn lock(tx: &mut Tx, org_id: &str, id: &str) -> Result<()> {
    let done = update_row!(tx, "initiatives", SET { updated_at: ids::now() } WHERE { id: id, org_id: org_id })?;
    if done == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub async fn authors(tx: &mut Tx, initiative_id: &str) -> Result<Vec<AuthorRow>> {
    all(tx, "SELECT a.id, a.org_id, a.initiative_id, a.person_id, a.share_bp, a.position, p.full_name FROM initiative_authors a JOIN persons p ON p.id = a.person_id WHERE a.initiative_id = $1 ORDER BY a.position", initiative_id, None).await
}

/// Replaces the authors of an initiative.
pub async fn set_authors(tx: &mut Tx, initiative_id: &str, rows: &[AuthorRow]) -> Result<()> {
    crate::exec!(
        tx,
        sqlx::query("DELETE FROM initiative_authors WHERE initiative_id = $1").bind(initiative_id)
    )?;
    for a in rows {
        insert_row!(tx, "initiative_authors", {
            id: &a.id,
            org_id: &a.org_id,
            initiative_id: &a.initiative_id,
            person_id: &a.person_id,
            share_bp: a.share_bp,
            position: a.position,
        })?;
    }
    Ok(())
}

pub async fn files(tx: &mut Tx, initiative_id: &str) -> Result<Vec<FileRow>> {
    all(
        tx,
        "SELECT * FROM initiative_files WHERE initiative_id = $1 ORDER BY created_at, id",
        initiative_id,
        None,
    )
    .await
}

pub async fn file(tx: &mut Tx, org_id: &str, id: &str) -> Result<FileRow> {
    one(
        tx,
        "SELECT * FROM initiative_files WHERE org_id = $1 AND id = $2",
        org_id,
        id,
    )
    .await
}

pub async fn insert_file(tx: &mut Tx, f: &FileRow) -> Result<()> {
    insert_row!(tx, "initiative_files", {
        id: &f.id,
        org_id: &f.org_id,
        initiative_id: &f.initiative_id,
        file_name: &f.file_name,
        content_type: &f.content_type,
        size_bytes: f.size_bytes,
        sha256: &f.sha256,
        created_by_name: &f.created_by_name,
        created_at: &f.created_at,
    })?;
    Ok(())
}

pub async fn sessions(tx: &mut Tx, org_id: &str) -> Result<Vec<SessionRow>> {
    all(
        tx,
        "SELECT * FROM initiative_sessions WHERE org_id = $1 ORDER BY held_on DESC, id DESC",
        org_id,
        None,
    )
    .await
}

pub async fn session(tx: &mut Tx, org_id: &str, id: &str) -> Result<SessionRow> {
    one(
        tx,
        "SELECT * FROM initiative_sessions WHERE org_id = $1 AND id = $2",
        org_id,
        id,
    )
    .await
}

pub async fn insert_session(tx: &mut Tx, s: &SessionRow) -> Result<()> {
    insert_row!(tx, "initiative_sessions", {
        id: &s.id,
        org_id: &s.org_id,
        council: &s.council,
        held_on: &s.held_on,
        minutes_no: &s.minutes_no,
        members_present: &s.members_present,
        present: s.present,
        note: &s.note,
        recorded_by_name: &s.recorded_by_name,
        created_at: &s.created_at,
    })?;
    Ok(())
}

/// The initiatives a session decided on.
pub async fn of_session(tx: &mut Tx, org_id: &str, session_id: &str) -> Result<Vec<InitiativeRow>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " FROM initiatives i WHERE i.org_id = $1 AND i.session_id = $2 ORDER BY i.name, i.id"
    );
    all(tx, sql, org_id, Some(session_id)).await
}

/// The use of an initiative, if it was used.
pub async fn use_of(tx: &mut Tx, initiative_id: &str) -> Result<Option<UseRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, UseRow>(
        "SELECT * FROM initiative_uses WHERE initiative_id = $1"
    )
    .bind(initiative_id)
    .fetch_optional(c)
    .await)?)
}

pub async fn insert_use(tx: &mut Tx, u: &UseRow) -> Result<()> {
    insert_row!(tx, "initiative_uses", {
        id: &u.id,
        org_id: &u.org_id,
        initiative_id: &u.initiative_id,
        target_type: &u.target_type,
        target_id: &u.target_id,
        person_id: &u.person_id,
        label: &u.label,
        created_by_name: &u.created_by_name,
        created_at: &u.created_at,
    })?;
    Ok(())
}

/// Marks every ledger row of a register initiative as the basis of `award_id`: the author who received
/// it has it in their history, and the co-authors' rows count as spent (see `used_elsewhere`).
pub async fn mark_ledger_used(tx: &mut Tx, register_id: &str, award_id: &str) -> Result<()> {
    update_row!(tx, "ledger_initiatives", SET {
        used_by_award_id: award_id,
        "version = version + 1",
        updated_at: ids::now(),
    } WHERE {
        register_id: register_id,
    })?;
    Ok(())
}

/// A nomination of a person that an initiative may be the basis of.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct OpenNomination {
    pub id: String,
    pub code: String,
    pub year: i64,
    pub status: String,
}

/// The nominations of a person still in progress or decided (not withdrawn, failed or revoked).
pub async fn nominations_of(
    tx: &mut Tx,
    org_id: &str,
    person_id: &str,
) -> Result<Vec<OpenNomination>> {
    all(tx, "SELECT id, code, year, status FROM nominations WHERE org_id = $1 AND person_id = $2 AND status NOT IN ('withdrawn', 'failed', 'revoked') ORDER BY year DESC, id", org_id, Some(person_id)).await
}
