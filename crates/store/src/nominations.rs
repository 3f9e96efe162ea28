//! Nominations with their dossier documents and timelines (step 7 of the process). Every change of
//! state goes through [`set_status`], which checks the version so two officers appraising the same
//! dossier at once are told, not overwritten, and writes the timeline event in the same transaction.

use crate::sql::{insert_row, update_row};
use crate::{Result, StoreError, Tx, ids, on_tx};
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

/// The columns a [`NominationRow`] is read from (a macro so `concat!` keeps the SELECTs static).
macro_rules! columns {
    () => {
        "id, org_id, campaign_id, theme_id, nominating_unit_id, nominee_type, person_id, unit_id, household_name, code, original_code, kind, procedure, year, achievement, achievement_key, justification, status, route_unit_id, round, submitted_at, checks_json, confidential, search_text, created_by, version, created_at, updated_at"
    };
}

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

/// The columns a [`DocumentRow`] is read from.
macro_rules! doc_columns {
    () => {
        "id, org_id, nomination_id, doc_code, file_name, content_type, size_bytes, sha256, vote_yes, vote_total, round, created_by, created_at"
    };
}

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
    insert_row!(tx, "nominations", {
        id: &r.id,
        org_id: &r.org_id,
        campaign_id: &r.campaign_id,
        theme_id: &r.theme_id,
        nominating_unit_id: &r.nominating_unit_id,
        nominee_type: &r.nominee_type,
        person_id: &r.person_id,
        unit_id: &r.unit_id,
        household_name: &r.household_name,
        code: &r.code,
        original_code: &r.original_code,
        kind: &r.kind,
        procedure: &r.procedure,
        year: r.year,
        achievement: &r.achievement,
        achievement_key: &r.achievement_key,
        justification: &r.justification,
        status: &r.status,
        route_unit_id: &r.route_unit_id,
        round: r.round,
        submitted_at: &r.submitted_at,
        checks_json: &r.checks_json,
        confidential: r.confidential,
        search_text: &r.search_text,
        created_by: &r.created_by,
        version: r.version,
        created_at: &r.created_at,
        updated_at: &r.updated_at,
    })?;
    Ok(())
}

pub async fn get(tx: &mut Tx, org_id: &str, id: &str) -> Result<NominationRow> {
    on_tx!(tx, |c| sqlx::query_as::<_, NominationRow>(concat!(
        "SELECT ",
        columns!(),
        " FROM nominations WHERE org_id = $1 AND id = $2"
    ))
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
    Ok(list_named(tx, org_id, f, limit)
        .await?
        .into_iter()
        .map(|n| n.row)
        .collect())
}

/// A listed nomination with the names the list shows, read in the same query (no query per row).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NamedRow {
    #[sqlx(flatten)]
    pub row: NominationRow,
    pub unit_name: String,
    pub unit_path: String,
    /// The person's or unit's name (the household's name is in the row).
    pub nominee_name: Option<String>,
    /// Path of the lead unit the nomination is routed through, if any.
    pub route_path: Option<String>,
}

/// [`list`] with the nominating unit, the nominee's name and the lead unit's path joined in.
pub async fn list_named(
    tx: &mut Tx,
    org_id: &str,
    f: &NominationFilter,
    limit: i64,
) -> Result<Vec<NamedRow>> {
    let unit_like = f.unit_path.as_ref().map(|p| format!("{p}%"));
    let sql = "SELECT n.id, n.org_id, n.campaign_id, n.theme_id, n.nominating_unit_id, n.nominee_type, n.person_id, n.unit_id, n.household_name, n.code, n.original_code, n.kind, n.procedure, n.year, n.achievement, n.achievement_key, n.justification, n.status, n.route_unit_id, n.round, n.submitted_at, n.checks_json, n.confidential, n.search_text, n.created_by, n.version, n.created_at, n.updated_at, \
         u.name AS unit_name, u.path AS unit_path, COALESCE(p.full_name, nu.name) AS nominee_name, ru.path AS route_path \
         FROM nominations n JOIN units u ON u.id = n.nominating_unit_id \
         LEFT JOIN persons p ON p.id = n.person_id LEFT JOIN units nu ON nu.id = n.unit_id LEFT JOIN units ru ON ru.id = n.route_unit_id \
         WHERE n.org_id = $1 AND ($2 IS NULL OR n.campaign_id = $2) AND ($3 IS NULL OR n.status = $3) AND ($4 IS NULL OR n.code = $4) \
         AND ($5 IS NULL OR u.path LIKE $5) AND ($6 IS NULL OR n.route_unit_id = $6) \
         AND ($7 IS NULL OR (' ' || n.search_text) LIKE $7 ESCAPE '\\') \
         AND ($9 IS NULL OR u.path LIKE $9 OR (n.status <> 'draft' AND ru.path LIKE $9)) \
         ORDER BY n.updated_at DESC LIMIT $8";
    let scope_like = f.scope_path.as_ref().map(|p| format!("{p}%"));
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, NamedRow>(sql)
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
    let done = update_row!(tx, "nominations", SET {
        campaign_id: &r.campaign_id,
        theme_id: &r.theme_id,
        nominee_type: &r.nominee_type,
        person_id: &r.person_id,
        unit_id: &r.unit_id,
        household_name: &r.household_name,
        code: &r.code,
        original_code: &r.original_code,
        kind: &r.kind,
        procedure: &r.procedure,
        year: r.year,
        achievement: &r.achievement,
        achievement_key: &r.achievement_key,
        justification: &r.justification,
        route_unit_id: &r.route_unit_id,
        checks_json: &r.checks_json,
        confidential: r.confidential,
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
    let done = update_row!(tx, "nominations", SET {
        status: to,
        round: round,
        submitted_at: &submitted_at,
        "version = version + 1",
        updated_at: &now,
    } WHERE {
        id: &n.id,
        org_id: &n.org_id,
        version: version,
    })?;
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
    insert_row!(tx, "nomination_events", {
        id: &e.id,
        nomination_id: &e.nomination_id,
        at: &e.at,
        user_id: &e.user_id,
        user_name: &e.user_name,
        action: &e.action,
        from_status: &e.from_status,
        to_status: &e.to_status,
        round: e.round,
        note: &e.note,
    })?;
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
    insert_row!(tx, "nomination_documents", {
        id: &d.id,
        org_id: &d.org_id,
        nomination_id: &d.nomination_id,
        doc_code: &d.doc_code,
        file_name: &d.file_name,
        content_type: &d.content_type,
        size_bytes: d.size_bytes,
        sha256: &d.sha256,
        vote_yes: d.vote_yes,
        vote_total: d.vote_total,
        round: d.round,
        created_by: &d.created_by,
        created_at: &d.created_at,
    })?;
    Ok(())
}

/// The documents of a dossier, oldest first (a later document of the same kind replaces an earlier one).
pub async fn documents(tx: &mut Tx, nomination_id: &str) -> Result<Vec<DocumentRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, DocumentRow>(concat!(
        "SELECT ",
        doc_columns!(),
        " FROM nomination_documents WHERE nomination_id = $1 ORDER BY created_at, id"
    ))
    .bind(nomination_id)
    .fetch_all(c)
    .await)?)
}

