//! Rows of any table read and written by column name, for moving one organisation's data to another
//! (the 2025 reorganisation): the columns and their kinds are read from the database's own catalog, so
//! a table gains a column without this module changing, and a value goes back into the column kind it
//! came from on either engine.

use crate::bulk::Val;
use crate::{Result, StoreError, Tx, on_tx};
use sqlx::Row;

/// The kind of a column, enough to read and bind its values on both engines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Int,
    Real,
    Bool,
}

impl Kind {
    /// From a declared type (`TEXT`, `BIGINT`, `BOOLEAN`, `DOUBLE PRECISION`; PostgreSQL writes them in
    /// lower case).
    fn from_declared(declared: &str) -> Kind {
        let t = declared.to_ascii_lowercase();
        if t.contains("int") {
            Kind::Int
        } else if t.contains("bool") {
            Kind::Bool
        } else if t.contains("double") || t.contains("real") || t.contains("float") {
            Kind::Real
        } else {
            Kind::Text
        }
    }

    /// The NULL of this kind (PostgreSQL wants a parameter typed like its column).
    pub fn null(self) -> Val {
        match self {
            Kind::Int => Val::NullInt,
            Kind::Real => Val::NullReal,
            Kind::Bool => Val::NullBool,
            Kind::Text => Val::Null,
        }
    }
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    pub kind: Kind,
}

/// The version of the newest shared migration this program knows: the schema an archive was written
/// with, refused when newer than ours.
pub fn schema_version() -> i64 {
    crate::db::shared_schema_version()
}

/// The columns of `table` in their declared order. `table` is a name written in the program.
pub async fn columns(tx: &mut Tx, table: &'static str) -> Result<Vec<Column>> {
    let rows: Vec<(String, String)> = match tx {
        Tx::Sqlite(c) => {
            sqlx::query_as("SELECT name, type FROM pragma_table_info($1) ORDER BY cid")
                .bind(table)
                .fetch_all(&mut **c)
                .await?
        }
        Tx::Postgres(c) => {
            sqlx::query_as(
                "SELECT column_name::text, data_type::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
            )
            .bind(table)
            .fetch_all(&mut **c)
            .await?
        }
    };
    if rows.is_empty() {
        return Err(StoreError::Corrupt(format!("no table named {table}")));
    }
    Ok(rows
        .into_iter()
        .map(|(name, declared)| Column {
            kind: Kind::from_declared(&declared),
            name,
        })
        .collect())
}

