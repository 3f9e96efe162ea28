//! People (cá nhân) of the organisation, each in one unit, searchable without diacritics.

use crate::sql::update_row;
use crate::{Result, StoreError, Tx, exec, ids, on_tx};
use serde::Serialize;

/// A stored person.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct PersonRow {
    pub id: String,
    pub org_id: String,
    pub unit_id: String,
    pub unit_path: String,
    pub full_name: String,
    pub gender: String,
    pub birth_date: Option<String>,
    pub position: Option<String>,
    pub kind: String,
    pub direct_worker: bool,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

macro_rules! columns {
    () => {
        "id, org_id, unit_id, unit_path, full_name, gender, birth_date, position, kind, direct_worker, version, created_at, updated_at"
    };
}

/// A person with the name of their unit, for lists.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct PersonListRow {
    pub id: String,
    pub unit_id: String,
    pub unit_name: String,
    pub full_name: String,
    pub gender: String,
    pub birth_date: Option<String>,
    pub position: Option<String>,
    pub kind: String,
    pub direct_worker: bool,
}

fn search_text(p: &PersonRow) -> String {
    thidua_domain::text::fold(&format!(
        "{} {}",
        p.full_name,
        p.position.as_deref().unwrap_or("")
    ))
}

/// Filters for listing people.
#[derive(Debug, Clone, Default)]
pub struct PersonFilter {
    pub scope: Option<String>,
    pub unit_id: Option<String>,
    pub query: Option<String>,
}

/// The FROM and WHERE of the people list and its count (a macro so `concat!` keeps both static).
macro_rules! filter_sql {
    () => {
        " FROM persons p JOIN units u ON u.id = p.unit_id WHERE p.org_id = $1 AND ($2 IS NULL OR p.unit_path LIKE $2) \
         AND ($3 IS NULL OR p.unit_id = $3) AND ($4 IS NULL OR (' ' || p.search_text) LIKE $4 ESCAPE '\\')"
    };
}

/// One page of people, ordered by name.
pub async fn list(
    tx: &mut Tx,
    org_id: &str,
    f: &PersonFilter,
    limit: i64,
    offset: i64,
) -> Result<Vec<PersonListRow>> {
    let sql = concat!(
        "SELECT p.id, p.unit_id, u.name AS unit_name, p.full_name, p.gender, p.birth_date, p.position, p.kind, p.direct_worker",
        filter_sql!(),
        " ORDER BY p.search_text, p.id LIMIT $5 OFFSET $6"
    );
    let scope = f.scope.as_ref().map(|s| format!("{s}%"));
    let pattern = f.query.as_deref().map(thidua_domain::text::like_pattern);
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, PersonListRow>(sql)
        .bind(org_id)
        .bind(&scope)
        .bind(&f.unit_id)
        .bind(&pattern)
        .bind(limit)
        .bind(offset)
        .fetch_all(c)
        .await)?)
}

pub async fn count(tx: &mut Tx, org_id: &str, f: &PersonFilter) -> Result<i64> {
    let sql = concat!("SELECT COUNT(*)", filter_sql!());
    let scope = f.scope.as_ref().map(|s| format!("{s}%"));
    let pattern = f.query.as_deref().map(thidua_domain::text::like_pattern);
    Ok(on_tx!(tx, |c| sqlx::query_scalar::<_, i64>(sql)
        .bind(org_id)
        .bind(&scope)
        .bind(&f.unit_id)
        .bind(&pattern)
        .fetch_one(c)
        .await)?)
}

pub async fn get(tx: &mut Tx, org_id: &str, id: &str) -> Result<PersonRow> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " FROM persons WHERE org_id = $1 AND id = $2"
    );
    on_tx!(tx, |c| sqlx::query_as::<_, PersonRow>(sql)
        .bind(org_id)
        .bind(id)
        .fetch_optional(c)
        .await)?
    .ok_or(StoreError::NotFound)
}

