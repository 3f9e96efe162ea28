//! Plans and campaigns (step 2 of the process): the plan's header and scope, its legal bases,
//! participating units, allowed award forms and quotas. Themes, targets and deadlines are in
//! [`crate::campaign_parts`]; the units' work on a campaign in [`crate::campaign_work`].

use crate::sql::{insert_row, update_row};
use crate::{Result, StoreError, Tx, exec, ids, on_tx};
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct CampaignRow {
    pub id: String,
    pub org_id: String,
    pub number: Option<String>,
    pub issued_on: Option<String>,
    pub issuer: String,
    pub place: Option<String>,
    pub title: String,
    /// `regular`, `multi_year`, `thematic`, `peak`.
    pub kind: String,
    pub period_from: String,
    pub period_to: String,
    pub signer_title: Option<String>,
    pub signer_name: Option<String>,
    pub purposes: Option<String>,
    pub content: Option<String>,
    pub participants_note: Option<String>,
    /// `draft`, `launched`, `closed`.
    pub status: String,
    pub launched_at: Option<String>,
    pub closed_at: Option<String>,
    pub copied_from_id: Option<String>,
    #[serde(skip)]
    pub search_text: String,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
}

macro_rules! columns {
    () => {
        "id, org_id, number, issued_on, issuer, place, title, kind, period_from, period_to, signer_title, signer_name, purposes, content, participants_note, status, launched_at, closed_at, copied_from_id, search_text, version, created_at, updated_at"
    };
}

impl CampaignRow {
    /// The folded text searched by the list (number, title, issuer).
    pub fn make_search_text(&self) -> String {
        thidua_domain::text::fold(&format!(
            "{} {} {}",
            self.number.as_deref().unwrap_or(""),
            self.title,
            self.issuer
        ))
    }
}

/// A document the plan is based on.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct LegalBasisRow {
    pub number: Option<String>,
    pub issued_on: Option<String>,
    pub title: Option<String>,
}

/// A participating unit.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct Participant {
    pub unit_id: String,
    pub unit_name: String,
    pub unit_path: String,
    pub unit_kind: String,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct AwardFormRow {
    pub id: String,
    pub campaign_id: String,
    pub position: i64,
    pub name: String,
    pub catalog_code: Option<String>,
    pub criteria: Option<String>,
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct QuotaRow {
    pub id: String,
    pub campaign_id: String,
    pub position: i64,
    pub who: String,
    pub unit_kind: Option<String>,
    pub unit_id: Option<String>,
    pub award_form: Option<String>,
    pub collectives_max: Option<i64>,
    pub individuals_max: Option<i64>,
}

/// What the campaign list is filtered by.
#[derive(Debug, Clone, Default)]
pub struct CampaignFilter {
    /// Only campaigns whose period touches this year.
    pub year: Option<i64>,
    pub status: Option<String>,
    /// Drafts are shown only to those who may manage campaigns.
    pub include_drafts: bool,
    /// Folded LIKE pattern on number, title and issuer.
    pub pattern: Option<String>,
}

/// Every launched campaign of every organisation (what the reminders look at).
pub async fn launched(tx: &mut Tx) -> Result<Vec<CampaignRow>> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " FROM campaigns WHERE status = 'launched' ORDER BY org_id, id"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, CampaignRow>(sql)
        .fetch_all(c)
        .await)?)
}

pub async fn list(tx: &mut Tx, org_id: &str, f: &CampaignFilter) -> Result<Vec<CampaignRow>> {
    let year_from = f.year.map(|y| format!("{y:04}-01-01"));
    let year_to = f.year.map(|y| format!("{y:04}-12-31"));
    let sql = concat!(
        "SELECT ",
        columns!(),
        " FROM campaigns WHERE org_id = $1 AND ($2 IS NULL OR period_to >= $2) AND ($3 IS NULL OR period_from <= $3) \
         AND ($4 IS NULL OR status = $4) AND ($5 OR status <> 'draft') AND ($6 IS NULL OR (' ' || search_text) LIKE $6 ESCAPE '\\') \
         ORDER BY period_from DESC, created_at DESC LIMIT 1000"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, CampaignRow>(sql)
        .bind(org_id)
        .bind(&year_from)
        .bind(&year_to)
        .bind(&f.status)
        .bind(f.include_drafts)
        .bind(&f.pattern)
        .fetch_all(c)
        .await)?)
}

