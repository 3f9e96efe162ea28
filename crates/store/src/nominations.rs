//! Nominations with their dossier documents and timelines (step 7 of the process). Every change of
//! state goes through [`set_status`], which checks the version so two officers appraising the same
//! dossier at once are told, not overwritten, and writes the timeline event in the same transaction.

use crate::{Result, StoreError, Tx, exec, ids, on_tx};
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct NominationRow {
    pub id: String,
    pub org_id: String,
    pub campaign_id: Option<String>,
    pub theme_id: Option<String>,
    pub nominating_unit_id: String,
    /// `person`, `unit` or `household`.
    pub nominee_type: String,
    pub person_id: Option<String>,
    pub unit_id: Option<String>,
    pub household_name: Option<String>,
    /// Catalog code proposed (after any lowering).
    pub code: String,
    /// The code first asked for, when the standing office lowered the form.
    pub original_code: Option<String>,
    /// `merit`, `campaign`, `ad_hoc`, `career`, `foreign`.
    pub kind: String,
    /// `standard` or `simplified`.
    pub procedure: String,
    pub year: i64,
    pub achievement: String,
    pub achievement_key: Option<String>,
    pub justification: Option<String>,
    pub status: String,
    pub route_unit_id: Option<String>,
    pub round: i64,
    pub submitted_at: Option<String>,
    pub checks_json: Option<String>,
    pub confidential: bool,
    #[serde(skip)]
    pub search_text: String,
    pub created_by: Option<String>,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

const COLUMNS: &str = "id, org_id, campaign_id, theme_id, nominating_unit_id, nominee_type, person_id, unit_id, household_name, code, original_code, kind, procedure, year, achievement, achievement_key, justification, status, route_unit_id, round, submitted_at, checks_json, confidential, search_text, created_by, version, created_at, updated_at";

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct DocumentRow {
    pub id: String,
    pub org_id: String,
    pub nomination_id: String,
    /// Catalog document code (`to_trinh`, `bien_ban`, `bao_cao_thanh_tich`, …).
    pub doc_code: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub vote_yes: Option<i64>,
    pub vote_total: Option<i64>,
    pub round: i64,
    pub created_by: Option<String>,
    pub created_at: String,
}

const DOC_COLUMNS: &str = "id, org_id, nomination_id, doc_code, file_name, content_type, size_bytes, sha256, vote_yes, vote_total, round, created_by, created_at";

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct EventRow {
    pub id: String,
    pub nomination_id: String,
    pub at: String,
    pub user_id: Option<String>,
    pub user_name: String,
    pub action: String,
    pub from_status: Option<String>,
    pub to_status: String,
    pub round: i64,
    pub note: Option<String>,
}

/// What the nomination list is filtered by.
#[derive(Debug, Clone, Default)]
pub struct NominationFilter {
    pub campaign_id: Option<String>,
    pub status: Option<String>,
    pub code: Option<String>,
    /// Nominating unit path prefix (a unit officer's scope, or a chosen unit's subtree).
    pub unit_path: Option<String>,
    /// Routed through this lead unit (a theme lead's inbox).
    pub route_unit_id: Option<String>,
    /// Folded LIKE pattern on the nominee's name and the achievement.
    pub pattern: Option<String>,
    /// A unit officer's scope (unit path): nominations made inside it, or sent (not drafts) to a theme
    /// lead inside it. Narrows the rows read before the use case checks each one.
    pub scope_path: Option<String>,
}

impl NominationRow {
    /// The folded text the list searches: nominee name, achievement, code.
    pub fn make_search_text(&self, nominee_name: &str) -> String {
        thidua_domain::text::fold(&format!(
            "{nominee_name} {} {}",
            self.achievement, self.code
        ))
    }
}

pub async fn insert(tx: &mut Tx, r: &NominationRow) -> Result<()> {
    let placeholders: Vec<String> = (1..=28).map(|i| format!("${i}")).collect();
    let sql = format!(
        "INSERT INTO nominations ({COLUMNS}) VALUES ({})",
        placeholders.join(", ")
    );
    exec!(
        tx,
        sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(&r.id)
            .bind(&r.org_id)
            .bind(&r.campaign_id)
            .bind(&r.theme_id)
            .bind(&r.nominating_unit_id)
            .bind(&r.nominee_type)
            .bind(&r.person_id)
            .bind(&r.unit_id)
            .bind(&r.household_name)
            .bind(&r.code)
            .bind(&r.original_code)
            .bind(&r.kind)
            .bind(&r.procedure)
            .bind(r.year)
            .bind(&r.achievement)
            .bind(&r.achievement_key)
            .bind(&r.justification)
            .bind(&r.status)
            .bind(&r.route_unit_id)
            .bind(r.round)
            .bind(&r.submitted_at)
            .bind(&r.checks_json)
            .bind(r.confidential)
            .bind(&r.search_text)
            .bind(&r.created_by)
            .bind(r.version)
            .bind(&r.created_at)
            .bind(&r.updated_at)
    )?;
    Ok(())
}

pub async fn get(tx: &mut Tx, org_id: &str, id: &str) -> Result<NominationRow> {
    let sql = format!("SELECT {COLUMNS} FROM nominations WHERE org_id = $1 AND id = $2");
    on_tx!(tx, |c| sqlx::query_as::<_, NominationRow>(
        sqlx::AssertSqlSafe(sql.clone())
    )
    .bind(org_id)
    .bind(id)
    .fetch_optional(c)
    .await)?
    .ok_or(StoreError::NotFound)
}

/// Nominations matching a filter, newest first; at most `limit`.
pub async fn list(
    tx: &mut Tx,
    org_id: &str,
    f: &NominationFilter,
    limit: i64,
) -> Result<Vec<NominationRow>> {
    let unit_like = f.unit_path.as_ref().map(|p| format!("{p}%"));
    let sql = format!(
        "SELECT {COLUMNS} FROM nominations n WHERE org_id = $1 AND ($2 IS NULL OR campaign_id = $2) AND ($3 IS NULL OR status = $3) AND ($4 IS NULL OR code = $4) \
         AND ($5 IS NULL OR nominating_unit_id IN (SELECT id FROM units WHERE path LIKE $5)) AND ($6 IS NULL OR route_unit_id = $6) \
         AND ($7 IS NULL OR (' ' || search_text) LIKE $7 ESCAPE '\\') \
         AND ($9 IS NULL OR nominating_unit_id IN (SELECT id FROM units WHERE org_id = $1 AND path LIKE $9) \
              OR (status <> 'draft' AND route_unit_id IN (SELECT id FROM units WHERE org_id = $1 AND path LIKE $9))) \
         ORDER BY updated_at DESC LIMIT $8"
    );
    let scope_like = f.scope_path.as_ref().map(|p| format!("{p}%"));
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, NominationRow>(
        sqlx::AssertSqlSafe(sql.clone())
    )
    .bind(org_id)
    .bind(&f.campaign_id)
    .bind(&f.status)
    .bind(&f.code)
    .bind(&unit_like)
    .bind(&f.route_unit_id)
    .bind(&f.pattern)
    .bind(limit)
    .bind(&scope_like)
    .fetch_all(c)
    .await)?)
}

