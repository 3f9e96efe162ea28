//! Multi-row inserts for generated data (the province generator writes millions of rows).
//!
//! A statement inserts many rows at once: one round trip and one parse for hundreds of rows instead of
//! one each. The table and column names are `&'static str` written in the program, never user input,
//! so the SQL text assembled here is safe; the values are always bound.

use crate::{Result, Tx, exec};

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Val {
    Text(String),
    Int(i64),
    Real(f64),
    Bool(bool),
    /// A NULL in a TEXT column.
    Null,
    /// A NULL in an integer column (PostgreSQL wants the parameter typed).
    NullInt,
    /// A NULL in a floating-point column.
    NullReal,
    /// A NULL in a boolean column.
    NullBool,
}

impl Val {
    /// An optional integer: the number or a typed NULL.
    pub fn int_or_null(v: Option<i64>) -> Val {
        v.map_or(Val::NullInt, Val::Int)
    }
}

impl From<&str> for Val {
    fn from(v: &str) -> Val {
        Val::Text(v.to_string())
    }
}

impl From<String> for Val {
    fn from(v: String) -> Val {
        Val::Text(v)
    }
}

impl From<&String> for Val {
    fn from(v: &String) -> Val {
        Val::Text(v.clone())
    }
}

impl From<i64> for Val {
    fn from(v: i64) -> Val {
        Val::Int(v)
    }
}

impl From<f64> for Val {
    fn from(v: f64) -> Val {
        Val::Real(v)
    }
}

impl From<bool> for Val {
    fn from(v: bool) -> Val {
        Val::Bool(v)
    }
}

impl<T: Into<Val>> From<Option<T>> for Val {
    fn from(v: Option<T>) -> Val {
        v.map_or(Val::Null, Into::into)
    }
}

/// Rows for one table, gathered before they are written.
#[derive(Debug)]
pub struct Rows {
    pub table: &'static str,
    pub columns: &'static [&'static str],
    pub rows: Vec<Vec<Val>>,
}

impl Rows {
    pub fn new(table: &'static str, columns: &'static [&'static str]) -> Rows {
        Rows {
            table,
            columns,
            rows: Vec::new(),
        }
    }

    /// Adds a row; its values are in the order of `columns`.
    pub fn push(&mut self, row: Vec<Val>) {
        debug_assert_eq!(row.len(), self.columns.len(), "{}", self.table);
        self.rows.push(row);
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Writes the gathered rows and empties the list; returns how many were written.
    pub async fn flush(&mut self, tx: &mut Tx) -> Result<u64> {
        let written = insert(tx, self.table, self.columns, &self.rows).await?;
        self.rows.clear();
        Ok(written)
    }
}

/// How many rows one statement carries. SQLite's driver slows down on statements with thousands of
/// parameters (bench/import_people.sh: 25 rows of 12 were the fastest), PostgreSQL prefers fewer,
/// larger round trips (its limit is 65,535 parameters).
fn rows_per_statement(tx: &Tx, columns: usize) -> usize {
    let params = match tx {
        Tx::Sqlite(_) => 320,
        Tx::Postgres(_) => 16_000,
    };
    (params / columns.max(1)).max(1)
}

/// `INSERT INTO table (columns…) VALUES (…), (…), …` for every row, in statements of many rows.
/// Table and column names are the program's own (or read from the database's catalog), never input.
pub async fn insert(tx: &mut Tx, table: &str, columns: &[&str], rows: &[Vec<Val>]) -> Result<u64> {
    let mut written = 0;
    for chunk in rows.chunks(rows_per_statement(tx, columns.len())) {
        let sql = statement(table, columns, chunk.len());
        written += exec!(tx, {
            // Static table and column names; the number of rows is the only dynamic part.
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
            for row in chunk {
                for v in row {
                    q = match v {
                        Val::Text(s) => q.bind(s.as_str()),
                        Val::Int(i) => q.bind(*i),
                        Val::Real(f) => q.bind(*f),
                        Val::Bool(b) => q.bind(*b),
                        Val::Null => q.bind(None::<&str>),
                        Val::NullInt => q.bind(None::<i64>),
                        Val::NullReal => q.bind(None::<f64>),
                        Val::NullBool => q.bind(None::<bool>),
                    };
                }
            }
            q
        })?;
    }
    Ok(written)
}

fn statement(table: &str, columns: &[&str], rows: usize) -> String {
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    let mut n = 0;
    for r in 0..rows {
        if r > 0 {
            sql.push(',');
        }
        sql.push('(');
        for c in 0..columns.len() {
            if c > 0 {
                sql.push(',');
            }
            n += 1;
            sql.push('$');
            sql.push_str(&n.to_string());
        }
        sql.push(')');
    }
    sql
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_placeholders_across_rows() {
        assert_eq!(
            statement("t", &["a", "b"], 2),
            "INSERT INTO t (a, b) VALUES ($1,$2),($3,$4)"
        );
    }
}
