//! Decisions of award (step 8 of the process): the decision, its lines with số sổ vàng, money and the
//! public verification code; revocations (Law Điều 93); packages of nominations forwarded to a higher
//! authority; in-app notifications for the people who act next.

use crate::sql::{insert_row, update_row};
use crate::{Result, StoreError, Tx, ids, on_tx};
use serde::Serialize;

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct DecisionRow {
    pub id: String,
    pub org_id: String,
    pub number: String,
    /// `yyyy-mm-dd`.
    pub signed_on: String,
    pub issuer: String,
    pub signer_title: Option<String>,
    pub signer_name: String,
    pub title: String,
    pub place: Option<String>,
    /// Sum of the lines' money in đồng (lines without a multiplier count 0).
    pub total_amount: i64,
    pub version: i64,
    pub created_by: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

macro_rules! decision_columns {
    () => {
        "id, org_id, number, signed_on, issuer, signer_title, signer_name, title, place, total_amount, version, created_by, created_at, updated_at"
    };
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct LineRow {
    pub id: String,
    pub decision_id: String,
    pub nomination_id: String,
    pub golden_book_no: i64,
    /// `None` when the catalog sets no money for this form and subject.
    pub amount: Option<i64>,
    pub verify_code: String,
    pub award_id: Option<String>,
    pub revoked_at: Option<String>,
    pub revoked_reason: Option<String>,
    /// Number of the revoking decision.
    pub revoked_by: Option<String>,
    pub revoked_by_user: Option<String>,
}

/// A line with what pages and the public verification show about it.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct LineView {
    pub id: String,
    pub decision_id: String,
    pub nomination_id: String,
    pub golden_book_no: i64,
    pub amount: Option<i64>,
    pub verify_code: String,
    pub award_id: Option<String>,
    pub revoked_at: Option<String>,
    pub revoked_reason: Option<String>,
    pub revoked_by: Option<String>,
    pub number: String,
    pub signed_on: String,
    pub issuer: String,
    pub signer_title: Option<String>,
    pub signer_name: String,
    pub place: Option<String>,
    pub org_id: String,
    pub code: String,
    pub nominee_type: String,
    pub achievement: String,
    pub confidential: bool,
    pub nominee_name: String,
    pub position: Option<String>,
    pub unit_name: String,
}

macro_rules! view_select {
    () => {
        "SELECT l.id, l.decision_id, l.nomination_id, l.golden_book_no, l.amount, l.verify_code, l.award_id, l.revoked_at, l.revoked_reason, l.revoked_by, \
     d.number, d.signed_on, d.issuer, d.signer_title, d.signer_name, d.place, d.org_id, n.code, n.nominee_type, n.achievement, n.confidential, \
     COALESCE(p.full_name, u.name, n.household_name, '') AS nominee_name, p.position, COALESCE(pu.name, u.name, nu.name, '') AS unit_name \
     FROM decision_lines l JOIN decisions d ON d.id = l.decision_id JOIN nominations n ON n.id = l.nomination_id \
     LEFT JOIN persons p ON p.id = n.person_id LEFT JOIN units pu ON pu.id = p.unit_id LEFT JOIN units u ON u.id = n.unit_id \
     LEFT JOIN units nu ON nu.id = n.nominating_unit_id"
    };
}

pub async fn insert(tx: &mut Tx, d: &DecisionRow) -> Result<()> {
    insert_row!(tx, "decisions", {
        id: &d.id,
        org_id: &d.org_id,
        number: &d.number,
        signed_on: &d.signed_on,
        issuer: &d.issuer,
        signer_title: &d.signer_title,
        signer_name: &d.signer_name,
        title: &d.title,
        place: &d.place,
        total_amount: d.total_amount,
        version: d.version,
        created_by: &d.created_by,
        created_at: &d.created_at,
        updated_at: &d.updated_at,
    })?;
    Ok(())
}

pub async fn insert_line(tx: &mut Tx, l: &LineRow) -> Result<()> {
    insert_row!(tx, "decision_lines", {
        id: &l.id,
        decision_id: &l.decision_id,
        nomination_id: &l.nomination_id,
        golden_book_no: l.golden_book_no,
        amount: l.amount,
        verify_code: &l.verify_code,
        award_id: &l.award_id,
        revoked_at: &l.revoked_at,
        revoked_reason: &l.revoked_reason,
        revoked_by: &l.revoked_by,
        revoked_by_user: &l.revoked_by_user,
    })?;
    Ok(())
}

/// True when a verification code is already used (codes are unique across the installation).
pub async fn code_taken(tx: &mut Tx, code: &str) -> Result<bool> {
    let n = on_tx!(tx, |c| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM decision_lines WHERE verify_code = $1"
    )
    .bind(code)
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

pub async fn get(tx: &mut Tx, org_id: &str, id: &str) -> Result<DecisionRow> {
    let sql = concat!(
        "SELECT ",
        decision_columns!(),
        " FROM decisions WHERE org_id = $1 AND id = $2"
    );
    on_tx!(tx, |c| sqlx::query_as::<_, DecisionRow>(sql)
        .bind(org_id)
        .bind(id)
        .fetch_optional(c)
        .await)?
    .ok_or(StoreError::NotFound)
}

/// Decisions, newest signing date first, with their number of lines; at most `limit`.
pub async fn list(tx: &mut Tx, org_id: &str, limit: i64) -> Result<Vec<(DecisionRow, i64)>> {
    let sql = concat!(
        "SELECT ",
        decision_columns!(),
        " FROM decisions WHERE org_id = $1 ORDER BY signed_on DESC, created_at DESC LIMIT $2"
    );
    let rows = on_tx!(tx, |c| sqlx::query_as::<_, DecisionRow>(sql)
        .bind(org_id)
        .bind(limit)
        .fetch_all(c)
        .await)?;
    let counts = on_tx!(tx, |c| {
        sqlx::query_as::<_, (String, i64)>("SELECT l.decision_id, COUNT(*) FROM decision_lines l JOIN decisions d ON d.id = l.decision_id WHERE d.org_id = $1 GROUP BY l.decision_id")
        .bind(org_id)
        .fetch_all(c)
        .await
    })?;
    Ok(rows
        .into_iter()
        .map(|d| {
            let n = counts
                .iter()
                .find(|(id, _)| *id == d.id)
                .map_or(0, |(_, n)| *n);
            (d, n)
        })
        .collect())
}

/// The lines of a decision in số sổ vàng order.
pub async fn lines(tx: &mut Tx, decision_id: &str) -> Result<Vec<LineView>> {
    let sql = concat!(
        view_select!(),
        " WHERE l.decision_id = $1 ORDER BY l.golden_book_no"
    );
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, LineView>(sql)
        .bind(decision_id)
        .fetch_all(c)
        .await)?)
}