pub async fn get(tx: &mut Tx, org_id: &str, id: &str) -> Result<CampaignRow> {
    let sql = concat!(
        "SELECT ",
        columns!(),
        " FROM campaigns WHERE org_id = $1 AND id = $2"
    );
    on_tx!(tx, |c| sqlx::query_as::<_, CampaignRow>(sql)
        .bind(org_id)
        .bind(id)
        .fetch_optional(c)
        .await)?
    .ok_or(StoreError::NotFound)
}

pub async fn insert(tx: &mut Tx, r: &CampaignRow) -> Result<()> {
    insert_row!(tx, "campaigns", {
        id: &r.id,
        org_id: &r.org_id,
        number: &r.number,
        issued_on: &r.issued_on,
        issuer: &r.issuer,
        place: &r.place,
        title: &r.title,
        kind: &r.kind,
        period_from: &r.period_from,
        period_to: &r.period_to,
        signer_title: &r.signer_title,
        signer_name: &r.signer_name,
        purposes: &r.purposes,
        content: &r.content,
        participants_note: &r.participants_note,
        status: &r.status,
        launched_at: &r.launched_at,
        closed_at: &r.closed_at,
        copied_from_id: &r.copied_from_id,
        search_text: r.make_search_text(),
        version: r.version,
        created_at: &r.created_at,
        updated_at: &r.updated_at,
    })?;
    Ok(())
}

/// Saves the header of a campaign if `r.version` still matches; returns the stored row.
pub async fn update(tx: &mut Tx, r: &CampaignRow) -> Result<CampaignRow> {
    let done = update_row!(tx, "campaigns", SET {
        number: &r.number,
        issued_on: &r.issued_on,
        issuer: &r.issuer,
        place: &r.place,
        title: &r.title,
        kind: &r.kind,
        period_from: &r.period_from,
        period_to: &r.period_to,
        signer_title: &r.signer_title,
        signer_name: &r.signer_name,
        purposes: &r.purposes,
        content: &r.content,
        participants_note: &r.participants_note,
        status: &r.status,
        launched_at: &r.launched_at,
        closed_at: &r.closed_at,
        search_text: r.make_search_text(),
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

/// Bumps a campaign's version: a change to one of its parts counts as a change to the plan, so two
/// people editing the same plan's lists are detected too.
pub async fn touch(tx: &mut Tx, org_id: &str, id: &str) -> Result<()> {
    update_row!(tx, "campaigns", SET {
        "version = version + 1",
        updated_at: ids::now(),
    } WHERE {
        id: id,
        org_id: org_id,
    })?;
    Ok(())
}

pub async fn legal_bases(tx: &mut Tx, campaign_id: &str) -> Result<Vec<LegalBasisRow>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, LegalBasisRow>("SELECT number, issued_on, title FROM campaign_legal_bases WHERE campaign_id = $1 ORDER BY position")
        .bind(campaign_id)
        .fetch_all(c)
        .await
    })?)
}

pub async fn set_legal_bases(
    tx: &mut Tx,
    campaign_id: &str,
    items: &[LegalBasisRow],
) -> Result<()> {
    exec!(
        tx,
        sqlx::query("DELETE FROM campaign_legal_bases WHERE campaign_id = $1").bind(campaign_id)
    )?;
    for (i, b) in items.iter().enumerate() {
        insert_row!(tx, "campaign_legal_bases", {
            id: ids::new_id(),
            campaign_id: campaign_id,
            position: i as i64,
            number: &b.number,
            issued_on: &b.issued_on,
            title: &b.title,
        })?;
    }
    Ok(())
}

/// Participating units, in Vietnamese alphabetical order within kind.
pub async fn participants(tx: &mut Tx, campaign_id: &str) -> Result<Vec<Participant>> {
    let mut rows = on_tx!(tx, |c| {
        sqlx::query_as::<_, Participant>(
        "SELECT p.unit_id, u.name AS unit_name, u.path AS unit_path, u.kind AS unit_kind FROM campaign_participants p JOIN units u ON u.id = p.unit_id WHERE p.campaign_id = $1"
    )
    .bind(campaign_id)
    .fetch_all(c)
    .await
    })?;
    rows.sort_by_cached_key(|p| (p.unit_kind.clone(), thidua_domain::text::fold(&p.unit_name)));
    Ok(rows)
}

