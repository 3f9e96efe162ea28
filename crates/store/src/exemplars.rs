//! Exemplary people and models (gương điển hình tiên tiến, người tốt việc tốt) as stored: the exemplar
//! with its unit and movement, its photos, the units that adopted it and its fostering plan.

use crate::error::StoreError;
use crate::sql::{insert_row, update_row};
use crate::{Result, Tx, ids, on_tx};
use serde::Serialize;

/// A stored exemplar with the names a page shows beside it.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq)]
pub struct ExemplarRow {
    pub id: String,
    pub org_id: String,
    pub unit_id: String,
    /// `person`, `collective` or `model`.
    pub kind: String,
    pub name: String,
    pub headline: String,
    pub story: String,
    pub person_id: Option<String>,
    pub campaign_id: Option<String>,
    pub put_forward_on: String,
    pub year: i64,
    pub quarter: i64,
    /// `proposed`, `more_info`, `selected` or `declined`.
    pub status: String,
    pub reason: Option<String>,
    pub decided_on: Option<String>,
    pub forwarded_on: Option<String>,
    pub forwarded_to: Option<String>,
    pub consent_by: Option<String>,
    pub consent_on: Option<String>,
    pub consent_withdrawn_on: Option<String>,
    pub published_at: Option<String>,
    pub version: i64,
    pub created_by: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub unit_name: String,
    pub unit_path: String,
    pub campaign_title: Option<String>,
    /// The first photo, for cards.
    pub cover_photo_id: Option<String>,
}

macro_rules! select_exemplars {
    () => {
        concat!(
            "SELECT e.id, e.org_id, e.unit_id, e.kind, e.name, e.headline, e.story, e.person_id, \
             e.campaign_id, e.put_forward_on, e.year, e.quarter, e.status, e.reason, e.decided_on, \
             e.forwarded_on, e.forwarded_to, e.consent_by, e.consent_on, e.consent_withdrawn_on, \
             e.published_at, e.version, e.created_by, e.created_at, e.updated_at, \
             u.name AS unit_name, u.path AS unit_path, c.title AS campaign_title, \
             (SELECT p.id FROM exemplar_photos p WHERE p.exemplar_id = e.id \
              ORDER BY p.created_at, p.id LIMIT 1) AS cover_photo_id \
             FROM exemplars e JOIN units u ON u.id = e.unit_id \
             LEFT JOIN campaigns c ON c.id = e.campaign_id WHERE "
        )
    };
}

/// The condition under which an exemplar shows on the public site (also checked by the use cases).
macro_rules! public_condition {
    () => {
        "e.status = 'selected' AND e.consent_on IS NOT NULL AND e.consent_withdrawn_on IS NULL \
         AND e.published_at IS NOT NULL"
    };
}

/// What a unit writes about an exemplar (and may change while the office has not decided).
#[derive(Debug, Clone)]
pub struct ExemplarText<'a> {
    pub kind: &'a str,
    pub name: &'a str,
    pub headline: &'a str,
    pub story: &'a str,
    pub person_id: Option<&'a str>,
    pub campaign_id: Option<&'a str>,
}

/// A new exemplar as put forward.
#[derive(Debug, Clone)]
pub struct NewExemplar<'a> {
    pub org_id: &'a str,
    pub unit_id: &'a str,
    pub text: ExemplarText<'a>,
    pub put_forward_on: &'a str,
    pub year: i64,
    pub quarter: i64,
    pub created_by: Option<String>,
}

/// The folded text an exemplar is searched by (name, headline, unit).
pub fn search_text(name: &str, headline: &str, unit_name: &str) -> String {
    thidua_domain::text::fold(&format!("{name} {headline} {unit_name}"))
}