/// One line of an organisation's decision.
pub async fn line(tx: &mut Tx, org_id: &str, line_id: &str) -> Result<LineView> {
    let sql = concat!(view_select!(), " WHERE d.org_id = $1 AND l.id = $2");
    on_tx!(tx, |c| sqlx::query_as::<_, LineView>(sql)
        .bind(org_id)
        .bind(line_id)
        .fetch_optional(c)
        .await)?
    .ok_or(StoreError::NotFound)
}

/// The line with a public verification code (any organisation).
pub async fn by_code(tx: &mut Tx, code: &str) -> Result<Option<LineView>> {
    let sql = concat!(view_select!(), " WHERE l.verify_code = $1");
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, LineView>(sql)
        .bind(code)
        .fetch_optional(c)
        .await)?)
}

/// Stamps a line revoked; `Conflict` when it already was.
pub async fn revoke_line(
    tx: &mut Tx,
    line_id: &str,
    reason: &str,
    by_decision: &str,
    user: &str,
) -> Result<()> {
    let done = update_row!(tx, "decision_lines", SET {
        revoked_at: ids::now(),
        revoked_reason: reason,
        revoked_by: by_decision,
        revoked_by_user: user,
    } WHERE {
        id: line_id,
        "revoked_at IS NULL",
    })?;
    if done == 0 {
        return Err(StoreError::Conflict);
    }
    Ok(())
}