pub async fn set_participants(tx: &mut Tx, campaign_id: &str, unit_ids: &[String]) -> Result<()> {
    exec!(
        tx,
        sqlx::query("DELETE FROM campaign_participants WHERE campaign_id = $1").bind(campaign_id)
    )?;
    for unit_id in unit_ids {
        insert_row!(tx, "campaign_participants", {
            campaign_id: campaign_id,
            unit_id: unit_id,
        })?;
    }
    Ok(())
}

pub async fn award_forms(tx: &mut Tx, campaign_id: &str) -> Result<Vec<AwardFormRow>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, AwardFormRow>("SELECT id, campaign_id, position, name, catalog_code, criteria FROM campaign_award_forms WHERE campaign_id = $1 ORDER BY position")
        .bind(campaign_id)
        .fetch_all(c)
        .await
    })?)
}

pub async fn insert_award_form(tx: &mut Tx, r: &AwardFormRow) -> Result<()> {
    insert_row!(tx, "campaign_award_forms", {
        id: &r.id,
        campaign_id: &r.campaign_id,
        position: r.position,
        name: &r.name,
        catalog_code: &r.catalog_code,
        criteria: &r.criteria,
    })?;
    Ok(())
}

pub async fn delete_award_form(tx: &mut Tx, campaign_id: &str, id: &str) -> Result<()> {
    let n = exec!(
        tx,
        sqlx::query("DELETE FROM campaign_award_forms WHERE campaign_id = $1 AND id = $2")
            .bind(campaign_id)
            .bind(id)
    )?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

pub async fn quotas(tx: &mut Tx, campaign_id: &str) -> Result<Vec<QuotaRow>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, QuotaRow>(
        "SELECT id, campaign_id, position, who, unit_kind, unit_id, award_form, collectives_max, individuals_max FROM campaign_quotas WHERE campaign_id = $1 ORDER BY position"
    )
    .bind(campaign_id)
    .fetch_all(c)
    .await
    })?)
}

pub async fn insert_quota(tx: &mut Tx, r: &QuotaRow) -> Result<()> {
    insert_row!(tx, "campaign_quotas", {
        id: &r.id,
        campaign_id: &r.campaign_id,
        position: r.position,
        who: &r.who,
        unit_kind: &r.unit_kind,
        unit_id: &r.unit_id,
        award_form: &r.award_form,
        collectives_max: r.collectives_max,
        individuals_max: r.individuals_max,
    })?;
    Ok(())
}

pub async fn delete_quota(tx: &mut Tx, campaign_id: &str, id: &str) -> Result<()> {
    let n = exec!(
        tx,
        sqlx::query("DELETE FROM campaign_quotas WHERE campaign_id = $1 AND id = $2")
            .bind(campaign_id)
            .bind(id)
    )?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// The next position at the end of a campaign's list in `table` (award forms, quotas, themes, targets).
pub async fn next_position(tx: &mut Tx, table: &'static str, campaign_id: &str) -> Result<i64> {
    let sql = format!("SELECT COALESCE(MAX(position) + 1, 0) FROM {table} WHERE campaign_id = $1");
    // `table` is a `&'static str` chosen by the caller, never user input.
    Ok(on_tx!(tx, |c| sqlx::query_scalar::<_, i64>(
        sqlx::AssertSqlSafe(sql.clone())
    )
    .bind(campaign_id)
    .fetch_one(c)
    .await)?)
}

/// Locks a campaign's row until the transaction ends, so checks against the campaign's quotas and the
/// writes they allow are not interleaved with another transaction's. On SQLite a write transaction
/// already holds the database's write lock (`BEGIN IMMEDIATE`), so there is nothing more to take.
pub async fn lock(tx: &mut Tx, id: &str) -> Result<()> {
    if let Tx::Postgres(t) = tx {
        sqlx::query("SELECT id FROM campaigns WHERE id = $1 FOR UPDATE")
            .bind(id)
            .execute(&mut **t)
            .await?;
    }
    Ok(())
}
