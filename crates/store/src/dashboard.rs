//! The dashboards' aggregates: a year's awards by unit and form (with the women and direct workers
//! among the people awarded), awards per year, nominations by status and the times between their
//! steps. Each is one indexed GROUP BY (ledger_awards and nominations by org and year) over the units
//! the caller may read, so a province's year stays a few thousand grouped rows.

use crate::{Result, Tx, on_tx};

/// What the figures count: one year of an organisation, optionally one campaign, one kind of unit,
/// and the units under a path (a unit officer's scope).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub year: i64,
    pub campaign_id: Option<String>,
    pub unit_kind: Option<String>,
    /// A unit path prefix such as `/a/b/`.
    pub scope: Option<String>,
}

impl Filter {
    fn like(&self) -> Option<String> {
        self.scope.as_ref().map(|s| format!("{s}%"))
    }
}

/// Awards of one form to subjects of one unit (a person's unit, or the unit awarded).
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct AwardGroup {
    pub unit_path: String,
    pub code: String,
    pub subject_type: String,
    /// People awarded who are women (0 for units).
    pub female: i64,
    /// People awarded who are direct workers (người trực tiếp lao động, sản xuất, công tác).
    pub direct: i64,
    pub total: i64,
}

/// The subject's unit and the filters shared by the award queries; `$1` org, `$2`/`$3` years,
/// `$4` scope LIKE, `$5` unit kind, `$6` campaign.
macro_rules! award_from {
    () => {
        " FROM ledger_awards a \
         LEFT JOIN persons p ON a.subject_type = 'person' AND p.id = a.subject_id \
         JOIN units u ON u.id = CASE WHEN a.subject_type = 'unit' THEN a.subject_id ELSE p.unit_id END \
         WHERE a.org_id = $1 AND a.year >= $2 AND a.year <= $3 AND NOT a.revoked \
         AND ($4 IS NULL OR u.path LIKE $4) AND ($5 IS NULL OR u.kind = $5) \
         AND ($6 IS NULL OR EXISTS (SELECT 1 FROM decision_lines l JOIN nominations n ON n.id = l.nomination_id \
              WHERE l.award_id = a.id AND n.campaign_id = $6))"
    };
}

/// The year's awards (not revoked) grouped by the subject's unit, form and subject type.
pub async fn awards(tx: &mut Tx, org_id: &str, f: &Filter) -> Result<Vec<AwardGroup>> {
    let sql = concat!(
        "SELECT u.path AS unit_path, a.code, a.subject_type, \
         CAST(SUM(CASE WHEN p.gender = 'female' THEN 1 ELSE 0 END) AS BIGINT) AS female, \
         CAST(SUM(CASE WHEN p.direct_worker THEN 1 ELSE 0 END) AS BIGINT) AS direct, COUNT(*) AS total",
        award_from!(),
        " GROUP BY u.path, a.code, a.subject_type ORDER BY u.path, a.code, a.subject_type"
    );
    let like = f.like();
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, AwardGroup>(sql)
        .bind(org_id)
        .bind(f.year)
        .bind(f.year)
        .bind(&like)
        .bind(&f.unit_kind)
        .bind(&f.campaign_id)
        .fetch_all(c)
        .await)?)
}

/// Awards per year from `from` to `to` (years without any are absent).
pub async fn awards_per_year(
    tx: &mut Tx,
    org_id: &str,
    f: &Filter,
    from: i64,
    to: i64,
) -> Result<Vec<(i64, i64)>> {
    if f.scope.is_none() && f.unit_kind.is_none() && f.campaign_id.is_none() {
        // The whole organisation: the index on (org_id, year) alone, no join to people and units
        // (a province has 140,000 awards a year).
        return Ok(on_tx!(tx, |c| {
            sqlx::query_as::<_, (i64, i64)>(
            "SELECT year, COUNT(*) FROM ledger_awards WHERE org_id = $1 AND year >= $2 AND year <= $3 \
             AND NOT revoked GROUP BY year ORDER BY year"
        )
        .bind(org_id)
        .bind(from)
        .bind(to)
        .fetch_all(c)
        .await
        })?);
    }
    let sql = concat!(
        "SELECT a.year, COUNT(*)",
        award_from!(),
        " GROUP BY a.year ORDER BY a.year"
    );
    let like = f.like();
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, (i64, i64)>(sql)
        .bind(org_id)
        .bind(from)
        .bind(to)
        .bind(&like)
        .bind(&f.unit_kind)
        .bind(&f.campaign_id)
        .fetch_all(c)
        .await)?)
}