pub async fn insert(tx: &mut Tx, e: &NewExemplar<'_>, search: &str) -> Result<String> {
    let id = ids::new_id();
    let now = ids::now();
    insert_row!(tx, "exemplars", {
        id: &id,
        org_id: e.org_id,
        unit_id: e.unit_id,
        kind: e.text.kind,
        name: e.text.name,
        headline: e.text.headline,
        story: e.text.story,
        person_id: e.text.person_id,
        campaign_id: e.text.campaign_id,
        put_forward_on: e.put_forward_on,
        year: e.year,
        quarter: e.quarter,
        status: "proposed",
        search_text: search,
        version: 1_i64,
        created_by: &e.created_by,
        created_at: &now,
        updated_at: &now,
    })?;
    Ok(id)
}

pub async fn get(tx: &mut Tx, org_id: &str, id: &str) -> Result<ExemplarRow> {
    on_tx!(tx, |c| sqlx::query_as::<_, ExemplarRow>(concat!(
        select_exemplars!(),
        "e.org_id = $1 AND e.id = $2"
    ))
    .bind(org_id)
    .bind(id)
    .fetch_optional(c)
    .await)?
    .ok_or(StoreError::NotFound)
}

/// A public exemplar by id, whatever its organisation (`NotFound` when it is not public).
pub async fn get_public(tx: &mut Tx, id: &str) -> Result<ExemplarRow> {
    on_tx!(tx, |c| sqlx::query_as::<_, ExemplarRow>(concat!(
        select_exemplars!(),
        "e.id = $1 AND ",
        public_condition!()
    ))
    .bind(id)
    .fetch_optional(c)
    .await)?
    .ok_or(StoreError::NotFound)
}

/// Filters for listing exemplars.
#[derive(Debug, Clone, Default)]
pub struct ExemplarFilter {
    /// Only units under this path (a unit officer's scope), and the selected exemplars of all units.
    pub scope: Option<String>,
    pub year: Option<i64>,
    pub quarter: Option<i64>,
    pub status: Option<String>,
    pub kind: Option<String>,
    pub campaign_id: Option<String>,
    /// Diacritic-insensitive search on name, headline and unit.
    pub query: Option<String>,
    /// Only what the public may see (and then across organisations when `org_id` is empty).
    pub public_only: bool,
}

/// A page of exemplars, newest first, and how many match in all.
pub async fn list(
    tx: &mut Tx,
    org_id: &str,
    f: &ExemplarFilter,
    limit: i64,
    offset: i64,
) -> Result<(Vec<ExemplarRow>, i64)> {
    let scope = f.scope.as_ref().map(|s| format!("{}%", s.replace('%', "")));
    let pattern = f.query.as_deref().map(thidua_domain::text::like_pattern);
    let org = (!org_id.is_empty()).then_some(org_id);
    macro_rules! filter {
        () => {
            "($1 IS NULL OR e.org_id = $1) AND ($2 IS NULL OR u.path LIKE $2 OR e.status = 'selected') \
             AND ($3 IS NULL OR e.year = $3) AND ($4 IS NULL OR e.quarter = $4) \
             AND ($5 IS NULL OR e.status = $5) AND ($6 IS NULL OR e.kind = $6) \
             AND ($7 IS NULL OR e.campaign_id = $7) \
             AND ($8 IS NULL OR (' ' || e.search_text) LIKE $8 ESCAPE '\\') \
             AND ($9 = 0 OR ("
        };
    }
    let public = i64::from(f.public_only);
    // The filter's nine parameters, in the order of `filter!`.
    macro_rules! bind_filter {
        ($q:expr) => {
            $q.bind(org)
                .bind(&scope)
                .bind(f.year)
                .bind(f.quarter)
                .bind(&f.status)
                .bind(&f.kind)
                .bind(&f.campaign_id)
                .bind(&pattern)
                .bind(public)
        };
    }
    let rows = on_tx!(tx, |c| bind_filter!(sqlx::query_as::<_, ExemplarRow>(
        concat!(
            select_exemplars!(),
            filter!(),
            public_condition!(),
            ")) ORDER BY e.put_forward_on DESC, e.id DESC LIMIT $10 OFFSET $11"
        )
    ))
    .bind(limit)
    .bind(offset)
    .fetch_all(c)
    .await)?;
    let total = on_tx!(tx, |c| bind_filter!(sqlx::query_scalar::<_, i64>(concat!(
        "SELECT COUNT(*) FROM exemplars e JOIN units u ON u.id = e.unit_id WHERE ",
        filter!(),
        public_condition!(),
        "))"
    )))
    .fetch_one(c)
    .await)?;
    Ok((rows, total))
}

