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

/// The people list's filter, the same on both engines: organisation, scope (a unit path prefix), unit.
/// On SQLite the scope is a range of the (org_id, unit_path) index; PostgreSQL keeps LIKE, whose
/// prefix match does not depend on the database's collation (it only mentions the range's end, $3, so
/// both engines take the same parameters).
macro_rules! where_sql {
    (sqlite) => {
        " WHERE p.org_id = $1 AND ($2 IS NULL OR (p.unit_path >= $2 AND p.unit_path < $3)) AND ($4 IS NULL OR p.unit_id = $4)"
    };
    (postgres) => {
        " WHERE p.org_id = $1 AND ($2 IS NULL OR p.unit_path LIKE $2 || '%') AND ($3::text IS NULL OR TRUE) AND ($4 IS NULL OR p.unit_id = $4)"
    };
}

/// Where the matches of a search come from: SQLite's full-text index (FTS5, migration
/// `migrations_sqlite/1001`), PostgreSQL's word index on the folded text (`migrations_postgres/1001`).
macro_rules! search_from {
    (sqlite) => {
        // CROSS JOIN keeps this order: matches first, then their people (else SQLite may scan people
        // and run the full-text query once per person).
        " FROM person_search s CROSS JOIN person_search_keys k ON k.n = s.rowid CROSS JOIN persons p ON p.id = k.person_id"
    };
    (postgres) => {
        " FROM persons p"
    };
}
macro_rules! search_where {
    (sqlite) => {
        " AND person_search MATCH $5 AND (' ' || p.search_text) LIKE $6 ESCAPE '\\'"
    };
    (postgres) => {
        " AND to_tsvector('simple', p.search_text) @@ to_tsquery('simple', $5) AND (' ' || p.search_text) LIKE $6 ESCAPE '\\'"
    };
}

macro_rules! list_columns {
    () => {
        "SELECT p.id, p.unit_id, u.name AS unit_name, p.full_name, p.gender, p.birth_date, p.position, p.kind, p.direct_worker"
    };
}

/// The statements of the list and the count, per engine and with or without a search.
struct PeopleSql {
    list: &'static str,
    count: &'static str,
}

macro_rules! people_sql {
    ($engine:tt, plain) => {
        PeopleSql {
            list: concat!(
                list_columns!(),
                " FROM persons p JOIN units u ON u.id = p.unit_id",
                where_sql!($engine),
                " AND $5 IS NULL AND $6 IS NULL ORDER BY p.search_text, p.id LIMIT $7 OFFSET $8"
            ),
            count: concat!(
                "SELECT COUNT(*) FROM persons p",
                where_sql!($engine),
                " AND $5 IS NULL AND $6 IS NULL"
            ),
        }
    };
    // A search without a letter or digit ("%", "'"): no word for the index, the pattern alone.
    ($engine:tt, pattern) => {
        PeopleSql {
            list: concat!(list_columns!(), " FROM persons p JOIN units u ON u.id = p.unit_id", where_sql!($engine), " AND $5 IS NULL AND (' ' || p.search_text) LIKE $6 ESCAPE '\\' ORDER BY p.search_text, p.id LIMIT $7 OFFSET $8"),
            count: concat!("SELECT COUNT(*) FROM persons p", where_sql!($engine), " AND $5 IS NULL AND (' ' || p.search_text) LIKE $6 ESCAPE '\\'"),
        }
    };
    ($engine:tt, search) => {
        PeopleSql {
            list: concat!(
                list_columns!(),
                search_from!($engine),
                " JOIN units u ON u.id = p.unit_id",
                where_sql!($engine),
                search_where!($engine),
                " ORDER BY p.search_text, p.id LIMIT $7 OFFSET $8"
            ),
            count: concat!(
                "SELECT COUNT(*)",
                search_from!($engine),
                where_sql!($engine),
                search_where!($engine)
            ),
        }
    };
}

