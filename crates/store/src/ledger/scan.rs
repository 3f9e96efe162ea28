//! Histories of many subjects at once, for eligibility of a whole province: the awards and ratings of
//! a range of subjects come as one row per subject (their rows packed into one text by
//! `group_concat` / `string_agg`), because reading two million rows one by one costs far more in the
//! driver than in the database (bench/province.sh: 29 s against 4 s of SQLite's own time).

use super::{AwardRow, DisciplineRow, InitiativeRow, RatingRow, StoredLedger};
use crate::{Result, Tx, on_tx};
use std::collections::HashMap;

/// Separators of the packed text: ASCII unit and record separators, which no form lets a user type.
const FIELD: char = '\u{1f}';
const RECORD: char = '\u{1e}';

/// The awards' columns the rules engine reads, packed; one row per subject.
macro_rules! packed_awards {
    (sqlite) => {
        "SELECT subject_id, group_concat(id || char(31) || code || char(31) || year || char(31) || kind || char(31) || COALESCE(decision_no, '') || char(31) || COALESCE(decision_date, '') || char(31) || COALESCE(issuer, '') || char(31) || COALESCE(golden_book_no, '') || char(31) || COALESCE(achievement_id, '') || char(31) || CASE WHEN revoked THEN 't' ELSE 'f' END, char(30) ORDER BY year, code, id) FROM ledger_awards WHERE org_id = $1 AND subject_id >= $2 AND subject_id <= $3 GROUP BY subject_id"
    };
    (postgres) => {
        "SELECT subject_id, string_agg(id || chr(31) || code || chr(31) || year::text || chr(31) || kind || chr(31) || COALESCE(decision_no, '') || chr(31) || COALESCE(decision_date, '') || chr(31) || COALESCE(issuer, '') || chr(31) || COALESCE(golden_book_no::text, '') || chr(31) || COALESCE(achievement_id, '') || chr(31) || CASE WHEN revoked THEN 't' ELSE 'f' END, chr(30) ORDER BY year, code, id) FROM ledger_awards WHERE org_id = $1 AND subject_id >= $2 AND subject_id <= $3 GROUP BY subject_id"
    };
}
macro_rules! packed_ratings {
    (sqlite) => {
        "SELECT subject_id, group_concat(year || char(31) || rating, char(30) ORDER BY year) FROM ledger_ratings WHERE org_id = $1 AND subject_id >= $2 AND subject_id <= $3 GROUP BY subject_id"
    };
    (postgres) => {
        "SELECT subject_id, string_agg(year::text || chr(31) || rating, chr(30) ORDER BY year) FROM ledger_ratings WHERE org_id = $1 AND subject_id >= $2 AND subject_id <= $3 GROUP BY subject_id"
    };
}

/// The histories of every subject whose id lies in `[first, last]`, by subject id. A subject whose
/// packed rows do not read back (a separator inside a value) is loaded row by row instead.
pub async fn load_range(
    tx: &mut Tx,
    org_id: &str,
    first: &str,
    last: &str,
) -> Result<HashMap<String, StoredLedger>> {
    let sqlite = matches!(tx, Tx::Sqlite(_));
    let (awards_sql, ratings_sql) = if sqlite {
        (packed_awards!(sqlite), packed_ratings!(sqlite))
    } else {
        (packed_awards!(postgres), packed_ratings!(postgres))
    };
    let mut out: HashMap<String, StoredLedger> = HashMap::new();
    let mut unreadable = Vec::new();
    for (subject, packed) in packed(tx, awards_sql, org_id, first, last).await? {
        match awards_of(&subject, &packed) {
            Some(a) => out.entry(subject).or_default().awards = a,
            None => unreadable.push(subject),
        }
    }
    for (subject, packed) in packed(tx, ratings_sql, org_id, first, last).await? {
        match ratings_of(&subject, &packed) {
            Some(r) => out.entry(subject).or_default().ratings = r,
            None => unreadable.push(subject),
        }
    }
    small_tables(tx, org_id, first, last, &mut out).await?;
    for subject in unreadable {
        let whole = super::load(tx, org_id, &subject).await?;
        out.insert(subject, whole);
    }
    Ok(out)
}

async fn packed(
    tx: &mut Tx,
    sql: &'static str,
    org_id: &str,
    first: &str,
    last: &str,
) -> Result<Vec<(String, String)>> {
    Ok(on_tx!(tx, |c| sqlx::query_as::<_, (String, String)>(sql)
        .bind(org_id)
        .bind(first)
        .bind(last)
        .fetch_all(c)
        .await)?)
}