pub async fn document(tx: &mut Tx, org_id: &str, id: &str) -> Result<DocumentRow> {
    on_tx!(tx, |c| sqlx::query_as::<_, DocumentRow>(concat!(
        "SELECT ",
        doc_columns!(),
        " FROM nomination_documents WHERE org_id = $1 AND id = $2"
    ))
    .bind(org_id)
    .bind(id)
    .fetch_optional(c)
    .await)?
    .ok_or(StoreError::NotFound)
}

/// Nominations of a campaign by one nominating unit that still count against a quota:
/// (id, nominee type, nominee label) — the label is the person's or unit's name.
/// A nomination that counts against a plan's quota: (id, nominee type, nominee's name, nominee key).
pub type QuotaRow = (String, String, String, String);

/// The live nominations of a unit in a campaign that count against its quota: sent and not
/// withdrawn, failed or revoked, and not lowered to another form (a lowered one goes to the body
/// competent for that form, outside the plan's quota).
pub async fn counted_for_quota(
    tx: &mut Tx,
    campaign_id: &str,
    nominating_unit_id: &str,
) -> Result<Vec<QuotaRow>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, QuotaRow>(
        "SELECT n.id, n.nominee_type, COALESCE(p.full_name, u.name, n.household_name, ''), COALESCE(n.person_id, n.unit_id, n.household_name, n.id) FROM nominations n \
         LEFT JOIN persons p ON p.id = n.person_id LEFT JOIN units u ON u.id = n.unit_id \
         WHERE n.campaign_id = $1 AND n.nominating_unit_id = $2 AND n.status NOT IN ('draft', 'withdrawn', 'failed', 'revoked') \
         AND (n.original_code IS NULL OR n.original_code = n.code) ORDER BY n.submitted_at"
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

/// Who a nomination is for, and for what: the keys of "the same nominee twice".
pub struct NomineeKey<'a> {
    pub org_id: &'a str,
    pub person_id: Option<&'a str>,
    pub unit_id: Option<&'a str>,
    pub code: &'a str,
    pub year: i64,
    pub campaign_id: Option<&'a str>,
}

/// Another live nomination of the same person or unit for the same form and year in the same
/// campaign (or both outside any), if any: (id, status).
pub async fn same_nominee(
    tx: &mut Tx,
    k: &NomineeKey<'_>,
    except_id: &str,
) -> Result<Option<(String, String)>> {
    if k.person_id.is_none() && k.unit_id.is_none() {
        return Ok(None);
    }
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, (String, String)>(
        "SELECT id, status FROM nominations WHERE org_id = $1 AND code = $2 AND year = $3 AND id <> $4 \
         AND (person_id = $5 OR unit_id = $6) \
         AND (campaign_id = $7 OR (campaign_id IS NULL AND $8 IS NULL)) \
         AND status NOT IN ('draft', 'withdrawn', 'failed', 'revoked') LIMIT 1"
    )
    .bind(k.org_id)
    .bind(k.code)
    .bind(k.year)
    .bind(except_id)
    .bind(k.person_id)
    .bind(k.unit_id)
    .bind(k.campaign_id)
    .bind(k.campaign_id)
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