/// The parameters both statements take: $1 org, $2–$3 scope, $4 unit, $5 the words for the index,
/// $6 the LIKE pattern that keeps the words in the order typed (on the few rows the index found).
struct PeopleParams {
    scope_from: Option<String>,
    scope_to: Option<String>,
    search: Option<String>,
    pattern: Option<String>,
    sql: PeopleSql,
}

fn people_params(tx: &Tx, f: &PersonFilter) -> PeopleParams {
    let sqlite = matches!(tx, Tx::Sqlite(_));
    let query = f.query.as_deref().filter(|q| !q.trim().is_empty());
    let search = query.and_then(|q| search_expression(q, sqlite));
    let sql = match (sqlite, query.is_some(), search.is_some()) {
        (true, false, _) => people_sql!(sqlite, plain),
        (true, true, false) => people_sql!(sqlite, pattern),
        (true, true, true) => people_sql!(sqlite, search),
        (false, false, _) => people_sql!(postgres, plain),
        (false, true, false) => people_sql!(postgres, pattern),
        (false, true, true) => people_sql!(postgres, search),
    };
    // Paths end with '/', and '0' follows '/' in byte order: [scope, scope minus '/' plus '0') is
    // exactly the paths that start with scope.
    let scope_to = f
        .scope
        .as_ref()
        .map(|s| format!("{}0", s.trim_end_matches('/')));
    let pattern = query.map(thidua_domain::text::like_pattern);
    PeopleParams {
        scope_from: f.scope.clone(),
        scope_to,
        search,
        pattern,
        sql,
    }
}

/// The words of a search, folded (no diacritics), as a full-text query where each word is the start
/// of a word of the name or position: `"nguyen"* "van"* "an"*` (SQLite FTS5) or
/// `nguyen:* & van:* & an:*` (PostgreSQL). None when the search has no letter or digit.
pub fn search_expression(query: &str, sqlite: bool) -> Option<String> {
    let folded = thidua_domain::text::fold(query);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return None;
    }
    let terms: Vec<String> = words
        .iter()
        .map(|w| {
            if sqlite {
                format!("\"{w}\"*")
            } else {
                format!("{w}:*")
            }
        })
        .collect();
    Some(terms.join(if sqlite { " " } else { " & " }))
}

/// One page of people, ordered by name.
pub async fn list(
    tx: &mut Tx,
    org_id: &str,
    f: &PersonFilter,
    limit: i64,
    offset: i64,
) -> Result<Vec<PersonListRow>> {
    let p = people_params(tx, f);
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, PersonListRow>(
        p.sql.list
    )
    .bind(org_id)
    .bind(&p.scope_from)
    .bind(&p.scope_to)
    .bind(&f.unit_id)
    .bind(&p.search)
    .bind(&p.pattern)
    .bind(limit)
    .bind(offset)
    .fetch_all(c)
    .await)?)
}

pub async fn count(tx: &mut Tx, org_id: &str, f: &PersonFilter) -> Result<i64> {
    let p = people_params(tx, f);
    Ok(on_tx!(tx, |c| sqlx::query_scalar::<_, i64>(p.sql.count)
        .bind(org_id)
        .bind(&p.scope_from)
        .bind(&p.scope_to)
        .bind(&f.unit_id)
        .bind(&p.search)
        .bind(&p.pattern)
        .fetch_one(c)
        .await)?)
}

/// The next `limit` people after id `after` (all people in id order, a page at a time): id, name,
/// unit path.
pub async fn page_by_id(
    tx: &mut Tx,
    org_id: &str,
    after: &str,
    limit: i64,
) -> Result<Vec<(String, String, String)>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, (String, String, String)>(
        "SELECT id, full_name, unit_path FROM persons WHERE org_id = $1 AND id > $2 ORDER BY id LIMIT $3"
    )
    .bind(org_id)
    .bind(after)
    .bind(limit)
    .fetch_all(c)
    .await
    })?)
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