/// The public honour roll: decided, non-confidential, non-revoked lines, newest first, matching an
/// optional folded LIKE pattern on name, unit, award name and decision number; one page and the total.
pub async fn honour_roll(
    tx: &mut Tx,
    pattern: Option<&str>,
    codes_matching: &[String],
    limit: i64,
    offset: i64,
) -> Result<(Vec<LineView>, i64)> {
    // The award names are matched in Rust (catalog), and passed as a list of codes.
    let codes = codes_matching.join(",");
    macro_rules! filter {
        () => {
            "l.revoked_at IS NULL AND n.confidential = FALSE AND n.status = 'decided' \
             AND ($1 IS NULL OR (' ' || l.search_text) LIKE $1 ESCAPE '\\' OR (',' || $2 || ',') LIKE ('%,' || n.code || ',%'))"
        };
    }
    let sql = concat!(
        view_select!(),
        " WHERE ",
        filter!(),
        " ORDER BY d.signed_on DESC, d.number, l.golden_book_no LIMIT $3 OFFSET $4"
    );
    let rows = on_tx!(tx, |c| sqlx::query_as::<_, LineView>(sql)
        .bind(pattern)
        .bind(&codes)
        .bind(limit)
        .bind(offset)
        .fetch_all(c)
        .await)?;
    let count_sql = concat!(
        "SELECT COUNT(*) FROM decision_lines l JOIN decisions d ON d.id = l.decision_id JOIN nominations n ON n.id = l.nomination_id WHERE ",
        filter!()
    );
    let total = on_tx!(tx, |c| sqlx::query_scalar::<_, i64>(count_sql)
        .bind(pattern)
        .bind(&codes)
        .fetch_one(c)
        .await)?;
    Ok((rows, total))
}

/// Sets the folded search text of a line (name, unit, decision number).
pub async fn set_search_text(tx: &mut Tx, line_id: &str, text: &str) -> Result<()> {
    update_row!(tx, "decision_lines", SET {
        search_text: text,
    } WHERE {
        id: line_id,
    })?;
    Ok(())
}

/// The body's root unit: (unit level code, name).
pub async fn body(tx: &mut Tx, org_id: &str) -> Result<Option<(String, String)>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, (String, String)>("SELECT level, name FROM units WHERE org_id = $1 AND parent_id IS NULL ORDER BY created_at LIMIT 1").bind(org_id).fetch_optional(c).await
    })?)
}

/// A stored forwarding package.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct ForwardRow {
    pub nomination_id: String,
    pub org_id: String,
    pub authority: String,
    pub file_name: String,
    pub sha256: String,
    pub size_bytes: i64,
    pub created_by: Option<String>,
    pub created_at: String,
}

pub async fn insert_forward(tx: &mut Tx, f: &ForwardRow) -> Result<()> {
    insert_row!(tx, "nomination_forwards", {
        nomination_id: &f.nomination_id,
        org_id: &f.org_id,
        authority: &f.authority,
        file_name: &f.file_name,
        sha256: &f.sha256,
        size_bytes: f.size_bytes,
        created_by: &f.created_by,
        created_at: &f.created_at,
    })?;
    Ok(())
}

pub async fn forward(tx: &mut Tx, org_id: &str, nomination_id: &str) -> Result<ForwardRow> {
    on_tx!(tx, |c| sqlx::query_as::<_, ForwardRow>("SELECT nomination_id, org_id, authority, file_name, sha256, size_bytes, created_by, created_at FROM nomination_forwards WHERE org_id = $1 AND nomination_id = $2")
        .bind(org_id)
        .bind(nomination_id)
        .fetch_optional(c)
        .await)?
    .ok_or(StoreError::NotFound)
}