/// The nominations of the year (by their year of achievement) under the filter; `$1` org, `$2` year,
/// `$3` scope LIKE on the nominating unit, `$4` its kind, `$5` campaign.
macro_rules! nomination_from {
    () => {
        " FROM nominations n JOIN units u ON u.id = n.nominating_unit_id \
         WHERE n.org_id = $1 AND n.year = $2 AND ($3 IS NULL OR u.path LIKE $3) \
         AND ($4 IS NULL OR u.kind = $4) AND ($5 IS NULL OR n.campaign_id = $5)"
    };
}

/// How many nominations are in each status.
pub async fn nominations_by_status(
    tx: &mut Tx,
    org_id: &str,
    f: &Filter,
) -> Result<Vec<(String, i64)>> {
    let sql = concat!(
        "SELECT n.status, COUNT(*)",
        nomination_from!(),
        " GROUP BY n.status ORDER BY n.status"
    );
    let like = f.like();
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, (String, i64)>(sql)
        .bind(org_id)
        .bind(f.year)
        .bind(&like)
        .bind(&f.unit_kind)
        .bind(&f.campaign_id)
        .fetch_all(c)
        .await)?)
}

/// One step of a nomination's timeline: the status it entered, when, and when it left it (the next
/// event), `None` while it is still there.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct Step {
    pub status: String,
    pub at: String,
    pub left_at: Option<String>,
}

/// Every step of the filtered nominations, in timeline order per nomination.
pub async fn nomination_steps(tx: &mut Tx, org_id: &str, f: &Filter) -> Result<Vec<Step>> {
    let sql = concat!(
        "SELECT e.to_status AS status, e.at, \
         LEAD(e.at) OVER (PARTITION BY e.nomination_id ORDER BY e.at, e.id) AS left_at \
         FROM nomination_events e WHERE e.nomination_id IN (SELECT n.id",
        nomination_from!(),
        ")"
    );
    let like = f.like();
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, Step>(sql)
        .bind(org_id)
        .bind(f.year)
        .bind(&like)
        .bind(&f.unit_kind)
        .bind(&f.campaign_id)
        .fetch_all(c)
        .await)?)
}

/// The decisions signed in `year`: how many, their lines and their money (đồng), as the decisions
/// page's totals per year count them (by the signing date's year).
pub async fn decided_in(tx: &mut Tx, org_id: &str, year: i64) -> Result<(i64, i64, i64)> {
    let (from, to) = (format!("{year:04}-01-01"), format!("{year:04}-12-31"));
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, (i64, i64, i64)>(
        "SELECT COUNT(*), \
         (SELECT COUNT(*) FROM decision_lines l JOIN decisions e ON e.id = l.decision_id \
          WHERE e.org_id = $1 AND e.signed_on >= $2 AND e.signed_on <= $3), \
         CAST(COALESCE(SUM(d.total_amount), 0) AS BIGINT) FROM decisions d \
         WHERE d.org_id = $1 AND d.signed_on >= $2 AND d.signed_on <= $3"
    )
    .bind(org_id)
    .bind(&from)
    .bind(&to)
    .fetch_one(c)
    .await)?)
}

/// A unit as the figures name it.
#[derive(Debug, Clone, sqlx::FromRow, PartialEq)]
pub struct UnitBrief {
    pub id: String,
    pub path: String,
    pub name: String,
    pub kind: String,
}

/// Units by id (names, paths and kinds for the figures' rows), in no particular order.
pub async fn units_named(tx: &mut Tx, org_id: &str, ids: &[String]) -> Result<Vec<UnitBrief>> {
    let mut out = Vec::new();
    for chunk in ids.chunks(500) {
        let marks: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT id, path, name, kind FROM units WHERE org_id = $1 AND id IN ({})",
            marks.join(", ")
        );
        let rows = on_tx!(tx, |c| {
            let mut q =
                sqlx::query_as::<_, UnitBrief>(sqlx::AssertSqlSafe(sql.clone())).bind(org_id);
            for id in chunk {
                q = q.bind(id);
            }
            q.fetch_all(c).await
        })?;
        out.extend(rows);
    }
    Ok(out)
}
