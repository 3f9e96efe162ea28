//! The database handle: a pool for SQLite or PostgreSQL, migrations, and transactions.

use crate::Result;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};
use std::str::FromStr;
use std::time::Duration;

/// Runs the same query expression on whichever engine a [`Tx`] holds. Inside `$body`, `$c` is a
/// `&mut` connection of that engine, so `sqlx::query(..).execute($c)` type-checks for both.
#[macro_export]
macro_rules! on_tx {
    ($tx:expr, |$c:ident| $body:expr) => {
        match $tx {
            $crate::Tx::Sqlite(t) => {
                let $c = &mut **t;
                $body
            }
            $crate::Tx::Postgres(t) => {
                let $c = &mut **t;
                $body
            }
        }
    };
}

/// Executes a statement built by `$query` (type-checked once per engine) inside a [`Tx`] and returns
/// the number of rows it affected.
#[macro_export]
macro_rules! exec {
    ($tx:expr, $query:expr) => {
        match $tx {
            $crate::Tx::Sqlite(t) => $query.execute(&mut **t).await.map(|r| r.rows_affected()),
            $crate::Tx::Postgres(t) => $query.execute(&mut **t).await.map(|r| r.rows_affected()),
        }
    };
}

/// Which engine a database runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A connection pool on one engine.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePools),
    Postgres(PgPool),
}

/// SQLite's two pools: readers run side by side (WAL), while writers take turns on their own pool,
/// each beginning with `BEGIN IMMEDIATE`. A deferred transaction that reads and then writes cannot
/// upgrade its lock while another connection writes, and fails with "database is locked" whatever the
/// busy timeout; taking the write lock first, and queueing writers in the pool, makes them wait instead.
#[derive(Clone, Debug)]
pub struct SqlitePools {
    pub read: SqlitePool,
    pub write: SqlitePool,
}

/// How many connections may write to SQLite at once (`THIDUA_SQLITE_WRITERS`, default 1). More than one
/// is still correct (each begins IMMEDIATE and waits on the busy timeout); one queues them fairly in
/// the pool instead of polling the file lock (measured in the README's performance section).
fn sqlite_writers() -> u32 {
    std::env::var("THIDUA_SQLITE_WRITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n: &u32| *n > 0)
        .unwrap_or(1)
}

/// An open transaction; commit it, or drop it to roll back.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// Migrations of both engines (portable SQL).
static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");
/// Migrations of one engine only (full-text search): versions from 1001, run after the shared ones.
/// The version of the newest shared migration (what the tables look like on both engines).
pub(crate) fn shared_schema_version() -> i64 {
    MIGRATOR
        .migrations
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0)
}
static SQLITE_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations_sqlite");
static POSTGRES_MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations_postgres");

impl Db {
    /// Connects by URL: `sqlite://path/to/file.db` (created if missing) or `postgres://…`.
    pub async fn connect(url: &str) -> Result<Db> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url)?;
            let pool = PgPoolOptions::new()
                .max_connections(20)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await?;
            Ok(Db::Postgres(pool))
        } else {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // In WAL mode, NORMAL writes every commit to the WAL before COMMIT returns: an
                // acknowledged write survives the process being killed (the OS keeps the bytes), but
                // not a power loss, which needs FULL (see tests/app/durability.rs in crates/thidua).
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
                // A province's file is gigabytes: read pages through a memory map (shared by every
                // connection, served from the OS page cache) instead of a read() call per page, and keep
                // 32 MB of decoded pages per connection. Measured in bench/province.sh: most of the time
                // of a cold list was in system calls.
                .pragma("mmap_size", "2147418112")
                .pragma("cache_size", "-32000");
            let read = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(options.clone())
                .await?;
            let write = SqlitePoolOptions::new()
                .max_connections(sqlite_writers())
                .acquire_timeout(Duration::from_secs(60))
                .connect_with(options)
                .await?;
            Ok(Db::Sqlite(SqlitePools { read, write }))
        }
    }

    pub fn engine(&self) -> Engine {
        match self {
            Db::Sqlite(_) => Engine::Sqlite,
            Db::Postgres(_) => Engine::Postgres,
        }
    }

    /// Brings the schema up to date; safe to run on every start.
    pub async fn migrate(&self) -> Result<()> {
        // Both sets share the migrations table; each ignores the versions of the other.
        let ignoring = |m: &sqlx::migrate::Migrator| {
            let mut m = sqlx::migrate::Migrator {
                migrations: m.migrations.clone(),
                ..sqlx::migrate::Migrator::DEFAULT
            };
            m.set_ignore_missing(true);
            m
        };
        match self {
            Db::Sqlite(p) => {
                ignoring(&MIGRATOR).run(&p.write).await?;
                ignoring(&SQLITE_MIGRATOR).run(&p.write).await?;
            }
            Db::Postgres(p) => {
                ignoring(&MIGRATOR).run(p).await?;
                ignoring(&POSTGRES_MIGRATOR).run(p).await?;
            }
        }
        Ok(())
    }

    /// Begins a transaction that may write: on SQLite it holds the write lock from its first statement,
    /// so its checks and its writes see no other writer in between.
    pub async fn begin(&self) -> Result<Tx> {
        Ok(match self {
            Db::Sqlite(p) => Tx::Sqlite(p.write.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Begins a transaction that only reads: on SQLite it runs beside the writers and other readers.
    /// A write inside it may fail under concurrency: use [`Db::begin`] for anything that writes.
    pub async fn begin_read(&self) -> Result<Tx> {
        Ok(match self {
            Db::Sqlite(p) => Tx::Sqlite(p.read.begin().await?),
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// Refreshes the planner's statistics after a bulk load (SQLite keeps none until asked; without
    /// them it may pick an index that only filters on the organisation and sort 200,000 rows).
    pub async fn analyze(&self) -> Result<()> {
        match self {
            Db::Sqlite(p) => {
                sqlx::query("ANALYZE").execute(&p.write).await?;
            }
            Db::Postgres(p) => {
                sqlx::query("ANALYZE").execute(p).await?;
            }
        }
        Ok(())
    }

    /// True when the database answers a trivial query (`/healthz`).
    pub async fn ping(&self) -> bool {
        match self {
            Db::Sqlite(p) => sqlx::query("SELECT 1").execute(&p.read).await.is_ok(),
            Db::Postgres(p) => sqlx::query("SELECT 1").execute(p).await.is_ok(),
        }
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(p) => {
                p.write.close().await;
                p.read.close().await
            }
            Db::Postgres(p) => p.close().await,
        }
    }
}

impl Tx {
    pub async fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}