/// Saves the editable fields of a nomination if `r.version` still matches.
pub async fn update(tx: &mut Tx, r: &NominationRow) -> Result<NominationRow> {
    let done = exec!(tx, sqlx::query(
        "UPDATE nominations SET campaign_id = $1, theme_id = $2, nominee_type = $3, person_id = $4, unit_id = $5, household_name = $6, code = $7, original_code = $8, \
         kind = $9, procedure = $10, year = $11, achievement = $12, achievement_key = $13, justification = $14, route_unit_id = $15, checks_json = $16, confidential = $17, \
         search_text = $18, version = version + 1, updated_at = $19 WHERE id = $20 AND org_id = $21 AND version = $22"
    )
    .bind(&r.campaign_id)
    .bind(&r.theme_id)
    .bind(&r.nominee_type)
    .bind(&r.person_id)
    .bind(&r.unit_id)
    .bind(&r.household_name)
    .bind(&r.code)
    .bind(&r.original_code)
    .bind(&r.kind)
    .bind(&r.procedure)
    .bind(r.year)
    .bind(&r.achievement)
    .bind(&r.achievement_key)
    .bind(&r.justification)
    .bind(&r.route_unit_id)
    .bind(&r.checks_json)
    .bind(r.confidential)
    .bind(&r.search_text)
    .bind(ids::now())
    .bind(&r.id)
    .bind(&r.org_id)
    .bind(r.version))?;
    if done == 0 {
        return Err(StoreError::Conflict);
    }
    get(tx, &r.org_id, &r.id).await
}

/// A change of state: checks the version, bumps the round when `new_round`, stamps `submitted_at` when
/// given, and records the timeline event. Returns the stored row.
#[allow(clippy::too_many_arguments)] // one flat call per transition reads better than a builder
pub async fn set_status(
    tx: &mut Tx,
    n: &NominationRow,
    version: i64,
    to: &str,
    action: &str,
    user: (&str, &str),
    note: Option<&str>,
    new_round: bool,
) -> Result<NominationRow> {
    let now = ids::now();
    let round = if new_round { n.round + 1 } else { n.round };
    let submitted_at = if matches!(to, "submitted" | "at_theme_lead") {
        Some(now.clone())
    } else {
        n.submitted_at.clone()
    };
    let done = exec!(tx, sqlx::query("UPDATE nominations SET status = $1, round = $2, submitted_at = $3, version = version + 1, updated_at = $4 WHERE id = $5 AND org_id = $6 AND version = $7")
        .bind(to)
        .bind(round)
        .bind(&submitted_at)
        .bind(&now)
        .bind(&n.id)
        .bind(&n.org_id)
        .bind(version))?;
    if done == 0 {
        return Err(StoreError::Conflict);
    }
    add_event(
        tx,
        &EventRow {
            id: ids::new_id(),
            nomination_id: n.id.clone(),
            at: now,
            user_id: Some(user.0.to_string()),
            user_name: user.1.to_string(),
            action: action.into(),
            from_status: Some(n.status.clone()),
            to_status: to.into(),
            round,
            note: note.map(str::to_string),
        },
    )
    .await?;
    get(tx, &n.org_id, &n.id).await
}