fn awards_of(subject: &str, packed: &str) -> Option<Vec<AwardRow>> {
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    packed
        .split(RECORD)
        .map(|record| {
            let f: Vec<&str> = record.split(FIELD).collect();
            let [
                id,
                code,
                year,
                kind,
                no,
                date,
                issuer,
                book,
                achievement,
                revoked,
            ] = f[..]
            else {
                return None;
            };
            Some(AwardRow {
                id: id.into(),
                org_id: String::new(),
                subject_type: String::new(),
                subject_id: subject.into(),
                code: code.into(),
                year: year.parse().ok()?,
                kind: kind.into(),
                decision_no: opt(no),
                decision_date: opt(date),
                issuer: opt(issuer),
                golden_book_no: if book.is_empty() {
                    None
                } else {
                    Some(book.parse().ok()?)
                },
                achievement_id: opt(achievement),
                achievement: None,
                revoked: revoked == "t",
                version: 0,
                created_at: String::new(),
                updated_at: String::new(),
            })
        })
        .collect()
}

fn ratings_of(subject: &str, packed: &str) -> Option<Vec<RatingRow>> {
    packed
        .split(RECORD)
        .map(|record| {
            let (year, rating) = record.split_once(FIELD)?;
            Some(RatingRow {
                id: String::new(),
                org_id: String::new(),
                subject_type: String::new(),
                subject_id: subject.into(),
                year: year.parse().ok()?,
                rating: rating.into(),
                version: 0,
                created_at: String::new(),
                updated_at: String::new(),
            })
        })
        .collect()
}

/// Disciplines and initiatives: few rows, read as they are.
async fn small_tables(
    tx: &mut Tx,
    org_id: &str,
    first: &str,
    last: &str,
    out: &mut HashMap<String, StoredLedger>,
) -> Result<()> {
    let disciplines_sql = concat!(
        "SELECT ",
        discipline_columns!(),
        " FROM ledger_disciplines WHERE org_id = $1 AND subject_id >= $2 AND subject_id <= $3 ORDER BY subject_id, from_date"
    );
    let initiatives_sql = concat!(
        "SELECT ",
        initiative_columns!(),
        " FROM ledger_initiatives WHERE org_id = $1 AND subject_id >= $2 AND subject_id <= $3 ORDER BY subject_id, year, name"
    );
    let disciplines = on_tx!(tx, |c| sqlx::query_as::<_, DisciplineRow>(disciplines_sql)
        .bind(org_id)
        .bind(first)
        .bind(last)
        .fetch_all(c)
        .await)?;
    for d in disciplines {
        out.entry(d.subject_id.clone())
            .or_default()
            .disciplines
            .push(d);
    }
    let initiatives = on_tx!(tx, |c| sqlx::query_as::<_, InitiativeRow>(initiatives_sql)
        .bind(org_id)
        .bind(first)
        .bind(last)
        .fetch_all(c)
        .await)?;
    for i in initiatives {
        out.entry(i.subject_id.clone())
            .or_default()
            .initiatives
            .push(i);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_rows_read_back_and_bad_ones_are_refused() {
        let a = awards_of("p", "a1\u{1f}LDTT\u{1f}2024\u{1f}merit\u{1f}12/QĐ\u{1f}2025-01-10\u{1f}\u{1f}\u{1f}\u{1f}f\u{1e}a2\u{1f}CSTDCS\u{1f}2024\u{1f}merit\u{1f}\u{1f}\u{1f}\u{1f}7\u{1f}x\u{1f}t").unwrap();
        assert_eq!(a.len(), 2);
        assert_eq!(
            (
                a[0].year,
                a[0].decision_no.as_deref(),
                a[0].issuer.as_deref()
            ),
            (2024, Some("12/QĐ"), None)
        );
        assert_eq!(
            (
                a[1].golden_book_no,
                a[1].revoked,
                a[1].achievement_id.as_deref()
            ),
            (Some(7), true, Some("x"))
        );
        assert!(awards_of("p", "a1\u{1f}LDTT").is_none());
        let r = ratings_of("p", "2023\u{1f}good\u{1e}2024\u{1f}excellent").unwrap();
        assert_eq!((r[1].year, r[1].rating.as_str()), (2024, "excellent"));
    }
}
