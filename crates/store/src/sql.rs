//! Statements that name each column once, next to its value.
//!
//! A hand-written `INSERT INTO t (a, b, c) VALUES ($1, $2, $3)` followed by `.bind(a).bind(b).bind(c)`
//! keeps the column list and the values apart: swapping two binds of the same type still compiles and
//! silently writes a value into the wrong column. [`insert_row!`] and [`update_row!`] take
//! `column: value` pairs and derive both the SQL text and the binds from that one list, so a column
//! and its value cannot drift apart.
//!
//! The SQL is assembled at compile time with `concat!`, so it is a `&'static str` (no
//! `sqlx::AssertSqlSafe` needed); placeholders are `$1, $2, …`, which SQLite and PostgreSQL both
//! accept; the statement runs through [`exec!`](crate::exec) on whichever engine the [`Tx`](crate::Tx)
//! holds and yields the number of rows affected. These are plain `macro_rules!` (no dependency, no
//! query builder at run time); `__row!` is their tt-muncher and is not meant to be called directly.

/// `INSERT INTO $table (col, …) VALUES ($1, …) [suffix]` on a [`Tx`](crate::Tx), binding each value in
/// the order its column is named. Yields `Result<u64, sqlx::Error>` (rows affected), like `exec!`.
///
/// ```ignore
/// insert_row!(tx, "nomination_events", { id: &e.id, nomination_id: &e.nomination_id, round: e.round })?;
/// insert_row!(tx, "notification_reads", { notification_id: id, user_id: user }, "ON CONFLICT (notification_id, user_id) DO NOTHING")?;
/// ```
macro_rules! insert_row {
    ($tx:expr, $table:literal, { $($items:tt)* } $(, $suffix:literal)? $(,)?) => {
        $crate::sql::__row!(@start insert [$tx] [$table] [$($suffix)?] [] [] [] [""] $($items)*)
    };
}

/// `UPDATE $table SET col = $1, … WHERE col = $n AND …` on a [`Tx`](crate::Tx), binding each value in
/// the order its column is named. In both lists `column: value` is bound and compared/assigned with
/// `=`, and a string literal is copied into the SQL as it is (`"version = version + 1"`,
/// `"revoked_at IS NULL"`). Yields `Result<u64, sqlx::Error>` (rows affected), like `exec!`.
///
/// ```ignore
/// update_row!(tx, "ledger_ratings",
///     SET { rating: rating, "version = version + 1", updated_at: ids::now() }
///     WHERE { id: id, org_id: org_id, version: version })?;
/// ```
macro_rules! update_row {
    ($tx:expr, $table:literal, SET { $($set:tt)* } WHERE { $($where:tt)* } $(,)?) => {
        $crate::sql::__row!(@start update [$tx] ["UPDATE ", $table, " SET ",] [] [""] [$($set)*] [$($where)*])
    };
}