pub async fn add_event(tx: &mut Tx, e: &EventRow) -> Result<()> {
    exec!(tx, sqlx::query("INSERT INTO nomination_events (id, nomination_id, at, user_id, user_name, action, from_status, to_status, round, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
        .bind(&e.id)
        .bind(&e.nomination_id)
        .bind(&e.at)
        .bind(&e.user_id)
        .bind(&e.user_name)
        .bind(&e.action)
        .bind(&e.from_status)
        .bind(&e.to_status)
        .bind(e.round)
        .bind(&e.note))?;
    Ok(())
}

/// The timeline of a nomination, oldest first.
pub async fn events(tx: &mut Tx, nomination_id: &str) -> Result<Vec<EventRow>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, EventRow>("SELECT id, nomination_id, at, user_id, user_name, action, from_status, to_status, round, note FROM nomination_events WHERE nomination_id = $1 ORDER BY at, id")
        .bind(nomination_id)
        .fetch_all(c)
        .await
    })?)
}

pub async fn add_document(tx: &mut Tx, d: &DocumentRow) -> Result<()> {
    let sql = format!(
        "INSERT INTO nomination_documents ({DOC_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
    );
    exec!(
        tx,
        sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(&d.id)
            .bind(&d.org_id)
            .bind(&d.nomination_id)
            .bind(&d.doc_code)
            .bind(&d.file_name)
            .bind(&d.content_type)
            .bind(d.size_bytes)
            .bind(&d.sha256)
            .bind(d.vote_yes)
            .bind(d.vote_total)
            .bind(d.round)
            .bind(&d.created_by)
            .bind(&d.created_at)
    )?;
    Ok(())
}

/// The documents of a dossier, oldest first (a later document of the same kind replaces an earlier one).
pub async fn documents(tx: &mut Tx, nomination_id: &str) -> Result<Vec<DocumentRow>> {
    let sql = format!(
        "SELECT {DOC_COLUMNS} FROM nomination_documents WHERE nomination_id = $1 ORDER BY created_at, id"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, DocumentRow>(
        sqlx::AssertSqlSafe(sql.clone())
    )
    .bind(nomination_id)
    .fetch_all(c)
    .await)?)
}

pub async fn document(tx: &mut Tx, org_id: &str, id: &str) -> Result<DocumentRow> {
    let sql =
        format!("SELECT {DOC_COLUMNS} FROM nomination_documents WHERE org_id = $1 AND id = $2");
    on_tx!(tx, |c| sqlx::query_as::<_, DocumentRow>(
        sqlx::AssertSqlSafe(sql.clone())
    )
    .bind(org_id)
    .bind(id)
    .fetch_optional(c)
    .await)?
    .ok_or(StoreError::NotFound)
}

/// Nominations of a campaign by one nominating unit that still count against a quota:
/// (id, nominee type, nominee label) — the label is the person's or unit's name.
pub async fn counted_for_quota(
    tx: &mut Tx,
    campaign_id: &str,
    nominating_unit_id: &str,
) -> Result<Vec<(String, String, String)>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, (String, String, String)>(
        "SELECT n.id, n.nominee_type, COALESCE(p.full_name, u.name, n.household_name, '') FROM nominations n \
         LEFT JOIN persons p ON p.id = n.person_id LEFT JOIN units u ON u.id = n.unit_id \
         WHERE n.campaign_id = $1 AND n.nominating_unit_id = $2 AND n.status NOT IN ('draft', 'withdrawn', 'failed', 'revoked') ORDER BY n.submitted_at"
    )
    .bind(campaign_id)
    .bind(nominating_unit_id)
    .fetch_all(c)
    .await
    })?)
}

/// Another live nomination for the same achievement (never nominated twice), if any: (id, status).
pub async fn same_achievement(
    tx: &mut Tx,
    org_id: &str,
    key: &str,
    except_id: &str,
) -> Result<Option<(String, String)>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, (String, String)>(
        "SELECT id, status FROM nominations WHERE org_id = $1 AND achievement_key = $2 AND id <> $3 AND status NOT IN ('draft', 'withdrawn', 'failed', 'revoked') LIMIT 1"
    )
    .bind(org_id)
    .bind(key)
    .bind(except_id)
    .fetch_optional(c)
    .await
    })?)
}

/// Counts by status for the dashboard, within an optional unit path.
pub async fn counts_by_status(
    tx: &mut Tx,
    org_id: &str,
    unit_path: Option<&str>,
) -> Result<Vec<(String, i64)>> {
    let like = unit_path.map(|p| format!("{p}%"));
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, (String, i64)>(
        "SELECT status, COUNT(*) FROM nominations WHERE org_id = $1 AND ($2 IS NULL OR nominating_unit_id IN (SELECT id FROM units WHERE path LIKE $2)) GROUP BY status"
    )
    .bind(org_id)
    .bind(&like)
    .fetch_all(c)
    .await
    })?)
}