/// Changes the text of an exemplar of that version ([`StoreError::Conflict`] otherwise).
pub async fn update_text(
    tx: &mut Tx,
    org_id: &str,
    id: &str,
    version: i64,
    e: &ExemplarText<'_>,
    search_text: &str,
) -> Result<()> {
    let done = update_row!(tx, "exemplars", SET {
        kind: e.kind,
        name: e.name,
        headline: e.headline,
        story: e.story,
        person_id: e.person_id,
        campaign_id: e.campaign_id,
        search_text: search_text,
        "version = version + 1",
        updated_at: ids::now(),
    } WHERE { org_id: org_id, id: id, version: version })?;
    conflict_unless(done)
}

/// The office's decision and the state that follows from it.
#[derive(Debug, Clone, Default)]
pub struct ExemplarState {
    pub status: String,
    pub reason: Option<String>,
    pub decided_on: Option<String>,
    pub forwarded_on: Option<String>,
    pub forwarded_to: Option<String>,
    pub consent_by: Option<String>,
    pub consent_on: Option<String>,
    pub consent_withdrawn_on: Option<String>,
    pub published_at: Option<String>,
}

impl ExemplarState {
    pub fn of(r: &ExemplarRow) -> Self {
        Self {
            status: r.status.clone(),
            reason: r.reason.clone(),
            decided_on: r.decided_on.clone(),
            forwarded_on: r.forwarded_on.clone(),
            forwarded_to: r.forwarded_to.clone(),
            consent_by: r.consent_by.clone(),
            consent_on: r.consent_on.clone(),
            consent_withdrawn_on: r.consent_withdrawn_on.clone(),
            published_at: r.published_at.clone(),
        }
    }
}

/// Writes the state of an exemplar of that version ([`StoreError::Conflict`] otherwise).
pub async fn update_state(
    tx: &mut Tx,
    org_id: &str,
    id: &str,
    version: i64,
    s: &ExemplarState,
) -> Result<()> {
    let done = update_row!(tx, "exemplars", SET {
        status: &s.status,
        reason: &s.reason,
        decided_on: &s.decided_on,
        forwarded_on: &s.forwarded_on,
        forwarded_to: &s.forwarded_to,
        consent_by: &s.consent_by,
        consent_on: &s.consent_on,
        consent_withdrawn_on: &s.consent_withdrawn_on,
        published_at: &s.published_at,
        "version = version + 1",
        updated_at: ids::now(),
    } WHERE { org_id: org_id, id: id, version: version })?;
    conflict_unless(done)
}

fn conflict_unless(done: u64) -> Result<()> {
    if done == 0 {
        Err(StoreError::Conflict)
    } else {
        Ok(())
    }
}

/// How many exemplars each unit put forward in a quarter (`unit_id`, count).
pub async fn count_by_unit(
    tx: &mut Tx,
    org_id: &str,
    year: i64,
    quarter: i64,
) -> Result<Vec<(String, i64)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, (String, i64)>(
        "SELECT unit_id, COUNT(*) FROM exemplars WHERE org_id = $1 AND year = $2 AND quarter = $3 \
         GROUP BY unit_id"
    )
    .bind(org_id)
    .bind(year)
    .bind(quarter)
    .fetch_all(c)
    .await)?)
}

pub use crate::exemplar_parts::*;