/// The tt-muncher behind [`insert_row!`] and [`update_row!`]: consumes one item per step, taking the
/// next placeholder number for each bound value.
#[doc(hidden)]
macro_rules! __row {
    // Entry: the placeholder numbers to take from, in order.
    (@start $($rest:tt)*) => {
        $crate::sql::__row!(["$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8" "$9" "$10" "$11" "$12" "$13" "$14" "$15" "$16" "$17" "$18" "$19" "$20" "$21" "$22" "$23" "$24" "$25" "$26" "$27" "$28" "$29" "$30" "$31" "$32" "$33" "$34" "$35" "$36" "$37" "$38" "$39" "$40" "$41" "$42" "$43" "$44" "$45" "$46" "$47" "$48" "$49" "$50" "$51" "$52" "$53" "$54" "$55" "$56" "$57" "$58" "$59" "$60" "$61" "$62" "$63" "$64"] $($rest)*)
    };

    // INSERT, `column: value`.
    ([$n:literal $($ns:literal)*] insert [$tx:expr] [$table:literal] [$($suffix:literal)?]
        [$($cols:tt)*] [$($vals:tt)*] [$($binds:tt)*] [$sep:literal]
        $col:ident : $val:expr $(, $($rest:tt)*)?) => {
        $crate::sql::__row!([$($ns)*] insert [$tx] [$table] [$($suffix)?]
            [$($cols)* $sep, stringify!($col),] [$($vals)* $sep, $n,] [$($binds)* ($val)] [", "]
            $($($rest)*)?)
    };
    // INSERT, every item taken.
    ([$($ns:literal)*] insert [$tx:expr] [$table:literal] [$($suffix:literal)?]
        [$($cols:tt)*] [$($vals:tt)*] [$($binds:tt)*] [$sep:literal]) => {
        $crate::exec!(
            $tx,
            sqlx::query(concat!("INSERT INTO ", $table, " (", $($cols)* ") VALUES (", $($vals)* ")" $(, " ", $suffix)?))
                $(.bind $binds)*
        )
    };

    // UPDATE, SET `column: value`.
    ([$n:literal $($ns:literal)*] update [$tx:expr] [$($sql:tt)*] [$($binds:tt)*] [$sep:literal]
        [$col:ident : $val:expr $(, $($rest:tt)*)?] [$($where:tt)*]) => {
        $crate::sql::__row!([$($ns)*] update [$tx] [$($sql)* $sep, stringify!($col), " = ", $n,] [$($binds)* ($val)] [", "]
            [$($($rest)*)?] [$($where)*])
    };
    // UPDATE, SET raw SQL.
    ([$($ns:literal)*] update [$tx:expr] [$($sql:tt)*] [$($binds:tt)*] [$sep:literal]
        [$raw:literal $(, $($rest:tt)*)?] [$($where:tt)*]) => {
        $crate::sql::__row!([$($ns)*] update [$tx] [$($sql)* $sep, $raw,] [$($binds)*] [", "]
            [$($($rest)*)?] [$($where)*])
    };
    // UPDATE, SET done: on to WHERE.
    ([$($ns:literal)*] update [$tx:expr] [$($sql:tt)*] [$($binds:tt)*] [$sep:literal]
        [] [$($where:tt)+]) => {
        $crate::sql::__row!([$($ns)*] where [$tx] [$($sql)* " WHERE ",] [$($binds)*] [""] [$($where)+])
    };
    // UPDATE, WHERE `column: value`.
    ([$n:literal $($ns:literal)*] where [$tx:expr] [$($sql:tt)*] [$($binds:tt)*] [$sep:literal]
        [$col:ident : $val:expr $(, $($rest:tt)*)?]) => {
        $crate::sql::__row!([$($ns)*] where [$tx] [$($sql)* $sep, stringify!($col), " = ", $n,] [$($binds)* ($val)] [" AND "]
            [$($($rest)*)?])
    };
    // UPDATE, WHERE raw SQL.
    ([$($ns:literal)*] where [$tx:expr] [$($sql:tt)*] [$($binds:tt)*] [$sep:literal]
        [$raw:literal $(, $($rest:tt)*)?]) => {
        $crate::sql::__row!([$($ns)*] where [$tx] [$($sql)* $sep, $raw,] [$($binds)*] [" AND "]
            [$($($rest)*)?])
    };
    // UPDATE, every item taken.
    ([$($ns:literal)*] where [$tx:expr] [$($sql:tt)*] [$($binds:tt)*] [$sep:literal] []) => {
        $crate::exec!($tx, sqlx::query(concat!($($sql)*)) $(.bind $binds)*)
    };
}

pub(crate) use {__row, insert_row, update_row};

/// Locks row `id` of `table` until the transaction ends, so that checks on it and the writes they allow
/// are not interleaved with another transaction's. On PostgreSQL `FOR NO KEY UPDATE`: rows that merely
/// refer to it are still written meanwhile (no advisory locks, by our rules); on SQLite a write
/// transaction already holds the database's write lock (`BEGIN IMMEDIATE`).
pub(crate) async fn lock_row(
    tx: &mut crate::Tx,
    table: &'static str,
    id: &str,
) -> crate::Result<()> {
    if let crate::Tx::Postgres(t) = tx {
        let sql = format!("SELECT id FROM {table} WHERE id = $1 FOR NO KEY UPDATE");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&mut **t)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::{Db, Tx, on_tx};

    /// Each value lands in the column named next to it, in an INSERT and in an UPDATE with raw
    /// fragments and a WHERE list.
    #[tokio::test]
    async fn values_land_in_their_columns() {
        let db = Db::connect("sqlite::memory:").await.unwrap();
        let mut tx = db.begin().await.unwrap();
        let tx: &mut Tx = &mut tx;
        crate::exec!(
            tx,
            sqlx::query("CREATE TABLE t (id TEXT, a TEXT, b TEXT, n INTEGER, version INTEGER)")
        )
        .unwrap();
        let n =
            insert_row!(tx, "t", { id: "x", b: "bee", a: "ay", n: 7_i64, version: 1_i64 }).unwrap();
        assert_eq!(n, 1);
        let none: Option<String> = None;
        let n = update_row!(tx, "t", SET { b: &none, "version = version + 1", n: 8_i64 } WHERE { id: "x", version: 1_i64, "a IS NOT NULL" })
            .unwrap();
        assert_eq!(n, 1);
        let row = on_tx!(tx, |c| sqlx::query_as::<
            _,
            (String, Option<String>, i64, i64),
        >(
            "SELECT a, b, n, version FROM t WHERE id = 'x'"
        )
        .fetch_one(c)
        .await)
        .unwrap();
        assert_eq!(row, ("ay".to_string(), None, 8, 2));
        let n = update_row!(tx, "t", SET { a: "no" } WHERE { id: "x", version: 1_i64 }).unwrap();
        assert_eq!(n, 0);
    }
}