/// A new person row ready to insert (id and timestamps filled by [`PersonRow::new`]).
impl PersonRow {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        org_id: &str,
        unit_id: &str,
        unit_path: &str,
        full_name: &str,
        gender: &str,
        birth_date: Option<String>,
        position: Option<String>,
        kind: &str,
        direct_worker: bool,
    ) -> PersonRow {
        let now = ids::now();
        PersonRow {
            id: ids::new_id(),
            org_id: org_id.into(),
            unit_id: unit_id.into(),
            unit_path: unit_path.into(),
            full_name: full_name.into(),
            gender: gender.into(),
            birth_date,
            position,
            kind: kind.into(),
            direct_worker,
            version: 1,
            created_at: now.clone(),
            updated_at: now,
        }
    }
}

pub async fn insert(tx: &mut Tx, p: &PersonRow) -> Result<()> {
    insert_many(tx, std::slice::from_ref(p)).await
}

/// Inserts many people with multi-row statements (imports of 100,000 rows).
pub async fn insert_many(tx: &mut Tx, people: &[PersonRow]) -> Result<()> {
    // 12 parameters a row; stay well under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters.
    // Measured with bench/import_people.sh (100,000 rows): SQLite's driver slows down on statements with
    // thousands of parameters (500 rows: 10.4 s, 25 rows: 4.5 s), PostgreSQL prefers fewer round trips.
    let rows_per_statement = match tx {
        Tx::Sqlite(_) => 25,
        Tx::Postgres(_) => 500,
    };
    for chunk in people.chunks(rows_per_statement) {
        let mut sql = String::from(
            "INSERT INTO persons (id, org_id, unit_id, unit_path, full_name, gender, birth_date, position, kind, direct_worker, search_text, version, created_at, updated_at) VALUES ",
        );
        for i in 0..chunk.len() {
            let b = i * 12;
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, 1, ${}, ${})",
                b + 1,
                b + 2,
                b + 3,
                b + 4,
                b + 5,
                b + 6,
                b + 7,
                b + 8,
                b + 9,
                b + 10,
                b + 11,
                b + 12,
                b + 12
            ));
        }
        exec!(tx, {
            // Dynamic only in the number of rows; every piece is a literal above.
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
            for p in chunk {
                q = q
                    .bind(&p.id)
                    .bind(&p.org_id)
                    .bind(&p.unit_id)
                    .bind(&p.unit_path)
                    .bind(&p.full_name)
                    .bind(&p.gender)
                    .bind(&p.birth_date)
                    .bind(&p.position)
                    .bind(&p.kind)
                    .bind(p.direct_worker)
                    .bind(search_text(p))
                    .bind(&p.created_at);
            }
            q
        })?;
    }
    Ok(())
}

/// Saves an edited person if the stored version is still `p.version`; returns the new row.
pub async fn update(tx: &mut Tx, p: &PersonRow) -> Result<PersonRow> {
    let done = update_row!(tx, "persons", SET {
        unit_id: &p.unit_id,
        unit_path: &p.unit_path,
        full_name: &p.full_name,
        gender: &p.gender,
        birth_date: &p.birth_date,
        position: &p.position,
        kind: &p.kind,
        direct_worker: p.direct_worker,
        search_text: search_text(p),
        "version = version + 1",
        updated_at: ids::now(),
    } WHERE {
        id: &p.id,
        org_id: &p.org_id,
        version: p.version,
    })?;
    if done == 0 {
        return Err(StoreError::Conflict);
    }
    get(tx, &p.org_id, &p.id).await
}

/// Moves every person of `from_unit` to `to_unit` (merges carry people to the successor).
pub async fn move_all(
    tx: &mut Tx,
    org_id: &str,
    from_unit: &str,
    to_unit: &str,
    to_path: &str,
) -> Result<u64> {
    let done = update_row!(tx, "persons", SET {
        unit_id: to_unit,
        unit_path: to_path,
        "version = version + 1",
        updated_at: ids::now(),
    } WHERE {
        org_id: org_id,
        unit_id: from_unit,
    })?;
    Ok(done)
}
