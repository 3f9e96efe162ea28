//! The organisation (tenant) an installation serves; every tenant-owned row carries its id.

use crate::sql::insert_row;
use crate::{Result, Tx, ids, on_tx};

/// The first organisation, if any.
pub async fn first(tx: &mut Tx) -> Result<Option<String>> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar::<_, String>(
        "SELECT id FROM orgs ORDER BY created_at LIMIT 1"
    )
    .fetch_optional(c)
    .await)?)
}

/// Every organisation, `(id, name)`, oldest first.
pub async fn all(tx: &mut Tx) -> Result<Vec<(String, String)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, (String, String)>(
        "SELECT id, name FROM orgs ORDER BY created_at"
    )
    .fetch_all(c)
    .await)?)
}

/// The organisation's name (`NotFound` when there is none with that id).
pub async fn name(tx: &mut Tx, org_id: &str) -> Result<String> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar::<_, String>(
        "SELECT name FROM orgs WHERE id = $1"
    )
    .bind(org_id)
    .fetch_one(c)
    .await)?)
}

pub async fn insert(tx: &mut Tx, name: &str) -> Result<String> {
    let id = ids::new_id();
    insert_row!(tx, "orgs", {
        id: &id,
        name: name,
        created_at: ids::now(),
    })?;
    Ok(id)
}

/// Number of user accounts in the whole database (first start has none).
pub async fn user_count(tx: &mut Tx) -> Result<i64> {
    Ok(on_tx!(tx, |c| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM users"
    )
    .fetch_one(c)
    .await)?)
}

/// What a fresh installation has so far, for the administrator's first-run checklist: saved document
/// settings, units beyond the body itself, people, users beyond the first, campaigns.
#[derive(Debug, Clone, Copy, Default)]
pub struct SetupProgress {
    pub doc_settings: bool,
    pub units: bool,
    pub people: bool,
    pub users: bool,
    pub campaigns: bool,
}

pub async fn setup_progress(tx: &mut Tx, org_id: &str) -> Result<SetupProgress> {
    // Each an EXISTS, so a province's 200,000 people cost one index probe, not a count.
    let queries = [
        "SELECT EXISTS (SELECT 1 FROM doc_settings WHERE org_id = $1)",
        "SELECT EXISTS (SELECT 1 FROM units WHERE org_id = $1 AND parent_id IS NOT NULL)",
        "SELECT EXISTS (SELECT 1 FROM persons WHERE org_id = $1)",
        "SELECT (SELECT COUNT(*) FROM users WHERE org_id = $1) > 1",
        "SELECT EXISTS (SELECT 1 FROM campaigns WHERE org_id = $1)",
    ];
    let mut done = [false; 5];
    for (i, sql) in queries.iter().enumerate() {
        done[i] = on_tx!(tx, |c| sqlx::query_scalar::<_, bool>(*sql)
            .bind(org_id)
            .fetch_one(c)
            .await)?;
    }
    Ok(SetupProgress {
        doc_settings: done[0],
        units: done[1],
        people: done[2],
        users: done[3],
        campaigns: done[4],
    })
}