/// An in-app notice for a unit's officers or for everyone holding a role.
pub async fn notify(
    tx: &mut Tx,
    org_id: &str,
    unit_id: Option<&str>,
    role: Option<&str>,
    text: &str,
    link: &str,
) -> Result<()> {
    insert_row!(tx, "notifications", {
        id: ids::new_id(),
        org_id: org_id,
        user_id: None::<&str>,
        unit_id: unit_id,
        role: role,
        text: text,
        link: link,
        created_at: ids::now(),
    })?;
    Ok(())
}

/// Council votes on a nomination, one per meeting where it was tallied.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, PartialEq, Eq)]
pub struct VoteRow {
    pub meeting_id: String,
    pub meeting_title: String,
    pub held_on: String,
    pub total_members: i64,
    pub result: Option<String>,
    pub agree: Option<i64>,
    pub disagree: Option<i64>,
    pub abstain: Option<i64>,
}

pub async fn votes(tx: &mut Tx, nomination_id: &str) -> Result<Vec<VoteRow>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, VoteRow>(
        "SELECT m.id AS meeting_id, m.title AS meeting_title, m.held_on, m.total_members, a.result, a.agree, a.disagree, a.abstain FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id \
         WHERE a.nomination_id = $1 AND a.result IS NOT NULL ORDER BY m.held_on"
    )
    .bind(nomination_id)
    .fetch_all(c)
    .await
    })?)
}

/// Packages sent upward, newest first: (package, nominee name, catalog code).
pub async fn forwards(
    tx: &mut Tx,
    org_id: &str,
    limit: i64,
) -> Result<Vec<(ForwardRow, String, String)>> {
    let rows = on_tx!(tx, |c| {
        sqlx::query_as::<_, (String, String, String, String, String, i64, Option<String>, String, String, String)>(
        "SELECT f.nomination_id, f.org_id, f.authority, f.file_name, f.sha256, f.size_bytes, f.created_by, f.created_at, COALESCE(p.full_name, u.name, n.household_name, ''), n.code \
         FROM nomination_forwards f JOIN nominations n ON n.id = f.nomination_id LEFT JOIN persons p ON p.id = n.person_id LEFT JOIN units u ON u.id = n.unit_id \
         WHERE f.org_id = $1 ORDER BY f.created_at DESC LIMIT $2"
    )
    .bind(org_id)
    .bind(limit)
    .fetch_all(c)
    .await
    })?;
    Ok(rows
        .into_iter()
        .map(
            |(
                nomination_id,
                org_id,
                authority,
                file_name,
                sha256,
                size_bytes,
                created_by,
                created_at,
                name,
                code,
            )| {
                (
                    ForwardRow {
                        nomination_id,
                        org_id,
                        authority,
                        file_name,
                        sha256,
                        size_bytes,
                        created_by,
                        created_at,
                    },
                    name,
                    code,
                )
            },
        )
        .collect())
}

/// The life of the deciding body: its root unit's dates and its level's, and the level's name.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BodySpan {
    pub name: String,
    pub level_name: String,
    pub unit_from: String,
    pub unit_to: Option<String>,
    pub level_from: String,
    pub level_to: Option<String>,
}

pub async fn body_span(tx: &mut Tx, org_id: &str) -> Result<Option<BodySpan>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_as::<_, BodySpan>(
            "SELECT u.name, l.name AS level_name, u.valid_from AS unit_from, u.valid_to AS unit_to, \
             l.valid_from AS level_from, l.valid_to AS level_to \
             FROM units u JOIN levels l ON l.code = u.level \
             WHERE u.org_id = $1 AND u.parent_id IS NULL ORDER BY u.created_at LIMIT 1",
        )
        .bind(org_id)
        .fetch_optional(c)
        .await
    })?)
}

/// The day of the latest council vote that passed the nomination (ISO date), if any.
pub async fn passed_on(tx: &mut Tx, nomination_id: &str) -> Result<Option<String>> {
    Ok(on_tx!(tx, |c| {
        sqlx::query_scalar::<_, Option<String>>(
            "SELECT MAX(m.held_on) FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id \
             WHERE a.nomination_id = $1 AND a.result = 'passed'",
        )
        .bind(nomination_id)
        .fetch_one(c)
        .await
    })?)
}
