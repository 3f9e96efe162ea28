//! The office's part of a campaign's review reports (number, date, figures' date, text per section),
//! one row per (campaign, kind) with a version (409 on a stale save).

use crate::{Result, Tx, exec, ids, on_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReportRow {
    pub number: Option<String>,
    pub issued_on: Option<String>,
    pub as_of: String,
    /// JSON object: section key → text.
    pub texts: String,
    pub version: i64,
    pub updated_at: String,
}

pub async fn get(tx: &mut Tx, campaign_id: &str, kind: &str) -> Result<Option<ReportRow>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, ReportRow>(
        "SELECT number, issued_on, as_of, texts, version, updated_at FROM campaign_reports \
         WHERE campaign_id = $1 AND kind = $2"
    )
    .bind(campaign_id)
    .bind(kind)
    .fetch_optional(c)
    .await)?)
}

/// What the office saves.
pub struct NewReport<'a> {
    pub campaign_id: &'a str,
    pub kind: &'a str,
    pub number: Option<&'a str>,
    pub issued_on: Option<&'a str>,
    pub as_of: &'a str,
    pub texts: &'a str,
}

/// Saves over version `expected` (0: nothing saved yet) as `expected + 1`; `false` when someone saved
/// in between.
pub async fn save(
    tx: &mut Tx,
    r: &NewReport<'_>,
    expected: i64,
    user_id: Option<&str>,
) -> Result<bool> {
    let now = ids::now();
    let done = if expected == 0 {
        exec!(
            tx,
            sqlx::query(
                "INSERT INTO campaign_reports \
                 (campaign_id, kind, number, issued_on, as_of, texts, version, updated_at, updated_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8) ON CONFLICT (campaign_id, kind) DO NOTHING"
            )
            .bind(r.campaign_id)
            .bind(r.kind)
            .bind(r.number)
            .bind(r.issued_on)
            .bind(r.as_of)
            .bind(r.texts)
            .bind(&now)
            .bind(user_id)
        )?
    } else {
        exec!(
            tx,
            sqlx::query(
                "UPDATE campaign_reports SET number = $3, issued_on = $4, as_of = $5, texts = $6, \
                 version = version + 1, updated_at = $7, updated_by = $8 \
                 WHERE campaign_id = $1 AND kind = $2 AND version = $9"
            )
            .bind(r.campaign_id)
            .bind(r.kind)
            .bind(r.number)
            .bind(r.issued_on)
            .bind(r.as_of)
            .bind(r.texts)
            .bind(&now)
            .bind(user_id)
            .bind(expected)
        )?
    };
    Ok(done == 1)
}

/// Nominations of a campaign (sent ones: not drafts or withdrawn) counted by form, nominee type and
/// status, with how many are awarded by a decision line still in force and their money.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NominationTally {
    pub code: String,
    pub nominee_type: String,
    pub status: String,
    pub count: i64,
    pub awarded: i64,
    pub amount: i64,
}

pub async fn nomination_tally(tx: &mut Tx, campaign_id: &str) -> Result<Vec<NominationTally>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, NominationTally>(
        "SELECT n.code, n.nominee_type, n.status, COUNT(*) AS count, \
         CAST(COALESCE(SUM(CASE WHEN l.id IS NOT NULL AND l.revoked_at IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS awarded, \
         CAST(COALESCE(SUM(CASE WHEN l.revoked_at IS NULL THEN l.amount ELSE 0 END), 0) AS BIGINT) AS amount \
         FROM nominations n LEFT JOIN decision_lines l ON l.nomination_id = n.id \
         WHERE n.campaign_id = $1 AND n.status NOT IN ('draft', 'withdrawn') \
         GROUP BY n.code, n.nominee_type, n.status ORDER BY n.code, n.nominee_type, n.status"
    )
    .bind(campaign_id)
    .fetch_all(c)
    .await
    })?)
}