/// Every row of `table` that `filter` selects (an SQL condition on the table aliased `t`, with `$1`
/// bound to `org_id`), its values in the order of `columns`.
pub async fn rows(
    tx: &mut Tx,
    table: &'static str,
    columns: &[Column],
    filter: &'static str,
    org_id: &str,
) -> Result<Vec<Vec<Val>>> {
    let list: Vec<String> = columns.iter().map(|c| format!("t.{}", c.name)).collect();
    let sql = format!(
        "SELECT {} FROM {table} t WHERE {filter} ORDER BY 1",
        list.join(", ")
    );
    let mut out = Vec::new();
    on_tx!(tx, |c| {
        // Table and filter are written in the program; the column names come from the catalog.
        let found = sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(org_id)
            .fetch_all(c)
            .await?;
        for row in &found {
            let mut values = Vec::with_capacity(columns.len());
            for (i, col) in columns.iter().enumerate() {
                values.push(match col.kind {
                    Kind::Text => row
                        .try_get::<Option<String>, _>(i)?
                        .map_or(Val::Null, Val::Text),
                    Kind::Int => row
                        .try_get::<Option<i64>, _>(i)?
                        .map_or(Val::NullInt, Val::Int),
                    Kind::Real => row
                        .try_get::<Option<f64>, _>(i)?
                        .map_or(Val::NullReal, Val::Real),
                    Kind::Bool => row
                        .try_get::<Option<bool>, _>(i)?
                        .map_or(Val::NullBool, Val::Bool),
                });
            }
            out.push(values);
        }
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_types_of_both_engines() {
        assert_eq!(Kind::from_declared("BIGINT"), Kind::Int);
        assert_eq!(Kind::from_declared("bigint"), Kind::Int);
        assert_eq!(Kind::from_declared("BOOLEAN"), Kind::Bool);
        assert_eq!(Kind::from_declared("double precision"), Kind::Real);
        assert_eq!(Kind::from_declared("TEXT"), Kind::Text);
    }
}

/// The questions an import asks of the organisation receiving the data.
pub mod target {
    use crate::{Result, Tx, on_tx};

    /// Every unit code the organisation uses (a code is unique within it).
    pub async fn unit_codes(tx: &mut Tx, org_id: &str) -> Result<Vec<String>> {
        Ok(on_tx!(tx, |c| sqlx::query_scalar::<_, String>(
            "SELECT code FROM units WHERE org_id = $1"
        )
        .bind(org_id)
        .fetch_all(c)
        .await)?)
    }

    /// `(id, full name, birth date)` of the organisation's people whose birth date is known: the
    /// people an imported person may be, when name and birth date agree.
    pub async fn people_with_birth_dates(
        tx: &mut Tx,
        org_id: &str,
    ) -> Result<Vec<(String, String, String)>> {
        Ok(on_tx!(tx, |c| {
            sqlx::query_as::<_, (String, String, String)>(
            "SELECT id, full_name, birth_date FROM persons WHERE org_id = $1 AND birth_date IS NOT NULL"
        )
        .bind(org_id)
        .fetch_all(c)
        .await
        })?)
    }

    /// True when the subject already has a rating for the year (one per subject and year).
    pub async fn rating_taken(tx: &mut Tx, subject_id: &str, year: i64) -> Result<bool> {
        let n: i64 = on_tx!(tx, |c| sqlx::query_scalar(
            "SELECT COUNT(*) FROM ledger_ratings WHERE subject_id = $1 AND year = $2"
        )
        .bind(subject_id)
        .bind(year)
        .fetch_one(c)
        .await)?;
        Ok(n > 0)
    }

    /// True when the organisation has a cluster of that name in the year.
    pub async fn cluster_taken(tx: &mut Tx, org_id: &str, year: i64, name: &str) -> Result<bool> {
        let n: i64 = on_tx!(tx, |c| sqlx::query_scalar(
            "SELECT COUNT(*) FROM clusters WHERE org_id = $1 AND year = $2 AND name = $3"
        )
        .bind(org_id)
        .bind(year)
        .bind(name)
        .fetch_one(c)
        .await)?;
        Ok(n > 0)
    }

    /// When the organisation imported the data of `source_org_id`, if it did.
    pub async fn imported_at(
        tx: &mut Tx,
        org_id: &str,
        source_org_id: &str,
    ) -> Result<Option<String>> {
        Ok(on_tx!(tx, |c| sqlx::query_scalar::<_, String>(
            "SELECT imported_at FROM transfer_imports WHERE org_id = $1 AND source_org_id = $2"
        )
        .bind(org_id)
        .bind(source_org_id)
        .fetch_optional(c)
        .await)?)
    }

    /// Records that the organisation imports `source_org_id`'s data; [`crate::StoreError::Duplicate`]
    /// when another import of it got there first.
    pub async fn mark_imported(
        tx: &mut Tx,
        org_id: &str,
        source_org_id: &str,
        source_org_name: &str,
    ) -> Result<()> {
        crate::sql::insert_row!(tx, "transfer_imports", {
            org_id: org_id,
            source_org_id: source_org_id,
            source_org_name: source_org_name,
            imported_at: crate::ids::now(),
        })?;
        Ok(())
    }

    /// Records an archive uploaded by the organisation (kept in the blob store under `archive_key`).
    pub async fn mark_uploaded(
        tx: &mut Tx,
        org_id: &str,
        archive_key: &str,
        user_id: Option<&str>,
    ) -> Result<()> {
        crate::sql::insert_row!(tx, "transfer_uploads", {
            org_id: org_id,
            archive_key: archive_key,
            uploaded_by: user_id,
            uploaded_at: crate::ids::now(),
        }, "ON CONFLICT (org_id, archive_key) DO NOTHING")?;
        Ok(())
    }

    /// True when the organisation uploaded the archive kept under `archive_key`.
    pub async fn uploaded(tx: &mut Tx, org_id: &str, archive_key: &str) -> Result<bool> {
        let n: i64 = on_tx!(tx, |c| sqlx::query_scalar(
            "SELECT COUNT(*) FROM transfer_uploads WHERE org_id = $1 AND archive_key = $2"
        )
        .bind(org_id)
        .bind(archive_key)
        .fetch_one(c)
        .await)?;
        Ok(n > 0)
    }

    /// Points an imported (closed) unit to the unit that carries it on.
    pub async fn set_successor(tx: &mut Tx, unit_id: &str, successor_id: &str) -> Result<()> {
        crate::exec!(
            tx,
            sqlx::query("UPDATE units SET successor_id = $1 WHERE id = $2")
                .bind(successor_id)
                .bind(unit_id)
        )?;
        Ok(())
    }
}
